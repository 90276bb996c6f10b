//! Training an ensemble on a tiny treebank: deterministic, and its average scores like the
//! mean of its members. Also a guided model (a right-to-left parser whose parse the main
//! parser reads), which must train, write, average and prune as one model.

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

#[test]
fn tagger_swap_and_row_pruning() {
    let gold = treebank();
    let one = sitrep_syntax::train(&gold, &[], &config(), |_| {}).unwrap();
    let two = sitrep_syntax::train(
        &gold,
        &[],
        &TrainConfig {
            seed: 7,
            ..config()
        },
        |_| {},
    )
    .unwrap();
    // The tagger of another seed: tags as that model tags, parses with this model's parser.
    let swapped = one.with_tagger_of(&two).unwrap();
    let words: Vec<&str> = gold[0].words.iter().map(|w| w.form.as_str()).collect();
    assert_eq!(swapped.tag(&words), two.tag(&words));
    assert_ne!(swapped.to_bytes(), one.to_bytes());
    assert_eq!(one.with_tagger_of(&one).unwrap().to_bytes(), one.to_bytes());
    let part = sitrep_syntax::train(&gold[..4], &[], &config(), |_| {}).unwrap();
    assert!(one.with_tagger_of(&part).is_err());
    // Equal thresholds are the plain pruning; a lower weight threshold keeps more weights
    // of the same features.
    assert_eq!(
        one.pruned_rows((0.5, 0.5), (0.7, 0.7)).to_bytes(),
        one.pruned(0.5, 0.7).to_bytes()
    );
    let plain = one.pruned(0.0, 1.5).sizes();
    let rows = one.pruned_rows((0.0, 0.0), (1.5, 0.0)).sizes();
    assert_eq!(plain[2], rows[2], "same parser features");
    assert!(rows[3] >= plain[3], "{rows:?} {plain:?}");
}

#[test]
fn tagger_seeds_widen_only_the_tagger_ensemble() {
    let gold = treebank();
    let got =
        sitrep_syntax::train_ensemble_with_taggers(&gold, &[], &config(), &[1, 2], &[3], |_| {})
            .unwrap();
    let member = |seed, parser_epochs| {
        let c = TrainConfig {
            seed,
            parser_epochs,
            ..config()
        };
        sitrep_syntax::train(&gold, &[], &c, |_| {}).unwrap()
    };
    let (one, two, three) = (member(1, 3), member(2, 3), member(3, 0));
    let want = Syntax::average(&[one.clone(), two.clone()])
        .unwrap()
        .with_tagger_of(&Syntax::average(&[one, two, three]).unwrap())
        .unwrap();
    assert_eq!(got.to_bytes(), want.to_bytes());
    // Without tagger seeds it is the plain ensemble.
    let plain =
        sitrep_syntax::train_ensemble_with_taggers(&gold, &[], &config(), &[1, 2], &[], |_| {})
            .unwrap();
    let ensemble = sitrep_syntax::train_ensemble(&gold, &[], &config(), &[1, 2], |_| {}).unwrap();
    assert_eq!(plain.to_bytes(), ensemble.to_bytes());
}

#[test]
fn guided_models_keep_their_guide_through_writing_averaging_and_pruning() {
    let gold = treebank();
    let guided = |seed| TrainConfig {
        guide: true,
        seed,
        ..config()
    };
    let a = sitrep_syntax::train(&gold, &[], &guided(1), |_| {}).unwrap();
    let again = sitrep_syntax::train(&gold, &[], &guided(1), |_| {}).unwrap();
    assert_eq!(a.to_bytes(), again.to_bytes(), "deterministic");
    let [features, weights] = a.guide_sizes().expect("a guide");
    assert!(features > 0 && weights > 0);
    let plain = sitrep_syntax::train(&gold, &[], &config(), |_| {}).unwrap();
    assert_eq!(plain.guide_sizes(), None);
    // The guide is part of the written model and parses the same once read back.
    let back = Syntax::from_bytes(&a.to_bytes()).unwrap();
    assert_eq!(back.guide_sizes(), a.guide_sizes());
    assert_eq!(back.evaluate(&gold), a.evaluate(&gold));
    assert!(a.evaluate(&gold).las() > 0.8, "{:?}", a.evaluate(&gold));
    // Guided and unguided parsers read different features: they cannot be averaged.
    assert!(Syntax::average(&[a.clone(), plain]).is_err());
    let b = sitrep_syntax::train(&gold, &[], &guided(2), |_| {}).unwrap();
    let both = Syntax::average(&[a.clone(), b]).unwrap();
    assert!(both.guide_sizes().is_some_and(|[f, _]| f >= features));
    // The guide is pruned on its own: pruning the parser leaves it whole.
    assert_eq!(a.pruned(0.0, f32::MAX).guide_sizes(), a.guide_sizes());
    assert_eq!(
        a.pruned_guide(f32::MAX, f32::MAX).guide_sizes(),
        Some([0, 0])
    );
    let light = a.pruned_guide(0.5, 0.5).guide_sizes().expect("a guide");
    assert!(light[1] < weights, "{light:?}");
}
