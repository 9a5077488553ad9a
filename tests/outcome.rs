//! ORS status over time: cutoffs by age group, reliable change from intake,
//! clinically significant improvement, the no-change alert, and the words.

use attune::domain::course::outcome::{Change, OutcomeCategory, OutcomeStatus};
use attune::domain::words::Words;

use attune::domain::measures::kinds::AgeGroup;
use attune::domain::measures::score::Total;
use attune::domain::measures::thresholds::{ORS_NO_CHANGE_SESSIONS, ORS_RELIABLE_CHANGE};

fn t(tenths: u16) -> Total {
    Total(tenths)
}

fn status(age: AgeGroup, totals: &[u16]) -> OutcomeStatus {
    let totals: Vec<Total> = totals.iter().copied().map(Total).collect();
    OutcomeStatus::at(age, &totals, totals.len() - 1).expect("a session")
}

#[test]
fn age_groups_have_their_cutoffs_and_adult_is_the_default() {
    assert_eq!(AgeGroup::default(), AgeGroup::Adult);
    assert_eq!(AgeGroup::Adult.cutoff(), t(250));
    assert_eq!(AgeGroup::Adolescent.cutoff(), t(280));
    assert_eq!(AgeGroup::Child.cutoff(), t(320));
    assert_eq!(AgeGroup::Adolescent.label(), "adolescent");
    assert_eq!(
        serde_json::to_string(&AgeGroup::Child).unwrap(),
        "\"child\""
    );
}

#[test]
fn below_cutoff_is_strictly_below_for_each_age_group() {
    for (age, cutoff) in [
        (AgeGroup::Adult, 250),
        (AgeGroup::Adolescent, 280),
        (AgeGroup::Child, 320),
    ] {
        assert!(
            status(age, &[cutoff - 1]).below_cutoff,
            "{age:?} {}",
            cutoff - 1
        );
        assert!(!status(age, &[cutoff]).below_cutoff, "{age:?} {cutoff}");
    }
    // 24.9 / 25.0 for adults, exactly.
    assert!(status(AgeGroup::Adult, &[249]).below_cutoff);
    assert!(!status(AgeGroup::Adult, &[250]).below_cutoff);
    // The same total is below the child cutoff but not the adult one.
    assert!(status(AgeGroup::Child, &[300]).below_cutoff);
    assert!(!status(AgeGroup::Adult, &[300]).below_cutoff);
}

#[test]
fn reliable_change_is_five_points_either_way_with_exact_boundaries() {
    assert_eq!(ORS_RELIABLE_CHANGE, 50);
    let cases = [
        (49, false, false),
        (50, true, false),
        (51, true, false),
        (-49, false, false),
        (-50, false, true),
        (0, false, false),
    ];
    for (d, up, down) in cases {
        assert_eq!(Change(d).is_reliable_improvement(), up, "{d}");
        assert_eq!(Change(d).is_reliable_deterioration(), down, "{d}");
    }
    let cat = |intake, now| OutcomeCategory::of(AgeGroup::Adult, t(intake), t(now));
    // Above the cutoff at intake, so no crossing is possible.
    assert_eq!(cat(300, 349), OutcomeCategory::NoReliableChange);
    assert_eq!(cat(300, 350), OutcomeCategory::ReliableImprovement);
    assert_eq!(cat(300, 251), OutcomeCategory::NoReliableChange);
    assert_eq!(cat(300, 250), OutcomeCategory::ReliableDeterioration);
    assert_eq!(cat(300, 300), OutcomeCategory::NoReliableChange);
}

#[test]
fn clinically_significant_improvement_needs_reliable_change_and_a_crossing_from_below() {
    let cat = |age, intake, now| OutcomeCategory::of(age, t(intake), t(now));
    use OutcomeCategory::*;
    // 20.0 → 25.0: up 5.0 and reaches the cutoff exactly.
    assert_eq!(
        cat(AgeGroup::Adult, 200, 250),
        ClinicallySignificantImprovement
    );
    // 19.9 → 24.9: up 5.0 but still below.
    assert_eq!(cat(AgeGroup::Adult, 199, 249), ReliableImprovement);
    // 20.1 → 25.0: crosses, but only up 4.9.
    assert_eq!(cat(AgeGroup::Adult, 201, 250), NoReliableChange);
    // Intake already at the cutoff: no crossing from below.
    assert_eq!(cat(AgeGroup::Adult, 250, 300), ReliableImprovement);
    // Intake just below it: crosses.
    assert_eq!(
        cat(AgeGroup::Adult, 249, 299),
        ClinicallySignificantImprovement
    );
    // The same numbers depend on the age group's cutoff.
    assert_eq!(cat(AgeGroup::Child, 260, 310), ReliableImprovement);
    assert_eq!(
        cat(AgeGroup::Child, 270, 320),
        ClinicallySignificantImprovement
    );
    assert_eq!(
        cat(AgeGroup::Adolescent, 230, 280),
        ClinicallySignificantImprovement
    );
    assert_eq!(cat(AgeGroup::Adolescent, 229, 279), ReliableImprovement);
}

#[test]
fn intake_is_the_first_ors_and_has_no_change() {
    let s = status(AgeGroup::Adult, &[180]);
    assert_eq!(s.session_number, 1);
    assert_eq!(s.category, OutcomeCategory::Intake);
    assert_eq!(s.intake, t(180));
    assert_eq!(s.since_intake, None);
    assert_eq!(s.since_last, None);
    assert!(!s.no_change_alert);
    assert_eq!(OutcomeStatus::at(AgeGroup::Adult, &[], 0), None);
    assert_eq!(OutcomeStatus::at(AgeGroup::Adult, &[t(1)], 1), None);
}

#[test]
fn change_is_measured_from_intake_and_from_the_last_session() {
    let s = status(AgeGroup::Adult, &[180, 250, 230]);
    assert_eq!(s.session_number, 3);
    assert_eq!(s.since_intake, Some(Change(50)));
    assert_eq!(s.since_last, Some(Change(-20)));
    assert_eq!(s.category, OutcomeCategory::ReliableImprovement);
    // A big fall since last session is not a reliable deterioration from intake.
    let s = status(AgeGroup::Adult, &[200, 300, 220]);
    assert_eq!(s.since_last, Some(Change(-80)));
    assert_eq!(s.category, OutcomeCategory::NoReliableChange);
}

#[test]
fn no_reliable_change_becomes_an_alert_at_the_fourth_session_not_the_third() {
    assert_eq!(ORS_NO_CHANGE_SESSIONS, 4);
    let third = status(AgeGroup::Adult, &[200, 210, 249]);
    assert_eq!(third.category, OutcomeCategory::NoReliableChange);
    assert!(!third.no_change_alert);
    let fourth = status(AgeGroup::Adult, &[200, 210, 249, 249]);
    assert_eq!(fourth.session_number, 4);
    assert!(fourth.no_change_alert);
    let fifth = status(AgeGroup::Adult, &[200, 210, 249, 249, 151]);
    assert!(fifth.no_change_alert);
    // Any reliable change, up or down, at the fourth session: no stall alert.
    assert!(!status(AgeGroup::Adult, &[200, 210, 220, 250]).no_change_alert);
    assert!(!status(AgeGroup::Adult, &[200, 210, 220, 150]).no_change_alert);
    // It is the current reading that counts: improved earlier, back now.
    assert!(status(AgeGroup::Adult, &[200, 260, 240, 240]).no_change_alert);
}

#[test]
fn a_past_session_does_not_change_when_later_ones_arrive() {
    let totals = [t(200), t(210), t(260), t(150)];
    let all = OutcomeStatus::all(AgeGroup::Adult, &totals);
    assert_eq!(all.len(), 4);
    assert_eq!(all[1], status(AgeGroup::Adult, &[200, 210]));
    assert_eq!(
        all[2].category,
        OutcomeCategory::ClinicallySignificantImprovement
    );
    assert_eq!(all[3].category, OutcomeCategory::ReliableDeterioration);
}

#[test]
fn changes_read_as_words_and_signed_numbers() {
    assert_eq!(Change(50).words(Words::EN), "up 5.0");
    assert_eq!(Change(-49).words(Words::EN), "down 4.9");
    assert_eq!(Change(0).words(Words::EN), "unchanged");
    assert_eq!(Change(50).to_string(), "+5.0");
    assert_eq!(Change(-49).to_string(), "-4.9");
    assert_eq!(Change(0).to_string(), "0.0");
    assert_eq!(Change::between(t(400), t(0)), Change(-400));
    assert_eq!(Change::between(t(u16::MAX), t(0)), Change(i16::MIN));
}

#[test]
fn the_status_text_says_each_fact_plainly() {
    let intake = status(AgeGroup::Adult, &[175]);
    assert_eq!(
        intake.cutoff_text(Words::EN),
        "17.5 / 40, below the adult cutoff of 25.0."
    );
    assert_eq!(
        intake.intake_text(Words::EN),
        "First ORS with this client (intake)."
    );
    assert_eq!(intake.last_text(Words::EN), "");
    assert_eq!(intake.alert_text(Words::EN), "");

    let s = status(AgeGroup::Child, &[175, 240, 330]);
    assert_eq!(
        s.cutoff_text(Words::EN),
        "33.0 / 40, at or above the child cutoff of 32.0."
    );
    assert_eq!(s.intake_text(Words::EN), "Up 15.5 since intake (17.5).");
    assert_eq!(s.last_text(Words::EN), "Up 9.0 since last session.");
    assert!(s
        .text(Words::EN)
        .contains("moved from below the cutoff to above it"));

    let stalled = status(AgeGroup::Adult, &[200, 210, 220, 190]);
    assert_eq!(stalled.last_text(Words::EN), "Down 3.0 since last session.");
    assert!(stalled
        .alert_text(Words::EN)
        .starts_with("No reliable change by session 4"));
    assert!(stalled
        .text(Words::EN)
        .ends_with(&stalled.alert_text(Words::EN)));

    for c in [
        OutcomeCategory::Intake,
        OutcomeCategory::NoReliableChange,
        OutcomeCategory::ReliableImprovement,
        OutcomeCategory::ClinicallySignificantImprovement,
        OutcomeCategory::ReliableDeterioration,
    ] {
        assert!(
            !c.label(Words::EN).is_empty() && c.text(Words::EN).ends_with('.'),
            "{c:?}"
        );
        assert!(!c.text(Words::EN).contains("fail"), "{c:?}: never blaming");
    }
}
