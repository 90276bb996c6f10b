//! What a tag name and its class/id attributes say about an element.
//!
//! These are the "tag and class/id hints" of readability and trafilatura: a `<nav>` or a
//! `class="share-tools"` is boilerplate whatever its text; `class="article-body"` is likely
//! content. Class and id values are split into lower-case words so that `"comment"` matches
//! `comment-list` and `commentsArea` but not `commentary` (a column name on news sites).

use crate::parse::{Attr, Attrs};

/// Coarse class of a tag for flattening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TagClass {
    /// Never rendered as article text (script, style, head matter, form controls, media).
    Skip,
    /// Paragraph-level holder of prose.
    Para,
    /// Heading of the given level.
    Heading(u8),
    /// List item, definition, table cell: a block that is often not prose.
    Item,
    /// Generic block container (div, section, article, ...).
    Container,
    /// Line break: a block boundary with no content.
    Break,
    /// Inline element: does not break text.
    Inline,
}

impl TagClass {
    /// Whether the element starts and ends a block of text.
    pub(crate) fn is_block(self) -> bool {
        !matches!(self, TagClass::Inline | TagClass::Skip)
    }
}

/// Tag name to class; unknown and custom elements count as inline so that their text joins
/// the surrounding paragraph.
pub(crate) fn tag_class(name: &str) -> TagClass {
    match name {
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "select"
        | "option" | "button" | "input" | "textarea" | "canvas" | "video" | "audio" | "object"
        | "embed" | "title" | "meta" | "link" | "img" | "picture" | "source" | "map" | "dialog"
        | "base" | "param" | "track" | "datalist" | "optgroup" | "frameset" | "frame" => {
            TagClass::Skip
        }
        "p" | "blockquote" | "pre" | "address" => TagClass::Para,
        "h1" => TagClass::Heading(1),
        "h2" => TagClass::Heading(2),
        "h3" => TagClass::Heading(3),
        "h4" => TagClass::Heading(4),
        "h5" => TagClass::Heading(5),
        "h6" => TagClass::Heading(6),
        "li" | "dt" | "dd" | "td" | "th" | "caption" | "figcaption" | "summary" | "legend"
        | "label" => TagClass::Item,
        "br" | "hr" => TagClass::Break,
        "div" | "section" | "article" | "main" | "header" | "footer" | "nav" | "aside" | "ul"
        | "ol" | "dl" | "table" | "thead" | "tbody" | "tfoot" | "tr" | "form" | "fieldset"
        | "figure" | "details" | "center" | "body" | "html" | "menu" | "hgroup" | "colgroup"
        | "col" | "output" | "head" => TagClass::Container,
        _ => TagClass::Inline,
    }
}

/// Kinds of boilerplate, with the rule id that recognised them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Boiler {
    /// Kind reported in `RemovedBlock::kind`.
    pub kind: &'static str,
    /// Stable rule id reported in `RemovedBlock::rule`.
    pub rule: &'static str,
}

/// What an element's tag and attributes say.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Classified {
    /// Boilerplate judgement.
    pub boiler: Option<Boiler>,
    /// Content-looking class/id.
    pub positive: bool,
    /// Paywall-looking class/id.
    pub paywall: bool,
    /// Byline/author container.
    pub byline: bool,
}

/// Hidden by attribute or inline style: never shown, so never article text.
pub(crate) fn is_hidden(attrs: &Attrs<'_>) -> bool {
    if attrs.get(Attr::Hidden).is_some() {
        return true;
    }
    if let Some(style) = attrs.get(Attr::Style) {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(400)
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Words (in class/id) marking boilerplate, with the kind they stand for. Matched against
/// whole words of the class/id after splitting on non-alphanumerics and camel case.
const BOILER_WORDS: &[(&str, &str)] = &[
    ("nav", "navigation"),
    ("navbar", "navigation"),
    ("navigation", "navigation"),
    ("menu", "navigation"),
    ("breadcrumb", "navigation"),
    ("breadcrumbs", "navigation"),
    ("pagination", "navigation"),
    ("pager", "navigation"),
    ("masthead", "navigation"),
    ("skip", "navigation"),
    ("footer", "footer"),
    ("copyright", "footer"),
    ("comment", "comments"),
    ("comments", "comments"),
    ("disqus", "comments"),
    ("replies", "comments"),
    ("share", "share"),
    ("sharing", "share"),
    ("social", "share"),
    ("sharebar", "share"),
    ("sharetools", "share"),
    ("related", "related-link"),
    ("recommended", "related-link"),
    ("recommendations", "related-link"),
    ("recirc", "related-link"),
    ("outbrain", "related-link"),
    ("taboola", "related-link"),
    ("trending", "related-link"),
    ("popular", "related-link"),
    ("more", "related-link"),
    ("readmore", "related-link"),
    ("sidebar", "sidebar"),
    ("rail", "sidebar"),
    ("widget", "sidebar"),
    ("aside", "sidebar"),
    ("ad", "advertisement"),
    ("ads", "advertisement"),
    ("advert", "advertisement"),
    ("advertisement", "advertisement"),
    ("adslot", "advertisement"),
    ("adunit", "advertisement"),
    ("dfp", "advertisement"),
    ("sponsor", "advertisement"),
    ("sponsored", "advertisement"),
    ("promo", "advertisement"),
    ("newsletter", "newsletter"),
    ("signup", "newsletter"),
    ("subscribe", "newsletter"),
    ("subscription", "newsletter"),
    ("cookie", "consent"),
    ("cookies", "consent"),
    ("consent", "consent"),
    ("gdpr", "consent"),
    ("popup", "popup"),
    ("modal", "popup"),
    ("overlay", "popup"),
    ("byline", "byline"),
    ("author", "byline"),
    ("authors", "byline"),
    ("caption", "caption"),
    ("credit", "caption"),
    ("tags", "tags"),
    ("tag", "tags"),
    ("keywords", "tags"),
    ("topics", "tags"),
    ("print", "tools"),
    ("toolbar", "tools"),
    ("tools", "tools"),
    ("meta", "metadata"),
    ("dateline", "metadata"),
    ("timestamp", "metadata"),
    ("date", "metadata"),
    ("bio", "byline"),
    ("screenreader", "hidden"),
    ("sr", "hidden"),
    ("visually", "hidden"),
];

/// Words that mark the article container; an element carrying one is never treated as
/// boilerplate on the strength of its class words (readability's "okMaybeItsACandidate").
const POSITIVE_WORDS: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "prose",
    "articlebody",
    "storybody",
    "richtext",
];

/// Words that mark paywall machinery on a container. Only unambiguous ones: "premium",
/// "locked" or "tp" (Piano's prefix) also name ordinary layout on many sites.
const PAYWALL_WORDS: &[&str] = &["paywall", "paywalled", "regwall", "metered"];

/// Bloom filter over every listed word (boilerplate, positive, paywall, byline): one bit
/// per word, at its FNV-1a hash modulo 2048. Most class words are in no list; this rejects
/// all but about one in twenty of them before any string comparison (classification runs
/// for every element of every page).
const LISTED: [u64; 32] = {
    let mut bits = [0u64; 32];
    let mut i = 0;
    while i < BOILER_WORDS.len() {
        bits = with_bit(bits, BOILER_WORDS[i].0.as_bytes());
        i += 1;
    }
    i = 0;
    while i < POSITIVE_WORDS.len() {
        bits = with_bit(bits, POSITIVE_WORDS[i].as_bytes());
        i += 1;
    }
    i = 0;
    while i < PAYWALL_WORDS.len() {
        bits = with_bit(bits, PAYWALL_WORDS[i].as_bytes());
        i += 1;
    }
    bits = with_bit(bits, b"byline");
    bits = with_bit(bits, b"author");
    with_bit(bits, b"authors")
};

/// The word's bit in the 2,048-bit filter: its FNV-1a hash, as tag names are hashed.
const fn bloom_key(w: &[u8]) -> usize {
    (crate::parse::hash_name(w) % 2048) as usize
}

const fn with_bit(mut bits: [u64; 32], w: &[u8]) -> [u64; 32] {
    let k = bloom_key(w);
    bits[k / 64] |= 1 << (k % 64);
    bits
}

/// Whether `w` may be in one of the word lists.
#[cfg(test)]
fn maybe_listed(w: &[u8]) -> bool {
    let k = bloom_key(w);
    LISTED[k / 64] & (1 << (k % 64)) != 0
}

/// Calls `f` with each lower-case word of a class or id value, split at non-alphanumerics
/// and camel humps. Words live in a stack buffer (this runs for every element of every
/// page); words longer than it are cut, and no list entry is that long.
#[cfg(test)]
fn words(value: &str, mut f: impl FnMut(&str)) {
    words_where(value, false, &mut f);
}

/// A class/id word being read: its lower-case bytes and their FNV-1a hash.
struct Word {
    buf: [u8; 24],
    len: usize,
    hash: u64,
}

impl Word {
    const SEED: u64 = 0xcbf2_9ce4_8422_2325;

    fn push(&mut self, c: u8) {
        if self.len < self.buf.len() {
            self.buf[self.len] = c;
            self.len += 1;
            self.hash = (self.hash ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Hands the word to `f` (if any, and if it passes the bloom check when asked) and
    /// starts the next one.
    fn emit(&mut self, listed_only: bool, f: &mut impl FnMut(&str)) {
        if self.len > 0 {
            let k = (self.hash % 2048) as usize;
            // Only ASCII alphanumerics are ever stored, so this is valid UTF-8.
            if (!listed_only || LISTED[k / 64] & (1 << (k % 64)) != 0)
                && let Ok(w) = std::str::from_utf8(&self.buf[..self.len])
            {
                f(w);
            }
            self.len = 0;
            self.hash = Self::SEED;
        }
    }
}

/// [`words`]; with `listed_only`, `f` sees only the words that may be in a list (the
/// bloom check uses the hash built while the word is read).
fn words_where(value: &str, listed_only: bool, mut f: impl FnMut(&str)) {
    let mut w = Word {
        buf: [0u8; 24],
        len: 0,
        hash: Word::SEED,
    };
    let mut prev_lower = false;
    for c in value.bytes().take(300) {
        match c {
            b'a'..=b'z' | b'0'..=b'9' => {
                w.push(c);
                prev_lower = true;
            }
            b'A'..=b'Z' => {
                if prev_lower {
                    w.emit(listed_only, &mut f);
                }
                w.push(c | 0x20);
                prev_lower = false;
            }
            _ => {
                w.emit(listed_only, &mut f);
                prev_lower = false;
            }
        }
    }
    w.emit(listed_only, &mut f);
}

/// Classifies an element by tag name and class/id/role words.
pub(crate) fn classify(name: &str, attrs: &Attrs<'_>, tag: TagClass) -> Classified {
    let mut out = Classified::default();
    let tag_boiler = match name {
        "nav" | "menu" => Some(Boiler {
            kind: "navigation",
            rule: "html.tag.nav",
        }),
        "footer" => Some(Boiler {
            kind: "footer",
            rule: "html.tag.footer",
        }),
        "aside" => Some(Boiler {
            kind: "sidebar",
            rule: "html.tag.aside",
        }),
        "header" => Some(Boiler {
            kind: "header",
            rule: "html.tag.header",
        }),
        "figure" | "figcaption" => Some(Boiler {
            kind: "caption",
            rule: "html.tag.figure",
        }),
        _ => None,
    };
    let class = attrs.get(Attr::Class).unwrap_or("");
    let id = attrs.get(Attr::Id).unwrap_or("");
    let role = attrs.get(Attr::Role).unwrap_or("");
    let itemprop = attrs.get(Attr::Itemprop).unwrap_or("");
    // Classes on the document element describe the page type ("single-post has-sidebar").
    if matches!(name, "html" | "body") {
        return out;
    }
    if class.is_empty() && id.is_empty() && role.is_empty() && itemprop.is_empty() {
        out.boiler = tag_boiler;
        return out;
    }
    let itemprop_l = itemprop.to_ascii_lowercase();
    if itemprop_l.contains("articlebody") || itemprop_l == "text" {
        out.positive = true;
    }
    let mut first_boiler: Option<&'static str> = None;
    let mut scan = |w: &str| {
        out.positive |= POSITIVE_WORDS.contains(&w);
        out.paywall |= PAYWALL_WORDS.contains(&w);
        out.byline |= matches!(w, "byline" | "author" | "authors");
        if first_boiler.is_none() {
            first_boiler = BOILER_WORDS
                .iter()
                .find(|(k, _)| *k == w)
                .map(|(_, kind)| *kind);
        }
    };
    words_where(class, true, &mut scan);
    words_where(id, true, &mut scan);
    out.byline |= itemprop_l == "author"
        || attrs
            .get(Attr::Rel)
            .is_some_and(|r| r.eq_ignore_ascii_case("author"));
    let role_boiler = match role.trim().to_ascii_lowercase().as_str() {
        "navigation" | "menubar" | "menu" => Some(Boiler {
            kind: "navigation",
            rule: "html.role.navigation",
        }),
        "contentinfo" => Some(Boiler {
            kind: "footer",
            rule: "html.role.contentinfo",
        }),
        "complementary" => Some(Boiler {
            kind: "sidebar",
            rule: "html.role.complementary",
        }),
        "banner" => Some(Boiler {
            kind: "header",
            rule: "html.role.banner",
        }),
        "dialog" | "alertdialog" => Some(Boiler {
            kind: "popup",
            rule: "html.role.dialog",
        }),
        _ => None,
    };
    let class_boiler = if out.positive || matches!(tag, TagClass::Heading(_)) {
        None
    } else {
        first_boiler.map(|kind| Boiler {
            kind,
            rule: "html.class-hint",
        })
    };
    out.boiler = tag_boiler.or(role_boiler).or(class_boiler);
    // An article-looking <header>/<form> wrapper (ASP.NET pages wrap everything in a form)
    // is not boilerplate.
    if out.positive && matches!(name, "form" | "header" | "aside" | "footer") {
        out.boiler = None;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_class_words() {
        let mut out = Vec::new();
        words("commentsArea share-tools  ad_slot", |w| {
            out.push(w.to_string())
        });
        assert_eq!(out, ["comments", "area", "share", "tools", "ad", "slot"]);
    }

    #[test]
    fn bloom_passes_every_listed_word() {
        for (w, _) in BOILER_WORDS {
            assert!(maybe_listed(w.as_bytes()), "{w}");
        }
        for w in POSITIVE_WORDS.iter().chain(PAYWALL_WORDS) {
            assert!(maybe_listed(w.as_bytes()), "{w}");
        }
        for w in ["byline", "author", "authors"] {
            assert!(maybe_listed(w.as_bytes()), "{w}");
        }
        // The hash built while reading a class value is the same one.
        let mut seen = Vec::new();
        words_where("x-navBar sharetools qqqq", true, |w| {
            seen.push(w.to_string())
        });
        assert!(seen.contains(&"nav".to_string()) && seen.contains(&"sharetools".to_string()));
    }
}
