//! Keeping a client's data from the wrong hands on a shared device: the PIN
//! (hash, checks and the wrong-PIN back-off), the recovery code, and the
//! back-off's copies kept across reloads.

pub mod backoff;
pub mod pin;
pub mod recovery;
