//! The SQLite backend: one file in WAL mode, so readers never block the ingest and a killed
//! process leaves the last committed batch intact.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, Transaction, params};
use sitrep_record::Record;

use crate::{
    ArticleId, Batch, Candidate, CopyOf, EventRow, ExactMatch, Interaction, NewArticle, SearchHit,
    SearchQuery, SeenCheck, SourceCount, Stats, Store, StoreError,
    filter::{BAND_BITS_LOG2, Bits, HASH_BITS_LOG2, band_key, hash_key},
    migrate::migrate,
};

/// A store in one SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    /// The file, for [`Store::seen_checker`]'s second connection; `None` in memory.
    path: Option<std::path::PathBuf>,
    /// Which LSH band keys the store may hold, so most candidate lookups skip SQLite.
    bands: BandFilter,
    /// Which content hashes the store may hold: every hash inserted through this handle, plus
    /// the stored ones once a seen checker has scanned them. Shared with the seen checkers.
    hashes: Arc<Bits>,
}

/// The LSH band keys in `lsh_bands`, as a filter owned by the writing connection.
///
/// When complete, it holds every key of the table as of `data_version`, plus every key
/// inserted through this connection since (committed or not: a rolled-back key is only a
/// false hit). Another connection's commit changes SQLite's `data_version`, and the filter is
/// then dropped and rebuilt, so a candidate is never missed: lookups give exactly what the
/// table gives.
#[derive(Debug)]
struct BandFilter {
    bits: Bits,
    /// `PRAGMA data_version` when the filter was last known to match the table.
    data_version: i64,
    /// Candidate lookups (one per article) done in SQL since the filter was last dropped.
    unfiltered: u64,
}

impl SqliteStore {
    /// Opens the store at `path`, creating and migrating it as needed.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let conn = Connection::open(path)?;
        SqliteStore::setup(conn, Some(path))
    }

    /// Opens an existing store; [`StoreError::Missing`] when there is none (query commands
    /// should not leave an empty file behind a typo).
    pub fn open_existing(path: &Path) -> Result<SqliteStore, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        SqliteStore::setup(conn, Some(path))
    }

    /// A store in memory (tests, examples).
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        SqliteStore::setup(Connection::open_in_memory()?, None)
    }

    fn setup(mut conn: Connection, file: Option<&Path>) -> Result<SqliteStore, StoreError> {
        let path = file.map_or(":memory:".to_string(), |p| p.display().to_string());
        // A concurrent writer (a second ingest) waits rather than failing at once.
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // WAL: readers see the last commit while a batch is written; NORMAL sync is safe
        // against process crashes (the case that matters for kill -9), only an OS crash can
        // lose the last commits.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        // A 64 MB page cache (default 2 MB): band keys and FTS terms are inserted at random
        // places in their indexes, and with the small cache ingest ran 1.6x slower. It is a
        // cap, so memory stays flat in corpus size. A checkpoint every 64 MB of WAL (default
        // 4 MB): each one copies the pages the batches since the last one touched into the
        // database file and fsyncs it, and a page rewritten by several batches is copied once
        // per checkpoint; with the default, checkpoints and their fsyncs were a fifth of the
        // writer's time on Reuters. Closing the store still checkpoints and removes the WAL.
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; \
             PRAGMA wal_autocheckpoint = 16384;",
        )?;
        migrate(&mut conn, &path)?;
        Ok(SqliteStore {
            conn,
            path: file.map(Path::to_path_buf),
            bands: BandFilter {
                bits: Bits::new(BAND_BITS_LOG2),
                data_version: 0,
                unfiltered: 0,
            },
            hashes: Arc::new(Bits::new(HASH_BITS_LOG2)),
        })
    }
}

/// `SELECT coalesce(max(id), 0)` of `articles`: the number of articles stored (ids are
/// never reused and articles never deleted), read from the end of the table.
fn stored_articles(conn: &Connection) -> Result<u64, StoreError> {
    let n: i64 = conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM articles")?
        .query_row([], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// A read-only connection to a store file ([`Store::seen_checker`]).
struct SqliteSeen {
    conn: Connection,
    /// The store's hash filter: a hash it lacks is not stored, unless another process wrote
    /// it after the filter's scan (then the item is only read in full, and the writer finds
    /// it: "not seen" is always a safe answer).
    hashes: Arc<Bits>,
    /// Checks made in SQL while the filter was incomplete.
    unfiltered: u64,
}

impl SeenCheck for SqliteSeen {
    fn seen(&mut self, hash: &str, key: &str, source: &str) -> Result<bool, StoreError> {
        if !self.hashes.is_complete() {
            self.unfiltered += 1;
            // Scanning the stored hashes costs about what 1/64 as many lookups do (each
            // lookup starts a read transaction on a file the writer keeps changing), so it
            // pays once that many checks were made: at once on an empty store, after a while
            // on a large one that a small ingest adds to.
            if self.unfiltered * 64 >= stored_articles(&self.conn)? {
                let mut stmt = self.conn.prepare("SELECT hash FROM articles")?;
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    let hash: String = row.get(0)?;
                    self.hashes.insert(hash_key(&hash));
                }
                self.hashes.set_complete();
            }
        }
        if self.hashes.is_complete() && !self.hashes.may_contain(hash_key(hash)) {
            return Ok(false);
        }
        Ok(matches!(
            exact_match(&self.conn, hash, key, source)?,
            ExactMatch::Seen(_)
        ))
    }
}

/// What the store holds of this exact text: [`Batch::find_exact`], on any connection.
fn exact_match(
    conn: &Connection,
    hash: &str,
    key: &str,
    source: &str,
) -> Result<ExactMatch, StoreError> {
    let id: Option<ArticleId> = conn
        .prepare_cached("SELECT id FROM articles WHERE hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?;
    let Some(id) = id else {
        return Ok(ExactMatch::New);
    };
    // The same item again (same key), or a source that already carries this very text
    // (one outlet's article under two URLs, a second crawl with a new WARC record id):
    // neither says anything new about who ran the story.
    let seen: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1 \
               AND (coalesce(external_id, url, name) = ?2 OR source = ?3)) \
             OR EXISTS (SELECT 1 FROM exact_copies WHERE article_id = ?1 \
               AND (key = ?2 OR source = ?3))",
        )?
        .query_row(params![id, key, source], |r| r.get(0))?;
    Ok(if seen {
        ExactMatch::Seen(id)
    } else {
        ExactMatch::Elsewhere(id)
    })
}

struct SqliteBatch<'c> {
    tx: Transaction<'c>,
    /// The first and last original inserted so far, indexed for search at commit (see
    /// [`Batch::commit`]).
    searchable: Option<(ArticleId, ArticleId)>,
    /// The id of the next article inserted, once known.
    next_id: Option<ArticleId>,
    bands: &'c mut BandFilter,
    hashes: &'c Bits,
    /// LSH band rows of this batch, written at commit (see [`Batch::commit`]);
    /// [`Batch::candidates`] reads them here until then.
    pending_bands: PendingBands,
}

/// A batch's LSH band rows `(band, key, article)`, findable by `(band, key)`: each row links
/// to the previous row with the same key, so there is no list per key to allocate.
#[derive(Default)]
struct PendingBands {
    rows: Vec<(i64, i64, ArticleId)>,
    /// For each row, the index of the previous row with the same key (`usize::MAX`: none).
    previous: Vec<usize>,
    /// The last row of each key.
    last: HashMap<(i64, i64), usize, std::hash::BuildHasherDefault<KeyHasher>>,
}

impl PendingBands {
    fn push(&mut self, band: i64, key: i64, id: ArticleId) {
        let row = self.rows.len();
        self.rows.push((band, key, id));
        self.previous
            .push(self.last.insert((band, key), row).unwrap_or(usize::MAX));
    }

    fn ids(&self, band: i64, key: i64) -> impl Iterator<Item = ArticleId> + '_ {
        let mut row = self.last.get(&(band, key)).copied().unwrap_or(usize::MAX);
        std::iter::from_fn(move || {
            let &(_, _, id) = self.rows.get(row)?;
            row = self.previous[row];
            Some(id)
        })
    }
}

/// Hashes band keys, which are uniformly spread 64-bit hashes already: a multiply and a
/// rotate mix the band in (SipHash, the default, cost more than the lookup it served).
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(29) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

impl Store for SqliteStore {
    fn seen_checker(&self) -> Result<Option<Box<dyn SeenCheck + Send>>, StoreError> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        Ok(Some(Box::new(SqliteSeen {
            conn,
            hashes: Arc::clone(&self.hashes),
            unfiltered: 0,
        })))
    }

    fn batch(&mut self) -> Result<Box<dyn Batch + '_>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // With the write lock held: if another connection committed since this one last
        // looked, its band keys may be missing from the filter.
        let version: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if version != self.bands.data_version {
            self.bands.bits.clear();
            self.bands.data_version = version;
            self.bands.unfiltered = 0;
        }
        Ok(Box::new(SqliteBatch {
            tx,
            searchable: None,
            next_id: None,
            bands: &mut self.bands,
            hashes: &self.hashes,
            pending_bands: PendingBands::default(),
        }))
    }

    fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>, StoreError> {
        match self.search_raw(&query.text, query) {
            Ok(hits) => Ok(hits),
            // Users type words, not FTS5 syntax: a query FTS5 rejects ("U.S.", "co-op") is
            // retried with every word quoted.
            Err(rusqlite::Error::SqliteFailure(_, Some(msg)))
                if msg.contains("fts5") || msg.contains("no such column") =>
            {
                let quoted = quote_words(&query.text);
                self.search_raw(&quoted, query)
                    .map_err(|e| StoreError::Query {
                        query: query.text.clone(),
                        problem: e.to_string(),
                    })
            }
            Err(e) => Err(e.into()),
        }
    }

    fn timeline(&self, actor: &str, limit: usize) -> Result<Vec<EventRow>, StoreError> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events v JOIN articles a ON a.id = v.article_id \
             WHERE ((' ' || v.source_name || ' ') LIKE ?1 ESCAPE '\\' \
                    OR (' ' || v.target_name || ' ') LIKE ?1 ESCAPE '\\') \
               AND {WHEN} IS NOT NULL \
             ORDER BY {WHEN}, a.id, v.idx LIMIT ?2"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![like_pattern(actor), limit_sql(limit)], event_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn actors(&self, limit: usize) -> Result<Vec<Interaction>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT source_name, target_name, kind, count(*) FROM events \
             WHERE source_name IS NOT NULL AND target_name IS NOT NULL \
             GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3 LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit_sql(limit)], |r| {
            Ok(Interaction {
                source: r.get(0)?,
                target: r.get(1)?,
                kind: r.get(2)?,
                count: r.get::<_, i64>(3)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn export(
        &self,
        sink: &mut dyn FnMut(&EventRow) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events v JOIN articles a ON a.id = v.article_id \
             ORDER BY v.article_id, v.idx"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            sink(&event_row(row)?)?;
        }
        Ok(())
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let count = |sql: &str| -> Result<u64, StoreError> {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            Ok(n.max(0) as u64)
        };
        // Exact copies have no `articles` row; they count as copies wherever copies count.
        let mut stmt = self.conn.prepare(
            "SELECT source, sum(original), sum(1 - original) FROM \
               (SELECT source, copy_of IS NULL AS original FROM articles \
                UNION ALL SELECT source, 0 FROM exact_copies) \
             GROUP BY source ORDER BY count(*) DESC, source",
        )?;
        let sources = stmt
            .query_map([], |r| {
                Ok(SourceCount {
                    source: r.get(0)?,
                    articles: r.get::<_, i64>(1)?.max(0) as u64,
                    copies: r.get::<_, i64>(2)?.max(0) as u64,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Stats {
            articles: count("SELECT count(*) FROM articles WHERE copy_of IS NULL")?,
            copies: count(
                "SELECT (SELECT count(*) FROM articles WHERE copy_of IS NOT NULL) \
                      + (SELECT count(*) FROM exact_copies)",
            )?,
            syndicated: count(
                "SELECT count(*) FROM (SELECT story_id FROM \
                   (SELECT story_id, source FROM articles \
                    UNION ALL SELECT story_id, source FROM exact_copies) \
                 GROUP BY story_id HAVING count(DISTINCT source) > 1)",
            )?,
            words: count("SELECT coalesce(sum(words), 0) FROM articles WHERE copy_of IS NULL")?,
            entities: count("SELECT count(*) FROM entities")?,
            quotes: count("SELECT count(*) FROM quotes")?,
            events: count("SELECT count(*) FROM events")?,
            sources,
        })
    }

    fn record(&self, article: ArticleId) -> Result<Option<Record>, StoreError> {
        let found: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT r.json, a.text FROM records r JOIN articles a ON a.id = r.article_id \
                 WHERE r.article_id = ?1",
                [article],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((json, text)) = found else {
            return Ok(None);
        };
        let mut record = sitrep_record::from_json(&json)
            .map_err(|source| StoreError::Record { article, source })?;
        record.text = text;
        Ok(Some(record))
    }
}

impl SqliteStore {
    fn search_raw(
        &self,
        fts: &str,
        query: &SearchQuery,
    ) -> Result<Vec<SearchHit>, rusqlite::Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.name, a.url, a.title, a.date, a.source, \
               snippet(articles_fts, 1, '[', ']', '…', 16), \
               (SELECT count(*) FROM articles c WHERE c.story_id = a.story_id AND c.copy_of IS NOT NULL) \
                 + (SELECT count(*) FROM exact_copies x WHERE x.story_id = a.story_id), \
               (SELECT count(DISTINCT s.source) FROM \
                  (SELECT source FROM articles WHERE story_id = a.story_id \
                   UNION ALL SELECT source FROM exact_copies WHERE story_id = a.story_id) s) \
             FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid \
             WHERE articles_fts MATCH ?1 \
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id \
                    AND (' ' || e.name || ' ') LIKE ?2 ESCAPE '\\')) \
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM events v WHERE v.article_id = a.id \
                    AND v.kind = ?3 COLLATE NOCASE)) \
               AND (?4 IS NULL OR a.date >= ?4) AND (?5 IS NULL OR a.date <= ?5) \
             ORDER BY rank LIMIT ?6",
        )?;
        let actor = query.actor.as_deref().map(like_pattern);
        let rows = stmt.query_map(
            params![
                fts,
                actor,
                query.event_type,
                query.since,
                query.until,
                limit_sql(query.limit)
            ],
            |r| {
                Ok(SearchHit {
                    article: r.get(0)?,
                    name: r.get(1)?,
                    url: r.get(2)?,
                    title: r.get(3)?,
                    date: r.get(4)?,
                    source: r.get(5)?,
                    snippet: r.get(6)?,
                    copies: r.get::<_, i64>(7)?.max(0) as u64,
                    sources: r.get::<_, i64>(8)?.max(0) as u64,
                })
            },
        )?;
        rows.collect()
    }
}

impl Batch for SqliteBatch<'_> {
    fn find_hash(&mut self, hash: &str) -> Result<Option<ArticleId>, StoreError> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT id FROM articles WHERE hash = ?1")?;
        Ok(stmt.query_row([hash], |r| r.get(0)).optional()?)
    }

    fn find_exact(&mut self, article: &NewArticle) -> Result<ExactMatch, StoreError> {
        exact_match(&self.tx, &article.hash, article.key(), &article.source)
    }

    fn insert_exact_copy(
        &mut self,
        article: &NewArticle,
        of: ArticleId,
    ) -> Result<bool, StoreError> {
        let written = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO exact_copies \
                 (article_id, key, story_id, name, external_id, url, source, title, date) \
                 SELECT id, ?2, story_id, ?3, ?4, ?5, ?6, ?7, ?8 FROM articles WHERE id = ?1",
            )?
            .execute(params![
                of,
                article.key(),
                article.name,
                article.external_id,
                article.url,
                article.source,
                article.title,
                article.date,
            ])?;
        Ok(written > 0)
    }

    fn candidates(&mut self, bands: &[i64]) -> Result<Vec<Candidate>, StoreError> {
        let filter = &mut *self.bands;
        if !filter.bits.is_complete() {
            filter.unfiltered += 1;
            // Scanning the table costs about what 1/16 as many articles' lookups (32 B-tree
            // seeks each) do: build the filter at once on an empty or small store, later on a
            // large one that a small ingest adds to.
            if filter.unfiltered * 16 >= stored_articles(&self.tx)? {
                let mut stmt = self.tx.prepare("SELECT band, key FROM lsh_bands")?;
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    let band: i64 = row.get(0)?;
                    filter
                        .bits
                        .insert(band_key(band.max(0) as usize, row.get(1)?));
                }
                filter.bits.set_complete();
            }
        }
        let mut ids: Vec<ArticleId> = Vec::new();
        {
            let mut stmt = self
                .tx
                .prepare_cached("SELECT article_id FROM lsh_bands WHERE band = ?1 AND key = ?2")?;
            for (band, key) in bands.iter().enumerate() {
                // A key the filter lacks is not in the table: no seek needed.
                if filter.bits.is_complete() && !filter.bits.may_contain(band_key(band, *key)) {
                    continue;
                }
                let found = stmt.query_map(params![band as i64, key], |r| r.get(0))?;
                for id in found {
                    ids.push(id?);
                }
            }
        }
        for (band, key) in bands.iter().enumerate() {
            ids.extend(self.pending_bands.ids(band as i64, *key));
        }
        ids.sort_unstable();
        ids.dedup();
        let mut stmt = self.tx.prepare_cached(
            "SELECT a.story_id, s.minhash, a.date FROM articles a \
             JOIN signatures s ON s.article_id = a.id WHERE a.id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let (story, blob, date): (ArticleId, Vec<u8>, Option<String>) =
                stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            let signature = blob
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            out.push(Candidate {
                id,
                story,
                signature,
                date,
            });
        }
        Ok(out)
    }

    fn insert(
        &mut self,
        article: &NewArticle,
        copy: Option<&CopyOf>,
    ) -> Result<ArticleId, StoreError> {
        let record = &article.record;
        let language = (!record.language.is_empty()).then_some(record.language.as_str());
        // The id SQLite would pick (one past the largest; articles are never deleted), chosen
        // here so that an original's story id (its own id) is written with the row instead of
        // by a second UPDATE.
        let id = match self.next_id {
            Some(id) => id,
            None => self
                .tx
                .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM articles")?
                .query_row([], |r| r.get(0))?,
        };
        self.tx
            .prepare_cached(
                "INSERT INTO articles (id, hash, story_id, copy_of, similarity, name, external_id, \
                 url, source, title, date, language, words, text) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params![
                id,
                article.hash,
                // An original starts its own story.
                copy.map_or(id, |c| c.story),
                copy.map(|c| c.article),
                copy.map(|c| c.similarity),
                article.name,
                article.external_id,
                article.url,
                article.source,
                article.title,
                article.date,
                language,
                article.words as i64,
                record.text,
            ])?;
        self.next_id = Some(id + 1);

        // The text is stored once, in `articles`; the record keeps everything else.
        let json = match &article.record_json {
            Some(json) => std::borrow::Cow::Borrowed(json.as_str()),
            None => std::borrow::Cow::Owned(sitrep_record::to_json(&Record {
                text: String::new(),
                ..record.clone()
            })),
        };
        self.tx
            .prepare_cached("INSERT INTO records (article_id, json) VALUES (?1, ?2)")?
            .execute(params![id, json.as_ref()])?;

        if !article.signature.is_empty() {
            let blob: Vec<u8> = article
                .signature
                .iter()
                .flat_map(|v| v.to_le_bytes())
                .collect();
            self.tx
                .prepare_cached("INSERT INTO signatures (article_id, minhash) VALUES (?1, ?2)")?
                .execute(params![id, blob])?;
            for (band, key) in article.bands.iter().enumerate() {
                self.pending_bands.push(band as i64, *key, id);
                self.bands.bits.insert(band_key(band, *key));
            }
        }
        self.hashes.insert(hash_key(&article.hash));
        if copy.is_some() {
            return Ok(id);
        }

        self.searchable = Some(self.searchable.map_or((id, id), |(first, _)| (first, id)));
        self.insert_annotations(id, record)?;
        Ok(id)
    }

    fn commit(mut self: Box<Self>) -> Result<(), StoreError> {
        // The search entries go in last, together, in one statement. FTS5 writes its pending
        // terms out as a new index segment whenever a statement opens a savepoint (inserts
        // with foreign keys or `OR REPLACE` do, and so does each `INSERT INTO articles_fts`):
        // one statement per article made every article its own segment, and merging those
        // segments cost more than indexing the text. The batch's articles have consecutive
        // ids (this batch picked them, holding the write lock), and its originals are exactly
        // those without `copy_of`.
        //
        // The LSH band rows go in first, in key order: 32 per article at random places in
        // `lsh_bands`, they cost less in order (each B-tree descent finds the pages of the one
        // before in the CPU caches; on Reuters-21578 the writer took ~0.5 CPU-s less). One
        // statement per row: a multi-row INSERT needs a statement journal (a foreign key
        // failure on a later row must undo the earlier ones), which SQLite writes to a
        // temporary file; that made the writer ~40 % slower.
        let mut rows = std::mem::take(&mut self.pending_bands.rows);
        rows.sort_unstable();
        {
            let mut stmt = self.tx.prepare_cached(
                "INSERT OR IGNORE INTO lsh_bands (band, key, article_id) VALUES (?1, ?2, ?3)",
            )?;
            for (band, key, id) in rows {
                stmt.execute(params![band, key, id])?;
            }
        }
        if let Some((first, last)) = self.searchable {
            self.tx
                .prepare_cached(
                    "INSERT INTO articles_fts (rowid, title, text) \
                     SELECT id, title, text FROM articles \
                     WHERE id BETWEEN ?1 AND ?2 AND copy_of IS NULL ORDER BY id",
                )?
                .execute([first, last])?;
        }
        Ok(self.tx.commit()?)
    }
}

impl SqliteBatch<'_> {
    fn insert_annotations(&mut self, id: ArticleId, record: &Record) -> Result<(), StoreError> {
        let chars = CharSlicer::new(&record.text);
        let name_of = |entity: &Option<String>| -> Option<&str> {
            let wanted = entity.as_deref()?;
            record
                .entities
                .iter()
                .find(|e| e.id == wanted)
                .map(|e| e.name.as_str())
        };
        let mut stmt = self.tx.prepare_cached(
            "INSERT OR REPLACE INTO entities (article_id, entity, kind, name, country, titles, mentions) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for e in &record.entities {
            let titles = serde_json::to_string(&e.titles).unwrap_or_else(|_| "[]".into());
            stmt.execute(params![
                id,
                e.id,
                e.kind,
                e.name,
                e.country,
                titles,
                e.mentions.len() as i64
            ])?;
        }
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO quotes (article_id, idx, speaker, speaker_name, text, cue, direct, sentence) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, q) in record.quotes.iter().enumerate() {
            stmt.execute(params![
                id,
                i as i64,
                q.speaker,
                name_of(&q.speaker),
                chars.slice(q.start, q.end),
                q.cue,
                q.direct,
                q.sentence as i64
            ])?;
        }
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO events (article_id, idx, kind, mode, cameo, source, source_name, target, \
             target_name, date, date_basis, place_name, polarity, certainty, background, sentence, \
             sentence_text, evidence, rule) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        )?;
        for (i, ev) in record.events.iter().enumerate() {
            let sentence = record
                .sentences
                .get(ev.sentence)
                .map(|s| chars.slice(s.start, s.end))
                .unwrap_or_default();
            stmt.execute(params![
                id,
                i as i64,
                ev.kind,
                ev.mode,
                ev.cameo,
                ev.source,
                name_of(&ev.source),
                ev.target,
                name_of(&ev.target),
                ev.date,
                ev.date_basis,
                name_of(&ev.place),
                ev.polarity,
                ev.certainty,
                ev.background,
                ev.sentence as i64,
                sentence,
                chars.slice(ev.evidence.start, ev.evidence.end),
                ev.rule,
            ])?;
        }
        Ok(())
    }
}

/// Slices a text by the record's code point offsets (clamped, never panicking on bad spans).
struct CharSlicer<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> CharSlicer<'t> {
    fn new(text: &'t str) -> CharSlicer<'t> {
        // In ASCII text code points are bytes: no table (most news text is ASCII).
        let starts = if text.is_ascii() {
            Vec::new()
        } else {
            let mut starts = Vec::with_capacity(text.len() + 1);
            starts.extend(text.char_indices().map(|(b, _)| b));
            starts.push(text.len());
            starts
        };
        CharSlicer { text, starts }
    }

    fn slice(&self, start: usize, end: usize) -> &'t str {
        let (s, e) = if self.starts.is_empty() {
            (start.min(self.text.len()), end.min(self.text.len()))
        } else {
            let last = self.starts.len() - 1;
            (self.starts[start.min(last)], self.starts[end.min(last)])
        };
        self.text.get(s..e.max(s)).unwrap_or("")
    }
}

/// The event columns [`event_row`] reads, for `events v JOIN articles a`.
const EVENT_COLUMNS: &str = "v.article_id, a.external_id, a.url, a.title, a.date, v.idx, v.kind, \
     v.mode, v.cameo, v.source_name, v.target_name, v.place_name, v.date, v.date_basis, \
     v.polarity, v.certainty, v.background, v.sentence, v.sentence_text, v.evidence, v.rule";

/// When an event happened, for ordering: its own date when that is a calendar value (TIMEX3
/// values like `PAST_REF` are not), else its article's date. [`EventRow::when`] agrees.
const WHEN: &str = "(CASE WHEN v.date GLOB '[0-9][0-9][0-9][0-9]*' THEN v.date ELSE a.date END)";

fn event_row(r: &Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        article: r.get(0)?,
        external_id: r.get(1)?,
        url: r.get(2)?,
        title: r.get(3)?,
        article_date: r.get(4)?,
        index: r.get::<_, i64>(5)?.max(0) as usize,
        kind: r.get(6)?,
        mode: r.get(7)?,
        cameo: r.get(8)?,
        source: r.get(9)?,
        target: r.get(10)?,
        place: r.get(11)?,
        date: r.get(12)?,
        date_basis: r.get(13)?,
        polarity: r.get(14)?,
        certainty: r.get(15)?,
        background: r.get(16)?,
        sentence: r.get::<_, i64>(17)?.max(0) as usize,
        sentence_text: r.get(18)?,
        evidence: r.get(19)?,
        rule: r.get(20)?,
    })
}

/// A LIKE pattern matching `text` as whole words inside a name padded with spaces
/// (`% putin %` matches " Vladimir Putin "; "Mu" does not match "Lemuria"), with LIKE's own
/// wildcards escaped. LIKE ignores ASCII case.
fn like_pattern(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::from("% ");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push_str(" %");
    out
}

/// Every whitespace-separated word as an FTS5 string (quotes doubled), so punctuation in a
/// word is no longer syntax.
fn quote_words(text: &str) -> String {
    text.split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// SQLite's LIMIT: 0 means no limit here.
fn limit_sql(limit: usize) -> i64 {
    if limit == 0 {
        -1
    } else {
        i64::try_from(limit).unwrap_or(i64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{content_hash, stored_record_json};
    use sitrep_record::{Entity, Event, Mention, SpanRef};

    fn article(name: &str, text: &str) -> NewArticle {
        let record = Record {
            text: text.into(),
            title: Some(name.into()),
            ..Record::default()
        };
        NewArticle::new(name, "test", record)
    }

    fn write(store: &mut SqliteStore, articles: &[NewArticle]) {
        let mut batch = store.batch().unwrap();
        for a in articles {
            if batch.find_hash(&a.hash).unwrap().is_none() {
                batch.insert(a, None).unwrap();
            }
        }
        batch.commit().unwrap();
    }

    #[test]
    fn fts_finds_words_with_snippets_and_filters() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut a = article("quake", "An earthquake struck the coast of Peru on Monday.");
        a.date = Some("2020-05-01".into());
        let mut b = article("vote", "Parliament voted on the budget in Lima.");
        b.date = Some("2021-05-01".into());
        write(&mut store, &[a, b]);

        let q = |text: &str| SearchQuery {
            text: text.into(),
            limit: 10,
            ..SearchQuery::default()
        };
        let hits = store.search(&q("earthquake")).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].title.as_deref(), Some("quake"));
        assert!(
            hits[0].snippet.contains("[earthquake]"),
            "{}",
            hits[0].snippet
        );
        assert_eq!(store.search(&q("budget Lima")).unwrap().len(), 1);
        assert!(store.search(&q("tsunami")).unwrap().is_empty());
        // Words FTS5 would take as syntax still search.
        assert_eq!(store.search(&q("Peru.")).unwrap().len(), 1);
        let since = SearchQuery {
            since: Some("2021-01-01".into()),
            ..q("the")
        };
        let hits = store.search(&since).unwrap();
        assert_eq!(
            hits.iter()
                .map(|h| h.title.clone().unwrap())
                .collect::<Vec<_>>(),
            ["vote"]
        );
    }

    #[test]
    fn a_batch_dropped_without_commit_leaves_nothing() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        {
            let mut batch = store.batch().unwrap();
            batch
                .insert(&article("a", "Some words here."), None)
                .unwrap();
        }
        assert_eq!(store.stats().unwrap().articles, 0);
        write(&mut store, &[article("a", "Some words here.")]);
        // Same text, different spacing and case: the same article.
        write(&mut store, &[article("b", "some   WORDS here.")]);
        assert_eq!(store.stats().unwrap().articles, 1);
    }

    #[test]
    fn events_keep_their_provenance_and_order_on_the_timeline() {
        let text = "Russia attacked Ukraine. Later Ukraine met Russia.";
        let ent = |id: &str, name: &str| Entity {
            id: id.into(),
            kind: "LOC".into(),
            subtype: None,
            name: name.into(),
            titles: vec![],
            country: None,
            mentions: vec![Mention {
                start: 0,
                end: 6,
                acts_for: None,
            }],
            acts_for: None,
        };
        let ev = |kind: &str, s: &str, t: &str, date: &str, sentence: usize, ev: SpanRef| Event {
            kind: kind.into(),
            mode: None,
            cameo: None,
            source: Some(s.into()),
            target: Some(t.into()),
            date: Some(date.into()),
            date_basis: None,
            place: None,
            polarity: "positive".into(),
            certainty: "certain".into(),
            background: false,
            sentence,
            evidence: ev,
            rule: "r1".into(),
        };
        let record = Record {
            text: text.into(),
            sentences: vec![
                SpanRef { start: 0, end: 24 },
                SpanRef { start: 25, end: 50 },
            ],
            entities: vec![ent("e1", "Russia"), ent("e2", "Ukraine")],
            events: vec![
                ev(
                    "CONSULT",
                    "e2",
                    "e1",
                    "2022-03-01",
                    1,
                    SpanRef { start: 31, end: 49 },
                ),
                ev(
                    "ASSAULT",
                    "e1",
                    "e2",
                    "2022-02-24",
                    0,
                    SpanRef { start: 0, end: 23 },
                ),
            ],
            ..Record::default()
        };
        let mut store = SqliteStore::open_in_memory().unwrap();
        write(&mut store, &[NewArticle::new("a", "test", record.clone())]);

        let line = store.timeline("russia", 0).unwrap();
        assert_eq!(line.len(), 2);
        assert_eq!(line[0].kind, "ASSAULT");
        assert_eq!(line[0].evidence, "Russia attacked Ukraine");
        assert_eq!(line[0].sentence_text, "Russia attacked Ukraine.");
        assert_eq!(line[1].source.as_deref(), Some("Ukraine"));
        assert_eq!(line[1].evidence, "Ukraine met Russia");
        assert!(store.timeline("Rus", 0).unwrap().is_empty());

        let pairs = store.actors(0).unwrap();
        assert_eq!(pairs.len(), 2);
        let mut n = 0;
        store
            .export(&mut |_row| {
                n += 1;
                Ok(())
            })
            .unwrap();
        assert_eq!(n, 2);
        let stats = store.stats().unwrap();
        assert_eq!((stats.entities, stats.events), (2, 2));
        assert_eq!(store.record(1).unwrap().unwrap(), record);
    }

    #[test]
    fn copies_join_the_story_and_are_counted_apart() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut orig = article("orig", "The minister resigned on Friday after the vote.");
        orig.signature = vec![1, 2, 3, 4];
        orig.bands = vec![11, 22];
        let mut batch = store.batch().unwrap();
        let id = batch.insert(&orig, None).unwrap();
        let found = batch.candidates(&[99, 22]).unwrap();
        assert_eq!(
            found,
            vec![Candidate {
                id,
                story: id,
                signature: vec![1, 2, 3, 4],
                date: None,
            }]
        );
        let mut copy = article(
            "copy",
            "The minister resigned on Friday after the vote. (AP)",
        );
        copy.source = "wire".into();
        batch
            .insert(
                &copy,
                Some(&CopyOf {
                    article: id,
                    story: id,
                    similarity: 0.9,
                }),
            )
            .unwrap();
        batch.commit().unwrap();

        let stats = store.stats().unwrap();
        assert_eq!((stats.articles, stats.copies, stats.syndicated), (1, 1, 1));
        let hits = store
            .search(&SearchQuery {
                text: "minister".into(),
                limit: 5,
                ..SearchQuery::default()
            })
            .unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].copies, hits[0].sources), (1, 2));
    }

    fn with_bands(name: &str, bands: &[i64]) -> NewArticle {
        let mut a = article(name, &format!("The text of {name}."));
        a.signature = vec![7; 4];
        a.bands = bands.to_vec();
        a
    }

    fn candidate_ids(store: &mut SqliteStore, bands: &[i64]) -> Vec<ArticleId> {
        let mut batch = store.batch().unwrap();
        batch
            .candidates(bands)
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect()
    }

    #[test]
    fn candidates_written_by_another_connection_are_found_through_the_filter() {
        let dir = tempfile_dir("bands");
        let path = dir.join("store.db");
        let mut a = SqliteStore::open(&path).unwrap();
        assert!(candidate_ids(&mut a, &[1, 2]).is_empty());
        assert!(
            a.bands.bits.is_complete(),
            "an empty store builds it at once"
        );
        let mut batch = a.batch().unwrap();
        let first = batch.insert(&with_bands("first", &[11, 22]), None).unwrap();
        // Within the batch, and after the commit.
        assert_eq!(
            batch
                .candidates(&[0, 22])
                .unwrap()
                .iter()
                .map(|c| c.id)
                .collect::<Vec<_>>(),
            [first]
        );
        batch.commit().unwrap();
        assert_eq!(candidate_ids(&mut a, &[11, 0]), [first]);
        // The same key in another band is another key.
        assert!(candidate_ids(&mut a, &[22, 11]).is_empty());

        // Another connection (another ingest) writes; this one's filter lacks its keys.
        let mut b = SqliteStore::open(&path).unwrap();
        let mut batch = b.batch().unwrap();
        let second = batch
            .insert(&with_bands("second", &[33, 44]), None)
            .unwrap();
        batch.commit().unwrap();
        drop(b);
        assert_eq!(candidate_ids(&mut a, &[0, 44]), [second]);
        assert_eq!(candidate_ids(&mut a, &[11, 44]), [first, second]);
        drop(a);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_large_store_is_looked_up_in_sql_until_the_filter_pays() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut batch = store.batch().unwrap();
        for i in 0..40 {
            batch
                .insert(&with_bands(&format!("a{i}"), &[i, i + 100]), None)
                .unwrap();
        }
        batch.commit().unwrap();
        // A new handle on the same data: as if reopened.
        store.bands.bits.clear();
        // 40 stored articles: the first two lookups go to SQL, the third builds the filter.
        for round in 1..=3 {
            assert_eq!(candidate_ids(&mut store, &[5, 0]), [6], "round {round}");
            assert_eq!(store.bands.bits.is_complete(), round == 3, "round {round}");
        }
        assert_eq!(candidate_ids(&mut store, &[1000, 139]), [40]);
        assert!(candidate_ids(&mut store, &[1000, 1000]).is_empty());
    }

    fn tempfile_dir(what: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("sitrep-{what}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn the_seen_check_agrees_with_find_exact_as_of_the_last_commit() {
        assert!(
            SqliteStore::open_in_memory()
                .unwrap()
                .seen_checker()
                .unwrap()
                .is_none()
        );
        let dir = std::env::temp_dir().join(format!("sitrep-seen-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("store.db");
        let _ = std::fs::remove_file(&path);
        let mut store = SqliteStore::open(&path).unwrap();
        let mut seen = store.seen_checker().unwrap().unwrap();
        let mut orig = article("wire.jsonl:1", "Floods closed the coastal road on Sunday.");
        orig.source = "wire.example".into();
        let mut check = |a: &NewArticle| seen.seen(&a.hash, a.key(), &a.source).unwrap();
        let mut other_name = orig.clone();
        other_name.name = "wire.jsonl:2".into();
        let mut elsewhere = other_name.clone();
        elsewhere.source = "daily.example".into();

        let mut batch = store.batch().unwrap();
        batch.insert(&orig, None).unwrap();
        assert!(!check(&orig), "not before the commit");
        batch.commit().unwrap();
        assert!(check(&orig), "the same key");
        assert!(check(&other_name), "the same source");
        assert!(
            !check(&elsewhere),
            "an exact copy from elsewhere is written, not skipped"
        );
        let mut different = article("wire.jsonl:1", "Another text.");
        different.source = "wire.example".into();
        assert!(!check(&different));
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn exact_copies_from_other_sources_count_as_copies_and_the_same_item_does_not() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut orig = article("wire.jsonl:1", "Floods closed the coastal road on Sunday.");
        orig.url = Some("https://wire.example/floods".into());
        orig.source = "wire.example".into();
        let mut copy = orig.clone();
        copy.name = "daily.jsonl:4".into();
        copy.url = Some("https://daily.example/floods".into());
        copy.source = "daily.example".into();
        // The same wire URL listed again under another file name: the same item.
        let mut again = orig.clone();
        again.name = "wire2.jsonl:9".into();
        // The wire's own text under a second URL: its source already carries it.
        let mut amp = orig.clone();
        amp.url = Some("https://wire.example/amp/floods".into());

        let mut batch = store.batch().unwrap();
        assert_eq!(batch.find_exact(&orig).unwrap(), ExactMatch::New);
        let id = batch.insert(&orig, None).unwrap();
        assert_eq!(batch.find_exact(&again).unwrap(), ExactMatch::Seen(id));
        assert_eq!(batch.find_exact(&amp).unwrap(), ExactMatch::Seen(id));
        assert_eq!(batch.find_exact(&copy).unwrap(), ExactMatch::Elsewhere(id));
        assert!(batch.insert_exact_copy(&copy, id).unwrap());
        // Once recorded, the copy is seen (within the batch and after it).
        assert_eq!(batch.find_exact(&copy).unwrap(), ExactMatch::Seen(id));
        assert!(!batch.insert_exact_copy(&copy, id).unwrap());
        batch.commit().unwrap();

        let stats = store.stats().unwrap();
        assert_eq!((stats.articles, stats.copies, stats.syndicated), (1, 1, 1));
        let by = |source: &str| {
            let c = stats.sources.iter().find(|c| c.source == source).unwrap();
            (c.articles, c.copies)
        };
        assert_eq!(by("wire.example"), (1, 0));
        assert_eq!(by("daily.example"), (0, 1));
        let hits = store
            .search(&SearchQuery {
                text: "floods".into(),
                limit: 5,
                ..SearchQuery::default()
            })
            .unwrap();
        assert_eq!(hits.len(), 1, "an exact copy is not a second hit");
        assert_eq!((hits[0].copies, hits[0].sources), (1, 2));
        let mut batch = store.batch().unwrap();
        assert_eq!(batch.find_exact(&copy).unwrap(), ExactMatch::Seen(id));
    }

    #[test]
    fn a_record_serialized_ahead_is_stored_the_same() {
        let record = Record {
            text: "Rescuers searched the rubble on Monday.".into(),
            title: Some("Quake".into()),
            language: "en".into(),
            sentences: vec![SpanRef { start: 0, end: 39 }],
            ..Record::default()
        };
        let mut ahead = NewArticle::new("a", "test", record.clone());
        ahead.record_json = Some(stored_record_json(&mut ahead.record));
        assert_eq!(ahead.record, record, "the text is put back");
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut batch = store.batch().unwrap();
        let a = batch.insert(&ahead, None).unwrap();
        let mut plain = NewArticle::new("b", "test", record.clone());
        plain.record.text.push_str(" More.");
        plain.hash = content_hash(&plain.record.text);
        let b = batch.insert(&plain, None).unwrap();
        batch.commit().unwrap();
        assert_eq!((a, b), (1, 2));
        assert_eq!(store.record(a).unwrap().unwrap(), record);
        let json = |id: ArticleId| -> String {
            store
                .conn
                .query_row(
                    "SELECT json FROM records WHERE article_id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .unwrap()
        };
        assert_eq!(json(a), json(b), "the same JSON either way (texts aside)");
        // Each original is its own story; both are searchable after the commit.
        let stories: Vec<(i64, i64)> = store
            .conn
            .prepare("SELECT id, story_id FROM articles ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(stories, [(1, 1), (2, 2)]);
        let hits = store
            .search(&SearchQuery {
                text: "rubble".into(),
                limit: 5,
                ..SearchQuery::default()
            })
            .unwrap();
        assert_eq!(hits.len(), 2);
    }

    #[test]
    fn missing_store_says_what_to_do() {
        let err = SqliteStore::open_existing(Path::new("/nonexistent/x.db")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no store at /nonexistent/x.db: run sitrep ingest first"
        );
    }
}
