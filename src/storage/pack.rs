//! The device's wording pack: kept as the file's own text under one key,
//! so what was checked is exactly what is read again at the next start.
//! Whether a pack is acceptable is the domain's ([`read_pack`]); this
//! reads, writes and verifies, on any [`KeyValue`] store (localStorage in
//! the app, the platform's in-memory store in `tests/pack_store.rs`).

use super::{set_verified, StorageError};
use crate::domain::measures::pack::{read_pack, read_pack_bytes, Pack, PackError};
use crate::domain::measures::scale::Scales;
use crate::platform::KeyValue;

/// Key of the loaded pack's text.
pub const PACK_KEY: &str = "attune.pack";

/// The pack a page starts with.
#[derive(Clone, Debug, PartialEq)]
pub enum StoredPack {
    /// None loaded: the built-in wording.
    None,
    /// A pack, read and checked again.
    Loaded(Pack),
    /// A stored pack this build refuses (written by a newer Attune, or
    /// damaged): kept as it is, the built-in wording used, and why shown.
    Unreadable(PackError),
}

/// Reads the stored pack, if any.
pub fn load(kv: &impl KeyValue, builtin: &Scales) -> StoredPack {
    match kv.get(PACK_KEY) {
        None => StoredPack::None,
        Some(text) => match read_pack(&text, builtin) {
            Ok(pack) => StoredPack::Loaded(pack),
            Err(e) => StoredPack::Unreadable(e),
        },
    }
}

/// Why a pack was not loaded: the file's problem, or the device's.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadRefused {
    /// The pack itself (the domain's reason, naming its place).
    Pack(PackError),
    /// The pack is good but could not be stored.
    Storage(StorageError),
}

/// Checks a pack file's bytes and, when they pass, stores the text in
/// place of any earlier pack (verified). On refusal nothing stored changes.
pub fn replace(kv: &impl KeyValue, file: &[u8], builtin: &Scales) -> Result<Pack, LoadRefused> {
    let pack = read_pack_bytes(file, builtin).map_err(LoadRefused::Pack)?;
    // Stored as text without a byte-order mark: what `load` reads again.
    let text = String::from_utf8_lossy(file.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file));
    set_verified(kv, PACK_KEY, &text).map_err(LoadRefused::Storage)?;
    Ok(pack)
}

/// Key of the device's language for every client without one of their
/// own (a tag: the loaded pack's or Attune's own Spanish); absent: Attune's
/// own English.
pub const EVERY_KEY: &str = "attune.pack.every";

/// The device's language for every client without one of their own.
pub fn every(kv: &impl KeyValue) -> Option<String> {
    kv.get(EVERY_KEY).filter(|t| !t.is_empty())
}

/// Sets (`Some`, verified) or clears the device's language for every
/// client without one of their own.
pub fn set_every(kv: &impl KeyValue, tag: Option<&str>) -> Result<(), StorageError> {
    match tag {
        Some(t) => set_verified(kv, EVERY_KEY, t),
        None => kv.remove(EVERY_KEY).map_err(StorageError::from),
    }
}

/// Removes the pack: the built-in wording again.
pub fn remove(kv: &impl KeyValue) -> Result<(), StorageError> {
    kv.remove(PACK_KEY).map_err(StorageError::from)
}

/// Stores the words the form reads for clients with a language (see
/// [`crate::domain::measures::language::encode_words`]), verified; an empty
/// text removes them. Unchanged words are not written again. Words that
/// cannot be stored remove the earlier ones: those no longer match the
/// clients' languages, and the built-in English (recorded as such) is
/// better than a language the therapist took away.
pub fn write_words(kv: &impl KeyValue, text: &str) -> Result<(), StorageError> {
    use crate::domain::measures::language::WORDS_KEY;
    if text.is_empty() {
        return kv.remove(WORDS_KEY).map_err(StorageError::from);
    }
    if kv.get(WORDS_KEY).as_deref() == Some(text) {
        return Ok(());
    }
    set_verified(kv, WORDS_KEY, text).inspect_err(|_| {
        let _ = kv.remove(WORDS_KEY);
    })
}
