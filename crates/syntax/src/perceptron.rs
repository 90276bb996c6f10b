//! The averaged perceptron: a sparse trainer and a compact, read-only scorer.
//!
//! Training keeps, per feature, only the classes that were ever updated (a perceptron touches
//! two classes per mistake), so that a parser with ~100 transition classes and millions of
//! features fits in a few hundred megabytes. Averaging is lazy: each weight remembers when it
//! last changed. [`Trainer::finish`] averages, drops small weights and freezes the rest into
//! [`Weights`], an open-addressing table with the entries of each feature stored contiguously.

use crate::SyntaxError;
use crate::binary::{Reader, Writer};
use crate::hash::U64Map;

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    weight: f32,
    /// Sum of the weight over all past ticks up to `stamp`.
    total: f64,
    stamp: u64,
}

/// A sparse averaged perceptron being trained.
pub(crate) struct Trainer {
    n_classes: usize,
    index: U64Map<u32>,
    features: Vec<Vec<Entry>>,
    now: u64,
}

impl Trainer {
    pub(crate) fn new(n_classes: usize) -> Trainer {
        Trainer {
            n_classes,
            index: U64Map::default(),
            features: Vec::new(),
            now: 0,
        }
    }

    /// Scores every class with the current (not averaged) weights.
    pub(crate) fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(&slot) = self.index.get(f) {
                for e in &self.features[slot as usize] {
                    scores[e.class as usize] += e.weight;
                }
            }
        }
    }

    /// Counts one training instance (for averaging).
    pub(crate) fn tick(&mut self) {
        self.now += 1;
    }

    /// The perceptron update: reward `truth`, penalize `guess`.
    pub(crate) fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in features {
            let next = self.features.len() as u32;
            let slot = *self.index.entry(f).or_insert(next);
            if slot == next {
                self.features.push(Vec::new());
            }
            let entries = &mut self.features[slot as usize];
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let class = class as u16;
                let now = self.now;
                match entries.iter_mut().find(|e| e.class == class) {
                    Some(e) => {
                        e.total += f64::from(e.weight) * (now - e.stamp) as f64;
                        e.stamp = now;
                        e.weight += delta;
                    }
                    None => entries.push(Entry {
                        class,
                        weight: delta,
                        total: 0.0,
                        stamp: now,
                    }),
                }
            }
        }
    }

    /// Averages the weights, drops those with magnitude below `min_weight`, and freezes the
    /// rest. Features are sorted by key so that the result does not depend on hash order.
    pub(crate) fn finish(self, min_weight: f32) -> Weights {
        self.snapshot(min_weight)
    }

    /// The averaged weights so far, as [`Trainer::finish`] would give them.
    pub(crate) fn snapshot(&self, min_weight: f32) -> Weights {
        let now = self.now.max(1) as f64;
        let mut keyed: Vec<(u64, u32)> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        keyed.sort_unstable();
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = Vec::with_capacity(keyed.len());
        for (key, slot) in keyed {
            let mut row: Vec<(u16, f32)> = self.features[slot as usize]
                .iter()
                .map(|e| {
                    let total = e.total + f64::from(e.weight) * (self.now - e.stamp) as f64;
                    (e.class, (total / now) as f32)
                })
                .filter(|(_, w)| w.abs() >= min_weight)
                .collect();
            if !row.is_empty() {
                row.sort_unstable_by_key(|&(c, _)| c);
                rows.push((key, row));
            }
        }
        Weights::from_rows(self.n_classes, rows)
    }
}

/// One weight: the class it votes for and by how much, in units of [`Weights::scale`].
/// Four bytes instead of eight: half the memory traffic, and scoring is memory-bound.
/// The first entry of each feature's row is a header whose `class` is the row length.
#[derive(Debug, Clone, Copy)]
struct Weight {
    value: i16,
    class: u16,
}

/// Frozen perceptron weights.
///
/// Scoring is bound by cache misses, so the hot table is small: each slot is one `u64`
/// holding the upper 32 bits of the feature key (the lower bits chose the slot; a false
/// match needs 32 more bits to agree) and the start of the feature's row in `entries`.
/// The full keys are kept apart, for writing and pruning only.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    n_classes: usize,
    /// Open-addressing table (linear probing); a power of two long; 0 marks an empty slot.
    slots: Vec<u64>,
    /// Rows of weights: a header (the row length), then the weights.
    entries: Vec<Weight>,
    /// Full key and row start of every feature, in key order.
    keys: Vec<(u64, u32)>,
    /// The real value of one quantization step: the largest magnitude over `i16::MAX`.
    scale: f32,
}

/// The part of a key a slot stores (its top 32 bits, in the slot's top 32 bits); never 0,
/// which marks empty slots.
#[inline]
fn fingerprint(key: u64) -> u64 {
    (key >> 32).max(1)
}

/// Feature keys as stored: 0 (the hash of the bias feature) is stored as 1. Model files
/// hold stored keys, so this mapping is part of the format.
#[inline]
fn canonical(key: u64) -> u64 {
    key.max(1)
}

/// Features are looked up in batches of this size: all probes of a batch first (independent
/// loads the processor overlaps), then the additions.
const BATCH: usize = 32;

impl Weights {
    fn from_rows(n_classes: usize, mut rows: Vec<(u64, Vec<(u16, f32)>)>) -> Weights {
        rows.iter_mut().for_each(|(k, _)| *k = canonical(*k));
        rows.sort_unstable_by_key(|(k, _)| *k);
        rows.dedup_by_key(|(k, _)| *k);
        // A load factor between 0.4 and 0.8: misses probe a few more slots, but those share
        // a cache line, and a smaller table stays in cache.
        let size = (rows.len() + rows.len() / 4).next_power_of_two().max(16);
        let max = rows
            .iter()
            .flat_map(|(_, row)| row.iter().map(|(_, v)| v.abs()))
            .filter(|v| v.is_finite())
            .fold(0.0f32, f32::max);
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        let mut w = Weights {
            n_classes,
            slots: vec![0; size],
            entries: Vec::new(),
            keys: Vec::with_capacity(rows.len()),
            scale,
        };
        let mask = size - 1;
        for (key, row) in rows {
            let fp = fingerprint(key);
            let mut i = (key as usize) & mask;
            while w.slots[i] != 0 && w.slots[i] >> 32 != fp {
                i = (i + 1) & mask;
            }
            if w.slots[i] != 0 {
                // Two features agreeing on the slot and on 32 more bits: keep the first.
                continue;
            }
            let quantized: Vec<Weight> = row
                .into_iter()
                .map(|(class, v)| Weight {
                    value: (v / scale).round().clamp(-32767.0, 32767.0) as i16,
                    class,
                })
                .filter(|e| e.value != 0 && usize::from(e.class) < n_classes)
                .collect();
            if quantized.is_empty() || w.entries.len() >= u32::MAX as usize / 2 {
                continue;
            }
            let start = w.entries.len() as u32;
            w.slots[i] = (fp << 32) | u64::from(start);
            w.keys.push((key, start));
            w.entries.push(Weight {
                value: 0,
                class: quantized.len() as u16,
            });
            w.entries.extend(quantized);
        }
        w
    }

    /// Weights that score every class zero.
    pub(crate) fn none(n_classes: usize) -> Weights {
        Weights::from_rows(n_classes, Vec::new())
    }

    /// The weights of the feature whose row starts at `start` (header excluded).
    fn row(&self, start: u32) -> &[Weight] {
        let start = start as usize;
        let count = self.entries.get(start).map_or(0, |h| usize::from(h.class));
        self.entries
            .get(start + 1..start + 1 + count)
            .unwrap_or(&[])
    }

    /// Every feature with its real-valued weights, in key order.
    fn rows(&self) -> impl Iterator<Item = (u64, Vec<(u16, f32)>)> + '_ {
        self.keys.iter().map(|&(key, start)| {
            let row = self
                .row(start)
                .iter()
                .map(|e| (e.class, f32::from(e.value) * self.scale))
                .collect();
            (key, row)
        })
    }

    /// Drops weights smaller than `min_weight` in magnitude (and features left with none).
    pub(crate) fn prune(&self, min_weight: f32) -> Weights {
        let rows = self
            .rows()
            .map(|(k, row)| {
                (
                    k,
                    row.into_iter()
                        .filter(|(_, v)| v.abs() >= min_weight)
                        .collect(),
                )
            })
            .collect();
        Weights::from_rows(self.n_classes, rows)
    }

    /// Number of weights kept.
    pub(crate) fn n_weights(&self) -> usize {
        self.entries.len() - self.keys.len()
    }

    /// Number of classes.
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features kept.
    pub(crate) fn n_features(&self) -> usize {
        self.keys.len()
    }

    /// Adds the weights of every feature to `scores` (which the caller zeroes).
    ///
    /// Scoring is bound by cache misses, so it runs in phases over batches of features, each
    /// a loop without data-dependent branches whose loads the processor can overlap: load
    /// the first probed slot of every feature; resolve the probes (now mostly in cache);
    /// load every row's header; add the rows.
    #[inline]
    pub(crate) fn add(&self, features: &[u64], scores: &mut [f32]) {
        let mask = self.slots.len() - 1;
        let mut first = [0u64; BATCH];
        let mut starts = [0u32; BATCH];
        let mut counts = [0u16; BATCH];
        for chunk in features.chunks(BATCH) {
            for (slot, &f) in first.iter_mut().zip(chunk) {
                *slot = self.slots[(canonical(f) as usize) & mask];
            }
            let mut n = 0;
            for (&slot, &f) in first.iter().zip(chunk) {
                if let Some(start) = self.resolve(f, slot) {
                    starts[n] = start;
                    n += 1;
                }
            }
            for (count, &start) in counts.iter_mut().zip(&starts[..n]) {
                *count = self.entries.get(start as usize).map_or(0, |h| h.class);
            }
            for (&start, &count) in starts[..n].iter().zip(&counts) {
                let start = start as usize + 1;
                let Some(row) = self.entries.get(start..start + usize::from(count)) else {
                    continue;
                };
                for e in row {
                    if let Some(s) = scores.get_mut(usize::from(e.class)) {
                        *s += f32::from(e.value) * self.scale;
                    }
                }
            }
        }
    }

    /// Finishes the probe of feature `f` whose first probed slot held `slot`; returns the
    /// start of the feature's row.
    #[inline]
    fn resolve(&self, f: u64, mut slot: u64) -> Option<u32> {
        let f = canonical(f);
        let fp = fingerprint(f);
        let mask = self.slots.len() - 1;
        let mut i = (f as usize) & mask;
        loop {
            if slot == 0 {
                return None;
            }
            if slot >> 32 == fp {
                return Some(slot as u32);
            }
            i = (i + 1) & mask;
            slot = self.slots[i];
        }
    }

    pub(crate) fn write(&self, out: &mut Writer) {
        out.len(self.n_classes);
        out.len(self.keys.len());
        for (key, row) in self.rows() {
            out.u64(key);
            out.u16(row.len() as u16);
            for (class, value) in row {
                out.u16(class);
                out.f32(value);
            }
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Weights, SyntaxError> {
        let n_classes = r.len(0)?;
        let n = r.len(10)?;
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let key = r.u64()?;
            let count = usize::from(r.u16()?);
            let mut row = Vec::with_capacity(count);
            for _ in 0..count {
                let class = r.u16()?;
                if usize::from(class) >= n_classes {
                    return Err(SyntaxError::Model(format!("class {class} out of range")));
                }
                row.push((class, r.f32()?));
            }
            rows.push((key, row));
        }
        Ok(Weights::from_rows(n_classes, rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::mix;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        // Class = feature id modulo 3, with a shared bias feature.
        let mut t = Trainer::new(3);
        let mut scores = [0.0f32; 3];
        for _ in 0..5 {
            for x in 0u64..30 {
                // Keys are hashes in real use: spread them the same way.
                let feats = [mix(x + 100), mix(7)];
                t.score(&feats, &mut scores);
                let guess = argmax(&scores);
                t.update(&feats, (x % 3) as usize, guess);
                t.tick();
            }
        }
        let w = t.finish(0.0);
        let mut out = Writer::default();
        w.write(&mut out);
        let w2 = Weights::read(&mut Reader::new(&out.buf)).unwrap();
        for x in 0u64..30 {
            for w in [&w, &w2] {
                let mut s = [0.0f32; 3];
                w.add(&[mix(x + 100), mix(7)], &mut s);
                assert_eq!(argmax(&s), (x % 3) as usize);
            }
        }
        // Unknown features add nothing.
        let mut s = [0.0f32; 3];
        w.add(&[mix(999_999), mix(12_345)], &mut s);
        assert_eq!(s, [0.0; 3]);
    }

    fn argmax(s: &[f32]) -> usize {
        let mut best = 0;
        for (i, v) in s.iter().enumerate() {
            if *v > s[best] {
                best = i;
            }
        }
        best
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn every_stored_key_is_found_and_absent_keys_are_not() {
        let mut rng = crate::train::Rng::new(5);
        let keys: Vec<u64> = (0..50_000).map(|_| rng.next_u64()).collect();
        let rows: Vec<(u64, Vec<(u16, f32)>)> = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, vec![((i % 3) as u16, 1.0 + (i % 7) as f32)]))
            .collect();
        let w = Weights::from_rows(3, rows);
        assert_eq!(w.n_features(), keys.len());
        for (i, &k) in keys.iter().enumerate() {
            let mut s = [0.0f32; 3];
            w.add(&[k], &mut s);
            assert!(
                (s[i % 3] - (1.0 + (i % 7) as f32)).abs() < 1e-3,
                "key {i}: {s:?}"
            );
        }
        let mut false_hits = 0;
        for _ in 0..50_000 {
            let mut s = [0.0f32; 3];
            w.add(&[rng.next_u64()], &mut s);
            false_hits += usize::from(s != [0.0; 3]);
        }
        assert_eq!(false_hits, 0);
    }
}
