//! The client report: its title, the period it covers and which notes it prints.

use attune::domain::course::history::{date_text, ClientHistory};
use attune::domain::course::report::{notes, period_text, printed_text, title};
use attune::domain::measures::rating::NoteInput;
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::words::Words;

mod common;
use common::at;

fn rating(id: &str, session: &str, scores: [u16; 4]) -> Rating {
    common::srs(id, Some("c1"), at(session), &scores)
}

fn noted(id: &str, session: &str, feedback: &str, response: &str) -> Rating {
    Rating {
        note: Some(NoteInput {
            client_feedback: feedback.into(),
            therapist_response: response.into(),
        }),
        ..rating(id, session, [80, 62, 50, 73])
    }
}

#[test]
fn title_names_the_client() {
    assert_eq!(title(" JD ", Words::EN), "SRS report: client JD");
}

#[test]
fn period_runs_from_the_first_to_the_last_session_in_date_order() {
    // Out of order on purpose: the period follows session dates.
    let rs = [
        rating("b", "2026-03-14T10:00:00Z", [90; 4]),
        rating("a", "2026-01-02T10:00:00Z", [90; 4]),
        rating("c", "2026-02-05T10:00:00Z", [90; 4]),
    ];
    let h = ClientHistory::new(&rs);
    assert_eq!(
        period_text(&h, 0, Words::EN),
        "3 sessions, 2 Jan 2026 \u{2013} 14 Mar 2026"
    );
}

#[test]
fn period_for_one_session_one_day_and_none() {
    let one = [rating("a", "2026-11-22T10:00:00Z", [90; 4])];
    assert_eq!(
        period_text(&ClientHistory::new(&one), 0, Words::EN),
        "1 session, 22 Nov 2026"
    );
    let same_day = [
        rating("a", "2026-11-22T10:00:00Z", [90; 4]),
        rating("b", "2026-11-22T16:00:00Z", [90; 4]),
    ];
    assert_eq!(
        period_text(&ClientHistory::new(&same_day), 0, Words::EN),
        "2 sessions, 22 Nov 2026"
    );
    let none: [Rating; 0] = [];
    assert_eq!(
        period_text(&ClientHistory::new(&none), 0, Words::EN),
        "No sessions rated yet."
    );
}

#[test]
fn period_uses_local_dates() {
    // 23:30 UTC is the next day two hours east, the same day five hours west.
    let rs = [
        rating("a", "2026-01-01T23:30:00Z", [90; 4]),
        rating("b", "2026-01-31T23:30:00Z", [90; 4]),
    ];
    let h = ClientHistory::new(&rs);
    assert_eq!(
        period_text(&h, 120, Words::EN),
        "2 sessions, 2 Jan 2026 \u{2013} 1 Feb 2026"
    );
    assert_eq!(
        period_text(&h, -300, Words::EN),
        "2 sessions, 1 Jan 2026 \u{2013} 31 Jan 2026"
    );
}

#[test]
fn printed_date_is_local() {
    assert_eq!(
        printed_text(at("2026-11-22T23:30:00Z"), 60, Words::EN),
        "Printed 23 Nov 2026"
    );
    assert_eq!(
        date_text(at("2026-11-22T10:00:00Z"), 0, Words::EN),
        "22 Nov 2026"
    );
}

#[test]
fn notes_only_for_sessions_with_a_note_earliest_first_quoted_exactly() {
    let scale = ScaleDefinition::builtin();
    let rs = [
        noted("late", "2026-03-01T10:00:00Z", "", "we will stop earlier"),
        rating("plain", "2026-02-01T10:00:00Z", [90; 4]),
        noted("blank", "2026-02-15T10:00:00Z", "  ", "\n"),
        noted(
            "early",
            "2026-01-10T10:00:00Z",
            "felt I pushed too hard on homework.",
            "",
        ),
    ];
    let h = ClientHistory::new(&rs);
    let got = notes(&h, &scale, "JD", 0, Words::EN);
    let ids: Vec<&str> = got.iter().map(|n| n.rating_id.as_str()).collect();
    assert_eq!(ids, ["early", "late"]);
    assert_eq!(got[0].date_text, "10 Jan 2026");
    assert_eq!(
        got[0].text,
        "2026-01-10, client JD\nSRS total: 26.5/40; lowest item: Approach or Method (5.0/10). Client's feedback: \"felt I pushed too hard on homework.\""
    );
    assert_eq!(
        got[1].text,
        "2026-03-01, client JD\nSRS total: 26.5/40; lowest item: Approach or Method (5.0/10). Therapist's response: \"we will stop earlier\"."
    );
}

#[test]
fn note_dates_follow_the_local_calendar() {
    let scale = ScaleDefinition::builtin();
    let rs = [noted("a", "2026-01-01T23:30:00Z", "fine", "")];
    let got = notes(&ClientHistory::new(&rs), &scale, "JD", 120, Words::EN);
    assert_eq!(got[0].date_text, "2 Jan 2026");
    assert!(got[0].text.starts_with("2026-01-02, client JD\n"));
}

#[test]
fn no_notes_when_none_were_typed() {
    let scale = ScaleDefinition::builtin();
    let rs = [rating("a", "2026-01-01T10:00:00Z", [90; 4])];
    assert!(notes(&ClientHistory::new(&rs), &scale, "JD", 0, Words::EN).is_empty());
}
