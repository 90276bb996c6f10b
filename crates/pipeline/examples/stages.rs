//! Times each pipeline stage over a JSONL corpus, single-threaded:
//! `cargo run --release -p sitrep-pipeline --example stages -- FILE.jsonl[.gz] [LIMIT] [--all]`.
//!
//! Syntax is run as the pipeline runs it: only on the sentences whose parse entities, quotes
//! and events read (`needs_syntax`); `--all` parses every sentence instead. "entities" is
//! the entity resolution without the parsing, "syntax" the tagging and parsing, and "needs"
//! the cost of deciding which sentences to parse.

use std::io::{BufRead, BufReader, Read};
use std::time::{Duration, Instant};

use sitrep_annotate::entities::EntityResolver;
use sitrep_annotate::quotes::find_quotes;
use sitrep_article::{Cleaner, detect_language};
use sitrep_document::{Document, SyntaxLevel};
use sitrep_events::EventCoder;
use sitrep_syntax::Syntax;
use sitrep_time::TimeTagger;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let all = std::env::args().any(|a| a == "--all");
    let mut args = std::env::args().skip(1).filter(|a| a != "--all");
    let path = args
        .next()
        .ok_or("usage: stages FILE.jsonl[.gz] [LIMIT] [--all]")?;
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
    let mut t = [Duration::ZERO; 9];
    let names = [
        "clean", "language", "tokenize", "syntax", "entities", "needs", "times", "quotes", "events",
    ];
    let mut counts = (0, 0);
    let (mut parsed, mut tagged, mut tokens) = (0usize, 0usize, 0usize);
    // Tokens of the sentences each reader asks to parse (a sentence may count for several).
    let mut parsed_for = [0usize; 3];
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
        // As `Pipeline` does it: the entities' own parse needs, then quotes' and events'.
        let n = doc.sentences().len();
        let s = Instant::now();
        let drafts = resolver.draft(&doc);
        t[4] += s.elapsed();
        let s = Instant::now();
        let mut first = vec![all; n];
        drafts.needs_syntax(&mut first);
        t[5] += s.elapsed();
        let s = Instant::now();
        doc.parse_sentences(&syntax, |s| first[s]);
        t[3] += s.elapsed();
        let s = Instant::now();
        let entities = resolver.finish(&doc, drafts);
        t[4] += s.elapsed();
        let s = Instant::now();
        let mut then = vec![SyntaxLevel::None; n];
        if !all {
            let mut quoting = vec![false; n];
            sitrep_annotate::quotes::needs_syntax(&doc, &mut quoting);
            for (level, q) in then.iter_mut().zip(quoting) {
                if q {
                    *level = SyntaxLevel::Parse;
                }
            }
            let mut events_only = vec![SyntaxLevel::None; n];
            coder.needs_syntax(&doc, &entities, &mut events_only);
            for (k, sentence) in doc.sentences().iter().enumerate() {
                let len = sentence.tokens.len();
                for (count, needed) in parsed_for.iter_mut().zip([
                    first[k],
                    then[k] == SyntaxLevel::Parse,
                    events_only[k] == SyntaxLevel::Parse,
                ]) {
                    *count += if needed { len } else { 0 };
                }
            }
            coder.needs_syntax(&doc, &entities, &mut then);
        }
        t[5] += s.elapsed();
        let s = Instant::now();
        doc.parse_sentences(&syntax, |s| then[s] == SyntaxLevel::Parse && !first[s]);
        doc.tag_sentences(&syntax, |s| then[s] == SyntaxLevel::Tags);
        t[3] += s.elapsed();
        for (k, sentence) in doc.sentences().iter().enumerate() {
            tokens += sentence.tokens.len();
            match doc.syntax_level(k) {
                SyntaxLevel::Parse => parsed += sentence.tokens.len(),
                SyntaxLevel::Tags => tagged += sentence.tokens.len(),
                SyntaxLevel::None => {}
            }
        }
        let s = Instant::now();
        let sentences: Vec<_> = doc.sentences().iter().map(|s| s.span.range()).collect();
        let timexes = times.tag(doc.text(), &sentences, Some("2020-01-01"));
        t[6] += s.elapsed();
        let s = Instant::now();
        let quotes = find_quotes(&doc, &entities);
        t[7] += s.elapsed();
        let s = Instant::now();
        let coding = coder.code(&doc, &entities, &timexes, Some("2020-01-01"));
        t[8] += s.elapsed();
        counts.0 += quotes.len();
        counts.1 += coding.events.len();
    }
    let total: Duration = t.iter().sum();
    println!(
        "{} articles, {words} words, {} quotes, {} events; {:.1}% of tokens parsed, {:.1}% only tagged",
        texts.len(),
        counts.0,
        counts.1,
        100.0 * parsed as f64 / tokens.max(1) as f64,
        100.0 * tagged as f64 / tokens.max(1) as f64
    );
    if !all {
        let share = |c: usize| 100.0 * c as f64 / tokens.max(1) as f64;
        println!(
            "parsed for entities {:.1}%, quotes {:.1}%, events {:.1}% of tokens",
            share(parsed_for[0]),
            share(parsed_for[1]),
            share(parsed_for[2])
        );
    }
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
