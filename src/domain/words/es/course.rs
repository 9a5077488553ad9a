//! A client's course: the client list and page, cases and raters, the
//! session, reviews and prompts, episodes, notes, spoken entry, languages.

/// `(English, Spanish)`.
pub const ENTRIES: &[(&str, &str)] = &[];
