//! One record per key: the stored document split into small localStorage
//! entries, one per client, rating and session logged without a rating,
//! plus one small meta entry.
//!
//! Why: today every save re-encodes and rewrites the whole document, a cost
//! that grows with history; and replication needs records with their own
//! ids anyway. With one key per record a save writes the few records it
//! changed and the meta entry, whatever the history holds.
//!
//! The guarantees of the single document carry over, now per record: an
//! unreadable record is set aside alone and the rest opens; a record written
//! by a newer Attune is shown but never rewritten; the order of the lists is
//! kept exactly (each record carries its place, `n`).
//!
//! Layout (every key under [`PREFIX`]):
//!
//! ```text
//! attune.r.meta      {"schema":"attune","layout":"records","version":5,"seq":12,"last_backup_at":null}
//! attune.r.c.<id>    {"v":5,"n":0,"rec":{ a client, exactly as in the document }}
//! attune.r.m.<id>    {"v":5,"n":3,"rec":{ a rating (a measure) }}
//! attune.r.u.<id>    {"v":5,"n":1,"rec":{ a session logged without a rating }}
//! ```
//!
//! Every record carries `v`, the schema version of the Attune that wrote
//! it: a newer one's is shown but never rewritten, an older one's is merged
//! field by field ([`crate::domain::records::older`]), so mixed versions never lose a field.
//!
//! The meta entry holds no list of keys (it would grow with history and be
//! rewritten on every save); the shell finds records by their prefix.

use crate::domain::measures::rating::Rating;
use crate::domain::records::episode_end::EpisodeEnd;
use crate::domain::records::store::{Client, Store, CURRENT_VERSION, SCHEMA};
use crate::domain::records::unrated::UnratedSession;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Every record key starts with this.
pub const PREFIX: &str = "attune.r.";
/// The meta entry: schema version, save sequence, last backup.
pub const META_KEY: &str = "attune.r.meta";
/// The label shown for a client whose own record could not be read while
/// ratings still name it, so those ratings stay visible (and can be moved).
pub const STAND_IN_LABEL: &str = "(unreadable)";

/// True for a client that [`assemble`] made up for ratings whose client
/// record it could not read (or that is not written yet, mid-move): never
/// a record of its own, so never pushed, and always given way to the real
/// client wherever one is found.
pub fn is_stand_in(client: &Client) -> bool {
    client.label == STAND_IN_LABEL && client.updated_at.is_none()
}

/// The four kinds of record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A client (a case).
    Client,
    /// A rating: one measure given in one session.
    Rating,
    /// A session logged without a rating.
    Unrated,
    /// The end of an episode of care. A build from before episodes skips
    /// these keys (another kind's, to it) and never rewrites them.
    EpisodeEnd,
}

impl Kind {
    /// All kinds, in the order records are listed.
    pub const ALL: [Kind; 4] = [Kind::Client, Kind::Rating, Kind::Unrated, Kind::EpisodeEnd];

    /// The key prefix of this kind: `attune.r.c.`, `attune.r.m.`,
    /// `attune.r.u.`, `attune.r.e.`.
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Client => "attune.r.c.",
            Kind::Rating => "attune.r.m.",
            Kind::Unrated => "attune.r.u.",
            Kind::EpisodeEnd => "attune.r.e.",
        }
    }

    /// The localStorage key of the record with this id.
    pub fn key(self, id: &str) -> String {
        format!("{}{id}", self.prefix())
    }

    /// The kind and id a record key names; `None` for the meta entry, keys
    /// of other kinds (a newer Attune's) and keys with an empty id.
    pub fn of_key(key: &str) -> Option<(Kind, &str)> {
        Kind::ALL.into_iter().find_map(|k| {
            key.strip_prefix(k.prefix())
                .filter(|id| !id.is_empty())
                .map(|id| (k, id))
        })
    }
}

/// One record, typed. Serialises as the record alone, exactly as in the
/// document's lists (field order included).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Record {
    /// A client.
    Client(Client),
    /// A rating.
    Rating(Rating),
    /// A session logged without a rating.
    Unrated(UnratedSession),
    /// The end of an episode of care.
    EpisodeEnd(EpisodeEnd),
}

impl Record {
    /// Its kind.
    pub fn kind(&self) -> Kind {
        match self {
            Record::Client(_) => Kind::Client,
            Record::Rating(_) => Kind::Rating,
            Record::Unrated(_) => Kind::Unrated,
            Record::EpisodeEnd(_) => Kind::EpisodeEnd,
        }
    }

    /// Its id.
    pub fn id(&self) -> &str {
        match self {
            Record::Client(c) => &c.id,
            Record::Rating(r) => &r.id,
            Record::Unrated(u) => &u.id,
            Record::EpisodeEnd(e) => &e.id,
        }
    }

    /// When it last changed: the edit stamp, else when it was made.
    pub fn changed_at(&self) -> DateTime<Utc> {
        match self {
            Record::Client(c) => c.updated_at.unwrap_or(c.created_at),
            Record::Rating(r) => r.updated_at.unwrap_or(r.recorded_at),
            Record::Unrated(u) => u.at,
            Record::EpisodeEnd(e) => e.written(),
        }
    }

    /// The record's own JSON text, exactly as in the document's lists.
    pub fn body_text(&self) -> String {
        // Plain structs of strings and numbers always serialise.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a record body of `kind`, checking the rules the whole
    /// document's validation checks for one record. Unknown fields are
    /// ignored (a newer record is read as far as this version's shape goes).
    pub fn from_body(kind: Kind, body: serde_json::Value) -> Result<Record, String> {
        fn typed<T: DeserializeOwned>(v: serde_json::Value) -> Result<T, String> {
            serde_json::from_value(v).map_err(|e| e.to_string())
        }
        let record = match kind {
            Kind::Client => Record::Client(typed(body)?),
            Kind::Rating => Record::Rating(typed(body)?),
            Kind::Unrated => Record::Unrated(typed(body)?),
            Kind::EpisodeEnd => Record::EpisodeEnd(typed(body)?),
        };
        record.check()?;
        Ok(record)
    }

    /// The per-record rules of [`crate::domain::records::store::validate`].
    fn check(&self) -> Result<(), String> {
        if self.id().is_empty() {
            return Err("the record has an empty id".into());
        }
        match self {
            Record::Client(c) => {
                let mut seen = HashSet::new();
                if c.members
                    .iter()
                    .any(|m| m.id.is_empty() || !seen.insert(&m.id))
                {
                    return Err("a member id is empty or appears twice".into());
                }
            }
            Record::Rating(r) if r.scores.is_empty() || r.scores.len() > 16 => {
                return Err(format!("the rating has {} scores", r.scores.len()));
            }
            Record::Unrated(u) if u.client_id.is_empty() => {
                return Err("the session names no client".into());
            }
            Record::EpisodeEnd(e) if e.client_id.is_empty() => {
                return Err("the end of an episode names no client".into());
            }
            _ => {}
        }
        Ok(())
    }
}

/// A record as stored under its key: `{"v":5,"n":3,"rec":{…}}`.
#[derive(Deserialize)]
struct Stored {
    /// The schema version that wrote it.
    v: u32,
    /// Its place in its list (the document's order).
    n: u64,
    /// The record itself.
    rec: serde_json::Value,
}

/// [`Stored`] for writing, without copying the record.
#[derive(Serialize)]
struct StoredRef<'a> {
    v: u32,
    n: u64,
    rec: Borrowed<'a>,
}

/// A record of a store, borrowed: what saves compare and encode, so a save
/// at 10,000 ratings copies none of them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
enum Borrowed<'a> {
    Client(&'a Client),
    Rating(&'a Rating),
    Unrated(&'a UnratedSession),
    EpisodeEnd(&'a EpisodeEnd),
}

impl<'a> Borrowed<'a> {
    fn kind(self) -> Kind {
        match self {
            Borrowed::Client(_) => Kind::Client,
            Borrowed::Rating(_) => Kind::Rating,
            Borrowed::Unrated(_) => Kind::Unrated,
            Borrowed::EpisodeEnd(_) => Kind::EpisodeEnd,
        }
    }

    fn id(self) -> &'a str {
        match self {
            Borrowed::Client(c) => &c.id,
            Borrowed::Rating(r) => &r.id,
            Borrowed::Unrated(u) => &u.id,
            Borrowed::EpisodeEnd(e) => &e.id,
        }
    }

    fn key(self) -> String {
        self.kind().key(self.id())
    }

    fn encode(self, n: u64) -> String {
        let stored = StoredRef {
            v: CURRENT_VERSION,
            n,
            rec: self,
        };
        serde_json::to_string(&stored).unwrap_or_default()
    }
}

/// The stored text of `record` at place `n`, in the current version.
pub fn encode_record(record: &Record, n: u64) -> String {
    let borrowed = match record {
        Record::Client(c) => Borrowed::Client(c),
        Record::Rating(r) => Borrowed::Rating(r),
        Record::Unrated(u) => Borrowed::Unrated(u),
        Record::EpisodeEnd(e) => Borrowed::EpisodeEnd(e),
    };
    borrowed.encode(n)
}

/// The meta entry: what is not a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Always `"records"`: tells this layout from the single document.
    pub layout: String,
    /// The schema version of the newest Attune that wrote here.
    pub version: u32,
    /// Saves so far: bumped by each save that wrote something, so a tab can
    /// tell from one small read whether another tab saved since it looked.
    pub seq: u64,
    /// When the last full backup was exported.
    #[serde(default, with = "crate::domain::time::rfc3339_opt")]
    pub last_backup_at: Option<DateTime<Utc>>,
}

impl Meta {
    /// A meta entry in the current version.
    pub fn new(seq: u64, last_backup_at: Option<DateTime<Utc>>) -> Meta {
        Meta {
            schema: SCHEMA.into(),
            layout: "records".into(),
            version: CURRENT_VERSION,
            seq,
            last_backup_at,
        }
    }

    /// The stored text.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the stored text; says why when it cannot.
    pub fn decode(text: &str) -> Result<Meta, String> {
        let meta: Meta = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let ours = meta.layout == "records" || meta.version > CURRENT_VERSION;
        if meta.schema != SCHEMA || !ours || meta.version == 0 {
            return Err("not Attune's record index".into());
        }
        Ok(meta)
    }
}

/// Splits a store into its records and the meta entry (last, so a reader
/// that finds the meta entry knows every record before it was written).
pub fn split(store: &Store) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(store.clients.len() + store.ratings.len() + 1);
    for (n, record) in records_of(store) {
        out.push((record.key(), record.encode(n)));
    }
    out.push((META_KEY.into(), Meta::new(0, store.last_backup_at).encode()));
    out
}

/// Every record of a store with its place in its list.
fn records_of(store: &Store) -> impl Iterator<Item = (u64, Borrowed<'_>)> {
    let clients = store.clients.iter().map(Borrowed::Client);
    let ratings = store.ratings.iter().map(Borrowed::Rating);
    let unrated = store.unrated.iter().map(Borrowed::Unrated);
    let ends = store.episode_ends.iter().map(Borrowed::EpisodeEnd);
    let place = |(i, r)| (i as u64, r);
    clients
        .enumerate()
        .map(place)
        .chain(ratings.enumerate().map(place))
        .chain(unrated.enumerate().map(place))
        .chain(ends.enumerate().map(place))
}

/// Why an entry was not simply read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// It cannot be read: copy it aside (the shell's quarantine) and remove
    /// it; the rest opens without it.
    Unreadable(String),
    /// Written by a newer Attune (this version): read as far as this version
    /// understands and shown, never rewritten; left where it is when even
    /// that fails.
    Newer(u32),
    /// Ratings or logged sessions name this client but its record could not
    /// be read: a stand-in labelled [`STAND_IN_LABEL`] keeps them visible.
    /// It is not written unless the therapist edits it.
    StandIn,
}

/// What start-up read from the records.
#[derive(Clone, Debug, PartialEq)]
pub struct Assembled {
    /// The data, in the document's order.
    pub store: Store,
    /// What a save needs to know.
    pub layout: Layout,
    /// Entries that were not simply read, by key.
    pub problems: Vec<(String, Problem)>,
    /// Records an older Attune wrote (its `v` below this version's), by
    /// key, with that version: merged field by field ([`crate::domain::records::older`]).
    pub older: BTreeMap<String, u32>,
}

impl Assembled {
    /// The keys to set aside (quarantine) and remove.
    pub fn quarantine(&self) -> Vec<&str> {
        self.problems
            .iter()
            .filter(|(_, p)| matches!(p, Problem::Unreadable(_)))
            .map(|(k, _)| k.as_str())
            .collect()
    }
}

/// Reads every entry under [`PREFIX`] (other keys are ignored) into a store.
///
/// Never fails: each entry is read on its own. Records are placed by `n`
/// (then id), so the lists come back in the order they were split.
pub fn assemble(entries: &[(String, String)]) -> Assembled {
    let mut problems = Vec::new();
    let mut read_only = BTreeSet::new();
    let mut older = BTreeMap::new();
    let mut meta = Meta::new(0, None);
    let mut placed: BTreeMap<Kind, Vec<(u64, Record)>> = BTreeMap::new();
    for (key, text) in entries {
        if key == META_KEY {
            match Meta::decode(text) {
                Ok(m) => meta = m,
                Err(e) => problems.push((key.clone(), Problem::Unreadable(e))),
            }
            continue;
        }
        let Some((kind, id)) = Kind::of_key(key) else {
            continue;
        };
        match read_record(kind, id, text) {
            Ok((n, v, record)) => {
                if v > CURRENT_VERSION {
                    read_only.insert(key.clone());
                    problems.push((key.clone(), Problem::Newer(v)));
                } else if crate::domain::records::older::is_older(v) {
                    older.insert(key.clone(), v);
                }
                placed.entry(kind).or_default().push((n, record));
            }
            Err(Read::Newer(v)) => problems.push((key.clone(), Problem::Newer(v))),
            Err(Read::Bad(e)) => problems.push((key.clone(), Problem::Unreadable(e))),
        }
    }
    let mut store = Store {
        last_backup_at: meta.last_backup_at,
        ..Store::default()
    };
    for mut list in placed.into_values() {
        list.sort_by(|a, b| (a.0, a.1.id()).cmp(&(b.0, b.1.id())));
        for (_, record) in list {
            match record {
                Record::Client(c) => store.clients.push(c),
                Record::Rating(r) => store.ratings.push(r),
                Record::Unrated(u) => store.unrated.push(u),
                Record::EpisodeEnd(e) => store.episode_ends.push(e),
            }
        }
    }
    if meta.version > CURRENT_VERSION {
        problems.push((META_KEY.into(), Problem::Newer(meta.version)));
    }
    for (id, since) in missing_clients(&store) {
        problems.push((Kind::Client.key(&id), Problem::StandIn));
        store.clients.push(Client {
            id,
            label: STAND_IN_LABEL.into(),
            created_at: since,
            ..Client::default()
        });
    }
    Assembled {
        store,
        layout: Layout { meta, read_only },
        problems,
        older,
    }
}

/// Why one record was not read.
enum Read {
    Newer(u32),
    Bad(String),
}

/// Reads one record: its place, version and content.
fn read_record(kind: Kind, id: &str, text: &str) -> Result<(u64, u32, Record), Read> {
    let stored: Stored =
        serde_json::from_str(text).map_err(|e| Read::Bad(format!("not a record ({e})")))?;
    if stored.v == 0 {
        return Err(Read::Bad("the record has no version".into()));
    }
    let record = match Record::from_body(kind, stored.rec) {
        Ok(r) => r,
        Err(_) if stored.v > CURRENT_VERSION => return Err(Read::Newer(stored.v)),
        Err(e) => return Err(Read::Bad(e)),
    };
    if record.id() != id {
        return Err(Read::Bad("the record's id does not match its key".into()));
    }
    Ok((stored.n, stored.v, record))
}

/// Clients named by ratings or logged sessions but absent, each with the
/// earliest time it is named (the stand-in's `created_at`).
fn missing_clients(store: &Store) -> BTreeMap<String, DateTime<Utc>> {
    let known: HashSet<&str> = store.clients.iter().map(|c| c.id.as_str()).collect();
    let named = store
        .ratings
        .iter()
        .filter_map(|r| r.client_id.as_deref().map(|c| (c, r.recorded_at)))
        .chain(store.unrated.iter().map(|u| (u.client_id.as_str(), u.at)))
        .chain(
            store
                .episode_ends
                .iter()
                .map(|e| (e.client_id.as_str(), e.created_at)),
        );
    let mut out: BTreeMap<String, DateTime<Utc>> = BTreeMap::new();
    for (id, at) in named.filter(|(id, _)| !known.contains(id)) {
        let e = out.entry(id.to_string()).or_insert(at);
        *e = (*e).min(at);
    }
    out
}

/// The records that differ between two stores: `(key, Some(text))` to
/// write, `(key, None)` to remove. Unchanged records are not listed, so a
/// save costs what it changed. The meta entry is [`Layout::save`]'s.
pub fn changed_records(before: &Store, after: &Store) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut gone = Vec::new();
    diff_list(
        &before.clients,
        &after.clients,
        Borrowed::Client,
        &mut out,
        &mut gone,
    );
    diff_list(
        &before.ratings,
        &after.ratings,
        Borrowed::Rating,
        &mut out,
        &mut gone,
    );
    diff_list(
        &before.unrated,
        &after.unrated,
        Borrowed::Unrated,
        &mut out,
        &mut gone,
    );
    diff_list(
        &before.episode_ends,
        &after.episode_ends,
        Borrowed::EpisodeEnd,
        &mut out,
        &mut gone,
    );
    gone.sort();
    out.extend(gone.into_iter().map(|k| (k, None)));
    out
}

/// One list's changes. Records almost always stay where they are (edits
/// in place, new ones at the end), so the common prefix is compared
/// position by position and only the rest is matched by id: at 10,000
/// ratings a save then costs a walk down the list, not a hash map of it.
fn diff_list<'a, T>(
    before: &'a [T],
    after: &'a [T],
    wrap: fn(&'a T) -> Borrowed<'a>,
    out: &mut Vec<(String, Option<String>)>,
    gone: &mut Vec<String>,
) {
    let mut i = 0;
    while i < before.len() && i < after.len() && wrap(&before[i]).id() == wrap(&after[i]).id() {
        let (b, a) = (wrap(&before[i]), wrap(&after[i]));
        if b != a {
            out.push((a.key(), Some(a.encode(i as u64))));
        }
        i += 1;
    }
    let mut old: HashMap<&str, Borrowed<'_>> =
        before[i..].iter().map(wrap).map(|r| (r.id(), r)).collect();
    for (j, item) in after[i..].iter().enumerate() {
        let a = wrap(item);
        if old.remove(a.id()) != Some(a) {
            out.push((a.key(), Some(a.encode((i + j) as u64))));
        }
    }
    gone.extend(old.into_values().map(Borrowed::key));
}

/// Brings `before` (what the records held) to what they hold once
/// `writes` (from [`changed_records`] against `after`) are stored, without
/// copying the whole store: a save of one record then costs one record.
/// Many writes (an import) copy `after` instead.
pub fn apply_writes(before: &mut Store, after: &Store, writes: &[(String, Option<String>)]) {
    before.last_backup_at = after.last_backup_at;
    if writes.len() > 16 {
        *before = after.clone();
        return;
    }
    for (key, text) in writes {
        let Some((kind, id)) = Kind::of_key(key) else {
            continue;
        };
        fn set<T: Clone>(list: &mut Vec<T>, from: &[T], same: impl Fn(&T) -> bool, keep: bool) {
            let new = from.iter().find(|x| same(x)).cloned();
            match (list.iter().position(&same), new, keep) {
                (Some(i), Some(n), true) => list[i] = n,
                (None, Some(n), true) => list.push(n),
                (Some(i), _, false) => {
                    list.remove(i);
                }
                _ => {}
            }
        }
        let keep = text.is_some();
        match kind {
            Kind::Client => set(&mut before.clients, &after.clients, |c| c.id == id, keep),
            Kind::Rating => set(&mut before.ratings, &after.ratings, |r| r.id == id, keep),
            Kind::Unrated => set(&mut before.unrated, &after.unrated, |u| u.id == id, keep),
            Kind::EpisodeEnd => set(
                &mut before.episode_ends,
                &after.episode_ends,
                |e| e.id == id,
                keep,
            ),
        }
    }
}

/// What a save must know beyond the two stores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The meta entry as last read or written.
    pub meta: Meta,
    /// Keys of records from a newer Attune: never rewritten.
    pub read_only: BTreeSet<String>,
}

/// The writes of one save, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SavePlan {
    /// `(key, Some(text))` to write and verify, `(key, None)` to remove;
    /// the meta entry last.
    pub writes: Vec<(String, Option<String>)>,
    /// Changed records not written because a newer Attune wrote them (or
    /// wrote the meta entry): the change stays in memory only.
    pub held_back: Vec<String>,
}

impl Layout {
    /// A fresh layout (nothing stored yet).
    pub fn new() -> Layout {
        Layout {
            meta: Meta::new(0, None),
            read_only: BTreeSet::new(),
        }
    }

    /// True when a newer Attune wrote the meta entry: nothing is written.
    pub fn read_only(&self) -> bool {
        self.meta.version > CURRENT_VERSION
    }

    /// Plans a save from `before` (what was last read or written) to
    /// `after`: the changed records, then the meta entry with `seq` bumped.
    /// Records a newer Attune wrote are held back. Nothing changed, nothing
    /// written. Updates `self` to what the writes leave stored.
    pub fn save(&mut self, before: &Store, after: &Store) -> SavePlan {
        let mut plan = SavePlan::default();
        for (key, text) in changed_records(before, after) {
            if self.read_only() || self.read_only.contains(&key) {
                plan.held_back.push(key);
            } else {
                plan.writes.push((key, text));
            }
        }
        let backup_changed = before.last_backup_at != after.last_backup_at;
        if !self.read_only() && (!plan.writes.is_empty() || backup_changed) {
            self.meta = Meta::new(self.meta.seq + 1, after.last_backup_at);
            plan.writes
                .push((META_KEY.into(), Some(self.meta.encode())));
        }
        plan
    }
}

impl Default for Layout {
    fn default() -> Self {
        Layout::new()
    }
}
