//! Whether leaving the page would lose a rating held only in memory (the
//! page then asks the browser's "leave the page?" question).

/// True when leaving would lose data: a save failed (`unsaved`), unless the
/// app itself is moving to its other page (`internal`) and every rating the
/// save could not store is set aside in this tab's sessionStorage
/// (`stashed`), which the other page reads.
pub fn loses_data(unsaved: bool, internal: bool, stashed: bool) -> bool {
    unsaved && !(internal && stashed)
}
