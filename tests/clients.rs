//! The therapist's edits: client labels, assignment, back-dating, and how an
//! edit survives a merge with another tab's older copy.

use attune::domain::measures::rating::NoteInput;
use attune::domain::measures::rating::Rating;
use attune::domain::measures::score::Tenths;
use attune::domain::records::clients::{
    add_client, assign, check_label, parse_local_input, rename_client, set_archived, set_note,
    set_session_at, sorted_clients, EditError,
};
use attune::domain::records::store::{merge, Store};
use chrono::{DateTime, Duration, TimeZone, Utc};

mod common;

fn t(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 4, h, 0, 0).unwrap()
}

fn rating(id: &str) -> Rating {
    common::srs(id, None, t(9), &[90, 90, 90, 90])
}

fn store_with(labels: &[&str]) -> Store {
    let mut s = Store::default();
    for (i, l) in labels.iter().enumerate() {
        add_client(&mut s, format!("c{i}"), l, t(8)).unwrap();
    }
    s.ratings.push(rating("r1"));
    s
}

#[test]
fn labels_are_short_codes_never_full_names() {
    let s = store_with(&["JD"]);
    let cases: &[(&str, Result<&str, EditError>)] = &[
        ("KM", Ok("KM")),
        ("  km-2  ", Ok("km-2")),
        ("Client 7", Ok("Client 7")),
        ("J D", Ok("J D")),
        ("", Err(EditError::EmptyLabel)),
        ("   ", Err(EditError::EmptyLabel)),
        ("Jane Doe", Err(EditError::FullName)),
        ("Mary Ann Smith", Err(EditError::FullName)),
        ("ABCDEFGHIJKLMNOPQ", Err(EditError::LongLabel)),
        ("jd", Err(EditError::Duplicate("jd".into()))),
    ];
    for (input, want) in cases {
        let got = check_label(&s, input, None);
        assert_eq!(
            got.as_deref().map_err(Clone::clone),
            want.clone(),
            "label {input:?}"
        );
    }
    // Renaming a client to its own label (another case) is not a duplicate.
    assert_eq!(check_label(&s, "jd", Some("c0")), Ok("jd".to_string()));
}

#[test]
fn rename_archive_and_restore_stamp_the_edit() {
    let mut s = store_with(&["JD", "KM"]);
    rename_client(&mut s, "c0", "JX", t(10)).unwrap();
    assert_eq!(s.clients[0].label, "JX");
    assert_eq!(s.clients[0].updated_at, Some(t(10)));
    assert_eq!(
        rename_client(&mut s, "c0", "KM", t(11)),
        Err(EditError::Duplicate("KM".into()))
    );
    assert_eq!(s.clients[0].label, "JX", "a refused rename changes nothing");
    set_archived(&mut s, "c1", true, t(12)).unwrap();
    let order: Vec<&str> = sorted_clients(&s)
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(order, ["JX", "KM"], "archived clients sort last");
    set_archived(&mut s, "c1", false, t(13)).unwrap();
    assert!(!s.clients[1].archived);
    assert_eq!(
        set_archived(&mut s, "nope", true, t(13)),
        Err(EditError::Missing)
    );
}

#[test]
fn a_rating_is_assigned_later_but_never_to_an_archived_client() {
    let mut s = store_with(&["JD", "KM"]);
    assign(&mut s, "r1", Some("c0"), t(10)).unwrap();
    assert_eq!(s.ratings[0].client_id.as_deref(), Some("c0"));
    assert_eq!(s.ratings[0].updated_at, Some(t(10)));
    set_archived(&mut s, "c1", true, t(11)).unwrap();
    assert_eq!(
        assign(&mut s, "r1", Some("c1"), t(12)),
        Err(EditError::Archived)
    );
    assert_eq!(
        assign(&mut s, "r1", Some("zz"), t(12)),
        Err(EditError::Missing)
    );
    assert_eq!(assign(&mut s, "r9", None, t(12)), Err(EditError::Missing));
    assign(&mut s, "r1", None, t(13)).unwrap();
    assert_eq!(s.ratings[0].client_id, None, "back to a quick rating");
}

#[test]
fn sessions_are_back_dated_but_not_future_dated() {
    let mut s = store_with(&[]);
    let now = t(12);
    set_session_at(&mut s, "r1", t(12) - Duration::days(30), now).unwrap();
    assert_eq!(s.ratings[0].session_at, t(12) - Duration::days(30));
    assert_eq!(
        s.ratings[0].recorded_at,
        t(9),
        "the save time never changes"
    );
    // Clocks a few minutes apart are tolerated; tomorrow is a typo.
    set_session_at(&mut s, "r1", now + Duration::minutes(5), now).unwrap();
    assert_eq!(
        set_session_at(&mut s, "r1", now + Duration::minutes(6), now),
        Err(EditError::Future)
    );
}

#[test]
fn datetime_local_values_are_read_strictly() {
    assert_eq!(
        parse_local_input("2026-03-02T10:30"),
        Ok((2026, 3, 2, 10, 30))
    );
    assert_eq!(
        parse_local_input("2026-03-02 10:30:59"),
        Ok((2026, 3, 2, 10, 30))
    );
    for bad in [
        "",
        "2026-02-30T10:00",
        "2026-13-01T10:00",
        "2026-03-02T24:00",
        "2026-03-02T10:60",
        "2026-03-02T10:30:61",
        "0099-03-02T10:30",
        "2026/03/02 10:30",
        "2026-03-02T10:3x",
        "2026-03-02T10:30Z",
        "２026-03-02T10:30",
    ] {
        assert_eq!(parse_local_input(bad), Err(EditError::BadDate), "{bad:?}");
    }
}

#[test]
fn the_later_edit_wins_a_merge_in_either_order() {
    let base = store_with(&["JD", "KM"]);
    // Tab A assigns the rating and renames JD; tab B archives KM later.
    let mut a = base.clone();
    assign(&mut a, "r1", Some("c0"), t(10)).unwrap();
    rename_client(&mut a, "c0", "JX", t(10)).unwrap();
    let mut b = base.clone();
    set_archived(&mut b, "c1", true, t(11)).unwrap();
    for (x, y) in [(&a, &b), (&b, &a), (&base, &a), (&a, &base)] {
        let (m, summary) = merge(x, y);
        assert_eq!(summary.new_ratings, 0);
        assert_eq!(m.ratings.len(), 1);
        assert_eq!(
            m.ratings[0].client_id.as_deref(),
            Some("c0"),
            "assignment kept"
        );
        assert_eq!(m.clients[0].label, "JX", "rename kept");
    }
    assert!(merge(&a, &b).0.clients[1].archived);
    assert!(merge(&b, &a).0.clients[1].archived);
    // An older copy never undoes a restore.
    let mut restored = b.clone();
    set_archived(&mut restored, "c1", false, t(12)).unwrap();
    assert!(!merge(&b, &restored).0.clients[1].archived);
    assert!(!merge(&restored, &b).0.clients[1].archived);
}

fn note(feedback: &str, response: &str) -> NoteInput {
    NoteInput {
        client_feedback: feedback.into(),
        therapist_response: response.into(),
    }
}

#[test]
fn a_note_is_kept_as_typed_and_stamped() {
    let mut s = store_with(&["JD"]);
    let typed = note("  felt rushed \n", "slow down; \"check in\"");
    set_note(&mut s, "r1", typed.clone(), t(10)).unwrap();
    assert_eq!(s.ratings[0].note, Some(typed.clone()));
    assert_eq!(s.ratings[0].updated_at, Some(t(10)));
    // The same text again is no edit: the stamp stays.
    set_note(&mut s, "r1", typed, t(11)).unwrap();
    assert_eq!(s.ratings[0].updated_at, Some(t(10)));
    // Blank fields remove the note, and that is an edit too.
    set_note(&mut s, "r1", note(" ", "\n"), t(12)).unwrap();
    assert_eq!(s.ratings[0].note, None);
    assert_eq!(s.ratings[0].updated_at, Some(t(12)));
    assert_eq!(
        set_note(&mut s, "nope", note("a", ""), t(13)),
        Err(EditError::Missing)
    );
    assert_eq!(s.ratings[0].scores, rating("r1").scores, "scores untouched");
}

#[test]
fn the_later_note_edit_wins_a_merge_and_scores_never_change() {
    let base = store_with(&["JD"]);
    let mut mine = base.clone();
    set_note(&mut mine, "r1", note("too fast", ""), t(10)).unwrap();
    let mut theirs = base.clone();
    set_note(&mut theirs, "r1", note("too slow", "agreed"), t(11)).unwrap();
    // A copy with different scores (corrupted or tampered) must not rewrite them.
    theirs.ratings[0].scores = [10, 10, 10, 10].map(|v| Tenths::new(v).unwrap()).to_vec();

    let (m, _) = merge(&mine, &theirs);
    assert_eq!(m.ratings[0].note, Some(note("too slow", "agreed")));
    assert_eq!(m.ratings[0].updated_at, Some(t(11)));
    assert_eq!(m.ratings[0].scores, base.ratings[0].scores);

    // The older edit loses, whichever side it is on.
    let (m, _) = merge(&theirs, &mine);
    assert_eq!(m.ratings[0].note, Some(note("too slow", "agreed")));
    // An unedited copy never removes a note.
    let (m, _) = merge(&mine, &base);
    assert_eq!(m.ratings[0].note, Some(note("too fast", "")));
}

#[test]
fn a_session_without_a_rating_is_logged_with_an_optional_reason() {
    use attune::domain::records::clients::{
        log_unrated, set_archived, EditError, UNRATED_REASON_MAX_CHARS,
    };
    let mut s = store_with(&["AB", "CD"]);
    let ab = s.clients[0].id.clone();
    let cd = s.clients[1].id.clone();
    log_unrated(&mut s, "u1".into(), &ab, t(9), "  ran out of time  ", t(10)).unwrap();
    log_unrated(&mut s, "u2".into(), &ab, t(9), "   ", t(10)).unwrap();
    assert_eq!(s.unrated[0].reason.as_deref(), Some("ran out of time"));
    assert_eq!(s.unrated[1].reason, None, "a blank reason is none");
    assert_eq!(
        log_unrated(&mut s, "u3".into(), "nobody", t(9), "", t(10)),
        Err(EditError::Missing)
    );
    assert_eq!(
        log_unrated(&mut s, "u3".into(), &ab, t(12), "", t(10)),
        Err(EditError::Future)
    );
    let long = "x".repeat(UNRATED_REASON_MAX_CHARS + 1);
    assert_eq!(
        log_unrated(&mut s, "u3".into(), &ab, t(9), &long, t(10)),
        Err(EditError::ReasonTooLong(UNRATED_REASON_MAX_CHARS))
    );
    set_archived(&mut s, &cd, true, t(10)).unwrap();
    assert_eq!(
        log_unrated(&mut s, "u3".into(), &cd, t(9), "", t(10)),
        Err(EditError::Archived)
    );
    assert_eq!(s.unrated.len(), 2, "refused logs change nothing");
}
