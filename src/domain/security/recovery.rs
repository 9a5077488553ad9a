//! The recovery code: the way back in when the PIN is forgotten or the PIN
//! record is damaged. Shown once when made, kept by the therapist on paper,
//! stored only as a salted PBKDF2 hash under its own key, so damage to the
//! settings record cannot take it too.
//!
//! The code is 15 random bytes (120 bits; the shell passes them in) written
//! as 24 characters of Crockford's base32, in six groups of four: no I, L, O
//! or U, so it reads aloud and types without confusion, and a whole number of
//! characters, so there are no padding bits. Typed input is forgiving: case,
//! spaces and dashes do not matter, and O, I and L are read as 0, 1 and 1.

use crate::domain::security::pin::{
    Backoff, PinRecord, PinRecordError, HASH_LEN, MAX_DIGITS, SALT_LEN,
};
use crate::domain::words::Words;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Storage key of the recovery record, apart from the settings record.
pub const RECOVERY_KEY: &str = "attune.recovery";
/// Random bytes in a code.
pub const CODE_BYTES: usize = 15;
/// Characters in a code, without the dashes.
pub const CODE_CHARS: usize = 24;
/// Characters per group when shown.
const GROUP: usize = 4;
/// PBKDF2 iterations for a recovery record: the lowest a record may name.
/// A code has 120 random bits, so stretching adds nothing against guessing;
/// the floor keeps it a valid record and the check quick.
pub const CODE_ITERATIONS: u32 = crate::domain::security::pin::MIN_ITERATIONS;
/// Crockford's base32 alphabet.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Why typed text is not a recovery code. Sentences for the unlock screen.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RecoveryError {
    /// Too few or too many characters.
    #[error("a recovery code has {CODE_CHARS} letters and digits; this has {0}")]
    WrongLength(usize),
    /// A character that is in no code.
    #[error("\u{201c}{0}\u{201d} does not appear in recovery codes")]
    BadCharacter(char),
}

impl RecoveryError {
    /// The refusal in `w`'s language (`Display` keeps Attune's English).
    pub fn words(&self, w: Words) -> String {
        match self {
            RecoveryError::WrongLength(n) => w.trf(
                "a recovery code has {chars} letters and digits; this has {n}",
                &[("chars", &CODE_CHARS), ("n", n)],
            ),
            RecoveryError::BadCharacter(c) => w.trf(
                "\u{201c}{c}\u{201d} does not appear in recovery codes",
                &[("c", c)],
            ),
        }
    }
}

/// The code as shown and printed: `7K3M-Q0ZD-…` (six groups of four).
pub fn format_code(bytes: [u8; CODE_BYTES]) -> String {
    let mut chars = String::with_capacity(CODE_CHARS + CODE_CHARS / GROUP);
    // 15 bytes = 120 bits = 24 groups of 5 bits, most significant first.
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            if !chars.is_empty() && (chars.len() + 1) % (GROUP + 1) == 0 {
                chars.push('-');
            }
            chars.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
        }
    }
    chars
}

/// The canonical code (24 upper-case characters, no dashes) from what was
/// typed; this is what is hashed, so every spelling of a code matches.
pub fn normalise_code(input: &str) -> Result<String, RecoveryError> {
    let mut out = String::with_capacity(CODE_CHARS);
    for c in input.chars() {
        if c.is_whitespace() || c == '-' {
            continue;
        }
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
            _ => return Err(RecoveryError::BadCharacter(c)),
        };
        out.push(c);
    }
    if out.len() != CODE_CHARS {
        return Err(RecoveryError::WrongLength(out.len()));
    }
    Ok(out)
}

/// The stored recovery record: the same salted slow hash as the PIN's, of
/// the canonical code's bytes ([`normalise_code`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecoveryRecord(pub PinRecord);

impl RecoveryRecord {
    /// A record from a fresh salt and the hash the shell derived with it.
    pub fn new(salt: [u8; SALT_LEN], iterations: u32, hash: [u8; HASH_LEN]) -> Self {
        RecoveryRecord(PinRecord::new(salt, iterations, hash))
    }

    /// Reads and checks a stored record; a damaged one is refused, never trusted.
    pub fn decode(json: &str) -> Result<Self, PinRecordError> {
        PinRecord::decode(json).map(RecoveryRecord)
    }

    /// The record as stored.
    pub fn encode(&self) -> String {
        self.0.encode()
    }

    /// Whether a hash derived from a typed code matches, in constant time.
    pub fn matches(&self, derived: &[u8]) -> bool {
        self.0.matches(derived)
    }
}

/// What is known about the PIN at the moment of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinState {
    /// No PIN was ever set.
    NotSet,
    /// A readable PIN record is stored.
    Set,
    /// The settings record was unreadable or missing while locked: a PIN may
    /// exist, but it cannot be checked.
    Unknown,
}

/// What the person changing the PIN (or the recovery code) has proved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    /// Nothing (the settings screen is open, but an open screen is not proof:
    /// the tablet may be in a client's hands).
    Nothing,
    /// Typed the current PIN, verified.
    CurrentPin,
    /// Typed the recovery code, verified.
    RecoveryCode,
}

/// Why a PIN or recovery-code change is not allowed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum PinChangeError {
    /// A PIN is set: prove it first.
    #[error("Enter the current PIN (or the recovery code) to change it.")]
    NeedCurrent,
    /// The PIN record could not be read: only the recovery code can prove anything.
    #[error("The stored PIN could not be read. Enter the recovery code to set a new PIN.")]
    NeedRecovery,
}

impl PinChangeError {
    /// The refusal in `w`'s language (`Display` keeps Attune's English).
    pub fn words(self, w: Words) -> &'static str {
        match self {
            PinChangeError::NeedCurrent => {
                w.tr("Enter the current PIN (or the recovery code) to change it.")
            }
            PinChangeError::NeedRecovery => {
                w.tr("The stored PIN could not be read. Enter the recovery code to set a new PIN.")
            }
        }
    }
}

/// Whether the PIN (or the recovery code) may be changed now.
///
/// A first PIN needs nothing. A set PIN needs itself or the recovery code.
/// An unknown PIN needs the recovery code, when one exists (`has_recovery`);
/// without one nothing can be proved, and refusing would leave the device
/// unable ever to lock again, so the change is allowed (the data itself is
/// not behind the PIN: it guards the screen, see `pin`).
pub fn plan_pin_change(
    state: PinState,
    proof: Proof,
    has_recovery: bool,
) -> Result<(), PinChangeError> {
    match (state, proof) {
        (PinState::NotSet, _) | (_, Proof::RecoveryCode) => Ok(()),
        (PinState::Set, Proof::CurrentPin) => Ok(()),
        (PinState::Set, Proof::Nothing) => Err(PinChangeError::NeedCurrent),
        (PinState::Unknown, _) if !has_recovery => Ok(()),
        (PinState::Unknown, _) => Err(PinChangeError::NeedRecovery),
    }
}

/// What is known about the PIN from the settings in memory: a record means
/// set, none means never set, unless the stored settings could not be read
/// (`distrusted`), when a PIN may exist but cannot be checked.
pub fn pin_state(pin: Option<&PinRecord>, distrusted: bool) -> PinState {
    match (distrusted, pin) {
        (true, _) => PinState::Unknown,
        (false, Some(_)) => PinState::Set,
        (false, None) => PinState::NotSet,
    }
}

/// What the PIN prompt does with a typed PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnlockPlan {
    /// No PIN was ever set (and the settings were read): nothing to guard.
    Open,
    /// Too many wrong PINs: wait this long first.
    Wait(TimeDelta),
    /// Derive the typed PIN's hash and compare it with the record.
    CheckPin,
    /// The PIN record could not be read, so no typed PIN can be checked and
    /// an empty one must not open the device: only the recovery code can.
    RecoveryOnly,
}

/// Decides what a typed PIN may do now. The recovery code is not behind the
/// back-off (120 random bits cannot be guessed online), so a therapist who
/// is waiting can still use it.
pub fn plan_unlock(state: PinState, backoff: &Backoff, now: DateTime<Utc>) -> UnlockPlan {
    match state {
        PinState::Unknown => UnlockPlan::RecoveryOnly,
        PinState::NotSet => UnlockPlan::Open,
        PinState::Set => match backoff.wait(now) {
            w if w.is_zero() => UnlockPlan::CheckPin,
            w => UnlockPlan::Wait(w),
        },
    }
}

/// What was typed in the "current PIN (or the recovery code)" field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedProof {
    /// Nothing.
    Empty,
    /// Digits only, no more than a PIN has: checked as the PIN (a wrong one
    /// counts towards the back-off like any wrong PIN).
    Pin(String),
    /// A recovery code, canonical ([`normalise_code`]).
    Code(String),
}

/// Reads the proof field: a PIN and a code cannot be confused, as a code has
/// 24 characters and a PIN at most [`MAX_DIGITS`] digits.
pub fn read_proof(input: &str) -> Result<TypedProof, RecoveryError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(TypedProof::Empty);
    }
    if trimmed.len() <= MAX_DIGITS && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(TypedProof::Pin(trimmed.to_string()));
    }
    normalise_code(trimmed).map(TypedProof::Code)
}
