//! HTML pages to article text: main-content extraction, page metadata and paywall signs.
//!
//! # Brief overview
//!
//! [`extract`] parses the page as HTML5 (module `parse`: lol_html's tokenizer, then a light
//! tree construction of our own that stops at a depth limit), flattens it in the same pass
//! into an element arena and a list of text blocks (module `dom`), chooses the element whose subtree
//! holds the most prose and the least link and boilerplate text (module `content`), and keeps the
//! blocks inside it that no rule drops. Every dropped block that looked like content is
//! reported in [`Extraction::removed`] with a stable rule id. Metadata comes from JSON-LD,
//! Open Graph and other meta tags, `<time>`, the URL and visible text (module `metadata`), each
//! date with the method that found it. Module `paywall` looks at the body itself (meter notices,
//! teaser plus subscription call, `isAccessibleForFree`, paywall class names on the
//! container), never at "Subscribe" links in the navigation.
//!
//! The text is paragraphs separated by a blank line, headings on their own paragraph,
//! whitespace collapsed, no markup. Plain-text cleaning (quotes, boilerplate lines shared
//! with text input) happens downstream, not here.
//!
//! ```
//! let html = r#"<html lang="en"><head><title>Storm hits coast | Daily Post</title></head>
//! <body><nav><a href="/">Home</a> <a href="/subscribe">Subscribe</a></nav>
//! <article><h1>Storm hits coast</h1>
//! <p>A storm hit the coast on Tuesday, cutting power to thousands of homes and closing roads.</p>
//! <p>Officials said repairs would take several days, and asked residents to stay indoors.</p>
//! </article></body></html>"#;
//! let ex = sitrep_html::extract(html, Some("https://example.com/2024/11/28/storm"));
//! assert!(ex.text.starts_with("A storm hit the coast"));
//! assert_eq!(ex.title.as_deref(), Some("Storm hits coast"));
//! assert_eq!(ex.metadata.published.as_deref(), Some("2024-11-28"));
//! assert!(ex.truncation.is_none());
//! ```

mod content;
mod dates;
mod dom;
mod entities;
mod entity_table;
mod hints;
mod jsonld;
mod metadata;
mod parse;
mod paywall;

/// What [`extract`] found in a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    /// Article headline, without the site-name suffix of `<title>`.
    pub title: Option<String>,
    /// Main text: paragraphs separated by "\n\n", headings as their own paragraph.
    pub text: String,
    /// Page metadata.
    pub metadata: PageMetadata,
    /// Blocks that looked like content but were dropped, with the reason.
    pub removed: Vec<RemovedBlock>,
    /// Present when the body looks cut short by a paywall or meter.
    pub truncation: Option<Truncation>,
}

/// Metadata of a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMetadata {
    /// People credited as authors (organisations, "Staff" and dates left out).
    pub authors: Vec<String>,
    /// Publication date or date-time, ISO 8601 (`2024-11-28` or `2024-11-28T09:30:00Z`).
    pub published: Option<String>,
    /// How `published` was found, e.g. `"json-ld"`, `"meta:article:published_time"`,
    /// `"time-element"`, `"url"`, `"text"`.
    pub published_method: Option<String>,
    /// Last modification date or date-time, ISO 8601.
    pub modified: Option<String>,
    /// Name of the site or publication.
    pub site_name: Option<String>,
    /// Canonical URL (`<link rel=canonical>`, `og:url`, else the URL given to [`extract`]).
    pub url: Option<String>,
    /// Language tag from `<html lang>` (or `og:locale` / `content-language`).
    pub language: Option<String>,
    /// Description (`og:description`, `description`, JSON-LD).
    pub description: Option<String>,
}

/// A block dropped from the main text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedBlock {
    /// What it was: "navigation", "related-link", "comments", "share", "advertisement",
    /// "footer", "paywall", "byline", "caption", "title", "outside-main", ...
    pub kind: String,
    /// Its text, cut to about 200 characters.
    pub text: String,
    /// Stable id of the rule that dropped it, e.g. `"html.link-density"`.
    pub rule: String,
}

/// Signs that the page shows only part of the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Truncation {
    /// Share of the article visible, when the page states a percentage (0.0..=1.0).
    pub visible_fraction: Option<f64>,
    /// What gave it away (a quoted notice, a JSON-LD flag, a class name).
    pub evidence: String,
}

/// Extracts the main text, title, metadata and paywall signs of an HTML page.
///
/// `url` is where the page came from, used for dates in the path and as a fallback
/// canonical URL. Never panics, whatever the input.
pub fn extract(html: &str, url: Option<&str>) -> Extraction {
    // One pass: parse, flatten, and stop at pathologically deep markup.
    let (page, cut) = dom::Page::parse(html);
    let ld = jsonld::parse_all(&page.meta.jsonld);
    let meta = metadata::extract_metadata(&page, &ld, url);
    let content = content::extract_content(&page, meta.title.as_deref());
    let mut text = content.paragraphs.join("\n\n");
    let mut removed = content.removed;
    if cut {
        content::push_removed(
            &mut removed,
            "truncated-input",
            "markup nested deeper than the parser limit; the rest of the page was not read",
            "html.depth-guard",
        );
    }
    // JSON-LD articleBody: when the page publishes the body and the DOM gave much less
    // (client-rendered pages, unusual markup), the publisher's own text is the better one.
    if let Some(body) = ld.article_body.as_deref() {
        let body_chars = body.chars().count();
        let text_chars = text.chars().count();
        if body_chars >= 200 && (text_chars as f64) < 0.5 * body_chars as f64 {
            if !text.is_empty() {
                content::push_removed(&mut removed, "short-dom-text", &text, "html.jsonld-body");
            }
            text = jsonld::body_paragraphs(body);
        }
    }
    let truncation = paywall::detect(&page, &ld, content.container, &text, &removed);
    Extraction {
        title: meta.title,
        text,
        metadata: meta.metadata,
        removed,
        truncation,
    }
}

/// Diagnostics for the benchmark tooling: the boilerplate flags on the ancestors of the
/// longest text block, innermost first, as `(tag, kind, rule)`.
#[doc(hidden)]
pub fn debug_longest_block_ancestors(html: &str) -> Vec<String> {
    let (page, _) = dom::Page::parse(html);
    let Some(b) = page.blocks.iter().max_by_key(|b| b.chars) else {
        return Vec::new();
    };
    let mut out: Vec<String> = page
        .blocks
        .iter()
        .map(|b| {
            format!(
                "B el={} chars={} link={} teaser={} h={} | {}",
                b.el,
                b.chars,
                b.link_chars,
                b.teaser,
                b.heading,
                content::truncate_chars(&b.text, 60)
            )
        })
        .collect();
    out.push(format!(
        "block {} chars: {}",
        b.chars,
        content::truncate_chars(&b.text, 80)
    ));
    let mut e = b.el;
    while e != dom::NONE {
        let el = &page.els[e as usize];
        out.push(format!(
            "{e} {:?} boiler={:?} pos={} good={} text={}",
            el.tag, el.boiler, el.positive, el.good, el.text
        ));
        e = el.parent;
    }
    out
}
