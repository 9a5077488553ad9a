//! The record database (IndexedDB in the browser): strings by key, read
//! whole at start-up and written one transaction per save. Asynchronous, as
//! IndexedDB is; the decisions stay synchronous in the domain
//! (`domain::records::home`, `saving`), and the shell (`storage::home`) only
//! reads, commits and re-reads.
//!
//! A commit is whole or nothing and carries a guard: one key must still
//! hold what the page last saw (the meta entry for a save, the home marker
//! absent for the move). IndexedDB runs readwrite transactions on one
//! object store one after another, so the check and the writes see no other
//! tab's commit between them: of two tabs saving at once, the second finds
//! the guard moved and plans again on what the first wrote.

use super::KvError;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

/// How a guarded commit ended when the database did not refuse it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Commit {
    /// Every write is stored (the transaction completed).
    Done,
    /// The guard key no longer held what was expected: nothing was
    /// written (another tab committed first).
    Moved,
}

/// One write of a commit: `Some(text)` stores it, `None` removes the key.
pub type Write = (String, Option<String>);

/// The record database.
pub trait RecordDb {
    /// Every entry, `(key, text)`, sorted by key, read in one transaction
    /// (a consistent snapshot).
    async fn read_all(&self) -> Result<Vec<(String, String)>, KvError>;
    /// Applies `writes` in one transaction if `guard.0` holds `guard.1`
    /// (`None`: absent); [`Commit::Moved`] without writing otherwise. An
    /// error (a full quota) writes nothing.
    async fn commit(
        &self,
        guard: (&str, Option<&str>),
        writes: &[Write],
    ) -> Result<Commit, KvError>;
}

/// A record database in memory, for native tests: shared by its clones
/// (two handles are two tabs), with an optional quota (UTF-16 units of keys
/// and texts, as localStorage counts; IndexedDB's is in bytes, which only
/// changes the figure), and a number of commits to let through before the
/// next one fails (a tab closed or the disk full at that exact point).
#[derive(Clone, Debug, Default)]
pub struct MemoryDb {
    map: Rc<RefCell<BTreeMap<String, String>>>,
    quota: Rc<Cell<Option<u64>>>,
    fail_after: Rc<Cell<Option<usize>>>,
    unavailable: Rc<Cell<bool>>,
}

impl MemoryDb {
    /// An empty database without a quota.
    pub fn new() -> MemoryDb {
        MemoryDb::default()
    }

    /// Sets (or lifts) the quota in UTF-16 code units.
    pub fn set_quota(&self, units: Option<u64>) {
        self.quota.set(units);
    }

    /// Lets `n` more commits through, then refuses every one (as if the
    /// tab had closed before the transaction completed) until reset with
    /// `None`.
    pub fn fail_after(&self, n: Option<usize>) {
        self.fail_after.set(n);
    }

    /// Makes the database unopenable (reads and commits fail).
    pub fn set_unavailable(&self, off: bool) {
        self.unavailable.set(off);
    }

    /// Everything stored (a copy).
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.map.borrow().clone()
    }

    /// Stores `text` under `key` directly (a test's seed, or another tab's
    /// write outside a commit).
    pub fn put(&self, key: &str, text: &str) {
        self.map.borrow_mut().insert(key.into(), text.into());
    }
}

impl RecordDb for MemoryDb {
    async fn read_all(&self) -> Result<Vec<(String, String)>, KvError> {
        if self.unavailable.get() {
            return Err(KvError::Unavailable);
        }
        Ok(self
            .map
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect())
    }

    async fn commit(
        &self,
        guard: (&str, Option<&str>),
        writes: &[Write],
    ) -> Result<Commit, KvError> {
        if self.unavailable.get() {
            return Err(KvError::Unavailable);
        }
        if let Some(n) = self.fail_after.get() {
            if n == 0 {
                return Err(KvError::Other("the transaction was cut short".into()));
            }
            self.fail_after.set(Some(n - 1));
        }
        if self.map.borrow().get(guard.0).map(String::as_str) != guard.1 {
            return Ok(Commit::Moved);
        }
        let mut next = self.map.borrow().clone();
        for (k, v) in writes {
            match v {
                Some(t) => next.insert(k.clone(), t.clone()),
                None => next.remove(k),
            };
        }
        if let Some(quota) = self.quota.get() {
            let used: u64 = next
                .iter()
                .map(|(k, v)| crate::domain::records::room::entry_units(k, v))
                .sum();
            if used > quota {
                return Err(KvError::Quota);
            }
        }
        *self.map.borrow_mut() = next;
        Ok(Commit::Done)
    }
}
