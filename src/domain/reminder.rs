//! When to nudge the therapist about backups and storage space. Pure: the
//! shell passes the time and the measured sizes in.

use super::store::Store;
use chrono::{DateTime, Duration, Utc};

/// A backup older than this many days earns a reminder.
pub const BACKUP_REMINDER_DAYS: i64 = 7;

/// Storage use at or above this percentage gets a warning.
pub const STORAGE_WARN_PERCENT: u32 = 80;

/// localStorage holds about this many UTF-16 code units per origin in
/// Chromium and Firefox (5 Mi); browsers do not report it, so it is assumed.
pub const LOCAL_STORAGE_LIMIT_UNITS: u64 = 5 * 1024 * 1024;

/// The reminder to show, or `None` when the backup is recent or there is
/// nothing to back up yet.
pub fn backup_reminder(store: &Store, now: DateTime<Utc>) -> Option<String> {
    if store.ratings.is_empty() {
        return None;
    }
    match store.last_backup_at {
        None => Some("No backup yet: ratings live only in this browser. Download a backup.".into()),
        Some(at) if now - at > Duration::days(BACKUP_REMINDER_DAYS) => {
            let days = (now - at).num_days();
            Some(format!(
                "The last backup is {days} days old. Download a new one to keep recent ratings safe."
            ))
        }
        Some(_) => None,
    }
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
