//! Part-of-speech tagging, lemmas and dependency parsing, trained on Universal Dependencies.
//!
//! # Brief overview
//!
//! [`Syntax`] holds three small models trained on UD English EWT and committed with the crate:
//!
//! - a greedy averaged-perceptron **tagger** predicting UPOS together with the Penn XPOS tag;
//! - a **lemmatizer** of learned suffix rules and exceptions, keyed by the predicted tag;
//! - a labelled **arc-eager transition parser** (averaged perceptron, dynamic oracle) that
//!   gives every word a head and a UD relation (`nsubj`, `obj`, `xcomp`, `nsubj:pass`, …).
//!
//! Everything runs on words the caller has already tokenized (PTB-like: `does` `n't`,
//! `Korea` `'s`); typographic quotes and dashes are read as their ASCII look-alikes. Nothing
//! here does I/O except [`conllu::read_file`], for the command line and training.
//!
//! ```
//! use sitrep_syntax::{Syntax, Upos};
//!
//! let syntax = Syntax::embedded()?;
//! let words = ["Seoul", "refused", "to", "comment", "."];
//! let analysis = syntax.analyze(&words);
//! assert_eq!(analysis[1].upos, Upos::Verb);
//! assert_eq!(analysis[1].deprel, "root");
//! assert_eq!((analysis[0].head, analysis[0].deprel.as_str()), (2, "nsubj"));
//! assert_eq!((analysis[3].head, analysis[3].deprel.as_str()), (2, "xcomp"));
//! # Ok::<(), sitrep_syntax::SyntaxError>(())
//! ```

mod binary;
pub mod conllu;
mod hash;
mod lemma;
mod lexical;
mod parser;
mod perceptron;
mod table;
mod tagger;
mod train;
mod upos;

use std::io::{Read, Write};

pub use lexical::normalize;
pub use train::{
    TrainConfig, lexicon_from_conll2003, train, train_ensemble, train_ensemble_with_taggers,
};
pub use upos::{UnknownUpos, Upos};

use binary::{Reader, Writer};
use hash::{NONE, U64Map};
use lemma::Lemmatizer;
use lexical::{Clusters, Lex};
use parser::{Guide, Parser, Templates, Tokens};
use perceptron::Weights;
use tagger::{Context, Tag, Tagger};

/// The committed model (gzip-compressed; see `notes/syntax.md` for how it was trained).
const EMBEDDED: &[u8] = include_bytes!("../model/syntax.bin.gz");

/// Identifies the model format; bump when the layout or the features change.
const MAGIC: &[u8; 12] = b"SITREPSYN06\n";

/// The previous format (no guide parser, no template lists), still read.
const MAGIC_V5: &[u8; 12] = b"SITREPSYN05\n";

/// The previous format (the same models with full keys and `f32` weights), still read.
const MAGIC_V4: &[u8; 12] = b"SITREPSYN04\n";

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
    /// A CoNLL-U line could not be parsed.
    #[error("{file}line {line}: {message}")]
    Parse {
        /// The file, followed by `": "`, or empty when parsing a string.
        file: String,
        /// The 1-based line number.
        line: usize,
        /// The problem.
        message: String,
    },
    /// The model bytes are not a model this version can read.
    #[error("syntax model: {0}")]
    Model(String),
}

impl SyntaxError {
    fn in_file(self, path: &std::path::Path) -> SyntaxError {
        match self {
            SyntaxError::Parse { line, message, .. } => SyntaxError::Parse {
                file: format!("{}: ", path.display()),
                line,
                message,
            },
            other => other,
        }
    }
}

/// The analysis of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Universal part of speech.
    pub upos: Upos,
    /// Penn Treebank tag (`VBD`, `VBN`, `NNS`, …), finer than UPOS.
    pub xpos: String,
    /// Lemma (proper nouns keep their case; other words are lowercased).
    pub lemma: String,
    /// Head word: 0 for the root, else the 1-based index into the words, as in CoNLL-U.
    pub head: usize,
    /// UD relation to the head, with subtype where UD has one (`nsubj:pass`, `obl:tmod`).
    pub deprel: String,
}

/// The tagging of one word without its parse ([`Syntax::tag`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    /// Universal part of speech.
    pub upos: Upos,
    /// Penn Treebank tag.
    pub xpos: String,
    /// Lemma, as in [`Analysis::lemma`].
    pub lemma: String,
}

/// The loaded models: tagger, lemmatizer and parser.
#[derive(Debug, Clone)]
pub struct Syntax {
    clusters: Clusters,
    tagger: Tagger,
    parser: Parser,
    /// The right-to-left parser whose parse the main parser reads, if it was trained with
    /// one.
    guide: Option<Parser>,
    lemmatizer: Lemmatizer,
}

/// Writes a parser's template list.
fn write_templates(w: &mut Writer, templates: &Templates) {
    w.len(templates.ids().len());
    for &t in templates.ids() {
        w.u8(t);
    }
}

/// Reads what [`write_templates`] wrote.
fn read_templates(r: &mut Reader<'_>) -> Result<Templates, SyntaxError> {
    let n = r.len(1)?;
    let mut ids = Vec::with_capacity(n);
    for _ in 0..n {
        ids.push(r.u8()?);
    }
    Ok(Templates::new(&ids))
}

/// Word value of the artificial root at the end of the parser's buffer.
const ROOT_WORD: u64 = NONE ^ 5;
/// Tag value of the artificial root.
const ROOT_TAG: u64 = NONE ^ 3;

/// UPOS, UAS and LAS counts on gold tokenization, as `shared/bench/syntax/score.py` counts
/// them: punctuation included, LAS on the universal relation (the part before `:`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// Words with the right UPOS.
    pub upos: usize,
    /// Words with the right head.
    pub uas: usize,
    /// Words with the right head and universal relation.
    pub las: usize,
}

impl Scores {
    /// Adds one word's comparison.
    pub fn add(&mut self, gold: &conllu::Word, pred: &conllu::Word) {
        self.words += 1;
        self.upos += usize::from(gold.upos.as_str() == pred.upos.as_str());
        if gold.head == pred.head {
            self.uas += 1;
            let universal = |d: &str| d.split(':').next().unwrap_or("").to_string();
            self.las += usize::from(universal(&gold.deprel) == universal(&pred.deprel));
        }
    }

    fn ratio(x: usize, n: usize) -> f64 {
        if n == 0 { 0.0 } else { x as f64 / n as f64 }
    }

    /// UPOS accuracy.
    pub fn upos_accuracy(&self) -> f64 {
        Self::ratio(self.upos, self.words)
    }

    /// Unlabelled attachment score.
    pub fn uas(&self) -> f64 {
        Self::ratio(self.uas, self.words)
    }

    /// Labelled attachment score.
    pub fn las(&self) -> f64 {
        Self::ratio(self.las, self.words)
    }
}

impl Syntax {
    /// Loads the model committed with this crate.
    pub fn embedded() -> Result<Syntax, SyntaxError> {
        Syntax::from_bytes(EMBEDDED)
    }

    /// Loads a model written by [`Syntax::to_bytes`] (gzip-compressed or not).
    pub fn from_bytes(bytes: &[u8]) -> Result<Syntax, SyntaxError> {
        let mut raw = Vec::new();
        let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
            flate2::read::GzDecoder::new(bytes)
                .read_to_end(&mut raw)
                .map_err(|e| SyntaxError::Model(format!("cannot decompress: {e}")))?;
            &raw[..]
        } else {
            bytes
        };
        let legacy = bytes.starts_with(MAGIC_V4);
        let unguided = legacy || bytes.starts_with(MAGIC_V5);
        if !bytes.starts_with(MAGIC) && !unguided {
            return Err(SyntaxError::Model(
                "not a sitrep syntax model (or an older format): retrain with `sitrep train syntax`"
                    .into(),
            ));
        }
        let mut r = Reader::new(&bytes[MAGIC.len()..]);
        let n_tags = r.len(3)?;
        let mut tags = Vec::with_capacity(n_tags);
        for _ in 0..n_tags {
            let upos = r
                .str()?
                .parse()
                .map_err(|e| SyntaxError::Model(format!("{e}")))?;
            tags.push(Tag {
                upos,
                xpos: r.str()?,
            });
        }
        let weights = Weights::read(&mut r, legacy)?;
        let mut dict = U64Map::default();
        for _ in 0..r.len(10)? {
            let k = r.u64()?;
            let t = r.u16()?;
            if usize::from(t) >= n_tags {
                return Err(SyntaxError::Model(format!("tag {t} out of range")));
            }
            dict.insert(k, t);
        }
        let mut ambiguity = U64Map::default();
        for _ in 0..r.len(12)? {
            let k = r.u64()?;
            ambiguity.insert(k, r.u32()?);
        }
        let second = Weights::read(&mut r, legacy)?;
        if weights.n_classes() != n_tags || second.n_classes() != n_tags {
            return Err(SyntaxError::Model(
                "tagger classes do not match its tags".into(),
            ));
        }
        let tagger = Tagger {
            weights,
            second,
            tags,
            dict,
            ambiguity,
        };
        let n_labels = r.len(1)?;
        let mut labels = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            labels.push(r.str()?);
        }
        let root = r.u16()?;
        let weights = Weights::read(&mut r, legacy)?;
        if weights.n_classes() != 2 + 2 * labels.len() || usize::from(root) >= labels.len() {
            return Err(SyntaxError::Model(
                "parser classes do not match its labels".into(),
            ));
        }
        let mut parser = Parser {
            weights,
            labels,
            root,
            templates: Templates::base(),
        };
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let mut clusters = Clusters::default();
        for _ in 0..r.len(12)? {
            let k = r.u64()?;
            clusters.map.insert(k, r.u32()?);
        }
        let mut guide = None;
        if !unguided {
            parser.templates = read_templates(&mut r)?;
            if r.u8()? == 1 {
                let templates = read_templates(&mut r)?;
                let weights = Weights::read(&mut r, false)?;
                if weights.n_classes() != parser.weights.n_classes() {
                    return Err(SyntaxError::Model(
                        "guide classes do not match the labels".into(),
                    ));
                }
                guide = Some(Parser {
                    weights,
                    templates,
                    ..parser.clone()
                });
            }
        }
        if !r.is_empty() {
            return Err(SyntaxError::Model("trailing bytes after the model".into()));
        }
        Ok(Syntax {
            clusters,
            tagger,
            parser,
            guide,
            lemmatizer,
        })
    }

    /// Serializes the models (gzip-compressed).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.buf.extend_from_slice(MAGIC);
        w.len(self.tagger.tags.len());
        for t in &self.tagger.tags {
            w.str(t.upos.as_str());
            w.str(&t.xpos);
        }
        self.tagger.weights.write(&mut w);
        let mut dict: Vec<_> = self.tagger.dict.iter().collect();
        dict.sort_unstable();
        w.len(dict.len());
        for (k, t) in dict {
            w.u64(*k);
            w.u16(*t);
        }
        let mut amb: Vec<_> = self.tagger.ambiguity.iter().collect();
        amb.sort_unstable();
        w.len(amb.len());
        for (k, a) in amb {
            w.u64(*k);
            w.u32(*a);
        }
        self.tagger.second.write(&mut w);
        w.len(self.parser.labels.len());
        for l in &self.parser.labels {
            w.str(l);
        }
        w.u16(self.parser.root);
        self.parser.weights.write(&mut w);
        self.lemmatizer.write(&mut w);
        let mut clusters: Vec<_> = self.clusters.map.iter().collect();
        clusters.sort_unstable();
        w.len(clusters.len());
        for (k, c) in clusters {
            w.u64(*k);
            w.u32(*c);
        }
        write_templates(&mut w, &self.parser.templates);
        match &self.guide {
            Some(guide) => {
                w.u8(1);
                write_templates(&mut w, &guide.templates);
                guide.weights.write(&mut w);
            }
            None => w.u8(0),
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = gz.write_all(&w.buf);
        gz.finish().unwrap_or_default()
    }

    /// The parser's view of a tagged sentence, the root appended.
    fn tokens(tagger: &Tagger, lex: &[Lex], tags: &[u16]) -> Tokens {
        let root = std::iter::once(ROOT_TAG);
        let upos = |t: u16| {
            tagger
                .tags
                .get(usize::from(t))
                .map_or(NONE, |t| t.upos as u64 + 2000)
        };
        Tokens {
            w: lex
                .iter()
                .map(|l| l.lower)
                .chain(std::iter::once(ROOT_WORD))
                .collect(),
            p: tags
                .iter()
                .map(|&t| u64::from(t) + 1000)
                .chain(root.clone())
                .collect(),
            u: tags.iter().map(|&t| upos(t)).chain(root.clone()).collect(),
            c: lex.iter().map(|l| l.cluster[1]).chain(root).collect(),
            guide: Guide::default(),
        }
    }

    fn lexes<S: AsRef<str>>(clusters: &Clusters, words: &[S]) -> Vec<Lex> {
        words
            .iter()
            .map(|w| {
                let mut lex = Lex::new(w.as_ref());
                clusters.apply(&mut lex);
                lex
            })
            .collect()
    }

    /// Tags and parses one sentence given its words.
    pub fn analyze(&self, words: &[&str]) -> Vec<Analysis> {
        let n = words.len();
        if n == 0 {
            return Vec::new();
        }
        let lex = Self::lexes(&self.clusters, words);
        let ctx = Context::new(&lex, &self.tagger.ambiguity);
        let tags = self.tagger.tag(&ctx, n);
        let mut tokens = Self::tokens(&self.tagger, &lex, &tags);
        if let Some(guide) = &self.guide {
            tokens.guide = guide.parse_reversed(&tokens);
        }
        let (heads, labels) = self.parser.parse(&tokens);
        (0..n)
            .map(|i| {
                let tag = self.tagger.tags.get(usize::from(tags[i]));
                let upos = tag.map_or(Upos::X, |t| t.upos);
                let head = heads[i] as usize;
                Analysis {
                    upos,
                    xpos: tag.map_or_else(String::new, |t| t.xpos.clone()),
                    lemma: self.lemmatizer.lemma(words[i], tags[i], upos),
                    head: if head >= n { 0 } else { head + 1 },
                    deprel: self
                        .parser
                        .labels
                        .get(usize::from(labels[i]))
                        .cloned()
                        .unwrap_or_else(|| "dep".to_string()),
                }
            })
            .collect()
    }

    /// Tags one sentence given its words, without parsing it: the part of speech and lemma
    /// of each word, exactly as [`Syntax::analyze`] gives them (the tagger does not read the
    /// parse), at a fraction of the cost, for readers that need no heads or relations.
    pub fn tag(&self, words: &[&str]) -> Vec<Tagged> {
        let n = words.len();
        if n == 0 {
            return Vec::new();
        }
        let lex = Self::lexes(&self.clusters, words);
        let ctx = Context::new(&lex, &self.tagger.ambiguity);
        let tags = self.tagger.tag(&ctx, n);
        (0..n)
            .map(|i| {
                let tag = self.tagger.tags.get(usize::from(tags[i]));
                let upos = tag.map_or(Upos::X, |t| t.upos);
                Tagged {
                    upos,
                    xpos: tag.map_or_else(String::new, |t| t.xpos.clone()),
                    lemma: self.lemmatizer.lemma(words[i], tags[i], upos),
                }
            })
            .collect()
    }

    /// Fills LEMMA, UPOS, XPOS, HEAD and DEPREL of every word of a CoNLL-U sentence.
    pub fn annotate(&self, sentence: &mut conllu::Sentence) {
        let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        let analyses = self.analyze(&words);
        for (w, a) in sentence.words.iter_mut().zip(analyses) {
            w.upos = a.upos;
            w.xpos = a.xpos;
            w.lemma = a.lemma;
            w.head = a.head;
            w.deprel = a.deprel;
        }
    }

    /// Scores the models against gold sentences (tokens as given).
    pub fn evaluate(&self, gold: &[conllu::Sentence]) -> Scores {
        let mut scores = Scores::default();
        for g in gold {
            let mut pred = g.clone();
            self.annotate(&mut pred);
            for (gw, pw) in g.words.iter().zip(&pred.words) {
                scores.add(gw, pw);
            }
        }
        scores
    }

    /// Sizes of the models, for reports: features and weights of the tagger, then of the
    /// parser.
    pub fn sizes(&self) -> [usize; 4] {
        [
            self.tagger.weights.n_features() + self.tagger.second.n_features(),
            self.tagger.weights.n_weights() + self.tagger.second.n_weights(),
            self.parser.weights.n_features(),
            self.parser.weights.n_weights(),
        ]
    }

    /// The ensemble of models trained on the same data with different seeds, as one model:
    /// its perceptron weights are the means of theirs, so it scores every tag and transition
    /// with the mean of their scores. The models must share their tag set, labels, tag
    /// dictionary, ambiguity classes, lemmatizer and clusters (everything that does not depend
    /// on the seed); the first one's are kept.
    pub fn average(models: &[Syntax]) -> Result<Syntax, SyntaxError> {
        let Some(first) = models.first() else {
            return Err(SyntaxError::Model("no models to average".into()));
        };
        let differs = |m: &Syntax| {
            m.tagger.tags != first.tagger.tags
                || m.parser.labels != first.parser.labels
                || m.parser.root != first.parser.root
                || m.parser.templates != first.parser.templates
                || m.guide.as_ref().map(|g| &g.templates)
                    != first.guide.as_ref().map(|g| &g.templates)
                || m.tagger.dict != first.tagger.dict
                || m.tagger.ambiguity != first.tagger.ambiguity
                || m.clusters.map != first.clusters.map
        };
        if models.iter().any(differs) {
            return Err(SyntaxError::Model(
                "models trained on different data cannot be averaged".into(),
            ));
        }
        let mean = |pick: fn(&Syntax) -> &Weights| {
            let all: Vec<&Weights> = models.iter().map(pick).collect();
            Weights::average(&all)
                .ok_or_else(|| SyntaxError::Model("weights over different classes".into()))
        };
        let mut out = first.clone();
        out.tagger.weights = mean(|m| &m.tagger.weights)?;
        out.tagger.second = mean(|m| &m.tagger.second)?;
        out.parser.weights = mean(|m| &m.parser.weights)?;
        if let Some(guide) = &mut out.guide {
            let all: Vec<&Weights> = models
                .iter()
                .filter_map(|m| m.guide.as_ref().map(|g| &g.weights))
                .collect();
            guide.weights = Weights::average(&all)
                .ok_or_else(|| SyntaxError::Model("guides over different classes".into()))?;
        }
        Ok(out)
    }

    /// A copy without the weights whose magnitude is below the given thresholds, for the
    /// tagger and the parser: a smaller, faster model, usually at a small cost in accuracy.
    pub fn pruned(&self, tagger_min: f32, parser_min: f32) -> Syntax {
        self.pruned_rows((tagger_min, tagger_min), (parser_min, parser_min))
    }

    /// Like [`Syntax::pruned`], with two thresholds per model, `(row, weight)`: a feature is
    /// kept when one of its weights reaches `row` in magnitude, and of a kept feature the
    /// weights that reach `weight`. Scoring costs about one cache miss per feature found, so
    /// the small weights of a kept feature are cheap, and keeping them loses less accuracy
    /// per unit of speed than pruning every weight at one threshold (`notes/syntax.md`,
    /// round 4). `pruned_rows((t, t), (p, p))` is `pruned(t, p)`.
    pub fn pruned_rows(&self, tagger: (f32, f32), parser: (f32, f32)) -> Syntax {
        let mut out = self.clone();
        out.tagger.weights = self.tagger.weights.prune_rows(tagger.0, tagger.1);
        out.tagger.second = self.tagger.second.prune_rows(tagger.0, tagger.1);
        out.parser.weights = self.parser.weights.prune_rows(parser.0, parser.1);
        out
    }

    /// A copy whose guide parser (if any) is pruned with these `(row, weight)` thresholds
    /// (as in [`Syntax::pruned_rows`], which leaves the guide alone).
    pub fn pruned_guide(&self, row: f32, weight: f32) -> Syntax {
        let mut out = self.clone();
        if let Some(guide) = &mut out.guide {
            guide.weights = guide.weights.prune_rows(row, weight);
        }
        out
    }

    /// Sizes of the guide parser (features, weights), if there is one.
    pub fn guide_sizes(&self) -> Option<[usize; 2]> {
        self.guide
            .as_ref()
            .map(|g| [g.weights.n_features(), g.weights.n_weights()])
    }

    /// This model with the tagger weights (both passes) of `other`, which must have been
    /// trained on the same data (same tags, tag dictionary and ambiguity classes). With
    /// `other` an average of more seeds than this model's, the tagger's ensemble can be
    /// larger than the parser's: tagger seeds are cheap to train, parser seeds are not.
    pub fn with_tagger_of(&self, other: &Syntax) -> Result<Syntax, SyntaxError> {
        if other.tagger.tags != self.tagger.tags
            || other.tagger.dict != self.tagger.dict
            || other.tagger.ambiguity != self.tagger.ambiguity
        {
            return Err(SyntaxError::Model(
                "taggers trained on different data cannot be swapped".into(),
            ));
        }
        let mut out = self.clone();
        out.tagger.weights = other.tagger.weights.clone();
        out.tagger.second = other.tagger.second.clone();
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guided_parser_reads_its_guide() {
        let gold = conllu::parse(include_str!("../tests/data/news.conllu")).expect("treebank");
        let config = TrainConfig {
            tagger_epochs: 3,
            parser_epochs: 3,
            folds: 2,
            guide: true,
            ..TrainConfig::default()
        };
        let guided = train(&gold, &[], &config, |_| {}).expect("trained");
        let mut blind = guided.clone();
        blind.guide = None;
        assert_ne!(blind.evaluate(&gold), guided.evaluate(&gold));
    }
}
