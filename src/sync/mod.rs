//! The sync shell (therapist page only): one run (`run`), turning sync on
//! (`setup`), and when runs happen with what the therapist is told
//! (`scheduler`, wasm32 only), with the live pull that starts one when
//! another device's change reaches the server (`follow`, wasm32 only). A run never blocks rating: it works between
//! events on the page's one thread, and the records it receives go through
//! the same save as any edit.
//!
//! `inbox` is the clinic inbox: a shared tablet's sealed
//! sends, and a therapist's device opening them around its caseload runs.
//! `caseloads` runs the one-database run once per caseload database a
//! device joins (or once on the clinic's, as before). `run`, `setup` and
//! `caseloads` work on the platform's traits (`crate::platform`), so
//! the run is tested natively against an in-memory server
//! (`tests/sync_run.rs`); the scheduler wires them to the browser.

pub mod caseloads;
#[cfg(target_arch = "wasm32")]
pub mod follow;
pub mod inbox;
pub mod run;
#[cfg(target_arch = "wasm32")]
pub mod scheduler;
pub mod setup;
pub mod split;
pub mod transfer;

#[cfg(target_arch = "wasm32")]
pub use scheduler::*;

/// The page's words, for the sentences the shell writes: read from the
/// device's choice (`crate::storage::page_lang`), as the page read it
/// before mounting (the shell cannot reach the page's own copy).
pub fn words(kv: &impl crate::platform::KeyValue) -> crate::domain::words::Words {
    crate::domain::words::Words::new(crate::storage::page_lang::load(kv))
}
