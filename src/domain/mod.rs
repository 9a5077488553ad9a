//! The functional core: clinical rules, scoring and data codecs. Nothing here
//! touches the DOM, storage or the clock; the shell passes `now` and ids in.
//!
//! One folder per area, each with one reason to change. Imports run one way
//! (an area uses only those listed before it), so no two areas import each
//! other:
//!
//! - [`time`], [`route`] and [`words`]: three leaves every area may use
//!   (`words`: the therapist page's sentences in its language).
//! - [`measures`]: scales, scores, cutoffs, one rating and how it reads.
//! - [`security`]: PIN, recovery code, back-off.
//! - [`records`]: what the device keeps, its edits, codecs and layouts.
//! - [`course`]: a client's sessions, history, outcome, prompts and notes.
//! - [`raters`]: everyone in the room: cases, rounds, divergence.
//! - [`device`]: this device's settings, checklist, reminders, hand-over.
//! - [`caseload`]: the therapist's caseload, alliance and lists.
//! - [`export`]: backups, CSV, FHIR, and importing them.
//! - [`sync`]: CouchDB replication, revisions, conflicts, encryption.
//! - [`screens`]: what the screens decide (where a move leads, client
//!   mode's start and end, leaving with unsaved work, the caseload filter).

pub mod caseload;
pub mod course;
pub mod device;
pub mod export;
pub mod measures;
pub mod raters;
pub mod records;
pub mod route;
pub mod screens;
pub mod security;
pub mod sync;
pub mod time;
pub mod words;
