//! A client's transfer from one caseload to another, as sync carries it:
//! the pure rules (`domain::sync::transfers`: which transfers a device
//! owes, whether one may be made here, what a device does with a record
//! closed in a database it syncs) and the shell (`sync::transfer`, run by
//! `sync::caseloads::run_all`) run natively on the in-memory platform
//! against an in-memory CouchDB of members-only databases, as in
//! `tests/sync_caseload_run.rs` (the server and the devices shared with it
//! in `tests/common_clinic/mod.rs`).

mod common;

use attune::domain::device::therapists::DeviceTherapists;
use attune::domain::records::layout::Record;
use attune::domain::records::store::Store;
use attune::domain::records::therapist;
use attune::domain::sync::by_caseload::{self, Placed};
use attune::domain::sync::caseloads::{Caseload, Joined, TherapistId};
use attune::domain::sync::engine::{self, Synced};
use attune::domain::sync::revs::Rev;
use attune::domain::sync::transfer::{Transfer, TransferError};
use attune::domain::sync::transfers::{self, Closed};
use attune::domain::words::Words;
use attune::sync::caseloads;
use attune::sync::run::{Host, Report};
use futures_executor::block_on;
use serde_json::json;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

#[path = "common_couch/mod.rs"]
mod couch;

#[path = "common_clinic/mod.rs"]
mod clinic;

use clinic::{sync, Clinic, Data, Device, Removal, Serve, Server};

// --- the pure rules ---

/// A note under a rating: what the client said.
fn said(words: &str) -> attune::domain::measures::rating::NoteInput {
    attune::domain::measures::rating::NoteInput {
        client_feedback: words.into(),
        therapist_response: String::new(),
    }
}

fn ana() -> Caseload {
    Caseload::Therapist(TherapistId::parse("ana").unwrap())
}

fn ben() -> Caseload {
    Caseload::Therapist(TherapistId::parse("ben").unwrap())
}

/// Client `id` of `therapist` with two SRS ratings.
fn with_client(store: &mut Store, id: &str, therapist: Option<&str>) {
    let mut c = common::client(id, &id.to_uppercase(), common::january(1));
    c.therapist = therapist.map(String::from);
    store.clients.push(c);
    for day in [2, 9] {
        store.ratings.push(common::srs(
            &format!("r-{id}-{day}"),
            Some(id),
            common::january(day),
            &[90, 90, 90, 90],
        ));
    }
}

fn note() -> Synced {
    Synced {
        rev: Rev::parse("1-abc").unwrap(),
        digest: String::new(),
    }
}

/// Notes naming `ids`, each as synced exactly as `store` holds it.
fn notes_of(store: &Store, ids: &[&str]) -> HashMap<String, Synced> {
    engine::records(store)
        .map(|r| {
            let id = attune::domain::sync::revs::doc_id(r.kind(), r.id());
            (id, Synced::of(Rev::parse("1-abc").unwrap(), &r))
        })
        .filter(|(id, _)| ids.contains(&id.as_str()))
        .collect()
}

#[test]
fn a_transfer_is_owed_while_the_old_caseloads_notes_still_name_the_clients_documents() {
    let mut store = Store::default();
    with_client(&mut store, "x", Some("Ben"));
    with_client(&mut store, "y", Some("Ana"));
    let lead = Joined::lead(ana(), [ben()]);
    let in_ana: HashMap<String, Synced> = [
        ("client:y".to_string(), note()),
        ("rating:r-x-2".to_string(), note()),
    ]
    .into();
    let in_ben: HashMap<String, Synced> = [("client:x".to_string(), note())].into();
    let owed = transfers::pending(&store, &lead, &[(ana(), &in_ana), (ben(), &in_ben)]);
    assert_eq!(
        owed,
        [Transfer {
            client_id: "x".into(),
            from: ana(),
            to: ben(),
        }]
    );
    // Once the old notes are forgotten, nothing is owed.
    let forgotten: HashMap<String, Synced> = [("client:y".to_string(), note())].into();
    assert!(transfers::pending(&store, &lead, &[(ana(), &forgotten), (ben(), &in_ben)]).is_empty());
    // A device that holds one of the two caseloads owes none: it could not
    // do it (Ben's own device, Ana's own).
    let bens = Joined::therapist(TherapistId::parse("ben").unwrap());
    assert!(transfers::pending(&store, &bens, &[(ben(), &in_ben)]).is_empty());
    let anas = Joined::therapist(TherapistId::parse("ana").unwrap());
    assert!(transfers::pending(&store, &anas, &[(ana(), &in_ana)]).is_empty());
}

#[test]
fn a_rename_in_the_old_caseload_from_a_device_before_languages_keeps_the_clients_language() {
    use attune::domain::records::older::{since, Field};
    let mut store = Store::default();
    with_client(&mut store, "x", Some("Ben"));
    store.clients[0].language = Some("es".into());
    let mut old = store.clients[0].clone();
    old.therapist = Some("Ana".into());
    let synced = Synced::of(Rev::parse("1-abc").unwrap(), &Record::Client(old.clone()));
    // Renamed there on a device still on the version before languages: its
    // copy says nothing of the language it dropped.
    let mut edited = old.clone();
    edited.label = "X (renamed)".into();
    edited.language = None;
    edited.updated_at = Some(common::january(20));
    let before = since(Field::Language) - 1;
    let moved = transfers::as_moved_from(&store, Some(&synced), &Record::Client(edited), before);
    let Record::Client(moved) = moved else {
        panic!()
    };
    assert_eq!(moved.label, "X (renamed)", "the edit goes along");
    assert_eq!(moved.language.as_deref(), Some("es"), "the language stays");
    assert_eq!(moved.therapist.as_deref(), Some("Ben"));
}

#[test]
fn the_records_moved_are_this_devices_copies_and_the_client_record_is_read_first() {
    let mut store = Store::default();
    with_client(&mut store, "x", Some("Ben"));
    assert_eq!(
        transfers::client_docs(&store, "x"),
        ["client:x", "rating:r-x-2", "rating:r-x-9"]
    );
    let mut old = store.clients[0].clone();
    old.therapist = Some("Ana".into());
    let synced = Synced::of(Rev::parse("1-abc").unwrap(), &Record::Client(old.clone()));
    assert_eq!(
        transfers::as_moved(&store, Some(&synced), &Record::Client(old.clone())),
        Record::Client(store.clients[0].clone()),
        "the client as this device moved them"
    );
    // The old database holds an edit made elsewhere since this device
    // pulled (a later label): it goes along, and the client still names
    // their new therapist.
    let mut edited = old.clone();
    edited.label = "X (renamed)".into();
    edited.updated_at = Some(common::january(20));
    let moved = transfers::as_moved(&store, Some(&synced), &Record::Client(edited));
    let Record::Client(moved) = moved else {
        panic!()
    };
    assert_eq!(moved.label, "X (renamed)");
    assert_eq!(moved.therapist.as_deref(), Some("Ben"));
    // A rating's note added there after the transfer keeps its stamp of who held it.
    let mut r = store.ratings[0].clone();
    r.therapist = Some("Ana".into());
    store.ratings[0] = r.clone();
    let mut there = r.clone();
    there.therapist = None;
    there.note = Some(said("added on Ana's laptop"));
    there.updated_at = Some(common::january(20));
    let Record::Rating(moved) = transfers::as_moved(&store, Some(&synced), &Record::Rating(there))
    else {
        panic!()
    };
    assert_eq!(moved.note, Some(said("added on Ana's laptop")));
    assert_eq!(moved.therapist.as_deref(), Some("Ana"));
}

#[test]
fn a_transfer_is_refused_on_a_device_that_syncs_by_caseload_without_both_caseloads() {
    let mut anas = DeviceTherapists::default();
    anas.add("Ana", false).unwrap();
    let refused = transfers::may_transfer(&anas, Some("clinic"), Some("Ana"), "Ben");
    assert_eq!(refused, Err(TransferError::NotJoined(ben())));
    let words = transfers::refusal_words(&refused.unwrap_err(), "Ben", Words::EN);
    assert!(
        words.starts_with("Not moved: this device does not sync both caseloads"),
        "{words}"
    );
    assert!(words.contains("Ben's caseload"), "{words}");
    // Sync off: the move is this device's own, as before.
    assert_eq!(
        transfers::may_transfer(&anas, None, Some("Ana"), "Ben"),
        Ok(())
    );
    // A lead's device holds both.
    let mut lead = DeviceTherapists::default();
    lead.add("Ana", true).unwrap();
    lead.add("Ben", false).unwrap();
    assert_eq!(
        transfers::may_transfer(&lead, Some("clinic"), Some("Ana"), "Ben"),
        Ok(())
    );
    // A device syncing the clinic's one database (no therapist named).
    assert_eq!(
        transfers::may_transfer(&DeviceTherapists::default(), Some("clinic"), None, "Ben"),
        Ok(())
    );
}

#[test]
fn a_record_closed_in_its_caseloads_database_leaves_the_device_only_when_nothing_is_unsent() {
    let mut store = Store::default();
    with_client(&mut store, "x", Some("Ana"));
    let anas = Joined::therapist(TherapistId::parse("ana").unwrap());
    let notes = notes_of(&store, &["client:x", "rating:r-x-2", "rating:r-x-9"]);
    let placed = Placed::new();
    let rule = |id: &str, store: &Store| {
        transfers::on_closed(&ana(), id, store, notes.get(id), &anas, &placed)
    };
    // Unchanged since synced: it goes.
    assert_eq!(rule("rating:r-x-2", &store), Closed::Remove);
    assert_eq!(rule("client:x", &store), Closed::Remove);
    // Edited here since: it stays (its edit is nowhere else).
    store.ratings[1].note = Some(said("said more today"));
    assert_eq!(rule("rating:r-x-9", &store), Closed::HeldBack);
    // Never synced from here at all: it stays too.
    let no_note = transfers::on_closed(&ana(), "rating:r-x-9", &store, None, &anas, &placed);
    assert_eq!(no_note, Closed::HeldBack);
    // A record this device does not hold: nothing to do.
    assert_eq!(rule("rating:elsewhere", &store), Closed::NotHere);
    // The lead who moved the client sends it to Ben's database: Ana's
    // database closing it is not a reason to remove it.
    let mut leads = store.clone();
    leads.clients[0].therapist = Some("Ben".into());
    let lead = Joined::lead(ana(), [ben()]);
    let on_lead = transfers::on_closed(
        &ana(),
        "client:x",
        &leads,
        notes.get("client:x"),
        &lead,
        &placed,
    );
    assert_eq!(on_lead, Closed::NotHere);
    // What removing does.
    transfers::remove(&mut store, "rating:r-x-2");
    transfers::remove(&mut store, "client:x");
    assert!(store.clients.is_empty());
    assert_eq!(store.ratings.len(), 1);
    assert_eq!(transfers::held_back_words(0, Words::EN), None);
    assert!(transfers::held_back_words(1, Words::EN)
        .unwrap()
        .contains("stays on this device with its changes"));
}

#[test]
fn all_docs_answers_name_each_documents_winner_and_its_conflicts() {
    let text = json!({"rows": [
        {"id": "client:x", "key": "client:x", "value": {"rev": "2-b"}, "doc": {"_id": "client:x", "_rev": "2-b", "_conflicts": ["2-a"]}},
        {"id": "rating:r", "key": "rating:r", "value": {"rev": "3-c", "deleted": true}, "doc": null},
        {"key": "rating:none", "error": "not_found"},
        {"id": "_design/x", "key": "_design/x", "value": {"rev": "1-d"}}
    ]})
    .to_string();
    let got = transfers::parse_all_docs(&text).unwrap();
    let revs = |v: &[&str]| v.iter().map(|r| Rev::parse(r).unwrap()).collect::<Vec<_>>();
    assert_eq!(got.len(), 2);
    assert_eq!(got["client:x"], revs(&["2-b", "2-a"]));
    assert_eq!(got["rating:r"], revs(&["3-c"]));
    assert!(transfers::parse_all_docs("<html>").is_err());
}

// --- the shell: a clinic server of members-only databases, three devices ---

// The server and the devices are `common_clinic`'s; what only these tests
// read of the server is added here.
impl Clinic {
    /// `db`'s documents: `(open, closed)` counts.
    fn open_closed(&self, db: &str) -> (usize, usize) {
        let trees = &self.dbs[db].trees;
        let closed = trees
            .values()
            .filter(|t| t.winner().is_some_and(|w| w.deleted))
            .count();
        (trees.len() - closed, closed)
    }

    /// Whether every open document of `db` has one live leaf.
    fn settled(&self, db: &str) -> bool {
        self.dbs[db]
            .trees
            .values()
            .all(|t| t.leaves().iter().filter(|l| !l.deleted).count() <= 1)
    }
}

/// A device signing in as `user`, naming `therapists` (name, lead), its
/// store removing what a transfer closed; sync turned on.
fn device(server: &Server, seed: u64, user: &str, therapists: &[(&str, bool)]) -> Device {
    let d = clinic::device(server, seed, user, therapists, Removal::Removed);
    clinic::turn_on(&d, user).unwrap();
    d
}

fn clinic() -> Server {
    let server: Server = Rc::default();
    {
        let mut s = server.borrow_mut();
        s.add_db("clinic", &["ana", "ben", "lead"]);
        s.add_db("clinic-c-ana", &["ana", "lead"]);
        s.add_db("clinic-c-ben", &["ben", "lead"]);
    }
    server
}

/// The clinic once Ana's device made client X (a client record and two
/// ratings) and Y (one more client of Ana's), Ben's device B1, and the
/// lead's device pulled them all.
fn set_up() -> (Server, Device, Device, Device) {
    let server = clinic();
    let mut a = device(&server, 1, "ana", &[("Ana", false)]);
    let mut b = device(&server, 2, "ben", &[("Ben", false)]);
    let mut lead = device(&server, 3, "lead", &[("Ana", true), ("Ben", false)]);
    with_client(&mut a.data.0.borrow_mut(), "x", Some("Ana"));
    with_client(&mut a.data.0.borrow_mut(), "y", Some("Ana"));
    with_client(&mut b.data.0.borrow_mut(), "b1", Some("Ben"));
    assert_eq!(sync(&mut a).unwrap().pushed, 6);
    assert_eq!(sync(&mut b).unwrap().pushed, 3);
    assert_eq!(sync(&mut lead).unwrap().pulled, 9);
    (server, a, b, lead)
}

/// The lead moves X to Ben, as the client's page does.
fn transfer_x(lead: &Device) {
    let mut s = lead.data.0.borrow_mut();
    let done = therapist::transfer(&mut s, "x", "Ben", None, common::january(10)).unwrap();
    assert_eq!(done.stamped, 2);
}

fn ids(d: &Device) -> Vec<String> {
    let s = d.data.0.borrow();
    let mut ids: Vec<String> = engine::records(&s)
        .map(|r| attune::domain::sync::revs::doc_id(r.kind(), r.id()))
        .collect();
    ids.sort();
    ids
}

/// On Ana's device (not yet told of the transfer), a note added to X's
/// rating `r-x-9`, as she edits it; the rating as edited.
fn note_on_x9(a: &Device) -> attune::domain::measures::rating::Rating {
    let mut s = a.data.0.borrow_mut();
    let r = s.ratings.iter_mut().find(|r| r.id == "r-x-9").unwrap();
    r.note = Some(said("said more today"));
    r.updated_at = Some(common::january(11));
    r.clone()
}

const X_DOCS: [&str; 3] = ["client:x", "rating:r-x-2", "rating:r-x-9"];

#[test]
fn the_leads_sync_moves_the_client_into_bens_database_and_closes_them_in_anas() {
    let (server, mut a, mut b, mut lead) = set_up();
    transfer_x(&lead);
    let report = sync(&mut lead).unwrap();
    assert_eq!(report.transferred, 1);
    {
        let srv = server.borrow();
        assert_eq!(
            srv.open_closed("clinic-c-ben"),
            (6, 0),
            "B1's three and X's three"
        );
        assert_eq!(srv.open_closed("clinic-c-ana"), (3, 3), "Y open, X closed");
        for id in X_DOCS {
            let tree = &srv.dbs["clinic-c-ana"].trees[id];
            let w = tree.winner().unwrap();
            assert!(w.deleted, "{id}");
            assert_eq!(tree.leaves().len(), 1, "{id}: one leaf, the stub");
            // The stub carries nothing.
            let stub = &srv.dbs["clinic-c-ana"].revs[&(id.to_string(), w.rev.to_string())];
            assert!(stub.payload.is_none() && stub.doc_type.is_none(), "{id}");
            assert!(stub.moved, "{id}: marked as a transfer's stub");
        }
        assert!(srv.settled("clinic-c-ben") && srv.settled("clinic-c-ana"));
    }
    // The transfer is done: the next sync owes none, and the lead keeps X
    // (Ana's database closing X is not the lead's reason to drop it).
    let again = sync(&mut lead).unwrap();
    assert_eq!((again.transferred, again.removed), (0, 0));
    assert!(X_DOCS.iter().all(|id| ids(&lead).contains(&id.to_string())));
    // Its note of X in Ana's database says only that X was moved out.
    let note = lead
        .p
        .kv
        .snapshot()
        .get("attune.sync.in.clinic-c-ana.s.client:x")
        .and_then(|t| Synced::decode(t))
        .unwrap();
    assert_eq!(note.digest, transfers::MOVED_NOTE);

    // Ben's device: X with the whole history, each session saying who saw it.
    assert_eq!(sync(&mut b).unwrap().pulled, 3);
    {
        let s = b.data.0.borrow();
        let x = s.clients.iter().find(|c| c.id == "x").unwrap();
        assert_eq!(x.therapist.as_deref(), Some("Ben"));
        let seen: Vec<Option<&str>> = (s.ratings.iter())
            .filter(|r| r.client_id.as_deref() == Some("x"))
            .map(|r| r.therapist.as_deref())
            .collect();
        assert_eq!(seen, [Some("Ana"), Some("Ana")]);
    }
    // Ana's device: X gone from her caseload, Y kept.
    let report = sync(&mut a).unwrap();
    assert_eq!((report.removed, report.held_back), (3, 0));
    assert_eq!(ids(&a), ["client:y", "rating:r-y-2", "rating:r-y-9"]);
    // Nothing lost, nothing duplicated: every record once, on the lead and
    // across the two caseloads.
    assert_eq!(ids(&lead).len(), 9);
    let mut both = ids(&a);
    both.extend(ids(&b));
    both.sort();
    assert_eq!(both, ids(&lead));
    // Ana's device then sends nothing of X back.
    assert_eq!(sync(&mut a).unwrap(), Report::default());
    assert_eq!(server.borrow().open_closed("clinic-c-ana"), (3, 3));
}

#[test]
fn a_transfer_cut_before_the_old_database_is_closed_finishes_at_the_next_sync() {
    let (server, mut a, _b, mut lead) = set_up();
    transfer_x(&lead);
    // Ana's database refuses the closing stubs once (the network cut).
    {
        let mut srv = server.borrow_mut();
        let ana = srv.dbs.get_mut("clinic-c-ana").unwrap();
        let seen = ana.seen.get("_bulk_docs").copied().unwrap_or(0);
        ana.faults.push(("_bulk_docs".into(), seen + 1, 503));
    }
    assert!(sync(&mut lead).is_err());
    assert_eq!(
        server.borrow().open_closed("clinic-c-ben"),
        (6, 0),
        "X written"
    );
    assert_eq!(
        server.borrow().open_closed("clinic-c-ana"),
        (6, 0),
        "X still open"
    );
    // Ana's device, meanwhile, keeps X: nothing was closed.
    sync(&mut a).unwrap();
    assert_eq!(ids(&a).len(), 6);
    // The next sync finds the transfer owed and ends it.
    assert_eq!(sync(&mut lead).unwrap().transferred, 1);
    assert_eq!(server.borrow().open_closed("clinic-c-ana"), (3, 3));
    assert_eq!(sync(&mut a).unwrap().removed, 3);
}

#[test]
fn where_bens_run_fails_the_plan_writes_the_client_itself_before_closing_anything() {
    let (server, _a, mut b, mut lead) = set_up();
    transfer_x(&lead);
    // Ben's database refuses the run's push once: only the plan's own
    // write puts X there, under Ben's key.
    {
        let mut srv = server.borrow_mut();
        let ben = srv.dbs.get_mut("clinic-c-ben").unwrap();
        let seen = ben.seen.get("_bulk_docs").copied().unwrap_or(0);
        ben.faults.push(("_bulk_docs".into(), seen + 1, 503));
    }
    assert!(sync(&mut lead).is_err(), "Ben's run met trouble");
    assert_eq!(server.borrow().open_closed("clinic-c-ben"), (6, 0));
    assert_eq!(server.borrow().open_closed("clinic-c-ana"), (3, 3));
    // Nothing is sent twice by the next run, and Ben reads X.
    let next = sync(&mut lead).unwrap();
    assert_eq!((next.pushed, next.transferred), (0, 0));
    assert!(server.borrow().settled("clinic-c-ben"));
    assert_eq!(sync(&mut b).unwrap().pulled, 3);
}

#[test]
fn a_record_edited_on_anas_device_before_the_stubs_arrive_is_kept_and_counted() {
    let (server, mut a, _b, mut lead) = set_up();
    transfer_x(&lead);
    sync(&mut lead).unwrap();
    // Ana added a note to one of X's ratings before her device heard.
    let edited = note_on_x9(&a);
    // The pull (the push sent the edit first, as every run does): the
    // edit is on the server, in Ana's database, as a live leaf.
    let report = sync(&mut a).unwrap();
    assert_eq!(report.pushed, 1);
    assert_eq!(
        report.removed, 2,
        "the client record and the unchanged rating"
    );
    let kept = a.data.0.borrow().ratings.clone();
    assert!(kept.contains(&edited), "the edit is kept");
    assert!(server.borrow().dbs["clinic-c-ana"].trees["rating:r-x-9"]
        .winner()
        .is_some_and(|w| !w.deleted));
}

#[test]
fn a_rating_edited_here_after_the_last_push_is_held_back_when_its_stub_arrives() {
    let (_server, mut a, _b, mut lead) = set_up();
    transfer_x(&lead);
    sync(&mut lead).unwrap();
    // An edit made after this run's push and before its pull: the pull
    // meets the stub while the edit is unsent.
    let host = EditsMidRun {
        data: &a.data,
        pushed: RefCell::new(false),
    };
    let report = block_on(caseloads::run_all(
        &a.p,
        &host,
        &mut a.notes,
        &mut a.memo,
        200,
    ))
    .unwrap();
    assert_eq!((report.removed, report.held_back), (2, 1));
    let s = a.data.0.borrow();
    let r = s.ratings.iter().find(|r| r.id == "r-x-9").unwrap();
    assert_eq!(r.note, Some(said("said during the sync")));
}

/// A host whose store is edited (a note on r-x-9) right after the run
/// first reads it to push.
struct EditsMidRun<'a> {
    data: &'a Data,
    pushed: RefCell<bool>,
}

impl Host for EditsMidRun<'_> {
    fn store(&self) -> Store {
        let s = self.data.store();
        if !self.pushed.replace(true) {
            let mut d = self.data.0.borrow_mut();
            if let Some(r) = d.ratings.iter_mut().find(|r| r.id == "r-x-9") {
                r.note = Some(said("said during the sync"));
                r.updated_at = Some(common::january(11));
            }
        }
        s
    }
    fn keep(&self, records: Vec<Record>) -> Result<(), String> {
        self.data.keep(records)
    }
    fn remove(&self, doc_ids: &[String]) -> Result<(), String> {
        self.data.remove(doc_ids)
    }
    fn room(&self) -> Option<u64> {
        None
    }
    fn missing(&self, _count: usize) {}
}

#[test]
fn the_plans_refusal_on_a_device_without_both_caseloads_changes_nothing_on_the_server() {
    let (server, mut a, _b, _lead) = set_up();
    let before = (
        server.borrow().open_closed("clinic-c-ana"),
        server.borrow().open_closed("clinic-c-ben"),
    );
    // Ana's device refuses the move (the form shows why) and syncs as before.
    let list = caseloads::therapists(&a.p);
    assert_eq!(
        transfers::may_transfer(&list, Some("clinic"), Some("Ana"), "Ben"),
        Err(TransferError::NotJoined(ben()))
    );
    assert_eq!(sync(&mut a).unwrap(), Report::default());
    let after = (
        server.borrow().open_closed("clinic-c-ana"),
        server.borrow().open_closed("clinic-c-ben"),
    );
    assert_eq!(before, after);
    // And her device's plan holds her caseload only.
    let plan = by_caseload::plan(&list, "clinic").unwrap();
    assert!(matches!(plan, by_caseload::Plan::Caseloads { joined, .. } if !joined.holds(&ben())));
}

#[test]
fn a_rating_anas_device_made_before_it_heard_of_the_transfer_reaches_ben_at_the_leads_next_sync() {
    let (server, mut a, mut b, mut lead) = set_up();
    transfer_x(&lead);
    sync(&mut lead).unwrap();
    // Ana rated X in a session before her device synced: it goes to her
    // database (X is hers as her device knows), and the stubs then take
    // X's other records off her device.
    a.data.0.borrow_mut().ratings.push(common::srs(
        "r-x-late",
        Some("x"),
        common::january(12),
        &[80, 80, 80, 80],
    ));
    let report = sync(&mut a).unwrap();
    assert_eq!((report.pushed, report.removed), (1, 3));
    // The lead pulls it from Ana's database, owes the transfer again, and
    // moves the new rating to Ben's; Ana's device then lets it go.
    let report = sync(&mut lead).unwrap();
    assert_eq!(report.transferred, 1);
    assert!(ids(&lead).contains(&"rating:r-x-late".to_string()));
    let srv = server.borrow();
    let late = &srv.dbs["clinic-c-ana"].trees["rating:r-x-late"];
    assert!(late.winner().is_some_and(|w| w.deleted));
    assert!(srv.dbs["clinic-c-ben"].trees["rating:r-x-late"]
        .winner()
        .is_some_and(|w| !w.deleted));
    drop(srv);
    assert_eq!(sync(&mut a).unwrap().removed, 1);
    assert_eq!(ids(&a), ["client:y", "rating:r-y-2", "rating:r-y-9"]);
    sync(&mut b).unwrap();
    assert!(ids(&b).contains(&"rating:r-x-late".to_string()));
}

#[test]
fn a_second_leads_device_ends_with_the_client_in_bens_caseload() {
    let (_server, _a, _b, mut lead) = set_up();
    let server = _server;
    let mut lead2 = device(&server, 4, "lead", &[("Ana", true), ("Ben", false)]);
    assert_eq!(sync(&mut lead2).unwrap().pulled, 9);
    transfer_x(&lead);
    sync(&mut lead).unwrap();
    // Its home is Ana's: Ben's database runs first, then Ana's closes X.
    sync(&mut lead2).unwrap();
    sync(&mut lead2).unwrap();
    assert_eq!(ids(&lead2), ids(&lead));
    let s = lead2.data.0.borrow();
    let x = s.clients.iter().find(|c| c.id == "x").unwrap();
    assert_eq!(x.therapist.as_deref(), Some("Ben"));
}

/// Writes into `db` the plain deletion stub another tool would write on
/// the winner of `id` (Fauxton's delete, a script, a restore): no transfer
/// made it.
fn delete_elsewhere(server: &Server, db: &str, id: &str) {
    let mut srv = server.borrow_mut();
    let tree = &srv.dbs[db].trees[id];
    let path = tree.path_to(&tree.winner().unwrap().rev);
    let stub = attune::domain::sync::revs::WireDoc::deletion_stub(id, &path);
    let body = json!({"docs": [stub], "new_edits": false}).to_string();
    let url = format!("http://couch.test/{db}/_bulk_docs");
    srv.handle("lead", "POST", &url, Some(&body));
}

#[test]
fn a_record_deleted_on_the_server_by_anything_but_a_transfer_stays_on_every_device() {
    let (server, mut a, _b, mut lead) = set_up();
    delete_elsewhere(&server, "clinic-c-ana", "rating:r-y-9");
    // Nothing says the rating is anywhere else: removing it would lose it.
    assert_eq!(sync(&mut a).unwrap().removed, 0);
    assert!(ids(&a).contains(&"rating:r-y-9".to_string()));
    assert_eq!(sync(&mut lead).unwrap().removed, 0);
    assert!(ids(&lead).contains(&"rating:r-y-9".to_string()));
}
#[test]
fn a_note_saying_the_record_was_moved_out_owes_no_transfer_and_a_reopened_one_does() {
    let mut store = Store::default();
    with_client(&mut store, "x", Some("Ben"));
    let lead = Joined::lead(ana(), [ben()]);
    let with = |digest: &str| -> HashMap<String, Synced> {
        let n = Synced {
            rev: Rev::parse("2-abc").unwrap(),
            digest: digest.into(),
        };
        [("rating:r-x-9".to_string(), n)].into()
    };
    let moved = with(transfers::MOVED_NOTE);
    assert!(transfers::pending(&store, &lead, &[(ana(), &moved)]).is_empty());
    let reopened = with(transfers::REOPENED_NOTE);
    assert_eq!(
        transfers::pending(&store, &lead, &[(ana(), &reopened)]).len(),
        1
    );
}

#[test]
fn an_edit_anas_device_sent_after_the_transfer_reaches_ben_and_then_leaves_anas_device() {
    let (server, mut a, mut b, mut lead) = set_up();
    transfer_x(&lead);
    sync(&mut lead).unwrap();
    let edited = note_on_x9(&a);
    // Ana's device sends the edit (it reopens the rating in her database)
    // and keeps it.
    assert_eq!(sync(&mut a).unwrap().held_back, 0);
    assert!(a.data.0.borrow().ratings.contains(&edited));
    // The lead's sync moves the edit on to Ben's database.
    sync(&mut lead).unwrap();
    let on_lead = lead.data.0.borrow().ratings.clone();
    let r = on_lead.iter().find(|r| r.id == "r-x-9").unwrap();
    assert_eq!(r.note, edited.note, "the lead holds Ana's edit");
    assert!(server.borrow().dbs["clinic-c-ana"].trees["rating:r-x-9"]
        .winner()
        .is_some_and(|w| w.deleted));
    sync(&mut b).unwrap();
    let on_ben = b.data.0.borrow().ratings.clone();
    let r = on_ben.iter().find(|r| r.id == "r-x-9").unwrap();
    assert_eq!(r.note, edited.note, "Ben holds Ana's edit");
    // Ana's device then lets the rating go: it is in Ben's caseload.
    assert_eq!(sync(&mut a).unwrap().removed, 1);
    assert_eq!(ids(&a), ["client:y", "rating:r-y-2", "rating:r-y-9"]);
}

#[test]
fn a_client_transferred_back_reopens_in_the_first_caseload_on_top_of_its_stubs() {
    let (server, mut a, mut b, mut lead) = set_up();
    transfer_x(&lead);
    sync(&mut lead).unwrap();
    assert_eq!(sync(&mut a).unwrap().removed, 3);
    assert_eq!(sync(&mut b).unwrap().pulled, 3);
    {
        let mut s = lead.data.0.borrow_mut();
        therapist::transfer(&mut s, "x", "Ana", None, common::january(12)).unwrap();
    }
    assert_eq!(sync(&mut lead).unwrap().transferred, 1);
    {
        let srv = server.borrow();
        assert_eq!(srv.open_closed("clinic-c-ana"), (6, 0));
        assert_eq!(srv.open_closed("clinic-c-ben"), (3, 3));
        assert!(srv.settled("clinic-c-ana") && srv.settled("clinic-c-ben"));
    }
    assert_eq!(sync(&mut a).unwrap().pulled, 3);
    assert_eq!(sync(&mut b).unwrap().removed, 3);
    assert_eq!(ids(&a).len(), 6);
    assert_eq!(ids(&b), ["client:b1", "rating:r-b1-2", "rating:r-b1-9"]);
    let x = a
        .data
        .0
        .borrow()
        .clients
        .iter()
        .find(|c| c.id == "x")
        .cloned();
    assert_eq!(x.unwrap().therapist.as_deref(), Some("Ana"));
    // Settled: nothing more to send or move anywhere.
    assert_eq!(sync(&mut lead).unwrap().transferred, 0);
    assert_eq!(sync(&mut a).unwrap(), Report::default());
}

#[test]
fn a_leads_device_may_give_a_client_of_no_therapist_to_one_of_its_caseloads() {
    // The client's records are on this device only (no caseload database
    // takes a client of no therapist): nothing on the server to move.
    let mut lead = DeviceTherapists::default();
    lead.add("Ana", true).unwrap();
    lead.add("Ben", false).unwrap();
    assert_eq!(
        transfers::may_transfer(&lead, Some("clinic"), None, "Ben"),
        Ok(())
    );
    // Into a caseload the device does not hold, still refused.
    assert_eq!(
        transfers::may_transfer(&lead, Some("clinic"), None, "Cleo"),
        Err(TransferError::NotJoined(Caseload::Therapist(
            TherapistId::parse("cleo").unwrap()
        )))
    );
}
