//! The event lexicon: a versioned TOML file (`lexicon/plover.toml`) compiled into trigger
//! tables. The file documents its own format at the top.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

use crate::EventError;

/// The 16 PLOVER event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PloverType {
    /// Agree to, or sign, an agreement.
    Agree,
    /// Consult: visits, meetings, talks.
    Consult,
    /// Express support, praise, recognize.
    Support,
    /// Yield: release, ease sanctions.
    Concede,
    /// Material cooperation.
    Cooperate,
    /// Give aid: economic, military, humanitarian.
    Aid,
    /// Withdraw, retreat.
    Retreat,
    /// Ask, appeal, demand.
    Request,
    /// Accuse, criticize.
    Accuse,
    /// Reject, refuse.
    Reject,
    /// Threaten.
    Threaten,
    /// Protest, demonstrate.
    Protest,
    /// Sanction, cut ties, expel diplomats.
    Sanction,
    /// Mobilize or deploy forces.
    Mobilize,
    /// Coerce: arrest, seize, deport.
    Coerce,
    /// Assault: attack, invade, bomb.
    Assault,
}

impl PloverType {
    /// All types, in PLOVER's order.
    pub const ALL: [PloverType; 16] = [
        PloverType::Agree,
        PloverType::Consult,
        PloverType::Support,
        PloverType::Concede,
        PloverType::Cooperate,
        PloverType::Aid,
        PloverType::Retreat,
        PloverType::Request,
        PloverType::Accuse,
        PloverType::Reject,
        PloverType::Threaten,
        PloverType::Protest,
        PloverType::Sanction,
        PloverType::Mobilize,
        PloverType::Coerce,
        PloverType::Assault,
    ];

    /// The record's spelling (`"CONSULT"`).
    pub fn as_str(self) -> &'static str {
        match self {
            PloverType::Agree => "AGREE",
            PloverType::Consult => "CONSULT",
            PloverType::Support => "SUPPORT",
            PloverType::Concede => "CONCEDE",
            PloverType::Cooperate => "COOPERATE",
            PloverType::Aid => "AID",
            PloverType::Retreat => "RETREAT",
            PloverType::Request => "REQUEST",
            PloverType::Accuse => "ACCUSE",
            PloverType::Reject => "REJECT",
            PloverType::Threaten => "THREATEN",
            PloverType::Protest => "PROTEST",
            PloverType::Sanction => "SANCTION",
            PloverType::Mobilize => "MOBILIZE",
            PloverType::Coerce => "COERCE",
            PloverType::Assault => "ASSAULT",
        }
    }
}

impl fmt::Display for PloverType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PloverType {
    type Err = String;

    fn from_str(s: &str) -> Result<PloverType, String> {
        PloverType::ALL
            .iter()
            .copied()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| format!("unknown PLOVER type {s:?}"))
    }
}

/// How an entry finds one of its actors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The actor before the trigger in its clause (`nsubj` when parsed).
    Subject,
    /// The first actor after the trigger in its clause (`obj`/`obl` when parsed).
    Object,
    /// "X's visit", "his visit", "the Kenya deployment".
    Possessor,
    /// "between X and Y": gives both source and target.
    Between,
    /// The actor introduced by this preposition after the trigger.
    Prep(String),
}

impl Role {
    fn parse(s: &str) -> Role {
        match s {
            "subject" => Role::Subject,
            "object" => Role::Object,
            "possessor" => Role::Possessor,
            "between" => Role::Between,
            p => Role::Prep(p.to_string()),
        }
    }
}

/// One compiled lexicon entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Stable id, carried by every event the entry makes (`Event::rule`).
    pub id: String,
    /// PLOVER type.
    pub kind: PloverType,
    /// Fixed mode, if any.
    pub mode: Option<String>,
    /// CAMEO code when no mode word refines it.
    pub cameo: String,
    /// Mode → CAMEO code, applied when a mode word stands in the object.
    pub modes: BTreeMap<String, String>,
    /// Phrases (lower-case words) one of which must stand in the object; empty for none.
    pub object_has: Vec<Vec<String>>,
    /// Roles that find the source, tried in order.
    pub source: Vec<Role>,
    /// Roles that find the target, tried in order.
    pub target: Vec<Role>,
    /// Whether an event needs a target.
    pub target_required: bool,
    /// With no target, whether the source must be the trigger's subject in the parse
    /// ("X condemned the attack"); a noun, a participle or a passive ("the accused", "was
    /// condemned") then codes nothing.
    pub untargeted_needs_subject: bool,
    /// Whether source and target are interchangeable ("X and Y met").
    pub symmetric: bool,
    /// Whether the "to …" complement is this event's content.
    pub absorbs: bool,
    /// What the entry codes.
    pub what: String,
    /// Why it codes it so.
    pub why: String,
    /// An example sentence with bracketed actors (see the lexicon file).
    pub example: String,
    /// The example's expected source, when not the first bracketed actor.
    pub example_source: Option<String>,
    /// The example's expected target, when not the second bracketed actor.
    pub example_target: Option<String>,
    /// Entity kinds (`PER`, `ORG`, `LOC`) the target may have; empty for any.
    pub target_kinds: Vec<String>,
    /// What the event is instead when both actors are persons ("Biden attacked Trump" is
    /// criticism, not an assault): type, mode and CAMEO code.
    pub between_people: Option<(PloverType, Option<String>, String)>,
}

/// One way a token sequence can start an entry's trigger.
#[derive(Debug, Clone)]
pub(crate) struct Trigger {
    /// Index into [`Lexicon::entries`].
    pub entry: usize,
    /// Words after the first one, which must follow exactly.
    pub rest: Vec<String>,
    /// A noun trigger (else a verb).
    pub noun: bool,
    /// A present-tense verb form (base or -s), which dates to the document rather than
    /// to earlier context.
    pub present: bool,
}

/// The cue word lists of the lexicon, each phrase split into lower-case words.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cues {
    pub negation: Vec<Vec<String>>,
    pub negative: Vec<Vec<String>>,
    pub possible: Vec<Vec<String>>,
    pub reported: Vec<Vec<String>>,
    pub reporting_verbs: Vec<String>,
    pub background: Vec<Vec<String>>,
    pub group_subjects: Vec<Vec<String>>,
    pub boundaries: Vec<String>,
    pub relatives: Vec<String>,
}

/// The compiled event lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// The file's `version`.
    pub version: u32,
    entries: Vec<Entry>,
    pub(crate) cues: Cues,
    /// Mode name and its phrases.
    pub(crate) mode_words: Vec<(String, Vec<Vec<String>>)>,
    /// First word of a trigger → the triggers starting with it.
    pub(crate) triggers: HashMap<String, Vec<Trigger>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    version: u32,
    cues: CueSpec,
    #[serde(rename = "mode", default)]
    modes: Vec<ModeSpec>,
    #[serde(rename = "entry", default)]
    entries: Vec<EntrySpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueSpec {
    negation: Vec<String>,
    negative: Vec<String>,
    possible: Vec<String>,
    reported: Vec<String>,
    reporting_verbs: Vec<String>,
    background: Vec<String>,
    group_subjects: Vec<String>,
    boundaries: Vec<String>,
    relatives: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModeSpec {
    name: String,
    words: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntrySpec {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    mode: Option<String>,
    cameo: String,
    #[serde(default)]
    modes: BTreeMap<String, String>,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    forms: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    object_has: Vec<String>,
    #[serde(default)]
    source: Vec<String>,
    #[serde(default)]
    target: Vec<String>,
    #[serde(default = "yes")]
    target_required: bool,
    #[serde(default)]
    untargeted_needs_subject: bool,
    #[serde(default)]
    symmetric: bool,
    #[serde(default)]
    absorbs: bool,
    what: String,
    why: String,
    example: String,
    #[serde(default)]
    example_source: Option<String>,
    #[serde(default)]
    example_target: Option<String>,
    #[serde(default)]
    target_kinds: Vec<String>,
    #[serde(default)]
    between_people: Option<PeopleSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeopleSpec {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    mode: Option<String>,
    cameo: String,
}

/// Lower-cases a word and unifies curly apostrophes, as the coder does with tokens.
pub(crate) fn norm(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

/// Splits a phrase into normalized words the way the tokenizer would ("doesn't" aside).
pub(crate) fn words(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(norm).collect()
}

/// The regular inflections of an English verb: base, -s, -ed, -ing.
fn inflect(base: &str) -> [(String, bool); 4] {
    let consonant_y = base.ends_with('y')
        && base.len() > 1
        && !base[..base.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    let stem_y = &base[..base.len().saturating_sub(1)];
    let third = if consonant_y {
        format!("{stem_y}ies")
    } else if base.ends_with(['s', 'x', 'z', 'o']) || base.ends_with("sh") || base.ends_with("ch") {
        format!("{base}es")
    } else {
        format!("{base}s")
    };
    let past = if consonant_y {
        format!("{stem_y}ied")
    } else if base.ends_with('e') {
        format!("{base}d")
    } else {
        format!("{base}ed")
    };
    let ing = if base.ends_with('e') && !base.ends_with("ee") {
        format!("{}ing", &base[..base.len() - 1])
    } else {
        format!("{base}ing")
    };
    [
        (base.to_string(), true),
        (third, true),
        (past, false),
        (ing, false),
    ]
}

fn plural(noun: &str) -> String {
    if noun.ends_with('s') {
        noun.to_string()
    } else if noun.ends_with(['x', 'z']) || noun.ends_with("sh") || noun.ends_with("ch") {
        format!("{noun}es")
    } else if noun.ends_with('y') && !noun.ends_with("ay") && !noun.ends_with("ey") {
        format!("{}ies", &noun[..noun.len() - 1])
    } else {
        format!("{noun}s")
    }
}

impl Lexicon {
    /// Parses and compiles a lexicon file. `path` names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<Lexicon, EventError> {
        let file: LexiconFile = toml::from_str(text).map_err(|e| EventError::Parse {
            path: path.to_string(),
            message: e.to_string(),
        })?;
        let invalid = |id: &str, problem: String| EventError::Entry {
            path: path.to_string(),
            id: id.to_string(),
            problem,
        };
        let mut entries = Vec::with_capacity(file.entries.len());
        let mut triggers: HashMap<String, Vec<Trigger>> = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        for spec in file.entries {
            if !seen.insert(spec.id.clone()) {
                return Err(invalid(&spec.id, "the id is used twice".into()));
            }
            let kind = spec
                .kind
                .parse::<PloverType>()
                .map_err(|e| invalid(&spec.id, e))?;
            if spec.verbs.is_empty() && spec.nouns.is_empty() {
                return Err(invalid(&spec.id, "it has neither verbs nor nouns".into()));
            }
            if spec.example.matches('[').count() < 1 {
                return Err(invalid(
                    &spec.id,
                    "its example marks no actor in [brackets]".into(),
                ));
            }
            let between_people = match &spec.between_people {
                Some(p) => Some((
                    p.kind
                        .parse::<PloverType>()
                        .map_err(|e| invalid(&spec.id, e))?,
                    p.mode.clone(),
                    p.cameo.clone(),
                )),
                None => None,
            };
            if let Some(k) = spec
                .target_kinds
                .iter()
                .find(|k| !matches!(k.as_str(), "PER" | "ORG" | "LOC"))
            {
                return Err(invalid(
                    &spec.id,
                    format!("target_kinds has {k:?}; use PER, ORG or LOC"),
                ));
            }
            let index = entries.len();
            let mut add = |phrase: &[String], noun: bool, present: bool| {
                if let Some((first, rest)) = phrase.split_first() {
                    triggers.entry(first.clone()).or_default().push(Trigger {
                        entry: index,
                        rest: rest.to_vec(),
                        noun,
                        present,
                    });
                }
            };
            for verb in &spec.verbs {
                let w = words(verb);
                let Some((first, rest)) = w.split_first() else {
                    continue;
                };
                for (form, present) in inflect(first) {
                    let mut phrase = vec![form];
                    phrase.extend(rest.iter().cloned());
                    add(&phrase, false, present);
                }
            }
            for form in &spec.forms {
                add(&words(form), false, false);
            }
            for noun in &spec.nouns {
                let w = words(noun);
                add(&w, true, false);
                if let Some((last, head)) = w.split_last() {
                    let mut p = head.to_vec();
                    p.push(plural(last));
                    if p != w {
                        add(&p, true, false);
                    }
                }
            }
            let roles = |v: &[String], default: &[&str]| -> Vec<Role> {
                if v.is_empty() {
                    default.iter().map(|r| Role::parse(r)).collect()
                } else {
                    v.iter().map(|r| Role::parse(r)).collect()
                }
            };
            entries.push(Entry {
                id: spec.id,
                kind,
                mode: spec.mode,
                cameo: spec.cameo,
                modes: spec.modes,
                object_has: spec.object_has.iter().map(|p| words(p)).collect(),
                source: roles(&spec.source, &["subject"]),
                target: roles(&spec.target, &["object"]),
                target_required: spec.target_required,
                untargeted_needs_subject: spec.untargeted_needs_subject,
                symmetric: spec.symmetric,
                absorbs: spec.absorbs,
                what: spec.what,
                why: spec.why,
                example: spec.example,
                example_source: spec.example_source,
                example_target: spec.example_target,
                target_kinds: spec.target_kinds,
                between_people,
            });
        }
        let phrases = |v: &[String]| v.iter().map(|p| words(p)).collect::<Vec<_>>();
        let c = &file.cues;
        let cues = Cues {
            negation: phrases(&c.negation),
            negative: phrases(&c.negative),
            possible: phrases(&c.possible),
            reported: phrases(&c.reported),
            reporting_verbs: c.reporting_verbs.iter().map(|w| norm(w)).collect(),
            background: phrases(&c.background),
            group_subjects: phrases(&c.group_subjects),
            boundaries: c.boundaries.iter().map(|w| norm(w)).collect(),
            relatives: c.relatives.iter().map(|w| norm(w)).collect(),
        };
        let mode_words = file
            .modes
            .iter()
            .map(|m| (m.name.clone(), phrases(&m.words)))
            .collect();
        Ok(Lexicon {
            version: file.version,
            entries,
            cues,
            mode_words,
            triggers,
        })
    }

    /// The entries, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_regular_verbs() {
        let forms = |b: &str| inflect(b).map(|(f, _)| f);
        assert_eq!(forms("visit"), ["visit", "visits", "visited", "visiting"]);
        assert_eq!(
            forms("provide"),
            ["provide", "provides", "provided", "providing"]
        );
        assert_eq!(
            forms("supply"),
            ["supply", "supplies", "supplied", "supplying"]
        );
        assert_eq!(forms("agree"), ["agree", "agrees", "agreed", "agreeing"]);
        assert_eq!(forms("push"), ["push", "pushes", "pushed", "pushing"]);
        assert_eq!(plural("treaty"), "treaties");
        assert_eq!(plural("talks"), "talks");
    }

    #[test]
    fn rejects_bad_files_with_the_place_named() {
        let err = Lexicon::parse("version = 1\n[cues]\n", "x.toml").unwrap_err();
        assert!(err.to_string().contains("x.toml"), "{err}");
        let base = "version = 1\n[cues]\nnegation=[]\nnegative=[]\npossible=[]\nreported=[]\nreporting_verbs=[]\nbackground=[]\ngroup_subjects=[]\nboundaries=[]\nrelatives=[]\n";
        let bad_type = format!(
            "{base}[[entry]]\nid='a'\ntype='HUG'\ncameo='0'\nverbs=['hug']\nwhat=''\nwhy=''\nexample='[A] hugged [B]'\n"
        );
        let err = Lexicon::parse(&bad_type, "y.toml").unwrap_err();
        assert!(
            err.to_string().contains("HUG") && err.to_string().contains("'a'"),
            "{err}"
        );
    }
}
