//! The conflict rule: two devices editing the same record offline end with
//! the same record whichever device resolves, ties are broken the same way
//! everywhere, and a rating's scores never change.

use attune::domain::measures::language::Wording;
use attune::domain::measures::rating::{NoteInput, Rating};
use attune::domain::measures::score::Tenths;
use attune::domain::records::case::Member;
use attune::domain::records::layout::{Kind, Record};
use attune::domain::records::older::{since, Field};
use attune::domain::records::store::Client;
use attune::domain::sync::conflict::{
    resolve, resolve_beside, Candidate, ConflictError, Keep, Report,
};
use attune::domain::sync::crypto_format::Envelope;
use attune::domain::sync::revs::{doc_id, Rev, RevTree, WireDoc};
use chrono::{DateTime, Utc};

fn at(s: &str) -> DateTime<Utc> {
    attune::domain::time::parse(s).unwrap()
}

fn client(label: &str, updated: Option<&str>) -> Client {
    Client {
        id: "c-1".into(),
        label: label.into(),
        created_at: at("2026-01-05T09:00:00Z"),
        updated_at: updated.map(at),
        ..Client::default()
    }
}

fn member(id: &str, updated: &str) -> Member {
    Member {
        id: id.into(),
        label: id.to_uppercase(),
        age_group: Default::default(),
        collateral: false,
        archived: false,
        created_at: at(updated),
        updated_at: Some(at(updated)),
    }
}

fn rating(scores: [u16; 4], recorded: &str, updated: Option<&str>, client: &str) -> Rating {
    Rating {
        id: "r-1".into(),
        recorded_at: at(recorded),
        session_at: at(recorded),
        client_id: Some(client.into()),
        scores: scores.iter().map(|&t| Tenths::new(t).unwrap()).collect(),
        scale_id: "srs-attune".into(),
        scale_version: 1,
        updated_at: updated.map(at),
        ..Rating::default()
    }
}

fn envelope(seed: u8) -> Envelope {
    Envelope::new([seed; 12], vec![seed; 32]).unwrap()
}

/// One device: its revision tree of the document and the decrypted record
/// of each revision it holds.
#[derive(Clone)]
struct Device {
    tree: RevTree,
    records: Vec<(Rev, Record)>,
}

impl Device {
    fn write(&mut self, record: Record, parent: Option<&Rev>, seed: u8) -> WireDoc {
        let path = parent.map(|p| self.tree.path_to(p)).unwrap_or_default();
        let doc = WireDoc::revision(
            record.kind(),
            record.id(),
            record.changed_at(),
            envelope(seed),
            &path,
        );
        self.receive(&doc, Some(record));
        doc
    }

    fn receive(&mut self, doc: &WireDoc, record: Option<Record>) {
        self.tree.insert(&doc.path().unwrap(), doc.deleted);
        if let Some(r) = record {
            self.records.push((doc.rev().unwrap(), r));
        }
    }

    fn candidates(&self) -> Vec<Candidate> {
        self.tree
            .leaves()
            .into_iter()
            .filter(|l| !l.deleted)
            .map(|l| {
                let record = (self.records.iter())
                    .find(|(r, _)| *r == l.rev)
                    .unwrap()
                    .1
                    .clone();
                Candidate::current(l.rev, record)
            })
            .collect()
    }

    /// Resolves and writes the outcome: the documents it sends.
    fn resolve(&mut self, seed: u8) -> Vec<WireDoc> {
        let res = resolve(&self.candidates()).unwrap();
        let id = doc_id(res.record.kind(), res.record.id());
        let mut out = res.stubs(&id, &self.tree);
        for stub in &out {
            self.receive(stub, None);
        }
        if let Keep::Write { parent } = &res.keep {
            out.push(self.write(res.record.clone(), Some(parent), seed));
        }
        out
    }

    fn live(&self) -> Vec<Record> {
        self.candidates().into_iter().map(|c| c.record).collect()
    }
}

/// Two devices holding revision 1 of `base`, then each editing offline.
fn two_devices(base: Record, a_edit: Record, b_edit: Record) -> (Device, Device, Vec<WireDoc>) {
    let mut a = Device {
        tree: RevTree::new(),
        records: Vec::new(),
    };
    let first = a.write(base.clone(), None, 1);
    let mut b = a.clone();
    let r1 = first.rev().unwrap();
    let da = a.write(a_edit.clone(), Some(&r1), 2);
    let db = b.write(b_edit.clone(), Some(&r1), 3);
    // They reconnect: each receives the other's edit.
    a.receive(&db, Some(b_edit));
    b.receive(&da, Some(a_edit));
    (a, b, vec![da, db])
}

#[test]
fn the_same_client_renamed_on_two_devices_ends_the_same_on_both() {
    let base = Record::Client(client("JD", None));
    let renamed_a = Record::Client(client("JD-A", Some("2026-03-01T10:00:00Z")));
    let renamed_b = Record::Client(client("JD-B", Some("2026-03-01T11:00:00Z")));
    let (mut a, mut b, _) = two_devices(base, renamed_a, renamed_b.clone());
    assert_eq!(a.candidates().len(), 2);

    // Either device may resolve: the same outcome, to the byte.
    let res_a = resolve(&a.candidates()).unwrap();
    let mut reversed = b.candidates();
    reversed.reverse();
    let res_b = resolve(&reversed).unwrap();
    assert_eq!(res_a, res_b);
    assert_eq!(res_a.record, renamed_b);
    assert!(matches!(res_a.keep, Keep::Leaf(_)));
    assert_eq!(res_a.delete.len(), 1);

    // Both resolve at once and exchange what they wrote: one live leaf,
    // the same on both, and nothing new to resolve.
    let from_a = a.resolve(10);
    let from_b = b.resolve(11);
    assert_eq!(from_a, from_b, "the stubs are the same on both devices");
    for d in &from_b {
        a.receive(d, None);
    }
    for d in &from_a {
        b.receive(d, None);
    }
    assert_eq!(a.live(), std::slice::from_ref(&renamed_b));
    assert_eq!(b.live(), [renamed_b]);
    assert_eq!(a.tree.winner(), b.tree.winner());
}

#[test]
fn a_tie_in_updated_at_goes_to_the_higher_revision_everywhere() {
    let when = Some("2026-03-01T10:00:00Z");
    let base = Record::Client(client("JD", None));
    let (a, _, docs) = two_devices(
        base,
        Record::Client(client("AA", when)),
        Record::Client(client("BB", when)),
    );
    let res = resolve(&a.candidates()).unwrap();
    let higher = docs.iter().map(|d| d.rev().unwrap()).max().unwrap();
    assert_eq!(res.keep, Keep::Leaf(higher.clone()));
    let kept = a.records.iter().find(|(r, _)| *r == higher).unwrap();
    assert_eq!(res.record, kept.1);
}

#[test]
fn archiving_is_an_edit_like_any_other_and_nothing_is_deleted() {
    let base = Record::Client(client("JD", None));
    let mut archived = client("JD", Some("2026-03-01T12:00:00Z"));
    archived.archived = true;
    let (mut a, _, _) = two_devices(
        base,
        Record::Client(archived.clone()),
        Record::Client(client("JD2", Some("2026-03-01T09:00:00Z"))),
    );
    let docs = a.resolve(9);
    assert_eq!(a.live(), [Record::Client(archived)]);
    // Only the losing revision was closed; the record lives on.
    assert!(docs.iter().all(|d| d.deleted && d.payload.is_none()));
    assert!(a.tree.winner().is_some_and(|w| !w.deleted));
}

#[test]
fn members_added_on_either_device_are_all_kept_and_devices_converge() {
    let mut base = client("Fam", None);
    base.members = vec![member("m1", "2026-01-05T09:00:00Z")];
    let mut with_m2 = base.clone();
    with_m2.members.push(member("m2", "2026-03-01T09:00:00Z"));
    with_m2.updated_at = Some(at("2026-03-01T09:00:00Z"));
    let mut renamed = base.clone();
    renamed.label = "Family".into();
    renamed.updated_at = Some(at("2026-03-01T10:00:00Z"));
    let (mut a, mut b, _) = two_devices(
        Record::Client(base),
        Record::Client(with_m2),
        Record::Client(renamed.clone()),
    );
    let res = resolve(&a.candidates()).unwrap();
    let Record::Client(merged) = &res.record else {
        panic!()
    };
    assert_eq!(merged.label, "Family");
    let ids: Vec<&str> = merged.members.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["m1", "m2"]);
    assert!(
        matches!(res.keep, Keep::Write { .. }),
        "new content is written"
    );

    // Both write it at once, each with its own IV: two revisions with the
    // same content. One more round closes one of them on both devices.
    let from_a = a.resolve(20);
    let from_b = b.resolve(21);
    for d in &from_b {
        let rec = (!d.deleted).then(|| res.record.clone());
        a.receive(d, rec);
    }
    for d in &from_a {
        let rec = (!d.deleted).then(|| res.record.clone());
        b.receive(d, rec);
    }
    assert_eq!(a.candidates().len(), 2);
    let again_a = a.resolve(30);
    let again_b = b.resolve(31);
    assert_eq!(
        again_a, again_b,
        "nothing new is written, the same stub closes"
    );
    for d in &again_b {
        a.receive(d, None);
    }
    for d in &again_a {
        b.receive(d, None);
    }
    assert_eq!(a.live(), std::slice::from_ref(&res.record));
    assert_eq!(b.live(), [res.record]);
    assert_eq!(a.tree.winner(), b.tree.winner());
}

#[test]
fn a_ratings_scores_never_change_whatever_the_copies_say() {
    let base = rating([90, 80, 70, 60], "2026-03-02T16:00:00Z", None, "c-1");
    // Device A moves it to another client; device B holds a corrupted copy
    // with other scores, recorded later, and a later edit of its note.
    let moved = rating(
        [90, 80, 70, 60],
        "2026-03-02T16:00:00Z",
        Some("2026-03-03T09:00:00Z"),
        "c-2",
    );
    let mut tampered = rating(
        [10, 10, 10, 10],
        "2026-03-04T16:00:00Z",
        Some("2026-03-05T09:00:00Z"),
        "c-1",
    );
    tampered.scale_version = 9;
    let (a, b, _) = two_devices(
        Record::Rating(base.clone()),
        Record::Rating(moved),
        Record::Rating(tampered.clone()),
    );
    let res = resolve(&a.candidates()).unwrap();
    assert_eq!(res, resolve(&b.candidates()).unwrap());
    let Record::Rating(kept) = &res.record else {
        panic!()
    };
    assert_eq!(kept.scores, base.scores);
    assert_eq!(kept.recorded_at, base.recorded_at);
    assert_eq!(kept.scale_version, 1);
    // The later edit (client, note, date) is taken.
    assert_eq!(kept.client_id, tampered.client_id);
    assert_eq!(kept.updated_at, tampered.updated_at);
    assert!(matches!(
        &res.reports[..],
        [Report::ScoresDiffered { set_aside, .. }] if set_aside.len() == 1
    ));
}

#[test]
fn a_rating_edited_on_two_devices_takes_the_later_edit_and_keeps_its_scores() {
    let base = rating([90, 80, 70, 60], "2026-03-02T16:00:00Z", None, "c-1");
    let mut noted = base.clone();
    noted.updated_at = Some(at("2026-03-03T09:00:00Z"));
    noted.session_at = at("2026-03-01T16:00:00Z");
    let mut moved = base.clone();
    moved.client_id = Some("c-2".into());
    moved.updated_at = Some(at("2026-03-03T08:00:00Z"));
    let (a, _, _) = two_devices(
        Record::Rating(base),
        Record::Rating(noted.clone()),
        Record::Rating(moved),
    );
    let res = resolve(&a.candidates()).unwrap();
    assert_eq!(res.record, Record::Rating(noted));
    assert!(matches!(res.keep, Keep::Leaf(_)));
    assert!(res.reports.is_empty());
}

#[test]
fn copies_of_different_records_or_none_are_refused() {
    assert_eq!(resolve(&[]), Err(ConflictError::NoCopies));
    let c = |id: &str, r: &str| {
        let record = Record::Client(Client {
            id: id.into(),
            ..client("X", None)
        });
        Candidate::current(Rev::parse(r).unwrap(), record)
    };
    assert_eq!(
        resolve(&[c("c-1", "2-a"), c("c-2", "2-b")]),
        Err(ConflictError::DifferentRecords)
    );
    // A single leaf resolves to itself, nothing to close.
    let one = resolve(&[c("c-1", "2-a")]).unwrap();
    assert_eq!(one.keep, Keep::Leaf(Rev::parse("2-a").unwrap()));
    assert!(one.delete.is_empty());
    assert_eq!(Kind::Client, one.record.kind());
}

#[test]
fn a_rename_from_a_device_that_names_no_therapists_keeps_the_clients_therapist() {
    let base = Record::Client(client("JD", None));
    let mut assigned = client("JD", Some("2026-03-01T10:00:00Z"));
    assigned.therapist = Some("Dana".into());
    // An older device renames later; it never knew of therapists.
    let renamed = client("JD2", Some("2026-03-01T11:00:00Z"));
    let (a, b, _) = two_devices(base, Record::Client(assigned), Record::Client(renamed));
    let res = resolve(&a.candidates()).unwrap();
    let Record::Client(c) = &res.record else {
        panic!("a client")
    };
    assert_eq!(c.label, "JD2", "the later rename is taken");
    assert_eq!(
        c.therapist.as_deref(),
        Some("Dana"),
        "the therapist is never cleared"
    );
    assert!(
        matches!(res.keep, Keep::Write { .. }),
        "the outcome is neither copy: written"
    );
    let mut reversed = b.candidates();
    reversed.reverse();
    assert_eq!(
        resolve(&reversed).unwrap(),
        res,
        "the same outcome on either device"
    );
}

/// The schema version just before clients had a language.
fn before_languages() -> u32 {
    since(Field::Language) - 1
}

fn spanish() -> Option<String> {
    Some("es".into())
}

#[test]
fn a_rename_on_a_device_from_before_languages_keeps_the_clients_language() {
    let mut set = client("JD", Some("2026-03-01T10:00:00Z"));
    set.language = spanish();
    // The older device read the client, dropped the field it did not know,
    // and renamed it later: its copy says nothing of a language.
    let renamed = client("JD2", Some("2026-03-01T11:00:00Z"));
    let copies = [
        Candidate::current(Rev::parse("2-aaaa").unwrap(), Record::Client(set)),
        Candidate {
            version: before_languages(),
            ..Candidate::current(Rev::parse("2-bbbb").unwrap(), Record::Client(renamed))
        },
    ];
    let res = resolve(&copies).unwrap();
    let Record::Client(c) = &res.record else {
        panic!("a client")
    };
    assert_eq!(c.label, "JD2", "the later rename is taken");
    assert_eq!(c.language, spanish(), "the language is not cleared");
    assert!(matches!(res.keep, Keep::Write { .. }), "written back whole");
    let mut reversed = copies.to_vec();
    reversed.reverse();
    assert_eq!(
        resolve(&reversed).unwrap(),
        res,
        "the same on either device"
    );
}

#[test]
fn a_lone_copy_from_before_languages_is_filled_from_this_devices_and_written_back() {
    let mut ours = client("JD", Some("2026-03-01T10:00:00Z"));
    ours.language = spanish();
    let renamed = Candidate {
        version: before_languages(),
        ..Candidate::current(
            Rev::parse("3-cccc").unwrap(),
            Record::Client(client("JD2", Some("2026-03-01T11:00:00Z"))),
        )
    };
    let res = resolve_beside(std::slice::from_ref(&renamed), Some(&Record::Client(ours))).unwrap();
    let Record::Client(c) = &res.record else {
        panic!("a client")
    };
    assert_eq!((c.label.as_str(), c.language.clone()), ("JD2", spanish()));
    assert_eq!(
        res.keep,
        Keep::Write {
            parent: Rev::parse("3-cccc").unwrap()
        },
        "the server's copy gets the language back"
    );
    assert!(res.delete.is_empty());
}

#[test]
fn a_language_cleared_on_a_device_of_this_version_stays_cleared() {
    let mut ours = client("JD", Some("2026-03-01T10:00:00Z"));
    ours.language = spanish();
    // Set back to Attune's English by a therapist on an up-to-date device.
    let cleared = Candidate::current(
        Rev::parse("3-dddd").unwrap(),
        Record::Client(client("JD", Some("2026-03-01T11:00:00Z"))),
    );
    let res = resolve_beside(std::slice::from_ref(&cleared), Some(&Record::Client(ours))).unwrap();
    let Record::Client(c) = &res.record else {
        panic!("a client")
    };
    assert_eq!(c.language, None);
    assert_eq!(res.keep, Keep::Leaf(Rev::parse("3-dddd").unwrap()));
}

#[test]
fn a_ratings_copy_from_before_languages_keeps_its_wording_and_is_no_score_conflict() {
    let mut given = rating([50, 60, 70, 80], "2026-03-01T10:00:00Z", None, "c-1");
    given.wording = Some(Box::new(Wording {
        language: "es".into(),
        name: "Español".into(),
        pack: "attune-es".into(),
        version: 1,
    }));
    // An older device added a note; it had dropped the wording it did not know.
    let mut noted = rating(
        [50, 60, 70, 80],
        "2026-03-01T10:00:00Z",
        Some("2026-03-02T10:00:00Z"),
        "c-1",
    );
    let note = NoteInput {
        client_feedback: "talked about work".into(),
        therapist_response: String::new(),
    };
    noted.note = Some(note.clone());
    let copies = [
        Candidate::current(Rev::parse("2-aaaa").unwrap(), Record::Rating(given.clone())),
        Candidate {
            version: before_languages(),
            ..Candidate::current(Rev::parse("2-bbbb").unwrap(), Record::Rating(noted))
        },
    ];
    let res = resolve(&copies).unwrap();
    assert!(res.reports.is_empty(), "the same scores: nothing set aside");
    let Record::Rating(r) = &res.record else {
        panic!("a rating")
    };
    assert_eq!(r.note, Some(note), "the later edit");
    assert_eq!(
        r.wording, given.wording,
        "the wording it was given in stays"
    );
}

#[test]
fn a_cleared_language_kept_against_an_older_rename_reaches_a_device_still_holding_the_language() {
    // An up-to-date device set the client back to Attune's English; a
    // device from before languages renamed the client later.
    let cleared = Candidate::current(
        Rev::parse("3-dddd").unwrap(),
        Record::Client(client("JD", Some("2026-03-01T11:00:00Z"))),
    );
    let renamed = Candidate {
        version: before_languages(),
        ..Candidate::current(
            Rev::parse("2-bbbb").unwrap(),
            Record::Client(client("JD2", Some("2026-03-01T12:00:00Z"))),
        )
    };
    let res = resolve(&[cleared, renamed.clone()]).unwrap();
    let Record::Client(c) = &res.record else {
        panic!("a client")
    };
    assert_eq!((c.label.as_str(), c.language.clone()), ("JD2", None));
    // What the server holds afterwards, as another device of this version
    // finds it: it has not pulled the clearing yet and still holds Spanish.
    let left = match &res.keep {
        Keep::Leaf(r) if *r == renamed.rev => renamed.clone(),
        Keep::Leaf(r) => Candidate::current(r.clone(), res.record.clone()),
        Keep::Write { .. } => Candidate::current(Rev::parse("4-eeee").unwrap(), res.record.clone()),
    };
    let mut stale = client("JD", Some("2026-03-01T10:00:00Z"));
    stale.language = spanish();
    let there = resolve_beside(&[left], Some(&Record::Client(stale))).unwrap();
    let Record::Client(c) = &there.record else {
        panic!("a client")
    };
    assert_eq!(
        c.language, None,
        "the clearing made on an up-to-date device is not undone by one that missed it"
    );
}
