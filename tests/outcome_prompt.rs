//! The ORS discussion prompt: one situation per status, in the SRS prompt's
//! layered shape and calm tone.

use attune::domain::course::outcome::OutcomeStatus;
use attune::domain::course::outcome_prompt::{outcome_prompt, OutcomePrompt, OutcomeSituation};
use attune::domain::measures::kinds::AgeGroup;
use attune::domain::measures::score::Total;
use attune::domain::words::{Lang, Words};

fn prompt(age: AgeGroup, totals: &[u16]) -> OutcomePrompt {
    prompt_in(age, totals, Words::EN)
}

fn prompt_in(age: AgeGroup, totals: &[u16], w: Words) -> OutcomePrompt {
    let totals: Vec<Total> = totals.iter().copied().map(Total).collect();
    outcome_prompt(
        &OutcomeStatus::at(age, &totals, totals.len() - 1).unwrap(),
        w,
    )
}

#[test]
fn each_status_gets_its_situation() {
    use OutcomeSituation::*;
    let cases: &[(&[u16], OutcomeSituation)] = &[
        (&[180], Intake),
        (&[300], Intake),
        (&[200, 150], Deterioration),
        (&[200, 151], Steady),
        (&[200, 250], DoingWell),
        (&[300, 350], DoingWell),
        (&[200, 249], Steady),
        (&[200, 210, 220], Steady),
        (&[200, 210, 220, 230], NotImproving),
        // A reliable fall outranks the stall at session 4.
        (&[200, 210, 220, 150], Deterioration),
    ];
    for &(totals, expected) in cases {
        assert_eq!(
            prompt(AgeGroup::Adult, totals).situation,
            expected,
            "{totals:?}"
        );
    }
}

#[test]
fn every_prompt_has_the_three_layers_and_three_steps() {
    let all: &[&[u16]] = &[
        &[180],
        &[300],
        &[200, 150],
        &[200, 250],
        &[200, 210],
        &[200, 210, 220, 230],
    ];
    let mut keys = Vec::new();
    for totals in all {
        let p = prompt(AgeGroup::Adult, totals);
        assert!(!p.title.is_empty(), "{totals:?}");
        assert!(
            p.say.ends_with('?') || p.say.ends_with('.'),
            "{totals:?}: {}",
            p.say
        );
        assert!(p.listen_for.starts_with("Listen for"), "{totals:?}");
        assert_eq!(p.steps.len(), 3, "{totals:?}");
        for step in &p.steps {
            assert!(!step.trim().is_empty());
            for word in ["fault", "failure to", "bad therapist", "wrong with you"] {
                assert!(!step.contains(word), "{totals:?}: {step}");
            }
        }
        assert!(p.situation.key().starts_with("ors-"));
        keys.push(p.situation.key());
    }
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), 5, "one key per situation: {keys:?}");
}

#[test]
fn intake_wording_depends_on_the_side_of_the_cutoff() {
    let low = prompt(AgeGroup::Adult, &[249]);
    assert!(
        low.steps[0].contains("24.9, below the cutoff of 25.0"),
        "{}",
        low.steps[0]
    );
    let high = prompt(AgeGroup::Adult, &[250]);
    assert!(
        high.steps[0].contains("25.0, at or above the cutoff of 25.0"),
        "{}",
        high.steps[0]
    );
    assert_ne!(low.say, high.say);
    // The child cutoff applies to a child.
    let child = prompt(AgeGroup::Child, &[300]);
    assert!(
        child.steps[0].contains("below the cutoff of 32.0"),
        "{}",
        child.steps[0]
    );
}

#[test]
fn the_steps_carry_the_numbers() {
    let fall = prompt(AgeGroup::Adult, &[200, 150]);
    assert!(
        fall.steps[0].contains("down 5.0 since intake (now 15.0)"),
        "{}",
        fall.steps[0]
    );
    let stall = prompt(AgeGroup::Adult, &[200, 210, 220, 230]);
    assert!(
        stall.steps[0].contains("After 4 sessions the total is up 3.0"),
        "{}",
        stall.steps[0]
    );
    let well = prompt(AgeGroup::Adult, &[200, 250]);
    assert_eq!(well.title, "Doing well: above the cutoff");
    assert_eq!(prompt(AgeGroup::Adult, &[300, 350]).title, "Doing well");
}

#[test]
fn a_spanish_page_gets_each_ors_prompt_in_spanish_with_the_same_figures() {
    let es = Words::new(Lang::Es);
    for totals in [
        &[180][..],
        &[300],
        &[200, 150],
        &[200, 250],
        &[200, 210],
        &[200, 210, 220, 230],
    ] {
        let en = prompt(AgeGroup::Adult, totals);
        let sp = prompt_in(AgeGroup::Adult, totals, es);
        assert_eq!(sp.situation, en.situation);
        assert!(
            sp.listen_for.starts_with("Preste atención"),
            "{}",
            sp.listen_for
        );
        for (e, s) in en.steps.iter().zip(&sp.steps) {
            assert_ne!(e, s);
            let digits = |t: &str| t.chars().filter(char::is_ascii_digit).collect::<String>();
            assert_eq!(digits(e), digits(s), "the figures stay\n{e}\n{s}");
        }
    }
    let down = prompt_in(AgeGroup::Adult, &[200, 150], es);
    assert_eq!(
        down.steps[0],
        "Refleje y agradezca. El total bajó 5.0 desde el ingreso (ahora 15.0). Mantenga la calma y la curiosidad: una caída es información, no un fracaso."
    );
}
