//! Flattening a parsed page into an element arena and a list of text blocks.
//!
//! html5ever gives a full DOM; everything downstream only needs, for every element, its
//! parent, its tag class and what its class/id say, and, for every run of text between two
//! block-level boundaries, the text and how much of it is link text. Building that compact
//! view in one iterative pass keeps the extractor linear in the page size and free of
//! recursion, so deeply nested markup cannot overflow the stack.

use scraper::{Html, Node};

use crate::hints::{self, Boiler, TagClass};

/// Index value meaning "no element".
pub(crate) const NONE: u32 = u32::MAX;

/// One element of the page, in document (pre-)order: a parent always has a smaller index
/// than its children, which lets aggregates be summed bottom-up in a single reverse sweep.
#[derive(Debug, Clone)]
pub(crate) struct El {
    /// Lower-case local name.
    pub tag: TagClass,
    /// Parent element index, or [`NONE`] for the root.
    pub parent: u32,
    /// Boilerplate judgement from this element's own tag and class/id.
    pub boiler: Option<Boiler>,
    /// Nearest ancestor-or-self with a boilerplate judgement, or [`NONE`].
    pub boiler_anc: u32,
    /// Class/id suggest main content ("article-body", "entry-content", ...).
    pub positive: bool,
    /// Paywall-looking class names on this element.
    pub paywall_class: bool,
    /// Characters of block text in this subtree (filled by [`Page::aggregate`]).
    pub text: u32,
    /// Characters of link text in this subtree.
    pub link: u32,
    /// Characters of paragraph-like, low-link-density text with no boilerplate ancestor.
    pub good: u32,
}

/// A run of text between two block boundaries.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// Whitespace-normalised text.
    pub text: String,
    /// Number of characters in `text`.
    pub chars: u32,
    /// Characters inside `<a href>` elements.
    pub link_chars: u32,
    /// Innermost block-level element holding the text.
    pub el: u32,
    /// Heading level 1..=6 when the holder is a heading.
    pub heading: u8,
    /// Number of commas and sentence ends (any script): a readability-style sign of prose.
    pub commas: u32,
    /// Part of a teaser item (a linked headline plus a blurb) in a list of other stories.
    pub teaser: bool,
}

/// Raw material for metadata: what the head and a few body elements say.
#[derive(Debug, Default, Clone)]
pub(crate) struct RawMeta {
    /// `<meta name|property|itemprop = content>` pairs, names lower-cased, in page order.
    pub metas: Vec<(String, String)>,
    /// Text of every `<script type="application/ld+json">`.
    pub jsonld: Vec<String>,
    /// `<title>` text.
    pub title: Option<String>,
    /// `<link rel="canonical">` href.
    pub canonical: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `datetime` attributes of `<time>` elements, in page order.
    pub times: Vec<String>,
    /// Text of `<h1>` elements, in page order.
    pub h1s: Vec<String>,
    /// Text of elements whose class/id/rel says author or byline, in page order.
    pub bylines: Vec<String>,
}

/// The flattened page.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// Elements in document order.
    pub els: Vec<El>,
    /// Text blocks in document order.
    pub blocks: Vec<Block>,
    /// Metadata material.
    pub meta: RawMeta,
}

/// What an open element contributes while walking its subtree.
struct Open {
    /// Index into `els`, or [`NONE`] for skipped subtrees.
    idx: u32,
    /// The element is a block boundary.
    block: bool,
    /// The element is a link.
    link: bool,
    /// Where capture for this element ends (heading/title/byline/json-ld text).
    capture: Capture,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Capture {
    None,
    H1,
    Byline,
}

/// Accumulates the text of the block being built.
struct BlockBuf {
    text: String,
    chars: u32,
    link_chars: u32,
    commas: u32,
    pending_space: bool,
    starts_with_link: bool,
}

impl BlockBuf {
    fn new() -> Self {
        BlockBuf {
            text: String::new(),
            chars: 0,
            link_chars: 0,
            commas: 0,
            pending_space: false,
            starts_with_link: false,
        }
    }

    /// Appends text, collapsing every whitespace run (no-break spaces included) to one space.
    fn push(&mut self, s: &str, in_link: bool) {
        for c in s.chars() {
            if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.text.is_empty() {
                self.text.push(' ');
                self.chars += 1;
                if in_link {
                    self.link_chars += 1;
                }
            }
            self.pending_space = false;
            if self.text.is_empty() {
                self.starts_with_link = in_link;
            }
            self.text.push(c);
            self.chars += 1;
            if in_link {
                self.link_chars += 1;
            }
            if matches!(
                c,
                ',' | '.' | '!' | '?' | ';' | '，' | '、' | '،' | '。' | '！' | '？'
            ) {
                self.commas += 1;
            }
        }
    }
}

/// Appends normalised text to a capture buffer.
fn push_norm(buf: &mut String, s: &str) {
    for w in s.split_whitespace() {
        if !buf.is_empty() && !buf.ends_with(' ') {
            buf.push(' ');
        }
        buf.push_str(w);
    }
}

/// Hard caps that bound work on hostile input; real pages stay far below them.
const MAX_CAPTURE: usize = 2_000_000;

impl Page {
    /// Flattens a parsed document.
    pub(crate) fn build(doc: &Html) -> Page {
        let mut page = Page::default();
        let mut stack: Vec<Open> = Vec::with_capacity(64);
        let mut buf = BlockBuf::new();
        // Innermost open element that is a block boundary (owner of flushed text).
        let mut block_owner: Vec<u32> = Vec::with_capacity(64);
        let mut skip_depth: usize = 0;
        let mut link_depth: usize = 0;
        let mut captures: Vec<(Capture, String)> = Vec::new();
        let mut heading_stack: Vec<u8> = Vec::new();

        for edge in doc.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node) => match node.value() {
                    Node::Element(e) => {
                        if skip_depth > 0 {
                            skip_depth += 1;
                            continue;
                        }
                        let name = e.name();
                        let tag = hints::tag_class(name);
                        if tag == TagClass::Skip || hints::is_hidden(e) {
                            let jsonld = name == "script"
                                && e.attr("type").is_some_and(|t| {
                                    t.trim().eq_ignore_ascii_case("application/ld+json")
                                });
                            if jsonld {
                                // JSON-LD lives in <script>, which is otherwise skipped.
                                let mut s = String::new();
                                for d in node.descendants() {
                                    if let Node::Text(t) = d.value()
                                        && s.len() < MAX_CAPTURE
                                    {
                                        s.push_str(t);
                                    }
                                }
                                page.meta.jsonld.push(s);
                            }
                            if name == "meta" {
                                record_meta(&mut page.meta, e);
                            } else if name == "link" {
                                record_link(&mut page.meta, e);
                            } else if name == "title" && page.meta.title.is_none() {
                                let mut s = String::new();
                                for d in node.descendants() {
                                    if let Node::Text(t) = d.value() {
                                        push_norm(&mut s, t);
                                    }
                                }
                                page.meta.title = Some(s);
                            }
                            skip_depth = 1;
                            continue;
                        }
                        if name == "html"
                            && let Some(l) = e.attr("lang").or_else(|| e.attr("xml:lang"))
                        {
                            page.meta.lang = Some(l.trim().to_string());
                        }
                        if name == "time"
                            && let Some(d) = e.attr("datetime")
                        {
                            page.meta.times.push(d.trim().to_string());
                        }
                        if name == "meta" {
                            record_meta(&mut page.meta, e);
                        }
                        let parent = stack
                            .last()
                            .map_or(NONE, |o| if o.idx == NONE { NONE } else { o.idx });
                        let cls = hints::classify(e, tag);
                        let idx = page.els.len() as u32;
                        let parent_anc = if parent == NONE {
                            NONE
                        } else {
                            page.els[parent as usize].boiler_anc
                        };
                        page.els.push(El {
                            tag,
                            parent,
                            boiler: cls.boiler,
                            boiler_anc: if cls.boiler.is_some() {
                                idx
                            } else {
                                parent_anc
                            },
                            positive: cls.positive,
                            paywall_class: cls.paywall,
                            text: 0,
                            link: 0,
                            good: 0,
                        });
                        let block = tag.is_block();
                        if block {
                            flush(&mut page, &mut buf, &block_owner, &heading_stack);
                            block_owner.push(idx);
                        }
                        if let TagClass::Heading(n) = tag {
                            heading_stack.push(n);
                        }
                        let link = name == "a" && e.attr("href").is_some();
                        if link {
                            link_depth += 1;
                        }
                        let capture = if name == "h1" {
                            Capture::H1
                        } else if cls.byline {
                            Capture::Byline
                        } else {
                            Capture::None
                        };
                        if capture != Capture::None {
                            captures.push((capture, String::new()));
                        }
                        stack.push(Open {
                            idx,
                            block,
                            link,
                            capture,
                        });
                    }
                    Node::Text(t) => {
                        if skip_depth > 0 {
                            continue;
                        }
                        buf.push(t, link_depth > 0);
                        for (_, c) in captures.iter_mut() {
                            if c.len() < MAX_CAPTURE {
                                push_norm(c, t);
                            }
                        }
                    }
                    _ => {}
                },
                ego_tree::iter::Edge::Close(node) => {
                    if !matches!(node.value(), Node::Element(_)) {
                        continue;
                    }
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    let Some(open) = stack.pop() else { continue };
                    if open.block {
                        flush(&mut page, &mut buf, &block_owner, &heading_stack);
                        block_owner.pop();
                    }
                    if let TagClass::Heading(_) = page.els[open.idx as usize].tag {
                        heading_stack.pop();
                    }
                    if open.link {
                        link_depth = link_depth.saturating_sub(1);
                    }
                    if open.capture != Capture::None
                        && let Some((kind, text)) = captures.pop()
                    {
                        match kind {
                            Capture::H1 => page.meta.h1s.push(text),
                            Capture::Byline => page.meta.bylines.push(text),
                            Capture::None => {}
                        }
                    }
                }
            }
        }
        flush(&mut page, &mut buf, &block_owner, &heading_stack);
        page.aggregate();
        page
    }

    /// Sums block statistics into every ancestor (one reverse sweep, parents precede children).
    ///
    /// Runs twice: a class-hint or tag flag on an element that holds most of the page's
    /// prose is a layout name ("has-sidebar", "ad-layout"), not boilerplate, so such flags
    /// are lifted (except for comment sections, which can outgrow the article) and the sums
    /// redone.
    fn aggregate(&mut self) {
        self.sum(true);
        let total = self.els.first().map_or(0, |e| e.good);
        let mut changed = false;
        for e in &mut self.els {
            if let Some(b) = e.boiler
                && b.kind != "comments"
                && total > 0
                && e.good as f64 > 0.5 * total as f64
            {
                e.boiler = None;
                changed = true;
            }
        }
        if changed {
            for i in 0..self.els.len() {
                let p = self.els[i].parent;
                let inherited = if p == NONE {
                    NONE
                } else {
                    self.els[p as usize].boiler_anc
                };
                let e = &mut self.els[i];
                e.boiler_anc = if e.boiler.is_some() {
                    i as u32
                } else {
                    inherited
                };
            }
        }
        self.mark_teasers();
        self.sum(false);
    }

    /// Marks teaser items: "more stories" lists repeat a small element (at most six blocks)
    /// made of a fully linked line (the headline) followed by a prose blurb. Requiring the
    /// repetition (two or more such items under one parent) keeps article paragraphs that
    /// merely follow a "Read also" link.
    fn mark_teasers(&mut self) {
        let n = self.els.len();
        let mut nblocks = vec![0u32; n];
        // Index of the first fully linked line in each subtree.
        let mut first_linkline = vec![u32::MAX; n];
        for (bi, b) in self.blocks.iter().enumerate() {
            if b.el == NONE {
                continue;
            }
            nblocks[b.el as usize] += 1;
            if b.chars >= 15 && b.link_chars as f64 >= 0.9 * b.chars as f64 {
                let f = &mut first_linkline[b.el as usize];
                *f = (*f).min(bi as u32);
            }
        }
        for i in (1..n).rev() {
            let p = self.els[i].parent;
            if p != NONE {
                nblocks[p as usize] += nblocks[i];
                first_linkline[p as usize] = first_linkline[p as usize].min(first_linkline[i]);
            }
        }
        let is_item =
            |i: usize| nblocks[i] >= 2 && nblocks[i] <= 6 && first_linkline[i] != u32::MAX;
        let mut items_under = vec![0u32; n];
        for i in 1..n {
            let p = self.els[i].parent;
            if p != NONE && is_item(i) {
                items_under[p as usize] += 1;
            }
        }
        for (bi, b) in self.blocks.iter_mut().enumerate() {
            // Blurbs are short; a long paragraph beside a link is article text.
            if b.el == NONE
                || b.chars < 20
                || b.chars > TEASER_MAX_CHARS
                || b.link_chars * 2 > b.chars
            {
                continue;
            }
            let mut e = b.el;
            for _ in 0..5 {
                if e == NONE {
                    break;
                }
                let i = e as usize;
                if nblocks[i] > 6 {
                    break;
                }
                let p = self.els[i].parent;
                // The headline link comes first, the blurb after it, and the item repeats.
                if is_item(i)
                    && first_linkline[i] < bi as u32
                    && p != NONE
                    && items_under[p as usize] >= 2
                {
                    b.teaser = true;
                    break;
                }
                e = p;
            }
        }
    }

    /// One bottom-up sum; `raw` ignores boilerplate flags when judging prose.
    fn sum(&mut self, raw: bool) {
        for e in &mut self.els {
            e.text = 0;
            e.link = 0;
            e.good = 0;
        }
        for b in &self.blocks {
            if b.el == NONE {
                continue;
            }
            let e = &mut self.els[b.el as usize];
            e.text += b.chars;
            e.link += b.link_chars;
            if is_good(b, if raw { NONE } else { e.boiler_anc }) {
                e.good += prose_weight(b);
            }
        }
        for i in (1..self.els.len()).rev() {
            let (text, link, good, parent) = {
                let e = &self.els[i];
                (e.text, e.link, e.good, e.parent)
            };
            if parent != NONE {
                let p = &mut self.els[parent as usize];
                p.text += text;
                p.link += link;
                p.good += good;
            }
        }
    }
}

/// Longest blurb (characters) that can be a teaser's description.
const TEASER_MAX_CHARS: u32 = 800;

/// Minimum characters for a block to count as a paragraph of prose when choosing the container.
pub(crate) const GOOD_MIN_CHARS: u32 = 60;

/// A block's characters weighted by how much it reads like prose: sentences carry commas
/// and full stops, contact boxes and lists of labels do not.
fn prose_weight(b: &Block) -> u32 {
    let per_char = b.commas as f64 * 50.0 / b.chars.max(1) as f64;
    (b.chars as f64 * (0.5 + per_char).min(1.0)) as u32
}

/// A block that looks like article prose: long enough, few links, not in boilerplate.
fn is_good(b: &Block, boiler_anc: u32) -> bool {
    boiler_anc == NONE
        && !b.teaser
        && b.heading == 0
        && b.chars >= GOOD_MIN_CHARS
        && (b.link_chars as f32) < 0.5 * b.chars as f32
}

fn flush(page: &mut Page, buf: &mut BlockBuf, owners: &[u32], headings: &[u8]) {
    if buf.chars > 0 {
        // A list item made of a linked headline run into a blurb cut with an ellipsis: a
        // teaser in one block. (Article paragraphs can start with a link and end in "…" too,
        // so only list items qualify.)
        let owner = owners.last().copied().unwrap_or(NONE);
        let in_item = owner != NONE && page.els[owner as usize].tag == TagClass::Item;
        let teaser = in_item
            && buf.starts_with_link
            && buf.link_chars >= 15
            && (buf.text.ends_with("...") || buf.text.ends_with('…'));
        let text = std::mem::take(&mut buf.text);
        page.blocks.push(Block {
            text,
            chars: buf.chars,
            link_chars: buf.link_chars,
            el: owners.last().copied().unwrap_or(NONE),
            heading: headings.last().copied().unwrap_or(0),
            commas: buf.commas,
            teaser,
        });
    }
    buf.text.clear();
    buf.chars = 0;
    buf.link_chars = 0;
    buf.commas = 0;
    buf.pending_space = false;
    buf.starts_with_link = false;
}

fn record_meta(meta: &mut RawMeta, e: &scraper::node::Element) {
    let Some(content) = e.attr("content") else {
        return;
    };
    for key in ["property", "name", "itemprop", "http-equiv"] {
        if let Some(k) = e.attr(key) {
            let k = k.trim().to_ascii_lowercase();
            if !k.is_empty() && meta.metas.len() < 4096 {
                meta.metas.push((k, content.trim().to_string()));
            }
            return;
        }
    }
}

fn record_link(meta: &mut RawMeta, e: &scraper::node::Element) {
    let rel = e.attr("rel").unwrap_or("");
    if rel
        .split_ascii_whitespace()
        .any(|r| r.eq_ignore_ascii_case("canonical"))
        && meta.canonical.is_none()
        && let Some(h) = e.attr("href")
    {
        meta.canonical = Some(h.trim().to_string());
    }
}
