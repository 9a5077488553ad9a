//! The stored document: a versioned envelope of clients and ratings, its
//! decoder (with forward-only migrations) and the merge that keeps two tabs or
//! an import from ever losing a rating.

use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::score::Tenths;
use crate::domain::records::case::{merge_members, CaseKind, Member};
use crate::domain::records::episode_end::{merge_ends, EpisodeEnd};
use crate::domain::records::unrated::UnratedSession;
use crate::domain::words::Words;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use thiserror::Error;

/// Marker that tells an Attune document from any other JSON.
pub const SCHEMA: &str = "attune";

/// The version this build writes. Bump it with a migration and a fixture.
///
/// 3 added the optional note on a rating. A version-2 app would read such a
/// document (unknown fields are ignored) and then write it back without the
/// notes; with the bump it opens the document read-only instead, and refuses
/// to import a backup with notes, so no note is ever silently dropped.
///
/// 5 made the session the unit: a rating may be an ORS (`measure`), belong
/// to a session shared with other measures (`session_id`) and name its rater
/// (`rater`); a client has an age group. A version-4 app would read an ORS
/// as an SRS, so it must open such a document read-only. Still version 5
/// (added before it was released): a client may be a couple, a family or a
/// group (`kind`) with `members`, and a rater may be one of them.
///
/// 6 gave a clinic its therapists: a client has the therapist whose
/// caseload holds them (`therapist`) and a measure the therapist who held
/// its session. A version-5 tab still open after an update would write a
/// renamed client back without its therapist; with the bump its copy counts
/// as older and is merged field by field (`older`), so no assignment is
/// cleared.
///
/// 7 gave a client a language for the measures (`language`) and a rating
/// the wording it was shown in (`wording`); a version-6 tab would write a
/// renamed client back without its language, so its copy counts as older.
///
/// 8 gave a client the choice to have the form's lines read aloud
/// (`read_aloud`); a version-7 tab would write a renamed client back
/// without it, so its copy counts as older.
pub const CURRENT_VERSION: u32 = 8;

/// A client, known only by a short label the therapist chooses (no full names).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    /// Unique id, referenced by ratings.
    pub id: String,
    /// Initials or a code.
    pub label: String,
    /// Archived clients are hidden from pickers but keep their history.
    #[serde(default)]
    pub archived: bool,
    /// When the client was added.
    #[serde(with = "crate::domain::time::rfc3339")]
    pub created_at: DateTime<Utc>,
    /// When the label or the archive flag last changed; merges keep the
    /// later copy, so a rename or an unarchive in one tab is not undone by another.
    #[serde(
        default,
        with = "crate::domain::time::rfc3339_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<DateTime<Utc>>,
    /// Whose ORS norms apply (version 5); adult unless the therapist says
    /// otherwise, and left out of the record when adult.
    #[serde(default, skip_serializing_if = "AgeGroup::is_adult")]
    pub age_group: AgeGroup,
    /// What kind of case this is (version 5); an individual unless the
    /// therapist says otherwise, and left out of the record then.
    #[serde(default, skip_serializing_if = "CaseKind::is_individual")]
    pub kind: CaseKind,
    /// The people in the case besides the client record (version 5):
    /// partners, family or group members, collateral raters. Left out of the
    /// record when there are none, as for every individual.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Member>,
    /// The therapist whose caseload holds this client (version 6), by the
    /// short name they go by on the clinic's devices; `None` on a device
    /// that names no therapists, and left out of the record then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub therapist: Option<String>,
    /// The language the client rates the measures in (version 7), a BCP 47
    /// tag (`es`); `None` for Attune's own English, and left out then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Whether the form reads each line's title and ends aloud for this
    /// client (version 8): a child or a client who cannot read. Left out
    /// of the record when off.
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_aloud: bool,
}

/// Serde's test for a flag left out of the record while off.
fn is_false(b: &bool) -> bool {
    !*b
}

/// Everything Attune keeps about a device's clients and ratings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Store {
    /// Clients, in the order they were added.
    #[serde(default)]
    pub clients: Vec<Client>,
    /// Ratings, in the order they were saved.
    #[serde(default)]
    pub ratings: Vec<Rating>,
    /// When the last full backup was exported, for the reminder.
    #[serde(default, with = "crate::domain::time::rfc3339_opt")]
    pub last_backup_at: Option<DateTime<Utc>>,
    /// Sessions logged without an SRS ("no rating today"), so the caseload
    /// and "My alliance" can show how often the SRS was given (version 4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unrated: Vec<UnratedSession>,
    /// The ends of episodes of care (how and when a course of treatment
    /// ended, or that an end was taken back). Left out while empty, so a
    /// document with none reads and writes as before; no version change,
    /// since a build that predates them leaves their records alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub episode_ends: Vec<EpisodeEnd>,
}

/// The envelope written to storage and to backup files.
#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    schema: String,
    version: u32,
    #[serde(flatten)]
    body: T,
}

/// A document that was read successfully.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The data, in the current shape.
    pub store: Store,
    /// The version it was written with.
    pub from_version: u32,
}

impl Decoded {
    /// True when the data was written by a newer Attune: show it, never rewrite it.
    pub fn read_only(&self) -> bool {
        self.from_version > CURRENT_VERSION
    }

    /// True when a migration ran (the upgraded copy should be written back).
    pub fn migrated(&self) -> bool {
        self.from_version < CURRENT_VERSION
    }
}

/// Why a document could not be read. Each message names the problem plainly.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON at all (truncated, random bytes…).
    #[error("the data is not valid JSON ({0})")]
    NotJson(String),
    /// JSON, but not an Attune document.
    #[error("this is not an Attune file: {0}")]
    NotAttune(String),
    /// An Attune document whose contents do not fit its version.
    #[error("the data has the wrong shape for version {version}: {detail}")]
    Shape {
        /// Version the document claims.
        version: u32,
        /// What did not fit.
        detail: String,
    },
    /// The contents parse but break a rule (score out of range, duplicate id…).
    #[error("{0}")]
    Invalid(Broken),
}

/// The rule a document breaks ([`validate`]).
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Broken {
    /// A client's id is empty or repeated.
    #[error("client id \"{0}\" is empty or appears twice")]
    ClientId(String),
    /// A member's id is empty or repeated within their client.
    #[error("client \"{client}\" has a member id \"{member}\" that is empty or appears twice")]
    MemberId {
        /// The client's id.
        client: String,
        /// The member's id.
        member: String,
    },
    /// A rating's id is empty or repeated.
    #[error("rating id \"{0}\" is empty or appears twice")]
    RatingId(String),
    /// A rating with no scores or too many.
    #[error("rating \"{rating}\" has {scores} scores")]
    Scores {
        /// The rating's id.
        rating: String,
        /// How many scores it has.
        scores: usize,
    },
    /// A rating of a client the document does not hold.
    #[error("rating \"{rating}\" belongs to an unknown client \"{client}\"")]
    UnknownClient {
        /// The rating's id.
        rating: String,
        /// The client id it names.
        client: String,
    },
    /// A session without a rating with a bad id or client.
    #[error(
        "the session without a rating \"{0}\" has an empty or repeated id or an unknown client"
    )]
    Unrated(String),
    /// An episode's end with a bad id or client.
    #[error("the end of an episode \"{0}\" has an empty or repeated id or an unknown client")]
    EpisodeEnd(String),
}

impl Broken {
    /// The rule in `w`'s language (ids as found).
    pub fn words(&self, w: Words) -> String {
        match self {
            Broken::ClientId(id) => w.trf(
                "client id \"{id}\" is empty or appears twice",
                &[("id", id)],
            ),
            Broken::MemberId { client, member } => w.trf(
                "client \"{client}\" has a member id \"{member}\" that is empty or appears twice",
                &[("client", client), ("member", member)],
            ),
            Broken::RatingId(id) => w.trf(
                "rating id \"{id}\" is empty or appears twice",
                &[("id", id)],
            ),
            Broken::Scores { rating, scores } => w.trf(
                "rating \"{rating}\" has {scores} scores",
                &[("rating", rating), ("scores", scores)],
            ),
            Broken::UnknownClient { rating, client } => w.trf(
                "rating \"{rating}\" belongs to an unknown client \"{client}\"",
                &[("rating", rating), ("client", client)],
            ),
            Broken::Unrated(id) => w.trf(
                "the session without a rating \"{id}\" has an empty or repeated id or an unknown client",
                &[("id", id)],
            ),
            Broken::EpisodeEnd(id) => w.trf(
                "the end of an episode \"{id}\" has an empty or repeated id or an unknown client",
                &[("id", id)],
            ),
        }
    }
}

impl DecodeError {
    /// The message in `w`'s language, for the page (`Display` keeps the
    /// English for logs). What the JSON reader reports and a broken rule's
    /// ids stay as found.
    pub fn words(&self, w: Words) -> String {
        match self {
            DecodeError::NotJson(e) => {
                w.trf("the data is not valid JSON ({error})", &[("error", e)])
            }
            DecodeError::NotAttune(why) => {
                let why = match why.as_str() {
                    TOP_NOT_OBJECT => {
                        w.tr("the top level is not an object with \"schema\" and \"version\"")
                    }
                    NO_SCHEMA => w.tr("the \"schema\" field is missing or not \"attune\""),
                    NO_VERSION => {
                        w.tr("the \"version\" field is missing or not a positive whole number")
                    }
                    other => other,
                };
                w.trf("this is not an Attune file: {why}", &[("why", &why)])
            }
            DecodeError::Shape { version, detail } => w.trf(
                "the data has the wrong shape for version {version}: {detail}",
                &[("version", version), ("detail", detail)],
            ),
            DecodeError::Invalid(why) => why.words(w),
        }
    }
}

/// [`DecodeError::NotAttune`]'s reasons.
const TOP_NOT_OBJECT: &str = "the top level is not an object with \"schema\" and \"version\"";
const NO_SCHEMA: &str = "the \"schema\" field is missing or not \"attune\"";
const NO_VERSION: &str = "the \"version\" field is missing or not a positive whole number";

/// Encodes a store as the current envelope.
pub fn encode(store: &Store) -> String {
    let env = Envelope {
        schema: SCHEMA.to_string(),
        version: CURRENT_VERSION,
        body: store,
    };
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string(&env).expect("store serialises")
}

/// Decodes any version of the document, migrating forward to the current shape.
///
/// A newer version is read as far as the current shape goes (unknown fields
/// are ignored) and flagged read-only by [`Decoded::read_only`].
pub fn decode(text: &str) -> Result<Decoded, DecodeError> {
    // Read the envelope's header first, then the body typed by its version;
    // going through serde_json::Value instead would double the decoder's size.
    let head: Head = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            DecodeError::NotAttune(TOP_NOT_OBJECT.into())
        } else {
            DecodeError::NotJson(e.to_string())
        }
    })?;
    if head.schema.as_deref() != Some(SCHEMA) {
        return Err(DecodeError::NotAttune(NO_SCHEMA.into()));
    }
    let version = head
        .version
        .filter(|v| *v >= 1)
        .ok_or_else(|| DecodeError::NotAttune(NO_VERSION.into()))?;
    let shape = |e: serde_json::Error| DecodeError::Shape {
        version,
        detail: e.to_string(),
    };
    let store = match version {
        1 => migrate_v1(serde_json::from_str(text).map_err(shape)?),
        // Version 2 is version 3 without notes, 3 is 4 without sessions
        // logged unrated, and 4 is 5 without ORS, shared sessions, raters or
        // age groups: the new fields default to "none", "SRS", "its own
        // session", "the client" and "adult", so the migration is reading
        // them as they are.
        _ => serde_json::from_str::<Store>(text).map_err(shape)?,
    };
    validate(&store)?;
    Ok(Decoded {
        store,
        from_version: version,
    })
}

/// Just enough of the envelope to choose the decoder. Non-string `schema` or
/// non-integer `version` fail here as data errors.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    schema: Option<String>,
    #[serde(default)]
    version: Option<u32>,
}

/// Checks the rules serde cannot: ids unique, ratings complete, clients known.
///
/// Member ids must be non-empty and unique within their client. A rating's
/// rater is deliberately not checked against the members: a rating naming a
/// person its client no longer lists (a session moved to another client, a
/// backup of ratings without their case) is kept and read by
/// [`crate::domain::raters::roster::rater_label`], never refused, so no
/// rating is lost for its rater.
pub fn validate(store: &Store) -> Result<(), DecodeError> {
    let mut ids = HashSet::new();
    for c in &store.clients {
        if c.id.is_empty() || !ids.insert(c.id.as_str()) {
            return Err(DecodeError::Invalid(Broken::ClientId(c.id.clone())));
        }
        let mut member_ids = HashSet::new();
        for m in &c.members {
            if m.id.is_empty() || !member_ids.insert(m.id.as_str()) {
                return Err(DecodeError::Invalid(Broken::MemberId {
                    client: c.id.clone(),
                    member: m.id.clone(),
                }));
            }
        }
    }
    let mut rating_ids = HashSet::new();
    for r in &store.ratings {
        if r.id.is_empty() || !rating_ids.insert(r.id.as_str()) {
            return Err(DecodeError::Invalid(Broken::RatingId(r.id.clone())));
        }
        if r.scores.is_empty() || r.scores.len() > 16 {
            return Err(DecodeError::Invalid(Broken::Scores {
                rating: r.id.clone(),
                scores: r.scores.len(),
            }));
        }
        if let Some(cid) = &r.client_id {
            if !ids.contains(cid.as_str()) {
                return Err(DecodeError::Invalid(Broken::UnknownClient {
                    rating: r.id.clone(),
                    client: cid.clone(),
                }));
            }
        }
    }
    let mut unrated_ids = HashSet::new();
    for u in &store.unrated {
        if u.id.is_empty()
            || !unrated_ids.insert(u.id.as_str())
            || !ids.contains(u.client_id.as_str())
        {
            return Err(DecodeError::Invalid(Broken::Unrated(u.id.clone())));
        }
    }
    let mut end_ids = HashSet::new();
    for e in &store.episode_ends {
        if e.id.is_empty() || !end_ids.insert(e.id.as_str()) || !ids.contains(e.client_id.as_str())
        {
            return Err(DecodeError::Invalid(Broken::EpisodeEnd(e.id.clone())));
        }
    }
    Ok(())
}

/// Version 1 (the foundation release): ratings only, one timestamp each.
#[derive(Deserialize)]
struct V1 {
    ratings: Vec<V1Rating>,
}

#[derive(Deserialize)]
struct V1Rating {
    id: String,
    #[serde(with = "crate::domain::time::rfc3339")]
    timestamp: DateTime<Utc>,
    scores: Vec<Tenths>,
    scale_id: String,
    scale_version: u32,
}

fn migrate_v1(v1: V1) -> Store {
    Store {
        clients: Vec::new(),
        ratings: v1
            .ratings
            .into_iter()
            .map(|r| Rating {
                id: r.id,
                recorded_at: r.timestamp,
                session_at: r.timestamp,
                client_id: None,
                scores: r.scores,
                scale_id: r.scale_id,
                scale_version: r.scale_version,
                line: None,
                updated_at: None,
                note: None,
                ..Rating::default()
            })
            .collect(),
        last_backup_at: None,
        unrated: Vec::new(),
        episode_ends: Vec::new(),
    }
}

/// What a merge added, for the import summary ("24 new ratings, 3 already present").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeSummary {
    /// Ratings that were not in the base.
    pub new_ratings: usize,
    /// Ratings whose id the base already had.
    pub existing_ratings: usize,
    /// Clients that were not in the base.
    pub new_clients: usize,
}

/// Merges `other` into `base` by record id: nothing in either is lost.
///
/// A shared id means the same record. Scores never change after saving; only
/// the client assignment, the session date and the note (ratings) and the
/// label or archive flag (clients) can be edited, and each edit stamps
/// `updated_at`. So for a shared id the copy edited last wins, and the base's
/// copy on a tie: no rating is ever dropped, and no edit is undone by an
/// older copy. A case's members are merged one by one the same way (the
/// later copy of each member, every member of either copy kept), so a member
/// added in one tab survives a rename of the case in another. A winning rating copy brings only those editable fields: the
/// scores, times of saving, scale and line of the base are kept, so a
/// tampered or corrupted copy can never rewrite what the client marked.
pub fn merge(base: &Store, other: &Store) -> (Store, MergeSummary) {
    let mut out = base.clone();
    let mut summary = MergeSummary::default();
    for c in &other.clients {
        match out.clients.iter_mut().find(|b| b.id == c.id) {
            Some(existing) => {
                let members = merge_members(&existing.members, &c.members);
                if c.updated_at > existing.updated_at {
                    // A therapist is moved (a transfer), never cleared: a
                    // copy without one (an older device's, a backup from
                    // before) keeps the one this copy had.
                    let therapist = existing.therapist.take();
                    *existing = c.clone();
                    if existing.therapist.is_none() {
                        existing.therapist = therapist;
                    }
                }
                existing.members = members;
            }
            None => {
                out.clients.push(c.clone());
                summary.new_clients += 1;
            }
        }
    }
    let known: HashMap<&str, usize> = base
        .ratings
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    for r in &other.ratings {
        match known.get(r.id.as_str()) {
            Some(&i) => {
                summary.existing_ratings += 1;
                if r.updated_at > out.ratings[i].updated_at {
                    take_edits(&mut out.ratings[i], r);
                }
            }
            None => {
                out.ratings.push(r.clone());
                summary.new_ratings += 1;
            }
        }
    }
    // Logged sessions are never edited: the union by id keeps every one.
    for u in &other.unrated {
        if !out.unrated.iter().any(|b| b.id == u.id) {
            out.unrated.push(u.clone());
        }
    }
    // An end can be edited (its reason, its date, taken back): the copy
    // edited last wins, as for clients.
    out.episode_ends = merge_ends(&base.episode_ends, &other.episode_ends);
    out.last_backup_at = base.last_backup_at.max(other.last_backup_at);
    (out, summary)
}

/// True when `merged` (another tab's stored data merged with this tab's)
/// holds anything `stored` lacks: a rating or client they did not have, or
/// a later edit of any record (a client, a rating's note, an episode's end).
/// Then the union is written back at once, so the other tab's save did not
/// leave this tab's change in memory only.
pub fn holds_more(merged: &Store, stored: &Store) -> bool {
    merged != stored
}

/// Copies the fields a saved rating may still change (client, session date,
/// note, who held the session unless `from` names no one, and the stamp of
/// that edit) from `from` into `into`. Everything the client
/// marked, and when and how it was recorded, stays as `into` has it: scores
/// are immutable once saved, whoever holds a later `updated_at`.
pub fn take_edits(into: &mut Rating, from: &Rating) {
    into.client_id.clone_from(&from.client_id);
    into.session_at = from.session_at;
    into.note.clone_from(&from.note);
    // Who held the session is stamped once and never cleared: a later edit
    // from a copy that was not stamped yet (another device's note) keeps it.
    if from.therapist.is_some() {
        into.therapist.clone_from(&from.therapist);
    }
    into.updated_at = from.updated_at;
}
