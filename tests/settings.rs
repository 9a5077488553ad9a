//! Device settings: the idle auto-lock input and how stored settings are read.

use attune::domain::device::settings::{parse_idle_secs, DeviceSettings};
use attune::domain::measures::calibration::Calibration;
use attune::domain::security::pin::{Backoff, PinRecord};
use attune::domain::words::Words;
use chrono::{TimeZone, Utc};

#[test]
fn idle_lock_accepts_zero_or_five_seconds_to_an_hour() {
    let cases: &[(&str, Option<u32>)] = &[
        ("0", Some(0)),
        ("5", Some(5)),
        (" 300 ", Some(300)),
        ("3600", Some(3600)),
        ("4", None),
        ("3601", None),
        ("-5", None),
        ("1.5", None),
        ("", None),
        ("ten", None),
    ];
    for (input, want) in cases {
        assert_eq!(parse_idle_secs(input, Words::EN).ok(), *want, "{input:?}");
    }
    assert_eq!(
        parse_idle_secs("4", Words::EN).unwrap_err(),
        "Use 0 (never) or 5 to 3600 seconds."
    );
}

#[test]
fn settings_round_trip_and_damaged_ones_are_refused() {
    let s = DeviceSettings {
        pin: Some(PinRecord::new([7; 16], 600_000, [9; 32])),
        backoff: Backoff {
            failed: 6,
            last_failure: Some(Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap()),
        },
        idle_lock_secs: 120,
        calibration: Some(Calibration::from_card_width(428.0, 2.0).unwrap()),
        seen_situations: vec!["drop".into(), "neutral".into()],
        checklist_dismissed: true,
    };
    let text = s.encode();
    assert!(!text.contains("1234"), "only the hash is stored");
    assert_eq!(DeviceSettings::decode(&text), Some(s.clone()));
    assert!(s.can_lock());
    assert!(!DeviceSettings::default().can_lock());
    // Missing fields take defaults (settings written by an older build).
    assert_eq!(
        DeviceSettings::decode("{}"),
        Some(DeviceSettings::default())
    );
    // A PIN record with a broken hash or too few iterations is not trusted.
    let broken = text.replace(&"09".repeat(32), "zz");
    assert_eq!(DeviceSettings::decode(&broken), None);
    let weak = text.replace("600000", "1000");
    assert_eq!(DeviceSettings::decode(&weak), None);
    assert_eq!(DeviceSettings::decode("not json"), None);
    // Defaults are not written, so older builds read the same text as before.
    assert!(!DeviceSettings::default().encode().contains("seen"));
    assert!(!DeviceSettings::default().encode().contains("checklist"));
}

#[test]
fn checked_decoding_says_what_is_wrong() {
    use attune::domain::device::settings::SettingsError;
    let s = DeviceSettings {
        pin: Some(PinRecord::new([7; 16], 600_000, [9; 32])),
        backoff: Backoff {
            failed: 6,
            last_failure: Some(Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap()),
        },
        idle_lock_secs: 120,
        calibration: Some(Calibration::from_card_width(428.0, 2.0).unwrap()),
        seen_situations: vec!["drop".into()],
        checklist_dismissed: true,
    };
    let text = s.encode();
    assert_eq!(DeviceSettings::decode_checked(&text), Ok(s.clone()));
    assert_eq!(
        DeviceSettings::decode_checked("{}"),
        Ok(DeviceSettings::default())
    );
    assert!(matches!(
        DeviceSettings::decode_checked("not json"),
        Err(SettingsError::NotJson(_))
    ));
    assert_eq!(
        DeviceSettings::decode_checked("[1]"),
        Err(SettingsError::NotAnObject)
    );
    let unknown = text.replace("PBKDF2-HMAC-SHA256", "MD5");
    assert_eq!(
        DeviceSettings::decode_checked(&unknown),
        Err(SettingsError::Pin(
            attune::domain::security::pin::PinRecordError::UnknownAlgorithm("MD5".into())
        ))
    );
    let bad_backoff = text.replace("\"failed\":6", "\"failed\":\"six\"");
    assert!(matches!(
        DeviceSettings::decode_checked(&bad_backoff),
        Err(SettingsError::Field {
            field: "backoff",
            ..
        })
    ));
    let untimed = r#"{"backoff":{"failed":9}}"#;
    assert!(matches!(
        DeviceSettings::decode_checked(untimed),
        Err(SettingsError::Field {
            field: "backoff",
            ..
        })
    ));
    let few_untimed = r#"{"backoff":{"failed":2}}"#;
    assert_eq!(
        DeviceSettings::decode_checked(few_untimed).map(|s| s.backoff.failed),
        Ok(2)
    );
    assert!(matches!(
        DeviceSettings::decode_checked(r#"{"idle_lock_secs":-5}"#),
        Err(SettingsError::Field {
            field: "idle_lock_secs",
            ..
        })
    ));
    assert!(matches!(
        DeviceSettings::decode_checked(r#"{"pin":{"algorithm":1}}"#),
        Err(SettingsError::Field { field: "pin", .. })
    ));
    // Idle times outside the offered range come into it; 0 stays "never".
    let idle = |n: u32| {
        DeviceSettings::decode_checked(&format!("{{\"idle_lock_secs\":{n}}}"))
            .unwrap()
            .idle_lock_secs
    };
    assert_eq!((idle(0), idle(2), idle(60), idle(99_999)), (0, 5, 60, 3600));
    // A malformed calibration is left out; the PIN is kept.
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["calibration"] = serde_json::json!({"px_per_mm": "x"});
    let cal = v.to_string();
    let read = DeviceSettings::decode_checked(&cal).unwrap();
    assert_eq!((read.calibration, read.pin), (None, s.pin.clone()));
    // Unknown fields from a newer build are ignored.
    let newer = text.replacen('{', "{\"theme\":\"dark\",", 1);
    assert_eq!(DeviceSettings::decode_checked(&newer), Ok(s));
    assert!(SettingsError::NotAnObject
        .to_string()
        .starts_with("the device settings"));
}

#[test]
fn settings_start_up_distrusts_unreadable_or_vanished_records() {
    use attune::domain::device::settings::{plan_settings_load, SettingsStart};
    assert_eq!(plan_settings_load(None, false), SettingsStart::Defaults);
    assert_eq!(
        plan_settings_load(None, true),
        SettingsStart::Distrust(None)
    );
    assert_eq!(
        plan_settings_load(Some("{}"), true),
        SettingsStart::Use(DeviceSettings::default())
    );
    for locked in [false, true] {
        assert!(matches!(
            plan_settings_load(Some("{"), locked),
            SettingsStart::Distrust(Some(_))
        ));
    }
}

#[test]
fn distrusted_settings_are_replaced_only_by_a_new_pin_once_the_original_is_safe() {
    use attune::domain::device::settings::{
        plan_settings_write, SettingsTrust, SettingsWriteError,
    };
    assert_eq!(plan_settings_write(SettingsTrust::Trusted, false), Ok(()));
    assert_eq!(plan_settings_write(SettingsTrust::Trusted, true), Ok(()));
    let safe = SettingsTrust::Distrusted {
        original_safe: true,
    };
    let unsafe_ = SettingsTrust::Distrusted {
        original_safe: false,
    };
    // An idle time or a calibration would store a record with no PIN, which
    // the next start would trust: refused.
    assert_eq!(
        plan_settings_write(safe, false),
        Err(SettingsWriteError::SetPinFirst)
    );
    assert_eq!(
        plan_settings_write(unsafe_, false),
        Err(SettingsWriteError::SetPinFirst)
    );
    assert_eq!(plan_settings_write(safe, true), Ok(()));
    assert_eq!(
        plan_settings_write(unsafe_, true),
        Err(SettingsWriteError::NotSetAside)
    );
}
