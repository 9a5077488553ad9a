//! The client's session table: one row per session, newest first, with the
//! ORS (and what its change since intake means) beside the SRS (and every
//! alert the SRS history knows), and the ratings each row opens.

use crate::domain::course::history::{number_text, row_alert_labels, ClientHistory};
use crate::domain::course::outcome::client::ors_sessions;
use crate::domain::course::outcome::EpisodeNumbers;
use crate::domain::course::outcome::OutcomeStatus;
use crate::domain::course::session::own_sessions;
use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::thresholds::ORS_NO_CHANGE_SESSIONS;
use crate::domain::records::store::Client;
use crate::domain::route::Route;
use crate::domain::words::Words;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// One session of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionRow<'a> {
    /// The session's id.
    pub session_id: &'a str,
    /// When it took place (the earlier of its own ORS and SRS).
    pub at: DateTime<Utc>,
    /// The client's own ORS, if given.
    pub ors: Option<&'a Rating>,
    /// That ORS's status against intake and the cutoff.
    pub outcome: Option<OutcomeStatus>,
    /// The client's own SRS, if given.
    pub srs: Option<&'a Rating>,
    /// The SRS's position in [`ClientHistory::sessions`] (date order), to
    /// link the row to the SRS chart.
    pub srs_index: Option<usize>,
    /// Every SRS alert of the session ([`row_alert_labels`]); empty without an SRS.
    pub srs_alerts: Vec<String>,
}

impl SessionRow<'_> {
    /// The rating the row's date opens: the SRS when there is one (as the
    /// SRS-only table always did), else the ORS.
    pub fn main_rating(&self) -> Option<&Rating> {
        self.srs.or(self.ors)
    }

    /// Who held the session: what its SRS (else its ORS) records, else the
    /// client's therapist (see [`crate::domain::records::therapist::held_by`]).
    pub fn seen_by<'c>(&'c self, client: Option<&'c Client>) -> Option<&'c str> {
        self.srs
            .into_iter()
            .chain(self.ors)
            .find_map(|r| r.therapist.as_deref())
            .or_else(|| client.and_then(|c| c.therapist.as_deref()))
    }

    /// The wording the session's measures were shown in (its SRS's, else
    /// its ORS's); `None` for Attune's own English.
    pub fn wording(&self) -> Option<&crate::domain::measures::language::Wording> {
        self.srs
            .into_iter()
            .chain(self.ors)
            .find_map(|r| r.wording.as_deref())
    }

    /// Where the ORS opens, `#/review/<id>`.
    pub fn ors_href(&self) -> Option<String> {
        self.ors.map(review_href)
    }

    /// Where the SRS opens, `#/review/<id>`.
    pub fn srs_href(&self) -> Option<String> {
        self.srs.map(review_href)
    }

    /// `Reliable improvement, up 5.0 since intake (13.5)`, `Intake`; with
    /// the no-change alert when it applies; empty without an ORS. In `w`'s
    /// language.
    pub fn outcome_text(&self, w: Words) -> String {
        let Some(s) = &self.outcome else {
            return String::new();
        };
        let base = match s.since_intake {
            None => s.category.label(w).to_string(),
            Some(c) => w.trf(
                "{category}, {change} since intake ({intake})",
                &[
                    ("category", &s.category.label(w)),
                    ("change", &c.words(w)),
                    ("intake", &number_text(s.intake, w)),
                ],
            ),
        };
        if s.no_change_alert {
            w.trf(
                "{base}; none by session {by}: worth reviewing the plan",
                &[("base", &base), ("by", &ORS_NO_CHANGE_SESSIONS)],
            )
        } else {
            base
        }
    }

    /// The SRS alerts as one cell, joined by `; `.
    pub fn alerts_text(&self) -> String {
        self.srs_alerts.join("; ")
    }
}

/// Sessions the client's table shows before "Show all": the most recent 20
/// (about five months of weekly sessions, what a review of progress reads
/// first). The charts above always cover every session. A product
/// decision for speed: a long history's table is most of the page's work
/// (about 36 nodes a row), and opening a client must stay quick.
pub const RECENT_ROWS: usize = 20;

/// How many of `total` sessions the table shows.
pub fn rows_shown(total: usize, show_all: bool) -> usize {
    if show_all {
        total
    } else {
        total.min(RECENT_ROWS)
    }
}

/// The table's caption: `base`, and when rows are held back, how many show
/// (in `w`'s language).
pub fn table_caption(base: &str, total: usize, shown: usize, w: Words) -> String {
    if shown < total {
        w.trf(
            "{base}: the {shown} most recent of {total}",
            &[("base", &base), ("shown", &shown), ("total", &total)],
        )
    } else {
        base.to_string()
    }
}

/// `#/review/<id>`: the review of one measure.
pub fn review_href(rating: &Rating) -> String {
    Route::Review(rating.id.clone()).to_hash()
}

/// Every session of `client_id` with the client's own ORS or SRS, newest
/// first, in the order of the shared chart axis reversed. ORS statuses use
/// `age`'s cutoff and read within each session's episode (`episodes`); SRS alerts are worded with `srs_scale`'s item names, in `w`'s language.
pub fn session_rows<'a>(
    ratings: &'a [Rating],
    client_id: &str,
    age: AgeGroup,
    srs_scale: &ScaleDefinition,
    episodes: &EpisodeNumbers<'_>,
    w: Words,
) -> Vec<SessionRow<'a>> {
    let history = ClientHistory::for_client(ratings, client_id);
    let mut labels = row_alert_labels(&history, srs_scale, w).into_iter();
    let srs: HashMap<&str, (usize, Vec<String>)> = history
        .sessions()
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), (i, labels.next().unwrap_or_default())))
        .collect();
    let mut ors: HashMap<&str, OutcomeStatus> = ors_sessions(ratings, client_id, age, episodes)
        .into_iter()
        .map(|s| (s.session_id, s.status))
        .collect();
    let mut rows: Vec<SessionRow<'a>> = own_sessions(ratings, client_id)
        .into_iter()
        .map(|s| {
            let (srs_index, srs_alerts) = s
                .srs
                .and_then(|r| srs.get(r.id.as_str()).cloned())
                .map_or((None, Vec::new()), |(i, l)| (Some(i), l));
            SessionRow {
                session_id: s.id,
                at: s.at,
                ors: s.ors,
                outcome: ors.remove(s.id),
                srs: s.srs,
                srs_index,
                srs_alerts,
            }
        })
        .collect();
    rows.reverse();
    rows
}
