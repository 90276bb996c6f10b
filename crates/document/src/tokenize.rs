//! Tokenization: text to word tokens with byte spans, in the manner of the Penn Treebank and
//! Universal Dependencies English (so the trained models see the tokens they were trained on).
//!
//! - Whitespace separates chunks; punctuation is peeled off both ends of a chunk.
//! - A final period stays on known abbreviations ("Mr.", "Nov.", "U.S."), on initials ("J.")
//!   and on letter-dot sequences ("e.g."); decimals ("47.5") and thousands ("1,000") stay
//!   whole.
//! - Clitics split off: "doesn't" → "does" "n't", "Korea's" → "Korea" "'s" (straight or curly
//!   apostrophe).
//! - Dashes inside a chunk ("war—and") split; hyphens ("Jong-un") do not.
//!
//! Invariant: tokens are in order, never overlap, never contain whitespace, and together with
//! the whitespace between them rebuild the text exactly.

use sitrep_text::Span;

use crate::abbrev;

/// Splits `text` into token spans (byte offsets into `text`).
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), &mut out);
    }
    out
}

/// Characters that are tokens of their own when they open a chunk.
fn is_leading_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '$'
            | '€'
            | '£'
            | '¥'
            | '¿'
            | '¡'
            | '—'
            | '–'
            | '-'
            | '*'
            | '•'
            | '#'
            | '|'
            | '…'
            | '/'
    )
}

/// Characters that are tokens of their own when they close a chunk (the period is decided
/// separately).
fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '!'
            | '?'
            | '"'
            | '\''
            | '”'
            | '’'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | '%'
            | '…'
            | '—'
            | '–'
            | '*'
            | '|'
    )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn split_chunk(text: &str, mut start: usize, mut end: usize, out: &mut Vec<Span>) {
    // Leading punctuation, one token each ("..." as one).
    let mut lead = Vec::new();
    while start < end {
        let rest = &text[start..end];
        if rest.starts_with("...") && rest.len() > 3 {
            lead.push(Span::from_range(start..start + 3));
            start += 3;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        // An apostrophe before a digit is an elided century ("'90s"), not a quote.
        let elision =
            is_apostrophe(c) && rest[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit());
        // A hyphen before a digit is a minus sign.
        let minus = c == '-' && rest[1..].starts_with(|d: char| d.is_ascii_digit());
        if is_leading_punct(c) && !elision && !minus && rest.len() > c.len_utf8() {
            lead.push(Span::from_range(start..start + c.len_utf8()));
            start += c.len_utf8();
        } else {
            break;
        }
    }
    out.extend(lead);

    // Trailing punctuation, collected right to left.
    let mut trail = Vec::new();
    while start < end {
        let rest = &text[start..end];
        if rest.ends_with("...") && rest.len() > 3 {
            trail.push(Span::from_range(end - 3..end));
            end -= 3;
            continue;
        }
        let Some(c) = rest.chars().next_back() else {
            break;
        };
        if c == '.' {
            if rest.len() == 1 || keeps_final_period(rest) {
                break;
            }
            trail.push(Span::from_range(end - 1..end));
            end -= 1;
            continue;
        }
        if is_trailing_punct(c) && rest.len() > c.len_utf8() {
            // A closing apostrophe after "s" is the plural possessive ("leaders'"): split it
            // like PTB does, as its own token.
            trail.push(Span::from_range(end - c.len_utf8()..end));
            end -= c.len_utf8();
            continue;
        }
        break;
    }

    if start < end {
        split_core(text, start, end, out);
    }
    out.extend(trail.into_iter().rev());
}

/// Whether a chunk ending in "." keeps its period: abbreviations, initials, "U.S."-style.
fn keeps_final_period(word: &str) -> bool {
    let stem = &word[..word.len() - 1];
    if stem.is_empty() {
        return false;
    }
    // Single letter initial: "J." (but not a lone digit like "5.").
    let mut chars = stem.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    // Letter-dot sequences: "U.S." "e.g." "a.m.".
    if stem.contains('.')
        && stem
            .split('.')
            .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
    {
        return true;
    }
    abbrev::is_abbreviation(stem)
}

/// Splits the core of a chunk: clitics at the end, dashes inside.
fn split_core(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let word = &text[start..end];
    // Dashes inside a word separate two words ("war—and", "2022–2024").
    if let Some((i, c)) = word
        .char_indices()
        .find(|&(i, c)| i > 0 && matches!(c, '—' | '–'))
    {
        split_core(text, start, start + i, out);
        out.push(Span::from_range(start + i..start + i + c.len_utf8()));
        let next = start + i + c.len_utf8();
        if next < end {
            split_chunk(text, next, end, out);
        }
        return;
    }
    // A comma or semicolon inside a word that is not a number ("Seoul,Korea").
    if let Some((i, c)) = word.char_indices().find(|&(i, c)| {
        matches!(c, ',' | ';')
            && i > 0
            && !(word[..i].ends_with(|d: char| d.is_ascii_digit())
                && word[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
    }) {
        split_core(text, start, start + i, out);
        out.push(Span::from_range(start + i..start + i + c.len_utf8()));
        if start + i + 1 < end {
            split_chunk(text, start + i + 1, end, out);
        }
        return;
    }
    if let Some(cut) = clitic_start(word).filter(|&cut| cut > 0) {
        out.push(Span::from_range(start..start + cut));
        out.push(Span::from_range(start + cut..end));
        return;
    }
    out.push(Span::from_range(start..end));
}

/// Byte offset where a trailing clitic starts, if the word ends in one.
///
/// The clitics are matched case-insensitively ("DOESN'T"). Runs for every token, so it
/// compares in place instead of building a lowercase copy and the suffix strings: a word
/// ends in a clitic exactly when its lowercase form does, because no character other than
/// the ASCII letters themselves lowercases to one of the ASCII letters of a clitic.
fn clitic_start(word: &str) -> Option<usize> {
    // Lower-casing can change byte lengths for some scripts; only trust ASCII-length matches.
    if !lowercase_keeps_length(word) {
        return None;
    }
    let ends_with = |suffix: &[u8]| {
        word.len() > suffix.len()
            && word.as_bytes()[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    let mut suffix = [0u8; 6];
    for apo in ["'", "’"] {
        let apo = apo.as_bytes();
        // "n't" binds to the letters before it: "does|n't", "ca|n't".
        let n = 1 + apo.len() + 1;
        suffix[0] = b'n';
        suffix[1..1 + apo.len()].copy_from_slice(apo);
        suffix[n - 1] = b't';
        if ends_with(&suffix[..n]) {
            return Some(word.len() - n);
        }
        for clitic in ["s", "re", "ve", "ll", "d", "m"] {
            let n = apo.len() + clitic.len();
            suffix[..apo.len()].copy_from_slice(apo);
            suffix[apo.len()..n].copy_from_slice(clitic.as_bytes());
            if ends_with(&suffix[..n]) {
                let cut = word.len() - n;
                if word[..cut]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                {
                    return Some(cut);
                }
            }
        }
    }
    None
}

/// Whether `word.to_lowercase()` has as many bytes as `word`.
fn lowercase_keeps_length(word: &str) -> bool {
    word.is_ascii()
        || word
            .chars()
            .map(|c| c.to_lowercase().map(char::len_utf8).sum::<usize>())
            .sum::<usize>()
            == word.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Mr. Smith met Dr. Jones.",
                &["Mr.", "Smith", "met", "Dr.", "Jones", "."],
            ),
            (
                "It grew 47.5% in the U.S. today.",
                &["It", "grew", "47.5", "%", "in", "the", "U.S.", "today", "."],
            ),
            (
                "He doesn't know; Korea's army can't.",
                &[
                    "He", "does", "n't", "know", ";", "Korea", "'s", "army", "ca", "n't", ".",
                ],
            ),
            (
                "“Ukraine,” he said.",
                &["“", "Ukraine", ",", "”", "he", "said", "."],
            ),
            (
                "Kim Jong-un arrived—late…",
                &["Kim", "Jong-un", "arrived", "—", "late", "…"],
            ),
            (
                "It cost $1,000 (about €900).",
                &[
                    "It", "cost", "$", "1,000", "(", "about", "€", "900", ")", ".",
                ],
            ),
            (
                "J. K. Rowling wrote in the '90s...",
                &["J.", "K.", "Rowling", "wrote", "in", "the", "'90s", "..."],
            ),
            (
                "Pyongyang’s new ambitions",
                &["Pyongyang", "’s", "new", "ambitions"],
            ),
            ("on Nov. 28, 2024", &["on", "Nov.", "28", ",", "2024"]),
            (
                "temperatures of -5 degrees",
                &["temperatures", "of", "-5", "degrees"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(&words(text), expected, "tokenizing {text:?}");
        }
    }

    /// The definition `clitic_start` implements without allocating.
    fn clitic_start_reference(word: &str) -> Option<usize> {
        let lower = word.to_lowercase();
        if lower.len() != word.len() {
            return None;
        }
        for apo in ["'", "’"] {
            let nt = format!("n{apo}t");
            if lower.ends_with(&nt) && lower.len() > nt.len() {
                return Some(word.len() - nt.len());
            }
            for clitic in ["s", "re", "ve", "ll", "d", "m"] {
                let suffix = format!("{apo}{clitic}");
                if lower.ends_with(&suffix) && lower.len() > suffix.len() {
                    let cut = word.len() - suffix.len();
                    if word[..cut]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                    {
                        return Some(cut);
                    }
                }
            }
        }
        None
    }

    #[test]
    fn clitics_split_as_the_lowercase_definition_says() {
        for w in [
            "doesn't",
            "DOESN'T",
            "can’t",
            "Korea’s",
            "KOREA'S",
            "they're",
            "I'm",
            "'s",
            "n't",
            "it'S",
            "İstanbul's",
            "\u{212A}'s",
            "x’LL",
            "o'clock",
            "rock'n'roll",
            "s’",
            "’s",
            "Ωmega's",
            "ẞ's",
            "1990's",
            "--'d",
        ] {
            assert_eq!(clitic_start(w), clitic_start_reference(w), "{w}");
        }
    }

    proptest::proptest! {
        #[test]
        fn clitic_start_matches_its_definition(word in "[a-zA-Z0-9'’İ\u{212A}ẞΣ.-]{0,8}(n't|'s|’S|'RE|’ve|'ll|'d|'M|N’T)?") {
            proptest::prop_assert_eq!(clitic_start(&word), clitic_start_reference(&word));
        }

        #[test]
        fn tokens_rebuild_the_text(text in "\\PC{0,60}") {
            let spans = tokenize(&text);
            let mut prev = 0;
            for s in &spans {
                proptest::prop_assert!(s.start() >= prev);
                proptest::prop_assert!(!s.is_empty());
                proptest::prop_assert!(text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()));
                proptest::prop_assert!(text[prev..s.start()].chars().all(char::is_whitespace));
                proptest::prop_assert!(!s.slice(&text).chars().any(char::is_whitespace));
                prev = s.end();
            }
            proptest::prop_assert!(text[prev..].chars().all(char::is_whitespace));
        }
    }
}
