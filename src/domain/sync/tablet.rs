//! The clinic inbox, wired (the sealed format itself is [`super::seal`]'s):
//! what a shared tablet keeps of each therapist's key, which of its
//! ratings it sends sealed and to whom, and what a therapist's device does
//! with what it opens and when it closes the inbox copy.
//!
//! A shared tablet signs in as a user of the inbox database only and joins
//! no caseload. When it is set up it reads each named therapist's public
//! key from the inbox and keeps it with its key id ([`Tablet`]); the
//! fingerprint is shown so the clinic lead can compare it with the one the
//! therapist's own device shows. From then on the tablet seals to the key
//! it kept, never to one read later: a key swapped on the server is never
//! used. A rating the tablet takes after a therapist handed it over records
//! that therapist ([`stamp`]); each run sends what [`sends`] picks and
//! forgets each rating the inbox took ([`sent`]), so the tablet holds no
//! caseload in clear beyond its own ratings not yet sent.
//!
//! A therapist's key pair is one per caseload, not one per device: the
//! inbox holds one `pubkey:<therapist>` document, so every device holding
//! the caseload (the therapist's laptop and phone, the lead's) must open
//! what is sealed to it. The private key is therefore kept encrypted under
//! the caseload's data key in the caseload database's own
//! `_local/attune-inbox-key` document ([`SecretKey`]): `_local` documents
//! are not replicated nor listed in the changes feed, the database's
//! members alone may read it, and what they read is ciphertext that only
//! the caseload key opens. Each device imports it non-extractable for use.
//!
//! A therapist's device opens the sealed ratings addressed to it, keeps
//! each as [`received`] says, lets the caseload's run push it, and closes
//! the inbox copy only once the caseload database holds it ([`to_close`]);
//! a sealed rating that does not open stays in the inbox and is counted
//! ([`unopened_words`]).

use crate::domain::measures::rating::Rating;
use crate::domain::records::store::Store;
use crate::domain::records::therapist::same_name;
use crate::domain::sync::base64;
use crate::domain::sync::by_caseload::{caseload_named, therapist_id};
use crate::domain::sync::caseloads::TherapistId;
use crate::domain::sync::crypto_format::{IV_LEN, MAX_CT_LEN, TAG_LEN};
use crate::domain::sync::seal::{Point, PublicKey, SealError, INBOX_PREFIX, KID_LEN};
use crate::domain::words::Words;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The document in a caseload database holding its inbox private key.
pub const SECRET_DOC_ID: &str = "_local/attune-inbox-key";
/// The secret key document's version.
pub const SECRET_VERSION: u64 = 1;

/// One therapist's key as the tablet was shown it when it was set up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptKey {
    /// The therapist's name on this tablet.
    pub name: String,
    /// Their caseload id.
    pub id: String,
    /// The key id, base64 (what the fingerprint shows).
    pub kid: String,
    /// The public key, base64 of the raw point.
    pub key: String,
}

/// What a shared tablet keeps: each therapist's key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tablet {
    /// In the order the therapists are named on the tablet.
    pub keys: Vec<KeptKey>,
}

/// Why a tablet could not be set up.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SetUpError {
    /// No therapist is named on the tablet.
    #[error("Name the clinic's therapists on this tablet first (Settings → Therapists): the tablet sends each rating to the therapist who handed it over.")]
    NoTherapists,
    /// A name cannot name a caseload.
    #[error("{0}")]
    Name(String),
    /// The therapist has published no key yet.
    #[error("{0} has no key in the clinic inbox yet: turn sync on on {0}'s own device first, then set this tablet up again.")]
    NoKey(String),
    /// The key document is not one Attune reads.
    #[error("{0}'s key in the clinic inbox cannot be used ({1}); nothing was set up.")]
    BadKey(String, SealError),
}

impl SetUpError {
    /// Why, in `w`'s language (`Display` keeps Attune's English; a key's
    /// technical fault stays in Attune's English, in brackets).
    pub fn words(&self, w: Words) -> String {
        match self {
            SetUpError::NoTherapists => w.tr("Name the clinic's therapists on this tablet first (Settings → Therapists): the tablet sends each rating to the therapist who handed it over.").to_string(),
            SetUpError::Name(why) => why.clone(),
            SetUpError::NoKey(name) => w.trf(
                "{name} has no key in the clinic inbox yet: turn sync on on {name}'s own device first, then set this tablet up again.",
                &[("name", name)],
            ),
            SetUpError::BadKey(name, e) => w.trf(
                "{name}'s key in the clinic inbox cannot be used ({why}); nothing was set up.",
                &[("name", name), ("why", e)],
            ),
        }
    }
}

impl Tablet {
    /// Reads the stored record; `None` when absent or unreadable.
    pub fn decode(text: &str) -> Option<Tablet> {
        serde_json::from_str(text).ok()
    }

    /// The stored text.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The tablet of the therapists `names`, from each one's key document
    /// as the inbox holds it (`found`: `None` when there is none).
    pub fn set_up(
        names: &[String],
        found: impl Fn(&TherapistId) -> Option<serde_json::Value>,
    ) -> Result<Tablet, SetUpError> {
        if names.is_empty() {
            return Err(SetUpError::NoTherapists);
        }
        let mut keys = Vec::new();
        for name in names {
            let id = therapist_id(name).map_err(|e| SetUpError::Name(e.to_string()))?;
            let doc = found(&id).ok_or_else(|| SetUpError::NoKey(name.clone()))?;
            let key =
                PublicKey::decode(&doc, None).map_err(|e| SetUpError::BadKey(name.clone(), e))?;
            if key.to != id {
                return Err(SetUpError::BadKey(
                    name.clone(),
                    SealError::BadId(key.doc_id()),
                ));
            }
            keys.push(KeptKey {
                name: name.clone(),
                id: id.as_str().to_string(),
                kid: base64::encode(&key.key.kid()),
                key: base64::encode(key.key.bytes()),
            });
        }
        Ok(Tablet { keys })
    }

    /// The key kept for the therapist going by `name`: `None` when none was
    /// kept, or when what is kept does not hold together (its key id is not
    /// its key's: nothing is sealed to a key the tablet was not shown).
    pub fn key_for(&self, name: &str) -> Option<PublicKey> {
        let k = self.keys.iter().find(|k| same_name(&k.name, name))?;
        let to = TherapistId::parse(&k.id).ok()?;
        let key = base64::decode(&k.key).and_then(|b| Point::new(&b))?;
        let kid = base64::decode(&k.kid)?;
        (kid.as_slice() == key.kid().as_slice()).then_some(PublicKey { to, key })
    }

    /// `(name, fingerprint)` of each key kept, for the lead to compare with
    /// what each therapist's device shows.
    pub fn fingerprints(&self) -> Vec<(String, String)> {
        self.keys
            .iter()
            .filter_map(|k| {
                let kid: [u8; KID_LEN] = base64::decode(&k.kid)?.try_into().ok()?;
                Some((k.name.clone(), fingerprint(&kid)))
            })
            .collect()
    }
}

/// A key id as people compare it: 32 hex digits in groups of four.
pub fn fingerprint(kid: &[u8; KID_LEN]) -> String {
    let hex = crate::domain::sync::digest::hex(kid);
    hex.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A rating a shared tablet took, stamped with who handed it over (the
/// therapist working when client mode began, `handed_by`), unless it
/// already says who held its session.
pub fn stamp(rating: &mut Rating, handed_by: Option<&str>) {
    if rating.therapist.is_none() {
        rating.therapist = handed_by.map(str::to_string);
    }
}

/// What one run of a tablet does with its ratings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sends {
    /// Each rating to seal, with the key it goes to.
    pub send: Vec<(Rating, PublicKey)>,
    /// Ratings of a therapist whose key this tablet did not keep (named
    /// after the set-up): they wait on the tablet.
    pub no_key: Vec<String>,
    /// Ratings that name no therapist (taken before anyone was working):
    /// they wait on the tablet, and Settings says so.
    pub no_therapist: usize,
}

/// Which of the tablet's ratings go where this run: each rating naming a
/// therapist whose key was kept is sealed to that key; the others wait.
pub fn sends(store: &Store, tablet: &Tablet) -> Sends {
    let mut out = Sends::default();
    for r in &store.ratings {
        match r.therapist.as_deref() {
            None => out.no_therapist += 1,
            Some(name) => match tablet.key_for(name) {
                Some(key) => out.send.push((r.clone(), key)),
                None => {
                    if !out.no_key.iter().any(|n| same_name(n, name)) {
                        out.no_key.push(name.to_string());
                    }
                }
            },
        }
    }
    out
}

/// Whether the inbox took a sealed rating, from the status of its `PUT`:
/// created, or already there (409: an earlier run sent it and the tablet
/// did not get to forget it). Only then may the tablet forget the rating.
pub fn sent(status: u16) -> bool {
    matches!(status, 201 | 202 | 409)
}

/// What a tablet says of the ratings it holds back.
pub fn waiting_words(sends: &Sends, w: Words) -> Option<String> {
    let mut parts = Vec::new();
    if sends.no_therapist > 0 {
        parts.push(w.trn(
            "{n} rating taken with no therapist working waits on this tablet.",
            "{n} ratings taken with no therapist working wait on this tablet.",
            sends.no_therapist,
            &[],
        ));
    }
    for name in &sends.no_key {
        parts.push(w.trf(
            "Ratings for {name} wait on this tablet: it kept no key of {name}'s; set the tablet up again.",
            &[("name", name)],
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A rating opened from the inbox on the device of the therapist `me`
/// (their name here), as it is kept: it records `me` as the one who held
/// the session unless it says so already, and it stays with the client it
/// names only when that client is held in `me`'s caseload on this device;
/// otherwise it is an unassigned rating of `me`'s caseload (a tablet holds
/// no client list, so its ratings name none).
pub fn received(mut rating: Rating, me: &str, store: &Store) -> Rating {
    stamp(&mut rating, Some(me));
    let mine = caseload_named(Some(me));
    let held = rating.client_id.as_deref().is_some_and(|id| {
        store
            .clients
            .iter()
            .any(|c| c.id == id && caseload_named(c.therapist.as_deref()) == mine)
    });
    if !held {
        rating.client_id = None;
    }
    rating
}

/// The `_all_docs` query (after the database's address) listing the
/// sealed ratings addressed to `to`, with their documents.
pub fn inbox_query(to: &TherapistId) -> String {
    let start = format!("{INBOX_PREFIX}{}:", to.as_str());
    let end = format!("{start}\u{fff0}");
    let q = |s: &str| {
        crate::domain::sync::protocol::percent_encode(
            &serde_json::Value::String(s.into()).to_string(),
        )
    };
    format!(
        "_all_docs?include_docs=true&startkey={}&endkey={}",
        q(&start),
        q(&end)
    )
}

/// One inbox document this device opened and kept the record of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Taken {
    /// The inbox document's id.
    pub id: String,
    /// Its revision (to close it).
    pub rev: String,
    /// The record's own document id in the caseload database.
    pub record_doc_id: String,
}

/// The inbox copies to close now: those whose record the caseload
/// database holds (`synced`: its notes name the record, which a run notes
/// only once the server has it). The others stay until a later run.
pub fn to_close(taken: &[Taken], synced: impl Fn(&str) -> bool) -> Vec<&Taken> {
    taken.iter().filter(|t| synced(&t.record_doc_id)).collect()
}

/// What the status says on a device asked to receive the clinic inbox that
/// names no therapist: it syncs the clinic's one database, has no caseload
/// of its own, so no key of its own to publish, and receives nothing.
pub fn no_caseload_words(w: Words) -> &'static str {
    w.tr("This device receives no rating from the clinic's shared tablets: it names no therapist, so it has no caseload of its own. Add yourself in Settings → Therapists; then its caseload's key is published for the tablets.")
}

/// What the status says of sealed ratings that did not open here.
pub fn unopened_words(count: usize, w: Words) -> Option<String> {
    (count > 0).then(|| {
        w.trn(
            "{n} sealed rating in the clinic inbox does not open on this device; it stays in the inbox.",
            "{n} sealed ratings in the clinic inbox do not open on this device; they stay in the inbox.",
            count,
            &[],
        )
    })
}

/// A caseload's inbox private key, encrypted under the caseload's data
/// key, with its public key beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretKey {
    /// Whose caseload.
    pub to: TherapistId,
    /// The public key (published as `pubkey:<to>`).
    pub public: Point,
    /// AES-GCM's IV.
    pub iv: [u8; IV_LEN],
    /// The PKCS #8 private key, encrypted, with its tag.
    pub ct: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSecret {
    #[serde(rename = "_id")]
    id: String,
    #[serde(rename = "_rev", default, skip_serializing)]
    _rev: Option<String>,
    #[serde(rename = "type")]
    ty: String,
    v: u64,
    to: String,
    key: String,
    iv: String,
    ct: String,
}

/// The associated data of a caseload's encrypted inbox private key: bound
/// to its therapist and public key, so it cannot be passed off as another.
pub fn secret_aad(to: &TherapistId, public: &Point) -> Vec<u8> {
    format!(
        "attune.inbox-key/{SECRET_VERSION}|{}|{}",
        to.as_str(),
        base64::encode(public.bytes())
    )
    .into_bytes()
}

impl SecretKey {
    /// The document.
    pub fn encode(&self) -> serde_json::Value {
        serde_json::to_value(RawSecret {
            id: SECRET_DOC_ID.into(),
            _rev: None,
            ty: "inbox-key".into(),
            v: SECRET_VERSION,
            to: self.to.as_str().into(),
            key: base64::encode(self.public.bytes()),
            iv: base64::encode(&self.iv),
            ct: base64::encode(&self.ct),
        })
        .unwrap_or_default()
    }

    /// Reads the document strictly; it must be `to`'s.
    pub fn decode(value: &serde_json::Value, to: &TherapistId) -> Result<SecretKey, SealError> {
        let raw: RawSecret =
            serde_json::from_value(value.clone()).map_err(|e| SealError::Shape(e.to_string()))?;
        if raw.v != SECRET_VERSION {
            return Err(SealError::UnknownVersion(raw.v));
        }
        if raw.ty != "inbox-key" {
            return Err(SealError::UnknownAlgorithm(raw.ty));
        }
        if raw.id != SECRET_DOC_ID || raw.to != to.as_str() {
            return Err(SealError::NotMine);
        }
        let public = base64::decode(&raw.key)
            .and_then(|b| Point::new(&b))
            .ok_or(SealError::BadField("key"))?;
        let iv = base64::decode(&raw.iv)
            .and_then(|b| <[u8; IV_LEN]>::try_from(b).ok())
            .ok_or(SealError::BadField("iv"))?;
        let ct = base64::decode(&raw.ct)
            .filter(|c| (TAG_LEN..=MAX_CT_LEN).contains(&c.len()))
            .ok_or(SealError::BadField("ct"))?;
        Ok(SecretKey {
            to: to.clone(),
            public,
            iv,
            ct,
        })
    }
}

/// One row of the inbox's `_all_docs` answer: `(id, rev, document)`.
pub type InboxRow = (String, String, serde_json::Value);

/// Reads the inbox's `_all_docs` answer (with documents); a row without
/// its document or revision is left out (it is listed again next time).
pub fn inbox_rows(body: &str) -> Result<Vec<InboxRow>, String> {
    let v: serde_json::Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let rows = v
        .get("rows")
        .and_then(|r| r.as_array())
        .ok_or("no rows in the inbox's answer")?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let id = r.get("id")?.as_str()?.to_string();
            let doc = r.get("doc").filter(|d| d.is_object())?.clone();
            let rev = doc.get("_rev")?.as_str()?.to_string();
            Some((id, rev, doc))
        })
        .collect())
}

/// The `_all_docs` query (after the database's address) asking for the
/// documents `ids` by id: a missing one is a row with an error, not a 404
/// (which the browser would report as a failed load).
pub fn docs_query(ids: &[String]) -> String {
    format!(
        "_all_docs?include_docs=true&keys={}",
        crate::domain::sync::protocol::percent_encode(
            &serde_json::to_string(ids).unwrap_or_default()
        )
    )
}
