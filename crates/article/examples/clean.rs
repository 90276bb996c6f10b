//! Prints what cleaning makes of a file: `cargo run -p sitrep-article --example clean FILE`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: clean FILE")?;
    let input = std::fs::read_to_string(&path)?;
    let article = sitrep_article::Cleaner::new()?.clean(&input);
    println!("TITLE: {:?}", article.title);
    println!("TRUNCATION: {:?}", article.truncation);
    for r in &article.removed {
        println!("REMOVED [{} / {}] {:?}", r.kind, r.rule, r.text);
    }
    println!("---\n{}", article.text);
    Ok(())
}
