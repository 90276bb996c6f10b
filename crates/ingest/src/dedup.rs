//! Near-duplicate detection: MinHash signatures over word shingles, and LSH banding to find
//! candidates without comparing against every stored article.
//!
//! A syndicated copy keeps most of its original's word sequences and adds or drops a little
//! boilerplate (a dateline, a credit line, a "read more" footer). The Jaccard similarity of
//! the two sets of word 5-grams stays high, and MinHash estimates it from fixed-size
//! signatures: the share of slots where two signatures agree. LSH cuts a signature into bands
//! of rows; two articles become candidates when one band is identical, which with 32 bands of
//! 4 rows happens with probability `1 - (1 - J^4)^32`: 0.92 at J = 0.55, 0.9997 at J = 0.7,
//! 0.07 at J = 0.2. Candidates are then checked against [`MinHasher::threshold`].

/// Words per shingle. Five keeps common phrases ("the president of the") from making
/// unrelated articles look alike, while one changed word only breaks five shingles.
const SHINGLE: usize = 5;

/// Signature length and its banding (`BANDS * ROWS == SLOTS`).
const SLOTS: usize = 128;
const BANDS: usize = 32;
const ROWS: usize = SLOTS / BANDS;

/// Computes signatures and band keys; the parameters are fixed so that stored signatures stay
/// comparable across runs.
#[derive(Debug, Clone)]
pub struct MinHasher {
    seeds: Vec<u64>,
    threshold: f64,
}

impl Default for MinHasher {
    fn default() -> Self {
        MinHasher::new(0.6)
    }
}

impl MinHasher {
    /// A hasher calling two articles copies at or above `threshold` estimated Jaccard
    /// similarity of their word 5-grams.
    pub fn new(threshold: f64) -> MinHasher {
        // Fixed seeds derived from the slot number: signatures must not change between runs.
        let seeds = (0..SLOTS as u64)
            .map(|i| splitmix64(i.wrapping_add(0x5172_6570)))
            .collect();
        MinHasher { seeds, threshold }
    }

    /// The similarity at or above which an article is a copy.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The signature of `text`, or an empty one when the text has no words.
    pub fn signature(&self, text: &str) -> Vec<u32> {
        // The lower-cased words, back to back in one buffer (one allocation per text, not per
        // word), each as its byte range.
        let mut lower = String::with_capacity(text.len());
        // Sized for ~6 bytes a word (a word and a space in English news), so it rarely grows.
        let mut words: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 6 + 1);
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            let start = lower.len();
            if word.is_ascii() {
                lower.push_str(word);
                lower[start..].make_ascii_lowercase();
            } else {
                // `str::to_lowercase` (not per char): it lower-cases a word-final sigma
                // differently, and the hashed words must stay exactly as they were.
                lower.push_str(&word.to_lowercase());
            }
            words.push((start, lower.len()));
        }
        if words.is_empty() {
            return Vec::new();
        }
        let bytes = lower.as_bytes();
        let mut sig = [u32::MAX; SLOTS];
        // Short texts are one shingle of all their words.
        for shingle in words.windows(SHINGLE.min(words.len())) {
            let base = shingle_hash(shingle.iter().map(|&(s, e)| &bytes[s..e]));
            for (slot, seed) in sig.iter_mut().zip(&self.seeds) {
                // The high half of a strong mix of (shingle, seed) acts as one random
                // permutation per slot. A min, not a branch: early in a text the comparison
                // goes either way at random.
                let h = (splitmix64(base ^ seed) >> 32) as u32;
                *slot = (*slot).min(h);
            }
        }
        sig.to_vec()
    }

    /// One key per band of `signature` (empty for an empty signature).
    pub fn bands(&self, signature: &[u32]) -> Vec<i64> {
        signature
            .chunks_exact(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut h = splitmix64(band as u64);
                for &r in rows {
                    h = splitmix64(h ^ u64::from(r));
                }
                h as i64
            })
            .collect()
    }

    /// True when the two signatures are similar enough to call one a copy of the other.
    pub fn is_copy(&self, a: &[u32], b: &[u32]) -> bool {
        similarity(a, b) >= self.threshold
    }
}

/// Estimated Jaccard similarity: the share of slots where the signatures agree (0 when
/// either is empty or their lengths differ).
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len() as f64
}

fn shingle_hash<'a>(words: impl Iterator<Item = &'a [u8]>) -> u64 {
    // FNV-1a over the words with a separator: stable across builds, unlike std's hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for &b in w.iter().chain(b" ") {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The central bank raised its main interest rate by half a point on \
        Thursday, the third increase this year, saying inflation had stayed well above its \
        target for longer than expected. Officials said further rises were possible if prices \
        kept climbing, while business groups warned that higher borrowing costs would hurt \
        small firms already struggling with energy bills.";

    fn jaccard(a: &str, b: &str) -> f64 {
        let set = |t: &str| {
            let w: Vec<String> = t
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            w.windows(SHINGLE)
                .map(|s| s.join(" "))
                .collect::<std::collections::HashSet<_>>()
        };
        let (a, b) = (set(a), set(b));
        a.intersection(&b).count() as f64 / a.union(&b).count() as f64
    }

    #[test]
    fn identical_texts_agree_everywhere() {
        let m = MinHasher::default();
        let s = m.signature(STORY);
        assert_eq!(s.len(), SLOTS);
        assert_eq!(similarity(&s, &m.signature(STORY)), 1.0);
        // Case and punctuation do not matter.
        assert_eq!(
            similarity(&s, &m.signature(&STORY.to_uppercase().replace(',', ""))),
            1.0
        );
    }

    #[test]
    fn a_copy_with_boilerplate_is_a_copy_and_estimates_jaccard() {
        let m = MinHasher::default();
        let copy = format!("LONDON (Wire) - {STORY} Read more: subscribe to our newsletter.");
        let (a, b) = (m.signature(STORY), m.signature(&copy));
        let est = similarity(&a, &b);
        let exact = jaccard(STORY, &copy);
        assert!(
            (est - exact).abs() < 0.15,
            "estimate {est} vs exact {exact}"
        );
        assert!(m.is_copy(&a, &b));
        // They share at least one band, so LSH finds the pair.
        let shared = m
            .bands(&a)
            .iter()
            .zip(m.bands(&b))
            .filter(|(x, y)| **x == *y)
            .count();
        assert!(shared > 0);
    }

    #[test]
    fn a_different_story_on_the_same_topic_is_not_a_copy() {
        let m = MinHasher::default();
        let other = "The central bank kept its main interest rate unchanged on Tuesday, \
            saying inflation was falling faster than expected and growth had slowed. Business \
            groups welcomed the pause, while unions asked for help with energy bills.";
        let est = similarity(&m.signature(STORY), &m.signature(other));
        assert!(est < 0.2, "{est}");
        assert!(!m.is_copy(&m.signature(STORY), &m.signature(other)));
    }

    #[test]
    fn empty_and_short_texts() {
        let m = MinHasher::default();
        assert!(m.signature("  ... ").is_empty());
        assert!(m.bands(&[]).is_empty());
        assert_eq!(similarity(&[], &[]), 0.0);
        let s = m.signature("Two words");
        assert_eq!(s.len(), SLOTS);
        assert_eq!(m.bands(&s).len(), BANDS);
    }

    /// The signature as first written (a `String` per word, a branch per slot): stored
    /// signatures were made this way, so the faster code must agree with it exactly.
    fn signature_as_first_written(m: &MinHasher, text: &str) -> Vec<u32> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut sig = vec![u32::MAX; SLOTS];
        for shingle in words.windows(SHINGLE.min(words.len())) {
            let base = shingle_hash(shingle.iter().map(|w| w.as_bytes()));
            for (slot, seed) in sig.iter_mut().zip(&m.seeds) {
                let h = (splitmix64(base ^ seed) >> 32) as u32;
                if h < *slot {
                    *slot = h;
                }
            }
        }
        sig
    }

    #[test]
    fn signatures_match_the_first_implementation() {
        let m = MinHasher::default();
        for text in [
            STORY,
            "",
            "  ... ",
            "One",
            "one two three four",
            "ΟΔΥΣΣΕΥΣ ΚΑΙ ΣΙΣΥΦΟΣ: Σ-σ ΣΑΣ ΟΔΟΣ, Ǆemal İstanbul ẞtraße",
            "Straße café NAÏVE Ωmega 東京 tōkyō 123,456 U.S.-based co-op",
            "A\u{0}B\tc\nd--e__f ⅫII ǅ",
        ] {
            assert_eq!(
                m.signature(text),
                signature_as_first_written(&m, text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn signatures_are_stable_across_builds() {
        // Stored signatures are compared with new ones: pin a few slots.
        let s = MinHasher::default().signature("one two three four five six");
        assert_eq!(s.len(), SLOTS);
        let again = MinHasher::new(0.9).signature("one two three four five six");
        assert_eq!(s, again);
        assert_eq!(
            &s[..4],
            &[2_894_725_231, 938_647_303, 1_551_596_070, 856_810_817]
        );
    }
}
