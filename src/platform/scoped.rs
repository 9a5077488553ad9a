//! One platform seen through a scope: its key-value store keeps every key
//! under a prefix (`domain::sync::by_caseload::scope`), everything else is
//! the platform's own. The sync shell runs one database's run on it, so
//! each caseload database has its own settings, key, checkpoint and notes
//! while the run itself knows of one database only.

use super::{Clock, Crypto, Fetch, KeyValue, KvError, Outcome, Random, Stop};
use crate::domain::sync::by_caseload::{scoped_key, unscoped_key};
use crate::domain::sync::crypto_format::{Envelope, IV_LEN, KEY_LEN};
use crate::domain::sync::keys::{SALT_LEN, WRAPPED_LEN};
use chrono::{DateTime, Utc};

/// `P` with its keys under `scope` (`None`: the platform as it is).
pub struct Scoped<'a, P> {
    inner: &'a P,
    scope: Option<String>,
}

impl<'a, P> Scoped<'a, P> {
    /// `inner` seen through `scope`.
    pub fn new(inner: &'a P, scope: Option<String>) -> Scoped<'a, P> {
        Scoped { inner, scope }
    }

    fn key(&self, key: &str) -> String {
        self.scope
            .as_deref()
            .map_or_else(|| key.to_string(), |s| scoped_key(s, key))
    }
}

impl<P: KeyValue> KeyValue for Scoped<'_, P> {
    fn get(&self, key: &str) -> Option<String> {
        self.inner.get(&self.key(key))
    }
    fn set(&self, key: &str, value: &str) -> Result<(), KvError> {
        self.inner.set(&self.key(key), value)
    }
    fn remove(&self, key: &str) -> Result<(), KvError> {
        self.inner.remove(&self.key(key))
    }
    fn keys(&self) -> Vec<String> {
        match &self.scope {
            None => self.inner.keys(),
            Some(s) => (self.inner.keys().iter())
                .filter_map(|k| unscoped_key(s, k))
                .collect(),
        }
    }
    fn available(&self) -> bool {
        self.inner.available()
    }
    fn entries(&self, prefix: &str) -> Vec<(String, String)> {
        match &self.scope {
            None => self.inner.entries(prefix),
            // Asked of the platform under the scoped prefix: localStorage's
            // own listing, not every key read back one by one.
            Some(s) => (self.inner.entries(&scoped_key(s, prefix)).into_iter())
                .filter_map(|(k, v)| Some((unscoped_key(s, &k)?, v)))
                .collect(),
        }
    }
    fn used_units(&self) -> Option<u64> {
        self.inner.used_units()
    }
}

impl<P: Clock> Clock for Scoped<'_, P> {
    fn now(&self) -> DateTime<Utc> {
        self.inner.now()
    }
    fn mark(&self, name: &str) {
        self.inner.mark(name);
    }
    fn measure(&self, name: &str, start_mark: &str) {
        self.inner.measure(name, start_mark);
    }
}

impl<P: Random> Random for Scoped<'_, P> {
    fn fill(&self, out: &mut [u8]) -> Result<(), String> {
        self.inner.fill(out)
    }
}

impl<P: Crypto> Crypto for Scoped<'_, P> {
    type Key = P::Key;
    async fn import_data_key(&self, raw: &[u8; KEY_LEN]) -> Result<Self::Key, String> {
        self.inner.import_data_key(raw).await
    }
    async fn seal(
        &self,
        key: &Self::Key,
        iv: [u8; IV_LEN],
        plaintext: &[u8],
        aad: &[u8],
    ) -> Result<Envelope, String> {
        self.inner.seal(key, iv, plaintext, aad).await
    }
    async fn open(
        &self,
        key: &Self::Key,
        iv: &[u8; IV_LEN],
        ct: &[u8],
        aad: &[u8],
    ) -> Option<Vec<u8>> {
        self.inner.open(key, iv, ct, aad).await
    }
    async fn wrap(
        &self,
        key: &Self::Key,
        passphrase: &str,
        salt: &[u8; SALT_LEN],
        iterations: u32,
    ) -> Result<[u8; WRAPPED_LEN], String> {
        self.inner.wrap(key, passphrase, salt, iterations).await
    }
    async fn unwrap(
        &self,
        wrapped: &[u8; WRAPPED_LEN],
        passphrase: &str,
        salt: &[u8; SALT_LEN],
        iterations: u32,
    ) -> Result<Option<[u8; KEY_LEN]>, String> {
        self.inner
            .unwrap(wrapped, passphrase, salt, iterations)
            .await
    }
}

impl<P: Fetch> Fetch for Scoped<'_, P> {
    async fn request(&self, method: &str, url: &str, body: Option<&str>) -> Outcome {
        self.inner.request(method, url, body).await
    }
    async fn long_get(&self, url: &str, deadline_ms: u32, stop: &Stop) -> Outcome {
        self.inner.long_get(url, deadline_ms, stop).await
    }
}
