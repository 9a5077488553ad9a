//! The therapist page's language on this device: one short tag under one
//! key, read before the page mounts (so the first paint is already in it)
//! and written, verified, when the therapist chooses another; and the form
//! page's frame in that language, which the therapist page keeps for the
//! form page (it has no catalogue of its own).

use super::{set_verified, StorageError};
use crate::domain::words::frame::FrameWords;
use crate::domain::words::Lang;
use crate::platform::KeyValue;

/// Key of the page's language tag; absent: Attune's English.
pub const PAGE_LANG_KEY: &str = "attune.page.lang";

/// The page's language: English when none is stored, or when the stored
/// tag names a language this build does not ship (a newer Attune's).
pub fn load(kv: &impl KeyValue) -> Lang {
    kv.get(PAGE_LANG_KEY)
        .and_then(|t| Lang::from_tag(&t))
        .unwrap_or(Lang::En)
}

/// Stores the page's language (English removes the key).
pub fn save(kv: &impl KeyValue, lang: Lang) -> Result<(), StorageError> {
    match lang {
        Lang::En => kv.remove(PAGE_LANG_KEY).map_err(StorageError::from),
        other => set_verified(kv, PAGE_LANG_KEY, other.tag()),
    }
}

/// Key of the form page's frame (its header, banners and first-open hint)
/// in the therapist page's language; absent: English.
pub const FRAME_KEY: &str = "attune.page.frame";

/// Keeps the form page's frame as the therapist page says it: `None`
/// (English) removes it, another frame is written only when it differs
/// from the stored one. A failed write (a full quota) leaves the form in
/// English and changes nothing else.
pub fn keep_frame(kv: &impl KeyValue, frame: Option<&FrameWords>) -> Result<(), StorageError> {
    match frame {
        None if kv.get(FRAME_KEY).is_some() => kv.remove(FRAME_KEY).map_err(StorageError::from),
        None => Ok(()),
        Some(f) => {
            let text = f.encode();
            if kv.get(FRAME_KEY).as_deref() == Some(text.as_str()) {
                return Ok(());
            }
            set_verified(kv, FRAME_KEY, &text)
        }
    }
}

/// The form page's frame, when one is stored and can be trusted.
pub fn load_frame(kv: &impl KeyValue) -> Option<FrameWords> {
    kv.get(FRAME_KEY).and_then(|t| FrameWords::decode(&t))
}

/// Whether a frame is stored at all (the first module's cheap check: it
/// leaves such a page to the full module, which reads it).
pub fn frame_stored(kv: &impl KeyValue) -> bool {
    kv.get(FRAME_KEY).is_some()
}
