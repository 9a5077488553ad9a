//! The trend chart on a time axis: spacing by date, a fitted range that
//! always shows the cutoff, date ticks, legend, focus text, item panels.

use attune::domain::course::history::{ClientHistory, Mark, TimelineChart, MIN_TICK_GAP};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::measures::score::Total;
use attune::domain::words::Words;

mod common;

fn rating(id: &str, session: &str, scores: [u16; 4]) -> Rating {
    common::srs(id, Some("c1"), common::at(session), &scores)
}

fn chart(all: &[Rating], width: f64, offset: i32) -> TimelineChart {
    ClientHistory::new(all).timeline(&ScaleDefinition::builtin(), width, 200.0, offset, Words::EN)
}

fn xs(c: &TimelineChart) -> Vec<f64> {
    c.points.iter().map(|p| p.at.x).collect()
}

fn marks(c: &TimelineChart) -> Vec<Mark> {
    c.legend.iter().map(|e| e.mark).collect()
}

#[test]
fn dates_drive_the_spacing() {
    let all = [
        rating("a", "2026-01-01T10:00:00Z", [95; 4]),
        rating("b", "2026-01-02T10:00:00Z", [95; 4]),
        rating("c", "2026-01-11T10:00:00Z", [95; 4]),
    ];
    let c = chart(&all, 900.0, 0);
    assert_eq!(xs(&c), [0.0, 90.0, 900.0]);
    // The old chart spaces them evenly; the timeline does not.
    let even = ClientHistory::new(&all).chart(900.0, 200.0, false);
    assert_eq!(even.total[1].x, 450.0);
}

#[test]
fn the_range_fits_the_data_and_always_shows_the_cutoff() {
    let high = [
        rating("a", "2026-01-01T10:00:00Z", [95, 95, 95, 95]),
        rating("b", "2026-01-08T10:00:00Z", [100; 4]),
    ];
    let c = chart(&high, 600.0, 0);
    assert_eq!((c.y_min, c.y_max), (Total(350), Total(400)));
    assert!(c.cutoff_y > 0.0 && c.cutoff_y < 200.0, "{}", c.cutoff_y);
    assert_eq!(c.cutoff_y, 200.0 * 4.0 / 5.0);
    let labels: Vec<&str> = c.y_ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["35", "36", "37", "38", "39", "40"]);
    assert_eq!(c.points[1].at.y, 0.0, "40.0 at the top");

    let low = [
        rating("a", "2026-01-01T10:00:00Z", [0, 45, 100, 7]),
        rating("b", "2026-01-08T10:00:00Z", [80, 80, 80, 80]),
    ];
    let c = chart(&low, 600.0, 0);
    assert_eq!((c.y_min, c.y_max), (Total(100), Total(400)));
    assert!(c.cutoff_y > 0.0 && c.cutoff_y < 200.0);
    let labels: Vec<&str> = c.y_ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["10", "15", "20", "25", "30", "35", "40"]);
    assert!(c.points.iter().all(|p| (0.0..=200.0).contains(&p.at.y)));
}

#[test]
fn a_single_session_sits_in_the_middle_with_a_full_legend_of_what_is_drawn() {
    let one = [rating("a", "2026-03-05T14:05:00Z", [95, 95, 95, 95])];
    let c = chart(&one, 400.0, 0);
    assert_eq!(xs(&c), [200.0]);
    assert_eq!(c.x_ticks.len(), 1);
    assert_eq!(c.x_ticks[0].label, "5 Mar 2026");
    assert_eq!(
        marks(&c),
        [Mark::TotalLine, Mark::Session, Mark::CutoffLine]
    );
    let p = &c.points[0];
    assert_eq!(p.date_text, "5 Mar 2026, 14:05");
    assert_eq!(p.total_text, "Total 38.0/40");
    assert_eq!(p.flags_text, "No alerts");
    assert_eq!(
        p.description(),
        "5 Mar 2026, 14:05: Total 38.0/40. No alerts."
    );

    let empty: [Rating; 0] = [];
    let c = chart(&empty, 400.0, 0);
    assert!(c.points.is_empty() && c.x_ticks.is_empty());
    assert_eq!(marks(&c), [Mark::CutoffLine]);
    assert!(c.y_min <= Total(360) && Total(360) <= c.y_max);
}

#[test]
fn sessions_on_the_same_day_stay_apart_and_share_one_tick() {
    let all = [
        rating("a", "2026-01-01T10:00:00Z", [95; 4]),
        rating("b", "2026-01-01T14:00:00Z", [95; 4]),
        rating("c", "2026-01-31T10:00:00Z", [95; 4]),
    ];
    let c = chart(&all, 1000.0, 0);
    let x = xs(&c);
    assert!(x[1] - x[0] >= 1000.0 * 0.039, "{x:?}");
    assert!(x[0] < x[1] && x[1] < x[2] && x[2] <= 1000.0, "{x:?}");
    let ticks: Vec<&str> = c.x_ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(ticks, ["1 Jan 2026", "31 Jan"]);

    // Two ratings at the very same minute: centred, apart, in date order.
    let same = [
        rating("a", "2026-01-01T10:00:00Z", [95; 4]),
        rating("b", "2026-01-01T10:00:00Z", [90; 4]),
    ];
    let x = xs(&chart(&same, 1000.0, 0));
    assert!(x[0] < 500.0 && x[1] > 500.0, "{x:?}");
    assert!((x[0] + x[1] - 1000.0).abs() < 1e-9, "{x:?}");
}

#[test]
fn ticks_never_crowd_and_end_on_the_latest_day_in_local_time() {
    let all: Vec<Rating> = (1..=20)
        .map(|d| {
            rating(
                &format!("r{d}"),
                &format!("2026-12-{d:02}T23:30:00Z"),
                [95; 4],
            )
        })
        .chain([rating("n", "2027-01-02T09:00:00Z", [95; 4])])
        .collect();
    let c = chart(&all, 500.0, 60);
    for w in c.x_ticks.windows(2) {
        assert!(w[1].pos - w[0].pos >= MIN_TICK_GAP, "{:?}", c.x_ticks);
    }
    // 23:30 UTC is 00:30 the next day at UTC+1.
    assert_eq!(c.x_ticks[0].label, "2 Dec 2026");
    assert_eq!(c.x_ticks.last().unwrap().label, "2 Jan 2027");
    assert_eq!(c.points[0].date_text, "2 Dec 2026, 00:30");
}

#[test]
fn alerts_show_in_points_markers_and_legend() {
    let all = [
        rating("a", "2026-01-01T10:00:00Z", [95, 95, 95, 95]),
        rating("b", "2026-01-08T10:00:00Z", [95, 95, 90, 85]),
        rating("c", "2026-01-15T10:00:00Z", [95, 95, 90, 60]),
    ];
    let c = chart(&all, 600.0, 0);
    assert_eq!(
        marks(&c),
        [
            Mark::TotalLine,
            Mark::Session,
            Mark::CutoffLine,
            Mark::BelowCutoff,
            Mark::Drop,
            Mark::SuddenDrop
        ]
    );
    assert_eq!(c.drops.len(), 2);
    assert_eq!(
        c.points[1].flags_text,
        "Drop of 1.5 since last session; Item below 9.0: Overall (8.5)"
    );
    assert!(c.points[2].below_cutoff);
    assert!(c.points[2]
        .flags_text
        .starts_with("Below cutoff (total 34.0); Sudden drop"));
    assert!(c.legend.iter().all(|e| !e.label.is_empty()));
    assert_eq!(c.line().len(), 3);
}

#[test]
fn item_panels_use_their_own_zero_to_ten_axis() {
    let all = [
        rating("a", "2026-01-01T10:00:00Z", [100, 50, 90, 89]),
        rating("b", "2026-01-11T10:00:00Z", [100, 100, 100, 100]),
    ];
    let h = ClientHistory::new(&all);
    let p = h.item_panels(&ScaleDefinition::builtin(), 300.0, 100.0, Words::EN);
    assert_eq!(p.panels.len(), 4);
    assert_eq!(p.panels[1].title, "Goals and Topics");
    let goals = &p.panels[1].points;
    assert_eq!(
        (goals[0].at.y, goals[1].at.y),
        (50.0, 0.0),
        "not multiplied by 4"
    );
    assert_eq!((goals[0].at.x, goals[1].at.x), (0.0, 300.0));
    assert!((p.panels[0].guide_y - 10.0).abs() < 1e-9);
    assert!(goals[0].below_9 && !p.panels[2].points[0].below_9);
    assert!(p.panels[3].points[0].below_9, "8.9 is below 9.0");
    assert_eq!(goals[0].score_text, "5.0");
    let legend: Vec<Mark> = p.legend.iter().map(|e| e.mark).collect();
    assert_eq!(legend, [Mark::ItemLine, Mark::ItemGuide, Mark::ItemBelow9]);
    let labels: Vec<&str> = p.y_ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["0", "5", "10"]);

    let high = [rating("a", "2026-01-01T10:00:00Z", [95; 4])];
    let p =
        ClientHistory::new(&high).item_panels(&ScaleDefinition::builtin(), 300.0, 100.0, Words::EN);
    assert_eq!(p.legend.len(), 2, "no below-9 mark when none is drawn");
}

#[test]
fn svg_coordinates_are_written_to_one_decimal_without_float_formatting() {
    use attune::domain::course::history::coord;
    assert_eq!(coord(0.0), "0.0");
    assert_eq!(coord(123.44), "123.4");
    assert_eq!(coord(123.45), "123.5");
    assert_eq!(coord(-0.04), "0.0");
    assert_eq!(coord(-7.25), "-7.3");
    assert_eq!(coord(600.0), "600.0");
}
