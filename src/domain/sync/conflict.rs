//! Attune's rule for conflicting revisions: which copy of a record every
//! device keeps, and which revisions to close.
//!
//! Why not CouchDB's own winner: CouchDB picks a winner by revision id
//! alone ([`crate::domain::sync::revs::winner`]), which is arbitrary with respect to what
//! the therapist did. Attune applies the rule of its two-tab merge
//! ([`crate::domain::records::store::merge`]) to the decrypted copies instead:
//!
//! - an edited record (a client; a rating's client, session date and note)
//!   takes the copy edited last (`updated_at`), a tie broken by the higher
//!   revision id, so every device picks the same one;
//! - a case's members are merged one by one, every member of any copy kept;
//! - a rating's scores never change: all that was recorded with the rating
//!   (scores, times, scale, line, measure, session, rater) comes from the
//!   earliest-recorded copy, and a copy with other scores is reported;
//! - archiving is a field: the rule never deletes a record. Only losing
//!   *revisions* are closed, with deletion stubs.
//!
//! The result is a function of the set of copies alone (not of their order
//! or of which device resolves), so two devices resolving the same conflict
//! agree. When the kept content is exactly one leaf's, nothing new is
//! written; otherwise it is written as a child of CouchDB's winning leaf.
//! Two devices writing that child at once make two revisions with the same
//! content (each encrypts with its own IV): the next resolution keeps one
//! of them and closes the other, and the stubs closing a leaf are the same
//! on every device, so the state converges.
//!
//! Leaves that could not be decrypted are not passed in: they are neither
//! chosen nor closed (they may hold data under a key this device lacks).
//!
//! A copy an older Attune wrote (a device not yet updated) lacks the fields
//! its version did not know, and CouchDB carries it whole. Before the rule
//! runs, such a copy is filled field by field as a tab's older copy is
//! ([`crate::domain::records::older`]): what its writer did not know, or
//! left out, comes from the newest copy that knew it, else from this
//! device's own. A rename on a device still on the version before clients
//! had a language then never clears the client's language, and the filled
//! record is written back so the server holds it whole again.

use crate::domain::measures::rating::Rating;
use crate::domain::records::case::merge_members;
use crate::domain::records::layout::Record;
use crate::domain::records::older;
use crate::domain::records::store::{take_edits, CURRENT_VERSION};
use crate::domain::sync::revs::{Rev, RevTree, WireDoc};
use thiserror::Error;

/// One leaf revision with its decrypted record.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The leaf.
    pub rev: Rev,
    /// Its record.
    pub record: Record,
    /// The schema version of the Attune that wrote it.
    pub version: u32,
}

impl Candidate {
    /// A leaf written by an Attune of this version.
    pub fn current(rev: Rev, record: Record) -> Self {
        Candidate {
            rev,
            record,
            version: CURRENT_VERSION,
        }
    }
}

/// How the kept record reaches the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Keep {
    /// This leaf already holds it: nothing to write.
    Leaf(Rev),
    /// Write it as a new revision, child of this leaf.
    Write {
        /// The leaf the new revision extends.
        parent: Rev,
    },
}

/// Something the therapist may want to know about a resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Report {
    /// Copies of one rating disagreed about what was recorded: the
    /// earliest-recorded copy (`kept`) was kept, the others' scores set aside.
    ScoresDiffered {
        /// The revision whose recorded scores were kept.
        kept: Rev,
        /// The revisions whose other scores were not kept.
        set_aside: Vec<Rev>,
    },
}

/// The outcome of resolving one document's conflict.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolution {
    /// The record every device keeps.
    pub record: Record,
    /// Whether a leaf holds it already or it is written.
    pub keep: Keep,
    /// Leaves to close with deletion stubs (never the kept one).
    pub delete: Vec<Rev>,
    /// What to tell the therapist.
    pub reports: Vec<Report>,
}

/// Why copies could not be resolved.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ConflictError {
    /// No readable copy.
    #[error("no readable copy to keep")]
    NoCopies,
    /// The copies are not all of one record (kind and id).
    #[error("the copies are of different records")]
    DifferentRecords,
}

/// Resolves the readable non-deleted leaves of one document.
pub fn resolve(candidates: &[Candidate]) -> Result<Resolution, ConflictError> {
    resolve_beside(candidates, None)
}

/// As [`resolve`], with `ours`, this device's own copy of the record (if
/// it holds one), to fill what a copy an older Attune wrote left out when
/// no leaf of this version has it (see the module notes).
pub fn resolve_beside(
    candidates: &[Candidate],
    ours: Option<&Record>,
) -> Result<Resolution, ConflictError> {
    let filled = fill_older(candidates, ours);
    let mut sorted: Vec<&Candidate> = filled.iter().collect();
    // Highest revision first: the order ties and merges use everywhere.
    sorted.sort_by(|a, b| b.rev.cmp(&a.rev));
    sorted.dedup_by(|a, b| a.rev == b.rev);
    let first = sorted.first().ok_or(ConflictError::NoCopies)?;
    let (kind, id) = (first.record.kind(), first.record.id());
    if sorted
        .iter()
        .any(|c| c.record.kind() != kind || c.record.id() != id)
    {
        return Err(ConflictError::DifferentRecords);
    }
    let mut reports = Vec::new();
    let record = match &first.record {
        Record::Client(_) => resolve_client(&sorted),
        Record::Rating(_) => resolve_rating(&sorted, &mut reports),
        // Never edited: CouchDB's own pick (the highest revision) will do.
        Record::Unrated(_) => first.record.clone(),
        Record::EpisodeEnd(_) => resolve_end(&sorted),
    };
    // `sorted` is highest first, so the first equal leaf is the highest.
    // Compared with what each leaf holds, not its filled copy: a leaf
    // an older Attune wrote is written again, whole. Nor is an older leaf
    // kept when a copy of this version took part: closing that copy would
    // leave the older one alone on the server, and a device that missed
    // the newer copy (still holding a language it cleared) would fill the
    // older one from its own and undo the clearing.
    let any_current = candidates.iter().any(|c| !older::is_older(c.version));
    let held = |c: &&&Candidate| {
        candidates.iter().any(|o| {
            o.rev == c.rev && o.record == record && !(any_current && older::is_older(o.version))
        })
    };
    let keep = match sorted.iter().find(held) {
        Some(c) => Keep::Leaf(c.rev.clone()),
        None => Keep::Write {
            parent: first.rev.clone(),
        },
    };
    let kept = match &keep {
        Keep::Leaf(r) | Keep::Write { parent: r } => r,
    };
    let delete = sorted
        .iter()
        .filter(|c| &c.rev != kept)
        .map(|c| c.rev.clone())
        .collect();
    Ok(Resolution {
        record,
        keep,
        delete,
        reports,
    })
}

/// Each copy an older Attune wrote, filled from the newest copy of this
/// version (edited last; ties: the higher revision), else from `ours`.
fn fill_older(candidates: &[Candidate], ours: Option<&Record>) -> Vec<Candidate> {
    let donor = candidates
        .iter()
        .filter(|c| !older::is_older(c.version))
        .max_by(|a, b| (edited_at(&a.record), &a.rev).cmp(&(edited_at(&b.record), &b.rev)))
        .map(|c| &c.record)
        .or(ours);
    candidates
        .iter()
        .map(|c| {
            let mut c = c.clone();
            if older::is_older(c.version) {
                match (&mut c.record, donor) {
                    (Record::Client(mine), Some(Record::Client(d))) if d.id == mine.id => {
                        older::fill_client(mine, d, c.version)
                    }
                    (Record::Rating(mine), Some(Record::Rating(d))) if d.id == mine.id => {
                        older::fill_rating(mine, d, c.version)
                    }
                    _ => {}
                }
            }
            c
        })
        .collect()
}

/// When a record was last edited, where it says.
fn edited_at(record: &Record) -> Option<chrono::DateTime<chrono::Utc>> {
    match record {
        Record::Client(c) => c.updated_at,
        Record::Rating(r) => r.updated_at,
        _ => None,
    }
}

/// The copy edited last (ties: the higher revision, first in `sorted`),
/// with the members of every copy.
fn resolve_client(sorted: &[&Candidate]) -> Record {
    let clients: Vec<_> = sorted
        .iter()
        .filter_map(|c| match &c.record {
            Record::Client(cl) => Some(cl),
            _ => None,
        })
        .collect();
    let Some(winner) = clients.iter().copied().reduce(|best, c| {
        if c.updated_at > best.updated_at {
            c
        } else {
            best
        }
    }) else {
        return sorted[0].record.clone();
    };
    let members = clients.iter().fold(winner.members.clone(), |acc, c| {
        merge_members(&acc, &c.members)
    });
    let mut out = winner.clone();
    out.members = members;
    // A therapist is moved, never cleared: a winning copy from a device that
    // names none (an older version) keeps the latest one another copy has.
    if out.therapist.is_none() {
        out.therapist = clients
            .iter()
            .filter(|c| c.therapist.is_some())
            .max_by_key(|c| c.updated_at)
            .and_then(|c| c.therapist.clone());
    }
    Record::Client(out)
}

/// The end of an episode edited last (its reason, date or reopening; ties:
/// the higher revision, first in `sorted`), as the store's merge keeps it.
fn resolve_end(sorted: &[&Candidate]) -> Record {
    let winner = sorted
        .iter()
        .filter_map(|c| match &c.record {
            Record::EpisodeEnd(e) => Some(e),
            _ => None,
        })
        .reduce(|best, e| {
            if e.updated_at > best.updated_at {
                e
            } else {
                best
            }
        });
    match winner {
        Some(e) => Record::EpisodeEnd(e.clone()),
        None => sorted[0].record.clone(),
    }
}

/// What was recorded from the earliest-recorded copy (ties: the lowest
/// revision), the edits from the copy edited last (ties: the highest).
fn resolve_rating(sorted: &[&Candidate], reports: &mut Vec<Report>) -> Record {
    let ratings: Vec<(&Rev, &Rating)> = sorted
        .iter()
        .filter_map(|c| match &c.record {
            Record::Rating(r) => Some((&c.rev, r)),
            _ => None,
        })
        .collect();
    let Some(&(source_rev, source)) = ratings
        .iter()
        .min_by(|a, b| (a.1.recorded_at, a.0).cmp(&(b.1.recorded_at, b.0)))
    else {
        return sorted[0].record.clone();
    };
    let Some((_, edits)) = ratings.iter().copied().reduce(|best, c| {
        if c.1.updated_at > best.1.updated_at {
            c
        } else {
            best
        }
    }) else {
        return sorted[0].record.clone();
    };
    let recorded = |r: &Rating| {
        let mut x = r.clone();
        x.client_id = None;
        x.session_at = r.recorded_at;
        x.note = None;
        x.therapist = None;
        x.updated_at = None;
        x
    };
    let set_aside: Vec<Rev> = ratings
        .iter()
        .filter(|(_, r)| recorded(r) != recorded(source))
        .map(|(rev, _)| (*rev).clone())
        .collect();
    if !set_aside.is_empty() {
        reports.push(Report::ScoresDiffered {
            kept: source_rev.clone(),
            set_aside,
        });
    }
    let mut out = source.clone();
    take_edits(&mut out, edits);
    Record::Rating(out)
}

impl Resolution {
    /// The deletion stubs closing the losing leaves of document `doc_id`,
    /// each with its history from `tree`.
    pub fn stubs(&self, doc_id: &str, tree: &RevTree) -> Vec<WireDoc> {
        self.delete
            .iter()
            .map(|leaf| WireDoc::deletion_stub(doc_id, &tree.path_to(leaf)))
            .collect()
    }
}
