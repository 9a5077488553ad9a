//! What one request to the clinic's CouchDB gave back, as the domain's
//! [`Observed`] (what it means is `status::classify`'s); the same whether
//! the browser's `fetch` ([`super::browser::fetch`]) or a test's in-memory
//! server answered.

use crate::domain::sync::status::{classify, unreadable_body, Observed, Trouble};

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
