//! Entities: tagged mentions merged into real-world entities with titles and countries.
//!
//! [`EntityResolver::resolve`] works on one [`Document`] in five steps, each a function below:
//!
//! 1. **tag** every sentence with the CoNLL-trained [`Tagger`] (whole document at once, so
//!    earlier sentences inform later ones) and turn BIO runs into mentions;
//! 2. **repair** mentions: strip honorifics and role words from person names, add place names
//!    the tagger missed when the gazetteer knows them (lowercase "kyiv"), drop words that are
//!    not names (sentence-initial "Officially", months, "Read"), retype facilities;
//! 3. **roles**: read titles and countries from the words around each person ("Ukrainian
//!    Defense Minister X", "X, the head of …") and each organization ("the Polish company X");
//! 4. **merge** mentions of one entity (full name ↔ surname or family name, a later shorter
//!    name ending one earlier full name: "von der Leyen", repeated names, places by canonical
//!    gazetteer name), never two different full names;
//! 5. **metonymy**: capitals and government seats acting as political actors ("Seoul will…",
//!    "the Kremlin said") point to their state with [`EntityMention::acts_for`].
//!
//! Everything comes from general rules, the gazetteer and the trained model.

mod roles;
mod rules;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use sitrep_document::Document;
use sitrep_ner::{EntityType, Gazetteer, NerError, Tagger};
use sitrep_text::Span;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

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

    fn from_type(t: EntityType) -> EntityKind {
        match t {
            EntityType::Per => EntityKind::Per,
            EntityType::Org => EntityKind::Org,
            EntityType::Loc => EntityKind::Loc,
            EntityType::Misc => EntityKind::Misc,
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

/// Errors of entity resolution.
#[derive(Debug, thiserror::Error)]
pub enum EntityError {
    /// The tagger model could not be loaded.
    #[error("entity tagger: {0}")]
    Tagger(#[from] NerError),
}

/// Finds the entities of a document. Holds the tagger and gazetteer; `Send + Sync`.
#[derive(Debug, Clone)]
pub struct EntityResolver {
    tagger: Tagger,
    gazetteer: Gazetteer,
}

/// A mention while it is being resolved.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub kind: EntityKind,
    /// Document token range of the name itself (honorifics and roles stripped).
    pub tokens: Range<usize>,
    /// Canonical name (gazetteer spelling, or the surface text).
    pub name: String,
    pub subtype: Option<String>,
    pub titles: Vec<String>,
    pub country: Option<String>,
    /// For capitals and government seats: the state they can act for.
    pub state: Option<String>,
    pub acts: bool,
}

/// Mentions found in a document before the steps that read its syntax
/// ([`EntityResolver::draft`]).
#[derive(Debug, Clone)]
pub struct Drafts {
    drafts: Vec<Draft>,
    /// Sentence index of each token.
    sentence: Vec<usize>,
}

impl Drafts {
    /// Marks in `needed` (one flag per sentence) the sentences whose parse
    /// [`EntityResolver::finish`] reads: those holding a capital or government seat, whose
    /// nominal-subject relation decides whether it acts for its state. Without their parse
    /// the result would differ; the syntax of every other sentence is not read.
    pub fn needs_syntax(&self, needed: &mut [bool]) {
        for d in self.drafts.iter().filter(|d| d.state.is_some()) {
            for i in d.tokens.clone() {
                if let Some(flag) = self.sentence.get(i).and_then(|&s| needed.get_mut(s)) {
                    *flag = true;
                }
            }
        }
    }
}

/// The words of a document, normalized for the tagger and the rules (curly quotes become
/// straight ones, as in the training data), with sentence boundaries.
pub(crate) struct Words<'a> {
    pub doc: &'a Document,
    /// The normalized words; most are the token text itself, borrowed.
    pub words: Vec<Cow<'a, str>>,
    /// Sentence index of each token.
    pub sentence: Vec<usize>,
}

impl<'a> Words<'a> {
    fn new(doc: &'a Document) -> Words<'a> {
        let mut sentence = vec![0; doc.tokens().len()];
        for (s, sent) in doc.sentences().iter().enumerate() {
            for i in sent.tokens.clone() {
                sentence[i] = s;
            }
        }
        Words::with_sentences(doc, sentence)
    }

    /// The words of `doc`, whose sentence index per token is known already.
    fn with_sentences(doc: &'a Document, sentence: Vec<usize>) -> Words<'a> {
        let words = (0..doc.tokens().len())
            .map(|i| {
                let w = doc.token_text(i);
                match w {
                    "“" | "”" | "„" | "«" | "»" => Cow::Borrowed("\""),
                    "‘" | "’" => Cow::Borrowed("'"),
                    "–" | "—" => Cow::Borrowed("--"),
                    _ if w.contains('’') => Cow::Owned(w.replace('’', "'")),
                    _ => Cow::Borrowed(w),
                }
            })
            .collect();
        Words {
            doc,
            words,
            sentence,
        }
    }

    /// The word at `i`, or `""` outside the document.
    pub fn get(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| w.as_ref())
    }

    /// The word at `i` counted back from `start` (`""` before the document start).
    pub fn before(&self, start: usize, k: usize) -> &str {
        start.checked_sub(k).map_or("", |i| self.get(i))
    }

    /// Whether `i` and `j` are in the same sentence.
    pub fn same_sentence(&self, i: usize, j: usize) -> bool {
        i < self.sentence.len() && j < self.sentence.len() && self.sentence[i] == self.sentence[j]
    }

    /// Whether token `i` starts its sentence (after any opening quotes or brackets).
    pub fn sentence_initial(&self, i: usize) -> bool {
        let s = self.sentence.get(i).copied().unwrap_or(0);
        let start = self.doc.sentences().get(s).map_or(0, |s| s.tokens.start);
        (start..i).all(|k| matches!(self.get(k), "\"" | "'" | "(" | "[" | "--" | "-" | "|"))
    }

    /// The surface text of a token range.
    pub fn text(&self, r: Range<usize>) -> &'a str {
        if r.is_empty() {
            return "";
        }
        let toks = self.doc.tokens();
        let span = toks[r.start].span.cover(toks[r.end - 1].span);
        span.slice(self.doc.text())
    }

    /// The byte span of a token range.
    pub fn span(&self, r: Range<usize>) -> Span {
        let toks = self.doc.tokens();
        toks[r.start].span.cover(toks[r.end - 1].span)
    }
}

impl EntityResolver {
    /// The embedded tagger and gazetteer.
    pub fn embedded() -> Result<EntityResolver, EntityError> {
        Ok(EntityResolver {
            tagger: Tagger::embedded()?,
            gazetteer: Gazetteer::embedded(),
        })
    }

    /// A resolver with a given tagger and gazetteer.
    pub fn new(tagger: Tagger, gazetteer: Gazetteer) -> EntityResolver {
        EntityResolver { tagger, gazetteer }
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The entities of a document, in order of first mention.
    pub fn resolve(&self, doc: &Document) -> Vec<Entity> {
        let drafts = self.draft(doc);
        self.finish(doc, drafts)
    }

    /// Steps 1 to 3 of [`EntityResolver::resolve`], which read no syntax: the document
    /// need not be parsed yet. [`Drafts::needs_syntax`] then says which sentences the last
    /// steps read the parse of, and [`EntityResolver::finish`] completes the resolution once
    /// those are parsed. `finish(doc, draft(doc))` is `resolve(doc)`.
    pub fn draft(&self, doc: &Document) -> Drafts {
        let words = Words::new(doc);
        let mut drafts = self.tag(&words);
        rules::repair(&words, &self.gazetteer, &mut drafts);
        roles::assign(&words, &self.gazetteer, &mut drafts);
        rules::datelines(&words, &mut drafts);
        Drafts {
            drafts,
            sentence: words.sentence,
        }
    }

    /// Steps 4 and 5 of [`EntityResolver::resolve`] on the drafts of [`EntityResolver::draft`]
    /// for the same document text (its syntax may have been filled in meanwhile).
    pub fn finish(&self, doc: &Document, drafts: Drafts) -> Vec<Entity> {
        let Drafts {
            mut drafts,
            sentence,
        } = drafts;
        let words = Words::with_sentences(doc, sentence);
        rules::metonymy(&words, &mut drafts);
        merge(&words, &self.gazetteer, drafts)
    }

    /// Step 1: tag sentences and read BIO runs.
    fn tag(&self, words: &Words<'_>) -> Vec<Draft> {
        let sentences: Vec<Vec<&str>> = words
            .doc
            .sentences()
            .iter()
            .map(|s| s.tokens.clone().map(|i| words.get(i)).collect())
            .collect();
        let tags = self.tagger.tag_document(&sentences);
        let mut drafts = Vec::new();
        for (s, tags) in words.doc.sentences().iter().zip(&tags) {
            for (ty, a, b) in sitrep_ner::conll::entities(tags) {
                let r = s.tokens.start + a..s.tokens.start + b;
                drafts.push(Draft {
                    kind: EntityKind::from_type(ty),
                    name: words.text(r.clone()).to_string(),
                    tokens: r,
                    subtype: None,
                    titles: Vec::new(),
                    country: None,
                    state: None,
                    acts: false,
                });
            }
        }
        drafts
    }
}

/// Normalized name key: lowercase without diacritics ("Erdoğan" and "Erdogan" are one
/// name: news in English spells foreign names both ways, often in the same article),
/// hyphens and dots as spaces, single spaces.
pub(crate) fn name_key(s: &str) -> String {
    s.nfd()
        .filter(|&c| !is_combining_mark(c))
        .collect::<String>()
        .to_lowercase()
        .replace(['-', '.', '‐'], " ")
        .replace('\'', "’")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name key without its one-letter parts (middle initials): "jane q doe" → "jane doe".
fn without_initials(key: &str) -> String {
    key.split(' ')
        .filter(|p| p.chars().count() > 1)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Step 4: merge drafts into entities and resolve `acts_for`.
fn merge(words: &Words<'_>, gaz: &Gazetteer, mut drafts: Vec<Draft>) -> Vec<Entity> {
    // One name, one type: mentions the gazetteer did not type take the type the tagger gave
    // the same name most often in the document (ties: person first).
    let mut votes: HashMap<String, [usize; 4]> = HashMap::new();
    for d in drafts.iter().filter(|d| d.subtype.is_none()) {
        votes.entry(name_key(&d.name)).or_default()[d.kind as usize] += 1;
    }
    for d in drafts.iter_mut().filter(|d| d.subtype.is_none()) {
        if let Some(v) = votes.get(&name_key(&d.name)) {
            let kinds = [
                EntityKind::Per,
                EntityKind::Org,
                EntityKind::Loc,
                EntityKind::Misc,
            ];
            let best = (0..4).max_by_key(|&k| (v[k], 4 - k)).unwrap_or(0);
            d.kind = kinds[best];
        }
    }
    // Entities under construction: (entity, key parts for person matching).
    let mut entities: Vec<Entity> = Vec::new();
    let mut parts: Vec<Vec<String>> = Vec::new();
    let mut owner: Vec<usize> = vec![usize::MAX; drafts.len()];
    let mut by_key: HashMap<(EntityKind, String), usize> = HashMap::new();

    let new_entity = |d: &Draft, entities: &mut Vec<Entity>, parts: &mut Vec<Vec<String>>| {
        entities.push(Entity {
            kind: d.kind,
            subtype: d.subtype.clone(),
            name: d.name.clone(),
            titles: Vec::new(),
            country: None,
            mentions: Vec::new(),
        });
        parts.push(name_key(&d.name).split(' ').map(str::to_string).collect());
        entities.len() - 1
    };

    // Pass 1: multi-word person names and all other kinds, by exact key. A person's name
    // with middle initials and the same name without them ("Jane Q. Doe", "Jane Doe") are
    // one person when exactly one earlier entity matches that way; two names that both
    // carry initials must match exactly (a father and son may differ only there).
    let mut by_bare: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, d) in drafts.iter().enumerate() {
        let key = name_key(&d.name);
        let multi = key.contains(' ');
        if d.kind == EntityKind::Per && !multi {
            continue;
        }
        let e = match by_key.get(&(d.kind, key.clone())) {
            Some(&e) => e,
            None => {
                let bare = (d.kind == EntityKind::Per).then(|| without_initials(&key));
                let similar: Vec<usize> = bare
                    .as_ref()
                    .and_then(|b| by_bare.get(b))
                    .map(|es| {
                        es.iter()
                            .copied()
                            .filter(|&e| {
                                let other = parts[e].join(" ");
                                (other == without_initials(&other))
                                    != (key == without_initials(&key))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let e = if similar.len() == 1 {
                    similar[0]
                } else {
                    new_entity(d, &mut entities, &mut parts)
                };
                if let Some(b) = bare
                    && b.contains(' ')
                {
                    let list = by_bare.entry(b).or_default();
                    if !list.contains(&e) {
                        list.push(e);
                    }
                }
                by_key.insert((d.kind, key), e);
                e
            }
        };
        owner[k] = e;
    }
    // Pass 2: single-word person mentions attach to the one full name that holds the word
    // as its first or last part; ambiguous or unknown words stay on their own.
    for (k, d) in drafts.iter().enumerate() {
        if owner[k] != usize::MAX {
            continue;
        }
        let key = name_key(&d.name);
        let candidates: Vec<usize> = (0..entities.len())
            .filter(|&e| {
                entities[e].kind == EntityKind::Per
                    && parts[e].len() > 1
                    && (parts[e].first() == Some(&key) || parts[e].last() == Some(&key))
            })
            .collect();
        let e = if candidates.len() == 1 {
            candidates[0]
        } else {
            *by_key
                .entry((d.kind, key))
                .or_insert_with(|| new_entity(d, &mut entities, &mut parts))
        };
        owner[k] = e;
    }
    // Pass 3: a shorter multi-word person name that ends exactly one longer full name is
    // that person ("von der Leyen" after "Ursula von der Leyen", "Lopez Obrador").
    let alias: Vec<usize> = (0..entities.len())
        .map(|e| {
            if entities[e].kind != EntityKind::Per || parts[e].len() < 2 {
                return e;
            }
            let longer: Vec<usize> = (0..entities.len())
                .filter(|&c| {
                    // Writers give the full name first: "Alan Kurdi" before "MV Alan
                    // Kurdi" (a ship named after him) is not a short form. Entities are
                    // numbered in order of first mention.
                    c < e
                        && entities[c].kind == EntityKind::Per
                        && parts[c].len() > parts[e].len()
                        && parts[c].ends_with(&parts[e])
                })
                .collect();
            if longer.len() == 1 { longer[0] } else { e }
        })
        .collect();
    for o in &mut owner {
        *o = alias[*o];
    }
    // Fill mentions, titles and countries.
    for (k, d) in drafts.iter().enumerate() {
        let e = &mut entities[owner[k]];
        e.mentions.push(EntityMention {
            span: words.span(d.tokens.clone()),
            tokens: d.tokens.clone(),
            acts_for: None,
        });
        for t in &d.titles {
            if !e.titles.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                e.titles.push(t.clone());
            }
        }
        if e.country.is_none() {
            e.country = d.country.clone();
        }
        if e.subtype.is_none() {
            e.subtype = d.subtype.clone();
        }
    }
    // Order entities by first mention and remap owners.
    // Entities emptied by pass 3 are left out.
    let mut order: Vec<usize> = (0..entities.len())
        .filter(|&e| !entities[e].mentions.is_empty())
        .collect();
    order.sort_by_key(|&e| {
        entities[e]
            .mentions
            .first()
            .map_or(usize::MAX, |m| m.tokens.start)
    });
    let mut rank = vec![0; entities.len()];
    for (r, &e) in order.iter().enumerate() {
        rank[e] = r;
    }
    let mut sorted: Vec<Entity> = order.iter().map(|&e| entities[e].clone()).collect();
    for e in &mut sorted {
        e.mentions.sort_by_key(|m| m.tokens.start);
    }
    // Step 5: metonymic mentions point to their state's entity (created when absent).
    for (k, d) in drafts.iter().enumerate() {
        let (true, Some(state)) = (d.acts, &d.state) else {
            continue;
        };
        let target = match sorted.iter().position(|e| {
            e.subtype.as_deref() == Some("country") && e.name.eq_ignore_ascii_case(state)
        }) {
            Some(t) => t,
            None => {
                sorted.push(Entity {
                    kind: EntityKind::Loc,
                    subtype: Some("country".to_string()),
                    name: state.clone(),
                    titles: Vec::new(),
                    country: gaz.country_by_name(state).map(|c| c.name.clone()),
                    mentions: Vec::new(),
                });
                sorted.len() - 1
            }
        };
        let e = rank[owner[k]];
        if target == e {
            continue;
        }
        if let Some(m) = sorted[e].mentions.iter_mut().find(|m| m.tokens == d.tokens) {
            m.acts_for = Some(target);
        }
    }
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys_ignore_case_hyphens_and_dots() {
        assert_eq!(name_key("Kim Jong-un"), name_key("kim jong un"));
        assert_ne!(name_key("Kim Jong-un"), name_key("Kim Dae-jung"));
        assert_eq!(
            name_key("Recep Tayyip Erdoğan"),
            name_key("Recep Tayyip Erdogan")
        );
        assert_eq!(name_key("Zelenskyy"), name_key("ZELENSKYY"));
    }

    /// The names of the entities and the text of their mentions.
    fn entities_of(text: &str) -> Vec<(EntityKind, String, Vec<String>)> {
        let resolver = EntityResolver::embedded().expect("embedded model");
        let doc = Document::new(text.to_string());
        resolver
            .resolve(&doc)
            .into_iter()
            .map(|e| {
                let mentions = e
                    .mentions
                    .iter()
                    .map(|m| m.span.slice(doc.text()).to_string())
                    .collect();
                (e.kind, e.name, mentions)
            })
            .collect()
    }

    #[test]
    fn a_nationality_adjective_heading_a_state_body_is_the_state() {
        let text = "Azerbaijani forces shelled Armenian villages on Sunday. The Georgian \
                    government said Israeli security forces had left. Ukrainian Railways \
                    resumed service.";
        let got = entities_of(text);
        let find = |name: &str| got.iter().find(|e| e.1 == name).map(|e| (e.0, e.2.clone()));
        assert_eq!(
            find("Azerbaijan"),
            Some((EntityKind::Loc, vec!["Azerbaijani forces".to_string()])),
            "{got:?}"
        );
        assert_eq!(
            find("Armenia"),
            Some((EntityKind::Loc, vec!["Armenian villages".to_string()])),
            "{got:?}"
        );
        assert_eq!(
            find("Georgia").map(|e| e.1),
            Some(vec!["Georgian government".to_string()]),
            "{got:?}"
        );
        assert_eq!(
            find("Israel").map(|e| e.1),
            Some(vec!["Israeli security forces".to_string()]),
            "{got:?}"
        );
        // A longer name holding the adjective is no state body.
        assert!(find("Ukraine").is_none(), "{got:?}");
    }

    #[test]
    fn titles_give_countries_through_modifiers_complements_and_owners() {
        let text = "Today, Russian opposition leader Alexei Navalny was flown to Berlin, Germany. \
                    Angela Merkel, the Chancellor of Germany, demanded an explanation. \
                    Labour's Shadow Home Secretary Yvette Cooper said safe countries like \
                    Albania should be fast-tracked. \
                    The court ruled on the suspension of the UK parliament by Queen Elizabeth II. \
                    Turkey's President Recep Tayyip Erdoğan spoke. Erdogan said it again. \
                    Crown Prince Mohammad bin Salman of Saudi Arabia accepted responsibility. \
                    José Ortiz of the island's power authority spoke. Russia's foreign \
                    minister, Sergei Lavrov, said talks were possible. According to Sadie \
                    Weiner, Lavrov's former spokeswoman, Lavrov left.";
        let resolver = EntityResolver::embedded().expect("embedded model");
        let doc = Document::new(text.to_string());
        let got = resolver.resolve(&doc);
        let person = |name: &str| {
            got.iter()
                .find(|e| e.name == name && e.kind == EntityKind::Per)
                .map(|e| (e.titles.clone(), e.country.clone(), e.mentions.len()))
        };
        let navalny = person("Alexei Navalny").expect("Navalny");
        assert_eq!(navalny.0, vec!["opposition leader".to_string()], "{got:?}");
        assert_eq!(navalny.1.as_deref(), Some("Russia"), "{got:?}");
        let merkel = person("Angela Merkel").expect("Merkel");
        assert_eq!(merkel.1.as_deref(), Some("Germany"), "{got:?}");
        // A party's office holder takes no state from a country named later in the sentence.
        let cooper = person("Yvette Cooper").expect("Cooper");
        assert_eq!(cooper.1, None, "{got:?}");
        // A preposition is no modifier of the role after it.
        if let Some(queen) = got.iter().find(|e| e.name.contains("Elizabeth")) {
            assert!(queen.titles.iter().all(|t| !t.contains("by")), "{got:?}");
        }
        // Spellings with and without diacritics are one person.
        let erdogan = person("Recep Tayyip Erdoğan").expect("Erdoğan");
        assert_eq!(erdogan.2, 2, "{got:?}");
        assert!(person("Erdogan").is_none(), "{got:?}");
        // `of-country`, but only for a capitalized country name.
        let prince = person("Mohammad bin Salman").expect("bin Salman");
        assert_eq!(prince.1.as_deref(), Some("Saudi Arabia"), "{got:?}");
        let ortiz = person("José Ortiz").expect("Ortiz");
        assert_eq!(ortiz.1, None, "{got:?}");
        // A possessive role phrase before a name in commas: the possessor's country.
        let lavrov = person("Sergei Lavrov").expect("Lavrov");
        assert_eq!(lavrov.0, vec!["foreign minister".to_string()], "{got:?}");
        assert_eq!(lavrov.1.as_deref(), Some("Russia"), "{got:?}");
    }

    #[test]
    fn a_role_with_its_complement_is_the_title_of_the_name_after_it() {
        let text = "US Special Representative for Iran Brian Hook said it was wrong. \
                    President of Ukraine Volodymyr Zelenskyy spoke later. \
                    US Secretary of State Mike Pompeo agreed. \
                    The Islamic Republic of Iran regrets it.";
        let resolver = EntityResolver::embedded().expect("embedded model");
        let doc = Document::new(text.to_string());
        let got = resolver.resolve(&doc);
        let person = |name: &str| {
            got.iter()
                .find(|e| e.name == name && e.kind == EntityKind::Per)
                .map(|e| (e.titles.clone(), e.country.clone()))
        };
        assert_eq!(
            person("Brian Hook"),
            Some((
                vec!["Special Representative for Iran".to_string()],
                Some("United States".to_string())
            )),
            "{got:?}"
        );
        assert_eq!(
            person("Volodymyr Zelenskyy"),
            Some((
                vec!["President of Ukraine".to_string()],
                Some("Ukraine".to_string())
            )),
            "{got:?}"
        );
        assert_eq!(
            person("Mike Pompeo"),
            Some((
                vec!["Secretary of State".to_string()],
                Some("United States".to_string())
            )),
            "{got:?}"
        );
        // No role phrase or piece of an official name is an entity of its own.
        let names: Vec<&str> = got.iter().map(|e| e.name.as_str()).collect();
        for wrong in [
            "US Secretary",
            "US Special Representative",
            "Islamic Republic",
        ] {
            assert!(!names.contains(&wrong), "{wrong}: {names:?}");
        }
        let iran = got.iter().find(|e| e.name == "Iran").expect("Iran");
        assert_eq!(iran.mentions.len(), 2, "{got:?}");
    }

    #[test]
    fn a_lowercase_place_name_must_be_one_news_capitalizes() {
        // "kyiv" is nearly always capitalized in news; "island" (Iceland's name in
        // Icelandic) is an ordinary word half the time.
        let got = entities_of("He flew from kyiv to the Greek island of Samos on Monday.");
        let names: Vec<&str> = got.iter().map(|e| e.1.as_str()).collect();
        assert!(names.contains(&"Kyiv"), "{got:?}");
        assert!(!names.contains(&"Iceland"), "{got:?}");
    }

    #[test]
    fn patronymics_facilities_and_name_ends() {
        let text = "On Friday, Qaboos bin Said, the Sultan of Oman, died. His successor, \
                    Haitham bin Tariq Al Said, prayed at the Sultan Qaboos Grand Mosque in \
                    Muscat. Tributes came from Foreign Minister Mohammad Javad Zarif.";
        let got = entities_of(text);
        let find = |name: &str| got.iter().find(|e| e.1 == name).map(|e| e.0);
        assert_eq!(find("Qaboos bin Said"), Some(EntityKind::Per), "{got:?}");
        assert_eq!(
            find("Haitham bin Tariq Al Said"),
            Some(EntityKind::Per),
            "{got:?}"
        );
        assert_eq!(
            find("Mohammad Javad Zarif"),
            Some(EntityKind::Per),
            "{got:?}"
        );
        let mosque = got.iter().find(|e| e.1.ends_with("Grand Mosque"));
        assert_eq!(mosque.map(|e| e.0), Some(EntityKind::Loc), "{got:?}");
        // The mosque's name is no person, and the parts of names are no places.
        assert!(
            !got.iter().any(|e| e.0 != EntityKind::Per
                && ["Haitham", "Zarif", "Qaboos"].contains(&e.1.as_str())),
            "{got:?}"
        );
    }

    #[test]
    fn an_organization_word_cut_off_its_name_ends_the_name() {
        let text = "Thomson McKinnon Mortgage Assets Corp said it would sell the unit. \
                    The bonds are rated by Standard and Poor's Corp, and Wells Fargo and Co \
                    managed the deal. The U.S. Congress met. \
                    Iran's Central Bank said rates would rise.";
        let got = entities_of(text);
        let find = |name: &str| got.iter().find(|e| e.1 == name).map(|e| e.0);
        for name in [
            "Thomson McKinnon Mortgage Assets Corp",
            "Standard and Poor's Corp",
            "Wells Fargo and Co",
        ] {
            assert_eq!(find(name), Some(EntityKind::Org), "{name}: {got:?}");
        }
        // No lone suffix is left behind, and no name runs over a country or a possessive
        // place.
        for wrong in ["Corp", "Co", "U.S. Congress", "Iran's Central Bank"] {
            assert!(find(wrong).is_none(), "{wrong}: {got:?}");
        }
        assert_eq!(find("Iran"), Some(EntityKind::Loc), "{got:?}");
    }

    #[test]
    fn a_particle_continues_a_name_whose_last_part_is_also_a_town() {
        // "Lula" is a town in the place table; "Silva" is tagged apart.
        let got = entities_of("He met Luiz Inácio Lula da Silva in Brasília on Monday.");
        assert!(
            got.iter()
                .any(|e| e.0 == EntityKind::Per && e.1 == "Luiz Inácio Lula da Silva"),
            "{got:?}"
        );
        assert!(!got.iter().any(|e| e.1 == "Silva"), "{got:?}");
    }

    #[test]
    fn a_name_after_an_honorific_is_a_person() {
        let got = entities_of(
            "Mr. Luiz Inácio Lula da Silva, the President of Brazil, met with the President of \
             the Republic of Korea Mr. Roh Moo-hyun at 5:30 PM. Mr. Lula thanked him.",
        );
        let kind = |name: &str| got.iter().find(|e| e.1 == name).map(|e| e.0);
        assert_eq!(kind("Roh Moo-hyun"), Some(EntityKind::Per), "{got:?}");
        assert!(!got.iter().any(|e| e.1.starts_with("Mr")), "{got:?}");
    }

    #[test]
    fn an_office_is_no_organization_but_a_company_named_like_one_is() {
        let got = entities_of(
            "Trump said John Bolton, who became National Security Advisor in April 2018, had \
             resigned. Miyazawa told reporters he talks with the U.S. Treasury Secretary from \
             time to time. Shares of Data General rose after Media General reported higher \
             sales.",
        );
        let names: Vec<&str> = got.iter().map(|e| e.1.as_str()).collect();
        assert!(!names.contains(&"National Security Advisor"), "{got:?}");
        assert!(!names.contains(&"U.S. Treasury Secretary"), "{got:?}");
        assert!(names.contains(&"Data General"), "{got:?}");
    }

    #[test]
    fn for_joins_an_institution_not_an_agent_and_its_principal() {
        let got = entities_of(
            "The Tunisian League for the Defence of Human Rights criticized the decree. Cinema \
             for Peace Foundation, a Berlin-based non-profit, paid for the flight. He voted for \
             Barack Obama for the Democratic Party. Shares were placed by Morgan Guaranty Ltd \
             for Saab Scania.",
        );
        let names: Vec<&str> = got.iter().map(|e| e.1.as_str()).collect();
        for name in [
            "Tunisian League for the Defence of Human Rights",
            "Cinema for Peace Foundation",
        ] {
            assert!(names.contains(&name), "{name}: {got:?}");
        }
        assert!(!names.iter().any(|n| n.contains("Obama for")), "{got:?}");
        assert!(!names.iter().any(|n| n.contains("Ltd for")), "{got:?}");
    }

    #[test]
    fn an_unnamed_official_stands_for_the_state() {
        let got = entities_of(
            "The Chinese foreign minister visited Moscow last week. The Saudi leader, King \
             Fahd, met Margaret Thatcher. An American Motors spokesman declined to comment. \
             Britain recalled its envoy from Iran. Benin's president met his Nigerian \
             counterpart in Abuja.",
        );
        let china = got.iter().find(|e| e.1 == "China");
        assert_eq!(
            china.map(|e| (e.0, e.2.clone())),
            Some((
                EntityKind::Loc,
                vec!["Chinese foreign minister".to_string()]
            )),
            "{got:?}"
        );
        // A named official is a person; a company's spokesman speaks for no state.
        let mentions: Vec<&str> = got
            .iter()
            .flat_map(|e| e.2.iter().map(String::as_str))
            .collect();
        assert!(!mentions.iter().any(|m| m.contains("leader")), "{got:?}");
        assert!(!mentions.iter().any(|m| m.contains("spokesman")), "{got:?}");
        assert!(!mentions.iter().any(|m| m.contains("envoy")), "{got:?}");
        let nigeria = got.iter().find(|e| e.1 == "Nigeria").map(|e| e.2.clone());
        assert_eq!(
            nigeria,
            Some(vec!["Nigerian counterpart".to_string()]),
            "{got:?}"
        );
    }

    #[test]
    fn uk_in_capitals_is_the_country_and_a_national_has_a_country() {
        // The country table lists "UK" as a demonym of the United Kingdom, and demonyms are
        // no entities: the abbreviation is the country.
        let got =
            entities_of("He was stabbed in Reading, UK, and the head of the UK's police spoke.");
        let uk = got
            .iter()
            .find(|e| e.1 == "United Kingdom")
            .expect("United Kingdom");
        assert_eq!(uk.0, EntityKind::Loc, "{got:?}");
        assert_eq!(uk.2, vec!["UK".to_string(), "UK".to_string()], "{got:?}");
        let resolver = EntityResolver::embedded().expect("embedded model");
        let doc = Document::new("Police named him as Libyan national Karim Haddad.".to_string());
        let got = resolver.resolve(&doc);
        let karim = got
            .iter()
            .find(|e| e.name == "Karim Haddad")
            .expect("person");
        assert_eq!(karim.country.as_deref(), Some("Libya"), "{got:?}");
    }

    #[test]
    fn a_continent_is_no_town() {
        let resolver = EntityResolver::embedded().expect("embedded model");
        let doc = Document::new("He served at posts outside Spain, many in Asia.".to_string());
        let got = resolver.resolve(&doc);
        let asia = got.iter().find(|e| e.name == "Asia").expect("Asia");
        assert_eq!(
            (asia.kind, asia.country.as_deref()),
            (EntityKind::Loc, None),
            "{got:?}"
        );
    }

    #[test]
    fn a_name_after_operation_is_an_operation_not_a_person() {
        let text = "The minister named it \"Operation Peace Shield\" on Monday. \
                    Operation Northern Dawn began a day later.";
        let got = entities_of(text);
        for name in ["Operation Peace Shield", "Operation Northern Dawn"] {
            assert!(
                got.iter().any(|e| e.0 == EntityKind::Misc && e.1 == name),
                "{name}: {got:?}"
            );
        }
        assert!(!got.iter().any(|e| e.0 == EntityKind::Per), "{got:?}");
    }

    #[test]
    fn an_acronym_in_parentheses_joins_its_name() {
        // The tagger takes only "Trade (GATT)" as a name, leaving "General Agreement on
        // Tariffs and" (and its trigger word "Agreement") outside.
        let text = "David Woods, spokesman of the General Agreement on Tariffs and Trade \
                    (GATT), told reporters the talks would go on. GATT officials agreed.\n\n\
                    Santa Fe asked the U.S. Interstate Commerce Commission (ICC) to reconsider. \
                    The Prime Minister (PM) spoke.";
        let got = entities_of(text);
        let gatt = got.iter().find(|e| e.2.iter().any(|m| m == "GATT"));
        assert_eq!(
            gatt,
            Some(&(
                EntityKind::Org,
                "General Agreement on Tariffs and Trade".to_string(),
                vec![
                    "General Agreement on Tariffs and Trade".to_string(),
                    "GATT".to_string(),
                    "GATT".to_string()
                ]
            )),
            "{got:?}"
        );
        // The text's own expansion, even where the gazetteer knows another one for ICC.
        let icc = got.iter().find(|e| e.2.iter().any(|m| m == "ICC"));
        assert_eq!(
            icc.map(|e| e.1.as_str()),
            Some("Interstate Commerce Commission"),
            "{got:?}"
        );
        assert!(
            got.iter().all(|e| !e.1.contains("Prime Minister")),
            "{got:?}"
        );
    }

    #[test]
    fn a_middle_initial_keeps_the_name_whole() {
        // The tagger closes the name at "J." and types the surname on its own.
        let text = "The minister said she had asked for trade envoy Walter J. Brennick's \
                    resignation on Friday, and that Brennick handed it in the next day.\n\n\
                    Brennick had served since March. Walter Brennick declined to comment, \
                    and Mr. Brennick left the capital.";
        let got = entities_of(text);
        let person: Vec<_> = got
            .iter()
            .filter(|e| e.2.iter().any(|m| m.contains("Brennick")))
            .collect();
        assert_eq!(person.len(), 1, "{got:?}");
        let (kind, name, mentions) = person[0];
        assert_eq!(*kind, EntityKind::Per);
        assert_eq!(name, "Walter J. Brennick");
        assert_eq!(
            mentions,
            &[
                "Walter J. Brennick",
                "Brennick",
                "Brennick",
                "Walter Brennick",
                "Brennick"
            ]
        );
    }

    #[test]
    fn a_surname_typed_as_an_organization_follows_its_full_name() {
        // Tagged by hand as the tagger read a long article: the full name with an initial,
        // the same name without it, and the surname alone typed as an organization; the
        // surname is also a town the gazetteer knows.
        let text = "Envoy Walter J. Harlow quit. Walter Harlow said so, and Harlow left.";
        let resolver = EntityResolver::embedded().expect("embedded model");
        assert!(
            resolver.gazetteer.city("Harlow").is_some(),
            "a town named Harlow"
        );
        let doc = Document::new(text.to_string());
        let words = Words::new(&doc);
        let at = |w: &str, n: usize| {
            words
                .words
                .iter()
                .enumerate()
                .filter(|(_, x)| *x == w)
                .nth(n)
                .map(|(i, _)| i)
                .expect("word in text")
        };
        let draft = |kind, tokens: Range<usize>| Draft {
            kind,
            name: words.text(tokens.clone()).to_string(),
            tokens,
            subtype: None,
            titles: Vec::new(),
            country: None,
            state: None,
            acts: false,
        };
        let mut drafts = vec![
            draft(EntityKind::Per, at("Walter", 0)..at("Harlow", 0) + 1),
            draft(EntityKind::Per, at("Walter", 1)..at("Harlow", 1) + 1),
            draft(EntityKind::Org, at("Harlow", 2)..at("Harlow", 2) + 1),
        ];
        rules::repair(&words, &resolver.gazetteer, &mut drafts);
        let got: Vec<(EntityKind, &str)> = drafts
            .iter()
            .map(|d| (d.kind, words.text(d.tokens.clone())))
            .collect();
        assert_eq!(
            got,
            [
                (EntityKind::Per, "Walter J. Harlow"),
                (EntityKind::Per, "Walter Harlow"),
                (EntityKind::Per, "Harlow"),
            ]
        );
    }

    #[test]
    fn names_differing_only_in_initials_stay_apart() {
        let text = "Carl R. Mendel founded the firm in 1950. His son Carl T. Mendel runs it now.";
        let got = entities_of(text);
        let names: Vec<&str> = got.iter().map(|e| e.1.as_str()).collect();
        assert!(names.contains(&"Carl R. Mendel"), "{got:?}");
        assert!(names.contains(&"Carl T. Mendel"), "{got:?}");
    }

    #[test]
    fn a_name_stops_at_a_dash() {
        let text = "The Karvonian Army — whose commander is President Anwar al-Khatib — entered \
                    Kafr Sous yesterday.";
        let doc = Document::new(text.to_string());
        let words = Words::new(&doc);
        let at = |w: &str| {
            words
                .words
                .iter()
                .position(|x| x == w)
                .expect("word in text")
        };
        // As the tagger sometimes reads it: one person running across the dash.
        let tokens = at("Anwar")..at("Kafr") + 1;
        let mut drafts = vec![Draft {
            kind: EntityKind::Per,
            name: words.text(tokens.clone()).to_string(),
            tokens,
            subtype: None,
            titles: Vec::new(),
            country: None,
            state: None,
            acts: false,
        }];
        let resolver = EntityResolver::embedded().expect("embedded model");
        rules::repair(&words, &resolver.gazetteer, &mut drafts);
        let names: Vec<&str> = drafts
            .iter()
            .map(|d| words.text(d.tokens.clone()))
            .collect();
        assert_eq!(names, ["Anwar al-Khatib"]);
        // A dash written without spaces joins a compound name, which stays whole.
        let doc = Document::new("The Vostok–Gemini mission ended.".to_string());
        let words = Words::new(&doc);
        let tokens = 1..words
            .words
            .iter()
            .position(|x| x == "mission")
            .expect("word");
        assert_eq!(tokens.len(), 3, "{:?}", words.words);
        let mut drafts = vec![Draft {
            kind: EntityKind::Misc,
            name: words.text(tokens.clone()).to_string(),
            tokens,
            subtype: None,
            titles: Vec::new(),
            country: None,
            state: None,
            acts: false,
        }];
        rules::repair(&words, &resolver.gazetteer, &mut drafts);
        let names: Vec<&str> = drafts
            .iter()
            .map(|d| words.text(d.tokens.clone()))
            .collect();
        assert_eq!(names, ["Vostok–Gemini"]);
        // And end to end, no name holds a dash.
        for (_, name, mentions) in entities_of(text) {
            assert!(!name.contains('—'), "{name}");
            assert!(mentions.iter().all(|m| !m.contains('—')), "{mentions:?}");
        }
    }
}
