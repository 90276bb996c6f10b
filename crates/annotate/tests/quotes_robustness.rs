//! `find_quotes` never panics and returns spans inside the text, on any sequence of words
//! drawn from the ones its rules look at (reporting verbs, "according to", commas, quote
//! marks, pronouns, names), with and without a parse.

mod common;

use common::{document, models};
use proptest::prelude::*;
use sitrep_annotate::quotes::find_quotes;

/// Words and marks the quote rules branch on, plus ordinary ones.
const VOCABULARY: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "according",
    "to",
    "that",
    "the",
    "a",
    "he",
    "she",
    "they",
    "officials",
    "reporters",
    "on",
    "Monday",
    "in",
    "statement",
    ",",
    ".",
    ":",
    "\"",
    "“",
    "”",
    "'",
    "which",
    "who",
    "was",
    "would",
    "will",
    "Rosa",
    "Lind",
    "Paris",
    "Harbour",
    "Watch",
    "saying",
    "denied",
    "were",
    "claims",
    "\n\n",
    "-",
    "’",
    "«",
    "»",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn quotes_never_panic_and_stay_in_the_text(
        words in proptest::collection::vec(proptest::sample::select(VOCABULARY), 0..40),
        parse in any::<bool>(),
    ) {
        let resolver = &models().0;
        let doc = document(&words, parse);
        let text = doc.text();
        let entities = resolver.resolve(&doc);
        for q in find_quotes(&doc, &entities) {
            prop_assert!(q.span.end() <= text.len());
            prop_assert!(text.is_char_boundary(q.span.start()) && text.is_char_boundary(q.span.end()));
            prop_assert!(q.speaker.is_none_or(|s| s < entities.len()));
        }
    }
}
