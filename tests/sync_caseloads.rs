//! Sync by caseload: each caseload's database name, where each record
//! goes, what a device joins and refuses, a client's transfer and the move
//! from one clinic database, both cut at every step and run again.

mod common;

use attune::domain::records::episode_end::{EndReason, EpisodeEnd};
use attune::domain::records::layout::{Kind, Record};
use attune::domain::sync::caseloads::{
    arrival, caseload_of, destination, owner, valid_db_name, Arrival, Assignments, Caseload,
    CaseloadError, Destination, Joined, TherapistId,
};
use attune::domain::sync::crypto_format::Envelope;
use attune::domain::sync::revs::{parse_doc_id, Rev, RevTree, WireDoc};
use attune::domain::sync::split::{self, Discrepancy, Manifest, MoveError, MoveStep, Tally};
use attune::domain::sync::transfer::{
    next_step, HeldDoc, Transfer, TransferError, TransferStep, Write,
};
use chrono::NaiveDate;
use common::{at, client, srs};
use proptest::prelude::*;
use std::collections::{BTreeMap, HashMap};

const DB: &str = "attune";

fn t(id: &str) -> TherapistId {
    TherapistId::parse(id).unwrap()
}

fn of(id: &str) -> Caseload {
    Caseload::Therapist(t(id))
}

fn c(id: &str) -> Record {
    Record::Client(client(
        id,
        &format!("label {id}"),
        at("2026-01-05T09:00:00Z"),
    ))
}

fn rating(id: &str, client: Option<&str>) -> Record {
    Record::Rating(srs(
        id,
        client,
        at("2026-02-02T16:00:00Z"),
        &[90, 85, 80, 95],
    ))
}

fn unrated(id: &str, client: &str) -> Record {
    let body = serde_json::json!({"id": id, "client_id": client, "at": "2026-02-09T16:00:00Z"});
    Record::from_body(Kind::Unrated, body).unwrap()
}

fn end(id: &str, client: &str) -> Record {
    let on = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    Record::EpisodeEnd(EpisodeEnd::new(
        id,
        client,
        on,
        EndReason::Planned,
        at("2026-03-01T10:00:00Z"),
    ))
}

/// Ana's clients c-1 and c-2, Ben's c-3, and c-4 with no therapist.
fn assignments() -> Assignments {
    Assignments::new([
        ("c-1", Some("t-ana")),
        ("c-2", Some("t-ana")),
        ("c-3", Some("t-ben")),
        ("c-4", None),
    ])
    .unwrap()
}

#[test]
fn a_caseloads_database_is_the_clinics_name_then_its_therapist_spelled_safely() {
    assert_eq!(Caseload::Clinic.database(DB).unwrap(), "attune");
    assert_eq!(of("t-4c1e").database(DB).unwrap(), "attune-c-t-4c1e");
    // Upper case, dots and underscores are spelled `_` and two hex digits.
    assert_eq!(
        of("Ana.B_1").database(DB).unwrap(),
        "attune-c-_41na_2e_42_5f1"
    );
    assert_eq!(
        of("x").database("clinic/north").unwrap(),
        "clinic/north-c-x"
    );
    for name in ["attune-c-t-4c1e", "attune-c-_41na_2e_42_5f1"] {
        assert!(valid_db_name(name), "{name}");
    }
    // Read back: only the one spelling of an id names a caseload.
    assert_eq!(
        Caseload::from_database(DB, "attune"),
        Some(Caseload::Clinic)
    );
    assert_eq!(
        Caseload::from_database(DB, "attune-c-_41na_2e_42_5f1"),
        Some(of("Ana.B_1"))
    );
    assert_eq!(
        Caseload::from_database(DB, "attune-c-_61"),
        None,
        "'a' spelled escaped"
    );
    assert_eq!(Caseload::from_database(DB, "attune-c-_4"), None);
    assert_eq!(Caseload::from_database(DB, "attune-c-"), None);
    assert_eq!(Caseload::from_database(DB, "attune-inbox"), None);
    assert_eq!(Caseload::from_database(DB, "other-c-x"), None);
}

#[test]
fn therapist_ids_and_database_names_that_break_the_rules_are_refused() {
    for bad in ["", "a:b", "a b", "é", "a/b", &"x".repeat(65)] {
        assert_eq!(
            TherapistId::parse(bad),
            Err(CaseloadError::BadTherapist(bad.to_string())),
            "{bad:?}"
        );
    }
    assert!(TherapistId::parse(&"x".repeat(64)).is_ok());
    assert_eq!(
        Caseload::of(Some("a:b")),
        Err(CaseloadError::BadTherapist("a:b".into()))
    );
    assert_eq!(Caseload::of(None), Ok(Caseload::Clinic));
    for bad in ["Attune", "1clinic", "", "clinic db"] {
        assert_eq!(
            of("t-1").database(bad),
            Err(CaseloadError::BadDatabase(bad.to_string()))
        );
    }
    // 64 capitals spell as 192 characters: with a long clinic name, too long.
    let long = "a".repeat(60);
    assert_eq!(
        of(&"A".repeat(64)).database(&long),
        Err(CaseloadError::TooLong("A".repeat(64)))
    );
    assert!(of(&"A".repeat(64)).database(DB).is_ok());
}

proptest! {
    /// Two different therapists never share a database, and each name is
    /// valid and reads back as its therapist.
    #[test]
    fn distinct_therapists_never_share_a_database(
        a in "[A-Za-z0-9._-]{1,64}",
        b in "[A-Za-z0-9._-]{1,64}",
    ) {
        let (da, db) = (of(&a).database(DB).unwrap(), of(&b).database(DB).unwrap());
        prop_assert!(valid_db_name(&da));
        prop_assert_eq!(a == b, da == db);
        prop_assert_eq!(Caseload::from_database(DB, &da), Some(of(&a)));
        prop_assert_ne!(da, DB);
    }
}

#[test]
fn each_record_follows_its_clients_caseload_and_an_unassigned_one_stays_home() {
    let a = assignments();
    let ana = of("t-ana");
    let home = of("t-home");
    let cases = [
        (c("c-1"), ana.clone()),
        (c("c-3"), of("t-ben")),
        (c("c-4"), Caseload::Clinic),
        (rating("r-1", Some("c-1")), ana.clone()),
        (rating("r-3", Some("c-3")), of("t-ben")),
        (rating("r-4", Some("c-4")), Caseload::Clinic),
        (unrated("u-1", "c-2"), ana.clone()),
        (end("e-1", "c-1"), ana.clone()),
        // No client, or a client this device does not know: where it was made.
        (rating("q-1", None), home.clone()),
        (rating("r-9", Some("c-unknown")), home.clone()),
        (unrated("u-9", "c-unknown"), home.clone()),
    ];
    for (record, want) in cases {
        assert_eq!(caseload_of(&record, &a, &home), want, "{}", record.id());
    }
    assert_eq!(owner(&rating("q-1", None), &a), None);
    // The map form (client → therapist, every known client) reads the same.
    let map: HashMap<String, String> = [("c-1", "t-ana"), ("c-2", "t-ana"), ("c-3", "t-ben")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let from_map = Assignments::from_map(&map, ["c-1", "c-2", "c-3", "c-4"]).unwrap();
    assert_eq!(from_map, a);
    assert_eq!(
        Assignments::new([("c-1", Some("bad id"))]),
        Err(CaseloadError::BadTherapist("bad id".into()))
    );
}

#[test]
fn a_therapist_syncs_their_own_database_a_lead_several_a_tablet_none() {
    let laptop = Joined::therapist(t("t-ana"));
    assert_eq!(
        laptop.databases(DB).unwrap(),
        vec![(of("t-ana"), "attune-c-t-ana".to_string())]
    );
    let lead = Joined::lead(Caseload::Clinic, [of("t-ben"), of("t-ana"), of("t-ana")]);
    assert_eq!(
        lead.databases(DB).unwrap(),
        vec![
            (Caseload::Clinic, "attune".to_string()),
            (of("t-ana"), "attune-c-t-ana".to_string()),
            (of("t-ben"), "attune-c-t-ben".to_string()),
        ]
    );
    assert_eq!(Joined::clinic().databases(DB).unwrap().len(), 1);
    assert!(Joined::tablet().databases(DB).unwrap().is_empty());
    assert_eq!(Joined::tablet().home(), None);
    assert!(!laptop.holds(&of("t-ben")));
}

#[test]
fn a_record_goes_to_a_held_caseload_a_rating_for_another_to_its_inbox_else_nowhere() {
    let a = assignments();
    let laptop = Joined::therapist(t("t-ana"));
    let tablet = Joined::tablet();
    let lead = Joined::lead(Caseload::Clinic, [of("t-ana"), of("t-ben")]);
    let db = |c: Caseload| Destination::Database(c);
    let cases = [
        (&laptop, rating("r-1", Some("c-1")), db(of("t-ana"))),
        (&laptop, rating("q-1", None), db(of("t-ana"))),
        (
            &laptop,
            rating("r-3", Some("c-3")),
            Destination::Inbox(t("t-ben")),
        ),
        (&laptop, c("c-3"), Destination::Keep),
        (&laptop, unrated("u-3", "c-3"), Destination::Keep),
        (&laptop, rating("r-4", Some("c-4")), Destination::Keep),
        (
            &tablet,
            rating("r-1", Some("c-1")),
            Destination::Inbox(t("t-ana")),
        ),
        (
            &tablet,
            rating("r-3", Some("c-3")),
            Destination::Inbox(t("t-ben")),
        ),
        (&tablet, rating("q-1", None), Destination::Keep),
        (&tablet, end("e-1", "c-1"), Destination::Keep),
        (&lead, rating("r-3", Some("c-3")), db(of("t-ben"))),
        (&lead, rating("q-1", None), db(Caseload::Clinic)),
        (&lead, c("c-4"), db(Caseload::Clinic)),
    ];
    for (joined, record, want) in cases {
        assert_eq!(destination(&record, &a, joined), want, "{}", record.id());
    }
}

#[test]
fn a_device_refuses_what_it_did_not_join_and_ignores_another_caseloads_records() {
    let a = assignments();
    let ana = of("t-ana");
    let ben = of("t-ben");
    let laptop = Joined::therapist(t("t-ana"));
    let lead = Joined::lead(Caseload::Clinic, [ana.clone(), ben.clone()]);
    // Pulled from a database this device never joined: refused outright.
    assert_eq!(
        arrival(&ben, &rating("r-3", Some("c-3")), None, &a, &laptop),
        Arrival::NotJoined
    );
    // Ana's own records from Ana's database.
    assert_eq!(
        arrival(&ana, &rating("r-1", Some("c-1")), None, &a, &laptop),
        Arrival::Accept
    );
    assert_eq!(
        arrival(&ana, &c("c-1"), Some(&ana), &a, &laptop),
        Arrival::Accept
    );
    // Ben's client's rating written into Ana's database: not kept.
    assert_eq!(
        arrival(&ana, &rating("r-3", Some("c-3")), None, &a, &laptop),
        Arrival::Misplaced(ben.clone())
    );
    // A client record naming Ben, in Ana's database (an old copy after a
    // transfer): not kept on Ana's laptop.
    assert_eq!(
        arrival(&ana, &c("c-1"), Some(&ben), &a, &laptop),
        Arrival::Misplaced(ben.clone())
    );
    assert_eq!(
        arrival(&ana, &c("c-1"), None, &a, &laptop),
        Arrival::Misplaced(Caseload::Clinic)
    );
    // A client not known yet, an unassigned rating: accepted (the client
    // follows in the same database).
    assert_eq!(
        arrival(&ana, &rating("r-9", Some("c-new")), None, &a, &laptop),
        Arrival::Accept
    );
    assert_eq!(
        arrival(&ana, &rating("q-1", None), None, &a, &laptop),
        Arrival::Accept
    );
    // The lead holds both: the two copies of a transfer are both accepted
    // (merged by id), whichever arrives first.
    assert_eq!(
        arrival(&ana, &rating("r-3", Some("c-3")), None, &a, &lead),
        Arrival::Accept
    );
    assert_eq!(
        arrival(&ben, &c("c-1"), Some(&ben), &a, &lead),
        Arrival::Accept
    );
}

// ---------------------------------------------------------------------
// A server in memory: each database's revision trees and the record each
// revision holds (the ciphertext is a stand-in: the plans never read it).
// ---------------------------------------------------------------------

#[derive(Clone, Debug, Default)]
struct Db {
    docs: BTreeMap<String, (RevTree, BTreeMap<Rev, Option<Record>>)>,
}

impl Db {
    fn with(records: &[Record]) -> Db {
        let mut db = Db::default();
        for r in records {
            db.write(&Write {
                record: r.clone(),
                parent_path: Vec::new(),
            });
        }
        db
    }

    fn write(&mut self, w: &Write) {
        let ct = serde_json::to_vec(&w.record).unwrap();
        let env = Envelope::new([7; 12], [ct.as_slice(), &[0; 16]].concat()).unwrap();
        let r = &w.record;
        let doc = WireDoc::revision(r.kind(), r.id(), r.changed_at(), env, &w.parent_path);
        self.put(&doc, Some(r.clone()));
    }

    fn put(&mut self, doc: &WireDoc, record: Option<Record>) {
        let path = doc.path().unwrap();
        let (tree, bodies) = self.docs.entry(doc.id.clone()).or_default();
        tree.insert(&path, doc.deleted);
        bodies.insert(path[0].clone(), record);
    }

    /// A new edit of `record` on top of the winner (a device still syncing).
    fn edit(&mut self, record: Record) {
        let id = attune::domain::sync::revs::doc_id(record.kind(), record.id());
        let parent_path = self
            .held()
            .into_iter()
            .find(|d| d.doc_id == id)
            .unwrap()
            .winner_path();
        self.write(&Write {
            record,
            parent_path,
        });
    }

    fn held(&self) -> Vec<HeldDoc> {
        self.docs
            .iter()
            .map(|(id, (tree, bodies))| HeldDoc {
                doc_id: id.clone(),
                tree: tree.clone(),
                record: tree
                    .winner()
                    .filter(|w| !w.deleted)
                    .and_then(|w| bodies[&w.rev].clone()),
            })
            .collect()
    }

    /// The records open here, by document id.
    fn open(&self) -> BTreeMap<String, Record> {
        self.held()
            .into_iter()
            .filter_map(|d| d.record.map(|r| (d.doc_id, r)))
            .collect()
    }

    /// Every document ever written carries a payload only on a revision
    /// holding a record (a stub never does).
    fn payload_revisions(&self) -> usize {
        self.docs
            .values()
            .map(|(_, b)| b.values().filter(|r| r.is_some()).count())
            .sum()
    }
}

fn doc_of(r: &Record) -> String {
    attune::domain::sync::revs::doc_id(r.kind(), r.id())
}

/// Ana's caseload: her clients c-1 (the one moved) and c-2.
fn anas_records() -> Vec<Record> {
    vec![
        c("c-1"),
        c("c-2"),
        rating("r-1", Some("c-1")),
        rating("o-1", Some("c-1")),
        unrated("u-1", "c-1"),
        end("e-1", "c-1"),
        rating("r-2", Some("c-2")),
        rating("q-1", None),
    ]
}

/// The client record as it must be in the new caseload (the therapist field
/// is the lead's; the label stands in for it).
fn moved(r: &Record) -> Record {
    match r {
        Record::Client(c) => {
            let mut c = c.clone();
            c.label = format!("{} (Ben's)", c.label.trim_end_matches(" (Ben's)"));
            c.updated_at = Some(at("2026-04-01T10:00:00Z"));
            Record::Client(c)
        }
        other => other.clone(),
    }
}

fn c1_transfer() -> Transfer {
    Transfer {
        client_id: "c-1".into(),
        from: of("t-ana"),
        to: of("t-ben"),
    }
}

fn lead() -> Joined {
    Joined::lead(Caseload::Clinic, [of("t-ana"), of("t-ben")])
}

/// One effect of a plan: a write into `to` or a stub into `from`.
enum Op {
    Write(Write),
    Close(WireDoc),
}

/// Runs a transfer, applying at most `budget` effects (then "cut"); returns
/// the effects applied.
fn run_transfer(a: &mut Db, b: &mut Db, budget: usize, check: &dyn Fn(&Db, &Db)) -> usize {
    let mut done = 0;
    loop {
        let step = next_step(&c1_transfer(), &lead(), &a.held(), &b.held(), moved).unwrap();
        let ops: Vec<Op> = match step {
            TransferStep::Done => return done,
            TransferStep::Write(ws) => ws.into_iter().map(Op::Write).collect(),
            TransferStep::Close(stubs) => stubs.into_iter().map(Op::Close).collect(),
        };
        for op in ops {
            if done == budget {
                return done;
            }
            match op {
                Op::Write(w) => b.write(&w),
                Op::Close(stub) => {
                    assert!(stub.payload.is_none() && stub.doc_type.is_none());
                    assert!(stub.updated_at.is_none());
                    a.put(&stub, None)
                }
            }
            done += 1;
            check(a, b);
        }
    }
}

#[test]
fn a_transfer_writes_the_new_caseload_first_and_loses_nothing_when_cut_anywhere() {
    let records = anas_records();
    let c1: Vec<&Record> = records
        .iter()
        .filter(|r| attune::domain::sync::caseloads::client_of(r) == Some("c-1"))
        .collect();
    assert_eq!(c1.len(), 5);
    // After every single write or stub: each of c-1's records is open, as
    // it should be, in Ana's database or in Ben's.
    let check = |a: &Db, b: &Db| {
        let (oa, ob) = (a.open(), b.open());
        for r in &c1 {
            let id = doc_of(r);
            assert!(
                oa.get(&id) == Some(*r) || ob.get(&id) == Some(&moved(r)),
                "{id} readable nowhere"
            );
        }
    };
    let total = run_transfer(
        &mut Db::with(&records),
        &mut Db::default(),
        usize::MAX,
        &check,
    );
    assert_eq!(total, 10, "five writes, then five stubs");
    for cut in 0..total {
        let (mut a, mut b) = (Db::with(&records), Db::default());
        assert_eq!(run_transfer(&mut a, &mut b, cut, &check), cut);
        // Run again from where it stopped, to the end.
        run_transfer(&mut a, &mut b, usize::MAX, &check);
        let (oa, ob) = (a.open(), b.open());
        let want_b: BTreeMap<String, Record> = c1.iter().map(|r| (doc_of(r), moved(r))).collect();
        assert_eq!(ob, want_b, "cut after {cut}");
        let stays: BTreeMap<String, Record> = records
            .iter()
            .filter(|r| !c1.contains(r))
            .map(|r| (doc_of(r), r.clone()))
            .collect();
        assert_eq!(oa, stays, "cut after {cut}");
        // Ana's database gained no payload: only stubs were written there.
        assert_eq!(a.payload_revisions(), records.len());
        // Ben's: one revision per record, however often the run was cut.
        assert_eq!(b.payload_revisions(), 5, "cut after {cut}");
    }
}

#[test]
fn the_client_record_is_written_first_closed_last_and_an_edit_made_meanwhile_is_copied_again() {
    let mut a = Db::with(&anas_records());
    let mut b = Db::default();
    let first = next_step(&c1_transfer(), &lead(), &a.held(), &b.held(), moved).unwrap();
    let TransferStep::Write(ws) = first else {
        panic!("writes first: {first:?}")
    };
    assert_eq!(ws[0].record, moved(&c("c-1")));
    assert!(ws.iter().all(|w| w.parent_path.is_empty()));
    for w in &ws {
        b.write(w);
    }
    // A device still on Ana's caseload edits a rating before the stubs.
    let Record::Rating(mut r1) = rating("r-1", Some("c-1")) else {
        unreachable!()
    };
    r1.scores = common::tenths(&[10, 20, 30, 40]);
    a.edit(Record::Rating(r1.clone()));
    let again = next_step(&c1_transfer(), &lead(), &a.held(), &b.held(), moved).unwrap();
    let TransferStep::Write(ws) = again else {
        panic!("the edit is copied before anything is closed: {again:?}")
    };
    assert_eq!(ws.len(), 1);
    assert_eq!(ws[0].record, Record::Rating(r1));
    assert_eq!(
        ws[0].parent_path.len(),
        1,
        "on top of Ben's copy, not beside it"
    );
    b.write(&ws[0]);
    let close = next_step(&c1_transfer(), &lead(), &a.held(), &b.held(), moved).unwrap();
    let TransferStep::Close(stubs) = close else {
        panic!("then the stubs: {close:?}")
    };
    assert_eq!(stubs.len(), 5);
    assert_eq!(
        stubs.last().unwrap().id,
        "client:c-1",
        "the client record closed last"
    );
}

#[test]
fn a_client_transferred_away_and_back_is_reopened_on_top_of_the_old_stubs() {
    let records = anas_records();
    let (mut a, mut b) = (Db::with(&records), Db::default());
    run_transfer(&mut a, &mut b, usize::MAX, &|_, _| {});
    let back = Transfer {
        client_id: "c-1".into(),
        from: of("t-ben"),
        to: of("t-ana"),
    };
    loop {
        match next_step(&back, &lead(), &b.held(), &a.held(), |r| r.clone()).unwrap() {
            TransferStep::Done => break,
            TransferStep::Write(ws) => {
                assert!(ws.iter().all(|w| w.parent_path.len() == 2), "record, stub");
                ws.iter().for_each(|w| a.write(w));
            }
            TransferStep::Close(stubs) => stubs.iter().for_each(|s| b.put(s, None)),
        }
    }
    assert!(b.open().is_empty());
    assert_eq!(a.open().len(), records.len());
    // No document of Ana's has two open copies: reopened, not forked.
    assert!(a.held().iter().all(|d| d.live_leaves().len() <= 1));
}

#[test]
fn a_transfer_refuses_unsettled_copies_and_caseloads_the_device_does_not_hold() {
    let mut a = Db::with(&anas_records());
    let b = Db::default();
    let go = |joined: &Joined, t: &Transfer, a: &Db, b: &Db| {
        next_step(t, joined, &a.held(), &b.held(), moved)
    };
    assert_eq!(
        go(&Joined::therapist(t("t-ana")), &c1_transfer(), &a, &b),
        Err(TransferError::NotJoined(of("t-ben")))
    );
    let same = Transfer {
        to: of("t-ana"),
        ..c1_transfer()
    };
    assert_eq!(go(&lead(), &same, &a, &b), Err(TransferError::SameCaseload));
    let nobody = Transfer {
        client_id: "c-9".into(),
        ..c1_transfer()
    };
    assert_eq!(
        go(&lead(), &nobody, &a, &b),
        Err(TransferError::NoSuchClient)
    );
    // Two open copies of r-1 (two devices edited it apart): settle first.
    let Record::Rating(mut r1) = rating("r-1", Some("c-1")) else {
        unreachable!()
    };
    r1.scores = common::tenths(&[10, 20, 30, 40]);
    a.write(&Write {
        record: Record::Rating(r1),
        parent_path: Vec::new(),
    });
    assert_eq!(
        go(&lead(), &c1_transfer(), &a, &b),
        Err(TransferError::Unsettled("rating:r-1".into()))
    );
}

// ---------------------------------------------------------------------
// The move from one clinic database to one per caseload.
// ---------------------------------------------------------------------

fn clinic_records() -> Vec<Record> {
    vec![
        c("c-1"),
        c("c-2"),
        c("c-3"),
        c("c-4"),
        rating("r-1", Some("c-1")),
        rating("r-2", Some("c-2")),
        rating("r-3", Some("c-3")),
        rating("r-4", Some("c-4")),
        unrated("u-3", "c-3"),
        end("e-1", "c-1"),
        rating("q-1", None),
    ]
}

struct Clinic {
    old: Db,
    new: BTreeMap<Caseload, Db>,
}

impl Clinic {
    fn new_held(&self) -> BTreeMap<Caseload, Vec<HeldDoc>> {
        self.new
            .iter()
            .map(|(c, d)| (c.clone(), d.held()))
            .collect()
    }
}

/// Runs the move (manifest made once, kept) with at most `budget` effects.
fn run_move(clinic: &mut Clinic, m: &Manifest, budget: usize) -> (usize, Option<MoveStep>) {
    let mut done = 0;
    loop {
        let step = split::next_step(m, &clinic.old.held(), &clinic.new_held()).unwrap();
        let mut ops: Vec<(Option<Caseload>, Op)> = Vec::new();
        match &step {
            MoveStep::Done(_) | MoveStep::Stop(_) => return (done, Some(step)),
            MoveStep::Copy(by) => {
                for (c, ws) in by {
                    ops.extend(ws.iter().map(|w| (Some(c.clone()), Op::Write(w.clone()))));
                }
            }
            MoveStep::Close { verified, stubs } => {
                assert_eq!(verified.len(), 2, "Ana's and Ben's, checked before closing");
                ops.extend(stubs.iter().map(|s| (None, Op::Close(s.clone()))));
            }
        }
        for (c, op) in ops {
            if done == budget {
                return (done, None);
            }
            match op {
                Op::Write(w) => clinic.new.entry(c.unwrap()).or_default().write(&w),
                Op::Close(s) => clinic.old.put(&s, None),
            }
            done += 1;
            // Nothing is ever readable nowhere.
            let mut everywhere: BTreeMap<String, Record> = clinic.old.open();
            for db in clinic.new.values() {
                everywhere.extend(db.open());
            }
            for r in clinic_records() {
                assert_eq!(
                    everywhere.get(&doc_of(&r)),
                    Some(&r),
                    "{} readable nowhere",
                    r.id()
                );
            }
        }
    }
}

#[test]
fn the_move_copies_checks_every_tally_then_closes_and_resumes_from_any_cut() {
    let records = clinic_records();
    let m = split::manifest(&Db::with(&records).held(), &assignments()).unwrap();
    assert_eq!(Manifest::decode(&m.encode()), Some(m.clone()));
    let expected = m.expected().unwrap();
    assert_eq!(
        expected
            .iter()
            .map(|(c, t)| (c.clone(), t.count))
            .collect::<Vec<_>>(),
        vec![(Caseload::Clinic, 3), (of("t-ana"), 5), (of("t-ben"), 3)],
        "c-4, r-4 and the unassigned q-1 stay"
    );
    let fresh = || Clinic {
        old: Db::with(&records),
        new: BTreeMap::new(),
    };
    let (total, last) = run_move(&mut fresh(), &m, usize::MAX);
    assert_eq!(total, 16, "eight copies, eight stubs");
    assert_eq!(last, Some(MoveStep::Done(expected.clone())));
    for cut in 0..total {
        let mut clinic = fresh();
        assert_eq!(run_move(&mut clinic, &m, cut).0, cut);
        let (_, last) = run_move(&mut clinic, &m, usize::MAX);
        assert_eq!(
            last,
            Some(MoveStep::Done(expected.clone())),
            "cut after {cut}"
        );
        // Each database holds exactly its own, each record once.
        let want = |pred: &dyn Fn(&Caseload) -> bool| -> BTreeMap<String, Record> {
            records
                .iter()
                .filter(|r| pred(&caseload_of(r, &assignments(), &Caseload::Clinic)))
                .map(|r| (doc_of(r), r.clone()))
                .collect()
        };
        assert_eq!(clinic.old.open(), want(&|c| *c == Caseload::Clinic));
        for who in ["t-ana", "t-ben"] {
            assert_eq!(clinic.new[&of(who)].open(), want(&|c| *c == of(who)));
            assert_eq!(
                clinic.new[&of(who)].payload_revisions(),
                want(&|c| *c == of(who)).len(),
                "no copy made twice (cut after {cut})"
            );
        }
        assert_eq!(clinic.old.payload_revisions(), records.len());
    }
}

#[test]
fn the_move_started_again_after_closing_accounts_for_what_it_moved_before() {
    let records = clinic_records();
    let mut clinic = Clinic {
        old: Db::with(&records),
        new: BTreeMap::new(),
    };
    let m = split::manifest(&clinic.old.held(), &assignments()).unwrap();
    run_move(&mut clinic, &m, 11); // every copy, three stubs
                                   // Started again from scratch: a new manifest of what the clinic's
                                   // database holds open now.
    let again = split::manifest(&clinic.old.held(), &assignments()).unwrap();
    assert_eq!(again.entries.len(), records.len() - 3);
    let (_, last) = run_move(&mut clinic, &again, usize::MAX);
    assert!(matches!(last, Some(MoveStep::Done(_))), "{last:?}");
    assert_eq!(clinic.old.open().len(), 3);
}

#[test]
fn the_move_stops_with_nothing_closed_when_a_record_is_in_two_places_or_unexpected() {
    let records = clinic_records();
    let m = split::manifest(&Db::with(&records).held(), &assignments()).unwrap();
    let mut clinic = Clinic {
        old: Db::with(&records),
        new: BTreeMap::new(),
    };
    // Ben's database already holds one of Ana's ratings, and a record
    // nobody moved.
    clinic.new.insert(
        of("t-ben"),
        Db::with(&[rating("r-1", Some("c-1")), rating("x-1", Some("c-3"))]),
    );
    let (_, last) = run_move(&mut clinic, &m, usize::MAX);
    let Some(MoveStep::Stop(problems)) = last else {
        panic!("{last:?}")
    };
    assert!(problems.contains(&Discrepancy::Duplicated {
        doc_id: "rating:r-1".into(),
        caseload: of("t-ben"),
    }));
    assert!(problems.contains(&Discrepancy::Unexpected {
        doc_id: "rating:x-1".into(),
        caseload: of("t-ben"),
    }));
    assert_eq!(clinic.old.open().len(), records.len(), "nothing closed");
}

#[test]
fn the_move_refuses_an_unreadable_or_edited_record_and_counts_only_records() {
    let records = clinic_records();
    let mut old = Db::with(&records);
    let m = split::manifest(&old.held(), &assignments()).unwrap();
    // A device still syncing edits Ana's rating: nothing may be closed.
    let Record::Rating(mut r1) = rating("r-1", Some("c-1")) else {
        unreachable!()
    };
    r1.scores = common::tenths(&[10, 20, 30, 40]);
    old.edit(Record::Rating(r1));
    assert_eq!(
        split::next_step(&m, &old.held(), &BTreeMap::new()),
        Err(MoveError::Changed("rating:r-1".into()))
    );
    // A record that cannot be read: no manifest.
    let mut held = Db::with(&records).held();
    held[0].record = None;
    assert_eq!(
        split::manifest(&held, &assignments()),
        Err(MoveError::Unsettled(held[0].doc_id.clone()))
    );
    // The key document is not a record: not counted, never moved.
    let mut with_key = Db::with(&records).held();
    with_key.push(HeldDoc {
        doc_id: "attune:key".into(),
        tree: RevTree::new(),
        record: None,
    });
    assert!(parse_doc_id("attune:key").is_none());
    assert_eq!(
        split::manifest(&with_key, &assignments())
            .unwrap()
            .entries
            .len(),
        records.len()
    );
}

#[test]
fn a_tally_is_the_same_in_any_order_and_changes_with_any_record() {
    let a = Tally::of([("rating:1", "aa"), ("client:2", "bb")]);
    assert_eq!(a, Tally::of([("client:2", "bb"), ("rating:1", "aa")]));
    assert_eq!(a.count, 2);
    assert_ne!(a, Tally::of([("client:2", "bb"), ("rating:1", "ab")]));
    assert_ne!(a, Tally::of([("client:2", "bb"), ("rating:3", "aa")]));
    assert_ne!(a, Tally::of([("client:2", "bb")]));
    // Lengths are part of the digest: parts cannot slide into each other.
    assert_ne!(Tally::of([("ab", "c")]), Tally::of([("a", "bc")]));
}
