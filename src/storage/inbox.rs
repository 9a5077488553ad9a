//! The inbox between the two pages. The form (a client's tablet) writes
//! each finished rating as its own record, `attune.new.<id>`, and never reads
//! or rewrites the stored data; a rating localStorage refuses is kept in this
//! tab's sessionStorage (`attune.pending.<id>`) until a save succeeds (the
//! form's own writes stay in `storage::browser`, on web-sys directly: through
//! this generic code its first load grew by half a kilobyte). The therapist
//! page takes both into its data (`domain::inbox` decides), sets an
//! unreadable record aside, and removes what it took once the data holding
//! it is written.
//!
//! Works on any two [`KeyValue`] stores (localStorage and sessionStorage in
//! the app, in-memory ones in `tests/inbox_store.rs`).

use super::quarantine_entry;
use crate::domain::measures::scale::Scales;
use crate::domain::records::inbox;
use crate::domain::records::store::Store;
use crate::platform::KeyValue;

/// Prefix of sessionStorage keys for ratings localStorage refused
/// (`attune.pending.<id>`, the record's text): per tab, kept across a reload
/// and the move to the therapist page (and counted apart from
/// localStorage's full quota), so an unsaved rating survives until a save
/// succeeds or the therapist exports it.
pub const PENDING_PREFIX: &str = "attune.pending.";

/// The inbox on a page's two stores.
pub struct Inbox<L, S> {
    /// Shared by every tab: the records (localStorage).
    pub local: L,
    /// This tab's own: the refused records (sessionStorage).
    pub session: S,
}

/// What the therapist page took in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TakenIn {
    /// How many ratings were new to the data.
    pub added: usize,
    /// Record keys to remove once the data is written (see [`Inbox::done`]).
    pub taken: Vec<String>,
}

impl<L: KeyValue, S: KeyValue> Inbox<L, S> {
    /// Records of this tab's ratings that localStorage refused: `(id, text)`.
    pub fn pending(&self) -> Vec<(String, String)> {
        self.session
            .entries(PENDING_PREFIX)
            .into_iter()
            .map(|(k, v)| (k.trim_start_matches(PENDING_PREFIX).to_string(), v))
            .collect()
    }

    /// Keeps a refused rating's record for this tab; true when written and
    /// read back intact.
    pub fn stash(&self, id: &str, text: &str) -> bool {
        let key = format!("{PENDING_PREFIX}{id}");
        self.session.set(&key, text).is_ok() && self.session.get(&key).as_deref() == Some(text)
    }

    /// Forgets a pending record once its rating is stored.
    pub fn clear_pending(&self, id: &str) {
        let _ = self.session.remove(&format!("{PENDING_PREFIX}{id}"));
    }

    /// The therapist page: takes the form's records and this tab's refused
    /// ones into `store`. Unreadable records are set aside like unreadable
    /// data (then gone from both places they may sit in), never dropped.
    pub fn take_in(&self, store: &mut Store, scales: &Scales, now_ms: f64) -> TakenIn {
        let mut found = self.local.entries(inbox::NEW_PREFIX);
        found.extend(
            self.pending()
                .into_iter()
                .map(|(id, text)| (inbox::key(&id), text)),
        );
        let got = inbox::absorb(store, &found, scales);
        for (key, _) in &got.unreadable {
            if let Some((_, text)) = found.iter().find(|(k, _)| k == key) {
                // Once the copy is verified the record goes from both places
                // it may sit in, so it is never set aside twice.
                if quarantine_entry(&self.local, key, text, now_ms) {
                    if let Some(id) = inbox::id_of(key) {
                        self.clear_pending(id);
                    }
                }
            }
        }
        TakenIn {
            added: got.added,
            taken: got.taken,
        }
    }

    /// The data holding the `taken` records is written and verified: they
    /// go, from localStorage and from this tab's refused copies.
    pub fn done(&self, taken: &[String]) {
        for k in taken {
            let _ = self.local.remove(k);
            if let Some(id) = inbox::id_of(k) {
                self.clear_pending(id);
            }
        }
    }
}
