//! A table of expressions with document dates: what is found, and what value it gets.
//! Each case lists every expression the sentence must yield, as (surface, value).

use sitrep_time::{TimeTagger, TimexKind};

/// Tags `text` with `dct` and compares the found expressions with `expected`.
fn check(tagger: &TimeTagger, text: &str, dct: Option<&str>, expected: &[(&str, &str)]) {
    let got: Vec<(String, String)> = tagger
        .tag(text, &[], dct)
        .iter()
        .map(|t| (text[t.start..t.end].to_string(), t.value.clone()))
        .collect();
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(s, v)| (s.to_string(), v.to_string()))
        .collect();
    assert_eq!(got, want, "text: {text:?}, dct: {dct:?}");
}

/// (text, document date, expected (surface, value) pairs).
type Case = (
    &'static str,
    Option<&'static str>,
    &'static [(&'static str, &'static str)],
);

const FRI: Option<&str> = Some("2024-11-29"); // a Friday, ISO week 48

#[test]
fn calendar_dates() {
    let t = TimeTagger::new();
    let cases: &[Case] = &[
        (
            "He declared Thursday, November 28, that Seoul will help.",
            FRI,
            &[("Thursday, November 28", "2024-11-28")],
        ),
        (
            "The visit on November 27 was secret.",
            FRI,
            &[("November 27", "2024-11-27")],
        ),
        (
            "He visited North Korea on Friday November 29.",
            FRI,
            &[("Friday November 29", "2024-11-29")],
        ),
        (
            "It began with the invasion in 2022.",
            FRI,
            &[("2022", "2022")],
        ),
        ("In 2022 Russia invaded Ukraine.", FRI, &[("2022", "2022")]),
        ("He won the 2018 World Cup.", FRI, &[("2018", "2018")]),
        (
            "The agreement reached in June led Seoul to act.",
            FRI,
            &[("June", "2024-06")],
        ),
        (
            "It happened on 2024-11-28.",
            FRI,
            &[("2024-11-28", "2024-11-28")],
        ),
        (
            "It happened on 11/28/2024.",
            FRI,
            &[("11/28/2024", "2024-11-28")],
        ),
        (
            "It happened on 28 November 2024.",
            FRI,
            &[("28 November 2024", "2024-11-28")],
        ),
        (
            "Sales peaked in June 2023.",
            FRI,
            &[("June 2023", "2023-06")],
        ),
        (
            "It was signed on Nov. 5, 2023.",
            FRI,
            &[("Nov. 5, 2023", "2023-11-05")],
        ),
        (
            "He was born in nineteen ninety-six.",
            FRI,
            &[("nineteen ninety-six", "1996")],
        ),
        (
            "Talks started in January this year.",
            FRI,
            &[("January this year", "2024-01")],
        ),
        (
            "Talks started in mid-June.",
            FRI,
            &[("mid-June", "2024-06")],
        ),
        ("Prices fell in May.", FRI, &[("May", "2024-05")]),
        ("Rates rose in the 1990s.", FRI, &[("the 1990s", "199")]),
        ("Rates rose in the '90s.", FRI, &[("the '90s", "199")]),
        (
            "Rates rose in the 20th century.",
            FRI,
            &[("the 20th century", "19")],
        ),
        (
            "Profit rose in the first quarter.",
            FRI,
            &[("the first quarter", "2024-Q1")],
        ),
        (
            "Profit rose in the third quarter of 2023.",
            FRI,
            &[("the third quarter of 2023", "2023-Q3")],
        ),
        // The latest summer that has ended: in November, this year's.
        ("It rained last summer.", FRI, &[("last summer", "2024-SU")]),
        (
            "It opened in spring 2024.",
            FRI,
            &[("spring 2024", "2024-SP")],
        ),
        (
            "Costs fell in the first half of 2023.",
            FRI,
            &[("the first half of 2023", "2023-H1")],
        ),
    ];
    for (text, dct, expected) in cases {
        check(&t, text, *dct, expected);
    }
}

#[test]
fn relative_expressions() {
    let t = TimeTagger::new();
    let cases: &[Case] = &[
        ("He arrived yesterday.", FRI, &[("yesterday", "2024-11-28")]),
        ("It rains today.", FRI, &[("today", "2024-11-29")]),
        ("They meet tomorrow.", FRI, &[("tomorrow", "2024-11-30")]),
        (
            "The talks ended last week.",
            FRI,
            &[("last week", "2024-W47")],
        ),
        (
            "He will travel next week.",
            FRI,
            &[("next week", "2024-W49")],
        ),
        ("Prices rose this year.", FRI, &[("this year", "2024")]),
        ("Prices fell last year.", FRI, &[("last year", "2023")]),
        ("Output grew last month.", FRI, &[("last month", "2024-10")]),
        ("The vote is next month.", FRI, &[("next month", "2024-12")]),
        (
            "They rested this weekend.",
            FRI,
            &[("this weekend", "2024-W48-WE")],
        ),
        ("He left two years ago.", FRI, &[("two years ago", "2022")]),
        (
            "He left three days ago.",
            FRI,
            &[("three days ago", "2024-11-26")],
        ),
        (
            "It was founded a decade ago.",
            FRI,
            &[("a decade ago", "201")],
        ),
        ("He is now in Kyiv.", FRI, &[("now", "PRESENT_REF")]),
        (
            "He recently visited Kyiv.",
            FRI,
            &[("recently", "PAST_REF")],
        ),
        (
            "Peace may come in the future.",
            FRI,
            &[("the future", "FUTURE_REF")],
        ),
        (
            "It closed last Friday.",
            FRI,
            &[("last Friday", "2024-11-22")],
        ),
        (
            "It opens next Monday.",
            FRI,
            &[("next Monday", "2024-12-02")],
        ),
        (
            "He said on Friday that talks failed.",
            FRI,
            &[("Friday", "2024-11-29")],
        ),
        (
            "He said on Monday that talks failed.",
            FRI,
            &[("Monday", "2024-11-25")],
        ),
        (
            "They will meet on Monday.",
            FRI,
            &[("Monday", "2024-12-02")],
        ),
        (
            "They're going to meet on Wednesday.",
            FRI,
            &[("Wednesday", "2024-12-04")],
        ),
        (
            "Officials met on Wednesday.",
            FRI,
            &[("Wednesday", "2024-11-27")],
        ),
        (
            "Relatives will appeal Wednesday's ruling.",
            FRI,
            &[("Wednesday", "2024-11-27")],
        ),
    ];
    for (text, dct, expected) in cases {
        check(&t, text, *dct, expected);
    }
}

#[test]
fn durations_times_and_sets() {
    let t = TimeTagger::new();
    let cases: &[Case] = &[
        ("They fought for three days.", FRI, &[("three days", "P3D")]),
        ("It was a two-hour meeting.", FRI, &[("two-hour", "PT2H")]),
        ("It lasted 90 minutes.", FRI, &[("90 minutes", "PT90M")]),
        (
            "He served for 2 1/2 years.",
            FRI,
            &[("2 1/2 years", "P2Y6M")],
        ),
        (
            "Costs rose over the past two weeks.",
            FRI,
            &[("the past two weeks", "P2W")],
        ),
        ("That took several years.", FRI, &[("several years", "PXY")]),
        (
            "That took twenty-five years.",
            FRI,
            &[("twenty-five years", "P25Y")],
        ),
        ("The paper appears daily.", FRI, &[("daily", "P1D")]),
        (
            "They meet every Thursday.",
            FRI,
            &[("every Thursday", "XXXX-WXX-4")],
        ),
        ("They meet twice a year.", FRI, &[("twice a year", "P1Y")]),
        (
            "The blast came at 5 p.m.",
            FRI,
            &[("5 p.m.", "2024-11-29T17:00")],
        ),
        (
            "The blast came at 10:35 a.m. Thursday.",
            FRI,
            &[("10:35 a.m. Thursday", "2024-11-28T10:35")],
        ),
        ("They ate at noon.", FRI, &[("noon", "2024-11-29T12:00")]),
        (
            "He spoke this morning.",
            FRI,
            &[("this morning", "2024-11-29TMO")],
        ),
        (
            "Shelling went on last night.",
            FRI,
            &[("last night", "2024-11-28TNI")],
        ),
    ];
    for (text, dct, expected) in cases {
        check(&t, text, *dct, expected);
    }
    let kinds: Vec<TimexKind> = t
        .tag(
            "It lasted three days, daily, at 5 p.m. on Friday.",
            &[],
            FRI,
        )
        .iter()
        .map(|x| x.kind)
        .collect();
    assert_eq!(
        kinds,
        [TimexKind::Duration, TimexKind::Set, TimexKind::Time]
    );
}

#[test]
fn year_rollover_follows_tense() {
    let t = TimeTagger::new();
    let cases: &[Case] = &[
        // A December article: "in January" is this January; the future flips it.
        (
            "Talks took place in January.",
            Some("2024-12-15"),
            &[("January", "2024-01")],
        ),
        (
            "Talks will resume in January.",
            Some("2024-12-15"),
            &[("January", "2025-01")],
        ),
        // A January article: "in December" is last December; the future flips it.
        (
            "Talks took place in December.",
            Some("2025-01-10"),
            &[("December", "2024-12")],
        ),
        (
            "The vote will be held in December.",
            Some("2025-01-10"),
            &[("December", "2025-12")],
        ),
        (
            "He said on December 30 that it failed.",
            Some("2025-01-05"),
            &[("December 30", "2024-12-30")],
        ),
        (
            "The deadline is Jan. 3.",
            Some("2024-12-28"),
            &[("Jan. 3", "2025-01-03")],
        ),
        (
            "The rebels withdrew on Thursday, November 28.",
            Some("2025-01-10"),
            &[("Thursday, November 28", "2024-11-28")],
        ),
    ];
    for (text, dct, expected) in cases {
        check(&t, text, *dct, expected);
    }
}

#[test]
fn anchors_of_any_precision_or_none() {
    let t = TimeTagger::new();
    let cases: &[Case] = &[
        ("On June 3 they met.", None, &[("June 3", "XXXX-06-03")]),
        ("They met in June.", None, &[("June", "XXXX-06")]),
        ("They met on Friday.", None, &[("Friday", "XXXX-WXX-5")]),
        ("They met yesterday.", None, &[("yesterday", "PAST_REF")]),
        (
            "They met on Friday.",
            Some("2024"),
            &[("Friday", "2024-WXX-5")],
        ),
        (
            "They met on November 28.",
            Some("2024"),
            &[("November 28", "2024-11-28")],
        ),
        (
            "They met last year.",
            Some("2024"),
            &[("last year", "2023")],
        ),
        (
            "They met on Friday.",
            Some("not a date"),
            &[("Friday", "XXXX-WXX-5")],
        ),
        ("They met in June.", Some("2024-11"), &[("June", "2024-06")]),
    ];
    for (text, dct, expected) in cases {
        check(&t, text, *dct, expected);
    }
}

#[test]
fn weekday_contradictions_are_noted() {
    let t = TimeTagger::new();
    // November 28 was a Thursday in 2024 and no neighbouring year makes it a Wednesday.
    let text = "The talks ended on Wednesday, November 28.";
    let times = t.tag(text, &[], FRI);
    assert_eq!(times.len(), 1);
    assert_eq!(times[0].value, "2024-11-28");
    let note = times[0].note.as_deref().unwrap_or("");
    assert!(
        note.contains("Wednesday") && note.contains("Thursday"),
        "{note}"
    );

    let text = "It was signed on Monday, November 28, 2024.";
    let times = t.tag(text, &[], FRI);
    assert_eq!(times[0].value, "2024-11-28");
    assert!(times[0].note.is_some());

    // A weekday that fits gives no note.
    let times = t.tag("It ended on Thursday, November 28.", &[], FRI);
    assert_eq!(times[0].note, None);
}

/// Conventions of TimeML (the TempEval-3 annotation) that the values follow; one row for each
/// convention the grammar or the normalizer chose (see notes/time.md).
#[test]
fn timeml_conventions() {
    let t = TimeTagger::new();
    // A Wednesday in late October: the third quarter is the latest completed one.
    let oct = Some("2019-10-30");
    let cases: &[Case] = &[
        // Earnings reports: "a year earlier" is the reported quarter a year before.
        (
            "Third-quarter profit rose to $5 million from $4 million a year earlier.",
            oct,
            &[("Third-quarter", "2019-Q3"), ("a year earlier", "2018-Q3")],
        ),
        (
            "In the year-ago third quarter, it lost $2 million.",
            oct,
            &[("the year-ago third quarter", "2018-Q3")],
        ),
        (
            "Net income in the fourth quarter rose, compared with a year-earlier loss.",
            oct,
            &[("the fourth quarter", "2019-Q4"), ("year-earlier", "2018")],
        ),
        (
            "The second quarter was weak. Sales in the quarter fell; the 2018 quarter was better.",
            oct,
            &[
                ("The second quarter", "2019-Q2"),
                ("the quarter", "2019-Q2"),
                ("the 2018 quarter", "2018-Q2"),
            ],
        ),
        (
            "Losses widened in the latest quarter.",
            oct,
            &[("the latest quarter", "2019-Q3")],
        ),
        (
            "Sales in the current quarter should rise.",
            oct,
            &[("the current quarter", "2019-Q4")],
        ),
        (
            "The third quarter was strong. For the quarter a year ago, it earned less; sales \
             in the same period last year and in last year's quarter were lower.",
            oct,
            &[
                ("The third quarter", "2019-Q3"),
                ("the quarter a year ago", "2018-Q3"),
                ("the same period last year", "2018-Q3"),
                ("last year's quarter", "2018-Q3"),
            ],
        ),
        // With no quarter named, "a year ago" is the year before.
        (
            "Prices were lower a year ago.",
            oct,
            &[("a year ago", "2018")],
        ),
        // The quarter just completed is reported in the future tense too.
        (
            "The company will report third-quarter results on Friday.",
            oct,
            &[("third-quarter", "2019-Q3"), ("Friday", "2019-11-01")],
        ),
        // Quarters count as quarters in durations and sets.
        (
            "Profit fell in the past two quarters; it pays interest every quarter.",
            oct,
            &[("the past two quarters", "P2Q"), ("every quarter", "P1Q")],
        ),
        // "three days later" is the duration between two events; the story still moves on.
        (
            "Rebels took the town on March 3. Three days later, at 6 a.m., troops returned.",
            oct,
            &[
                ("March 3", "2019-03-03"),
                ("Three days later", "P3D"),
                ("6 a.m.", "2019-03-06T06:00"),
            ],
        ),
        (
            "He was declared dead just over an hour later.",
            oct,
            &[("over an hour later", "PT1H")],
        ),
        // "later that year", "the next morning": the year or day last named.
        (
            "He fled in June 2012 and returned later that year.",
            oct,
            &[("June 2012", "2012-06"), ("later that year", "2012")],
        ),
        (
            "He was arrested on May 2 and released the next morning.",
            oct,
            &[("May 2", "2019-05-02"), ("the next morning", "2019-05-03")],
        ),
        // A week given by a day or a holiday is that ISO week.
        (
            "The hearing is set for the week of March 6.",
            Some("2000-02-24"),
            &[("the week of March 6", "2000-W10")],
        ),
        (
            "Crowds gathered as Easter week began.",
            Some("2000-04-17"),
            &[("Easter week", "2000-W16")],
        ),
        // "last summer" is the latest summer that has ended; "this past spring" too.
        (
            "The strike began last summer.",
            oct,
            &[("last summer", "2019-SU")],
        ),
        (
            "Sales slumped this past spring.",
            oct,
            &[("this past spring", "2019-SP")],
        ),
        (
            "The strike began last summer.",
            Some("2019-07-15"),
            &[("last summer", "2018-SU")],
        ),
    ];
    for (text, dct, expected) in cases {
        check(&t, text, *dct, expected);
    }
}

/// Tense cues that are not what they seem, and dates that lie ahead of a past verb.
#[test]
fn tense_cues_in_context() {
    let t = TimeTagger::new();
    let sat = Some("1998-08-08"); // a Saturday
    let cases: &[Case] = &[
        // "next to" is a place, "due to its loss" a cause, "United" a name.
        (
            "Dozens were killed in the blasts next to the embassy on Friday.",
            sat,
            &[("Friday", "1998-08-07")],
        ),
        (
            "It cut the dividend due to its loss on Friday.",
            sat,
            &[("Friday", "1998-08-07")],
        ),
        (
            "He announced that the father would be traveling to the United States Thursday.",
            Some("2000-04-05"),
            &[("Thursday", "2000-04-06")],
        ),
        // Future seen from the past: the word after "was"/"were" decides.
        (
            "Protesters planned a rally and were planning to march on Saturday.",
            Some("2000-01-07"),
            &[("Saturday", "2000-01-08")],
        ),
        (
            "The offer had been scheduled to expire at midnight Friday.",
            Some("1989-10-30"),
            &[("midnight Friday", "1989-10-27T24:00")],
        ),
        // "since" starts in the past, even in a future-looking clause.
        (
            "The carrier, which was scheduled to return, has been on patrol since March.",
            Some("1990-08-13"),
            &[("March", "1990-03")],
        ),
        // A sentence-opening "Until Thursday," sets the scene; the main verb decides.
        (
            "Until Thursday, they had not called him a suspect.",
            Some("1999-05-07"),
            &[("Thursday", "1999-05-06")],
        ),
        // Verbs and nouns of intention put their infinitive ahead…
        (
            "NATO has decided to admit three countries in early March, an official said.",
            Some("1999-02-10"),
            &[("early March", "1999-03")],
        ),
        (
            "It announced an agreement to acquire the bank in January.",
            Some("1989-11-02"),
            &[("January", "1990-01")],
        ),
        (
            "The accession was planned for early March.",
            Some("1999-02-10"),
            &[("early March", "1999-03")],
        ),
        // …but a date before the verb dates the decision.
        (
            "On Friday, the government planned to pay the first claims.",
            Some("1998-09-30"),
            &[("Friday", "1998-09-25")],
        ),
        (
            "On Friday, she set aside vacation plans for the hastily planned trip.",
            Some("1998-08-17"),
            &[("Friday", "1998-08-14")],
        ),
        // An adjective in "-ed" is no past cue; the future verb decides.
        (
            "It would be paid on a still unspecified date in January.",
            Some("1989-10-26"),
            &[("January", "1990-01")],
        ),
        // A past verb may report a date a few weeks ahead ("was extended to Nov. 16").
        (
            "The offer was extended to Nov. 16.",
            Some("1989-10-30"),
            &[("Nov. 16", "1989-11-16")],
        ),
        // A quoted date belongs to the quote, not to the reporting verb after it.
        (
            "\"He will leave at 4 a.m. Thursday,\" Castro said.",
            Some("2000-04-05"),
            &[("4 a.m. Thursday", "2000-04-06T04:00")],
        ),
    ];
    for (text, dct, expected) in cases {
        check(&t, text, *dct, expected);
    }
}

#[test]
fn words_that_are_not_times() {
    let t = TimeTagger::new();
    let none: &[&str] = &[
        "You may go now if you like.",
        "May I ask a question?",
        "They joined the march on Washington.",
        "They joined the March on Washington.",
        "Robinson Crusoe met Man Friday.",
        "He writes for the Sunday Times.",
        "April Smith said the plan failed.",
        "The party has 2,022 members.",
        "A 6-year-old boy was found.",
        "Mayor Smith spoke.",
        "He appeared on 60 Minutes.",
        "The club sent 1994 troops.",
        "He writes for the Daily Telegraph.",
        "By then, 1885 aftershocks had occurred.",
        "Officials counted 1350 migrants.",
        "Prices rose 2.5%.",
        "Police found his 1987 Chevrolet.",
        "He lives at 1600 Pennsylvania Avenue.",
        "The army launched a programme dubbed \"Zrinyi 2026\" to renew its arms.",
        "The kingdom's \u{201c}Vision 2030\u{201d} plan was unveiled.",
    ];
    for text in none {
        let found: Vec<String> = t
            .tag(text, &[], FRI)
            .iter()
            .filter(|x| x.value != "PRESENT_REF")
            .map(|x| text[x.start..x.end].to_string())
            .collect();
        assert!(found.is_empty(), "{text:?} gave {found:?}");
    }
    // A preposition or article before the number keeps it a year.
    check(
        &t,
        "The 2019 elections were close.",
        None,
        &[("2019", "2019")],
    );
    check(
        &t,
        "In 1850 elections were held.",
        None,
        &[("1850", "1850")],
    );
    // A season before a year inside quotes still dates it.
    check(
        &t,
        "The line is called \"Spring 2020\" by its makers.",
        None,
        &[("Spring 2020", "2020-SP")],
    );
    check(&t, "Prices are reported daily.", None, &[("daily", "P1D")]);
    check(
        &t,
        "Sales fell. Weekly auctions resumed.",
        None,
        &[("Weekly", "P1W")],
    );
    // A recent year before a plural is the year's own figure.
    check(
        &t,
        "Acme had 1986 sales of 5 mln dlrs.",
        None,
        &[("1986", "1986")],
    );
}
