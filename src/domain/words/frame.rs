//! The therapist's words on the form page: its header, its banners and the
//! first-open hint, which the therapist reads on `index.html` while the
//! form itself is in the client's language.
//!
//! The form page carries no catalogue (its size is budgeted), so the
//! therapist page, which has one, writes these few sentences in its own
//! language into the device's storage ([`FrameWords::encode`]), and the
//! form page reads them back ([`FrameWords::decode`]). Nothing is stored
//! for English: the form's built-in words are English. A stored text the
//! form cannot trust (another version's shape, a placeholder changed, any
//! markup) is ignored, and the form says it in English: never a broken or
//! half-filled sentence.

use super::{placeholders, Lang, Words};
use serde::{Deserialize, Serialize};

/// The longest sentence accepted from storage (the longest Spanish one is
/// under 400 characters).
const MAX_CHARS: usize = 600;

/// The sentences of the form page's frame in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameWords {
    /// The language's tag (`es`), for the header's `lang`.
    pub lang: String,
    /// The skip link's label.
    pub skip: String,
    /// The navigation's accessible name.
    pub main: String,
    /// The links, in order: the form, clients, spoken entry, data, settings.
    pub links: [String; 5],
    /// The client-mode button.
    pub hand: String,
    /// The presentation-mode toggle.
    pub present: String,
    /// The set-aside copy's download button.
    pub download_copy: String,
    /// The unsaved banner, around `{why}`.
    pub not_saved: String,
    /// "Export now".
    pub export_now: String,
    /// "Try saving again".
    pub try_again: String,
    /// The notice's dismiss button.
    pub dismiss: String,
    /// Stored data set aside: `{reason}` and `{key}`.
    pub quarantined: String,
    /// Stored data unreadable with no room to set it aside: `{reason}`.
    pub unreadable: String,
    /// Data of a newer version, shown read-only: `{v}`.
    pub read_only: String,
    /// Storage refused by the browser.
    pub unavailable: String,
    /// A new therapist's hint: the words before the link, the link, after it.
    pub first_open: [String; 3],
    /// Client mode refused (the lock could not be stored): `{error}`.
    pub refused: String,
}

impl FrameWords {
    /// The frame in `w`'s language, from the catalogue (the therapist page
    /// only: the form page never links the catalogue). `None` for English,
    /// which the form says by itself.
    pub fn from_words(w: Words) -> Option<FrameWords> {
        if w.lang() == Lang::En {
            return None;
        }
        Some(FrameWords {
            lang: w.lang().tag().to_string(),
            skip: w.tr("Skip to main content").into(),
            main: w.tr("Main").into(),
            links: [
                w.tr("Rate").into(),
                w.tr("Clients").into(),
                w.tr("Spoken entry").into(),
                w.tr("Data").into(),
                w.tr("Settings").into(),
            ],
            hand: w.tr("Hand to client").into(),
            present: w.tr("Presentation mode").into(),
            download_copy: w.tr("Download the set-aside copy").into(),
            not_saved: w.tr("Not saved yet: {why}. The rating is kept on this screen until the page closes. Nothing already stored was lost.").into(),
            export_now: w.tr("Export now").into(),
            try_again: w.tr("Try saving again").into(),
            dismiss: w.tr("Dismiss").into(),
            quarantined: w.tr("Attune found stored data it could not read ({reason}). It has been set aside unchanged under \"{key}\" and nothing was deleted. New ratings are saved as usual. Download the copy and keep it, or send it to whoever supports Attune at your clinic.").into(),
            unreadable: w.tr("Attune found stored data it could not read ({reason}) and had no room to set a copy aside, so it is leaving it untouched and not saving. Use \"Export now\" after each rating.").into(),
            read_only: w.tr("This data was saved by a newer version of Attune (data version {v}). It is shown read-only and will not be changed. Update Attune to keep working with it.").into(),
            unavailable: w.tr("This browser is not letting Attune store anything (storage is off or this is a private window). Ratings stay only until this page closes: use \"Export now\" to keep them.").into(),
            first_open: [
                w.tr("New to Attune?").into(),
                w.tr("Set it up first").into(),
                w.tr("(clients, a PIN, the line, a backup).").into(),
            ],
            refused: w.tr("Client mode did not start: {error}, so the lock would not hold in other tabs or after a reload. Keep the device yourself, free some space (Data: export a backup), then try again.").into(),
        })
    }

    /// The stored text.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The frame read back from storage, or `None` when it cannot be
    /// trusted: not this shape, an empty or overlong sentence, markup, or a
    /// sentence whose placeholders are not the English one's.
    pub fn decode(text: &str) -> Option<FrameWords> {
        let words: FrameWords = serde_json::from_str(text).ok()?;
        words.checked().then_some(words)
    }

    /// Every sentence with the placeholders its English has, and only those.
    fn checked(&self) -> bool {
        let plain = |s: &String| {
            !s.trim().is_empty()
                && s.chars().count() <= MAX_CHARS
                && !s.contains(['<', '>'])
                && !s.chars().any(char::is_control)
        };
        let holds = |s: &String, want: &[&str]| {
            let mut got = placeholders(s);
            got.sort_unstable();
            got.dedup();
            plain(s) && got == want
        };
        let none = [
            &self.skip,
            &self.main,
            &self.hand,
            &self.present,
            &self.download_copy,
            &self.export_now,
            &self.try_again,
            &self.dismiss,
            &self.unavailable,
        ]
        .into_iter()
        .chain(&self.links)
        .chain(&self.first_open)
        .all(|s| holds(s, &[]));
        Lang::from_tag(&self.lang).is_some_and(|l| l != Lang::En)
            && none
            && holds(&self.not_saved, &["why"])
            && holds(&self.quarantined, &["key", "reason"])
            && holds(&self.unreadable, &["reason"])
            && holds(&self.read_only, &["v"])
            && holds(&self.refused, &["error"])
    }
}
