//! The lemmatizer: exceptions, then suffix rules, both learned from the treebank per tag.
//!
//! For each training word the rewrite from its *base* (the form, lowercased unless it is a
//! proper noun, as UD keeps proper-noun lemmas capitalized) to its lemma is "strip k
//! characters, append s". Rules map (tag, last 0 to 4 characters of the base) to the most
//! frequent rewrite; the longest matching suffix wins. Words the rules get wrong in training
//! are stored as exceptions (`went` -> `go`, `better` -> `good`).

use crate::binary::{Reader, Writer};
use crate::hash::{U64Map, f2, hash_str};
use crate::{SyntaxError, Upos};

const MAX_SUFFIX: usize = 4;

/// Strip this many characters, then append this text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rewrite {
    strip: u8,
    append: String,
}

/// A trained lemmatizer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lemmatizer {
    rules: U64Map<Rewrite>,
    exceptions: U64Map<String>,
}

/// The string a lemma is derived from.
fn base(form: &str, upos: Upos) -> String {
    let form = crate::lexical::normalize(form);
    if upos == Upos::Propn {
        form
    } else {
        form.to_lowercase()
    }
}

fn key(text: &str, tag: u16) -> u64 {
    f2(7, hash_str(text), u64::from(tag))
}

fn suffix(chars: &[char], k: usize) -> String {
    chars[chars.len() - k..].iter().collect()
}

fn rewrite_of(base: &str, lemma: &str) -> Rewrite {
    let b: Vec<char> = base.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let common = b.iter().zip(&l).take_while(|(x, y)| x == y).count();
    Rewrite {
        strip: (b.len() - common).min(255) as u8,
        append: l[common..].iter().collect(),
    }
}

fn apply(base: &str, r: &Rewrite) -> Option<String> {
    let chars: Vec<char> = base.chars().collect();
    let keep = chars.len().checked_sub(usize::from(r.strip))?;
    let mut out: String = chars[..keep].iter().collect();
    out.push_str(&r.append);
    if out.is_empty() { None } else { Some(out) }
}

impl Lemmatizer {
    /// Learns from (form, tag class, UPOS, gold lemma) quadruples.
    pub(crate) fn learn<'a>(
        words: impl Iterator<Item = (&'a str, u16, Upos, &'a str)> + Clone,
    ) -> Self {
        use std::collections::BTreeMap;
        let mut counts: BTreeMap<(u16, String), BTreeMap<Rewrite, u32>> = BTreeMap::new();
        let mut lemmas: BTreeMap<(u16, String), BTreeMap<String, u32>> = BTreeMap::new();
        for (form, tag, upos, lemma) in words.clone() {
            if lemma == "_" || lemma.is_empty() {
                continue;
            }
            let b = base(form, upos);
            let r = rewrite_of(&b, lemma);
            let chars: Vec<char> = b.chars().collect();
            for k in 0..=MAX_SUFFIX.min(chars.len()) {
                *counts
                    .entry((tag, suffix(&chars, k)))
                    .or_default()
                    .entry(r.clone())
                    .or_default() += 1;
            }
            *lemmas
                .entry((tag, b))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
        }
        let mut out = Lemmatizer::default();
        for ((tag, suf), rewrites) in counts {
            let total: u32 = rewrites.values().sum();
            let Some((best, n)) = rewrites.into_iter().max_by_key(|(_, n)| *n) else {
                continue;
            };
            // A suffix rule seen once is usually a single word's quirk: leave it to the
            // exceptions. The empty suffix (the tag's default) is always kept.
            if suf.is_empty() || (n >= 2 && n * 2 > total) {
                out.rules.insert(key(&suf, tag), best);
            }
        }
        for ((tag, b), forms) in lemmas {
            let Some((best, _)) = forms.into_iter().max_by_key(|(_, n)| *n) else {
                continue;
            };
            if out.by_rule(&b, tag).as_deref() != Some(best.as_str()) {
                out.exceptions.insert(key(&b, tag), best);
            }
        }
        out
    }

    fn by_rule(&self, base: &str, tag: u16) -> Option<String> {
        // Byte offsets of the last MAX_SUFFIX characters, longest suffix first; the suffix
        // slices hash like the strings `learn` built them from.
        let mut starts = [base.len(); MAX_SUFFIX + 1];
        let mut n = 1;
        for (i, _) in base.char_indices().rev().take(MAX_SUFFIX) {
            starts[n] = i;
            n += 1;
        }
        for &start in starts[..n].iter().rev() {
            if let Some(r) = self.rules.get(&key(&base[start..], tag)) {
                return apply(base, r);
            }
        }
        None
    }

    /// The lemma of `form` tagged with class `tag` (UPOS `upos`). Never empty.
    pub(crate) fn lemma(&self, form: &str, tag: u16, upos: Upos) -> String {
        let b = base(form, upos);
        if let Some(l) = self.exceptions.get(&key(&b, tag)) {
            return l.clone();
        }
        match self.by_rule(&b, tag) {
            Some(l) => l,
            None if b.is_empty() => form.to_string(),
            None => b,
        }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort_unstable_by_key(|(k, _)| **k);
        w.len(rules.len());
        for (k, r) in rules {
            w.u64(*k);
            w.u8(r.strip);
            w.str(&r.append);
        }
        let mut ex: Vec<_> = self.exceptions.iter().collect();
        ex.sort_unstable_by_key(|(k, _)| **k);
        w.len(ex.len());
        for (k, l) in ex {
            w.u64(*k);
            w.str(l);
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, SyntaxError> {
        let mut out = Lemmatizer::default();
        for _ in 0..r.len(13)? {
            let k = r.u64()?;
            let strip = r.u8()?;
            let append = r.str()?;
            out.rules.insert(k, Rewrite { strip, append });
        }
        for _ in 0..r.len(12)? {
            let k = r.u64()?;
            out.exceptions.insert(k, r.str()?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_exceptions() {
        let data = [
            ("forces", 1, Upos::Noun, "force"),
            ("cars", 1, Upos::Noun, "car"),
            ("cats", 1, Upos::Noun, "cat"),
            ("bodies", 1, Upos::Noun, "body"),
            ("parties", 1, Upos::Noun, "party"),
            ("mice", 1, Upos::Noun, "mouse"),
            ("went", 2, Upos::Verb, "go"),
            ("walked", 2, Upos::Verb, "walk"),
            ("talked", 2, Upos::Verb, "talk"),
            ("Korea", 3, Upos::Propn, "Korea"),
        ];
        let l = Lemmatizer::learn(data.iter().map(|&(f, t, u, l)| (f, t, u, l)));
        for (f, t, u, lemma) in data {
            assert_eq!(l.lemma(f, t, u), lemma);
        }
        assert_eq!(l.lemma("dogs", 1, Upos::Noun), "dog");
        assert_eq!(l.lemma("Jumped", 2, Upos::Verb), "jump");
        assert_eq!(l.lemma("Seoul", 3, Upos::Propn), "Seoul");
        assert_eq!(l.lemma("", 9, Upos::X), "");
        let mut w = Writer::default();
        l.write(&mut w);
        let l2 = Lemmatizer::read(&mut Reader::new(&w.buf)).unwrap();
        assert_eq!(l2.lemma("went", 2, Upos::Verb), "go");
        assert_eq!(l2.lemma("dogs", 1, Upos::Noun), "dog");
    }
}
