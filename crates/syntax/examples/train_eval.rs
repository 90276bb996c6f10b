//! Trains the syntax models and scores them on a development file, without the `sitrep`
//! binary (handy while other crates are being changed).
//!
//! Usage: `cargo run --release -p sitrep-syntax --example train_eval -- TRAIN DEV OUT
//! [TAGGER_EPOCHS PARSER_EPOCHS FOLDS SEEDS SECOND_PASS [CONLL2003_LEXICON [GUIDE]]]`. SEEDS
//! is one seed or several separated by commas (`1,2,3`): then one model is trained per seed,
//! in parallel, and the written model is their average ([`sitrep_syntax::train_ensemble`]).
//! GUIDE 1 trains a guide parser too ([`sitrep_syntax::TrainConfig::guide`]).

use std::time::Instant;

use sitrep_syntax::{TrainConfig, conllu};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        return Err(
            "usage: train_eval TRAIN DEV OUT [TAGGER_EPOCHS PARSER_EPOCHS FOLDS SEEDS SECOND_PASS [LEXICON [GUIDE]]]"
                .into(),
        );
    }
    let d = TrainConfig::default();
    let seeds: Vec<u64> = match args.get(6) {
        Some(list) => list.split(',').map(str::parse).collect::<Result<_, _>>()?,
        None => vec![d.seed],
    };
    let num =
        |i: usize, default: usize| args.get(i).and_then(|x| x.parse().ok()).unwrap_or(default);
    let config = TrainConfig {
        tagger_epochs: num(3, d.tagger_epochs),
        parser_epochs: num(4, d.parser_epochs),
        folds: num(5, d.folds),
        seed: seeds.first().copied().unwrap_or(d.seed),
        second_pass: num(7, 1) == 1,
        guide: num(9, 0) == 1,
        lexicon: match args.get(8) {
            Some(path) => {
                sitrep_syntax::lexicon_from_conll2003(&conllu::decode(&std::fs::read(path)?)?)
            }
            None => Vec::new(),
        },
    };
    let started = Instant::now();
    let train = conllu::read_file(args[0].as_ref())?;
    let dev = conllu::read_file(args[1].as_ref())?;
    let log = |line: &str| {
        eprintln!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64());
    };
    let syntax = if seeds.len() > 1 {
        sitrep_syntax::train_ensemble(&train, &dev, &config, &seeds, log)?
    } else {
        sitrep_syntax::train(&train, &dev, &config, log)?
    };
    let bytes = syntax.to_bytes();
    std::fs::write(&args[2], &bytes)?;
    eprintln!(
        "[{:>6.1}s] wrote {} bytes; sizes {:?}",
        started.elapsed().as_secs_f64(),
        bytes.len(),
        syntax.sizes()
    );
    let t = Instant::now();
    let s = syntax.evaluate(&dev);
    println!(
        "UPOS {:.4} UAS {:.4} LAS {:.4} words {} ({:.0} words/s) epochs {}/{} folds {} seeds {:?} lexicon {}",
        s.upos_accuracy(),
        s.uas(),
        s.las(),
        s.words,
        s.words as f64 / t.elapsed().as_secs_f64(),
        config.tagger_epochs,
        config.parser_epochs,
        config.folds,
        seeds,
        config.lexicon.len()
    );
    Ok(())
}
