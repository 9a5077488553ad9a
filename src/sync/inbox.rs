//! The clinic inbox, the shell (therapist page): a shared
//! tablet's set-up and runs, and a therapist's device opening what is
//! sealed to its caseload around the caseload runs. The rules are the
//! domain's (`domain::sync::tablet`, `domain::sync::seal`); the
//! cryptography is the platform's (`platform::ecdh`: WebCrypto in the
//! browser), so the loops run natively in tests (`tests/sync_inbox_run.rs`).
//!
//! A tablet's run seals each rating it may send, `PUT`s it into the inbox
//! database and forgets it once the inbox took it. A therapist's run first
//! makes sure the home caseload has its key pair (the private key kept
//! encrypted under the caseload's data key in the caseload database's
//! `_local/attune-inbox-key`, the public key published as
//! `pubkey:<therapist>`), opens the sealed ratings addressed to it and keeps
//! them; then the caseload runs push them; then the inbox copies whose
//! records the caseload database now holds are closed (deleted: a deletion
//! stub carries no payload). A sealed rating that does not open stays.

use super::caseloads::{self, Notes};
use super::run::{Host, Report};
use super::setup;
use crate::domain::records::layout::Record;
use crate::domain::sync::base64;
use crate::domain::sync::by_caseload::{self, therapist_id, Plan};
use crate::domain::sync::caseloads::{Caseload, TherapistId};
use crate::domain::sync::config::SyncConfig;
use crate::domain::sync::crypto_format::read_plaintext;
use crate::domain::sync::engine::DigestMemo;
use crate::domain::sync::protocol::percent_encode;
use crate::domain::sync::seal::{inbox_database, opening, Point, PublicKey, Sealed, PUBKEY_PREFIX};
use crate::domain::sync::status::{unreadable_body, Trouble};
use crate::domain::sync::tablet::{
    self, docs_query, fingerprint, inbox_query, inbox_rows, secret_aad, sends, to_close, SecretKey,
    Tablet, Taken, SECRET_DOC_ID,
};
use crate::platform::ecdh::Ecdh;
use crate::platform::fetch::Outcome;
use crate::platform::scoped::Scoped;
use crate::platform::{KeyValue, Platform};
use crate::storage::sync_state;

/// Where a shared tablet keeps the keys it was shown (under `attune.sync.`,
/// so turning sync off forgets them).
pub const TABLET_KEY: &str = "attune.sync.tablet";
/// Where a therapist's device keeps its caseload's inbox key id, for
/// Settings to show as a fingerprint.
pub const OWN_KID_KEY: &str = "attune.sync.inbox-kid";
/// Where a caseload's encrypted inbox key document is kept on the device
/// (in the caseload's scope), so a run need not read it again.
const SECRET_COPY_KEY: &str = "attune.inbox-keydoc";

/// Set on a therapist's device that receives the clinic's shared tablets'
/// ratings (Settings → Sync): only then is the inbox asked anything, so a
/// clinic with no tablet has no inbox database and no request goes there.
pub const INBOX_ON_KEY: &str = "attune.sync.inbox";

/// Whether this device opens the clinic inbox for its caseload.
pub fn inbox_on(kv: &impl KeyValue) -> bool {
    kv.get(INBOX_ON_KEY).is_some()
}

/// Turns the inbox on or off for this device.
pub fn set_inbox_on(kv: &impl KeyValue, on: bool) {
    let _ = if on {
        kv.set(INBOX_ON_KEY, "1")
    } else {
        kv.remove(INBOX_ON_KEY)
    };
}

/// This device as a shared tablet, when it was set up as one.
pub fn tablet(kv: &impl KeyValue) -> Option<Tablet> {
    kv.get(TABLET_KEY).and_then(|t| Tablet::decode(&t))
}

/// The fingerprint of this device's caseload inbox key, once published.
pub fn own_fingerprint(kv: &impl KeyValue) -> Option<String> {
    let kid = base64::decode(&kv.get(OWN_KID_KEY)?)?;
    Some(fingerprint(&kid.try_into().ok()?))
}

/// What the page needs of its host beyond a run's: forgetting the ratings
/// a tablet sent.
pub trait TabletHost: Host {
    /// Removes the ratings `ids` from the store and saves it.
    fn forget(&self, ids: &[String]) -> Result<(), String>;
}

fn inbox_url(cfg: &SyncConfig) -> String {
    SyncConfig {
        db: inbox_database(&cfg.db),
        ..cfg.clone()
    }
    .db_url()
}

/// The address of the inbox document `id`. The id is percent-encoded:
/// it comes from a sealed record anyone who may write the inbox can make,
/// and as written into the path a `/`, `..`, `?` or `#` in it would make a
/// close (sent with this device's sign-in) address another document, in
/// another database.
fn inbox_doc_url(cfg: &SyncConfig, id: &str) -> String {
    format!("{}{}", inbox_url(cfg), percent_encode(id))
}

fn trouble(out: Outcome) -> Trouble {
    out.ok_body().err().unwrap_or(Trouble::Unexpected(0))
}

/// Sets this device up as a shared tablet: signs in as the tablet's user,
/// reads each named therapist's key from the inbox and keeps it, then
/// stores the settings. Nothing is stored unless every key was found.
pub async fn set_up_tablet(
    p: &impl Platform,
    cfg: SyncConfig,
    password: &str,
) -> Result<Tablet, String> {
    let w = super::words(p);
    let words = |t: Trouble| t.words(w);
    setup::sign_in(p, &cfg, password).await.map_err(words)?;
    let names: Vec<String> = caseloads::therapists(p)
        .list
        .into_iter()
        .map(|t| t.name)
        .collect();
    let ids: Vec<String> = names
        .iter()
        .filter_map(|n| therapist_id(n).ok())
        .map(|id| format!("{PUBKEY_PREFIX}{}", id.as_str()))
        .collect();
    let url = format!("{}{}", inbox_url(&cfg), docs_query(&ids));
    let body = p
        .request("GET", &url, None)
        .await
        .ok_body()
        .map_err(words)?;
    let rows = inbox_rows(&body).map_err(|_| unreadable_body(&body).words(w))?;
    let found: Vec<(TherapistId, serde_json::Value)> = rows
        .into_iter()
        .filter_map(|(id, _, doc)| {
            let t = id.strip_prefix(PUBKEY_PREFIX)?;
            Some((TherapistId::parse(t).ok()?, doc))
        })
        .collect();
    let tab = Tablet::set_up(&names, |id| {
        found.iter().find(|(i, _)| i == id).map(|(_, d)| d.clone())
    })
    .map_err(|e| e.words(w))?;
    p.set(TABLET_KEY, &tab.encode())
        .map_err(|_| Trouble::QuotaStop.words(w))?;
    sync_state::set_config(p, &cfg).map_err(|_| Trouble::QuotaStop.words(w))?;
    Ok(tab)
}

/// One sync: a tablet's sends, or a therapist's device's caseload runs with
/// the inbox opened before and closed after. The words are what the status
/// adds (ratings waiting on the tablet, sealed ratings that do not open).
pub async fn run_all<P: Platform + Ecdh>(
    p: &P,
    host: &impl TabletHost,
    notes: &mut Notes,
    memo: &mut DigestMemo,
    batch: usize,
) -> (Result<Report, Trouble>, Option<String>) {
    let Some(cfg) = sync_state::config(p) else {
        return (Ok(Report::default()), None);
    };
    if let Some(tab) = tablet(p) {
        return send(p, host, &cfg, &tab).await;
    }
    let plan = caseloads::plan(p, &cfg);
    let home = match &plan {
        Ok(Plan::Caseloads { databases, .. }) if inbox_on(p) => databases.last().cloned(),
        _ => None,
    };
    let Some((Caseload::Therapist(me), db)) = home else {
        // Asked to receive the inbox with no caseload of its own to open
        // it for: the status says so, or nothing would ever happen.
        let words = (inbox_on(p) && matches!(plan, Ok(Plan::Clinic)))
            .then(|| tablet::no_caseload_words(super::words(p)).to_string());
        return (caseloads::run_all(p, host, notes, memo, batch).await, words);
    };
    let scope = by_caseload::scope(&Caseload::Therapist(me.clone()), &db);
    let opened = take(p, host, &me, scope.clone()).await;
    let result = caseloads::run_all(p, host, notes, memo, batch).await;
    let (taken, unopened) = match opened {
        Ok(x) => x,
        Err(t) => return (result.and(Err(t)), None),
    };
    let synced = caseloads::notes_of(p, notes, scope.as_ref());
    for t in to_close(&taken, |id| synced.contains_key(id)) {
        let url = format!(
            "{}?rev={}",
            inbox_doc_url(&cfg, &t.id),
            percent_encode(&t.rev)
        );
        // Not closed now (offline, a conflict): the next run closes it.
        let _ = p.request("DELETE", &url, None).await;
    }
    (result, tablet::unopened_words(unopened, super::words(p)))
}

/// A tablet's run: seals and sends what may go, forgets what the inbox took.
async fn send<P: Platform + Ecdh>(
    p: &P,
    host: &impl TabletHost,
    cfg: &SyncConfig,
    tab: &Tablet,
) -> (Result<Report, Trouble>, Option<String>) {
    let plan = sends(&host.store(), tab);
    let words = tablet::waiting_words(&plan, super::words(p));
    let mut gone = Vec::new();
    let mut first = None;
    for (rating, key) in &plan.send {
        let Ok(iv) = p.bytes() else {
            first.get_or_insert(Trouble::Unexpected(0));
            break;
        };
        let sealed = match p.seal_to(&Record::Rating(rating.clone()), key, iv).await {
            Ok(s) => s,
            Err(_) => {
                first.get_or_insert(Trouble::Unexpected(0));
                continue;
            }
        };
        let url = inbox_doc_url(cfg, &sealed.doc_id);
        let out = p
            .request("PUT", &url, Some(&sealed.encode().to_string()))
            .await;
        match out.status() {
            Some(s) if tablet::sent(s) => gone.push(rating.id.clone()),
            _ => {
                first.get_or_insert(trouble(out));
            }
        }
    }
    let pushed = gone.len();
    if !gone.is_empty() {
        if let Err(_e) = host.forget(&gone) {
            first.get_or_insert(Trouble::QuotaStop);
        }
    }
    let result = match first {
        Some(t) => Err(t),
        None => Ok(Report {
            pushed,
            ..Report::default()
        }),
    };
    (result, words)
}

/// The home caseload's inbox key pair: the caseload database's `_local`
/// document (kept on the device once read or written) opened with the
/// caseload's data key, or made and stored there by the first device of the
/// caseload; then its public key is published in the inbox if it is not
/// there as it should be.
async fn own_key<P: Platform + Ecdh>(
    p: &P,
    me: &TherapistId,
    scope: Option<String>,
) -> Result<(P::Private, Point), Trouble> {
    let scoped = Scoped::new(p, scope);
    let one = sync_state::config(&scoped).ok_or(Trouble::NotJoined)?;
    let data_key = setup::stored_key(&scoped)
        .await
        .ok_or(Trouble::KeyChanged)?;
    // The encrypted key document as this device last wrote or read it;
    // without one, a new pair is offered to the caseload database and, if
    // another device's was there first, that one is read (no request that
    // would meet a 404).
    let copy = match scoped.get(SECRET_COPY_KEY) {
        Some(text) => text,
        None => {
            let text = fetch_or_make_secret(p, &one, me, &data_key).await?;
            let _ = scoped.set(SECRET_COPY_KEY, &text);
            text
        }
    };
    let doc: serde_json::Value =
        serde_json::from_str(&copy).map_err(|_| Trouble::Unexpected(200))?;
    let secret = SecretKey::decode(&doc, me).map_err(|_| Trouble::Unexpected(200))?;
    let public = secret.public.clone();
    let pkcs8 = p
        .open(&data_key, &secret.iv, &secret.ct, &secret_aad(me, &public))
        .await
        .ok_or(Trouble::KeyChanged)?;
    let private = p
        .import_private(&pkcs8)
        .await
        .map_err(|_| Trouble::Unexpected(0))?;
    let cfg = sync_state::config(p).ok_or(Trouble::NotJoined)?;
    let published = PublicKey {
        to: me.clone(),
        key: public.clone(),
    };
    let query = format!("{}{}", inbox_url(&cfg), docs_query(&[published.doc_id()]));
    let body = p.request("GET", &query, None).await.ok_body()?;
    let there = inbox_rows(&body)
        .map_err(|_| unreadable_body(&body))?
        .into_iter()
        .next();
    let same = there
        .as_ref()
        .is_some_and(|(_, _, d)| PublicKey::decode(d, None).ok() == Some(published.clone()));
    if !same {
        // Missing, or not this caseload's key (the server's, or an old
        // one): this caseload's own goes (back) in its place.
        let mut doc = published.encode();
        if let Some((_, rev, _)) = there {
            doc["_rev"] = rev.into();
        }
        let url = inbox_doc_url(&cfg, &published.doc_id());
        p.request("PUT", &url, Some(&doc.to_string()))
            .await
            .ok_body()?;
    }
    let _ = p.set(OWN_KID_KEY, &base64::encode(&public.kid()));
    Ok((private, public))
}

/// The caseload's encrypted key document from its database, or a new key
/// pair made, encrypted under the caseload key and stored there (the first
/// device of the caseload to open the inbox). Its text, as stored.
async fn fetch_or_make_secret<P: Platform + Ecdh>(
    p: &P,
    one: &SyncConfig,
    me: &TherapistId,
    data_key: &P::Key,
) -> Result<String, Trouble> {
    let url = format!("{}{SECRET_DOC_ID}", one.db_url());
    let (pkcs8, public) = p
        .generate_pair()
        .await
        .map_err(|_| Trouble::Unexpected(0))?;
    let iv = p.bytes().map_err(|_| Trouble::Unexpected(0))?;
    let env = p
        .seal(data_key, iv, &pkcs8, &secret_aad(me, &public))
        .await
        .map_err(|_| Trouble::Unexpected(0))?;
    let doc = SecretKey {
        to: me.clone(),
        public,
        iv: env.iv(),
        ct: env.ct().to_vec(),
    }
    .encode()
    .to_string();
    // A plain PUT: 409 when another device of this caseload made one first
    // (its key is then the caseload's, and is read).
    let out = p.request("PUT", &url, Some(&doc)).await;
    if out.status() != Some(409) {
        out.ok_body()?;
        return Ok(doc);
    }
    p.request("GET", &url, None).await.ok_body()
}

/// Opens the sealed ratings addressed to `me` and keeps those not held
/// yet; returns what was opened (to close once pushed) and how many did
/// not open (they stay in the inbox).
async fn take<P: Platform + Ecdh>(
    p: &P,
    host: &impl TabletHost,
    me: &TherapistId,
    scope: Option<String>,
) -> Result<(Vec<Taken>, usize), Trouble> {
    let (private, public) = own_key(p, me, scope).await?;
    let cfg = sync_state::config(p).ok_or(Trouble::NotJoined)?;
    let name = caseloads::therapists(p)
        .list
        .into_iter()
        .map(|t| t.name)
        .find(|n| therapist_id(n).ok().as_ref() == Some(me))
        .unwrap_or_else(|| me.as_str().to_string());
    let url = format!("{}{}", inbox_url(&cfg), inbox_query(me));
    let body = p.request("GET", &url, None).await.ok_body()?;
    let rows = inbox_rows(&body).map_err(|_| unreadable_body(&body))?;
    let store = host.store();
    let mut taken = Vec::new();
    let mut keep = Vec::new();
    let mut unopened = 0;
    for (id, rev, doc) in rows {
        let Ok(sealed) = Sealed::decode(&doc) else {
            unopened += 1;
            continue;
        };
        let Ok(o) = opening(&sealed, me, &public) else {
            unopened += 1;
            continue;
        };
        let record = match p.open_sealed(&private, &o).await {
            Some(clear) => read_plaintext(&o.record_doc_id, &clear).ok(),
            None => None,
        };
        let Some(Record::Rating(rating)) = record.map(|r| r.record) else {
            unopened += 1;
            continue;
        };
        // Already held here (kept by an earlier run whose close did not
        // take): its copy here, perhaps edited since, stays as it is.
        if !store.ratings.iter().any(|r| r.id == rating.id) {
            keep.push(Record::Rating(tablet::received(rating, &name, &store)));
        }
        taken.push(Taken {
            id,
            rev,
            record_doc_id: o.record_doc_id,
        });
    }
    if !keep.is_empty() {
        host.keep(keep).map_err(|_| Trouble::QuotaStop)?;
        host.kept().await.map_err(|_| Trouble::QuotaStop)?;
    }
    Ok((taken, unopened))
}
