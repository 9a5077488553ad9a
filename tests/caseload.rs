//! The caseload: who may need attention first, the not-seen boundary, filters and search.

use attune::domain::caseload::{caseload, flagged, search, with_flag, CaseRow, Flag};
use attune::domain::course::history::{row_alert_labels, ClientHistory};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::measures::score::Total;
use attune::domain::records::store::{Client, Store};
use attune::domain::time::utc;
use attune::domain::words::Words;
use chrono::{DateTime, Duration, Utc};

mod common;
use common::at;

fn client(id: &str, label: &str, created: &str) -> Client {
    common::client(id, label, at(created))
}

fn rating(id: &str, client: &str, session: DateTime<Utc>, scores: [u16; 4]) -> Rating {
    common::srs(id, Some(client), session, &scores)
}

fn labels(rows: &[CaseRow]) -> Vec<String> {
    rows.iter().map(|r| r.client.label.clone()).collect()
}

fn flags(row: &CaseRow) -> Vec<Flag> {
    row.flags.iter().map(|f| f.flag).collect()
}

const NOW: &str = "2026-06-15T12:00:00Z";
const CREATED: &str = "2026-01-01T09:00:00Z";

/// Three rated clients, one client added but never rated, one with nothing
/// flagged and one archived client (who must not appear).
fn three_clients() -> Store {
    let now = at(NOW);
    let day = |d: i64| now - Duration::days(d);
    let mut archived = client("x", "Archived", CREATED);
    archived.archived = true;
    Store {
        clients: vec![
            client("d", "Dee", CREATED),
            client("c", "Cee", CREATED),
            client("f", "Eff", "2026-06-12T12:00:00Z"),
            client("b", "Bee", CREATED),
            client("a", "Ay", CREATED),
            archived,
        ],
        ratings: vec![
            // Ay: 38.0 then 30.0, a sudden drop that also lands below the cutoff.
            rating("a1", "a", day(9), [95, 95, 95, 95]),
            rating("a2", "a", day(2), [80, 75, 75, 70]),
            // Bee: one session at 34.0, below the cutoff with every item below 9.
            rating("b1", "b", day(3), [85, 85, 85, 85]),
            // Cee: 38.5 with one item below 9.
            rating("c1", "c", day(4), [100, 100, 85, 100]),
            // Dee: nothing to flag.
            rating("d1", "d", day(1), [100, 100, 100, 100]),
            // The archived client's sudden drop stays out of the caseload.
            rating("x1", "x", day(9), [100, 100, 100, 100]),
            rating("x2", "x", day(1), [10, 10, 10, 10]),
        ],
        last_backup_at: None,
        unrated: Vec::new(),
        episode_ends: Vec::new(),
    }
}

#[test]
fn most_urgent_first_with_reasons_in_words() {
    let store = three_clients();
    let scale = ScaleDefinition::builtin();
    let rows = caseload(&store, &scale, at(NOW), &utc, Words::EN);
    assert_eq!(labels(&rows), ["Ay", "Bee", "Eff", "Cee", "Dee"]);

    let ay = &rows[0];
    assert_eq!(
        flags(ay),
        [Flag::SuddenDrop, Flag::BelowCutoff, Flag::LowItem]
    );
    assert_eq!(
        ay.reason,
        "Sudden drop of 8.0 since last session (Overall down 2.5); also: Below cutoff, Item below 9"
    );
    assert_eq!(ay.flags[1].reason, "Below cutoff (total 30.0)");
    assert_eq!(ay.sessions, 2);
    assert_eq!(ay.last_total, Some(Total(300)));
    assert_eq!(ay.last_total_text, "30.0 / 40");
    assert_eq!(ay.days_since, 2);

    assert_eq!(
        rows[1].reason,
        "Below cutoff (total 34.0); also: Item below 9"
    );
    assert_eq!(flags(&rows[2]), [Flag::NoSessionYet]);
    assert_eq!(rows[2].reason, "No session rated yet (added 3 days ago)");
    assert_eq!(rows[2].last_total_text, "No rating yet");
    assert_eq!(rows[2].last_session_at, None);
    assert_eq!(rows[3].reason, "Item below 9.0: Approach or Method (8.5)");
    assert!(rows[4].flags.is_empty());
    assert_eq!(rows[4].reason, "Nothing flagged at the last session");
    assert_eq!(rows[4].top_flag(), None);
}

#[test]
fn same_flag_ranks_the_longest_unseen_first_then_the_label() {
    let now = at(NOW);
    let low = [100, 100, 85, 100];
    let store = Store {
        clients: vec![
            client("1", "bea", CREATED),
            client("2", "Abe", CREATED),
            client("3", "Cal", CREATED),
        ],
        ratings: vec![
            rating("r1", "1", now - Duration::days(5), low),
            rating("r2", "2", now - Duration::days(5), low),
            rating("r3", "3", now - Duration::days(12), low),
        ],
        last_backup_at: None,
        unrated: Vec::new(),
        episode_ends: Vec::new(),
    };
    let rows = caseload(&store, &ScaleDefinition::builtin(), now, &utc, Words::EN);
    // Cal was seen longest ago; Abe and bea tie on date and sort by label, ignoring case.
    assert_eq!(labels(&rows), ["Cal", "Abe", "bea"]);
}

#[test]
fn not_seen_flags_from_21_calendar_days_not_20() {
    let last = at("2026-05-01T10:00:00Z");
    let store = Store {
        clients: vec![client("a", "Ay", CREATED)],
        ratings: vec![rating("r", "a", last, [100, 100, 100, 100])],
        last_backup_at: None,
        unrated: Vec::new(),
        episode_ends: Vec::new(),
    };
    let scale = ScaleDefinition::builtin();
    // The last minute of the 20th calendar day after is still 20 days.
    let almost = at("2026-05-21T23:59:00Z");
    let row = &caseload(&store, &scale, almost, &utc, Words::EN)[0];
    assert_eq!(row.days_since, 20);
    assert!(row.flags.is_empty());

    // The 21st calendar day flags at its first minute, though fewer than
    // 21 × 24 hours have passed since 10:00.
    let row = &caseload(&store, &scale, at("2026-05-22T00:00:00Z"), &utc, Words::EN)[0];
    assert_eq!(row.days_since, 21);
    assert_eq!(flags(row), [Flag::NotSeen]);
    assert_eq!(
        row.reason,
        "Not seen for 21 days: a check-in may keep a quiet dropout from happening"
    );
}

#[test]
fn not_seen_counts_calendar_days_in_the_device_time_zone() {
    // Monday 17:00 in New York (UTC−4 in summer), then Monday three weeks
    // later at 09:00 there: 21 calendar days, 20 days and 16 hours elapsed.
    let new_york = |_: DateTime<Utc>| -4 * 60;
    let last = at("2026-06-01T21:00:00Z");
    let now = at("2026-06-22T13:00:00Z");
    let store = Store {
        clients: vec![client("a", "Ay", CREATED)],
        ratings: vec![rating("r", "a", last, [100; 4])],
        ..Store::default()
    };
    let scale = ScaleDefinition::builtin();
    let row = &caseload(&store, &scale, now, &new_york, Words::EN)[0];
    assert_eq!(row.days_since, 21);
    assert_eq!(flags(row), [Flag::NotSeen]);

    // The zone decides the date: 21:00 UTC is already Tuesday in Sydney
    // (UTC+10), so there it is 20 days (Tuesday 07:00 to Monday 23:00).
    let sydney = |_: DateTime<Utc>| 10 * 60;
    let row = &caseload(&store, &scale, now, &sydney, Words::EN)[0];
    assert_eq!(row.days_since, 20);
    assert!(row.flags.is_empty());
}

#[test]
fn a_session_logged_without_a_rating_counts_as_a_session() {
    use attune::domain::records::unrated::UnratedSession;
    let now = at(NOW);
    let rated = now - Duration::days(25);
    let mut store = Store {
        clients: vec![client("a", "Ay", CREATED)],
        ratings: vec![rating("r", "a", rated, [100; 4])],
        ..Store::default()
    };
    let scale = ScaleDefinition::builtin();
    let before = &caseload(&store, &scale, now, &utc, Words::EN)[0];
    assert_eq!(flags(before), [Flag::NotSeen]);
    assert_eq!(before.sessions, 1);

    // Seen this morning without a rating: no longer "not seen", one more
    // session, and the last session is this morning's; the last total stays
    // the last SRS.
    let morning = now - Duration::hours(3);
    store.unrated.push(UnratedSession {
        id: "u1".into(),
        client_id: "a".into(),
        at: morning,
        reason: None,
    });
    let row = &caseload(&store, &scale, now, &utc, Words::EN)[0];
    assert!(row.flags.is_empty(), "{:?}", row.flags);
    assert_eq!(row.sessions, 2);
    assert_eq!(row.last_session_at, Some(morning));
    assert_eq!(row.days_since, 0);
    assert_eq!(row.last_total, Some(Total(400)));
}

#[test]
fn a_client_seen_without_an_srs_is_not_called_unseen() {
    use attune::domain::measures::kinds::MeasureKind;
    use attune::domain::records::unrated::UnratedSession;
    let now = at(NOW);
    // A round under way: the ORS of today's session is given, the SRS is to
    // come; and a session logged without a rating a week ago.
    let ors = Rating {
        measure: MeasureKind::Ors,
        scale_id: "ors-attune".into(),
        session_id: Some("s1".into()),
        ..rating("o1", "a", now - Duration::hours(1), [50; 4])
    };
    let store = Store {
        clients: vec![client("a", "Ay", CREATED)],
        ratings: vec![ors],
        unrated: vec![UnratedSession {
            id: "u1".into(),
            client_id: "a".into(),
            at: now - Duration::days(7),
            reason: None,
        }],
        ..Store::default()
    };
    let row = &caseload(&store, &ScaleDefinition::builtin(), now, &utc, Words::EN)[0];
    assert_eq!(row.sessions, 2);
    assert_eq!(row.days_since, 0);
    assert_eq!(flags(row), [Flag::NoSessionYet]);
    assert_eq!(row.reason, "No SRS rated yet (2 sessions, the last today)");
    assert_eq!(row.last_total_text, "No rating yet");

    // Today's SRS then left out and logged as a session without a rating:
    // one visit, so still 2 sessions.
    let mut store = store;
    store.unrated.push(UnratedSession {
        id: "u2".into(),
        client_id: "a".into(),
        at: now - Duration::minutes(10),
        reason: Some("ran out of time".into()),
    });
    let row = &caseload(&store, &ScaleDefinition::builtin(), now, &utc, Words::EN)[0];
    assert_eq!(
        row.sessions, 2,
        "the ORS and the log of the same day are one visit"
    );
    assert_eq!(row.last_session_at, Some(now - Duration::minutes(10)));
}

#[test]
fn not_seen_ranks_below_a_drop_and_above_a_low_item() {
    let now = at(NOW);
    let store = Store {
        clients: vec![
            client("q", "Quiet", CREATED),
            client("l", "Low", CREATED),
            client("d", "Dropped", CREATED),
        ],
        ratings: vec![
            rating("q1", "q", now - Duration::days(30), [100; 4]),
            rating("l1", "l", now - Duration::days(40), [100, 100, 100, 85]),
            rating("l2", "l", now - Duration::days(1), [100, 100, 100, 85]),
            // 40.0 → 38.5: a drop of 1.5, no item below 9.
            rating("d1", "d", now - Duration::days(8), [100; 4]),
            rating("d2", "d", now - Duration::days(1), [100, 100, 90, 95]),
        ],
        last_backup_at: None,
        unrated: Vec::new(),
        episode_ends: Vec::new(),
    };
    let rows = caseload(&store, &ScaleDefinition::builtin(), now, &utc, Words::EN);
    assert_eq!(labels(&rows), ["Dropped", "Quiet", "Low"]);
    assert_eq!(rows[0].reason, "Drop of 1.5 since last session");
}

#[test]
fn the_same_item_low_three_sessions_running_uses_the_history_words() {
    let now = at(NOW);
    let goals_low = [95, 85, 95, 95];
    let mut ratings: Vec<Rating> = (0..3)
        .map(|i| {
            rating(
                &format!("r{i}"),
                "a",
                now - Duration::days(21 - 7 * i),
                goals_low,
            )
        })
        .collect();
    let mut store = Store {
        clients: vec![client("a", "Ay", CREATED)],
        ratings: ratings.clone(),
        last_backup_at: None,
        unrated: Vec::new(),
        episode_ends: Vec::new(),
    };
    let scale = ScaleDefinition::builtin();
    let row = caseload(&store, &scale, now, &utc, Words::EN).remove(0);
    assert_eq!(flags(&row), [Flag::RepeatedLowItem, Flag::LowItem]);
    assert_eq!(
        row.flags[0].reason,
        "Goals and Topics lowest and below 9.0 for 3 sessions running"
    );
    // The same words as the last row of the history table.
    let history = ClientHistory::for_client(&store.ratings, "a");
    let table = row_alert_labels(&history, &scale, Words::EN).pop().unwrap();
    assert!(table.contains(&row.flags[0].reason));
    assert!(table.contains(&row.flags[1].reason));

    // Two sessions running is not yet a pattern.
    ratings.remove(0);
    store.ratings = ratings;
    let row = caseload(&store, &scale, now, &utc, Words::EN).remove(0);
    assert_eq!(flags(&row), [Flag::LowItem]);
}

#[test]
fn filters_and_search_keep_the_order() {
    let store = three_clients();
    let rows = caseload(
        &store,
        &ScaleDefinition::builtin(),
        at(NOW),
        &utc,
        Words::EN,
    );
    let names =
        |v: Vec<&CaseRow>| -> Vec<String> { v.iter().map(|r| r.client.label.clone()).collect() };
    assert_eq!(names(with_flag(&rows, Flag::BelowCutoff)), ["Ay", "Bee"]);
    assert_eq!(names(with_flag(&rows, Flag::LowItem)), ["Ay", "Bee", "Cee"]);
    assert!(with_flag(&rows, Flag::NotSeen).is_empty());
    assert_eq!(names(flagged(&rows)), ["Ay", "Bee", "Eff", "Cee"]);
    assert_eq!(names(search(&rows, "  EE ")), ["Bee", "Cee", "Dee"]);
    assert_eq!(names(search(&rows, "ay")), ["Ay"]);
    assert_eq!(search(&rows, "").len(), 5);
    assert!(search(&rows, "zz").is_empty());
    assert_eq!(Flag::ALL.len(), 7);
    assert!(Flag::ALL.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn ten_thousand_ratings_over_fifty_clients() {
    let now = at(NOW);
    let clients: Vec<Client> = (0..50)
        .map(|c| client(&format!("c{c}"), &format!("K{c:02}"), CREATED))
        .collect();
    let ratings: Vec<Rating> = (0..10_000)
        .map(|i| {
            let c = i % 50;
            // Client c's sessions end c days ago; the last falls to 30.0 for c < 5.
            let when = now - Duration::days(c as i64) - Duration::hours((i / 50) as i64);
            let scores = if c < 5 && i / 50 == 0 {
                [75, 75, 75, 75]
            } else {
                [100; 4]
            };
            rating(&format!("r{i}"), &format!("c{c}"), when, scores)
        })
        .collect();
    let store = Store {
        clients,
        ratings,
        last_backup_at: None,
        unrated: Vec::new(),
        episode_ends: Vec::new(),
    };
    let rows = caseload(&store, &ScaleDefinition::builtin(), now, &utc, Words::EN);
    assert_eq!(rows.len(), 50);
    assert!(rows.iter().all(|r| r.sessions == 200));
    // Five sudden drops first (the one seen longest ago first), then the 29
    // clients not seen for 21 days or more (longest first), then the 16 others.
    assert_eq!(labels(&rows[..5]), ["K04", "K03", "K02", "K01", "K00"]);
    assert!(rows[..5]
        .iter()
        .all(|r| r.top_flag() == Some(Flag::SuddenDrop)));
    assert_eq!(rows[5].client.label, "K49");
    assert_eq!(rows[33].client.label, "K21");
    assert_eq!(with_flag(&rows, Flag::NotSeen).len(), 29);
    assert!(rows[34..].iter().all(|r| r.flags.is_empty()));
    assert_eq!(rows[34].client.label, "K20");
}

#[test]
fn a_case_counts_each_session_once_by_its_lowest_srs_and_a_group_is_never_unrated() {
    use attune::domain::measures::kinds::RaterRef;
    use attune::domain::records::case::CaseKind;
    let now = at(NOW);
    let day = |d: i64| now - Duration::days(d);
    let member = |id: &str, m: &str, d: i64, scores: [u16; 4]| Rating {
        rater: RaterRef::Member { id: m.into() },
        session_id: Some(format!("s{d}")),
        ..rating(id, "cp", day(d), scores)
    };
    let own = |id: &str, d: i64, scores: [u16; 4]| Rating {
        session_id: Some(format!("s{d}")),
        ..rating(id, "cp", day(d), scores)
    };
    let mut couple = client("cp", "JD", CREATED);
    couple.kind = CaseKind::Couple;
    let mut group = client("gr", "Tue group", CREATED);
    group.kind = CaseKind::Group;
    let store = Store {
        clients: vec![couple, group],
        ratings: vec![
            // Two sessions of the couple: the partner's 27.0 is the session's floor.
            own("a1", 14, [95, 95, 95, 95]),
            member("b1", "kl", 14, [95, 95, 95, 95]),
            own("a2", 7, [95, 95, 95, 95]),
            member("b2", "kl", 7, [70, 65, 70, 65]),
            // The group: only members rate.
            Rating {
                rater: RaterRef::Member { id: "g1".into() },
                session_id: Some("g".into()),
                ..rating("g1", "gr", day(3), [95, 95, 95, 95])
            },
            Rating {
                rater: RaterRef::Member { id: "g2".into() },
                session_id: Some("g".into()),
                ..rating("g2", "gr", day(3), [90, 90, 90, 90])
            },
        ],
        ..Store::default()
    };
    let rows = caseload(&store, &ScaleDefinition::builtin(), now, &utc, Words::EN);
    let cp = rows.iter().find(|r| r.client.id == "cp").unwrap();
    assert_eq!(cp.sessions, 2, "one entry per session, whoever rated");
    assert_eq!(cp.last_total, Some(Total(270)), "the session's lowest SRS");
    assert!(
        flags(cp).contains(&Flag::SuddenDrop),
        "38.0 → 27.0 is a sudden drop"
    );
    let gr = rows.iter().find(|r| r.client.id == "gr").unwrap();
    assert_eq!(gr.sessions, 1);
    assert_eq!(gr.last_total, Some(Total(360)));
    assert!(
        !flags(gr).contains(&Flag::NoSessionYet),
        "a group that rated is not unrated"
    );
}
