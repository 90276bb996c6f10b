//! Events: PLOVER-coded who-did-what-to-whom with polarity, certainty and provenance.
//!
//! # Brief overview
//!
//! [`EventCoder`] holds the compiled event lexicon (`lexicon/plover.toml`, embedded and
//! versioned; see [`Lexicon`]). [`EventCoder::code`] reads a [`Document`] with its entities and
//! times and returns a [`Coding`]: the [`Event`]s it found, and the sentences that looked like
//! events but gave none ([`Uncoded`]), so that recall can be audited.
//!
//! For each sentence the coder
//! 1. finds lexicon triggers (inflected verbs, nouns, multiword phrases);
//! 2. finds each trigger's source and target among the entity mentions: from the dependency
//!    parse when the sentence has one (`nsubj`, `obj`, `obl` + case, `xcomp` control), else
//!    by the entry's surface roles (actor before the trigger in its clause, actor after it,
//!    "by X", "to X", "between X and Y", "X's"); pronouns and "the two sides" resolve to
//!    actors in context, and a capital acting for its state (`acts_for`) stands for the state;
//! 3. sets polarity (negation, "refused to"), certainty ("reportedly", "may", "plans to"),
//!    background ("since 2022", past perfect, dates years before the document) from cue lists
//!    that live in the lexicon file too;
//! 4. dates the event from its sentence, else from the context before it, else from the
//!    document date, and says which in `date_basis`.
//!
//! Every event carries the lexicon entry id that made it (`rule`) and the shortest span that
//! states it (`evidence`).
//!
//! ```
//! use sitrep_annotate::entities::{Entity, EntityKind, EntityMention};
//! use sitrep_document::Document;
//! use sitrep_events::{Certainty, EventCoder, Polarity};
//!
//! let doc = Document::new("Norway reportedly asked Chile to send doctors.".to_string());
//! let entity = |name: &str| {
//!     let start = doc.text().find(name).unwrap();
//!     let span = sitrep_text::Span::from_range(start..start + name.len());
//!     Entity {
//!         kind: EntityKind::Loc,
//!         subtype: Some("country".into()),
//!         name: name.into(),
//!         titles: vec![],
//!         country: Some(name.into()),
//!         mentions: vec![EntityMention { span, tokens: doc.tokens_in(span), acts_for: None }],
//!     }
//! };
//! let entities = vec![entity("Norway"), entity("Chile")];
//! let coder = EventCoder::embedded().unwrap();
//! let coding = coder.code(&doc, &entities, &[], Some("2024-05-02"));
//! let ev = &coding.events[0];
//! assert_eq!(ev.kind.as_str(), "REQUEST");
//! assert_eq!((ev.source, ev.target), (Some(0), Some(1)));
//! assert_eq!(ev.certainty, Certainty::Reported);
//! assert_eq!(ev.polarity, Polarity::Positive);
//! assert_eq!(ev.rule, "request.ask");
//! ```

mod coder;
mod lexicon;

use sitrep_annotate::entities::Entity;
use sitrep_document::{Document, SyntaxLevel};
use sitrep_text::Span;
use sitrep_time::Timex;

pub use lexicon::{Entry, Lexicon, PloverType, Role};

/// The embedded lexicon file.
const PLOVER_TOML: &str = include_str!("../lexicon/plover.toml");

/// Errors of the event crate: only a broken lexicon file can fail.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    /// The lexicon file is not valid TOML of the expected shape.
    #[error("{path}: cannot read the event lexicon: {message}")]
    Parse {
        /// The lexicon file.
        path: String,
        /// What the TOML reader said (with line and column).
        message: String,
    },
    /// One entry is inconsistent.
    #[error("{path}: lexicon entry '{id}': {problem}")]
    Entry {
        /// The lexicon file.
        path: String,
        /// The entry's id.
        id: String,
        /// What is wrong, and so what to fix.
        problem: String,
    },
}

/// Whether the event happened or was denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Polarity {
    /// It happened (or is said to).
    Positive,
    /// It was denied: "does not sell weapons", "refused to supply".
    Negative,
}

impl Polarity {
    /// The record's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negative => "negative",
        }
    }
}

/// How sure the text is that the event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Certainty {
    /// Stated as fact.
    Certain,
    /// Attributed: "reportedly", "according to", "officials said".
    Reported,
    /// Possible, intended or conditional: "may", "plans to", "is considering".
    Possible,
}

impl Certainty {
    /// The record's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Certain => "certain",
            Certainty::Reported => "reported",
            Certainty::Possible => "possible",
        }
    }
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// PLOVER type.
    pub kind: PloverType,
    /// Mode refining the type (`visit`, `meet`, `military`, …).
    pub mode: Option<String>,
    /// CAMEO code.
    pub cameo: Option<String>,
    /// Entity index of the actor.
    pub source: Option<usize>,
    /// Entity index of the one acted upon.
    pub target: Option<usize>,
    /// TIMEX3 value of the event's date.
    pub date: Option<String>,
    /// Where the date came from: `"sentence"`, `"context"` or `"document"`.
    pub date_basis: Option<String>,
    /// Entity index of the place.
    pub place: Option<usize>,
    /// Positive or negated.
    pub polarity: Polarity,
    /// Certain, reported or possible.
    pub certainty: Certainty,
    /// History recalled as context rather than news.
    pub background: bool,
    /// Sentence index.
    pub sentence: usize,
    /// The shortest span that states the event (byte offsets into the document text).
    pub evidence: Span,
    /// Id of the lexicon entry that made it.
    pub rule: String,
}

/// A sentence that looked like an event but gave none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncoded {
    /// Sentence index.
    pub sentence: usize,
    /// Why no event was coded.
    pub reason: String,
}

/// The events of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coding {
    /// Coded events, in text order.
    pub events: Vec<Event>,
    /// Sentences with two actors and an event-like word but no event.
    pub uncoded: Vec<Uncoded>,
}

/// Codes events with a compiled lexicon. `Send + Sync`: share one across threads.
#[derive(Debug, Clone)]
pub struct EventCoder {
    lexicon: Lexicon,
}

impl EventCoder {
    /// The coder with the embedded lexicon (`lexicon/plover.toml`).
    pub fn embedded() -> Result<EventCoder, EventError> {
        EventCoder::from_toml(PLOVER_TOML, "lexicon/plover.toml")
    }

    /// A coder with a lexicon given as TOML text (`path` names it in errors).
    pub fn from_toml(text: &str, path: &str) -> Result<EventCoder, EventError> {
        Ok(EventCoder {
            lexicon: Lexicon::parse(text, path)?,
        })
    }

    /// The compiled lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Codes the events of `doc`. `entities` are the document's entities (events refer to
    /// them by index), `times` its time expressions (from `sitrep_time::TimeTagger::tag`
    /// over the same text), `document_date` its own date (`YYYY-MM-DD`), used when
    /// neither the sentence nor the two before it give a date.
    pub fn code(
        &self,
        doc: &Document,
        entities: &[Entity],
        times: &[Timex],
        document_date: Option<&str>,
    ) -> Coding {
        coder::code(&self.lexicon, doc, entities, times, document_date)
    }

    /// Raises in `needed` (one level per sentence of `doc`) every sentence whose syntax
    /// [`EventCoder::code`] may read with these `entities` to the level it reads: the parse
    /// of a sentence where a trigger phrase is written outside any name and of the sentences
    /// whose subjects a pronoun in a trigger sentence may be resolved to; the tags of a
    /// sentence with two or more actors (its "uncoded" reason names its first verb). The
    /// syntax of unmarked sentences is never read, so filling only what is marked codes the
    /// same events as parsing all. `doc` may be unparsed; levels are never lowered, and
    /// sentences beyond `needed`'s length are not marked.
    pub fn needs_syntax(&self, doc: &Document, entities: &[Entity], needed: &mut [SyntaxLevel]) {
        coder::needs_syntax(&self.lexicon, doc, entities, needed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_compiles_and_covers_every_type() {
        let coder = EventCoder::embedded().unwrap();
        assert!(coder.lexicon().version >= 1);
        for t in PloverType::ALL {
            assert!(
                coder.lexicon().entries().iter().any(|e| e.kind == t),
                "no lexicon entry for {t}"
            );
            assert_eq!(t.as_str().parse::<PloverType>(), Ok(t));
        }
        fn is_send_sync<T: Send + Sync>() {}
        is_send_sync::<EventCoder>();
    }
}
