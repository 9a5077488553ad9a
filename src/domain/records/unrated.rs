//! A session that took place without an SRS. Sessions with no rating are what
//! a therapist most needs to see (clinical notes: "use every session, not
//! only when worried"), so "My alliance" counts them when they are given.
//!
//! Stored in the document's `unrated` list (schema version 4), with
//! timestamps in the store's RFC 3339 form.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A logged session for which no SRS was given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnratedSession {
    /// Unique id (made by the shell), for merging like a rating.
    pub id: String,
    /// The client seen.
    pub client_id: String,
    /// When the session took place.
    #[serde(with = "crate::domain::time::rfc3339")]
    pub at: DateTime<Utc>,
    /// Why there was no rating, as the therapist typed it (ran out of time,
    /// crisis session, client declined), if they said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}
