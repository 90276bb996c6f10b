//! Inferring the article's own date, and tagging with the inferred date.

use sitrep_time::{TimeTagger, sentence_date};

/// The seed article is read from the shared fixtures when present, else this excerpt of it
/// (tests must pass without `/work/shared`).
const SEED_EXCERPT: &str = "On this issue, Defense Minister Kim Yong-hyun declared Thursday, \
November 28, Seoul “will work in solidarity with the international community,” rather than \
engaging directly. This positioning confirms the impression born from the lightning visit to \
Seoul on November 27 by Ukrainian Defense Minister Rustem Umerov. Russian Defense Minister \
Andreï Beloussov, for his part, visited North Korea on Friday November 29. Since the outbreak \
of the Russian invasion in 2022, South Korea has provided humanitarian and economic support to \
Ukraine. The agreement reached in June between Russian President Vladimir Putin and North \
Korean leader Kim Jong-un – accompanied by reciprocal military assistance – led Seoul to \
“reconsider the question,” National Security Advisor Chang Ho-jin said at the time.";

fn seed_text() -> String {
    std::fs::read_to_string("../../../shared/fixtures/seed/000_9f437aa65bcae798.txt")
        .unwrap_or_else(|_| SEED_EXCERPT.to_string())
}

fn values_of<'a>(text: &'a str, times: &'a [sitrep_time::Timex]) -> Vec<(&'a str, &'a str)> {
    times
        .iter()
        .map(|t| (&text[t.start..t.end], t.value.as_str()))
        .collect()
}

fn check_seed(text: &str) {
    let t = TimeTagger::new();
    let dd = t.infer_document_date(text, &[]).expect("a date");
    assert!(dd.inferred);
    assert_eq!(dd.value, "2024-11-29", "basis: {}", dd.basis);
    for year in ["2019", "2024", "2030", "2022"] {
        assert!(dd.basis.contains(year), "basis lacks {year}: {}", dd.basis);
    }
    let times = t.tag(text, &[], Some(&dd.value));
    let got = values_of(text, &times);
    for want in [
        ("Thursday, November 28", "2024-11-28"),
        ("November 27", "2024-11-27"),
        ("Friday November 29", "2024-11-29"),
        ("2022", "2022"),
        ("June", "2024-06"),
    ] {
        assert!(got.contains(&want), "missing {want:?} in {got:?}");
    }
    // The year-only inference must anchor too.
    let times = t.tag(text, &[], Some("2024"));
    assert!(values_of(text, &times).contains(&("June", "2024-06")));
}

#[test]
fn seed_article_date_falls_out_of_general_rules() {
    check_seed(&seed_text());
    check_seed(SEED_EXCERPT);
}

#[test]
fn inference_from_pairs_years_and_days() {
    let t = TimeTagger::new();
    // March 3 is a Monday in 2014, 2025 and 2031; the text names 2020 as past.
    let text = "Officials said on Monday, March 3, that the plan adopted in 2020 had failed.";
    let dd = t.infer_document_date(text, &[]).expect("a date");
    assert_eq!(dd.value, "2025-03-03", "{}", dd.basis);

    // A year alone gives a year.
    let dd = t
        .infer_document_date("The war began in 2022.", &[])
        .expect("a year");
    assert_eq!(dd.value, "2022");
    assert!(dd.inferred);

    // A full date in a past clause gives that day.
    let dd = t
        .infer_document_date("On November 5, 2024, voters went to the polls.", &[])
        .expect("a day");
    assert_eq!(dd.value, "2024-11-05");

    // A year named in a future clause is an upper bound: Tuesday, March 4 fits 2025.
    let dd = t
        .infer_document_date(
            "Ministers met on Tuesday, March 4. They will finish by 2026.",
            &[],
        )
        .expect("a date");
    assert_eq!(dd.value, "2025-03-04", "{}", dd.basis);

    // "until" a year after a past verb ends something past: the latest past year is 2011,
    // not the 1981 of the same sentence.
    let dd = t
        .infer_document_date("He was president from 1981 until 2011.", &[])
        .expect("a year");
    assert_eq!(dd.value, "2011", "{}", dd.basis);

    // Nothing to go on.
    assert_eq!(t.infer_document_date("They met on Friday.", &[]), None);
    assert_eq!(t.infer_document_date("", &[]), None);
}

#[test]
fn sentence_date_picks_the_most_specific() {
    let t = TimeTagger::new();
    let text = "In 2022 and in June, on Thursday, November 28, they met. Now they rest.";
    let times = t.tag(text, &[], Some("2024-11-29"));
    let first = 0..text.find("Now").unwrap_or(text.len());
    let d = sentence_date(&times, first).expect("a date");
    assert_eq!(d.value, "2024-11-28");
    let second = text.find("Now").unwrap_or(0)..text.len();
    assert_eq!(sentence_date(&times, second), None);
}

#[test]
fn given_sentences_bound_the_tense_cues() {
    let t = TimeTagger::new();
    let text = "The summit will open soon. Ministers met on Monday.";
    let split = text.find(" Ministers").unwrap_or(0);
    let times = t.tag(text, &[0..split, split..text.len()], Some("2024-11-29"));
    let got = values_of(text, &times);
    assert!(got.contains(&("Monday", "2024-11-25")), "{got:?}");
}

#[test]
fn an_article_read_on_a_known_day_was_written_no_later() {
    let t = TimeTagger::new();
    let day = |s: &str| s.parse::<jiff::civil::Date>().expect("a date");
    // A pair alone: the latest year it fits up to the reading day (2019 and 2024 fit).
    let text = "On Thursday, November 28, the minister met his counterpart.";
    assert_eq!(t.infer_document_date(text, &[]), None);
    let dd = t
        .infer_document_date_read_on(text, &[], Some(day("2026-11-28")))
        .expect("a date");
    assert_eq!(dd.value, "2024-11-28", "{}", dd.basis);
    assert!(dd.basis.contains("2026-11-28"), "{}", dd.basis);
    let dd = t
        .infer_document_date_read_on(text, &[], Some(day("2020-01-01")))
        .expect("a date");
    assert_eq!(dd.value, "2019-11-28", "{}", dd.basis);
    // With a past year named, the latest fitting year between it and the reading day.
    let text = "On Thursday, November 28, the minister met his counterpart. Since 2014 they \
                have met twice.";
    let dd = t
        .infer_document_date_read_on(text, &[], Some(day("2026-11-28")))
        .expect("a date");
    assert_eq!(dd.value, "2024-11-28", "{}", dd.basis);
    // The seed's own evidence gives the same day either way.
    let dd = t
        .infer_document_date_read_on(SEED_EXCERPT, &[], Some(day("2026-11-28")))
        .expect("a date");
    assert_eq!(dd.value, "2024-11-29", "{}", dd.basis);
    // A year after the reading day is a plan's, not the article's.
    let text = "The plan, adopted in 2019, runs to 2050 under the slogan of the 2050 goal.";
    let dd = t
        .infer_document_date_read_on(text, &[], Some(day("2026-11-28")))
        .expect("a year");
    assert_eq!(dd.value, "2019", "{}", dd.basis);
}
