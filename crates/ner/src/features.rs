//! Feature extraction: every word is reduced once to a few hashed "atoms" (its form,
//! lowercase, shape, affixes, gazetteer bits, case statistics), and features are hashes of
//! template ids with atoms, folded into a fixed-size weight table.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::hash::{hash_bytes, mix, mix3};
use crate::tag::{N_CLASSES, Tag, class_allowed, class_tag};

/// Bumped whenever feature extraction changes: a model stores the version it was trained
/// with, and a mismatch is refused rather than silently tagging badly.
pub(crate) const FEATURE_VERSION: u32 = 7;

/// A `Hasher` for keys that are already good 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(bytes);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A map keyed by precomputed hashes.
pub(crate) type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// Gazetteer categories that become features (each takes a "first word" and a "later word"
/// bit).
#[derive(Debug, Clone, Copy)]
pub(crate) enum GazCat {
    Country = 0,
    City = 1,
    Demonym = 2,
    Title = 3,
    OrgWord = 4,
    Org = 5,
    Region = 6,
    Month = 7,
}

pub(crate) const N_GAZ: usize = 8;

/// Lookup tables the features need besides the words themselves.
#[derive(Debug, Default, Clone)]
pub(crate) struct Lexicon {
    /// Phrase (hash of its lowercased word hashes) → category bits.
    pub phrases: HashedMap<u16>,
    /// Longest phrase length, in words.
    pub max_phrase: usize,
    /// What a walk over a sentence's words needs: phrase hash → its category bits, plus
    /// [`PREFIX`] when it begins a longer phrase. A walk from a word stops at the first
    /// hash that begins nothing, instead of looking up `max_phrase` hashes for every word.
    pub steps: HashedMap<u16>,
    /// Lowercase word hash → case class from unlabeled news.
    pub case: HashedMap<u8>,
    /// Lowercase word hash → word clusters: `(coarse + 1) << 16 | (fine + 1)`; 0 = none.
    pub clusters: HashedMap<u32>,
}

impl Lexicon {
    /// Adds a phrase (already split into words) under a category.
    pub fn add_phrase(&mut self, words: &[&str], cat: GazCat) {
        if words.is_empty() {
            return;
        }
        let h = phrase_hash(words.iter().map(|w| lower_hash(w)));
        *self.phrases.entry(h).or_insert(0) |= 1 << (cat as u16);
        *self.steps.entry(h).or_insert(0) |= 1 << (cat as u16);
        for k in 1..words.len() {
            let prefix = phrase_hash(words[..k].iter().map(|w| lower_hash(w)));
            *self.steps.entry(prefix).or_insert(0) |= PREFIX;
        }
        self.max_phrase = self.max_phrase.max(words.len());
    }
}

/// In [`Lexicon::steps`]: the hash begins a longer phrase.
pub(crate) const PREFIX: u16 = 1 << 15;

/// Hash of a phrase from its words' lowercase hashes.
pub(crate) fn phrase_hash(words: impl Iterator<Item = u64>) -> u64 {
    words.fold(0x1234_5678, mix)
}

/// Lowercased, digit-normalized hash of a word.
pub(crate) fn lower_hash(w: &str) -> u64 {
    forms(w).1
}

/// Per-word atoms.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Atoms {
    word: u64,
    pub lower: u64,
    shape: u64,
    sshape: u64,
    pre: [u64; 4],
    suf: [u64; 4],
    /// 0 lower, 1 Title, 2 UPPER, 3 mixed, 4 no letters.
    cap: u8,
    case: u8,
    gaz: u16,
    cluster: u32,
    /// A quote or colon: the next word may start a clause with a capital.
    opens: bool,
    /// How the same word is written elsewhere in the document, away from sentence starts
    /// and headlines: bit 1 capitalized, bit 2 lowercase.
    doc_case: u8,
    /// Second stage only: how the first stage labelled the same word elsewhere in the
    /// document (see [`aggregate`]); 0 in the first stage.
    agg: u16,
    /// Second stage only: the first stage's BILOU class of this word, plus one.
    s1: u8,
}

fn cap_class(w: &str) -> u8 {
    let mut upper = 0;
    let mut lower = 0;
    let mut first_upper = false;
    for (i, c) in w.chars().enumerate() {
        if c.is_uppercase() {
            upper += 1;
            if i == 0 {
                first_upper = true;
            }
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (upper, lower) {
        (0, 0) => 4,
        (0, _) => 0,
        (_, 0) if upper > 1 || w.chars().count() == 1 => 2,
        (_, 0) => 1,
        _ if first_upper && upper == 1 => 1,
        _ => 3,
    }
}

fn shapes(w: &str) -> (u64, u64) {
    let mut full = [0u8; 16];
    let mut n = 0;
    let mut short = [0u8; 16];
    let mut m = 0;
    for c in w.chars() {
        let s = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'*'
        };
        if n < full.len() {
            full[n] = s;
            n += 1;
        }
        if (m == 0 || short[m - 1] != s) && m < short.len() {
            short[m] = s;
            m += 1;
        }
    }
    (hash_bytes(&full[..n]), hash_bytes(&short[..m]))
}

fn affixes(lower: &str) -> ([u64; 4], [u64; 4]) {
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    let mut pre = [0u64; 4];
    let mut suf = [0u64; 4];
    let n = chars.len();
    for k in 1..=4 {
        let p_end = chars.get(k).map_or(lower.len(), |&(i, _)| i);
        pre[k - 1] = hash_bytes(&lower.as_bytes()[..p_end]) ^ k as u64;
        let s_start = if n >= k { chars[n - k].0 } else { 0 };
        suf[k - 1] = hash_bytes(&lower.as_bytes()[s_start..]) ^ (k as u64) << 8;
    }
    (pre, suf)
}

/// The hashes of a word's forms: (digit-normalized word, lowercase, prefixes, suffixes).
fn forms(w: &str) -> (u64, u64, [u64; 4], [u64; 4]) {
    if w.is_ascii() && w.len() <= 64 {
        // Fast path without allocation; gives the same hashes as the general path.
        let mut norm = [0u8; 64];
        let mut low = [0u8; 64];
        let n = w.len();
        for (i, b) in w.bytes().enumerate() {
            let d = if b.is_ascii_digit() { b'0' } else { b };
            norm[i] = d;
            low[i] = d.to_ascii_lowercase();
        }
        let mut pre = [0u64; 4];
        let mut suf = [0u64; 4];
        for k in 1..=4 {
            pre[k - 1] = hash_bytes(&low[..k.min(n)]) ^ k as u64;
            suf[k - 1] = hash_bytes(&low[n.saturating_sub(k)..n]) ^ (k as u64) << 8;
        }
        return (hash_bytes(&norm[..n]), hash_bytes(&low[..n]), pre, suf);
    }
    let lower_s: String = w
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    let norm: String = w
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect();
    let (pre, suf) = affixes(&lower_s);
    (
        hash_bytes(norm.as_bytes()),
        hash_bytes(lower_s.as_bytes()),
        pre,
        suf,
    )
}

fn word_atoms(w: &str, lex: &Lexicon) -> Atoms {
    let (word, lower, pre, suf) = forms(w);
    let (shape, sshape) = shapes(w);
    Atoms {
        word,
        lower,
        shape,
        sshape,
        pre,
        suf,
        cap: cap_class(w),
        case: lex.case.get(&lower).copied().unwrap_or(0),
        gaz: 0,
        cluster: lex.clusters.get(&lower).copied().unwrap_or(0),
        doc_case: 0,
        agg: 0,
        s1: 0,
        opens: matches!(w, "\"" | ":" | "``" | "'" | "-" | "--"),
    }
}

/// Computes the atoms of every word of a sentence.
pub(crate) fn atoms(words: &[&str], lex: &Lexicon) -> Vec<Atoms> {
    let mut out: Vec<Atoms> = words.iter().map(|w| word_atoms(w, lex)).collect();
    if lex.max_phrase > 0 {
        for s in 0..out.len() {
            let mut h = 0x1234_5678;
            for e in s..out.len().min(s + lex.max_phrase) {
                h = mix(h, out[e].lower);
                // No phrase begins with these words: none is longer either.
                let Some(&step) = lex.steps.get(&h) else {
                    break;
                };
                let bits = step & !PREFIX;
                if bits != 0 {
                    for c in 0..N_GAZ {
                        if bits & (1 << c) != 0 {
                            out[s].gaz |= 1 << (2 * c);
                            for a in &mut out[s + 1..=e] {
                                a.gaz |= 1 << (2 * c + 1);
                            }
                        }
                    }
                }
                if step & PREFIX == 0 {
                    break;
                }
            }
        }
    }
    out
}

/// Fills [`Atoms::doc_case`] for every word of a document.
pub(crate) fn document_case(sentences: &mut [Vec<Atoms>]) {
    let mut seen: HashedMap<u8> = HashedMap::default();
    for s in sentences.iter() {
        if all_caps(s) {
            continue;
        }
        for i in 1..s.len() {
            if s[i - 1].opens {
                continue;
            }
            let bit = match s[i].cap {
                1 => 1,
                0 => 2,
                _ => continue,
            };
            *seen.entry(s[i].lower).or_insert(0) |= bit;
        }
    }
    for s in sentences.iter_mut() {
        for a in s.iter_mut() {
            a.doc_case = seen.get(&a.lower).copied().unwrap_or(0);
        }
    }
}

/// Label group of a BILOU class: 0 = O, 1..=4 = entity type + 1.
fn class_type(c: usize) -> usize {
    if c == 0 { 0 } else { 1 + (c - 1) / 4 }
}

/// Share bucket of `n` out of `total`: 0 none, 1 under half, 2 half or more, 3 all.
fn bucket(n: u16, total: u16) -> u16 {
    if n == 0 {
        0
    } else if n == total {
        3
    } else if 2 * n >= total {
        2
    } else {
        1
    }
}

/// Prediction aggregation (Ratinov and Roth 2009) for the second stage: records each
/// word's first-stage class, and for capitalized words how the first stage labelled the
/// same word (case-insensitively) everywhere else in the document. A headline in capitals
/// or a surname alone then sees what the body says about the same string.
pub(crate) fn aggregate(sentences: &mut [Vec<Atoms>], classes: &[Vec<usize>]) {
    let named = |a: &Atoms| a.cap != 0 && a.cap != 4;
    let mut counts: HashedMap<[u16; 5]> = HashedMap::default();
    for (s, c) in sentences.iter().zip(classes) {
        for (a, &k) in s.iter().zip(c) {
            if named(a) {
                let e = counts.entry(a.lower).or_insert([0; 5]);
                e[class_type(k)] = e[class_type(k)].saturating_add(1);
            }
        }
    }
    for (s, c) in sentences.iter_mut().zip(classes) {
        for (a, &k) in s.iter_mut().zip(c) {
            a.s1 = (k + 1) as u8;
            if !named(a) {
                continue;
            }
            let mut n = counts.get(&a.lower).copied().unwrap_or([0; 5]);
            let own = class_type(k);
            n[own] = n[own].saturating_sub(1);
            let total: u16 = n.iter().sum();
            let mut bits = 1u16 << 15;
            if total > 0 {
                bits |= 1 << 14;
                for (t, &x) in n.iter().enumerate() {
                    bits |= bucket(x, total) << (2 * t);
                }
            }
            a.agg = bits;
        }
    }
}

/// The label group most of the other mentions got (2 bits per group in `agg`), plus one;
/// 0 when there are none.
fn agg_major(agg: u16) -> u64 {
    if agg & (1 << 14) == 0 {
        return 0;
    }
    (0..5)
        .find(|t| (agg >> (2 * t)) & 3 >= 2)
        .map_or(6, |t| t as u64 + 1)
}

/// Whether a sentence is written in capitals (a CoNLL headline): then case says little.
pub(crate) fn all_caps(atoms: &[Atoms]) -> bool {
    let letters = atoms.iter().filter(|a| a.cap != 4).count();
    letters >= 2 && atoms.iter().filter(|a| a.cap == 2).count() * 10 >= letters * 8
}

// Template ids.
const T_BIAS: u64 = 1;
const T_WORD: u64 = 2;
const T_LOWER: u64 = 3;
const T_SHAPE: u64 = 4;
const T_SSHAPE: u64 = 5;
const T_PRE: u64 = 6;
const T_SUF: u64 = 10;
const T_L: [u64; 4] = [14, 15, 16, 17];
const T_SS3: u64 = 18;
const T_SSM1: u64 = 19;
const T_SSP1: u64 = 20;
const T_BIGL: u64 = 21;
const T_BIGR: u64 = 22;
const T_FIRST: u64 = 23;
const T_CAPSENT: u64 = 24;
const T_CASE: u64 = 25;
const T_CASE_FIRST: u64 = 26;
const T_CASE_CAPS: u64 = 27;
const T_GAZ: u64 = 28;
const T_GAZ_M1: u64 = 29;
const T_GAZ_P1: u64 = 30;
const T_LM1_SS: u64 = 31;
const T_SS_LP1: u64 = 32;
const T_HIST: u64 = 33;
const T_HIST_SS: u64 = 34;
const T_CLUSTER: u64 = 35;
const T_CLUSTER_M1: u64 = 36;
const T_CLUSTER_P1: u64 = 37;
const T_P1: u64 = 40;
const T_P12: u64 = 41;
const T_P1_L: u64 = 42;
const T_P1_SS: u64 = 43;
const T_P1_LM1: u64 = 44;
const T_WORD_M1: u64 = 45;
const T_WORD_P1: u64 = 46;
const T_CLUSTER_PREFIX: u64 = 47;
const T_DOC_CASE: u64 = 48;
const T_TRI_L: u64 = 49;
const T_TRI_R: u64 = 50;
const T_SUF_M1: u64 = 51;
const T_SUF_P1: u64 = 52;
const T_GAZ_M2: u64 = 53;
const T_GAZ_P2: u64 = 54;
const T_CLUSTER_BI: u64 = 55;
const T_AGG: u64 = 56;
const T_AGG_FULL: u64 = 57;
const T_AGG_CAP: u64 = 58;
const T_S1: u64 = 59;
const T_S1_AGG: u64 = 60;
const T_S1_M1: u64 = 61;
const T_S1_P1: u64 = 62;
const T_AGG_M1: u64 = 63;
const T_AGG_P1: u64 = 64;

/// Appends the features of word `i` that do not depend on predicted tags.
pub(crate) fn static_features(
    a: &[Atoms],
    i: usize,
    caps: bool,
    hist: Option<u8>,
    out: &mut Vec<u64>,
) {
    let none = Atoms {
        lower: 0xdead,
        sshape: 0xbeef,
        ..Atoms::default()
    };
    let get = |k: isize| -> &Atoms {
        let j = i as isize + k;
        if j < 0 || j as usize >= a.len() {
            &none
        } else {
            &a[j as usize]
        }
    };
    let w = &a[i];
    let m1 = get(-1);
    let p1 = get(1);
    out.push(T_BIAS);
    out.push(mix(T_WORD, w.word));
    out.push(mix(T_LOWER, w.lower));
    out.push(mix(T_SHAPE, w.shape));
    out.push(mix(T_SSHAPE, w.sshape));
    for k in 0..4 {
        out.push(mix(T_PRE + k as u64, w.pre[k]));
        out.push(mix(T_SUF + k as u64, w.suf[k]));
    }
    out.push(mix(T_L[0], m1.lower));
    out.push(mix(T_L[1], p1.lower));
    out.push(mix(T_L[2], get(-2).lower));
    out.push(mix(T_L[3], get(2).lower));
    out.push(mix(T_WORD_M1, m1.word));
    out.push(mix(T_WORD_P1, p1.word));
    let m2 = get(-2);
    let p2 = get(2);
    out.push(mix(T_TRI_L, mix3(m2.lower, m1.lower, w.sshape)));
    out.push(mix(T_TRI_R, mix3(w.sshape, p1.lower, p2.lower)));
    out.push(mix(T_SUF_M1, mix(m1.suf[2], w.cap as u64)));
    out.push(mix(T_SUF_P1, mix(p1.suf[2], w.cap as u64)));
    for b in 0..(2 * N_GAZ) {
        if m2.gaz & (1 << b) != 0 {
            out.push(mix(T_GAZ_M2, b as u64));
        }
        if p2.gaz & (1 << b) != 0 {
            out.push(mix(T_GAZ_P2, b as u64));
        }
    }
    if w.cluster != 0 {
        out.push(mix(
            T_CLUSTER_BI,
            mix((m1.cluster >> 16) as u64, (w.cluster >> 16) as u64),
        ));
    }
    out.push(mix(T_SS3, mix3(m1.sshape, w.sshape, p1.sshape)));
    out.push(mix(T_SSM1, mix(m1.sshape, w.cap as u64)));
    out.push(mix(T_SSP1, mix(p1.sshape, w.cap as u64)));
    out.push(mix(T_BIGL, mix(m1.lower, w.lower)));
    out.push(mix(T_BIGR, mix(w.lower, p1.lower)));
    out.push(mix(T_LM1_SS, mix(m1.lower, w.sshape)));
    out.push(mix(T_SS_LP1, mix(w.sshape, p1.lower)));
    out.push(mix(T_FIRST, ((i == 0) as u64) << 8 | w.cap as u64));
    out.push(mix(T_CAPSENT, (caps as u64) << 8 | w.sshape));
    let first = i == 0 || m1.opens;
    out.push(mix(T_CASE, (w.case as u64) << 8 | w.cap as u64));
    out.push(mix(T_CASE_FIRST, (w.case as u64) << 8 | first as u64));
    out.push(mix(T_CASE_CAPS, (w.case as u64) << 8 | caps as u64));
    for b in 0..(2 * N_GAZ) {
        if w.gaz & (1 << b) != 0 {
            out.push(mix(T_GAZ, b as u64));
            out.push(mix(T_GAZ, (b as u64) << 8 | w.cap as u64));
        }
        if m1.gaz & (1 << b) != 0 {
            out.push(mix(T_GAZ_M1, b as u64));
        }
        if p1.gaz & (1 << b) != 0 {
            out.push(mix(T_GAZ_P1, b as u64));
        }
    }
    if w.cluster != 0 {
        out.push(mix(T_CLUSTER, w.cluster as u64));
        out.push(mix(T_CLUSTER_PREFIX, (w.cluster >> 16) as u64));
    }
    if m1.cluster != 0 {
        out.push(mix(T_CLUSTER_M1, (m1.cluster >> 16) as u64));
    }
    if p1.cluster != 0 {
        out.push(mix(T_CLUSTER_P1, (p1.cluster >> 16) as u64));
    }
    out.push(mix(
        T_DOC_CASE,
        (w.doc_case as u64) << 8 | (caps as u64) << 4 | w.cap as u64,
    ));
    if w.s1 != 0 {
        let major = agg_major(w.agg);
        out.push(mix(T_S1, w.s1 as u64));
        out.push(mix(T_S1_M1, (m1.s1 as u64) << 8 | w.s1 as u64));
        out.push(mix(T_S1_P1, (p1.s1 as u64) << 8 | w.s1 as u64));
        if w.agg != 0 {
            for t in 0..5u64 {
                out.push(mix(T_AGG, t << 4 | (w.agg as u64 >> (2 * t)) & 3));
            }
            out.push(mix(T_AGG_FULL, w.agg as u64));
            out.push(mix(
                T_AGG_CAP,
                major << 8 | (caps as u64) << 4 | w.cap as u64,
            ));
            out.push(mix(T_S1_AGG, major << 8 | w.s1 as u64));
        }
        out.push(mix(T_AGG_M1, agg_major(m1.agg) << 8 | major));
        out.push(mix(T_AGG_P1, agg_major(p1.agg) << 8 | major));
    }
    if let Some(h) = hist {
        out.push(mix(T_HIST, h as u64));
        out.push(mix(T_HIST_SS, mix(h as u64, w.sshape)));
    }
}

/// Appends the features that depend on the two previous predicted tags.
pub(crate) fn dynamic_features(a: &[Atoms], i: usize, p1: usize, p2: usize, out: &mut Vec<u64>) {
    let w = &a[i];
    let lm1 = if i > 0 { a[i - 1].lower } else { 0xdead };
    let t1 = p1 as u64;
    let t2 = p2 as u64;
    out.push(mix(T_P1, t1));
    out.push(mix(T_P12, t1 << 8 | t2));
    out.push(mix(T_P1_L, mix(t1, w.lower)));
    out.push(mix(T_P1_SS, mix(t1, w.sshape)));
    out.push(mix(T_P1_LM1, mix(t1, lm1)));
}

/// Document memory for [`static_features`]' `hist`: what each capitalized word was tagged
/// earlier in the same document.
#[derive(Debug, Default)]
pub(crate) struct History {
    counts: HashedMap<[u16; 5]>,
}

impl History {
    /// The most frequent earlier label of this word (0 = O, 1..=4 = type + 1), with a flag
    /// for "also seen as something else".
    pub fn get(&self, a: &Atoms) -> Option<u8> {
        if a.cap == 0 || a.cap == 4 {
            return None;
        }
        let c = self.counts.get(&a.lower)?;
        let (best, n) = c.iter().enumerate().max_by_key(|&(k, n)| (*n, 5 - k))?;
        let total: u16 = c.iter().sum();
        let mixed = u8::from(total > *n);
        Some((best as u8) << 1 | mixed)
    }

    /// Records the predicted tags of a sentence.
    pub fn record(&mut self, a: &[Atoms], classes: &[usize]) {
        for (x, &c) in a.iter().zip(classes) {
            if x.cap == 0 || x.cap == 4 {
                continue;
            }
            let k = class_type(c);
            let e = self.counts.entry(x.lower).or_insert([0; 5]);
            e[k] = e[k].saturating_add(1);
        }
    }
}

/// Something that adds the weights of a feature to class scores.
pub(crate) trait Scorer {
    /// Adds the weights of every feature in `feats` to `scores`.
    fn score(&self, feats: &[u64], scores: &mut [f32; N_CLASSES]);
}

/// BIO tags of BILOU classes.
pub(crate) fn tags_of(classes: &[usize]) -> Vec<Tag> {
    classes.iter().map(|&c| class_tag(c)).collect()
}

/// Tags a document's sentences in order with one scorer, each sentence seeing the labels
/// of the earlier ones ([`History`]); returns BILOU classes.
pub(crate) fn decode_document<S: Scorer>(scorer: &S, atoms: &[Vec<Atoms>]) -> Vec<Vec<usize>> {
    let mut hist = History::default();
    atoms
        .iter()
        .map(|a| {
            let c = decode(scorer, a, Some(&hist), |_, _, _| {});
            hist.record(a, &c);
            c
        })
        .collect()
}

/// Greedy left-to-right decoding of one sentence into BILOU classes (only allowed
/// transitions). `on_token` sees each word's features and predicted class (training uses it
/// to update weights); the prediction becomes the history of the next word.
pub(crate) fn decode<S: Scorer>(
    scorer: &S,
    atoms: &[Atoms],
    hist: Option<&History>,
    mut on_token: impl FnMut(usize, &[u64], usize),
) -> Vec<usize> {
    let caps = all_caps(atoms);
    let mut classes: Vec<usize> = Vec::with_capacity(atoms.len());
    let mut feats = Vec::with_capacity(80);
    for i in 0..atoms.len() {
        feats.clear();
        let h = hist.and_then(|h| h.get(&atoms[i]));
        static_features(atoms, i, caps, h, &mut feats);
        let p1 = if i > 0 { classes[i - 1] } else { 0 };
        let p2 = if i > 1 { classes[i - 2] } else { 0 };
        dynamic_features(atoms, i, p1, p2, &mut feats);
        let mut scores = [0f32; N_CLASSES];
        scorer.score(&feats, &mut scores);
        let mut best = 0;
        let mut best_score = f32::NEG_INFINITY;
        for (c, &s) in scores.iter().enumerate() {
            if s > best_score && class_allowed(p1, c) {
                best = c;
                best_score = s;
            }
        }
        on_token(i, &feats, best);
        classes.push(best);
    }
    classes
}
