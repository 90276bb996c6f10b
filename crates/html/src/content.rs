//! Main-content extraction: choose the article container, then keep its prose blocks.
//!
//! The container is the element that maximises `good − α·bad`, where `good` is the text of
//! prose-looking paragraphs in its subtree (long, few links, no boilerplate ancestor) and
//! `bad` is the link text plus the text of boilerplate subtrees (navigation, comments,
//! share bars, ...). A parent wins over a child whenever the prose it adds outweighs the
//! junk it adds, which is what keeps an article split into several sections (or broken up by
//! an advertisement slot) whole, where readability's single best node loses the later parts.
//! Inside the container every block is kept unless a rule with a stable id drops it; each
//! dropped block is reported in `removed`.

use crate::RemovedBlock;
use crate::dom::{Block, NONE, Page};
use crate::hints::TagClass;

/// Weight of link and boilerplate text against prose when scoring a container. Tuned once
/// on the extraction benchmark (values 0.3..1.0 differ by less than its noise).
const ALPHA: f64 = 0.5;

/// Link density above which a block inside the container is dropped as a link list.
const MAX_LINK_DENSITY: f64 = 0.5;

/// Maximum number of `removed` entries, so a page of ten thousand menu items stays small.
const MAX_REMOVED: usize = 400;

/// Result of the main-content stage.
pub(crate) struct Content {
    /// Kept blocks, as paragraphs.
    pub paragraphs: Vec<String>,
    /// Index of the chosen container element, or [`NONE`].
    pub container: u32,
    /// Dropped blocks that looked like content.
    pub removed: Vec<RemovedBlock>,
}

/// Short texts that are page furniture whatever the element around them says, matched
/// case-insensitively against the whole block (after trimming trailing punctuation).
const FURNITURE: &[(&str, &str)] = &[
    ("advertisement", "advertisement"),
    ("advertising", "advertisement"),
    ("advert", "advertisement"),
    ("this slideshow requires javascript", "advertisement"),
    ("ad", "advertisement"),
    ("sponsored", "advertisement"),
    ("sponsored content", "advertisement"),
    ("story continues below advertisement", "advertisement"),
    ("continue reading below", "advertisement"),
    ("scroll to continue with content", "advertisement"),
    ("share", "share"),
    ("share this", "share"),
    ("share this article", "share"),
    ("share this story", "share"),
    ("share on facebook", "share"),
    ("share on twitter", "share"),
    ("tweet", "share"),
    ("email", "share"),
    ("print", "share"),
    ("comments", "comments"),
    ("read more", "related-link"),
    ("related", "related-link"),
    ("related articles", "related-link"),
    ("related stories", "related-link"),
    ("more stories", "related-link"),
    ("recommended", "related-link"),
    ("you may also like", "related-link"),
    ("see also", "related-link"),
    ("don t miss", "related-link"),
    ("most read", "related-link"),
    ("most popular", "related-link"),
    ("top stories", "related-link"),
    ("related links", "related-link"),
    ("read next", "related-link"),
    ("more on this story", "related-link"),
    ("tell us what you think", "comments"),
    ("leave a comment", "comments"),
    ("leave a reply", "comments"),
    ("continue reading", "related-link"),
    ("show more", "related-link"),
    ("follow us", "share"),
    ("sign up", "newsletter"),
    ("subscribe", "newsletter"),
    ("subscribe now", "newsletter"),
    ("image", "caption"),
    ("photo", "caption"),
];

/// Chooses the container and collects its text.
pub(crate) fn extract_content(page: &Page, title: Option<&str>) -> Content {
    let n = page.els.len();
    // Subtree extents and `bad` mass, both summed bottom-up.
    let mut end: Vec<u32> = (0..n as u32).collect();
    let mut bad: Vec<u32> = vec![0; n];
    for b in &page.blocks {
        if b.el == NONE {
            continue;
        }
        let e = &page.els[b.el as usize];
        bad[b.el as usize] += if e.boiler_anc != NONE {
            b.chars
        } else {
            b.link_chars
        };
    }
    for i in (1..n).rev() {
        let p = page.els[i].parent;
        if p != NONE {
            let p = p as usize;
            end[p] = end[p].max(end[i]);
            bad[p] += bad[i];
        }
    }
    let mut best = NONE;
    let mut best_score = 0.0f64;
    for (i, e) in page.els.iter().enumerate() {
        if e.good == 0 {
            continue;
        }
        let mut score = e.good as f64 - ALPHA * bad[i] as f64;
        if e.positive || matches!(e.tag, TagClass::Container) && e.boiler.is_none() {
            score *= 1.0;
        }
        // Ties go to the deeper element: it holds the same prose with less around it.
        if score >= best_score && score > 0.0 {
            best_score = score;
            best = i as u32;
        }
    }
    let (lo, hi) = if best == NONE {
        // No prose paragraph anywhere: fall back to the whole page, filtered.
        (0u32, n.saturating_sub(1) as u32)
    } else {
        (best, end[best as usize])
    };
    let mut out = Content {
        paragraphs: Vec::new(),
        container: best,
        removed: Vec::new(),
    };
    let title_norm = title.map(norm_key);
    for b in &page.blocks {
        if b.el == NONE {
            continue;
        }
        let inside = b.el >= lo && b.el <= hi;
        if !inside {
            // Prose-looking text outside the container is reported, menus and the like are not.
            let e = &page.els[b.el as usize];
            if b.chars <= 250
                && b.link_chars * 2 < b.chars
                && crate::paywall::notice(&b.text).is_some()
                && !matches!(
                    boiler_kind(page, e.boiler_anc),
                    "navigation" | "header" | "footer"
                )
            {
                push_removed(&mut out.removed, "paywall", &b.text, "html.paywall-notice");
            } else if b.chars >= 60 && (b.link_chars as f64) < 0.3 * b.chars as f64 {
                let (kind, rule) = match e.boiler_anc {
                    NONE => ("outside-main", "html.outside-container"),
                    a => {
                        let bo = page.els[a as usize].boiler;
                        bo.map_or(("outside-main", "html.outside-container"), |bo| {
                            (bo.kind, bo.rule)
                        })
                    }
                };
                push_removed(&mut out.removed, kind, &b.text, rule);
            }
            continue;
        }
        match judge(page, b, lo, title_norm.as_deref()) {
            None => out.paragraphs.push(b.text.clone()),
            Some((kind, rule)) => push_removed(&mut out.removed, kind, &b.text, rule),
        }
    }
    trim_tail_promos(&mut out);
    out
}

/// Drops promotional lines at the end of the article: "Follow her on Twitter @...", "Sign up
/// for our newsletter", "Email the author at ...". They sit inside the article container on
/// many sites but are not part of the story; only the last few paragraphs are looked at, so
/// a story about newsletters keeps its body.
fn trim_tail_promos(out: &mut Content) {
    for _ in 0..4 {
        let Some(last) = out.paragraphs.last() else {
            return;
        };
        if last.chars().count() > 400 || !is_promo(last) {
            return;
        }
        if let Some(p) = out.paragraphs.pop() {
            push_removed(&mut out.removed, "promotion", &p, "html.tail-promo");
        }
    }
}

/// A line that promotes the site, a newsletter or the author's social accounts.
fn is_promo(t: &str) -> bool {
    let l = t.to_lowercase();
    let social = ["twitter", "facebook", "instagram", "linkedin", "follow "];
    (l.contains('@') && social.iter().any(|s| l.contains(s)))
        || l.contains('@') && (l.contains("email") || l.contains("e-mail") || l.contains("contact"))
        || ["sign up", "signup", "newsletter", "subscribe"]
            .iter()
            .any(|s| l.contains(s))
        || ["follow us", "follow me", "join our", "like us on"]
            .iter()
            .any(|s| l.starts_with(s))
        || (l.starts_with("source:") && l.split_whitespace().count() <= 6)
}

/// Kind of the boilerplate element `anc` (or "" for none).
fn boiler_kind(page: &Page, anc: u32) -> &'static str {
    if anc == NONE {
        return "";
    }
    page.els[anc as usize].boiler.map_or("", |b| b.kind)
}

/// Why a block inside the container is dropped, if it is.
fn judge(
    page: &Page,
    b: &Block,
    container: u32,
    title: Option<&str>,
) -> Option<(&'static str, &'static str)> {
    let e = &page.els[b.el as usize];
    // Meter notices and subscription calls first, whatever box they sit in, so that the
    // paywall stage sees them; a "Subscribe" link is link text and never matches.
    if b.chars <= 250 && b.link_chars * 2 < b.chars && crate::paywall::notice(&b.text).is_some() {
        return Some(("paywall", "html.paywall-notice"));
    }
    // Boilerplate between the container and the block (a flag on the container itself or
    // above it says nothing about this block, since the container was chosen for its prose).
    if e.boiler_anc != NONE
        && e.boiler_anc > container
        && let Some(bo) = page.els[e.boiler_anc as usize].boiler
    {
        return Some((bo.kind, bo.rule));
    }
    if b.teaser {
        return Some(("related-link", "html.teaser"));
    }
    let density = b.link_chars as f64 / b.chars.max(1) as f64;
    // A whole sentence in a paragraph stays even when mostly linked: headlines in link
    // lists do not end with a full stop.
    let sentence = || {
        e.tag == TagClass::Para
            && density < 0.9
            && b.text.split_whitespace().nth(7).is_some()
            && b.text
                .trim_end_matches(['"', '\'', '”', '’', ')'])
                .ends_with(['.', '!', '?'])
    };
    if density > MAX_LINK_DENSITY && !sentence() {
        return Some(("related-link", "html.link-density"));
    }
    if b.heading == 1 {
        return Some(("title", "html.title"));
    }
    if let Some(t) = title
        && b.heading > 0
        && norm_key(&b.text) == t
    {
        return Some(("title", "html.title"));
    }
    if b.chars <= 40 {
        let key = norm_key(&b.text);
        if let Some((_, kind)) = FURNITURE.iter().find(|(k, _)| *k == key) {
            return Some((kind, "html.furniture"));
        }
    }
    if b.chars <= 80 && is_byline_text(&b.text) {
        return Some(("byline", "html.byline"));
    }
    if b.chars <= 100 && is_dateline(&b.text) || b.chars <= 200 && is_stamp_line(&b.text) {
        return Some(("metadata", "html.dateline"));
    }
    if b.chars <= 300 && is_caption_text(&b.text) {
        return Some(("caption", "html.caption-credit"));
    }
    None
}

/// "Updated at 1:23 p.m.", "November 19, 2019 6:30 AM", "05/10/2018 - Posted by ...": a
/// short line carrying a date or an update stamp rather than a sentence.
fn is_dateline(t: &str) -> bool {
    let l = t.trim_start_matches(['|', ' ', '-']).to_lowercase();
    const STAMPS: [&str; 7] = [
        "updated",
        "published",
        "posted",
        "last modified",
        "publicado",
        "veröffentlicht",
        "pubblicato",
    ];
    let words = l.split_whitespace().count();
    if STAMPS.iter().any(|p| l.starts_with(p)) && words <= 10 {
        return true;
    }
    // Embedded posts sign off with "— Name (@handle) November 18, 2019": that is content.
    if l.starts_with('—') || l.contains('@') || words > 12 || l.ends_with('.') {
        return false;
    }
    let dated = crate::dates::from_text(&l).is_some() || has_numeric_date(&l);
    dated && (words <= 8 || STAMPS.iter().any(|p| l.contains(p)))
}

/// A date plus "Posted by ... Category ..." style labels: a metadata line however long.
fn is_stamp_line(t: &str) -> bool {
    let l = t.to_lowercase();
    let labels = [
        "posted by",
        "published by",
        "publicado por",
        "category",
        "categoria",
        "tags:",
    ];
    l.split_whitespace().count() <= 20
        && labels.iter().filter(|p| l.contains(*p)).count() >= 1
        && (crate::dates::from_text(&l).is_some() || has_numeric_date(&l))
}

/// `05/10/2018`, `2018-10-05`, `05.10.2018` somewhere in the text.
fn has_numeric_date(l: &str) -> bool {
    l.split_whitespace().any(|w| {
        let parts: Vec<&str> = w.split(['/', '.', '-']).filter(|p| !p.is_empty()).collect();
        parts.len() == 3
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
            && parts.iter().filter(|p| p.len() <= 2).count() == 2
            && parts
                .iter()
                .any(|p| p.len() == 4 && p.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y)))
    })
}

/// A photo caption or credit: ends with "(Image: Getty)", "(AP Photo/Jane Doe)", or starts
/// with "Photo:" / "Image:" / "Credit:".
fn is_caption_text(t: &str) -> bool {
    let l = t.trim().to_lowercase();
    const MARKS: [&str; 6] = [
        "image:",
        "photo:",
        "picture:",
        "credit:",
        "photograph:",
        "ap photo",
    ];
    if MARKS.iter().any(|m| l.starts_with(m)) {
        return true;
    }
    if l.ends_with(')')
        && let Some(open) = l.rfind('(')
    {
        let inner = &l[open + 1..];
        return MARKS.iter().any(|m| inner.starts_with(m))
            || inner.starts_with("photo ")
            || inner.starts_with("getty");
    }
    false
}

/// "By Jane Doe", "BY JANE DOE and JOHN ROE": a short line naming authors.
pub(crate) fn is_byline_text(t: &str) -> bool {
    let t = t.trim_start();
    (t.starts_with("By ") || t.starts_with("BY ") || t.starts_with("by "))
        && !t.ends_with('.')
        && t.split_whitespace().count() <= 10
}

/// Lower-cased alphanumeric words joined by single spaces: a comparison key for short texts.
pub(crate) fn norm_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Records a dropped block, text cut to about 200 characters.
pub(crate) fn push_removed(removed: &mut Vec<RemovedBlock>, kind: &str, text: &str, rule: &str) {
    if removed.len() >= MAX_REMOVED {
        return;
    }
    removed.push(RemovedBlock {
        kind: kind.to_string(),
        text: truncate_chars(text, 200),
        rule: rule.to_string(),
    });
}

/// The first `max` characters of `s`, with an ellipsis when cut.
pub(crate) fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert!(is_byline_text("By Jane Doe and John Roe"));
        assert!(!is_byline_text("By the end of the year, prices rose."));
        assert!(!is_byline_text("Jane Doe"));
    }

    #[test]
    fn datelines_and_captions() {
        assert!(is_dateline("Updated at 1:23 p.m."));
        assert!(is_dateline("| November 18, 2019 12:26 PM"));
        assert!(is_dateline(
            "05/10/2018 - Posted by: Jane Doe - Category: Health"
        ));
        assert!(!is_dateline("The vote is set for November 18, 2019."));
        assert!(!is_dateline("— Jane Doe (@jdoe) November 18, 2019"));
        assert!(!is_dateline("02-751-1500"));
        assert!(is_caption_text(
            "Protesters marched on Sunday (Image: GETTY )"
        ));
        assert!(is_caption_text("Photo: Jane Doe/Reuters"));
        assert!(!is_caption_text("He said (in private) that he would go."));
    }

    #[test]
    fn promos() {
        assert!(is_promo("Follow her on Twitter @jdoe."));
        assert!(is_promo("Sign up for our newsletter."));
        assert!(is_promo("SOURCE: News agencies"));
        assert!(!is_promo(
            "The minister said the plan would be announced on Monday."
        ));
    }

    #[test]
    fn keys() {
        assert_eq!(norm_key("  Share this!  "), "share this");
        assert_eq!(truncate_chars("abcdef", 3), "abc…");
        assert_eq!(truncate_chars("ab", 3), "ab");
    }
}
