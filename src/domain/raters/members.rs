//! The therapist's edits to a case: its kind and its members (add, rename,
//! archive, age group, collateral or not), in the style of
//! [`crate::domain::records::clients`]: the caller passes the id and `now`, and every
//! edit that changes something stamps `updated_at`.
//!
//! A member edit stamps the member, not the client record: a merge takes
//! members one by one (see [`crate::domain::records::case::merge_members`]), so adding a
//! member in one tab never undoes a rename of the case in another, nor the
//! other way round.

use crate::domain::measures::kinds::AgeGroup;
use crate::domain::records::case::{CaseKind, Member};
use crate::domain::records::clients::{check_label_format, client_mut, EditError};
use crate::domain::records::store::{Client, Store};
use chrono::{DateTime, Utc};

/// Checks a member's label: the same rules as a client's
/// ([`check_label_format`]), and unique (case-insensitive) within the case,
/// the client's own label included, so "pass the tablet to …" always names
/// one person. `except_member` is the member being renamed. Returns it trimmed.
pub fn check_member_label(
    client: &Client,
    label: &str,
    except_member: Option<&str>,
) -> Result<String, EditError> {
    let label = check_label_format(label)?;
    let taken = client.label.eq_ignore_ascii_case(&label)
        || client
            .members
            .iter()
            .any(|m| Some(m.id.as_str()) != except_member && m.label.eq_ignore_ascii_case(&label));
    if taken {
        return Err(EditError::DuplicateInCase(label));
    }
    Ok(label)
}

/// Sets what kind of case a client record is.
pub fn set_kind(
    store: &mut Store,
    client_id: &str,
    kind: CaseKind,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let c = client_mut(store, client_id)?;
    if c.kind != kind {
        c.kind = kind;
        c.updated_at = Some(now);
    }
    Ok(())
}

/// Adds a person to a case; the caller supplies a fresh id and the time.
/// A collateral rater rates on the client's behalf (a parent rating a
/// child's ORS).
pub fn add_member(
    store: &mut Store,
    client_id: &str,
    member_id: String,
    label: &str,
    age_group: AgeGroup,
    collateral: bool,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let c = client_mut(store, client_id)?;
    if member_id.is_empty() || c.members.iter().any(|m| m.id == member_id) {
        return Err(EditError::IdTaken);
    }
    let label = check_member_label(c, label, None)?;
    c.members.push(Member {
        id: member_id,
        label,
        age_group,
        collateral,
        archived: false,
        created_at: now,
        updated_at: Some(now),
    });
    Ok(())
}

/// Renames a member of a case.
pub fn rename_member(
    store: &mut Store,
    client_id: &str,
    member_id: &str,
    label: &str,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let c = client_mut(store, client_id)?;
    let label = check_member_label(c, label, Some(member_id))?;
    edit_member(c, member_id, now, |m| {
        let changed = m.label != label;
        m.label = label;
        changed
    })
}

/// Archives or restores a member; their ratings stay either way.
pub fn set_member_archived(
    store: &mut Store,
    client_id: &str,
    member_id: &str,
    archived: bool,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let c = client_mut(store, client_id)?;
    edit_member(c, member_id, now, |m| {
        std::mem::replace(&mut m.archived, archived) != archived
    })
}

/// Sets a member's age group (child versions of the scales for a child).
pub fn set_member_age_group(
    store: &mut Store,
    client_id: &str,
    member_id: &str,
    age_group: AgeGroup,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let c = client_mut(store, client_id)?;
    edit_member(c, member_id, now, |m| {
        std::mem::replace(&mut m.age_group, age_group) != age_group
    })
}

/// Marks a member as a collateral rater or not. Ratings already given keep
/// the ref they were saved with; both kinds of ref name the member by id,
/// so they still read as this member.
pub fn set_member_collateral(
    store: &mut Store,
    client_id: &str,
    member_id: &str,
    collateral: bool,
    now: DateTime<Utc>,
) -> Result<(), EditError> {
    let c = client_mut(store, client_id)?;
    edit_member(c, member_id, now, |m| {
        std::mem::replace(&mut m.collateral, collateral) != collateral
    })
}

/// Applies `change` to a member; stamps it when `change` says it changed.
fn edit_member(
    c: &mut Client,
    member_id: &str,
    now: DateTime<Utc>,
    change: impl FnOnce(&mut Member) -> bool,
) -> Result<(), EditError> {
    let m = c
        .members
        .iter_mut()
        .find(|m| m.id == member_id)
        .ok_or(EditError::Missing)?;
    if change(m) {
        m.updated_at = Some(now);
    }
    Ok(())
}
