//! Sessions: the unit a therapist thinks in. A session belongs to a client
//! and a date and holds the measures given in it: an ORS at the start, an
//! SRS at the end, each optional, each from one rater; a couple, a family
//! or a group gives several of each, one per person (see
//! [`crate::domain::raters`]), with no migration: every measure already
//! says who gave it.
//!
//! In the stored document a measure is its own record (a [`Rating`] with a
//! `measure`, a `session_id` and a `rater`) rather than nested inside a
//! session record. The two halves of a session are saved minutes apart, by
//! the form page as records of their own, possibly in two tabs; nesting
//! would make those two saves rewrite one shared record and conflict. A
//! rating without a `session_id` is a session of its own: that is what every
//! rating stored before version 5 becomes, with no record rewritten.
//! [`sessions`] groups the records back into sessions for every view.

use crate::domain::course::history::date_order;
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::score::Total;
use chrono::{DateTime, Utc};
// Session keys are ids (UUIDs): FxHash reads them eight bytes at a time,
// where the standard SipHash was most of the caseload's time.
use rustc_hash::FxHashMap;

/// One session, read from the measures that share its key.
#[derive(Clone, Debug, PartialEq)]
pub struct Session<'a> {
    /// The session's id (the first measure's `session_key`).
    pub id: &'a str,
    /// The client; `None` for a quick, unassigned rating.
    pub client_id: Option<&'a str>,
    /// When the session took place: the earliest `session_at` of its measures.
    pub at: DateTime<Utc>,
    /// Its measures, in the order they were saved.
    pub measures: Vec<&'a Rating>,
}

impl<'a> Session<'a> {
    /// The client's own measure of this kind, if given.
    pub fn own(&self, kind: MeasureKind) -> Option<&'a Rating> {
        self.measures
            .iter()
            .copied()
            .find(|m| m.measure == kind && m.rater.is_client())
    }
}

/// The ratings grouped into sessions, ordered by date then id (so ties never
/// swap between views). A session's client is its first measure's.
pub fn sessions<'a>(ratings: impl IntoIterator<Item = &'a Rating>) -> Vec<Session<'a>> {
    let mut index: FxHashMap<&'a str, usize> = FxHashMap::default();
    let mut out: Vec<Session<'a>> = Vec::new();
    for r in ratings {
        match index.get(r.session_key()) {
            Some(&i) => {
                let s = &mut out[i];
                s.at = s.at.min(r.session_at);
                s.measures.push(r);
            }
            None => {
                index.insert(r.session_key(), out.len());
                out.push(Session {
                    id: r.session_key(),
                    client_id: r.client_id.as_deref(),
                    at: r.session_at,
                    measures: vec![r],
                });
            }
        }
    }
    out.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(b.id)));
    out
}

/// One client's sessions, in date order.
pub fn client_sessions<'a>(ratings: &'a [Rating], client_id: &str) -> Vec<Session<'a>> {
    sessions(
        ratings
            .iter()
            .filter(|r| r.client_id.as_deref() == Some(client_id)),
    )
}

/// One client's own ORS totals, in session order: the input of
/// [`crate::domain::course::outcome::OutcomeStatus::at`] and of the expected path.
pub fn ors_totals(ratings: &[Rating], client_id: &str) -> Vec<Total> {
    client_sessions(ratings, client_id)
        .iter()
        .filter_map(|s| s.own(MeasureKind::Ors).map(Rating::total))
        .collect()
}

/// The session of `client_id` still waiting for its SRS: the latest session
/// has an ORS (the client's, or any rater's in a case), no SRS yet, and took place on `today` (the
/// therapist's local day, `YYYY-MM-DD`, computed by the caller with
/// `day_of`). A session from an earlier day is over, whatever it lacks.
pub fn open_session<'a>(
    ratings: &'a [Rating],
    client_id: &str,
    today: &str,
    day_of: impl Fn(DateTime<Utc>) -> String,
) -> Option<Session<'a>> {
    let last = client_sessions(ratings, client_id).pop()?;
    // Any rater's ORS opens it (a group's are all members'); any SRS ends it.
    let has = |kind| last.measures.iter().any(|m| m.measure == kind);
    (has(MeasureKind::Ors) && !has(MeasureKind::Srs) && day_of(last.at) == today).then_some(last)
}

/// The other measure of `rating`'s session, of kind `kind`, by the client
/// themself: the SRS that followed an ORS, or the ORS that opened a session.
pub fn partner<'a>(
    ratings: &'a [Rating],
    rating: &Rating,
    kind: MeasureKind,
) -> Option<&'a Rating> {
    ratings.iter().find(|r| {
        r.id != rating.id
            && r.session_key() == rating.session_key()
            && r.measure == kind
            && r.rater.is_client()
    })
}

/// One client's session reduced to what the client gave themself: the view
/// of a session the client's page draws (chart axis, session table).
#[derive(Clone, Debug, PartialEq)]
pub struct OwnSession<'a> {
    /// The session's id.
    pub id: &'a str,
    /// When it took place: the `session_at` of the earlier of its own ORS
    /// and SRS (the ORS, at the start, when both were given).
    pub at: DateTime<Utc>,
    /// The client's own ORS, if given.
    pub ors: Option<&'a Rating>,
    /// The client's own SRS, if given.
    pub srs: Option<&'a Rating>,
}

impl OwnSession<'_> {
    /// The earlier of the two measures (the one [`OwnSession::at`] comes from).
    fn first(&self) -> Option<&Rating> {
        [self.ors, self.srs]
            .into_iter()
            .flatten()
            .min_by(|a, b| date_order(a, b))
    }
}

/// The sessions of `client_id` that hold the client's own ORS or SRS, in
/// date order: by their earlier own measure, then that measure's save time
/// and id (so a client with only SRS sessions gets exactly the SRS history's
/// order, [`date_order`]). Sessions with only other raters' measures are
/// left out.
pub fn own_sessions<'a>(ratings: &'a [Rating], client_id: &str) -> Vec<OwnSession<'a>> {
    let mut out: Vec<OwnSession<'a>> = client_sessions(ratings, client_id)
        .into_iter()
        .filter_map(|s| {
            let mut own = OwnSession {
                id: s.id,
                at: s.at,
                ors: s.own(MeasureKind::Ors),
                srs: s.own(MeasureKind::Srs),
            };
            own.at = own.first()?.session_at;
            Some(own)
        })
        .collect();
    out.sort_by(|a, b| match (a.first(), b.first()) {
        (Some(x), Some(y)) => date_order(x, y),
        _ => a.id.cmp(b.id),
    });
    out
}
