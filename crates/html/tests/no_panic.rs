//! Property tests: extraction never panics and keeps its output invariants, on arbitrary
//! strings and on generated tag soup (nested, unclosed, with hints, JSON-LD and dates).

use proptest::prelude::*;
use sitrep_html::extract;

/// A random fragment of markup built from pieces real pages are made of.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<div class=\"article-body\">".to_string()),
        Just("<div class=\"share related comments\">".to_string()),
        Just("</div>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<nav><a href=/s>Subscribe</a></nav>".to_string()),
        Just("<a href=\"/x\">".to_string()),
        Just("</a>".to_string()),
        Just("<h1>".to_string()),
        Just("<br>".to_string()),
        Just("<li>".to_string()),
        Just("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":\"x\",\"isAccessibleForFree\":false,\"author\":{\"name\":\"A B\"}}</script>".to_string()),
        Just("<meta property=\"article:published_time\" content=\"2024-02-30\">".to_string()),
        Just("<time datetime=\"1999-12-31T23:59:59Z\">".to_string()),
        Just("You have 101% of this article left to read".to_string()),
        Just("By Jane Doe and John Roe".to_string()),
        Just("…".to_string()),
        "[a-zA-Z ,.é中]{0,80}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>(), url in proptest::option::of(any::<String>())) {
        let ex = extract(&s, url.as_deref());
        prop_assert!(!ex.text.contains("\n\n\n"));
    }

    #[test]
    fn tag_soup_never_panics(pieces in proptest::collection::vec(piece(), 0..200)) {
        let html = pieces.concat();
        let ex = extract(&html, Some("https://example.com/2024/02/29/x"));
        prop_assert!(!ex.text.contains("\n\n\n"));
        prop_assert!(!ex.text.starts_with(char::is_whitespace));
        if let Some(f) = ex.truncation.as_ref().and_then(|t| t.visible_fraction) {
            prop_assert!((0.0..=1.0).contains(&f));
        }
        for r in &ex.removed {
            prop_assert!(r.text.chars().count() <= 201);
            prop_assert!(r.rule.starts_with("html."));
        }
    }

    #[test]
    fn arbitrary_bytes_sniff(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = extract(&String::from_utf8_lossy(&bytes), None);
    }
}
