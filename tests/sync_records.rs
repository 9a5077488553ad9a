//! One record per key: split and assemble, saves that write only what
//! changed, a corrupt record set aside alone, newer records kept read-only,
//! and the move from the single document with every fixture, nothing lost.

use attune::domain::records::layout::{
    apply_writes, assemble, changed_records, split, Kind, Layout, Meta, Problem, META_KEY,
    STAND_IN_LABEL,
};
use attune::domain::records::migrate::{self, Keep, MigrationPlan, DOCUMENT_KEY};
use attune::domain::records::store::{self, validate, Store};
use attune::platform::memory::MemoryStore;
use attune::platform::KeyValue;
use attune::storage::records::{Opened, RecordStore};
use std::collections::BTreeMap;

const FIXTURES: [(&str, &str); 6] = [
    ("v1", include_str!("fixtures/v1.json")),
    ("v2", include_str!("fixtures/v2.json")),
    ("v3", include_str!("fixtures/v3.json")),
    ("v4", include_str!("fixtures/v4.json")),
    ("v5", include_str!("fixtures/v5.json")),
    ("v5-couple", include_str!("fixtures/v5-couple.json")),
];
const FUTURE: &str = include_str!("fixtures/v9-future.json");
const V5: &str = include_str!("fixtures/v5.json");

fn v5() -> Store {
    store::decode(V5).unwrap().store
}

/// A fake localStorage: key → text.
type Storage = BTreeMap<String, String>;

fn entries(s: &Storage) -> Vec<(String, String)> {
    s.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

fn apply(storage: &mut Storage, writes: &[(String, Option<String>)]) {
    for (k, v) in writes {
        match v {
            Some(text) => storage.insert(k.clone(), text.clone()),
            None => storage.remove(k),
        };
    }
}

fn stored(store: &Store) -> Storage {
    split(store).into_iter().collect()
}

#[test]
fn every_fixture_splits_and_assembles_unchanged() {
    for (name, text) in FIXTURES {
        let original = store::decode(text).unwrap().store;
        let back = assemble(&split(&original));
        assert!(back.problems.is_empty(), "{name}: {:?}", back.problems);
        assert_eq!(back.store, original, "{name}");
        assert_eq!(back.layout.meta.last_backup_at, original.last_backup_at);
    }
}

#[test]
fn keys_name_one_record_each_and_the_meta_entry_comes_last() {
    let s = v5();
    let records = split(&s);
    assert_eq!(
        records.len(),
        s.clients.len() + s.ratings.len() + s.unrated.len() + 1
    );
    assert_eq!(records.last().unwrap().0, META_KEY);
    assert!(records.iter().any(|(k, _)| k == "attune.r.c.c-3f2a"));
    assert!(records.iter().any(|(k, _)| k == "attune.r.m.r-1"));
    assert!(records.iter().any(|(k, _)| k == "attune.r.u.u-1"));
    assert_eq!(Kind::of_key("attune.r.m.r-1"), Some((Kind::Rating, "r-1")));
    assert_eq!(Kind::of_key("attune.r.m."), None);
    assert_eq!(Kind::of_key(META_KEY), None);
    let (_, rating) = records.iter().find(|(k, _)| k == "attune.r.m.o-1").unwrap();
    assert!(
        rating.starts_with(r#"{"v":8,"n":0,"rec":{"id":"o-1""#),
        "{rating}"
    );
    let meta = Meta::decode(&records.last().unwrap().1).unwrap();
    assert_eq!((meta.version, meta.seq), (8, 0));
}

#[test]
fn the_lists_keep_their_order_whatever_the_dates() {
    let mut s = v5();
    s.ratings.reverse();
    s.clients.reverse();
    assert_eq!(assemble(&split(&s)).store, s);
}

#[test]
fn a_save_writes_only_the_changed_records_then_the_meta_entry() {
    let before = v5();
    let mut layout = Layout::new();
    assert!(layout.save(&before, &before).writes.is_empty());

    let mut after = before.clone();
    let mut extra = after.ratings[1].clone();
    extra.id = "r-new".into();
    after.ratings.push(extra);
    after.clients[0].label = "JD2".into();
    let plan = layout.save(&before, &after);
    let keys: Vec<&str> = plan.writes.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["attune.r.c.c-3f2a", "attune.r.m.r-new", META_KEY]);
    assert!(plan.held_back.is_empty());
    assert_eq!(layout.meta.seq, 1);

    // The records written read back as the new store.
    let mut storage = stored(&before);
    apply(&mut storage, &plan.writes);
    assert_eq!(assemble(&entries(&storage)).store, after);

    // A backup time alone rewrites only the meta entry.
    let mut backed_up = after.clone();
    backed_up.last_backup_at = Some(attune::domain::time::parse("2026-04-01T10:00:00Z").unwrap());
    let plan = layout.save(&after, &backed_up);
    assert_eq!(plan.writes.len(), 1);
    assert_eq!(plan.writes[0].0, META_KEY);
    assert_eq!(layout.meta.seq, 2);
}

#[test]
fn a_record_gone_from_the_store_is_removed() {
    let before = v5();
    let mut after = before.clone();
    after.unrated.clear();
    assert_eq!(
        changed_records(&before, &after),
        vec![("attune.r.u.u-1".to_string(), None)]
    );
}

#[test]
fn a_corrupt_record_is_set_aside_alone_and_the_rest_opens() {
    let s = v5();
    let mut storage = stored(&s);
    storage.insert(
        "attune.r.m.r-1".into(),
        "{\"v\":5,\"n\":1,\"rec\":{\"id\":".into(),
    );
    storage.insert("attune.r.m.o-2".into(), "not json at all".into());
    let read = assemble(&entries(&storage));
    assert_eq!(read.quarantine(), ["attune.r.m.o-2", "attune.r.m.r-1"]);
    assert_eq!(read.store.ratings.len(), s.ratings.len() - 2);
    assert_eq!(read.store.clients, s.clients);
    assert_eq!(read.store.unrated, s.unrated);
    validate(&read.store).unwrap();
}

#[test]
fn a_record_that_breaks_a_rule_or_names_another_id_is_set_aside() {
    let s = v5();
    let mut storage = stored(&s);
    let text = storage["attune.r.m.r-1"].clone();
    storage.insert("attune.r.m.r-9".into(), text);
    storage.insert(
        "attune.r.m.r-0".into(),
        storage["attune.r.m.r-0"].replace(
            "\"scores\":[",
            "\"scores\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,",
        ),
    );
    storage.insert(
        "attune.r.c.c-77b1".into(),
        r#"{"v":0,"n":1,"rec":{}}"#.into(),
    );
    let read = assemble(&entries(&storage));
    let mut q = read.quarantine();
    q.sort();
    assert_eq!(q, ["attune.r.c.c-77b1", "attune.r.m.r-0", "attune.r.m.r-9"]);
    validate(&read.store).unwrap();
}

#[test]
fn ratings_of_an_unreadable_client_stay_visible_under_a_stand_in() {
    let s = v5();
    let mut storage = stored(&s);
    storage.insert("attune.r.c.c-3f2a".into(), "{broken".into());
    let read = assemble(&entries(&storage));
    assert!(read
        .problems
        .contains(&("attune.r.c.c-3f2a".to_string(), Problem::StandIn)));
    assert_eq!(read.quarantine(), ["attune.r.c.c-3f2a"]);
    assert_eq!(read.store.ratings, s.ratings);
    let stand_in = read
        .store
        .clients
        .iter()
        .find(|c| c.id == "c-3f2a")
        .unwrap();
    assert_eq!(stand_in.label, STAND_IN_LABEL);
    validate(&read.store).unwrap();
    // Not written back unless edited.
    let mut layout = read.layout.clone();
    assert!(layout.save(&read.store, &read.store).writes.is_empty());
}

#[test]
fn a_newer_record_is_shown_but_never_rewritten() {
    let s = v5();
    let mut storage = stored(&s);
    storage.insert(
        "attune.r.c.c-77b1".into(),
        r#"{"v":9,"n":1,"rec":{"id":"c-77b1","label":"TK","archived":false,"created_at":"2026-01-06T09:00:00Z","pronouns":"they"}}"#.into(),
    );
    storage.insert(
        "attune.r.m.r-7".into(),
        r#"{"v":9,"n":9,"rec":{"id":"r-7","a_new_shape":true}}"#.into(),
    );
    let read = assemble(&entries(&storage));
    assert!(read.quarantine().is_empty());
    assert!(read
        .problems
        .contains(&("attune.r.c.c-77b1".to_string(), Problem::Newer(9))));
    assert!(read
        .problems
        .contains(&("attune.r.m.r-7".to_string(), Problem::Newer(9))));
    assert_eq!(read.store.clients[1].label, "TK");
    assert!(!read.store.ratings.iter().any(|r| r.id == "r-7"));

    let mut layout = read.layout.clone();
    let mut edited = read.store.clone();
    edited.clients[1].label = "XX".into();
    edited.clients[0].label = "JD2".into();
    let plan = layout.save(&read.store, &edited);
    assert_eq!(plan.held_back, ["attune.r.c.c-77b1"]);
    let keys: Vec<&str> = plan.writes.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["attune.r.c.c-3f2a", META_KEY]);
}

#[test]
fn a_newer_meta_entry_makes_everything_read_only() {
    let s = v5();
    let mut storage = stored(&s);
    storage.insert(
        META_KEY.into(),
        r#"{"schema":"attune","layout":"records2","version":9,"seq":4,"last_backup_at":null}"#
            .into(),
    );
    let read = assemble(&entries(&storage));
    assert!(read.layout.read_only());
    assert!(read
        .problems
        .contains(&(META_KEY.to_string(), Problem::Newer(9))));
    let mut layout = read.layout.clone();
    let mut edited = read.store.clone();
    edited.clients[0].label = "JD2".into();
    let plan = layout.save(&read.store, &edited);
    assert!(plan.writes.is_empty());
    assert_eq!(plan.held_back, ["attune.r.c.c-3f2a"]);
}

#[test]
fn other_keys_and_kinds_are_left_alone() {
    let s = v5();
    let mut storage = stored(&s);
    storage.insert("attune.r.x.future".into(), "{}".into());
    storage.insert("attune.draft".into(), "{}".into());
    let read = assemble(&entries(&storage));
    assert!(read.problems.is_empty());
    assert_eq!(read.store, s);
}

// --- the move from the single document ---

/// The move as the therapist page makes it: the shell's own record store
/// (`storage::records::RecordStore`) opening `storage` through the
/// platform's in-memory store; what it reads, and `storage` as it leaves it.
fn migrate_in(storage: &mut Storage) -> Store {
    let kv = MemoryStore::new();
    for (k, v) in storage.iter() {
        kv.set(k, v).unwrap();
    }
    let Opened::Records(store, status) = RecordStore::new(kv.clone()).load(1_700_000_000_000.0)
    else {
        panic!("expected a migration");
    };
    assert!(status.writable(), "{status:?}");
    *storage = kv.snapshot();
    store
}

#[test]
fn every_fixture_moves_to_records_with_nothing_lost() {
    for (name, text) in FIXTURES {
        let original = store::decode(text).unwrap();
        let mut storage = Storage::new();
        storage.insert(DOCUMENT_KEY.into(), text.into());
        storage.insert("attune.settings".into(), "{}".into());
        let expect = migrate_in(&mut storage);
        assert_eq!(expect, original.store, "{name}");
        assert!(!storage.contains_key(DOCUMENT_KEY));
        assert_eq!(storage["attune.settings"], "{}");
        let read = assemble(&entries(&storage));
        assert!(read.problems.is_empty(), "{name}");
        assert_eq!(read.store, original.store, "{name}");
        // The records re-encode to the same document a backup would hold.
        assert_eq!(
            store::decode(&store::encode(&read.store)).unwrap().store,
            original.store
        );
        // The next start reads the records.
        let keys: Vec<&str> = storage.keys().map(String::as_str).collect();
        assert_eq!(
            migrate::plan(None, &keys),
            MigrationPlan::Records { absorb: None }
        );
    }
}

#[test]
fn an_interrupted_move_is_simply_done_again() {
    let mut storage = Storage::new();
    storage.insert(DOCUMENT_KEY.into(), V5.into());
    // A first attempt wrote two records, then the tab closed (no meta entry).
    for (k, v) in split(&v5()).into_iter().take(2) {
        storage.insert(k, v);
    }
    storage.insert("attune.r.m.left-over".into(), "{}".into());
    let expect = migrate_in(&mut storage);
    assert!(!storage.contains_key("attune.r.m.left-over"));
    assert_eq!(assemble(&entries(&storage)).store, expect);
}

#[test]
fn a_document_written_after_the_move_is_absorbed_by_the_merge() {
    let mut storage = Storage::new();
    storage.insert(DOCUMENT_KEY.into(), V5.into());
    migrate_in(&mut storage);
    // An old tab still open saves a new rating into the single document.
    let mut old_tab = v5();
    let mut extra = old_tab.ratings[0].clone();
    extra.id = "from-old-tab".into();
    old_tab.ratings.push(extra);
    storage.insert(DOCUMENT_KEY.into(), store::encode(&old_tab));
    let keys: Vec<&str> = storage.keys().map(String::as_str).collect();
    let MigrationPlan::Records { absorb: Some(doc) } =
        migrate::plan(storage.get(DOCUMENT_KEY).map(String::as_str), &keys)
    else {
        panic!("expected the leftover document to be absorbed");
    };
    let read = assemble(&entries(&storage));
    let (merged, _) = store::merge(&read.store, &doc);
    let mut layout = read.layout.clone();
    let plan = layout.save(&read.store, &merged);
    let keys: Vec<&str> = plan.writes.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["attune.r.m.from-old-tab", META_KEY]);
}

#[test]
fn newer_or_unreadable_documents_stay_as_they_are() {
    assert_eq!(
        migrate::plan(Some(FUTURE), &[]),
        MigrationPlan::KeepDocument(Keep::Newer(9))
    );
    assert!(matches!(
        migrate::plan(Some("{\"schema\":"), &[]),
        MigrationPlan::KeepDocument(Keep::Unreadable(_))
    ));
    assert_eq!(migrate::plan(None, &[]), MigrationPlan::Fresh);
    assert_eq!(migrate::plan(None, &["attune.draft"]), MigrationPlan::Fresh);
}

#[test]
fn verification_catches_a_record_that_did_not_land() {
    let s = v5();
    let mut records = split(&s);
    records.retain(|(k, _)| k != "attune.r.m.r-1");
    assert!(migrate::verify(&s, &records).is_err());
    let mut records = split(&s);
    for (k, v) in records.iter_mut() {
        if k == "attune.r.c.c-3f2a" {
            *v = v.replace("\"JD\"", "\"JX\"");
        }
    }
    assert!(migrate::verify(&s, &records).is_err());
}

#[test]
fn one_save_at_ten_thousand_ratings_writes_one_record_and_the_meta_entry() {
    let mut before = v5();
    let template = before.ratings[1].clone();
    for i in 0..10_000 {
        let mut r = template.clone();
        r.id = format!("bulk-{i}");
        before.ratings.push(r);
    }
    let mut after = before.clone();
    let mut r = template.clone();
    r.id = "the-new-one".into();
    after.ratings.push(r);
    let plan = Layout::new().save(&before, &after);
    let keys: Vec<&str> = plan.writes.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["attune.r.m.the-new-one", META_KEY]);
    let (_, text) = &plan.writes[0];
    let text = text.as_deref().unwrap();
    assert!(text.starts_with(&format!(r#"{{"v":8,"n":{},"#, after.ratings.len() - 1)));
}

#[test]
fn a_save_brings_what_was_stored_up_to_date_record_by_record() {
    let before = v5();
    // An edit in place, a record added at the end, one removed.
    let mut after = before.clone();
    after.clients[0].label = "QQ".into();
    let mut extra = after.ratings[0].clone();
    extra.id = "r-new".into();
    after.ratings.push(extra);
    let gone = after.unrated.pop().expect("the fixture logs a session");
    let writes = changed_records(&before, &after);
    let removed = Kind::Unrated.key(&gone.id);
    assert!(
        writes.contains(&(removed, None)),
        "the removal is one of the writes"
    );
    let mut held = before.clone();
    apply_writes(&mut held, &after, &writes);
    assert!(
        changed_records(&held, &after).is_empty(),
        "nothing left to write"
    );
    assert_eq!(held.clients, after.clients);
    assert_eq!(held.ratings, after.ratings);
    assert_eq!(held.unrated, after.unrated);
}

#[test]
fn a_record_inserted_mid_list_is_found_past_the_common_prefix() {
    let before = v5();
    let mut after = before.clone();
    let mut extra = after.ratings[0].clone();
    extra.id = "r-mid".into();
    after.ratings.insert(1, extra);
    let writes = changed_records(&before, &after);
    let keys: Vec<&str> = writes.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, vec!["attune.r.m.r-mid"]);
}
