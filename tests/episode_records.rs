//! The end of an episode as a record like the others: kept in the store and
//! its document, one record per key, merged by the later edit (two tabs, an
//! import, a sync conflict), pushed and pulled as its own CouchDB document,
//! and refused when it names no known client.

mod common;

use attune::domain::export::{apply, changes_anything, import_plan, summary};
use attune::domain::measures::scale::Scales;
use attune::domain::records::episode_end::{EndReason, EpisodeEnd};
use attune::domain::records::layout::{assemble, changed_records, split, Kind, Record};
use attune::domain::records::store::{self, merge, Store};
use attune::domain::sync::conflict::{resolve, Candidate};
use attune::domain::sync::revs::{doc_id, parse_doc_id, Rev};
use attune::domain::words::Words;
use chrono::NaiveDate;
use common::{at, client, january, srs};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, d).unwrap()
}

/// One client with two sessions, and the end of their first episode.
fn with_end() -> Store {
    Store {
        clients: vec![client("c-1", "AB", january(1))],
        ratings: vec![
            srs("r-1", Some("c-1"), january(2), &[90, 90, 90, 90]),
            srs("r-2", Some("c-1"), january(9), &[80, 80, 80, 80]),
        ],
        episode_ends: vec![EpisodeEnd::new(
            "e-1",
            "c-1",
            day(9),
            EndReason::Planned,
            january(10),
        )],
        ..Store::default()
    }
}

#[test]
fn a_store_with_ends_writes_and_reads_them_and_one_without_writes_as_before() {
    let s = with_end();
    let text = store::encode(&s);
    assert!(text.contains("\"episode_ends\":[{\"id\":\"e-1\""), "{text}");
    assert!(text.contains("\"ended_on\":\"2026-01-09\""), "{text}");
    assert_eq!(store::decode(&text).unwrap().store, s);
    let none = Store {
        episode_ends: Vec::new(),
        ..s
    };
    assert!(!store::encode(&none).contains("episode_ends"));
}

#[test]
fn an_end_naming_no_known_client_is_refused() {
    let mut s = with_end();
    s.episode_ends[0].client_id = "nobody".into();
    let err = store::validate(&s).unwrap_err().to_string();
    assert!(err.contains("end of an episode"), "{err}");
}

#[test]
fn ends_are_records_of_their_own_and_a_new_one_writes_only_itself() {
    let s = with_end();
    let entries = split(&s);
    assert!(entries.iter().any(|(k, _)| k == "attune.r.e.e-1"));
    assert_eq!(assemble(&entries).store, s);

    let mut later = s.clone();
    later.episode_ends.push(EpisodeEnd::new(
        "e-2",
        "c-1",
        day(20),
        EndReason::Unilateral,
        january(21),
    ));
    let writes = changed_records(&s, &later);
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert_eq!(writes[0].0, "attune.r.e.e-2");
}

#[test]
fn two_copies_keep_the_later_edit_so_a_reopen_is_not_undone() {
    let s = with_end();
    let mut reopened = s.clone();
    reopened.episode_ends[0] = s.episode_ends[0].reopen(at("2026-01-15T09:00:00Z"));
    // Either way round, the reopened copy (edited later) wins.
    assert!(merge(&s, &reopened).0.episode_ends[0].reopened);
    assert!(merge(&reopened, &s).0.episode_ends[0].reopened);
    // A tab holding the reopen when another tab saves the older copy writes
    // the union back; a tab holding nothing newer does not.
    use attune::domain::records::store::holds_more;
    let (merged, _) = merge(&s, &reopened);
    assert!(holds_more(&merged, &s));
    let (same, _) = merge(&reopened, &s);
    assert!(!holds_more(&same, &reopened));
}

#[test]
fn an_import_adds_new_ends_and_later_edits_but_not_older_copies() {
    let stored = with_end();
    let mut file = stored.clone();
    file.episode_ends[0] = stored.episode_ends[0].reopen(at("2026-01-15T09:00:00Z"));
    file.episode_ends.push(EpisodeEnd::new(
        "e-2",
        "c-1",
        day(20),
        EndReason::Referred,
        january(21),
    ));
    let scales = Scales::builtin();
    let plan = import_plan(&stored, &file, &scales, Words::EN);
    assert_eq!(plan.episode_ends.len(), 2);
    // The screen applies a plan only when it changes something, and says what.
    assert!(changes_anything(&plan, false), "ends alone are news");
    assert!(
        summary(&plan, Words::EN)[0].contains("2 episodes ended or reopened"),
        "{:?}",
        summary(&plan, Words::EN)
    );
    let out = apply(&plan, &stored, false, january(22));
    assert!(out.episode_ends.iter().any(|e| e.id == "e-1" && e.reopened));
    assert!(out.episode_ends.iter().any(|e| e.id == "e-2"));

    // The other way: the device holds the later edit; the file's older
    // copy changes nothing.
    let plan = import_plan(&out, &stored, &scales, Words::EN);
    assert!(plan.episode_ends.is_empty());
    assert!(!changes_anything(&plan, false));
}

#[test]
fn an_end_travels_as_its_own_document_and_a_conflict_keeps_the_later_edit() {
    let id = doc_id(Kind::EpisodeEnd, "e-1");
    assert_eq!(id, "episode-end:e-1");
    assert_eq!(parse_doc_id(&id), Some((Kind::EpisodeEnd, "e-1")));

    let end = with_end().episode_ends[0].clone();
    let reopened = end.reopen(at("2026-01-15T09:00:00Z"));
    // The reopen sits on the lower revision: the later edit still wins.
    let candidates = [
        Candidate::current(
            Rev::parse("2-aaaa").unwrap(),
            Record::EpisodeEnd(reopened.clone()),
        ),
        Candidate::current(Rev::parse("2-ffff").unwrap(), Record::EpisodeEnd(end)),
    ];
    let kept = resolve(&candidates).unwrap();
    assert_eq!(kept.record, Record::EpisodeEnd(reopened));
}

#[test]
fn ending_an_episode_is_refused_for_a_later_date_an_unknown_client_or_a_used_id() {
    use attune::domain::records::clients::end_episode;
    use attune::domain::records::clients::EditError;
    let mut s = with_end();
    let (today, now) = (day(20), january(20));
    let end = |s: &mut Store, id: &str, client: &str, on: NaiveDate| {
        let end = EpisodeEnd::new(id, client, on, EndReason::Planned, now);
        end_episode(s, end, today, Some(day(9)))
    };
    assert_eq!(end(&mut s, "e-2", "c-1", day(21)), Err(EditError::Future));
    // Before the current episode's last session (the 9th): it would close
    // the previous episode or split this one.
    assert_eq!(
        end(&mut s, "e-2", "c-1", day(8)),
        Err(EditError::EndsTooEarly)
    );
    assert_eq!(
        end(&mut s, "e-2", "nobody", day(19)),
        Err(EditError::Missing)
    );
    assert_eq!(end(&mut s, "e-1", "c-1", day(19)), Err(EditError::IdTaken));
    assert_eq!(s, with_end(), "nothing changed on refusal");
    assert_eq!(end(&mut s, "e-2", "c-1", day(20)), Ok(()));
    assert_eq!(s.episode_ends.len(), 2);
    // An end made by the caseload's "stopped coming" is saved the same way.
    use attune::domain::records::clients::add_episode_end;
    let made =
        |id: &str, client: &str| EpisodeEnd::new(id, client, day(19), EndReason::Unilateral, now);
    assert_eq!(
        add_episode_end(&mut s, made("e-2", "c-1")),
        Err(EditError::IdTaken)
    );
    assert_eq!(
        add_episode_end(&mut s, made("e-3", "nobody")),
        Err(EditError::Missing)
    );
    assert_eq!(add_episode_end(&mut s, made("e-3", "c-1")), Ok(()));
}

#[test]
fn the_page_says_where_treatment_stands_and_offers_the_reopen() {
    use attune::domain::course::episode::{episode_status, episodes_of};
    use attune::domain::records::clients::reopen_episode;
    use attune::domain::time::utc;
    let mut s = with_end();
    let status = |s: &Store| {
        let eps = episodes_of("c-1", &s.ratings, &s.unrated, &s.episode_ends, &utc);
        episode_status(&eps, &utc, attune::domain::words::Words::EN).unwrap()
    };
    // Ended on the 9th, the day of the second session.
    let st = status(&s);
    assert_eq!(
        st.text,
        "Episode 1 ended on 2026-01-09: planned or by mutual agreement."
    );
    // The therapist page in Spanish says the same in its words.
    let eps = episodes_of("c-1", &s.ratings, &s.unrated, &s.episode_ends, &utc);
    let es = attune::domain::words::Words::new(attune::domain::words::Lang::Es);
    assert_eq!(
        episode_status(&eps, &utc, es).unwrap().text,
        "El episodio 1 terminó el 09/01/2026: planificado o de mutuo acuerdo."
    );

    assert!(!st.open);
    assert_eq!(st.reopen.as_deref(), Some("e-1"));
    assert_eq!(st.new_episode, None);

    // A session on the 16th opens episode 2.
    s.ratings
        .push(srs("r-3", Some("c-1"), january(16), &[70, 70, 70, 70]));
    let st = status(&s);
    assert_eq!(st.text, "Episode 2, open since 2026-01-16.");
    assert!(st.open);
    assert!(st
        .new_episode
        .as_deref()
        .unwrap()
        .starts_with("A session after the end of episode 1 started episode 2"));
    assert_eq!(st.last_visit, Some(day(16)));

    // Reopening the end joins the sessions into one episode again.
    reopen_episode(&mut s, "e-1", january(17)).unwrap();
    let st = status(&s);
    assert_eq!(st.text, "Episode 1, open since 2026-01-02.");
    assert_eq!((st.new_episode, st.reopen), (None, None));
}

/// Four ORS sessions of one client: 20.0, 25.0 | ended | 30.0, 24.0.
fn returning_client() -> Store {
    use attune::domain::measures::kinds::MeasureKind;
    let ors = |id: &str, day: u32, each: u16| {
        let mut r = srs(id, Some("c-1"), january(day), &[each; 4]);
        r.measure = MeasureKind::Ors;
        r.scale_id = "ors-attune".into();
        r.session_id = Some(format!("s-{id}"));
        r
    };
    Store {
        clients: vec![client("c-1", "AB", january(1))],
        ratings: vec![
            ors("o0", 2, 50),
            ors("o1", 9, 62),
            ors("o2", 20, 75),
            ors("o3", 27, 60),
        ],
        episode_ends: vec![EpisodeEnd::new(
            "e-1",
            "c-1",
            day(9),
            EndReason::Planned,
            january(10),
        )],
        ..Store::default()
    }
}

#[test]
fn after_an_end_the_ors_reads_from_the_new_episodes_own_intake() {
    use attune::domain::course::episode::{episode_numbers, episodes_of};
    use attune::domain::course::history::SessionAxis;
    use attune::domain::course::outcome::{
        ors_status, session_rows, OutcomeCategory, OutcomeChart, Reading,
    };
    use attune::domain::measures::kinds::AgeGroup;
    use attune::domain::measures::scale::ScaleDefinition;
    use attune::domain::time::utc;
    let s = returning_client();
    let rating = |id: &str| s.ratings.iter().find(|r| r.id == id).unwrap();
    // Episode 1: 20.0 then 24.8: up 4.8, no reliable change.
    let o1 = ors_status(&s, rating("o1"), &utc).unwrap();
    assert_eq!(o1.intake.tenths(), 200);
    // Episode 2 starts over: 30.0 is its intake, and 24.0 after it is a
    // reliable deterioration (−6.0); read over the whole history it would
    // have been +4.0 from 20.0, no reliable change.
    let o2 = ors_status(&s, rating("o2"), &utc).unwrap();
    assert_eq!((o2.intake.tenths(), o2.session_number), (300, 1));
    let o3 = ors_status(&s, rating("o3"), &utc).unwrap();
    assert_eq!(o3.intake.tenths(), 300);
    assert_eq!(o3.category, OutcomeCategory::ReliableDeterioration);

    // The session table and the chart read the same way.
    let eps = episodes_of("c-1", &s.ratings, &s.unrated, &s.episode_ends, &utc);
    let numbers = episode_numbers(&eps);
    let rows = session_rows(
        &s.ratings,
        "c-1",
        AgeGroup::Adult,
        &ScaleDefinition::builtin(),
        &numbers,
        Words::EN,
    );
    let newest = rows.first().unwrap().outcome.as_ref().unwrap();
    assert_eq!(newest.category, OutcomeCategory::ReliableDeterioration);
    let chart = OutcomeChart::for_client(
        &s.ratings,
        "c-1",
        Reading {
            age: AgeGroup::Adult,
            episodes: &numbers,
            others: &[],
        },
        &ScaleDefinition::builtin_ors(),
        &SessionAxis::for_client(&s.ratings, "c-1"),
        (600.0, 220.0),
        (0, Words::EN),
    )
    .unwrap();
    assert_eq!(
        chart.intake.value.tenths(),
        300,
        "the current episode's intake"
    );

    // Without the end (reopened), one episode: 20.0 is the intake again.
    let mut joined = s.clone();
    joined.episode_ends[0] = joined.episode_ends[0].reopen(january(28));
    let o3 = ors_status(&joined, rating("o3"), &utc).unwrap();
    assert_eq!(o3.intake.tenths(), 200);
    assert_eq!(o3.category, OutcomeCategory::NoReliableChange);
}
