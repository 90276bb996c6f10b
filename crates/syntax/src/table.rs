//! The frozen perceptron's lookup tables in one buffer, on transparent huge pages where the
//! system offers them (`sitrep-memory`).
//!
//! Scoring makes ~200 random lookups per word into a slot table and a weight array of a few
//! megabytes each (~13 MB for the tagger's two passes and the parser): ~3,300 pages of 4 KB,
//! so lookups also miss the TLB, against 6 pages of 2 MB (plus the tails). On this machine
//! huge pages saved ~3 % of the analysis CPU time (`notes/syntax.md`, round 5); where the
//! system has none the bytes, hence the results, are the same.
//!
//! Values are stored as little-endian bytes and read back through fixed-size arrays
//! (`[u8; 8]`, `[u8; 2]`), which compile to plain loads: no `unsafe` reinterpretation.

use sitrep_memory::HugeBytes;

/// Slots (`u64`) followed by row data (`u16`), as bytes.
#[derive(Clone)]
pub(crate) struct Table {
    memory: HugeBytes,
    n_slots: usize,
    n_data: usize,
}

impl Table {
    /// A table holding `slots` then `data`.
    pub(crate) fn new(slots: &[u64], data: &[u16]) -> Table {
        let mut memory = HugeBytes::zeroed(slots.len() * 8 + data.len() * 2);
        let (s, d) = memory.split_at_mut(slots.len() * 8);
        for (to, v) in s.chunks_exact_mut(8).zip(slots) {
            to.copy_from_slice(&v.to_le_bytes());
        }
        for (to, v) in d.chunks_exact_mut(2).zip(data) {
            to.copy_from_slice(&v.to_le_bytes());
        }
        Table {
            memory,
            n_slots: slots.len(),
            n_data: data.len(),
        }
    }

    /// The slots, one `u64` each (read with [`u64::from_le_bytes`]).
    #[inline]
    pub(crate) fn slots(&self) -> &[[u8; 8]] {
        let bytes = self.memory.get(..self.n_slots * 8).unwrap_or(&[]);
        bytes.as_chunks().0
    }

    /// The row data, one `u16` each (read with [`u16::from_le_bytes`]).
    #[inline]
    pub(crate) fn data(&self) -> &[[u8; 2]] {
        let bytes = self.memory.get(self.n_slots * 8..).unwrap_or(&[]);
        bytes.as_chunks().0.get(..self.n_data).unwrap_or(&[])
    }

    /// The row data as bytes (two per `u16`), for reading a (class, value) pair at once.
    #[inline]
    pub(crate) fn data_bytes(&self) -> &[u8] {
        let bytes = self.memory.get(self.n_slots * 8..).unwrap_or(&[]);
        bytes.get(..self.n_data * 2).unwrap_or(&[])
    }

    /// Whether the table lives in a mapping advised for huge pages (whether the kernel
    /// granted them is its business: see `AnonHugePages` in `/proc/PID/smaps`).
    #[cfg(test)]
    pub(crate) fn is_mapped(&self) -> bool {
        self.memory.is_mapped()
    }
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("n_slots", &self.n_slots)
            .field("n_data", &self.n_data)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_can_be_shared_between_threads() {
        // The pipeline analyzes documents in parallel with one model.
        fn shared<T: Send + Sync>() {}
        shared::<Table>();
        shared::<crate::Syntax>();
    }

    #[test]
    fn values_read_back_on_the_heap_and_in_a_mapping() {
        for n in [16usize, 500_000] {
            let slots: Vec<u64> = (0..n as u64)
                .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
                .collect();
            let data: Vec<u16> = (0..n as u16).rev().collect();
            let t = Table::new(&slots, &data);
            assert_eq!(t.is_mapped(), cfg!(unix) && n * 10 >= 2 << 20);
            for table in [&t, &t.clone()] {
                let s: Vec<u64> = table
                    .slots()
                    .iter()
                    .map(|b| u64::from_le_bytes(*b))
                    .collect();
                let d: Vec<u16> = table
                    .data()
                    .iter()
                    .map(|b| u16::from_le_bytes(*b))
                    .collect();
                assert_eq!(s, slots);
                assert_eq!(d, data);
            }
        }
    }
}
