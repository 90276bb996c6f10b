//! The record: what sitrep says about one article, as JSON.
//!
//! This is the only crate that knows the wire format. Pipeline crates speak in byte
//! [`Span`](sitrep_text::Span)s; [`schema`] speaks in Unicode code points, and the
//! conversion happens here, once ([`Offsets`]).
//!
//! ```
//! use sitrep_record::{Record, Offsets};
//! use sitrep_text::Span;
//! let text = "Andreï visited.";
//! let offsets = Offsets::new(text);
//! let s = offsets.span(Span::from_range(8..15));
//! assert_eq!((s.start, s.end), (7, 14));
//! let rec = Record { text: text.into(), ..Record::default() };
//! assert!(sitrep_record::to_json(&rec).contains("\"entities\":[]"));
//! ```

pub mod schema;

pub use schema::*;
use sitrep_text::{CharIndex, Span};

/// Converts pipeline byte spans into record code point spans for one text.
#[derive(Debug, Clone)]
pub struct Offsets {
    index: CharIndex,
}

impl Offsets {
    /// Indexes `text` (the record's `text`).
    pub fn new(text: &str) -> Offsets {
        Offsets {
            index: CharIndex::new(text),
        }
    }

    /// A byte span as a record span.
    pub fn span(&self, span: Span) -> SpanRef {
        let (start, end) = self.index.to_chars(span);
        SpanRef { start, end }
    }
}

/// The record as compact JSON (one line).
pub fn to_json(record: &Record) -> String {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string(record).unwrap_or_else(|_| String::from("{}"))
}

/// The record as indented JSON.
pub fn to_json_pretty(record: &Record) -> String {
    serde_json::to_string_pretty(record).unwrap_or_else(|_| String::from("{}"))
}

/// Parses a record (as stored or printed by `sitrep read --json`).
pub fn from_json(json: &str) -> Result<Record, serde_json::Error> {
    serde_json::from_str(json)
}
