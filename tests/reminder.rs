//! The backup reminder at its boundaries, and the storage-use warning.

use attune::domain::device::reminder::{
    ask_to_persist, backup_reminder, human_bytes, usage, BACKUP_REMINDER_DAYS,
};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::score::Tenths;
use attune::domain::records::store::Store;
use attune::domain::words::Words;
use chrono::{DateTime, Duration, Utc};

fn at(s: &str) -> DateTime<Utc> {
    attune::domain::time::parse(s).unwrap()
}

fn now() -> DateTime<Utc> {
    at("2026-11-22T14:00:00Z")
}

fn with_rating(last_backup_at: Option<DateTime<Utc>>) -> Store {
    Store {
        ratings: vec![Rating {
            id: "r1".into(),
            recorded_at: at("2026-11-01T10:00:00Z"),
            session_at: at("2026-11-01T10:00:00Z"),
            client_id: None,
            scores: vec![Tenths::new(90).unwrap(); 4],
            scale_id: "srs-attune".into(),
            scale_version: 1,
            line: None,
            updated_at: None,
            note: None,
            ..Default::default()
        }],
        last_backup_at,
        ..Store::default()
    }
}

#[test]
fn an_empty_store_needs_no_backup() {
    assert_eq!(backup_reminder(&Store::default(), now(), Words::EN), None);
    let old = Store {
        last_backup_at: Some(at("2020-01-01T00:00:00Z")),
        ..Store::default()
    };
    assert_eq!(backup_reminder(&old, now(), Words::EN), None);
}

#[test]
fn never_backed_up_is_always_reminded() {
    let text = backup_reminder(&with_rating(None), now(), Words::EN).unwrap();
    assert!(text.starts_with("No backup yet"), "{text}");
}

#[test]
fn exactly_seven_days_is_still_recent_a_moment_more_is_not() {
    let week = Duration::days(BACKUP_REMINDER_DAYS);
    assert_eq!(BACKUP_REMINDER_DAYS, 7);
    let just_under = now() - week + Duration::milliseconds(1);
    assert_eq!(
        backup_reminder(&with_rating(Some(just_under)), now(), Words::EN),
        None
    );
    assert_eq!(
        backup_reminder(&with_rating(Some(now() - week)), now(), Words::EN),
        None
    );
    let just_over = now() - week - Duration::milliseconds(1);
    assert_eq!(
        backup_reminder(&with_rating(Some(just_over)), now(), Words::EN).as_deref(),
        Some("The last backup is 7 days old. Download a new one to keep recent ratings safe.")
    );
    let month = now() - Duration::days(30);
    assert!(backup_reminder(&with_rating(Some(month)), now(), Words::EN)
        .unwrap()
        .contains("30 days old"));
}

#[test]
fn a_backup_stamped_in_the_future_is_not_nagged_about() {
    // A clock that went back after the backup: the backup is still recent.
    let later = now() + Duration::days(2);
    assert_eq!(
        backup_reminder(&with_rating(Some(later)), now(), Words::EN),
        None
    );
}

#[test]
fn storage_use_warns_from_eighty_percent() {
    assert_eq!(usage(79, 100), (79, false));
    assert_eq!(usage(80, 100), (80, true));
    assert_eq!(usage(799, 1000), (79, false), "rounded down");
    assert_eq!(usage(200, 100), (100, true), "capped");
    assert_eq!(usage(5, 0), (0, false), "unknown quota");
    assert_eq!(usage(u64::MAX, u64::MAX), (100, true), "no overflow");
    assert_eq!(usage(u64::MAX / 2, u64::MAX), (49, false));
    assert_eq!(human_bytes(999), "999 B");
    assert_eq!(human_bytes(1_000), "1 KB");
    assert_eq!(human_bytes(1_250_000), "1.2 MB");
}

#[test]
fn persistence_is_asked_for_once_and_only_when_there_is_something_to_keep() {
    let empty = Store::default();
    let rated = with_rating(None);
    // Nothing stored yet: no prompt for a therapist who is only looking.
    assert!(!ask_to_persist(&empty, Some(false), false, false));
    // Something to keep, not promised, not asked yet: ask.
    assert!(ask_to_persist(&rated, Some(false), false, false));
    // Already promised, or the browser has not answered (or cannot): leave it.
    assert!(!ask_to_persist(&rated, Some(true), false, false));
    assert!(!ask_to_persist(&rated, None, false, false));
    // Asked once on this page: not again, whatever the answer was.
    assert!(!ask_to_persist(&rated, Some(false), true, false));
    // A client alone (no rating yet) is already worth keeping.
    let client = Store {
        clients: vec![attune::domain::records::store::Client {
            id: "c1".into(),
            label: "A. B.".into(),
            created_at: now(),
            ..Default::default()
        }],
        ..Store::default()
    };
    assert!(ask_to_persist(&client, Some(false), false, false));
    // In client mode the client holds the device: wait for the therapist.
    assert!(!ask_to_persist(&rated, Some(false), false, true));
}
