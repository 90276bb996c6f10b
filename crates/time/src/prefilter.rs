//! Which rule patterns can match in a text at all, from one literal search over it.
//!
//! Each pattern run is a pass of the regex engine over the whole text, and most of the
//! grammar's sixty-odd patterns match nowhere in a given article (on Reuters, about four
//! match per article). A pattern is a sequence of parts; a match runs through every part
//! that cannot be empty, and each such part (with what follows it) begins with one of a
//! finite set of literals read off the pattern itself: a month name, "quarter", "the day
//! after", a digit. A pattern can match only if, for each of its parts, one of the part's
//! literals occurs in the text, so a single Aho–Corasick pass tells which patterns need to
//! run. Nothing is listed by hand: the literals follow the grammar as it is edited.
//!
//! Two things keep the literals selective. Case: a case-insensitive letter is marked as
//! such and every other letter must match exactly, so the capitalized month "May" of a
//! cased vocabulary does not fire on the modal "may". Whitespace: the literals are
//! searched for in a copy of the text with every run of whitespace written as one space,
//! so `the\s+day` gives the literal "the day", not just "the".
//!
//! The test is exact in one direction only (a pattern it lets through may still find
//! nothing), which is all that matters: a pattern it rules out would have found nothing.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use regex_syntax::hir::{Class, Hir, HirKind};

/// Most literals one part may have; beyond, the literals stop growing (they stay valid
/// beginnings, only less selective).
const MAX_LITERALS: usize = 2048;
/// Longest literal, in bytes.
const MAX_LEN: usize = 32;
/// Largest character class spelled out as literals (`\s` has 25 members, all one space).
const MAX_CLASS: u32 = 64;

/// A literal a match may begin with.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Lit {
    /// The bytes, lowercase where `fold` is set.
    bytes: Vec<u8>,
    /// Per byte: whether it matches either ASCII case.
    fold: Vec<bool>,
    /// Whether the literal is a whole match of what it was read from (else a beginning).
    exact: bool,
}

impl Lit {
    fn empty() -> Lit {
        Lit {
            bytes: Vec::new(),
            fold: Vec::new(),
            exact: true,
        }
    }

    /// Whether `self` occurs wherever `other` begins (so `other` adds nothing).
    fn covers(&self, other: &Lit) -> bool {
        self.bytes.len() <= other.bytes.len()
            && self.bytes.iter().enumerate().all(|(k, &b)| {
                let o = other.bytes[k];
                if self.fold[k] {
                    b.eq_ignore_ascii_case(&o)
                } else {
                    b == o && !other.fold[k]
                }
            })
    }

    /// Appends `other`; a space after a space is dropped (the searched copy of the text
    /// has none).
    fn append(&mut self, other: &Lit) {
        let skip =
            usize::from(self.bytes.last() == Some(&b' ') && other.bytes.first() == Some(&b' '));
        self.bytes.extend_from_slice(&other.bytes[skip..]);
        self.fold.extend_from_slice(&other.fold[skip..]);
        self.exact = other.exact;
        if self.bytes.len() > MAX_LEN {
            self.bytes.truncate(MAX_LEN);
            self.fold.truncate(MAX_LEN);
            self.exact = false;
        }
    }
}

/// The literals every match of an expression begins with; `None` when they are not a small
/// finite set (the expression may begin with anything).
type Seq = Option<Vec<Lit>>;

fn dedup(mut lits: Vec<Lit>) -> Vec<Lit> {
    let mut seen = std::collections::HashSet::new();
    lits.retain(|l| seen.insert(l.clone()));
    lits
}

/// The literals of one character (`None` for the Kelvin sign and long s, which the texts
/// the prefilter is used on do not hold).
fn char_lit(c: char, fold: bool) -> Option<Lit> {
    if c == '\u{212A}' || c == '\u{17F}' {
        return None;
    }
    let c = if c.is_whitespace() {
        ' '
    } else if c.is_ascii_digit() {
        '0'
    } else {
        c
    };
    let mut buf = [0u8; 4];
    let bytes = if fold {
        vec![c.to_ascii_lowercase() as u8]
    } else {
        c.encode_utf8(&mut buf).as_bytes().to_vec()
    };
    Some(Lit {
        fold: vec![fold; bytes.len()],
        bytes,
        exact: true,
    })
}

fn class_seq(class: &Class) -> Seq {
    let chars: Vec<char> = match class {
        Class::Unicode(u) => {
            let size: u32 = u
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if size > MAX_CLASS {
                return None;
            }
            u.iter().flat_map(|r| r.start()..=r.end()).collect()
        }
        Class::Bytes(b) => {
            if b.ranges().iter().any(|r| !r.end().is_ascii()) {
                return None;
            }
            let size: u32 = b
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if size > MAX_CLASS {
                return None;
            }
            b.iter()
                .flat_map(|r| r.start()..=r.end())
                .map(char::from)
                .collect()
        }
    };
    let lits = chars
        .iter()
        .filter_map(|&c| {
            // A letter whose other case is in the class too matches either case.
            let other = if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            let fold = c.is_ascii_alphabetic() && chars.contains(&other);
            char_lit(c, fold)
        })
        .collect();
    Some(dedup(lits))
}

/// Every `a` followed by every `b` (`b = None`: `a` ends where it can no longer grow).
fn cross(a: Vec<Lit>, b: &Seq) -> Vec<Lit> {
    let inexact = |mut a: Vec<Lit>| {
        a.iter_mut().for_each(|l| l.exact = false);
        a
    };
    let Some(b) = b else { return inexact(a) };
    let grown: usize = a.iter().map(|l| if l.exact { b.len() } else { 1 }).sum();
    if grown > MAX_LITERALS {
        return inexact(a);
    }
    let mut out = Vec::with_capacity(grown);
    for l in a {
        if !l.exact {
            out.push(l);
            continue;
        }
        for m in b {
            let mut n = l.clone();
            n.append(m);
            out.push(n);
        }
    }
    dedup(out)
}

fn union(a: Seq, b: Seq) -> Seq {
    let mut a = a?;
    a.extend(b?);
    let a = dedup(a);
    (a.len() <= MAX_LITERALS).then_some(a)
}

/// The literals every match of `hir` begins with.
fn seq(hir: &Hir) -> Seq {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![Lit::empty()]),
        HirKind::Literal(lit) => {
            let s = std::str::from_utf8(&lit.0).ok()?;
            let mut out = Lit::empty();
            for c in s.chars() {
                out.append(&char_lit(c, false)?);
            }
            Some(vec![out])
        }
        HirKind::Class(class) => class_seq(class),
        HirKind::Capture(c) => seq(&c.sub),
        HirKind::Concat(children) => concat_seq(children.iter()),
        HirKind::Alternation(branches) => branches
            .iter()
            .try_fold(Vec::new(), |acc, b| union(Some(acc), seq(b))),
        HirKind::Repetition(rep) => {
            let sub = seq(&rep.sub);
            let space = sub
                .as_ref()
                .is_some_and(|s| s.len() == 1 && s[0].bytes == b" " && s[0].exact);
            if space {
                // Any run of whitespace is one space in the searched copy.
                let one = sub.unwrap_or_default();
                return if rep.min == 0 {
                    Some(vec![Lit::empty(), one[0].clone()])
                } else {
                    Some(one)
                };
            }
            let body = match (rep.min, rep.max) {
                (_, Some(0)) => return Some(vec![Lit::empty()]),
                (n, Some(m)) if n == m && n <= 4 => {
                    let mut acc = vec![Lit::empty()];
                    for _ in 0..n {
                        acc = cross(acc, &sub);
                    }
                    Some(acc)
                }
                (_, Some(1)) => sub,
                _ => sub.map(|s| {
                    s.into_iter()
                        .map(|mut l| {
                            l.exact = false;
                            l
                        })
                        .collect()
                }),
            };
            if rep.min == 0 {
                union(body, Some(vec![Lit::empty()]))
            } else {
                body
            }
        }
    }
}

fn concat_seq<'h>(children: impl IntoIterator<Item = &'h Hir>) -> Seq {
    let mut acc = vec![Lit::empty()];
    for child in children {
        if acc.iter().all(|l| !l.exact) {
            break;
        }
        acc = cross(acc, &seq(child));
    }
    Some(acc)
}

/// The literals of a sequence whose parts' literals are `parts`, and how many parts they
/// spell out in full.
fn concat_prefix<'s>(parts: impl IntoIterator<Item = &'s Seq>) -> (Vec<Lit>, usize) {
    let mut acc = vec![Lit::empty()];
    let mut whole = 0;
    for part in parts {
        if acc.iter().all(|l| !l.exact) {
            break;
        }
        acc = cross(acc, part);
        if acc.iter().all(|l| l.exact) {
            whole += 1;
        }
    }
    (acc, whole)
}

/// The parts of a sequence, with groups around sequences opened up.
fn parts<'h>(hir: &'h Hir, out: &mut Vec<&'h Hir>) {
    match hir.kind() {
        HirKind::Concat(children) => children.iter().for_each(|c| parts(c, out)),
        HirKind::Capture(c) if matches!(c.sub.kind(), HirKind::Concat(_)) => parts(&c.sub, out),
        _ => out.push(hir),
    }
}

/// For each part of `hir` that cannot match empty and does not continue a run of
/// characters, the literals every match of it and what follows begins with.
fn conditions(hir: &Hir) -> Vec<Vec<Lit>> {
    let mut ps = Vec::new();
    parts(hir, &mut ps);
    // Each part's literals, read once: conditions start at several parts.
    let seqs: Vec<Seq> = ps.iter().map(|p| seq(p)).collect();
    let mut out = Vec::new();
    // Parts up to here are spelled out in full by an earlier condition's literals.
    let mut covered = 0;
    for i in 0..ps.len() {
        let required = ps[i].properties().minimum_len().is_some_and(|n| n > 0);
        let continues =
            i > 0 && matches!(ps[i - 1].kind(), HirKind::Literal(_) | HirKind::Class(_));
        // A run of whitespace is better left to the condition of the word after it.
        let space = seqs[i]
            .as_ref()
            .is_some_and(|s| s.len() == 1 && s[0].bytes == b" ");
        if !required || continues || space || i < covered {
            continue;
        }
        let (lits, whole) = concat_prefix(&seqs[i..]);
        if lits.is_empty() || lits.iter().any(|l| l.bytes.is_empty() || l.bytes == b" ") {
            continue;
        }
        covered = covered.max(i + whole);
        // Drop literals another one occurs in ("days" after "day").
        let mut kept: Vec<Lit> = Vec::with_capacity(lits.len());
        let mut sorted = lits;
        sorted.sort_by(|a, b| {
            a.bytes
                .len()
                .cmp(&b.bytes.len())
                .then(a.bytes.cmp(&b.bytes))
        });
        for l in sorted {
            if !kept.iter().any(|k| k.covers(&l)) {
                kept.push(l);
            }
        }
        out.push(kept);
    }
    out
}

/// `pattern` with `\d` written `[0-9]`: on a text without non-ASCII digits they match the
/// same, and the small class can be spelled out.
fn ascii_digits(pattern: &str) -> String {
    crate::grammar::replace_escape(pattern, 'd', "[0-9]")
}

/// The conditions of one rule pattern (as compiled: `(?i)` and the expanded text).
fn pattern_conditions(expanded: &str) -> Vec<Vec<Lit>> {
    match regex_syntax::Parser::new().parse(&format!("(?i){}", ascii_digits(expanded))) {
        Ok(hir) => conditions(&hir),
        // A pattern that cannot be read here has no conditions: it always runs.
        Err(_) => Vec::new(),
    }
}

/// The literal conditions of every pattern of a grammar.
#[derive(Debug)]
pub(crate) struct Prefilter {
    /// Every literal, matched ASCII-case-insensitively.
    search: AhoCorasick,
    /// For each searched literal, its variants: which bytes must match exactly (the others
    /// ignore case), and the conditions each satisfies.
    variants: Vec<Vec<(Lit, Vec<usize>)>>,
    /// For each pattern (numbered in rule order), the conditions that must all hold.
    needs: Vec<Vec<usize>>,
    /// Number of conditions.
    conditions: usize,
}

impl Prefilter {
    /// The conditions of `patterns`: the expanded pattern texts (compiled with `(?i)`) in
    /// rule order.
    pub(crate) fn new(patterns: &[String]) -> Result<Prefilter, aho_corasick::BuildError> {
        let mut keys: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut searched: Vec<Vec<u8>> = Vec::new();
        let mut variants: Vec<Vec<(Lit, Vec<usize>)>> = Vec::new();
        let mut needs = Vec::with_capacity(patterns.len());
        let mut count = 0;
        for pattern in patterns {
            let mut own = Vec::new();
            for lits in pattern_conditions(pattern) {
                let condition = count;
                count += 1;
                own.push(condition);
                for lit in lits {
                    let key = lit.bytes.to_ascii_lowercase();
                    let id = *keys.entry(key.clone()).or_insert_with(|| {
                        searched.push(key);
                        variants.push(Vec::new());
                        searched.len() - 1
                    });
                    let Some(vs) = variants.get_mut(id) else {
                        continue;
                    };
                    match vs
                        .iter_mut()
                        .find(|(l, _)| l.bytes == lit.bytes && l.fold == lit.fold)
                    {
                        Some((_, cs)) => cs.push(condition),
                        None => vs.push((lit, vec![condition])),
                    }
                }
            }
            needs.push(own);
        }
        let search = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&searched)?;
        Ok(Prefilter {
            search,
            variants,
            needs,
            conditions: count,
        })
    }

    /// For each pattern, whether it may match somewhere in `text`.
    ///
    /// Only valid for a text in which the rule regexes' `\d` can match ASCII digits only
    /// and case folding can reach ASCII letters only: no non-ASCII digit, Kelvin sign or
    /// long s (what `Grammar::scan_text` checks before it searches the shadow text whole).
    pub(crate) fn possible(&self, text: &str) -> Vec<bool> {
        let normal = normalize(text);
        let bytes = normal.as_bytes();
        let mut held = vec![false; self.conditions];
        for m in self.search.find_overlapping_iter(bytes) {
            let Some(found) = bytes.get(m.start()..m.end()) else {
                continue;
            };
            for (lit, cs) in self
                .variants
                .get(m.pattern().as_usize())
                .into_iter()
                .flatten()
            {
                let same = lit
                    .bytes
                    .iter()
                    .zip(&lit.fold)
                    .zip(found)
                    .all(|((b, fold), f)| *fold || b == f);
                if same {
                    for &c in cs {
                        if let Some(h) = held.get_mut(c) {
                            *h = true;
                        }
                    }
                }
            }
        }
        self.needs
            .iter()
            .map(|needs| needs.iter().all(|&c| held.get(c).copied().unwrap_or(true)))
            .collect()
    }
}

/// `text` as the literals are written: every run of whitespace one space, every ASCII
/// digit `0`.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(if c.is_ascii_digit() { '0' } else { c });
            space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The conditions of a pattern, each as sorted strings with case-insensitive letters
    /// in lowercase and exact ones as written.
    fn lits(pattern: &str) -> Vec<Vec<String>> {
        pattern_conditions(pattern)
            .into_iter()
            .map(|g| {
                let mut g: Vec<String> = g
                    .into_iter()
                    .map(|l| String::from_utf8_lossy(&l.bytes).into_owned())
                    .collect();
                g.sort();
                g
            })
            .collect()
    }

    #[test]
    fn parts_give_their_literals() {
        // Digits are all `0`, whitespace one space; the optional "the" gives nothing.
        assert_eq!(
            lits(r"(?:the\s+)?(?P<n>\d)\s+(?P<unit>days?|weeks?)\s+ago\b"),
            [vec!["0 day ago", "0 days ago", "0 week ago", "0 weeks ago"]]
        );
        // An unbounded repetition ends a literal; the next part gives its own.
        assert_eq!(
            lits(r"(?P<n>\d+)\s+(?-i:Days)\b"),
            [vec!["0"], vec!["Days"]]
        );
        // Optional parts and unbounded classes give nothing.
        assert!(lits(r"(?:early\s+)?\w+").is_empty());
        assert_eq!(ascii_digits(r"\d\\d\b"), r"[0-9]\\d\b");
        assert_eq!(normalize("a \t b\u{a0}\nc 1987 "), "a b c 0000 ");
    }

    /// Parsed once: the proptest below runs hundreds of cases.
    fn grammar() -> &'static crate::grammar::Grammar {
        static GRAMMAR: std::sync::OnceLock<crate::grammar::Grammar> = std::sync::OnceLock::new();
        GRAMMAR.get_or_init(|| crate::grammar::Grammar::parse(crate::GRAMMAR_SOURCE).unwrap())
    }

    proptest::proptest! {
        /// Soundness on the embedded grammar: a pattern that finds a match in a text is
        /// never ruled out for it (texts mixing the grammar's words, cases, digits and
        /// whitespace runs).
        #[test]
        fn no_pattern_that_matches_is_ruled_out(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("May"), proptest::strategy::Just("MAY"),
                    proptest::strategy::Just("may"), proptest::strategy::Just("Sept."),
                    proptest::strategy::Just("2019"), proptest::strategy::Just("3"),
                    proptest::strategy::Just("12:30"), proptest::strategy::Just("p.m."),
                    proptest::strategy::Just("AM"), proptest::strategy::Just("o'clock"),
                    proptest::strategy::Just("the"), proptest::strategy::Just("The"),
                    proptest::strategy::Just("last"), proptest::strategy::Just("NEXT"),
                    proptest::strategy::Just("week"), proptest::strategy::Just("Weeks"),
                    proptest::strategy::Just("day"), proptest::strategy::Just("days"),
                    proptest::strategy::Just("ago"), proptest::strategy::Just("Friday"),
                    proptest::strategy::Just("fridays"), proptest::strategy::Just("year"),
                    proptest::strategy::Just("a"), proptest::strategy::Just("two"),
                    proptest::strategy::Just("Twenty-first"), proptest::strategy::Just("century"),
                    proptest::strategy::Just("quarter"), proptest::strategy::Just("third"),
                    proptest::strategy::Just("’90s"), proptest::strategy::Just("1990s"),
                    proptest::strategy::Just("morning"), proptest::strategy::Just("tonight"),
                    proptest::strategy::Just("every"), proptest::strategy::Just("daily"),
                    proptest::strategy::Just("Christmas"), proptest::strategy::Just("early"),
                    proptest::strategy::Just("2024-03-05"), proptest::strategy::Just("3/4/25"),
                    proptest::strategy::Just("Q3"), proptest::strategy::Just("year-end"),
                ],
                0..16,
            ),
            seps in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(" "), proptest::strategy::Just("  "),
                    proptest::strategy::Just("\t"), proptest::strategy::Just("\n"),
                    proptest::strategy::Just("\u{a0}"), proptest::strategy::Just(", "),
                    proptest::strategy::Just("-"), proptest::strategy::Just(""),
                ],
                16,
            ),
        ) {
            let g = grammar();
            let mut text = String::new();
            for (w, sep) in words.iter().zip(&seps) {
                text.push_str(w);
                text.push_str(sep);
            }
            let scan = g.scan_text(&text);
            let Some(possible) = &scan.possible else {
                return Ok(());
            };
            for (index, rule) in g.rules.iter().enumerate() {
                for (r, regex) in rule.ascii.iter().enumerate() {
                    let Some(p) = g.pattern_index(index, r) else { continue };
                    if regex.is_match(&scan.shadow) {
                        proptest::prop_assert!(
                            possible.get(p) == Some(&true),
                            "{} ruled out on {:?}", rule.id, text
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn patterns_run_only_where_their_literals_occur() {
        let patterns = [
            r"\b(?P<n>\d+)\s+days\s+ago\b".to_string(),
            r"(?:last|next)\s+(?-i:Monday|MONDAY)\b".to_string(),
            r"\w+".to_string(),
        ];
        let p = Prefilter::new(&patterns).unwrap();
        assert_eq!(p.possible("3 DAYS\n  AGO"), [true, false, true]);
        assert_eq!(p.possible("days ago, NEXT monday"), [false, false, true]);
        assert_eq!(p.possible("days ago, NEXT\tMonday"), [false, true, true]);
        assert_eq!(p.possible(""), [false, false, true]);
    }
}
