//! The part-of-speech tagger: a greedy left-to-right averaged perceptron.
//!
//! Classes are the (UPOS, XPOS) pairs of the training treebank: the finer Penn tags (`VBN`
//! against `VBD`, `NNS` against `NN`) are what the parser and the lemmatizer need, and UPOS
//! is read off the pair. Features follow Honnibal's tagger (word, lowercase, affixes, shape,
//! two words either side, the two previous predicted tags) plus the *ambiguity class* of the
//! current and next two words: the set of UPOS tags a word had in training, which gives a
//! greedy tagger a look at the right context. Frequent unambiguous words skip the model.
//!
//! A second pass (a separate perceptron) then re-tags the sentence seeing the first pass's
//! tags on *both* sides; it is trained on jackknifed first-pass tags, so it learns to fix the
//! mistakes the first pass really makes.
//!
//! In training, a sentence's ambiguity classes are counted *without* that sentence (leave
//! one out): otherwise every training word has a class that names its gold tag, the model
//! never meets a word without one, and unknown words at run time are tagged by weights that
//! were never trained for them (`notes/syntax.md`, round 6: +0.9 UPOS on EWT dev).

use crate::Upos;
use crate::hash::{NONE, U64Map, f1, f2, f3};
use crate::lexical::Lex;
use crate::perceptron::{Trainer, Weights};

/// One tagger class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    pub upos: Upos,
    pub xpos: String,
}

/// A trained tagger.
#[derive(Debug, Clone)]
pub(crate) struct Tagger {
    pub weights: Weights,
    /// The second, two-sided pass (empty weights: no second pass).
    pub second: Weights,
    pub tags: Vec<Tag>,
    /// Normalized form (case kept) to class, for frequent unambiguous words.
    pub dict: U64Map<u16>,
    /// Lowercased form to the bit set of its UPOS tags (bit = index in `Upos::ALL`).
    pub ambiguity: U64Map<u32>,
}

/// Tag of a position before the sentence start.
const START: u64 = NONE ^ 0xABCD;

fn tag_value(t: Option<u16>) -> u64 {
    t.map_or(START, |t| u64::from(t) + 1)
}

/// The lexical context of a sentence, padded by two on each side.
pub(crate) struct Context {
    lex: Vec<Lex>,
    amb: Vec<u64>,
}

impl Context {
    /// The context of a *training* sentence, with each word's ambiguity class counted
    /// without this sentence (leave one out): a word seen only here gets the class it would
    /// have as an unknown word at run time (from `extra`, or none), so the model learns what
    /// to do with unknown words instead of always finding a class that names the gold tag.
    pub(crate) fn leave_one_out(
        lexes: &[Lex],
        gold: &[u16],
        tags: &[Tag],
        counts: &UposCounts,
        extra: &UposCounts,
    ) -> Context {
        let mut ctx = Context::new(lexes, &U64Map::default());
        let mut own: U64Map<[u32; 17]> = U64Map::default();
        for (l, &g) in lexes.iter().zip(gold) {
            own.entry(l.lower).or_insert([0; 17])[upos_index(tags[usize::from(g)].upos)] += 1;
        }
        for (i, l) in lexes.iter().enumerate() {
            if l.lower == NONE {
                continue;
            }
            let mut rest = counts.get(&l.lower).copied().unwrap_or([0; 17]);
            if let Some(mine) = own.get(&l.lower) {
                for (r, m) in rest.iter_mut().zip(mine) {
                    *r = r.saturating_sub(*m);
                }
            }
            let class = if rest.iter().any(|&n| n > 0) {
                Some(ambiguity_class(&rest))
            } else {
                extra.get(&l.lower).map(ambiguity_class)
            };
            ctx.amb[i + 2] = class.map_or(NONE ^ 7, u64::from);
        }
        ctx
    }

    pub(crate) fn new(lexes: &[Lex], ambiguity: &U64Map<u32>) -> Context {
        let mut lex = Vec::with_capacity(lexes.len() + 4);
        lex.extend([Lex::PAD, Lex::PAD]);
        lex.extend_from_slice(lexes);
        lex.extend([Lex::PAD, Lex::PAD]);
        let amb = lex
            .iter()
            .map(|l| {
                if l.lower == NONE {
                    NONE
                } else {
                    ambiguity.get(&l.lower).map_or(NONE ^ 7, |&a| u64::from(a))
                }
            })
            .collect();
        Context { lex, amb }
    }

    /// Features of word `i` (0-based) given the two previous predicted tags.
    pub(crate) fn features(&self, i: usize, p1: Option<u16>, p2: Option<u16>, out: &mut Vec<u64>) {
        out.clear();
        let c = i + 2;
        let (w, wm1, wm2, wp1, wp2) = (
            &self.lex[c],
            &self.lex[c - 1],
            &self.lex[c - 2],
            &self.lex[c + 1],
            &self.lex[c + 2],
        );
        let (t1, t2) = (tag_value(p1), tag_value(p2));
        let (a, ap1, ap2, am1) = (
            self.amb[c],
            self.amb[c + 1],
            self.amb[c + 2],
            self.amb[c - 1],
        );
        out.extend([
            f1(0, 0),
            f1(1, w.form),
            f1(2, w.lower),
            f1(3, w.suffix[0]),
            f1(4, w.suffix[1]),
            f1(5, w.suffix[2]),
            f1(6, w.suffix[3]),
            f1(7, w.prefix[0]),
            f1(8, w.prefix[1]),
            f1(9, w.prefix[2]),
            f1(10, w.shape),
            f1(11, wm1.lower),
            f1(12, wm2.lower),
            f1(13, wp1.lower),
            f1(14, wp2.lower),
            f1(15, wm1.suffix[2]),
            f1(16, wp1.suffix[2]),
            f1(17, wp1.shape),
            f1(18, wm1.shape),
            f1(19, t1),
            f1(20, t2),
            f2(21, t1, t2),
            f2(22, t1, w.lower),
            f2(23, wm1.lower, w.lower),
            f2(24, w.lower, wp1.lower),
            f2(25, u64::from(i == 0), w.shape),
            f1(26, a),
            f1(27, ap1),
            f1(28, ap2),
            f2(29, a, ap1),
            f2(30, t1, a),
            f3(31, t1, a, ap1),
            f2(32, am1, a),
            f2(33, t1, w.suffix[2]),
            f2(34, ap1, w.lower),
            f2(35, wp1.lower, wp2.lower),
            f2(36, wm1.lower, wm2.lower),
            f2(37, w.shape, ap1),
            f2(38, wm1.lower, w.shape),
            f2(39, wp1.lower, w.shape),
            f2(40, t1, w.shape),
            f2(41, t1, w.suffix[1]),
            f1(42, w.cluster[1]),
            f1(43, w.cluster[0]),
            f1(44, wm1.cluster[1]),
            f1(45, wp1.cluster[1]),
            f2(46, t1, w.cluster[1]),
            f2(47, w.cluster[0], wp1.cluster[0]),
            f1(48, wp2.cluster[0]),
        ]);
    }

    /// Features of the second pass: the first pass's features plus first-pass tags around.
    pub(crate) fn second_features(
        &self,
        i: usize,
        p1: Option<u16>,
        p2: Option<u16>,
        first: &[u16],
        out: &mut Vec<u64>,
    ) {
        self.features(i, p1, p2, out);
        let at = |j: Option<usize>| tag_value(j.and_then(|j| first.get(j).copied()));
        let (r0, r1, r2) = (at(Some(i)), at(Some(i + 1)), at(Some(i + 2)));
        let t1 = tag_value(p1);
        let w = &self.lex[i + 2];
        out.extend([
            f1(50, r0),
            f1(51, r1),
            f1(52, r2),
            f2(53, r0, w.lower),
            f2(54, r1, w.lower),
            f2(55, t1, r1),
            f3(56, t1, r0, r1),
            f2(57, r1, r2),
            f2(58, r0, w.suffix[2]),
            f2(59, r1, w.shape),
        ]);
    }

    pub(crate) fn lex(&self, i: usize) -> &Lex {
        &self.lex[i + 2]
    }
}

impl Tagger {
    /// Tags a sentence (both passes); returns class indices.
    pub(crate) fn tag(&self, ctx: &Context, n: usize) -> Vec<u16> {
        let (first, margins) = self.first_pass(ctx, n);
        if self.second.n_features() == 0 {
            return first;
        }
        // Words the first pass is sure of keep its tag: on the development set the second
        // pass changes almost only words whose best two first-pass scores are close.
        let sure = (SURE_MARGIN / self.weights.scale()).min(i32::MAX as f32) as i32;
        let mut out: Vec<u16> = Vec::with_capacity(n);
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0i32; self.second.n_classes()];
        for i in 0..n {
            if margins[i] >= sure {
                out.push(first[i]);
                continue;
            }
            let p1 = i.checked_sub(1).map(|j| out[j]);
            let p2 = i.checked_sub(2).map(|j| out[j]);
            ctx.second_features(i, p1, p2, &first, &mut feats);
            scores.iter_mut().for_each(|s| *s = 0);
            self.second.add(&feats, &mut scores);
            out.push(argmax(&scores) as u16);
        }
        out
    }

    /// The first, left-to-right pass: the tags, and for each word the margin of the best
    /// tag over the second best (`i32::MAX` for words of the tag dictionary).
    pub(crate) fn first_pass(&self, ctx: &Context, n: usize) -> (Vec<u16>, Vec<i32>) {
        let mut out: Vec<u16> = Vec::with_capacity(n);
        let mut margins: Vec<i32> = Vec::with_capacity(n);
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0i32; self.weights.n_classes()];
        for i in 0..n {
            if let Some(&t) = self.dict.get(&ctx.lex(i).form) {
                out.push(t);
                margins.push(i32::MAX);
                continue;
            }
            let p1 = i.checked_sub(1).map(|j| out[j]);
            let p2 = i.checked_sub(2).map(|j| out[j]);
            ctx.features(i, p1, p2, &mut feats);
            scores.iter_mut().for_each(|s| *s = 0);
            self.weights.add(&feats, &mut scores);
            let best = argmax(&scores);
            let runner_up = scores
                .iter()
                .enumerate()
                .filter(|&(c, _)| c != best)
                .map(|(_, &s)| s)
                .max()
                .unwrap_or(i32::MIN);
            margins.push(scores[best].saturating_sub(runner_up));
            out.push(best as u16);
        }
        (out, margins)
    }
}

/// First-pass margin (in weight units) above which the second pass is skipped.
const SURE_MARGIN: f32 = 8.0;

pub(crate) fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// A sentence prepared for tagger training.
pub(crate) struct TagExample {
    pub lex: Vec<Lex>,
    pub gold: Vec<u16>,
}

/// UPOS counts per lowercase word hash (index in `Upos::ALL`, 16 for none).
pub(crate) type UposCounts = U64Map<[u32; 17]>;

/// Builds the tag dictionary and the ambiguity classes from training examples; `extra` counts
/// give classes to words the examples never have.
pub(crate) fn lexicons(
    examples: &[&TagExample],
    tags: &[Tag],
    extra: &UposCounts,
) -> (U64Map<u16>, U64Map<u32>) {
    let mut by_form: U64Map<U64Map<u32>> = U64Map::default();
    for ex in examples {
        for (l, &g) in ex.lex.iter().zip(&ex.gold) {
            *by_form
                .entry(l.form)
                .or_default()
                .entry(u64::from(g))
                .or_default() += 1;
        }
    }
    let mut by_lower = upos_counts(examples, tags);
    let mut dict = U64Map::default();
    for (form, counts) in by_form {
        let total: u32 = counts.values().sum();
        let (&best, &n) = counts
            .iter()
            .max_by_key(|&(c, n)| (*n, u64::MAX - *c))
            .unwrap_or((&0, &0));
        if total >= 20 && f64::from(n) / f64::from(total) >= 0.995 {
            dict.insert(form, best as u16);
        }
    }
    for (&lower, counts) in extra {
        by_lower.entry(lower).or_insert(*counts);
    }
    let mut ambiguity = U64Map::default();
    for (lower, counts) in by_lower {
        ambiguity.insert(lower, ambiguity_class(&counts));
    }
    (dict, ambiguity)
}

/// Index of a UPOS tag in the count arrays (16 for none).
fn upos_index(upos: Upos) -> usize {
    Upos::ALL.iter().position(|&u| u == upos).unwrap_or(16)
}

/// UPOS counts per lowercased word of the examples.
pub(crate) fn upos_counts(examples: &[&TagExample], tags: &[Tag]) -> UposCounts {
    let mut counts = UposCounts::default();
    for ex in examples {
        for (l, &g) in ex.lex.iter().zip(&ex.gold) {
            counts.entry(l.lower).or_insert([0; 17])[upos_index(tags[usize::from(g)].upos)] += 1;
        }
    }
    counts
}

/// The ambiguity class of a word from its UPOS counts: the tags with at least 5% of its
/// uses (rare readings are noise for this feature).
fn ambiguity_class(counts: &[u32; 17]) -> u32 {
    let total: u32 = counts.iter().sum();
    let mut set = 0u32;
    for (k, &n) in counts.iter().enumerate() {
        if n * 20 >= total {
            set |= 1 << k;
        }
    }
    set
}

/// Trains a tagger on `examples` for `epochs` passes; `order` shuffles sentences per epoch.
pub(crate) fn train(
    examples: &[&TagExample],
    tags: &[Tag],
    extra: &UposCounts,
    epochs: usize,
    rng: &mut crate::train::Rng,
) -> Tagger {
    let (dict, ambiguity) = lexicons(examples, tags, extra);
    let loo = Loo {
        tags,
        counts: upos_counts(examples, tags),
        extra,
    };
    let weights = train_pass(examples, None, &loo, &dict, epochs, rng);
    let second = Weights::none(tags.len());
    Tagger {
        weights,
        second,
        tags: tags.to_vec(),
        dict,
        ambiguity,
    }
}

/// Trains the second pass of `tagger` given jackknifed first-pass tags of every example
/// (`extra` as given to [`train`], for the leave-one-out ambiguity classes).
pub(crate) fn train_second(
    tagger: &mut Tagger,
    examples: &[&TagExample],
    first: &[Vec<u16>],
    extra: &UposCounts,
    epochs: usize,
    rng: &mut crate::train::Rng,
) {
    let loo = Loo {
        tags: &tagger.tags,
        counts: upos_counts(examples, &tagger.tags),
        extra,
    };
    tagger.second = train_pass(examples, Some(first), &loo, &tagger.dict, epochs, rng);
}

/// What leave-one-out ambiguity classes of training sentences are computed from.
struct Loo<'a> {
    tags: &'a [Tag],
    counts: UposCounts,
    extra: &'a UposCounts,
}

fn train_pass(
    examples: &[&TagExample],
    first: Option<&[Vec<u16>]>,
    loo: &Loo<'_>,
    dict: &U64Map<u16>,
    epochs: usize,
    rng: &mut crate::train::Rng,
) -> Weights {
    let tags_len = loo.tags.len();
    let mut trainer = Trainer::new(tags_len);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0.0f32; tags_len];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &e in &order {
            let ex = examples[e];
            let ctx = Context::leave_one_out(&ex.lex, &ex.gold, loo.tags, &loo.counts, loo.extra);
            let mut out: Vec<u16> = Vec::with_capacity(ex.lex.len());
            for i in 0..ex.lex.len() {
                if let Some(&t) = dict.get(&ex.lex[i].form) {
                    out.push(t);
                    continue;
                }
                let p1 = i.checked_sub(1).map(|j| out[j]);
                let p2 = i.checked_sub(2).map(|j| out[j]);
                match first {
                    Some(first) => ctx.second_features(i, p1, p2, &first[e], &mut feats),
                    None => ctx.features(i, p1, p2, &mut feats),
                }
                trainer.score(&feats, &mut scores);
                let guess = argmax(&scores);
                trainer.update(&feats, usize::from(ex.gold[i]), guess);
                trainer.tick();
                out.push(guess as u16);
            }
        }
    }
    trainer.finish(0.001)
}

/// Two tag classes, NOUN/NN and VERB/VB, for tests.
#[cfg(test)]
pub(crate) fn noun_and_verb() -> Vec<Tag> {
    vec![
        Tag {
            upos: Upos::Noun,
            xpos: "NN".into(),
        },
        Tag {
            upos: Upos::Verb,
            xpos: "VB".into(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leave_one_out_classes_ignore_the_sentence_itself() {
        let tags = noun_and_verb();
        let sentence = |words: &[&str], gold: &[u16]| TagExample {
            lex: words.iter().map(|w| Lex::new(w)).collect(),
            gold: gold.to_vec(),
        };
        // "run" is a noun elsewhere and a verb here; "zorp" occurs only here; "blick" only
        // here but the extra lexicon knows it.
        let elsewhere = sentence(&["run", "run"], &[0, 0]);
        let here = sentence(&["run", "zorp", "blick"], &[1, 0, 0]);
        let counts = upos_counts(&[&elsewhere, &here], &tags);
        let mut extra = UposCounts::default();
        extra.entry(Lex::new("blick").lower).or_insert([0; 17])[upos_index(Upos::Verb)] += 3;
        let ctx = Context::leave_one_out(&here.lex, &here.gold, &tags, &counts, &extra);
        let class = |u: Upos| u64::from(1u32 << upos_index(u));
        assert_eq!(
            ctx.amb[2],
            class(Upos::Noun),
            "counted from the other sentence only"
        );
        assert_eq!(ctx.amb[3], NONE ^ 7, "a word seen only here is unknown");
        assert_eq!(
            ctx.amb[4],
            class(Upos::Verb),
            "the extra lexicon, as at run time"
        );
        // At run time (no leave-one-out) the same words have their full classes.
        let (_, full) = lexicons(&[&elsewhere, &here], &tags, &extra);
        let run_time = Context::new(&here.lex, &full);
        assert_eq!(run_time.amb[2], class(Upos::Noun) | class(Upos::Verb));
        assert_eq!(run_time.amb[3], class(Upos::Noun));
    }
}
