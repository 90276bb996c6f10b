//! The trained tagger: a quantized weight table, its file format and tagging.

use crate::NerError;
use crate::features::{self, Atoms, FEATURE_VERSION, Lexicon, Scorer};
use crate::gazetteer::Gazetteer;
use crate::tag::{N_CLASSES, Tag};
use sitrep_memory::HugeBytes;

const MAGIC: &[u8; 8] = b"SNERMDL2";
const MODEL: &[u8] = include_bytes!("../model/ner.bin");

/// The entity tagger. Cheap to share between threads (`Send + Sync`, read-only).
///
/// Two stages: the first tags a document on its own; the second sees, besides the same
/// features, what the first stage said about each word and about the same word elsewhere
/// in the document (prediction aggregation).
#[derive(Debug, Clone)]
pub struct Tagger {
    stage1: Marked,
    stage2: Option<Marked>,
    lexicon: Lexicon,
}

/// One quantized weight table.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub weights: Vec<i16>,
    pub bits: u32,
    pub scale: f32,
}

impl Table {
    fn mask(&self) -> u64 {
        (1u64 << self.bits) - 1
    }
}

/// A weight table with a bitmap of its used rows, as the tagger reads it.
///
/// The table has a million rows (35 MB) of which about one in eight holds a weight, and a
/// feature's row is a cache miss (the syntax model evicts the table between documents).
/// Many features of a sentence have no row (rare words, their pairs); the bitmap (128 KiB,
/// which stays cached) tells so without touching the table. The rows live on huge pages
/// where the system offers them (`sitrep-memory`), so that a row read misses the cache but
/// not also the TLB. Scores are the same as the table's.
#[derive(Debug, Clone)]
pub(crate) struct Marked {
    /// The table's weights, little-endian `i16`, `N_CLASSES` to a row.
    weights: HugeBytes,
    bits: u32,
    scale: f32,
    /// Bit `i % 64` of word `i / 64` is set when row `i` holds a weight.
    used: Vec<u64>,
}

impl Marked {
    fn new(table: Table) -> Marked {
        let mut used = vec![0u64; table.weights.len().div_ceil(N_CLASSES * 64)];
        for (i, row) in table.weights.chunks_exact(N_CLASSES).enumerate() {
            if row.iter().any(|&w| w != 0)
                && let Some(word) = used.get_mut(i / 64)
            {
                *word |= 1 << (i % 64);
            }
        }
        Marked {
            weights: HugeBytes::from_i16s(&table.weights),
            bits: table.bits,
            scale: table.scale,
            used,
        }
    }

    /// The plain table again (for the trainer).
    fn table(&self) -> Table {
        Table {
            weights: self
                .weights
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]]))
                .collect(),
            bits: self.bits,
            scale: self.scale,
        }
    }
}

impl Scorer for Marked {
    #[inline]
    fn score(&self, feats: &[u64], scores: &mut [f32; N_CLASSES]) {
        let mut acc = [0i32; N_CLASSES];
        let mask = (1u64 << self.bits) - 1;
        for &f in feats {
            let i = (f & mask) as usize;
            let used = self
                .used
                .get(i / 64)
                .is_some_and(|w| w & (1 << (i % 64)) != 0);
            if !used {
                continue;
            }
            let base = 2 * i * N_CLASSES;
            if let Some(row) = self.weights.get(base..base + 2 * N_CLASSES) {
                for (a, w) in acc.iter_mut().zip(row.chunks_exact(2)) {
                    *a += i32::from(i16::from_le_bytes([w[0], w[1]]));
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(acc) {
            *s = a as f32 * self.scale;
        }
    }
}

impl Scorer for Table {
    #[inline]
    fn score(&self, feats: &[u64], scores: &mut [f32; N_CLASSES]) {
        let mut acc = [0i32; N_CLASSES];
        let mask = self.mask();
        for &f in feats {
            let base = (f & mask) as usize * N_CLASSES;
            if let Some(row) = self.weights.get(base..base + N_CLASSES) {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += i32::from(w);
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(acc) {
            *s = a as f32 * self.scale;
        }
    }
}

/// Builds the feature lexicon from the embedded gazetteer and tables.
pub(crate) fn embedded_lexicon() -> Lexicon {
    Gazetteer::embedded().lexicon()
}

/// A fingerprint of the lexicon, stored in the model: a model trained with other tables
/// would tag badly, so loading it fails instead.
pub(crate) fn fingerprint(lex: &Lexicon) -> u64 {
    let mut keys: Vec<(u64, u16)> = lex.phrases.iter().map(|(&k, &v)| (k, v)).collect();
    keys.sort_unstable();
    let mut h = crate::hash::mix(lex.case.len() as u64, lex.clusters.len() as u64);
    for (k, v) in keys {
        h = crate::hash::mix3(h, k, u64::from(v));
    }
    h
}

impl Tagger {
    /// The model trained on CoNLL-2003 that ships inside the crate.
    pub fn embedded() -> Result<Tagger, NerError> {
        Tagger::from_bytes(MODEL)
    }

    /// Loads a model written by [`crate::Trainer`] (using the embedded gazetteer).
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, NerError> {
        Tagger::from_bytes_with(bytes, embedded_lexicon())
    }

    pub(crate) fn from_bytes_with(bytes: &[u8], lexicon: Lexicon) -> Result<Tagger, NerError> {
        let bad = |m: &str| NerError::Model(m.to_string());
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(bad("not a sitrep entity model (bad magic bytes)"));
        }
        let version = r.u32()?;
        if version != FEATURE_VERSION {
            return Err(NerError::Model(format!(
                "model uses feature version {version}, this build extracts version \
                 {FEATURE_VERSION}: retrain it with `sitrep train ner`"
            )));
        }
        let fp = r.u64()?;
        if fp != fingerprint(&lexicon) {
            return Err(bad(
                "model was trained with other gazetteer tables: retrain it with `sitrep train ner`",
            ));
        }
        let stages = r.u32()?;
        if !(1..=2).contains(&stages) {
            return Err(bad("unsupported number of stages"));
        }
        let stage1 = Marked::new(read_table(&mut r)?);
        let stage2 = if stages == 2 {
            Some(Marked::new(read_table(&mut r)?))
        } else {
            None
        };
        if r.pos != bytes.len() {
            return Err(bad("trailing bytes"));
        }
        Ok(Tagger {
            stage1,
            stage2,
            lexicon,
        })
    }

    /// A tagger from trained tables (used by the trainer to score epochs).
    pub(crate) fn from_tables(stage1: Table, stage2: Option<Table>, lexicon: Lexicon) -> Tagger {
        Tagger {
            stage1: Marked::new(stage1),
            stage2: stage2.map(Marked::new),
            lexicon,
        }
    }

    /// Gives the tables back.
    pub(crate) fn into_tables(self) -> (Table, Option<Table>) {
        (self.stage1.table(), self.stage2.map(|t| t.table()))
    }

    /// Serializes quantized tables (used by the trainer).
    pub(crate) fn write_model(fingerprint: u64, stage1: &Table, stage2: Option<&Table>) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&fingerprint.to_le_bytes());
        out.extend_from_slice(&(1 + u32::from(stage2.is_some())).to_le_bytes());
        write_table(&mut out, stage1);
        if let Some(t) = stage2 {
            write_table(&mut out, t);
        }
        out
    }

    /// The BILOU classes of a document's sentences, from both stages.
    fn classes(&self, atoms: &mut [Vec<Atoms>], hist: bool) -> Vec<Vec<usize>> {
        let run = |table: &Marked, atoms: &[Vec<Atoms>]| {
            if hist {
                features::decode_document(table, atoms)
            } else {
                atoms
                    .iter()
                    .map(|a| features::decode(table, a, None, |_, _, _| {}))
                    .collect()
            }
        };
        let first = run(&self.stage1, atoms);
        match &self.stage2 {
            Some(t) => {
                features::aggregate(atoms, &first);
                run(t, atoms)
            }
            None => first,
        }
    }

    /// BIO (IOB2) tags for one sentence's words.
    pub fn tag(&self, words: &[&str]) -> Vec<Tag> {
        let mut atoms = [features::atoms(words, &self.lexicon)];
        let classes = self.classes(&mut atoms, false);
        classes
            .first()
            .map_or_else(Vec::new, |c| features::tags_of(c))
    }

    /// Tags every sentence of one document in order; names tagged earlier in the document
    /// inform later sentences (a headline in capitals, a surname alone).
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let mut atoms: Vec<Vec<Atoms>> = sentences
            .iter()
            .map(|s| features::atoms(s, &self.lexicon))
            .collect();
        features::document_case(&mut atoms);
        let classes = self.classes(&mut atoms, true);
        classes.iter().map(|c| features::tags_of(c)).collect()
    }
}

fn read_table(r: &mut Reader<'_>) -> Result<Table, NerError> {
    let bad = |m: &str| NerError::Model(m.to_string());
    let bits = r.u32()?;
    let classes = r.u32()? as usize;
    if !(8..=26).contains(&bits) || classes != N_CLASSES {
        return Err(bad("unsupported table size or class count"));
    }
    let scale = f32::from_bits(r.u32()?);
    let rows = r.u32()? as usize;
    let size = 1usize << bits;
    let mut weights = vec![0i16; size * N_CLASSES];
    let mut idx = 0usize;
    for k in 0..rows {
        let delta = r.varint()? as usize;
        idx = if k == 0 {
            delta
        } else {
            idx.saturating_add(delta)
        };
        if idx >= size {
            return Err(bad("row index out of range"));
        }
        for c in 0..N_CLASSES {
            weights[idx * N_CLASSES + c] = r.u16()? as i16;
        }
    }
    Ok(Table {
        weights,
        bits,
        scale,
    })
}

fn write_table(out: &mut Vec<u8>, t: &Table) {
    out.extend_from_slice(&t.bits.to_le_bytes());
    out.extend_from_slice(&(N_CLASSES as u32).to_le_bytes());
    out.extend_from_slice(&t.scale.to_bits().to_le_bytes());
    let rows: Vec<usize> = t
        .weights
        .chunks_exact(N_CLASSES)
        .enumerate()
        .filter(|(_, r)| r.iter().any(|&w| w != 0))
        .map(|(i, _)| i)
        .collect();
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    let mut prev = 0usize;
    for (k, &i) in rows.iter().enumerate() {
        let mut d = if k == 0 { i } else { i - prev } as u64;
        prev = i;
        loop {
            let b = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                out.push(b);
                break;
            }
            out.push(b | 0x80);
        }
        for &w in &t.weights[i * N_CLASSES..(i + 1) * N_CLASSES] {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| NerError::Model("truncated model".to_string()))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, NerError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, NerError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64, NerError> {
        Ok(u64::from(self.u32()?) | u64::from(self.u32()?) << 32)
    }
    fn varint(&mut self) -> Result<u64, NerError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(NerError::Model("bad varint".to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_table_scores_as_the_table() {
        let mut q = vec![0i16; (1 << 8) * N_CLASSES];
        for (i, row) in q.chunks_exact_mut(N_CLASSES).enumerate() {
            if i % 3 == 0 {
                row[i % N_CLASSES] = (i % 13) as i16 - 6;
                row[(i + 5) % N_CLASSES] = 7;
            }
        }
        let table = Table {
            weights: q,
            bits: 8,
            scale: 0.5,
        };
        let marked = Marked::new(table.clone());
        assert_eq!(marked.used.iter().map(|w| w.count_ones()).sum::<u32>(), 86);
        let feats: Vec<u64> = (0..500u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        let (mut a, mut b) = ([0f32; N_CLASSES], [0f32; N_CLASSES]);
        table.score(&feats, &mut a);
        marked.score(&feats, &mut b);
        assert_eq!(a, b);
        assert_ne!(a, [0f32; N_CLASSES]);
    }

    #[test]
    fn truncated_or_foreign_bytes_are_errors() {
        assert!(Tagger::from_bytes(b"").is_err());
        assert!(Tagger::from_bytes(b"SNERMDL1\x03").is_err());
        assert!(Tagger::from_bytes(&MODEL[..MODEL.len() / 2]).is_err());
    }

    #[test]
    fn written_model_loads_back() {
        let lex = Lexicon::default();
        let mut q = vec![0i16; (1 << 8) * N_CLASSES];
        q[5 * N_CLASSES + 2] = 7;
        q[200 * N_CLASSES] = -3;
        let one = Table {
            weights: q.clone(),
            bits: 8,
            scale: 0.5,
        };
        let two = Table {
            weights: q.iter().map(|w| w * 2).collect(),
            bits: 8,
            scale: 0.25,
        };
        let bytes = Tagger::write_model(fingerprint(&lex), &one, Some(&two));
        let t = Tagger::from_bytes_with(&bytes, lex.clone()).unwrap();
        assert_eq!(t.stage1.table().weights, q);
        assert_eq!(t.stage1.table().scale, 0.5);
        let second = t.stage2.expect("second stage").table();
        assert_eq!(second.weights[5 * N_CLASSES + 2], 14);
        assert_eq!(second.scale, 0.25);
        let bytes = Tagger::write_model(fingerprint(&lex), &one, None);
        assert!(
            Tagger::from_bytes_with(&bytes, lex)
                .unwrap()
                .stage2
                .is_none()
        );
    }
}
