//! The stored document: migrations from every fixture, refusals, and the
//! merge that must never lose a rating.

use attune::domain::measures::rating::Rating;
use attune::domain::measures::score::Tenths;
use attune::domain::records::store::{
    decode, encode, merge, validate, Client, DecodeError, MergeSummary, Store, CURRENT_VERSION,
};
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use std::collections::BTreeMap;

const V1: &str = include_str!("fixtures/v1.json");
const V2: &str = include_str!("fixtures/v2.json");
const V3: &str = include_str!("fixtures/v3.json");
const FUTURE: &str = include_str!("fixtures/v9-future.json");

fn at(s: &str) -> DateTime<Utc> {
    attune::domain::time::parse(s).unwrap()
}

fn tenths(v: &[u16]) -> Vec<Tenths> {
    v.iter().map(|&t| Tenths::new(t).unwrap()).collect()
}

fn rating(id: &str, day: u32, client: Option<&str>) -> Rating {
    let when = Utc.with_ymd_and_hms(2026, 3, day, 15, 0, 0).unwrap();
    Rating {
        id: id.into(),
        recorded_at: when,
        session_at: when,
        client_id: client.map(Into::into),
        scores: tenths(&[90, 80, 70, day as u16]),
        scale_id: "srs-attune".into(),
        scale_version: 1,
        line: None,
        updated_at: None,
        note: None,
        ..Default::default()
    }
}

fn client(id: &str, label: &str) -> Client {
    Client {
        id: id.into(),
        label: label.into(),
        archived: false,
        created_at: Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap(),
        updated_at: None,
        ..Default::default()
    }
}

/// Decoding then re-encoding must give the same store: the app writes back
/// whatever it migrated.
fn assert_reencodes(store: &Store) {
    let again = decode(&encode(store)).unwrap();
    assert_eq!(again.from_version, CURRENT_VERSION);
    assert_eq!(&again.store, store);
}

#[test]
fn v1_fixture_migrates_to_current() {
    let d = decode(V1).unwrap();
    assert_eq!(d.from_version, 1);
    assert!(d.migrated() && !d.read_only());
    let s = &d.store;
    assert!(s.clients.is_empty());
    assert_eq!(s.last_backup_at, None);
    assert_eq!(s.ratings.len(), 2);
    let r = &s.ratings[1];
    // v1 had one timestamp: it becomes both times, converted to UTC.
    assert_eq!(r.recorded_at, at("2026-03-09T14:45:12.250Z"));
    assert_eq!(r.session_at, r.recorded_at);
    assert_eq!(r.client_id, None);
    assert_eq!(r.scores, tenths(&[73, 50, 61, 70]));
    assert_eq!(r.line, None);
    assert_reencodes(s);
}

#[test]
fn v2_fixture_migrates_to_current_without_notes() {
    let d = decode(V2).unwrap();
    assert_eq!(d.from_version, 2);
    assert!(d.migrated() && !d.read_only());
    assert!(d.store.ratings.iter().all(|r| r.note.is_none()));
    let s = &d.store;
    assert_eq!(s.clients.len(), 2);
    assert!(s.clients[1].archived);
    assert_eq!(s.ratings.len(), 4);
    assert_eq!(s.ratings[1].session_at, at("2026-02-09T17:00:00Z"));
    assert_ne!(s.ratings[1].session_at, s.ratings[1].recorded_at);
    assert_eq!(s.ratings[3].client_id, None);
    assert!(s.ratings[0].line.unwrap().calibrated);
    assert!(!s.ratings[2].line.unwrap().calibrated);
    assert_eq!(s.last_backup_at, Some(at("2026-02-01T20:00:00Z")));
    assert_reencodes(s);
}

#[test]
fn v3_fixture_migrates_and_keeps_notes_as_typed() {
    let d = decode(V3).unwrap();
    assert_eq!((d.from_version, CURRENT_VERSION), (3, 8));
    assert!(d.migrated() && !d.read_only());
    assert!(d.store.unrated.is_empty());
    let note = d.store.ratings[0].note.as_ref().unwrap();
    // Stored exactly as typed: untrimmed, inner quotes and accents intact.
    assert_eq!(
        note.client_feedback,
        "  felt I pushed too hard on homework.\n"
    );
    assert_eq!(
        note.therapist_response,
        "We agreed to set \"homework\" together, Zoé's idea"
    );
    // A note with one field missing reads the other as empty.
    let half = d.store.ratings[1].note.as_ref().unwrap();
    assert_eq!(
        (
            half.client_feedback.as_str(),
            half.therapist_response.as_str()
        ),
        ("better pace", "")
    );
    assert_reencodes(&d.store);
}

#[test]
fn a_rating_without_a_note_writes_no_note_field() {
    let s = decode(V2).unwrap().store;
    let text = encode(&s);
    assert!(text.starts_with(r#"{"schema":"attune","version":8,"#));
    assert!(!text.contains("note"), "{text}");
}

#[test]
fn future_fixture_is_read_only_and_keeps_what_it_understands() {
    let d = decode(FUTURE).unwrap();
    assert_eq!(d.from_version, 9);
    assert!(d.read_only() && !d.migrated());
    assert_eq!(d.store.clients[0].label, "AB");
    assert_eq!(d.store.ratings[0].scores, tenths(&[91, 87, 94, 90]));
}

#[test]
fn far_future_versions_are_read_only_too() {
    let d = decode(r#"{"schema":"attune","version":4000000}"#).unwrap();
    assert!(d.read_only());
    assert_eq!(d.store, Store::default());
}

fn err(text: &str) -> DecodeError {
    decode(text).expect_err(text)
}

#[test]
fn not_json_is_named() {
    for text in [
        "",
        "{",
        "nope",
        &V2[..V2.len() / 2],
        "{\"schema\":\"attune\",}",
    ] {
        assert!(matches!(err(text), DecodeError::NotJson(_)), "{text}");
        assert!(err(text)
            .to_string()
            .starts_with("the data is not valid JSON"));
    }
}

#[test]
fn other_json_is_not_attune() {
    for text in [
        "null",
        "[]",
        "{}",
        "42",
        r#"{"version":2}"#,
        r#"{"schema":"other","version":2}"#,
        r#"{"schema":"attune"}"#,
        r#"{"schema":"attune","version":0}"#,
        r#"{"schema":"attune","version":"2"}"#,
        r#"{"schema":"attune","version":-1}"#,
        r#"{"schema":"attune","version":2.5}"#,
    ] {
        assert!(matches!(err(text), DecodeError::NotAttune(_)), "{text}");
    }
}

#[test]
fn wrong_shapes_name_the_version() {
    let cases = [
        (r#"{"schema":"attune","version":2,"ratings":"x"}"#, 2),
        (r#"{"schema":"attune","version":1}"#, 1),
        (
            r#"{"schema":"attune","version":2,"clients":[{"id":"c"}]}"#,
            2,
        ),
    ];
    for (text, version) in cases {
        match err(text) {
            DecodeError::Shape { version: v, .. } => assert_eq!(v, version, "{text}"),
            other => panic!("{text}: {other:?}"),
        }
    }
}

fn with_scores(scores: &str) -> String {
    format!(
        r#"{{"schema":"attune","version":2,"ratings":[{{"id":"r","recorded_at":"2026-01-01T00:00:00Z","session_at":"2026-01-01T00:00:00Z","scores":{scores},"scale_id":"s","scale_version":1}}]}}"#
    )
}

#[test]
fn scores_outside_0_to_10_are_refused() {
    assert!(decode(&with_scores("[0,100]")).is_ok());
    let e = err(&with_scores("[101]"));
    assert!(e.to_string().contains("above 100 (10.0)"), "{e}");
    for bad in [
        "[-1]",
        "[7.3]",
        "[70000]",
        "[\"7\"]",
        "[]",
        &format!("[{}1]", "1,".repeat(16)),
    ] {
        assert!(decode(&with_scores(bad)).is_err(), "{bad}");
    }
}

#[test]
fn rule_breaks_are_explained() {
    let mut s = decode(V2).unwrap().store;
    assert_eq!(validate(&s), Ok(()));

    let mut dup = s.clone();
    dup.clients.push(dup.clients[0].clone());
    assert!(validate(&dup)
        .unwrap_err()
        .to_string()
        .contains("\"c-3f2a\" is empty or appears twice"));

    let mut dup = s.clone();
    dup.ratings.push(dup.ratings[0].clone());
    assert!(validate(&dup)
        .unwrap_err()
        .to_string()
        .contains("appears twice"));

    let mut empty = s.clone();
    empty.ratings[0].scores.clear();
    assert!(validate(&empty)
        .unwrap_err()
        .to_string()
        .contains("has 0 scores"));

    s.ratings[0].client_id = Some("ghost".into());
    let e = validate(&s).unwrap_err();
    assert_eq!(
        e.to_string(),
        "rating \"0b6e7c1a-2d3f-4a5b-9c6d-7e8f9a0b1c2d\" belongs to an unknown client \"ghost\""
    );
    // decode applies the same rules to what it reads.
    assert!(matches!(decode(&encode(&s)), Err(DecodeError::Invalid(_))));
}

#[test]
fn non_ascii_in_a_timestamp_is_an_error_not_a_panic() {
    // Each of these made time::parse slice inside a multi-byte character.
    for ts in [
        "2026-11-22T14:05:0\u{e9}",
        "2026-11-22T14:05:09\u{e9}:000",
        "2026-11-22T14:05:09+0\u{e9}00",
    ] {
        let doc = V2.replace("2026-02-12T14:30:00Z", ts);
        let result = std::panic::catch_unwind(|| decode(&doc).is_err());
        assert_eq!(
            result.ok(),
            Some(true),
            "decode panicked or accepted {ts:?}"
        );
    }
}

#[test]
fn every_time_decode_accepts_is_written_back_readably() {
    // Year 0000 with an offset east of UTC is a valid RFC 3339 time whose UTC
    // instant falls in year -1, which could not be written back: it must be
    // refused. Its neighbours inside 0000..=9999 UTC are accepted and must
    // round-trip, since the app writes migrated data straight back. Each case
    // states its outcome, so the test fails if decode changes its mind.
    let cases = [
        ("0000-01-01T00:00:00+01:00", false),
        ("0000-01-01T00:00:00Z", true),
        ("0000-01-01T00:00:00-01:00", true),
        ("9999-12-31T23:59:59Z", true),
    ];
    for (ts, accepted) in cases {
        let doc = V2.replace("2026-02-12T14:30:00Z", ts);
        assert_ne!(doc, V2, "the fixture holds the time being replaced");
        match decode(&doc) {
            Ok(d) => {
                assert!(accepted, "{ts} was accepted");
                assert_eq!(
                    decode(&encode(&d.store)).map(|again| again.store),
                    Ok(d.store),
                    "{ts}"
                );
            }
            Err(e) => assert!(!accepted, "{ts} was refused: {e}"),
        }
    }
}

/// Two devices that shared a history, then each rated on its own.
fn divergent() -> (Store, Store) {
    let mut common = Store::default();
    common.clients.push(client("c1", "JD"));
    common.ratings.push(rating("r1", 1, Some("c1")));
    common.ratings.push(rating("r2", 2, None));
    let mut a = common.clone();
    a.ratings.push(rating("a3", 3, Some("c1")));
    a.clients[0].archived = true;
    a.clients[0].updated_at = Some(at("2026-03-04T00:00:00Z"));
    a.last_backup_at = Some(at("2026-03-05T00:00:00Z"));
    let mut b = common;
    b.clients.push(client("c2", "MK"));
    b.ratings.push(rating("b3", 4, Some("c2")));
    b.ratings.push(rating("b4", 5, None));
    (a, b)
}

/// A store's content regardless of order: records by id, and the backup time.
type Content = (
    BTreeMap<String, Rating>,
    BTreeMap<String, Client>,
    Option<DateTime<Utc>>,
);

fn by_id(s: &Store) -> Content {
    let ratings = s
        .ratings
        .iter()
        .map(|r| (r.id.clone(), r.clone()))
        .collect();
    let clients = s
        .clients
        .iter()
        .map(|c| (c.id.clone(), c.clone()))
        .collect();
    (ratings, clients, s.last_backup_at)
}

#[test]
fn merging_divergent_histories_keeps_both() {
    let (a, b) = divergent();
    let (m, summary) = merge(&a, &b);
    assert_eq!(
        summary,
        MergeSummary {
            new_ratings: 2,
            existing_ratings: 2,
            new_clients: 1
        }
    );
    let ids: Vec<&str> = m.ratings.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["r1", "r2", "a3", "b3", "b4"]);
    assert!(m.clients[0].archived, "the later edit (an archive) wins");
    assert_eq!(m.last_backup_at, a.last_backup_at);
    assert_eq!(validate(&m), Ok(()));

    let (m2, summary2) = merge(&b, &a);
    assert_eq!(
        summary2,
        MergeSummary {
            new_ratings: 1,
            existing_ratings: 2,
            new_clients: 0
        }
    );
    assert_eq!(by_id(&m), by_id(&m2), "commutative in content");

    let (again, s3) = merge(&m, &b);
    assert_eq!(again, m, "idempotent");
    assert_eq!(
        s3,
        MergeSummary {
            new_ratings: 0,
            existing_ratings: 4,
            new_clients: 0
        }
    );
    assert_eq!(merge(&m, &m).0, m);
}

#[test]
fn the_base_copy_of_a_rating_wins() {
    let (a, _) = divergent();
    let mut other = a.clone();
    other.ratings[0].scores = tenths(&[1, 1, 1, 1]);
    other.clients[0].label = "renamed".into();
    let (m, s) = merge(&a, &other);
    assert_eq!(m, a);
    assert_eq!(s.new_ratings, 0);
}

proptest! {
    /// Any two subsets of one pool of ratings merge to their union.
    #[test]
    fn merge_is_a_union(mask_a in 0u32..(1 << 12), mask_b in 0u32..(1 << 12)) {
        let pool: Vec<Rating> = (0..12).map(|i| rating(&format!("r{i}"), i + 1, None)).collect();
        let pick = |mask: u32| Store {
            ratings: pool.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, r)| r.clone()).collect(),
            ..Store::default()
        };
        let (a, b) = (pick(mask_a), pick(mask_b));
        let (m, s) = merge(&a, &b);
        prop_assert_eq!(s.new_ratings, (mask_b & !mask_a).count_ones() as usize);
        prop_assert_eq!(s.existing_ratings, (mask_a & mask_b).count_ones() as usize);
        prop_assert_eq!(by_id(&m), by_id(&pick(mask_a | mask_b)));
        prop_assert_eq!(by_id(&m), by_id(&merge(&b, &a).0));
        prop_assert_eq!(&merge(&m, &b).0, &m);
        prop_assert_eq!(validate(&m), Ok(()));
    }
}

#[test]
fn a_later_edit_moves_a_rating_but_never_changes_its_scores() {
    let (a, _) = divergent();
    let mut other = a.clone();
    let edited = &mut other.ratings[0];
    edited.scores = tenths(&[1, 1, 1, 1]);
    edited.recorded_at = at("2026-01-01T00:00:00Z");
    edited.client_id = None;
    edited.session_at = at("2026-02-27T09:00:00Z");
    edited.updated_at = Some(at("2026-03-10T00:00:00Z"));
    let (m, s) = merge(&a, &other);
    assert_eq!(s.existing_ratings, a.ratings.len());
    let r = &m.ratings[0];
    assert_eq!(r.scores, a.ratings[0].scores, "scores are immutable");
    assert_eq!(r.recorded_at, a.ratings[0].recorded_at);
    assert_eq!(r.client_id, None, "the later assignment wins");
    assert_eq!(r.session_at, at("2026-02-27T09:00:00Z"));
    assert_eq!(r.updated_at, Some(at("2026-03-10T00:00:00Z")));
    // The other way round the stored (base) scores stay too.
    let (back, _) = merge(&other, &a);
    assert_eq!(back.ratings[0].scores, tenths(&[1, 1, 1, 1]));
}

#[test]
fn v4_fixture_migrates_and_keeps_sessions_without_a_rating() {
    let text = include_str!("fixtures/v4.json");
    let d = decode(text).unwrap();
    assert_eq!((d.from_version, CURRENT_VERSION), (4, 8));
    assert!(d.migrated() && !d.read_only());
    assert_eq!(d.store.unrated.len(), 2);
    assert_eq!(
        d.store.unrated[0].reason.as_deref(),
        Some("crisis session, no time")
    );
    assert_eq!(d.store.unrated[1].reason, None);
    // Written back unchanged in substance, and merged by id without loss.
    let again = decode(&encode(&d.store)).unwrap();
    assert_eq!(again.store, d.store);
    let (merged, _) = merge(&Store::default(), &d.store);
    let (twice, _) = merge(&merged, &d.store);
    assert_eq!(twice.unrated, d.store.unrated);
    // A session without a rating for an unknown client is refused.
    let mut bad = d.store.clone();
    bad.unrated[0].client_id = "nobody".into();
    assert!(validate(&bad).is_err());
}
