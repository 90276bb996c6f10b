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

use sitrep_annotate::entities::{Entity, EntityResolver};
use sitrep_annotate::quotes::{Quote, find_quotes};
use sitrep_article::{Article, Cleaner, detect_language};
use sitrep_document::{Document, SyntaxLevel};
use sitrep_events::{Coding, EventCoder};
use sitrep_record::{self as record, Offsets, Record};
use sitrep_source::{SourceKind, decode};
use sitrep_syntax::Syntax;
use sitrep_text::Span;
use sitrep_time::{TimeTagger, Timex};

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

/// An article found and cleaned, not yet annotated ([`Pipeline::clean`]).
#[derive(Debug, Clone)]
pub struct Cleaned {
    article: Article,
    metadata: Option<record::Metadata>,
}

impl Cleaned {
    /// The cleaned text: the record's `text` will be exactly this.
    pub fn text(&self) -> &str {
        &self.article.text
    }

    /// The URL the record's metadata will give: the page's canonical URL, else the
    /// caller's ([`Input::url`]).
    pub fn url<'a>(&'a self, input: &'a Input<'_>) -> Option<&'a str> {
        match &self.metadata {
            Some(m) => m.url.as_deref(),
            None => input.url.as_deref(),
        }
    }
}

/// The loaded pipeline.
#[derive(Debug)]
pub struct Pipeline {
    cleaner: Cleaner,
    syntax: Syntax,
    entities: EntityResolver,
    times: TimeTagger,
    events: EventCoder,
    /// Parse every sentence, not only those whose parse is read.
    full_syntax: bool,
    /// The day articles are read on, which an undated article was written no later than
    /// ([`Pipeline::reading_on`]).
    read_on: Option<jiff::civil::Date>,
}

impl Pipeline {
    /// Loads the embedded rules and models.
    pub fn new() -> Result<Pipeline, PipelineError> {
        let cleaner = Cleaner::new().map_err(|e| PipelineError::Load {
            component: "cleaning rules",
            message: e.to_string(),
        })?;
        let load = |component: &'static str| {
            move |e: &dyn std::fmt::Display| PipelineError::Load {
                component,
                message: e.to_string(),
            }
        };
        // The models take a few tenths of a second each to unpack: the syntax model loads on
        // a second thread meanwhile (a batch's wall time counts this).
        let (syntax, entities, events) = std::thread::scope(|scope| {
            let syntax = scope.spawn(Syntax::embedded);
            let entities = EntityResolver::embedded();
            let events = EventCoder::embedded();
            (syntax.join(), entities, events)
        });
        let syntax = syntax
            .map_err(|_| PipelineError::Load {
                component: "syntax model",
                message: "loading panicked".to_string(),
            })?
            .map_err(|e| load("syntax model")(&e))?;
        let entities = entities.map_err(|e| load("entity tagger")(&e))?;
        let events = events.map_err(|e| load("event lexicon")(&e))?;
        Ok(Pipeline {
            cleaner,
            syntax,
            entities,
            times: TimeTagger::new(),
            events,
            full_syntax: false,
            read_on: None,
        })
    }

    /// Reads articles as of `day` (the command line passes today): an article that gives
    /// no date was written no later than that, which dates a weekday–date pair ("Thursday,
    /// November 28") to the latest year it fits. Without it, records depend only on their
    /// input.
    pub fn reading_on(mut self, day: Option<jiff::civil::Date>) -> Pipeline {
        self.read_on = day;
        self
    }

    /// Reads one article into its record: [`Pipeline::clean`], then [`Pipeline::finish`].
    pub fn read(&self, input: &Input<'_>) -> Result<Record, PipelineError> {
        let cleaned = self.clean(input)?;
        Ok(self.finish(input, cleaned))
    }

    /// The first, cheap part of [`Pipeline::read`]: decodes the input, finds the article in
    /// a page and cleans its text, without annotating it. The cleaned text is the record's
    /// `text`, so a caller can tell an article it already holds before paying for the
    /// annotation.
    pub fn clean(&self, input: &Input<'_>) -> Result<Cleaned, PipelineError> {
        let source = decode(&input.name, input.bytes.to_vec())?;
        if let Some(date) = input.date.as_ref().filter(|d| !is_iso_date(d)) {
            return Err(PipelineError::BadDate {
                name: input.name.clone(),
                date: date.clone(),
            });
        }
        let format = input.format.unwrap_or(match source.kind {
            SourceKind::Html => Format::Html,
            SourceKind::Text => Format::Text,
        });
        if input.verbatim {
            return Ok(Cleaned {
                article: Article::verbatim(&source.text),
                metadata: None,
            });
        }
        if format == Format::Text {
            return Ok(Cleaned {
                article: self.cleaner.clean(&source.text),
                metadata: None,
            });
        }
        // A page: find the article in the markup, then clean its text like scraped text, since
        // pages print the same meters, teasers and credits inside their article bodies.
        let page = sitrep_html::extract(&source.text, input.url.as_deref());
        let mut article = self.cleaner.clean(&page.text);
        let mut removed: Vec<_> = page
            .removed
            .into_iter()
            .map(|r| sitrep_article::Removal {
                kind: r.kind,
                rule: r.rule,
                span: Span::empty(0),
                text: r.text,
            })
            .collect();
        removed.append(&mut article.removed);
        article.removed = removed;
        if article.truncation.is_none() {
            article.truncation = page.truncation.map(|t| sitrep_article::Truncation {
                visible_fraction: t.visible_fraction,
                evidence: t.evidence,
                rule: "html.paywall".to_string(),
            });
        }
        article.title = page.title.or(article.title);
        let metadata = record::Metadata {
            authors: page.metadata.authors,
            published: page.metadata.published,
            published_method: page.metadata.published_method,
            modified: page.metadata.modified,
            site_name: page.metadata.site_name,
            url: page.metadata.url.or_else(|| input.url.clone()),
            declared_language: page.metadata.language,
        };
        Ok(Cleaned {
            article,
            metadata: Some(metadata),
        })
    }

    /// The rest of [`Pipeline::read`]: annotates an article cleaned by [`Pipeline::clean`]
    /// from the same `input`.
    pub fn finish(&self, input: &Input<'_>, cleaned: Cleaned) -> Record {
        self.annotate(input, cleaned.article, cleaned.metadata)
    }

    /// Resolves the entities of `document` and fills the syntax that entities, quotes and
    /// events read. Tagging and parsing are most of the pipeline's cost, and most sentences
    /// of news (figures, background) hold nothing whose parse any of them reads: each says
    /// which sentences it reads the parse of (`needs_syntax`), and only those are parsed
    /// (and those whose parts of speech alone are read only tagged), unless
    /// [`Pipeline::with_full_syntax`] asked for all. The records are the same either
    /// way (`examples/syntax_check.rs` compares them over a corpus).
    fn entities_and_syntax(&self, document: &mut Document) -> Vec<Entity> {
        if self.full_syntax {
            document.parse_syntax(&self.syntax);
            return self.entities.resolve(document);
        }
        // Entities read the parse before they are complete (is a capital the subject?),
        // quotes and events read it with the complete entities.
        let drafts = self.entities.draft(document);
        let n = document.sentences().len();
        let mut first = vec![false; n];
        drafts.needs_syntax(&mut first);
        document.parse_sentences(&self.syntax, |s| first[s]);
        let entities = self.entities.finish(document, drafts);
        let mut quoting = vec![false; n];
        sitrep_annotate::quotes::needs_syntax(document, &mut quoting);
        let mut then: Vec<SyntaxLevel> = quoting
            .iter()
            .map(|&q| {
                if q {
                    SyntaxLevel::Parse
                } else {
                    SyntaxLevel::None
                }
            })
            .collect();
        self.events.needs_syntax(document, &entities, &mut then);
        document.parse_sentences(&self.syntax, |s| then[s] == SyntaxLevel::Parse && !first[s]);
        // Some sentences are read only for their parts of speech: tagging them is enough.
        document.tag_sentences(&self.syntax, |s| then[s] == SyntaxLevel::Tags);
        entities
    }

    /// Parses every sentence of every English article instead of only those whose parse
    /// is read. Slower; the records are the same (for checking that they are).
    pub fn with_full_syntax(mut self, full: bool) -> Pipeline {
        self.full_syntax = full;
        self
    }

    fn annotate(
        &self,
        input: &Input<'_>,
        article: Article,
        metadata: Option<record::Metadata>,
    ) -> Record {
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
        let english = !article.text.trim().is_empty() && language.is_english_or_unknown();
        let mut document = Document::new(article.text.clone());
        let entities = if english {
            self.entities_and_syntax(&mut document)
        } else {
            Vec::new()
        };
        let offsets = Offsets::new(document.text());
        let text = document.text();
        let sentence_ranges: Vec<_> = document
            .sentences()
            .iter()
            .map(|s| s.span.range())
            .collect();

        // The document date: given by the caller, else the page's, else inferred from the text.
        let published = metadata.as_ref().and_then(|m| {
            let day = m.published.as_deref()?.get(..10)?;
            is_iso_date(day).then(|| {
                (
                    day.to_string(),
                    m.published_method.clone().unwrap_or_default(),
                )
            })
        });
        let document_date = match (&input.date, published) {
            (Some(d), _) => Some(record::DocumentDate {
                value: d.clone(),
                inferred: false,
                basis: "given by the caller".to_string(),
            }),
            (None, Some((day, method))) => Some(record::DocumentDate {
                value: day,
                inferred: false,
                basis: format!("the page's publication date ({method})"),
            }),
            (None, None) if english => self
                .times
                .infer_document_date_read_on(text, &sentence_ranges, self.read_on)
                .map(|d| record::DocumentDate {
                    value: d.value,
                    inferred: d.inferred,
                    basis: d.basis,
                }),
            (None, None) => None,
        };
        let dct = document_date.as_ref().map(|d| d.value.as_str());
        let times = if english {
            self.times.tag(text, &sentence_ranges, dct)
        } else {
            Vec::new()
        };
        let (quotes, coding) = if english {
            let quotes = find_quotes(&document, &entities);
            let coding = self.events.code(&document, &entities, &times, dct);
            (quotes, coding)
        } else {
            (
                Vec::new(),
                Coding {
                    events: Vec::new(),
                    uncoded: Vec::new(),
                },
            )
        };
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
                .map(|r| record::Removed {
                    kind: r.kind,
                    text: r.text,
                    rule: r.rule,
                })
                .collect(),
            metadata: metadata.or_else(|| {
                input.url.as_ref().map(|url| record::Metadata {
                    url: Some(url.clone()),
                    ..record::Metadata::default()
                })
            }),
            document_date,
            sentences: document
                .sentences()
                .iter()
                .map(|s| offsets.span(s.span))
                .collect(),
            entities: entity_records(&entities, &offsets),
            quotes: quote_records(&quotes, &offsets),
            events: coding
                .events
                .iter()
                .map(|e| record::Event {
                    kind: e.kind.as_str().to_string(),
                    mode: e.mode.clone(),
                    cameo: e.cameo.clone(),
                    source: e.source.map(entity_id),
                    target: e.target.map(entity_id),
                    date: e.date.clone(),
                    date_basis: e.date_basis.clone(),
                    place: e.place.map(entity_id),
                    polarity: e.polarity.as_str().to_string(),
                    certainty: e.certainty.as_str().to_string(),
                    background: e.background,
                    sentence: e.sentence,
                    evidence: offsets.span(e.evidence),
                    rule: e.rule.clone(),
                })
                .collect(),
            uncoded: coding
                .uncoded
                .iter()
                .map(|u| record::Uncoded {
                    sentence: u.sentence,
                    reason: u.reason.clone(),
                })
                .collect(),
            times: time_records(&times, &offsets),
            text: document.text().to_string(),
        }
    }
}

/// The record id of entity `index`.
fn entity_id(index: usize) -> String {
    format!("e{}", index + 1)
}

fn entity_records(entities: &[Entity], offsets: &Offsets) -> Vec<record::Entity> {
    entities
        .iter()
        .enumerate()
        .map(|(i, e)| record::Entity {
            id: entity_id(i),
            kind: e.kind.as_str().to_string(),
            subtype: e.subtype.clone(),
            name: e.name.clone(),
            titles: e.titles.clone(),
            country: e.country.clone(),
            mentions: e
                .mentions
                .iter()
                .map(|m| {
                    let span = offsets.span(m.span);
                    record::Mention {
                        start: span.start,
                        end: span.end,
                        acts_for: m.acts_for.map(entity_id),
                    }
                })
                .collect(),
            acts_for: None,
        })
        .collect()
}

fn quote_records(quotes: &[Quote], offsets: &Offsets) -> Vec<record::Quote> {
    quotes
        .iter()
        .map(|q| {
            let span = offsets.span(q.span);
            record::Quote {
                start: span.start,
                end: span.end,
                speaker: q.speaker.map(entity_id),
                cue: q.cue.clone(),
                direct: q.direct,
                sentence: q.sentence,
            }
        })
        .collect()
}

fn time_records(times: &[Timex], offsets: &Offsets) -> Vec<record::Time> {
    times
        .iter()
        .map(|t| {
            let span = offsets.span(Span::from_range(t.start..t.end));
            record::Time {
                start: span.start,
                end: span.end,
                kind: t.kind.as_str().to_string(),
                value: t.value.clone(),
                note: t.note.clone(),
            }
        })
        .collect()
}

fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}
