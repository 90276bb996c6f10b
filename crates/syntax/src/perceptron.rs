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
use crate::table::Table;

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

/// Row header marking a dense row: one value per class, in class order.
const DENSE: u16 = u16::MAX;

/// Whether a row of `count` weights over `n_classes` classes is stored dense. Dense rows are
/// added with a loop the compiler vectorizes, several times faster per weight than the
/// scattered additions of a sparse row; the features with long rows (the bias, frequent
/// words and tags) are also the ones looked up most often.
fn is_dense(count: usize, n_classes: usize) -> bool {
    count * DENSE_DIV >= n_classes && n_classes < usize::from(DENSE)
}

/// See [`is_dense`].
const DENSE_DIV: usize = 3;

/// Frozen perceptron weights.
///
/// Scoring is bound by memory, so the hot table is small: each slot is one `u64` holding the
/// upper 32 bits of the feature key (the lower bits chose the slot; a false match needs 32
/// more bits to agree) and the start of the feature's row in `data`. Weights are quantized
/// to `i16` with one scale per model, and scores are summed as integers (the scale is
/// positive, so it does not change which class wins). A row is a header then its weights:
/// header `c < DENSE`, `c` pairs (class, value); header `DENSE`, one value per class. Rows
/// are padded so that none crosses more cache lines than it fills ([`LINE_WORDS`]). The
/// full keys are kept apart, for writing and pruning only.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    n_classes: usize,
    /// Open-addressing slots (linear probing; a power of two of them; 0 marks an empty
    /// slot), then the rows of weights (`u16` each; values are `i16` stored as `u16`).
    table: Table,
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

/// Row data entries (`u16`) in a cache line. The data starts on a line boundary when the
/// table is on its own pages (see `table.rs`).
const LINE_WORDS: usize = 32;

/// Features are looked up in batches of this size: all probes of a batch first (independent
/// loads the processor overlaps), then the additions. 96 holds all the features a parser
/// transition scores (81 besides the cached buffer ones) and the tagger's (49 or 59) in
/// one batch.
const BATCH: usize = 96;
const _: () = assert!(BATCH <= 256, "positions in a batch are stored as bytes");

impl Weights {
    pub(crate) fn from_rows(n_classes: usize, rows: Vec<(u64, Vec<(u16, f32)>)>) -> Weights {
        let mut flat = FlatRows::default();
        for (key, row) in rows {
            flat.push(key, row);
        }
        Weights::from_flat(n_classes, flat)
    }

    /// Freezes rows (the file reader builds them flat: loading a model makes no allocation
    /// per feature).
    fn from_flat(n_classes: usize, flat: FlatRows) -> Weights {
        let FlatRows { mut rows, pairs } = flat;
        rows.iter_mut().for_each(|r| r.0 = canonical(r.0));
        // Stable, so that of two rows with one key the first stays; files are sorted already.
        if !rows.is_sorted_by_key(|r| r.0) {
            rows.sort_by_key(|r| r.0);
        }
        rows.dedup_by_key(|r| r.0);
        let row_of = |&(_, start, len): &(u64, u32, u32)| {
            pairs
                .get(start as usize..start as usize + len as usize)
                .unwrap_or(&[])
        };
        let max = rows
            .iter()
            .flat_map(|r| row_of(r).iter().map(|(_, v)| v.abs()))
            .filter(|v| v.is_finite())
            .fold(0.0f32, f32::max);
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        // Quantized rows, sorted by class, without zeros: (key, start, len) into `q`.
        let mut q: Vec<(u16, i16)> = Vec::with_capacity(pairs.len());
        let mut qrows: Vec<(u64, u32, u32)> = Vec::with_capacity(rows.len());
        for r in &rows {
            let start = q.len();
            q.extend(
                row_of(r)
                    .iter()
                    .map(|&(class, v)| (class, (v / scale).round().clamp(-32767.0, 32767.0) as i16))
                    .filter(|&(class, v)| v != 0 && usize::from(class) < n_classes),
            );
            let row = &mut q[start..];
            if !row.is_sorted_by_key(|&(c, _)| c) {
                row.sort_by_key(|&(c, _)| c);
            }
            let mut len = 0;
            for i in 0..row.len() {
                if len == 0 || row[len - 1].0 != row[i].0 {
                    row[len] = row[i];
                    len += 1;
                }
            }
            q.truncate(start + len);
            if len > 0 {
                qrows.push((r.0, start as u32, len as u32));
            }
        }
        // The real-valued rows are done with: free them before the tables are built (the
        // largest buffer while loading a model).
        drop(rows);
        drop(pairs);
        // A load factor between 0.4 and 0.8: misses probe a few more slots, but those share
        // a cache line, and a smaller table stays in cache.
        let size = (qrows.len() + qrows.len() / 4).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![0u64; size];
        let mut data: Vec<u16> = Vec::new();
        let mut keys = Vec::with_capacity(qrows.len());
        // Rows are laid out longest first: long rows belong to the features looked up most
        // often (the bias, frequent words and tags), and packing them together keeps the hot
        // part of the table in fewer cache lines and pages. They are also inserted first, so
        // that they sit in their home slot.
        // (A counting sort by length; `qrows` is in key order, which ties keep.)
        let longest = qrows.iter().map(|r| r.2 as usize).max().unwrap_or(0);
        let mut first_of = vec![0usize; longest + 2];
        for r in &qrows {
            first_of[longest - r.2 as usize + 1] += 1;
        }
        for l in 1..first_of.len() {
            first_of[l] += first_of[l - 1];
        }
        let mut order = vec![0u32; qrows.len()];
        for (i, r) in qrows.iter().enumerate() {
            let at = &mut first_of[longest - r.2 as usize];
            order[*at] = i as u32;
            *at += 1;
        }
        let mut starts = vec![u32::MAX; qrows.len()];
        for i in order {
            let (key, at, len) = qrows[i as usize];
            let row = &q[at as usize..(at + len) as usize];
            if data.len() >= u32::MAX as usize / 2 {
                break;
            }
            let fp = fingerprint(key);
            let mut slot = (key as usize) & mask;
            while slots[slot] != 0 && slots[slot] >> 32 != fp {
                slot = (slot + 1) & mask;
            }
            if slots[slot] != 0 {
                // Two features agreeing on the slot and on 32 more bits: keep the first.
                continue;
            }
            // A row that fits in fewer cache lines than it would cross from here starts at
            // the next line: its first line is loaded with its header, ahead of the adding,
            // and a second line would be a cache miss while adding.
            let words = if is_dense(row.len(), n_classes) {
                1 + n_classes
            } else {
                1 + 2 * row.len()
            };
            let offset = data.len() % LINE_WORDS;
            if (offset + words).div_ceil(LINE_WORDS) > words.div_ceil(LINE_WORDS) {
                data.resize(data.len() + LINE_WORDS - offset, 0);
            }
            let start = data.len() as u32;
            slots[slot] = (fp << 32) | u64::from(start);
            starts[i as usize] = start;
            if is_dense(row.len(), n_classes) {
                data.push(DENSE);
                let at = data.len();
                data.resize(at + n_classes, 0);
                for &(class, v) in row {
                    data[at + usize::from(class)] = v as u16;
                }
            } else {
                data.push(row.len() as u16);
                for &(class, v) in row {
                    data.extend([class, v as u16]);
                }
            }
        }
        for (&(key, _, _), start) in qrows.iter().zip(starts) {
            if start != u32::MAX {
                keys.push((key, start));
            }
        }
        drop((q, qrows));
        Weights {
            n_classes,
            table: Table::new(&slots, &data),
            keys,
            scale,
        }
    }

    /// Weights that score every class zero.
    pub(crate) fn none(n_classes: usize) -> Weights {
        Weights::from_rows(n_classes, Vec::new())
    }

    /// The weights of the feature whose row starts at `start`, as (class, value) pairs.
    fn row(&self, start: u32) -> Vec<(u16, i16)> {
        let start = start as usize;
        let data = self.table.data();
        match data.get(start).map(|&h| u16::from_le_bytes(h)) {
            Some(DENSE) => data
                .get(start + 1..start + 1 + self.n_classes)
                .unwrap_or(&[])
                .iter()
                .map(|&v| i16::from_le_bytes(v))
                .enumerate()
                .filter(|&(_, v)| v != 0)
                .map(|(c, v)| (c as u16, v))
                .collect(),
            Some(count) => data
                .get(start + 1..start + 1 + 2 * usize::from(count))
                .unwrap_or(&[])
                .chunks_exact(2)
                .map(|p| (u16::from_le_bytes(p[0]), i16::from_le_bytes(p[1])))
                .collect(),
            None => Vec::new(),
        }
    }

    /// Every feature with its real-valued weights, in key order.
    fn rows(&self) -> impl Iterator<Item = (u64, Vec<(u16, f32)>)> + '_ {
        self.keys.iter().map(|&(key, slot)| {
            let row = self
                .row(slot)
                .into_iter()
                .map(|(class, v)| (class, f32::from(v) * self.scale))
                .collect();
            (key, row)
        })
    }

    /// The mean of several weight sets over the same classes (a feature missing from one
    /// set counts as zero there). Scores of the result are the mean of the sets' scores: an
    /// ensemble of linear models is one linear model.
    pub(crate) fn average(all: &[&Weights]) -> Option<Weights> {
        let n_classes = all.first()?.n_classes;
        if all.iter().any(|w| w.n_classes != n_classes) {
            return None;
        }
        let mut sums: U64Map<Vec<(u16, f32)>> = U64Map::default();
        for w in all {
            for (key, row) in w.rows() {
                sums.entry(key).or_default().extend(row);
            }
        }
        let k = all.len() as f32;
        let rows = sums
            .into_iter()
            .map(|(key, mut row)| {
                row.sort_by_key(|&(c, _)| c);
                let mut merged: Vec<(u16, f32)> = Vec::with_capacity(row.len());
                for (c, v) in row {
                    match merged.last_mut() {
                        Some(last) if last.0 == c => last.1 += v,
                        _ => merged.push((c, v)),
                    }
                }
                merged.iter_mut().for_each(|(_, v)| *v /= k);
                (key, merged)
            })
            .collect();
        Some(Weights::from_rows(n_classes, rows))
    }

    /// Drops the features none of whose weights reaches `min_row` in magnitude, and in the
    /// others the weights below `min_weight` (features left with none go too). Scoring costs
    /// mostly one cache miss per feature found, so a kept feature's small weights are cheap.
    pub(crate) fn prune_rows(&self, min_row: f32, min_weight: f32) -> Weights {
        let rows = self
            .rows()
            .filter(|(_, row)| row.iter().any(|(_, v)| v.abs() >= min_row))
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
        self.keys.iter().map(|&(_, s)| self.row(s).len()).sum()
    }

    /// The real value of one unit of the scores [`Weights::add`] sums.
    pub(crate) fn scale(&self) -> f32 {
        self.scale
    }

    /// Number of classes.
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features kept.
    pub(crate) fn n_features(&self) -> usize {
        self.keys.len()
    }

    /// Adds the weights of every feature to `scores` (which the caller zeroes), in units of
    /// the quantization step.
    ///
    /// Scoring is bound by memory, so it runs in phases over batches of features, each a
    /// loop without data-dependent branches whose loads the processor can overlap: load the
    /// first probed slot of every feature; settle the probes (most end there; the others
    /// probe on, in cache by now); load every row's header (this phase is what overlaps the
    /// rows' cache misses: reading the header from the slot instead, so that the rows are
    /// first touched while adding, was 10 % slower); add the rows.
    #[inline]
    pub(crate) fn add(&self, features: &[u64], scores: &mut [i32]) {
        let nc = self.n_classes;
        let Some(scores) = scores.get_mut(..nc) else {
            return;
        };
        let (slots, data) = (self.table.slots(), self.table.data());
        let bytes = self.table.data_bytes();
        let mask = slots.len().wrapping_sub(1);
        let mut first = [0u64; BATCH];
        let mut starts = [0u32; BATCH];
        let mut headers = [0u16; BATCH];
        let mut dense = [0u32; BATCH];
        let mut on = [0u8; BATCH];
        for chunk in features.chunks(BATCH) {
            for (slot, &f) in first.iter_mut().zip(chunk) {
                *slot = slots
                    .get((canonical(f) as usize) & mask)
                    .map_or(0, |&s| u64::from_le_bytes(s));
            }
            // Most probes end at the first slot: the feature's (hot features were inserted
            // first, so they sit in their home slot) or an empty one. Those are settled
            // without branches; the others (a slot taken by another feature) probe on after.
            let mut n = 0;
            let mut n_on = 0;
            for (i, (&slot, &f)) in first.iter().zip(chunk).enumerate() {
                let hit = slot >> 32 == fingerprint(canonical(f));
                starts[n] = slot as u32;
                n += usize::from(hit);
                on[n_on] = i as u8;
                n_on += usize::from(!hit && slot != 0);
            }
            for &i in &on[..n_on] {
                let f = chunk.get(usize::from(i)).copied().unwrap_or(0);
                if let Some(start) = resolve_after(slots, f) {
                    starts[n] = start;
                    n += 1;
                }
            }
            for (header, &start) in headers.iter_mut().zip(&starts[..n]) {
                *header = data
                    .get(start as usize)
                    .map_or(0, |&h| u16::from_le_bytes(h));
            }
            // Dense rows are summed block by block in registers (see `add_dense`), sparse
            // rows scattered one (class, value) pair at a time.
            let mut n_dense = 0;
            for (&start, &header) in starts[..n].iter().zip(&headers) {
                let start = start as usize + 1;
                if header == DENSE {
                    if data.get(start..start + nc).is_some() {
                        dense[n_dense] = start as u32;
                        n_dense += 1;
                    }
                } else if let Some(row) = bytes.get(2 * start..2 * start + 4 * usize::from(header))
                {
                    for pair in row.as_chunks::<4>().0 {
                        let pair = u32::from_le_bytes(*pair);
                        if let Some(s) = scores.get_mut((pair & 0xffff) as usize) {
                            *s += i32::from((pair >> 16) as u16 as i16);
                        }
                    }
                }
            }
            add_dense(data, &dense[..n_dense], scores);
        }
    }

    /// Writes the weights compactly: the scale, then per feature in key order the key's
    /// difference from the previous key and the row length (both as varints), then (class,
    /// quantized value) pairs, the class in one byte when there are at most 256 classes.
    pub(crate) fn write(&self, out: &mut Writer) {
        out.len(self.n_classes);
        out.len(self.keys.len());
        out.f32(self.scale);
        let narrow = self.n_classes <= 256;
        let mut previous = 0u64;
        for &(key, start) in &self.keys {
            out.varint(key.wrapping_sub(previous));
            previous = key;
            let row = self.row(start);
            out.varint(row.len() as u64);
            for (class, value) in row {
                if narrow {
                    out.u8(class as u8);
                } else {
                    out.u16(class);
                }
                out.u16(value as u16);
            }
        }
    }

    /// Reads what [`Weights::write`] wrote; `legacy` reads the older format of the same
    /// rows with full keys and `f32` weights.
    pub(crate) fn read(r: &mut Reader<'_>, legacy: bool) -> Result<Weights, SyntaxError> {
        let n_classes = r.len(0)?;
        let n = r.len(2)?;
        let scale = if legacy { 1.0 } else { r.f32()? };
        let narrow = n_classes <= 256;
        let mut flat = FlatRows {
            rows: Vec::with_capacity(n),
            pairs: Vec::with_capacity(n * 2),
        };
        let mut key = 0u64;
        for _ in 0..n {
            let count = if legacy {
                key = r.u64()?;
                usize::from(r.u16()?)
            } else {
                key = key.wrapping_add(r.varint()?);
                usize::try_from(r.varint()?).unwrap_or(usize::MAX)
            };
            if count > n_classes {
                return Err(SyntaxError::Model(format!("row of {count} weights")));
            }
            let start = flat.pairs.len() as u32;
            for _ in 0..count {
                let class = if narrow && !legacy {
                    u16::from(r.u8()?)
                } else {
                    r.u16()?
                };
                if usize::from(class) >= n_classes {
                    return Err(SyntaxError::Model(format!("class {class} out of range")));
                }
                let value = if legacy {
                    r.f32()?
                } else {
                    f32::from(r.u16()? as i16) * scale
                };
                flat.pairs.push((class, value));
            }
            flat.rows.push((key, start, count as u32));
        }
        Ok(Weights::from_flat(n_classes, flat))
    }
}

/// Classes summed at once by [`add_dense`]: eight SSE registers of accumulators.
const LANES: usize = 32;

/// Adds dense rows (each `scores.len()` values from its start in `data`; the caller checked
/// the bounds) to `scores`. Block by block of [`LANES`] classes, the rows are summed into
/// accumulators that stay in registers, so each score is loaded and stored once per batch
/// instead of once per row. Integer sums: the order of the additions changes nothing.
#[inline]
fn add_dense(data: &[[u8; 2]], rows: &[u32], scores: &mut [i32]) {
    let mut at = 0;
    for block in scores.chunks_mut(LANES) {
        let width = block.len();
        if let Ok(block) = <&mut [i32; LANES]>::try_from(&mut *block) {
            let mut acc = [0i32; LANES];
            for &r in rows {
                let r = r as usize + at;
                let Some(row) = data.get(r..r + LANES) else {
                    continue;
                };
                let Ok(row) = <&[[u8; 2]; LANES]>::try_from(row) else {
                    continue;
                };
                for (a, v) in acc.iter_mut().zip(row) {
                    *a += i32::from(i16::from_le_bytes(*v));
                }
            }
            for (s, a) in block.iter_mut().zip(acc) {
                *s += a;
            }
        } else {
            for &r in rows {
                let r = r as usize + at;
                let Some(row) = data.get(r..r + width) else {
                    continue;
                };
                for (s, v) in block.iter_mut().zip(row) {
                    *s += i32::from(i16::from_le_bytes(*v));
                }
            }
        }
        at += width;
    }
}

/// The row start of feature `f` whose home slot holds another feature: probes on from the
/// next slot, the first with the feature's fingerprint being its own (as when it was
/// inserted), an empty one ending the search.
#[inline]
fn resolve_after(slots: &[[u8; 8]], f: u64) -> Option<u32> {
    let f = canonical(f);
    let fp = fingerprint(f);
    let mask = slots.len().wrapping_sub(1);
    let mut i = (f as usize) & mask;
    loop {
        i = (i + 1) & mask;
        let slot = u64::from_le_bytes(*slots.get(i)?);
        if slot == 0 {
            return None;
        }
        if slot >> 32 == fp {
            return Some(slot as u32);
        }
    }
}

/// Rows of weights in two flat arrays: (key, start, length) of each row into `pairs`.
#[derive(Default)]
struct FlatRows {
    rows: Vec<(u64, u32, u32)>,
    pairs: Vec<(u16, f32)>,
}

impl FlatRows {
    fn push(&mut self, key: u64, row: Vec<(u16, f32)>) {
        let start = self.pairs.len() as u32;
        self.pairs.extend(row);
        self.rows
            .push((key, start, self.pairs.len() as u32 - start));
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
        let w2 = Weights::read(&mut Reader::new(&out.buf), false).unwrap();
        for x in 0u64..30 {
            for w in [&w, &w2] {
                let mut s = [0i32; 3];
                w.add(&[mix(x + 100), mix(7)], &mut s);
                assert_eq!(argmax(&s), (x % 3) as usize);
            }
        }
        // Unknown features add nothing.
        let mut s = [0i32; 3];
        w.add(&[mix(999_999), mix(12_345)], &mut s);
        assert_eq!(s, [0; 3]);
    }

    fn argmax<T: PartialOrd>(s: &[T]) -> usize {
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
            let mut s = [0i32; 3];
            w.add(&[k], &mut s);
            assert!(
                (s[i % 3] as f32 * w.scale - (1.0 + (i % 7) as f32)).abs() < 1e-3,
                "key {i}: {s:?}"
            );
        }
        let mut false_hits = 0;
        for _ in 0..50_000 {
            let mut s = [0i32; 3];
            w.add(&[rng.next_u64()], &mut s);
            false_hits += usize::from(s != [0; 3]);
        }
        assert_eq!(false_hits, 0);
    }

    /// Random rows over 40 classes, of every length from 1 to 40 (dense and sparse rows).
    fn random_rows(rng: &mut crate::train::Rng, n: usize) -> Vec<(u64, Vec<(u16, f32)>)> {
        (0..n)
            .map(|i| {
                let len = 1 + i % 40;
                let mut classes: Vec<u16> = (0..40).collect();
                rng.shuffle(&mut classes);
                let row = classes[..len]
                    .iter()
                    .map(|&c| (c, (rng.next_f64() * 200.0 - 100.0) as f32))
                    .collect();
                (rng.next_u64(), row)
            })
            .collect()
    }

    #[test]
    fn dense_and_sparse_rows_add_their_quantized_weights() {
        let mut rng = crate::train::Rng::new(11);
        let rows = random_rows(&mut rng, 2000);
        let w = Weights::from_rows(40, rows.clone());
        assert!(
            w.table.data().contains(&DENSE.to_le_bytes()),
            "some rows are long enough to be dense"
        );
        let quantum = |v: f32| i32::from((v / w.scale).round() as i16);
        for chunk in rows.chunks(37) {
            let keys: Vec<u64> = chunk.iter().map(|(k, _)| *k).collect();
            let mut expected = [0i32; 40];
            for (_, row) in chunk {
                for &(c, v) in row {
                    expected[usize::from(c)] += quantum(v);
                }
            }
            let mut got = [0i32; 40];
            w.add(&keys, &mut got);
            assert_eq!(got, expected);
        }
        // Writing and reading back keeps every weight, hence every score.
        let mut out = Writer::default();
        w.write(&mut out);
        let back = Weights::read(&mut Reader::new(&out.buf), false).unwrap();
        let keys: Vec<u64> = rows.iter().map(|(k, _)| *k).collect();
        let (mut a, mut b) = ([0i32; 40], [0i32; 40]);
        w.add(&keys, &mut a);
        back.add(&keys, &mut b);
        assert_eq!(a, b);
        assert_eq!(back.n_weights(), w.n_weights());
        let nonzero = rows
            .iter()
            .flat_map(|(_, r)| r.iter())
            .filter(|&&(_, v)| quantum(v) != 0)
            .count();
        assert_eq!(w.n_weights(), nonzero);
    }

    #[test]
    fn rows_cross_no_more_cache_lines_than_they_fill() {
        let mut rng = crate::train::Rng::new(13);
        let w = Weights::from_rows(40, random_rows(&mut rng, 3000));
        for &(_, start) in &w.keys {
            let header = u16::from_le_bytes(w.table.data()[start as usize]);
            let words = if header == DENSE {
                1 + 40
            } else {
                1 + 2 * usize::from(header)
            };
            let offset = start as usize % LINE_WORDS;
            assert_eq!(
                (offset + words).div_ceil(LINE_WORDS),
                words.div_ceil(LINE_WORDS),
                "row at {start} of {words} words"
            );
        }
    }

    #[test]
    fn averaged_weights_score_the_mean() {
        let mut rng = crate::train::Rng::new(12);
        let a = Weights::from_rows(40, random_rows(&mut rng, 300));
        let b = Weights::from_rows(40, random_rows(&mut rng, 300));
        let mean = Weights::average(&[&a, &b]).unwrap();
        assert_eq!(mean.n_features(), a.n_features() + b.n_features());
        let real = |w: &Weights, keys: &[u64]| {
            let mut s = [0i32; 40];
            w.add(keys, &mut s);
            s.map(|x| x as f32 * w.scale)
        };
        let keys: Vec<u64> = a
            .keys
            .iter()
            .chain(&b.keys)
            .map(|(k, _)| *k)
            .step_by(7)
            .collect();
        let (sa, sb, sm) = (real(&a, &keys), real(&b, &keys), real(&mean, &keys));
        for c in 0..40 {
            let want = (sa[c] + sb[c]) / 2.0;
            assert!(
                (sm[c] - want).abs() < 0.05 * (1.0 + want.abs()),
                "{c}: {sm:?} {want}"
            );
        }
        assert!(Weights::average(&[&a, &Weights::none(3)]).is_none());
    }
}
