//! This device's own sync state in localStorage: the settings, the clinic
//! data key, what was last synced of each document, and the pull
//! checkpoint. None of it is a record: it never syncs and is never exported.

use super::{entries, raw, set_verified, StorageError};
use crate::domain::sync::checkpoint::Checkpoint;
use crate::domain::sync::config::SyncConfig;
use crate::domain::sync::engine::{Synced, SYNCED_PREFIX};
use std::collections::HashMap;

/// The sync settings (no password).
pub const CONFIG_KEY: &str = "attune.sync.config";
/// The clinic data key, raw, base64. Kept beside the records it protects
/// on the server: on this device the records are in clear anyway, and
/// keeping it spares typing the passphrase at every start.
pub const KEY_KEY: &str = "attune.sync.key";
/// The device's copy of the pull checkpoint.
pub const CHECKPOINT_KEY: &str = "attune.sync.checkpoint";

/// The stored settings, when sync is on.
pub fn config() -> Option<SyncConfig> {
    let text = raw().ok()?.get_item(CONFIG_KEY).ok().flatten()?;
    SyncConfig::decode(&text)
}

/// Stores the settings and the data key (sync on), each verified.
pub fn turn_on(config: &SyncConfig, key_b64: &str) -> Result<(), StorageError> {
    set_verified(KEY_KEY, key_b64)?;
    set_verified(CONFIG_KEY, &config.encode())
}

/// Forgets the settings, the key and every sync note (sync off). The
/// records themselves stay exactly as they are.
pub fn turn_off() {
    let Ok(s) = raw() else { return };
    for (k, _) in entries(&s, "attune.sync.") {
        let _ = s.remove_item(&k);
    }
}

/// The stored data key (base64).
pub fn data_key() -> Option<String> {
    raw().ok()?.get_item(KEY_KEY).ok().flatten()
}

/// What was last synced of every document, by document id.
pub fn all_synced() -> HashMap<String, Synced> {
    let Ok(s) = raw() else {
        return HashMap::new();
    };
    entries(&s, SYNCED_PREFIX)
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
pub fn set_synced(doc_id: &str, synced: &Synced) {
    if let Ok(s) = raw() {
        let _ = s.set_item(&format!("{SYNCED_PREFIX}{doc_id}"), &synced.encode());
    }
}

/// The device's pull checkpoint.
pub fn checkpoint() -> Option<Checkpoint> {
    let text = raw().ok()?.get_item(CHECKPOINT_KEY).ok().flatten();
    Checkpoint::decode(text.as_deref())
}

/// Stores the device's pull checkpoint, verified (a checkpoint that did not
/// take only means the next run starts further back).
pub fn set_checkpoint(cp: &Checkpoint) -> Result<(), StorageError> {
    set_verified(CHECKPOINT_KEY, &cp.encode())
}
