//! How each page keeps ratings. The form (a client's tablet, the first load)
//! writes every finished rating as its own small record and never reads or
//! rewrites the stored document, so it carries no document codec; the
//! therapist page holds the whole document, takes the form's records into it
//! and removes them once it is safely written. Each root picks its strategy,
//! so the form's binary never links the therapist's.

use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::Scales;
use crate::domain::records::inbox;
use crate::domain::records::save_plan::Kept;
use crate::domain::records::store::Store;
use crate::platform::browser::{LocalStore, SessionStore};
use crate::storage::inbox::Inbox;
use crate::storage::{self, LoadStatus, Shelf};
use crate::ui::shared::browser;
use crate::ui::shared::state::Saving;
use crate::ui::shared::words::words;
use leptos::prelude::*;
use std::rc::Rc;

/// The storage strategy of one page.
#[derive(Clone, Copy)]
pub struct Keeping {
    /// What the page holds of its storage (the therapist page's [`Shelf`];
    /// the form keeps nothing, so its first load carries none of it).
    pub shelf: Option<ShelfHandle>,
    /// What the page starts with.
    pub load: fn(&Scales, f64, Option<ShelfHandle>) -> (Store, LoadStatus),
    /// True when ratings wait to be written into the data (taken in from
    /// the form's records, or refused before in this tab).
    pub waiting: fn(Saving) -> bool,
    /// Saves what is in memory; on failure sets the unsaved banner's reason.
    pub persist: fn(Saving),
    /// Another tab wrote `key`.
    pub other_tab: fn(Saving, &str),
    /// "Export now": a file with everything not yet safely stored.
    pub export: fn(Saving),
    /// The scales this page rates with (the form: the SRS and the ORS only).
    pub scales: fn() -> Scales,
    /// The round under way (several people rating in turn). Rounds run on
    /// the therapist page only, so the form's first load carries none of it.
    pub round: fn() -> Option<crate::domain::raters::round::Round>,
    /// A rating of the round under way was given (and kept as said): the
    /// next person, or the end.
    pub round_done: fn(Saving, &crate::domain::measures::kinds::RaterRef, Kept),
    /// Where a rating just saved with `persist` is kept: stored, or the
    /// storage refusing it, this tab's copy, or memory alone.
    /// Told the rating's id: the form keeps no copy of it (its save takes
    /// written ratings out of memory), so its first load copies no rating.
    pub kept: fn(Saving, &str) -> Kept,
    /// Draws a child's face at one end of a line (`true`: the happy one).
    /// Only the therapist page gives a child's version, so the form's first
    /// load carries no SVG drawing.
    pub face: Option<fn(bool) -> AnyView>,
    /// Records on a new rating who held its session
    /// ([`crate::domain::records::therapist::holder_of_new`]: the therapist
    /// working on this device, else the client's). Only the therapist page
    /// names therapists, so the form's first load carries none of it.
    pub holder: Option<fn(&crate::domain::records::store::Store, &mut Rating)>,
    /// Why client mode did not start (the lock could not be stored), in the
    /// page's words: the form's from its frame (it has no catalogue), the
    /// therapist page's from its catalogue.
    pub refused: fn(&storage::StorageError) -> String,
}

/// The therapist page's [`Shelf`], as its [`Keeping`] holds it: made once
/// by the page's root (`Keeping::with_shelf`), cheap to copy.
#[derive(Clone, Copy)]
pub struct ShelfHandle(StoredValue<Rc<Shelf>, LocalStorage>);

/// A new, empty shelf (its records in localStorage).
impl Default for ShelfHandle {
    fn default() -> ShelfHandle {
        ShelfHandle(StoredValue::new_local(Rc::new(Shelf::default())))
    }
}

impl ShelfHandle {
    /// The handle of `shelf` (opened before the page mounted, see
    /// [`Shelf::open`]).
    pub fn new(shelf: Rc<Shelf>) -> ShelfHandle {
        ShelfHandle(StoredValue::new_local(shelf))
    }

    /// The shelf.
    pub fn get(&self) -> Rc<Shelf> {
        self.0.get_value()
    }
}

impl Keeping {
    /// This strategy with a shelf of its own: the therapist page's root
    /// makes it once, and it lives as long as the page.
    pub fn with_shelf(&'static self, shelf: Rc<Shelf>) -> &'static Keeping {
        Box::leak(Box::new(Keeping {
            shelf: Some(ShelfHandle::new(shelf)),
            ..*self
        }))
    }
}

/// The page's own tab inbox (localStorage and this tab's sessionStorage).
fn tab_inbox() -> Inbox<LocalStore, SessionStore> {
    Inbox {
        local: LocalStore,
        session: SessionStore,
    }
}

/// The form page: one record per new rating.
pub static FORM: Keeping = Keeping {
    shelf: None,
    load: form_load,
    waiting: |_| !storage::pending_records().is_empty(),
    persist: form_persist,
    other_tab: |_, _| {},
    export: form_export,
    scales: Scales::core,
    round: || None,
    round_done: |_, _, _| {},
    kept: form_kept,
    face: None,
    holder: None,
    refused: crate::ui::form::frame::refused,
};

/// The therapist page: the whole document, merged and verified.
pub static THERAPIST: Keeping = Keeping {
    // Made by the page's root (`THERAPIST.with_shelf()`), once per page.
    shelf: None,
    load: therapist_load,
    waiting: |state| {
        !tab_inbox().pending().is_empty() || state.keep.shelf.is_some_and(|h| h.get().waiting())
    },
    persist: therapist_persist,
    other_tab: therapist_other_tab,
    export: crate::ui::therapist::data::download_backup,
    scales: Scales::builtin,
    round: storage::load_round,
    round_done: crate::ui::therapist::turn::after_done,
    kept: therapist_kept,
    face: Some(crate::ui::therapist::face::face),
    holder: Some(stamp_holder),
    refused: |e| crate::domain::screens::lock::refused_text_in(&e.words(words()), words()),
};

fn form_load(_: &Scales, _: f64, _: Option<ShelfHandle>) -> (Store, LoadStatus) {
    let status = if storage::has_storage() {
        LoadStatus::Fresh
    } else {
        LoadStatus::Unavailable
    };
    (Store::default(), status)
}

/// Writes each rating in memory as its record; those written leave memory.
/// Records refused earlier in this tab (kept in sessionStorage) get another try.
fn form_persist(state: Saving) {
    let mut error = None;
    for (id, text) in storage::pending_records() {
        match storage::save_new_rating_text(&id, &text) {
            Ok(()) => storage::clear_pending(&id),
            Err(e) => error = Some(e.to_string()),
        }
    }
    let mut all_kept = true;
    state.data.store.update(|s| {
        s.ratings.retain(|r| {
            let text = inbox::encode(r);
            match storage::save_new_rating_text(&r.id, &text) {
                Ok(()) => {
                    storage::clear_pending(&r.id);
                    false
                }
                Err(e) => {
                    error = Some(e.to_string());
                    all_kept &= storage::stash_pending(&r.id, &text);
                    true
                }
            }
        })
    });
    state.set_stashed(all_kept);
    state.data.unsaved.set(error);
}

/// The form's save keeps every rating it could not write in this tab
/// (`form_persist`), so the flag it leaves says where this one is.
fn form_kept(state: Saving, _: &str) -> Kept {
    Kept::from_save(
        state.data.unsaved.with_untracked(Option::is_none),
        state.stashed(),
    )
}

/// The form's "Export now": the ratings still in memory, as a backup file.
/// Ones from before a reload wait in this tab; the therapist page (which
/// reads them) exports those, so the way there is offered instead.
fn form_export(state: Saving) {
    let now = browser::now();
    // Read in place: a copy of the ratings would cost the first load the
    // code that copies one.
    let text = state.data.store.with_untracked(|s| {
        (!s.ratings.is_empty()).then(|| inbox::backup_from_records(&s.ratings, now))
    });
    let Some(text) = text else {
        state.open(&format!("{}#/data", crate::ui::THERAPIST_PAGE));
        return;
    };
    let name = crate::domain::export::backup_file_name(now);
    let _ = browser::download(&name, "application/json", &text);
}

fn therapist_load(scales: &Scales, now_ms: f64, shelf: Option<ShelfHandle>) -> (Store, LoadStatus) {
    let Some(shelf) = shelf.map(|h| h.get()) else {
        return form_load(scales, now_ms, None);
    };
    let (mut store, status) = shelf.load(now_ms);
    absorb(&shelf, &mut store, scales, now_ms);
    (store, status)
}

/// Takes the form's records (and this tab's refused ones) into `store`,
/// noting them on the shelf to remove once the data is written. Returns
/// how many ratings were new.
fn absorb(shelf: &Shelf, store: &mut Store, scales: &Scales, now_ms: f64) -> usize {
    let got = tab_inbox().take_in(store, scales, now_ms);
    stamp_tablets(store, &got.taken);
    shelf.taken(got.taken);
    got.added
}

/// On a shared tablet, a rating the form just saved records who handed the
/// tablet over: the therapist working when client mode began. The form's
/// records are taken in as the therapist page loads to ask for the PIN
/// (or at once, by another open tab), before the PIN that ends client mode
/// can make anyone else the one working; its sync then seals the rating to
/// that therapist's key.
fn stamp_tablets(store: &mut Store, taken: &[String]) {
    if taken.is_empty() || crate::sync::inbox::tablet(&crate::platform::browser::Browser).is_none()
    {
        return;
    }
    let working = storage::load_therapists().working;
    for r in store.ratings.iter_mut() {
        if taken.contains(&inbox::key(&r.id)) {
            crate::domain::sync::tablet::stamp(r, working.as_deref());
        }
    }
}

/// A rating the document's save did not take is kept for this tab, as the
/// form keeps its own: the copy survives a reload (taken in again at
/// start-up) and goes once a later save holds the rating.
fn therapist_kept(state: Saving, id: &str) -> Kept {
    // In IndexedDB the save is committed a moment later: until then the
    // rating is kept for this tab too (the copy goes with the next commit).
    let committing = state.keep.shelf.is_some_and(|h| h.get().busy());
    let saved = state.data.unsaved.with_untracked(Option::is_none) && !committing;
    // The therapist page's save keeps every rating in memory.
    let (written, text) = state.data.store.with_untracked(|s| {
        let Some(rating) = s.ratings.iter().rev().find(|r| r.id == id) else {
            return (false, None);
        };
        let written =
            crate::domain::records::save_plan::may_clear_draft(rating, saved.then_some(s));
        (written, (!written).then(|| inbox::encode(rating)))
    });
    let in_tab = text.is_some_and(|t| tab_inbox().stash(id, &t));
    if in_tab {
        if let Some(h) = state.keep.shelf {
            h.get().taken([inbox::key(id)]);
        }
    }
    Kept::from_save(written, in_tab)
}

fn therapist_persist(state: Saving) {
    let Some(shelf) = state.keep.shelf.map(|h| h.get()) else {
        return;
    };
    if shelf.in_idb() {
        if shelf.claim() {
            wasm_bindgen_futures::spawn_local(drive(state, shelf, false));
        } else {
            shelf.again();
        }
        return;
    }
    let status = state.data.status.get_untracked();
    // Saved from a borrow: copying ten thousand ratings would cost more
    // than writing the one record that changed.
    let saved = state
        .data
        .store
        .with_untracked(|mine| shelf.save(mine, &status).map(|m| m.filter(|m| m != mine)));
    match saved {
        Ok(merged) => {
            // Written and verified: the records it holds are no longer needed.
            shelf.written();
            if let Some(merged) = merged {
                state.data.store.set(merged);
            }
            state.data.unsaved.set(None);
            shelf.saved();
        }
        Err(e) => state.data.unsaved.set(Some(e.words(words()))),
    }
}

/// The therapist page's saves and re-reads on IndexedDB, one at a time:
/// `reread` first re-reads (another tab committed), else saves; then
/// whatever was asked meanwhile, until nothing is.
async fn drive(state: Saving, shelf: Rc<Shelf>, reread: bool) {
    let mut next = Some(reread);
    while let Some(reread) = next {
        if reread {
            shelf.reload().await;
            state.on_other_tab_write();
        } else {
            save_and_commit(state, &shelf).await;
        }
        next = shelf.next();
    }
}

/// One save: planned on the page's copy at once (`save_plan`, `saving`),
/// then committed as one transaction and judged by its completion.
async fn save_and_commit(state: Saving, shelf: &Shelf) {
    let status = state.data.status.get_untracked();
    let saved = state
        .data
        .store
        .with_untracked(|mine| shelf.save(mine, &status).map(|m| m.filter(|m| m != mine)));
    match saved {
        Ok(Some(merged)) => state.data.store.set(merged),
        Ok(None) => {}
        Err(e) => {
            state.data.unsaved.set(Some(e.words(words())));
            return;
        }
    }
    // Told as soon as the save is planned, not once committed: sync's run
    // sends what the page holds (a commit that fails leaves the record here
    // and unsaved, and a copy on the server does it no harm), and another
    // device hears of the edit a commit's wait sooner.
    shelf.saved();
    match shelf.commit().await {
        Ok(true) => {
            state.data.unsaved.set(None);
            // This tab's copies of ratings saved meanwhile go with the next
            // commit (which writes nothing more).
            if shelf.waiting() {
                shelf.again();
            }
        }
        // Another tab committed first: merged in, then saved again.
        Ok(false) => state.on_other_tab_write(),
        Err(e) => state.data.unsaved.set(Some(e.words(words()))),
    }
}

/// Follows the other tabs of the therapist page (their commits, told on a
/// `BroadcastChannel`): their records are read again and merged by the
/// two-tab rule, as for a `storage` event.
pub fn follow_other_tabs(state: Saving) {
    let Some(shelf) = state.keep.shelf.map(|h| h.get()) else {
        return;
    };
    let s = shelf.clone();
    shelf.on_other_tab(move || {
        if s.claim() {
            wasm_bindgen_futures::spawn_local(drive(state, s.clone(), true));
        } else {
            s.stale();
        }
    });
}

/// Resolves once the saves under way are committed (or refused), so a
/// screen that must say "saved" reads the outcome, not the plan.
pub async fn settled(state: Saving) {
    if let Some(shelf) = state.keep.shelf.map(|h| h.get()) {
        let _ = wasm_bindgen_futures::JsFuture::from(shelf.settled()).await;
    }
}

fn therapist_other_tab(state: Saving, key: &str) {
    if key == storage::ROUND_KEY {
        // The round moved on (or ended) in another tab: this one follows,
        // so nobody is asked twice and no one rates twice.
        state.data.round.set(storage::load_round());
    } else if key == storage::DATA_KEY || key == crate::domain::records::layout::META_KEY {
        let shelf = state.keep.shelf.map(|h| h.get());
        match shelf.filter(|s| s.in_idb()) {
            // An old build's tab saved to localStorage after the move: its
            // records are taken in and written here.
            Some(shelf) => {
                let mine = state.data.store.get_untracked();
                if let Some(merged) = shelf.take_in_local(&mine) {
                    if merged != mine {
                        state.data.store.set(merged);
                    }
                    state.persist();
                }
            }
            None => state.on_other_tab_write(),
        }
    } else if key.starts_with(inbox::NEW_PREFIX) {
        let Some(shelf) = state.keep.shelf.map(|h| h.get()) else {
            return;
        };
        let scales = state.data.scales.get_value();
        let mut store = state.data.store.get_untracked();
        if absorb(&shelf, &mut store, &scales, browser::now_ms()) > 0 {
            state.data.store.set(store);
        }
        if shelf.waiting() && state.data.status.with_untracked(LoadStatus::writable) {
            state.persist();
        }
    }
}

/// The therapist page's [`Keeping::holder`]: a rating that does not yet say
/// who held its session is given the therapist working here, else its
/// client's therapist.
fn stamp_holder(store: &crate::domain::records::store::Store, rating: &mut Rating) {
    if rating.therapist.is_some() {
        return;
    }
    let client = rating
        .client_id
        .as_deref()
        .and_then(|id| store.clients.iter().find(|c| c.id == id));
    let working = storage::load_therapists().working;
    rating.therapist = crate::domain::records::therapist::holder_of_new(working.as_deref(), client);
}
