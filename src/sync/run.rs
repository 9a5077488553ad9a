//! One sync run: push this device's new and changed records, then pull
//! the server's changes page by page, settling conflicts by Attune's rule.
//! Every decision is the domain's (`engine`, `protocol`, `conflict`,
//! `checkpoint`); this sends, encrypts, decrypts and stores.
//!
//! Nothing is lost on any failure: records leave this device only as
//! copies, a pulled page is stored before its checkpoint moves, and a run
//! cut anywhere resumes from the last checkpoint both sides hold (applying
//! a revision already held changes nothing).

use crate::domain::records::layout::Record;
use crate::domain::records::older;
use crate::domain::records::store::Store;
use crate::domain::records::store::CURRENT_VERSION;
use crate::domain::sync::checkpoint::{self, Checkpoint};
use crate::domain::sync::config::SyncConfig;
use crate::domain::sync::conflict;
use crate::domain::sync::crypto_format::{
    open_request, read_plaintext, seal_request, OpenRequest, IV_LEN,
};
use crate::domain::sync::engine::{self, Leaves, Push, Synced};
use crate::domain::sync::keys::{IvError, IvLedger};
use crate::domain::sync::protocol::{self, Fetched};
use crate::domain::sync::pull;
use crate::domain::sync::revs::{parse_doc_id, Rev, WireDoc};
use crate::domain::sync::status::{smaller_batch, Trouble};
use crate::domain::sync::transfers::{Closed, MOVED_NOTE, REOPENED_NOTE};
use crate::domain::sync::{keys, verify};
use crate::platform::fetch::parsed;
use crate::platform::{Outcome, Platform};
use crate::storage::sync_state;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

/// What the run works on: the app's data and how to keep pulled records.
pub trait Host {
    /// The store as it is now.
    fn store(&self) -> Store;
    /// Puts pulled records into the store and saves it; `Err` (in words)
    /// when the save did not take, so the checkpoint must not move.
    fn keep(&self, records: Vec<Record>) -> Result<(), String>;
    /// Which of `records` [`Host::keep`] would keep (a caseload database's
    /// run keeps only what belongs there): only those are noted as synced,
    /// so an older copy held here is never taken for the server's and
    /// pushed over a newer edit. All of them unless the host says otherwise.
    fn admitted(&self, records: &[Record]) -> Vec<bool> {
        vec![true; records.len()]
    }
    /// Resolves once what [`Host::keep`] saved is stored for good (on
    /// IndexedDB a save is committed a moment after it is made); `Err` (in
    /// words) when it did not take, so the run's notes must not say the
    /// records are held here. Stored at once unless the host says otherwise.
    fn kept(
        &self,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + '_>> {
        Box::pin(async { Ok(()) })
    }
    /// Calls `f` with the store as it is now, without copying it where the
    /// host can lend it (a pulled page asks twice, of a store of thousands).
    fn with_store(&self, f: &mut dyn FnMut(&Store)) {
        f(&self.store());
    }
    /// Room left in this browser's storage for pulled records, in UTF-16
    /// units (`None`: unknown, no limit applied).
    fn room(&self) -> Option<u64>;
    /// How many records a full comparison found missing on the server and
    /// not yet sent (0 once sent): the status counts them as waiting.
    fn missing(&self, count: usize);
    /// Where the run's pull ended in the changes feed, past the run's own
    /// pushes (the live pull follows the feed from there). Told once, when
    /// the run went through.
    fn pulled_to(&self, _seq: &protocol::Seq) {}
    /// Documents whose winner came back deleted from this database (a
    /// transfer closed them there), each with this database's note of it:
    /// what the host did with each record (see
    /// [`crate::domain::sync::transfers::on_closed`]). Nothing, unless the
    /// host says otherwise (the clinic database: no record is closed there).
    fn closed(&self, docs: &[(String, Option<Synced>)]) -> Result<Vec<Closed>, String> {
        Ok(vec![Closed::NotHere; docs.len()])
    }
    /// Removes the records of `doc_ids` from the store and saves it; `Err`
    /// (in words) when the save did not take. Refused unless the host can.
    fn remove(&self, _doc_ids: &[String]) -> Result<(), String> {
        Err("this store cannot remove records".into())
    }
}

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Records sent.
    pub pushed: usize,
    /// Records received and kept.
    pub pulled: usize,
    /// Conflicts settled by the rule.
    pub settled: usize,
    /// Records removed here because another device moved them out of this
    /// caseload (a transfer).
    pub removed: usize,
    /// Records moved out of this caseload on another device but kept here,
    /// since they hold edits not yet sent.
    pub held_back: usize,
    /// Transfers a lead's device finished (written into the new caseload's
    /// database, closed in the old one's).
    pub transferred: usize,
}

/// A run's working state, on platform `P` (the browser in the app, the
/// in-memory platform in native tests).
pub struct Run<'a, P: Platform> {
    pub(super) p: &'a P,
    pub(super) cfg: &'a SyncConfig,
    pub(super) key: P::Key,
    /// What was last synced of each document (the device's notes, kept in
    /// memory and written through).
    pub synced: &'a mut HashMap<String, Synced>,
    batch: usize,
    report: Report,
    /// Digests worked out in earlier runs (see [`engine::DigestMemo`]).
    memo: &'a mut engine::DigestMemo,
    /// Every IV seen or used in this run under the clinic key: an IV is
    /// never used twice even if the random source misbehaves.
    ledger: IvLedger,
}

impl<'a, P: Platform> Run<'a, P> {
    /// A run on `p` for `cfg` with the data key, sending at most `batch`
    /// documents per request.
    pub fn new(
        p: &'a P,
        cfg: &'a SyncConfig,
        key: P::Key,
        synced: &'a mut HashMap<String, Synced>,
        memo: &'a mut engine::DigestMemo,
        batch: usize,
    ) -> Run<'a, P> {
        Run {
            p,
            cfg,
            key,
            synced,
            memo,
            batch,
            report: Report::default(),
            ledger: IvLedger::new(&cfg.kid),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.cfg.db_url())
    }

    pub(super) async fn post(&self, path: &str, body: &str) -> Outcome {
        self.p.request("POST", &self.url(path), Some(body)).await
    }

    /// Checks the server, pushes (everything it lacks when it may be
    /// behind), then pulls; the report, or the first trouble met.
    pub async fn go(mut self, host: &dyn Host) -> Result<Report, Trouble> {
        // The database and its key document are asked at once (one round
        // trip, not two): the signs that must be read before anything is
        // sent.
        let (db, key_present) = both(self.db_info(), self.check_key()).await;
        let (db, key_present) = (db?, key_present?);
        let plan = verify::signs_before(&db, sync_state::mark(self.p).as_ref(), key_present);
        // Stored before anything is sent: a run cut short still owes the
        // comparison, and the next one starts its pull over. Best effort: a
        // mark that could not be stored (storage full) leaves the old one,
        // from which the next run reads the same signs again.
        let _ = sync_state::set_mark(self.p, &plan.mark);
        if plan.fresh_checkpoint {
            sync_state::clear_checkpoint(self.p);
        }
        if !key_present {
            self.restore_key().await?;
        }
        let rid = checkpoint::replication_id(
            &checkpoint::endpoint(&self.cfg.url, &self.cfg.db),
            &checkpoint::device_endpoint(&self.cfg.device_id),
            &verify::checkpoint_device(&self.cfg.device_id, plan.mark.epoch),
        );
        // What this device's edits need comes first (another device hears
        // of them a round trip sooner); the checkpoints are compared after:
        // a push moves neither, so the sign they give is the same, and a
        // run cut before it is noted reads it again.
        self.push(host).await?;
        let device_cp = sync_state::checkpoint(self.p);
        let server_cp = self.server_checkpoint(&rid, device_cp.as_ref()).await?;
        let mut mark = plan.mark.clone();
        let behind = plan.compare_all()
            || verify::sign_of_checkpoints(device_cp.as_ref(), server_cp.as_ref()).is_some();
        if behind && !mark.owed {
            mark.owed = true;
            let _ = sync_state::set_mark(self.p, &mark);
        }
        if behind {
            self.compare_all(host).await?;
        }
        if self.report.pushed > 0 {
            // What was just sent is remembered at once: should the pull
            // below not get as far as its checkpoint, a restore to a copy
            // from before this push still shows at the next run.
            mark = mark.saw(&self.db_info().await?);
            let _ = sync_state::set_mark(self.p, &mark);
        }
        let last_seq = self.pull(host, &rid, device_cp, server_cp).await?;
        let _ = sync_state::set_mark(self.p, &mark.finished(&db, Some(&last_seq)));
        host.pulled_to(&last_seq);
        Ok(self.report)
    }

    /// Takes in a few changes the live feed named: fetches those revisions,
    /// decrypts, settles them by the same rule and stores them, as a page
    /// of a pull does, but moves no checkpoint and sends nothing (the
    /// regular runs keep the checkpoints and the server-went-back checks,
    /// and find these revisions already held). `Ok(true)` when each was
    /// settled here; `Ok(false)` when one needs what only a whole run does
    /// (a settled revision to write, a conflict's losers to close), which
    /// the caller then starts.
    pub async fn take(
        mut self,
        host: &dyn Host,
        changes: &[protocol::Change],
    ) -> Result<bool, Trouble> {
        let owed = self.take_page(host, changes, true).await?;
        Ok(!owed)
    }

    /// The database's identity and sequence (`GET /<db>/`); a 404 here is
    /// "no database by that name".
    async fn db_info(&self) -> Result<verify::DbInfo, Trouble> {
        parsed(
            self.p.request("GET", &self.cfg.db_url(), None).await,
            verify::parse_db_info,
        )
    }

    /// Whether the key document is there (asked through `_all_docs`, so a
    /// missing one is no 404); it must be the key this device joined: a
    /// database re-keyed is not written to. A copy is kept to put back.
    async fn check_key(&self) -> Result<bool, Trouble> {
        let query = self.url(&keys::key_query_path());
        let found = parsed(
            self.p.request("GET", &query, None).await,
            keys::key_from_rows,
        )?;
        let Some(text) = found else {
            return Ok(false);
        };
        match keys::KeyDoc::decode(&text) {
            Ok((doc, _)) if doc.kid == self.cfg.kid => {
                if let Some(copy) = keys::key_copy(&text) {
                    sync_state::set_key_copy(self.p, &copy);
                }
                Ok(true)
            }
            Ok(_) => Err(Trouble::KeyChanged),
            Err(_) => Err(Trouble::Unexpected(200)),
        }
    }

    /// Puts back the key document a server lost, from the kept copy; without
    /// one the therapist gives the passphrase (`setup::put_key_back`).
    async fn restore_key(&self) -> Result<(), Trouble> {
        let copy = sync_state::key_copy(self.p);
        let keys::KeyRestore::Put(doc) = keys::restore_key(copy.as_deref(), &self.cfg.kid) else {
            return Err(Trouble::KeyMissing);
        };
        let url = self.url(crate::domain::sync::revs::KEY_DOC_ID);
        let out = self.p.request("PUT", &url, Some(&doc)).await;
        if out.status() == Some(409) {
            // Another device put it back meanwhile: it must be the same key.
            return match self.check_key().await? {
                true => Ok(()),
                false => Err(Trouble::KeyMissing),
            };
        }
        parsed(out, |t| serde_json::from_str::<serde_json::Value>(t)).map(|_| ())
    }

    /// The server's copy of the pull checkpoint. Without a device copy the
    /// pull starts from the beginning whatever the server holds, so it is
    /// not asked (a first run would only meet a 404).
    async fn server_checkpoint(
        &self,
        rid: &str,
        device_cp: Option<&Checkpoint>,
    ) -> Result<Option<Checkpoint>, Trouble> {
        if device_cp.is_none() {
            return Ok(None);
        }
        let path = checkpoint::checkpoint_path(rid);
        match self.p.request("GET", &self.url(&path), None).await {
            o if o.status() == Some(404) => Ok(None),
            o => Ok(Some(parsed(o, |t| Checkpoint::decode(Some(t)).ok_or(()))?)),
        }
    }

    /// Compares every record this device holds as synced with the server
    /// (`_revs_diff`, as CouchDB's replicator does without a checkpoint)
    /// and sends again what the server lacks. Until it is sent, the status
    /// counts it as waiting.
    async fn compare_all(&mut self, host: &dyn Host) -> Result<(), Trouble> {
        let store = host.store();
        let synced = &*self.synced;
        let offer = verify::full_offer(&store, |id| synced.get(id).cloned(), self.memo);
        let mut missing = BTreeMap::new();
        for batch in verify::offer_batches(&offer, verify::OFFER_BATCH) {
            let diff = parsed(
                self.post(
                    protocol::REVS_DIFF_PATH,
                    &protocol::revs_diff_request(&batch),
                )
                .await,
                protocol::parse_revs_diff,
            )?;
            missing.extend(diff);
        }
        let synced = &*self.synced;
        let resend = verify::to_resend(&store, |id| synced.get(id).cloned(), &missing);
        host.missing(resend.len());
        self.send_pushes(&resend).await?;
        host.missing(0);
        Ok(())
    }

    /// Encrypts `record` as a child of `parent_path[0]`.
    pub(super) async fn revision(
        &mut self,
        record: &Record,
        parent_path: &[Rev],
    ) -> Result<WireDoc, Trouble> {
        let req = seal_request(record);
        let iv = self.fresh_iv()?;
        let env = self
            .p
            .seal(&self.key, iv, &req.plaintext, &req.aad)
            .await
            .map_err(|_| Trouble::Unexpected(0))?;
        Ok(WireDoc::revision(
            record.kind(),
            record.id(),
            record.changed_at(),
            env,
            parent_path,
        ))
    }

    /// A random IV the ledger has not seen; a second clash in a row means
    /// the random source is broken, and nothing is encrypted.
    fn fresh_iv(&mut self) -> Result<[u8; IV_LEN], Trouble> {
        for _ in 0..2 {
            let iv = self.p.bytes().map_err(|_| Trouble::Unexpected(0))?;
            match self.ledger.claim(&self.cfg.kid, iv) {
                Ok(()) => return Ok(iv),
                Err(IvError::Reused | IvError::AllZero) => continue,
                Err(_) => break,
            }
        }
        Err(Trouble::Unexpected(0))
    }

    /// Sends documents the server lacks (by `_revs_diff`) with their
    /// histories, `new_edits: false`; returns the ids it stored.
    pub(super) async fn send(&mut self, docs: Vec<WireDoc>) -> Result<Vec<String>, Trouble> {
        let mut stored = Vec::new();
        let mut rest = docs;
        while !rest.is_empty() {
            let take = rest.len().min(self.batch);
            let batch: Vec<WireDoc> = rest.drain(..take).collect();
            let (missing, already) = if protocol::ask_first(batch.len()) {
                let offer: BTreeMap<String, Vec<Rev>> = batch
                    .iter()
                    .filter_map(|d| Some((d.id.clone(), vec![d.rev().ok()?])))
                    .collect();
                let diff = parsed(
                    self.post(
                        protocol::REVS_DIFF_PATH,
                        &protocol::revs_diff_request(&offer),
                    )
                    .await,
                    protocol::parse_revs_diff,
                )?;
                let already: Vec<String> = batch
                    .iter()
                    .filter(|d| !diff.contains_key(&d.id))
                    .map(|d| d.id.clone())
                    .collect();
                (protocol::only_missing(batch.clone(), &diff), already)
            } else {
                (batch.clone(), Vec::new())
            };
            if !missing.is_empty() {
                let out = self
                    .post(
                        protocol::BULK_DOCS_PATH,
                        &protocol::bulk_docs_request(&missing),
                    )
                    .await;
                if out.status() == Some(413) && self.batch > 1 {
                    // Too large: the same documents again, in smaller parts.
                    self.batch = smaller_batch(self.batch);
                    let mut again = batch;
                    again.append(&mut rest);
                    rest = again;
                    continue;
                }
                let rejected = parsed(out, protocol::parse_bulk_docs)?;
                if let Some(r) = rejected.first() {
                    return Err(crate::domain::sync::answers::rejected(&r.error));
                }
                stored.extend(missing.into_iter().map(|d| d.id));
            }
            stored.extend(already);
        }
        Ok(stored)
    }

    /// Pushes every record never synced or changed since.
    async fn push(&mut self, host: &dyn Host) -> Result<(), Trouble> {
        self.p.mark("attune-sync-scan-start");
        let store = host.store();
        let synced = &*self.synced;
        let pushes = engine::to_push(&store, |id| synced.get(id).cloned(), self.memo);
        // What finding the records to push costs (the benchmark reads it).
        self.p.measure("attune-sync-scan", "attune-sync-scan-start");
        self.send_pushes(&pushes).await
    }

    /// Seals each record as a revision on top of its parent, sends them,
    /// and notes what the server stored.
    async fn send_pushes(&mut self, pushes: &[Push]) -> Result<(), Trouble> {
        let mut docs = Vec::with_capacity(pushes.len());
        let mut notes = Vec::with_capacity(pushes.len());
        for Push { record, parent } in pushes {
            let path: Vec<Rev> = parent.iter().cloned().collect();
            let doc = self.revision(record, &path).await?;
            let rev = doc.rev().map_err(|_| Trouble::Unexpected(0))?;
            notes.push((doc.id.clone(), Synced::of(rev, record)));
            docs.push(doc);
        }
        let stored = self.send(docs).await?;
        for (id, note) in notes {
            if stored.contains(&id) {
                sync_state::set_synced(self.p, &id, &note);
                self.synced.insert(id, note);
                self.report.pushed += 1;
            }
        }
        Ok(())
    }

    /// Pulls from the checkpoint both sides hold, page by page; where the
    /// feed ended.
    async fn pull(
        &mut self,
        host: &dyn Host,
        rid: &str,
        mut device_cp: Option<Checkpoint>,
        server_cp: Option<Checkpoint>,
    ) -> Result<protocol::Seq, Trouble> {
        let cp_path = checkpoint::checkpoint_path(rid);
        let mut server_rev = server_cp.as_ref().and_then(|c| c.rev.clone());
        let mut since = checkpoint::resume_from(device_cp.as_ref(), server_cp.as_ref());
        let run_id = self.p.hex_id();
        loop {
            let page = parsed(
                self.p
                    .request(
                        "GET",
                        &self.url(&protocol::changes_path(&since, protocol::PAGE_SIZE)),
                        None,
                    )
                    .await,
                protocol::parse_changes,
            )?;
            self.take_page(host, &page.changes, false).await?;
            let more = pull::more_pages(&page, &since);
            if page.last_seq != since {
                let mut cp = checkpoint::next_checkpoint(
                    device_cp.as_ref(),
                    rid,
                    &run_id,
                    page.last_seq.clone(),
                );
                cp.rev = server_rev.clone();
                let put = self
                    .p
                    .request("PUT", &self.url(&cp_path), Some(&cp.encode()))
                    .await;
                server_rev = parsed(put, |t| {
                    serde_json::from_str::<serde_json::Value>(t)
                        .map(|v| v.get("rev").and_then(|r| r.as_str()).map(str::to_string))
                })?;
                cp.rev = None;
                let _ = sync_state::set_checkpoint(self.p, &cp);
                device_cp = Some(cp);
                since = page.last_seq;
            }
            if !more {
                return Ok(since);
            }
        }
    }

    /// Fetches, decrypts and settles one page of changed documents, keeps
    /// the records, then sends what settling wrote. `light` (the live
    /// feed's take): nothing is sent, and a document whose settling would
    /// send something is left for a whole run; true when one was.
    async fn take_page(
        &mut self,
        host: &dyn Host,
        changes: &[protocol::Change],
        light: bool,
    ) -> Result<bool, Trouble> {
        let wanted = engine::to_fetch(changes, |id| self.synced.get(id).cloned());
        if wanted.is_empty() {
            return Ok(false);
        }
        let mut owed = false;
        let fetched = parsed(
            self.post(
                protocol::BULK_GET_PATH,
                &protocol::bulk_get_request(&wanted),
            )
            .await,
            protocol::parse_bulk_get,
        )?;
        let docs: Vec<WireDoc> = fetched
            .into_iter()
            .filter_map(|f| match f {
                Fetched::Doc(doc) => Some(doc),
                _ => None,
            })
            .collect();
        let reqs: Vec<Option<OpenRequest>> = docs
            .iter()
            .map(|d| (!d.deleted).then(|| open_request(d).ok()).flatten())
            .collect();
        for r in reqs.iter().flatten() {
            self.ledger.note(r.iv);
        }
        // The page's revisions are decrypted at once: WebCrypto works on
        // them side by side, where one after another each waits its turn.
        let (p, key) = (self.p, &self.key);
        let clear = all(reqs
            .iter()
            .map(|r| async move {
                match r {
                    Some(r) => p.open(key, &r.iv, &r.ct, &r.aad).await,
                    None => None,
                }
            })
            .collect())
        .await;
        let mut by_doc: BTreeMap<String, Leaves> = BTreeMap::new();
        for (doc, clear) in docs.iter().zip(clear) {
            let opened = clear.and_then(|c| read_plaintext(&doc.id, &c).ok());
            let record = match opened {
                // A newer Attune's record would lose what this version
                // cannot read if it were kept here: stop before it, and
                // before the checkpoint moves.
                Some(o) if o.version > CURRENT_VERSION => return Err(Trouble::NewerApp),
                o => o,
            };
            by_doc.entry(doc.id.clone()).or_default().add(doc, record);
        }
        let mut edited_here = std::collections::BTreeSet::new();
        // This device's copies, to fill what a copy an older Attune wrote
        // left out (`conflict::resolve_beside`).
        let mut ours: BTreeMap<String, Record> = BTreeMap::new();
        host.with_store(&mut |store| {
            for id in by_doc.keys() {
                if let Some((kind, rid)) = parse_doc_id(id) {
                    if engine::changed_here(store, kind, rid, self.synced.get(id)) {
                        edited_here.insert(id.clone());
                    }
                }
            }
            let older = |l: &Leaves| l.candidates.iter().any(|c| older::is_older(c.version));
            // Only a page holding such a copy pays for the look.
            if !by_doc.values().any(older) {
                return;
            }
            for r in engine::records(store) {
                let id = crate::domain::sync::revs::doc_id(r.kind(), r.id());
                if by_doc.get(&id).is_some_and(older) {
                    ours.insert(id, r);
                }
            }
        });
        // Documents whose winner is a transfer's stub: their records left
        // this database; the host's rule says which go. A stub of any other
        // making (another tool's delete, a restore) removes nothing: it
        // says nowhere that the record is kept elsewhere.
        let moved: std::collections::BTreeSet<(&str, &str)> = (docs.iter())
            .filter(|d| d.deleted && d.moved)
            .map(|d| (d.id.as_str(), d.rev.as_str()))
            .collect();
        let closed: Vec<(String, Option<Synced>)> = (by_doc.iter())
            .filter(|(id, l)| {
                parse_doc_id(id).is_some()
                    && l.tree.winner().is_some_and(|w| {
                        w.deleted && moved.contains(&(id.as_str(), w.rev.to_string().as_str()))
                    })
            })
            .map(|(id, _)| (id.clone(), self.synced.get(id).cloned()))
            .collect();
        if !light && !closed.is_empty() {
            self.take_closed(host, &closed).await?;
        }
        let mut keep = Vec::new();
        let mut notes = Vec::new();
        let mut uploads = Vec::new();
        for (id, leaves) in &by_doc {
            if parse_doc_id(id).is_none() {
                continue;
            }
            if leaves.candidates.is_empty() || edited_here.contains(id) {
                // Nothing readable, or edited here meanwhile: the next push
                // makes this device's copy a leaf and the rule settles it.
                continue;
            }
            let Ok(resolution) = conflict::resolve_beside(&leaves.candidates, ours.get(id)) else {
                continue;
            };
            let settle = engine::settle(id, &resolution, &leaves.tree);
            if light && (settle.keep_rev.is_none() || !settle.stubs.is_empty()) {
                owed = true;
                continue;
            }
            if leaves.candidates.len() > 1 {
                self.report.settled += 1;
            }
            let rev = match (&settle.keep_rev, &settle.write_on) {
                (Some(r), _) => r.clone(),
                (None, Some(parent)) => {
                    let doc = self
                        .revision(&settle.record, &leaves.tree.path_to(parent))
                        .await?;
                    let rev = doc.rev().map_err(|_| Trouble::Unexpected(0))?;
                    uploads.push(doc);
                    rev
                }
                (None, None) => continue,
            };
            uploads.extend(settle.stubs.iter().cloned());
            notes.push((id.clone(), Synced::of(rev, &settle.record)));
            keep.push(settle.record);
        }
        // Encrypting above gave the page's thread away: an edit made
        // meanwhile wins here (no await between this check and the keep),
        // and the next push makes it a conflict the rule settles.
        let mut edited = Vec::with_capacity(keep.len());
        host.with_store(&mut |now| {
            edited = keep
                .iter()
                .map(|r| {
                    let id = crate::domain::sync::revs::doc_id(r.kind(), r.id());
                    engine::changed_here(now, r.kind(), r.id(), self.synced.get(&id))
                })
                .collect();
        });
        let mut flags = edited.iter();
        keep.retain(|_| !flags.next().copied().unwrap_or(false));
        let mut flags = edited.iter();
        notes.retain(|_| !flags.next().copied().unwrap_or(false));
        // What the host would not keep is not noted either.
        let admitted = host.admitted(&keep);
        // Except a record this device moved out of this database (its own
        // transfer) that came back open here: another device sent an edit
        // to the old caseload. Noted reopened, the transfer is owed again
        // and takes the edit along (`domain::sync::transfers::pending`).
        for ((id, note), ok) in notes.iter().zip(&admitted) {
            let moved = self.synced.get(id).is_some_and(|n| n.digest == MOVED_NOTE);
            if !ok && moved {
                let reopened = Synced {
                    rev: note.rev.clone(),
                    digest: REOPENED_NOTE.into(),
                };
                sync_state::set_synced(self.p, id, &reopened);
                self.synced.insert(id.clone(), reopened);
            }
        }
        let mut flags = admitted.iter();
        keep.retain(|_| flags.next().copied().unwrap_or(true));
        let mut flags = admitted.iter();
        notes.retain(|_| flags.next().copied().unwrap_or(true));
        let adding = pull::page_units(&keep);
        if host
            .room()
            .is_some_and(|room| !protocol::fits(adding, 0, room))
        {
            return Err(Trouble::QuotaStop);
        }
        let count = keep.len();
        if count > 0 {
            host.keep(keep).map_err(|_| Trouble::QuotaStop)?;
            // Only records stored for good are noted as held here: a note
            // for one lost with a tab would keep it from being pulled again.
            host.kept().await.map_err(|_| Trouble::QuotaStop)?;
        }
        for (id, note) in notes {
            sync_state::set_synced(self.p, &id, &note);
            self.synced.insert(id, note);
        }
        self.report.pulled += count;
        if !uploads.is_empty() {
            self.send(uploads).await?;
        }
        Ok(owed)
    }
}

impl<P: Platform> Run<'_, P> {
    /// Hands the host the documents closed in this database and forgets
    /// the notes of the records it removed (they are no longer this
    /// device's to send); counts what was removed and what held back.
    async fn take_closed(
        &mut self,
        host: &dyn Host,
        closed: &[(String, Option<Synced>)],
    ) -> Result<(), Trouble> {
        let done = host.closed(closed).map_err(|_| Trouble::QuotaStop)?;
        if done.contains(&Closed::Remove) {
            host.kept().await.map_err(|_| Trouble::QuotaStop)?;
        }
        for ((id, _), what) in closed.iter().zip(done) {
            match what {
                Closed::Remove => {
                    sync_state::forget_synced(self.p, id);
                    self.synced.remove(id);
                    self.report.removed += 1;
                }
                Closed::HeldBack => self.report.held_back += 1,
                Closed::NotHere => {}
            }
        }
        Ok(())
    }
}

/// Both futures, driven together: their requests are out at the same time.
async fn both<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (std::pin::pin!(a), std::pin::pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        match (ra.take(), rb.take()) {
            (Some(x), Some(y)) => Poll::Ready((x, y)),
            (x, y) => {
                (ra, rb) = (x, y);
                Poll::Pending
            }
        }
    })
    .await
}

/// Every future of `all`, driven together; their outputs in order.
async fn all<F: Future>(all: Vec<F>) -> Vec<F::Output> {
    let mut futs: Vec<Pin<Box<F>>> = all.into_iter().map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = futs.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (f, o) in futs.iter_mut().zip(out.iter_mut()) {
            if o.is_none() {
                match f.as_mut().poll(cx) {
                    Poll::Ready(v) => *o = Some(v),
                    Poll::Pending => pending = true,
                }
            }
        }
        match pending {
            true => Poll::Pending,
            false => Poll::Ready(()),
        }
    })
    .await;
    out.into_iter().flatten().collect()
}
