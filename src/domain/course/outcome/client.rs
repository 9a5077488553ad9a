//! One client's ORS read out of the whole store: each session's status, and
//! the other clients' totals the "started like this" path is made from.

use crate::domain::course::outcome::OutcomeStatus;

use crate::domain::course::session::{client_sessions, sessions};
use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::score::Total;
use std::collections::BTreeMap;

/// A session's own ORS with what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct OrsSession<'a> {
    /// The session's id.
    pub session_id: &'a str,
    /// The client's own ORS of that session.
    pub rating: &'a Rating,
    /// Its status against intake and the age group's cutoff.
    pub status: OutcomeStatus,
}

/// The client's own ORS, session by session (the order of
/// [`crate::domain::course::session::ors_totals`], so intake is the first), each
/// with its [`OutcomeStatus`].
pub fn ors_sessions<'a>(
    ratings: &'a [Rating],
    client_id: &str,
    age: AgeGroup,
) -> Vec<OrsSession<'a>> {
    let own: Vec<(&'a str, &'a Rating)> = client_sessions(ratings, client_id)
        .into_iter()
        .filter_map(|s| s.own(MeasureKind::Ors).map(|r| (s.id, r)))
        .collect();
    let totals: Vec<Total> = own.iter().map(|(_, r)| r.total()).collect();
    own.into_iter()
        .zip(OutcomeStatus::all(age, &totals))
        .map(|((session_id, rating), status)| OrsSession {
            session_id,
            rating,
            status,
        })
        .collect()
}

/// Every other client's own ORS totals, each in session order (index 0 is
/// that client's intake): the `others` of [`crate::domain::course::expected::expected_path`].
/// Unassigned sessions and clients with no ORS are left out; clients come in
/// id order, so the result never depends on the order records were saved.
pub fn others_ors_totals(ratings: &[Rating], client_id: &str) -> Vec<Vec<Total>> {
    let mut by_client: BTreeMap<&str, Vec<Total>> = BTreeMap::new();
    for s in sessions(ratings) {
        let Some(c) = s.client_id.filter(|c| *c != client_id) else {
            continue;
        };
        if let Some(r) = s.own(MeasureKind::Ors) {
            by_client.entry(c).or_default().push(r.total());
        }
    }
    by_client.into_values().collect()
}
