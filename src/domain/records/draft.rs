//! An in-progress rating, saved after every change so a reload or a crashed
//! tab loses no marks.

use crate::domain::measures::kinds::{MeasureKind, RaterRef};
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::Tenths;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Marks placed so far; `None` where a line is still blank.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Scale the marks belong to; a draft for another scale is discarded.
    pub scale_id: String,
    /// Version of that scale.
    pub scale_version: u32,
    /// Client chosen before the rating started, if any.
    #[serde(default)]
    pub client_id: Option<String>,
    /// Back-dated session time, if the therapist set one.
    #[serde(default, with = "crate::domain::time::rfc3339_opt")]
    pub session_at: Option<DateTime<Utc>>,
    /// One entry per item, in scale order.
    pub scores: Vec<Option<Tenths>>,
    /// Which measure is being given (the SRS unless a session started with
    /// the ORS); decides the scale and the wording of the form.
    #[serde(default)]
    pub measure: MeasureKind,
    /// The session this measure belongs to, when it is part of a started
    /// session (ORS then SRS); `None` for a rating of its own.
    #[serde(default)]
    pub session_id: Option<String>,
    /// Who is rating: the client themself unless a round passes the tablet
    /// to another person of the case (see [`crate::domain::raters::round`]).
    /// A draft never changes hands: marks placed by one rater are never
    /// shown to the next.
    #[serde(default, skip_serializing_if = "RaterRef::is_client")]
    pub rater: RaterRef,
}

/// What the therapist is told when [`Draft::in_the_way_of`] holds.
pub const IN_THE_WAY: &str = "The form holds marks of a rating not yet finished. Open Rate and \
     press Done (or Clear all marks) before starting this one, so no mark is lost unawares.";

impl Draft {
    /// A blank draft: no marks at all (a preset mark would bias the client).
    pub fn blank(scale: &ScaleDefinition) -> Self {
        Draft {
            scale_id: scale.id.clone(),
            scale_version: scale.version,
            client_id: None,
            session_at: None,
            scores: vec![None; scale.items.len()],
            measure: MeasureKind::Srs,
            session_id: None,
            rater: RaterRef::Client,
        }
    }

    /// A blank draft of `measure` on `scale` for `client_id`, part of the
    /// session `session_id`: what "Start session" (the ORS) and "Rate the
    /// session" (the SRS that follows) hand to the form.
    pub fn for_session(
        scale: &ScaleDefinition,
        measure: MeasureKind,
        client_id: &str,
        session_id: &str,
    ) -> Self {
        Draft {
            client_id: Some(client_id.to_string()),
            measure,
            session_id: Some(session_id.to_string()),
            ..Draft::blank(scale)
        }
    }

    /// This draft for a rating of its own by `client_id` ("Rate a session",
    /// spoken scores from a client's page), `scale` being that client's own
    /// SRS version (a child's, see [`crate::domain::raters::choose`]): the client
    /// is named, and a blank SRS draft of no session moves to `scale`, so a
    /// child gets the child version here too. Marks, or a measure of a
    /// started session, are never replaced; and `None` when the draft is
    /// another client's rating under way (marks, or a measure of their
    /// session): naming this client would file it under the wrong person,
    /// so the caller says [`IN_THE_WAY`] and changes nothing.
    pub fn for_client(&self, scale: &ScaleDefinition, client_id: &str) -> Option<Draft> {
        let others = self.client_id.as_deref().is_some_and(|c| c != client_id);
        if others && (self.session_id.is_some() || !self.is_empty()) {
            return None;
        }
        let mut next = self.clone();
        next.client_id = Some(client_id.to_string());
        let plain = self.measure == MeasureKind::Srs && self.session_id.is_none();
        if plain && self.is_empty() && !self.fits(scale) {
            next = Draft {
                client_id: next.client_id,
                session_at: self.session_at,
                rater: self.rater.clone(),
                ..Draft::blank(scale)
            };
        }
        Some(next)
    }

    /// The draft as stored: what `serde_json::to_string` writes, by the hand
    /// codec ([`crate::domain::records::codec::draft`]), so the form links no serde.
    pub fn encode(&self) -> String {
        crate::domain::records::codec::draft::encode(self)
    }

    /// Reads a stored draft: what serde would read, `None` for what it
    /// would refuse.
    pub fn decode(text: &str) -> Option<Self> {
        crate::domain::records::codec::draft::decode(text)
    }

    /// True when the draft fits this scale (same id, version and item count).
    pub fn fits(&self, scale: &ScaleDefinition) -> bool {
        self.scale_id == scale.id
            && self.scale_version == scale.version
            && self.scores.len() == scale.items.len()
    }

    /// True when every line has a mark: the Done button's gate.
    pub fn is_complete(&self) -> bool {
        self.scores.iter().all(Option::is_some)
    }

    /// True when `other` is a draft of the same rating: the same session,
    /// measure and rater (a resumed form, not a new one).
    pub fn same_rating(&self, other: &Draft) -> bool {
        self.session_id == other.session_id
            && self.measure == other.measure
            && self.rater == other.rater
    }

    /// True when replacing this draft with `next` would lose marks: it has
    /// some, and `next` is another rating. Starting a session or a round
    /// then waits for the therapist to finish or clear this one.
    pub fn in_the_way_of(&self, next: &Draft) -> bool {
        !self.is_empty() && !self.same_rating(next)
    }

    /// True when no line has a mark yet.
    pub fn is_empty(&self) -> bool {
        self.scores.iter().all(Option::is_none)
    }

    /// Turns a complete draft into a rating; `None` while any line is blank.
    /// The id and the clock come from the caller: the core never reads either.
    pub fn complete(&self, id: String, now: DateTime<Utc>) -> Option<Rating> {
        let scores: Option<Vec<Tenths>> = self.scores.iter().copied().collect();
        Some(Rating {
            id,
            recorded_at: now,
            session_at: self.session_at.unwrap_or(now),
            client_id: self.client_id.clone(),
            scores: scores?,
            scale_id: self.scale_id.clone(),
            scale_version: self.scale_version,
            line: None,
            updated_at: None,
            note: None,
            measure: self.measure,
            session_id: self.session_id.clone(),
            rater: self.rater.clone(),
            therapist: None,
            wording: None,
        })
    }
}
