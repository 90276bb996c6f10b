//! Fixed-size bit filters that let the writer and the seen check skip SQLite lookups whose
//! answer is "nothing stored": a clear bit proves absence, a set bit only means "ask the
//! store". The size is a constant, so memory stays flat however large the store grows; a
//! fuller filter only answers "ask" more often, never wrongly "absent".

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Size of the LSH band key filter: 2^26 bits (8 MB). Reuters-21578 puts ~600,000 band keys
/// in it, and 0.9 % of lookups of absent keys still go to SQLite; with a million stored
/// articles (32 million keys) it is 38 %, still most lookups saved.
pub(crate) const BAND_BITS_LOG2: u32 = 26;

/// Size of the content hash filter: 2^24 bits (2 MB), one key per original article: 0.1 %
/// false hits at Reuters-21578's 18,734 articles, 6 % at a million.
pub(crate) const HASH_BITS_LOG2: u32 = 24;

/// A one-hash Bloom filter over 64-bit keys, safe to share between threads (bits are only
/// ever set, never cleared, while it is shared).
pub(crate) struct Bits {
    /// log2 of the number of bits (at least 6).
    log2: u32,
    /// Allocated on first use: a store that never looks anything up pays nothing.
    words: std::sync::OnceLock<Vec<AtomicU64>>,
    /// Whether every key of the store was added (see the owners for what "every" means).
    complete: AtomicBool,
}

/// Its size and state, not its megabytes of bits.
impl std::fmt::Debug for Bits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bits")
            .field("log2", &self.log2)
            .field("allocated", &self.words.get().is_some())
            .field("complete", &self.is_complete())
            .finish()
    }
}

impl Bits {
    /// An empty filter of 2^`log2` bits (allocated on first use).
    pub(crate) fn new(log2: u32) -> Bits {
        Bits {
            log2: log2.clamp(6, 40),
            words: std::sync::OnceLock::new(),
            complete: AtomicBool::new(false),
        }
    }

    fn words(&self) -> &[AtomicU64] {
        self.words.get_or_init(|| {
            (0..1usize << (self.log2 - 6))
                .map(|_| AtomicU64::new(0))
                .collect()
        })
    }

    /// Word index and bit mask of `key`. Keys are hashes already (band keys, content
    /// hashes), but a multiply spreads any structure in their high bits.
    fn slot(&self, key: u64) -> (usize, u64) {
        let h = key.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let bit = (h >> (64 - self.log2)) as usize;
        (bit >> 6, 1 << (bit & 63))
    }

    /// Adds `key`.
    pub(crate) fn insert(&self, key: u64) {
        let (word, mask) = self.slot(key);
        self.words()[word].fetch_or(mask, Ordering::Relaxed);
    }

    /// False only if `key` was never added.
    pub(crate) fn may_contain(&self, key: u64) -> bool {
        let (word, mask) = self.slot(key);
        self.words()[word].load(Ordering::Relaxed) & mask != 0
    }

    /// Whether the owner marked the filter as holding every key (so that a clear bit proves
    /// absence).
    pub(crate) fn is_complete(&self) -> bool {
        self.complete.load(Ordering::Acquire)
    }

    /// Marks the filter as holding every key.
    pub(crate) fn set_complete(&self) {
        self.complete.store(true, Ordering::Release);
    }

    /// Forgets everything (only with exclusive access).
    pub(crate) fn clear(&mut self) {
        if let Some(words) = self.words.get_mut() {
            for w in words {
                *w.get_mut() = 0;
            }
        }
        *self.complete.get_mut() = false;
    }
}

/// The filter key of an LSH band key: band `band`'s key `key`. Keys of different bands are
/// different hash functions of the signature, so the band is mixed in.
pub(crate) fn band_key(band: usize, key: i64) -> u64 {
    (key as u64) ^ (band as u64).wrapping_mul(0xd6e8_feb8_6659_fd93)
}

/// The filter key of a content hash (32 hex digits): its last 16 digits, already uniformly
/// spread by FNV; anything else (not written by [`crate::content_hash`]) is folded byte by
/// byte.
pub(crate) fn hash_key(hash: &str) -> u64 {
    let tail = hash.get(hash.len().saturating_sub(16)..).unwrap_or(hash);
    u64::from_str_radix(tail, 16).unwrap_or_else(|_| {
        hash.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_keys_are_mostly_told_apart_and_present_keys_always_found() {
        let bits = Bits::new(BAND_BITS_LOG2);
        let keys: Vec<u64> = (0..10_000u64)
            .map(|i| i.wrapping_mul(0x2545_f491_4f6c_dd1d))
            .collect();
        for &k in &keys {
            bits.insert(k);
        }
        assert!(keys.iter().all(|&k| bits.may_contain(k)));
        let false_hits = (10_000..20_000u64)
            .map(|i| i.wrapping_mul(0x2545_f491_4f6c_dd1d))
            .filter(|&k| bits.may_contain(k))
            .count();
        assert!(false_hits < 20, "{false_hits}");
        let mut bits = bits;
        bits.set_complete();
        bits.clear();
        assert!(!bits.is_complete());
        assert!(!bits.may_contain(keys[0]));
    }

    #[test]
    fn band_and_hash_keys_are_stable_and_distinct() {
        assert_ne!(band_key(0, 42), band_key(1, 42));
        assert_eq!(
            hash_key("6c62272e07bb014262b821756295c58d"),
            0x62b8_2175_6295_c58d
        );
        assert_ne!(hash_key("not hex at all, but long enough"), 0);
        assert_eq!(hash_key("xyz"), hash_key("xyz"));
    }
}
