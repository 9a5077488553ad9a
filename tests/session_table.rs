//! The client's session table (one row per session, ORS beside SRS, newest
//! first) and the progress note of a session with and without its ORS.

use attune::domain::course::note::{note_text, session_note_text, OrsNote};
use attune::domain::words::Words;

use attune::domain::course::outcome::{ors_status, EpisodeNumbers};
use attune::domain::course::outcome::{session_rows, OutcomeCategory, OutcomeStatus};
use attune::domain::course::session::partner;
use attune::domain::measures::kinds::AgeGroup;
use attune::domain::measures::kinds::MeasureKind;
use attune::domain::measures::rating::NoteInput;
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::measures::score::{Tenths, Total};
use attune::domain::records::store::{Client, Store};
use attune::domain::time::utc;

fn measure(session: &str, day: u32, kind: MeasureKind, scores: [u16; 4]) -> Rating {
    let minute = if kind == MeasureKind::Ors { "00" } else { "50" };
    let when = format!("2026-01-{day:02}T10:{minute}:00Z").parse().unwrap();
    Rating {
        id: format!("{session}-{}", kind.short()),
        recorded_at: when,
        session_at: when,
        client_id: Some("c1".into()),
        scores: scores.iter().map(|&s| Tenths::new(s).unwrap()).collect(),
        scale_id: "x".into(),
        scale_version: 1,
        measure: kind,
        session_id: Some(session.into()),
        ..Default::default()
    }
}

fn ors(session: &str, day: u32, scores: [u16; 4]) -> Rating {
    measure(session, day, MeasureKind::Ors, scores)
}

fn srs(session: &str, day: u32, scores: [u16; 4]) -> Rating {
    measure(session, day, MeasureKind::Srs, scores)
}

/// Session 1: both (ORS 14.0, SRS 38.0); session 2: SRS only, a drop to
/// 36.0; session 3: ORS only, 19.0; session 4: both (ORS 20.5, SRS 32.0,
/// Approach 5.0).
fn store() -> Vec<Rating> {
    vec![
        ors("s1", 1, [35; 4]),
        srs("s1", 1, [95; 4]),
        srs("s2", 8, [90; 4]),
        ors("s3", 15, [45, 50, 45, 50]),
        // Saved out of order: the table follows the session dates.
        srs("s4", 22, [90, 90, 50, 90]),
        ors("s4", 22, [50, 50, 50, 55]),
    ]
}

#[test]
fn one_row_per_session_newest_first_with_either_measure_or_both() {
    let all = store();
    let rows = session_rows(
        &all,
        "c1",
        AgeGroup::Adult,
        &ScaleDefinition::builtin(),
        &EpisodeNumbers::default(),
        Words::EN,
    );
    let ids: Vec<&str> = rows.iter().map(|r| r.session_id).collect();
    assert_eq!(ids, ["s4", "s3", "s2", "s1"]);

    // Both: the ORS with its category, the SRS with every alert.
    let both = &rows[0];
    assert_eq!(both.ors.map(Rating::total), Some(Total(205)));
    assert_eq!(both.srs.map(Rating::total), Some(Total(320)));
    assert_eq!(
        both.at, all[5].session_at,
        "the session starts with its ORS"
    );
    let o = both.outcome.as_ref().unwrap();
    assert_eq!(o.category, OutcomeCategory::ReliableImprovement);
    assert_eq!(o.session_number, 3);
    assert_eq!(
        both.outcome_text(Words::EN),
        "Reliable improvement, up 6.5 since intake (14.0)"
    );
    assert!(both.alerts_text().contains("Below cutoff (total 32.0)"));
    assert!(both.alerts_text().contains("Sudden drop"));
    assert_eq!(both.ors_href().as_deref(), Some("#/review/s4-ORS"));
    assert_eq!(both.srs_href().as_deref(), Some("#/review/s4-SRS"));
    assert_eq!(both.main_rating().map(|r| r.id.as_str()), Some("s4-SRS"));
    assert_eq!(both.srs_index, Some(2));

    // ORS only: no SRS, no SRS alerts; the date opens the ORS.
    let ors_only = &rows[1];
    assert_eq!(ors_only.srs, None);
    assert!(ors_only.srs_alerts.is_empty());
    assert_eq!(ors_only.srs_href(), None);
    assert_eq!(
        ors_only.main_rating().map(|r| r.id.as_str()),
        Some("s3-ORS")
    );
    assert_eq!(
        ors_only.outcome_text(Words::EN),
        "Reliable improvement, up 5.0 since intake (14.0)"
    );

    // SRS only: the alerts as the SRS history has them; no ORS at all.
    let srs_only = &rows[2];
    assert_eq!(srs_only.ors, None);
    assert_eq!(srs_only.outcome, None);
    assert_eq!(srs_only.outcome_text(Words::EN), "");
    assert_eq!(srs_only.alerts_text(), "Drop of 2.0 since last session");
    assert_eq!(srs_only.srs_index, Some(1));

    // The first session: intake.
    assert_eq!(rows[3].outcome_text(Words::EN), "Intake");
    assert_eq!(rows[3].alerts_text(), "");

    // Every row reads its ORS as the review does.
    let store = with_client(all.clone());
    for row in &rows {
        assert_eq!(
            row.ors.and_then(|o| ors_status(&store, o, &utc)),
            row.outcome
        );
    }
}

#[test]
fn a_client_with_only_srs_has_the_rows_of_the_srs_history() {
    let all: Vec<Rating> = store()
        .into_iter()
        .filter(|r| r.measure == MeasureKind::Srs)
        .collect();
    let rows = session_rows(
        &all,
        "c1",
        AgeGroup::Adult,
        &ScaleDefinition::builtin(),
        &EpisodeNumbers::default(),
        Words::EN,
    );
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r.main_rating().unwrap().id.as_str())
        .collect();
    assert_eq!(ids, ["s4-SRS", "s2-SRS", "s1-SRS"]);
    assert!(rows.iter().all(|r| r.ors.is_none() && r.outcome.is_none()));
    // Another client's rows never show up.
    assert!(session_rows(
        &all,
        "c2",
        AgeGroup::Adult,
        &ScaleDefinition::builtin(),
        &EpisodeNumbers::default(),
        Words::EN,
    )
    .is_empty());
}

#[test]
fn the_no_change_alert_shows_in_the_row() {
    let all: Vec<Rating> = (1..=4)
        .map(|i| ors(&format!("s{i}"), i * 7, [50; 4]))
        .collect();
    let rows = session_rows(
        &all,
        "c1",
        AgeGroup::Adult,
        &ScaleDefinition::builtin(),
        &EpisodeNumbers::default(),
        Words::EN,
    );
    assert!(
        rows[0]
            .outcome_text(Words::EN)
            .contains("none by session 4"),
        "{}",
        rows[0].outcome_text(Words::EN)
    );
    assert!(!rows[1].outcome_text(Words::EN).contains("none by session"));
}

/// The ORS of session `key` and its status, as the review's note finds them
/// from the session's SRS (or from the ORS itself when there is no SRS).
fn session_ors<'a>(store: &'a Store, key: &str) -> Option<(&'a Rating, OutcomeStatus)> {
    let any = store.ratings.iter().find(|r| r.session_key() == key)?;
    let ors = if any.measure == MeasureKind::Ors {
        any
    } else {
        partner(&store.ratings, any, MeasureKind::Ors)?
    };
    Some((ors, ors_status(store, ors, &utc)?))
}

fn with_client(ratings: Vec<Rating>) -> Store {
    Store {
        clients: vec![Client {
            id: "c1".into(),
            label: "JD".into(),
            ..Default::default()
        }],
        ratings,
        ..Default::default()
    }
}

fn typed(feedback: &str) -> NoteInput {
    NoteInput {
        client_feedback: feedback.into(),
        therapist_response: String::new(),
    }
}

#[test]
fn the_note_of_a_session_with_an_ors_says_it_first() {
    let store = with_client(store());
    let all = &store.ratings;
    let srs_scale = ScaleDefinition::builtin();
    let ors_scale = ScaleDefinition::builtin_ors();
    let found = session_ors(&store, "s4").expect("s4 has an ORS");
    assert_eq!(found.0.id, "s4-ORS");
    let note = session_note_text(
        Some((&srs_scale, &all[4])),
        Some(OrsNote {
            scale: &ors_scale,
            total: found.0.total(),
            status: Some(&found.1),
        }),
        Some("JD"),
        "2026-01-22",
        &typed("liked it"),
        Words::EN,
    );
    assert_eq!(
        note,
        "2026-01-22, client JD\nORS total: 20.5/40 (intake 14.0, reliable improvement). SRS total: 32.0/40; lowest item: Approach or Method (5.0/10). Client's feedback: \"liked it\"."
    );

    // At intake.
    let first = session_ors(&store, "s1").unwrap();
    let note = session_note_text(
        Some((&srs_scale, &all[1])),
        Some(OrsNote {
            scale: &ors_scale,
            total: first.0.total(),
            status: Some(&first.1),
        }),
        None,
        "2026-01-01",
        &NoteInput::default(),
        Words::EN,
    );
    assert_eq!(
        note,
        "2026-01-01\nORS total: 14.0/40 (intake). SRS total: 38.0/40; lowest items: Relationship (9.5/10), Goals and Topics (9.5/10), Approach or Method (9.5/10) and Overall (9.5/10)."
    );

    // ORS only: no SRS sentence at all.
    let third = session_ors(&store, "s3").unwrap();
    let note = session_note_text(
        None,
        Some(OrsNote {
            scale: &ors_scale,
            total: third.0.total(),
            status: Some(&third.1),
        }),
        Some("JD"),
        "2026-01-15",
        &NoteInput::default(),
        Words::EN,
    );
    assert_eq!(
        note,
        "2026-01-15, client JD\nORS total: 19.0/40 (intake 14.0, reliable improvement)."
    );

    // An ORS with no history to compare with (not assigned to a client).
    let note = session_note_text(
        None,
        Some(OrsNote {
            scale: &ors_scale,
            total: Total(190),
            status: None,
        }),
        None,
        "2026-01-15",
        &NoteInput::default(),
        Words::EN,
    );
    assert_eq!(note, "2026-01-15\nORS total: 19.0/40.");
}

#[test]
fn the_note_of_a_session_without_an_ors_is_as_before() {
    let store = with_client(store());
    let all = &store.ratings;
    let scale = ScaleDefinition::builtin();
    assert!(session_ors(&store, "s2").is_none());
    let input = typed("fine");
    let plain = note_text(&scale, &all[2], Some("JD"), "2026-01-08", &input, Words::EN);
    assert_eq!(
        session_note_text(
            Some((&scale, &all[2])),
            None,
            Some("JD"),
            "2026-01-08",
            &input,
            Words::EN
        ),
        plain
    );
    assert!(
        plain.starts_with("2026-01-08, client JD\nSRS total: 36.0/40;"),
        "{plain}"
    );
    assert!(!plain.contains("ORS"));
}

#[test]
fn the_table_shows_the_twenty_most_recent_until_asked_for_all() {
    use attune::domain::course::outcome::{rows_shown, table_caption, RECENT_ROWS};
    assert_eq!(RECENT_ROWS, 20);
    assert_eq!(rows_shown(0, false), 0);
    assert_eq!(rows_shown(20, false), 20);
    assert_eq!(rows_shown(21, false), 20);
    assert_eq!(rows_shown(200, false), 20);
    assert_eq!(rows_shown(200, true), 200);
    assert_eq!(table_caption("Sessions", 20, 20, Words::EN), "Sessions");
    assert_eq!(
        table_caption("Sessions", 200, 20, Words::EN),
        "Sessions: the 20 most recent of 200"
    );
}
