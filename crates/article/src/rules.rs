//! The boilerplate rules: loaded from `rules/boilerplate.toml` (embedded), compiled once.

use regex::Regex;
use serde::Deserialize;

/// The rules file shipped with sitrep.
pub const EMBEDDED_RULES: &str = include_str!("../rules/boilerplate.toml");

/// Where a rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The pattern must match a whole (trimmed) line.
    Line,
    /// The pattern is removed wherever it occurs.
    Inline,
    /// The pattern is removed at the start of the first body paragraph.
    Prefix,
}

#[derive(Debug, Deserialize)]
struct RuleFile {
    version: u32,
    rule: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize)]
struct RuleSpec {
    id: String,
    kind: String,
    scope: Scope,
    pattern: String,
    #[serde(default)]
    max_words: Option<usize>,
    #[serde(default)]
    truncates: bool,
    #[serde(default)]
    reject_sentence_end: bool,
    // Documentation fields, required so every rule explains itself.
    #[allow(dead_code)]
    what: String,
    example: String,
}

/// One compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id, reported in `removed[].rule`.
    pub id: String,
    /// The kind of boilerplate, reported in `removed[].kind`.
    pub kind: String,
    /// Where it looks.
    pub scope: Scope,
    /// The compiled pattern (anchored for line rules and prefix rules).
    pub regex: Regex,
    /// Longest line (in words) a line rule may remove.
    pub max_words: Option<usize>,
    /// Whether a match means the article was cut.
    pub truncates: bool,
    /// Whether a line ending like a sentence is exempt.
    pub reject_sentence_end: bool,
    /// The example from the rules file (checked by tests).
    pub example: String,
}

/// The compiled rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Version of the rules file.
    pub version: u32,
    /// Rules in file order.
    pub rules: Vec<Rule>,
}

/// Why a rules file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    /// The TOML is malformed.
    #[error("rules file: {0}")]
    Toml(#[from] toml::de::Error),
    /// A pattern does not compile.
    #[error("rule {id}: bad pattern: {source}")]
    Pattern {
        /// The rule's id.
        id: String,
        /// The regex error.
        source: regex::Error,
    },
}

impl RuleSet {
    /// Parses and compiles a rules file.
    pub fn parse(toml_text: &str) -> Result<RuleSet, RuleError> {
        let file: RuleFile = toml::from_str(toml_text)?;
        let mut rules = Vec::with_capacity(file.rule.len());
        for spec in file.rule {
            let anchored = match spec.scope {
                Scope::Line => format!("^(?:{})$", spec.pattern),
                Scope::Prefix => format!("^(?:{})", spec.pattern),
                Scope::Inline => spec.pattern.clone(),
            };
            let regex = Regex::new(&anchored).map_err(|source| RuleError::Pattern {
                id: spec.id.clone(),
                source,
            })?;
            rules.push(Rule {
                id: spec.id,
                kind: spec.kind,
                scope: spec.scope,
                regex,
                max_words: spec.max_words,
                truncates: spec.truncates,
                reject_sentence_end: spec.reject_sentence_end,
                example: spec.example,
            });
        }
        Ok(RuleSet {
            version: file.version,
            rules,
        })
    }

    /// The rules shipped with sitrep.
    pub fn embedded() -> Result<RuleSet, RuleError> {
        RuleSet::parse(EMBEDDED_RULES)
    }

    /// Rules of one scope, in file order.
    pub fn of_scope(&self, scope: Scope) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |r| r.scope == scope)
    }
}
