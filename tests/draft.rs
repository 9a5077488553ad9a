//! The in-progress rating: starts blank, knows when it is done, and becomes a
//! rating only when every line has a mark.

use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::measures::score::Tenths;
use attune::domain::records::draft::Draft;
use chrono::{DateTime, Utc};

fn t(n: u16) -> Tenths {
    Tenths::new(n).expect("valid tenths in test")
}

fn at(s: &str) -> DateTime<Utc> {
    attune::domain::time::parse(s).expect("valid test timestamp")
}

fn two_item_scale() -> ScaleDefinition {
    ScaleDefinition::from_json(
        r#"{"id":"mini","version":3,"name":"Mini","items":[
            {"id":"a","title":"A","left":"l","right":"r"},
            {"id":"b","title":"B","left":"l","right":"r"}]}"#,
    )
    .expect("valid test scale")
}

fn with_scores(scores: &[Option<u16>]) -> Draft {
    let mut d = Draft::blank(&ScaleDefinition::builtin());
    d.scores = scores.iter().map(|s| s.map(t)).collect();
    d
}

#[test]
fn a_blank_draft_has_no_marks_and_fits_its_scale() {
    let scale = ScaleDefinition::builtin();
    let d = Draft::blank(&scale);
    assert_eq!(d.scale_id, scale.id);
    assert_eq!(d.scale_version, scale.version);
    assert_eq!(d.scores, vec![None; 4], "no preset marks");
    assert_eq!(d.client_id, None);
    assert_eq!(d.session_at, None);
    assert!(d.is_empty());
    assert!(!d.is_complete());
    assert!(d.fits(&scale));

    let mini = two_item_scale();
    let m = Draft::blank(&mini);
    assert_eq!((m.scale_id.as_str(), m.scale_version), ("mini", 3));
    assert_eq!(m.scores.len(), 2);
    assert!(m.fits(&mini));
    assert!(!m.fits(&scale), "a draft for another scale does not fit");
    assert!(!d.fits(&mini));
}

#[test]
fn empty_and_complete_follow_the_marks() {
    let cases: &[(&str, [Option<u16>; 4], bool, bool)] = &[
        ("blank", [None; 4], true, false),
        ("first line", [Some(50), None, None, None], false, false),
        ("last line", [None, None, None, Some(0)], false, false),
        (
            "three of four",
            [Some(1), Some(2), Some(3), None],
            false,
            false,
        ),
        (
            "all four",
            [Some(73), Some(80), Some(82), Some(80)],
            false,
            true,
        ),
        ("all four at 0.0", [Some(0); 4], false, true),
    ];
    for &(label, scores, empty, complete) in cases {
        let d = with_scores(&scores);
        assert_eq!(d.is_empty(), empty, "{label}: is_empty");
        assert_eq!(d.is_complete(), complete, "{label}: is_complete");
    }
}

#[test]
fn fits_needs_the_same_id_version_and_item_count() {
    let scale = ScaleDefinition::builtin();
    let base = Draft::blank(&scale);
    let cases: Vec<(&str, Draft, bool)> = vec![
        ("unchanged", base.clone(), true),
        (
            "marks do not matter",
            with_scores(&[Some(1), None, Some(3), None]),
            true,
        ),
        (
            "other id",
            Draft {
                scale_id: "other".into(),
                ..base.clone()
            },
            false,
        ),
        (
            "other version",
            Draft {
                scale_version: scale.version + 1,
                ..base.clone()
            },
            false,
        ),
        (
            "one line fewer",
            Draft {
                scores: vec![None; 3],
                ..base.clone()
            },
            false,
        ),
        (
            "one line more",
            Draft {
                scores: vec![None; 5],
                ..base.clone()
            },
            false,
        ),
        (
            "client and date do not matter",
            Draft {
                client_id: Some("c1".into()),
                session_at: Some(at("2026-01-01T09:00:00Z")),
                ..base.clone()
            },
            true,
        ),
    ];
    for (label, draft, fits) in cases {
        assert_eq!(draft.fits(&scale), fits, "{label}");
    }
}

#[test]
fn a_complete_draft_becomes_a_rating_with_the_given_id_and_time() {
    let now = at("2026-11-22T14:05:09.123Z");
    let d = with_scores(&[Some(73), Some(80), Some(82), Some(80)]);
    let r = d
        .complete("id-42".to_string(), now)
        .expect("complete draft");
    assert_eq!(r.id, "id-42");
    assert_eq!(r.recorded_at, now);
    assert_eq!(r.session_at, now, "not back-dated: session is now");
    assert_eq!(r.scores, vec![t(73), t(80), t(82), t(80)]);
    assert_eq!(r.scale_id, "srs-attune");
    assert_eq!(r.scale_version, d.scale_version);
    assert_eq!(r.client_id, None);
    assert_eq!(r.line, None);
    assert_eq!(r.updated_at, None);
    assert_eq!(r.total().to_string(), "31.5");
    // Completing does not consume or change the draft.
    assert_eq!(d, with_scores(&[Some(73), Some(80), Some(82), Some(80)]));
}

#[test]
fn a_back_dated_draft_keeps_its_session_time_and_client() {
    let now = at("2026-11-22T14:05:09Z");
    let session = at("2026-11-20T09:30:00Z");
    let mut d = with_scores(&[Some(100); 4]);
    d.client_id = Some("client-7".into());
    d.session_at = Some(session);
    let r = d.complete("r".into(), now).expect("complete draft");
    assert_eq!(r.recorded_at, now);
    assert_eq!(r.session_at, session);
    assert_eq!(r.client_id.as_deref(), Some("client-7"));
}

#[test]
fn an_incomplete_draft_cannot_complete() {
    let now = at("2026-11-22T14:05:09Z");
    for (label, scores) in [
        ("blank", [None; 4]),
        ("first missing", [None, Some(1), Some(2), Some(3)]),
        ("middle missing", [Some(1), Some(2), None, Some(3)]),
        ("last missing", [Some(1), Some(2), Some(3), None]),
    ] {
        assert_eq!(
            with_scores(&scores).complete("r".into(), now),
            None,
            "{label}"
        );
    }
}

#[test]
fn a_draft_survives_a_save_and_reload() {
    let mut d = with_scores(&[Some(55), None, Some(100), None]);
    d.session_at = Some(at("2026-11-20T09:30:00+01:00"));
    let json = serde_json::to_string(&d).unwrap();
    assert!(
        json.contains("\"session_at\":\"2026-11-20T08:30:00Z\""),
        "{json}"
    );
    assert!(json.contains("\"scores\":[55,null,100,null]"), "{json}");
    assert_eq!(serde_json::from_str::<Draft>(&json).unwrap(), d);

    // Drafts saved before clients and back-dating existed still load.
    let old = r#"{"scale_id":"srs-attune","scale_version":1,"scores":[null,70,null,null]}"#;
    let loaded: Draft = serde_json::from_str(old).unwrap();
    assert_eq!(loaded.client_id, None);
    assert_eq!(loaded.session_at, None);
    assert_eq!(loaded.scores, vec![None, Some(t(70)), None, None]);
    assert!(loaded.fits(&ScaleDefinition::builtin()));

    // A stored mark above 10.0 or a broken date is refused, not clamped.
    assert!(serde_json::from_str::<Draft>(&old.replace("70", "101")).is_err());
    let bad_date = r#"{"scale_id":"s","scale_version":1,"session_at":"yesterday","scores":[]}"#;
    assert!(serde_json::from_str::<Draft>(bad_date).is_err());
}

#[test]
fn marks_of_another_rating_stand_in_the_way_of_a_new_one_but_not_of_their_own() {
    use attune::domain::measures::kinds::MeasureKind;
    let srs = attune::domain::measures::scale::ScaleDefinition::builtin();
    let ors = attune::domain::measures::scale::ScaleDefinition::builtin_ors();
    let next = Draft::for_session(&ors, MeasureKind::Ors, "c1", "s1");
    // Empty: nothing to lose.
    assert!(!Draft::blank(&srs).in_the_way_of(&next));
    // Marks on another rating: in the way.
    let mut marked = Draft::blank(&srs);
    marked.scores[0] = Some(attune::domain::measures::score::Tenths::new(40).unwrap());
    assert!(marked.in_the_way_of(&next));
    // Marks on this very rating (a resumed form): not in the way.
    let mut resumed = next.clone();
    resumed.scores[1] = Some(attune::domain::measures::score::Tenths::new(70).unwrap());
    assert!(resumed.same_rating(&next) && !resumed.in_the_way_of(&next));
    // Another measure of the same session is another rating.
    let srs_next = Draft::for_session(&srs, MeasureKind::Srs, "c1", "s1");
    assert!(resumed.in_the_way_of(&srs_next));
}

#[test]
fn a_rating_of_its_own_for_a_client_moves_a_blank_srs_draft_to_the_clients_version() {
    use attune::domain::measures::kinds::MeasureKind;
    use attune::domain::measures::scale::Scales;
    let s = Scales::builtin();
    // A blank plain SRS draft goes to the child SRS for a child, named.
    let blank = Draft::blank(&s.srs);
    let child = blank.for_client(&s.child_srs, "c-kit").unwrap();
    assert!(child.fits(&s.child_srs));
    assert_eq!(child.client_id.as_deref(), Some("c-kit"));
    assert!(child.is_empty());
    // And back to the adult SRS for an adult.
    let adult = child.for_client(&s.srs, "c-jd").unwrap();
    assert!(adult.fits(&s.srs));
    assert_eq!(adult.client_id.as_deref(), Some("c-jd"));
    // Already on the right version: only the client changes.
    assert_eq!(adult.for_client(&s.srs, "c-jd"), Some(adult.clone()));
    // Marks are never replaced: only the client is named.
    let mut marked = Draft::blank(&s.srs);
    marked.scores[0] = Some(t(40));
    let kept = marked.for_client(&s.child_srs, "c-kit").unwrap();
    assert_eq!(kept.scores, marked.scores);
    assert!(kept.fits(&s.srs));
    // A measure of a started session of the same client stays what it is.
    let ors = Draft::for_session(&s.ors, MeasureKind::Ors, "c-kit", "s-1");
    let kept = ors.for_client(&s.child_srs, "c-kit").unwrap();
    assert!(kept.fits(&s.ors));
    assert_eq!(kept.measure, MeasureKind::Ors);
    assert_eq!(kept.session_id.as_deref(), Some("s-1"));
}

#[test]
fn another_clients_rating_under_way_is_never_filed_under_this_client() {
    use attune::domain::measures::kinds::MeasureKind;
    use attune::domain::measures::scale::Scales;
    let s = Scales::builtin();
    // Client A's session ORS, blank or marked: refused for client B.
    let ors = Draft::for_session(&s.ors, MeasureKind::Ors, "c-a", "s-a");
    assert_eq!(ors.for_client(&s.srs, "c-b"), None);
    let mut marked = Draft::blank(&s.srs);
    marked.client_id = Some("c-a".into());
    marked.scores[2] = Some(t(55));
    assert_eq!(marked.for_client(&s.srs, "c-b"), None);
    // A's blank rating of its own (no session, no marks) may become B's.
    let mut blank = Draft::blank(&s.srs);
    blank.client_id = Some("c-a".into());
    let named = blank.for_client(&s.srs, "c-b").unwrap();
    assert_eq!(named.client_id.as_deref(), Some("c-b"));
}
