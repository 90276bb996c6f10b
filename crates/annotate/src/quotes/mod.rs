//! Quotes and their speakers.
