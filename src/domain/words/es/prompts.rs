//! The clinical sentences the page offers the therapist: discussion
//! prompts after a rating, the outcome's prompts, divergence between the
//! people in the room, and the progress note. Translated as a clinician
//! would say them, never as the official measures' wording.

/// `(English, Spanish)`.
pub const ENTRIES: &[(&str, &str)] = &[];
