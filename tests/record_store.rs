//! The therapist page's record store (`storage::records::RecordStore`) run
//! natively on the platform's in-memory key-value store: opening, the move
//! from the single document (also when room is short), saves that write
//! only what changed, two tabs saving at once, an unreadable record set
//! aside alone, and data from a newer Attune left as it is.

mod common;

use attune::domain::records::layout::{split, META_KEY, PREFIX};
use attune::domain::records::save_plan::LoadStatus;
use attune::domain::records::store::{self, Store, CURRENT_VERSION};
use attune::platform::memory::MemoryStore;
use attune::platform::KeyValue;
use attune::storage::records::{Opened, RecordStore};
use attune::storage::{StorageError, DATA_KEY, QUARANTINE_PREFIX};

const V5: &str = include_str!("fixtures/v5.json");
const FUTURE: &str = include_str!("fixtures/v9-future.json");
const NOW_MS: f64 = 1_767_261_600_000.0;

fn v5() -> Store {
    store::decode(V5).unwrap().store
}

fn opened(rs: &mut RecordStore<MemoryStore>) -> (Store, LoadStatus) {
    match rs.load(NOW_MS) {
        Opened::Records(store, status) => (store, status),
        Opened::Document => panic!("expected the records layout"),
    }
}

/// A device whose data is already in the records layout.
fn in_records(store: &Store) -> MemoryStore {
    let kv = MemoryStore::new();
    for (k, v) in split(store) {
        kv.set(&k, &v).unwrap();
    }
    kv
}

fn record_keys(kv: &MemoryStore) -> Vec<String> {
    kv.keys()
        .into_iter()
        .filter(|k| k.starts_with(PREFIX))
        .collect()
}

#[test]
fn a_first_start_opens_empty_in_the_records_layout() {
    let kv = MemoryStore::new();
    let mut rs = RecordStore::new(kv.clone());
    assert_eq!(opened(&mut rs), (Store::default(), LoadStatus::Fresh));
    assert!(rs.active());
    assert!(kv.snapshot().is_empty(), "opening writes nothing");
}

#[test]
fn the_single_document_moves_into_records_and_a_reload_reads_them() {
    let kv = MemoryStore::new();
    kv.set(DATA_KEY, V5).unwrap();
    kv.set("attune.settings", "{}").unwrap();
    let (store, status) = opened(&mut RecordStore::new(kv.clone()));
    assert_eq!(store, v5());
    assert_eq!(status, LoadStatus::Ok);
    assert_eq!(kv.get(DATA_KEY), None, "the document goes once moved");
    assert_eq!(kv.get("attune.settings").as_deref(), Some("{}"));
    assert!(kv.get(META_KEY).is_some());
    // The next page load reads the records, the same data.
    let (again, _) = opened(&mut RecordStore::new(kv.clone()));
    assert_eq!(again, v5());
}

/// The v5 fixture with `n` more ratings, so its move takes many steps.
fn bigger(n: usize) -> Store {
    let mut s = v5();
    let template = s.ratings[0].clone();
    for i in 0..n {
        let mut r = template.clone();
        r.id = format!("bulk-{i}");
        s.ratings.push(r);
    }
    s
}

/// A device whose single document holds `doc`, with room for it and only
/// `spare` units more.
fn nearly_full(doc: &Store, spare: u64) -> MemoryStore {
    let kv = MemoryStore::new();
    kv.set(DATA_KEY, &store::encode(doc)).unwrap();
    kv.set_quota(Some(kv.used_units().unwrap() + spare));
    kv
}

#[test]
fn with_little_room_the_move_goes_in_half_room_steps_and_loses_no_rating() {
    let doc = bigger(60);
    // Each step may take at most half of the room left, and the document
    // shrinks after each step, so the move goes as far as the room allows
    // and stops cleanly.
    let kv = nearly_full(&doc, 3_000);
    let (store, status) = opened(&mut RecordStore::new(kv.clone()));
    let ids = |s: &Store| s.clients.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        store.ratings, doc.ratings,
        "every rating shows, moved or not"
    );
    assert_eq!(store.unrated, doc.unrated);
    assert_eq!(ids(&store), ids(&doc));
    assert!(status.writable());
    assert!(!record_keys(&kv).is_empty(), "steps were taken");
    assert!(kv.get(DATA_KEY).is_some(), "the rest waits in the document");
    // With room again, the next start finishes the move.
    kv.set_quota(None);
    let (again, _) = opened(&mut RecordStore::new(kv.clone()));
    assert_eq!(again.ratings, doc.ratings);
    assert_eq!(again.unrated, doc.unrated);
    assert_eq!(ids(&again), ids(&doc));
    assert_eq!(kv.get(DATA_KEY), None);
}

/// The move writes clients last, so a move cut short leaves ratings whose
/// clients read as stand-ins ("(unreadable)"); the next start's
/// `moving::plan` lets the document's clients replace them before the
/// document is removed, so no label is lost (it once kept the stand-ins).
#[test]
fn a_move_cut_short_then_finished_keeps_the_clients_labels() {
    let doc = bigger(60);
    let kv = nearly_full(&doc, 3_000);
    let _ = opened(&mut RecordStore::new(kv.clone()));
    kv.set_quota(None);
    let (again, _) = opened(&mut RecordStore::new(kv.clone()));
    assert_eq!(again, doc);
}

#[test]
fn with_no_room_at_all_the_document_stays_the_data() {
    let kv = MemoryStore::new();
    kv.set(DATA_KEY, V5).unwrap();
    kv.set_quota(Some(kv.used_units().unwrap()));
    let mut rs = RecordStore::new(kv.clone());
    assert_eq!(rs.load(NOW_MS), Opened::Document);
    assert!(!rs.active());
    assert_eq!(kv.get(DATA_KEY).as_deref(), Some(V5), "untouched");
    assert_eq!(
        rs.save(&v5(), &LoadStatus::Ok),
        None,
        "saves go to the document"
    );
}

#[test]
fn a_newer_or_unreadable_document_is_left_to_the_document_path() {
    for text in [FUTURE, "{\"schema\":"] {
        let kv = MemoryStore::new();
        kv.set(DATA_KEY, text).unwrap();
        assert_eq!(RecordStore::new(kv.clone()).load(NOW_MS), Opened::Document);
        assert_eq!(kv.get(DATA_KEY).as_deref(), Some(text));
        assert!(record_keys(&kv).is_empty());
    }
}

#[test]
fn a_save_writes_the_changed_record_and_the_meta_entry_only() {
    let kv = in_records(&v5());
    let mut rs = RecordStore::new(kv.clone());
    let (mut mine, status) = opened(&mut rs);
    let before = kv.snapshot();
    let mut extra = mine.ratings[0].clone();
    extra.id = "r-new".into();
    mine.ratings.push(extra);
    assert_eq!(rs.save(&mine, &status), Some(Ok(None)));
    let after = kv.snapshot();
    let changed: Vec<&String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(changed, ["attune.r.m.r-new", META_KEY]);
    let (reloaded, _) = opened(&mut RecordStore::new(kv.clone()));
    assert_eq!(reloaded, mine);
}

#[test]
fn two_tabs_saving_at_once_keep_each_others_ratings() {
    let kv = in_records(&v5());
    let mut tab_a = RecordStore::new(kv.clone());
    let mut tab_b = RecordStore::new(kv.clone());
    let (mut a, status) = opened(&mut tab_a);
    let (mut b, _) = opened(&mut tab_b);
    let mut ra = a.ratings[0].clone();
    ra.id = "from-a".into();
    a.ratings.push(ra);
    let mut rb = b.ratings[0].clone();
    rb.id = "from-b".into();
    b.ratings.push(rb);
    assert_eq!(tab_a.save(&a, &status), Some(Ok(None)));
    let merged = match tab_b.save(&b, &status) {
        Some(Ok(Some(m))) => m,
        other => panic!("tab B should merge tab A's save: {other:?}"),
    };
    let ids: Vec<&str> = merged.ratings.iter().map(|r| r.id.as_str()).collect();
    assert!(
        ids.contains(&"from-a") && ids.contains(&"from-b"),
        "{ids:?}"
    );
    let (stored, _) = opened(&mut RecordStore::new(kv.clone()));
    assert_eq!(stored, merged);
    // Tab A hears of it (a `storage` event) and reads the merge.
    let (theirs, older) = tab_a.reread().unwrap();
    assert_eq!(theirs, merged);
    assert!(older.is_empty());
}

#[test]
fn an_unreadable_record_is_set_aside_alone_and_the_rest_opens() {
    let kv = in_records(&v5());
    let broken = "attune.r.m.r-1";
    kv.set(broken, "{not json").unwrap();
    let (store, status) = opened(&mut RecordStore::new(kv.clone()));
    assert_eq!(status, LoadStatus::Ok);
    assert!(store.ratings.iter().all(|r| r.id != "r-1"));
    assert_eq!(store.ratings.len(), v5().ratings.len() - 1);
    assert_eq!(kv.get(broken), None, "moved out of the way");
    let set_aside = kv.entries(QUARANTINE_PREFIX);
    assert_eq!(set_aside.len(), 1);
    assert_eq!(set_aside[0].1, "{not json", "kept byte for byte");
}

#[test]
fn a_full_storage_refuses_the_save_and_the_next_save_writes_it_again() {
    let kv = in_records(&v5());
    let mut rs = RecordStore::new(kv.clone());
    let (mut mine, status) = opened(&mut rs);
    kv.set_quota(Some(kv.used_units().unwrap()));
    let mut extra = mine.ratings[0].clone();
    extra.id = "r-new".into();
    mine.ratings.push(extra);
    assert_eq!(rs.save(&mine, &status), Some(Err(StorageError::Quota)));
    kv.set_quota(None);
    assert_eq!(rs.save(&mine, &status), Some(Ok(None)));
    let (stored, _) = opened(&mut RecordStore::new(kv.clone()));
    assert_eq!(stored, mine, "nothing this tab held was forgotten");
}

#[test]
fn records_from_a_newer_attune_open_read_only_and_are_never_written() {
    let kv = in_records(&v5());
    let meta = kv
        .get(META_KEY)
        .unwrap()
        .replace(&format!("\"version\":{CURRENT_VERSION}"), "\"version\":99");
    assert_ne!(
        meta,
        kv.get(META_KEY).unwrap(),
        "the layout names this version"
    );
    kv.set(META_KEY, &meta).unwrap();
    let mut rs = RecordStore::new(kv.clone());
    let (store, status) = opened(&mut rs);
    assert_eq!(status, LoadStatus::ReadOnly(99));
    let before = kv.snapshot();
    assert!(matches!(
        rs.save(&store, &status),
        Some(Err(StorageError::Blocked(_)))
    ));
    assert_eq!(kv.snapshot(), before);
    assert_eq!(rs.reread(), None);
}
