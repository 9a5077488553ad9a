//! Several raters read together: divergence between two raters
//! at its exact boundaries (totals 4.9 / 5.0 apart, one item 2.9 / 3.0
//! apart, SRS and ORS alike), the side-by-side table and its flag, the
//! three-layer prompt, a group's spread (odd and even counts) and the
//! progress-note line covering every rater.

use attune::domain::course::session::sessions;
use attune::domain::measures::kinds::AgeGroup;
use attune::domain::measures::kinds::{MeasureKind, RaterRef};
use attune::domain::measures::scale::{ScaleDefinition, Scales};
use attune::domain::measures::score::{Tenths, Total};
use attune::domain::measures::thresholds::{
    CUTOFF_TOTAL, ORS_DIVERGENCE_ITEM, ORS_DIVERGENCE_TOTAL, SRS_DIVERGENCE_ITEM,
    SRS_DIVERGENCE_TOTAL,
};
use attune::domain::raters::divergence::{
    compare, session_scores, side_by_side, thresholds, RaterScores,
};
use attune::domain::raters::divergence_prompt::divergence_prompt;
use attune::domain::raters::note::raters_note;
use attune::domain::raters::spread::{group_spread, Range};
use attune::domain::records::store::{decode, Store};
use attune::domain::words::{Lang, Words};

const COUPLE: &str = include_str!("fixtures/v5-couple.json");
const MEASURES: [MeasureKind; 2] = [MeasureKind::Srs, MeasureKind::Ors];

fn t(v: &[u16]) -> Vec<Tenths> {
    v.iter().map(|&x| Tenths::new(x).unwrap()).collect()
}

fn entry(label: &str, scores: &[u16]) -> RaterScores {
    RaterScores {
        rater: RaterRef::Member { id: label.into() },
        label: label.into(),
        age_group: AgeGroup::Adult,
        scores: t(scores),
        max: Total(400),
    }
}

fn store() -> Store {
    decode(COUPLE).unwrap().store
}

// ---- the thresholds ----

#[test]
fn the_thresholds_are_the_clinical_notes_product_decision() {
    assert_eq!((SRS_DIVERGENCE_TOTAL, SRS_DIVERGENCE_ITEM), (50, 30));
    assert_eq!((ORS_DIVERGENCE_TOTAL, ORS_DIVERGENCE_ITEM), (50, 30));
    assert_eq!(thresholds(MeasureKind::Srs), (50, 30));
    assert_eq!(thresholds(MeasureKind::Ors), (50, 30));
}

#[test]
fn totals_diverge_from_5_0_apart_not_4_9() {
    for measure in MEASURES {
        // Items each under 3.0 apart, so only the total can diverge.
        let a = t(&[90, 90, 90, 90]);
        let just_under = t(&[78, 78, 78, 77]); // 4.9 apart
        let at = t(&[78, 78, 77, 77]); // 5.0 apart
        let g = compare(measure, &a, &just_under);
        assert_eq!(g.total, 49);
        assert!(!g.totals_diverge && !g.diverges(), "{measure:?} 4.9");
        let g = compare(measure, &a, &at);
        assert_eq!(g.total, 50);
        assert!(g.totals_diverge && g.diverges(), "{measure:?} 5.0");
        assert!(g.diverging_items.is_empty());
        // Either order.
        assert_eq!(compare(measure, &at, &a).total, 50);
    }
}

#[test]
fn an_item_diverges_from_3_0_apart_not_2_9() {
    for measure in MEASURES {
        let a = t(&[80, 80, 80, 80]);
        let g = compare(measure, &a, &t(&[80, 51, 80, 80]));
        assert_eq!(g.items, [0, 29, 0, 0]);
        assert!(!g.diverges(), "{measure:?} 2.9");
        let g = compare(measure, &a, &t(&[80, 50, 80, 80]));
        assert_eq!(g.diverging_items, [1], "{measure:?} 3.0");
        assert!(!g.totals_diverge && g.diverges());
        // Upwards too.
        let g = compare(measure, &t(&[80, 80, 80, 70]), &t(&[80, 80, 80, 100]));
        assert_eq!(g.diverging_items, [3]);
    }
}

// ---- side by side ----

#[test]
fn side_by_side_shows_every_figure_and_flags_what_diverges() {
    let scale = ScaleDefinition::builtin();
    let entries = [entry("A", &[95, 95, 95, 95]), entry("B", &[80, 55, 70, 70])];
    let side = side_by_side(MeasureKind::Srs, &scale, &entries);
    assert_eq!(side.labels, ["A", "B"]);
    assert_eq!(side.totals, [Total(380), Total(275)]);
    assert_eq!(side.maxima, [Total(400), Total(400)]);
    assert_eq!(side.items[1].title, "Goals and Topics");
    assert_eq!(side.items[1].scores, [Tenths::new(95), Tenths::new(55)]);
    let flagged: Vec<bool> = side.items.iter().map(|r| r.diverges).collect();
    assert_eq!(flagged, [false, true, false, false]);
    assert!(side.totals_diverge);
    assert_eq!(side.diverging_items(), [1]);
    assert_eq!(
        side.flag(Words::EN).as_deref(),
        Some("Ratings differ on the total and on Goals and Topics.")
    );
    assert_eq!(side.pairs.len(), 1);
    assert_eq!(
        side.pairs[0].gap.words(&scale, Words::EN),
        "totals 10.5 apart; Goals and Topics 4.0 apart"
    );
    // In the therapist page's Spanish, with the measure's own item words.
    let es = Words::new(attune::domain::words::Lang::Es);
    assert_eq!(
        side.flag(es).as_deref(),
        Some("Las valoraciones difieren en el total y en Goals and Topics.")
    );
    assert_eq!(
        side.pairs[0].gap.words(&scale, es),
        "los totales difieren en 10.5; Goals and Topics difiere en 4.0"
    );

    // Close ratings: no flag.
    let close = side_by_side(
        MeasureKind::Srs,
        &scale,
        &[entry("A", &[90, 90, 90, 90]), entry("B", &[88, 85, 90, 90])],
    );
    assert!(!close.diverges() && close.flag(Words::EN).is_none());
}

#[test]
fn a_family_is_compared_pair_by_pair() {
    let scale = ScaleDefinition::builtin_ors();
    let entries = [
        entry("Mum", &[60, 60, 60, 60]),
        entry("Dad", &[60, 60, 60, 60]),
        entry("Kit", &[60, 20, 60, 60]),
    ];
    let side = side_by_side(MeasureKind::Ors, &scale, &entries);
    let pairs: Vec<(usize, usize, bool)> = side
        .pairs
        .iter()
        .map(|p| (p.a, p.b, p.gap.diverges()))
        .collect();
    assert_eq!(pairs, [(0, 1, false), (0, 2, true), (1, 2, true)]);
    assert_eq!(
        side.flag(Words::EN).as_deref(),
        Some("Ratings differ on Interpersonally.")
    );
}

// ---- the prompt ----

#[test]
fn the_prompt_names_the_difference_without_taking_sides() {
    let scale = ScaleDefinition::builtin();
    let side = side_by_side(
        MeasureKind::Srs,
        &scale,
        &[
            entry("Ann", &[95, 95, 95, 95]),
            entry("Bob", &[80, 55, 70, 70]),
        ],
    );
    let p = divergence_prompt(&side, Words::EN).unwrap();
    assert_eq!(
        p.say,
        "I notice your ratings look different today. Let's talk about what each of you needs."
    );
    assert_eq!(p.steps.len(), 3);
    assert!(p.steps[0].contains("without taking sides"));
    assert!(p.steps[0].contains("the totals are 10.5 apart and Goals and Topics 4.0 apart"));
    assert!(p.steps[1].contains("each person"));
    assert!(p.steps[2].contains("one change") && p.steps[2].contains("both of you"));
    // Nobody is named, so nobody is singled out.
    for text in std::iter::once(&p.say)
        .chain([&p.listen_for, &p.title])
        .chain(&p.steps)
    {
        assert!(!text.contains("Ann") && !text.contains("Bob"), "{text}");
    }
    // The ORS has its own words; three people are "all of you".
    let ors = side_by_side(
        MeasureKind::Ors,
        &ScaleDefinition::builtin_ors(),
        &[
            entry("A", &[60, 60, 60, 60]),
            entry("B", &[60, 60, 60, 60]),
            entry("C", &[20, 60, 60, 60]),
        ],
    );
    let p = divergence_prompt(&ors, Words::EN).unwrap();
    assert!(p.say.contains("past week"));
    assert!(
        p.steps[0].contains("Individually up to 4.0 apart"),
        "{}",
        p.steps[0]
    );
    assert!(p.steps[2].contains("all of you"));
    // No divergence, no prompt.
    let close = side_by_side(
        MeasureKind::Srs,
        &scale,
        &[entry("A", &[90, 90, 90, 90]), entry("B", &[90, 90, 90, 90])],
    );
    assert_eq!(divergence_prompt(&close, Words::EN), None);
}

#[test]
fn a_spanish_page_names_the_difference_in_spanish() {
    let es = Words::new(Lang::Es);
    let side = side_by_side(
        MeasureKind::Srs,
        &ScaleDefinition::builtin(),
        &[
            entry("Ann", &[95, 95, 95, 95]),
            entry("Bob", &[80, 55, 70, 70]),
        ],
    );
    let p = divergence_prompt(&side, es).unwrap();
    assert_eq!(
        p.say,
        "Noto que hoy sus valoraciones son distintas. Hablemos de lo que cada uno de ustedes necesita."
    );
    assert!(
        p.steps[0].contains("los totales difieren en 10.5 y Goals and Topics difiere en 4.0"),
        "{}",
        p.steps[0]
    );
    assert!(p.steps[2].contains("las dos personas"), "{}", p.steps[2]);
}

// ---- a group's spread ----

#[test]
fn an_odd_group_has_its_middle_mark_as_the_median() {
    let entries = [
        entry("Cy", &[90, 80, 90, 90]),
        entry("al", &[70, 60, 80, 70]),
        entry("Bo", &[100, 90, 95, 95]),
    ];
    let s = group_spread(MeasureKind::Srs, &entries).unwrap();
    assert_eq!(s.raters, 3);
    assert_eq!(
        s.total,
        Range {
            low: 280,
            median: 350,
            high: 380
        }
    );
    assert_eq!(
        s.items[0],
        Range {
            low: 70,
            median: 90,
            high: 100
        }
    );
    assert_eq!(
        s.items[1],
        Range {
            low: 60,
            median: 80,
            high: 90
        }
    );
    // Below 36.0: al (28.0) and Cy (35.0), alphabetically, not by score.
    assert_eq!(s.below_cutoff, ["al", "Cy"]);
}

#[test]
fn an_even_group_takes_the_mean_of_the_middle_two_rounded_half_up() {
    let entries = [
        entry("D", &[90, 90, 90, 90]), // 36.0: at the cutoff, not below
        entry("A", &[85, 85, 85, 80]), // 33.5
        entry("C", &[100, 100, 100, 100]),
        entry("B", &[90, 90, 90, 89]), // 35.9: below
    ];
    let s = group_spread(MeasureKind::Srs, &entries).unwrap();
    // Totals sorted: 33.5, 35.9, 36.0, 40.0 -> (35.9 + 36.0) / 2 = 35.95 -> 36.0.
    assert_eq!(
        s.total,
        Range {
            low: 335,
            median: 360,
            high: 400
        }
    );
    // Item 4 sorted: 8.0, 8.9, 9.0, 10.0 -> (8.9 + 9.0) / 2 = 8.95 -> 9.0.
    assert_eq!(
        s.items[3],
        Range {
            low: 80,
            median: 90,
            high: 100
        }
    );
    // Item 1 sorted: 8.5, 9.0, 9.0, 10.0 -> 9.0 exactly.
    assert_eq!(s.items[0].median, 90);
    assert_eq!(s.below_cutoff, ["A", "B"]);
    assert_eq!(CUTOFF_TOTAL, 360);
    // Two members: the mean of both; one member: their own marks.
    assert_eq!(Range::of([335, 338]).unwrap().median, 337, "33.65 -> 33.7");
    assert_eq!(
        Range::of([71]).unwrap(),
        Range {
            low: 71,
            median: 71,
            high: 71
        }
    );
    assert_eq!(Range::of([]), None);
    assert_eq!(group_spread(MeasureKind::Srs, &[]), None);
}

#[test]
fn a_groups_ors_is_read_against_each_members_own_cutoff() {
    let mut child = entry("Kid", &[75, 75, 75, 74]); // 29.9: below the child cutoff 32
    child.age_group = AgeGroup::Child;
    let adult = entry("Ada", &[75, 75, 75, 74]); // 29.9: above the adult cutoff 25
    let s = group_spread(MeasureKind::Ors, &[adult, child]).unwrap();
    assert_eq!(s.below_cutoff, ["Kid"]);
}

// ---- the progress-note line ----

#[test]
fn the_note_covers_every_rater_with_divergence_named() {
    let s = store();
    let scales = Scales::builtin();
    let all = sessions(&s.ratings);
    let find = |id: &str| all.iter().find(|x| x.id == id).unwrap();
    assert_eq!(
        raters_note(&s, &scales, find("s-c1"), Words::EN),
        "SRS: JD 38.0/40, KL 27.5/40 (divergence: totals 10.5 apart; Goals and Topics 4.0 apart). \
         ORS: JD 21.7/40, KL 22.5/40 (divergence: Interpersonally 3.0 apart)."
    );
    // A child and her collateral parent: each out of their own scale.
    assert_eq!(
        raters_note(&s, &scales, find("s-f1"), Words::EN),
        "ORS: Sam 24.1/40, Mum 18.3/40 (divergence: totals 5.8 apart; Socially 3.5 apart)."
    );
    // A group: the spread and who is below the cutoff, alphabetically.
    assert_eq!(
        raters_note(&s, &scales, find("s-g1"), Words::EN),
        "SRS: AL 37.2/40, BO 31.0/40, CY 36.0/40 (spread: totals 31.0 to 37.2, median 36.0; below the cutoff of 36: BO)."
    );
    // One rater: just the figure.
    let solo = all.iter().find(|x| x.id == "r-rt").unwrap();
    assert_eq!(
        raters_note(&s, &scales, solo, Words::EN),
        "SRS: RT 36.0/40."
    );
}

#[test]
fn a_groups_ors_note_says_whose_cutoff_each_person_is_below() {
    let mut s = store();
    // The Tuesday group's ORS: AL (adult, 24.0 < 25.0), BO (adult, 30.0) and
    // CY (adolescent, 27.0 < 28.0).
    let ors = |id: &str, member: &str, scores: [u16; 4]| {
        let mut r = s.ratings.iter().find(|r| r.id == "r-al").unwrap().clone();
        r.id = id.into();
        r.measure = MeasureKind::Ors;
        r.scale_id = "ors-attune".into();
        r.rater = RaterRef::Member { id: member.into() };
        r.scores = t(&scores);
        r
    };
    let more = [
        ors("o-al", "g-al", [60, 60, 60, 60]),
        ors("o-bo", "g-bo", [75, 75, 75, 75]),
        ors("o-cy", "g-cy", [70, 70, 60, 70]),
    ];
    s.ratings.extend(more);
    let all = sessions(&s.ratings);
    let g1 = all.iter().find(|x| x.id == "s-g1").unwrap();
    let note = raters_note(&s, &Scales::builtin(), g1, Words::EN);
    assert!(
        note.ends_with("below their clinical cutoff: AL (adult 25), CY (adolescent 28))."),
        "{note}"
    );
}

#[test]
fn after_a_round_each_person_is_read_against_their_own_intake_and_cutoff() {
    use attune::domain::course::outcome::OutcomeCategory;
    use attune::domain::raters::outcomes::people_outcomes;
    use attune::domain::time::utc;
    let mut s = store();
    // A second session of the couple, a week later: JD 21.7 → 27.0 (up 5.3,
    // reliable, crossing the adult cutoff 25), KL 22.5 → 20.0.
    let later = |id: &str, from: &str, scores: [u16; 4]| {
        let mut r = s.ratings.iter().find(|r| r.id == from).unwrap().clone();
        r.id = id.into();
        r.session_id = Some("s-c2".into());
        r.session_at += chrono::Duration::days(7);
        r.recorded_at = r.session_at;
        r.scores = t(&scores);
        r
    };
    let more = [
        later("o-jd2", "o-jd", [70, 70, 65, 65]),
        later("o-kl2", "o-kl", [50, 50, 50, 50]),
    ];
    s.ratings.extend(more);
    let all = sessions(&s.ratings);
    let c2 = all.iter().find(|x| x.id == "s-c2").unwrap();
    let people = people_outcomes(&s, c2, &utc);
    assert_eq!(people.len(), 2);
    assert_eq!(people[0].label, "JD");
    assert_eq!(people[0].status.intake, Total(217));
    assert_eq!(people[0].status.total, Total(270));
    assert_eq!(
        people[0].status.category,
        OutcomeCategory::ClinicallySignificantImprovement
    );
    assert_eq!(people[1].label, "KL");
    assert_eq!(
        people[1].status.intake,
        Total(225),
        "KL's own intake, not JD's"
    );
    assert!(people[1].status.below_cutoff);
    assert!(people[1].text().starts_with("KL: "), "{}", people[1].text());
    // The first session is each person's intake, and stays so.
    let c1 = all.iter().find(|x| x.id == "s-c1").unwrap();
    let first = people_outcomes(&s, c1, &utc);
    assert!(first
        .iter()
        .all(|p| p.status.category == OutcomeCategory::Intake));
    // A child's ORS is read against the child cutoff.
    let f1 = all.iter().find(|x| x.id == "s-f1").unwrap();
    let sam = &people_outcomes(&s, f1, &utc)[0];
    assert_eq!(sam.label, "Sam");
    assert_eq!(sam.status.cutoff(), Total(320));
}

#[test]
fn the_note_takes_the_maximum_from_the_scale() {
    let s = store();
    let five = ScaleDefinition::from_json(
        r#"{"id":"srs-attune","version":1,"name":"Five","items":[
            {"id":"a","title":"A","left":"l","right":"r"},
            {"id":"b","title":"B","left":"l","right":"r"},
            {"id":"c","title":"C","left":"l","right":"r"},
            {"id":"d","title":"D","left":"l","right":"r"},
            {"id":"e","title":"E","left":"l","right":"r"}]}"#,
    )
    .unwrap();
    let scales = Scales {
        srs: five,
        ..Scales::builtin()
    };
    let all = sessions(&s.ratings);
    let solo = all.iter().find(|x| x.id == "r-rt").unwrap();
    assert_eq!(
        raters_note(&s, &scales, solo, Words::EN),
        "SRS: RT 36.0/50."
    );
}

#[test]
fn session_scores_are_in_saved_order_with_labels_and_ages() {
    let s = store();
    let all = sessions(&s.ratings);
    let f1 = all.iter().find(|x| x.id == "s-f1").unwrap();
    let e = session_scores(&s, f1, MeasureKind::Ors, |_| Total(400));
    let got: Vec<(&str, AgeGroup)> = e.iter().map(|x| (x.label.as_str(), x.age_group)).collect();
    assert_eq!(got, [("Sam", AgeGroup::Child), ("Mum", AgeGroup::Adult)]);
    assert!(session_scores(&s, f1, MeasureKind::Srs, |_| Total(400)).is_empty());
}
