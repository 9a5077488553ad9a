//! One client's ORS read out of the whole store: each session's status, and
//! the other clients' totals (episode by episode) the "started like this"
//! path is made from.

use crate::domain::course::outcome::OutcomeStatus;

use crate::domain::course::episode::{all_episodes, episode_numbers, episodes_of, ClientEpisodes};
use crate::domain::course::expected::Course;
use crate::domain::course::session::client_sessions;
use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::score::Total;
use crate::domain::records::episode_end::EpisodeEnd;
use crate::domain::records::store::Store;
use crate::domain::records::unrated::UnratedSession;
use crate::domain::time::Zone;
use std::collections::BTreeMap;

/// Session id to episode number ([`crate::domain::course::episode::episode_numbers`]);
/// empty reads every session as one episode.
pub type EpisodeNumbers<'a> = rustc_hash::FxHashMap<&'a str, usize>;

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
/// [`crate::domain::course::session::ors_totals`]), each with its
/// [`OutcomeStatus`] read within its episode (`episodes`), so each
/// episode's intake is its own first ORS.
pub fn ors_sessions<'a>(
    ratings: &'a [Rating],
    client_id: &str,
    age: AgeGroup,
    episodes: &EpisodeNumbers<'_>,
) -> Vec<OrsSession<'a>> {
    let own: Vec<(&'a str, &'a Rating)> = client_sessions(ratings, client_id)
        .into_iter()
        .filter_map(|s| s.own(MeasureKind::Ors).map(|r| (s.id, r)))
        .collect();
    // Each episode reads from its own intake: the statuses are computed per
    // run of sessions of one episode (a session no episode holds counts in
    // the first, as before episodes existed).
    let mut out = Vec::with_capacity(own.len());
    let mut start = 0;
    while start < own.len() {
        let number = |i: usize| episodes.get(own[i].0).copied().unwrap_or(1);
        let mut end = start + 1;
        while end < own.len() && number(end) == number(start) {
            end += 1;
        }
        let totals: Vec<Total> = own[start..end].iter().map(|(_, r)| r.total()).collect();
        for ((session_id, rating), status) in own[start..end]
            .iter()
            .copied()
            .zip(OutcomeStatus::all(age, &totals))
        {
            out.push(OrsSession {
                session_id,
                rating,
                status: status.in_episode(number(start)),
            });
        }
        start = end;
    }
    out
}

/// The ORS reading of `rating` (the client's own ORS) within its episode of
/// care: its place among the episode's ORS, read with the client's age
/// group, episodes split by the store's end records in `zone`. `None` for an
/// SRS, another rater's ORS, or an ORS not (yet) assigned to a client.
pub fn ors_status(store: &Store, rating: &Rating, zone: Zone) -> Option<OutcomeStatus> {
    if !rating.is_own_ors() {
        return None;
    }
    let cid = rating.client_id.as_deref()?;
    let age = store
        .clients
        .iter()
        .find(|c| c.id == cid)
        .map(|c| c.age_group)
        .unwrap_or_default();
    let eps = episodes_of(
        cid,
        &store.ratings,
        &store.unrated,
        &store.episode_ends,
        zone,
    );
    ors_sessions(&store.ratings, cid, age, &episode_numbers(&eps))
        .into_iter()
        .find(|s| s.rating.id == rating.id)
        .map(|s| s.status)
}

/// Every other client's own ORS totals, one list per episode of care with the
/// client's id, each in session order (index 0 is that episode's intake): the `others` of
/// [`crate::domain::course::expected::expected_path`]. A client who came back
/// after an ended course contributes each course from its own intake, as
/// their review reads it, not one line from a score of another life.
/// Episodes are split by `ends` (with `unrated` as visits) in `zone`.
/// Unassigned sessions and episodes with no ORS are left out; clients come
/// in id order and their episodes oldest first, so the result never depends
/// on the order records were saved.
pub fn others_ors_totals(
    ratings: &[Rating],
    unrated: &[UnratedSession],
    ends: &[EpisodeEnd],
    client_id: &str,
    zone: Zone,
) -> Vec<Course> {
    let by_client: BTreeMap<&str, ClientEpisodes<'_>> = all_episodes(ratings, unrated, ends, zone)
        .into_iter()
        .filter(|(c, _)| *c != client_id)
        .collect();
    by_client
        .into_iter()
        .flat_map(|(c, eps)| {
            eps.episodes
                .into_iter()
                .map(move |e| (c.to_string(), e.ors_totals()))
        })
        .filter(|(_, totals)| !totals.is_empty())
        .collect()
}
