//! The layered prompt: one line to say, one thing to listen for, the full
//! steps, and when those steps open by themselves.

use attune::domain::course::prompt::{
    discussion_layers, discussion_prompt, steps_open_by_default, steps_open_for_keys, with_seen,
    PromptLayers, Situation,
};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::words::{Lang, Words};

mod common;

/// Client `c1`'s rating of the `day`-th session, on 2026-01-`day`.
fn rating(id: &str, day: u32, scores: [u16; 4]) -> Rating {
    common::srs(id, Some("c1"), common::january(day), &scores)
}

fn layers_for(history: &[[u16; 4]]) -> PromptLayers {
    layers_in(history, Words::EN)
}

fn layers_in(history: &[[u16; 4]], w: Words) -> PromptLayers {
    let all: Vec<Rating> = history
        .iter()
        .enumerate()
        .map(|(i, s)| rating(&format!("r{i}"), i as u32 + 1, *s))
        .collect();
    let (current, earlier) = all.split_last().unwrap();
    let scale = ScaleDefinition::builtin();
    let layers = discussion_layers(&scale, current, earlier, w);
    let prompt = discussion_prompt(&scale, current, earlier, w);
    assert_eq!(
        layers.steps, prompt.steps,
        "the full steps are the prompt's"
    );
    assert_eq!(layers.situation, prompt.situation);
    layers
}

/// A situation, a history that leads to it, and the item its line must name.
type Case = (Situation, Vec<[u16; 4]>, Option<&'static str>);

/// One history per situation.
fn cases() -> Vec<Case> {
    vec![
        (Situation::FirstSession, vec![[95, 95, 95, 95]], None),
        (
            Situation::Neutral,
            vec![[94, 95, 95, 95], [95, 95, 95, 95]],
            None,
        ),
        (
            Situation::BelowCutoff,
            vec![[85, 90, 90, 90], [85, 90, 90, 90]],
            Some("Relationship"),
        ),
        (
            Situation::LowItem,
            vec![[95, 95, 95, 85], [95, 95, 95, 86]],
            Some("Overall"),
        ),
        (
            Situation::Drop,
            vec![[95, 95, 95, 95], [95, 95, 84, 95]],
            Some("Approach or Method"),
        ),
        (
            Situation::SuddenDrop,
            vec![[95, 95, 95, 95], [95, 70, 95, 95]],
            Some("Goals and Topics"),
        ),
        (Situation::Ceiling, vec![[96, 97, 98, 99]; 3], None),
        (
            Situation::RepeatedLow { item: 2 },
            vec![[90, 90, 80, 90]; 3],
            Some("Approach or Method"),
        ),
    ]
}

#[test]
fn every_situation_has_a_short_line_to_say_naming_the_item() {
    for (situation, history, item) in cases() {
        let l = layers_for(&history);
        assert_eq!(l.situation, situation, "{history:?}");
        let words = l.say.split_whitespace().count();
        assert!(words <= 30, "{situation:?}: {words} words: {}", l.say);
        assert!(words >= 8, "{situation:?}: a real sentence: {}", l.say);
        if let Some(item) = item {
            assert!(
                l.say.contains(item),
                "{situation:?} names {item}: {}",
                l.say
            );
        }
        assert!(!l.listen_for.is_empty() && l.listen_for.len() < 200);
        assert_eq!(l.steps.len(), 3);
        assert!(!l.title.is_empty());
        let lower = l.say.to_lowercase();
        for blame in ["wrong", "fault", "failed", "mistake", "should have", "bad"] {
            assert!(!lower.contains(blame), "{situation:?} blames: {}", l.say);
        }
    }
}

#[test]
fn low_marks_are_thanked_and_asked_about() {
    for (situation, history, _) in cases() {
        let l = layers_for(&history);
        let low = !matches!(
            situation,
            Situation::FirstSession | Situation::Neutral | Situation::Ceiling
        );
        if low {
            let thanks = ["thank", "glad", "appreciate"]
                .iter()
                .any(|w| l.say.to_lowercase().contains(w));
            assert!(thanks, "{situation:?}: {}", l.say);
        }
    }
}

#[test]
fn the_listening_cue_follows_the_item() {
    // Relationship lowest: listen for tone; Goals lowest: listen for drift.
    let rel = layers_for(&[[85, 90, 90, 90], [85, 90, 90, 90]]);
    assert!(rel.listen_for.contains("tone"), "{}", rel.listen_for);
    let goals = layers_for(&[[90, 85, 90, 90], [90, 85, 90, 90]]);
    assert!(goals.listen_for.contains("drift"), "{}", goals.listen_for);
    assert!(goals.say.contains("Goals and Topics"), "{}", goals.say);
}

#[test]
fn every_item_level_and_low_is_not_pinned_on_one_item() {
    let l = layers_for(&[[80, 80, 80, 80], [80, 80, 80, 80]]);
    assert_eq!(l.situation, Situation::BelowCutoff);
    assert!(l.say.contains("the marks came out lower"), "{}", l.say);
    assert!(!l.say.contains("Relationship"), "{}", l.say);
}

#[test]
fn a_drop_where_everything_fell_alike_names_no_item() {
    let l = layers_for(&[[98, 98, 98, 98], [95, 95, 95, 95]]);
    assert_eq!(l.situation, Situation::Drop);
    assert_eq!(
        l.say,
        "Your marks are a bit lower than last time. Thanks for letting me know. What was different today?"
    );
}

#[test]
fn steps_open_only_the_first_time_a_situation_is_seen() {
    assert!(steps_open_by_default(Situation::Drop, &[]));
    assert!(steps_open_by_default(
        Situation::SuddenDrop,
        &[Situation::Drop, Situation::Neutral]
    ));
    assert!(!steps_open_by_default(
        Situation::Drop,
        &[Situation::Neutral, Situation::Drop]
    ));
    // A repeated low is one situation to learn, whichever item it is on.
    assert!(!steps_open_by_default(
        Situation::RepeatedLow { item: 3 },
        &[Situation::RepeatedLow { item: 0 }]
    ));

    let seen = with_seen(&[], Situation::Ceiling);
    assert!(!steps_open_for_keys(Situation::Ceiling, &seen));
    assert!(steps_open_for_keys(Situation::Neutral, &seen));
    let seen = with_seen(&seen, Situation::Neutral);
    assert_eq!(with_seen(&seen, Situation::Ceiling), seen, "added once");
    assert_eq!(seen, ["ceiling", "neutral"]);
}

#[test]
fn situation_keys_are_stable_and_distinct() {
    let keys: Vec<&str> = cases().iter().map(|(s, _, _)| s.key()).collect();
    assert_eq!(
        keys,
        [
            "first-session",
            "neutral",
            "below-cutoff",
            "low-item",
            "drop",
            "sudden-drop",
            "ceiling",
            "repeated-low"
        ]
    );
}

/// The figures a text carries (`9.0`, `8.5/10`, `3`), in order.
fn figures(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_digit() && c != '.' && c != '/')
        .map(|t| t.trim_matches(|c| c == '.' || c == '/'))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_spanish_page_gets_every_situation_in_spanish_with_the_same_figures() {
    let es = Words::new(Lang::Es);
    for (situation, history, item) in cases() {
        let en = layers_for(&history);
        let sp = layers_in(&history, es);
        assert_eq!(sp.situation, situation);
        assert_eq!(sp.steps.len(), 3);
        for (e, s) in [
            (&en.title, &sp.title),
            (&en.say, &sp.say),
            (&en.listen_for, &sp.listen_for),
        ]
        .into_iter()
        .chain(en.steps.iter().zip(&sp.steps))
        {
            assert_ne!(e, s, "{situation:?}: not translated");
            let (mut fe, mut fs) = (figures(e), figures(s));
            fe.sort();
            fs.sort();
            assert_eq!(
                fe, fs,
                "{situation:?}: the figures stay as they are\n{e}\n{s}"
            );
            for english in [
                "You might say",
                "Thank",
                "Listen for",
                "session",
                "marks",
                "{",
            ] {
                assert!(
                    !s.contains(english),
                    "{situation:?}: {english:?} left in {s}"
                );
            }
        }
        // The scale's own item names are kept as the scale words them.
        if let Some(item) = item {
            assert!(sp.say.contains(item), "{situation:?}: {}", sp.say);
        }
        if matches!(situation, Situation::BelowCutoff | Situation::LowItem) {
            assert!(
                sp.steps[0].contains("Podría decir: \"Veo que hoy"),
                "{}",
                sp.steps[0]
            );
        }
    }
}

/// The page's joiner, as the prompts call it.
fn join(names: &[String], w: Words) -> String {
    w.join(names)
}

#[test]
fn a_list_of_items_is_joined_in_the_page_language() {
    let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let es = Words::new(Lang::Es);
    assert_eq!(join(&names(&["A", "B", "C"]), Words::EN), "A, B and C");
    assert_eq!(join(&names(&["A", "B", "C"]), es), "A, B y C");
    assert_eq!(join(&names(&["Relación"]), es), "Relación");
    assert_eq!(join(&[], es), "");
    // Spanish says "e" before the sound "i", not before "hie-", "hia-".
    assert_eq!(
        join(&names(&["Social", "Individual"]), es),
        "Social e Individual"
    );
    assert_eq!(join(&names(&["Metas", "hijos"]), es), "Metas e hijos");
    assert_eq!(join(&names(&["Agua", "hielo"]), es), "Agua y hielo");
    assert_eq!(
        join(&names(&["Social", "Individually"]), Words::EN),
        "Social and Individually"
    );
}
