//! Runs entities, times, quotes and events over one plain-text article and prints the parts
//! of the record (`shared/docs/record.md`) they fill, so the events stage can be scored
//! end-to-end with `bench/articles/score.py --record` before the pipeline glue lands.
//!
//! Usage: `cargo run -p sitrep-events --example record -- FILE [YYYY-MM-DD]`. Without a
//! date the document date is inferred from the text. Offsets are code points, as the record
//! contract says. This is a measuring tool, not the record writer (`sitrep-record` owns the
//! contract).

use std::fmt::Write as _;

use sitrep_annotate::entities::EntityResolver;
use sitrep_annotate::quotes::find_quotes;
use sitrep_document::Document;
use sitrep_events::EventCoder;
use sitrep_text::{CharIndex, Span};
use sitrep_time::TimeTagger;

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn opt_str(s: Option<&str>) -> String {
    s.map_or("null".to_string(), json_str)
}

fn opt_num(n: Option<usize>) -> String {
    n.map_or("null".to_string(), |n| n.to_string())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: record FILE [YYYY-MM-DD]")?;
    let given_date = args.next();
    let text = std::fs::read_to_string(&path)?;
    let doc = Document::new(text.clone());
    let chars = CharIndex::new(&text);
    let span = |s: Span| {
        let (a, b) = chars.to_chars(s);
        format!("{{\"start\": {a}, \"end\": {b}}}")
    };
    let sentences: Vec<_> = doc.sentences().iter().map(|s| s.span.range()).collect();
    let tagger = TimeTagger::new();
    let date = given_date.or_else(|| {
        tagger
            .infer_document_date(&text, &sentences)
            .map(|d| d.value)
    });
    let times = tagger.tag(&text, &sentences, date.as_deref());
    let entities = EntityResolver::embedded()?.resolve(&doc);
    let quotes = find_quotes(&doc, &entities);
    let coding = EventCoder::embedded()?.code(&doc, &entities, &times, date.as_deref());

    let mut out = String::new();
    let _ = writeln!(out, "{{\"text\": {},", json_str(&text));
    let _ = writeln!(
        out,
        "\"document_date\": {{\"value\": {}}},",
        opt_str(date.as_deref())
    );
    let ents: Vec<String> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mentions: Vec<String> = e.mentions.iter().map(|m| span(m.span)).collect();
            let titles: Vec<String> = e.titles.iter().map(|t| json_str(t)).collect();
            format!(
                "{{\"id\": {i}, \"type\": \"{}\", \"name\": {}, \"titles\": [{}], \"country\": {}, \"mentions\": [{}]}}",
                e.kind.as_str(),
                json_str(&e.name),
                titles.join(", "),
                opt_str(e.country.as_deref()),
                mentions.join(", ")
            )
        })
        .collect();
    let _ = writeln!(out, "\"entities\": [{}],", ents.join(",\n "));
    let tx: Vec<String> = times
        .iter()
        .map(|t| {
            let (a, b) = chars.to_chars(Span::from_range(t.start..t.end));
            format!(
                "{{\"start\": {a}, \"end\": {b}, \"type\": \"{}\", \"value\": {}}}",
                t.kind.as_str(),
                json_str(&t.value)
            )
        })
        .collect();
    let _ = writeln!(out, "\"times\": [{}],", tx.join(",\n "));
    let qs: Vec<String> = quotes
        .iter()
        .map(|q| {
            let (a, b) = chars.to_chars(q.span);
            format!(
                "{{\"start\": {a}, \"end\": {b}, \"speaker\": {}, \"cue\": {}, \"direct\": {}}}",
                opt_num(q.speaker),
                opt_str(q.cue.as_deref()),
                q.direct
            )
        })
        .collect();
    let _ = writeln!(out, "\"quotes\": [{}],", qs.join(",\n "));
    let evs: Vec<String> = coding
        .events
        .iter()
        .map(|e| {
            format!(
                "{{\"type\": \"{}\", \"mode\": {}, \"cameo\": {}, \"source\": {}, \"target\": {}, \"date\": {}, \"date_basis\": {}, \"place\": {}, \"polarity\": \"{}\", \"certainty\": \"{}\", \"background\": {}, \"sentence\": {}, \"evidence\": {}, \"rule\": {}}}",
                e.kind.as_str(),
                opt_str(e.mode.as_deref()),
                opt_str(e.cameo.as_deref()),
                opt_num(e.source),
                opt_num(e.target),
                opt_str(e.date.as_deref()),
                opt_str(e.date_basis.as_deref()),
                opt_num(e.place),
                e.polarity.as_str(),
                e.certainty.as_str(),
                e.background,
                e.sentence,
                span(e.evidence),
                json_str(&e.rule)
            )
        })
        .collect();
    let _ = writeln!(out, "\"events\": [{}],", evs.join(",\n "));
    let un: Vec<String> = coding
        .uncoded
        .iter()
        .map(|u| {
            format!(
                "{{\"sentence\": {}, \"reason\": {}}}",
                u.sentence,
                json_str(&u.reason)
            )
        })
        .collect();
    let _ = writeln!(out, "\"uncoded\": [{}]}}", un.join(",\n "));
    print!("{out}");
    Ok(())
}
