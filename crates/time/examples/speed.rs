//! Times `TimeTagger::tag` over many texts and optionally dumps every result, so a speed
//! change can be checked for identical output.
//!
//! Usage: `speed FILE [--dump OUT]`. FILE holds texts separated by the ASCII record
//! separator (0x1E). Each text is tagged with a fixed DCT (`2020-01-01`); with `--dump`, the
//! inferred document date and the timexes with and without a DCT are written to OUT.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use sitrep_time::{TimeTagger, Timex};

fn dump_times(out: &mut String, label: &str, times: &[Timex]) {
    for t in times {
        let _ = writeln!(
            out,
            "{label}\t{}\t{}\t{}\t{}\t{:?}\t{}",
            t.start,
            t.end,
            t.kind.as_str(),
            t.value,
            t.note,
            t.rule
        );
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: speed FILE [--dump OUT]");
        return ExitCode::from(2);
    };
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1));
    let all = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let texts: Vec<&str> = all.split('\u{1e}').collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let s = Instant::now();
    let tagger = TimeTagger::new();
    println!("TimeTagger::new: {:.1} ms", s.elapsed().as_secs_f64() * 1e3);
    let mut elapsed = Duration::ZERO;
    let mut count = 0;
    for text in &texts {
        let s = Instant::now();
        let times = tagger.tag(text, &[], Some("2020-01-01"));
        elapsed += s.elapsed();
        count += times.len();
    }
    let secs = elapsed.as_secs_f64();
    println!(
        "{} texts, {words} words, {count} timexes, {secs:.3} s, {:.0} words/s",
        texts.len(),
        words as f64 / secs.max(1e-9)
    );
    if let Some(out_path) = dump {
        let mut out = String::new();
        for (i, text) in texts.iter().enumerate() {
            let _ = writeln!(out, "## text {i}");
            let dd = tagger.infer_document_date(text, &[]);
            let _ = writeln!(out, "dd\t{dd:?}");
            dump_times(&mut out, "dct", &tagger.tag(text, &[], Some("2020-01-01")));
            dump_times(
                &mut out,
                "inf",
                &tagger.tag(text, &[], dd.as_ref().map(|d| d.value.as_str())),
            );
            dump_times(&mut out, "none", &tagger.tag(text, &[], None));
        }
        if let Err(e) = std::fs::write(out_path, out) {
            eprintln!("{out_path}: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
