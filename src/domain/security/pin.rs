//! The therapist's PIN: what a valid PIN is, how its hash is stored, how a
//! derived hash is compared, and how long to wait after wrong guesses.
//!
//! The key derivation itself (PBKDF2-HMAC-SHA256) runs in the shell through
//! WebCrypto, which is fast and adds nothing to the wasm; this module only
//! decides. A PIN protects against a client picking up the tablet, not
//! against someone with the device's storage: 4–8 digits are few enough to
//! brute-force offline, which is why the hash is slow (OWASP's iteration
//! count) and why the online guessing is slowed by [`Backoff`].

use crate::domain::words::Words;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Fewest digits in a PIN.
pub const MIN_DIGITS: usize = 4;
/// Most digits in a PIN.
pub const MAX_DIGITS: usize = 8;
/// Salt length in bytes (128 bits, NIST SP 800-132's minimum).
pub const SALT_LEN: usize = 16;
/// Derived hash length in bytes (the SHA-256 output size).
pub const HASH_LEN: usize = 32;
/// PBKDF2-HMAC-SHA256 iterations for new records: OWASP Password Storage
/// Cheat Sheet (2023) recommends 600,000.
pub const ITERATIONS: u32 = 600_000;
/// Fewest iterations a stored record may name; anything lower was not made
/// by Attune and would make the hash cheap to attack.
pub const MIN_ITERATIONS: u32 = 100_000;
/// Most iterations a stored record may name, so a tampered record cannot
/// make unlocking hang the device.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// The only algorithm so far; named in the record so it can change later.
pub const ALGORITHM: &str = "PBKDF2-HMAC-SHA256";
/// Wrong PINs allowed before any waiting (a typo or two must cost nothing).
pub const FREE_ATTEMPTS: u32 = 5;
/// The first wait, after [`FREE_ATTEMPTS`] wrong PINs, in seconds; each
/// further wrong PIN doubles it.
pub const FIRST_DELAY_SECS: i64 = 30;
/// The longest wait, in seconds (15 minutes): long enough to make guessing
/// 10,000 PINs take months, short enough that a therapist who forgot is not
/// locked out of a clinic day.
pub const MAX_DELAY_SECS: i64 = 15 * 60;

/// Why a PIN was refused, in words shown to the therapist.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PinError {
    /// Fewer than [`MIN_DIGITS`] digits.
    #[error("the PIN needs at least {MIN_DIGITS} digits")]
    TooShort,
    /// More than [`MAX_DIGITS`] digits.
    #[error("the PIN can have at most {MAX_DIGITS} digits")]
    TooLong,
    /// Something other than the digits 0–9 (letters, spaces, other scripts'
    /// digits, which some keyboards type and others cannot).
    #[error("the PIN can only contain the digits 0 to 9")]
    NotDigits,
}

impl PinError {
    /// The refusal in `w`'s language (`Display` keeps Attune's English).
    pub fn words(&self, w: Words) -> String {
        match self {
            PinError::TooShort => w.trf("the PIN needs at least {n} digits", &[("n", &MIN_DIGITS)]),
            PinError::TooLong => {
                w.trf("the PIN can have at most {n} digits", &[("n", &MAX_DIGITS)])
            }
            PinError::NotDigits => w
                .tr("the PIN can only contain the digits 0 to 9")
                .to_string(),
        }
    }
}

/// Checks a PIN as typed; nothing is trimmed, so what is stored is exactly
/// what the therapist will have to type again.
pub fn validate_pin(pin: &str) -> Result<(), PinError> {
    if !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PinError::NotDigits);
    }
    // All ASCII from here, so bytes are characters.
    match pin.len() {
        n if n < MIN_DIGITS => Err(PinError::TooShort),
        n if n > MAX_DIGITS => Err(PinError::TooLong),
        _ => Ok(()),
    }
}

/// Why a stored PIN record cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PinRecordError {
    /// Not JSON of the record's shape.
    #[error("the PIN record is not readable: {0}")]
    Malformed(String),
    /// An algorithm this version does not know.
    #[error("the PIN record uses an unknown algorithm ({0})")]
    UnknownAlgorithm(String),
    /// The salt or hash is not lower-case hex of the right length.
    #[error("the PIN record's {0} is not valid")]
    BadField(&'static str),
    /// An iteration count outside [`MIN_ITERATIONS`]..=[`MAX_ITERATIONS`].
    #[error("the PIN record's iteration count {0} is not acceptable")]
    BadIterations(u32),
}

impl PinRecordError {
    /// The reason in `w`'s language, for the therapist page (`Display`
    /// keeps the English for logs).
    pub fn words(&self, w: Words) -> String {
        match self {
            PinRecordError::Malformed(detail) => w.trf(
                "the PIN record is not readable: {detail}",
                &[("detail", detail)],
            ),
            PinRecordError::UnknownAlgorithm(name) => w.trf(
                "the PIN record uses an unknown algorithm ({name})",
                &[("name", name)],
            ),
            PinRecordError::BadField(field) => {
                w.trf("the PIN record's {field} is not valid", &[("field", field)])
            }
            PinRecordError::BadIterations(n) => w.trf(
                "the PIN record's iteration count {n} is not acceptable",
                &[("n", n)],
            ),
        }
    }
}

/// A stored PIN: never the PIN, only a salted slow hash of it.
///
/// ```json
/// {"algorithm":"PBKDF2-HMAC-SHA256","iterations":600000,
///  "salt":"<32 hex digits>","hash":"<64 hex digits>"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinRecord {
    /// Always [`ALGORITHM`] for now.
    pub algorithm: String,
    /// PBKDF2 iteration count used for `hash`.
    pub iterations: u32,
    /// [`SALT_LEN`] random bytes, lower-case hex.
    pub salt: String,
    /// The [`HASH_LEN`]-byte derived key, lower-case hex.
    pub hash: String,
}

impl PinRecord {
    /// A record from a fresh random salt and the hash derived with it at
    /// `iterations` (the shell makes both).
    pub fn new(salt: [u8; SALT_LEN], iterations: u32, hash: [u8; HASH_LEN]) -> Self {
        PinRecord {
            algorithm: ALGORITHM.to_string(),
            iterations,
            salt: to_hex(&salt),
            hash: to_hex(&hash),
        }
    }

    /// Reads and checks a stored record.
    pub fn decode(json: &str) -> Result<Self, PinRecordError> {
        let record: PinRecord =
            serde_json::from_str(json).map_err(|e| PinRecordError::Malformed(e.to_string()))?;
        record.check()?;
        Ok(record)
    }

    /// The record as stored.
    pub fn encode(&self) -> String {
        // A struct of strings and an integer always serializes.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks every field, so the shell never derives with bad parameters.
    pub fn check(&self) -> Result<(), PinRecordError> {
        if self.algorithm != ALGORITHM {
            return Err(PinRecordError::UnknownAlgorithm(self.algorithm.clone()));
        }
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&self.iterations) {
            return Err(PinRecordError::BadIterations(self.iterations));
        }
        self.salt_bytes()?;
        self.hash_bytes()?;
        Ok(())
    }

    /// The salt to derive with.
    pub fn salt_bytes(&self) -> Result<[u8; SALT_LEN], PinRecordError> {
        from_hex(&self.salt).ok_or(PinRecordError::BadField("salt"))
    }

    /// The stored hash.
    pub fn hash_bytes(&self) -> Result<[u8; HASH_LEN], PinRecordError> {
        from_hex(&self.hash).ok_or(PinRecordError::BadField("hash"))
    }

    /// Whether a hash derived from a typed PIN (with this record's salt and
    /// iterations) is the stored one, compared in constant time.
    pub fn matches(&self, derived: &[u8]) -> bool {
        self.hash_bytes()
            .is_ok_and(|stored| constant_time_eq(&stored, derived))
    }

    /// Whether the record should be re-hashed at the current [`ITERATIONS`]
    /// after the next successful unlock (the count only ever goes up).
    pub fn needs_rehash(&self) -> bool {
        self.iterations < ITERATIONS
    }
}

/// Equality of two byte strings whose running time does not depend on where
/// they differ, so timing does not reveal how much of a hash was right.
/// (Lengths are public: every derived hash has [`HASH_LEN`] bytes.)
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    // Keeps the optimiser from turning the fold into an early-exit compare.
    std::hint::black_box(diff) == 0
}

// The PIN record is read on the form's first load, where bytes are scarce:
// these two short loops compress smaller there than the `base16ct` crate's
// constant-time ones (measured: the form's wasm grew by 0.1 KB brotli with
// the crate), so they stay written by hand.

/// Lower-case hex.
fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

/// Lower-case hex of exactly `N` bytes (one spelling per value, so a record
/// cannot be altered without changing its text).
fn from_hex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let s = s.as_bytes();
    if s.len() != N * 2 {
        return None;
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; N];
    for (i, pair) in s.chunks_exact(2).enumerate() {
        out[i] = nibble(pair[0])? << 4 | nibble(pair[1])?;
    }
    Some(out)
}

/// The wait before the next try after `failed` wrong PINs in a row: none for
/// the first [`FREE_ATTEMPTS`], then [`FIRST_DELAY_SECS`] doubling with each
/// further wrong PIN, up to [`MAX_DELAY_SECS`].
pub fn delay_after(failed: u32) -> TimeDelta {
    if failed < FREE_ATTEMPTS {
        return TimeDelta::zero();
    }
    // Capped before shifting, so a huge count cannot overflow.
    let doublings = (failed - FREE_ATTEMPTS).min(16);
    TimeDelta::seconds((FIRST_DELAY_SECS << doublings).min(MAX_DELAY_SECS))
}

/// Wrong-PIN bookkeeping, stored beside the record so a reload does not reset
/// it. Pure: the shell passes `now` in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backoff {
    /// Wrong PINs since the last right one.
    pub failed: u32,
    /// When the latest wrong PIN was typed.
    #[serde(default, with = "crate::domain::time::rfc3339_opt")]
    pub last_failure: Option<DateTime<Utc>>,
}

impl Backoff {
    /// How long until a PIN may be tried, zero when it may be tried now.
    ///
    /// A clock set back before the last failure does not unlock early: the
    /// wait counts as just begun. (It is not made longer either, so a clock
    /// that jumped back a year does not lock anyone out for a year.)
    pub fn wait(&self, now: DateTime<Utc>) -> TimeDelta {
        let Some(last) = self.last_failure else {
            return TimeDelta::zero();
        };
        let delay = delay_after(self.failed);
        let elapsed = (now - last).max(TimeDelta::zero());
        (delay - elapsed).max(TimeDelta::zero())
    }

    /// Whether a PIN may be tried at `now`.
    pub fn may_try(&self, now: DateTime<Utc>) -> bool {
        self.wait(now).is_zero()
    }

    /// The state after a wrong PIN at `now`.
    pub fn after_failure(&self, now: DateTime<Utc>) -> Backoff {
        Backoff {
            failed: self.failed.saturating_add(1),
            last_failure: Some(now),
        }
    }

    /// The state after the right PIN: everything forgiven.
    pub fn after_success(&self) -> Backoff {
        Backoff::default()
    }
}

/// "Try again in 2 min 30 s": a wait in words for the lock screen, rounded up
/// to the second so it never says 0 s while still locked.
pub fn wait_text(wait: TimeDelta, w: Words) -> String {
    let ms = wait.num_milliseconds().max(0);
    let secs = (ms + 999) / 1000;
    match (secs / 60, secs % 60) {
        (0, s) => w.trf("Try again in {s} s", &[("s", &s)]),
        (m, 0) => w.trf("Try again in {m} min", &[("m", &m)]),
        (m, s) => w.trf("Try again in {m} min {s} s", &[("m", &m), ("s", &s)]),
    }
}
