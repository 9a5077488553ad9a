//! What to do with the stored document at start-up and at every save, as pure
//! decisions over what the shell observed. `storage` only reads, copies and
//! writes; every "may I overwrite this?" is answered here, so each branch has
//! a native test.
//!
//! The rules: never overwrite data that cannot be read (it is set aside under
//! a quarantine key first, or left alone); never rewrite data from a newer
//! Attune; merge with what another tab stored before writing; never write a
//! document the next start-up would refuse; clear the draft only once the
//! rating is in a verified write.

use crate::domain::measures::rating::Rating;
use crate::domain::records::store::{self, DecodeError, Decoded, Store};
use crate::domain::words::Words;
use std::fmt;

/// Prefix of quarantined copies of unreadable data: `attune.quarantine.<ms>`.
pub const QUARANTINE_PREFIX: &str = "attune.quarantine.";

/// How the stored document looked when the app started.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadStatus {
    /// Nothing stored yet.
    Fresh,
    /// Read normally.
    Ok,
    /// Read and upgraded from an older version (written back on next save).
    Migrated(u32),
    /// Written by a newer Attune: shown read-only, never rewritten.
    ReadOnly(u32),
    /// Unreadable: copied unchanged to `key`; the app starts empty beside it.
    Quarantined {
        /// Where the original now also lives.
        key: String,
        /// What was wrong with it.
        reason: DecodeError,
    },
    /// Unreadable and could not be copied (quota): left untouched, saving off.
    Unreadable(DecodeError),
    /// No storage: everything stays in memory.
    Unavailable,
}

impl LoadStatus {
    /// True when saving may replace the stored document.
    pub fn writable(&self) -> bool {
        matches!(
            self,
            LoadStatus::Fresh
                | LoadStatus::Ok
                | LoadStatus::Migrated(_)
                | LoadStatus::Quarantined { .. }
        )
    }
}

/// What the shell found under the data key at start-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found<'a> {
    /// No localStorage at all.
    NoStorage,
    /// Storage works; nothing stored.
    Nothing,
    /// The stored text.
    Text(&'a str),
}

/// What to do at start-up.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadPlan {
    /// Start with the store and status given. `remember` is true when the
    /// stored text was read normally in the current version: the shell keeps
    /// that text as "last read", so a save can skip decoding it when no other
    /// tab wrote. (A migrated document is not remembered: it must be written.)
    Start {
        /// The data to start with.
        store: Store,
        /// How it was read.
        status: LoadStatus,
        /// Whether to remember the stored text as this tab's last read.
        remember: bool,
    },
    /// Unreadable and not yet set aside: copy the text, unchanged and
    /// verified, to `key` first, then call [`LoadPlan::after_quarantine`].
    QuarantineFirst {
        /// Where to copy it.
        key: String,
        /// Why it could not be read.
        reason: DecodeError,
    },
}

impl LoadPlan {
    /// The status once the shell tried the copy asked for by
    /// [`LoadPlan::QuarantineFirst`]: quarantined when the verified copy
    /// succeeded, otherwise left untouched with saving off.
    pub fn after_quarantine(key: String, reason: DecodeError, copied: bool) -> LoadStatus {
        if copied {
            LoadStatus::Quarantined { key, reason }
        } else {
            LoadStatus::Unreadable(reason)
        }
    }
}

/// Decides the start-up. `quarantined` is every `(key, text)` already set
/// aside (oldest first); `now_ms` names a new quarantine key.
pub fn plan_load(found: Found<'_>, quarantined: &[(String, String)], now_ms: u64) -> LoadPlan {
    let start = |store, status, remember| LoadPlan::Start {
        store,
        status,
        remember,
    };
    let text = match found {
        Found::NoStorage => return start(Store::default(), LoadStatus::Unavailable, false),
        Found::Nothing => return start(Store::default(), LoadStatus::Fresh, false),
        Found::Text(text) => text,
    };
    match store::decode(text) {
        Ok(d) if d.read_only() => start(d.store, LoadStatus::ReadOnly(d.from_version), false),
        Ok(d) if d.migrated() => start(d.store, LoadStatus::Migrated(d.from_version), false),
        Ok(d) => start(d.store, LoadStatus::Ok, true),
        Err(reason) => {
            // Opened again before anything new was saved (a reload, the other
            // page): point at the copy set aside last time, never make another.
            if let Some((key, _)) = quarantined.iter().find(|(_, t)| t == text) {
                let status = LoadStatus::Quarantined {
                    key: key.clone(),
                    reason,
                };
                return start(Store::default(), status, false);
            }
            let keys: Vec<&str> = quarantined.iter().map(|(k, _)| k.as_str()).collect();
            LoadPlan::QuarantineFirst {
                key: quarantine_key(now_ms, &keys),
                reason,
            }
        }
    }
}

/// `attune.quarantine.<ms>`, with `-2`, `-3`… appended when that key is taken
/// (two start-ups in one millisecond must not overwrite a set-aside copy).
pub fn quarantine_key(now_ms: u64, taken: &[&str]) -> String {
    let base = format!("{QUARANTINE_PREFIX}{now_ms}");
    let mut key = base.clone();
    let mut n = 1;
    while taken.contains(&key.as_str()) {
        n += 1;
        key = format!("{base}-{n}");
    }
    key
}

/// When the copy under `key` (from [`quarantine_key`]) was set aside: the
/// milliseconds in the key, with any `-2`, `-3`… suffix of a second copy in
/// the same millisecond ignored. `None` for a key of another shape.
pub fn quarantine_time(key: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let rest = key.strip_prefix(QUARANTINE_PREFIX)?;
    let ms = match rest.split_once('-') {
        Some((ms, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => ms,
        Some(_) => return None,
        None => rest,
    };
    if ms.is_empty() || !ms.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    chrono::DateTime::from_timestamp_millis(ms.parse().ok()?)
}

/// What the shell found under the data key just before a save.
#[derive(Debug, Clone, PartialEq)]
pub enum Observed {
    /// No localStorage at all.
    NoStorage,
    /// Nothing stored.
    Absent,
    /// Exactly the text this tab last wrote or read: no other tab saved since.
    Unchanged,
    /// Something else; the shell decoded it.
    Changed {
        /// The stored text's decode result.
        decoded: Result<Decoded, DecodeError>,
        /// Whether the stored text equals the copy quarantined at start-up
        /// (only possible when the status is [`LoadStatus::Quarantined`]).
        is_quarantined_copy: bool,
    },
}

/// Why a save was not made. `Display` is the sentence shown to the user.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocked {
    /// Opened read-only: the stored data is from a newer Attune.
    ReadOnly(u32),
    /// Unreadable at start-up and could not be set aside.
    UnreadableUntouched,
    /// No storage in this browser.
    Unavailable,
    /// Another tab stored data from a newer Attune since start-up.
    NewerFromOtherTab(u32),
    /// Stored data that was readable (or set aside) became unreadable.
    BecameUnreadable(DecodeError),
    /// Unreadable data appeared where nothing was stored at start-up.
    AppearedUnreadable(DecodeError),
    /// The merged document would break a rule, so the next start-up would
    /// refuse it; the stored copy is kept.
    WouldBeUnreadable(DecodeError),
}

impl fmt::Display for Blocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Blocked::ReadOnly(v) => write!(f, "The stored data comes from a newer version of Attune (version {v}), so it is open read-only and nothing new is saved."),
            Blocked::UnreadableUntouched => write!(f, "The stored data could not be read and there was no room to set a copy aside, so it is left untouched and nothing new is saved."),
            Blocked::Unavailable => write!(f, "This browser is not letting Attune store data here (storage is disabled or blocked), so nothing is saved."),
            Blocked::NewerFromOtherTab(v) => write!(f, "Another tab stored data from a newer version of Attune (version {v}). Nothing was saved here, so that data stays as it is."),
            Blocked::BecameUnreadable(e) => write!(f, "The stored data became unreadable ({e}). Nothing was saved over it; reload to set it aside safely."),
            Blocked::AppearedUnreadable(e) => write!(f, "Unreadable data appeared in storage after Attune started ({e}). Nothing was saved over it; reload to set it aside safely."),
            Blocked::WouldBeUnreadable(e) => write!(f, "The combined data would not be readable ({e}), so the stored copy was kept."),
        }
    }
}

impl Blocked {
    /// The sentence in `w`'s language, for the page (`Display` keeps the
    /// English for logs).
    pub fn words(&self, w: Words) -> String {
        match self {
            Blocked::ReadOnly(v) => w.trf("The stored data comes from a newer version of Attune (version {v}), so it is open read-only and nothing new is saved.", &[("v", v)]),
            Blocked::UnreadableUntouched => w.tr("The stored data could not be read and there was no room to set a copy aside, so it is left untouched and nothing new is saved.").into(),
            Blocked::Unavailable => w.tr("This browser is not letting Attune store data here (storage is disabled or blocked), so nothing is saved.").into(),
            Blocked::NewerFromOtherTab(v) => w.trf("Another tab stored data from a newer version of Attune (version {v}). Nothing was saved here, so that data stays as it is.", &[("v", v)]),
            Blocked::BecameUnreadable(e) => w.trf("The stored data became unreadable ({reason}). Nothing was saved over it; reload to set it aside safely.", &[("reason", &e.words(w))]),
            Blocked::AppearedUnreadable(e) => w.trf("Unreadable data appeared in storage after Attune started ({reason}). Nothing was saved over it; reload to set it aside safely.", &[("reason", &e.words(w))]),
            Blocked::WouldBeUnreadable(e) => w.trf("The combined data would not be readable ({reason}), so the stored copy was kept.", &[("reason", &e.words(w))]),
        }
    }
}

/// What a save should do.
#[derive(Debug, Clone, PartialEq)]
pub enum SavePlan {
    /// Encode and write this (verified by reading back), then remember it.
    Write(Store),
    /// Write nothing; tell the user why.
    Block(Blocked),
}

/// Decides a save of `mine` given the start-up status and what is stored now.
///
/// The status is checked first, so a blocked document is never even read.
/// Another tab's readable data is the merge's base: its copy wins ties, and
/// no rating of either side is lost.
pub fn plan_save(status: &LoadStatus, observed: Observed, mine: &Store) -> SavePlan {
    match status {
        LoadStatus::ReadOnly(v) => return SavePlan::Block(Blocked::ReadOnly(*v)),
        LoadStatus::Unreadable(_) => return SavePlan::Block(Blocked::UnreadableUntouched),
        LoadStatus::Unavailable => return SavePlan::Block(Blocked::Unavailable),
        _ => {}
    }
    let merged = match observed {
        Observed::NoStorage => return SavePlan::Block(Blocked::Unavailable),
        // Nothing there, or only what this tab wrote: `mine` holds it all.
        Observed::Absent | Observed::Unchanged => mine.clone(),
        Observed::Changed { decoded: Ok(d), .. } if d.read_only() => {
            return SavePlan::Block(Blocked::NewerFromOtherTab(d.from_version))
        }
        Observed::Changed { decoded: Ok(d), .. } => store::merge(&d.store, mine).0,
        // The unreadable text found at start-up: its verified copy sits under
        // the quarantine key, so the main key may now take new data.
        Observed::Changed {
            decoded: Err(_),
            is_quarantined_copy: true,
        } if matches!(status, LoadStatus::Quarantined { .. }) => mine.clone(),
        Observed::Changed {
            decoded: Err(e), ..
        } if *status == LoadStatus::Fresh => {
            return SavePlan::Block(Blocked::AppearedUnreadable(e))
        }
        Observed::Changed {
            decoded: Err(e), ..
        } => return SavePlan::Block(Blocked::BecameUnreadable(e)),
    };
    match store::validate(&merged) {
        Ok(()) => SavePlan::Write(merged),
        Err(e) => SavePlan::Block(Blocked::WouldBeUnreadable(e)),
    }
}

/// Whether the draft that became `rating` may be deleted: only when `written`
/// (the store a verified write returned; `None` when the save failed or was
/// blocked) holds that rating with the same scores. Until then the draft is
/// the only copy of the client's marks.
pub fn may_clear_draft(rating: &Rating, written: Option<&Store>) -> bool {
    written.is_some_and(|s| {
        s.ratings
            .iter()
            .any(|r| r.id == rating.id && r.scores == rating.scores)
    })
}

/// Where a finished rating is kept once Done was pressed and the page tried
/// to save it: what decides whether its marks may go and whether a round
/// may count it in a way that outlives this tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Written to localStorage and read back: safe on this device.
    Stored,
    /// Refused by localStorage (full, blocked) but written to this tab's
    /// sessionStorage and read back: it survives a reload of this tab and
    /// the move between the two pages, not the tab's closing (a relaunch).
    ThisTab,
    /// Held only in this page's memory: leaving asks first, and the banner
    /// offers "Export now".
    MemoryOnly,
}

impl Kept {
    /// How a save went: `written` (verified in localStorage), else
    /// `in_tab` (this tab's copy verified).
    pub fn from_save(written: bool, in_tab: bool) -> Kept {
        match (written, in_tab) {
            (true, _) => Kept::Stored,
            (false, true) => Kept::ThisTab,
            (false, false) => Kept::MemoryOnly,
        }
    }

    /// Whether the draft (the marks) may be forgotten: only once the rating
    /// is somewhere a reload cannot lose. Held only in memory, the draft is
    /// a second copy, so a reload gives the person back their own marks.
    pub fn lets_marks_go(self) -> bool {
        self != Kept::MemoryOnly
    }
}
