//! Decisions the screens make, taken out of the components so they are
//! tested natively: where a move between screens and pages leads, what
//! client mode does when it starts and ends, when leaving the page would
//! lose a rating, and a few sentences and values the pages show.

pub mod caseload;
pub mod form;
pub mod lean;
pub mod leaving;
pub mod lock;
pub mod nav;
