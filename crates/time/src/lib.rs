//! Temporal expressions: finds TIMEX3 expressions, normalizes their values, and infers the
//! article's own date.
//!
//! # Overview
//!
//! News writes "Tuesday, March 4", "in May", "last week", "since 2019", often with no
//! year and no publication date. [`TimeTagger`] finds such expressions (TIMEX3 types DATE,
//! TIME, DURATION, SET) and gives each a TIMEX3 value (`2025-03-04`, `2025-05`, `2025-W10`,
//! `P3D`, `PRESENT_REF`, …):
//!
//! - **Grammar as data.** Patterns and vocabularies live in `grammar/en.grammar`, a small
//!   versioned line format embedded at build time; the code holds only the few ways groups
//!   become values (`normalize.rs`) and the context checks that reject false matches
//!   ("May" the modal, "Man Friday", "the Sunday Times") in `guard.rs`.
//! - **Anchoring leans on tense.** An underspecified day, weekday or month lies in the past or
//!   the near present unless a future cue says otherwise ("will meet on Friday"). The cues are
//!   lexical ([`LexicalTense`]); a parser can supply its own through [`TenseHint`].
//! - **Weekdays are checked.** A weekday given with its date picks the year it fits; when no
//!   candidate fits, the timex carries a `note` instead of silently choosing.
//! - **Narratives anchor too.** "the next day", "later that year" and a bare "at 6 a.m." count
//!   from the day (or year) last named in the text, else from the document date; "three days
//!   later" is valued as TimeML does (`P3D`) but moves the story's day on. In an earnings
//!   report "the quarter" and "a year earlier" follow the quarter last named (`1988-Q3`).
//! - **The document date can be inferred** ([`TimeTagger::infer_document_date`]) from
//!   weekday–date pairs, the years named and the latest reported day. A caller-given DCT
//!   always wins: pass it to [`TimeTagger::tag`].
//!
//! Offsets are UTF-8 byte offsets into the text given; they always fall on char boundaries.
//!
//! # Example
//!
//! ```
//! use sitrep_time::{TimeTagger, TimexKind};
//!
//! let tagger = TimeTagger::new();
//! let text = "The minister said on Tuesday, March 4, that talks begun in May would \
//!             resume. The plan dates from 2020.";
//! // No publication date given: infer it. March 4 was a Tuesday in 2025 (and 2014, 2031);
//! // the text names 2020 as past, so 2025.
//! let dd = tagger.infer_document_date(text, &[]).expect("a year is named");
//! assert!(dd.inferred);
//! assert_eq!(dd.value, "2025-03-04");
//! let times = tagger.tag(text, &[], Some(&dd.value));
//! let values: Vec<&str> = times.iter().map(|t| t.value.as_str()).collect();
//! // "May" in a past clause of a March article is last May.
//! assert_eq!(values, ["2025-03-04", "2024-05", "2020"]);
//! assert_eq!(times[0].kind, TimexKind::Date);
//! assert_eq!(&text[times[1].start..times[1].end], "May");
//! ```

mod detect;
mod error;
mod grammar;
mod guard;
mod infer;
mod normalize;
mod prefilter;
mod sentences;
mod tense;

use std::ops::Range;

pub use error::GrammarError;
pub use tense::{LexicalTense, Tense, TenseHint};

use grammar::Grammar;
use normalize::{Anchor, Fields, Narrative};

/// The embedded English grammar (see the format notes at its top).
pub const GRAMMAR_SOURCE: &str = include_str!("../grammar/en.grammar");

/// The TIMEX3 type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexKind {
    /// A calendar date or period: "March 4", "2019", "last week", "now".
    Date,
    /// A time of day: "5 p.m.", "this morning".
    Time,
    /// A length of time: "three days", "the past two years".
    Duration,
    /// A recurrence: "daily", "every Thursday".
    Set,
}

impl TimexKind {
    /// The TIMEX3 name: `DATE`, `TIME`, `DURATION` or `SET`.
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

/// One temporal expression with its normalized value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// Start, a UTF-8 byte offset into the text given (on a char boundary).
    pub start: usize,
    /// End (exclusive), a UTF-8 byte offset into the text given (on a char boundary).
    pub end: usize,
    /// TIMEX3 type.
    pub kind: TimexKind,
    /// TIMEX3 value, e.g. `2025-03-04`, `2025-W10`, `P3D`, `PAST_REF`, `XXXX-05`.
    pub value: String,
    /// Why the value may be wrong, e.g. a weekday that contradicts its date.
    pub note: Option<String>,
    /// Id of the grammar rule that found the expression (e.g. `date.month_day`).
    pub rule: String,
}

/// The article's own date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDate {
    /// `YYYY-MM-DD`, or `YYYY` when only the year can be inferred.
    pub value: String,
    /// Whether the date was inferred from the text rather than given.
    pub inferred: bool,
    /// The evidence, in words a person can check.
    pub basis: String,
}

/// The compiled grammar; build once and share (it is `Send + Sync`).
#[derive(Debug)]
pub struct TimeTagger {
    grammar: Grammar,
}

impl Default for TimeTagger {
    fn default() -> Self {
        Self::new()
    }
}

impl TimeTagger {
    /// Compiles the embedded grammar.
    ///
    /// # Panics
    ///
    /// Never in practice: the embedded grammar is fixed at build time and the crate's tests
    /// compile it. Use [`TimeTagger::from_grammar`] for grammar text that may be wrong.
    #[allow(clippy::expect_used)]
    pub fn new() -> TimeTagger {
        TimeTagger::from_grammar(GRAMMAR_SOURCE).expect("the embedded grammar compiles")
    }

    /// Compiles grammar source text in the format of `grammar/en.grammar`.
    pub fn from_grammar(source: &str) -> Result<TimeTagger, GrammarError> {
        Ok(TimeTagger {
            grammar: Grammar::parse(source)?,
        })
    }

    /// The version number of the compiled grammar.
    pub fn grammar_version(&self) -> u32 {
        self.grammar.version
    }

    /// Finds and normalizes expressions. `dct` = document date `YYYY-MM-DD` (or `YYYY`,
    /// `YYYY-MM`) if known. `sentences` = byte ranges of sentences (may be empty: then the
    /// text is one sentence), used for tense context.
    pub fn tag(&self, text: &str, sentences: &[Range<usize>], dct: Option<&str>) -> Vec<Timex> {
        self.tag_with(text, sentences, dct, &LexicalTense)
    }

    /// Like [`TimeTagger::tag`], with the tense of each expression's clause given by `hint`.
    pub fn tag_with(
        &self,
        text: &str,
        sentences: &[Range<usize>],
        dct: Option<&str>,
        hint: &dyn TenseHint,
    ) -> Vec<Timex> {
        let anchor = dct.and_then(Anchor::parse);
        let own_sentences;
        let sentences = if sentences.is_empty() {
            own_sentences = sentences::split(text);
            &own_sentences
        } else {
            sentences
        };
        // The day and quarter last named, for "the next day" and "a year earlier".
        let mut narrative = Narrative::default();
        let mut out = Vec::new();
        for m in detect::detect(&self.grammar, text) {
            let fields = Fields::read(&self.grammar, text, &m);
            let sentence = infer::sentence_of(sentences, m.start, text.len());
            // "Wednesday's ruling": a day named as the owner of a reported event lies in the
            // past, whatever modal the clause around it carries.
            let possessive = text
                .get(m.end..)
                .is_some_and(|a| a.starts_with("'s") || a.starts_with("’s"));
            let tense = if possessive && fields.weekday.is_some() {
                Some(Tense::Past)
            } else {
                hint.tense(text, sentence, m.start..m.end)
            };
            let (value, note) =
                normalize::value(&m.action, &fields, anchor.as_ref(), tense, &narrative);
            narrative.update(&m.action, &fields, &value, anchor.as_ref());
            out.push(Timex {
                start: m.start,
                end: m.end,
                // "three days later" is found by a DATE rule but valued as the stretch.
                kind: if m.kind == TimexKind::Date && normalize::is_duration(&value) {
                    TimexKind::Duration
                } else {
                    m.kind
                },
                value,
                note,
                rule: self
                    .grammar
                    .rules
                    .get(m.rule)
                    .map_or_else(String::new, |r| r.id.clone()),
            });
        }
        out
    }

    /// Infers the document date from the text when no DCT is known; `None` when the text
    /// names no year to start from.
    pub fn infer_document_date(
        &self,
        text: &str,
        sentences: &[Range<usize>],
    ) -> Option<DocumentDate> {
        self.infer_document_date_read_on(text, sentences, None)
    }

    /// [`TimeTagger::infer_document_date`] for an article read on `read_on` (usually today):
    /// it was written no later than that day. A weekday–date pair then takes the latest
    /// year it fits up to that day (and not before a year the text names as past), and
    /// years after it are not taken as the article's. Without a year named, a pair alone
    /// then dates the article.
    pub fn infer_document_date_read_on(
        &self,
        text: &str,
        sentences: &[Range<usize>],
        read_on: Option<jiff::civil::Date>,
    ) -> Option<DocumentDate> {
        if sentences.is_empty() {
            return infer::infer(
                &self.grammar,
                text,
                &sentences::split(text),
                &LexicalTense,
                read_on,
            );
        }
        infer::infer(&self.grammar, text, sentences, &LexicalTense, read_on)
    }
}

/// How specific a DATE value is: a day beats a week, a month, a season or quarter, a year.
fn specificity(value: &str) -> Option<u8> {
    if !value.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let bytes = value.as_bytes();
    Some(match value.len() {
        10.. if bytes.get(7) == Some(&b'-') => 5,
        8.. if bytes.get(5) == Some(&b'W') => 4,
        7 if value
            .get(5..)
            .is_some_and(|m| m.chars().all(|c| c.is_ascii_digit())) =>
        {
            3
        }
        7.. => 2,
        4 => 1,
        _ => 0,
    })
}

/// The most specific DATE (or dated TIME) inside `sentence`: what the events stage uses to
/// date an event reported in that sentence. Ties go to the first.
pub fn sentence_date(timexes: &[Timex], sentence: Range<usize>) -> Option<&Timex> {
    let mut best: Option<(u8, &Timex)> = None;
    for t in timexes {
        if t.start < sentence.start || t.end > sentence.end {
            continue;
        }
        if !matches!(t.kind, TimexKind::Date | TimexKind::Time) {
            continue;
        }
        let Some(score) = specificity(&t.value) else {
            continue;
        };
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, t));
        }
    }
    best.map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagger_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<TimeTagger>();
    }

    #[test]
    fn specificity_orders_values() {
        assert_eq!(specificity("2024-11-28"), Some(5));
        assert_eq!(specificity("2024-11-28T17:00"), Some(5));
        assert_eq!(specificity("2024-W48"), Some(4));
        assert_eq!(specificity("2024-06"), Some(3));
        assert_eq!(specificity("2024-Q1"), Some(2));
        assert_eq!(specificity("2024"), Some(1));
        assert_eq!(specificity("PAST_REF"), None);
        assert_eq!(specificity("XXXX-06"), None);
    }
}
