//! Tense of the clause around a time expression, from lexical cues.
//!
//! In news an underspecified "Friday" or "June" usually refers to the past; a future cue
//! ("will meet on Friday") moves it forward. The cues here are words only; a caller with a
//! parser can implement [`TenseHint`] and pass it to `TimeTagger::tag_with` instead.

use std::ops::Range;

/// The time a clause refers to, relative to when it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Reported as having happened ("said on Friday").
    Past,
    /// Ongoing or habitual ("says", "is").
    Present,
    /// Expected or planned ("will meet on Friday", "plans to visit in June").
    Future,
}

/// Gives the tense governing a time expression.
pub trait TenseHint {
    /// The tense of the clause holding the expression at byte range `span` of `text`, inside
    /// the sentence at byte range `sentence`, or `None` when nothing says.
    fn tense(&self, text: &str, sentence: Range<usize>, span: Range<usize>) -> Option<Tense>;
}

/// Lexical tense cues: the cue word nearest to the expression in its sentence decides.
#[derive(Debug, Clone, Copy, Default)]
pub struct LexicalTense;

/// Bytes looked at on each side of an expression for tense cues.
const WINDOW: usize = 160;

/// Words that put a clause in the future.
const FUTURE: &[&str] = &[
    "will",
    "shall",
    "won't",
    "wo",
    "'ll",
    "’ll",
    "upcoming",
    "scheduled",
    "expected",
    "due",
    "planning",
    "planned",
    "plans",
    "intends",
    "tomorrow",
    "next",
    "forthcoming",
    "payable",
    "effective",
    "would",
    "deadline",
    "soon",
];

/// Prepositions that, right before a date, set a deadline ahead ("by Jan. 14", "until March 6").
const DEADLINE: &[&str] = &["by", "until", "till", "til"];

/// Words that put a clause in the future when "to" follows ("plans to", "is to", "set to").
const FUTURE_BEFORE_TO: &[&str] = &[
    "going", "is", "are", "set", "plans", "plan", "planned", "aims", "intend", "intends",
    "intended", "wants", "hopes",
];

/// Irregular past-tense verbs; regular ones are recognized by their "-ed" ending.
const PAST: &[&str] = &[
    "said",
    "was",
    "were",
    "had",
    "did",
    "ago",
    "last",
    "yesterday",
    "met",
    "went",
    "came",
    "told",
    "took",
    "gave",
    "made",
    "held",
    "began",
    "left",
    "saw",
    "sent",
    "spoke",
    "fell",
    "rose",
    "won",
    "lost",
    "became",
    "brought",
    "fought",
    "led",
    "paid",
    "struck",
    "thought",
    "wrote",
    "found",
    "got",
    "kept",
    "knew",
    "meant",
    "ran",
    "sought",
    "sold",
    "stood",
    "swore",
    "taught",
    "understood",
    "wore",
    "flew",
    "drew",
    "grew",
    "threw",
    "hit",
    "shot",
    "broke",
    "chose",
    "froze",
    "spoke",
    "rang",
    "sang",
    "began",
    "bought",
    "caught",
    "felt",
    "heard",
    "built",
    "dealt",
    "lay",
    "laid",
    "lit",
    "quit",
    "read",
    "slid",
    "spent",
    "spun",
    "split",
    "spread",
    "upheld",
    "withdrew",
    "overtook",
    "undertook",
    "signed",
    "begun",
    "done",
    "gone",
    "seen",
    "taken",
    "given",
    "written",
    "spoken",
    "broken",
    "chosen",
    "fallen",
    "known",
    "shown",
    "thrown",
    "drawn",
    "grown",
    "flown",
    "stolen",
    "hidden",
    "driven",
    "beaten",
];

/// Words ending in "-ed" that are not past-tense cues.
const NOT_PAST: &[&str] = &[
    "need", "red", "bed", "seed", "feed", "speed", "bred", "indeed", "shed",
];

fn cue(word: &str, prev: Option<&str>, next: Option<&str>) -> Option<Tense> {
    let lower = word.to_lowercase();
    let w = lower.as_str();
    if FUTURE.contains(&w) {
        return Some(Tense::Future);
    }
    if w.ends_with("'ll") || w.ends_with("’ll") {
        return Some(Tense::Future);
    }
    if FUTURE_BEFORE_TO.contains(&w) && next.is_some_and(|n| n.eq_ignore_ascii_case("to")) {
        // "going to", "is to", "plans to" announce the future; plain "is" says nothing.
        return Some(Tense::Future);
    }
    let past = PAST.contains(&w) || (w.len() > 4 && w.ends_with("ed") && !NOT_PAST.contains(&w));
    if past {
        // A participle after "be" takes its tense from the auxiliary ("will be held").
        let passive = prev.is_some_and(|p| {
            matches!(
                p.to_lowercase().as_str(),
                "be" | "been" | "being" | "is" | "are" | "am" | "get" | "gets"
            )
        });
        return (!passive).then_some(Tense::Past);
    }
    if matches!(w, "says" | "say" | "is" | "are" | "am") {
        return Some(Tense::Present);
    }
    None
}

impl TenseHint for LexicalTense {
    fn tense(&self, text: &str, sentence: Range<usize>, span: Range<usize>) -> Option<Tense> {
        // Only the clause around the expression matters; a window also keeps one huge
        // "sentence" from making tagging quadratic.
        let mut from = sentence.start.max(span.start.saturating_sub(WINDOW));
        while from > 0 && !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = sentence
            .end
            .min(span.end.saturating_add(WINDOW))
            .min(text.len());
        while to < text.len() && !text.is_char_boundary(to) {
            to += 1;
        }
        let sentence_text = text.get(from..to)?;
        let words: Vec<(usize, &str)> = words(sentence_text)
            .map(|(offset, w)| (offset + from, w))
            .collect();
        // "by Jan. 14", "until March 6": a deadline is ahead of the writer.
        if let Some(&(offset, word)) = words.iter().rev().find(|(o, _)| *o < span.start) {
            let gap = text.get(offset + word.len()..span.start).unwrap_or("x");
            if gap.trim().is_empty() && DEADLINE.contains(&word.to_lowercase().as_str()) {
                return Some(Tense::Future);
            }
        }
        let mut best: Option<(usize, Tense)> = None;
        for (i, &(offset, word)) in words.iter().enumerate() {
            let end = offset + word.len();
            if offset >= span.start && end <= span.end {
                continue;
            }
            let next = words.get(i + 1).map(|(_, w)| *w);
            let prev = i.checked_sub(1).and_then(|p| words.get(p)).map(|(_, w)| *w);
            let Some(t) = cue(word, prev, next) else {
                continue;
            };
            if t == Tense::Present {
                continue;
            }
            // Distance in words; a cue after the expression counts two words further, since
            // the verb governing a date usually precedes it ("talks begun in June would …").
            let distance = if end <= span.start {
                1 + words
                    .iter()
                    .filter(|(o, _)| *o >= end && *o < span.start)
                    .count()
            } else {
                3 + words
                    .iter()
                    .filter(|(o, _)| *o >= span.end && *o < offset)
                    .count()
            };
            // A cue before the expression wins a tie: reporting verbs precede their dates.
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, t));
            }
        }
        best.map(|(_, t)| t)
    }
}

/// Words of `s` with their byte offsets; apostrophes stay inside words ("'ll", "won't").
pub(crate) fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let inside = c.is_alphanumeric() || c == '\'' || c == '’';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tense_of(sentence: &str, expr: &str) -> Option<Tense> {
        let start = sentence.find(expr).expect("expr in sentence");
        LexicalTense.tense(sentence, 0..sentence.len(), start..start + expr.len())
    }

    #[test]
    fn nearest_cue_decides() {
        assert_eq!(
            tense_of("He said on Friday it will rain.", "Friday"),
            Some(Tense::Past)
        );
        assert_eq!(
            tense_of("They will meet on Friday.", "Friday"),
            Some(Tense::Future)
        );
        assert_eq!(
            tense_of("They're going to meet in June.", "June"),
            Some(Tense::Future)
        );
        assert_eq!(
            tense_of("Talks resumed in June.", "June"),
            Some(Tense::Past)
        );
        assert_eq!(tense_of("In June.", "June"), None);
        assert_eq!(tense_of("We’ll see in June.", "June"), Some(Tense::Future));
    }
}
