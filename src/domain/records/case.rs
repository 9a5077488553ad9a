//! What a case is made of: its kind (an individual, a couple, a family or a
//! group) and the people in it besides the client record itself, each known
//! only by a short label like every client.
//!
//! Why the people live inside the client record: a case is seen as one
//! (one caseload line, one session list), and the members of a family are
//! not clients of their own elsewhere in the app. Keeping them in the record
//! lets every version-5 reader see an individual with nothing stored: `kind`
//! and `members` are left out of the JSON while they are the defaults.
//!
//! Who the client record is: for an individual, a couple and a family it is
//! a person in the room (the one the case was opened for), who rates as
//! [`RaterRef::Client`]; the members are the others. For a group it names the
//! group itself ("Tue group"), so nobody rates as the client and every
//! person is a member. [`CaseKind::client_rates`] is that rule.

use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::kinds::RaterRef;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What kind of case a client record is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseKind {
    /// One person: the default, and every client stored before cases existed.
    #[default]
    Individual,
    /// Two partners seen together.
    Couple,
    /// A family seen together (the client record is usually the child or
    /// person the family came about).
    Family,
    /// A group run by the therapist; the record names the group.
    Group,
}

impl CaseKind {
    /// Every kind, in the order a picker lists them.
    pub const ALL: [CaseKind; 4] = [
        CaseKind::Individual,
        CaseKind::Couple,
        CaseKind::Family,
        CaseKind::Group,
    ];

    /// True for the default (lets serde leave it out of the record).
    pub fn is_individual(&self) -> bool {
        *self == CaseKind::Individual
    }

    /// Lower-case word for screens and notes: `individual`, `couple`, …
    pub fn label(self) -> &'static str {
        match self {
            CaseKind::Individual => "individual",
            CaseKind::Couple => "couple",
            CaseKind::Family => "family",
            CaseKind::Group => "group",
        }
    }

    /// True when the client record is itself a person who rates (every kind
    /// but a group, whose record names the group).
    pub fn client_rates(self) -> bool {
        self != CaseKind::Group
    }
}

/// A person in a case besides the client record: a partner, a family
/// member, a group member, or a collateral rater (someone who rates on the
/// client's behalf, such as a parent rating a child's ORS).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Stable id within the case (made by the shell), named by ratings.
    pub id: String,
    /// Initials or a short code, checked like a client's label.
    pub label: String,
    /// Which versions of the scales they get (child versions for a child)
    /// and whose ORS cutoff applies; adult unless the therapist says otherwise.
    #[serde(default, skip_serializing_if = "AgeGroup::is_adult")]
    pub age_group: AgeGroup,
    /// A collateral rater: rates on the client's behalf and is not ticked
    /// as present by default.
    #[serde(default, skip_serializing_if = "is_false")]
    pub collateral: bool,
    /// Archived members are not offered for new sessions; their ratings stay.
    #[serde(default, skip_serializing_if = "is_false")]
    pub archived: bool,
    /// When the member was added.
    #[serde(with = "crate::domain::time::rfc3339")]
    pub created_at: DateTime<Utc>,
    /// When the member last changed; merges keep the later copy of each
    /// member, so an edit in one tab is not undone by another.
    #[serde(
        default,
        with = "crate::domain::time::rfc3339_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<DateTime<Utc>>,
}

impl Member {
    /// How this member's ratings name them: `Collateral { id, label }` for a
    /// collateral rater (the label travels with the rating), `Member { id }`
    /// otherwise.
    pub fn rater(&self) -> RaterRef {
        if self.collateral {
            RaterRef::Collateral {
                id: self.id.clone(),
                label: self.label.clone(),
            }
        } else {
            RaterRef::Member {
                id: self.id.clone(),
            }
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The id a rater is known by within a case: `None` for the client
/// themself, the member id otherwise. Two refs with the same key are the
/// same person, whatever label a collateral ref carries.
pub fn rater_key(rater: &RaterRef) -> Option<&str> {
    match rater {
        RaterRef::Client => None,
        RaterRef::Member { id } | RaterRef::Collateral { id, .. } => Some(id),
    }
}

/// True when two refs name the same person (see [`rater_key`]): a collateral
/// rater renamed since an earlier rating is still the same rater.
pub fn same_rater(a: &RaterRef, b: &RaterRef) -> bool {
    rater_key(a) == rater_key(b)
}

/// Merges two copies of a case's members by id: every member of either is
/// kept (members are archived, never removed), in `base`'s order then the
/// new ones of `other`; for a shared id the copy edited last wins, `base`'s
/// on a tie.
pub fn merge_members(base: &[Member], other: &[Member]) -> Vec<Member> {
    let mut out = base.to_vec();
    for m in other {
        match out.iter_mut().find(|b| b.id == m.id) {
            Some(existing) if m.updated_at > existing.updated_at => *existing = m.clone(),
            Some(_) => {}
            None => out.push(m.clone()),
        }
    }
    out
}
