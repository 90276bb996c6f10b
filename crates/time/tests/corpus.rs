//! Runs the regression corpus `tests/corpus.txt`: sentences and the timexes they must give.

use sitrep_time::TimeTagger;

const CORPUS: &str = include_str!("corpus.txt");

struct Case {
    line: usize,
    dct: Option<String>,
    sentence: String,
    expected: Vec<String>,
}

fn cases() -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    let mut dct: Option<String> = None;
    for (i, line) in CORPUS.lines().enumerate() {
        if let Some(d) = line.strip_prefix("@ ") {
            dct = (d.trim() != "-").then(|| d.trim().to_string());
        } else if let Some(s) = line.strip_prefix("> ") {
            out.push(Case {
                line: i + 1,
                dct: dct.clone(),
                sentence: s.to_string(),
                expected: Vec::new(),
            });
        } else if let Some(e) = line.strip_prefix("= ") {
            let case = out.last_mut().expect("`=` after a `>` line");
            let parts: Vec<&str> = e.split('|').map(str::trim).collect();
            case.expected.push(parts.join(" | "));
        }
    }
    out
}

#[test]
fn corpus_sentences_give_their_timexes() {
    let tagger = TimeTagger::new();
    let cases = cases();
    assert!(cases.len() >= 25, "corpus too small: {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let got: Vec<String> = tagger
            .tag(&case.sentence, &[], case.dct.as_deref())
            .iter()
            .map(|t| {
                format!(
                    "{} | {} | {}",
                    &case.sentence[t.start..t.end],
                    t.kind.as_str(),
                    t.value
                )
            })
            .collect();
        if got != case.expected {
            failures.push(format!(
                "line {}: {:?}\n  expected {:?}\n  got      {:?}",
                case.line, case.sentence, case.expected, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
