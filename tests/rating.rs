//! What a single rating says on its own: band, cutoff flag and lowest items,
//! checked at the exact tenths where the clinical thresholds change.

use attune::domain::measures::rating::{below_cutoff, lowest_items, Band, LineContext, Rating};
use attune::domain::measures::score::{Tenths, Total};
use attune::domain::measures::thresholds::{
    CEILING_ITEM, CUTOFF_TOTAL, DROP_TOTAL, FAIR_FROM, GOOD_FROM, ITEM_DISCUSS_BELOW,
    SUDDEN_DROP_TOTAL,
};
use chrono::{DateTime, Utc};
use proptest::prelude::*;

fn tenths(v: &[u16]) -> Vec<Tenths> {
    v.iter()
        .map(|&n| Tenths::new(n).expect("valid tenths in test"))
        .collect()
}

fn at(s: &str) -> DateTime<Utc> {
    attune::domain::time::parse(s).expect("valid test timestamp")
}

fn rating(scores: &[u16]) -> Rating {
    let when = at("2026-03-04T10:15:00Z");
    Rating {
        id: "r-1".to_string(),
        recorded_at: when,
        session_at: when,
        client_id: None,
        scores: tenths(scores),
        scale_id: "srs-attune".to_string(),
        scale_version: 1,
        line: None,
        updated_at: None,
        note: None,
        ..Default::default()
    }
}

#[test]
fn thresholds_are_the_documented_values_in_a_sane_order() {
    assert_eq!(
        (FAIR_FROM, CUTOFF_TOTAL, GOOD_FROM),
        (350, 360, 390),
        "35.0 / 36.0 / 39.0"
    );
    assert_eq!(ITEM_DISCUSS_BELOW, 90);
    // Checked at compile time: fair starts below the cutoff (so 35.0–35.9 is
    // fair *and* a concern), good is reachable on four items, a ceiling item is
    // never one worth discussing, and a sudden drop is also a drop.
    const {
        assert!(FAIR_FROM < CUTOFF_TOTAL && CUTOFF_TOTAL < GOOD_FROM);
        assert!(GOOD_FROM <= 400);
        assert!(CEILING_ITEM <= 100 && CEILING_ITEM >= ITEM_DISCUSS_BELOW);
        assert!(DROP_TOTAL < SUDDEN_DROP_TOTAL);
    }
}

#[test]
fn bands_change_exactly_at_35_0_and_39_0() {
    let cases: &[(u16, Band, &str)] = &[
        (0, Band::Poor, "0.0"),
        (300, Band::Poor, "30.0"),
        (349, Band::Poor, "34.9"),
        (350, Band::Fair, "35.0"),
        (355, Band::Fair, "35.5"),
        (389, Band::Fair, "38.9"),
        (390, Band::Good, "39.0"),
        (399, Band::Good, "39.9"),
        (400, Band::Good, "40.0"),
    ];
    for &(total, band, label) in cases {
        assert_eq!(Band::of(Total(total)), band, "total {label}");
        assert_eq!(Total(total).to_string(), label);
    }
}

#[test]
fn band_labels_and_serialisation_are_lower_case_words() {
    for (band, word) in [
        (Band::Poor, "poor"),
        (Band::Fair, "fair"),
        (Band::Good, "good"),
    ] {
        assert_eq!(band.label(), word);
        assert_eq!(serde_json::to_string(&band).unwrap(), format!("\"{word}\""));
        assert_eq!(
            serde_json::from_str::<Band>(&format!("\"{word}\"")).unwrap(),
            band
        );
    }
    assert!(serde_json::from_str::<Band>("\"Poor\"").is_err());
}

#[test]
fn cutoff_flag_changes_exactly_at_36_0() {
    let cases: &[(u16, bool, &str)] = &[
        (0, true, "0.0"),
        (349, true, "34.9 (poor)"),
        (350, true, "35.0 (fair, still a concern)"),
        (359, true, "35.9"),
        (360, false, "36.0"),
        (361, false, "36.1"),
        (389, false, "38.9"),
        (400, false, "40.0"),
    ];
    for &(total, below, label) in cases {
        assert_eq!(below_cutoff(Total(total)), below, "total {label}");
    }
}

#[test]
fn lowest_items_lists_every_tied_item_in_scale_order() {
    let cases: &[(&str, &[u16], &[usize])] = &[
        ("single lowest first", &[50, 80, 90, 95], &[0]),
        ("single lowest last", &[90, 80, 95, 79], &[3]),
        ("two tied", &[80, 60, 90, 60], &[1, 3]),
        ("two tied, adjacent", &[90, 70, 70, 95], &[1, 2]),
        ("three tied", &[40, 40, 90, 40], &[0, 1, 3]),
        ("all four tied", &[85, 85, 85, 85], &[0, 1, 2, 3]),
        ("all four zero", &[0, 0, 0, 0], &[0, 1, 2, 3]),
        ("all four ten", &[100, 100, 100, 100], &[0, 1, 2, 3]),
        ("one tenth apart is not a tie", &[72, 73, 73, 73], &[0]),
        ("one item", &[55], &[0]),
        ("no items", &[], &[]),
    ];
    for &(label, scores, expected) in cases {
        assert_eq!(lowest_items(&tenths(scores)), expected, "{label}");
    }
}

/// (label, scores, total, band, below cutoff, lowest items).
type RatingCase = (
    &'static str,
    [u16; 4],
    &'static str,
    Band,
    bool,
    &'static [usize],
);

#[test]
fn a_rating_reads_its_own_total_band_cutoff_and_lowest() {
    let cases: &[RatingCase] = &[
        ("poor", [73, 80, 82, 80], "31.5", Band::Poor, true, &[0]),
        (
            "poor edge",
            [90, 90, 90, 79],
            "34.9",
            Band::Poor,
            true,
            &[3],
        ),
        (
            "fair edge",
            [90, 90, 90, 80],
            "35.0",
            Band::Fair,
            true,
            &[3],
        ),
        (
            "fair, below cutoff",
            [90, 89, 90, 90],
            "35.9",
            Band::Fair,
            true,
            &[1],
        ),
        (
            "cutoff",
            [90, 90, 90, 90],
            "36.0",
            Band::Fair,
            false,
            &[0, 1, 2, 3],
        ),
        (
            "fair top",
            [98, 97, 97, 97],
            "38.9",
            Band::Fair,
            false,
            &[1, 2, 3],
        ),
        (
            "good edge",
            [98, 98, 97, 97],
            "39.0",
            Band::Good,
            false,
            &[2, 3],
        ),
        (
            "perfect",
            [100; 4],
            "40.0",
            Band::Good,
            false,
            &[0, 1, 2, 3],
        ),
    ];
    for &(label, scores, total, band, below, lowest) in cases {
        let r = rating(&scores);
        assert_eq!(r.total().to_string(), total, "{label}");
        assert_eq!(r.band(), band, "{label}");
        assert_eq!(r.below_cutoff(), below, "{label}");
        assert_eq!(r.lowest(), lowest, "{label}");
    }
}

#[test]
fn a_rating_serialises_timestamps_as_rfc3339_and_omits_unknown_fields() {
    let r = rating(&[73, 80, 82, 80]);
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["recorded_at"], "2026-03-04T10:15:00Z");
    assert_eq!(v["session_at"], "2026-03-04T10:15:00Z");
    assert_eq!(v["scores"], serde_json::json!([73, 80, 82, 80]));
    assert!(v.get("line").is_none(), "no line context written: {v}");
    assert!(v.get("updated_at").is_none(), "no updated_at written: {v}");
    assert_eq!(serde_json::from_value::<Rating>(v).unwrap(), r);

    let mut with_line = r.clone();
    with_line.line = Some(LineContext {
        line_tenth_mm: 1000,
        dpr_hundredths: 200,
        calibrated: true,
    });
    with_line.updated_at = Some(at("2026-03-05T08:00:00.250Z"));
    let text = serde_json::to_string(&with_line).unwrap();
    assert!(text.contains("\"updated_at\":\"2026-03-05T08:00:00.250Z\""));
    assert_eq!(serde_json::from_str::<Rating>(&text).unwrap(), with_line);

    // Older records have no `calibrated` flag and no client.
    let old = r#"{"id":"x","recorded_at":"2026-03-04T10:15:00Z","session_at":"2026-03-04T12:15:00+02:00",
        "scores":[1,2,3,4],"scale_id":"srs-attune","scale_version":1,
        "line":{"line_tenth_mm":1000,"dpr_hundredths":100}}"#;
    let parsed: Rating = serde_json::from_str(old).unwrap();
    assert_eq!(parsed.session_at, parsed.recorded_at, "offset applied");
    assert_eq!(parsed.client_id, None);
    assert!(!parsed.line.unwrap().calibrated);

    // A score above 10.0 cannot be read into a rating.
    let bad = old.replace("[1,2,3,4]", "[1,2,3,101]");
    assert!(serde_json::from_str::<Rating>(&bad).is_err());
}

proptest! {
    #[test]
    fn band_and_cutoff_agree_with_the_thresholds(total in 0u16..=400) {
        let band = Band::of(Total(total));
        let expected = if total >= 390 { Band::Good } else if total >= 350 { Band::Fair } else { Band::Poor };
        prop_assert_eq!(band, expected);
        prop_assert_eq!(below_cutoff(Total(total)), total < 360);
        // Nothing good is below the cutoff, and nothing poor is above it.
        if below_cutoff(Total(total)) {
            prop_assert_ne!(band, Band::Good);
        } else {
            prop_assert_ne!(band, Band::Poor);
        }
    }

    #[test]
    fn lowest_items_are_exactly_the_minimum_positions(scores in prop::collection::vec(0u16..=100, 1..=16)) {
        let lowest = lowest_items(&tenths(&scores));
        let min = *scores.iter().min().unwrap();
        let expected: Vec<usize> = (0..scores.len()).filter(|&i| scores[i] == min).collect();
        prop_assert_eq!(lowest, expected);
    }
}
