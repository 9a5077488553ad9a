//! Moving from the single stored document to one record per key, with
//! nothing lost, as a plan the shell carries out.
//!
//! Why a plan: the move must survive a closed tab, a full quota and an old
//! tab still open, and each of those is a decision that deserves a native
//! test. The order makes every interruption harmless:
//!
//! 1. write the meta entry: from then on the records are the data, and a
//!    document beside them is taken in at every start;
//! 2. take the document in step by step ([`crate::domain::records::moving`]): a step of
//!    records written and verified, then the document rewritten without
//!    them, until it is removed.
//!
//! At every moment the records and the document together hold everything:
//! stopped anywhere (a closed tab, a full quota), the next start reads the
//! records and takes in what the document still holds by the two-tab merge.
//! [`verify`] states what the records must read back as (the native tests
//! check every fixture's move with it).

use crate::domain::records::layout::{self, Kind, META_KEY};
use crate::domain::records::store::{self, DecodeError, Store};

/// The single document's key (the shell's `storage::DATA_KEY`).
pub const DOCUMENT_KEY: &str = "attune.data";

/// What to do at start-up about the two layouts.
#[derive(Clone, Debug, PartialEq)]
pub enum MigrationPlan {
    /// Nothing stored in either layout: start empty in the records layout.
    Fresh,
    /// The records are the data. When the document is still there, merge
    /// `absorb` into what [`layout::assemble`] reads (with
    /// [`store::merge`]), save the difference, then remove the document.
    Records {
        /// What the leftover document holds, if it can be read.
        absorb: Option<Store>,
    },
    /// Move the document into records.
    Migrate {
        /// Every record and the meta entry as the whole move leaves them
        /// (the shell writes them in steps, [`crate::domain::records::moving`]).
        writes: Vec<(String, String)>,
        /// Record keys left by an earlier attempt that this one does not
        /// write (removed before writing): none in practice.
        stale: Vec<String>,
        /// The document's data: what the records read as once it is moved.
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
/// keys found under [`layout::PREFIX`].
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
    let writes: Vec<(String, String)> = layout::split(&decoded.store);
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

/// Whether records read back as the document did. `Err` names the first
/// difference.
pub fn verify(expect: &Store, entries: &[(String, String)]) -> Result<(), String> {
    let read = layout::assemble(entries);
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
