//! Context checks that reject a match where the words around it say it is not a time:
//! "May" the modal, "the March on Washington", "Man Friday", "the Sunday Times", "2019 troops".

use std::ops::Range;

use crate::grammar::Guard;
use crate::tense::words;

/// Words after which a bare month or weekday name is a date ("in May", "on Friday").
const CUES: &[&str] = &[
    "in", "since", "until", "till", "til", "by", "from", "through", "during", "before", "after",
    "last", "this", "next", "early", "late", "mid", "on", "of", "for", "between", "to", "around",
    "each", "every", "that", "past", "until", "as", "and", "or", "earlier", "later", "since",
];

/// Capitalized words that make a name with a following weekday ("Man Friday").
const WEEKDAY_NAME_MAKERS: &[&str] = &[
    "man",
    "girl",
    "gal",
    "black",
    "cyber",
    "bloody",
    "super",
    "ash",
    "palm",
    "holy",
    "maundy",
    "mothering",
    "low",
    "shrove",
    "easter",
    "whit",
    "trinity",
    "rose",
    "blue",
    "manic",
];

/// Month names that are also common words or first names.
const AMBIGUOUS_MONTHS: &[&str] = &["may", "march", "april", "june", "august"];

/// Nouns that follow a bare number which is a count, not a year.
const COUNT_NOUNS: &[&str] = &[
    "people",
    "troops",
    "soldiers",
    "men",
    "women",
    "children",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "feet",
    "tonnes",
    "tons",
    "votes",
    "dollars",
    "euros",
    "pounds",
    "barrels",
    "shares",
    "jobs",
    "cases",
    "deaths",
    "units",
    "points",
    "rounds",
    "houses",
    "homes",
    "families",
    "workers",
    "employees",
    "members",
    "residents",
    "civilians",
    "refugees",
    "prisoners",
    "drones",
    "missiles",
    "shells",
    "vehicles",
    "tanks",
    "aircraft",
    "hectares",
    "acres",
    "words",
    "pages",
    "copies",
    "students",
    "patients",
    "cars",
];

/// The word before `pos` and the word after `end` (lower-cased) and whether each is
/// capitalized in the text.
struct Context<'a> {
    prev: Option<&'a str>,
    next: Option<&'a str>,
    /// The character immediately before the match, skipping nothing.
    char_before: Option<char>,
    char_after: Option<char>,
    /// Whether only spaces separate the previous word from the match (no comma or period).
    prev_adjacent: bool,
    /// Whether a single run of spaces separates the match from the next word.
    next_adjacent: bool,
}

/// Bytes of context looked at on each side: enough for a word or two, and it keeps the
/// checks constant-time however long the text.
const WINDOW: usize = 64;

fn context<'a>(text: &'a str, span: &Range<usize>) -> Context<'a> {
    let mut from = span.start.saturating_sub(WINDOW);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = span.end.saturating_add(WINDOW).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let before = text.get(from..span.start).unwrap_or("");
    let after = text.get(span.end..to).unwrap_or("");
    let prev_words: Vec<(usize, &str)> = words(before).collect();
    let prev = prev_words.last().map(|&(o, w)| (o, w));
    let prev_adjacent = prev.is_some_and(|(o, w)| before[o + w.len()..].trim().is_empty());
    let next = words(after).next();
    let next_adjacent = next.is_some_and(|(o, _)| o > 0 && after[..o].trim().is_empty());
    Context {
        prev: prev.map(|(_, w)| w),
        next: next.map(|(_, w)| w),
        next_adjacent,
        char_before: before.chars().next_back(),
        char_after: after.chars().next(),
        prev_adjacent,
    }
}

/// Capitalized words before a year that still date it inside a quoted name.
const SEASONS_AND_FEASTS: &[&str] = &[
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "christmas",
    "easter",
    "ramadan",
    "eid",
    "fy",
    "q1",
    "q2",
    "q3",
    "q4",
    "h1",
    "h2",
];

/// Whether an opening quotation mark stands at most three words before the end of
/// `before`, with no other quotation mark after it.
fn opens_short_quote(before: &str) -> bool {
    let tail: String = before
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let Some((q, mark)) = tail
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '"' | '“'))
    else {
        return false;
    };
    let inside = &tail[q + mark.len_utf8()..];
    let opening = tail[..q]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || c == '(');
    opening && !inside.is_empty() && inside.split_whitespace().count() <= 3
}

fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_cue(w: &str) -> bool {
    CUES.contains(&w.to_lowercase().as_str())
}

/// Whether a match of a rule with `guard` at `span` stands in `text`.
pub(crate) fn check(guard: Guard, text: &str, span: &Range<usize>) -> bool {
    let matched = text.get(span.clone()).unwrap_or("");
    let cx = context(text, span);
    match guard {
        Guard::Year => {
            if matches!(
                cx.char_before,
                Some('$' | '€' | '£' | '#' | '+' | '/' | '.' | ',')
            ) || matches!(cx.char_after, Some('%' | '/'))
            {
                return false;
            }
            let after = text.get(span.end..).unwrap_or("");
            // "2019.5", "2019,000" and "2019-20 budget" are numbers or ranges, not years alone.
            let mut tail = after.chars();
            if let (Some('.' | ',' | ':'), Some(d)) = (tail.next(), tail.next())
                && d.is_ascii_digit()
            {
                return false;
            }
            if let Some(next) = cx.next {
                let n = next.to_lowercase();
                if COUNT_NOUNS.contains(&n.as_str()) {
                    return false;
                }
                // "1885 aftershocks", "1350 migrants": a bare number before a lowercase
                // plural counts it, unless a preposition or article makes it a year ("in
                // 1850 elections were held"). Only before 1900: news writes "1986 sales"
                // and "2019 elections" for the years' own figures and events.
                let old_year = matched.trim().parse::<u32>().is_ok_and(|y| y < 1900);
                let plural = old_year
                    && next.len() > 3
                    && next.ends_with('s')
                    && !next.ends_with("ss")
                    && next.chars().all(|c| c.is_ascii_lowercase());
                let year_cue = cx.prev_adjacent
                    && cx.prev.is_some_and(|p| {
                        is_cue(p) || matches!(p.to_lowercase().as_str(), "the" | "its" | "their")
                    });
                if plural && cx.next_adjacent && !year_cue && !matched.contains(char::is_whitespace)
                {
                    return false;
                }
            }
            if let Some(prev) = cx.prev {
                let p = prev.to_lowercase();
                if matches!(
                    p.as_str(),
                    "no" | "number" | "page" | "flight" | "route" | "room"
                ) && cx.prev_adjacent
                {
                    return false;
                }
            }
            // "a programme dubbed \"Zrínyi 2026\"", "\"Vision 2030\"": a year closing a short
            // quoted name is part of the name. Seasons and feasts still date ("Spring 2020").
            let closes_quote = matches!(cx.char_after, Some('"' | '”' | '’' | '\''));
            if closes_quote
                && cx.prev_adjacent
                && cx.prev.is_some_and(|p| {
                    capitalized(p)
                        && !is_cue(p)
                        && !SEASONS_AND_FEASTS.contains(&p.to_lowercase().as_str())
                })
                && opens_short_quote(text.get(..span.start).unwrap_or(""))
            {
                return false;
            }
            // "Kopp's 1987 Chevrolet", "1600 Pennsylvania Avenue": a number glued to a name.
            // After a preposition or "the" it is still a year ("in 2019 France", "the 2019
            // World Cup").
            let bare = !matched.contains(char::is_whitespace);
            let year_context = cx.prev_adjacent
                && cx.prev.is_some_and(|p| {
                    is_cue(p) || matches!(p.to_lowercase().as_str(), "the" | "a" | "its" | "their")
                });
            !(bare && cx.next_adjacent && cx.next.is_some_and(capitalized) && !year_context)
        }
        Guard::BareMonth => {
            let month = words(matched)
                .last()
                .map(|(_, w)| w.to_lowercase())
                .unwrap_or_default();
            let prefixed = matched.contains(char::is_whitespace); // "the end of May"
            let cue_before =
                (cx.prev.is_some_and(is_cue) && cx.prev_adjacent) || cx.char_before == Some('-');
            let possessive = text
                .get(span.end..)
                .is_some_and(|a| a.starts_with("'s") || a.starts_with("’s"));
            let next_is_name = cx.next.is_some_and(capitalized) && cx.next_adjacent;
            if AMBIGUOUS_MONTHS.contains(&month.as_str()) {
                // "May" the modal or a first name: only a preposition before it makes it a month.
                let strict_cue = cx.prev.is_some_and(|p| {
                    !matches!(
                        p.to_lowercase().as_str(),
                        "and" | "or" | "to" | "that" | "as"
                    )
                }) && cue_before;
                (strict_cue || prefixed || possessive) && !next_is_name
            } else {
                // Unambiguous months stand alone unless a name follows ("July Smith").
                !next_is_name
            }
        }
        Guard::Weekday => {
            let cue_before = cx.prev.is_some_and(is_cue) && cx.prev_adjacent;
            // "Man Friday", "Bloody Sunday": a name made with a weekday. A capitalized word
            // before is otherwise fine: news writes "Clinton Thursday condemned", "in Miami
            // Wednesday".
            if cx.prev_adjacent
                && cx.prev.is_some_and(|p| {
                    capitalized(p) && WEEKDAY_NAME_MAKERS.contains(&p.to_lowercase().as_str())
                })
            {
                return false;
            }
            // "Sunday Times", "Sunday Telegraph": a capitalized word right after, unless a
            // preposition marks the day as a date ("on Sunday Macron said").
            let glued_next = cx.next_adjacent && cx.next.is_some_and(capitalized);
            !glued_next || cue_before
        }
        Guard::Duration => {
            // "$5 a year" is a rate; "six years old" an age; "60 Minutes" a title.
            let unit_capitalized = words(matched).last().is_some_and(|(_, w)| capitalized(w))
                && matched.chars().any(char::is_lowercase);
            !matches!(cx.char_before, Some('$' | '€' | '£'))
                && !cx.next.is_some_and(|n| n.eq_ignore_ascii_case("old"))
                && !unit_capitalized
        }
        Guard::SetAdverb => {
            // "Daily" capitalized inside a sentence is a paper's name ("the Daily Telegraph",
            // "China Daily"); at a sentence start (or after a wire dateline's dash) it is the
            // adverb or adjective ("Weekly auctions resumed").
            let capitalized = matched.chars().next().is_some_and(char::is_uppercase);
            let sentence_start = text[..span.start]
                .trim_end_matches([' ', '"', '“', '\''])
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':' | '-' | '–' | '—'));
            !capitalized || sentence_start
        }
        Guard::NotAge => {
            // "a 6-year-old boy" states an age, not a stretch of time.
            !matched.to_lowercase().ends_with("old")
        }
        Guard::VaguePlural => {
            cx.prev.is_some_and(|p| {
                matches!(
                    p.to_lowercase().as_str(),
                    "for" | "within" | "over" | "took" | "lasted" | "spent"
                )
            }) && cx.prev_adjacent
        }
        Guard::Clock24 => {
            let after_word = cx.next.map(str::to_lowercase);
            cx.prev.is_some_and(|p| {
                matches!(
                    p.to_lowercase().as_str(),
                    "at" | "by" | "around" | "until" | "from"
                )
            }) || matches!(
                after_word.as_deref(),
                Some("gmt" | "utc" | "hours" | "hrs" | "h" | "local")
            ) || matched.contains(['G', 'U', 'h'])
        }
    }
}
