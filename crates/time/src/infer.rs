//! Inferring the article's own date from its text.
//!
//! Evidence, strongest first:
//! 1. weekday–date pairs without a year ("Tuesday, March 4") fit only some years;
//! 2. the years the text names: one named in a past or present clause is a lower bound on
//!    the document's year, one named in a future clause an upper bound; among the years the
//!    pairs fit, the nearest one after the latest past year is taken;
//! 3. the article is written on or after the latest day it reports (outside future clauses);
//! 4. when the caller knows the day the article is read, it is written no later than that:
//!    a pair takes the latest fitting year up to it, and later years are no evidence.

use std::ops::Range;

use jiff::civil::{Date, Weekday};

use crate::DocumentDate;
use crate::detect::{Mention, detect};
use crate::grammar::{Action, Grammar};
use crate::normalize::Fields;
use crate::tense::{Tense, TenseHint};

/// Years searched for a weekday–date pair when only one bound is known.
const SEARCH_SPAN: i16 = 40;

struct Pair {
    weekday: i8,
    month: i8,
    day: i8,
    surface: String,
}

fn weekday_number(d: Date) -> i8 {
    Weekday::Monday.until(d.weekday()) + 1
}

fn fits(pair: &Pair, year: i16) -> bool {
    Date::new(year, pair.month, pair.day).is_ok_and(|d| weekday_number(d) == pair.weekday)
}

fn quoted_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("'{s}'")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn year_list(years: &[i16]) -> String {
    years
        .iter()
        .map(i16::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sentence holding byte `pos`, or the whole text.
pub(crate) fn sentence_of(sentences: &[Range<usize>], pos: usize, len: usize) -> Range<usize> {
    let holds = |s: &Range<usize>| s.start <= pos && pos < s.end && s.end <= len;
    // Sentences normally come in text order: search them by halves, else scan.
    let i = sentences.partition_point(|s| s.end <= pos);
    if let Some(s) = sentences.get(i).filter(|s| holds(s)) {
        return s.clone();
    }
    sentences
        .iter()
        .find(|s| holds(s))
        .cloned()
        .unwrap_or(0..len)
}

/// Infers the document date; `None` when the text gives no year at all.
pub(crate) fn infer(
    grammar: &Grammar,
    text: &str,
    sentences: &[Range<usize>],
    hint: &dyn TenseHint,
    read_on: Option<Date>,
) -> Option<DocumentDate> {
    let mentions = detect(grammar, text);
    let mut past_years: Vec<i16> = Vec::new();
    let mut future_years: Vec<i16> = Vec::new();
    let mut pairs: Vec<Pair> = Vec::new();
    // Days with a year, and month-days without one, outside future clauses.
    let mut explicit_days: Vec<Date> = Vec::new();
    let mut month_days: Vec<(i8, i8)> = Vec::new();
    for m in &mentions {
        if m.action != Action::Date && m.action != Action::Time {
            continue;
        }
        let f = Fields::read(grammar, text, m);
        let tense = tense_of(text, sentences, m, hint);
        let future = tense == Some(Tense::Future);
        if f.decade.is_some() || f.decade2.is_some() || f.century.is_some() {
            continue;
        }
        if let Some(y) = f.year {
            if future {
                future_years.push(y);
            } else {
                past_years.push(y);
            }
        }
        match (f.year, f.month, f.day) {
            (Some(y), Some(mo), Some(d)) if !future => {
                if let Ok(date) = Date::new(y, mo, d) {
                    explicit_days.push(date);
                }
            }
            (None, Some(mo), Some(d)) => {
                if let Some(wd) = f.weekday {
                    pairs.push(Pair {
                        weekday: wd,
                        month: mo,
                        day: d,
                        surface: text.get(m.start..m.end).unwrap_or("").to_string(),
                    });
                }
                if !future {
                    month_days.push((mo, d));
                }
            }
            _ => {}
        }
    }
    // An article is written no later than the day it is read: a year after that is a
    // plan's or a name's ("Vision 2030"), not the article's.
    let today = read_on.map(|d| d.year());
    let lower = past_years
        .iter()
        .copied()
        .filter(|&y| today.is_none_or(|t| y <= t))
        .max();
    let upper = future_years.iter().copied().min();

    let mut basis: Vec<String> = Vec::new();
    let mut year_from_pairs = false;
    let mut year = None;
    if !pairs.is_empty() {
        let window: Vec<i16> = match (today, lower, upper) {
            // Read on a known day: the latest fitting year up to it, and not before a year
            // the text names as past. News is mostly read when it is new, and a pair fits
            // only every five to eleven years.
            (Some(t), lo, _) => {
                let lo = lo.unwrap_or(t.saturating_sub(SEARCH_SPAN));
                (lo..=t).rev().collect()
            }
            (None, Some(lo), _) => (lo..=lo.saturating_add(SEARCH_SPAN)).collect(),
            (None, None, Some(hi)) => (hi.saturating_sub(SEARCH_SPAN)..=hi).rev().collect(),
            (None, None, None) => Vec::new(),
        };
        let score = |y: i16| pairs.iter().filter(|p| fits(p, y)).count();
        let best = window.iter().map(|&y| score(y)).max().unwrap_or(0);
        if best > 0 {
            // The window runs away from the bound, so the first best year is the nearest.
            if let Some(&chosen) = window.iter().find(|&&y| score(y) == best) {
                year = Some(chosen);
                year_from_pairs = true;
                let surfaces: Vec<String> = pairs.iter().map(|p| p.surface.clone()).collect();
                let before = (chosen.saturating_sub(SEARCH_SPAN)..chosen)
                    .rev()
                    .find(|&y| score(y) == best);
                let after =
                    (chosen + 1..=chosen.saturating_add(SEARCH_SPAN)).find(|&y| score(y) == best);
                let mut fitting: Vec<i16> = before.into_iter().collect();
                fitting.push(chosen);
                fitting.extend(after);
                let noun = if pairs.len() == 1 { "pair" } else { "pairs" };
                let verb = if pairs.len() == 1 { "fits" } else { "fit" };
                basis.push(format!(
                    "weekday–date {noun} {} {verb} {}",
                    quoted_list(&surfaces),
                    year_list(&fitting)
                ));
                match (read_on, lower) {
                    (Some(day), Some(lo)) => basis.push(format!(
                        "the text names {lo} as a past year and the article is read on {day}, so the latest fitting year between them: {chosen}"
                    )),
                    (Some(day), None) => basis.push(format!(
                        "the article is read on {day}, so the latest fitting year up to then: {chosen}"
                    )),
                    (None, Some(lo)) => basis.push(format!(
                        "the text names {lo} as a past year, so the nearest fitting year from then on: {chosen}"
                    )),
                    (None, None) => {
                        if let Some(hi) = upper {
                            basis.push(format!(
                                "the text names {hi} as a future year, so the nearest fitting year up to it: {chosen}"
                            ));
                        }
                    }
                }
                let misfits: Vec<String> = pairs
                    .iter()
                    .filter(|p| !fits(p, chosen))
                    .map(|p| p.surface.clone())
                    .collect();
                if !misfits.is_empty() {
                    basis.push(format!(
                        "{} does not fit {chosen}: its weekday contradicts its date",
                        quoted_list(&misfits)
                    ));
                }
            }
        }
    }
    if year.is_none()
        && let Some(lo) = lower
    {
        {
            year = Some(lo);
            basis.push(format!(
                "the latest year the text names outside a future clause: {lo}"
            ));
        }
    }
    let year = year?;
    let mut days: Vec<Date> = explicit_days
        .iter()
        .copied()
        .filter(|d| d.year() == year)
        .collect();
    if year_from_pairs {
        days.extend(
            month_days
                .iter()
                .filter_map(|&(mo, d)| Date::new(year, mo, d).ok()),
        );
    }
    let value = match days.iter().max() {
        Some(latest) => {
            let v = format!(
                "{:04}-{:02}-{:02}",
                latest.year(),
                latest.month(),
                latest.day()
            );
            basis.push(format!(
                "the article is written on or after the latest day it reports: {v}"
            ));
            v
        }
        None => format!("{year:04}"),
    };
    Some(DocumentDate {
        value,
        inferred: true,
        basis: basis.join("; "),
    })
}

fn tense_of(
    text: &str,
    sentences: &[Range<usize>],
    m: &Mention,
    hint: &dyn TenseHint,
) -> Option<Tense> {
    let sentence = sentence_of(sentences, m.start, text.len());
    hint.tense(text, sentence, m.start..m.end)
}
