//! SHA-256, in the core, for identifiers that every device must compute the
//! same way: revision hashes and replication ids.
//!
//! Why not WebCrypto's `digest`: it is asynchronous and belongs to the shell,
//! while a revision id is decided inside pure code and tested natively. The
//! digest itself is the `sha2` crate's (pure Rust, no features), the hex the
//! `base16ct` crate's. Nothing here is secret: the digests name things, they
//! protect nothing.

use sha2::{Digest as _, Sha256};

/// The SHA-256 digest of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    base16ct::lower::encode_string(bytes)
}

/// The first 16 bytes of the SHA-256 of `parts`, each part preceded by its
/// length so that no two different lists of parts hash the same bytes, as
/// 32 lower-case hex digits (the length of CouchDB's own revision hashes).
pub fn short_digest(parts: &[&[u8]]) -> String {
    let mut bytes = Vec::new();
    for part in parts {
        bytes.extend_from_slice(&(part.len() as u64).to_be_bytes());
        bytes.extend_from_slice(part);
    }
    hex(&sha256(&bytes)[..16])
}
