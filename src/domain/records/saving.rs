//! One save in the records layout: what to write, decided from what this
//! tab holds and what it finds stored.
//!
//! The two-tab guarantee of the single document holds record by record:
//! when the meta entry's sequence moved since this tab last read or wrote
//! it, another tab saved, so this tab reads the records again, merges with
//! the same rule as before ([`store::merge`]) and writes only what differs
//! from what is stored. When it did not move, nothing need be read: the
//! difference from what this tab last wrote is the save.

use crate::domain::records::layout::{Assembled, Layout, SavePlan};
use crate::domain::records::save_plan::{Blocked, LoadStatus};
use crate::domain::records::store::{self, Store};

/// What the shell found stored when it came to save.
#[derive(Debug)]
pub enum Seen {
    /// No localStorage at all.
    NoStorage,
    /// The meta entry's sequence is the one this tab last read or wrote.
    Unchanged,
    /// Another tab saved since: the records as they are stored now.
    Changed(Box<Assembled>),
}

/// A save's plan: the store that will be stored, and the writes.
#[derive(Debug, PartialEq)]
pub struct RecordsSave {
    /// What is stored once the writes are done: `None` when it is exactly
    /// the tab's own store (nothing from another tab to take in).
    pub merged: Option<Store>,
    /// The writes, meta entry last, and the layout they leave.
    pub plan: SavePlan,
    /// The layout after the writes (kept only once all of them succeed).
    pub layout: Layout,
}

/// Plans a save of `mine`, `before` being what this tab last read or wrote
/// and `layout` the meta entry it last saw.
pub fn plan(
    status: &LoadStatus,
    layout: &Layout,
    before: &Store,
    mine: &Store,
    seen: Seen,
) -> Result<RecordsSave, Blocked> {
    match status {
        LoadStatus::ReadOnly(v) => return Err(Blocked::ReadOnly(*v)),
        LoadStatus::Unreadable(_) => return Err(Blocked::UnreadableUntouched),
        LoadStatus::Unavailable => return Err(Blocked::Unavailable),
        _ => {}
    }
    let (merged, base, mut layout) = match seen {
        Seen::NoStorage => return Err(Blocked::Unavailable),
        Seen::Unchanged => (None, before, layout.clone()),
        Seen::Changed(theirs) => {
            if theirs.layout.read_only() {
                return Err(Blocked::NewerFromOtherTab(theirs.layout.meta.version));
            }
            // What an older Attune wrote meanwhile never clears a field.
            let merged =
                crate::domain::records::older::merge_stored(&theirs.store, mine, &theirs.older);
            let mut next = theirs.layout.clone();
            let plan = next.save(&theirs.store, &merged);
            return finish(Some(merged), plan, next);
        }
    };
    let plan = layout.save(base, mine);
    finish(merged, plan, layout)
}

fn finish(merged: Option<Store>, plan: SavePlan, layout: Layout) -> Result<RecordsSave, Blocked> {
    // The next start-up validates every record; never store what it would refuse.
    if let Some(m) = &merged {
        store::validate(m).map_err(Blocked::WouldBeUnreadable)?;
    }
    Ok(RecordsSave {
        merged,
        plan,
        layout,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::layout::{self, META_KEY};
    use crate::domain::records::store::Client;

    fn client(id: &str, label: &str) -> Client {
        Client {
            id: id.into(),
            label: label.into(),
            ..Client::default()
        }
    }

    fn store(clients: &[Client]) -> Store {
        Store {
            clients: clients.to_vec(),
            ..Store::default()
        }
    }

    #[test]
    fn unchanged_writes_only_the_difference_then_meta() {
        let before = store(&[client("a", "A")]);
        let mine = store(&[client("a", "A"), client("b", "B")]);
        let layout = Layout::new();
        let out = plan(&LoadStatus::Ok, &layout, &before, &mine, Seen::Unchanged).unwrap();
        assert_eq!(out.merged, None);
        let keys: Vec<&str> = out.plan.writes.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, vec!["attune.r.c.b", META_KEY]);
        assert_eq!(out.layout.meta.seq, 1);
        // The layout passed in is untouched until the writes succeed.
        assert_eq!(layout.meta.seq, 0);
    }

    #[test]
    fn another_tabs_save_is_merged_and_not_undone() {
        let before = store(&[client("a", "A")]);
        // This tab added b; the other tab added c and saved first.
        let mine = store(&[client("a", "A"), client("b", "B")]);
        let theirs_store = store(&[client("a", "A"), client("c", "C")]);
        let entries: Vec<(String, String)> = layout::split(&theirs_store);
        let mut theirs = layout::assemble(&entries);
        theirs.layout.meta.seq = 7;
        let out = plan(
            &LoadStatus::Ok,
            &Layout::new(),
            &before,
            &mine,
            Seen::Changed(Box::new(theirs)),
        )
        .unwrap();
        let merged = out.merged.expect("merged");
        let ids: Vec<&str> = merged.clients.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, vec!["a", "c", "b"]);
        let keys: Vec<&str> = out.plan.writes.iter().map(|(k, _)| k.as_str()).collect();
        // c is not removed, b is written, and the sequence moves past theirs.
        assert_eq!(keys, vec!["attune.r.c.b", META_KEY]);
        assert_eq!(out.layout.meta.seq, 8);
    }

    #[test]
    fn read_only_and_missing_storage_block() {
        let s = Store::default();
        let l = Layout::new();
        assert_eq!(
            plan(&LoadStatus::ReadOnly(9), &l, &s, &s, Seen::Unchanged),
            Err(Blocked::ReadOnly(9))
        );
        assert_eq!(
            plan(&LoadStatus::Ok, &l, &s, &s, Seen::NoStorage),
            Err(Blocked::Unavailable)
        );
    }

    #[test]
    fn a_newer_tab_blocks() {
        let mut theirs = layout::assemble(&[]);
        theirs.layout.meta.version = 99;
        let s = Store::default();
        assert_eq!(
            plan(
                &LoadStatus::Ok,
                &Layout::new(),
                &s,
                &s,
                Seen::Changed(Box::new(theirs))
            ),
            Err(Blocked::NewerFromOtherTab(99))
        );
    }

    #[test]
    fn nothing_changed_writes_nothing() {
        let s = store(&[client("a", "A")]);
        let out = plan(&LoadStatus::Ok, &Layout::new(), &s, &s, Seen::Unchanged).unwrap();
        assert!(out.plan.writes.is_empty());
    }
}
