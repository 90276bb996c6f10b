//! The readable briefing `sitrep read` prints for a person: title, source status, then people,
//! places, organizations, dates, quotes and a dated timeline of events.

use std::collections::HashMap;
use std::fmt::Write;

use sitrep_record::{Entity, Record, SpanRef};

/// Terminal styles; empty strings when colour is off.
struct Style {
    bold: &'static str,
    dim: &'static str,
    head: &'static str,
    warn: &'static str,
    reset: &'static str,
}

impl Style {
    fn new(color: bool) -> Style {
        if color {
            Style {
                bold: "\x1b[1m",
                dim: "\x1b[2m",
                head: "\x1b[1;36m",
                warn: "\x1b[33m",
                reset: "\x1b[0m",
            }
        } else {
            Style {
                bold: "",
                dim: "",
                head: "",
                warn: "",
                reset: "",
            }
        }
    }
}

/// Renders the briefing of a record.
pub fn render(record: &Record, color: bool) -> String {
    let st = Style::new(color);
    let mut out = String::new();
    let text = record.text.as_str();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let slice = |s: usize, e: usize| -> &str {
        let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
        text.get(byte(s)..byte(e)).unwrap_or("")
    };
    let span_text = |s: &SpanRef| slice(s.start, s.end);
    let names: HashMap<&str, &Entity> =
        record.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let name_of = |id: &Option<String>| -> String {
        id.as_deref()
            .and_then(|i| names.get(i))
            .map_or_else(|| "?".to_string(), |e| e.name.clone())
    };

    // Title and source status.
    let title = record.title.as_deref().unwrap_or("(no title)");
    let _ = writeln!(out, "{}{}{}", st.bold, title, st.reset);
    let _ = writeln!(out, "{}", "═".repeat(title.chars().count().clamp(10, 78)));
    match &record.truncation {
        Some(t) => {
            let share = t.visible_fraction.map_or_else(
                || "part of the article".to_string(),
                |f| format!("{:.0}% of the article", f * 100.0),
            );
            let _ = writeln!(
                out,
                "{}Source: truncated by a paywall; {share} is visible{}",
                st.warn, st.reset
            );
            let _ = writeln!(
                out,
                "{}  evidence: {}{}",
                st.dim,
                ellipsize(&t.evidence, 100),
                st.reset
            );
        }
        None => {
            let _ = writeln!(out, "Source: complete as far as sitrep can tell");
        }
    }
    if let Some(d) = &record.document_date {
        let how = if d.inferred {
            format!("inferred: {}", d.basis)
        } else {
            d.basis.clone()
        };
        let _ = writeln!(out, "Date: {} ({how})", d.value);
    } else {
        let _ = writeln!(out, "Date: unknown (no date given or found)");
    }
    let _ = writeln!(
        out,
        "Language: {} · {} sentences · {} pieces of boilerplate removed",
        record.language,
        record.sentences.len(),
        record.removed.len()
    );
    for note in &record.notes {
        let _ = writeln!(out, "{}Note: {note}{}", st.warn, st.reset);
    }

    // Entities by type.
    let sections = [
        ("People", "PER"),
        ("Places", "LOC"),
        ("Organizations", "ORG"),
        ("Other names", "MISC"),
    ];
    for (heading, kind) in sections {
        let list: Vec<&Entity> = record.entities.iter().filter(|e| e.kind == kind).collect();
        if list.is_empty() && kind == "MISC" {
            continue;
        }
        section(&mut out, &st, heading, list.len());
        for e in list {
            let mut facts = Vec::new();
            if !e.titles.is_empty() {
                facts.push(e.titles.join(", "));
            }
            if let Some(c) = e.country.as_ref().filter(|c| **c != e.name) {
                facts.push(c.clone());
            }
            let facts = if facts.is_empty() {
                String::new()
            } else {
                format!(" — {}", facts.join("; "))
            };
            let n = e.mentions.len();
            let _ = writeln!(
                out,
                "  {}{}{}{facts} {}({n} mention{}){}",
                st.bold,
                e.name,
                st.reset,
                st.dim,
                if n == 1 { "" } else { "s" },
                st.reset
            );
        }
    }

    section(&mut out, &st, "Dates", record.times.len());
    for t in &record.times {
        let note = t
            .note
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} → {} {}{}{}{note}",
            slice(t.start, t.end),
            t.value,
            st.dim,
            t.kind,
            st.reset
        );
    }

    section(&mut out, &st, "Quotes", record.quotes.len());
    let mut quotes: Vec<_> = record.quotes.iter().collect();
    quotes.sort_by_key(|q| {
        (
            q.speaker.as_deref().map(|s| name_of(&Some(s.to_string()))),
            q.start,
        )
    });
    for q in quotes {
        let who = if q.speaker.is_some() {
            name_of(&q.speaker)
        } else {
            "unattributed".to_string()
        };
        let cue = q
            .cue
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        let words = ellipsize(slice(q.start, q.end), 160);
        let shown = if q.direct {
            format!("“{words}”")
        } else {
            words
        };
        let _ = writeln!(out, "  {}{who}{}{cue}: {shown}", st.bold, st.reset);
    }

    section(&mut out, &st, "Events (timeline)", record.events.len());
    let mut events: Vec<_> = record.events.iter().collect();
    events.sort_by(|a, b| {
        a.date
            .as_deref()
            .unwrap_or("~")
            .cmp(b.date.as_deref().unwrap_or("~"))
            .then(a.sentence.cmp(&b.sentence))
    });
    for e in events {
        let mode = e
            .mode
            .as_deref()
            .map(|m| format!(" {m}"))
            .unwrap_or_default();
        let mut flags = Vec::new();
        if e.polarity == "negative" {
            flags.push("NOT".to_string());
        }
        if e.certainty != "certain" {
            flags.push(e.certainty.clone());
        }
        if e.background {
            flags.push("background".to_string());
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", flags.join(", "))
        };
        let target = if e.target.is_some() {
            format!(" → {}", name_of(&e.target))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {:<10} {}{}{mode}{}{flags} {}{target}",
            e.date.as_deref().unwrap_or("undated"),
            st.bold,
            e.kind,
            st.reset,
            name_of(&e.source),
        );
        let _ = writeln!(
            out,
            "  {:<10} {}“{}”{}",
            "",
            st.dim,
            ellipsize(span_text(&e.evidence), 110),
            st.reset
        );
    }

    if !record.removed.is_empty() {
        section(&mut out, &st, "Removed", record.removed.len());
        for r in &record.removed {
            let _ = writeln!(
                out,
                "  {}{}:{} {}",
                st.dim,
                r.kind,
                st.reset,
                ellipsize(&r.text, 90)
            );
        }
    }
    out
}

fn section(out: &mut String, st: &Style, heading: &str, count: usize) {
    let _ = writeln!(
        out,
        "\n{}{heading}{} {}({count}){}",
        st.head, st.reset, st.dim, st.reset
    );
    if count == 0 {
        let _ = writeln!(out, "  {}none found{}", st.dim, st.reset);
    }
}

/// Shortens `s` to at most `max` characters, ending with an ellipsis when cut.
fn ellipsize(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}
