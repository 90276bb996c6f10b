//! The grammar: vocabularies, macros and rules read from a small line format
//! (`grammar/en.grammar`, embedded at build time) and compiled into regexes once.
//!
//! The format is documented at the top of the grammar file itself, so that whoever edits
//! the patterns reads the rules of the format in the same place.

use std::collections::HashMap;

use regex::Regex;

use crate::TimexKind;
use crate::error::GrammarError;
use crate::prefilter::Prefilter;

/// Where and how the rule regexes run over one text (built by [`Grammar::scan_text`]).
pub(crate) struct Scan<'a> {
    /// The text with non-ASCII word characters replaced by `_`, for the ASCII regexes.
    pub(crate) shadow: std::borrow::Cow<'a, str>,
    /// Stretches of the text, in order, that together hold every match.
    pub(crate) pieces: Vec<Piece>,
    /// When the shadow text is searched whole: for each pattern (numbered in rule order,
    /// see [`Grammar::pattern_index`]), whether it may match at all (see `prefilter.rs`).
    /// `None`: every pattern runs.
    pub(crate) possible: Option<Vec<bool>>,
}

/// A stretch of text searched on its own: matches start at or after `start` and end at or
/// before `end` (the text up to `end` is the haystack, so assertions see the context).
pub(crate) struct Piece {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Whether the ASCII-boundary regexes run on the shadow text (else the originals on the
    /// original text).
    pub(crate) ascii: bool,
}

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
    /// "the quarter" of an earnings report: the quarter last named, else the latest completed.
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
    SetAdverb,
}

/// One compiled rule.
#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) id: String,
    pub(crate) kind: TimexKind,
    pub(crate) action: Action,
    pub(crate) guard: Option<Guard>,
    pub(crate) regexes: Vec<Regex>,
    /// The same patterns with ASCII word boundaries, for the shadow text of `scan_text`.
    /// Unicode `\b` makes the regex crate leave its fast lazy DFA for a slow NFA as soon as
    /// the text holds one non-ASCII byte; ASCII `\b` keeps it on the DFA.
    pub(crate) ascii: Vec<Regex>,
}

/// The compiled grammar.
#[derive(Debug)]
pub(crate) struct Grammar {
    pub(crate) version: u32,
    pub(crate) rules: Vec<Rule>,
    /// Whether every pattern may run on the shadow text (see [`Grammar::scan_text`]).
    shadow_ok: bool,
    /// Non-ASCII characters that Unicode `\w` counts as word characters.
    non_ascii_word: Regex,
    /// Non-ASCII characters a pattern could match as such: digits for `\d`, and the Kelvin
    /// sign and long s that case-insensitive `k` and `s` match.
    non_ascii_matchable: Regex,
    /// `(key, normalized surface)` → value, over every vocabulary.
    lookup: HashMap<(String, String), String>,
    /// Which patterns can match in a text (`None` when the shadow text is not used).
    prefilter: Option<Prefilter>,
    /// Index of each rule's first pattern in the numbering of all patterns in rule order.
    first_pattern: Vec<usize>,
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
        let mut shadow_ok = true;
        // Every expanded pattern in rule order, for the prefilter.
        let mut expanded_patterns: Vec<String> = Vec::new();
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
                    expanded_patterns.push(expanded.clone());
                    if !ascii_safe(&expanded) {
                        shadow_ok = false;
                    }
                    match Regex::new(&format!("(?i){}", ascii_boundaries(&expanded))) {
                        Ok(ascii) => rule.ascii.push(ascii),
                        Err(_) => shadow_ok = false,
                    }
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
        let internal = |e: regex::Error| GrammarError::Syntax {
            line: 0,
            message: format!("internal regex: {e}"),
        };
        let mut first_pattern = Vec::with_capacity(rules.len());
        let mut count = 0;
        for rule in &rules {
            first_pattern.push(count);
            count += rule.regexes.len();
            if rule.ascii.len() != rule.regexes.len() {
                shadow_ok = false;
            }
        }
        let prefilter = if shadow_ok {
            Some(
                Prefilter::new(&expanded_patterns).map_err(|e| GrammarError::Syntax {
                    line: 0,
                    message: format!("literal prefilter: {e}"),
                })?,
            )
        } else {
            None
        };
        Ok(Grammar {
            version,
            rules,
            shadow_ok,
            prefilter,
            first_pattern,
            non_ascii_word: Regex::new(r"[\w&&[^\x00-\x7F]]").map_err(internal)?,
            non_ascii_matchable: Regex::new(r"[\d&&[^\x00-\x7F]]|[\x{212A}\x{17F}]")
                .map_err(internal)?,
            lookup,
        })
    }

    /// How to run the rule regexes over `text` (see [`Scan`]). The shadow copy has every
    /// non-ASCII word character (a letter such as "é") replaced by as many `_` as it has
    /// bytes: same offsets, and ASCII `\b` then sees the same word edges as Unicode `\b` on
    /// the original. No pattern can match `_` or such a letter (`ascii_safe`), so matches are
    /// the same. Where a non-ASCII digit, Kelvin sign or long s occurs (which `\d` or case
    /// folding could match), the original regexes run on the original text, but only on the
    /// stretch between the letters around it that no pattern can match ("barriers").
    pub(crate) fn scan_text<'a>(&self, text: &'a str) -> Scan<'a> {
        use std::borrow::Cow;
        let whole = |ascii| {
            vec![Piece {
                start: 0,
                end: text.len(),
                ascii,
            }]
        };
        if !self.shadow_ok {
            return Scan {
                shadow: Cow::Borrowed(text),
                pieces: whole(false),
                possible: None,
            };
        }
        if text.is_ascii() {
            return Scan {
                shadow: Cow::Borrowed(text),
                pieces: whole(true),
                possible: self.prefilter.as_ref().map(|p| p.possible(text)),
            };
        }
        let special = self.non_ascii_matchable.is_match(text);
        let mut shadow: Option<String> = None;
        let mut pieces = Vec::new();
        let mut piece_start = 0;
        for m in self.non_ascii_word.find_iter(text) {
            if special && self.non_ascii_matchable.is_match(m.as_str()) {
                continue;
            }
            let s = shadow.get_or_insert_with(|| text.to_string());
            s.replace_range(m.range(), &"_".repeat(m.len()));
            if special {
                // No match contains a barrier; its piece ends after it so that `\b` at the
                // piece's end still sees it.
                pieces.push(Piece {
                    start: piece_start,
                    end: m.end(),
                    ascii: !text
                        .get(piece_start..m.start())
                        .is_some_and(|p| self.non_ascii_matchable.is_match(p)),
                });
                piece_start = m.end();
            }
        }
        let shadow = shadow.map_or(Cow::Borrowed(text), Cow::Owned);
        // Without such a character the prefilter's reading of `\d` and case holds.
        let mut possible = None;
        if special {
            pieces.push(Piece {
                start: piece_start,
                end: text.len(),
                ascii: !text
                    .get(piece_start..)
                    .is_some_and(|p| self.non_ascii_matchable.is_match(p)),
            });
        } else {
            pieces = whole(true);
            possible = self.prefilter.as_ref().map(|p| p.possible(&shadow));
        }
        Scan {
            shadow,
            pieces,
            possible,
        }
    }

    /// The number of pattern `r` of rule `rule` among all patterns in rule order.
    pub(crate) fn pattern_index(&self, rule: usize, r: usize) -> Option<usize> {
        self.first_pattern.get(rule).map(|f| f + r)
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
            Some("set_adverb") => Guard::SetAdverb,
            _ => return Err(format!("rule {id}: unknown guard {g}")),
        }),
    };
    Ok(Rule {
        id: id.to_string(),
        kind,
        action,
        guard,
        regexes: Vec::new(),
        ascii: Vec::new(),
    })
}

/// `pattern` with every `\b` escape made ASCII-only (`(?-u:\b)`).
fn ascii_boundaries(pattern: &str) -> String {
    replace_escape(pattern, 'b', "(?-u:\\b)")
}

/// `pattern` with every escape `\{letter}` written `with` instead; other escapes (`\\`
/// included) are kept as they are.
pub(crate) fn replace_escape(pattern: &str, letter: char, with: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(n) if n == letter => out.push_str(with),
            Some(n) => {
                out.push('\\');
                out.push(n);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Whether a pattern matches the same on the shadow text as on the original: it must not
/// match `_` or a non-ASCII word character except through `\d` or case folding (both of
/// which `Grammar::scan_text` rules out). Conservative: any construct not known to be safe
/// (`.`, negated or POSIX classes, `\w`, `\p`, `\x`, flags other than `i`, non-ASCII word
/// characters) makes it unsafe, and the original regexes are used.
fn ascii_safe(pattern: &str) -> bool {
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('b' | 'd' | 's') => {}
                Some(n) if n.is_ascii_punctuation() => {}
                _ => return false,
            },
            '.' | '_' => return false,
            '[' => {
                if matches!(chars.peek(), Some('^' | '[')) {
                    return false;
                }
            }
            '(' if chars.peek() == Some(&'?') => {
                chars.next();
                // Groups `(?:`, `(?P<`, `(?i)`, `(?-i:`; anything else is unknown.
                let mut flags = String::new();
                while let Some(&n) = chars.peek() {
                    if n == ':' || n == ')' || n == '<' {
                        break;
                    }
                    flags.push(n);
                    chars.next();
                }
                if !matches!(flags.as_str(), "" | "i" | "-i" | "P") {
                    return false;
                }
            }
            c if !c.is_ascii() && (c.is_alphanumeric() || c == '\u{17F}' || c == '\u{212A}') => {
                return false;
            }
            c if !c.is_ascii() && !c.is_whitespace() && !is_plain_punct(c) => return false,
            _ => {}
        }
    }
    true
}

/// Non-ASCII punctuation that patterns may name literally (curly quotes, dashes).
fn is_plain_punct(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{201F}')
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
    fn embedded_grammar_takes_the_fast_path() {
        // A pattern edit that adds `.`, `\w`, `[^…]` or the like silently falls back to the
        // slow Unicode regexes (about 10× slower on news text); make that visible.
        let g = Grammar::parse(crate::GRAMMAR_SOURCE).unwrap();
        assert!(g.shadow_ok);
        assert!(ascii_safe(r"(?P<year>\d{4})\b[\s-]+['’]"));
        assert!(!ascii_safe(r"a.b"));
        assert!(!ascii_safe(r"\w+"));
        assert!(!ascii_safe(r"[^a]"));
        assert_eq!(ascii_boundaries(r"\bx\\b\d"), r"(?-u:\b)x\\b\d");
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
