//! A client's transfer from one caseload to another, as a plan the shell
//! runs one step at a time: write the client's records into the new
//! caseload's database, check they are there, and only then close them in
//! the old one.
//!
//! Why a step at a time, recomputed from what both databases hold: a
//! transfer may be cut anywhere (the network, the tab closed, the battery)
//! and must never lose a record. [`next_step`] reads the two databases as
//! they are now and says what is still to do: while the new database lacks
//! any of the client's records (or holds an older copy), write them there;
//! once it holds every one exactly as it should, close them in the old
//! database; once nothing of the client is open there, done. The old
//! database is never touched before the new one holds everything, so a cut
//! at any point leaves each record readable in at least one of the two, and
//! running the plan again from there finishes the job.
//!
//! What stays in the old database: only deletion stubs are written there
//! (`_deleted`, no payload), so nothing new becomes readable to its members;
//! the records' older revisions stay as the ciphertext its key holders
//! already had, until the server compacts them. The records go into the new
//! database encrypted under its own key by the shell (the plan hands it
//! records, never ciphertext, so no envelope made under the old key is
//! copied across).
//!
//! The device running a transfer holds both caseloads (a clinic lead's, or
//! a therapist's device that joined both): it must read the old one and
//! write the new one in clear.

use crate::domain::records::layout::Record;
use crate::domain::sync::caseloads::{client_of, Caseload, Joined};
use crate::domain::sync::revs::{parse_doc_id, Leaf, Rev, RevTree, WireDoc};
use crate::domain::words::Words;
use thiserror::Error;

/// One document as a database holds it, read by the shell: its revision
/// tree and the record its winning leaf holds, decrypted (`None` when the
/// winner is deleted).
#[derive(Clone, Debug, PartialEq)]
pub struct HeldDoc {
    /// The document id (`rating:…`).
    pub doc_id: String,
    /// Every revision known of it, with its leaves.
    pub tree: RevTree,
    /// The winning leaf's record; `None` when that leaf is deleted (or,
    /// for a live winner, when it could not be decrypted: then nothing is
    /// decided about it, see the errors).
    pub record: Option<Record>,
}

impl HeldDoc {
    /// The leaves still open (not deleted).
    pub fn live_leaves(&self) -> Vec<Leaf> {
        self.tree
            .leaves()
            .into_iter()
            .filter(|l| !l.deleted)
            .collect()
    }

    /// The winning leaf's path, newest first (empty for no revision).
    pub fn winner_path(&self) -> Vec<Rev> {
        self.tree
            .winner()
            .map(|w| self.tree.path_to(&w.rev))
            .unwrap_or_default()
    }

    /// The stubs that close every open leaf, marked as a transfer's
    /// ([`WireDoc::moved_stub`]).
    pub fn closing_stubs(&self) -> Vec<WireDoc> {
        self.live_leaves()
            .iter()
            .map(|l| WireDoc::moved_stub(&self.doc_id, &self.tree.path_to(&l.rev)))
            .collect()
    }

    /// True when exactly one leaf is open and it holds `record`.
    pub fn holds_only(&self, record: &Record) -> bool {
        self.live_leaves().len() == 1 && self.record.as_ref() == Some(record)
    }
}

/// A record to write into a caseload's database: the shell encrypts it
/// under that caseload's key and sends it as the child of `parent_path`'s
/// newest revision ([`WireDoc::revision`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Write {
    /// The record as it should be there.
    pub record: Record,
    /// The path of the database's winning leaf for this document, newest
    /// first; empty when the database has never seen it. A document closed
    /// there earlier (a client transferred away and back) is reopened on
    /// top of its stub, never beside it.
    pub parent_path: Vec<Rev>,
}

/// A transfer: a client, from one caseload to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transfer {
    /// The client moved.
    pub client_id: String,
    /// The caseload they leave.
    pub from: Caseload,
    /// The caseload they join.
    pub to: Caseload,
}

/// What to do next.
#[derive(Clone, Debug, PartialEq)]
pub enum TransferStep {
    /// Write these into the new caseload's database (client record first),
    /// then read both databases again and ask for the next step.
    Write(Vec<Write>),
    /// The new database holds every record as it should: send these stubs
    /// to the old one (the client record's last), then read it again and
    /// ask for the next step.
    Close(Vec<WireDoc>),
    /// Nothing of the client is open in the old database and all of it is
    /// in the new one.
    Done,
}

/// Why a transfer cannot go on (nothing was written by the plan).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TransferError {
    /// From a caseload to itself.
    #[error("the client is already in that caseload")]
    SameCaseload,
    /// The device does not hold one of the two caseloads.
    #[error("this device does not hold one of the two caseloads")]
    NotJoined(Caseload),
    /// A document of the client has conflicting open copies: sync first,
    /// so every device's rule settles it.
    #[error("the record \"{0}\" has unsettled copies; sync, then try again")]
    Unsettled(String),
    /// Neither database holds the client.
    #[error("neither caseload holds this client")]
    NoSuchClient,
}

impl TransferError {
    /// The refusal in `w`'s language (`Display` keeps Attune's English).
    pub fn words(&self, w: Words) -> String {
        match self {
            TransferError::SameCaseload => {
                w.tr("the client is already in that caseload").to_string()
            }
            TransferError::NotJoined(_) => w
                .tr("this device does not hold one of the two caseloads")
                .to_string(),
            TransferError::Unsettled(id) => w.trf(
                "the record \"{id}\" has unsettled copies; sync, then try again",
                &[("id", id)],
            ),
            TransferError::NoSuchClient => w.tr("neither caseload holds this client").to_string(),
        }
    }
}

/// The next step of `transfer`, given what the old (`in_from`) and new
/// (`in_to`) databases hold now. `reassign` gives each record as it must be
/// in the new caseload (the client record names its new therapist; the
/// others unchanged); it must give the same result on every call of one
/// transfer (stamp it with the transfer's start, kept with the transfer), or
/// the new database would never be found complete.
pub fn next_step(
    transfer: &Transfer,
    joined: &Joined,
    in_from: &[HeldDoc],
    in_to: &[HeldDoc],
    reassign: impl Fn(&Record) -> Record,
) -> Result<TransferStep, TransferError> {
    if transfer.from == transfer.to {
        return Err(TransferError::SameCaseload);
    }
    for c in [&transfer.from, &transfer.to] {
        if !joined.holds(c) {
            return Err(TransferError::NotJoined(c.clone()));
        }
    }
    let mine = |d: &&HeldDoc| {
        d.record.as_ref().and_then(client_of) == Some(transfer.client_id.as_str())
            && parse_doc_id(&d.doc_id).is_some()
    };
    let mut open: Vec<&HeldDoc> = in_from.iter().filter(mine).collect();
    // Conflicting copies of one of the client's documents: closing them
    // now could close the copy the rule would have kept.
    if let Some(d) = open.iter().find(|d| d.live_leaves().len() > 1) {
        return Err(TransferError::Unsettled(d.doc_id.clone()));
    }
    if open.is_empty() {
        let there = in_to.iter().any(|d| {
            matches!(&d.record, Some(Record::Client(c)) if c.id == transfer.client_id)
                && !d.live_leaves().is_empty()
        });
        return if there {
            Ok(TransferStep::Done)
        } else {
            Err(TransferError::NoSuchClient)
        };
    }
    // The client record first, so a device pulling the new database meets
    // the client before their sessions.
    open.sort_by_key(|d| {
        (
            !matches!(d.record, Some(Record::Client(_))),
            d.doc_id.clone(),
        )
    });
    let mut writes = Vec::new();
    for d in &open {
        let Some(record) = &d.record else { continue };
        let want = reassign(record);
        let target = in_to.iter().find(|t| t.doc_id == d.doc_id);
        match target {
            Some(t) if t.holds_only(&want) => {}
            Some(t) if t.live_leaves().len() > 1 => {
                return Err(TransferError::Unsettled(t.doc_id.clone()));
            }
            _ => writes.push(Write {
                record: want,
                parent_path: target.map(HeldDoc::winner_path).unwrap_or_default(),
            }),
        }
    }
    if !writes.is_empty() {
        return Ok(TransferStep::Write(writes));
    }
    // The client record last: cut midway, the old caseload still shows a
    // whole client with some sessions gone, never sessions of no client.
    Ok(TransferStep::Close(
        open.iter().rev().flat_map(|d| d.closing_stubs()).collect(),
    ))
}
