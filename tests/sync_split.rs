//! The move from one clinic database to one per caseload, as the lead's
//! device runs it (`domain::sync::split`): who holds each client by the
//! lead's word, each record as its caseload's database gets it (the newer
//! of the clinic's copy and the lead's, a client naming its therapist), the
//! plan cut after every write and run again, the refusals and the words.

mod common;

use attune::domain::records::layout::Record;
use attune::domain::records::store::{Client, Store};
use attune::domain::sync::caseloads::{Caseload, Joined, TherapistId};
use attune::domain::sync::crypto_format::Envelope;
use attune::domain::sync::revs::{Rev, RevTree, WireDoc};
use attune::domain::sync::split::{
    self, caseload_name, done_words, not_joined, not_joined_words, place, step_words, stop_words,
    Discrepancy, Manifest, MoveError, MoveStep, Placing, Tally,
};
use attune::domain::sync::transfer::{HeldDoc, Write};
use attune::domain::words::Words;
use common::{at, client, srs};
use std::collections::BTreeMap;

fn of(id: &str) -> Caseload {
    Caseload::Therapist(TherapistId::parse(id).unwrap())
}

fn cl(id: &str, therapist: Option<&str>) -> Client {
    let mut c = client(id, &format!("label {id}"), at("2026-01-05T09:00:00Z"));
    c.therapist = therapist.map(String::from);
    c
}

fn rating(id: &str, client: Option<&str>) -> Record {
    Record::Rating(srs(
        id,
        client,
        at("2026-02-02T16:00:00Z"),
        &[90, 85, 80, 95],
    ))
}

/// A database in memory: revision trees and the record of each revision.
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

    fn open(&self) -> BTreeMap<String, Record> {
        self.held()
            .into_iter()
            .filter_map(|d| d.record.map(|r| (d.doc_id, r)))
            .collect()
    }

    fn payload_revisions(&self) -> usize {
        self.docs
            .values()
            .map(|(_, b)| b.values().filter(|r| r.is_some()).count())
            .sum()
    }
}

/// The clinic's database: c-1 and c-2 naming no therapist, c-3 naming
/// Ben, each with a rating; c-4 nobody holds; an unassigned rating.
fn clinic_records() -> Vec<Record> {
    vec![
        Record::Client(cl("c-1", None)),
        Record::Client(cl("c-2", None)),
        Record::Client(cl("c-3", Some("Ben"))),
        Record::Client(cl("c-4", None)),
        rating("r-1", Some("c-1")),
        rating("r-2", Some("c-2")),
        rating("r-3", Some("c-3")),
        rating("r-4", Some("c-4")),
        rating("q-1", None),
    ]
}

/// The lead's device: it gave c-1 and c-2 to Ana (a later edit of each
/// client record), and holds an edit of r-2 made after the clinic's copy.
fn lead_store() -> Store {
    let mut s = Store::default();
    for id in ["c-1", "c-2"] {
        let mut c = cl(id, Some("Ana"));
        c.updated_at = Some(at("2026-04-01T10:00:00Z"));
        s.clients.push(c);
    }
    let Record::Rating(mut r2) = rating("r-2", Some("c-2")) else {
        unreachable!()
    };
    r2.therapist = Some("Ana".into());
    r2.updated_at = Some(at("2026-04-01T10:00:00Z"));
    s.ratings.push(r2);
    s
}

#[test]
fn a_caseload_gets_the_newer_copy_and_a_client_always_names_its_therapist() {
    let clinic = Record::Client(cl("c-1", None));
    let mut newer = cl("c-1", Some("Ana"));
    newer.updated_at = Some(at("2026-04-01T10:00:00Z"));
    let newer = Record::Client(newer);
    // The lead's later edit wins; the clinic's copy when the lead has none.
    assert_eq!(place(&clinic, Some(&newer), Some("Ana")), newer);
    let Record::Client(named) = place(&clinic, None, Some("Ana")) else {
        unreachable!()
    };
    assert_eq!(named.therapist.as_deref(), Some("Ana"));
    assert_eq!(
        named.updated_at, None,
        "naming the therapist stamps nothing"
    );
    // A clinic copy edited after the lead's: the clinic's, still naming
    // the lead's therapist for it.
    let mut edited = cl("c-1", None);
    edited.label = "renamed".into();
    edited.updated_at = Some(at("2026-05-01T10:00:00Z"));
    let Record::Client(got) = place(&Record::Client(edited), Some(&newer), Some("Ana")) else {
        unreachable!()
    };
    assert_eq!(
        (got.label.as_str(), got.therapist.as_deref()),
        ("renamed", Some("Ana"))
    );
    // The same therapist spelled otherwise is left as it is.
    let Record::Client(same) = place(&Record::Client(cl("c-1", Some("ana"))), None, Some("Ana"))
    else {
        unreachable!()
    };
    assert_eq!(same.therapist.as_deref(), Some("ana"));
    // Another record's copy is never taken; a rating is never renamed.
    let r = rating("r-1", Some("c-1"));
    assert_eq!(place(&r, Some(&rating("r-9", Some("c-1"))), Some("Ana")), r);
}

#[test]
fn the_leads_word_decides_who_holds_each_client_else_the_clinic_records() {
    let old = Db::with(&clinic_records()).held();
    let placing = Placing::new(&old, &lead_store());
    let a = placing.assignments();
    assert_eq!(a.get("c-1"), Some(&of("ana")));
    assert_eq!(
        a.get("c-3"),
        Some(&of("ben")),
        "named in the clinic's record"
    );
    assert_eq!(a.get("c-4"), None, "nobody's: stays in the clinic database");
    let m = split::manifest_placing(&old, &a, &Caseload::Clinic, |r| placing.place(r)).unwrap();
    let counts: Vec<(Caseload, u64)> = (m.expected().unwrap().into_iter())
        .map(|(c, t)| (c, t.count))
        .collect();
    assert_eq!(
        counts,
        vec![(Caseload::Clinic, 3), (of("ana"), 4), (of("ben"), 2)]
    );
    // What changes on the way is counted as it will be: the clients the
    // lead gave a therapist and the rating it edited since (c-3 already
    // names Ben, and goes as it is).
    let placed: Vec<&str> = (m.entries.iter())
        .filter(|(_, e)| e.placed.is_some())
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(placed, ["client:c-1", "client:c-2", "rating:r-2"]);
    assert_eq!(Manifest::decode(&m.encode()), Some(m.clone()));
    assert!(placing.holds(&placing.place(&clinic_records()[0])));
    assert!(!placing.holds(&clinic_records()[4]));
}

/// Runs the move with at most `budget` writes; the last step seen.
fn run(
    old: &mut Db,
    new: &mut BTreeMap<Caseload, Db>,
    m: &Manifest,
    placing: &Placing,
    budget: usize,
) -> (usize, Option<MoveStep>) {
    let mut done = 0;
    loop {
        let held: BTreeMap<Caseload, Vec<HeldDoc>> =
            new.iter().map(|(c, d)| (c.clone(), d.held())).collect();
        let step = split::next_step_placing(m, &old.held(), &held, |r| placing.place(r)).unwrap();
        let mut writes: Vec<(Option<Caseload>, Write)> = Vec::new();
        let mut stubs = Vec::new();
        match &step {
            MoveStep::Done(_) | MoveStep::Stop(_) => return (done, Some(step)),
            MoveStep::Copy(by) => {
                for (c, ws) in by {
                    writes.extend(ws.iter().map(|w| (Some(c.clone()), w.clone())));
                }
            }
            MoveStep::Close { stubs: s, .. } => stubs.extend(s.iter().cloned()),
        }
        for (c, w) in writes {
            if done == budget {
                return (done, None);
            }
            new.entry(c.unwrap()).or_default().write(&w);
            done += 1;
        }
        for s in stubs {
            if done == budget {
                return (done, None);
            }
            old.put(&s, None);
            done += 1;
            // Nothing the move closed is readable nowhere.
            let mut everywhere = old.open();
            for db in new.values() {
                everywhere.extend(db.open());
            }
            assert_eq!(everywhere.len(), clinic_records().len());
        }
    }
}

#[test]
fn the_move_by_the_leads_word_resumes_from_a_cut_after_every_write_copying_nothing_twice() {
    let records = clinic_records();
    let store = lead_store();
    let old0 = Db::with(&records);
    let placing = Placing::new(&old0.held(), &store);
    let m = split::manifest_placing(
        &old0.held(),
        &placing.assignments(),
        &Caseload::Clinic,
        |r| placing.place(r),
    )
    .unwrap();
    let (total, last) = run(
        &mut old0.clone(),
        &mut BTreeMap::new(),
        &m,
        &placing,
        usize::MAX,
    );
    assert_eq!(total, 12, "six copies, six stubs");
    let expected = m.expected().unwrap();
    assert_eq!(last, Some(MoveStep::Done(expected.clone())));
    for cut in 0..=total {
        let (mut old, mut new) = (old0.clone(), BTreeMap::new());
        run(&mut old, &mut new, &m, &placing, cut);
        let (_, last) = run(&mut old, &mut new, &m, &placing, usize::MAX);
        assert_eq!(last, Some(MoveStep::Done(expected.clone())), "cut {cut}");
        let ana = new[&of("ana")].open();
        assert_eq!(
            ana.keys().collect::<Vec<_>>(),
            ["client:c-1", "client:c-2", "rating:r-1", "rating:r-2"]
        );
        // The lead's edits went with them; the clinic's copies are closed.
        assert_eq!(ana["rating:r-2"], Record::Rating(store.ratings[0].clone()));
        let Record::Client(c1) = &ana["client:c-1"] else {
            unreachable!()
        };
        assert_eq!(c1.therapist.as_deref(), Some("Ana"));
        assert_eq!(new[&of("ana")].payload_revisions(), 4, "cut {cut}");
        assert_eq!(new[&of("ben")].payload_revisions(), 2, "cut {cut}");
        assert_eq!(
            old.open().keys().collect::<Vec<_>>(),
            ["client:c-4", "rating:q-1", "rating:r-4"]
        );
    }
}

#[test]
fn copies_the_lead_already_synced_into_a_caseload_count_as_moved() {
    let records = clinic_records();
    let store = lead_store();
    let mut old = Db::with(&records);
    let placing = Placing::new(&old.held(), &store);
    let m = split::manifest_placing(
        &old.held(),
        &placing.assignments(),
        &Caseload::Clinic,
        |r| placing.place(r),
    )
    .unwrap();
    // The lead's own sync already sent its four records of Ana's.
    let mut new = BTreeMap::new();
    let lead_copies: Vec<Record> = ["c-1", "c-2", "r-1", "r-2"]
        .iter()
        .map(|id| {
            let r = records.iter().find(|r| r.id() == *id).unwrap();
            placing.place(r)
        })
        .collect();
    new.insert(of("ana"), Db::with(&lead_copies));
    let (writes, last) = run(&mut old, &mut new, &m, &placing, usize::MAX);
    assert!(matches!(last, Some(MoveStep::Done(_))));
    assert_eq!(writes, 2 + 6, "Ben's two copies, then six stubs");
    assert_eq!(new[&of("ana")].payload_revisions(), 4);
}

#[test]
fn a_copy_the_lead_edits_during_the_move_stops_it_before_anything_is_closed() {
    let records = clinic_records();
    let old = Db::with(&records);
    let placing = Placing::new(&old.held(), &lead_store());
    let m = split::manifest_placing(
        &old.held(),
        &placing.assignments(),
        &Caseload::Clinic,
        |r| placing.place(r),
    )
    .unwrap();
    // Run again after the lead edited r-2 once more: its copy is no longer
    // what the manifest counted.
    let mut edited = lead_store();
    edited.ratings[0].updated_at = Some(at("2026-06-01T10:00:00Z"));
    let later = Placing::new(&old.held(), &edited);
    assert_eq!(
        split::next_step_placing(&m, &old.held(), &BTreeMap::new(), |r| later.place(r)),
        Err(MoveError::Changed("rating:r-2".into()))
    );
}

#[test]
fn the_move_needs_every_caseload_it_fills_joined_here() {
    let old = Db::with(&clinic_records()).held();
    let placing = Placing::new(&old, &lead_store());
    let m = split::manifest_placing(&old, &placing.assignments(), &Caseload::Clinic, |r| {
        placing.place(r)
    })
    .unwrap();
    let both = Joined::lead(of("ana"), [of("ben")]);
    assert_eq!(not_joined(&m, &both), Ok(vec![]));
    assert_eq!(
        not_joined(&m, &Joined::therapist(TherapistId::parse("ana").unwrap())),
        Ok(vec![of("ben")])
    );
    assert_eq!(
        not_joined(&m, &Joined::clinic()),
        Ok(vec![of("ana"), of("ben")])
    );
    let names = ["Ana".to_string()];
    assert_eq!(
        not_joined_words(&[of("ana"), of("ben")], &names, Words::EN),
        "Nothing was moved: Ana's and ben's caseloads are not joined on this device. Name each of them in Settings → Therapists, turn sync off and on again to join, then run the move again."
    );
}

#[test]
fn each_step_and_each_refusal_is_said_in_words() {
    let names = ["Ana".to_string(), "Ben".to_string()];
    assert_eq!(caseload_name(&of("ben"), &names, Words::EN), "Ben");
    assert_eq!(caseload_name(&of("cy"), &names, Words::EN), "cy");
    assert_eq!(
        caseload_name(&Caseload::Clinic, &names, Words::EN),
        "the clinic"
    );
    let w = |r: &Record| Write {
        record: r.clone(),
        parent_path: Vec::new(),
    };
    let copy = MoveStep::Copy(BTreeMap::from([(of("ana"), vec![w(&rating("r-1", None))])]));
    assert_eq!(
        step_words(&copy, &names, Words::EN),
        "Copying 1 record into Ana's caseload database…"
    );
    let t = |n: u64| Tally {
        count: n,
        checksum: format!("{n}"),
    };
    let verified = BTreeMap::from([
        (of("ana"), t(2)),
        (of("ben"), t(1)),
        (Caseload::Clinic, t(0)),
    ]);
    assert_eq!(
        done_words(&verified, &names, Words::EN),
        "The move is done: Ana's caseload database holds 2 records, Ben's caseload database holds 1 record, each checked by count and checksum. Every record of the clinic database moved, and each is closed there."
    );
    assert_eq!(
        done_words(&BTreeMap::from([(Caseload::Clinic, t(5))]), &names, Words::EN),
        "Nothing to move: no record in the clinic database belongs to a therapist's client (5 records there). Give each client a therapist on this device (the client's page, Therapist), then run the move again."
    );
    let problems = [
        Discrepancy::Duplicated {
            doc_id: "rating:r-1".into(),
            caseload: of("ben"),
        },
        Discrepancy::Unexpected {
            doc_id: "rating:x".into(),
            caseload: of("ana"),
        },
        Discrepancy::Tally {
            caseload: of("ana"),
            expected: t(3),
            found: t(2),
        },
        Discrepancy::Tally {
            caseload: of("ben"),
            expected: t(2),
            found: Tally {
                count: 2,
                checksum: "other".into(),
            },
        },
        Discrepancy::Tally {
            caseload: Caseload::Clinic,
            expected: t(1),
            found: t(2),
        },
    ];
    assert_eq!(
        stop_words(&problems, &names, Words::EN),
        "The move stopped with nothing closed in the clinic database: the record rating:r-1 is also in Ben's caseload database, not only its own; Ana's caseload database holds rating:x, which the move did not put there; Ana's caseload database holds 2 records where 3 were expected; Ben's caseload database holds 2 records as expected, but their contents differ; the clinic database keeps 2 records where 1 record should stay. Every record is still in the clinic database; set this right on the server, then run the move again."
    );
    assert_eq!(
        split::cut_words("The clinic server cannot be reached right now.", Words::EN),
        "The clinic server cannot be reached right now. The move stopped here, with nothing closed that is not already in its caseload's database: run it again once this is set right; it goes on from where it stopped."
    );
    assert_eq!(
        step_words(&MoveStep::Stop(problems[..1].to_vec()), &names, Words::EN),
        stop_words(&problems[..1], &names, Words::EN)
    );
}
