//! The move from one clinic database to one database per caseload: every
//! record of a therapist's client copied into that therapist's database,
//! checked by counts and checksums per database, and only then closed in
//! the clinic's database, which keeps the records that have no therapist.
//!
//! Why a manifest made once: the move is checked against what the clinic's
//! database held when it started (each record's caseload and a digest of
//! its clear content), not against a database the move itself changes.
//! The shell keeps the manifest on the device that runs the move, never on
//! the server: digests of clear records would let the server confirm
//! guesses (see [`crate::domain::sync::protocol::clear_digest`]).
//!
//! Why a step at a time, as a transfer is ([`crate::domain::sync::transfer`]):
//! [`next_step`] reads every database as it is now and says what is still
//! to do: copy what a caseload's database lacks; once every one holds its
//! records exactly, stop on anything that does not add up (a record missing,
//! one found in two databases, one nobody expected); once it all adds up,
//! close the moved records in the clinic's database; then done. Cut
//! anywhere, run again: nothing is closed in the clinic's database before
//! every caseload's database has been verified complete, so nothing is lost
//! at any point, and a copy already made is never made twice.

use crate::domain::records::layout::Record;
use crate::domain::records::store::Store;
use crate::domain::records::therapist::same_name;
use crate::domain::sync::by_caseload::{caseload_named, therapist_id};
use crate::domain::sync::caseloads::{caseload_of, client_of, Assignments, Caseload, Joined};
use crate::domain::sync::digest::short_digest;
use crate::domain::sync::engine;
use crate::domain::sync::protocol::clear_digest;
use crate::domain::sync::revs::{doc_id, parse_doc_id, WireDoc};
use crate::domain::sync::status::Trouble;
use crate::domain::sync::transfer::{HeldDoc, Write};
use crate::domain::words::Words;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use thiserror::Error;

/// One record of the clinic's database when the move began.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Its therapist's id; `None`: it stays in the clinic's database.
    pub therapist: Option<String>,
    /// [`clear_digest`] of its record then.
    pub digest: String,
    /// [`clear_digest`] of the record as it must be in its caseload's
    /// database, when that differs from the clinic's copy (see
    /// [`manifest_placing`]); `None`: the clinic's copy as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placed: Option<String>,
}

impl Entry {
    /// The digest its caseload's database must hold.
    pub fn target(&self) -> &str {
        self.placed.as_deref().unwrap_or(&self.digest)
    }
}

/// What the clinic's database held when the move began: document id →
/// where it goes and its digest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Every record document, by id.
    pub entries: BTreeMap<String, Entry>,
}

/// A database's records counted and summed: how many, and a digest over
/// their ids and digests in id order. Two tallies agree only when the same
/// records, with the same content, are there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// How many records.
    pub count: u64,
    /// The 32-hex digest of every `(id, digest)` in id order.
    pub checksum: String,
}

impl Tally {
    /// The tally of `(doc id, digest)` pairs (in any order).
    pub fn of<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Tally {
        let mut pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
        pairs.sort_unstable();
        let parts: Vec<&[u8]> = pairs
            .iter()
            .flat_map(|(id, d)| [id.as_bytes(), d.as_bytes()])
            .collect();
        Tally {
            count: pairs.len() as u64,
            checksum: short_digest(&parts),
        }
    }
}

/// Why the move cannot start or go on.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum MoveError {
    /// A record of the clinic's database could not be read, or has
    /// conflicting copies: sync a device first so the rule settles it.
    #[error("the record \"{0}\" could not be read or has unsettled copies; sync, then try again")]
    Unsettled(String),
    /// A therapist id that is not one.
    #[error(transparent)]
    Caseload(#[from] crate::domain::sync::caseloads::CaseloadError),
    /// A record changed in the clinic's database after the move began (a
    /// device still syncs with it): stop every device and start again.
    #[error("the record \"{0}\" changed during the move; stop every device's sync, then start the move again")]
    Changed(String),
    /// A moving record is open neither in the clinic's database nor, as
    /// it should be, in its caseload's: there is nothing to copy it from.
    #[error("the record \"{0}\" is no longer in the clinic's database nor in its caseload's")]
    Vanished(String),
}

impl MoveError {
    /// Why, in `w`'s language (`Display` keeps Attune's English).
    pub fn words(&self, w: Words) -> String {
        match self {
            MoveError::Unsettled(id) => w.trf(
                "the record \"{id}\" could not be read or has unsettled copies; sync, then try again",
                &[("id", id)],
            ),
            MoveError::Caseload(e) => e.to_string(),
            MoveError::Changed(id) => w.trf(
                "the record \"{id}\" changed during the move; stop every device's sync, then start the move again",
                &[("id", id)],
            ),
            MoveError::Vanished(id) => w.trf(
                "the record \"{id}\" is no longer in the clinic's database nor in its caseload's",
                &[("id", id)],
            ),
        }
    }
}

/// Something that does not add up once every copy is made. The move stops
/// on any of them, with nothing closed in the clinic's database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Discrepancy {
    /// A record open in a caseload's database other than its own.
    Duplicated {
        /// The document.
        doc_id: String,
        /// The database it should not be in.
        caseload: Caseload,
    },
    /// A record open in a caseload's database that the move did not put
    /// there (and that the clinic's database never closed as moved).
    Unexpected {
        /// The document.
        doc_id: String,
        /// Where it is.
        caseload: Caseload,
    },
    /// A caseload's records do not add up to what the manifest expects.
    Tally {
        /// The caseload.
        caseload: Caseload,
        /// What the manifest expects.
        expected: Tally,
        /// What its database holds.
        found: Tally,
    },
}

/// What to do next.
#[derive(Clone, Debug, PartialEq)]
pub enum MoveStep {
    /// Write these into each caseload's database, then read again.
    Copy(BTreeMap<Caseload, Vec<Write>>),
    /// Every copy is made but something does not add up: stop and show it.
    Stop(Vec<Discrepancy>),
    /// Every caseload's database adds up (the tallies, each equal to the
    /// manifest's): send these stubs to the clinic's database, then read
    /// again.
    Close {
        /// Each caseload's verified tally.
        verified: BTreeMap<Caseload, Tally>,
        /// The stubs closing the moved records in the clinic's database.
        stubs: Vec<WireDoc>,
    },
    /// Moved and verified; the clinic's database keeps only its own.
    Done(BTreeMap<Caseload, Tally>),
}

/// The manifest of the clinic's database `old` as it is now, each record
/// placed by `assignments` (an unassigned rating, or one whose client is
/// unknown, stays in the clinic's). Only record documents count (the key
/// document stays as it is); refused on a record that cannot be read or has
/// conflicting copies.
pub fn manifest(old: &[HeldDoc], assignments: &Assignments) -> Result<Manifest, MoveError> {
    manifest_placing(old, assignments, &Caseload::Clinic, Record::clone)
}

/// [`manifest`], each moving record as `place` makes it for its caseload's
/// database (the client record naming its therapist, a newer copy the
/// device running the move holds): the manifest then expects that, and
/// [`next_step_placing`] writes it. `place` must give the same record on
/// every call of one move, or the move stops ([`MoveError::Changed`]).
///
/// An unassigned rating (one of no client) goes to `unassigned`: the home
/// caseload of the device running the move, by the sync's own rule (an
/// unassigned rating stays in the caseload of the device holding it,
/// [`caseload_of`]). Why not the clinic's database: once the clinic syncs
/// by caseload no device syncs that database any more, and the lead's own
/// sync has already sent its copy of such a rating to its home, so keeping
/// it in the clinic's would strand it there and stop the move on a record
/// found in two databases. A client with no therapist, and their records,
/// stay in the clinic's database (no caseload takes them).
pub fn manifest_placing(
    old: &[HeldDoc],
    assignments: &Assignments,
    unassigned: &Caseload,
    place: impl Fn(&Record) -> Record,
) -> Result<Manifest, MoveError> {
    let mut entries = BTreeMap::new();
    for d in old.iter().filter(|d| parse_doc_id(&d.doc_id).is_some()) {
        let live = d.live_leaves().len();
        if live == 0 {
            continue;
        }
        let Some(record) = d.record.as_ref().filter(|_| live == 1) else {
            return Err(MoveError::Unsettled(d.doc_id.clone()));
        };
        let caseload = match client_of(record) {
            None => unassigned.clone(),
            Some(_) => caseload_of(record, assignments, &Caseload::Clinic),
        };
        let digest = clear_digest(record);
        let placed = (caseload != Caseload::Clinic)
            .then(|| clear_digest(&place(record)))
            .filter(|p| *p != digest);
        entries.insert(
            d.doc_id.clone(),
            Entry {
                therapist: caseload.therapist().map(|t| t.as_str().to_string()),
                digest,
                placed,
            },
        );
    }
    Ok(Manifest { entries })
}

impl Manifest {
    /// The manifest as JSON, for the shell to keep on the device.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads [`Manifest::encode`]'s text.
    pub fn decode(text: &str) -> Option<Manifest> {
        serde_json::from_str(text).ok()
    }

    /// Each entry with its caseload, the clinic's digest and the one its
    /// caseload's database must hold.
    fn placed(&self) -> Result<Vec<(&str, Caseload, &str, &str)>, MoveError> {
        self.entries
            .iter()
            .map(|(id, e)| {
                let c = Caseload::of(e.therapist.as_deref())?;
                Ok((id.as_str(), c, e.digest.as_str(), e.target()))
            })
            .collect()
    }

    /// What each caseload's database must hold once the move is done (the
    /// clinic's: what stays).
    pub fn expected(&self) -> Result<BTreeMap<Caseload, Tally>, MoveError> {
        let placed = self.placed()?;
        let mut by: BTreeMap<Caseload, Vec<(&str, &str)>> = BTreeMap::new();
        for (id, c, d, target) in &placed {
            let d = if *c == Caseload::Clinic { d } else { target };
            by.entry(c.clone()).or_default().push((id, d));
        }
        Ok(by
            .into_iter()
            .map(|(c, pairs)| (c, Tally::of(pairs)))
            .collect())
    }
}

/// The digest of a document's one open copy; `None` when it is closed or
/// unsettled.
fn settled_digest(d: &HeldDoc) -> Option<String> {
    (d.live_leaves().len() == 1)
        .then_some(d.record.as_ref())
        .flatten()
        .map(clear_digest)
}

/// The next step of the move, given the manifest made when it began, the
/// clinic's database (`old`) and each caseload's database (`new`; one
/// missing from the map is read as empty) as they are now. The caseload
/// databases are expected fresh: a record in one that the move did not put
/// there stops it ([`Discrepancy::Unexpected`]) before anything is closed.
pub fn next_step(
    manifest: &Manifest,
    old: &[HeldDoc],
    new: &BTreeMap<Caseload, Vec<HeldDoc>>,
) -> Result<MoveStep, MoveError> {
    next_step_placing(manifest, old, new, Record::clone)
}

/// [`next_step`] for a manifest made by [`manifest_placing`] with the same
/// `place`: each copy written is `place` of the clinic's record, and must
/// be what the manifest expects.
pub fn next_step_placing(
    manifest: &Manifest,
    old: &[HeldDoc],
    new: &BTreeMap<Caseload, Vec<HeldDoc>>,
    place: impl Fn(&Record) -> Record,
) -> Result<MoveStep, MoveError> {
    let placed = manifest.placed()?;
    let old_by: BTreeMap<&str, &HeldDoc> = old.iter().map(|d| (d.doc_id.as_str(), d)).collect();
    let empty = Vec::new();
    let in_db = |c: &Caseload, id: &str| -> Option<&HeldDoc> {
        new.get(c).unwrap_or(&empty).iter().find(|d| d.doc_id == id)
    };

    // 0. Every moving record still open in the clinic's database must be
    // as it was when the move began: closing an edited one would lose the
    // edit, and copying it would copy what the manifest never counted.
    for (id, _, digest, _) in placed.iter().filter(|p| p.1 != Caseload::Clinic) {
        match old_by.get(id) {
            Some(d) if d.live_leaves().is_empty() => {}
            Some(d) => match settled_digest(d) {
                Some(now) if now == *digest => {}
                Some(_) => return Err(MoveError::Changed(id.to_string())),
                None => return Err(MoveError::Unsettled(id.to_string())),
            },
            None => return Err(MoveError::Vanished(id.to_string())),
        }
    }

    // 1. Copy what a caseload's database lacks, from the clinic's.
    let mut copies: BTreeMap<Caseload, Vec<Write>> = BTreeMap::new();
    for (id, c, _, target) in placed.iter().filter(|p| p.1 != Caseload::Clinic) {
        let there = in_db(c, id);
        if there.and_then(settled_digest).as_deref() == Some(*target) {
            continue;
        }
        // Checked above: open and as the manifest says, or closed (then
        // moved and verified by an earlier pass, and lost since from its
        // caseload's database: nothing to copy it from).
        let Some(record) = old_by
            .get(id)
            .filter(|d| !d.live_leaves().is_empty())
            .and_then(|d| d.record.as_ref())
            .map(&place)
        else {
            return Err(MoveError::Vanished(id.to_string()));
        };
        // The copy must be what the manifest counted: `place` changed its
        // mind (the device's own copy was edited since the move began).
        if clear_digest(&record) != *target {
            return Err(MoveError::Changed(id.to_string()));
        }
        copies.entry(c.clone()).or_default().push(Write {
            record,
            parent_path: there.map(HeldDoc::winner_path).unwrap_or_default(),
        });
    }
    if !copies.is_empty() {
        return Ok(MoveStep::Copy(copies));
    }

    // 2. Verify every caseload's database against the manifest.
    let expected = manifest.expected()?;
    let home: BTreeMap<&str, &Caseload> = placed.iter().map(|(id, c, _, _)| (*id, c)).collect();
    let mut problems = Vec::new();
    let mut found: BTreeMap<Caseload, Vec<(&str, String)>> = BTreeMap::new();
    for (c, docs) in new.iter().filter(|(c, _)| **c != Caseload::Clinic) {
        for d in docs.iter().filter(|d| parse_doc_id(&d.doc_id).is_some()) {
            if d.live_leaves().is_empty() {
                continue;
            }
            match home.get(d.doc_id.as_str()) {
                Some(h) if *h == c => {
                    let digest = settled_digest(d).unwrap_or_default();
                    found
                        .entry(c.clone())
                        .or_default()
                        .push((d.doc_id.as_str(), digest));
                }
                Some(_) => problems.push(Discrepancy::Duplicated {
                    doc_id: d.doc_id.clone(),
                    caseload: c.clone(),
                }),
                // Moved by an earlier run whose manifest this one is not
                // (the move started again): closed in the clinic's
                // database, so it is accounted for.
                None if old_by
                    .get(d.doc_id.as_str())
                    .is_some_and(|o| o.live_leaves().is_empty() && o.tree.winner().is_some()) => {}
                None => problems.push(Discrepancy::Unexpected {
                    doc_id: d.doc_id.clone(),
                    caseload: c.clone(),
                }),
            }
        }
    }
    let mut verified = BTreeMap::new();
    for (c, want) in expected.iter().filter(|(c, _)| **c != Caseload::Clinic) {
        let pairs = found.get(c).map(Vec::as_slice).unwrap_or_default();
        let got = Tally::of(pairs.iter().map(|(id, d)| (*id, d.as_str())));
        if &got != want {
            problems.push(Discrepancy::Tally {
                caseload: c.clone(),
                expected: want.clone(),
                found: got.clone(),
            });
        }
        verified.insert(c.clone(), got);
    }
    if !problems.is_empty() {
        return Ok(MoveStep::Stop(problems));
    }

    // 3. Close the moved records in the clinic's database.
    let stubs: Vec<WireDoc> = placed
        .iter()
        .filter(|(_, c, _, _)| *c != Caseload::Clinic)
        .filter_map(|(id, _, _, _)| old_by.get(id))
        .flat_map(|d| d.closing_stubs())
        .collect();
    if !stubs.is_empty() {
        return Ok(MoveStep::Close { verified, stubs });
    }
    // What stays in the clinic's database is what the manifest left there.
    let stayed: Vec<(&str, String)> = old
        .iter()
        .filter(|d| parse_doc_id(&d.doc_id).is_some())
        .filter_map(|d| settled_digest(d).map(|g| (d.doc_id.as_str(), g)))
        .collect();
    let stayed = Tally::of(stayed.iter().map(|(id, d)| (*id, d.as_str())));
    let want = expected
        .get(&Caseload::Clinic)
        .cloned()
        .unwrap_or_else(|| Tally::of([]));
    if stayed != want {
        return Ok(MoveStep::Stop(vec![Discrepancy::Tally {
            caseload: Caseload::Clinic,
            expected: want,
            found: stayed,
        }]));
    }
    verified.insert(Caseload::Clinic, stayed);
    Ok(MoveStep::Done(verified))
}

/// The record a caseload's database gets for the clinic's copy `clinic`:
/// the copy the device running the move holds (`local`) when it is as new
/// or newer (its edits and its therapist are the later word), else the
/// clinic's; a client record always naming `therapist`, the one its
/// caseload is named after, so every device of that caseload keeps it.
pub fn place(clinic: &Record, local: Option<&Record>, therapist: Option<&str>) -> Record {
    let mut out = match local {
        Some(l)
            if l.kind() == clinic.kind()
                && l.id() == clinic.id()
                && l.changed_at() >= clinic.changed_at() =>
        {
            l.clone()
        }
        _ => clinic.clone(),
    };
    if let (Record::Client(c), Some(t)) = (&mut out, therapist) {
        if !c.therapist.as_deref().is_some_and(|n| same_name(n, t)) {
            c.therapist = Some(t.to_string());
        }
    }
    out
}

/// Who holds which client for the move, and the copies the device running
/// it holds: each client's therapist as this device names them (its own
/// clients' records, the lead's word), else as the clinic's client record
/// names them; a client neither names stays in the clinic's database.
#[derive(Clone, Debug, Default)]
pub struct Placing {
    /// Client id → their therapist's name.
    names: BTreeMap<String, String>,
    /// This device's records, by document id.
    local: HashMap<String, Record>,
}

impl Placing {
    /// From the clinic's database `old` and this device's `store`.
    pub fn new(old: &[HeldDoc], store: &Store) -> Placing {
        let mut names = BTreeMap::new();
        for d in old {
            if let Some(Record::Client(c)) = &d.record {
                if let Some(t) = &c.therapist {
                    names.insert(c.id.clone(), t.clone());
                }
            }
        }
        for c in &store.clients {
            if let Some(t) = &c.therapist {
                names.insert(c.id.clone(), t.clone());
            }
        }
        let local = engine::records(store)
            .map(|r| (doc_id(r.kind(), r.id()), r))
            .collect();
        Placing { names, local }
    }

    /// Each client named, in the caseload of their therapist.
    pub fn assignments(&self) -> Assignments {
        let mut a = Assignments::default();
        for (client, name) in &self.names {
            a.set(client, caseload_named(Some(name)));
        }
        a
    }

    /// [`place`] for the clinic's copy `clinic`.
    pub fn place(&self, clinic: &Record) -> Record {
        let local = self.local.get(&doc_id(clinic.kind(), clinic.id()));
        let therapist = match clinic {
            Record::Client(c) => self.names.get(&c.id).map(String::as_str),
            _ => None,
        };
        place(clinic, local, therapist)
    }

    /// True when this device holds `record` exactly (a copy written for it
    /// is then noted as synced here, so its next sync sends nothing again).
    pub fn holds(&self, record: &Record) -> bool {
        self.local.get(&doc_id(record.kind(), record.id())) == Some(record)
    }
}

/// The caseloads the manifest moves records into that `joined` does not
/// hold: the move needs each one's key, so it refuses to start.
pub fn not_joined(manifest: &Manifest, joined: &Joined) -> Result<Vec<Caseload>, MoveError> {
    Ok(manifest
        .expected()?
        .into_keys()
        .filter(|c| *c != Caseload::Clinic && !joined.holds(c))
        .collect())
}

/// A caseload in words: its therapist's name as `names` (this device's
/// therapists) spells it, else their id; the clinic's as "the clinic".
pub fn caseload_name(c: &Caseload, names: &[String], w: Words) -> String {
    match c {
        Caseload::Clinic => w.tr("the clinic").into(),
        Caseload::Therapist(t) => names
            .iter()
            .find(|n| therapist_id(n).ok().as_ref() == Some(t))
            .cloned()
            .unwrap_or_else(|| t.as_str().to_string()),
    }
}

/// "Ana's", "Ana's and Ben's", "Ana's, Ben's and Cy's".
fn possessives<'a>(
    cs: impl IntoIterator<Item = &'a Caseload>,
    names: &[String],
    w: Words,
) -> String {
    let all: Vec<String> = cs
        .into_iter()
        .map(|c| w.trf("{name}'s", &[("name", &caseload_name(c, names, w))]))
        .collect();
    match all.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => w.trf(
            "{names} and {last}",
            &[("names", &rest.join(", ")), ("last", last)],
        ),
    }
}

fn records(n: u64, w: Words) -> String {
    w.trn("{n} record", "{n} records", n as usize, &[])
}

/// What a step of the move is doing, in words (shown while it runs).
pub fn step_words(step: &MoveStep, names: &[String], w: Words) -> String {
    match step {
        MoveStep::Copy(by) => {
            let n: usize = by.values().map(Vec::len).sum();
            let args: [(&str, &dyn std::fmt::Display); 2] = [
                ("records", &records(n as u64, w)),
                ("whose", &possessives(by.keys(), names, w)),
            ];
            if by.len() == 1 {
                w.trf("Copying {records} into {whose} caseload database…", &args)
            } else {
                w.trf("Copying {records} into {whose} caseload databases…", &args)
            }
        }
        MoveStep::Close { verified, stubs } => w.trf(
            "{whose} checked by count and checksum; closing the {records} moved in the clinic database…",
            &[
                ("whose", &possessives(verified.keys(), names, w)),
                ("records", &records(stubs.len() as u64, w)),
            ],
        ),
        MoveStep::Stop(problems) => stop_words(problems, names, w),
        MoveStep::Done(verified) => done_words(verified, names, w),
    }
}

/// Why the move stopped, in words: each thing that does not add up, and
/// that nothing was closed.
pub fn stop_words(problems: &[Discrepancy], names: &[String], w: Words) -> String {
    // The clinic's tally is checked only once every moved record is closed
    // (and alone): saying nothing was closed would be false.
    if let [Discrepancy::Tally {
        caseload: Caseload::Clinic,
        expected,
        found,
    }] = problems
    {
        return w.trf(
            "Every moved record is in its caseload database, checked by count and checksum, and closed in the clinic database; but the clinic database changed during the move: it keeps {found} where {expected} should stay. Stop sync on every other device, then run the move again: it takes the clinic database as it is then.",
            &[
                ("found", &records(found.count, w)),
                ("expected", &records(expected.count, w)),
            ],
        );
    }
    let each: Vec<String> =
        problems
            .iter()
            .map(|d| {
                match d {
            Discrepancy::Duplicated { doc_id, caseload } => w.trf(
                "the record {id} is also in {whose} caseload database, not only its own",
                &[("id", doc_id), ("whose", &possessives([caseload], names, w))],
            ),
            Discrepancy::Unexpected { doc_id, caseload } => w.trf(
                "{whose} caseload database holds {id}, which the move did not put there",
                &[("whose", &possessives([caseload], names, w)), ("id", doc_id)],
            ),
            Discrepancy::Tally {
                caseload: Caseload::Clinic,
                expected,
                found,
            } => w.trf(
                "the clinic database keeps {found} where {expected} should stay",
                &[
                    ("found", &records(found.count, w)),
                    ("expected", &records(expected.count, w)),
                ],
            ),
            Discrepancy::Tally {
                caseload,
                expected,
                found,
            } if expected.count == found.count => w.trf(
                "{whose} caseload database holds {records} as expected, but their contents differ",
                &[
                    ("whose", &possessives([caseload], names, w)),
                    ("records", &records(found.count, w)),
                ],
            ),
            Discrepancy::Tally {
                caseload,
                expected,
                found,
            } => w.trf(
                "{whose} caseload database holds {found} where {expected} were expected",
                &[
                    ("whose", &possessives([caseload], names, w)),
                    ("found", &records(found.count, w)),
                    ("expected", &expected.count),
                ],
            ),
        }
            })
            .collect();
    w.trf(
        "The move stopped with nothing closed in the clinic database: {problems}. Every record is still in the clinic database; set this right on the server, then run the move again.",
        &[("problems", &each.join("; "))],
    )
}

/// The move's end, in words: what each caseload's database holds, checked,
/// and what the clinic's keeps.
pub fn done_words(verified: &BTreeMap<Caseload, Tally>, names: &[String], w: Words) -> String {
    let moved: Vec<String> = verified
        .iter()
        .filter(|(c, _)| **c != Caseload::Clinic)
        .map(|(c, t)| {
            w.trf(
                "{whose} caseload database holds {records}",
                &[
                    ("whose", &possessives([c], names, w)),
                    ("records", &records(t.count, w)),
                ],
            )
        })
        .collect();
    let kept = verified.get(&Caseload::Clinic).map_or(0, |t| t.count);
    if moved.is_empty() {
        return w.trf(
            "Nothing to move: no record in the clinic database belongs to a therapist's client ({records} there). Give each client a therapist on this device (the client's page, Therapist), then run the move again.",
            &[("records", &records(kept, w))],
        );
    }
    if kept == 0 {
        return w.trf(
            "The move is done: {moved}, each checked by count and checksum. Every record of the clinic database moved, and each is closed there.",
            &[("moved", &moved.join(", "))],
        );
    }
    w.trf(
        "The move is done: {moved}, each checked by count and checksum. The clinic database keeps {records} with no therapist; the moved ones are closed there.",
        &[("moved", &moved.join(", ")), ("records", &records(kept, w))],
    )
}

/// Why the move cannot start: caseloads it needs that this device has not
/// joined.
pub fn not_joined_words(missing: &[Caseload], names: &[String], w: Words) -> String {
    let who = possessives(missing, names, w);
    if missing.len() == 1 {
        w.trf(
            "Nothing was moved: {whose} caseload is not joined on this device. Name each of them in Settings → Therapists, turn sync off and on again to join, then run the move again.",
            &[("whose", &who)],
        )
    } else {
        w.trf(
            "Nothing was moved: {whose} caseloads are not joined on this device. Name each of them in Settings → Therapists, turn sync off and on again to join, then run the move again.",
            &[("whose", &who)],
        )
    }
}

/// Why a move run stopped before its end (the server could not be reached,
/// a request was refused): `why` in the sync status's words, and that it
/// goes on from there when run again.
pub fn cut_words(why: &str, w: Words) -> String {
    w.trf(
        "{why} The move stopped here, with nothing closed that is not already in its caseload's database: run it again once this is set right; it goes on from where it stopped.",
        &[("why", &why)],
    )
}

/// Why the clinic's database `db` could not be opened for the move, in
/// words: a refusal (401, 403) means this device's user is not one of its
/// members, which the move needs (it reads it and closes what it moved).
pub fn clinic_trouble_words(db: &str, trouble: Trouble, w: Words) -> String {
    match trouble {
        Trouble::SignIn => w.trf("The server refuses this device's user the clinic database {db}: make the lead's user a member of it (its _security), sign in again if asked, then run the move again. Nothing was moved.", &[("db", &db)]),
        Trouble::NoDatabase => w.trf("There is no clinic database {db} on the server: nothing to move.", &[("db", &db)]),
        other => other.words(w),
    }
}
