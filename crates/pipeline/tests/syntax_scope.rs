//! Parsing only the sentences whose parse is read gives the same records as parsing every
//! sentence (the larger check over the shared corpora is `examples/syntax_check.rs`).

use sitrep_annotate::entities::EntityResolver;
use sitrep_document::{Document, SyntaxLevel};
use sitrep_events::EventCoder;
use sitrep_pipeline::{Input, Pipeline};

/// Real news text: the ingest crate's Wikinews fixtures (CC BY 2.5, see their README).
fn articles() -> Vec<serde_json::Value> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../ingest/tests/fixtures");
    ["news.jsonl", "syndicated.jsonl"]
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(format!("{dir}/{f}")).expect("the ingest fixtures");
            text.lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .collect::<Vec<_>>()
        })
        .filter(|v| v["text"].is_string())
        .chain([serde_json::json!({
            "id": "written-for-this-test",
            "date": "2022-03-08",
            // Capitals acting for their states, a pronoun, direct and indirect speech.
            "text": "Talks in Geneva\n\nMoscow said on Tuesday that it would send a \
                delegation to Geneva next week. Kyiv rejected the proposal on Wednesday. \
                \u{201c}We will not negotiate while our cities are shelled,\u{201d} the \
                Ukrainian foreign minister, Dmytro Kuleba, told reporters. He accused Russia \
                of shelling Kharkiv on Monday. Prices of wheat rose 4 percent in March."
        })])
        .collect()
}

#[test]
fn records_are_the_same_whether_every_sentence_is_parsed_or_only_those_read() {
    let full = Pipeline::new().unwrap().with_full_syntax(true);
    let needed = Pipeline::new().unwrap();
    let articles = articles();
    assert!(articles.len() >= 30);
    let (mut events, mut quotes, mut acting) = (0, 0, 0);
    for v in &articles {
        let text = v["text"].as_str().unwrap();
        let input = Input {
            bytes: text.as_bytes(),
            name: v["id"].as_str().unwrap_or_default().to_string(),
            title: v["title"].as_str().map(str::to_string),
            date: v["date"].as_str().map(str::to_string),
            ..Input::default()
        };
        let a = full.read(&input).unwrap();
        let b = needed.read(&input).unwrap();
        assert_eq!(a, b, "{}", input.name);
        events += a.events.len();
        quotes += a.quotes.len();
        acting += a
            .entities
            .iter()
            .flat_map(|e| &e.mentions)
            .filter(|m| m.acts_for.is_some())
            .count();
    }
    // The fixtures exercise what reads the parse.
    assert!(events > 0 && quotes > 0, "{events} events, {quotes} quotes");
    assert!(acting > 0, "no mention acts for its state");
}

#[test]
fn some_sentences_are_not_needed() {
    let resolver = EntityResolver::embedded().unwrap();
    let coder = EventCoder::embedded().unwrap();
    let (mut total, mut needed, mut tags_only) = (0, 0, 0);
    for v in articles() {
        let doc = Document::new(v["text"].as_str().unwrap().to_string());
        let n = doc.sentences().len();
        let drafts = resolver.draft(&doc);
        let mut flags = vec![false; n];
        drafts.needs_syntax(&mut flags);
        let entities = resolver.finish(&doc, drafts);
        sitrep_annotate::quotes::needs_syntax(&doc, &mut flags);
        let mut levels: Vec<SyntaxLevel> = flags
            .iter()
            .map(|&f| {
                if f {
                    SyntaxLevel::Parse
                } else {
                    SyntaxLevel::None
                }
            })
            .collect();
        coder.needs_syntax(&doc, &entities, &mut levels);
        total += n;
        needed += levels.iter().filter(|&&l| l == SyntaxLevel::Parse).count();
        tags_only += levels.iter().filter(|&&l| l == SyntaxLevel::Tags).count();
    }
    assert!(needed > 0 && needed < total, "{needed} of {total}");
    // Sentences whose parts of speech alone are read are tagged, not parsed.
    assert!(tags_only > 0, "no sentence needs tags only");
}
