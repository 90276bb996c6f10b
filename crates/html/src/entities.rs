//! Character references (`&amp;`, `&#8217;`, `&eacute`) decoded as the HTML5 tokenizer
//! does.
//!
//! lol_html tokenizes but hands text and attribute values over as they are in the source,
//! so the decoding step of the WHATWG tokenizer ("character reference state") is done here:
//! the longest named reference wins, the legacy names (`&amp`, `&copy`, `&eacute`, ...)
//! also match without their `;`, numeric references follow the replacement table (NUL,
//! surrogates and out-of-range values become U+FFFD, 0x80–0x9F are read as windows-1252),
//! and in attribute values a legacy name followed by `=` or an alphanumeric is left alone
//! (so `?a=1&copy=2` in a URL stays as written).

use std::borrow::Cow;

use crate::entity_table::ENTITIES;

/// Longest legacy name that may appear without `;` ("middot", "frac34", ...).
const LEGACY_MAX: usize = 6;
/// Longest name in the table (`&CounterClockwiseContourIntegral;`).
const NAME_MAX: usize = 32;

/// Decodes the character references of text content.
pub(crate) fn decode_text(s: &str) -> Cow<'_, str> {
    decode(s, false)
}

/// Decodes the character references of an attribute value.
pub(crate) fn decode_attr(s: &str) -> Cow<'_, str> {
    decode(s, true)
}

fn decode(s: &str, in_attr: bool) -> Cow<'_, str> {
    let b = s.as_bytes();
    let Some(first) = memchr::memchr(b'&', b) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = first;
    loop {
        // `i` is at an '&'.
        if let Some((rep, len)) = reference(&b[i + 1..], in_attr) {
            out.push_str(&s[copied..i]);
            match rep {
                Rep::Str(r) => out.push_str(r),
                Rep::Char(c) => out.push(c),
            }
            copied = i + 1 + len;
            i = copied;
        } else {
            i += 1;
        }
        match memchr::memchr(b'&', &b[i.min(b.len())..]) {
            Some(off) => i += off,
            None => break,
        }
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

enum Rep {
    Str(&'static str),
    Char(char),
}

/// The reference starting right after an '&': its replacement and how many bytes it spans.
fn reference(b: &[u8], in_attr: bool) -> Option<(Rep, usize)> {
    if b.first() == Some(&b'#') {
        return numeric(&b[1..]).map(|(c, n)| (Rep::Char(c), n + 1));
    }
    let run = b
        .iter()
        .take(NAME_MAX + 1)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if run == 0 {
        return None;
    }
    // A full name with its ';'.
    if b.get(run) == Some(&b';') && run < NAME_MAX {
        let mut buf = [0u8; NAME_MAX + 1];
        buf[..run].copy_from_slice(&b[..run]);
        buf[run] = b';';
        if let Some(r) = lookup(&buf[..=run]) {
            return Some((Rep::Str(r), run + 1));
        }
    }
    // A legacy name without ';': the longest prefix that is one.
    for len in (1..=run.min(LEGACY_MAX)).rev() {
        if let Some(r) = lookup(&b[..len]) {
            if in_attr
                && b.get(len)
                    .is_some_and(|c| *c == b'=' || c.is_ascii_alphanumeric())
            {
                return None;
            }
            return Some((Rep::Str(r), len));
        }
    }
    None
}

fn lookup(name: &[u8]) -> Option<&'static str> {
    ENTITIES
        .binary_search_by(|(k, _)| k.as_bytes().cmp(name))
        .ok()
        .and_then(|i| ENTITIES.get(i))
        .map(|(_, v)| *v)
}

/// `&#...` after the '#': the character and the bytes consumed (digits, 'x', ';').
fn numeric(b: &[u8]) -> Option<(char, usize)> {
    let (hex, start) = match b.first() {
        Some(b'x' | b'X') => (true, 1),
        _ => (false, 0),
    };
    let mut value: u32 = 0;
    let mut i = start;
    while let Some(&c) = b.get(i) {
        let d = if hex {
            (c as char).to_digit(16)
        } else {
            (c as char).to_digit(10)
        };
        let Some(d) = d else { break };
        value = value
            .saturating_mul(if hex { 16 } else { 10 })
            .saturating_add(d);
        i += 1;
    }
    if i == start {
        return None;
    }
    if b.get(i) == Some(&b';') {
        i += 1;
    }
    Some((numeric_char(value), i))
}

/// The replacement rules of the "numeric character reference end state".
fn numeric_char(v: u32) -> char {
    const C1: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let v = match v {
        0x80..=0x9F => C1[(v - 0x80) as usize],
        _ => v,
    };
    if v == 0 {
        return '\u{FFFD}';
    }
    char::from_u32(v).unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_numeric_and_legacy() {
        assert_eq!(decode_text("a &amp; b"), "a & b");
        assert_eq!(decode_text("&eacute;t&eacute"), "été");
        assert_eq!(
            decode_text("&#8217;&#x2019;&#X2019"),
            "\u{2019}\u{2019}\u{2019}"
        );
        assert_eq!(
            decode_text("&#150; &#0; &#x110000;"),
            "\u{2013} \u{FFFD} \u{FFFD}"
        );
        assert_eq!(decode_text("&notit; &bogus; & &#;"), "¬it; &bogus; & &#;");
        assert_eq!(decode_text("&CounterClockwiseContourIntegral;"), "\u{2233}");
        assert_eq!(decode_text("&nbsp;x"), "\u{a0}x");
        assert!(matches!(decode_text("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn attribute_rules() {
        assert_eq!(decode_attr("/a?b=1&copy=2&amp;c"), "/a?b=1&copy=2&c");
        assert_eq!(decode_attr("&copy 2024"), "© 2024");
    }
}
