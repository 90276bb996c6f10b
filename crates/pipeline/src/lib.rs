//! The whole pipeline as one call: source bytes in, [`Record`] out.
//!
//! `source → article → document → annotations → events → record`. [`Pipeline`] loads the
//! models once and is `Sync`, so one instance serves every thread of an ingest.
//!
//! ```
//! use sitrep_pipeline::{Input, Pipeline};
//! let pipeline = Pipeline::new().unwrap();
//! let input = Input { bytes: b"Talks resume\n\nThe two sides met on Monday.", name: "doc".into(), ..Input::default() };
//! let record = pipeline.read(&input).unwrap();
//! assert_eq!(record.title.as_deref(), Some("Talks resume"));
//! assert_eq!(record.sentences.len(), 1);
//! ```

use sitrep_article::{Article, Cleaner, detect_language};
use sitrep_document::Document;
use sitrep_record::{self as record, Offsets, Record};
use sitrep_source::{SourceKind, decode};

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

/// Why an input could not be read, or the pipeline not loaded.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The bytes are not text sitrep can read.
    #[error(transparent)]
    Source(#[from] sitrep_source::SourceError),
    /// A date given by the caller is malformed.
    #[error("{name}: bad date {date:?}: expected YYYY-MM-DD")]
    BadDate {
        /// The input's name.
        name: String,
        /// The date given.
        date: String,
    },
    /// An embedded model or rule file failed to load (a build defect, never input).
    #[error("loading {component}: {message}")]
    Load {
        /// Which component.
        component: &'static str,
        /// What went wrong.
        message: String,
    },
}

/// The loaded pipeline.
#[derive(Debug)]
pub struct Pipeline {
    cleaner: Cleaner,
}

impl Pipeline {
    /// Loads the embedded rules and models.
    pub fn new() -> Result<Pipeline, PipelineError> {
        let cleaner = Cleaner::new()
            .map_err(|e| PipelineError::Load { component: "cleaning rules", message: e.to_string() })?;
        Ok(Pipeline { cleaner })
    }

    /// Reads one article into its record.
    pub fn read(&self, input: &Input<'_>) -> Result<Record, PipelineError> {
        let source = decode(&input.name, input.bytes.to_vec())?;
        if let Some(date) = &input.date {
            if !is_iso_date(date) {
                return Err(PipelineError::BadDate { name: input.name.clone(), date: date.clone() });
            }
        }
        let format = input.format.unwrap_or(match source.kind {
            SourceKind::Html => Format::Html,
            SourceKind::Text => Format::Text,
        });
        let _ = format; // HTML extraction lands with the HTML issue.
        let article = if input.verbatim {
            Article::verbatim(&source.text)
        } else {
            self.cleaner.clean(&source.text)
        };
        Ok(self.annotate(input, article))
    }

    fn annotate(&self, input: &Input<'_>, article: Article) -> Record {
        let mut notes = Vec::new();
        let language = detect_language(&article.text);
        if article.text.trim().is_empty() {
            notes.push("no article text: the input is empty or held only boilerplate".to_string());
        } else if !language.is_english_or_unknown() {
            notes.push(format!(
                "the body is in {} ({}); sitrep's models are English, so entities, times, quotes and events were not extracted",
                language.name, language.code
            ));
        }
        let document = Document::new(article.text.clone());
        let offsets = Offsets::new(document.text());
        let document_date = input.date.as_ref().map(|d| record::DocumentDate {
            value: d.clone(),
            inferred: false,
            basis: "given by the caller".to_string(),
        });
        Record {
            schema: record::SCHEMA_VERSION,
            title: input.title.clone().or(article.title),
            language: language.code.to_string(),
            notes,
            truncation: article.truncation.map(|t| record::Truncation {
                visible_fraction: t.visible_fraction,
                evidence: t.evidence,
            }),
            removed: article
                .removed
                .into_iter()
                .map(|r| record::Removed { kind: r.kind, text: r.text, rule: r.rule })
                .collect(),
            metadata: input.url.as_ref().map(|url| record::Metadata {
                url: Some(url.clone()),
                ..record::Metadata::default()
            }),
            document_date,
            sentences: document.sentences().iter().map(|s| offsets.span(s.span)).collect(),
            text: document.text().to_string(),
            ..Record::default()
        }
    }
}

fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}
