//! The ORS chart of one client: the shared date axis with the SRS chart,
//! the age group's cutoff, the intake line and the reliable-change band,
//! markers of reliable change, the path of similar clients (10 needed),
//! legend and text alternative.

use attune::domain::course::history::{ClientHistory, Mark, SessionAxis};
use attune::domain::course::outcome::{band_edges, others_ors_totals, OutcomeChart};
use attune::domain::course::outcome::{EpisodeNumbers, Reading};
use attune::domain::measures::kinds::AgeGroup;
use attune::domain::measures::kinds::MeasureKind;
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::measures::score::{Tenths, Total};
use attune::domain::time::utc;
use attune::domain::words::Words;

const W: f64 = 600.0;
const H: f64 = 200.0;

/// Four items adding up to `total` tenths (at most 40.0).
fn scores(total: u16) -> Vec<Tenths> {
    let base = total / 4;
    let extra = total % 4;
    (0..4)
        .map(|i| Tenths::new(base + u16::from(i < extra)).unwrap())
        .collect()
}

/// One measure of `client` in session `session`, on day `day` of 2026-01
/// (the ORS at 10:00, the SRS at 10:50).
fn measure(client: &str, session: &str, day: u32, kind: MeasureKind, total: u16) -> Rating {
    let minute = if kind == MeasureKind::Ors { "00" } else { "50" };
    let when = format!("2026-01-{day:02}T10:{minute}:00Z").parse().unwrap();
    Rating {
        id: format!("{session}-{}", kind.short()),
        recorded_at: when,
        session_at: when,
        client_id: Some(client.into()),
        scores: scores(total),
        scale_id: match kind {
            MeasureKind::Ors => "ors-attune".into(),
            MeasureKind::Srs => "srs-attune".into(),
        },
        scale_version: 1,
        measure: kind,
        session_id: Some(session.into()),
        ..Default::default()
    }
}

fn ors(client: &str, session: &str, day: u32, total: u16) -> Rating {
    measure(client, session, day, MeasureKind::Ors, total)
}

fn srs(client: &str, session: &str, day: u32, total: u16) -> Rating {
    measure(client, session, day, MeasureKind::Srs, total)
}

/// `c1`'s ORS totals, one session a week.
fn ors_series(totals: &[u16]) -> Vec<Rating> {
    totals
        .iter()
        .enumerate()
        .map(|(i, &t)| ors("c1", &format!("s{i}"), 1 + 7 * i as u32, t))
        .collect()
}

fn chart_of(all: &[Rating], age: AgeGroup) -> OutcomeChart {
    chart_on(all, age, &SessionAxis::for_client(all, "c1"))
}

/// c1's ORS chart on `axis`.
fn chart_on(all: &[Rating], age: AgeGroup, axis: &SessionAxis) -> OutcomeChart {
    OutcomeChart::for_client(
        all,
        "c1",
        Reading {
            age,
            episodes: &EpisodeNumbers::default(),
            others: &others_ors_totals(all, &[], &[], "c1", &utc),
        },
        &ScaleDefinition::builtin_ors(),
        axis,
        (W, H),
        (0, Words::EN),
    )
    .expect("c1 has an ORS")
}

fn marks(c: &OutcomeChart) -> Vec<Mark> {
    c.legend.iter().map(|e| e.mark).collect()
}

/// y of a total on the 0–40 axis of an `H`-high box.
fn y(tenths: u16) -> f64 {
    H * (1.0 - f64::from(tenths) / 400.0)
}

#[test]
fn no_ors_no_chart() {
    let all = vec![srs("c1", "s0", 1, 380)];
    let axis = SessionAxis::for_client(&all, "c1");
    let c = OutcomeChart::for_client(
        &all,
        "c1",
        Reading {
            age: AgeGroup::Adult,
            episodes: &EpisodeNumbers::default(),
            others: &others_ors_totals(&all, &[], &[], "c1", &utc),
        },
        &ScaleDefinition::builtin_ors(),
        &axis,
        (W, H),
        (0, Words::EN),
    );
    assert_eq!(c, None);
}

#[test]
fn the_band_is_intake_plus_and_minus_five_clamped_to_the_scale() {
    let max = Total(400);
    assert_eq!(band_edges(Total(200), max), (Total(150), Total(250)));
    // Exactly 5.0 from either end: the edge is the end itself.
    assert_eq!(band_edges(Total(50), max), (Total(0), Total(100)));
    assert_eq!(band_edges(Total(350), max), (Total(300), Total(400)));
    // Closer than 5.0: clamped, never wrapped.
    assert_eq!(band_edges(Total(30), max), (Total(0), Total(80)));
    assert_eq!(band_edges(Total(372), max), (Total(322), Total(400)));

    let c = chart_of(&ors_series(&[140, 160]), AgeGroup::Adult);
    assert_eq!((c.band.low, c.band.high), (Total(90), Total(190)));
    assert_eq!((c.band.top_y, c.band.bottom_y), (y(190), y(90)));
    assert_eq!((c.intake.value, c.intake.y), (Total(140), y(140)));
    assert_eq!(c.intake.label, "intake 14");
    assert_eq!((c.y_min, c.y_max), (Total(0), Total(400)));
    let ticks: Vec<&str> = c.y_ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(ticks, ["0", "5", "10", "15", "20", "25", "30", "35", "40"]);
    assert_eq!(c.y_ticks[0].pos, H);
    assert_eq!(c.y_ticks[8].pos, 0.0);
}

#[test]
fn the_cutoff_line_is_the_age_groups() {
    for (age, tenths, label) in [
        (AgeGroup::Adult, 250, "adult cutoff 25"),
        (AgeGroup::Adolescent, 280, "adolescent cutoff 28"),
        (AgeGroup::Child, 320, "child cutoff 32"),
    ] {
        let c = chart_of(&ors_series(&[200]), age);
        assert_eq!(c.cutoff.value, Total(tenths), "{age:?}");
        assert_eq!(c.cutoff.y, y(tenths), "{age:?}");
        assert_eq!(c.cutoff.label, label);
        let legend = &c.legend[marks(&c)
            .iter()
            .position(|m| *m == Mark::OrsCutoffLine)
            .unwrap()];
        assert!(
            legend.label.contains(&Total(tenths).to_string()),
            "{}",
            legend.label
        );
        assert!(c.description.contains(&format!(
            "The {} cutoff is {}",
            age.label(),
            Total(tenths)
        )));
    }
}

#[test]
fn a_fall_of_five_is_marked_a_fall_of_four_point_nine_is_not() {
    let c = chart_of(&ors_series(&[200, 151]), AgeGroup::Adult);
    assert!(c.markers.is_empty());
    assert!(!marks(&c).contains(&Mark::ReliableDeterioration));
    assert!(c.description.contains("No session has changed reliably"));

    let c = chart_of(&ors_series(&[200, 151, 150]), AgeGroup::Adult);
    assert_eq!(c.markers.len(), 1);
    assert_eq!(c.markers[0].index, 2);
    assert_eq!(c.markers[0].mark, Mark::ReliableDeterioration);
    assert_eq!(c.markers[0].at, c.points[2].at);
    assert!(marks(&c).contains(&Mark::ReliableDeterioration));
    assert!(c
        .description
        .contains("1 session with reliable deterioration"));
}

#[test]
fn improvements_are_marked_and_crossing_the_cutoff_is_told_apart() {
    // 20.0 → 24.9: not reliable; → 25.0: reliable and crosses the adult cutoff.
    let c = chart_of(&ors_series(&[200, 249, 250]), AgeGroup::Adult);
    let got: Vec<(usize, Mark)> = c.markers.iter().map(|m| (m.index, m.mark)).collect();
    assert_eq!(got, [(2, Mark::SignificantImprovement)]);
    // Above the cutoff from the start: reliable, not clinically significant.
    let c = chart_of(&ors_series(&[260, 310]), AgeGroup::Adult);
    assert_eq!(c.markers[0].mark, Mark::ReliableImprovement);
    assert!(marks(&c).contains(&Mark::ReliableImprovement));
    assert!(!marks(&c).contains(&Mark::SignificantImprovement));
    // The same scores for a child (cutoff 32.0): still below, so only reliable.
    let c = chart_of(&ors_series(&[200, 250]), AgeGroup::Child);
    assert_eq!(c.markers[0].mark, Mark::ReliableImprovement);
}

#[test]
fn points_carry_their_status_and_a_readout() {
    let c = chart_of(&ors_series(&[140, 150, 195]), AgeGroup::Adult);
    assert_eq!(c.line().len(), 3);
    let p = &c.points[2];
    assert_eq!(p.total_text, "ORS 19.5/40");
    assert_eq!(p.at.y, y(195));
    assert_eq!(p.rating_id, "s2-ORS");
    assert_eq!(p.session_id, "s2");
    let text = p.description(Words::EN);
    assert!(
        text.starts_with("15 Jan 2026, 10:00: ORS 19.5/40, below the adult cutoff of 25.0."),
        "{text}"
    );
    assert!(
        text.contains("Session 3: Reliable improvement, up 5.5 since intake (14.0)."),
        "{text}"
    );
    assert!(text.contains("Up 4.5 since last session."), "{text}");
    assert!(c.points[0].description(Words::EN).contains("Intake"));
    assert!(c.description.starts_with("ORS over time: 3 sessions from 1 Jan 2026 to 15 Jan 2026. Intake 14.0; latest 19.5, up 5.5 since intake: reliable improvement."), "{}", c.description);
    assert_eq!(
        marks(&c),
        [
            Mark::ChangeBand,
            Mark::IntakeLine,
            Mark::OrsCutoffLine,
            Mark::OrsLine,
            Mark::OrsSession,
            Mark::ReliableImprovement
        ]
    );
}

/// `n` other clients who started at `intake` and went up by 1.0 a session
/// for `sessions` sessions.
fn others(n: usize, intake: u16, sessions: usize) -> Vec<Rating> {
    (0..n)
        .flat_map(|c| {
            (0..sessions).map(move |i| {
                ors(
                    &format!("o{c}"),
                    &format!("o{c}-{i}"),
                    1 + i as u32,
                    intake + 10 * i as u16,
                )
            })
        })
        .collect()
}

#[test]
fn the_path_of_similar_clients_needs_ten_of_them() {
    let mine = ors_series(&[150, 160, 170, 180]);
    // Nine who started within 2.0, plus one who did not: no path.
    let mut all = mine.clone();
    all.extend(others(9, 170, 3));
    all.push(ors("far", "far-0", 1, 200));
    let c = chart_of(&all, AgeGroup::Adult);
    assert_eq!(c.expected, None);
    assert!(!marks(&c).contains(&Mark::ExpectedPath));
    assert!(c.points.iter().all(|p| p.expected.is_none()));
    assert!(
        c.description.contains("is not shown: fewer than 10"),
        "{}",
        c.description
    );

    // Ten: the path, session by session, at this client's own x positions,
    // stopping where the similar clients' data (3 sessions) stops.
    let mut all = mine;
    all.extend(others(10, 170, 3));
    let c = chart_of(&all, AgeGroup::Adult);
    let e = c.expected.as_ref().expect("ten similar clients");
    assert_eq!(e.matched_clients, 10);
    let xs: Vec<f64> = e.points.iter().map(|p| p.x).collect();
    let own: Vec<f64> = c.points.iter().map(|p| p.at.x).take(3).collect();
    assert_eq!(xs, own);
    let ys: Vec<f64> = e.points.iter().map(|p| p.y).collect();
    assert_eq!(ys, [y(170), y(180), y(190)]);
    assert_eq!(c.points[1].expected, Some(Total(180)));
    assert_eq!(c.points[3].expected, None);
    assert!(marks(&c).contains(&Mark::ExpectedPath));
    let label = &c.legend[marks(&c)
        .iter()
        .position(|m| *m == Mark::ExpectedPath)
        .unwrap()]
    .label;
    assert!(
        label.starts_with("Clients here who started like this"),
        "{label}"
    );
    assert!(c.points[1]
        .description(Words::EN)
        .contains("Clients here who started like this: median 18.0 at session 2."));
    assert!(
        c.description.contains("are shown for sessions 1 to 3"),
        "{}",
        c.description
    );
}

#[test]
fn the_path_runs_past_the_clients_latest_session_on_the_shared_axis() {
    use attune::domain::course::outcome::client_axis;
    let mut all = ors_series(&[170, 175]);
    all.extend(others(10, 170, 6));
    // The plain axis has no places after the latest session: the path stops
    // there (as the SRS-only axis of a client always did).
    let c = chart_of(&all, AgeGroup::Adult);
    assert_eq!(c.expected.as_ref().unwrap().points.len(), 2);

    // The client's axis reaches as far as the similar clients' data (6
    // sessions): at session 2 the therapist sees where they went by 3 to 6.
    let axis = client_axis(
        &all,
        "c1",
        Reading {
            age: AgeGroup::Adult,
            episodes: &EpisodeNumbers::default(),
            others: &others_ors_totals(&all, &[], &[], "c1", &utc),
        },
    );
    assert_eq!(
        axis.len(),
        2,
        "the places for later sessions are not sessions"
    );
    let c = chart_on(&all, AgeGroup::Adult, &axis);
    let e = c.expected.as_ref().unwrap();
    assert_eq!(e.points.len(), 6);
    let xs: Vec<f64> = e.points.iter().map(|p| p.x).collect();
    assert_eq!(xs[..2], [c.points[0].at.x, c.points[1].at.x]);
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "left to right: {xs:?}");
    assert!(xs[5] <= W + 1e-9, "inside the chart: {xs:?}");
    // Later places keep the client's own spacing (sessions a week apart).
    let step = xs[1] - xs[0];
    for w in xs.windows(2) {
        assert!((w[1] - w[0] - step).abs() < 1e-6, "{xs:?}");
    }
    let ys: Vec<f64> = e.points.iter().map(|p| p.y).collect();
    assert_eq!(ys, [y(170), y(180), y(190), y(200), y(210), y(220)]);
    // Date ticks only where sessions took place.
    assert_eq!(c.x_ticks.len(), 2);
    assert!(
        c.description
            .contains("are shown for sessions 1 to 6, past this client's latest session (2)"),
        "{}",
        c.description
    );
}

#[test]
fn other_clients_totals_leave_out_the_client_and_unassigned_sessions() {
    let mut all = ors_series(&[100, 120]);
    all.extend(others(2, 200, 2));
    let mut quick = ors("x", "q", 3, 300);
    quick.client_id = None;
    all.push(quick);
    all.push(srs("o0", "o0-srs", 4, 390));
    assert_eq!(
        others_ors_totals(&all, &[], &[], "c1", &utc),
        [
            ("o0".to_string(), vec![Total(200), Total(210)]),
            ("o1".to_string(), vec![Total(200), Total(210)])
        ]
    );
}

#[test]
fn ors_and_srs_of_one_session_share_their_x_and_the_axis_covers_both() {
    let mut s2 = srs("c1", "s2", 8, 360);
    s2.session_at = "2026-01-08T10:00:00Z".parse().unwrap();
    let all = vec![
        ors("c1", "s1", 1, 150),
        srs("c1", "s1", 1, 380),
        s2,
        ors("c1", "s3", 15, 170),
        ors("c1", "s4", 22, 200),
        srs("c1", "s4", 22, 390),
        // Another client's sessions never move this client's axis.
        srs("c2", "x1", 29, 300),
    ];
    let axis = SessionAxis::for_client(&all, "c1");
    assert_eq!(axis.keys(), ["s1", "s2", "s3", "s4"]);
    let outcome = chart_of(&all, AgeGroup::Adult);
    let history = ClientHistory::for_client(&all, "c1");
    let alliance = history.timeline_on(&axis, &ScaleDefinition::builtin(), W, H, 0, Words::EN);
    let o: Vec<f64> = outcome.points.iter().map(|p| p.at.x).collect();
    let s: Vec<f64> = alliance.points.iter().map(|p| p.at.x).collect();
    assert_eq!(o, [0.0, 400.0, 600.0]);
    assert_eq!(s, [0.0, 200.0, 600.0]);
    // The date ticks are the axis's: the same under both charts.
    assert_eq!(outcome.x_ticks, alliance.x_ticks);
    assert_eq!(outcome.x_ticks.len(), 4);
    // Item panels sit on the same axis.
    let panels = history.item_panels_on(&axis, &ScaleDefinition::builtin(), 300.0, 70.0, Words::EN);
    let px: Vec<f64> = panels.panels[0].points.iter().map(|p| p.at.x).collect();
    assert_eq!(px, [0.0, 100.0, 300.0]);
}

#[test]
fn a_client_with_only_srs_gets_the_srs_chart_it_always_had() {
    let mut all = vec![
        srs("c1", "a", 1, 380),
        srs("c1", "b", 1, 300),
        srs("c1", "c", 9, 360),
        srs("c1", "d", 30, 395),
    ];
    // A rating from before sessions existed: no session id of its own.
    all[1].session_id = None;
    let history = ClientHistory::for_client(&all, "c1");
    let scale = ScaleDefinition::builtin();
    let own = history.timeline(&scale, W, H, 60, Words::EN);
    let shared = history.timeline_on(
        &SessionAxis::for_client(&all, "c1"),
        &scale,
        W,
        H,
        60,
        Words::EN,
    );
    assert_eq!(own, shared);
    assert_eq!(
        history.item_panels(&scale, 300.0, 70.0, Words::EN),
        history.item_panels_on(
            &SessionAxis::for_client(&all, "c1"),
            &scale,
            300.0,
            70.0,
            Words::EN
        )
    );
}
