//! `sitrep train syntax`, `sitrep eval syntax` and `sitrep tag --format conllu`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;

/// Arguments of `sitrep train syntax`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Training file (CoNLL-U).
    #[arg(long)]
    pub train: PathBuf,
    /// Development file, for reporting and early stopping.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
}

/// Arguments of `sitrep eval syntax`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file (CoNLL-U).
    #[arg(long)]
    pub gold: PathBuf,
}

/// Trains the syntax models.
pub fn train(_args: TrainArgs) -> Result<ExitCode> {
    bail!("the syntax models is not built yet")
}

/// Scores the syntax models.
pub fn eval(_args: EvalArgs) -> Result<ExitCode> {
    bail!("the syntax models is not built yet")
}

/// Tags a CoNLL-U file.
pub fn tag_conllu(_input: &Path) -> Result<ExitCode> {
    bail!("the syntax models is not built yet")
}
