//! `sitrep read`: one article in, its briefing or record out.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;

/// Arguments of `sitrep read`.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Print the record as JSON instead of the briefing.
    #[arg(long)]
    pub json: bool,
    /// Skip cleaning: offsets point into the input exactly.
    #[arg(long)]
    pub verbatim: bool,
    /// The document creation date (YYYY-MM-DD) that relative dates resolve against.
    #[arg(long)]
    pub date: Option<String>,
    /// The article, or `-` for standard input.
    #[arg(default_value = "-")]
    pub input: PathBuf,
}

/// Runs `sitrep read`.
pub fn run(_args: ReadArgs) -> Result<ExitCode> {
    bail!("not built yet")
}
