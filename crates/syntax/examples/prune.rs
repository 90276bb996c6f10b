//! Scores a model pruned at several thresholds, to choose the size/accuracy trade-off.
//!
//! Usage: `cargo run --release -p sitrep-syntax --example prune -- MODEL DEV [OUT T_MIN P_MIN]`
//! With OUT, writes the model pruned at (T_MIN, P_MIN) instead of scanning thresholds.

use std::time::Instant;

use sitrep_syntax::{Syntax, conllu};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err("usage: prune MODEL DEV [OUT T_MIN P_MIN]".into());
    }
    let syntax = Syntax::from_bytes(&std::fs::read(&args[0])?)?;
    let dev = conllu::read_file(args[1].as_ref())?;
    let thresholds: Vec<(f32, f32)> = if args.len() >= 5 {
        vec![(args[3].parse()?, args[4].parse()?)]
    } else {
        vec![
            (0.0, 0.0),
            (0.01, 0.01),
            (0.05, 0.05),
            (0.1, 0.1),
            (0.2, 0.2),
            (0.3, 0.3),
            (0.5, 0.5),
        ]
    };
    for (t, p) in thresholds {
        let pruned = syntax.pruned(t, p);
        let bytes = pruned.to_bytes();
        let started = Instant::now();
        let s = pruned.evaluate(&dev);
        println!(
            "prune {t} {p}: UPOS {:.4} UAS {:.4} LAS {:.4} bytes {} sizes {:?} {:.0} words/s",
            s.upos_accuracy(),
            s.uas(),
            s.las(),
            bytes.len(),
            pruned.sizes(),
            s.words as f64 / started.elapsed().as_secs_f64()
        );
        if args.len() >= 5 {
            std::fs::write(&args[2], &bytes)?;
        }
    }
    Ok(())
}
