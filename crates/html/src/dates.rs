//! Normalising the date strings pages carry into ISO 8601.
//!
//! Machine-readable dates (`2024-11-28T09:30:00+01:00`) keep their time; RFC 2822 dates
//! from feeds and human dates ("Nov. 28, 2024", "28 November 2024") become plain dates.
//! Anything outside 1900..=2100 or not a real calendar day is rejected, so that a product
//! number never becomes a publication date.

/// Month names and abbreviations (English), 1-based.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    MONTHS.iter().find(|(m, _)| *m == w).map(|(_, n)| *n)
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Normalises a date string to ISO 8601, or `None` when it is not a date.
pub(crate) fn normalize(s: &str) -> Option<String> {
    let s = s.trim();
    if s.len() < 8 || s.len() > 64 {
        return None;
    }
    iso(s).or_else(|| human(s))
}

/// `YYYY-MM-DD`, optionally followed by `T` or a space and a time with zone.
fn iso(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        // Compact form 20241128 (some meta tags).
        if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
            return ymd(num(&s[..4])?, num(&s[4..6])?, num(&s[6..8])?);
        }
        return None;
    }
    let date = ymd(num(s.get(..4)?)?, num(s.get(5..7)?)?, num(s.get(8..10)?)?)?;
    let rest = s.get(10..)?;
    if rest.is_empty() {
        return Some(date);
    }
    let time = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    // Keep the time when it is well-formed HH:MM[:SS[.fff]][zone]; else the date alone.
    let tb = time.as_bytes();
    let ok = tb.len() >= 5
        && tb[..2].iter().all(u8::is_ascii_digit)
        && tb[2] == b':'
        && tb[3..5].iter().all(u8::is_ascii_digit)
        && time
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ":.+-".contains(c));
    if !ok {
        return Some(date);
    }
    let time = time.trim_end_matches(" UTC").trim_end_matches(" GMT");
    Some(format!("{date}T{time}"))
}

/// "November 28, 2024", "Nov. 28 2024", "28 Nov 2024", "Thu, 28 Nov 2024 10:00:00 GMT",
/// "11/28/2024" is not read (day and month order are ambiguous).
fn human(s: &str) -> Option<String> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(12)
        .collect();
    for i in 0..words.len() {
        let Some(m) = month_of(words[i]) else {
            continue;
        };
        // Month Day Year
        if let (Some(d), Some(y)) = (words.get(i + 1), words.get(i + 2)) {
            let d = d.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            if let (Some(d), Some(y)) = (num(d), num(y))
                && let Some(out) = ymd(y, m, d)
            {
                return Some(out);
            }
        }
        // Day Month Year
        if i > 0
            && let (Some(d), Some(y)) = (words.get(i - 1), words.get(i + 1))
        {
            let d = d.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
            if let (Some(d), Some(y)) = (num(d), num(y))
                && let Some(out) = ymd(y, m, d)
            {
                return Some(out);
            }
        }
    }
    None
}

/// A date in a URL path: `/2024/11/28/`, `/2024-11-28`, `/20241128/`.
pub(crate) fn from_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = match path.find("://") {
        Some(i) => path[i + 3..].split_once('/').map_or("", |(_, p)| p),
        None => path,
    };
    let segs: Vec<&str> = path.split('/').collect();
    for w in 0..segs.len() {
        let s = segs[w];
        if s.len() == 4
            && let Some(y) = num(s)
            && let (Some(m), Some(d)) = (segs.get(w + 1), segs.get(w + 2))
            && m.len() <= 2
            && let (Some(m), Some(d)) = (num(m), num(d.get(..2.min(d.len()))?))
            && let Some(out) = ymd(y, m, d)
        {
            return Some(out);
        }
        for piece in s.split(['-', '_', '.']) {
            if piece.len() == 8
                && let Some(out) = iso(piece)
            {
                return Some(out);
            }
        }
        if let Some(head) = s.get(..10)
            && let Some(out) = iso(head)
        {
            return Some(out);
        }
    }
    None
}

/// The first human date inside a short visible text ("Published Nov. 28, 2024 at 9:30").
pub(crate) fn from_text(text: &str) -> Option<String> {
    if text.chars().count() > 120 {
        return None;
    }
    human(text).or_else(|| {
        text.split_whitespace()
            .find_map(|w| iso(w.trim_matches(|c: char| !c.is_ascii_digit())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes() {
        assert_eq!(normalize("2024-11-28").as_deref(), Some("2024-11-28"));
        assert_eq!(
            normalize("2024-11-28T09:30:00+01:00").as_deref(),
            Some("2024-11-28T09:30:00+01:00")
        );
        assert_eq!(
            normalize("2024-11-28 09:30:00").as_deref(),
            Some("2024-11-28T09:30:00")
        );
        assert_eq!(
            normalize("Thu, 28 Nov 2024 10:00:00 GMT").as_deref(),
            Some("2024-11-28")
        );
        assert_eq!(
            normalize("November 28, 2024").as_deref(),
            Some("2024-11-28")
        );
        assert_eq!(
            normalize("Nov. 28, 2024 9:30 a.m.").as_deref(),
            Some("2024-11-28")
        );
        assert_eq!(normalize("2024-02-30"), None);
        assert_eq!(normalize("12345678901"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            from_url("https://x.com/2024/11/28/storm-hits").as_deref(),
            Some("2024-11-28")
        );
        assert_eq!(
            from_url("https://x.com/news/2024-11-28-storm").as_deref(),
            Some("2024-11-28")
        );
        assert_eq!(
            from_url("https://x.com/a/20241128/storm").as_deref(),
            Some("2024-11-28")
        );
        assert_eq!(from_url("https://x.com/2024/storm"), None);
    }
}
