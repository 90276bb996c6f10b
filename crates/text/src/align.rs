//! Alignment maps between texts, and byte-to-code-point conversion.

use crate::Span;

/// Where each byte range of a derived text came from in its source text.
///
/// Built piece by piece while a transformation copies slices of the source into the output
/// (see [`AlignmentBuilder`]). Bytes that the transformation inserted itself (for instance a
/// newline between two kept paragraphs) map to the source position of the piece before them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    /// `(output_start, source_start, len)` for each copied piece, in output order.
    pieces: Vec<(usize, usize, usize)>,
    output_len: usize,
}

impl Alignment {
    /// The identity alignment of a text of `len` bytes onto itself.
    pub fn identity(len: usize) -> Alignment {
        Alignment {
            pieces: vec![(0, 0, len)],
            output_len: len,
        }
    }

    /// Maps an output byte offset to the source byte offset it came from.
    pub fn to_source_offset(&self, offset: usize) -> usize {
        // The last piece starting at or before `offset`.
        let idx = self.pieces.partition_point(|&(out, _, _)| out <= offset);
        if idx == 0 {
            return self.pieces.first().map_or(0, |&(_, src, _)| src);
        }
        let (out, src, len) = self.pieces[idx - 1];
        src + (offset - out).min(len)
    }

    /// Maps a span of the output text to the span of source text it came from.
    pub fn to_source(&self, span: Span) -> Span {
        let start = self.to_source_offset(span.start());
        let end = if span.is_empty() {
            start
        } else {
            // Map the last byte, then step past it, so that a span ending at a piece boundary
            // does not jump to the start of the next piece.
            self.to_source_offset(span.end() - 1) + 1
        };
        Span::from_range(start..end.max(start))
    }

    /// Length of the output text this alignment describes.
    pub fn output_len(&self) -> usize {
        self.output_len
    }
}

/// Builds an output string and its [`Alignment`] together, so the two cannot drift apart.
#[derive(Debug, Default)]
pub struct AlignmentBuilder {
    text: String,
    alignment: Alignment,
}

impl AlignmentBuilder {
    /// An empty builder.
    pub fn new() -> AlignmentBuilder {
        AlignmentBuilder::default()
    }

    /// Appends `source[span]` to the output, remembering where it came from.
    pub fn push_source(&mut self, source: &str, span: Span) {
        let piece = span.slice(source);
        if piece.is_empty() {
            return;
        }
        self.alignment
            .pieces
            .push((self.text.len(), span.start(), piece.len()));
        self.text.push_str(piece);
        self.alignment.output_len = self.text.len();
    }

    /// Appends text that has no source (a separator the transformation inserted).
    pub fn push_inserted(&mut self, s: &str) {
        self.text.push_str(s);
        self.alignment.output_len = self.text.len();
    }

    /// The output built so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Finishes: the output text and its alignment to the source.
    pub fn finish(self) -> (String, Alignment) {
        (self.text, self.alignment)
    }
}

/// Converts byte offsets of one text to Unicode code point offsets.
///
/// The record's contract counts code points (Python's `text[start:end]`); the pipeline
/// counts bytes. This index is built once per text and answers each conversion in
/// `O(log n)` time on multi-byte text and `O(1)` on ASCII.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of each non-ASCII char, in order; empty for ASCII text.
    multibyte: Vec<(usize, usize)>,
    ascii: bool,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharIndex {
        let ascii = text.is_ascii();
        let mut multibyte = Vec::new();
        if !ascii {
            for (i, c) in text.char_indices() {
                if c.len_utf8() > 1 {
                    multibyte.push((i, c.len_utf8()));
                }
            }
        }
        CharIndex { multibyte, ascii }
    }

    /// The code point offset of byte offset `byte` (which must be a char boundary).
    pub fn to_char(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let before = self.multibyte.partition_point(|&(i, _)| i < byte);
        let extra: usize = self.multibyte[..before].iter().map(|&(_, l)| l - 1).sum();
        byte - extra
    }

    /// A span's `(start, end)` in code points.
    pub fn to_chars(&self, span: Span) -> (usize, usize) {
        (self.to_char(span.start()), self.to_char(span.end()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_maps_output_back_to_source() {
        let source = "junk Hello junk world!";
        let mut b = AlignmentBuilder::new();
        b.push_source(source, Span::from_range(5..10));
        b.push_inserted(" ");
        b.push_source(source, Span::from_range(16..22));
        let (text, align) = b.finish();
        assert_eq!(text, "Hello world!");
        let world = Span::from_range(6..11);
        assert_eq!(world.slice(&text), "world");
        assert_eq!(align.to_source(world).slice(source), "world");
        let hello = Span::from_range(0..5);
        assert_eq!(align.to_source(hello).slice(source), "Hello");
    }

    #[test]
    fn char_index_counts_code_points() {
        let text = "Andreï said “yes”";
        let idx = CharIndex::new(text);
        let yes = text.find("yes").unwrap();
        assert_eq!(idx.to_char(yes), text[..yes].chars().count());
        assert_eq!(idx.to_char(text.len()), text.chars().count());
    }

    proptest::proptest! {
        #[test]
        fn char_index_agrees_with_chars(s in "\\PC{0,40}") {
            let idx = CharIndex::new(&s);
            for (i, _) in s.char_indices() {
                proptest::prop_assert_eq!(idx.to_char(i), s[..i].chars().count());
            }
        }
    }
}
