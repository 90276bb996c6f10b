//! A minimal little-endian binary format for the model file.
//!
//! The model is a sequence of sections written with [`Writer`] and read back with [`Reader`];
//! every read is bounds-checked so that a truncated or foreign file is an error, not a panic.

use crate::SyntaxError;

/// Appends little-endian values to a byte buffer.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, x: u8) {
        self.buf.push(x);
    }

    pub(crate) fn u16(&mut self, x: u16) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }

    /// An unsigned integer in 7-bit groups, low group first (LEB128): small numbers take one
    /// byte.
    pub(crate) fn varint(&mut self, mut x: u64) {
        while x >= 0x80 {
            self.buf.push((x as u8) | 0x80);
            x >>= 7;
        }
        self.buf.push(x as u8);
    }

    pub(crate) fn u32(&mut self, x: u32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, x: u64) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }

    pub(crate) fn f32(&mut self, x: f32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }

    /// A length (as u32; lengths above 4 billion never occur in this format) and the bytes.
    pub(crate) fn str(&mut self, s: &str) {
        self.len(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }

    pub(crate) fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }
}

/// Reads what [`Writer`] wrote.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], SyntaxError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| {
                SyntaxError::Model(format!(
                    "model truncated at byte {} (wanted {n} more)",
                    self.pos
                ))
            })?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], SyntaxError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, SyntaxError> {
        Ok(self.array::<1>()?[0])
    }

    /// Reads what [`Writer::varint`] wrote.
    pub(crate) fn varint(&mut self) -> Result<u64, SyntaxError> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            x |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Ok(x);
            }
        }
        Err(SyntaxError::Model(format!(
            "varint too long before byte {}",
            self.pos
        )))
    }

    pub(crate) fn u16(&mut self) -> Result<u16, SyntaxError> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    pub(crate) fn u32(&mut self) -> Result<u32, SyntaxError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, SyntaxError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    pub(crate) fn f32(&mut self) -> Result<f32, SyntaxError> {
        Ok(f32::from_le_bytes(self.array()?))
    }

    /// A length, checked against the bytes left so that a corrupt length cannot make the
    /// caller allocate gigabytes (`unit` is the minimum size of one element).
    pub(crate) fn len(&mut self, unit: usize) -> Result<usize, SyntaxError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(unit.max(1)) > self.bytes.len() - self.pos {
            return Err(SyntaxError::Model(format!(
                "implausible length {n} at byte {}",
                self.pos
            )));
        }
        Ok(n)
    }

    pub(crate) fn str(&mut self) -> Result<String, SyntaxError> {
        let n = self.len(1)?;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec())
            .map_err(|_| SyntaxError::Model(format!("invalid UTF-8 before byte {}", self.pos)))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_truncation() {
        let mut w = Writer::default();
        w.u8(7);
        w.u16(300);
        w.u32(70000);
        w.u64(u64::MAX - 1);
        w.f32(-1.5);
        w.str("héllo");
        for x in [0, 1, 127, 128, 300, u64::MAX] {
            w.varint(x);
        }
        let mut r = Reader::new(&w.buf);
        assert_eq!(r.u8().unwrap(), 7);
        assert_eq!(r.u16().unwrap(), 300);
        assert_eq!(r.u32().unwrap(), 70000);
        assert_eq!(r.u64().unwrap(), u64::MAX - 1);
        assert_eq!(r.f32().unwrap(), -1.5);
        assert_eq!(r.str().unwrap(), "héllo");
        for x in [0, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(r.varint().unwrap(), x);
        }
        assert!(r.is_empty());
        assert!(Reader::new(&[0xFF; 11]).varint().is_err());
        assert!(r.u8().is_err());
        let mut short = Reader::new(&w.buf[..5]);
        short.u8().unwrap();
        short.u16().unwrap();
        assert!(short.u32().is_err());
    }
}
