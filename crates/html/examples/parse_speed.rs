//! Temporary: parse-only throughput.
use std::io::Read;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut pages = vec![];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let mut s = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&p).unwrap()).read_to_string(&mut s).unwrap();
        pages.push(s);
    }
    let total: usize = pages.iter().map(|p| p.len()).sum();
    let t = std::time::Instant::now();
    let mut n = 0;
    for p in &pages { let d = scraper::Html::parse_document(p); n += d.tree.nodes().count(); }
    let el = t.elapsed().as_secs_f64();
    println!("{} pages {} MB nodes {} in {:.3}s = {:.1} pages/s {:.1} MB/s", pages.len(), total/1000000, n, el, pages.len() as f64/el, total as f64/1e6/el);
}
