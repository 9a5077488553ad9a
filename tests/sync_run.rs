//! The sync shell's own loop (`sync::run::Run`, with `sync::setup` to turn
//! sync on) run natively on the in-memory platform against an in-memory
//! CouchDB: records sealed with real AES-256-GCM, pushed and pulled page by
//! page with checkpoints on both sides, conflicts settled by the rule, a
//! server failing mid-run, and the answers that mean "sign in again".
//!
//! The real CouchDB-compatible server and the real browser are tested in
//! `tests/browser/sync.test.mjs` and `couch.test.mjs`; this holds the loop's
//! decisions where each failure can be placed exactly.

mod common;

use attune::domain::records::layout::Record;
use attune::domain::records::store::{Client, Store};
use attune::domain::sync::config::SyncConfig;
use attune::domain::sync::engine::{self, DigestMemo};
use attune::domain::sync::protocol::PAGE_SIZE;
use attune::domain::sync::status::Trouble;
use attune::platform::memory::{
    ManualClock, MemoryFetch, MemoryPlatform, MemoryStore, SeededRandom,
};
use attune::platform::Outcome;
use attune::storage::sync_state;
use attune::sync::run::{Host, Report, Run};
use attune::sync::setup;
use futures_executor::block_on;
use serde_json::json;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

#[path = "common_couch/mod.rs"]
mod couch;

use couch::{answer, Couch, DB};

type Server = Rc<RefCell<Couch>>;

/// How many requests `couch` answered whose line holds `part`.
fn requests(couch: &Couch, part: &str) -> usize {
    couch.log.iter().filter(|l| l.contains(part)).count()
}

// --- a device: the in-memory platform, a store and the run's notes ---

type Net = Box<dyn FnMut(&str, &str, Option<&str>) -> Outcome>;

struct Device {
    p: MemoryPlatform<Net>,
    data: Data,
    synced: HashMap<String, engine::Synced>,
    memo: DigestMemo,
}

/// The device's data, as the page holds it (the run's [`Host`]); while
/// the flag is set, its saves are made but never committed (a full
/// IndexedDB refusing the transaction after the save was planned).
#[derive(Default)]
struct Data(RefCell<Store>, std::cell::Cell<bool>);

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
    fn kept(
        &self,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + '_>> {
        let refused = self.1.get();
        Box::pin(async move {
            if refused {
                Err("the browser's storage for Attune is full".into())
            } else {
                Ok(())
            }
        })
    }
    fn room(&self) -> Option<u64> {
        None
    }
    fn missing(&self, _count: usize) {}
}

fn device(server: &Server, seed: u64) -> Device {
    let s = server.clone();
    let net: Net = Box::new(move |m, u, b| s.borrow_mut().handle(m, u, b));
    Device {
        p: MemoryPlatform {
            kv: MemoryStore::new(),
            clock: ManualClock::at(common::january(10)),
            random: SeededRandom::new(seed),
            net: MemoryFetch::new(net),
        },
        data: Data::default(),
        synced: HashMap::new(),
        memo: DigestMemo::default(),
    }
}

fn config(device_id: &str) -> SyncConfig {
    SyncConfig {
        url: "http://couch.test".into(),
        db: "clinic".into(),
        user: "therapist".into(),
        device_id: device_id.into(),
        kid: String::new(),
    }
}

/// Turns sync on (the first device creates the clinic key, the others
/// join it with the passphrase), as the settings screen does.
fn turn_on(d: &Device, id: &str) -> Result<(), Trouble> {
    block_on(setup::turn_on(
        &d.p,
        config(id),
        "pw",
        "correct horse battery",
    ))
}

/// One run, as the scheduler starts it: the stored settings and key.
fn sync(d: &mut Device, batch: usize) -> Result<Report, Trouble> {
    let cfg = sync_state::config(&d.p).expect("sync is on");
    let key = block_on(setup::stored_key(&d.p)).expect("a stored key");
    block_on(Run::new(&d.p, &cfg, key, &mut d.synced, &mut d.memo, batch).go(&d.data))
}

fn add_clients(d: &Device, from: usize, n: usize) {
    let mut s = d.data.0.borrow_mut();
    for i in from..from + n {
        s.clients.push(common::client(
            &format!("c{i:04}"),
            &format!("C{i}"),
            common::january(1),
        ));
    }
}

fn labels(d: &Device) -> Vec<String> {
    let mut l: Vec<String> = d
        .data
        .0
        .borrow()
        .clients
        .iter()
        .map(|c| c.label.clone())
        .collect();
    l.sort();
    l
}

fn clinic() -> (Server, Device, Device) {
    let server: Server = Rc::default();
    let a = device(&server, 1);
    let b = device(&server, 2);
    turn_on(&a, "dev-a").unwrap();
    turn_on(&b, "dev-b").unwrap();
    assert_eq!(
        sync_state::config(&a.p).unwrap().kid,
        sync_state::config(&b.p).unwrap().kid,
        "both devices hold the one clinic key"
    );
    (server, a, b)
}

#[test]
fn two_devices_exchange_records_sealed_through_the_server() {
    let (server, mut a, mut b) = clinic();
    add_clients(&a, 0, 3);
    let ra = sync(&mut a, 200).unwrap();
    assert_eq!(ra.pushed, 3);
    // The server holds only ciphertext: no label travels in clear.
    let stored = serde_json::to_string(&server.borrow().revs.values().collect::<Vec<_>>()).unwrap();
    assert!(!stored.contains("\"C1\""), "labels are sealed");
    let rb = sync(&mut b, 200).unwrap();
    assert_eq!(rb.pulled, 3);
    assert_eq!(labels(&b), labels(&a));
    // A run with nothing new sends nothing and takes nothing.
    assert_eq!(sync(&mut a, 200).unwrap(), Report::default());
    assert_eq!(sync(&mut b, 200).unwrap(), Report::default());
}

#[test]
fn a_large_pull_goes_page_by_page_and_checkpoints_both_sides() {
    let (server, mut a, mut b) = clinic();
    let n = PAGE_SIZE as usize * 2 + 50;
    add_clients(&a, 0, n);
    // Pushed in batches of 200 documents per `_bulk_docs`.
    assert_eq!(sync(&mut a, 200).unwrap().pushed, n);
    assert_eq!(
        requests(&server.borrow(), "POST _bulk_docs"),
        n.div_ceil(200)
    );
    let before = requests(&server.borrow(), "GET _changes");
    assert_eq!(sync(&mut b, 200).unwrap().pulled, n);
    assert_eq!(labels(&b).len(), n);
    assert_eq!(
        requests(&server.borrow(), "GET _changes") - before,
        3,
        "three pages, the last one says nothing is pending"
    );
    let device_cp = sync_state::checkpoint(&b.p).expect("the device's checkpoint");
    assert!(
        server
            .borrow()
            .local
            .values()
            .any(|cp| cp["session_id"] == json!(device_cp.session_id)),
        "the server holds the same checkpoint"
    );
}

#[test]
fn a_server_error_mid_pull_keeps_the_pages_stored_and_the_next_run_resumes() {
    let (server, mut a, mut b) = clinic();
    let n = PAGE_SIZE as usize * 2 + 50;
    add_clients(&a, 0, n);
    sync(&mut a, 200).unwrap();
    // B's second page of changes fails with a 503.
    server.borrow_mut().faults.push(("_changes".into(), 2, 503));
    assert_eq!(sync(&mut b, 200), Err(Trouble::Server(503)));
    assert_eq!(
        labels(&b).len(),
        PAGE_SIZE as usize,
        "the first page was kept"
    );
    let cp = sync_state::checkpoint(&b.p).expect("a checkpoint after page one");
    // The next run starts after page one, not from the beginning.
    let gets = requests(&server.borrow(), "POST _bulk_get");
    let report = sync(&mut b, 200).unwrap();
    assert_eq!(
        report.pulled,
        n - PAGE_SIZE as usize,
        "nothing fetched twice"
    );
    assert_eq!(requests(&server.borrow(), "POST _bulk_get") - gets, 2);
    assert_eq!(labels(&b), labels(&a));
    assert_ne!(sync_state::checkpoint(&b.p), Some(cp));
}

#[test]
fn an_expired_sign_in_asks_to_sign_in_again_and_changes_nothing() {
    let (server, mut a, _) = clinic();
    add_clients(&a, 0, 2);
    // The very next request is answered 401: the session cookie expired.
    server.borrow_mut().faults.push((String::new(), 1, 401));
    assert_eq!(sync(&mut a, 200), Err(Trouble::SignIn));
    assert!(server.borrow().revs.is_empty());
    // Signed in again, the same records go.
    assert_eq!(sync(&mut a, 200).unwrap().pushed, 2);
}

#[test]
fn a_write_refused_as_forbidden_asks_to_sign_in_again() {
    let (server, mut a, _) = clinic();
    add_clients(&a, 0, 2);
    // A CouchDB validation function (or a reader-only user) refuses each
    // document in a 201 answer; the run names it "sign in again".
    let s = server.clone();
    let refuse: Net = Box::new(move |m, u, b| {
        if u.ends_with("_bulk_docs") {
            return answer(
                201,
                json!([{"id": "client:c0000", "error": "forbidden", "reason": "read only"}]),
            );
        }
        s.borrow_mut().handle(m, u, b)
    });
    a.p.net = MemoryFetch::new(refuse);
    assert_eq!(sync(&mut a, 200), Err(Trouble::SignIn));
    assert!(
        sync_state::all_synced(&a.p).is_empty(),
        "nothing noted as synced"
    );
}

/// Renames the device's first client, the edit stamped on `day` of January.
fn rename(d: &Device, label: &str, day: u32) {
    let mut s = d.data.0.borrow_mut();
    let c: &mut Client = &mut s.clients[0];
    c.label = label.into();
    c.updated_at = Some(common::january(day));
}

#[test]
fn the_same_client_edited_on_two_devices_settles_by_the_rule_on_both() {
    let (_server, mut a, mut b) = clinic();
    add_clients(&a, 0, 1);
    sync(&mut a, 200).unwrap();
    sync(&mut b, 200).unwrap();
    // Both rename the client while apart; B's edit is the later one.
    rename(&a, "From A", 11);
    rename(&b, "From B", 12);
    sync(&mut a, 200).unwrap();
    let rb = sync(&mut b, 200).unwrap();
    let ra = sync(&mut a, 200).unwrap();
    assert!(
        rb.settled + ra.settled >= 1,
        "a conflict was met and settled"
    );
    assert_eq!(labels(&a), ["From B"]);
    assert_eq!(labels(&b), ["From B"]);
}

#[test]
fn a_wrong_passphrase_is_refused_before_anything_is_stored() {
    let server: Server = Rc::default();
    let a = device(&server, 1);
    turn_on(&a, "dev-a").unwrap();
    let b = device(&server, 2);
    let wrong = block_on(setup::turn_on(
        &b.p,
        config("dev-b"),
        "pw",
        "not the passphrase",
    ));
    assert_eq!(wrong, Err(Trouble::WrongPassphrase));
    assert_eq!(sync_state::config(&b.p), None);
    assert!(b.p.kv.snapshot().is_empty());
}

#[test]
fn an_episode_end_and_its_reopening_travel_between_devices() {
    use attune::domain::records::episode_end::{EndReason, EpisodeEnd};
    let (_server, mut a, mut b) = clinic();
    add_clients(&a, 0, 1);
    let end = EpisodeEnd::new(
        "e-1",
        "c0000",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 9).unwrap(),
        EndReason::Unilateral,
        common::january(9),
    );
    a.data.0.borrow_mut().episode_ends.push(end.clone());
    assert_eq!(
        sync(&mut a, 200).unwrap().pushed,
        2,
        "the client and the end"
    );
    sync(&mut b, 200).unwrap();
    assert_eq!(b.data.0.borrow().episode_ends, vec![end.clone()]);
    // Reopened on B, later: A takes the reopening, not its older copy.
    let reopened = end.reopen(common::january(10));
    b.data.0.borrow_mut().episode_ends[0] = reopened.clone();
    sync(&mut b, 200).unwrap();
    sync(&mut a, 200).unwrap();
    assert_eq!(a.data.0.borrow().episode_ends, vec![reopened]);
}

/// The page's data, noting where each run's pull ended as the scheduler
/// does for the live pull.
#[derive(Default)]
struct Noting {
    data: Data,
    end: RefCell<Option<attune::domain::sync::protocol::Seq>>,
}

impl Host for Noting {
    fn store(&self) -> Store {
        self.data.store()
    }
    fn keep(&self, records: Vec<Record>) -> Result<(), String> {
        self.data.keep(records)
    }
    fn room(&self) -> Option<u64> {
        None
    }
    fn missing(&self, _count: usize) {}
    fn pulled_to(&self, seq: &attune::domain::sync::protocol::Seq) {
        *self.end.borrow_mut() = Some(seq.clone());
    }
}

/// A run on `d` with `host` holding its data.
fn sync_noting(d: &mut Device, host: &Noting) -> Result<Report, Trouble> {
    let cfg = sync_state::config(&d.p).expect("sync is on");
    let key = block_on(setup::stored_key(&d.p)).expect("a stored key");
    block_on(Run::new(&d.p, &cfg, key, &mut d.synced, &mut d.memo, 200).go(host))
}

/// The live pull's long-poll from where `host`'s last run ended, read as
/// the feed reads it with `d`'s notes.
fn feed(d: &Device, host: &Noting) -> attune::domain::sync::live::Answer {
    use attune::domain::sync::live::{feed_path, read_answer};
    use attune::platform::{Fetch, Stop};
    let since = host.end.borrow().clone().expect("a run went through");
    let url = format!("{DB}{}", feed_path(&since));
    let out = block_on(d.p.long_get(&url, 30_000, &Stop::new()));
    read_answer(out.observed(), |id| d.synced.get(id).cloned())
}

#[test]
fn the_live_pull_follows_from_past_a_runs_own_pushes_and_hears_only_other_devices() {
    use attune::domain::sync::live::Answer;
    let (server, mut a, mut b) = clinic();
    let on_a = Noting::default();
    on_a.data
        .0
        .borrow_mut()
        .clients
        .push(common::client("c-a", "A1", common::january(1)));
    assert_eq!(sync_noting(&mut a, &on_a).unwrap().pushed, 1);
    // The run told where its pull ended: past its own push.
    let seq = server.borrow().seq;
    assert_eq!(
        *on_a.end.borrow(),
        Some(attune::domain::sync::protocol::Seq::Num(seq))
    );
    assert!(matches!(
        feed(&a, &on_a),
        Answer::Changes { ref news, .. } if news.is_empty()
    ));
    // From an older place the feed lists A's own push: still no news.
    let own = Noting::default();
    *own.end.borrow_mut() = Some(attune::domain::sync::protocol::Seq::zero());
    assert!(matches!(
        feed(&a, &own),
        Answer::Changes { ref news, .. } if news.is_empty()
    ));

    // Another device's record is news; A's next run takes it, and the feed
    // from its end is quiet again.
    add_clients(&b, 0, 1);
    sync(&mut b, 200).unwrap();
    assert!(matches!(
        feed(&a, &on_a),
        Answer::Changes { ref news, .. } if news.len() == 1
    ));
    assert_eq!(sync_noting(&mut a, &on_a).unwrap().pulled, 1);
    assert!(matches!(
        feed(&a, &on_a),
        Answer::Changes { ref news, .. } if news.is_empty()
    ));
    // A run in trouble tells nothing: the feed keeps its last good place.
    let before = on_a.end.borrow().clone();
    let next = 1 + server.borrow().seen.get("_changes").copied().unwrap_or(0);
    server
        .borrow_mut()
        .faults
        .push(("_changes".into(), next, 503));
    assert!(sync_noting(&mut a, &on_a).is_err());
    assert_eq!(*on_a.end.borrow(), before);
}

#[test]
fn a_pull_whose_save_is_not_committed_is_not_noted_and_comes_again() {
    let (_server, mut a, mut b) = clinic();
    add_clients(&a, 0, 3);
    sync(&mut a, 100).unwrap();
    // B's save of what it pulls is refused when committed: the run stops,
    // and nothing pulled is noted as held here.
    b.data.1.set(true);
    assert_eq!(sync(&mut b, 100).map(|_| ()), Err(Trouble::QuotaStop));
    assert!(
        b.synced.keys().all(|id| !id.starts_with("client:")),
        "no client noted: {:?}",
        b.synced.keys().collect::<Vec<_>>()
    );
    // The page's copy is lost with the tab (it never reached storage).
    *b.data.0.borrow_mut() = Store::default();
    // Room again: the next run pulls them once more.
    b.data.1.set(false);
    sync(&mut b, 100).unwrap();
    assert_eq!(labels(&b), vec!["C0", "C1", "C2"]);
}

/// A light take of the changes `host`'s feed names, as the scheduler starts
/// one when the live pull hears of a few.
fn take(d: &mut Device, host: &Noting) -> (Result<bool, Trouble>, usize) {
    use attune::domain::sync::live::Answer;
    let Answer::Changes { news, .. } = feed(d, host) else {
        panic!("the feed answered");
    };
    let cfg = sync_state::config(&d.p).expect("sync is on");
    let key = block_on(setup::stored_key(&d.p)).expect("a stored key");
    let n = news.len();
    let taken =
        block_on(Run::new(&d.p, &cfg, key, &mut d.synced, &mut d.memo, 200).take(host, &news));
    (taken, n)
}

#[test]
fn a_change_the_feed_names_is_taken_in_light_and_the_next_run_finds_it_held() {
    let (server, mut a, mut b) = clinic();
    let on_a = Noting::default();
    sync_noting(&mut a, &on_a).unwrap();
    add_clients(&b, 0, 2);
    sync(&mut b, 200).unwrap();
    let before = server.borrow().log.len();
    let (taken, named) = take(&mut a, &on_a);
    assert_eq!((taken, named), (Ok(true), 2));
    assert_eq!(on_a.data.0.borrow().clients.len(), 2, "both records stored");
    // One request: the documents themselves; no checkpoint, nothing sent.
    let asked: Vec<String> = server.borrow().log[before..]
        .iter()
        .filter(|l| !l.contains("feed=longpoll"))
        .cloned()
        .collect();
    assert_eq!(
        asked,
        ["POST _bulk_get?revs=true&latest=true"],
        "only the fetch"
    );
    // Held now: the feed from the same place names nothing, and the next
    // run moves the checkpoint past them without fetching them again.
    assert!(matches!(
        feed(&a, &on_a),
        attune::domain::sync::live::Answer::Changes { ref news, .. } if news.is_empty()
    ));
    let gets = requests(&server.borrow(), "_bulk_get");
    let report = sync_noting(&mut a, &on_a).unwrap();
    assert_eq!((report.pulled, report.pushed), (0, 0));
    assert_eq!(requests(&server.borrow(), "_bulk_get"), gets);
}

#[test]
fn a_conflict_the_feed_names_is_left_to_a_whole_run_which_settles_it() {
    let (server, mut a, mut b) = clinic();
    let mut c = device(&server, 3);
    turn_on(&c, "dev-c").unwrap();
    let on_c = Noting::default();
    add_clients(&a, 0, 1);
    sync(&mut a, 200).unwrap();
    sync(&mut b, 200).unwrap();
    sync_noting(&mut c, &on_c).unwrap();
    assert_eq!(labels_of(&on_c), ["C0"]);
    rename(&a, "From A", 11);
    rename(&b, "From B", 12);
    sync(&mut a, 200).unwrap();
    // B's run pushes its edit, then meets trouble before its pull: the
    // server holds both edits as two leaves, unsettled.
    let next = 1 + server.borrow().seen.get("_changes").copied().unwrap_or(0);
    server
        .borrow_mut()
        .faults
        .push(("_changes".into(), next, 503));
    assert!(sync(&mut b, 200).is_err());
    let (taken, named) = take(&mut c, &on_c);
    assert_eq!(
        (taken, named),
        (Ok(false), 1),
        "closing a conflict's losing leaf is a whole run's work"
    );
    assert_eq!(labels_of(&on_c), ["C0"], "nothing kept of it meanwhile");
    sync_noting(&mut c, &on_c).unwrap();
    assert_eq!(labels_of(&on_c), ["From B"]);
}

fn labels_of(host: &Noting) -> Vec<String> {
    host.data
        .0
        .borrow()
        .clients
        .iter()
        .map(|c| c.label.clone())
        .collect()
}

/// The page's data for a run that keeps only some records (a caseload
/// database's run keeps what belongs there): `refuse` names client ids it
/// would not keep.
struct Choosy {
    data: Data,
    refuse: Vec<String>,
}

impl Host for Choosy {
    fn store(&self) -> Store {
        self.data.store()
    }
    fn keep(&self, records: Vec<Record>) -> Result<(), String> {
        let refused = self.admitted(&records);
        let mut flags = refused.iter();
        let kept: Vec<Record> = records
            .into_iter()
            .filter(|_| flags.next().copied().unwrap_or(true))
            .collect();
        self.data.keep(kept)
    }
    fn admitted(&self, records: &[Record]) -> Vec<bool> {
        records
            .iter()
            .map(|r| !self.refuse.iter().any(|id| id == r.id()))
            .collect()
    }
    fn room(&self) -> Option<u64> {
        None
    }
    fn missing(&self, _count: usize) {}
}

#[test]
fn a_record_the_host_does_not_keep_is_not_noted_as_synced_so_an_older_copy_never_overwrites_it() {
    let (_server, mut a, mut b) = clinic();
    add_clients(&a, 0, 2);
    sync(&mut a, 200).unwrap();
    // B's run for a database c0000 does not belong to pulls it, keeps none
    // of it, and keeps c0001.
    let host = Choosy {
        data: Data::default(),
        refuse: vec!["c0000".into()],
    };
    let cfg = sync_state::config(&b.p).unwrap();
    let key = block_on(setup::stored_key(&b.p)).unwrap();
    block_on(Run::new(&b.p, &cfg, key, &mut b.synced, &mut b.memo, 200).go(&host)).unwrap();
    assert!(
        !b.synced.contains_key("client:c0000"),
        "no note for a record the run did not keep"
    );
    assert!(
        !sync_state::all_synced(&b.p).contains_key("client:c0000"),
        "nor in storage"
    );
    let held: Vec<String> = host
        .data
        .0
        .borrow()
        .clients
        .iter()
        .map(|c| c.id.clone())
        .collect();
    assert_eq!(held, ["c0001"]);
    assert!(
        b.synced.contains_key("client:c0001"),
        "what was kept is noted"
    );
}

// --- a device still on the version before clients had a language ---

/// Puts on the server, as a device still on schema version 6 would, a
/// revision of `client` on top of `parent` (none: a new document): sealed
/// with the clinic key, its clear text `{"v":6,"rec":{…}}` without the
/// language that version did not know.
fn push_as_version_6(server: &Server, d: &Device, client: &Client, parent: Option<&str>, iv: u8) {
    use attune::domain::records::older::{since, Field};
    use attune::domain::sync::crypto_format::seal_request;
    use attune::domain::sync::revs::{doc_id, Rev, WireDoc};
    use attune::platform::Crypto;
    let record = Record::Client(client.clone());
    let req = seal_request(&record);
    let mut clear: serde_json::Value = serde_json::from_slice(&req.plaintext).unwrap();
    clear["v"] = json!(since(Field::Language) - 1);
    clear["rec"].as_object_mut().unwrap().remove("language");
    let key = block_on(setup::stored_key(&d.p)).unwrap();
    let env = block_on(d.p.seal(&key, [iv; 12], clear.to_string().as_bytes(), &req.aad)).unwrap();
    let id = doc_id(record.kind(), &client.id);
    let path = parent.map_or(Vec::new(), |p| {
        server.borrow().trees[&id].path_to(&Rev::parse(p).unwrap())
    });
    let doc = WireDoc::revision(record.kind(), &client.id, record.changed_at(), env, &path);
    let body = json!({"docs": [doc], "new_edits": false}).to_string();
    server
        .borrow_mut()
        .handle("POST", &format!("{DB}_bulk_docs"), Some(&body));
}

/// The client `c0000`'s label and language on `d`.
fn held(d: &Device) -> (String, Option<String>) {
    let s = d.data.0.borrow();
    let c = s.clients.iter().find(|c| c.id == "c0000").unwrap();
    (c.label.clone(), c.language.clone())
}

/// The revision of `c0000` `d` last synced.
fn synced_rev(d: &Device) -> String {
    d.synced["client:c0000"].rev.to_string()
}

/// A clinic where the client `c0000` was created on a device of version 6
/// and both devices of this version hold it in Spanish; the revision the
/// version-6 device last saw (it cannot read what came after).
fn spanish_on_both() -> (Server, Device, Device, String) {
    let (server, mut a, mut b) = clinic();
    push_as_version_6(
        &server,
        &a,
        &common::client("c0000", "C0", common::january(1)),
        None,
        7,
    );
    sync(&mut a, 200).unwrap();
    let first = synced_rev(&a);
    {
        let mut s = a.data.0.borrow_mut();
        s.clients[0].language = Some("es".into());
        s.clients[0].updated_at = Some(common::january(11));
    }
    sync(&mut a, 200).unwrap();
    sync(&mut b, 200).unwrap();
    assert_eq!(held(&b), ("C0".into(), Some("es".into())));
    (server, a, b, first)
}

fn renamed_on_version_6(server: &Server, a: &Device, parent: &str, day: u32) {
    let mut c = common::client("c0000", "Renamed", common::january(1));
    c.updated_at = Some(common::january(day));
    push_as_version_6(server, a, &c, Some(parent), 9);
}

#[test]
fn a_rename_from_a_version_6_device_keeps_the_clients_language_on_every_device_and_on_the_server() {
    let (server, mut a, mut b, first) = spanish_on_both();
    renamed_on_version_6(&server, &a, &first, 13);
    sync(&mut a, 200).unwrap();
    sync(&mut b, 200).unwrap();
    sync(&mut a, 200).unwrap();
    let want = ("Renamed".to_string(), Some("es".to_string()));
    assert_eq!(held(&a), want);
    assert_eq!(held(&b), want);
    // Settled: more runs write nothing (no rewrite loop).
    let writes = requests(&server.borrow(), "_bulk_docs");
    sync(&mut a, 200).unwrap();
    sync(&mut b, 200).unwrap();
    assert_eq!(requests(&server.borrow(), "_bulk_docs"), writes);
    // A third device joining now reads the language from the server.
    let mut c = device(&server, 3);
    turn_on(&c, "dev-c").unwrap();
    sync(&mut c, 200).unwrap();
    assert_eq!(held(&c), want, "the server holds the filled record");
}

#[test]
fn a_language_cleared_on_an_up_to_date_device_stays_cleared_against_a_version_6_rename() {
    let (server, mut a, mut b, first) = spanish_on_both();
    // A sets the client back to Attune's English; B has not synced since.
    {
        let mut s = a.data.0.borrow_mut();
        s.clients[0].language = None;
        s.clients[0].updated_at = Some(common::january(12));
    }
    sync(&mut a, 200).unwrap();
    renamed_on_version_6(&server, &a, &first, 13);
    sync(&mut a, 200).unwrap();
    sync(&mut b, 200).unwrap();
    sync(&mut a, 200).unwrap();
    let want = ("Renamed".to_string(), None);
    assert_eq!(held(&a), want, "the device that cleared it");
    assert_eq!(held(&b), want, "the device that still held Spanish");
    let writes = requests(&server.borrow(), "_bulk_docs");
    sync(&mut a, 200).unwrap();
    sync(&mut b, 200).unwrap();
    assert_eq!(requests(&server.borrow(), "_bulk_docs"), writes);
}
