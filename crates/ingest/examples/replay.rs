//! Measures what ingest costs outside annotation: the items of a JSONL corpus go through
//! [`sitrep_ingest::ingest`] as `sitrep ingest` sends them, but each item's record is taken from
//! a dump made beforehand (`crates/pipeline/examples/dump.rs`, one record per line, in corpus
//! order), so the run spends its time on reading, fingerprinting, deduplication and the store.
//!
//! `cargo run --release -p sitrep-ingest --example replay -- CORPUS.jsonl[.gz] RECORDS.jsonl DB [THREADS [BATCH]]`
//!
//! Prints the summary and the CPU split (user + system seconds of the whole process).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::sync::Mutex;
use std::time::Instant;

use sitrep_ingest::dedup::MinHasher;
use sitrep_ingest::{IngestOptions, Inputs, Item, NoProgress};
use sitrep_record::Record;
use sitrep_store::SqliteStore;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, records, db, rest @ ..] = args.as_slice() else {
        return Err("usage: replay CORPUS.jsonl[.gz] RECORDS.jsonl DB [THREADS [BATCH]]".into());
    };
    let threads: usize = rest.first().map(|t| t.parse()).transpose()?.unwrap_or(0);
    let batch_size = rest.get(1).map(|t| t.parse()).transpose()?;

    // The corpus's ids, in order, for the lines that have a text (the dump skips the others).
    let file = std::fs::File::open(corpus)?;
    let raw: Box<dyn Read> = if corpus.ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut ids = Vec::new();
    for line in BufReader::new(raw).lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        if v["text"].is_string() {
            ids.push(match &v["id"] {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            });
        }
    }
    let mut by_id: HashMap<String, Record> = HashMap::new();
    for (line, id) in BufReader::new(std::fs::File::open(records)?)
        .lines()
        .zip(ids)
    {
        let line = line?;
        if let Ok(record) = sitrep_record::from_json(&line) {
            by_id.insert(id, record);
        }
    }
    let by_id = Mutex::new(by_id);
    let reader = |item: &Item, _: &[u8]| -> Result<Record, String> {
        let id = item.external_id.as_deref().unwrap_or_default();
        by_id
            .lock()
            .map_err(|_| "poisoned".to_string())?
            .remove(id)
            .ok_or_else(|| format!("no record for {id}"))
    };

    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
    let started = Instant::now();
    let cpu_before = cpu_seconds();
    let mut store = SqliteStore::open(std::path::Path::new(db))?;
    let options = IngestOptions {
        threads,
        batch_size: batch_size.unwrap_or(IngestOptions::default().batch_size),
        hasher: MinHasher::default(),
        ..IngestOptions::default()
    };
    let inputs = Inputs::new(std::slice::from_ref(corpus), None, None);
    let summary = sitrep_ingest::ingest(&mut store, inputs, &reader, &options, &NoProgress)?;
    drop(store);
    println!(
        "read {} new {} copies {} duplicates {} words {} failed {} in {:.2} s, {:.2} CPU-s",
        summary.read,
        summary.new,
        summary.copies,
        summary.duplicates,
        summary.words,
        summary.failed.len(),
        started.elapsed().as_secs_f64(),
        cpu_seconds() - cpu_before
    );
    Ok(())
}

/// User + system CPU seconds of this process so far (Linux `/proc/self/stat`, 100 ticks a
/// second); 0 elsewhere.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (tick(11) + tick(12)) / 100.0
}
