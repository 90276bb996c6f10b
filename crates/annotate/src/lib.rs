//! Annotations over a [`Document`](sitrep_document::Document): who and what is named
//! ([`entities`]) and who said what ([`quotes`]). Times live in `sitrep-time`, which needs no
//! document.

pub mod entities;
pub mod quotes;
