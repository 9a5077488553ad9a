//! Whose caseload a screen reads: the caseload, "My alliance" and the
//! outcomes report open on the therapist working now, and offer "All
//! therapists" where this device holds more than one therapist's clients.
//!
//! A client no therapist holds yet (records from before the device named
//! therapists, or synced from a device that names none) belongs to the
//! device's only therapist when it has one, and otherwise only to "All
//! therapists": it is never silently counted in someone's figures.

use crate::domain::device::therapists::DeviceTherapists;
use crate::domain::measures::rating::Rating;
use crate::domain::records::store::{Client, Store};
use crate::domain::records::therapist::{held_by, named_in, same_name};
use crate::domain::records::unrated::UnratedSession;
use crate::domain::words::Words;
use std::borrow::Cow;
use std::collections::HashMap;

/// Whose clients a screen reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every client on this device (also a device naming no therapists).
    All,
    /// One therapist's caseload, by name.
    Of(String),
}

impl Scope {
    /// What a screen opens on: the therapist working now, else everyone.
    pub fn default_for(therapists: &DeviceTherapists) -> Scope {
        therapists
            .working()
            .map_or(Scope::All, |t| Scope::Of(t.name.clone()))
    }

    /// The value of the choice in a picker (`all`, or `t:` and the name).
    pub fn key(&self) -> String {
        match self {
            Scope::All => "all".into(),
            Scope::Of(name) => format!("t:{name}"),
        }
    }

    /// Reads [`Scope::key`] back; anything else is everyone.
    pub fn from_key(key: &str) -> Scope {
        key.strip_prefix("t:")
            .map_or(Scope::All, |n| Scope::Of(n.to_string()))
    }

    /// The choice's words: the therapist's name, or "All therapists" in
    /// `w`'s language.
    pub fn label(&self, w: Words) -> String {
        match self {
            Scope::All => w.tr("All therapists").into(),
            Scope::Of(name) => name.clone(),
        }
    }

    /// True when `client` is in this scope; `sole` is the device's only
    /// therapist, if it has exactly one.
    pub fn holds(&self, client: &Client, sole: Option<&str>) -> bool {
        match self {
            Scope::All => true,
            Scope::Of(name) => client
                .therapist
                .as_deref()
                .or(sole)
                .is_some_and(|t| same_name(t, name)),
        }
    }
}

/// The scopes a picker offers: each therapist this device names or its
/// records name, then "All therapists". Empty (no picker) while fewer than
/// two therapists are known: one caseload reads as before.
pub fn choices(therapists: &DeviceTherapists, store: &Store) -> Vec<Scope> {
    let mut names: Vec<String> = therapists.list.iter().map(|t| t.name.clone()).collect();
    for n in named_in(store) {
        if !names.iter().any(|o| same_name(o, &n)) {
            names.push(n);
        }
    }
    if names.len() < 2 {
        return Vec::new();
    }
    names
        .into_iter()
        .map(Scope::Of)
        .chain(std::iter::once(Scope::All))
        .collect()
}

/// The therapists a client in `current`'s caseload may be transferred to:
/// every therapist this device or its records name, but `current`.
pub fn transfer_choices(
    therapists: &DeviceTherapists,
    store: &Store,
    current: Option<&str>,
) -> Vec<String> {
    let mut names: Vec<String> = therapists.list.iter().map(|t| t.name.clone()).collect();
    for n in named_in(store) {
        if !names.iter().any(|o| same_name(o, &n)) {
            names.push(n);
        }
    }
    names.retain(|n| current.is_none_or(|c| !same_name(c, n)));
    names
}

/// The store narrowed to the scope's clients: them, their measures,
/// sessions logged without a rating and ends of episodes. Ratings not yet
/// given a client stay in every scope (they wait to be sorted). Everyone's
/// store is borrowed as it is.
pub fn narrow<'a>(store: &'a Store, scope: &Scope, sole: Option<&str>) -> Cow<'a, Store> {
    if *scope == Scope::All {
        return Cow::Borrowed(store);
    }
    let clients: Vec<Client> = store
        .clients
        .iter()
        .filter(|c| scope.holds(c, sole))
        .cloned()
        .collect();
    let ids: std::collections::HashSet<&str> = clients.iter().map(|c| c.id.as_str()).collect();
    let keep = |id: Option<&str>| id.is_none_or(|id| ids.contains(id));
    Cow::Owned(Store {
        ratings: store
            .ratings
            .iter()
            .filter(|r| keep(r.client_id.as_deref()))
            .cloned()
            .collect(),
        unrated: store
            .unrated
            .iter()
            .filter(|u| keep(Some(&u.client_id)))
            .cloned()
            .collect(),
        episode_ends: store
            .episode_ends
            .iter()
            .filter(|e| keep(Some(&e.client_id)))
            .cloned()
            .collect(),
        last_backup_at: store.last_backup_at,
        clients,
    })
}

/// Which sessions a scope's therapist held, for "My alliance" (see
/// [`crate::domain::caseload::my_alliance_held`]): a measure's holder is
/// its own record of it, else its client's therapist, else the device's
/// only therapist; a session logged without a rating is its client's
/// therapist's. Everyone's scope holds every session.
pub struct HeldIn<'a> {
    by_id: HashMap<&'a str, &'a Client>,
    name: Option<String>,
    sole: Option<String>,
}

impl<'a> HeldIn<'a> {
    /// The sessions `scope` holds in `store`.
    pub fn new(store: &'a Store, scope: &Scope, sole: Option<&str>) -> Self {
        HeldIn {
            by_id: store.clients.iter().map(|c| (c.id.as_str(), c)).collect(),
            name: match scope {
                Scope::All => None,
                Scope::Of(n) => Some(n.clone()),
            },
            sole: sole.map(str::to_string),
        }
    }

    fn is_mine(&self, holder: Option<&str>) -> bool {
        match &self.name {
            None => true,
            Some(name) => holder
                .or(self.sole.as_deref())
                .is_some_and(|t| same_name(t, name)),
        }
    }

    /// True when the scope's therapist held the session of `rating`.
    pub fn rating(&self, rating: &Rating) -> bool {
        let client = rating
            .client_id
            .as_deref()
            .and_then(|id| self.by_id.get(id).copied());
        self.is_mine(held_by(rating, client))
    }

    /// True when a session logged without a rating was the scope's.
    pub fn unrated(&self, u: &UnratedSession) -> bool {
        let client = self.by_id.get(u.client_id.as_str());
        self.is_mine(client.and_then(|c| c.therapist.as_deref()))
    }
}
