use sitrep_annotate::entities::EntityResolver;
use sitrep_document::Document;
use sitrep_ner::Tagger;
#[test]
fn timing() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seed-korea-ukraine.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let doc = Document::new(text);
    let r = EntityResolver::embedded().unwrap();
    let t = Tagger::embedded().unwrap();
    let sents: Vec<Vec<&str>> = doc.sentences().iter().map(|s| s.tokens.clone().map(|i| doc.token_text(i)).collect()).collect();
    let n = 200;
    let a = std::time::Instant::now();
    for _ in 0..n { std::hint::black_box(t.tag_document(&sents)); }
    let tag = a.elapsed().as_secs_f64() / n as f64;
    let a = std::time::Instant::now();
    for _ in 0..n { std::hint::black_box(r.resolve(&doc)); }
    let res = a.elapsed().as_secs_f64() / n as f64;
    println!("TIMING tokens {} tag {:.3} ms resolve(total) {:.3} ms", doc.tokens().len(), tag * 1e3, res * 1e3);
}
