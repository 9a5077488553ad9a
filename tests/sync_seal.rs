//! The clinic inbox's sealed format: a rating sealed to its therapist's
//! public key opens with the key derivation and associated data the format
//! names, and only as the document and recipient it was sealed for; every
//! malformed field is refused with its own error.
//!
//! The ECDH step is WebCrypto's, and no pure-Rust P-256 is in this build:
//! here a fixed 32-byte shared secret stands in for it. Everything after it
//! is real: HKDF-SHA256 (written below on `sha2`, checked against RFC 5869)
//! with the salt and info the format gives, and AES-256-GCM with its
//! associated data. The browser test of the shell runs the real ECDH.

mod common;

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
use attune::domain::records::layout::Record;
use attune::domain::sync::base64;
use attune::domain::sync::caseloads::{valid_db_name, TherapistId};
use attune::domain::sync::crypto_format::read_plaintext;
use attune::domain::sync::seal::{
    inbox_database, opening, sealing, Point, PublicKey, SealError, Sealed, SEAL_ALG,
};
use common::{at, client, srs};
use serde_json::{json, Value};
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

/// HKDF-SHA256 (RFC 5869) for 32 bytes of output, as WebCrypto's
/// `deriveKey({name: "HKDF", hash: "SHA-256", salt, info}, …, AES-GCM 256)`.
fn hkdf(ikm: &[u8], salt: &[u8], info: &[u8]) -> [u8; 32] {
    let prk = hmac(salt, ikm);
    hmac(&prk, &[info, &[1]].concat())
}

#[test]
fn the_tests_hkdf_is_rfc_5869s() {
    // RFC 5869, A.1 (the first 32 bytes of its OKM).
    let ikm = [0x0b; 22];
    let salt: Vec<u8> = (0x00..=0x0c).collect();
    let info: Vec<u8> = (0xf0..=0xf9).collect();
    assert_eq!(
        attune::domain::sync::digest::hex(&hkdf(&ikm, &salt, &info)),
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
    );
}

const SHARED: [u8; 32] = [0x5a; 32];

fn t(id: &str) -> TherapistId {
    TherapistId::parse(id).unwrap()
}

fn point(fill: u8) -> Point {
    let mut b = [fill; 65];
    b[0] = 0x04;
    Point::new(&b).unwrap()
}

fn anas_key() -> PublicKey {
    PublicKey {
        to: t("t-ana"),
        key: point(0x11),
    }
}

fn rating() -> Record {
    Record::Rating(srs(
        "r-9",
        Some("c-1"),
        at("2026-03-02T16:00:00Z"),
        &[90, 80, 70, 60],
    ))
}

/// What the tablet's shell does: derive the key, encrypt, wrap.
fn seal(record: &Record, to: &PublicKey) -> Value {
    let epk = point(0x22);
    let s = sealing(record, to, &epk).unwrap();
    let key = hkdf(&SHARED, &s.salt, &s.info);
    let iv = [3; 12];
    let ct = Aes256Gcm::new_from_slice(&key)
        .unwrap()
        .encrypt(
            Nonce::from_slice(&iv),
            Payload {
                msg: &s.plaintext,
                aad: &s.aad,
            },
        )
        .unwrap();
    Sealed::new(&s, to, epk, iv, ct).unwrap().encode()
}

/// What the therapist's device does; `None` when authentication fails.
fn open(doc: &Value, me: &str, mine: &Point) -> Result<Option<Record>, SealError> {
    let sealed = Sealed::decode(doc)?;
    let o = opening(&sealed, &t(me), mine)?;
    let key = hkdf(&SHARED, &o.salt, &o.info);
    let clear = Aes256Gcm::new_from_slice(&key).unwrap().decrypt(
        Nonce::from_slice(&o.iv),
        Payload {
            msg: &o.ct,
            aad: &o.aad,
        },
    );
    Ok(clear
        .ok()
        .map(|pt| read_plaintext(&o.record_doc_id, &pt).unwrap().record))
}

#[test]
fn a_sealed_rating_opens_for_its_therapist_as_the_record_it_was() {
    let doc = seal(&rating(), &anas_key());
    assert_eq!(open(&doc, "t-ana", &point(0x11)), Ok(Some(rating())));
    // Through JSON text, with the `_rev` the server adds.
    let mut stored: Value = serde_json::from_str(&doc.to_string()).unwrap();
    stored["_rev"] = json!("1-abc");
    assert_eq!(open(&stored, "t-ana", &point(0x11)), Ok(Some(rating())));
}

#[test]
fn the_sealed_document_is_spelled_as_documented() {
    let doc = seal(&rating(), &anas_key());
    assert_eq!(doc["_id"], "inbox:t-ana:rating:r-9");
    assert_eq!(doc["type"], "sealed");
    assert_eq!(doc["to"], "t-ana");
    let p = &doc["payload"];
    let mut keys: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["alg", "ct", "epk", "iv", "kid", "v"]);
    assert_eq!(p["v"], 1);
    assert_eq!(p["alg"], SEAL_ALG);
    let len = |f: &str| base64::decode(p[f].as_str().unwrap()).unwrap().len();
    assert_eq!((len("kid"), len("epk"), len("iv")), (16, 65, 12));
    assert_eq!(
        base64::decode(p["kid"].as_str().unwrap()).unwrap(),
        anas_key().key.kid()
    );
    // Nothing of the rating in clear.
    let text = doc.to_string();
    assert!(!text.contains("c-1") && !text.contains("srs-attune"));
    assert_eq!(inbox_database("attune"), "attune-inbox");
    assert!(valid_db_name(&inbox_database("attune")));
}

#[test]
fn a_sealed_rating_moved_readdressed_or_given_another_ephemeral_key_does_not_open() {
    let doc = seal(&rating(), &anas_key());
    let mut moved = doc.clone();
    moved["_id"] = json!("inbox:t-ana:rating:r-1");
    assert_eq!(open(&moved, "t-ana", &point(0x11)), Ok(None));
    // Readdressed to Ben (who, for the test, holds the same key pair).
    let mut readdressed = doc.clone();
    readdressed["_id"] = json!("inbox:t-ben:rating:r-9");
    readdressed["to"] = json!("t-ben");
    assert_eq!(open(&readdressed, "t-ben", &point(0x11)), Ok(None));
    let mut other_epk = doc.clone();
    other_epk["payload"]["epk"] = json!(base64::encode(point(0x33).bytes()));
    assert_eq!(open(&other_epk, "t-ana", &point(0x11)), Ok(None));
    let mut flipped = doc.clone();
    let mut ct = base64::decode(doc["payload"]["ct"].as_str().unwrap()).unwrap();
    ct[0] ^= 1;
    flipped["payload"]["ct"] = json!(base64::encode(&ct));
    assert_eq!(open(&flipped, "t-ana", &point(0x11)), Ok(None));
}

#[test]
fn only_its_therapist_with_that_key_is_given_what_opens_it() {
    let doc = seal(&rating(), &anas_key());
    assert_eq!(open(&doc, "t-ben", &point(0x11)), Err(SealError::NotMine));
    assert_eq!(open(&doc, "t-ana", &point(0x44)), Err(SealError::OtherKey));
}

#[test]
fn only_ratings_are_sealed() {
    let c = Record::Client(client("c-1", "JD", at("2026-01-05T09:00:00Z")));
    assert_eq!(
        sealing(&c, &anas_key(), &point(0x22)),
        Err(SealError::NotSealable("client"))
    );
    let mut doc = seal(&rating(), &anas_key());
    doc["_id"] = json!("inbox:t-ana:unrated:u-1");
    assert_eq!(Sealed::decode(&doc), Err(SealError::NotSealable("unrated")));
}

#[test]
fn each_malformed_field_is_refused_with_its_own_error() {
    let good = seal(&rating(), &anas_key());
    let with = |path: &[&str], v: Value| {
        let mut d = good.clone();
        let mut at = &mut d;
        for p in &path[..path.len() - 1] {
            at = &mut at[*p];
        }
        at[path[path.len() - 1]] = v;
        Sealed::decode(&d)
    };
    let b64 = |bytes: &[u8]| json!(base64::encode(bytes));
    let bad_point = {
        let mut b = [0x11; 65];
        b[0] = 0x02;
        b
    };
    let cases: Vec<(Result<Sealed, SealError>, SealError)> = vec![
        (
            with(&["payload", "v"], json!(2)),
            SealError::UnknownVersion(2),
        ),
        (
            with(&["payload", "alg"], json!("RSA-OAEP")),
            SealError::UnknownAlgorithm("RSA-OAEP".into()),
        ),
        (
            with(&["type"], json!("rating")),
            SealError::UnknownAlgorithm("rating".into()),
        ),
        (
            with(&["payload", "kid"], b64(&[1; 15])),
            SealError::BadField("kid"),
        ),
        (
            with(&["payload", "epk"], b64(&[4; 64])),
            SealError::BadField("epk"),
        ),
        (
            with(&["payload", "epk"], b64(&bad_point)),
            SealError::BadField("epk"),
        ),
        (
            with(&["payload", "iv"], b64(&[1; 16])),
            SealError::BadField("iv"),
        ),
        (
            with(&["payload", "ct"], b64(&[1; 15])),
            SealError::BadField("ct"),
        ),
        (
            with(&["payload", "ct"], json!("not base64!")),
            SealError::BadField("ct"),
        ),
        (
            with(&["to"], json!("t-ben")),
            SealError::BadId("inbox:t-ana:rating:r-9".into()),
        ),
        (
            with(&["_id"], json!("rating:r-9")),
            SealError::BadId("rating:r-9".into()),
        ),
        (
            with(&["_id"], json!("inbox:t:ana:rating:r-9")),
            SealError::BadId("inbox:t:ana:rating:r-9".into()),
        ),
        (
            with(&["_id"], json!("inbox:t-ana:attune:key")),
            SealError::BadId("inbox:t-ana:attune:key".into()),
        ),
    ];
    for (got, want) in cases {
        assert_eq!(got, Err(want));
    }
    // Unknown or missing fields: refused as not the shape, with serde's words.
    for broken in [
        with(&["extra"], json!(1)),
        with(&["payload", "extra"], json!(1)),
        Sealed::decode(&json!({"_id": "inbox:t-ana:rating:r-9"})),
        Sealed::decode(&json!("text")),
    ] {
        assert!(matches!(broken, Err(SealError::Shape(_))), "{broken:?}");
    }
    let message = with(&["payload", "v"], json!(2)).unwrap_err().to_string();
    assert!(message.contains("version 2"), "{message}");
}

#[test]
fn a_public_key_document_round_trips_and_a_replaced_key_is_refused() {
    let doc = anas_key().encode();
    assert_eq!(doc["_id"], "pubkey:t-ana");
    assert_eq!(PublicKey::decode(&doc, None), Ok(anas_key()));
    let pinned = anas_key().key.kid();
    assert_eq!(PublicKey::decode(&doc, Some(&pinned)), Ok(anas_key()));
    // The server put another key in its place.
    let other = PublicKey {
        to: t("t-ana"),
        key: point(0x66),
    }
    .encode();
    assert_eq!(
        PublicKey::decode(&other, Some(&pinned)),
        Err(SealError::OtherKey)
    );
    // A kid that is not the key's, a key for someone else's id.
    let mut lying = doc.clone();
    lying["kid"] = json!(base64::encode(&[0; 16]));
    assert_eq!(
        PublicKey::decode(&lying, None),
        Err(SealError::BadField("kid"))
    );
    let mut misfiled = doc.clone();
    misfiled["_id"] = json!("pubkey:t-ben");
    assert_eq!(
        PublicKey::decode(&misfiled, None),
        Err(SealError::BadId("pubkey:t-ben".into()))
    );
    let mut extra = doc;
    extra["private"] = json!("x");
    assert!(matches!(
        PublicKey::decode(&extra, None),
        Err(SealError::Shape(_))
    ));
}
