//! Tidy checks that keep the docs moving with the code, in the manner of rust-analyzer's
//! `xtask/src/tidy.rs`: every path ARCHITECTURE.md names exists, every source file opens with
//! a module doc, and no test is skipped.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && !name.to_string_lossy().starts_with('.') {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn architecture_names_only_existing_paths() {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let mut missing = Vec::new();
    for (i, chunk) in doc.split('`').enumerate() {
        // Odd chunks are inside backticks.
        let looks_like_path = i % 2 == 1
            && chunk.contains('/')
            && !chunk.contains(' ')
            && (chunk.starts_with("crates/")
                || chunk.starts_with("docs/")
                || chunk.starts_with("scripts/")
                || chunk.starts_with("bench/"));
        if looks_like_path && !root().join(chunk).exists() {
            missing.push(chunk.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}

#[test]
fn every_source_file_has_a_module_doc() {
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    assert!(files.len() > 10);
    let undocumented: Vec<_> = files
        .iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .collect();
    assert!(
        undocumented.is_empty(),
        "files without a //! module doc: {undocumented:?}"
    );
}

#[test]
fn no_test_is_skipped() {
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    let ignore_attr = ["#[", "ignore]"].concat();
    let should_panic_attr = ["#[", "should_panic"].concat();
    let offenders: Vec<_> = files
        .iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            text.contains(&ignore_attr) || text.contains(&should_panic_attr)
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "skipped or panic-expecting tests in {offenders:?}"
    );
}
