//! The sync run's own decisions, once made inline in the shell: which
//! refusals mean "sign in again", whether the changes feed has another
//! page, the room a pulled page takes, and when the next run starts after
//! trouble (the back-off) with how many documents per request.

mod common;

use attune::domain::records::layout::{split, Record};
use attune::domain::records::room::entry_units;
use attune::domain::sync::answers::rejected;
use attune::domain::sync::protocol::{parse_changes, Seq};
use attune::domain::sync::pull::{more_pages, page_units};
use attune::domain::sync::schedule::{Schedule, FIRST_BATCH, PERIOD_MS};
use attune::domain::sync::status::Trouble;

#[test]
fn only_unauthorized_and_forbidden_refusals_ask_to_sign_in_again() {
    assert_eq!(rejected("unauthorized"), Trouble::SignIn);
    assert_eq!(rejected("forbidden"), Trouble::SignIn);
    for other in ["conflict", "bad_request", "", "Forbidden"] {
        assert_eq!(rejected(other), Trouble::Unexpected(0), "{other:?}");
    }
}

fn page(
    results: &str,
    last_seq: u64,
    pending: Option<u64>,
) -> attune::domain::sync::protocol::ChangesPage {
    let pending = pending.map_or(String::new(), |p| format!(r#","pending":{p}"#));
    parse_changes(&format!(
        r#"{{"results":[{results}],"last_seq":{last_seq}{pending}}}"#
    ))
    .unwrap()
}

const ONE: &str =
    r#"{"seq":3,"id":"client:c1","changes":[{"rev":"1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]}"#;

#[test]
fn another_page_follows_while_the_server_says_changes_are_pending() {
    assert!(more_pages(&page(ONE, 3, Some(5)), &Seq::Num(0)));
    assert!(!more_pages(&page(ONE, 3, Some(0)), &Seq::Num(0)));
}

#[test]
fn without_a_pending_count_a_full_page_asks_for_the_next_and_an_empty_one_ends() {
    assert!(more_pages(&page(ONE, 3, None), &Seq::Num(0)));
    assert!(!more_pages(&page("", 3, None), &Seq::Num(0)));
}

#[test]
fn a_page_that_ends_where_it_started_ends_the_pull_whatever_the_server_says() {
    // Otherwise a server stuck at one sequence would be asked forever.
    assert!(!more_pages(&page(ONE, 3, Some(5)), &Seq::Num(3)));
    assert!(!more_pages(&page(ONE, 3, None), &Seq::Num(3)));
}

#[test]
fn a_pulled_page_costs_what_its_records_take_stored_by_the_one_rule() {
    let mut store = attune::domain::records::store::Store::default();
    store
        .clients
        .push(common::client("c1", "Ünïcode ☂", common::january(1)));
    store.ratings.push(common::srs(
        "r1",
        Some("c1"),
        common::january(2),
        &[95, 80, 70, 60],
    ));
    let stored = split(&store);
    let records = vec![
        Record::Client(store.clients[0].clone()),
        Record::Rating(store.ratings[0].clone()),
    ];
    // What the move into records counts for the very same entries (the
    // meta entry aside): the two estimates are one.
    let expected: u64 = stored
        .iter()
        .filter(|(k, _)| k != attune::domain::records::layout::META_KEY)
        .map(|(k, t)| entry_units(k, t))
        .sum();
    assert_eq!(page_units(&records), expected);
    assert_eq!(page_units(&[]), 0);
}

#[test]
fn entry_units_count_utf16_code_units_of_key_and_text() {
    assert_eq!(entry_units("ab", "cd"), 4);
    // "☂" is one unit, "😀" two (a surrogate pair), as localStorage counts.
    assert_eq!(entry_units("k", "☂😀"), 4);
}

#[test]
fn a_good_run_plans_the_next_in_a_minute_and_forgets_the_trouble() {
    let mut s = Schedule::default();
    assert_eq!(s.after(Some(Trouble::Timeout)), Some(10_000));
    assert_eq!(s.after(None), Some(PERIOD_MS));
    assert_eq!(s.attempt, 0);
    assert_eq!(
        s.after(Some(Trouble::Timeout)),
        Some(10_000),
        "back to the first pause"
    );
}

#[test]
fn trouble_backs_off_doubling_up_to_fifteen_minutes() {
    let mut s = Schedule::default();
    let pauses: Vec<Option<u64>> = (0..10)
        .map(|_| s.after(Some(Trouble::Server(503))))
        .collect();
    let secs: Vec<u64> = pauses.iter().map(|p| p.unwrap() / 1000).collect();
    assert_eq!(secs, [10, 20, 40, 80, 160, 320, 640, 900, 900, 900]);
}

#[test]
fn a_conflict_is_retried_at_once_twice_then_backs_off() {
    let mut s = Schedule::default();
    assert_eq!(s.after(Some(Trouble::Conflict)), Some(0));
    assert_eq!(s.after(Some(Trouble::Conflict)), Some(0));
    assert_eq!(s.after(Some(Trouble::Conflict)), Some(40_000));
}

#[test]
fn troubles_the_therapist_must_settle_plan_no_run() {
    for t in [
        Trouble::SignIn,
        Trouble::NoDatabase,
        Trouble::WrongPassphrase,
        Trouble::KeyChanged,
        Trouble::KeyMissing,
        Trouble::NewerApp,
        Trouble::QuotaStop,
    ] {
        let mut s = Schedule::default();
        assert_eq!(s.after(Some(t)), None, "{t:?}");
    }
}

#[test]
fn too_large_halves_the_batch_down_to_one_and_keeps_it() {
    let mut s = Schedule::default();
    assert_eq!(s.batch(), FIRST_BATCH);
    s.after(Some(Trouble::TooLarge));
    assert_eq!(s.batch(), FIRST_BATCH / 2);
    for _ in 0..20 {
        s.after(Some(Trouble::TooLarge));
    }
    assert_eq!(s.batch(), 1);
    s.after(None);
    assert_eq!(s.batch(), 1, "a good run keeps the size the server accepts");
}
