//! When to nudge the therapist about backups and storage space. Pure: the
//! shell passes the time and the measured sizes in.

pub use crate::domain::records::room::LOCAL_STORAGE_LIMIT_UNITS;
use crate::domain::records::store::Store;
use crate::domain::words::Words;
use chrono::{DateTime, Duration, Utc};

/// A backup older than this many days earns a reminder.
pub const BACKUP_REMINDER_DAYS: i64 = 7;

/// Storage use at or above this percentage gets a warning.
pub const STORAGE_WARN_PERCENT: u32 = 80;

/// The reminder to show, or `None` when the backup is recent or there is
/// nothing to back up yet.
pub fn backup_reminder(store: &Store, now: DateTime<Utc>, w: Words) -> Option<String> {
    if store.ratings.is_empty() {
        return None;
    }
    match store.last_backup_at {
        None => Some(
            w.tr("No backup yet: ratings live only in this browser. Download a backup.")
                .into(),
        ),
        Some(at) if now - at > Duration::days(BACKUP_REMINDER_DAYS) => {
            let days = (now - at).num_days();
            Some(w.trf(
                "The last backup is {days} days old. Download a new one to keep recent ratings safe.",
                &[("days", &days)],
            ))
        }
        Some(_) => None,
    }
}

/// Whether to ask the browser, unprompted, to keep this site's storage
/// (`navigator.storage.persist()`): once per page, as soon as the device
/// holds a client or a rating and the browser has not already promised.
/// Asking before there is anything to keep would show some browsers'
/// permission prompt to a therapist who is only looking; asking again
/// after an answer would nag (the browser remembers a refusal anyway).
/// Never while the device is in client mode (`locked`): a prompt about the
/// browser's storage is the therapist's to answer, not the client's.
/// `persisted` is the browser's answer to `persisted()`, `None` while it
/// has not answered or cannot.
pub fn ask_to_persist(store: &Store, persisted: Option<bool>, asked: bool, locked: bool) -> bool {
    let holds = !store.clients.is_empty() || !store.ratings.is_empty();
    holds && persisted == Some(false) && !asked && !locked
}

/// How full a store is: the percentage (rounded down) and whether to warn.
pub fn usage(used: u64, quota: u64) -> (u32, bool) {
    if quota == 0 {
        return (0, false);
    }
    // In u128 so a huge `used` cannot saturate and read as nearly empty.
    let percent = (u128::from(used) * 100 / u128::from(quota)).min(100) as u32;
    (percent, percent >= STORAGE_WARN_PERCENT)
}

/// `1.2 MB` / `340 KB` / `12 B`: sizes for people, in decimal units.
pub fn human_bytes(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{}.{} MB", b / 1_000_000, (b % 1_000_000) / 100_000),
        b if b >= 1_000 => format!("{} KB", b / 1_000),
        b => format!("{b} B"),
    }
}

/// One pair of storage figures, `used` of `total`, in one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsePair {
    /// `0.2 MB`, or `under 0.1 MB` when something is stored but rounds to nothing.
    pub used_text: String,
    /// `10.5 MB`.
    pub total_text: String,
    /// Rounded down, 0–100.
    pub percent: u32,
    /// `2 %`, or `under 1 %` when something is stored.
    pub percent_text: String,
}

/// What the storage panel shows, figures that agree with each other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageFigures {
    /// Attune's records in localStorage against the assumed localStorage limit.
    pub records: UsePair,
    /// True when the records are near the limit (what actually runs out).
    pub warn: bool,
    /// The browser's estimate for the whole site, when it gave a usable one.
    pub site: Option<UsePair>,
}

/// Display figures from the localStorage units in use and the browser's
/// estimate `(usage, quota)` in bytes, which may be absent or zero.
///
/// localStorage holds UTF-16, so each unit counts as 2 bytes. Browsers that
/// leave localStorage out of their estimate would report less than the
/// records take, so the site's use is never shown below the records' size
/// (nor its quota below its use); a zero quota means no estimate. Each pair
/// uses one unit, chosen by its total, and data that exists never reads `0`.
pub fn storage_figures(local_units: u64, estimate: Option<(u64, u64)>, w: Words) -> StorageFigures {
    let records_bytes = local_units.saturating_mul(2);
    let (_, warn) = usage(local_units, LOCAL_STORAGE_LIMIT_UNITS);
    let site = estimate
        .filter(|&(_, quota)| quota > 0)
        .map(|(used, quota)| {
            let used = used.max(records_bytes);
            use_pair(used, quota.max(used), w)
        });
    StorageFigures {
        records: use_pair(records_bytes, LOCAL_STORAGE_LIMIT_UNITS * 2, w),
        warn,
        site,
    }
}

fn use_pair(used: u64, total: u64, w: Words) -> UsePair {
    let (percent, _) = usage(used, total);
    let unit = match total {
        t if t >= 1_000_000_000 => (1_000_000_000, "GB"),
        t if t >= 1_000_000 => (1_000_000, "MB"),
        t if t >= 1_000 => (1_000, "KB"),
        _ => (1, "B"),
    };
    UsePair {
        used_text: in_unit(used, unit, w),
        total_text: in_unit(total, unit, w),
        percent,
        percent_text: if percent == 0 && used > 0 {
            w.tr("under 1 %").to_string()
        } else {
            format!("{percent} %")
        },
    }
}

/// `10.5 MB`: one decimal (rounded half up) except for bytes.
fn in_unit(bytes: u64, (size, name): (u64, &str), w: Words) -> String {
    if size == 1 {
        return format!("{bytes} B");
    }
    let tenths = (u128::from(bytes) * 10 + u128::from(size) / 2) / u128::from(size);
    if tenths == 0 && bytes > 0 {
        return w.trf("under 0.1 {unit}", &[("unit", &name)]);
    }
    format!("{}.{} {name}", tenths / 10, tenths % 10)
}
