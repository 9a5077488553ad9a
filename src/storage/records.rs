//! The records layout's reads and writes (the therapist page): one
//! localStorage entry per client, rating and logged session, plus a meta
//! entry. Every decision is the domain's ([`migrate::plan`],
//! [`records::assemble`], [`saving::plan`]); this reads, writes, verifies.
//!
//! Until the move from the single document has succeeded (or when it must
//! not happen: data from a newer Attune, or unreadable data still to be set
//! aside) the page keeps using the document exactly as before.

use super::{entries, quarantine_record, raw, set_verified, LoadStatus, StorageError, DATA_KEY};
use crate::domain::store::CURRENT_VERSION;
use crate::domain::store::{self, Store};
use crate::domain::store_plan::room::move_step_units;
use crate::domain::store_plan::start::records_status;
use crate::domain::sync::migrate::{self, MigrationPlan};
use crate::domain::sync::records::{self, Layout, Meta, META_KEY, PREFIX};
use crate::domain::sync::saving::{self, Seen};
use crate::domain::sync::{moving, older};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};

/// What this tab last read or wrote in the records layout.
struct Held {
    layout: Layout,
    before: Store,
}

thread_local! {
    /// `None` while the page uses the single document.
    static HELD: RefCell<Option<Held>> = const { RefCell::new(None) };
}

/// True when this tab stores one record per key.
pub fn active() -> bool {
    HELD.with(|h| h.borrow().is_some())
}

fn hold(layout: Layout, before: Store) {
    HELD.with(|h| *h.borrow_mut() = Some(Held { layout, before }));
}

/// Every key of this origin's localStorage.
fn keys(s: &web_sys::Storage) -> Vec<String> {
    (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .collect()
}

/// Opens the stored data, moving the single document into records first
/// when it can; falls back to the document (today's path) when it cannot.
pub fn load(now_ms: f64) -> (Store, LoadStatus) {
    let Ok(s) = raw() else {
        return super::load(now_ms);
    };
    let document = s.get_item(DATA_KEY).ok().flatten();
    let record_keys: Vec<String> = keys(&s)
        .into_iter()
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    let refs: Vec<&str> = record_keys.iter().map(String::as_str).collect();
    match migrate::plan(document.as_deref(), &refs) {
        MigrationPlan::KeepDocument(_) => super::load(now_ms),
        MigrationPlan::Fresh => {
            hold(Layout::new(), Store::default());
            (Store::default(), LoadStatus::Fresh)
        }
        MigrationPlan::Migrate {
            stale, expect: doc, ..
        } => {
            for k in &stale {
                let _ = s.remove_item(k);
            }
            // The meta entry first: from here on the records are the data
            // and whatever the document still holds is taken in beside them.
            let meta = Meta::new(0, doc.last_backup_at).encode();
            if set_verified(META_KEY, &meta).is_err() {
                return super::load(now_ms);
            }
            open(&s, Some(doc), now_ms)
        }
        MigrationPlan::Records { absorb } => open(&s, absorb, now_ms),
    }
}

/// Reads the records; sets unreadable ones aside (each alone); takes in,
/// step by step, what a document still holds (the move from the single
/// document, or an old tab that saved into it).
fn open(s: &web_sys::Storage, absorb: Option<Store>, now_ms: f64) -> (Store, LoadStatus) {
    let found = entries(s, PREFIX);
    let assembled = records::assemble(&found);
    for key in assembled.quarantine() {
        if let Some((_, text)) = found.iter().find(|(k, _)| k == key) {
            quarantine_record(key, text, now_ms);
        }
    }
    let status = records_status(&assembled.layout, !found.is_empty());
    let Some(doc) = absorb.filter(|_| status.writable()) else {
        hold(assembled.layout, assembled.store.clone());
        return (assembled.store, status);
    };
    let mut layout = assembled.layout;
    match take_in(s, &assembled.store, &doc, &mut layout) {
        Ok(merged) => {
            hold(layout, merged.clone());
            (merged, status)
        }
        Err(_) => {
            // Cut short (no room): the records and the document together
            // still hold everything; show both, and move the rest at the
            // next start.
            let now = records::assemble(&entries(s, PREFIX));
            let merged = older::merge_older(&now.store, &doc, CURRENT_VERSION).0;
            hold(now.layout, now.store);
            (merged, status)
        }
    }
}

/// Writes `doc`'s records beside `records` in steps (`moving::plan`),
/// rewriting the document after each step without what it moved, then
/// removes it and bumps the meta entry. Each record is verified.
fn take_in(
    s: &web_sys::Storage,
    records: &Store,
    doc: &Store,
    layout: &mut Layout,
) -> Result<Store, StorageError> {
    // A step never takes more than half the room left, so one always fits.
    let step = move_step_units(super::used_units(), moving::STEP_UNITS);
    let plan = moving::plan(records, doc, step);
    let mut pending: HashSet<String> = plan
        .steps
        .iter()
        .flatten()
        .map(|(k, _)| k.clone())
        .collect();
    // What the records already hold leaves the document first, so no step
    // needs room the document is not about to give back.
    shrink(s, doc, &pending)?;
    for step in &plan.steps {
        for (key, text) in step {
            set_verified(key, text)?;
        }
        for (key, _) in step {
            pending.remove(key);
        }
        shrink(s, doc, &pending)?;
    }
    layout.meta = Meta::new(layout.meta.seq + 1, plan.merged.last_backup_at);
    set_verified(META_KEY, &layout.meta.encode())?;
    Ok(plan.merged)
}

/// Rewrites the document to hold only what is still `pending` (removed
/// when nothing is).
fn shrink(
    s: &web_sys::Storage,
    doc: &Store,
    pending: &HashSet<String>,
) -> Result<(), StorageError> {
    match moving::rest(doc, pending) {
        None => s
            .remove_item(DATA_KEY)
            .map_err(|_| StorageError::Other("could not remove the old document".into())),
        Some(rest) => set_verified(DATA_KEY, &store::encode(&rest)),
    }
}

/// The sequence the meta entry holds now; `None` when absent or unreadable.
fn stored_seq(s: &web_sys::Storage) -> Option<u64> {
    let text = s.get_item(META_KEY).ok().flatten()?;
    Meta::decode(&text).ok().map(|m| m.seq)
}

/// Saves `mine` in the records layout, merged with what another tab stored
/// meanwhile. `Ok(None)`: exactly `mine` is stored; `Ok(Some(m))`: `m` (with
/// another tab's records) is. On error nothing this tab held is forgotten:
/// the next save writes the same difference again.
pub fn save(mine: &Store, status: &LoadStatus) -> Result<Option<Store>, StorageError> {
    let held_seq = HELD.with(|h| h.borrow().as_ref().map(|h| h.layout.meta.seq));
    let Some(held_seq) = held_seq else {
        return super::save(mine, status).map(Some);
    };
    let s = raw();
    let seen = match &s {
        Err(_) => Seen::NoStorage,
        Ok(s) if stored_seq(s).unwrap_or(0) == held_seq => Seen::Unchanged,
        Ok(s) => Seen::Changed(Box::new(records::assemble(&entries(s, PREFIX)))),
    };
    let out = HELD
        .with(|h| {
            let h = h.borrow();
            let h = h.as_ref().expect("held above");
            saving::plan(status, &h.layout, &h.before, mine, seen)
        })
        .map_err(|b| StorageError::Blocked(b.to_string()))?;
    let s = s?;
    for (key, text) in &out.plan.writes {
        match text {
            Some(t) => set_verified(key, t)?,
            None => s
                .remove_item(key)
                .map_err(|_| StorageError::Other("could not remove a record".into()))?,
        }
    }
    HELD.with(|h| {
        let mut h = h.borrow_mut();
        let h = h.as_mut().expect("held above");
        match &out.merged {
            // Another tab's records came in: what is stored is the merge.
            Some(m) => h.before = m.clone(),
            None => records::apply_writes(&mut h.before, mine, &out.plan.writes),
        }
        h.layout = out.layout;
    });
    Ok(out.merged)
}

/// The records as stored now, for a `storage` event from another tab,
/// with the keys of those an older Attune wrote (merged field by field);
/// `None` when this tab uses the document or the data is a newer Attune's.
/// What is returned becomes what this tab last read.
pub fn reread() -> Option<(Store, BTreeMap<String, u32>)> {
    if !active() {
        return super::reread().map(|s| (s, BTreeMap::new()));
    }
    let s = raw().ok()?;
    let assembled = records::assemble(&entries(&s, PREFIX));
    if assembled.layout.read_only() {
        return None;
    }
    hold(assembled.layout, assembled.store.clone());
    Some((assembled.store, assembled.older))
}
