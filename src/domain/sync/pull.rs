//! The pull's page rules: whether the changes feed has another page, and
//! the room a page of pulled records takes once stored.

use super::protocol::{ChangesPage, Seq};
use crate::domain::records::layout::{encode_record, Record};
use crate::domain::records::room::entry_units;

/// Whether the pull asks for another page after `page`, which was asked
/// for from `since`: only when the feed moved on (a page that ends where it
/// started would be asked for forever), and then when the server says
/// changes are pending or, when it does not say (older servers), when this
/// page was not empty.
pub fn more_pages(page: &ChangesPage, since: &Seq) -> bool {
    let progressed = page.last_seq != *since;
    let more = match page.pending {
        Some(n) => n > 0,
        None => !page.changes.is_empty(),
    };
    progressed && more
}

/// The room pulled `records` take once stored, each as its own entry (the
/// same estimate as the move into records: `records::room::entry_units`).
pub fn page_units(records: &[Record]) -> u64 {
    records
        .iter()
        .map(|r| entry_units(&r.kind().key(r.id()), &encode_record(r, 0)))
        .sum()
}
