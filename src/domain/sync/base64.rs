//! Standard base64 (RFC 4648, section 4, with `=` padding), strict both ways.
//!
//! Every byte string in a sync document (IVs, ciphertexts, salts, the
//! wrapped key) travels as base64, and the decoder is part of validation: it
//! accepts exactly one spelling per value (padding required, no whitespace,
//! no line breaks, unused bits zero), so a document cannot be altered in its
//! spelling without being refused. The `base64` crate's `STANDARD` engine is
//! that strict by default (canonical padding required, trailing bits
//! refused); these two functions keep the one place that says so.

use ::base64::engine::general_purpose::STANDARD;
use ::base64::Engine as _;

/// `bytes` as padded standard base64.
pub fn encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Decodes padded standard base64; `None` for anything but the one
/// canonical spelling of some bytes.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    STANDARD.decode(text).ok()
}
