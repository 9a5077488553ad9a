//! The session model for the next schema (not yet wired into the store): a
//! session holds every measure given in it, so an ORS at the start and an SRS
//! at the end, from one rater or several, belong together.
//!
//! Today's store keeps one SRS rating per record; [`sessions_from_ratings`]
//! turns each into a one-measure session and [`ratings_from_sessions`] turns
//! them back, field for field, which is how the tests prove nothing is lost.

use super::note::NoteInput;
use super::rating::{LineContext, Rating};
use super::score::{Tenths, Total};
use super::store::Store;
use super::time;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Which measure a set of scores is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MeasureKind {
    /// Outcome Rating Scale: the past week, at the start of a session.
    Ors,
    /// Session Rating Scale: this session, at its end.
    Srs,
}

/// Who gave a measure. Stored as `{"type": "client"}`, `{"type": "member",
/// "id": …}` or `{"type": "collateral", "id": …, "label": …}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum RaterRef {
    /// The session's client themself: the usual case, and what every rating
    /// recorded before raters existed means.
    #[default]
    Client,
    /// Another person in the room who is also a client of the case (a
    /// partner, a family member, a group member), by their client id.
    Member {
        /// The member's client id.
        id: String,
    },
    /// Someone rating on the client's behalf (e.g. a parent rating a child's
    /// ORS), known only by a short label like every client.
    Collateral {
        /// A stable id for this rater within the case.
        id: String,
        /// Short label the therapist chose ("Mum", "teacher").
        label: String,
    },
}

impl RaterRef {
    /// True for the client themself.
    pub fn is_client(&self) -> bool {
        matches!(self, RaterRef::Client)
    }
}

/// One rater's scores on one measure in a session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// Unique id; for a converted rating, the rating's id, so merges still match.
    pub id: String,
    /// ORS or SRS.
    pub kind: MeasureKind,
    /// Who rated; the client themself when absent.
    #[serde(default, skip_serializing_if = "RaterRef::is_client")]
    pub rater: RaterRef,
    /// Item scores in tenths, in the scale's item order.
    pub scores: Vec<Tenths>,
    /// Id of the scale definition used.
    pub scale_id: String,
    /// Version of the scale definition used.
    pub scale_version: u32,
    /// When these scores were saved.
    #[serde(with = "super::time::rfc3339")]
    pub recorded_at: DateTime<Utc>,
    /// When this measure's client, date or note was last edited.
    #[serde(
        default,
        with = "super::time::rfc3339_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<DateTime<Utc>>,
    /// How the line was drawn, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<LineContext>,
    /// The therapist's note on this measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<NoteInput>,
}

impl Measure {
    /// Sum of the item scores.
    pub fn total(&self) -> Total {
        Total::of(&self.scores)
    }
}

/// Everything measured in one session with one client.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Unique id; for a converted rating, the rating's id.
    pub id: String,
    /// The client; `None` for a quick, unassigned rating (as today).
    #[serde(default)]
    pub client_id: Option<String>,
    /// When the session took place.
    #[serde(with = "super::time::rfc3339")]
    pub at: DateTime<Utc>,
    /// The measures given, in the order they were given.
    pub measures: Vec<Measure>,
}

impl Session {
    /// The client's own measure of this kind, if given.
    pub fn own(&self, kind: MeasureKind) -> Option<&Measure> {
        self.measures
            .iter()
            .find(|m| m.kind == kind && m.rater.is_client())
    }
}

/// Every stored rating as a one-measure SRS session, in the store's order.
///
/// Every rating recorded so far is an SRS (the only measure the app had),
/// whatever its scale id (a licensed wording pack has its own), and was
/// given by the client themself.
pub fn sessions_from_ratings(store: &Store) -> Vec<Session> {
    store
        .ratings
        .iter()
        .map(|r| Session {
            id: r.id.clone(),
            client_id: r.client_id.clone(),
            at: r.session_at,
            measures: vec![Measure {
                id: r.id.clone(),
                kind: MeasureKind::Srs,
                rater: RaterRef::Client,
                scores: r.scores.clone(),
                scale_id: r.scale_id.clone(),
                scale_version: r.scale_version,
                recorded_at: r.recorded_at,
                updated_at: r.updated_at,
                line: r.line,
                note: r.note.clone(),
            }],
        })
        .collect()
}

/// The client's own SRS measures as today's ratings: the inverse of
/// [`sessions_from_ratings`]. Other measures and raters have no place in the
/// current format and are left out.
pub fn ratings_from_sessions(sessions: &[Session]) -> Vec<Rating> {
    sessions
        .iter()
        .flat_map(|s| {
            s.measures
                .iter()
                .filter(|m| m.kind == MeasureKind::Srs && m.rater.is_client())
                .map(move |m| Rating {
                    id: m.id.clone(),
                    recorded_at: m.recorded_at,
                    session_at: s.at,
                    client_id: s.client_id.clone(),
                    scores: m.scores.clone(),
                    scale_id: m.scale_id.clone(),
                    scale_version: m.scale_version,
                    line: m.line,
                    updated_at: m.updated_at,
                    note: m.note.clone(),
                })
        })
        .collect()
}

/// Joins an ORS-only session and an SRS-only session of the same client on
/// the same local day into one session (ORS first, as it is given first).
///
/// The day is the therapist's calendar day (`offset_east_minutes` as the
/// shell reads it), so an evening session is not split at midnight UTC. The
/// joined session keeps the ORS session's id and the earlier of the two
/// times. `None` when the two do not belong together: different or missing
/// clients, different days, or not exactly one ORS-only and one SRS-only.
pub fn pair_ors_srs(a: &Session, b: &Session, offset_east_minutes: i32) -> Option<Session> {
    let only =
        |s: &Session, kind| !s.measures.is_empty() && s.measures.iter().all(|m| m.kind == kind);
    let (ors, srs) = if only(a, MeasureKind::Ors) && only(b, MeasureKind::Srs) {
        (a, b)
    } else if only(b, MeasureKind::Ors) && only(a, MeasureKind::Srs) {
        (b, a)
    } else {
        return None;
    };
    let client = ors.client_id.as_ref()?;
    if srs.client_id.as_ref() != Some(client) {
        return None;
    }
    let day = |at| time::local_minutes(at, offset_east_minutes)[..10].to_string();
    if day(ors.at) != day(srs.at) {
        return None;
    }
    Some(Session {
        id: ors.id.clone(),
        client_id: Some(client.clone()),
        at: ors.at.min(srs.at),
        measures: ors.measures.iter().chain(&srs.measures).cloned().collect(),
    })
}

/// One client's own ORS totals, in session order: the input of
/// [`crate::domain::outcome::OutcomeStatus::at`] and of the expected path.
/// Sessions are ordered by date, then id, so ties never swap between views.
pub fn ors_totals(sessions: &[Session], client_id: &str) -> Vec<Total> {
    let mut own: Vec<(&DateTime<Utc>, &str, Total)> = sessions
        .iter()
        .filter(|s| s.client_id.as_deref() == Some(client_id))
        .filter_map(|s| {
            s.own(MeasureKind::Ors)
                .map(|m| (&s.at, s.id.as_str(), m.total()))
        })
        .collect();
    own.sort_unstable();
    own.into_iter().map(|(_, _, t)| t).collect()
}
