//! The CouchDB replication protocol as pure planning: each request body
//! built here, each answer read here, the shell only sends and receives.
//!
//! Why: the protocol is documented and small, but its edges (documents
//! missing from a `_bulk_get`, a `_bulk_docs` that refuses one document,
//! an interrupted run, the same revision arriving twice) are where data is
//! lost or duplicated. Each is a function here with a native test.
//!
//! A pull run (server → device), one page at a time:
//!
//! 1. [`resume_from`] the device's copy of the checkpoint and the server's
//!    `_local/<replication id>`: where the last run stopped;
//! 2. `GET` [`changes_path`] and [`parse_changes`];
//! 3. [`missing_locally`]: the revisions this device lacks;
//! 4. `POST` [`BULK_GET_PATH`] with [`bulk_get_request`], [`parse_bulk_get`];
//! 5. [`apply`] each document to its revision tree (a known revision is a
//!    no-op), decrypt, merge or [`crate::domain::sync::conflict::resolve`], store and
//!    verify the records;
//! 6. only then [`next_checkpoint`] with the page's `last_seq`, written on
//!    both sides. Interrupted anywhere before, the run restarts from the
//!    previous checkpoint and step 5 skips what it already has.
//!
//! A push run (device → server): records whose content differs from what
//! was last synced ([`crate::domain::sync::engine::to_push`]) are sealed into revisions,
//! checked with `POST _revs_diff` ([`revs_diff_request`],
//! [`parse_revs_diff`]) and sent with `POST _bulk_docs` and
//! `new_edits: false` ([`bulk_docs_request`], [`parse_bulk_docs`]).

use crate::domain::records::layout::Record;
pub use crate::domain::sync::checkpoint::{
    checkpoint_path, device_endpoint, endpoint, next_checkpoint, replication_id, resume_from,
    Checkpoint, HistoryEntry, HISTORY_LEN,
};
use crate::domain::sync::digest::short_digest;
use crate::domain::sync::revs::{parse_doc_id, Rev, RevError, RevTree, WireDoc, KEY_DOC_ID};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use thiserror::Error;

/// Changes asked for per page: each page costs a `_changes`, a `_bulk_get`,
/// a checkpoint on both sides and one commit here, so a first sync of
/// thousands goes in few large pages (a page of ratings is some 350 KB).
pub const PAGE_SIZE: u32 = 500;
/// The `_bulk_get` path: with each revision's history, and the latest
/// descendant when the asked revision was superseded meanwhile.
pub const BULK_GET_PATH: &str = "_bulk_get?revs=true&latest=true";
/// The `_bulk_docs` path.
pub const BULK_DOCS_PATH: &str = "_bulk_docs";
/// The `_revs_diff` path.
pub const REVS_DIFF_PATH: &str = "_revs_diff";

/// Why an answer could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ProtocolError {
    /// Not JSON at all (an HTML page from a portal or proxy, a cut-off body).
    #[error("the answer is not JSON")]
    NotJson(String),
    /// JSON, but not the answer this request has.
    #[error("the answer has an unexpected shape ({0})")]
    Shape(String),
}

fn read<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ProtocolError> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| ProtocolError::NotJson(e.to_string()))?;
    serde_json::from_value(value).map_err(|e| ProtocolError::Shape(e.to_string()))
}

/// A position in the server's changes feed: a number (CouchDB 1, PouchDB
/// Server) or an opaque string (CouchDB 2 and 3). Never compared, only
/// handed back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Seq {
    /// A numeric sequence.
    Num(u64),
    /// An opaque sequence.
    Text(String),
}

impl Seq {
    /// The start of the feed.
    pub fn zero() -> Seq {
        Seq::Num(0)
    }

    /// As a query parameter value, percent-encoded.
    pub fn query(&self) -> String {
        match self {
            Seq::Num(n) => n.to_string(),
            Seq::Text(s) => percent_encode(s),
        }
    }
}

/// Every byte but RFC 3986's unreserved characters (letters, digits and
/// `-._~`), for [`percent_encode`].
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes everything but RFC 3986's unreserved characters, with
/// upper-case hex digits (the `percent-encoding` crate's).
pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, NOT_UNRESERVED).to_string()
}

/// The `_changes` path for one page from `since`, every leaf of each
/// document listed (`style=all_docs`), so conflicts are seen.
pub fn changes_path(since: &Seq, limit: u32) -> String {
    format!(
        "_changes?style=all_docs&since={}&limit={limit}",
        since.query()
    )
}

/// One changed document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Its position in the feed.
    pub seq: Seq,
    /// The document id (a record's, or [`KEY_DOC_ID`]).
    pub id: String,
    /// Its leaf revisions.
    pub revs: Vec<Rev>,
    /// True when its winning revision is deleted.
    pub deleted: bool,
}

/// One page of the changes feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangesPage {
    /// Changes to Attune's documents, in feed order.
    pub changes: Vec<Change>,
    /// Where the next page starts (the checkpoint once this page is stored).
    pub last_seq: Seq,
    /// Changes still waiting after this page, when the server says.
    pub pending: Option<u64>,
    /// Rows that named a bad revision, by document id (kept out, not fatal).
    pub skipped: Vec<String>,
}

impl ChangesPage {
    /// True when another page should be asked for.
    pub fn more(&self) -> bool {
        self.pending.unwrap_or(0) > 0
    }
}

#[derive(Deserialize)]
struct RawChanges {
    results: Vec<RawChange>,
    last_seq: Seq,
    #[serde(default)]
    pending: Option<u64>,
}

#[derive(Deserialize)]
struct RawChange {
    seq: Seq,
    id: String,
    changes: Vec<RawRev>,
    #[serde(default)]
    deleted: bool,
}

#[derive(Deserialize)]
struct RawRev {
    rev: String,
}

/// True for a document Attune replicates: a record or the key document.
pub fn is_attune_doc(id: &str) -> bool {
    id == KEY_DOC_ID || parse_doc_id(id).is_some()
}

/// Reads a `_changes` answer. Documents that are not Attune's (design
/// documents, anything else) are left out.
pub fn parse_changes(text: &str) -> Result<ChangesPage, ProtocolError> {
    let raw: RawChanges = read(text)?;
    let mut page = ChangesPage {
        changes: Vec::new(),
        last_seq: raw.last_seq,
        pending: raw.pending,
        skipped: Vec::new(),
    };
    for c in raw.results.into_iter().filter(|c| is_attune_doc(&c.id)) {
        match c.changes.iter().map(|r| Rev::parse(&r.rev)).collect() {
            Ok(revs) => page.changes.push(Change {
                seq: c.seq,
                id: c.id,
                revs,
                deleted: c.deleted,
            }),
            Err(_) => page.skipped.push(c.id),
        }
    }
    Ok(page)
}

/// The revisions of `changes` this device does not have, by document:
/// the device's own `_revs_diff`. `tree` gives a document's known tree.
pub fn missing_locally<'a>(
    changes: &[Change],
    tree: impl Fn(&str) -> Option<&'a RevTree>,
) -> BTreeMap<String, Vec<Rev>> {
    let mut out: BTreeMap<String, Vec<Rev>> = BTreeMap::new();
    for c in changes {
        let known = tree(&c.id);
        for rev in &c.revs {
            if !known.is_some_and(|t| t.contains(rev)) {
                let list = out.entry(c.id.clone()).or_default();
                if !list.contains(rev) {
                    list.push(rev.clone());
                }
            }
        }
    }
    out
}

/// The `_revs_diff` body: each document's revisions to offer,
/// `{"client:c-1":["2-…","3-…"]}`.
pub fn revs_diff_request(offer: &BTreeMap<String, Vec<Rev>>) -> String {
    let body: BTreeMap<&str, Vec<String>> = offer
        .iter()
        .map(|(id, revs)| (id.as_str(), revs.iter().map(Rev::to_string).collect()))
        .collect();
    serde_json::to_string(&body).unwrap_or_default()
}

/// What the other side lacks of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Missing {
    /// Revisions it does not have: to send.
    pub missing: Vec<Rev>,
    /// Revisions it has that may be their ancestors (informational).
    pub possible_ancestors: Vec<Rev>,
}

#[derive(Deserialize)]
struct RawMissing {
    #[serde(default)]
    missing: Vec<String>,
    #[serde(default)]
    possible_ancestors: Vec<String>,
}

/// Reads a `_revs_diff` answer (documents with nothing missing are absent).
pub fn parse_revs_diff(text: &str) -> Result<BTreeMap<String, Missing>, ProtocolError> {
    let raw: BTreeMap<String, RawMissing> = read(text)?;
    let revs = |list: Vec<String>| -> Result<Vec<Rev>, ProtocolError> {
        list.iter()
            .map(|r| Rev::parse(r).map_err(|e| ProtocolError::Shape(e.to_string())))
            .collect()
    };
    raw.into_iter()
        .map(|(id, m)| {
            Ok((
                id,
                Missing {
                    missing: revs(m.missing)?,
                    possible_ancestors: revs(m.possible_ancestors)?,
                },
            ))
        })
        .collect()
}

/// Batches this small go to `_bulk_docs` without asking `_revs_diff`
/// first: the question costs a round trip, the answer would save sending a
/// few documents the server may already hold, and `_bulk_docs` with
/// `new_edits: false` takes a revision it holds as a no-op (a save's one
/// record reaches the other devices a round trip sooner).
pub const ASK_FROM: usize = 8;

/// Whether a batch of `docs` revisions asks `_revs_diff` first.
pub fn ask_first(docs: usize) -> bool {
    docs >= ASK_FROM
}

/// Keeps only the prepared documents the server lacks.
pub fn only_missing(prepared: Vec<WireDoc>, diff: &BTreeMap<String, Missing>) -> Vec<WireDoc> {
    prepared
        .into_iter()
        .filter(|d| {
            d.rev()
                .is_ok_and(|rev| diff.get(&d.id).is_some_and(|m| m.missing.contains(&rev)))
        })
        .collect()
}

/// The `_bulk_get` body: `{"docs":[{"id":"…","rev":"…"},…]}`.
pub fn bulk_get_request(wanted: &BTreeMap<String, Vec<Rev>>) -> String {
    let docs: Vec<Value> = wanted
        .iter()
        .flat_map(|(id, revs)| {
            revs.iter()
                .map(move |r| json!({"id": id, "rev": r.to_string()}))
        })
        .collect();
    json!({ "docs": docs }).to_string()
}

/// One answer within a `_bulk_get`.
#[derive(Clone, Debug, PartialEq)]
pub enum Fetched {
    /// A record revision (or a deletion stub).
    Doc(WireDoc),
    /// The clinic key document, as JSON text for
    /// [`crate::domain::sync::crypto_format::KeyDoc::decode`].
    Key(String),
    /// The server could not give this revision (`not_found`, …), or what it
    /// gave is not one of Attune's documents: skipped, the run goes on, and
    /// the checkpoint is not moved past it.
    Error {
        /// The document asked for.
        id: String,
        /// The revision asked for, when known.
        rev: Option<String>,
        /// The error, as the server or the reader named it.
        error: String,
    },
}

#[derive(Deserialize)]
struct RawBulkGet {
    results: Vec<RawBulkGetResult>,
}

#[derive(Deserialize)]
struct RawBulkGetResult {
    id: String,
    docs: Vec<Value>,
}

/// Reads a `_bulk_get` answer: each revision on its own, so one bad or
/// missing document never spoils the rest.
pub fn parse_bulk_get(text: &str) -> Result<Vec<Fetched>, ProtocolError> {
    let raw: RawBulkGet = read(text)?;
    let mut out = Vec::new();
    for result in raw.results {
        for item in result.docs {
            out.push(read_fetched(&result.id, item));
        }
    }
    Ok(out)
}

fn read_fetched(id: &str, item: Value) -> Fetched {
    let error = |rev: Option<String>, error: String| Fetched::Error {
        id: id.to_string(),
        rev,
        error,
    };
    if let Some(doc) = item.get("ok") {
        let rev = doc.get("_rev").and_then(Value::as_str).map(str::to_string);
        if doc.get("_id").and_then(Value::as_str) != Some(id) {
            return error(rev, "the document has another id".into());
        }
        if id == KEY_DOC_ID {
            return Fetched::Key(doc.to_string());
        }
        return match serde_json::from_value::<WireDoc>(doc.clone()) {
            Ok(d) if d.path().is_ok() => Fetched::Doc(d),
            Ok(_) => error(rev, "bad revision history".into()),
            Err(e) => error(rev, e.to_string()),
        };
    }
    let e = item.get("error");
    let field = |k: &str| e.and_then(|e| e.get(k)).and_then(Value::as_str);
    let name = field("error").unwrap_or("unknown");
    let reason = field("reason").unwrap_or("");
    error(
        field("rev").map(str::to_string),
        format!("{name}: {reason}")
            .trim_end_matches(": ")
            .to_string(),
    )
}

/// The `_bulk_docs` body, `{"docs":[…],"new_edits":false}`: each revision
/// stored as named, with its history, so both sides share one tree.
pub fn bulk_docs_request(docs: &[WireDoc]) -> String {
    json!({ "docs": docs, "new_edits": false }).to_string()
}

/// A document `_bulk_docs` refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// The document.
    pub id: String,
    /// The revision, when the server names it.
    pub rev: Option<String>,
    /// `forbidden`, `unauthorized`, …
    pub error: String,
    /// The server's reason.
    pub reason: String,
}

/// Reads a `_bulk_docs` answer: the refused documents. With
/// `new_edits: false` CouchDB lists only failures (often `[]`); entries
/// without an `error` were stored.
pub fn parse_bulk_docs(text: &str) -> Result<Vec<Rejected>, ProtocolError> {
    let raw: Vec<Value> = read(text)?;
    Ok(raw
        .iter()
        .filter_map(|v| {
            let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
            Some(Rejected {
                error: s("error")?,
                id: s("id").unwrap_or_default(),
                rev: s("rev"),
                reason: s("reason").unwrap_or_default(),
            })
        })
        .collect())
}

/// What applying a received revision did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    /// A revision this device did not have: store its record.
    New,
    /// Already known: nothing to do (a resumed run, a repeated answer).
    AlreadyHave,
}

/// Adds a received revision to its document's tree.
pub fn apply(tree: &mut RevTree, doc: &WireDoc) -> Result<Applied, RevError> {
    let path = doc.path()?;
    Ok(if tree.insert(&path, doc.deleted) {
        Applied::New
    } else {
        Applied::AlreadyHave
    })
}

/// A digest of a record's clear content, kept on the device only (never
/// sent: it would let the server confirm guesses) to tell whether the
/// record changed since it was last synced.
pub fn clear_digest(record: &Record) -> String {
    short_digest(&[record.body_text().as_bytes()])
}

/// The room a pull keeps free in the browser's storage, in the shell's
/// units (bytes, or UTF-16 code units for localStorage).
pub const QUOTA_RESERVE: u64 = 256 * 1024;

/// True when records of `adding` units fit beside `used` under `quota`
/// with [`QUOTA_RESERVE`] to spare. A pull stores a page only when it
/// fits; otherwise it stops there, keeps what it has and says so, and the
/// checkpoint stays before that page.
pub fn fits(adding: u64, used: u64, quota: u64) -> bool {
    used.saturating_add(adding).saturating_add(QUOTA_RESERVE) <= quota
}
