//! `Syntax::analyze` never panics and always returns one well-formed analysis per word.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sitrep_syntax::Syntax;

#[test]
fn any_words_give_a_well_formed_analysis() {
    // The model is loaded once; the runner is driven by hand so the cases can share it.
    let syntax = Syntax::embedded().expect("embedded model loads");
    let mut runner = TestRunner::new(Config::with_cases(128));
    let words = prop::collection::vec(prop_oneof![".{0,12}", "[a-zA-Z’'“”.,-]{1,6}"], 0..80);
    runner
        .run(&words, |words| {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let got = syntax.analyze(&refs);
            prop_assert_eq!(got.len(), words.len());
            for a in &got {
                prop_assert!(a.head <= words.len());
                prop_assert!(!a.deprel.is_empty());
                // Exactly the words headed by 0 are labelled root.
                prop_assert_eq!(a.head == 0, a.deprel == "root");
            }
            Ok(())
        })
        .unwrap();
}

proptest! {
    #[test]
    fn garbage_model_bytes_are_an_error(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        prop_assert!(Syntax::from_bytes(&bytes).is_err());
    }
}
