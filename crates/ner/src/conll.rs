//! CoNLL column files: reading sentences and gold tags, writing a predicted tag column, and
//! entity-level scoring with the `conlleval` rules.
//!
//! A file is lines of whitespace-separated columns with the word first; a blank line ends a
//! sentence and a `-DOCSTART-` line starts a document. Gold tags (the last column, when a
//! line has two or more) may be IOB1, as in CoNLL-2003, or IOB2: both are read into IOB2.

use std::collections::BTreeMap;
use std::fmt;

use crate::tag::{EntityType, Tag};
use crate::{NerError, Tagger};

/// One sentence of a CoNLL file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllSentence {
    /// The words (first column).
    pub words: Vec<String>,
    /// Gold tags in IOB2, when every line has a tag column.
    pub gold: Option<Vec<Tag>>,
}

/// One document (the lines between `-DOCSTART-` lines).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllDocument {
    /// Its sentences.
    pub sentences: Vec<ConllSentence>,
}

/// Reads documents from CoNLL text. `path` only names the input in errors.
pub fn read(text: &str, path: &str) -> Result<Vec<ConllDocument>, NerError> {
    let mut docs = vec![ConllDocument::default()];
    let mut words = Vec::new();
    let mut raw_tags: Vec<Option<&str>> = Vec::new();
    let flush = |docs: &mut Vec<ConllDocument>,
                 words: &mut Vec<String>,
                 raw: &mut Vec<Option<&str>>,
                 line: usize|
     -> Result<(), NerError> {
        if words.is_empty() {
            return Ok(());
        }
        let gold = if raw.iter().all(Option::is_some) {
            let mut tags = Vec::with_capacity(raw.len());
            for t in raw.iter().flatten() {
                let tag = parse_any(t).ok_or_else(|| NerError::Conll {
                    path: path.to_string(),
                    line,
                    message: format!("unknown entity tag {t:?}"),
                })?;
                tags.push(tag);
            }
            Some(to_iob2(&tags))
        } else {
            None
        };
        let s = ConllSentence {
            words: std::mem::take(words),
            gold,
        };
        raw.clear();
        if let Some(d) = docs.last_mut() {
            d.sentences.push(s);
        }
        Ok(())
    };
    let mut line_no = 0;
    for (n, line) in text.lines().enumerate() {
        line_no = n + 1;
        let mut cols = line.split_whitespace();
        let Some(first) = cols.next() else {
            flush(&mut docs, &mut words, &mut raw_tags, line_no)?;
            continue;
        };
        if first == "-DOCSTART-" {
            flush(&mut docs, &mut words, &mut raw_tags, line_no)?;
            if docs.last().is_some_and(|d| !d.sentences.is_empty()) {
                docs.push(ConllDocument::default());
            }
            continue;
        }
        words.push(first.to_string());
        raw_tags.push(cols.next_back());
    }
    flush(&mut docs, &mut words, &mut raw_tags, line_no)?;
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

/// Reads a file's text; gzip is detected by its magic bytes; `-` is standard input.
pub fn read_text(path: &std::path::Path) -> Result<String, NerError> {
    use std::io::Read;
    let io = |source| NerError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(io)?;
    } else {
        bytes = std::fs::read(path).map_err(io)?;
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .map_err(io)?;
        bytes = out;
    }
    String::from_utf8(bytes).map_err(|e| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            e.to_string(),
        ))
    })
}

/// Parses `O`, `B-X`, `I-X` (any of the four types).
fn parse_any(s: &str) -> Option<Tag> {
    Tag::parse(s)
}

/// Turns IOB1 (or IOB2) tags into IOB2: an `I-X` that does not continue an `X` becomes `B-X`.
pub fn to_iob2(tags: &[Tag]) -> Vec<Tag> {
    let mut out = Vec::with_capacity(tags.len());
    let mut prev = Tag::O;
    for &t in tags {
        let fixed = match t.entity_type() {
            Some(ty) if t.is_inside() && prev.entity_type() != Some(ty) => Tag::begin(ty),
            _ => t,
        };
        out.push(fixed);
        prev = fixed;
    }
    out
}

/// Entities of a tag sequence as `(type, start, end)` (end exclusive), read with the
/// `conlleval` rules.
pub fn entities(tags: &[Tag]) -> Vec<(EntityType, usize, usize)> {
    let tags = to_iob2(tags);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if let Some(ty) = tags[i].entity_type() {
            let mut j = i + 1;
            while j < tags.len() && tags[j] == Tag::inside(ty) {
                j += 1;
            }
            out.push((ty, i, j));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Writes CoNLL text back with one more column: the tag the tagger predicts for each word.
/// Every line is kept exactly (columns, `-DOCSTART-`, blank lines); words are tagged one
/// document at a time so that earlier sentences inform later ones.
pub fn tag_text(tagger: &Tagger, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut start = 0;
    while start < lines.len() {
        // One document: up to the next -DOCSTART- line after at least one other line.
        let mut end = start + 1;
        while end < lines.len() && !is_docstart(lines[end]) {
            end += 1;
        }
        tag_block(tagger, &lines[start..end], &mut out);
        start = end;
    }
    out
}

fn is_docstart(line: &str) -> bool {
    line.split_whitespace().next() == Some("-DOCSTART-")
}

fn tag_block(tagger: &Tagger, lines: &[&str], out: &mut String) {
    let mut sentences: Vec<Vec<&str>> = Vec::new();
    let mut current = Vec::new();
    for line in lines {
        match line.split_whitespace().next() {
            Some(w) if w != "-DOCSTART-" => current.push(w),
            _ => {
                if !current.is_empty() {
                    sentences.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    let tags = tagger.tag_document(&sentences);
    let mut flat = tags.iter().flatten();
    for line in lines {
        let is_token = line
            .split_whitespace()
            .next()
            .is_some_and(|w| w != "-DOCSTART-");
        if !is_token {
            out.push_str(line);
            continue;
        }
        let tag = flat.next().map_or("O", |t| t.as_str());
        let body = line.trim_end_matches(['\n', '\r']);
        let sep = if body.contains('\t') { '\t' } else { ' ' };
        out.push_str(body);
        out.push(sep);
        out.push_str(tag);
        out.push_str(&line[body.len()..]);
    }
}

/// Counts for one entity type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities that match a gold entity exactly.
    pub correct: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Gold entities.
    pub gold: usize,
}

impl Counts {
    /// Precision in [0, 1].
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Recall in [0, 1].
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// F1 in [0, 1].
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Entity-level scores, per type and overall.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    /// Per type.
    pub by_type: BTreeMap<EntityType, Counts>,
    /// All types together (micro average).
    pub overall: Counts,
    /// Tokens scored.
    pub tokens: usize,
}

impl Scores {
    /// Adds one sentence's gold and predicted tags.
    pub fn add(&mut self, gold: &[Tag], pred: &[Tag]) {
        self.tokens += gold.len();
        let g = entities(gold);
        let p = entities(pred);
        for &(ty, _, _) in &g {
            self.by_type.entry(ty).or_default().gold += 1;
            self.overall.gold += 1;
        }
        for e in &p {
            let c = self.by_type.entry(e.0).or_default();
            c.predicted += 1;
            self.overall.predicted += 1;
            if g.contains(e) {
                c.correct += 1;
                self.overall.correct += 1;
            }
        }
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<6} {:>9} {:>9} {:>9} {:>7} {:>7}",
            "type", "precision", "recall", "F1", "gold", "found"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            writeln!(
                f,
                "{:<6} {:>9.2} {:>9.2} {:>9.2} {:>7} {:>7}",
                name,
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.gold,
                c.predicted
            )
        };
        row(f, "ALL", &self.overall)?;
        for ty in EntityType::ALL {
            row(
                f,
                ty.as_str(),
                &self.by_type.get(&ty).copied().unwrap_or_default(),
            )?;
        }
        write!(
            f,
            "F1 {:.2} precision {:.2} recall {:.2} entities {}",
            100.0 * self.overall.f1(),
            100.0 * self.overall.precision(),
            100.0 * self.overall.recall(),
            self.overall.gold
        )
    }
}

/// Tags every document and scores it against its gold tags (sentences without gold are
/// skipped).
pub fn evaluate(tagger: &Tagger, docs: &[ConllDocument]) -> Scores {
    let mut scores = Scores::default();
    for d in docs {
        let sentences: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let pred = tagger.tag_document(&sentences);
        for (s, p) in d.sentences.iter().zip(&pred) {
            if let Some(g) = &s.gold {
                scores.add(g, p);
            }
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        s.split_whitespace()
            .map(|t| Tag::parse(t).unwrap())
            .collect()
    }

    #[test]
    fn iob1_becomes_iob2() {
        let t = to_iob2(&tags("I-PER I-PER B-PER O I-LOC I-ORG"));
        assert_eq!(t, tags("B-PER I-PER B-PER O B-LOC B-ORG"));
        assert_eq!(entities(&t).len(), 4);
    }

    #[test]
    fn reads_documents_and_sentences() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\n\
                    -DOCSTART- -X- O O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n";
        let docs = read(text, "t").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences[0].words, ["EU", "rejects"]);
        assert_eq!(
            docs[1].sentences[0].gold.as_ref().unwrap(),
            &tags("B-PER I-PER")
        );
        assert!(read("x B-FOO\n", "t").is_err());
    }

    #[test]
    fn scores_like_conlleval() {
        let mut s = Scores::default();
        s.add(&tags("B-PER I-PER O B-LOC"), &tags("B-PER I-PER O B-ORG"));
        assert_eq!(
            s.overall,
            Counts {
                correct: 1,
                predicted: 2,
                gold: 2
            }
        );
        assert!((s.overall.f1() - 0.5).abs() < 1e-9);
        assert!(
            s.to_string()
                .ends_with("F1 50.00 precision 50.00 recall 50.00 entities 2")
        );
    }
}
