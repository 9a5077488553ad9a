//! Attune's own Spanish for the therapist page: neutral Latin American
//! Spanish in a clinician's register (usted to the therapist, "cliente" for
//! the person who rates).
//! One table per area of the page, so that each is read beside its screens;
//! [`find`] looks through them all. Each entry is `(English, Spanish)`.

mod clinic;
mod course;
mod outcomes;
mod page;
mod prompts;

/// Every table, in no particular order (a sentence is in one table only:
/// `tests/page_words.rs` checks).
pub const TABLES: &[&[(&str, &str)]] = &[
    page::ENTRIES,
    clinic::ENTRIES,
    course::ENTRIES,
    outcomes::ENTRIES,
    prompts::ENTRIES,
];

/// The Spanish of `en`, if the catalogue has it.
pub fn find(en: &str) -> Option<&'static str> {
    TABLES
        .iter()
        .flat_map(|t| t.iter())
        .find(|(k, _)| *k == en)
        .map(|(_, v)| *v)
}
