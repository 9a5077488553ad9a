//! This device's own sync state in localStorage: the settings, the clinic
//! data key, what was last synced of each document, and the pull
//! checkpoint. None of it is a record: it never syncs and is never exported.
//! Every function takes the store it works on (localStorage in the app, the
//! platform's in-memory store in native tests).

use super::{set_verified, StorageError};
use crate::domain::sync::checkpoint::Checkpoint;
use crate::domain::sync::config::SyncConfig;
use crate::domain::sync::engine::{Synced, SYNCED_PREFIX};
use crate::domain::sync::status::LastRun;
use crate::domain::sync::verify::ServerMark;
use crate::platform::KeyValue;
use std::collections::HashMap;

/// The sync settings (no password).
pub const CONFIG_KEY: &str = "attune.sync.config";
/// The clinic data key, raw, base64. Kept beside the records it protects
/// on the server: on this device the records are in clear anyway, and
/// keeping it spares typing the passphrase at every start.
pub const KEY_KEY: &str = "attune.sync.key";
/// The device's copy of the pull checkpoint.
pub const CHECKPOINT_KEY: &str = "attune.sync.checkpoint";
/// A copy of the clinic key document as last read (wrapped key only), to
/// put back on a server that lost it (`domain::sync::keys::key_copy`).
pub const KEY_COPY_KEY: &str = "attune.sync.keydoc";
/// What this device remembers of the server (`domain::sync::verify::ServerMark`).
pub const MARK_KEY: &str = "attune.sync.server";
/// The last run's outcome (`domain::sync::status::LastRun`), so the status
/// survives page loads.
pub const LAST_RUN_KEY: &str = "attune.sync.last";

/// The stored settings, when sync is on.
pub fn config(kv: &impl KeyValue) -> Option<SyncConfig> {
    SyncConfig::decode(&kv.get(CONFIG_KEY)?)
}

/// Stores the settings and the data key (sync on), each verified.
pub fn turn_on(kv: &impl KeyValue, config: &SyncConfig, key_b64: &str) -> Result<(), StorageError> {
    set_verified(kv, KEY_KEY, key_b64)?;
    set_verified(kv, CONFIG_KEY, &config.encode())
}

/// Stores the settings alone, verified: the clinic settings of a device
/// that syncs by caseload, whose keys are each caseload database's own
/// (kept under its scope, see `sync::caseloads`).
pub fn set_config(kv: &impl KeyValue, config: &SyncConfig) -> Result<(), StorageError> {
    set_verified(kv, CONFIG_KEY, &config.encode())
}

/// Forgets the settings, the key and every sync note (sync off), each
/// caseload database's too (all under `attune.sync.`). The records
/// themselves stay exactly as they are.
pub fn turn_off(kv: &impl KeyValue) {
    for prefix in ["attune.sync.", SYNCED_PREFIX] {
        for (k, _) in kv.entries(prefix) {
            let _ = kv.remove(&k);
        }
    }
}

/// The stored data key (base64).
pub fn data_key(kv: &impl KeyValue) -> Option<String> {
    kv.get(KEY_KEY)
}

/// What was last synced of every document, by document id.
pub fn all_synced(kv: &impl KeyValue) -> HashMap<String, Synced> {
    kv.entries(SYNCED_PREFIX)
        .into_iter()
        .filter_map(|(k, v)| {
            let id = k.strip_prefix(SYNCED_PREFIX)?.to_string();
            Some((id, Synced::decode(&v)?))
        })
        .collect()
}

/// Notes what this device now holds of a document. Best effort: a lost
/// note only means the record is offered to the server again, which the
/// server answers "already have".
pub fn set_synced(kv: &impl KeyValue, doc_id: &str, synced: &Synced) {
    let _ = kv.set(&format!("{SYNCED_PREFIX}{doc_id}"), &synced.encode());
}

/// Forgets what this device synced of a document (its record left this
/// database). Best effort: a note left behind names a record no longer
/// held, which nothing sends.
pub fn forget_synced(kv: &impl KeyValue, doc_id: &str) {
    let _ = kv.remove(&format!("{SYNCED_PREFIX}{doc_id}"));
}

/// The device's pull checkpoint.
pub fn checkpoint(kv: &impl KeyValue) -> Option<Checkpoint> {
    Checkpoint::decode(kv.get(CHECKPOINT_KEY).as_deref())
}

/// Stores the device's pull checkpoint, verified (a checkpoint that did not
/// take only means the next run starts further back).
pub fn set_checkpoint(kv: &impl KeyValue, cp: &Checkpoint) -> Result<(), StorageError> {
    set_verified(kv, CHECKPOINT_KEY, &cp.encode())
}

/// Forgets the device's pull checkpoint: the next pull starts from the
/// beginning (the server went back, see `verify::Plan::fresh_checkpoint`).
pub fn clear_checkpoint(kv: &impl KeyValue) {
    let _ = kv.remove(CHECKPOINT_KEY);
}

/// The kept copy of the clinic key document.
pub fn key_copy(kv: &impl KeyValue) -> Option<String> {
    kv.get(KEY_COPY_KEY)
}

/// Keeps a copy of the clinic key document. Best effort: without it a
/// server that lost the key asks for the passphrase instead.
pub fn set_key_copy(kv: &impl KeyValue, text: &str) {
    if kv.get(KEY_COPY_KEY).as_deref() != Some(text) {
        let _ = set_verified(kv, KEY_COPY_KEY, text);
    }
}

/// What this device remembers of the server.
pub fn mark(kv: &impl KeyValue) -> Option<ServerMark> {
    ServerMark::decode(kv.get(MARK_KEY).as_deref())
}

/// Stores the mark, verified (an owed comparison should survive the tab;
/// when it cannot be stored the old mark stays and shows the same signs).
pub fn set_mark(kv: &impl KeyValue, mark: &ServerMark) -> Result<(), StorageError> {
    set_verified(kv, MARK_KEY, &mark.encode())
}

/// The last run's outcome.
pub fn last_run(kv: &impl KeyValue) -> LastRun {
    LastRun::decode(kv.get(LAST_RUN_KEY).as_deref())
}

/// Stores the last run's outcome. Best effort: a lost one only shows
/// "not synced yet" until the next run.
pub fn set_last_run(kv: &impl KeyValue, last: &LastRun) {
    let _ = kv.set(LAST_RUN_KEY, &last.encode());
}
