//! The pure core for sync: a clinic's devices kept in step through Apache
//! CouchDB, end-to-end encrypted, each save writing one record. The local
//! record layout it reads and writes is [`crate::domain::records`]'s.
//!
//! Why a pure core first: every hard part of sync is a decision, not an
//! effect. Which records a save writes, which revision wins, which copy of
//! a conflicting record is kept, whether a payload was moved to another
//! document, where an interrupted run resumes, what to tell the therapist
//! when the server answers oddly: each is a function of what the shell
//! observed, tested natively here. The shell later does only the effects:
//! localStorage reads and writes, WebCrypto (AES-GCM, PBKDF2, random IVs and
//! keys) and `fetch` to the clinic's CouchDB.
//!
//! - [`revs`]: CouchDB documents, revision ids and histories, the winner.
//! - [`conflict`]: Attune's rule for conflicting revisions.
//! - [`crypto_format`]: the encrypted envelope and its AAD; [`keys`]: the
//!   wrapped clinic key and the IV ledger.
//! - [`protocol`]: the replication steps as requests built and answers read;
//!   [`checkpoint`]: where a run resumes.
//! - [`status`]: what to tell the therapist, in plain words.
//! - [`verify`]: when the server may hold less than the device synced to
//!   it, and the full comparison that then sends what it lacks.
//! - [`answers`], [`pull`] and [`schedule`]: the run's own decisions (a
//!   refusal that means "sign in again", whether another page follows, the
//!   room a page takes, when the next run starts and its batch size).
//! - [`live`]: the live pull, the changes feed followed while the page is
//!   in view, and when an answer means "pull now".
//! - [`caseloads`]: sync by caseload, one database per therapist's
//!   caseload: which one a record belongs to, which a device joins, what it
//!   refuses; [`transfer`]: a client moved from one caseload to another
//!   ([`transfers`]: which transfers sync owes, and a record closed in a
//!   database a device syncs);
//!   [`split`]: the move from one clinic database to one per caseload;
//!   [`seal`]: a shared tablet's ratings sealed to their therapist's key;
//!   [`by_caseload`]: the part of it wired into sync today (a therapist's
//!   caseload id, the databases a device joins, each one's part and notes).
//!
//! [`digest`] and [`base64`] are the two small codecs they share (thin
//! wrappers over the `sha2`, `base16ct` and `base64` crates).

pub mod answers;
pub mod base64;
pub mod by_caseload;
pub mod caseloads;
pub mod checkpoint;
pub mod config;
pub mod conflict;
pub mod crypto_format;
pub mod digest;
pub mod engine;
pub mod keys;
pub mod live;
pub mod protocol;
pub mod pull;
pub mod revs;
pub mod schedule;
pub mod seal;
pub mod split;
pub mod status;
pub mod tablet;
pub mod transfer;
pub mod transfers;
pub mod verify;
