//! Large lookup tables on transparent huge pages where the system offers them.
//!
//! The models score a word with hundreds of random reads into tables of tens of megabytes
//! (the entity tagger's weight rows, the parser's feature slots). On 4 KB pages nearly every
//! such read also misses the TLB; on 2 MB pages a whole table fits it. Linux gives a mapping
//! huge pages only when asked (`transparent_hugepage` in `madvise` mode is the common
//! default), so a large buffer goes to an anonymous mapping aligned to 2 MB and advised
//! `MADV_HUGEPAGE` (through `memmap2`, whose calls for this are safe). Where that fails (no
//! such mapping, no THP) the advice is ignored or the buffer is an ordinary heap
//! allocation: the bytes, hence every result read from them, are the same either way.
//!
//! The buffer is bytes: typed values are stored little-endian and read back through
//! fixed-size arrays (`[u8; 2]`, `[u8; 8]`), which compile to plain loads, with no `unsafe`
//! reinterpretation.

use std::ops::{Deref, DerefMut};

/// Size of a transparent huge page on x86-64 and most aarch64 kernels.
const HUGE_PAGE: usize = 2 << 20;

/// Buffers smaller than a huge page stay on the heap (tests build many small tables).
const HUGE_MIN: usize = HUGE_PAGE;

/// A zero-initialized byte buffer of fixed length, on huge pages when it is large and the
/// system allows. Dereferences to `[u8]`.
pub struct HugeBytes {
    memory: Memory,
}

enum Memory {
    Heap(Vec<u8>),
    /// `len` bytes from `start` (a 2 MB boundary) within `map`.
    #[cfg(unix)]
    Mapped {
        map: memmap2::MmapMut,
        start: usize,
        len: usize,
    },
}

impl HugeBytes {
    /// `len` zero bytes.
    pub fn zeroed(len: usize) -> HugeBytes {
        // Room to align the start. (The tail past the last whole huge page stays on small
        // pages: rounding it up would cost up to 2 MB of zeros per buffer.)
        #[cfg(unix)]
        if len >= HUGE_MIN
            && let Ok(map) = memmap2::MmapMut::map_anon(len + HUGE_PAGE)
        {
            // Only whole, aligned 2 MB ranges can be huge pages: start at the first boundary.
            let address = map.as_ptr().addr();
            let start = (HUGE_PAGE - address % HUGE_PAGE) % HUGE_PAGE;
            // Advice before the first touch, so that the page faults allocate huge pages;
            // only for the whole ones. Failure (a kernel without THP) leaves ordinary
            // pages: nothing to handle.
            let whole = len / HUGE_PAGE * HUGE_PAGE;
            if whole > 0 {
                map.advise_range(memmap2::Advice::HugePage, start, whole)
                    .ok();
            }
            return HugeBytes {
                memory: Memory::Mapped { map, start, len },
            };
        }
        HugeBytes {
            memory: Memory::Heap(vec![0; len]),
        }
    }

    /// A copy of `bytes`.
    pub fn copy_of(bytes: &[u8]) -> HugeBytes {
        let mut buffer = HugeBytes::zeroed(bytes.len());
        buffer.copy_from_slice(bytes);
        buffer
    }

    /// Little-endian `i16` values, two bytes each (read back with [`i16::from_le_bytes`]).
    pub fn from_i16s(values: &[i16]) -> HugeBytes {
        let mut buffer = HugeBytes::zeroed(values.len() * 2);
        for (to, v) in buffer.chunks_exact_mut(2).zip(values) {
            to.copy_from_slice(&v.to_le_bytes());
        }
        buffer
    }

    /// Whether the buffer lives in a mapping advised for huge pages (whether the kernel
    /// granted them is its business: see `AnonHugePages` in `/proc/PID/smaps`).
    pub fn is_mapped(&self) -> bool {
        !matches!(self.memory, Memory::Heap(_))
    }
}

impl Deref for HugeBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match &self.memory {
            Memory::Heap(v) => v,
            #[cfg(unix)]
            Memory::Mapped { map, start, len } => &map[*start..*start + *len],
        }
    }
}

impl DerefMut for HugeBytes {
    fn deref_mut(&mut self) -> &mut [u8] {
        match &mut self.memory {
            Memory::Heap(v) => v,
            #[cfg(unix)]
            Memory::Mapped { map, start, len } => &mut map[*start..*start + *len],
        }
    }
}

impl Clone for HugeBytes {
    fn clone(&self) -> HugeBytes {
        HugeBytes::copy_of(self)
    }
}

impl std::fmt::Debug for HugeBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HugeBytes")
            .field("len", &self.len())
            .field("mapped", &self.is_mapped())
            .finish()
    }
}

impl PartialEq for HugeBytes {
    fn eq(&self, other: &HugeBytes) -> bool {
        **self == **other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_buffers_stay_on_the_heap_and_large_ones_are_mapped_aligned() {
        let small = HugeBytes::zeroed(100);
        assert!(!small.is_mapped());
        assert_eq!(small.len(), 100);
        let mut large = HugeBytes::zeroed(3 * HUGE_MIN);
        assert_eq!(large.is_mapped(), cfg!(unix));
        assert_eq!(large.len(), 3 * HUGE_MIN);
        assert!(large.iter().all(|&b| b == 0));
        if large.is_mapped() {
            assert_eq!(large.as_ptr() as usize % HUGE_PAGE, 0);
        }
        large[3 * HUGE_MIN - 1] = 7;
        let copy = large.clone();
        assert_eq!(copy[3 * HUGE_MIN - 1], 7);
        assert_eq!(copy, large);
    }

    #[test]
    fn i16_values_read_back_the_same() {
        let values: Vec<i16> = (0..(HUGE_MIN as i32))
            .map(|i| (i * 37 - 5000) as i16)
            .collect();
        let buffer = HugeBytes::from_i16s(&values);
        let back: Vec<i16> = buffer
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect();
        assert_eq!(back, values);
        assert!(HugeBytes::from_i16s(&[]).is_empty());
    }
}
