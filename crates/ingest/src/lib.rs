//! Many articles in: expands inputs (files, folders, globs, JSONL, feeds, WARC, gzip), reads
//! them in parallel, finds duplicates and syndicated copies, and writes the store.
//!
//! # Brief overview
//!
//! ```text
//! inputs ─▶ Inputs (lazy, one item at a time) ─▶ chunks of --batch-size items
//!        ─▶ rayon workers: fetch, Reader::clean, skip if the store holds it (SeenCheck),
//!           Reader::finish, MinHash signature
//!        ─▶ writer thread: exact-duplicate check, near-duplicate check, one transaction per chunk
//! ```
//!
//! The crate does not know the pipeline: the caller passes a [`Reader`] (the binary wires
//! `sitrep_pipeline::Pipeline`). Memory is bounded by the chunk size and two chunks in flight,
//! whatever the size of the corpus. A failure is reported per item as `name: problem` and the
//! batch goes on; only a store error stops the ingest.
//!
//! ```
//! use sitrep_ingest::{Item, IngestOptions, Inputs, NoProgress, ingest};
//! use sitrep_record::Record;
//! use sitrep_store::{SqliteStore, Store};
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("a.txt"), "Rescuers searched the rubble on Monday.")?;
//! let reader = |_: &Item, bytes: &[u8]| -> Result<Record, String> {
//!     let text = String::from_utf8(bytes.to_vec()).map_err(|e| e.to_string())?;
//!     Ok(Record { text, ..Record::default() })
//! };
//! let mut store = SqliteStore::open_in_memory()?;
//! let inputs = Inputs::new(&[dir.path().display().to_string()], None, None);
//! let summary = ingest(&mut store, inputs, &reader, &IngestOptions::default(), &NoProgress)?;
//! assert_eq!((summary.read, summary.new), (1, 1));
//! assert_eq!(store.stats()?.articles, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod container;
pub mod dedup;
mod fetch;
mod input;
mod run;

pub use fetch::{FetchOptions, Fetcher};
pub use input::{Body, Failure, Format, Inputs, Item};
pub use run::{IngestOptions, NoProgress, Progress, Summary, ingest};

use sitrep_record::Record;

/// What can stop a whole ingest (per-item problems are [`Failure`]s instead).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The store failed; the last committed batch is intact.
    #[error(transparent)]
    Store(#[from] sitrep_store::StoreError),
    /// The HTTP client could not be set up.
    #[error("{0}")]
    Http(String),
    /// The worker threads could not be started.
    #[error("worker threads: {0}")]
    Threads(String),
}

/// The processing step: one item's bytes in, its record out (or a one-line reason).
///
/// A reader whose record text is known before the costly part of reading (cleaning comes
/// before annotation) can say so through [`Reader::clean`] and [`Reader::finish`]: the
/// ingest then skips an item the store already holds before paying for the rest, which makes
/// a rerun over the same inputs cheap. The record must be the same either way.
pub trait Reader: Sync {
    /// Reads one article.
    fn read(&self, item: &Item, bytes: &[u8]) -> Result<Record, String>;

    /// The first part of [`Reader::read`]. The default reads the whole record.
    fn clean(&self, item: &Item, bytes: &[u8]) -> Result<Cleaned, String> {
        self.read(item, bytes).map(|r| Cleaned::Record(Box::new(r)))
    }

    /// The rest of [`Reader::read`], for what [`Reader::clean`] returned for the same item.
    /// The default handles the default `clean`.
    fn finish(&self, item: &Item, cleaned: Cleaned) -> Result<Record, String> {
        match cleaned {
            Cleaned::Record(record) => Ok(*record),
            Cleaned::Text { .. } => {
                let _ = item;
                Err("the reader cleaned the text but cannot finish it".to_string())
            }
        }
    }
}

/// What [`Reader::clean`] found.
pub enum Cleaned {
    /// The whole record already.
    Record(Box<Record>),
    /// The record's text and URL, known before the rest of the record.
    Text {
        /// Exactly the `text` the finished record will have.
        text: String,
        /// The URL the finished record's metadata will give, if any.
        url: Option<String>,
        /// What the reader needs to finish the record.
        rest: Box<dyn std::any::Any + Send>,
    },
}

impl Cleaned {
    fn text(&self) -> &str {
        match self {
            Cleaned::Record(r) => &r.text,
            Cleaned::Text { text, .. } => text,
        }
    }

    fn url(&self) -> Option<&str> {
        match self {
            Cleaned::Record(r) => r.metadata.as_ref().and_then(|m| m.url.as_deref()),
            Cleaned::Text { url, .. } => url.as_deref(),
        }
    }
}

impl std::fmt::Debug for Cleaned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cleaned::Record(_) => f.write_str("Cleaned::Record(..)"),
            Cleaned::Text { text, url, .. } => f
                .debug_struct("Cleaned::Text")
                .field("text", text)
                .field("url", url)
                .finish_non_exhaustive(),
        }
    }
}

impl<F> Reader for F
where
    F: Fn(&Item, &[u8]) -> Result<Record, String> + Sync,
{
    fn read(&self, item: &Item, bytes: &[u8]) -> Result<Record, String> {
        self(item, bytes)
    }
}
