//! Tags one text file and prints `{"document_date": ..., "times": [...]}` with Unicode code
//! point offsets, the way `sitrep read --json` reports times; used by `bench/time/run.py`.
//!
//! Usage: `timex_json FILE [--date YYYY-MM-DD]`. Without `--date` the document date is
//! inferred from the text.

use std::process::ExitCode;

use sitrep_time::TimeTagger;

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut path = None;
    let mut date = None;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--date" {
            date = args.get(i + 1).cloned();
            i += 2;
        } else {
            path = Some(args[i].clone());
            i += 1;
        }
    }
    let Some(path) = path else {
        eprintln!("usage: timex_json FILE [--date YYYY-MM-DD]");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let tagger = TimeTagger::new();
    let (dct, document_date) = match date {
        Some(d) => (
            Some(d.clone()),
            format!(
                "{{\"value\":{},\"inferred\":false,\"basis\":\"given\"}}",
                json_string(&d)
            ),
        ),
        None => match tagger.infer_document_date(&text, &[]) {
            Some(dd) => (
                Some(dd.value.clone()),
                format!(
                    "{{\"value\":{},\"inferred\":true,\"basis\":{}}}",
                    json_string(&dd.value),
                    json_string(&dd.basis)
                ),
            ),
            None => (None, "null".to_string()),
        },
    };
    let times = tagger.tag(&text, &[], dct.as_deref());
    // Byte offsets to code points, once, at the edge (a table, so long texts stay linear).
    let mut cp_at = vec![0usize; text.len() + 1];
    let mut count = 0;
    for (i, c) in text.char_indices() {
        cp_at[i] = count;
        count += 1;
        for b in 1..c.len_utf8() {
            cp_at[i + b] = count;
        }
    }
    cp_at[text.len()] = count;
    let to_cp = |byte: usize| cp_at.get(byte).copied().unwrap_or(count);
    let items: Vec<String> = times
        .iter()
        .map(|t| {
            let note = t.note.as_deref().map_or("null".to_string(), json_string);
            format!(
                "{{\"start\":{},\"end\":{},\"type\":\"{}\",\"value\":{},\"note\":{},\"rule\":{}}}",
                to_cp(t.start),
                to_cp(t.end),
                t.kind.as_str(),
                json_string(&t.value),
                note,
                json_string(&t.rule)
            )
        })
        .collect();
    println!(
        "{{\"document_date\":{document_date},\"times\":[{}]}}",
        items.join(",")
    );
    ExitCode::SUCCESS
}
