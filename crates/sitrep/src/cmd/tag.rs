//! `sitrep tag`: CoNLL (entities) and CoNLL-U (syntax) token files.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};

/// Arguments of `sitrep tag`.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// Input format: `conll` adds an entity column; `conllu` fills LEMMA, UPOS, HEAD, DEPREL.
    #[arg(long, value_enum)]
    pub format: TagFormat,
    /// The file to tag, or `-` for standard input.
    #[arg(default_value = "-")]
    pub input: PathBuf,
}

/// Token file formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TagFormat {
    /// CoNLL-2003 columns; an entity tag column is appended.
    Conll,
    /// CoNLL-U; syntax columns are filled.
    Conllu,
}

/// Runs `sitrep tag`.
pub fn run(args: TagArgs) -> Result<ExitCode> {
    match args.format {
        TagFormat::Conll => super::ner::tag_conll(&args.input),
        TagFormat::Conllu => super::syntax::tag_conllu(&args.input),
    }
}
