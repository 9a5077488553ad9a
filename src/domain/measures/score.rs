//! Exact item and total scores, kept as integer tenths so that sums and
//! comparisons never drift the way binary floats do.

use crate::domain::words::Words;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One item score: 0.0–10.0 in steps of 0.1, stored as tenths (0–100).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct Tenths(u16);

/// A total of several items (0.0–40.0 for the SRS), in tenths.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Total(pub u16);

impl Tenths {
    /// Lowest possible mark: the left end of the line.
    pub const MIN: Tenths = Tenths(0);
    /// Highest possible mark: the right end of the line.
    pub const MAX: Tenths = Tenths(100);

    /// Builds a score from tenths; `None` outside 0..=100.
    pub const fn new(tenths: u16) -> Option<Self> {
        if tenths <= Self::MAX.0 {
            Some(Tenths(tenths))
        } else {
            None
        }
    }

    /// Builds a score from tenths, clamping to the valid range.
    pub fn saturating(tenths: i32) -> Self {
        Tenths(tenths.clamp(0, i32::from(Self::MAX.0)) as u16)
    }

    /// Score for a mark at `fraction` of the line's length (0 = left end).
    ///
    /// Clamped to the line, rounded to the nearest tenth (halves away from
    /// zero). Non-finite input (a zero-width line) counts as the left end, so a
    /// layout glitch can never produce a score outside 0–10.
    pub fn from_fraction(fraction: f64) -> Self {
        if !fraction.is_finite() {
            return Self::MIN;
        }
        let clamped = fraction.clamp(0.0, 1.0);
        Tenths((clamped * 100.0).round() as u16)
    }

    /// Score for a pointer at `x` on a line drawn from `left` with `width`,
    /// all in the same unit (CSS px at event time), so zoom and size cancel out.
    pub fn from_position(x: f64, left: f64, width: f64) -> Self {
        if width <= 0.0 {
            return Self::MIN;
        }
        Self::from_fraction((x - left) / width)
    }

    /// The raw number of tenths.
    pub const fn get(self) -> u16 {
        self.0
    }

    /// Position of the mark as a fraction of the line (0.0–1.0), for drawing.
    pub fn fraction(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl TryFrom<u16> for Tenths {
    type Error = String;
    fn try_from(v: u16) -> Result<Self, Self::Error> {
        Tenths::new(v).ok_or_else(|| format!("score {v} tenths is above 100 (10.0)"))
    }
}

impl From<Tenths> for u16 {
    fn from(t: Tenths) -> u16 {
        t.0
    }
}

impl fmt::Display for Tenths {
    /// One decimal, as the client and the therapist read it: `7.3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

impl Total {
    /// Sum of item scores; exact because tenths add without rounding.
    pub fn of(items: &[Tenths]) -> Self {
        Total(items.iter().map(|t| t.0).sum())
    }

    /// The total as tenths (e.g. 355 for 35.5).
    pub const fn tenths(self) -> u16 {
        self.0
    }
}

impl fmt::Display for Total {
    /// One decimal: `35.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// Parses a spoken or typed score such as `7`, `7.3` or `7,3` into tenths.
///
/// Used where a therapist types what a client says; errors are sentences the
/// UI shows as they are, each naming what is wrong with the number typed:
/// `-1 is below 0`, `10.5 is above 10`, `7.25 has more than one decimal`,
/// `seven is not a number`. A minus sign is read as a sign (so `-1` is a
/// number below 0, and `-0` is 0); `+`, exponents and non-ASCII digits are not
/// numbers here. The errors are said in the therapist page's words `w`.
pub fn parse_score(input: &str, w: Words) -> Result<Tenths, String> {
    let typed = input.trim();
    if typed.is_empty() {
        return Err(w.tr("enter a number from 0 to 10").into());
    }
    let s = typed.replace(',', ".");
    let (negative, unsigned) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let (int_part, frac_part) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits_ok = |p: &str| p.bytes().all(|c| c.is_ascii_digit());
    if int_part.is_empty() && frac_part.is_empty() || !digits_ok(int_part) || !digits_ok(frac_part)
    {
        return Err(w.trf("{typed} is not a number", &[("typed", &typed)]));
    }
    let nonzero = |p: &str| p.bytes().any(|c| c != b'0');
    if negative && (nonzero(int_part) || nonzero(frac_part)) {
        return Err(w.trf("{typed} is below 0", &[("typed", &typed)]));
    }
    // Digits only, so a parse failure means too many digits: far above 10.
    let whole: u64 = int_part
        .parse()
        .unwrap_or(if int_part.is_empty() { 0 } else { u64::MAX });
    if whole > 10 || whole == 10 && nonzero(frac_part) {
        return Err(w.trf("{typed} is above 10", &[("typed", &typed)]));
    }
    if frac_part.len() > 1 {
        return Err(w.trf("{typed} has more than one decimal", &[("typed", &typed)]));
    }
    let tenth: u64 = frac_part.parse().unwrap_or(0);
    Ok(Tenths((whole * 10 + tenth) as u16))
}
