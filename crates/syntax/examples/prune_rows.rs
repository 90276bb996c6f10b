//! Scores a model pruned with per-feature and per-weight thresholds
//! ([`Syntax::pruned_rows`]), optionally with the tagger of another model
//! ([`Syntax::with_tagger_of`]), and writes it.
//!
//! Usage: `cargo run --release -p sitrep-syntax --example prune_rows -- MODEL DEV OUT
//! T_ROW T_WEIGHT P_ROW P_WEIGHT [TAGGER_MODEL]`

use sitrep_syntax::{Syntax, conllu};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 7 {
        return Err(
            "usage: prune_rows MODEL DEV OUT T_ROW T_WEIGHT P_ROW P_WEIGHT [TAGGER_MODEL]".into(),
        );
    }
    let mut syntax = Syntax::from_bytes(&std::fs::read(&args[0])?)?;
    if let Some(t) = args.get(7) {
        syntax = syntax.with_tagger_of(&Syntax::from_bytes(&std::fs::read(t)?)?)?;
    }
    let dev = conllu::read_file(args[1].as_ref())?;
    let x = |i: usize| args[i].parse::<f32>();
    let pruned = syntax.pruned_rows((x(3)?, x(4)?), (x(5)?, x(6)?));
    let bytes = pruned.to_bytes();
    std::fs::write(&args[2], &bytes)?;
    let s = pruned.evaluate(&dev);
    println!(
        "prune {} {} {} {}: UPOS {:.4} UAS {:.4} LAS {:.4} bytes {} sizes {:?}",
        args[3],
        args[4],
        args[5],
        args[6],
        s.upos_accuracy(),
        s.uas(),
        s.las(),
        bytes.len(),
        pruned.sizes()
    );
    Ok(())
}
