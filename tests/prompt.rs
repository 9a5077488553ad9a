//! Discussion prompt: situations, precedence, thresholds at their boundaries,
//! lowest-item naming and date order.

use attune::domain::course::prompt::{discussion_prompt, Prompt, Situation};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::measures::score::Tenths;
use attune::domain::words::Words;

mod common;
use common::at;

/// A rating for client `c1` on day `day` of January 2026; scores in tenths.
fn rating(id: &str, day: u32, scores: [u16; 4]) -> Rating {
    common::srs(id, Some("c1"), common::january(day), &scores)
}

/// Prompt for the last of `history` (scores in date order), the rest as earlier sessions.
fn prompt_for(history: &[[u16; 4]]) -> Prompt {
    let all: Vec<Rating> = history
        .iter()
        .enumerate()
        .map(|(i, s)| rating(&format!("r{i}"), i as u32 + 1, *s))
        .collect();
    let (current, earlier) = all.split_last().expect("at least one session");
    discussion_prompt(&ScaleDefinition::builtin(), current, earlier, Words::EN)
}

const NAMES: [&str; 4] = [
    "Relationship",
    "Goals and Topics",
    "Approach or Method",
    "Overall",
];

fn check_shape(name: &str, p: &Prompt) {
    assert_eq!(p.steps.len(), 3, "{name}: three steps");
    assert_eq!(
        p.flags.first(),
        Some(&p.situation),
        "{name}: situation leads the flags"
    );
    assert!(!p.title.is_empty(), "{name}");
    for &i in &p.lowest {
        assert!(
            p.steps[0].contains(NAMES[i]),
            "{name}: step 1 names {}: {}",
            NAMES[i],
            p.steps[0]
        );
    }
    let all = p.steps.join(" ").to_lowercase();
    for word in ["fail", "wrong", "fault", "blame", "bad ", "poor"] {
        assert!(
            !all.contains(word),
            "{name}: shaming word {word:?} in {all}"
        );
    }
}

use Situation::*;

/// (name, scores in date order with the current session last, situation, flags)
type Case = (
    &'static str,
    &'static [[u16; 4]],
    Situation,
    &'static [Situation],
);

#[test]
fn situations_and_boundaries() {
    const HI: [u16; 4] = [100; 4];
    const OK: [u16; 4] = [96, 94, 95, 97];
    let cases: &[Case] = &[
        ("first session, high", &[HI], FirstSession, &[FirstSession]),
        (
            "first session, low item",
            &[[100, 100, 85, 100]],
            LowItem,
            &[LowItem, FirstSession],
        ),
        (
            "first session, below cutoff",
            &[[90, 90, 90, 89]],
            BelowCutoff,
            &[BelowCutoff, LowItem, FirstSession],
        ),
        ("neutral", &[OK, OK], Neutral, &[Neutral]),
        (
            "item 9.0 is not low",
            &[OK, [90, 100, 100, 100]],
            Neutral,
            &[Neutral],
        ),
        (
            "item 8.9 is low",
            &[OK, [89, 100, 100, 100]],
            LowItem,
            &[LowItem],
        ),
        (
            "total 36.0 is not below cutoff",
            &[[90; 4], [90; 4]],
            Neutral,
            &[Neutral],
        ),
        ("fall 0.9", &[HI, [100, 100, 100, 91]], Neutral, &[Neutral]),
        ("fall 1.0", &[HI, [100, 100, 100, 90]], Drop, &[Drop]),
        ("fall 2.9", &[HI, [93, 93, 93, 92]], Drop, &[Drop]),
        (
            "fall 3.0",
            &[HI, [93, 93, 92, 92]],
            SuddenDrop,
            &[SuddenDrop],
        ),
        (
            "item fall 1.9",
            &[HI, [100, 100, 100, 81]],
            Drop,
            &[Drop, LowItem],
        ),
        (
            "item fall 2.0",
            &[HI, [100, 100, 100, 80]],
            SuddenDrop,
            &[SuddenDrop, LowItem],
        ),
        (
            "drop outranks cutoff",
            &[[90; 4], [87; 4]],
            Drop,
            &[Drop, BelowCutoff, LowItem],
        ),
        (
            "ceiling: 3 sessions all >= 9.5",
            &[[95; 4], [95; 4], [95; 4]],
            Ceiling,
            &[Ceiling],
        ),
        (
            "ceiling needs 3 sessions",
            &[[95; 4], [95; 4]],
            Neutral,
            &[Neutral],
        ),
        (
            "9.4 two sessions back breaks it",
            &[[95, 95, 94, 95], [95; 4], [95; 4]],
            Neutral,
            &[Neutral],
        ),
        (
            "9.4 today breaks it",
            &[[95; 4], [95; 4], [95, 95, 95, 94]],
            Neutral,
            &[Neutral],
        ),
        (
            "ceiling over a longer run",
            &[[95; 4], HI, HI, HI],
            Ceiling,
            &[Ceiling],
        ),
        (
            "two lows in a row",
            &[[100, 100, 85, 100], [100, 100, 85, 100]],
            LowItem,
            &[LowItem],
        ),
        (
            "three lows in a row",
            &[
                [100, 100, 85, 100],
                [100, 100, 85, 100],
                [100, 100, 85, 100],
            ],
            RepeatedLow { item: 2 },
            &[RepeatedLow { item: 2 }, LowItem],
        ),
        (
            "low but not lowest two sessions back",
            &[[80, 100, 85, 100], [100, 100, 85, 100], [100, 100, 85, 100]],
            LowItem,
            &[LowItem],
        ),
        (
            "lowest but 9.0 two sessions back",
            &[
                [100, 100, 90, 100],
                [100, 100, 85, 100],
                [100, 100, 85, 100],
            ],
            LowItem,
            &[LowItem],
        ),
        (
            "repeated low outranks a sudden drop",
            &[
                [100, 100, 70, 100],
                [100, 100, 70, 100],
                [100, 100, 40, 100],
            ],
            RepeatedLow { item: 2 },
            &[RepeatedLow { item: 2 }, SuddenDrop, BelowCutoff, LowItem],
        ),
        (
            "tied repeated lows: scale order",
            &[[80, 80, 100, 100], [80, 80, 100, 100], [80, 80, 100, 100]],
            RepeatedLow { item: 0 },
            &[RepeatedLow { item: 0 }, RepeatedLow { item: 1 }, LowItem],
        ),
    ];
    for (name, history, situation, flags) in cases {
        let p = prompt_for(history);
        assert_eq!(p.situation, *situation, "{name}");
        assert_eq!(p.flags, *flags, "{name}");
        check_shape(name, &p);
    }
}

#[test]
fn repeated_low_counts_the_whole_run() {
    let low = [100, 100, 85, 100];
    assert_eq!(prompt_for(&[low, low]).repeated_sessions, 0);
    assert_eq!(prompt_for(&[low, low, low]).repeated_sessions, 3);
    let p = prompt_for(&[low, low, low, low, low]);
    assert_eq!(p.repeated_sessions, 5);
    assert!(p.title.contains("5 sessions in a row"), "{}", p.title);
}

#[test]
fn repeated_low_wording_per_item() {
    // (item, phrases that must appear in steps 2 and 3)
    let cases: &[(usize, &[&str])] = &[
        (0, &["rupture", "cultural mismatch", "referral"]),
        (1, &["treatment goals", "agenda"]),
        (2, &["informed consent", "fits"]),
        (3, &["clinical judgement"]),
    ];
    for (item, phrases) in cases {
        let mut s = [100u16; 4];
        s[*item] = 70;
        let p = prompt_for(&[s, s, s]);
        assert_eq!(p.situation, RepeatedLow { item: *item });
        assert!(p.title.starts_with(NAMES[*item]), "{}", p.title);
        let text = p.steps[1..].join(" ");
        for phrase in *phrases {
            assert!(
                text.contains(phrase),
                "item {item}: {phrase:?} missing from {text}"
            );
        }
    }
}

#[test]
fn low_item_wording_differs_per_item() {
    let steps: Vec<String> = (0..4)
        .map(|item| {
            let mut s = [100u16; 4];
            s[item] = 70;
            prompt_for(&[s]).steps[2].clone()
        })
        .collect();
    for i in 0..4 {
        for j in i + 1..4 {
            assert_ne!(steps[i], steps[j], "items {i} and {j} share step 3");
        }
    }
}

#[test]
fn ties_for_lowest_name_every_tied_item() {
    let p = prompt_for(&[[80, 80, 100, 100]]);
    assert_eq!((p.situation, p.lowest.clone()), (LowItem, vec![0, 1]));
    assert!(
        p.steps[0].contains("Relationship (8.0/10) and Goals and Topics (8.0/10)"),
        "{}",
        p.steps[0]
    );
    assert_eq!(p.title, "A lower mark on Relationship and Goals and Topics");

    let level = prompt_for(&[[100; 4], [100; 4]]);
    assert_eq!(level.situation, Neutral);
    assert_eq!(level.lowest, [0, 1, 2, 3]);
    assert!(
        level.steps[1].starts_with("Nothing stands out"),
        "{}",
        level.steps[1]
    );
    assert!(
        level.steps[0].contains("Lowest: all items level at 10.0/10 (Relationship, Goals and Topics, Approach or Method and Overall)"),
        "{}",
        level.steps[0]
    );
}

#[test]
fn neutral_thanks_without_seeking_reassurance() {
    let p = prompt_for(&[[96; 4], [95, 92, 96, 93]]);
    assert_eq!(p.situation, Neutral);
    assert!(p.steps[0].starts_with("Thank them, neutrally."));
    assert!(
        p.steps[1].contains("Goals and Topics"),
        "light question on the lowest item"
    );
    assert!(p.steps[2].contains("No adjustments needed"));
    assert!(
        !p.steps.join(" ").contains("twice as likely"),
        "no low-score framing"
    );
}

#[test]
fn low_scores_are_framed_as_useful_news() {
    let p = prompt_for(&[[100, 100, 50, 100]]);
    assert!(p.steps[0].contains("twice as likely"));
    assert!(
        p.steps[0].contains("first session together"),
        "first-session framing kept"
    );
    assert!(p.steps[2].contains("two small changes"));
}

#[test]
fn sudden_drop_names_the_item_that_fell() {
    let p = prompt_for(&[[95; 4], [95, 95, 95, 70]]);
    assert_eq!(p.situation, SuddenDrop);
    assert!(
        p.steps[0].starts_with("Reflect and thank. The total fell by 2.5 since last session, most of all on Overall (down 2.5)"),
        "{}",
        p.steps[0]
    );
    let hidden = prompt_for(&[[80, 100, 100, 100], [100, 100, 100, 80]]);
    assert_eq!(hidden.situation, SuddenDrop);
    assert!(
        hidden.steps[0].contains("Overall fell by 2.0 since last session"),
        "{}",
        hidden.steps[0]
    );
}

#[test]
fn only_earlier_sessions_of_the_same_client_count() {
    // Current session on the 10th, entered late (back-dated).
    let mut current = rating("now", 10, [100, 100, 100, 90]);
    current.recorded_at = at("2026-01-25T09:00:00Z");
    let before = rating("before", 5, [100; 4]);
    // Recorded earlier than `current` but for a later session: not "earlier".
    let mut later = rating("later", 20, [50; 4]);
    later.recorded_at = at("2026-01-20T10:00:00Z");
    let mut other_client = rating("other", 8, [50; 4]);
    other_client.client_id = Some("c2".into());
    let scale = ScaleDefinition::builtin();

    let earlier = [
        later.clone(),
        current.clone(),
        other_client.clone(),
        before.clone(),
    ];
    let p = discussion_prompt(&scale, &current, &earlier, Words::EN);
    assert_eq!(
        p.situation, Drop,
        "compared with the 5th (40.0), not the 20th or client c2"
    );
    assert_eq!(
        p.alerts.drop.as_ref().unwrap().total_fall.to_string(),
        "1.0"
    );

    let p = discussion_prompt(&scale, &current, &[later, other_client], Words::EN);
    assert_eq!(
        p.situation, FirstSession,
        "nothing before the 10th for this client"
    );
}

#[test]
fn quick_rating_without_client() {
    let scale = ScaleDefinition::builtin();
    let mut quick = rating("q", 10, [100; 4]);
    quick.client_id = None;
    let mut earlier = rating("e", 5, [100; 4]);
    earlier.client_id = None;
    let p = discussion_prompt(&scale, &quick, &[earlier.clone()], Words::EN);
    assert_eq!(
        p.flags,
        [Neutral],
        "not called a first session, and no history used"
    );
    assert_eq!(p.alerts.drop, None);

    quick.scores[2] = Tenths::new(60).unwrap();
    let p = discussion_prompt(&scale, &quick, &[earlier], Words::EN);
    assert_eq!(p.flags, [LowItem]);
    assert!(!p.steps[0].contains("first session"));
}

#[test]
fn unknown_items_fall_back_to_generic_wording() {
    let mut scale = ScaleDefinition::builtin();
    scale.items[2].id = "pace".into();
    scale.items[2].title = "Pace".into();
    let r = rating("r", 5, [100, 100, 60, 100]);
    let p = discussion_prompt(&scale, &r, &[], Words::EN);
    assert!(p.steps[0].contains("Pace (6.0/10)"));
    assert!(
        p.steps[2].contains("try one small change"),
        "{}",
        p.steps[2]
    );

    // More scores than the scale has items: named by number, no panic.
    let mut wide = rating("w", 5, [100; 4]);
    wide.scores.push(Tenths::new(50).unwrap());
    let p = discussion_prompt(&ScaleDefinition::builtin(), &wide, &[], Words::EN);
    assert_eq!(p.lowest, [4]);
    assert!(p.steps[0].contains("Item 5 (5.0/10)"), "{}", p.steps[0]);
}

#[test]
fn a_partners_srs_is_not_part_of_this_persons_history() {
    use attune::domain::measures::kinds::RaterRef;
    let scale = ScaleDefinition::builtin();
    // The client rated 10.0 across last week; today their partner marks 9.5:
    // for the partner that is a first session, never a drop from the client's.
    let client_before = rating("a", 1, [100, 100, 100, 100]);
    let partner = |id: &str, day: u32, scores: [u16; 4]| Rating {
        rater: RaterRef::Member { id: "kl".into() },
        ..rating(id, day, scores)
    };
    let today = partner("b", 8, [95, 95, 95, 95]);
    let p = discussion_prompt(
        &scale,
        &today,
        &[client_before.clone(), today.clone()],
        Words::EN,
    );
    assert_eq!(p.situation, Situation::FirstSession);
    // The partner's own earlier SRS does count: 10.0 → 9.5 on every item is a drop.
    let before = partner("c", 1, [100, 100, 100, 100]);
    let p = discussion_prompt(&scale, &today, &[client_before, before], Words::EN);
    assert_ne!(p.situation, Situation::FirstSession);
}
