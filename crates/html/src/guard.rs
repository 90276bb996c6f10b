//! A linear pre-scan of the raw page: a guard against pathologically deep markup, and the
//! removal of script and style bodies before parsing.
//!
//! **Depth guard.**
//! html5ever checks element scopes by walking its stack of open elements, so a page of
//! 100,000 unclosed `<div>`s costs time quadratic in the depth (minutes). Real pages stay a
//! few hundred levels deep. This linear pre-scan estimates the open-element depth (start
//! tags minus end tags, ignoring void and implicitly closed elements, comments and the raw
//! text of scripts and styles) and reports where it first exceeds [`MAX_DEPTH`], so the
//! caller can parse only the part before.
//!
//! **Raw-text bodies.** Script and style bodies are 56% of the bytes on the extraction
//! benchmark, and html5ever tokenizes every byte of them only for the DOM walk to skip them.
//! The scan already finds where they start and end (it must, so that `a<b` in a script is
//! not counted as a tag), so it drops the bodies and keeps the empty elements; JSON-LD
//! scripts are kept whole, since metadata reads them. This follows the tokenizer's own
//! rule (a raw-text body ends at the first `</script` / `</style`), and it is only an
//! optimisation: the real parsing is html5ever's. lol_html was tried for the same job and
//! measured no faster overall (its own tokenizing cost what html5ever saved).

/// Estimated nesting depth beyond which the rest of the page is dropped.
pub(crate) const MAX_DEPTH: usize = 3000;

/// Elements that never deepen the stack: void elements, and elements a following sibling
/// closes implicitly (`<p>`, `<li>`, table cells, ...).
fn never_deepens(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"tr"
            | b"td"
            | b"th"
            | b"!doctype"
    )
}

/// First position at or after `from` where `needle` (whose first byte is `<` or `-` or `>`,
/// never a letter) starts, ASCII case-insensitively.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = from;
    while i < hay.len() {
        let off = memchr::memchr(first, &hay[i..])?;
        let at = i + off;
        if hay.len() - at >= needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The pre-scanned page.
pub(crate) struct Prescan<'a> {
    /// The page to parse: the input, cut where it got too deep, without script and style
    /// bodies (JSON-LD excepted).
    pub html: std::borrow::Cow<'a, str>,
    /// The input was cut by the depth guard.
    pub cut: bool,
}

/// Scans the page once (see the module docs).
pub(crate) fn prescan(html: &str) -> Prescan<'_> {
    let b = html.as_bytes();
    let mut depth: usize = 0;
    let mut i = 0;
    // Output built lazily: bytes up to `copied` are already in `out`.
    let mut out = String::new();
    let mut copied = 0;
    let mut cut = None;
    while i < b.len() {
        let Some(off) = memchr::memchr(b'<', &b[i..]) else {
            break;
        };
        i += off;
        let start = i;
        i += 1;
        if b[i..].starts_with(b"!--") {
            i = find_ci(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if b.get(i) == Some(&b'/') {
            depth = depth.saturating_sub(1);
            i += 1;
            continue;
        }
        let name_start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'!') && i - name_start < 16 {
            i += 1;
        }
        if i == name_start {
            continue;
        }
        let mut name_buf = [0u8; 16];
        let name_len = i - name_start;
        for (d, s) in name_buf.iter_mut().zip(&b[name_start..i]) {
            *d = s.to_ascii_lowercase();
        }
        let name = &name_buf[..name_len];
        let close = find_ci(b, i, b">").unwrap_or(b.len());
        let self_closing = close > 0 && b.get(close - 1) == Some(&b'/');
        let attrs = &b[i.min(close)..close];
        i = close.saturating_add(1);
        // Raw text: jump to the end tag so "a<b" in a script is not a tag.
        if matches!(name, b"script" | b"style" | b"textarea" | b"title") {
            let mut end_tag = [0u8; 18];
            end_tag[..2].copy_from_slice(b"</");
            end_tag[2..2 + name_len].copy_from_slice(name);
            let body_end = find_ci(b, i, &end_tag[..2 + name_len]).unwrap_or(b.len());
            let json_ld = name == b"script" && find_ci(attrs, 0, b"ld+json").is_some();
            let strip = matches!(name, b"script" | b"style") && !json_ld && !self_closing;
            // Both ends sit next to ASCII '>' and '<', so they are char boundaries.
            if strip && body_end > i && i <= b.len() {
                out.push_str(&html[copied..i]);
                copied = body_end;
            }
            i = body_end;
            continue;
        }
        if self_closing || never_deepens(name) {
            continue;
        }
        depth += 1;
        if depth > MAX_DEPTH {
            let mut c = start;
            while !html.is_char_boundary(c) {
                c -= 1;
            }
            cut = Some(c);
            break;
        }
    }
    let end = cut.unwrap_or(b.len());
    let html = if copied == 0 {
        std::borrow::Cow::Borrowed(&html[..end])
    } else {
        out.push_str(&html[copied.min(end)..end]);
        std::borrow::Cow::Owned(out)
    };
    Prescan {
        html,
        cut: cut.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass() {
        let page = format!(
            "<html><body>{}<script>for(i=0;i<n;i++){{}}</script></body></html>",
            "<div><p>x<br><img src=a></div>".repeat(10_000)
        );
        assert!(!prescan(&page).cut);
    }

    #[test]
    fn deep_pages_are_cut() {
        let page = "<div>".repeat(MAX_DEPTH + 10);
        let p = prescan(&page);
        assert!(p.cut);
        assert_eq!(p.html.len(), MAX_DEPTH * 5);
    }

    #[test]
    fn strips_script_and_style_bodies_only() {
        let page = "<p>é a</p><script>if (a<b) { s = '<p>x</p>'; }</script>\
            <style>p { color: red }</style><SCRIPT type=\"application/ld+json\">{\"a\":1}</script>\
            <!-- <script>kept comment</script> --><title>T</title><p>b</p>";
        let p = prescan(page);
        assert_eq!(
            p.html,
            "<p>é a</p><script></script><style></style>\
            <SCRIPT type=\"application/ld+json\">{\"a\":1}</script>\
            <!-- <script>kept comment</script> --><title>T</title><p>b</p>"
        );
        // Nothing to strip: the input is borrowed as is.
        assert!(matches!(
            prescan("<p>x</p>").html,
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
