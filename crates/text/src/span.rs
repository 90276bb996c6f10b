//! The [`Span`] type.

use std::fmt;
use std::ops::Range;

/// A half-open range `[start, end)` of UTF-8 byte offsets into one text.
///
/// Invariant: `start <= end`, and when built with [`Span::new`] both ends lie on `char`
/// boundaries of the text it was checked against. The fields are private so the invariant
/// cannot be broken after construction; spans are `Copy` and cheap to pass around.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    start: usize,
    end: usize,
}

/// Why a span could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpanError {
    /// `start > end`.
    Reversed {
        /// The start offset given.
        start: usize,
        /// The end offset given.
        end: usize,
    },
    /// An end lies past the end of the text.
    OutOfBounds {
        /// The offending offset.
        offset: usize,
        /// The text's length in bytes.
        len: usize,
    },
    /// An end falls inside a multi-byte character.
    NotCharBoundary {
        /// The offending offset.
        offset: usize,
    },
}

impl fmt::Display for SpanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpanError::Reversed { start, end } => {
                write!(f, "span start {start} is after end {end}")
            }
            SpanError::OutOfBounds { offset, len } => {
                write!(f, "offset {offset} is past the end of a {len}-byte text")
            }
            SpanError::NotCharBoundary { offset } => {
                write!(f, "offset {offset} falls inside a character")
            }
        }
    }
}

impl std::error::Error for SpanError {}

impl Span {
    /// Builds a span over `text`, checking order, bounds and char boundaries.
    pub fn new(text: &str, start: usize, end: usize) -> Result<Span, SpanError> {
        if start > end {
            return Err(SpanError::Reversed { start, end });
        }
        for offset in [start, end] {
            if offset > text.len() {
                return Err(SpanError::OutOfBounds {
                    offset,
                    len: text.len(),
                });
            }
            if !text.is_char_boundary(offset) {
                return Err(SpanError::NotCharBoundary { offset });
            }
        }
        Ok(Span { start, end })
    }

    /// Builds a span from offsets the caller already knows to be valid (for instance from
    /// `str::find` or `char_indices`). Only the order is checked; boundaries are the caller's
    /// promise, which `debug_assert`-style checks elsewhere (slicing) will catch in tests.
    pub fn from_range(range: Range<usize>) -> Span {
        let (start, end) = if range.start <= range.end {
            (range.start, range.end)
        } else {
            (range.end, range.end)
        };
        Span { start, end }
    }

    /// An empty span at `offset`.
    pub fn empty(offset: usize) -> Span {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// The first byte of the span.
    pub fn start(self) -> usize {
        self.start
    }

    /// One past the last byte of the span.
    pub fn end(self) -> usize {
        self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a `Range<usize>`.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The text the span covers. Returns `""` rather than panicking when the span does not
    /// fit `text` (a span applied to the wrong text is a bug, but never a crash).
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The span moved right by `delta` bytes (for spans found in a slice of a larger text).
    pub fn shift(self, delta: usize) -> Span {
        Span {
            start: self.start + delta,
            end: self.end + delta,
        }
    }

    /// The span with leading and trailing whitespace of `text` removed.
    pub fn trim(self, text: &str) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead == s.len() {
            return Span::empty(self.start);
        }
        Span {
            start: self.start + lead,
            end: self.end - trail,
        }
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_constructor_rejects_bad_spans() {
        let text = "Kyiv—Seoul";
        assert!(Span::new(text, 0, 4).is_ok());
        assert_eq!(
            Span::new(text, 5, 4),
            Err(SpanError::Reversed { start: 5, end: 4 })
        );
        assert_eq!(
            Span::new(text, 0, 99),
            Err(SpanError::OutOfBounds {
                offset: 99,
                len: 12
            })
        );
        assert_eq!(
            Span::new(text, 5, 6),
            Err(SpanError::NotCharBoundary { offset: 5 })
        );
    }

    #[test]
    fn trim_and_cover() {
        let text = "  Seoul  ";
        let s = Span::from_range(0..text.len()).trim(text);
        assert_eq!(s.slice(text), "Seoul");
        assert_eq!(Span::from_range(0..2).trim(text), Span::empty(0));
        assert_eq!(
            Span::from_range(1..3).cover(Span::from_range(5..7)),
            Span::from_range(1..7)
        );
        assert!(Span::from_range(1..7).contains(Span::from_range(2..3)));
        assert!(!Span::from_range(1..3).overlaps(Span::from_range(3..4)));
    }

    #[test]
    fn slicing_a_wrong_text_never_panics() {
        assert_eq!(Span::from_range(3..9).slice("ab"), "");
    }
}
