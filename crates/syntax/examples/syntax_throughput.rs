//! Measures tagging + parsing speed on one core, in-process.
//!
//! Usage: `cargo run --release -p sitrep-syntax --example syntax_throughput -- FILE.conllu[.gz]
//! [--model MODEL] [--reps N]`. Reads the sentences (tokens as given), runs
//! [`Syntax::analyze`] over all of them `--reps` times after a warm-up, and prints one JSON
//! line with words per second (wall and CPU) from the median and the best repetition.

use std::path::PathBuf;
use std::time::Instant;

use sitrep_syntax::{Syntax, conllu};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut model = None;
    let mut reps = 5usize;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--model" => model = args.next().map(PathBuf::from),
            "--reps" => reps = args.next().and_then(|r| r.parse().ok()).unwrap_or(5),
            _ => file = Some(PathBuf::from(a)),
        }
    }
    let file =
        file.ok_or("usage: syntax_throughput FILE.conllu[.gz] [--model MODEL] [--reps N]")?;
    let syntax = match model {
        Some(m) => Syntax::from_bytes(&std::fs::read(m)?)?,
        None => Syntax::embedded()?,
    };
    let sentences = conllu::read_file(&file)?;
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let n_words: usize = words.iter().map(Vec::len).sum();
    let mut checksum = 0usize;
    for s in words.iter().take(50) {
        checksum += syntax.analyze(s).len();
    }
    let mut times = Vec::with_capacity(reps);
    let mut cpu_times = Vec::with_capacity(reps);
    for _ in 0..reps.max(1) {
        let c = cpu_seconds();
        let t = Instant::now();
        for s in &words {
            let a = syntax.analyze(s);
            checksum += a.iter().map(|x| x.head).sum::<usize>() & 1;
        }
        times.push(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c, cpu_seconds()) {
            cpu_times.push(b - a);
        }
    }
    cpu_times.sort_by(f64::total_cmp);
    let cpu_median = cpu_times
        .get(cpu_times.len() / 2)
        .copied()
        .unwrap_or(f64::NAN);
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "{{\"system\": \"sitrep-syntax\", \"sentences\": {}, \"words\": {n_words}, \"reps\": {}, \
         \"wall_s\": {times:?}, \"words_per_s_median\": {:.0}, \"words_per_s_best\": {:.0}, \
         \"words_per_cpu_s_median\": {:.0}, \"words_per_cpu_s_best\": {:.0}, \
         \"checksum\": {checksum}}}",
        words.len(),
        times.len(),
        n_words as f64 / median,
        n_words as f64 / times[0],
        n_words as f64 / cpu_median,
        n_words as f64 / cpu_times.first().copied().unwrap_or(f64::NAN),
    );
    Ok(())
}

/// CPU time of this thread so far, from Linux's `/proc/thread-self/schedstat` (nanoseconds on
/// the CPU, first field): less sensitive than wall time to other load on a shared machine.
fn cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
