//! The records layout's reads and writes (the therapist page): one
//! localStorage entry per client, rating and logged session, plus a meta
//! entry. Every decision is the domain's ([`migrate::plan`],
//! [`records::assemble`], [`saving::plan`]); this reads, writes, verifies.
//!
//! Until the move from the single document has succeeded (or when it must
//! not happen: data from a newer Attune, or unreadable data still to be set
//! aside) the page keeps using the document exactly as before.

use super::{entries, quarantine_record, raw, set_verified, LoadStatus, StorageError, DATA_KEY};
use crate::domain::store::{self, Store};
use crate::domain::sync::migrate::{self, MigrationPlan};
use crate::domain::sync::records::{self, Layout, Meta, META_KEY, PREFIX};
use crate::domain::sync::saving::{self, Seen};
use std::cell::RefCell;

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
            writes,
            stale,
            expect,
        } => {
            if move_document(&s, &writes, &stale, &expect).is_err() {
                // No room (or a write did not read back): the document
                // stays the data, exactly as before, and is opened as such.
                return super::load(now_ms);
            }
            open(&s, None, now_ms)
        }
        MigrationPlan::Records { absorb } => open(&s, absorb, now_ms),
    }
}

/// Writes the records then the meta entry, checks they read back as the
/// document, then removes the document. Any failure removes what was
/// written, so the document is the only copy again.
fn move_document(
    s: &web_sys::Storage,
    writes: &[(String, String)],
    stale: &[String],
    expect: &Store,
) -> Result<(), StorageError> {
    for k in stale {
        let _ = s.remove_item(k);
    }
    let undo = |s: &web_sys::Storage| {
        for k in migrate::roll_back(writes) {
            let _ = s.remove_item(&k);
        }
    };
    for (key, text) in writes {
        if let Err(e) = set_verified(key, text) {
            undo(s);
            return Err(e);
        }
    }
    let written = entries(s, PREFIX);
    if migrate::verify(expect, &written).is_err() {
        undo(s);
        return Err(StorageError::Verify);
    }
    let _ = s.remove_item(DATA_KEY);
    Ok(())
}

/// Reads the records; sets unreadable ones aside (each alone); takes in
/// what a leftover document holds (an old tab may have saved into it).
fn open(s: &web_sys::Storage, absorb: Option<Store>, now_ms: f64) -> (Store, LoadStatus) {
    let found = entries(s, PREFIX);
    let assembled = records::assemble(&found);
    for key in assembled.quarantine() {
        if let Some((_, text)) = found.iter().find(|(k, _)| k == key) {
            quarantine_record(key, text, now_ms);
        }
    }
    let status = if assembled.layout.read_only() {
        LoadStatus::ReadOnly(assembled.layout.meta.version)
    } else if found.is_empty() {
        LoadStatus::Fresh
    } else {
        LoadStatus::Ok
    };
    let store = assembled.store;
    hold(assembled.layout, store.clone());
    if let Some(old) = absorb {
        let (merged, _) = store::merge(&store, &old);
        if save(&merged, &status).is_ok() {
            let _ = s.remove_item(DATA_KEY);
        }
        return (merged, status);
    }
    (store, status)
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
    let stored = out.merged.clone().unwrap_or_else(|| mine.clone());
    hold(out.layout, stored);
    Ok(out.merged)
}

/// The records as stored now, for a `storage` event from another tab;
/// `None` when this tab uses the document or the data is a newer Attune's.
/// What is returned becomes what this tab last read.
pub fn reread() -> Option<Store> {
    if !active() {
        return super::reread();
    }
    let s = raw().ok()?;
    let assembled = records::assemble(&entries(&s, PREFIX));
    if assembled.layout.read_only() {
        return None;
    }
    hold(assembled.layout, assembled.store.clone());
    Some(assembled.store)
}
