//! The therapist page's language on this device: one short tag under one
//! key, read before the page mounts (so the first paint is already in it)
//! and written, verified, when the therapist chooses another.

use super::{set_verified, StorageError};
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
