//! Trains and scores the tagger without the `sitrep` binary (same code path as
//! `sitrep train ner`), for working on the crate alone:
//!
//! ```text
//! cargo run --release -p sitrep-ner --example train -- TRAIN DEV OUT [EPOCHS] [SEED] [HASH_BITS] [FOLDS] [DEV_PREDICTIONS|-]
//! ```
//!
//! `DEV` may be `-` for none; `TRAIN` may list several files separated by commas.

use std::time::Instant;

use sitrep_ner::{TrainConfig, Trainer, conll};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [train, dev, out, rest @ ..] = &args[..] else {
        return Err(
            "usage: train TRAIN[,TRAIN…] DEV|- OUT [EPOCHS] [SEED] [HASH_BITS] [FOLDS] [DEV_PREDICTIONS|-]"
                .into(),
        );
    };
    let epochs = rest.first().map_or(Ok(10), |e| e.parse())?;
    let seed = rest.get(1).map_or(Ok(2), |s| s.parse())?;
    let hash_bits = rest.get(2).map_or(Ok(20), |s| s.parse())?;
    let folds = rest.get(3).map_or(Ok(0), |s| s.parse())?;
    let mut docs = Vec::new();
    for p in train.split(',') {
        docs.extend(conll::read(&conll::read_text(p.as_ref())?, p)?);
    }
    let dev = if dev == "-" {
        None
    } else {
        Some(conll::read(&conll::read_text(dev.as_ref())?, dev)?)
    };
    let start = Instant::now();
    let config = TrainConfig {
        epochs,
        seed,
        hash_bits,
        folds,
    };
    let model = Trainer::new(config).train(&docs, dev.as_deref(), |r| {
        eprintln!(
            "stage {} epoch {:>2}: train acc {:.2}% dev F1 {:?} ({:.0} s)",
            r.stage,
            r.epoch,
            100.0 * r.train_accuracy,
            r.dev_f1.map(|f| (1e4 * f).round() / 100.0),
            start.elapsed().as_secs_f64()
        );
    });
    std::fs::write(out, &model)?;
    if let Some(dev) = &dev {
        let tagger = sitrep_ner::Tagger::from_bytes(&model)?;
        println!("{}", conll::evaluate(&tagger, dev));
        if let Some(pred) = rest.get(4).filter(|p| *p != "-") {
            let text = conll::read_text(args[1].as_ref())?;
            std::fs::write(pred, conll::tag_text(&tagger, &text))?;
        }
    }
    eprintln!("wrote {out} ({} bytes)", model.len());
    Ok(())
}
