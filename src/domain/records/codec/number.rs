//! Numbers read the way `serde_json` 1.0 reads them without its
//! `float_roundtrip` feature, step for step, so a stored calibration reads as
//! the very same `f64` it reads as on the therapist page: the significand is
//! gathered in a `u64` (digits past its room are dropped, whole-number ones
//! counted in the exponent), then multiplied or divided by a power of ten.
//!
//! `serde_json` takes its powers of ten from a table of 309 floats; here each
//! is worked out when needed (correctly rounded, so equal to the table's
//! literals, which a test checks), which keeps 2.5 KB of table out of the
//! form's first load. The form reads two floats, once.

use crate::domain::records::codec::json::Reader;

/// True when `sig * 10 + digit` does not fit in a `u64` (`serde_json`'s test).
fn overflows(sig: u64, digit: u64) -> bool {
    sig >= u64::MAX / 10 && (sig > u64::MAX / 10 || digit > u64::MAX % 10)
}

/// The next byte as a digit, not consumed.
fn digit(r: &Reader) -> Option<u64> {
    r.raw()
        .filter(u8::is_ascii_digit)
        .map(|b| u64::from(b - b'0'))
}

/// The whole-number part: `0` or a non-zero digit and more. Returns the
/// significand and how many digits were dropped for want of room.
fn integer(r: &mut Reader) -> Option<(u64, i32)> {
    let first = digit(r)?;
    r.bump();
    if first == 0 {
        // One leading zero only.
        return digit(r).is_none().then_some((0, 0));
    }
    let (mut sig, mut dropped) = (first, 0i32);
    while let Some(d) = digit(r) {
        r.bump();
        if dropped > 0 || overflows(sig, d) {
            dropped = dropped.saturating_add(1);
        } else {
            sig = sig * 10 + d;
        }
    }
    Some((sig, dropped))
}

/// Plain digits as an unsigned integer, `None` past `u64` (where
/// `serde_json` has already turned to a float).
pub(super) fn digits(r: &mut Reader) -> Option<u64> {
    match integer(r)? {
        (n, 0) => Some(n),
        _ => None,
    }
}

/// A number after its optional minus sign, as an `f64`; `None` when it is
/// malformed or (as `serde_json` has it) too large.
pub(super) fn float(r: &mut Reader, positive: bool) -> Option<f64> {
    let (mut sig, mut exp) = integer(r)?;
    let long = exp > 0;
    if r.raw() == Some(b'.') {
        r.bump();
        digit(r)?;
        // Fraction digits join the significand while it has room; the rest
        // are dropped (not rounded), as in `serde_json`.
        let mut full = false;
        while let Some(d) = digit(r) {
            r.bump();
            full = full || overflows(sig, d);
            if !full {
                sig = sig * 10 + d;
                exp -= 1;
            }
        }
    } else if !matches!(r.raw(), Some(b'e' | b'E')) && !long {
        // A plain integer: `serde_json` hands it over as one, and the float
        // is its nearest `f64` (`-0` is negative zero).
        let f = sig as f64;
        return Some(if positive { f } else { -f });
    }
    if let Some(b'e' | b'E') = r.raw() {
        r.bump();
        let up = match r.raw() {
            Some(b'+') => {
                r.bump();
                true
            }
            Some(b'-') => {
                r.bump();
                false
            }
            _ => true,
        };
        digit(r)?;
        let mut e: i32 = 0;
        let mut huge = false;
        while let Some(d) = digit(r) {
            r.bump();
            let d = d as i32;
            huge = huge || e >= i32::MAX / 10 && (e > i32::MAX / 10 || d > i32::MAX % 10);
            if !huge {
                e = e * 10 + d;
            }
        }
        if huge {
            // An exponent past `i32`: zero, or too large to be a number.
            return (sig == 0 || !up).then_some(if positive { 0.0 } else { -0.0 });
        }
        exp = if up {
            exp.saturating_add(e)
        } else {
            exp.saturating_sub(e)
        };
    }
    from_parts(positive, sig, exp)
}

/// `significand × 10^exponent` with `serde_json`'s arithmetic: one rounded
/// multiplication or division, `None` on overflow to infinity.
fn from_parts(positive: bool, significand: u64, exponent: i32) -> Option<f64> {
    let mut f = significand as f64;
    let mut exponent = exponent;
    loop {
        let n = exponent.unsigned_abs();
        if n <= 308 {
            let p = pow10(n);
            if exponent >= 0 {
                f *= p;
                if f.is_infinite() {
                    return None;
                }
            } else {
                f /= p;
            }
            break;
        }
        if f == 0.0 {
            break;
        }
        if exponent >= 0 {
            return None;
        }
        f /= 1e308;
        exponent += 308;
    }
    Some(if positive { f } else { -f })
}

/// `10^n` as the nearest `f64`, for `n` in `0..=308`: `5^n` worked out
/// exactly in 32-bit limbs, rounded to 53 bits (half to even), times `2^n`.
pub fn pow10(n: u32) -> f64 {
    // 5^308 < 2^716: 23 limbs, least significant first.
    let mut limbs = [0u32; 23];
    limbs[0] = 1;
    let mut len = 1;
    for _ in 0..n.min(308) {
        let mut carry = 0u64;
        for l in &mut limbs[..len] {
            let v = u64::from(*l) * 5 + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry != 0 && len < limbs.len() {
            limbs[len] = carry as u32;
            len += 1;
        }
    }
    // The top three limbs, left-aligned in 128 bits: at least 65 bits of
    // the value, enough to round; anything below only breaks ties.
    let mut window = 0u128;
    let mut sticky = false;
    for (i, &l) in limbs[..len].iter().enumerate().rev() {
        if i + 3 >= len {
            window = window << 32 | u128::from(l);
        } else {
            sticky |= l != 0;
        }
    }
    let bits = 128 - window.leading_zeros();
    let top = ((window << window.leading_zeros()) >> 64) as u64;
    sticky |= (window << window.leading_zeros()) as u64 != 0;
    let mut mantissa = top >> 11;
    let rest = top & 0x7ff;
    if rest > 0x400 || (rest == 0x400 && (sticky || mantissa & 1 == 1)) {
        mantissa += 1;
    }
    // The value's top bit: the window's, plus the limbs below it, plus 2^n.
    let below = 32 * (len.saturating_sub(3)) as u32;
    let mut exponent = bits + below - 1 + n.min(308);
    if mantissa == 1 << 53 {
        mantissa >>= 1;
        exponent += 1;
    }
    f64::from_bits(u64::from(exponent + 1023) << 52 | (mantissa & ((1 << 52) - 1)))
}

/// Passes over a number, checking only its form (what `serde_json` does
/// with a value it skips: any size goes).
pub(super) fn skip(r: &mut Reader) -> Option<()> {
    if r.raw() == Some(b'-') {
        r.bump();
    }
    integer(r)?;
    if r.raw() == Some(b'.') {
        r.bump();
        digit(r)?;
        while digit(r).is_some() {
            r.bump();
        }
    }
    if let Some(b'e' | b'E') = r.raw() {
        r.bump();
        if let Some(b'+' | b'-') = r.raw() {
            r.bump();
        }
        digit(r)?;
        while digit(r).is_some() {
            r.bump();
        }
    }
    Some(())
}
