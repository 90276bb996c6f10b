//! The grammar: vocabularies, macros and rules read from a small line format
//! (`grammar/en.grammar`, embedded at build time) and compiled into regexes once.
//!
//! The format is documented at the top of the grammar file itself, so that whoever edits
//! the patterns reads the rules of the format in the same place.

use std::collections::HashMap;

use regex::Regex;

use crate::TimexKind;
use crate::error::GrammarError;

/// How a rule's named groups become a TIMEX3 value (see `normalize.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Action {
    /// Calendar fields (year, month, day, weekday, season, quarter, decade, century).
    Date,
    /// A day offset from the document date ("yesterday").
    Offset,
    /// A day offset from the day last named in the text ("the next day").
    EventDay,
    /// A day offset plus a part of the day ("this morning", "last night").
    PartDay,
    /// A calendar unit shifted from the document date ("last week").
    Rel,
    /// A counted shift from the document date ("two years ago").
    Ago,
    /// A counted duration ("three days").
    Dur,
    /// A duration of unknown length ("recent weeks").
    VagueDur,
    /// A clock time ("5 p.m.").
    Time,
    /// A recurrence ("daily", "every Thursday").
    Set,
    /// "the quarter" of an earnings report: the latest completed quarter.
    QuarterRef,
    /// "year-end": the last day of the document's year.
    YearEnd,
    /// "the weekend": the latest weekend (or the next, in a future clause).
    Weekend,
    /// A constant value such as `PRESENT_REF`.
    Fixed(String),
}

/// A context check in `guard.rs` that can reject a match of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Guard {
    Year,
    BareMonth,
    Weekday,
    Duration,
    VaguePlural,
    Clock24,
    NotAge,
}

/// One compiled rule.
#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) id: String,
    pub(crate) kind: TimexKind,
    pub(crate) action: Action,
    pub(crate) guard: Option<Guard>,
    pub(crate) regexes: Vec<Regex>,
}

/// The compiled grammar.
#[derive(Debug)]
pub(crate) struct Grammar {
    pub(crate) version: u32,
    pub(crate) rules: Vec<Rule>,
    /// `(key, normalized surface)` → value, over every vocabulary.
    lookup: HashMap<(String, String), String>,
}

/// A vocabulary while it is being read.
struct Vocab {
    key: String,
    cased: bool,
    forms: Vec<String>,
}

impl Grammar {
    /// Parses and compiles grammar source text.
    pub(crate) fn parse(source: &str) -> Result<Grammar, GrammarError> {
        let mut version = None;
        let mut vocabs: HashMap<String, Vocab> = HashMap::new();
        let mut macros: HashMap<String, String> = HashMap::new();
        let mut lookup = HashMap::new();
        let mut rules: Vec<Rule> = Vec::new();
        let mut open_vocab: Option<String> = None;
        let err = |line: usize, message: String| GrammarError::Syntax { line, message };

        for (index, raw) in source.lines().enumerate() {
            let line_no = index + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = &open_vocab {
                if line == "end" {
                    open_vocab = None;
                    continue;
                }
                let (lhs, value) = line
                    .split_once('=')
                    .ok_or_else(|| err(line_no, format!("vocabulary entry without `=`: {line}")))?;
                let vocab = vocabs
                    .get_mut(name)
                    .ok_or_else(|| err(line_no, format!("unknown vocabulary {name}")))?;
                for form in lhs.split(',') {
                    let form = normalize_surface(form);
                    if form.is_empty() {
                        return Err(err(line_no, "empty surface form".into()));
                    }
                    lookup.insert((vocab.key.clone(), form.clone()), value.trim().to_string());
                    vocab.forms.push(form);
                }
                continue;
            }
            let (head, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let rest = rest.trim();
            match head {
                "version" => {
                    version = Some(
                        rest.parse::<u32>()
                            .map_err(|e| err(line_no, format!("bad version `{rest}`: {e}")))?,
                    );
                }
                "vocab" => {
                    let parts: Vec<&str> = rest.split_whitespace().collect();
                    let (name, key, cased) = match parts.as_slice() {
                        [name, key] => (*name, *key, false),
                        [name, key, "cased"] => (*name, *key, true),
                        _ => return Err(err(line_no, format!("bad vocab header: {line}"))),
                    };
                    vocabs.insert(
                        name.to_string(),
                        Vocab {
                            key: key.to_string(),
                            cased,
                            forms: Vec::new(),
                        },
                    );
                    open_vocab = Some(name.to_string());
                }
                "define" => {
                    let (name, pattern) = rest
                        .split_once('=')
                        .ok_or_else(|| err(line_no, format!("define without `=`: {line}")))?;
                    let expanded =
                        expand(pattern.trim(), &vocabs, &macros).map_err(|m| err(line_no, m))?;
                    macros.insert(name.trim().to_string(), expanded);
                }
                "rule" => {
                    rules.push(parse_rule_header(rest).map_err(|m| err(line_no, m))?);
                }
                "match" => {
                    let rule = rules
                        .last_mut()
                        .ok_or_else(|| err(line_no, "`match` before any `rule`".into()))?;
                    let expanded = expand(rest, &vocabs, &macros).map_err(|m| err(line_no, m))?;
                    let regex = Regex::new(&format!("(?i){expanded}"))
                        .map_err(|e| err(line_no, format!("rule {}: bad regex: {e}", rule.id)))?;
                    if let Some(name) = regex
                        .capture_names()
                        .flatten()
                        .find(|n| !crate::normalize::GROUP_NAMES.contains(n))
                    {
                        return Err(err(
                            line_no,
                            format!("rule {}: unknown group name `{name}`", rule.id),
                        ));
                    }
                    rule.regexes.push(regex);
                }
                other => return Err(err(line_no, format!("unknown statement `{other}`"))),
            }
        }
        if let Some(name) = open_vocab {
            return Err(GrammarError::Syntax {
                line: source.lines().count(),
                message: format!("vocabulary {name} has no `end`"),
            });
        }
        if let Some(rule) = rules.iter().find(|r| r.regexes.is_empty()) {
            return Err(GrammarError::Syntax {
                line: 0,
                message: format!("rule {} has no `match`", rule.id),
            });
        }
        let version = version.ok_or(GrammarError::Syntax {
            line: 0,
            message: "no `version` statement".into(),
        })?;
        Ok(Grammar {
            version,
            rules,
            lookup,
        })
    }

    /// The value of `surface` in the vocabularies keyed `key`.
    pub(crate) fn lookup(&self, key: &str, surface: &str) -> Option<&str> {
        self.lookup
            .get(&(key.to_string(), normalize_surface(surface)))
            .map(String::as_str)
    }
}

fn parse_rule_header(rest: &str) -> Result<Rule, String> {
    let parts: Vec<&str> = rest.split_whitespace().collect();
    let (id, kind, action, guard) = match parts.as_slice() {
        [id, kind, action] => (*id, *kind, *action, None),
        [id, kind, action, guard] => (*id, *kind, *action, Some(*guard)),
        _ => return Err(format!("bad rule header: rule {rest}")),
    };
    let kind = match kind {
        "DATE" => TimexKind::Date,
        "TIME" => TimexKind::Time,
        "DURATION" => TimexKind::Duration,
        "SET" => TimexKind::Set,
        other => return Err(format!("rule {id}: unknown type {other}")),
    };
    let action = match action {
        "date" => Action::Date,
        "offset" => Action::Offset,
        "event_day" => Action::EventDay,
        "partday" => Action::PartDay,
        "rel" => Action::Rel,
        "ago" => Action::Ago,
        "dur" => Action::Dur,
        "vague_dur" => Action::VagueDur,
        "time" => Action::Time,
        "set" => Action::Set,
        "quarter_ref" => Action::QuarterRef,
        "year_end" => Action::YearEnd,
        "weekend" => Action::Weekend,
        other => match other.strip_prefix("fixed:") {
            Some(value) if !value.is_empty() => Action::Fixed(value.to_string()),
            _ => return Err(format!("rule {id}: unknown action {other}")),
        },
    };
    let guard = match guard {
        None => None,
        Some(g) => Some(match g.strip_prefix("guard=") {
            Some("year") => Guard::Year,
            Some("bare_month") => Guard::BareMonth,
            Some("weekday") => Guard::Weekday,
            Some("duration") => Guard::Duration,
            Some("vague_plural") => Guard::VaguePlural,
            Some("clock24") => Guard::Clock24,
            Some("not_age") => Guard::NotAge,
            _ => return Err(format!("rule {id}: unknown guard {g}")),
        }),
    };
    Ok(Rule {
        id: id.to_string(),
        kind,
        action,
        guard,
        regexes: Vec::new(),
    })
}

/// Lower-cases, drops a trailing period and folds hyphens and runs of spaces into one space,
/// so that "Sept.", "twenty-first" and "twenty  first" find their vocabulary entries.
pub(crate) fn normalize_surface(s: &str) -> String {
    let lower = s.trim().trim_end_matches('.').to_lowercase();
    lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Replaces `{NAME}` with a vocabulary alternation or a macro body.
fn expand(
    pattern: &str,
    vocabs: &HashMap<String, Vocab>,
    macros: &HashMap<String, String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name {
            Some(name)
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_') =>
            {
                if let Some(body) = macros.get(name) {
                    out.push_str(body);
                } else if let Some(vocab) = vocabs.get(name) {
                    out.push_str(&vocab_alternation(vocab));
                } else {
                    return Err(format!("unknown name {{{name}}}"));
                }
                rest = &after[name.len() + 1..];
            }
            _ => {
                // A regex quantifier such as `{2}`: keep it as it is.
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn vocab_alternation(vocab: &Vocab) -> String {
    let mut forms: Vec<String> = Vec::new();
    for form in &vocab.forms {
        if vocab.cased {
            forms.push(
                form.split(' ')
                    .map(capitalize)
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            forms.push(form.to_uppercase());
        } else {
            forms.push(form.clone());
        }
    }
    // Longest first, so that "Sept" is tried before "Sep".
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    forms.dedup();
    let alternatives: Vec<String> = forms
        .iter()
        .map(|f| {
            f.split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"[\s-]+")
        })
        .collect();
    if vocab.cased {
        format!("(?-i:{})", alternatives.join("|"))
    } else {
        format!("(?:{})", alternatives.join("|"))
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_grammar_compiles() {
        let g = Grammar::parse(crate::GRAMMAR_SOURCE).expect("grammar");
        assert!(g.version >= 1);
        assert!(g.rules.len() > 30);
        assert_eq!(g.lookup("month", "Sept."), Some("9"));
        assert_eq!(g.lookup("cent", "twenty-first"), Some("21"));
    }

    #[test]
    fn errors_name_the_line() {
        let e = Grammar::parse("version 1\nrule x DATE nope\nmatch a\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        let e = Grammar::parse("version 1\nrule x DATE date\nmatch {NOPE}\n").unwrap_err();
        assert!(e.to_string().contains("NOPE"), "{e}");
        let e = Grammar::parse("version 1\nrule x DATE date\nmatch (?P<mnth>x)\n").unwrap_err();
        assert!(e.to_string().contains("mnth"), "{e}");
    }
}
