//! The `sitrep` command: argument parsing, output and glue. All the work happens in the
//! library crates; see ARCHITECTURE.md.

mod briefing;
mod cmd;

use anyhow::Result;
use clap::{Parser, Subcommand};

/// News articles in; a record of who did what to whom, when and where out.
#[derive(Debug, Parser)]
#[command(name = "sitrep", version, about, long_about = None)]
struct Cli {
    /// Log more (-v: info, -vv: debug). Logs go to stderr.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read one article (plain text or HTML) and print its briefing or its record.
    Read(cmd::read::ReadArgs),
    /// Tag CoNLL (entities) or CoNLL-U (syntax) token files.
    Tag(cmd::tag::TagArgs),
    /// Train a model from annotated data.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Score a model against gold data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Ingest articles into the store.
    Ingest(cmd::store::IngestArgs),
    /// Full-text search over stored articles.
    Search(cmd::store::SearchArgs),
    /// Dated events of one actor, in order.
    Timeline(cmd::store::TimelineArgs),
    /// Who interacts with whom, with counts by event type.
    Actors(cmd::store::ActorsArgs),
    /// Export events with their provenance.
    Export(cmd::store::ExportArgs),
    /// Counts of what the store holds.
    Stats(cmd::store::StatsArgs),
}

#[derive(Debug, Subcommand)]
enum TrainCommand {
    /// Train the entity tagger on CoNLL-2003 style files.
    Ner(cmd::ner::TrainArgs),
    /// Train the part-of-speech tagger and dependency parser on CoNLL-U files.
    Syntax(cmd::syntax::TrainArgs),
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// CoNLL entity-level precision, recall and F1 per type.
    Ner(cmd::ner::EvalArgs),
    /// UPOS accuracy, UAS and LAS.
    Syntax(cmd::syntax::EvalArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("sitrep: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<std::process::ExitCode> {
    match cli.command {
        Command::Read(args) => cmd::read::run(args),
        Command::Tag(args) => cmd::tag::run(args),
        Command::Train(TrainCommand::Ner(args)) => cmd::ner::train(args),
        Command::Train(TrainCommand::Syntax(args)) => cmd::syntax::train(args),
        Command::Eval(EvalCommand::Ner(args)) => cmd::ner::eval(args),
        Command::Eval(EvalCommand::Syntax(args)) => cmd::syntax::eval(args),
        Command::Ingest(args) => cmd::store::ingest(args),
        Command::Search(args) => cmd::store::search(args),
        Command::Timeline(args) => cmd::store::timeline(args),
        Command::Actors(args) => cmd::store::actors(args),
        Command::Export(args) => cmd::store::export(args),
        Command::Stats(args) => cmd::store::stats(args),
    }
}

fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("SITREP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
