//! The encrypted record format, proven with real AES-256-GCM (the
//! `aes-gcm` crate stands in for WebCrypto, which the app uses): a record
//! round-trips, a tampered or moved payload is refused, the envelope and key
//! document are read strictly, and an IV is never used twice under one key.

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::score::Tenths;
use attune::domain::records::layout::{Kind, Record};
use attune::domain::records::store::Client;
use attune::domain::sync::crypto_format::{
    aad, key_setup, open_request, read_plaintext, seal_request, Envelope, FormatError, IvError,
    IvLedger, KeyDoc, KeySetup, IV_LEN, MIN_ITERATIONS,
};
use attune::domain::sync::revs::WireDoc;
use proptest::prelude::*;
use serde_json::json;

const KEY: [u8; 32] = [7; 32];

fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    attune::domain::time::parse(s).unwrap()
}

fn rating(id: &str) -> Record {
    Record::Rating(Rating {
        id: id.into(),
        recorded_at: at("2026-03-02T16:00:00Z"),
        session_at: at("2026-03-02T16:00:00Z"),
        client_id: Some("c-1".into()),
        scores: [90, 80, 70, 60]
            .iter()
            .map(|&t| Tenths::new(t).unwrap())
            .collect(),
        scale_id: "srs-attune".into(),
        scale_version: 1,
        ..Rating::default()
    })
}

/// What the shell does with WebCrypto: encrypt, wrap in an envelope and a
/// revision.
fn seal(record: &Record, iv: [u8; IV_LEN]) -> WireDoc {
    let req = seal_request(record);
    let ct = Aes256Gcm::new_from_slice(&KEY)
        .unwrap()
        .encrypt(
            Nonce::from_slice(&iv),
            Payload {
                msg: &req.plaintext,
                aad: &req.aad,
            },
        )
        .unwrap();
    let env = Envelope::new(iv, ct).unwrap();
    WireDoc::revision(record.kind(), record.id(), record.changed_at(), env, &[])
}

/// And back: the clear text, or `None` when authentication fails.
fn decrypt(doc: &WireDoc) -> Option<Vec<u8>> {
    let req = open_request(doc).ok()?;
    Aes256Gcm::new_from_slice(&KEY)
        .unwrap()
        .decrypt(
            Nonce::from_slice(&req.iv),
            Payload {
                msg: &req.ct,
                aad: &req.aad,
            },
        )
        .ok()
}

fn via_json(doc: &WireDoc) -> WireDoc {
    serde_json::from_str(&serde_json::to_string(doc).unwrap()).unwrap()
}

#[test]
fn a_record_round_trips_through_the_envelope() {
    let record = rating("r-1");
    let doc = via_json(&seal(&record, [1; 12]));
    assert_eq!(doc.id, "rating:r-1");
    let clear = decrypt(&doc).expect("decrypts");
    assert!(clear.starts_with(br#"{"v":8,"rec":{"id":"r-1""#));
    let opened = read_plaintext(&doc.id, &clear).unwrap();
    assert_eq!(opened.record, record);
    assert_eq!(opened.version, 8);
    // The server sees no score, client or scale in the document.
    let text = serde_json::to_string(&doc).unwrap();
    for secret in ["c-1", "srs-attune", "scores", "[90,80"] {
        assert!(!text.contains(secret), "{secret} visible in {text}");
    }
}

#[test]
fn the_aad_binds_the_payload_to_its_document() {
    assert_eq!(
        aad("rating", "rating:r-1"),
        b"attune.sync/1|A256GCM|rating|rating:r-1"
    );
    let doc = seal(&rating("r-1"), [2; 12]);

    // The server copies the payload into another rating's document.
    let mut moved = doc.clone();
    moved.id = "rating:r-2".into();
    assert_eq!(decrypt(&moved), None);

    // …or relabels it as a client.
    let mut relabelled = doc.clone();
    relabelled.id = "client:r-1".into();
    relabelled.doc_type = Some("client".into());
    assert_eq!(decrypt(&relabelled), None);

    // A type that does not match the id is refused before decrypting.
    let mut mismatched = doc.clone();
    mismatched.doc_type = Some("client".into());
    assert!(matches!(
        open_request(&mismatched),
        Err(FormatError::NotARecord(_))
    ));

    // Even with a matching AAD, clear text naming another record is refused.
    let clear = decrypt(&doc).unwrap();
    assert!(matches!(
        read_plaintext("rating:r-2", &clear),
        Err(FormatError::Mismatch(_))
    ));
    assert!(matches!(
        read_plaintext("client:r-1", &clear),
        Err(FormatError::Mismatch(_))
    ));
}

#[test]
fn tampered_ciphertext_or_iv_is_refused() {
    let doc = seal(&rating("r-1"), [3; 12]);
    let env = doc.payload.clone().unwrap();
    for i in [0, env.ct().len() / 2, env.ct().len() - 1] {
        let mut ct = env.ct().to_vec();
        ct[i] ^= 1;
        let mut bad = doc.clone();
        bad.payload = Some(Envelope::new(env.iv(), ct).unwrap());
        assert_eq!(decrypt(&bad), None, "byte {i}");
    }
    let mut iv = env.iv();
    iv[0] ^= 1;
    let mut bad = doc.clone();
    bad.payload = Some(Envelope::new(iv, env.ct().to_vec()).unwrap());
    assert_eq!(decrypt(&bad), None);
}

#[test]
fn the_envelope_is_read_strictly() {
    let good =
        json!({"v":1,"alg":"A256GCM","iv":"AAECAwQFBgcICQoL","ct":"AAAAAAAAAAAAAAAAAAAAAA=="});
    let env = Envelope::decode(&good).unwrap();
    assert_eq!(env.iv(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert_eq!(env.encode(), good);

    let with = |k: &str, v: serde_json::Value| {
        let mut x = good.clone();
        x[k] = v;
        Envelope::decode(&x)
    };
    assert_eq!(with("v", json!(2)), Err(FormatError::UnknownVersion(2)));
    assert!(matches!(with("v", json!("1")), Err(FormatError::Shape(_))));
    assert!(matches!(with("v", json!(1e20)), Err(FormatError::Shape(_))));
    assert!(matches!(with("v", json!(-1)), Err(FormatError::Shape(_))));
    assert_eq!(
        with("alg", json!("A128GCM")),
        Err(FormatError::UnknownAlgorithm("A128GCM".into()))
    );
    // IVs of 8 and 16 bytes, and spellings that are not canonical base64.
    for iv in [
        "AAECAwQFBgc=",
        "AAECAwQFBgcICQoLDA0ODw==",
        "AAECAwQFBgcICQoL\n",
        "AAECAwQFBgcICQo!",
        "",
    ] {
        assert_eq!(
            with("iv", json!(iv)),
            Err(FormatError::BadField("iv")),
            "{iv:?}"
        );
    }
    // A ciphertext too short to hold a tag, or not base64.
    for ct in ["AAAA", "", "not base64"] {
        assert_eq!(
            with("ct", json!(ct)),
            Err(FormatError::BadField("ct")),
            "{ct:?}"
        );
    }
    assert!(matches!(
        with("extra", json!(1)),
        Err(FormatError::Shape(_))
    ));
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("iv");
    assert!(matches!(
        Envelope::decode(&missing),
        Err(FormatError::Shape(_))
    ));
    assert!(matches!(
        Envelope::decode(&json!("x")),
        Err(FormatError::Shape(_))
    ));

    // Inside a document the same rules hold: the document is refused.
    let doc = json!({"_id":"rating:r-1","_rev":"1-a","type":"rating",
        "payload":{"v":2,"alg":"A256GCM","iv":"AAECAwQFBgcICQoL","ct":"AAAAAAAAAAAAAAAAAAAAAA=="}});
    assert!(serde_json::from_value::<WireDoc>(doc).is_err());
}

proptest! {
    #[test]
    fn the_envelope_decoder_never_panics(v in any::<i64>(), alg in "\\PC{0,10}", iv in "\\PC{0,24}", ct in "\\PC{0,40}") {
        let _ = Envelope::decode(&json!({"v": v, "alg": alg, "iv": iv, "ct": ct}));
    }

    #[test]
    fn clear_text_reading_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
        let _ = read_plaintext("rating:r-1", &bytes);
    }
}

#[test]
fn a_newer_devices_record_is_read_and_flagged() {
    let clear = br#"{"v":9,"rec":{"id":"c-1","label":"AB","created_at":"2026-01-01T09:00:00Z","pronouns":"they"}}"#;
    let opened = read_plaintext("client:c-1", clear).unwrap();
    assert_eq!(opened.version, 9);
    assert!(matches!(opened.record, Record::Client(Client { ref label, .. }) if label == "AB"));
    assert!(read_plaintext("client:c-1", br#"{"v":0,"rec":{}}"#).is_err());
    assert_eq!(Kind::Client, opened.record.kind());
}

fn key_doc() -> KeyDoc {
    KeyDoc::new([1; 16], [2; 16], MIN_ITERATIONS, [3; 40])
}

#[test]
fn the_key_document_round_trips_in_exactly_this_shape() {
    let text = key_doc().encode();
    assert_eq!(
        text,
        concat!(
            r#"{"_id":"attune:key","type":"key","v":1,"kid":"AQEBAQEBAQEBAQEBAQEBAQ==","#,
            r#""kdf":"PBKDF2-HMAC-SHA256","salt":"AgICAgICAgICAgICAgICAg==","iterations":600000,"#,
            r#""wrap":"A256KW","wrapped":"AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw=="}"#
        )
    );
    let (doc, params) = KeyDoc::decode(&text).unwrap();
    assert_eq!(doc, key_doc());
    assert_eq!(params.salt, [2; 16]);
    assert_eq!(params.iterations, 600_000);
    assert_eq!(params.wrapped, [3; 40]);
    // As read back from the server, with its revision.
    let with_rev = text.replacen('{', r#"{"_rev":"2-abc","#, 1);
    assert_eq!(
        KeyDoc::decode(&with_rev).unwrap().0.rev.as_deref(),
        Some("2-abc")
    );
}

#[test]
fn a_weak_or_altered_key_document_is_refused() {
    let refused = |f: &dyn Fn(&mut KeyDoc)| {
        let mut d = key_doc();
        f(&mut d);
        KeyDoc::decode(&d.encode()).unwrap_err()
    };
    assert_eq!(
        refused(&|d| d.iterations = 599_999),
        FormatError::BadField("iterations")
    );
    assert_eq!(
        refused(&|d| d.iterations = 10_000_001),
        FormatError::BadField("iterations")
    );
    assert_eq!(
        refused(&|d| d.salt = "AgICAgICAgI=".into()),
        FormatError::BadField("salt")
    );
    assert_eq!(
        refused(&|d| d.wrapped = "AwMD".into()),
        FormatError::BadField("wrapped")
    );
    assert_eq!(
        refused(&|d| d.kid = "??".into()),
        FormatError::BadField("kid")
    );
    assert!(matches!(
        refused(&|d| d.kdf = "scrypt".into()),
        FormatError::UnknownAlgorithm(_)
    ));
    assert!(matches!(
        refused(&|d| d.wrap = "A256GCM".into()),
        FormatError::UnknownAlgorithm(_)
    ));
    assert!(matches!(
        refused(&|d| d.v = 2),
        FormatError::UnknownVersion(2)
    ));
    assert!(matches!(
        refused(&|d| d.id = "attune:other".into()),
        FormatError::Shape(_)
    ));
    let extra = key_doc()
        .encode()
        .replacen('{', r#"{"hint":"dog's name","#, 1);
    assert!(matches!(KeyDoc::decode(&extra), Err(FormatError::Shape(_))));
    assert!(matches!(
        KeyDoc::decode("<html>"),
        Err(FormatError::Shape(_))
    ));
}

#[test]
fn an_iv_is_never_used_twice_under_one_key() {
    let kid = key_doc().kid;
    let mut ledger = IvLedger::new(&kid);
    assert_eq!(ledger.claim(&kid, [1; 12]), Ok(()));
    assert_eq!(ledger.claim(&kid, [2; 12]), Ok(()));
    assert_eq!(ledger.claim(&kid, [1; 12]), Err(IvError::Reused));
    // IVs found in stored envelopes count too.
    ledger.note([9; 12]);
    assert_eq!(ledger.claim(&kid, [9; 12]), Err(IvError::Reused));
    assert_eq!(ledger.claim(&kid, [0; 12]), Err(IvError::AllZero));
    assert_eq!(ledger.claim("another key", [5; 12]), Err(IvError::OtherKey));
    assert_eq!(ledger.len(), 3);
}

#[test]
fn a_device_creates_the_key_only_when_there_is_none() {
    assert_eq!(key_setup(None), KeySetup::Create);
    let KeySetup::Join(params) = key_setup(Some(&key_doc().encode())) else {
        panic!("expected to join");
    };
    assert_eq!(params.kid, [1; 16]);
    let mut weak = key_doc();
    weak.iterations = 1000;
    assert_eq!(
        key_setup(Some(&weak.encode())),
        KeySetup::Refuse(FormatError::BadField("iterations"))
    );
}
