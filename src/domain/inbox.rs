//! New ratings as records of their own. The rating form (the page a client's
//! tablet loads first) never reads or rewrites the whole stored document: it
//! writes each finished rating under its own key (`attune.new.<id>`), one
//! small verified write, and the therapist page takes those records into the
//! document (then removes them). So the form needs no document codec, its
//! save costs one record whatever the history holds, and two tabs saving at
//! once cannot overwrite each other.
//!
//! A record is the rating's JSON exactly as it sits in the document's
//! `ratings` array, so a backup can be assembled from records without
//! decoding them.

use super::rating::Rating;
use super::scale::ScaleDefinition;
use super::store::{Store, CURRENT_VERSION};
use super::time;
use chrono::{DateTime, Utc};

/// Prefix of a new rating's key: `attune.new.<rating id>`.
pub const NEW_PREFIX: &str = "attune.new.";

/// The key a new rating is written under.
pub fn key(rating_id: &str) -> String {
    format!("{NEW_PREFIX}{rating_id}")
}

/// The rating id a key names, if it is a new-rating key.
pub fn id_of(key: &str) -> Option<&str> {
    key.strip_prefix(NEW_PREFIX).filter(|id| !id.is_empty())
}

/// The record for `rating`.
pub fn encode(rating: &Rating) -> String {
    // Plain structs of strings and numbers cannot fail to serialise.
    serde_json::to_string(rating).unwrap_or_default()
}

/// Reads a record written under `key`; says why when it cannot be taken in.
pub fn decode(key: &str, text: &str, scale: &ScaleDefinition) -> Result<Rating, String> {
    let rating: Rating =
        serde_json::from_str(text).map_err(|e| format!("not a readable rating ({e})"))?;
    if id_of(key) != Some(rating.id.as_str()) {
        return Err("the rating's id does not match its key".into());
    }
    if rating.scores.len() != scale.items.len() {
        return Err(format!(
            "the rating has {} scores where the scale has {} items",
            rating.scores.len(),
            scale.items.len()
        ));
    }
    Ok(rating)
}

/// What taking new records into the document did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Absorbed {
    /// Keys whose rating is now in the document (added now or already
    /// there): removable once the document is safely written.
    pub taken: Vec<String>,
    /// How many ratings were new to the document.
    pub added: usize,
    /// Records that cannot be read, with the reason: set aside, never dropped.
    pub unreadable: Vec<(String, String)>,
}

/// Takes the records `found` (key, text) into `store`. A rating already in
/// the document (the same id) is not added twice: its scores never change.
/// A rating whose client is not on this device stays unassigned rather than
/// breaking the document (clients are never deleted, so this is a record
/// from elsewhere, not a lost assignment).
pub fn absorb(store: &mut Store, found: &[(String, String)], scale: &ScaleDefinition) -> Absorbed {
    let mut out = Absorbed::default();
    for (k, text) in found {
        match decode(k, text, scale) {
            Ok(mut r) => {
                if !store.ratings.iter().any(|x| x.id == r.id) {
                    if let Some(cid) = &r.client_id {
                        if !store.clients.iter().any(|c| &c.id == cid) {
                            r.client_id = None;
                        }
                    }
                    store.ratings.push(r);
                    out.added += 1;
                }
                out.taken.push(k.clone());
            }
            Err(why) => out.unreadable.push((k.clone(), why)),
        }
    }
    out
}

/// A backup file of the records `texts`, assembled without decoding them
/// (the form page has no document codec): the document envelope with these
/// ratings and no clients. Each record's client id is dropped, since the
/// file carries no clients and an import must accept it; the ratings arrive
/// unassigned and are assigned again on the therapist page.
pub fn backup_from_records(ratings: &[Rating], now: DateTime<Utc>) -> String {
    let records: Vec<String> = ratings
        .iter()
        .map(|r| {
            encode(&Rating {
                client_id: None,
                ..r.clone()
            })
        })
        .collect();
    format!(
        "{{\"schema\":\"attune\",\"version\":{CURRENT_VERSION},\"clients\":[],\"ratings\":[{}],\"last_backup_at\":null,\"exported_at\":\"{}\"}}",
        records.join(","),
        time::format(now)
    )
}
