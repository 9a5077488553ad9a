//! The session model: every stored rating becomes a one-measure SRS session
//! and back with nothing lost; an ORS and an SRS of the same client and day
//! pair into one session; serde keeps raters and measures.

use attune::domain::rating::Rating;
use attune::domain::score::{Tenths, Total};
use attune::domain::session::{
    ors_totals, pair_ors_srs, ratings_from_sessions, sessions_from_ratings, Measure, MeasureKind,
    RaterRef, Session,
};
use attune::domain::store::{decode, Store};
use attune::domain::time::parse;

const V1: &str = include_str!("fixtures/v1.json");
const V2: &str = include_str!("fixtures/v2.json");
const V3: &str = include_str!("fixtures/v3.json");

#[test]
fn every_v3_rating_becomes_a_one_measure_srs_session_and_back_unchanged() {
    let store = decode(V3).expect("v3 fixture").store;
    assert!(!store.ratings.is_empty());
    let sessions = sessions_from_ratings(&store);
    assert_eq!(sessions.len(), store.ratings.len());
    for (s, r) in sessions.iter().zip(&store.ratings) {
        assert_eq!(s.id, r.id);
        assert_eq!(s.client_id, r.client_id);
        assert_eq!(s.at, r.session_at);
        assert_eq!(s.measures.len(), 1);
        let m = &s.measures[0];
        assert_eq!(m.kind, MeasureKind::Srs);
        assert_eq!(m.rater, RaterRef::Client);
        assert_eq!(m.scores, r.scores);
        assert_eq!(m.recorded_at, r.recorded_at);
        assert_eq!(m.note, r.note);
    }
    // Field for field, including notes, line context and edit stamps.
    assert_eq!(ratings_from_sessions(&sessions), store.ratings);
    assert!(store
        .ratings
        .iter()
        .any(|r| r.note.is_some() && r.updated_at.is_some()));
}

#[test]
fn older_fixtures_convert_without_loss_too() {
    for (name, text) in [("v1", V1), ("v2", V2)] {
        let store = decode(text).expect(name).store;
        let sessions = sessions_from_ratings(&store);
        assert_eq!(ratings_from_sessions(&sessions), store.ratings, "{name}");
        // Unassigned quick ratings stay unassigned.
        for (s, r) in sessions.iter().zip(&store.ratings) {
            assert_eq!(s.client_id, r.client_id, "{name}");
        }
    }
    assert!(sessions_from_ratings(&Store::default()).is_empty());
}

#[test]
fn sessions_survive_json_and_a_client_rater_is_left_out_of_it() {
    let store = decode(V3).unwrap().store;
    let mut sessions = sessions_from_ratings(&store);
    let json = serde_json::to_string(&sessions).unwrap();
    assert!(!json.contains("\"rater\""), "the default rater is implicit");
    assert!(json.contains("\"kind\":\"srs\""));
    let back: Vec<Session> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, sessions);

    sessions[0].measures[0].rater = RaterRef::Collateral {
        id: "r1".into(),
        label: "Parent".into(),
    };
    let member = Measure {
        rater: RaterRef::Member { id: "c-2".into() },
        ..sessions[0].measures[0].clone()
    };
    sessions[0].measures.push(member);
    let json = serde_json::to_string(&sessions).unwrap();
    assert!(
        json.contains(r#""rater":{"type":"collateral","id":"r1","label":"Parent"}"#),
        "{json}"
    );
    assert!(
        json.contains(r#""rater":{"type":"member","id":"c-2"}"#),
        "{json}"
    );
    let back: Vec<Session> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, sessions);
    // Only the client's own SRS maps back onto today's one-rating format.
    assert_eq!(ratings_from_sessions(&back[..1]), Vec::<Rating>::new());
}

fn one(id: &str, client: Option<&str>, at: &str, kind: MeasureKind, scores: [u16; 4]) -> Session {
    Session {
        id: id.into(),
        client_id: client.map(Into::into),
        at: parse(at).unwrap(),
        measures: vec![Measure {
            id: format!("m-{id}"),
            kind,
            rater: RaterRef::Client,
            scores: scores.iter().map(|&s| Tenths::new(s).unwrap()).collect(),
            scale_id: match kind {
                MeasureKind::Ors => "ors-attune".into(),
                MeasureKind::Srs => "srs-attune".into(),
            },
            scale_version: 1,
            recorded_at: parse(at).unwrap(),
            updated_at: None,
            line: None,
            note: None,
        }],
    }
}

#[test]
fn an_ors_and_an_srs_of_the_same_client_and_day_pair_into_one_session() {
    let ors = one(
        "o",
        Some("c"),
        "2026-03-02T16:00:00Z",
        MeasureKind::Ors,
        [50; 4],
    );
    let srs = one(
        "s",
        Some("c"),
        "2026-03-02T16:50:00Z",
        MeasureKind::Srs,
        [90; 4],
    );
    for (a, b) in [(&ors, &srs), (&srs, &ors)] {
        let joined = pair_ors_srs(a, b, 0).expect("same client, same day");
        assert_eq!(joined.id, "o");
        assert_eq!(joined.at, ors.at);
        assert_eq!(joined.client_id.as_deref(), Some("c"));
        let kinds: Vec<MeasureKind> = joined.measures.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, [MeasureKind::Ors, MeasureKind::Srs]);
        assert_eq!(joined.own(MeasureKind::Srs), Some(&srs.measures[0]));
    }
}

#[test]
fn pairing_refuses_what_does_not_belong_together() {
    let ors = one(
        "o",
        Some("c"),
        "2026-03-02T16:00:00Z",
        MeasureKind::Ors,
        [50; 4],
    );
    let cases = [
        (
            "other client",
            one(
                "s",
                Some("d"),
                "2026-03-02T16:50:00Z",
                MeasureKind::Srs,
                [90; 4],
            ),
        ),
        (
            "no client",
            one("s", None, "2026-03-02T16:50:00Z", MeasureKind::Srs, [90; 4]),
        ),
        (
            "next day",
            one(
                "s",
                Some("c"),
                "2026-03-03T09:00:00Z",
                MeasureKind::Srs,
                [90; 4],
            ),
        ),
        (
            "two ORS",
            one(
                "s",
                Some("c"),
                "2026-03-02T16:50:00Z",
                MeasureKind::Ors,
                [90; 4],
            ),
        ),
    ];
    for (label, other) in cases {
        assert_eq!(pair_ors_srs(&ors, &other, 0), None, "{label}");
    }
    let unassigned = one("o", None, "2026-03-02T16:00:00Z", MeasureKind::Ors, [50; 4]);
    let srs = one("s", None, "2026-03-02T16:50:00Z", MeasureKind::Srs, [90; 4]);
    assert_eq!(pair_ors_srs(&unassigned, &srs, 0), None, "both unassigned");
    let mut both = ors.clone();
    both.measures.extend(srs.measures.clone());
    assert_eq!(pair_ors_srs(&both, &srs, 0), None, "already paired");
}

#[test]
fn the_day_is_the_therapists_local_day() {
    // 23:30 and 00:30 UTC are one evening in New York (UTC−5), two days in UTC.
    let ors = one(
        "o",
        Some("c"),
        "2026-03-02T23:30:00Z",
        MeasureKind::Ors,
        [50; 4],
    );
    let srs = one(
        "s",
        Some("c"),
        "2026-03-03T00:30:00Z",
        MeasureKind::Srs,
        [90; 4],
    );
    assert_eq!(pair_ors_srs(&ors, &srs, 0), None);
    assert!(pair_ors_srs(&ors, &srs, -300).is_some());
}

#[test]
fn ors_totals_are_the_clients_own_in_date_order() {
    let mut later = one(
        "b",
        Some("c"),
        "2026-03-09T16:00:00Z",
        MeasureKind::Ors,
        [60, 60, 60, 61],
    );
    let earlier = one(
        "a",
        Some("c"),
        "2026-03-02T16:00:00Z",
        MeasureKind::Ors,
        [50; 4],
    );
    let srs = one(
        "s",
        Some("c"),
        "2026-03-05T16:00:00Z",
        MeasureKind::Srs,
        [90; 4],
    );
    let other = one(
        "x",
        Some("d"),
        "2026-03-01T16:00:00Z",
        MeasureKind::Ors,
        [10; 4],
    );
    let mut collateral = one(
        "p",
        Some("c"),
        "2026-03-01T16:00:00Z",
        MeasureKind::Ors,
        [10; 4],
    );
    collateral.measures[0].rater = RaterRef::Collateral {
        id: "r".into(),
        label: "Dad".into(),
    };
    later.measures.push(collateral.measures[0].clone());
    let sessions = [later, srs, other, earlier, collateral];
    assert_eq!(ors_totals(&sessions, "c"), [Total(200), Total(241)]);
    assert_eq!(ors_totals(&sessions, "d"), [Total(40)]);
    assert!(ors_totals(&sessions, "nobody").is_empty());
}
