//! The therapist page's language, for its views: [`tr`], [`trf`] and
//! [`trn`] give a sentence written in Attune's English in the page's
//! language (the catalogue is the domain's, [`crate::domain::words`]), and
//! [`words`] hands the same to a domain function that writes sentences.
//!
//! The language is read once, before the page mounts ([`start`]), and never
//! changes while the page lives: choosing another stores it and reloads the
//! page. So it is kept as a set-once value, not as reactive state, and a
//! view needs no context or signal to say a sentence.

use crate::domain::words::{Lang, Words};
use crate::platform::browser::LocalStore;
use std::fmt::Display;
use std::sync::OnceLock;

/// The page's language, set once by [`start`].
static PAGE: OnceLock<Lang> = OnceLock::new();

/// Reads the device's choice and marks the document with its `lang`. Called
/// before the page mounts; a second call changes nothing.
pub fn start() {
    let lang = crate::storage::page_lang::load(&LocalStore);
    let lang = *PAGE.get_or_init(|| lang);
    // The form page's header in this language too. A failed write (a full
    // quota) leaves it in English; nothing else depends on it.
    let frame = crate::domain::words::frame::FrameWords::from_words(words());
    let _ = crate::storage::page_lang::keep_frame(&LocalStore, frame.as_ref());
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// The page's words (English before [`start`], as on the form page).
pub fn words() -> Words {
    Words::new(PAGE.get().copied().unwrap_or(Lang::En))
}

/// `en` in the page's language.
pub fn tr(en: &'static str) -> &'static str {
    words().tr(en)
}

/// `en` in the page's language, its `{name}` placeholders filled.
pub fn trf(en: &'static str, args: &[(&str, &dyn Display)]) -> String {
    words().trf(en, args)
}

/// A count's sentence in the page's language (`{n}` is `n`).
pub fn trn(
    one: &'static str,
    other: &'static str,
    n: usize,
    args: &[(&str, &dyn Display)],
) -> String {
    words().trn(one, other, n, args)
}
