//! Moving from the single stored document to one record per key, with
//! nothing lost, as a plan the shell carries out.
//!
//! Why a plan: the move must survive a closed tab, a full quota and an old
//! tab still open, and each of those is a decision that deserves a native
//! test. The order makes every interruption harmless:
//!
//! 1. write every record, verifying each (the document stays as it is);
//! 2. write the meta entry last: from then on the records are the data;
//! 3. check the records read back as the document did
//!    ([`verify`]), then remove the document.
//!
//! Stopped before 2, the next start finds no meta entry and migrates again
//! (the same records, overwritten). Stopped after 2, the next start reads
//! the records and absorbs whatever the document still holds (an older tab
//! may have saved into it) by the two-tab merge, then removes it. Refused
//! for lack of room: the records written are removed and the document stays
//! in use, exactly as before.

use super::records::{self, Kind, META_KEY};
use crate::domain::store::{self, DecodeError, Store};

/// The single document's key (the shell's `storage::DATA_KEY`).
pub const DOCUMENT_KEY: &str = "attune.data";

/// What to do at start-up about the two layouts.
#[derive(Clone, Debug, PartialEq)]
pub enum MigrationPlan {
    /// Nothing stored in either layout: start empty in the records layout.
    Fresh,
    /// The records are the data. When the document is still there, merge
    /// `absorb` into what [`records::assemble`] reads (with
    /// [`store::merge`]), save the difference, then remove the document.
    Records {
        /// What the leftover document holds, if it can be read.
        absorb: Option<Store>,
    },
    /// Move the document into records.
    Migrate {
        /// Records then the meta entry, each written and verified in turn.
        writes: Vec<(String, String)>,
        /// Record keys left by an earlier attempt that this one does not
        /// write (removed before writing): none in practice.
        stale: Vec<String>,
        /// What the records must read back as before the document goes.
        expect: Store,
    },
    /// Stay on the single document, as today.
    KeepDocument(Keep),
}

/// Why the single document stays.
#[derive(Clone, Debug, PartialEq)]
pub enum Keep {
    /// A newer Attune wrote it: shown read-only, never rewritten or moved.
    Newer(u32),
    /// It cannot be read: today's quarantine path applies first.
    Unreadable(DecodeError),
}

/// Decides what start-up does, from the document's text (if any) and the
/// keys found under [`records::PREFIX`].
pub fn plan(document: Option<&str>, record_keys: &[&str]) -> MigrationPlan {
    let has_meta = record_keys.contains(&META_KEY);
    if has_meta {
        let absorb = document
            .and_then(|t| store::decode(t).ok())
            .filter(|d| !d.read_only())
            .map(|d| d.store);
        return MigrationPlan::Records { absorb };
    }
    let Some(text) = document else {
        return MigrationPlan::Fresh;
    };
    let decoded = match store::decode(text) {
        Ok(d) => d,
        Err(e) => return MigrationPlan::KeepDocument(Keep::Unreadable(e)),
    };
    if decoded.read_only() {
        return MigrationPlan::KeepDocument(Keep::Newer(decoded.from_version));
    }
    let writes: Vec<(String, String)> = records::split(&decoded.store);
    let stale = record_keys
        .iter()
        .filter(|k| Kind::of_key(k).is_some() && !writes.iter().any(|(w, _)| w == *k))
        .map(|k| k.to_string())
        .collect();
    MigrationPlan::Migrate {
        writes,
        stale,
        expect: decoded.store,
    }
}

/// Whether what was written reads back as the document did: the last check
/// before the document is removed. `Err` names the first difference; the
/// shell then keeps the document and removes the records.
pub fn verify(expect: &Store, entries: &[(String, String)]) -> Result<(), String> {
    let read = records::assemble(entries);
    if let Some((key, problem)) = read.problems.first() {
        return Err(format!("{key} did not read back ({problem:?})"));
    }
    if read.store.clients != expect.clients {
        return Err("the clients differ".into());
    }
    if read.store.ratings != expect.ratings {
        return Err("the ratings differ".into());
    }
    if read.store.unrated != expect.unrated {
        return Err("the sessions without a rating differ".into());
    }
    if read.store.last_backup_at != expect.last_backup_at {
        return Err("the last backup time differs".into());
    }
    Ok(())
}

/// After a write was refused for lack of room: the keys to remove so the
/// document stays the only copy (every key the migration may have written).
pub fn roll_back(writes: &[(String, String)]) -> Vec<String> {
    writes.iter().map(|(k, _)| k.clone()).collect()
}
