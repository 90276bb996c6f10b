//! Part-of-speech tagging, lemmas and dependency parsing, trained on Universal Dependencies.

mod upos;

pub use upos::Upos;
