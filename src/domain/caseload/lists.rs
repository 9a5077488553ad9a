//! Lists the therapist works through: ratings with no client to assign, and
//! the history kept under archived clients.

use crate::domain::course::history::date_order;
use crate::domain::measures::rating::Rating;
use crate::domain::records::store::{Client, Store};
use std::collections::HashSet;

/// Ratings that belong to no client on this device: none assigned, or an id
/// no client has (left by an import or another device). Newest session first.
pub fn unassigned_ratings(store: &Store) -> Vec<&Rating> {
    let known: HashSet<&str> = store.clients.iter().map(|c| c.id.as_str()).collect();
    let mut v: Vec<&Rating> = store
        .ratings
        .iter()
        .filter(|r| r.client_id.as_deref().is_none_or(|id| !known.contains(id)))
        .collect();
    v.sort_by(|a, b| date_order(b, a));
    v
}

/// Archived clients by label (ignoring case), each with its ratings newest
/// first; an archived client without ratings is listed with none.
pub fn archived_client_ratings(store: &Store) -> Vec<(&Client, Vec<&Rating>)> {
    let mut clients: Vec<&Client> = store.clients.iter().filter(|c| c.archived).collect();
    clients.sort_by(|a, b| (a.label.to_lowercase(), &a.id).cmp(&(b.label.to_lowercase(), &b.id)));
    clients
        .into_iter()
        .map(|c| {
            let mut rs: Vec<&Rating> = store
                .ratings
                .iter()
                .filter(|r| r.client_id.as_deref() == Some(c.id.as_str()))
                .collect();
            rs.sort_by(|a, b| date_order(b, a));
            (c, rs)
        })
        .collect()
}
