//! Cleaning on varied scraped inputs: one reviewed snapshot per fixture, plus explicit checks
//! of the facts each fixture exists for.

use sitrep_article::{Article, Cleaner};

fn clean(input: &str) -> Article {
    Cleaner::new().expect("embedded rules load").clean(input)
}

fn render(article: &Article) -> String {
    let mut out = format!("title: {:?}\n", article.title);
    match &article.truncation {
        Some(t) => {
            out += &format!(
                "truncation: {:?} by {} ({:?})\n",
                t.visible_fraction, t.rule, t.evidence
            )
        }
        None => out += "truncation: none\n",
    }
    for r in &article.removed {
        out += &format!("removed {} [{}]: {:?}\n", r.kind, r.rule, r.text);
    }
    out += "---\n";
    out += &article.text;
    out
}

#[test]
fn snapshots() {
    insta::glob!("fixtures/*.txt", |path| {
        let input = std::fs::read_to_string(path).expect("fixture is readable");
        insta::assert_snapshot!(render(&clean(&input)));
    });
}

fn fixture(name: &str) -> Article {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    clean(&std::fs::read_to_string(path).expect("fixture exists"))
}

fn kinds(a: &Article) -> Vec<&str> {
    a.removed.iter().map(|r| r.kind.as_str()).collect()
}

#[test]
fn seed_article() {
    let path = format!(
        "{}/../../examples/seed-korea-ukraine.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let a = clean(&std::fs::read_to_string(path).expect("seed copy exists"));
    assert_eq!(
        a.title.as_deref(),
        Some("South Korea reluctant to supply weapons to Ukraine")
    );
    assert_eq!(
        a.truncation.as_ref().and_then(|t| t.visible_fraction),
        Some(0.4732)
    );
    for gone in [
        "Read also",
        "Read later",
        "left to read",
        "reserved for subscribers",
        "Source link",
    ] {
        assert!(!a.text.contains(gone), "{gone:?} should be removed");
    }
    assert!(a.text.starts_with("Many in the West believed"));
    assert!(a.text.ends_with("said at the time."));
    // The glued subheading stands on its own line, out of the next sentence.
    assert!(a.text.contains(
        "on Friday November 29.\n\nAgreement between Putin and Kim Jong-un\n\nSince the outbreak"
    ));
    assert_eq!(a.subheadings.len(), 1);
}

#[test]
fn wire_story_loses_dateline_and_credits() {
    let a = fixture("01-wire-dateline.txt");
    assert_eq!(
        a.title.as_deref(),
        Some("Oil prices climb as supply worries grow")
    );
    assert!(a.text.starts_with("Oil prices rose on Tuesday"));
    assert_eq!(kinds(&a), ["title", "dateline", "source-footer"]);
}

#[test]
fn clean_article_is_left_alone() {
    let input = std::fs::read_to_string(format!(
        "{}/tests/fixtures/03-nothing-to-remove.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let a = clean(&input);
    assert!(a.removed.is_empty() && a.title.is_none() && a.truncation.is_none());
    assert_eq!(a.text, input.trim());
}

#[test]
fn paywalls_set_truncation() {
    assert_eq!(
        fixture("04-meter-paywall.txt")
            .truncation
            .and_then(|t| t.visible_fraction),
        Some(0.25)
    );
    let wall = fixture("05-subscribe-wall.txt")
        .truncation
        .expect("subscribe wall found");
    assert_eq!(
        (wall.visible_fraction, wall.rule.as_str()),
        (None, "paywall.continue")
    );
    assert!(fixture("18-reached-limit.txt").truncation.is_some());
    assert!(fixture("02-byline-share.txt").truncation.is_none());
}

#[test]
fn sentences_that_look_like_boilerplate_are_kept() {
    let a = fixture("14-by-sentence-kept.txt");
    assert!(a.removed.is_empty(), "removed {:?}", a.removed);
}

#[test]
fn trailing_headline_and_counter() {
    let a = fixture("10-trailing-title.txt");
    assert_eq!(
        a.title.as_deref(),
        Some("Talks resume in Geneva as both sides seek a ceasefire")
    );
    assert_eq!(a.truncation.and_then(|t| t.visible_fraction), Some(0.4));
    assert!(a.text.ends_with("a spokesman said."));
}

#[test]
fn repeated_headline_is_removed_once_kept_as_title() {
    let a = fixture("16-repeated-headline.txt");
    assert_eq!(
        a.title.as_deref(),
        Some("Scientists map the ocean floor in record detail")
    );
    assert!(a.text.starts_with("An international team"));
    assert_eq!(kinds(&a), ["title", "title"]);
}

#[test]
fn glued_subheading_is_split() {
    let a = fixture("11-glued-subheading.txt");
    assert!(
        a.text
            .contains("early trading.\n\nGrowth in Asian Markets\n\nThe firm said"),
        "{}",
        a.text
    );
}

#[test]
fn inline_teaser_is_cut_out_of_the_paragraph() {
    let a = fixture("15-teaser-inline.txt");
    assert!(
        a.text
            .contains("for two days of talks. The visit is the first"),
        "{}",
        a.text
    );
    assert_eq!(kinds(&a), ["related-link"]);
}

#[test]
fn all_boilerplate_gives_empty_text() {
    let a = fixture("17-empty-after-cleaning.txt");
    assert_eq!(a.text, "");
    assert_eq!(a.removed.len(), 3);
}

#[test]
fn every_rule_removes_its_own_example() {
    let cleaner = Cleaner::new().unwrap();
    for rule in &cleaner.rules().rules {
        // Prefix rules (datelines) only look at the start of the body.
        let input = if rule.scope == sitrep_article::rules::Scope::Prefix {
            format!(
                "{} officials met on Monday to discuss the plan.\nThe talks ended late.",
                rule.example
            )
        } else {
            format!(
                "Officials met on Monday to discuss the plan in detail.\n{}\nThe talks ended late.",
                rule.example
            )
        };
        let a = cleaner.clean(&input);
        assert!(
            a.removed.iter().any(|r| r.rule == rule.id),
            "rule {} did not remove its example {:?}; removed {:?}",
            rule.id,
            rule.example,
            a.removed
        );
    }
}

#[test]
fn alignment_maps_clean_text_back_to_input() {
    let input = std::fs::read_to_string(format!(
        "{}/tests/fixtures/15-teaser-inline.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let a = clean(&input);
    for word in ["minister", "visit", "statement"] {
        let at = a.text.find(word).unwrap();
        let span = sitrep_text::Span::new(&a.text, at, at + word.len()).unwrap();
        assert_eq!(a.alignment.to_source(span).slice(&input), word);
    }
}

proptest::proptest! {
    #[test]
    fn never_panics_and_keeps_alignment(input in "(?s).{0,300}") {
        let a = clean(&input);
        proptest::prop_assert_eq!(a.alignment.output_len(), a.text.len());
    }
}
