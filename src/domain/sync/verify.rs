//! The server is checked, not trusted: when the clinic's
//! CouchDB may hold less than this device has synced to it, the device
//! compares everything it holds with the server and sends what is missing.
//!
//! Why: a device sends only what its own notes ([`crate::domain::sync::engine::Synced`])
//! mark as never synced or changed since. A server restored from an older
//! copy, or emptied and created again, has lost records those notes call
//! synced; trusting the notes, every device would say "synced" while a new
//! device receives an older clinic. CouchDB's own replicator compares
//! everything (`_revs_diff` over every document) whenever it has no
//! checkpoint both sides agree on; Attune does the same, and also watches
//! the signs a checkpoint cannot show.
//!
//! The signs, each read before anything is sent ([`signs_before`],
//! [`sign_of_checkpoints`]):
//! - the database was created again: another `instance_start_time` (CouchDB
//!   1 and PouchDB Server; CouchDB 3 always says `"0"`), or an `update_seq`
//!   lower than the highest this device saw;
//! - the key document is gone;
//! - the server's `_local` checkpoint is missing, or behind the device's;
//! - an earlier comparison did not finish (a run cut short).
//!
//! Any sign makes the run compare everything ([`full_offer`],
//! [`to_resend`]) and, when the database itself went back, pull from the
//! start under a fresh checkpoint id (the [`ServerMark::epoch`]), so an old
//! checkpoint left on a restored server never makes a change be skipped.

use crate::domain::records::store::Store;
use crate::domain::sync::checkpoint::Checkpoint;
use crate::domain::sync::engine::{records, DigestMemo, Push, Synced};
use crate::domain::sync::protocol::{Missing, ProtocolError, Seq};
use crate::domain::sync::revs::{doc_id, Rev};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the database's own address (`GET /<db>/`) says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbInfo {
    /// `instance_start_time`: when this database file was opened or made
    /// (`"0"` on CouchDB 2 and 3, which cannot tell).
    pub instance: String,
    /// The number at the start of `update_seq` (a whole number on CouchDB 1
    /// and PouchDB Server, `"N-…"` on CouchDB 3): it only grows while the
    /// database lives.
    pub seq: Option<u64>,
}

#[derive(Deserialize)]
struct RawDbInfo {
    #[serde(default)]
    instance_start_time: Option<serde_json::Value>,
    update_seq: Seq,
}

/// Reads a `GET /<db>/` answer.
pub fn parse_db_info(text: &str) -> Result<DbInfo, ProtocolError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ProtocolError::NotJson(e.to_string()))?;
    let raw: RawDbInfo =
        serde_json::from_value(value).map_err(|e| ProtocolError::Shape(e.to_string()))?;
    let instance = match raw.instance_start_time {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => "0".to_string(),
    };
    Ok(DbInfo {
        instance,
        seq: seq_number(&raw.update_seq),
    })
}

/// The number a sequence starts with: `42` for `42` and `"42-g1AA…"`.
pub fn seq_number(seq: &Seq) -> Option<u64> {
    match seq {
        Seq::Num(n) => Some(*n),
        Seq::Text(t) => t.split('-').next()?.parse().ok(),
    }
}

/// What this device remembers of the server between runs (device-only).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerMark {
    /// The database's `instance_start_time` when last seen.
    pub instance: String,
    /// The highest sequence number this device saw there.
    pub seq: u64,
    /// Bumped each time the database was found to have gone back: names a
    /// fresh pull checkpoint ([`checkpoint_device`]).
    #[serde(default)]
    pub epoch: u32,
    /// True from the moment a sign was seen until a run has compared
    /// everything and sent what was missing: a run cut short compares
    /// again.
    #[serde(default)]
    pub owed: bool,
}

impl ServerMark {
    /// Reads the stored text; `None` when absent or unreadable (no sign can
    /// then come from it; the checkpoint still tells).
    pub fn decode(text: Option<&str>) -> Option<ServerMark> {
        serde_json::from_str(text?).ok()
    }

    /// The stored text.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The mark once this device's own push has reached the server (`db`
    /// read right after it): a restore to a copy from before that push then
    /// shows as a lower sequence, even if the pull that would have moved
    /// the checkpoint never ran.
    pub fn saw(&self, db: &DbInfo) -> ServerMark {
        ServerMark {
            seq: db.seq.unwrap_or(0).max(self.seq),
            ..self.clone()
        }
    }

    /// The mark once a run that saw `db` and pulled up to `last_seq` has
    /// finished: the comparison, if any, is done.
    pub fn finished(&self, db: &DbInfo, last_seq: Option<&Seq>) -> ServerMark {
        let pulled = last_seq.and_then(seq_number).unwrap_or(0);
        ServerMark {
            instance: db.instance.clone(),
            seq: db.seq.unwrap_or(0).max(pulled),
            epoch: self.epoch,
            owed: false,
        }
    }
}

/// Why the server may hold less than this device synced to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// Another `instance_start_time`: the database was made again.
    Recreated,
    /// Its sequence went back: restored from an older copy, or made again.
    WentBack,
    /// The key document is gone.
    KeyGone,
    /// The device has a checkpoint but the server has none.
    CheckpointGone,
    /// The server's checkpoint is older than the device's, or unrelated.
    CheckpointBehind,
    /// A comparison started by an earlier run did not finish.
    Unfinished,
}

/// What the run does before pulling, from what it saw first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The signs seen (empty: the server is trusted this time).
    pub signs: Vec<Sign>,
    /// The database itself went back: forget the pull checkpoint and pull
    /// from the start under a fresh checkpoint id.
    pub fresh_checkpoint: bool,
    /// The mark to store at once (before anything is sent), so a run cut
    /// short still compares next time.
    pub mark: ServerMark,
}

impl Plan {
    /// True when the run must compare everything with the server.
    pub fn compare_all(&self) -> bool {
        !self.signs.is_empty()
    }
}

/// The signs that can be read before the checkpoints: the database's
/// identity and sequence against the mark, the key document, an unfinished
/// comparison. `mark` is `None` on a device that never ran this check.
pub fn signs_before(db: &DbInfo, mark: Option<&ServerMark>, key_present: bool) -> Plan {
    let mut signs = Vec::new();
    let prev = mark.cloned().unwrap_or_default();
    if let Some(m) = mark {
        if m.instance != db.instance && m.instance != "0" && db.instance != "0" {
            signs.push(Sign::Recreated);
        }
        if db.seq.is_some_and(|s| s < m.seq) {
            signs.push(Sign::WentBack);
        }
    }
    let fresh_checkpoint = !signs.is_empty();
    if !key_present {
        signs.push(Sign::KeyGone);
    }
    if prev.owed {
        signs.push(Sign::Unfinished);
    }
    let mark = ServerMark {
        instance: db.instance.clone(),
        seq: match fresh_checkpoint {
            true => db.seq.unwrap_or(0),
            false => db.seq.unwrap_or(0).max(prev.seq),
        },
        epoch: prev.epoch + u32::from(fresh_checkpoint),
        owed: !signs.is_empty(),
    };
    Plan {
        signs,
        fresh_checkpoint,
        mark,
    }
}

/// The sign the two checkpoints give, if any. The device has none: nothing
/// to compare (a fresh device, or one that starts its pull over). The
/// server's is the device's latest, or newer (the device's own write was
/// lost): in step. Otherwise the server lost it or holds an older one.
pub fn sign_of_checkpoints(
    device: Option<&Checkpoint>,
    server: Option<&Checkpoint>,
) -> Option<Sign> {
    let d = device?;
    let Some(s) = server else {
        return Some(Sign::CheckpointGone);
    };
    let same = |sid: &str, seq: &Seq| sid == d.session_id && *seq == d.last_seq;
    let in_step = same(&s.session_id, &s.last_seq)
        || s.history.iter().any(|e| same(&e.session_id, &e.last_seq));
    (!in_step).then_some(Sign::CheckpointBehind)
}

/// The device side of the pull's replication id: the device id, and the
/// epoch once the database went back (epoch 0 keeps the id a device had
/// before this check existed, so its checkpoint still counts).
pub fn checkpoint_device(device_id: &str, epoch: u32) -> String {
    match epoch {
        0 => device_id.to_string(),
        n => format!("{device_id}/{n}"),
    }
}

/// Every record this device holds as synced and unchanged since, with the
/// revision it holds: what a full comparison offers to `_revs_diff`.
/// Records never synced or changed since are the ordinary push's.
pub fn full_offer(
    store: &Store,
    synced: impl Fn(&str) -> Option<Synced>,
    memo: &mut DigestMemo,
) -> BTreeMap<String, Vec<Rev>> {
    records(store)
        .filter_map(|record| {
            let id = doc_id(record.kind(), record.id());
            let s = synced(&id)?;
            (s.digest == memo.digest(&id, &record)).then(|| (id, vec![s.rev]))
        })
        .collect()
}

/// The records to send again after a full comparison: those whose revision
/// the server lacks (`missing`, from `_revs_diff`). Each goes as a new
/// revision on top of the one this device holds (a revision id names its
/// exact ciphertext, so the old one cannot be re-sealed under its name);
/// devices that hold the old one take the new one as its continuation.
pub fn to_resend(
    store: &Store,
    synced: impl Fn(&str) -> Option<Synced>,
    missing: &BTreeMap<String, Missing>,
) -> Vec<Push> {
    records(store)
        .filter_map(|record| {
            let id = doc_id(record.kind(), record.id());
            let held = synced(&id)?.rev;
            let lacks = missing.get(&id)?.missing.contains(&held);
            lacks.then_some(Push {
                record,
                parent: Some(held),
            })
        })
        .collect()
}

/// Documents offered per `_revs_diff` in a full comparison.
pub const OFFER_BATCH: usize = 500;

/// Splits a full offer into `_revs_diff` bodies of at most `size` documents.
pub fn offer_batches(
    offer: &BTreeMap<String, Vec<Rev>>,
    size: usize,
) -> Vec<BTreeMap<String, Vec<Rev>>> {
    let ids: Vec<&String> = offer.keys().collect();
    ids.chunks(size.max(1))
        .map(|chunk| {
            chunk
                .iter()
                .map(|id| ((*id).clone(), offer[*id].clone()))
                .collect()
        })
        .collect()
}
