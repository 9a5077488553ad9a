//! The clinic inbox's sealed format: a rating a shared tablet took, sealed
//! to its therapist's public key, so the tablet never holds any caseload in
//! clear and only that therapist's devices can open it.
//!
//! Why sealed to a public key: a tablet in the waiting room rates for every
//! therapist, but joining every caseload would put every client of the
//! clinic in clear on a device anyone can pick up. Each therapist instead
//! publishes an ECDH P-256 public key in the inbox database; the tablet
//! seals each rating to its client's therapist (ECDH with a fresh ephemeral
//! key, HKDF-SHA256, AES-256-GCM: all WebCrypto's, in the shell) and writes
//! it to the inbox; the therapist's device opens it, writes the rating into
//! their caseload's database under its key, and closes the inbox copy.
//! Everything but the cryptography itself is decided here: the spelling,
//! the key derivation's salt and info, the associated data, and a decoder
//! that refuses cleanly (never panics) on anything a server could send.
//!
//! The inbox database is `<clinic db>-inbox`. A therapist's public key:
//!
//! ```json
//! {"_id":"pubkey:t-1","type":"pubkey","v":1,"to":"t-1","alg":"ECDH-P256",
//!  "kid":"<base64 of 16 bytes>","key":"<base64 of 65 bytes>"}
//! ```
//!
//! (`key` is WebCrypto's `raw` export, an uncompressed point; `kid` the
//! first 16 bytes of its SHA-256, so a device tells its own key.) A sealed
//! rating, `_id` `inbox:<therapist>:<the record's own document id>`:
//!
//! ```json
//! {"_id":"inbox:t-1:rating:r-9","type":"sealed","to":"t-1",
//!  "payload":{"v":1,"alg":"ECDH-ES-P256+HKDF-SHA256+A256GCM",
//!   "kid":"<base64 of 16>","epk":"<base64 of 65>","iv":"<base64 of 12>",
//!   "ct":"<base64 of ciphertext and 16-byte tag>"}}
//! ```
//!
//! The AES key is HKDF-SHA256 of the ECDH shared secret (256 bits) with
//! salt `epk ‖ recipient key` and info `attune.seal/1|<alg>|<to>|<kid>`;
//! the associated data is `attune.seal/1|<alg>|<_id>|<to>|<kid>|<epk>`, so
//! a sealed rating copied to another document or readdressed fails
//! authentication. The clear text is the sync format's,
//! `{"v":5,"rec":{…}}`, read by [`crate::domain::sync::crypto_format::read_plaintext`]
//! against the record's own document id.
//!
//! A server that can write the inbox could replace a therapist's public key
//! with its own; the tablet therefore keeps the `kid` it was shown when the
//! clinic lead set it up, and refuses a key document whose `kid` differs.

use crate::domain::records::layout::{Kind, Record};
use crate::domain::records::store::CURRENT_VERSION;
use crate::domain::sync::base64;
use crate::domain::sync::caseloads::{TherapistId, SEALABLE};
use crate::domain::sync::crypto_format::{IV_LEN, MAX_CT_LEN, TAG_LEN};
use crate::domain::sync::digest::sha256;
use crate::domain::sync::revs::{doc_id, doc_type, parse_doc_id};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The sealed envelope version this build writes and reads.
pub const SEAL_VERSION: u64 = 1;
/// ECDH (ephemeral-static) on P-256, HKDF-SHA256, AES-256-GCM.
pub const SEAL_ALG: &str = "ECDH-ES-P256+HKDF-SHA256+A256GCM";
/// The public key's algorithm.
pub const KEY_ALG: &str = "ECDH-P256";
/// An uncompressed P-256 point: `0x04`, then x and y (WebCrypto's `raw`).
pub const POINT_LEN: usize = 65;
/// A key id's length: the first 16 bytes of the key's SHA-256.
pub const KID_LEN: usize = 16;
/// The inbox's document ids start so.
pub const INBOX_PREFIX: &str = "inbox:";
/// Public key documents' ids start so.
pub const PUBKEY_PREFIX: &str = "pubkey:";

/// Why a sealed rating or a public key was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SealError {
    /// Not the JSON shape above (a field missing, unknown or mistyped).
    #[error("the sealed record is not in Attune's format ({0})")]
    Shape(String),
    /// A version this build does not know.
    #[error("the sealed record has version {0}, which this version of Attune cannot read")]
    UnknownVersion(u64),
    /// Another algorithm, or another document type.
    #[error("the sealed record uses \"{0}\", which this version of Attune does not know")]
    UnknownAlgorithm(String),
    /// A field is not canonical base64 or has the wrong length or form.
    #[error("the field \"{0}\" is not valid")]
    BadField(&'static str),
    /// The document id is not `inbox:<therapist>:<record document>` (or
    /// `pubkey:<therapist>`), or disagrees with its `to`.
    #[error("the document \"{0}\" is not one of the inbox's")]
    BadId(String),
    /// A kind of record a tablet does not seal.
    #[error("a {0} is not sent through the inbox")]
    NotSealable(&'static str),
    /// Sealed to another therapist.
    #[error("this record is sealed to another therapist")]
    NotMine,
    /// Sealed to a key this device does not have (or the key document's id
    /// is not the one the tablet was shown).
    #[error("this record is sealed to another key of this therapist")]
    OtherKey,
}

/// A P-256 public key as WebCrypto exports it raw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Point([u8; POINT_LEN]);

impl Point {
    /// Checks the form (length, uncompressed); whether it is on the curve
    /// is WebCrypto's `importKey` to say.
    pub fn new(bytes: &[u8]) -> Option<Point> {
        let bytes = <[u8; POINT_LEN]>::try_from(bytes).ok()?;
        (bytes[0] == 0x04).then_some(Point(bytes))
    }

    /// The raw bytes.
    pub fn bytes(&self) -> &[u8; POINT_LEN] {
        &self.0
    }

    /// Its key id: the first 16 bytes of its SHA-256.
    pub fn kid(&self) -> [u8; KID_LEN] {
        let d = sha256(&self.0);
        let mut kid = [0; KID_LEN];
        kid.copy_from_slice(&d[..KID_LEN]);
        kid
    }
}

fn point(text: &str, field: &'static str) -> Result<Point, SealError> {
    base64::decode(text)
        .and_then(|b| Point::new(&b))
        .ok_or(SealError::BadField(field))
}

fn kid(text: &str) -> Result<[u8; KID_LEN], SealError> {
    base64::decode(text)
        .and_then(|b| <[u8; KID_LEN]>::try_from(b).ok())
        .ok_or(SealError::BadField("kid"))
}

/// The inbox database of a clinic whose database is `clinic_db`.
pub fn inbox_database(clinic_db: &str) -> String {
    format!("{clinic_db}-inbox")
}

/// A therapist's public key, as published in the inbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    /// Whose.
    pub to: TherapistId,
    /// The key.
    pub key: Point,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublicKey {
    #[serde(rename = "_id")]
    id: String,
    #[serde(rename = "_rev", default, skip_serializing)]
    _rev: Option<String>,
    #[serde(rename = "type")]
    ty: String,
    v: u64,
    to: String,
    alg: String,
    kid: String,
    key: String,
}

impl PublicKey {
    /// Its document id, `pubkey:<therapist>`.
    pub fn doc_id(&self) -> String {
        format!("{PUBKEY_PREFIX}{}", self.to.as_str())
    }

    /// The document.
    pub fn encode(&self) -> serde_json::Value {
        serde_json::to_value(RawPublicKey {
            id: self.doc_id(),
            _rev: None,
            ty: "pubkey".into(),
            v: SEAL_VERSION,
            to: self.to.as_str().into(),
            alg: KEY_ALG.into(),
            kid: base64::encode(&self.key.kid()),
            key: base64::encode(self.key.bytes()),
        })
        .unwrap_or_default()
    }

    /// Reads a key document strictly. `pinned`: the key id this device was
    /// shown for that therapist, when it has one; a different key is
    /// refused.
    pub fn decode(
        value: &serde_json::Value,
        pinned: Option<&[u8; KID_LEN]>,
    ) -> Result<PublicKey, SealError> {
        let raw: RawPublicKey =
            serde_json::from_value(value.clone()).map_err(|e| SealError::Shape(e.to_string()))?;
        if raw.v != SEAL_VERSION {
            return Err(SealError::UnknownVersion(raw.v));
        }
        if raw.ty != "pubkey" || raw.alg != KEY_ALG {
            return Err(SealError::UnknownAlgorithm(format!(
                "{}/{}",
                raw.ty, raw.alg
            )));
        }
        let to = TherapistId::parse(&raw.to).map_err(|_| SealError::BadId(raw.id.clone()))?;
        if raw.id != format!("{PUBKEY_PREFIX}{}", to.as_str()) {
            return Err(SealError::BadId(raw.id));
        }
        let key = point(&raw.key, "key")?;
        if kid(&raw.kid)? != key.kid() {
            return Err(SealError::BadField("kid"));
        }
        if pinned.is_some_and(|p| *p != key.kid()) {
            return Err(SealError::OtherKey);
        }
        Ok(PublicKey { to, key })
    }
}

/// What the shell needs to seal one record to `to`, given the ephemeral
/// public key it made for this record alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealing {
    /// The inbox document it goes into.
    pub doc_id: String,
    /// HKDF's salt: `epk ‖ recipient key`.
    pub salt: Vec<u8>,
    /// HKDF's info.
    pub info: Vec<u8>,
    /// AES-GCM's associated data.
    pub aad: Vec<u8>,
    /// `{"v":5,"rec":{…}}`.
    pub plaintext: Vec<u8>,
}

/// The inbox document id of `record` sealed to `to`.
pub fn inbox_doc_id(to: &TherapistId, kind: Kind, record_id: &str) -> String {
    format!("{INBOX_PREFIX}{}:{}", to.as_str(), doc_id(kind, record_id))
}

fn info(to: &TherapistId, kid: &[u8; KID_LEN]) -> Vec<u8> {
    format!(
        "attune.seal/{SEAL_VERSION}|{SEAL_ALG}|{}|{}",
        to.as_str(),
        base64::encode(kid)
    )
    .into_bytes()
}

fn salt(epk: &Point, recipient: &Point) -> Vec<u8> {
    [epk.bytes().as_slice(), recipient.bytes().as_slice()].concat()
}

/// The associated data of a sealed document.
pub fn seal_aad(doc_id: &str, to: &TherapistId, kid: &[u8; KID_LEN], epk: &Point) -> Vec<u8> {
    format!(
        "attune.seal/{SEAL_VERSION}|{SEAL_ALG}|{doc_id}|{}|{}|{}",
        to.as_str(),
        base64::encode(kid),
        base64::encode(epk.bytes())
    )
    .into_bytes()
}

/// What to seal for `record` to `recipient`, with the ephemeral key `epk`;
/// refused for a kind a tablet does not seal.
pub fn sealing(record: &Record, recipient: &PublicKey, epk: &Point) -> Result<Sealing, SealError> {
    let kind = record.kind();
    if !SEALABLE.contains(&kind) {
        return Err(SealError::NotSealable(doc_type(kind)));
    }
    let doc_id = inbox_doc_id(&recipient.to, kind, record.id());
    let kid = recipient.key.kid();
    let clear = serde_json::json!({ "v": CURRENT_VERSION, "rec": record });
    Ok(Sealing {
        salt: salt(epk, &recipient.key),
        info: info(&recipient.to, &kid),
        aad: seal_aad(&doc_id, &recipient.to, &kid, epk),
        plaintext: serde_json::to_vec(&clear).unwrap_or_default(),
        doc_id,
    })
}

/// A sealed record as it travels in the inbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    /// `inbox:<to>:<record document id>`.
    pub doc_id: String,
    /// The therapist it is sealed to.
    pub to: TherapistId,
    /// The kind of record inside.
    pub kind: Kind,
    /// The record's own document id (`rating:r-9`).
    pub record_doc_id: String,
    /// The recipient key's id.
    pub kid: [u8; KID_LEN],
    /// The ephemeral public key.
    pub epk: Point,
    /// AES-GCM's IV.
    pub iv: [u8; IV_LEN],
    /// The ciphertext with its tag.
    pub ct: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSealedDoc {
    #[serde(rename = "_id")]
    id: String,
    #[serde(rename = "_rev", default, skip_serializing)]
    _rev: Option<String>,
    #[serde(rename = "type")]
    ty: String,
    to: String,
    payload: RawSealed,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSealed {
    v: u64,
    alg: String,
    kid: String,
    epk: String,
    iv: String,
    ct: String,
}

/// Reads `inbox:<to>:<record document id>`.
fn parse_inbox_id(id: &str) -> Result<(TherapistId, Kind, String), SealError> {
    let bad = || SealError::BadId(id.to_string());
    let rest = id.strip_prefix(INBOX_PREFIX).ok_or_else(bad)?;
    let (to, record_doc) = rest.split_once(':').ok_or_else(bad)?;
    let to = TherapistId::parse(to).map_err(|_| bad())?;
    let (kind, _) = parse_doc_id(record_doc).ok_or_else(bad)?;
    if !SEALABLE.contains(&kind) {
        return Err(SealError::NotSealable(doc_type(kind)));
    }
    Ok((to, kind, record_doc.to_string()))
}

impl Sealed {
    /// A sealed record from what the shell made for `sealing` (the
    /// ciphertext with its tag appended, as WebCrypto returns it).
    pub fn new(
        sealing: &Sealing,
        recipient: &PublicKey,
        epk: Point,
        iv: [u8; IV_LEN],
        ct: Vec<u8>,
    ) -> Result<Sealed, SealError> {
        if ct.len() < TAG_LEN || ct.len() > MAX_CT_LEN {
            return Err(SealError::BadField("ct"));
        }
        let (to, kind, record_doc_id) = parse_inbox_id(&sealing.doc_id)?;
        if to != recipient.to {
            return Err(SealError::BadId(sealing.doc_id.clone()));
        }
        Ok(Sealed {
            doc_id: sealing.doc_id.clone(),
            to,
            kind,
            record_doc_id,
            kid: recipient.key.kid(),
            epk,
            iv,
            ct,
        })
    }

    /// The inbox document.
    pub fn encode(&self) -> serde_json::Value {
        serde_json::to_value(RawSealedDoc {
            id: self.doc_id.clone(),
            _rev: None,
            ty: "sealed".into(),
            to: self.to.as_str().into(),
            payload: RawSealed {
                v: SEAL_VERSION,
                alg: SEAL_ALG.into(),
                kid: base64::encode(&self.kid),
                epk: base64::encode(self.epk.bytes()),
                iv: base64::encode(&self.iv),
                ct: base64::encode(&self.ct),
            },
        })
        .unwrap_or_default()
    }

    /// Reads an inbox document strictly (its `_rev` aside, nothing beyond
    /// the shape above).
    pub fn decode(value: &serde_json::Value) -> Result<Sealed, SealError> {
        let raw: RawSealedDoc =
            serde_json::from_value(value.clone()).map_err(|e| SealError::Shape(e.to_string()))?;
        let p = raw.payload;
        if p.v != SEAL_VERSION {
            return Err(SealError::UnknownVersion(p.v));
        }
        if raw.ty != "sealed" {
            return Err(SealError::UnknownAlgorithm(raw.ty));
        }
        if p.alg != SEAL_ALG {
            return Err(SealError::UnknownAlgorithm(p.alg));
        }
        let (to, kind, record_doc_id) = parse_inbox_id(&raw.id)?;
        if raw.to != to.as_str() {
            return Err(SealError::BadId(raw.id));
        }
        let iv = base64::decode(&p.iv)
            .and_then(|b| <[u8; IV_LEN]>::try_from(b).ok())
            .ok_or(SealError::BadField("iv"))?;
        let ct = base64::decode(&p.ct)
            .filter(|c| (TAG_LEN..=MAX_CT_LEN).contains(&c.len()))
            .ok_or(SealError::BadField("ct"))?;
        Ok(Sealed {
            doc_id: raw.id,
            to,
            kind,
            record_doc_id,
            kid: kid(&p.kid)?,
            epk: point(&p.epk, "epk")?,
            iv,
            ct,
        })
    }
}

/// What the shell needs to open one sealed record with its private key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opening {
    /// The ephemeral public key to import for ECDH.
    pub epk: Point,
    /// HKDF's salt.
    pub salt: Vec<u8>,
    /// HKDF's info.
    pub info: Vec<u8>,
    /// AES-GCM's associated data, rebuilt from the document as received.
    pub aad: Vec<u8>,
    /// AES-GCM's IV.
    pub iv: [u8; IV_LEN],
    /// The ciphertext with its tag.
    pub ct: Vec<u8>,
    /// The record's own document id: the clear text must be that record
    /// (`read_plaintext(record_doc_id, …)`).
    pub record_doc_id: String,
}

/// What to open for `sealed`, on the device of `me` whose key is `mine`:
/// refused when sealed to another therapist or another key.
pub fn opening(sealed: &Sealed, me: &TherapistId, mine: &Point) -> Result<Opening, SealError> {
    if &sealed.to != me {
        return Err(SealError::NotMine);
    }
    if sealed.kid != mine.kid() {
        return Err(SealError::OtherKey);
    }
    Ok(Opening {
        epk: sealed.epk.clone(),
        salt: salt(&sealed.epk, mine),
        info: info(me, &sealed.kid),
        aad: seal_aad(&sealed.doc_id, me, &sealed.kid, &sealed.epk),
        iv: sealed.iv,
        ct: sealed.ct.clone(),
        record_doc_id: sealed.record_doc_id.clone(),
    })
}
