//! The entity resolver never panics and keeps every mention inside the text, on any
//! sequence of words drawn from the ones its repair rules branch on (patronymics, role
//! phrases, official names, facilities, operations, country codes, organization suffixes,
//! honorifics, state offices), with and without a parse.

mod common;

use common::{document, models};
use proptest::prelude::*;

/// Words the repair rules look at, plus ordinary ones.
const VOCABULARY: &[&str] = &[
    "bin",
    "ibn",
    "bint",
    "Al",
    "al",
    "Said",
    "Qaboos",
    "Haitham",
    "Operation",
    "Peace",
    "Spring",
    "Mosque",
    "Grand",
    "Airport",
    "Plant",
    "Base",
    "Secretary",
    "of",
    "for",
    "State",
    "Special",
    "Representative",
    "President",
    "Minister",
    "US",
    "UK",
    "U.S.",
    "Iran",
    "Ukraine",
    "Islamic",
    "Republic",
    "II",
    "III",
    "national",
    "Libyan",
    "island",
    "kyiv",
    "Javad",
    "Zarif",
    "Brian",
    "Hook",
    "the",
    "said",
    ",",
    ".",
    "(",
    ")",
    "GATT",
    "'s",
    "\n\n",
    "-",
    "Agreement",
    "on",
    "Trade",
    "and",
    // Organization suffixes and "for" names, honorifics, state offices, "of" countries.
    "Inc",
    "Corp",
    "Co",
    "Bank",
    "League",
    "Foundation",
    "Mr.",
    "Miss",
    "Erdoğan",
    "Erdogan",
    "Russian",
    "opposition",
    "leader",
    "foreign",
    "minister",
    "counterpart",
    "envoy",
    "Chinese",
    "Georgia",
    "Saudi",
    "Arabia",
    "Lula",
    "da",
    "Silva",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn entities_never_panic_and_stay_in_the_text(
        words in proptest::collection::vec(proptest::sample::select(VOCABULARY), 0..40),
        parse in any::<bool>(),
    ) {
        let resolver = &models().0;
        let doc = document(&words, parse);
        let text = doc.text();
        for e in resolver.resolve(&doc) {
            prop_assert!(!e.name.is_empty());
            for m in &e.mentions {
                prop_assert!(m.span.start() < m.span.end() && m.span.end() <= text.len());
                prop_assert!(m.tokens.start < m.tokens.end && m.tokens.end <= doc.tokens().len());
            }
        }
    }
}
