//! The storage shell: the only code that reads and writes the browser's
//! storage. What to do is asked of the domain (`save_plan`, `room`, `start`,
//! `records::layout`); this reads, writes and verifies.
//!
//! [`records`] (the records layout) and [`sync_state`] (this device's sync
//! notes) work on any [`KeyValue`] store, so their loops run natively in
//! tests on the platform's in-memory store; [`browser`] (wasm32 only) holds
//! the rest, on localStorage and sessionStorage directly: the single
//! document is kept on the JS side there, which a string-based store could
//! not do without copying megabytes into wasm.

use crate::domain::records::save_plan::Blocked;
use crate::domain::words::Words;
use crate::platform::{KeyValue, KvError};
use thiserror::Error;

#[cfg(target_arch = "wasm32")]
mod browser;
pub mod home;
pub mod inbox;
pub mod pack;
pub mod page_lang;
pub mod records;
pub mod sync_state;

#[cfg(target_arch = "wasm32")]
pub use browser::*;

/// Key of the versioned document (clients and ratings).
pub const DATA_KEY: &str = "attune.data";
/// Key of the in-progress rating.
pub const DRAFT_KEY: &str = "attune.draft";
pub use crate::domain::records::save_plan::LoadStatus;
/// Prefix of quarantined copies of unreadable data: `attune.quarantine.<ms>`.
pub use crate::domain::records::save_plan::QUARANTINE_PREFIX;

/// Why storage could not do what was asked. Shown to the user as is.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum StorageError {
    /// No localStorage at all (disabled, or blocked in this window).
    #[error("this browser is not letting Attune store data here (storage is disabled or blocked)")]
    Unavailable,
    /// The browser's storage quota is full.
    #[error("the browser's storage for Attune is full")]
    Quota,
    /// The write seemed to work but reading it back gave something else.
    #[error("the saved copy did not read back correctly, so the previous copy was kept")]
    Verify,
    /// Saving is switched off to protect data this version cannot safely rewrite.
    #[error("{0}")]
    Blocked(Blocked),
    /// Anything else the browser reported.
    #[error("the browser refused to save: {0}")]
    Other(String),
}

impl StorageError {
    /// The message in `w`'s language, for the page (`Display` keeps the
    /// English for logs and the form). What the browser itself reported
    /// stays as it said it.
    pub fn words(&self, w: Words) -> String {
        match self {
            StorageError::Unavailable => w
                .tr("this browser is not letting Attune store data here (storage is disabled or blocked)")
                .into(),
            StorageError::Quota => w.tr("the browser's storage for Attune is full").into(),
            StorageError::Verify => w
                .tr("the saved copy did not read back correctly, so the previous copy was kept")
                .into(),
            StorageError::Blocked(why) => why.words(w),
            StorageError::Other(why) => {
                let why = match why.as_str() {
                    NO_REMOVE_DOCUMENT => w.tr("could not remove the old document"),
                    NO_REMOVE_RECORD => w.tr("could not remove a record"),
                    NO_UNLOCK => w.tr("could not leave client mode"),
                    NOT_SET_ASIDE => w.tr("not a set-aside copy"),
                    NO_REMOVE_COPY => w.tr("could not remove the copy"),
                    UNKNOWN => w.tr("unknown error"),
                    other => other,
                };
                w.trf("the browser refused to save: {why}", &[("why", &why)])
            }
        }
    }
}

/// [`StorageError::Other`]'s reasons of Attune's own (the rest are the
/// browser's names for its errors).
const NO_REMOVE_DOCUMENT: &str = "could not remove the old document";
const NO_REMOVE_RECORD: &str = "could not remove a record";
const NO_UNLOCK: &str = "could not leave client mode";
const NOT_SET_ASIDE: &str = "not a set-aside copy";
const NO_REMOVE_COPY: &str = "could not remove the copy";
const UNKNOWN: &str = "unknown error";

impl From<KvError> for StorageError {
    fn from(e: KvError) -> StorageError {
        match e {
            KvError::Unavailable => StorageError::Unavailable,
            KvError::Quota => StorageError::Quota,
            KvError::Other(why) => StorageError::Other(why),
        }
    }
}

/// Writes `value` under `key` and reads it back; when it reads back as
/// something else the previous value is put back and the write counts as
/// failed. (A refused write leaves the previous value by itself.)
pub fn set_verified(kv: &impl KeyValue, key: &str, value: &str) -> Result<(), StorageError> {
    match kv.set_checked(key, value)? {
        true => Ok(()),
        false => Err(StorageError::Verify),
    }
}

/// Sets an unreadable entry aside under a fresh quarantine key (verified)
/// and removes it from where it was; left in place when the copy fails.
pub fn quarantine_entry(kv: &impl KeyValue, key: &str, text: &str, now_ms: f64) -> bool {
    let taken: Vec<String> = kv
        .entries(QUARANTINE_PREFIX)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
    let q = crate::domain::records::save_plan::quarantine_key(now_ms as u64, &taken);
    let copied = set_verified(kv, &q, text).is_ok();
    if copied {
        let _ = kv.remove(key);
    }
    copied
}
