//! One reviewed snapshot of the briefing and of the JSON record per example article: the
//! seed, and the scraped-text fixtures of the cleaning tests. A change in any stage shows up
//! here as a diff to review (`cargo insta review`).

use std::path::Path;
use std::process::Command;

fn read(path: &Path, json: bool) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    // A fixed reading day: an undated article is dated up to it, and snapshots must not
    // change with the calendar.
    cmd.arg("read")
        .arg("--color")
        .arg("never")
        .arg("--as-of")
        .arg("2026-11-28");
    if json {
        cmd.arg("--json");
    }
    let out = cmd.arg(path).output().expect("sitrep runs");
    assert!(
        out.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn seed_briefing_and_record() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seed-korea-ukraine.txt");
    insta::assert_snapshot!("seed_briefing", read(&seed, false));
    let record: serde_json::Value = serde_json::from_str(&read(&seed, true)).expect("JSON record");
    insta::assert_json_snapshot!("seed_record", record);
}

#[test]
fn fixture_briefings_and_records() {
    insta::glob!("../../article/tests", "fixtures/*.txt", |path| {
        insta::assert_snapshot!("briefing", read(path, false));
        let record: serde_json::Value =
            serde_json::from_str(&read(path, true)).expect("JSON record");
        insta::assert_json_snapshot!("record", record);
    });
}
