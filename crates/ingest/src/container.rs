//! Containers of many articles: JSON Lines, WARC and RSS/Atom feeds. Each is an iterator of
//! items that reads as it goes and reports a bad record by its place (`file.jsonl:17`).

use std::io::{BufRead, Read};

use serde::Deserialize;
use sitrep_store::day;

use crate::fetch::host;
use crate::input::{Body, Failure, Format, Item, gz_problem};

/// One JSONL line, as `../shared/data/news/README.md` describes it (plus an optional
/// `source`).
#[derive(Debug, Deserialize)]
struct JsonlArticle {
    id: Option<serde_json::Value>,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    text: Option<String>,
    html: Option<String>,
    source: Option<String>,
}

/// Articles of a JSON Lines file, one per line.
pub(crate) struct JsonlItems {
    name: String,
    reader: Box<dyn BufRead>,
    default_source: String,
    gz: bool,
    line: usize,
    done: bool,
    buf: Vec<u8>,
}

impl JsonlItems {
    pub(crate) fn new(
        name: String,
        reader: Box<dyn BufRead>,
        default_source: String,
        gz: bool,
    ) -> JsonlItems {
        JsonlItems {
            name,
            reader,
            default_source,
            gz,
            line: 0,
            done: false,
            buf: Vec::new(),
        }
    }

    fn item(&self, line: &[u8]) -> Result<Item, Failure> {
        let at = format!("{}:{}", self.name, self.line);
        let article: JsonlArticle = serde_json::from_slice(line)
            .map_err(|e| Failure::new(&at, format!("malformed JSON line ({e})")))?;
        let (body, format) = match (article.text, article.html) {
            (Some(text), _) if !text.trim().is_empty() => (text, Format::Text),
            (_, Some(html)) if !html.trim().is_empty() => (html, Format::Html),
            _ => return Err(Failure::new(at, "no \"text\" or \"html\" field")),
        };
        let external_id = article.id.and_then(|id| match id {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        });
        // The publisher if the line names one, else the URL's host, else the collection
        // prefix of the id (`enwikinews:...`), else the file's name.
        let source = article
            .source
            .filter(|s| !s.trim().is_empty())
            .or_else(|| article.url.as_deref().and_then(host))
            .or_else(|| {
                external_id
                    .as_deref()
                    .and_then(|id| id.split_once(':'))
                    .map(|(p, _)| p.to_string())
            })
            .unwrap_or_else(|| self.default_source.clone());
        Ok(Item {
            name: at,
            body: Body::Bytes(body.into_bytes()),
            format: Some(format),
            external_id,
            title: article.title,
            date: article.date.as_deref().and_then(day),
            url: article.url,
            source,
        })
    }
}

impl Iterator for JsonlItems {
    type Item = Result<Item, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) if self.buf.trim_ascii().is_empty() => {}
                Ok(_) => {
                    let line = std::mem::take(&mut self.buf);
                    let item = self.item(line.trim_ascii());
                    self.buf = line;
                    return Some(item);
                }
                Err(e) => {
                    // A broken stream cannot be resynchronised: report where it broke, stop.
                    self.done = true;
                    let at = format!("{}:{}", self.name, self.line);
                    return Some(Err(Failure::new(at, gz_problem(self.gz, &e))));
                }
            }
        }
        None
    }
}

/// HTML responses of a WARC file (as in CC-NEWS); other records are skipped.
pub(crate) struct WarcItems {
    name: String,
    records: warc::RecordIter<Box<dyn BufRead>>,
    count: usize,
    done: bool,
}

impl WarcItems {
    pub(crate) fn new(name: String, reader: Box<dyn BufRead>) -> WarcItems {
        WarcItems {
            name,
            records: warc::WarcReader::new(reader).iter_records(),
            count: 0,
            done: false,
        }
    }
}

impl Iterator for WarcItems {
    type Item = Result<Item, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let record = match self.records.next() {
                None => {
                    self.done = true;
                    return None;
                }
                Some(Err(e)) => {
                    self.done = true;
                    let problem = match e {
                        warc::Error::UnexpectedEOB | warc::Error::ReadData(_) => {
                            format!(
                                "WARC truncated or corrupt after {} records ({e})",
                                self.count
                            )
                        }
                        other => format!("bad WARC record after {} records ({other})", self.count),
                    };
                    return Some(Err(Failure::new(&self.name, problem)));
                }
                Some(Ok(record)) => record,
            };
            self.count += 1;
            if *record.warc_type() != warc::RecordType::Response {
                continue;
            }
            let url = record
                .header(warc::WarcHeader::TargetURI)
                .map(|u| u.into_owned());
            let date = record.header(warc::WarcHeader::Date).and_then(|d| day(&d));
            let at = format!("{}#{}", self.name, self.count);
            let Some(payload) = http_payload(record.body()) else {
                continue;
            };
            let body = match payload {
                Ok(body) => body,
                Err(problem) => return Some(Err(Failure::new(at, problem))),
            };
            let source = url
                .as_deref()
                .and_then(host)
                .unwrap_or_else(|| "warc".into());
            return Some(Ok(Item {
                name: at,
                body: Body::Bytes(body),
                format: Some(Format::Html),
                external_id: record
                    .header(warc::WarcHeader::RecordID)
                    .map(|r| r.into_owned()),
                title: None,
                date,
                url,
                source,
            }));
        }
        None
    }
}

/// The body of a WARC `response` record's HTTP message: `None` for responses that are not
/// successful HTML pages (redirects, images, robots.txt), which are skipped silently.
fn http_payload(message: &[u8]) -> Option<Result<Vec<u8>, String>> {
    let split = message
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| {
            message
                .windows(2)
                .position(|w| w == b"\n\n")
                .map(|i| (i, i + 2))
        })?;
    let head = String::from_utf8_lossy(&message[..split.0]).to_ascii_lowercase();
    let mut lines = head.lines();
    let status = lines.next()?.split_whitespace().nth(1)?.to_string();
    let headers: Vec<(&str, &str)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect();
    let header = |name: &str| headers.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
    if status != "200" || !header("content-type").is_some_and(|t| t.contains("html")) {
        return None;
    }
    let mut body = message[split.1..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = match dechunk(&body) {
            Some(b) => b,
            None => return Some(Err("broken chunked HTTP body".into())),
        };
    }
    if header("content-encoding").is_some_and(|t| t.contains("gzip"))
        && body.starts_with(&[0x1f, 0x8b])
    {
        let mut out = Vec::new();
        if let Err(e) = flate2::read::MultiGzDecoder::new(&body[..]).read_to_end(&mut out) {
            return Some(Err(format!("broken gzip HTTP body ({e})")));
        }
        body = out;
    }
    Some(Ok(body))
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

/// Entries of an RSS or Atom feed: each links to a page to fetch, or carries its content.
pub(crate) struct FeedItems {
    items: std::vec::IntoIter<Result<Item, Failure>>,
}

impl FeedItems {
    /// Parses a whole feed (feeds are small); `base` resolves relative links.
    pub(crate) fn parse(name: &str, bytes: &[u8], base: Option<&str>) -> FeedItems {
        let parser = feed_rs::parser::Builder::new().base_uri(base).build();
        let items = match parser.parse(bytes) {
            Err(e) => vec![Err(Failure::new(
                name,
                format!("not a readable RSS/Atom feed ({e})"),
            ))],
            Ok(feed) => feed
                .entries
                .into_iter()
                .enumerate()
                .map(|(i, entry)| feed_item(name, i + 1, entry))
                .collect(),
        };
        FeedItems {
            items: items.into_iter(),
        }
    }
}

impl Iterator for FeedItems {
    type Item = Result<Item, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        self.items.next()
    }
}

fn feed_item(feed: &str, n: usize, entry: feed_rs::model::Entry) -> Result<Item, Failure> {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone());
    let title = entry.title.map(|t| t.content);
    let date = entry
        .published
        .or(entry.updated)
        .and_then(|d| day(&d.to_rfc3339()));
    let content = entry
        .content
        .and_then(|c| c.body)
        .or(entry.summary.map(|s| s.content));
    let source = link
        .as_deref()
        .and_then(host)
        .unwrap_or_else(|| "feed".into());
    let (name, body) = match (&link, content) {
        (Some(link), _) => (link.clone(), Body::Fetch(link.clone())),
        (None, Some(content)) => (format!("{feed}#{n}"), Body::Bytes(content.into_bytes())),
        (None, None) => {
            return Err(Failure::new(
                format!("{feed}#{n}"),
                "feed item has no link and no content",
            ));
        }
    };
    Ok(Item {
        name,
        body,
        format: Some(Format::Html),
        external_id: Some(entry.id).filter(|id| !id.is_empty()),
        title,
        date,
        url: link,
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonl(text: &str) -> Vec<Result<Item, Failure>> {
        let reader: Box<dyn BufRead> = Box::new(std::io::Cursor::new(text.as_bytes().to_vec()));
        JsonlItems::new("f.jsonl".into(), reader, "f".into(), false).collect()
    }

    #[test]
    fn jsonl_lines_become_items_and_bad_lines_failures() {
        let items = jsonl(concat!(
            "{\"id\": \"wire:1\", \"title\": \"T\", \"date\": \"2020-01-02\", \"text\": \"Body.\"}\n",
            "\n",
            "{\"id\": 7, \"url\": \"https://www.example.org/a\", \"html\": \"<p>x</p>\"}\n",
            "{\"id\": \"x\", \"text\": \n",
            "{\"id\": \"y\"}\n",
            "{\"text\": \"No id.\"}",
        ));
        assert_eq!(items.len(), 5);
        let a = items[0].as_ref().unwrap();
        assert_eq!((a.name.as_str(), a.source.as_str()), ("f.jsonl:1", "wire"));
        assert_eq!(a.date.as_deref(), Some("2020-01-02"));
        let b = items[1].as_ref().unwrap();
        assert_eq!(
            (b.name.as_str(), b.source.as_str()),
            ("f.jsonl:3", "example.org")
        );
        assert_eq!(
            (b.format, b.external_id.as_deref()),
            (Some(Format::Html), Some("7"))
        );
        let bad = items[2].as_ref().unwrap_err();
        assert_eq!(bad.name, "f.jsonl:4");
        assert!(bad.problem.starts_with("malformed JSON line"), "{bad}");
        assert_eq!(
            items[3].as_ref().unwrap_err().to_string(),
            "f.jsonl:5: no \"text\" or \"html\" field"
        );
        assert_eq!(items[4].as_ref().unwrap().source, "f");
    }

    #[test]
    fn http_payloads() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hi</p>";
        assert_eq!(http_payload(ok), Some(Ok(b"<p>Hi</p>".to_vec())));
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert_eq!(http_payload(redirect), None);
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert_eq!(http_payload(image), None);
        let chunked =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n<p>\r\n2\r\nHi\r\n0\r\n\r\n";
        assert_eq!(http_payload(chunked), Some(Ok(b"<p>Hi".to_vec())));
    }

    #[test]
    fn feed_entries_link_to_pages() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>
            <item><title>One</title><link>https://news.example.com/one</link>
              <pubDate>Mon, 06 Jan 2020 10:00:00 GMT</pubDate></item>
            <item><title>Two</title><description>Inline body.</description></item>
            <item><title>Three</title></item>
            </channel></rss>"#;
        let items: Vec<_> = FeedItems::parse("feed.xml", rss, None).collect();
        assert_eq!(items.len(), 3);
        let one = items[0].as_ref().unwrap();
        assert_eq!(one.body, Body::Fetch("https://news.example.com/one".into()));
        assert_eq!(
            (one.date.as_deref(), one.source.as_str()),
            (Some("2020-01-06"), "news.example.com")
        );
        assert_eq!(
            items[1].as_ref().unwrap().body,
            Body::Bytes(b"Inline body.".to_vec())
        );
        assert_eq!(items[2].as_ref().unwrap_err().name, "feed.xml#3");
        let broken: Vec<_> = FeedItems::parse("bad.xml", b"<rss><channel>", None).collect();
        assert!(
            broken[0]
                .as_ref()
                .unwrap_err()
                .problem
                .starts_with("not a readable")
        );
    }
}
