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

/// One slot of the open-addressing table: a feature key and where its entries are.
/// Key and location share a cache line so that a lookup costs one miss, not three.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// The feature key; 0 marks an empty slot.
    key: u64,
    start: u32,
    count: u32,
}

/// One weight: the class it votes for and by how much, in units of [`Weights::scale`].
/// Four bytes instead of eight: half the memory traffic, and scoring is memory-bound.
#[derive(Debug, Clone, Copy)]
struct Weight {
    value: i16,
    class: u16,
}

/// Frozen perceptron weights.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    n_classes: usize,
    /// Open-addressing table (linear probing); its length is a power of two.
    slots: Vec<Slot>,
    /// The weights of each feature, contiguous.
    entries: Vec<Weight>,
    /// The real value of one quantization step: the largest magnitude over `i16::MAX`.
    scale: f32,
    n_features: usize,
}

/// Zero marks empty table slots, so a feature whose hash is zero is stored as one.
#[inline]
fn nonzero(key: u64) -> u64 {
    if key == 0 { 1 } else { key }
}

/// Features are looked up in batches of this size: all probes of a batch first (independent
/// loads the processor overlaps), then the additions.
const BATCH: usize = 32;

impl Weights {
    fn from_rows(n_classes: usize, rows: Vec<(u64, Vec<(u16, f32)>)>) -> Weights {
        let size = (rows.len() * 2).next_power_of_two().max(16);
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
            slots: vec![Slot::default(); size],
            entries: Vec::new(),
            scale,
            n_features: rows.len(),
        };
        let mask = size - 1;
        for (key, row) in rows {
            let key = nonzero(key);
            let mut i = (key as usize) & mask;
            while w.slots[i].key != 0 && w.slots[i].key != key {
                i = (i + 1) & mask;
            }
            if w.slots[i].key == key {
                // Only a hash collision between 0 and 1 can get here; keep the first.
                continue;
            }
            let quantized: Vec<Weight> = row
                .into_iter()
                .map(|(class, v)| Weight {
                    value: (v / scale).round().clamp(-32767.0, 32767.0) as i16,
                    class,
                })
                .filter(|e| e.value != 0)
                .collect();
            w.slots[i] = Slot {
                key,
                start: w.entries.len() as u32,
                count: quantized.len() as u32,
            };
            w.entries.extend(quantized);
        }
        w
    }

    /// Weights that score every class zero.
    pub(crate) fn none(n_classes: usize) -> Weights {
        Weights::from_rows(n_classes, Vec::new())
    }

    /// Drops weights smaller than `min_weight` in magnitude (and features left with none).
    pub(crate) fn prune(&self, min_weight: f32) -> Weights {
        let mut slots: Vec<&Slot> = self.slots.iter().filter(|s| s.key != 0).collect();
        slots.sort_unstable_by_key(|s| s.key);
        let rows = slots
            .into_iter()
            .map(|s| {
                let row: Vec<(u16, f32)> = self
                    .entries
                    .iter()
                    .skip(s.start as usize)
                    .take(s.count as usize)
                    .map(|e| (e.class, f32::from(e.value) * self.scale))
                    .filter(|(_, v)| v.abs() >= min_weight)
                    .collect();
                (s.key, row)
            })
            .filter(|(_, row)| !row.is_empty())
            .collect();
        Weights::from_rows(self.n_classes, rows)
    }

    /// Number of weights kept.
    pub(crate) fn n_weights(&self) -> usize {
        self.entries.len()
    }

    /// Number of classes.
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features kept.
    pub(crate) fn n_features(&self) -> usize {
        self.n_features
    }

    #[inline]
    fn find(&self, f: u64) -> Option<Slot> {
        let mask = self.slots.len() - 1;
        let key = nonzero(f);
        let mut i = (key as usize) & mask;
        loop {
            let slot = self.slots[i];
            if slot.key == key {
                return Some(slot);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds the weights of every feature to `scores` (which the caller zeroes).
    #[inline]
    pub(crate) fn add(&self, features: &[u64], scores: &mut [f32]) {
        let mut found = [(0u32, 0u32); BATCH];
        for chunk in features.chunks(BATCH) {
            let mut n = 0;
            for &f in chunk {
                if let Some(slot) = self.find(f) {
                    found[n] = (slot.start, slot.count);
                    n += 1;
                }
            }
            for &(start, count) in &found[..n] {
                let start = start as usize;
                let Some(row) = self.entries.get(start..start + count as usize) else {
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

    pub(crate) fn write(&self, out: &mut Writer) {
        out.len(self.n_classes);
        out.len(self.n_features);
        let mut slots: Vec<&Slot> = self.slots.iter().filter(|s| s.key != 0).collect();
        slots.sort_unstable_by_key(|s| s.key);
        for slot in slots {
            out.u64(slot.key);
            out.u16(slot.count.min(u32::from(u16::MAX)) as u16);
            let start = slot.start as usize;
            for e in self.entries.iter().skip(start).take(slot.count as usize) {
                out.u16(e.class);
                out.f32(f32::from(e.value) * self.scale);
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

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        // Class = feature id modulo 3, with a shared bias feature.
        let mut t = Trainer::new(3);
        let mut scores = [0.0f32; 3];
        for _ in 0..5 {
            for x in 0u64..30 {
                let feats = [x + 100, 7];
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
                w.add(&[x + 100, 7], &mut s);
                assert_eq!(argmax(&s), (x % 3) as usize);
            }
        }
        // Unknown features add nothing; key 0 is a valid feature.
        let mut s = [0.0f32; 3];
        w.add(&[0, 999_999], &mut s);
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
