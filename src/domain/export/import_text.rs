//! The bytes of an imported file to text: UTF-8 (with or without a
//! byte-order mark) and UTF-16 with a byte-order mark. Anything else is
//! refused with a reason, never "repaired" into U+FFFD: a label or id altered
//! silently would no longer match the stored one.

use crate::domain::words::Words;
use thiserror::Error;

/// Why a file's bytes are not text Attune can read. Sentences for the UI.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ImportTextError {
    /// Zero bytes (or only a byte-order mark).
    #[error("The file is empty.")]
    Empty,
    /// Bytes that are not UTF-8, typically a file re-saved as Latin-1 or
    /// Windows-1252.
    #[error("The file is not UTF-8 text (byte {at} cannot be read). Attune backups are UTF-8; if the file was re-saved in another encoding, save it again as UTF-8.")]
    NotUtf8 {
        /// Offset of the first unreadable byte, counted from 0.
        at: usize,
    },
    /// NUL bytes without a byte-order mark: UTF-16 or UTF-32 whose encoding
    /// cannot be told safely.
    #[error("The file looks like UTF-16 or UTF-32 text without a byte-order mark. Save it again as UTF-8.")]
    UnmarkedWide,
    /// A UTF-32 byte-order mark.
    #[error("The file is UTF-32 text, which Attune does not read. Save it again as UTF-8.")]
    Utf32,
    /// UTF-16 with an odd number of bytes or a broken surrogate pair.
    #[error("The file is damaged UTF-16 text (unit {at} cannot be read).")]
    BadUtf16 {
        /// Index of the first unreadable 16-bit unit after the mark.
        at: usize,
    },
}

impl ImportTextError {
    /// The message in `w`'s language, for the page (`Display` keeps the
    /// English for logs).
    pub fn words(&self, w: Words) -> String {
        match self {
            ImportTextError::Empty => w.tr("The file is empty.").into(),
            ImportTextError::NotUtf8 { at } => w.trf(
                "The file is not UTF-8 text (byte {at} cannot be read). Attune backups are UTF-8; if the file was re-saved in another encoding, save it again as UTF-8.",
                &[("at", at)],
            ),
            ImportTextError::UnmarkedWide => w
                .tr("The file looks like UTF-16 or UTF-32 text without a byte-order mark. Save it again as UTF-8.")
                .into(),
            ImportTextError::Utf32 => w
                .tr("The file is UTF-32 text, which Attune does not read. Save it again as UTF-8.")
                .into(),
            ImportTextError::BadUtf16 { at } => w.trf(
                "The file is damaged UTF-16 text (unit {at} cannot be read).",
                &[("at", at)],
            ),
        }
    }
}

/// Decodes an imported file's bytes. The byte-order mark, if any, is removed.
pub fn decode_import_bytes(bytes: &[u8]) -> Result<String, ImportTextError> {
    let text = match bytes {
        // UTF-32 marks first: the LE one begins with the UTF-16 LE mark.
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => return Err(ImportTextError::Utf32),
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(rest, 3)?,
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes)?,
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes)?,
        _ if bytes.contains(&0) => return Err(ImportTextError::UnmarkedWide),
        _ => utf8(bytes, 0)?,
    };
    if text.is_empty() {
        return Err(ImportTextError::Empty);
    }
    Ok(text)
}

fn utf8(bytes: &[u8], offset: usize) -> Result<String, ImportTextError> {
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|e| ImportTextError::NotUtf8 {
            at: offset + e.valid_up_to(),
        })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ImportTextError> {
    let pairs = bytes.chunks_exact(2);
    if !pairs.remainder().is_empty() {
        return Err(ImportTextError::BadUtf16 {
            at: bytes.len() / 2,
        });
    }
    let units: Vec<u16> = pairs.map(|p| unit([p[0], p[1]])).collect();
    let mut out = String::with_capacity(units.len());
    let mut at = 0;
    for c in char::decode_utf16(units.iter().copied()) {
        let c = c.map_err(|_| ImportTextError::BadUtf16 { at })?;
        at += c.len_utf16();
        out.push(c);
    }
    Ok(out)
}
