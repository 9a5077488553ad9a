//! The numbers the screens show, taken from the scale and the thresholds.

use attune::domain::measures::numbers::{
    below_cutoff_flag, chart_cutoff_label, cutoff, cutoff_text, item_axis_factor,
    item_lines_legend, item_on_cutoff, item_scores_caption, short, total_text,
};
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::measures::score::{Tenths, Total};

#[test]
fn the_srs_numbers() {
    let srs = ScaleDefinition::builtin();
    assert_eq!(srs.max_total(), Total(400));
    assert_eq!(total_text(Total(315), &srs), "31.5 / 40");
    assert_eq!(total_text(Total(400), &srs), "40.0 / 40");
    assert_eq!(cutoff(), Total(360));
    assert_eq!(cutoff_text(), "36");
    assert_eq!(
        below_cutoff_flag(),
        "Below the 36 cutoff: a good moment to ask what could work better."
    );
    assert_eq!(chart_cutoff_label(), "cutoff 36");
    assert_eq!(item_axis_factor(&srs), 4);
    assert_eq!(item_on_cutoff(&srs), Tenths::new(90).unwrap());
    assert_eq!(
        item_lines_legend(&srs),
        "Item lines (each item \u{d7} 4, so 9.0 sits on the cutoff)"
    );
    assert_eq!(item_scores_caption(), "Item scores out of 10");
    assert_eq!(
        (short(355), short(0), short(5)),
        ("35.5".into(), "0".into(), "0.5".into())
    );
}

#[test]
fn another_item_count_changes_every_number() {
    let mut three = ScaleDefinition::builtin();
    three.items.pop();
    assert_eq!(three.max_total(), Total(300));
    assert_eq!(total_text(Total(255), &three), "25.5 / 30");
    assert_eq!(item_axis_factor(&three), 3);
    assert_eq!(item_on_cutoff(&three), Tenths::new(100).unwrap());
    let mut none = three.clone();
    none.items.clear();
    assert_eq!(none.max_total(), Total(0));
    assert_eq!(item_axis_factor(&none), 1, "never a division by zero");
}
