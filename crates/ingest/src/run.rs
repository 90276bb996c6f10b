//! The ingest loop: chunks of items are read in parallel while the previous chunk is written,
//! each chunk in one transaction, so a killed ingest leaves whole chunks and a rerun skips
//! them by content hash.

use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use sitrep_store::{
    CopyOf, ExactMatch, NewArticle, SeenCheck, Store, TextKey, days_apart, stored_record_json,
};

use crate::dedup::{MinHasher, similarity};
use crate::fetch::Fetcher;
use crate::input::{Body, Failure, Item};
use crate::{Cleaned, IngestError, Reader};

/// One item after the workers: an article to write, or one the store already held when it
/// was cleaned (not annotated, counted as a duplicate).
enum Prepared {
    Article(Box<NewArticle>),
    Seen,
}

/// The store's [`SeenCheck`], shared by the workers.
type Seen = Mutex<Box<dyn SeenCheck + Send>>;

/// How to ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Items per transaction (and per parallel chunk). The default, 1,024, is a few
    /// seconds of work at most: each commit costs a full-text index segment (merged later)
    /// and WAL writes of every page it touched, and on Reuters-21578 batches of 1,024 took
    /// ~0.9 CPU-s less than batches of 256 (notes/store.md, round 3).
    pub batch_size: usize,
    /// Worker threads; 0 uses every core.
    pub threads: usize,
    /// Near-duplicate detection.
    pub hasher: MinHasher,
    /// Fetches feed items' pages; without one, such items fail.
    pub fetcher: Option<Arc<Fetcher>>,
    /// Two dated articles further apart than this many days are never copies: syndication
    /// happens within days, while recurring templated reports (a weekly price table, a
    /// dividend notice) share most of their words across weeks.
    pub copy_window_days: u32,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            batch_size: 1024,
            threads: 0,
            hasher: MinHasher::default(),
            fetcher: None,
            copy_window_days: 3,
        }
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Items read from the inputs (including those that failed).
    pub read: u64,
    /// New articles stored (copies included).
    pub new: u64,
    /// New articles stored as copies of stored ones from another source: near-duplicates,
    /// and exact copies (the same normalized text under another id/URL and source).
    pub copies: u64,
    /// Items already in the store (same normalized text, and the same id/URL/name or a
    /// source that already has this text), not written again.
    pub duplicates: u64,
    /// Words in the new original articles.
    pub words: u64,
    /// Items that could not be read, with the reason.
    pub failed: Vec<Failure>,
}

/// Hears about progress; called from the ingest's threads.
pub trait Progress: Sync {
    /// After each committed batch, with the totals so far.
    fn batch_done(&self, _summary: &Summary) {}
    /// When an item fails (it is also in the final summary).
    fn failed(&self, _failure: &Failure) {}
}

/// Ignores progress.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// Reads every item with `reader` and writes the results to `store`.
///
/// Returns the summary, or an error if the store failed (batches committed before stay).
pub fn ingest<S, I>(
    store: &mut S,
    items: I,
    reader: &dyn Reader,
    options: &IngestOptions,
    progress: &dyn Progress,
) -> Result<Summary, IngestError>
where
    S: Store + Send + ?Sized,
    I: Iterator<Item = Result<Item, Failure>>,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .thread_name(|i| format!("sitrep-ingest-{i}"))
        .build()
        .map_err(|e| IngestError::Threads(e.to_string()))?;
    let batch_size = options.batch_size.max(1);
    // Asked before annotation, so a rerun over stored articles costs little more than
    // reading and cleaning them.
    let seen: Option<Seen> = store.seen_checker()?.map(Mutex::new);
    let summary = Mutex::new(Summary::default());
    let fail = |failure: Failure| {
        progress.failed(&failure);
        if let Ok(mut s) = summary.lock() {
            s.failed.push(failure);
        }
    };

    let written = std::thread::scope(|scope| {
        // Two chunks in flight at most: one being written, one waiting.
        let (tx, rx) = sync_channel::<Vec<Result<Prepared, Failure>>>(1);
        let writer = scope.spawn(|| -> Result<(), IngestError> {
            for chunk in rx {
                write_chunk(store, chunk, options, &summary, &fail)?;
                if let Ok(s) = summary.lock() {
                    progress.batch_done(&s);
                }
            }
            Ok(())
        });

        // The next `batch_size` items (empty only at the end of the inputs).
        let mut items = items;
        let mut read_chunk = || {
            let mut chunk: Vec<Item> = Vec::with_capacity(batch_size);
            for next in items.by_ref() {
                if let Ok(mut s) = summary.lock() {
                    s.read += 1;
                }
                match next {
                    Ok(item) => chunk.push(item),
                    Err(failure) => fail(failure),
                }
                if chunk.len() >= batch_size {
                    break;
                }
            }
            chunk
        };
        let mut next = read_chunk();
        while !next.is_empty() {
            let chunk = std::mem::take(&mut next);
            let mut prepared: Vec<Result<Prepared, Failure>> = Vec::new();
            // This thread reads (and decompresses, and parses) the next chunk while the pool
            // prepares this one, so the workers do not wait for the reading.
            pool.in_place_scope(|scope| {
                scope.spawn(|_| {
                    prepared = chunk
                        .into_par_iter()
                        .map(|item| prepare(item, reader, options, seen.as_ref()))
                        .collect();
                });
                next = read_chunk();
            });
            if tx.send(prepared).is_err() {
                // The writer stopped on a store error; it reports it below.
                break;
            }
        }
        drop(tx);
        writer
            .join()
            .unwrap_or_else(|_| Err(IngestError::Threads("writer panicked".into())))
    });
    written?;
    Ok(summary.into_inner().unwrap_or_default())
}

/// Fetches, reads and fingerprints one item (runs on a worker). An item the store already
/// holds (the same text under the same key or from the same source) is not annotated.
fn prepare(
    item: Item,
    reader: &dyn Reader,
    options: &IngestOptions,
    seen: Option<&Seen>,
) -> Result<Prepared, Failure> {
    let bytes = match &item.body {
        Body::Bytes(b) => std::borrow::Cow::Borrowed(b.as_slice()),
        Body::Fetch(url) => {
            let fetcher = options
                .fetcher
                .as_ref()
                .ok_or_else(|| Failure::new(&item.name, "fetching URLs is turned off"))?;
            std::borrow::Cow::Owned(fetcher.get(url).map_err(|p| Failure::new(&item.name, p))?)
        }
    };
    if is_binary(&bytes) {
        return Err(Failure::new(&item.name, "binary data, not text or HTML"));
    }
    let cleaned = reader
        .clean(&item, &bytes)
        .map_err(|p| Failure::new(&item.name, p))?;
    if cleaned.text().trim().is_empty() {
        return Err(Failure::new(&item.name, "no article text found"));
    }
    // The cleaned text and its key, when computed for the seen check: reused for the
    // article when the record keeps the text as cleaned (hashing costs more than the copy).
    let mut checked: Option<(String, TextKey)> = None;
    if matches!(cleaned, Cleaned::Text { .. })
        && let Some(seen) = seen
    {
        // The key and hash `NewArticle` will have (`NewArticle::key`, `NewArticle::new`).
        let key = item
            .external_id
            .as_deref()
            .or(item.url.as_deref())
            .or(cleaned.url())
            .unwrap_or(&item.name);
        let text_key = TextKey::of(cleaned.text());
        // A failed check (a store error, a poisoned lock) only means the item is read in
        // full and the writer decides, as without the check.
        let held = seen
            .lock()
            .ok()
            .and_then(|mut s| s.seen(&text_key.hash, key, &item.source).ok());
        if held == Some(true) {
            return Ok(Prepared::Seen);
        }
        checked = Some((cleaned.text().to_owned(), text_key));
    }
    let record = reader
        .finish(&item, cleaned)
        .map_err(|p| Failure::new(&item.name, p))?;
    let mut article = match checked {
        Some((text, key)) if text == record.text => {
            NewArticle::with_key(&item.name, &item.source, record, key)
        }
        _ => NewArticle::new(&item.name, &item.source, record),
    };
    article.external_id = item.external_id;
    article.url = item
        .url
        .or_else(|| article.record.metadata.as_ref().and_then(|m| m.url.clone()));
    article.title = item.title.or(article.title);
    article.date = item.date.or(article.date);
    article.signature = options.hasher.signature(&article.record.text);
    article.bands = options.hasher.bands(&article.signature);
    // Serialized here, in parallel, rather than by the one writer thread.
    article.record_json = Some(stored_record_json(&mut article.record));
    Ok(Prepared::Article(Box::new(article)))
}

/// NUL bytes do not occur in text or HTML; a few in the first kilobytes mean an image, a PDF,
/// an archive.
fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

fn write_chunk<S: Store + ?Sized>(
    store: &mut S,
    chunk: Vec<Result<Prepared, Failure>>,
    options: &IngestOptions,
    summary: &Mutex<Summary>,
    fail: &dyn Fn(Failure),
) -> Result<(), IngestError> {
    let mut done = Summary::default();
    let mut failures = Vec::new();
    let mut batch = store.batch()?;
    for prepared in chunk {
        let article = match prepared {
            Ok(Prepared::Article(a)) => a,
            Ok(Prepared::Seen) => {
                done.duplicates += 1;
                continue;
            }
            Err(f) => {
                failures.push(f);
                continue;
            }
        };
        match batch.find_exact(&article)? {
            ExactMatch::New => {}
            ExactMatch::Seen(_) => {
                done.duplicates += 1;
                continue;
            }
            // Syndication that is word for word once boilerplate is cleaned away: the story
            // also ran at this source.
            ExactMatch::Elsewhere(of) => {
                if batch.insert_exact_copy(&article, of)? {
                    done.new += 1;
                    done.copies += 1;
                } else {
                    done.duplicates += 1;
                }
                continue;
            }
        }
        let copy = if article.signature.is_empty() {
            None
        } else {
            // The most similar stored article at or above the threshold and within the
            // date window; the oldest on ties.
            let in_window = |date: &Option<String>| match (&article.date, date) {
                (Some(a), Some(b)) => {
                    days_apart(a, b).is_none_or(|d| d <= options.copy_window_days)
                }
                _ => true,
            };
            batch
                .candidates(&article.bands)?
                .into_iter()
                .filter(|c| in_window(&c.date))
                .map(|c| (similarity(&article.signature, &c.signature), c))
                .filter(|(sim, _)| *sim >= options.hasher.threshold())
                .max_by(|(a, ca), (b, cb)| a.total_cmp(b).then(cb.id.cmp(&ca.id)))
                .map(|(sim, c)| CopyOf {
                    article: c.id,
                    story: c.story,
                    similarity: sim,
                })
        };
        batch.insert(&article, copy.as_ref())?;
        done.new += 1;
        if copy.is_some() {
            done.copies += 1;
        } else {
            done.words += article.words;
        }
    }
    batch.commit()?;
    // Counted after the commit: what the summary says is in the store, is.
    if let Ok(mut s) = summary.lock() {
        s.new += done.new;
        s.copies += done.copies;
        s.duplicates += done.duplicates;
        s.words += done.words;
    }
    for f in failures {
        fail(f);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_record::Record;
    use sitrep_store::SqliteStore;

    fn text_reader(_: &Item, bytes: &[u8]) -> Result<Record, String> {
        let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 ({e})"))?;
        Ok(Record {
            text: text.to_string(),
            ..Record::default()
        })
    }

    fn item(name: &str, source: &str, text: &str) -> Result<Item, Failure> {
        Ok(Item {
            name: name.into(),
            body: Body::Bytes(text.as_bytes().to_vec()),
            format: None,
            external_id: None,
            title: None,
            date: None,
            url: None,
            source: source.into(),
        })
    }

    const STORY: &str = "The health ministry said on Tuesday that forty people had been taken \
        to hospital after a gas leak at a fertiliser plant outside the city, and that the \
        factory had been closed while inspectors looked for the cause of the leak.";

    fn corpus() -> Vec<Result<Item, Failure>> {
        vec![
            item("a", "daily", STORY),
            item(
                "b",
                "wire",
                &format!("CITY (Wire) - {STORY} Copyright Wire."),
            ),
            item(
                "c",
                "daily",
                "Parliament passed the budget after a long night of debate.",
            ),
            item("d", "daily", "\u{0}\u{1}PNG"),
            Err(Failure::new("e.jsonl:3", "malformed JSON line")),
            // The same text as "a" (case differs) from another source: an exact copy.
            item("f", "other", &STORY.to_uppercase()),
            item("g", "other", "   "),
            // "a" listed again: the same item, a duplicate.
            item("a", "daily", STORY),
        ]
    }

    #[test]
    fn similar_articles_weeks_apart_are_not_copies() {
        let dated = |name: &str, date: &str, text: &str| {
            let mut it = item(name, "wire", text).unwrap();
            it.date = Some(date.into());
            Ok(it)
        };
        let items = vec![
            dated("a", "1987-03-02", STORY),
            dated(
                "b",
                "1987-03-19",
                &format!("{STORY} Officials added nothing."),
            ),
            dated("c", "1987-03-20", &format!("{STORY} More later.")),
        ];
        let mut store = SqliteStore::open_in_memory().unwrap();
        let options = IngestOptions::default();
        let s = ingest(
            &mut store,
            items.into_iter(),
            &text_reader,
            &options,
            &NoProgress,
        )
        .unwrap();
        // b is 17 days after a: a new story; c, a day after b, copies b.
        assert_eq!((s.new, s.copies), (3, 1));
    }

    #[test]
    fn ingest_counts_copies_duplicates_and_failures_and_is_idempotent() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let options = IngestOptions {
            batch_size: 2,
            ..IngestOptions::default()
        };
        let s = ingest(
            &mut store,
            corpus().into_iter(),
            &text_reader,
            &options,
            &NoProgress,
        )
        .unwrap();
        // New: a, b (near copy), c, f (exact copy); the second "a" is a duplicate.
        assert_eq!((s.read, s.new, s.copies, s.duplicates), (8, 4, 2, 1));
        let names: Vec<String> = s.failed.iter().map(|f| f.to_string()).collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names.contains(&"d: binary data, not text or HTML".to_string()));
        assert!(names.contains(&"e.jsonl:3: malformed JSON line".to_string()));
        assert!(names.contains(&"g: no article text found".to_string()));

        let stats = store.stats().unwrap();
        assert_eq!((stats.articles, stats.copies, stats.syndicated), (2, 2, 1));
        let by = |source: &str| {
            let c = stats.sources.iter().find(|c| c.source == source).unwrap();
            (c.articles, c.copies)
        };
        assert_eq!(by("daily"), (2, 0));
        assert_eq!(by("wire"), (0, 1));
        assert_eq!(by("other"), (0, 1));

        // A rerun writes nothing: every item that was read is found again.
        let again = ingest(
            &mut store,
            corpus().into_iter(),
            &text_reader,
            &options,
            &NoProgress,
        )
        .unwrap();
        assert_eq!((again.new, again.copies, again.duplicates), (0, 0, 5));
        assert_eq!(store.stats().unwrap(), stats);
    }

    /// Cleans first (upper-casing stands for cleaning) and counts the items it annotates.
    struct TwoStep {
        finished: std::sync::atomic::AtomicUsize,
    }

    impl Reader for TwoStep {
        fn read(&self, item: &Item, bytes: &[u8]) -> Result<Record, String> {
            let cleaned = self.clean(item, bytes)?;
            self.finish(item, cleaned)
        }

        fn clean(&self, _: &Item, bytes: &[u8]) -> Result<Cleaned, String> {
            let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
            let text = text.to_uppercase();
            Ok(Cleaned::Text {
                text: text.clone(),
                url: None,
                rest: Box::new(text),
            })
        }

        fn finish(&self, _: &Item, cleaned: Cleaned) -> Result<Record, String> {
            let Cleaned::Text { rest, .. } = cleaned else {
                return Err("not cleaned here".into());
            };
            let text = *rest.downcast::<String>().map_err(|_| "not a string")?;
            self.finished
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(Record {
                text,
                ..Record::default()
            })
        }
    }

    #[test]
    fn a_rerun_skips_stored_items_before_finishing_them_and_counts_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.db");
        let reader = TwoStep { finished: 0.into() };
        let finished = || reader.finished.load(std::sync::atomic::Ordering::SeqCst);
        let options = IngestOptions {
            batch_size: 3,
            ..IngestOptions::default()
        };
        let mut store = SqliteStore::open(&path).unwrap();
        let first = ingest(
            &mut store,
            corpus().into_iter(),
            &reader,
            &options,
            &NoProgress,
        )
        .unwrap();
        assert_eq!((first.new, first.copies, first.duplicates), (4, 2, 1));
        // a, b, c and f; the second a too unless its batch was cleaned after a's commit.
        let annotated = finished();
        assert!((4..=5).contains(&annotated), "{annotated}");
        let stats = store.stats().unwrap();

        let again = ingest(
            &mut store,
            corpus().into_iter(),
            &reader,
            &options,
            &NoProgress,
        )
        .unwrap();
        assert_eq!((again.new, again.copies, again.duplicates), (0, 0, 5));
        assert_eq!(again.failed.len(), first.failed.len());
        // Every readable item was held already: none was finished again.
        assert_eq!(finished(), annotated);
        assert_eq!(store.stats().unwrap(), stats);

        // A store in memory has no second handle: the same rerun reads everything and the
        // writer finds the duplicates, with the same counts.
        let mut memory = SqliteStore::open_in_memory().unwrap();
        ingest(
            &mut memory,
            corpus().into_iter(),
            &reader,
            &options,
            &NoProgress,
        )
        .unwrap();
        let before = finished();
        let again = ingest(
            &mut memory,
            corpus().into_iter(),
            &reader,
            &options,
            &NoProgress,
        )
        .unwrap();
        assert_eq!((again.new, again.copies, again.duplicates), (0, 0, 5));
        assert_eq!(finished(), before + 5);
    }
}
