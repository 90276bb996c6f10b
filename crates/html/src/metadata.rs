//! Page metadata: title, authors, dates (with the method that found them), site, URL,
//! language and description.
//!
//! Sources are tried from the most deliberate to the most incidental: the publisher's
//! JSON-LD record, Open Graph and other meta tags, `<time datetime>`, the URL path, and
//! finally visible text near the top of the page.

use crate::PageMetadata;
use crate::content::{is_byline_text, norm_key};
use crate::dates;
use crate::dom::Page;
use crate::jsonld::LdArticle;

/// Metadata plus the title (which [`crate::Extraction`] carries outside the metadata).
pub(crate) struct MetaOut {
    /// Article title.
    pub title: Option<String>,
    /// The rest.
    pub metadata: PageMetadata,
}

/// Meta tag names that carry the publication date, in order of trust.
const PUBLISHED_METAS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "article.published",
    "citation_publication_date",
    "original-publish-date",
    "displaydate",
    "dc.date.created",
];

/// Meta tag names that carry the modification date.
const MODIFIED_METAS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "article.updated",
];

/// Meta tag names that carry authors.
const AUTHOR_METAS: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
    "citation_author",
];

fn meta<'a>(page: &'a Page, name: &str) -> Option<&'a str> {
    page.meta
        .metas
        .iter()
        .find(|(k, v)| k == name && !v.is_empty())
        .map(|(_, v)| v.as_str())
}

/// Gathers all metadata.
pub(crate) fn extract_metadata(page: &Page, ld: &LdArticle, url: Option<&str>) -> MetaOut {
    let site_name = meta(page, "og:site_name")
        .map(str::to_string)
        .or_else(|| ld.site_name.clone())
        .or_else(|| meta(page, "application-name").map(str::to_string));
    let title = meta(page, "og:title")
        .or_else(|| meta(page, "twitter:title"))
        .map(|t| strip_site(t, site_name.as_deref()))
        .or_else(|| ld.headline.clone())
        .or_else(|| page.meta.h1s.iter().find(|h| !h.is_empty()).cloned())
        .or_else(|| {
            page.meta
                .title
                .as_deref()
                .map(|t| strip_site(t, site_name.as_deref()))
        })
        .map(|t| unescape_twice_escaped(&t))
        .filter(|t| !t.is_empty());

    let (published, published_method) = published(page, ld, url);
    let modified = ld
        .modified
        .as_deref()
        .and_then(dates::normalize)
        .or_else(|| {
            MODIFIED_METAS
                .iter()
                .find_map(|m| meta(page, m).and_then(dates::normalize))
        });

    let canonical = page
        .meta
        .canonical
        .as_deref()
        .or_else(|| meta(page, "og:url"))
        .or(ld.url.as_deref())
        .map(|c| absolutize(c, url))
        .filter(|c| c.starts_with("http"))
        .or_else(|| url.map(str::to_string));

    let language = page
        .meta
        .lang
        .clone()
        .filter(|l| !l.is_empty())
        .or_else(|| meta(page, "content-language").map(str::to_string))
        .or_else(|| meta(page, "og:locale").map(|l| l.replace('_', "-")))
        .or_else(|| meta(page, "dc.language").map(str::to_string));

    let description = meta(page, "og:description")
        .or_else(|| meta(page, "description"))
        .or_else(|| meta(page, "twitter:description"))
        .map(str::to_string)
        .or_else(|| ld.description.clone());

    MetaOut {
        title,
        metadata: PageMetadata {
            authors: authors(page, ld, site_name.as_deref()),
            published,
            published_method,
            modified,
            site_name,
            url: canonical,
            language,
            description,
        },
    }
}

fn published(page: &Page, ld: &LdArticle, url: Option<&str>) -> (Option<String>, Option<String>) {
    if let Some(d) = ld.published.as_deref().and_then(dates::normalize) {
        return (Some(d), Some("json-ld".into()));
    }
    for m in PUBLISHED_METAS {
        if let Some(d) = meta(page, m).and_then(dates::normalize) {
            return (Some(d), Some(format!("meta:{m}")));
        }
    }
    if let Some(d) = page.meta.times.iter().find_map(|t| dates::normalize(t)) {
        return (Some(d), Some("time-element".into()));
    }
    if let Some(d) = url.and_then(dates::from_url) {
        return (Some(d), Some("url".into()));
    }
    if let Some(d) = page.meta.canonical.as_deref().and_then(dates::from_url) {
        return (Some(d), Some("url".into()));
    }
    // Visible text: the first short block near the top that reads as a date line.
    for b in page.blocks.iter().take(400) {
        if b.chars <= 80
            && let Some(d) = dates::from_text(&b.text)
        {
            return (Some(d), Some("text".into()));
        }
    }
    (None, None)
}

/// Decodes entities left in text that a site escaped twice ("&#8216;The Medium&#8217;"):
/// the parser already decoded one level, so any entity still present is a publishing slip.
fn unescape_twice_escaped(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let entity = tail
            .find(';')
            .filter(|&e| e <= 10)
            .map(|e| (&tail[1..e], e));
        let decoded = entity.and_then(|(name, _)| match name {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "nbsp" => Some(' '),
            _ => {
                let num = name.strip_prefix('#')?;
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => num.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (decoded, entity) {
            (Some(c), Some((_, end))) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Drops a site-name suffix or prefix: "Storm hits coast | Daily Post" → "Storm hits coast".
fn strip_site(title: &str, site: Option<&str>) -> String {
    let t = title.trim();
    const SEPS: [&str; 6] = [" | ", " - ", " – ", " — ", " :: ", " · "];
    let site_key = site.map(norm_key);
    for sep in SEPS {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            let tail_key = norm_key(tail);
            let is_site = site_key
                .as_deref()
                .is_some_and(|s| !s.is_empty() && s == tail_key)
                || (tail.split_whitespace().count() <= 3 && head.split_whitespace().count() >= 4);
            if is_site {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = t.split_once(sep)
            && site_key
                .as_deref()
                .is_some_and(|s| !s.is_empty() && s == norm_key(head))
        {
            return tail.trim().to_string();
        }
    }
    t.to_string()
}

fn absolutize(href: &str, base: Option<&str>) -> String {
    let href = href.trim();
    if href.starts_with("http://") || href.starts_with("https://") {
        return href.to_string();
    }
    let Some(base) = base else {
        return href.to_string();
    };
    if let Some(rest) = href.strip_prefix("//") {
        let scheme = base.split_once("://").map_or("https", |(s, _)| s);
        return format!("{scheme}://{rest}");
    }
    if href.starts_with('/')
        && let Some((scheme, rest)) = base.split_once("://")
    {
        let host = rest.split('/').next().unwrap_or(rest);
        return format!("{scheme}://{host}{href}");
    }
    href.to_string()
}

/// Authors from JSON-LD, then author meta tags, then byline elements; people only.
fn authors(page: &Page, ld: &LdArticle, site: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let site_key = site.map(norm_key);
    let add = |raw: &str, out: &mut Vec<String>| {
        for name in split_names(raw) {
            if site_key.as_deref() == Some(norm_key(&name).as_str()) {
                continue;
            }
            if !out.iter().any(|o| norm_key(o) == norm_key(&name)) {
                out.push(name);
            }
        }
    };
    for a in &ld.authors {
        add(a, &mut out);
    }
    if out.is_empty() {
        for m in AUTHOR_METAS {
            for (k, v) in &page.meta.metas {
                if k == m && !v.starts_with("http") {
                    add(v, &mut out);
                }
            }
            if !out.is_empty() {
                break;
            }
        }
    }
    if out.is_empty() {
        for b in page.meta.bylines.iter().take(10) {
            add(b, &mut out);
            if !out.is_empty() {
                break;
            }
        }
    }
    if out.is_empty() {
        // A "By Jane Doe" line in the body.
        for b in page.blocks.iter().take(600) {
            if b.chars <= 80 && is_byline_text(&b.text) {
                add(&b.text, &mut out);
                if !out.is_empty() {
                    break;
                }
            }
        }
    }
    out.truncate(10);
    out
}

/// Words that never make a person's name in a byline.
const NOT_NAME: &[&str] = &[
    "staff",
    "minute",
    "minutes",
    "read",
    "updated",
    "published",
    "posted",
    "editor",
    "editors",
    "reporter",
    "correspondent",
    "writer",
    "team",
    "desk",
    "news",
    "contributor",
    "associated",
    "press",
    "reuters",
    "wire",
    "services",
    "agency",
    "admin",
    "share",
    "comments",
    "comment",
    "follow",
    "email",
    "twitter",
    "more",
    "view",
    "all",
    "posts",
    "media",
    "ministry",
    "ministries",
    "international",
    "name",
    "inc",
    "ltd",
    "llc",
    "newsroom",
    "online",
    "magazine",
    "photos",
    "video",
];

/// Day and month names that end a name in run-on bylines ("Jane Doe Monday, Nov 18").
const DATE_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "updated",
    "published",
];

/// Splits a byline into names: "By Jane Doe and John Roe, Reuters | 5 Minute Read".
pub(crate) fn split_names(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let cleaned: String = raw
        .chars()
        .map(|c| if "|•·\n\t/;".contains(c) { ',' } else { c })
        .collect();
    for piece in cleaned.split(',') {
        for part in split_and(piece) {
            if let Some(n) = clean_name(&part) {
                out.push(n);
            }
        }
    }
    out
}

fn split_and(s: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    for w in s.split_whitespace() {
        if w == "and" || w == "&" || w == "And" || w == "AND" {
            parts.push(String::new());
            continue;
        }
        let last = parts.last_mut().map(|p| {
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(w);
        });
        let _ = last;
    }
    parts
}

fn clean_name(s: &str) -> Option<String> {
    // A label before a colon ("By:", "Text:", "Texto:") is not part of the name.
    let s = match s.split_once(':') {
        Some((label, rest)) if label.split_whitespace().count() <= 2 => rest,
        _ => s,
    };
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while let Some(first) = words.first() {
        let l = first.to_lowercase();
        if matches!(
            l.as_str(),
            "by" | "written" | "von" | "par" | "por" | "di" | "от"
        ) {
            words.remove(0);
        } else {
            break;
        }
    }
    if let Some(cut) = words.iter().position(|w| {
        DATE_WORDS.contains(
            &w.to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric()),
        )
    }) {
        words.truncate(cut);
    }
    // "The Russian ..." is a phrase, not a person.
    if words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        return None;
    }
    if words.len() > 5 {
        return None;
    }
    for w in &words {
        let l = w.to_lowercase();
        let l = l.trim_matches(|c: char| !c.is_alphanumeric());
        if NOT_NAME.contains(&l) || w.chars().any(|c| c.is_ascii_digit() || c == '@') {
            return None;
        }
    }
    // One word is a desk, a section or a pen name far more often than a person.
    if words.len() < 2 {
        return None;
    }
    // Every word of a name is capitalised (in scripts that have case), except particles.
    const PARTICLES: [&str; 16] = [
        "de", "da", "di", "do", "dos", "du", "del", "della", "der", "den", "van", "von", "la",
        "le", "bin", "al",
    ];
    for w in &words {
        let c = w.chars().next()?;
        let capital = c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase());
        if !capital && !PARTICLES.contains(&w.to_lowercase().as_str()) {
            return None;
        }
    }
    let name = words.join(" ");
    let name = name
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
        .to_string();
    (name.chars().count() >= 3).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_names() {
        assert_eq!(
            split_names("By Jane Doe and John Roe"),
            ["Jane Doe", "John Roe"]
        );
        assert_eq!(split_names("BY JANE DOE | 5 Minute Read"), ["JANE DOE"]);
        assert!(split_names("Staff").is_empty());
        assert!(split_names("November 28, 2024").is_empty());
        assert_eq!(split_names("Jane Doe, Reuters"), ["Jane Doe"]);
        assert_eq!(split_names("BY: Jane Doe"), ["Jane Doe"]);
        assert_eq!(split_names("Jane Doe Monday, Nov 18"), ["Jane Doe"]);
        assert!(split_names("The Russian and Syrian defense ministries").is_empty());
        assert!(split_names("½ cup edamame").is_empty());
        assert_eq!(split_names("Marcus de Guzman"), ["Marcus de Guzman"]);
        assert_eq!(split_names("Венера Ерофеева"), ["Венера Ерофеева"]);
    }

    #[test]
    fn double_escaped_titles() {
        assert_eq!(
            unescape_twice_escaped("&#8216;The Medium&#8217; &amp; more"),
            "\u{2018}The Medium\u{2019} & more"
        );
        assert_eq!(
            unescape_twice_escaped("Q&A: fish & chips"),
            "Q&A: fish & chips"
        );
    }

    #[test]
    fn site_suffix() {
        assert_eq!(
            strip_site("Storm hits coast | Daily Post", Some("Daily Post")),
            "Storm hits coast"
        );
        assert_eq!(
            strip_site("Storm hits the coast hard - BBC News", None),
            "Storm hits the coast hard"
        );
        assert_eq!(
            strip_site("Daily Post | Storm hits coast", Some("Daily Post")),
            "Storm hits coast"
        );
    }
}
