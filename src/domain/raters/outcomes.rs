//! Each person's ORS read on its own: after a couple's or a family's round
//! the therapist needs, for everyone who rated, what the single client's ORS
//! review gives one person: their intake, the change since it (reliable or
//! not) and where they stand against their own age group's cutoff.
//!
//! A person's intake is their own first ORS in the case, not the client's:
//! change is measured from each person's own starting point, and a child's
//! total is read against the child cutoff, an adult's against the adult one.
//! Only sessions up to the one read count, so a past session's reading never
//! changes when later sessions arrive (as [`OutcomeStatus::at`]).
//!
//! And only the sessions of the case's episode of care that holds the
//! session read (`course::episode`): a couple coming back after an ended
//! course starts again from each person's first ORS of the new episode, as
//! a single client does.

use crate::domain::course::episode::episodes_of;
use crate::domain::course::outcome::OutcomeStatus;
use crate::domain::course::session::{client_sessions, Session};
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::score::Total;
use crate::domain::raters::divergence::session_scores;
use crate::domain::records::case::same_rater;
use crate::domain::records::store::Store;
use crate::domain::time::Zone;

/// One person's ORS in a session, against their own intake and cutoff.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonOutcome {
    /// Their short label.
    pub label: String,
    /// Their reading: total, intake, change, category, cutoff.
    pub status: OutcomeStatus,
}

impl PersonOutcome {
    /// `KL: 22.5 / 40, below the adult cutoff of 25.0. Up 5.0 since intake
    /// (17.5). …`: the single client's ORS review words, for one person.
    pub fn text(&self) -> String {
        format!(
            "{}: {}",
            self.label,
            self.status.text(crate::domain::words::Words::EN)
        )
    }
}

/// Everyone who gave an ORS in `session`, in the order they rated, each
/// read against their own ORS history in the same case and the same
/// episode of care (episodes split by the store's end records, local dates
/// in `zone`).
pub fn people_outcomes(store: &Store, session: &Session<'_>, zone: Zone) -> Vec<PersonOutcome> {
    let Some(cid) = session.client_id else {
        return Vec::new();
    };
    let eps = episodes_of(
        cid,
        &store.ratings,
        &store.unrated,
        &store.episode_ends,
        zone,
    );
    // The episode holding the session; a session no episode holds (not
    // possible for a stored one) reads the whole case, as before episodes.
    let (sessions, episode) = match eps.containing(session.id) {
        Some(e) => (e.sessions.clone(), e.number),
        None => (client_sessions(&store.ratings, cid), 1),
    };
    let upto = sessions
        .iter()
        .position(|s| s.id == session.id)
        .map_or(sessions.len(), |i| i + 1);
    session_scores(store, session, MeasureKind::Ors, Rating::total)
        .into_iter()
        .filter_map(|person| {
            let totals: Vec<Total> = sessions[..upto]
                .iter()
                .filter_map(|s| {
                    s.measures
                        .iter()
                        .find(|r| {
                            r.measure == MeasureKind::Ors && same_rater(&r.rater, &person.rater)
                        })
                        .map(|r| r.total())
                })
                .collect();
            let status = OutcomeStatus::all(person.age_group, &totals)
                .pop()?
                .in_episode(episode);
            Some(PersonOutcome {
                label: person.label,
                status,
            })
        })
        .collect()
}
