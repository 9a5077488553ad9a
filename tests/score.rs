//! Item and total scores: where a mark on the line lands, how it is rounded
//! and printed, and what the spoken/typed entry accepts.

use attune::domain::measures::score::{parse_score, Tenths, Total};
use attune::domain::words::Words;
use proptest::prelude::*;

fn t(tenths: u16) -> Tenths {
    Tenths::new(tenths).expect("valid tenths in test")
}

/// Text a person might type into a score box: half any text at all, half
/// shaped like a number (sign, digits, a point or comma, more digits, spaces),
/// so that accepted input, the case the property is about, is common.
fn score_like_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,8}",
        "[ \t]{0,2}-?[0-9]{0,3}([.,][0-9]{0,2})?[ \t]{0,2}",
    ]
}

#[test]
fn the_two_ends_of_the_line_score_0_and_10() {
    assert_eq!(Tenths::from_fraction(0.0), Tenths::MIN);
    assert_eq!(Tenths::from_fraction(1.0), Tenths::MAX);
    assert_eq!(Tenths::MIN.get(), 0);
    assert_eq!(Tenths::MAX.get(), 100);
    // A 100 px line starting at 40 px: its left and right edges.
    assert_eq!(Tenths::from_position(40.0, 40.0, 100.0), Tenths::MIN);
    assert_eq!(Tenths::from_position(140.0, 40.0, 100.0), Tenths::MAX);
    assert_eq!(Tenths::MIN.to_string(), "0.0");
    assert_eq!(Tenths::MAX.to_string(), "10.0");
}

#[test]
fn marks_outside_the_line_are_clamped_to_its_ends() {
    let cases: &[(&str, f64, f64, f64, u16)] = &[
        ("left of the line", 10.0, 40.0, 100.0, 0),
        ("far left", -1e9, 40.0, 100.0, 0),
        ("negative x", -5.0, 0.0, 100.0, 0),
        ("just past the right end", 140.5, 40.0, 100.0, 100),
        ("far right", 1e12, 40.0, 100.0, 100),
        ("beyond width with offset 0", 250.0, 0.0, 200.0, 100),
    ];
    for &(label, x, left, width, expected) in cases {
        assert_eq!(
            Tenths::from_position(x, left, width).get(),
            expected,
            "{label}: x={x}, left={left}, width={width}"
        );
    }
    let fractions: &[(&str, f64, u16)] = &[
        ("slightly negative", -0.0001, 0),
        ("very negative", -42.0, 0),
        ("negative zero", -0.0, 0),
        ("slightly above 1", 1.0001, 100),
        ("very large", 1e300, 100),
    ];
    for &(label, f, expected) in fractions {
        assert_eq!(Tenths::from_fraction(f).get(), expected, "{label}: {f}");
    }
}

#[test]
fn degenerate_lines_and_non_finite_input_count_as_the_left_end() {
    // Documented rule: a layout glitch can never produce a score, it reads as 0.0.
    let positions: &[(&str, f64, f64, f64)] = &[
        ("zero width, pointer on the line", 40.0, 40.0, 0.0),
        ("zero width, pointer to the right", 500.0, 40.0, 0.0),
        ("negative width", 90.0, 40.0, -100.0),
        ("NaN width", 90.0, 40.0, f64::NAN),
        ("NaN x", f64::NAN, 40.0, 100.0),
        ("NaN left", 90.0, f64::NAN, 100.0),
        ("infinite width", 90.0, 40.0, f64::INFINITY),
    ];
    for &(label, x, left, width) in positions {
        assert_eq!(
            Tenths::from_position(x, left, width),
            Tenths::MIN,
            "{label}"
        );
    }
    for (label, f) in [
        ("NaN", f64::NAN),
        ("+inf", f64::INFINITY),
        ("-inf", f64::NEG_INFINITY),
    ] {
        assert_eq!(Tenths::from_fraction(f), Tenths::MIN, "{label}");
    }
}

#[test]
fn marks_round_to_the_nearest_tenth_with_halves_away_from_zero() {
    let cases: &[(&str, f64, &str)] = &[
        ("just below a half", 0.7349, "7.3"),
        ("half-way 7.35", 0.735, "7.4"),
        ("half-way 7.45", 0.745, "7.5"),
        ("half-way 1.25", 0.125, "1.3"),
        ("half-way at the left end", 0.005, "0.1"),
        ("just below half at the left end", 0.0049, "0.0"),
        ("half-way at the right end", 0.995, "10.0"),
        ("just below half at the right end", 0.9949, "9.9"),
        ("exact tenth", 0.73, "7.3"),
        ("exact middle", 0.5, "5.0"),
        ("just above a tenth", 0.7301, "7.3"),
        ("just below a tenth", 0.7299, "7.3"),
    ];
    for &(label, f, expected) in cases {
        assert_eq!(
            Tenths::from_fraction(f).to_string(),
            expected,
            "{label}: {f}"
        );
    }
}

#[test]
fn position_scoring_is_independent_of_line_size_and_offset() {
    // The same relative mark on lines of different size and position.
    let cases: &[(&str, f64, f64, f64, u16)] = &[
        ("100 px at 0", 73.0, 0.0, 100.0, 73),
        ("500 px at 0", 365.0, 0.0, 500.0, 73),
        ("500 px at 120.5", 485.5, 120.5, 500.0, 73),
        ("half-way on a 500 px line", 367.5, 0.0, 500.0, 74),
        ("a third of 3 px", 1.0, 0.0, 3.0, 33),
        ("two thirds of 3 px", 2.0, 0.0, 3.0, 67),
        ("negative left offset", -25.0, -100.0, 100.0, 75),
    ];
    for &(label, x, left, width, expected) in cases {
        assert_eq!(
            Tenths::from_position(x, left, width).get(),
            expected,
            "{label}"
        );
    }
}

#[test]
fn tenths_construction_and_fraction() {
    assert_eq!(Tenths::new(0), Some(Tenths::MIN));
    assert_eq!(Tenths::new(100), Some(Tenths::MAX));
    assert_eq!(Tenths::new(101), None);
    assert_eq!(Tenths::new(u16::MAX), None);
    let saturating: &[(i32, u16)] = &[
        (i32::MIN, 0),
        (-1, 0),
        (0, 0),
        (55, 55),
        (100, 100),
        (101, 100),
        (i32::MAX, 100),
    ];
    for &(input, expected) in saturating {
        assert_eq!(Tenths::saturating(input).get(), expected, "{input}");
    }
    assert_eq!(t(73).fraction(), 0.73);
    assert_eq!(Tenths::MIN.fraction(), 0.0);
    assert_eq!(Tenths::MAX.fraction(), 1.0);
    // Drawing a score and reading the mark back gives the same score.
    for n in 0..=100 {
        assert_eq!(Tenths::from_fraction(t(n).fraction()), t(n), "{n}");
    }
    assert!(t(72) < t(73), "scores order by value");
}

#[test]
fn tenths_serialise_as_integers_and_refuse_out_of_range_values() {
    assert_eq!(serde_json::to_string(&t(73)).unwrap(), "73");
    assert_eq!(serde_json::from_str::<Tenths>("100").unwrap(), Tenths::MAX);
    let err = serde_json::from_str::<Tenths>("101")
        .unwrap_err()
        .to_string();
    assert!(err.contains("above 100"), "{err}");
    assert!(serde_json::from_str::<Tenths>("-1").is_err());
    assert!(serde_json::from_str::<Tenths>("7.3").is_err());
    assert_eq!(u16::from(t(42)), 42);
    assert_eq!(Tenths::try_from(100u16), Ok(Tenths::MAX));
    assert!(Tenths::try_from(101u16).is_err());
}

#[test]
fn scores_print_with_exactly_one_decimal() {
    let cases: &[(u16, &str)] = &[
        (0, "0.0"),
        (1, "0.1"),
        (9, "0.9"),
        (10, "1.0"),
        (73, "7.3"),
        (99, "9.9"),
        (100, "10.0"),
    ];
    for &(tenths, expected) in cases {
        assert_eq!(t(tenths).to_string(), expected, "{tenths} tenths");
    }
}

#[test]
fn totals_add_exactly_and_print_with_one_decimal() {
    let cases: &[(&str, &[u16], u16, &str)] = &[
        ("typical", &[73, 80, 82, 80], 315, "31.5"),
        ("0.1 + 0.2 does not drift", &[1, 2], 3, "0.3"),
        ("all top marks", &[100, 100, 100, 100], 400, "40.0"),
        ("all zero", &[0, 0, 0, 0], 0, "0.0"),
        ("no items", &[], 0, "0.0"),
        ("one item", &[55], 55, "5.5"),
        ("cutoff", &[90, 90, 90, 90], 360, "36.0"),
        ("just below cutoff", &[90, 90, 90, 89], 359, "35.9"),
    ];
    for &(label, items, tenths, text) in cases {
        let scores: Vec<Tenths> = items.iter().map(|&n| t(n)).collect();
        let total = Total::of(&scores);
        assert_eq!(total.tenths(), tenths, "{label}");
        assert_eq!(total, Total(tenths), "{label}");
        assert_eq!(total.to_string(), text, "{label}");
    }
    assert_eq!(serde_json::to_string(&Total(315)).unwrap(), "315");
    assert!(Total(359) < Total(360));
}

#[test]
fn spoken_entry_accepts_whole_numbers_and_one_decimal() {
    let cases: &[(&str, u16)] = &[
        ("0", 0),
        ("7", 70),
        ("7.3", 73),
        ("10", 100),
        ("10.0", 100),
        ("0.0", 0),
        ("9.9", 99),
        ("7,3", 73),
        ("7.", 70),
        (".5", 5),
        (",5", 5),
        ("07", 70),
        ("0010", 100),
        (" 7 ", 70),
        ("\t7.3\n", 73),
        // A minus sign on zero changes nothing.
        ("-0", 0),
        ("-0.0", 0),
    ];
    for &(input, expected) in cases {
        assert_eq!(parse_score(input, Words::EN), Ok(t(expected)), "{input:?}");
    }
}

#[test]
fn spoken_entry_refuses_with_a_sentence() {
    let cases: &[(&str, &str)] = &[
        ("11", "11 is above 10"),
        ("10.1", "10.1 is above 10"),
        ("10.5", "10.5 is above 10"),
        ("10,05", "10,05 is above 10"),
        ("100", "100 is above 10"),
        ("99999999999999999999", "99999999999999999999 is above 10"),
        ("7.25", "7.25 has more than one decimal"),
        ("7.35", "7.35 has more than one decimal"),
        ("10.00", "10.00 has more than one decimal"),
        ("", "enter a number from 0 to 10"),
        ("   ", "enter a number from 0 to 10"),
        ("abc", "abc is not a number"),
        ("-1", "-1 is below 0"),
        ("-0.5", "-0.5 is below 0"),
        ("-12.345", "-12.345 is below 0"),
        ("-", "- is not a number"),
        ("--1", "--1 is not a number"),
        ("- 1", "- 1 is not a number"),
        ("+7", "+7 is not a number"),
        (".", ". is not a number"),
        ("7.3.1", "7.3.1 is not a number"),
        ("7 3", "7 3 is not a number"),
        ("1e1", "1e1 is not a number"),
        ("seven", "seven is not a number"),
        // Non-ASCII digits (full-width, Arabic-Indic) are not accepted.
        ("\u{ff17}", "\u{ff17} is not a number"),
        ("\u{663}", "\u{663} is not a number"),
        // The message quotes the trimmed input, as typed (comma kept).
        ("  x  ", "x is not a number"),
    ];
    // The therapist page in Spanish says why in its words.
    let es = Words::new(attune::domain::words::Lang::Es);
    assert_eq!(
        parse_score("siete", es),
        Err("siete no es un número".into())
    );
    assert_eq!(parse_score("10,5", es), Err("10,5 es mayor que 10".into()));
    for &(input, expected) in cases {
        assert_eq!(
            parse_score(input, Words::EN),
            Err(expected.to_string()),
            "{input:?}"
        );
    }
}

#[test]
fn every_printed_score_parses_back() {
    for n in 0..=100 {
        let score = t(n);
        assert_eq!(parse_score(&score.to_string(), Words::EN), Ok(score), "{n}");
        assert_eq!(
            parse_score(&score.to_string().replace('.', ","), Words::EN),
            Ok(score),
            "{n} with a decimal comma"
        );
    }
}

proptest! {
    #[test]
    fn from_fraction_is_monotone_and_within_half_a_tenth(a in 0.0f64..=1.0, b in 0.0f64..=1.0) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let (s_lo, s_hi) = (Tenths::from_fraction(lo), Tenths::from_fraction(hi));
        prop_assert!(s_lo <= s_hi, "{lo} -> {s_lo}, {hi} -> {s_hi}");
        for (f, s) in [(lo, s_lo), (hi, s_hi)] {
            let err = (f64::from(s.get()) / 10.0 - 10.0 * f).abs();
            prop_assert!(err <= 0.05 + 1e-9, "{f} -> {s} is {err} away");
        }
    }

    #[test]
    fn from_position_is_monotone_and_within_half_a_tenth(
        left in -2000.0f64..2000.0,
        width in 0.5f64..4000.0,
        a in 0.0f64..=1.0,
        b in 0.0f64..=1.0,
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let (x_lo, x_hi) = (left + lo * width, left + hi * width);
        let s_lo = Tenths::from_position(x_lo, left, width);
        let s_hi = Tenths::from_position(x_hi, left, width);
        prop_assert!(s_lo <= s_hi, "{x_lo} -> {s_lo}, {x_hi} -> {s_hi}");
        for (x, s) in [(x_lo, s_lo), (x_hi, s_hi)] {
            let exact = 10.0 * (x - left) / width;
            let err = (f64::from(s.get()) / 10.0 - exact).abs();
            prop_assert!(err <= 0.05 + 1e-9, "x={x} -> {s} is {err} away from {exact}");
        }
    }

    #[test]
    fn any_pointer_position_scores_within_0_to_10(
        x in prop::num::f64::ANY,
        left in prop::num::f64::ANY,
        width in prop::num::f64::ANY,
    ) {
        let s = Tenths::from_position(x, left, width);
        prop_assert!(s <= Tenths::MAX);
        prop_assert!(s.to_string().len() <= 4);
    }

    #[test]
    fn parse_score_never_panics_and_only_accepts_valid_scores(input in score_like_text()) {
        // Whatever is accepted is the number typed: its tenths printed back
        // read as the same decimal (a comma counts as a decimal point).
        if let Ok(s) = parse_score(&input, Words::EN) {
            let typed: f64 = input.trim().replace(',', ".").parse().unwrap();
            prop_assert_eq!(f64::from(s.get()), (typed * 10.0).round());
            prop_assert!(s <= Tenths::MAX, "{input:?} -> {s}");
        }
    }

    #[test]
    fn every_score_typed_with_at_most_one_decimal_is_accepted(
        tenths in 0u16..=100,
        comma: bool,
        spelling in 0usize..4,
        pad in "[ \t]{0,2}",
    ) {
        // 7.0 may be typed 7.0, 7, 7. or 07.0; 0.5 also as .5.
        let (whole, tenth) = (tenths / 10, tenths % 10);
        let point = if comma { ',' } else { '.' };
        let number = match spelling {
            0 => format!("{whole}{point}{tenth}"),
            1 if tenth == 0 => format!("{whole}"),
            2 if tenth == 0 => format!("{whole}{point}"),
            3 if whole == 0 => format!("{point}{tenth}"),
            _ => format!("0{whole}{point}{tenth}"),
        };
        let input = format!("{pad}{number}{pad}");
        prop_assert_eq!(parse_score(&input, Words::EN), Ok(t(tenths)), "{:?}", input);
    }

    #[test]
    fn totals_print_their_exact_tenths(items in prop::collection::vec(0u16..=100, 0..=16)) {
        let scores: Vec<Tenths> = items.iter().map(|&n| t(n)).collect();
        let total = Total::of(&scores);
        let sum: u16 = items.iter().sum();
        prop_assert_eq!(total.tenths(), sum);
        prop_assert_eq!(total.to_string(), format!("{}.{}", sum / 10, sum % 10));
    }
}
