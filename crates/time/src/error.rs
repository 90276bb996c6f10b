//! Errors of this crate: only reading the grammar can fail; tagging never does.

/// An error in the grammar source (the embedded one is checked by tests).
#[derive(Debug, thiserror::Error)]
pub enum GrammarError {
    /// A statement of the grammar could not be read or compiled.
    #[error("grammar line {line}: {message}")]
    Syntax {
        /// 1-based line in the grammar source (0 when the problem is the file as a whole).
        line: usize,
        /// What is wrong and where.
        message: String,
    },
}
