//! Sync by caseload, the shell: turning sync on joins the key of every
//! caseload database the device joins, and a sync runs the one-database run
//! (`run::Run`) once per database, each on the platform seen through that
//! database's scope (its own settings, key, checkpoint and notes), with
//! the store narrowed to what goes there and the pulled records admitted
//! by the domain's rule (`domain::sync::by_caseload`).
//!
//! A device that names no therapist takes the clinic path: one run on the
//! clinic database over the whole store, its notes where they always were.

use super::run::{Host, Report, Run};
use super::setup;
use crate::domain::device::therapists::DeviceTherapists;
use crate::domain::records::layout::Record;
use crate::domain::records::store::Store;
use crate::domain::sync::by_caseload::{self, Plan};
use crate::domain::sync::caseloads::{Caseload, Joined};
use crate::domain::sync::config::SyncConfig;
use crate::domain::sync::engine::{self, DigestMemo, Synced};
use crate::domain::sync::protocol::Seq;
use crate::domain::sync::status::Trouble;
use crate::domain::sync::transfers::{self, Closed};
use crate::platform::scoped::Scoped;
use crate::platform::{KeyValue, Platform};
use crate::storage::sync_state;
use std::collections::HashMap;

/// Where the therapists on this device are kept (the therapist page's
/// `attune.therapists`, read here through the platform's store).
pub const THERAPISTS_KEY: &str = "attune.therapists";

/// The therapists named on this device.
pub fn therapists(kv: &impl KeyValue) -> DeviceTherapists {
    kv.get(THERAPISTS_KEY)
        .map(|t| DeviceTherapists::decode(&t))
        .unwrap_or_default()
}

/// What this device syncs under the clinic settings `cfg`.
pub fn plan(kv: &impl KeyValue, cfg: &SyncConfig) -> Result<Plan, Trouble> {
    by_caseload::plan(&therapists(kv), &cfg.db).map_err(|_| Trouble::NoDatabase)
}

/// The name of the notes of one database in [`Notes`]: `""` for the
/// clinic's, else its scope.
pub(super) fn notes_name(scope: Option<&String>) -> String {
    scope.cloned().unwrap_or_default()
}

/// Each database's notes (what was last synced of each document), by
/// [`notes_name`], read from storage once and written through by the runs.
pub type Notes = HashMap<String, HashMap<String, Synced>>;

/// Signs in, then creates or joins the data key of every database the
/// device joins (the clinic's, or each caseload's, all under the one clinic
/// passphrase), then stores the clinic settings. A caseload whose key does
/// not open (its passphrase was changed on another device, its database is
/// not this user's) stays not joined, and the status says so, while the
/// others sync; only when none opens is sync refused, with the first reason.
pub async fn turn_on(
    p: &impl Platform,
    cfg: SyncConfig,
    password: &str,
    passphrase: &str,
) -> Result<(), Trouble> {
    let Plan::Caseloads { databases, .. } = plan(p, &cfg)? else {
        return setup::turn_on(p, cfg, password, passphrase).await;
    };
    let mut first_trouble = None;
    let mut joined_any = false;
    for (caseload, db) in &databases {
        let scoped = Scoped::new(p, by_caseload::scope(caseload, db));
        let mut one = cfg.clone();
        one.db = db.clone();
        match setup::turn_on(&scoped, one, password, passphrase).await {
            Ok(()) => joined_any = true,
            Err(t) => {
                first_trouble.get_or_insert(t);
            }
        }
    }
    if !joined_any {
        return Err(first_trouble.unwrap_or(Trouble::NotJoined));
    }
    sync_state::set_config(p, &cfg).map_err(|_| Trouble::QuotaStop)
}

/// The settings and scope of the database the live pull follows (the one
/// the last run ends in): the clinic's, or the home caseload's.
pub fn followed(kv: &impl KeyValue) -> Option<(SyncConfig, Option<String>)> {
    let cfg = sync_state::config(kv)?;
    match plan(kv, &cfg).ok()? {
        Plan::Clinic => Some((cfg, None)),
        Plan::Caseloads { databases, .. } => {
            let (caseload, db) = databases.last()?;
            let scope = by_caseload::scope(caseload, db);
            let one = sync_state::config(&Scoped::new(kv, scope.clone()))?;
            Some((one, scope))
        }
    }
}

/// The records waiting to be sent to the databases this device joins, and
/// those no joined database takes (they stay on this device).
pub fn waiting(
    kv: &impl KeyValue,
    store: &Store,
    notes: &mut Notes,
    memo: &mut DigestMemo,
) -> (usize, usize) {
    let Some(cfg) = sync_state::config(kv) else {
        return (0, 0);
    };
    let Ok(plan) = plan(kv, &cfg) else {
        return (0, 0);
    };
    let kept = by_caseload::kept_here(store, &plan);
    let parts: Vec<(Option<String>, Store)> = match &plan {
        // The whole store, as before (not copied).
        Plan::Clinic => {
            let synced = notes_of(kv, notes, None);
            let count = engine::to_push(store, |id| synced.get(id).cloned(), memo).len();
            return (count, kept);
        }
        Plan::Caseloads { joined, databases } => {
            let placed = placed(kv, notes, databases);
            (databases.iter())
                .map(|(c, db)| {
                    let part = by_caseload::part(store, c, joined, &placed);
                    (by_caseload::scope(c, db), part)
                })
                .collect()
        }
    };
    let mut count = 0;
    for (scope, part) in parts {
        let synced = notes_of(kv, notes, scope.as_ref());
        count += engine::to_push(&part, |id| synced.get(id).cloned(), memo).len();
    }
    (count, kept)
}

/// One database's notes (`scope` as [`by_caseload::scope`] gives it), read
/// from storage the first time they are asked.
pub fn notes_of<'n>(
    kv: &impl KeyValue,
    notes: &'n mut Notes,
    scope: Option<&String>,
) -> &'n mut HashMap<String, Synced> {
    notes
        .entry(notes_name(scope))
        .or_insert_with(|| sync_state::all_synced(&Scoped::new(kv, scope.cloned())))
}

/// Which joined database already holds each document, from their notes.
fn placed(
    kv: &impl KeyValue,
    notes: &mut Notes,
    databases: &[(Caseload, String)],
) -> by_caseload::Placed {
    let mut placed = by_caseload::Placed::new();
    for (c, db) in databases {
        let scope = by_caseload::scope(c, db);
        for id in notes_of(kv, notes, scope.as_ref()).keys() {
            placed.entry(id.clone()).or_insert_with(|| c.clone());
        }
    }
    placed
}

impl std::ops::AddAssign for Report {
    fn add_assign(&mut self, o: Report) {
        self.pushed += o.pushed;
        self.pulled += o.pulled;
        self.settled += o.settled;
        self.removed += o.removed;
        self.held_back += o.held_back;
        self.transferred += o.transferred;
    }
}

/// One sync: the clinic's run, or one run per caseload database (each
/// still runs when another met trouble; the first trouble is the
/// outcome). `notes` is each database's notes (read once, kept by the
/// caller between runs).
pub async fn run_all<P: Platform>(
    p: &P,
    host: &dyn Host,
    notes: &mut Notes,
    memo: &mut DigestMemo,
    batch: usize,
) -> Result<Report, Trouble> {
    let Some(cfg) = sync_state::config(p) else {
        return Ok(Report::default());
    };
    let Plan::Caseloads { joined, databases } = plan(p, &cfg)? else {
        let key = setup::stored_key(p).await.ok_or(Trouble::KeyChanged)?;
        let synced = notes_of(p, notes, None);
        return Run::new(p, &cfg, key, synced, memo, batch).go(host).await;
    };
    let last = databases.len().saturating_sub(1);
    let mut outcomes = Vec::new();
    for (i, (caseload, db)) in databases.iter().enumerate() {
        // Asked afresh before each database: what the runs before it
        // pulled stays where it came from.
        let placed = placed(p, notes, &databases);
        let scope = by_caseload::scope(caseload, db);
        let scoped = Scoped::new(p, scope.clone());
        let outcome = match sync_state::config(&scoped) {
            None => Err(Trouble::NotJoined),
            Some(one) => match setup::stored_key(&scoped).await {
                None => Err(Trouble::KeyChanged),
                Some(key) => {
                    let part = Part {
                        host,
                        caseload,
                        joined: &joined,
                        placed: &placed,
                        follows: i == last,
                    };
                    let synced = notes_of(p, notes, scope.as_ref());
                    Run::new(&scoped, &one, key, synced, memo, batch)
                        .go(&part)
                        .await
                }
            },
        };
        outcomes.push(outcome);
    }
    // A lead's device finishes the transfers it made (`transfer`).
    let ran = super::transfer::finish(p, host, notes, batch, &joined, &databases, &outcomes);
    outcomes.push(ran.await);
    by_caseload::combined(outcomes)
}

/// The host as one caseload database's run sees it: the store narrowed to
/// what goes there, and only the pulled records the rule admits kept.
struct Part<'a> {
    host: &'a dyn Host,
    caseload: &'a Caseload,
    joined: &'a Joined,
    placed: &'a by_caseload::Placed,
    /// This database is the one the live pull follows.
    follows: bool,
}

impl Host for Part<'_> {
    fn store(&self) -> Store {
        by_caseload::part(&self.host.store(), self.caseload, self.joined, self.placed)
    }

    fn keep(&self, records: Vec<Record>) -> Result<(), String> {
        let store = self.host.store();
        let admitted = by_caseload::admit(self.caseload, records, &store, self.joined, self.placed);
        if admitted.is_empty() {
            return Ok(());
        }
        self.host.keep(admitted)
    }

    fn admitted(&self, records: &[Record]) -> Vec<bool> {
        let store = self.host.store();
        let id = |r: &Record| crate::domain::sync::revs::doc_id(r.kind(), r.id());
        let kept: std::collections::HashSet<String> = by_caseload::admit(
            self.caseload,
            records.to_vec(),
            &store,
            self.joined,
            self.placed,
        )
        .iter()
        .map(id)
        .collect();
        records.iter().map(|r| kept.contains(&id(r))).collect()
    }

    fn kept(
        &self,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + '_>> {
        self.host.kept()
    }

    fn room(&self) -> Option<u64> {
        self.host.room()
    }

    fn missing(&self, count: usize) {
        self.host.missing(count);
    }

    fn pulled_to(&self, seq: &Seq) {
        if self.follows {
            self.host.pulled_to(seq);
        }
    }

    fn closed(&self, docs: &[(String, Option<Synced>)]) -> Result<Vec<Closed>, String> {
        let store = self.host.store();
        let done: Vec<Closed> = (docs.iter())
            .map(|(id, synced)| {
                transfers::on_closed(
                    self.caseload,
                    id,
                    &store,
                    synced.as_ref(),
                    self.joined,
                    self.placed,
                )
            })
            .collect();
        let gone: Vec<String> = (docs.iter().zip(&done))
            .filter(|(_, c)| **c == Closed::Remove)
            .map(|((id, _), _)| id.clone())
            .collect();
        if !gone.is_empty() {
            self.host.remove(&gone)?;
        }
        Ok(done)
    }
}

/// Each database this device syncs, as `(platform seen through its scope,
/// its settings)`: the clinic's, or each caseload's it joined.
fn each_database<'p, P: Platform>(p: &'p P) -> Vec<(Scoped<'p, P>, SyncConfig)> {
    let Some(cfg) = sync_state::config(p) else {
        return Vec::new();
    };
    match plan(p, &cfg) {
        Ok(Plan::Caseloads { databases, .. }) => (databases.iter())
            .filter_map(|(c, db)| {
                let scoped = Scoped::new(p, by_caseload::scope(c, db));
                let one = sync_state::config(&scoped)?;
                Some((scoped, one))
            })
            .collect(),
        _ => vec![(Scoped::new(p, None), cfg)],
    }
}

/// Re-wraps the data key of every database this device syncs under the new
/// clinic passphrase (`setup::change_passphrase` on each). A database
/// already changed by an earlier try that stopped midway opens with the new
/// passphrase, and is left as it is.
pub async fn change_passphrase(
    p: &impl Platform,
    current: &str,
    new: &str,
) -> Result<(), setup::ChangeError> {
    for (scoped, one) in each_database(p) {
        match setup::change_passphrase(&scoped, &one, current, new).await {
            Err(setup::ChangeError::Trouble(Trouble::WrongPassphrase)) => {
                setup::change_passphrase(&scoped, &one, new, new).await?;
            }
            other => other?,
        }
    }
    Ok(())
}

/// Puts back the key document of every database this device syncs that
/// lost it (`setup::put_key_back` on each; one still there is left alone).
pub async fn put_key_back(
    p: &impl Platform,
    passphrase: &str,
    again: &str,
) -> Result<(), setup::ChangeError> {
    for (scoped, one) in each_database(p) {
        setup::put_key_back(&scoped, &one, passphrase, again).await?;
    }
    Ok(())
}

/// True when a full comparison with the server is owed for any database
/// this device syncs (the server may be behind: `verify`'s mark).
pub fn owed(kv: &impl KeyValue) -> bool {
    let Some(cfg) = sync_state::config(kv) else {
        return false;
    };
    let scopes: Vec<Option<String>> = match plan(kv, &cfg) {
        Ok(Plan::Caseloads { databases, .. }) => (databases.iter())
            .map(|(c, db)| by_caseload::scope(c, db))
            .collect(),
        _ => vec![None],
    };
    scopes
        .into_iter()
        .any(|s| sync_state::mark(&Scoped::new(kv, s)).is_some_and(|m| m.owed))
}
