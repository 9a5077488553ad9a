//! The clinic inbox, wired: a shared tablet keeps each therapist's key as
//! it was shown at set-up and seals to that key only; its ratings record who
//! handed it over and go to that therapist, or wait on the tablet, in
//! words; a therapist's device keeps what it opens in its own caseload and
//! closes an inbox copy only once the caseload database holds the record;
//! the caseload's encrypted private key document is read strictly.

mod common;

use attune::domain::records::store::Store;
use attune::domain::sync::base64;
use attune::domain::sync::caseloads::TherapistId;
use attune::domain::sync::seal::{Point, PublicKey, SealError};
use attune::domain::sync::tablet::{
    fingerprint, inbox_query, received, secret_aad, sends, sent, stamp, to_close, unopened_words,
    waiting_words, SecretKey, SetUpError, Tablet, Taken, SECRET_DOC_ID,
};
use attune::domain::words::Words;
use common::{at, client, srs};
use serde_json::{json, Value};

fn t(id: &str) -> TherapistId {
    TherapistId::parse(id).unwrap()
}

fn point(fill: u8) -> Point {
    let mut b = [fill; 65];
    b[0] = 0x04;
    Point::new(&b).unwrap()
}

fn key(id: &str, fill: u8) -> PublicKey {
    PublicKey {
        to: t(id),
        key: point(fill),
    }
}

/// The inbox as the tablet reads it at set-up.
fn inbox(docs: &[PublicKey]) -> impl Fn(&TherapistId) -> Option<Value> + '_ {
    move |id| docs.iter().find(|k| &k.to == id).map(PublicKey::encode)
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn tablet() -> Tablet {
    Tablet::set_up(
        &names(&["Ana", "Ben"]),
        inbox(&[key("ana", 0x11), key("ben", 0x22)]),
    )
    .unwrap()
}

#[test]
fn a_tablet_keeps_each_named_therapists_key_with_its_fingerprint() {
    let tab = tablet();
    assert_eq!(tab.key_for("Ana"), Some(key("ana", 0x11)));
    assert_eq!(
        tab.key_for("ben"),
        Some(key("ben", 0x22)),
        "whatever the case"
    );
    assert_eq!(tab.key_for("Cleo"), None);
    let prints = tab.fingerprints();
    assert_eq!(prints[0].0, "Ana");
    assert_eq!(prints[0].1, fingerprint(&point(0x11).kid()));
    assert_eq!(prints[0].1.len(), 32 + 7, "eight groups of four hex digits");
    // Stored and read back as it was.
    assert_eq!(Tablet::decode(&tab.encode()), Some(tab));
    assert_eq!(Tablet::decode("not json"), None);
}

#[test]
fn a_tablet_is_not_set_up_without_every_therapists_key_or_with_a_bad_one() {
    assert_eq!(
        Tablet::set_up(&[], inbox(&[])),
        Err(SetUpError::NoTherapists)
    );
    let missing = Tablet::set_up(&names(&["Ana", "Ben"]), inbox(&[key("ana", 0x11)]));
    assert_eq!(missing, Err(SetUpError::NoKey("Ben".into())));
    assert!(missing
        .unwrap_err()
        .to_string()
        .contains("turn sync on on Ben's own device first"));
    // Ben's document filed under Ana's id.
    let misfiled = |id: &TherapistId| {
        (id.as_str() == "ana").then(|| {
            let mut d = key("ben", 0x22).encode();
            d["_id"] = json!("pubkey:ana");
            d
        })
    };
    assert!(matches!(
        Tablet::set_up(&names(&["Ana"]), misfiled),
        Err(SetUpError::BadKey(name, SealError::BadId(_))) if name == "Ana"
    ));
}

#[test]
fn a_kept_key_that_does_not_hold_together_is_never_sealed_to() {
    let mut tab = tablet();
    // Someone edited the stored key: its kid is no longer the key's.
    tab.keys[0].key = base64::encode(point(0x66).bytes());
    assert_eq!(tab.key_for("Ana"), None);
    assert_eq!(tab.key_for("Ben"), Some(key("ben", 0x22)));
}

#[test]
fn a_tablets_rating_records_who_handed_it_over_and_goes_to_their_key_only() {
    let now = at("2026-03-02T16:00:00Z");
    let mut a = srs("r-a", None, now, &[90, 90, 90, 90]);
    stamp(&mut a, Some("Ana"));
    let mut b = srs("r-b", None, now, &[80, 80, 80, 80]);
    stamp(&mut b, Some("Ben"));
    // Stamped once: a later hand-over does not rewrite it.
    stamp(&mut b, Some("Ana"));
    assert_eq!(b.therapist.as_deref(), Some("Ben"));
    let mut nobody = srs("r-n", None, now, &[70, 70, 70, 70]);
    stamp(&mut nobody, None);
    let mut cleo = srs("r-c", None, now, &[60, 60, 60, 60]);
    stamp(&mut cleo, Some("Cleo"));
    let store = Store {
        ratings: vec![a.clone(), b.clone(), nobody, cleo.clone(), cleo],
        ..Store::default()
    };
    let s = sends(&store, &tablet());
    assert_eq!(
        s.send,
        vec![(a, key("ana", 0x11)), (b, key("ben", 0x22))],
        "each to its therapist's kept key"
    );
    assert_eq!(s.no_key, vec!["Cleo".to_string()]);
    assert_eq!(s.no_therapist, 1);
    let words = waiting_words(&s, Words::EN).unwrap();
    assert!(
        words.contains("1 rating taken with no therapist working waits on this tablet."),
        "{words}"
    );
    assert!(
        words.contains("Ratings for Cleo wait on this tablet"),
        "{words}"
    );
    let empty = sends(&Store::default(), &tablet());
    assert_eq!(waiting_words(&empty, Words::EN), None);
}

#[test]
fn the_tablet_forgets_a_rating_only_once_the_inbox_took_it() {
    assert!(sent(201) && sent(202));
    assert!(sent(409), "already there from an earlier run");
    for status in [400, 401, 403, 404, 412, 413, 500, 503] {
        assert!(!sent(status), "{status}");
    }
}

#[test]
fn an_opened_rating_is_kept_in_the_therapists_caseload() {
    let now = at("2026-03-02T16:00:00Z");
    let mut mine = client("c-1", "AA", now);
    mine.therapist = Some("Ana".into());
    let mut bens = client("c-2", "BB", now);
    bens.therapist = Some("Ben".into());
    let store = Store {
        clients: vec![mine, bens],
        ..Store::default()
    };
    // From a tablet: no client, no therapist recorded yet.
    let r = received(srs("r-1", None, now, &[90; 4]), "Ana", &store);
    assert_eq!((r.client_id, r.therapist.as_deref()), (None, Some("Ana")));
    // Naming a client of Ana's caseload here: stays with that client.
    let r = received(srs("r-2", Some("c-1"), now, &[90; 4]), "ana", &store);
    assert_eq!(r.client_id.as_deref(), Some("c-1"));
    assert_eq!(r.therapist.as_deref(), Some("ana"));
    // Naming another caseload's client, or one not held: unassigned in Ana's.
    for other in ["c-2", "c-9"] {
        let mut x = srs("r-3", Some(other), now, &[90; 4]);
        x.therapist = Some("Ben".into());
        let r = received(x, "Ana", &store);
        assert_eq!(r.client_id, None, "{other}");
        assert_eq!(r.therapist.as_deref(), Some("Ben"), "who held it is kept");
    }
}

#[test]
fn an_inbox_copy_is_closed_only_once_the_caseload_database_holds_its_record() {
    let taken = |n: &str| Taken {
        id: format!("inbox:ana:rating:{n}"),
        rev: "1-x".into(),
        record_doc_id: format!("rating:{n}"),
    };
    let all = [taken("r-1"), taken("r-2")];
    let closing = to_close(&all, |id| id == "rating:r-2");
    assert_eq!(closing, vec![&all[1]]);
    assert!(
        to_close(&all, |_| false).is_empty(),
        "nothing pushed: nothing closed"
    );
    assert_eq!(unopened_words(0, Words::EN), None);
    assert!(unopened_words(1, Words::EN)
        .unwrap()
        .contains("it stays in the inbox"));
    assert!(unopened_words(3, Words::EN)
        .unwrap()
        .starts_with("3 sealed ratings"));
}

#[test]
fn the_inbox_query_lists_one_therapists_sealed_ratings() {
    let q = inbox_query(&t("ana"));
    assert!(
        q.starts_with("_all_docs?include_docs=true&startkey="),
        "{q}"
    );
    assert!(q.contains("%22inbox%3Aana%3A%22"), "{q}");
    assert!(q.contains("endkey=%22inbox%3Aana%3A%EF%BF%B0%22"), "{q}");
}

#[test]
fn a_caseloads_private_key_document_round_trips_and_is_read_strictly() {
    let secret = SecretKey {
        to: t("ana"),
        public: point(0x11),
        iv: [7; 12],
        ct: vec![9; 150],
    };
    let doc = secret.encode();
    assert_eq!(doc["_id"], SECRET_DOC_ID);
    assert_eq!(doc["type"], "inbox-key");
    assert_eq!(SecretKey::decode(&doc, &t("ana")), Ok(secret.clone()));
    // Another caseload's, or a field changed, is refused.
    assert_eq!(SecretKey::decode(&doc, &t("ben")), Err(SealError::NotMine));
    let mut short = doc.clone();
    short["ct"] = json!(base64::encode(&[1; 4]));
    assert_eq!(
        SecretKey::decode(&short, &t("ana")),
        Err(SealError::BadField("ct"))
    );
    let mut extra = doc.clone();
    extra["raw"] = json!("x");
    assert!(matches!(
        SecretKey::decode(&extra, &t("ana")),
        Err(SealError::Shape(_))
    ));
    // With a _rev, as the server sends it back.
    let mut served = doc;
    served["_rev"] = json!("0-1");
    assert_eq!(SecretKey::decode(&served, &t("ana")), Ok(secret));
    // The associated data binds it to its therapist and public key.
    assert_ne!(
        secret_aad(&t("ana"), &point(0x11)),
        secret_aad(&t("ben"), &point(0x11))
    );
    assert_ne!(
        secret_aad(&t("ana"), &point(0x11)),
        secret_aad(&t("ana"), &point(0x12))
    );
}

#[test]
fn the_inbox_answer_is_read_row_by_row() {
    use attune::domain::sync::tablet::inbox_rows;
    let body = json!({"total_rows": 3, "rows": [
        {"id": "inbox:ana:rating:r-1", "value": {"rev": "1-a"}, "doc": {"_id": "inbox:ana:rating:r-1", "_rev": "1-a", "type": "sealed"}},
        {"id": "inbox:ana:rating:r-2", "value": {"rev": "1-b"}},
        {"id": "inbox:ana:rating:r-3", "value": {"rev": "1-c"}, "doc": null},
    ]})
    .to_string();
    let rows = inbox_rows(&body).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].0.as_str(), rows[0].1.as_str()),
        ("inbox:ana:rating:r-1", "1-a")
    );
    assert!(inbox_rows("<html>").is_err());
    assert!(inbox_rows("{}").is_err());
}

#[test]
fn documents_are_asked_by_id_so_a_missing_one_is_a_row_not_a_404() {
    use attune::domain::sync::tablet::docs_query;
    let q = docs_query(&["pubkey:ana".to_string(), "pubkey:ben".to_string()]);
    assert_eq!(
        q,
        "_all_docs?include_docs=true&keys=%5B%22pubkey%3Aana%22%2C%22pubkey%3Aben%22%5D"
    );
    // Such an answer: the missing key has an error and no document.
    let body = json!({"rows": [
        {"id": "pubkey:ana", "key": "pubkey:ana", "value": {"rev": "1-a"}, "doc": {"_id": "pubkey:ana", "_rev": "1-a"}},
        {"key": "pubkey:ben", "error": "not_found"},
    ]})
    .to_string();
    let rows = attune::domain::sync::tablet::inbox_rows(&body).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "pubkey:ana");
}
