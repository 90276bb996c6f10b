//! A rough sentence splitter, used only when the caller gives no sentences, so that tense
//! cues do not leak from one sentence into the next.

use std::ops::Range;

/// Short words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "gov", "sen", "rep",
    "prof", "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "u.s", "u.n", "u.k", "a.m", "p.m", "calif", "mass", "wash", "fla", "ariz", "n.j", "n.y",
];

/// Byte ranges of the sentences of `text`, covering it from start to end.
pub(crate) fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let boundary = match c {
            '\n' => chars.get(i + 1).is_some_and(|&(_, n)| n == '\n'),
            '.' | '!' | '?' => {
                // Skip closing quotes and brackets, then require space and a capital or quote.
                let mut j = i + 1;
                while chars
                    .get(j)
                    .is_some_and(|&(_, n)| matches!(n, '"' | '\'' | '”' | '’' | ')'))
                {
                    j += 1;
                }
                let spaced = chars.get(j).is_some_and(|&(_, n)| n.is_whitespace());
                let next_word = chars[j..]
                    .iter()
                    .map(|&(_, n)| n)
                    .find(|n| !n.is_whitespace());
                let starts = next_word.is_some_and(|n| {
                    n.is_uppercase() || n.is_ascii_digit() || "\"“'‘`(".contains(n)
                });
                let word_before: String = text[..pos]
                    .chars()
                    .rev()
                    .take_while(|ch| ch.is_alphanumeric() || *ch == '.')
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<String>()
                    .to_lowercase();
                let abbreviation = c == '.'
                    && (ABBREVIATIONS.contains(&word_before.as_str())
                        || (word_before.chars().count() == 1
                            && word_before.chars().all(char::is_alphabetic)));
                spaced && starts && !abbreviation
            }
            _ => false,
        };
        if boundary {
            let end = pos + c.len_utf8();
            out.push(start..end);
            start = end;
        }
        i += 1;
    }
    if start < text.len() || out.is_empty() {
        out.push(start..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_sentence_ends_but_not_abbreviations() {
        let text = "Mr. Kim met him on Nov. 27. He left. “Fine,” she said.";
        let parts: Vec<&str> = split(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            parts,
            [
                "Mr. Kim met him on Nov. 27.",
                " He left.",
                " “Fine,” she said."
            ]
        );
    }

    #[test]
    fn covers_the_whole_text() {
        for text in ["", "no end", "A. B. C.", "x.\n\ny", "é. É"] {
            let parts = split(text);
            assert_eq!(parts.first().map(|r| r.start), Some(0));
            assert_eq!(parts.last().map(|r| r.end), Some(text.len()));
        }
    }
}
