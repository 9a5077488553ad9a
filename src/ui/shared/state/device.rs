//! This device's settings ([`Device`]) and the PIN back-off kept in them
//! ([`PinBackoff`]).

use crate::domain::device::settings::{plan_settings_write, DeviceSettings, SettingsTrust};
use crate::domain::security::pin::Backoff;
use crate::storage::{self, SettingsLoad};
use crate::ui::shared::browser;
use crate::ui::shared::words::words;
use leptos::prelude::*;

/// How a page reads the settings: the form page has a small decoder, the
/// therapist page the checked one that sets unreadable records aside. The
/// in-memory back-off is passed in, so a re-read never shortens a wait.
pub type Loader = fn(f64, Option<&Backoff>) -> SettingsLoad;

/// This device's settings (PIN hash, auto-lock, calibration) and whether
/// the stored record can be trusted (provided as context).
#[derive(Clone, Copy)]
pub struct Device {
    /// The settings in use.
    pub settings: RwSignal<DeviceSettings>,
    /// Set while the stored settings cannot be trusted (then `settings`
    /// holds defaults and the PIN state is unknown).
    pub problem: RwSignal<Option<String>>,
    loader: Loader,
}

impl Device {
    /// The settings as `loader` reads them now.
    pub fn load(loader: Loader) -> Self {
        let load = loader(browser::now_ms(), None);
        Device {
            settings: RwSignal::new(load.settings),
            problem: RwSignal::new(load.problem),
            loader,
        }
    }

    /// The back-off kept in these settings.
    pub fn backoff(&self) -> PinBackoff {
        PinBackoff {
            settings: self.settings,
            problem: self.problem,
        }
    }

    /// Changes and saves the device settings. While the stored record is
    /// distrusted nothing but a new PIN may replace it (see
    /// [`Device::save_new_pin`]), so this refuses and changes nothing.
    pub fn save_settings(&self, f: impl FnOnce(&mut DeviceSettings)) -> Result<(), String> {
        plan_settings_write(self.trust(), false).map_err(|e| e.to_string())?;
        let mut next = self.settings.get_untracked();
        f(&mut next);
        self.settings.set(next.clone());
        storage::save_settings(&next).map_err(|e| e.words(words()))
    }

    /// Stores settings holding a new PIN (the caller has checked the proof),
    /// replacing a distrusted record once its original is safe; on success
    /// the settings are trusted again. On failure nothing changes.
    pub fn save_new_pin(&self, next: DeviceSettings) -> Result<(), String> {
        plan_settings_write(self.trust(), true).map_err(|e| e.to_string())?;
        storage::save_settings(&next).map_err(|e| e.words(words()))?;
        storage::save_backoff_copy(&next.backoff);
        self.settings.set(next);
        self.problem.set(None);
        Ok(())
    }

    /// Where the stored settings record stands for a write.
    fn trust(&self) -> SettingsTrust {
        if self.problem.with_untracked(Option::is_none) {
            return SettingsTrust::Trusted;
        }
        SettingsTrust::Distrusted {
            original_safe: storage::settings_original_safe(),
        }
    }

    /// Reads the settings again (another tab wrote them); the page's loader
    /// keeps the stricter back-off, so a write elsewhere never shortens a wait.
    pub fn reload(&self) {
        let load = self
            .settings
            .with_untracked(|s| (self.loader)(browser::now_ms(), Some(&s.backoff)));
        self.settings.set(load.settings);
        self.problem.set(load.problem);
    }
}

/// The wait after wrong PINs, kept where it holds best (provided as
/// context to the PIN prompt and the settings screen).
#[derive(Clone, Copy)]
pub struct PinBackoff {
    settings: RwSignal<DeviceSettings>,
    problem: RwSignal<Option<String>>,
}

impl PinBackoff {
    /// Keeps a new back-off in every copy it can: memory first (it always
    /// holds), this tab's sessionStorage (separate quota, survives a
    /// reload), and the settings record when that may be written.
    pub fn record(&self, backoff: Backoff) {
        self.settings.update(|s| s.backoff = backoff.clone());
        storage::save_backoff_copy(&backoff);
        if self.problem.with_untracked(Option::is_none) {
            let _ = storage::save_settings(&self.settings.get_untracked());
        }
    }

    /// The strictest back-off this tab knows of: memory and its session copy
    /// (another tab of this page may have written the copy since).
    pub fn current(&self) -> Backoff {
        let session = storage::load_backoff_copy();
        self.settings.with_untracked(|s| {
            crate::domain::security::backoff::strictest([Some(&s.backoff), session.as_ref()])
        })
    }
}
