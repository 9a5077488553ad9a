//! The platform on the real browser (wasm32 only): localStorage and
//! sessionStorage, the clock, `crypto.getRandomValues`, WebCrypto and
//! `fetch`, through web-sys.
//!
//! [`Browser`] is the whole platform as one value (localStorage is its
//! key-value store); the modules also keep the plain functions the views
//! call (`clock::now`, `pbkdf2::verify`, …).

pub mod clock;
pub mod ecdh;
pub mod fetch;
pub mod idb;
pub mod pbkdf2;
pub mod storage;
pub mod webcrypto;

use super::{Clock, Crypto, Fetch, KeyValue, KvError, Outcome, Random};
use crate::domain::sync::crypto_format::{Envelope, IV_LEN, KEY_LEN};
use crate::domain::sync::keys::{SALT_LEN, WRAPPED_LEN};
use chrono::{DateTime, Utc};
pub use storage::{LocalStore, SessionStore};

/// The browser as the sync shell's platform: localStorage, the clock,
/// the CSPRNG, WebCrypto and `fetch`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Browser;

impl KeyValue for Browser {
    fn get(&self, key: &str) -> Option<String> {
        LocalStore.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), KvError> {
        LocalStore.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), KvError> {
        LocalStore.remove(key)
    }
    fn keys(&self) -> Vec<String> {
        LocalStore.keys()
    }
    fn available(&self) -> bool {
        LocalStore.available()
    }
    fn used_units(&self) -> Option<u64> {
        LocalStore.used_units()
    }
}

impl Clock for Browser {
    fn now(&self) -> DateTime<Utc> {
        clock::now()
    }
    fn mark(&self, name: &str) {
        clock::mark(name);
    }
    fn measure(&self, name: &str, start_mark: &str) {
        clock::measure(name, start_mark);
    }
}

impl Random for Browser {
    fn fill(&self, out: &mut [u8]) -> Result<(), String> {
        pbkdf2::fill_random(out)
    }
}

impl Crypto for Browser {
    type Key = web_sys::CryptoKey;

    async fn import_data_key(&self, raw: &[u8; KEY_LEN]) -> Result<Self::Key, String> {
        webcrypto::import_data_key(raw).await
    }

    async fn seal(
        &self,
        key: &Self::Key,
        iv: [u8; IV_LEN],
        plaintext: &[u8],
        aad: &[u8],
    ) -> Result<Envelope, String> {
        webcrypto::seal(key, iv, plaintext, aad).await
    }

    async fn open(
        &self,
        key: &Self::Key,
        iv: &[u8; IV_LEN],
        ct: &[u8],
        aad: &[u8],
    ) -> Option<Vec<u8>> {
        webcrypto::open(key, iv, ct, aad).await
    }

    async fn wrap(
        &self,
        key: &Self::Key,
        passphrase: &str,
        salt: &[u8; SALT_LEN],
        iterations: u32,
    ) -> Result<[u8; WRAPPED_LEN], String> {
        webcrypto::wrap(key, passphrase, salt, iterations).await
    }

    async fn unwrap(
        &self,
        wrapped: &[u8; WRAPPED_LEN],
        passphrase: &str,
        salt: &[u8; SALT_LEN],
        iterations: u32,
    ) -> Result<Option<[u8; KEY_LEN]>, String> {
        webcrypto::unwrap(wrapped, passphrase, salt, iterations).await
    }
}

impl Fetch for Browser {
    async fn request(&self, method: &str, url: &str, body: Option<&str>) -> Outcome {
        fetch::request(method, url, body).await
    }

    async fn long_get(&self, url: &str, deadline_ms: u32, stop: &super::Stop) -> Outcome {
        fetch::long_get(url, deadline_ms, stop).await
    }
}
