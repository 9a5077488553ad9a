//! The outcomes report: what a therapist's or a practice's
//! clients gained over a period, in the indices every ORS/SRS system
//! reports (clinical notes, "Episodes of care and the outcomes indices"),
//! computed only from public rules (reliable change 5.0, cutoffs 25/28/32)
//! and the practice's own data.
//!
//! The caller picks the clients ("my clients", or everything this device
//! holds) and the period; the report reads their episodes
//! ([`crate::domain::course::episode`]) and gives, per age group and in
//! total, the figures of [`Figures`], each with its words in [`words`].
//!
//! Rules chosen where the issue is silent, and why:
//! - **Which episodes**: those whose span (first visit to end date, or to
//!   last visit while open) overlaps the period. An open episode with no
//!   visit in or after the period is left out: nothing says it went on.
//! - **Outcomes read ended episodes only**, those whose end date falls in
//!   the period: a course still running has no last ORS yet, and mixing it
//!   in would understate change and length.
//! - **Age group**: the client's as stored now (the store keeps no history
//!   of it), for the breakdown and for the cutoff, so the report reads each
//!   client exactly as the client's own review does; a child who turned
//!   adolescent mid-episode counts once, as adolescent.
//! - **Cases**: a couple, a family or a group is one client with one
//!   series of episodes; change reads the client themself (the person the
//!   case was opened for), so a group, whose record never rates, counts in
//!   episodes, sessions, length and dropout but has no change. Partners are
//!   not added as outcomes of their own: two people of one course of
//!   treatment are not independent, and counting both would narrow the
//!   interval without more evidence. Collateral raters are counted.
//! - **Archived clients** count: archiving hides a client from pickers,
//!   and a finished course is exactly an outcome to report.
//! - **Too few to tell**: an average or share resting on fewer than
//!   [`MIN_EPISODES_FOR_OUTCOMES`] episodes has no number; feedback
//!   elicited, a share of sessions, keeps My alliance's 20 sessions.
//!
//! Every figure is computed from the per-episode rows ([`EpisodeRow`]) and
//! nothing else, so the per-episode CSV reproduces the report.
//!
//! [`MIN_EPISODES_FOR_OUTCOMES`]: crate::domain::measures::thresholds::MIN_EPISODES_FOR_OUTCOMES

mod figures;
mod rows;
mod stats;
pub mod words;

pub use figures::{FigureKey, FigureValue, Figures, Group};
pub use rows::EpisodeRow;
pub use stats::{effect_size, mean, pearson, sample_sd, EffectSize, Estimate, Z_95};

use crate::domain::course::episode::all_episodes;

use crate::domain::measures::rating::Rating;
use crate::domain::records::episode_end::EpisodeEnd;
use crate::domain::records::store::Client;
use crate::domain::records::unrated::UnratedSession;
use crate::domain::time::{local_date, Zone};
use chrono::{DateTime, Utc};

/// What the report reads: the chosen clients, the records, the period.
#[derive(Clone, Copy)]
pub struct OutcomesInput<'a> {
    /// The clients to report on ("my clients", or all the device holds).
    pub clients: &'a [Client],
    /// Every rating (other clients' are ignored).
    pub ratings: &'a [Rating],
    /// Sessions logged without a rating.
    pub unrated: &'a [UnratedSession],
    /// Episode end records.
    pub ends: &'a [EpisodeEnd],
    /// The period's first instant.
    pub from: DateTime<Utc>,
    /// The period's last instant (usually now).
    pub to: DateTime<Utc>,
    /// The device's time zone: dates are the therapist's calendar days.
    pub zone: Zone<'a>,
}

/// The report.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomesReport {
    /// The period's first instant.
    pub from: DateTime<Utc>,
    /// The period's last instant.
    pub to: DateTime<Utc>,
    /// Every episode in the period, by client label, client id, episode.
    pub rows: Vec<EpisodeRow>,
    /// All episodes, then each age group, in [`Group::ALL`]'s order.
    pub groups: Vec<Figures>,
    /// End records of these clients that close no episode (a second end of
    /// one episode, or one dated before any session): for the shell to show.
    pub unused_ends: usize,
}

impl OutcomesReport {
    /// The figures of one group.
    pub fn group(&self, group: Group) -> &Figures {
        self.groups
            .iter()
            .find(|f| f.group == group)
            .expect("every group is computed")
    }
}

/// The outcomes report. O(n log n) in the records.
pub fn outcomes_report(input: OutcomesInput<'_>) -> OutcomesReport {
    let zone = input.zone;
    let (from_day, to_day) = (local_date(input.from, zone), local_date(input.to, zone));
    let all = all_episodes(input.ratings, input.unrated, input.ends, zone);
    let mut rows = Vec::new();
    let mut unused_ends = 0;
    for client in input.clients {
        let Some(eps) = all.get(client.id.as_str()) else {
            continue;
        };
        unused_ends += eps.unused_ends.len();
        rows.extend(
            eps.episodes
                .iter()
                .filter(|e| EpisodeRow::in_period(e, from_day, to_day, zone))
                .map(|e| EpisodeRow::of(client, e, input.from, input.to, zone)),
        );
    }
    rows.sort_by(|a, b| {
        (a.client_label.to_lowercase(), &a.client_id, a.episode).cmp(&(
            b.client_label.to_lowercase(),
            &b.client_id,
            b.episode,
        ))
    });
    let groups = Group::ALL.iter().map(|g| Figures::of(*g, &rows)).collect();
    OutcomesReport {
        from: input.from,
        to: input.to,
        rows,
        groups,
        unused_ends,
    }
}
