//! Checkpoints: where a replication stopped, kept on both sides so an
//! interrupted run resumes instead of starting over, and never skips what
//! it did not store.
//!
//! Why both sides: the device may lose its copy (storage cleared) and the
//! server may lose its own (database restored), and a tab may close between
//! the two writes. [`resume_from`] trusts only a checkpoint both sides hold;
//! anything else restarts from the beginning, which is always safe because
//! applying a known revision is a no-op ([`crate::domain::sync::protocol::apply`]).

use crate::domain::records::layout::Kind;
use crate::domain::sync::digest::short_digest;
use crate::domain::sync::protocol::Seq;
use crate::domain::sync::revs::doc_type;
use serde::{Deserialize, Serialize};

/// Checkpoint history entries kept.
pub const HISTORY_LEN: usize = 10;

/// An endpoint as named in a replication id: the server URL without any
/// user name or password and without a trailing slash, then the database.
pub fn endpoint(server_url: &str, database: &str) -> String {
    let url = server_url.trim_end_matches('/');
    let url = match url.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
            let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            let path = if path.is_empty() {
                String::new()
            } else {
                format!("/{path}")
            };
            format!(
                "{}://{}{path}",
                scheme.to_ascii_lowercase(),
                host.to_ascii_lowercase()
            )
        }
        None => url.to_string(),
    };
    format!("{url}/{database}")
}

/// This device's side of a replication, as named in a replication id.
pub fn device_endpoint(device_id: &str) -> String {
    format!("attune-device:{device_id}")
}

/// The replication id: the same on every run between the same source,
/// target and device, different for each direction. 32 hex digits.
///
/// It also names the kinds of record this build knows ([`known_kinds`]).
/// A build that predates a kind skips its documents and moves its
/// checkpoint past them; once updated it must read them, so a new kind
/// makes a new replication id, whose checkpoint starts at the beginning
/// (one full read of the changes feed, fetching only what is not held).
pub fn replication_id(source: &str, target: &str, device_id: &str) -> String {
    let kinds = known_kinds();
    short_digest(&[
        b"attune.replication/1",
        source.as_bytes(),
        target.as_bytes(),
        device_id.as_bytes(),
        kinds.as_bytes(),
    ])
}

/// The document types this build replicates, in order:
/// `client,rating,unrated,episode-end`.
pub fn known_kinds() -> String {
    Kind::ALL
        .iter()
        .map(|k| doc_type(*k))
        .collect::<Vec<_>>()
        .join(",")
}

/// The checkpoint document's path: `_local/<replication id>` (never replicated).
pub fn checkpoint_path(replication_id: &str) -> String {
    format!("_local/{replication_id}")
}

/// One earlier checkpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Which checkpoint write.
    pub session_id: String,
    /// Where it stood.
    pub last_seq: Seq,
}

/// A checkpoint, kept on both sides (the server's `_local/<id>`, and the
/// device's copy):
///
/// ```json
/// {"_id":"_local/<replication id>","_rev":"0-2","version":1,"writes":7,
///  "session_id":"<run id>.7","last_seq":"42-g1AA…",
///  "history":[{"session_id":"<run id>.7","last_seq":"42-g1AA…"},…]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// `_local/<replication id>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// The server's revision of the checkpoint (needed to update it).
    #[serde(rename = "_rev", default, skip_serializing_if = "Option::is_none")]
    pub rev: Option<String>,
    /// Always 1.
    pub version: u32,
    /// Checkpoints written so far on this replication.
    #[serde(default)]
    pub writes: u64,
    /// Names this checkpoint write: `<run id>.<writes>`.
    pub session_id: String,
    /// Everything up to here is stored on the device.
    pub last_seq: Seq,
    /// Earlier writes, newest first (this one included), at most [`HISTORY_LEN`].
    pub history: Vec<HistoryEntry>,
}

impl Checkpoint {
    /// Reads a checkpoint document; `None` when absent or unreadable (the
    /// run then starts from the beginning, which is always safe).
    pub fn decode(text: Option<&str>) -> Option<Checkpoint> {
        serde_json::from_str(text?).ok()
    }

    /// The document as JSON.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The checkpoint to write once a page up to `last_seq` is stored. `run_id`
/// names this run (made by the shell); `prev` is this side's last one.
pub fn next_checkpoint(
    prev: Option<&Checkpoint>,
    replication_id: &str,
    run_id: &str,
    last_seq: Seq,
) -> Checkpoint {
    let writes = prev.map_or(0, |p| p.writes) + 1;
    let session_id = format!("{run_id}.{writes}");
    let mut history = vec![HistoryEntry {
        session_id: session_id.clone(),
        last_seq: last_seq.clone(),
    }];
    if let Some(p) = prev {
        history.extend(p.history.iter().cloned());
    }
    history.truncate(HISTORY_LEN);
    Checkpoint {
        id: checkpoint_path(replication_id),
        rev: prev.and_then(|p| p.rev.clone()),
        version: 1,
        writes,
        session_id,
        last_seq,
        history,
    }
}

/// Where a run resumes: the last checkpoint both sides agree on, else the
/// start (re-reading is safe: a known revision is a no-op).
///
/// If the two latest writes match, that one. If one side's write was lost
/// (the tab closed between the two), the newest write both histories hold.
pub fn resume_from(device: Option<&Checkpoint>, server: Option<&Checkpoint>) -> Seq {
    let (Some(d), Some(s)) = (device, server) else {
        return Seq::zero();
    };
    if d.session_id == s.session_id && d.last_seq == s.last_seq {
        return d.last_seq.clone();
    }
    d.history
        .iter()
        .find(|e| {
            s.history
                .iter()
                .any(|o| o.session_id == e.session_id && o.last_seq == e.last_seq)
        })
        .map_or_else(Seq::zero, |e| e.last_seq.clone())
}
