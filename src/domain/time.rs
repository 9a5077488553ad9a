//! RFC 3339 timestamps written and read by hand.
//!
//! chrono's general formatter and parser weigh about 30 KB of wasm; Attune only
//! ever needs one fixed UTC shape, so this module keeps the bundle small while
//! still accepting any RFC 3339 offset on input (backups edited elsewhere).

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike, Utc};

/// `2026-11-22T14:05:09Z`, with `.123` milliseconds when there are any.
pub fn format(at: DateTime<Utc>) -> String {
    // chrono writes a leap second as second 59 with 1000–1999 ms; clamp to
    // the last millisecond of that second rather than write a 4-digit fraction.
    let ms = at.timestamp_subsec_millis().min(999);
    let base = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    );
    if ms == 0 {
        base + "Z"
    } else {
        format!("{base}.{ms:03}Z")
    }
}

/// The calendar date, `2026-11-22`.
pub fn date(at: DateTime<Utc>) -> String {
    format!("{:04}-{:02}-{:02}", at.year(), at.month(), at.day())
}

/// Local wall-clock time `2026-11-22 14:05` for an offset east of UTC in minutes.
pub fn local_minutes(at: DateTime<Utc>, offset_east_minutes: i32) -> String {
    let local = at.naive_utc() + chrono::Duration::minutes(i64::from(offset_east_minutes));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute()
    )
}

/// The device's time zone as the pure core sees it: the offset east of UTC,
/// in minutes, in force at an instant (the shell asks the browser, so summer
/// time is right for every date; a test passes a fixed offset).
pub type Zone<'z> = &'z dyn Fn(DateTime<Utc>) -> i32;

/// UTC as a [`Zone`], for tests and for callers with no device zone.
pub fn utc(_: DateTime<Utc>) -> i32 {
    0
}

/// A [`Zone`] asked at most twice per UTC day where it can be: the offset
/// at a day's first and last second, kept; when they agree, every instant
/// of that day has it, and only a day holding a change of offset (a summer
/// time switch) asks the zone again for each instant. The shell's zone is a
/// call into the browser; the caseload and the report ask it for every
/// session, thousands of times per screen.
///
/// Assumes no day holds two changes that cancel out, which no time zone's
/// rules have (their changes are months apart).
pub struct DayMemo<F> {
    zone: F,
    days: std::cell::RefCell<std::collections::HashMap<i64, (i32, i32)>>,
}

impl<F: Fn(DateTime<Utc>) -> i32> DayMemo<F> {
    /// Remembers `zone`'s answers, day by day.
    pub fn new(zone: F) -> DayMemo<F> {
        DayMemo {
            zone,
            days: Default::default(),
        }
    }

    /// The offset east of UTC at `at`, in minutes: what `zone` answers.
    pub fn offset(&self, at: DateTime<Utc>) -> i32 {
        const DAY: i64 = 86_400;
        let day = at.timestamp().div_euclid(DAY);
        let ask = |secs: i64| DateTime::from_timestamp(secs, 0).map_or(0, &self.zone);
        let (first, last) = *self
            .days
            .borrow_mut()
            .entry(day)
            .or_insert_with(|| (ask(day * DAY), ask(day * DAY + DAY - 1)));
        if first == last {
            first
        } else {
            (self.zone)(at)
        }
    }
}

/// The local calendar date of `at` in `zone`.
pub fn local_date(at: DateTime<Utc>, zone: Zone) -> NaiveDate {
    (at.naive_utc() + chrono::Duration::minutes(i64::from(zone(at)))).date()
}

/// Calendar days from `from` to `now` in `zone`, never negative: Monday 17:00
/// to the Monday three weeks later at 09:00 is 21 days, as a therapist counts
/// them, though fewer than 21 × 24 hours have passed.
pub fn calendar_days_between(from: DateTime<Utc>, now: DateTime<Utc>, zone: Zone) -> i64 {
    (local_date(now, zone) - local_date(from, zone))
        .num_days()
        .max(0)
}

fn num(s: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = s.get(range)?;
    if part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

/// Parses an RFC 3339 timestamp (`Z` or `±hh:mm`, optional fraction) to UTC.
pub fn parse(s: &str) -> Result<DateTime<Utc>, String> {
    let bad = || format!("\"{s}\" is not an RFC 3339 date-time");
    let b = s.as_bytes();
    // Byte-indexed slicing below is only sound on ASCII input.
    if !s.is_ascii()
        || b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return Err(bad());
    }
    let (y, mo, d) = (num(s, 0..4), num(s, 5..7), num(s, 8..10));
    let (h, mi, sec) = (num(s, 11..13), num(s, 14..16), num(s, 17..19));
    let mut rest = &s[19..];
    let mut nanos = 0u32;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad());
        }
        let kept = &frac[..digits.min(9)];
        nanos = kept.parse::<u32>().map_err(|_| bad())? * 10u32.pow(9 - kept.len() as u32);
        rest = &frac[digits..];
    }
    let offset_secs: i32 = match rest {
        "Z" | "z" => 0,
        o if o.len() == 6 && matches!(&o[..1], "+" | "-") && &o[3..4] == ":" => {
            let (oh, om) = (num(o, 1..3).ok_or_else(bad)?, num(o, 4..6).ok_or_else(bad)?);
            if oh > 23 || om > 59 {
                return Err(bad());
            }
            let secs = (oh * 3600 + om * 60) as i32;
            if o.starts_with('-') {
                -secs
            } else {
                secs
            }
        }
        _ => return Err(bad()),
    };
    let naive = NaiveDate::from_ymd_opt(
        y.ok_or_else(bad)? as i32,
        mo.ok_or_else(bad)?,
        d.ok_or_else(bad)?,
    )
    .and_then(|date| date.and_hms_nano_opt(h?, mi?, sec?, nanos))
    .ok_or_else(bad)?;
    let utc = naive - chrono::Duration::seconds(i64::from(offset_secs));
    // An offset can push 0000-01-01 or 9999-12-31 outside the four-digit
    // years `format` writes; refuse rather than emit an unreadable value.
    if !(0..=9999).contains(&utc.year()) {
        return Err(bad());
    }
    Ok(Utc.from_utc_datetime(&utc))
}

/// `#[serde(with = "…::rfc3339")]` for a `DateTime<Utc>` field.
pub mod rfc3339 {
    use chrono::{DateTime, Utc};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    /// Writes the timestamp with [`crate::domain::time::format`].
    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::domain::time::format(*at))
    }

    /// Reads it with [`crate::domain::time::parse`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        crate::domain::time::parse(&text).map_err(D::Error::custom)
    }
}

/// `#[serde(default, with = "…::rfc3339_opt")]` for an `Option<DateTime<Utc>>` field.
pub mod rfc3339_opt {
    use chrono::{DateTime, Utc};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    /// Writes `null` or the timestamp.
    pub fn serialize<S: Serializer>(at: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => s.serialize_str(&crate::domain::time::format(*at)),
            None => s.serialize_none(),
        }
    }

    /// Reads `null` or a timestamp.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        let text = Option::<std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.map(|t| crate::domain::time::parse(&t).map_err(D::Error::custom))
            .transpose()
    }
}
