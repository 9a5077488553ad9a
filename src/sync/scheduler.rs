//! When sync runs happen on the therapist page and what the therapist is
//! told: the status, the listeners, the back-off. A run never blocks
//! rating: it works between events on the page's one thread, and the
//! records it receives go through the same save as any edit.
//!
//! Runs start when the page opens, after each save, when the browser comes
//! back online or into view, when the live pull (`follow`) hears of
//! another device's change, and every minute; after trouble they back off
//! (`domain::sync::schedule`) or wait for the therapist (sign in again,
//! a wrong passphrase, no such database).
//!
//! [`start`] makes the page's one [`Scheduler`] and provides a [`SyncHandle`]
//! to it as a context: the settings screen and the home screen's notice ask
//! it for the status and to run now. The scheduler holds only what sync
//! needs of the page: the store and its save.

use super::caseloads::{self, Notes};
use super::follow::{self, Follow};
use super::run;
use super::setup;
use crate::domain::records::layout::Record;
use crate::domain::records::store::Store;
use crate::domain::sync::by_caseload::Plan;
use crate::domain::sync::engine::{self, Synced};
use crate::domain::sync::protocol::{Change, Seq};
use crate::domain::sync::schedule::Schedule;
use crate::domain::sync::status::{LastRun, Trouble};
use crate::platform::browser::{clock, Browser};
use crate::platform::Random;
use crate::storage::sync_state;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast};

/// What the settings screen shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncView {
    /// Sync is set up on this device.
    pub on: bool,
    /// A run is under way.
    pub running: bool,
    /// When the last run finished without trouble (kept across page loads).
    pub last_synced: Option<DateTime<Utc>>,
    /// Records waiting to be sent.
    pub waiting: usize,
    /// Records no database this device joins takes (another caseload's):
    /// they stay on this device.
    pub kept: usize,
    /// Records a full comparison found missing on the server, not yet sent.
    pub missing: usize,
    /// A full comparison with the server is owed (it may be behind).
    pub owed: bool,
    /// The last trouble, until a run succeeds (kept across page loads).
    pub trouble: Option<Trouble>,
    /// The last run's outcome as stored, for the home screen's notice.
    pub last_run: LastRun,
    /// What the last good run did.
    pub last: Option<run::Report>,
    /// What the clinic inbox adds to the status (ratings waiting on a
    /// shared tablet, sealed ratings that do not open here).
    pub inbox: Option<String>,
}

#[derive(Default)]
struct Sched {
    running: bool,
    again: bool,
    /// The back-off and batch size (the domain's rule).
    plan: Schedule,
    timer: Option<i32>,
}

/// What sync needs of the page: the data, the reason the last save failed,
/// and the save itself (the same as any edit's).
pub struct Data {
    /// Clients and ratings, including any not yet saved.
    pub store: RwSignal<Store>,
    /// Why the latest save failed; `None` when everything is stored.
    pub unsaved: RwSignal<Option<String>>,
    /// Saves what is in `store` (merged with other tabs' work).
    pub persist: Box<dyn Fn()>,
    /// Resolves once the saves under way are stored for good (committed
    /// to IndexedDB, or refused: then `unsaved` says why).
    pub settled: Box<dyn Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>>,
}

/// The therapist page's sync scheduler: when runs happen, the status, and
/// the run's notes kept between runs. Made once by [`start`].
pub struct Scheduler {
    data: Data,
    view: RwSignal<SyncView>,
    sched: RefCell<Sched>,
    /// What was last synced of each document, per database (each read
    /// from storage once).
    notes: RefCell<Notes>,
    memo: RefCell<engine::DigestMemo>,
    /// Set while a run stores what it pulled, so that save starts no run.
    keeping: Cell<bool>,
    /// Set by the home screen's sync notice: the settings screen it opens
    /// brings its sync section into view.
    focus_settings: Cell<bool>,
    /// The live pull: the changes feed followed while the page is in view.
    pub(super) follow: Follow,
    /// Where the last run's pull ended (told by the run; taken when the
    /// runs end, for the live pull).
    pulled_to: RefCell<Option<Seq>>,
    /// Bumped by every reset (sync turned off, or on again): a run begun
    /// before it ends without touching the feed.
    generation: Cell<u64>,
    /// The data key as last imported, with the stored text it came from:
    /// a run (a take above all) need not import it again.
    key: RefCell<Option<(String, web_sys::CryptoKey)>>,
}

/// The scheduler, as the views hold it (a context; cheap to copy).
#[derive(Clone, Copy)]
pub struct SyncHandle(StoredValue<Rc<Scheduler>, LocalStorage>);

impl SyncHandle {
    fn get(&self) -> Rc<Scheduler> {
        self.0.get_value()
    }

    /// The status signal.
    pub fn view(&self) -> RwSignal<SyncView> {
        self.get().view
    }

    /// Starts a run now, or right after the one under way.
    pub fn kick(&self) {
        kick(&self.get());
    }

    /// Forgets the in-memory notes (sync turned off or on again).
    pub fn reset(&self) {
        reset(&self.get());
    }

    /// Asks the settings screen about to open to bring its sync section
    /// into view.
    pub fn focus_settings(&self) {
        self.get().focus_settings.set(true);
    }

    /// True (once) when the sync section should take the focus.
    pub fn take_focus(&self) -> bool {
        self.get().focus_settings.replace(false)
    }
}

/// The scheduler the views were given (panics outside the therapist page's
/// root, a programming error).
pub fn use_sync() -> SyncHandle {
    expect_context::<SyncHandle>()
}

/// Starts sync for the page: the status, the listeners, the first run;
/// `saved` is how the page's storage says a save took (each one starts a
/// run). Provides the [`SyncHandle`] context.
pub fn start(data: Data, saved: impl FnOnce(Box<dyn Fn()>)) {
    let on = sync_state::config(&Browser).is_some();
    // The last run's outcome, as the previous page left it: a reload (a
    // rating started from a client's page) keeps the status and trouble.
    let last = if on {
        sync_state::last_run(&Browser)
    } else {
        LastRun::default()
    };
    let s = Rc::new(Scheduler {
        data,
        view: RwSignal::new(SyncView {
            on,
            last_synced: last.synced_at,
            trouble: last.trouble,
            last_run: last,
            ..SyncView::default()
        }),
        sched: RefCell::default(),
        notes: RefCell::default(),
        memo: RefCell::default(),
        keeping: Cell::new(false),
        focus_settings: Cell::new(false),
        follow: Follow::new(follow::page_visible()),
        pulled_to: RefCell::default(),
        generation: Cell::new(0),
        key: RefCell::default(),
    });
    provide_context(SyncHandle(StoredValue::new_local(s.clone())));
    let after_save = s.clone();
    saved(Box::new(move || {
        kick(&after_save);
    }));
    let again = s.clone();
    let online = Closure::<dyn Fn()>::new(move || {
        kick(&again);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        // Coming back to the page (another app, a locked tablet) is when
        // the therapist looks: bring it up to date then.
        if let Some(d) = w.document() {
            let _ = d.add_event_listener_with_callback(
                "visibilitychange",
                online.as_ref().unchecked_ref(),
            );
        }
    }
    // Lives as long as the page.
    online.forget();
    follow::listen(&s);
    refresh_waiting(&s);
    kick(&s);
}

/// A random id for a device or a run: 16 random bytes, hex.
pub fn random_id() -> String {
    Browser.hex_id()
}

/// Starts a run now, or right after the one under way; false when it does
/// nothing (sync is off, or the save came from a run).
pub(super) fn kick(s: &Rc<Scheduler>) -> bool {
    if s.keeping.get() || sync_state::config(&Browser).is_none() {
        return false;
    }
    let start = {
        let mut sched = s.sched.borrow_mut();
        if sched.running {
            sched.again = true;
            false
        } else {
            sched.running = true;
            if let Some(t) = sched.timer.take() {
                if let Some(w) = web_sys::window() {
                    w.clear_timeout_with_handle(t);
                }
            }
            true
        }
    };
    if start {
        s.follow.run_started();
        wasm_bindgen_futures::spawn_local(run_loop(s.clone(), None));
    }
    true
}

/// Takes in the few changes the live feed named (`run::Run::take`), as a
/// run that never overlaps another; false when it does nothing (sync is
/// off, or the save came from a run). The minute's timer is left as it
/// is: the regular runs keep their checks however often the feed brings
/// news.
pub(super) fn take(s: &Rc<Scheduler>, changes: Vec<Change>, last_seq: Seq) -> bool {
    if s.keeping.get() || sync_state::config(&Browser).is_none() {
        return false;
    }
    {
        let mut sched = s.sched.borrow_mut();
        if sched.running {
            // A run is under way: the one after it pulls these too.
            sched.again = true;
            return true;
        }
        sched.running = true;
    }
    s.follow.run_started();
    wasm_bindgen_futures::spawn_local(run_loop(s.clone(), Some((changes, last_seq))));
    true
}

fn reset(s: &Rc<Scheduler>) {
    s.generation.set(s.generation.get() + 1);
    s.follow.reset();
    s.notes.borrow_mut().clear();
    *s.sched.borrow_mut() = Sched::default();
    s.view.set(SyncView {
        on: sync_state::config(&Browser).is_some(),
        ..SyncView::default()
    });
    refresh_waiting(s);
}

fn refresh_waiting(s: &Scheduler) {
    if sync_state::config(&Browser).is_none() {
        s.view.update(|v| v.waiting = 0);
        return;
    }
    let owed = caseloads::owed(&Browser);
    let (waiting, kept) = {
        let notes = &mut s.notes.borrow_mut();
        let memo = &mut s.memo.borrow_mut();
        s.data
            .store
            .with_untracked(|st| caseloads::waiting(&Browser, st, notes, memo))
    };
    s.view.update(|v| {
        v.waiting = waiting;
        v.kept = kept;
        v.owed = owed;
    });
}

impl Scheduler {
    /// Gives `f` the notes of the database the live pull follows.
    pub(super) fn with_synced<T>(&self, f: impl FnOnce(&mut HashMap<String, Synced>) -> T) -> T {
        let scope = caseloads::followed(&Browser).and_then(|(_, scope)| scope);
        let mut notes = self.notes.borrow_mut();
        f(caseloads::notes_of(&Browser, &mut notes, scope.as_ref()))
    }
}

impl run::Host for Scheduler {
    fn store(&self) -> Store {
        self.data.store.get_untracked()
    }

    fn with_store(&self, f: &mut dyn FnMut(&Store)) {
        self.data.store.with_untracked(|s| f(s));
    }

    fn keep(&self, records: Vec<Record>) -> Result<(), String> {
        self.keeping.set(true);
        self.data.store.update(|s| {
            for r in records {
                engine::put(s, r);
            }
        });
        (self.data.persist)();
        self.keeping.set(false);
        match self.data.unsaved.get_untracked() {
            None => Ok(()),
            Some(e) => Err(e),
        }
    }

    fn remove(&self, doc_ids: &[String]) -> Result<(), String> {
        self.keeping.set(true);
        self.data.store.update(|s| {
            for id in doc_ids {
                crate::domain::sync::transfers::remove(s, id);
            }
        });
        (self.data.persist)();
        self.keeping.set(false);
        match self.data.unsaved.get_untracked() {
            None => Ok(()),
            Some(e) => Err(e),
        }
    }

    fn kept(
        &self,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + '_>> {
        Box::pin(async move {
            (self.data.settled)().await;
            match self.data.unsaved.get_untracked() {
                None => Ok(()),
                Some(e) => Err(e),
            }
        })
    }

    fn missing(&self, count: usize) {
        self.view.update(|v| v.missing = count);
    }

    fn room(&self) -> Option<u64> {
        crate::domain::records::room::room_left(crate::storage::used_units())
    }

    fn pulled_to(&self, seq: &Seq) {
        *self.pulled_to.borrow_mut() = Some(seq.clone());
    }
}

impl super::inbox::TabletHost for Scheduler {
    fn forget(&self, ids: &[String]) -> Result<(), String> {
        self.keeping.set(true);
        self.data
            .store
            .update(|s| s.ratings.retain(|r| !ids.contains(&r.id)));
        (self.data.persist)();
        self.keeping.set(false);
        match self.data.unsaved.get_untracked() {
            None => Ok(()),
            Some(e) => Err(e),
        }
    }
}

/// Runs until none is asked for; `light`: first take in the changes the
/// live feed named (and where the feed then follows from).
async fn run_loop(s: Rc<Scheduler>, mut light: Option<(Vec<Change>, Seq)>) {
    // Sync turned off, or on again with other settings, while this loop
    // runs: its end is not where the feed follows from, and the feed is
    // the new settings' (see `reset`).
    let generation = s.generation.get();
    loop {
        let (end, delay) = match light.take() {
            Some((changes, last_seq)) => {
                clock::mark("attune-sync-take-start");
                let taken = one_take(&s, &changes).await;
                clock::measure("attune-sync-take", "attune-sync-take-start");
                // What was taken in is committed: the page paints it and
                // its other tabs hear of it before the status is counted
                // again (some milliseconds over ten thousand records).
                next_task().await;
                if taken != Ok(true) {
                    // Trouble, or a change only a whole run settles: one
                    // runs now (and tells any trouble, as every run does).
                    s.sched.borrow_mut().again = true;
                }
                // Nothing is recorded of a take: the status and the
                // minute's timer are the regular runs'.
                (taken.ok().filter(|&t| t).map(|_| last_seq), None)
            }
            None => {
                s.view.update(|v| v.running = true);
                clock::mark("attune-sync-start");
                let result = one_run(&s).await;
                clock::measure("attune-sync", "attune-sync-start");
                // Where the feed follows from: this run's end, when it went
                // through.
                let end = s.pulled_to.borrow_mut().take().filter(|_| result.is_ok());
                (end, after(&s, result))
            }
        };
        let again = {
            let mut sched = s.sched.borrow_mut();
            let again = std::mem::take(&mut sched.again);
            sched.running = again;
            again
        };
        refresh_waiting(&s);
        if !again {
            s.view.update(|v| v.running = false);
            if let Some(ms) = delay {
                schedule(&s, ms);
            }
            if s.generation.get() == generation {
                follow::run_ended(&s, end);
            }
            return;
        }
    }
}

/// Records a run's outcome (kept on the device, so the next page load
/// shows it); the delay before the next run, if any.
fn after(s: &Scheduler, result: Result<run::Report, Trouble>) -> Option<i32> {
    if sync_state::config(&Browser).is_some() {
        let outcome = result.as_ref().err().copied();
        let last = sync_state::last_run(&Browser).after(clock::now(), outcome);
        sync_state::set_last_run(&Browser, &last);
        s.view.update(|v| v.last_run = last);
    }
    let trouble = result.as_ref().err().copied();
    match result {
        Ok(report) => s.view.update(|v| {
            v.last_synced = Some(clock::now());
            v.trouble = None;
            v.last = Some(report);
        }),
        Err(t) => s.view.update(|v| v.trouble = Some(t)),
    }
    let delay = s.sched.borrow_mut().plan.after(trouble);
    delay.map(|ms| i32::try_from(ms).unwrap_or(i32::MAX))
}

fn schedule(s: &Rc<Scheduler>, ms: i32) {
    let Some(w) = web_sys::window() else { return };
    // One timer at a time: a run chained after a take (or a kick while a
    // run was under way) never leaves an earlier one to start another.
    if let Some(t) = s.sched.borrow_mut().timer.take() {
        w.clear_timeout_with_handle(t);
    }
    let again = s.clone();
    let f = Closure::once_into_js(move || {
        kick(&again);
    });
    if let Ok(t) = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms) {
        s.sched.borrow_mut().timer = Some(t);
    }
}

/// Resolves in a later task of the page (at once without a window).
async fn next_task() {
    let Some(w) = web_sys::window() else { return };
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .is_err()
        {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// The stored data key as a WebCrypto key, imported again only when the
/// stored one changed (sync turned on again, another tab joined anew).
async fn data_key(s: &Scheduler) -> Option<web_sys::CryptoKey> {
    let stored = sync_state::data_key(&Browser)?;
    if let Some((text, key)) = s.key.borrow().as_ref() {
        if *text == stored {
            return Some(key.clone());
        }
    }
    let key = setup::stored_key(&Browser).await?;
    *s.key.borrow_mut() = Some((stored, key.clone()));
    Some(key)
}

/// One light take of the live feed's changes (`run::Run::take`).
async fn one_take(s: &Scheduler, changes: &[Change]) -> Result<bool, Trouble> {
    let Some(cfg) = sync_state::config(&Browser) else {
        return Ok(true);
    };
    // Caseload databases: a whole run, which applies each database's rules
    // (what may arrive, what stays where it came from); the light take is
    // the clinic database's.
    let key = data_key(s).await.ok_or(Trouble::KeyChanged)?;
    // Asked after the await and right before the notes are taken, so a
    // therapist named meanwhile never has the clinic's notes written over
    // their caseload's.
    if !matches!(caseloads::plan(&Browser, &cfg), Ok(Plan::Clinic)) {
        return Ok(false);
    }
    let batch = s.sched.borrow().plan.batch();
    let mut synced = s.with_synced(std::mem::take);
    let mut memo = std::mem::take(&mut *s.memo.borrow_mut());
    let result = run::Run::new(&Browser, &cfg, key, &mut synced, &mut memo, batch)
        .take(s, changes)
        .await;
    s.with_synced(|n| *n = synced);
    *s.memo.borrow_mut() = memo;
    result
}

async fn one_run(s: &Scheduler) -> Result<run::Report, Trouble> {
    let batch = s.sched.borrow().plan.batch();
    let mut notes = std::mem::take(&mut *s.notes.borrow_mut());
    let mut memo = std::mem::take(&mut *s.memo.borrow_mut());
    let (result, inbox) = super::inbox::run_all(&Browser, s, &mut notes, &mut memo, batch).await;
    s.view.update(|v| v.inbox = inbox);
    *s.notes.borrow_mut() = notes;
    *s.memo.borrow_mut() = memo;
    result
}
