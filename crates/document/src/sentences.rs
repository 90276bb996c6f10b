//! Sentence splitting over tokens.
//!
//! A sentence ends at a line break, or after `.`, `!`, `?`, `…` (and any closing quotes or
//! brackets that follow) when the next token can start a sentence. Periods kept on
//! abbreviations end a sentence only when the abbreviation is not a title ("U.S." can end one,
//! "Mr." cannot) and the next word is a typical sentence opener.

use std::ops::Range;

use sitrep_text::Span;

use crate::abbrev::{is_abbreviation, is_title_abbreviation};

/// Groups token spans into sentences: returns the token index range of each sentence.
pub fn split_sentences(text: &str, tokens: &[Span]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let word = tokens[i].slice(text);
        let mut end_here = false;
        let mut last = i;
        if is_terminal(word) {
            // Absorb closing quotes and brackets that belong to this sentence.
            while last + 1 < tokens.len() && is_closer(tokens[last + 1].slice(text)) {
                last += 1;
            }
            end_here = match tokens.get(last + 1) {
                None => true,
                Some(next) => can_start_sentence(next.slice(text)),
            };
        } else if word.ends_with('.') && word.len() > 1 && !is_title_abbreviation(word) {
            // "U.S." or "Inc." at a sentence end, followed by a typical opener.
            let stem = &word[..word.len() - 1];
            if is_abbreviation(stem) || stem.contains('.') {
                end_here = tokens
                    .get(i + 1)
                    .is_some_and(|next| is_common_opener(next.slice(text)));
            }
        }
        // A line break between this token and the next always ends the sentence.
        if !end_here && let Some(next) = tokens.get(last + 1) {
            end_here = text[tokens[last].end()..next.start()].contains('\n');
        }
        if end_here || last + 1 == tokens.len() {
            sentences.push(start..last + 1);
            start = last + 1;
        }
        i = last + 1;
    }
    sentences
}

fn is_terminal(word: &str) -> bool {
    matches!(word, "." | "!" | "?" | "…" | "..." | "?!" | "!?")
}

fn is_closer(word: &str) -> bool {
    matches!(word, "”" | "\"" | "’" | "'" | ")" | "]" | "»" | "›")
}

/// Whether a token may begin a sentence: an upper-case letter, a digit, an opening quote or
/// bracket, or a dash/bullet.
fn can_start_sentence(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                '“' | '"' | '‘' | '\'' | '(' | '[' | '«' | '—' | '–' | '-' | '•' | '¿' | '¡'
            )
            || !c.is_alphabetic() && !c.is_ascii_punctuation()
    })
}

/// Words that typically open a sentence, used after ambiguous abbreviations.
fn is_common_opener(word: &str) -> bool {
    const OPENERS: &[&str] = &[
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "You",
        "This",
        "That",
        "These",
        "Those",
        "In",
        "On",
        "At",
        "But",
        "And",
        "Or",
        "So",
        "Yet",
        "However",
        "Meanwhile",
        "His",
        "Her",
        "Its",
        "Their",
        "Our",
        "There",
        "Here",
        "As",
        "After",
        "Before",
        "When",
        "While",
        "If",
        "Since",
        "Although",
        "Some",
        "Many",
        "Most",
        "No",
        "Officials",
        "“",
        "\"",
    ];
    OPENERS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sentences(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        split_sentences(text, &tokens)
            .into_iter()
            .map(|r| text[tokens[r.start].start()..tokens[r.end - 1].end()].to_string())
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Mr. Smith met Gen. Kim. They spoke.",
                &["Mr. Smith met Gen. Kim.", "They spoke."],
            ),
            (
                "Troops left the U.S. The war went on.",
                &["Troops left the U.S.", "The war went on."],
            ),
            (
                "He moved to the U.S. Army base.",
                &["He moved to the U.S. Army base."],
            ),
            (
                "Prices rose 3.5% in Nov. 2023. Then fell.",
                &["Prices rose 3.5% in Nov. 2023.", "Then fell."],
            ),
            (
                "“We will go,” he said. “Now.”",
                &["“We will go,” he said.", "“Now.”"],
            ),
            (
                "She said: “It is over.” Nobody answered.",
                &["She said: “It is over.”", "Nobody answered."],
            ),
            (
                "J. K. Rowling spoke. Dr. Who did not.",
                &["J. K. Rowling spoke.", "Dr. Who did not."],
            ),
            (
                "Wait... what happened? Nobody knows!",
                &["Wait... what happened?", "Nobody knows!"],
            ),
            (
                "Coincidence? Perhaps not.",
                &["Coincidence?", "Perhaps not."],
            ),
            (
                "Acme Inc. said profits rose.",
                &["Acme Inc. said profits rose."],
            ),
            (
                "A heading\nThe body starts here.",
                &["A heading", "The body starts here."],
            ),
            (
                "It went up 2.5 points. 2024 was good.",
                &["It went up 2.5 points.", "2024 was good."],
            ),
            (
                "The vote is at St. Mary's church.",
                &["The vote is at St. Mary's church."],
            ),
            (
                "He paused... and then spoke.",
                &["He paused... and then spoke."],
            ),
            ("Is it true? yes, said he.", &["Is it true? yes, said he."]),
        ];
        for (text, expected) in cases {
            assert_eq!(&sentences(text), expected, "splitting {text:?}");
        }
    }
}
