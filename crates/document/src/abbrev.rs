//! Abbreviations that keep their final period.
//!
//! Two kinds matter to sentence splitting: *titles and prefixes* ("Mr.", "Gen.", "St.") are
//! always followed by more of the same sentence, while *ordinary abbreviations* ("Inc.",
//! "U.S.", "etc.") may also end one.

/// Titles, honorifics and prefixes: a sentence never ends on them.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
    "cmdr", "rep", "sen", "gov", "pres", "rev", "fr", "sr", "st", "mt", "ft", "hon", "amb", "brig",
    "supt", "insp", "pvt", "cpl", "msgr", "messrs", "mme", "mlle", "vol", "art", "fig", "vs", "cf",
    "approx", "ca", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "thu", "thur", "thurs", "fri",
];

/// Abbreviations that can also end a sentence.
const OTHER: &[&str] = &[
    "inc", "corp", "co", "ltd", "plc", "llc", "bros", "jr", "etc", "al", "dept", "univ", "assn",
    "govt", "intl", "natl", "ave", "blvd", "rd", "hwy", "ph.d", "u.s", "u.k", "u.n", "e.u", "a.m",
    "p.m", "i.e", "e.g",
];

/// Whether `stem` (a word without its final period) is a known abbreviation.
pub fn is_abbreviation(stem: &str) -> bool {
    let lower = stem.to_ascii_lowercase();
    TITLES.contains(&lower.as_str()) || OTHER.contains(&lower.as_str())
}

/// Whether `word` (with its period) is a title or prefix that never ends a sentence.
pub fn is_title_abbreviation(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    let lower = stem.to_ascii_lowercase();
    if TITLES.contains(&lower.as_str()) {
        return true;
    }
    // Single-letter initials: "J." in "J. K. Rowling".
    let mut chars = stem.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}
