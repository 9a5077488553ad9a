//! "My alliance": every figure on a hand-made caseload with worked-out
//! values, the too-early rule at 19 and 20 sessions, period boundaries,
//! months with an offset and sessions logged without a rating.

use attune::domain::caseload::{median, my_alliance, Figure, MyAlliance, Period, Reading, Share};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::measures::score::{Tenths, Total};
use attune::domain::records::store::{Client, Store};
use attune::domain::records::unrated::UnratedSession;
use attune::domain::words::Words;
use chrono::Duration;

mod common;
use common::at;

fn client(id: &str) -> Client {
    common::client(id, &id.to_uppercase(), at("2026-01-01T09:00:00Z"))
}

fn rating(id: &str, client: Option<&str>, session: &str, scores: [u16; 4]) -> Rating {
    common::srs(id, client, at(session), &scores)
}

const NOW: &str = "2026-06-15T12:00:00Z";
/// The four session dates in the period, one per month from March to June.
const DATES: [&str; 4] = [
    "2026-03-20T10:00:00Z",
    "2026-04-10T10:00:00Z",
    "2026-05-08T10:00:00Z",
    "2026-06-05T10:00:00Z",
];

/// Five clients, four sessions each in the last 3 months (20 in all); c1
/// also had a session in February, so its sessions in the period are its
/// 2nd to 5th. Totals, session by session:
/// - c1: (Feb 20.0) 35.5, 36.0, 37.3, 38.0
/// - c2: 40.0 ×4 (every item at the top)
/// - c3: 39.0 ×4 (every item 9.5 or more; Goals lowest each time)
/// - c4: 33.0, 35.5, 37.0, 38.0
/// - c5: 35.0, 36.8, 39.5, 40.0
fn caseload() -> Store {
    let plan: [(&str, [[u16; 4]; 4]); 5] = [
        (
            "c1",
            [
                [90, 90, 90, 85],
                [90, 90, 90, 90],
                [88, 95, 95, 95],
                [95, 95, 95, 95],
            ],
        ),
        ("c2", [[100; 4]; 4]),
        ("c3", [[96, 95, 99, 100]; 4]),
        (
            "c4",
            [
                [80, 70, 90, 90],
                [90, 85, 90, 90],
                [95, 90, 90, 95],
                [95, 95, 95, 95],
            ],
        ),
        (
            "c5",
            [
                [90, 90, 80, 90],
                [92, 92, 92, 92],
                [100, 95, 100, 100],
                [100; 4],
            ],
        ),
    ];
    let mut ratings = vec![rating(
        "c1-feb",
        Some("c1"),
        "2026-02-01T10:00:00Z",
        [50; 4],
    )];
    for (c, sessions) in plan {
        for (k, scores) in sessions.into_iter().enumerate() {
            ratings.push(rating(&format!("{c}-{k}"), Some(c), DATES[k], scores));
        }
    }
    Store {
        clients: ["c1", "c2", "c3", "c4", "c5"].map(client).to_vec(),
        ratings,
        last_backup_at: None,
        unrated: Vec::new(),
        episode_ends: Vec::new(),
    }
}

fn alliance(store: &Store, unrated: &[UnratedSession]) -> MyAlliance {
    my_alliance(
        store,
        unrated,
        &ScaleDefinition::builtin(),
        Period::Last3Months,
        at(NOW),
        0,
        Words::EN,
    )
}

fn value<T: Clone>(f: &Figure<T>) -> T {
    f.value().cloned().expect("a value")
}

fn too_early<T>(f: &Figure<T>) -> Option<usize> {
    match f.reading {
        Reading::TooEarly { sessions } => Some(sessions),
        _ => None,
    }
}

#[test]
fn medians_by_session_number_count_the_whole_history() {
    let a = alliance(&caseload(), &[]);
    assert_eq!(a.sessions, 20);
    assert_eq!(a.from, at("2026-03-15T12:00:00Z"));
    // First: 33.0, 35.0, 39.0, 40.0 (c1's first was in February) → 37.0.
    assert_eq!(value(&a.first_sessions), Total(370));
    assert_eq!(a.first_sessions.text, "37.0 / 40 (4 sessions)");
    assert_eq!(a.first_sessions.title, "Median total at first sessions");
    // Second: 35.5, 35.5, 36.8, 39.0, 40.0 → 36.8.
    assert_eq!(value(&a.second_sessions), Total(368));
    assert_eq!(a.second_sessions.text, "36.8 / 40 (5 sessions)");
    // Later: 11 sessions, the middle one 39.0.
    assert_eq!(value(&a.later_sessions), Total(390));
    assert_eq!(a.later_sessions.text, "39.0 / 40 (11 sessions)");
}

#[test]
fn feedback_elicited_ceiling_and_lowest_dimension() {
    let a = alliance(&caseload(), &[]);
    // c4's first two, c5's first, c1's 2nd (Overall 8.5) and 4th (Relationship 8.8).
    // c1's 36.0 with every item at 9.0 is neither below the cutoff nor below 9.
    let elicited = value(&a.feedback_elicited);
    assert_eq!(elicited, Share { part: 5, whole: 20 });
    assert_eq!(a.feedback_elicited.text, "5 of 20 sessions (25%)");
    assert!(a.feedback_elicited.meaning.contains("best outcomes"));

    // All five clients have 4 sessions; c2 and c3 marked 9.5 or more every time.
    assert_eq!(value(&a.ceiling_clients), Share { part: 2, whole: 5 });
    assert_eq!(
        a.ceiling_clients.text,
        "2 of 5 clients with 3 or more sessions (40%)"
    );
    assert!(a.ceiling_clients.meaning.contains("politeness"));

    // Goals: c3 ×4, c4 twice, c5 once, and half of c4's Goals/Approach tie = 7.5.
    // Approach 1.5, Relationship 1, Overall 1; level sessions name none (11 counted).
    let d = value(&a.lowest_dimension);
    assert_eq!(d.items, [1]);
    assert_eq!(d.per_session, 12);
    assert_eq!(d.votes, [12, 90, 18, 12]);
    assert_eq!(d.sessions, 11);
    assert_eq!(d.times_text(2), "1.5");
    assert_eq!(
        a.lowest_dimension.text,
        "Goals and Topics was lowest in 7.5 of 11 sessions (ties shared)"
    );
    assert!(a.lowest_dimension.meaning.contains("revisit goals"));
}

#[test]
fn month_by_month_medians_and_counts() {
    let a = alliance(&caseload(), &[]);
    let months = value(&a.months);
    let got: Vec<(&str, usize, Option<Total>)> = months
        .iter()
        .map(|m| (m.label.as_str(), m.sessions, m.median))
        .collect();
    assert_eq!(
        got,
        [
            ("Mar 2026", 5, Some(Total(355))),
            ("Apr 2026", 5, Some(Total(368))),
            ("May 2026", 5, Some(Total(390))),
            ("Jun 2026", 5, Some(Total(390))),
        ]
    );
    assert_eq!(months[0].median_text, "35.5 / 40");
    assert_eq!((months[3].year, months[3].month), (2026, 6));
}

#[test]
fn too_early_below_20_sessions_shown_from_20() {
    let mut store = caseload();
    let a = alliance(&store, &[]);
    assert!(matches!(a.first_sessions.reading, Reading::Value(_)));
    store.ratings.retain(|r| r.id != "c2-3");
    let a = alliance(&store, &[]);
    assert_eq!(a.sessions, 19);
    assert_eq!(too_early(&a.first_sessions), Some(19));
    assert_eq!(too_early(&a.second_sessions), Some(19));
    assert_eq!(too_early(&a.later_sessions), Some(19));
    assert_eq!(too_early(&a.feedback_elicited), Some(19));
    assert_eq!(too_early(&a.ceiling_clients), Some(19));
    assert_eq!(too_early(&a.lowest_dimension), Some(19));
    assert_eq!(too_early(&a.months), Some(19));
    assert_eq!(
        a.first_sessions.text,
        "Too early: 19 of the 20 sessions needed so far"
    );
    // The sentence of what it may mean stays, so the screen still explains the figure.
    assert!(!a.first_sessions.meaning.is_empty());
}

#[test]
fn period_includes_its_start_and_now_and_nothing_outside() {
    let now = at(NOW);
    let start = at("2026-03-15T12:00:00Z");
    let p = Period::Last3Months;
    assert_eq!(p.start(now), start);
    assert!(p.contains(start, now));
    assert!(!p.contains(start - Duration::seconds(1), now));
    assert!(p.contains(now, now));
    assert!(!p.contains(now + Duration::seconds(1), now));
    assert_eq!(Period::Last6Months.start(now), at("2025-12-15T12:00:00Z"));
    assert_eq!(Period::Last12Months.start(now), at("2025-06-15T12:00:00Z"));
    // 31 May minus 3 months is the last day of February.
    assert_eq!(
        p.start(at("2026-05-31T08:00:00Z")),
        at("2026-02-28T08:00:00Z")
    );
    assert_eq!(Period::Last12Months.label(Words::EN), "Last 12 months");

    // Through the figures: a session exactly at the start counts, one a second earlier does not.
    let mut store = caseload();
    store.ratings.retain(|r| r.id != "c2-3");
    store
        .ratings
        .push(rating("edge", Some("c2"), "2026-03-15T12:00:00Z", [100; 4]));
    assert_eq!(alliance(&store, &[]).sessions, 20);
    store.ratings.last_mut().unwrap().session_at = start - Duration::seconds(1);
    assert_eq!(alliance(&store, &[]).sessions, 19);
    // The longer periods reach c1's February session.
    let a = my_alliance(
        &store,
        &[],
        &ScaleDefinition::builtin(),
        Period::Last6Months,
        now,
        0,
        Words::EN,
    );
    assert_eq!(a.sessions, 21);
    assert_eq!(value(&a.months).len(), 7);
}

#[test]
fn months_follow_the_given_offset() {
    let mut store = caseload();
    // 31 March 23:30 UTC is already April an hour east of UTC.
    store
        .ratings
        .push(rating("late", Some("c2"), "2026-03-31T23:30:00Z", [100; 4]));
    let count = |offset| {
        let a = my_alliance(
            &store,
            &[],
            &ScaleDefinition::builtin(),
            Period::Last3Months,
            at(NOW),
            offset,
            Words::EN,
        );
        value(&a.months)
            .iter()
            .map(|m| m.sessions)
            .collect::<Vec<_>>()
    };
    assert_eq!(count(0), [6, 5, 5, 5]);
    assert_eq!(count(60), [5, 6, 5, 5]);
}

#[test]
fn unrated_sessions_count_in_numbering_and_in_the_share_rated() {
    let store = caseload();
    assert_eq!(alliance(&store, &[]).sessions_rated, None);
    let unrated = [
        // Before c2's first rating: c2's first rated session is really its second.
        UnratedSession {
            id: "u1".into(),
            client_id: "c2".into(),
            at: at("2026-03-01T10:00:00Z"),
            reason: Some("ran out of time".into()),
        },
        UnratedSession {
            id: "u2".into(),
            client_id: "c4".into(),
            at: at("2026-04-20T10:00:00Z"),
            reason: None,
        },
    ];
    let a = alliance(&store, &unrated);
    // First sessions are now c3, c4, c5: 33.0, 35.0, 39.0.
    assert_eq!(value(&a.first_sessions), Total(350));
    assert_eq!(a.first_sessions.text, "35.0 / 40 (3 sessions)");
    // Only u2 falls in the period: 20 of 21 rated.
    let rated = a.sessions_rated.expect("given unrated sessions");
    assert_eq!(
        value(&rated),
        Share {
            part: 20,
            whole: 21
        }
    );
    assert_eq!(rated.text, "20 of 21 sessions (95%)");
    assert!(rated.meaning.contains("closing ritual"));
}

#[test]
fn unassigned_ratings_count_except_where_a_client_is_needed() {
    let mut store = caseload();
    store
        .ratings
        .push(rating("q", None, "2026-06-01T10:00:00Z", [80; 4]));
    let a = alliance(&store, &[]);
    assert_eq!((a.sessions, a.unassigned), (21, 1));
    assert_eq!(value(&a.feedback_elicited), Share { part: 6, whole: 21 });
    // Not numbered: the medians by session number are unchanged.
    assert_eq!(a.first_sessions.text, "37.0 / 40 (4 sessions)");
    assert_eq!(a.later_sessions.text, "39.0 / 40 (11 sessions)");
}

#[test]
fn ties_for_the_lowest_dimension_are_shared_fairly() {
    let day = |d: u32| format!("2026-05-{d:02}T10:00:00Z");
    let mut ratings: Vec<Rating> = (1..=10)
        .map(|d| rating(&format!("r{d}"), Some("c1"), &day(d), [80, 90, 90, 90]))
        .collect();
    ratings
        .extend((11..=20).map(|d| rating(&format!("r{d}"), Some("c1"), &day(d), [90, 90, 80, 90])));
    let mut store = Store {
        clients: vec![client("c1")],
        ratings,
        last_backup_at: None,
        unrated: Vec::new(),
        episode_ends: Vec::new(),
    };
    let a = alliance(&store, &[]);
    assert_eq!(
        a.lowest_dimension.text,
        "Relationship and Approach or Method were each lowest in 10.0 of 20 sessions (ties shared)"
    );
    // A three-way tie gives each item a third of the session.
    for r in &mut store.ratings {
        r.scores = [80, 80, 80, 90].map(|s| Tenths::new(s).unwrap()).to_vec();
    }
    let d = value(&alliance(&store, &[]).lowest_dimension);
    assert_eq!(d.items, [0, 1, 2]);
    assert_eq!(d.times_text(0), "6.7");
    assert_eq!(d.votes, [80, 80, 80, 0]);
    // Every item level: no session names a lowest dimension.
    for r in &mut store.ratings {
        r.scores = [90; 4].map(|s| Tenths::new(s).unwrap()).to_vec();
    }
    let a = alliance(&store, &[]);
    assert_eq!(a.lowest_dimension.reading, Reading::NoData);
    assert_eq!(
        a.lowest_dimension.text,
        "No session had one item lower than the others"
    );
}

#[test]
fn median_and_share_in_exact_tenths() {
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[Total(300)]), Some(Total(300)));
    // 36.0 and 36.5: the mean 36.25 rounds half up to 36.3.
    assert_eq!(median(&[Total(365), Total(360)]), Some(Total(363)));
    assert_eq!(
        median(&[Total(400), Total(100), Total(250)]),
        Some(Total(250))
    );
    assert_eq!(Share { part: 1, whole: 8 }.percent(), 13);
    assert_eq!(Share { part: 0, whole: 0 }.percent(), 0);
    assert_eq!(Share { part: 1, whole: 3 }.to_string(), "1 of 3 (33%)");
}

#[test]
fn no_figure_reads_as_a_grade() {
    let a = alliance(&caseload(), &[]);
    let texts = [
        &a.first_sessions.meaning,
        &a.second_sessions.meaning,
        &a.later_sessions.meaning,
        &a.feedback_elicited.meaning,
        &a.ceiling_clients.meaning,
        &a.lowest_dimension.meaning,
        &a.months.meaning,
    ];
    for t in texts {
        let lower = t.to_lowercase();
        for word in ["poor", "fair", "good", "bad", "fail", "grade", "score"] {
            assert!(!lower.contains(word), "{t:?} contains {word:?}");
        }
        assert!(t.ends_with('.'), "{t:?} is one sentence");
    }
}
