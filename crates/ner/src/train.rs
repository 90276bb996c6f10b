//! Training: a greedy averaged perceptron (Collins 2002) over hashed features, learning from
//! its own predicted history, with documents shuffled by a seeded generator so that a seed
//! fixes the model bit for bit.
//!
//! Two stages (Ratinov and Roth 2009): the first stage learns from the words alone; the
//! second also sees the first stage's labels of every word and of the same word elsewhere in
//! the document. The second stage trains on *jackknifed* first-stage labels (each fold
//! tagged by a first stage that did not see it), so it learns how far to trust them on
//! unseen text rather than on memorized training text.

use crate::conll::{self, ConllDocument};
use crate::features::{self, Atoms, History, Lexicon, Scorer};
use crate::model::{Table, Tagger, embedded_lexicon, fingerprint};
use crate::tag::{N_CLASSES, bilou};

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Passes over the training data (each stage).
    pub epochs: usize,
    /// Seed of the shuffling order.
    pub seed: u64,
    /// log2 of the number of weight rows (feature hash buckets).
    pub hash_bits: u32,
    /// Folds of the jackknife that labels the training data for the second stage; 0 or 1
    /// trains the first stage only (the default: on the CoNLL-2003 development set the
    /// second stage scored 0.3–1.4 F1 *below* the first, see `notes/ner.md`).
    pub folds: usize,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            epochs: 10,
            seed: 2,
            hash_bits: 20,
            folds: 0,
        }
    }
}

/// What one epoch achieved.
#[derive(Debug, Clone, Copy)]
pub struct EpochReport {
    /// Stage: 1 (first stage on all data) or 2 (second stage); jackknife folds are not
    /// reported.
    pub stage: usize,
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
    fn quantized(&self, bits: u32) -> Table {
        let avg: Vec<f32> = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| w - u / self.step)
            .collect();
        let max = avg.iter().fold(0f32, |m, &x| m.max(x.abs())).max(1e-6);
        let scale = max / 32767.0;
        let weights = avg.iter().map(|&x| (x / scale).round() as i16).collect();
        Table {
            weights,
            bits,
            scale,
        }
    }
}

/// A training document: each sentence's atoms and gold BILOU classes.
type Doc = Vec<(Vec<Atoms>, Vec<usize>)>;

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
    /// development set, each stage keeps its epoch with the best development F1; `report`
    /// sees each epoch.
    pub fn train(
        &self,
        train: &[ConllDocument],
        dev: Option<&[ConllDocument]>,
        mut report: impl FnMut(EpochReport),
    ) -> Vec<u8> {
        let docs: Vec<Doc> = train.iter().map(|d| self.prepare(d)).collect();
        let bits = self.config.hash_bits.clamp(8, 26);
        let fp = fingerprint(&self.lexicon);
        let all: Vec<usize> = (0..docs.len()).collect();
        let score = |tagger: &Tagger| dev.map(|dev| conll::evaluate(tagger, dev).overall.f1());
        let mut stage1: Option<(Table, f64)> = None;
        self.fit(&docs, &all, bits, self.config.seed, |epoch, acc, table| {
            let tagger = Tagger::from_tables(table, None, self.lexicon.clone());
            let dev_f1 = score(&tagger);
            report(EpochReport {
                stage: 1,
                epoch,
                train_accuracy: acc,
                dev_f1,
            });
            let (table, _) = tagger.into_tables();
            keep(&mut stage1, table, dev_f1, epoch);
        });
        let Some((stage1, _)) = stage1 else {
            return Vec::new();
        };
        if self.config.folds < 2 || docs.len() < self.config.folds {
            return Tagger::write_model(fp, &stage1, None);
        }
        // Jackknife: label each fold with a first stage trained on the other folds.
        let k = self.config.folds;
        let mut second: Vec<Doc> = docs.clone();
        for fold in 0..k {
            let rest: Vec<usize> = all.iter().copied().filter(|d| d % k != fold).collect();
            let mut last = None;
            let seed = crate::hash::mix(self.config.seed, fold as u64 + 1);
            self.fit(&docs, &rest, bits, seed, |epoch, _, table| {
                keep(&mut last, table, None, epoch);
            });
            let Some((table, _)) = last else { continue };
            for d in all.iter().filter(|d| *d % k == fold) {
                label(&table, &mut second[*d]);
            }
        }
        let stage1_only = stage1.clone();
        let mut stage2: Option<(Table, f64)> = None;
        let seed = self.config.seed;
        let mut s1 = Some(stage1);
        self.fit(&second, &all, bits, seed, |epoch, acc, table| {
            let Some(first) = s1.take() else { return };
            let tagger = Tagger::from_tables(first, Some(table), self.lexicon.clone());
            let dev_f1 = score(&tagger);
            report(EpochReport {
                stage: 2,
                epoch,
                train_accuracy: acc,
                dev_f1,
            });
            let (first, table) = tagger.into_tables();
            s1 = Some(first);
            if let Some(table) = table {
                keep(&mut stage2, table, dev_f1, epoch);
            }
        });
        match stage2 {
            Some((t, _)) => Tagger::write_model(fp, &stage1_only, Some(&t)),
            None => Tagger::write_model(fp, &stage1_only, None),
        }
    }

    /// Atoms and gold classes of a document's sentences with gold tags.
    fn prepare(&self, d: &ConllDocument) -> Doc {
        let mut pairs: Doc = d
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
    }

    /// Trains one table on the documents `use_docs` for the configured epochs; `epoch_done`
    /// gets each epoch's number, training accuracy and averaged table.
    fn fit(
        &self,
        docs: &[Doc],
        use_docs: &[usize],
        bits: u32,
        seed: u64,
        mut epoch_done: impl FnMut(usize, f64, Table),
    ) {
        let size = 1usize << bits;
        let mut weights = Weights {
            w: vec![0.0; size * N_CLASSES],
            u: vec![0.0; size * N_CLASSES],
            mask: (size - 1) as u64,
            step: 1.0,
        };
        let mut rng = Rng(seed);
        let mut order: Vec<usize> = use_docs.to_vec();
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
            epoch_done(
                epoch,
                right as f64 / total.max(1) as f64,
                weights.quantized(bits),
            );
        }
    }
}

/// Keeps `table` in `best` when its score beats the kept one (without a score, the later
/// epoch wins).
fn keep(best: &mut Option<(Table, f64)>, table: Table, dev_f1: Option<f64>, epoch: usize) {
    let score = dev_f1.unwrap_or(epoch as f64);
    if best.as_ref().is_none_or(|(_, s)| score > *s) {
        *best = Some((table, score));
    }
}

/// Fills a document's second-stage atoms from a first stage's labels.
fn label(table: &Table, doc: &mut Doc) {
    let mut atoms: Vec<Vec<Atoms>> = doc.iter_mut().map(|p| std::mem::take(&mut p.0)).collect();
    let classes = features::decode_document(table, &atoms);
    features::aggregate(&mut atoms, &classes);
    for (p, a) in doc.iter_mut().zip(atoms) {
        p.0 = a;
    }
}
