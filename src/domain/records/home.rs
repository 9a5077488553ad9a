//! Where the therapist page's records live, and the once-per-device move of
//! them from localStorage into IndexedDB, as pure decisions the shell
//! (`storage::home`) carries out.
//!
//! IndexedDB holds the same entries the records layout wrote to
//! localStorage ([`crate::domain::records::layout`]: one key per record, the
//! same text), plus one marker, [`HOME_KEY`], written in the same
//! transaction as the moved records: an IndexedDB with the marker is the
//! records' home, one without it holds nothing of Attune's yet. Why the
//! same entries: every rule of the layout (assembling, saving, the two-tab
//! merge, older versions) stays as it is and as tested.
//!
//! The move, in the order that makes every cut harmless:
//!
//! 1. read IndexedDB; without the marker, copy the localStorage records
//!    (and the single document, moved into records by
//!    [`crate::domain::records::migrate`]) into memory;
//! 2. write them all and the marker in **one** readwrite transaction, which
//!    first checks that the marker is still absent (a second tab starting
//!    at the same moment finds it present and starts over, reading what
//!    the first moved); a transaction is whole or nothing, so a closed tab
//!    or a full quota leaves IndexedDB without the marker and localStorage
//!    untouched;
//! 3. read IndexedDB back and compare the count and checksum of what was
//!    written ([`Marker`], [`verify`]);
//! 4. only then remove the localStorage copies, each only if it still holds
//!    the text copied ([`removable`]): one an old build's tab rewrote
//!    meanwhile stays, and is taken in at the next start.
//!
//! After the move, records still found in localStorage (an old build's tab
//! went on saving there) or a single document (an older one) are taken in
//! by the two-tab rule ([`take_in`]) and then removed the same way.

use crate::domain::records::layout::{Assembled, META_KEY, PREFIX};
use crate::domain::records::migrate::{self, MigrationPlan};
use crate::domain::records::store::{Store, CURRENT_VERSION};

/// IndexedDB's marker that the records live there (written with the moved
/// records, in the same transaction). Not under [`PREFIX`], so the layout
/// never reads it as a record.
pub const HOME_KEY: &str = "attune.home";

/// A localStorage key the therapist page sets once its records live in
/// IndexedDB and hold something: the rating form reads only localStorage
/// (its first load opens no database), and without it a device whose
/// records moved would look new to it ("New to Attune?").
pub const HOLDS_RECORDS_KEY: &str = "attune.indb";

/// What IndexedDB looked like at start-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Database {
    /// No IndexedDB (blocked, a private window that refuses it, an error
    /// opening it).
    Unavailable,
    /// Opened, without the marker: the records are not there yet.
    Empty,
    /// Opened, with the marker: the records live there.
    Home,
}

/// Why the records stay in localStorage for this page.
#[derive(Clone, Debug, PartialEq)]
pub enum Stay {
    /// IndexedDB cannot be used.
    NoDatabase,
    /// The single document must not be moved (a newer Attune's, or
    /// unreadable: today's read-only and quarantine paths apply first).
    KeepDocument,
}

/// What start-up does.
#[derive(Clone, Debug, PartialEq)]
pub enum Start {
    /// Records stay in localStorage, as before this version.
    Stay(Stay),
    /// Copy the localStorage records (and the document) into IndexedDB,
    /// with the marker, then remove them from localStorage.
    Move,
    /// IndexedDB is the home. `leftovers`: localStorage still holds
    /// records or a document (an old build's tab wrote them, or the last
    /// removal was cut short), to be taken in and then removed.
    Open {
        /// Whether anything in localStorage is to be taken in.
        leftovers: bool,
    },
}

/// Decides start-up from what IndexedDB holds, the localStorage record
/// keys and the single document's text.
pub fn plan(db: Database, local_keys: &[&str], document: Option<&str>) -> Start {
    let local_records = local_keys.iter().any(|k| k.starts_with(PREFIX));
    match db {
        Database::Unavailable => Start::Stay(Stay::NoDatabase),
        Database::Home => Start::Open {
            leftovers: local_records || document.is_some(),
        },
        Database::Empty => match migrate::plan(document, local_keys) {
            MigrationPlan::KeepDocument(_) => Start::Stay(Stay::KeepDocument),
            _ => Start::Move,
        },
    }
}

/// Whether a move just opened may be written: never when the records read
/// as a newer Attune's (they stay where that Attune left them, read-only).
pub fn may_move(read_only: bool) -> bool {
    !read_only
}

/// The count and checksum of a set of entries, as written with the moved
/// records and compared with what reads back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marker {
    /// How many entries (under [`PREFIX`]).
    pub records: usize,
    /// FNV-1a (64 bits) over every entry's key and text, in key order.
    pub checksum: u64,
}

impl Marker {
    /// The marker of `entries` (only those under [`PREFIX`] count; the
    /// order given does not matter).
    pub fn of(entries: &[(String, String)]) -> Marker {
        let mut sorted: Vec<&(String, String)> = entries
            .iter()
            .filter(|(k, _)| k.starts_with(PREFIX))
            .collect();
        sorted.sort();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for (k, t) in &sorted {
            for b in k.bytes().chain([0]).chain(t.bytes()).chain([0]) {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        Marker {
            records: sorted.len(),
            checksum: hash,
        }
    }

    /// The marker's stored text.
    pub fn encode(&self, moved_at: &str) -> String {
        format!(
            "{{\"records\":{},\"checksum\":\"{:016x}\",\"moved_at\":\"{moved_at}\",\"version\":{CURRENT_VERSION}}}",
            self.records, self.checksum
        )
    }
}

/// Whether what reads back from IndexedDB is what was written: the same
/// count and checksum. `Err` says how it differs.
pub fn verify(expected: &Marker, read: &[(String, String)]) -> Result<(), String> {
    let got = Marker::of(read);
    if got.records != expected.records {
        return Err(format!(
            "{} records read back, {} written",
            got.records, expected.records
        ));
    }
    if got.checksum != expected.checksum {
        return Err("the records read back differ from those written".into());
    }
    Ok(())
}

/// The localStorage keys that may go once their copies are safely in
/// IndexedDB: those whose text now (`now`, as read just before removing)
/// is still the text copied. A key rewritten meanwhile (an old build's tab
/// saved) stays for the next take-in; a key already gone needs nothing.
pub fn removable(copied: &[(String, String)], now: &[(String, String)]) -> Vec<String> {
    copied
        .iter()
        .filter(|(k, t)| now.iter().any(|(nk, nt)| nk == k && nt == t))
        .map(|(k, _)| k.clone())
        .collect()
}

/// Takes what localStorage still holds into `mine` (the records read from
/// IndexedDB): its records (`records`, as [`crate::domain::records::layout::assemble`]
/// read them) by the rule for another tab's write, so an older Attune's
/// copy never clears a field; then the single document, by the rule for a
/// leftover document. `None` when the localStorage records are a newer
/// Attune's (left where they are).
pub fn take_in(
    mine: &Store,
    records: Option<&Assembled>,
    document: Option<&Store>,
) -> Option<Store> {
    let mut out = mine.clone();
    if let Some(a) = records {
        if a.layout.read_only() {
            return None;
        }
        if a.layout.meta.seq > 0 || a.store != Store::default() {
            out = crate::domain::records::older::merge_stored(&a.store, &out, &a.older);
        }
    }
    if let Some(d) = document {
        out = crate::domain::records::older::merge_older(&out, d, CURRENT_VERSION).0;
    }
    Some(out)
}

/// The guard of a save's transaction: the meta entry must still hold what
/// this page last read or wrote (`base`), else another tab saved first and
/// the save is planned again on what it wrote.
pub fn save_guard(base: Option<&str>) -> (&'static str, Option<&str>) {
    (META_KEY, base)
}

/// The guard of the move's transaction: the marker must still be absent.
pub fn move_guard() -> (&'static str, Option<&'static str>) {
    (HOME_KEY, None)
}
