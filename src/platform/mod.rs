//! The platform layer: everything the storage and sync shells ask of the
//! browser, each behind a small trait, so the shell's loops run natively in
//! tests against in-memory stand-ins while the app runs them on the real
//! browser.
//!
//! - [`KeyValue`]: localStorage and sessionStorage (strings by key).
//! - [`Clock`]: the time now.
//! - [`Random`]: random bytes (salts, IVs, keys, ids).
//! - [`Crypto`]: AES-256-GCM for records, PBKDF2 and AES-KW for the clinic
//!   key (WebCrypto in the browser).
//! - [`ecdh::Ecdh`]: the clinic inbox's key pairs, sealing and opening.
//! - [`Fetch`]: one HTTP request to the clinic's CouchDB, answered as a
//!   [`fetch::Outcome`].
//!
//! [`browser`] implements each with web-sys (wasm32 only); [`memory`] with
//! plain Rust (everywhere; its crypto natively only), for the native tests
//! in `tests/`. The traits stay small on purpose: a shell asks only what it
//! needs, and a later IndexedDB store fits beside localStorage's.
//!
//! The async methods are `async fn` in traits without `Send` bounds: the
//! browser runs them on its one thread, and so do the native tests.
#![allow(async_fn_in_trait)]

use crate::domain::sync::crypto_format::{Envelope, IV_LEN, KEY_LEN};
use crate::domain::sync::keys::{SALT_LEN, WRAPPED_LEN};
use chrono::{DateTime, Utc};

#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod database;
pub mod ecdh;
pub mod fetch;
pub mod memory;
pub mod scoped;

pub use fetch::{Outcome, Stop};

/// Why a key-value write did not take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KvError {
    /// No storage at all (disabled, or blocked in this window).
    Unavailable,
    /// The storage's quota is full.
    Quota,
    /// Anything else the storage reported, in words.
    Other(String),
}

/// A string store by key, as localStorage and sessionStorage are: each
/// write is whole or not at all.
pub trait KeyValue {
    /// The stored text of `key`, if any.
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key`; on error the old value stays.
    fn set(&self, key: &str, value: &str) -> Result<(), KvError>;
    /// Removes `key` (nothing stored is fine).
    fn remove(&self, key: &str) -> Result<(), KvError>;
    /// Every key stored.
    fn keys(&self) -> Vec<String>;

    /// Writes `value` under `key` and reads it back: `Ok(true)` when it
    /// reads back as written, `Ok(false)` when something else came back
    /// (the previous value is then put back). A refused write leaves the
    /// previous value by itself.
    fn set_checked(&self, key: &str, value: &str) -> Result<bool, KvError> {
        let before = self.get(key);
        self.set(key, value)?;
        if self.get(key).as_deref() == Some(value) {
            return Ok(true);
        }
        if let Some(prev) = before {
            let _ = self.set(key, &prev);
        }
        Ok(false)
    }

    /// False when the browser lets Attune store nothing here at all
    /// (storage disabled or blocked): then nothing is read or written.
    fn available(&self) -> bool {
        true
    }

    /// `(key, text)` of every entry whose key starts with `prefix`, sorted
    /// by key.
    fn entries(&self, prefix: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(prefix))
            .filter_map(|k| self.get(&k).map(|v| (k, v)))
            .collect();
        out.sort();
        out
    }

    /// The room everything stored takes, in UTF-16 code units of keys and
    /// values (the unit localStorage's quota is counted in); `None` when it
    /// cannot be measured.
    fn used_units(&self) -> Option<u64> {
        let keys = self.keys();
        Some(
            keys.iter()
                .map(|k| {
                    let v = self.get(k).unwrap_or_default();
                    crate::domain::records::room::entry_units(k, &v)
                })
                .sum(),
        )
    }
}

/// The time now, passed into the pure core, and the performance marks the
/// benchmark reads (nothing, where there is no benchmark to read them).
pub trait Clock {
    /// Now, as a UTC timestamp.
    fn now(&self) -> DateTime<Utc>;
    /// Sets a User Timing mark.
    fn mark(&self, _name: &str) {}
    /// Records a User Timing measure from `start_mark` to now.
    fn measure(&self, _name: &str, _start_mark: &str) {}
}

/// Fresh random bytes.
pub trait Random {
    /// Fills `out` with random bytes; an error when no source is available.
    fn fill(&self, out: &mut [u8]) -> Result<(), String>;

    /// `N` random bytes.
    fn bytes<const N: usize>(&self) -> Result<[u8; N], String> {
        let mut out = [0u8; N];
        self.fill(&mut out)?;
        Ok(out)
    }

    /// A random id for a device or a run: 16 random bytes, hex (all zeros
    /// when no random source is available: such an id only names a run).
    fn hex_id(&self) -> String {
        let bytes: [u8; 16] = self.bytes().unwrap_or_default();
        crate::domain::sync::digest::hex(&bytes)
    }
}

/// The cryptography sync needs: the data key, records sealed and opened
/// with AES-256-GCM, and the data key wrapped under the clinic passphrase
/// (PBKDF2-HMAC-SHA256, then AES-KW). Formats and parameters are the
/// domain's (`crypto_format`, `keys`).
pub trait Crypto {
    /// A data key ready to use (a WebCrypto `CryptoKey` in the browser).
    type Key: Clone;
    /// The raw data key as a usable key.
    async fn import_data_key(&self, raw: &[u8; KEY_LEN]) -> Result<Self::Key, String>;
    /// Encrypts one record's clear text under `iv` (fresh, claimed in the
    /// run's IV ledger by the caller).
    async fn seal(
        &self,
        key: &Self::Key,
        iv: [u8; IV_LEN],
        plaintext: &[u8],
        aad: &[u8],
    ) -> Result<Envelope, String>;
    /// Decrypts one envelope; `None` when it does not open under this key
    /// and AAD (another key, tampering, a document moved to another id).
    async fn open(
        &self,
        key: &Self::Key,
        iv: &[u8; IV_LEN],
        ct: &[u8],
        aad: &[u8],
    ) -> Option<Vec<u8>>;
    /// Wraps the data key under the passphrase.
    async fn wrap(
        &self,
        key: &Self::Key,
        passphrase: &str,
        salt: &[u8; SALT_LEN],
        iterations: u32,
    ) -> Result<[u8; WRAPPED_LEN], String>;
    /// Unwraps the data key; `Ok(None)` when the passphrase is wrong.
    async fn unwrap(
        &self,
        wrapped: &[u8; WRAPPED_LEN],
        passphrase: &str,
        salt: &[u8; SALT_LEN],
        iterations: u32,
    ) -> Result<Option<[u8; KEY_LEN]>, String>;
}

/// Everything the sync shell asks of its platform: its key-value store (the
/// device's sync notes), the clock, random bytes, crypto and the network.
pub trait Platform: KeyValue + Clock + Random + Crypto + Fetch {}

impl<T: KeyValue + Clock + Random + Crypto + Fetch> Platform for T {}

/// One HTTP request to the clinic's CouchDB.
pub trait Fetch {
    /// Sends `method` to `url` with a JSON `body` (if any), cookies of this
    /// origin included, and waits for the answer or the deadline.
    async fn request(&self, method: &str, url: &str, body: Option<&str>) -> Outcome;

    /// A `GET` whose answer may take up to `deadline_ms` (the changes
    /// feed's long-poll); `stop` ends it early. Both end as
    /// [`Outcome::TimedOut`]. By default an ordinary request (the in-memory
    /// server answers at once).
    async fn long_get(&self, url: &str, deadline_ms: u32, stop: &Stop) -> Outcome {
        let _ = (deadline_ms, stop);
        self.request("GET", url, None).await
    }
}
