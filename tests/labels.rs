//! History table alerts: every label the domain knows, per session row.

use attune::domain::course::history::{last_row_alert_labels, row_alert_labels, ClientHistory};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::words::Words;

mod common;

/// Client `c1`'s rating of the `day`-th session, on 2026-01-`day`.
fn rating(id: &str, day: u32, scores: [u16; 4]) -> Rating {
    common::srs(id, Some("c1"), common::january(day), &scores)
}

fn labels(history: &[[u16; 4]]) -> Vec<Vec<String>> {
    let all: Vec<Rating> = history
        .iter()
        .enumerate()
        .map(|(i, s)| rating(&format!("r{i}"), i as u32 + 1, *s))
        .collect();
    row_alert_labels(
        &ClientHistory::new(&all),
        &ScaleDefinition::builtin(),
        Words::EN,
    )
}

#[test]
fn each_row_lists_every_alert_in_a_fixed_order() {
    let rows = labels(&[
        [95, 95, 95, 95],
        [90, 90, 95, 95],
        [85, 90, 90, 90],
        [80, 85, 90, 90],
        [60, 85, 90, 90],
    ]);
    assert_eq!(rows.len(), 5);
    assert!(rows[0].is_empty(), "{:?}", rows[0]);
    assert_eq!(rows[1], ["Drop of 1.0 since last session"]);
    assert_eq!(
        rows[2],
        [
            "Below cutoff (total 35.5)",
            "Drop of 1.5 since last session",
            "Item below 9.0: Relationship (8.5)"
        ]
    );
    assert_eq!(
        rows[3],
        [
            "Below cutoff (total 34.5)",
            "Drop of 1.0 since last session",
            "Items below 9.0: Relationship (8.0) and Goals and Topics (8.5)"
        ]
    );
    assert_eq!(
        rows[4],
        [
            "Below cutoff (total 32.5)",
            "Sudden drop of 2.0 since last session (Relationship down 2.0)",
            "Items below 9.0: Relationship (6.0) and Goals and Topics (8.5)",
            "Relationship lowest and below 9.0 for 3 sessions running",
        ]
    );
}

#[test]
fn a_sharp_fall_on_one_item_is_named_when_the_total_held() {
    let rows = labels(&[[100, 75, 100, 100], [75, 100, 100, 100]]);
    assert_eq!(
        rows[1],
        [
            "Sudden drop since last session (Relationship down 2.5)",
            "Item below 9.0: Relationship (7.5)"
        ]
    );
}

#[test]
fn ceiling_and_runs_reset_when_the_pattern_breaks() {
    let rows = labels(&[
        [96, 96, 96, 96],
        [97, 97, 97, 97],
        [98, 98, 98, 98],
        [99, 99, 99, 99],
        [94, 99, 99, 99],
        [96, 96, 96, 96],
    ]);
    assert!(rows[1].is_empty());
    assert_eq!(
        rows[2],
        ["Consistently high: every item 9.5 or more for 3 sessions"]
    );
    assert_eq!(
        rows[3],
        ["Consistently high: every item 9.5 or more for 4 sessions"]
    );
    assert!(rows[4].is_empty(), "{:?}", rows[4]);
    assert!(rows[5].is_empty(), "the run starts again: {:?}", rows[5]);
    assert!(labels(&[]).is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    /// The caseload reads the latest session's labels alone; they are the
    /// table's last row, whatever the history (runs of low items, of high
    /// sessions, drops, one session, none).
    #[test]
    fn the_last_rows_labels_alone_are_the_tables_last_row(
        history in proptest::collection::vec(
            proptest::array::uniform4(proptest::prop_oneof![0u16..=100, 80u16..=100, 95u16..=100]),
            0..12,
        )
    ) {
        let ratings: Vec<Rating> = history
            .iter()
            .enumerate()
            .map(|(i, s)| rating(&format!("r{i:02}"), i as u32 + 1, *s))
            .collect();
        let h = ClientHistory::new(&ratings);
        let scale = ScaleDefinition::builtin();
        let table = row_alert_labels(&h, &scale, Words::EN).pop().unwrap_or_default();
        proptest::prop_assert_eq!(last_row_alert_labels(&h, &scale, Words::EN), table);
    }
}
