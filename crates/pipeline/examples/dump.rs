//! Writes the record of every article of JSONL corpora as one JSON line each, to compare
//! two builds of the pipeline byte for byte (a speed change must not change a record):
//! `cargo run --release -p sitrep-pipeline --example dump -- [--limit N] FILE.jsonl[.gz]... > records.jsonl`
//!
//! Articles whose reading fails get a line `{"id": ..., "error": ...}`, so both files keep
//! one line per article.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};

use sitrep_pipeline::{Input, Pipeline};

fn main() -> Result<(), Box<dyn std::error::Error>> {
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
        return Err("usage: dump [--limit N] FILE.jsonl[.gz]...".into());
    }
    let pipeline = Pipeline::new()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for path in &files {
        let file = std::fs::File::open(path)?;
        let reader: Box<dyn Read> = if path.ends_with(".gz") {
            Box::new(flate2::read::MultiGzDecoder::new(file))
        } else {
            Box::new(file)
        };
        for line in BufReader::new(reader).lines().take(limit) {
            let v: serde_json::Value = serde_json::from_str(&line?)?;
            let field = |k: &str| v[k].as_str().map(str::to_string);
            let Some(text) = v["text"].as_str() else {
                continue;
            };
            let input = Input {
                bytes: text.as_bytes(),
                name: field("id").unwrap_or_default(),
                title: field("title"),
                date: field("date"),
                url: field("url"),
                ..Input::default()
            };
            match pipeline.read(&input) {
                Ok(record) => serde_json::to_writer(&mut out, &record)?,
                Err(e) => serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({"id": input.name, "error": e.to_string()}),
                )?,
            }
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(())
}
