//! Checks that parsing only the sentences whose parse is read gives the same records as
//! parsing every sentence, and times both:
//! `cargo run --release -p sitrep-pipeline --example syntax_check -- [--limit N] FILE.jsonl[.gz]...`
//!
//! Every article of each file (or its first N) is read twice, once by a pipeline that parses
//! everything and once by the default one; the records are compared field by field
//! (entities, times, quotes, events, uncoded sentences, sentences, and the whole JSON).
//! Differences are listed; the exit status is 1 if there is any.

use std::io::{BufRead, BufReader, Read};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use sitrep_pipeline::{Input, Pipeline};

fn main() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let mut limit = usize::MAX;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--limit" {
            limit = args.next().ok_or("--limit needs a number")?.parse()?;
        } else {
            files.push(a);
        }
    }
    if files.is_empty() {
        return Err("usage: syntax_check [--limit N] FILE.jsonl[.gz]...".into());
    }
    let full = Pipeline::new()?.with_full_syntax(true);
    let needed = Pipeline::new()?;
    let mut differences = 0usize;
    for path in &files {
        let file = std::fs::File::open(path)?;
        let reader: Box<dyn Read> = if path.ends_with(".gz") {
            Box::new(flate2::read::MultiGzDecoder::new(file))
        } else {
            Box::new(file)
        };
        let (mut articles, mut words) = (0usize, 0usize);
        let (mut t_full, mut t_needed) = (Duration::ZERO, Duration::ZERO);
        let mut counts = [0usize; 4];
        for line in BufReader::new(reader).lines().take(limit) {
            let v: serde_json::Value = serde_json::from_str(&line?)?;
            let Some(text) = v["text"].as_str() else {
                continue;
            };
            let field = |k: &str| v[k].as_str().map(str::to_string);
            let input = Input {
                bytes: text.as_bytes(),
                name: field("id").unwrap_or_default(),
                title: field("title"),
                date: field("date"),
                url: field("url"),
                ..Input::default()
            };
            let s = Instant::now();
            let a = full.read(&input);
            t_full += s.elapsed();
            let s = Instant::now();
            let b = needed.read(&input);
            t_needed += s.elapsed();
            articles += 1;
            words += text.split_whitespace().count();
            let (a, b) = match (a, b) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(a), Err(b)) if a.to_string() == b.to_string() => continue,
                (a, b) => {
                    differences += 1;
                    println!(
                        "{}: read differs: {:?} vs {:?}",
                        input.name,
                        a.err(),
                        b.err()
                    );
                    continue;
                }
            };
            counts[0] += a.entities.len();
            counts[1] += a.times.len();
            counts[2] += a.quotes.len();
            counts[3] += a.events.len();
            let json = |r| serde_json::to_value(r).unwrap_or_default();
            let (ja, jb) = (json(&a), json(&b));
            if ja == jb {
                continue;
            }
            differences += 1;
            for key in [
                "entities",
                "times",
                "quotes",
                "events",
                "uncoded",
                "sentences",
            ] {
                if ja[key] != jb[key] {
                    println!("{}: {key} differ", input.name);
                    println!("  all:    {}", ja[key]);
                    println!("  needed: {}", jb[key]);
                }
            }
            if ja["entities"] == jb["entities"]
                && ja["events"] == jb["events"]
                && ja["quotes"] == jb["quotes"]
            {
                println!("{}: the records differ elsewhere", input.name);
            }
        }
        println!(
            "{path}: {articles} articles, {words} words; {} entities, {} times, {} quotes, {} events",
            counts[0], counts[1], counts[2], counts[3]
        );
        println!(
            "  every sentence parsed: {:.2} s ({:.0} words/s); only those read: {:.2} s ({:.0} words/s), {:.2}x",
            t_full.as_secs_f64(),
            words as f64 / t_full.as_secs_f64(),
            t_needed.as_secs_f64(),
            words as f64 / t_needed.as_secs_f64(),
            t_full.as_secs_f64() / t_needed.as_secs_f64()
        );
    }
    println!("{differences} records differ");
    Ok(if differences == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
