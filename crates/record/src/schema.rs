//! The record's wire types, field for field as `../shared/docs/record.md` and `docs/record.md`
//! describe them. Offsets here are **Unicode code point** offsets into [`Record::text`].

use serde::{Deserialize, Serialize};

/// Version of the record schema; bumped when a field changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything sitrep says about one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Schema version of this record.
    pub schema: u32,
    /// The headline, wherever it stood in the input.
    pub title: Option<String>,
    /// The article body with boilerplate removed; all offsets point into it.
    pub text: String,
    /// ISO 639-1 code of the body's language (`und` when undetermined).
    pub language: String,
    /// Notes a reader should see (non-English body, empty input, …).
    #[serde(default)]
    pub notes: Vec<String>,
    /// Set when a paywall or teaser cut the body.
    pub truncation: Option<Truncation>,
    /// What cleaning removed, and why.
    pub removed: Vec<Removed>,
    /// Page metadata, when the input carried any (HTML, JSONL, feeds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// The date relative expressions resolve against.
    pub document_date: Option<DocumentDate>,
    /// Sentence spans, in order.
    pub sentences: Vec<SpanRef>,
    /// One entry per real-world entity.
    pub entities: Vec<Entity>,
    /// Temporal expressions.
    pub times: Vec<Time>,
    /// Direct and indirect quotes.
    pub quotes: Vec<Quote>,
    /// Coded events.
    pub events: Vec<Event>,
    /// Sentences with two actors and an event-like word that produced no event.
    pub uncoded: Vec<Uncoded>,
}

/// A `{start, end}` pair of code point offsets into [`Record::text`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRef {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// A cut body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Truncation {
    /// Share of the full article that is present, in `[0, 1]`.
    pub visible_fraction: Option<f64>,
    /// The words that showed the cut.
    pub evidence: String,
}

/// One piece of removed boilerplate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// What kind of boilerplate (`paywall`, `related-link`, `source-footer`, `share`, …).
    pub kind: String,
    /// The removed text.
    pub text: String,
    /// Id of the cleaning rule that removed it.
    #[serde(default)]
    pub rule: String,
}

/// Page metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Authors named by the page.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Publication date (ISO 8601) and where it was found.
    pub published: Option<String>,
    /// How the publication date was found (`json-ld`, `opengraph`, `time-element`, `url`, …).
    pub published_method: Option<String>,
    /// Modification date.
    pub modified: Option<String>,
    /// The site's name.
    pub site_name: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Language declared by the page.
    pub declared_language: Option<String>,
}

/// The document creation date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentDate {
    /// TIMEX3 value, e.g. `2024-11-29` or `2024`.
    pub value: String,
    /// True when sitrep inferred it from the text rather than being told.
    pub inferred: bool,
    /// Why this value, in words a person can check.
    pub basis: String,
}

/// A real-world entity and its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id within the record (`e1`, `e2`, …).
    pub id: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Finer type: `country`, `city`, `capital`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    /// Canonical name.
    pub name: String,
    /// Role phrases ("Defense Minister").
    pub titles: Vec<String>,
    /// The entity's country, or null.
    pub country: Option<String>,
    /// Where the entity is mentioned.
    pub mentions: Vec<Mention>,
    /// For a capital or seat of government acting for its state: the state's entity id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acts_for: Option<String>,
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// When this mention stands for another entity (metonymy: "Seoul" for South Korea).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acts_for: Option<String>,
}

/// A temporal expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Time {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// TIMEX3 type: `DATE`, `TIME`, `DURATION`, `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
    /// Notes such as a weekday that contradicts its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A quote and its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// First code point of the quoted words (without the marks).
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Speaker entity id, or null.
    pub speaker: Option<String>,
    /// The reporting verb.
    pub cue: Option<String>,
    /// True for direct quotes, false for indirect speech.
    pub direct: bool,
    /// Index of the sentence the quote starts in.
    #[serde(default)]
    pub sentence: usize,
}

/// A coded event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// PLOVER event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode, or null.
    pub mode: Option<String>,
    /// CAMEO code.
    pub cameo: Option<String>,
    /// Source entity id.
    pub source: Option<String>,
    /// Target entity id.
    pub target: Option<String>,
    /// TIMEX3 value, or null.
    pub date: Option<String>,
    /// Where the date came from (`sentence`, `context`, `document`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<String>,
    /// Place entity id, or null.
    pub place: Option<String>,
    /// `positive` or `negative`.
    pub polarity: String,
    /// `certain`, `reported` or `possible`.
    pub certainty: String,
    /// True for history recalled as context.
    pub background: bool,
    /// Index of the sentence.
    pub sentence: usize,
    /// The shortest span that states the event.
    pub evidence: SpanRef,
    /// Id of the lexicon entry that made it.
    pub rule: String,
}

/// A sentence that looked like an event but was not coded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uncoded {
    /// Sentence index.
    pub sentence: usize,
    /// Why no event was coded.
    pub reason: String,
}
