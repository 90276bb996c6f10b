//! Word normalization and the per-token lexical values that features are built from.
//!
//! News text uses typographic quotes and dashes where the training treebank mostly has ASCII,
//! so every form is first mapped to its ASCII look-alike (`’` to `'`, `“` to `"`, `—` to
//! `--`); a model trained on `don't` then reads `don’t` the same way. Digits become `0` in the
//! word features so that numbers generalize.

use crate::hash::{NONE, U64Map, hash_str};

/// Maps typographic punctuation to the ASCII forms the treebank uses.
pub fn normalize(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    for c in form.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
                out.push('\'')
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => out.push('"'),
            '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => out.push_str("--"),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            '\u{00A0}' | '\u{2009}' | '\u{202F}' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The lexical values of one token, computed once per sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lex {
    /// Normalized form, case kept.
    pub form: u64,
    /// Normalized form, lowercased, digits as `0`.
    pub lower: u64,
    /// Word shape (`Xxx`, `dd`, `x-x`): runs of a character class longer than two collapsed.
    pub shape: u64,
    /// Suffixes of the lowercased form of 1 to 4 characters.
    pub suffix: [u64; 4],
    /// Prefixes of 1 to 3 characters.
    pub prefix: [u64; 3],
    /// Coarse and fine distributional cluster of the lowercased form (see [`Clusters`]).
    pub cluster: [u64; 2],
}

/// Distributional word clusters (two granularities) learned from news text by
/// `scripts/clusters.py`: words used in similar contexts share a cluster, so a feature
/// learned for "Seoul" also fires for a city the treebank never mentions.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clusters {
    /// Lowercased-form hash to `coarse << 16 | fine`.
    pub map: U64Map<u32>,
}

impl Clusters {
    /// Parses `word<TAB>coarse<TAB>fine` lines; malformed lines are skipped.
    pub(crate) fn parse(text: &str) -> Clusters {
        let mut map = U64Map::default();
        for line in text.lines() {
            let mut cols = line.split('\t');
            let (Some(w), Some(c), Some(f)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            if let (Ok(c), Ok(f)) = (c.parse::<u16>(), f.parse::<u16>()) {
                map.insert(hash_str(w), (u32::from(c) << 16) | u32::from(f));
            }
        }
        Clusters { map }
    }

    /// Fills the cluster values of a token.
    pub(crate) fn apply(&self, lex: &mut Lex) {
        lex.cluster = match self.map.get(&lex.lower) {
            Some(&v) => [
                u64::from(v >> 16) + 500_000,
                u64::from(v & 0xFFFF) + 600_000,
            ],
            None => [NONE ^ 11, NONE ^ 11],
        };
    }
}

impl Lex {
    /// The padding token beyond either sentence end.
    pub(crate) const PAD: Lex = Lex {
        form: NONE,
        lower: NONE,
        shape: NONE,
        suffix: [NONE; 4],
        prefix: [NONE; 3],
        cluster: [NONE; 2],
    };

    pub(crate) fn new(form: &str) -> Lex {
        let norm = normalize(form);
        let lower: String = norm
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect();
        let mut shape = String::new();
        let mut last = '\0';
        let mut run = 0;
        for c in norm.chars() {
            let k = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_numeric() {
                'd'
            } else {
                c
            };
            if k == last {
                run += 1;
            } else {
                run = 1;
                last = k;
            }
            if run <= 2 {
                shape.push(k);
            }
            if shape.len() > 24 {
                break;
            }
        }
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        let n = chars.len();
        let suffix_of = |k: usize| -> u64 {
            if k > n {
                return NONE;
            }
            hash_str(&lower[chars[n - k].0..]) ^ (k as u64)
        };
        let prefix_of = |k: usize| -> u64 {
            if k > n {
                return NONE;
            }
            let end = chars.get(k).map_or(lower.len(), |&(i, _)| i);
            hash_str(&lower[..end]).rotate_left(7) ^ (k as u64)
        };
        Lex {
            form: hash_str(&norm),
            lower: hash_str(&lower),
            shape: hash_str(&shape).rotate_left(13),
            suffix: [suffix_of(1), suffix_of(2), suffix_of(3), suffix_of(4)],
            prefix: [prefix_of(1), prefix_of(2), prefix_of(3)],
            cluster: [NONE ^ 11; 2],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_forms_read_as_ascii() {
        assert_eq!(normalize("don’t"), "don't");
        assert_eq!(normalize("“Yes”"), "\"Yes\"");
        assert_eq!(normalize("—"), "--");
        assert_eq!(Lex::new("’s"), Lex::new("'s"));
        assert_eq!(Lex::new("“"), Lex::new("\""));
    }

    #[test]
    fn digits_and_case() {
        assert_eq!(Lex::new("1995").lower, Lex::new("2024").lower);
        assert_ne!(Lex::new("1995").form, Lex::new("2024").form);
        assert_eq!(Lex::new("Korea").lower, Lex::new("korea").lower);
        assert_eq!(Lex::new("Korea").shape, Lex::new("Japan").shape);
        assert_eq!(Lex::new("a").suffix[3], NONE);
        // Multi-byte characters never split.
        let l = Lex::new("日本語テキスト");
        assert_ne!(l.suffix[0], NONE);
    }
}
