//! Transfers, wired into sync: which transfers a device that holds both
//! caseloads still owes (so its sync runs [`crate::domain::sync::transfer`]'s
//! plan for them), how it reads a database's copies of a client's
//! documents, whether a transfer may be made on this device at all, and
//! what a device does when a record it holds is closed in a database it
//! syncs (the other end of a transfer).
//!
//! Why pending transfers are read off the notes: a transfer is made in the
//! store (the client record names the new therapist), and the device's
//! notes of each database say which documents that database holds as this
//! device last saw it. A client whose caseload is C while the notes of
//! another joined database D still name one of their documents is a
//! transfer from D to C not yet finished; once the plan is done, those
//! notes say so ([`MOVED_NOTE`]), until a copy comes back open in D
//! ([`REOPENED_NOTE`]: another device sent it an edit). Nothing else is
//! kept, so a transfer cut anywhere (a tab closed, the network) is found
//! again by the next sync.
//!
//! Why a closed record leaves the device only when unchanged here: a
//! transfer's deletion stub in a caseload's database (marked `moved`; the
//! shell hands over no other) means its record left that caseload (a lead
//! moved the client). A copy this device holds exactly as
//! it last synced it is in the new caseload already, so it may go. A copy
//! with edits this device has not sent yet is the only place those edits
//! are: it stays, and the status says so (never dropped silently). And a
//! record this device sends to another of its databases (a lead's device,
//! which made the transfer) is not this database's to remove.

use crate::domain::device::therapists::DeviceTherapists;
use crate::domain::records::layout::{Kind, Record};
use crate::domain::records::store::{Store, CURRENT_VERSION};
use crate::domain::sync::by_caseload::{self, assignments, caseload_named, goes_to, Placed, Plan};
use crate::domain::sync::caseloads::{client_of, Caseload, Destination, Joined};
use crate::domain::sync::conflict::{self, Candidate};
use crate::domain::sync::engine::{self, Synced};
use crate::domain::sync::protocol::ProtocolError;
use crate::domain::sync::revs::{doc_id, parse_doc_id, Rev};
use crate::domain::sync::transfer::{Transfer, TransferError};
use crate::domain::words::Words;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The digest a database's note of a document takes once this device's
/// transfer closed it there ([`Synced::digest`]; never a record's digest):
/// no transfer is owed for it, yet the device remembers it moved the
/// record out, so a copy that comes back open there is noted
/// [`REOPENED_NOTE`].
pub const MOVED_NOTE: &str = "moved";

/// The digest of a note of a document this device moved out of a
/// database that came back open there (another device sent an edit to
/// the old caseload): the transfer is owed again, and the copy there is
/// settled with this device's by the conflict rule ([`as_moved`]).
pub const REOPENED_NOTE: &str = "reopened";

/// The transfers still owed on a device that joined `joined`, given each
/// joined database's notes (`noted`: the caseload and the document ids its
/// notes name): for each client of `store` whose caseload (by their
/// therapist) this device holds, one transfer from every other held
/// caseload whose notes still name one of the client's documents (other
/// than as moved out, [`MOVED_NOTE`]). Sorted by client, then the caseload
/// left.
pub fn pending(
    store: &Store,
    joined: &Joined,
    noted: &[(Caseload, &HashMap<String, Synced>)],
) -> Vec<Transfer> {
    let mut docs: HashMap<String, Vec<String>> = HashMap::new();
    for r in engine::records(store) {
        if let Some(c) = client_of(&r) {
            let id = doc_id(r.kind(), r.id());
            docs.entry(c.to_string()).or_default().push(id);
        }
    }
    let mut out = BTreeSet::new();
    for client in &store.clients {
        let to = caseload_named(client.therapist.as_deref());
        if !joined.holds(&to) {
            continue;
        }
        let Some(ids) = docs.get(&client.id) else {
            continue;
        };
        for (from, notes) in noted {
            if *from == to || !joined.holds(from) {
                continue;
            }
            let open = |id: &String| notes.get(id).is_some_and(|n| n.digest != MOVED_NOTE);
            if ids.iter().any(open) {
                out.insert((client.id.clone(), from.clone(), to.clone()));
            }
        }
    }
    out.into_iter()
        .map(|(client_id, from, to)| Transfer {
            client_id,
            from,
            to,
        })
        .collect()
}

/// The document ids of every record of `client` this device holds, the
/// client record first.
pub fn client_docs(store: &Store, client: &str) -> Vec<String> {
    let mut ids: Vec<(bool, String)> = engine::records(store)
        .filter(|r| client_of(r) == Some(client))
        .map(|r| (!matches!(r, Record::Client(_)), doc_id(r.kind(), r.id())))
        .collect();
    ids.sort();
    ids.into_iter().map(|(_, id)| id).collect()
}

/// The record as it must be in the new caseload, given its copy in the old
/// database (`there`) and this database's note of it on this device
/// (`noted`): this device's own copy (the transfer made it so: the client
/// names their new therapist, the sessions say who held them) when the old
/// database holds exactly what this device last synced from it. When it
/// holds something newer (edited on another device since this one pulled),
/// the two copies are settled by Attune's conflict rule, as any two copies
/// are, so that edit goes along too; the transfer's own changes stay (the
/// client's new therapist, who held each session). A record this device
/// does not hold goes as it is there. The same on every call with the same
/// inputs, as the plan asks.
pub fn as_moved(store: &Store, noted: Option<&Synced>, there: &Record) -> Record {
    as_moved_from(store, noted, there, CURRENT_VERSION)
}

/// As [`as_moved`], where `version` is the schema version of the Attune
/// that wrote `there`: a copy an older Attune wrote (a device not yet
/// updated edited the client in the old database) is settled as the
/// conflict rule settles any older copy, field by field, so it never
/// clears what it did not know (the client's language).
pub fn as_moved_from(
    store: &Store,
    noted: Option<&Synced>,
    there: &Record,
    version: u32,
) -> Record {
    let Some(here) =
        engine::records(store).find(|r| r.kind() == there.kind() && r.id() == there.id())
    else {
        return there.clone();
    };
    if noted.is_some_and(|n| n.digest == engine::note_digest(there)) || &here == there {
        return here;
    }
    let rev = |h: &str| Rev::parse(h).expect("a fixed revision");
    let copies = [
        Candidate {
            version,
            ..Candidate::current(rev("1-1"), there.clone())
        },
        Candidate::current(rev("1-0"), here.clone()),
    ];
    let Ok(settled) = conflict::resolve(&copies) else {
        return here;
    };
    match (settled.record, &here) {
        (Record::Client(mut c), Record::Client(h)) => {
            c.therapist.clone_from(&h.therapist);
            Record::Client(c)
        }
        (Record::Rating(mut r), Record::Rating(h)) => {
            if r.therapist.is_none() {
                r.therapist.clone_from(&h.therapist);
            }
            Record::Rating(r)
        }
        (other, _) => other,
    }
}

/// The `_all_docs` query that asks a database for the winning revision of
/// each of `ids`, with its conflicting leaves (the documents themselves are
/// encrypted; only their `_conflicts` are read).
pub const ALL_DOCS_PATH: &str = "_all_docs?conflicts=true&include_docs=true";

/// The `_all_docs` body naming `ids`.
pub fn all_docs_request(ids: &[String]) -> String {
    json!({ "keys": ids }).to_string()
}

/// Reads an `_all_docs` answer ([`ALL_DOCS_PATH`]): for each document the
/// database holds, the leaves to fetch (the winner, deleted or not, and any
/// conflicting leaf). A document it never had is left out.
pub fn parse_all_docs(text: &str) -> Result<BTreeMap<String, Vec<Rev>>, ProtocolError> {
    let v: Value = serde_json::from_str(text).map_err(|e| ProtocolError::NotJson(e.to_string()))?;
    let rows = v
        .get("rows")
        .and_then(Value::as_array)
        .ok_or_else(|| ProtocolError::Shape("no rows".into()))?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (Some(id), Some(rev)) = (
            row.get("id").and_then(Value::as_str),
            row.pointer("/value/rev").and_then(Value::as_str),
        ) else {
            continue;
        };
        if parse_doc_id(id).is_none() {
            continue;
        }
        let mut revs = vec![Rev::parse(rev).map_err(|e| ProtocolError::Shape(e.to_string()))?];
        let conflicts = row.pointer("/doc/_conflicts").and_then(Value::as_array);
        for c in conflicts.into_iter().flatten().filter_map(Value::as_str) {
            revs.push(Rev::parse(c).map_err(|e| ProtocolError::Shape(e.to_string()))?);
        }
        out.insert(id.to_string(), revs);
    }
    Ok(out)
}

/// Whether moving a client from therapist `from` to `to` may be done on a
/// device naming `therapists` that syncs the clinic database `clinic_db`
/// (`None`: sync is off, the move stays on this device until it is on).
/// `from`: `None` for a client of no therapist (on a device syncing by
/// caseload, theirs are on this device only: nothing to move on the
/// server). Refused with [`TransferError::NotJoined`] where the device
/// syncs by caseload but does not hold both: it could not write the client
/// into the new caseload's database nor close them in the old one, and its
/// own caseload would keep the client.
pub fn may_transfer(
    therapists: &DeviceTherapists,
    clinic_db: Option<&str>,
    from: Option<&str>,
    to: &str,
) -> Result<(), TransferError> {
    let Some(db) = clinic_db else { return Ok(()) };
    let Ok(Plan::Caseloads { joined, .. }) = by_caseload::plan(therapists, db) else {
        return Ok(());
    };
    // A client of no therapist is in no caseload database (their records
    // stay on this device): only the caseload they join must be held.
    let from = from.map(|f| caseload_named(Some(f)));
    for c in from.into_iter().chain([caseload_named(Some(to))]) {
        if !joined.holds(&c) {
            return Err(TransferError::NotJoined(c));
        }
    }
    Ok(())
}

/// What the transfer form says when [`may_transfer`] refuses.
pub fn refusal_words(e: &TransferError, to: &str, w: Words) -> String {
    match e {
        TransferError::NotJoined(_) => w.trf(
            "Not moved: this device does not sync both caseloads, so it cannot move the client into {to}'s caseload on the clinic server. Transfer from a device that holds both (a clinic lead's).",
            &[("to", &to)],
        ),
        other => w.trf("Not moved: {why}.", &[("why", &other.words(w))]),
    }
}

/// What a device does with a record whose document was closed (its winner
/// deleted) in the database of caseload `from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closed {
    /// Remove it from the device: it left this caseload, unchanged here.
    Remove,
    /// Keep it: it has edits this device has not sent; the status says so.
    HeldBack,
    /// Not this database's concern: the device does not hold it, or sends
    /// it to another database (the lead's device that made the transfer).
    NotHere,
}

/// The rule for document `doc_id` closed in `from`'s database, on a device
/// holding `store`, that joined `joined`, with that database's note of the
/// document (`synced`: what this device last synced of it there).
pub fn on_closed(
    from: &Caseload,
    doc_id: &str,
    store: &Store,
    synced: Option<&Synced>,
    joined: &Joined,
    placed: &Placed,
) -> Closed {
    let Some((kind, id)) = parse_doc_id(doc_id) else {
        return Closed::NotHere;
    };
    let Some(record) = engine::records(store).find(|r| r.kind() == kind && r.id() == id) else {
        return Closed::NotHere;
    };
    if goes_to(&record, &assignments(store), joined, placed) != Destination::Database(from.clone())
    {
        return Closed::NotHere;
    }
    if engine::changed_here(store, kind, id, synced) {
        Closed::HeldBack
    } else {
        Closed::Remove
    }
}

/// Removes the record of document `doc_id` from `store` (nothing when it
/// holds none).
pub fn remove(store: &mut Store, doc_id: &str) {
    let Some((kind, id)) = parse_doc_id(doc_id) else {
        return;
    };
    match kind {
        Kind::Client => store.clients.retain(|x| x.id != id),
        Kind::Rating => store.ratings.retain(|x| x.id != id),
        Kind::Unrated => store.unrated.retain(|x| x.id != id),
        Kind::EpisodeEnd => store.episode_ends.retain(|x| x.id != id),
    }
}

/// What the status says of records kept though another device moved them
/// out of this caseload.
pub fn held_back_words(count: usize, w: Words) -> Option<String> {
    (count > 0).then(|| {
        w.trn(
            "{n} record was moved to another caseload on another device while it had changes here not yet sent: it stays on this device with its changes.",
            "{n} records were moved to another caseload on another device while they had changes here not yet sent: they stay on this device with their changes.",
            count,
            &[],
        )
    })
}
