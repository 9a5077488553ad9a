//! The therapist's edits to the store: clients (add, rename, archive) and the
//! three things a saved rating may still change: its client, its session date
//! and its note.
//! Every edit stamps `updated_at` so a merge with another tab keeps it.

use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::rating::NoteInput;
use crate::domain::records::episode_end::EpisodeEnd;
use crate::domain::records::store::{Client, Store};
use crate::domain::words::Words;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use thiserror::Error;

/// Longest label accepted: initials or a short code, never a full name.
pub const LABEL_MAX_CHARS: usize = 16;

/// How far in the future a session date may lie: a clock a few minutes apart
/// between devices is normal; a session tomorrow is a typing mistake.
pub const FUTURE_SLACK_MINUTES: i64 = 5;

/// Why an edit was refused; the text is shown next to the field.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum EditError {
    /// Empty label.
    #[error("Enter initials or a short code.")]
    EmptyLabel,
    /// Label longer than [`LABEL_MAX_CHARS`].
    #[error("Keep it short: at most {LABEL_MAX_CHARS} characters.")]
    LongLabel,
    /// Label looks like a first and last name.
    #[error("This looks like a full name. Use initials or a code instead, to keep the client unidentifiable.")]
    FullName,
    /// Another client already has this label.
    #[error("Another client already uses \u{201c}{0}\u{201d}.")]
    Duplicate(String),
    /// Someone else in the same case (the client or another member) already
    /// has this label: the tablet's "pass it to …" must name one person.
    #[error("Someone in this case already uses \u{201c}{0}\u{201d}.")]
    DuplicateInCase(String),
    /// A new record's id is already used (the shell made the same id twice).
    #[error("That id is already in use.")]
    IdTaken,
    /// No record with that id.
    #[error("That record no longer exists.")]
    Missing,
    /// The client is archived and cannot take new ratings.
    #[error("That client is archived.")]
    Archived,
    /// A session date later than now.
    #[error("The session date cannot be in the future.")]
    Future,
    /// A date-time field that could not be read.
    #[error("Enter a date and time like 2026-11-22 14:05.")]
    BadDate,
    /// Two records to merge disagree on what reads their ratings: the age
    /// group (whose ORS cutoff applies) or the kind of case.
    #[error("These records differ in age group, kind of case or therapist. Set them the same on each client's page first, so no reading changes unawares.")]
    MergeDiffers,
    /// An episode's end dated before its last session (it would close an
    /// earlier episode or split this one instead).
    #[error("An episode ends on the day of its last session or later.")]
    EndsTooEarly,
    /// A reason longer than the limit given.
    #[error("Keep the reason short: at most {0} characters.")]
    ReasonTooLong(usize),
}

impl EditError {
    /// The message in `w`'s language, for the page (`Display` keeps the
    /// English for logs).
    pub fn words(&self, w: Words) -> String {
        match self {
            EditError::EmptyLabel => w.tr("Enter initials or a short code.").into(),
            EditError::LongLabel => w.trf(
                "Keep it short: at most {max} characters.",
                &[("max", &LABEL_MAX_CHARS)],
            ),
            EditError::FullName => w
                .tr("This looks like a full name. Use initials or a code instead, to keep the client unidentifiable.")
                .into(),
            EditError::Duplicate(label) => w.trf(
                "Another client already uses \u{201c}{label}\u{201d}.",
                &[("label", label)],
            ),
            EditError::DuplicateInCase(label) => w.trf(
                "Someone in this case already uses \u{201c}{label}\u{201d}.",
                &[("label", label)],
            ),
            EditError::IdTaken => w.tr("That id is already in use.").into(),
            EditError::Missing => w.tr("That record no longer exists.").into(),
            EditError::Archived => w.tr("That client is archived.").into(),
            EditError::Future => w.tr("The session date cannot be in the future.").into(),
            EditError::BadDate => w.tr("Enter a date and time like 2026-11-22 14:05.").into(),
            EditError::MergeDiffers => w
                .tr("These records differ in age group, kind of case or therapist. Set them the same on each client's page first, so no reading changes unawares.")
                .into(),
            EditError::EndsTooEarly => w
                .tr("An episode ends on the day of its last session or later.")
                .into(),
            EditError::ReasonTooLong(max) => w.trf(
                "Keep the reason short: at most {max} characters.",
                &[("max", max)],
            ),
        }
    }
}

/// Checks a label: trimmed, non-empty, short, not a full name, unique
/// (case-insensitive) among clients other than `except_id`. Returns it trimmed.
pub fn check_label(
    store: &Store,
    label: &str,
    except_id: Option<&str>,
) -> Result<String, EditError> {
    let label = check_label_format(label)?;
    let label = label.as_str();
    let taken = store
        .clients
        .iter()
        .any(|c| Some(c.id.as_str()) != except_id && c.label.eq_ignore_ascii_case(label));
    if taken {
        return Err(EditError::Duplicate(label.to_string()));
    }
    Ok(label.to_string())
}

/// The rules every label follows, whoever it names (a client or a member
/// of a case): trimmed, non-empty, at most [`LABEL_MAX_CHARS`], not a full
/// name. Uniqueness is the caller's: among clients for a client, within the
/// case for a member. Returns the label trimmed.
pub fn check_label_format(label: &str) -> Result<String, EditError> {
    let label = label.trim();
    if label.is_empty() {
        return Err(EditError::EmptyLabel);
    }
    if label.chars().count() > LABEL_MAX_CHARS {
        return Err(EditError::LongLabel);
    }
    if looks_like_full_name(label) {
        return Err(EditError::FullName);
    }
    Ok(label.to_string())
}

/// Two or more words of letters, at least two of them capitalised and longer
/// than an initial ("Jane Doe", not "J D", "JD" or "Client 7").
fn looks_like_full_name(label: &str) -> bool {
    let words: Vec<&str> = label.split_whitespace().collect();
    words.len() >= 2
        && words.iter().all(|w| w.chars().all(char::is_alphabetic))
        && words
            .iter()
            .filter(|w| w.chars().count() >= 2 && w.chars().next().is_some_and(char::is_uppercase))
            .count()
            >= 2
}

/// Adds a client; the caller supplies a fresh id and the time.
pub fn add_client(
    store: &mut Store,
    id: String,
    label: &str,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let label = check_label(store, label, None)?;
    store.clients.push(Client {
        id,
        label,
        archived: false,
        created_at: now,
        updated_at: Some(now),
        age_group: AgeGroup::Adult,
        ..Client::default()
    });
    Ok(())
}

/// Sets whose ORS norms apply to a client (the cutoff by age group).
pub fn set_age_group(
    store: &mut Store,
    id: &str,
    age_group: AgeGroup,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let c = client_mut(store, id)?;
    if c.age_group != age_group {
        c.age_group = age_group;
        c.updated_at = Some(now);
    }
    Ok(())
}

/// Sets the language a client rates the measures in (`None`: Attune's own
/// English). Only the words change: every rating keeps its scores.
pub fn set_language(
    store: &mut Store,
    id: &str,
    language: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let c = client_mut(store, id)?;
    if c.language.as_deref() != language {
        c.language = language.map(str::to_string);
        c.updated_at = Some(now);
    }
    Ok(())
}

/// Sets whether the form reads this client's lines aloud (title and ends,
/// never a score).
pub fn set_read_aloud(
    store: &mut Store,
    id: &str,
    on: bool,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let c = client_mut(store, id)?;
    if c.read_aloud != on {
        c.read_aloud = on;
        c.updated_at = Some(now);
    }
    Ok(())
}

/// The measures of the session `rating_id` belongs to: a session's client
/// and date are one, so an edit of either applies to all of its measures.
fn session_of<'a>(
    store: &'a mut Store,
    rating_id: &str,
) -> Result<Vec<&'a mut crate::domain::measures::rating::Rating>, EditError> {
    let found = store
        .ratings
        .iter()
        .find(|r| r.id == rating_id)
        .ok_or(EditError::Missing)?;
    let (key, client) = (found.session_key().to_string(), found.client_id.clone());
    // A session belongs to one client: a rating of another client that
    // carries the same session id (a hostile or broken backup) is never
    // moved with it.
    Ok(store
        .ratings
        .iter_mut()
        .filter(|r| r.session_key() == key && r.client_id == client)
        .collect())
}

/// Renames a client. The new label may not be a member's of the same case
/// either, so the tablet's "pass it to …" always names one person.
pub fn rename_client(
    store: &mut Store,
    id: &str,
    label: &str,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let label = check_label(store, label, Some(id))?;
    let c = client_mut(store, id)?;
    if c.members
        .iter()
        .any(|m| m.label.eq_ignore_ascii_case(&label))
    {
        return Err(EditError::DuplicateInCase(label));
    }
    c.label = label;
    c.updated_at = Some(now);
    Ok(())
}

/// Archives or restores a client; the history stays either way.
pub fn set_archived(
    store: &mut Store,
    id: &str,
    archived: bool,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let c = client_mut(store, id)?;
    c.archived = archived;
    c.updated_at = Some(now);
    Ok(())
}

pub(crate) fn client_mut<'a>(store: &'a mut Store, id: &str) -> Result<&'a mut Client, EditError> {
    store
        .clients
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or(EditError::Missing)
}

/// Assigns a saved rating to a client (or back to none, for a quick rating),
/// with every other measure of its session.
pub fn assign(
    store: &mut Store,
    rating_id: &str,
    client_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    if let Some(cid) = client_id {
        let c = store
            .clients
            .iter()
            .find(|c| c.id == cid)
            .ok_or(EditError::Missing)?;
        if c.archived {
            return Err(EditError::Archived);
        }
    }
    for r in session_of(store, rating_id)? {
        if r.client_id.as_deref() != client_id {
            r.client_id = client_id.map(str::to_string);
            r.updated_at = Some(now);
        }
    }
    Ok(())
}

/// Checks a session date: paper or spoken ratings are entered afterwards, so
/// any past date is fine; a future one is a mistake.
pub fn check_session_at(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), EditError> {
    if at > now + Duration::minutes(FUTURE_SLACK_MINUTES) {
        Err(EditError::Future)
    } else {
        Ok(())
    }
}

/// Moves a saved rating, with the other measures of its session, to the
/// date the session really took place on.
pub fn set_session_at(
    store: &mut Store,
    rating_id: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    check_session_at(at, now)?;
    for r in session_of(store, rating_id)? {
        if r.session_at != at {
            r.session_at = at;
            r.updated_at = Some(now);
        }
    }
    Ok(())
}

/// Keeps the therapist's note with a saved rating, exactly as typed; a note
/// with both fields blank removes it. Like the other edits it stamps
/// `updated_at` (only when something changed), so the later edit wins a merge.
pub fn set_note(
    store: &mut Store,
    rating_id: &str,
    note: NoteInput,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let r = store
        .ratings
        .iter_mut()
        .find(|r| r.id == rating_id)
        .ok_or(EditError::Missing)?;
    let note = Some(note).filter(|n| !n.is_blank());
    if r.note != note {
        r.note = note;
        r.updated_at = Some(now);
    }
    Ok(())
}

/// Reads the value of an `<input type="datetime-local">` ("2026-11-22T14:05",
/// seconds optional; a space is accepted for the `T`) into local calendar
/// fields (year, month, day, hour, minute). The shell turns them into an
/// instant with the browser's time zone rules for that date.
pub fn parse_local_input(s: &str) -> Result<(i32, u32, u32, u32, u32), EditError> {
    let s = s.trim();
    let b = s.as_bytes();
    if !s.is_ascii()
        || !(b.len() == 16 || b.len() == 19)
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b' ')
        || b[13] != b':'
        || (b.len() == 19 && b[16] != b':')
    {
        return Err(EditError::BadDate);
    }
    let n = |r: std::ops::Range<usize>| -> Result<u32, EditError> {
        let part = &s[r];
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().map_err(|_| EditError::BadDate)
        } else {
            Err(EditError::BadDate)
        }
    };
    let (y, mo, d, h, mi) = (n(0..4)?, n(5..7)?, n(8..10)?, n(11..13)?, n(14..16)?);
    if b.len() == 19 && n(17..19)? > 59 {
        return Err(EditError::BadDate);
    }
    let valid_date = chrono::NaiveDate::from_ymd_opt(y as i32, mo, d).is_some();
    // Before 1900 is a typo, and JavaScript reads years below 100 as 19xx.
    if !valid_date || y < 1900 || h > 23 || mi > 59 {
        return Err(EditError::BadDate);
    }
    Ok((y as i32, mo, d, h, mi))
}

/// Active clients first (by label), archived after, for pickers and lists.
pub fn sorted_clients(store: &Store) -> Vec<&Client> {
    let mut v: Vec<&Client> = store.clients.iter().collect();
    v.sort_by(|a, b| {
        (a.archived, a.label.to_lowercase()).cmp(&(b.archived, b.label.to_lowercase()))
    });
    v
}

/// Longest reason kept for a session without a rating.
pub const UNRATED_REASON_MAX_CHARS: usize = 200;

/// Logs a session that took place without an SRS ("no rating today"), with
/// an optional reason as typed (trimmed; blank means none). The client must
/// exist and the date may not be in the future.
pub fn log_unrated(
    store: &mut Store,
    id: String,
    client_id: &str,
    at: DateTime<Utc>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    match store.clients.iter().find(|c| c.id == client_id) {
        None => return Err(EditError::Missing),
        Some(c) if c.archived => return Err(EditError::Archived),
        Some(_) => {}
    }
    check_session_at(at, now)?;
    let reason = reason.trim();
    if reason.chars().count() > UNRATED_REASON_MAX_CHARS {
        return Err(EditError::ReasonTooLong(UNRATED_REASON_MAX_CHARS));
    }
    store
        .unrated
        .push(crate::domain::records::unrated::UnratedSession {
            id,
            client_id: client_id.to_string(),
            at,
            reason: (!reason.is_empty()).then(|| reason.to_string()),
        });
    Ok(())
}

/// Saves `end`, the therapist's "End episode" for its client's current
/// episode. Refused for an unknown client, an end dated after `today` (the
/// therapist's local date now) or before `last_visit` (the current
/// episode's last session, local date: an earlier end would close the
/// previous episode or split this one), or an id already used.
pub fn end_episode(
    store: &mut Store,
    end: EpisodeEnd,
    today: NaiveDate,
    last_visit: Option<NaiveDate>,
) -> Result<(), EditError> {
    if end.ended_on > today {
        return Err(EditError::Future);
    }
    if last_visit.is_some_and(|last| end.ended_on < last) {
        return Err(EditError::EndsTooEarly);
    }
    add_episode_end(store, end)
}

/// Takes an end back (the therapist's "Reopen"): the episode it closed goes
/// on, and the sessions after it join it again. Kept as an edit, not a
/// removal, so the reopen syncs and no older copy brings the end back.
pub fn reopen_episode(
    store: &mut Store,
    end_id: &str,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let end = store
        .episode_ends
        .iter_mut()
        .find(|e| e.id == end_id)
        .ok_or(EditError::Missing)?;
    *end = end.reopen(now);
    Ok(())
}

/// Saves an episode end made elsewhere (the caseload's one-step "stopped
/// coming", [`crate::domain::course::episode::ClientEpisodes::end_as_stopped`]):
/// refused for an unknown client or an id already used.
pub fn add_episode_end(store: &mut Store, end: EpisodeEnd) -> Result<(), EditError> {
    if !store.clients.iter().any(|c| c.id == end.client_id) {
        return Err(EditError::Missing);
    }
    if end.id.is_empty() || store.episode_ends.iter().any(|e| e.id == end.id) {
        return Err(EditError::IdTaken);
    }
    store.episode_ends.push(end);
    Ok(())
}
