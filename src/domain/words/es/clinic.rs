//! The clinic's side of the page: the PIN and client mode, rounds, sync,
//! therapists and caseloads, data (backups, imports, storage) and settings.

/// `(English, Spanish)`.
pub const ENTRIES: &[(&str, &str)] = &[];
