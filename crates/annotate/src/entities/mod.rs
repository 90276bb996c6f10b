//! Entities: tagged mentions merged into real-world entities with titles and countries.

use std::ops::Range;

use sitrep_text::Span;

/// The coarse entity type of the record (`PER`, `ORG`, `LOC`, `MISC`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A person.
    Per,
    /// An organization.
    Org,
    /// A location: country, city, region, facility.
    Loc,
    /// Anything else named (events, nationalities used as nouns, products).
    Misc,
}

impl EntityKind {
    /// The record's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Per => "PER",
            EntityKind::Org => "ORG",
            EntityKind::Loc => "LOC",
            EntityKind::Misc => "MISC",
        }
    }
}

/// One mention of an entity in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    /// The mention's text span (byte offsets into the document text).
    pub span: Span,
    /// The document-level token indices it covers.
    pub tokens: Range<usize>,
    /// Index (into the entity list) of the entity this mention stands for, when it is used
    /// metonymically ("Seoul will work…" stands for South Korea).
    pub acts_for: Option<usize>,
}

/// A real-world entity and all its mentions in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Coarse type.
    pub kind: EntityKind,
    /// Finer type (`country`, `city`, `capital`, `organization`, …) when known.
    pub subtype: Option<String>,
    /// Canonical name ("Kyiv" for "kyiv").
    pub name: String,
    /// Role phrases ("Defense Minister").
    pub titles: Vec<String>,
    /// The entity's country (a person's, a city's, a ministry's), by its common English name.
    pub country: Option<String>,
    /// Mentions in document order.
    pub mentions: Vec<EntityMention>,
}
