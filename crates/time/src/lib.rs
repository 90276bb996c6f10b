//! Temporal expressions: finds TIMEX3 expressions, normalizes their values, and infers the article's own date.
