//! Offsets are UTF-8 byte offsets on char boundaries, also around multi-byte text; no input
//! makes the tagger panic.

use std::sync::LazyLock;

use proptest::prelude::*;
use sitrep_time::TimeTagger;

/// Compiled once: building the tagger per generated case would dominate the run time.
static TAGGER: LazyLock<TimeTagger> = LazyLock::new(TimeTagger::new);

#[test]
fn spans_slice_multibyte_text() {
    let t = TimeTagger::new();
    let text = "Andreï said “Thursday, November 28” – then in June – Beloussov’s visit on Friday.";
    let times = t.tag(text, &[], Some("2024-11-29"));
    let surfaces: Vec<&str> = times.iter().map(|x| &text[x.start..x.end]).collect();
    assert_eq!(surfaces, ["Thursday, November 28", "June", "Friday"]);
}

#[test]
fn bad_sentence_ranges_are_tolerated() {
    let t = TimeTagger::new();
    let text = "They met on Friday, November 29.";
    #[allow(clippy::reversed_empty_ranges)]
    let sentences = [5..2, 0..1000, 3..4];
    let times = t.tag(text, &sentences, Some("2024-11-29"));
    assert_eq!(times.len(), 1);
    let _ = t.infer_document_date(text, &sentences);
}

#[test]
fn huge_counts_do_not_overflow() {
    let t = TimeTagger::new();
    for text in [
        "It ended 99999999999999999999 years later.",
        "It ran for 99999999999999999999 centuries, every 99999999999999999999 decades.",
        "It began 99999999999999999999 weeks ago, 99999999999999999999 days later.",
    ] {
        for dct in [Some("9999-12-31"), Some("0001-01-01"), None] {
            assert!(!t.tag(text, &[], dct).is_empty(), "{text}");
        }
    }
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(text in any::<String>(), dct in any::<Option<String>>()) {
        let t = &*TAGGER;
        for x in t.tag(&text, &[], dct.as_deref()) {
            prop_assert!(x.start < x.end && x.end <= text.len());
            prop_assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
        }
        let _ = t.infer_document_date(&text, &[]);
    }

    #[test]
    fn never_panics_on_date_like_text(
        words in proptest::collection::vec(
            prop_oneof![
                Just("Friday"), Just("November"), Just("28,"), Just("2024"), Just("May"),
                Just("last"), Just("week"), Just("will"), Just("said"), Just("ago"), Just("3"),
                Just("a.m."), Just("the"), Just("’90s"), Just("twenty-first"), Just("century"),
                Just("Feb."), Just("29"), Just("1900"), Just("0"), Just("99999"), Just("—"),
                Just("99999999999999999999999"), Just("later"), Just("centuries"), Just("every"),
                Just("1 1/0"), Just("Christmas"), Just("the"), Just("next"), Just("day"),
                Just("Q4"), Just("9:59"), Just("p.m."), Just("nineteen"), Just("ninety"),
            ],
            0..24,
        ),
        dct in prop_oneof![Just("2024-02-29"), Just("0001-01-01"), Just("9999-12-31"), Just("2024")],
    ) {
        let text = words.join(" ");
        let t = &*TAGGER;
        for x in t.tag(&text, &[], Some(dct)) {
            prop_assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
        }
        if let Some(dd) = t.infer_document_date(&text, &[]) {
            let _ = t.tag(&text, &[], Some(&dd.value));
        }
    }
}
