//! Keyboard behaviour of the rating line (WAI-ARIA slider pattern) and what a
//! screen reader announces.

use attune::domain::measures::score::Tenths;
use attune::domain::measures::slider::{key_to_value, value_text};
use proptest::prelude::*;

fn t(n: u16) -> Tenths {
    Tenths::new(n).expect("valid tenths in test")
}

const KEYS: &[&str] = &[
    "ArrowRight",
    "ArrowUp",
    "ArrowLeft",
    "ArrowDown",
    "PageUp",
    "PageDown",
    "Home",
    "End",
];

#[test]
fn every_key_moves_the_value_by_its_step() {
    let cases: &[(&str, u16, u16)] = &[
        ("ArrowRight", 73, 74),
        ("ArrowUp", 73, 74),
        ("ArrowLeft", 73, 72),
        ("ArrowDown", 73, 72),
        ("PageUp", 73, 83),
        ("PageDown", 73, 63),
        ("Home", 73, 0),
        ("End", 73, 100),
    ];
    for &(key, from, to) in cases {
        assert_eq!(
            key_to_value(key, Some(t(from))),
            Some(t(to)),
            "{key} from {from}"
        );
    }
}

#[test]
fn keys_saturate_at_both_ends() {
    let cases: &[(&str, u16, u16)] = &[
        ("ArrowRight", 100, 100),
        ("ArrowUp", 100, 100),
        ("PageUp", 100, 100),
        ("PageUp", 95, 100),
        ("PageUp", 91, 100),
        ("PageUp", 90, 100),
        ("End", 100, 100),
        ("ArrowLeft", 0, 0),
        ("ArrowDown", 0, 0),
        ("PageDown", 0, 0),
        ("PageDown", 5, 0),
        ("PageDown", 9, 0),
        ("PageDown", 10, 0),
        ("Home", 0, 0),
        ("ArrowRight", 99, 100),
        ("ArrowLeft", 1, 0),
    ];
    for &(key, from, to) in cases {
        assert_eq!(
            key_to_value(key, Some(t(from))),
            Some(t(to)),
            "{key} from {from}"
        );
    }
}

#[test]
fn an_unrated_line_counts_from_the_left_end() {
    // Documented: no key suggests a position the client did not choose, so
    // keys act as if the mark were at 0.0.
    let cases: &[(&str, u16)] = &[
        ("ArrowRight", 1),
        ("ArrowUp", 1),
        ("ArrowLeft", 0),
        ("ArrowDown", 0),
        ("PageUp", 10),
        ("PageDown", 0),
        ("Home", 0),
        ("End", 100),
    ];
    for &(key, to) in cases {
        assert_eq!(
            key_to_value(key, None),
            Some(t(to)),
            "{key} on an unrated line"
        );
    }
    // Every handled key places a mark on an unrated line.
    for key in KEYS {
        assert!(key_to_value(key, None).is_some(), "{key}");
    }
}

#[test]
fn unknown_keys_are_left_to_the_browser() {
    for key in [
        "Tab",
        "Enter",
        " ",
        "Escape",
        "a",
        "5",
        "",
        "arrowright",
        "ARROWUP",
        "Right",
        "Left",
        "Up",
        "Down",
        "PageUp ",
        "Shift",
        "Backspace",
        "Delete",
    ] {
        assert_eq!(key_to_value(key, Some(t(50))), None, "{key:?} with a mark");
        assert_eq!(key_to_value(key, None), None, "{key:?} without a mark");
    }
}

#[test]
fn value_text_reads_the_score_out_of_ten() {
    let cases: &[(Option<u16>, &str)] = &[
        (Some(73), "7.3 out of 10"),
        (Some(0), "0.0 out of 10"),
        (Some(100), "10.0 out of 10"),
        (Some(5), "0.5 out of 10"),
        (None, "not rated yet"),
    ];
    for &(value, expected) in cases {
        assert_eq!(value_text(value.map(t)), expected, "{value:?}");
    }
}

proptest! {
    #[test]
    fn keys_stay_on_the_line_and_step_exactly(from in 0u16..=100, key in prop::sample::select(KEYS)) {
        let next = key_to_value(key, Some(t(from))).expect("handled key").get();
        prop_assert!(next <= 100);
        let expected = match key {
            "ArrowRight" | "ArrowUp" => (from + 1).min(100),
            "ArrowLeft" | "ArrowDown" => from.saturating_sub(1),
            "PageUp" => (from + 10).min(100),
            "PageDown" => from.saturating_sub(10),
            "Home" => 0,
            _ => 100,
        };
        prop_assert_eq!(next, expected);
    }

    #[test]
    fn up_then_down_returns_to_the_start_away_from_the_ends(from in 1u16..=99) {
        let up = key_to_value("ArrowUp", Some(t(from)));
        prop_assert_eq!(key_to_value("ArrowDown", up), Some(t(from)));
    }
}
