//! Who holds the device ([`ClientMode`]): what changes when it is handed
//! to a client and back.

use super::nav::Nav;
use crate::domain::device::handover::Handed;
use crate::domain::device::settings::DeviceSettings;
use crate::domain::measures::messages::FormWords;
use crate::domain::screens::lock::{locking, Locking};
use crate::domain::screens::nav::Page;
use crate::storage;
use crate::ui::shared::browser;
use crate::ui::Screen;
use leptos::prelude::*;

/// What client mode shows on the form page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockView {
    /// The rating form.
    Form,
    /// "Thank you, please hand the device back."
    ThankYou,
    /// Nothing: the page is leaving for the round under way on the
    /// therapist page (see [`crate::ui::form::lock::hand_over_to_round`]).
    Away,
}

/// Client mode: entering it (only with a PIN that guards the exit) and
/// leaving it (provided as context).
#[derive(Clone, Copy)]
pub struct ClientMode {
    /// Client mode: only the form until the therapist PIN is entered.
    pub locked: RwSignal<bool>,
    /// What client mode shows.
    pub lock_view: RwSignal<LockView>,
    /// The rating just finished (the same signal as
    /// [`super::data::DataState::last_done`]).
    pub last_done: RwSignal<Option<String>>,
    /// The form's sentences in the language of the client it was last
    /// given to: the form sets them, the thank-you after it says them.
    pub words: StoredValue<FormWords>,
    /// The device's settings, read to know whether a PIN guards the exit.
    settings: RwSignal<DeviceSettings>,
    /// Entering and leaving moves between screens and pages.
    nav: Nav,
    /// Why client mode did not start, in the page's words.
    refused: fn(&storage::StorageError) -> String,
}

impl ClientMode {
    /// Client mode as stored (a reload keeps it).
    pub fn new(
        last_done: RwSignal<Option<String>>,
        settings: RwSignal<DeviceSettings>,
        nav: Nav,
        refused: fn(&storage::StorageError) -> String,
    ) -> Self {
        ClientMode {
            locked: RwSignal::new(storage::is_locked()),
            lock_view: RwSignal::new(LockView::Form),
            last_done,
            words: StoredValue::new(FormWords::default()),
            settings,
            nav,
            refused,
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
    /// over to a round (see [`crate::domain::device::handover`]).
    fn lock_to(&self, handed: Handed) {
        if !self.settings.with_untracked(DeviceSettings::can_lock) {
            self.nav.go(Screen::Settings);
            return;
        }
        if let Err(e) = storage::set_locked(Some(handed)) {
            self.nav.notice.set(Some((self.refused)(&e)));
            browser::scroll_to_top();
            return;
        }
        self.nav.notice.set(None);
        match locking(self.nav.page, handed) {
            Locking::RoundHere => {
                self.locked.set(true);
                browser::scroll_to_top();
            }
            Locking::PromptThenForm => {
                self.locked.set(true);
                self.nav.go(Screen::Rate);
            }
            Locking::FormHere => {
                self.last_done.set(None);
                self.lock_view.set(LockView::Form);
                self.nav.screen.set(Screen::Rate);
                self.locked.set(true);
            }
        }
    }

    /// Leaves client mode (after the right PIN).
    pub fn unlock(&self) {
        // Only the therapist page asks for the PIN; its URL already names
        // the screen to show (the review of the rating just made, if any).
        let _ = storage::set_locked(None);
        // After a round (run on the therapist page) its last rating's review.
        if self.nav.page == Page::Therapist {
            if let Some(id) = self.last_done.get_untracked() {
                self.last_done.set(None);
                self.nav.screen.set(Screen::Review(id));
            }
        }
        self.locked.set(false);
    }

    /// A rating was just finished on this form: the thank-you shows (in
    /// client mode too), never the results.
    pub fn thank(&self, id: String) {
        self.last_done.set(Some(id));
        if self.locked.get_untracked() {
            self.lock_view.set(LockView::ThankYou);
        }
    }
}
