//! Client mode starting: what the page does once the lock is stored, and
//! the sentences the therapist reads when it cannot start or the PIN
//! cannot be checked.

use crate::domain::device::handover::Handed;
use crate::domain::screens::nav::Page;
use crate::domain::words::Words;

/// What the page does once client mode is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locking {
    /// The therapist page, for a round: it shows nothing but the round.
    RoundHere,
    /// The therapist page, for the form: this page turns into the PIN prompt
    /// at once (nothing of the therapist's stays on screen even if leaving
    /// is delayed), then the form page takes over.
    PromptThenForm,
    /// The form page: a fresh form, locked.
    FormHere,
}

/// What `page` does once client mode for `handed` is stored.
pub fn locking(page: Page, handed: Handed) -> Locking {
    match (page, handed) {
        (Page::Therapist, Handed::Round) => Locking::RoundHere,
        (Page::Therapist, _) => Locking::PromptThenForm,
        (Page::Form, _) => Locking::FormHere,
    }
}

/// Why client mode did not start (`error`: the storage's reason) and what
/// to do: the lock must hold in every tab and after a reload, so it is
/// refused rather than pretended in one tab.
pub fn refused_text(error: &str) -> String {
    format!(
        "Client mode did not start: {error}, so the lock would not hold in other tabs or after a \
         reload. Keep the device yourself, free some space (Data: export a backup), then try again."
    )
}

/// [`refused_text`] in the therapist page's words `w`. A separate function,
/// not a parameter: the form page shares the English one and must not link
/// the page's catalogue.
pub fn refused_text_in(error: &str, w: Words) -> String {
    w.trf(
        "Client mode did not start: {error}, so the lock would not hold in other tabs or after a reload. Keep the device yourself, free some space (Data: export a backup), then try again.",
        &[("error", &error)],
    )
}

/// The distrusted settings in plain words: what happened and where the
/// original is (`problem`, from the loader, already in `w`), then the way
/// on (`locked`: at the PIN prompt), in `w`. Only the therapist page shows
/// it.
pub fn problem_text(problem: &str, locked: bool, w: Words) -> String {
    let next = if locked {
        w.tr("Because the PIN cannot be checked, client mode stays on: unlock with the recovery code, then set a new PIN.")
    } else {
        w.tr("Because the PIN cannot be checked, client mode cannot start: set a new PIN in Settings (the recovery code is needed if one was made).")
    };
    format!("{problem} {next}")
}
