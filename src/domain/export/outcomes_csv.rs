//! The outcomes report as two CSV files (RFC 4180, CRLF, the same cell
//! guard and quoting as the ratings CSV): the figures, and one row per
//! episode from which an auditor or researcher can recompute every figure.
//!
//! Kept here rather than beside the report because the export area is the
//! one that may use both the report (caseload) and the CSV helpers, and the
//! import order runs one way.

use crate::domain::caseload::outcomes::{
    words, EffectSize, Estimate, FigureKey, FigureValue, Group, OutcomesReport,
};
use crate::domain::course::outcome::{Change, OutcomeCategory};
use crate::domain::export::csv::push_cell;
use crate::domain::measures::score::Total;
use crate::domain::records::episode_end::format_date;
use crate::domain::time;
use crate::domain::words::Words;
use chrono::{DateTime, Utc};

/// `attune-outcomes-2026-11-22.csv`.
pub fn outcomes_csv_file_name(now: DateTime<Utc>) -> String {
    format!("attune-outcomes-{}.csv", time::date(now))
}

/// `attune-episodes-2026-11-22.csv`.
pub fn episodes_csv_file_name(now: DateTime<Utc>) -> String {
    format!("attune-episodes-{}.csv", time::date(now))
}

/// The figures, one row per group and figure.
///
/// Header: `group,figure,title,reading,n,value,part,whole,ci_low,ci_high,text`.
/// - `group`: `all`, `adult`, `adolescent`, `child`; `figure` a stable key
///   (`effect-size`), `title` its words.
/// - `reading`: `count`, `value`, `too-few` ("too few to tell"), `none`
///   (nothing of the kind) or `no-spread` (effect size over equal intakes);
///   the number cells are empty unless it is `count` or `value`.
/// - `n`: what the figure rests on; `value` the count, the mean (two
///   decimals), the share in percent (one decimal) or d (three decimals);
///   `part`/`whole` a share's counts; `ci_low`/`ci_high` the effect size's
///   95 % interval (three decimals).
/// - `text`: the value as the report words it.
pub fn outcomes_csv(report: &OutcomesReport) -> String {
    let mut out = String::new();
    let header = [
        "group", "figure", "title", "reading", "n", "value", "part", "whole", "ci_low", "ci_high",
        "text",
    ];
    push_row(&mut out, &header.map(String::from));
    for group in Group::ALL {
        let figures = report.group(group);
        for key in FigureKey::ALL {
            let value = figures.get(key);
            let mut cells = vec![
                group.key().to_string(),
                key.key(),
                words::title(key, Words::EN),
            ];
            cells.extend(value_cells(&value));
            cells.push(words::value_text(key, &value, Words::EN));
            push_row(&mut out, &cells);
        }
    }
    out
}

/// `reading,n,value,part,whole,ci_low,ci_high`.
fn value_cells(value: &FigureValue) -> Vec<String> {
    let blank = String::new;
    match value {
        FigureValue::Count(c) => vec![
            "count".into(),
            c.to_string(),
            c.to_string(),
            blank(),
            blank(),
            blank(),
            blank(),
        ],
        FigureValue::Mean(e) => estimate_cells(e, |v| {
            vec![format!("{v:.2}"), blank(), blank(), blank(), blank()]
        }),
        FigureValue::Share(e) => estimate_cells(e, |s| {
            let pct = s.part as f64 * 100.0 / s.whole as f64;
            vec![
                format!("{pct:.1}"),
                s.part.to_string(),
                s.whole.to_string(),
                blank(),
                blank(),
            ]
        }),
        FigureValue::Effect(e) => estimate_cells(e, |x: &EffectSize| {
            vec![
                format!("{:.3}", x.d),
                blank(),
                blank(),
                format!("{:.3}", x.low),
                format!("{:.3}", x.high),
            ]
        }),
    }
}

fn estimate_cells<T>(e: &Estimate<T>, cells: impl Fn(&T) -> Vec<String>) -> Vec<String> {
    let (reading, rest) = match e {
        Estimate::Value { value, .. } => ("value", cells(value)),
        Estimate::TooFew { .. } => ("too-few", vec![String::new(); 5]),
        Estimate::NoData { .. } => ("none", vec![String::new(); 5]),
        Estimate::NoSpread { .. } => ("no-spread", vec![String::new(); 5]),
    };
    let mut out = vec![reading.to_string(), e.n().to_string()];
    out.extend(rest);
    out
}

/// One row per episode in the report, in its order (client label, client,
/// episode number).
///
/// Header: `client,client_id,case_kind,age_group,episode,episode_key,
/// opened_on,last_session_on,ended_on,end_reason,ended_in_period,sessions,
/// length_days,ors_count,intake_ors,last_ors,cutoff,change,category,
/// intake_srs,srs_in_period,srs_elicited,collateral_raters`.
/// Dates are the therapist's calendar days (`YYYY-MM-DD`), totals one
/// decimal, `change` last minus intake (`5.0`, `-4.9`), `category` the outcome's kebab-case
/// key (`reliable-improvement`) or empty with fewer than two ORS,
/// `ended_in_period` `yes`/`no`, `collateral_raters` the raters' ids
/// separated by spaces. How to recompute each figure from these columns is
/// in `docs/outcomes.md`.
pub fn episodes_csv(report: &OutcomesReport) -> String {
    let mut out = String::new();
    let header = [
        "client",
        "client_id",
        "case_kind",
        "age_group",
        "episode",
        "episode_key",
        "opened_on",
        "last_session_on",
        "ended_on",
        "end_reason",
        "ended_in_period",
        "sessions",
        "length_days",
        "ors_count",
        "intake_ors",
        "last_ors",
        "cutoff",
        "change",
        "category",
        "intake_srs",
        "srs_in_period",
        "srs_elicited",
        "collateral_raters",
    ];
    push_row(&mut out, &header.map(String::from));
    let total = |t: Option<Total>| t.map_or_else(String::new, |t| t.to_string());
    for r in &report.rows {
        let cells = vec![
            r.client_label.clone(),
            r.client_id.clone(),
            r.case_kind.label().to_string(),
            r.age_group.label().to_string(),
            r.episode.to_string(),
            r.key.clone(),
            format_date(r.opened_on),
            format_date(r.last_on),
            r.ended_on.map_or_else(String::new, format_date),
            r.end_reason.map_or("", |x| x.key()).to_string(),
            if r.ended_in_period { "yes" } else { "no" }.to_string(),
            r.visits.to_string(),
            r.length_days.to_string(),
            r.ors_count.to_string(),
            total(r.intake_ors),
            total(r.last_ors),
            r.cutoff.to_string(),
            r.change.map_or_else(String::new, change_cell),
            r.category.map_or_else(String::new, category_key),
            total(r.intake_srs),
            r.srs_in_period.to_string(),
            r.srs_elicited.to_string(),
            r.collateral_raters.join(" "),
        ];
        push_row(&mut out, &cells);
    }
    out
}

/// One row like the ratings CSV's, except that a cell which is a plain
/// number (`-0.249`, `-4.9`) is written as it is: the formula guard would
/// prefix a negative change or interval end with `'` and a spreadsheet would
/// read it as text, while a bare number can never run as a formula.
fn push_row(out: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if is_number(cell) {
            out.push_str(cell);
        } else {
            push_cell(out, cell);
        }
    }
    out.push_str("\r\n");
}

/// `-12`, `0.249`: an optional minus, digits, an optional fraction.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !frac.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// A change in points, signed only when negative (`5.0`, `-4.9`), so it
/// reads as a number.
fn change_cell(c: Change) -> String {
    let t = c.tenths();
    let sign = if t < 0 { "-" } else { "" };
    let size = t.unsigned_abs();
    format!("{sign}{}.{}", size / 10, size % 10)
}

/// The category as stored elsewhere (its serde name): `no-reliable-change`.
fn category_key(c: OutcomeCategory) -> String {
    serde_json::to_string(&c)
        .map(|s| s.trim_matches('"').to_string())
        .unwrap_or_default()
}
