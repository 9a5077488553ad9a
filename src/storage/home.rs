//! The records in IndexedDB (the therapist page): the page reads every
//! record once at start-up into memory ([`Mirror`]), every rule of the
//! records layout ([`RecordStore`]) runs on that copy synchronously as
//! before, and what a save changed is written as one guarded transaction
//! ([`commit`]). The once-per-device move from localStorage ([`open`]) and
//! every decision in it are `domain::records::home`'s; this reads, commits,
//! reads back and removes.
//!
//! Generic over the database ([`RecordDb`]) and localStorage ([`KeyValue`]),
//! so the loops run natively in `tests/idb_home.rs` on in-memory stand-ins,
//! each cut placed exactly; the browser's IndexedDB is
//! `platform::browser::idb`.

use super::records::{Opened, RecordStore};
use super::{LoadStatus, DATA_KEY};
use crate::domain::records::home::{self, Database, Marker, Start, HOME_KEY};
use crate::domain::records::layout::{self, META_KEY, PREFIX};
use crate::domain::records::store::{self, Store};
use crate::platform::database::{Commit, RecordDb, Write};
use crate::platform::{KeyValue, KvError};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// The records as IndexedDB holds them, in memory, for the layout's
/// synchronous rules; with the writes made since the last commit. Keys
/// under the layout's prefix (and the single document while it is moved)
/// live here; every other key (set-aside copies, settings) is passed to
/// localStorage, as before.
pub struct Mirror<L: KeyValue> {
    local: L,
    map: RefCell<BTreeMap<String, String>>,
    journal: RefCell<BTreeMap<String, Option<String>>>,
    /// The meta entry as IndexedDB held it when this page last read or
    /// committed: the guard of the next commit.
    base: RefCell<Option<String>>,
}

fn ours(key: &str) -> bool {
    key.starts_with(PREFIX) || key == DATA_KEY
}

impl<L: KeyValue> Mirror<L> {
    /// An empty copy beside `local`.
    pub fn new(local: L) -> Mirror<L> {
        Mirror {
            local,
            map: RefCell::new(BTreeMap::new()),
            journal: RefCell::new(BTreeMap::new()),
            base: RefCell::new(None),
        }
    }

    /// Replaces the copy with what IndexedDB holds (`found`), forgetting
    /// any write not committed.
    pub fn replace(&self, found: &[(String, String)]) {
        let map: BTreeMap<String, String> = found
            .iter()
            .filter(|(k, _)| k.starts_with(PREFIX))
            .cloned()
            .collect();
        *self.base.borrow_mut() = map.get(META_KEY).cloned();
        *self.map.borrow_mut() = map;
        self.journal.borrow_mut().clear();
    }

    /// Puts `text` under `key` without noting it as a write (what is
    /// copied in to be moved, or the document to be taken in).
    fn seed(&self, key: &str, text: &str) {
        self.map.borrow_mut().insert(key.into(), text.into());
    }

    /// The writes made since the last commit, for IndexedDB (the
    /// document's are not: it never goes there), and forgets them.
    pub fn take_writes(&self) -> Vec<Write> {
        std::mem::take(&mut *self.journal.borrow_mut())
            .into_iter()
            .filter(|(k, _)| k.starts_with(PREFIX))
            .collect()
    }

    /// Puts writes back (their commit was not tried).
    fn untake(&self, writes: Vec<Write>) {
        let mut j = self.journal.borrow_mut();
        for (k, v) in writes {
            j.entry(k).or_insert(v);
        }
    }

    /// Whether writes wait to be committed.
    pub fn dirty(&self) -> bool {
        self.journal.borrow().keys().any(|k| k.starts_with(PREFIX))
    }

    /// The guard of the next commit (the meta entry as IndexedDB holds it).
    pub fn base(&self) -> Option<String> {
        self.base.borrow().clone()
    }

    fn set_base(&self, meta: Option<String>) {
        *self.base.borrow_mut() = meta;
    }

    /// Every record entry held (a copy).
    pub fn records(&self) -> Vec<(String, String)> {
        self.map
            .borrow()
            .iter()
            .filter(|(k, _)| k.starts_with(PREFIX))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}

impl<L: KeyValue> KeyValue for Mirror<L> {
    fn get(&self, key: &str) -> Option<String> {
        if ours(key) {
            self.map.borrow().get(key).cloned()
        } else {
            self.local.get(key)
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), KvError> {
        if !ours(key) {
            return self.local.set(key, value);
        }
        self.map.borrow_mut().insert(key.into(), value.into());
        self.journal
            .borrow_mut()
            .insert(key.into(), Some(value.into()));
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), KvError> {
        if !ours(key) {
            return self.local.remove(key);
        }
        self.map.borrow_mut().remove(key);
        self.journal.borrow_mut().insert(key.into(), None);
        Ok(())
    }

    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.map.borrow().keys().cloned().collect();
        keys.extend(self.local.keys().into_iter().filter(|k| !ours(k)));
        keys
    }

    fn entries(&self, prefix: &str) -> Vec<(String, String)> {
        if prefix.starts_with(PREFIX) {
            return self
                .map
                .borrow()
                .range(prefix.to_string()..)
                .take_while(|(k, _)| k.starts_with(prefix))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
        }
        let mut out: Vec<(String, String)> = self
            .local
            .entries(prefix)
            .into_iter()
            .filter(|(k, _)| !ours(k))
            .collect();
        out.extend(
            self.map
                .borrow()
                .iter()
                .filter(|(k, _)| k.starts_with(prefix))
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        out.sort();
        out
    }

    fn used_units(&self) -> Option<u64> {
        // No localStorage quota to share with: the move takes its usual steps.
        None
    }
}

/// Where this page's records live: localStorage as before, or IndexedDB
/// through a [`Mirror`].
pub enum Place<L: KeyValue> {
    /// localStorage (IndexedDB missing, or the move not possible now).
    Local(L),
    /// IndexedDB.
    Idb(Mirror<L>),
}

impl<L: KeyValue> Place<L> {
    /// The IndexedDB copy, when the records live there.
    pub fn mirror(&self) -> Option<&Mirror<L>> {
        match self {
            Place::Idb(m) => Some(m),
            Place::Local(_) => None,
        }
    }
}

impl<L: KeyValue> KeyValue for Place<L> {
    fn get(&self, key: &str) -> Option<String> {
        match self {
            Place::Local(l) => l.get(key),
            Place::Idb(m) => m.get(key),
        }
    }
    fn set(&self, key: &str, value: &str) -> Result<(), KvError> {
        match self {
            Place::Local(l) => l.set(key, value),
            Place::Idb(m) => m.set(key, value),
        }
    }
    fn remove(&self, key: &str) -> Result<(), KvError> {
        match self {
            Place::Local(l) => l.remove(key),
            Place::Idb(m) => m.remove(key),
        }
    }
    fn keys(&self) -> Vec<String> {
        match self {
            Place::Local(l) => l.keys(),
            Place::Idb(m) => m.keys(),
        }
    }
    fn set_checked(&self, key: &str, value: &str) -> Result<bool, KvError> {
        match self {
            Place::Local(l) => l.set_checked(key, value),
            Place::Idb(m) => m.set_checked(key, value),
        }
    }
    fn available(&self) -> bool {
        match self {
            Place::Local(l) => l.available(),
            Place::Idb(m) => m.available(),
        }
    }
    fn entries(&self, prefix: &str) -> Vec<(String, String)> {
        match self {
            Place::Local(l) => l.entries(prefix),
            Place::Idb(m) => m.entries(prefix),
        }
    }
    fn used_units(&self) -> Option<u64> {
        match self {
            Place::Local(l) => l.used_units(),
            Place::Idb(m) => m.used_units(),
        }
    }
}

/// How the records opened in IndexedDB.
pub struct OpenedIdb<L: KeyValue> {
    /// The records, on the IndexedDB copy.
    pub records: RecordStore<Place<L>>,
    /// What they hold and their status.
    pub store: Store,
    /// The status every save follows.
    pub status: LoadStatus,
    /// True when this start moved the records from localStorage.
    pub moved: bool,
}

/// Why the records stay in localStorage for this page.
#[derive(Debug, Clone, PartialEq)]
pub enum Stayed {
    /// The domain's reason ([`home::Stay`]).
    Plan(home::Stay),
    /// The records a newer Attune wrote stay where it left them.
    Newer,
    /// The move's transaction failed (a full quota, a closed database):
    /// nothing was moved; the next start tries again.
    MoveFailed(KvError),
    /// What was written did not read back the same (`why`): the copies in
    /// localStorage stay; the next start takes them in.
    Unverified(String),
    /// Other tabs kept moving the meta entry while this one opened.
    Busy,
}

/// Opens the records: from IndexedDB, moving them there from localStorage
/// first when this device has not yet, and taking in what localStorage
/// still holds. `Err` when they stay in localStorage for this page (the
/// caller opens them there, as before).
pub async fn open<D: RecordDb, L: KeyValue + Clone>(
    db: &D,
    local: L,
    now_ms: f64,
    now_text: &str,
) -> Result<OpenedIdb<L>, Stayed> {
    for _ in 0..4 {
        match attempt(db, local.clone(), now_ms, now_text).await {
            Attempt::Opened(o) => return Ok(*o),
            Attempt::Stay(why) => return Err(why),
            // Another tab moved or saved in between: read again.
            Attempt::Again => continue,
        }
    }
    Err(Stayed::Busy)
}

enum Attempt<L: KeyValue> {
    Opened(Box<OpenedIdb<L>>),
    Stay(Stayed),
    Again,
}

async fn attempt<D: RecordDb, L: KeyValue + Clone>(
    db: &D,
    local: L,
    now_ms: f64,
    now_text: &str,
) -> Attempt<L> {
    let found = db.read_all().await.ok();
    let database = match &found {
        None => Database::Unavailable,
        Some(f) if f.iter().any(|(k, _)| k == HOME_KEY) => Database::Home,
        Some(_) => Database::Empty,
    };
    let local_records = if local.available() {
        local.entries(PREFIX)
    } else {
        Vec::new()
    };
    let document = local.get(DATA_KEY);
    let keys: Vec<&str> = local_records.iter().map(|(k, _)| k.as_str()).collect();
    let leftovers = match home::plan(database, &keys, document.as_deref()) {
        Start::Stay(why) => return Attempt::Stay(Stayed::Plan(why)),
        Start::Move => false,
        Start::Open { leftovers } => leftovers,
    };
    let moving = database == Database::Empty;
    let mirror = Mirror::new(local.clone());
    mirror.replace(found.as_deref().unwrap_or_default());
    if moving {
        for (k, t) in &local_records {
            mirror.seed(k, t);
        }
    }
    // The single document is taken in by the layout's own move (moving
    // into records, or a leftover absorbed by the two-tab rule).
    if let Some(d) = &document {
        mirror.seed(DATA_KEY, d);
    }
    let mut records = RecordStore::new(Place::Idb(mirror));
    let (mut store, status) = match records.load(now_ms) {
        Opened::Records(s, st) => (s, st),
        Opened::Document => return Attempt::Stay(Stayed::Plan(home::Stay::KeepDocument)),
    };
    if moving && !home::may_move(matches!(status, LoadStatus::ReadOnly(_))) {
        return Attempt::Stay(Stayed::Newer);
    }
    let mut copied: Vec<(String, String)> = Vec::new();
    if leftovers {
        let assembled = (!local_records.is_empty()).then(|| layout::assemble(&local_records));
        // An unreadable leftover is set aside alone, byte for byte, as the
        // layout sets aside its own; never removed unread.
        let unreadable: Vec<&str> = assembled.as_ref().map_or(Vec::new(), |a| a.quarantine());
        for (k, t) in local_records
            .iter()
            .filter(|(k, _)| unreadable.contains(&k.as_str()))
        {
            super::quarantine_entry(&local, k, t, now_ms);
        }
        let local_records: Vec<(String, String)> = local_records
            .iter()
            .filter(|(k, _)| !unreadable.contains(&k.as_str()))
            .cloned()
            .collect();
        // The document was absorbed by the load above.
        if let Some(merged) = home::take_in(&store, assembled.as_ref(), None) {
            if merged != store && status.writable() {
                match records.save(&merged, &status) {
                    Some(Ok(m)) => store = m.unwrap_or(merged),
                    _ => return Attempt::Stay(Stayed::Busy),
                }
            }
            copied.extend(local_records.iter().cloned());
        }
    } else {
        copied.extend(local_records.iter().cloned());
    }
    if let Some(d) = &document {
        if store::decode(d).is_ok_and(|x| !x.read_only()) {
            copied.push((DATA_KEY.to_string(), d.clone()));
        }
    }
    let mirror = records.kv().mirror().expect("opened on the IndexedDB copy");
    let (guard, mut writes): ((&str, Option<String>), Vec<Write>) = if moving {
        let all = mirror.records();
        let marker = Marker::of(&all);
        let mut w: Vec<Write> = all.into_iter().map(|(k, t)| (k, Some(t))).collect();
        w.push((HOME_KEY.into(), Some(marker.encode(now_text))));
        let _ = mirror.take_writes();
        ((HOME_KEY, None), w)
    } else {
        ((META_KEY, mirror.base()), mirror.take_writes())
    };
    if !writes.is_empty() {
        let result = db.commit((guard.0, guard.1.as_deref()), &writes).await;
        match result {
            Ok(Commit::Done) => {}
            Ok(Commit::Moved) => return Attempt::Again,
            Err(e) if moving => return Attempt::Stay(Stayed::MoveFailed(e)),
            // Taking leftovers in failed: they stay in localStorage (read
            // again next time); the records open as IndexedDB holds them
            // plus the leftovers, which the next save writes.
            Err(_) => {
                writes.clear();
                copied.clear();
                let found = db.read_all().await.unwrap_or_default();
                mirror.replace(&found);
                let _ = records.reread();
                return Attempt::Opened(Box::new(OpenedIdb {
                    records,
                    store,
                    status,
                    moved: false,
                }));
            }
        }
        if moving {
            let back = match db.read_all().await {
                Ok(b) => b,
                Err(e) => return Attempt::Stay(Stayed::Unverified(format!("{e:?}"))),
            };
            if let Err(why) = home::verify(&Marker::of(&mirror.records()), &back) {
                return Attempt::Stay(Stayed::Unverified(why));
            }
        }
        let meta = writes
            .iter()
            .find(|(k, _)| k == META_KEY)
            .and_then(|(_, t)| t.clone())
            .or_else(|| mirror.base());
        mirror.set_base(meta);
    }
    // Safely in IndexedDB: the localStorage copies go, each only if no old
    // tab rewrote it meanwhile.
    let now: Vec<(String, String)> = copied
        .iter()
        .filter_map(|(k, _)| local.get(k).map(|t| (k.clone(), t)))
        .collect();
    for key in home::removable(&copied, &now) {
        let _ = local.remove(&key);
    }
    // Tell the form (which reads localStorage only) that this device holds
    // records; a refused write only leaves its first-open hint showing.
    let holds = !store.clients.is_empty() || !store.ratings.is_empty();
    if holds && local.get(home::HOLDS_RECORDS_KEY).is_none() {
        let _ = local.set(home::HOLDS_RECORDS_KEY, "1");
    }
    Attempt::Opened(Box::new(OpenedIdb {
        records,
        store,
        status,
        moved: moving,
    }))
}

/// Commits the writes a save left on `records`' copy as one guarded
/// transaction. `Ok(Done)`: stored (or nothing to store); `Ok(Moved)`:
/// another tab saved first, nothing written, and the copy now holds what
/// IndexedDB holds (the caller merges it in, as for another tab's write,
/// and saves again); `Err`: nothing written, the copy holds what IndexedDB
/// holds and this page's store still holds everything (the next save writes
/// the difference again).
pub async fn commit<D: RecordDb, L: KeyValue>(
    db: &D,
    records: &RefCell<RecordStore<Place<L>>>,
) -> Result<Commit, KvError> {
    let (writes, base) = {
        let r = records.borrow();
        let Some(m) = r.kv().mirror() else {
            return Ok(Commit::Done);
        };
        (m.take_writes(), m.base())
    };
    if writes.is_empty() {
        return Ok(Commit::Done);
    }
    let result = db.commit(home::save_guard(base.as_deref()), &writes).await;
    match result {
        Ok(Commit::Done) => {
            let r = records.borrow();
            if let Some(m) = r.kv().mirror() {
                let meta = writes
                    .iter()
                    .find(|(k, _)| k == META_KEY)
                    .and_then(|(_, t)| t.clone())
                    .or(base);
                m.set_base(meta);
            }
            Ok(Commit::Done)
        }
        other => {
            // Nothing was written: the copy goes back to what is stored.
            reload(db, records).await;
            other
        }
    }
}

/// Reads IndexedDB again into `records`' copy (another tab saved, or a
/// commit failed). Writes not yet committed are kept for the next commit
/// only when nothing was read (the database failing).
pub async fn reload<D: RecordDb, L: KeyValue>(db: &D, records: &RefCell<RecordStore<Place<L>>>) {
    let found = db.read_all().await;
    let r = records.borrow();
    let Some(m) = r.kv().mirror() else { return };
    match found {
        Ok(found) => {
            m.replace(&found);
            drop(r);
            // What this page last read is now what is stored.
            let _ = records.borrow_mut().reread();
        }
        Err(_) => {
            let pending = m.take_writes();
            m.untake(pending);
        }
    }
}
