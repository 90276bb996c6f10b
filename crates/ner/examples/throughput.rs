//! Tagging throughput on a CoNLL file, one thread, timed in-process (release build):
//!
//! ```text
//! cargo run --release -p sitrep-ner --example throughput -- FILE.conll[.gz] [REPS]
//! ```
//!
//! Prints one JSON line: tokens, seconds per pass (median of REPS), tokens per second.

use std::path::PathBuf;
use std::time::Instant;

use sitrep_ner::{Tagger, conll};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().ok_or("usage: throughput FILE [REPS]")?);
    let reps: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    let tagger = Tagger::embedded()?;
    let text = conll::read_text(&path)?;
    let docs = conll::read(&text, &path.display().to_string())?;
    let docs: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let tokens: usize = docs.iter().flatten().map(Vec::len).sum();
    // Warm-up pass, then timed passes.
    let mut entities = 0usize;
    for d in &docs {
        entities += tagger
            .tag_document(d)
            .iter()
            .flatten()
            .filter(|t| t.is_begin())
            .count();
    }
    let mut times = Vec::new();
    for _ in 0..reps.max(1) {
        let start = Instant::now();
        let mut n = 0usize;
        for d in &docs {
            n += tagger.tag_document(d).iter().map(Vec::len).sum::<usize>();
        }
        times.push(start.elapsed().as_secs_f64());
        assert_eq!(n, tokens);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "{{\"tool\": \"sitrep\", \"tokens\": {tokens}, \"entities\": {entities}, \"seconds\": {median:.4}, \"tokens_per_s\": {:.0}}}",
        tokens as f64 / median
    );
    Ok(())
}
