//! What importing a backup would change, item by item, before anything does.
//!
//! A "rating" here is one measure (an ORS or an SRS from one rater, see
//! [`crate::domain::course::session`]); a backup from before version 5 holds only
//! SRS ratings, which read as such. Sentences name a rating's measure when
//! it is an ORS ("ORS rating o-1"), so an SRS-only file reads as before.
//!
//! Rules:
//! - A stored rating is never replaced: a copy with the same id whose scores
//!   (or recording details) differ is listed and kept out; the stored one stays.
//!   A copy with the same scores may still bring a later client or session
//!   date edit, as a merge between tabs would.
//! - A rating is refused when its score count is not its own scale's item
//!   count: an ORS is checked against the ORS, an SRS against the SRS.
//!   Its measure, session and rater are part of the record like its scores:
//!   a copy that differs in them is a differing copy, never an edit.
//! - Labels go through the form's own check ([`check_label`]): trimmed, no
//!   full names, short, unique ignoring case against the stored clients and
//!   the file's other clients. A client whose label is refused is not added;
//!   its ratings are still imported, without a client, and listed, so the
//!   therapist can assign them (the scores are the clinical record: never
//!   dropped for a label).
//! - A stored client whose label differs in the file is a label change,
//!   applied only when the therapist confirms. People of a stored case that
//!   the file adds (member ids not stored) are added when their label passes
//!   the members' check ([`check_member_label`]); a refused one is listed,
//!   and their ratings are still imported (read as "another rater"). Nothing
//!   else about a stored client or its stored members changes.
//! - The people of a new client go through the same members' check as those
//!   the file adds to a stored case: every label in the file is checked
//!   wherever it sits. A refused person is left out and listed; their
//!   ratings are still imported (read as "another rater").
//! - A session belongs to one client. A new rating whose session id is
//!   already a session of another client (stored, or earlier in the file) is
//!   given a session id of its own ([`own_session_id`]), so correcting one
//!   client's session date can never move another client's measures.
//! - A session without a rating whose reason is longer than the form allows
//!   is imported without the reason, and listed.
//! - The stored `last_backup_at` is kept: importing a file is not a backup of
//!   this device's ratings.

use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::Scales;
use crate::domain::raters::members::check_member_label;
use crate::domain::records::case::Member;
use crate::domain::records::clients::{check_label, EditError, UNRATED_REASON_MAX_CHARS};
use crate::domain::records::episode_end::{merge_ends, EpisodeEnd};
use crate::domain::records::store::{take_edits, Client, Store};
use crate::domain::words::Words;
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};

/// A stored client whose label the file spells differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelChange {
    /// The client's id.
    pub client_id: String,
    /// The label stored now.
    pub stored: String,
    /// The file's label, normalised (trimmed) and checked.
    pub incoming: String,
}

/// A new rating imported without a client, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unassigned {
    /// The rating's id.
    pub rating_id: String,
    /// Why its client was not kept, as a sentence.
    pub reason: String,
}

/// Something from the file that is not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// What it is: `Client “Jane Doe”`, `Rating r7`, `ORS rating o2`.
    pub what: String,
    /// Why, as a sentence.
    pub reason: String,
}

/// A person the file adds to a stored case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMember {
    /// The stored client (case) they join.
    pub client_id: String,
    /// The member, label trimmed and checked.
    pub member: Member,
}

/// What an import would do, computed before anything changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    /// Sessions logged without a rating that are new here, for a client
    /// that is stored or arrives with the file (others are left out: their
    /// client was refused).
    pub new_unrated: Vec<crate::domain::records::unrated::UnratedSession>,
    /// Ends of episodes the file adds or edits later than this device did,
    /// for a client that is stored or arrives with the file.
    pub episode_ends: Vec<EpisodeEnd>,
    /// Clients to add, labels normalised.
    pub new_clients: Vec<Client>,
    /// People the file adds to stored cases, labels normalised.
    pub new_members: Vec<NewMember>,
    /// Label changes, applied only if confirmed.
    pub label_changes: Vec<LabelChange>,
    /// Ratings to add (those in `unassigned` have their client cleared).
    pub new_ratings: Vec<Rating>,
    /// New ratings whose client could not be kept.
    pub unassigned: Vec<Unassigned>,
    /// Stored ratings the file moves to a later client or session date.
    pub edited: Vec<Rating>,
    /// The file's copies of stored ratings that differ from them; not imported.
    pub differing: Vec<Rating>,
    /// Ratings already stored exactly so.
    pub already_present: usize,
    /// Everything refused, with reasons.
    pub refused: Vec<Refused>,
}

/// Compares a backup's contents (`incoming`, already read and checked by
/// [`crate::domain::export::read_backup`]) with the `stored` data; each rating's scores are
/// checked against its own measure's scale in `scales`.
pub fn import_plan(stored: &Store, incoming: &Store, scales: &Scales, w: Words) -> ImportPlan {
    let mut plan = ImportPlan::default();
    let mut taken: Vec<String> = Vec::new();
    let mut refused_clients: HashMap<&str, String> = HashMap::new();
    let mut seen = HashSet::new();
    for c in &incoming.clients {
        if !seen.insert(c.id.as_str()) {
            plan.refused
                .push(refuse_client(c, w.tr("It appears twice in the file."), w));
            continue;
        }
        let existing = stored.clients.iter().find(|s| s.id == c.id);
        if let Some(s) = existing {
            plan_members(&mut plan, s, c, w);
        }
        if existing.is_some_and(|s| s.label == c.label.trim()) {
            continue;
        }
        match checked(stored, &c.label, existing.map(|s| s.id.as_str()), &taken) {
            Ok(label) => {
                taken.push(label.clone());
                match existing {
                    Some(s) => plan.label_changes.push(LabelChange {
                        client_id: c.id.clone(),
                        stored: s.label.clone(),
                        incoming: label,
                    }),
                    None => {
                        let client = new_case(&mut plan, Client { label, ..c.clone() }, w);
                        plan.new_clients.push(client);
                    }
                }
            }
            Err(e) => match existing {
                Some(s) => plan.refused.push(Refused {
                    what: w.trf(
                        "New label \u{201c}{new}\u{201d} for client \u{201c}{label}\u{201d}",
                        &[("new", &shown(&c.label)), ("label", &s.label)],
                    ),
                    reason: w.trf(
                        "{reason} The stored label is kept.",
                        &[("reason", &e.words(w))],
                    ),
                }),
                None => {
                    let reason = w.trf(
                        "{reason} Its ratings are imported without a client.",
                        &[("reason", &e.words(w))],
                    );
                    plan.refused.push(refuse_client(c, &reason, w));
                    refused_clients.insert(&c.id, shown(&c.label));
                }
            },
        }
    }
    let known = |cid: &str| {
        stored.clients.iter().any(|c| c.id == cid) || plan.new_clients.iter().any(|c| c.id == cid)
    };
    // Who each session id belongs to: the stored sessions first, then those
    // the file's new ratings start.
    let mut owners: HashMap<String, Option<String>> = stored
        .ratings
        .iter()
        .filter_map(|r| Some((r.session_id.clone()?, r.client_id.clone())))
        .collect();
    let mut seen = HashSet::new();
    for r in &incoming.ratings {
        let what = match r.measure {
            MeasureKind::Srs => w.trf("Rating {id}", &[("id", &r.id)]),
            MeasureKind::Ors => w.trf("ORS rating {id}", &[("id", &r.id)]),
        };
        if !seen.insert(r.id.as_str()) {
            plan.refused.push(Refused {
                what,
                reason: w.tr("It appears twice in the file.").into(),
            });
            continue;
        }
        let scale = scales.of(r.measure);
        if r.scores.len() != scale.items.len() {
            let reason = w.trn(
                "It has {n} score; {scale} has {items} items.",
                "It has {n} scores; {scale} has {items} items.",
                r.scores.len(),
                &[("scale", &scale.name), ("items", &scale.items.len())],
            );
            plan.refused.push(Refused { what, reason });
            continue;
        }
        if let Some(s) = stored.ratings.iter().find(|s| s.id == r.id) {
            if !same_record(s, r) {
                plan.differing.push(r.clone());
            } else if !is_newer_edit(s, r) {
                plan.already_present += 1;
            } else if r.client_id.as_deref().is_none_or(&known) {
                plan.edited.push(r.clone());
            } else {
                plan.already_present += 1;
                let reason = w
                    .tr("Its new client is not imported, so it stays with its stored client and date.")
                    .into();
                let what = match r.measure {
                    MeasureKind::Srs => w.trf("Change to rating {id}", &[("id", &r.id)]),
                    MeasureKind::Ors => w.trf("Change to ORS rating {id}", &[("id", &r.id)]),
                };
                plan.refused.push(Refused { what, reason });
            }
            continue;
        }
        let mut r = r.clone();
        if let Some(sid) = r.session_id.clone() {
            let own = own_session_id(&sid, r.client_id.as_deref(), &owners);
            owners.insert(own.clone(), r.client_id.clone());
            r.session_id = Some(own);
        }
        let lost = match r.client_id.as_deref() {
            Some(cid) if !known(cid) => Some(match refused_clients.get(cid) {
                Some(label) => w.trf(
                    "Its client \u{201c}{label}\u{201d} was not imported.",
                    &[("label", label)],
                ),
                None => w.tr("Its client is not in the file.").to_string(),
            }),
            _ => None,
        };
        if let Some(reason) = lost {
            r.client_id = None;
            plan.unassigned.push(Unassigned {
                rating_id: r.id.clone(),
                reason,
            });
        }
        plan.new_ratings.push(r);
    }
    for u in &incoming.unrated {
        let known = stored.clients.iter().any(|c| c.id == u.client_id)
            || plan.new_clients.iter().any(|c| c.id == u.client_id);
        if known && !stored.unrated.iter().any(|o| o.id == u.id) {
            let mut u = u.clone();
            let too_long = u
                .reason
                .as_ref()
                .is_some_and(|t| t.trim().chars().count() > UNRATED_REASON_MAX_CHARS);
            if too_long {
                u.reason = None;
                plan.refused.push(Refused {
                    what: w.trf(
                        "The reason of session without a rating {id}",
                        &[("id", &u.id)],
                    ),
                    reason: w.trf(
                        "It is longer than {max} characters. The session is imported without it.",
                        &[("max", &UNRATED_REASON_MAX_CHARS)],
                    ),
                });
            }
            plan.new_unrated.push(u);
        }
    }
    for e in &incoming.episode_ends {
        let known = stored.clients.iter().any(|c| c.id == e.client_id)
            || plan.new_clients.iter().any(|c| c.id == e.client_id);
        let newer = match stored.episode_ends.iter().find(|o| o.id == e.id) {
            Some(o) => e.updated_at > o.updated_at,
            None => true,
        };
        if known && newer && !e.id.is_empty() {
            plan.episode_ends.push(e.clone());
        }
    }
    plan
}

/// A new client's people, each through the members' check within the case
/// as it is built (the client's own label and the people already kept): a
/// refused person is left out and listed.
fn new_case(plan: &mut ImportPlan, file: Client, w: Words) -> Client {
    let mut case = Client {
        members: Vec::new(),
        ..file.clone()
    };
    for m in &file.members {
        match check_member_label(&case, &m.label, None) {
            Ok(label) if !case.members.iter().any(|k| k.id == m.id) => {
                case.members.push(Member { label, ..m.clone() });
            }
            Ok(_) => plan.refused.push(refused_member(
                m,
                &case,
                w.tr("It appears twice in the file."),
                w,
            )),
            Err(e) => {
                let reason = w.trf(
                    "{reason} Their ratings are still imported.",
                    &[("reason", &e.words(w))],
                );
                plan.refused.push(refused_member(m, &case, &reason, w));
            }
        }
    }
    case
}

fn refused_member(m: &Member, case: &Client, reason: &str, w: Words) -> Refused {
    Refused {
        what: w.trf(
            "Person \u{201c}{person}\u{201d} of client \u{201c}{label}\u{201d}",
            &[("person", &shown(&m.label)), ("label", &shown(&case.label))],
        ),
        reason: reason.to_string(),
    }
}

/// The session id a new rating of `client` keeps: `sid` itself unless that
/// session already belongs to another client (or to none, for a rating
/// without a client), else `sid` with the client's id appended (and a
/// number, should that be taken too). Deterministic, so importing the same
/// file twice gives the same ids.
pub fn own_session_id(
    sid: &str,
    client: Option<&str>,
    owners: &HashMap<String, Option<String>>,
) -> String {
    let free = |id: &str| {
        owners
            .get(id)
            .is_none_or(|owner| owner.as_deref() == client)
    };
    if free(sid) {
        return sid.to_string();
    }
    let base = format!("{sid}~{}", client.unwrap_or("unassigned"));
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}~{n}")
            }
        })
        .find(|id| free(id))
        .expect("an unbounded range always finds a free id")
}

/// The people of the file's copy `file` of the stored case `stored` that
/// are not stored yet: added to the plan, or refused for their label.
fn plan_members(plan: &mut ImportPlan, stored: &Client, file: &Client, w: Words) {
    let mut case = stored.clone();
    for m in &file.members {
        if case.members.iter().any(|s| s.id == m.id) {
            continue;
        }
        match check_member_label(&case, &m.label, None) {
            Ok(label) => {
                let member = Member { label, ..m.clone() };
                case.members.push(member.clone());
                plan.new_members.push(NewMember {
                    client_id: stored.id.clone(),
                    member,
                });
            }
            Err(e) => {
                let reason = w.trf(
                    "{reason} Their ratings are still imported.",
                    &[("reason", &e.words(w))],
                );
                plan.refused.push(refused_member(m, stored, &reason, w));
            }
        }
    }
}

fn refuse_client(c: &Client, reason: &str, w: Words) -> Refused {
    Refused {
        what: w.trf(
            "Client \u{201c}{label}\u{201d}",
            &[("label", &shown(&c.label))],
        ),
        reason: reason.to_string(),
    }
}

/// Labels longer than this are cut in the preview's sentences.
const SHOWN_LABEL_CHARS: usize = 24;

/// A file's label as the preview quotes it: trimmed, and cut (with an
/// ellipsis) when long, so a 5,000-character label, refused as too long,
/// does not fill the screen.
fn shown(label: &str) -> String {
    let label = label.trim();
    if label.chars().count() <= SHOWN_LABEL_CHARS {
        return label.to_string();
    }
    let head: String = label.chars().take(SHOWN_LABEL_CHARS).collect();
    format!("{head}\u{2026}")
}

/// [`check_label`] against the stored clients, plus uniqueness (ignoring
/// case, as there) among the labels this import already accepted.
fn checked(
    stored: &Store,
    label: &str,
    except: Option<&str>,
    taken: &[String],
) -> Result<String, EditError> {
    let label = check_label(stored, label, except)?;
    if taken.iter().any(|t| t.eq_ignore_ascii_case(&label)) {
        return Err(EditError::Duplicate(label));
    }
    Ok(label)
}

/// The same rating: everything recorded when it was saved is equal,
/// including which measure it is, its session and who gave it.
fn same_record(a: &Rating, b: &Rating) -> bool {
    a.scores == b.scores
        && a.measure == b.measure
        && a.session_id == b.session_id
        && a.rater == b.rater
        && a.recorded_at == b.recorded_at
        && a.scale_id == b.scale_id
        && a.scale_version == b.scale_version
        && a.line == b.line
}

/// A later edit of the client or session date, as `merge` would take it.
fn is_newer_edit(stored: &Rating, file: &Rating) -> bool {
    file.updated_at > stored.updated_at
        && (file.client_id != stored.client_id || file.session_at != stored.session_at)
}

/// The stored data with the plan applied; label changes only when
/// `accept_label_changes`, stamped `now` so a merge with another tab keeps
/// them. Records added to `stored` since the plan was made are never
/// overwritten (an id already present is skipped).
pub fn apply(
    plan: &ImportPlan,
    stored: &Store,
    accept_label_changes: bool,
    now: DateTime<Utc>,
) -> Store {
    let mut out = stored.clone();
    if accept_label_changes {
        for ch in &plan.label_changes {
            if let Some(c) = out.clients.iter_mut().find(|c| c.id == ch.client_id) {
                c.label.clone_from(&ch.incoming);
                c.updated_at = c.updated_at.max(Some(now));
            }
        }
    }
    for c in &plan.new_clients {
        if !out.clients.iter().any(|o| o.id == c.id) {
            out.clients.push(c.clone());
        }
    }
    for n in &plan.new_members {
        if let Some(c) = out.clients.iter_mut().find(|c| c.id == n.client_id) {
            if !c.members.iter().any(|m| m.id == n.member.id) {
                c.members.push(n.member.clone());
            }
        }
    }
    for r in &plan.new_ratings {
        if !out.ratings.iter().any(|o| o.id == r.id) {
            out.ratings.push(r.clone());
        }
    }
    for r in &plan.edited {
        if let Some(o) = out.ratings.iter_mut().find(|o| o.id == r.id) {
            if r.updated_at > o.updated_at {
                take_edits(o, r);
            }
        }
    }
    for u in &plan.new_unrated {
        if !out.unrated.iter().any(|o| o.id == u.id) {
            out.unrated.push(u.clone());
        }
    }
    out.episode_ends = merge_ends(&out.episode_ends, &plan.episode_ends);
    out
}

/// The file's differing copies as a store of their own, so the UI can offer
/// them as a download ("export the differing copies"): with the file's
/// clients they belong to, and no backup time.
pub fn differing_store(plan: &ImportPlan, incoming: &Store) -> Store {
    let ids: HashSet<&str> = plan
        .differing
        .iter()
        .filter_map(|r| r.client_id.as_deref())
        .collect();
    let clients: Vec<Client> = incoming
        .clients
        .iter()
        .filter(|c| ids.contains(c.id.as_str()))
        .cloned()
        .collect();
    // A client the file lacks would make the download unreadable: drop the link, keep the rating.
    let ratings = plan.differing.iter().cloned().map(|mut r| {
        if r.client_id
            .as_deref()
            .is_some_and(|cid| !clients.iter().any(|c| c.id == cid))
        {
            r.client_id = None;
        }
        r
    });
    Store {
        ratings: ratings.collect(),
        clients,
        last_backup_at: None,
        unrated: Vec::new(),
        episode_ends: Vec::new(),
    }
}

/// `attune-differing-copies-2026-11-22.json`: the download of the file's
/// differing copies, named apart from a backup so it is not mistaken for one.
pub fn differing_file_name(now: DateTime<Utc>) -> String {
    format!(
        "attune-differing-copies-{}.json",
        crate::domain::time::date(now)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut_in_the_preview_and_short_ones_kept() {
        assert_eq!(shown("  AB "), "AB");
        let long = "x".repeat(5_000);
        let cut = shown(&long);
        assert_eq!(cut.chars().count(), SHOWN_LABEL_CHARS + 1);
        assert!(cut.ends_with('\u{2026}'));
    }
}
