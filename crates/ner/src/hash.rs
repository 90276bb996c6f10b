//! Fast, fixed (seedless, platform-independent) hashing for feature strings: a model trained
//! on one machine must hash the same way on every other.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Finalizer of MurmurHash3: spreads every input bit over the output.
#[inline]
pub(crate) fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// Hashes bytes, eight at a time.
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(a)).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut a = [0u8; 8];
        a[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(a)).wrapping_mul(K).rotate_left(29);
    }
    fmix(h)
}

/// Combines a template id with one value.
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    fmix(a.wrapping_mul(K) ^ b.rotate_left(17) ^ 0x5bd1_e995)
}

/// Combines a template id with two values.
#[inline]
pub(crate) fn mix3(a: u64, b: u64, c: u64) -> u64 {
    mix(mix(a, b), c)
}
