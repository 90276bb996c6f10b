//! Test helpers: documents with hand-made entities and times, and a compact event format.
#![allow(dead_code)]

use sitrep_annotate::entities::{Entity, EntityKind, EntityMention};
use sitrep_document::Document;
use sitrep_events::{Certainty, Coding, Event, EventCoder, Polarity};
use sitrep_text::Span;
use sitrep_time::{Timex, TimexKind};

/// One hand-made entity: canonical name, kind, the surfaces that mention it, and the name of
/// the entity it acts for (a capital for its state).
pub struct Ent<'a> {
    pub name: &'a str,
    pub kind: EntityKind,
    pub surfaces: &'a [&'a str],
    pub acts_for: Option<&'a str>,
    pub titles: &'a [&'a str],
}

pub fn per<'a>(name: &'a str, surfaces: &'a [&'a str]) -> Ent<'a> {
    Ent {
        name,
        kind: EntityKind::Per,
        surfaces,
        acts_for: None,
        titles: &[],
    }
}

pub fn loc<'a>(name: &'a str, surfaces: &'a [&'a str]) -> Ent<'a> {
    Ent {
        name,
        kind: EntityKind::Loc,
        surfaces,
        acts_for: None,
        titles: &[],
    }
}

pub fn org<'a>(name: &'a str, surfaces: &'a [&'a str]) -> Ent<'a> {
    Ent {
        name,
        kind: EntityKind::Org,
        surfaces,
        acts_for: None,
        titles: &[],
    }
}

pub fn capital<'a>(name: &'a str, surfaces: &'a [&'a str], state: &'a str) -> Ent<'a> {
    Ent {
        name,
        kind: EntityKind::Loc,
        surfaces,
        acts_for: Some(state),
        titles: &[],
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Builds the entities of `doc`: a mention at every whole-word occurrence of a surface,
/// longer surfaces first so that "South Korea" is not also "Korea".
pub fn entities(doc: &Document, spec: &[Ent]) -> Vec<Entity> {
    let text = doc.text();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut surfaces: Vec<(usize, &str)> = spec
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.surfaces.iter().map(move |s| (i, *s)))
        .collect();
    surfaces.sort_by_key(|(_, s)| std::cmp::Reverse(s.len()));
    let mut mentions: Vec<Vec<EntityMention>> = vec![Vec::new(); spec.len()];
    for (i, surface) in surfaces {
        for (start, _) in text.match_indices(surface) {
            let end = start + surface.len();
            let before_ok = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word_char(c));
            let after_ok = text[end..].chars().next().is_none_or(|c| !is_word_char(c));
            if !before_ok || !after_ok || taken.iter().any(|&(a, b)| start < b && a < end) {
                continue;
            }
            taken.push((start, end));
            let span = Span::from_range(start..end);
            let acts_for = spec[i].acts_for.map(|n| {
                spec.iter()
                    .position(|e| e.name == n)
                    .expect("acts_for names an entity")
            });
            mentions[i].push(EntityMention {
                span,
                tokens: doc.tokens_in(span),
                acts_for,
            });
        }
    }
    spec.iter()
        .zip(mentions)
        .map(|(e, mut ms)| {
            ms.sort_by_key(|m| m.span.start());
            Entity {
                kind: e.kind,
                subtype: None,
                name: e.name.to_string(),
                titles: e.titles.iter().map(|t| t.to_string()).collect(),
                country: None,
                mentions: ms,
            }
        })
        .collect()
}

/// Times given as `(surface, value)`: DATE expressions at the first occurrence of each
/// surface, as the time tagger would give them.
pub fn times(text: &str, spec: &[(&str, &str)]) -> Vec<Timex> {
    spec.iter()
        .map(|(surface, value)| {
            let start = text.find(surface).expect("time surface in text");
            Timex {
                start,
                end: start + surface.len(),
                kind: TimexKind::Date,
                value: value.to_string(),
                note: None,
                rule: "test".to_string(),
            }
        })
        .collect()
}

/// Codes `text` with the embedded lexicon.
pub fn code(
    text: &str,
    spec: &[Ent],
    time_spec: &[(&str, &str)],
    doc_date: Option<&str>,
) -> (Document, Vec<Entity>, Coding) {
    let doc = Document::new(text.to_string());
    let ents = entities(&doc, spec);
    let t = times(text, time_spec);
    let coding = EventCoder::embedded()
        .expect("lexicon")
        .code(&doc, &ents, &t, doc_date);
    (doc, ents, coding)
}

/// `TYPE/mode source->target polarity certainty [background]` for one event.
pub fn show(ev: &Event, ents: &[Entity]) -> String {
    let name = |i: Option<usize>| i.map_or("-".to_string(), |i| ents[i].name.clone());
    let mut s = format!(
        "{}{} {}->{} {} {}",
        ev.kind.as_str(),
        ev.mode.as_ref().map_or(String::new(), |m| format!("/{m}")),
        name(ev.source),
        name(ev.target),
        match ev.polarity {
            Polarity::Positive => "+",
            Polarity::Negative => "-",
        },
        match ev.certainty {
            Certainty::Certain => "certain",
            Certainty::Reported => "reported",
            Certainty::Possible => "possible",
        }
    );
    if ev.background {
        s.push_str(" background");
    }
    s
}

/// Codes `text` and compares every event, in order, with `expected`.
pub fn check(text: &str, spec: &[Ent], expected: &[&str]) {
    let (_, ents, coding) = code(text, spec, &[], Some("2024-11-29"));
    let got: Vec<String> = coding.events.iter().map(|e| show(e, &ents)).collect();
    assert_eq!(
        got, expected,
        "\nin {text:?}\nuncoded: {:?}",
        coding.uncoded
    );
}

/// Like [`check`], with every sentence tagged and parsed by the embedded syntax model.
pub fn check_parsed(text: &str, spec: &[Ent], expected: &[&str]) {
    let mut doc = Document::new(text.to_string());
    doc.parse_syntax(&sitrep_syntax::Syntax::embedded().expect("syntax model"));
    let ents = entities(&doc, spec);
    let coding =
        EventCoder::embedded()
            .expect("lexicon")
            .code(&doc, &ents, &[], Some("2024-11-29"));
    let got: Vec<String> = coding.events.iter().map(|e| show(e, &ents)).collect();
    assert_eq!(
        got, expected,
        "\nin {text:?}\nuncoded: {:?}",
        coding.uncoded
    );
}
