//! What goes into the store and what comes out of its queries: plain data, no wire format
//! (the binary decides how rows are printed).

use sitrep_record::Record;

/// A stored article's id.
pub type ArticleId = i64;

/// An article ready to be written.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// Content hash of the normalized text ([`content_hash`]): the article's identity.
    pub hash: String,
    /// Where it came from, for messages (`path`, `file.jsonl:17`, a URL).
    pub name: String,
    /// The id the container gave it (a JSONL `id`), if any.
    pub external_id: Option<String>,
    /// The article's URL, if known.
    pub url: Option<String>,
    /// The publisher or collection it came from (a host name, a JSONL id prefix, a folder).
    pub source: String,
    /// The headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`, if known.
    pub date: Option<String>,
    /// Whitespace-separated words in the text.
    pub words: u64,
    /// What sitrep says about the article; its `text` is the stored body.
    pub record: Record,
    /// MinHash signature of the text (may be empty: the article then never matches).
    pub signature: Vec<u32>,
    /// LSH band keys of the signature, key `i` for band `i`.
    pub bands: Vec<i64>,
    /// The record as the store keeps it ([`stored_record_json`]), when computed ahead: the
    /// ingest does it on its worker threads, so the single writer thread does not. `None`:
    /// the store serializes [`NewArticle::record`] itself. Set it last: it must describe the
    /// record as written.
    pub record_json: Option<String>,
}

/// The JSON the store keeps for `record`: the record with an empty `text` (the text is stored
/// once, with the article). The text is moved out and back, not copied.
pub fn stored_record_json(record: &mut Record) -> String {
    let text = std::mem::take(&mut record.text);
    let json = sitrep_record::to_json(record);
    record.text = text;
    json
}

impl NewArticle {
    /// An article named `name` from `source`, with hash, words, title and date taken from the
    /// record; no signature.
    pub fn new(name: &str, source: &str, record: Record) -> NewArticle {
        let key = TextKey::of(&record.text);
        NewArticle::with_key(name, source, record, key)
    }

    /// [`NewArticle::new`] with the text's key computed beforehand (the ingest computes it
    /// before annotating, to ask whether the text is stored): `key` must be
    /// `TextKey::of(&record.text)`.
    pub fn with_key(name: &str, source: &str, record: Record, key: TextKey) -> NewArticle {
        debug_assert_eq!(key, TextKey::of(&record.text));
        let date = record
            .document_date
            .as_ref()
            .map(|d| d.value.as_str())
            .or(record
                .metadata
                .as_ref()
                .and_then(|m| m.published.as_deref()))
            .and_then(day);
        NewArticle {
            hash: key.hash,
            name: name.to_string(),
            external_id: None,
            url: None,
            source: source.to_string(),
            title: record.title.clone(),
            date,
            words: key.words,
            record,
            signature: Vec::new(),
            bands: Vec::new(),
            record_json: None,
        }
    }

    /// The item's identity, to tell the same item seen again (a rerun, a line listed twice)
    /// from the same text published elsewhere: its external id, else its URL, else its name.
    pub fn key(&self) -> &str {
        self.external_id
            .as_deref()
            .or(self.url.as_deref())
            .unwrap_or(&self.name)
    }
}

/// What the store already holds of a new article's exact text ([`crate::Batch::find_exact`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExactMatch {
    /// The text is not stored.
    New,
    /// The same item is stored already: its key ([`NewArticle::key`]) is recorded for this
    /// text, or its source already carries this text. Nothing is to be written.
    Seen(ArticleId),
    /// The text is stored, but not from this source nor under this key: the item is an exact
    /// (syndicated) copy of that article, to be written with
    /// [`crate::Batch::insert_exact_copy`].
    Elsewhere(ArticleId),
}

/// The `YYYY-MM-DD` day at the start of an ISO 8601 date or timestamp, if it has one.
pub fn day(value: &str) -> Option<String> {
    let b = value.as_bytes();
    let shape = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    shape.then(|| value[..10].to_string())
}

/// Days between two `YYYY-MM-DD` days (absolute), or `None` when either is not a day.
pub fn days_apart(a: &str, b: &str) -> Option<u32> {
    Some(day_number(a)?.abs_diff(day_number(b)?) as u32)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` day (proleptic Gregorian).
fn day_number(value: &str) -> Option<i64> {
    let value = day(value)?;
    let y: i64 = value[..4].parse().ok()?;
    let m: i64 = value[5..7].parse().ok()?;
    let d: i64 = value[8..10].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The identity of a text: FNV-1a (128 bit) over its lower-cased words joined by single
/// spaces, as 32 hex digits. Whitespace and case differences do not make a new article.
///
/// FNV is written out here rather than taken from `std::hash` because stored keys must not
/// change when the compiler's hasher does.
pub fn content_hash(text: &str) -> String {
    TextKey::of(text).hash
}

/// A text's [`content_hash`] and its whitespace-separated word count ([`NewArticle::words`]),
/// computed in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextKey {
    /// [`content_hash`] of the text.
    pub hash: String,
    /// Whitespace-separated words in the text.
    pub words: u64,
}

impl TextKey {
    /// The key of `text`.
    pub fn of(text: &str) -> TextKey {
        const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
        const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
        let mut hash = OFFSET;
        let mut eat = |b: u8| {
            hash ^= u128::from(b);
            hash = hash.wrapping_mul(PRIME);
        };
        let mut words = 0u64;
        for word in text.split_whitespace() {
            if words > 0 {
                eat(b' ');
            }
            words += 1;
            if word.is_ascii() {
                // What `char::to_lowercase` gives for ASCII, without decoding characters.
                for &b in word.as_bytes() {
                    eat(b.to_ascii_lowercase());
                }
            } else {
                for c in word.chars().flat_map(char::to_lowercase) {
                    let mut buf = [0u8; 4];
                    for &b in c.encode_utf8(&mut buf).as_bytes() {
                        eat(b);
                    }
                }
            }
        }
        TextKey {
            hash: format!("{hash:032x}"),
            words,
        }
    }
}

/// A stored article that may be a near-duplicate of a new one.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The stored article.
    pub id: ArticleId,
    /// Its story (the id of the story's first article).
    pub story: ArticleId,
    /// Its MinHash signature.
    pub signature: Vec<u32>,
    /// Its publication day, if known.
    pub date: Option<String>,
}

/// Marks a new article as a copy of a stored one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CopyOf {
    /// The article it copies.
    pub article: ArticleId,
    /// The story both belong to.
    pub story: ArticleId,
    /// Estimated Jaccard similarity of their word shingles.
    pub similarity: f64,
}

/// A full-text search with filters.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Full-text query (FTS5 syntax; plain words are ANDed).
    pub text: String,
    /// Only articles mentioning an entity whose name contains these words (ignoring case).
    pub actor: Option<String>,
    /// Only articles with an event of this type.
    pub event_type: Option<String>,
    /// Only articles dated on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only articles dated on or before this day.
    pub until: Option<String>,
    /// At most this many hits.
    pub limit: usize,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// The article.
    pub article: ArticleId,
    /// Where it came from.
    pub name: String,
    /// Its URL.
    pub url: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Its date.
    pub date: Option<String>,
    /// Its source.
    pub source: String,
    /// Matching words in context, marked `[like this]`.
    pub snippet: String,
    /// Copies (near-duplicate or exact) in its story.
    pub copies: u64,
    /// Distinct sources that carried the story.
    pub sources: u64,
}

/// One stored event with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// The article it was read from.
    pub article: ArticleId,
    /// The article's container id (JSONL `id`), if any.
    pub external_id: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The article's headline.
    pub title: Option<String>,
    /// The article's date.
    pub article_date: Option<String>,
    /// The event's index in its record.
    pub index: usize,
    /// PLOVER event type.
    pub kind: String,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// CAMEO code.
    pub cameo: Option<String>,
    /// Source actor's name.
    pub source: Option<String>,
    /// Target actor's name.
    pub target: Option<String>,
    /// Place name.
    pub place: Option<String>,
    /// The event's own date (TIMEX3 value), if any.
    pub date: Option<String>,
    /// Where the date came from.
    pub date_basis: Option<String>,
    /// `positive` or `negative`.
    pub polarity: String,
    /// `certain`, `reported` or `possible`.
    pub certainty: String,
    /// History recalled as context.
    pub background: bool,
    /// Sentence index.
    pub sentence: usize,
    /// The sentence's text.
    pub sentence_text: String,
    /// The evidence span's text.
    pub evidence: String,
    /// Lexicon rule id.
    pub rule: String,
}

impl EventRow {
    /// The date to order by: the event's own, else the article's.
    pub fn when(&self) -> Option<&str> {
        self.date.as_deref().or(self.article_date.as_deref())
    }
}

/// How often one actor acted on another, for one event type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interaction {
    /// Source actor.
    pub source: String,
    /// Target actor.
    pub target: String,
    /// Event type.
    pub kind: String,
    /// Number of events.
    pub count: u64,
}

/// Counts for one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCount {
    /// The source.
    pub source: String,
    /// Original articles from it.
    pub articles: u64,
    /// Copies (near-duplicate or exact) of other sources' articles from it.
    pub copies: u64,
}

/// What the store holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Distinct articles (originals; each is one story).
    pub articles: u64,
    /// Copies of stored articles from other sources: near-duplicates and exact copies.
    pub copies: u64,
    /// Stories carried by more than one source.
    pub syndicated: u64,
    /// Words in original articles.
    pub words: u64,
    /// Entities (per article).
    pub entities: u64,
    /// Quotes.
    pub quotes: u64,
    /// Events.
    pub events: u64,
    /// Counts by source, largest first.
    pub sources: Vec<SourceCount>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_ignores_case_and_spacing_only() {
        let a = content_hash("Rescuers  searched\nthe rubble.");
        assert_eq!(a, content_hash("rescuers searched the RUBBLE."));
        assert_ne!(a, content_hash("Rescuers searched the rubble!"));
        assert_eq!(a.len(), 32);
        // Pinned: stored keys must never change.
        assert_eq!(content_hash(""), "6c62272e07bb014262b821756295c58d");
    }

    /// The first implementation (char by char for every word), kept to pin the fast path.
    fn content_hash_by_chars(text: &str) -> String {
        const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
        const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
        let mut hash = OFFSET;
        let mut eat = |bytes: &[u8]| {
            for &b in bytes {
                hash ^= u128::from(b);
                hash = hash.wrapping_mul(PRIME);
            }
        };
        for (i, word) in text.split_whitespace().enumerate() {
            if i > 0 {
                eat(b" ");
            }
            for c in word.chars().flat_map(char::to_lowercase) {
                let mut buf = [0u8; 4];
                eat(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        format!("{hash:032x}")
    }

    #[test]
    fn text_keys_match_the_first_implementation_and_count_words() {
        for text in [
            "",
            "   ",
            "Rescuers searched the RUBBLE on Monday, 3 March.",
            "ΟΔΟΣ Σίσυφος ΣΑΣ straße STRASSE İstanbul ǅemal 東京\u{0} a\u{a0}b\tc\r\nd",
            "MIXED Ascii and ÜMLAUT words\u{2003}em-space",
        ] {
            let key = TextKey::of(text);
            assert_eq!(key.hash, content_hash_by_chars(text), "{text:?}");
            assert_eq!(key.words, text.split_whitespace().count() as u64);
        }
        let record = Record {
            text: "Two words".into(),
            ..Record::default()
        };
        let a = NewArticle::new("a", "s", record.clone());
        let b = NewArticle::with_key("a", "s", record, TextKey::of("Two words"));
        assert_eq!((a.hash, a.words), (b.hash, b.words));
        assert_eq!(b.words, 2);
    }

    #[test]
    fn day_takes_the_date_part_only() {
        assert_eq!(day("2019-01-04T06:00:00Z").as_deref(), Some("2019-01-04"));
        assert_eq!(day("2019-01-04").as_deref(), Some("2019-01-04"));
        assert_eq!(day("2019"), None);
        assert_eq!(day("PRESENT_REF"), None);
        assert_eq!(days_apart("2024-02-28", "2024-03-01"), Some(2));
        assert_eq!(days_apart("2023-12-31T23:00:00Z", "2024-01-01"), Some(1));
        assert_eq!(days_apart("1987-04-07", "1987-02-26"), Some(40));
        assert_eq!(days_apart("1970-01-01", "1970-01-01"), Some(0));
        assert_eq!(days_apart("2024", "2024-01-01"), None);
    }
}
