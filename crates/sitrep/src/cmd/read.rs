//! `sitrep read`: one article in, its briefing or record out.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use sitrep_pipeline::{Format, Input, Pipeline};
use sitrep_record::Record;

use crate::briefing;
use crate::cmd::AsOfArg;

/// Arguments of `sitrep read`.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Print the record as JSON instead of the briefing.
    #[arg(long)]
    pub json: bool,
    /// Skip cleaning: `text` is the input exactly, so offsets point into the input.
    #[arg(long)]
    pub verbatim: bool,
    /// The document creation date (YYYY-MM-DD) that relative dates resolve against.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    #[command(flatten)]
    pub as_of: AsOfArg,
    /// Read the input as this format instead of detecting it from the content.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Colour in the briefing: auto (on a terminal only), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// The article, or `-` for standard input.
    #[arg(default_value = "-")]
    pub input: PathBuf,
}

/// Input formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Plain or scraped text.
    Text,
    /// An HTML page.
    Html,
}

/// When to colour the briefing.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorArg {
    /// On a terminal only.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Runs `sitrep read`.
pub fn run(args: ReadArgs) -> Result<ExitCode> {
    // The pipeline decodes and checks the bytes; reading them is all this command does.
    let bytes = sitrep_source::read_bytes(&args.input)?;
    let pipeline = Pipeline::new()
        .context("loading sitrep's models")?
        .reading_on(args.as_of.day()?);
    let input = Input {
        bytes: &bytes,
        name: args.input.display().to_string(),
        format: args.format.map(|f| match f {
            FormatArg::Text => Format::Text,
            FormatArg::Html => Format::Html,
        }),
        date: args.date.clone(),
        verbatim: args.verbatim,
        ..Input::default()
    };
    let record = pipeline.read(&input)?;
    print_record(&record, &args)?;
    Ok(ExitCode::SUCCESS)
}

fn print_record(record: &Record, args: &ReadArgs) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = if args.json {
        writeln!(out, "{}", sitrep_record::to_json_pretty(record))
    } else {
        let color = match args.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => std::io::stdout().is_terminal(),
        };
        write!(out, "{}", briefing::render(record, color))
    };
    match result {
        // A closed pipe (`sitrep read x | head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to standard output"),
    }
}
