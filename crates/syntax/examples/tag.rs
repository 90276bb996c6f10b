//! Tags a CoNLL-U file with a model file (what `sitrep tag --format conllu` does with the
//! embedded model), for scoring with `shared/bench/syntax/score.py`.
//!
//! Usage: `cargo run --release -p sitrep-syntax --example tag -- MODEL FILE.conllu[.gz]`

use std::io::Write;

use sitrep_syntax::{Syntax, conllu};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err("usage: tag MODEL FILE.conllu[.gz]".into());
    }
    let syntax = Syntax::from_bytes(&std::fs::read(&args[0])?)?;
    let mut sentences = conllu::read_file(args[1].as_ref())?;
    for s in &mut sentences {
        syntax.annotate(s);
    }
    std::io::stdout()
        .lock()
        .write_all(conllu::write(&sentences).as_bytes())?;
    Ok(())
}
