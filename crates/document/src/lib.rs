//! Article text to [`Document`]: sentences and tokens with byte offsets, and their syntax.
//!
//! A `Document` owns its text; [`Token`]s and [`Sentence`]s are views into it by
//! [`Span`] (UTF-8 byte offsets). The text is rebuilt exactly from the tokens and the
//! whitespace between them. Syntax (part of speech, lemma, head, relation) is filled by
//! [`Document::parse_syntax`] when a model is given; until then tokens carry `Upos::X` and
//! no head.
//!
//! ```
//! use sitrep_document::Document;
//! let doc = Document::new("Mr. Kim arrived. He met the minister.".to_string());
//! assert_eq!(doc.sentences().len(), 2);
//! assert_eq!(doc.token_text(0), "Mr.");
//! ```

mod abbrev;
mod sentences;
mod tokenize;

use std::ops::Range;

pub use sentences::split_sentences;
use sitrep_syntax::Syntax;
pub use sitrep_syntax::Upos;
use sitrep_text::Span;
pub use tokenize::tokenize;

/// One word or punctuation mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Where the token stands in the document text.
    pub span: Span,
    /// Universal part of speech (`X` until syntax runs).
    pub upos: Upos,
    /// Dictionary form (empty until syntax runs).
    pub lemma: String,
    /// Document-level index of the syntactic head; `None` for the root or before parsing.
    pub head: Option<usize>,
    /// Universal dependency relation to the head (`nsubj`, `obj`, …; `root`; empty before
    /// parsing).
    pub deprel: String,
}

/// One sentence: a span of text and the tokens inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
}

/// A text split into sentences and tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    text: String,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    /// How much syntax each sentence has, by sentence index.
    levels: Vec<SyntaxLevel>,
}

/// How much of a sentence's syntax has been filled: readers that need only parts of speech
/// let the pipeline skip the parser, which costs most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum SyntaxLevel {
    /// Nothing: tokens carry `Upos::X`, no lemma, no head.
    #[default]
    None,
    /// Part of speech and lemma ([`Document::tag_sentences`]); no heads or relations.
    Tags,
    /// Part of speech, lemma, head and relation ([`Document::parse_sentences`]).
    Parse,
}

impl Document {
    /// Tokenizes and sentence-splits `text`.
    pub fn new(text: String) -> Document {
        let spans = tokenize(&text);
        let sentence_ranges = split_sentences(&text, &spans);
        let tokens = spans
            .iter()
            .map(|&span| Token {
                span,
                upos: Upos::X,
                lemma: String::new(),
                head: None,
                deprel: String::new(),
            })
            .collect();
        let sentences: Vec<Sentence> = sentence_ranges
            .into_iter()
            .map(|r| Sentence {
                span: spans[r.start].cover(spans[r.end - 1]),
                tokens: r,
            })
            .collect();
        let levels = vec![SyntaxLevel::None; sentences.len()];
        Document {
            text,
            tokens,
            sentences,
            levels,
        }
    }

    /// Builds a document from given tokens and sentences (for tests and for callers that
    /// tokenized elsewhere). Returns `None` if a span does not fit the text or the sentences
    /// do not cover the tokens in order. A sentence with a token that has a head counts as
    /// parsed, else one with a part of speech other than `X` as tagged.
    pub fn from_parts(
        text: String,
        tokens: Vec<Token>,
        sentences: Vec<Sentence>,
    ) -> Option<Document> {
        let mut next = 0;
        for s in &sentences {
            if s.tokens.start != next || s.tokens.end > tokens.len() || s.tokens.is_empty() {
                return None;
            }
            next = s.tokens.end;
        }
        if next != tokens.len() {
            return None;
        }
        for t in &tokens {
            Span::new(&text, t.span.start(), t.span.end()).ok()?;
        }
        let levels = sentences
            .iter()
            .map(|s| {
                let tokens = &tokens[s.tokens.clone()];
                if tokens.iter().any(|t| t.head.is_some()) {
                    SyntaxLevel::Parse
                } else if tokens.iter().any(|t| t.upos != Upos::X) {
                    SyntaxLevel::Tags
                } else {
                    SyntaxLevel::None
                }
            })
            .collect();
        Some(Document {
            text,
            tokens,
            sentences,
            levels,
        })
    }

    /// Fills part of speech, lemma, head and relation for every token, sentence by sentence.
    pub fn parse_syntax(&mut self, syntax: &Syntax) {
        self.parse_sentences(syntax, |_| true);
    }

    /// Fills the syntax of the sentences `wanted` picks (by sentence index) and leaves the
    /// others as they are: tagging and parsing cost most of the pipeline, and a caller that
    /// knows which sentences its readers look at need not pay for the rest. A sentence
    /// parsed before is parsed again (with the same result) if picked again.
    pub fn parse_sentences(&mut self, syntax: &Syntax, mut wanted: impl FnMut(usize) -> bool) {
        for (index, s) in self.sentences.iter().enumerate() {
            if !wanted(index) {
                continue;
            }
            let words: Vec<&str> = self.tokens[s.tokens.clone()]
                .iter()
                .map(|t| t.span.slice(&self.text))
                .collect();
            let analyses = syntax.analyze(&words);
            for (k, a) in analyses.into_iter().enumerate() {
                let Some(tok) = self.tokens.get_mut(s.tokens.start + k) else {
                    break;
                };
                tok.upos = a.upos;
                tok.lemma = a.lemma;
                tok.head =
                    (a.head > 0 && a.head <= words.len()).then(|| s.tokens.start + a.head - 1);
                tok.deprel = a.deprel;
            }
            self.levels[index] = SyntaxLevel::Parse;
        }
    }

    /// Fills part of speech and lemma (not heads or relations) of the sentences `wanted`
    /// picks that have no syntax yet; the tags are those [`Document::parse_sentences`] would
    /// give, for a fraction of the cost. Sentences already tagged or parsed are left alone.
    pub fn tag_sentences(&mut self, syntax: &Syntax, mut wanted: impl FnMut(usize) -> bool) {
        for (index, s) in self.sentences.iter().enumerate() {
            if self.levels[index] != SyntaxLevel::None || !wanted(index) {
                continue;
            }
            let words: Vec<&str> = self.tokens[s.tokens.clone()]
                .iter()
                .map(|t| t.span.slice(&self.text))
                .collect();
            let tagged = syntax.tag(&words);
            for (k, t) in tagged.into_iter().enumerate() {
                let Some(tok) = self.tokens.get_mut(s.tokens.start + k) else {
                    break;
                };
                tok.upos = t.upos;
                tok.lemma = t.lemma;
            }
            self.levels[index] = SyntaxLevel::Tags;
        }
    }

    /// How much syntax sentence `s` has (`None` for an index out of range).
    pub fn syntax_level(&self, s: usize) -> SyntaxLevel {
        self.levels.get(s).copied().unwrap_or_default()
    }

    /// The document text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// All tokens, in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// All sentences, in order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The text of token `i` (`""` when out of range).
    pub fn token_text(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.span.slice(&self.text))
    }

    /// The tokens of a wire dateline opening the document, dash included ("WASHINGTON, Feb
    /// 26 -", "KYIV, Ukraine (AP) —", "LONDON —"): a capitalized place name, then a dash, or
    /// a comma or an opening parenthesis and a dash within the first few tokens of the first
    /// sentence. The place
    /// says where the story was filed, not who did anything, so actors are not looked for
    /// there.
    pub fn dateline(&self) -> Option<Range<usize>> {
        /// A dateline's dash comes within this many tokens.
        const REACH: usize = 12;
        let first = self.sentences.first()?.tokens.clone();
        let limit = first.end.min(first.start + REACH);
        let capitalized = |k: usize| self.token_text(k).starts_with(char::is_uppercase);
        if first.start != 0 || !capitalized(0) {
            return None;
        }
        // The place: capitalized words up to the comma, parenthesis or dash.
        let is_dash = |k: usize| matches!(self.token_text(k), "-" | "--" | "\u{2014}" | "\u{2013}");
        let after_place = (1..limit).find(|&k| !capitalized(k))?;
        if is_dash(after_place) {
            return Some(0..after_place + 1);
        }
        if !matches!(self.token_text(after_place), "," | "(") {
            return None;
        }
        let dash = (after_place + 1..limit).find(|&k| is_dash(k))?;
        Some(0..dash + 1)
    }

    /// The tokens of sentence `s` (empty when out of range).
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        self.sentences
            .get(s)
            .map_or(&[], |s| &self.tokens[s.tokens.clone()])
    }

    /// The index of the sentence that holds token `i`.
    pub fn sentence_of_token(&self, i: usize) -> Option<usize> {
        let idx = self.sentences.partition_point(|s| s.tokens.end <= i);
        (idx < self.sentences.len() && self.sentences[idx].tokens.contains(&i)).then_some(idx)
    }

    /// The index of the sentence containing byte offset `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let idx = self.sentences.partition_point(|s| s.span.end() <= offset);
        (idx < self.sentences.len() && self.sentences[idx].span.start() <= offset).then_some(idx)
    }

    /// Token indices whose spans overlap `span`.
    pub fn tokens_in(&self, span: Span) -> Range<usize> {
        let start = self
            .tokens
            .partition_point(|t| t.span.end() <= span.start());
        let end = self.tokens.partition_point(|t| t.span.start() < span.end());
        start..end.max(start)
    }

    /// Dependents of token `i` (document-level indices, in order).
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let range = self
            .sentence_of_token(i)
            .map_or(0..0, |s| self.sentences[s].tokens.clone());
        range.filter(move |&j| self.tokens[j].head == Some(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_datelines_are_found_and_prose_is_not_one() {
        let dateline = |text: &str| {
            let doc = Document::new(text.to_string());
            doc.dateline()
                .map(|r| {
                    doc.tokens()[r.start]
                        .span
                        .cover(doc.tokens()[r.end - 1].span)
                })
                .map(|span| span.slice(doc.text()).to_string())
        };
        assert_eq!(
            dateline("WASHINGTON, March 3 - Prices rose, officials said.").as_deref(),
            Some("WASHINGTON, March 3 -")
        );
        assert_eq!(
            dateline("KYIV, Ukraine (AP) \u{2014} Russia fired missiles overnight.").as_deref(),
            Some("KYIV, Ukraine (AP) \u{2014}")
        );
        assert_eq!(
            dateline("New Delhi (Reuters) - India said on Monday it would act.").as_deref(),
            Some("New Delhi (Reuters) -")
        );
        assert_eq!(
            dateline("LONDON \u{2014} Britain said it would act.").as_deref(),
            Some("LONDON \u{2014}")
        );
        assert_eq!(
            dateline("Seoul said on Monday it would act - and did."),
            None
        );
        assert_eq!(dateline("Seoul, which said no, acted."), None);
        assert_eq!(dateline(""), None);
    }

    #[test]
    fn sentences_cover_tokens_and_lookup_works() {
        let doc = Document::new("Seoul said no. Kyiv asked again.\nNew line".to_string());
        assert_eq!(doc.sentences().len(), 3);
        assert_eq!(
            doc.sentences()[1].span.slice(doc.text()),
            "Kyiv asked again."
        );
        let kyiv = doc.text().find("Kyiv").unwrap();
        assert_eq!(doc.sentence_at(kyiv), Some(1));
        assert_eq!(doc.sentence_of_token(4), Some(1));
        let r = doc.tokens_in(Span::from_range(kyiv..kyiv + 10));
        assert_eq!(doc.token_text(r.start), "Kyiv");
        assert_eq!(doc.token_text(r.end - 1), "asked");
    }

    #[test]
    fn tagging_fills_the_tags_parsing_gives_and_levels_follow() {
        let syntax = Syntax::embedded().unwrap();
        let text = "The minister arrived on Monday. He met the president. Talks went on.";
        let mut parsed = Document::new(text.to_string());
        parsed.parse_syntax(&syntax);
        let mut doc = Document::new(text.to_string());
        assert_eq!(doc.syntax_level(0), SyntaxLevel::None);
        doc.tag_sentences(&syntax, |s| s == 1);
        assert_eq!(doc.syntax_level(0), SyntaxLevel::None);
        assert_eq!(doc.syntax_level(1), SyntaxLevel::Tags);
        for i in doc.sentences()[1].tokens.clone() {
            let (t, p) = (&doc.tokens()[i], &parsed.tokens()[i]);
            assert_eq!((t.upos, &t.lemma), (p.upos, &p.lemma));
            assert_eq!((t.head, t.deprel.as_str()), (None, ""));
        }
        assert!(
            doc.tokens()[doc.sentences()[0].tokens.clone()]
                .iter()
                .all(|t| t.upos == Upos::X)
        );
        // Parsing a tagged sentence completes it; tagging a parsed one changes nothing.
        doc.parse_sentences(&syntax, |s| s == 1);
        doc.tag_sentences(&syntax, |_| true);
        assert_eq!(doc.syntax_level(1), SyntaxLevel::Parse);
        assert_eq!(doc.syntax_level(2), SyntaxLevel::Tags);
        assert_eq!(
            doc.tokens()[doc.sentences()[1].tokens.clone()],
            parsed.tokens()[parsed.sentences()[1].tokens.clone()]
        );
        assert_eq!(doc.syntax_level(99), SyntaxLevel::None);
        // Rebuilt from its parts, a document keeps each sentence's level.
        let rebuilt = Document::from_parts(
            text.to_string(),
            doc.tokens().to_vec(),
            doc.sentences().to_vec(),
        )
        .unwrap();
        assert_eq!(rebuilt, doc);
    }

    #[test]
    fn empty_text_has_no_sentences() {
        let doc = Document::new(String::new());
        assert!(doc.tokens().is_empty() && doc.sentences().is_empty());
        assert_eq!(doc.sentence_tokens(3), &[]);
    }
}
