//! Store commands: `ingest`, `search`, `timeline`, `actors`, `export`, `stats`.
//!
//! Glue only: `sitrep-ingest` expands inputs and writes, `sitrep-store` answers queries; this
//! module wires the pipeline in, draws progress, and prints rows as text, JSON or CSV.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;
use sitrep_ingest::dedup::MinHasher;
use sitrep_ingest::{
    Cleaned, Failure, FetchOptions, Fetcher, Format, IngestOptions, Inputs, Item, Progress, Reader,
    Summary,
};
use sitrep_pipeline::{Input, Pipeline};
use sitrep_record::Record;
use sitrep_store::{EventRow, SearchQuery, SqliteStore, Store, StoreError};

/// The store location shared by every store command.
#[derive(Debug, Args)]
pub struct DbArg {
    /// The store (SQLite file).
    #[arg(long, env = "SITREP_DB", default_value = "sitrep.db")]
    pub db: PathBuf,
}

/// Arguments of `sitrep ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    as_of: super::AsOfArg,
    /// Files, directories, globs, JSONL, feeds, WARC; `-` reads paths from stdin.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Articles per transaction: a crash loses at most the batch being written.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..))]
    batch_size: u64,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Estimated word 5-gram Jaccard similarity from which an article is a copy of another.
    #[arg(long, default_value_t = 0.6)]
    similarity: f64,
    /// Dated articles further apart than this many days are never copies of each other.
    #[arg(long, default_value_t = 3)]
    copy_window_days: u32,
    /// Seconds before a feed or page request is given up.
    #[arg(long, default_value_t = 30)]
    fetch_timeout: u64,
    /// Milliseconds between two requests to the same host.
    #[arg(long, default_value_t = 1000)]
    host_delay_ms: u64,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

/// Arguments of `sitrep search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    db: DbArg,
    /// The query.
    query: String,
    /// Only articles mentioning an actor whose name contains this.
    #[arg(long)]
    actor: Option<String>,
    /// Only articles with an event of this type (PLOVER, e.g. ASSAULT).
    #[arg(long = "type")]
    event_type: Option<String>,
    /// Only articles dated on or after this day (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Only articles dated on or before this day (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
    /// At most this many results.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print JSON lines.
    #[arg(long)]
    json: bool,
}

/// Arguments of `sitrep timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    db: DbArg,
    /// The actor's name.
    #[arg(long)]
    actor: String,
    /// At most this many events (0: all).
    #[arg(long, default_value_t = 0)]
    limit: usize,
    /// Print JSON lines.
    #[arg(long)]
    json: bool,
}

/// Arguments of `sitrep actors`.
#[derive(Debug, Args)]
pub struct ActorsArgs {
    #[command(flatten)]
    db: DbArg,
    /// At most this many actor pairs (0: all).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Print JSON lines.
    #[arg(long)]
    json: bool,
}

/// Arguments of `sitrep export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    db: DbArg,
    /// `jsonl` or `csv`.
    #[arg(long, default_value = "jsonl")]
    format: String,
}

/// Arguments of `sitrep stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    db: DbArg,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// The pipeline as the ingest's reader: cleaning first, so that the ingest can skip an
/// article the store holds before it is annotated.
struct PipelineReader(Pipeline);

impl PipelineReader {
    fn input<'a>(item: &Item, bytes: &'a [u8]) -> Input<'a> {
        Input {
            bytes,
            name: item.name.clone(),
            format: item.format.map(|f| match f {
                Format::Text => sitrep_pipeline::Format::Text,
                Format::Html => sitrep_pipeline::Format::Html,
            }),
            title: item.title.clone(),
            date: item.date.clone(),
            url: item.url.clone(),
            verbatim: false,
        }
    }
}

/// The pipeline names the input in its errors too; the summary prints the name once.
fn problem(item: &Item, e: &sitrep_pipeline::PipelineError) -> String {
    let msg = e.to_string();
    msg.strip_prefix(&format!("{}: ", item.name))
        .unwrap_or(&msg)
        .to_string()
}

impl Reader for PipelineReader {
    fn read(&self, item: &Item, bytes: &[u8]) -> Result<Record, String> {
        self.0
            .read(&Self::input(item, bytes))
            .map_err(|e| problem(item, &e))
    }

    fn clean(&self, item: &Item, bytes: &[u8]) -> Result<Cleaned, String> {
        let input = Self::input(item, bytes);
        let cleaned = self.0.clean(&input).map_err(|e| problem(item, &e))?;
        Ok(Cleaned::Text {
            text: cleaned.text().to_string(),
            url: cleaned.url(&input).map(str::to_string),
            rest: Box::new(cleaned),
        })
    }

    fn finish(&self, item: &Item, cleaned: Cleaned) -> Result<Record, String> {
        match cleaned {
            Cleaned::Record(record) => Ok(*record),
            Cleaned::Text { rest, .. } => {
                let cleaned = *rest
                    .downcast::<sitrep_pipeline::Cleaned>()
                    .map_err(|_| "internal: not this reader's cleaned text".to_string())?;
                // Annotation reads the item's name, title, date and URL, not its bytes.
                Ok(self.0.finish(&Self::input(item, &[]), cleaned))
            }
        }
    }
}

/// Runs `sitrep ingest`.
pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let reader = PipelineReader(
        Pipeline::new()
            .context("loading the pipeline")?
            .reading_on(args.as_of.day()?),
    );
    if !(args.similarity > 0.0 && args.similarity <= 1.0) {
        bail!("--similarity must be in (0, 1], not {}", args.similarity);
    }
    let fetcher = match Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(args.fetch_timeout.max(1)),
        host_delay: Duration::from_millis(args.host_delay_ms),
        ..FetchOptions::default()
    }) {
        Ok(f) => Some(Arc::new(f)),
        // Local files still ingest; URL inputs then fail one by one.
        Err(e) => {
            eprintln!("sitrep: warning: URLs will not be fetched: {e}");
            None
        }
    };
    let stdin: Box<dyn BufRead> = Box::new(std::io::stdin().lock());
    let inputs = Inputs::new(&args.inputs, Some(stdin), fetcher.clone());
    let options = IngestOptions {
        batch_size: usize::try_from(args.batch_size).unwrap_or(usize::MAX),
        threads: args.threads,
        hasher: MinHasher::new(args.similarity),
        fetcher,
        copy_window_days: args.copy_window_days,
    };
    let mut store = SqliteStore::open(&args.db.db)
        .with_context(|| format!("opening the store at {}", args.db.db.display()))?;
    let progress = Bar::new();
    let summary = sitrep_ingest::ingest(&mut store, inputs, &reader, &options, &progress)?;
    progress.bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();

    let mut out = std::io::stdout().lock();
    if args.json {
        let failed: Vec<_> = summary
            .failed
            .iter()
            .map(|f| json!({"name": f.name, "problem": f.problem}))
            .collect();
        let value = json!({
            "db": args.db.db.display().to_string(),
            "read": summary.read,
            "new": summary.new,
            "copies": summary.copies,
            "duplicates": summary.duplicates,
            "failed": failed,
            "words": summary.words,
            "seconds": seconds,
        });
        writeln!(out, "{value}")?;
    } else {
        writeln!(
            out,
            "{}: read {}, new {} ({} copies of stored stories), already stored {}, failed {} \
             ({} words in {:.1} s, {:.0} words/s)",
            args.db.db.display(),
            summary.read,
            summary.new,
            summary.copies,
            summary.duplicates,
            summary.failed.len(),
            summary.words,
            seconds,
            summary.words as f64 / seconds.max(1e-9),
        )?;
    }
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The progress bar: drawn on a terminal only; failures are printed as they come.
struct Bar {
    bar: ProgressBar,
}

impl Bar {
    fn new() -> Bar {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} read · {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Bar { bar }
    }
}

impl Progress for Bar {
    fn batch_done(&self, s: &Summary) {
        self.bar.set_position(s.read);
        self.bar.set_message(format!(
            "{} new ({} copies), {} already stored, {} failed",
            s.new,
            s.copies,
            s.duplicates,
            s.failed.len()
        ));
    }

    fn failed(&self, failure: &Failure) {
        self.bar.suspend(|| eprintln!("sitrep: {failure}"));
    }
}

fn open(db: &DbArg) -> Result<SqliteStore> {
    Ok(SqliteStore::open_existing(&db.db)?)
}

/// Runs `sitrep search`.
pub fn search(args: SearchArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let hits = store.search(&SearchQuery {
        text: args.query,
        actor: args.actor,
        event_type: args.event_type,
        since: args.since,
        until: args.until,
        limit: args.limit,
    })?;
    print_lines(|out| {
        for h in &hits {
            if args.json {
                let value = json!({
                    "article": h.article, "title": h.title, "date": h.date, "url": h.url,
                    "name": h.name, "source": h.source, "snippet": h.snippet,
                    "copies": h.copies, "sources": h.sources,
                });
                writeln!(out, "{value}")?;
                continue;
            }
            let mut carried = String::new();
            if h.copies > 0 {
                carried = format!(
                    " · {} sources, {} cop{}",
                    h.sources,
                    h.copies,
                    if h.copies == 1 { "y" } else { "ies" }
                );
            }
            writeln!(
                out,
                "{}  {}  [{}{}]",
                h.date.as_deref().unwrap_or("----------"),
                h.title.as_deref().unwrap_or("(untitled)"),
                h.source,
                carried
            )?;
            writeln!(out, "    {}", h.url.as_deref().unwrap_or(&h.name))?;
            writeln!(out, "    {}", one_line(&h.snippet))?;
        }
        Ok(())
    })
}

/// Runs `sitrep timeline`.
pub fn timeline(args: TimelineArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let events = store.timeline(&args.actor, args.limit)?;
    if events.is_empty() && !args.json {
        eprintln!(
            "sitrep: no dated events with an actor matching {:?}",
            args.actor
        );
    }
    print_lines(|out| {
        for e in &events {
            if args.json {
                writeln!(out, "{}", event_json(e))?;
                continue;
            }
            writeln!(
                out,
                "{}  {}  {} → {}  ({}, article {})",
                e.when().unwrap_or("?"),
                e.kind,
                e.source.as_deref().unwrap_or("?"),
                e.target.as_deref().unwrap_or("?"),
                e.title.as_deref().unwrap_or("untitled"),
                e.url.clone().unwrap_or_else(|| e.article.to_string()),
            )?;
            writeln!(out, "    \"{}\"", one_line(&e.evidence))?;
            if e.sentence_text != e.evidence {
                writeln!(out, "    in: {}", one_line(&e.sentence_text))?;
            }
        }
        Ok(())
    })
}

/// Runs `sitrep actors`.
pub fn actors(args: ActorsArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let rows = store.actors(0)?;
    // Group (source, target, type) counts into pairs, most active pair first.
    let mut pairs: Vec<Pair> = Vec::new();
    for r in rows {
        match pairs
            .iter_mut()
            .find(|p| p.0 == r.source && p.1 == r.target)
        {
            Some(p) => {
                p.2 += r.count;
                p.3.push((r.kind, r.count));
            }
            None => pairs.push((r.source, r.target, r.count, vec![(r.kind, r.count)])),
        }
    }
    pairs.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1))));
    if args.limit > 0 {
        pairs.truncate(args.limit);
    }
    print_lines(|out| {
        for (source, target, total, kinds) in &pairs {
            if args.json {
                let by_type: serde_json::Map<String, serde_json::Value> =
                    kinds.iter().map(|(k, n)| (k.clone(), json!(n))).collect();
                let value = json!({"source": source, "target": target, "events": total, "by_type": by_type});
                writeln!(out, "{value}")?;
                continue;
            }
            let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
            writeln!(out, "{source} → {target}: {total} ({})", kinds.join(", "))?;
        }
        Ok(())
    })
}

/// Source, target, total events, and counts by event type.
type Pair = (String, String, u64, Vec<(String, u64)>);

/// The CSV columns of `sitrep export --format csv`, in order.
const CSV_COLUMNS: &[&str] = &[
    "article_id",
    "external_id",
    "url",
    "title",
    "article_date",
    "event_index",
    "type",
    "mode",
    "cameo",
    "source",
    "target",
    "place",
    "date",
    "date_basis",
    "polarity",
    "certainty",
    "background",
    "sentence_index",
    "sentence",
    "evidence",
    "rule",
];

/// Runs `sitrep export`.
pub fn export(args: ExportArgs) -> Result<ExitCode> {
    let csv = match args.format.as_str() {
        "jsonl" => false,
        "csv" => true,
        other => bail!("unknown export format {other:?} (use jsonl or csv)"),
    };
    let store = open(&args.db)?;
    print_lines(|out| {
        if csv {
            writeln!(out, "{}", CSV_COLUMNS.join(","))?;
        }
        // The write error is kept as it is, so that a closed pipe is still recognised.
        let mut write_error: Option<std::io::Error> = None;
        let mut sink = |e: &EventRow| -> Result<(), StoreError> {
            let line = if csv {
                csv_row(e)
            } else {
                event_json(e).to_string()
            };
            writeln!(out, "{line}").map_err(|err| {
                let msg = err.to_string();
                write_error = Some(err);
                StoreError::Sink(msg)
            })
        };
        let result = store.export(&mut sink);
        match (result, write_error) {
            (Ok(()), _) => Ok(()),
            (Err(_), Some(err)) => Err(err),
            (Err(other), None) => Err(std::io::Error::other(other.to_string())),
        }
    })
}

/// Runs `sitrep stats`.
pub fn stats(args: StatsArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let s = store.stats()?;
    print_lines(|out| {
        if args.json {
            let sources: Vec<_> = s
                .sources
                .iter()
                .map(|c| json!({"source": c.source, "articles": c.articles, "copies": c.copies}))
                .collect();
            let value = json!({
                "articles": s.articles, "copies": s.copies, "syndicated": s.syndicated,
                "words": s.words, "entities": s.entities, "quotes": s.quotes,
                "events": s.events, "sources": sources,
            });
            return writeln!(out, "{value}");
        }
        writeln!(
            out,
            "articles    {} (distinct stories, {} words)",
            s.articles, s.words
        )?;
        writeln!(
            out,
            "copies      {} (syndicated copies, exact or near-duplicate)",
            s.copies
        )?;
        writeln!(
            out,
            "syndicated  {} stories carried by more than one source",
            s.syndicated
        )?;
        writeln!(out, "entities    {}", s.entities)?;
        writeln!(out, "quotes      {}", s.quotes)?;
        writeln!(out, "events      {}", s.events)?;
        writeln!(out, "by source   articles  copies")?;
        for c in &s.sources {
            writeln!(out, "  {:<24} {:>7} {:>7}", c.source, c.articles, c.copies)?;
        }
        Ok(())
    })
}

fn event_json(e: &EventRow) -> serde_json::Value {
    json!({
        "article": {"id": e.article, "external_id": e.external_id, "url": e.url,
                    "title": e.title, "date": e.article_date},
        "index": e.index, "type": e.kind, "mode": e.mode, "cameo": e.cameo,
        "source": e.source, "target": e.target, "place": e.place,
        "date": e.date, "date_basis": e.date_basis, "when": e.when(),
        "polarity": e.polarity, "certainty": e.certainty, "background": e.background,
        "sentence": {"index": e.sentence, "text": e.sentence_text},
        "evidence": e.evidence, "rule": e.rule,
    })
}

fn csv_row(e: &EventRow) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let fields = [
        e.article.to_string(),
        opt(&e.external_id),
        opt(&e.url),
        opt(&e.title),
        opt(&e.article_date),
        e.index.to_string(),
        e.kind.clone(),
        opt(&e.mode),
        opt(&e.cameo),
        opt(&e.source),
        opt(&e.target),
        opt(&e.place),
        opt(&e.date),
        opt(&e.date_basis),
        e.polarity.clone(),
        e.certainty.clone(),
        e.background.to_string(),
        e.sentence.to_string(),
        e.sentence_text.clone(),
        e.evidence.clone(),
        e.rule.clone(),
    ];
    fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",")
}

/// RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled.
fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes to a buffered stdout; a closed pipe (`| head`) ends quietly.
fn print_lines(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e.into()),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}
