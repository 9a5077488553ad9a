//! The therapist's words on the form page (its header, banners and the
//! first-open hint): English, built in, or the therapist page's language as
//! that page stored them ([`FrameWords`]). Read once, on the first use; the
//! page reloads when the therapist chooses another language.

use crate::domain::words::fill;
use crate::domain::words::frame::FrameWords;
use crate::platform::browser::LocalStore;
use crate::storage::LoadStatus;
use crate::ui::shared::app::HeaderWords;
use crate::ui::shared::banner::{status_from, BannerWords, StatusSentences};
use std::sync::OnceLock;

/// The stored frame, once read (`None`: English).
static FRAME: OnceLock<Option<FrameWords>> = OnceLock::new();

fn frame() -> Option<&'static FrameWords> {
    FRAME
        .get_or_init(|| crate::storage::page_lang::load_frame(&LocalStore))
        .as_ref()
}

/// The frame's language tag when it is not English, for `lang`.
pub fn lang() -> Option<&'static str> {
    frame().map(|f| f.lang.as_str())
}

/// The header's and banners' words.
pub fn header_words() -> HeaderWords {
    let Some(f) = frame() else {
        return HeaderWords::EN;
    };
    let [rate, clients, spoken, data, settings] = &f.links;
    HeaderWords {
        lang: Some(&f.lang),
        skip: &f.skip,
        main: &f.main,
        links: [rate, clients, spoken, data, settings],
        hand: &f.hand,
        present: &f.present,
        banners: BannerWords {
            lang: Some(&f.lang),
            status,
            download_copy: &f.download_copy,
            not_saved,
            export_now: &f.export_now,
            try_again: &f.try_again,
            dismiss: &f.dismiss,
        },
    }
}

/// A new therapist's hint: before the link, the link, after it.
pub fn first_open() -> [&'static str; 3] {
    match frame() {
        Some(f) => {
            let [a, b, c] = &f.first_open;
            [a, b, c]
        }
        None => [
            "New to Attune?",
            "Set it up first",
            "(clients, a PIN, the line, a backup).",
        ],
    }
}

/// The unsaved banner's sentence. Its reason stays in the form's English
/// (the form carries no catalogue).
fn not_saved(why: &str) -> String {
    match frame() {
        Some(f) => fill(&f.not_saved, &[("why", &why)]),
        None => (BannerWords::EN.not_saved)(why),
    }
}

/// The stored data's state, as [`BannerWords::EN`] says it, in the frame's
/// language (the reason stays in the form's English).
fn status(status: LoadStatus) -> Option<(String, bool)> {
    let Some(f) = frame() else {
        return (BannerWords::EN.status)(status);
    };
    let sentences = StatusSentences {
        quarantined: &f.quarantined,
        unreadable: &f.unreadable,
        read_only: &f.read_only,
        unavailable: &f.unavailable,
    };
    status_from(sentences, status)
}

/// Why client mode did not start, in the frame's language (the storage's
/// reason stays in the form's English).
pub fn refused(error: &crate::storage::StorageError) -> String {
    let why = error.to_string();
    match frame() {
        Some(f) => fill(&f.refused, &[("error", &why)]),
        None => crate::domain::screens::lock::refused_text(&why),
    }
}
