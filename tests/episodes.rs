//! Episodes of care: how a client's sessions fall into courses of
//! treatment, what ends and reopens one, the intake each is measured from,
//! the migration of data stored before episodes (no end records: one open
//! episode per client), and the caseload's "ended as stopped coming".

mod common;

use attune::domain::course::episode::{all_episodes, episodes_of};
use attune::domain::course::outcome::OutcomeStatus;

use attune::domain::course::outcome::OutcomeCategory;
use attune::domain::measures::kinds::{AgeGroup, RaterRef};
use attune::domain::measures::rating::Rating;
use attune::domain::records::episode_end::{merge_ends, parse_date, EndReason, EpisodeEnd};
use attune::domain::records::store::decode;
use attune::domain::records::unrated::UnratedSession;
use attune::domain::time::utc;
use chrono::{DateTime, NaiveDate, Utc};
use common::{at, january, ors_by_in as ors_by, ors_in as ors, srs_in as srs};

fn day(s: &str) -> NaiveDate {
    parse_date(s).expect("valid test date")
}

fn end(id: &str, client: &str, on: &str, reason: EndReason) -> EpisodeEnd {
    EpisodeEnd::new(id, client, day(on), reason, at(&format!("{on}T18:00:00Z")))
}

fn totals(r: Option<&Rating>) -> Option<u16> {
    r.map(|r| r.total().tenths())
}

#[test]
fn without_end_records_every_session_is_one_open_episode() {
    // Three sessions, no end: one open episode holding all three.
    let ratings = vec![
        ors("o1", "c", "s1", january(5), 50),
        srs("r1", "c", "s1", january(5), 90),
        ors("o2", "c", "s2", january(12), 60),
        ors("o3", "c", "s3", january(19), 70),
    ];
    let eps = episodes_of("c", &ratings, &[], &[], &utc);
    assert_eq!(eps.episodes.len(), 1);
    let e = &eps.episodes[0];
    assert!(e.is_open());
    assert_eq!((e.number, e.key, e.visits), (1, "s1", 3));
    assert_eq!((e.opened_at, e.last_at), (january(5), january(19)));
    // Intake 20.0, last 28.0, intake SRS 36.0.
    assert_eq!(totals(e.intake_ors()), Some(200));
    assert_eq!(totals(e.last_ors()), Some(280));
    assert_eq!(totals(e.intake_srs()), Some(360));
    assert_eq!(e.length_days(&utc), 14);
    assert!(eps.unused_ends.is_empty());
}

#[test]
fn a_stored_version_5_document_reads_as_one_open_episode_per_client() {
    // The v5 fixture: JD has an SRS on 26 Jan, a session of ORS 15.0 + SRS
    // on 2 Feb and a session logged unrated on 9 Feb (another day, so a
    // visit); Teen K has one session with only Mum's (collateral) ORS.
    let store = decode(include_str!("fixtures/v5.json")).unwrap().store;
    let all = all_episodes(&store.ratings, &store.unrated, &[], &utc);
    let jd = &all["c-3f2a"].episodes;
    assert_eq!(jd.len(), 1);
    assert!(jd[0].is_open());
    assert_eq!((jd[0].visits, jd[0].sessions.len()), (3, 2));
    assert_eq!(totals(jd[0].intake_ors()), Some(150));
    // The first own SRS is the 26 Jan one: 9.0 + 8.8 + 8.5 + 9.0 = 35.3.
    assert_eq!(totals(jd[0].intake_srs()), Some(353));
    assert_eq!(jd[0].last_at, at("2026-02-09T16:00:00Z"));
    let k = &all["c-77b1"].episodes;
    assert_eq!(k.len(), 1);
    // Mum's ORS is hers, not the client's: no intake.
    assert_eq!(k[0].intake_ors(), None);
}

#[test]
fn a_session_after_an_end_opens_a_new_episode_with_its_own_intake() {
    // Episode 1: 5 Jan (20.0), 12 Jan (26.0), ended 12 Jan (planned).
    // Episode 2: the client returns 20 Jan (30.0), 27 Jan (33.0): intake 30.0,
    // not 20.0.
    let ratings = vec![
        ors("o1", "c", "s1", january(5), 50),
        ors("o2", "c", "s2", january(12), 65),
        ors("o3", "c", "s3", january(20), 75),
        ors("o4", "c", "s4", january(27), 82),
    ];
    let ends = vec![end("e1", "c", "2026-01-12", EndReason::Planned)];
    let eps = episodes_of("c", &ratings, &[], &ends, &utc);
    assert_eq!(eps.episodes.len(), 2);
    let (first, second) = (&eps.episodes[0], &eps.episodes[1]);
    assert_eq!(first.end.map(|e| e.id.as_str()), Some("e1"));
    assert_eq!(
        (totals(first.intake_ors()), totals(first.last_ors())),
        (Some(200), Some(260))
    );
    assert!(second.is_open());
    assert_eq!((second.number, second.key), (2, "s3"));
    assert_eq!(totals(second.intake_ors()), Some(300));
    assert_eq!(totals(second.last_ors()), Some(328));
    assert_eq!(second.own_ors().len(), 2);
    // Within episode 2 the review reads 30.0 as intake: +2.8, no reliable
    // change (with the whole history it would be +12.8 from 20.0).
    let statuses = OutcomeStatus::all(AgeGroup::Adult, &second.ors_totals());
    assert_eq!(statuses.len(), 2);
    assert_eq!(statuses[1].intake.tenths(), 300);
    assert_eq!(statuses[1].category, OutcomeCategory::NoReliableChange);
    assert_eq!(eps.containing("s3").map(|e| e.number), Some(2));
    assert_eq!(eps.containing("s2").map(|e| e.number), Some(1));
    assert_eq!(eps.containing("nope"), None);
    // The later session split off: the therapist may reopen episode 1.
    assert_eq!(eps.reopenable().map(|e| e.id.as_str()), Some("e1"));
}

#[test]
fn a_session_on_the_end_date_stays_in_the_episode_by_the_local_day() {
    // Ended on 12 Jan. A session at 12 Jan 23:30 UTC is still 12 Jan in UTC,
    // but 13 Jan one hour east of Greenwich: a new episode there.
    let ratings = vec![
        ors("o1", "c", "s1", january(5), 50),
        ors("o2", "c", "s2", at("2026-01-12T23:30:00Z"), 60),
    ];
    let ends = vec![end("e1", "c", "2026-01-12", EndReason::Planned)];
    let here = episodes_of("c", &ratings, &[], &ends, &utc);
    assert_eq!(here.episodes.len(), 1);
    assert_eq!(here.episodes[0].visits, 2);
    assert!(!here.episodes[0].is_open());
    let east = |_: DateTime<Utc>| 60;
    let there = episodes_of("c", &ratings, &[], &ends, &east);
    assert_eq!(there.episodes.len(), 2);
    assert_eq!(there.episodes[0].visits, 1);
    assert!(there.episodes[1].is_open());
}

#[test]
fn a_reopened_end_no_longer_splits_and_a_reopen_is_an_edit() {
    let ratings = vec![
        ors("o1", "c", "s1", january(5), 50),
        ors("o2", "c", "s2", january(20), 75),
    ];
    let e1 = end("e1", "c", "2026-01-10", EndReason::Unilateral);
    let reopened = e1.reopen(january(21));
    assert!(reopened.reopened && !reopened.is_active());
    assert_eq!(reopened.updated_at, Some(january(21)));
    let ends = [reopened.clone()];
    let eps = episodes_of("c", &ratings, &[], &ends, &utc);
    assert_eq!(eps.episodes.len(), 1);
    // Intake stays the 5 Jan ORS: one course of treatment again.
    assert_eq!(totals(eps.episodes[0].intake_ors()), Some(200));
    assert_eq!(eps.episodes[0].visits, 2);
    assert_eq!(eps.reopenable(), None);
    // A stale copy of the end (from another device) does not undo the reopen.
    let (old, new) = (vec![e1], vec![reopened.clone()]);
    let merged = merge_ends(&old, &new);
    assert_eq!(merged, vec![reopened.clone()]);
    assert_eq!(merge_ends(&new, &old), new);
}

#[test]
fn two_ends_of_one_episode_close_it_once_and_an_end_before_any_session_closes_nothing() {
    // Sessions 5 Jan and 20 Jan. Ends on 8 Jan (written 8 Jan) and 9 Jan
    // (written 9 Jan, later): the later-written one closes episode 1, the
    // other is unused. An end on 1 Jan precedes every session: unused.
    let ratings = vec![
        ors("o1", "c", "s1", january(5), 50),
        ors("o2", "c", "s2", january(20), 75),
    ];
    let ends = vec![
        end("early", "c", "2026-01-01", EndReason::Other),
        end("a", "c", "2026-01-08", EndReason::Planned),
        end("b", "c", "2026-01-09", EndReason::Referred),
    ];
    let eps = episodes_of("c", &ratings, &[], &ends, &utc);
    assert_eq!(eps.episodes.len(), 2);
    assert_eq!(
        eps.episodes[0].end.map(|e| e.reason),
        Some(EndReason::Referred)
    );
    let mut unused: Vec<&str> = eps.unused_ends.iter().map(|e| e.id.as_str()).collect();
    unused.sort_unstable();
    assert_eq!(unused, ["a", "early"]);
    // Another client's end is not read.
    let other = vec![end("x", "d", "2026-01-06", EndReason::Planned)];
    assert_eq!(
        episodes_of("c", &ratings, &[], &other, &utc).episodes.len(),
        1
    );
}

#[test]
fn one_session_episodes_and_episodes_without_an_ors() {
    // 5 Jan: SRS only (no ORS), ended 5 Jan; 20 Jan: one ORS, ended 20 Jan.
    let ratings = vec![
        srs("r1", "c", "s1", january(5), 90),
        ors("o2", "c", "s2", january(20), 60),
    ];
    let ends = vec![
        end("e1", "c", "2026-01-05", EndReason::Unilateral),
        end("e2", "c", "2026-01-20", EndReason::Planned),
    ];
    let eps = episodes_of("c", &ratings, &[], &ends, &utc);
    assert_eq!(eps.episodes.len(), 2);
    let (a, b) = (&eps.episodes[0], &eps.episodes[1]);
    assert_eq!((a.intake_ors(), a.last_ors()), (None, None));
    assert_eq!(totals(a.intake_srs()), Some(360));
    assert_eq!(a.length_days(&utc), 0);
    // One ORS: intake and last are the same rating.
    assert_eq!(b.intake_ors().map(|r| &r.id), b.last_ors().map(|r| &r.id));
    assert_eq!(b.own_ors().len(), 1);
    assert_eq!(eps.reopenable().map(|e| e.id.as_str()), Some("e2"));
}

#[test]
fn ties_in_time_are_ordered_by_session_id() {
    // Two sessions at the same instant: "s-a" comes first, so its ORS is
    // the intake, whatever order the ratings were saved in.
    let ratings = vec![
        ors("o2", "c", "s-b", january(5), 70),
        ors("o1", "c", "s-a", january(5), 50),
    ];
    let eps = episodes_of("c", &ratings, &[], &[], &utc);
    let e = &eps.episodes[0];
    assert_eq!(e.key, "s-a");
    assert_eq!(totals(e.intake_ors()), Some(200));
    assert_eq!(totals(e.last_ors()), Some(280));
}

#[test]
fn a_couples_intake_is_the_clients_own_and_a_group_has_none() {
    // Couple: the partner rates first on 5 Jan (16.0), the client then
    // (20.0); on 12 Jan only the partner rates. Intake and last: 20.0.
    let ratings = vec![
        ors_by(
            "p1",
            "cpl",
            "s1",
            january(5),
            40,
            RaterRef::Member { id: "m1".into() },
        ),
        ors("o1", "cpl", "s1", at("2026-01-05T10:05:00Z"), 50),
        ors_by(
            "p2",
            "cpl",
            "s2",
            january(12),
            70,
            RaterRef::Member { id: "m1".into() },
        ),
        // Group: every rater is a member; the group record never rates.
        ors_by(
            "g1",
            "grp",
            "g-s1",
            january(6),
            50,
            RaterRef::Member { id: "a".into() },
        ),
        ors_by(
            "g2",
            "grp",
            "g-s1",
            january(6),
            60,
            RaterRef::Member { id: "b".into() },
        ),
    ];
    let couple = episodes_of("cpl", &ratings, &[], &[], &utc);
    let e = &couple.episodes[0];
    assert_eq!(e.visits, 2);
    assert_eq!(totals(e.intake_ors()), Some(200));
    assert_eq!(totals(e.last_ors()), Some(200));
    let group = episodes_of("grp", &ratings, &[], &[], &utc);
    assert_eq!(group.episodes.len(), 1);
    assert_eq!(group.episodes[0].intake_ors(), None);
}

#[test]
fn a_session_logged_without_a_rating_is_a_visit_unless_on_a_rated_day() {
    // Rated 5 Jan; logged unrated 5 Jan (same visit) and 12 Jan (a visit).
    let ratings = vec![ors("o1", "c", "s1", january(5), 50)];
    let unrated = vec![
        UnratedSession {
            id: "u1".into(),
            client_id: "c".into(),
            at: at("2026-01-05T11:00:00Z"),
            reason: None,
        },
        UnratedSession {
            id: "u2".into(),
            client_id: "c".into(),
            at: january(12),
            reason: None,
        },
    ];
    let eps = episodes_of("c", &ratings, &unrated, &[], &utc);
    let e = &eps.episodes[0];
    assert_eq!((e.visits, e.sessions.len()), (2, 1));
    assert_eq!(e.last_at, january(12));
}

#[test]
fn a_client_not_seen_for_21_days_may_be_ended_as_stopped_coming() {
    // Last visit 5 Jan 10:00. On 25 Jan (20 days) not yet; on 26 Jan (21) yes.
    let ratings = vec![ors("o1", "c", "s1", january(5), 50)];
    let eps = episodes_of("c", &ratings, &[], &[], &utc);
    assert!(!eps.may_end_as_stopped(at("2026-01-25T23:00:00Z"), &utc));
    assert!(eps
        .end_as_stopped("e", at("2026-01-25T23:00:00Z"), &utc)
        .is_none());
    let now = at("2026-01-26T08:00:00Z");
    assert!(eps.may_end_as_stopped(now, &utc));
    let e = eps.end_as_stopped("e", now, &utc).expect("may be ended");
    // Dated on the last visit's day, recorded now.
    assert_eq!(
        (e.ended_on, e.reason, e.created_at),
        (day("2026-01-05"), EndReason::Unilateral, now)
    );
    assert_eq!(e.client_id, "c");
    // Once ended, the same client is no longer offered.
    let ends = [e];
    let ended = episodes_of("c", &ratings, &[], &ends, &utc);
    assert!(!ended.may_end_as_stopped(now, &utc));
}

#[test]
fn an_end_record_reads_and_writes_like_the_other_records() {
    let e = end("e1", "c", "2026-03-05", EndReason::Unilateral);
    let json = serde_json::to_string(&e).unwrap();
    // Snake-case fields, the date as written, the defaults left out.
    assert_eq!(
        json,
        r#"{"id":"e1","client_id":"c","ended_on":"2026-03-05","reason":"unilateral","created_at":"2026-03-05T18:00:00Z"}"#
    );
    assert_eq!(serde_json::from_str::<EpisodeEnd>(&json).unwrap(), e);
    let back = e.reopen(at("2026-03-09T09:00:00Z"));
    let json = serde_json::to_string(&back).unwrap();
    assert!(
        json.ends_with(r#""updated_at":"2026-03-09T09:00:00Z","reopened":true}"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<EpisodeEnd>(&json).unwrap(), back);
    for reason in EndReason::ALL {
        let text = serde_json::to_string(&reason).unwrap();
        assert_eq!(text, format!("\"{}\"", reason.key()));
    }
    // A bad date is refused with the text named, never read as another day.
    let bad = json.replace("2026-03-05", "2026-02-30");
    let err = serde_json::from_str::<EpisodeEnd>(&bad)
        .unwrap_err()
        .to_string();
    assert!(err.contains("2026-02-30"), "{err}");
    assert!(parse_date("5.3.2026").is_err());
    assert!(parse_date("2026-0é-05").is_err());
}
