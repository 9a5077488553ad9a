//! Attune: an offline-first Session Rating Scale app.
//!
//! [`domain`] is the pure core, built and tested natively. [`platform`] is
//! what the shell asks of the browser, behind traits with in-memory
//! stand-ins for native tests. The shell's loops ([`storage`] and [`sync`])
//! build everywhere on those traits; their browser wiring and the [`ui`]
//! exist only on `wasm32`.

pub mod domain;
pub mod platform;

pub mod storage;
pub mod sync;
#[cfg(target_arch = "wasm32")]
pub mod ui;
