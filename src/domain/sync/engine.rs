//! What one sync run decides, document by document: which records to push
//! and on top of which revision, which changed documents to fetch, and how
//! a settled document goes back into the store.
//!
//! A run pushes first, then pulls. Pushing first puts this device's edits
//! on the server as children of the revision it last synced, so an edit
//! made here and one made elsewhere meet on the server as a CouchDB
//! conflict, and every device settles it by the same rule
//! ([`crate::domain::sync::conflict::resolve`]) when it pulls. What the device keeps per
//! document is small: the revision its copy corresponds to and a digest of
//! that copy ([`Synced`]), so "changed since it was synced" is a comparison.

use crate::domain::sync::conflict::{Candidate, Resolution};
use crate::domain::sync::crypto_format::Opened;
use crate::domain::sync::protocol::{clear_digest, Change};

/// The first 16 hex digits (64 bits) of [`clear_digest`]: plenty to tell
/// whether a record changed since it was synced, and half the room per
/// record on a device whose storage holds about five million characters.
pub fn note_digest(record: &Record) -> String {
    let mut d = clear_digest(record);
    d.truncate(16);
    d
}
use crate::domain::records::layout::{Kind, Record};
use crate::domain::records::store::Store;
use crate::domain::sync::revs::{doc_id, Rev, RevTree, WireDoc};
use std::collections::{BTreeMap, HashMap};

/// Digests already worked out, by document: a run every minute over ten
/// thousand records would otherwise serialise and hash each one every
/// time (about 60 ms of the page's one thread); comparing a record with
/// the copy its digest was made from is far cheaper.
#[derive(Debug, Default)]
pub struct DigestMemo {
    seen: HashMap<String, (Record, String)>,
}

impl DigestMemo {
    /// [`note_digest`] of `record` (document `doc_id`), from the memo when
    /// the record is unchanged.
    pub fn digest(&mut self, doc_id: &str, record: &Record) -> String {
        if let Some((r, d)) = self.seen.get(doc_id) {
            if r == record {
                return d.clone();
            }
        }
        let d = note_digest(record);
        self.seen
            .insert(doc_id.to_string(), (record.clone(), d.clone()));
        d
    }

    /// Whether the record (`same` tells it, `copy` makes it) still has
    /// `digest`: from the memo when it is unchanged, without copying it.
    pub fn holds(
        &mut self,
        doc_id: &str,
        digest: &str,
        same: &dyn Fn(&Record) -> bool,
        copy: &dyn Fn() -> Record,
    ) -> bool {
        if let Some((r, d)) = self.seen.get(doc_id) {
            if same(r) {
                return d == digest;
            }
        }
        self.digest(doc_id, &copy()) == digest
    }
}

/// Prefix of the device's own sync state per document (never synced):
/// `attune.s.<doc id>` → [`Synced::encode`] (short: one per record).
pub const SYNCED_PREFIX: &str = "attune.s.";

/// What the device last synced of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synced {
    /// The revision the device's copy corresponds to.
    pub rev: Rev,
    /// [`note_digest`] of that copy.
    pub digest: String,
}

impl Synced {
    /// `"<rev> <digest>"`.
    pub fn encode(&self) -> String {
        format!("{} {}", self.rev, self.digest)
    }

    /// Reads [`Synced::encode`]'s text; `None` when unreadable (the record
    /// is then pushed again, which is always safe: the server keeps both
    /// copies as a conflict and the rule settles it).
    pub fn decode(text: &str) -> Option<Synced> {
        let (rev, digest) = text.split_once(' ')?;
        Some(Synced {
            rev: Rev::parse(rev).ok()?,
            digest: digest.to_string(),
        })
    }

    /// The state once `rev` holding `record` is what this device has.
    pub fn of(rev: Rev, record: &Record) -> Synced {
        Synced {
            rev,
            digest: note_digest(record),
        }
    }
}

/// Every record of the store, typed.
pub fn records(store: &Store) -> impl Iterator<Item = Record> + '_ {
    let clients = store.clients.iter().cloned().map(Record::Client);
    let ratings = store.ratings.iter().cloned().map(Record::Rating);
    let unrated = store.unrated.iter().cloned().map(Record::Unrated);
    let ends = store.episode_ends.iter().cloned().map(Record::EpisodeEnd);
    clients.chain(ratings).chain(unrated).chain(ends)
}

/// A record to push and the revision it extends (none: a new document).
#[derive(Clone, Debug, PartialEq)]
pub struct Push {
    /// The record.
    pub record: Record,
    /// Its document's revision this device last synced.
    pub parent: Option<Rev>,
}

/// The records never synced or changed since, oldest first within each
/// kind as stored. Stand-in clients (a label for ratings whose client record
/// could not be read) are never pushed: they are not data.
pub fn to_push(
    store: &Store,
    synced: impl Fn(&str) -> Option<Synced>,
    memo: &mut DigestMemo,
) -> Vec<Push> {
    // Read in place, and only a record to push is copied: a run (and the
    // status after each) asks this of every record the device holds.
    let mut out = Vec::new();
    let mut each =
        |kind: Kind, id: &str, same: &dyn Fn(&Record) -> bool, copy: &dyn Fn() -> Record| {
            let doc = doc_id(kind, id);
            let state = synced(&doc);
            if let Some(s) = &state {
                if memo.holds(&doc, &s.digest, same, copy) {
                    return;
                }
            }
            out.push(Push {
                parent: state.map(|s| s.rev),
                record: copy(),
            });
        };
    for c in &store.clients {
        if !crate::domain::records::layout::is_stand_in(c) {
            let same = |r: &Record| matches!(r, Record::Client(x) if x == c);
            each(Kind::Client, &c.id, &same, &|| Record::Client(c.clone()));
        }
    }
    for r in &store.ratings {
        let same = |x: &Record| matches!(x, Record::Rating(y) if y == r);
        each(Kind::Rating, &r.id, &same, &|| Record::Rating(r.clone()));
    }
    for u in &store.unrated {
        let same = |x: &Record| matches!(x, Record::Unrated(y) if y == u);
        each(Kind::Unrated, &u.id, &same, &|| Record::Unrated(u.clone()));
    }
    for e in &store.episode_ends {
        let same = |x: &Record| matches!(x, Record::EpisodeEnd(y) if y == e);
        each(Kind::EpisodeEnd, &e.id, &same, &|| {
            Record::EpisodeEnd(e.clone())
        });
    }
    out
}

/// The revisions to fetch from a page of changes: every leaf of each record
/// document unless its only leaf is the one this device holds (its own push
/// coming back, or nothing new). The key document is handled apart.
pub fn to_fetch(
    changes: &[Change],
    synced: impl Fn(&str) -> Option<Synced>,
) -> BTreeMap<String, Vec<Rev>> {
    let mut out = BTreeMap::new();
    for c in changes {
        if crate::domain::sync::revs::parse_doc_id(&c.id).is_none() {
            continue;
        }
        let held = synced(&c.id).map(|s| s.rev);
        if c.revs.len() == 1 && held.as_ref() == c.revs.first() {
            continue;
        }
        out.insert(c.id.clone(), c.revs.clone());
    }
    out
}

/// One fetched document's leaves, as the shell read and decrypted them.
#[derive(Debug, Default)]
pub struct Leaves {
    /// Readable, non-deleted leaves.
    pub candidates: Vec<Candidate>,
    /// Every fetched revision's path, to build the tree stubs are named in.
    pub tree: RevTree,
}

impl Leaves {
    /// Adds one fetched revision: its path to the tree, and its record with
    /// the schema version that wrote it when it is a live leaf that
    /// decrypted (`opened`).
    pub fn add(&mut self, doc: &WireDoc, opened: Option<Opened>) {
        if let Ok(path) = doc.path() {
            self.tree.insert(&path, doc.deleted);
        }
        if let (false, Some(o), Ok(rev)) = (doc.deleted, opened, doc.rev()) {
            self.candidates.push(Candidate {
                rev,
                record: o.record,
                version: o.version,
            });
        }
    }
}

/// What the shell does with a settled document.
#[derive(Debug, PartialEq)]
pub struct Settle {
    /// The record to keep in the store.
    pub record: Record,
    /// The revision the kept record is, once written (a leaf already on the
    /// server, or `write`'s).
    pub keep_rev: Option<Rev>,
    /// The kept record must be written as a child of this leaf (encrypted
    /// by the shell, which then knows its revision).
    pub write_on: Option<Rev>,
    /// Deletion stubs closing the losing leaves.
    pub stubs: Vec<WireDoc>,
}

/// Settles one document from its resolution.
pub fn settle(doc_id: &str, resolution: &Resolution, tree: &RevTree) -> Settle {
    use crate::domain::sync::conflict::Keep;
    let (keep_rev, write_on) = match &resolution.keep {
        Keep::Leaf(r) => (Some(r.clone()), None),
        Keep::Write { parent } => (None, Some(parent.clone())),
    };
    Settle {
        record: resolution.record.clone(),
        keep_rev,
        write_on,
        stubs: resolution.stubs(doc_id, tree),
    }
}

/// True when the store's copy of `record`'s document changed since it was
/// synced (edited here during the run): the pulled copy must not overwrite
/// it; the next push makes it a conflict the rule settles.
pub fn changed_here(store: &Store, kind: Kind, id: &str, synced: Option<&Synced>) -> bool {
    // Found by reference, and only the one found is copied: a first sync
    // asks this of every pulled document against a store of thousands.
    let here = match kind {
        Kind::Client => find(&store.clients, |x| x.id == id).map(Record::Client),
        Kind::Rating => find(&store.ratings, |x| x.id == id).map(Record::Rating),
        Kind::Unrated => find(&store.unrated, |x| x.id == id).map(Record::Unrated),
        Kind::EpisodeEnd => find(&store.episode_ends, |x| x.id == id).map(Record::EpisodeEnd),
    };
    match (here, synced) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(r), Some(s)) => note_digest(&r) != s.digest,
    }
}

fn find<T: Clone>(list: &[T], same: impl Fn(&T) -> bool) -> Option<T> {
    list.iter().find(|x| same(x)).cloned()
}

/// Puts a record into the store: replaces the one with its id, or adds it
/// at the end of its list. A stand-in client is replaced by the real one.
pub fn put(store: &mut Store, record: Record) {
    fn place<T>(list: &mut Vec<T>, item: T, same: impl Fn(&T) -> bool) {
        match list.iter_mut().find(|x| same(x)) {
            Some(slot) => *slot = item,
            None => list.push(item),
        }
    }
    match record {
        Record::Client(c) => {
            let id = c.id.clone();
            place(&mut store.clients, c, |x| x.id == id)
        }
        Record::Rating(r) => {
            let id = r.id.clone();
            place(&mut store.ratings, r, |x| x.id == id)
        }
        Record::Unrated(u) => {
            let id = u.id.clone();
            place(&mut store.unrated, u, |x| x.id == id)
        }
        Record::EpisodeEnd(e) => {
            let id = e.id.clone();
            place(&mut store.episode_ends, e, |x| x.id == id)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::store::{Client, CURRENT_VERSION};
    use chrono::{TimeZone, Utc};

    fn client(id: &str, label: &str) -> Client {
        Client {
            id: id.into(),
            label: label.into(),
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap(),
            ..Client::default()
        }
    }

    fn rev(s: &str) -> Rev {
        Rev::parse(s).unwrap()
    }

    #[test]
    fn synced_round_trips_and_refuses_garbage() {
        let s = Synced {
            rev: rev("2-abc"),
            digest: "d1".into(),
        };
        assert_eq!(Synced::decode(&s.encode()), Some(s));
        assert_eq!(Synced::decode("nonsense"), None);
        assert_eq!(Synced::decode("x-y d"), None);
    }

    #[test]
    fn pushes_new_and_changed_records_only() {
        let store = Store {
            clients: vec![client("a", "A"), client("b", "B"), client("c", "C")],
            ..Store::default()
        };
        let a_synced = Synced::of(rev("1-aa"), &Record::Client(client("a", "A")));
        // b was synced with another label: changed here since.
        let b_synced = Synced::of(rev("3-bb"), &Record::Client(client("b", "old")));
        let out = to_push(
            &store,
            |id| match id {
                "client:a" => Some(a_synced.clone()),
                "client:b" => Some(b_synced.clone()),
                _ => None,
            },
            &mut DigestMemo::default(),
        );
        let got: Vec<(&str, Option<Rev>)> = out
            .iter()
            .map(|p| (p.record.id(), p.parent.clone()))
            .collect();
        assert_eq!(got, vec![("b", Some(rev("3-bb"))), ("c", None)]);
    }

    #[test]
    fn stand_in_clients_are_never_pushed() {
        let store = Store {
            clients: vec![client("x", crate::domain::records::layout::STAND_IN_LABEL)],
            ..Store::default()
        };
        assert!(to_push(&store, |_| None, &mut DigestMemo::default()).is_empty());
    }

    #[test]
    fn fetches_only_documents_with_something_new() {
        let change = |id: &str, revs: &[&str]| Change {
            seq: super::super::protocol::Seq::Num(1),
            id: id.into(),
            revs: revs.iter().map(|r| rev(r)).collect(),
            deleted: false,
        };
        let changes = vec![
            change("client:a", &["2-aa"]),         // our own push coming back
            change("client:b", &["2-bb", "2-bc"]), // a conflict
            change("rating:r1", &["1-rr"]),        // new here
            change("attune:key", &["1-kk"]),       // handled apart
        ];
        let out = to_fetch(&changes, |id| {
            (id == "client:a" || id == "client:b").then(|| Synced {
                rev: if id == "client:a" {
                    rev("2-aa")
                } else {
                    rev("2-bb")
                },
                digest: "d".into(),
            })
        });
        assert_eq!(
            out.keys().map(String::as_str).collect::<Vec<_>>(),
            vec!["client:b", "rating:r1"]
        );
        assert_eq!(out["client:b"].len(), 2);
    }

    #[test]
    fn changed_here_compares_with_the_synced_digest() {
        let mut store = Store {
            clients: vec![client("a", "A")],
            ..Store::default()
        };
        let synced = Synced::of(rev("1-aa"), &Record::Client(client("a", "A")));
        assert!(!changed_here(&store, Kind::Client, "a", Some(&synced)));
        store.clients[0].label = "A2".into();
        assert!(changed_here(&store, Kind::Client, "a", Some(&synced)));
        assert!(changed_here(&store, Kind::Client, "a", None));
        assert!(!changed_here(&store, Kind::Client, "zz", None));
    }

    #[test]
    fn the_memo_gives_the_same_digest_and_notices_a_change() {
        let mut memo = DigestMemo::default();
        let a = Record::Client(client("a", "A"));
        assert_eq!(memo.digest("client:a", &a), note_digest(&a));
        assert_eq!(memo.digest("client:a", &a), note_digest(&a));
        let a2 = Record::Client(client("a", "A2"));
        assert_eq!(memo.digest("client:a", &a2), note_digest(&a2));
        assert_ne!(note_digest(&a), note_digest(&a2));
        // Asked in place: held while unchanged, not once changed.
        let da = note_digest(&a);
        let (same_a, copy_a) = (|r: &Record| *r == a, || a.clone());
        assert!(memo.holds("client:a", &da, &same_a, &copy_a));
        assert!(memo.holds("client:a", &da, &same_a, &copy_a));
        let (same_a2, copy_a2) = (|r: &Record| *r == a2, || a2.clone());
        assert!(!memo.holds("client:a", &da, &same_a2, &copy_a2));
        assert!(memo.holds("client:a", &note_digest(&a2), &same_a2, &copy_a2));
    }

    #[test]
    fn put_replaces_by_id_or_appends() {
        let mut store = Store {
            clients: vec![client("a", "A")],
            ..Store::default()
        };
        put(&mut store, Record::Client(client("a", "A2")));
        put(&mut store, Record::Client(client("b", "B")));
        let labels: Vec<&str> = store.clients.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, vec!["A2", "B"]);
    }

    #[test]
    fn leaves_keep_live_readable_candidates_and_every_path() {
        use super::super::crypto_format::Envelope;
        let env = Envelope::new([0; 12], vec![0; 16]).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
        let live = WireDoc::revision(Kind::Client, "a", at, env.clone(), &[]);
        let other = WireDoc::revision(Kind::Client, "a", at, env, &[rev("1-zz")]);
        let stub = WireDoc::deletion_stub("client:a", &[rev("1-zz")]);
        let mut leaves = Leaves::default();
        let opened = |name: &str| Opened {
            record: Record::Client(client("a", name)),
            version: CURRENT_VERSION,
        };
        leaves.add(&live, Some(opened("A")));
        leaves.add(&other, None); // did not decrypt
        leaves.add(&stub, Some(opened("ignored")));
        assert_eq!(leaves.candidates.len(), 1);
        assert_eq!(leaves.tree.leaves().len(), 3);
    }
}
