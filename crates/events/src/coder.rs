//! The coding algorithm: triggers, then roles, then polarity, certainty, background, date
//! and place, sentence by sentence.
//!
//! Roles come from the dependency parse when a sentence has one and from surface patterns
//! otherwise (the parser may be a placeholder that fills no heads), so the coder works on
//! either and gets better with a real parse.

use std::ops::Range;

use sitrep_annotate::entities::{Entity, EntityKind};
use sitrep_document::{Document, SyntaxLevel, Upos};
use sitrep_text::Span;

use crate::lexicon::{Entry, Lexicon, Role, norm};
use sitrep_time::{Timex, sentence_date};

use crate::{Certainty, Coding, Event, PloverType, Polarity, Uncoded};

/// Auxiliaries and modals: a word after a noun phrase that shows it is the subject.
const AUX: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "does", "did", "do", "can",
    "could", "may", "might", "should", "must", "shall", "be", "been",
];
/// Words before a trigger that make it a noun ("the visit"), not a verb.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "'s", "any", "no", "each", "every", "new", "first", "last", "recent",
];
/// Words before a trigger that make it a verb ("to visit", "will visit").
const VERB_MARKERS: &[&str] = &[
    "to",
    "will",
    "would",
    "may",
    "might",
    "can",
    "could",
    "should",
    "must",
    "has",
    "have",
    "had",
    "did",
    "does",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "also",
    "not",
    "n't",
    "reportedly",
];
/// Words that may stand between a subject and its verb ("have both", "also", "jointly").
const SUBJECT_GAP: &[&str] = &[
    "have",
    "has",
    "had",
    "will",
    "would",
    "both",
    "also",
    "jointly",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "again",
    "then",
    "later",
    "separately",
    "together",
];
/// What one meets without meeting anyone ("met the deadline", "meet demand").
const MET_REQUIREMENTS: &[&str] = &[
    "demand",
    "demands",
    "deadline",
    "deadlines",
    "target",
    "targets",
    "goal",
    "goals",
    "requirement",
    "requirements",
    "need",
    "needs",
    "obligation",
    "obligations",
    "commitment",
    "commitments",
    "criteria",
    "criterion",
    "standard",
    "standards",
    "expectations",
    "expectation",
    "cost",
    "costs",
    "conditions",
    "condition",
    "quota",
    "quotas",
    "payments",
    "payment",
    "forecast",
    "forecasts",
    "challenge",
    "challenges",
];

/// What one withdraws from without troops ("withdrew from the race", "retreated from a
/// goal"), besides [`VERBAL_OBJECTS`].
const ABANDONED_OBJECTS: &[&str] = &[
    "goal",
    "goals",
    "talks",
    "negotiations",
    "race",
    "election",
    "contest",
    "competition",
    "tournament",
    "commitment",
    "commitments",
    "demand",
    "demands",
    "promise",
    "promises",
    "pledge",
    "bid",
    "offer",
    "market",
    "business",
];

/// Prepositions, which end a noun phrase when searching for the actor after one.
const PREPOSITIONS: &[&str] = &[
    "to", "by", "with", "from", "in", "on", "of", "at", "for", "against", "into", "between",
    "outside", "inside", "near", "over", "under", "across", "through", "during", "after", "before",
    "since", "until", "around", "within", "without", "toward", "towards", "among", "upon", "via",
    "behind", "beyond", "beside", "about", "despite", "onto", "amid",
];
/// Objects that give a verb of force its verbal sense: one attacks a decision or strikes a
/// deal with words, not arms.
const VERBAL_OBJECTS: &[&str] = &[
    "decision",
    "decisions",
    "proclamation",
    "declaration",
    "statement",
    "statements",
    "remarks",
    "comments",
    "policy",
    "policies",
    "plan",
    "plans",
    "proposal",
    "proposals",
    "move",
    "law",
    "bill",
    "ruling",
    "report",
    "claim",
    "claims",
    "stance",
    "position",
    "idea",
    "speech",
    "announcement",
    "recognition",
    "deal",
    "deals",
    "agreement",
    "agreements",
    "accord",
    "accords",
    "pact",
    "treaty",
    "truce",
    "ceasefire",
    "compromise",
    "bargain",
    "balance",
    "chord",
    "tone",
    "note",
    "budget",
    "reform",
    "reforms",
    "record",
    "handling",
    "approach",
    "rhetoric",
    "views",
    "response",
    "verdict",
    "judgment",
    "judgement",
    "order",
    "measure",
    "measures",
    "legislation",
    "tweet",
    "tweets",
];
/// Nouns that refer back to an event of a type ("condemned the strikes").
const REFERRING_NOUNS: &[(&str, PloverType)] = &[
    ("attack", PloverType::Assault),
    ("attacks", PloverType::Assault),
    ("strike", PloverType::Assault),
    ("strikes", PloverType::Assault),
    ("airstrike", PloverType::Assault),
    ("airstrikes", PloverType::Assault),
    ("shelling", PloverType::Assault),
    ("bombing", PloverType::Assault),
    ("invasion", PloverType::Assault),
    ("offensive", PloverType::Assault),
    ("arrest", PloverType::Coerce),
    ("arrests", PloverType::Coerce),
    ("detention", PloverType::Coerce),
    ("crackdown", PloverType::Coerce),
    ("deal", PloverType::Agree),
    ("agreement", PloverType::Agree),
    ("pact", PloverType::Agree),
    ("accord", PloverType::Agree),
    ("treaty", PloverType::Agree),
    ("sanctions", PloverType::Sanction),
    ("embargo", PloverType::Sanction),
    ("expulsion", PloverType::Sanction),
    ("deployment", PloverType::Mobilize),
    ("accusation", PloverType::Accuse),
    ("accusations", PloverType::Accuse),
    ("threat", PloverType::Threaten),
    ("threats", PloverType::Threaten),
    ("withdrawal", PloverType::Retreat),
];
const SUBJECT_PRONOUNS: &[&str] = &["it", "he", "she"];
/// Lower-case role words that may stand before a name ("Chilean leader Ana Ruiz").
const TITLE_WORDS: &[&str] = &[
    "president",
    "prime",
    "minister",
    "leader",
    "king",
    "queen",
    "chancellor",
    "foreign",
    "defense",
    "defence",
    "secretary",
    "chief",
    "general",
    "commander",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "ambassador",
    "army",
    "head",
    "deputy",
    "vice",
    "supreme",
    "senator",
    "governor",
    "mayor",
    "counterpart",
    "premier",
    "officials",
    "former",
    "new",
    "military",
    "opposition",
    "interior",
    "finance",
    "state",
];
const POSSESSIVE_PRONOUNS: &[&str] = &["his", "her", "its"];
/// How far back (tokens) a subject may stand from its verb.
const MAX_BACK: usize = 30;
/// How far forward (tokens) an object may stand from its verb.
const MAX_FORWARD: usize = 12;
/// How many sentences back "the two sides" and pronouns may reach.
const CONTEXT_SENTENCES: usize = 8;

/// An entity mention usable as an actor.
#[derive(Debug, Clone, Copy)]
struct Mention {
    /// The entity it stands for (`acts_for` applied).
    entity: usize,
    /// The entity it names (a capital for "Lima", even when it acts for its state).
    raw: usize,
    start: usize,
    end: usize,
}

/// An actor found for a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Actor {
    entity: usize,
    raw: usize,
    /// Token range in this sentence, when the actor is written there.
    tokens: Option<(usize, usize)>,
}

/// A trigger found in a sentence.
#[derive(Debug, Clone, Copy)]
struct Match {
    entry: usize,
    start: usize,
    end: usize,
    noun: bool,
    present: bool,
}

struct Ctx<'a> {
    lex: &'a Lexicon,
    doc: &'a Document,
    entities: &'a [Entity],
    lower: Vec<String>,
    mentions: Vec<Mention>,
    /// The resolved subject of each sentence coded so far.
    subjects: Vec<Option<Actor>>,
    events: Vec<Event>,
    times: &'a [Timex],
    document_date: Option<&'a str>,
}

pub(crate) fn code(
    lex: &Lexicon,
    doc: &Document,
    entities: &[Entity],
    times: &[Timex],
    document_date: Option<&str>,
) -> Coding {
    let (lower, mentions) = actor_mentions(doc, entities);
    let mut ctx = Ctx {
        lex,
        doc,
        entities,
        lower,
        mentions,
        subjects: Vec::new(),
        events: Vec::new(),
        times,
        document_date,
    };
    let mut uncoded = Vec::new();
    for s in 0..doc.sentences().len() {
        let subject = ctx.sentence_subject(s);
        ctx.subjects.push(subject);
        let (events, failures) = ctx.code_sentence(s);
        if events.is_empty()
            && let Some(reason) = ctx.uncoded_reason(s, &failures)
        {
            uncoded.push(Uncoded {
                sentence: s,
                reason,
            });
        }
        ctx.events.extend(events);
    }
    Coding {
        events: ctx.events,
        uncoded,
    }
}

/// Words a pronoun resolution starts from ([`Ctx::resolve_pronoun`] returns `None` for
/// every other word).
const PRONOUNS: &[&str] = &["he", "she", "his", "her", "him", "it", "its"];

/// Which sentences' syntax [`code`] reads, and how much of it (see
/// `EventCoder::needs_syntax`). Where the syntax is read:
/// - `find_matches`, `dep_roles`, `parse_negated` and `uncoded_reason` of a sentence with a
///   trigger that may code. A trigger may code when its phrase is written outside any name
///   (else `find_matches` finds no match whatever the parse says) and one of its entry's
///   `object_has` phrases follows it in its clause (else `build_event` fails it first
///   thing, without reading syntax). The sentence must also give the event its actors: a
///   pronoun, two distinct actors' mentions, or one mention and an entry that codes
///   without a second actor of the sentence (`lone_actor_may_code`). Short of that no
///   event is coded there whatever the parse says.
/// - `uncoded_reason` of a sentence with two or more actors, which reads the parts of
///   speech (`find_matches`, and its first verb): tags suffice there, and tagging costs a
///   fraction of parsing;
/// - `sentence_subject(s)` for every sentence, but its result is only read by
///   `resolve_pronoun` for a pronoun of sentences `s..=s + 3`, and that runs only while
///   coding a sentence with a trigger or inside another `sentence_subject`. So a sentence
///   whose subject is needed (a trigger sentence, to begin with) that holds a pronoun needs
///   the subjects of the three sentences before it, and so on backwards; a subject can only
///   be an actor where the sentence holds a mention or a pronoun.
///
/// The events a pronoun may also be resolved to come only from sentences parsed by the
/// first rule.
pub(crate) fn needs_syntax(
    lex: &Lexicon,
    doc: &Document,
    entities: &[Entity],
    needed: &mut [SyntaxLevel],
) {
    let (lower, mentions) = actor_mentions(doc, entities);
    let sentences = doc.sentences();
    let n = sentences.len();
    // The distinct actors whose mentions overlap each sentence (at most the first two: more
    // change nothing below).
    let mut actors: Vec<[Option<usize>; 2]> = vec![[None; 2]; n];
    for m in &mentions {
        let first = doc.sentence_of_token(m.start);
        let last = doc.sentence_of_token(m.end.saturating_sub(1).max(m.start));
        if let (Some(a), Some(b)) = (first, last) {
            for seen in &mut actors[a..=b.min(n.saturating_sub(1))] {
                match *seen {
                    [None, _] => seen[0] = Some(m.entity),
                    [Some(x), None] if x != m.entity => seen[1] = Some(m.entity),
                    _ => {}
                }
            }
        }
    }
    // As `mention_covering` sees them: a trigger inside a name is no trigger.
    let mut covered = vec![false; lower.len()];
    for m in &mentions {
        for flag in &mut covered[m.start..m.end.min(lower.len())] {
            *flag = true;
        }
    }
    let mut trigger = vec![false; n];
    let mut lone_actor_event = vec![false; n];
    let mut pronoun = vec![false; n];
    let mut two_actors = vec![false; n];
    let mut first_mention = 0;
    for (s, sentence) in sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        // As `find_matches` matches, short of the part of speech, which needs the parse.
        for k in range.clone() {
            let Some(ts) = lex.triggers.get(lower[k].as_str()) else {
                continue;
            };
            for t in ts {
                let end = k + 1 + t.rest.len();
                let matched = end <= range.end
                    && t.rest
                        .iter()
                        .enumerate()
                        .all(|(i, w)| lower[k + 1 + i] == *w)
                    && !covered[k..end].contains(&true);
                let entry = &lex.entries()[t.entry];
                if matched && object_may_pass(lex, entry, &lower, end, range.end) {
                    trigger[s] = true;
                    lone_actor_event[s] |= lone_actor_may_code(entry);
                }
            }
        }
        pronoun[s] = range.clone().any(|k| PRONOUNS.contains(&lower[k].as_str()));
        // As `uncoded_reason` counts them: distinct entities of the mentions inside.
        while first_mention < mentions.len() && mentions[first_mention].start < range.start {
            first_mention += 1;
        }
        let mut inside = mentions[first_mention..]
            .iter()
            .take_while(|m| m.start < range.end)
            .filter(|m| m.end <= range.end)
            .map(|m| m.entity);
        two_actors[s] = inside.next().is_some_and(|a| inside.any(|b| b != a));
    }
    // Whose subject is read: a sentence with a trigger and a pronoun resolves the pronoun
    // against the subjects of the three sentences before it, and a sentence whose subject
    // is read and that holds a pronoun does the same (`sentence_subject`). Backwards, so a
    // need passes on.
    let mut subject_read = vec![false; n];
    for s in (0..n).rev() {
        if (trigger[s] || subject_read[s]) && pronoun[s] {
            for flag in &mut subject_read[s.saturating_sub(3)..s] {
                *flag = true;
            }
        }
    }
    for (s, level) in needed.iter_mut().enumerate().take(n) {
        let [one, two] = actors[s];
        // Without an actor's mention or a pronoun no word resolves to an actor, so the
        // sentence has no subject, no event and no uncoded reason whatever its parse says;
        // with a single actor and no pronoun, an event needs a trigger that codes with the
        // source alone or with a target from an earlier event.
        let events_possible = pronoun[s] || two.is_some() || (one.is_some() && lone_actor_event[s]);
        let subject_matters = pronoun[s] || one.is_some();
        if (trigger[s] && events_possible) || (subject_read[s] && subject_matters) {
            *level = SyntaxLevel::Parse;
        } else if two_actors[s] {
            *level = (*level).max(SyntaxLevel::Tags);
        }
    }
}

/// Whether the object of a trigger of `entry` ending at token `end` may hold one of the
/// entry's `object_has` phrases: `build_event` looks for them after the trigger, up to the
/// end of its clause at the latest, and fails the trigger first thing when none is there.
fn object_may_pass(
    lex: &Lexicon,
    entry: &Entry,
    lower: &[String],
    end: usize,
    limit: usize,
) -> bool {
    entry.object_has.is_empty()
        || has_phrase(
            lower,
            end..clause_end(lex, lower, end, limit),
            &entry.object_has,
        )
}

/// Whether `phrase` (lower-case words) stands at token `k` of `lower`.
fn phrase_at(lower: &[String], k: usize, phrase: &[String]) -> bool {
    !phrase.is_empty()
        && k + phrase.len() <= lower.len()
        && phrase.iter().enumerate().all(|(i, w)| lower[k + i] == *w)
}

/// Whether any of `phrases` starts inside `range` of `lower` (and fits in it).
fn has_phrase(lower: &[String], range: Range<usize>, phrases: &[Vec<String>]) -> bool {
    range.clone().any(|k| {
        phrases
            .iter()
            .any(|p| k + p.len() <= range.end && phrase_at(lower, k, p))
    })
}

/// One past the last token of the clause starting at or before token `k`, a clause
/// boundary of the lexicon or `limit` (the sentence end) closing it.
fn clause_end(lex: &Lexicon, lower: &[String], k: usize, limit: usize) -> usize {
    (k..limit)
        .find(|&j| lex.cues.boundaries.iter().any(|b| *b == lower[j]))
        .unwrap_or(limit)
}

/// Whether `entry` can code an event in a sentence with a single actor and no pronoun: its
/// event needs no target, or the target comes from an event coded before
/// (`Ctx::linked_target`).
fn lone_actor_may_code(entry: &Entry) -> bool {
    !entry.target_required
        || matches!(
            entry.kind,
            PloverType::Accuse | PloverType::Support | PloverType::Reject | PloverType::Request
        )
}

/// The lower-cased words of `doc` and the mentions usable as actors, sorted by start (and
/// longest first), as [`code`] uses them. A wire dateline's places ("WASHINGTON, March 3
/// -") are where the story was filed, not actors.
fn actor_mentions(doc: &Document, entities: &[Entity]) -> (Vec<String>, Vec<Mention>) {
    let dateline_end = doc.dateline().map_or(0, |d| d.end);
    let mut mentions = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        if e.kind == EntityKind::Misc {
            continue;
        }
        for m in &e.mentions {
            if m.tokens.is_empty()
                || m.tokens.end > doc.tokens().len()
                || m.tokens.end <= dateline_end
            {
                continue;
            }
            let entity = m.acts_for.filter(|&a| a < entities.len()).unwrap_or(i);
            mentions.push(Mention {
                entity,
                raw: i,
                start: m.tokens.start,
                end: m.tokens.end,
            });
        }
    }
    let lower: Vec<String> = (0..doc.tokens().len())
        .map(|i| norm(doc.token_text(i)))
        .collect();
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    (lower, mentions)
}

impl Ctx<'_> {
    fn sentence_range(&self, s: usize) -> Range<usize> {
        self.doc
            .sentences()
            .get(s)
            .map_or(0..0, |x| x.tokens.clone())
    }

    fn parsed(&self, s: usize) -> bool {
        self.doc.syntax_level(s) == SyntaxLevel::Parse
    }

    /// Whether sentence `s` has parts of speech (it is tagged or parsed).
    fn tagged(&self, s: usize) -> bool {
        self.doc.syntax_level(s) >= SyntaxLevel::Tags
    }

    fn word(&self, k: usize) -> &str {
        self.lower.get(k).map_or("", String::as_str)
    }

    fn phrase_at(&self, k: usize, phrase: &[String]) -> bool {
        phrase_at(&self.lower, k, phrase)
    }

    /// Whether any of `phrases` starts inside `range` (and fits in it).
    fn has_phrase(&self, range: Range<usize>, phrases: &[Vec<String>]) -> bool {
        has_phrase(&self.lower, range, phrases)
    }

    /// Whether an attribution cue stands in `range`. "according to which …" (after "an
    /// agreement") introduces content, not a source, so a cue right before a relative
    /// pronoun does not count.
    fn attributed(&self, range: Range<usize>) -> bool {
        range.clone().any(|k| {
            self.lex.cues.reported.iter().any(|p| {
                k + p.len() <= range.end
                    && phrase_at(&self.lower, k, p)
                    && !self
                        .lower
                        .get(k + p.len())
                        .is_some_and(|w| self.lex.cues.relatives.iter().any(|r| r == w))
            })
        })
    }

    fn mention_covering(&self, k: usize) -> Option<Mention> {
        self.mentions
            .iter()
            .copied()
            .find(|m| m.start <= k && k < m.end)
    }

    fn actor(m: Mention) -> Actor {
        Actor {
            entity: m.entity,
            raw: m.raw,
            tokens: Some((m.start, m.end)),
        }
    }

    fn kind(&self, entity: usize) -> Option<EntityKind> {
        self.entities.get(entity).map(|e| e.kind)
    }

    /// A state or place mention followed by a title and a person ("Peruvian President
    /// Ana Ruiz") stands for the person.
    fn prefer_person(&self, m: Mention, limit: usize) -> Mention {
        if self.kind(m.entity) == Some(EntityKind::Per) {
            return m;
        }
        self.mentions
            .iter()
            .copied()
            .find(|p| {
                p.start >= m.end
                    && p.start <= m.end + 3
                    && p.start < limit
                    && self.kind(p.entity) == Some(EntityKind::Per)
                    && (m.end..p.start).all(|k| {
                        self.doc
                            .token_text(k)
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)
                    })
            })
            .unwrap_or(m)
    }

    fn is_boundary(&self, k: usize) -> bool {
        self.lex.cues.boundaries.iter().any(|b| *b == self.lower[k])
    }

    fn is_relative(&self, k: usize) -> bool {
        self.lex.cues.relatives.iter().any(|b| *b == self.lower[k])
    }

    /// First token of the clause holding token `k`.
    fn clause_start(&self, s: usize, k: usize) -> usize {
        let first = self.sentence_range(s).start;
        (first..k)
            .rev()
            .find(|&j| self.is_boundary(j))
            .map_or(first, |j| j + 1)
    }

    /// One past the last token of the clause starting at or before token `k`.
    fn clause_end(&self, s: usize, k: usize) -> usize {
        clause_end(self.lex, &self.lower, k, self.sentence_range(s).end)
    }

    // ------------------------------------------------------------------ pronouns

    /// The actor a pronoun at token `k` of sentence `s` stands for.
    fn resolve_pronoun(&self, s: usize, k: usize) -> Option<Actor> {
        let w = self.word(k);
        let person = matches!(w, "he" | "she" | "his" | "her" | "him");
        let thing = matches!(w, "it" | "its");
        if !person && !thing {
            return None;
        }
        let fits = |e: usize| (self.kind(e) == Some(EntityKind::Per)) == person;
        // "After his meeting …, Mr. X refused": a pronoun before the subject of its own
        // sentence points forward to it.
        if let Some(Some(subj)) = self.subjects.get(s)
            && subj.tokens.is_some_and(|(start, _)| start > k)
            && fits(subj.entity)
        {
            return Some(Actor {
                tokens: Some((k, k + 1)),
                ..*subj
            });
        }
        // Then the subjects of the sentences before, and the actors of their events (a
        // heading run into a sentence can hide its subject from the parse).
        let lo = s.saturating_sub(3);
        for s2 in (lo..s).rev() {
            if let Some(Some(subj)) = self.subjects.get(s2)
                && fits(subj.entity)
            {
                return Some(Actor {
                    tokens: Some((k, k + 1)),
                    ..*subj
                });
            }
            let source = self
                .events
                .iter()
                .rev()
                .filter(|e| e.sentence == s2)
                .find_map(|e| e.source.filter(|&src| fits(src)));
            if let Some(entity) = source {
                return Some(Actor {
                    entity,
                    raw: entity,
                    tokens: Some((k, k + 1)),
                });
            }
        }
        self.mentions
            .iter()
            .rev()
            .find(|m| m.end <= k && fits(m.entity))
            .map(|m| Actor {
                entity: m.entity,
                raw: m.raw,
                tokens: Some((k, k + 1)),
            })
    }

    /// The subject of sentence `s`: from the parse, else the first actor followed by an
    /// auxiliary or a verb.
    fn sentence_subject(&self, s: usize) -> Option<Actor> {
        let range = self.sentence_range(s);
        if self.parsed(s) {
            let root = range.clone().find(|&k| self.doc.tokens()[k].head.is_none());
            let subj = root.and_then(|r| {
                self.doc
                    .children(r)
                    .find(|&c| self.doc.tokens()[c].deprel.starts_with("nsubj"))
            });
            if let Some(actor) = subj.and_then(|c| self.actor_at(s, c)) {
                return Some(actor);
            }
        }
        let mut k = range.start;
        while k < range.end {
            let (cand, end) = if let Some(m) = self.mentions.iter().find(|m| m.start == k) {
                (Some(Self::actor(*m)), m.end)
            } else if SUBJECT_PRONOUNS.contains(&self.word(k)) {
                (self.resolve_pronoun(s, k), k + 1)
            } else {
                (None, k + 1)
            };
            if let Some(actor) = cand {
                let mut next = end;
                while next < range.end
                    && next < end + 2
                    && (self.word(next).ends_with("ly")
                        || matches!(self.word(next), "also" | "not" | "n't"))
                {
                    next += 1;
                }
                let w = self.word(next);
                let verb_like = AUX.contains(&w)
                    || self.lex.cues.reporting_verbs.iter().any(|r| r == w)
                    || self
                        .lex
                        .triggers
                        .get(w)
                        .is_some_and(|ts| ts.iter().any(|t| !t.noun))
                    || (w.len() > 4 && w.ends_with("ed"));
                if verb_like {
                    return Some(actor);
                }
            }
            k = end.max(k + 1);
        }
        None
    }

    // ------------------------------------------------------------------ triggers

    fn find_matches(&self, s: usize) -> Vec<Match> {
        let range = self.sentence_range(s);
        let tokens = self.doc.tokens();
        let mut out: Vec<Match> = Vec::new();
        for k in range.clone() {
            let Some(triggers) = self.lex.triggers.get(&self.lower[k]) else {
                continue;
            };
            for t in triggers {
                let end = k + 1 + t.rest.len();
                if end > range.end
                    || !t
                        .rest
                        .iter()
                        .enumerate()
                        .all(|(i, w)| self.lower[k + 1 + i] == *w)
                {
                    continue;
                }
                // A name is not a trigger ("Associated Press", "Hurricane Strike").
                if (k..end).any(|j| self.mention_covering(j).is_some()) {
                    continue;
                }
                let head = if t.noun { end - 1 } else { k };
                let upos = tokens[head].upos;
                let prev = if k > range.start {
                    self.word(k - 1)
                } else {
                    ""
                };
                let fits = match upos {
                    Upos::X => {
                        if t.noun {
                            !VERB_MARKERS.contains(&prev)
                        } else {
                            !DETERMINERS.contains(&prev)
                                && self.verb_context(k, range.start)
                                && (k == range.start
                                    || !self.doc.token_text(k).starts_with(char::is_uppercase))
                        }
                    }
                    Upos::Noun | Upos::Propn => t.noun,
                    Upos::Verb | Upos::Aux => !t.noun,
                    _ => false,
                };
                if !fits {
                    continue;
                }
                // Keep the longest phrase of each entry at each start.
                if let Some(prev) = out.iter_mut().find(|m| m.entry == t.entry && m.start == k) {
                    if end > prev.end {
                        *prev = Match {
                            entry: t.entry,
                            start: k,
                            end,
                            noun: t.noun,
                            present: t.present,
                        };
                    }
                    continue;
                }
                out.push(Match {
                    entry: t.entry,
                    start: k,
                    end,
                    noun: t.noun,
                    present: t.present,
                });
            }
        }
        // A shorter trigger inside a longer one of the same type is the same statement.
        let all = out.clone();
        out.retain(|m| {
            let kind = self.lex.entries()[m.entry].kind;
            !all.iter().any(|o| {
                self.lex.entries()[o.entry].kind == kind
                    && o.start <= m.start
                    && m.end <= o.end
                    && (o.end - o.start) > (m.end - m.start)
            })
        });
        out
    }

    /// Without a tagger, whether a base, -s or -ing form at `k` reads as a verb: it must
    /// follow an actor, a pronoun, an auxiliary, "to", an adverb or a conjunction ("radio
    /// show host", "flood warning" and "EU sanctions" are nouns). Past forms pass.
    fn verb_context(&self, k: usize, first: usize) -> bool {
        let form = self.word(k);
        let ing = form.ends_with("ing");
        let present = self
            .lex
            .triggers
            .get(form)
            .is_some_and(|ts| ts.iter().any(|t| t.present));
        if (!ing && !present) || k == first {
            return true;
        }
        let prev = self.word(k - 1);
        // "protest had taken place" and "led to protests" are nouns.
        let next = self.word(k + 1);
        if !ing
            && (AUX.contains(&next)
                || (prev == "to" && form.ends_with('s') && !form.ends_with("ss")))
        {
            return false;
        }
        if self.mentions.iter().any(|m| m.end == k)
            || AUX.contains(&prev)
            || VERB_MARKERS.contains(&prev)
            || self.is_relative(k - 1)
            || prev.ends_with("ly")
            || matches!(
                prev,
                "they"
                    | "we"
                    | "you"
                    | "never"
                    | "and"
                    | "or"
                    | ","
                    | "“"
                    | "\""
                    | "still"
                    | "already"
                    | "then"
                    | "now"
                    | "being"
            )
        {
            return true;
        }
        if ing {
            PREPOSITIONS.contains(&prev)
                || matches!(
                    prev,
                    "after" | "before" | "while" | "without" | "about" | "since" | "when"
                )
        } else {
            // "the two sides agree": a plural noun subject.
            prev.len() > 3
                && prev.ends_with('s')
                && !prev.ends_with("ss")
                && prev.chars().all(|c| c.is_ascii_lowercase())
        }
    }

    /// Whether the tokens between `from` and `to` can lead up to a name: determiners,
    /// titles and capitalized words ("the president", "Chilean leader"), but no verb.
    fn name_lead_in(&self, from: usize, to: usize) -> bool {
        (from..to).all(|k| {
            let w = self.word(k);
            TITLE_WORDS.contains(&w)
                || matches!(
                    w,
                    "the"
                        | "a"
                        | "of"
                        | "southern"
                        | "northern"
                        | "eastern"
                        | "western"
                        | "central"
                        | "north"
                        | "south"
                        | "east"
                        | "west"
                        | "occupied"
                        | "rebel-held"
                        | "'s"
                        | "its"
                        | "his"
                        | "her"
                        | "their"
                        | "-"
                        | "–"
                        | "“"
                        | "”"
                        | "\""
                )
                || self
                    .doc
                    .token_text(k)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
    }

    // ------------------------------------------------------------------ roles

    /// The actor written at token `tok`: a mention covering it, a mention hanging below it
    /// (a title word heading a name), or a pronoun.
    fn actor_at(&self, s: usize, tok: usize) -> Option<Actor> {
        if let Some(m) = self.mention_covering(tok) {
            return Some(Self::actor(m));
        }
        // Only the relations that hang a name on a title or a head noun ("minister of
        // Chile", "President Ruiz"); a relative clause's place is not its head's actor.
        let names = |t: usize| {
            let tk = &self.doc.tokens()[t];
            tk.head == Some(tok)
                && matches!(
                    tk.deprel.as_str(),
                    "compound" | "flat" | "flat:name" | "appos" | "nmod" | "nmod:poss"
                )
        };
        // "the Premier of Queensland, Peter Beattie, …": the name in apposition is the one
        // who acts, not the place the title is of (the parse may hang it from either).
        let appos = |t: usize| {
            let tk = &self.doc.tokens()[t];
            tk.deprel == "appos" && (tk.head == Some(tok) || tk.head.is_some_and(names))
        };
        if let Some(m) = self
            .mentions
            .iter()
            .find(|m| (m.start..m.end).any(appos))
            .or_else(|| self.mentions.iter().find(|m| (m.start..m.end).any(names)))
        {
            return Some(Self::actor(*m));
        }
        self.resolve_pronoun(s, tok)
    }

    fn case_of(&self, tok: usize) -> Option<&str> {
        self.doc
            .children(tok)
            .find(|&c| self.doc.tokens()[c].deprel == "case")
            .map(|c| self.word(c))
    }

    /// Source and target from the dependency parse.
    fn dep_roles(&self, s: usize, m: &Match, entry: &Entry) -> (Option<Actor>, Option<Actor>) {
        let t = if m.noun { m.end - 1 } else { m.start };
        let tokens = self.doc.tokens();
        let preps: Vec<&str> = entry
            .target
            .iter()
            .filter_map(|r| {
                if let Role::Prep(p) = r {
                    Some(p.as_str())
                } else {
                    None
                }
            })
            .chain(["to", "with", "against", "on"])
            .collect();
        let (mut src, mut tgt) = (None, None);
        for c in self.doc.children(t) {
            let rel = tokens[c].deprel.as_str();
            let case = self.case_of(c);
            match rel {
                "nsubj" | "nmod:poss" if src.is_none() => src = self.actor_at(s, c),
                "nsubj:pass" | "obj" | "iobj" if tgt.is_none() => tgt = self.actor_at(s, c),
                "obl" | "obl:agent" | "nmod" if case == Some("by") && src.is_none() => {
                    src = self.actor_at(s, c)
                }
                "obl" | "nmod" if tgt.is_none() && case.is_some_and(|p| preps.contains(&p)) => {
                    tgt = self.actor_at(s, c);
                }
                _ => {}
            }
        }
        // "threatened to cut gas supplies to Y": the content of an absorbing verb names
        // its target.
        if tgt.is_none() && entry.absorbs {
            let content = self.doc.children(t).find(|&c| tokens[c].deprel == "xcomp");
            if let Some(x) = content {
                tgt = self.doc.children(x).find_map(|c| {
                    let rel = tokens[c].deprel.as_str();
                    let case = self.case_of(c);
                    // Only a recipient or an opponent: the object of the content is what
                    // is done ("threatened to emulate Brazil's moratorium" is no threat to
                    // Brazil).
                    let fits = matches!(rel, "obl" | "nmod")
                        && case.is_some_and(|p| matches!(p, "to" | "against"));
                    fits.then(|| self.actor_at(s, c)).flatten()
                });
            }
        }
        // A relative pronoun ("the strike that killed …") stands for the noun above.
        let has_subject = self.doc.children(t).any(|c| {
            tokens[c].deprel.starts_with("nsubj")
                && !matches!(self.word(c), "that" | "which" | "who")
        });
        if src.is_none() && !has_subject {
            src = self.inherited_subject(s, t);
        }
        // "Y received arms from X": an entry whose target is the subject reads the roles
        // the other way round; the source is the actor its preposition introduces.
        if entry.target.first() == Some(&Role::Subject) {
            let from: Vec<&str> = entry
                .source
                .iter()
                .filter_map(|r| match r {
                    Role::Prep(p) => Some(p.as_str()),
                    _ => None,
                })
                .collect();
            let giver = self.doc.children(t).find_map(|c| {
                let rel = tokens[c].deprel.as_str();
                (matches!(rel, "obl" | "nmod")
                    && self.case_of(c).is_some_and(|p| from.contains(&p)))
                .then(|| self.actor_at(s, c))
                .flatten()
            });
            return (giver, src);
        }
        (src, tgt)
    }

    /// The actor that made or holds the thing a common noun names: a name hanging from it
    /// as a compound, apposition or possessor, or through "of", "by" or "from".
    fn maker_of(&self, noun: usize) -> Option<Actor> {
        let tokens = self.doc.tokens();
        let makes = |t: usize| {
            let tk = &tokens[t];
            tk.head == Some(noun)
                && match tk.deprel.as_str() {
                    "compound" | "flat" | "appos" | "nmod:poss" | "amod" => true,
                    "nmod" => self
                        .case_of(t)
                        .is_some_and(|c| matches!(c, "of" | "by" | "from")),
                    _ => false,
                }
        };
        self.mentions
            .iter()
            .find(|m| (m.start..m.end).any(makes))
            .map(|m| Self::actor(*m))
    }

    /// The actor a verb without a subject of its own takes from the verbs above it: "asked
    /// Lima to provide" (the object controls), "agreed to exchange" (the subject does), "X
    /// met Y and signed …", "X was forceful, committing to send …" (through conjoined and
    /// adverbial clauses, up to three verbs up), "the strike that killed …" (the noun a
    /// relative clause hangs from).
    fn inherited_subject(&self, s: usize, t: usize) -> Option<Actor> {
        let tokens = self.doc.tokens();
        let mut k = t;
        for depth in 0..3 {
            let h = tokens[k].head?;
            let child = |want: &str| self.doc.children(h).find(|&c| tokens[c].deprel == want);
            // An adverbial clause shares the subject only as a present participle ("…,
            // committing to send"); "Asked if X …, Y said" is Y being asked.
            let participle = self.word(k).ends_with("ing");
            // "criticized Y for not denouncing …", "accused Y of attacking …": the object
            // is the one who did (or did not).
            let object_controls = self.doc.children(k).any(|c| {
                matches!(tokens[c].deprel.as_str(), "mark" | "case")
                    && matches!(self.word(c), "for" | "of")
            });
            // "X met …, to sign an agreement": an infinitive of purpose.
            let infinitive = self
                .doc
                .children(k)
                .any(|c| tokens[c].deprel == "mark" && self.word(c) == "to");
            let found = match tokens[k].deprel.as_str() {
                "xcomp" if depth == 0 => child("obj").or_else(|| child("nsubj")),
                "xcomp" | "conj" => child("nsubj"),
                "advcl" if participle && object_controls => child("obj").or_else(|| child("nsubj")),
                "advcl" if participle || infinitive => child("nsubj"),
                // "… met at the Zappeion Hall, to sign …": an infinitive set off by a comma
                // is the purpose of the clause, even when the parse hangs it on the noun
                // before; its subject is the clause's.
                "acl" if depth == 0 && infinitive && self.comma_before_subtree(k) => {
                    let verb = tokens[h].head?;
                    return self
                        .doc
                        .children(verb)
                        .find(|&c| tokens[c].deprel.starts_with("nsubj"))
                        .and_then(|c| self.actor_at(s, c));
                }
                // "posted a message on Twitter blaming Y": a participle on a common noun with
                // no maker of its own ("a call by X", "the Norland government's plan") is
                // whoever made the thing, the subject of the verb above it; a name that only
                // says where the thing is ("on Twitter") is not its maker.
                "acl" if depth == 0 && participle && self.mention_covering(h).is_none() => {
                    if let Some(maker) = self.maker_of(h) {
                        return Some(maker);
                    }
                    let verb = tokens[h].head?;
                    return self
                        .doc
                        .children(verb)
                        .find(|&c| tokens[c].deprel == "nsubj")
                        .and_then(|c| self.actor_at(s, c));
                }
                "acl:relcl" | "acl" if depth == 0 => return self.actor_at(s, h),
                _ => return None,
            };
            if let Some(c) = found {
                return self.actor_at(s, c);
            }
            // A verb with a subject that is no actor ends the climb.
            if self
                .doc
                .children(h)
                .any(|c| tokens[c].deprel.starts_with("nsubj"))
            {
                return None;
            }
            k = h;
        }
        None
    }

    /// Whether a comma stands right before the first word of `k`'s subtree.
    fn comma_before_subtree(&self, k: usize) -> bool {
        let tokens = self.doc.tokens();
        let mut first = k;
        let mut stack = vec![k];
        while let Some(x) = stack.pop() {
            first = first.min(x);
            stack.extend(self.doc.children(x));
        }
        first > 0 && tokens[first - 1].head.is_some() && self.word(first - 1) == ","
    }

    /// The actor before the trigger in its clause; a relative pronoun hands over its
    /// antecedent.
    fn surface_subject(&self, s: usize, m: &Match) -> Option<Actor> {
        let first = self.sentence_range(s).start;
        let mut k = m.start;
        let mut steps = 0;
        while k > first && steps < MAX_BACK {
            k -= 1;
            steps += 1;
            if self.is_boundary(k) {
                return None;
            }
            if self.is_relative(k) {
                let mut j = k;
                if j > first && self.word(j - 1) == "," {
                    j -= 1;
                }
                return self
                    .mentions
                    .iter()
                    .find(|mn| mn.end == j)
                    .map(|mn| Self::actor(*mn));
            }
            if let Some(mn) = self.mention_covering(k) {
                return Some(Self::actor(mn));
            }
            if SUBJECT_PRONOUNS.contains(&self.word(k)) {
                return self.resolve_pronoun(s, k);
            }
        }
        None
    }

    /// The direct object: the first actor after the trigger, reached through words of a
    /// noun phrase only ("met bassist X", "met Peruvian President X"). A preposition,
    /// a conjunction, a comma or an auxiliary ends the search, so "meet finalists at the
    /// event in X" has no object; prepositional roles ("to X") are separate roles.
    fn surface_object(&self, s: usize, m: &Match, exclude: Option<usize>) -> Option<Actor> {
        let end = self.clause_end(s, m.end).min(m.end + MAX_FORWARD);
        for k in m.end..end {
            let w = self.word(k);
            // "arrested a French tourist, Ana Ruiz": a person in apposition to the object.
            if w == ","
                && k > m.end
                && let Some(mn) = self.mentions.iter().find(|mn| {
                    mn.start == k + 1
                        && Some(mn.entity) != exclude
                        && self.kind(mn.entity) == Some(EntityKind::Per)
                })
            {
                return Some(Self::actor(*mn));
            }
            let starts_here = self.mentions.iter().any(|mn| mn.start == k);
            if !starts_here
                && (self.is_relative(k)
                    || PREPOSITIONS.contains(&w)
                    || AUX.contains(&w)
                    || matches!(w, "and" | "or" | "," | "." | "as" | "than" | "like")
                    || !w.chars().any(char::is_alphanumeric))
            {
                return None;
            }
            if let Some(mn) = self
                .mentions
                .iter()
                .find(|mn| mn.start == k && Some(mn.entity) != exclude)
            {
                return Some(Self::actor(self.prefer_person(*mn, end)));
            }
        }
        None
    }

    /// The actor introduced by preposition `p` after the trigger.
    fn prep_actor(&self, s: usize, m: &Match, p: &str, exclude: Option<usize>) -> Option<Actor> {
        let sent_end = self.sentence_range(s).end;
        let hi = self.clause_end(s, m.end).min(m.end + 8);
        // A noun's own phrase ends at a comma or a coordination ("deployment in X and
        // worried about the policy of Y" does not make Y the deployer), and "of" hangs
        // right on the noun ("invasion of X").
        let k = (m.end..hi)
            .take_while(|&k| !(m.noun && matches!(self.word(k), "," | "and" | "or")))
            .find(|&k| self.word(k) == p && !(m.noun && p == "of" && k != m.end))?;
        let limit = (k + 6).min(sent_end);
        for j in k + 1..limit {
            if j > k + 1 && PREPOSITIONS.contains(&self.word(j)) {
                return None;
            }
            if let Some(mn) = self
                .mentions
                .iter()
                .find(|mn| mn.start == j && Some(mn.entity) != exclude)
            {
                if !self.name_lead_in(k + 1, j) {
                    return None;
                }
                return Some(Self::actor(self.prefer_person(*mn, sent_end)));
            }
        }
        None
    }

    /// "X's visit", "his visit", "the Kenya deployment".
    fn possessor(&self, s: usize, m: &Match) -> Option<Actor> {
        let first = self.sentence_range(s).start;
        for gap in 0..=2 {
            let Some(j) = m.start.checked_sub(1 + gap).filter(|&j| j >= first) else {
                break;
            };
            if POSSESSIVE_PRONOUNS.contains(&self.word(j)) {
                return self.resolve_pronoun(s, j);
            }
            if self.word(j) == "'s"
                && let Some(mn) = self.mentions.iter().find(|mn| mn.end == j)
            {
                return Some(Self::actor(*mn));
            }
            if gap == 0
                && let Some(mn) = self.mentions.iter().find(|mn| mn.end == m.start)
            {
                return Some(Self::actor(*mn));
            }
        }
        None
    }

    /// "between X and Y".
    fn between(&self, s: usize, m: &Match) -> Option<(Actor, Actor)> {
        let sent_end = self.sentence_range(s).end;
        let hi = self.clause_end(s, m.end).min(m.end + 8);
        let k = (m.end..hi).find(|&k| self.word(k) == "between")?;
        // "an agreement, according to which a section between X and Y …": a wh-relative
        // pronoun before "between" puts it in a clause of its own ("that" may be a
        // complementizer: "the agreement that was reached between X and Y").
        if (m.end..k).any(|j| matches!(self.word(j), "which" | "who" | "whom" | "whose")) {
            return None;
        }
        let first = self
            .mentions
            .iter()
            .find(|mn| mn.start > k && mn.start <= k + 5 && mn.end <= sent_end)?;
        let and = (first.end..(first.end + 2).min(sent_end)).find(|&j| self.word(j) == "and")?;
        let second = self
            .mentions
            .iter()
            .find(|mn| mn.start > and && mn.start <= and + 5 && mn.end <= sent_end)?;
        if !self.name_lead_in(k + 1, first.start) || !self.name_lead_in(and + 1, second.start) {
            return None;
        }
        Some((
            Self::actor(*first),
            Self::actor(self.prefer_person(*second, sent_end)),
        ))
    }

    /// "the two sides agreed": the two parties of the most recent consultation.
    fn group_pair(&self, s: usize, m: &Match) -> Option<(Actor, Actor, usize)> {
        let first = self.sentence_range(s).start;
        let start = self.lex.cues.group_subjects.iter().find_map(|p| {
            (0..=3).find_map(|gap| {
                let st = m.start.checked_sub(gap + p.len())?;
                (st >= first && self.phrase_at(st, p)).then_some(st)
            })
        })?;
        let recent = |want: Option<PloverType>| {
            self.events.iter().rev().find(|e| {
                e.sentence + CONTEXT_SENTENCES >= s
                    && e.source.is_some()
                    && e.target.is_some()
                    && want.is_none_or(|w| e.kind == w)
            })
        };
        let e = recent(Some(PloverType::Consult)).or_else(|| recent(None))?;
        let (a, b) = (e.source?, e.target?);
        Some((
            Actor {
                entity: a,
                raw: a,
                tokens: None,
            },
            Actor {
                entity: b,
                raw: b,
                tokens: None,
            },
            start,
        ))
    }

    fn find_role(
        &self,
        s: usize,
        m: &Match,
        role: &Role,
        exclude: Option<usize>,
        complement: Option<usize>,
    ) -> Option<Actor> {
        match role {
            Role::Subject => self.surface_subject(s, m),
            // The object of "asked X to …" stands before the complement.
            Role::Object => self
                .surface_object(s, m, exclude)
                .filter(|a| complement.is_none_or(|c| a.tokens.is_none_or(|(start, _)| start < c))),
            Role::Possessor => self.possessor(s, m),
            Role::Between => self.between(s, m).map(|(a, _)| a),
            Role::Prep(p) => self.prep_actor(s, m, p, exclude),
        }
    }

    // ------------------------------------------------------------------ one sentence

    fn code_sentence(&self, s: usize) -> (Vec<Event>, Vec<String>) {
        let matches = self.find_matches(s);
        // The "to …" complement of an absorbing trigger is its content, not an event.
        let mut absorbed: Vec<(usize, Range<usize>)> = Vec::new();
        for (i, m) in matches.iter().enumerate() {
            if !self.lex.entries()[m.entry].absorbs || m.noun {
                continue;
            }
            let end = self.clause_end(s, m.end);
            if let Some(to) = (m.end..end.min(m.end + 6)).find(|&k| self.word(k) == "to") {
                absorbed.push((i, to..end));
            }
        }
        let mut events: Vec<Event> = Vec::new();
        let mut failures = Vec::new();
        // Words between a coded trigger and its target are that event's object ("sent
        // artillery shells to X" is one event, not also a shelling).
        let mut objects: Vec<Range<usize>> = Vec::new();
        for (i, m) in matches.iter().enumerate() {
            if absorbed
                .iter()
                .any(|(j, r)| *j != i && r.contains(&m.start))
                || objects.iter().any(|r| r.contains(&m.start))
            {
                continue;
            }
            let entry = &self.lex.entries()[m.entry];
            match self.build_event(
                s,
                m,
                entry,
                absorbed
                    .iter()
                    .find(|(j, _)| *j == i)
                    .map(|(_, r)| r.clone()),
            ) {
                Ok(ev) => {
                    let same = |o: &Event| {
                        o.kind == ev.kind
                            && ((o.source == ev.source && o.target == ev.target)
                                || (entry.symmetric
                                    && o.source == ev.target
                                    && o.target == ev.source))
                    };
                    let target_start = ev
                        .target
                        .and_then(|_| {
                            let at = self.doc.tokens_in(ev.evidence).end;
                            (at > m.end).then_some(at)
                        })
                        .unwrap_or(m.end);
                    objects.push(m.end..target_start);
                    // "Brazil and Colombia called for …": each conjunct of the subject did it.
                    let also = (!entry.symmetric)
                        .then(|| self.coordinated_source(s, m, &ev))
                        .flatten();
                    if !events.iter().any(same) {
                        events.push(ev.clone());
                    }
                    if let Some((other, start)) = also
                        && !events.iter().any(|o| {
                            o.kind == ev.kind && o.source == Some(other) && o.target == ev.target
                        })
                    {
                        let at = self.doc.tokens()[start].span.start();
                        events.push(Event {
                            source: Some(other),
                            evidence: Span::from_range(
                                at.min(ev.evidence.start())..ev.evidence.end(),
                            ),
                            ..ev
                        });
                    }
                }
                Err(why) => {
                    let text: Vec<&str> =
                        (m.start..m.end).map(|k| self.doc.token_text(k)).collect();
                    failures.push(format!(
                        "trigger '{}' ({}): {why}",
                        text.join(" "),
                        entry.id
                    ));
                }
            }
        }
        (events, failures)
    }

    fn build_event(
        &self,
        s: usize,
        m: &Match,
        entry: &Entry,
        complement: Option<Range<usize>>,
    ) -> Result<Event, String> {
        let sentence = self.sentence_range(s);
        // The object: what the trigger acts on, for `object_has` and modes. Checked first,
        // as it reads no syntax: `needs_syntax` leaves a sentence unparsed when no trigger
        // of it passes.
        let clause_end = self.clause_end(s, m.end);
        let object = match &complement {
            Some(r) => m.end..r.end.min(m.end + 30),
            None => m.end..clause_end.min(m.end + 10),
        };
        if !entry.object_has.is_empty() && !self.has_phrase(object.clone(), &entry.object_has) {
            return Err("its object names none of the entry's things".into());
        }
        let (mut src, mut tgt) = (None, None);
        let mut group_start = None;
        if entry.symmetric
            && let Some((a, b, start)) = self.group_pair(s, m)
        {
            (src, tgt, group_start) = (Some(a), Some(b), Some(start));
        }
        if src.is_none() && self.parsed(s) {
            (src, tgt) = self.dep_roles(s, m, entry);
        }
        // "Quito was attacked by Lima": the passive swaps the surface roles; without a
        // "by" agent the doer is unknown.
        let be = |k: usize| {
            matches!(
                self.word(k),
                "was" | "were" | "been" | "is" | "are" | "be" | "being"
            )
        };
        let participle = !m.noun && !m.present && !self.word(m.start).ends_with("ing");
        let prev = m.start.checked_sub(1).filter(|&p| p >= sentence.start);
        let adverb = |k: usize| {
            self.word(k).ends_with("ly") || matches!(self.word(k), "not" | "also" | "never")
        };
        let passive = src.is_none()
            && participle
            && prev.is_some_and(|p| {
                be(p)
                    || (adverb(p) && p > sentence.start && be(p - 1))
                    // "X, imprisoned at …" and "…, hosted by Y": a participle clause.
                    || (self.word(p) == "," && self.mentions.iter().any(|mn| mn.end == p))
                    || self.word(m.end) == "by"
            });
        if passive {
            let Some(agent) = self.prep_actor(s, m, "by", None) else {
                return Err("passive without an agent".into());
            };
            let patient = self
                .surface_subject(s, m)
                .filter(|p| p.entity != agent.entity);
            (src, tgt) = (Some(agent), patient);
        }
        // "… after Lima began an offensive": a name written right before the verb, at the
        // start of its clause, is its subject whatever the parse attached it to.
        if !m.noun
            && !passive
            && let Some(p) = prev
            && let Some(mn) = self.mention_covering(p)
            && mn.end == m.start
            && src.is_some_and(|a| a.entity != mn.entity)
            && (mn.start == sentence.start
                || matches!(
                    self.word(mn.start - 1),
                    "after"
                        | "before"
                        | "when"
                        | "while"
                        | "as"
                        | "because"
                        | "since"
                        | "until"
                        | "once"
                        | "and"
                        | "but"
                        | ","
                ))
        {
            src = Some(Self::actor(mn));
        }
        // "Baku denied … and blamed Yerevan": a verb joined by "and" to an earlier one,
        // with no subject of its own, shares that verb's subject.
        if src.is_none() && !m.noun && self.parsed(s) {
            let tokens = self.doc.tokens();
            let head = (tokens[m.start].deprel == "conj")
                .then_some(tokens[m.start].head)
                .flatten();
            let subject = head.and_then(|h| {
                self.doc
                    .children(h)
                    .find(|&c| tokens[c].deprel == "nsubj" && c < h)
            });
            src = subject.and_then(|c| {
                self.mention_covering(c)
                    .map(Self::actor)
                    .or_else(|| self.resolve_pronoun(s, c))
            });
        }
        // "X spoke in Y, calling for …": a participle after a comma has no subject of its
        // own; it is the subject of the clause it hangs from, not the nearest name.
        if src.is_none()
            && !m.noun
            && self.word(m.start).ends_with("ing")
            && prev.is_some_and(|p| self.word(p) == ",")
        {
            src = self.subjects.get(s).copied().flatten();
        }
        for role in &entry.source {
            if src.is_some() {
                break;
            }
            if *role == Role::Between
                && let Some((a, b)) = self.between(s, m)
            {
                (src, tgt) = (Some(a), tgt.or(Some(b)));
                continue;
            }
            src = self.find_role(s, m, role, None, complement.as_ref().map(|r| r.start));
        }
        for role in &entry.target {
            if tgt.is_some() {
                break;
            }
            tgt = if *role == Role::Between {
                self.between(s, m).map(|(_, b)| b)
            } else {
                self.find_role(
                    s,
                    m,
                    role,
                    src.map(|a| a.entity),
                    complement.as_ref().map(|r| r.start),
                )
            };
        }
        // "X and Y met": the conjoined subject gives both parties.
        if entry.symmetric
            && tgt.is_none()
            && let Some(a) = src
            && let Some((start, _)) = a.tokens
            && start > sentence.start
            && self.word(start - 1) == "and"
            && let Some(first) = self.mentions.iter().find(|mn| mn.end == start - 1)
        {
            (src, tgt) = (Some(Self::actor(*first)), Some(a));
        }
        // "X and Y agreed": the second conjunct of the subject is the other party.
        if entry.symmetric
            && tgt.is_none()
            && let Some(a) = src
            && let Some((_, end)) = a.tokens
            && self.word(end) == "and"
            // "X and Turkish President Y met": title words may stand before the name.
            && let Some(second) = self.mentions.iter().find(|mn| {
                mn.start > end
                    && mn.start <= end + 4
                    && mn.entity != a.entity
                    && (end + 1..mn.start)
                        .all(|k| self.doc.token_text(k).starts_with(char::is_uppercase))
            })
        {
            tgt = Some(Self::actor(*second));
        }
        let Some(mut src) = src else {
            return Err("no source actor found".into());
        };
        // "France condemned the arrest": the act named in the object is an event coded
        // before; its doer is the target.
        if tgt.is_none() {
            tgt = self.linked_target(s, m, entry, src.entity);
        }
        if tgt.is_some_and(|t| t.entity == src.entity) {
            tgt = None;
        }
        if let Some(t) = tgt
            && !entry.target_kinds.is_empty()
            && !self
                .kind(t.entity)
                .is_some_and(|k| entry.target_kinds.iter().any(|w| w == k.as_str()))
        {
            tgt = None;
        }
        if entry.target_required && tgt.is_none() {
            return Err("no target actor found".into());
        }
        // With no target, the source alone carries the event: for entries that ask it, the
        // parse must name the verb's active subject and that subject must be an actor
        // ("X condemned the attack"). The nearest actor of a sentence whose verb is a noun
        // ("the accused"), a participle, a passive ("was condemned") or has another subject
        // ("…, Macron said, after the junta demanded …") did not do it.
        if tgt.is_none() && entry.untargeted_needs_subject {
            let tokens = self.doc.tokens();
            let subject = (!m.noun && self.parsed(s))
                .then(|| {
                    self.doc
                        .children(m.start)
                        .find(|&c| tokens[c].deprel == "nsubj")
                })
                .flatten();
            let actor = subject.and_then(|c| {
                self.mention_covering(c)
                    .map(Self::actor)
                    .or_else(|| self.resolve_pronoun(s, c))
            });
            let Some(actor) = actor else {
                return Err("no target, and the verb's subject is not an actor".into());
            };
            src = actor;
        }
        // "attacked the decision", "struck a deal": a statement, decision or deal as the
        // object makes the verb criticism or agreement, not force.
        // "retreated from a goal", "withdrew from the talks": leaving a plan, a deal or a
        // race is no military withdrawal.
        if entry.kind == PloverType::Retreat && !m.noun {
            let from = (m.end..sentence.end.min(m.end + 3)).find(|&k| self.word(k) == "from");
            let abstract_object = from.is_some_and(|f| {
                (f + 1..sentence.end.min(f + 5))
                    .map(|k| self.word(k))
                    .take_while(|w| !matches!(*w, "of" | "in" | "," | "." | ";" | "and"))
                    .any(|w| VERBAL_OBJECTS.contains(&w) || ABANDONED_OBJECTS.contains(&w))
            });
            if abstract_object {
                return Err("it leaves a plan, a deal or a race, not a place".into());
            }
        }
        // "declined Y's offer" rejects it; "declined to discuss the offer" and "declining
        // demand" do not (the first is a negated act of its own, the second no act).
        if entry.kind == PloverType::Reject
            && !m.noun
            && !entry.object_has.is_empty()
            && (self.word(m.end) == "to" || self.word(m.end - 1).ends_with("ing"))
        {
            return Err("an infinitive or a participle follows, not the thing turned down".into());
        }
        // "to meet changing demand", "met its targets": meeting a requirement is no meeting.
        if entry.kind == PloverType::Consult
            && !m.noun
            && matches!(self.word(m.end - 1), "meet" | "meets" | "met" | "meeting")
        {
            let requirement = (m.end..sentence.end.min(m.end + 5))
                .map(|k| self.word(k))
                .take_while(|w| !PREPOSITIONS.contains(w) && !matches!(*w, "," | "." | ";"))
                .any(|w| MET_REQUIREMENTS.contains(&w));
            if requirement {
                return Err("it meets a requirement, not a party".into());
            }
        }
        if entry.between_people.is_some() && !m.noun {
            // The noun phrase right after the verb: "the decision", "the Norland decision".
            let verbal = (m.end..sentence.end.min(m.end + 4))
                .map(|k| self.word(k))
                .take_while(|w| {
                    !PREPOSITIONS.contains(w)
                        && !matches!(*w, "and" | "or" | "," | "." | ";" | "that" | "which")
                })
                .any(|w| VERBAL_OBJECTS.contains(&w));
            if verbal {
                return Err("its object is a statement or decision, not a target of force".into());
            }
        }
        let people =
            |a: Option<Actor>| a.is_some_and(|a| self.kind(a.entity) == Some(EntityKind::Per));
        let (kind, people_mode) = match &entry.between_people {
            Some((k, mode, cameo)) if people(Some(src)) && people(tgt) => {
                (*k, Some((mode.clone(), cameo.clone())))
            }
            _ => (entry.kind, None),
        };

        let (mode, cameo) = match people_mode {
            Some(mc) => mc,
            None => self.mode(entry, object.clone()),
        };

        // Polarity and certainty come from the words between the actor and the trigger.
        let window_lo = match src.tokens {
            Some((_, end)) if end <= m.start => end,
            _ => self
                .clause_start(s, m.start)
                .max(m.start.saturating_sub(12)),
        };
        let window = window_lo..m.start;
        let cues = &self.lex.cues;
        let negated = self.has_phrase(window.clone(), &cues.negation)
            || self.has_phrase(window.clone(), &cues.negative)
            || self.parse_negated(m);
        let polarity = if negated {
            Polarity::Negative
        } else {
            Polarity::Positive
        };

        let mut lo = m.start;
        let mut hi = m.end;
        for (a, b) in [src.tokens, tgt.and_then(|t| t.tokens)]
            .into_iter()
            .flatten()
        {
            lo = lo.min(a);
            hi = hi.max(b);
        }
        if let Some(g) = group_start {
            lo = lo.min(g);
        }
        if tgt.and_then(|t| t.tokens).is_none() && kind != PloverType::Reject {
            hi = hi.max(object.end.min(m.end + 6));
        }
        let tokens = self.doc.tokens();
        let evidence = Span::from_range(tokens[lo].span.start()..tokens[hi - 1].span.end());

        let all = sentence.clone();
        let closes_sentence = |k: usize| {
            (k + 1..sentence.end)
                .all(|j| matches!(self.word(j), "." | "\"" | "”" | "'" | "!" | "?"))
        };
        let reporting_outside = all.clone().any(|k| {
            (k < lo || k >= hi)
                && cues.reporting_verbs.iter().any(|r| *r == self.lower[k])
                && self.mention_covering(k).is_none()
                // "… after the leak of a recording in which someone says …": a reporting
                // verb in a relative clause after the event reports something else; one
                // closing the sentence ("…, which …, the Times said.") still reports it all.
                && !(k >= hi
                    && !closes_sentence(k)
                    && (hi..k).any(|j| matches!(self.word(j), "which" | "who" | "whom" | "whose")))
        });
        let certainty = if self.has_phrase(window.clone(), &cues.possible) {
            Certainty::Possible
        } else if self.attributed(all.clone()) || reporting_outside {
            Certainty::Reported
        } else {
            Certainty::Certain
        };

        let (date, date_basis) = self.date(s, m);
        let doc_year = self.document_date.and_then(year);
        let old_date = date_basis.as_deref() == Some("sentence")
            && matches!((date.as_deref().and_then(year), doc_year), (Some(y), Some(d)) if y < d);
        let past_perfect = m.start > window_lo && self.word(m.start - 1) == "had"
            || (m.start > window_lo + 1 && self.word(m.start - 2) == "had");
        let background = self.has_phrase(all.clone(), &cues.background) || past_perfect || old_date;

        let place = self.place(s, m, tgt, mode.as_deref());
        Ok(Event {
            kind,
            mode,
            cameo: Some(cameo),
            source: Some(src.entity),
            target: tgt.map(|t| t.entity),
            date,
            date_basis,
            place,
            polarity,
            certainty,
            background,
            sentence: s,
            evidence,
            rule: entry.id.clone(),
        })
    }

    /// The entry's mode and CAMEO code, refined by the first mode word in the object.
    fn mode(&self, entry: &Entry, object: Range<usize>) -> (Option<String>, String) {
        if entry.modes.is_empty() {
            return (entry.mode.clone(), entry.cameo.clone());
        }
        let mut best: Option<(usize, &str)> = None;
        for (name, phrases) in &self.lex.mode_words {
            if !entry.modes.contains_key(name) {
                continue;
            }
            let first = object.clone().find(|&k| {
                phrases
                    .iter()
                    .any(|p| k + p.len() <= object.end && self.phrase_at(k, p))
            });
            if let Some(k) = first
                && best.is_none_or(|(b, _)| k < b)
            {
                best = Some((k, name.as_str()));
            }
        }
        match best {
            Some((_, name)) => (
                Some(name.to_string()),
                entry
                    .modes
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| entry.cameo.clone()),
            ),
            None => (entry.mode.clone(), entry.cameo.clone()),
        }
    }

    /// The doer of an earlier event that the object of a reaction names: "condemned the
    /// strikes" after "X carried out strikes on Y" targets X. Only reactions (criticism,
    /// praise, rejection, demands) look back, and only a definite noun ("the"/"this") right
    /// after the trigger refers back.
    fn linked_target(&self, s: usize, m: &Match, entry: &Entry, src: usize) -> Option<Actor> {
        if m.noun
            || !matches!(
                entry.kind,
                PloverType::Accuse | PloverType::Support | PloverType::Reject | PloverType::Request
            )
        {
            return None;
        }
        let det = m.end;
        if !matches!(self.word(det), "the" | "this" | "these" | "that") {
            return None;
        }
        let end = self.clause_end(s, det).min(det + 4);
        let kind = (det + 1..end)
            .find_map(|k| REFERRING_NOUNS.iter().find(|(w, _)| *w == self.word(k)))?
            .1;
        let ev = self.events.iter().rev().find(|e| {
            e.sentence + CONTEXT_SENTENCES >= s
                && e.kind == kind
                && e.polarity == Polarity::Positive
                && e.source.is_some_and(|x| x != src)
        })?;
        let a = ev.source?;
        Some(Actor {
            entity: a,
            raw: a,
            tokens: None,
        })
    }

    /// A negation the parse attaches to the trigger or to the verb governing it.
    fn parse_negated(&self, m: &Match) -> bool {
        let tokens = self.doc.tokens();
        let mut t = Some(m.start);
        for _ in 0..3 {
            let Some(v) = t else { break };
            let neg = self.doc.children(v).any(|c| {
                matches!(tokens[c].deprel.as_str(), "advmod" | "neg")
                    && self
                        .lex
                        .cues
                        .negation
                        .iter()
                        .any(|p| p.len() == 1 && p[0] == self.lower[c])
            });
            if neg {
                return true;
            }
            t = (tokens[v].deprel == "xcomp")
                .then_some(tokens[v].head)
                .flatten();
        }
        false
    }

    /// The date: the most specific date in the sentence, else the latest in the two
    /// sentences before (for past acts), else the document date.
    fn date(&self, s: usize, m: &Match) -> (Option<String>, Option<String>) {
        // "met … to sign an agreement to build the pipeline by 2025": a deadline dates the
        // work to be done, not a past act.
        let deadline = |t: &Timex| {
            let first = self.doc.tokens_in(Span::from_range(t.start..t.end)).start;
            !m.present
                && first > 0
                && matches!(self.word(first - 1), "by" | "until" | "till" | "before")
                && t.value.len() <= 7
        };
        let dated = |s2: usize| {
            let span = self.doc.sentences().get(s2)?.span;
            let kept: Vec<Timex> = self
                .times
                .iter()
                .filter(|t| span.range().contains(&t.start) && !deadline(t))
                .cloned()
                .collect();
            sentence_date(&kept, span.range())
                .map(|t| t.value.clone())
                .filter(|v| year(v).is_some())
        };
        if let Some(v) = dated(s) {
            return (Some(v), Some("sentence".into()));
        }
        if !m.present {
            let doc_year = self.document_date.and_then(year);
            for s2 in (s.saturating_sub(2)..s).rev() {
                // "… has not visited since 2018." does not date the next sentence's act.
                let current = |v: &String| match (year(v), doc_year) {
                    (Some(y), Some(d)) => y >= d,
                    _ => true,
                };
                if let Some(v) = dated(s2).filter(current) {
                    return (Some(v), Some("context".into()));
                }
            }
        }
        match self.document_date {
            Some(d) => (Some(d.to_string()), Some("document".into())),
            None => (None, None),
        }
    }

    /// A place: a location after "in"/"at" in the clause, else the place visited.
    fn place(&self, s: usize, m: &Match, tgt: Option<Actor>, mode: Option<&str>) -> Option<usize> {
        let hi = self.clause_end(s, m.end).min(m.end + 10);
        for k in m.end..hi {
            if !matches!(self.word(k), "in" | "at") {
                continue;
            }
            let found = self.mentions.iter().find(|mn| {
                mn.start > k
                    && mn.start <= k + 3
                    && self.kind(mn.raw) == Some(EntityKind::Loc)
                    && tgt.is_none_or(|t| t.raw != mn.raw)
            });
            if let Some(mn) = found {
                return Some(mn.raw);
            }
        }
        let t = tgt?;
        (mode == Some("visit") && self.kind(t.raw) == Some(EntityKind::Loc)).then_some(t.raw)
    }

    /// The other conjunct of an event's source written as "X and Y" right before the
    /// trigger `m` ("Brazil and Colombia called for …", whichever of the two the source
    /// is): its entity and first token. Not when a preposition introduces the pair ("talks
    /// with X and Y"), nor when the other conjunct is the event's target.
    fn coordinated_source(&self, s: usize, m: &Match, ev: &Event) -> Option<(usize, usize)> {
        let source = ev.source?;
        let sentence = self.sentence_range(s);
        let before_trigger: Vec<&Mention> = self
            .mentions
            .iter()
            .filter(|mn| mn.start >= sentence.start && mn.end <= m.start)
            .collect();
        // The pair: the last mention before the trigger, with nothing but adverbs and
        // auxiliaries after it, and the mention right before its "and".
        let second = before_trigger.last()?;
        if !(second.end..m.start).all(|k| SUBJECT_GAP.contains(&self.word(k)))
            || second.start < sentence.start + 2
            || self.word(second.start - 1) != "and"
        {
            return None;
        }
        let first = before_trigger
            .iter()
            .find(|mn| mn.end + 1 == second.start)?;
        let introduced =
            first.start > sentence.start && PREPOSITIONS.contains(&self.word(first.start - 1));
        let other = if first.entity == source {
            second
        } else if second.entity == source {
            first
        } else {
            return None;
        };
        (first.entity != second.entity && Some(other.entity) != ev.target && !introduced)
            .then_some((other.entity, first.start))
    }

    /// Why a sentence with two actors and an event-like word gave no event.
    fn uncoded_reason(&self, s: usize, failures: &[String]) -> Option<String> {
        let range = self.sentence_range(s);
        let mut actors: Vec<usize> = self
            .mentions
            .iter()
            .filter(|m| m.start >= range.start && m.end <= range.end)
            .map(|m| m.entity)
            .collect();
        actors.sort_unstable();
        actors.dedup();
        if actors.len() < 2 {
            return None;
        }
        if !failures.is_empty() {
            return Some(failures.join("; "));
        }
        let inside_mention = |k: usize| self.mention_covering(k).is_some();
        let verb = if self.tagged(s) {
            range
                .clone()
                .find(|&k| self.doc.tokens()[k].upos == Upos::Verb && !inside_mention(k))
        } else {
            range.clone().find(|&k| {
                let w = self.word(k);
                w.len() > 4
                    && w.ends_with("ed")
                    && w.chars().all(char::is_alphabetic)
                    && !inside_mention(k)
            })
        }?;
        Some(format!(
            "verb '{}' is not in the event lexicon",
            self.doc.token_text(verb)
        ))
    }
}

/// The year of a TIMEX3 date value ("2024-11-27" → 2024), if it starts with one.
fn year(value: &str) -> Option<i32> {
    let y = value.get(..4)?;
    y.chars()
        .all(|c| c.is_ascii_digit())
        .then(|| y.parse().ok())
        .flatten()
}
