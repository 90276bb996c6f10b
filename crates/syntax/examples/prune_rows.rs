//! Scores a model pruned with per-feature and per-weight thresholds
//! ([`Syntax::pruned_rows`]), optionally with the tagger of another model
//! ([`Syntax::with_tagger_of`]), and writes it.
//!
//! Usage: `cargo run --release -p sitrep-syntax --example prune_rows -- MODEL DEV OUT
//! T_ROW T_WEIGHT P_ROW P_WEIGHT [TAGGER_MODEL|- [G_ROW G_WEIGHT]]`. The guide parser, if
//! any, is pruned with G_ROW and G_WEIGHT, by default P_ROW and P_WEIGHT
//! ([`Syntax::pruned_guide`]).

use sitrep_syntax::{Syntax, conllu};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 7 {
        return Err(
            "usage: prune_rows MODEL DEV OUT T_ROW T_WEIGHT P_ROW P_WEIGHT [TAGGER_MODEL]".into(),
        );
    }
    let mut syntax = Syntax::from_bytes(&std::fs::read(&args[0])?)?;
    if let Some(t) = args.get(7).filter(|t| *t != "-") {
        syntax = syntax.with_tagger_of(&Syntax::from_bytes(&std::fs::read(t)?)?)?;
    }
    let dev = conllu::read_file(args[1].as_ref())?;
    let x = |i: usize| args[i].parse::<f32>();
    let guide = if args.len() >= 10 { (8, 9) } else { (5, 6) };
    let pruned = syntax
        .pruned_rows((x(3)?, x(4)?), (x(5)?, x(6)?))
        .pruned_guide(x(guide.0)?, x(guide.1)?);
    let bytes = pruned.to_bytes();
    std::fs::write(&args[2], &bytes)?;
    let s = pruned.evaluate(&dev);
    println!(
        "prune {} {} {} {} guide {} {}: UPOS {:.4} UAS {:.4} LAS {:.4} bytes {} sizes {:?} {:?}",
        args[3],
        args[4],
        args[5],
        args[6],
        args[guide.0],
        args[guide.1],
        s.upos_accuracy(),
        s.uas(),
        s.las(),
        bytes.len(),
        pruned.sizes(),
        pruned.guide_sizes()
    );
    Ok(())
}
