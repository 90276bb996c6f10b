//! `sitrep train syntax`, `sitrep eval syntax` and `sitrep tag --format conllu`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Args;
use sitrep_syntax::{Syntax, TrainConfig, conllu};

/// File name of the model when `--out` is a directory.
const MODEL_FILE: &str = "syntax.bin.gz";

/// Arguments of `sitrep train syntax`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Training file (CoNLL-U, plain or gzip).
    #[arg(long)]
    pub train: PathBuf,
    /// Development file: the parser pass with the best LAS on it is kept, and it is scored.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Where to write the model: a file, or a directory to hold `syntax.bin.gz`.
    #[arg(long)]
    pub out: PathBuf,
    /// Passes over the data for the tagger.
    #[arg(long, default_value_t = TrainConfig::default().tagger_epochs)]
    pub tagger_epochs: usize,
    /// Passes over the data for the parser.
    #[arg(long, default_value_t = TrainConfig::default().parser_epochs)]
    pub parser_epochs: usize,
    /// Folds for jackknifed training tags (below 2: train the parser on gold tags).
    #[arg(long, default_value_t = TrainConfig::default().folds)]
    pub folds: usize,
    /// Random seed (training is deterministic given the seed).
    #[arg(long, default_value_t = TrainConfig::default().seed)]
    pub seed: u64,
    /// Several seeds, comma-separated (`1,2,3`): train one model per seed, in parallel
    /// threads, and write their average, an ensemble as fast as one model (replaces `--seed`).
    #[arg(long, value_delimiter = ',')]
    pub seeds: Vec<u64>,
    /// More seeds, comma-separated, for which only the tagger is trained: the tagger written
    /// is the average over `--seeds` and these, the parser the average over `--seeds`.
    #[arg(long, value_delimiter = ',')]
    pub tagger_seeds: Vec<u64>,
    /// Drop tagger weights smaller than this in magnitude before writing (smaller, faster).
    #[arg(long)]
    pub prune_tagger: Option<f32>,
    /// Drop parser weights smaller than this in magnitude before writing.
    #[arg(long)]
    pub prune_parser: Option<f32>,
    /// Drop the tagger features none of whose weights reaches this magnitude (default: the
    /// `--prune-tagger` value); of the others, `--prune-tagger` drops the small weights.
    #[arg(long)]
    pub prune_tagger_rows: Option<f32>,
    /// Drop the parser features none of whose weights reaches this magnitude (default: the
    /// `--prune-parser` value); of the others, `--prune-parser` drops the small weights.
    #[arg(long)]
    pub prune_parser_rows: Option<f32>,
    /// Drop guide parser weights smaller than this in magnitude (default: `--prune-parser`).
    #[arg(long)]
    pub prune_guide: Option<f32>,
    /// Drop the guide parser features none of whose weights reaches this magnitude (default:
    /// the `--prune-guide` value). The guide loses more from pruning than the main parser.
    #[arg(long)]
    pub prune_guide_rows: Option<f32>,
    /// Skip the tagger's second, two-sided pass (faster, slightly less accurate).
    #[arg(long)]
    pub no_second_pass: bool,
    /// Also train a right-to-left guide parser whose parse the main parser reads: about
    /// +0.5 UAS and LAS, at two thirds of the parsing speed (`notes/syntax.md`, round 9).
    #[arg(long)]
    pub guide: bool,
    /// CoNLL-2003 column file (plain or gzip) whose Penn POS tags give ambiguity classes to
    /// words the treebank lacks (the committed model used `ner/conll2003/eng.train.gz`).
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
}

/// Arguments of `sitrep eval syntax`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file (CoNLL-U, plain or gzip).
    #[arg(long)]
    pub gold: PathBuf,
    /// A model file to score instead of the embedded one.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// Trains the syntax models.
pub fn train(args: TrainArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let sentences = conllu::read_file(&args.train)?;
    let config = TrainConfig {
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        folds: args.folds,
        seed: args.seed,
        second_pass: !args.no_second_pass,
        guide: args.guide,
        lexicon: match &args.lexicon {
            Some(path) => {
                let bytes = std::fs::read(path)
                    .with_context(|| format!("{}: cannot read", path.display()))?;
                let text = conllu::decode(&bytes)
                    .with_context(|| format!("{}: cannot decode", path.display()))?;
                sitrep_syntax::lexicon_from_conll2003(&text)
            }
            None => Vec::new(),
        },
    };
    let dev = match &args.dev {
        Some(path) => conllu::read_file(path)?,
        None => Vec::new(),
    };
    let log = |line: &str| {
        eprintln!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64());
    };
    let mut syntax = if args.seeds.len() > 1 || !args.tagger_seeds.is_empty() {
        let seeds = if args.seeds.is_empty() {
            vec![args.seed]
        } else {
            args.seeds.clone()
        };
        sitrep_syntax::train_ensemble_with_taggers(
            &sentences,
            &dev,
            &config,
            &seeds,
            &args.tagger_seeds,
            log,
        )?
    } else {
        let config = TrainConfig {
            seed: args.seeds.first().copied().unwrap_or(args.seed),
            ..config
        };
        sitrep_syntax::train(&sentences, &dev, &config, log)?
    };
    let (tagger_min, parser_min) = (
        args.prune_tagger.unwrap_or(0.0),
        args.prune_parser.unwrap_or(0.0),
    );
    let tagger_rows = args.prune_tagger_rows.unwrap_or(tagger_min);
    let parser_rows = args.prune_parser_rows.unwrap_or(parser_min);
    if tagger_rows > 0.0 || parser_rows > 0.0 || tagger_min > 0.0 || parser_min > 0.0 {
        syntax = syntax.pruned_rows((tagger_rows, tagger_min), (parser_rows, parser_min));
    }
    let guide_min = args.prune_guide.unwrap_or(parser_min);
    let guide_rows = args
        .prune_guide_rows
        .or(args.prune_guide)
        .unwrap_or(parser_rows);
    if guide_rows > 0.0 || guide_min > 0.0 {
        syntax = syntax.pruned_guide(guide_rows, guide_min);
    }
    let out = if args.out.is_dir() {
        args.out.join(MODEL_FILE)
    } else {
        args.out.clone()
    };
    let bytes = syntax.to_bytes();
    std::fs::write(&out, &bytes).with_context(|| format!("{}: cannot write", out.display()))?;
    eprintln!(
        "[{:>6.1}s] wrote {} ({} bytes)",
        started.elapsed().as_secs_f64(),
        out.display(),
        bytes.len()
    );
    if !dev.is_empty() {
        report(&syntax, &dev)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn report(syntax: &Syntax, sentences: &[conllu::Sentence]) -> Result<()> {
    let started = Instant::now();
    let s = syntax.evaluate(sentences);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "UPOS {:.4} UAS {:.4} LAS {:.4} words {} ({:.0} words/s)",
        s.upos_accuracy(),
        s.uas(),
        s.las(),
        s.words,
        s.words as f64 / secs.max(1e-9)
    );
    Ok(())
}

/// Scores the syntax models.
pub fn eval(args: EvalArgs) -> Result<ExitCode> {
    let syntax = match &args.model {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
            Syntax::from_bytes(&bytes).with_context(|| path.display().to_string())?
        }
        None => Syntax::embedded()?,
    };
    report(&syntax, &conllu::read_file(&args.gold)?)?;
    Ok(ExitCode::SUCCESS)
}

/// Tags a CoNLL-U file.
pub fn tag_conllu(input: &Path) -> Result<ExitCode> {
    let mut sentences = if input == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        let text = conllu::decode(&bytes).context("standard input")?;
        conllu::parse(&text)?
    } else {
        conllu::read_file(input)?
    };
    if sentences.is_empty() {
        bail!("{}: no CoNLL-U sentences", input.display());
    }
    let syntax = Syntax::embedded()?;
    for s in &mut sentences {
        syntax.annotate(s);
    }
    let mut out = std::io::stdout().lock();
    out.write_all(conllu::write(&sentences).as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
