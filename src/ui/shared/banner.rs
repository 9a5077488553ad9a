//! Banners that explain storage problems and offer the way out. They never
//! block rating: a client in front of the screen can always finish.

use crate::domain::words::fill;
use crate::storage::{self, LoadStatus};
use crate::ui::shared::browser;
use crate::ui::shared::state::{DataState, Device, Nav, Saving};
use crate::ui::shared::words::{tr, trf, trn, words};
use crate::ui::Screen;
use leptos::prelude::*;

/// Offers what is not safely stored as a file (how depends on the page).
fn export_now(saving: Saving) {
    (saving.keep.export)(saving);
}

/// Offers each quarantined copy, byte for byte, as a download.
fn download_quarantine() {
    for (key, text) in storage::quarantined() {
        let _ = browser::download(&format!("{key}.txt"), "text/plain", &text);
    }
}

/// The words of [`Banners`], which show on both pages: the form's are
/// [`BannerWords::EN`] (its first load carries no catalogue), the therapist
/// page's [`therapist_banner_words`].
#[derive(Clone, Copy)]
pub struct BannerWords {
    /// The language of these words when it is not the document's (the
    /// form page's frame in the therapist's language), for `lang`.
    pub lang: Option<&'static str>,
    /// The stored data's state in a sentence, and whether a set-aside copy
    /// can be downloaded; `None` when there is nothing to say.
    pub status: fn(LoadStatus) -> Option<(String, bool)>,
    /// The set-aside copy's download button.
    pub download_copy: &'static str,
    /// The unsaved banner's sentence around its reason (a clause).
    pub not_saved: fn(&str) -> String,
    /// "Export now".
    pub export_now: &'static str,
    /// "Try saving again".
    pub try_again: &'static str,
    /// The notice's dismiss button.
    pub dismiss: &'static str,
}

impl BannerWords {
    /// Attune's English, as the form page says it.
    pub const EN: BannerWords = BannerWords {
        lang: None,
        status: status_en,
        download_copy: "Download the set-aside copy",
        not_saved: |why| fill(NOT_SAVED_EN, &[("why", &why)]),
        export_now: "Export now",
        try_again: "Try saving again",
        dismiss: "Dismiss",
    };
}

/// The four sentences of the stored data's state, with `{reason}`, `{key}`
/// and `{v}` to fill: the one shape the form page says them in, in English
/// ([`BannerWords::EN`]) or in its stored frame ([`crate::ui::form::frame`]).
/// The therapist page translates the reason too ([`status_in_words`]).
#[derive(Clone, Copy)]
pub(crate) struct StatusSentences<'a> {
    /// Data set aside: `{reason}`, `{key}`.
    pub quarantined: &'a str,
    /// Data unreadable, no room to set it aside: `{reason}`.
    pub unreadable: &'a str,
    /// Data of a newer version: `{v}`.
    pub read_only: &'a str,
    /// Storage refused by the browser.
    pub unavailable: &'a str,
}

/// Attune's English for [`StatusSentences`].
const STATUS_EN: StatusSentences<'static> = StatusSentences {
    quarantined: "Attune found stored data it could not read ({reason}). It has been set aside unchanged under \"{key}\" and nothing was deleted. New ratings are saved as usual. Download the copy and keep it, or send it to whoever supports Attune at your clinic.",
    unreadable: "Attune found stored data it could not read ({reason}) and had no room to set a copy aside, so it is leaving it untouched and not saving. Use \"Export now\" after each rating.",
    read_only: "This data was saved by a newer version of Attune (data version {v}). It is shown read-only and will not be changed. Update Attune to keep working with it.",
    unavailable: "This browser is not letting Attune store anything (storage is off or this is a private window). Ratings stay only until this page closes: use \"Export now\" to keep them.",
};

/// Attune's English for the unsaved banner, around `{why}`.
const NOT_SAVED_EN: &str = "Not saved yet: {why}. The rating is kept on this screen until the page closes. Nothing already stored was lost.";

/// The stored data's state in `sentences`, and whether a set-aside copy can
/// be downloaded; `None` when there is nothing to say.
pub(crate) fn status_from(
    sentences: StatusSentences<'_>,
    status: LoadStatus,
) -> Option<(String, bool)> {
    Some(match status {
        LoadStatus::Quarantined { key, reason } => (
            fill(sentences.quarantined, &[("reason", &reason), ("key", &key)]),
            true,
        ),
        LoadStatus::Unreadable(reason) => {
            (fill(sentences.unreadable, &[("reason", &reason)]), true)
        }
        LoadStatus::ReadOnly(v) => (fill(sentences.read_only, &[("v", &v)]), false),
        LoadStatus::Unavailable => (sentences.unavailable.to_string(), false),
        _ => return None,
    })
}

/// [`BannerWords::EN`]'s status sentences.
fn status_en(status: LoadStatus) -> Option<(String, bool)> {
    status_from(STATUS_EN, status)
}

/// [`Banners`]' words in the therapist page's language.
pub fn therapist_banner_words() -> BannerWords {
    BannerWords {
        lang: None,
        status: status_in_words,
        download_copy: tr("Download the set-aside copy"),
        not_saved: |why| {
            trf(
                "Not saved yet: {why}. The rating is kept on this screen until the page closes. Nothing already stored was lost.",
                &[("why", &why)],
            )
        },
        export_now: tr("Export now"),
        try_again: tr("Try saving again"),
        dismiss: tr("Dismiss"),
    }
}

fn status_in_words(status: LoadStatus) -> Option<(String, bool)> {
    let w = words();
    Some(match status {
        LoadStatus::Quarantined { key, reason } => (
            trf(
                "Attune found stored data it could not read ({reason}). It has been set aside unchanged under \"{key}\" and nothing was deleted. New ratings are saved as usual. Download the copy and keep it, or send it to whoever supports Attune at your clinic.",
                &[("reason", &reason.words(w)), ("key", &key)],
            ),
            true,
        ),
        LoadStatus::Unreadable(reason) => (
            trf(
                "Attune found stored data it could not read ({reason}) and had no room to set a copy aside, so it is leaving it untouched and not saving. Use \"Export now\" after each rating.",
                &[("reason", &reason.words(w))],
            ),
            true,
        ),
        LoadStatus::ReadOnly(v) => (
            trf(
                "This data was saved by a newer version of Attune (data version {v}). It is shown read-only and will not be changed. Update Attune to keep working with it.",
                &[("v", &v)],
            ),
            false,
        ),
        LoadStatus::Unavailable => (
            tr("This browser is not letting Attune store anything (storage is off or this is a private window). Ratings stay only until this page closes: use \"Export now\" to keep them.").to_string(),
            false,
        ),
        _ => return None,
    })
}

/// All current banners.
#[component]
pub fn Banners(saving: Saving, nav: Nav, words: BannerWords) -> impl IntoView {
    let status_banner = move || {
        let (msg, quarantine) = (words.status)(saving.data.status.get())?;
        Some(view! {
            <div class="banner warn" role="alert" data-testid="storage-banner" lang=words.lang>
                <p>{msg}</p>
                {quarantine.then(|| view! {
                    <button type="button" on:click=move |_| download_quarantine()>{words.download_copy}</button>
                })}
            </div>
        })
    };
    let unsaved_banner = move || {
        saving.data.unsaved.get().map(|why| {
            // Reasons come as sentences or as clauses; the banner adds its own stop.
            let why = why.trim_end_matches('.');
            view! {
                <div class="banner error" role="alert" data-testid="unsaved-banner" lang=words.lang>
                    <p>{(words.not_saved)(why)}</p>
                    <button type="button" on:click=move |_| export_now(saving)>{words.export_now}</button>
                    <button type="button" on:click=move |_| saving.persist()>{words.try_again}</button>
                </div>
            }
        })
    };
    let notice = move || {
        nav.notice.get().map(|text| {
            view! {
                <div class="banner warn" role="alert" data-testid="notice-banner" lang=words.lang>
                    <p>{text}</p>
                    <button type="button" on:click=move |_| nav.notice.set(None)>{words.dismiss}</button>
                </div>
            }
        })
    };
    view! { <div class="banners">{status_banner} {unsaved_banner} {notice}</div> }
}

/// A standing pointer to set-aside copies of unreadable data, on the
/// therapist page until the therapist has dealt with them on the Data screen
/// (the start-up banner above covers the session that found them).
#[component]
pub fn QuarantineBanner() -> impl IntoView {
    let status = expect_context::<DataState>().status;
    let screen = expect_context::<Nav>().screen;
    let count = storage::quarantined().len();
    move || {
        let fresh = matches!(status.get(), LoadStatus::Quarantined { .. });
        let on_data = screen.with(|s| *s == Screen::Data);
        (count > 0 && !fresh && !on_data).then(|| {
            let text = trn(
                "A copy of stored data Attune could not read is still set aside on this device.",
                "{n} copies of stored data Attune could not read are still set aside on this device.",
                count,
                &[],
            );
            view! {
                <div class="banner info" data-testid="quarantine-banner">
                    <p>{text} " " <a href="#/data">{tr("See Data")}</a></p>
                </div>
            }
        })
    }
}

/// The backup reminder, on the therapist page only (never over the form a
/// client may be looking at, and never in its first load).
#[component]
pub fn BackupBanner() -> impl IntoView {
    let store = expect_context::<DataState>().store;
    let screen = expect_context::<Nav>().screen;
    move || {
        // Not on the Data screen (it says so itself), nor on a review: the
        // minute after a rating is for the client's feedback.
        if screen.with(|s| matches!(s, Screen::Data | Screen::Review(_))) {
            return None;
        }
        let text = store.with(|s| {
            crate::domain::device::reminder::backup_reminder(
                s,
                browser::now(),
                crate::ui::shared::words::words(),
            )
        })?;
        Some(view! {
            <div class="banner info" data-testid="backup-banner">
                <p>{text} " " <a href="#/data">{tr("Back up now")}</a></p>
            </div>
        })
    }
}

/// A new therapist's first steps, on the therapist page: each ticks itself
/// when done, and the list goes away when all are done or it is dismissed.
#[component]
pub fn Checklist() -> impl IntoView {
    use crate::domain::device::checklist::{checklist, checklist_visible};
    let device = expect_context::<Device>();
    let store = expect_context::<DataState>().store;
    let nav = expect_context::<Nav>();
    let items = Memo::new(move |_| {
        device.settings.with(|settings| {
            store.with(|s| {
                checklist(
                    s,
                    settings,
                    s.last_backup_at,
                    crate::ui::shared::words::words(),
                )
            })
        })
    });
    let dismissed = Memo::new(move |_| device.settings.with(|s| s.checklist_dismissed));
    let dismiss = move |_| {
        let _ = device.save_settings(|s| s.checklist_dismissed = true);
    };
    move || {
        let list = items.get();
        let reviewing = nav.screen.with(|s| matches!(s, Screen::Review(_)));
        (checklist_visible(&list, dismissed.get()) && !nav.present.get() && !reviewing).then(|| {
            let rows = list
                .into_iter()
                .map(|i| {
                    let href = match i.key {
                        "client" => "#/clients",
                        "backup" => "#/data",
                        _ => "#/settings",
                    };
                    view! {
                        <li class:done=i.done>
                            <span class="tick-mark" aria-hidden="true">{if i.done { "✓" } else { "○" }}</span>
                            <a href=href>{i.label}</a>
                            <span class="sr-only">{if i.done { tr(" (done)") } else { tr(" (to do)") }}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="checklist" aria-labelledby="checklist-heading" data-testid="checklist">
                    <h2 id="checklist-heading">{tr("Getting started")}</h2>
                    <ul>{rows}</ul>
                    <button type="button" on:click=dismiss>{tr("Hide this list")}</button>
                </section>
            }
        })
    }
}

/// The settings record could not be used: what happened and the way on, on
/// every therapist screen until a new PIN is set (the PIN prompt says the
/// same while locked).
#[component]
pub fn SettingsBanner() -> impl IntoView {
    let problem = expect_context::<Device>().problem;
    move || {
        problem.get().map(|p| {
            view! {
                <div class="banner warn" role="alert" data-testid="settings-banner">
                    <p>{crate::domain::screens::lock::problem_text(&p, false, words())} " " <a href="#/settings">{tr("Open Settings")}</a></p>
                </div>
            }
        })
    }
}
