//! The first-open checklist: the four things that make Attune safe to use
//! with clients. Pure: the shell passes the store, the device settings and
//! the last backup time in, and stores the dismissal itself.

use crate::domain::device::settings::DeviceSettings;
use crate::domain::records::store::Store;
use crate::domain::words::Words;
use chrono::{DateTime, Utc};

/// One line of the checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistItem {
    /// Stable key: `client`, `pin`, `calibrate` or `backup` (a test id, a route hint).
    pub key: &'static str,
    /// What to do, in a few words (in the page's language).
    pub label: &'static str,
    /// True once it is done.
    pub done: bool,
}

/// The checklist in the order a new therapist would do it: a client to rate
/// for, a PIN so a client's hands cannot leave client mode, the line
/// calibrated so it is 10 cm on this screen, and a first backup because the
/// data lives only in this browser. An archived client still counts: one was
/// added.
pub fn checklist(
    store: &Store,
    settings: &DeviceSettings,
    last_backup: Option<DateTime<Utc>>,
    w: Words,
) -> Vec<ChecklistItem> {
    vec![
        ChecklistItem {
            key: "client",
            label: w.tr("Add a client"),
            done: !store.clients.is_empty(),
        },
        ChecklistItem {
            key: "pin",
            label: w.tr("Set a PIN"),
            done: settings.pin.is_some(),
        },
        ChecklistItem {
            key: "calibrate",
            label: w.tr("Calibrate the line"),
            done: settings.calibration.is_some(),
        },
        ChecklistItem {
            key: "backup",
            label: w.tr("Make a first backup"),
            done: last_backup.is_some(),
        },
    ]
}

/// True while the checklist should show: something is left to do and the
/// therapist has not dismissed it.
pub fn checklist_visible(items: &[ChecklistItem], dismissed: bool) -> bool {
    !dismissed && items.iter().any(|i| !i.done)
}
