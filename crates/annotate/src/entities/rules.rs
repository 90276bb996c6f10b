//! Mention repair (step 2) and metonymy cues (step 5).
//!
//! Repair rules, each with an id used in comments and tests:
//! - `title-split`: a mention holding a role word and then capitalized words is a role and
//!   a person ("Deputy Foreign Minister Park Min-soo").
//! - `honorific`: "Mr." / "President" inside a person mention are not part of the name.
//! - `possessive`, `lowercase-tail`: a name ends neither in "'s", punctuation nor a
//!   lowercase word ("Distrustful of information", "Defense, then").
//! - `article`: a leading "The" is not part of the name (unless of a city: "The Hague").
//! - `common-tail`: a last word that news nearly always writes in lowercase is cut
//!   ("Kim Jong-un Since" in a headline).
//! - `adjacent-persons`: two person mentions side by side are one name.
//! - `named-organization`: "the Polish company LOT": a capitalized word after an
//!   organization noun is an organization.
//! - `name-extend`, `name-tail`: an untagged rare capitalized word ("Min-soo") or an unknown
//!   lowercase word before punctuation ("Lee Jae myung,") continues a person's name.
//! - `acronym-definition`: "the General Agreement on Tariffs and Trade (GATT)": capitalized
//!   words whose initials spell the acronym in parentheses after them are one name, and the
//!   acronym, there and alone elsewhere in the document, is a mention of it.
//! - `state-body`: a nationality adjective heading a state body ("Iranian authorities",
//!   "Israeli security forces", "Armenian villages") is a mention of the country.
//! - `state-official`: a nationality adjective before a state office with no name after it
//!   ("the Chinese foreign minister visited …") is a mention of the country.
//! - `gazetteer-place`: a country, capital or large city the tagger missed becomes a place,
//!   also in lowercase when the word is not ordinary lowercase English ("kyiv").
//! - `not-a-name`: single words that news writes in lowercase away from a sentence start
//!   ("Officially", "Many", "Read"), months and weekdays, lone honorifics, and
//!   sentence-initial adverbs and participles are dropped; so are `amount`s ("US$2"),
//!   `role-of` portfolios ("Minister of Defense"), `demonym`s ("Ukrainian") and
//!   `role-only` offices tagged as organizations ("National Security Advisor").
//! - `facility`, `org-word`: organizations named like facilities ("… Airport") are places;
//!   places ending in an organization word ("Washington Post") are organizations.
//! - `canonical`: places and organizations take the gazetteer's spelling and a subtype;
//!   capitals and government seats learn the state they can act for.
//! - `surname`: a one-word mention of another type that is the first or last word of
//!   exactly one full person name is that person.
//! - `weapon-modifier`: a capitalized name right before a weapon or vehicle noun, maybe
//!   through lowercase modifiers ("X surface-to-air missiles"), names the weapon, not a
//!   person or place: it becomes `MISC` with subtype `weapon`.
//! - `administration`: a name before "administration", "presidency" or "campaign" ("the
//!   new X administration") is the person who leads it, not an organization.
//! - `name-particle`: "bin", "al-", "von der", "da" and a capitalized word continue a
//!   person's name ("Mohammed bin Salman"); particles stay lowercase in the canonical name.
//! - `seat-first`, `region-first`, `country-code`, `misc-country`: a government seat beats a
//!   city alias ("White House"), a state or province beats a small town of the same name, an
//!   all-capitals "US" is the country, and a country tagged as a thing is a place.
//! - `honorific-person`: a name after "Mr.", "Ms." or "Dr." is a person's ("Mr. Roh
//!   Moo-hyun" tagged as a thing).
//! - `operation-name`: a name right after a capitalized "Operation" is a military or police
//!   operation ("Operation Peace Shield"), `MISC` with subtype `operation`, "Operation"
//!   included, never a person.
//! - `join-of`: two names joined by "of" that the gazetteer knows together are one ("Islamic
//!   Republic" + "of" + "Iran" is Iran).
//! - `join-for`: capitalized words on both sides of "for", one side ending in an
//!   organization word, are one organization ("Tunisian League for the Defence of Human
//!   Rights", "Cinema for Peace Foundation").
//! - `role-of-split`: after "<role> of|for", a name that starts with a country and goes on
//!   with a person's name is both ("Special Representative for Iran Brian Hook").
//! - `role-not-org`: a name ending in a role word right before a person, maybe through
//!   "of|for …" ("US Secretary of State X", "US Special Representative for …"), is the
//!   person's title; only a country at its start stays ("US").
//! - `patronymic`: capitalized words around "bin", "ibn" or "bint" are one person's name,
//!   whatever the tagger made of its parts ("Qaboos bin Said", "Haitham bin Tariq Al Said").
//! - `org-suffix`: a lone organization word ("Inc", "Corp", "Bank") right after capitalized
//!   words the tagger left out or typed otherwise ends one organization's name over them
//!   ("Thomson McKinnon Mortgage Assets Corp").
//! - `facility-after`: a capitalized facility word ("Mosque", "Airport") right after a name
//!   the tagger stopped short of belongs to it, and the whole is a place ("Sultan Qaboos
//!   Grand Mosque" is no person).
//! - `name-then-place`: a one-word place or thing right after a person's name, with nothing
//!   between, in mixed case, that is neither a country, an organization word nor a city of
//!   100,000 is the end of the name ("Mohammad Javad" + "Zarif", "Joseph B. Ely" + "II").
//! - `continent`: a continent or world region is a place of no country, whatever town
//!   shares its name ("Asia").
//! - `compass-adjective`: "Western states", "Eastern Europe's": a direction adjective before
//!   a lowercase noun is no entity (like a demonym).

use std::ops::Range;

use sitrep_ner::{Gazetteer, WordClass, is_honorific};

use super::roles::country_word_before;
use super::{Draft, EntityKind, Words};

/// Words that end facility names, which CoNLL tags as places.
const FACILITY: &[&str] = &[
    "mosque",
    "cathedral",
    "temple",
    "shrine",
    "museum",
    "airport",
    "port",
    "harbour",
    "harbor",
    "station",
    "square",
    "bridge",
    "base",
    "airbase",
    "dam",
    "plant",
    "stadium",
    "palace",
    "prison",
    "camp",
    "canal",
    "strait",
    "sea",
    "ocean",
    "river",
    "island",
    "islands",
    "mountains",
    "peninsula",
    "gulf",
    "bay",
];

/// Verbs and auxiliaries that show a political actor right after a name ("Seoul will…").
const ACTOR_NEXT: &[&str] = &[
    "will",
    "would",
    "has",
    "had",
    "have",
    "is",
    "was",
    "says",
    "said",
    "refused",
    "refuses",
    "rejected",
    "rejects",
    "asked",
    "asks",
    "announced",
    "announces",
    "wants",
    "wanted",
    "agreed",
    "agrees",
    "warned",
    "warns",
    "accused",
    "accuses",
    "denied",
    "denies",
    "insists",
    "insisted",
    "hopes",
    "hoped",
    "plans",
    "planned",
    "must",
    "should",
    "could",
    "can",
    "may",
    "might",
    "did",
    "does",
    "sent",
    "sends",
    "signed",
    "signs",
    "condemned",
    "condemns",
    "urged",
    "urges",
    "demanded",
    "demands",
    "threatened",
    "threatens",
    "responded",
    "responds",
    "claimed",
    "claims",
    "decided",
    "decides",
    "approved",
    "imposed",
    "imposes",
    "launched",
    "launches",
    "continues",
    "continued",
    "supports",
    "supported",
    "opposes",
    "opposed",
    "called",
    "calls",
    "blamed",
    "blames",
    "vowed",
    "vows",
    "added",
    "stated",
    "confirmed",
    "confirms",
    "believes",
    "believed",
    "fears",
    "feared",
    "expects",
    "expected",
    "seeks",
    "sought",
    "struck",
    "attacked",
    "attacks",
    "provides",
    "provided",
    "sells",
    "sold",
    "supplies",
    "supplied",
    "backed",
    "backs",
    "recognized",
    "recognised",
    "summoned",
    "expelled",
    "announced",
    "reacted",
    "sees",
    "saw",
];

/// Verbs whose object followed by "to" is an actor ("asked Seoul to provide").
const ACTOR_BEFORE_TO: &[&str] = &[
    "asked",
    "asks",
    "urged",
    "urges",
    "led",
    "leads",
    "pushed",
    "pushes",
    "pressed",
    "presses",
    "told",
    "tells",
    "called",
    "calls",
    "forced",
    "forces",
    "allowed",
    "allows",
    "encouraged",
    "encourages",
    "invited",
    "invites",
    "wants",
    "wanted",
    "expects",
    "expected",
    "warned",
    "warns",
    "prompted",
    "prompts",
    "persuaded",
    "begged",
];

/// Nouns after which a capitalized word names an organization ("the Polish company LOT").
const ORG_NOUNS: &[&str] = &[
    "company",
    "firm",
    "airline",
    "carrier",
    "group",
    "giant",
    "bank",
    "manufacturer",
    "maker",
    "operator",
    "broadcaster",
    "newspaper",
    "daily",
    "agency",
    "conglomerate",
    "startup",
    "insurer",
    "lender",
    "retailer",
    "automaker",
    "carmaker",
    "chipmaker",
    "producer",
    "supplier",
    "contractor",
    "network",
    "channel",
    "outlet",
    "party",
    "organization",
    "organisation",
    "movement",
    "militia",
];

/// Nouns of weapons and military vehicles: a name right before one is the weapon's name.
const WEAPON_NOUNS: &[&str] = &[
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "drone",
    "drones",
    "tank",
    "tanks",
    "jet",
    "jets",
    "fighter",
    "fighters",
    "howitzer",
    "howitzers",
    "launcher",
    "launchers",
    "warplane",
    "warplanes",
    "helicopter",
    "helicopters",
    "submarine",
    "submarines",
    "warship",
    "warships",
    "frigate",
    "frigates",
    "rifle",
    "rifles",
    "interceptor",
    "interceptors",
    "artillery",
    "bomber",
    "bombers",
    "shells",
];

/// Lowercase words that may stand between a weapon's name and its noun ("ballistic",
/// "air defense"); hyphenated modifiers ("surface-to-air") are accepted too.
const WEAPON_MODIFIERS: &[&str] = &[
    "ballistic",
    "cruise",
    "hypersonic",
    "guided",
    "air",
    "defense",
    "defence",
    "attack",
    "combat",
    "battle",
    "main",
    "fighter",
    "assault",
    "anti-aircraft",
    "multiple",
    "rocket",
    "missile",
    "self-propelled",
    "nuclear",
    "kamikaze",
    "strike",
];

/// Lowercase nouns after which a name is the person leading the thing ("the X
/// administration").
const LEADER_OF: &[&str] = &["administration", "presidency", "campaign"];

/// Lowercase particles inside personal names ("Mohammed bin Salman", "Ursula von der
/// Leyen", "Luiz Inácio Lula da Silva").
const NAME_PARTICLES: &[&str] = &[
    "bin", "ibn", "bint", "al", "el", "van", "von", "der", "den", "de", "da", "di", "del", "dos",
    "das", "du", "la", "le", "y",
];

/// Continents and world regions, which towns of the city table share names with ("Asia",
/// a town in the Philippines).
const CONTINENTS: &[&str] = &[
    "Africa",
    "Antarctica",
    "Asia",
    "Europe",
    "North America",
    "South America",
    "Latin America",
    "Central America",
    "Oceania",
    "Middle East",
    "Southeast Asia",
    "Central Asia",
    "East Asia",
    "South Asia",
];

/// Direction adjectives that are no entity before a lowercase noun ("Western states").
const COMPASS_ADJECTIVES: &[&str] = &["Western", "Eastern", "Northern", "Southern"];

/// Step 2.
pub(crate) fn repair(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut Vec<Draft>) {
    split_title(words, gaz, drafts);
    for d in drafts.iter_mut() {
        trim(words, gaz, d);
    }
    drafts.retain(|d| !d.tokens.is_empty());
    facility_after(words, gaz, drafts);
    organization_suffix(words, gaz, drafts);
    patronymics(words, gaz, drafts);
    join_adjacent_persons(drafts);
    join_initials(words, drafts);
    // Before the particles: "Luiz Inácio" + "Lula" (a town) + "da Silva".
    name_then_place(words, gaz, drafts);
    join_particles(words, drafts);
    add_named_organizations(words, drafts);
    join_of(words, gaz, drafts);
    join_for(words, gaz, drafts);
    split_role_of(words, gaz, drafts);
    roles_are_not_organizations(words, gaz, drafts);
    let starts: Vec<usize> = drafts.iter().map(|d| d.tokens.start).collect();
    for d in drafts.iter_mut() {
        if d.kind == EntityKind::Per {
            name_extend(words, gaz, d, &starts);
            name_tail(words, gaz, d);
        }
        d.name = words.text(d.tokens.clone()).to_string();
    }
    acronym_definitions(words, gaz, drafts);
    add_state_bodies(words, gaz, drafts);
    add_state_officials(words, gaz, drafts);
    add_missed_places(words, gaz, drafts);
    drafts.retain(|d| !not_a_name(words, gaz, d));
    for d in drafts.iter_mut() {
        honorific_person(words, gaz, d);
        leader_of(words, gaz, d);
        canonical(words, gaz, d);
        weapon_modifier(words, gaz, d);
        operation_name(words, d);
    }
    surnames(words, gaz, drafts);
    drafts.sort_by_key(|d| d.tokens.start);
}

/// Lowercase words an organization's name may hold between its capitalized words
/// ("General Agreement on Tariffs and Trade", "Bank for International Settlements").
const NAME_JOINERS: &[&str] = &[
    "of", "on", "and", "for", "the", "in", "to", "&", "de", "du", "des", "la", "le", "del", "di",
];

/// Two to six capital letters: an acronym as news defines one in parentheses.
fn is_acronym(w: &str) -> bool {
    (2..=6).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Where the name that `acronym` abbreviates starts, when the words right before `paren`
/// (the opening parenthesis) are capitalized words whose initials spell it, in order, with
/// lowercase joiners allowed between them ("General Agreement on Tariffs and Trade" for
/// GATT).
fn expansion_start(words: &Words<'_>, paren: usize, acronym: &str) -> Option<usize> {
    let letters: Vec<char> = acronym.chars().collect();
    let mut need = letters.len();
    let mut start = None;
    let mut k = paren;
    while need > 0 {
        k = k.checked_sub(1)?;
        if !words.same_sentence(k, paren) {
            return None;
        }
        let w = words.get(k);
        let first = w.chars().next()?;
        if first.is_uppercase() {
            if first.to_ascii_uppercase() != letters[need - 1] {
                return None;
            }
            need -= 1;
            start = Some(k);
        } else if start.is_none() || !NAME_JOINERS.contains(&w) {
            return None;
        }
    }
    start
}

/// Whether two spellings of a long name are the same name: the same words apart from
/// joiners, hyphens, case and endings ("Organisation for Economic Co-operation and
/// Development", "Organization of Economic Cooperation and Development").
fn same_expansion(a: &str, b: &str) -> bool {
    let stems = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .filter(|w| !NAME_JOINERS.contains(&w.to_lowercase().as_str()))
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .take(5)
                    .collect()
            })
            .collect()
    };
    stems(a) == stems(b)
}

/// `acronym-definition`: "the General Agreement on Tariffs and Trade (GATT)": capitalized
/// words whose initials spell the capitals in the parentheses right after them are one
/// name, whatever spans the tagger made of them there, and the acronym is a mention of
/// it, in the parentheses and wherever the document uses it alone. Only where the tagger
/// found a name (not a person) in that stretch: "Prime Minister (PM)" stays no entity.
fn acronym_definitions(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut Vec<Draft>) {
    let mut aliases: Vec<(&str, String, EntityKind)> = Vec::new();
    for paren in 1..words.words.len().saturating_sub(2) {
        let acronym = words.get(paren + 1);
        if words.get(paren) != "("
            || words.get(paren + 2) != ")"
            || !is_acronym(acronym)
            || !words.same_sentence(paren, paren + 2)
        {
            continue;
        }
        let Some(start) = expansion_start(words, paren, acronym) else {
            continue;
        };
        let end = paren + 3;
        let overlaps = |d: &Draft| d.tokens.start < end && start < d.tokens.end;
        let kinds: Vec<EntityKind> = drafts
            .iter()
            .filter(|d| overlaps(d))
            .map(|d| d.kind)
            .collect();
        if kinds.is_empty() || kinds.contains(&EntityKind::Per) {
            continue;
        }
        let kind = [EntityKind::Org, EntityKind::Loc, EntityKind::Misc]
            .into_iter()
            .find(|k| kinds.contains(k))
            .unwrap_or(EntityKind::Org);
        // A mention that began before the name keeps its own part when that part is a
        // known name ("U.S." of "U.S. Securities and Exchange Commission (SEC)").
        let mut kept = Vec::new();
        for d in drafts
            .iter()
            .filter(|d| overlaps(d) && d.tokens.start < start)
        {
            let text = words.text(d.tokens.start..start).trim_end();
            if in_gazetteer(gaz, text) {
                let mut head = d.clone();
                head.tokens = d.tokens.start..start;
                head.name = text.to_string();
                head.kind = if gaz.country_by_name(text).is_some() || gaz.city(text).is_some() {
                    EntityKind::Loc
                } else {
                    head.kind
                };
                kept.push(head);
            }
        }
        drafts.retain(|d| !overlaps(d));
        drafts.extend(kept);
        // The gazetteer's spelling when it knows the acronym for the same name ("Organisation
        // for Economic Co-operation and Development" also when the text writes "of ...
        // Cooperation"); the text's own name when the acronym stands for another one.
        let text = words.text(start..paren);
        let name = gaz
            .organization(acronym)
            .filter(|o| o.acronym.as_deref() == Some(acronym) && same_expansion(&o.name, text))
            .map_or_else(|| text.to_string(), |o| o.name.clone());
        let draft = |tokens: std::ops::Range<usize>| Draft {
            kind,
            tokens,
            name: name.clone(),
            subtype: None,
            titles: Vec::new(),
            country: None,
            state: None,
            acts: false,
        };
        drafts.push(draft(start..paren));
        drafts.push(draft(paren + 1..paren + 2));
        aliases.push((acronym, name, kind));
    }
    for d in drafts.iter_mut().filter(|d| d.tokens.len() == 1) {
        let w = words.get(d.tokens.start);
        if let Some((_, name, kind)) = aliases.iter().find(|(a, _, _)| *a == w) {
            d.name = name.clone();
            d.kind = *kind;
        }
    }
}

/// State bodies a nationality adjective can head ("Iranian authorities"), and the places of
/// a state that stand for it as the target of force ("shelled several Armenian villages").
const STATE_BODIES: &[&str] = &[
    "villages",
    "towns",
    "cities",
    "territory",
    "positions",
    "authorities",
    "government",
    "forces",
    "troops",
    "soldiers",
    "police",
    "military",
    "army",
    "navy",
    "officials",
    "warplanes",
    "jets",
    "drones",
    "prisoners",
    "diplomats",
    "citizen",
    "citizens",
    "nationals",
    "judiciary",
    "regime",
    "junta",
    "guards",
    "militants",
];

/// Words allowed between the adjective and the body ("Israeli security forces").
const STATE_BODY_MODIFIERS: &[&str] = &[
    "security",
    "armed",
    "riot",
    "border",
    "coast",
    "air",
    "naval",
    "military",
    "government",
    "state",
    "federal",
    "special",
];

/// `state-body`: "Iranian authorities", "the Georgian government", "Israeli security
/// forces": a nationality adjective heading a state body is the state, named in the text
/// more often this way than by name. The adjective and the body become a mention of the
/// country (replacing the adjective's own mention), so that the country is an entity and
/// an actor even where the text never names it; a longer name holding the adjective
/// ("Ukrainian Railways") is left alone.
fn add_state_bodies(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut Vec<Draft>) {
    for body in 1..words.words.len() {
        if !with_lowercase(words.get(body), |w| STATE_BODIES.contains(&w)) {
            continue;
        }
        let end = if with_lowercase(words.get(body - 1), |w| STATE_BODY_MODIFIERS.contains(&w)) {
            body - 1
        } else {
            body
        };
        let Some((mut start, country)) = country_word_before(words, gaz, end) else {
            continue;
        };
        if start + 1 < end && words.get(start).eq_ignore_ascii_case("the") {
            start += 1;
        }
        if words.same_sentence(start, body) {
            replace_with_state(drafts, start..body + 1, end, country);
        }
    }
}

/// Makes tokens `span` a mention of `country`, replacing the mentions inside it, unless a
/// mention overlapping it starts before it or runs past `keep_end` (then it belongs to a
/// longer name: "Ukrainian Railways").
fn replace_with_state(
    drafts: &mut Vec<Draft>,
    span: Range<usize>,
    keep_end: usize,
    country: String,
) {
    let overlaps = |d: &Draft| d.tokens.start < span.end && span.start < d.tokens.end;
    if drafts
        .iter()
        .any(|d| overlaps(d) && (d.tokens.start < span.start || d.tokens.end > keep_end))
    {
        return;
    }
    drafts.retain(|d| !overlaps(d));
    drafts.push(Draft {
        kind: EntityKind::Loc,
        tokens: span,
        name: country,
        subtype: None,
        titles: Vec::new(),
        country: None,
        state: None,
        acts: false,
    });
}

/// Offices whose holder, left unnamed, acts for the state ("the Chinese foreign minister").
const STATE_OFFICES: &[&str] = &[
    "minister",
    "president",
    "premier",
    "chancellor",
    "ambassador",
    "envoy",
    "delegation",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "counterpart",
];

/// Words that end a portfolio before an office: determiners, auxiliaries, conjunctions
/// ("Britain recalled its envoy", "the new minister").
const NOT_PORTFOLIO: &[&str] = &[
    "its", "his", "her", "their", "our", "the", "a", "an", "and", "or", "of", "to", "is", "was",
    "has", "had", "have", "will", "would", "says", "new", "former",
];

/// `state-official`: "the Chinese foreign minister visited Moscow": a demonym, at most two
/// portfolio words and a state office, with no name after it, is a mention of the state
/// (a name after it makes the demonym that person's country instead, in step 3).
fn add_state_officials(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut Vec<Draft>) {
    for office in 1..words.words.len() {
        if !with_lowercase(words.get(office), |w| STATE_OFFICES.contains(&w)) {
            continue;
        }
        let next = words.get(office + 1);
        let capitalized = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        // "the Saudi leader X", "…, X", or a complement before the name ("Chancellor of
        // the Exchequer X", "ambassador to Moscow X", "ambassador in Athens, X").
        let named = words.same_sentence(office, office + 1)
            && (capitalized(next)
                || (next == "," && capitalized(words.get(office + 2)))
                || is_honorific(next)
                || (matches!(next, "of" | "to" | "in" | "for" | "at" | "on" | "and")
                    && drafts.iter().any(|d| {
                        // The tagger may not have typed the name a person's yet; a place
                        // there only says where ("his counterpart in Abuja").
                        d.kind != EntityKind::Loc
                            && (office + 2..office + 7).contains(&d.tokens.start)
                            && words.same_sentence(office, d.tokens.start)
                    })));
        if named {
            continue;
        }
        // Portfolio words ("foreign", "Oil"), not a company's name ("an American Motors
        // spokesman", "a Japan Fund spokeswoman").
        let portfolio_word = |k: usize| {
            let w = words.get(k);
            // A verb or a determiner ends the phrase: "Britain recalled its envoy".
            let function = NOT_PORTFOLIO.contains(&w.to_lowercase().as_str())
                || w.ends_with("ed")
                || w.ends_with("ing");
            !function
                && w.chars().all(char::is_alphabetic)
                && gaz.country_of_demonym(w).is_none()
                && !(capitalized(w) && gaz.is_word(w, WordClass::OrgWord))
                && (!capitalized(w) || gaz.case_counts(w).is_some_and(|(cap, low)| low > cap))
        };
        // "the British bulk carrier Envoy": a capitalized office after lowercase words is
        // a name.
        let office_capitalized = capitalized(words.get(office));
        let found = (0..=2).find_map(|gap| {
            let end = office.checked_sub(gap)?;
            let portfolio = (end..office)
                .all(|k| portfolio_word(k) && (!office_capitalized || capitalized(words.get(k))));
            portfolio
                .then(|| country_word_before(words, gaz, end))
                .flatten()
        });
        let Some((mut start, country)) = found else {
            continue;
        };
        // A bare code may be another body's ("an EC Commission spokesman"): only a demonym,
        // a country's name or a dotted abbreviation ("U.S.") will do.
        let first = words.get(start);
        let bare_code = first.len() <= 3
            && first.chars().all(|c| c.is_ascii_uppercase())
            && gaz.country_of_demonym(first).is_none();
        if bare_code {
            continue;
        }
        if start + 1 < office && words.get(start).eq_ignore_ascii_case("the") {
            start += 1;
        }
        if words.same_sentence(start, office) {
            replace_with_state(drafts, start..office + 1, office + 1, country);
        }
    }
}

/// `title-split`: a mention holding a role word followed by capitalized words is a role
/// and a person ("Deputy Foreign Minister Park Min-soo" tagged as one organization).
fn split_title(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        if d.tokens.len() < 2 {
            continue;
        }
        let r = d.tokens.clone();
        let Some(p) = r.clone().rev().skip(1).find(|&k| {
            let w = words.get(k);
            gaz.is_word(w, WordClass::Title)
                && !is_honorific(w)
                && w.chars().next().is_some_and(char::is_uppercase)
        }) else {
            continue;
        };
        // "US Senator X Y of Vermont": the name stops at "of".
        let end = (p + 1..r.end)
            .find(|&k| words.get(k) == "of")
            .unwrap_or(r.end);
        let tail = p + 1..end;
        let name_like = !tail.is_empty()
            && tail.len() <= 4
            && tail.clone().all(|k| {
                let w = words.get(k);
                w.chars().next().is_some_and(char::is_uppercase)
                    && !gaz.is_word(w, WordClass::Title)
                    && !gaz.is_word(w, WordClass::OrgWord)
                    && gaz.country_by_name(w).is_none()
            });
        if name_like {
            d.kind = EntityKind::Per;
            d.tokens = tail;
        }
    }
}

/// `named-organization`: "the Polish company LOT": a capitalized word after an
/// organization noun that the tagger left untagged.
fn add_named_organizations(words: &Words<'_>, drafts: &mut Vec<Draft>) {
    let mut covered = vec![false; words.words.len()];
    for d in drafts.iter() {
        for i in d.tokens.clone() {
            covered[i] = true;
        }
    }
    for i in 1..words.words.len() {
        let noun = words.get(i - 1);
        if covered[i]
            || !with_lowercase(noun, |l| ORG_NOUNS.contains(&l))
            || !words.same_sentence(i - 1, i)
        {
            continue;
        }
        let mut end = i;
        while end < words.words.len()
            && !covered[end]
            && words.same_sentence(i, end)
            && words
                .get(end)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            && end - i < 4
        {
            end += 1;
        }
        if end > i {
            drafts.push(Draft {
                kind: EntityKind::Org,
                tokens: i..end,
                name: words.text(i..end).to_string(),
                subtype: None,
                titles: Vec::new(),
                country: None,
                state: None,
                acts: false,
            });
        }
    }
}

/// Calls `f` with `w.to_lowercase()`, built on the stack for a short ASCII word (this runs
/// for every word).
fn with_lowercase<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    const CAP: usize = 32;
    if w.len() > CAP || !w.is_ascii() {
        return f(&w.to_lowercase());
    }
    let mut buf = [0u8; CAP];
    for (b, c) in buf.iter_mut().zip(w.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    match std::str::from_utf8(&buf[..w.len()]) {
        Ok(lower) => f(lower),
        Err(_) => f(&w.to_lowercase()),
    }
}

/// Calls `f` with `words` joined by spaces and lowercased (as `join(" ").to_lowercase()`),
/// built on the stack for short ASCII words: this runs for every capitalized word.
fn with_lower_phrase<R>(words: &[std::borrow::Cow<'_, str>], f: impl FnOnce(&str) -> R) -> R {
    const CAP: usize = 64;
    let len = words.iter().map(|w| w.len() + 1).sum::<usize>();
    if len > CAP || !words.iter().all(|w| w.is_ascii()) {
        return f(&words.join(" ").to_lowercase());
    }
    let mut buf = [0u8; CAP];
    let mut n = 0;
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            buf[n] = b' ';
            n += 1;
        }
        for b in w.bytes() {
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
    }
    match std::str::from_utf8(&buf[..n]) {
        Ok(text) => f(text),
        Err(_) => f(&words.join(" ").to_lowercase()),
    }
}

/// Is the name a country, city or known organization?
fn in_gazetteer(gaz: &Gazetteer, text: &str) -> bool {
    gaz.country_by_name(text).is_some()
        || gaz.city(text).is_some()
        || gaz.organization(text).is_some()
        || gaz.country_of_demonym(text).is_some()
}

/// `weapon-modifier`: "X surface-to-air missiles", "X ballistic missile": the name before
/// a weapon noun names the weapon. Organizations (makers: "Lockheed Martin fighter jets")
/// and gazetteer places and countries keep their type.
fn weapon_modifier(words: &Words<'_>, gaz: &Gazetteer, d: &mut Draft) {
    if d.kind == EntityKind::Org || d.subtype.is_some() || in_gazetteer(gaz, &d.name) {
        return;
    }
    let mut k = d.tokens.end;
    while k < d.tokens.end + 4 && words.same_sentence(d.tokens.start, k) {
        let w = words.get(k);
        if WEAPON_NOUNS.contains(&w) {
            d.kind = EntityKind::Misc;
            d.subtype = Some("weapon".to_string());
            d.titles.clear();
            d.country = None;
            return;
        }
        let modifier = WEAPON_MODIFIERS.contains(&w)
            || (w.contains('-') && w.chars().all(|c| c.is_lowercase() || c == '-'));
        if !modifier {
            return;
        }
        k += 1;
    }
}

/// `org-suffix`: a lone organization word ("Inc", "Corp", "Bank") that the tagger cut off
/// the capitalized words before it ("Thomson McKinnon" + "Mortgage Assets" + "Corp") ends
/// one organization's name over all of them.
fn organization_suffix(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut Vec<Draft>) {
    let person_ends: Vec<usize> = drafts
        .iter()
        .filter(|d| d.kind == EntityKind::Per)
        .map(|d| d.tokens.end)
        .collect();
    let mut k = 0;
    while k < drafts.len() {
        let d = &drafts[k];
        let w = words.get(d.tokens.start);
        let suffix = d.tokens.len() == 1
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && gaz.is_word(w, WordClass::OrgWord);
        if !suffix {
            k += 1;
            continue;
        }
        let end = d.tokens.end;
        let mut start = d.tokens.start;
        let mut joined_and = false;
        while start > 0 && words.same_sentence(start - 1, end - 1) {
            let prev = words.get(start - 1);
            // "New York-based", "Republican-controlled": a hyphenated modifier ending in
            // lowercase describes the organization and is not part of its name.
            let modifier = prev
                .rsplit('-')
                .next()
                .is_some_and(|tail| prev.contains('-') && tail.starts_with(char::is_lowercase));
            let capitalized = prev.chars().next().is_some_and(char::is_uppercase)
                && !modifier
                && prev
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '&'));
            // "Wells Fargo and Co", "Standard and Poor's Corp": one "and" right before
            // "Co" or before a possessive; elsewhere "and" joins two names ("the House and
            // Senate").
            let joiner = prev == "and"
                && !joined_and
                && ((start == end - 1 && matches!(w, "Co" | "Co." | "Company"))
                    || words.get(start + 1) == "'s")
                && start >= 2
                && words.same_sentence(start - 2, start)
                && words
                    .get(start - 2)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && country_word_before(words, gaz, start - 1).is_none();
            // "Oliver's Stores Inc", not "Iran's Central Bank" nor "Reagan's Economic Policy
            // Council": a place or a person keeps its own name.
            let possessive = prev == "'s" && start >= 2 && {
                let owner = words.get(start - 2);
                owner.chars().next().is_some_and(char::is_uppercase)
                    && !person_ends.contains(&(start - 1))
                    && gaz.country_by_name(owner).is_none()
                    && gaz.city(owner).is_none()
                    && gaz.country(owner).is_none()
            };
            joined_and |= joiner;
            if !(capitalized || possessive || joiner || prev == "&") {
                break;
            }
            // A sentence's first word that news mostly writes in lowercase is no part of a
            // name ("Yesterday Prime Computer Inc").
            let ordinary = words.sentence_initial(start - 1)
                && gaz.case_counts(prev).is_some_and(|(cap, low)| low > cap);
            // A country opening the run stays a mention of its own and gives the
            // organization its country ("U.S." + "Congress"); inside a name it is part of
            // it ("Native American Rights Fund"). An article or demonstrative is no part of
            // the name.
            let country = country_word_before(words, gaz, start).is_some_and(|(s0, _)| {
                s0 == 0
                    || !words.same_sentence(s0 - 1, s0)
                    || !words
                        .get(s0 - 1)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                    || words.sentence_initial(s0 - 1)
            });
            let article = matches!(
                prev.to_lowercase().as_str(),
                "the" | "this" | "that" | "these" | "those" | "a" | "an"
            );
            if ordinary
                || country
                || article
                || gaz.is_word(prev, WordClass::Month)
                || gaz.is_word(prev, WordClass::Weekday)
            {
                break;
            }
            start -= 1;
        }
        while start < end && matches!(words.get(start), "'s" | "&" | "and") {
            start += 1;
        }
        // Only whole mentions may be taken in.
        let crossing = drafts
            .iter()
            .any(|o| o.tokens.start < start && o.tokens.end > start);
        if start + 1 >= end || crossing {
            k += 1;
            continue;
        }
        let at = join_organization(words, drafts, start..end);
        k = at + 1;
    }
}

/// `join-of`: "Islamic Republic" + "of" + "Iran", when the gazetteer knows the whole.
fn join_of(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut Vec<Draft>) {
    drafts.sort_by_key(|d| d.tokens.start);
    let mut k = 0;
    while k + 1 < drafts.len() {
        let (a, b) = (&drafts[k], &drafts[k + 1]);
        let joined = a.tokens.start..b.tokens.end;
        if b.tokens.start == a.tokens.end + 1
            && words.get(a.tokens.end) == "of"
            && words.same_sentence(a.tokens.start, b.tokens.end - 1)
            && in_gazetteer(gaz, words.text(joined.clone()))
        {
            let kind = if gaz.country_by_name(words.text(joined.clone())).is_some() {
                EntityKind::Loc
            } else {
                b.kind
            };
            drafts[k].tokens = joined.clone();
            drafts[k].kind = kind;
            drafts[k].name = words.text(joined).to_string();
            drafts.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// Makes tokens `span` one organization, in place of the mentions inside it (drafts stay
/// in text order); returns its index. For `org-suffix` and `join-for`.
fn join_organization(words: &Words<'_>, drafts: &mut Vec<Draft>, span: Range<usize>) -> usize {
    drafts.retain(|d| !(d.tokens.start >= span.start && d.tokens.end <= span.end));
    let at = drafts.partition_point(|d| d.tokens.start < span.start);
    drafts.insert(
        at,
        Draft {
            kind: EntityKind::Org,
            name: words.text(span.clone()).to_string(),
            tokens: span,
            subtype: None,
            titles: Vec::new(),
            country: None,
            state: None,
            acts: false,
        },
    );
    at
}

/// `join-for`: "Tunisian League" + "for the" + "Defence of Human Rights", "Cinema" + "for" +
/// "Peace Foundation", "Bank for International Settlements": capitalized words on both
/// sides of "for", one side ending in an organization word, are one organization.
fn join_for(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut Vec<Draft>) {
    let capitalized = |k: usize| {
        let w = words.get(k);
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '&'))
    };
    let n = words.words.len();
    let mut f = 1;
    while f + 1 < n {
        if words.get(f) != "for" || !capitalized(f - 1) || !words.same_sentence(f - 1, f + 1) {
            f += 1;
            continue;
        }
        // The left side: the mention ending right before "for", else up to three
        // capitalized words that are no ordinary sentence opener.
        let start = match drafts.iter().find(|d| d.tokens.end == f) {
            // "Barack Obama for the Democratic Party", "New York for the Green Party".
            Some(d) if matches!(d.kind, EntityKind::Per | EntityKind::Loc) => f,
            Some(d) => d.tokens.start,
            None => {
                let mut st = f;
                while st > 0
                    && f - st < 3
                    && words.same_sentence(st - 1, f)
                    && capitalized(st - 1)
                    && !matches!(words.get(st - 1), "The" | "A" | "An" | "This" | "That")
                    && !(words.sentence_initial(st - 1)
                        && gaz
                            .case_counts(words.get(st - 1))
                            .is_some_and(|(cap, low)| low > cap))
                {
                    st -= 1;
                }
                st
            }
        };
        // The right side: capitalized words, with "of", "and", "the" between them.
        let mut from = f + 1;
        if words.get(from) == "the" {
            from += 1;
        }
        let mut end = from;
        let mut k = from;
        while k < n
            && k - from < 8
            && words.same_sentence(f, k)
            && !drafts
                .iter()
                .any(|d| d.kind == EntityKind::Per && d.tokens.start == k && k > from)
        {
            if capitalized(k) {
                k += 1;
                end = k;
            } else if matches!(words.get(k), "of" | "and" | "the" | "&") && capitalized(k + 1) {
                k += 1;
            } else {
                break;
            }
        }
        // Institutions, not companies: "Kodak for E.F. Hutton and Co" and "Morgan Guaranty
        // Ltd for Saab Scania" name a company acting for another.
        let org_word = |k: usize| {
            gaz.is_word(words.get(k), WordClass::OrgWord) && !is_company_suffix(words.get(k))
        };
        let company_edge = is_company_suffix(words.get(f - 1))
            || is_company_suffix(words.get(end.saturating_sub(1)));
        // "Vice President for International Services", "Monday for Storehouse": a role or a
        // day on the left is no part of a name.
        let left_word = words.get(f - 1);
        let plain_left = gaz.is_word(left_word, WordClass::Title)
            || gaz.is_word(left_word, WordClass::Weekday)
            || gaz.is_word(left_word, WordClass::Month);
        let crossing = drafts.iter().any(|d| {
            (d.tokens.start < start && d.tokens.end > start)
                || (d.tokens.start < end && d.tokens.end > end)
        });
        if start == f
            || end == from
            || crossing
            || company_edge
            || plain_left
            || !(org_word(f - 1) || org_word(end - 1))
        {
            f += 1;
            continue;
        }
        let country = leading_country(words, gaz, start..f).is_some_and(|e| e == f);
        if country {
            f += 1; // "Norway for Human Rights Fund": a place alone on the left is no name part
            continue;
        }
        join_organization(words, drafts, start..end);
        f = end;
    }
}

/// Legal-form words that end company names ("Inc", "Co", "Plc").
fn is_company_suffix(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.').to_lowercase().as_str(),
        "inc"
            | "corp"
            | "co"
            | "ltd"
            | "plc"
            | "ag"
            | "sa"
            | "nv"
            | "bv"
            | "gmbh"
            | "llc"
            | "lp"
            | "corporation"
            | "company"
    )
}

/// A role word (not an honorific) at token `k`.
fn is_role_word(words: &Words<'_>, gaz: &Gazetteer, k: usize) -> bool {
    let w = words.get(k);
    gaz.is_word(w, WordClass::Title) && !is_honorific(w)
}

/// The country named by the first one to three words of `r` (a name, a demonym, or an
/// all-capitals code such as "US" inside a tagged name), with where it ends.
fn leading_country(words: &Words<'_>, gaz: &Gazetteer, r: Range<usize>) -> Option<usize> {
    (1..=3usize.min(r.len())).rev().find_map(|len| {
        let text = words.text(r.start..r.start + len);
        let code = len == 1
            && (2..=3).contains(&text.len())
            && text.chars().all(|c| c.is_ascii_uppercase())
            && gaz.country(text).is_some();
        (code || gaz.country_by_name(text).is_some() || gaz.country_of_demonym(text).is_some())
            .then_some(r.start + len)
    })
}

/// `role-of-split`: "… Representative for Iran Brian Hook" tagged as one place.
fn split_role_of(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut Vec<Draft>) {
    let mut added = Vec::new();
    for d in drafts.iter_mut() {
        let start = d.tokens.start;
        if d.kind == EntityKind::Per
            || start < 2
            || !matches!(words.get(start - 1), "of" | "for")
            || !is_role_word(words, gaz, start - 2)
        {
            continue;
        }
        let Some(country_end) = leading_country(words, gaz, d.tokens.clone()) else {
            continue;
        };
        let rest = country_end..d.tokens.end;
        let name_like = (2..=3).contains(&rest.len())
            && rest.clone().all(|k| {
                let w = words.get(k);
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
                    && !gaz.is_word(w, WordClass::Title)
                    && !gaz.is_word(w, WordClass::OrgWord)
                    && gaz.country_by_name(w).is_none()
            });
        // A given name is no ordinary English word ("U.S. Wheat Associates" is no person).
        let plain = |w: &str| gaz.case_counts(w).is_some_and(|(cap, low)| low > cap * 4);
        if !name_like || plain(&words.get(country_end).to_lowercase()) {
            continue;
        }
        added.push(Draft {
            kind: EntityKind::Per,
            tokens: rest.clone(),
            name: words.text(rest).to_string(),
            subtype: None,
            titles: Vec::new(),
            country: None,
            state: None,
            acts: false,
        });
        d.kind = EntityKind::Loc;
        d.tokens = start..country_end;
        d.name = words.text(d.tokens.clone()).to_string();
    }
    drafts.append(&mut added);
    drafts.sort_by_key(|d| d.tokens.start);
}

/// `role-not-org`: "US Secretary" of "US Secretary of State Mike Pompeo" is no organization.
fn roles_are_not_organizations(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut Vec<Draft>) {
    let persons: Vec<usize> = drafts
        .iter()
        .filter(|d| d.kind == EntityKind::Per)
        .map(|d| d.tokens.start)
        .collect();
    // Where a person's name may start after a role word ending at `end`: right there, or
    // after "of|for" and up to four capitalized words ("of State", "for Iran").
    let person_follows = |end: usize| {
        if persons.contains(&end) {
            return true;
        }
        if !matches!(words.get(end), "of" | "for") {
            return false;
        }
        (end + 2..=end + 5).any(|p| {
            persons.contains(&p)
                && words.same_sentence(end, p)
                && (end + 1..p).all(|k| {
                    words.get(k) == "the"
                        || words.get(k).chars().next().is_some_and(char::is_uppercase)
                })
        })
    };
    drafts.retain_mut(|d| {
        let end = d.tokens.end;
        if d.kind == EntityKind::Per
            || d.tokens.is_empty()
            || !is_role_word(words, gaz, end - 1)
            || !person_follows(end)
        {
            return true;
        }
        match leading_country(words, gaz, d.tokens.clone()) {
            Some(country_end) if country_end < end => {
                d.kind = EntityKind::Loc;
                d.tokens = d.tokens.start..country_end;
                d.name = words.text(d.tokens.clone()).to_string();
                d.titles.clear();
                true
            }
            _ => false,
        }
    });
}

/// `honorific-person`: "Mr. Roh Moo-hyun", "Mr. Lula": a name after an honorific is a
/// person's, whatever type the tagger gave it (the honorific is no part of the name).
fn honorific_person(words: &Words<'_>, gaz: &Gazetteer, d: &mut Draft) {
    if d.kind == EntityKind::Per {
        return;
    }
    // "Miss" also opens names of contests and shops ("Miss Universe", "Miss Shops").
    let honorific = |w: &str| is_honorific(w) && !w.eq_ignore_ascii_case("miss");
    let mut start = d.tokens.start;
    if honorific(words.get(start)) && d.tokens.len() > 1 {
        start += 1;
    } else if !(start > 0
        && words.same_sentence(start - 1, start)
        && honorific(words.get(start - 1)))
    {
        return;
    }
    let name = words.text(start..d.tokens.end);
    let last = words.get(d.tokens.end - 1);
    if gaz.country_by_name(name).is_some()
        || gaz.organization(name).is_some()
        || gaz.is_word(last, WordClass::OrgWord)
    {
        return; // "Mr. Rooter Corp", a company named after a person
    }
    d.kind = EntityKind::Per;
    d.subtype = None;
    d.tokens = start..d.tokens.end;
    d.name = name.to_string();
    d.country = None;
    d.state = None;
}

/// `operation-name`: "Operation Peace Shield": the tagger often leaves "Operation" out and
/// reads the rest as a person.
fn operation_name(words: &Words<'_>, d: &mut Draft) {
    let start = d.tokens.start;
    let before = match start.checked_sub(1) {
        Some(k) if words.same_sentence(k, start) => k,
        _ => return,
    };
    let first = if words.get(start) == "Operation" {
        start
    } else if words.get(before) == "Operation" {
        before
    } else {
        return;
    };
    if first == d.tokens.end - 1 {
        return;
    }
    d.kind = EntityKind::Misc;
    d.subtype = Some("operation".to_string());
    d.tokens = first..d.tokens.end;
    d.name = words.text(d.tokens.clone()).to_string();
    d.titles.clear();
    d.country = None;
}

/// `administration`: "the new X administration" speaks of the person X leads with, not
/// of an organization named X.
fn leader_of(words: &Words<'_>, gaz: &Gazetteer, d: &mut Draft) {
    // Small towns share names with people ("Obama" is also a town), so only states, big
    // cities and known organizations keep their type here.
    let known = gaz.country_by_name(&d.name).is_some()
        || gaz.country_of_capital(&d.name).is_some()
        || gaz.organization(&d.name).is_some()
        || gaz.country_of_demonym(&d.name).is_some()
        || gaz.city(&d.name).is_some_and(|c| c.population >= 1_000_000);
    if d.kind == EntityKind::Per || known {
        return;
    }
    let next = words.get(d.tokens.end);
    let capitalized =
        (d.tokens.clone()).all(|k| words.get(k).chars().next().is_some_and(char::is_uppercase));
    if capitalized && LEADER_OF.contains(&next) && words.same_sentence(d.tokens.start, d.tokens.end)
    {
        d.kind = EntityKind::Per;
    }
}

/// `surname`: a one-word mention of another type that is the first or last word of
/// exactly one multi-word person name in the document is that person ("Putin" tagged as a
/// place in a headline). Places the gazetteer knows keep their type when tagged as places.
fn surnames(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut [Draft]) {
    let full: Vec<Vec<String>> = drafts
        .iter()
        .filter(|d| d.kind == EntityKind::Per && d.tokens.len() > 1)
        .map(|d| {
            // Without middle initials: "Jane Q. Doe" and "Jane Doe" are one name here.
            d.tokens
                .clone()
                .map(|k| words.get(k))
                .filter(|w| !is_initial(w))
                .map(super::name_key)
                .collect()
        })
        .collect();
    for d in drafts.iter_mut() {
        if d.kind == EntityKind::Per
            || d.tokens.len() != 1
            || d.subtype.as_deref().is_some_and(|s| s != "organization")
        {
            continue;
        }
        let w = words.get(d.tokens.start);
        // A town's name tagged as an organization is no place here: a person's surname
        // the tagger typed from its context ("Doe" after "Jane Q. Doe" in a town "Doe").
        if (gaz.city(w).is_some() && d.kind == EntityKind::Loc)
            || gaz.organization(w).is_some()
            || gaz.country_of_demonym(w).is_some()
        {
            continue;
        }
        let l = super::name_key(w);
        let mut owners: Vec<&Vec<String>> = full
            .iter()
            .filter(|f| f.first() == Some(&l) || f.last() == Some(&l))
            .collect();
        owners.sort();
        owners.dedup();
        if owners.len() == 1 {
            d.kind = EntityKind::Per;
            d.subtype = None;
            d.country = None;
        }
    }
}

/// `honorific`, `possessive`: trims the edges of a mention.
fn trim(words: &Words<'_>, gaz: &Gazetteer, d: &mut Draft) {
    let mut r = d.tokens.clone();
    // `dash-stop`: a dash or semicolon ends a name; the tagger sometimes runs a name on
    // across it into the next clause ("X -- entered the town"). Only words before it stay.
    // A dash written without spaces joins a compound ("Alpha–Omega mission") and stays.
    let glued = |k: usize| {
        k + 1 < r.end
            && words.span(k - 1..k).end() == words.span(k..k + 1).start()
            && words.span(k..k + 1).end() == words.span(k + 1..k + 2).start()
    };
    if let Some(k) = (r.start + 1..r.end).find(|&k| is_clause_break(words.get(k)) && !glued(k)) {
        r.end = k;
    }
    if d.kind == EntityKind::Per {
        while r.len() > 1 {
            let w = words.get(r.start);
            if is_honorific(w) || gaz.is_word(w, WordClass::Title) {
                r.start += 1;
            } else {
                break;
            }
        }
    }
    // `lowercase-tail`: a name does not end in a lowercase word ("Distrustful of
    // information", "Defense, then") or in punctuation.
    while !r.is_empty() {
        let w = words.get(r.end - 1);
        let lower_word = w.chars().next().is_some_and(char::is_lowercase) && r.len() > 1;
        if matches!(w, "'s" | "'" | "s" | "," | "." | "\"" | "--" | "-") || lower_word {
            r.end -= 1;
        } else {
            break;
        }
    }
    while !r.is_empty() && matches!(words.get(r.start), "\"" | "'" | "(" | "--" | "-") {
        r.start += 1;
    }
    // `article`: "The Washington Post" is named "Washington Post" (as CoNLL annotates),
    // unless the article belongs to a place name ("The Hague").
    if r.len() > 1
        && words.get(r.start).eq_ignore_ascii_case("the")
        && gaz.city(words.text(r.clone())).is_none()
    {
        r.start += 1;
    }
    // `common-tail`: a headline without punctuation lets a function word join the name
    // ("Kim Jong-un Since the outbreak"): a last word that news nearly always writes in
    // lowercase is cut.
    if r.len() > 1 && matches!(d.kind, EntityKind::Per | EntityKind::Loc) {
        let w = words.get(r.end - 1);
        if gaz
            .case_counts(w)
            .is_some_and(|(cap, low)| low >= 20 && low > cap * 9)
        {
            r.end -= 1;
        }
    }
    d.tokens = r;
}

/// A dash (the words normalize en and em dashes to `--`) or a semicolon: punctuation that
/// no name spans.
fn is_clause_break(w: &str) -> bool {
    matches!(w, "--" | "-" | "---" | ";")
}

/// A middle initial: one capital letter and a period ("R.").
fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}

/// `middle-initial`: "Jane Q. Doe" is one person even when the tagger closes the name at
/// the initial ("Jane Q." + an organization "Doe") or leaves the initial out ("Jane" +
/// "Doe"): a person's name followed by (or ending in) an initial continues into the next
/// capitalized word of the sentence; mentions the tagger made there are absorbed.
fn join_initials(words: &Words<'_>, drafts: &mut Vec<Draft>) {
    let capitalized = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            && w.chars().count() > 1
    };
    drafts.sort_by_key(|d| d.tokens.start);
    let mut k = 0;
    while k < drafts.len() {
        if drafts[k].kind != EntityKind::Per {
            k += 1;
            continue;
        }
        let start = drafts[k].tokens.start;
        let mut end = drafts[k].tokens.end;
        loop {
            let last = words.get(end - 1);
            let next = words.get(end);
            if is_initial(last) && words.same_sentence(start, end) && capitalized(next) {
                end += 1;
            } else if is_initial(next)
                && words.same_sentence(start, end + 1)
                && capitalized(words.get(end + 1))
            {
                end += 2;
            } else {
                break;
            }
        }
        if end > drafts[k].tokens.end {
            // Mentions starting inside the extension are part of this name.
            let i = k + 1;
            while i < drafts.len() && drafts[i].tokens.start < end {
                end = end.max(drafts[i].tokens.end);
                drafts.remove(i);
            }
            drafts[k].tokens.end = end;
        }
        k += 1;
    }
}

/// `adjacent-persons`: "Kim" and "Yo-jong" tagged as two names side by side are one.
fn join_adjacent_persons(drafts: &mut Vec<Draft>) {
    drafts.sort_by_key(|d| d.tokens.start);
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts.drain(..) {
        if let Some(last) = out.last_mut()
            && last.kind == EntityKind::Per
            && d.kind == EntityKind::Per
            && last.tokens.end == d.tokens.start
        {
            last.tokens.end = d.tokens.end;
            continue;
        }
        out.push(d);
    }
    *drafts = out;
}

/// `name-particle`: "Mohammed" + "bin" + "Salman", "Abdel Fattah" + "al-Sisi": a particle
/// and a capitalized name (tagged or not) after a person continue the name; the mention the
/// tagger made of the rest is absorbed.
fn join_particles(words: &Words<'_>, drafts: &mut Vec<Draft>) {
    let capitalized = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // "al-Sisi", "el-Baradei", "bin-Laden": a lowercase particle glued to a name.
    let glued = |w: &str| {
        w.split_once('-').is_some_and(|(p, rest)| {
            NAME_PARTICLES.contains(&p) && rest.chars().next().is_some_and(char::is_uppercase)
        })
    };
    let mut k = 0;
    while k < drafts.len() {
        if drafts[k].kind != EntityKind::Per {
            k += 1;
            continue;
        }
        let mut end = drafts[k].tokens.end;
        let start = drafts[k].tokens.start;
        loop {
            if !words.same_sentence(start, end) {
                break;
            }
            let w = words.get(end);
            if glued(w) {
                end += 1;
                continue;
            }
            if NAME_PARTICLES.contains(&w) {
                // Particles may chain ("von der", "bin Hamad Al Thani").
                let mut j = end;
                while NAME_PARTICLES.contains(&words.get(j)) && j < end + 3 {
                    j += 1;
                }
                if words.same_sentence(start, j) && capitalized(words.get(j)) {
                    end = j + 1;
                    while words.same_sentence(start, end)
                        && capitalized(words.get(end))
                        && !drafts
                            .iter()
                            .any(|d| d.tokens.start == end && d.kind != EntityKind::Per)
                        && end < j + 3
                        && words
                            .get(end)
                            .chars()
                            .all(|c| c.is_alphabetic() || c == '-')
                    {
                        end += 1;
                    }
                    continue;
                }
            }
            break;
        }
        if end > drafts[k].tokens.end {
            drafts[k].tokens.end = end;
            // Absorb mentions inside or overlapping the extension.
            let keep = drafts[k].tokens.clone();
            let mut i = 0;
            while i < drafts.len() {
                if i != k
                    && drafts[i].tokens.start >= keep.start
                    && drafts[i].tokens.start < keep.end
                {
                    let e = drafts[i].tokens.end.max(keep.end);
                    drafts.remove(i);
                    if i < k {
                        k -= 1;
                    }
                    drafts[k].tokens.end = e;
                } else {
                    i += 1;
                }
            }
        }
        k += 1;
    }
}

/// `patronymic`: "Qaboos bin Said" tagged as an organization and an untagged word.
fn patronymics(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut Vec<Draft>) {
    // A word of a personal name: capitalized, not all capitals ("NPR"), no title, no country.
    let capitalized = |k: usize| {
        let w = words.get(k);
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && !gaz.is_word(w, WordClass::Title)
            && gaz.country_by_name(w).is_none()
    };
    let n = words.words.len();
    for k in 1..n.saturating_sub(1) {
        if !matches!(words.get(k), "bin" | "ibn" | "bint")
            || !words.same_sentence(k - 1, k + 1)
            || !capitalized(k - 1)
            || !capitalized(k + 1)
        {
            continue;
        }
        // One or two given names before; after, the father's name and a family name that
        // may open with "Al" ("bin Tariq Al Said"), up to four words.
        let mut start = k - 1;
        if start > 0 && words.same_sentence(start - 1, k) && capitalized(start - 1) {
            start -= 1;
        }
        let mut end = k + 2;
        while end < n
            && end < k + 5
            && words.same_sentence(k, end)
            && (capitalized(end) || matches!(words.get(end), "al" | "Al" | "bin" | "ibn"))
        {
            end += 1;
        }
        // A trailing particle is no part of the name (the word after "bin" always is).
        while end > k + 2 && matches!(words.get(end - 1), "al" | "Al" | "bin" | "ibn") {
            end -= 1;
        }
        // Widen over drafts that overlap the name, and drop them.
        let overlaps = |d: &Draft| d.tokens.start < end && start < d.tokens.end;
        if drafts.iter().any(|d| {
            overlaps(d) && (d.tokens.start < start || d.tokens.end > end) && d.tokens.len() > 3
        }) {
            continue;
        }
        let (lo, hi) = drafts
            .iter()
            .filter(|d| overlaps(d))
            .fold((start, end), |(lo, hi), d| {
                (lo.min(d.tokens.start), hi.max(d.tokens.end))
            });
        // A title the tagger put inside ("Sultan Said bin Taimur") stays out of the name.
        let mut lo = lo;
        while lo < start && !capitalized(lo) {
            lo += 1;
        }
        drafts.retain(|d| !overlaps(d));
        drafts.push(Draft {
            kind: EntityKind::Per,
            tokens: lo..hi,
            name: words.text(lo..hi).to_string(),
            subtype: None,
            titles: Vec::new(),
            country: None,
            state: None,
            acts: false,
        });
    }
    drafts.sort_by_key(|d| d.tokens.start);
}

/// `facility-after`: "Sultan Qaboos Grand" + "Mosque".
fn facility_after(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        let next = words.get(d.tokens.end);
        let lower = next.to_lowercase();
        // "U.K. Base rates", "U.S. Gulf": a country's name before the word is no facility's.
        let country = gaz.country(&d.name).is_some() || gaz.country_of_demonym(&d.name).is_some();
        if next.chars().next().is_some_and(char::is_uppercase)
            && FACILITY.contains(&lower.as_str())
            && words.same_sentence(d.tokens.start, d.tokens.end)
            && !country
        {
            d.tokens.end += 1;
            d.kind = EntityKind::Loc;
            d.titles.clear();
            d.name = words.text(d.tokens.clone()).to_string();
        }
        // The tagger took the facility word in, but read the whole as a person (only words
        // that are no surnames: "Michael Bay" and "Charles Temple" are persons).
        let last = words.get(d.tokens.end - 1);
        if d.kind == EntityKind::Per
            && d.tokens.len() > 1
            && matches!(
                last,
                "Mosque" | "Cathedral" | "Museum" | "Airport" | "Stadium"
            )
        {
            d.kind = EntityKind::Loc;
            d.titles.clear();
        }
    }
}

/// `name-then-place`: "Mohammad Javad" (person) + "Zarif" (place).
fn name_then_place(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut Vec<Draft>) {
    let mut k = 0;
    while k + 1 < drafts.len() {
        let (a, b) = (&drafts[k], &drafts[k + 1]);
        let text = words.text(b.tokens.clone());
        let joins = a.kind == EntityKind::Per
            && matches!(b.kind, EntityKind::Loc | EntityKind::Misc)
            && (text.chars().any(char::is_lowercase)
                || (text.len() <= 4 && text.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))))
            && !gaz.is_word(text, WordClass::OrgWord)
            && b.tokens.start == a.tokens.end
            && b.tokens.len() == 1
            && words.same_sentence(a.tokens.start, b.tokens.start)
            && gaz.country_by_name(text).is_none()
            && gaz.country_of_demonym(text).is_none()
            && gaz.organization(text).is_none()
            && gaz.city(text).is_none_or(|c| c.population < 100_000);
        if joins {
            drafts[k].tokens.end = drafts[k + 1].tokens.end;
            drafts[k].name = words.text(drafts[k].tokens.clone()).to_string();
            drafts.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// `name-extend`: a capitalized word right after a person's name that the tagger left out
/// and that is not an ordinary word, a place, a role or a date continues the name ("Park"
/// + "Min-soo").
fn name_extend(words: &Words<'_>, gaz: &Gazetteer, d: &mut Draft, starts: &[usize]) {
    while d.tokens.len() < 4 {
        let next = d.tokens.end;
        if !words.same_sentence(d.tokens.start, next) || starts.contains(&next) {
            return;
        }
        let w = words.get(next);
        let capitalized = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
        // After "Dr. Katarina", a capitalized ordinary word is still the surname.
        let honored = d.tokens.len() == 1 && is_honorific(words.before(d.tokens.start, 1));
        let ordinary = !honored && gaz.case_counts(w).is_some_and(|(cap, low)| low >= cap);
        let known = gaz.country_by_name(w).is_some()
            || gaz.city(w).is_some()
            || gaz.country_of_demonym(w).is_some()
            || gaz.organization(w).is_some()
            || gaz.is_word(w, WordClass::Title)
            || gaz.is_word(w, WordClass::OrgWord)
            || gaz.is_word(w, WordClass::Month)
            || gaz.is_word(w, WordClass::Weekday);
        if capitalized && !ordinary && !known && w.len() > 1 {
            d.tokens.end += 1;
        } else {
            return;
        }
    }
}

/// `name-tail`.
fn name_tail(words: &Words<'_>, gaz: &Gazetteer, d: &mut Draft) {
    let next = d.tokens.end;
    if d.tokens.len() < 2 || !words.same_sentence(d.tokens.start, next) {
        return;
    }
    let w = words.get(next);
    let after = words.get(next + 1);
    // A dash ("--") is not a word: the name stops there.
    let lowercase_word = w.chars().all(|c| c.is_lowercase() || c == '-')
        && w.chars().any(char::is_alphabetic)
        && w.len() >= 2;
    if lowercase_word
        && gaz.case_counts(w).is_none()
        && matches!(after, "," | "." | ";" | ":" | ")" | "\"" | "'s" | "")
    {
        d.tokens.end += 1;
    }
}

/// Is this lowercase word plausibly a place name rather than English? (Unseen in news, or
/// seen capitalized more often than not.)
fn rare_lowercase(gaz: &Gazetteer, w: &str) -> bool {
    gaz.case_counts(w).is_none_or(|(cap, low)| cap >= low)
}

/// `gazetteer-place`.
fn add_missed_places(words: &Words<'_>, gaz: &Gazetteer, drafts: &mut Vec<Draft>) {
    let mut covered = vec![false; words.words.len()];
    for d in drafts.iter() {
        for i in d.tokens.clone() {
            covered[i] = true;
        }
    }
    let mut i = 0;
    while i < words.words.len() {
        // Cheap filter first: a place starts with a letter, and a lowercase word only when
        // news does not usually write it in lowercase.
        let w0 = words.get(i);
        let starts_place = || {
            w0.chars().next().is_some_and(char::is_uppercase)
                || (w0.chars().next().is_some_and(char::is_alphabetic) && rare_lowercase(gaz, w0))
        };
        if covered[i] || !starts_place() {
            i += 1;
            continue;
        }
        let mut found = None;
        for len in (1..=3).rev() {
            let end = i + len;
            if end > words.words.len() || (i..end).any(|k| covered[k]) {
                continue;
            }
            if !words.same_sentence(i, end - 1) {
                continue;
            }
            // Multi-word places are capitalized throughout ("Buenos Aires").
            if len > 1
                && !words.words[i + 1..end]
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            {
                continue;
            }
            // One lowercase key makes every lookup below allocation-free.
            let hit = with_lower_phrase(&words.words[i..end], |text| {
                let first = &words.words[i];
                let capitalized = first.chars().next().is_some_and(char::is_uppercase);
                let lower = first.chars().all(|c| !c.is_uppercase());
                let known = gaz.country_by_name(text).is_some()
                    || gaz.country_of_capital(text).is_some()
                    || gaz.city(text).is_some_and(|c| c.population >= 1_000_000);
                // "the UK": a country abbreviation in capitals, wherever it stands.
                if end == i + 1 && is_country_abbreviation(gaz, first) {
                    return true;
                }
                if !known || text.len() < 3 {
                    return false;
                }
                let ok = if capitalized {
                    // A capitalized word that is also a common lowercase word is left to
                    // the tagger at a sentence start ("May", "Nice").
                    !words.sentence_initial(i) || rare_lowercase(gaz, first)
                } else {
                    // Written in lowercase, a place needs news to capitalize the word nearly
                    // always ("kyiv"); "island" (Iceland's own name) is half the time part of
                    // a name and half an ordinary word.
                    let mostly_capitalized =
                        |w: &str| gaz.case_counts(w).is_none_or(|(cap, low)| cap >= 3 * low);
                    lower && words.words[i..end].iter().all(|w| mostly_capitalized(w))
                };
                ok && !gaz.is_word(text, WordClass::Month)
            });
            if hit {
                found = Some(end);
                break;
            }
        }
        if let Some(end) = found {
            drafts.push(Draft {
                kind: EntityKind::Loc,
                tokens: i..end,
                name: words.text(i..end).to_string(),
                subtype: None,
                titles: Vec::new(),
                country: None,
                state: None,
                acts: false,
            });
            i = end;
        } else {
            i += 1;
        }
    }
}

/// `not-a-name`.
fn not_a_name(words: &Words<'_>, gaz: &Gazetteer, d: &Draft) -> bool {
    let text = words.text(d.tokens.clone());
    let first = words.get(d.tokens.start);
    if d.tokens.len() == 1 {
        let w = first.trim_end_matches('.');
        if is_honorific(first)
            || gaz.is_word(w, WordClass::Month)
            || gaz.is_word(w, WordClass::Weekday)
            || (d.kind == EntityKind::Per && gaz.is_word(w, WordClass::Title))
        {
            return true;
        }
        let known = gaz.country_by_name(w).is_some()
            || gaz.city(w).is_some()
            || gaz.organization(w).is_some();
        if known {
            return false;
        }
        if w.chars().any(|c| c.is_uppercase()) && w.chars().skip(1).all(|c| c.is_lowercase()) {
            // Usually lowercase in running news: an ordinary word capitalized by position.
            if let Some((cap, low)) = gaz.case_counts(w)
                && low >= 3
                && cap * 4 < low
            {
                return true;
            }
            if words.sentence_initial(d.tokens.start) {
                let l = w.to_lowercase();
                let suffix = [
                    "ly", "ed", "ful", "ing", "ous", "ive", "less", "ence", "ance",
                ]
                .iter()
                .any(|s| l.ends_with(s) && l.len() > s.len() + 3);
                // A one-word sentence ("Coincidence?") or a capitalized adverb or participle
                // opening a clause is no name.
                let next = words.get(d.tokens.end);
                let alone = matches!(next, "?" | "!" | ".")
                    && !words.same_sentence(d.tokens.start, d.tokens.end + 1);
                if suffix && (matches!(next, "," | "of" | "by" | "with" | "to") || alone) {
                    return true;
                }
                if alone && gaz.case_counts(w).is_none() && d.kind != EntityKind::Per {
                    return true;
                }
            }
        }
    }
    // `compass-adjective`: "Western states".
    if d.tokens.len() == 1
        && COMPASS_ADJECTIVES.contains(&first)
        && words
            .get(d.tokens.end)
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
    {
        return true;
    }
    // `amount`: "US$2" is money, not a name.
    if text.chars().any(|c| c.is_ascii_digit()) && text.contains(['$', '€', '£', '¥']) {
        return true;
    }
    // `role-of`: "the Minister of Defense": the portfolio after a role word is part of the
    // role, not an organization.
    if d.tokens.len() == 1
        && matches!(d.kind, EntityKind::Org | EntityKind::Misc)
        && words.before(d.tokens.start, 1) == "of"
        && gaz.is_word(words.before(d.tokens.start, 2), WordClass::Title)
    {
        return true;
    }
    // `role-only`: "National Security Advisor", "Foreign Minister" tagged as an organization
    // name an office, not a body: no organization word, and a role word last.
    if d.tokens.len() > 1
        && matches!(d.kind, EntityKind::Org | EntityKind::Misc)
        && gaz.is_word(words.get(d.tokens.end - 1), WordClass::Title)
        && !is_honorific(words.get(d.tokens.end - 1))
        // Companies and things end in these too ("Data General", "Burger King").
        && !matches!(
            words.get(d.tokens.end - 1),
            "General" | "King" | "Queen" | "Prince" | "Princess"
        )
        && !d
            .tokens
            .clone()
            .any(|k| gaz.is_word(words.get(k), WordClass::OrgWord))
        && gaz.organization(text).is_none()
    {
        return true;
    }
    // `demonym`: "Ukrainian", "North Korean" are adjectives that give roles a country
    // (step 3), not entities.
    if gaz.country_of_demonym(text).is_some()
        && gaz.country_by_name(text).is_none()
        && gaz.city(text).is_none()
        && !is_country_abbreviation(gaz, text)
    {
        return true;
    }
    // A continent's adjective ("Asian", "Latin American") tagged as a place is no place.
    if d.kind == EntityKind::Loc
        && let Some(stem) = text.strip_suffix("an").or_else(|| text.strip_suffix("ern"))
        && CONTINENTS
            .iter()
            .any(|c| c.strip_suffix('a').unwrap_or(c) == stem || *c == stem)
    {
        return true;
    }
    text.chars().all(|c| !c.is_alphanumeric())
}

/// "UK": an all-capitals abbreviation the country table lists among the demonyms (as the
/// source data does for the United Kingdom) names the country itself.
fn is_country_abbreviation(gaz: &Gazetteer, text: &str) -> bool {
    (2..=3).contains(&text.len())
        && text.chars().all(|c| c.is_ascii_uppercase())
        && gaz.country_of_demonym(text).is_some()
}

/// `facility`, `canonical`.
fn canonical(words: &Words<'_>, gaz: &Gazetteer, d: &mut Draft) {
    let last = words.get(d.tokens.end - 1).to_lowercase();
    if d.kind == EntityKind::Org && FACILITY.contains(&last.as_str()) {
        d.kind = EntityKind::Loc;
    }
    // `org-word`: a multi-word place or thing ending in an organization word ("Washington
    // Post", "Labour Party") is an organization.
    if matches!(d.kind, EntityKind::Loc | EntityKind::Misc)
        && d.tokens.len() > 1
        && gaz.is_word(&last, WordClass::OrgWord)
        && gaz.city(&d.name).is_none()
        && gaz.country_by_name(&d.name).is_none()
    {
        d.kind = EntityKind::Org;
    }
    let text = d.name.clone();
    // `misc-country`: "the Philippines" tagged as a thing is the country.
    if d.kind == EntityKind::Misc && gaz.country_by_name(&text).is_some() {
        d.kind = EntityKind::Loc;
    }
    // `seat-first`: a government seat is an organization even when a city shares its name
    // in some language ("White House").
    if d.kind == EntityKind::Loc
        && gaz.country_by_name(&text).is_none()
        && gaz.organization(&text).is_some_and(|o| o.government_seat)
    {
        d.kind = EntityKind::Org;
    }
    // `region-first`: a state or province beats a small town of the same name elsewhere
    // ("Florida"); a big city beats its region ("New York").
    let region = gaz.region(&text);
    let small_city = gaz.city(&text).is_none_or(|c| c.population < 1_000_000);
    match d.kind {
        EntityKind::Loc => {
            // `country-code`: "US", "UK" tagged as places are the countries (lowercase "us"
            // is a pronoun, so only capitals count).
            let code = (2..=3).contains(&text.len())
                && text.chars().all(|c| c.is_ascii_uppercase())
                && gaz.country_by_name(&text).is_none();
            let by_code = gaz.country(&text).or_else(|| gaz.country_of_demonym(&text));
            if CONTINENTS.contains(&text.as_str()) {
                // `continent`: "Asia" is no town of the Philippines.
                d.subtype = Some("continent".to_string());
                d.country = None;
            } else if code && let Some(c) = by_code {
                d.name = c.name.clone();
                d.subtype = Some("country".to_string());
                d.country = Some(c.name.clone());
            } else if let Some(c) = gaz.country_by_name(&text) {
                d.name = c.name.clone();
                d.subtype = Some("country".to_string());
                d.country = Some(c.name.clone());
            } else if let Some(c) = gaz.country_of_capital(&text) {
                let city = gaz.city(&text).map_or(text.clone(), |c| c.name.clone());
                d.name = city;
                d.subtype = Some("capital".to_string());
                d.country = Some(c.name.clone());
                d.state = Some(c.name.clone());
            } else if let (Some((name, country)), true) = (region, small_city) {
                d.name = name.to_string();
                d.subtype = Some("region".to_string());
                d.country = Some(country.to_string());
            } else if let Some(city) = gaz.city(&text) {
                d.name = city.name.clone();
                d.subtype = Some("city".to_string());
                d.country = Some(city.country.clone());
            } else if let Some((name, country)) = gaz.region(&text) {
                d.name = name.to_string();
                d.subtype = Some("region".to_string());
                d.country = Some(country.to_string());
            } else if FACILITY.contains(&last.as_str()) {
                d.subtype = Some("facility".to_string());
                // "Incheon International Airport": the country of the city it names.
                let head = words.get(d.tokens.start);
                d.country = gaz.city(head).map(|c| c.country.clone());
            }
        }
        EntityKind::Org => {
            d.subtype = Some("organization".to_string());
            if let Some(o) = gaz.organization(&text) {
                d.name = o.name.clone();
                d.country = o.country.clone();
                if o.government_seat {
                    d.subtype = Some("government".to_string());
                    d.state = o.country.clone();
                }
            }
        }
        EntityKind::Misc => {
            // "the Kremlin" is sometimes tagged MISC or LOC; the table knows better.
            if let Some(o) = gaz.organization(&text).filter(|o| o.government_seat) {
                d.kind = EntityKind::Org;
                d.name = o.name.clone();
                d.subtype = Some("government".to_string());
                d.country = o.country.clone();
                d.state = o.country.clone();
            }
        }
        EntityKind::Per => {
            // "Lee Jae myung": a lowercase part of a name is capitalized in the canonical name.
            d.name = d
                .name
                .split(' ')
                .map(|p| {
                    let particle = p.split_once('-').map_or(p, |(head, _)| head);
                    if NAME_PARTICLES.contains(&particle) {
                        return p.to_string();
                    }
                    let mut c = p.chars();
                    match c.next() {
                        Some(f) if f.is_lowercase() => f.to_uppercase().chain(c).collect(),
                        _ => p.to_string(),
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    if d.kind == EntityKind::Loc
        && d.subtype.is_none()
        && let Some(o) = gaz.organization(&text).filter(|o| o.government_seat)
    {
        d.kind = EntityKind::Org;
        d.name = o.name.clone();
        d.subtype = Some("government".to_string());
        d.country = o.country.clone();
        d.state = o.country.clone();
    }
}

/// A wire dateline's place ("WASHINGTON, Feb 26 -", see `Document::dateline`) says where
/// the story was filed: it never acts for its state, whatever the parse makes of it.
pub(crate) fn datelines(words: &Words<'_>, drafts: &mut [Draft]) {
    let Some(dateline) = words.doc.dateline() else {
        return;
    };
    for d in drafts.iter_mut().filter(|d| d.tokens.end <= dateline.end) {
        d.state = None;
    }
}

/// Step 5: marks capitals and government seats used as political actors. When the
/// document has a dependency parse, a nominal subject is an actor; without one, cheap cues
/// are used: a verb right after the name, "asked X to", "between X and Y".
pub(crate) fn metonymy(words: &Words<'_>, drafts: &mut [Draft]) {
    let n = drafts.len();
    for d in drafts.iter_mut() {
        if d.state.is_none() {
            continue;
        }
        let r = d.tokens.clone();
        let tokens = words.doc.tokens();
        let parsed = r.clone().any(|i| !tokens[i].deprel.is_empty());
        let acts = if parsed {
            r.clone()
                .any(|i| matches!(tokens[i].deprel.as_str(), "nsubj" | "nsubj:pass"))
                || actor_cues(words, r.clone())
        } else {
            actor_cues(words, r.clone())
        };
        d.acts = acts;
    }
    // "between X and Y": both ends act when one of them is a state's seat.
    for k in 0..n.saturating_sub(1) {
        let (a, b) = (drafts[k].tokens.clone(), drafts[k + 1].tokens.clone());
        if words.before(a.start, 1).eq_ignore_ascii_case("between")
            && words.get(a.end) == "and"
            && b.start == a.end + 1
        {
            for j in [k, k + 1] {
                if drafts[j].state.is_some() {
                    drafts[j].acts = true;
                }
            }
        }
    }
}

fn actor_cues(words: &Words<'_>, r: std::ops::Range<usize>) -> bool {
    // Skip closing or opening quotes between the name and its verb ("Seoul “will work").
    let mut next = r.end;
    while matches!(words.get(next), "\"" | "'" | ",") && next < r.end + 2 {
        if words.get(next) == "," {
            return false;
        }
        next += 1;
    }
    let w = words.get(next).to_lowercase();
    if ACTOR_NEXT.contains(&w.as_str()) && words.same_sentence(r.start, next) {
        return true;
    }
    if words.get(r.end) == "'s" {
        return true;
    }
    let prev = words.before(r.start, 1).to_lowercase();
    words.get(r.end) == "to" && ACTOR_BEFORE_TO.contains(&prev.as_str())
}
