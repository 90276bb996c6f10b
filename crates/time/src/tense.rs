//! Tense of the clause around a time expression, from lexical cues.
//!
//! In news an underspecified "Friday" or "June" usually refers to the past; a future cue
//! ("will meet on Friday") moves it forward. The cues here are words only; a caller with a
//! parser can implement [`TenseHint`] and pass it to `TimeTagger::tag_with` instead.

use std::borrow::Cow;
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
    "intends",
    "tomorrow",
    "next",
    "forthcoming",
    "payable",
    "effective",
    "would",
    "soon",
];

/// Words that open a noun phrase: after "due to" they make it causal ("due to the strike").
const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "his",
    "her",
    "their",
    "our",
    "this",
    "that",
    "these",
    "those",
    "lower",
    "higher",
    "weak",
    "weaker",
    "strong",
    "stronger",
    "poor",
    "increased",
    "reduced",
];

/// Verbs of saying: after the expression, set off by a quote or a comma, they date the report,
/// not what is reported ("'He will leave at 4 a.m. Thursday,' Castro said"; "NATO will admit
/// them in March, an official said").
const REPORTING: &[&str] = &["said", "says", "told", "added"];

/// Prepositions that, right before a date, set a deadline ahead ("by Jan. 14", "until March 6").
const DEADLINE: &[&str] = &["by", "until", "till", "til"];

/// Words that put a clause in the future when "to" follows ("plans to", "is to", "set to"):
/// verbs and nouns of intention or commitment, whose infinitive lies ahead of them ("agreed
/// to buy the unit in February", "an agreement to acquire it in January").
const FUTURE_BEFORE_TO: &[&str] = &[
    "going",
    "is",
    "are",
    "set",
    "plans",
    "plan",
    "planned",
    "aims",
    "intend",
    "intends",
    "intended",
    "wants",
    "hopes",
    "expects",
    "expect",
    "decided",
    "agreed",
    "agrees",
    "promised",
    "pledged",
    "vowed",
    "voted",
    "threatened",
    "offered",
    "proposed",
    "agreement",
    "proposal",
    "offer",
    "bid",
    "deal",
    "decision",
    "pledge",
    "promise",
    "intention",
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

/// Whether `word` is one of `list` (ASCII case-insensitive, without allocating).
fn one_of(list: &[&str], word: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(word))
}

/// The tense `word` signals, given the words around it (`after_next` follows `next`).
fn cue(
    word: &str,
    prev: Option<&str>,
    next: Option<&str>,
    after_next: Option<&str>,
) -> Option<Tense> {
    // Most words are lower case already: no allocation for them.
    let lower = if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    };
    let w = lower.as_ref();
    let prev_word = prev.unwrap_or("");
    // "had been scheduled to expire": a plan seen from the past; "had" decides.
    if FUTURE.contains(&w) && one_of(&["had", "been"], prev_word) {
        return None;
    }
    if FUTURE.contains(&w) {
        // "next to the embassy" is a place and "due to its loss" a cause (a noun phrase
        // follows, not a verb as in "due to expire"), not the future.
        let to_follows = next.is_some_and(|n| n.eq_ignore_ascii_case("to"));
        let cause_follows = after_next.is_some_and(|a| one_of(DETERMINERS, a));
        if (w == "next" && to_follows) || (w == "due" && to_follows && cause_follows) {
            return None;
        }
        return Some(Tense::Future);
    }
    // "was planned for early March", "is slated for June": a date set ahead.
    if matches!(w, "planned" | "scheduled" | "slated" | "set" | "due")
        && next.is_some_and(|n| n.eq_ignore_ascii_case("for"))
    {
        return Some(Tense::Future);
    }
    if w.ends_with("'ll") || w.ends_with("’ll") {
        return Some(Tense::Future);
    }
    if FUTURE_BEFORE_TO.contains(&w) && next.is_some_and(|n| n.eq_ignore_ascii_case("to")) {
        // "going to", "is to", "plans to" announce the future; plain "is" says nothing.
        return Some(Tense::Future);
    }
    // A capitalized "-ed" word inside a sentence is a name ("United States", "Red Cross").
    let regular_past = w.len() > 4
        && w.ends_with("ed")
        && !NOT_PAST.contains(&w)
        && (word.starts_with(char::is_lowercase) || prev.is_none())
        // "a still unspecified date", "the hastily planned trip": an adjective.
        && !one_of(DETERMINERS, prev_word)
        && !one_of(&["still", "yet", "newly", "hastily"], prev_word);
    // "were planning to", "was expected to", "was going to": the future seen from the
    // past; the word after the auxiliary decides.
    if matches!(w, "was" | "were")
        && next.is_some_and(|n| one_of(FUTURE, n) || one_of(FUTURE_BEFORE_TO, n))
    {
        return None;
    }
    let past = PAST.contains(&w) || regular_past;
    if past {
        // A participle after "be" takes its tense from the auxiliary ("will be held").
        let passive = prev.is_some_and(|p| {
            one_of(
                &["be", "been", "being", "is", "are", "am", "get", "gets"],
                p,
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
        // Opening a sentence ("Until Thursday, they had not…") the phrase sets the scene
        // for the main clause, whose verb decides. A bare year after a past verb is the end
        // of something past ("served from 1981 until 2011").
        let mut deadline = false;
        if let Some(&(offset, word)) = words.iter().rev().find(|(o, _)| *o < span.start) {
            let gap = text.get(offset + word.len()..span.start).unwrap_or("x");
            let opens_sentence = text
                .get(sentence.start..offset)
                .is_some_and(|before| !before.chars().any(char::is_alphanumeric));
            if gap.trim().is_empty()
                && DEADLINE.contains(&word.to_lowercase().as_str())
                && !opens_sentence
            {
                deadline = true;
            }
            // "since March": a start point lies behind the writer.
            if !deadline && gap.trim().is_empty() && word.eq_ignore_ascii_case("since") {
                return Some(Tense::Past);
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
            let after_next = words.get(i + 2).map(|(_, w)| *w);
            let Some(mut t) = cue(word, prev, next, after_next) else {
                continue;
            };
            // "On Friday, the government planned to pay…": a date before a past verb of
            // intention dates the decision, not what was decided.
            if t == Tense::Future
                && offset >= span.end
                && one_of(FUTURE_BEFORE_TO, word)
                && (word.ends_with("ed") || one_of(PAST, word))
            {
                t = Tense::Past;
            }
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
                let set_off = text
                    .get(span.end..offset)
                    .is_some_and(|gap| gap.contains(['"', '”', '“', ',']) || gap.contains("''"));
                let penalty = if set_off && one_of(REPORTING, word) {
                    6
                } else {
                    3
                };
                penalty
                    + words
                        .iter()
                        .filter(|(o, _)| *o >= span.end && *o < offset)
                        .count()
            };
            // A cue before the expression wins a tie: reporting verbs precede their dates.
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, t));
            }
        }
        if deadline {
            let bare_year = text
                .get(span.clone())
                .is_some_and(|t| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()));
            let past = best.is_some_and(|(_, t)| t == Tense::Past);
            return Some(if bare_year && past {
                Tense::Past
            } else {
                Tense::Future
            });
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
