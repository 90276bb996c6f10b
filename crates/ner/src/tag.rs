//! BIO tags over the four CoNLL entity types.

/// The four CoNLL-2003 entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// Person.
    Per,
    /// Organization.
    Org,
    /// Location.
    Loc,
    /// Miscellaneous (nationalities, events, products, …).
    Misc,
}

impl EntityType {
    /// All types in class order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Misc,
    ];

    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses `PER`, `ORG`, `LOC`, `MISC`.
    pub fn parse(s: &str) -> Option<EntityType> {
        Some(match s {
            "PER" => EntityType::Per,
            "ORG" => EntityType::Org,
            "LOC" => EntityType::Loc,
            "MISC" => EntityType::Misc,
            _ => return None,
        })
    }

    fn index(self) -> u8 {
        match self {
            EntityType::Per => 0,
            EntityType::Org => 1,
            EntityType::Loc => 2,
            EntityType::Misc => 3,
        }
    }
}

/// One BIO (IOB2) tag: `O`, or `B-`/`I-` plus an [`EntityType`]. Stored as a class index
/// (0 = `O`, then `B-PER`, `I-PER`, `B-ORG`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(u8);

/// Number of BIO tags.
const N_TAGS: usize = 9;

/// Number of model classes: `O`, then Begin, Inside, Last and Unit for each type (BILOU).
/// The model predicts BILOU classes, which decode better than BIO ones greedily because the
/// model also states where a name ends; they are turned into BIO tags on output.
pub(crate) const N_CLASSES: usize = 17;

/// The BIO tag of a BILOU class.
pub(crate) fn class_tag(c: usize) -> Tag {
    if c == 0 || c >= N_CLASSES {
        return Tag::O;
    }
    let t = EntityType::ALL[(c - 1) / 4];
    match (c - 1) % 4 {
        0 | 3 => Tag::begin(t),
        _ => Tag::inside(t),
    }
}

/// Whether class `c` may follow class `prev`: inside an open name (after B or I) only I or
/// L of the same type; otherwise O, B or U.
pub(crate) fn class_allowed(prev: usize, c: usize) -> bool {
    let open = prev != 0 && matches!((prev - 1) % 4, 0 | 1);
    if open {
        c != 0 && (c - 1) / 4 == (prev - 1) / 4 && matches!((c - 1) % 4, 1 | 2)
    } else {
        c == 0 || matches!((c - 1) % 4, 0 | 3)
    }
}

/// BILOU classes of an IOB2 (or IOB1) tag sequence.
pub(crate) fn bilou(tags: &[Tag]) -> Vec<usize> {
    let tags = crate::conll::to_iob2(tags);
    (0..tags.len())
        .map(|i| {
            let Some(t) = tags[i].entity_type() else {
                return 0;
            };
            let base = 1 + 4 * t.index() as usize;
            let ends = tags.get(i + 1) != Some(&Tag::inside(t));
            match (tags[i].is_begin(), ends) {
                (true, true) => base + 3,
                (true, false) => base,
                (false, true) => base + 2,
                (false, false) => base + 1,
            }
        })
        .collect()
}

const NAMES: [&str; N_TAGS] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

impl Tag {
    /// Outside any entity.
    pub const O: Tag = Tag(0);

    /// The first word of an entity of type `t`.
    pub fn begin(t: EntityType) -> Tag {
        Tag(1 + 2 * t.index())
    }

    /// A following word of an entity of type `t`.
    pub fn inside(t: EntityType) -> Tag {
        Tag(2 + 2 * t.index())
    }

    fn index(self) -> usize {
        self.0 as usize
    }

    /// `O`, `B-PER`, `I-ORG`, …
    pub fn as_str(self) -> &'static str {
        NAMES[self.index()]
    }

    /// The entity type, `None` for `O`.
    pub fn entity_type(self) -> Option<EntityType> {
        (self.0 > 0).then(|| EntityType::ALL[((self.0 - 1) / 2) as usize])
    }

    /// True for `B-*`.
    pub fn is_begin(self) -> bool {
        self.0 > 0 && !self.0.is_multiple_of(2)
    }

    /// True for `I-*`.
    pub fn is_inside(self) -> bool {
        self.0 > 0 && self.0.is_multiple_of(2)
    }

    /// Whether this tag may follow `prev` in well-formed IOB2 (`I-X` only after `B-X`/`I-X`).
    pub fn may_follow(self, prev: Tag) -> bool {
        !self.is_inside() || prev.entity_type() == self.entity_type()
    }

    /// Parses an IOB2 tag (`O`, `B-PER`, `I-LOC`, …).
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (prefix, ty) = s.split_once('-')?;
        let ty = EntityType::parse(ty)?;
        match prefix {
            "B" => Some(Tag::begin(ty)),
            "I" => Some(Tag::inside(ty)),
            _ => None,
        }
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for c in 0..N_TAGS {
            let t = Tag(c as u8);
            assert_eq!(Tag::parse(t.as_str()), Some(t));
        }
        assert_eq!(
            Tag::parse("B-LOC").unwrap().entity_type(),
            Some(EntityType::Loc)
        );
        assert!(Tag::parse("I-ORG").unwrap().is_inside());
        assert!(
            !Tag::parse("I-ORG")
                .unwrap()
                .may_follow(Tag::parse("B-PER").unwrap())
        );
        assert!(
            Tag::parse("I-ORG")
                .unwrap()
                .may_follow(Tag::parse("B-ORG").unwrap())
        );
        assert_eq!(Tag::parse("E-ORG"), None);
    }

    #[test]
    fn bilou_classes() {
        let tags: Vec<Tag> = ["B-PER", "I-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]
            .iter()
            .map(|t| Tag::parse(t).unwrap())
            .collect();
        let c = bilou(&tags);
        assert_eq!(c, [1, 2, 3, 0, 12, 9, 11]);
        let back: Vec<Tag> = c.iter().map(|&c| class_tag(c)).collect();
        assert_eq!(back, tags);
        for w in c.windows(2) {
            assert!(class_allowed(w[0], w[1]));
        }
        assert!(!class_allowed(1, 0));
        assert!(!class_allowed(0, 2));
    }
}
