//! The move of a clinic's one database into its caseload databases, the
//! shell: it reads every database as it is (`_changes` then `_bulk_get`,
//! each winning record decrypted under that database's key), asks the pure
//! plan (`domain::sync::split`) for the next step, and does it: copies
//! sealed under each caseload's own key, deletion stubs into the clinic's
//! database. Then it reads them all again, until the plan says done or
//! stops.
//!
//! The manifest (what the clinic's database held when the move began) is
//! kept on this device under [`MANIFEST_PREFIX`] and the clinic database's
//! name, never on the server; the move run again (the tab closed, the
//! server gone midway) finds it and goes on from what the databases hold.
//! The clinic database's key is opened with the clinic passphrase typed for
//! the move, and not kept: a device that syncs by caseload does not sync
//! the clinic's database.

use super::caseloads;
use super::setup;
use crate::domain::records::store::Store;
use crate::domain::sync::by_caseload::{self, Plan};
use crate::domain::sync::caseloads::Caseload;
use crate::domain::sync::config::SyncConfig;
use crate::domain::sync::crypto_format::{open_request, read_plaintext, seal_request};
use crate::domain::sync::engine::Synced;
use crate::domain::sync::keys::{key_from_rows, key_query_path, IvLedger, KeyDoc};
use crate::domain::sync::protocol::{self, Fetched, Seq};
use crate::domain::sync::pull;
use crate::domain::sync::revs::{parse_doc_id, Rev, RevTree, WireDoc};
use crate::domain::sync::split::{self, Manifest, MoveStep, Placing};
use crate::domain::sync::status::Trouble;
use crate::domain::sync::transfer::{HeldDoc, Write};
use crate::platform::fetch::parsed;
use crate::platform::scoped::Scoped;
use crate::platform::{KeyValue, Platform};
use crate::storage::sync_state;
use std::collections::BTreeMap;

/// Where the manifest of a move under way is kept: this prefix and the
/// clinic database's name.
pub const MANIFEST_PREFIX: &str = "attune.move.";

/// Documents per `_bulk_get` and per `_bulk_docs` request.
const BATCH: usize = 200;

/// Read, step, read again: a move of any size settles in three passes
/// (copy, close, done); more means something keeps changing under it.
const MAX_PASSES: usize = 8;

/// The key a move's manifest is kept under.
pub fn manifest_key(clinic_db: &str) -> String {
    format!("{MANIFEST_PREFIX}{clinic_db}")
}

/// True when a move of `clinic_db` began on this device and is not done.
pub fn under_way(kv: &impl KeyValue, clinic_db: &str) -> bool {
    kv.get(&manifest_key(clinic_db)).is_some()
}

/// One caseload database the move writes into.
struct Target<K> {
    cfg: SyncConfig,
    key: K,
    scope: Option<String>,
    ledger: IvLedger,
}

/// Runs the move on this device to its end, or until it stops: `Ok` with
/// the words of its end, `Err` with the words of why it stopped (nothing is
/// closed in the clinic's database unless every caseload's adds up).
/// `store` is this device's records (its therapists' word on who holds each
/// client, and its own copies); `names` its therapists' names, for the
/// words; `said` is told each step as it starts.
pub async fn run_move<P: Platform>(
    p: &P,
    passphrase: &str,
    store: &Store,
    names: &[String],
    said: &dyn Fn(String),
) -> Result<String, String> {
    let w = super::words(p);
    let cfg = sync_state::config(p).ok_or(w.tr("Turn sync on first."))?;
    let words = |t: Trouble| t.words(w);
    let cut = |t: Trouble| split::cut_words(&t.words(w), w);
    let Plan::Caseloads { joined, databases } = caseloads::plan(p, &cfg).map_err(words)? else {
        return Err(w.tr("Name the therapists whose caseloads the clinic database holds (Settings → Therapists) and join their caseloads first.").into());
    };
    said(w.tr("Opening the clinic database…").into());
    let clinic_key = open_clinic_key(p, &cfg, passphrase).await?;
    let clinic_url = cfg.db_url();
    let mut old = read_db(p, &clinic_url, &clinic_key).await.map_err(cut)?;
    let placing = Placing::new(&old, store);
    // Where the sync itself sends this device's unassigned ratings.
    let unassigned = joined.home().cloned().unwrap_or(Caseload::Clinic);
    let place = |r: &_| placing.place(r);
    let key = manifest_key(&cfg.db);
    let kept = p.get(&key).as_deref().and_then(Manifest::decode);
    let manifest = match &kept {
        Some(m) => m.clone(),
        None => split::manifest_placing(&old, &placing.assignments(), &unassigned, place)
            .map_err(|e| e.words(w))?,
    };
    let missing = split::not_joined(&manifest, &joined).map_err(|e| e.words(w))?;
    if !missing.is_empty() {
        return Err(split::not_joined_words(&missing, names, w));
    }
    if kept.is_none() {
        // Kept before anything is written: a move cut from here on is
        // checked against the same manifest when run again.
        crate::storage::set_verified(p, &key, &manifest.encode())
            .map_err(|_| Trouble::QuotaStop.words(w))?;
    }
    let mut targets: BTreeMap<Caseload, Target<P::Key>> = BTreeMap::new();
    for c in manifest.expected().map_err(|e| e.words(w))?.into_keys() {
        let Some((_, db)) = databases.iter().find(|(d, _)| *d == c) else {
            continue;
        };
        let scope = by_caseload::scope(&c, db);
        let scoped = Scoped::new(p, scope.clone());
        let (Some(one), Some(key)) = (
            sync_state::config(&scoped),
            setup::stored_key(&scoped).await,
        ) else {
            return Err(split::not_joined_words(&[c], names, w));
        };
        let ledger = IvLedger::new(&one.kid);
        targets.insert(
            c,
            Target {
                cfg: one,
                key,
                scope,
                ledger,
            },
        );
    }
    for pass in 0..MAX_PASSES {
        if pass > 0 {
            // Read afresh each pass: an edit another device made meanwhile
            // stops the move before anything more is closed.
            old = read_db(p, &clinic_url, &clinic_key).await.map_err(cut)?;
        }
        let mut new = BTreeMap::new();
        for (c, t) in &targets {
            let held = read_db(p, &t.cfg.db_url(), &t.key).await.map_err(cut)?;
            new.insert(c.clone(), held);
        }
        let step = split::next_step_placing(&manifest, &old, &new, place).map_err(|e| {
            // A record changed since the manifest was made: run again, the
            // move must start from the clinic's database as it is then, or
            // the kept manifest stops it on the same record for ever.
            // Safe: what was closed so far was verified first.
            if matches!(e, split::MoveError::Changed(_)) {
                let _ = p.remove(&key);
            }
            w.trf(
                "{why}. Nothing more was closed in the clinic database.",
                &[("why", &e.words(w))],
            )
        })?;
        said(split::step_words(&step, names, w));
        match step {
            MoveStep::Copy(by) => {
                for (c, writes) in by {
                    let t = targets.get_mut(&c).ok_or_else(|| {
                        split::not_joined_words(std::slice::from_ref(&c), names, w)
                    })?;
                    copy(p, t, &writes, &placing)
                        .await
                        .map_err(|why| split::cut_words(&why, w))?;
                }
            }
            MoveStep::Close { stubs, .. } => send(p, &clinic_url, &stubs)
                .await
                .map_err(|why| split::cut_words(&why, w))?,
            MoveStep::Stop(problems) => {
                // What the clinic's database keeps changed once the moved
                // records were closed: run again, the move takes it as it
                // is then, or the kept manifest stops it there for ever.
                if problems.iter().any(|d| {
                    matches!(
                        d,
                        split::Discrepancy::Tally {
                            caseload: Caseload::Clinic,
                            ..
                        }
                    )
                }) {
                    let _ = p.remove(&key);
                }
                return Err(split::stop_words(&problems, names, w));
            }
            MoveStep::Done(verified) => {
                let _ = p.remove(&key);
                return Ok(split::done_words(&verified, names, w));
            }
        }
    }
    Err(w.tr("The move did not settle: the databases keep changing under it. Stop sync on every other device, then run the move again.").into())
}

/// The clinic database's data key, opened with the clinic passphrase.
async fn open_clinic_key<P: Platform>(
    p: &P,
    cfg: &SyncConfig,
    passphrase: &str,
) -> Result<P::Key, String> {
    let w = super::words(p);
    let query = format!("{}{}", cfg.db_url(), key_query_path());
    let found = parsed(p.request("GET", &query, None).await, key_from_rows)
        .map_err(|t| split::clinic_trouble_words(&cfg.db, t, w))?;
    let Some(text) = found else {
        return Err(w.trf(
            "The clinic database {db} holds no clinic key: it was never synced, so there is nothing to move.",
            &[("db", &cfg.db)],
        ));
    };
    let (_, params) = KeyDoc::decode(&text).map_err(|_| Trouble::Unexpected(200).words(w))?;
    let raw = p
        .unwrap(&params.wrapped, passphrase, &params.salt, params.iterations)
        .await
        .map_err(|_| Trouble::Unexpected(0).words(w))?
        .ok_or_else(|| Trouble::WrongPassphrase.words(w))?;
    p.import_data_key(&raw)
        .await
        .map_err(|_| Trouble::Unexpected(0).words(w))
}

/// Every record document of the database at `db_url` with its revision
/// tree, the winning record decrypted under `key` (`None` when deleted or
/// unreadable).
async fn read_db<P: Platform>(p: &P, db_url: &str, key: &P::Key) -> Result<Vec<HeldDoc>, Trouble> {
    let mut leaves: BTreeMap<String, Vec<Rev>> = BTreeMap::new();
    let mut since = Seq::zero();
    loop {
        let url = format!(
            "{db_url}{}",
            protocol::changes_path(&since, protocol::PAGE_SIZE)
        );
        let page = parsed(p.request("GET", &url, None).await, protocol::parse_changes)?;
        for c in page
            .changes
            .iter()
            .filter(|c| parse_doc_id(&c.id).is_some())
        {
            leaves.insert(c.id.clone(), c.revs.clone());
        }
        let more = pull::more_pages(&page, &since);
        since = page.last_seq;
        if !more {
            break;
        }
    }
    let ids: Vec<String> = leaves.keys().cloned().collect();
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(BATCH) {
        let wanted: BTreeMap<String, Vec<Rev>> = chunk
            .iter()
            .map(|id| (id.clone(), leaves[id].clone()))
            .collect();
        let url = format!("{db_url}{}", protocol::BULK_GET_PATH);
        let body = protocol::bulk_get_request(&wanted);
        let fetched = parsed(
            p.request("POST", &url, Some(&body)).await,
            protocol::parse_bulk_get,
        )?;
        let mut docs: BTreeMap<String, Vec<WireDoc>> = BTreeMap::new();
        for f in fetched {
            match f {
                Fetched::Doc(d) => docs.entry(d.id.clone()).or_default().push(d),
                Fetched::Key(_) => {}
                // A revision the server listed but would not give: nothing
                // may be decided on a partial reading.
                Fetched::Error { .. } => return Err(Trouble::Unexpected(200)),
            }
        }
        for (id, revs) in docs {
            let mut tree = RevTree::new();
            for d in &revs {
                if let Ok(path) = d.path() {
                    tree.insert(&path, d.deleted);
                }
            }
            let winner = tree.winner();
            let doc = winner
                .filter(|w| !w.deleted)
                .and_then(|w| revs.iter().find(|d| d.rev().ok() == Some(w.rev.clone())));
            let record = match doc.map(open_request) {
                Some(Ok(req)) => match p.open(key, &req.iv, &req.ct, &req.aad).await {
                    Some(clear) => read_plaintext(&id, &clear).ok().map(|o| o.record),
                    None => None,
                },
                _ => None,
            };
            out.push(HeldDoc {
                doc_id: id,
                tree,
                record,
            });
        }
    }
    Ok(out)
}

/// Writes `writes` into one caseload's database, each sealed under its key;
/// a copy this device holds exactly is noted as synced there, so this
/// device's next sync of that caseload sends nothing again.
async fn copy<P: Platform>(
    p: &P,
    t: &mut Target<P::Key>,
    writes: &[Write],
    placing: &Placing,
) -> Result<(), String> {
    let fail = || Trouble::Unexpected(0).words(super::words(p));
    let mut docs = Vec::with_capacity(writes.len());
    let mut notes = Vec::new();
    for w in writes {
        let req = seal_request(&w.record);
        let iv = fresh_iv(p, &mut t.ledger, &t.cfg.kid).ok_or_else(fail)?;
        let env = p
            .seal(&t.key, iv, &req.plaintext, &req.aad)
            .await
            .map_err(|_| fail())?;
        let doc = WireDoc::revision(
            w.record.kind(),
            w.record.id(),
            w.record.changed_at(),
            env,
            &w.parent_path,
        );
        if placing.holds(&w.record) {
            let rev = doc.rev().map_err(|_| fail())?;
            notes.push((doc.id.clone(), Synced::of(rev, &w.record)));
        }
        docs.push(doc);
    }
    send(p, &t.cfg.db_url(), &docs).await?;
    let scoped = Scoped::new(p, t.scope.clone());
    for (id, note) in notes {
        sync_state::set_synced(&scoped, &id, &note);
    }
    Ok(())
}

/// A random IV the ledger has not seen (the run's own rule).
fn fresh_iv(
    p: &impl Platform,
    ledger: &mut IvLedger,
    kid: &str,
) -> Option<[u8; crate::domain::sync::crypto_format::IV_LEN]> {
    (0..2).find_map(|_| {
        let iv = p.bytes().ok()?;
        ledger.claim(kid, iv).ok().map(|()| iv)
    })
}

/// Sends `docs` to the database at `db_url` as they are (`new_edits:
/// false`), in batches; refused on the first document the server refuses.
async fn send(p: &impl Platform, db_url: &str, docs: &[WireDoc]) -> Result<(), String> {
    let url = format!("{db_url}{}", protocol::BULK_DOCS_PATH);
    for batch in docs.chunks(BATCH) {
        let body = protocol::bulk_docs_request(batch);
        let rejected = parsed(
            p.request("POST", &url, Some(&body)).await,
            protocol::parse_bulk_docs,
        )
        .map_err(|t| t.words(super::words(p)))?;
        if let Some(r) = rejected.first() {
            let w = super::words(p);
            return Err(w.trf(
                "The server refused the record {id} ({error}). {why}",
                &[
                    ("id", &r.id),
                    ("error", &r.error),
                    (
                        "why",
                        &crate::domain::sync::answers::rejected(&r.error).words(w),
                    ),
                ],
            ));
        }
    }
    Ok(())
}
