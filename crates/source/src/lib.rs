//! Bytes in: reads a file or standard input, checks that it is text, and tells plain text
//! from HTML.
//!
//! This is the only stage that touches the file system for `sitrep read`. It refuses what
//! cannot be an article (binary data, invalid UTF-8, files past a size limit) with an error
//! that names the input and the problem, and decodes the rest into a `String`.
//!
//! ```
//! use sitrep_source::{decode, SourceKind};
//! let src = decode("stdin", b"<!doctype html><p>Hi</p>".to_vec()).unwrap();
//! assert_eq!(src.kind, SourceKind::Html);
//! ```

use std::io::Read;
use std::path::Path;

/// Inputs larger than this are refused: no news article comes near it, and reading one
/// into memory to annotate it would only exhaust the machine.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// What the input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Plain text, possibly scraped from a page.
    Text,
    /// An HTML page.
    Html,
}

/// A decoded input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// A name for messages: the path, or `stdin`.
    pub name: String,
    /// The text, as UTF-8 (a leading byte-order mark removed).
    pub text: String,
    /// Text or HTML, sniffed from the content.
    pub kind: SourceKind,
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file could not be opened or read.
    #[error("{name}: cannot read: {source}")]
    Io {
        /// The input's name.
        name: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The input is larger than [`MAX_INPUT_BYTES`].
    #[error("{name}: too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge {
        /// The input's name.
        name: String,
        /// Its size, or a lower bound of it.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The input holds binary data.
    #[error("{name}: binary data, not text (NUL byte at offset {offset})")]
    Binary {
        /// The input's name.
        name: String,
        /// Where the first NUL byte is.
        offset: usize,
    },
    /// The input is not valid UTF-8.
    #[error("{name}: not UTF-8 text (invalid byte at offset {offset}); convert it to UTF-8 first")]
    NotUtf8 {
        /// The input's name.
        name: String,
        /// Where decoding failed.
        offset: usize,
    },
}

/// Reads a file (`-` means standard input) and decodes it.
pub fn read_path(path: &Path) -> Result<Source, SourceError> {
    let bytes = read_bytes(path)?;
    decode(&path.display().to_string(), bytes)
}

/// Reads a file (`-` means standard input) under the size limit, without decoding it (for
/// callers that hand the bytes to a later stage that decodes them, such as the pipeline).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, SourceError> {
    let name = path.display().to_string();
    let io = |source| SourceError::Io {
        name: name.clone(),
        source,
    };
    if path.as_os_str() == "-" {
        return read_limited(std::io::stdin().lock(), &name);
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    if metadata.is_dir() {
        return Err(io(std::io::Error::other("is a directory")));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(SourceError::TooLarge {
            name,
            size: metadata.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    read_limited(file, &name)
}

fn read_limited(reader: impl Read, name: &str) -> Result<Vec<u8>, SourceError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| SourceError::Io {
            name: name.to_string(),
            source,
        })?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(SourceError::TooLarge {
            name: name.to_string(),
            size: bytes.len() as u64,
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(bytes)
}

/// Decodes bytes already in memory.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<Source, SourceError> {
    // Binary files almost always hold NUL bytes early; text never does.
    if let Some(offset) = bytes.iter().take(64 * 1024).position(|&b| b == 0) {
        return Err(SourceError::Binary {
            name: name.to_string(),
            offset,
        });
    }
    let mut text = String::from_utf8(bytes).map_err(|e| SourceError::NotUtf8 {
        name: name.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    let kind = if looks_like_html(&text) {
        SourceKind::Html
    } else {
        SourceKind::Text
    };
    Ok(Source {
        name: name.to_string(),
        text,
        kind,
    })
}

/// Whether text looks like an HTML document: after whitespace it opens with a doctype, one of
/// the tags a page starts with, or an XML prolog or comment followed by `<html>`; or, for a
/// fragment, it holds several block-level tags early. The only HTML sniffer in sitrep.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    const MARKS: [&str; 6] = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
    ];
    if MARKS.iter().any(|m| trimmed.starts_with(m)) {
        return true;
    }
    // An XML prolog or a comment may precede the document element: require a real tag.
    if trimmed.starts_with("<?xml") || trimmed.starts_with("<!--") {
        return trimmed.contains("<html");
    }
    let tags = [
        "<p>", "<p ", "<div", "<article", "<br", "</p>", "<meta ", "<title>",
    ];
    trimmed.starts_with('<') && tags.iter().map(|t| head.matches(t).count()).sum::<usize>() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_html_and_text() {
        assert!(looks_like_html("  <!DOCTYPE html><html></html>"));
        assert!(looks_like_html("<div><p>a</p><p>b</p></div>"));
        assert!(!looks_like_html("Seoul said on Friday that <b> is a tag."));
        assert!(!looks_like_html("Plain text article.\n\nSecond paragraph."));
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<!-- generated --><html>"));
        assert!(looks_like_html(
            "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"
        ));
        assert!(!looks_like_html(
            "<?xml version=\"1.0\"?><rss version=\"2.0\">"
        ));
        assert!(!looks_like_html("Plain text article. <b> appears later"));
        assert!(!looks_like_html("%PDF-1.7 binary"));
        assert!(!looks_like_html(""));
    }

    #[test]
    fn refuses_binary_and_bad_utf8() {
        assert!(matches!(
            decode("x", vec![b'a', 0, b'b']),
            Err(SourceError::Binary { offset: 1, .. })
        ));
        let err = decode("f.txt", vec![b'a', 0xff, b'b']).unwrap_err();
        assert!(matches!(err, SourceError::NotUtf8 { offset: 1, .. }));
        assert!(err.to_string().starts_with("f.txt: not UTF-8"));
    }

    #[test]
    fn strips_bom_and_reports_missing_files() {
        let src = decode("x", "\u{feff}Hello".as_bytes().to_vec()).unwrap();
        assert_eq!(src.text, "Hello");
        let err = read_path(Path::new("/nonexistent/article.txt")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("/nonexistent/article.txt: cannot read")
        );
    }
}
