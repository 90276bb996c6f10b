//! Times each pipeline stage over a JSONL corpus, single-threaded:
//! `cargo run --release -p sitrep-pipeline --example stages -- FILE.jsonl[.gz] [LIMIT]`.

use std::io::{BufRead, BufReader, Read};
use std::time::{Duration, Instant};

use sitrep_annotate::entities::EntityResolver;
use sitrep_annotate::quotes::find_quotes;
use sitrep_article::{Cleaner, detect_language};
use sitrep_document::Document;
use sitrep_events::EventCoder;
use sitrep_syntax::Syntax;
use sitrep_time::TimeTagger;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: stages FILE.jsonl[.gz] [LIMIT]")?;
    let limit: usize = args.next().map_or(Ok(usize::MAX), |l| l.parse())?;
    let file = std::fs::File::open(&path)?;
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let texts: Vec<String> = BufReader::new(reader)
        .lines()
        .take(limit)
        .filter_map(|l| l.ok())
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();

    let cleaner = Cleaner::new()?;
    let syntax = Syntax::embedded()?;
    let resolver = EntityResolver::embedded()?;
    let times = TimeTagger::new();
    let coder = EventCoder::embedded()?;
    let mut t = [Duration::ZERO; 8];
    let names = [
        "clean", "language", "tokenize", "syntax", "entities", "times", "quotes", "events",
    ];
    let mut counts = (0, 0);
    for text in &texts {
        let s = Instant::now();
        let article = cleaner.clean(text);
        t[0] += s.elapsed();
        let s = Instant::now();
        let _ = detect_language(&article.text);
        t[1] += s.elapsed();
        let s = Instant::now();
        let mut doc = Document::new(article.text);
        t[2] += s.elapsed();
        let s = Instant::now();
        doc.parse_syntax(&syntax);
        t[3] += s.elapsed();
        let s = Instant::now();
        let entities = resolver.resolve(&doc);
        t[4] += s.elapsed();
        let s = Instant::now();
        let sentences: Vec<_> = doc.sentences().iter().map(|s| s.span.range()).collect();
        let timexes = times.tag(doc.text(), &sentences, Some("2020-01-01"));
        t[5] += s.elapsed();
        let s = Instant::now();
        let quotes = find_quotes(&doc, &entities);
        t[6] += s.elapsed();
        let s = Instant::now();
        let coding = coder.code(&doc, &entities, &timexes, Some("2020-01-01"));
        t[7] += s.elapsed();
        counts.0 += quotes.len();
        counts.1 += coding.events.len();
    }
    let total: Duration = t.iter().sum();
    println!(
        "{} articles, {words} words, {} quotes, {} events",
        texts.len(),
        counts.0,
        counts.1
    );
    for (name, d) in names.iter().zip(t) {
        println!(
            "{name:>9}: {:>8.3} s  {:>5.1}%  {:>10.0} words/s",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / total.as_secs_f64(),
            words as f64 / d.as_secs_f64()
        );
    }
    println!(
        "{:>9}: {:>8.3} s  {:>10.0} words/s on one core",
        "total",
        total.as_secs_f64(),
        words as f64 / total.as_secs_f64()
    );
    Ok(())
}
