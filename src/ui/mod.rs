//! The imperative shell: Leptos components over the pure core. Components read
//! and change [`AppState`]; only [`crate::storage`] touches localStorage.

mod banner;
mod browser;
mod clients;
mod crypto;
mod data;
mod history;
mod lock;
mod note;
mod rate;
mod review;
mod settings;
mod spoken;
mod vas;

use crate::domain::clients::EditError;
use crate::domain::draft::Draft;
use crate::domain::rating::Rating;
use crate::domain::scale::ScaleDefinition;
use crate::domain::settings::DeviceSettings;
use crate::domain::store::Store;
use crate::storage::{self, LoadStatus};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Which screen is showing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The four lines.
    Rate,
    /// The therapist's review of one saved rating.
    Review(String),
    /// The list of clients.
    Clients,
    /// One client's history.
    Client(String),
    /// Scores typed in as a client says them (telehealth).
    Spoken,
    /// PIN, auto-lock and calibration.
    Settings,
    /// Backup, export, import and storage use.
    Data,
}

impl Screen {
    /// The URL fragment for this screen, so reload and Back keep the place.
    pub fn to_hash(&self) -> String {
        match self {
            Screen::Rate => "#/".to_string(),
            Screen::Review(id) => format!("#/review/{id}"),
            Screen::Clients => "#/clients".to_string(),
            Screen::Client(id) => format!("#/client/{id}"),
            Screen::Spoken => "#/spoken".to_string(),
            Screen::Settings => "#/settings".to_string(),
            Screen::Data => "#/data".to_string(),
        }
    }

    /// The screen a URL fragment names; anything unknown opens the rating form.
    pub fn from_hash(hash: &str) -> Screen {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.split_once('/').unwrap_or((path, "")) {
            ("review", id) if !id.is_empty() => Screen::Review(id.to_string()),
            ("client", id) if !id.is_empty() => Screen::Client(id.to_string()),
            ("clients", "") => Screen::Clients,
            ("spoken", "") => Screen::Spoken,
            ("settings", "") => Screen::Settings,
            ("data", "") => Screen::Data,
            _ => Screen::Rate,
        }
    }
}

fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Shared application state, provided as context (all fields are `Copy` handles).
#[derive(Clone, Copy)]
pub struct AppState {
    /// The scale in use.
    pub scale: StoredValue<ScaleDefinition>,
    /// Clients and ratings, including any not yet saved.
    pub store: RwSignal<Store>,
    /// How storage looked at start-up (decides whether saving is allowed).
    pub status: RwSignal<LoadStatus>,
    /// Why the latest save failed; `None` when everything is stored.
    pub unsaved: RwSignal<Option<String>>,
    /// The rating in progress.
    pub draft: RwSignal<Draft>,
    /// The screen showing.
    pub screen: RwSignal<Screen>,
    /// Presentation mode for screen sharing: larger, high contrast, and no
    /// client labels other than the one being rated.
    pub present: RwSignal<bool>,
    /// This device's settings (PIN hash, auto-lock, calibration).
    pub settings: RwSignal<DeviceSettings>,
    /// Client mode: only the form until the therapist PIN is entered.
    pub locked: RwSignal<bool>,
    /// What client mode shows.
    pub lock_view: RwSignal<lock::LockView>,
    /// The rating finished in client mode, reviewed after unlocking.
    pub last_done: RwSignal<Option<String>>,
    /// A note for the settings screen (e.g. "set a PIN first").
    pub settings_note: RwSignal<Option<String>>,
}

impl AppState {
    /// Loads storage and the draft; never fails (problems become banners).
    fn load() -> Self {
        let scale = ScaleDefinition::builtin();
        let (store, status) = storage::load(browser::now_ms());
        let draft = storage::load_draft()
            .filter(|d| d.fits(&scale))
            .unwrap_or_else(|| Draft::blank(&scale));
        AppState {
            scale: StoredValue::new(scale),
            store: RwSignal::new(store),
            status: RwSignal::new(status),
            unsaved: RwSignal::new(None),
            draft: RwSignal::new(draft),
            screen: RwSignal::new(Screen::from_hash(&location_hash())),
            present: RwSignal::new(false),
            settings: RwSignal::new(storage::load_settings()),
            locked: RwSignal::new(storage::is_locked()),
            lock_view: RwSignal::new(lock::LockView::Form),
            last_done: RwSignal::new(None),
            settings_note: RwSignal::new(None),
        }
    }

    /// Writes the in-memory store (merged with other tabs' work) to storage.
    /// On failure the data stays in memory and a banner offers an export.
    pub fn persist(&self) {
        browser::mark("attune-save-start");
        self.persist_inner();
        browser::measure("attune-save", "attune-save-start");
    }

    fn persist_inner(&self) {
        let mine = self.store.get_untracked();
        match storage::save(&mine, &self.status.get_untracked()) {
            Ok(merged) => {
                if merged != mine {
                    self.store.set(merged);
                }
                self.unsaved.set(None);
            }
            Err(e) => self.unsaved.set(Some(e.to_string())),
        }
    }

    /// Adds a completed rating and saves it.
    pub fn add_rating(&self, rating: Rating) {
        self.store.update(|s| s.ratings.push(rating));
        self.persist();
    }

    /// Applies a therapist's edit (see [`crate::domain::clients`]) and saves
    /// it; a refused edit changes nothing and its reason is returned for display.
    pub fn edit(
        &self,
        f: impl FnOnce(&mut Store, chrono::DateTime<chrono::Utc>) -> Result<(), EditError>,
    ) -> Result<(), EditError> {
        let mut next = self.store.get_untracked();
        f(&mut next, browser::now())?;
        self.store.set(next);
        self.persist();
        Ok(())
    }

    /// Enters client mode; without a PIN there is no way to guard the exit,
    /// so the therapist is sent to set one first.
    pub fn lock(&self) {
        if !self.settings.with_untracked(DeviceSettings::can_lock) {
            self.settings_note.set(Some(
                "Set a therapist PIN before handing the device to a client.".into(),
            ));
            self.screen.set(Screen::Settings);
            return;
        }
        if let Err(e) = storage::set_locked(true) {
            // Still lock this tab: the screen is what the client sees.
            leptos::logging::warn!("client mode not stored: {e}");
        }
        self.last_done.set(None);
        self.lock_view.set(lock::LockView::Form);
        self.screen.set(Screen::Rate);
        self.locked.set(true);
    }

    /// Leaves client mode (after the right PIN).
    pub fn unlock(&self) {
        let _ = storage::set_locked(false);
        self.locked.set(false);
        self.screen
            .set(lock::after_unlock(self.last_done.get_untracked()));
        self.last_done.set(None);
    }

    /// Changes and saves the device settings.
    pub fn save_settings(&self, f: impl FnOnce(&mut DeviceSettings)) -> Result<(), String> {
        let mut next = self.settings.get_untracked();
        f(&mut next);
        self.settings.set(next.clone());
        storage::save_settings(&next).map_err(|e| e.to_string())
    }

    /// Takes in another tab's changes without dropping any of ours.
    fn on_other_tab_write(&self) {
        let Some(theirs) = storage::reread() else {
            return;
        };
        let mine = self.store.get_untracked();
        let (merged, summary) = crate::domain::store::merge(&theirs, &mine);
        self.store.set(merged);
        // If we hold ratings they lack (a simultaneous save), write the union back.
        if summary.new_ratings > 0 || summary.new_clients > 0 {
            self.persist();
        }
    }
}

/// Root component.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);
    if state.status.get_untracked().writable() && state.unsaved.get_untracked().is_none() {
        if let LoadStatus::Migrated(_) = state.status.get_untracked() {
            state.persist();
        }
    }

    // Another tab saved: merge, so neither tab loses a rating.
    let on_storage =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
            match ev.key().as_deref() {
                Some(storage::DATA_KEY) => state.on_other_tab_write(),
                Some(storage::LOCK_KEY) => lock::sync_from_storage(),
                Some(storage::SETTINGS_KEY) => state.settings.set(storage::load_settings()),
                _ => {}
            }
        });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    on_storage.forget();

    // The screen and the URL fragment follow each other (reload, Back, links).
    Effect::new(move |_| {
        let hash = state.screen.with(Screen::to_hash);
        if location_hash() != hash && !(hash == "#/" && location_hash().is_empty()) {
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(&hash);
            }
        }
    });
    let on_hash = Closure::<dyn Fn()>::new(move || {
        // In client mode a typed URL or Back leads nowhere: the form stays.
        if state.locked.get_untracked() {
            if location_hash() != "#/" {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().set_hash("#/");
                }
            }
            return;
        }
        let next = Screen::from_hash(&location_hash());
        if state.screen.with_untracked(|s| *s != next) {
            state.screen.set(next);
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
    }
    on_hash.forget();
    lock::start_idle_lock();

    let current = move |f: fn(&Screen) -> bool| state.screen.with(|s| f(s).then_some("page"));
    // A calibrated screen draws the line 100 mm long (CSS clamps it to fit).
    let line_length = move || {
        state.settings.with(|s| {
            s.calibration
                .and_then(|c| c.px_per_mm_at(browser::device_pixel_ratio()).ok())
                .map(|ppm| format!("{:.2}px", ppm * crate::domain::calibration::LINE_MM))
        })
    };
    view! {
        <div class="app" class:present=move || state.present.get() style:--line-length=line_length>
        {move || if state.locked.get() {
            view! { <lock::ClientMode/> }.into_any()
        } else { view! {
        <header class="top">
            // Keyboard users skip the header's links in one step (WCAG 2.4.1);
            // a button, because a `#main` link would change the route.
            <button type="button" class="skip-link" on:click=move |_| browser::focus("main")>"Skip to main content"</button>
            <span class="brand">"Attune"</span>
            <nav aria-label="Main">
                <a href="#/" aria-current=move || current(|s| matches!(s, Screen::Rate))>"Rate"</a>
                <a href="#/clients" aria-current=move || current(|s| matches!(s, Screen::Clients | Screen::Client(_)))>"Clients"</a>
                <a href="#/spoken" aria-current=move || current(|s| matches!(s, Screen::Spoken))>"Spoken entry"</a>
                <a href="#/data" aria-current=move || current(|s| matches!(s, Screen::Data))>"Data"</a>
                <a href="#/settings" aria-current=move || current(|s| matches!(s, Screen::Settings))>"Settings"</a>
            </nav>
            <button type="button" class="lock-button" on:click=move |_| state.lock()>"Hand to client"</button>
            <button type="button" class="present-toggle" aria-pressed=move || state.present.get().to_string()
                on:click=move |_| state.present.update(|p| *p = !*p)>"Presentation mode"</button>
        </header>
        <banner::Banners/>
        <main id="main" tabindex="-1">
            {move || match state.screen.get() {
                Screen::Rate => view! { <rate::RateScreen/> }.into_any(),
                Screen::Review(id) => view! { <review::ReviewScreen id=id/> }.into_any(),
                Screen::Clients => view! { <clients::ClientsScreen/> }.into_any(),
                Screen::Client(id) => view! { <history::ClientScreen id=id/> }.into_any(),
                Screen::Spoken => view! { <spoken::SpokenScreen/> }.into_any(),
                Screen::Settings => view! { <settings::SettingsScreen/> }.into_any(),
                Screen::Data => view! { <data::DataScreen/> }.into_any(),
            }}
        </main>
        }.into_any() }}
        </div>
    }
}

/// The shared state; panics only if used outside [`App`], a programming error.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
