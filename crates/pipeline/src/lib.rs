//! The whole pipeline as one call: source bytes in, [`Record`] out.
//!
//! `source → article → document → annotations → events → record`. [`Pipeline`] loads the
//! models once and is `Sync`, so one instance serves every thread of an ingest.

use sitrep_record::Record;

/// How to read the input bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain (possibly scraped) text.
    Text,
    /// An HTML page.
    Html,
}

/// One article to read, with what the caller already knows about it.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    /// The raw bytes (UTF-8 text or HTML).
    pub bytes: &'a [u8],
    /// A name for messages (a path, a URL, a JSONL id).
    pub name: String,
    /// The format, when known; detected from the content otherwise.
    pub format: Option<Format>,
    /// A title given by the container (JSONL, feed item), if any.
    pub title: Option<String>,
    /// A publication date `YYYY-MM-DD` given by the caller (`--date`, JSONL, feed), if any.
    pub date: Option<String>,
    /// The article's URL, if known.
    pub url: Option<String>,
    /// Skip cleaning: offsets point into the input exactly.
    pub verbatim: bool,
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The bytes are not text sitrep can read.
    #[error("{name}: {problem}")]
    Unreadable {
        /// The input's name.
        name: String,
        /// What is wrong.
        problem: String,
    },
}

/// The loaded pipeline.
#[derive(Debug, Default)]
pub struct Pipeline {}

impl Pipeline {
    /// Loads the embedded models.
    pub fn new() -> Result<Pipeline, PipelineError> {
        Ok(Pipeline {})
    }

    /// Reads one article into its record.
    pub fn read(&self, input: &Input<'_>) -> Result<Record, PipelineError> {
        let text = std::str::from_utf8(input.bytes).map_err(|e| PipelineError::Unreadable {
            name: input.name.clone(),
            problem: format!("not UTF-8 text ({e})"),
        })?;
        Ok(Record { text: text.to_string(), title: input.title.clone(), ..Record::default() })
    }
}
