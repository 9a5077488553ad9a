//! The page's state in small pieces, so every component takes only what it
//! uses: the therapist page's root provides each as its own context; the
//! form page's few components take theirs as props (no context look-ups in
//! the form's first load).
//!
//! - [`DataState`]: the records, the draft, the round, the rating just done
//!   (read by the screens that show them);
//! - [`Saving`]: the same records with their saving, edits and the merge of
//!   other tabs' writes (the screens that change data);
//! - [`Nav`]: the page, the screen, presentation mode, the notice;
//! - [`ClientMode`]: entering and leaving client mode;
//! - [`Device`]: this device's settings; [`PinBackoff`]: the wait after
//!   wrong PINs.
//!
//! Only the root holds them all ([`Pieces`]), to wire the page's listeners.

pub mod client;
pub mod data;
pub mod device;
pub mod nav;

pub use client::{ClientMode, LockView};
pub use data::{DataState, LeaveFlags, Saving};
pub use device::{Device, Loader, PinBackoff};
pub use nav::Nav;

use crate::domain::records::draft::Draft;
use crate::domain::screens::nav::Page;
use crate::storage;
use crate::ui::shared::{browser, keeping::Keeping};
use leptos::prelude::*;

/// Every piece, as the page's root made them.
#[derive(Clone, Copy)]
pub struct Pieces {
    /// The records and their saving (and, in `saving.data`, the records alone).
    pub saving: Saving,
    /// Page, screen and presentation.
    pub nav: Nav,
    /// Client mode.
    pub client: ClientMode,
    /// The device's settings.
    pub device: Device,
}

impl Pieces {
    /// Loads storage, the draft and the settings; never fails (problems
    /// become banners).
    pub fn load(page: Page, keep: &'static Keeping, loader: Loader) -> Self {
        let scales = (keep.scales)();
        let (store, status) = (keep.load)(&scales, browser::now_ms(), keep.shelf);
        // The form's first module hands its marks over in memory.
        let draft = crate::ui::form::lean::handed_draft()
            .or_else(storage::load_draft)
            .filter(|d| scales.all().into_iter().any(|s| d.fits(s)))
            .unwrap_or_else(|| Draft::blank(&scales.srs));
        let device = Device::load(loader);
        let data = DataState {
            scales: StoredValue::new(scales),
            store: RwSignal::new(store),
            status: RwSignal::new(status),
            unsaved: RwSignal::new(None),
            draft: RwSignal::new(draft),
            round: RwSignal::new((keep.round)()),
            last_done: RwSignal::new(None),
        };
        let leave = LeaveFlags::new();
        let nav = Nav::new(page, data.draft, leave);
        Pieces {
            saving: Saving::new(data, keep, leave),
            nav,
            client: ClientMode::new(data.last_done, device.settings, nav, keep.refused),
            device,
        }
    }

    /// Provides each piece as its own context (the therapist page).
    pub fn provide(&self) {
        provide_context(self.saving);
        provide_context(self.saving.data);
        provide_context(self.nav);
        provide_context(self.client);
        provide_context(self.device);
        provide_context(self.device.backoff());
    }
}
