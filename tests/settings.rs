//! Device settings: the idle auto-lock input and how stored settings are read.

use attune::domain::calibration::Calibration;
use attune::domain::pin::{Backoff, PinRecord};
use attune::domain::settings::{parse_idle_secs, DeviceSettings};
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
        assert_eq!(parse_idle_secs(input).ok(), *want, "{input:?}");
    }
    assert_eq!(
        parse_idle_secs("4").unwrap_err(),
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
