//! Sync by caseload, the shell (`sync::caseloads`) run natively on the
//! in-memory platform against an in-memory CouchDB holding several
//! databases, each admitting only its members (as `_security` does): a
//! device naming no therapist syncs the clinic database as before, a
//! therapist's device its own caseload's database only, a lead's device
//! every caseload it names; each database with its own key, checkpoint
//! and notes on the device.
//!
//! Each database is the one of `tests/sync_run.rs` (`common_couch`: what the
//! run needs of the replication protocol); the server around them
//! (`common_clinic`, shared with the transfer and inbox tests) routes each
//! request to its database and refuses a user who is not a member.

mod common;

use attune::domain::sync::config::SyncConfig;
use attune::domain::sync::engine::DigestMemo;
use attune::domain::sync::status::Trouble;
use attune::platform::KeyValue;
use attune::storage::sync_state;
use attune::sync::caseloads::{self, Notes};
use attune::sync::run::Report;
use futures_executor::block_on;
use std::rc::Rc;

#[path = "common_couch/mod.rs"]
mod couch;

#[path = "common_clinic/mod.rs"]
mod clinic;

use clinic::{config, name, sync, Device, Removal, Serve, Server, PASSPHRASE};

// --- the server and the devices (`common_clinic`), a device's user kept ---

/// A device signing in as `user`, naming `therapists` (name, lead); its
/// user kept on the device for [`turn_on`].
fn device(server: &Server, seed: u64, user: &str, therapists: &[(&str, bool)]) -> Device {
    let d = clinic::device(server, seed, user, therapists, Removal::Refused);
    d.p.set("attune.test.user", user).unwrap();
    d
}

/// Turns sync on as the device's user.
fn turn_on(d: &Device) -> Result<(), Trouble> {
    let user = d.p.get("attune.test.user").unwrap_or_default();
    clinic::turn_on(d, &user)
}

/// Adds client `id` in `therapist`'s caseload with one SRS.
fn add_client(d: &Device, id: &str, therapist: Option<&str>) {
    let mut s = d.data.0.borrow_mut();
    let mut c = common::client(id, &id.to_uppercase(), common::january(1));
    c.therapist = therapist.map(String::from);
    s.clients.push(c);
    s.ratings.push(common::srs(
        &format!("r-{id}"),
        Some(id),
        common::january(2),
        &[90, 90, 90, 90],
    ));
}

fn ids(d: &Device) -> Vec<String> {
    let s = d.data.0.borrow();
    let mut ids: Vec<String> = (s.clients.iter().map(|c| c.id.clone()))
        .chain(s.ratings.iter().map(|r| r.id.clone()))
        .collect();
    ids.sort();
    ids
}

/// The server: the clinic database (everyone's, as before), Ana's and
/// Ben's caseload databases (each theirs and the lead's).
fn clinic() -> Server {
    let server: Server = Rc::default();
    {
        let mut s = server.borrow_mut();
        s.add_db("clinic", &["ana", "ben", "lead", "device"]);
        s.add_db("clinic-c-ana", &["ana", "lead"]);
        s.add_db("clinic-c-ben", &["ben", "lead"]);
    }
    server
}

#[test]
fn a_device_naming_no_therapist_syncs_the_clinic_database_as_before() {
    let server = clinic();
    let mut d = device(&server, 1, "device", &[]);
    turn_on(&d).unwrap();
    add_client(&d, "c1", None);
    add_client(&d, "c2", Some("Ana"));
    assert_eq!(sync(&mut d).unwrap().pushed, 4, "everything, whoever's");
    assert_eq!(server.borrow().asked_by("device"), ["clinic"]);
    // Its notes are where they always were: one per document, no scope.
    let kept = d.p.kv.snapshot();
    assert_eq!(
        kept.keys().filter(|k| k.starts_with("attune.s.")).count(),
        4
    );
    assert!(!kept.keys().any(|k| k.starts_with("attune.sync.in.")));
    // A page loaded afresh reads those notes: nothing is sent again.
    d.notes = Notes::default();
    d.memo = DigestMemo::default();
    assert_eq!(sync(&mut d).unwrap(), Report::default());
}

#[test]
fn each_therapist_syncs_their_own_caseload_and_the_lead_holds_both() {
    let server = clinic();
    let mut a = device(&server, 1, "ana", &[("Ana", false)]);
    let mut b = device(&server, 2, "ben", &[("Ben", false)]);
    turn_on(&a).unwrap();
    turn_on(&b).unwrap();
    add_client(&a, "a1", Some("Ana"));
    add_client(&b, "b1", Some("Ben"));
    // An unassigned rating goes to the caseload of the therapist working.
    b.data.0.borrow_mut().ratings.push(common::srs(
        "r-quick",
        None,
        common::january(3),
        &[80, 80, 80, 80],
    ));
    assert_eq!(sync(&mut a).unwrap().pushed, 2);
    assert_eq!(sync(&mut b).unwrap().pushed, 3);
    assert_eq!(server.borrow().asked_by("ana"), ["clinic-c-ana"]);
    assert_eq!(server.borrow().asked_by("ben"), ["clinic-c-ben"]);
    assert_eq!(
        server.borrow().dbs["clinic"].trees.len(),
        0,
        "nothing in the clinic database"
    );
    assert_eq!(server.borrow().dbs["clinic-c-ben"].trees.len(), 3);

    // The lead names both and joins both keys with the one passphrase.
    let mut lead = device(&server, 3, "lead", &[("Ana", true), ("Ben", false)]);
    turn_on(&lead).unwrap();
    assert_eq!(sync(&mut lead).unwrap().pulled, 5);
    assert_eq!(ids(&lead), ["a1", "b1", "r-a1", "r-b1", "r-quick"]);
    // Each database has its own notes and checkpoint on the lead's device.
    let kept = lead.p.kv.snapshot();
    for db in ["clinic-c-ana", "clinic-c-ben"] {
        let scope = format!("attune.sync.in.{db}.");
        assert!(
            kept.contains_key(&format!("{scope}sync.checkpoint")),
            "{db}"
        );
        assert!(kept.contains_key(&format!("{scope}sync.key")), "{db}");
    }
    assert!(kept.contains_key("attune.sync.in.clinic-c-ana.s.client:a1"));
    assert!(!kept.contains_key("attune.sync.in.clinic-c-ben.s.client:a1"));
    assert!(
        !kept.keys().any(|k| k.starts_with("attune.s.")),
        "no unscoped note"
    );
    // A comparison owed on one caseload's database is owed for the device.
    assert!(!caseloads::owed(&lead.p));
    let mark_key = "attune.sync.in.clinic-c-ben.sync.server";
    let mark = lead
        .p
        .get(mark_key)
        .unwrap()
        .replace("\"owed\":false", "\"owed\":true");
    assert!(mark.contains("\"owed\":true"), "{mark}");
    lead.p.set(mark_key, &mark).unwrap();
    assert!(caseloads::owed(&lead.p));
    sync(&mut lead).unwrap();
    assert!(
        !caseloads::owed(&lead.p),
        "the next run compared everything"
    );

    // A client the lead adds for Ben reaches Ben, never Ana.
    add_client(&lead, "b2", Some("Ben"));
    assert_eq!(sync(&mut lead).unwrap().pushed, 2);
    sync(&mut a).unwrap();
    sync(&mut b).unwrap();
    assert_eq!(ids(&a), ["a1", "r-a1"]);
    assert_eq!(ids(&b), ["b1", "b2", "r-b1", "r-b2", "r-quick"]);
    assert_eq!(server.borrow().asked_by("ana"), ["clinic-c-ana"]);
    // Asked for Ben's database, the server refuses Ana.
    let refused = server
        .borrow_mut()
        .handle("ana", "GET", "http://couch.test/clinic-c-ben/", None);
    assert_eq!(refused.status(), Some(403));
}

#[test]
fn a_device_that_names_a_caseload_its_user_may_not_read_joins_the_others_and_never_touches_that_one(
) {
    let server = clinic();
    let mut a = device(&server, 1, "ana", &[("Ana", false), ("Ben", false)]);
    assert_eq!(turn_on(&a), Ok(()), "Ana's own caseload is joined");
    add_client(&a, "a1", Some("Ana"));
    add_client(&a, "b1", Some("Ben"));
    // Ben's caseload stays not joined, and the run says so.
    assert_eq!(sync(&mut a), Err(Trouble::NotJoined));
    let srv = server.borrow();
    assert_eq!(
        srv.dbs["clinic-c-ana"].trees.len(),
        2,
        "Ana's client and rating went"
    );
    assert_eq!(
        srv.dbs["clinic-c-ben"].trees.len(),
        0,
        "nothing reached Ben's database"
    );
}

#[test]
fn a_device_whose_user_may_read_none_of_its_caseloads_is_refused_and_stores_nothing() {
    let server = clinic();
    let a = device(&server, 1, "ana", &[("Ben", false)]);
    assert_eq!(turn_on(&a), Err(Trouble::SignIn));
    assert!(sync_state::config(&a.p).is_none(), "sync stays off");
}

#[test]
fn a_therapist_named_after_sync_was_turned_on_waits_for_the_passphrase_while_the_others_sync() {
    let server = clinic();
    let mut lead = device(&server, 3, "lead", &[("Ana", true)]);
    turn_on(&lead).unwrap();
    add_client(&lead, "a1", Some("Ana"));
    add_client(&lead, "b1", Some("Ben"));
    // Ben's client has no database here yet: it stays on the device.
    assert_eq!(sync(&mut lead).unwrap().pushed, 2);
    name(&lead, &[("Ana", true), ("Ben", false)]);
    assert_eq!(sync(&mut lead), Err(Trouble::NotJoined));
    assert_eq!(server.borrow().dbs["clinic-c-ben"].trees.len(), 0);
    // Turned on again with the passphrase, Ben's caseload is joined.
    turn_on(&lead).unwrap();
    assert_eq!(sync(&mut lead).unwrap().pushed, 2);
    assert_eq!(server.borrow().dbs["clinic-c-ben"].trees.len(), 2);
}

#[test]
fn the_lead_joins_a_caseload_with_the_key_its_therapist_made_and_a_wrong_passphrase_is_refused() {
    let server = clinic();
    let mut a = device(&server, 1, "ana", &[("Ana", false)]);
    turn_on(&a).unwrap();
    add_client(&a, "a1", Some("Ana"));
    sync(&mut a).unwrap();
    let lead = device(&server, 3, "lead", &[("Ana", true)]);
    let wrong = block_on(caseloads::turn_on(
        &lead.p,
        config("lead"),
        "pw",
        "not the passphrase",
    ));
    assert_eq!(wrong, Err(Trouble::WrongPassphrase));
    assert!(sync_state::config(&lead.p).is_none());
    turn_on(&lead).unwrap();
    let kid = |d: &Device| d.p.get("attune.sync.in.clinic-c-ana.sync.config").unwrap();
    let kid_of = |t: String| SyncConfig::decode(&t).unwrap().kid;
    assert_eq!(kid_of(kid(&lead)), kid_of(kid(&a)), "one key per caseload");
}

#[test]
fn changing_the_clinic_passphrase_rewraps_every_caseloads_key_and_a_lost_key_is_put_back() {
    let server = clinic();
    let mut lead = device(&server, 3, "lead", &[("Ana", true), ("Ben", false)]);
    turn_on(&lead).unwrap();
    add_client(&lead, "a1", Some("Ana"));
    add_client(&lead, "b1", Some("Ben"));
    sync(&mut lead).unwrap();
    let new = "a brand new clinic passphrase";
    block_on(caseloads::change_passphrase(&lead.p, PASSPHRASE, new))
        .ok()
        .unwrap();
    // The old passphrase opens neither caseload now; the new one both.
    let b = device(&server, 2, "ben", &[("Ben", false)]);
    let old = block_on(caseloads::turn_on(&b.p, config("ben"), "pw", PASSPHRASE));
    assert_eq!(old, Err(Trouble::WrongPassphrase));
    let mut b2 = device(&server, 4, "lead", &[("Ana", true), ("Ben", false)]);
    block_on(caseloads::turn_on(&b2.p, config("lead"), "pw", new)).unwrap();
    assert_eq!(sync(&mut b2).unwrap().pulled, 4);
    // A server that lost Ben's key: the lead's device puts it back (it
    // kept a copy), and the run goes on.
    server.borrow_mut().dbs.get_mut("clinic-c-ben").unwrap().key = None;
    assert!(sync(&mut lead).is_ok());
    assert!(server.borrow().dbs["clinic-c-ben"].key.is_some());
    // Asked to put every key back with the passphrase, the ones still there
    // are left alone.
    server.borrow_mut().dbs.get_mut("clinic-c-ben").unwrap().key = None;
    block_on(caseloads::put_key_back(&lead.p, new, new))
        .ok()
        .unwrap();
    assert!(server.borrow().dbs["clinic-c-ben"].key.is_some());
    assert!(sync(&mut lead).is_ok());
}
