//! The therapist's PIN: validation, the stored record, constant-time
//! comparison and the back-off after wrong guesses.

use attune::domain::security::pin::{
    constant_time_eq, delay_after, validate_pin, wait_text, Backoff, PinError, PinRecord,
    PinRecordError, ALGORITHM, FREE_ATTEMPTS, HASH_LEN, ITERATIONS, MAX_DELAY_SECS, MIN_ITERATIONS,
    SALT_LEN,
};
use attune::domain::words::Words;
use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid test timestamp")
}

#[test]
fn valid_pins_are_four_to_eight_ascii_digits() {
    for ok in ["0000", "1234", "12345678", "00000000", "9081726"] {
        assert_eq!(validate_pin(ok), Ok(()), "{ok}");
    }
    assert_eq!(validate_pin(""), Err(PinError::TooShort));
    assert_eq!(validate_pin("123"), Err(PinError::TooShort));
    assert_eq!(validate_pin("123456789"), Err(PinError::TooLong));
    for bad in [
        "12a4",
        "12 34",
        " 1234",
        "1234 ",
        "١٢٣٤",
        "１２３４",
        "12.4",
        "-123",
        "+1234",
    ] {
        assert_eq!(validate_pin(bad), Err(PinError::NotDigits), "{bad:?}");
    }
}

#[test]
fn pin_errors_say_what_to_do() {
    assert_eq!(
        PinError::TooShort.to_string(),
        "the PIN needs at least 4 digits"
    );
    assert_eq!(
        PinError::TooLong.to_string(),
        "the PIN can have at most 8 digits"
    );
    assert_eq!(
        PinError::NotDigits.to_string(),
        "the PIN can only contain the digits 0 to 9"
    );
}

fn sample() -> PinRecord {
    let salt: [u8; SALT_LEN] = std::array::from_fn(|i| i as u8 * 17);
    let hash: [u8; HASH_LEN] = std::array::from_fn(|i| 255 - i as u8);
    PinRecord::new(salt, ITERATIONS, hash)
}

#[test]
fn the_record_round_trips_in_its_documented_shape() {
    let r = sample();
    assert_eq!(ITERATIONS, 600_000);
    assert_eq!(r.algorithm, "PBKDF2-HMAC-SHA256");
    assert_eq!(r.salt, "00112233445566778899aabbccddeeff");
    assert_eq!(r.hash.len(), 64);
    assert!(r.hash.starts_with("fffefdfc"));
    let json = r.encode();
    assert_eq!(
        json,
        format!(
            r#"{{"algorithm":"PBKDF2-HMAC-SHA256","iterations":600000,"salt":"00112233445566778899aabbccddeeff","hash":"{}"}}"#,
            r.hash
        )
    );
    assert_eq!(PinRecord::decode(&json), Ok(r.clone()));
    assert_eq!(r.salt_bytes().unwrap()[1], 0x11);
    assert_eq!(r.hash_bytes().unwrap()[0], 0xff);
    assert!(!r.needs_rehash());
}

#[test]
fn damaged_or_foreign_records_are_refused() {
    let good = sample();
    let with = |f: &dyn Fn(&mut PinRecord)| {
        let mut r = good.clone();
        f(&mut r);
        PinRecord::decode(&r.encode())
    };
    assert_eq!(
        with(&|r| r.algorithm = "PBKDF2-HMAC-SHA1".into()),
        Err(PinRecordError::UnknownAlgorithm("PBKDF2-HMAC-SHA1".into()))
    );
    assert_eq!(
        with(&|r| r.iterations = 1000),
        Err(PinRecordError::BadIterations(1000))
    );
    assert_eq!(
        with(&|r| r.iterations = u32::MAX),
        Err(PinRecordError::BadIterations(u32::MAX))
    );
    assert!(with(&|r| r.iterations = MIN_ITERATIONS).is_ok());
    assert_eq!(
        with(&|r| r.salt.pop().map(|_| ()).unwrap()),
        Err(PinRecordError::BadField("salt"))
    );
    // Upper-case hex is a second spelling of the same bytes: refused.
    assert_eq!(
        with(&|r| r.salt = r.salt.to_uppercase()),
        Err(PinRecordError::BadField("salt"))
    );
    assert_eq!(
        with(&|r| r.hash = format!("{}zz", &r.hash[2..])),
        Err(PinRecordError::BadField("hash"))
    );
    assert_eq!(
        with(&|r| r.hash.push_str("00")),
        Err(PinRecordError::BadField("hash"))
    );
    for junk in [
        "",
        "{}",
        "null",
        r#"{"algorithm":"PBKDF2-HMAC-SHA256"}"#,
        "[1,2]",
    ] {
        assert!(
            matches!(PinRecord::decode(junk), Err(PinRecordError::Malformed(_))),
            "{junk:?}"
        );
    }
    // A legacy count below today's is readable and asks to be upgraded.
    let mut old = good.clone();
    old.iterations = 310_000;
    assert!(old.check().is_ok());
    assert!(old.needs_rehash());
    assert_eq!(ALGORITHM, good.algorithm);
}

#[test]
fn matching_compares_the_whole_hash() {
    let r = sample();
    let right = r.hash_bytes().unwrap();
    assert!(r.matches(&right));
    for i in [0, 15, 31] {
        let mut wrong = right;
        wrong[i] ^= 1;
        assert!(!r.matches(&wrong), "byte {i}");
    }
    assert!(!r.matches(&right[..31]));
    assert!(!r.matches(&[]));
    let mut broken = r.clone();
    broken.hash = "nope".into();
    assert!(!broken.matches(&right));
}

#[test]
fn constant_time_eq_is_equality() {
    assert!(constant_time_eq(b"", b""));
    assert!(constant_time_eq(b"abc", b"abc"));
    assert!(!constant_time_eq(b"abc", b"abd"));
    assert!(!constant_time_eq(b"abc", b"ab"));
    assert!(!constant_time_eq(&[0x80], &[0x00]));
}

#[test]
fn five_free_tries_then_30_s_doubling_to_15_min() {
    let secs: Vec<i64> = (0..=12).map(|n| delay_after(n).num_seconds()).collect();
    assert_eq!(secs, [0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    assert_eq!(FREE_ATTEMPTS, 5);
    assert_eq!(delay_after(u32::MAX).num_seconds(), MAX_DELAY_SECS);
}

#[test]
fn the_wait_runs_from_the_last_failure() {
    let t0 = at("2026-11-23T09:00:00Z");
    let mut b = Backoff::default();
    assert!(b.may_try(t0));
    for i in 0..5 {
        assert!(b.may_try(t0), "try {}", i + 1);
        b = b.after_failure(t0);
    }
    // Fifth wrong PIN: 30 s.
    assert_eq!(b.failed, 5);
    assert_eq!(b.wait(t0), TimeDelta::seconds(30));
    assert_eq!(b.wait(t0 + TimeDelta::seconds(10)), TimeDelta::seconds(20));
    assert!(!b.may_try(t0 + TimeDelta::milliseconds(29_999)));
    assert!(b.may_try(t0 + TimeDelta::seconds(30)));
    // Sixth wrong PIN, after waiting: 60 s from then.
    let t1 = t0 + TimeDelta::seconds(31);
    b = b.after_failure(t1);
    assert_eq!(b.wait(t1), TimeDelta::seconds(60));
    assert!(b.may_try(t1 + TimeDelta::seconds(60)));
    // The right PIN forgives everything.
    b = b.after_success();
    assert_eq!(b, Backoff::default());
    assert!(b.may_try(t1));
}

#[test]
fn a_clock_set_back_neither_unlocks_nor_locks_for_ever() {
    let t0 = at("2026-11-23T09:00:00Z");
    let b = Backoff {
        failed: 9,
        last_failure: Some(t0),
    };
    assert_eq!(b.wait(t0), TimeDelta::seconds(480));
    // An hour, or a year, back: the full wait, no more.
    assert_eq!(b.wait(t0 - TimeDelta::hours(1)), TimeDelta::seconds(480));
    assert_eq!(b.wait(t0 - TimeDelta::days(365)), TimeDelta::seconds(480));
}

#[test]
fn backoff_is_stored_as_json() {
    let b = Backoff {
        failed: 6,
        last_failure: Some(at("2026-11-23T09:00:00Z")),
    };
    let json = serde_json::to_string(&b).unwrap();
    assert_eq!(
        json,
        r#"{"failed":6,"last_failure":"2026-11-23T09:00:00Z"}"#
    );
    assert_eq!(serde_json::from_str::<Backoff>(&json).unwrap(), b);
}

#[test]
fn the_wait_in_words() {
    assert_eq!(
        wait_text(TimeDelta::seconds(30), Words::EN),
        "Try again in 30 s"
    );
    assert_eq!(
        wait_text(TimeDelta::milliseconds(100), Words::EN),
        "Try again in 1 s"
    );
    assert_eq!(
        wait_text(TimeDelta::seconds(120), Words::EN),
        "Try again in 2 min"
    );
    assert_eq!(
        wait_text(TimeDelta::seconds(150), Words::EN),
        "Try again in 2 min 30 s"
    );
    assert_eq!(
        wait_text(TimeDelta::seconds(900), Words::EN),
        "Try again in 15 min"
    );
}

proptest! {
    #[test]
    fn the_wait_never_grows_with_time_and_never_exceeds_the_cap(
        failed in 0u32..100,
        offsets in proptest::collection::vec(-100_000i64..100_000, 2),
    ) {
        let t0 = at("2026-11-23T09:00:00Z");
        let b = Backoff { failed, last_failure: Some(t0) };
        let (a, c) = (offsets[0].min(offsets[1]), offsets[0].max(offsets[1]));
        let (wa, wc) = (b.wait(t0 + TimeDelta::seconds(a)), b.wait(t0 + TimeDelta::seconds(c)));
        prop_assert!(wc <= wa);
        prop_assert!(wa <= TimeDelta::seconds(MAX_DELAY_SECS));
        prop_assert!(wc >= TimeDelta::zero());
    }

    #[test]
    fn hex_fields_round_trip(salt: [u8; 16], hash: [u8; 32]) {
        let r = PinRecord::new(salt, ITERATIONS, hash);
        let back = PinRecord::decode(&r.encode()).unwrap();
        prop_assert_eq!(back.salt_bytes().unwrap(), salt);
        prop_assert_eq!(back.hash_bytes().unwrap(), hash);
        prop_assert!(back.matches(&hash));
    }
}
