//! The encrypted record format: the envelope a record travels in, the
//! associated data that binds it to its document, the wrapped clinic key,
//! and the rule that an IV is never used twice under one key.
//!
//! Why here and not in the shell: the cryptography itself (AES-GCM,
//! PBKDF2-HMAC-SHA256, AES-KW, random bytes) is WebCrypto's and runs in the
//! shell; but what is encrypted, with which associated data, how the result
//! is spelled and what a valid one looks like are decisions that must be
//! identical on every device, and a decoder that refuses cleanly (never
//! panics) on anything a server or an attacker could send. Those live here.
//!
//! Envelope (a document's `payload`):
//!
//! ```json
//! {"v":1,"alg":"A256GCM","iv":"<base64 of 12 bytes>","ct":"<base64 of ciphertext and 16-byte tag>"}
//! ```
//!
//! The clear text inside is `{"v":5,"rec":{…the record as in the document…}}`
//! and the associated data is `attune.sync/1|A256GCM|<type>|<_id>`, so a
//! payload copied into another document, or relabelled with another type,
//! fails authentication instead of being read as that document.
//!
//! The clinic key document (`_id` [`KEY_DOC_ID`], replicated like the rest):
//!
//! ```json
//! {"_id":"attune:key","type":"key","v":1,"kid":"<base64 of 16 bytes>",
//!  "kdf":"PBKDF2-HMAC-SHA256","salt":"<base64 of 16 bytes>","iterations":600000,
//!  "wrap":"A256KW","wrapped":"<base64 of 40 bytes>"}
//! ```
//!
//! The 256-bit data key is wrapped with AES-KW (RFC 3394) under a key
//! derived from the clinic passphrase. AES-KW needs no IV and checks
//! integrity on unwrap, so a wrong passphrase fails to unwrap: it is refused
//! before anything is decrypted or written. A passphrase change re-wraps the
//! same data key (new salt, same `kid`), so no record is re-encrypted.

use crate::domain::records::layout::{Kind, Record};
use crate::domain::records::store::CURRENT_VERSION;
use crate::domain::sync::base64;
use crate::domain::sync::revs::{doc_type, parse_doc_id, WireDoc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use crate::domain::sync::keys::{
    key_setup, IvError, IvLedger, KeyDoc, KeySetup, UnwrapParams, KDF, KID_LEN, MAX_ENCRYPTIONS,
    MAX_ITERATIONS, MIN_ITERATIONS, SALT_LEN, WRAP, WRAPPED_LEN,
};
pub use crate::domain::sync::revs::KEY_DOC_ID;

/// The envelope version this build writes and reads.
pub const ENVELOPE_VERSION: u32 = 1;
/// AES-256-GCM, named as in JOSE.
pub const ALG: &str = "A256GCM";
/// IV length in bytes (96 bits, GCM's natural size).
pub const IV_LEN: usize = 12;
/// GCM tag length in bytes (WebCrypto's default, 128 bits).
pub const TAG_LEN: usize = 16;
/// The data key's length in bytes (AES-256).
pub const KEY_LEN: usize = 32;
/// The largest ciphertext accepted (a record is a few hundred bytes; a
/// note at most a few KB): anything bigger is not Attune's.
pub const MAX_CT_LEN: usize = 256 * 1024;

/// Why an envelope, clear text or key document was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FormatError {
    /// Not an object with `v`, `alg`, `iv` and `ct` (and nothing else).
    #[error("the encrypted record is not in Attune's format ({0})")]
    Shape(String),
    /// A version this build does not know.
    #[error("the encrypted record has version {0}, which this version of Attune cannot read")]
    UnknownVersion(u64),
    /// An algorithm other than [`ALG`].
    #[error("the encrypted record uses \"{0}\", not {ALG}")]
    UnknownAlgorithm(String),
    /// A field is not canonical base64 or has the wrong length.
    #[error("the field \"{0}\" is not valid")]
    BadField(&'static str),
    /// The document's id or type is not a record's.
    #[error("the document \"{0}\" is not one of Attune's records")]
    NotARecord(String),
    /// The clear text is not a record of the document's kind and id.
    #[error("the decrypted record does not match its document ({0})")]
    Mismatch(String),
}

/// An encrypted record: the IV and the ciphertext (tag included).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawEnvelope", into = "RawEnvelope")]
pub struct Envelope {
    iv: [u8; IV_LEN],
    ct: Vec<u8>,
}

/// The envelope as spelled in JSON.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnvelope {
    v: u64,
    alg: String,
    iv: String,
    ct: String,
}

impl Envelope {
    /// An envelope from what WebCrypto's AES-GCM returned (ciphertext with
    /// its tag appended). Refused when too short to hold a tag or too long.
    pub fn new(iv: [u8; IV_LEN], ct: Vec<u8>) -> Result<Envelope, FormatError> {
        if ct.len() < TAG_LEN || ct.len() > MAX_CT_LEN {
            return Err(FormatError::BadField("ct"));
        }
        Ok(Envelope { iv, ct })
    }

    /// The IV.
    pub fn iv(&self) -> [u8; IV_LEN] {
        self.iv
    }

    /// The ciphertext with its tag.
    pub fn ct(&self) -> &[u8] {
        &self.ct
    }

    /// Reads an envelope from JSON, strictly.
    pub fn decode(value: &serde_json::Value) -> Result<Envelope, FormatError> {
        let raw: RawEnvelope =
            serde_json::from_value(value.clone()).map_err(|e| FormatError::Shape(e.to_string()))?;
        Envelope::from_raw(raw)
    }

    /// The envelope as JSON.
    pub fn encode(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    fn from_raw(raw: RawEnvelope) -> Result<Envelope, FormatError> {
        if raw.v != u64::from(ENVELOPE_VERSION) {
            return Err(FormatError::UnknownVersion(raw.v));
        }
        if raw.alg != ALG {
            return Err(FormatError::UnknownAlgorithm(raw.alg));
        }
        let iv = base64::decode(&raw.iv)
            .and_then(|b| <[u8; IV_LEN]>::try_from(b).ok())
            .ok_or(FormatError::BadField("iv"))?;
        let ct = base64::decode(&raw.ct).ok_or(FormatError::BadField("ct"))?;
        Envelope::new(iv, ct)
    }
}

impl TryFrom<RawEnvelope> for Envelope {
    type Error = FormatError;
    fn try_from(raw: RawEnvelope) -> Result<Self, Self::Error> {
        Envelope::from_raw(raw)
    }
}

impl From<Envelope> for RawEnvelope {
    fn from(e: Envelope) -> Self {
        RawEnvelope {
            v: u64::from(ENVELOPE_VERSION),
            alg: ALG.into(),
            iv: base64::encode(&e.iv),
            ct: base64::encode(&e.ct),
        }
    }
}

/// The associated data for a document: `attune.sync/1|A256GCM|<type>|<_id>`.
/// The shell passes exactly these bytes to AES-GCM, both ways.
pub fn aad(doc_type: &str, doc_id: &str) -> Vec<u8> {
    format!("attune.sync/{ENVELOPE_VERSION}|{ALG}|{doc_type}|{doc_id}").into_bytes()
}

/// What the shell encrypts for one record: the clear text and the AAD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealRequest {
    /// The document the result goes into.
    pub doc_id: String,
    /// The associated data.
    pub aad: Vec<u8>,
    /// `{"v":5,"rec":{…}}`.
    pub plaintext: Vec<u8>,
}

/// The clear text as spelled inside the envelope.
#[derive(Deserialize)]
struct Clear {
    v: u32,
    rec: serde_json::Value,
}

/// [`Clear`] for writing, without copying the record.
#[derive(Serialize)]
struct ClearRef<'a> {
    v: u32,
    rec: &'a Record,
}

/// What to encrypt for `record`.
pub fn seal_request(record: &Record) -> SealRequest {
    let kind = record.kind();
    let doc_id = crate::domain::sync::revs::doc_id(kind, record.id());
    let clear = ClearRef {
        v: CURRENT_VERSION,
        rec: record,
    };
    SealRequest {
        aad: aad(doc_type(kind), &doc_id),
        doc_id,
        plaintext: serde_json::to_vec(&clear).unwrap_or_default(),
    }
}

/// What the shell decrypts for one received document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenRequest {
    /// The record's kind, from the document id.
    pub kind: Kind,
    /// The IV.
    pub iv: [u8; IV_LEN],
    /// The ciphertext with its tag.
    pub ct: Vec<u8>,
    /// The associated data, built from the document's own `_id` and `type`.
    pub aad: Vec<u8>,
}

/// What to decrypt for a received record document: refused when it is not
/// a record, has no payload, or its `type` does not match its id.
pub fn open_request(doc: &WireDoc) -> Result<OpenRequest, FormatError> {
    let not_record = || FormatError::NotARecord(doc.id.clone());
    let (kind, _) = parse_doc_id(&doc.id).ok_or_else(not_record)?;
    let ty = doc.doc_type.as_deref().ok_or_else(not_record)?;
    if ty != doc_type(kind) {
        return Err(not_record());
    }
    let payload = doc.payload.as_ref().ok_or_else(not_record)?;
    Ok(OpenRequest {
        kind,
        iv: payload.iv(),
        ct: payload.ct().to_vec(),
        aad: aad(ty, &doc.id),
    })
}

/// A decrypted record with the version that wrote it (newer than this
/// build: show it, never rewrite it).
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The record.
    pub record: Record,
    /// The schema version of the Attune that encrypted it.
    pub version: u32,
}

/// Reads the clear text WebCrypto returned for `doc_id`: it must be a
/// record of that kind with that id.
pub fn read_plaintext(doc_id: &str, plaintext: &[u8]) -> Result<Opened, FormatError> {
    let (kind, id) = parse_doc_id(doc_id).ok_or_else(|| FormatError::NotARecord(doc_id.into()))?;
    let clear: Clear =
        serde_json::from_slice(plaintext).map_err(|e| FormatError::Mismatch(e.to_string()))?;
    if clear.v == 0 {
        return Err(FormatError::Mismatch("no version".into()));
    }
    let record = Record::from_body(kind, clear.rec).map_err(FormatError::Mismatch)?;
    if record.id() != id {
        return Err(FormatError::Mismatch("another record's id".into()));
    }
    Ok(Opened {
        record,
        version: clear.v,
    })
}
