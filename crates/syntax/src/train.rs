//! Training the tagger, the parser and the lemmatizer from a CoNLL-U treebank.
//!
//! The parser is trained on *predicted* tags, as it will see at run time: the training set is
//! cut into folds and each fold is tagged by a tagger trained on the others (jackknifing).
//! Everything is deterministic given [`TrainConfig::seed`].

use std::collections::BTreeSet;

use crate::conllu::Sentence;
use crate::lemma::Lemmatizer;
use crate::lexical::{Clusters, Lex};

/// Word clusters made by `scripts/clusters.py` from news text; copied into every model.
const CLUSTERS: &[u8] = include_bytes!("../model/clusters.tsv.gz");
use crate::parser::{self, ParseExample, Parser, Templates};
use crate::tagger::{self, Context, Tag, TagExample};
use crate::{Syntax, SyntaxError};

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the data for each tagger.
    pub tagger_epochs: usize,
    /// Passes over the data for the parser.
    pub parser_epochs: usize,
    /// Folds for jackknifed tags (below 2: the parser trains on gold tags).
    pub folds: usize,
    /// Seed of the shuffling and exploration random numbers.
    pub seed: u64,
    /// Whether to train the tagger's second, two-sided pass (needs `folds >= 2`).
    pub second_pass: bool,
    /// Whether to train a right-to-left guide parser whose parse the main parser reads
    /// (stacking; see the `parser` module). Costs one more parser per fold in training and
    /// a second parse at run time: +0.5 UAS and LAS on EWT dev at two thirds of the speed
    /// (`notes/syntax.md`, round 9), so the committed model has none.
    pub guide: bool,
    /// (word, UPOS) observations from another corpus (see [`lexicon_from_conll2003`]). They
    /// only give *ambiguity classes* to words that the treebank never has, so that unknown
    /// words of the other corpus's domain (news) are not all alike to the tagger.
    pub lexicon: Vec<(String, crate::Upos)>,
}

/// The settings of the committed model (see `notes/syntax.md`).
impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            tagger_epochs: 6,
            parser_epochs: 12,
            folds: 4,
            seed: 2,
            second_pass: true,
            guide: false,
            lexicon: Vec::new(),
        }
    }
}

/// A small deterministic random number generator (splitmix64).
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        crate::hash::mix(self.0)
    }

    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Trains all models on `sentences`; `log` receives progress lines. With `dev` sentences, the
/// parser pass with the best development LAS is kept.
pub fn train(
    sentences: &[Sentence],
    dev: &[Sentence],
    config: &TrainConfig,
    mut log: impl FnMut(&str),
) -> Result<Syntax, SyntaxError> {
    let sentences: Vec<&Sentence> = sentences.iter().filter(|s| !s.words.is_empty()).collect();
    if sentences.is_empty() {
        return Err(SyntaxError::Model("no training sentences".into()));
    }
    let mut rng = Rng::new(config.seed);
    let clusters = Clusters::parse(
        &crate::conllu::decode(CLUSTERS)
            .map_err(|e| SyntaxError::Model(format!("embedded clusters: {e}")))?,
    );

    let tag_set: BTreeSet<(crate::Upos, String)> = sentences
        .iter()
        .flat_map(|s| s.words.iter().map(|w| (w.upos, w.xpos.clone())))
        .collect();
    let tags: Vec<Tag> = tag_set
        .into_iter()
        .map(|(upos, xpos)| Tag { upos, xpos })
        .collect();
    let class_of = |upos: crate::Upos, xpos: &str| -> u16 {
        tags.iter()
            .position(|t| t.upos == upos && t.xpos == xpos)
            .unwrap_or(0) as u16
    };
    let examples: Vec<TagExample> = sentences
        .iter()
        .map(|s| TagExample {
            lex: Syntax::lexes(
                &clusters,
                &s.words.iter().map(|w| &w.form).collect::<Vec<_>>(),
            ),
            gold: s.words.iter().map(|w| class_of(w.upos, &w.xpos)).collect(),
        })
        .collect();
    log(&format!(
        "{} sentences, {} tag classes",
        examples.len(),
        tags.len()
    ));
    let mut extra: tagger::UposCounts = tagger::UposCounts::default();
    for (word, upos) in &config.lexicon {
        let k = crate::Upos::ALL
            .iter()
            .position(|u| u == upos)
            .unwrap_or(16);
        extra.entry(Lex::new(word).lower).or_insert([0; 17])[k] += 1;
    }
    if !extra.is_empty() {
        log(&format!("extra lexicon: {} words", extra.len()));
    }

    // Jackknifed tags for the parser.
    let mut predicted: Vec<Vec<u16>> = examples.iter().map(|e| e.gold.clone()).collect();
    if config.folds >= 2 {
        for fold in 0..config.folds {
            let part: Vec<&TagExample> = examples
                .iter()
                .enumerate()
                .filter(|(i, _)| i % config.folds != fold)
                .map(|(_, e)| e)
                .collect();
            let t = tagger::train(&part, &tags, &extra, config.tagger_epochs, &mut rng);
            let (mut right, mut total) = (0usize, 0usize);
            for (i, e) in examples
                .iter()
                .enumerate()
                .filter(|(i, _)| i % config.folds == fold)
            {
                let ctx = Context::new(&e.lex, &t.ambiguity);
                predicted[i] = t.tag(&ctx, e.lex.len());
                right += predicted[i]
                    .iter()
                    .zip(&e.gold)
                    .filter(|(a, b)| a == b)
                    .count();
                total += e.gold.len();
            }
            log(&format!(
                "jackknife fold {fold}: tag accuracy {:.4}",
                right as f64 / total.max(1) as f64
            ));
        }
    }
    let all: Vec<&TagExample> = examples.iter().collect();
    let mut tagger = tagger::train(&all, &tags, &extra, config.tagger_epochs, &mut rng);
    log(&format!("tagger: {} features", tagger.weights.n_features()));
    if config.folds >= 2 && config.second_pass {
        tagger::train_second(
            &mut tagger,
            &all,
            &predicted,
            &extra,
            config.tagger_epochs,
            &mut rng,
        );
        log(&format!(
            "tagger second pass: {} features",
            tagger.second.n_features()
        ));
    }

    let mut labels: Vec<String> = sentences
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .chain(std::iter::once("root".to_string()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    labels.retain(|l| l != "_");
    let label_of = |l: &str| labels.iter().position(|x| x == l).unwrap_or(0) as u16;
    let mut lifted = 0;
    let mut example = |s: &Sentence, lex: &[Lex], tags: &[u16]| {
        let n = s.words.len();
        let mut head: Vec<u32> = s
            .words
            .iter()
            .map(|w| {
                if w.head == 0 || w.head > n {
                    n as u32
                } else {
                    (w.head - 1) as u32
                }
            })
            .collect();
        lifted += parser::projectivize(&mut head);
        ParseExample {
            t: Syntax::tokens(&tagger, lex, tags),
            head,
            label: s.words.iter().map(|w| label_of(&w.deprel)).collect(),
        }
    };
    let mut parse_examples: Vec<ParseExample> = sentences
        .iter()
        .zip(&examples)
        .zip(&predicted)
        .map(|((s, e), tags)| example(s, &e.lex, tags))
        .collect();
    // Development trees keep their non-projective arcs lifted too; that changes few words.
    let (mut right, mut total) = (0usize, 0usize);
    let mut dev_examples: Vec<ParseExample> = dev
        .iter()
        .filter(|s| !s.words.is_empty())
        .map(|s| {
            let lex = Syntax::lexes(
                &clusters,
                &s.words.iter().map(|w| &w.form).collect::<Vec<_>>(),
            );
            let tags = tagger.tag(&Context::new(&lex, &tagger.ambiguity), lex.len());
            right += tags
                .iter()
                .zip(&s.words)
                .filter(|(t, w)| tagger.tags.get(usize::from(**t)).map(|t| t.upos) == Some(w.upos))
                .count();
            total += s.words.len();
            example(s, &lex, &tags)
        })
        .collect();
    if total > 0 {
        log(&format!("dev UPOS {:.4}", right as f64 / total as f64));
    }
    log(&format!(
        "{} labels, {lifted} non-projective arcs lifted",
        labels.len()
    ));
    // Without parser passes (a tagger-only ensemble member) the guide is untrained too, but
    // there, so that the member has the shape of the others and averages with them.
    let guide = config.guide.then(|| {
        if config.parser_epochs == 0 {
            parser::train(
                &[],
                &[],
                labels.clone(),
                &Templates::lean(),
                0,
                &mut rng,
                |_| {},
            )
        } else {
            train_guide(
                &mut parse_examples,
                &mut dev_examples,
                &labels,
                config,
                &mut log,
            )
        }
    });
    let templates = if guide.is_some() {
        Templates::guided()
    } else {
        Templates::base()
    };
    let parser = parser::train(
        &parse_examples,
        &dev_examples,
        labels,
        &templates,
        config.parser_epochs,
        &mut rng,
        &mut log,
    );
    log(&format!("parser: {} features", parser.weights.n_features()));

    let lemmatizer = Lemmatizer::learn(sentences.iter().zip(&examples).flat_map(|(s, e)| {
        s.words
            .iter()
            .zip(&e.gold)
            .map(|(w, &g)| (w.form.as_str(), g, w.upos, w.lemma.as_str()))
    }));
    Ok(Syntax {
        clusters,
        tagger,
        parser,
        guide,
        lemmatizer,
    })
}

/// Trains the right-to-left guide parser and gives every example its guide. A training
/// sentence gets the parse of a guide trained on the other folds (jackknifing, as for the
/// tags: the main parser must learn how far to trust guides as wrong as the ones it meets
/// at run time); a development sentence, that of the guide trained on everything, which is
/// returned. The folds train in parallel threads, each with its own seeded generator, so
/// the result does not depend on scheduling.
fn train_guide(
    examples: &mut [ParseExample],
    dev: &mut [ParseExample],
    labels: &[String],
    config: &TrainConfig,
    log: &mut impl FnMut(&str),
) -> Parser {
    let reversed: Vec<ParseExample> = examples.iter().map(ParseExample::reversed).collect();
    let dev_reversed: Vec<ParseExample> = dev.iter().map(ParseExample::reversed).collect();
    let templates = Templates::lean();
    let folds = if config.folds >= 2 { config.folds } else { 0 };
    // Job `k < folds` leaves fold `k` out; job `folds` trains on everything.
    let trained: Vec<(Parser, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..=folds)
            .map(|k| {
                let (reversed, dev_reversed, templates) = (&reversed, &dev_reversed, &templates);
                scope.spawn(move || {
                    let part: Vec<ParseExample> = reversed
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| k == folds || i % folds != k)
                        .map(|(_, e)| e.clone())
                        .collect();
                    let mut rng = Rng::new(config.seed ^ (0x6775_6964_6500 + k as u64));
                    let mut lines = Vec::new();
                    let parser = parser::train(
                        &part,
                        dev_reversed,
                        labels.to_vec(),
                        templates,
                        config.parser_epochs,
                        &mut rng,
                        |line| lines.push(line.to_string()),
                    );
                    (parser, lines)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut guides: Vec<Parser> = Vec::with_capacity(trained.len());
    for (k, (parser, lines)) in trained.into_iter().enumerate() {
        let name = if k == folds {
            "guide".to_string()
        } else {
            format!("guide fold {k}")
        };
        for line in lines {
            log(&format!("{name}: {line}"));
        }
        guides.push(parser);
    }
    let Some(full) = guides.pop() else {
        unreachable!("the job list is never empty")
    };
    let (mut right, mut total) = (0usize, 0usize);
    for (i, ex) in examples.iter_mut().enumerate() {
        let guide = guides.get(i % folds.max(1)).unwrap_or(&full);
        ex.t.guide = guide.parse_reversed(&ex.t);
        right += ex.t.guide.agreement(&ex.head);
        total += ex.head.len();
    }
    log(&format!(
        "guide on held-out training folds: UAS {:.4}",
        right as f64 / total.max(1) as f64
    ));
    for ex in dev.iter_mut() {
        ex.t.guide = full.parse_reversed(&ex.t);
    }
    full
}

/// Trains one model per seed, in parallel threads, and averages them into one
/// ([`Syntax::average`]): an ensemble that scores like the mean of its members at the cost
/// of one model per feature. `log` receives every member's progress lines, prefixed with
/// its seed. Deterministic: the result does not depend on how the threads are scheduled.
pub fn train_ensemble(
    sentences: &[Sentence],
    dev: &[Sentence],
    config: &TrainConfig,
    seeds: &[u64],
    log: impl Fn(&str) + Sync,
) -> Result<Syntax, SyntaxError> {
    train_ensemble_with_taggers(sentences, dev, config, seeds, &[], log)
}

/// [`train_ensemble`] with a larger ensemble for the tagger than for the parser: for each
/// of `tagger_seeds`, only the tagger is trained (no parser passes, a fraction of the
/// time), and the tagger written is the average of the taggers of *all* the members
/// (`seeds` and `tagger_seeds`), the parser the average of the `seeds` members' parsers
/// ([`Syntax::with_tagger_of`]). All members train in parallel threads.
pub fn train_ensemble_with_taggers(
    sentences: &[Sentence],
    dev: &[Sentence],
    config: &TrainConfig,
    seeds: &[u64],
    tagger_seeds: &[u64],
    log: impl Fn(&str) + Sync,
) -> Result<Syntax, SyntaxError> {
    let log = &log;
    let jobs: Vec<(u64, usize)> = seeds
        .iter()
        .map(|&s| (s, config.parser_epochs))
        .chain(tagger_seeds.iter().map(|&s| (s, 0)))
        .collect();
    let members: Vec<Result<Syntax, SyntaxError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .iter()
            .map(|&(seed, parser_epochs)| {
                let config = TrainConfig {
                    seed,
                    parser_epochs,
                    ..config.clone()
                };
                scope.spawn(move || {
                    train(sentences, dev, &config, |line| {
                        log(&format!("seed {seed}: {line}"));
                    })
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(SyntaxError::Model("a training thread panicked".into()))
                })
            })
            .collect()
    });
    let members = members.into_iter().collect::<Result<Vec<_>, _>>()?;
    let parsers = Syntax::average(&members[..seeds.len()])?;
    if tagger_seeds.is_empty() {
        return Ok(parsers);
    }
    parsers.with_tagger_of(&Syntax::average(&members)?)
}

/// Reads (word, UPOS) pairs from CoNLL-2003 column text (`word POS chunk NER`, Penn POS tags),
/// mapping each Penn tag to its usual UPOS. `-DOCSTART-` lines and unknown tags are skipped.
pub fn lexicon_from_conll2003(text: &str) -> Vec<(String, crate::Upos)> {
    text.lines()
        .filter_map(|line| {
            let mut cols = line.split(' ');
            let (word, tag) = (cols.next()?, cols.next()?);
            if word == "-DOCSTART-" {
                return None;
            }
            Some((word.to_string(), upos_of_penn(tag)?))
        })
        .collect()
}

/// The UPOS a Penn Treebank tag most often corresponds to in UD English.
fn upos_of_penn(tag: &str) -> Option<crate::Upos> {
    use crate::Upos::*;
    Some(match tag {
        "NN" | "NNS" => Noun,
        "NNP" | "NNPS" => Propn,
        "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ" => Verb,
        "JJ" | "JJR" | "JJS" => Adj,
        "RB" | "RBR" | "RBS" | "WRB" => Adv,
        "CD" => Num,
        "IN" | "RP" => Adp,
        "DT" | "PDT" | "WDT" => Det,
        "PRP" | "PRP$" | "WP" | "WP$" | "EX" => Pron,
        "CC" => Cconj,
        "MD" => Aux,
        "TO" | "POS" => Part,
        "UH" => Intj,
        "SYM" => Sym,
        "FW" | "LS" => X,
        "." | "," | ":" | "``" | "''" | "(" | ")" | "\"" | "-LRB-" | "-RRB-" | "#" | "$" => {
            if tag == "$" || tag == "#" { Sym } else { Punct }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Upos;

    #[test]
    fn conll2003_lexicon_maps_penn_tags_and_skips_the_rest() {
        let text =
            "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n. . O O\nfoo ZZZ O O\n";
        assert_eq!(
            lexicon_from_conll2003(text),
            vec![
                ("EU".to_string(), Upos::Propn),
                ("rejects".to_string(), Upos::Verb),
                (".".to_string(), Upos::Punct),
            ]
        );
    }

    #[test]
    fn extra_lexicon_only_fills_words_the_treebank_lacks() {
        let tags = tagger::noun_and_verb();
        let k = |u: Upos| Upos::ALL.iter().position(|&x| x == u).unwrap_or(16);
        let ex = TagExample {
            lex: vec![Lex::new("run")],
            gold: vec![1],
        };
        let mut extra = tagger::UposCounts::default();
        extra.entry(Lex::new("run").lower).or_insert([0; 17])[k(Upos::Noun)] += 5;
        extra.entry(Lex::new("Walk").lower).or_insert([0; 17])[k(Upos::Noun)] += 5;
        let (_, amb) = tagger::lexicons(&[&ex], &tags, &extra);
        assert_eq!(amb.get(&Lex::new("run").lower), Some(&(1 << k(Upos::Verb))));
        assert_eq!(
            amb.get(&Lex::new("walk").lower),
            Some(&(1 << k(Upos::Noun)))
        );
        assert_eq!(amb.get(&Lex::new("jog").lower), None);
    }

    #[test]
    fn rng_is_deterministic_and_shuffles() {
        let mut a = Rng::new(3);
        let mut b = Rng::new(3);
        let mut x: Vec<u32> = (0..20).collect();
        let mut y = x.clone();
        a.shuffle(&mut x);
        b.shuffle(&mut y);
        assert_eq!(x, y);
        assert_ne!(x, (0..20).collect::<Vec<_>>());
        let f = a.next_f64();
        assert!((0.0..1.0).contains(&f));
    }
}
