//! Everyone in the room: a case can be a couple, a family or a
//! group, each person rates the ORS and the SRS on their own, one after
//! another on one tablet, and the therapist reads the ratings side by side.
//!
//! Why a module of its own: several raters per session touch the stored
//! document (cases and members), the form (whose turn it is, which version
//! of the scale), the review (divergence between partners, a group's
//! spread) and the progress note. Keeping those rules here, pure, lets the
//! single-rater code stay as it was: a client with no members is exactly
//! the individual of earlier versions.
//!
//! - [`crate::domain::records::case`]: case kinds and members, as stored
//!   (kept with the records, since the store holds them).
//! - [`members`]: the therapist's edits to them.
//! - [`roster`]: who can rate, and the label of whoever rated.
//! - [`round`]: the turn-taking of one measure in one session.
//! - [`choose`]: which version of a scale a rater gets.
//! - [`divergence`]: two raters' marks compared, side by side.
//! - [`divergence_prompt`]: what to say when they differ.
//! - [`spread`]: a group's lowest, median and highest.
//! - [`note`]: the progress-note line covering every rater.
//! - [`outcomes`]: each person's ORS against their own intake and cutoff.
//! - [`history`]: a case's table, each person's totals session by session.
//! - [`chart`]: a case's charts, a line per person or a group's median and range.

pub mod chart;
pub mod choose;
pub mod divergence;
pub mod divergence_prompt;
pub mod history;
pub mod members;
pub mod note;
pub mod outcomes;
pub mod roster;
pub mod round;
pub mod spread;
