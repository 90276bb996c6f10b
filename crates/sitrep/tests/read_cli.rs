//! `sitrep read` end to end through the binary: bad inputs give one clear line and a non-zero
//! exit, never a panic; good inputs give a record whose spans all fit its text.

// Helpers outside `#[test]` functions unwrap too: a failed set-up should fail the test loudly.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn sitrep(args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    cmd.args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("sitrep runs");
    if let Some(mut pipe) = child.stdin.take() {
        // A refused input may close the pipe early; that is fine.
        let _ = pipe.write_all(stdin.unwrap_or_default());
    }
    child.wait_with_output().expect("sitrep finishes")
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-read-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn one_line_error(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "expected failure, got {:?}",
        out.status
    );
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected: {err:?}"
    );
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn missing_path_is_one_clear_line() {
    let err = one_line_error(&sitrep(&["read", "/no/such/article.txt"], None));
    assert!(
        err.contains("/no/such/article.txt") && err.contains("cannot read"),
        "{err}"
    );
}

#[test]
fn binary_file_is_refused() {
    let path = temp_file("image.bin", &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff]);
    let err = one_line_error(&sitrep(&["read", path.to_str().unwrap()], None));
    assert!(err.contains("binary data"), "{err}");
}

#[test]
fn invalid_utf8_is_refused_with_its_offset() {
    let path = temp_file("latin1.txt", b"Caf\xe9 owners protest new tax.");
    let err = one_line_error(&sitrep(&["read", path.to_str().unwrap()], None));
    assert!(
        err.contains("not UTF-8") && err.contains("offset 3"),
        "{err}"
    );
}

#[test]
fn huge_file_is_refused_before_reading() {
    let dir = std::env::temp_dir().join(format!("sitrep-read-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.txt");
    // A sparse 200 MB file: its size is known without writing 200 MB.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let err = one_line_error(&sitrep(&["read", path.to_str().unwrap()], None));
    assert!(err.contains("too large"), "{err}");
}

#[test]
fn empty_file_gives_a_record_with_a_note() {
    let path = temp_file("empty.txt", b"");
    let out = sitrep(&["read", "--json", path.to_str().unwrap()], None);
    assert!(out.status.success());
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["text"], "");
    assert_eq!(record["entities"], serde_json::json!([]));
    assert!(
        record["notes"][0]
            .as_str()
            .unwrap()
            .contains("no article text")
    );
}

#[test]
fn bad_date_is_refused() {
    let err = one_line_error(&sitrep(
        &["read", "--date", "28/11/2024", "-"],
        Some(b"Talks began."),
    ));
    assert!(err.contains("bad date"), "{err}");
}

#[test]
fn non_english_body_gets_a_note() {
    let text = "Le gouvernement a déclaré lundi qu'il n'enverrait pas d'armes dans la région, ont confirmé les responsables du ministère.";
    let out = sitrep(&["read", "--json", "-"], Some(text.as_bytes()));
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["language"], "fr");
    assert!(record["notes"][0].as_str().unwrap().contains("French"));
    let brief = sitrep(&["read", "-"], Some(text.as_bytes()));
    assert!(String::from_utf8_lossy(&brief.stdout).contains("Note: the body is in French"));
}

/// Every `{start, end}` in the record slices `text` (in code points) within bounds, and every
/// sentence slice is non-empty and trimmed.
fn check_spans(record: &serde_json::Value) {
    let text: Vec<char> = record["text"].as_str().unwrap().chars().collect();
    let fits = |v: &serde_json::Value| {
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert!(
            s <= e && e <= text.len(),
            "span {s}..{e} outside a text of {} chars",
            text.len()
        );
        text[s..e].iter().collect::<String>()
    };
    for s in record["sentences"].as_array().unwrap() {
        let surface = fits(s);
        assert!(
            !surface.is_empty() && surface.trim() == surface,
            "{surface:?}"
        );
    }
    for e in record["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            assert!(!fits(m).is_empty());
        }
    }
    for key in ["times", "quotes"] {
        for t in record[key].as_array().unwrap() {
            assert!(!fits(t).is_empty());
        }
    }
    for ev in record["events"].as_array().unwrap() {
        assert!(!fits(&ev["evidence"]).is_empty());
    }
}

#[test]
fn seed_record_is_complete_and_its_spans_fit() {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/seed-korea-ukraine.txt"
    );
    let out = sitrep(&["read", "--json", seed], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for field in [
        "title",
        "text",
        "language",
        "truncation",
        "removed",
        "document_date",
        "sentences",
        "entities",
        "times",
        "quotes",
        "events",
        "uncoded",
    ] {
        assert!(record.get(field).is_some(), "field {field} missing");
    }
    assert_eq!(
        record["title"],
        "South Korea reluctant to supply weapons to Ukraine"
    );
    assert_eq!(record["truncation"]["visible_fraction"], 0.4732);
    check_spans(&record);
}

#[test]
fn verbatim_keeps_the_input_exactly() {
    let input = "Source link\nTalks end\n“Yes,” he said. Ünïcödé stays.\n";
    let out = sitrep(
        &["read", "--json", "--verbatim", "-"],
        Some(input.as_bytes()),
    );
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["text"], input);
    assert_eq!(record["removed"], serde_json::json!([]));
    check_spans(&record);
}

#[test]
fn briefing_has_every_section() {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/seed-korea-ukraine.txt"
    );
    let out = sitrep(&["read", "--color", "never", seed], None);
    let brief = String::from_utf8(out.stdout).unwrap();
    assert!(brief.starts_with("South Korea reluctant to supply weapons to Ukraine\n"));
    assert!(brief.contains("truncated by a paywall; 47% of the article is visible"));
    for heading in [
        "People",
        "Places",
        "Organizations",
        "Dates",
        "Quotes",
        "Events (timeline)",
    ] {
        assert!(
            brief.contains(&format!("\n{heading} (")),
            "section {heading} missing"
        );
    }
    assert!(!brief.contains('\x1b'), "no colour when asked for none");
}
