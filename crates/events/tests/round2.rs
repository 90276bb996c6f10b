//! Round 2: passages written for the patterns found on unseen articles. State bodies named
//! by a nationality adjective ("Iranian authorities"), a conjoined subject as the other party
//! of a symmetric act, a reaction to an earlier act ("condemned the strikes") targeting its
//! doer, rockets fired at a place, phone talks, threats "against" someone, and dates that do
//! not leak from a history sentence.

mod common;

use common::{capital, check, code, loc, per, show};

#[test]
fn nationality_adjective_heads_a_state_body() {
    check(
        "Iranian authorities arrested a French tourist, Louis Arnaud, on Sunday. Azerbaijani forces shelled Armenian villages.",
        &[
            // The resolver's `state-body` mentions: a nationality adjective and the state
            // body it heads.
            loc("Iran", &["Iranian authorities"]),
            loc("France", &["France"]),
            loc("Azerbaijan", &["Azerbaijani forces"]),
            loc("Armenia", &["Armenian villages"]),
            per("Louis Arnaud", &["Louis Arnaud"]),
        ],
        // A state's villages stand for it as the target of force (session 3; round 2 left
        // the shelling uncoded).
        &[
            "COERCE/arrest Iran->Louis Arnaud + certain",
            "ASSAULT Azerbaijan->Armenia + certain",
        ],
    );
}

#[test]
fn a_reaction_targets_the_doer_of_the_act_it_names() {
    check(
        "Israel carried out air strikes on southern Lebanon on Friday. Lebanese Prime Minister Najib Mikati condemned the strikes.",
        &[
            loc("Israel", &["Israel"]),
            loc("Lebanon", &["Lebanon"]),
            per("Najib Mikati", &["Najib Mikati"]),
        ],
        &[
            "ASSAULT/aerial Israel->Lebanon + certain",
            "ACCUSE/criticize Najib Mikati->Israel + certain",
        ],
    );
}

#[test]
fn rockets_fired_at_a_place_and_threats_against() {
    check(
        "Hezbollah fired rockets at northern Israel. North Korea threatened to take action against the United States.",
        &[
            loc("Israel", &["Israel"]),
            loc("North Korea", &["North Korea"]),
            loc("United States", &["United States"]),
            common::org("Hezbollah", &["Hezbollah"]),
        ],
        &[
            "ASSAULT/military Hezbollah->Israel + certain",
            "THREATEN North Korea->United States + certain",
        ],
    );
}

#[test]
fn conjoined_subjects_are_both_parties_and_phone_talks_consult() {
    check(
        "Armenia and Azerbaijan agreed to a ceasefire on Wednesday. Vladimir Putin spoke by phone with Nikol Pashinyan.",
        &[
            loc("Armenia", &["Armenia"]),
            loc("Azerbaijan", &["Azerbaijan"]),
            per("Vladimir Putin", &["Vladimir Putin"]),
            per("Nikol Pashinyan", &["Nikol Pashinyan"]),
        ],
        &[
            "AGREE Armenia->Azerbaijan + certain",
            "CONSULT/meet Vladimir Putin->Nikol Pashinyan + certain",
        ],
    );
}

#[test]
fn release_of_a_journalist_concedes() {
    check(
        "Russia released American journalist Evan Gershkovich, Turkish officials said.",
        &[
            loc("Russia", &["Russia"]),
            loc("Turkey", &["Turkey"]),
            per("Evan Gershkovich", &["Evan Gershkovich"]),
        ],
        &["CONCEDE/release Russia->Evan Gershkovich + reported"],
    );
}

#[test]
fn a_history_date_does_not_date_the_next_sentence() {
    let text = "Aleksandar Vucic has not visited Kosovo since 2018. The European Union urged Belgrade to cooperate.";
    let (_, ents, coding) = code(
        text,
        &[
            per("Aleksandar Vucic", &["Aleksandar Vucic"]),
            loc("Kosovo", &["Kosovo"]),
            loc("Serbia", &[]),
            common::org("European Union", &["European Union"]),
            capital("Belgrade", &["Belgrade"], "Serbia"),
        ],
        &[("2018", "2018")],
        Some("2025-03-14"),
    );
    let request = coding
        .events
        .iter()
        .find(|e| e.kind.as_str() == "REQUEST")
        .expect("the request is coded");
    assert_eq!(
        show(request, &ents),
        "REQUEST European Union->Serbia + certain"
    );
    assert_eq!(request.date.as_deref(), Some("2025-03-14"));
}
