//! The cleaning pass: lines and inline pieces in, article text out.
//!
//! 1. Split the input into trimmed lines, remembering blank lines.
//! 2. Cut inline boilerplate (paywall meters, glued teasers) out of each line, leaving pieces.
//! 3. Drop pieces that a line rule matches whole, stray counters and separator lines.
//! 4. Find the headline: the first line when it reads like one and a body follows, else a
//!    headline-like line after the body's footer (`title.leading`, `title.trailing`); drop
//!    repeats of it (`title.repeated`).
//! 5. Cut a wire dateline off the first body paragraph.
//! 6. Split subheadings glued to the next paragraph ("… on Friday. Talks in Geneva Since the
//!    war began, …") onto their own line (`subheading.glued`).
//! 7. Join the pieces: pieces of one line with a space, lines with a blank line.

use sitrep_text::{AlignmentBuilder, Span};

use crate::rules::{Rule, RuleError, RuleSet, Scope};
use crate::{Article, Removal, Truncation};

/// Removes boilerplate from scraped text. Build once, use for many articles.
#[derive(Debug, Clone)]
pub struct Cleaner {
    rules: RuleSet,
}

/// A trimmed input line and the pieces of it still kept.
#[derive(Debug)]
struct Line {
    span: Span,
    blank_before: bool,
    /// Kept pieces, in order.
    pieces: Vec<Piece>,
}

/// A kept piece of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    span: Span,
    /// Start a new paragraph before this piece (set where a glued subheading was split).
    break_before: bool,
    /// This piece is a subheading split off the paragraph it was glued to.
    subheading: bool,
}

impl Piece {
    fn new(span: Span) -> Piece {
        Piece {
            span,
            break_before: false,
            subheading: false,
        }
    }
}

impl Cleaner {
    /// A cleaner with the embedded rules.
    pub fn new() -> Result<Cleaner, RuleError> {
        Ok(Cleaner {
            rules: RuleSet::embedded()?,
        })
    }

    /// A cleaner with the given rules.
    pub fn with_rules(rules: RuleSet) -> Cleaner {
        Cleaner { rules }
    }

    /// The rules in use.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Cleans scraped text.
    pub fn clean(&self, input: &str) -> Article {
        let mut removed = Vec::new();
        let mut truncation = None;
        let mut lines = split_lines(input);

        for line in &mut lines {
            self.cut_inline(input, line, &mut removed, &mut truncation);
        }
        for line in &mut lines {
            line.pieces.retain(|p| {
                let piece = p.span;
                let text = piece.slice(input);
                let verdict = self
                    .line_rule(text)
                    .map(|r| (r.kind.as_str(), r.id.as_str(), r.truncates))
                    .or_else(|| is_counter(text).then_some(("counter", "counter.stray", false)))
                    .or_else(|| {
                        is_separator(text).then_some(("separator", "separator.line", false))
                    });
                let Some((kind, rule, truncates)) = verdict else {
                    return true;
                };
                if truncates && truncation.is_none() {
                    truncation = Some(Truncation {
                        visible_fraction: None,
                        evidence: text.to_string(),
                        rule: rule.to_string(),
                    });
                }
                removed.push(removal(input, piece, kind, rule));
                false
            });
        }

        let title = find_title(input, &mut lines, &mut removed);
        self.cut_dateline(input, &mut lines, &mut removed);
        for line in &mut lines {
            split_glued_subheadings(input, line);
        }

        let mut out = AlignmentBuilder::new();
        let mut subheadings = Vec::new();
        for line in lines.iter().filter(|l| !l.pieces.is_empty()) {
            for (k, piece) in line.pieces.iter().enumerate() {
                if !out.as_str().is_empty() {
                    out.push_inserted(if k == 0 || piece.break_before {
                        "\n\n"
                    } else {
                        " "
                    });
                }
                let start = out.as_str().len();
                out.push_source(input, piece.span);
                if piece.subheading {
                    subheadings.push(Span::from_range(start..out.as_str().len()));
                }
            }
        }
        removed.sort_by_key(|r: &Removal| r.span.start());
        let (text, alignment) = out.finish();
        Article {
            text,
            title,
            removed,
            truncation,
            alignment,
            subheadings,
        }
    }

    fn cut_inline(
        &self,
        input: &str,
        line: &mut Line,
        removed: &mut Vec<Removal>,
        truncation: &mut Option<Truncation>,
    ) {
        let text = line.span.slice(input);
        let mut cuts: Vec<(Span, &Rule)> = Vec::new();
        for rule in self.rules.of_scope(Scope::Inline) {
            for caps in rule.regex.captures_iter(text) {
                let Some(whole) = caps.get(0) else { continue };
                let span = Span::from_range(whole.range()).shift(line.span.start());
                if rule.truncates && truncation.is_none() {
                    let visible = caps
                        .name("pct")
                        .and_then(|p| p.as_str().replace(',', ".").parse::<f64>().ok())
                        .filter(|p| (0.0..=100.0).contains(p))
                        .map(|p| ((100.0 - p) / 100.0 * 10_000.0).round() / 10_000.0);
                    *truncation = Some(Truncation {
                        visible_fraction: visible,
                        evidence: whole.as_str().to_string(),
                        rule: rule.id.clone(),
                    });
                }
                cuts.push((span, rule));
            }
        }
        if cuts.is_empty() {
            return;
        }
        cuts.sort_by_key(|(s, _)| (s.start(), std::cmp::Reverse(s.end())));
        let mut pieces = Vec::new();
        let mut cursor = line.span.start();
        for (span, rule) in cuts {
            if span.start() < cursor {
                continue; // Overlaps a cut already made.
            }
            push_piece(input, &mut pieces, Span::from_range(cursor..span.start()));
            removed.push(removal(input, span, &rule.kind, &rule.id));
            cursor = span.end();
        }
        push_piece(
            input,
            &mut pieces,
            Span::from_range(cursor..line.span.end()),
        );
        line.pieces = pieces;
    }

    /// The first line rule that removes `text`, if any.
    fn line_rule(&self, text: &str) -> Option<&Rule> {
        let words = text.split_whitespace().count();
        let sentence_end = text.ends_with(['.', '!', '?']);
        self.rules.of_scope(Scope::Line).find(|r| {
            r.max_words.is_none_or(|m| words <= m)
                && !(r.reject_sentence_end && sentence_end)
                && r.regex.is_match(text)
        })
    }

    fn cut_dateline(&self, input: &str, lines: &mut [Line], removed: &mut Vec<Removal>) {
        let Some(first) = lines.iter_mut().find(|l| !l.pieces.is_empty()) else {
            return;
        };
        let piece = first.pieces[0].span;
        let text = piece.slice(input);
        for rule in self.rules.of_scope(Scope::Prefix) {
            if let Some(m) = rule.regex.find(text) {
                // Keep the paragraph when the "dateline" would be all of it.
                if m.end() >= text.len() {
                    continue;
                }
                removed.push(removal(
                    input,
                    Span::from_range(m.range()).shift(piece.start()),
                    &rule.kind,
                    &rule.id,
                ));
                first.pieces[0].span = Span::from_range(piece.start() + m.end()..piece.end());
                return;
            }
        }
    }
}

fn removal(input: &str, span: Span, kind: &str, rule: &str) -> Removal {
    Removal {
        kind: kind.to_string(),
        rule: rule.to_string(),
        span,
        text: span.slice(input).to_string(),
    }
}

fn push_piece(input: &str, pieces: &mut Vec<Piece>, span: Span) {
    let span = span.trim(input);
    // A piece of nothing but punctuation left between two cuts is debris, not text.
    if !span.is_empty() && span.slice(input).chars().any(char::is_alphanumeric) {
        pieces.push(Piece::new(span));
    }
}

fn split_lines(input: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut offset = 0;
    let mut blank_before = false;
    for raw in input.split('\n') {
        let span = Span::from_range(offset..offset + raw.len()).trim(input);
        offset += raw.len() + 1;
        if span.is_empty() {
            blank_before = true;
            continue;
        }
        lines.push(Line {
            span,
            blank_before,
            pieces: vec![Piece::new(span)],
        });
        blank_before = false;
    }
    lines
}

/// A line of nothing but a number: view, comment and share counters, page numbers.
fn is_counter(text: &str) -> bool {
    text.len() <= 12
        && text.starts_with(|c: char| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '/' | 'K' | 'k' | 'M'))
}

/// A line with no letters or digits ("***", "—", "• • •").
fn is_separator(text: &str) -> bool {
    !text.chars().any(char::is_alphanumeric)
}

/// Whether a line reads like a headline: 2–25 words, starts with a capital or a digit, and
/// does not end like a sentence or a clause.
fn is_headline_like(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if !(2..=25).contains(&words) {
        return false;
    }
    let core = text.trim_end_matches(['”', '"', '’', '\'', ')']);
    if core.ends_with(['.', ',', ';', ':', '!']) || core.ends_with('…') {
        return false;
    }
    text.starts_with(|c: char| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘')
    })
}

/// Whether a line reads like body text: it ends like a sentence or is long.
fn is_body_like(text: &str) -> bool {
    let core = text.trim_end_matches(['”', '"', '’', '\'', ')']);
    core.ends_with(['.', '!', '?', '…']) || text.split_whitespace().count() > 25
}

fn single_piece<'a>(input: &'a str, line: &Line) -> Option<&'a str> {
    match line.pieces.as_slice() {
        [piece] if piece.span == line.span => Some(piece.span.slice(input)),
        _ => None,
    }
}

fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn find_title(input: &str, lines: &mut [Line], removed: &mut Vec<Removal>) -> Option<String> {
    let kept: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].pieces.is_empty())
        .collect();
    if kept.len() < 2 {
        return None;
    }
    let mut found = None;
    // A headline on the first line, followed by the body (repeats of the headline aside).
    let first = kept[0];
    if let Some(head) = single_piece(input, &lines[first]).filter(|h| is_headline_like(h)) {
        let key = normalized(head);
        let next = kept[1..]
            .iter()
            .filter_map(|&i| lines[i].pieces.first())
            .find(|p| normalized(p.span.slice(input)) != key);
        if next.is_some_and(|p| is_body_like(p.span.slice(input))) {
            found = Some((first, "title.leading"));
        }
    }
    // A headline after the body, set apart by a footer that was removed or by a blank line.
    if found.is_none() {
        let (prev, last) = (kept[kept.len() - 2], kept[kept.len() - 1]);
        let set_apart = last > prev + 1
            || (lines[last].blank_before
                && single_piece(input, &lines[last])
                    .is_some_and(|t| t.split_whitespace().count() >= 4));
        let body_before = lines[prev]
            .pieces
            .last()
            .is_some_and(|p| is_body_like(p.span.slice(input)));
        if set_apart
            && body_before
            && single_piece(input, &lines[last]).is_some_and(is_headline_like)
        {
            found = Some((last, "title.trailing"));
        }
    }
    let (index, rule) = found?;
    let span = lines[index].span;
    let title = span.slice(input).to_string();
    removed.push(removal(input, span, "title", rule));
    lines[index].pieces.clear();
    let key = normalized(&title);
    for line in lines.iter_mut() {
        if single_piece(input, line).is_some_and(|t| normalized(t) == key) {
            removed.push(removal(input, line.span, "title", "title.repeated"));
            line.pieces.clear();
        }
    }
    Some(title)
}

/// Words that commonly open a sentence; a capitalized one in mid-"sentence" with no
/// punctuation before it marks where a glued subheading ends.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "Since",
    "But",
    "After",
    "Before",
    "When",
    "While",
    "As",
    "For",
    "Despite",
    "Although",
    "Though",
    "However",
    "During",
    "Last",
    "Earlier",
    "Later",
    "According",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "Its",
    "His",
    "Her",
    "Their",
    "There",
    "Meanwhile",
    "Yet",
    "If",
    "Amid",
    "Following",
    "Until",
    "Over",
];

/// Lower-case words allowed inside a headline-cased subheading.
const HEADLINE_FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "from",
    "by", "as", "between", "against", "over", "after", "amid", "into", "vs", "vs.", "versus",
    "about", "under", "without", "toward", "towards", "is", "are", "not", "its",
];

/// Splits each piece where a headline-cased run of words after a sentence end runs into a
/// capitalized sentence opener without punctuation.
fn split_glued_subheadings(input: &str, line: &mut Line) {
    let mut out = Vec::with_capacity(line.pieces.len());
    for &piece in &line.pieces {
        let text = piece.span.slice(input);
        let base = piece.span.start();
        let cuts: Vec<(usize, usize)> = segment_starts(text)
            .into_iter()
            .filter_map(|s| glued_subheading_at(text, s))
            .collect();
        if cuts.is_empty() {
            out.push(piece);
            continue;
        }
        let mut cursor = 0;
        let mut break_before = piece.break_before;
        for (head_start, body_start) in cuts {
            let before = Span::from_range(base + cursor..base + head_start).trim(input);
            if !before.is_empty() {
                out.push(Piece {
                    span: before,
                    break_before,
                    subheading: false,
                });
            }
            let head = Span::from_range(base + head_start..base + body_start).trim(input);
            out.push(Piece {
                span: head,
                break_before: !before.is_empty() || break_before,
                subheading: true,
            });
            break_before = true;
            cursor = body_start;
        }
        let rest = Span::from_range(base + cursor..piece.span.end()).trim(input);
        if !rest.is_empty() {
            out.push(Piece {
                span: rest,
                break_before: true,
                subheading: false,
            });
        }
    }
    line.pieces = out;
}

/// Byte offsets in `text` where a sentence may start: 0 and after `. `, `? `, `! ` (with
/// closing quotes).
fn segment_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '?' | '!') {
            let mut j = i + 1;
            while let Some(rest) = text.get(j..) {
                match rest.chars().next() {
                    Some(q @ ('”' | '"' | '’' | ')')) => j += q.len_utf8(),
                    _ => break,
                }
            }
            if bytes.get(j) == Some(&b' ') {
                let k = j + text[j..].len() - text[j..].trim_start().len();
                starts.push(k);
            }
        }
    }
    starts
}

fn glued_subheading_at(text: &str, start: usize) -> Option<(usize, usize)> {
    let mut words = Vec::new();
    let mut pos = start;
    for word in text[start..].split(' ') {
        if !word.is_empty() {
            words.push((pos, word));
        }
        pos += word.len() + 1;
        if words.len() > 16 {
            break;
        }
    }
    let first = words.first()?.1;
    if !first.starts_with(char::is_uppercase) {
        return None;
    }
    let mut capitalized = 0;
    for k in 0..words.len() {
        let (offset, word) = words[k];
        if k >= 3 && OPENERS.contains(&word) && capitalized >= 2 {
            let prev = words[k - 1].1;
            if !HEADLINE_FUNCTION_WORDS.contains(&prev) && k + 1 < words.len() {
                return Some((start, offset));
            }
        }
        if word.contains([
            '.', ',', ';', ':', '!', '?', '"', '“', '”', '(', ')', '[', ']',
        ]) {
            return None;
        }
        if word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            capitalized += 1;
        } else if !HEADLINE_FUNCTION_WORDS.contains(&word) {
            return None;
        }
    }
    None
}
