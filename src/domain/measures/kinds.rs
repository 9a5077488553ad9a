//! What a rating is of and by whom: the measure (ORS or SRS), the rater,
//! and the age group whose norms apply. Stored in every rating and client,
//! so they live beside the scales rather than with the views that read them.

use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::{
    ORS_CUTOFF_ADOLESCENT, ORS_CUTOFF_ADULT, ORS_CUTOFF_CHILD,
};
use serde::{Deserialize, Serialize};

/// Which measure a set of scores is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MeasureKind {
    /// Outcome Rating Scale: the past week, at the start of a session.
    Ors,
    /// Session Rating Scale: this session, at its end. The default, since
    /// every rating before version 5 is one.
    #[default]
    Srs,
}

impl MeasureKind {
    /// True for the SRS (lets serde leave the default out of the record).
    pub fn is_srs(&self) -> bool {
        *self == MeasureKind::Srs
    }

    /// Short name for screens, notes and exports: `ORS` or `SRS`.
    pub fn short(self) -> &'static str {
        match self {
            MeasureKind::Ors => "ORS",
            MeasureKind::Srs => "SRS",
        }
    }
}

/// Who gave a measure. Stored as `{"type": "client"}`, `{"type": "member",
/// "id": …}` or `{"type": "collateral", "id": …, "label": …}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RaterWire", into = "RaterWire")]
pub enum RaterRef {
    /// The session's client themself: the usual case, and what every rating
    /// recorded before raters existed means.
    #[default]
    Client,
    /// Another person in the room who is part of the case (a partner, a
    /// family member, a group member): a member of the rating's client, by
    /// the member's id (see [`crate::domain::records::case::Member`]).
    Member {
        /// The member's id within the case.
        id: String,
    },
    /// Someone rating on the client's behalf (e.g. a parent rating a child's
    /// ORS), known only by a short label like every client. The label is
    /// kept with the rating, so it reads even without the member record.
    Collateral {
        /// The member's id within the case (a stable id for this rater).
        id: String,
        /// Short label the therapist chose ("Mum", "teacher").
        label: String,
    },
}

/// The stored shape of a rater, `{"type": "member", "id": …}`, read as a
/// plain struct: serde's internally tagged enums buffer the whole object
/// through a generic value first, several kilobytes of code on the form
/// page for three small cases.
#[derive(Serialize, Deserialize)]
struct RaterWire {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
}

impl TryFrom<RaterWire> for RaterRef {
    type Error = String;

    fn try_from(w: RaterWire) -> Result<Self, String> {
        match (w.kind.as_str(), w.id, w.label) {
            ("client", _, _) => Ok(RaterRef::Client),
            ("member", Some(id), _) => Ok(RaterRef::Member { id }),
            ("collateral", Some(id), Some(label)) => Ok(RaterRef::Collateral { id, label }),
            (kind, _, _) => Err(format!(
                "a rater of type \"{kind}\" without the fields it needs"
            )),
        }
    }
}

impl From<RaterRef> for RaterWire {
    fn from(r: RaterRef) -> Self {
        let (kind, id, label) = match r {
            RaterRef::Client => ("client", None, None),
            RaterRef::Member { id } => ("member", Some(id), None),
            RaterRef::Collateral { id, label } => ("collateral", Some(id), Some(label)),
        };
        RaterWire {
            kind: kind.to_string(),
            id,
            label,
        }
    }
}

impl RaterRef {
    /// True for the client themself.
    pub fn is_client(&self) -> bool {
        matches!(self, RaterRef::Client)
    }
}

/// Whose norms apply: the cutoff differs by age. Adult unless the therapist says otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AgeGroup {
    /// 18 and over: cutoff 25.0.
    #[default]
    Adult,
    /// 13–17: cutoff 28.0 (no primary source found; for the clinic to review).
    Adolescent,
    /// 6–12, rating the child version: cutoff 32.0.
    Child,
}

impl AgeGroup {
    /// True for the default (lets serde leave it out of the record).
    pub fn is_adult(&self) -> bool {
        *self == AgeGroup::Adult
    }

    /// Every age group, in the order a picker lists them.
    pub const ALL: [AgeGroup; 3] = [AgeGroup::Adult, AgeGroup::Adolescent, AgeGroup::Child];

    /// The clinical cutoff: totals below it look like a clinical population.
    pub fn cutoff(self) -> Total {
        Total(match self {
            AgeGroup::Adult => ORS_CUTOFF_ADULT,
            AgeGroup::Adolescent => ORS_CUTOFF_ADOLESCENT,
            AgeGroup::Child => ORS_CUTOFF_CHILD,
        })
    }

    /// Lower-case word for screens and notes: `adult`, `adolescent`, `child`.
    pub fn label(self) -> &'static str {
        match self {
            AgeGroup::Adult => "adult",
            AgeGroup::Adolescent => "adolescent",
            AgeGroup::Child => "child",
        }
    }
}
