//! Start-up and save decisions: every branch `storage::load` and
//! `storage::save` take, decided natively.

use attune::domain::measures::rating::Rating;
use attune::domain::measures::score::Tenths;
use attune::domain::records::save_plan::{
    may_clear_draft, plan_load, plan_save, quarantine_key, Blocked, Found, Kept, LoadPlan,
    LoadStatus, Observed, SavePlan,
};
use attune::domain::records::store::{decode, encode, Broken, Client, DecodeError, Store};
use chrono::{DateTime, Utc};

const V1: &str = include_str!("fixtures/v1.json");
const V2: &str = include_str!("fixtures/v2.json");
const V3: &str = include_str!("fixtures/v3.json");
const V4: &str = include_str!("fixtures/v4.json");
const V5: &str = include_str!("fixtures/v5.json");
const FUTURE: &str = include_str!("fixtures/v9-future.json");
const JUNK: &str = "{\"schema\":\"attune\",\"version\":2,\"ratings\":[";

fn at(s: &str) -> DateTime<Utc> {
    attune::domain::time::parse(s).unwrap()
}

fn rating(id: &str, scores: [u16; 4]) -> Rating {
    Rating {
        id: id.into(),
        recorded_at: at("2026-03-01T10:00:00Z"),
        session_at: at("2026-03-01T10:00:00Z"),
        client_id: None,
        scores: scores.iter().map(|&s| Tenths::new(s).unwrap()).collect(),
        scale_id: "srs-attune".into(),
        scale_version: 1,
        line: None,
        updated_at: None,
        note: None,
        ..Default::default()
    }
}

fn store(ids: &[&str]) -> Store {
    Store {
        ratings: ids.iter().map(|id| rating(id, [90, 90, 90, 90])).collect(),
        ..Store::default()
    }
}

fn ids(s: &Store) -> Vec<&str> {
    s.ratings.iter().map(|r| r.id.as_str()).collect()
}

fn junk_reason() -> DecodeError {
    decode(JUNK).unwrap_err()
}

fn quarantined() -> LoadStatus {
    LoadStatus::Quarantined {
        key: "attune.quarantine.5".into(),
        reason: junk_reason(),
    }
}

#[test]
fn writable_statuses() {
    assert!(LoadStatus::Fresh.writable());
    assert!(LoadStatus::Ok.writable());
    assert!(LoadStatus::Migrated(1).writable());
    assert!(quarantined().writable());
    assert!(!LoadStatus::ReadOnly(3).writable());
    assert!(!LoadStatus::Unreadable(junk_reason()).writable());
    assert!(!LoadStatus::Unavailable.writable());
}

#[test]
fn load_without_storage_or_data() {
    let start = |store, status, remember| LoadPlan::Start {
        store,
        status,
        remember,
    };
    assert_eq!(
        plan_load(Found::NoStorage, &[], 1),
        start(Store::default(), LoadStatus::Unavailable, false)
    );
    assert_eq!(
        plan_load(Found::Nothing, &[], 1),
        start(Store::default(), LoadStatus::Fresh, false)
    );
}

#[test]
fn load_reads_current_migrates_older_and_opens_newer_read_only() {
    // The current version: the version-5 fixture as this version writes it.
    let current = attune::domain::records::store::encode(&decode(V5).unwrap().store);
    match plan_load(Found::Text(&current), &[], 1) {
        LoadPlan::Start {
            store,
            status,
            remember,
        } => {
            assert_eq!(store, decode(V5).unwrap().store);
            assert_eq!((status, remember), (LoadStatus::Ok, true));
        }
        other => panic!("{other:?}"),
    }
    match plan_load(Found::Text(V4), &[], 1) {
        LoadPlan::Start {
            status, remember, ..
        } => assert_eq!((status, remember), (LoadStatus::Migrated(4), false)),
        other => panic!("{other:?}"),
    }
    match plan_load(Found::Text(V3), &[], 1) {
        LoadPlan::Start {
            status, remember, ..
        } => assert_eq!((status, remember), (LoadStatus::Migrated(3), false)),
        other => panic!("{other:?}"),
    }
    match plan_load(Found::Text(V2), &[], 1) {
        LoadPlan::Start {
            status, remember, ..
        } => assert_eq!((status, remember), (LoadStatus::Migrated(2), false)),
        other => panic!("{other:?}"),
    }
    match plan_load(Found::Text(V1), &[], 1) {
        LoadPlan::Start {
            store,
            status,
            remember,
        } => {
            assert_eq!(store.ratings.len(), 2);
            assert_eq!((status, remember), (LoadStatus::Migrated(1), false));
        }
        other => panic!("{other:?}"),
    }
    match plan_load(Found::Text(FUTURE), &[], 1) {
        LoadPlan::Start {
            status, remember, ..
        } => assert_eq!((status, remember), (LoadStatus::ReadOnly(9), false)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unreadable_data_is_set_aside_first_under_a_fresh_key() {
    let older = vec![("attune.quarantine.7".to_string(), "other junk".to_string())];
    assert_eq!(
        plan_load(Found::Text(JUNK), &older, 7),
        LoadPlan::QuarantineFirst {
            key: "attune.quarantine.7-2".into(),
            reason: junk_reason(),
        }
    );
    assert_eq!(
        LoadPlan::after_quarantine("k".into(), junk_reason(), true),
        LoadStatus::Quarantined {
            key: "k".into(),
            reason: junk_reason()
        }
    );
    assert_eq!(
        LoadPlan::after_quarantine("k".into(), junk_reason(), false),
        LoadStatus::Unreadable(junk_reason())
    );
}

#[test]
fn a_reload_reuses_the_copy_set_aside_before() {
    let set_aside = vec![
        ("attune.quarantine.1".to_string(), "older junk".to_string()),
        ("attune.quarantine.2".to_string(), JUNK.to_string()),
    ];
    assert_eq!(
        plan_load(Found::Text(JUNK), &set_aside, 99),
        LoadPlan::Start {
            store: Store::default(),
            status: LoadStatus::Quarantined {
                key: "attune.quarantine.2".into(),
                reason: junk_reason()
            },
            remember: false,
        }
    );
}

#[test]
fn a_second_copy_set_aside_in_the_same_millisecond_keeps_its_time() {
    use attune::domain::records::save_plan::quarantine_time;
    let first = quarantine_key(1_780_000_000_123, &[]);
    let second = quarantine_key(1_780_000_000_123, &[first.as_str()]);
    assert_eq!(second, "attune.quarantine.1780000000123-2");
    let when = chrono::DateTime::from_timestamp_millis(1_780_000_000_123);
    assert_eq!(quarantine_time(&first), when);
    assert_eq!(quarantine_time(&second), when);
    for other in [
        "attune.quarantine.",
        "attune.quarantine.12x",
        "attune.quarantine.12-",
        "attune.quarantine.12-a",
        "other.12",
    ] {
        assert_eq!(quarantine_time(other), None, "{other}");
    }
}

#[test]
fn quarantine_keys_never_collide() {
    assert_eq!(quarantine_key(42, &[]), "attune.quarantine.42");
    assert_eq!(
        quarantine_key(42, &["attune.quarantine.42", "attune.quarantine.42-2"]),
        "attune.quarantine.42-3"
    );
    assert_eq!(
        quarantine_key(42, &["attune.quarantine.41"]),
        "attune.quarantine.42"
    );
}

#[test]
fn blocked_statuses_never_write_whatever_is_stored() {
    let mine = store(&["m"]);
    for (status, blocked) in [
        (LoadStatus::ReadOnly(3), Blocked::ReadOnly(3)),
        (
            LoadStatus::Unreadable(junk_reason()),
            Blocked::UnreadableUntouched,
        ),
        (LoadStatus::Unavailable, Blocked::Unavailable),
    ] {
        for observed in [Observed::Absent, Observed::Unchanged] {
            assert_eq!(
                plan_save(&status, observed, &mine),
                SavePlan::Block(blocked.clone())
            );
        }
    }
    assert_eq!(
        plan_save(&LoadStatus::Ok, Observed::NoStorage, &mine),
        SavePlan::Block(Blocked::Unavailable)
    );
}

#[test]
fn nothing_stored_or_unchanged_writes_mine() {
    let mine = store(&["m"]);
    for status in [LoadStatus::Fresh, LoadStatus::Ok, LoadStatus::Migrated(1)] {
        assert_eq!(
            plan_save(&status, Observed::Absent, &mine),
            SavePlan::Write(mine.clone())
        );
        assert_eq!(
            plan_save(&status, Observed::Unchanged, &mine),
            SavePlan::Write(mine.clone())
        );
    }
}

#[test]
fn another_tabs_data_is_merged_never_dropped() {
    let mine = store(&["a", "m"]);
    let theirs = store(&["a", "t"]);
    let observed = Observed::Changed {
        decoded: decode(&encode(&theirs)),
        is_quarantined_copy: false,
    };
    match plan_save(&LoadStatus::Ok, observed, &mine) {
        SavePlan::Write(s) => assert_eq!(ids(&s), ["a", "t", "m"]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn newer_data_from_another_tab_blocks() {
    let observed = Observed::Changed {
        decoded: decode(FUTURE),
        is_quarantined_copy: false,
    };
    assert_eq!(
        plan_save(&LoadStatus::Ok, observed, &store(&["m"])),
        SavePlan::Block(Blocked::NewerFromOtherTab(9))
    );
}

#[test]
fn the_quarantined_text_may_be_replaced_but_nothing_else_unreadable() {
    let mine = store(&["m"]);
    let junk = |copy| Observed::Changed {
        decoded: decode(JUNK),
        is_quarantined_copy: copy,
    };
    assert_eq!(
        plan_save(&quarantined(), junk(true), &mine),
        SavePlan::Write(mine.clone())
    );
    assert_eq!(
        plan_save(&quarantined(), junk(false), &mine),
        SavePlan::Block(Blocked::BecameUnreadable(junk_reason()))
    );
    // "Equals the quarantined copy" means nothing unless the status says one was made.
    assert_eq!(
        plan_save(&LoadStatus::Ok, junk(true), &mine),
        SavePlan::Block(Blocked::BecameUnreadable(junk_reason()))
    );
    assert_eq!(
        plan_save(&LoadStatus::Migrated(1), junk(false), &mine),
        SavePlan::Block(Blocked::BecameUnreadable(junk_reason()))
    );
    assert_eq!(
        plan_save(&LoadStatus::Fresh, junk(false), &mine),
        SavePlan::Block(Blocked::AppearedUnreadable(junk_reason()))
    );
}

#[test]
fn a_merge_that_would_be_unreadable_is_not_written() {
    // A rating of a client neither copy knows (a bug elsewhere): written, it
    // would send the whole document to quarantine at the next start-up.
    let mut mine = store(&["m"]);
    mine.ratings[0].client_id = Some("gone".into());
    match plan_save(&LoadStatus::Ok, Observed::Absent, &mine) {
        SavePlan::Block(Blocked::WouldBeUnreadable(DecodeError::Invalid(m))) => {
            assert!(m.to_string().contains("unknown client"), "{m}")
        }
        other => panic!("{other:?}"),
    }
    mine.clients.push(Client {
        id: "gone".into(),
        label: "JD".into(),
        archived: false,
        created_at: at("2026-03-01T10:00:00Z"),
        updated_at: None,
        ..Default::default()
    });
    assert_eq!(
        plan_save(&LoadStatus::Ok, Observed::Absent, &mine),
        SavePlan::Write(mine.clone())
    );
}

#[test]
fn every_block_reads_as_a_plain_sentence() {
    let all = [
        Blocked::ReadOnly(3),
        Blocked::UnreadableUntouched,
        Blocked::Unavailable,
        Blocked::NewerFromOtherTab(3),
        Blocked::BecameUnreadable(junk_reason()),
        Blocked::AppearedUnreadable(junk_reason()),
        Blocked::WouldBeUnreadable(DecodeError::Invalid(Broken::ClientId("x".into()))),
    ];
    for b in all {
        let text = b.to_string();
        assert!(text.starts_with(char::is_uppercase), "{text}");
        assert!(text.ends_with('.'), "{text}");
    }
    assert!(Blocked::ReadOnly(3).to_string().contains("version 3"));
    assert!(Blocked::BecameUnreadable(junk_reason())
        .to_string()
        .contains("reload"));
}

#[test]
fn the_draft_is_cleared_only_after_a_verified_write_holding_it() {
    let r = rating("new", [10, 20, 30, 40]);
    let mut written = store(&["a"]);
    assert!(!may_clear_draft(&r, None), "save failed or blocked");
    assert!(!may_clear_draft(&r, Some(&written)), "not in the write");
    written.ratings.push(rating("new", [10, 20, 30, 41]));
    assert!(!may_clear_draft(&r, Some(&written)), "other scores");
    written.ratings.pop();
    written.ratings.push(r.clone());
    assert!(may_clear_draft(&r, Some(&written)));
}

#[test]
fn a_rating_is_kept_where_the_save_put_it_and_its_marks_go_only_once_a_reload_cannot_lose_it() {
    assert_eq!(Kept::from_save(true, false), Kept::Stored);
    assert_eq!(Kept::from_save(true, true), Kept::Stored, "written wins");
    assert_eq!(Kept::from_save(false, true), Kept::ThisTab);
    assert_eq!(Kept::from_save(false, false), Kept::MemoryOnly);
    assert!(Kept::Stored.lets_marks_go());
    assert!(Kept::ThisTab.lets_marks_go());
    assert!(
        !Kept::MemoryOnly.lets_marks_go(),
        "the draft is the copy a reload finds"
    );
}

#[test]
fn every_refusal_is_said_in_the_page_language_and_its_english_is_the_display() {
    use attune::domain::words::{Lang, Words};
    use attune::storage::StorageError;
    let es = Words::new(Lang::Es);
    let reasons = [
        junk_reason(),
        decode("{}").unwrap_err(),
        DecodeError::Invalid(Broken::UnknownClient {
            rating: "r1".into(),
            client: "c9".into(),
        }),
    ];
    let mut said: Vec<(String, String)> = reasons
        .iter()
        .map(|r| (r.to_string(), r.words(Words::EN)))
        .collect();
    let blocks = [
        Blocked::ReadOnly(3),
        Blocked::UnreadableUntouched,
        Blocked::Unavailable,
        Blocked::NewerFromOtherTab(3),
        Blocked::BecameUnreadable(junk_reason()),
        Blocked::AppearedUnreadable(junk_reason()),
        Blocked::WouldBeUnreadable(reasons[2].clone()),
    ];
    said.extend(blocks.iter().map(|b| (b.to_string(), b.words(Words::EN))));
    let storage = [
        StorageError::Unavailable,
        StorageError::Quota,
        StorageError::Verify,
        StorageError::Blocked(Blocked::ReadOnly(3)),
        StorageError::Other("unknown error".into()),
    ];
    said.extend(storage.iter().map(|e| (e.to_string(), e.words(Words::EN))));
    // The page in English says exactly what the logs say.
    for (display, english) in &said {
        assert_eq!(display, english);
    }
    // In Spanish, every one reads differently, and keeps the ids it names.
    for text in reasons
        .iter()
        .map(|r| r.words(es))
        .chain(blocks.iter().map(|b| b.words(es)))
        .chain(storage.iter().map(|e| e.words(es)))
    {
        assert!(!said.iter().any(|(en, _)| *en == text), "{text}");
    }
    assert_eq!(
        reasons[2].words(es),
        "la valoración \"r1\" pertenece a un cliente desconocido \"c9\""
    );
    assert_eq!(
        StorageError::Other("unknown error".into()).words(es),
        "el navegador no permitió guardar: error desconocido"
    );
}
