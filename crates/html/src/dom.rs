//! Flattening a parsed page into an element arena and a list of text blocks.
//!
//! Everything downstream only needs, for every element, its parent, its tag class and what
//! its class/id say, and, for every run of text between two block-level boundaries, the
//! text and how much of it is link text. No DOM is built: the parser (module `parse`)
//! hands its tree over as balanced start/end/text calls, and this compact view is built
//! from them in the same pass. That keeps the extractor linear in the page size and free
//! of recursion, so deeply nested markup cannot overflow the stack.

use crate::hints::{self, Boiler, TagClass};
use crate::parse::{self, Attr, Attrs};

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
    /// Index into `els`.
    idx: u32,
    /// The element is a block boundary.
    block: bool,
    /// The element is a link.
    link: bool,
    /// The element is a heading.
    heading: bool,
    /// Where capture for this element ends (heading/title/byline/json-ld text).
    capture: Capture,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Capture {
    None,
    H1,
    Byline,
}

/// Text kept from a skipped element: a JSON-LD script or the page `<title>`.
enum SkipCapture {
    None,
    JsonLd(String),
    Title(String),
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
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // Whitespace before the next run.
            if b[i] < 0x80 {
                if ASCII_KIND[b[i] as usize] == SPACE {
                    self.pending_space = true;
                    i += 1;
                    continue;
                }
            } else if let Some(ch) = s.get(i..).and_then(|t| t.chars().next())
                && is_space(ch)
            {
                self.pending_space = true;
                i += ch.len_utf8();
                continue;
            }
            // A run of visible characters, copied in one go.
            let start = i;
            let mut chars = 0u32;
            let mut commas = 0u32;
            while i < b.len() {
                let c = b[i];
                if c < 0x80 {
                    let k = ASCII_KIND[c as usize];
                    if k == SPACE {
                        break;
                    }
                    commas += u32::from(k);
                    i += 1;
                } else {
                    let Some(ch) = s.get(i..).and_then(|t| t.chars().next()) else {
                        break;
                    };
                    if is_space(ch) {
                        break;
                    }
                    commas += u32::from(matches!(ch, '，' | '、' | '،' | '。' | '！' | '？'));
                    i += ch.len_utf8();
                }
                chars += 1;
            }
            if i == start {
                // Not reachable on valid UTF-8; never loop forever.
                break;
            }
            self.visible(s.get(start..i).unwrap_or_default(), chars, commas, in_link);
        }
    }

    /// Appends visible text of `chars` characters holding `commas` sentence marks.
    fn visible(&mut self, piece: &str, chars: u32, commas: u32, in_link: bool) {
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
        self.text.push_str(piece);
        self.chars += chars;
        if in_link {
            self.link_chars += chars;
        }
        self.commas += commas;
    }
}

/// [`ASCII_KIND`] of ASCII whitespace.
const SPACE: u8 = 2;

/// Per ASCII byte: 0 visible, 1 a sentence mark counted as prose punctuation
/// (`, . ! ? ;`), [`SPACE`] whitespace.
const ASCII_KIND: [u8; 128] = {
    let mut t = [0u8; 128];
    t[b'\t' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[0x0b] = SPACE;
    t[0x0c] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[b' ' as usize] = SPACE;
    t[b',' as usize] = 1;
    t[b'.' as usize] = 1;
    t[b'!' as usize] = 1;
    t[b'?' as usize] = 1;
    t[b';' as usize] = 1;
    t
};

/// Whitespace for block text: Unicode whitespace plus the zero-width space and BOM.
fn is_space(ch: char) -> bool {
    ch.is_whitespace() || ch == '\u{200b}' || ch == '\u{feff}'
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

/// Flattens the parse as it arrives (see the module docs).
struct Flattener {
    page: Page,
    stack: Vec<Open>,
    buf: BlockBuf,
    /// Innermost open element that is a block boundary (owner of flushed text).
    block_owner: Vec<u32>,
    /// Depth inside a skipped subtree (0: not skipping).
    skip_depth: usize,
    skip_capture: SkipCapture,
    link_depth: usize,
    captures: Vec<(Capture, String)>,
    heading_stack: Vec<u8>,
}

impl parse::Sink for Flattener {
    fn start(&mut self, e: &parse::StartTag<'_>) {
        if self.skip_depth > 0 {
            self.skip_depth += 1;
            return;
        }
        let name = e.name;
        let attrs = &e.attrs;
        let page = &mut self.page;
        let tag = hints::tag_class(name);
        if tag == TagClass::Skip || hints::is_hidden(attrs) {
            let jsonld = name == "script"
                && attrs
                    .get(Attr::Type)
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
            self.skip_capture = if jsonld {
                // JSON-LD lives in <script>, which is otherwise skipped.
                SkipCapture::JsonLd(String::new())
            } else if name == "title" && page.meta.title.is_none() {
                SkipCapture::Title(String::new())
            } else {
                SkipCapture::None
            };
            if name == "meta" {
                record_meta(&mut page.meta, attrs);
            } else if name == "link" {
                record_link(&mut page.meta, attrs);
            }
            self.skip_depth = 1;
            return;
        }
        if name == "html" {
            self.root_attrs(attrs);
        }
        let page = &mut self.page;
        if name == "time"
            && let Some(d) = attrs.get(Attr::Datetime)
        {
            page.meta.times.push(d.trim().to_string());
        }
        let parent = self.stack.last().map_or(NONE, |o| o.idx);
        let cls = hints::classify(name, attrs, tag);
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
            flush(page, &mut self.buf, &self.block_owner, &self.heading_stack);
            self.block_owner.push(idx);
        }
        let heading = if let TagClass::Heading(n) = tag {
            self.heading_stack.push(n);
            true
        } else {
            false
        };
        let link = name == "a" && attrs.get(Attr::Href).is_some();
        if link {
            self.link_depth += 1;
        }
        let capture = if name == "h1" {
            Capture::H1
        } else if cls.byline {
            Capture::Byline
        } else {
            Capture::None
        };
        if capture != Capture::None {
            self.captures.push((capture, String::new()));
        }
        self.stack.push(Open {
            idx,
            block,
            link,
            heading,
            capture,
        });
    }

    fn end(&mut self) {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            if self.skip_depth == 0 {
                match std::mem::replace(&mut self.skip_capture, SkipCapture::None) {
                    SkipCapture::JsonLd(s) => self.page.meta.jsonld.push(s),
                    SkipCapture::Title(s) => self.page.meta.title = Some(s),
                    SkipCapture::None => {}
                }
            }
            return;
        }
        let Some(open) = self.stack.pop() else { return };
        if open.block {
            flush(
                &mut self.page,
                &mut self.buf,
                &self.block_owner,
                &self.heading_stack,
            );
            self.block_owner.pop();
        }
        if open.heading {
            self.heading_stack.pop();
        }
        if open.link {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if open.capture != Capture::None
            && let Some((kind, text)) = self.captures.pop()
        {
            match kind {
                Capture::H1 => self.page.meta.h1s.push(text),
                Capture::Byline => self.page.meta.bylines.push(text),
                Capture::None => {}
            }
        }
    }

    fn text(&mut self, t: &str, _raw: bool) {
        if self.skip_depth > 0 {
            match &mut self.skip_capture {
                SkipCapture::JsonLd(s) if s.len() < MAX_CAPTURE => s.push_str(t),
                SkipCapture::Title(s) => push_norm(s, t),
                _ => {}
            }
            return;
        }
        self.buf.push(t, self.link_depth > 0);
        for (_, c) in self.captures.iter_mut() {
            if c.len() < MAX_CAPTURE {
                push_norm(c, t);
            }
        }
    }

    fn root_attrs(&mut self, attrs: &parse::Attrs<'_>) {
        if self.page.meta.lang.is_none()
            && let Some(l) = attrs.get(Attr::Lang).or_else(|| attrs.get(Attr::XmlLang))
        {
            self.page.meta.lang = Some(l.trim().to_string());
        }
    }
}

impl Page {
    /// Parses and flattens a page. `cut` in the result says whether the parse stopped at
    /// the depth limit.
    pub(crate) fn parse(html: &str) -> (Page, bool) {
        let mut f = Flattener {
            page: Page::default(),
            stack: Vec::with_capacity(64),
            buf: BlockBuf::new(),
            block_owner: Vec::with_capacity(64),
            skip_depth: 0,
            skip_capture: SkipCapture::None,
            link_depth: 0,
            captures: Vec::new(),
            heading_stack: Vec::new(),
        };
        let cut = parse::parse(html, &mut f);
        let Flattener {
            mut page,
            mut buf,
            block_owner,
            heading_stack,
            ..
        } = f;
        flush(&mut page, &mut buf, &block_owner, &heading_stack);
        page.aggregate();
        (page, cut)
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
        // A copy of exact size; the buffer keeps its capacity for the next block.
        let text = buf.text.as_str().to_owned();
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

fn record_meta(meta: &mut RawMeta, attrs: &Attrs<'_>) {
    let Some(content) = attrs.get(Attr::Content) else {
        return;
    };
    for key in [Attr::Property, Attr::Name, Attr::Itemprop, Attr::HttpEquiv] {
        if let Some(k) = attrs.get(key) {
            let k = k.trim().to_ascii_lowercase();
            if !k.is_empty() && meta.metas.len() < 4096 {
                meta.metas.push((k, content.trim().to_string()));
            }
            return;
        }
    }
}

fn record_link(meta: &mut RawMeta, attrs: &Attrs<'_>) {
    let rel = attrs.get(Attr::Rel).unwrap_or("");
    if rel
        .split_ascii_whitespace()
        .any(|r| r.eq_ignore_ascii_case("canonical"))
        && meta.canonical.is_none()
        && let Some(h) = attrs.get(Attr::Href)
    {
        meta.canonical = Some(h.trim().to_string());
    }
}
