//! Sync by caseload: which CouchDB database each record belongs to, which
//! databases a device joins, and what it refuses when a record arrives
//! from where it does not belong.
//!
//! Why one database per caseload: CouchDB enforces read access per
//! database (`_security` members), never per document. With one database
//! per therapist's caseload the server itself refuses therapist A's device
//! when it asks for B's clients, and a device holds only the caseloads it
//! joined (each under its own data key, wrapped as the clinic key is
//! today, see [`crate::domain::sync::keys`]).
//!
//! Names. A therapist has a stable id (`t-4c1e…` or a code the clinic
//! chose), which is also the id of their caseload. Their database is the
//! clinic's database name, `-c-`, and the id spelled safely:
//! `attune-c-t-4c1e`. CouchDB takes only lower-case letters, digits and
//! `_ $ ( ) + - /` in a name, so every character of the id other than
//! `a-z`, `0-9` and `-` is written `_` and two hex digits (`Ana` →
//! `_41na`). The spelling is one-to-one: two ids never share a database,
//! and the id can be read back from the name. The clinic's existing
//! database is the *clinic caseload* (a record with no therapist, the
//! device's only caseload today), so a clinic with one therapist goes on
//! exactly as before.
//!
//! Which caseload a record is in: a client's is their therapist's; a
//! rating, an unrated session and an episode's end follow their client; a
//! rating with no client (a quick, unassigned one) and a record whose
//! client this device does not know stay in the caseload of the device
//! that made them (its home), the only one sure to hold them.

use crate::domain::records::layout::{Kind, Record};
use std::collections::{BTreeSet, HashMap};
use thiserror::Error;

/// The longest therapist id accepted: ids are short codes or `t-<uuid>`.
pub const MAX_THERAPIST_ID: usize = 64;
/// CouchDB's longest database name.
pub const MAX_DB_NAME: usize = 238;
/// What joins the clinic's database name and a therapist's id.
pub const INFIX: &str = "-c-";

/// Why a name or an assignment was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CaseloadError {
    /// Empty, too long, or a character other than `A-Z a-z 0-9 . _ -`.
    #[error("\"{0}\" is not a therapist id (letters, digits, . _ - only, at most 64)")]
    BadTherapist(String),
    /// The clinic's database name breaks CouchDB's rules.
    #[error("\"{0}\" is not a CouchDB database name")]
    BadDatabase(String),
    /// The caseload's database name would be longer than CouchDB allows.
    #[error("the database name for caseload \"{0}\" would be too long")]
    TooLong(String),
}

/// A therapist's id, checked: 1 to [`MAX_THERAPIST_ID`] characters of
/// `A-Z a-z 0-9 . _ -`. Plain ASCII with no `:` keeps it safe inside
/// document ids (`inbox:<id>:…`) and database names alike.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TherapistId(String);

impl TherapistId {
    /// Checks `id`.
    pub fn parse(id: &str) -> Result<TherapistId, CaseloadError> {
        let ok = !id.is_empty()
            && id.len() <= MAX_THERAPIST_ID
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
        if ok {
            Ok(TherapistId(id.to_string()))
        } else {
            Err(CaseloadError::BadTherapist(id.to_string()))
        }
    }

    /// The id as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A caseload: a therapist's, or the clinic's own (records with no
/// therapist, in the clinic's existing database).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Caseload {
    /// The clinic's existing database: records with no therapist.
    Clinic,
    /// One therapist's caseload.
    Therapist(TherapistId),
}

impl Caseload {
    /// The caseload of a record whose therapist is `therapist` (`None`: the
    /// clinic's).
    pub fn of(therapist: Option<&str>) -> Result<Caseload, CaseloadError> {
        therapist.map_or(Ok(Caseload::Clinic), |t| {
            TherapistId::parse(t).map(Caseload::Therapist)
        })
    }

    /// The therapist it belongs to; `None` for the clinic's.
    pub fn therapist(&self) -> Option<&TherapistId> {
        match self {
            Caseload::Clinic => None,
            Caseload::Therapist(t) => Some(t),
        }
    }

    /// Its CouchDB database, given the clinic's: the clinic's own name for
    /// [`Caseload::Clinic`], else `<clinic_db>-c-<id spelled safely>`.
    pub fn database(&self, clinic_db: &str) -> Result<String, CaseloadError> {
        if !valid_db_name(clinic_db) {
            return Err(CaseloadError::BadDatabase(clinic_db.to_string()));
        }
        let Caseload::Therapist(t) = self else {
            return Ok(clinic_db.to_string());
        };
        let name = format!("{clinic_db}{INFIX}{}", spell(t.as_str()));
        if name.len() > MAX_DB_NAME {
            return Err(CaseloadError::TooLong(t.as_str().to_string()));
        }
        Ok(name)
    }

    /// The caseload whose database is `db`, for a clinic whose database is
    /// `clinic_db`; `None` for any other database (another clinic's, the
    /// inbox, a name not spelled as [`Caseload::database`] spells it).
    pub fn from_database(clinic_db: &str, db: &str) -> Option<Caseload> {
        if db == clinic_db {
            return Some(Caseload::Clinic);
        }
        let spelled = db.strip_prefix(clinic_db)?.strip_prefix(INFIX)?;
        let id = TherapistId::parse(&unspell(spelled)?).ok()?;
        // One spelling per id: a name spelled any other way is not ours.
        (spell(id.as_str()) == spelled).then_some(Caseload::Therapist(id))
    }
}

/// CouchDB's rule for a database name: a lower-case letter first, then
/// lower-case letters, digits and `_ $ ( ) + - /`.
pub fn valid_db_name(db: &str) -> bool {
    db.len() <= MAX_DB_NAME
        && db.starts_with(|c: char| c.is_ascii_lowercase())
        && db
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c))
}

/// `a-z 0-9 -` as they are; every other byte as `_` and two hex digits.
fn spell(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' {
            out.push(char::from(b));
        } else {
            out.push('_');
            out.push_str(&crate::domain::sync::digest::hex(&[b]));
        }
    }
    out
}

/// The inverse of [`spell`]; `None` when not a spelling of ASCII.
fn unspell(spelled: &str) -> Option<String> {
    let bytes = spelled.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'_' {
            let hex = spelled.get(i + 1..i + 3)?;
            let b = u8::from_str_radix(hex, 16).ok().filter(u8::is_ascii)?;
            out.push(char::from(b));
            i += 3;
        } else {
            out.push(char::from(bytes[i]));
            i += 1;
        }
    }
    Some(out)
}

/// The client a record is about: a client record's own id, else the
/// record's client (`None` for an unassigned rating).
pub fn client_of(record: &Record) -> Option<&str> {
    match record {
        Record::Client(c) => Some(&c.id),
        Record::Rating(r) => r.client_id.as_deref(),
        Record::Unrated(u) => Some(&u.client_id),
        Record::EpisodeEnd(e) => Some(&e.client_id),
    }
}

/// Each client this device knows and the caseload they are in, built from
/// the client records (their therapist, `None` for the clinic's).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assignments {
    clients: HashMap<String, Caseload>,
}

impl Assignments {
    /// From `(client id, their therapist)` pairs; refused on the first
    /// therapist id that is not one.
    pub fn new<'a>(
        pairs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    ) -> Result<Assignments, CaseloadError> {
        let mut clients = HashMap::new();
        for (client, therapist) in pairs {
            clients.insert(client.to_string(), Caseload::of(therapist)?);
        }
        Ok(Assignments { clients })
    }

    /// From a map of the clients who have a therapist (client id →
    /// therapist id) and every client id this device knows (those not in
    /// the map are the clinic's).
    pub fn from_map<'a>(
        therapists: &HashMap<String, String>,
        known: impl IntoIterator<Item = &'a str>,
    ) -> Result<Assignments, CaseloadError> {
        Assignments::new(
            known
                .into_iter()
                .map(|c| (c, therapists.get(c).map(String::as_str))),
        )
    }

    /// The caseload of `client`; `None` when this device does not know them.
    pub fn get(&self, client: &str) -> Option<&Caseload> {
        self.clients.get(client)
    }

    /// Puts `client` in `caseload` (a transfer, once its plan is done, or a
    /// client record just received).
    pub fn set(&mut self, client: &str, caseload: Caseload) {
        self.clients.insert(client.to_string(), caseload);
    }
}

/// The caseload a record belongs to by the records alone: its client's;
/// `None` for an unassigned rating or a client this device does not know.
pub fn owner(record: &Record, assignments: &Assignments) -> Option<Caseload> {
    client_of(record).and_then(|c| assignments.get(c)).cloned()
}

/// The caseload a record goes to from a device whose home is `home`: its
/// [`owner`], else the home (an unassigned rating stays where it was made).
pub fn caseload_of(record: &Record, assignments: &Assignments, home: &Caseload) -> Caseload {
    owner(record, assignments).unwrap_or_else(|| home.clone())
}

/// The caseloads a device holds in clear and syncs: a therapist's laptop
/// its own, a clinic lead's several, a device of a one-therapist clinic the
/// clinic's, a shared tablet none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Joined {
    home: Option<Caseload>,
    caseloads: BTreeSet<Caseload>,
}

impl Joined {
    /// A device of a clinic not (yet) split by caseload: the clinic's
    /// database only, as today.
    pub fn clinic() -> Joined {
        Joined::lead(Caseload::Clinic, [])
    }

    /// A therapist's own device: their caseload only.
    pub fn therapist(own: TherapistId) -> Joined {
        Joined::lead(Caseload::Therapist(own), [])
    }

    /// A clinic lead's device: its home caseload (where its unassigned
    /// ratings go) and every other caseload it was given.
    pub fn lead(home: Caseload, others: impl IntoIterator<Item = Caseload>) -> Joined {
        let mut caseloads: BTreeSet<Caseload> = others.into_iter().collect();
        caseloads.insert(home.clone());
        Joined {
            home: Some(home),
            caseloads,
        }
    }

    /// A shared tablet: holds no caseload in clear; each rating it takes
    /// goes to its therapist's inbox, sealed.
    pub fn tablet() -> Joined {
        Joined {
            home: None,
            caseloads: BTreeSet::new(),
        }
    }

    /// Where this device's unassigned ratings go; `None` on a tablet.
    pub fn home(&self) -> Option<&Caseload> {
        self.home.as_ref()
    }

    /// True when this device holds `caseload`.
    pub fn holds(&self, caseload: &Caseload) -> bool {
        self.caseloads.contains(caseload)
    }

    /// The caseloads held, the clinic's first, then by therapist id.
    pub fn caseloads(&self) -> impl Iterator<Item = &Caseload> {
        self.caseloads.iter()
    }

    /// The databases this device syncs, with their caseloads, in the order
    /// of [`Joined::caseloads`].
    pub fn databases(&self, clinic_db: &str) -> Result<Vec<(Caseload, String)>, CaseloadError> {
        self.caseloads
            .iter()
            .map(|c| Ok((c.clone(), c.database(clinic_db)?)))
            .collect()
    }
}

/// The kinds a device may send sealed to a caseload it does not hold: what
/// a shared tablet takes (a rating), never a client or a session's log.
pub const SEALABLE: [Kind; 1] = [Kind::Rating];

/// Where a record of this device is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// Its caseload's database, which this device holds.
    Database(Caseload),
    /// Its therapist's inbox, sealed to their public key (this device does
    /// not hold their caseload: a shared tablet, or a laptop after its
    /// client moved on).
    Inbox(TherapistId),
    /// Nowhere: kept on this device only (a tablet's unassigned rating, or
    /// a record of a caseload this device neither holds nor may seal to).
    Keep,
}

/// Where `record` goes from a device that joined `joined`.
pub fn destination(record: &Record, assignments: &Assignments, joined: &Joined) -> Destination {
    let caseload = match (owner(record, assignments), joined.home()) {
        (Some(c), _) => c,
        (None, Some(home)) => home.clone(),
        (None, None) => return Destination::Keep,
    };
    if joined.holds(&caseload) {
        return Destination::Database(caseload);
    }
    match caseload {
        Caseload::Therapist(t) if SEALABLE.contains(&record.kind()) => Destination::Inbox(t),
        _ => Destination::Keep,
    }
}

/// What a device does with a record pulled from a caseload's database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arrival {
    /// Store it (merged by record id with any copy already held, by the
    /// conflict rule, whichever database it came from).
    Accept,
    /// Refuse: this device has not joined that caseload (it should never
    /// have asked; nothing of it is stored).
    NotJoined,
    /// Ignore: the record belongs to a caseload this device does not hold
    /// (a copy a device with an old assignment pushed after a transfer, or a
    /// record about another caseload's client written into this one). A
    /// device never keeps another caseload's records in clear; that
    /// caseload's own database holds the real copy.
    Misplaced(Caseload),
}

/// The rule for a record arriving from `from`. Refused unless `from` is
/// joined; ignored when it belongs to a caseload this device does not
/// hold; else accepted. Where it belongs: for a client record, the
/// caseload it names itself (`named`, its therapist; `None` is read as the
/// clinic's); for the others, their client's as this device knows it
/// (`assignments`).
///
/// Why a record of a *held* caseload is accepted from another held one (a
/// lead's device, in the middle of a transfer): the copies are the same
/// record under the same id, merged as any two copies are; refusing one
/// because the client record that moves it has not arrived yet would skip
/// it for good once the checkpoint passes it. And a record whose client
/// this device does not know yet is accepted: the client follows in the
/// same database.
pub fn arrival(
    from: &Caseload,
    record: &Record,
    named: Option<&Caseload>,
    assignments: &Assignments,
    joined: &Joined,
) -> Arrival {
    if !joined.holds(from) {
        return Arrival::NotJoined;
    }
    let belongs = match record {
        Record::Client(_) => Some(named.cloned().unwrap_or(Caseload::Clinic)),
        _ => owner(record, assignments),
    };
    match belongs {
        Some(c) if !joined.holds(&c) => Arrival::Misplaced(c),
        _ => Arrival::Accept,
    }
}
