//! Storage decisions once made inline in the shell (`src/storage`): the
//! "half the room" rule for a step of the move into records, the room left,
//! the records layout's start-up status, and the sentence shown when the
//! device settings cannot be used.

use attune::domain::device::reminder::LOCAL_STORAGE_LIMIT_UNITS;
use attune::domain::device::settings::DeviceSettings;
use attune::domain::device::settings_words::{settings_problem, SetAside};
use attune::domain::records::layout::{Layout, Meta};
use attune::domain::records::moving::STEP_UNITS;
use attune::domain::records::room::{move_step_units, room_left};
use attune::domain::records::save_plan::LoadStatus;
use attune::domain::records::start::records_status;
use attune::domain::records::store::CURRENT_VERSION;
use attune::domain::words::{Lang, Words};

#[test]
fn a_step_of_the_move_never_takes_more_than_half_the_room_left() {
    let used = LOCAL_STORAGE_LIMIT_UNITS - 10_000;
    assert_eq!(move_step_units(Some(used), STEP_UNITS), 5_000);
    assert_eq!(
        move_step_units(Some(LOCAL_STORAGE_LIMIT_UNITS), STEP_UNITS),
        0
    );
    assert_eq!(
        move_step_units(Some(LOCAL_STORAGE_LIMIT_UNITS + 7), STEP_UNITS),
        0,
        "over the quota (another origin's count) is no room, not a wrap-around"
    );
}

#[test]
fn with_ample_or_unknown_room_a_step_is_the_usual_size() {
    assert_eq!(move_step_units(Some(0), STEP_UNITS), STEP_UNITS);
    assert_eq!(move_step_units(None, STEP_UNITS), STEP_UNITS);
}

#[test]
fn room_left_is_the_quota_less_what_is_used_and_unknown_stays_unknown() {
    assert_eq!(
        room_left(Some(1_000)),
        Some(LOCAL_STORAGE_LIMIT_UNITS - 1_000)
    );
    assert_eq!(room_left(Some(u64::MAX)), Some(0));
    assert_eq!(room_left(None), None);
}

#[test]
fn the_records_layout_opens_fresh_normal_or_read_only() {
    let layout = Layout::new();
    assert_eq!(records_status(&layout, false), LoadStatus::Fresh);
    assert_eq!(records_status(&layout, true), LoadStatus::Ok);
    let mut newer = Layout::new();
    newer.meta = Meta {
        version: CURRENT_VERSION + 1,
        ..Meta::new(3, None)
    };
    assert_eq!(
        records_status(&newer, true),
        LoadStatus::ReadOnly(CURRENT_VERSION + 1)
    );
    assert!(!records_status(&newer, true).writable());
}

#[test]
fn the_settings_sentence_says_what_happened_and_where_the_original_is() {
    let error = DeviceSettings::decode_checked("{not json").unwrap_err();
    let kept = settings_problem(
        Some(&error),
        &SetAside::Kept("attune.settings.quarantine.5".into()),
        Words::EN,
    );
    assert!(kept.starts_with(
        "This device's settings could not be used: the device settings are not readable"
    ));
    assert!(kept.ends_with(
        ". They have been set aside unchanged under \u{201c}attune.settings.quarantine.5\u{201d}; nothing was deleted."
    ));
    assert_eq!(
        settings_problem(None, &SetAside::Nothing, Words::EN),
        "This device's settings could not be used: the device settings are missing."
    );
    assert_eq!(
        settings_problem(
            None,
            &SetAside::Failed("the browser's storage for Attune is full".into()),
            Words::EN
        ),
        "This device's settings could not be used: the device settings are missing. They could not be set aside (the browser's storage for Attune is full), so they are left untouched."
    );
}

#[test]
fn the_settings_sentence_in_spanish_keeps_the_key_and_the_readers_own_words() {
    let es = Words::new(Lang::Es);
    let error = DeviceSettings::decode_checked("{not json").unwrap_err();
    let kept = settings_problem(
        Some(&error),
        &SetAside::Kept("attune.settings.quarantine.5".into()),
        es,
    );
    // The sentence and the reason are Spanish; the key is as stored, and
    // the JSON reader's own detail stays as it said it.
    assert!(!kept.contains("This device"), "{kept}");
    assert!(!kept.contains("the device settings"), "{kept}");
    assert!(
        kept.contains("\u{201c}attune.settings.quarantine.5\u{201d}"),
        "{kept}"
    );
    assert!(
        kept.contains(&error.to_string()[error.to_string().find('(').expect("a detail")..]),
        "{kept}"
    );
    let missing = settings_problem(None, &SetAside::Nothing, es);
    assert!(
        missing.ends_with('.') && !missing.contains("missing"),
        "{missing}"
    );
    // The PIN record's reasons too.
    let pin = attune::domain::device::settings::SettingsError::Pin(
        attune::domain::security::pin::PinRecordError::BadIterations(7),
    );
    let text = pin.words(es);
    assert!(
        text.contains('7') && !text.contains("iteration count"),
        "{text}"
    );
    assert_eq!(pin.words(Words::EN), pin.to_string());
}
