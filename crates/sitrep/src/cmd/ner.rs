//! `sitrep train ner`, `sitrep eval ner` and `sitrep tag --format conll`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;

/// Arguments of `sitrep train ner`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Training file (CoNLL-2003 columns).
    #[arg(long)]
    pub train: PathBuf,
    /// Development file, for reporting and early stopping.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
}

/// Arguments of `sitrep eval ner`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file (CoNLL-2003 columns).
    #[arg(long)]
    pub gold: PathBuf,
}

/// Trains the entity tagger.
pub fn train(_args: TrainArgs) -> Result<ExitCode> {
    bail!("the entity tagger is not built yet")
}

/// Scores the entity tagger.
pub fn eval(_args: EvalArgs) -> Result<ExitCode> {
    bail!("the entity tagger is not built yet")
}

/// Tags a CoNLL file.
pub fn tag_conll(_input: &Path) -> Result<ExitCode> {
    bail!("the entity tagger is not built yet")
}
