//! Reading and writing CoNLL-U (plain or gzip-compressed).
//!
//! Only the columns this crate uses are kept per word (ID order, FORM, LEMMA, UPOS, XPOS,
//! HEAD, DEPREL); every other line of a sentence (comments, multiword-token ranges `1-2`, empty
//! nodes `1.1`) is kept verbatim so that a tagged file lines up with its input line for line.

use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;

use crate::{SyntaxError, Upos};

/// One syntactic word of a CoNLL-U sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// The FORM column.
    pub form: String,
    /// The LEMMA column (`_` when absent).
    pub lemma: String,
    /// The UPOS column (`X` when absent or unknown).
    pub upos: Upos,
    /// The XPOS column (`_` when absent).
    pub xpos: String,
    /// The HEAD column: 0 for the root, else the 1-based index of the head word.
    pub head: usize,
    /// The DEPREL column, with its subtype (`nsubj:pass`); `_` when absent.
    pub deprel: String,
}

/// A line of a sentence block, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// The word at this index of [`Sentence::words`].
    Word(usize),
    /// Any other line (comment, multiword-token range, empty node), verbatim.
    Other(String),
}

/// One CoNLL-U sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// The syntactic words, in order (word `i` has CoNLL-U ID `i + 1`).
    pub words: Vec<Word>,
    /// Every line of the block, for writing it back.
    pub lines: Vec<Line>,
}

/// Reads a CoNLL-U file; gzip compression is detected from the content.
pub fn read_file(path: &Path) -> Result<Vec<Sentence>, SyntaxError> {
    let io = |source| SyntaxError::Io {
        path: path.display().to_string(),
        source,
    };
    let bytes = std::fs::read(path).map_err(io)?;
    let text = decode(&bytes).map_err(io)?;
    parse(&text).map_err(|e| e.in_file(path))
}

/// Turns file bytes into text, decompressing gzip (magic `1f 8b`) when present.
pub fn decode(bytes: &[u8]) -> std::io::Result<String> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut text = String::new();
        flate2::read::MultiGzDecoder::new(bytes).read_to_string(&mut text)?;
        Ok(text)
    } else {
        String::from_utf8(bytes.to_vec())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }
}

/// Parses CoNLL-U text. A word line is any line whose first column is a plain number; its
/// missing columns count as `_`. A HEAD that is neither `_` nor a number is an error.
pub fn parse(text: &str) -> Result<Vec<Sentence>, SyntaxError> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    for (number, raw) in text.lines().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if !current.lines.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let is_word = !line.starts_with('#')
            && !cols[0].is_empty()
            && cols[0].bytes().all(|b| b.is_ascii_digit());
        if !is_word {
            current.lines.push(Line::Other(line.to_string()));
            continue;
        }
        let col = |i: usize| cols.get(i).copied().unwrap_or("_");
        let head = match col(6) {
            "_" => 0,
            h => h.parse::<usize>().map_err(|_| SyntaxError::Parse {
                file: String::new(),
                line: number + 1,
                message: format!("HEAD {h:?} is not a number"),
            })?,
        };
        let index = current.words.len();
        current.words.push(Word {
            form: col(1).to_string(),
            lemma: col(2).to_string(),
            upos: col(3).parse().unwrap_or_default(),
            xpos: col(4).to_string(),
            head,
            deprel: col(7).to_string(),
        });
        current.lines.push(Line::Word(index));
    }
    if !current.lines.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// Writes sentences as CoNLL-U: ID, FORM, LEMMA, UPOS, XPOS, HEAD and DEPREL from the words,
/// `_` for FEATS, DEPS and MISC, other lines verbatim, a blank line after each sentence.
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for sentence in sentences {
        for line in &sentence.lines {
            match line {
                Line::Other(text) => out.push_str(text),
                Line::Word(i) => {
                    let Some(w) = sentence.words.get(*i) else {
                        continue;
                    };
                    let _ = write!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_",
                        i + 1,
                        w.form,
                        w.lemma,
                        w.upos,
                        w.xpos,
                        w.head,
                        w.deprel
                    );
                }
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# text = I can't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
        2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tca\tcan\tAUX\tMD\t_\t0\troot\t_\t_\n\
        2.1\tx\tx\tX\t_\t_\t_\t_\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n\n";

    #[test]
    fn skips_ranges_and_empty_nodes_but_keeps_them() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        let forms: Vec<_> = s[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["I", "ca", "n't"]);
        assert_eq!(s[0].words[2].head, 2);
        assert_eq!(s[0].words[1].upos, Upos::Aux);
        assert_eq!(s[0].lines.len(), 6);
        let written = write(&s);
        assert!(written.contains("2-3\tcan't"));
        assert!(written.contains("2.1\tx"));
        assert_eq!(parse(&written).unwrap()[0].words, s[0].words);
    }

    #[test]
    fn bad_head_is_an_error_with_its_line() {
        let err = parse("1\ta\ta\tX\t_\t_\tzz\tdep\t_\t_\n").unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    #[test]
    fn decodes_gzip() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(SAMPLE.as_bytes()).unwrap();
        let bytes = enc.finish().unwrap();
        assert_eq!(decode(&bytes).unwrap(), SAMPLE);
    }
}
