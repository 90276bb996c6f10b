//! The parse-driven path: sentences with hand-set heads and relations, as the dependency
//! parser will give them, beside what surface order alone gives.

mod common;

use common::{capital, entities, loc, show};
use sitrep_document::{Document, Upos};
use sitrep_events::EventCoder;

/// Sets `(word, head word or None, relation, upos)` on the tokens of a one-sentence text.
fn parsed(text: &str, arcs: &[(usize, Option<usize>, &str, Upos)]) -> Document {
    let doc = Document::new(text.to_string());
    assert_eq!(doc.sentences().len(), 1);
    let mut tokens = doc.tokens().to_vec();
    assert_eq!(tokens.len(), arcs.len(), "one arc per token of {text:?}");
    for &(i, head, rel, upos) in arcs {
        tokens[i].head = head;
        tokens[i].deprel = rel.to_string();
        tokens[i].upos = upos;
        tokens[i].lemma = doc.token_text(i).to_lowercase();
    }
    Document::from_parts(text.to_string(), tokens, doc.sentences().to_vec()).expect("test fixture")
}

fn code(doc: &Document, spec: &[common::Ent]) -> Vec<String> {
    let ents = entities(doc, spec);
    let coding = EventCoder::embedded()
        .expect("test fixture")
        .code(doc, &ents, &[], None);
    coding.events.iter().map(|e| show(e, &ents)).collect()
}

#[test]
fn the_subject_comes_from_the_parse_across_a_relative_clause() {
    use Upos::*;
    let text = "The minister of Chile, who was in Lima, visited Peru.";
    let spec = [
        loc("Chile", &["Chile"]),
        loc("Peru", &["Peru"]),
        loc("Lima", &["Lima"]),
    ];
    // FIXME: surface order alone cannot tell "Lima, visited" (the end of a relative clause)
    // from "X, imprisoned at …" (a participle clause), so it codes nothing here.
    let surface = Document::new(text.to_string());
    assert_eq!(code(&surface, &spec), Vec::<String>::new());

    let doc = parsed(
        text,
        &[
            (0, Some(1), "det", Det),
            (1, Some(10), "nsubj", Noun),
            (2, Some(3), "case", Adp),
            (3, Some(1), "nmod", Propn),
            (4, Some(8), "punct", Punct),
            (5, Some(8), "nsubj", Pron),
            (6, Some(8), "cop", Aux),
            (7, Some(8), "case", Adp),
            (8, Some(1), "acl:relcl", Propn),
            (9, Some(8), "punct", Punct),
            (10, None, "root", Verb),
            (11, Some(10), "obj", Propn),
            (12, Some(10), "punct", Punct),
        ],
    );
    assert_eq!(code(&doc, &spec), ["CONSULT/visit Chile->Peru + certain"]);
}

#[test]
fn control_and_negation_come_from_the_parse() {
    use Upos::*;
    // "sell" has no subject of its own: "decided" controls it; "not" hangs on "sell".
    let text = "Seoul decided not to sell howitzers to Warsaw.";
    let doc = parsed(
        text,
        &[
            (0, Some(1), "nsubj", Propn),
            (1, None, "root", Verb),
            (2, Some(4), "advmod", Part),
            (3, Some(4), "mark", Part),
            (4, Some(1), "xcomp", Verb),
            (5, Some(4), "obj", Noun),
            (6, Some(7), "case", Adp),
            (7, Some(4), "obl", Propn),
            (8, Some(1), "punct", Punct),
        ],
    );
    let spec = [
        loc("South Korea", &[]),
        loc("Poland", &[]),
        capital("Seoul", &["Seoul"], "South Korea"),
        capital("Warsaw", &["Warsaw"], "Poland"),
    ];
    assert_eq!(
        code(&doc, &spec),
        ["AID/military South Korea->Poland - certain"]
    );
}

#[test]
fn part_of_speech_decides_noun_or_verb_triggers() {
    use Upos::*;
    // Tagged as a noun, "visits" cannot be the verb: no subject-verb-object visit.
    let text = "Chile visits Peru.";
    let doc = parsed(
        text,
        &[
            (0, Some(1), "compound", Propn),
            (1, None, "root", Noun),
            (2, Some(1), "nmod", Propn),
            (3, Some(1), "punct", Punct),
        ],
    );
    let spec = [loc("Chile", &["Chile"]), loc("Peru", &["Peru"])];
    assert_eq!(code(&doc, &spec), Vec::<String>::new());
    assert_eq!(
        code(&Document::new(text.to_string()), &spec),
        ["CONSULT/visit Chile->Peru + certain"]
    );
}
