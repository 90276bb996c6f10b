//! Scraped text to [`Article`]: the article body with what is not the article removed.
//!
//! Scraped news text carries paywall meters ("You have 40% of this article left to read"),
//! teasers for other articles, "Source link" footers, share and newsletter lines, photo
//! credits, bylines, datelines, stray counters, and the headline somewhere (first, or repeated
//! last). [`Cleaner::clean`] removes them and says what it removed and why ([`Removal`]), finds
//! the `title` and the [`Truncation`], and splits subheadings glued to the following paragraph
//! onto their own line.
//!
//! The rules are data (`rules/boilerplate.toml`, see [`rules`]) with stable ids; the few that
//! need context (title, subheadings, counters) are code in [`clean`](Cleaner::clean), with ids
//! too. The clean text keeps an [`Alignment`] back to the input.
//!
//! ```
//! use sitrep_article::Cleaner;
//! let cleaner = Cleaner::new().unwrap();
//! let a = cleaner.clean("Markets rally\n\nStocks rose on Monday.\nShare on Facebook | Tweet\n");
//! assert_eq!(a.title.as_deref(), Some("Markets rally"));
//! assert_eq!(a.text, "Stocks rose on Monday.");
//! assert_eq!(a.removed[1].kind, "share");
//! ```

mod clean;
mod language;
pub mod rules;

pub use clean::Cleaner;
pub use language::{LanguageGuess, detect_language};
pub use rules::{RuleError, RuleSet};
use sitrep_text::{Alignment, Span};

/// The article body and what cleaning learned about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The body: kept paragraphs separated by a blank line.
    pub text: String,
    /// The headline, wherever it stood.
    pub title: Option<String>,
    /// What was removed, in input order.
    pub removed: Vec<Removal>,
    /// Set when a paywall or teaser notice shows the body was cut.
    pub truncation: Option<Truncation>,
    /// Maps spans of `text` back to the input.
    pub alignment: Alignment,
    /// Subheadings that were glued to a paragraph and now stand on their own line (spans of
    /// `text`).
    pub subheadings: Vec<Span>,
}

/// One removed piece of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// The kind of boilerplate (`paywall`, `related-link`, `source-footer`, `share`, `title`,
    /// `counter`, …).
    pub kind: String,
    /// Id of the rule that removed it.
    pub rule: String,
    /// Where it stood in the input.
    pub span: Span,
    /// The removed text.
    pub text: String,
}

/// Evidence that the body was cut.
#[derive(Debug, Clone, PartialEq)]
pub struct Truncation {
    /// Share of the whole article that is present, when the notice states it.
    pub visible_fraction: Option<f64>,
    /// The notice.
    pub evidence: String,
    /// Id of the rule that found it.
    pub rule: String,
}

impl Article {
    /// The article for `--verbatim`: the input exactly, nothing removed or inferred.
    pub fn verbatim(input: &str) -> Article {
        Article {
            text: input.to_string(),
            title: None,
            removed: Vec::new(),
            truncation: None,
            alignment: Alignment::identity(input.len()),
            subheadings: Vec::new(),
        }
    }
}
