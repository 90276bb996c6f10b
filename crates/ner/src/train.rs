//! Training: a greedy averaged perceptron (Collins 2002) over hashed features, learning from
//! its own predicted history, with sentences shuffled by a seeded generator so that a seed
//! fixes the model bit for bit.

use crate::conll::{self, ConllDocument};
use crate::features::{self, Atoms, History, Lexicon, Scorer};
use crate::model::{Tagger, embedded_lexicon, fingerprint};
use crate::tag::{N_CLASSES, bilou};

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling order.
    pub seed: u64,
    /// log2 of the number of weight rows (feature hash buckets).
    pub hash_bits: u32,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            epochs: 10,
            seed: 2,
            hash_bits: 20,
        }
    }
}

/// What one epoch achieved.
#[derive(Debug, Clone, Copy)]
pub struct EpochReport {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Share of training words tagged right during the pass.
    pub train_accuracy: f64,
    /// Development entity F1 with averaged weights, when a development set was given.
    pub dev_f1: Option<f64>,
}

/// Learns a [`Tagger`] from CoNLL documents.
#[derive(Debug)]
pub struct Trainer {
    config: TrainConfig,
    lexicon: Lexicon,
}

struct Weights {
    w: Vec<f32>,
    /// Sum of `step * delta` for the averaging trick: average = w - u / steps.
    u: Vec<f32>,
    mask: u64,
    step: f32,
}

impl Scorer for Weights {
    fn score(&self, feats: &[u64], scores: &mut [f32; N_CLASSES]) {
        for &f in feats {
            let base = (f & self.mask) as usize * N_CLASSES;
            for (s, w) in scores.iter_mut().zip(&self.w[base..base + N_CLASSES]) {
                *s += w;
            }
        }
    }
}

impl Weights {
    fn update(&mut self, feats: &[u64], class: usize, delta: f32) {
        for &f in feats {
            let i = (f & self.mask) as usize * N_CLASSES + class;
            self.w[i] += delta;
            self.u[i] += self.step * delta;
        }
    }

    /// Averaged weights quantized to i16 with one scale.
    fn quantized(&self) -> (Vec<i16>, f32) {
        let avg: Vec<f32> = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| w - u / self.step)
            .collect();
        let max = avg.iter().fold(0f32, |m, &x| m.max(x.abs())).max(1e-6);
        let scale = max / 32767.0;
        let q = avg.iter().map(|&x| (x / scale).round() as i16).collect();
        (q, scale)
    }
}

/// splitmix64: a tiny seeded generator for the shuffle.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        crate::hash::fmix(self.0)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

impl Trainer {
    /// A trainer using the embedded gazetteer and tables.
    pub fn new(config: TrainConfig) -> Trainer {
        Trainer {
            config,
            lexicon: embedded_lexicon(),
        }
    }

    /// Trains on `train` for the configured epochs and returns the serialized model. With a
    /// development set, the epoch with the best development F1 is kept; `report` sees each
    /// epoch.
    pub fn train(
        &self,
        train: &[ConllDocument],
        dev: Option<&[ConllDocument]>,
        mut report: impl FnMut(EpochReport),
    ) -> Vec<u8> {
        // Precompute atoms once; documents keep their sentence order (the history
        // features need it), documents themselves are shuffled.
        let docs: Vec<Vec<(Vec<Atoms>, Vec<usize>)>> = train
            .iter()
            .map(|d| {
                let mut pairs: Vec<(Vec<Atoms>, Vec<usize>)> = d
                    .sentences
                    .iter()
                    .filter_map(|s| {
                        let gold = bilou(s.gold.as_ref()?);
                        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                        Some((features::atoms(&words, &self.lexicon), gold))
                    })
                    .collect();
                let mut atoms: Vec<Vec<Atoms>> =
                    pairs.iter_mut().map(|p| std::mem::take(&mut p.0)).collect();
                features::document_case(&mut atoms);
                for (p, a) in pairs.iter_mut().zip(atoms) {
                    p.0 = a;
                }
                pairs
            })
            .collect();
        let bits = self.config.hash_bits.clamp(8, 26);
        let size = 1usize << bits;
        let mut weights = Weights {
            w: vec![0.0; size * N_CLASSES],
            u: vec![0.0; size * N_CLASSES],
            mask: (size - 1) as u64,
            step: 1.0,
        };
        let fp = fingerprint(&self.lexicon);
        let mut rng = Rng(self.config.seed);
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let mut best: Option<(f64, Vec<u8>)> = None;
        for epoch in 1..=self.config.epochs {
            rng.shuffle(&mut order);
            let (mut right, mut total) = (0usize, 0usize);
            for &d in &order {
                let mut hist = History::default();
                for (atoms, gold) in &docs[d] {
                    let mut updates: Vec<(Vec<u64>, usize, usize)> = Vec::new();
                    let pred = features::decode(&weights, atoms, Some(&hist), |i, feats, p| {
                        total += 1;
                        if p == gold[i] {
                            right += 1;
                        } else {
                            updates.push((feats.to_vec(), gold[i], p));
                        }
                    });
                    // Updates are applied after the sentence so that the decode borrows
                    // the weights immutably; the greedy history is the prediction.
                    for (feats, g, p) in updates {
                        weights.update(&feats, g, 1.0);
                        weights.update(&feats, p, -1.0);
                    }
                    weights.step += 1.0;
                    hist.record(atoms, &pred);
                }
            }
            let (q, scale) = weights.quantized();
            let bytes = Tagger::write_model(bits, fp, scale, &q);
            let dev_f1 = dev.and_then(|dev| {
                let tagger = Tagger::from_bytes_with(&bytes, self.lexicon.clone()).ok()?;
                Some(conll::evaluate(&tagger, dev).overall.f1())
            });
            report(EpochReport {
                epoch,
                train_accuracy: right as f64 / total.max(1) as f64,
                dev_f1,
            });
            let score = dev_f1.unwrap_or(epoch as f64);
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, bytes));
            }
        }
        best.map(|(_, b)| b).unwrap_or_else(|| {
            let (q, scale) = weights.quantized();
            Tagger::write_model(bits, fp, scale, &q)
        })
    }
}
