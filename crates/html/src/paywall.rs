//! Paywall and meter signs, read from the article body itself.
//!
//! A "Subscribe" link in the site navigation says nothing about the article, so only these
//! count: a meter notice in a text block ("You have 78% of this article left to read"), a
//! subscription call right after a teaser-length body, `isAccessibleForFree: false` in the
//! publisher's JSON-LD, and paywall class names on the content container or inside it.

use crate::dom::{NONE, Page};
use crate::jsonld::LdArticle;
use crate::{RemovedBlock, Truncation};

/// Body length (characters) under which a body followed by a subscription call is a teaser.
const TEASER_MAX_CHARS: usize = 1500;

/// Phrases of a subscription call that ends a truncated article (lower case).
const CALLS: &[&str] = &[
    "subscribe to continue reading",
    "subscribe to read",
    "continue reading with a subscription",
    "subscribe now to continue",
    "subscribers only",
    "for subscribers",
    "exclusive to subscribers",
    "available to subscribers",
    "already a subscriber",
    "already subscribed",
    "the rest of this article is",
    "to read the full article",
    "to read the full story",
    "to read this article",
    "you have reached your limit",
    "you've reached your limit",
    "free articles this month",
    "free article limit",
    "unlock this article",
    "unlock full access",
    "become a subscriber",
    "sign in to continue reading",
    "log in to continue reading",
    "register to continue reading",
    "this article is only available",
    "this content is only available",
    "subscribe for full access",
];

/// Words of which every entry of [`CALLS`] and both meter phrasings ("... of this article
/// left to read", "you've read ... article") hold at least one.
const STEMS: &[&str] = &[
    "subscri",
    "read",
    "limit",
    "article",
    "unlock",
    "only available",
];

/// A meter notice: the visible share when it states a percentage left or read.
/// Returns `None` when the text is not a notice, `Some(None)` for a notice without a figure.
pub(crate) fn notice(text: &str) -> Option<Option<f64>> {
    if text.len() > 400 {
        return None;
    }
    // ASCII lowering is enough: every phrase looked for is ASCII.
    let l = text.to_ascii_lowercase();
    // Every call and both meter phrasings contain one of these; most blocks contain none.
    if !STEMS.iter().any(|s| l.contains(s)) {
        return None;
    }
    if let Some(p) = percent(&l)
        && (l.contains("left to read") || l.contains("remain") || l.contains("left in this"))
        && l.contains("article")
    {
        return Some(Some(1.0 - p / 100.0));
    }
    if let Some(p) = percent(&l)
        && (l.contains("you've read") || l.contains("you have read"))
        && l.contains("article")
    {
        return Some(Some(p / 100.0));
    }
    CALLS.iter().any(|c| l.contains(c)).then_some(None)
}

/// The number before the first '%' (0..=100).
fn percent(l: &str) -> Option<f64> {
    let i = l.find('%')?;
    let head = l[..i].trim_end();
    let start = head
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map_or(0, |j| j + 1);
    let v: f64 = head.get(start..)?.parse().ok()?;
    (0.0..=100.0).contains(&v).then_some(v)
}

/// Looks for truncation signs; `removed` already holds notices dropped from the text.
pub(crate) fn detect(
    page: &Page,
    ld: &LdArticle,
    container: u32,
    text: &str,
    removed: &[RemovedBlock],
) -> Option<Truncation> {
    // 1. Meter notices and subscription calls the content stage dropped (rule
    // html.paywall-notice): inside the article, or outside it but not in navigation,
    // header or footer, and never link text.
    let mut call: Option<&RemovedBlock> = None;
    for r in removed.iter() {
        if r.rule != "html.paywall-notice" {
            continue;
        }
        if let Some(Some(f)) = notice(&r.text) {
            return Some(Truncation {
                visible_fraction: Some(f),
                evidence: format!("meter notice: \"{}\"", r.text),
            });
        }
        call.get_or_insert(r);
    }
    let body_chars = text.chars().count();
    if let Some(c) = call
        && body_chars < TEASER_MAX_CHARS
    {
        return Some(Truncation {
            visible_fraction: None,
            evidence: format!(
                "teaser of {body_chars} characters followed by a subscription call: \"{}\"",
                c.text
            ),
        });
    }
    // 2. The publisher says so.
    if ld.not_free {
        let sel = ld
            .paywall_selectors
            .first()
            .map(|s| format!(" (part {s})"))
            .unwrap_or_default();
        return Some(Truncation {
            visible_fraction: None,
            evidence: format!("JSON-LD isAccessibleForFree: false{sel}"),
        });
    }
    // 3. Paywall class names on the container, its ancestors, or an element inside it.
    if container != NONE {
        let mut e = container;
        while e != NONE {
            if page.els[e as usize].paywall_class {
                return Some(Truncation {
                    visible_fraction: None,
                    evidence: "paywall class name on the content container".into(),
                });
            }
            e = page.els[e as usize].parent;
        }
    }
    if let Some(c) = call {
        return Some(Truncation {
            visible_fraction: None,
            evidence: format!("subscription call in the article body: \"{}\"", c.text),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_call_has_a_stem() {
        for c in CALLS {
            assert!(STEMS.iter().any(|s| c.contains(s)), "{c}");
        }
    }

    #[test]
    fn notices() {
        assert_eq!(
            notice("You have 78% of this article left to read"),
            Some(Some(1.0 - 0.78))
        );
        assert_eq!(notice("Subscribe to continue reading."), Some(None));
        assert_eq!(notice("Subscribe"), None);
        assert_eq!(notice("Prices rose 5% this year."), None);
    }
}
