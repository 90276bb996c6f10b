//! From a matched expression to its TIMEX3 value: read the named groups into calendar
//! fields, then anchor what is underspecified on the document date, leaning on tense.
//!
//! Anchoring policy (news): an underspecified day, weekday or month lies in the past or the
//! near present unless a future cue says otherwise; a weekday given with its date chooses
//! the year it fits, and when none fits the value keeps the date and carries a note.

use jiff::civil::{Date, Weekday};

use crate::detect::Mention;
use crate::grammar::{Action, Grammar};
use crate::tense::Tense;

/// Days after the document date that a "March 4" with no tense cue may still lie: news
/// announces deadlines and payment dates a few weeks ahead without a future verb
/// ("payable Dec. 7", "extended to Nov. 6"), while a date further ahead is last year's.
const NEAR_FUTURE_DAYS: i64 = 60;

/// Months after the document's that a month named with no tense cue may lie.
const NEAR_FUTURE_MONTHS: i8 = 4;

/// Months after the document's that a month named in a past clause may lie.
const PAST_MONTHS_AHEAD: i8 = 0;

/// Days a dated clause may lie on the "wrong" side of the document date for its tense.
const TENSE_SLACK_DAYS: i64 = 7;

/// What the text has named so far, for expressions that refer back to it: "the next day"
/// counts from the day last named, an earnings report's "the quarter" and "a year earlier"
/// from the quarter it reports on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Narrative {
    /// The day last named.
    pub(crate) day: Option<Date>,
    /// The quarter last named (year, 1–4), not counting year-ago comparisons.
    pub(crate) quarter: Option<(i16, i8)>,
    /// The year of the date last named.
    pub(crate) year: Option<i16>,
}

impl Narrative {
    /// Takes note of the value of one more expression, found by a rule with `action` from
    /// `fields`.
    pub(crate) fn update(
        &mut self,
        action: &Action,
        fields: &Fields,
        value: &str,
        anchor: Option<&Anchor>,
    ) {
        if let Some(d) = day_of(value) {
            self.day = Some(d);
        }
        if let Some(y) = year_of(value) {
            self.year = Some(y);
        }
        if matches!(action, Action::Ago) && fields.event_relative && is_duration(value) {
            // "three days later" moves the story on from the day last named.
            let days = match (fields.num, fields.unit.as_deref()) {
                (Some(Some(n)), Some("D")) => Some(n.round() as i64),
                (Some(Some(n)), Some("W")) => Some(n.round() as i64 * 7),
                _ => None,
            };
            if let Some(days) = days {
                let sign = i64::from(fields.ago.unwrap_or(-1));
                self.day = self.day.and_then(|d| add_days(d, sign * days));
            }
            return;
        }
        // Only a completed quarter can be the one reported on; "a year earlier" (1988-Q3) and
        // "the 1988 quarter" compare with it and do not replace it.
        let comparison = matches!(action, Action::Ago)
            || matches!(action, Action::QuarterRef) && fields.year.is_some();
        if comparison {
            return;
        }
        if let Some(q) = quarter_of(value)
            && latest_completed_quarter(anchor).is_none_or(|latest| q <= latest)
        {
            self.quarter = Some(q);
        }
    }
}

/// The latest quarter that ended before the document date (`None` without a month).
fn latest_completed_quarter(anchor: Option<&Anchor>) -> Option<(i16, i8)> {
    let a = anchor?;
    let (y, m) = add_months(a.year, a.month?, -3);
    Some((i16::try_from(y).ok()?, i8::try_from((m - 1) / 3 + 1).ok()?))
}

/// Whether a value is a duration (`P3D`, `PT1H`, `PXD`), not `PAST_REF` or `PRESENT_REF`.
pub(crate) fn is_duration(value: &str) -> bool {
    value
        .strip_prefix('P')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit() || c == 'T' || c == 'X'))
}

/// The year a calendar value lies in (`1998`, `1998-10`, `1998-Q3`, `1998-10-23T22:00`), not
/// for decades, centuries or `XXXX`.
fn year_of(value: &str) -> Option<i16> {
    let y = value.get(..4)?;
    if !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if value.len() > 4 && value.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    y.parse().ok()
}

/// The quarter a value names (`1989-Q3`).
fn quarter_of(value: &str) -> Option<(i16, i8)> {
    let (y, q) = value.split_once("-Q")?;
    if y.len() != 4 || q.len() != 1 {
        return None;
    }
    Some((
        y.parse().ok()?,
        q.parse().ok().filter(|q| (1..=4).contains(q))?,
    ))
}

/// The document creation date, at the precision it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Anchor {
    pub(crate) year: i16,
    pub(crate) month: Option<i8>,
    pub(crate) day: Option<i8>,
}

impl Anchor {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (anything after the day, such as a time, is
    /// ignored). Returns `None` for anything else.
    pub(crate) fn parse(s: &str) -> Option<Anchor> {
        let s = s.trim();
        let year: i16 = s.get(..4)?.parse().ok()?;
        if !(1..=9999).contains(&year) {
            return None;
        }
        let month = match s.get(4..7) {
            Some(m) if m.starts_with('-') => Some(m[1..].parse::<i8>().ok()?),
            _ => None,
        };
        if month.is_some_and(|m| !(1..=12).contains(&m)) {
            return None;
        }
        let day = match (month, s.get(7..10)) {
            (Some(_), Some(d)) if d.starts_with('-') => Some(d[1..].parse::<i8>().ok()?),
            _ => None,
        };
        let anchor = Anchor { year, month, day };
        if day.is_some() && anchor.date().is_none() {
            return None;
        }
        Some(anchor)
    }

    /// The anchor as a day, when it is known to the day.
    pub(crate) fn date(&self) -> Option<Date> {
        Date::new(self.year, self.month?, self.day?).ok()
    }

    /// The latest day the anchor can mean (the end of its month or year), used to compare
    /// candidate dates when the anchor is coarser than a day.
    fn latest_day(&self) -> Option<Date> {
        if let Some(d) = self.date() {
            return Some(d);
        }
        let month = self.month.unwrap_or(12);
        let first = Date::new(self.year, month, 1).ok()?;
        Date::new(self.year, month, first.days_in_month()).ok()
    }
}

/// Every named group the grammar may use; `Fields::read` handles each. Reading a grammar
/// rejects any other name, so a typo in a pattern cannot silently drop a field.
pub(crate) const GROUP_NAMES: &[&str] = &[
    "year",
    "year2",
    "ord2",
    "yearwords",
    "month",
    "nmonth",
    "day",
    "wd",
    "rel",
    "relyear",
    "unit",
    "setunit",
    "num",
    "ord",
    "qnum",
    "half",
    "season",
    "decade",
    "decade2",
    "cent",
    "part",
    "deictic",
    "holiday",
    "evshift",
    "ago",
    "hour",
    "min",
    "ampm",
    "noon",
    "tonight",
];

/// Calendar fields read from a mention's named groups.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Fields {
    pub(crate) year: Option<i16>,
    pub(crate) month: Option<i8>,
    pub(crate) day: Option<i8>,
    /// 1 = Monday … 7 = Sunday.
    pub(crate) weekday: Option<i8>,
    pub(crate) rel: Option<i32>,
    pub(crate) unit: Option<String>,
    /// `None` = not given; `Some(None)` = given but vague ("several").
    pub(crate) num: Option<Option<f64>>,
    pub(crate) quarter: Option<i8>,
    pub(crate) half: Option<i8>,
    pub(crate) season: Option<String>,
    pub(crate) decade: Option<i32>,
    pub(crate) decade2: Option<i32>,
    pub(crate) century: Option<i32>,
    pub(crate) part: Option<String>,
    pub(crate) deictic: Option<i32>,
    /// -1 for "ago"/"earlier", +1 for "later"/"from now".
    pub(crate) ago: Option<i32>,
    /// Whether the shift counts from another event ("earlier", "later", "before", "after")
    /// rather than from the document date ("ago", "from now").
    pub(crate) event_relative: bool,
    /// A holiday's rule from the grammar (`12-25`, `11-4TH`, `EASTER-2`).
    pub(crate) holiday: Option<String>,
    /// Days from the day last named ("the next day" → 1).
    pub(crate) event_shift: Option<i32>,
    /// The year relative to the document's ("June last year" → -1).
    pub(crate) rel_year: Option<i32>,
    pub(crate) hour: Option<i8>,
    pub(crate) minute: Option<i8>,
    pub(crate) pm: Option<bool>,
    pub(crate) noon: Option<&'static str>,
    pub(crate) tonight: Option<(i32, &'static str)>,
}

impl Fields {
    /// Reads the groups of `mention` (a failed lookup leaves the field empty).
    pub(crate) fn read(grammar: &Grammar, text: &str, mention: &Mention) -> Fields {
        let mut f = Fields::default();
        for (name, range) in &mention.groups {
            let Some(surface) = text.get(range.clone()) else {
                continue;
            };
            let look = |key: &str| grammar.lookup(key, surface);
            match name.as_str() {
                "year" | "year2" => {
                    if let Some(y) = parse_year(surface) {
                        f.year = Some(y);
                    }
                }
                "yearwords" => f.year = year_from_words(grammar, surface).or(f.year),
                "month" => f.month = look("month").and_then(|v| v.parse().ok()),
                "nmonth" => f.month = surface.parse().ok(),
                "day" => f.day = leading_number(surface).and_then(|d| i8::try_from(d).ok()),
                "wd" => f.weekday = look("wd").and_then(|v| v.parse().ok()),
                "rel" => f.rel = look("rel").and_then(|v| v.parse().ok()),
                "unit" => f.unit = look("unit").map(str::to_string),
                "setunit" => f.unit = look("unit").map(str::to_string),
                // No count of calendar units in news exceeds this; the bound keeps the
                // calendar arithmetic below far from overflow on any input.
                "num" => {
                    f.num = Some(parse_number(grammar, surface).map(|n| n.clamp(0.0, 10_000.0)))
                }
                "ord" | "ord2" => f.quarter = look("ord").and_then(|v| v.parse().ok()),
                "qnum" => f.quarter = surface.get(1..).and_then(|q| q.parse().ok()),
                "half" => f.half = look("half").and_then(|v| v.parse().ok()),
                "season" => f.season = look("season").map(str::to_string),
                "decade" => f.decade = surface.parse::<i32>().ok().map(|d| d / 10),
                "decade2" => f.decade2 = surface.parse::<i32>().ok().map(|d| d / 10),
                "cent" => f.century = look("cent").and_then(|v| v.parse().ok()),
                "part" => f.part = look("part").map(str::to_string),
                "deictic" => f.deictic = look("deictic").and_then(|v| v.parse().ok()),
                "holiday" => f.holiday = look("holiday").map(str::to_string),
                "evshift" => {
                    let s = surface.to_lowercase();
                    f.event_shift = Some(if matches!(s.as_str(), "next" | "following" | "after") {
                        1
                    } else {
                        -1
                    });
                }
                "ago" => {
                    let s = surface.to_lowercase();
                    f.event_relative = !(s == "ago" || s == "hence" || s.starts_with("from"));
                    f.ago = Some(if s == "later" || s == "hence" || s.starts_with("from") {
                        1
                    } else {
                        -1
                    });
                }
                "relyear" => {
                    f.rel_year = look("rel").and_then(|v| v.parse().ok());
                }
                "hour" => {
                    f.hour = surface
                        .parse::<i8>()
                        .ok()
                        .or_else(|| grammar.lookup("num", surface).and_then(|v| v.parse().ok()))
                }
                "min" => f.minute = surface.parse().ok(),
                "ampm" => f.pm = Some(surface.to_lowercase().starts_with('p')),
                "noon" => {
                    f.noon = Some(if surface.eq_ignore_ascii_case("midnight") {
                        "24:00"
                    } else {
                        "12:00"
                    })
                }
                "tonight" => {
                    let s = surface.to_lowercase();
                    f.tonight = Some(if s.starts_with("last") {
                        (-1, "NI")
                    } else {
                        (0, "NI")
                    });
                }
                _ => {}
            }
        }
        f
    }
}

fn parse_year(s: &str) -> Option<i16> {
    let y: i16 = s.parse().ok()?;
    if s.len() == 2 {
        // Two-digit years in numeric dates: "11/28/24".
        return Some(if y >= 50 { 1900 + y } else { 2000 + y });
    }
    Some(y)
}

/// "nineteen ninety-six" → 1996, "two thousand and one" → 2001.
fn year_from_words(grammar: &Grammar, s: &str) -> Option<i16> {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && *w != "and")
        .collect();
    let val = |w: &str| -> Option<i32> { grammar.lookup("num", w)?.parse().ok() };
    let year = if words.get(1) == Some(&"thousand") {
        let mut y = val(words.first()?)? * 1000;
        for w in &words[2..] {
            y += val(w)?;
        }
        y
    } else {
        let mut rest = 0;
        for w in &words[1..] {
            rest += val(w)?;
        }
        val(words.first()?)? * 100 + rest
    };
    i16::try_from(year).ok()
}

fn leading_number(s: &str) -> Option<i32> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// A count: "3", "2.5", "5 1/2", "twenty-five", "two and a half", "several" (vague → `None`).
fn parse_number(grammar: &Grammar, s: &str) -> Option<f64> {
    let lower = s.to_lowercase();
    let (body, half) = match lower.strip_suffix("and a half") {
        Some(b) => (b.trim().to_string(), 0.5),
        None => (lower.trim().to_string(), 0.0),
    };
    if body.starts_with(|c: char| c.is_ascii_digit()) {
        let mut parts = body.split_whitespace();
        let whole: f64 = parts.next()?.parse().ok()?;
        let frac = match parts.next().and_then(|f| f.split_once('/')) {
            Some((a, b)) => {
                let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
                if b == 0.0 { 0.0 } else { a / b }
            }
            None => 0.0,
        };
        return Some(whole + frac + half);
    }
    if let Some(v) = grammar.lookup("num", &body) {
        return v.parse::<f64>().ok().map(|n| n + half);
    }
    let mut total = 0.0;
    for w in body.split(|c: char| c.is_whitespace() || c == '-') {
        if w.is_empty() {
            continue;
        }
        let v: f64 = grammar.lookup("num", w)?.parse().ok()?;
        if v == 100.0 && total > 0.0 {
            total *= 100.0;
        } else {
            total += v;
        }
    }
    Some(total + half)
}

/// The TIMEX3 value of a mention, and a note when its words contradict each other.
pub(crate) fn value(
    action: &Action,
    f: &Fields,
    anchor: Option<&Anchor>,
    tense: Option<Tense>,
    narrative: &Narrative,
) -> (String, Option<String>) {
    let previous_day = narrative.day;
    match action {
        Action::Fixed(v) => (v.clone(), None),
        Action::EventDay if f.unit.as_deref() == Some("Y") => (
            // "later that year": the year last named, else the document's.
            match narrative.year.or(anchor.map(|a| a.year)) {
                Some(y) => format!("{y:04}"),
                None => "PAST_REF".into(),
            },
            None,
        ),
        Action::EventDay => {
            let shift = i64::from(f.event_shift.unwrap_or(0));
            match previous_day.and_then(|d| add_days(d, shift)) {
                Some(d) => (fmt_date(d), None),
                None => (offset_value(f.event_shift.unwrap_or(0), anchor), None),
            }
        }
        // "three days later", "over an hour later": the stretch between two events, as
        // TimeML values it (the narrative day moves on in `Narrative::update`).
        Action::Ago
            if f.event_relative
                && matches!(f.unit.as_deref(), Some("D" | "W" | "H" | "MIN" | "S")) =>
        {
            (
                duration(f.num.unwrap_or(Some(1.0)), f.unit.as_deref()),
                None,
            )
        }
        Action::Date => {
            let (value, note) = date_value(f, anchor, tense);
            // "the week of March 6", "Easter week": the ISO week holding the day.
            match (f.unit.as_deref(), day_of(&value)) {
                (Some("W"), Some(d)) => (fmt_week(d), note),
                _ => (value, note),
            }
        }
        Action::Offset => (offset_value(f.deictic.unwrap_or(0), anchor), None),
        Action::PartDay => {
            let (shift, part) = match (&f.tonight, &f.part) {
                (Some((s, p)), _) => (*s, (*p).to_string()),
                (None, Some(p)) => (f.deictic.unwrap_or(0), p.clone()),
                (None, None) => (f.deictic.unwrap_or(0), "DT".to_string()),
            };
            let day = shifted_day(anchor, shift).unwrap_or_else(|| "XXXX-XX-XX".into());
            (format!("{day}T{part}"), None)
        }
        Action::Rel => (rel_value(f, anchor), None),
        Action::Ago => (ago_value(f, anchor, narrative.quarter), None),
        Action::Dur => (
            duration(f.num.unwrap_or(Some(1.0)), f.unit.as_deref()),
            None,
        ),
        Action::VagueDur => (duration(None, f.unit.as_deref()), None),
        Action::Time => time_value(f, anchor, tense, previous_day),
        Action::Set => (set_value(f), None),
        Action::QuarterRef => (quarter_ref(f, anchor, narrative.quarter), None),
        Action::Weekend => {
            let Some(d) = anchor.and_then(Anchor::date) else {
                return ("XXXX-WXX-WE".into(), None);
            };
            // Saturday is weekday 6: the latest one up to today, or the next one ahead.
            let today = weekday_number(d);
            let shift = if tense == Some(Tense::Future) {
                i64::from((6 - today).rem_euclid(7))
            } else {
                -i64::from((today - 6).rem_euclid(7))
            };
            (
                add_days(d, shift)
                    .map_or_else(|| "XXXX-WXX-WE".into(), |s| format!("{}-WE", fmt_week(s))),
                None,
            )
        }
        Action::YearEnd => (
            match anchor {
                Some(a) => format!("{:04}-12-31", a.year),
                None => "XXXX-12-31".into(),
            },
            None,
        ),
    }
}

fn weekday_number(d: Date) -> i8 {
    Weekday::Monday.until(d.weekday()) + 1
}

fn weekday_name(n: i8) -> &'static str {
    match n {
        1 => "Monday",
        2 => "Tuesday",
        3 => "Wednesday",
        4 => "Thursday",
        5 => "Friday",
        6 => "Saturday",
        _ => "Sunday",
    }
}

/// The day a value names, when it names exactly one (`2025-03-04`, `2025-03-04T17:00`).
pub(crate) fn day_of(value: &str) -> Option<Date> {
    let y: i16 = value.get(..4)?.parse().ok()?;
    if value.get(4..5)? != "-" || value.get(7..8)? != "-" {
        return None;
    }
    let m: i8 = value.get(5..7)?.parse().ok()?;
    let d: i8 = value.get(8..10)?.parse().ok()?;
    Date::new(y, m, d).ok()
}

fn fmt_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn fmt_week(d: Date) -> String {
    let iso = d.iso_week_date();
    format!("{:04}-W{:02}", iso.year(), iso.week())
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

fn add_months(y: i16, m: i8, n: i32) -> (i32, i32) {
    let total = i32::from(y) * 12 + i32::from(m) - 1 + n;
    (total.div_euclid(12), total.rem_euclid(12) + 1)
}

fn shifted_day(anchor: Option<&Anchor>, days: i32) -> Option<String> {
    let d = anchor?.date()?;
    add_days(d, i64::from(days)).map(fmt_date)
}

fn offset_value(days: i32, anchor: Option<&Anchor>) -> String {
    match shifted_day(anchor, days) {
        Some(v) => v,
        None => match days {
            0 => "PRESENT_REF".into(),
            d if d < 0 => "PAST_REF".into(),
            _ => "FUTURE_REF".into(),
        },
    }
}

fn ref_for(rel: i32) -> String {
    match rel {
        0 => "PRESENT_REF".into(),
        r if r < 0 => "PAST_REF".into(),
        _ => "FUTURE_REF".into(),
    }
}

/// Picks among candidate dates by tense: the latest not after the anchor (past, and by
/// default, allowing the near present), or the earliest not before it (future).
fn pick_by_tense(cands: &[Date], anchor_day: Date, tense: Option<Tense>) -> Option<Date> {
    match tense {
        Some(Tense::Future) => {
            // A future clause in reported speech may be future only to the reported moment
            // ("said he must leave by Jan. 14" in an article of Jan. 15): a few days of slack.
            let from = add_days(anchor_day, -TENSE_SLACK_DAYS).unwrap_or(anchor_day);
            cands.iter().copied().filter(|c| *c >= from).min()
        }
        _ => {
            let limit = add_days(anchor_day, NEAR_FUTURE_DAYS).unwrap_or(anchor_day);
            cands.iter().copied().filter(|c| *c <= limit).max()
        }
    }
}

/// A month and day without a year, placed by the anchor, the tense and the weekday.
pub(crate) fn resolve_month_day(
    month: i8,
    day: i8,
    weekday: Option<i8>,
    anchor: Option<&Anchor>,
    tense: Option<Tense>,
) -> (String, Option<String>) {
    let Some(anchor) = anchor else {
        return (format!("XXXX-{month:02}-{day:02}"), None);
    };
    let Some(reference) = anchor.latest_day() else {
        return (format!("{:04}-{month:02}-{day:02}", anchor.year), None);
    };
    let years: Vec<i16> = if anchor.month.is_some() {
        vec![anchor.year - 1, anchor.year, anchor.year + 1]
    } else {
        vec![anchor.year]
    };
    let cands: Vec<Date> = years
        .iter()
        .filter_map(|&y| Date::new(y, month, day).ok())
        .collect();
    if cands.is_empty() {
        return (format!("{:04}-{month:02}-{day:02}", anchor.year), None);
    }
    let by_tense = pick_by_tense(&cands, reference, tense).or_else(|| {
        // Nothing on the tense's side (e.g. a past "December 30" with a year-only anchor):
        // take the candidate nearest the anchor.
        cands.iter().copied().min_by_key(|c| {
            reference
                .until(*c)
                .map(|s| s.get_days().unsigned_abs())
                .unwrap_or(u32::MAX)
        })
    });
    let Some(chosen) = by_tense else {
        return (format!("XXXX-{month:02}-{day:02}"), None);
    };
    let Some(wd) = weekday else {
        return (fmt_date(chosen), None);
    };
    if weekday_number(chosen) == wd {
        return (fmt_date(chosen), None);
    }
    // The weekday is better evidence than a lexical tense cue: take a candidate year it fits.
    let fitting: Vec<Date> = cands
        .iter()
        .copied()
        .filter(|c| weekday_number(*c) == wd)
        .collect();
    if let Some(fit) = pick_by_tense(&fitting, reference, tense).or(fitting.first().copied()) {
        return (fmt_date(fit), None);
    }
    let note = format!(
        "weekday {} contradicts {} (a {})",
        weekday_name(wd),
        fmt_date(chosen),
        weekday_name(weekday_number(chosen))
    );
    (fmt_date(chosen), Some(note))
}

/// Easter Sunday (Gregorian), by the anonymous Gregorian algorithm.
fn easter(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The date of a holiday in `year`, from its grammar rule.
fn holiday_in(rule: &str, year: i16) -> Option<Date> {
    if let Some(rest) = rule.strip_prefix("EASTER") {
        let shift: i64 = if rest.is_empty() {
            0
        } else {
            rest.parse().ok()?
        };
        return add_days(easter(year)?, shift);
    }
    let (month, day) = rule.split_once('-')?;
    let month: i8 = month.parse().ok()?;
    if let Ok(day) = day.parse::<i8>() {
        return Date::new(year, month, day).ok();
    }
    // `4TH`: the fourth Thursday.
    let nth: i8 = day.get(..1)?.parse().ok()?;
    let weekday = match day.get(1..)? {
        "MO" => Weekday::Monday,
        "TU" => Weekday::Tuesday,
        "WE" => Weekday::Wednesday,
        "TH" => Weekday::Thursday,
        "FR" => Weekday::Friday,
        "SA" => Weekday::Saturday,
        _ => Weekday::Sunday,
    };
    Date::new(year, month, 1)
        .ok()?
        .nth_weekday_of_month(nth, weekday)
        .ok()
}

fn resolve_holiday(
    rule: &str,
    year: Option<i16>,
    rel: Option<i32>,
    anchor: Option<&Anchor>,
    tense: Option<Tense>,
) -> String {
    if let Some(y) = year {
        return holiday_in(rule, y).map_or_else(|| format!("{y:04}"), fmt_date);
    }
    let Some(a) = anchor else {
        return "XXXX".into();
    };
    let Some(reference) = a.latest_day() else {
        return format!("{:04}", a.year);
    };
    let cands: Vec<Date> = [a.year - 1, a.year, a.year + 1]
        .iter()
        .filter_map(|&y| holiday_in(rule, y))
        .collect();
    let chosen = match rel {
        Some(r) if r < 0 => cands.iter().copied().filter(|c| *c < reference).max(),
        Some(r) if r > 0 => cands.iter().copied().filter(|c| *c > reference).min(),
        Some(_) => holiday_in(rule, a.year),
        None => pick_by_tense(&cands, reference, tense),
    };
    chosen.map_or_else(|| format!("{:04}", a.year), fmt_date)
}

fn explicit_date_note(d: Date, weekday: Option<i8>) -> Option<String> {
    let wd = weekday?;
    (weekday_number(d) != wd).then(|| {
        format!(
            "weekday {} contradicts {} (a {})",
            weekday_name(wd),
            fmt_date(d),
            weekday_name(weekday_number(d))
        )
    })
}

fn resolve_month(
    month: i8,
    rel: Option<i32>,
    anchor: Option<&Anchor>,
    tense: Option<Tense>,
) -> String {
    let Some(anchor) = anchor else {
        return format!("XXXX-{month:02}");
    };
    let Some(am) = anchor.month else {
        return format!("{:04}-{month:02}", anchor.year);
    };
    let y = anchor.year;
    let year = match rel {
        Some(r) if r < 0 => {
            if month < am {
                y
            } else {
                y - 1
            }
        }
        Some(r) if r > 0 => {
            if month > am {
                y
            } else {
                y + 1
            }
        }
        Some(_) => y,
        None => {
            // Months ahead of the document's that a month named without a year may be: news
            // names coming months without a future verb ("the split, payable in January").
            let ahead = match tense {
                Some(Tense::Future) => 11,
                Some(Tense::Past) => PAST_MONTHS_AHEAD,
                _ => NEAR_FUTURE_MONTHS,
            };
            if month <= am + ahead - 12 {
                y + 1
            } else if month <= am + ahead {
                y
            } else {
                y - 1
            }
        }
    };
    format!("{year:04}-{month:02}")
}

fn resolve_weekday(
    wd: i8,
    rel: Option<i32>,
    anchor: Option<&Anchor>,
    tense: Option<Tense>,
) -> String {
    let Some(anchor) = anchor else {
        return format!("XXXX-WXX-{wd}");
    };
    let Some(d) = anchor.date() else {
        return format!("{:04}-WXX-{wd}", anchor.year);
    };
    let today = weekday_number(d);
    let back = i64::from((today - wd).rem_euclid(7));
    let ahead = i64::from((wd - today).rem_euclid(7));
    let shift = match rel {
        Some(r) if r < 0 => -(if back == 0 { 7 } else { back }),
        Some(r) if r > 0 => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        Some(_) => i64::from(wd - today),
        None => match tense {
            Some(Tense::Future) => ahead,
            _ => -back,
        },
    };
    add_days(d, shift).map_or_else(|| format!("XXXX-WXX-{wd}"), fmt_date)
}

fn date_value(
    f: &Fields,
    anchor: Option<&Anchor>,
    tense: Option<Tense>,
) -> (String, Option<String>) {
    if let Some(dec) = f.decade {
        return (format!("{dec:03}"), None);
    }
    if let Some(d2) = f.decade2 {
        // "the '90s": the latest such decade not after the anchor.
        let base = anchor.map_or(1900, |a| i32::from(a.year) / 100 * 100);
        let mut year = base + d2 * 10;
        if anchor.is_some_and(|a| year > i32::from(a.year)) {
            year -= 100;
        }
        return (format!("{:03}", year / 10), None);
    }
    if let Some(c) = f.century {
        return (format!("{:02}", c - 1), None);
    }
    let anchor_year = anchor.map(|a| a.year);
    if let Some(q) = f.quarter {
        let year = f.year.or_else(|| {
            let a = anchor?;
            // A past "third quarter" in an article from February is last year's.
            let aq = a.month.map(|m| (m - 1) / 3 + 1);
            // The quarter just completed is reported in the future tense too ("will post
            // third-quarter results" in October).
            match (tense, aq) {
                (Some(Tense::Future), Some(aq)) if q < aq - 1 => Some(a.year + 1),
                (Some(Tense::Past), Some(aq)) if q > aq => Some(a.year - 1),
                _ => Some(a.year),
            }
        });
        return (
            match year {
                Some(y) => format!("{y:04}-Q{q}"),
                None => format!("XXXX-Q{q}"),
            },
            None,
        );
    }
    if let Some(h) = f.half {
        return (
            match f.year.or(anchor_year) {
                Some(y) => format!("{y:04}-H{h}"),
                None => format!("XXXX-H{h}"),
            },
            None,
        );
    }
    if let Some(season) = &f.season {
        let year = f.year.or_else(|| season_year(season, f.rel, anchor?));
        return (
            match year {
                Some(y) => format!("{y:04}-{season}"),
                None => format!("XXXX-{season}"),
            },
            None,
        );
    }
    if let Some(rule) = &f.holiday {
        let year = f
            .year
            .or_else(|| Some(anchor?.year + i16::try_from(f.rel_year?).ok()?));
        return (resolve_holiday(rule, year, f.rel, anchor, tense), None);
    }
    match (f.month, f.day) {
        (Some(m), Some(d)) => {
            if let Some(y) = f.year {
                return match Date::new(y, m, d) {
                    Ok(date) => (fmt_date(date), explicit_date_note(date, f.weekday)),
                    Err(_) => (format!("{y:04}-{m:02}-{d:02}"), None),
                };
            }
            return resolve_month_day(m, d, f.weekday, anchor, tense);
        }
        (Some(m), None) => {
            if let Some(y) = f.year {
                return (format!("{y:04}-{m:02}"), None);
            }
            if let Some(r) = f.rel_year {
                return match anchor {
                    Some(a) => (format!("{:04}-{m:02}", i32::from(a.year) + r), None),
                    None => (format!("XXXX-{m:02}"), None),
                };
            }
            return (resolve_month(m, f.rel, anchor, tense), None);
        }
        _ => {}
    }
    if let Some(wd) = f.weekday {
        // "Friday night" is valued as the day: TimeBank annotators mostly did so.
        return (resolve_weekday(wd, f.rel, anchor, tense), None);
    }
    if let Some(y) = f.year {
        return (format!("{y:04}"), None);
    }
    ("XXXX".into(), None)
}

/// The year of "last summer", "this past spring", "next winter": the latest season of that
/// name that ended before the document's month, or the next one that starts after it (a
/// winter counts from its December). "last summer" in October is this year's.
fn season_year(season: &str, rel: Option<i32>, anchor: &Anchor) -> Option<i16> {
    let rel = rel.unwrap_or(0);
    let Some(month) = anchor.month.filter(|_| rel != 0) else {
        return Some(anchor.year + rel as i16);
    };
    let start = match season {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    };
    let now = i32::from(anchor.year) * 12 + i32::from(month);
    let year = i32::from(anchor.year);
    let candidates = [year - 2, year - 1, year, year + 1];
    let chosen = if rel < 0 {
        candidates
            .into_iter()
            .filter(|y| y * 12 + start + 2 < now)
            .max()
    } else {
        candidates.into_iter().find(|y| y * 12 + start > now)
    };
    chosen.and_then(|y| i16::try_from(y).ok())
}

fn rel_value(f: &Fields, anchor: Option<&Anchor>) -> String {
    let rel = f.rel.unwrap_or(0);
    let Some(a) = anchor else {
        return ref_for(rel);
    };
    let unit = f.unit.as_deref().unwrap_or("Y");
    match unit {
        "Y" => format!("{:04}", i32::from(a.year) + rel),
        "DE" => format!("{:03}", i32::from(a.year) / 10 + rel),
        "CE" => format!("{:02}", i32::from(a.year) / 100 + rel),
        "M" | "Q" => match a.month {
            Some(m) if unit == "M" => {
                let (y, m) = add_months(a.year, m, rel);
                format!("{y:04}-{m:02}")
            }
            Some(m) => {
                let (y, m) = add_months(a.year, m, rel * 3);
                format!("{y:04}-Q{}", (m - 1) / 3 + 1)
            }
            None => ref_for(rel),
        },
        "W" | "WE" => match a.date().and_then(|d| add_days(d, i64::from(rel) * 7)) {
            Some(d) if unit == "W" => fmt_week(d),
            Some(d) => format!("{}-WE", fmt_week(d)),
            None => ref_for(rel),
        },
        _ => ref_for(rel),
    }
}

/// "the quarter", "the latest quarter", "the 1988 period" in an earnings report: the quarter
/// the text reports on (the one last named), else the latest quarter completed before the
/// document date. A year given ("the 1988 quarter") keeps the quarter and moves the year.
fn quarter_ref(f: &Fields, anchor: Option<&Anchor>, reported: Option<(i16, i8)>) -> String {
    let latest = latest_completed_quarter(anchor);
    // "the latest quarter" is the latest completed, whatever the text named before.
    let reported = if f.rel.is_some() { None } else { reported };
    match (f.year, reported.or(latest)) {
        (Some(y), Some((_, q))) => format!("{y:04}-Q{q}"),
        (Some(y), None) => format!("{y:04}"),
        (None, Some((y, q))) => format!("{y:04}-Q{q}"),
        (None, None) => "XXXX-QX".into(),
    }
}

fn ago_value(f: &Fields, anchor: Option<&Anchor>, reported: Option<(i16, i8)>) -> String {
    let sign = f.ago.unwrap_or(-1);
    // "year-earlier", "the year-ago quarter": one unit, unsaid.
    let n = match f.num {
        Some(Some(n)) => n,
        Some(None) => return ref_for(sign),
        None => 1.0,
    };
    let unit = f.unit.as_deref().unwrap_or("Y");
    let n_whole = n.round() as i32;
    let shift = sign * n_whole;
    // TimeML: "a year earlier" in a report on a quarter is that quarter a year before
    // ("1988-Q3"), not the whole year; "the year-ago third quarter" names its quarter.
    if unit == "Y" && (f.quarter.is_some() || reported.is_some()) {
        let year = match (reported, anchor) {
            (Some((y, _)), _) => Some(i32::from(y)),
            (None, Some(a)) => Some(i32::from(a.year)),
            (None, None) => None,
        };
        let q = f.quarter.or(reported.map(|(_, q)| q));
        if let (Some(y), Some(q)) = (year, q) {
            return format!("{:04}-Q{q}", y + shift);
        }
    }
    let Some(a) = anchor else {
        return ref_for(sign);
    };
    match unit {
        "Y" => format!("{:04}", i32::from(a.year) + shift),
        "DE" => format!("{:03}", (i32::from(a.year) + 10 * shift) / 10),
        "CE" => format!("{:02}", (i32::from(a.year) + 100 * shift) / 100),
        "M" | "Q" => match a.month {
            Some(m) => {
                let months = if unit == "Q" { shift * 3 } else { shift };
                let (y, m) = add_months(a.year, m, months);
                format!("{y:04}-{m:02}")
            }
            None => format!("{:04}", a.year),
        },
        "W" => a
            .date()
            .and_then(|d| add_days(d, i64::from(shift) * 7))
            .map_or_else(|| ref_for(sign), fmt_week),
        "D" => a
            .date()
            .and_then(|d| add_days(d, i64::from(shift)))
            .map_or_else(|| ref_for(sign), fmt_date),
        _ => a.date().map_or_else(|| ref_for(sign), fmt_date),
    }
}

/// Formats a duration of `n` units (`None` = unknown amount, "X").
pub(crate) fn duration(n: Option<f64>, unit: Option<&str>) -> String {
    let unit = unit.unwrap_or("D");
    let Some(n) = n else {
        return match unit {
            "H" => "PTXH".into(),
            "MIN" => "PTXM".into(),
            "S" => "PTXS".into(),
            "DE" => "PXDE".into(),
            "CE" => "PXCE".into(),
            "Q" => "PXQ".into(),
            "WE" => "PXWE".into(),
            u => format!("PX{u}"),
        };
    };
    let whole = n.trunc();
    let frac = n - whole;
    let w = whole as i64;
    let time_unit = matches!(unit, "H" | "MIN" | "S");
    let (code, scale) = match unit {
        "H" => ("H", 1),
        "MIN" => ("M", 1),
        "S" => ("S", 1),
        "DE" => ("Y", 10),
        "CE" => ("Y", 100),
        // TimeML (TimeBank) counts quarters as such: "the past two quarters" = P2Q.
        "Q" => ("Q", 1),
        "WE" => ("D", 2),
        u => (u, 1),
    };
    let main = w * scale;
    let mut out = if time_unit {
        format!("PT{main}{code}")
    } else {
        format!("P{main}{code}")
    };
    if frac.abs() > 1e-9 {
        // Halves and quarters go to the next smaller unit: "2 1/2 years" = P2Y6M.
        let smaller = match code {
            "Y" => Some(("M", 12.0 * scale as f64, false)),
            "Q" => Some(("M", 3.0, false)),
            "M" if !time_unit => Some(("D", 30.0 * scale as f64, false)),
            "W" => Some(("D", 7.0, false)),
            "D" => Some(("H", 24.0, true)),
            "H" => Some(("M", 60.0, true)),
            "M" => Some(("S", 60.0, true)),
            _ => None,
        };
        match smaller {
            Some((c, factor, needs_t)) => {
                let sub = (frac * factor).round() as i64;
                if main == 0 {
                    out = if time_unit || needs_t {
                        format!("PT{sub}{c}")
                    } else {
                        format!("P{sub}{c}")
                    };
                } else if needs_t && !time_unit {
                    out.push_str(&format!("T{sub}{c}"));
                } else {
                    out.push_str(&format!("{sub}{c}"));
                }
            }
            None => out = format!("P{n}{code}"),
        }
    }
    out
}

fn time_value(
    f: &Fields,
    anchor: Option<&Anchor>,
    tense: Option<Tense>,
    previous_day: Option<Date>,
) -> (String, Option<String>) {
    let clock = if let Some(n) = f.noon {
        n.to_string()
    } else if let Some(h) = f.hour {
        let mut hour = i32::from(h);
        match (f.pm, f.part.as_deref()) {
            (Some(true), _) | (None, Some("AF" | "EV" | "NI")) if hour < 12 => hour += 12,
            (Some(false), _) if hour == 12 => hour = 0,
            _ => {}
        }
        format!("{hour:02}:{:02}", f.minute.unwrap_or(0))
    } else if let Some(p) = &f.part {
        p.clone()
    } else {
        return ("XXXX-XX-XXTXX:XX".into(), None);
    };
    // A merged day ("5 p.m. Thursday", "Nov. 9 at noon") gives the date; otherwise the
    // document's own day.
    let has_day = f.weekday.is_some() || f.day.is_some() || f.deictic.is_some();
    let (day, note) = if has_day {
        if let Some(d) = f.deictic {
            (offset_value(d, anchor), None)
        } else {
            let mut date_fields = f.clone();
            date_fields.hour = None;
            date_fields.part = None;
            date_value(&date_fields, anchor, tense)
        }
    } else {
        // A bare "at 10 p.m." belongs to the day the narrative is on, else the document's.
        (
            previous_day
                .or_else(|| anchor.and_then(Anchor::date))
                .map_or_else(|| "XXXX-XX-XX".into(), fmt_date),
            None,
        )
    };
    if day.ends_with("_REF") {
        return (format!("XXXX-XX-XXT{clock}"), note);
    }
    (format!("{day}T{clock}"), note)
}

fn set_value(f: &Fields) -> String {
    if let Some(wd) = f.weekday {
        return format!("XXXX-WXX-{wd}");
    }
    let n = match f.num {
        Some(Some(n)) => Some(n),
        Some(None) => None,
        None => Some(1.0),
    };
    duration(n, f.unit.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_parse_at_any_precision() {
        assert_eq!(
            Anchor::parse("2024-11-29"),
            Some(Anchor {
                year: 2024,
                month: Some(11),
                day: Some(29)
            })
        );
        assert_eq!(
            Anchor::parse("1998-02-27T08:13:00").and_then(|a| a.day),
            Some(27)
        );
        assert_eq!(Anchor::parse("2024").map(|a| a.month), Some(None));
        assert_eq!(Anchor::parse("2024-02-30"), None);
        assert_eq!(Anchor::parse("nonsense"), None);
        assert_eq!(Anchor::parse("ß"), None);
    }

    #[test]
    fn values_name_their_year_quarter_or_stretch() {
        assert_eq!(year_of("1998-10-23T22:00"), Some(1998));
        assert_eq!(year_of("1998-Q3"), Some(1998));
        assert_eq!(year_of("199"), None);
        assert_eq!(year_of("XXXX-06"), None);
        assert_eq!(quarter_of("1989-Q3"), Some((1989, 3)));
        assert_eq!(quarter_of("1989-QX"), None);
        assert_eq!(quarter_of("1989-Q5"), None);
        assert!(is_duration("P3D") && is_duration("PT1H") && is_duration("PXD"));
        assert!(!is_duration("PAST_REF") && !is_duration("PRESENT_REF"));
    }

    #[test]
    fn seasons_are_the_latest_ended_or_the_next_started() {
        let oct = Anchor::parse("2019-10-30").expect("anchor");
        let jul = Anchor::parse("2019-07-15").expect("anchor");
        let jan = Anchor::parse("2020-01-10").expect("anchor");
        assert_eq!(season_year("SU", Some(-1), &oct), Some(2019));
        assert_eq!(season_year("SU", Some(-1), &jul), Some(2018));
        assert_eq!(season_year("WI", Some(-1), &jan), Some(2018));
        assert_eq!(season_year("SP", Some(1), &oct), Some(2020));
        assert_eq!(season_year("WI", Some(1), &oct), Some(2019));
        assert_eq!(season_year("SU", Some(0), &oct), Some(2019));
    }

    #[test]
    fn durations_format_fractions() {
        assert_eq!(duration(Some(3.0), Some("D")), "P3D");
        assert_eq!(duration(Some(2.0), Some("H")), "PT2H");
        assert_eq!(duration(Some(2.5), Some("Y")), "P2Y6M");
        assert_eq!(duration(Some(5.5), Some("H")), "PT5H30M");
        assert_eq!(duration(Some(4.0), Some("DE")), "P40Y");
        assert_eq!(duration(None, Some("W")), "PXW");
        assert_eq!(duration(Some(1.5), Some("MIN")), "PT1M30S");
        assert_eq!(duration(Some(2.0), Some("Q")), "P2Q");
    }
}
