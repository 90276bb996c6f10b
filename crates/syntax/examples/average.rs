//! Averages models trained with different seeds into one (an ensemble that costs one model's
//! time per feature), writes it and scores it on a development file.
//!
//! Usage: `cargo run --release -p sitrep-syntax --example average -- OUT DEV MODEL MODEL...`

use sitrep_syntax::{Syntax, conllu};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        return Err("usage: average OUT DEV MODEL MODEL...".into());
    }
    let models = args[2..]
        .iter()
        .map(|m| Ok(Syntax::from_bytes(&std::fs::read(m)?)?))
        .collect::<Result<Vec<_>, Box<dyn std::error::Error>>>()?;
    let averaged = Syntax::average(&models)?;
    let bytes = averaged.to_bytes();
    std::fs::write(&args[0], &bytes)?;
    let dev = conllu::read_file(args[1].as_ref())?;
    let s = averaged.evaluate(&dev);
    println!(
        "average of {}: UPOS {:.4} UAS {:.4} LAS {:.4} bytes {} sizes {:?}",
        models.len(),
        s.upos_accuracy(),
        s.uas(),
        s.las(),
        bytes.len(),
        averaged.sizes()
    );
    Ok(())
}
