//! One module per command family. Each takes its clap arguments and returns an exit code.

pub mod ner;
pub mod read;
pub mod store;
pub mod syntax;
pub mod tag;
