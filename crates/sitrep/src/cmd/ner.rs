//! `sitrep train ner`, `sitrep eval ner` and `sitrep tag --format conll`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use sitrep_ner::{Tagger, TrainConfig, Trainer, conll};

/// Arguments of `sitrep train ner`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Training file (CoNLL-2003 columns; gzip is detected). Repeat to add more files.
    #[arg(long, required = true)]
    pub train: Vec<PathBuf>,
    /// Development file, for reporting and early stopping (the best epoch is kept).
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Seed of the shuffling order: the same seed and data give the same model.
    #[arg(long, default_value_t = 2)]
    pub seed: u64,
    /// Passes over the training data.
    #[arg(long, default_value_t = 10)]
    pub epochs: usize,
    /// log2 of the number of feature hash buckets.
    #[arg(long, default_value_t = 20)]
    pub hash_bits: u32,
    /// Jackknife folds for a second, prediction-aggregation stage; 0 trains one stage
    /// (the default: the second stage did not help on CoNLL-2003, see notes/ner.md).
    #[arg(long, default_value_t = 0)]
    pub folds: usize,
}

/// Arguments of `sitrep eval ner`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file (CoNLL-2003 columns, tag in the last column; gzip is detected).
    #[arg(long)]
    pub gold: PathBuf,
    /// A model file to score instead of the embedded one.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

fn read_docs(path: &Path) -> Result<Vec<conll::ConllDocument>> {
    let text = conll::read_text(path)?;
    Ok(conll::read(&text, &path.display().to_string())?)
}

/// Trains the entity tagger.
pub fn train(args: TrainArgs) -> Result<ExitCode> {
    let mut train = Vec::new();
    for p in &args.train {
        train.extend(read_docs(p)?);
    }
    let dev = args.dev.as_deref().map(read_docs).transpose()?;
    let config = TrainConfig {
        epochs: args.epochs,
        seed: args.seed,
        hash_bits: args.hash_bits,
        folds: args.folds,
    };
    let start = Instant::now();
    let model = Trainer::new(config).train(&train, dev.as_deref(), |r| {
        let dev = r
            .dev_f1
            .map_or(String::new(), |f| format!(" dev F1 {:.2}", 100.0 * f));
        eprintln!(
            "stage {} epoch {:>2}: train token accuracy {:.2}%{dev} ({:.0} s)",
            r.stage,
            r.epoch,
            100.0 * r.train_accuracy,
            start.elapsed().as_secs_f64()
        );
    });
    std::fs::write(&args.out, &model)
        .with_context(|| format!("{}: cannot write the model", args.out.display()))?;
    eprintln!("wrote {} ({} bytes)", args.out.display(), model.len());
    Ok(ExitCode::SUCCESS)
}

/// Scores the entity tagger.
pub fn eval(args: EvalArgs) -> Result<ExitCode> {
    let tagger = match &args.model {
        Some(p) => Tagger::from_bytes(
            &std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?,
        )?,
        None => Tagger::embedded()?,
    };
    let docs = read_docs(&args.gold)?;
    let start = Instant::now();
    let scores = conll::evaluate(&tagger, &docs);
    let secs = start.elapsed().as_secs_f64();
    println!("{scores}");
    eprintln!(
        "{} tokens in {:.3} s ({:.0} tokens/s)",
        scores.tokens,
        secs,
        scores.tokens as f64 / secs.max(1e-9)
    );
    Ok(ExitCode::SUCCESS)
}

/// Tags a CoNLL file.
pub fn tag_conll(input: &Path) -> Result<ExitCode> {
    let tagger = Tagger::embedded()?;
    let text = conll::read_text(input)?;
    let out = conll::tag_text(&tagger, &text);
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}
