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

use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::Scales;
use crate::domain::records::store::{Store, CURRENT_VERSION};
use crate::domain::time;
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

/// The record for `rating`: what `serde_json::to_string` writes, by the
/// hand codec ([`crate::domain::records::codec::rating`]), so the form links no serde.
pub fn encode(rating: &Rating) -> String {
    crate::domain::records::codec::rating::encode(rating)
}

/// Why a record was not taken in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotTaken {
    /// It cannot be read as a rating: set it aside, like unreadable data.
    Unreadable(String),
    /// It carries fields this version does not know (a newer form wrote it):
    /// leave it where it is for a newer therapist page, never rewrite it
    /// without them.
    Newer,
}

/// The fields of a record this version knows (a [`Rating`] as serialised).
const KNOWN_FIELDS: [&str; 14] = [
    "id",
    "recorded_at",
    "session_at",
    "client_id",
    "scores",
    "scale_id",
    "scale_version",
    "line",
    "updated_at",
    "note",
    "measure",
    "session_id",
    "rater",
    // The wording the form showed (version 7).
    "wording",
];

/// Reads a record written under `key`; says why when it cannot be taken in.
pub fn decode(key: &str, text: &str, scales: &Scales) -> Result<Rating, NotTaken> {
    let fields: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text)
        .map_err(|e| NotTaken::Unreadable(format!("not a readable rating ({e})")))?;
    if fields.keys().any(|k| !KNOWN_FIELDS.contains(&k.as_str())) {
        return Err(NotTaken::Newer);
    }
    let rating: Rating = serde_json::from_value(serde_json::Value::Object(fields))
        .map_err(|e| NotTaken::Unreadable(format!("not a readable rating ({e})")))?;
    if id_of(key) != Some(rating.id.as_str()) {
        return Err(NotTaken::Unreadable(
            "the rating's id does not match its key".into(),
        ));
    }
    let scale = scales.of(rating.measure);
    if rating.scores.len() != scale.items.len() {
        return Err(NotTaken::Unreadable(format!(
            "the rating has {} scores where the scale has {} items",
            rating.scores.len(),
            scale.items.len()
        )));
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

// A record is "taken" (removable once the document is written) only when the
// document then holds everything it says: the rating and its client.

/// Takes the records `found` (key, text) into `store`. A rating already in
/// the document (the same id) is not added twice: its scores never change.
///
/// A rating whose client this document does not know (yet: data set aside
/// at start-up, a tab that has not seen a new client) is shown unassigned,
/// but its record stays, so the assignment is not lost: a later take-in
/// that knows the client assigns it, and only then is the record removable.
/// A record from a newer version is left alone.
pub fn absorb(store: &mut Store, found: &[(String, String)], scales: &Scales) -> Absorbed {
    let mut out = Absorbed::default();
    for (k, text) in found {
        let r = match decode(k, text, scales) {
            Ok(r) => r,
            Err(NotTaken::Newer) => continue,
            Err(NotTaken::Unreadable(why)) => {
                out.unreadable.push((k.clone(), why));
                continue;
            }
        };
        let client_known = r
            .client_id
            .as_ref()
            .is_none_or(|cid| store.clients.iter().any(|c| &c.id == cid));
        match store.ratings.iter_mut().find(|x| x.id == r.id) {
            Some(existing) => {
                // Shown unassigned earlier for want of its client: now it is known.
                if existing.client_id.is_none() && client_known {
                    existing.client_id.clone_from(&r.client_id);
                }
            }
            None => {
                let mut shown = r.clone();
                if !client_known {
                    shown.client_id = None;
                }
                store.ratings.push(shown);
                out.added += 1;
            }
        }
        if client_known {
            out.taken.push(k.clone());
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
