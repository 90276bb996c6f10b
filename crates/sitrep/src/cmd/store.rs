//! Store commands: `ingest`, `search`, `timeline`, `actors`, `export`, `stats`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;

/// The store location shared by every store command.
#[derive(Debug, Args)]
pub struct DbArg {
    /// The store (SQLite file).
    #[arg(long, env = "SITREP_DB", default_value = "sitrep.db")]
    pub db: PathBuf,
}

/// Arguments of `sitrep ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    db: DbArg,
    /// Files, directories, globs, JSONL, feeds, WARC; `-` reads paths from stdin.
    #[arg(required = true)]
    inputs: Vec<String>,
}

/// Arguments of `sitrep search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    db: DbArg,
    /// The query.
    query: String,
}

/// Arguments of `sitrep timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    db: DbArg,
    /// The actor's name.
    #[arg(long)]
    actor: String,
}

/// Arguments of `sitrep actors`.
#[derive(Debug, Args)]
pub struct ActorsArgs {
    #[command(flatten)]
    db: DbArg,
}

/// Arguments of `sitrep export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    db: DbArg,
    /// `jsonl` or `csv`.
    #[arg(long, default_value = "jsonl")]
    format: String,
}

/// Arguments of `sitrep stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    db: DbArg,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `sitrep ingest`.
pub fn ingest(_args: IngestArgs) -> Result<ExitCode> {
    bail!("the store is not built yet")
}

/// Runs `sitrep search`.
pub fn search(_args: SearchArgs) -> Result<ExitCode> {
    bail!("the store is not built yet")
}

/// Runs `sitrep timeline`.
pub fn timeline(_args: TimelineArgs) -> Result<ExitCode> {
    bail!("the store is not built yet")
}

/// Runs `sitrep actors`.
pub fn actors(_args: ActorsArgs) -> Result<ExitCode> {
    bail!("the store is not built yet")
}

/// Runs `sitrep export`.
pub fn export(_args: ExportArgs) -> Result<ExitCode> {
    bail!("the store is not built yet")
}

/// Runs `sitrep stats`.
pub fn stats(_args: StatsArgs) -> Result<ExitCode> {
    bail!("the store is not built yet")
}
