//! A clinic's therapists in the records: the rule for a therapist's name,
//! which therapist's caseload holds a client, who held each session, and a
//! transfer to another therapist that keeps the history whole (every earlier
//! session still says who saw it).
//!
//! A therapist is known by a short name (initials or a first name, like a
//! client's label) that every device of the clinic spells the same way: it
//! is what a client and a measure record, so no separate therapist record
//! has to travel between devices.

use crate::domain::measures::rating::Rating;
use crate::domain::records::store::{Client, Store};
use crate::domain::words::Words;
use chrono::{DateTime, Utc};
use thiserror::Error;

/// Longest therapist name accepted: initials or a first name.
pub const NAME_MAX_CHARS: usize = 24;

/// Why a therapist's name or a transfer was refused; shown next to the field.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum TherapistError {
    /// Empty name.
    #[error("Enter the therapist's initials or first name.")]
    Empty,
    /// Longer than [`NAME_MAX_CHARS`].
    #[error("Keep it short: at most {NAME_MAX_CHARS} characters.")]
    TooLong,
    /// A control character (a pasted line break, a tab).
    #[error("Use letters, digits, spaces and punctuation only.")]
    Control,
    /// Another therapist on this device already goes by this name.
    #[error("Another therapist here already goes by \u{201c}{0}\u{201d}.")]
    Taken(String),
    /// No client with that id.
    #[error("That client no longer exists.")]
    NoClient,
    /// The client is already in that therapist's caseload.
    #[error("This client is already in {0}'s caseload.")]
    Same(String),
}

impl TherapistError {
    /// The message in `w`'s language, for the page (`Display` keeps the
    /// English for logs).
    pub fn words(&self, w: Words) -> String {
        match self {
            TherapistError::Empty => w.tr("Enter the therapist's initials or first name.").into(),
            TherapistError::TooLong => w.trf(
                "Keep it short: at most {max} characters.",
                &[("max", &NAME_MAX_CHARS)],
            ),
            TherapistError::Control => w
                .tr("Use letters, digits, spaces and punctuation only.")
                .into(),
            TherapistError::Taken(name) => w.trf(
                "Another therapist here already goes by \u{201c}{name}\u{201d}.",
                &[("name", name)],
            ),
            TherapistError::NoClient => w.tr("That client no longer exists.").into(),
            TherapistError::Same(name) => w.trf(
                "This client is already in {name}'s caseload.",
                &[("name", name)],
            ),
        }
    }
}

/// Checks a therapist's name: trimmed, not empty, short, no control
/// characters. Returns it trimmed.
pub fn check_name(name: &str) -> Result<String, TherapistError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(TherapistError::Empty);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(TherapistError::TooLong);
    }
    if name.chars().any(char::is_control) {
        return Err(TherapistError::Control);
    }
    Ok(name.to_string())
}

/// True when two names are the same therapist: compared as typed apart from
/// the case of letters, so "dana" is not taken as someone new beside "Dana".
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Who held a measure's session: its own record of it, else (a measure saved
/// before the device named therapists, or one the form saved) the client's
/// therapist.
pub fn held_by<'a>(rating: &'a Rating, client: Option<&'a Client>) -> Option<&'a str> {
    rating
        .therapist
        .as_deref()
        .or_else(|| client.and_then(|c| c.therapist.as_deref()))
}

/// Who a new measure's session was held by: the therapist working on this
/// device now, else the client's therapist; `None` where neither is known.
pub fn holder_of_new(working: Option<&str>, client: Option<&Client>) -> Option<String> {
    working
        .or_else(|| client.and_then(|c| c.therapist.as_deref()))
        .map(str::to_string)
}

/// Adds a client into `therapist`'s caseload (the therapist working now),
/// or into none where the device names no therapist.
pub fn add_client_for(
    store: &mut Store,
    id: String,
    label: &str,
    therapist: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), crate::domain::records::clients::EditError> {
    crate::domain::records::clients::add_client(store, id.clone(), label, now)?;
    if let Some(c) = store.clients.iter_mut().find(|c| c.id == id) {
        c.therapist = therapist.map(str::to_string);
    }
    Ok(())
}

/// What a transfer changed, for the sentence that confirms it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transferred {
    /// The therapist the client left, if they had one.
    pub from: Option<String>,
    /// The therapist now holding the client.
    pub to: String,
    /// Earlier measures that now record who held their session (they had no
    /// record of it, and read their holder off the client until now).
    pub stamped: usize,
}

/// Moves client `client_id` into `to`'s caseload. Every earlier measure of
/// the client that does not yet say who held its session is given the
/// therapist who did (the one the client leaves), so the history keeps
/// saying who saw each session; every record changed is stamped `now`, so a
/// merge with another tab or device keeps the transfer. A client no
/// therapist held yet was the device's only therapist's (`sole`), if any.
pub fn transfer(
    store: &mut Store,
    client_id: &str,
    to: &str,
    sole: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Transferred, TherapistError> {
    let to = check_name(to)?;
    let client = store
        .clients
        .iter_mut()
        .find(|c| c.id == client_id)
        .ok_or(TherapistError::NoClient)?;
    if client
        .therapist
        .as_deref()
        .is_some_and(|t| same_name(t, &to))
    {
        return Err(TherapistError::Same(to));
    }
    let from = client
        .therapist
        .replace(to.clone())
        .or_else(|| sole.map(str::to_string));
    client.updated_at = Some(now);
    let mut stamped = 0;
    if let Some(from) = &from {
        for r in store
            .ratings
            .iter_mut()
            .filter(|r| r.client_id.as_deref() == Some(client_id) && r.therapist.is_none())
        {
            r.therapist = Some(from.clone());
            r.updated_at = Some(now);
            stamped += 1;
        }
    }
    Ok(Transferred { from, to, stamped })
}

/// Gives every client without a therapist to `to`: the first therapist a
/// device names takes the caseload it already holds. Returns how many.
pub fn adopt_unassigned(store: &mut Store, to: &str, now: DateTime<Utc>) -> usize {
    let mut n = 0;
    for c in store.clients.iter_mut().filter(|c| c.therapist.is_none()) {
        c.therapist = Some(to.to_string());
        c.updated_at = Some(now);
        n += 1;
    }
    n
}

/// How many clients no therapist holds yet.
pub fn without_therapist(store: &Store) -> usize {
    store
        .clients
        .iter()
        .filter(|c| c.therapist.is_none())
        .count()
}

/// Every therapist the records name (clients' and measures'), each once
/// (the first spelling met), sorted without regard to case.
pub fn named_in(store: &Store) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let names = store
        .clients
        .iter()
        .filter_map(|c| c.therapist.as_deref())
        .chain(store.ratings.iter().filter_map(|r| r.therapist.as_deref()));
    for n in names {
        if !out.iter().any(|o| same_name(o, n)) {
            out.push(n.to_string());
        }
    }
    out.sort_by_key(|n| n.to_lowercase());
    out
}
