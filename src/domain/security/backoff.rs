//! Keeping the wrong-PIN back-off across reloads even when a write fails.
//!
//! The shell keeps up to three copies: in memory, in sessionStorage (this
//! tab; it survives a reload) and in the settings record in localStorage.
//! Any of them may be stale: localStorage may be full, sessionStorage may be
//! missing. On load and after every wrong PIN the shell takes the strictest
//! of what it has, so losing one copy never shortens a wait.

use crate::domain::security::pin::Backoff;

/// sessionStorage key of this tab's back-off copy.
pub const SESSION_KEY: &str = "attune.backoff";

/// The strictest of the copies: the most wrong attempts and the latest
/// failure. Its wait ends no earlier than any copy's (the delay grows with
/// the count, and the later start only moves the end later). Missing copies
/// count for nothing.
///
/// A right PIN must reset every copy: a copy that could not be reset still
/// counts here. That fails safe: at worst one wait the therapist already
/// sat out comes back after a reload.
pub fn strictest<'a>(copies: impl IntoIterator<Item = Option<&'a Backoff>>) -> Backoff {
    copies
        .into_iter()
        .flatten()
        .fold(Backoff::default(), |acc, b| Backoff {
            failed: acc.failed.max(b.failed),
            last_failure: acc.last_failure.max(b.last_failure),
        })
}

/// The sessionStorage copy as stored.
pub fn encode_copy(b: &Backoff) -> String {
    // A count and an optional time always serialise.
    serde_json::to_string(b).unwrap_or_default()
}

/// Reads a sessionStorage copy; `None` when missing or unreadable (the other
/// copies still count, so a damaged one is simply not used).
pub fn decode_copy(text: Option<&str>) -> Option<Backoff> {
    serde_json::from_str(text?).ok()
}
