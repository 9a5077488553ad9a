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

use crate::domain::sync::caseloads::{caseload_of, Assignments, Caseload};
use crate::domain::sync::digest::short_digest;
use crate::domain::sync::protocol::clear_digest;
use crate::domain::sync::revs::{parse_doc_id, WireDoc};
use crate::domain::sync::transfer::{HeldDoc, Write};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;

/// One record of the clinic's database when the move began.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Its therapist's id; `None`: it stays in the clinic's database.
    pub therapist: Option<String>,
    /// [`clear_digest`] of its record then.
    pub digest: String,
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
    let mut entries = BTreeMap::new();
    for d in old.iter().filter(|d| parse_doc_id(&d.doc_id).is_some()) {
        let live = d.live_leaves().len();
        if live == 0 {
            continue;
        }
        let Some(record) = d.record.as_ref().filter(|_| live == 1) else {
            return Err(MoveError::Unsettled(d.doc_id.clone()));
        };
        let caseload = caseload_of(record, assignments, &Caseload::Clinic);
        entries.insert(
            d.doc_id.clone(),
            Entry {
                therapist: caseload.therapist().map(|t| t.as_str().to_string()),
                digest: clear_digest(record),
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

    /// Each entry with its caseload.
    fn placed(&self) -> Result<Vec<(&str, Caseload, &str)>, MoveError> {
        self.entries
            .iter()
            .map(|(id, e)| {
                let c = Caseload::of(e.therapist.as_deref())?;
                Ok((id.as_str(), c, e.digest.as_str()))
            })
            .collect()
    }

    /// What each caseload's database must hold once the move is done (the
    /// clinic's: what stays).
    pub fn expected(&self) -> Result<BTreeMap<Caseload, Tally>, MoveError> {
        let placed = self.placed()?;
        let mut by: BTreeMap<Caseload, Vec<(&str, &str)>> = BTreeMap::new();
        for (id, c, d) in &placed {
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
    let placed = manifest.placed()?;
    let old_by: BTreeMap<&str, &HeldDoc> = old.iter().map(|d| (d.doc_id.as_str(), d)).collect();
    let empty = Vec::new();
    let in_db = |c: &Caseload, id: &str| -> Option<&HeldDoc> {
        new.get(c).unwrap_or(&empty).iter().find(|d| d.doc_id == id)
    };

    // 0. Every moving record still open in the clinic's database must be
    // as it was when the move began: closing an edited one would lose the
    // edit, and copying it would copy what the manifest never counted.
    for (id, _, digest) in placed.iter().filter(|p| p.1 != Caseload::Clinic) {
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
    for (id, c, digest) in placed.iter().filter(|p| p.1 != Caseload::Clinic) {
        let there = in_db(c, id);
        if there.and_then(settled_digest).as_deref() == Some(*digest) {
            continue;
        }
        // Checked above: open and as the manifest says, or closed (then
        // moved and verified by an earlier pass, and lost since from its
        // caseload's database: nothing to copy it from).
        let Some(record) = old_by
            .get(id)
            .filter(|d| !d.live_leaves().is_empty())
            .and_then(|d| d.record.clone())
        else {
            return Err(MoveError::Vanished(id.to_string()));
        };
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
    let home: BTreeMap<&str, &Caseload> = placed.iter().map(|(id, c, _)| (*id, c)).collect();
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
        .filter(|(_, c, _)| *c != Caseload::Clinic)
        .filter_map(|(id, _, _)| old_by.get(id))
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
