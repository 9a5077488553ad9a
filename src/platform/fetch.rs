//! What one request to the clinic's CouchDB gave back, as the domain's
//! [`Observed`] (what it means is `status::classify`'s); the same whether
//! the browser's `fetch` ([`super::browser::fetch`]) or a test's in-memory
//! server answered.

use crate::domain::sync::status::{classify, unreadable_body, Observed, Trouble};
use std::cell::RefCell;
use std::rc::Rc;

/// What came back.
#[derive(Debug)]
pub enum Outcome {
    /// An HTTP answer.
    Answer {
        /// Its status code.
        status: u16,
        /// Its `Content-Type`.
        content_type: Option<String>,
        /// Its body as text.
        body: String,
    },
    /// No answer before the deadline (the request was aborted).
    TimedOut,
    /// No connection, refused, reset, or blocked.
    NetworkError,
}

impl Outcome {
    /// As the domain reads it.
    pub fn observed(&self) -> Observed<'_> {
        match self {
            Outcome::Answer {
                status,
                content_type,
                body,
            } => Observed::Answer {
                status: *status,
                content_type: content_type.as_deref(),
                body,
            },
            Outcome::TimedOut => Observed::TimedOut,
            Outcome::NetworkError => Observed::NetworkError,
        }
    }

    /// The body of a successful JSON answer, or the trouble in words.
    pub fn ok_body(self) -> Result<String, Trouble> {
        if let Some(t) = classify(self.observed()) {
            return Err(t);
        }
        match self {
            Outcome::Answer { body, .. } => Ok(body),
            _ => Err(Trouble::Unreachable),
        }
    }

    /// The status code, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Outcome::Answer { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// Reads a successful body with `parse`; an unreadable one is a captive
/// portal's page or an unexpected answer, never a crash.
pub fn parsed<T, E>(
    outcome: Outcome,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, Trouble> {
    let body = outcome.ok_body()?;
    parse(&body).map_err(|_| unreadable_body(&body))
}

/// Ends a long request early: the changes feed's long-poll when the page
/// is hidden or a run starts. Clones share one switch.
#[derive(Clone, Default)]
pub struct Stop(Rc<RefCell<StopState>>);

#[derive(Default)]
struct StopState {
    stopped: bool,
    on_stop: Vec<Box<dyn FnOnce()>>,
}

impl Stop {
    /// A switch not yet thrown.
    pub fn new() -> Stop {
        Stop::default()
    }

    /// Ends the request (runs what [`Stop::on_stop`] registered, once).
    pub fn stop(&self) {
        let waiting = {
            let mut s = self.0.borrow_mut();
            s.stopped = true;
            std::mem::take(&mut s.on_stop)
        };
        for f in waiting {
            f();
        }
    }

    /// True once [`Stop::stop`] was called.
    pub fn stopped(&self) -> bool {
        self.0.borrow().stopped
    }

    /// Runs `f` when the switch is thrown (at once if it already was).
    pub fn on_stop(&self, f: impl FnOnce() + 'static) {
        if self.stopped() {
            f();
            return;
        }
        self.0.borrow_mut().on_stop.push(Box::new(f));
    }
}
