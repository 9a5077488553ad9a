//! The move of a clinic's one database into its caseload databases, the
//! shell (`sync::split`), run natively on the in-memory platform against an
//! in-memory CouchDB of several members-only databases: a clinic device
//! that names no therapist fills the clinic's database; the lead's device,
//! naming Ana and Ben, runs the move; each caseload's database then holds
//! exactly its own records, the clinic's only what has no therapist, and a
//! move cut after any request (the answer lost or the request never sent)
//! finishes when run again with nothing copied twice.

mod common;

use attune::domain::device::therapists::DeviceTherapists;
use attune::domain::records::layout::Record;
use attune::domain::records::store::Store;
use attune::domain::records::therapist::transfer;
use attune::domain::sync::config::SyncConfig;
use attune::domain::sync::engine::{self, DigestMemo};
use attune::domain::sync::status::Trouble;
use attune::domain::words::Words;
use attune::platform::memory::{
    ManualClock, MemoryFetch, MemoryPlatform, MemoryStore, SeededRandom,
};
use attune::platform::{KeyValue, Outcome};
use attune::sync::caseloads::{self, Notes, THERAPISTS_KEY};
use attune::sync::run::{Host, Report};
use attune::sync::split;
use futures_executor::block_on;
use serde_json::json;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

#[path = "common_couch/mod.rs"]
mod couch;

use couch::{answer, Couch, DB};

/// Every database by name and its members.
#[derive(Default)]
struct Clinic {
    dbs: BTreeMap<String, Couch>,
    members: BTreeMap<String, Vec<String>>,
}

type Server = Rc<RefCell<Clinic>>;

impl Clinic {
    fn handle(&mut self, user: &str, method: &str, url: &str, body: Option<&str>) -> Outcome {
        let rest = url.strip_prefix("http://couch.test/").unwrap();
        if rest == "_session" {
            return answer(200, json!({"ok": true}));
        }
        let (db, path) = rest.split_once('/').unwrap_or((rest, ""));
        let Some(members) = self.members.get(db) else {
            return answer(404, json!({"error": "not_found"}));
        };
        if !members.iter().any(|m| m == user) {
            return answer(403, json!({"error": "forbidden"}));
        }
        self.dbs
            .get_mut(db)
            .unwrap()
            .handle(method, &format!("{DB}{path}"), body)
    }

    /// Each document still open in `db`, with how many revisions with a
    /// payload it has (a copy made twice would be two).
    fn open(&self, db: &str) -> BTreeMap<String, usize> {
        let c = &self.dbs[db];
        c.trees
            .iter()
            .filter(|(_, t)| t.leaves().iter().any(|l| !l.deleted))
            .map(|(id, _)| {
                let payloads = (c.revs.iter())
                    .filter(|((d, _), w)| d == id && w.payload.is_some())
                    .count();
                (id.clone(), payloads)
            })
            .collect()
    }
}

/// How a device's requests fare: all pass, or after `left` more the next
/// is cut (`lose_answer`: it reaches the server but its answer is lost),
/// and every later one fails too (the server gone).
#[derive(Default)]
struct Cut {
    left: Cell<Option<usize>>,
    lose_answer: Cell<bool>,
    sent: Cell<usize>,
}

type Net = Box<dyn FnMut(&str, &str, Option<&str>) -> Outcome>;

struct Device {
    p: MemoryPlatform<Net>,
    data: Data,
    notes: Notes,
    memo: DigestMemo,
    cut: Rc<Cut>,
}

#[derive(Default)]
struct Data(RefCell<Store>);

impl Host for Data {
    fn store(&self) -> Store {
        self.0.borrow().clone()
    }
    fn keep(&self, records: Vec<Record>) -> Result<(), String> {
        let mut s = self.0.borrow_mut();
        for r in records {
            engine::put(&mut s, r);
        }
        Ok(())
    }
    fn room(&self) -> Option<u64> {
        None
    }
    fn missing(&self, _count: usize) {}
}

const PASSPHRASE: &str = "correct horse battery";

fn device(server: &Server, seed: u64, user: &str, therapists: &[&str]) -> Device {
    let s = server.clone();
    let who = user.to_string();
    let cut = Rc::new(Cut::default());
    let c = cut.clone();
    let net: Net = Box::new(move |m, u, b| {
        c.sent.set(c.sent.get() + 1);
        match c.left.get() {
            None => s.borrow_mut().handle(&who, m, u, b),
            Some(0) => {
                if c.lose_answer.get() {
                    // Taken once, then the server is gone.
                    c.lose_answer.set(false);
                    s.borrow_mut().handle(&who, m, u, b);
                }
                Outcome::NetworkError
            }
            Some(n) => {
                c.left.set(Some(n - 1));
                s.borrow_mut().handle(&who, m, u, b)
            }
        }
    });
    let d = Device {
        p: MemoryPlatform {
            kv: MemoryStore::new(),
            clock: ManualClock::at(common::january(10)),
            random: SeededRandom::new(seed),
            net: MemoryFetch::new(net),
        },
        data: Data::default(),
        notes: Notes::default(),
        memo: DigestMemo::default(),
        cut,
    };
    name(&d, therapists);
    let cfg = SyncConfig {
        url: "http://couch.test".into(),
        db: "clinic".into(),
        user: user.into(),
        device_id: format!("dev-{user}-{seed}"),
        kid: String::new(),
    };
    block_on(caseloads::turn_on(&d.p, cfg, "pw", PASSPHRASE)).unwrap();
    d
}

fn name(d: &Device, therapists: &[&str]) {
    let mut list = DeviceTherapists::default();
    for n in therapists {
        list.add(n, false).unwrap();
    }
    d.p.set(THERAPISTS_KEY, &list.encode()).unwrap();
}

fn sync(d: &mut Device) -> Result<Report, Trouble> {
    block_on(caseloads::run_all(
        &d.p,
        &d.data,
        &mut d.notes,
        &mut d.memo,
        200,
    ))
}

/// The clinic's server: its one database (the clinic devices' and the
/// lead's), and Ana's and Ben's caseload databases, empty.
fn server() -> Server {
    let server: Server = Rc::default();
    {
        let mut s = server.borrow_mut();
        for (db, members) in [
            ("clinic", vec!["device", "lead"]),
            ("clinic-c-ana", vec!["ana", "lead"]),
            ("clinic-c-ben", vec!["ben", "lead"]),
        ] {
            s.dbs.insert(db.into(), Couch::default());
            s.members
                .insert(db.into(), members.into_iter().map(String::from).collect());
        }
    }
    server
}

/// Client `id` (named `therapist`, or none) with two SRS.
fn add_client(s: &mut Store, id: &str, therapist: Option<&str>) {
    let mut c = common::client(id, &id.to_uppercase(), common::january(1));
    c.therapist = therapist.map(String::from);
    s.clients.push(c);
    for n in 1..=2 {
        s.ratings.push(common::srs(
            &format!("r-{id}-{n}"),
            Some(id),
            common::january(1 + n),
            &[90, 90, 90, 90],
        ));
    }
}

/// A clinic device that names no therapist syncs Ana's client, Ben's, a
/// client nobody holds yet and an unassigned rating into the clinic's
/// database (the clients name their therapist, as a device of a clinic
/// that once named them left them).
fn clinic_filled(server: &Server) -> Device {
    let mut d = device(server, 1, "device", &[]);
    {
        let mut s = d.data.0.borrow_mut();
        add_client(&mut s, "a1", Some("Ana"));
        add_client(&mut s, "b1", Some("Ben"));
        add_client(&mut s, "n1", None);
        s.ratings.push(common::srs(
            "r-quick",
            None,
            common::january(4),
            &[80, 80, 80, 80],
        ));
    }
    assert_eq!(sync(&mut d).unwrap().pushed, 10);
    d
}

fn ids(v: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

fn run(lead: &Device) -> Result<String, String> {
    let store = lead.data.0.borrow().clone();
    let names = ["Ana".to_string(), "Ben".to_string()];
    block_on(split::run_move(
        &lead.p,
        PASSPHRASE,
        &store,
        &names,
        &|_| {},
    ))
}

/// Each database holds exactly its own, every open copy made once.
fn assert_moved(server: &Server) {
    let s = server.borrow();
    let open = |db: &str| -> Vec<String> { s.open(db).into_keys().collect() };
    // The rating of no client goes where the lead's own sync sends its
    // unassigned ratings: its home caseload (Ana's, the first named).
    assert_eq!(
        open("clinic-c-ana"),
        ids(&[
            "client:a1",
            "rating:r-a1-1",
            "rating:r-a1-2",
            "rating:r-quick"
        ])
    );
    assert_eq!(
        open("clinic-c-ben"),
        ids(&["client:b1", "rating:r-b1-1", "rating:r-b1-2"])
    );
    assert_eq!(
        open("clinic"),
        ids(&["client:n1", "rating:r-n1-1", "rating:r-n1-2"])
    );
    for db in ["clinic-c-ana", "clinic-c-ben"] {
        assert!(
            s.open(db).values().all(|n| *n == 1),
            "no copy made twice in {db}: {:?}",
            s.open(db)
        );
        assert!(
            s.dbs[db].trees.values().all(|t| t.leaves().len() == 1),
            "no conflicting copy in {db}"
        );
    }
    // The moved documents are closed in the clinic's database, each by a
    // stub on its one revision; none is gone from its history.
    assert_eq!(s.dbs["clinic"].trees.len(), 10);
}

#[test]
fn the_lead_moves_each_clients_records_into_their_caseload_and_a_fresh_device_of_ana_pulls_them() {
    let server = server();
    let _clinic = clinic_filled(&server);
    let mut lead = device(&server, 3, "lead", &["Ana", "Ben"]);
    let said = RefCell::new(Vec::new());
    let out = block_on(split::run_move(
        &lead.p,
        PASSPHRASE,
        &Store::default(),
        &["Ana".into(), "Ben".into()],
        &|w| said.borrow_mut().push(w),
    ));
    assert_eq!(
        out.as_deref(),
        Ok("The move is done: Ana's caseload database holds 4 records, Ben's caseload database holds 3 records, each checked by count and checksum. The clinic database keeps 3 records with no therapist; the moved ones are closed there.")
    );
    assert_eq!(
        said.borrow()[1..],
        [
            "Copying 7 records into Ana's and Ben's caseload databases…",
            "Ana's and Ben's checked by count and checksum; closing the 7 records moved in the clinic database…",
            out.as_deref().unwrap(),
        ]
    );
    assert_moved(&server);
    assert!(
        !split::under_way(&lead.p, "clinic"),
        "the manifest is forgotten once done"
    );
    // Run again: nothing to do, nothing written.
    let before = server.borrow().dbs["clinic-c-ana"].seq;
    assert!(run(&lead).is_ok());
    assert_eq!(server.borrow().dbs["clinic-c-ana"].seq, before);

    // A fresh device of Ana's pulls all of her records (and the lead's
    // unassigned rating, now in her caseload) and nothing else.
    let mut ana = device(&server, 4, "ana", &["Ana"]);
    assert_eq!(sync(&mut ana).unwrap().pulled, 4);
    let s = ana.data.0.borrow();
    assert_eq!(s.clients.len(), 1);
    assert_eq!(s.clients[0].therapist.as_deref(), Some("Ana"));
    assert_eq!(s.ratings.len(), 3);
    drop(s);
    // The lead's own sync pulls both caseloads, and sends nothing back.
    let r = sync(&mut lead).unwrap();
    assert_eq!((r.pulled, r.pushed), (7, 0));
}

#[test]
fn a_move_cut_after_any_request_finishes_when_run_again_with_nothing_lost_or_copied_twice() {
    // How many requests a whole move makes.
    let total = {
        let server = server();
        clinic_filled(&server);
        let lead = device(&server, 3, "lead", &["Ana", "Ben"]);
        let before = lead.cut.sent.get();
        run(&lead).unwrap();
        lead.cut.sent.get() - before
    };
    assert!(total > 10, "{total}");
    for lose_answer in [false, true] {
        for at in 0..total {
            let server = server();
            clinic_filled(&server);
            let lead = device(&server, 3, "lead", &["Ana", "Ben"]);
            lead.cut.left.set(Some(at));
            lead.cut.lose_answer.set(lose_answer);
            let cut = run(&lead);
            let Err(why) = cut else {
                panic!("cut at {at}: {cut:?}")
            };
            assert!(
                why.ends_with("it goes on from where it stopped.")
                    || why.starts_with("The clinic server cannot be reached"),
                "cut at {at}: {why}"
            );
            // Whatever was cut, every record is readable somewhere.
            {
                let s = server.borrow();
                let mut everywhere: Vec<String> = ["clinic", "clinic-c-ana", "clinic-c-ben"]
                    .iter()
                    .flat_map(|db| s.open(db).into_keys())
                    .collect();
                everywhere.sort();
                everywhere.dedup();
                assert_eq!(everywhere.len(), 10, "cut at {at}");
            }
            lead.cut.left.set(None);
            let again = run(&lead);
            assert!(
                again
                    .as_deref()
                    .is_ok_and(|w| w.starts_with("The move is done")),
                "cut at {at} ({lose_answer}): {again:?}"
            );
            assert_moved(&server);
        }
    }
}

#[test]
fn the_leads_word_on_who_holds_each_client_moves_them_and_its_edits_go_with_them() {
    let server = server();
    // The clinic's clients name no therapist.
    let mut clinic = device(&server, 1, "device", &[]);
    {
        let mut s = clinic.data.0.borrow_mut();
        add_client(&mut s, "a1", None);
        add_client(&mut s, "b1", None);
    }
    sync(&mut clinic).unwrap();
    // The lead's device was a clinic device: it holds them all, then names
    // Ana and Ben and gives each client a therapist.
    let mut lead = device(&server, 3, "lead", &[]);
    sync(&mut lead).unwrap();
    name(&lead, &["Ana", "Ben"]);
    {
        let mut s = lead.data.0.borrow_mut();
        transfer(&mut s, "a1", "Ana", None, common::january(20)).unwrap();
        transfer(&mut s, "b1", "Ben", None, common::january(20)).unwrap();
    }
    // Joined by caseload (sync off and on again), its first sync already
    // sends its copies into the caseloads' databases.
    attune::storage::sync_state::turn_off(&lead.p);
    lead.notes = Notes::default();
    let cfg = SyncConfig {
        url: "http://couch.test".into(),
        db: "clinic".into(),
        user: "lead".into(),
        device_id: "dev-lead-2".into(),
        kid: String::new(),
    };
    block_on(caseloads::turn_on(&lead.p, cfg, "pw", PASSPHRASE)).unwrap();
    assert_eq!(sync(&mut lead).unwrap().pushed, 6);
    let out = run(&lead).unwrap();
    assert!(out.starts_with("The move is done"), "{out}");
    {
        let s = server.borrow();
        assert_eq!(s.open("clinic").len(), 0, "every record had a therapist");
        assert_eq!(s.open("clinic-c-ana").len(), 3);
        assert!(
            s.open("clinic-c-ana").values().all(|n| *n == 1),
            "the lead's copies count as moved: nothing copied again"
        );
    }
    let mut ana = device(&server, 4, "ana", &["Ana"]);
    sync(&mut ana).unwrap();
    assert_eq!(
        ana.data.0.borrow().clients[0].therapist.as_deref(),
        Some("Ana")
    );
}

#[test]
fn the_move_refuses_a_caseload_not_joined_and_a_wrong_passphrase_with_nothing_written() {
    let server = server();
    clinic_filled(&server);
    let lead = device(&server, 3, "lead", &["Ana"]);
    let out = block_on(split::run_move(
        &lead.p,
        PASSPHRASE,
        &Store::default(),
        &["Ana".into()],
        &|_| {},
    ));
    assert_eq!(
        out,
        Err("Nothing was moved: ben's caseload is not joined on this device. Name each of them in Settings → Therapists, turn sync off and on again to join, then run the move again.".into())
    );
    let wrong = block_on(split::run_move(
        &lead.p,
        "not the passphrase",
        &Store::default(),
        &["Ana".into()],
        &|_| {},
    ));
    assert_eq!(wrong, Err(Trouble::WrongPassphrase.words(Words::EN)));
    // The lead's user not a member of the clinic database: said so.
    server
        .borrow_mut()
        .members
        .get_mut("clinic")
        .unwrap()
        .retain(|m| m != "lead");
    let refused = block_on(split::run_move(
        &lead.p,
        PASSPHRASE,
        &Store::default(),
        &["Ana".into()],
        &|_| {},
    ));
    assert_eq!(
        refused,
        Err("The server refuses this device's user the clinic database clinic: make the lead's user a member of it (its _security), sign in again if asked, then run the move again. Nothing was moved.".into())
    );
    let s = server.borrow();
    assert_eq!(s.open("clinic").len(), 10);
    assert!(s.open("clinic-c-ana").is_empty());
    assert!(!split::under_way(&lead.p, "clinic"), "no manifest kept");
}

#[test]
fn a_move_stopped_by_an_edit_in_the_clinic_database_finishes_when_run_again_with_the_edit() {
    let server = server();
    let mut clinic = clinic_filled(&server);
    let lead = device(&server, 3, "lead", &["Ana", "Ben"]);
    // Cut once the clinic's database is read and the manifest kept: the
    // move is under way, nothing closed.
    lead.cut.left.set(Some(3));
    assert!(run(&lead).is_err());
    assert!(split::under_way(&lead.p, "clinic"));
    assert_eq!(server.borrow().open("clinic").len(), 10);
    // A clinic device still syncing edits one of Ana's ratings.
    {
        let mut s = clinic.data.0.borrow_mut();
        let r = s.ratings.iter_mut().find(|r| r.id == "r-a1-1").unwrap();
        r.scores = common::srs("x", None, common::january(1), &[50, 50, 50, 50]).scores;
        r.updated_at = Some(common::january(8));
    }
    assert_eq!(sync(&mut clinic).unwrap().pushed, 1);
    lead.cut.left.set(None);
    let stopped = run(&lead);
    assert_eq!(
        stopped.as_ref().map_err(String::as_str),
        Err("the record \"rating:r-a1-1\" changed during the move; stop every device's sync, then start the move again. Nothing more was closed in the clinic database."),
        "two sentences, each ended"
    );
    // That device stops, as the words ask: run again, the move finishes,
    // taking the clinic's database as it is now (the edit with it).
    let again = run(&lead);
    assert!(
        again
            .as_deref()
            .is_ok_and(|w| w.starts_with("The move is done")),
        "{again:?}"
    );
    assert_moved(&server);
    let mut ana = device(&server, 4, "ana", &["Ana"]);
    sync(&mut ana).unwrap();
    let s = ana.data.0.borrow();
    let r = s.ratings.iter().find(|r| r.id == "r-a1-1").unwrap();
    assert_eq!(r.updated_at, Some(common::january(8)), "the edit moved");
}

#[test]
fn a_record_added_to_the_clinic_database_once_the_moved_ones_are_closed_is_said_truly_and_the_move_then_finishes(
) {
    // How many requests a whole move makes; its last pass only reads the
    // three databases (two requests each).
    let total = {
        let server = server();
        clinic_filled(&server);
        let lead = device(&server, 3, "lead", &["Ana", "Ben"]);
        let before = lead.cut.sent.get();
        run(&lead).unwrap();
        lead.cut.sent.get() - before
    };
    let server = server();
    let mut clinic = clinic_filled(&server);
    let lead = device(&server, 3, "lead", &["Ana", "Ben"]);
    // Cut after the moved records are closed, before the last reading.
    lead.cut.left.set(Some(total - 6));
    assert!(run(&lead).is_err());
    assert_eq!(
        server.borrow().open("clinic").len(),
        3,
        "the moved ones closed"
    );
    // A clinic device still syncing adds a rating of the client nobody
    // holds (a record that stays in the clinic's database).
    clinic.data.0.borrow_mut().ratings.push(common::srs(
        "r-late",
        Some("n1"),
        common::january(9),
        &[70, 70, 70, 70],
    ));
    assert_eq!(sync(&mut clinic).unwrap().pushed, 1);
    lead.cut.left.set(None);
    let stopped = run(&lead);
    assert_eq!(
        stopped.as_ref().map_err(String::as_str),
        Err("Every moved record is in its caseload database, checked by count and checksum, and closed in the clinic database; but the clinic database changed during the move: it keeps 4 records where 3 records should stay. Stop sync on every other device, then run the move again: it takes the clinic database as it is then."),
        "what was closed is said, not denied"
    );
    // Run again: it finishes, the new rating kept in the clinic's.
    let again = run(&lead);
    assert!(
        again
            .as_deref()
            .is_ok_and(|w| w.contains("(4 records there)")),
        "{again:?}"
    );
    assert!(!split::under_way(&lead.p, "clinic"));
    let s = server.borrow();
    assert!(s.open("clinic").contains_key("rating:r-late"));
    assert_eq!(s.open("clinic").len(), 4);
    assert_eq!(s.open("clinic-c-ana").len(), 4);
    assert_eq!(s.open("clinic-c-ben").len(), 3);
}

#[test]
fn a_lead_that_held_the_clinics_records_moves_them_with_its_unassigned_rating_in_its_home_caseload()
{
    // The steps as the docs give them, on a lead's device that synced the
    // clinic's database before: it holds every record, the rating of no
    // client among them.
    let server = server();
    clinic_filled(&server);
    let mut lead = device(&server, 3, "lead", &[]);
    assert_eq!(sync(&mut lead).unwrap().pulled, 10);
    // It names Ana and Ben and joins their caseloads (sync off and on):
    // its first sync sends each client's records to their caseload, and
    // the rating of no client to its home caseload (Ana's, the first).
    name(&lead, &["Ana", "Ben"]);
    attune::storage::sync_state::turn_off(&lead.p);
    lead.notes = Notes::default();
    let cfg = SyncConfig {
        url: "http://couch.test".into(),
        db: "clinic".into(),
        user: "lead".into(),
        device_id: "dev-lead-2".into(),
        kid: String::new(),
    };
    block_on(caseloads::turn_on(&lead.p, cfg, "pw", PASSPHRASE)).unwrap();
    assert_eq!(sync(&mut lead).unwrap().pushed, 7);
    assert!(server
        .borrow()
        .open("clinic-c-ana")
        .contains_key("rating:r-quick"));
    // The move then finds each record where the sync put it: nothing is in
    // two caseloads, nothing is copied again, and the clinic's database
    // keeps only the client nobody holds.
    let out = run(&lead);
    assert_eq!(
        out.as_deref(),
        Ok("The move is done: Ana's caseload database holds 4 records, Ben's caseload database holds 3 records, each checked by count and checksum. The clinic database keeps 3 records with no therapist; the moved ones are closed there.")
    );
    assert_moved(&server);
    // A fresh device of Ana's gets the rating to assign.
    let mut ana = device(&server, 4, "ana", &["Ana"]);
    sync(&mut ana).unwrap();
    assert!(ana
        .data
        .0
        .borrow()
        .ratings
        .iter()
        .any(|r| r.id == "r-quick" && r.client_id.is_none()));
}
