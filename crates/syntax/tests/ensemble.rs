//! Training an ensemble on a tiny treebank: deterministic, and its average scores like the
//! mean of its members.

use sitrep_syntax::{Syntax, TrainConfig, conllu};

fn treebank() -> Vec<conllu::Sentence> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/news.conllu"
    ))
    .expect("test treebank");
    conllu::parse(&text).expect("valid CoNLL-U")
}

fn config() -> TrainConfig {
    TrainConfig {
        tagger_epochs: 3,
        parser_epochs: 3,
        folds: 2,
        ..TrainConfig::default()
    }
}

#[test]
fn ensemble_training_is_deterministic_and_averages_its_members() {
    let gold = treebank();
    let a = sitrep_syntax::train_ensemble(&gold, &[], &config(), &[1, 2], |_| {}).unwrap();
    let b = sitrep_syntax::train_ensemble(&gold, &[], &config(), &[1, 2], |_| {}).unwrap();
    assert_eq!(a.to_bytes(), b.to_bytes(), "same seeds, same model");
    let members: Vec<Syntax> = [1, 2]
        .iter()
        .map(|&seed| {
            let c = TrainConfig { seed, ..config() };
            sitrep_syntax::train(&gold, &[], &c, |_| {}).unwrap()
        })
        .collect();
    let averaged = Syntax::average(&members).unwrap();
    assert_eq!(averaged.to_bytes(), a.to_bytes());
    // The ensemble learned the training sentences about as well as its members did.
    let scores: Vec<f64> = members
        .iter()
        .chain([&a])
        .map(|m| m.evaluate(&gold).las())
        .collect();
    assert!(scores[2] + 0.05 >= scores[0].min(scores[1]), "{scores:?}");
    // Reading back a written ensemble keeps its analyses.
    let back = Syntax::from_bytes(&a.to_bytes()).unwrap();
    assert_eq!(back.evaluate(&gold), a.evaluate(&gold));
}

#[test]
fn models_of_different_data_are_not_averaged() {
    let gold = treebank();
    let whole = sitrep_syntax::train(&gold, &[], &config(), |_| {}).unwrap();
    let part = sitrep_syntax::train(&gold[..4], &[], &config(), |_| {}).unwrap();
    assert!(Syntax::average(&[whole, part]).is_err());
    assert!(Syntax::average(&[]).is_err());
}
