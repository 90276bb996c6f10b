//! Input expansion: command-line inputs (files, directories, globs, `-`, URLs) become a lazy
//! stream of [`Item`]s, one per article, and [`Failure`]s for what could not be read.
//!
//! The stream is pulled one item at a time, so a JSONL or WARC file of any size is read as it
//! goes: memory does not grow with the corpus.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;

use crate::container::{FeedItems, JsonlItems, WarcItems};
use crate::fetch::{Fetcher, host};

/// Largest single article file read into memory.
const MAX_FILE: u64 = 64 << 20;

/// How an item's bytes should be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
}

/// Where an item's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Already read.
    Bytes(Vec<u8>),
    /// To fetch from this URL (feed items): workers fetch in parallel.
    Fetch(String),
}

/// One article to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Name for messages: `path`, `file.jsonl:17`, `file.warc#3`, a URL.
    pub name: String,
    /// The bytes, or where to get them.
    pub body: Body,
    /// The format, when the container says.
    pub format: Option<Format>,
    /// The container's id for it (JSONL `id`).
    pub external_id: Option<String>,
    /// Headline given by the container.
    pub title: Option<String>,
    /// Publication day `YYYY-MM-DD` given by the container.
    pub date: Option<String>,
    /// URL of the article.
    pub url: Option<String>,
    /// Publisher or collection.
    pub source: String,
}

/// Something that could not be read, and why: printed as `name: problem`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// `path`, `file.jsonl:17`, a URL.
    pub name: String,
    /// What went wrong.
    pub problem: String,
}

impl Failure {
    pub(crate) fn new(name: impl Into<String>, problem: impl Into<String>) -> Failure {
        Failure {
            name: name.into(),
            problem: problem.into(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.name, self.problem)
    }
}

type ItemStream = Box<dyn Iterator<Item = Result<Item, Failure>>>;

enum Pending {
    Arg(String),
    Path(PathBuf),
}

/// The lazy stream of items behind a list of inputs.
pub struct Inputs {
    queue: VecDeque<Pending>,
    current: Option<ItemStream>,
    stdin: Option<Box<dyn BufRead>>,
    fetcher: Option<Arc<Fetcher>>,
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("pending", &self.queue.len())
            .finish_non_exhaustive()
    }
}

impl Inputs {
    /// Expands `inputs`. `stdin` supplies paths for `-` (one per line); `fetcher` is needed
    /// for URL inputs (without one they fail).
    pub fn new(
        inputs: &[String],
        stdin: Option<Box<dyn BufRead>>,
        fetcher: Option<Arc<Fetcher>>,
    ) -> Inputs {
        Inputs {
            queue: inputs.iter().cloned().map(Pending::Arg).collect(),
            current: None,
            stdin,
            fetcher,
        }
    }

    fn expand_arg(&mut self, arg: String) -> Option<Result<Item, Failure>> {
        if arg == "-" {
            let Some(stdin) = self.stdin.take() else {
                return Some(Err(Failure::new("-", "standard input was already read")));
            };
            let mut paths = Vec::new();
            for line in stdin.lines() {
                match line {
                    Ok(line) if !line.trim().is_empty() => {
                        paths.push(Pending::Arg(line.trim().to_string()))
                    }
                    Ok(_) => {}
                    Err(e) => return Some(Err(Failure::new("-", format!("reading paths: {e}")))),
                }
            }
            for p in paths.into_iter().rev() {
                self.queue.push_front(p);
            }
            return None;
        }
        if arg.starts_with("http://") || arg.starts_with("https://") {
            return self.expand_url(arg);
        }
        let path = PathBuf::from(&arg);
        if path.exists() {
            self.queue.push_front(Pending::Path(path));
            return None;
        }
        if arg.contains(['*', '?', '[']) {
            let paths = match glob::glob(&arg) {
                Ok(paths) => paths,
                Err(e) => return Some(Err(Failure::new(arg, format!("bad pattern: {e}")))),
            };
            let mut found: Vec<PathBuf> = Vec::new();
            for p in paths {
                match p {
                    Ok(p) => found.push(p),
                    Err(e) => return Some(Err(Failure::new(arg, e.to_string()))),
                }
            }
            if found.is_empty() {
                return Some(Err(Failure::new(arg, "pattern matched no files")));
            }
            found.sort();
            for p in found.into_iter().rev() {
                self.queue.push_front(Pending::Path(p));
            }
            return None;
        }
        Some(Err(Failure::new(arg, "no such file or directory")))
    }

    fn expand_url(&mut self, url: String) -> Option<Result<Item, Failure>> {
        let Some(fetcher) = self.fetcher.clone() else {
            return Some(Err(Failure::new(url, "fetching URLs is turned off")));
        };
        let bytes = match fetcher.get(&url) {
            Ok(b) => b,
            Err(problem) => return Some(Err(Failure::new(url, problem))),
        };
        let bytes = match maybe_gunzip(bytes) {
            Ok(b) => b,
            Err(problem) => return Some(Err(Failure::new(url, problem))),
        };
        if looks_like_feed(&bytes) {
            self.current = Some(Box::new(FeedItems::parse(&url, &bytes, Some(&url))));
            return None;
        }
        // Not a feed: the page itself is an article.
        let source = host(&url).unwrap_or_else(|| "web".into());
        Some(Ok(Item {
            name: url.clone(),
            body: Body::Bytes(bytes),
            format: Some(Format::Html),
            external_id: None,
            title: None,
            date: None,
            url: Some(url),
            source,
        }))
    }

    fn expand_path(&mut self, path: PathBuf) -> Option<Result<Item, Failure>> {
        let name = path.display().to_string();
        if path.is_dir() {
            let entries = match std::fs::read_dir(&path) {
                Ok(e) => e,
                Err(e) => return Some(Err(Failure::new(name, e.to_string()))),
            };
            let mut children: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                // Hidden files and folders (.git, editor swap files) are not articles.
                .filter(|p| {
                    !p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect();
            children.sort();
            for c in children.into_iter().rev() {
                self.queue.push_front(Pending::Path(c));
            }
            return None;
        }
        match open_file(&path) {
            Ok(Opened::Stream(stream)) => {
                self.current = Some(stream);
                None
            }
            Ok(Opened::Item(item)) => Some(Ok(*item)),
            Err(problem) => Some(Err(Failure::new(name, problem))),
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<Item, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(current) = &mut self.current {
                if let Some(next) = current.next() {
                    return Some(next);
                }
                self.current = None;
            }
            let produced = match self.queue.pop_front()? {
                Pending::Arg(arg) => self.expand_arg(arg),
                Pending::Path(path) => self.expand_path(path),
            };
            if produced.is_some() {
                return produced;
            }
        }
    }
}

enum Opened {
    Stream(ItemStream),
    Item(Box<Item>),
}

/// What kind of container a file is, by its name (`.gz` removed) and first bytes.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Jsonl,
    Warc,
    Feed,
    Article(Option<Format>),
}

fn kind_of(stem: &str, head: &[u8]) -> Kind {
    let lower = stem.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "jsonl" | "ndjson" => return Kind::Jsonl,
        "warc" => return Kind::Warc,
        "rss" | "atom" => return Kind::Feed,
        "html" | "htm" | "xhtml" => return Kind::Article(Some(Format::Html)),
        "txt" | "text" | "md" => return Kind::Article(Some(Format::Text)),
        _ => {}
    }
    if head.starts_with(b"WARC/") {
        Kind::Warc
    } else if looks_like_feed(head) {
        Kind::Feed
    } else if head.trim_ascii_start().starts_with(b"{") {
        Kind::Jsonl
    } else {
        Kind::Article(None)
    }
}

/// True when the bytes start like an RSS or Atom document.
fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    (text.starts_with("<?xml") || text.starts_with("<rss") || text.starts_with("<feed"))
        && (text.contains("<rss") || text.contains("<feed") || text.contains("<rdf:rdf"))
}

fn open_file(path: &Path) -> Result<Opened, String> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut raw = BufReader::new(file);
    let gz = raw
        .fill_buf()
        .map_err(|e| e.to_string())?
        .starts_with(&[0x1f, 0x8b]);
    let mut reader: Box<dyn BufRead> = if gz {
        Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(raw)))
    } else {
        Box::new(raw)
    };
    let head = reader.fill_buf().map_err(|e| gz_problem(gz, &e))?.to_vec();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = if gz {
        file_name
            .strip_suffix(".gz")
            .or(file_name.strip_suffix(".GZ"))
            .unwrap_or(&file_name)
    } else {
        &file_name
    };
    match kind_of(stem, &head) {
        Kind::Jsonl => {
            let source = stem.split('.').next().unwrap_or("jsonl").to_string();
            Ok(Opened::Stream(Box::new(JsonlItems::new(
                name, reader, source, gz,
            ))))
        }
        Kind::Warc => Ok(Opened::Stream(Box::new(WarcItems::new(name, reader)))),
        Kind::Feed => {
            let bytes = read_capped(reader, gz)?;
            Ok(Opened::Stream(Box::new(FeedItems::parse(
                &name, &bytes, None,
            ))))
        }
        Kind::Article(format) => {
            let bytes = read_capped(reader, gz)?;
            // A folder of articles is usually one publisher's: name the source after it.
            let source = path
                .parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "local".into());
            Ok(Opened::Item(Box::new(Item {
                name,
                body: Body::Bytes(bytes),
                format,
                external_id: None,
                title: None,
                date: None,
                url: None,
                source,
            })))
        }
    }
}

fn read_capped(reader: impl Read, gz: bool) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| gz_problem(gz, &e))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(format!("larger than {} MB", MAX_FILE >> 20));
    }
    Ok(bytes)
}

/// A read error, named as a gzip problem when the file is compressed (that is nearly always
/// the cause: a truncated or corrupt stream).
pub(crate) fn gz_problem(gz: bool, e: &std::io::Error) -> String {
    if gz {
        format!("broken gzip data ({e})")
    } else {
        e.to_string()
    }
}

fn maybe_gunzip(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    read_capped(MultiGzDecoder::new(&bytes[..]), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name_then_content() {
        assert_eq!(kind_of("a.jsonl", b""), Kind::Jsonl);
        assert_eq!(kind_of("a.WARC", b""), Kind::Warc);
        assert_eq!(
            kind_of("a.html", b"hello"),
            Kind::Article(Some(Format::Html))
        );
        assert_eq!(kind_of("a", b"WARC/1.0\r\n"), Kind::Warc);
        assert_eq!(
            kind_of("feed", b"<?xml version=\"1.0\"?><rss version=\"2.0\">"),
            Kind::Feed
        );
        assert_eq!(
            kind_of("x.xml", b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Kind::Feed
        );
        assert_eq!(
            kind_of("x.xml", b"<?xml version=\"1.0\"?><html>"),
            Kind::Article(None)
        );
        assert_eq!(kind_of("data", b"  {\"id\": 1}"), Kind::Jsonl);
        assert_eq!(kind_of("story", b"The minister said"), Kind::Article(None));
    }

    #[test]
    fn missing_paths_and_empty_globs_fail_by_name() {
        let items: Vec<_> = Inputs::new(
            &["/no/such/file.txt".into(), "/no/such/*.txt".into()],
            None,
            None,
        )
        .collect();
        assert_eq!(
            items,
            vec![
                Err(Failure::new(
                    "/no/such/file.txt",
                    "no such file or directory"
                )),
                Err(Failure::new("/no/such/*.txt", "pattern matched no files")),
            ]
        );
    }

    #[test]
    fn urls_fail_without_a_fetcher() {
        let items: Vec<_> = Inputs::new(&["https://example.com/feed".into()], None, None).collect();
        assert_eq!(
            items,
            vec![Err(Failure::new(
                "https://example.com/feed",
                "fetching URLs is turned off"
            ))]
        );
    }

    #[test]
    fn stdin_lists_paths() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "First article.").unwrap();
        let stdin: Box<dyn BufRead> =
            Box::new(std::io::Cursor::new(format!("{}\n\n", a.display())));
        let items: Vec<_> = Inputs::new(&["-".into()], Some(stdin), None).collect();
        assert_eq!(items.len(), 1);
        let item = items[0].as_ref().unwrap();
        assert_eq!(item.body, Body::Bytes(b"First article.".to_vec()));
        assert_eq!(item.format, Some(Format::Text));
    }
}
