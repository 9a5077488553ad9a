//! The storage shell on the browser: the single document (kept on the JS
//! side, so megabytes are not copied into wasm), the draft, the round, the
//! device settings and the PIN's copies, client mode, presentation mode, and
//! the form's new-rating records with this tab's refused ones.
//!
//! Rules it keeps: never panic when storage is missing (private modes, disabled
//! storage); never overwrite data it cannot read (it is copied to a quarantine
//! key first, or left alone); verify every write by reading it back; merge with
//! what is stored before writing, so two tabs never drop each other's ratings.

use super::home::Place;
use super::{LoadStatus, StorageError, DATA_KEY, DRAFT_KEY, QUARANTINE_PREFIX};
use crate::domain::device::settings::DeviceSettings;
use crate::domain::records::draft::Draft;
use crate::domain::records::store::{self, Store};
use crate::domain::security::pin::PinRecordError;
use crate::domain::security::recovery::{RecoveryRecord, RECOVERY_KEY};
use crate::platform::browser::idb::{Channel, Idb};
use crate::platform::browser::LocalStore;
use crate::platform::KeyValue;
use js_sys::JsString;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};

use crate::domain::records::save_plan::{self, Found, LoadPlan, Observed, SavePlan};

fn raw() -> Result<web_sys::Storage, StorageError> {
    // Looked up each time and never unwrapped: storage may be missing or
    // blocked (private modes), which must not panic.
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

fn js_error(e: wasm_bindgen::JsValue) -> StorageError {
    let name = e
        .dyn_ref::<js_sys::Error>()
        .map(|err| String::from(err.name()))
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StorageError::Quota
    } else {
        StorageError::Other(if name.is_empty() {
            super::UNKNOWN.into()
        } else {
            name
        })
    }
}

/// The single document as this page last wrote or read it, kept on the JS
/// side. When storage still holds exactly it, no other tab has saved since,
/// so a save need not copy and decode megabytes to merge (10,000 ratings are
/// about 3 MB).
#[derive(Default)]
pub struct Document {
    last: RefCell<Option<JsString>>,
}

impl Document {
    fn remember(&self, text: Option<JsString>) {
        *self.last.borrow_mut() = text;
    }

    fn is_last(&self, text: &JsString) -> bool {
        self.last
            .borrow()
            .as_ref()
            .is_some_and(|last| JsValue::from(last) == JsValue::from(text))
    }
}

/// `storage[method](args…)` with JS values, so long strings stay on the JS
/// side (web-sys's `get_item`/`set_item` copy them through wasm memory).
fn call(s: &web_sys::Storage, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(s, &method.into())?.dyn_into()?;
    match args {
        [a] => f.call1(s, a),
        [a, b] => f.call2(s, a, b),
        _ => f.call0(s),
    }
}

/// The stored value of `key` as a JS string, not copied into wasm.
fn get_js(s: &web_sys::Storage, key: &str) -> Option<JsString> {
    call(s, "getItem", &[&key.into()]).ok()?.dyn_into().ok()
}

fn set_verified(key: &str, value: &str) -> Result<(), StorageError> {
    set_verified_js(key, &JsString::from(value))
}

fn set_verified_js(key: &str, value: &JsString) -> Result<(), StorageError> {
    let s = raw()?;
    let before = get_js(&s, key);
    call(&s, "setItem", &[&key.into(), value]).map_err(js_error)?;
    // setItem is atomic per spec (it throws and leaves the old value on
    // failure); the read-back (a string comparison in JS) guards against
    // anything rewriting it under us.
    if get_js(&s, key).map(JsValue::from) != Some(JsValue::from(value)) {
        if let Some(prev) = before {
            let _ = call(&s, "setItem", &[&key.into(), &prev]);
        }
        return Err(StorageError::Verify);
    }
    Ok(())
}

impl Document {
    /// Reads the stored document; what to do with it is decided by
    /// [`save_plan::plan_load`], this only reads, copies and verifies.
    pub fn load(&self, now_ms: f64) -> (Store, LoadStatus) {
        let s = raw().ok();
        let text = s.as_ref().map(|s| s.get_item(DATA_KEY).ok().flatten());
        let found = match &text {
            None => Found::NoStorage,
            Some(None) => Found::Nothing,
            Some(Some(t)) => Found::Text(t),
        };
        // Set-aside copies matter only when the stored text is unreadable.
        let quarantined = match found {
            Found::Text(t) if store::decode(t).is_err() => quarantined(),
            _ => Vec::new(),
        };
        match save_plan::plan_load(found, &quarantined, now_ms as u64) {
            LoadPlan::Start {
                store,
                status,
                remember: keep,
            } => {
                if keep {
                    if let Some(s) = &s {
                        self.remember(get_js(s, DATA_KEY));
                    }
                }
                (store, status)
            }
            LoadPlan::QuarantineFirst { key, reason } => {
                let copied = text
                    .flatten()
                    .is_some_and(|t| set_verified(&key, &t).is_ok());
                let status = LoadPlan::after_quarantine(key, reason, copied);
                (Store::default(), status)
            }
        }
    }

    /// Saves `mine`, merged with whatever another tab stored meanwhile, and returns
    /// what is now stored. The decision is [`save_plan::plan_save`]'s; this reads
    /// what is there, writes and verifies. On any error the stored copy is unchanged.
    pub fn save(&self, mine: &Store, status: &LoadStatus) -> Result<Store, StorageError> {
        let observed = match raw() {
            Err(_) => Observed::NoStorage,
            Ok(s) => match get_js(&s, DATA_KEY) {
                None => Observed::Absent,
                Some(js) if self.is_last(&js) => Observed::Unchanged,
                Some(js) => {
                    let text = String::from(&js);
                    let decoded = store::decode(&text);
                    let is_quarantined_copy =
                        decoded.is_err() && quarantined_copy_matches(status, &s, &text);
                    Observed::Changed {
                        decoded,
                        is_quarantined_copy,
                    }
                }
            },
        };
        match save_plan::plan_save(status, observed, mine) {
            SavePlan::Block(why) => Err(StorageError::Blocked(why)),
            SavePlan::Write(merged) => {
                let out = JsString::from(store::encode(&merged).as_str());
                set_verified_js(DATA_KEY, &out)?;
                self.remember(Some(out));
                Ok(merged)
            }
        }
    }

    /// Reads the stored document for a `storage` event from another tab; `None`
    /// when it is missing or unreadable (the caller keeps what it has).
    pub fn reread(&self) -> Option<Store> {
        let s = raw().ok()?;
        let js = get_js(&s, DATA_KEY)?;
        let d = store::decode(&String::from(&js)).ok()?;
        if d.read_only() {
            return None;
        }
        // The caller merges this into what it holds, so it holds all of it.
        self.remember(Some(js));
        Some(d.store)
    }
}

/// All quarantined copies, oldest first: (key, exact original text).
pub fn quarantined() -> Vec<(String, String)> {
    raw()
        .map(|s| entries(&s, QUARANTINE_PREFIX))
        .unwrap_or_default()
}

/// The saved draft, if any and readable. A corrupt draft is simply ignored:
/// it holds at most four marks and must never block a new rating. Both pages
/// read it with the hand codec (the same format serde writes), so the form
/// links no serde.
pub fn load_draft() -> Option<Draft> {
    Draft::decode(&raw().ok()?.get_item(DRAFT_KEY).ok()??)
}

/// Saves the draft; failures are returned so the UI can warn, never panic.
pub fn save_draft(draft: &Draft) -> Result<(), StorageError> {
    raw()?
        .set_item(DRAFT_KEY, &draft.encode())
        .map_err(js_error)
}

/// Puts the client `client_id`'s words into `scale` and returns the
/// wording to record, with the form's sentences in their language, from
/// what the therapist page left
/// ([`crate::domain::measures::language::read_client`]); `None`s: the
/// built-in words and English, `scale` untouched.
pub fn words_for(
    client_id: &str,
    scale: &mut crate::domain::measures::scale::ScaleDefinition,
) -> (
    Option<crate::domain::measures::language::Wording>,
    Option<crate::domain::measures::messages::FormWords>,
) {
    let text = raw()
        .ok()
        .and_then(|s| {
            s.get_item(crate::domain::measures::language::WORDS_KEY)
                .ok()
        })
        .flatten()
        .unwrap_or_default();
    crate::domain::measures::language::read_client(&text, client_id, scale)
}

/// Whether the therapist page asked for the client `client_id`'s lines
/// to be read aloud ([`crate::domain::measures::language::reads_aloud`]).
pub fn reads_aloud(client_id: &str) -> bool {
    raw()
        .ok()
        .and_then(|s| {
            s.get_item(crate::domain::measures::language::WORDS_KEY)
                .ok()
        })
        .flatten()
        .is_some_and(|t| crate::domain::measures::language::reads_aloud(&t, client_id))
}

/// Whether the therapist page left words that reach a draft for a client
/// (`for_client`) or of no client
/// ([`crate::domain::measures::language::words_reach`]): the form's first
/// module leaves such a draft to the full module, as `web/paint.js` does.
pub fn words_reach(for_client: bool) -> bool {
    raw().ok().is_some_and(|s| {
        s.get_item(crate::domain::measures::language::WORDS_KEY)
            .ok()
            .flatten()
            .is_some_and(|t| crate::domain::measures::language::words_reach(&t, for_client))
    })
}

/// Removes the draft after its rating was saved.
pub fn clear_draft() {
    if let Ok(s) = raw() {
        let _ = s.remove_item(DRAFT_KEY);
    }
}

/// Key of the round under way (several people rating in turn on one device).
pub const ROUND_KEY: &str = "attune.round";

/// The round under way, if any; an unreadable copy reads as none (the
/// ratings already given are records of their own and are not affected).
pub fn load_round() -> Option<crate::domain::raters::round::Round> {
    serde_json::from_str(&raw().ok()?.get_item(ROUND_KEY).ok()??).ok()
}

/// Stores the round and reads it back: who rates next must survive a
/// reload, so a write that did not take is an error.
pub fn save_round(round: &crate::domain::raters::round::Round) -> Result<(), StorageError> {
    let text = serde_json::to_string(round).map_err(|e| StorageError::Other(e.to_string()))?;
    set_verified(ROUND_KEY, &text)
}

/// Ends the round on this device.
pub fn clear_round() {
    if let Ok(s) = raw() {
        let _ = s.remove_item(ROUND_KEY);
    }
}

/// Key of this device's settings (PIN hash, back-off, auto-lock, calibration).
pub const SETTINGS_KEY: &str = "attune.settings";
/// Key whose presence means the app is in client mode: shared by every tab
/// and kept across reloads, so neither is a way out.
pub const LOCK_KEY: &str = "attune.locked";

/// Prefix of set-aside copies of an unreadable settings record:
/// `attune.settings.quarantine.<ms>` (apart from the data's copies, which
/// the Data screen offers as ratings).
pub const SETTINGS_QUARANTINE_PREFIX: &str = "attune.settings.quarantine.";

/// The settings a page starts with, and why they are distrusted, if they are.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsLoad {
    /// The settings to use (defaults when distrusted: no PIN, so client
    /// mode cannot be entered, while a stored lock still holds).
    pub settings: DeviceSettings,
    /// Set when the stored record could not be trusted: what happened and
    /// where the original is, in words (a plain string, so the form page,
    /// which never shows it, adds no code for it).
    pub problem: Option<String>,
}

fn settings_text() -> Option<String> {
    raw().ok()?.get_item(SETTINGS_KEY).ok().flatten()
}

/// The form page's reading: the small decoder only (the first load has no
/// room for the checked one). Unreadable (or missing) means defaults, with
/// no PIN, so client mode cannot start, and the lock, stored apart, holds. The form never writes settings, so nothing is set aside
/// here; the therapist page does that.
pub fn load_settings_light(
    _now_ms: f64,
    _memory: Option<&crate::domain::security::pin::Backoff>,
) -> SettingsLoad {
    let problem = |reason: &str| SettingsLoad {
        settings: DeviceSettings::default(),
        problem: Some(reason.into()),
    };
    match settings_text() {
        Some(text) => match DeviceSettings::decode(&text) {
            Some(settings) => SettingsLoad {
                settings,
                problem: None,
            },
            None => problem("the device settings are not readable"),
        },
        // Missing gives the same defaults, no PIN, whether locked or not;
        // the therapist page tells the two apart.
        None => SettingsLoad {
            settings: DeviceSettings::default(),
            problem: None,
        },
    }
}

/// The therapist page's reading, by `plan_settings_load`: an unreadable
/// record is copied byte for byte under a quarantine key (once: a copy
/// already holding the same text is reused) and never written over here.
/// The back-off is the strictest of the stored one, this tab's copy and
/// the one in `memory` (when reading again).
pub fn load_settings_checked(
    now_ms: f64,
    memory: Option<&crate::domain::security::pin::Backoff>,
) -> SettingsLoad {
    use crate::domain::device::settings::{plan_settings_load, SettingsStart};
    let text = settings_text();
    let mut load = match plan_settings_load(text.as_deref(), is_locked()) {
        SettingsStart::Use(settings) => SettingsLoad {
            settings,
            problem: None,
        },
        SettingsStart::Defaults => SettingsLoad {
            settings: DeviceSettings::default(),
            problem: None,
        },
        SettingsStart::Distrust(error) => {
            use crate::domain::device::settings_words::{settings_problem, SetAside};
            // Only the therapist page reads settings this way: its words.
            let w = crate::domain::words::Words::new(super::page_lang::load(&LocalStore));
            let kept = match &text {
                None => SetAside::Nothing,
                Some(t) => match quarantine_settings(t, now_ms) {
                    Ok(key) => SetAside::Kept(key),
                    Err(e) => SetAside::Failed(e.words(w)),
                },
            };
            SettingsLoad {
                settings: DeviceSettings::default(),
                problem: Some(settings_problem(error.as_ref(), &kept, w)),
            }
        }
    };
    let session = load_backoff_copy();
    load.settings.backoff = crate::domain::security::backoff::strictest([
        Some(&load.settings.backoff),
        session.as_ref(),
        memory,
    ]);
    load
}

fn quarantine_settings(text: &str, now_ms: f64) -> Result<String, StorageError> {
    let s = raw()?;
    let len = s.length().unwrap_or(0);
    let existing = (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(SETTINGS_QUARANTINE_PREFIX))
        .find(|k| s.get_item(k).ok().flatten().as_deref() == Some(text));
    if let Some(key) = existing {
        return Ok(key);
    }
    let key = format!("{SETTINGS_QUARANTINE_PREFIX}{}", now_ms as u64);
    set_verified(&key, text)?;
    Ok(key)
}

/// Whether replacing the distrusted settings record loses nothing: there is
/// none, or a set-aside copy holds exactly its text. Checked at the moment
/// of writing, so a record changed since start-up is not written over.
pub fn settings_original_safe() -> bool {
    match settings_text() {
        None => true,
        Some(text) => raw().is_ok_and(|s| {
            (0..s.length().unwrap_or(0))
                .filter_map(|i| s.key(i).ok().flatten())
                .filter(|k| k.starts_with(SETTINGS_QUARANTINE_PREFIX))
                .any(|k| s.get_item(&k).ok().flatten().as_deref() == Some(text.as_str()))
        }),
    }
}

/// Saves this device's settings, verified like every other write.
pub fn save_settings(settings: &DeviceSettings) -> Result<(), StorageError> {
    set_verified(SETTINGS_KEY, &settings.encode())
}

/// Key of the therapists who work on this device and who is working now
/// (the therapist page's only; see `domain::device::therapists`).
pub const THERAPISTS_KEY: &str = "attune.therapists";

/// The therapists on this device; none when nothing (or nothing readable)
/// is stored, which is how a device works before it names any.
pub fn load_therapists() -> crate::domain::device::therapists::DeviceTherapists {
    raw()
        .ok()
        .and_then(|s| s.get_item(THERAPISTS_KEY).ok().flatten())
        .map(|t| crate::domain::device::therapists::DeviceTherapists::decode(&t))
        .unwrap_or_default()
}

/// Saves the therapists on this device, verified like every other write.
pub fn save_therapists(
    therapists: &crate::domain::device::therapists::DeviceTherapists,
) -> Result<(), StorageError> {
    set_verified(THERAPISTS_KEY, &therapists.encode())
}

/// This tab's copy of the back-off (see `domain::backoff`).
pub fn load_backoff_copy() -> Option<crate::domain::security::pin::Backoff> {
    let text = session().and_then(|s| {
        s.get_item(crate::domain::security::backoff::SESSION_KEY)
            .ok()
            .flatten()
    });
    crate::domain::security::backoff::decode_copy(text.as_deref())
}

/// Writes this tab's copy of the back-off; best effort, as the copies in
/// memory and localStorage still count.
pub fn save_backoff_copy(b: &crate::domain::security::pin::Backoff) {
    if let Some(s) = session() {
        let key = crate::domain::security::backoff::SESSION_KEY;
        let _ = if *b == Default::default() {
            s.remove_item(key)
        } else {
            s.set_item(key, &crate::domain::security::backoff::encode_copy(b))
        };
    }
}

/// The stored recovery record: `None` when none was made, an error when it
/// is damaged (then it proves nothing).
pub fn load_recovery() -> Option<Result<RecoveryRecord, PinRecordError>> {
    let text = raw().ok()?.get_item(RECOVERY_KEY).ok().flatten()?;
    Some(RecoveryRecord::decode(&text))
}

/// Stores a new recovery record, verified.
pub fn save_recovery(record: &RecoveryRecord) -> Result<(), StorageError> {
    set_verified(RECOVERY_KEY, &record.encode())
}

/// Whether client mode is on (in this or any other tab).
pub fn is_locked() -> bool {
    lock_marker().is_some()
}

/// The stored client-mode marker (what the device was handed over for,
/// see [`crate::domain::device::handover`]); `None` when client mode is off.
pub fn lock_marker() -> Option<String> {
    raw().ok()?.get_item(LOCK_KEY).ok().flatten()
}

/// Turns client mode on (for `Some`: what the device is handed over for)
/// or off, for every tab.
pub fn set_locked(
    handed: Option<crate::domain::device::handover::Handed>,
) -> Result<(), StorageError> {
    let s = raw()?;
    match handed {
        Some(h) => set_verified(LOCK_KEY, h.marker()),
        None => s
            .remove_item(LOCK_KEY)
            .map_err(|_| StorageError::Other(super::NO_UNLOCK.into())),
    }
}

/// UTF-16 code units all of this origin's localStorage holds (keys and
/// values), the unit its quota is counted in; `None` when unavailable.
pub fn used_units() -> Option<u64> {
    crate::platform::browser::LocalStore.used_units()
}

/// sessionStorage key for presentation mode: per tab, and kept while the
/// tab moves between the form and the therapist page.
const PRESENT_KEY: &str = "attune.present";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Whether this tab is in presentation mode.
pub fn presenting() -> bool {
    session()
        .and_then(|s| s.get_item(PRESENT_KEY).ok().flatten())
        .is_some()
}

/// Remembers presentation mode for this tab (best effort: it is a view
/// preference, never data).
pub fn set_presenting(on: bool) {
    if let Some(s) = session() {
        let _ = if on {
            s.set_item(PRESENT_KEY, "1")
        } else {
            s.remove_item(PRESENT_KEY)
        };
    }
}

/// `(key, text)` of every entry of `s` whose key starts with `prefix`.
fn entries(s: &web_sys::Storage, prefix: &str) -> Vec<(String, String)> {
    let len = s.length().unwrap_or(0);
    let mut out: Vec<(String, String)> = (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .filter_map(|k| s.get_item(&k).ok().flatten().map(|v| (k, v)))
        .collect();
    out.sort();
    out
}

/// True when a document is stored (without reading it): the form uses it to
/// tell a first visit from a device already in use.
pub fn has_data() -> bool {
    raw().is_ok_and(|s| {
        [
            DATA_KEY,
            crate::domain::records::layout::META_KEY,
            crate::domain::records::home::HOLDS_RECORDS_KEY,
        ]
        .iter()
        .any(|k| s.get_item(k).ok().flatten().is_some())
    })
}

/// Removes a set-aside copy (the therapist's choice, after downloading it).
pub fn delete_quarantined(key: &str) -> Result<(), StorageError> {
    if !key.starts_with(QUARANTINE_PREFIX) {
        return Err(StorageError::Other(super::NOT_SET_ASIDE.into()));
    }
    raw()?
        .remove_item(key)
        .map_err(|_| StorageError::Other(super::NO_REMOVE_COPY.into()))
}

/// True when `text` is exactly the copy set aside at start-up.
fn quarantined_copy_matches(status: &LoadStatus, s: &web_sys::Storage, text: &str) -> bool {
    match status {
        LoadStatus::Quarantined { key, .. } => {
            s.get_item(key).ok().flatten().as_deref() == Some(text)
        }
        _ => false,
    }
}

/// True when this browser lets Attune use localStorage at all.
pub fn has_storage() -> bool {
    raw().is_ok()
}

/// `(key, text)` entries of localStorage.
type Entries = Vec<(String, String)>;

/// What the therapist page holds of its storage, made once by the page and
/// handed to whoever saves (`Saving`): the single document as last seen,
/// the records (in IndexedDB once moved there, see [`super::home`]; else
/// in localStorage as before), and the form's records taken into the data
/// but not yet removed.
///
/// In IndexedDB a save is planned at once on the page's copy and committed
/// as one transaction; one save or re-read runs at a time ([`Shelf::claim`]),
/// and what is asked meanwhile runs next.
pub struct Shelf {
    document: Document,
    records: RefCell<super::records::RecordStore<Place<LocalStore>>>,
    /// IndexedDB, when the records live there.
    idb: Option<Idb>,
    /// The other tabs of the therapist page, told of each commit.
    channel: Option<Channel>,
    /// What opening IndexedDB read, until the page's load takes it.
    opened: RefCell<Option<(Store, LoadStatus)>>,
    /// Record keys (localStorage) and pending ids (this tab) taken into the
    /// data, removed once it is written.
    taken: RefCell<Vec<String>>,
    /// Those of them in the commit under way.
    batch: RefCell<Vec<String>>,
    /// localStorage records an old build's tab wrote, taken into the data:
    /// removed (if still the same) once it is committed; and those in the
    /// commit under way.
    leftovers: RefCell<(Entries, Entries)>,
    /// A save or a re-read of IndexedDB is under way.
    busy: Cell<bool>,
    /// A save was asked for meanwhile.
    again: Cell<bool>,
    /// Another tab committed meanwhile.
    stale: Cell<bool>,
    /// Whoever waits for the saves under way to settle.
    waiters: RefCell<Vec<js_sys::Function>>,
    /// Told after each save that took (the sync scheduler starts a run).
    on_saved: RefCell<Option<Box<dyn Fn()>>>,
}

impl Default for Shelf {
    fn default() -> Shelf {
        Shelf::with(Place::Local(LocalStore), None, None)
    }
}

impl Shelf {
    fn with(
        place: Place<LocalStore>,
        idb: Option<Idb>,
        opened: Option<(Store, LoadStatus)>,
    ) -> Shelf {
        let channel = idb.as_ref().and_then(|_| Channel::open());
        Shelf {
            document: Document::default(),
            records: RefCell::new(super::records::RecordStore::new(place)),
            idb,
            channel,
            opened: RefCell::new(opened),
            taken: RefCell::new(Vec::new()),
            batch: RefCell::new(Vec::new()),
            leftovers: RefCell::new((Vec::new(), Vec::new())),
            busy: Cell::new(false),
            again: Cell::new(false),
            stale: Cell::new(false),
            waiters: RefCell::new(Vec::new()),
            on_saved: RefCell::new(None),
        }
    }

    /// Opens the records before the page mounts: from IndexedDB, moving
    /// them there once per device ([`super::home::open`]); in localStorage
    /// as before when IndexedDB is missing or the move cannot happen now
    /// (it is tried again at the next start).
    pub async fn open(now_ms: f64) -> Shelf {
        let Ok(db) = Idb::open().await else {
            return Shelf::default();
        };
        let now_text = crate::domain::time::format(crate::platform::browser::clock::now());
        match super::home::open(&db, LocalStore, now_ms, &now_text).await {
            Ok(o) => {
                let shelf = Shelf::with(
                    Place::Local(LocalStore),
                    Some(db),
                    Some((o.store, o.status)),
                );
                *shelf.records.borrow_mut() = o.records;
                shelf
            }
            Err(why) => {
                web_sys::console::info_1(
                    &format!("Attune keeps its records in localStorage for now: {why:?}").into(),
                );
                Shelf::default()
            }
        }
    }

    /// Opens the stored data: what [`Shelf::open`] read from IndexedDB; or
    /// the records layout in localStorage (moving the single document into
    /// it when it can), else the document as before.
    pub fn load(&self, now_ms: f64) -> (Store, LoadStatus) {
        if let Some(opened) = self.opened.borrow_mut().take() {
            return opened;
        }
        let opened = self.records.borrow_mut().load(now_ms);
        match opened {
            super::records::Opened::Records(store, status) => (store, status),
            super::records::Opened::Document => self.document.load(now_ms),
        }
    }

    /// The room the records take in IndexedDB, in UTF-16 code units of keys
    /// and texts (the unit the Data screen counts in); `None` when they live
    /// in localStorage (counted there).
    pub fn record_units(&self) -> Option<u64> {
        let records = self.records.borrow();
        let mirror = records.kv().mirror()?;
        Some(
            mirror
                .records()
                .iter()
                .map(|(k, t)| crate::domain::records::room::entry_units(k, t))
                .sum(),
        )
    }

    /// True when the records live in IndexedDB: a save is committed
    /// afterwards ([`Shelf::commit`]).
    pub fn in_idb(&self) -> bool {
        self.idb.is_some()
    }

    /// Saves `mine`, merged with what another tab stored meanwhile, in the
    /// layout the page opened. `Ok(None)`: exactly `mine` is stored (in
    /// IndexedDB: once [`Shelf::commit`] says so); `Ok(Some(m))`: `m` is.
    pub fn save(&self, mine: &Store, status: &LoadStatus) -> Result<Option<Store>, StorageError> {
        let saved = self.records.borrow_mut().save(mine, status);
        let out = match saved {
            Some(result) => result,
            None => self.document.save(mine, status).map(Some),
        };
        if out.is_ok() && self.in_idb() {
            // What was taken in is in this save's writes: it goes with them.
            let taken = std::mem::take(&mut *self.taken.borrow_mut());
            self.batch.borrow_mut().extend(taken);
            let mut l = self.leftovers.borrow_mut();
            let moved = std::mem::take(&mut l.0);
            l.1.extend(moved);
        }
        out
    }

    /// Commits what the last saves planned as one IndexedDB transaction.
    /// `Ok(true)`: stored (and the records they took in removed, the other
    /// tabs told); `Ok(false)`: another tab committed first, nothing was
    /// written, and the page's copy now holds what is stored (merge it in
    /// and save again); `Err`: nothing written (the next save writes it all
    /// again).
    pub async fn commit(&self) -> Result<bool, StorageError> {
        let Some(db) = &self.idb else { return Ok(true) };
        let wrote = self
            .records
            .borrow()
            .kv()
            .mirror()
            .is_some_and(|m| m.dirty());
        let result = super::home::commit(db, &self.records).await;
        let batch = std::mem::take(&mut *self.batch.borrow_mut());
        let left = std::mem::take(&mut self.leftovers.borrow_mut().1);
        match result {
            Ok(crate::platform::database::Commit::Done) => {
                super::inbox::Inbox {
                    local: LocalStore,
                    session: crate::platform::browser::SessionStore,
                }
                .done(&batch);
                let now: Vec<(String, String)> = left
                    .iter()
                    .filter_map(|(k, _)| LocalStore.get(k).map(|t| (k.clone(), t)))
                    .collect();
                for key in crate::domain::records::home::removable(&left, &now) {
                    let _ = LocalStore.remove(&key);
                }
                if wrote {
                    if let Some(c) = &self.channel {
                        c.tell("saved");
                    }
                }
                Ok(true)
            }
            other => {
                self.taken.borrow_mut().extend(batch);
                self.leftovers.borrow_mut().0.extend(left);
                match other {
                    Ok(_) => Ok(false),
                    Err(e) => Err(e.into()),
                }
            }
        }
    }

    /// Reads IndexedDB again into the page's copy (another tab committed).
    pub async fn reload(&self) {
        if let Some(db) = &self.idb {
            super::home::reload(db, &self.records).await;
        }
    }

    /// Takes the one save or re-read that may run: false when one is under
    /// way (then it runs what is asked next, see [`Shelf::again`]).
    pub fn claim(&self) -> bool {
        !self.busy.replace(true)
    }

    /// True while a save or re-read is under way.
    pub fn busy(&self) -> bool {
        self.busy.get()
    }

    /// Asks for one more save once the one under way is done.
    pub fn again(&self) {
        self.again.set(true);
    }

    /// Notes that another tab committed while this one was busy.
    pub fn stale(&self) {
        self.stale.set(true);
    }

    /// What runs next: `Some(true)` a re-read, `Some(false)` a save, `None`
    /// nothing (the claim is released and whoever waited is told).
    pub fn next(&self) -> Option<bool> {
        if self.stale.replace(false) {
            return Some(true);
        }
        if self.again.replace(false) {
            return Some(false);
        }
        self.busy.set(false);
        for w in std::mem::take(&mut *self.waiters.borrow_mut()) {
            let _ = w.call0(&JsValue::NULL);
        }
        None
    }

    /// Resolves once no save or re-read is under way.
    pub fn settled(&self) -> js_sys::Promise {
        if !self.busy.get() {
            return js_sys::Promise::resolve(&JsValue::NULL);
        }
        js_sys::Promise::new(&mut |resolve, _| self.waiters.borrow_mut().push(resolve))
    }

    /// Calls `heard` whenever another tab of the therapist page committed.
    pub fn on_other_tab(&self, heard: impl Fn() + 'static) {
        if let Some(c) = &self.channel {
            c.listen(move |_| heard());
        }
    }

    /// What localStorage still holds (an old build's tab saved there after
    /// the move) taken into `mine`, to be saved; its entries are removed once
    /// committed. `None` when there is nothing to take in (or the page's
    /// records are in localStorage anyway).
    pub fn take_in_local(&self, mine: &Store) -> Option<Store> {
        use crate::domain::records::layout::{assemble, PREFIX};
        if !self.in_idb() {
            return None;
        }
        let local = LocalStore.entries(PREFIX);
        let doc_text = LocalStore.get(DATA_KEY);
        let doc = doc_text
            .as_deref()
            .and_then(|t| store::decode(t).ok())
            .filter(|d| !d.read_only());
        if local.is_empty() && doc.is_none() {
            return None;
        }
        let assembled = (!local.is_empty()).then(|| assemble(&local));
        // An unreadable leftover is set aside alone, never removed unread.
        let unreadable: Vec<String> = assembled.as_ref().map_or(Vec::new(), |a| {
            a.quarantine().into_iter().map(String::from).collect()
        });
        for (k, t) in local.iter().filter(|(k, _)| unreadable.contains(k)) {
            super::quarantine_entry(&LocalStore, k, t, crate::platform::browser::clock::now_ms());
        }
        let local: Entries = local
            .into_iter()
            .filter(|(k, _)| !unreadable.contains(k))
            .collect();
        let merged = crate::domain::records::home::take_in(
            mine,
            assembled.as_ref(),
            doc.as_ref().map(|d| &d.store),
        )?;
        let mut l = self.leftovers.borrow_mut();
        l.0.extend(local);
        if let (Some(t), Some(_)) = (doc_text, &doc) {
            l.0.push((DATA_KEY.to_string(), t));
        }
        Some(merged)
    }

    /// The data as stored now, for a `storage` event from another tab, with
    /// the keys of records an older Attune wrote; `None` when missing,
    /// unreadable or a newer Attune's (the caller keeps what it has).
    pub fn reread(&self) -> Option<(Store, std::collections::BTreeMap<String, u32>)> {
        if self.records.borrow().active() {
            self.records.borrow_mut().reread()
        } else {
            self.document
                .reread()
                .map(|s| (s, std::collections::BTreeMap::new()))
        }
    }

    /// Notes records taken into the data, to remove once it is written.
    pub fn taken(&self, keys: impl IntoIterator<Item = String>) {
        self.taken.borrow_mut().extend(keys);
    }

    /// True when records or refused ratings wait to be written into the data.
    pub fn waiting(&self) -> bool {
        !self.taken.borrow().is_empty() || !self.batch.borrow().is_empty()
    }

    /// Whom to tell after each save that took (the sync scheduler).
    pub fn on_saved(&self, tell: Box<dyn Fn()>) {
        *self.on_saved.borrow_mut() = Some(tell);
    }

    /// A save took: tells whoever listens.
    pub fn saved(&self) {
        if let Some(tell) = self.on_saved.borrow().as_ref() {
            tell();
        }
    }

    /// The data was written and verified: the records taken into it go,
    /// from localStorage and from this tab's refused copies.
    pub fn written(&self) {
        let taken = std::mem::take(&mut *self.taken.borrow_mut());
        super::inbox::Inbox {
            local: crate::platform::browser::LocalStore,
            session: crate::platform::browser::SessionStore,
        }
        .done(&taken);
    }
}

/// Writes a finished rating as its own record (`attune.new.<id>`), verified.
/// The form's whole save: the document itself is never read or rewritten here.
pub fn save_new_rating_text(id: &str, text: &str) -> Result<(), StorageError> {
    set_verified(&crate::domain::records::inbox::key(id), text)
}

/// Records of this tab's ratings that localStorage refused: `(id, text)`.
pub fn pending_records() -> Vec<(String, String)> {
    use super::inbox::PENDING_PREFIX;
    session()
        .map(|s| entries(&s, PENDING_PREFIX))
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k.trim_start_matches(PENDING_PREFIX).to_string(), v))
        .collect()
}

/// Keeps a refused rating's record for this tab; true when written and read
/// back intact.
pub fn stash_pending(id: &str, text: &str) -> bool {
    let Some(s) = session() else { return false };
    let key = format!("{}{id}", super::inbox::PENDING_PREFIX);
    s.set_item(&key, text).is_ok() && s.get_item(&key).ok().flatten().as_deref() == Some(text)
}

/// Forgets a pending record once its rating is stored.
pub fn clear_pending(id: &str) {
    if let Some(s) = session() {
        let _ = s.remove_item(&format!("{}{id}", super::inbox::PENDING_PREFIX));
    }
}
