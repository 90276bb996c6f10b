//! Codes every `.txt` file of a directory and prints its events, as a smoke test on real
//! news before the entity resolver lands.
//!
//! Usage: `cargo run -p sitrep-events --example code_dir -- DIR [--quotes]` (`--quotes`
//! prints the quotes and their speakers instead of the events). Each file holds the
//! document date (`YYYY-MM-DD` or empty) on its first line and the article after it.
//! Entities come from `sitrep_annotate::entities::EntityResolver`, times from
//! `sitrep_time::TimeTagger`. Prints one tab-separated line per event and a summary on stderr.

use std::collections::BTreeMap;
use std::path::Path;

use sitrep_annotate::entities::EntityResolver;
use sitrep_document::Document;
use sitrep_events::EventCoder;
use sitrep_time::TimeTagger;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: code_dir DIR [--quotes]")?;
    let show_quotes = std::env::args().nth(2).as_deref() == Some("--quotes");
    let coder = EventCoder::embedded()?;
    let resolver = EntityResolver::embedded()?;
    let tagger = TimeTagger::new();
    let mut paths: Vec<_> = std::fs::read_dir(Path::new(&dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let (mut n_events, mut n_uncoded, mut by_type) = (0, 0, BTreeMap::<&str, usize>::new());
    for path in paths {
        let raw = std::fs::read_to_string(&path)?;
        let (date, body) = raw.split_once('\n').unwrap_or(("", &raw));
        let doc = Document::new(body.to_string());
        let ents = resolver.resolve(&doc);
        let date = (!date.is_empty()).then_some(date);
        let sentences: Vec<_> = doc.sentences().iter().map(|s| s.span.range()).collect();
        let times = tagger.tag(body, &sentences, date);
        let coding = coder.code(&doc, &ents, &times, date);
        if show_quotes {
            for q in sitrep_annotate::quotes::find_quotes(&doc, &ents) {
                let speaker = q.speaker.map_or("-", |i| ents[i].name.as_str());
                let words: String = q.span.slice(doc.text()).chars().take(70).collect();
                println!(
                    "{}\t{}\t{}\t{}\t{words:?}",
                    path.display(),
                    q.direct,
                    q.cue.as_deref().unwrap_or("-"),
                    speaker
                );
            }
            continue;
        }
        for ev in &coding.events {
            let name = |i: Option<usize>| i.map_or("-", |i| ents[i].name.as_str());
            println!(
                "{}\t{}\t{}\t{}->{}\t{}\t{}\t{}\t{:?}",
                path.display(),
                ev.kind,
                ev.mode.as_deref().unwrap_or("-"),
                name(ev.source),
                name(ev.target),
                ev.polarity.as_str(),
                ev.certainty.as_str(),
                ev.rule,
                ev.evidence.slice(doc.text())
            );
            *by_type.entry(ev.kind.as_str()).or_default() += 1;
        }
        n_events += coding.events.len();
        n_uncoded += coding.uncoded.len();
    }
    eprintln!("events {n_events}, uncoded sentences {n_uncoded}, by type {by_type:?}");
    Ok(())
}
