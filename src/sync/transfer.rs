//! Transfers finished by sync: a device holding both caseloads (a clinic
//! lead's) runs [`crate::domain::sync::transfer`]'s plan for each transfer
//! still owed (`domain::sync::transfers::pending`), after its caseload
//! runs: it reads the client's documents in both databases, writes what the
//! new one lacks under its key, reads both again, and only then closes the
//! client's documents in the old one with deletion stubs (no payload). A
//! sync cut anywhere finds the transfer owed again and the plan, reading
//! both databases afresh, takes it on from there.

use super::caseloads::{notes_name, notes_of, Notes};
use super::run::{Host, Report, Run};
use super::setup;
use crate::domain::records::store::{Store, CURRENT_VERSION};
use crate::domain::sync::by_caseload;
use crate::domain::sync::caseloads::{Caseload, Joined};
use crate::domain::sync::crypto_format::{open_request, read_plaintext};
use crate::domain::sync::engine::{self, DigestMemo, Synced};
use crate::domain::sync::protocol::{self, Fetched};
use crate::domain::sync::revs::{RevTree, WireDoc};
use crate::domain::sync::status::Trouble;
use crate::domain::sync::transfer::{next_step, HeldDoc, Transfer, TransferError, TransferStep};
use crate::domain::sync::transfers;
use crate::platform::fetch::parsed;
use crate::platform::scoped::Scoped;
use crate::platform::Platform;
use crate::storage::sync_state;
use std::collections::{BTreeMap, HashMap};

/// The most steps one transfer takes in one sync: write, close, done, with
/// room for one write more (a record edited meanwhile); past it the next
/// sync goes on.
const MAX_STEPS: usize = 6;

/// Finishes every transfer this device owes between the databases it
/// joined (`databases`, each with its caseload); nothing on a device that
/// holds fewer than two. Each transfer is tried even when another met
/// trouble; the first trouble is the outcome.
///
/// `ran` is what this sync's caseload runs did. Where one removed records
/// another device moved out of its caseload, every database's pull starts
/// over at the next run: on a device holding several caseloads the new
/// caseload's run may have come first and left the moved records aside
/// (they still went to the old caseload here), and only a pull from the
/// start brings them now (only what the device lacks is fetched).
pub async fn finish<P: Platform>(
    p: &P,
    host: &dyn Host,
    notes: &mut Notes,
    batch: usize,
    joined: &Joined,
    databases: &[(Caseload, String)],
    ran: &[Result<Report, Trouble>],
) -> Result<Report, Trouble> {
    let mut report = Report::default();
    if databases.len() < 2 {
        return Ok(report);
    }
    if ran.iter().any(|r| r.as_ref().is_ok_and(|r| r.removed > 0)) {
        for (c, db) in databases {
            sync_state::clear_checkpoint(&Scoped::new(p, by_caseload::scope(c, db)));
        }
    }
    let scopes: Vec<(Caseload, Option<String>)> = (databases.iter())
        .map(|(c, db)| (c.clone(), by_caseload::scope(c, db)))
        .collect();
    for (_, scope) in &scopes {
        notes_of(p, notes, scope.as_ref());
    }
    // Asked of the store in place (every sync of a lead's device asks it);
    // the store is copied only when a transfer is owed.
    let mut owed = Vec::new();
    {
        let noted: Vec<(Caseload, &HashMap<String, Synced>)> = (scopes.iter())
            .filter_map(|(c, s)| Some((c.clone(), notes.get(&notes_name(s.as_ref()))?)))
            .collect();
        host.with_store(&mut |s| owed = transfers::pending(s, joined, &noted));
    }
    if owed.is_empty() {
        return Ok(report);
    }
    let store = host.store();
    let mut trouble = None;
    for t in &owed {
        let on = On {
            store: &store,
            joined,
            batch,
        };
        match one(p, host, notes, &on, databases, t).await {
            Ok(true) => report.transferred += 1,
            Ok(false) => {}
            Err(e) => {
                trouble.get_or_insert(e);
            }
        }
    }
    trouble.map_or(Ok(report), Err)
}

/// What every transfer of one sync works on: the store as the sync read
/// it, the caseloads joined, the batch size.
struct On<'a> {
    store: &'a Store,
    joined: &'a Joined,
    batch: usize,
}

/// One transfer, step by step; true once done.
async fn one<P: Platform>(
    p: &P,
    host: &dyn Host,
    notes: &mut Notes,
    on: &On<'_>,
    databases: &[(Caseload, String)],
    t: &Transfer,
) -> Result<bool, Trouble> {
    let (store, joined, batch) = (on.store, on.joined, on.batch);
    let db = |c: &Caseload| {
        (databases.iter())
            .find(|(x, _)| x == c)
            .map(|(_, db)| by_caseload::scope(c, db))
            .ok_or(Trouble::NotJoined)
    };
    let (from_scope, to_scope) = (db(&t.from)?, db(&t.to)?);
    let (from_p, to_p) = (
        Scoped::new(p, from_scope.clone()),
        Scoped::new(p, to_scope.clone()),
    );
    let from_cfg = sync_state::config(&from_p).ok_or(Trouble::NotJoined)?;
    let to_cfg = sync_state::config(&to_p).ok_or(Trouble::NotJoined)?;
    let from_key = setup::stored_key(&from_p)
        .await
        .ok_or(Trouble::KeyChanged)?;
    let to_key = setup::stored_key(&to_p).await.ok_or(Trouble::KeyChanged)?;
    let ids = transfers::client_docs(store, &t.client_id);
    // Each database's notes, taken out while the two runs hold them.
    let mut from_notes = std::mem::take(notes_of(p, notes, from_scope.as_ref()));
    let mut to_notes = std::mem::take(notes_of(p, notes, to_scope.as_ref()));
    let (mut memo_from, mut memo_to) = (DigestMemo::default(), DigestMemo::default());
    let outcome = {
        let mut from = Run::new(
            &from_p,
            &from_cfg,
            from_key,
            &mut from_notes,
            &mut memo_from,
            batch,
        );
        let mut to = Run::new(&to_p, &to_cfg, to_key, &mut to_notes, &mut memo_to, batch);
        steps(host, &mut from, &mut to, store, joined, t, &ids).await
    };
    // Done (or nothing of the client left open in the old database): its
    // notes there say the records were moved out, so the transfer is owed
    // no more, until one comes back open there (`Run::take_page`).
    let finished = matches!(outcome, Ok(Finished::Done | Finished::Gone));
    if finished {
        for id in &ids {
            if let Some(n) = from_notes.get_mut(id) {
                n.digest = transfers::MOVED_NOTE.into();
                sync_state::set_synced(&from_p, id, n);
            }
        }
    }
    *notes_of(p, notes, from_scope.as_ref()) = from_notes;
    *notes_of(p, notes, to_scope.as_ref()) = to_notes;
    outcome.map(|f| f == Finished::Done)
}

/// How a transfer's steps ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Finished {
    /// All of the client is in the new database, nothing open in the old.
    Done,
    /// Nothing of the client is open in the old database, nor is the
    /// client in the new one: the old notes named documents no longer
    /// there (nothing to move).
    Gone,
    /// Left for a later sync (conflicting copies to settle first, or past
    /// [`MAX_STEPS`]).
    Later,
}

/// Runs the plan: reads both databases, does the step it says, again.
async fn steps<P: Platform>(
    host: &dyn Host,
    from: &mut Run<'_, P>,
    to: &mut Run<'_, P>,
    store: &Store,
    joined: &Joined,
    t: &Transfer,
    ids: &[String],
) -> Result<Finished, Trouble> {
    for _ in 0..MAX_STEPS {
        let (in_from, versions) = from.held(ids).await?;
        let (in_to, _) = to.held(ids).await?;
        let noted = |r: &crate::domain::records::layout::Record| {
            from.synced
                .get(&crate::domain::sync::revs::doc_id(r.kind(), r.id()))
                .cloned()
        };
        let step = next_step(t, joined, &in_from, &in_to, |r| {
            let id = crate::domain::sync::revs::doc_id(r.kind(), r.id());
            let version = versions.get(&id).copied().unwrap_or(CURRENT_VERSION);
            transfers::as_moved_from(store, noted(r).as_ref(), r, version)
        });
        match step {
            Ok(TransferStep::Write(writes)) => {
                to.write(&writes).await?;
                // What went there with an edit from the old database is
                // this device's copy too (else its next push would send the
                // older one over it).
                let newer: Vec<_> = (writes.into_iter())
                    .map(|w| w.record)
                    .filter(|r| !engine::records(store).any(|h| h == *r))
                    .collect();
                if !newer.is_empty() {
                    host.keep(newer).map_err(|_| Trouble::QuotaStop)?;
                    host.kept().await.map_err(|_| Trouble::QuotaStop)?;
                }
            }
            Ok(TransferStep::Close(stubs)) => {
                from.send(stubs).await?;
            }
            Ok(TransferStep::Done) => return Ok(Finished::Done),
            Err(TransferError::NoSuchClient) => return Ok(Finished::Gone),
            Err(_) => return Ok(Finished::Later),
        }
    }
    Ok(Finished::Later)
}

impl<P: Platform> Run<'_, P> {
    /// What this database holds of documents `ids`: each one's leaves (the
    /// winner and any conflicting one) with their histories, and the
    /// winner's record when it is live and opens under this database's key,
    /// with the schema version that wrote each such record (by document id).
    async fn held(
        &mut self,
        ids: &[String],
    ) -> Result<(Vec<HeldDoc>, BTreeMap<String, u32>), Trouble> {
        let wanted = parsed(
            self.post(transfers::ALL_DOCS_PATH, &transfers::all_docs_request(ids))
                .await,
            transfers::parse_all_docs,
        )?;
        if wanted.is_empty() {
            return Ok((Vec::new(), BTreeMap::new()));
        }
        let fetched = parsed(
            self.post(
                protocol::BULK_GET_PATH,
                &protocol::bulk_get_request(&wanted),
            )
            .await,
            protocol::parse_bulk_get,
        )?;
        let mut by_doc: BTreeMap<String, (RevTree, Vec<WireDoc>)> = BTreeMap::new();
        for f in fetched {
            match f {
                Fetched::Doc(doc) => {
                    let entry = by_doc.entry(doc.id.clone()).or_default();
                    if let Ok(path) = doc.path() {
                        entry.0.insert(&path, doc.deleted);
                    }
                    entry.1.push(doc);
                }
                // A leaf the server would not give: the plan must see every
                // leaf, so this transfer waits for a later sync.
                Fetched::Error { .. } | Fetched::Key(_) => return Err(Trouble::Unexpected(0)),
            }
        }
        let mut out = Vec::with_capacity(by_doc.len());
        let mut versions = BTreeMap::new();
        for (doc_id, (tree, docs)) in by_doc {
            let winner = tree.winner();
            let doc = winner
                .filter(|w| !w.deleted)
                .and_then(|w| docs.iter().find(|d| d.rev().ok() == Some(w.rev.clone())));
            let record = match doc.and_then(|d| open_request(d).ok()) {
                None => None,
                Some(req) => {
                    let clear = self.p.open(&self.key, &req.iv, &req.ct, &req.aad).await;
                    match clear.and_then(|c| read_plaintext(&doc_id, &c).ok()) {
                        // A newer Attune's record: moving it would lose what
                        // this version cannot read.
                        Some(o) if o.version > CURRENT_VERSION => return Err(Trouble::NewerApp),
                        o => o.map(|o| {
                            versions.insert(doc_id.clone(), o.version);
                            o.record
                        }),
                    }
                }
            };
            out.push(HeldDoc {
                doc_id,
                tree,
                record,
            });
        }
        Ok((out, versions))
    }

    /// Writes the plan's records into this database under its key, each on
    /// top of the path the plan gives, and notes them as synced here (the
    /// caseload's own run then finds nothing to send).
    async fn write(
        &mut self,
        writes: &[crate::domain::sync::transfer::Write],
    ) -> Result<(), Trouble> {
        let mut docs = Vec::with_capacity(writes.len());
        let mut notes = Vec::with_capacity(writes.len());
        for w in writes {
            let doc = self.revision(&w.record, &w.parent_path).await?;
            let rev = doc.rev().map_err(|_| Trouble::Unexpected(0))?;
            notes.push((doc.id.clone(), Synced::of(rev, &w.record)));
            docs.push(doc);
        }
        let stored = self.send(docs).await?;
        for (id, note) in notes {
            if stored.contains(&id) {
                sync_state::set_synced(self.p, &id, &note);
                self.synced.insert(id, note);
            }
        }
        Ok(())
    }
}
