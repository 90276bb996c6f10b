//! `Syntax::analyze` never panics and always returns one well-formed analysis per word.

use proptest::prelude::*;
use sitrep_syntax::Syntax;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_words_give_a_well_formed_analysis(words in prop::collection::vec(".{0,12}", 0..80)) {
        let syntax = Syntax::embedded().expect("embedded model loads");
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let got = syntax.analyze(&refs);
        prop_assert_eq!(got.len(), words.len());
        for a in &got {
            prop_assert!(a.head <= words.len());
            prop_assert!(!a.deprel.is_empty());
        }
        // Exactly the words headed by 0 are labelled root.
        for a in &got {
            prop_assert_eq!(a.head == 0, a.deprel == "root");
        }
    }

    #[test]
    fn garbage_model_bytes_are_an_error(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        prop_assert!(Syntax::from_bytes(&bytes).is_err());
    }
}
