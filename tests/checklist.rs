//! The first-open checklist and when it goes away.

use attune::domain::device::checklist::{checklist, checklist_visible};
use attune::domain::device::settings::DeviceSettings;
use attune::domain::measures::calibration::Calibration;
use attune::domain::records::clients::{add_client, set_archived};
use attune::domain::records::store::Store;
use attune::domain::security::pin::PinRecord;
use attune::domain::words::Words;
use chrono::{TimeZone, Utc};

fn done(store: &Store, settings: &DeviceSettings, backup: bool) -> Vec<(&'static str, bool)> {
    let at = backup.then(|| Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap());
    checklist(store, settings, at, Words::EN)
        .into_iter()
        .map(|i| (i.key, i.done))
        .collect()
}

#[test]
fn a_fresh_device_has_four_things_to_do() {
    let items = checklist(
        &Store::default(),
        &DeviceSettings::default(),
        None,
        Words::EN,
    );
    let labels: Vec<&str> = items.iter().map(|i| i.label).collect();
    assert_eq!(
        labels,
        [
            "Add a client",
            "Set a PIN",
            "Calibrate the line",
            "Make a first backup"
        ]
    );
    assert!(items.iter().all(|i| !i.done));
    assert!(checklist_visible(&items, false));
    assert!(!checklist_visible(&items, true), "dismissed");
}

#[test]
fn each_item_ticks_on_its_own_and_the_list_goes_when_all_are_done() {
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
    let mut store = Store::default();
    let mut settings = DeviceSettings::default();
    add_client(&mut store, "c1".into(), "JD", now).unwrap();
    // An archived client still counts: one was added.
    set_archived(&mut store, "c1", true, now).unwrap();
    assert_eq!(
        done(&store, &settings, false),
        [
            ("client", true),
            ("pin", false),
            ("calibrate", false),
            ("backup", false)
        ]
    );
    settings.pin = Some(PinRecord::new([7; 16], 600_000, [9; 32]));
    settings.calibration = Some(Calibration::from_card_width(428.0, 2.0).unwrap());
    assert_eq!(
        done(&store, &settings, false),
        [
            ("client", true),
            ("pin", true),
            ("calibrate", true),
            ("backup", false)
        ]
    );
    let items = checklist(&store, &settings, None, Words::EN);
    assert!(checklist_visible(&items, false));
    let items = checklist(&store, &settings, Some(now), Words::EN);
    assert!(items.iter().all(|i| i.done));
    assert!(!checklist_visible(&items, false));
}
