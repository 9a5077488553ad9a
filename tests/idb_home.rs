//! The records in IndexedDB, natively: the pure rules of the move
//! (`domain::records::home`) and the shell's loops (`storage::home`: the
//! move from each earlier layout, saves committed as one guarded
//! transaction, two tabs, a full quota) on in-memory stand-ins of IndexedDB
//! and localStorage, with every cut placed exactly.

mod common;

use attune::domain::records::home::{self, Database, Marker, Start, Stay, HOME_KEY};
use attune::domain::records::layout::{self, split, META_KEY, PREFIX};
use attune::domain::records::save_plan::LoadStatus;
use attune::domain::records::store::{self, Store};
use attune::platform::database::{Commit, MemoryDb, RecordDb, Write};
use attune::platform::memory::MemoryStore;
use attune::platform::{KeyValue, KvError};
use attune::storage::home::{commit, open, reload, OpenedIdb, Stayed};
use attune::storage::DATA_KEY;
use futures_executor::block_on;
use std::cell::{Cell, RefCell};

const V4: &str = include_str!("fixtures/v4.json");
const V5: &str = include_str!("fixtures/v5.json");
const FUTURE: &str = include_str!("fixtures/v9-future.json");
const NOW_MS: f64 = 1_767_261_600_000.0;
const NOW: &str = "2026-01-01T10:00:00Z";

fn v5() -> Store {
    store::decode(V5).unwrap().store
}

fn local_records(store: &Store) -> MemoryStore {
    let kv = MemoryStore::new();
    for (k, v) in split(store) {
        kv.set(&k, &v).unwrap();
    }
    kv
}

fn local_record_keys(kv: &MemoryStore) -> Vec<String> {
    kv.keys()
        .into_iter()
        .filter(|k| k.starts_with(PREFIX))
        .collect()
}

fn db_records(db: &MemoryDb) -> Vec<(String, String)> {
    db.snapshot()
        .into_iter()
        .filter(|(k, _)| k.starts_with(PREFIX))
        .collect()
}

fn opened(db: &MemoryDb, kv: &MemoryStore) -> OpenedIdb<MemoryStore> {
    match block_on(open(db, kv.clone(), NOW_MS, NOW)) {
        Ok(o) => o,
        Err(why) => panic!("expected IndexedDB, stayed: {why:?}"),
    }
}

fn with_rating(mut s: Store, id: &str) -> Store {
    let mut r = s.ratings[0].clone();
    r.id = id.into();
    s.ratings.push(r);
    s
}

// ---- the pure rules ----

#[test]
fn start_follows_what_each_side_holds() {
    let doc = Some(V5);
    assert_eq!(
        home::plan(Database::Unavailable, &[], doc),
        Start::Stay(Stay::NoDatabase)
    );
    assert_eq!(home::plan(Database::Empty, &[], None), Start::Move);
    assert_eq!(home::plan(Database::Empty, &[], doc), Start::Move);
    assert_eq!(home::plan(Database::Empty, &[META_KEY], None), Start::Move);
    assert_eq!(
        home::plan(Database::Empty, &[], Some("{not json")),
        Start::Stay(Stay::KeepDocument)
    );
    assert_eq!(
        home::plan(Database::Empty, &[], Some(FUTURE)),
        Start::Stay(Stay::KeepDocument)
    );
    assert_eq!(
        home::plan(Database::Home, &[], None),
        Start::Open { leftovers: false }
    );
    assert_eq!(
        home::plan(Database::Home, &[META_KEY], None),
        Start::Open { leftovers: true }
    );
    assert_eq!(
        home::plan(Database::Home, &[], doc),
        Start::Open { leftovers: true }
    );
}

#[test]
fn the_marker_counts_records_only_and_any_change_shows() {
    let entries = split(&v5());
    let m = Marker::of(&entries);
    assert_eq!(m.records, entries.len());
    let mut shuffled = entries.clone();
    shuffled.reverse();
    shuffled.push(("attune.settings".into(), "{}".into()));
    assert_eq!(
        Marker::of(&shuffled),
        m,
        "order and other keys do not count"
    );
    assert!(home::verify(&m, &shuffled).is_ok());
    let mut changed = entries.clone();
    changed[0].1.push(' ');
    assert!(home::verify(&m, &changed).is_err());
    assert!(home::verify(&m, &entries[1..]).is_err());
    assert!(m
        .encode(NOW)
        .contains(&format!("\"records\":{}", entries.len())));
}

#[test]
fn only_copies_still_holding_the_copied_text_are_removed() {
    let copied = vec![
        ("a".to_string(), "1".to_string()),
        ("b".into(), "2".into()),
        ("c".into(), "3".into()),
    ];
    let now = vec![
        ("a".to_string(), "1".to_string()),
        ("b".into(), "2 rewritten".into()),
    ];
    assert_eq!(home::removable(&copied, &now), vec!["a".to_string()]);
}

#[test]
fn leftovers_are_taken_in_by_the_two_tab_rule() {
    let mine = v5();
    let theirs = with_rating(v5(), "left-by-an-old-tab");
    let assembled = layout::assemble(&split(&theirs));
    let merged = home::take_in(&mine, Some(&assembled), None).unwrap();
    assert!(merged.ratings.iter().any(|r| r.id == "left-by-an-old-tab"));
    assert_eq!(merged.ratings.len(), mine.ratings.len() + 1);
    // A document too.
    let doc = with_rating(v5(), "in-the-document");
    let merged = home::take_in(&mine, None, Some(&doc)).unwrap();
    assert!(merged.ratings.iter().any(|r| r.id == "in-the-document"));
    // A newer Attune's records are left where they are.
    let mut newer = layout::assemble(&split(&theirs));
    newer.layout.meta.version = 99;
    assert_eq!(home::take_in(&mine, Some(&newer), None), None);
}

// ---- the move, from each earlier layout ----

#[test]
fn a_new_device_starts_in_indexeddb() {
    let (db, kv) = (MemoryDb::new(), MemoryStore::new());
    let o = opened(&db, &kv);
    assert_eq!((o.store, o.status), (Store::default(), LoadStatus::Fresh));
    assert!(db.snapshot().contains_key(HOME_KEY));
}

#[test]
fn records_in_localstorage_move_with_equal_count_and_checksum() {
    let kv = local_records(&v5());
    kv.set("attune.settings", "{}").unwrap();
    let before: Vec<(String, String)> = kv.entries(PREFIX);
    let db = MemoryDb::new();
    let o = opened(&db, &kv);
    assert!(o.moved);
    assert_eq!(o.store, v5());
    assert_eq!(Marker::of(&db_records(&db)), Marker::of(&before));
    assert!(
        local_record_keys(&kv).is_empty(),
        "the localStorage copies go"
    );
    assert_eq!(kv.get("attune.settings").as_deref(), Some("{}"));
    // The next start reads IndexedDB alone.
    let again = opened(&db, &kv);
    assert!(!again.moved);
    assert_eq!(again.store, v5());
}

#[test]
fn the_single_document_moves_into_indexeddb_records() {
    for fixture in [V4, V5] {
        let kv = MemoryStore::new();
        kv.set(DATA_KEY, fixture).unwrap();
        let db = MemoryDb::new();
        let o = opened(&db, &kv);
        let expect = store::decode(fixture).unwrap().store;
        assert_eq!(o.store, expect);
        assert_eq!(kv.get(DATA_KEY), None);
        assert!(local_record_keys(&kv).is_empty());
        assert_eq!(layout::assemble(&db_records(&db)).store, expect);
    }
}

#[test]
fn a_newer_or_unreadable_layout_stays_in_localstorage_untouched() {
    let kv = MemoryStore::new();
    kv.set(DATA_KEY, FUTURE).unwrap();
    let db = MemoryDb::new();
    assert_eq!(
        block_on(open(&db, kv.clone(), NOW_MS, NOW)).err(),
        Some(Stayed::Plan(Stay::KeepDocument))
    );
    assert_eq!(kv.get(DATA_KEY).as_deref(), Some(FUTURE));
    assert!(db.snapshot().is_empty());
    let kv = local_records(&v5());
    let meta = layout::Meta {
        version: 99,
        ..layout::Meta::new(1, None)
    };
    kv.set(META_KEY, &meta.encode()).unwrap();
    let before = kv.snapshot();
    assert_eq!(
        block_on(open(&db, kv.clone(), NOW_MS, NOW)).err(),
        Some(Stayed::Newer)
    );
    assert_eq!(kv.snapshot(), before);
    assert!(db.snapshot().is_empty());
}

#[test]
fn without_indexeddb_the_records_stay() {
    let kv = local_records(&v5());
    let db = MemoryDb::new();
    db.set_unavailable(true);
    assert_eq!(
        block_on(open(&db, kv.clone(), NOW_MS, NOW)).err(),
        Some(Stayed::Plan(Stay::NoDatabase))
    );
    assert_eq!(layout::assemble(&kv.entries(PREFIX)).store, v5());
}

// ---- cut anywhere ----

#[test]
fn a_move_cut_before_its_transaction_completes_loses_nothing_and_resumes() {
    let kv = local_records(&v5());
    let before = kv.snapshot();
    let db = MemoryDb::new();
    db.fail_after(Some(0));
    assert!(matches!(
        block_on(open(&db, kv.clone(), NOW_MS, NOW)),
        Err(Stayed::MoveFailed(_))
    ));
    assert!(
        db.snapshot().is_empty(),
        "a transaction is whole or nothing"
    );
    assert_eq!(kv.snapshot(), before, "localStorage untouched");
    db.fail_after(None);
    assert_eq!(opened(&db, &kv).store, v5());
    assert!(local_record_keys(&kv).is_empty());
}

#[test]
fn a_full_quota_keeps_the_records_in_localstorage() {
    let kv = local_records(&v5());
    let before = kv.snapshot();
    let db = MemoryDb::new();
    db.set_quota(Some(100));
    assert_eq!(
        block_on(open(&db, kv.clone(), NOW_MS, NOW)).err(),
        Some(Stayed::MoveFailed(KvError::Quota))
    );
    assert_eq!(kv.snapshot(), before);
    assert!(db.snapshot().is_empty());
}

#[test]
fn a_move_cut_after_its_transaction_but_before_the_removal_is_finished_next_time() {
    let kv = local_records(&v5());
    let before = kv.snapshot();
    let db = MemoryDb::new();
    opened(&db, &kv);
    // As if the tab closed before the localStorage copies were removed.
    for (k, v) in &before {
        kv.set(k, v).unwrap();
    }
    let stored = db.snapshot();
    let o = opened(&db, &kv);
    assert_eq!(o.store, v5());
    assert_eq!(
        db.snapshot(),
        stored,
        "taking in the same records changes nothing"
    );
    assert!(local_record_keys(&kv).is_empty());
}

/// IndexedDB as a second tab sees it: before its first commit, another tab
/// (`other`) commits its own move of the same localStorage.
struct Racing {
    db: MemoryDb,
    other: RefCell<Option<Vec<Write>>>,
    raced: Cell<bool>,
}

impl RecordDb for Racing {
    async fn read_all(&self) -> Result<Vec<(String, String)>, KvError> {
        self.db.read_all().await
    }
    async fn commit(
        &self,
        guard: (&str, Option<&str>),
        writes: &[Write],
    ) -> Result<Commit, KvError> {
        let other = self.other.borrow_mut().take();
        if let Some(w) = other {
            self.raced.set(true);
            assert_eq!(
                self.db.commit(home::move_guard(), &w).await,
                Ok(Commit::Done)
            );
        }
        self.db.commit(guard, writes).await
    }
}

#[test]
fn two_tabs_starting_at_once_move_once_and_lose_nothing() {
    let kv = local_records(&v5());
    let mut theirs: Vec<Write> = split(&with_rating(v5(), "from-the-first-tab"))
        .into_iter()
        .map(|(k, v)| (k, Some(v)))
        .collect();
    theirs.push((HOME_KEY.into(), Some("{}".into())));
    let racing = Racing {
        db: MemoryDb::new(),
        other: RefCell::new(Some(theirs)),
        raced: Cell::new(false),
    };
    let o = block_on(open(&racing, kv.clone(), NOW_MS, NOW)).expect("opened");
    assert!(racing.raced.get());
    assert!(
        !o.moved,
        "the first tab moved; this one took in what was left"
    );
    assert!(o.store.ratings.iter().any(|r| r.id == "from-the-first-tab"));
    assert_eq!(o.store.ratings.len(), v5().ratings.len() + 1);
    assert!(local_record_keys(&kv).is_empty());
}

#[test]
fn an_old_tab_writing_localstorage_after_the_move_is_taken_in() {
    let kv = local_records(&v5());
    let db = MemoryDb::new();
    opened(&db, &kv);
    // An old build's tab saves its copy, with a new rating, to localStorage.
    for (k, v) in split(&with_rating(v5(), "old-tab-rating")) {
        kv.set(&k, &v).unwrap();
    }
    // And an older one, the single document.
    kv.set(
        DATA_KEY,
        &store::encode(&with_rating(v5(), "older-tab-rating")),
    )
    .unwrap();
    let o = opened(&db, &kv);
    for id in ["old-tab-rating", "older-tab-rating"] {
        assert!(o.store.ratings.iter().any(|r| r.id == id), "{id}");
        assert!(
            layout::assemble(&db_records(&db))
                .store
                .ratings
                .iter()
                .any(|r| r.id == id),
            "{id} stored"
        );
    }
    assert!(local_record_keys(&kv).is_empty());
    assert_eq!(kv.get(DATA_KEY), None);
}

// ---- saves ----

#[test]
fn a_save_is_one_transaction_and_reads_back() {
    let (db, kv) = (MemoryDb::new(), local_records(&v5()));
    let o = opened(&db, &kv);
    let records = RefCell::new(o.records);
    let mine = with_rating(o.store, "new-one");
    assert!(matches!(
        records.borrow_mut().save(&mine, &o.status),
        Some(Ok(None))
    ));
    assert_eq!(block_on(commit(&db, &records)), Ok(Commit::Done));
    assert_eq!(layout::assemble(&db_records(&db)).store, mine);
    assert!(
        local_record_keys(&kv).is_empty(),
        "nothing goes to localStorage"
    );
    // Nothing left to write.
    assert_eq!(block_on(commit(&db, &records)), Ok(Commit::Done));
}

#[test]
fn two_tabs_saving_at_once_keep_each_others_work() {
    let (db, kv) = (MemoryDb::new(), local_records(&v5()));
    let a = opened(&db, &kv);
    let b = opened(&db, &kv);
    let (ra, rb) = (RefCell::new(a.records), RefCell::new(b.records));
    let mine_a = with_rating(a.store, "from-a");
    let mine_b = with_rating(b.store, "from-b");
    ra.borrow_mut().save(&mine_a, &a.status).unwrap().unwrap();
    rb.borrow_mut().save(&mine_b, &b.status).unwrap().unwrap();
    assert_eq!(block_on(commit(&db, &ra)), Ok(Commit::Done));
    // B's guard moved: nothing of B written, B's copy now holds A's save.
    assert_eq!(block_on(commit(&db, &rb)), Ok(Commit::Moved));
    let (theirs, older) = rb.borrow_mut().reread().expect("readable");
    assert!(theirs.ratings.iter().any(|r| r.id == "from-a"));
    // B merges as for another tab's write and saves again.
    let merged = attune::domain::records::older::merge_stored(&theirs, &mine_b, &older);
    rb.borrow_mut().save(&merged, &b.status).unwrap().unwrap();
    assert_eq!(block_on(commit(&db, &rb)), Ok(Commit::Done));
    let stored = layout::assemble(&db_records(&db)).store;
    for id in ["from-a", "from-b"] {
        assert!(stored.ratings.iter().any(|r| r.id == id), "{id}");
    }
}

#[test]
fn a_full_quota_on_save_writes_nothing_and_the_next_save_writes_it_all() {
    let (db, kv) = (MemoryDb::new(), local_records(&v5()));
    let o = opened(&db, &kv);
    let stored = db.snapshot();
    let records = RefCell::new(o.records);
    let mine = with_rating(o.store.clone(), "kept-in-memory");
    db.set_quota(Some(1));
    records
        .borrow_mut()
        .save(&mine, &o.status)
        .unwrap()
        .unwrap();
    assert_eq!(block_on(commit(&db, &records)), Err(KvError::Quota));
    assert_eq!(db.snapshot(), stored, "nothing written");
    // Room again: the next save writes what the failed one did not.
    db.set_quota(None);
    records
        .borrow_mut()
        .save(&mine, &o.status)
        .unwrap()
        .unwrap();
    assert_eq!(block_on(commit(&db, &records)), Ok(Commit::Done));
    assert_eq!(layout::assemble(&db_records(&db)).store, mine);
}

#[test]
fn another_tabs_commit_is_read_again_on_its_message() {
    let (db, kv) = (MemoryDb::new(), local_records(&v5()));
    let a = opened(&db, &kv);
    let b = opened(&db, &kv);
    let (ra, rb) = (RefCell::new(a.records), RefCell::new(b.records));
    let mine_a = with_rating(a.store, "from-a");
    ra.borrow_mut().save(&mine_a, &a.status).unwrap().unwrap();
    block_on(commit(&db, &ra)).unwrap();
    block_on(reload(&db, &rb));
    let (theirs, _) = rb.borrow_mut().reread().unwrap();
    assert_eq!(theirs, mine_a);
}

#[test]
fn an_unreadable_leftover_is_set_aside_byte_for_byte_never_removed_unread() {
    let kv = local_records(&v5());
    let db = MemoryDb::new();
    opened(&db, &kv);
    let broken = "{\"v\":5,\"n\":1,\"rec\":{\"id\":\"r-x\",\"scores\":[91,86";
    kv.set("attune.r.m.r-x", broken).unwrap();
    let o = opened(&db, &kv);
    assert_eq!(o.store, v5());
    let copies: Vec<String> = kv
        .entries(attune::storage::QUARANTINE_PREFIX)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(copies, vec![broken.to_string()]);
    assert_eq!(kv.get("attune.r.m.r-x"), None);
}
