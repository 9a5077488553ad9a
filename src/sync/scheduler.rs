//! When sync runs happen on the therapist page and what the therapist is
//! told: the status, the listeners, the back-off. A run never blocks
//! rating: it works between events on the page's one thread, and the
//! records it receives go through the same save as any edit.
//!
//! Runs start when the page opens, after each save, when the browser comes
//! back online or into view, and every minute; after trouble they back off
//! (`domain::sync::schedule`) or wait for the therapist (sign in again,
//! a wrong passphrase, no such database).

use super::{run, setup};
use crate::domain::store::Store;
use crate::domain::sync::engine::{self, Synced};
use crate::domain::sync::records::Record;
use crate::domain::sync::schedule::Schedule;
use crate::domain::sync::status::{LastRun, Trouble};
use crate::platform::browser::{clock, Browser};
use crate::platform::Random;
use crate::storage::sync_state;
use crate::ui::AppState;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
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
}

#[derive(Default)]
struct Sched {
    running: bool,
    again: bool,
    /// The back-off and batch size (the domain's rule).
    plan: Schedule,
    timer: Option<i32>,
}

thread_local! {
    static VIEW: Cell<Option<RwSignal<SyncView>>> = const { Cell::new(None) };
    static STATE: Cell<Option<AppState>> = const { Cell::new(None) };
    static SCHED: RefCell<Sched> = RefCell::new(Sched::default());
    static SYNCED: RefCell<Option<HashMap<String, Synced>>> = const { RefCell::new(None) };
    static MEMO: RefCell<engine::DigestMemo> = RefCell::new(engine::DigestMemo::default());
    /// Set while a run stores what it pulled, so that save starts no run.
    static KEEPING: Cell<bool> = const { Cell::new(false) };
    /// Set by the home screen's sync notice: the settings screen it opens
    /// brings its sync section into view.
    static FOCUS_SETTINGS: Cell<bool> = const { Cell::new(false) };
}

/// The status signal (made with the therapist page's root).
pub fn view() -> RwSignal<SyncView> {
    VIEW.with(|v| match v.get() {
        Some(s) => s,
        None => {
            let s = RwSignal::new(SyncView::default());
            v.set(Some(s));
            s
        }
    })
}

/// Starts sync for the page: the status, the listeners, the first run.
pub fn start(state: AppState) {
    STATE.with(|s| s.set(Some(state)));
    let on = sync_state::config(&Browser).is_some();
    // The last run's outcome, as the previous page left it: a reload (a
    // rating started from a client's page) keeps the status and trouble.
    let last = if on {
        sync_state::last_run(&Browser)
    } else {
        LastRun::default()
    };
    view().update(|v| {
        v.on = on;
        v.last_synced = last.synced_at;
        v.trouble = last.trouble;
        v.last_run = last;
    });
    let online = Closure::<dyn Fn()>::new(kick);
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
    refresh_waiting();
    kick();
}

/// Asks the settings screen about to open to bring its sync section into view.
pub fn focus_settings() {
    FOCUS_SETTINGS.with(|f| f.set(true));
}

/// True (once) when the sync section should take the focus.
pub fn take_focus() -> bool {
    FOCUS_SETTINGS.with(|f| f.replace(false))
}

/// A random id for a device or a run: 16 random bytes, hex.
pub fn random_id() -> String {
    Browser.hex_id()
}

/// Starts a run now, or right after the one under way. Does nothing when
/// sync is off or the save came from a run.
pub fn kick() {
    if KEEPING.with(Cell::get) || sync_state::config(&Browser).is_none() {
        return;
    }
    let start = SCHED.with(|s| {
        let mut s = s.borrow_mut();
        if s.running {
            s.again = true;
            false
        } else {
            s.running = true;
            if let Some(t) = s.timer.take() {
                if let Some(w) = web_sys::window() {
                    w.clear_timeout_with_handle(t);
                }
            }
            true
        }
    });
    if start {
        wasm_bindgen_futures::spawn_local(run_loop());
    }
}

/// Forgets the in-memory notes (sync turned off or on again).
pub fn reset() {
    SYNCED.with(|s| *s.borrow_mut() = None);
    SCHED.with(|s| *s.borrow_mut() = Sched::default());
    view().set(SyncView {
        on: sync_state::config(&Browser).is_some(),
        ..SyncView::default()
    });
    refresh_waiting();
}

fn refresh_waiting() {
    let Some(state) = STATE.with(Cell::get) else {
        return;
    };
    if sync_state::config(&Browser).is_none() {
        view().update(|v| v.waiting = 0);
        return;
    }
    let owed = sync_state::mark(&Browser).is_some_and(|m| m.owed);
    let waiting = with_synced(|synced| {
        MEMO.with(|m| {
            let memo = &mut m.borrow_mut();
            state
                .data
                .store
                .with_untracked(|s| engine::to_push(s, |id| synced.get(id).cloned(), memo).len())
        })
    });
    view().update(|v| {
        v.waiting = waiting;
        v.owed = owed;
    });
}

fn with_synced<T>(f: impl FnOnce(&mut HashMap<String, Synced>) -> T) -> T {
    SYNCED.with(|s| {
        let mut s = s.borrow_mut();
        f(s.get_or_insert_with(|| sync_state::all_synced(&Browser)))
    })
}

struct AppHost(AppState);

impl run::Host for AppHost {
    fn store(&self) -> Store {
        self.0.data.store.get_untracked()
    }

    fn keep(&self, records: Vec<Record>) -> Result<(), String> {
        KEEPING.with(|k| k.set(true));
        self.0.data.store.update(|s| {
            for r in records {
                engine::put(s, r);
            }
        });
        self.0.persist();
        KEEPING.with(|k| k.set(false));
        match self.0.data.unsaved.get_untracked() {
            None => Ok(()),
            Some(e) => Err(e),
        }
    }

    fn missing(&self, count: usize) {
        view().update(|v| v.missing = count);
    }

    fn room(&self) -> Option<u64> {
        crate::domain::store_plan::room::room_left(crate::storage::used_units())
    }
}

async fn run_loop() {
    loop {
        view().update(|v| v.running = true);
        clock::mark("attune-sync-start");
        let result = one_run().await;
        clock::measure("attune-sync", "attune-sync-start");
        let again = SCHED.with(|s| {
            let mut s = s.borrow_mut();
            let again = std::mem::take(&mut s.again);
            s.running = again;
            again
        });
        let delay = after(result);
        refresh_waiting();
        if !again {
            view().update(|v| v.running = false);
            if let Some(ms) = delay {
                schedule(ms);
            }
            return;
        }
    }
}

/// Records a run's outcome (kept on the device, so the next page load
/// shows it); the delay before the next run, if any.
fn after(result: Result<run::Report, Trouble>) -> Option<i32> {
    if sync_state::config(&Browser).is_some() {
        let outcome = result.as_ref().err().copied();
        let last = sync_state::last_run(&Browser).after(clock::now(), outcome);
        sync_state::set_last_run(&Browser, &last);
        view().update(|v| v.last_run = last);
    }
    let trouble = result.as_ref().err().copied();
    match result {
        Ok(report) => view().update(|v| {
            v.last_synced = Some(clock::now());
            v.trouble = None;
            v.last = Some(report);
        }),
        Err(t) => view().update(|v| v.trouble = Some(t)),
    }
    let delay = SCHED.with(|s| s.borrow_mut().plan.after(trouble));
    delay.map(|ms| i32::try_from(ms).unwrap_or(i32::MAX))
}

fn schedule(ms: i32) {
    let Some(w) = web_sys::window() else { return };
    let f = Closure::once_into_js(kick);
    if let Ok(t) = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms) {
        SCHED.with(|s| s.borrow_mut().timer = Some(t));
    }
}

async fn one_run() -> Result<run::Report, Trouble> {
    let Some(state) = STATE.with(Cell::get) else {
        return Ok(run::Report::default());
    };
    let Some(cfg) = sync_state::config(&Browser) else {
        return Ok(run::Report::default());
    };
    let key = setup::stored_key(&Browser)
        .await
        .ok_or(Trouble::KeyChanged)?;
    let batch = SCHED.with(|s| s.borrow().plan.batch());
    let mut synced = with_synced(std::mem::take);
    let mut memo = MEMO.with(|m| std::mem::take(&mut *m.borrow_mut()));
    let result = run::Run::new(&Browser, &cfg, key, &mut synced, &mut memo, batch)
        .go(&AppHost(state))
        .await;
    SYNCED.with(|s| *s.borrow_mut() = Some(synced));
    MEMO.with(|m| *m.borrow_mut() = memo);
    result
}
