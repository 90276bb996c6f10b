//! The store: articles, records, entities, quotes and events, with their provenance, and the
//! queries analysts ask of them (search, timeline, actors, export, stats).
//!
//! # Brief overview
//!
//! [`Store`] is the storage boundary. Writing goes through a [`Batch`]: everything inserted
//! into one batch becomes visible at once when [`Batch::commit`] returns, and nothing of it
//! survives if the process dies before (the store is crash-safe at batch granularity). Reading
//! goes through the query methods on [`Store`]. [`SqliteStore`] is the only backend today; the
//! trait names nothing SQLite-specific so that a PostgreSQL backend can follow.
//!
//! Articles are keyed by a content hash of their normalized text ([`NewArticle::hash`]): an
//! article seen again is found by [`Batch::find_hash`] and not written twice. The same text
//! from another source under its own id or URL (syndication that is word for word once
//! boilerplate is removed) is told apart by [`Batch::find_exact`] and recorded as an exact
//! copy ([`Batch::insert_exact_copy`]). Near-duplicate
//! (syndicated) copies are found by the caller from MinHash signatures the store keeps
//! ([`Batch::candidates`]); a copy is written with [`CopyOf`] and joins the story of the article
//! it copies. The store does not decide what a copy is: it only keeps the signatures and the
//! band keys, so that reruns and later batches compare against the whole store.
//!
//! ```
//! use sitrep_store::{NewArticle, SqliteStore, Store, Stats};
//! use sitrep_record::Record;
//! let mut store = SqliteStore::open_in_memory()?;
//! let record = Record { text: "Rescuers searched the rubble.".into(), ..Record::default() };
//! let article = NewArticle::new("a.txt", "local", record);
//! let mut batch = store.batch()?;
//! assert!(batch.find_hash(&article.hash)?.is_none());
//! batch.insert(&article, None)?;
//! batch.commit()?;
//! assert_eq!(store.stats()?.articles, 1);
//! # Ok::<(), sitrep_store::StoreError>(())
//! ```

mod filter;
mod migrate;
mod model;
mod sqlite;

pub use migrate::{MIGRATIONS, Migration, SCHEMA_VERSION};
pub use model::*;
pub use sqlite::SqliteStore;

use std::path::PathBuf;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The store file does not exist (query commands never create one).
    #[error("no store at {}: run sitrep ingest first", .0.display())]
    Missing(PathBuf),
    /// The store was written by a newer sitrep.
    #[error("{path}: store schema version {found} is newer than this sitrep knows ({known})")]
    TooNew {
        /// The store's location.
        path: String,
        /// The schema version found in the store.
        found: u32,
        /// The newest schema version this build knows.
        known: u32,
    },
    /// A migration failed to apply.
    #[error("{path}: migration {name} failed: {source}")]
    Migration {
        /// The store's location.
        path: String,
        /// The migration's name.
        name: &'static str,
        /// The database error.
        source: rusqlite::Error,
    },
    /// A full-text query that the search engine cannot parse.
    #[error("search query {query:?} is not valid: {problem}")]
    Query {
        /// The query as given.
        query: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A stored record that no longer parses.
    #[error("article {article}: stored record is not valid JSON: {source}")]
    Record {
        /// The article id.
        article: ArticleId,
        /// The parse error.
        source: serde_json::Error,
    },
    /// Any other database error.
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// An error raised by a caller's callback (export sinks).
    #[error("{0}")]
    Sink(String),
}

/// Storage of articles and what sitrep says about them.
pub trait Store {
    /// A second handle that answers [`SeenCheck::seen`] from the last commit while batches
    /// are written through this one (from another thread); `None` when the backend has no
    /// such handle (an in-memory store), and callers then just read everything.
    fn seen_checker(&self) -> Result<Option<Box<dyn SeenCheck + Send>>, StoreError> {
        Ok(None)
    }

    /// Opens a write batch. Nothing written through it is visible to others, or survives a
    /// crash, before [`Batch::commit`]; dropping it uncommitted rolls it back.
    fn batch(&mut self) -> Result<Box<dyn Batch + '_>, StoreError>;

    /// Full-text search over original articles (copies are reported on their story).
    fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>, StoreError>;

    /// Dated events where an actor whose name contains the words of `actor` (ignoring ASCII
    /// case) is source or target, oldest first; `limit` 0 means all.
    fn timeline(&self, actor: &str, limit: usize) -> Result<Vec<EventRow>, StoreError>;

    /// Source–target pairs of actors with their event counts by event type, most frequent
    /// first.
    fn actors(&self, limit: usize) -> Result<Vec<Interaction>, StoreError>;

    /// Calls `sink` for every stored event, in article then event order.
    fn export(
        &self,
        sink: &mut dyn FnMut(&EventRow) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Counts of what the store holds.
    fn stats(&self) -> Result<Stats, StoreError>;

    /// The full stored record of one article, if it exists.
    fn record(&self, article: ArticleId) -> Result<Option<sitrep_record::Record>, StoreError>;
}

/// Tells items the store already holds before they are read in full ([`Store::seen_checker`]).
pub trait SeenCheck {
    /// Whether [`Batch::find_exact`] would say [`ExactMatch::Seen`] for an article with this
    /// content hash ([`content_hash`] of its text), key ([`NewArticle::key`]) and source, as
    /// of the last commit. Articles are never removed, so an item seen now is still seen
    /// when its batch is written: skipping it is safe. `false` is always safe too (the item
    /// is read in full and the batch decides), and a checker may answer it for an article
    /// another process stored after the checker started.
    fn seen(&mut self, hash: &str, key: &str, source: &str) -> Result<bool, StoreError>;
}

/// One atomic write: see [`Store::batch`].
pub trait Batch {
    /// The article already stored (or inserted earlier in this batch) with this content hash.
    fn find_hash(&mut self, hash: &str) -> Result<Option<ArticleId>, StoreError>;

    /// Whether `article`'s exact text is stored (or inserted earlier in this batch), and if
    /// so, whether this is the same item again or an exact copy from elsewhere.
    fn find_exact(&mut self, article: &NewArticle) -> Result<ExactMatch, StoreError>;

    /// Records `article` as an exact copy (similarity 1.0) of the stored article `of`, which
    /// has the same text: it joins that story with its own source, name, id and URL, and adds
    /// no text, record, entities, events or search entry. Returns false when this key was
    /// already recorded for `of` (nothing written).
    fn insert_exact_copy(
        &mut self,
        article: &NewArticle,
        of: ArticleId,
    ) -> Result<bool, StoreError>;

    /// Articles sharing at least one LSH band key with `bands` (key `i` belongs to band `i`),
    /// with their signatures, including those inserted earlier in this batch.
    fn candidates(&mut self, bands: &[i64]) -> Result<Vec<Candidate>, StoreError>;

    /// Writes one article. With `copy`, the article is recorded as a copy in that story and
    /// its entities, quotes, events and search entry are not written.
    fn insert(
        &mut self,
        article: &NewArticle,
        copy: Option<&CopyOf>,
    ) -> Result<ArticleId, StoreError>;

    /// Makes the whole batch durable and visible at once.
    fn commit(self: Box<Self>) -> Result<(), StoreError>;
}
