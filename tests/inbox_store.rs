//! The inbox's loops (`storage::inbox::Inbox`) on in-memory stores: the form
//! writes each rating as its record `attune.new.<id>`, keeps what
//! localStorage refuses in this tab, and the therapist page takes both into
//! its data, sets an unreadable record aside, and removes what it took only
//! once the data holding it is written. (The codec and the merge rule are
//! `tests/inbox.rs`'s.)

mod common;

use attune::domain::inbox::key;
use attune::domain::rating::Rating;
use attune::domain::scale::Scales;
use attune::domain::store::Store;
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

#[test]
fn the_form_writes_each_rating_as_its_record_and_the_therapist_page_takes_it_in() {
    let local = MemoryStore::new();
    let form = tab(&local);
    let mut unsaved = vec![rating("r1"), rating("r2")];
    let posted = form.post(&mut unsaved);
    assert_eq!(posted.error, None);
    assert!(unsaved.is_empty(), "written ratings leave memory");
    assert!(local.get(&key("r1")).is_some() && local.get(&key("r2")).is_some());

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
    tab(&local).post(&mut vec![rating("r1")]);
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
fn a_rating_localstorage_refuses_waits_in_the_tab_and_is_taken_in_from_there() {
    let local = MemoryStore::new();
    local.set_quota(Some(0));
    let form = tab(&local);
    let mut unsaved = vec![rating("r1")];
    let posted = form.post(&mut unsaved);
    assert_eq!(
        posted.error.as_deref(),
        Some("the browser's storage for Attune is full")
    );
    assert!(posted.all_kept, "kept in this tab's sessionStorage");
    assert_eq!(unsaved.len(), 1, "and still in memory");
    assert_eq!(form.pending().len(), 1);

    // The same tab moves to the therapist page (sessionStorage goes along).
    local.set_quota(None);
    let therapist = Inbox {
        local: local.clone(),
        session: form.session.clone(),
    };
    let mut data = Store::default();
    let got = therapist.take_in(&mut data, &Scales::builtin(), NOW_MS);
    assert_eq!(got.added, 1);
    therapist.done(&got.taken);
    assert!(therapist.pending().is_empty(), "gone once written");
}

#[test]
fn the_next_form_save_retries_the_refused_record() {
    let local = MemoryStore::new();
    local.set_quota(Some(0));
    let form = tab(&local);
    form.post(&mut vec![rating("r1")]);
    local.set_quota(None);
    let posted = form.post(&mut Vec::new());
    assert_eq!(posted.error, None);
    assert!(local.get(&key("r1")).is_some());
    assert!(form.pending().is_empty());
    assert!(form.session.entries(PENDING_PREFIX).is_empty());
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
