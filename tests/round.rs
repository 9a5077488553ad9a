//! The round: each person present rates one measure in turn on
//! one tablet; the therapist can skip someone; a reload resumes with the
//! right person because who is done is read from the saved ratings; nobody
//! is ever handed another person's marks.

use attune::domain::measures::kinds::{MeasureKind, RaterRef};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::measures::score::Tenths;
use attune::domain::raters::roster::presence;
use attune::domain::raters::round::{Round, Turn};
use attune::domain::records::draft::Draft;
use attune::domain::records::store::decode;
use attune::domain::time::parse;
use attune::domain::words::Words;

const COUPLE: &str = include_str!("fixtures/v5-couple.json");

fn member(id: &str) -> RaterRef {
    RaterRef::Member { id: id.into() }
}

fn mum(label: &str) -> RaterRef {
    RaterRef::Collateral {
        id: "p1".into(),
        label: label.into(),
    }
}

/// A, B, C and a collateral rater, in that order, for the ORS of session s1.
fn round() -> Round {
    Round::start(
        "c1",
        "s1",
        MeasureKind::Ors,
        [RaterRef::Client, member("b"), member("c"), mum("Mum")],
    )
}

fn rated(id: &str, session: &str, measure: MeasureKind, rater: RaterRef) -> Rating {
    let t = parse("2026-03-02T16:00:00Z").unwrap();
    Rating {
        id: id.into(),
        recorded_at: t,
        session_at: t,
        client_id: Some("c1".into()),
        scores: vec![Tenths::new(12).unwrap(); 4],
        scale_id: "ors-attune".into(),
        scale_version: 1,
        measure,
        session_id: Some(session.into()),
        rater,
        ..Rating::default()
    }
}

fn name(r: &RaterRef) -> String {
    match r {
        RaterRef::Client => "Ana".into(),
        RaterRef::Member { id } if id == "b" => "Ben".into(),
        RaterRef::Member { .. } => "M.".into(),
        RaterRef::Collateral { label, .. } => label.clone(),
    }
}

#[test]
fn people_rate_in_the_order_given() {
    let r = round();
    let mut saved = Vec::new();
    assert_eq!(r.current(&saved), Some(&RaterRef::Client));
    let turns: Vec<Turn> = r.turns(&saved).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        turns,
        [Turn::Now, Turn::Waiting, Turn::Waiting, Turn::Waiting]
    );
    saved.push(rated("o1", "s1", MeasureKind::Ors, RaterRef::Client));
    assert_eq!(r.current(&saved), Some(&member("b")));
    saved.push(rated("o2", "s1", MeasureKind::Ors, member("b")));
    saved.push(rated("o3", "s1", MeasureKind::Ors, member("c")));
    assert_eq!(r.current(&saved), Some(&mum("Mum")));
    saved.push(rated("o4", "s1", MeasureKind::Ors, mum("Mum")));
    assert_eq!(r.current(&saved), None);
    assert!(r.is_finished(&saved));
    // Someone listed twice rates once.
    let twice = Round::start("c1", "s1", MeasureKind::Srs, [member("b"), member("b")]);
    assert_eq!(twice.raters, [member("b")]);
}

#[test]
fn a_person_who_rated_out_of_turn_is_done_and_the_first_waiting_is_next() {
    let r = round();
    let saved = vec![rated("o3", "s1", MeasureKind::Ors, member("c"))];
    let turns: Vec<Turn> = r.turns(&saved).into_iter().map(|(_, t)| t).collect();
    assert_eq!(turns, [Turn::Now, Turn::Waiting, Turn::Done, Turn::Waiting]);
}

#[test]
fn the_therapist_can_skip_and_take_back_a_rater() {
    let mut r = round();
    let mut saved = vec![rated("o1", "s1", MeasureKind::Ors, RaterRef::Client)];
    assert!(!r.skip(&RaterRef::Client, &saved), "already rated");
    assert!(!r.skip(&member("zz"), &saved), "not present");
    assert!(r.skip(&member("b"), &saved));
    assert!(!r.skip(&member("b"), &saved), "skipped once");
    assert_eq!(r.current(&saved), Some(&member("c")));
    let turns: Vec<Turn> = r.turns(&saved).into_iter().map(|(_, t)| t).collect();
    assert_eq!(turns, [Turn::Done, Turn::Skipped, Turn::Now, Turn::Waiting]);
    // Skip by another label of the same collateral rater: same person.
    assert!(r.skip(&mum("Mother"), &saved));
    saved.push(rated("o3", "s1", MeasureKind::Ors, member("c")));
    assert!(r.is_finished(&saved), "everyone rated or skipped");
    assert_eq!(
        r.handover(&saved, name, Words::EN).headline,
        "Thank you, everyone."
    );
    // Taken back: B is next again, at their place in the order.
    assert!(r.unskip(&member("b")));
    assert!(!r.unskip(&member("b")));
    assert_eq!(r.current(&saved), Some(&member("b")));
    // A skipped person who rates anyway counts as done.
    let mut s2 = round();
    assert!(s2.skip(&member("b"), &[]));
    let with_b = vec![rated("o2", "s1", MeasureKind::Ors, member("b"))];
    assert_eq!(s2.turns(&with_b)[1].1, Turn::Done);
}

#[test]
fn a_reload_resumes_from_the_saved_ratings() {
    let mut r = round();
    let saved = vec![
        rated("o1", "s1", MeasureKind::Ors, RaterRef::Client),
        // Another session's and another measure's ratings do not count.
        rated("x1", "s0", MeasureKind::Ors, member("b")),
        rated("x2", "s1", MeasureKind::Srs, member("b")),
        // A collateral rater renamed since is still the same person.
        rated("o4", "s1", MeasureKind::Ors, mum("Mother")),
    ];
    r.skip(&member("c"), &saved);
    let stored = serde_json::to_string(&r).unwrap();
    let back: Round = serde_json::from_str(&stored).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.current(&saved), Some(&member("b")));
    let turns: Vec<Turn> = back.turns(&saved).into_iter().map(|(_, t)| t).collect();
    assert_eq!(turns, [Turn::Done, Turn::Now, Turn::Skipped, Turn::Done]);
    // A rating that never reached storage means that person has not rated:
    // after the reload the form goes to them again, not to the next person.
    assert_eq!(back.current(&[]), Some(&RaterRef::Client));
    // The stored shape is small and names its fields plainly.
    let v: serde_json::Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(v["session_id"], "s1");
    assert_eq!(v["measure"], "ors");
    assert_eq!(v["raters"].as_array().unwrap().len(), 4);
    assert_eq!(v["skipped"][0]["id"], "c");
    let fresh = serde_json::to_string(&round()).unwrap();
    assert!(!fresh.contains("skipped"), "{fresh}");
}

#[test]
fn each_rater_gets_a_blank_form_never_someone_elses_marks() {
    let scale = ScaleDefinition::builtin_ors();
    let r = round();
    // Ana left marks, then the therapist skipped her.
    let mut left = r
        .draft_for_turn(&Draft::blank(&scale), &scale, &[])
        .unwrap();
    assert_eq!(left.rater, RaterRef::Client);
    assert_eq!(left.session_id.as_deref(), Some("s1"));
    assert_eq!(left.client_id.as_deref(), Some("c1"));
    assert_eq!(left.measure, MeasureKind::Ors);
    left.scores[0] = Tenths::new(70);
    // After a reload it is still her turn: her own marks come back.
    assert_eq!(r.draft_for_turn(&left, &scale, &[]), Some(left.clone()));
    let mut skipped = r.clone();
    skipped.skip(&RaterRef::Client, &[]);
    let next = skipped.draft_for_turn(&left, &scale, &[]).unwrap();
    assert_eq!(next.rater, member("b"));
    assert!(next.is_empty(), "Ben starts blank");
    // The draft completes into a rating by its rater.
    let mut full = next.clone();
    full.scores = vec![Tenths::new(50); 4];
    let rating = full
        .complete("o2".into(), parse("2026-03-02T16:05:00Z").unwrap())
        .unwrap();
    assert_eq!(rating.rater, member("b"));
    assert_eq!(rating.session_key(), "s1");
    // Round over: no form.
    let mut all = round();
    for p in all.raters.clone() {
        all.skip(&p, &[]);
    }
    assert_eq!(all.draft_for_turn(&left, &scale, &[]), None);
}

#[test]
fn the_between_screen_names_the_next_person_and_no_marks() {
    let mut r = round();
    let saved = vec![rated("o1", "s1", MeasureKind::Ors, RaterRef::Client)];
    let h = r.handover(&saved, name, Words::EN);
    assert_eq!(h.headline, "Please pass the tablet to Ben.");
    r.skip(&member("b"), &saved);
    // A label ending in a full stop gets no second one.
    assert_eq!(
        r.handover(&saved, name, Words::EN).headline,
        "Please pass the tablet to M."
    );
    let summary = r.summary(&saved, name, attune::domain::words::Words::EN);
    assert_eq!(
        summary,
        "Done: Ana. Skipped: Ben. Now: M. Still to rate: Mum."
    );
    let es = attune::domain::words::Words::new(attune::domain::words::Lang::Es);
    assert_eq!(
        r.summary(&saved, name, es),
        "Ya valoraron: Ana. Omitidos: Ben. Ahora: M. Por valorar: Mum."
    );

    // Nothing shows a score: no digit appears (the labels have none).
    for text in [h.headline, h.detail, summary] {
        assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
    }
    assert_eq!(
        r.handover(&[], name, Words::EN).headline,
        "Please pass the tablet to Ana."
    );
}

#[test]
fn the_srs_round_follows_with_the_same_people() {
    let mut ors = round();
    ors.skip(&member("c"), &[]);
    let srs = ors.then_srs().unwrap();
    assert_eq!(srs.measure, MeasureKind::Srs);
    assert_eq!(srs.raters, ors.raters);
    assert!(srs.skipped.is_empty(), "a late arrival may rate the end");
    assert_eq!(srs.then_srs(), None);
}

#[test]
fn a_round_starts_from_the_presence_list() {
    let store = decode(COUPLE).unwrap().store;
    let family = store.clients.iter().find(|c| c.id == "c-sam").unwrap();
    let mut list = presence(family);
    let r = Round::from_presence("c-sam", "s9", MeasureKind::Ors, &list);
    assert_eq!(r.raters, [RaterRef::Client, member("m-dad")]);
    // The therapist ticks Mum (a collateral rater) and unticks Dad.
    list[1].ticked = false;
    list[2].ticked = true;
    let r = Round::from_presence("c-sam", "s9", MeasureKind::Ors, &list);
    assert_eq!(
        r.raters,
        [
            RaterRef::Client,
            RaterRef::Collateral {
                id: "m-mum".into(),
                label: "Mum".into()
            }
        ]
    );
    // The fixture's family session: Sam and Mum have given the ORS.
    let done = Round::from_presence("c-sam", "s-f1", MeasureKind::Ors, &list);
    assert!(done.is_finished(&store.ratings));
}

#[test]
fn a_prepared_round_carries_labels_and_each_persons_scale_and_counts_verified_writes() {
    use attune::domain::measures::scale::Scales;
    use attune::domain::raters::round::prepared;
    let store = decode(COUPLE).unwrap().store;
    let scales = Scales::builtin();
    let family = store
        .clients
        .iter()
        .find(|c| {
            c.members
                .iter()
                .any(|m| m.age_group == attune::domain::measures::kinds::AgeGroup::Child)
        })
        .expect("a case with a child");
    let present: Vec<RaterRef> = presence(family)
        .into_iter()
        .map(|c| c.rater.rater)
        .collect();
    let mut round = prepared(&scales, family, "s9", MeasureKind::Ors, present.clone());
    assert_eq!(round.labels.len(), round.raters.len());
    assert_eq!(round.scale_ids.len(), round.raters.len());
    for (i, r) in round.raters.iter().enumerate() {
        let person = attune::domain::raters::roster::roster(family)
            .into_iter()
            .find(|p| &p.rater == r)
            .unwrap();
        assert_eq!(round.labels[i], person.label);
        assert_eq!(round.label_of(r), person.label);
        let want = if person.age_group == attune::domain::measures::kinds::AgeGroup::Child {
            scales.child_ors.id.clone()
        } else {
            scales.ors.id.clone()
        };
        assert_eq!(
            round.scale_id_of(r),
            Some(want.as_str()),
            "{}",
            person.label
        );
    }
    // A verified write counts as done even when the form cannot see the
    // rating (the therapist page took it in); nothing else does.
    let first = round.current(&[]).unwrap().clone();
    round.mark_done(&first);
    round.mark_done(&first);
    assert_eq!(round.done.len(), 1);
    assert!(round.has_rated(&first, &[]));
    assert_ne!(round.current(&[]), Some(&first));
    // The SRS round that follows starts afresh, with the same people and names.
    let srs = round.then_srs().unwrap();
    assert!(srs.done.is_empty() && srs.scale_ids.is_empty());
    assert_eq!(srs.labels, round.labels);
    // The form's copy round-trips through JSON.
    let text = serde_json::to_string(&round).unwrap();
    assert_eq!(serde_json::from_str::<Round>(&text).unwrap(), round);
}

#[test]
fn the_form_waits_for_start_until_the_draft_is_the_current_persons_and_a_rating_of_the_round_is_known(
) {
    let scale = ScaleDefinition::builtin_ors();
    let round = round();
    // A blank SRS draft of nobody's: the screen naming the client waits.
    let idle = Draft::blank(&ScaleDefinition::builtin());
    assert!(round.waits_for_start(&idle, &[]));
    // Their own form: the lines show.
    let theirs = round.draft_for_turn(&idle, &scale, &[]).unwrap();
    assert!(!round.waits_for_start(&theirs, &[]));
    // The next person's turn after the client rated: their old draft waits.
    let a = rated("a", "s1", MeasureKind::Ors, RaterRef::Client);
    let mut after = round.clone();
    after.mark_done(&RaterRef::Client);
    assert!(after.waits_for_start(&theirs, &[]));
    // A finished round never waits.
    let mut over = round.clone();
    for r in round.raters.clone() {
        over.mark_done(&r);
    }
    assert!(!over.waits_for_start(&idle, &[]));
    // Which ratings belong to it, and which came last.
    let b = Rating {
        recorded_at: parse("2026-03-02T16:05:00Z").unwrap(),
        ..rated("b", "s1", MeasureKind::Ors, member("b"))
    };
    let other_measure = rated("c", "s1", MeasureKind::Srs, member("c"));
    let other_session = Rating {
        recorded_at: parse("2026-03-02T17:00:00Z").unwrap(),
        ..rated("d", "s2", MeasureKind::Ors, member("c"))
    };
    assert!(round.takes(&a) && round.takes(&b));
    assert!(!round.takes(&other_measure) && !round.takes(&other_session));
    let all = [a, b, other_measure, other_session];
    assert_eq!(round.last_rating(&all).map(|r| r.id.as_str()), Some("b"));
    assert_eq!(round.last_rating(&[]), None);
}

#[test]
fn a_rating_the_storage_refused_counts_only_while_it_exists_and_never_joins_the_stored_round() {
    use attune::domain::records::save_plan::Kept;
    let mut r = round();
    // Stored and verified: done, and the stored round must be written.
    assert!(r.given(&RaterRef::Client, Kept::Stored));
    assert!(!r.given(&RaterRef::Client, Kept::Stored), "already done");
    assert_eq!(r.current(&[]), Some(&member("b")));
    // Ben's rating was refused by storage (kept for the tab, or in memory
    // only): the stored round does not change ...
    let stored = r.clone();
    assert!(!r.given(&member("b"), Kept::ThisTab));
    assert!(!r.given(&member("b"), Kept::MemoryOnly));
    assert_eq!(r, stored);
    // ... and it counts through the ratings the page holds: while the
    // rating is there (this page, or a reload finding the tab's copy), the
    // round goes on after Ben.
    let bens = rated("b1", "s1", MeasureKind::Ors, member("b"));
    let held = vec![bens];
    assert_eq!(r.current(&held), Some(&member("c")));
    let draft = r
        .draft_for_turn(
            &Draft::blank(&ScaleDefinition::builtin()),
            &ScaleDefinition::builtin_ors(),
            &held,
        )
        .unwrap();
    assert_eq!(draft.rater, member("c"), "the next person's blank form");
    assert!(
        r.waits_for_start(&draft, &[]),
        "without Ben's rating, Ben again"
    );
    assert!(!r.waits_for_start(&draft, &held));
    // Gone with the tab (a relaunch): Ben is asked again.
    assert_eq!(r.current(&[]), Some(&member("b")));
    // Everyone's ratings held: the round is over, the last one opens.
    let all = vec![
        rated("b1", "s1", MeasureKind::Ors, member("b")),
        rated("c1", "s1", MeasureKind::Ors, member("c")),
        rated("m1", "s1", MeasureKind::Ors, mum("Mum")),
    ];
    assert!(r.is_finished(&all));
    assert!(!r.is_finished(&all[..2]));
}
