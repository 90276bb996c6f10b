//! Fuzz target: `sitrep_html::extract` on arbitrary bytes must never
//! panic, whatever the markup (unclosed tags, deep nesting, broken JSON-LD, binary junk).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let ex = sitrep_html::extract(&html, Some("https://example.com/2024/11/28/story"));
    // Invariants every caller relies on.
    assert!(!ex.text.contains("\n\n\n"));
    if let Some(t) = &ex.truncation
        && let Some(f) = t.visible_fraction
    {
        assert!((0.0..=1.0).contains(&f));
    }
});
