//! The recovery code, the rule for changing the PIN, and the back-off that
//! survives a reload when one of its copies could not be written.

use attune::domain::security::backoff::{decode_copy, encode_copy, strictest};
use attune::domain::security::pin::{Backoff, PinRecord, ITERATIONS};
use attune::domain::security::recovery::{
    format_code, normalise_code, plan_pin_change, PinChangeError, PinState, Proof, RecoveryError,
    RecoveryRecord, CODE_BYTES, CODE_CHARS,
};
use chrono::{DateTime, TimeDelta, Utc};

fn at(s: &str) -> DateTime<Utc> {
    attune::domain::time::parse(s).unwrap()
}

fn counting() -> [u8; CODE_BYTES] {
    core::array::from_fn(|i| i as u8)
}

#[test]
fn codes_are_crockford_base32_in_six_groups_of_four() {
    // Reference: RFC 4648 base32 of bytes 0..15, mapped to Crockford's alphabet.
    assert_eq!(format_code(counting()), "000G-40R4-0M30-E209-185G-R38E");
    assert_eq!(
        format_code([0; CODE_BYTES]),
        "0000-0000-0000-0000-0000-0000"
    );
    assert_eq!(
        format_code([0xFF; CODE_BYTES]),
        "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"
    );
    let code = format_code([0xA5; CODE_BYTES]);
    assert!(!code.contains(['I', 'L', 'O', 'U']), "{code}");
}

#[test]
fn typed_codes_forgive_case_spaces_dashes_and_look_alikes() {
    let canonical = "000G40R40M30E209185GR38E";
    assert_eq!(normalise_code(&format_code(counting())).unwrap(), canonical);
    assert_eq!(
        normalise_code(" ooog 4or4-om3o e2o9 — ".replace('—', "").as_str()).unwrap_err(),
        RecoveryError::WrongLength(16)
    );
    assert_eq!(
        normalise_code("oOOg 4or4 om3o e2o9\t185g-r38e").unwrap(),
        canonical
    );
    assert_eq!(
        normalise_code("000G40R40M30E2O9l85GR38E").unwrap(),
        "000G40R40M30E209185GR38E",
        "O and l read as 0 and 1"
    );
    assert_eq!(
        normalise_code("000G40R40M30E209185GR38U"),
        Err(RecoveryError::BadCharacter('U'))
    );
    assert_eq!(
        normalise_code("000G40R40M30E209185GR38É"),
        Err(RecoveryError::BadCharacter('É'))
    );
    assert_eq!(
        normalise_code("000G40R40M30E209185GR38EE"),
        Err(RecoveryError::WrongLength(CODE_CHARS + 1))
    );
    assert_eq!(normalise_code(""), Err(RecoveryError::WrongLength(0)));
    assert!(RecoveryError::WrongLength(3).to_string().contains("24"));
}

#[test]
fn the_recovery_record_is_a_checked_pin_style_hash() {
    let r = RecoveryRecord::new([1; 16], ITERATIONS, [2; 32]);
    let text = r.encode();
    assert_eq!(text, PinRecord::new([1; 16], ITERATIONS, [2; 32]).encode());
    assert_eq!(RecoveryRecord::decode(&text), Ok(r.clone()));
    assert!(r.matches(&[2; 32]));
    assert!(!r.matches(&[3; 32]));
    assert!(RecoveryRecord::decode(&text.replace("600000", "10")).is_err());
    assert!(RecoveryRecord::decode("{}").is_err());
}

#[test]
fn changing_the_pin_needs_proof() {
    use PinState::*;
    use Proof::*;
    for proof in [Nothing, CurrentPin, RecoveryCode] {
        assert_eq!(plan_pin_change(NotSet, proof, false), Ok(()), "{proof:?}");
    }
    assert_eq!(
        plan_pin_change(Set, Nothing, true),
        Err(PinChangeError::NeedCurrent)
    );
    assert_eq!(
        plan_pin_change(Set, Nothing, false),
        Err(PinChangeError::NeedCurrent)
    );
    assert_eq!(plan_pin_change(Set, CurrentPin, true), Ok(()));
    assert_eq!(plan_pin_change(Set, RecoveryCode, true), Ok(()));
    assert_eq!(
        plan_pin_change(Unknown, Nothing, true),
        Err(PinChangeError::NeedRecovery)
    );
    assert_eq!(
        plan_pin_change(Unknown, CurrentPin, true),
        Err(PinChangeError::NeedRecovery),
        "an unreadable PIN cannot have been verified"
    );
    assert_eq!(plan_pin_change(Unknown, RecoveryCode, true), Ok(()));
    assert_eq!(plan_pin_change(Unknown, Nothing, false), Ok(()));
}

#[test]
fn the_strictest_back_off_copy_wins() {
    let old = Backoff {
        failed: 7,
        last_failure: Some(at("2026-11-22T10:00:00Z")),
    };
    let recent = Backoff {
        failed: 5,
        last_failure: Some(at("2026-11-22T10:05:00Z")),
    };
    let merged = strictest([Some(&old), None, Some(&recent)]);
    assert_eq!(merged.failed, 7);
    assert_eq!(merged.last_failure, recent.last_failure);
    // Its wait ends no earlier than either copy's.
    let now = at("2026-11-22T10:05:10Z");
    assert!(merged.wait(now) >= old.wait(now));
    assert!(merged.wait(now) >= recent.wait(now));
    assert_eq!(merged.wait(now), TimeDelta::seconds(120 - 10));
    // Order does not matter; nothing at all is no back-off.
    assert_eq!(strictest([Some(&recent), Some(&old)]), merged);
    assert_eq!(strictest([None, None]), Backoff::default());
    assert_eq!(strictest([Some(&old)]), old);
}

#[test]
fn a_reload_with_localstorage_full_keeps_the_session_copy() {
    // localStorage kept the state before the last wrong PINs; sessionStorage has them.
    let stored = Backoff {
        failed: 4,
        last_failure: Some(at("2026-11-22T10:00:00Z")),
    };
    let session = stored
        .after_failure(at("2026-11-22T10:00:05Z"))
        .after_failure(at("2026-11-22T10:00:09Z"));
    let copy = decode_copy(Some(&encode_copy(&session)));
    assert_eq!(copy.as_ref(), Some(&session));
    let merged = strictest([Some(&stored), copy.as_ref()]);
    assert_eq!(merged, session);
    assert!(!merged.may_try(at("2026-11-22T10:00:30Z")));
    assert_eq!(decode_copy(None), None);
    assert_eq!(decode_copy(Some("{\"failed\":-1}")), None);
}

#[test]
fn pin_state_is_unknown_whenever_the_settings_are_distrusted() {
    use attune::domain::security::recovery::pin_state;
    let rec = PinRecord::new([1; 16], ITERATIONS, [2; 32]);
    assert_eq!(pin_state(Some(&rec), false), PinState::Set);
    assert_eq!(pin_state(None, false), PinState::NotSet);
    // Defaults in memory after an unreadable record: no record, yet not "not set".
    assert_eq!(pin_state(None, true), PinState::Unknown);
    assert_eq!(pin_state(Some(&rec), true), PinState::Unknown);
}

#[test]
fn the_prompt_never_opens_on_an_unreadable_pin_record() {
    use attune::domain::security::recovery::{plan_unlock, UnlockPlan};
    let now = at("2026-11-27T10:00:00Z");
    let calm = Backoff::default();
    let waiting = Backoff {
        failed: 5,
        last_failure: Some(now - TimeDelta::seconds(10)),
    };
    assert_eq!(
        plan_unlock(PinState::Unknown, &calm, now),
        UnlockPlan::RecoveryOnly
    );
    assert_eq!(
        plan_unlock(PinState::Unknown, &waiting, now),
        UnlockPlan::RecoveryOnly
    );
    assert_eq!(plan_unlock(PinState::NotSet, &calm, now), UnlockPlan::Open);
    assert_eq!(plan_unlock(PinState::Set, &calm, now), UnlockPlan::CheckPin);
    assert_eq!(
        plan_unlock(PinState::Set, &waiting, now),
        UnlockPlan::Wait(TimeDelta::seconds(20))
    );
    // The wait over: the PIN is checked again.
    assert_eq!(
        plan_unlock(PinState::Set, &waiting, now + TimeDelta::seconds(20)),
        UnlockPlan::CheckPin
    );
}

#[test]
fn the_proof_field_tells_a_pin_from_a_code() {
    use attune::domain::security::recovery::{read_proof, TypedProof};
    assert_eq!(read_proof("  ").unwrap(), TypedProof::Empty);
    assert_eq!(read_proof("4826").unwrap(), TypedProof::Pin("4826".into()));
    // Too short for a PIN, still digits: checked (and refused) as a PIN.
    assert_eq!(read_proof("12").unwrap(), TypedProof::Pin("12".into()));
    assert_eq!(
        read_proof("12345678").unwrap(),
        TypedProof::Pin("12345678".into())
    );
    let code = format_code(counting());
    assert_eq!(
        read_proof(&code.to_lowercase()).unwrap(),
        TypedProof::Code("000G40R40M30E209185GR38E".into())
    );
    assert_eq!(read_proof("123456789"), Err(RecoveryError::WrongLength(9)));
}
