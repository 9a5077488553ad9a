//! The records layout's reads and writes (the therapist page): one
//! localStorage entry per client, rating and logged session, plus a meta
//! entry. Every decision is the domain's ([`migrate::plan`],
//! [`layout::assemble`], [`saving::plan`]); this reads, writes, verifies.
//!
//! Until the move from the single document has succeeded (or when it must
//! not happen: data from a newer Attune, or unreadable data still to be set
//! aside) the page keeps using the document exactly as before: the store
//! answers [`Opened::Document`] and the caller reads the document.
//!
//! Works on any [`KeyValue`] store: localStorage in the app, the platform's
//! in-memory store in native tests (`tests/record_store.rs`).

use super::{quarantine_entry, set_verified, LoadStatus, StorageError, DATA_KEY};
use crate::domain::records::layout::{self, Layout, Meta, META_KEY, PREFIX};
use crate::domain::records::migrate::{self, MigrationPlan};
use crate::domain::records::room::move_step_units;
use crate::domain::records::saving::{self, Seen};
use crate::domain::records::start::records_status;
use crate::domain::records::store::CURRENT_VERSION;
use crate::domain::records::store::{self, Store};
use crate::domain::records::{moving, older};
use crate::platform::KeyValue;
use std::collections::{BTreeMap, HashSet};

/// What this tab last read or wrote in the records layout.
struct Held {
    layout: Layout,
    before: Store,
}

/// The records layout of one page: the store it reads and writes, and what
/// it last read or wrote there (`None` while the page uses the single
/// document). The page makes one and keeps it as long as it lives.
pub struct RecordStore<K: KeyValue> {
    kv: K,
    held: Option<Held>,
}

/// How the stored data opened.
#[derive(Debug, Clone, PartialEq)]
pub enum Opened {
    /// In the records layout: the store and its status.
    Records(Store, LoadStatus),
    /// The single document stays the data (not moved, or it must not be):
    /// the caller reads it as before.
    Document,
}

impl<K: KeyValue> RecordStore<K> {
    /// A store on `kv` that holds nothing yet.
    pub fn new(kv: K) -> RecordStore<K> {
        RecordStore { kv, held: None }
    }

    /// The key-value store underneath.
    pub fn kv(&self) -> &K {
        &self.kv
    }

    /// True when this page stores one record per key.
    pub fn active(&self) -> bool {
        self.held.is_some()
    }

    fn hold(&mut self, layout: Layout, before: Store) {
        self.held = Some(Held { layout, before });
    }

    /// Opens the stored data, moving the single document into records first
    /// when it can; [`Opened::Document`] when the document stays the data.
    pub fn load(&mut self, now_ms: f64) -> Opened {
        if !self.kv.available() {
            return Opened::Document;
        }
        let document = self.kv.get(DATA_KEY);
        let record_keys: Vec<String> = self
            .kv
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(PREFIX))
            .collect();
        let refs: Vec<&str> = record_keys.iter().map(String::as_str).collect();
        match migrate::plan(document.as_deref(), &refs) {
            MigrationPlan::KeepDocument(_) => Opened::Document,
            MigrationPlan::Fresh => {
                self.hold(Layout::new(), Store::default());
                Opened::Records(Store::default(), LoadStatus::Fresh)
            }
            MigrationPlan::Migrate {
                stale, expect: doc, ..
            } => {
                for k in &stale {
                    let _ = self.kv.remove(k);
                }
                // The meta entry first: from here on the records are the data
                // and whatever the document still holds is taken in beside them.
                let meta = Meta::new(0, doc.last_backup_at).encode();
                if set_verified(&self.kv, META_KEY, &meta).is_err() {
                    return Opened::Document;
                }
                self.open(Some(doc), now_ms)
            }
            MigrationPlan::Records { absorb } => self.open(absorb, now_ms),
        }
    }

    /// Reads the records; sets unreadable ones aside (each alone); takes in,
    /// step by step, what a document still holds (the move from the single
    /// document, or an old tab that saved into it).
    fn open(&mut self, absorb: Option<Store>, now_ms: f64) -> Opened {
        let found = self.kv.entries(PREFIX);
        let assembled = layout::assemble(&found);
        for key in assembled.quarantine() {
            if let Some((_, text)) = found.iter().find(|(k, _)| k == key) {
                quarantine_entry(&self.kv, key, text, now_ms);
            }
        }
        let status = records_status(&assembled.layout, !found.is_empty());
        let Some(doc) = absorb.filter(|_| status.writable()) else {
            self.hold(assembled.layout, assembled.store.clone());
            return Opened::Records(assembled.store, status);
        };
        let mut layout = assembled.layout;
        match self.take_in(&assembled.store, &doc, &mut layout) {
            Ok(merged) => {
                self.hold(layout, merged.clone());
                Opened::Records(merged, status)
            }
            Err(_) => {
                // Cut short (no room): the records and the document together
                // still hold everything; show both, and move the rest at the
                // next start.
                let now = layout::assemble(&self.kv.entries(PREFIX));
                let merged = older::merge_older(&now.store, &doc, CURRENT_VERSION).0;
                self.hold(now.layout, now.store);
                Opened::Records(merged, status)
            }
        }
    }

    /// Writes `doc`'s records beside `records` in steps (`moving::plan`),
    /// rewriting the document after each step without what it moved, then
    /// removes it and bumps the meta entry. Each record is verified.
    fn take_in(
        &self,
        records: &Store,
        doc: &Store,
        layout: &mut Layout,
    ) -> Result<Store, StorageError> {
        // A step never takes more than half the room left, so one always fits.
        let step = move_step_units(self.kv.used_units(), moving::STEP_UNITS);
        let plan = moving::plan(records, doc, step);
        let mut pending: HashSet<String> = plan
            .steps
            .iter()
            .flatten()
            .map(|(k, _)| k.clone())
            .collect();
        // What the records already hold leaves the document first, so no step
        // needs room the document is not about to give back.
        self.shrink(doc, &pending)?;
        for step in &plan.steps {
            for (key, text) in step {
                set_verified(&self.kv, key, text)?;
            }
            for (key, _) in step {
                pending.remove(key);
            }
            self.shrink(doc, &pending)?;
        }
        layout.meta = Meta::new(layout.meta.seq + 1, plan.merged.last_backup_at);
        set_verified(&self.kv, META_KEY, &layout.meta.encode())?;
        Ok(plan.merged)
    }

    /// Rewrites the document to hold only what is still `pending` (removed
    /// when nothing is).
    fn shrink(&self, doc: &Store, pending: &HashSet<String>) -> Result<(), StorageError> {
        match moving::rest(doc, pending) {
            None => self
                .kv
                .remove(DATA_KEY)
                .map_err(|_| StorageError::Other(super::NO_REMOVE_DOCUMENT.into())),
            Some(rest) => set_verified(&self.kv, DATA_KEY, &store::encode(&rest)),
        }
    }

    /// The sequence the meta entry holds now; `None` when absent or unreadable.
    fn stored_seq(&self) -> Option<u64> {
        Meta::decode(&self.kv.get(META_KEY)?).ok().map(|m| m.seq)
    }

    /// Saves `mine` in the records layout, merged with what another tab
    /// stored meanwhile; `None` when this page uses the single document (the
    /// caller saves that). `Ok(None)`: exactly `mine` is stored;
    /// `Ok(Some(m))`: `m` (with another tab's records) is. On error nothing
    /// this page held is forgotten: the next save writes the same difference
    /// again.
    pub fn save(
        &mut self,
        mine: &Store,
        status: &LoadStatus,
    ) -> Option<Result<Option<Store>, StorageError>> {
        let held = self.held.as_ref()?;
        let seen = if !self.kv.available() {
            Seen::NoStorage
        } else if self.stored_seq().unwrap_or(0) == held.layout.meta.seq {
            Seen::Unchanged
        } else {
            Seen::Changed(Box::new(layout::assemble(&self.kv.entries(PREFIX))))
        };
        Some(self.write(mine, status, seen))
    }

    fn write(
        &mut self,
        mine: &Store,
        status: &LoadStatus,
        seen: Seen,
    ) -> Result<Option<Store>, StorageError> {
        let h = self.held.as_mut().expect("checked by save");
        let out = saving::plan(status, &h.layout, &h.before, mine, seen)
            .map_err(StorageError::Blocked)?;
        for (key, text) in &out.plan.writes {
            match text {
                Some(t) => set_verified(&self.kv, key, t)?,
                None => self
                    .kv
                    .remove(key)
                    .map_err(|_| StorageError::Other(super::NO_REMOVE_RECORD.into()))?,
            }
        }
        let h = self.held.as_mut().expect("checked by save");
        match &out.merged {
            // Another tab's records came in: what is stored is the merge.
            Some(m) => h.before = m.clone(),
            None => layout::apply_writes(&mut h.before, mine, &out.plan.writes),
        }
        h.layout = out.layout;
        Ok(out.merged)
    }

    /// The records as stored now, for a `storage` event from another tab,
    /// with the keys of those an older Attune wrote (merged field by field);
    /// `None` when the data is a newer Attune's. What is returned becomes
    /// what this page last read. (Only for a page in the records layout:
    /// see [`RecordStore::active`].)
    pub fn reread(&mut self) -> Option<(Store, BTreeMap<String, u32>)> {
        let assembled = layout::assemble(&self.kv.entries(PREFIX));
        if assembled.layout.read_only() {
            return None;
        }
        self.hold(assembled.layout, assembled.store.clone());
        Some((assembled.store, assembled.older))
    }
}
