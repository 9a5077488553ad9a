//! New ratings as records of their own: what the form writes and how the
//! therapist page takes them into the document without losing or doubling
//! anything.

use attune::domain::measures::kinds::MeasureKind;
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::Scales;
use attune::domain::measures::score::Tenths;
use attune::domain::records::inbox::{
    absorb, backup_from_records, decode, encode, id_of, key, NotTaken,
};
use attune::domain::records::store::{decode as decode_store, Client, Store};

mod common;
use common::at;

fn rating(id: &str, client: Option<&str>) -> Rating {
    common::srs(id, client, at("2026-03-01T10:00:00Z"), &[90, 80, 70, 60])
}

fn client(id: &str) -> Client {
    common::client(id, &id.to_uppercase(), at("2026-01-01T10:00:00Z"))
}

fn found(r: &Rating) -> (String, String) {
    (key(&r.id), encode(r))
}

#[test]
fn a_record_round_trips_under_its_own_key() {
    let scale = Scales::builtin();
    let r = rating("r1", Some("c1"));
    assert_eq!(key("r1"), "attune.new.r1");
    assert_eq!(id_of("attune.new.r1"), Some("r1"));
    assert_eq!(id_of("attune.new."), None);
    assert_eq!(id_of("attune.data"), None);
    assert_eq!(decode(&key("r1"), &encode(&r), &scale), Ok(r.clone()));
    // A record under another rating's key, or with the wrong score count, is unreadable.
    assert!(matches!(
        decode(&key("r2"), &encode(&r), &scale),
        Err(NotTaken::Unreadable(_))
    ));
    let mut short = r.clone();
    short.scores.pop();
    assert!(matches!(
        decode(&key("r1"), &encode(&short), &scale),
        Err(NotTaken::Unreadable(_))
    ));
    assert!(matches!(
        decode(&key("r1"), "{\"id\":", &scale),
        Err(NotTaken::Unreadable(_))
    ));
    // A field this version does not know: a newer form wrote it; left alone.
    let newer = encode(&r).replacen('{', "{\"seat\":\"m1\",", 1);
    assert_eq!(decode(&key("r1"), &newer, &scale), Err(NotTaken::Newer));
}

#[test]
fn records_are_taken_in_once_and_removable_only_when_complete() {
    let scale = Scales::builtin();
    let mut store = Store {
        clients: vec![client("c1")],
        ..Store::default()
    };
    let known = rating("r1", Some("c1"));
    let quick = rating("r2", None);
    let stranger = rating("r3", Some("c9"));
    let newer = (
        key("r4"),
        encode(&rating("r4", None)).replacen('{', "{\"seat\":\"m1\",", 1),
    );
    let junk = (key("r5"), "not json".to_string());
    let all = vec![
        found(&known),
        found(&quick),
        found(&stranger),
        newer.clone(),
        junk.clone(),
    ];
    let got = absorb(&mut store, &all, &scale);
    assert_eq!(got.added, 3);
    // The rating of an unknown client shows unassigned, but its record stays.
    assert_eq!(got.taken, vec![key("r1"), key("r2")]);
    assert_eq!(got.unreadable.len(), 1);
    assert_eq!(got.unreadable[0].0, key("r5"));
    let r3 = store.ratings.iter().find(|r| r.id == "r3").unwrap();
    assert_eq!(r3.client_id, None);
    assert!(
        store.ratings.iter().all(|r| r.id != "r4"),
        "a newer record is not taken in"
    );

    // Again, with the client now known: nothing doubled, the assignment restored.
    store.clients.push(client("c9"));
    let again = absorb(&mut store, &all, &scale);
    assert_eq!(again.added, 0);
    assert_eq!(store.ratings.len(), 3);
    assert_eq!(again.taken, vec![key("r1"), key("r2"), key("r3")]);
    let r3 = store.ratings.iter().find(|r| r.id == "r3").unwrap();
    assert_eq!(r3.client_id.as_deref(), Some("c9"));
    // Scores already in the document never change.
    let mut other = known.clone();
    other.scores[0] = Tenths::new(10).unwrap();
    absorb(&mut store, &[found(&other)], &scale);
    assert_eq!(store.ratings[0].scores, known.scores);
}

#[test]
fn a_backup_made_from_records_imports() {
    let now = at("2026-03-02T09:00:00Z");
    let text = backup_from_records(&[rating("r1", Some("c1")), rating("r2", None)], now);
    let d = decode_store(&text).expect("a valid backup");
    assert_eq!(d.store.ratings.len(), 2);
    assert!(
        d.store.ratings.iter().all(|r| r.client_id.is_none()),
        "no clients travel with it"
    );
    assert!(text.contains("\"exported_at\":\"2026-03-02T09:00:00Z\""));
}

#[test]
fn an_ors_record_is_checked_against_the_ors_and_keeps_its_session() {
    let scales = Scales::builtin();
    let ors = Rating {
        measure: MeasureKind::Ors,
        session_id: Some("s1".into()),
        scale_id: scales.ors.id.clone(),
        ..rating("o1", Some("c1"))
    };
    let text = encode(&ors);
    assert!(text.contains("\"measure\":\"ors\"") && text.contains("\"session_id\":\"s1\""));
    assert_eq!(decode(&key("o1"), &text, &scales), Ok(ors.clone()));
    // An ORS with the SRS's item count would be refused if the ORS had
    // another count; here both have four, so the check is by the measure's
    // own scale: a three-score ORS is unreadable.
    let short = Rating {
        scores: ors.scores[..3].to_vec(),
        ..ors.clone()
    };
    assert!(matches!(
        decode(&key("o1"), &encode(&short), &scales),
        Err(NotTaken::Unreadable(_))
    ));
    // An SRS record says nothing of the new fields: its JSON is what a
    // version-4 form wrote, so older therapist pages still take it in.
    let srs = encode(&rating("r1", Some("c1")));
    assert!(!srs.contains("measure") && !srs.contains("session_id") && !srs.contains("rater"));
}
