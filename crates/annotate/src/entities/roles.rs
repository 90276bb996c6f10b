//! Step 3: titles and countries from the words around a name.
//!
//! - `pre-title`: role words before a person ("Ukrainian Defense Minister X",
//!   "National Security Advisor X", "North Korean leader X"); a demonym or country name at
//!   the left edge gives the country and is not part of the title. One or two lowercase
//!   modifiers between it and the role belong to the title ("Russian opposition leader X").
//! - `role-of`: a role with its "of"/"for" complement right before the name ("Secretary of
//!   State X", "President of Ukraine X", "Special Representative for Iran X"); an "of"
//!   country gives the country when none stands at the left edge.
//! - `apposition`: a role phrase after the name between commas ("X, the head of national
//!   security,", "X, the Chancellor of Germany,": a demonym or an "of" country gives the
//!   country), taken only when no title stands before the name (in "met President X, the
//!   Minister of Defense, …" the phrase after X is the next item of a list).
//! - `list-apposition`: in an enumeration, the nearest role phrase before the name belongs
//!   to it ("the Minister of Defense, then the head of national security, X").
//! - `of-country`: "Crown Prince X of Saudi Arabia": a country after the name by "of".
//! - `org-country`: "the Polish company X" and "Russian Defence Ministry" give an
//!   organization its country.
//! - `org-title`: "Kremlin spokesman X": a role right after an organization belongs to it
//!   and gives its country; so does an organization owning the title ("Labour's Shadow
//!   Home Secretary X"), which then takes no state by `sentence-state`.
//! - `sentence-state`: an official with a government title and no other evidence takes the
//!   state of the only capital, country or government seat named in the same sentence
//!   (not when the title names an organization: "Commission President X").
//!
//! Honorifics ("Mr.", "Ms.", "Dr.") are never titles.

use sitrep_ner::{Gazetteer, WordClass, is_honorific};

use super::{Draft, EntityKind, Words};

/// Lowercase words that may stand inside a role phrase ("head of national security").
const ROLE_CONNECTORS: &[&str] = &["of", "for", "and", "on", "the", "to"];

/// Words that may open an apposition before the role itself.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "then", "and", "now", "current",
];

/// Role nouns the gazetteer's title list lacks ("his Jordanian counterpart X"; "Libyan
/// national X" and "British citizen X" give the person's country).
const EXTRA_ROLES: &[&str] = &["counterpart", "counterparts", "national", "citizen"];

/// Verbs and auxiliaries that show a clause, not a role phrase, after a comma ("X, said
/// the president would…").
const CLAUSE_WORDS: &[&str] = &[
    "said", "says", "told", "added", "would", "will", "was", "is", "has", "had", "have", "were",
    "are", "who", "which", "that", "did", "does", "can", "could", "should",
];

fn is_role(gaz: &Gazetteer, w: &str) -> bool {
    (gaz.is_word(w, WordClass::Title) || EXTRA_ROLES.contains(&w)) && !is_honorific(w)
}

/// Title words that name a government office (used by `sentence-state`).
const GOVERNMENT: &[&str] = &[
    "minister",
    "president",
    "secretary",
    "ambassador",
    "envoy",
    "chancellor",
    "premier",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "advisor",
    "adviser",
    "prime",
    "leader",
    "general",
    "commander",
    "official",
    "diplomat",
];

pub(crate) fn assign(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut [Draft]) {
    let ends: Vec<usize> = drafts.iter().map(|d| d.tokens.end).collect();
    // Countries by the token they end at: a tagged code ("US") is no demonym, but a
    // country all the same when it opens a person's title.
    let countries: Vec<(usize, String)> = drafts
        .iter()
        .filter(|d| d.subtype.as_deref() == Some("country"))
        .map(|d| (d.tokens.end, d.name.clone()))
        .collect();
    for d in drafts.iter_mut() {
        if d.kind == EntityKind::Org {
            organization(words, gaz, d);
        }
    }
    // Organizations by the token they end at, for `org-title`.
    let orgs: Vec<(usize, Option<String>)> = drafts
        .iter()
        .filter(|d| d.kind == EntityKind::Org)
        .map(|d| (d.tokens.end, d.country.clone()))
        .collect();
    let mut org_titled = vec![false; drafts.len()];
    for (k, d) in drafts.iter_mut().enumerate() {
        if d.kind == EntityKind::Per {
            person(words, gaz, d, &ends, &countries);
            if d.country.is_none()
                && let Some(c) = country_after_of(words, gaz, d.tokens.end)
            {
                d.country = Some(c);
            }
            // `org-title`: "Kremlin spokesman X", "Commission President X": the role belongs
            // to the organization right before it, which gives its country (if any).
            let mut i = d.tokens.start;
            while i > 0 && words.same_sentence(i - 1, d.tokens.start) && {
                let w = words.get(i - 1);
                is_role(gaz, w) || is_honorific(w) || ROLE_CONNECTORS.contains(&w)
            } {
                i -= 1;
            }
            // "Labour's Shadow Home Secretary X": the organization may own the role.
            let mut owner = i;
            while owner > 0
                && owner < d.tokens.start
                && words.same_sentence(owner - 1, d.tokens.start)
                && is_capitalized(words.get(owner - 1))
            {
                owner -= 1;
            }
            let possessor =
                (owner > 0 && matches!(words.get(owner - 1), "'s" | "'")).then(|| owner - 1);
            let org = orgs
                .iter()
                .find(|(e, _)| *e == i)
                .or_else(|| possessor.and_then(|p| orgs.iter().find(|(e, _)| *e == p)));
            if i < d.tokens.start
                && let Some((_, c)) = org
            {
                org_titled[k] = true;
                if let Some(c) = c {
                    d.country.get_or_insert(c.clone());
                }
            }
        }
    }
    sentence_state(words, gaz, drafts, &org_titled);
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A demonym or country name ending at token `end` (exclusive), 1–3 words: its start and
/// country.
pub(crate) fn country_word_before(
    words: &Words<'_>,
    gaz: &Gazetteer,
    end: usize,
) -> Option<(usize, String)> {
    for len in (1..=3).rev() {
        let Some(start) = end.checked_sub(len) else {
            continue;
        };
        if !words.same_sentence(start, end - 1) {
            continue;
        }
        let text = words.words[start..end].join(" ");
        if !is_capitalized(&text) {
            continue;
        }
        // "South American", "Latin American": a region's adjective, not a country's.
        let region = [
            "North",
            "South",
            "East",
            "West",
            "Central",
            "Latin",
            "Southeast",
        ];
        if region.contains(&words.before(start, 1)) && words.same_sentence(start - 1, start) {
            return None;
        }
        if let Some(c) = gaz
            .country_of_demonym(&text)
            .or_else(|| gaz.country_by_name(&text))
        {
            return Some((start, c.name.clone()));
        }
        // "US Secretary of State X": an all-capitals country code opening a title.
        let code = len == 1
            && (2..=3).contains(&text.len())
            && text.chars().all(|c| c.is_ascii_uppercase())
            && is_capitalized(words.get(end));
        if code && let Some(c) = gaz.country(&text) {
            return Some((start, c.name.clone()));
        }
        let possessive = text.strip_suffix(" 's");
        if let Some(c) = possessive.and_then(|t| gaz.country_by_name(t)) {
            return Some((start, c.name.clone()));
        }
    }
    None
}

fn person(
    words: &Words<'_>,
    gaz: &Gazetteer,
    d: &mut Draft,
    ends: &[usize],
    countries: &[(usize, String)],
) {
    let start = d.tokens.start;
    // `pre-title`: walk left over role words and capitalized words that precede a role word.
    let mut i = start;
    while i > 0 && is_honorific(words.get(i - 1)) {
        i -= 1;
    }
    let title_end = i;
    let mut has_role = false;
    let mut j = i;
    let mut of_country = None;
    if let Some((of, country)) = role_complement_before(words, gaz, title_end) {
        j = of;
        of_country = country;
    }
    while j > 0 && words.same_sentence(j - 1, start) {
        let w = words.get(j - 1);
        if ends.contains(&j) && j != start {
            break; // another mention ends here
        }
        if country_word_before(words, gaz, j).is_some() {
            break;
        }
        let role = is_role(gaz, w);
        let capital_word = is_capitalized(w)
            && has_role
            && !words.sentence_initial(j - 1)
            && w.chars().all(|c| c.is_alphabetic() || c == '-');
        let lower_role = role && !is_capitalized(w);
        if role || capital_word || (lower_role && has_role) {
            has_role |= role;
            j -= 1;
        } else if let Some(m) = has_role
            .then(|| modifiers_after_country(words, gaz, j))
            .flatten()
        {
            // "Russian opposition leader X": lowercase modifiers of the role after a
            // demonym belong to the title, and the demonym gives the country.
            j -= m;
            break;
        } else if is_capitalized(w) && has_role && words.sentence_initial(j - 1) {
            // "National Security Advisor X" at a sentence start: keep capitalized words
            // that are not ordinary lowercase English.
            let plain = gaz.case_counts(w).is_some_and(|(cap, low)| low > cap * 4);
            if plain {
                break;
            }
            j -= 1;
        } else {
            break;
        }
    }
    if has_role && j < title_end {
        let title = words.words[j..title_end].join(" ");
        push_title(d, title);
        let tagged = || {
            countries
                .iter()
                .find(|(end, _)| *end == j)
                .map(|(_, c)| (j, c.clone()))
        };
        if let Some((_, country)) = country_word_before(words, gaz, j)
            .or_else(tagged)
            .or(of_country)
        {
            d.country.get_or_insert(country);
        }
        return;
    }
    // `list-apposition`: ", <role phrase>, X".
    if words.before(start, 1) == ","
        && let Some((title, country)) = phrase_before(words, gaz, start - 1, ends)
    {
        push_title(d, title);
        if let Some(c) = country {
            d.country.get_or_insert(c);
        }
        return;
    }
    // `apposition`: "X, <role phrase>,".
    if words.get(d.tokens.end) == ","
        && let Some((title, country)) = phrase_after(words, gaz, d.tokens.end + 1)
    {
        push_title(d, title);
        if let Some(c) = country {
            d.country.get_or_insert(c);
        }
    }
}

/// Prepositions and conjunctions, which never modify a role ("the UK parliament by Queen
/// X").
const FUNCTION_WORDS: &[&str] = &[
    "by", "in", "at", "from", "with", "as", "after", "before", "than", "into", "over", "under",
    "about", "against", "between", "via", "per", "like", "near", "while", "when", "where", "but",
    "or", "nor", "so", "if", "because", "since", "until", "without", "within", "through", "upon",
    "onto", "toward", "towards", "amid", "among", "across", "behind", "beyond", "during",
];

/// How many (one or two) lowercase words right before token `end` stand between a demonym
/// or country name and a role ("Russian opposition leader", "Russian human rights
/// activist"). Verb-like words end the modifiers ("Russian troops killed leader X").
fn modifiers_after_country(words: &Words<'_>, gaz: &Gazetteer, end: usize) -> Option<usize> {
    let modifier = |k: usize| {
        let w = words.get(k);
        words.same_sentence(k, end.saturating_sub(1))
            && w.chars().all(|c| c.is_ascii_lowercase())
            && !CLAUSE_WORDS.contains(&w)
            && !ROLE_CONNECTORS.contains(&w)
            && !DETERMINERS.contains(&w)
            && !FUNCTION_WORDS.contains(&w)
            && !w.ends_with("ed")
            && !w.ends_with("ing")
            && !w.ends_with("ly")
    };
    (1..=2.min(end)).find(|&m| {
        (end - m..end).all(modifier)
            && end - m > 0
            && words.same_sentence(end - m - 1, end - m)
            && country_word_before(words, gaz, end - m).is_some()
    })
}

/// `role-of`: the "of"/"for" complement of a role right before a name at `end`: up to
/// four capitalized words (or "the") after "of"/"for" after a role word. Returns where
/// "of"/"for" stands (the walk over the role words goes on from there) and, for "of", the
/// country the complement names.
fn role_complement_before(
    words: &Words<'_>,
    gaz: &Gazetteer,
    end: usize,
) -> Option<(usize, Option<(usize, String)>)> {
    let mut k = end;
    while k > 0
        && end - k < 4
        && words.same_sentence(k - 1, end.saturating_sub(1))
        && (words.get(k - 1) == "the" || is_capitalized(words.get(k - 1)))
        && !matches!(words.get(k - 1), "of" | "for")
    {
        k -= 1;
    }
    if k == end || k < 2 || !matches!(words.get(k - 1), "of" | "for") {
        return None;
    }
    let of = k - 1;
    if !words.same_sentence(of - 1, of) || !is_role(gaz, words.get(of - 1)) {
        return None;
    }
    let complement = words.words[k..end].join(" ");
    let country = (words.get(of) == "of")
        .then(|| gaz.country_by_name(&complement))
        .flatten()
        .map(|c| (k, c.name.clone()));
    Some((of, country))
}

/// `of-country`: "Crown Prince X of Saudi Arabia", "President X of France": a country
/// named right after a person's name by "of" (1–3 words, then no more capitalized words).
fn country_after_of(words: &Words<'_>, gaz: &Gazetteer, end: usize) -> Option<String> {
    if words.get(end) != "of" || !words.same_sentence(end.saturating_sub(1), end) {
        return None;
    }
    let mut from = end + 1;
    if words.get(from) == "the" {
        from += 1;
    }
    if !words.get(from).starts_with(char::is_uppercase) {
        return None; // "of the island's power authority"
    }
    (1..=3).find_map(|n| {
        let to = from + n;
        let next = words.get(to);
        if to > words.words.len()
            || !words.same_sentence(from, to - 1)
            || next.starts_with(char::is_uppercase)
        {
            return None;
        }
        let name = words.words[from..to].join(" ");
        // "Senator X of Georgia": a name that is also a state or province is ambiguous.
        if gaz.region(&name).is_some() {
            return None;
        }
        gaz.country_by_name(&name).map(|c| c.name.clone())
    })
}

fn push_title(d: &mut Draft, title: String) {
    if !title.is_empty() && !d.titles.iter().any(|t| t.eq_ignore_ascii_case(&title)) {
        d.titles.push(title);
    }
}

/// A role phrase after a comma: `[det] [demonym] role-words (of …)` up to the next comma or
/// sentence end. Returns the title (without determiners and demonym) and the country.
fn phrase_after(
    words: &Words<'_>,
    gaz: &Gazetteer,
    from: usize,
) -> Option<(String, Option<String>)> {
    let mut i = from;
    let mut end = from;
    while end < words.words.len()
        && words.same_sentence(from, end)
        && !matches!(
            words.get(end),
            "," | "." | ";" | ":" | ")" | "\"" | "?" | "!" | "--"
        )
        && end - from < 10
    {
        end += 1;
    }
    if end >= words.words.len() || !matches!(words.get(end), "," | "." | ";" | ")" | "--") {
        return None;
    }
    while i < end && DETERMINERS.contains(&words.get(i).to_lowercase().as_str()) {
        i += 1;
    }
    role_phrase(words, gaz, i, end)
}

/// The role phrase that ends right before the comma at `comma`, back to the previous comma.
fn phrase_before(
    words: &Words<'_>,
    gaz: &Gazetteer,
    comma: usize,
    ends: &[usize],
) -> Option<(String, Option<String>)> {
    let mut start = comma;
    let mut possessor = None;
    while start > 0
        && words.same_sentence(start - 1, comma)
        && !matches!(words.get(start - 1), "," | "." | ";" | ":" | "(" | "\"")
        && comma - start < 10
    {
        // "Russia's foreign minister, X,", "The European Union's foreign policy chief, X,":
        // the possessor opens the phrase; a country there gives the country.
        if matches!(words.get(start - 1), "'s" | "'") && ends.contains(&(start - 1)) {
            possessor = Some(start - 1);
            break;
        }
        if ends.contains(&start) {
            return None; // a name inside: not a bare role phrase
        }
        start -= 1;
    }
    let opens = start > 0 && matches!(words.get(start - 1), ",");
    if !opens && possessor.is_none() {
        return None;
    }
    // "Sadie Weiner, Hagan's former spokeswoman, Hagan died": a possessive phrase after a
    // comma is the apposition of the name before it, not a title of the name after it.
    if let Some(p) = possessor
        && !opens
    {
        let mut b = p;
        while b > 0
            && words.same_sentence(b - 1, p)
            && words.get(b - 1).starts_with(char::is_uppercase)
        {
            b -= 1;
        }
        if b > 1
            && words.same_sentence(b - 2, p)
            && words.get(b - 1) == ","
            && ends.contains(&(b - 1))
        {
            return None;
        }
    }
    let mut i = start;
    while i < comma && DETERMINERS.contains(&words.get(i).to_lowercase().as_str()) {
        i += 1;
    }
    let (title, country) = role_phrase(words, gaz, i, comma)?;
    // `country_word_before` reads "Russia 's" as the country's possessive.
    let owner_country =
        possessor.and_then(|p| country_word_before(words, gaz, p + 1).map(|(_, c)| c));
    Some((title, country.or(owner_country)))
}

/// Checks that tokens `i..end` are a role phrase (a title word within the first four
/// words, otherwise only role words, capitalized words and connectors) and returns it.
fn role_phrase(
    words: &Words<'_>,
    gaz: &Gazetteer,
    i: usize,
    end: usize,
) -> Option<(String, Option<String>)> {
    if i >= end {
        return None;
    }
    let mut country = None;
    let mut start = i;
    // A demonym or country name opening the phrase gives the country ("the Ukrainian
    // defense minister").
    for e in (i + 1..=(i + 3).min(end)).rev() {
        if let Some((s, c)) = country_word_before(words, gaz, e)
            && s == i
        {
            country = Some(c);
            start = e;
            break;
        }
    }
    (start..end.min(start + 4)).find(|&k| gaz.is_word(words.get(k), WordClass::Title))?;
    for k in start..end {
        let w = words.get(k);
        if CLAUSE_WORDS.contains(&w) {
            return None;
        }
        let ok = gaz.is_word(w, WordClass::Title)
            || ROLE_CONNECTORS.contains(&w)
            || w.chars().all(|c| c.is_alphabetic() || c == '-');
        if !ok || is_honorific(w) {
            return None;
        }
        if let Some(c) = gaz.country_of_demonym(w) {
            country.get_or_insert(c.name.clone());
        }
    }
    // "the Chancellor of Germany": a country as the role's "of" complement.
    if country.is_none()
        && let Some(of) = (start + 1..end).find(|&k| words.get(k) == "of")
    {
        let mut from = of + 1;
        if words.get(from) == "the" {
            from += 1;
        }
        if from < end {
            country = gaz
                .country_by_name(&words.words[from..end].join(" "))
                .map(|c| c.name.clone());
        }
    }
    Some((words.words[start..end].join(" "), country))
}

/// `org-country`.
fn organization(words: &Words<'_>, gaz: &Gazetteer, d: &mut Draft) {
    if d.country.is_some() {
        return;
    }
    // Inside the name: "Russian Defence Ministry", "Bank of Korea".
    for k in d.tokens.clone() {
        let w = words.get(k);
        if let Some(c) = gaz.country_of_demonym(w).or_else(|| gaz.country_by_name(w)) {
            d.country = Some(c.name.clone());
            return;
        }
    }
    // Before it: "the Polish company X", "South Korea's Samsung".
    let start = d.tokens.start;
    for gap in 0..=2 {
        let Some(end) = start.checked_sub(gap) else {
            break;
        };
        if (end..start).any(|k| {
            let w = words.get(k);
            is_capitalized(w) || matches!(w, "," | "." | "the")
        }) {
            break;
        }
        if let Some((_, c)) = country_word_before(words, gaz, end) {
            d.country = Some(c);
            return;
        }
    }
}

/// `sentence-state`.
fn sentence_state(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut [Draft], org_titled: &[bool]) {
    for k in 0..drafts.len() {
        let d = &drafts[k];
        if d.kind != EntityKind::Per || d.country.is_some() || org_titled[k] {
            continue;
        }
        // "Commission President X": an office of an organization, not of a state.
        let of_organization = d.titles.iter().any(|t| {
            t.split_whitespace()
                .any(|w| is_capitalized(w) && gaz.is_word(w, WordClass::OrgWord))
        });
        if of_organization {
            continue;
        }
        let official = d.titles.iter().any(|t| {
            t.split_whitespace()
                .any(|w| GOVERNMENT.contains(&w.to_lowercase().as_str()))
        });
        if !official {
            continue;
        }
        let states: Vec<&str> = drafts
            .iter()
            .filter(|o| words.same_sentence(o.tokens.start, d.tokens.start))
            .filter(|o| {
                matches!(
                    o.subtype.as_deref(),
                    Some("country" | "capital" | "government")
                )
            })
            .filter_map(|o| o.country.as_deref())
            .collect();
        if let Some(first) = states.first()
            && states.iter().all(|s| s == first)
        {
            let s = first.to_string();
            drafts[k].country = Some(s);
        }
    }
}
