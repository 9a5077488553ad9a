//! The live pull's shell (therapist page): sends the long-poll the domain
//! asks for (`domain::sync::live`), ends it when the page hides or a run
//! starts, waits out the pauses, and starts the light take or the run an
//! answer calls for through the scheduler (so what it pulls goes through
//! the same save as any edit). Every decision is the domain's; this only fetches and wires.

use super::scheduler::{kick, take, Scheduler};
use crate::domain::sync::live::{self, Live, Step};
use crate::domain::sync::protocol::Seq;
use crate::platform::browser::Browser;
use crate::platform::{Fetch, Stop};
use crate::storage::sync_state;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast};

/// The feed's state and the switch that ends the request out.
#[derive(Default)]
pub struct Follow {
    live: RefCell<Live>,
    stop: RefCell<Option<Stop>>,
}

impl Follow {
    /// The feed of a page in view (`visible`) or not.
    pub fn new(visible: bool) -> Follow {
        Follow {
            live: RefCell::new(Live::new(visible)),
            stop: RefCell::default(),
        }
    }

    /// Ends the request out, if any (its answer is already stale).
    fn end_request(&self, end: bool) {
        if let Some(stop) = self.stop.borrow_mut().take() {
            if end {
                stop.stop();
            }
        }
    }

    /// A run started: the request out ends (the run pulls everything).
    pub fn run_started(&self) {
        let end = self.live.borrow_mut().run_started();
        self.end_request(end);
    }

    /// Sync was turned off or on again.
    pub fn reset(&self) {
        let end = self.live.borrow_mut().reset();
        self.end_request(end);
    }
}

/// True when the page is in view now.
pub fn page_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| !d.hidden())
}

/// Listens for the page going out of view (or away) and back: the feed
/// pauses while it is hidden. Lives as long as the page.
pub fn listen(s: &Rc<Scheduler>) {
    let Some(w) = web_sys::window() else { return };
    let shown = s.clone();
    let on_visibility = Closure::<dyn Fn()>::new(move || {
        let end = shown.follow.live.borrow_mut().shown(page_visible());
        shown.follow.end_request(end);
        drive(&shown);
    });
    let gone = s.clone();
    let on_pagehide = Closure::<dyn Fn()>::new(move || {
        let end = gone.follow.live.borrow_mut().shown(false);
        gone.follow.end_request(end);
    });
    if let Some(d) = w.document() {
        let _ = d.add_event_listener_with_callback(
            "visibilitychange",
            on_visibility.as_ref().unchecked_ref(),
        );
    }
    let _ = w.add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
    on_visibility.forget();
    on_pagehide.forget();
}

/// The runs ended (`end`: where the last one's pull got to, `None` after
/// trouble); the feed follows from there.
pub fn run_ended(s: &Rc<Scheduler>, end: Option<Seq>) {
    if sync_state::config(&Browser).is_none() {
        // Sync was turned off meanwhile (here or in another tab): follow
        // nothing until it is on again and a run goes through.
        s.follow.reset();
        return;
    }
    s.follow.live.borrow_mut().run_ended(end);
    drive(s);
}

/// Does what the feed asks now (each step marks itself under way, so a
/// second call sends nothing more).
pub fn drive(s: &Rc<Scheduler>) {
    let step = s.follow.live.borrow_mut().step();
    match step {
        Step::Idle => {}
        Step::Ask { path, ticket } => {
            let stop = Stop::new();
            *s.follow.stop.borrow_mut() = Some(stop.clone());
            wasm_bindgen_futures::spawn_local(ask(s.clone(), path, ticket, stop));
        }
        Step::Pull => {
            if !kick(s) {
                // Sync is off (or a run's own save): nothing to follow.
                s.follow.live.borrow_mut().run_ended(None);
            }
        }
        Step::Take { changes, last_seq } => {
            if !take(s, changes, last_seq) {
                s.follow.live.borrow_mut().run_ended(None);
            }
        }
        Step::Rest(ms) => rest(s, ms),
    }
}

async fn ask(s: Rc<Scheduler>, path: String, ticket: u64, stop: Stop) {
    // The database the runs end in: the clinic's, or the home caseload's.
    let Some((cfg, _)) = super::caseloads::followed(&Browser) else {
        // Sync was turned off (another tab can do it unseen here): stop
        // following. Answering "no news" instead would ask again at once,
        // without ever yielding to the page: a frozen tab.
        s.follow.reset();
        return;
    };
    let url = format!("{}{path}", cfg.db_url());
    let deadline = u32::try_from(live::DEADLINE_MS).unwrap_or(u32::MAX);
    let out = Browser.long_get(&url, deadline, &stop).await;
    let answer =
        s.with_synced(|synced| live::read_answer(out.observed(), |id| synced.get(id).cloned()));
    s.follow.live.borrow_mut().answered(ticket, answer);
    drive(&s);
}

fn rest(s: &Rc<Scheduler>, ms: u64) {
    let Some(w) = web_sys::window() else { return };
    let again = s.clone();
    let f = Closure::once_into_js(move || {
        again.follow.live.borrow_mut().rested();
        drive(&again);
    });
    let ms = i32::try_from(ms).unwrap_or(i32::MAX);
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms);
}
