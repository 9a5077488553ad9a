//! The platform in memory, for native tests of the shell's loops: a
//! key-value store with an optional quota, a clock set by hand, a seeded
//! random source, AES-256-GCM in plain Rust (natively) and a server given as
//! a function from request to answer.
//!
//! Nothing here runs in the app: the browser's own implementations are in
//! [`super::browser`]. The stand-ins behave as the browser does where the
//! shell relies on it (a refused write leaves the old value, a record that
//! does not open under the key is `None`), and say so where they differ.

use super::{Clock, Fetch, KeyValue, KvError, Outcome, Random};
use chrono::{DateTime, Utc};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

/// A key-value store in memory, shared by its clones (two handles are two
/// tabs of one origin). With a quota, a write that would take the whole
/// store past it is refused as localStorage refuses it.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    map: Rc<RefCell<BTreeMap<String, String>>>,
    quota: Rc<Cell<Option<u64>>>,
}

impl MemoryStore {
    /// An empty store without a quota.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// Sets (or lifts, with `None`) the quota in UTF-16 code units.
    pub fn set_quota(&self, units: Option<u64>) {
        self.quota.set(units);
    }

    /// Everything stored, by key (a copy).
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.map.borrow().clone()
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.map.borrow().get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), KvError> {
        if let Some(quota) = self.quota.get() {
            let old = self
                .get(key)
                .map_or(0, |v| crate::domain::records::room::entry_units(key, &v));
            let used = self.used_units().unwrap_or(0) - old;
            if used + crate::domain::records::room::entry_units(key, value) > quota {
                return Err(KvError::Quota);
            }
        }
        self.map.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), KvError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Vec<String> {
        self.map.borrow().keys().cloned().collect()
    }
}

/// A clock that shows what it was set to.
#[derive(Clone, Debug)]
pub struct ManualClock(Rc<Cell<DateTime<Utc>>>);

impl ManualClock {
    /// A clock showing `at`.
    pub fn at(at: DateTime<Utc>) -> ManualClock {
        ManualClock(Rc::new(Cell::new(at)))
    }

    /// Moves the clock to `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        self.0.set(at);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        self.0.get()
    }
}

/// Random bytes from a seed (xorshift64*): the same seed gives the same
/// bytes, so a test's run can be repeated. Not for secrets.
#[derive(Clone, Debug)]
pub struct SeededRandom(Rc<Cell<u64>>);

impl SeededRandom {
    /// A source started from `seed` (0 is taken as 1).
    pub fn new(seed: u64) -> SeededRandom {
        SeededRandom(Rc::new(Cell::new(seed.max(1))))
    }
}

impl Random for SeededRandom {
    fn fill(&self, out: &mut [u8]) -> Result<(), String> {
        for b in out {
            let mut x = self.0.get();
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            self.0.set(x);
            *b = (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8;
        }
        Ok(())
    }
}

/// A server as a function: each request (method, URL, body) gets its
/// answer. A test's in-memory CouchDB, or a script of answers.
pub struct MemoryFetch<F>(RefCell<F>);

impl<F: FnMut(&str, &str, Option<&str>) -> Outcome> MemoryFetch<F> {
    /// The server `answer` is.
    pub fn new(answer: F) -> MemoryFetch<F> {
        MemoryFetch(RefCell::new(answer))
    }
}

impl<F: FnMut(&str, &str, Option<&str>) -> Outcome> Fetch for MemoryFetch<F> {
    async fn request(&self, method: &str, url: &str, body: Option<&str>) -> Outcome {
        (self.0.borrow_mut())(method, url, body)
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::{MemoryCrypto, MemoryPlatform};

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::{ManualClock, MemoryFetch, MemoryStore, SeededRandom};
    use crate::domain::sync::crypto_format::{Envelope, IV_LEN, KEY_LEN};
    use crate::domain::sync::keys::{SALT_LEN, WRAPPED_LEN};
    use crate::platform::{Clock, Crypto, Fetch, KeyValue, KvError, Outcome, Random};
    use aes_gcm::aead::{Aead, Payload};
    use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
    use chrono::{DateTime, Utc};
    use sha2::{Digest, Sha256};

    /// AES-256-GCM as WebCrypto does it (the same envelope opens in either),
    /// in plain Rust. The passphrase wrapping is a stand-in, not PBKDF2 and
    /// AES-KW: the key XOR a SHA-256 of passphrase, salt and iterations, then
    /// an 8-byte check, so a wrong passphrase is refused as AES-KW refuses
    /// it. Native only: the `aes-gcm` crate is not linked into the app.
    #[derive(Clone, Copy, Debug, Default)]
    pub struct MemoryCrypto;

    fn kek(passphrase: &str, salt: &[u8; SALT_LEN], iterations: u32) -> [u8; KEY_LEN] {
        let mut h = Sha256::new();
        h.update(passphrase.as_bytes());
        h.update(salt);
        h.update(iterations.to_be_bytes());
        h.finalize().into()
    }

    fn check(kek: &[u8; KEY_LEN], key: &[u8; KEY_LEN]) -> [u8; WRAPPED_LEN - KEY_LEN] {
        let mut h = Sha256::new();
        h.update(kek);
        h.update(key);
        let d: [u8; 32] = h.finalize().into();
        let mut out = [0u8; WRAPPED_LEN - KEY_LEN];
        out.copy_from_slice(&d[..WRAPPED_LEN - KEY_LEN]);
        out
    }

    impl Crypto for MemoryCrypto {
        type Key = [u8; KEY_LEN];

        async fn import_data_key(&self, raw: &[u8; KEY_LEN]) -> Result<Self::Key, String> {
            Ok(*raw)
        }

        async fn seal(
            &self,
            key: &Self::Key,
            iv: [u8; IV_LEN],
            plaintext: &[u8],
            aad: &[u8],
        ) -> Result<Envelope, String> {
            let ct = Aes256Gcm::new_from_slice(key)
                .map_err(|e| e.to_string())?
                .encrypt(
                    Nonce::from_slice(&iv),
                    Payload {
                        msg: plaintext,
                        aad,
                    },
                )
                .map_err(|e| e.to_string())?;
            Envelope::new(iv, ct).map_err(|e| e.to_string())
        }

        async fn open(
            &self,
            key: &Self::Key,
            iv: &[u8; IV_LEN],
            ct: &[u8],
            aad: &[u8],
        ) -> Option<Vec<u8>> {
            Aes256Gcm::new_from_slice(key)
                .ok()?
                .decrypt(Nonce::from_slice(iv), Payload { msg: ct, aad })
                .ok()
        }

        async fn wrap(
            &self,
            key: &Self::Key,
            passphrase: &str,
            salt: &[u8; SALT_LEN],
            iterations: u32,
        ) -> Result<[u8; WRAPPED_LEN], String> {
            let k = kek(passphrase, salt, iterations);
            let mut out = [0u8; WRAPPED_LEN];
            for (i, b) in key.iter().enumerate() {
                out[i] = b ^ k[i];
            }
            out[KEY_LEN..].copy_from_slice(&check(&k, key));
            Ok(out)
        }

        async fn unwrap(
            &self,
            wrapped: &[u8; WRAPPED_LEN],
            passphrase: &str,
            salt: &[u8; SALT_LEN],
            iterations: u32,
        ) -> Result<Option<[u8; KEY_LEN]>, String> {
            let k = kek(passphrase, salt, iterations);
            let mut key = [0u8; KEY_LEN];
            for (i, b) in key.iter_mut().enumerate() {
                *b = wrapped[i] ^ k[i];
            }
            Ok((wrapped[KEY_LEN..] == check(&k, &key)).then_some(key))
        }
    }

    /// The whole platform in memory, as one value the sync shell runs on:
    /// a device's storage, clock and random source, and the server `F`.
    pub struct MemoryPlatform<F> {
        /// This device's storage.
        pub kv: MemoryStore,
        /// This device's clock.
        pub clock: ManualClock,
        /// This device's random source.
        pub random: SeededRandom,
        /// The server, as a function from request to answer.
        pub net: MemoryFetch<F>,
    }

    impl<F> KeyValue for MemoryPlatform<F> {
        fn get(&self, key: &str) -> Option<String> {
            self.kv.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), KvError> {
            self.kv.set(key, value)
        }
        fn remove(&self, key: &str) -> Result<(), KvError> {
            self.kv.remove(key)
        }
        fn keys(&self) -> Vec<String> {
            self.kv.keys()
        }
    }

    impl<F> Clock for MemoryPlatform<F> {
        fn now(&self) -> DateTime<Utc> {
            self.clock.now()
        }
    }

    impl<F> Random for MemoryPlatform<F> {
        fn fill(&self, out: &mut [u8]) -> Result<(), String> {
            self.random.fill(out)
        }
    }

    impl<F> Crypto for MemoryPlatform<F> {
        type Key = [u8; KEY_LEN];

        async fn import_data_key(&self, raw: &[u8; KEY_LEN]) -> Result<Self::Key, String> {
            MemoryCrypto.import_data_key(raw).await
        }

        async fn seal(
            &self,
            key: &Self::Key,
            iv: [u8; IV_LEN],
            plaintext: &[u8],
            aad: &[u8],
        ) -> Result<Envelope, String> {
            MemoryCrypto.seal(key, iv, plaintext, aad).await
        }

        async fn open(
            &self,
            key: &Self::Key,
            iv: &[u8; IV_LEN],
            ct: &[u8],
            aad: &[u8],
        ) -> Option<Vec<u8>> {
            MemoryCrypto.open(key, iv, ct, aad).await
        }

        async fn wrap(
            &self,
            key: &Self::Key,
            passphrase: &str,
            salt: &[u8; SALT_LEN],
            iterations: u32,
        ) -> Result<[u8; WRAPPED_LEN], String> {
            MemoryCrypto.wrap(key, passphrase, salt, iterations).await
        }

        async fn unwrap(
            &self,
            wrapped: &[u8; WRAPPED_LEN],
            passphrase: &str,
            salt: &[u8; SALT_LEN],
            iterations: u32,
        ) -> Result<Option<[u8; KEY_LEN]>, String> {
            MemoryCrypto
                .unwrap(wrapped, passphrase, salt, iterations)
                .await
        }
    }

    impl<F: FnMut(&str, &str, Option<&str>) -> Outcome> Fetch for MemoryPlatform<F> {
        async fn request(&self, method: &str, url: &str, body: Option<&str>) -> Outcome {
            self.net.request(method, url, body).await
        }
    }
}
