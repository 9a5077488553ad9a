//! The imperative shell: Leptos components over the pure core. Components read
//! and change [`AppState`]; only [`crate::storage`] touches localStorage.

// Grouped by page: what the person rating sees, the therapist's page, and
// what both share. The short paths (`crate::ui::rate`, …) stay valid.
mod form;
mod shared;
mod therapist;

use form::{lock, rate, turn, vas};
use shared::{app, banner};
pub(crate) use shared::{browser, crypto};
pub use shared::{keeping, panic};
use therapist::{
    alliance, case, case_history, clients, data, history, note, ors_review, outcome_chart,
    prompt_view, raters_review, report, review, session, settings, spoken,
};

use crate::domain::clients::EditError;
use crate::domain::draft::Draft;
use crate::domain::handover::Handed;
use crate::domain::rating::Rating;
use crate::domain::scale::{ScaleDefinition, Scales};
use crate::domain::session::MeasureKind;
use crate::domain::settings::{plan_settings_write, DeviceSettings, SettingsTrust};
use crate::domain::store::Store;
use crate::storage::{self, LoadStatus, SettingsLoad};
use leptos::prelude::*;

pub use app::{mount_form, FormApp, TherapistApp};

/// Which of the two pages is running. The rating form is its own small page
/// (`index.html`), so a client's tablet loads only what the form needs; the
/// therapist's screens live in `therapist.html` and load when first opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// `index.html`: the four lines and client mode.
    Form,
    /// `therapist.html`: review, clients, history, data, settings.
    Therapist,
}

/// The therapist page's file name, relative to the app's scope.
pub const THERAPIST_PAGE: &str = "therapist.html";

/// Which screen is showing: the pure [`Route`](crate::domain::route::Route),
/// whose fragment mapping is tested natively.
pub type Screen = crate::domain::route::Route;

pub(crate) fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The records and the rating in progress: what changes when data is
/// rated, edited, saved or arrives from another tab.
#[derive(Clone, Copy)]
pub struct DataState {
    /// The scales in use (the SRS and the ORS).
    pub scales: StoredValue<Scales>,
    /// Clients and ratings, including any not yet saved.
    pub store: RwSignal<Store>,
    /// How storage looked at start-up (decides whether saving is allowed).
    pub status: RwSignal<LoadStatus>,
    /// Why the latest save failed; `None` when everything is stored.
    pub unsaved: RwSignal<Option<String>>,
    /// The rating in progress.
    pub draft: RwSignal<Draft>,
    /// Several people rating in turn on this device, when a round is under way.
    pub round: RwSignal<Option<crate::domain::raters::round::Round>>,
}

impl DataState {
    /// The SRS definition (a copy).
    pub fn srs(&self) -> ScaleDefinition {
        self.scales.with_value(|s| s.srs.clone())
    }

    /// Reads the SRS definition without copying it.
    pub fn with_srs<T>(&self, f: impl FnOnce(&ScaleDefinition) -> T) -> T {
        self.scales.with_value(|s| f(&s.srs))
    }

    /// The definition of a measure's scale (a copy).
    pub fn scale_of(&self, kind: MeasureKind) -> ScaleDefinition {
        self.scales.with_value(|s| s.of(kind).clone())
    }

    /// The scale `client_id` rates `measure` on when seen alone, and its
    /// version: the one a round would give them (a child's, with faces; see
    /// [`crate::domain::raters::choose`]). The adult scale for an unknown id.
    pub fn client_scale(
        &self,
        measure: MeasureKind,
        client_id: &str,
    ) -> (ScaleDefinition, crate::domain::raters::choose::ScaleVersion) {
        use crate::domain::raters::choose;
        self.scales.with_value(|scales| {
            self.store
                .with_untracked(|s| match s.clients.iter().find(|c| c.id == client_id) {
                    Some(c) => (
                        choose::scale_for_client(scales, measure, c).clone(),
                        choose::version_for_client(measure, c),
                    ),
                    None => (scales.of(measure).clone(), choose::ScaleVersion::Standard),
                })
        })
    }

    /// True when the draft is on a version only the therapist page draws
    /// (a child's or a group's; see [`crate::domain::raters::choose`]).
    pub fn rated_here(&self) -> bool {
        self.draft
            .with(|d| crate::domain::raters::choose::rated_on_therapist_page(&d.scale_id))
    }

    /// [`DataState::rated_here`], read without tracking.
    pub fn rated_here_untracked(&self) -> bool {
        self.draft
            .with_untracked(|d| crate::domain::raters::choose::rated_on_therapist_page(&d.scale_id))
    }

    /// The scale a draft is on: by its id (a child's or a group's version),
    /// else the measure's own (a copy).
    pub fn scale_of_draft(&self, draft: &Draft) -> ScaleDefinition {
        self.scales.with_value(|s| {
            s.all()
                .into_iter()
                .find(|d| d.id == draft.scale_id && d.version == draft.scale_version)
                .unwrap_or_else(|| s.of(draft.measure))
                .clone()
        })
    }
}

/// Where the therapist is and how the screen looks: what changes when they
/// move around or share the screen.
#[derive(Clone, Copy)]
pub struct NavState {
    /// The page this state belongs to.
    pub page: Page,
    /// The screen showing.
    pub screen: RwSignal<Screen>,
    /// Presentation mode for screen sharing: larger, high contrast, and no
    /// client labels other than the one being rated.
    pub present: RwSignal<bool>,
    /// A message for the therapist that is not about storage (e.g. why
    /// client mode could not start); shown in the banners.
    pub notice: RwSignal<Option<String>>,
}

/// Who holds the device: what changes when it is handed to a client and back.
#[derive(Clone, Copy)]
pub struct ClientModeState {
    /// This device's settings (PIN hash, auto-lock, calibration).
    pub settings: RwSignal<DeviceSettings>,
    /// Set while the stored settings cannot be trusted (then `settings`
    /// holds defaults and the PIN state is unknown).
    pub problem: RwSignal<Option<String>>,
    /// How this page reads the settings: the form page has a small decoder,
    /// the therapist page the checked one that sets unreadable records aside.
    /// The in-memory back-off is passed in, so a re-read never shortens a wait.
    pub loader: fn(f64, Option<&crate::domain::pin::Backoff>) -> SettingsLoad,
    /// Client mode: only the form until the therapist PIN is entered.
    pub locked: RwSignal<bool>,
    /// What client mode shows.
    pub lock_view: RwSignal<lock::LockView>,
    /// The rating just finished on this form: while set, the form shows a
    /// thank-you (never results); the review opens on the therapist's word.
    pub last_done: RwSignal<Option<String>>,
}

/// Shared application state, provided as context: three parts that change
/// for different reasons, each also provided on its own, plus the few
/// operations that coordinate them (saving, moving between pages, locking).
#[derive(Clone, Copy)]
pub struct AppState {
    /// Records, the draft and how saving goes.
    pub data: DataState,
    /// Page, screen and presentation.
    pub nav: NavState,
    /// Settings and client mode.
    pub client: ClientModeState,
    /// How this page stores ratings (see [`keeping`]).
    pub keep: &'static keeping::Keeping,
}

impl AppState {
    /// Loads storage and the draft; never fails (problems become banners).
    fn load(
        page: Page,
        keep: &'static keeping::Keeping,
        loader: fn(f64, Option<&crate::domain::pin::Backoff>) -> SettingsLoad,
    ) -> Self {
        let scales = (keep.scales)();
        let (store, status) = (keep.load)(&scales, browser::now_ms(), keep.shelf);
        let draft = storage::load_draft()
            .filter(|d| scales.all().into_iter().any(|s| d.fits(s)))
            .unwrap_or_else(|| Draft::blank(&scales.srs));
        let settings = loader(browser::now_ms(), None);
        AppState {
            data: DataState {
                scales: StoredValue::new(scales),
                store: RwSignal::new(store),
                status: RwSignal::new(status),
                unsaved: RwSignal::new(None),
                draft: RwSignal::new(draft),
                round: RwSignal::new((keep.round)()),
            },
            nav: NavState {
                page,
                screen: RwSignal::new(Screen::from_hash(&location_hash())),
                present: RwSignal::new(storage::presenting()),
                notice: RwSignal::new(None),
            },
            client: ClientModeState {
                settings: RwSignal::new(settings.settings),
                problem: RwSignal::new(settings.problem),
                loader,
                locked: RwSignal::new(storage::is_locked()),
                lock_view: RwSignal::new(lock::LockView::Form),
                last_done: RwSignal::new(None),
            },
            keep,
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
        (self.keep.persist)(*self);
    }

    /// Adds a completed rating and saves it. Returns where the rating is
    /// kept: stored, or (storage refusing) set aside for this tab in
    /// sessionStorage until a save succeeds, or in memory only.
    pub fn add_rating(&self, rating: Rating) -> crate::domain::save_plan::Kept {
        self.data.store.update(|s| s.ratings.push(rating.clone()));
        self.persist();
        (self.keep.kept)(*self, &rating)
    }

    /// Opens another page of the app. Ratings that exist only in memory are
    /// in this tab's sessionStorage by now (see [`AppState::add_rating`]), so
    /// this move loses nothing and the "leave the page?" question is not asked.
    pub fn open(&self, url: &str) {
        INTERNAL_NAV.with(|n| n.set(true));
        browser::navigate(url);
    }

    /// True when leaving the page would lose a rating held only in memory.
    pub fn leaving_loses_data(&self) -> bool {
        let internal = INTERNAL_NAV.with(|n| n.get()) && STASHED.with(|s| s.get());
        self.data.unsaved.with_untracked(Option::is_some) && !internal
    }

    /// Applies a therapist's edit (see [`crate::domain::clients`]) and saves
    /// it; a refused edit changes nothing and its reason is returned for display.
    pub fn edit(
        &self,
        f: impl FnOnce(&mut Store, chrono::DateTime<chrono::Utc>) -> Result<(), EditError>,
    ) -> Result<(), EditError> {
        let mut next = self.data.store.get_untracked();
        f(&mut next, browser::now())?;
        self.data.store.set(next);
        self.persist();
        Ok(())
    }

    /// Shows `screen`, on this page or by opening the other one. The draft
    /// goes to storage first, so a client chosen here reaches the form.
    pub fn go(&self, screen: Screen) {
        match (self.nav.page, &screen) {
            (Page::Form, Screen::Rate) => self.nav.screen.set(screen),
            // A child's version is drawn here, never on the form page.
            (Page::Therapist, Screen::Rate) if self.data.rated_here_untracked() => {
                self.nav.screen.set(Screen::RateHere)
            }
            (Page::Therapist, Screen::Rate) => {
                let d = self.data.draft.get_untracked();
                if d.client_id.is_some() || !d.is_empty() {
                    let _ = storage::save_draft(&d);
                }
                self.open("./");
            }
            (Page::Therapist, _) => self.nav.screen.set(screen),
            (Page::Form, _) => self.open(&format!("{THERAPIST_PAGE}{}", screen.to_hash())),
        }
    }

    /// Enters client mode; without a PIN there is no way to guard the exit,
    /// so the therapist is sent to set one first (the settings say so).
    ///
    /// Client mode must hold in every tab and across a reload, and only the
    /// stored lock does that: when it cannot be stored, client mode is
    /// refused with the reason rather than pretended in this tab alone.
    pub fn lock(&self) {
        self.lock_to(Handed::Form);
    }

    /// Enters client mode and stays on this page: a round (several people
    /// rating in turn) runs on the therapist page, which shows nothing but
    /// the round while locked.
    pub fn lock_here(&self) {
        self.lock_to(Handed::Round);
    }

    /// Enters client mode for `handed`; the stored marker says which, so
    /// the form page, opened meanwhile (a relaunch, a new tab, Back), hands
    /// over to a round (see [`crate::domain::handover`]).
    fn lock_to(&self, handed: Handed) {
        if !self
            .client
            .settings
            .with_untracked(DeviceSettings::can_lock)
        {
            self.go(Screen::Settings);
            return;
        }
        if let Err(e) = storage::set_locked(Some(handed)) {
            self.nav.notice.set(Some(format!(
                "Client mode did not start: {e}, so the lock would not hold in other tabs or after a \
                 reload. Keep the device yourself, free some space (Data: export a backup), then try again."
            )));
            browser::scroll_to_top();
            return;
        }
        self.nav.notice.set(None);
        if self.nav.page == Page::Therapist && handed == Handed::Round {
            self.client.locked.set(true);
            browser::scroll_to_top();
            return;
        }
        if self.nav.page == Page::Therapist {
            // This page turns into the PIN prompt at once, so nothing of the
            // therapist's stays on screen even if leaving is delayed (the
            // browser may ask first); then the form page takes over.
            self.client.locked.set(true);
            self.go(Screen::Rate);
            return;
        }
        self.client.last_done.set(None);
        self.client.lock_view.set(lock::LockView::Form);
        self.nav.screen.set(Screen::Rate);
        self.client.locked.set(true);
    }

    /// Leaves client mode (after the right PIN).
    pub fn unlock(&self) {
        // Only the therapist page asks for the PIN; its URL already names
        // the screen to show (the review of the rating just made, if any).
        let _ = storage::set_locked(None);
        // After a round (run on the therapist page) its last rating's review.
        if self.nav.page == Page::Therapist {
            if let Some(id) = self.client.last_done.get_untracked() {
                self.client.last_done.set(None);
                self.nav.screen.set(Screen::Review(id));
            }
        }
        self.client.locked.set(false);
    }

    /// Changes and saves the device settings. While the stored record is
    /// distrusted nothing but a new PIN may replace it (see
    /// [`AppState::save_new_pin`]), so this refuses and changes nothing.
    pub fn save_settings(&self, f: impl FnOnce(&mut DeviceSettings)) -> Result<(), String> {
        plan_settings_write(self.settings_trust(), false).map_err(|e| e.to_string())?;
        let mut next = self.client.settings.get_untracked();
        f(&mut next);
        self.client.settings.set(next.clone());
        storage::save_settings(&next).map_err(|e| e.to_string())
    }

    /// Stores settings holding a new PIN (the caller has checked the proof),
    /// replacing a distrusted record once its original is safe; on success
    /// the settings are trusted again. On failure nothing changes.
    pub fn save_new_pin(&self, next: DeviceSettings) -> Result<(), String> {
        plan_settings_write(self.settings_trust(), true).map_err(|e| e.to_string())?;
        storage::save_settings(&next).map_err(|e| e.to_string())?;
        storage::save_backoff_copy(&next.backoff);
        self.client.settings.set(next);
        self.client.problem.set(None);
        Ok(())
    }

    /// Where the stored settings record stands for a write.
    fn settings_trust(&self) -> SettingsTrust {
        if self.client.problem.with_untracked(Option::is_none) {
            return SettingsTrust::Trusted;
        }
        SettingsTrust::Distrusted {
            original_safe: storage::settings_original_safe(),
        }
    }

    /// Keeps a new back-off in every copy it can: memory first (it always
    /// holds), this tab's sessionStorage (separate quota, survives a
    /// reload), and the settings record when that may be written.
    pub fn record_backoff(&self, backoff: crate::domain::pin::Backoff) {
        self.client.settings.update(|s| s.backoff = backoff.clone());
        storage::save_backoff_copy(&backoff);
        if self.client.problem.with_untracked(Option::is_none) {
            let _ = storage::save_settings(&self.client.settings.get_untracked());
        }
    }

    /// The strictest back-off this tab knows of: memory and its session copy
    /// (another tab of this page may have written the copy since).
    pub fn current_backoff(&self) -> crate::domain::pin::Backoff {
        let session = storage::load_backoff_copy();
        self.client.settings.with_untracked(|s| {
            crate::domain::backoff::strictest([Some(&s.backoff), session.as_ref()])
        })
    }

    /// Reads the settings again (another tab wrote them); the page's loader
    /// keeps the stricter back-off, so a write elsewhere never shortens a wait.
    fn reload_settings(&self) {
        let load = self
            .client
            .settings
            .with_untracked(|s| (self.client.loader)(browser::now_ms(), Some(&s.backoff)));
        self.client.settings.set(load.settings);
        self.client.problem.set(load.problem);
    }

    /// Takes in another tab's changes without dropping any of ours.
    fn on_other_tab_write(&self) {
        let Some((theirs, older)) = self.keep.shelf.and_then(|h| h.get().reread()) else {
            return;
        };
        let mine = self.data.store.get_untracked();
        let (merged, summary) = crate::domain::store::merge(&theirs, &mine);
        // What an older Attune wrote never clears a field this tab holds.
        let merged = if older.is_empty() {
            merged
        } else {
            crate::domain::sync::older::merge_stored(&theirs, &mine, &older)
        };
        self.data.store.set(merged);
        // If we hold ratings they lack (a simultaneous save), write the union back.
        if summary.new_ratings > 0 || summary.new_clients > 0 {
            self.persist();
        }
    }
}

thread_local! {
    /// Set just before the app itself moves to another page.
    static INTERNAL_NAV: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Whether the unsaved ratings of this tab are safe in sessionStorage.
    pub(crate) static STASHED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The shared state; panics only if used outside [`App`], a programming error.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
