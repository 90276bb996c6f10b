//! Finding expressions: run every rule, keep the matches whose context passes the rule's
//! guard, choose the longest among overlapping ones, then join a clock time with the day
//! beside it ("5 p.m. Thursday").

use std::ops::Range;

use crate::TimexKind;
use crate::grammar::{Action, Grammar, Scan};
use crate::guard;

/// One expression found in the text, before anchoring.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// Byte offsets into the text.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Index of the rule in the grammar.
    pub(crate) rule: usize,
    pub(crate) kind: TimexKind,
    pub(crate) action: Action,
    /// Named groups that matched, with their byte ranges.
    pub(crate) groups: Vec<(String, Range<usize>)>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A match must not cut a word: "Mayor" holds no "May", "2019x" no year.
fn at_word_edges(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    let first = text.get(start..).and_then(|s| s.chars().next());
    let last = text.get(..end).and_then(|s| s.chars().next_back());
    let cut_before = before.is_some_and(is_word_char) && first.is_some_and(is_word_char);
    let cut_after = after.is_some_and(is_word_char) && last.is_some_and(is_word_char);
    !cut_before && !cut_after
}

/// Every expression of `text`, in text order, not overlapping.
pub(crate) fn detect(grammar: &Grammar, text: &str) -> Vec<Mention> {
    detect_scan(grammar, text, &grammar.scan_text(text))
}

/// [`detect`] with the regexes run as `scan` says.
fn detect_scan(grammar: &Grammar, text: &str, scan: &Scan<'_>) -> Vec<Mention> {
    let mut candidates: Vec<Mention> = Vec::new();
    for (index, rule) in grammar.rules.iter().enumerate() {
        for (r, unicode) in rule.regexes.iter().enumerate() {
            // A pattern the prefilter rules out would find nothing.
            if let (Some(possible), Some(p)) = (&scan.possible, grammar.pattern_index(index, r))
                && possible.get(p) == Some(&false)
            {
                continue;
            }
            for piece in &scan.pieces {
                let (regex, hay) = match rule.ascii.get(r) {
                    Some(ascii) if piece.ascii => (ascii, scan.shadow.get(..piece.end)),
                    _ => (unicode, text.get(..piece.end)),
                };
                let Some(hay) = hay else { continue };
                let mut pos = piece.start;
                // The loop of `captures_iter`, from the piece's start: after an empty match
                // the search resumes one character on.
                while pos <= hay.len() {
                    let Some(caps) = regex.captures_at(hay, pos) else {
                        break;
                    };
                    let Some(whole) = caps.get(0) else { break };
                    if whole.is_empty() {
                        pos = whole.end()
                            + hay
                                .get(whole.end()..)
                                .and_then(|r| r.chars().next())
                                .map_or(1, char::len_utf8);
                        continue;
                    }
                    pos = whole.end();
                    let (start, end) = trim(text, whole.start(), whole.end());
                    if start >= end || !at_word_edges(text, start, end) {
                        continue;
                    }
                    if let Some(g) = rule.guard
                        && !guard::check(g, text, &(start..end))
                    {
                        continue;
                    }
                    let groups = regex
                        .capture_names()
                        .enumerate()
                        .filter_map(|(i, name)| {
                            let name = name?;
                            let m = caps.get(i)?;
                            Some((name.to_string(), m.range()))
                        })
                        .collect();
                    candidates.push(Mention {
                        start,
                        end,
                        rule: index,
                        kind: rule.kind,
                        action: rule.action.clone(),
                        groups,
                    });
                }
            }
        }
    }
    // Longest first; on equal length the earlier rule, then the earlier position.
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.rule.cmp(&b.rule))
            .then(a.start.cmp(&b.start))
    });
    // One flag per byte keeps the overlap test linear in the text, however many candidates.
    let mut taken = vec![false; text.len()];
    let mut chosen: Vec<Mention> = Vec::new();
    for c in candidates {
        let Some(span) = taken.get_mut(c.start..c.end) else {
            continue;
        };
        if span.iter().any(|t| *t) {
            continue;
        }
        span.iter_mut().for_each(|t| *t = true);
        chosen.push(c);
    }
    chosen.sort_by_key(|m| m.start);
    merge_clock_and_day(grammar, text, chosen)
}

/// Drops surrounding whitespace from a match.
fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let Some(s) = text.get(start..end) else {
        return (start, start);
    };
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return (start, start);
    }
    (start + lead, end - trail)
}

fn is_clock(grammar: &Grammar, m: &Mention) -> bool {
    m.action == Action::Time
        && grammar
            .rules
            .get(m.rule)
            .is_some_and(|r| r.id.starts_with("time."))
        && !m.groups.iter().any(|(n, _)| n == "day" || n == "wd")
}

fn is_day(grammar: &Grammar, m: &Mention) -> bool {
    m.kind == TimexKind::Date
        && grammar.rules.get(m.rule).is_some_and(|r| {
            matches!(
                r.id.as_str(),
                "date.weekday"
                    | "date.rel_weekday"
                    | "date.month_day"
                    | "date.wd_month_day"
                    | "date.wd_day_month"
                    | "date.day_month"
                    | "date.deictic"
            )
        })
}

/// "5 p.m. EST Thursday", "10 a.m. on Nov. 9", "Thursday at 7:15 p.m." become one TIME.
fn merge_clock_and_day(grammar: &Grammar, text: &str, mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    let mut iter = mentions.into_iter().peekable();
    while let Some(m) = iter.next() {
        let Some(next) = iter.peek() else {
            out.push(m);
            continue;
        };
        let between = text
            .get(m.end..next.start)
            .unwrap_or("x")
            .trim()
            .to_lowercase();
        let clock_then_day = is_clock(grammar, &m)
            && is_day(grammar, next)
            && matches!(between.as_str(), "" | "," | "on");
        let day_then_clock = is_day(grammar, &m)
            && is_clock(grammar, next)
            && matches!(between.as_str(), "" | "," | "at" | ", at");
        if (clock_then_day || day_then_clock)
            && let Some(n) = iter.next()
        {
            let (clock, day) = if clock_then_day { (&m, &n) } else { (&n, &m) };
            let mut groups = clock.groups.clone();
            groups.extend(day.groups.iter().cloned());
            out.push(Mention {
                start: m.start,
                end: n.end,
                rule: clock.rule,
                kind: TimexKind::Time,
                action: Action::Time,
                groups,
            });
            continue;
        }
        out.push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Piece;
    use proptest::prelude::*;

    /// The slow reference: the original Unicode regexes over the whole original text.
    fn detect_reference(grammar: &Grammar, text: &str) -> Vec<(usize, usize, usize)> {
        let scan = Scan {
            shadow: std::borrow::Cow::Borrowed(text),
            pieces: vec![Piece {
                start: 0,
                end: text.len(),
                ascii: false,
            }],
            possible: None,
        };
        detect_scan(grammar, text, &scan)
            .iter()
            .map(|m| (m.start, m.end, m.rule))
            .collect()
    }

    fn detect_fast(grammar: &Grammar, text: &str) -> Vec<(usize, usize, usize)> {
        detect(grammar, text)
            .iter()
            .map(|m| (m.start, m.end, m.rule))
            .collect()
    }

    /// Parsed once: the proptest below runs hundreds of cases.
    fn grammar() -> &'static Grammar {
        static GRAMMAR: std::sync::OnceLock<Grammar> = std::sync::OnceLock::new();
        GRAMMAR.get_or_init(|| Grammar::parse(crate::GRAMMAR_SOURCE).unwrap())
    }

    #[test]
    fn shadow_scan_matches_unicode_scan() {
        let g = grammar();
        for text in [
            "On Friday, March 3, 2023 in Zürich, then 5 p.m. Tuesday.",
            "éMay 2019é and May 2019 é 2019é 3 days ago",
            "मैं पिछले १८ साल से, since 2019 and १९ May, 2020; ३ days ago on Monday",
            "the 1990s, ’90s, two weeks ago, \u{212A}ast Friday, la\u{17F}t year, last year",
            "June２０１９ and June 2019 café-2019 naïve Monday",
        ] {
            assert_eq!(detect_fast(g, text), detect_reference(g, text), "{text}");
        }
    }

    proptest! {
        #[test]
        fn shadow_scan_matches_unicode_scan_on_word_soup(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("May"), Just("2019"), Just("é"), Just("१८"), Just("Friday"),
                    Just("\u{212A}"), Just("\u{17F}"), Just("last"), Just("year"), Just("3"),
                    Just("days"), Just("ago"), Just("p.m."), Just("’"), Just("ü"), Just("the"),
                    Just("１"), Just("March"), Just("week"), Just("Tuesday,"), Just("1990s"),
                ],
                0..24,
            ),
            seps in proptest::collection::vec(
                prop_oneof![Just(" "), Just(""), Just("-"), Just(", "), Just("\u{a0}")],
                24,
            ),
        ) {
            let g = grammar();
            let mut text = String::new();
            for (w, s) in words.iter().zip(&seps) {
                text.push_str(w);
                text.push_str(s);
            }
            prop_assert_eq!(detect_fast(g, &text), detect_reference(g, &text));
        }
    }
}
