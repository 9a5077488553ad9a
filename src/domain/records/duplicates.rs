//! The same client added twice: two devices offline each add
//! "AB" for the same person, and sync brings both records together, each
//! with its own history. Adding a duplicate by hand is refused, but this
//! one no device could see coming; so it is shown, with a way to merge.
//!
//! Merging keeps everything: the older record stays the client, every
//! rating of the newer one moves to it (stamped, so the move wins on every
//! device) and so does every logged session, its case members join the
//! older one's (a member with the same label is the same person), and the
//! newer record itself is archived, never deleted. Two records whose age
//! group or kind of case differ are not merged: either choice would change
//! how some ratings are read (a child's ORS against the adult cutoff), so
//! the therapist sets them the same first.

use crate::domain::measures::kinds::RaterRef;
use crate::domain::records::case::Member;
use crate::domain::records::clients::EditError;
use crate::domain::records::store::{Client, Store};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Active clients that share a label (letter case aside) in the same
/// therapist's caseload, in groups of two or more, each group oldest first;
/// groups in the order of their oldest. Two therapists' "JD" are two people.
pub fn duplicate_groups(store: &Store) -> Vec<Vec<&Client>> {
    let mut groups: Vec<Vec<&Client>> = Vec::new();
    let mut by_label: HashMap<String, usize> = HashMap::new();
    for c in store.clients.iter().filter(|c| !c.archived) {
        let therapist = c
            .therapist
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_lowercase();
        let key = format!("{}\u{0}{therapist}", c.label.to_lowercase());
        match by_label.get(&key) {
            Some(&i) => groups[i].push(c),
            None => {
                by_label.insert(key, groups.len());
                groups.push(vec![c]);
            }
        }
    }
    groups.retain(|g| g.len() > 1);
    for g in &mut groups {
        g.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    }
    groups.sort_by(|a, b| (a[0].created_at, &a[0].id).cmp(&(b[0].created_at, &b[0].id)));
    groups
}

/// What a merge moved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// Ratings moved to the kept client.
    pub ratings: usize,
    /// Logged sessions without a rating moved.
    pub unrated: usize,
    /// Ends of episodes moved (so a course the duplicate ended stays ended).
    pub episode_ends: usize,
}

/// Merges client `other` into client `keep` (see the module's rule).
pub fn merge_clients(
    store: &mut Store,
    keep: &str,
    other: &str,
    now: DateTime<Utc>,
) -> Result<Merged, EditError> {
    if keep == other {
        return Err(EditError::Missing);
    }
    let ki = store
        .clients
        .iter()
        .position(|c| c.id == keep)
        .ok_or(EditError::Missing)?;
    let oi = store
        .clients
        .iter()
        .position(|c| c.id == other)
        .ok_or(EditError::Missing)?;
    let (k, o) = (&store.clients[ki], &store.clients[oi]);
    let therapist = |c: &Client| c.therapist.as_deref().map(|t| t.trim().to_lowercase());
    if k.age_group != o.age_group || k.kind != o.kind || therapist(k) != therapist(o) {
        return Err(EditError::MergeDiffers);
    }
    // The newer record's members: the same person (same label) maps to the
    // kept member, anyone else joins the kept case as they are.
    let mut same: HashMap<String, String> = HashMap::new();
    let mut grew = false;
    let incoming: Vec<Member> = store.clients[oi].members.clone();
    for m in incoming {
        let kept = &store.clients[ki].members;
        if kept.iter().any(|k| k.id == m.id) {
            continue;
        }
        match kept.iter().find(|k| k.label.eq_ignore_ascii_case(&m.label)) {
            Some(k) => {
                same.insert(m.id.clone(), k.id.clone());
            }
            None => {
                store.clients[ki].members.push(m);
                grew = true;
            }
        }
    }
    let mut merged = Merged::default();
    for r in store
        .ratings
        .iter_mut()
        .filter(|r| r.client_id.as_deref() == Some(other))
    {
        r.client_id = Some(keep.to_string());
        match &mut r.rater {
            RaterRef::Member { id } | RaterRef::Collateral { id, .. } => {
                if let Some(k) = same.get(id) {
                    *id = k.clone();
                }
            }
            RaterRef::Client => {}
        }
        r.updated_at = Some(now);
        merged.ratings += 1;
    }
    for u in store.unrated.iter_mut().filter(|u| u.client_id == other) {
        u.client_id = keep.to_string();
        merged.unrated += 1;
    }
    // Stamped like the ratings, so the move wins on every device.
    for e in store
        .episode_ends
        .iter_mut()
        .filter(|e| e.client_id == other)
    {
        e.client_id = keep.to_string();
        e.updated_at = Some(now);
        merged.episode_ends += 1;
    }
    if grew {
        store.clients[ki].updated_at = Some(now);
    }
    let o = &mut store.clients[oi];
    o.archived = true;
    o.updated_at = Some(now);
    Ok(merged)
}
