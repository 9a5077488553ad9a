//! Helpers the native test files share: times, scores, clients and SRS
//! ratings built the one way every test means them. A test file takes them
//! with `mod common;` and keeps, at most, a one-line wrapper of its own that
//! fixes what all its cases share (the client, the day).
//!
//! Times are read with chrono's own RFC 3339 parser, not Attune's
//! `domain::time`, so a test's fixtures do not lean on the code under test.

// Each test file is its own crate and uses only some of these helpers.
#![allow(dead_code)]

use attune::domain::measures::kinds::{MeasureKind, RaterRef};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::score::Tenths;
use attune::domain::records::store::Client;
use chrono::{DateTime, Utc};

/// The instant an RFC 3339 text names, e.g. `at("2026-03-01T10:00:00Z")`.
/// Panics on text that is not one: fixtures are written by hand.
pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid test timestamp")
}

/// 10:00 UTC on day `day` of January 2026: the date of the `day`-th session
/// in tests where sessions are one day apart.
pub fn january(day: u32) -> DateTime<Utc> {
    at(&format!("2026-01-{day:02}T10:00:00Z"))
}

/// Scores in tenths (`[95, 80]` is 9.5 and 8.0). Panics above 100.
pub fn tenths(scores: &[u16]) -> Vec<Tenths> {
    scores
        .iter()
        .map(|&s| Tenths::new(s).expect("valid test score"))
        .collect()
}

/// An SRS rating (built-in scale `srs-attune`, version 1) given by the client
/// themselves for `client` (or for no client), recorded at the session time
/// `at`, with no note, line context or edit.
pub fn srs(id: &str, client: Option<&str>, at: DateTime<Utc>, scores: &[u16]) -> Rating {
    Rating {
        id: id.into(),
        recorded_at: at,
        session_at: at,
        client_id: client.map(String::from),
        scores: tenths(scores),
        scale_id: "srs-attune".into(),
        scale_version: 1,
        ..Default::default()
    }
}

/// A current (not archived, never edited) individual client.
pub fn client(id: &str, label: &str, created: DateTime<Utc>) -> Client {
    Client {
        id: id.into(),
        label: label.into(),
        created_at: created,
        ..Default::default()
    }
}

/// An ORS given in session `session` of `client` by `rater`, the four items
/// all `item` tenths (so the total is 4 × item: 50 → 20.0).
pub fn ors_by_in(
    id: &str,
    client: &str,
    session: &str,
    when: DateTime<Utc>,
    item: u16,
    rater: RaterRef,
) -> Rating {
    Rating {
        id: id.into(),
        recorded_at: when,
        session_at: when,
        client_id: Some(client.into()),
        scores: tenths(&[item; 4]),
        scale_id: "ors-attune".into(),
        scale_version: 1,
        measure: MeasureKind::Ors,
        session_id: Some(session.into()),
        rater,
        ..Default::default()
    }
}

/// The client's own ORS in session `session` ([`ors_by_in`]).
pub fn ors_in(id: &str, client: &str, session: &str, when: DateTime<Utc>, item: u16) -> Rating {
    ors_by_in(id, client, session, when, item, RaterRef::Client)
}

/// The client's own SRS in session `session`, every item `item` tenths.
pub fn srs_in(id: &str, client: &str, session: &str, when: DateTime<Utc>, item: u16) -> Rating {
    Rating {
        measure: MeasureKind::Srs,
        scale_id: "srs-attune".into(),
        ..ors_in(id, client, session, when, item)
    }
}
