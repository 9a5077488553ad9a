//! Attune: an offline-first Session Rating Scale app.
//!
//! [`domain`] is the pure core, built and tested natively. The browser shell
//! ([`storage`] and [`ui`]) exists only on `wasm32`.

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod sync;
#[cfg(target_arch = "wasm32")]
pub mod ui;
