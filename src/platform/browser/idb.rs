//! IndexedDB as the [`RecordDb`]: one database (`attune`), one object store
//! (`records`) of strings by key, on web-sys directly. Why not a crate
//! (`idb`, `rexie`, `indexed_db_futures`): Attune asks three things of
//! IndexedDB (open, read everything in one transaction, one guarded
//! readwrite transaction), about 150 lines here; each crate brings its own
//! futures layer and error types for the whole API, more code in the
//! therapist page's wasm than these lines. And [`BroadcastChannel`], which
//! tells the page's other tabs that a save was committed.
//!
//! Every request is turned into a promise the page awaits; the guard of a
//! commit is checked inside the transaction, in the success callback of its
//! read, so the check and the writes are one transaction (IndexedDB runs
//! readwrite transactions on one store one after another).

use crate::platform::database::{Commit, RecordDb, Write};
use crate::platform::KvError;
use js_sys::{Array, Promise};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

/// The database's name and version, and its one object store.
const NAME: &str = "attune";
const VERSION: u32 = 1;
const STORE: &str = "records";
/// The channel other tabs of the therapist page listen on.
pub const CHANNEL: &str = "attune.records";

/// The open database.
#[derive(Clone)]
pub struct Idb {
    db: IdbDatabase,
}

fn named(e: &JsValue) -> KvError {
    let name = e
        .dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|x| String::from(x.name())))
        .unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" => KvError::Quota,
        "" => KvError::Other("IndexedDB refused".into()),
        _ => KvError::Other(name),
    }
}

/// Resolves when `req` succeeds (with its result), rejects with its error.
fn request(req: &IdbRequest) -> JsFuture {
    JsFuture::from(request_promise(req))
}

/// How long opening the database may take before the page opens on
/// localStorage instead: the page mounts only once its records are open,
/// so an open that never answers must not leave it blank.
const OPEN_MS: i32 = 5000;

/// Resolves with `undefined` after `ms` milliseconds.
fn later(ms: i32) -> Promise {
    Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    })
}

fn request_promise(req: &IdbRequest) -> Promise {
    let req2 = req.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = req2.clone();
        let on_ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::NULL));
        });
        let bad = req2.clone();
        let on_err = Closure::once_into_js(move || {
            let e = bad
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        req2.set_onsuccess(Some(on_ok.unchecked_ref()));
        req2.set_onerror(Some(on_err.unchecked_ref()));
    });
    promise
}

/// Resolves when `tx` completes; rejects with its error when it aborts.
fn finished(tx: &IdbTransaction) -> JsFuture {
    let tx2 = tx.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        tx2.set_oncomplete(Some(&resolve));
        let t = tx2.clone();
        let on_abort = Closure::once_into_js(move || {
            let e = t.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        tx2.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise)
}

impl Idb {
    /// Opens (creating on first use) the records database; `Err` when the
    /// browser gives Attune no IndexedDB here.
    pub async fn open() -> Result<Idb, KvError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or(KvError::Unavailable)?;
        let req = factory
            .open_with_u32(NAME, VERSION)
            .map_err(|e| named(&e))?;
        let up = req.clone();
        let on_upgrade = Closure::once_into_js(move || {
            if let Ok(db) = up.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                if !db.object_store_names().contains(STORE) {
                    let _ = db.create_object_store(STORE);
                }
            }
        });
        req.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
        let opened = Promise::race(&Array::of2(&request_promise(&req), &later(OPEN_MS)));
        let db: IdbDatabase = JsFuture::from(opened)
            .await
            .map_err(|e| named(&e))?
            .dyn_into()
            .map_err(|_| KvError::Unavailable)?;
        Ok(Idb { db })
    }

    fn transaction(&self, mode: IdbTransactionMode) -> Result<IdbTransaction, KvError> {
        self.db
            .transaction_with_str_and_mode(STORE, mode)
            .map_err(|e| named(&e))
    }
}

fn strings(v: JsValue) -> Vec<String> {
    v.dyn_into::<Array>()
        .map(|a| {
            a.iter()
                .map(|x| x.as_string().unwrap_or_default())
                .collect()
        })
        .unwrap_or_default()
}

impl RecordDb for Idb {
    async fn read_all(&self) -> Result<Vec<(String, String)>, KvError> {
        let tx = self.transaction(IdbTransactionMode::Readonly)?;
        let store = tx.object_store(STORE).map_err(|e| named(&e))?;
        let keys = store.get_all_keys().map_err(|e| named(&e))?;
        let values = store.get_all().map_err(|e| named(&e))?;
        let keys = strings(request(&keys).await.map_err(|e| named(&e))?);
        let values = strings(request(&values).await.map_err(|e| named(&e))?);
        // Both lists come in key order, from one transaction.
        Ok(keys.into_iter().zip(values).collect())
    }

    async fn commit(
        &self,
        guard: (&str, Option<&str>),
        writes: &[Write],
    ) -> Result<Commit, KvError> {
        let tx = self.transaction(IdbTransactionMode::Readwrite)?;
        let store = tx.object_store(STORE).map_err(|e| named(&e))?;
        let done = finished(&tx);
        let check = store
            .get(&JsValue::from_str(guard.0))
            .map_err(|e| named(&e))?;
        let moved = Rc::new(Cell::new(false));
        let (flag, expected) = (moved.clone(), guard.1.map(str::to_string));
        let (t, s, req, writes) = (tx.clone(), store.clone(), check.clone(), writes.to_vec());
        // In the read's success callback the transaction is still active:
        // the writes join it, or it is aborted, in the same task.
        let on_read = Closure::once_into_js(move || {
            let held = req.result().ok().and_then(|v| v.as_string());
            if held != expected {
                flag.set(true);
                let _ = t.abort();
                return;
            }
            for (k, v) in &writes {
                let key = JsValue::from_str(k);
                let r = match v {
                    Some(text) => s.put_with_key(&JsValue::from_str(text), &key),
                    None => s.delete(&key),
                };
                if r.is_err() {
                    let _ = t.abort();
                    return;
                }
            }
        });
        check.set_onsuccess(Some(on_read.unchecked_ref()));
        match done.await {
            Ok(_) => Ok(Commit::Done),
            Err(_) if moved.get() => Ok(Commit::Moved),
            Err(e) => Err(named(&e)),
        }
    }
}

/// Tells the page's other tabs that a save was committed, and hears
/// theirs.
pub struct Channel(web_sys::BroadcastChannel);

impl Channel {
    /// The therapist page's channel; `None` without `BroadcastChannel`.
    pub fn open() -> Option<Channel> {
        web_sys::BroadcastChannel::new(CHANNEL).ok().map(Channel)
    }

    /// Says a save was committed (the keys it wrote, for reading).
    pub fn tell(&self, what: &str) {
        let _ = self.0.post_message(&JsValue::from_str(what));
    }

    /// Calls `heard` with each message another tab sends, for the page's life.
    pub fn listen(&self, heard: impl Fn(String) + 'static) {
        let f = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            heard(e.data().as_string().unwrap_or_default())
        });
        self.0.set_onmessage(Some(f.as_ref().unchecked_ref()));
        f.forget();
    }
}
