//! The clinic key document and the IV ledger: how the one data key is
//! kept on the server (wrapped under the clinic passphrase) and the rule
//! that no IV is used twice under it.
//!
//! Why a normal document (`attune:key`): `_local/` documents are not
//! replicated, and every device must find the same wrapped key.

use crate::domain::sync::base64;
use crate::domain::sync::crypto_format::{FormatError, IV_LEN, KEY_LEN};
use crate::domain::sync::revs::KEY_DOC_ID;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use thiserror::Error;

/// The key derivation, named in the key document.
pub const KDF: &str = "PBKDF2-HMAC-SHA256";
/// The key wrap, named in the key document (AES-KW with a 256-bit key).
pub const WRAP: &str = "A256KW";
/// PBKDF2 iterations for a new key document (OWASP 2023), and the fewest
/// a key document may name.
pub const MIN_ITERATIONS: u32 = 600_000;
/// The most iterations a key document may name, so a tampered document
/// cannot make joining hang the device.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Salt length in bytes.
pub const SALT_LEN: usize = 16;
/// Key id length in bytes.
pub const KID_LEN: usize = 16;
/// A wrapped 256-bit key under AES-KW: the key plus 8 bytes of check.
pub const WRAPPED_LEN: usize = KEY_LEN + 8;
/// Random 96-bit IVs under one key stay safe for 2^32 encryptions (NIST SP
/// 800-38D, 8.3); the ledger refuses past that.
pub const MAX_ENCRYPTIONS: u64 = 1 << 32;

/// The clinic key document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyDoc {
    /// Always [`KEY_DOC_ID`].
    #[serde(rename = "_id")]
    pub id: String,
    /// The document's revision, when read from the server.
    #[serde(rename = "_rev", default, skip_serializing_if = "Option::is_none")]
    pub rev: Option<String>,
    /// CouchDB's revision history, when asked for.
    #[serde(
        rename = "_revisions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revisions: Option<crate::domain::sync::revs::Revisions>,
    /// Always `"key"`.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Always 1.
    pub v: u32,
    /// Names the data key (random, made with it, kept across re-wraps):
    /// IVs are counted per `kid`.
    pub kid: String,
    /// Always [`KDF`].
    pub kdf: String,
    /// [`SALT_LEN`] random bytes, base64.
    pub salt: String,
    /// PBKDF2 iterations, [`MIN_ITERATIONS`]..=[`MAX_ITERATIONS`].
    pub iterations: u32,
    /// Always [`WRAP`].
    pub wrap: String,
    /// The wrapped data key, [`WRAPPED_LEN`] bytes, base64.
    pub wrapped: String,
}

/// What the shell needs from a valid key document to unwrap the data key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnwrapParams {
    /// The data key's id.
    pub kid: [u8; KID_LEN],
    /// PBKDF2 salt.
    pub salt: [u8; SALT_LEN],
    /// PBKDF2 iterations.
    pub iterations: u32,
    /// The AES-KW output to unwrap.
    pub wrapped: [u8; WRAPPED_LEN],
}

impl KeyDoc {
    /// A key document for a newly wrapped data key (a new clinic, or a new
    /// passphrase for the same key with a fresh salt).
    pub fn new(
        kid: [u8; KID_LEN],
        salt: [u8; SALT_LEN],
        iterations: u32,
        wrapped: [u8; WRAPPED_LEN],
    ) -> KeyDoc {
        KeyDoc {
            id: KEY_DOC_ID.into(),
            rev: None,
            revisions: None,
            doc_type: "key".into(),
            v: 1,
            kid: base64::encode(&kid),
            kdf: KDF.into(),
            salt: base64::encode(&salt),
            iterations,
            wrap: WRAP.into(),
            wrapped: base64::encode(&wrapped),
        }
    }

    /// Reads a key document from its JSON, strictly.
    pub fn decode(text: &str) -> Result<(KeyDoc, UnwrapParams), FormatError> {
        let doc: KeyDoc =
            serde_json::from_str(text).map_err(|e| FormatError::Shape(e.to_string()))?;
        let params = doc.params()?;
        Ok((doc, params))
    }

    /// Checks every field and returns what unwrapping needs.
    pub fn params(&self) -> Result<UnwrapParams, FormatError> {
        if self.id != KEY_DOC_ID || self.doc_type != "key" {
            return Err(FormatError::Shape("not the clinic key document".into()));
        }
        if self.v != 1 {
            return Err(FormatError::UnknownVersion(u64::from(self.v)));
        }
        if self.kdf != KDF {
            return Err(FormatError::UnknownAlgorithm(self.kdf.clone()));
        }
        if self.wrap != WRAP {
            return Err(FormatError::UnknownAlgorithm(self.wrap.clone()));
        }
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&self.iterations) {
            return Err(FormatError::BadField("iterations"));
        }
        Ok(UnwrapParams {
            kid: fixed(&self.kid, "kid")?,
            salt: fixed(&self.salt, "salt")?,
            iterations: self.iterations,
            wrapped: fixed(&self.wrapped, "wrapped")?,
        })
    }

    /// The document as JSON.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// What a device does about the clinic key when sync is turned on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeySetup {
    /// The database has no key document: make a random data key, `kid` and
    /// salt, wrap the key and create the document with a plain `PUT`
    /// (never `new_edits: false`). If another device created one meanwhile,
    /// the server answers 409: read that one and [`KeySetup::Join`] it, so a
    /// clinic never has two keys.
    Create,
    /// Derive the passphrase key with these parameters and unwrap. A failed
    /// unwrap is a wrong passphrase ([`crate::domain::sync::status::Trouble::WrongPassphrase`]):
    /// nothing is decrypted, stored or sent.
    Join(UnwrapParams),
    /// The key document is there but not valid: sync stays off and nothing
    /// is written (a new key would split the clinic in two).
    Refuse(FormatError),
}

/// Decides from the key document as fetched (`None` for a 404).
pub fn key_setup(found: Option<&str>) -> KeySetup {
    match found.map(KeyDoc::decode) {
        None => KeySetup::Create,
        Some(Ok((_, params))) => KeySetup::Join(params),
        Some(Err(e)) => KeySetup::Refuse(e),
    }
}

/// The copy of the key document a device keeps (device-only) so that a
/// server that lost it can be given it back without the passphrase: the
/// document as read, without its server revision. `None` when the text is
/// not a valid key document. It holds nothing the server did not hold: the
/// data key only wrapped under the passphrase.
pub fn key_copy(doc_text: &str) -> Option<String> {
    let (mut doc, _) = KeyDoc::decode(doc_text).ok()?;
    doc.rev = None;
    doc.revisions = None;
    Some(doc.encode())
}

/// How a device puts back a key document the server lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyRestore {
    /// `PUT` this copy (a valid key document for the key this device holds).
    Put(String),
    /// No usable copy: the therapist gives the clinic passphrase, and the
    /// key this device holds is wrapped under it afresh (same `kid`).
    NeedPassphrase,
}

/// Decides from the device's copy (see [`key_copy`]) and the `kid` of the
/// key this device holds. A copy of another key is never put back: it
/// would make the records this device sends unreadable to new devices.
pub fn restore_key(copy: Option<&str>, kid: &str) -> KeyRestore {
    match copy.map(KeyDoc::decode) {
        Some(Ok((doc, _))) if doc.kid == kid && doc.rev.is_none() => KeyRestore::Put(doc.encode()),
        _ => KeyRestore::NeedPassphrase,
    }
}

/// Exactly `N` bytes of canonical base64.
fn fixed<const N: usize>(text: &str, field: &'static str) -> Result<[u8; N], FormatError> {
    base64::decode(text)
        .and_then(|b| <[u8; N]>::try_from(b).ok())
        .ok_or(FormatError::BadField(field))
}

/// Why an IV was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum IvError {
    /// This IV was already used under this key: encrypting again with it
    /// would break AES-GCM. The shell draws a fresh one (and, twice in a
    /// row, stops: the random source is broken).
    #[error("this IV was already used with this key")]
    Reused,
    /// Twelve zero bytes: what a broken random source returns.
    #[error("the IV is all zeros")]
    AllZero,
    /// The ledger belongs to another key.
    #[error("the IV ledger belongs to another key")]
    OtherKey,
    /// [`MAX_ENCRYPTIONS`] under one key: a new data key is needed.
    #[error("this key has been used for as many encryptions as is safe")]
    Exhausted,
}

/// The IVs seen under one data key: seeded with every envelope the device
/// holds, and asked before each encryption, so an IV is never used twice
/// under one key even if the random source misbehaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IvLedger {
    kid: String,
    seen: HashSet<[u8; IV_LEN]>,
}

impl IvLedger {
    /// An empty ledger for the key `kid` (the key document's `kid`).
    pub fn new(kid: &str) -> IvLedger {
        IvLedger {
            kid: kid.to_string(),
            seen: HashSet::new(),
        }
    }

    /// Records an IV found in a stored or received envelope.
    pub fn note(&mut self, iv: [u8; IV_LEN]) {
        self.seen.insert(iv);
    }

    /// How many IVs it holds.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// Takes `iv` for one encryption under `kid`, or says why not.
    pub fn claim(&mut self, kid: &str, iv: [u8; IV_LEN]) -> Result<(), IvError> {
        if kid != self.kid {
            return Err(IvError::OtherKey);
        }
        if iv == [0; IV_LEN] {
            return Err(IvError::AllZero);
        }
        if self.seen.len() as u64 >= MAX_ENCRYPTIONS {
            return Err(IvError::Exhausted);
        }
        if !self.seen.insert(iv) {
            return Err(IvError::Reused);
        }
        Ok(())
    }
}

/// The path that asks for the key document through `_all_docs`, so that a
/// database without one answers 200 with no row instead of a 404 (which
/// browsers report as an error even when it is expected).
pub fn key_query_path() -> String {
    format!(
        "_all_docs?include_docs=true&key={}",
        crate::domain::sync::protocol::percent_encode(&format!("\"{KEY_DOC_ID}\""))
    )
}

/// The key document's JSON from a [`key_query_path`] answer: `Ok(None)`
/// when the database has none (no row, or a deleted one).
pub fn key_from_rows(text: &str) -> Result<Option<String>, FormatError> {
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| FormatError::Shape(e.to_string()))?;
    let rows = v
        .get("rows")
        .and_then(|r| r.as_array())
        .ok_or_else(|| FormatError::Shape("no rows".into()))?;
    Ok(rows
        .iter()
        .find(|r| r.get("id").and_then(|i| i.as_str()) == Some(KEY_DOC_ID))
        .and_then(|r| r.get("doc"))
        .filter(|d| !d.is_null())
        .map(|d| d.to_string()))
}

#[cfg(test)]
mod query_tests {
    use super::*;

    #[test]
    fn the_key_is_asked_for_without_a_404() {
        assert_eq!(
            key_query_path(),
            "_all_docs?include_docs=true&key=%22attune%3Akey%22"
        );
        assert_eq!(
            key_from_rows(r#"{"total_rows":0,"offset":0,"rows":[]}"#),
            Ok(None)
        );
        let found = key_from_rows(
            r#"{"rows":[{"id":"attune:key","key":"attune:key","value":{"rev":"1-a"},"doc":{"_id":"attune:key","v":1}}]}"#,
        )
        .unwrap()
        .unwrap();
        assert!(found.contains("\"v\":1"));
        // A deleted key document reads as none.
        assert_eq!(
            key_from_rows(
                r#"{"rows":[{"id":"attune:key","value":{"rev":"2-b","deleted":true},"doc":null}]}"#
            ),
            Ok(None)
        );
        assert!(key_from_rows("<html>").is_err());
    }
}
