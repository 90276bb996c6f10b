//! Quotes and their speakers.
//!
//! [`find_quotes`] finds direct quotes (words between quote marks, straight or curly, with the
//! unbalanced and nested marks that translation leaves behind) and indirect speech ("said
//! that …", "said the talks failed", "…, the minister said.", "according to X"), and
//! resolves each speaker to an entity:
//!
//! - through a reporting verb next to the quote: `“…,” X said`, `“…,” said X`,
//!   `X said “…”`, `X declared Monday, Lima “…”`; the speaker is the verb's subject (from
//!   the dependency parse when one is present, else the nearest entity on the verb's side);
//! - through a title ("the minister said" → the entity holding that title);
//! - through a pronoun ("he said" → the most recent person).
//!
//! Short quoted noun phrases with no reporting verb next to them (scare quotes, titles such
//! as “peace broker”) are not statements and are not returned.
//!
//! ```
//! use sitrep_annotate::quotes::find_quotes;
//! use sitrep_document::Document;
//! let doc = Document::new("“We will not give up,” the mayor said.".to_string());
//! let quotes = find_quotes(&doc, &[]);
//! assert_eq!(quotes.len(), 1);
//! assert_eq!(quotes[0].span.slice(doc.text()), "We will not give up");
//! assert_eq!(quotes[0].cue.as_deref(), Some("said"));
//! ```

use std::ops::Range;

use sitrep_document::Document;
use sitrep_text::Span;

use crate::entities::{Entity, EntityKind};

/// One quote: what was said, and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, without the quote marks (byte offsets into the document text).
    pub span: Span,
    /// Index into the entity list of the speaker, when resolved.
    pub speaker: Option<usize>,
    /// The reporting verb as written ("declared"), when there is one.
    pub cue: Option<String>,
    /// `true` for words in quote marks, `false` for indirect speech ("said that …").
    pub direct: bool,
    /// Index of the sentence where the quote starts.
    pub sentence: usize,
}

/// Reporting verbs, in the forms news text uses them. Lower case.
const CUE_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "stating",
    "adding",
    "noting",
    "explaining",
    "insisting",
    "arguing",
    "claiming",
    "writing",
    "telling",
    "declaring",
    "announcing",
    "tweeting",
    "asserting",
    "stressing",
    "told",
    "tells",
    "declared",
    "declares",
    "stated",
    "states",
    "added",
    "adds",
    "noted",
    "notes",
    "explained",
    "explains",
    "insisted",
    "insists",
    "warned",
    "warns",
    "argued",
    "argues",
    "claimed",
    "claims",
    "announced",
    "announces",
    "asserted",
    "asserts",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "emphasizes",
    "wrote",
    "writes",
    "tweeted",
    "posted",
    "remarked",
    "acknowledged",
    "admitted",
    "replied",
    "responded",
    "confirmed",
    "denied",
    "suggested",
    "predicted",
    "pledged",
    "vowed",
    "promised",
    "urged",
    "maintained",
    "recalled",
    "reported",
    "commented",
    "observed",
    "continued",
    "concluded",
    "affirmed",
    "reiterated",
    "underlined",
    "underscored",
];

/// Personal pronouns that can stand for a speaker.
const PERSON_PRONOUNS: &[&str] = &["he", "she", "his", "her"];

/// Words before a cue word that make it a noun ("all claims that", "the reports that").
const NOUN_DETERMINERS: &[&str] = &[
    "the", "a", "an", "all", "any", "these", "those", "such", "his", "her", "its", "their", "our",
    "no", "of", "earlier", "previous",
];

/// Quotes this short with no reporting verb next to them are scare quotes or titles.
const MIN_UNCUED_WORDS: usize = 6;

/// How far (in tokens) a reporting verb may stand from the quote mark.
const CUE_WINDOW_LONG: usize = 12;
/// The same for short quotes, which must be right next to their verb.
const CUE_WINDOW_SHORT: usize = 4;
/// How many name and title tokens between a quote and its verb are not counted in the window.
const MAX_NAME_TOKENS: usize = 8;

/// The shortest indirect quote kept, in words.
const MIN_INDIRECT_WORDS: usize = 4;
/// The longest attribution after the last comma of a sentence (", the company said").
const MAX_ATTRIBUTION_TOKENS: usize = 12;

/// Reporting verbs that take a clause without "that" ("he said the talks failed").
const BARE_CLAUSE_CUES: &[&str] = &["said", "says", "told", "tells", "added", "adds"];

/// Words that may open a reported clause.
const CLAUSE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "it",
    "they",
    "he",
    "she",
    "we",
    "i",
    "there",
    "some",
    "many",
    "most",
    "no",
    "all",
    "both",
    "such",
    "talks",
    "prices",
    "officials",
];

/// Words of a reported clause that show it has a verb of its own.
const FINITE_VERBS: &[&str] = &[
    "is", "are", "was", "were", "will", "would", "could", "should", "can", "may", "might", "must",
    "had", "has", "have", "did", "does", "do", "shall",
];

/// Addressees of "told" that are not names.
const ADDRESSEES: &[&str] = &[
    "reporters",
    "journalists",
    "lawmakers",
    "parliament",
    "supporters",
    "the",
    "him",
    "her",
    "them",
    "us",
    "me",
    "agency",
    "newspaper",
    "broadcaster",
    "television",
    "radio",
    "crowd",
    "audience",
    "delegates",
    "investors",
    "analysts",
];

/// Adverbs between a speaker and the verb ("Kim also said").
const SPEECH_ADVERBS: &[&str] = &["also", "later", "then", "again", "further", "previously"];

/// Weekday names, lower case.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// "in a statement", "in an interview".
const STATEMENT_NOUNS: &[&str] = &[
    "statement",
    "interview",
    "speech",
    "briefing",
    "post",
    "letter",
];

/// "last week", "earlier this month".
const TIME_NOUNS: &[&str] = &["week", "month", "year", "night", "weekend", "time"];

/// Prepositions whose object, named before a pronoun in the same sentence, is not what the
/// pronoun stands for.
const OBJECT_PREPOSITIONS: &[&str] = &[
    "to", "with", "by", "from", "for", "about", "against", "at", "of", "toward", "towards",
];

/// Reporting verbs that close a sentence as its attribution ("…, the ministry said.").
const ATTRIBUTION_CUES: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "stated",
    "states",
    "explained",
    "noted",
    "claimed",
    "claims",
    "warned",
    "argued",
    "insisted",
    "tweeted",
    "reported",
    "announced",
    "acknowledged",
    "admitted",
    "confirmed",
    "stressed",
    "declared",
];

/// The most tokens after an attribution's verb ("told reporters in Kyiv on Monday").
const MAX_AFTER_ATTRIBUTION: usize = 6;

/// Auxiliaries before a participle that make it passive ("were denied").
const AUXILIARIES: &[&str] = &[
    "be", "been", "being", "is", "are", "was", "were", "get", "got",
];

/// Words that open a noun phrase naming a speaker ("the ministry", "a spokesman").
const SPEAKER_DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those", "one",
    "two", "three", "several", "many", "some", "local", "other",
];

/// Words that do not occur in a short speaker phrase without a determiner: they join
/// clauses or introduce objects.
const NOT_IN_SPEAKER: &[&str] = &[
    "but", "and", "or", "which", "who", "that", "to", "them", "him", "her", "it", "is", "are",
    "was", "were", "not", "also", "then", "so", "as", "if", "when", "while",
];

/// Pronouns that stand for no person sitrep can name as a speaker.
const OTHER_PRONOUNS: &[&str] = &["we", "they", "i", "you", "it", "one"];

/// Quote marks as tokens, lower case.
const QUOTE_MARKS: &[&str] = &["\"", "“", "”", "„", "«", "»", "''", "``"];

/// Prepositions after which a name is not the subject of the verb that follows it.
const SUBJECT_BLOCKERS: &[&str] = &[
    "to", "with", "by", "from", "for", "about", "against", "at", "of", "in", "on", "near",
];

/// What an indirect-speech form found: the quoted tokens `from..to`, speaker and cue.
struct Indirect {
    /// Whether the form was `said that …` (explicit enough to keep however short).
    that: bool,
    from: usize,
    to: usize,
    speaker: Option<usize>,
    cue: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
}

/// Finds the quotes of `doc` and resolves their speakers to `entities`.
pub fn find_quotes(doc: &Document, entities: &[Entity]) -> Vec<Quote> {
    let ctx = Context::new(doc, entities);
    let mut quotes = Vec::new();
    for (open, close) in pair_marks(doc.text()) {
        if let Some(q) = ctx.direct_quote(open, close) {
            quotes.push(q);
        }
    }
    ctx.continue_speakers(&mut quotes);
    let mut indirect = ctx.indirect_quotes(&quotes);
    quotes.append(&mut indirect);
    quotes.sort_by_key(|q| q.span.start());
    quotes
}

/// Marks in `needed` (one flag per sentence of `doc`) the sentences whose parse
/// [`find_quotes`] may read: the parse gives the subject of a reporting verb, which is looked
/// up only for a verb within reach of a pair of quote marks (see `Context::cue_after` and
/// `Context::cue_before`) and for a verb followed by "that" (indirect speech). The parse of
/// no other sentence is read, so parsing only the marked ones finds the same quotes and
/// speakers. `doc` may be unparsed.
pub fn needs_syntax(doc: &Document, needed: &mut [bool]) {
    let n = doc.tokens().len();
    let mut mark = |k: usize| {
        if let Some(flag) = doc.sentence_of_token(k).and_then(|s| needed.get_mut(s)) {
            *flag = true;
        }
    };
    for k in 0..n {
        if lower_is(doc.token_text(k + 1), "that") && is_cue_word(doc.token_text(k)) {
            mark(k);
        }
    }
    let text = doc.text();
    for (open, close) in pair_marks(text) {
        // The widest windows `direct_quote` may search: up to the long window of counted
        // tokens after the closing mark, plus the name tokens it does not count.
        let open_len = text[open..].chars().next().map_or(1, char::len_utf8);
        let open_tok = doc.tokens_in(Span::from_range(open..open + open_len)).start;
        let after = doc.tokens_in(Span::from_range(close..close + 1)).end;
        let before = open_tok.saturating_sub(CUE_WINDOW_LONG)..open_tok;
        let after = after..(after + 2 * CUE_WINDOW_LONG + MAX_NAME_TOKENS).min(n);
        for k in before.chain(after) {
            if is_cue_word(doc.token_text(k)) {
                mark(k);
            }
        }
    }
}

/// Whether `word` lower-cases to `lower` (ASCII, lower case), as `Context` compares words,
/// without allocating for the usual ASCII word.
fn lower_is(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.eq_ignore_ascii_case(lower)
    } else {
        word.to_lowercase() == lower
    }
}

/// Whether `word` lower-cases to a reporting verb, as `Context::is_cue` compares it (without
/// allocating for the usual ASCII word; other words are lower-cased exactly as there).
fn is_cue_word(word: &str) -> bool {
    if word.is_ascii() {
        CUE_VERBS.iter().any(|c| c.eq_ignore_ascii_case(word))
    } else {
        CUE_VERBS.contains(&word.to_lowercase().as_str())
    }
}

/// Classifies every quote mark of `text` and pairs them: `(open_mark_start, close_mark_start)`.
fn pair_marks(text: &str) -> Vec<(usize, usize)> {
    let mut marks = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let mark = match c {
            '“' | '„' | '«' => Some(Mark::Open),
            '”' | '»' => Some(Mark::Close),
            '"' => {
                // A straight mark opens when it follows a space or an opening bracket and
                // is followed by a word; otherwise it closes.
                let after_space = prev.is_none_or(|p| p.is_whitespace() || "([{—–-".contains(p));
                let before_word = next.is_some_and(|n| !n.is_whitespace());
                Some(if after_space && before_word {
                    Mark::Open
                } else {
                    Mark::Close
                })
            }
            _ => None,
        };
        if let Some(m) = mark {
            marks.push((i, m));
        }
        prev = Some(c);
    }
    let mut pairs = Vec::new();
    let mut k = 0;
    while k < marks.len() {
        let (start, m) = marks[k];
        if m != Mark::Open {
            k += 1;
            continue;
        }
        // Pair with the first closing mark after it. Opening marks in between are stray or
        // nested (translation often leaves an extra “ inside a quote): they belong to this
        // quote, unless a paragraph break shows the first mark was never closed.
        let mut j = k + 1;
        let mut paired = None;
        while j < marks.len() {
            let (pos, mj) = marks[j];
            if text[start..pos].contains("\n\n") || pos - start > 1500 {
                break;
            }
            if mj == Mark::Close {
                paired = Some(pos);
                break;
            }
            j += 1;
        }
        match paired {
            Some(end) => {
                pairs.push((start, end));
                k = j + 1;
            }
            None => k += 1,
        }
    }
    pairs
}

/// A mention usable as a speaker, with the entity it stands for.
#[derive(Debug, Clone, Copy)]
struct MentionRef {
    entity: usize,
    start_tok: usize,
    end_tok: usize,
}

struct Context<'a> {
    doc: &'a Document,
    entities: &'a [Entity],
    mentions: Vec<MentionRef>,
    lower: Vec<String>,
}

impl<'a> Context<'a> {
    fn new(doc: &'a Document, entities: &'a [Entity]) -> Context<'a> {
        let mut mentions = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            if e.kind == EntityKind::Misc {
                continue;
            }
            for m in &e.mentions {
                if m.tokens.is_empty() {
                    continue;
                }
                let entity = m.acts_for.filter(|&a| a < entities.len()).unwrap_or(i);
                mentions.push(MentionRef {
                    entity,
                    start_tok: m.tokens.start,
                    end_tok: m.tokens.end,
                });
            }
        }
        mentions.sort_by_key(|m| (m.start_tok, m.end_tok));
        let lower = (0..doc.tokens().len())
            .map(|i| doc.token_text(i).to_lowercase())
            .collect();
        Context {
            doc,
            entities,
            mentions,
            lower,
        }
    }

    /// A reporting verb, not part of a name ("Omar Said").
    fn is_cue(&self, tok: usize) -> bool {
        CUE_VERBS.contains(&self.lower[tok].as_str()) && self.mention_at(tok).is_none()
    }

    fn mention_at(&self, tok: usize) -> Option<MentionRef> {
        self.mentions
            .iter()
            .copied()
            .find(|m| m.start_tok <= tok && tok < m.end_tok)
    }

    /// Builds a direct quote from the marks at `open` and `close`, or `None` for scare quotes
    /// and empty marks.
    fn direct_quote(&self, open: usize, close: usize) -> Option<Quote> {
        let text = self.doc.text();
        let open_len = text[open..].chars().next().map_or(1, char::len_utf8);
        let inner = trim_quote(text, open + open_len, close);
        if inner.is_empty() {
            return None;
        }
        let words = inner.slice(text).split_whitespace().count();
        let window = if words < MIN_UNCUED_WORDS {
            CUE_WINDOW_SHORT
        } else {
            CUE_WINDOW_LONG
        };
        let sentence = self.doc.sentence_at(open).unwrap_or(0);
        let open_tok = self
            .doc
            .tokens_in(Span::from_range(open..open + open_len))
            .start;
        let close_toks = self.doc.tokens_in(Span::from_range(close..close + 1));
        let after = close_toks.end;
        // `“… was over.” According to X, …` and `“….” X later said the …`: a quote that
        // ends its sentence with a period inside the marks, followed by a capital, is not
        // introduced by what comes next (news style puts a comma there: `“…,” X said`).
        let ends_sentence = text[open + open_len..close].trim_end().ends_with('.')
            && self
                .doc
                .tokens()
                .get(after)
                .is_some_and(|_| self.doc.token_text(after).starts_with(char::is_uppercase));
        let short = words < MIN_UNCUED_WORDS;
        // A short quote is a statement only when it stands as the verb's whole complement
        // (`“No,” he said`, `“No” said X`, `she said: “Never.”`); inside reported speech (`said the crash
        // was “likely” their doing`) it is the reporter's scare quote.
        let ends_clause = text[open + open_len..close]
            .trim_end()
            .ends_with([',', '?', '!'])
            || self.lower.get(after).is_some_and(|w| w == ",")
            || (after < self.lower.len() && self.is_cue(after));
        let found = if ends_sentence || (short && !ends_clause) {
            None
        } else {
            self.cue_after(after, window)
        }
        .or_else(|| {
            self.cue_before(open_tok, window)
                .filter(|&(cue, _)| !short || self.only_glue_between(cue + 1, open_tok))
        })
        .map(|(cue, speaker)| {
            let word = if self.lower[cue] == "according" {
                "according to"
            } else {
                self.doc.token_text(cue)
            };
            (word.to_string(), speaker)
        });
        let (cue, mut speaker) = found.map_or((None, None), |(c, s)| (Some(c), s));
        // "X responded on Twitter, attacking the ruling: “…”": a colon hands the quote to
        // the sentence's first person or organization.
        let colon = open_tok.checked_sub(1).filter(|&k| self.lower[k] == ":");
        if cue.is_none()
            && let Some(colon) = colon
            && let Some(first) = self
                .doc
                .sentence_of_token(colon)
                .map(|s| self.doc.sentences()[s].tokens.start)
        {
            speaker = self.colon_speaker(first, colon);
        }
        let introduced = speaker.is_some();
        if cue.is_none() && !introduced && (words < MIN_UNCUED_WORDS || is_title(inner.slice(text)))
        {
            return None;
        }
        Some(Quote {
            span: inner,
            speaker,
            cue,
            direct: true,
            sentence,
        })
    }

    /// The speaker of `X …: “…”` in tokens `first..colon`: the first person or organization
    /// that is not the object of a preposition ("approved by President X"; "according to X"
    /// is the speaker) nor a possessor inside the sentence ("praised X's life"), or a
    /// personal pronoun before it, which stands for the latest person ("In his message, he
    /// praised X's life: “…”").
    fn colon_speaker(&self, first: usize, colon: usize) -> Option<usize> {
        for k in first..colon {
            if PERSON_PRONOUNS.contains(&self.lower[k].as_str()) {
                return self.recent_person(k);
            }
            let Some(m) = self.mentions.iter().copied().find(|m| m.start_tok == k) else {
                continue;
            };
            // A possessor opening the sentence owns the words ("X's statement read: …").
            let possessive = m.start_tok > first
                && self
                    .lower
                    .get(m.end_tok)
                    .is_some_and(|w| w == "'s" || w == "’s");
            let according = m.start_tok >= 2 && self.lower[m.start_tok - 2] == "according";
            // "CIA deputy director Michael Morell praised X: …": the body opens the
            // person's title.
            if self.entities[m.entity].kind == EntityKind::Org
                && let Some(person) = self.person_after_title(m.end_tok, colon)
            {
                return Some(person);
            }
            if m.end_tok <= colon
                && matches!(
                    self.entities[m.entity].kind,
                    EntityKind::Per | EntityKind::Org
                )
                && !possessive
                && (according
                    || (!self.introduced_by_preposition(first, m)
                        && !self.object_of_preposition(m)))
            {
                return Some(m.entity);
            }
        }
        None
    }

    /// A person named right after words of one of their titles, from token `from` (before
    /// `limit`): "CIA" + "deputy director" + "Michael Morell".
    fn person_after_title(&self, from: usize, limit: usize) -> Option<usize> {
        let mut k = from;
        while k < limit && k < from + 4 && self.mention_at(k).is_none() {
            k += 1;
        }
        let m = self.mention_at(k).filter(|m| {
            k > from
                && m.start_tok == k
                && m.end_tok <= limit
                && self.entities[m.entity].kind == EntityKind::Per
        })?;
        let titles: Vec<String> = self.entities[m.entity]
            .titles
            .iter()
            .map(|t| t.to_lowercase())
            .collect();
        (from..k)
            .all(|j| {
                titles
                    .iter()
                    .any(|t| t.split_whitespace().any(|w| w == self.lower[j]))
            })
            .then_some(m.entity)
    }

    /// `“…,” X said` or `“…,” said X`: a reporting verb right after the closing mark.
    /// Returns the cue's token (for "according to", the token "according") and the speaker.
    fn cue_after(&self, from: usize, window: usize) -> Option<(usize, Option<usize>)> {
        let n = self.doc.tokens().len();
        let mut k = from;
        let mut steps = 0;
        while k < n && steps < window {
            let w = self.lower[k].as_str();
            if self.is_cue(k) {
                // `“…”, adding that …`: a participle after a comma continues the sentence
                // before the quote; it does not introduce it (`X was quoted as saying` does).
                if w.ends_with("ing") && k > from && self.lower[k - 1] == "," {
                    return None;
                }
                let speaker = self
                    .subject_between(from, k)
                    .or_else(|| self.object_after(k))
                    .or_else(|| self.parse_subject(k));
                return Some((k, speaker));
            }
            if w == "according" && self.lower.get(k + 1).is_some_and(|t| t == "to") {
                return Some((k, self.object_after(k + 1)));
            }
            // Names, titles and adverbs may stand between; the end of the sentence, a new
            // quote or a new clause with its own verb (`“…”, and said “…”`) may not.
            let new_clause = matches!(w, "and" | "but" | "or")
                && (k == from || (k == from + 1 && self.lower[from] == ","))
                && k + 1 < n
                && self.is_cue(k + 1);
            if matches!(w, "." | "!" | "?" | "“" | "\"" | ";") || new_clause {
                return None;
            }
            // A speaker's name and title ("French Foreign Minister Ana Ruiz told") do not
            // count against the window: a short quote is still right next to its verb.
            let name_word = self.mention_at(k).is_some()
                || self
                    .doc
                    .token_text(k)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
            if !name_word || k >= from + window + MAX_NAME_TOKENS {
                steps += 1;
            }
            k += 1;
        }
        None
    }

    /// `X said “…”`, `X declared Monday, Lima “…”`: a reporting verb before the opening
    /// mark, in the same sentence.
    /// Whether tokens `from..to` (between a reporting verb and a short quote) hold only
    /// what may stand between a verb and its quoted complement: punctuation (also the end of
    /// the attribution's sentence: `he said. “No.”`), "that", the addressee (`told
    /// reporters:`, `told the BBC:`, `told him`).
    fn only_glue_between(&self, from: usize, to: usize) -> bool {
        const GLUE: &[&str] = &[
            ",",
            ":",
            ".",
            "that",
            "the",
            "a",
            "reporters",
            "journalists",
            "press",
            "media",
            "him",
            "her",
            "them",
            "us",
            "me",
            "simply",
            "only",
            "just",
            "flatly",
        ];
        (from..to).all(|k| GLUE.contains(&self.lower[k].as_str()) || self.mention_at(k).is_some())
    }

    /// Returns the cue's token (for "according to", the token "according") and the speaker.
    fn cue_before(&self, open_tok: usize, window: usize) -> Option<(usize, Option<usize>)> {
        let sentence = self.doc.sentence_of_token(open_tok)?;
        let first = self.doc.sentences()[sentence].tokens.start;
        let lo = open_tok.saturating_sub(window).max(first);
        for k in (lo..open_tok).rev() {
            if self.is_cue(k) {
                let speaker = self.parse_subject(k).or_else(|| {
                    self.participle_subject(first, k)
                        .or_else(|| self.subject_before(first, k))
                });
                return Some((k, speaker));
            }
            if self.lower[k] == "according" {
                // `According to X, “…”`: X is the source.
                let source = (self.lower.get(k + 1).is_some_and(|t| t == "to"))
                    .then(|| {
                        self.mentions
                            .iter()
                            .find(|m| m.start_tok == k + 2 && m.end_tok <= open_tok)
                    })
                    .flatten()
                    .filter(|m| (m.end_tok..open_tok).all(|j| self.lower[j] == ","))
                    .map(|m| m.entity);
                return source.map(|e| (k, Some(e)));
            }
        }
        None
    }

    /// `X stressed the point to Y, saying “…”` without a parse: the participle's speaker is
    /// the subject of the clause it follows, the first person or organization of the
    /// sentence that no preposition introduces.
    fn participle_subject(&self, first: usize, cue: usize) -> Option<usize> {
        if !self.lower[cue].ends_with("ing") || cue == first || self.lower[cue - 1] != "," {
            return None;
        }
        const PREPS: &[&str] = &[
            "to", "by", "with", "from", "in", "on", "of", "at", "for", "against", "after",
            "before", "during", "about", "and", "or",
        ];
        self.mentions
            .iter()
            .filter(|m| m.start_tok >= first && m.end_tok < cue)
            .find(|m| {
                matches!(
                    self.entities[m.entity].kind,
                    EntityKind::Per | EntityKind::Org
                ) && (m.start_tok == first
                    || !PREPS.contains(&self.lower[m.start_tok - 1].as_str()))
            })
            .map(|m| m.entity)
    }

    /// The speaker written between the quote and the verb: an entity, a pronoun, or a title.
    fn subject_between(&self, from: usize, cue: usize) -> Option<usize> {
        if let Some(m) = self
            .mentions
            .iter()
            .rev()
            .find(|m| m.start_tok >= from && m.end_tok <= cue)
        {
            return Some(m.entity);
        }
        for k in (from..cue).rev() {
            if PERSON_PRONOUNS.contains(&self.lower[k].as_str()) {
                return self.recent_person(k);
            }
        }
        self.title_holder(from, cue)
    }

    /// `said X`: an entity starting within a few tokens after the verb.
    fn object_after(&self, cue: usize) -> Option<usize> {
        let sentence = self.doc.sentence_of_token(cue)?;
        let end = self.doc.sentences()[sentence].tokens.end;
        let hi = (cue + 7).min(end);
        if let Some(m) = self
            .mentions
            .iter()
            .find(|m| m.start_tok > cue && m.start_tok < hi)
        {
            return Some(m.entity);
        }
        if (cue + 1..hi).any(|k| PERSON_PRONOUNS.contains(&self.lower[k].as_str())) {
            return self.recent_person(cue);
        }
        self.title_holder(cue + 1, hi)
    }

    /// The subject of a reporting verb that precedes the quote: the nearest entity or
    /// pronoun before it (a pronoun stands for a recent person), passing over names that a
    /// preposition introduces ("Speaking to X, he said"), else a title phrase.
    fn subject_before(&self, first: usize, cue: usize) -> Option<usize> {
        let lo = cue.saturating_sub(8).max(first);
        for k in (lo..cue).rev() {
            if let Some(m) = self
                .mentions
                .iter()
                .find(|m| m.end_tok == k + 1 && m.start_tok >= first)
            {
                if !self.introduced_by_preposition(first, *m) {
                    return Some(m.entity);
                }
                continue;
            }
            if PERSON_PRONOUNS.contains(&self.lower[k].as_str()) {
                return self.recent_person(k);
            }
        }
        self.title_holder(lo, cue)
    }

    /// The verb's `nsubj` when the document is parsed.
    fn parse_subject(&self, verb: usize) -> Option<usize> {
        let tokens = self.doc.tokens();
        let subj = self
            .doc
            .children(verb)
            .find(|&c| tokens[c].deprel.starts_with("nsubj"));
        // "X stressed the point, saying “…”": a participle has no subject of its own; the
        // verb it hangs from has.
        let Some(subj) = subj else {
            let head = tokens[verb].head?;
            // "X cited the treaty and said “…”": a verb conjoined to another shares its
            // subject.
            // (Only with its own "and": a verb that the parse hangs from an earlier clause
            // without one is more likely a misparse of a new sentence.)
            let coordinated = || {
                self.doc
                    .children(verb)
                    .any(|c| tokens[c].deprel == "cc" && c < verb)
            };
            if tokens[verb].deprel == "conj" && !self.lower[verb].ends_with("ing") && coordinated()
            {
                let mut first = head;
                // A chain of conjuncts hangs from its first verb; the bound guards against
                // hand-made parses that loop.
                for _ in 0..4 {
                    if tokens[first].deprel != "conj" {
                        break;
                    }
                    first = tokens[first].head?;
                }
                return (tokens[first].deprel != "conj" && first < verb)
                    .then(|| self.parse_subject(first))
                    .flatten();
            }
            let participle = self.lower[verb].ends_with("ing")
                && matches!(tokens[verb].deprel.as_str(), "advcl" | "xcomp" | "conj");
            return participle
                .then(|| {
                    self.doc
                        .children(head)
                        .find(|&c| tokens[c].deprel.starts_with("nsubj"))
                })
                .flatten()
                .and_then(|c| self.subject_entity(c));
        };
        let found = self.subject_entity(subj)?;
        // "Alliance Secretary-General X wrote": when the parse heads the subject with the
        // body, the person named right before the verb is the one speaking.
        if self.entities[found].kind != EntityKind::Per
            && subj < verb
            && let Some(person) = self.mentions.iter().find(|m| {
                m.start_tok > subj
                    && m.end_tok <= verb
                    && m.end_tok + 2 >= verb
                    && self.entities[m.entity].kind == EntityKind::Per
            })
        {
            return Some(person.entity);
        }
        Some(found)
    }

    /// The entity a subject token `subj` stands for.
    fn subject_entity(&self, subj: usize) -> Option<usize> {
        if let Some(m) = self.mention_at(subj) {
            return Some(m.entity);
        }
        // The subject's head word may be a title ("minister") whose name hangs below it,
        // next to the body it serves ("the alliance's secretary-general X"): the person
        // holds the title, so a person beats an organization.
        // A possessor is whose the title is, not who holds it ("Mendez's wife Jonna Mendez
        // said"): the others come first.
        let tokens = self.doc.tokens();
        let hangs = |m: &MentionRef| (m.start_tok..m.end_tok).any(|t| tokens[t].head == Some(subj));
        let possessor = |m: &MentionRef| {
            (m.start_tok..m.end_tok)
                .any(|t| tokens[t].head == Some(subj) && tokens[t].deprel == "nmod:poss")
        };
        let below: Vec<usize> = self
            .mentions
            .iter()
            .filter(|m| hangs(m) && !possessor(m))
            .chain(self.mentions.iter().filter(|m| hangs(m) && possessor(m)))
            .map(|m| m.entity)
            .collect();
        if let Some(&e) = below
            .iter()
            .find(|&&e| self.entities[e].kind == EntityKind::Per)
            .or(below.first())
        {
            return Some(e);
        }
        if PERSON_PRONOUNS.contains(&self.lower[subj].as_str()) {
            return self.recent_person(subj);
        }
        self.title_holder(subj, subj + 1)
    }

    /// The person a pronoun at token `tok` stands for. A person named earlier in the
    /// pronoun's own sentence after a preposition is someone else ("Speaking to X, he
    /// said": he is not X, wherever else X is named), so that person is passed over. Among
    /// the persons named since the start of the previous sentence, the most recent one named
    /// as a subject would be (no preposition before the name or its title) is preferred to
    /// one named as the object of a preposition ("the murder of journalist X").
    fn recent_person(&self, tok: usize) -> Option<usize> {
        let sentence = self.doc.sentence_of_token(tok);
        let first = sentence.map_or(0, |s| self.doc.sentences()[s].tokens.start);
        // "He said X is …; however, …, he added": the same pronoun as the subject of an
        // earlier reporting verb in the sentence is the same person, whoever the first
        // statement named.
        let pronoun = self.lower[tok].as_str();
        if matches!(pronoun, "he" | "she")
            && let Some(earlier) = (first..tok)
                .rev()
                .find(|&k| self.lower[k] == pronoun && k + 1 < tok && self.is_cue(k + 1))
        {
            return self.recent_person(earlier);
        }
        let previous = sentence
            .and_then(|s| s.checked_sub(1))
            .map_or(first, |s| self.doc.sentences()[s].tokens.start);
        let persons = || {
            self.mentions.iter().rev().filter(move |m| {
                m.end_tok <= tok && self.entities[m.entity].kind == EntityKind::Per
            })
        };
        let excluded: Vec<usize> = persons()
            .take_while(|m| m.start_tok >= first)
            .filter(|m| self.introduced_by_preposition(first, **m))
            .map(|m| m.entity)
            .collect();
        let candidates = || persons().filter(|m| !excluded.contains(&m.entity));
        // A possessor ("called Mohammad's admission a maneuver") is no subject either.
        let possessor = |m: &MentionRef| {
            self.lower
                .get(m.end_tok)
                .is_some_and(|w| matches!(w.as_str(), "'s" | "’s" | "'" | "’"))
        };
        candidates()
            .take_while(|m| m.start_tok >= previous)
            .find(|m| !self.object_of_preposition(**m) && !possessor(m))
            .or_else(|| candidates().next())
            .map(|m| m.entity)
    }

    /// Whether mention `m`, in a sentence starting at token `first`, is introduced by a
    /// preposition ("to X", "by X"), unless it is a source ("according to X") or the subject
    /// of a relative clause ("by X, who said").
    fn introduced_by_preposition(&self, first: usize, m: MentionRef) -> bool {
        if m.start_tok <= first
            || !OBJECT_PREPOSITIONS.contains(&self.lower[m.start_tok - 1].as_str())
        {
            return false;
        }
        let according = m.start_tok >= 2 && self.lower[m.start_tok - 2] == "according";
        let relative = self.lower.get(m.end_tok).is_some_and(|w| {
            w == "who" || (w == "," && self.lower.get(m.end_tok + 1).is_some_and(|w| w == "who"))
        });
        !according && !relative
    }

    /// Whether mention `m` is the object of a preposition, allowing one title word or
    /// article between ("of journalist X", "with the minister X").
    fn object_of_preposition(&self, m: MentionRef) -> bool {
        let before = |d: usize| m.start_tok.checked_sub(d).map(|k| self.lower[k].as_str());
        let is_prep = |w: Option<&str>| w.is_some_and(|w| SUBJECT_BLOCKERS.contains(&w));
        is_prep(before(1))
            || (is_prep(before(2)) && before(1).is_some_and(|w| w.chars().all(char::is_alphabetic)))
    }

    /// The entity holding a title written in tokens `lo..hi` ("the minister"): among the
    /// entities whose titles contain the word, the one mentioned most recently before `lo`.
    /// Failing that, the organization a definite head noun names ([`Context::named_body`]).
    fn title_holder(&self, lo: usize, hi: usize) -> Option<usize> {
        for k in lo..hi.min(self.lower.len()) {
            let w = self.lower[k].as_str();
            if w.len() < 4 || !w.chars().all(char::is_alphabetic) {
                continue;
            }
            // "a spokesman for the ministry": an indefinite holder is someone not named.
            if k > 0 && matches!(self.lower[k - 1].as_str(), "a" | "an" | "another" | "one") {
                return None;
            }
            let holds = |e: &Entity| {
                e.titles
                    .iter()
                    .any(|t| t.to_lowercase().split_whitespace().any(|tw| tw == w))
            };
            let recent = self
                .mentions
                .iter()
                .rev()
                .find(|m| m.end_tok <= lo && holds(&self.entities[m.entity]))
                .map(|m| m.entity);
            if let Some(e) = recent.or_else(|| self.entities.iter().position(holds)) {
                return Some(e);
            }
        }
        self.named_body(lo, hi)
    }

    /// The organization that "the" + a head noun in tokens `lo..hi` refers back to ("the
    /// ministry" after "Russia's Defence Ministry", "the committee" after "the Senate
    /// Agriculture Committee"): the one mentioned most recently before `lo` whose name ends
    /// with that noun. A noun no organization's name ends with ("the company" after "Acme
    /// Corp") names no one: guessing there would attribute words to the wrong body.
    fn named_body(&self, lo: usize, hi: usize) -> Option<usize> {
        for k in lo.max(1)..hi.min(self.lower.len()) {
            let w = self.lower[k].as_str();
            if self.lower[k - 1] != "the" || w.len() < 4 || !w.chars().all(char::is_alphabetic) {
                continue;
            }
            let named = |e: &Entity| {
                e.kind == EntityKind::Org
                    && e.name
                        .rsplit(' ')
                        .next()
                        .is_some_and(|last| last.eq_ignore_ascii_case(w))
            };
            if let Some(m) = self
                .mentions
                .iter()
                .rev()
                .find(|m| m.end_tok <= lo && named(&self.entities[m.entity]))
            {
                return Some(m.entity);
            }
        }
        None
    }

    /// A long quote with no reporting verb that follows a quote with a speaker, in the same
    /// or the next sentence, continues it (“A,” she said. “B.”), unless another person is
    /// named in between.
    fn continue_speakers(&self, quotes: &mut [Quote]) {
        for i in 1..quotes.len() {
            let (before, rest) = quotes.split_at_mut(i);
            let q = &mut rest[0];
            let p = &before[i - 1];
            // A quote whose only cue is the previous quote's verb (`“…” tweeted X. “…”`)
            // continues it too.
            let shared_cue = q.cue.is_some() && q.cue == p.cue;
            // A quote of several sentences: "the next sentence" counts from its last one.
            let p_last = self
                .doc
                .sentence_at(p.span.end().saturating_sub(1))
                .map_or(p.sentence, |s| s.max(p.sentence));
            if q.speaker.is_some() || (q.cue.is_some() && !shared_cue) || q.sentence > p_last + 1 {
                continue;
            }
            let Some(speaker) = p.speaker else { continue };
            let gap = self
                .doc
                .tokens_in(Span::from_range(p.span.end()..q.span.start()));
            let other = self.mentions.iter().any(|m| {
                m.start_tok >= gap.start
                    && m.end_tok <= gap.end
                    && m.entity != speaker
                    && self.entities[m.entity].kind == EntityKind::Per
            });
            if !other {
                q.speaker = Some(speaker);
            }
        }
    }

    /// Indirect speech outside any direct quote, one per sentence, in the forms news
    /// writes it:
    /// - `X said that …` (any reporting verb): from after "that" to the end of the sentence;
    /// - `X said …` without "that" (only "said", "says", "told Y" and kin): from the clause
    ///   after the verb to the end of the sentence;
    /// - `…, X said.` / `…, said X.` / `…, according to X.`: from the start of the sentence
    ///   to the comma before the attribution;
    /// - `According to X, …`: from after the comma to the end of the sentence.
    ///
    /// Only the "that" form reads the parse (its sentences are marked by [`needs_syntax`]);
    /// the others find their speaker by position, so they give the same quotes parsed or not.
    fn indirect_quotes(&self, direct: &[Quote]) -> Vec<Quote> {
        let mut out = Vec::new();
        let text = self.doc.text();
        // A piece of indirect speech that a direct quote already holds whole is that quote.
        let inside_direct = |span: Span| {
            direct
                .iter()
                .any(|q| q.span.start() <= span.start() && span.end() <= q.span.end())
        };
        for (si, s) in self.doc.sentences().iter().enumerate() {
            let found = self
                .said_that(s.tokens.clone())
                .or_else(|| self.said_clause(s.tokens.clone()))
                .or_else(|| self.attribution_after(s.tokens.clone()))
                .or_else(|| self.according_to_first(s.tokens.clone()));
            let Some(found) = found else { continue };
            let from = self.after_dateline(found.from, found.to);
            let (Some(first), Some(last)) = (
                self.doc.tokens().get(from),
                self.doc.tokens().get(found.to.saturating_sub(1)),
            ) else {
                continue;
            };
            let span = trim_quote(text, first.span.start(), last.span.end());
            if inside_direct(span) {
                continue;
            }
            let words = span.slice(text).split_whitespace().count();
            if span.is_empty() || (!found.that && words < MIN_INDIRECT_WORDS) {
                continue;
            }
            out.push(Quote {
                span,
                speaker: found.speaker,
                cue: Some(found.cue),
                direct: false,
                sentence: si,
            });
        }
        out
    }

    /// Where reported words starting at token `from` (and ending before `to`) begin once a
    /// wire dateline in front of them is skipped ("WELLINGTON, June 18 - The government …",
    /// see `Document::dateline`).
    fn after_dateline(&self, from: usize, to: usize) -> usize {
        match self.doc.dateline() {
            Some(d) if from < d.end && d.end < to => d.end,
            _ => from,
        }
    }

    /// `X said that …`: a reporting verb (not a noun: "the reports that") followed by "that".
    fn said_that(&self, sentence: Range<usize>) -> Option<Indirect> {
        for k in sentence.clone() {
            if !self.is_cue(k) || self.lower.get(k + 1).is_none_or(|w| w != "that") {
                continue;
            }
            // "denied all claims that …", "the reports that …": a noun, not a verb.
            if k > sentence.start && NOUN_DETERMINERS.contains(&self.lower[k - 1].as_str()) {
                continue;
            }
            if k + 2 >= sentence.end {
                continue;
            }
            let speaker = self
                .parse_subject(k)
                .or_else(|| self.subject_before(sentence.start, k));
            return Some(Indirect {
                that: true,
                from: k + 2,
                to: sentence.end,
                speaker,
                cue: self.doc.token_text(k).to_string(),
            });
        }
        None
    }

    /// `X said the border would reopen`: "said"/"says" (or "told Y") with a named or
    /// pronoun subject right before it and a clause right after it. The clause must start
    /// like one (a determiner, a pronoun, a name or a number) and hold a finite-looking verb.
    fn said_clause(&self, sentence: Range<usize>) -> Option<Indirect> {
        for k in sentence.clone() {
            let w = self.lower[k].as_str();
            if !BARE_CLAUSE_CUES.contains(&w) || !self.is_cue(k) || k == sentence.start {
                continue;
            }
            // The subject: a name, pronoun or title holder, or a noun phrase opening the
            // sentence ("Officials said …"), which names no entity.
            let subject = match self.subject_right_before(sentence.start, k) {
                Some(e) => Some(e),
                None if self.is_noun_phrase(sentence.start, k) => None,
                None => continue,
            };
            let mut from = k + 1;
            if w == "told" || w == "tells" {
                let Some(after) = self.skip_addressee(from, sentence.end) else {
                    continue;
                };
                from = after;
            }
            from = self.skip_time_phrase(from, sentence.end);
            if from + 3 > sentence.end || !self.starts_clause(from) {
                continue;
            }
            if !(from + 1..sentence.end).any(|j| FINITE_VERBS.contains(&self.lower[j].as_str())) {
                continue;
            }
            return Some(Indirect {
                that: false,
                from,
                to: sentence.end,
                speaker: subject,
                cue: self.doc.token_text(k).to_string(),
            });
        }
        None
    }

    /// `…, X said.`, `…, said X on Monday.`, `…, X told reporters.`, `…, according to X.`:
    /// an attribution after the last comma, at the end of the sentence.
    fn attribution_after(&self, sentence: Range<usize>) -> Option<Indirect> {
        let end = (sentence.start..sentence.end)
            .rev()
            .find(|&k| !matches!(self.lower[k].as_str(), "." | "!" | "?" | "\"" | "”" | "'"))?
            + 1;
        let comma = (sentence.start..end)
            .rev()
            .find(|&k| self.lower[k] == ",")?;
        if comma < sentence.start + MIN_INDIRECT_WORDS || end - comma > MAX_ATTRIBUTION_TOKENS {
            return None;
        }
        let first = comma + 1;
        if first >= end {
            return None;
        }
        if self.lower[first] == "according" && self.lower.get(first + 1).is_some_and(|t| t == "to")
        {
            return self.source_at(first + 2).map(|speaker| Indirect {
                that: false,
                from: sentence.start,
                to: comma,
                speaker: Some(speaker),
                cue: "according to".to_string(),
            });
        }
        // The attribution holds no quote of its own (`…, saying “…”` is a direct quote's).
        if (first..sentence.end).any(|k| QUOTE_MARKS.contains(&self.lower[k].as_str())) {
            return None;
        }
        // A participle ("…, saying …") hangs from the clause before it, and a passive
        // ("…, were denied entry") is no speech: no attribution.
        let cue = (first..end).find(|&k| {
            ATTRIBUTION_CUES.contains(&self.lower[k].as_str())
                && self.is_cue(k)
                && !(k > first && AUXILIARIES.contains(&self.lower[k - 1].as_str()))
        })?;
        // Only a time, a place or an addressee may follow the verb ("told reporters in
        // Kyiv on Monday"); "…, X claimed executive privilege over …" is no attribution.
        let speaker_after = if cue == first {
            self.mentions
                .iter()
                .find(|m| m.start_tok == cue + 1)
                .map_or(cue + 1, |m| m.end_tok)
        } else {
            cue + 1
        };
        if end.saturating_sub(speaker_after) > MAX_AFTER_ATTRIBUTION {
            return None;
        }
        // What is reported is a clause with a verb of its own, not an opening phrase ("In
        // a statement to the press, the ministry said").
        if !(sentence.start..comma).any(|k| self.looks_finite(k)) {
            return None;
        }
        // The attribution is a subject and its verb, or the verb and its subject; anything
        // after the verb is its object or a time ("told reporters on Monday").
        let speaker = if cue == first {
            // "…, said X": X right after the verb.
            self.mentions
                .iter()
                .find(|m| m.start_tok == cue + 1)
                .map(|m| m.entity)
        } else {
            self.subject_right_before(first, cue)
        };
        if speaker.is_none() && (cue == first || !self.is_noun_phrase(first, cue)) {
            return None;
        }
        Some(Indirect {
            that: false,
            from: sentence.start,
            to: comma,
            speaker,
            cue: self.doc.token_text(cue).to_string(),
        })
    }

    /// `According to X, …` opening a sentence.
    fn according_to_first(&self, sentence: Range<usize>) -> Option<Indirect> {
        let k = sentence.start;
        if self.lower[k] != "according" || self.lower.get(k + 1).is_none_or(|t| t != "to") {
            return None;
        }
        // The comma that ends the source, past a relative clause ("According to the
        // agency, which cited officials, …").
        let limit = sentence.end.min(k + 2 + 2 * MAX_ATTRIBUTION_TOKENS);
        let mut commas = (k + 2..limit).filter(|&j| self.lower[j] == ",");
        let mut comma = commas.next()?;
        while self
            .lower
            .get(comma + 1)
            .is_some_and(|w| w == "which" || w == "who")
        {
            comma = commas.next()?;
        }
        let speaker = self.source_at(k + 2).filter(|&e| {
            self.mentions
                .iter()
                .any(|m| m.entity == e && m.end_tok <= comma && m.start_tok >= k + 2)
        })?;
        Some(Indirect {
            that: false,
            from: comma + 1,
            to: sentence.end,
            speaker: Some(speaker),
            cue: "according to".to_string(),
        })
    }

    /// The source named right after "according to" at token `k`: a mention starting there
    /// or after one article or title word ("according to the agency X"), not one introduced
    /// later ("according to officials in X" names no source).
    fn source_at(&self, k: usize) -> Option<usize> {
        self.mentions
            .iter()
            .find(|m| m.start_tok == k || (m.start_tok == k + 1 && self.lower[k] == "the"))
            .map(|m| m.entity)
    }

    /// The speaker written right before a reporting verb at `cue` (a name, a pronoun or a
    /// title holder ending at most two tokens before it: "Kim, the minister, said" is not
    /// handled, "Kim also said" is), or `None`.
    fn subject_right_before(&self, first: usize, cue: usize) -> Option<usize> {
        if let Some(m) = self
            .mentions
            .iter()
            .rev()
            .find(|m| m.start_tok >= first && m.end_tok <= cue && m.end_tok + 2 >= cue)
        {
            // "Doctors in Omsk said": a place after a preposition is not the speaker.
            let introduced = m.start_tok > first
                && SUBJECT_BLOCKERS.contains(&self.lower[m.start_tok - 1].as_str());
            return (!introduced).then_some(m.entity);
        }
        let before = cue.checked_sub(1).filter(|&k| k >= first)?;
        let before = if SPEECH_ADVERBS.contains(&self.lower[before].as_str()) && before > first {
            before - 1
        } else {
            before
        };
        if PERSON_PRONOUNS.contains(&self.lower[before].as_str()) {
            return self.recent_person(before);
        }
        self.title_holder(before, before + 1)
    }

    /// Whether tokens `lo..hi` read as a short noun phrase that can speak ("the company",
    /// "officials", "a spokesman for the ministry", "election experts"): one to six words,
    /// either opening with a determiner or with no word that only joins clauses
    /// ("but exports them to Western states" is no speaker).
    fn is_noun_phrase(&self, lo: usize, hi: usize) -> bool {
        if hi <= lo || hi - lo > 6 {
            return false;
        }
        let words = &self.lower[lo..hi];
        let wordlike = (lo..hi).all(|k| {
            self.doc
                .token_text(k)
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        });
        let determiner = SPEAKER_DETERMINERS.contains(&words[0].as_str());
        let joins = words
            .iter()
            .any(|w| NOT_IN_SPEAKER.contains(&w.as_str()) || OTHER_PRONOUNS.contains(&w.as_str()));
        wordlike && (determiner || (hi - lo <= 3 && !joins)) && !(hi - lo == 1 && determiner)
    }

    /// After "told": the addressee ("reporters", "the BBC", "him") up to the clause or
    /// "that"; the index after it, or `None` when nothing like an addressee follows.
    fn skip_addressee(&self, from: usize, end: usize) -> Option<usize> {
        if let Some(m) = self.mentions.iter().find(|m| m.start_tok == from) {
            let after = m.end_tok;
            return Some(if self.lower.get(after).is_some_and(|w| w == "that") {
                after + 1
            } else {
                after
            });
        }
        let mut k = from;
        if self
            .lower
            .get(k)
            .is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an" | "local" | "state"))
        {
            k += 1;
        }
        let w = self.lower.get(k)?;
        if !ADDRESSEES.contains(&w.as_str()) || k >= end {
            return None;
        }
        k += 1;
        Some(if self.lower.get(k).is_some_and(|w| w == "that") {
            k + 1
        } else {
            k
        })
    }

    /// Skips "on Monday", "in a statement", "last week", "on Tuesday that" after a verb.
    fn skip_time_phrase(&self, from: usize, end: usize) -> usize {
        let w = |k: usize| self.lower.get(k).map_or("", String::as_str);
        let mut k = from;
        if w(k) == "on" && WEEKDAYS.contains(&w(k + 1)) {
            k += 2;
        } else if w(k) == "in"
            && matches!(w(k + 1), "a" | "an")
            && STATEMENT_NOUNS.contains(&w(k + 2))
        {
            k += 3;
        } else if matches!(w(k), "last" | "this" | "earlier" | "later")
            && TIME_NOUNS.contains(&w(k + 1))
        {
            k += 2;
        } else if WEEKDAYS.contains(&w(k)) || matches!(w(k), "yesterday" | "today") {
            k += 1;
        }
        if k > from && w(k) == "that" {
            k += 1;
        }
        k.min(end)
    }

    /// Whether token `k` looks like a finite verb without a parse: an auxiliary or modal,
    /// or a lower-case word in "-ed".
    fn looks_finite(&self, k: usize) -> bool {
        let w = self.lower[k].as_str();
        FINITE_VERBS.contains(&w)
            || (w.len() > 4
                && w.ends_with("ed")
                && self
                    .doc
                    .token_text(k)
                    .starts_with(|c: char| c.is_lowercase()))
    }

    /// Whether a clause may start at token `k`: a subject-like word (a determiner, a
    /// pronoun, a capitalized word, a number).
    fn starts_clause(&self, k: usize) -> bool {
        let w = self.lower[k].as_str();
        if CLAUSE_STARTERS.contains(&w) {
            return true;
        }
        let raw = self.doc.token_text(k);
        raw.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && !WEEKDAYS.contains(&w)
    }
}

/// A title rather than a statement: every word capitalized or a number ("Hurricane Humberto
/// Intermediate Advisory Number 25A", "Reform Bill 2019").
fn is_title(s: &str) -> bool {
    let small = ["of", "the", "and", "for", "in", "on", "a", "an", "to", "at"];
    s.split_whitespace().all(|w| {
        small.contains(&w)
            || w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    })
}

/// Trims spaces, stray quote marks and trailing commas or periods from `text[start..end]`.
fn trim_quote(text: &str, start: usize, end: usize) -> Span {
    let piece = text.get(start..end).unwrap_or("");
    let junk = |c: char| c.is_whitespace() || "“”\"„«»".contains(c);
    let lead_chars = |c: char| junk(c) || ",;:".contains(c);
    let lead = piece.len() - piece.trim_start_matches(lead_chars).len();
    let trail_chars = |c: char| junk(c) || ",.;:".contains(c);
    let trimmed_end = piece.trim_end_matches(trail_chars).len();
    Span::from_range(start + lead..start + trimmed_end.max(lead))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityMention;

    /// Builds one entity per `(surface, kind, titles)`, with a mention at every occurrence.
    fn entities(doc: &Document, spec: &[(&str, EntityKind, &[&str])]) -> Vec<Entity> {
        spec.iter()
            .map(|&(name, kind, titles)| Entity {
                kind,
                subtype: None,
                name: name.to_string(),
                titles: titles.iter().map(|t| t.to_string()).collect(),
                country: None,
                mentions: doc
                    .text()
                    .match_indices(name)
                    .map(|(i, _)| {
                        let span = Span::from_range(i..i + name.len());
                        EntityMention {
                            span,
                            tokens: doc.tokens_in(span),
                            acts_for: None,
                        }
                    })
                    .collect(),
            })
            .collect()
    }

    fn check(
        text: &str,
        spec: &[(&str, EntityKind, &[&str])],
        expected: &[(&str, Option<&str>, bool)],
    ) {
        let doc = Document::new(text.to_string());
        let ents = entities(&doc, spec);
        let quotes = find_quotes(&doc, &ents);
        let got: Vec<(&str, Option<&str>, bool)> = quotes
            .iter()
            .map(|q| {
                (
                    q.span.slice(doc.text()),
                    q.speaker.map(|s| ents[s].name.as_str()),
                    q.direct,
                )
            })
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    /// `text` as a document whose parse is only the given arcs, each `(dependent, head,
    /// relation)` named by the first token with that text.
    fn with_arcs(text: &str, arcs: &[(&str, &str, &str)]) -> Document {
        let doc = Document::new(text.to_string());
        let at = |w: &str| {
            (0..doc.tokens().len())
                .find(|&i| doc.token_text(i) == w)
                .unwrap_or_else(|| panic!("no token {w:?} in {text:?}"))
        };
        let mut tokens = doc.tokens().to_vec();
        for &(dependent, head, relation) in arcs {
            let (d, h) = (at(dependent), at(head));
            tokens[d].head = Some(h);
            tokens[d].deprel = relation.to_string();
        }
        Document::from_parts(text.to_string(), tokens, doc.sentences().to_vec())
            .expect("the same tokens and sentences")
    }

    /// The speaker of the one quote of `doc` with the entities of `spec` (asserts there is
    /// exactly one quote).
    fn only_speaker(doc: &Document, spec: &[(&str, EntityKind, &[&str])]) -> Option<usize> {
        let quotes = find_quotes(doc, &entities(doc, spec));
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        quotes[0].speaker
    }

    const PER: EntityKind = EntityKind::Per;
    const LOC: EntityKind = EntityKind::Loc;
    const ORG: EntityKind = EntityKind::Org;

    #[test]
    fn speaker_after_quote() {
        check(
            "“We will rebuild the bridge within a year,” Mayor Anna Berg said on Monday.",
            &[("Anna Berg", PER, &["Mayor"])],
            &[(
                "We will rebuild the bridge within a year",
                Some("Anna Berg"),
                true,
            )],
        );
        check(
            "\"The talks were useful and frank,\" said John Smith.",
            &[("John Smith", PER, &[])],
            &[("The talks were useful and frank", Some("John Smith"), true)],
        );
    }

    #[test]
    fn the_body_a_head_noun_refers_back_to_speaks() {
        check(
            "The Norland Finance Ministry raised its forecast on Monday. \
             \u{201c}Debt will fall this year,\u{201d} the ministry said.",
            &[("Norland Finance Ministry", ORG, &[])],
            &[(
                "Debt will fall this year",
                Some("Norland Finance Ministry"),
                true,
            )],
        );
        // No organization's name ends with "company": no one is guessed.
        check(
            "Acme Corp raised its forecast on Monday. \
             \u{201c}Sales will rise this year,\u{201d} the company said.",
            &[("Acme Corp", ORG, &[])],
            &[("Sales will rise this year", None, true)],
        );
    }

    #[test]
    fn speaker_before_quote_through_cue_subject() {
        check(
            "Minister Lee Ha-na declared Tuesday, March 4, Busan “will host the summit with its partners,” rather than waiting.",
            &[("Lee Ha-na", PER, &["Minister"]), ("Busan", LOC, &[])],
            &[(
                "will host the summit with its partners",
                Some("Lee Ha-na"),
                true,
            )],
        );
    }

    #[test]
    fn unbalanced_nested_marks_still_pair() {
        check(
            "The pact led Oslo to “rethink the sale of ships to the “Baltic,” Adviser Per Moe said at the time.",
            &[("Per Moe", PER, &["Adviser"]), ("Oslo", LOC, &[])],
            &[(
                "rethink the sale of ships to the “Baltic",
                Some("Per Moe"),
                true,
            )],
        );
    }

    #[test]
    fn scare_quotes_are_not_statements() {
        check(
            "The arrival of this “peace broker” from the capital was kept secret.",
            &[],
            &[],
        );
        check("He called it a \"red line\" in private.", &[], &[]);
    }

    #[test]
    fn a_short_quote_inside_reported_speech_is_the_reporters_word() {
        // The verb is near, but words stand between it and the quote: "likely" is not
        // what the minister said, only how the article calls it.
        check(
            "Minister Ana Ruiz said the crash was \"likely\" their doing.",
            &[("Ana Ruiz", PER, &["Minister"])],
            &[(
                "the crash was \"likely\" their doing",
                Some("Ana Ruiz"),
                false,
            )],
        );
        check(
            "Officials from Norland acknowledged they had \"unintentionally\" shot it down.",
            &[("Norland", LOC, &[])],
            &[],
        );
        // A short quote that is the verb's whole complement stays a statement.
        check(
            "Ana Ruiz told reporters: \"Never again.\"",
            &[("Ana Ruiz", PER, &[])],
            &[("Never again", Some("Ana Ruiz"), true)],
        );
        check(
            "\"Not now,\" Ana Ruiz said.",
            &[("Ana Ruiz", PER, &[])],
            &[("Not now", Some("Ana Ruiz"), true)],
        );
        // "and" inside the speaker's titles is no new clause.
        check(
            "\"We will look abroad,\" Ana Ruiz was quoted as saying.",
            &[("Ana Ruiz", PER, &[])],
            &[("We will look abroad", Some("Ana Ruiz"), true)],
        );
        check(
            "\"He should have had a plan,\" Party Leader and former Minister Ana Ruiz said.",
            &[("Ana Ruiz", PER, &["Party Leader"])],
            &[("He should have had a plan", Some("Ana Ruiz"), true)],
        );
    }

    #[test]
    fn a_participle_after_a_quote_does_not_introduce_it() {
        // "adding" continues the prosecutor's sentence; "war crimes" is nobody's statement.
        check(
            "The prosecutor said they must face \"war crimes charges\", adding Norland will pursue them.",
            &[("Norland", LOC, &[])],
            &[(
                "they must face \"war crimes charges\", adding Norland will pursue them",
                None,
                false,
            )],
        );
    }

    #[test]
    fn pronoun_and_title_speakers() {
        check(
            "Jane Doe arrived late. “Nothing has been decided about the border yet,” she told reporters.",
            &[("Jane Doe", PER, &["foreign minister"])],
            &[(
                "Nothing has been decided about the border yet",
                Some("Jane Doe"),
                true,
            )],
        );
        check(
            "Jane Doe arrived late. “Nothing has been decided about the border yet,” the minister said.",
            &[("Jane Doe", PER, &["foreign minister"])],
            &[(
                "Nothing has been decided about the border yet",
                Some("Jane Doe"),
                true,
            )],
        );
    }

    #[test]
    fn a_pronoun_repeated_in_a_sentence_is_the_same_speaker() {
        // "He said X is …": X is named inside the first statement; the second pronoun is
        // the first one's person, not X.
        let text = "Ivo Tamm filed his resignation. He said Ana Lind is \"a model of honesty for \
                    me\"; however, \"to remove any doubts about our trust, I wrote a \
                    resignation offer\", he added.";
        let doc = Document::new(text.to_string());
        let ents = entities(&doc, &[("Ivo Tamm", PER, &[]), ("Ana Lind", PER, &[])]);
        let direct: Vec<(&str, Option<&str>)> = find_quotes(&doc, &ents)
            .iter()
            .filter(|q| q.direct)
            .map(|q| {
                (
                    q.span.slice(doc.text()),
                    q.speaker.map(|s| ents[s].name.as_str()),
                )
            })
            .collect();
        assert_eq!(
            direct,
            [
                ("a model of honesty for me", Some("Ivo Tamm")),
                (
                    "to remove any doubts about our trust, I wrote a resignation offer",
                    Some("Ivo Tamm")
                ),
            ],
        );
    }

    #[test]
    fn a_possessor_is_not_what_a_pronoun_stands_for() {
        check(
            "Ana Lind called Ivo Tamm's admission a maneuver. She explained, \"By confessing \
             this, he is distancing himself from the killing.\"",
            &[("Ana Lind", PER, &[]), ("Ivo Tamm", PER, &[])],
            &[(
                "By confessing this, he is distancing himself from the killing",
                Some("Ana Lind"),
                true,
            )],
        );
    }

    #[test]
    fn an_indefinite_title_holder_is_nobody_named() {
        check(
            "“We are monitoring the situation,” said a spokesman for the ministry. Jane Doe, \
             the ministry spokesman, declined to comment.",
            &[("Jane Doe", PER, &["ministry spokesman"])],
            &[("We are monitoring the situation", None, true)],
        );
    }

    #[test]
    fn uncued_titles_are_not_quotes_and_continued_quotes_keep_their_speaker() {
        check(
            "The storm is named in \"Hurricane Humberto Intermediate Advisory Number 25A\" today.",
            &[],
            &[],
        );
        check(
            "“We will not leave the valley,” Omar Said told reporters. “Our families have lived here for three hundred years.”",
            &[("Omar Said", PER, &[])],
            &[
                ("We will not leave the valley", Some("Omar Said"), true),
                (
                    "Our families have lived here for three hundred years",
                    Some("Omar Said"),
                    true,
                ),
            ],
        );
        check(
            "Ali Khan reported that, before the vote, turnout was low.",
            &[("Ali Khan", PER, &[])],
            &[("before the vote, turnout was low", Some("Ali Khan"), false)],
        );
    }

    #[test]
    fn a_colon_introduces_the_sentence_subject() {
        check(
            "Anna Berg answered the ruling on Twitter, attacking it: “The court has failed us.”",
            &[("Anna Berg", PER, &[])],
            &[("The court has failed us", Some("Anna Berg"), true)],
        );
    }

    #[test]
    fn a_colon_skips_names_behind_prepositions_and_possessives() {
        check(
            "Ana Ruiz ordered three days of mourning. In his message, he praised Ivo Brun's life: \"He was an example to all of us in the city.\"",
            &[("Ana Ruiz", PER, &[]), ("Ivo Brun", PER, &[])],
            &[(
                "He was an example to all of us in the city",
                Some("Ana Ruiz"),
                true,
            )],
        );
        check(
            "Ivo Brun's statement read: \"We acted to protect our people abroad and at home.\"",
            &[("Ivo Brun", PER, &[])],
            &[(
                "We acted to protect our people abroad and at home",
                Some("Ivo Brun"),
                true,
            )],
        );
        check(
            "According to Ivo Brun: \"We acted to protect our people abroad and at home.\"",
            &[("Ivo Brun", PER, &[])],
            &[(
                "We acted to protect our people abroad and at home",
                Some("Ivo Brun"),
                true,
            )],
        );
        check(
            "The department defended the strike, which was approved by President Ivo Brun: \"We acted to protect our people abroad and at home.\"",
            &[("Ivo Brun", PER, &["President"])],
            &[(
                "We acted to protect our people abroad and at home",
                None,
                true,
            )],
        );
    }

    #[test]
    fn a_long_title_before_the_verb_keeps_a_short_quote() {
        check(
            "\"These accusations are baseless,\" French Foreign Minister Ana Ruiz told reporters.",
            &[("Ana Ruiz", PER, &["Foreign Minister"])],
            &[("These accusations are baseless", Some("Ana Ruiz"), true)],
        );
    }

    #[test]
    fn quote_across_sentences() {
        check(
            "“We came to talk. We will stay until there is a deal,” Ali Khan said.",
            &[("Ali Khan", PER, &[])],
            &[(
                "We came to talk. We will stay until there is a deal",
                Some("Ali Khan"),
                true,
            )],
        );
    }

    #[test]
    fn indirect_speech_and_refusals() {
        check(
            "Ali Khan said that the border would reopen next week.",
            &[("Ali Khan", PER, &[])],
            &[("the border would reopen next week", Some("Ali Khan"), false)],
        );
        check(
            "Ali Khan refused to comment on the talks.",
            &[("Ali Khan", PER, &[])],
            &[],
        );
    }

    #[test]
    fn reported_speech_without_that() {
        check(
            "Asked about the levy, Rosa Lind said the port would reopen within a week.",
            &[("Rosa Lind", PER, &[])],
            &[(
                "the port would reopen within a week",
                Some("Rosa Lind"),
                false,
            )],
        );
        check(
            "Rosa Lind told reporters on Monday the port would reopen.",
            &[("Rosa Lind", PER, &[])],
            &[("the port would reopen", Some("Rosa Lind"), false)],
        );
        check(
            "Officials said the count would continue through the weekend.",
            &[],
            &[("the count would continue through the weekend", None, false)],
        );
        // "said" with an object is no speech; a clause needs a verb of its own.
        check(
            "Rosa Lind said goodbye to the crew in the harbour.",
            &[("Rosa Lind", PER, &[])],
            &[],
        );
    }

    #[test]
    fn attribution_at_the_end_and_according_to() {
        check(
            "The ferry will resume service in May, Rosa Lind said on Tuesday.",
            &[("Rosa Lind", PER, &[])],
            &[(
                "The ferry will resume service in May",
                Some("Rosa Lind"),
                false,
            )],
        );
        check(
            "Crews were working to restore power, the utility said.",
            &[],
            &[("Crews were working to restore power", None, false)],
        );
        check(
            "Two ferries were damaged in the storm, according to Harbour Watch.",
            &[("Harbour Watch", ORG, &[])],
            &[(
                "Two ferries were damaged in the storm",
                Some("Harbour Watch"),
                false,
            )],
        );
        check(
            "According to Harbour Watch, which cited pilots, two ferries were damaged.",
            &[("Harbour Watch", ORG, &[])],
            &[("two ferries were damaged", Some("Harbour Watch"), false)],
        );
        // No attribution: an opening phrase, a participle before a direct quote, a noun.
        check(
            "In a statement to the press, Harbour Watch said nothing.",
            &[("Harbour Watch", ORG, &[])],
            &[],
        );
        check(
            "It does not sell boats to Lima, but exports them to Western states which buy them.",
            &[("Lima", LOC, &[])],
            &[],
        );
    }

    #[test]
    fn sentences_cut_short_give_no_attribution_and_no_panic() {
        for text in [
            "The ferry will resume service in May,",
            "The ferry will resume service in May, said",
            "According to",
            "According to Harbour Watch,",
            "Rosa Lind said",
            "Rosa Lind told",
            "Rosa Lind told reporters",
            ", said Rosa Lind.",
        ] {
            let doc = Document::new(text.to_string());
            let ents = entities(
                &doc,
                &[("Rosa Lind", PER, &[]), ("Harbour Watch", ORG, &[])],
            );
            let quotes = find_quotes(&doc, &ents);
            assert!(quotes.iter().all(|q| !q.span.is_empty()), "{text:?}");
        }
    }

    #[test]
    fn a_pronoun_is_not_the_person_a_preposition_introduced() {
        check(
            "Rosa Lind met Omar Vell in Torra. Speaking to Omar Vell after the talks, she said: \"We want the port open as soon as we can.\"",
            &[
                ("Rosa Lind", PER, &[]),
                ("Omar Vell", PER, &[]),
                ("Torra", LOC, &[]),
            ],
            &[(
                "We want the port open as soon as we can",
                Some("Rosa Lind"),
                true,
            )],
        );
        // The subject of the previous sentence beats a name inside one of its phrases.
        check(
            "Envoy Rosa Lind praised the work of engineer Omar Vell. \"The bridge is a miracle of patience and skill,\" she said.",
            &[
                ("Rosa Lind", PER, &["Envoy"]),
                ("Omar Vell", PER, &["engineer"]),
            ],
            &[(
                "The bridge is a miracle of patience and skill",
                Some("Rosa Lind"),
                true,
            )],
        );
    }

    #[test]
    fn parse_subject_is_used_when_present() {
        // "The envoy , who … , said “…”": only the parse links "said" to "envoy"/Rita Ora
        // across the relative clause; surface order would pick Paris.
        let doc = with_arcs(
            "Rita Ora, who flew in from Paris, said “the ceasefire must hold for everyone.”",
            &[("Ora", "said", "nsubj")],
        );
        assert_eq!(
            only_speaker(&doc, &[("Rita Ora", PER, &[]), ("Paris", LOC, &[])]),
            Some(0)
        );
    }

    #[test]
    fn a_conjoined_verb_shares_the_first_verb_s_subject() {
        // "Tomas Reid cited the treaty and said “…”": without the parse the nearest name
        // before "said" (the Harbour Council) would be taken.
        let doc = with_arcs(
            "Tomas Reid cited the treaty of the Harbour Council and said, \"They need to stand by us now and always.\"",
            &[
                ("and", "said", "cc"),
                ("Reid", "cited", "nsubj"),
                ("said", "cited", "conj"),
            ],
        );
        assert_eq!(
            only_speaker(
                &doc,
                &[
                    ("Tomas Reid", PER, &[]),
                    ("Harbour Council", EntityKind::Org, &[]),
                ]
            ),
            Some(0)
        );
    }

    #[test]
    fn the_holder_of_a_title_speaks_not_its_possessor_or_body() {
        // Colon: the body opening the person's title is not the speaker.
        check(
            "Former Harbour Council deputy director Ivo Brun praised Ana Lind online: \"She was one of the best officers we ever had here.\"",
            &[
                ("Harbour Council", EntityKind::Org, &[]),
                ("Ivo Brun", PER, &["deputy director"]),
                ("Ana Lind", PER, &[]),
            ],
            &[(
                "She was one of the best officers we ever had here",
                Some("Ivo Brun"),
                true,
            )],
        );
        // Parsed: "wife" is the subject; "Brun's" hangs from it as its possessor, "Rosa
        // Lind" as its apposition.
        let doc = with_arcs(
            "Brun's wife Rosa Lind said, \"He could be anyone at all in a crowd.\"",
            &[
                ("wife", "said", "nsubj"),
                ("Brun", "wife", "nmod:poss"),
                ("Rosa", "wife", "appos"),
            ],
        );
        assert_eq!(
            only_speaker(&doc, &[("Brun", PER, &[]), ("Rosa Lind", PER, &[])]),
            Some(1)
        );
    }

    #[test]
    fn a_quote_ending_its_sentence_takes_no_cue_from_the_next() {
        check(
            "Rafa Vell told reporters in Torra: \"The river rose in one night.\" According to officials, Dana Ortiz was unharmed.",
            &[
                ("Rafa Vell", PER, &[]),
                ("Torra", EntityKind::Org, &[]),
                ("Dana Ortiz", PER, &[]),
            ],
            &[("The river rose in one night", Some("Rafa Vell"), true)],
        );
    }

    #[test]
    fn a_quote_of_several_sentences_is_continued_after_its_last_one() {
        check(
            "\"We waited for hours. Nobody came. The road was closed,\" said Ines Moll. \"We will ask the council for a new bridge before the winter.\"",
            &[("Ines Moll", PER, &[])],
            &[
                (
                    "We waited for hours. Nobody came. The road was closed",
                    Some("Ines Moll"),
                    true,
                ),
                (
                    "We will ask the council for a new bridge before the winter",
                    Some("Ines Moll"),
                    true,
                ),
            ],
        );
    }

    #[test]
    fn a_participle_cue_takes_the_clause_subject() {
        check(
            "Envoy Tomas Reid stressed the role of the Harbour Council, saying \"nobody can decide this alone in the region.\"",
            &[
                ("Tomas Reid", PER, &["Envoy"]),
                ("Harbour Council", EntityKind::Org, &[]),
            ],
            &[(
                "nobody can decide this alone in the region",
                Some("Tomas Reid"),
                true,
            )],
        );
    }

    #[test]
    fn a_cue_word_after_a_determiner_is_a_noun() {
        check(
            "The ministry rejected all claims that the dam had failed.",
            &[],
            &[],
        );
    }

    #[test]
    fn a_parsed_title_head_prefers_the_person_to_the_body() {
        // "The league's chair Ana Lind said": the parse makes "chair" the subject with both
        // the league and the person below it.
        let doc = with_arcs(
            "League chair Ana Lind said “the season will start in May as planned.”",
            &[
                ("chair", "said", "nsubj"),
                ("League", "chair", "compound"),
                ("Lind", "chair", "appos"),
            ],
        );
        assert_eq!(
            only_speaker(
                &doc,
                &[("League", EntityKind::Org, &[]), ("Ana Lind", PER, &[])]
            ),
            Some(1)
        );
    }

    #[test]
    fn a_body_parsed_as_subject_yields_to_the_person_before_the_verb() {
        let doc = with_arcs(
            "League chair Ana Lind wrote “the season will start in May as planned.”",
            &[("League", "wrote", "nsubj")],
        );
        assert_eq!(
            only_speaker(
                &doc,
                &[("League", EntityKind::Org, &[]), ("Ana Lind", PER, &[])]
            ),
            Some(1)
        );
    }
}
