//! CouchDB documents and revisions: what one record looks like on the
//! server, how its revision ids are made, its revision history, and the
//! winner CouchDB itself would pick among conflicting leaves.
//!
//! Why Attune makes its own revision ids: replication writes with
//! `new_edits: false`, which stores the revisions it is given as they are,
//! so the writer names each revision. CouchDB accepts any hash string; the
//! name must only be `N-hash`, with `N` one more than the parent's.
//!
//! The hash is the first 128 bits of SHA-256 over the parent revision and
//! the document as the server stores it (`_id`, `_deleted`, `type`,
//! `updated_at` and the encrypted `payload`), never over the clear record:
//! a rating's four scores are only about 10^8 possibilities, so a digest of
//! the clear record would let the server confirm guesses. Hashing only what
//! the server already sees reveals nothing. It also makes a revision id
//! stable once its document is prepared: a retried upload sends the same
//! revision, which the server already has, so nothing is duplicated. (Two
//! devices encrypting the same edit make two revisions, since each uses a
//! fresh IV; the conflict rule then keeps one, see [`crate::domain::sync::conflict`].)
//!
//! Wire document of a record:
//!
//! ```json
//! {"_id":"rating:4fa0c15e","_rev":"2-1f0c…(32 hex)","type":"rating",
//!  "updated_at":"2026-03-02T16:05:00Z",
//!  "payload":{"v":1,"alg":"A256GCM","iv":"<16 base64>","ct":"<base64>"},
//!  "_revisions":{"start":2,"ids":["1f0c…","9ab3…"]}}
//! ```
//!
//! A losing leaf is closed by a stub: `{"_id":…,"_rev":"3-…","_deleted":true,
//! "_revisions":{"start":3,"ids":["…","<the leaf's hash>"]}}`.

use crate::domain::records::layout::Kind;
use crate::domain::sync::crypto_format::Envelope;
use crate::domain::sync::digest::short_digest;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use thiserror::Error;

/// The id of the document holding the wrapped clinic key. A normal
/// document, because `_local/` documents are not replicated.
pub const KEY_DOC_ID: &str = "attune:key";

/// How many ancestors a document's `_revisions` carries at most (CouchDB's
/// own default `revs_limit` is 1000; Attune's records are edited rarely).
pub const REVS_LIMIT: usize = 100;

/// A revision id, `N-hash`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rev {
    /// The generation: 1 for a new document, one more for each edit.
    pub n: u64,
    /// The hash part, any non-empty string without whitespace.
    pub hash: String,
}

/// Why a revision or history was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RevError {
    /// Not `N-hash` with a positive `N` and a non-empty hash.
    #[error("\"{0}\" is not a revision id")]
    BadRev(String),
    /// `_revisions` is empty or claims more ancestors than its start allows.
    #[error("the revision history is not consistent")]
    BadHistory,
}

impl Rev {
    /// Reads `N-hash`.
    pub fn parse(s: &str) -> Result<Rev, RevError> {
        let bad = || RevError::BadRev(s.to_string());
        let (n, hash) = s.split_once('-').ok_or_else(bad)?;
        // Digits only, no leading zero: one spelling per generation.
        if n.is_empty() || n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n: u64 = n.parse().map_err(|_| bad())?;
        if hash.is_empty() || hash.chars().any(char::is_whitespace) {
            return Err(bad());
        }
        Ok(Rev {
            n,
            hash: hash.to_string(),
        })
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.n, self.hash)
    }
}

/// CouchDB's order: generation first, then the hash as a string.
impl Ord for Rev {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.n, &self.hash).cmp(&(other.n, &other.hash))
    }
}

impl PartialOrd for Rev {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The wire `type` of a kind of record.
pub fn doc_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Client => "client",
        Kind::Rating => "rating",
        Kind::Unrated => "unrated",
        Kind::EpisodeEnd => "episode-end",
    }
}

/// The document id of a record: its type, a colon, its id
/// (`client:c-3f2a`, `rating:4fa0…`, `unrated:u-1`, `episode-end:e-1`).
pub fn doc_id(kind: Kind, id: &str) -> String {
    format!("{}:{id}", doc_type(kind))
}

/// The kind and record id a document id names; `None` for the key
/// document, design documents and anything else.
pub fn parse_doc_id(doc_id: &str) -> Option<(Kind, &str)> {
    let (ty, id) = doc_id.split_once(':')?;
    let kind = Kind::ALL.into_iter().find(|k| doc_type(*k) == ty)?;
    (!id.is_empty()).then_some((kind, id))
}

/// A revision history as CouchDB sends it: `{"start":3,"ids":["c","b","a"]}`
/// names `3-c`, its parent `2-b` and grandparent `1-a`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revisions {
    /// The newest revision's generation.
    pub start: u64,
    /// Hashes, newest first.
    pub ids: Vec<String>,
}

impl Revisions {
    /// The history of a path given newest first (consecutive generations),
    /// cut to [`REVS_LIMIT`].
    pub fn from_path(path: &[Rev]) -> Revisions {
        Revisions {
            start: path.first().map_or(0, |r| r.n),
            ids: path
                .iter()
                .take(REVS_LIMIT)
                .map(|r| r.hash.clone())
                .collect(),
        }
    }

    /// The revisions it names, newest first.
    pub fn path(&self) -> Result<Vec<Rev>, RevError> {
        if self.ids.is_empty() || self.start < self.ids.len() as u64 {
            return Err(RevError::BadHistory);
        }
        self.ids
            .iter()
            .enumerate()
            .map(|(i, h)| Rev::parse(&format!("{}-{h}", self.start - i as u64)))
            .collect()
    }
}

/// A document as CouchDB stores and replicates it: a record's revision, or
/// a stub closing a losing leaf.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireDoc {
    /// `client:…`, `rating:…`, `unrated:…`.
    #[serde(rename = "_id")]
    pub id: String,
    /// This revision, `N-hash`.
    #[serde(rename = "_rev")]
    pub rev: String,
    /// True for a stub closing a losing leaf.
    #[serde(rename = "_deleted", default, skip_serializing_if = "is_false")]
    pub deleted: bool,
    /// The record's type (`client`, `rating`, `unrated`); absent on stubs.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    /// When the record last changed (its edit stamp, else when it was made):
    /// in clear for the server's own views; the conflict rule reads the
    /// authenticated copy inside the payload instead.
    #[serde(
        default,
        with = "crate::domain::time::rfc3339_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<DateTime<Utc>>,
    /// The encrypted record; absent on stubs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<Envelope>,
    /// The history, sent with `new_edits: false` and asked for with `revs=true`.
    #[serde(
        rename = "_revisions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revisions: Option<Revisions>,
    /// True on a stub a transfer wrote ([`WireDoc::moved_stub`]): the
    /// record left this database for another caseload's, which was found
    /// holding it first. Only such a stub lets a device remove its copy; a
    /// stub of any other making (another tool's delete, a restore) may be
    /// the only trace of a record whose copies the devices hold.
    #[serde(default, skip_serializing_if = "is_false")]
    pub moved: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl WireDoc {
    /// The parsed revision.
    pub fn rev(&self) -> Result<Rev, RevError> {
        Rev::parse(&self.rev)
    }

    /// This revision and its ancestors, newest first: from `_revisions`
    /// when present (which must end in `_rev`), else `_rev` alone.
    pub fn path(&self) -> Result<Vec<Rev>, RevError> {
        let rev = self.rev()?;
        match &self.revisions {
            Some(h) => {
                let path = h.path()?;
                if path.first() != Some(&rev) {
                    return Err(RevError::BadHistory);
                }
                Ok(path)
            }
            None => Ok(vec![rev]),
        }
    }

    /// The hash this revision should have, recomputed from its content and
    /// its parent; equal to `_rev`'s hash for every revision Attune made.
    pub fn expected_hash(&self, parent: Option<&Rev>) -> String {
        let parent = parent.map(Rev::to_string).unwrap_or_default();
        let deleted: &[u8] = if self.deleted { b"1" } else { b"0" };
        let ty = self.doc_type.clone().unwrap_or_default();
        let at = self
            .updated_at
            .map(crate::domain::time::format)
            .unwrap_or_default();
        let payload = self
            .payload
            .as_ref()
            .map(|p| serde_json::to_string(p).unwrap_or_default())
            .unwrap_or_default();
        let mut parts: Vec<&[u8]> = vec![
            parent.as_bytes(),
            self.id.as_bytes(),
            deleted,
            ty.as_bytes(),
            at.as_bytes(),
            payload.as_bytes(),
        ];
        // Only a transfer's stub adds a part: every other revision keeps
        // the hash it always had.
        if self.moved {
            parts.push(b"moved");
        }
        short_digest(&parts)
    }

    /// A new revision of a record on top of `parent_path` (newest first;
    /// empty for a new document), with its id and history filled in.
    pub fn revision(
        kind: Kind,
        record_id: &str,
        updated_at: DateTime<Utc>,
        payload: Envelope,
        parent_path: &[Rev],
    ) -> WireDoc {
        let doc = WireDoc {
            id: doc_id(kind, record_id),
            rev: String::new(),
            deleted: false,
            doc_type: Some(doc_type(kind).into()),
            updated_at: Some(updated_at),
            payload: Some(payload),
            revisions: None,
            moved: false,
        };
        doc.stamped(parent_path)
    }

    /// The stub that closes the leaf `leaf_path[0]` of document `id`
    /// (`_deleted: true`, no content). Deterministic: any device closing the
    /// same leaf makes the same stub, so two devices resolving the same
    /// conflict at once agree.
    pub fn deletion_stub(id: &str, leaf_path: &[Rev]) -> WireDoc {
        let doc = WireDoc {
            id: id.to_string(),
            rev: String::new(),
            deleted: true,
            doc_type: None,
            updated_at: None,
            payload: None,
            revisions: None,
            moved: false,
        };
        doc.stamped(leaf_path)
    }

    /// The stub a transfer closes the leaf `leaf_path[0]` of document `id`
    /// with, once the new caseload's database holds the record: a
    /// [`WireDoc::deletion_stub`] marked [`WireDoc::moved`] (no content).
    pub fn moved_stub(id: &str, leaf_path: &[Rev]) -> WireDoc {
        let doc = WireDoc {
            moved: true,
            ..WireDoc::deletion_stub(id, &[])
        };
        doc.stamped(leaf_path)
    }

    /// Names this content as the child of `parent_path[0]`.
    fn stamped(mut self, parent_path: &[Rev]) -> WireDoc {
        let parent = parent_path.first();
        let rev = Rev {
            n: parent.map_or(1, |p| p.n + 1),
            hash: self.expected_hash(parent),
        };
        self.rev = rev.to_string();
        let mut path = vec![rev];
        path.extend_from_slice(parent_path);
        self.revisions = Some(Revisions::from_path(&path));
        self
    }
}

/// A leaf revision: the tip of one branch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    /// Its revision.
    pub rev: Rev,
    /// True when the branch was closed (a deletion stub).
    pub deleted: bool,
}

/// CouchDB's winning revision among leaves, the one every replica shows:
/// a non-deleted leaf before a deleted one, then the highest generation,
/// then the highest hash as a string. `None` for no leaves.
pub fn winner(leaves: &[Leaf]) -> Option<&Leaf> {
    leaves
        .iter()
        .max_by(|a, b| (!a.deleted, &a.rev).cmp(&(!b.deleted, &b.rev)))
}

/// What this device knows of one document's revision tree: each revision's
/// parent, and which leaves are deleted. Enough to answer "do I have this
/// revision?", to list the leaves, and to name a new revision's history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RevTree {
    parents: BTreeMap<Rev, Option<Rev>>,
    deleted: BTreeMap<Rev, bool>,
}

impl RevTree {
    /// An empty tree (a document not seen yet).
    pub fn new() -> RevTree {
        RevTree::default()
    }

    /// True when this revision is known.
    pub fn contains(&self, rev: &Rev) -> bool {
        self.parents.contains_key(rev)
    }

    /// Adds a path (newest first) whose newest revision is deleted or not.
    /// Returns false when the newest revision was already known: applying
    /// the same revision twice changes nothing.
    pub fn insert(&mut self, path: &[Rev], deleted: bool) -> bool {
        let Some(tip) = path.first() else {
            return false;
        };
        let new = !self.contains(tip);
        for (i, rev) in path.iter().enumerate() {
            let parent = path.get(i + 1).cloned();
            let known = self.parents.entry(rev.clone()).or_insert(None);
            if known.is_none() {
                *known = parent;
            }
        }
        if new {
            self.deleted.insert(tip.clone(), deleted);
        }
        new
    }

    /// The leaves: revisions no known revision descends from.
    pub fn leaves(&self) -> Vec<Leaf> {
        let parents: std::collections::BTreeSet<&Rev> = self.parents.values().flatten().collect();
        self.parents
            .keys()
            .filter(|r| !parents.contains(r))
            .map(|r| Leaf {
                rev: r.clone(),
                deleted: self.deleted.get(r).copied().unwrap_or(false),
            })
            .collect()
    }

    /// CouchDB's winning leaf.
    pub fn winner(&self) -> Option<Leaf> {
        winner(&self.leaves()).cloned()
    }

    /// The path from `rev` back through its known ancestors, newest first,
    /// cut to [`REVS_LIMIT`]: the history a child of `rev` is sent with.
    pub fn path_to(&self, rev: &Rev) -> Vec<Rev> {
        let mut path = Vec::new();
        let mut at = self.contains(rev).then(|| rev.clone());
        while let Some(r) = at {
            if path.len() == REVS_LIMIT {
                break;
            }
            at = self.parents.get(&r).cloned().flatten();
            path.push(r);
        }
        path
    }
}
