//! The clinic inbox's cryptography as the sync shell asks for it: a
//! caseload's key pair, one record sealed to a therapist's public key, one
//! sealed record opened with the caseload's private key. Formats, key
//! derivation inputs and associated data are the domain's
//! ([`crate::domain::sync::seal`]).
//!
//! In the browser: ECDH P-256, HKDF-SHA256 and AES-256-GCM, all WebCrypto
//! (`browser::ecdh`). In memory (native tests of the shell's loops): no
//! P-256 is in this build, so a stand-in key agreement (NOT secure: the
//! shared secret is a hash of the two public keys) in front of the real
//! HKDF-SHA256 and AES-256-GCM; what it lets the tests check is the shell's
//! loop (what is sent, kept, closed, left), not the cryptography, which
//! the browser test runs for real.

use crate::domain::records::layout::Record;
use crate::domain::sync::crypto_format::IV_LEN;
use crate::domain::sync::seal::{Opening, Point, PublicKey, Sealed};

/// What the clinic inbox asks of the platform.
pub trait Ecdh {
    /// A caseload's private key ready to use (in the browser a
    /// non-extractable `CryptoKey`).
    type Private;
    /// A new key pair: the private key as PKCS #8 (kept encrypted under the
    /// caseload's data key), the public key raw.
    async fn generate_pair(&self) -> Result<(Vec<u8>, Point), String>;
    /// A private key from PKCS #8, for use only.
    async fn import_private(&self, pkcs8: &[u8]) -> Result<Self::Private, String>;
    /// Seals `record` to `to` with a fresh ephemeral key and the IV `iv`.
    async fn seal_to(
        &self,
        record: &Record,
        to: &PublicKey,
        iv: [u8; IV_LEN],
    ) -> Result<Sealed, String>;
    /// Opens a sealed record; `None` when it does not open.
    async fn open_sealed(&self, private: &Self::Private, o: &Opening) -> Option<Vec<u8>>;
}

#[cfg(not(target_arch = "wasm32"))]
mod memory {
    use super::Ecdh;
    use crate::domain::records::layout::Record;
    use crate::domain::sync::crypto_format::IV_LEN;
    use crate::domain::sync::seal::{sealing, Opening, Point, PublicKey, Sealed};
    use crate::platform::memory::MemoryPlatform;
    use crate::platform::Random;
    use aes_gcm::aead::{Aead, Payload};
    use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
    use sha2::{Digest, Sha256};

    fn hmac(key: &[u8], msg: &[u8]) -> [u8; 32] {
        let mut k = [0u8; 64];
        if key.len() > 64 {
            k[..32].copy_from_slice(&Sha256::digest(key));
        } else {
            k[..key.len()].copy_from_slice(key);
        }
        let pad = |b: u8| k.iter().map(|x| x ^ b).collect::<Vec<u8>>();
        let inner = Sha256::digest([pad(0x36).as_slice(), msg].concat());
        Sha256::digest([pad(0x5c).as_slice(), inner.as_slice()].concat()).into()
    }

    /// HKDF-SHA256 (RFC 5869) for 32 bytes, as WebCrypto derives the key.
    fn hkdf(ikm: &[u8], salt: &[u8], info: &[u8]) -> [u8; 32] {
        hmac(&hmac(salt, ikm), &[info, &[1]].concat())
    }

    /// The stand-in's public key of `private`.
    fn public(private: &[u8; 32]) -> Point {
        let a = Sha256::digest([b"pub-a".as_slice(), private].concat());
        let b = Sha256::digest([b"pub-b".as_slice(), private].concat());
        let bytes = [[4u8].as_slice(), a.as_slice(), b.as_slice()].concat();
        Point::new(&bytes).expect("65 bytes starting with 4")
    }

    /// The stand-in's agreement: the same from either side, NOT secret.
    fn shared(private: &[u8; 32], other: &Point) -> [u8; 32] {
        let mine = public(private);
        let (lo, hi) = if mine.bytes() <= other.bytes() {
            (mine.bytes(), other.bytes())
        } else {
            (other.bytes(), mine.bytes())
        };
        Sha256::digest([lo.as_slice(), hi.as_slice()].concat()).into()
    }

    impl<F> Ecdh for MemoryPlatform<F> {
        type Private = [u8; 32];

        async fn generate_pair(&self) -> Result<(Vec<u8>, Point), String> {
            let private: [u8; 32] = self.bytes()?;
            Ok((private.to_vec(), public(&private)))
        }

        async fn import_private(&self, pkcs8: &[u8]) -> Result<[u8; 32], String> {
            pkcs8.try_into().map_err(|_| "not a key".to_string())
        }

        async fn seal_to(
            &self,
            record: &Record,
            to: &PublicKey,
            iv: [u8; IV_LEN],
        ) -> Result<Sealed, String> {
            let ephemeral: [u8; 32] = self.bytes()?;
            let epk = public(&ephemeral);
            let s = sealing(record, to, &epk).map_err(|e| e.to_string())?;
            let key = hkdf(&shared(&ephemeral, &to.key), &s.salt, &s.info);
            let ct = Aes256Gcm::new_from_slice(&key)
                .map_err(|e| e.to_string())?
                .encrypt(
                    Nonce::from_slice(&iv),
                    Payload {
                        msg: &s.plaintext,
                        aad: &s.aad,
                    },
                )
                .map_err(|e| e.to_string())?;
            Sealed::new(&s, to, epk, iv, ct).map_err(|e| e.to_string())
        }

        async fn open_sealed(&self, private: &[u8; 32], o: &Opening) -> Option<Vec<u8>> {
            let key = hkdf(&shared(private, &o.epk), &o.salt, &o.info);
            Aes256Gcm::new_from_slice(&key)
                .ok()?
                .decrypt(
                    Nonce::from_slice(&o.iv),
                    Payload {
                        msg: &o.ct,
                        aad: &o.aad,
                    },
                )
                .ok()
        }
    }
}
