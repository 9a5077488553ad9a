//! What the person rating sees: the four lines (`rate`, `vas`, read aloud
//! for a client who asks: `aloud`), and client
//! mode with the thank-you (`lock`). The form page (`index.html`) is made of
//! these, with the therapist's header in the therapist's language (`frame`);
//! the PIN prompt and rounds are on the therapist page.

pub(crate) mod aloud;
pub(crate) mod frame;
pub mod lean;
pub(crate) mod lock;
pub(crate) mod rate;
pub(crate) mod vas;
