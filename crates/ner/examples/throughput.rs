//! Tagging throughput on a CoNLL file, one thread, timed in-process (release build):
//!
//! ```text
//! cargo run --release -p sitrep-ner --example throughput -- FILE.conll[.gz] [REPS]
//! ```
//!
//! Prints one JSON line: tokens, seconds per pass (median of REPS), tokens per second of wall
//! time, and tokens per CPU second (less sensitive to other load on the machine).

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
    let cpu0 = cpu_seconds();
    for _ in 0..reps.max(1) {
        let start = Instant::now();
        let mut n = 0usize;
        for d in &docs {
            n += tagger.tag_document(d).iter().map(Vec::len).sum::<usize>();
        }
        times.push(start.elapsed().as_secs_f64());
        assert_eq!(n, tokens);
    }
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let per_cpu = cpu.map_or("null".to_string(), |c| {
        format!("{:.0}", (tokens * reps.max(1)) as f64 / c.max(1e-9))
    });
    println!(
        "{{\"tool\": \"sitrep\", \"tokens\": {tokens}, \"entities\": {entities}, \"seconds\": {median:.4}, \"tokens_per_s\": {:.0}, \"tokens_per_cpu_s\": {per_cpu}}}",
        tokens as f64 / median
    );
    Ok(())
}

/// User + system CPU time of this process from `/proc/self/stat` (Linux; clock ticks
/// assumed to be 100 per second), or `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
