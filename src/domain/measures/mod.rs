//! The measures themselves: the scales (SRS, ORS and their child and group
//! versions), scores in tenths, the published cutoffs, one rating and how a
//! screen reads it (its status line and numbers), and the line's keyboard
//! and calibration. Everything else builds on this area; it imports nothing
//! of the domain but [`crate::domain::time`].

pub mod aloud;
pub mod calibration;
pub mod kinds;
pub mod language;
pub mod messages;
pub mod names;
pub mod numbers;
pub mod pack;
pub mod rating;
pub mod scale;
pub mod score;
pub mod slider;
pub mod spoken;
pub mod status;
pub mod thresholds;
