//! Spans over text, and the maps that carry them across transformations.
//!
//! Every stage of sitrep points into text with a [`Span`]: a half-open range of **UTF-8 byte
//! offsets** into one string, always on `char` boundaries. Bytes are the unit everywhere inside
//! the pipeline; the record writer converts to Unicode code points once, at the edge, with a
//! [`CharIndex`].
//!
//! Cleaning turns the input into a shorter article text. An [`Alignment`] remembers, for every
//! byte of the output, where it came from in the input, so provenance survives cleaning.
//!
//! ```
//! use sitrep_text::{Span, CharIndex};
//! let text = "Kyiv — Seoul";
//! let seoul = Span::new(text, 9, 14).unwrap();
//! assert_eq!(seoul.slice(text), "Seoul");
//! let chars = CharIndex::new(text);
//! assert_eq!(chars.to_chars(seoul), (7, 12));
//! ```

mod align;
mod span;

pub use align::{Alignment, AlignmentBuilder, CharIndex};
pub use span::{Span, SpanError};
