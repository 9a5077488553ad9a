//! The server is checked, not trusted: a server restored from
//! an older copy or emptied gets back, from the devices, everything they
//! had synced to it, and the status never says "synced" meanwhile.
//!
//! An in-memory server (revision trees per document, a sequence, a key
//! document, `_local` checkpoints, the database's identity) and devices
//! that sync with it through the domain's own functions: the same steps
//! the shell takes (`src/sync/run.rs`), without the network or WebCrypto.

use attune::domain::records::layout::Record;
use attune::domain::records::store::{Client, Store};
use attune::domain::sync::checkpoint::{next_checkpoint, resume_from, Checkpoint};
use attune::domain::sync::crypto_format::Envelope;
use attune::domain::sync::engine::{self, DigestMemo, Push, Synced};
use attune::domain::sync::keys::{key_copy, restore_key, KeyDoc, KeyRestore};
use attune::domain::sync::protocol::{parse_revs_diff, revs_diff_request, Seq};
use attune::domain::sync::revs::{RevTree, WireDoc};
use attune::domain::sync::status::{status_words, Trouble};
use attune::domain::sync::verify::{
    checkpoint_device, full_offer, offer_batches, parse_db_info, sign_of_checkpoints, signs_before,
    to_resend, DbInfo, ServerMark, Sign,
};
use attune::domain::words::Words;
use chrono::{TimeZone, Utc};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// The server's database: what a backup copies and a restore puts back.
#[derive(Clone, Default)]
struct Server {
    trees: BTreeMap<String, RevTree>,
    /// The clear record of each stored revision (stands in for decrypting).
    bodies: HashMap<(String, String), Record>,
    seq: u64,
    instance: String,
    key: Option<String>,
    checkpoints: BTreeMap<String, Checkpoint>,
    /// `_revs_diff` requests answered (to see when the server is trusted).
    diffs: usize,
}

impl Server {
    fn new(instance: &str) -> Server {
        Server {
            instance: instance.into(),
            ..Server::default()
        }
    }

    fn info(&self) -> String {
        json!({"db_name": "attune", "update_seq": self.seq, "instance_start_time": self.instance})
            .to_string()
    }

    fn revs_diff(&mut self, body: &str) -> String {
        self.diffs += 1;
        let asked: BTreeMap<String, Vec<String>> = serde_json::from_str(body).unwrap();
        let mut out = serde_json::Map::new();
        for (id, revs) in asked {
            let missing: Vec<String> = revs
                .into_iter()
                .filter(|r| {
                    let rev = attune::domain::sync::revs::Rev::parse(r).unwrap();
                    !self.trees.get(&id).is_some_and(|t| t.contains(&rev))
                })
                .collect();
            if !missing.is_empty() {
                out.insert(id, json!({ "missing": missing }));
            }
        }
        Value::Object(out).to_string()
    }

    fn bulk_docs(&mut self, docs: &[(WireDoc, Record)]) {
        for (d, record) in docs {
            let path = d.path().unwrap();
            if self
                .trees
                .entry(d.id.clone())
                .or_default()
                .insert(&path, false)
            {
                self.seq += 1;
            }
            self.bodies
                .insert((d.id.clone(), d.rev.clone()), record.clone());
        }
    }

    /// What a new device receives: each document's winning record.
    fn received(&self) -> Vec<String> {
        let mut labels: Vec<String> = self
            .trees
            .iter()
            .filter_map(|(id, t)| {
                let w = t.winner()?;
                match self.bodies.get(&(id.clone(), w.rev.to_string()))? {
                    Record::Client(c) => Some(c.label.clone()),
                    _ => None,
                }
            })
            .collect();
        labels.sort();
        labels
    }
}

/// A device: its records, its notes, its checkpoint and its mark.
struct Device {
    id: String,
    store: Store,
    notes: HashMap<String, Synced>,
    checkpoint: Option<Checkpoint>,
    mark: Option<ServerMark>,
    key_copy: Option<String>,
    memo: DigestMemo,
    runs: u32,
}

/// What one run saw and did.
#[derive(Debug, Default)]
struct Ran {
    signs: Vec<Sign>,
    resent: usize,
    trouble: Option<Trouble>,
}

fn key_doc() -> String {
    KeyDoc::new([7; 16], [1; 16], 600_000, [2; 40]).encode()
}

fn kid() -> String {
    KeyDoc::decode(&key_doc()).unwrap().0.kid
}

impl Device {
    fn new(id: &str) -> Device {
        Device {
            id: id.into(),
            store: Store::default(),
            notes: HashMap::new(),
            checkpoint: None,
            mark: None,
            key_copy: None,
            memo: DigestMemo::default(),
            runs: 0,
        }
    }

    fn add(&mut self, id: &str, label: &str) {
        self.store.clients.push(Client {
            id: id.into(),
            label: label.into(),
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap(),
            ..Client::default()
        });
    }

    fn sealed(&self, push: &Push) -> (WireDoc, Record) {
        let path: Vec<_> = push.parent.iter().cloned().collect();
        let iv = [(self.runs % 250) as u8 + 1; 12];
        let ct = push.record.body_text().into_bytes();
        let mut ct = ct;
        ct.extend([0; 16]);
        let doc = WireDoc::revision(
            push.record.kind(),
            push.record.id(),
            push.record.changed_at(),
            Envelope::new(iv, ct).unwrap(),
            &path,
        );
        (doc, push.record.clone())
    }

    fn send(&mut self, server: &mut Server, pushes: Vec<Push>) -> usize {
        let docs: Vec<(WireDoc, Record)> = pushes.iter().map(|p| self.sealed(p)).collect();
        server.bulk_docs(&docs);
        for (d, r) in &docs {
            self.notes
                .insert(d.id.clone(), Synced::of(d.rev().unwrap(), r));
        }
        docs.len()
    }

    /// One run, as the shell's: the database, the key, the checkpoints,
    /// push, the full comparison when a sign says so, then the checkpoint.
    fn sync(&mut self, server: &mut Server) -> Ran {
        self.sync_until(server, false)
    }

    /// A run; `cut_after_push`: the tab closes once the push is through,
    /// before the pull moves the checkpoint.
    fn sync_until(&mut self, server: &mut Server, cut_after_push: bool) -> Ran {
        self.runs += 1;
        let mut ran = Ran::default();
        let db: DbInfo = parse_db_info(&server.info()).unwrap();
        let key_present = match &server.key {
            Some(k) => {
                assert_eq!(KeyDoc::decode(k).unwrap().0.kid, kid());
                self.key_copy = key_copy(k);
                true
            }
            None => false,
        };
        let plan = signs_before(&db, self.mark.as_ref(), key_present);
        self.mark = Some(plan.mark.clone());
        if plan.fresh_checkpoint {
            self.checkpoint = None;
        }
        if !key_present {
            match restore_key(self.key_copy.as_deref(), &kid()) {
                KeyRestore::Put(doc) => server.key = Some(doc),
                KeyRestore::NeedPassphrase => {
                    ran.trouble = Some(Trouble::KeyMissing);
                    return ran;
                }
            }
        }
        let rid = checkpoint_device(&self.id, plan.mark.epoch);
        let server_cp = server.checkpoints.get(&rid).cloned();
        let mut signs = plan.signs.clone();
        signs.extend(sign_of_checkpoints(
            self.checkpoint.as_ref(),
            server_cp.as_ref(),
        ));
        if !signs.is_empty() {
            self.mark.as_mut().unwrap().owed = true;
        }
        let notes = self.notes.clone();
        let pushes = engine::to_push(&self.store, |id| notes.get(id).cloned(), &mut self.memo);
        let mut pushed = self.send(server, pushes);
        if !signs.is_empty() {
            let notes = self.notes.clone();
            let offer = full_offer(&self.store, |id| notes.get(id).cloned(), &mut self.memo);
            let mut missing = BTreeMap::new();
            for batch in offer_batches(&offer, 2) {
                let answer = server.revs_diff(&revs_diff_request(&batch));
                missing.extend(parse_revs_diff(&answer).unwrap());
            }
            let resend = to_resend(&self.store, |id| notes.get(id).cloned(), &missing);
            ran.resent = self.send(server, resend);
            pushed += ran.resent;
        }
        if pushed > 0 {
            let seen = parse_db_info(&server.info()).unwrap();
            self.mark = Some(self.mark.as_ref().unwrap().saw(&seen));
        }
        if cut_after_push {
            ran.signs = signs;
            return ran;
        }
        // The pull: from where both sides agree, up to the server's end.
        let _since = resume_from(self.checkpoint.as_ref(), server_cp.as_ref());
        let cp = next_checkpoint(self.checkpoint.as_ref(), &rid, "run", Seq::Num(server.seq));
        server.checkpoints.insert(rid, cp.clone());
        self.checkpoint = Some(cp);
        self.mark = Some(
            self.mark
                .as_ref()
                .unwrap()
                .finished(&db, Some(&Seq::Num(server.seq))),
        );
        ran.signs = signs;
        ran
    }
}

fn labels(d: &Device) -> Vec<String> {
    let mut l: Vec<String> = d.store.clients.iter().map(|c| c.label.clone()).collect();
    l.sort();
    l
}

fn clinic() -> (Server, Device) {
    let mut server = Server::new("1700000000000");
    server.key = Some(key_doc());
    let mut a = Device::new("dev-a");
    a.add("c1", "AA");
    a.add("c2", "BB");
    let ran = a.sync(&mut server);
    assert!(ran.signs.is_empty(), "a first sync has nothing to doubt");
    (server, a)
}

#[test]
fn a_server_in_step_is_trusted_and_never_compared_in_full() {
    let (mut server, mut a) = clinic();
    a.add("c3", "CC");
    for _ in 0..3 {
        let ran = a.sync(&mut server);
        assert!(ran.signs.is_empty(), "{:?}", ran.signs);
    }
    assert_eq!(
        server.diffs, 0,
        "no full comparison while the server is in step"
    );
    assert_eq!(server.received(), labels(&a));
}

#[test]
fn a_server_restored_from_an_older_copy_gets_back_what_came_after() {
    let (mut server, mut a) = clinic();
    let backup = server.clone();
    a.add("c3", "CC");
    a.store.clients[0].label = "AA2".into();
    a.store.clients[0].updated_at = Some(Utc.with_ymd_and_hms(2026, 2, 1, 9, 0, 0).unwrap());
    a.sync(&mut server);
    assert_eq!(server.received(), ["AA2", "BB", "CC"]);

    // The clinic restores its CouchDB from the copy (its _local checkpoint
    // and sequence come back older).
    server = backup;
    assert_eq!(
        server.received(),
        ["AA", "BB"],
        "the restore lost CC and AA2"
    );
    // The notes still call everything synced: the old rule would send nothing.
    let notes = a.notes.clone();
    assert!(engine::to_push(
        &a.store,
        |id| notes.get(id).cloned(),
        &mut DigestMemo::default()
    )
    .is_empty());
    let ran = a.sync(&mut server);
    assert!(ran.signs.contains(&Sign::WentBack), "{:?}", ran.signs);
    assert_eq!(ran.resent, 2, "CC and AA2 sent again; BB was there");
    assert_eq!(ran.trouble, None);
    // A fresh device receives the clinic as it was, not the older copy.
    assert_eq!(server.received(), ["AA2", "BB", "CC"]);
    // Done once: the next run trusts the server again.
    let before = server.diffs;
    assert!(a.sync(&mut server).signs.is_empty());
    assert_eq!(server.diffs, before);
}

#[test]
fn a_server_emptied_and_made_again_gets_its_key_and_every_record_back() {
    let (mut server, mut a) = clinic();
    a.add("c3", "CC");
    a.sync(&mut server);
    // Wiped: a new database, no key, no checkpoint, sequence from zero.
    server = Server::new("1700000099999");
    let ran = a.sync(&mut server);
    assert!(ran.signs.contains(&Sign::Recreated));
    assert!(ran.signs.contains(&Sign::KeyGone));
    assert_eq!(ran.trouble, None, "the kept copy of the key puts it back");
    assert_eq!(
        server
            .key
            .as_deref()
            .map(|k| KeyDoc::decode(k).unwrap().0.kid),
        Some(kid())
    );
    assert_eq!(ran.resent, 3);
    assert_eq!(server.received(), ["AA", "BB", "CC"]);
    // The pull starts over under a checkpoint id the old server never had.
    assert_eq!(a.mark.as_ref().unwrap().epoch, 1);
    assert!(server.checkpoints.contains_key("dev-a/1"));
}

#[test]
fn without_a_copy_of_the_key_the_device_waits_for_the_passphrase_and_owes_the_comparison() {
    let (mut server, mut a) = clinic();
    a.key_copy = None; // a device from before copies were kept
    server.key = None;
    let ran = a.sync(&mut server);
    assert_eq!(ran.trouble, Some(Trouble::KeyMissing));
    assert!(
        a.mark.as_ref().unwrap().owed,
        "the comparison is owed until done"
    );
    // Nothing waits by the notes, yet the status does not say synced.
    let words = status_words(0, 0, a.mark.as_ref().unwrap().owed, ran.trouble, Words::EN);
    assert!(!words.contains("synced"), "{words}");
    // The passphrase put the key back (the shell wraps it); the next run
    // compares and sends.
    server.key = Some(key_doc());
    let ran = a.sync(&mut server);
    assert!(ran.signs.contains(&Sign::Unfinished), "{:?}", ran.signs);
    assert_eq!(server.received(), ["AA", "BB"]);
    assert!(!a.mark.as_ref().unwrap().owed);
}

#[test]
fn a_server_copied_without_its_checkpoints_is_compared_even_when_its_sequence_is_higher() {
    let (mut server, mut a) = clinic();
    a.add("c3", "CC");
    a.sync(&mut server);
    // Restored by replication from a backup: no _local documents, and a
    // sequence that happens to be higher than the device saw.
    let mut restored = Server::new(&server.instance);
    restored.key = server.key.clone();
    restored.seq = server.seq + 50;
    // Only AA's record came across in the copy.
    restored
        .trees
        .insert("client:c1".into(), server.trees["client:c1"].clone());
    restored.bodies = server.bodies.clone();
    let ran = a.sync(&mut restored);
    assert_eq!(ran.signs, vec![Sign::CheckpointGone]);
    assert_eq!(restored.received(), ["AA", "BB", "CC"]);
}

#[test]
fn the_checkpoints_tell_behind_from_in_step() {
    let one = next_checkpoint(None, "rid", "run-a", Seq::Num(5));
    let two = next_checkpoint(Some(&one), "rid", "run-b", Seq::Num(9));
    assert_eq!(sign_of_checkpoints(None, None), None, "a fresh device");
    assert_eq!(sign_of_checkpoints(None, Some(&two)), None);
    assert_eq!(sign_of_checkpoints(Some(&two), Some(&two)), None);
    // The device's own write was lost: the server is ahead, not behind.
    assert_eq!(sign_of_checkpoints(Some(&one), Some(&two)), None);
    assert_eq!(
        sign_of_checkpoints(Some(&two), Some(&one)),
        Some(Sign::CheckpointBehind)
    );
    assert_eq!(
        sign_of_checkpoints(Some(&two), None),
        Some(Sign::CheckpointGone)
    );
    let other = next_checkpoint(None, "rid", "run-x", Seq::Num(9));
    assert_eq!(
        sign_of_checkpoints(Some(&two), Some(&other)),
        Some(Sign::CheckpointBehind)
    );
}

#[test]
fn the_database_is_read_on_couchdb_3_and_pouchdb_server_alike() {
    let couch3 = parse_db_info(
        r#"{"db_name":"attune","update_seq":"42-g1AAAABXeJzLYWBgYMpgTmHgz8tPSTV0MDQy1zMAQsMckEQiQ1L9____","instance_start_time":"0"}"#,
    )
    .unwrap();
    assert_eq!(
        couch3,
        DbInfo {
            instance: "0".into(),
            seq: Some(42)
        }
    );
    let pouch =
        parse_db_info(r#"{"db_name":"a","update_seq":7,"instance_start_time":"1733"}"#).unwrap();
    assert_eq!(pouch.seq, Some(7));
    assert!(parse_db_info("<html>").is_err());
    // CouchDB 3 always says "0": a new instance is told by the sequence only.
    let mark = ServerMark {
        instance: "0".into(),
        seq: 42,
        epoch: 0,
        owed: false,
    };
    assert!(signs_before(&couch3, Some(&mark), true).signs.is_empty());
    let lower = DbInfo {
        instance: "0".into(),
        seq: Some(3),
    };
    let plan = signs_before(&lower, Some(&mark), true);
    assert_eq!(plan.signs, vec![Sign::WentBack]);
    assert!(plan.fresh_checkpoint && plan.mark.owed);
    assert_eq!(plan.mark.epoch, 1);
    assert_eq!(plan.mark.seq, 3, "remembers the new timeline");
    // A device that never ran the check has no mark: nothing to doubt yet.
    assert!(signs_before(&lower, None, true).signs.is_empty());
    assert_eq!(
        ServerMark::decode(Some(&plan.mark.encode())),
        Some(plan.mark)
    );
    assert_eq!(ServerMark::decode(Some("{")), None);
    assert_eq!(checkpoint_device("d", 0), "d", "the id a device had before");
    assert_eq!(checkpoint_device("d", 2), "d/2");
}

#[test]
fn a_copy_of_another_key_is_never_put_back() {
    let copy = key_copy(&key_doc()).unwrap();
    assert_eq!(
        restore_key(Some(&copy), &kid()),
        KeyRestore::Put(copy.clone())
    );
    assert_eq!(
        restore_key(Some(&copy), "another"),
        KeyRestore::NeedPassphrase
    );
    assert_eq!(restore_key(None, &kid()), KeyRestore::NeedPassphrase);
    assert_eq!(restore_key(Some("{"), &kid()), KeyRestore::NeedPassphrase);
    // The copy carries no server revision (a PUT on a new database takes none).
    let mut with_rev = KeyDoc::decode(&key_doc()).unwrap().0;
    with_rev.rev = Some("3-abc".into());
    assert!(!key_copy(&with_rev.encode()).unwrap().contains("3-abc"));
}

#[test]
fn the_status_never_says_synced_while_anything_is_known_missing() {
    let synced = "Everything on this device is synced.";
    assert_eq!(status_words(0, 0, false, None, Words::EN), synced);
    assert_eq!(
        status_words(0, 2, false, None, Words::EN),
        "2 records are waiting to sync."
    );
    assert_eq!(
        status_words(1, 2, true, None, Words::EN),
        "3 records are waiting to sync."
    );
    assert_ne!(status_words(0, 0, true, None, Words::EN), synced);
    for t in [
        Trouble::KeyMissing,
        Trouble::KeyChanged,
        Trouble::Unreachable,
    ] {
        assert_ne!(
            status_words(0, 0, false, Some(t), Words::EN),
            synced,
            "{t:?}"
        );
    }
}

#[test]
fn what_a_push_reached_is_remembered_before_the_pull() {
    let mark = ServerMark {
        instance: "0".into(),
        seq: 10,
        epoch: 2,
        owed: false,
    };
    let after_push = DbInfo {
        instance: "0".into(),
        seq: Some(12),
    };
    let seen = mark.saw(&after_push);
    assert_eq!((seen.seq, seen.epoch, seen.owed), (12, 2, false));
    // The server restored to a copy from before that push: a lower sequence.
    let restored = DbInfo {
        instance: "0".into(),
        seq: Some(10),
    };
    assert_eq!(
        signs_before(&restored, Some(&seen), true).signs,
        vec![Sign::WentBack]
    );
    // Never lower than what was already seen.
    assert_eq!(mark.saw(&restored).seq, 10);
}

#[test]
fn a_restore_to_just_before_a_push_whose_pull_never_ran_is_still_seen() {
    let (mut server, mut a) = clinic();
    let backup = server.clone();
    a.add("c3", "CC");
    a.sync_until(&mut server, true); // pushed; the checkpoint never moved
    server = backup; // the same checkpoint as the device's
    let ran = a.sync(&mut server);
    assert_eq!(ran.signs, vec![Sign::WentBack]);
    assert_eq!(server.received(), ["AA", "BB", "CC"]);
}
