//! What the property tests share: the embedded models, loaded once per test binary.

use std::sync::OnceLock;

use sitrep_annotate::entities::EntityResolver;
use sitrep_document::Document;
use sitrep_syntax::Syntax;

/// The embedded entity resolver and syntax model.
pub fn models() -> &'static (EntityResolver, Syntax) {
    static MODELS: OnceLock<(EntityResolver, Syntax)> = OnceLock::new();
    MODELS.get_or_init(|| {
        (
            EntityResolver::embedded().expect("embedded entity model"),
            Syntax::embedded().expect("embedded syntax model"),
        )
    })
}

/// The words joined by spaces as a document, parsed with the embedded model if `parse`.
pub fn document(words: &[&str], parse: bool) -> Document {
    let mut doc = Document::new(words.join(" "));
    if parse {
        doc.parse_syntax(&models().1);
    }
    doc
}
