//! The records and the rating in progress ([`DataState`]), and their saving
//! ([`Saving`]): what changes when data is rated, edited, saved or arrives
//! from another tab.

use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::{ScaleDefinition, Scales};
use crate::domain::records::draft::Draft;
use crate::domain::records::store::Store;
use crate::storage::LoadStatus;
use crate::ui::shared::{browser, keeping::Keeping};
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

/// The records and the rating in progress, read by the screens that show
/// them (provided as context; [`Saving`] changes them).
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
    /// The rating just finished on this form: while set, the form shows a
    /// thank-you (never results); the review opens on the therapist's word.
    pub last_done: RwSignal<Option<String>>,
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

/// What decides whether leaving the page loses a rating held only in
/// memory. Made once by the page's root and kept for the page's life (like
/// its listeners), so every copy of [`Saving`] and [`super::nav::Nav`]
/// shares it. Atomic only because contexts must be `Sync`; the page has one
/// thread.
pub struct LeaveFlags {
    /// Set just before the app itself moves to another page.
    internal: AtomicBool,
    /// Whether the unsaved ratings of this tab are safe in sessionStorage.
    stashed: AtomicBool,
}

impl LeaveFlags {
    /// The page's flags: nothing stashed, no move under way.
    pub fn new() -> &'static Self {
        Box::leak(Box::new(LeaveFlags {
            internal: AtomicBool::new(false),
            stashed: AtomicBool::new(false),
        }))
    }

    /// Opens another page of the app; see [`Saving::open`].
    pub fn open(&self, url: &str) {
        self.internal.store(true, Relaxed);
        browser::navigate(url);
    }
}

/// The records and how they are saved (provided as context): the screens
/// that rate, edit or save take this; those that only show take
/// [`DataState`].
#[derive(Clone, Copy)]
pub struct Saving {
    /// Records, the draft and how saving goes.
    pub data: DataState,
    /// How this page stores ratings (see [`crate::ui::shared::keeping`]).
    pub keep: &'static Keeping,
    leave: &'static LeaveFlags,
}

impl Saving {
    /// The saving of `data` in the way `keep` says, leaving by `leave`.
    pub fn new(data: DataState, keep: &'static Keeping, leave: &'static LeaveFlags) -> Self {
        Saving { data, keep, leave }
    }

    /// Writes the in-memory store (merged with other tabs' work) to storage.
    /// On failure the data stays in memory and a banner offers an export.
    pub fn persist(&self) {
        browser::mark("attune-save-start");
        (self.keep.persist)(*self);
        browser::measure("attune-save", "attune-save-start");
    }

    /// Adds a completed rating and saves it. Returns where the rating is
    /// kept: stored, or (storage refusing) set aside for this tab in
    /// sessionStorage until a save succeeds, or in memory only.
    pub fn add_rating(&self, mut rating: Rating) -> crate::domain::records::save_plan::Kept {
        if let Some(stamp) = self.keep.holder {
            // Who held the session, where this page knows (the therapist page).
            self.data.store.with_untracked(|s| stamp(s, &mut rating));
        }
        let id = rating.id.clone();
        self.data.store.update(|s| s.ratings.push(rating));
        self.persist();
        (self.keep.kept)(*self, &id)
    }

    /// Applies a therapist's edit (see [`crate::domain::records::clients`]) and saves
    /// it; a refused edit changes nothing and its reason is returned for display.
    pub fn edit<E>(
        &self,
        f: impl FnOnce(&mut Store, chrono::DateTime<chrono::Utc>) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut next = self.data.store.get_untracked();
        f(&mut next, browser::now())?;
        self.data.store.set(next);
        self.persist();
        Ok(())
    }

    /// Opens another page of the app. Ratings that exist only in memory are
    /// in this tab's sessionStorage by now (see [`Saving::add_rating`]), so
    /// this move loses nothing and the "leave the page?" question is not asked.
    pub fn open(&self, url: &str) {
        self.leave.open(url);
    }

    /// Records whether every rating this tab could not store is set aside
    /// in its sessionStorage (the page's save says, after each try).
    pub fn set_stashed(&self, all_kept: bool) {
        self.leave.stashed.store(all_kept, Relaxed);
    }

    /// Whether the ratings the last save could not store are set aside in
    /// this tab's sessionStorage.
    pub fn stashed(&self) -> bool {
        self.leave.stashed.load(Relaxed)
    }

    /// True when leaving the page would lose a rating held only in memory.
    pub fn leaving_loses_data(&self) -> bool {
        crate::domain::screens::leaving::loses_data(
            self.data.unsaved.with_untracked(Option::is_some),
            self.leave.internal.load(Relaxed),
            self.leave.stashed.load(Relaxed),
        )
    }

    /// Takes in another tab's changes without dropping any of ours.
    pub fn on_other_tab_write(&self) {
        let Some((theirs, older)) = self.keep.shelf.and_then(|h| h.get().reread()) else {
            return;
        };
        let mine = self.data.store.get_untracked();
        let (merged, _) = crate::domain::records::store::merge(&theirs, &mine);
        // What an older Attune wrote never clears a field this tab holds.
        let merged = if older.is_empty() {
            merged
        } else {
            crate::domain::records::older::merge_stored(&theirs, &mine, &older)
        };
        // If we hold anything they lack (a simultaneous save, a later edit
        // of a client or an episode's end), write the union back.
        let write_back = crate::domain::records::store::holds_more(&merged, &theirs);
        self.data.store.set(merged);
        if write_back {
            self.persist();
        }
    }
}
