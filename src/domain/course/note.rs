//! The progress note: the date and client code, then the score, what the
//! client said and what the therapist did, one sentence each (seed 004),
//! the typed words quoted exactly and nothing invented for an empty field.
//! Short enough to paste into any EHR; see [`note_text`].

mod paste;
pub use paste::{note_text, session_note_text, OrsNote};
