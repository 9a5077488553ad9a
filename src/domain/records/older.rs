//! What an older Attune wrote, merged field by field.
//!
//! Why: a tab still running the previous version keeps saving after another
//! tab has updated (it shows "Update available" and carries on). Its copy of
//! a client or a rating was read before the new version changed that record,
//! and it writes only the fields it knows, leaving out the rest (the stored
//! JSON omits a field that holds its default: an adult's age group, an
//! absent note). Merged whole, its later edit (a rename, a date
//! correction) would carry those gaps over and clear what the new version
//! had: a child's age group, a session's note.
//!
//! The rule, applied wherever this version reads what an older one wrote:
//!
//! - the older copy's edit is taken field by field, never whole;
//! - a field its schema did not have (see [`since`]) is *unknown*: the value
//!   this version had stays;
//! - a field it left out (its default, so not written) is *unknown* too:
//!   an older copy may simply not have seen the value, so it never clears
//!   one. The price, chosen on purpose: clearing a field (a note emptied,
//!   an age group set back to adult) in an old tab is not carried over
//!   while a newer tab holds a value; it is redone in the new version,
//!   whereas a cleared field would be lost for good;
//! - every field it did write takes the later edit, as before.
//!
//! Who counts as older: a record whose stored schema version (`v`, carried
//! by every record since the records layout, see [`crate::domain::records::layout`]) is
//! below this version's, and the single document found beside the records,
//! whatever version it states: once the records layout exists only a build
//! from before it writes that document (a tab opened before the update).
//! The next format change raises [`CURRENT_VERSION`] and lists its new
//! fields in [`since`], and the same rule covers every record written by
//! the version before it.

use crate::domain::measures::rating::Rating;
use crate::domain::records::store::{self, Client, MergeSummary, Store, CURRENT_VERSION};
use std::collections::{BTreeMap, HashMap};

/// A field a client or a rating gained after the first version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A rating's note (version 3).
    Note,
    /// A client's age group (version 5).
    AgeGroup,
    /// A client's kind of case (version 5).
    Kind,
    /// A client's therapist and a measure's (version 6).
    Therapist,
    /// A client's language and a measure's wording (version 7).
    Language,
    /// A client's choice to have the lines read aloud (version 8).
    ReadAloud,
}

/// The schema version that first had `field`.
pub fn since(field: Field) -> u32 {
    match field {
        Field::Note => 3,
        Field::AgeGroup | Field::Kind => 5,
        Field::Therapist => 6,
        Field::Language => 7,
        Field::ReadAloud => 8,
    }
}

/// True when a writer of schema `version` knew `field`.
pub fn knows(version: u32, field: Field) -> bool {
    version >= since(field)
}

/// True when a copy written with schema `version` by a layout of this
/// version counts as older (see the module notes).
pub fn is_older(version: u32) -> bool {
    version < CURRENT_VERSION
}

/// `merged` is the copy a merge kept of a client, perhaps an older
/// writer's (schema `version`); `ours` is this version's copy. Fields the
/// older writer did not know, or left out, take `ours`'s value.
pub fn fill_client(merged: &mut Client, ours: &Client, version: u32) {
    if !knows(version, Field::AgeGroup) || merged.age_group.is_adult() {
        merged.age_group = ours.age_group;
    }
    if !knows(version, Field::Kind) || merged.kind.is_individual() {
        merged.kind = ours.kind;
    }
    if !knows(version, Field::Therapist) || merged.therapist.is_none() {
        merged.therapist.clone_from(&ours.therapist);
    }
    if !knows(version, Field::Language) || merged.language.is_none() {
        merged.language.clone_from(&ours.language);
    }
    if !knows(version, Field::ReadAloud) || !merged.read_aloud {
        merged.read_aloud = ours.read_aloud;
    }
    // Members are merged one by one by `store::merge` already: none is lost.
}

/// As [`fill_client`], for a rating: the editable fields an older copy
/// left out. Its client and session date are always written, so a later
/// edit of them is taken.
pub fn fill_rating(merged: &mut Rating, ours: &Rating, version: u32) {
    if !knows(version, Field::Note) || merged.note.is_none() {
        merged.note.clone_from(&ours.note);
    }
    if !knows(version, Field::Therapist) || merged.therapist.is_none() {
        merged.therapist.clone_from(&ours.therapist);
    }
    // Never edited, but an older copy leaves it out all the same.
    if !knows(version, Field::Language) || merged.wording.is_none() {
        merged.wording.clone_from(&ours.wording);
    }
}

/// Merges `older` (written by an older Attune, schema `version`) into
/// `ours`: as [`store::merge`] (nothing of either is lost, the later edit
/// of a record wins), then every record the older copy won is filled field
/// by field from `ours` (see the module notes).
pub fn merge_older(ours: &Store, older: &Store, version: u32) -> (Store, MergeSummary) {
    let (mut out, summary) = store::merge(ours, older);
    let clients: HashMap<&str, &Client> = ours.clients.iter().map(|c| (c.id.as_str(), c)).collect();
    for c in &mut out.clients {
        if let Some(mine) = clients.get(c.id.as_str()) {
            fill_client(c, mine, version);
        }
    }
    let ratings: HashMap<&str, &Rating> = ours.ratings.iter().map(|r| (r.id.as_str(), r)).collect();
    for r in &mut out.ratings {
        if let Some(mine) = ratings.get(r.id.as_str()) {
            fill_rating(r, mine, version);
        }
    }
    (out, summary)
}

/// Merges `mine` (this version's) into `stored`, where `older` names the
/// stored records an older Attune wrote (record key → its schema version):
/// as [`store::merge`], then each of those records, where its older copy
/// won, filled field by field from `mine`. What a save or another tab's
/// write reads from the records layout goes through this.
pub fn merge_stored(stored: &Store, mine: &Store, older: &BTreeMap<String, u32>) -> Store {
    use crate::domain::records::layout::Kind;
    let (mut out, _) = store::merge(stored, mine);
    if older.is_empty() {
        return out;
    }
    for c in &mut out.clients {
        if let Some(&v) = older.get(&Kind::Client.key(&c.id)) {
            if let Some(m) = mine.clients.iter().find(|m| m.id == c.id) {
                fill_client(c, m, v);
            }
        }
    }
    for r in &mut out.ratings {
        if let Some(&v) = older.get(&Kind::Rating.key(&r.id)) {
            if let Some(m) = mine.ratings.iter().find(|m| m.id == r.id) {
                fill_rating(r, m, v);
            }
        }
    }
    out
}
