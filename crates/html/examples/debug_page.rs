//! Prints what the extractor sees in one page (benchmark diagnostics).
use std::io::Read;
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let p = std::env::args()
        .nth(1)
        .ok_or("usage: debug_page <page.html[.gz]>")?;
    let raw = std::fs::read(&p)?;
    let mut bytes = Vec::new();
    if p.ends_with(".gz") {
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut bytes)?;
    } else {
        bytes = raw;
    }
    let html = String::from_utf8_lossy(&bytes);
    for l in sitrep_html::debug_longest_block_ancestors(&html) {
        println!("{l}");
    }
    let ex = sitrep_html::extract(&html, None);
    println!(
        "TITLE {:?}\nMETA {:#?}\nTRUNC {:?}",
        ex.title, ex.metadata, ex.truncation
    );
    for r in &ex.removed {
        println!(
            "REMOVED {} {} {}",
            r.kind,
            r.rule,
            sitrep_html_trunc(&r.text)
        );
    }
    println!("TEXT\n{}", ex.text);
    Ok(())
}
fn sitrep_html_trunc(s: &str) -> String {
    s.chars().take(100).collect()
}
