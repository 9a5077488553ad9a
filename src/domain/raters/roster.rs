//! Who can rate in a case, and how a saved rating's rater reads back: the
//! one place that turns a [`RaterRef`] into a label, so the round, the
//! comparisons, the note and the exports all name people alike.
//!
//! Lenient on purpose: a rating whose rater names no member of its client
//! (a session moved to another client, a backup of the ratings without the
//! case, a member id from before members existed) is kept and still read:
//! a collateral ref by the label it carries, a member ref by the label of a
//! client with that id if there is one (the first version-5 design named
//! members by client id), otherwise as "another rater". A rating is never
//! refused or dropped for its rater.

use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::kinds::RaterRef;
use crate::domain::records::case::{same_rater, Member};
use crate::domain::records::store::{Client, Store};

/// What a rater whose label cannot be found is called.
pub const UNKNOWN_RATER: &str = "another rater";

/// One person who can rate in a session of a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rater {
    /// How their ratings name them.
    pub rater: RaterRef,
    /// Their short label.
    pub label: String,
    /// Their age group (decides the child versions of the scales).
    pub age_group: AgeGroup,
    /// True for a collateral rater.
    pub collateral: bool,
}

impl Rater {
    fn of_member(m: &Member) -> Self {
        Rater {
            rater: m.rater(),
            label: m.label.clone(),
            age_group: m.age_group,
            collateral: m.collateral,
        }
    }
}

/// Everyone who may rate in a new session of `client`, in the order the
/// tablet goes round: the client themself (not for a group, whose record
/// names the group), then the active members in the order they were added,
/// collateral raters last. Archived members are left out.
pub fn roster(client: &Client) -> Vec<Rater> {
    let own = client.kind.client_rates().then(|| Rater {
        rater: RaterRef::Client,
        label: client.label.clone(),
        age_group: client.age_group,
        collateral: false,
    });
    let active = || client.members.iter().filter(|m| !m.archived);
    own.into_iter()
        .chain(active().filter(|m| !m.collateral).map(Rater::of_member))
        .chain(active().filter(|m| m.collateral).map(Rater::of_member))
        .collect()
}

/// One line of the "who is here?" list shown when a session starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The person.
    pub rater: Rater,
    /// Ticked as present before the therapist changes anything: everyone
    /// in the case, but not collateral raters (they are often not there).
    pub ticked: bool,
}

/// The presence list for a new session of `client`: the [`roster`], with
/// everyone but collateral raters ticked.
pub fn presence(client: &Client) -> Vec<Candidate> {
    roster(client)
        .into_iter()
        .map(|rater| Candidate {
            ticked: !rater.collateral,
            rater,
        })
        .collect()
}

/// The member of `client_id` that `rater` names, if any.
pub fn member_of<'a>(
    store: &'a Store,
    client_id: Option<&str>,
    rater: &RaterRef,
) -> Option<&'a Member> {
    let id = crate::domain::records::case::rater_key(rater)?;
    store
        .clients
        .iter()
        .find(|c| Some(c.id.as_str()) == client_id)?
        .members
        .iter()
        .find(|m| m.id == id)
}

/// The label of the person who gave a rating of `client_id` (see the module
/// notes for the lenient reading); `None` when nothing names them (an
/// unassigned client's own rating, an unknown member).
pub fn rater_label<'a>(
    store: &'a Store,
    client_id: Option<&str>,
    rater: &'a RaterRef,
) -> Option<&'a str> {
    let client_label = |id: &str| {
        store
            .clients
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.label.as_str())
    };
    if let Some(m) = member_of(store, client_id, rater) {
        return Some(&m.label);
    }
    match rater {
        RaterRef::Client => client_id.and_then(client_label),
        RaterRef::Member { id } => client_label(id),
        RaterRef::Collateral { label, .. } => Some(label),
    }
}

/// [`rater_label`], or [`UNKNOWN_RATER`] when nothing names them.
pub fn rater_name<'a>(store: &'a Store, client_id: Option<&str>, rater: &'a RaterRef) -> &'a str {
    rater_label(store, client_id, rater).unwrap_or(UNKNOWN_RATER)
}

/// The age group of the person who gave a rating of `client_id`: the
/// member's, the client's for their own rating, adult when unknown.
pub fn rater_age(store: &Store, client_id: Option<&str>, rater: &RaterRef) -> AgeGroup {
    if let Some(m) = member_of(store, client_id, rater) {
        return m.age_group;
    }
    match rater {
        RaterRef::Client => store
            .clients
            .iter()
            .find(|c| Some(c.id.as_str()) == client_id)
            .map(|c| c.age_group)
            .unwrap_or_default(),
        _ => AgeGroup::Adult,
    }
}

/// Ratings whose member or collateral rater names no member of their client:
/// kept and readable (see the module notes), listed so a screen can offer to
/// add the missing person to the case.
pub fn unmatched_raters(store: &Store) -> Vec<&crate::domain::measures::rating::Rating> {
    store
        .ratings
        .iter()
        .filter(|r| {
            !r.rater.is_client() && member_of(store, r.client_id.as_deref(), &r.rater).is_none()
        })
        .collect()
}

/// True when `rater` is among `raters` (by person, see [`same_rater`]).
pub fn contains(raters: &[RaterRef], rater: &RaterRef) -> bool {
    raters.iter().any(|r| same_rater(r, rater))
}
