//! A clinic's server of members-only databases and the devices that sync
//! with it, on the in-memory platform: what the native sync-by-caseload
//! tests share (`tests/sync_caseload_run.rs`, `tests/sync_transfer.rs`,
//! `tests/sync_inbox_run.rs`). Each database is an in-memory CouchDB of
//! `common_couch`; the server routes each request to its database and
//! refuses a user who is not a member, as `_security` does. Taken, after
//! `mod common;` and `mod couch;` (`common_couch`), with
//! `#[path = "common_clinic/mod.rs"] mod clinic;`.

// Each test file uses only some of it.
#![allow(dead_code)]

use crate::common;
use crate::couch::{answer, Couch, DB};
use attune::domain::device::therapists::DeviceTherapists;
use attune::domain::records::layout::Record;
use attune::domain::records::store::Store;
use attune::domain::sync::config::SyncConfig;
use attune::domain::sync::engine::{self, DigestMemo};
use attune::domain::sync::status::Trouble;
use attune::domain::sync::transfers;
use attune::platform::memory::{
    ManualClock, MemoryFetch, MemoryPlatform, MemoryStore, SeededRandom,
};
use attune::platform::{KeyValue, Outcome};
use attune::sync::caseloads::{self, Notes, THERAPISTS_KEY};
use attune::sync::run::{Host, Report};
use futures_executor::block_on;
use serde_json::json;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The clinic passphrase every device types.
pub const PASSPHRASE: &str = "correct horse battery";

/// A server a device's requests go to, as `user`.
pub trait Serve {
    /// The answer to `method url` (with `body`) sent by `user`.
    fn handle(&mut self, user: &str, method: &str, url: &str, body: Option<&str>) -> Outcome;
}

// --- a server of several databases, each admitting its members only ---

/// Every database by name, its members, and who asked what (`user METHOD db`).
#[derive(Default)]
pub struct Clinic {
    pub dbs: BTreeMap<String, Couch>,
    pub members: BTreeMap<String, Vec<String>>,
    pub log: Vec<String>,
}

/// The clinic's server, shared by every device's network.
pub type Server = Rc<RefCell<Clinic>>;

impl Clinic {
    /// Adds database `name`, empty, open to `members` only.
    pub fn add_db(&mut self, name: &str, members: &[&str]) {
        self.dbs.insert(name.into(), Couch::default());
        self.members
            .insert(name.into(), members.iter().map(|m| m.to_string()).collect());
    }

    /// The databases `user` sent any request to.
    pub fn asked_by(&self, user: &str) -> Vec<String> {
        let mut dbs: Vec<String> = (self.log.iter())
            .filter_map(|l| l.strip_prefix(&format!("{user} ")))
            .map(|l| l.split(' ').nth(1).unwrap().to_string())
            .collect();
        dbs.sort();
        dbs.dedup();
        dbs
    }
}

impl Serve for Clinic {
    fn handle(&mut self, user: &str, method: &str, url: &str, body: Option<&str>) -> Outcome {
        let rest = url.strip_prefix("http://couch.test/").unwrap();
        if rest == "_session" {
            return answer(200, json!({"ok": true}));
        }
        let (db, path) = rest.split_once('/').unwrap_or((rest, ""));
        self.log.push(format!("{user} {method} {db}"));
        let Some(members) = self.members.get(db) else {
            return answer(404, json!({"error": "not_found"}));
        };
        if !members.iter().any(|m| m == user) {
            return answer(403, json!({"error": "forbidden"}));
        }
        let couch = self.dbs.get_mut(db).unwrap();
        couch.handle(method, &format!("{DB}{path}"), body)
    }
}

// --- a device: the in-memory platform, a store and each database's notes ---

/// A device's network: `(method, url, body)` to the server's answer.
pub type Net = Box<dyn FnMut(&str, &str, Option<&str>) -> Outcome>;

/// One device: its platform, its store, each database's notes, its digests.
pub struct Device {
    pub p: MemoryPlatform<Net>,
    pub data: Data,
    pub notes: Notes,
    pub memo: DigestMemo,
}

/// What a device's store does when a run asks it to remove records a
/// transfer closed (`Host::remove`): the tests of transfers remove them,
/// the others keep `Host`'s default, which refuses.
#[derive(Clone, Copy, Default)]
pub enum Removal {
    /// `Host`'s default: "this store cannot remove records".
    #[default]
    Refused,
    /// Removed from the store, as `transfers::remove` does.
    Removed,
}

/// The device's store, and what it does with a removal.
#[derive(Default)]
pub struct Data(pub RefCell<Store>, pub Removal);

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
    fn remove(&self, doc_ids: &[String]) -> Result<(), String> {
        match self.1 {
            Removal::Refused => Err("this store cannot remove records".into()),
            Removal::Removed => {
                let mut s = self.0.borrow_mut();
                for id in doc_ids {
                    transfers::remove(&mut s, id);
                }
                Ok(())
            }
        }
    }
    fn room(&self) -> Option<u64> {
        None
    }
    fn missing(&self, _count: usize) {}
}

/// A device signing in to `server` as `user`, naming `therapists` (name,
/// lead), its store doing `removal`; sync not yet on.
pub fn device<S: Serve + 'static>(
    server: &Rc<RefCell<S>>,
    seed: u64,
    user: &str,
    therapists: &[(&str, bool)],
    removal: Removal,
) -> Device {
    let s = server.clone();
    let who = user.to_string();
    let net: Net = Box::new(move |m, u, b| s.borrow_mut().handle(&who, m, u, b));
    let d = Device {
        p: MemoryPlatform {
            kv: MemoryStore::new(),
            clock: ManualClock::at(common::january(10)),
            random: SeededRandom::new(seed),
            net: MemoryFetch::new(net),
        },
        data: Data(RefCell::default(), removal),
        notes: Notes::default(),
        memo: DigestMemo::default(),
    };
    name(&d, therapists);
    d
}

/// Names `therapists` (name, lead) on the device, as Settings → Therapists does.
pub fn name(d: &Device, therapists: &[(&str, bool)]) {
    let mut list = DeviceTherapists::default();
    for (n, lead) in therapists {
        list.add(n, *lead).unwrap();
    }
    d.p.set(THERAPISTS_KEY, &list.encode()).unwrap();
}

/// Settings → Sync's form as `user` fills it, against the clinic database.
pub fn config(user: &str) -> SyncConfig {
    SyncConfig {
        url: "http://couch.test".into(),
        db: "clinic".into(),
        user: user.into(),
        device_id: format!("dev-{user}"),
        kid: String::new(),
    }
}

/// Turns sync on as `user` with the clinic passphrase.
pub fn turn_on(d: &Device, user: &str) -> Result<(), Trouble> {
    block_on(caseloads::turn_on(&d.p, config(user), "pw", PASSPHRASE))
}

/// One sync of every caseload the device names (`caseloads::run_all`).
pub fn sync(d: &mut Device) -> Result<Report, Trouble> {
    block_on(caseloads::run_all(
        &d.p,
        &d.data,
        &mut d.notes,
        &mut d.memo,
        200,
    ))
}
