//! Entity resolution on the seed article and on short passages written for these tests.

use sitrep_annotate::entities::{Entity, EntityKind, EntityResolver};
use sitrep_document::Document;

fn resolve(text: &str) -> (Document, Vec<Entity>) {
    let resolver = EntityResolver::embedded().expect("embedded model");
    let doc = Document::new(text.to_string());
    let entities = resolver.resolve(&doc);
    (doc, entities)
}

fn dump(doc: &Document, entities: &[Entity]) -> String {
    let mut out = String::new();
    for (i, e) in entities.iter().enumerate() {
        let mentions: Vec<String> = e
            .mentions
            .iter()
            .map(|m| {
                let t = m.span.slice(doc.text());
                match m.acts_for {
                    Some(a) => format!("{t}->{a}"),
                    None => t.to_string(),
                }
            })
            .collect();
        out.push_str(&format!(
            "{i} {} {:?} {:?} titles={:?} country={:?} mentions={:?}\n",
            e.kind.as_str(),
            e.name,
            e.subtype,
            e.titles,
            e.country,
            mentions
        ));
    }
    out
}

/// The entity with this name, or else the one with a mention of this text (as the
/// article scorer matches).
fn find<'a>(doc: &Document, entities: &'a [Entity], name: &str) -> &'a Entity {
    entities
        .iter()
        .find(|e| e.name.eq_ignore_ascii_case(name))
        .or_else(|| {
            entities
                .iter()
                .find(|e| e.mentions.iter().any(|m| m.span.slice(doc.text()) == name))
        })
        .unwrap_or_else(|| panic!("no entity {name:?}\n{}", dump(doc, entities)))
}

#[test]
fn seed_article() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/seed-korea-ukraine.txt"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let (doc, entities) = resolve(&text);
    let d = dump(&doc, &entities);
    println!("{d}");
    let person = |name: &str, title: &str, country: Option<&str>| {
        let e = find(&doc, &entities, name);
        assert_eq!(e.kind, EntityKind::Per, "{name}\n{d}");
        assert!(
            e.titles.iter().any(|t| t.to_lowercase().contains(title)),
            "{name}: titles {:?}\n{d}",
            e.titles
        );
        assert_eq!(e.country.as_deref(), country, "{name}\n{d}");
        e
    };
    assert_eq!(
        person("Rustem Umerov", "defense minister", Some("Ukraine"))
            .mentions
            .len(),
        3
    );
    person("Kim Yong-hyun", "defense minister", Some("South Korea"));
    assert_eq!(
        person("Volodymyr Zelensky", "president", Some("Ukraine"))
            .mentions
            .len(),
        2
    );
    person("Yoon Suk Yeol", "president", Some("South Korea"));
    person("Shin Won-sik", "head of national security", None);
    person("Andreï Beloussov", "defense minister", Some("Russia"));
    person("Vladimir Putin", "president", Some("Russia"));
    person("Kim Jong-un", "leader", Some("North Korea"));
    person("Chang Ho-jin", "national security advisor", None);
    for place in ["North Korea", "South Korea", "Russia", "Ukraine"] {
        let e = find(&doc, &entities, place);
        assert_eq!(
            (e.kind, e.subtype.as_deref()),
            (EntityKind::Loc, Some("country"))
        );
        assert_eq!(e.country.as_deref(), Some(place));
    }
    for (city, country) in [
        ("Seoul", "South Korea"),
        ("Kyiv", "Ukraine"),
        ("Pyongyang", "North Korea"),
        ("Moscow", "Russia"),
    ] {
        let e = find(&doc, &entities, city);
        assert_eq!(
            (e.kind, e.country.as_deref()),
            (EntityKind::Loc, Some(country)),
            "{city}"
        );
    }
    assert_eq!(
        find(&doc, &entities, "Incheon International Airport").kind,
        EntityKind::Loc
    );
    let lot = find(&doc, &entities, "LOT");
    assert_eq!(
        (lot.kind, lot.country.as_deref()),
        (EntityKind::Org, Some("Poland"))
    );
    // "Seoul will work…", "asked Seoul to", "led Seoul to": Seoul acts for South Korea;
    // "the visit to Seoul" does not.
    let seoul = find(&doc, &entities, "Seoul");
    let south_korea = entities
        .iter()
        .position(|e| e.name == "South Korea")
        .unwrap();
    let acting: Vec<Option<usize>> = seoul.mentions.iter().map(|m| m.acts_for).collect();
    assert_eq!(
        acting.iter().filter(|a| **a == Some(south_korea)).count(),
        3,
        "{acting:?}"
    );
    assert_eq!(acting[1], None);
    // Two different full names that share "Kim" stay apart.
    assert_ne!(
        find(&doc, &entities, "Kim Jong-un"),
        find(&doc, &entities, "Kim Yong-hyun")
    );
    // "Taejong surface-to-air missiles" names a weapon; "the new Trump administration"
    // speaks of a person, not of an organization named after him.
    let taejong = find(&doc, &entities, "Taejong");
    assert_eq!(
        (taejong.kind, taejong.subtype.as_deref()),
        (EntityKind::Misc, Some("weapon"))
    );
    assert_eq!(find(&doc, &entities, "Trump").kind, EntityKind::Per);
    assert!(!entities.iter().any(|e| e.name == "Western"));
    let forbidden = [
        "Read",
        "Read also",
        "Article",
        "Read later",
        "Source link",
        "Source",
        "Coincidence",
        "Officially",
        "Accompanied",
        "Distrustful",
        "Many",
        "Thursday",
        "Friday",
        "November",
        "June",
        "Mr",
        "Mr.",
    ];
    for e in &entities {
        assert!(
            !forbidden.iter().any(|f| f.eq_ignore_ascii_case(&e.name)),
            "spurious {}",
            e.name
        );
        for m in &e.mentions {
            let t = m.span.slice(doc.text());
            assert!(!forbidden.contains(&t), "spurious mention {t}");
        }
    }
}

/// Checks one passage: each expectation is `(name, kind, country, title word)`.
fn check(
    text: &str,
    expected: &[(&str, EntityKind, Option<&str>, Option<&str>)],
) -> (Document, Vec<Entity>) {
    let (doc, entities) = resolve(text);
    let d = dump(&doc, &entities);
    for &(name, kind, country, title) in expected {
        let e = find(&doc, &entities, name);
        assert_eq!(e.kind, kind, "{name}\n{d}");
        assert_eq!(e.country.as_deref(), country, "{name}\n{d}");
        if let Some(t) = title {
            assert!(
                e.titles.iter().any(|x| x.to_lowercase().contains(t)),
                "{name} title\n{d}"
            );
        }
    }
    (doc, entities)
}

fn acts_for(doc: &Document, entities: &[Entity], name: &str) -> Option<String> {
    let e = find(doc, entities, name);
    e.mentions
        .iter()
        .find_map(|m| m.acts_for)
        .map(|i| entities[i].name.clone())
}

#[test]
fn resolver_is_shareable_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<EntityResolver>();
    shareable::<sitrep_ner::Tagger>();
    shareable::<sitrep_ner::Gazetteer>();
}

#[test]
fn capitals_act_for_their_state() {
    let (doc, entities) = check(
        "Washington said on Monday it would impose new sanctions on Iran. Beijing rejected \
         the accusation, and Chinese Foreign Minister Wang Yi said China would respond.",
        &[
            ("Washington", EntityKind::Loc, Some("United States"), None),
            (
                "Wang Yi",
                EntityKind::Per,
                Some("China"),
                Some("foreign minister"),
            ),
            ("Iran", EntityKind::Loc, Some("Iran"), None),
        ],
    );
    assert_eq!(
        acts_for(&doc, &entities, "Washington").as_deref(),
        Some("United States")
    );
    assert_eq!(
        acts_for(&doc, &entities, "Beijing").as_deref(),
        Some("China")
    );
    assert!(!entities.iter().any(|e| e.name == "Monday"));
}

#[test]
fn a_wire_dateline_does_not_act_for_its_state() {
    let resolver = EntityResolver::embedded().expect("embedded model");
    let syntax = sitrep_syntax::Syntax::embedded().expect("embedded syntax model");
    for text in [
        "WASHINGTON, March 3 - Prices of used cars rose 2.1 pct in May to an annual rate of \
         4.2 mln units, the National Automobile Dealers Association said. Washington said it \
         would review the program.",
        "WASHINGTON (Reuters) - Orders for machine tools fell 3.5 pct in April to a seasonally \
         adjusted level of 2.1 billion, the trade ministry said. Washington said it would \
         review the program.",
    ] {
        let mut doc = Document::new(text.to_string());
        doc.parse_syntax(&syntax);
        let entities = resolver.resolve(&doc);
        let d = dump(&doc, &entities);
        let washington = find(&doc, &entities, "Washington");
        let acting: Vec<Option<String>> = washington
            .mentions
            .iter()
            .map(|m| m.acts_for.map(|i| entities[i].name.clone()))
            .collect();
        // The dateline is where the story was filed; the second mention is the government.
        assert_eq!(
            acting,
            [None, Some("United States".to_string())],
            "{text}\n{d}"
        );
    }
}

#[test]
fn the_kremlin_is_russia() {
    let (doc, entities) = check(
        "The Kremlin said on Friday that it had received the proposal. Kremlin spokesman \
         Dmitry Peskov told reporters that talks would continue.",
        &[("Kremlin", EntityKind::Org, Some("Russia"), None)],
    );
    assert_eq!(
        acts_for(&doc, &entities, "Kremlin").as_deref(),
        Some("Russia")
    );
    let peskov = find(&doc, &entities, "Dmitry Peskov");
    assert!(
        peskov.titles.iter().any(|t| t.contains("spokesman")),
        "{:?}",
        peskov.titles
    );
}

#[test]
fn surnames_merge_with_full_names() {
    let (doc, entities) = check(
        "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on \
         Tuesday. Scholz said the two leaders agreed on aid. Mr. Macron did not comment.",
        &[
            (
                "Olaf Scholz",
                EntityKind::Per,
                Some("Germany"),
                Some("chancellor"),
            ),
            (
                "Emmanuel Macron",
                EntityKind::Per,
                Some("France"),
                Some("president"),
            ),
            ("Paris", EntityKind::Loc, Some("France"), None),
        ],
    );
    assert_eq!(find(&doc, &entities, "Olaf Scholz").mentions.len(), 2);
    assert_eq!(find(&doc, &entities, "Emmanuel Macron").mentions.len(), 2);
    assert!(
        !entities
            .iter()
            .any(|e| e.name == "Tuesday" || e.name == "Mr.")
    );
}

#[test]
fn shared_family_names_stay_apart() {
    let (doc, entities) = check(
        "North Korean leader Kim Jong-un inspected a factory with his sister Kim Yo-jong. \
         Kim Yo-jong later issued a statement.",
        &[(
            "Kim Jong-un",
            EntityKind::Per,
            Some("North Korea"),
            Some("leader"),
        )],
    );
    let a = find(&doc, &entities, "Kim Jong-un");
    let b = find(&doc, &entities, "Kim Yo-jong");
    assert_ne!(a, b);
    assert_eq!(b.mentions.len(), 2, "{}", dump(&doc, &entities));
}

#[test]
fn apposition_titles() {
    check(
        "Antony Blinken, the U.S. Secretary of State, arrived in Kyiv on Wednesday.",
        &[
            (
                "Antony Blinken",
                EntityKind::Per,
                Some("United States"),
                Some("secretary of state"),
            ),
            ("Kyiv", EntityKind::Loc, Some("Ukraine"), None),
        ],
    );
}

#[test]
fn organizations_and_their_countries() {
    check(
        "The International Atomic Energy Agency said inspectors had left. NATO Secretary \
         General Mark Rutte called the move dangerous.",
        &[
            (
                "International Atomic Energy Agency",
                EntityKind::Org,
                None,
                None,
            ),
            (
                "Mark Rutte",
                EntityKind::Per,
                None,
                Some("secretary general"),
            ),
        ],
    );
    check(
        "Passengers flew with the German airline Lufthansa from Frankfurt.",
        &[
            ("Lufthansa", EntityKind::Org, Some("Germany"), None),
            ("Frankfurt", EntityKind::Loc, Some("Germany"), None),
        ],
    );
}

#[test]
fn lowercase_places_and_sentence_initial_words() {
    let (_, entities) = check(
        "Officially, the talks failed. Many blamed moscow for the delay in June.",
        &[("Moscow", EntityKind::Loc, Some("Russia"), None)],
    );
    for bad in ["Officially", "Many", "June"] {
        assert!(!entities.iter().any(|e| e.name == bad), "{bad}");
    }
}

#[test]
fn other_countries_and_cities() {
    check(
        "Indian Prime Minister Narendra Modi visited Nairobi, where Kenyan officials \
         welcomed him. Brazil and Argentina sent envoys to Buenos Aires.",
        &[
            (
                "Narendra Modi",
                EntityKind::Per,
                Some("India"),
                Some("prime minister"),
            ),
            ("Nairobi", EntityKind::Loc, Some("Kenya"), None),
            ("Brazil", EntityKind::Loc, Some("Brazil"), None),
            ("Buenos Aires", EntityKind::Loc, Some("Argentina"), None),
        ],
    );
}

#[test]
fn offsets_slice_to_mention_text() {
    let text = "Le président Emmanuel Macron — à Paris — a parlé. Beijing rejected it.";
    let (doc, entities) = resolve(text);
    for e in &entities {
        for m in &e.mentions {
            let t = m.span.slice(doc.text());
            assert!(
                !t.is_empty() && !t.starts_with(' ') && !t.ends_with(' '),
                "{t:?}"
            );
            assert_eq!(doc.tokens_in(m.span), m.tokens);
        }
    }
}

/// Tests below: resolution round 2 (passages written for them, not taken from any data).
fn has_name(entities: &[Entity], name: &str) -> bool {
    entities.iter().any(|e| e.name == name)
}

#[test]
fn weapon_names_and_administrations() {
    let (doc, entities) = check(
        "Pyongyang supplied Chunma surface-to-air missiles and Hwasong ballistic missiles to \
         Moscow. The new Obama administration criticized the transfer. Many in the West \
         agreed, but Western states remain divided.",
        &[
            ("Chunma", EntityKind::Misc, None, None),
            ("Obama", EntityKind::Per, None, None),
        ],
    );
    assert_eq!(
        find(&doc, &entities, "Chunma").subtype.as_deref(),
        Some("weapon")
    );
    assert!(!has_name(&entities, "Western"), "{}", dump(&doc, &entities));
    // A weapon's name is no person (organizations keep their type: "Boeing jets").
    assert_ne!(find(&doc, &entities, "Hwasong").kind, EntityKind::Per);
}

#[test]
fn government_seats_act_for_their_states() {
    let (doc, entities) = check(
        "The White House said President Joe Biden would sign the bill. Downing Street said \
         British Prime Minister Rishi Sunak had spoken to him. The Kremlin rejected the \
         sanctions, and Kremlin spokesman Dmitry Peskov called them illegal.",
        &[
            ("White House", EntityKind::Org, Some("United States"), None),
            (
                "Joe Biden",
                EntityKind::Per,
                Some("United States"),
                Some("president"),
            ),
            (
                "Rishi Sunak",
                EntityKind::Per,
                Some("United Kingdom"),
                Some("prime minister"),
            ),
            (
                "Dmitry Peskov",
                EntityKind::Per,
                Some("Russia"),
                Some("spokesman"),
            ),
        ],
    );
    assert_eq!(
        acts_for(&doc, &entities, "White House").as_deref(),
        Some("United States")
    );
    assert_eq!(
        acts_for(&doc, &entities, "Downing Street").as_deref(),
        Some("United Kingdom")
    );
    assert_eq!(
        acts_for(&doc, &entities, "Kremlin").as_deref(),
        Some("Russia")
    );
}

#[test]
fn arabic_names_with_particles() {
    let (doc, entities) = check(
        "Egyptian Foreign Minister Sameh Shoukry met his Jordanian counterpart Ayman Safadi \
         in Cairo. Saudi Crown Prince Mohammed bin Salman spoke with Abdel Fattah al-Sisi, \
         the Egyptian president, and with Sheikh Tamim bin Hamad Al Thani.",
        &[
            (
                "Sameh Shoukry",
                EntityKind::Per,
                Some("Egypt"),
                Some("foreign minister"),
            ),
            ("Ayman Safadi", EntityKind::Per, Some("Jordan"), None),
            (
                "Mohammed bin Salman",
                EntityKind::Per,
                Some("Saudi Arabia"),
                Some("crown prince"),
            ),
            (
                "Abdel Fattah al-Sisi",
                EntityKind::Per,
                Some("Egypt"),
                Some("president"),
            ),
            ("Tamim bin Hamad Al Thani", EntityKind::Per, None, None),
        ],
    );
    for part in ["Salman", "Mohammed", "Abdel Fattah", "Tamim"] {
        assert!(
            !has_name(&entities, part),
            "{part}\n{}",
            dump(&doc, &entities)
        );
    }
}

#[test]
fn short_forms_of_multi_word_names_merge() {
    let (doc, entities) = check(
        "Commission President Ursula von der Leyen said Budapest had failed to meet the \
         conditions. Dr. Katarina Barley welcomed the decision. Ms. von der Leyen will travel \
         to Strasbourg. Dr. Maria Jose Garcia-Lopez, an economist, disagreed. Garcia-Lopez \
         added that the euro had fallen.",
        &[
            (
                "Ursula von der Leyen",
                EntityKind::Per,
                None,
                Some("president"),
            ),
            ("Katarina Barley", EntityKind::Per, None, None),
            (
                "Maria Jose Garcia-Lopez",
                EntityKind::Per,
                None,
                Some("economist"),
            ),
        ],
    );
    assert_eq!(
        find(&doc, &entities, "Ursula von der Leyen").mentions.len(),
        2,
        "{}",
        dump(&doc, &entities)
    );
    assert_eq!(
        find(&doc, &entities, "Maria Jose Garcia-Lopez")
            .mentions
            .len(),
        2
    );
    assert!(!has_name(&entities, "Katarina"));
}

#[test]
fn a_name_seen_first_inside_a_longer_one_stays_apart() {
    let (doc, entities) = check(
        "The boy Alan Kurdi drowned in 2015. The rescue ship MV Alan Kurdi left port.",
        &[],
    );
    let people: Vec<&Entity> = entities
        .iter()
        .filter(|e| e.name.ends_with("Alan Kurdi"))
        .collect();
    assert!(people.len() != 1, "{}", dump(&doc, &entities));
}

#[test]
fn regions_codes_and_countries_tagged_as_things() {
    let (doc, entities) = check(
        "Dustin Johnson won the tournament in Florida. The US and the Philippines signed a \
         pact. Boris Johnson, the former British prime minister, criticized it.",
        &[
            ("Florida", EntityKind::Loc, Some("United States"), None),
            ("Philippines", EntityKind::Loc, Some("Philippines"), None),
            (
                "Boris Johnson",
                EntityKind::Per,
                Some("United Kingdom"),
                Some("prime minister"),
            ),
        ],
    );
    let us = find(&doc, &entities, "US");
    assert_eq!(
        (us.name.as_str(), us.subtype.as_deref()),
        ("United States", Some("country"))
    );
    assert_ne!(
        find(&doc, &entities, "Boris Johnson"),
        find(&doc, &entities, "Dustin Johnson")
    );
}

#[test]
fn clauses_after_a_comma_are_no_titles_and_titles_split_off() {
    let (doc, entities) = check(
        "The president's spokesman, Amos Chanda, said the president would be sworn in on \
         Friday. US Senator Bernie Sanders of Vermont won the caucus.",
        // "US" opening the title gives the country.
        &[(
            "Bernie Sanders",
            EntityKind::Per,
            Some("United States"),
            Some("senator"),
        )],
    );
    let chanda = find(&doc, &entities, "Amos Chanda");
    assert!(
        !chanda.titles.iter().any(|t| t.contains("said")),
        "{}",
        dump(&doc, &entities)
    );
}
