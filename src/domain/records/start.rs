//! How the records layout reads at start-up, as the status every save
//! then follows.

use crate::domain::records::layout::Layout;
use crate::domain::records::save_plan::LoadStatus;

/// The status of the records just read: read-only when a newer Attune wrote
/// the meta entry (never rewritten here), fresh when there was nothing to
/// read, normal otherwise.
pub fn records_status(layout: &Layout, found_any: bool) -> LoadStatus {
    if layout.read_only() {
        LoadStatus::ReadOnly(layout.meta.version)
    } else if found_any {
        LoadStatus::Ok
    } else {
        LoadStatus::Fresh
    }
}
