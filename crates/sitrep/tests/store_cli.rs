//! The store commands through the binary: ingest a committed news corpus, count, find
//! duplicates and copies, search, rerun, kill an ingest mid-way, and query hand-built events.

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use sitrep_record::{Entity, Event, Mention, Record, SpanRef};
use sitrep_store::{NewArticle, SqliteStore, Store};

fn sitrep() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    cmd.env_remove("SITREP_DB");
    cmd
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ingest/tests/fixtures")
}

fn fixture(name: &str) -> String {
    fixtures().join(name).display().to_string()
}

/// A fresh scratch folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-store-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().unwrap()
}

fn stdout_json(out: &Output) -> Value {
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| {
        panic!(
            "{e}: {text}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stats(db: &Path) -> Value {
    let out = run(sitrep().args(["stats", "--json", "--db"]).arg(db));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout_json(&out)
}

fn ingest_corpus(db: &Path) -> Output {
    run(sitrep().args(["ingest", "--json", "--db"]).arg(db).args([
        fixture("news.jsonl"),
        fixture("syndicated.jsonl"),
        fixture("more.jsonl.gz"),
        fixture("truncated.jsonl.gz"),
        fixture("binary.txt"),
        fixture("pages.warc"),
        fixture("truncated.warc.gz"),
    ]))
}

#[test]
fn ingest_counts_copies_searches_and_reruns_without_duplicates() {
    let dir = scratch("corpus");
    let db = dir.join("news.db");

    let out = ingest_corpus(&db);
    // Some inputs are broken on purpose: the exit code says so, the batch went on.
    assert!(!out.status.success());
    let summary = stdout_json(&out);
    let failed: Vec<String> = summary["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}: {}",
                f["name"].as_str().unwrap(),
                f["problem"].as_str().unwrap()
            )
        })
        .collect();
    let has = |suffix: &str| failed.iter().any(|f| f.contains(suffix));
    assert!(has("news.jsonl:12: malformed JSON line"), "{failed:#?}");
    assert!(has("binary.txt: binary data"), "{failed:#?}");
    assert!(has("truncated.jsonl.gz:2: broken gzip data"), "{failed:#?}");
    assert!(
        has("truncated.warc.gz: WARC truncated or corrupt after 4 records"),
        "{failed:#?}"
    );
    assert_eq!(failed.len(), 4, "{failed:#?}");
    // Failures are also reported on stderr as `name: problem`.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("news.jsonl:12: malformed JSON line"),
        "{stderr}"
    );

    // news.jsonl: 30 articles; syndicated.jsonl: 3 syndicated copies (other outlets, other
    // URLs; once the pipeline strips their boilerplate, some are word for word the original:
    // exact copies, still copies) and 1 exact copy from a mirror (another source and URL: a
    // copy too, not an already-stored duplicate); more.jsonl.gz: 5; truncated.jsonl.gz: 1
    // before the break; pages.warc: 2 HTML pages (a request and an image are skipped);
    // truncated.warc.gz: 1 page before the break, the same WARC record (same id, URL and
    // source) as in pages.warc: the one item already stored.
    assert_eq!(
        summary["read"],
        (30 + 1) + 4 + 5 + (1 + 1) + 1 + 2 + (1 + 1)
    );
    assert_eq!(summary["new"], 30 + (3 + 1) + 5 + 1 + 2);
    assert_eq!(summary["copies"], 3 + 1);
    assert_eq!(summary["duplicates"], 1);

    let s = stats(&db);
    assert_eq!(s["articles"], 30 + 5 + 1 + 2);
    assert_eq!(s["copies"], 3 + 1);
    // The 3 syndicated stories and the mirrored one.
    assert_eq!(s["syndicated"], 3 + 1);
    let sources = s["sources"].as_array().unwrap();
    let wiki = sources
        .iter()
        .find(|c| c["source"] == "en.wikinews.org")
        .unwrap();
    assert_eq!(wiki["articles"], 30 + 5 + 1);
    let herald = sources
        .iter()
        .find(|c| c["source"] == "dailyherald.example")
        .unwrap();
    assert_eq!(
        (herald["articles"].as_u64(), herald["copies"].as_u64()),
        (Some(0), Some(1))
    );
    let mirror = sources
        .iter()
        .find(|c| c["source"] == "mirror.example")
        .unwrap();
    assert_eq!(
        (mirror["articles"].as_u64(), mirror["copies"].as_u64()),
        (Some(0), Some(1))
    );

    // Search: words, snippets, date filters, and the copies of a story.
    let out = run(sitrep()
        .args(["search", "--json", "--db"])
        .arg(&db)
        .arg("tsunami"));
    assert!(out.status.success());
    let hits = json_lines(&out);
    let titles: Vec<&str> = hits.iter().map(|h| h["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Tsunami toll passes 80,000 people as relief effort continues"));
    assert!(titles.contains(&"UN 'optimistic' on tsunami aid effort"));
    assert!(hits.iter().all(|h| {
        h["snippet"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("[tsunami")
    }));
    let out = run(sitrep()
        .args([
            "search",
            "--json",
            "--since",
            "2005-01-01",
            "--until",
            "2005-12-31",
            "--db",
        ])
        .arg(&db)
        .arg("tsunami"));
    let hits = json_lines(&out);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["date"], "2005-01-03");
    let out = run(sitrep()
        .args(["search", "--json", "--db"])
        .arg(&db)
        .arg("explosive"));
    let hits = json_lines(&out);
    assert_eq!(hits.len(), 1, "the copy is not a second hit: {hits:?}");
    assert_eq!(
        (hits[0]["copies"].as_u64(), hits[0]["sources"].as_u64()),
        (Some(1), Some(2))
    );
    let out = run(sitrep().args(["search", "--db"]).arg(&db).arg("tram line"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("citynews.example"), "{text}");

    // The mirrored story's hit counts its exact copy and the mirror as a second source.
    let out = run(sitrep()
        .args(["search", "--json", "--db"])
        .arg(&db)
        .arg("shanties"));
    let hits = json_lines(&out);
    assert_eq!(
        hits.len(),
        1,
        "the exact copy is not a second hit: {hits:?}"
    );
    assert_eq!(
        (hits[0]["copies"].as_u64(), hits[0]["sources"].as_u64()),
        (Some(1), Some(2))
    );

    // A rerun adds nothing: every item read the first time, copies included, is already
    // stored.
    let again = ingest_corpus(&db);
    let summary = stdout_json(&again);
    assert_eq!(summary["new"], 0);
    assert_eq!(summary["copies"], 0);
    assert_eq!(summary["duplicates"], 30 + 4 + 5 + 1 + 2 + 1);
    assert_eq!(stats(&db), s);

    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn query_commands_refuse_a_missing_store() {
    let dir = scratch("missing");
    let db = dir.join("nothing.db");
    for args in [
        &["stats"][..],
        &["search", "x"],
        &["timeline", "--actor", "x"],
        &["actors"],
        &["export"],
    ] {
        let out = run(sitrep().args(args).arg("--db").arg(&db));
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!(
                "no store at {}: run sitrep ingest first",
                db.display()
            )),
            "{stderr}"
        );
    }
    assert!(!db.exists(), "a query must not create the store");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `n` distinct articles of word salad from the fixture vocabulary: no two are copies.
fn synthetic_corpus(path: &Path, n: usize) {
    let text = std::fs::read_to_string(fixtures().join("news.jsonl")).unwrap();
    let mut vocab: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().all(char::is_alphabetic))
        .collect();
    vocab.sort_unstable();
    vocab.dedup();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let words: Vec<&str> = (0..60)
            .map(|_| vocab[(next() % vocab.len() as u64) as usize])
            .collect();
        let line = serde_json::json!({"id": format!("synthetic:{i}"), "title": format!("Article {i}"),
            "date": "2024-01-01", "text": words.join(" ")});
        writeln!(out, "{line}").unwrap();
    }
}

#[test]
fn a_killed_ingest_leaves_a_consistent_store_and_a_rerun_completes_it() {
    let dir = scratch("kill");
    let db = dir.join("kill.db");
    let corpus = dir.join("many.jsonl");
    let n = 2_000;
    synthetic_corpus(&corpus, n);

    // One article per transaction makes the ingest slow enough to kill mid-way.
    let mut child = sitrep()
        .args(["ingest", "--batch-size", "1", "--db"])
        .arg(&db)
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let committed = db
            .exists()
            .then(|| {
                SqliteStore::open_existing(&db)
                    .ok()
                    .and_then(|s| s.stats().ok())
            })
            .flatten()
            .map_or(0, |s| s.articles);
        if committed >= 20 {
            break;
        }
        assert!(Instant::now() < deadline, "ingest never committed");
        assert!(
            child.try_wait().unwrap().is_none(),
            "ingest ended before it was killed"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let store = SqliteStore::open_existing(&db).unwrap();
    let after_kill = store.stats().unwrap();
    assert!(
        after_kill.articles >= 20 && (after_kill.articles as usize) < n,
        "{after_kill:?}"
    );
    drop(store);

    let out = run(sitrep()
        .args(["ingest", "--json", "--db"])
        .arg(&db)
        .arg(&corpus));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = stdout_json(&out);
    assert_eq!(summary["duplicates"].as_u64(), Some(after_kill.articles));
    assert_eq!(
        summary["new"].as_u64(),
        Some(n as u64 - after_kill.articles)
    );
    let s = stats(&db);
    assert_eq!(s["articles"].as_u64(), Some(n as u64));
    assert_eq!(s["copies"].as_u64(), Some(0));

    // Every article once in search too: one hit per distinct title word.
    let out = run(sitrep()
        .args(["search", "--json", "--limit", "0", "--db"])
        .arg(&db)
        .arg("Article"));
    assert_eq!(json_lines(&out).len(), n);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An event to build: type, source, target, date, sentence index.
type EventSpec<'a> = (&'a str, &'a str, &'a str, &'a str, usize);

fn event_record(text: &str, events: &[EventSpec<'_>]) -> Record {
    let names = ["Atlantis", "Lemuria", "Mu"];
    let entities: Vec<Entity> = names
        .iter()
        .enumerate()
        .map(|(i, name)| Entity {
            id: format!("e{}", i + 1),
            kind: "LOC".into(),
            subtype: Some("country".into()),
            name: (*name).into(),
            titles: vec![],
            country: None,
            mentions: vec![Mention {
                start: 0,
                end: 1,
                acts_for: None,
            }],
            acts_for: None,
        })
        .collect();
    let id = |name: &str| format!("e{}", names.iter().position(|n| *n == name).unwrap() + 1);
    // Sentences: split at ". ".
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '.' {
            sentences.push(SpanRef {
                start,
                end: text[..=i].chars().count(),
            });
            start = text[..=i].chars().count() + 1;
        }
    }
    let events = events
        .iter()
        .map(|(kind, s, t, date, sentence)| {
            let span = sentences[*sentence];
            Event {
                kind: (*kind).into(),
                mode: None,
                cameo: None,
                source: Some(id(s)),
                target: Some(id(t)),
                date: Some((*date).into()),
                date_basis: Some("sentence".into()),
                place: None,
                polarity: "positive".into(),
                certainty: "certain".into(),
                background: false,
                sentence: *sentence,
                evidence: SpanRef {
                    start: span.start,
                    end: span.end - 1,
                },
                rule: "test".into(),
            }
        })
        .collect();
    Record {
        text: text.into(),
        sentences,
        entities,
        events,
        ..Record::default()
    }
}

#[test]
fn timeline_actors_and_export_read_stored_events_in_order() {
    let dir = scratch("events");
    let db = dir.join("events.db");
    {
        let mut store = SqliteStore::open(&db).unwrap();
        let later = event_record(
            "Lemuria met Atlantis in March. Atlantis accused Mu of spying, he said.",
            &[
                ("CONSULT", "Lemuria", "Atlantis", "2021-03-10", 0),
                ("ACCUSE", "Atlantis", "Mu", "2021-03-12", 1),
            ],
        );
        let earlier = event_record(
            "Atlantis attacked Lemuria in January.",
            &[("ASSAULT", "Atlantis", "Lemuria", "2021-01-05", 0)],
        );
        let mut batch = store.batch().unwrap();
        let mut a = NewArticle::new("later", "wire", later);
        a.url = Some("https://wire.example/later".into());
        batch.insert(&a, None).unwrap();
        batch
            .insert(&NewArticle::new("earlier", "wire", earlier), None)
            .unwrap();
        batch.commit().unwrap();
    }

    let out = run(sitrep()
        .args(["timeline", "--json", "--actor", "atlantis", "--db"])
        .arg(&db));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = json_lines(&out);
    let order: Vec<(&str, &str)> = line
        .iter()
        .map(|e| (e["when"].as_str().unwrap(), e["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        order,
        [
            ("2021-01-05", "ASSAULT"),
            ("2021-03-10", "CONSULT"),
            ("2021-03-12", "ACCUSE")
        ]
    );
    assert_eq!(line[0]["evidence"], "Atlantis attacked Lemuria in January");
    assert_eq!(
        line[2]["sentence"]["text"],
        "Atlantis accused Mu of spying, he said."
    );
    assert_eq!(line[1]["article"]["url"], "https://wire.example/later");
    let out = run(sitrep()
        .args(["timeline", "--actor", "Mu", "--db"])
        .arg(&db));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("2021-03-12  ACCUSE  Atlantis → Mu"),
        "{text}"
    );

    let out = run(sitrep().args(["actors", "--json", "--db"]).arg(&db));
    let pairs = json_lines(&out);
    assert_eq!(pairs.len(), 3);
    assert!(
        pairs.iter().any(|p| p["source"] == "Atlantis"
            && p["target"] == "Mu"
            && p["by_type"]["ACCUSE"] == 1)
    );

    let out = run(sitrep()
        .args(["export", "--format", "csv", "--db"])
        .arg(&db));
    let csv = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 4, "{csv}");
    assert!(rows[0].starts_with("article_id,external_id,url,title,article_date,event_index,type"));
    assert!(
        rows[2].contains(",\"Atlantis accused Mu of spying, he said.\","),
        "{csv}"
    );
    let out = run(sitrep().args(["export", "--db"]).arg(&db));
    let events = json_lines(&out);
    assert_eq!(events.len(), 3);
    assert_eq!(events[0]["article"]["id"], 1);
    assert_eq!(events[0]["sentence"]["index"], 0);
    let out = run(sitrep()
        .args(["export", "--format", "xml", "--db"])
        .arg(&db));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown export format \"xml\""));

    let s = stats(&db);
    assert_eq!(
        (
            s["articles"].as_u64(),
            s["events"].as_u64(),
            s["entities"].as_u64()
        ),
        (Some(2), Some(3), Some(6))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A loopback web server: serves `routes` (path → (status, content type, body)); a path
/// starting with `/slow` answers after `slow`.
fn serve(routes: Vec<(&'static str, u16, &'static str, String)>, slow: Duration) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let routes = routes.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                }
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                if path.starts_with("/slow") {
                    std::thread::sleep(slow);
                }
                let (status, ctype, body) = routes
                    .iter()
                    .find(|r| r.0 == path)
                    .map(|r| (r.1, r.2, r.3.clone()))
                    .unwrap_or((404, "text/plain", "not found".into()));
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let mut rest = Vec::new();
                let _ = stream.read(&mut rest);
            });
        }
    });
    format!("http://{addr}")
}

#[test]
fn feeds_are_fetched_politely_from_a_loopback_server() {
    let dir = scratch("feed");
    let db = dir.join("feed.db");
    // The base URL is known only once the server runs; items link with absolute paths the
    // feed parser resolves against the feed's URL.
    let feed = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback News</title>
        <item><title>Bridge opens</title><link>/news/bridge.html</link><pubDate>Tue, 02 Jan 2024 08:00:00 GMT</pubDate></item>
        <item><title>Dam report</title><link>/news/dam.html</link></item>
        <item><title>Secret</title><link>/private/secret.html</link></item>
        <item><title>Slow</title><link>/slow/page.html</link></item>
        <item><title>Gone</title><link>/news/gone.html</link></item>
        </channel></rss>"#;
    // Pages shaped like news articles, so that main-text extraction keeps their body.
    let page = |title: &str, paragraphs: [&str; 2]| {
        format!(
            "<html><head><title>{title}</title></head><body><nav><a href=\"/\">Home</a></nav>\
             <article><h1>{title}</h1><p>{}</p><p>{}</p></article>\
             <footer>Contact us</footer></body></html>",
            paragraphs[0], paragraphs[1]
        )
    };
    let base = serve(
        vec![
            (
                "/robots.txt",
                200,
                "text/plain",
                "User-agent: *\nDisallow: /private/\n".into(),
            ),
            ("/feed.xml", 200, "application/rss+xml", feed.into()),
            (
                "/news/bridge.html",
                200,
                "text/html",
                page(
                    "Bridge opens",
                    [
                        "The new river bridge opened to traffic on Tuesday, two years after work began on its concrete piers.",
                        "Officials said the crossing would cut the drive between the two halves of the town by twenty minutes.",
                    ],
                ),
            ),
            (
                "/news/dam.html",
                200,
                "text/html",
                page(
                    "Dam report",
                    [
                        "Engineers published their report on the old dam on Monday and found cracks in two of its spillways.",
                        "The water authority said it would lower the reservoir by a metre while repairs are planned.",
                    ],
                ),
            ),
            (
                "/private/secret.html",
                200,
                "text/html",
                page(
                    "Secret",
                    [
                        "Nobody should fetch this page.",
                        "It is listed as disallowed in robots.txt.",
                    ],
                ),
            ),
            (
                "/slow/page.html",
                200,
                "text/html",
                page(
                    "Slow",
                    [
                        "This page answers too late.",
                        "The request times out first.",
                    ],
                ),
            ),
        ],
        Duration::from_secs(5),
    );
    let out = run(sitrep()
        .args([
            "ingest",
            "--json",
            "--fetch-timeout",
            "1",
            "--host-delay-ms",
            "10",
            "--db",
        ])
        .arg(&db)
        .arg(format!("{base}/feed.xml")));
    let summary = stdout_json(&out);
    assert!(!out.status.success());
    assert_eq!(
        (summary["read"].as_u64(), summary["new"].as_u64()),
        (Some(5), Some(2)),
        "{summary}"
    );
    let failed: Vec<String> = summary["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}: {}",
                f["name"].as_str().unwrap(),
                f["problem"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        failed.contains(&format!(
            "{base}/private/secret.html: disallowed by robots.txt"
        )),
        "{failed:?}"
    );
    assert!(
        failed.contains(&format!("{base}/slow/page.html: timed out")),
        "{failed:?}"
    );
    assert!(
        failed.contains(&format!("{base}/news/gone.html: HTTP 404 Not Found")),
        "{failed:?}"
    );

    let out = run(sitrep()
        .args(["search", "--json", "--db"])
        .arg(&db)
        .arg("bridge"));
    let hits = json_lines(&out);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["date"], "2024-01-02");
    assert_eq!(hits[0]["title"], "Bridge opens");
    assert_eq!(hits[0]["url"], format!("{base}/news/bridge.html"));
    std::fs::remove_dir_all(&dir).unwrap();
}
