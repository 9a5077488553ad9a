//! The numbers the screens show, and the history table's alert labels,
//! checked against the discussion prompt so the two never disagree.

use attune::domain::history::ClientHistory;
use attune::domain::numbers::{
    below_cutoff_flag, chart_cutoff_label, cutoff, cutoff_text, item_axis_factor,
    item_lines_legend, item_on_cutoff, item_scores_caption, short, total_text,
};
use attune::domain::prompt::{discussion_prompt, Situation};
use attune::domain::rating::Rating;
use attune::domain::scale::ScaleDefinition;
use attune::domain::score::{Tenths, Total};

fn rating(n: usize, scores: [u16; 4]) -> Rating {
    let at = attune::domain::time::parse("2026-01-05T10:00:00Z").unwrap()
        + chrono::Duration::days(7 * n as i64);
    Rating {
        id: format!("r{n:02}"),
        recorded_at: at,
        session_at: at,
        client_id: Some("c1".into()),
        scores: scores.iter().map(|&s| Tenths::new(s).unwrap()).collect(),
        scale_id: "srs-attune".into(),
        scale_version: 1,
        line: None,
        updated_at: None,
        note: None,
    }
}

fn history(scores: &[[u16; 4]]) -> Vec<Rating> {
    scores
        .iter()
        .enumerate()
        .map(|(n, s)| rating(n, *s))
        .collect()
}

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

/// The prompt's flags for each session, newest first, without the
/// situations the table does not show (first session, no concerns).
fn prompt_flags(all: &[Rating], scale: &ScaleDefinition) -> Vec<Vec<Situation>> {
    let mut v: Vec<Vec<Situation>> = all
        .iter()
        .map(|r| {
            discussion_prompt(scale, r, all)
                .flags
                .into_iter()
                .filter(|f| !matches!(f, Situation::FirstSession | Situation::Neutral))
                .collect()
        })
        .collect();
    v.reverse();
    v
}

fn kind(label: &str) -> &'static str {
    match label {
        l if l.ends_with("sessions running") => "Repeated low item",
        "sudden drop" => "Sudden drop",
        "drop" => "Drop",
        "below 36" => "Below cutoff",
        l if l.ends_with(" below 9") => "Low item",
        "consistently high" => "Consistently high",
        other => panic!("unknown label {other}"),
    }
}

#[test]
fn row_labels_show_every_alert_the_prompt_knows() {
    let scale = ScaleDefinition::builtin();
    let cases: Vec<Vec<[u16; 4]>> = vec![
        // Ceiling three sessions running, then a sudden drop below the cutoff.
        vec![[100; 4], [98, 99, 100, 95], [96; 4], [80, 70, 70, 70]],
        // The same item lowest and below 9 three times, with a small drop.
        vec![
            [95, 80, 95, 95],
            [95, 85, 95, 95],
            [94, 75, 95, 95],
            [94, 60, 95, 95],
        ],
        // A drop of exactly 1.0 with nothing else.
        vec![[100, 100, 100, 100], [100, 100, 100, 90]],
        // Ties for lowest.
        vec![[80, 80, 95, 95], [80, 80, 95, 95], [80, 80, 95, 95]],
    ];
    for scores in cases {
        let all = history(&scores);
        let h = ClientHistory::new(&all);
        let labels = h.row_alert_labels(&scale);
        assert_eq!(labels.len(), h.rows().len());
        let expected = prompt_flags(&all, &scale);
        for (row, (l, p)) in labels.iter().zip(&expected).enumerate() {
            let kinds: Vec<&str> = l.iter().map(|x| kind(x)).collect();
            let want: Vec<&str> = p.iter().map(|s| s.label()).collect();
            assert_eq!(kinds, want, "row {row} of {scores:?}: {l:?}");
        }
    }
}

#[test]
fn row_labels_read_plainly() {
    let scale = ScaleDefinition::builtin();
    let all = history(&[[95, 80, 95, 95], [95, 85, 95, 95], [94, 50, 95, 85]]);
    let labels = ClientHistory::new(&all).row_alert_labels(&scale);
    let goals = &scale.items[1].title;
    let overall = &scale.items[3].title;
    assert_eq!(
        labels[0],
        [
            format!("{goals} low 3 sessions running"),
            "sudden drop".to_string(),
            "below 36".to_string(),
            format!("{goals} and {overall} below 9"),
        ]
    );
    assert_eq!(labels[2], [format!("{goals} below 9")]);
    assert!(ClientHistory::new(&[]).row_alert_labels(&scale).is_empty());
}
