//! Hand-written JSON for the three shapes the rating form reads and writes:
//! the draft ([`draft`]), the new-rating record ([`rating`]) and the device
//! settings ([`crate::domain::device::settings_codec`], reading only).
//!
//! Why: the form is what a client's tablet loads first, and `serde_json`
//! with the derived impls was about a tenth of its wasm. These codecs write
//! byte for byte what serde writes for the same values, and accept and
//! refuse exactly what serde accepts and refuses (see [`json`] for how each
//! step follows `serde_json`), so the two pages keep one format: the
//! therapist page, backups and the tests still use the serde derives, which
//! stay on the types. `tests/codec.rs` checks the equivalence on arbitrary
//! values and on mutated and random texts.

pub mod draft;
pub mod json;
pub mod number;
pub mod parts;
pub mod rating;
