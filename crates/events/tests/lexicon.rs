//! Every lexicon entry's example sentence produces that entry's event, between the actors
//! the example marks.

mod common;

use common::Ent;
use sitrep_annotate::entities::EntityKind;
use sitrep_events::EventCoder;

/// Strips `[Name]`/`[Name/PER]` marks: the plain text and the marked actors in order.
fn unmark(example: &str) -> (String, Vec<(String, EntityKind)>) {
    let mut text = String::new();
    let mut actors = Vec::new();
    let mut rest = example;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let close = rest[open..]
            .find(']')
            .map(|c| open + c)
            .expect("closed bracket");
        let inner = &rest[open + 1..close];
        let (name, kind) = match inner.split_once('/') {
            Some((n, "PER")) => (n, EntityKind::Per),
            Some((n, "ORG")) => (n, EntityKind::Org),
            Some((n, _)) => (n, EntityKind::Loc),
            None => (inner, EntityKind::Loc),
        };
        text.push_str(name);
        actors.push((name.to_string(), kind));
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    (text, actors)
}

#[test]
fn every_entry_example_codes_its_own_event() {
    let coder = EventCoder::embedded().unwrap();
    let mut failures = Vec::new();
    for entry in coder.lexicon().entries() {
        let (text, actors) = unmark(&entry.example);
        let names: Vec<&str> = actors.iter().map(|(n, _)| n.as_str()).collect();
        let spec: Vec<Ent> = actors
            .iter()
            .zip(&names)
            .map(|((_, kind), name)| Ent {
                name,
                kind: *kind,
                surfaces: std::slice::from_ref(name),
                acts_for: None,
                titles: &[],
            })
            .collect();
        let (_, ents, coding) = common::code(&text, &spec, &[], Some("2024-01-01"));
        let want_source = entry.example_source.as_deref().or(names.first().copied());
        let want_target = entry.example_target.as_deref().or(names.get(1).copied());
        let name = |i: Option<usize>| i.map(|i| ents[i].name.as_str());
        let hit = coding.events.iter().any(|ev| {
            ev.rule == entry.id
                && ev.kind == entry.kind
                && name(ev.source) == want_source
                && (want_target.is_none() || name(ev.target) == want_target)
        });
        if !hit {
            let got: Vec<String> = coding
                .events
                .iter()
                .map(|e| format!("{} {}", e.rule, common::show(e, &ents)))
                .collect();
            failures.push(format!(
                "{}: {:?} gave {:?} (uncoded {:?})",
                entry.id, text, got, coding.uncoded
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "lexicon examples that fail:\n{}",
        failures.join("\n")
    );
}

#[test]
fn entry_ids_are_unique_and_documented() {
    let coder = EventCoder::embedded().unwrap();
    let mut ids: Vec<&str> = coder
        .lexicon()
        .entries()
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n);
    for e in coder.lexicon().entries() {
        assert!(
            !e.what.is_empty() && !e.why.is_empty(),
            "{} lacks what/why",
            e.id
        );
        assert!(!e.cameo.is_empty(), "{} lacks a CAMEO code", e.id);
    }
}
