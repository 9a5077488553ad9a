//! The hand-written RFC 3339 codec: the one UTC shape Attune writes, every
//! offset it reads, and no panic on anything else.

use attune::domain::time::{date, format, local_minutes, parse};
use chrono::{DateTime, NaiveDate, TimeZone, Timelike, Utc};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, nanos: u32) -> DateTime<Utc> {
    let naive = NaiveDate::from_ymd_opt(y, mo, d)
        .and_then(|date| date.and_hms_nano_opt(h, mi, s, nanos))
        .expect("valid test date-time");
    Utc.from_utc_datetime(&naive)
}

#[test]
fn format_writes_utc_with_milliseconds_only_when_there_are_any() {
    let cases: &[(&str, DateTime<Utc>, &str)] = &[
        (
            "whole seconds",
            utc(2026, 11, 22, 14, 5, 9, 0),
            "2026-11-22T14:05:09Z",
        ),
        (
            "milliseconds",
            utc(2026, 11, 22, 14, 5, 9, 123_000_000),
            "2026-11-22T14:05:09.123Z",
        ),
        (
            "leading zero ms",
            utc(2026, 11, 22, 14, 5, 9, 7_000_000),
            "2026-11-22T14:05:09.007Z",
        ),
        (
            "sub-ms digits are dropped",
            utc(2026, 11, 22, 14, 5, 9, 123_456_789),
            "2026-11-22T14:05:09.123Z",
        ),
        (
            "under a millisecond prints none",
            utc(2026, 11, 22, 14, 5, 9, 999_999),
            "2026-11-22T14:05:09Z",
        ),
        (
            "year padded to four digits",
            utc(7, 1, 2, 3, 4, 5, 0),
            "0007-01-02T03:04:05Z",
        ),
        (
            "year zero",
            utc(0, 1, 1, 0, 0, 0, 0),
            "0000-01-01T00:00:00Z",
        ),
        (
            "last instant",
            utc(9999, 12, 31, 23, 59, 59, 999_000_000),
            "9999-12-31T23:59:59.999Z",
        ),
    ];
    for (label, at, expected) in cases {
        assert_eq!(format(*at), *expected, "{label}");
    }
}

#[test]
fn date_and_local_minutes_read_the_calendar() {
    let at = utc(2026, 11, 22, 14, 5, 9, 500_000_000);
    assert_eq!(date(at), "2026-11-22");
    let cases: &[(i32, &str)] = &[
        (0, "2026-11-22 14:05"),
        (120, "2026-11-22 16:05"),
        (-330, "2026-11-22 08:35"),
        (600, "2026-11-23 00:05"),
        (-845, "2026-11-22 00:00"),
        (-846, "2026-11-21 23:59"),
        (840, "2026-11-23 04:05"),
    ];
    for &(offset, expected) in cases {
        assert_eq!(local_minutes(at, offset), expected, "offset {offset} min");
    }
    // Across a year end and a leap day.
    assert_eq!(
        local_minutes(utc(2025, 12, 31, 23, 30, 0, 0), 60),
        "2026-01-01 00:30"
    );
    assert_eq!(
        local_minutes(utc(2024, 3, 1, 0, 30, 0, 0), -60),
        "2024-02-29 23:30"
    );
}

#[test]
fn parse_reads_utc_and_any_offset() {
    let base = utc(2026, 11, 22, 14, 5, 9, 0);
    let cases: &[(&str, &str)] = &[
        ("Z", "2026-11-22T14:05:09Z"),
        ("lower-case t and z", "2026-11-22t14:05:09z"),
        ("space separator", "2026-11-22 14:05:09Z"),
        ("+00:00", "2026-11-22T14:05:09+00:00"),
        ("-00:00", "2026-11-22T14:05:09-00:00"),
        ("+02:00", "2026-11-22T16:05:09+02:00"),
        ("-05:30", "2026-11-22T08:35:09-05:30"),
        ("+05:45", "2026-11-22T19:50:09+05:45"),
        ("+14:00 crosses midnight", "2026-11-23T04:05:09+14:00"),
        ("-12:00", "2026-11-22T02:05:09-12:00"),
        ("+23:59", "2026-11-23T14:04:09+23:59"),
        ("-23:59", "2026-11-21T14:06:09-23:59"),
    ];
    for &(label, text) in cases {
        assert_eq!(parse(text), Ok(base), "{label}: {text}");
    }
    // Offsets move the date across month, year and leap-day boundaries.
    let crossings: &[(&str, DateTime<Utc>)] = &[
        ("2026-01-01T01:00:00+02:00", utc(2025, 12, 31, 23, 0, 0, 0)),
        ("2025-12-31T20:00:00-05:30", utc(2026, 1, 1, 1, 30, 0, 0)),
        ("2024-03-01T00:30:00+01:00", utc(2024, 2, 29, 23, 30, 0, 0)),
    ];
    for &(text, expected) in crossings {
        assert_eq!(parse(text), Ok(expected), "{text}");
    }
}

#[test]
fn parse_reads_fractional_seconds_to_the_nanosecond() {
    let cases: &[(&str, u32)] = &[
        ("2026-11-22T14:05:09.5Z", 500_000_000),
        ("2026-11-22T14:05:09.05Z", 50_000_000),
        ("2026-11-22T14:05:09.123Z", 123_000_000),
        ("2026-11-22T14:05:09.000Z", 0),
        ("2026-11-22T14:05:09.000001Z", 1_000),
        ("2026-11-22T14:05:09.123456789Z", 123_456_789),
        ("2026-11-22T14:05:09.999999999Z", 999_999_999),
        // Digits beyond nanoseconds are read and dropped, not rounded.
        ("2026-11-22T14:05:09.1234567899999Z", 123_456_789),
        ("2026-11-22T16:05:09.25+02:00", 250_000_000),
    ];
    for &(text, nanos) in cases {
        assert_eq!(
            parse(text),
            Ok(utc(2026, 11, 22, 14, 5, 9, nanos)),
            "{text}"
        );
    }
}

#[test]
fn format_and_parse_round_trip() {
    for at in [
        utc(2026, 11, 22, 14, 5, 9, 0),
        utc(2026, 11, 22, 14, 5, 9, 1_000_000),
        utc(2024, 2, 29, 23, 59, 59, 999_000_000),
        utc(0, 1, 1, 0, 0, 0, 0),
        utc(9999, 12, 31, 23, 59, 59, 999_000_000),
        utc(1970, 1, 1, 0, 0, 0, 0),
    ] {
        assert_eq!(parse(&format(at)), Ok(at), "{at:?}");
    }
    // Anything parsed is written back in the canonical UTC shape.
    let cases: &[(&str, &str)] = &[
        ("2026-11-22T16:05:09+02:00", "2026-11-22T14:05:09Z"),
        ("2026-11-22t08:35:09.120-05:30", "2026-11-22T14:05:09.120Z"),
        ("2026-11-22 14:05:09.123456z", "2026-11-22T14:05:09.123Z"),
    ];
    for &(input, canonical) in cases {
        assert_eq!(
            parse(input).map(format).as_deref(),
            Ok(canonical),
            "{input}"
        );
    }
}

#[test]
fn malformed_timestamps_are_errors_with_a_sentence() {
    let cases: &[(&str, &str)] = &[
        ("empty", ""),
        ("date only", "2026-11-22"),
        ("no seconds", "2026-11-22T14:05Z"),
        ("no offset", "2026-11-22T14:05:09"),
        ("no offset, fraction", "2026-11-22T14:05:09.123"),
        ("offset without colon", "2026-11-22T14:05:09+0200"),
        ("hour-only offset", "2026-11-22T14:05:09+02"),
        ("offset with seconds", "2026-11-22T14:05:09+02:00:00"),
        ("offset hour 24", "2026-11-22T14:05:09+24:00"),
        ("offset minute 60", "2026-11-22T14:05:09+02:60"),
        ("signed offset digits", "2026-11-22T14:05:09++2:00"),
        ("negative offset digits", "2026-11-22T14:05:09+-2:00"),
        ("unicode minus offset", "2026-11-22T14:05:09\u{2212}02:00"),
        ("empty fraction", "2026-11-22T14:05:09.Z"),
        ("comma fraction", "2026-11-22T14:05:09,5Z"),
        ("double Z", "2026-11-22T14:05:09ZZ"),
        ("trailing space", "2026-11-22T14:05:09Z "),
        ("leading space", " 2026-11-22T14:05:09Z"),
        ("slashes", "2026/11/22T14:05:09Z"),
        ("other separator", "2026-11-22X14:05:09Z"),
        ("dots in time", "2026-11-22T14.05.09Z"),
        ("month 13", "2026-13-01T00:00:00Z"),
        ("month 0", "2026-00-10T00:00:00Z"),
        ("day 0", "2026-11-00T00:00:00Z"),
        ("30 February", "2026-02-30T00:00:00Z"),
        ("29 February, not a leap year", "2025-02-29T00:00:00Z"),
        ("hour 24", "2026-11-22T24:00:00Z"),
        ("minute 60", "2026-11-22T14:60:00Z"),
        ("second 60", "2026-11-22T14:05:60Z"),
        ("signed year", "+026-11-22T14:05:09Z"),
        ("signed month", "2026-+1-22T14:05:09Z"),
        ("signed seconds", "2026-11-22T14:05:+9Z"),
        ("short year", "226-11-22T14:05:09Z"),
        ("five-digit year", "12026-11-22T14:05:09Z"),
        ("letters", "abcd-ef-ghTij:kl:mnZ"),
        ("named zone", "2026-11-22T14:05:09 UTC"),
        ("nul byte", "2026-11-22T14:05:09Z\0"),
    ];
    for &(label, text) in cases {
        assert_eq!(
            parse(text),
            Err(format!("\"{text}\" is not an RFC 3339 date-time")),
            "{label}"
        );
    }
}

#[test]
fn non_ascii_input_is_an_error_not_a_panic() {
    let cases: &[(&str, &str)] = &[
        ("accent at the end", "2026-11-22T14:05:09Z\u{e9}"),
        ("accent in the seconds", "2026-11-22T14:05:0\u{e9}Z"),
        ("accent in the offset", "2026-11-22T14:05:09+0\u{e9}:00"),
        ("accent after the fraction", "2026-11-22T14:05:09.12\u{e9}"),
        ("full-width digit", "\u{ff12}026-11-22T14:05:09Z"),
        (
            "Arabic-Indic digits",
            "\u{662}\u{660}\u{662}\u{666}-11-22T14:05:09Z",
        ),
        ("emoji", "2026-11-22T14:05:09\u{1f600}"),
        ("byte-order mark", "\u{feff}2026-11-22T14:05:09Z"),
        ("non-breaking space", "2026-11-22\u{a0}14:05:09Z"),
        (
            "only multi-byte",
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
        ),
    ];
    for &(label, text) in cases {
        let result = std::panic::catch_unwind(|| parse(text));
        assert!(
            matches!(result, Ok(Err(_))),
            "{label}: {text:?} gave {result:?}"
        );
    }
}

#[test]
fn years_outside_0000_to_9999_after_the_offset_are_errors() {
    let cases: &[(&str, Option<DateTime<Utc>>)] = &[
        ("0000-01-01T00:00:00Z", Some(utc(0, 1, 1, 0, 0, 0, 0))),
        ("0000-01-01T00:00:00-01:00", Some(utc(0, 1, 1, 1, 0, 0, 0))),
        ("0000-01-01T01:00:00+01:00", Some(utc(0, 1, 1, 0, 0, 0, 0))),
        ("0000-01-01T00:00:00+01:00", None),
        ("0000-01-01T00:59:59.999+01:00", None),
        ("0000-01-01T00:00:00+00:01", None),
        (
            "9999-12-31T23:59:59Z",
            Some(utc(9999, 12, 31, 23, 59, 59, 0)),
        ),
        (
            "9999-12-31T23:59:59+01:00",
            Some(utc(9999, 12, 31, 22, 59, 59, 0)),
        ),
        (
            "9999-12-31T23:00:00-00:59",
            Some(utc(9999, 12, 31, 23, 59, 0, 0)),
        ),
        ("9999-12-31T23:59:59-00:01", None),
        ("9999-12-31T23:00:00-01:00", None),
        ("9999-12-31T12:00:00-23:59", None),
    ];
    for &(text, expected) in cases {
        assert_eq!(parse(text).ok(), expected, "{text}");
        // Whatever is accepted is written back readably.
        if let Ok(at) = parse(text) {
            assert_eq!(parse(&format(at)), Ok(at), "{text}");
        }
    }
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Stamped {
    #[serde(with = "attune::domain::time::rfc3339")]
    at: DateTime<Utc>,
    #[serde(default, with = "attune::domain::time::rfc3339_opt")]
    maybe: Option<DateTime<Utc>>,
}

#[test]
fn serde_helpers_use_the_same_codec() {
    let s = Stamped {
        at: utc(2026, 11, 22, 14, 5, 9, 120_000_000),
        maybe: None,
    };
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(json, r#"{"at":"2026-11-22T14:05:09.120Z","maybe":null}"#);
    assert_eq!(serde_json::from_str::<Stamped>(&json).unwrap(), s);

    let with = r#"{"at":"2026-11-22T16:05:09+02:00","maybe":"2026-11-22T08:35:09-05:30"}"#;
    let read: Stamped = serde_json::from_str(with).unwrap();
    assert_eq!(read.at, utc(2026, 11, 22, 14, 5, 9, 0));
    assert_eq!(read.maybe, Some(read.at));

    let missing: Stamped = serde_json::from_str(r#"{"at":"2026-11-22T14:05:09Z"}"#).unwrap();
    assert_eq!(missing.maybe, None);

    // Escaped JSON strings (not borrowable) go through the same parser.
    let escaped: Stamped = serde_json::from_str(r#"{"at":"2026-11-22T14:05:09\u005a"}"#).unwrap();
    assert_eq!(escaped.at, utc(2026, 11, 22, 14, 5, 9, 0));

    for bad in [
        r#"{"at":"2026-11-22"}"#,
        r#"{"at":1790000000}"#,
        r#"{"at":null}"#,
        r#"{"at":"2026-11-22T14:05:09Z","maybe":"soon"}"#,
        r#"{"at":"0000-01-01T00:00:00+01:00"}"#,
    ] {
        let err = serde_json::from_str::<Stamped>(bad);
        assert!(err.is_err(), "{bad} was accepted: {err:?}");
    }
    let err = serde_json::from_str::<Stamped>(r#"{"at":"2026-11-22"}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("is not an RFC 3339 date-time"), "{err}");
}

#[test]
fn a_leap_second_is_not_written_as_a_different_instant() {
    // chrono represents 23:59:60.5 as second 59 with 1_500 ms.
    let leap = utc(2016, 12, 31, 23, 59, 59, 1_500_000_000);
    let text = format(leap);
    let fraction = text
        .trim_end_matches('Z')
        .rsplit_once('.')
        .map_or(0, |(_, f)| f.len());
    assert!(fraction <= 3, "documented as milliseconds: {text}");
    let back = parse(&text).expect("format output is readable");
    assert!(
        back >= utc(2016, 12, 31, 23, 59, 59, 999_000_000),
        "{text} reads back as {back:?}, earlier than the leap second"
    );
}

/// Instants with millisecond precision anywhere in 0000..=9999.
fn arb_instant() -> impl Strategy<Value = DateTime<Utc>> {
    let lo = utc(0, 1, 1, 0, 0, 0, 0).timestamp_millis();
    let hi = utc(9999, 12, 31, 23, 59, 59, 999_000_000).timestamp_millis();
    (lo..=hi).prop_map(|ms| DateTime::from_timestamp_millis(ms).expect("in range"))
}

/// Text shaped like an RFC 3339 timestamp, each field near or just past its
/// range (month 00 to 13, day 00 to 32, second 60, offset hour 24), half of
/// it on the first or last day an offset can push out of years 0000 to 9999,
/// so that much of it is accepted and the rest refused for one field: random
/// text alone is almost never accepted.
fn timestamp_like_text() -> impl Strategy<Value = String> {
    concat!(
        "(0000-01-01|9999-12-31|[0-9]{4}-(0[0-9]|1[0-3])-([0-2][0-9]|3[0-2]))[Tt ]",
        "([01][0-9]|2[0-4]):[0-5][0-9]:([0-5][0-9]|60)",
        "(\\.[0-9]{1,12})?([Zz]|[+-]([01][0-9]|2[0-4]):[0-5][0-9])",
    )
}

/// Characters that break hand-written parsers.
const PALETTE: &[char] = &[
    '0',
    '1',
    '9',
    '-',
    '+',
    ':',
    '.',
    'T',
    'Z',
    'z',
    ' ',
    '\u{e9}',
    '\u{1f600}',
    '\u{0}',
];

proptest! {
    #[test]
    fn any_millisecond_instant_round_trips(at in arb_instant()) {
        let text = format(at);
        prop_assert!(text.len() == 20 || text.len() == 24, "{}", text);
        prop_assert!(text.ends_with('Z'));
        prop_assert_eq!(parse(&text), Ok(at));
        prop_assert_eq!(date(at), text[..10].to_string());
    }

    #[test]
    fn offsets_agree_with_chrono(
        at in arb_instant(),
        offset in -(23 * 60 + 59)..=(23 * 60 + 59i32),
        nanos in 0u32..1_000_000_000,
        digits in 0usize..=9,
    ) {
        // Write `at` as local time at `offset`, with `digits` fraction digits.
        let local = at.naive_utc() + chrono::Duration::minutes(i64::from(offset));
        let frac = if digits == 0 { String::new() } else { format!(".{:09}", nanos)[..=digits].to_string() };
        let sign = if offset < 0 { '-' } else { '+' };
        let text = format!(
            "{}{}{}{:02}:{:02}",
            local.format("%Y-%m-%dT%H:%M:%S"),
            frac,
            sign,
            offset.abs() / 60,
            offset.abs() % 60
        );
        let ours = parse(&text);
        if !(0..=9999).contains(&chrono::Datelike::year(&local)) {
            // The local time itself has no four-digit year.
            prop_assert!(ours.is_err(), "{} gave {:?}", text, ours);
            return Ok(());
        }
        match text.parse::<DateTime<Utc>>() {
            Ok(theirs) if (0..=9999).contains(&chrono::Datelike::year(&theirs)) => {
                prop_assert_eq!(ours, Ok(theirs), "{}", text);
            }
            // Local years outside four digits, or a UTC year pushed out of range.
            _ => prop_assert!(ours.is_err(), "{} gave {:?}", text, ours),
        }
    }

    #[test]
    fn mutated_timestamps_never_panic(
        pos in 0usize..30,
        c in prop::sample::select(PALETTE),
        // Any cut of the 29 characters is refused, so half the cases keep
        // them all: else the assertion below ran on about 2 % of the cases.
        cut in prop_oneof![0usize..32, Just(usize::MAX)],
    ) {
        let mut chars: Vec<char> = "2026-11-22T14:05:09.123+02:00".chars().collect();
        if pos < chars.len() {
            chars[pos] = c;
        }
        let text: String = chars.into_iter().take(cut.max(1)).collect();
        if let Ok(at) = parse(&text) {
            // Accepted text is written back in a shape that reads the same.
            prop_assert_eq!(parse(&format(at)), Ok(at), "{}", text);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in prop_oneof!["\\PC{0,40}", timestamp_like_text()]) {
        if let Ok(at) = parse(&text) {
            // Written back to the millisecond, `format`'s precision: finer
            // digits are read, then dropped (see format_and_parse_round_trip).
            let to_ms = at.with_nanosecond(at.nanosecond() / 1_000_000 * 1_000_000).unwrap();
            prop_assert_eq!(parse(&format(at)), Ok(to_ms), "{}", text);
        }
    }
}

/// A zone with summer time: +60 minutes, +120 from 01:00 UTC on the last
/// Sunday of March 2026 to 01:00 UTC on the last Sunday of October.
fn summer(at: DateTime<Utc>) -> i32 {
    let (on, off) = (utc(2026, 3, 29, 1, 0, 0, 0), utc(2026, 10, 25, 1, 0, 0, 0));
    if at >= on && at < off {
        120
    } else {
        60
    }
}

#[test]
fn the_day_memo_answers_as_the_zone_does_at_every_minute_around_a_switch() {
    use attune::domain::time::DayMemo;
    let asked = std::cell::Cell::new(0u32);
    let counted = |at| {
        asked.set(asked.get() + 1);
        summer(at)
    };
    let memo = DayMemo::new(counted);
    for start in [utc(2026, 3, 28, 0, 0, 0, 0), utc(2026, 10, 24, 0, 0, 0, 0)] {
        for minute in 0..3 * 24 * 60 {
            let at = start + chrono::Duration::minutes(minute);
            assert_eq!(memo.offset(at), summer(at), "{at}");
            // And at the last second before and the first after the minute.
            let just_before = at - chrono::Duration::seconds(1);
            assert_eq!(
                memo.offset(just_before),
                summer(just_before),
                "{just_before}"
            );
        }
    }
    // Before 1970 too (negative timestamps).
    let old = utc(1969, 12, 31, 23, 59, 59, 0);
    assert_eq!(memo.offset(old), summer(old));
}

#[test]
fn the_day_memo_asks_twice_per_quiet_day_however_often_it_is_asked() {
    use attune::domain::time::DayMemo;
    let asked = std::cell::Cell::new(0u32);
    let counted = |at| {
        asked.set(asked.get() + 1);
        summer(at)
    };
    let memo = DayMemo::new(counted);
    // 1,000 instants over ten quiet days in May.
    let start = utc(2026, 5, 1, 0, 0, 0, 0);
    for i in 0..1000 {
        let at = start + chrono::Duration::minutes(i * 14);
        assert_eq!(memo.offset(at), 120);
    }
    assert_eq!(asked.get(), 2 * 10);
}

#[test]
fn dates_on_screen_follow_the_page_language_and_the_local_day() {
    use attune::domain::words::{Lang, Words};
    let es = Words::new(Lang::Es);
    // 22:30 UTC is already the next day two hours east of it.
    let at = utc(2026, 6, 19, 22, 30, 0, 0);
    // English is written as before.
    assert_eq!(Words::EN.local_minutes(at, 120), local_minutes(at, 120));
    assert_eq!(Words::EN.local_minutes(at, 120), "2026-06-20 00:30");
    assert_eq!(Words::EN.local_day(at, 120), "2026-06-20");
    assert_eq!(Words::EN.local_day(at, 0), "2026-06-19");
    // Spanish writes the day first.
    assert_eq!(es.local_minutes(at, 120), "20/06/2026 00:30");
    assert_eq!(es.local_day(at, -300), "19/06/2026");
    let d = NaiveDate::from_ymd_opt(2026, 3, 5).expect("a date");
    assert_eq!(Words::EN.day(d), "2026-03-05");
    assert_eq!(es.day(d), "05/03/2026");
}
