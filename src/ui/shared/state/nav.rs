//! Where the therapist is and how the screen looks ([`Nav`]).

use super::data::LeaveFlags;
use crate::domain::records::draft::Draft;
use crate::domain::screens::nav::{go, Go, Page};
use crate::storage;
use crate::ui::{Screen, THERAPIST_PAGE};
use leptos::prelude::*;

/// The URL fragment, `#/…` (empty when there is none).
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Where the therapist is and how the screen looks: what changes when they
/// move around or share the screen (provided as context).
#[derive(Clone, Copy)]
pub struct Nav {
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
    /// The rating in progress: it goes to storage before the form page opens.
    draft: RwSignal<Draft>,
    leave: &'static LeaveFlags,
}

impl Nav {
    /// Navigation on `page`, starting on the screen the URL names.
    pub fn new(page: Page, draft: RwSignal<Draft>, leave: &'static LeaveFlags) -> Self {
        Nav {
            page,
            screen: RwSignal::new(Screen::from_hash(&location_hash())),
            present: RwSignal::new(storage::presenting()),
            notice: RwSignal::new(None),
            draft,
            leave,
        }
    }

    /// Opens another page of the app without the "leave the page?"
    /// question (see [`super::data::Saving::open`]).
    pub fn open(&self, url: &str) {
        self.leave.open(url);
    }

    /// Shows `screen`, on this page or by opening the other one (see
    /// [`go`]). The draft goes to storage first, so a client chosen here
    /// reaches the form.
    pub fn go(&self, screen: Screen) {
        let (rated_here, named) = self.draft.with_untracked(|d| {
            (
                crate::domain::raters::choose::rated_on_therapist_page(&d.scale_id),
                d.client_id.is_some() || !d.is_empty(),
            )
        });
        match go(self.page, screen, rated_here, named) {
            Go::Show(s) => self.screen.set(s),
            Go::OpenForm { keep_draft } => {
                if keep_draft {
                    let _ = storage::save_draft(&self.draft.get_untracked());
                }
                self.open("./");
            }
            Go::OpenTherapist(s) => self.open(&format!("{THERAPIST_PAGE}{}", s.to_hash())),
        }
    }
}
