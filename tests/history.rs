//! History: date order, per-session alerts, chart geometry and the spoken summary.

use attune::domain::course::history::{
    date_order, drop_between, svg_points, Alerts, ClientHistory, DropKind, Point,
};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::score::Total;
use attune::domain::words::Words;
mod common;
use common::at;

/// A rating for client `c1`, recorded at the session time; scores in tenths.
fn rating(id: &str, session: &str, scores: [u16; 4]) -> Rating {
    common::srs(id, Some("c1"), at(session), &scores)
}

fn backdated(id: &str, session: &str, recorded: &str, scores: [u16; 4]) -> Rating {
    Rating {
        recorded_at: at(recorded),
        ..rating(id, session, scores)
    }
}

fn ids(rs: &[&Rating]) -> Vec<String> {
    rs.iter().map(|r| r.id.clone()).collect()
}

#[test]
fn sorts_by_session_date_even_when_back_dated() {
    // Saved in this order; "b" was entered a week late for an earlier session.
    let all = vec![
        rating("a", "2026-01-05T10:00:00Z", [90; 4]),
        rating("c", "2026-01-19T10:00:00Z", [90; 4]),
        backdated("b", "2026-01-12T10:00:00Z", "2026-01-20T09:00:00Z", [90; 4]),
    ];
    let h = ClientHistory::new(&all);
    assert_eq!(ids(h.sessions()), ["a", "b", "c"]);
    assert_eq!(ids(&h.newest_first()), ["c", "b", "a"]);
}

#[test]
fn ties_break_by_recorded_at_then_id() {
    let same = "2026-01-05T10:00:00Z";
    let all = [
        backdated("z", same, "2026-01-06T10:00:00Z", [90; 4]),
        backdated("y", same, "2026-01-05T11:00:00Z", [90; 4]),
        backdated("x", same, "2026-01-05T11:00:00Z", [90; 4]),
    ];
    let h = ClientHistory::new(all.iter());
    assert_eq!(ids(h.sessions()), ["x", "y", "z"]);
    assert!(date_order(&all[2], &all[1]).is_lt());
}

#[test]
fn for_client_keeps_only_that_client() {
    let mut other = rating("o", "2026-01-06T10:00:00Z", [10; 4]);
    other.client_id = Some("c2".into());
    let mut quick = rating("q", "2026-01-07T10:00:00Z", [10; 4]);
    quick.client_id = None;
    let all = vec![rating("a", "2026-01-05T10:00:00Z", [90; 4]), other, quick];
    assert_eq!(ids(ClientHistory::for_client(&all, "c1").sessions()), ["a"]);
    assert_eq!(ids(ClientHistory::for_client(&all, "c2").sessions()), ["o"]);
}

/// (name, previous scores, current scores, expected kind, expected total fall in tenths)
type DropCase = (&'static str, [u16; 4], [u16; 4], Option<DropKind>, u16);

#[test]
fn drop_thresholds() {
    let cases: &[DropCase] = &[
        ("no change", [90; 4], [90; 4], None, 0),
        ("rise", [80; 4], [90; 4], None, 0),
        ("fall 0.9", [100; 4], [100, 100, 100, 91], None, 9),
        (
            "fall 1.0",
            [100; 4],
            [100, 100, 100, 90],
            Some(DropKind::Drop),
            10,
        ),
        (
            "fall 2.9 spread",
            [100; 4],
            [93, 93, 93, 92],
            Some(DropKind::Drop),
            29,
        ),
        (
            "fall 3.0 spread",
            [100; 4],
            [93, 93, 92, 92],
            Some(DropKind::SuddenDrop),
            30,
        ),
        (
            "item fall 1.9",
            [100; 4],
            [100, 100, 100, 81],
            Some(DropKind::Drop),
            19,
        ),
        (
            "item fall 2.0",
            [100; 4],
            [100, 100, 100, 80],
            Some(DropKind::SuddenDrop),
            20,
        ),
        (
            "item 2.0 hidden by a rise",
            [80, 100, 100, 100],
            [100, 100, 100, 80],
            Some(DropKind::SuddenDrop),
            0,
        ),
        (
            "seed 38 -> 29",
            [95; 4],
            [80, 70, 70, 70],
            Some(DropKind::SuddenDrop),
            90,
        ),
    ];
    for (name, prev, cur, kind, fall) in cases {
        let p = rating("p", "2026-01-05T10:00:00Z", *prev);
        let c = rating("c", "2026-01-12T10:00:00Z", *cur);
        let d = drop_between(&p, &c);
        assert_eq!(d.as_ref().map(|d| d.kind), *kind, "{name}");
        if let Some(d) = d {
            assert_eq!(d.total_fall, Total(*fall), "{name}");
        }
    }
}

#[test]
fn drop_reports_item_falls_and_the_item_that_fell_most() {
    let p = rating("p", "2026-01-05T10:00:00Z", [90, 90, 90, 90]);
    let c = rating("c", "2026-01-12T10:00:00Z", [95, 60, 70, 60]);
    let d = drop_between(&p, &c).unwrap();
    let falls: Vec<u16> = d.item_falls.iter().map(|t| t.get()).collect();
    assert_eq!(falls, [0, 30, 20, 30]);
    assert_eq!(d.most_fallen(), [1, 3]);
    assert_eq!(d.total_fall.to_string(), "7.5");
}

#[test]
fn alert_boundaries() {
    // (scores, below cutoff, items below 9)
    let cases: &[([u16; 4], bool, &[usize])] = &[
        ([90, 90, 90, 90], false, &[]),
        ([90, 90, 90, 89], true, &[3]),
        ([100, 100, 100, 60], false, &[3]),
        ([89, 100, 89, 100], false, &[0, 2]),
        ([80, 90, 90, 90], true, &[0]),
    ];
    for (scores, below, items) in cases {
        let a = Alerts::for_session(&rating("r", "2026-01-05T10:00:00Z", *scores), None);
        assert_eq!(a.below_cutoff, *below, "{scores:?}");
        assert_eq!(a.items_below_9, *items, "{scores:?}");
        assert_eq!(a.drop, None);
        assert_eq!(a.any(), *below || !items.is_empty());
    }
}

#[test]
fn alerts_compare_with_the_previous_session_in_date_order() {
    // Entered in the order 5th, 19th, then the 12th back-dated.
    let all = vec![
        rating("a", "2026-01-05T10:00:00Z", [95; 4]), // 38.0
        rating("c", "2026-01-19T10:00:00Z", [75; 4]), // 30.0
        backdated(
            "b",
            "2026-01-12T10:00:00Z",
            "2026-01-20T10:00:00Z",
            [72, 72, 73, 73],
        ), // 29.0
    ];
    let h = ClientHistory::new(&all);
    let alerts = h.alerts();
    assert_eq!(alerts[0].drop, None, "first session has nothing to compare");
    let d = alerts[1].drop.as_ref().expect("38.0 -> 29.0 is a drop");
    assert_eq!((d.kind, d.total_fall), (DropKind::SuddenDrop, Total(90)));
    assert_eq!(
        alerts[2].drop, None,
        "29.0 -> 30.0 is a rise, not a drop from 38.0"
    );

    let rows = h.rows();
    assert_eq!(rows.iter().map(|r| r.index).collect::<Vec<_>>(), [2, 1, 0]);
    assert_eq!(rows[0].rating.id, "c");
    assert_eq!(rows[1].alerts, alerts[1]);
}

#[test]
fn chart_geometry() {
    let all = vec![
        rating("a", "2026-01-05T10:00:00Z", [100; 4]), // 40.0
        rating("b", "2026-01-12T10:00:00Z", [90, 90, 90, 90]), // 36.0, drop 4.0
        rating("c", "2026-01-19T10:00:00Z", [0, 0, 0, 0]), // 0.0, sudden
        rating("d", "2026-02-02T10:00:00Z", [50, 50, 50, 50]), // 20.0
    ];
    let h = ClientHistory::new(&all);
    let c = h.chart(300.0, 40.0, true);
    let xs: Vec<f64> = c.total.iter().map(|p| p.x).collect();
    let ys: Vec<f64> = c.total.iter().map(|p| p.y).collect();
    assert_eq!(xs, [0.0, 100.0, 200.0, 300.0], "evenly spaced by session");
    assert_eq!(ys, [0.0, 4.0, 40.0, 20.0]);
    assert_eq!(c.cutoff_y, 4.0);
    assert_eq!(c.max_total, Total(400));
    let marks: Vec<(usize, DropKind)> = c.drops.iter().map(|m| (m.index, m.kind)).collect();
    assert_eq!(
        marks,
        [(1, DropKind::SuddenDrop), (2, DropKind::SuddenDrop)]
    );
    assert_eq!(c.drops[0].at, c.total[1]);
    // Items are scaled ×4: an item at 9.0 sits on the cutoff line.
    assert_eq!(c.items.len(), 4);
    assert_eq!(c.items[0][1].y, c.cutoff_y);
    assert_eq!(c.items[2].iter().map(|p| p.y).collect::<Vec<_>>(), ys);

    assert!(h.chart(300.0, 40.0, false).items.is_empty());
    let one = ClientHistory::new(&all[..1]).chart(300.0, 40.0, false);
    assert_eq!(
        one.total,
        [Point { x: 150.0, y: 0.0 }],
        "a single session sits in the middle"
    );
    let none = ClientHistory::new(&[]).chart(300.0, 40.0, true);
    assert!(none.total.is_empty() && none.drops.is_empty());
    assert_eq!(svg_points(&c.total[..2]), "0.0,0.0 100.0,4.0");
}

#[test]
fn summary_for_screen_readers() {
    let all = vec![
        rating("a", "2026-01-05T10:00:00Z", [80, 80, 75, 75]), // 31.0 below
        rating("b", "2026-01-12T10:00:00Z", [90, 90, 90, 90]), // 36.0
        rating("c", "2026-01-19T10:00:00Z", [90, 90, 85, 85]), // 35.0 drop 1.0, below
        rating("d", "2026-01-26T10:00:00Z", [95, 95, 95, 95]), // 38.0
        rating("e", "2026-02-02T10:00:00Z", [100, 95, 95, 95]), // 38.5
    ];
    let h = ClientHistory::new(&all);
    assert_eq!(
        h.summary(0, Words::EN),
        "5 sessions from 2026-01-05 to 2026-02-02; total went from 31.0 to 38.5; 1 drop; 2 below cutoff."
    );
    assert_eq!(
        ClientHistory::new(&[]).summary(0, Words::EN),
        "No sessions recorded yet."
    );
    assert_eq!(
        ClientHistory::new(&all[1..2]).summary(0, Words::EN),
        "1 session on 2026-01-12; total 36.0; no drops; none below cutoff."
    );
    let flat = [
        all[1].clone(),
        rating("x", "2026-01-13T10:00:00Z", [70; 4]),
        rating("y", "2026-01-14T10:00:00Z", [90; 4]),
    ];
    assert_eq!(
        ClientHistory::new(&flat).summary(0, Words::EN),
        "3 sessions from 2026-01-12 to 2026-01-14; total stayed at 36.0; 1 drop (1 sudden); 1 below cutoff."
    );
    // 10:00 UTC is already the next day at UTC+14.
    assert!(ClientHistory::new(&all[..1])
        .summary(14 * 60, Words::EN)
        .contains("on 2026-01-06"));
}

#[test]
fn five_hundred_sessions_stay_ordered_and_complete() {
    // No wall-clock assertion: timing depends on the machine, not the code.
    // Deterministic shuffle: a simple LCG over session days.
    let mut seed: u64 = 42;
    let mut all = Vec::new();
    for i in 0..500u32 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let day = (seed >> 33) % 3000;
        let when = at("2020-01-01T10:00:00Z") + chrono::Duration::days(day as i64);
        let s = 60 + (seed >> 20) as u16 % 41;
        let mut r = rating(
            &format!("r{i:03}"),
            "2020-01-01T10:00:00Z",
            [s, s, s, 100 - s / 2],
        );
        r.session_at = when;
        all.push(r);
    }
    let h = ClientHistory::new(&all);
    let rows = h.rows();
    let chart = h.chart(800.0, 300.0, true);
    let summary = h.summary(0, Words::EN);
    assert!(h
        .sessions()
        .windows(2)
        .all(|w| date_order(w[0], w[1]).is_le()));
    assert_eq!(
        (rows.len(), chart.total.len(), chart.items[0].len()),
        (500, 500, 500)
    );
    assert!(summary.starts_with("500 sessions from "));
    // Rows are the sessions newest first, each pointing at its own session.
    assert!(rows
        .iter()
        .zip(h.sessions().iter().rev())
        .all(|(row, s)| row.rating.id == s.id && h.sessions()[row.index].id == s.id));
}
