//! The therapist page's side of the inbox (`storage::inbox::Inbox`) on
//! in-memory stores: the form's records (`attune.new.<id>`, as the form
//! writes them) and this tab's refused ratings are taken into the data
//! once, an unreadable record is set aside, and what was taken goes only
//! once the data holding it is written. (The record's codec and the merge
//! rule are `tests/inbox.rs`'s; the form's own writes are the browser
//! tests'.)

mod common;

use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::Scales;
use attune::domain::records::inbox::{encode, key};
use attune::domain::records::store::Store;
use attune::platform::memory::MemoryStore;
use attune::platform::KeyValue;
use attune::storage::inbox::{Inbox, PENDING_PREFIX};
use attune::storage::QUARANTINE_PREFIX;

const NOW_MS: f64 = 1_767_261_600_000.0;

fn rating(id: &str) -> Rating {
    common::srs(id, None, common::january(5), &[90, 80, 70, 60])
}

/// One tab: the origin's localStorage and this tab's sessionStorage.
fn tab(local: &MemoryStore) -> Inbox<MemoryStore, MemoryStore> {
    Inbox {
        local: local.clone(),
        session: MemoryStore::new(),
    }
}

/// What the form leaves for the therapist page: each rating as its record.
fn form_wrote(local: &MemoryStore, ratings: &[Rating]) {
    for r in ratings {
        local.set(&key(&r.id), &encode(r)).unwrap();
    }
}

#[test]
fn the_forms_records_are_taken_in_and_go_once_the_data_is_written() {
    let local = MemoryStore::new();
    form_wrote(&local, &[rating("r1"), rating("r2")]);
    let therapist = tab(&local);
    let mut data = Store::default();
    let got = therapist.take_in(&mut data, &Scales::builtin(), NOW_MS);
    assert_eq!(got.added, 2);
    let ids: Vec<&str> = data.ratings.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["r1", "r2"]);
    // Until the data holding them is written, the records stay.
    assert!(local.get(&key("r1")).is_some());
    therapist.done(&got.taken);
    assert!(local.keys().is_empty(), "taken records go once written");
}

#[test]
fn a_record_taken_in_twice_is_added_once() {
    let local = MemoryStore::new();
    form_wrote(&local, &[rating("r1")]);
    let therapist = tab(&local);
    let mut data = Store::default();
    therapist.take_in(&mut data, &Scales::builtin(), NOW_MS);
    // The save failed, so the record is still there at the next start.
    let again = therapist.take_in(&mut data, &Scales::builtin(), NOW_MS);
    assert_eq!(again.added, 0);
    assert_eq!(again.taken, [key("r1")], "still removable once written");
    assert_eq!(data.ratings.len(), 1);
}

#[test]
fn a_rating_kept_in_this_tab_is_taken_in_and_its_copy_goes_once_written() {
    let local = MemoryStore::new();
    let therapist = tab(&local);
    let r = rating("r1");
    assert!(therapist.stash(&r.id, &encode(&r)), "written and read back");
    assert_eq!(therapist.pending(), [("r1".to_string(), encode(&r))]);
    // A reload: the tab's copy is taken in like a record.
    let mut data = Store::default();
    let got = therapist.take_in(&mut data, &Scales::builtin(), NOW_MS);
    assert_eq!(got.added, 1);
    therapist.done(&got.taken);
    assert!(therapist.pending().is_empty(), "gone once written");
    assert!(therapist.session.entries(PENDING_PREFIX).is_empty());
}

#[test]
fn a_tab_copy_that_does_not_fit_is_reported_not_kept() {
    let local = MemoryStore::new();
    let therapist = tab(&local);
    therapist.session.set_quota(Some(0));
    let r = rating("r1");
    assert!(!therapist.stash(&r.id, &encode(&r)));
    assert!(therapist.pending().is_empty());
}

#[test]
fn an_unreadable_record_is_set_aside_never_dropped() {
    let local = MemoryStore::new();
    local.set(&key("r9"), "{half a rating").unwrap();
    let therapist = tab(&local);
    let mut data = Store::default();
    let got = therapist.take_in(&mut data, &Scales::builtin(), NOW_MS);
    assert_eq!(got.added, 0);
    assert!(data.ratings.is_empty());
    assert_eq!(local.get(&key("r9")), None, "moved out of the inbox");
    let aside = local.entries(QUARANTINE_PREFIX);
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].1, "{half a rating");
}
