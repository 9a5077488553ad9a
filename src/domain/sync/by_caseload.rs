//! Sync by caseload, wired: a therapist's caseload id from the name the
//! clinic knows them by, the databases a device joins from the therapists
//! named on it, the part of the store each database takes, the records a
//! pull may keep, where each database's own notes are kept on the device,
//! and one status for all of them.
//!
//! A device that names no therapist syncs the clinic's database exactly as
//! before ([`Plan::Clinic`]: the whole store, the notes where they always
//! were). A device that names therapists joins the caseload database of
//! each of them ([`Plan::Caseloads`]); its unassigned ratings go to the
//! caseload of the therapist working (its home).

use crate::domain::device::therapists::DeviceTherapists;
use crate::domain::records::layout::Record;
use crate::domain::records::store::Store;
use crate::domain::records::therapist::check_name;
use crate::domain::sync::caseloads::{
    arrival, destination, owner, Arrival, Assignments, Caseload, CaseloadError, Destination,
    Joined, TherapistId, MAX_THERAPIST_ID,
};
use crate::domain::sync::engine;
use crate::domain::sync::revs::doc_id;
use crate::domain::sync::status::Trouble;
use crate::domain::words::Words;
use std::collections::HashMap;
use thiserror::Error;

/// Why a therapist's name cannot name a caseload.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum NameIdError {
    /// Not a therapist's name at all (empty, too long, a control character).
    #[error("{0}")]
    Name(String),
    /// Spelled for the server, the name would pass [`MAX_THERAPIST_ID`].
    #[error("\u{201c}{0}\u{201d} is too long to name a caseload on the clinic server once its letters outside a\u{2013}z are spelled out; use a shorter name or initials.")]
    TooLong(String),
}

impl NameIdError {
    /// The refusal in `w`'s language (`Display` keeps Attune's English; a
    /// name's own refusal is the records' words, in English).
    pub fn words(&self, w: Words) -> String {
        match self {
            NameIdError::Name(why) => why.clone(),
            NameIdError::TooLong(name) => w.trf(
                "\u{201c}{name}\u{201d} is too long to name a caseload on the clinic server once its letters outside a\u{2013}z are spelled out; use a shorter name or initials.",
                &[("name", name)],
            ),
        }
    }
}

/// The caseload id of the therapist going by `name`: the name trimmed and
/// in small letters, `a-z`, `0-9`, `.` and `-` kept, every other character
/// written as `_` and the hex of its UTF-8 bytes ("Zoë K" → `zo_c3_ab_20k`).
///
/// One-to-one apart from case: two names are the same therapist
/// ([`crate::domain::records::therapist::same_name`]) exactly when their
/// ids are equal, since `_` itself is always spelled out and every escape
/// is three characters. Refused when the spelling passes
/// [`MAX_THERAPIST_ID`] (a long name in a non-Latin script).
pub fn therapist_id(name: &str) -> Result<TherapistId, NameIdError> {
    let name = check_name(name).map_err(|e| NameIdError::Name(e.to_string()))?;
    let mut id = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-' {
            id.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                id.push('_');
                id.push_str(&crate::domain::sync::digest::hex(&[b]));
            }
        }
    }
    if id.len() > MAX_THERAPIST_ID {
        return Err(NameIdError::TooLong(name));
    }
    TherapistId::parse(&id).map_err(|_| NameIdError::TooLong(name))
}

/// The caseload a record naming `therapist` is in: theirs, or the clinic's
/// when it names none (or a name no caseload can be named after).
pub fn caseload_named(therapist: Option<&str>) -> Caseload {
    therapist
        .and_then(|t| therapist_id(t).ok())
        .map_or(Caseload::Clinic, Caseload::Therapist)
}

/// Each client of `store` and the caseload they are in, by their therapist.
pub fn assignments(store: &Store) -> Assignments {
    let mut a = Assignments::default();
    for c in &store.clients {
        a.set(&c.id, caseload_named(c.therapist.as_deref()));
    }
    a
}

/// What a device syncs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// No therapist named: the clinic's database, the whole store, as
    /// before sync knew caseloads.
    Clinic,
    /// Each caseload joined, with its database; the home caseload last, so
    /// the live pull follows the database the last run ended in.
    Caseloads {
        /// Who joined what (the rules of `destination` and `arrival`).
        joined: Joined,
        /// `(caseload, database)`, the home last.
        databases: Vec<(Caseload, String)>,
    },
}

/// The plan of a device whose therapists are `therapists` in the clinic
/// whose database is `clinic_db`: its home is the therapist working (else
/// the first named). A name no caseload can be named after is left out
/// (Settings refuses such a name when it is added).
pub fn plan(therapists: &DeviceTherapists, clinic_db: &str) -> Result<Plan, CaseloadError> {
    let ids: Vec<TherapistId> = therapists
        .list
        .iter()
        .filter_map(|t| therapist_id(&t.name).ok())
        .collect();
    let home = therapists
        .working()
        .and_then(|t| therapist_id(&t.name).ok())
        .or_else(|| ids.first().cloned());
    let Some(home) = home else {
        return Ok(Plan::Clinic);
    };
    let home = Caseload::Therapist(home);
    let joined = Joined::lead(home.clone(), ids.into_iter().map(Caseload::Therapist));
    let mut databases = joined.databases(clinic_db)?;
    databases.sort_by_key(|(c, _)| *c == home);
    Ok(Plan::Caseloads { joined, databases })
}

/// Which database already holds each document (the first joined database
/// whose notes name it), by document id: where an unassigned rating pulled
/// from a caseload's database stays.
pub type Placed = HashMap<String, Caseload>;

/// Where `record` goes from this device: by [`destination`], except that a
/// record of no client already held in a joined caseload's database
/// (`placed`) stays there. Why: a lead's device holds several caseloads'
/// unassigned ratings, and each belongs to the caseload of the device that
/// made it, not to the lead's home.
pub fn goes_to(
    record: &Record,
    assignments: &Assignments,
    joined: &Joined,
    placed: &Placed,
) -> Destination {
    if owner(record, assignments).is_none() {
        let id = doc_id(record.kind(), record.id());
        if let Some(c) = placed.get(&id).filter(|c| joined.holds(c)) {
            return Destination::Database(c.clone());
        }
    }
    destination(record, assignments, joined)
}

/// The part of `store` that goes to `caseload`'s database: the records
/// [`goes_to`] sends there. Everything else of the store is left out of
/// that database's run (another caseload's, or kept on this device).
pub fn part(store: &Store, caseload: &Caseload, joined: &Joined, placed: &Placed) -> Store {
    let a = assignments(store);
    let here = Destination::Database(caseload.clone());
    let mut out = Store {
        last_backup_at: store.last_backup_at,
        ..Store::default()
    };
    for r in engine::records(store).filter(|r| goes_to(r, &a, joined, placed) == here) {
        match r {
            Record::Client(c) => out.clients.push(c),
            Record::Rating(r) => out.ratings.push(r),
            Record::Unrated(u) => out.unrated.push(u),
            Record::EpisodeEnd(e) => out.episode_ends.push(e),
        }
    }
    out
}

/// The records pulled from `from`'s database this device keeps, by
/// [`arrival`]: a client is placed by the therapist it names, the others by
/// their client as this device knows them (with the clients pulled beside
/// them). A record of a caseload not joined here is never kept. Nor is a
/// copy of a record this device already holds for another joined database
/// (by [`goes_to`]): that database's run syncs it, and a copy from here
/// must not overwrite an edit not yet sent there (the run's own check for
/// edits sees only this database's part).
pub fn admit(
    from: &Caseload,
    records: Vec<Record>,
    store: &Store,
    joined: &Joined,
    placed: &Placed,
) -> Vec<Record> {
    let held = assignments(store);
    let here = Destination::Database(from.clone());
    let elsewhere: std::collections::HashSet<String> = engine::records(store)
        .filter(|r| goes_to(r, &held, joined, placed) != here)
        .map(|r| doc_id(r.kind(), r.id()))
        .collect();
    let mut a = held;
    for r in &records {
        if let Record::Client(c) = r {
            a.set(&c.id, caseload_named(c.therapist.as_deref()));
        }
    }
    records
        .into_iter()
        .filter(|r| !elsewhere.contains(&doc_id(r.kind(), r.id())))
        .filter(|r| {
            let named = match r {
                Record::Client(c) => Some(caseload_named(c.therapist.as_deref())),
                _ => None,
            };
            arrival(from, r, named.as_ref(), &a, joined) == Arrival::Accept
        })
        .collect()
}

/// Where a caseload database's own sync notes live on the device: under
/// `attune.sync.in.<database>.`, so two databases never share a note and
/// turning sync off (which forgets every `attune.sync.` key) forgets them
/// too. The clinic's database keeps its notes where they always were
/// (`None`): a device that names no therapist reads them unchanged.
pub fn scope(caseload: &Caseload, database: &str) -> Option<String> {
    match caseload {
        Caseload::Clinic => None,
        Caseload::Therapist(_) => Some(format!("attune.sync.in.{database}.")),
    }
}

/// `key` (an `attune.` key of the sync notes) as kept under `scope`.
pub fn scoped_key(scope: &str, key: &str) -> String {
    format!("{scope}{}", key.strip_prefix("attune.").unwrap_or(key))
}

/// The key [`scoped_key`] was given, from the key as kept; `None` for a key
/// outside `scope`.
pub fn unscoped_key(scope: &str, kept: &str) -> Option<String> {
    kept.strip_prefix(scope).map(|k| format!("attune.{k}"))
}

/// Records the device holds that no database it joined takes (a client of
/// a therapist not named here, or a record of no caseload): they stay on
/// this device. Zero on a device that syncs the clinic's database.
pub fn kept_here(store: &Store, plan: &Plan) -> usize {
    let Plan::Caseloads { joined, .. } = plan else {
        return 0;
    };
    let a = assignments(store);
    engine::records(store)
        .filter(|r| !matches!(destination(r, &a, joined), Destination::Database(_)))
        .count()
}

/// One outcome for the runs of every database: the first trouble met
/// (each database still ran), else the sums of what each did.
pub fn combined<R: Default + std::ops::AddAssign>(
    outcomes: impl IntoIterator<Item = Result<R, Trouble>>,
) -> Result<R, Trouble> {
    let mut total = R::default();
    let mut trouble = None;
    for o in outcomes {
        match o {
            Ok(r) => total += r,
            Err(t) => {
                trouble.get_or_insert(t);
            }
        }
    }
    trouble.map_or(Ok(total), Err)
}

/// What Settings → Sync says a device syncs: the clinic's database, or the
/// caseloads of the therapists named here (`names`, as the device lists
/// them), each in its own database.
pub fn syncs_words(clinic_db: &str, names: &[String], w: Words) -> String {
    match names {
        [] => w.trf(
            "This device syncs the clinic database {db}.",
            &[("db", &clinic_db)],
        ),
        [one] => w.trf(
            "This device syncs {name}'s caseload, in its own database.",
            &[("name", one)],
        ),
        [rest @ .., last] => w.trf(
            "This device syncs the caseloads of {names} and {last}, each in its own database.",
            &[("names", &rest.join(", ")), ("last", last)],
        ),
    }
}

/// What the status says of records no joined database takes.
pub fn kept_words(count: usize, w: Words) -> Option<String> {
    (count > 0).then(|| {
        w.trn(
            "{n} record belongs to a caseload this device does not sync; it stays on this device.",
            "{n} records belong to caseloads this device does not sync; they stay on this device.",
            count,
            &[],
        )
    })
}
