//! What reads within the client's current episode of care, not the whole
//! history: the intake sentence of a returning client, "clients here who
//! started like this" (each other client's episodes, each from its own
//! intake), each person's ORS in a couple, a family or a group, and the
//! caseload's flags (a closed course is not "at risk"). Hand-made
//! histories: a returning client with two episodes, an ended episode with no
//! later session, one-session episodes, episodes without an ORS, couples.

mod common;

use attune::domain::course::episode::{episode_numbers, episodes_of};
use attune::domain::course::outcome::{ors_sessions, ors_status};
use attune::domain::measures::kinds::{AgeGroup, RaterRef};
use attune::domain::measures::rating::Rating;
use attune::domain::records::episode_end::{parse_date, EndReason, EpisodeEnd};
use attune::domain::records::store::Store;
use attune::domain::time::utc;
use attune::domain::words::Words;
use common::{at, january, ors_by_in as ors_by, ors_in as ors, srs_in as srs, tenths};

/// An end of `client`'s episode on the local date `on`.
fn end(id: &str, client: &str, on: &str, reason: EndReason) -> EpisodeEnd {
    EpisodeEnd::new(
        id,
        client,
        parse_date(on).expect("valid test date"),
        reason,
        at(&format!("{on}T18:00:00Z")),
    )
}

/// A returning client: episode 1 on 5 and 12 Jan (20.0, 26.0), ended
/// 12 Jan; episode 2 from 20 Jan (30.0, then 33.0 on 27 Jan).
fn returning() -> (Vec<Rating>, Vec<EpisodeEnd>) {
    (
        vec![
            ors("o1", "c", "s1", january(5), 50),
            ors("o2", "c", "s2", january(12), 65),
            ors("o3", "c", "s3", january(20), 75),
            ors("o4", "c", "s4", january(27), 82),
        ],
        vec![end("e1", "c", "2026-01-12", EndReason::Planned)],
    )
}

// 4. The intake sentence.

#[test]
fn the_intake_sentence_names_the_episode_of_a_returning_client() {
    let (ratings, ends) = returning();
    let eps = episodes_of("c", &ratings, &[], &ends, &utc);
    let read = ors_sessions(&ratings, "c", AgeGroup::Adult, &episode_numbers(&eps));
    let words: Vec<String> = read
        .iter()
        .map(|s| s.status.intake_text(Words::EN))
        .collect();
    assert_eq!(
        words,
        [
            "First ORS with this client (intake).",
            "Up 6.0 since intake (20.0).",
            "First ORS of episode 2 (intake).",
            "Up 2.8 since intake (30.0).",
        ]
    );
    assert_eq!(
        read.iter().map(|s| s.status.episode).collect::<Vec<_>>(),
        [1, 1, 2, 2]
    );
    // The review reads the same through the store.
    let store = Store {
        ratings: ratings.clone(),
        episode_ends: ends.clone(),
        ..Default::default()
    };
    let review = ors_status(&store, &ratings[2], &utc).expect("an own ORS");
    assert_eq!(
        review.intake_text(Words::EN),
        "First ORS of episode 2 (intake)."
    );
    assert!(review
        .text(Words::EN)
        .contains("First ORS of episode 2 (intake)."));
}

#[test]
fn the_intake_sentence_stays_as_it_was_in_a_first_episode_and_once_reopened() {
    let (ratings, mut ends) = returning();
    // Without the end: one episode, the 20 Jan ORS is no intake.
    let eps = episodes_of("c", &ratings, &[], &[], &utc);
    let read = ors_sessions(&ratings, "c", AgeGroup::Adult, &episode_numbers(&eps));
    assert_eq!(
        read[0].status.intake_text(Words::EN),
        "First ORS with this client (intake)."
    );
    assert_eq!(
        read[2].status.intake_text(Words::EN),
        "Up 10.0 since intake (20.0)."
    );
    // Reopened: the same.
    ends[0].reopened = true;
    let eps = episodes_of("c", &ratings, &[], &ends, &utc);
    let read = ors_sessions(&ratings, "c", AgeGroup::Adult, &episode_numbers(&eps));
    assert_eq!(
        read[2].status.intake_text(Words::EN),
        "Up 10.0 since intake (20.0)."
    );
    assert!(read.iter().all(|s| s.status.episode == 1));
}

#[test]
fn an_episode_without_an_ors_leaves_the_next_episodes_intake_named_by_its_number() {
    // Episode 1: one SRS only (5 Jan), ended 5 Jan; episode 2: one ORS
    // (20 Jan), a one-session episode: its intake is episode 2's.
    let ratings = vec![
        srs("r1", "c", "s1", january(5), 90),
        ors("o2", "c", "s2", january(20), 60),
    ];
    let ends = vec![end("e1", "c", "2026-01-05", EndReason::Other)];
    let eps = episodes_of("c", &ratings, &[], &ends, &utc);
    let read = ors_sessions(&ratings, "c", AgeGroup::Adult, &episode_numbers(&eps));
    assert_eq!(read.len(), 1);
    assert_eq!(
        read[0].status.intake_text(Words::EN),
        "First ORS of episode 2 (intake)."
    );
}

// 3. Each person's ORS in a couple, a family or a group.

/// The couple JD and KL of `fixtures/v5-couple.json` (both rated on
/// 2 Mar: JD 21.7, KL 22.5), their first episode ended on 2 Mar, and a
/// second one: 20 Mar both (JD 27.0, KL 20.0), 27 Mar JD alone (32.0),
/// 3 Apr KL alone (24.0).
fn returning_couple() -> Store {
    let mut s = attune::domain::records::store::decode(include_str!("fixtures/v5-couple.json"))
        .expect("the fixture reads")
        .store;
    let kl = || RaterRef::Member { id: "m-kl".into() };
    s.ratings.extend([
        ors("o-jd2", "c-jd", "s-c2", at("2026-03-20T16:00:00Z"), 0),
        ors_by(
            "o-kl2",
            "c-jd",
            "s-c2",
            at("2026-03-20T16:05:00Z"),
            50,
            kl(),
        ),
        ors("o-jd3", "c-jd", "s-c3", at("2026-03-27T16:00:00Z"), 80),
        ors_by(
            "o-kl4",
            "c-jd",
            "s-c4",
            at("2026-04-03T16:00:00Z"),
            60,
            kl(),
        ),
    ]);
    // JD's 27.0 on 20 Mar: items 70, 70, 65, 65.
    s.ratings
        .iter_mut()
        .find(|r| r.id == "o-jd2")
        .expect("just added")
        .scores = tenths(&[70, 70, 65, 65]);
    s.episode_ends
        .push(end("e-cpl", "c-jd", "2026-03-02", EndReason::Planned));
    s
}

/// Each person's reading of session `id` of the couple, as `label: intake
/// sentence`.
fn people_of(s: &Store, id: &str) -> Vec<String> {
    use attune::domain::course::session::sessions;
    use attune::domain::raters::outcomes::people_outcomes;
    let all = sessions(&s.ratings);
    let session = all.iter().find(|x| x.id == id).expect("the session");
    people_outcomes(s, session, &utc)
        .iter()
        .map(|p| format!("{}: {}", p.label, p.status.intake_text(Words::EN)))
        .collect()
}

#[test]
fn a_returning_couple_is_read_from_each_persons_first_ors_of_the_new_episode() {
    let s = returning_couple();
    // Episode 1 reads as before.
    assert_eq!(
        people_of(&s, "s-c1"),
        [
            "JD: First ORS with this client (intake).",
            "KL: First ORS with this client (intake)."
        ]
    );
    // The first session of episode 2 is everyone's intake again (not JD up
    // 5.3 from 21.7, KL down 2.5 from 22.5).
    assert_eq!(
        people_of(&s, "s-c2"),
        [
            "JD: First ORS of episode 2 (intake).",
            "KL: First ORS of episode 2 (intake)."
        ]
    );
    // Change within episode 2, each from their own intake of it.
    assert_eq!(people_of(&s, "s-c3"), ["JD: Up 5.0 since intake (27.0)."]);
    assert_eq!(people_of(&s, "s-c4"), ["KL: Up 4.0 since intake (20.0)."]);
    // Read whole, the same session would be measured from 2 Mar.
    let mut whole = s.clone();
    whole.episode_ends.clear();
    assert_eq!(
        people_of(&whole, "s-c3"),
        ["JD: Up 10.3 since intake (21.7)."]
    );
}

#[test]
fn a_reopened_couple_episode_reads_from_the_first_intake_again() {
    let mut s = returning_couple();
    s.episode_ends[0].reopened = true;
    assert_eq!(
        people_of(&s, "s-c2"),
        [
            "JD: Up 5.3 since intake (21.7).",
            "KL: Down 2.5 since intake (22.5)."
        ]
    );
}

// 2. "Clients here who started like this".

#[test]
fn other_clients_contribute_one_path_per_episode_each_from_its_own_intake() {
    use attune::domain::course::outcome::others_ors_totals;
    use attune::domain::measures::score::Total;
    let (mut ratings, mut ends) = returning();
    // "d": episode 1 is one SRS (no ORS, left out), ended 5 Jan; episode 2
    // is a one-session episode with one ORS (24.0).
    ratings.push(srs("d-r1", "d", "d-s1", january(5), 90));
    ratings.push(ors("d-o2", "d", "d-s2", january(20), 60));
    ends.push(end("e-d", "d", "2026-01-05", EndReason::Other));
    // The client being read ("me") never counts, whatever their episodes.
    ratings.push(ors("me-1", "me", "me-s1", january(6), 75));
    // An ORS of no client counts for nobody.
    let mut quick = ors("q", "x", "q-s", january(7), 75);
    quick.client_id = None;
    ratings.push(quick);
    let t = |c: &str, v: &[u16]| {
        (
            c.to_string(),
            v.iter().map(|&x| Total(x)).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        others_ors_totals(&ratings, &[], &ends, "me", &utc),
        [t("c", &[200, 260]), t("c", &[300, 328]), t("d", &[240])]
    );
    // Without ends, each client is one whole line, as before episodes.
    assert_eq!(
        others_ors_totals(&ratings, &[], &[], "me", &utc),
        [t("c", &[200, 260, 300, 328]), t("d", &[240])]
    );
}

#[test]
fn a_returning_clients_new_course_matches_by_its_own_intake() {
    use attune::domain::course::expected::expected_path;
    use attune::domain::course::outcome::others_ors_totals;
    use attune::domain::measures::score::Total;
    // Five clients came first at 10.0 (ended 10 Jan) and came back at 20.0
    // (20 and 27 Jan: 20.0, 22.0); five more started at 20.0 (21.0, 23.0).
    let mut ratings = Vec::new();
    let mut ends = Vec::new();
    for c in 0..5 {
        let id = format!("back{c}");
        ratings.push(ors(
            &format!("{id}-1"),
            &id,
            &format!("{id}-s1"),
            january(3),
            25,
        ));
        ratings.push(ors(
            &format!("{id}-2"),
            &id,
            &format!("{id}-s2"),
            january(20),
            50,
        ));
        ratings.push(ors(
            &format!("{id}-3"),
            &id,
            &format!("{id}-s3"),
            january(27),
            55,
        ));
        ends.push(end(
            &format!("{id}-e"),
            &id,
            "2026-01-10",
            EndReason::Planned,
        ));
        let id = format!("new{c}");
        ratings.push(ors(
            &format!("{id}-1"),
            &id,
            &format!("{id}-s1"),
            january(20),
            50,
        ));
        let mut second = ors(
            &format!("{id}-2"),
            &id,
            &format!("{id}-s2"),
            january(27),
            57,
        );
        second.scores = tenths(&[57, 57, 58, 58]);
        ratings.push(second);
    }
    let others = others_ors_totals(&ratings, &[], &ends, "me", &utc);
    let path = expected_path(Total(200), &others).expect("ten clients' courses started at 20.0");
    assert_eq!(path.matched_clients, 10);
    // Session 2: five at 22.0 and five at 23.0, median 22.5.
    assert_eq!(
        path.points
            .iter()
            .map(|p| (p.session, p.median.tenths(), p.clients))
            .collect::<Vec<_>>(),
        [(1, 200, 10), (2, 225, 10)]
    );
    assert!(path
        .label()
        .contains("median of 10 earlier clients in this practice (one course of treatment each)"));
    // Read as whole histories the five returning clients started at 10.0:
    // only five match, too few for a path.
    let whole = others_ors_totals(&ratings, &[], &[], "me", &utc);
    assert_eq!(expected_path(Total(200), &whole), None);
}

// 1. The caseload's flags.

/// An SRS of `client` in session `session`, every item `item` tenths.
fn srs_at(id: &str, client: &str, session: &str, when: &str, item: u16) -> Rating {
    srs(id, client, session, at(when), item)
}

/// Now: 31 Mar 2026, noon. Five clients:
/// - "ret" came back: episode 1 (2 and 9 Mar, SRS 38.0 both; a session
///   logged without a rating on 5 Mar), ended 9 Mar; episode 2 from 23 Mar
///   (SRS 36.0: 2.0 below the last session of episode 1);
/// - "back" came back for an ORS only: episode 1 (SRS 38.0 on 2 Mar) ended
///   2 Mar, then an ORS on 23 Mar and no SRS yet;
/// - "closed": one session on 2 Feb (SRS 30.0, below the cutoff, every
///   item below 9), ended 2 Feb as stopped coming, nothing since;
/// - "open": one session yesterday, 38.0, nothing to flag;
/// - "quiet": one session on 1 Mar (38.0), not seen for 30 days.
fn caseload_store() -> Store {
    use attune::domain::records::unrated::UnratedSession;
    let c = |id: &str, label: &str| common::client(id, label, at("2026-01-01T09:00:00Z"));
    Store {
        clients: vec![
            c("ret", "Ret"),
            c("back", "Back"),
            c("closed", "Closed"),
            c("open", "Open"),
            c("quiet", "Quiet"),
        ],
        ratings: vec![
            srs_at("ret1", "ret", "ret-s1", "2026-03-02T10:00:00Z", 95),
            srs_at("ret2", "ret", "ret-s2", "2026-03-09T10:00:00Z", 95),
            srs_at("ret3", "ret", "ret-s3", "2026-03-23T10:00:00Z", 90),
            srs_at("back1", "back", "back-s1", "2026-03-02T10:00:00Z", 95),
            ors("back2", "back", "back-s2", at("2026-03-23T10:00:00Z"), 60),
            srs_at("closed1", "closed", "closed-s1", "2026-02-02T10:00:00Z", 75),
            srs_at("open1", "open", "open-s1", "2026-03-30T10:00:00Z", 95),
            srs_at("quiet1", "quiet", "quiet-s1", "2026-03-01T10:00:00Z", 95),
        ],
        unrated: vec![UnratedSession {
            id: "ret-u".into(),
            client_id: "ret".into(),
            at: at("2026-03-05T10:00:00Z"),
            reason: None,
        }],
        episode_ends: vec![
            end("e-ret", "ret", "2026-03-09", EndReason::Planned),
            end("e-back", "back", "2026-03-02", EndReason::Referred),
            end("e-closed", "closed", "2026-02-02", EndReason::Unilateral),
        ],
        ..Default::default()
    }
}

/// Each row as `label: [flags] | reason | sessions | last total`.
fn caseload_rows(s: &Store) -> Vec<String> {
    use attune::domain::caseload::caseload;
    use attune::domain::measures::scale::ScaleDefinition;
    caseload(
        s,
        &ScaleDefinition::builtin(),
        at("2026-03-31T12:00:00Z"),
        &utc,
        Words::EN,
    )
    .iter()
    .map(|r| {
        let flags: Vec<&str> = r.flags.iter().map(|f| f.flag.key()).collect();
        format!(
            "{}: [{}] | {} | {} | {}",
            r.client.label,
            flags.join(" "),
            r.reason,
            r.sessions_text,
            r.last_total_text
        )
    })
    .collect()
}

#[test]
fn the_caseload_reads_each_clients_current_episode_and_leaves_a_closed_course_unflagged() {
    assert_eq!(
        caseload_rows(&caseload_store()),
        [
            "Quiet: [not-seen] | Not seen for 30 days: a check-in may keep a quiet dropout from happening | 1 | 38.0 / 40",
            // Episode 2's alliance is not heard yet: nothing of episode 1's.
            "Back: [no-session-yet] | No SRS rated yet (1 session, the last 8 days ago) | 1 in episode 2 | No rating yet",
            // 36.0 is episode 2's first SRS: no drop from episode 1's 38.0.
            "Ret: [] | Nothing flagged at the last session | 1 in episode 2 | 36.0 / 40",
            "Open: [] | Nothing flagged at the last session | 1 | 38.0 / 40",
            // Ended as stopped coming 57 days ago: closed, not at risk.
            "Closed: [] | Episode 1 ended on 2026-02-02: the client stopped coming. | 1 | 30.0 / 40",
        ]
    );
}

#[test]
fn without_ends_or_once_reopened_the_caseload_reads_the_whole_history_as_before() {
    let mut s = caseload_store();
    for e in &mut s.episode_ends {
        e.reopened = true;
    }
    let rows = caseload_rows(&s);
    assert!(
        rows.contains(&"Ret: [drop] | Drop of 2.0 since last session | 4 | 36.0 / 40".to_string()),
        "{rows:#?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Closed: [below-cutoff not-seen low-item] | Below cutoff")),
        "{rows:#?}"
    );
    assert!(
        rows.contains(
            &"Back: [] | Nothing flagged at the last session | 2 | 38.0 / 40".to_string()
        ),
        "{rows:#?}"
    );
}

#[test]
fn a_returning_clients_episode_counts_its_own_run_of_low_items() {
    // Episode 1: three sessions with Overall lowest at 8.0 (2, 9, 16 Mar),
    // ended 16 Mar; episode 2: the same on 23 and 30 Mar. Across the break
    // it would be five sessions running; within episode 2 it is two, so no
    // "same item low 3 sessions running" yet (the item below 9 stays).
    let low = |id: &str, day: &str| {
        let mut r = srs_at(
            id,
            "ret",
            &format!("{id}-s"),
            &format!("2026-03-{day}T10:00:00Z"),
            95,
        );
        r.scores = tenths(&[95, 95, 95, 80]);
        r
    };
    let s = Store {
        clients: vec![common::client("ret", "Ret", at("2026-01-01T09:00:00Z"))],
        ratings: vec![
            low("a", "02"),
            low("b", "09"),
            low("c", "16"),
            low("d", "23"),
            low("e", "30"),
        ],
        episode_ends: vec![end("e1", "ret", "2026-03-16", EndReason::Planned)],
        ..Default::default()
    };
    let rows = caseload_rows(&s);
    assert_eq!(rows.len(), 1);
    assert!(rows[0].starts_with("Ret: [low-item] | "), "{rows:?}");
    assert!(
        rows[0].ends_with(" | 2 in episode 2 | 36.5 / 40"),
        "{rows:?}"
    );
    let mut whole = s.clone();
    whole.episode_ends.clear();
    assert!(
        caseload_rows(&whole)[0].starts_with("Ret: [repeated-low-item low-item] | "),
        "{:?}",
        caseload_rows(&whole)
    );
}
