//! Short news passages, written for these tests, each with the events it must give: type and
//! mode, source -> target, polarity (+/-), certainty, and background. Every PLOVER type the
//! lexicon emits appears at least once, with negation, reported and possible certainty,
//! metonymy (a capital acting for its state) and background among them.

mod common;

use common::{capital, check, loc, org, per};

#[test]
fn visit_meeting_and_capitals_acting_for_states() {
    check(
        "French President Emmanuel Macron arrived in Beijing on Tuesday. Macron met Chinese President Xi Jinping at the Great Hall. Paris and Beijing agreed to expand cooperation on climate.",
        &[
            per("Emmanuel Macron", &["Emmanuel Macron", "Macron"]),
            per("Xi Jinping", &["Xi Jinping"]),
            loc("France", &["France"]),
            loc("China", &["China"]),
            capital("Paris", &["Paris"], "France"),
            capital("Beijing", &["Beijing"], "China"),
        ],
        &[
            "CONSULT/visit Emmanuel Macron->China + certain",
            "CONSULT/meet Emmanuel Macron->Xi Jinping + certain",
            "AGREE France->China + certain",
        ],
    );
}

#[test]
fn reported_request_does_not_code_the_requested_aid() {
    check(
        "Kenya has reportedly asked Washington to provide it with drones and armored vehicles.",
        &[
            loc("Kenya", &["Kenya"]),
            loc("United States", &[]),
            capital("Washington", &["Washington"], "United States"),
        ],
        &["REQUEST/military Kenya->United States + reported"],
    );
}

#[test]
fn negated_aid_and_pronoun_subject() {
    check(
        "Germany has sent humanitarian aid to Sudan since 2019. It does not sell weapons to Khartoum.",
        &[
            loc("Germany", &["Germany"]),
            loc("Sudan", &["Sudan"]),
            capital("Khartoum", &["Khartoum"], "Sudan"),
        ],
        &[
            "AID/humanitarian Germany->Sudan + certain background",
            "AID/military Germany->Sudan - certain",
        ],
    );
}

#[test]
fn refusal_negates_and_officials_said_reports() {
    check(
        "Brazil refused to supply ammunition to Ukraine, officials said.",
        &[loc("Brazil", &["Brazil"]), loc("Ukraine", &["Ukraine"])],
        &["AID/military Brazil->Ukraine - reported"],
    );
    check(
        "Austria is reluctant to send tanks to Ukraine.",
        &[loc("Austria", &["Austria"]), loc("Ukraine", &["Ukraine"])],
        &["AID/military Austria->Ukraine - certain"],
    );
}

#[test]
fn modality_makes_events_possible() {
    check(
        "Japan may impose sanctions on Myanmar. Tokyo is considering sanctions against Naypyidaw.",
        &[
            loc("Japan", &["Japan"]),
            loc("Myanmar", &["Myanmar"]),
            capital("Tokyo", &["Tokyo"], "Japan"),
            capital("Naypyidaw", &["Naypyidaw"], "Myanmar"),
        ],
        &[
            "SANCTION Japan->Myanmar + possible",
            "SANCTION Japan->Myanmar + possible",
        ],
    );
    check(
        "Poland plans to deploy troops to Lithuania.",
        &[loc("Poland", &["Poland"]), loc("Lithuania", &["Lithuania"])],
        &["MOBILIZE/military Poland->Lithuania + possible"],
    );
}

#[test]
fn history_is_background() {
    check(
        "Since the start of the war in 2014, Poland has provided military equipment to Ukraine. Russia had invaded Georgia before that.",
        &[
            loc("Poland", &["Poland"]),
            loc("Ukraine", &["Ukraine"]),
            loc("Russia", &["Russia"]),
            loc("Georgia", &["Georgia"]),
        ],
        &[
            "AID/military Poland->Ukraine + certain background",
            "ASSAULT Russia->Georgia + certain background",
        ],
    );
}

#[test]
fn accusation_attack_and_passive_voice() {
    check(
        "Ethiopia accused Eritrea of provocations. Eritrea attacked Ethiopia on Monday. The town of Zalambessa was shelled by Eritrea.",
        &[
            loc("Ethiopia", &["Ethiopia"]),
            loc("Eritrea", &["Eritrea"]),
            loc("Zalambessa", &["Zalambessa"]),
        ],
        &[
            "ACCUSE Ethiopia->Eritrea + certain",
            "ASSAULT Eritrea->Ethiopia + certain",
            "ASSAULT Eritrea->Zalambessa + certain",
        ],
    );
}

#[test]
fn threats_do_not_code_the_threatened_act() {
    check(
        "North Korea threatened Japan with missile strikes. Pyongyang also condemned Seoul.",
        &[
            loc("North Korea", &["North Korea"]),
            loc("South Korea", &[]),
            loc("Japan", &["Japan"]),
            capital("Pyongyang", &["Pyongyang"], "North Korea"),
            capital("Seoul", &["Seoul"], "South Korea"),
        ],
        &[
            "THREATEN North Korea->Japan + certain",
            "ACCUSE/criticize North Korea->South Korea + certain",
        ],
    );
}

#[test]
fn protest_and_arrest() {
    check(
        "The union Solidarnosc protested against Poland's new labour law. Belarus arrested opposition leader Maria Kolesnikova in Minsk.",
        &[
            org("Solidarnosc", &["Solidarnosc"]),
            loc("Poland", &["Poland"]),
            loc("Belarus", &["Belarus"]),
            per("Maria Kolesnikova", &["Maria Kolesnikova"]),
            loc("Minsk", &["Minsk"]),
        ],
        &[
            "PROTEST Solidarnosc->Poland + certain",
            "COERCE/arrest Belarus->Maria Kolesnikova + certain",
        ],
    );
}

#[test]
fn concession_and_rejection() {
    check(
        "Iran released two sailors to Britain on Sunday. Britain rejected Iran's demand for an apology.",
        &[loc("Iran", &["Iran"]), loc("Britain", &["Britain"])],
        &[
            "CONCEDE/release Iran->Britain + certain",
            "REJECT Britain->Iran + certain",
        ],
    );
}

#[test]
fn retreat_and_mobilization() {
    check(
        "Armenia withdrew its forces from Lachin. Azerbaijan deployed troops near Armenia.",
        &[
            loc("Armenia", &["Armenia"]),
            loc("Azerbaijan", &["Azerbaijan"]),
            loc("Lachin", &["Lachin"]),
        ],
        &[
            "RETREAT/military Armenia->Lachin + certain",
            "MOBILIZE/military Azerbaijan->Armenia + certain",
        ],
    );
}

#[test]
fn support_and_future_cooperation() {
    check(
        "Canada praised Ghana for its peaceful election. Canada will cooperate with Ghana on health.",
        &[loc("Canada", &["Canada"]), loc("Ghana", &["Ghana"])],
        &[
            "SUPPORT Canada->Ghana + certain",
            "COOPERATE Canada->Ghana + possible",
        ],
    );
}

#[test]
fn host_and_the_two_sides() {
    check(
        "Egyptian President Abdel Fattah el-Sisi hosted Sudanese army chief Abdel Fattah al-Burhan in Cairo on Sunday. The two sides agreed to work toward a ceasefire.",
        &[
            per("Abdel Fattah el-Sisi", &["Abdel Fattah el-Sisi"]),
            per("Abdel Fattah al-Burhan", &["Abdel Fattah al-Burhan"]),
            loc("Cairo", &["Cairo"]),
        ],
        &[
            "CONSULT/host Abdel Fattah el-Sisi->Abdel Fattah al-Burhan + certain",
            "AGREE Abdel Fattah el-Sisi->Abdel Fattah al-Burhan + certain",
        ],
    );
}

#[test]
fn agreements_between_parties_and_noun_visits() {
    check(
        "The pact signed in March between Moscow and Tehran covers drones. Tehran hosted a visit by Putin.",
        &[
            loc("Russia", &[]),
            loc("Iran", &[]),
            capital("Moscow", &["Moscow"], "Russia"),
            capital("Tehran", &["Tehran"], "Iran"),
            per("Vladimir Putin", &["Putin"]),
        ],
        &[
            "AGREE Russia->Iran + certain",
            "CONSULT/host Iran->Vladimir Putin + certain",
        ],
    );
}

#[test]
fn sentences_without_events_are_audited() {
    let (_, _, coding) = common::code(
        "Chile exported copper to China last year. Chile and Peru share a long border.",
        &[
            loc("Chile", &["Chile"]),
            loc("China", &["China"]),
            loc("Peru", &["Peru"]),
        ],
        &[],
        Some("2024-01-01"),
    );
    assert!(coding.events.is_empty(), "{:?}", coding.events);
    assert_eq!(coding.uncoded.len(), 2, "{:?}", coding.uncoded);
    assert_eq!(coding.uncoded[0].sentence, 0);
    assert!(
        coding.uncoded[0].reason.contains("exported"),
        "{}",
        coding.uncoded[0].reason
    );
    // "share" is a trigger (sharing intelligence), but a border is not a thing shared.
    assert!(
        coding.uncoded[1].reason.contains("cooperate.share"),
        "{}",
        coding.uncoded[1].reason
    );
}

#[test]
fn dates_come_from_sentence_context_or_document() {
    let text = "On March 3, Norway signed a treaty with Chile. Norway later met Chile again. Norway sends aid to Chile.";
    let (_, _, coding) = common::code(
        text,
        &[loc("Norway", &["Norway"]), loc("Chile", &["Chile"])],
        &[("March 3", "2024-03-03")],
        Some("2024-05-01"),
    );
    let dated: Vec<(Option<&str>, Option<&str>)> = coding
        .events
        .iter()
        .map(|e| (e.date.as_deref(), e.date_basis.as_deref()))
        .collect();
    assert_eq!(
        dated,
        [
            (Some("2024-03-03"), Some("sentence")),
            (Some("2024-03-03"), Some("context")),
            (Some("2024-05-01"), Some("document")),
        ]
    );
}

#[test]
fn evidence_spans_slice_to_the_statement() {
    let text = "Après la réunion, Ukraine’s ally Lithuania sent artillery shells to Ukraine.";
    let (doc, _, coding) = common::code(
        text,
        &[
            loc("Lithuania", &["Lithuania"]),
            loc("Ukraine", &["Ukraine"]),
        ],
        &[],
        None,
    );
    assert_eq!(coding.events.len(), 1, "{:?}", coding.events);
    assert_eq!(
        coding.events[0].evidence.slice(doc.text()),
        "Lithuania sent artillery shells to Ukraine"
    );
    assert_eq!(coding.events[0].date, None);
}

#[test]
fn attacks_between_people_are_criticism_and_hosting_needs_a_guest() {
    check(
        "Senator Ann Lee attacked Governor Tom Hale over the budget. Chad attacked Sudan.",
        &[
            per("Ann Lee", &["Ann Lee"]),
            per("Tom Hale", &["Tom Hale"]),
            loc("Chad", &["Chad"]),
            loc("Sudan", &["Sudan"]),
        ],
        &[
            "ACCUSE/criticize Ann Lee->Tom Hale + certain",
            "ASSAULT Chad->Sudan + certain",
        ],
    );
    check(
        "Qatar hosted the World Cup. Qatar hosted Ann Lee in Doha.",
        &[
            loc("Qatar", &["Qatar"]),
            org("World Cup", &["World Cup"]),
            per("Ann Lee", &["Ann Lee"]),
            loc("Doha", &["Doha"]),
        ],
        &["CONSULT/host Qatar->Ann Lee + certain"],
    );
}
