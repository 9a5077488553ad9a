//! Every alert the domain knows, as short labels for one row of the history
//! table, so the table, the chart's focus text and a screen reader all say
//! the same thing, in the page's language ([`Words`]).

use crate::domain::course::history::{Alerts, ClientHistory, Drop, DropKind};
use crate::domain::measures::names::item_name;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::Tenths;
use crate::domain::measures::thresholds::{
    CEILING_ITEM, CEILING_SESSIONS, ITEM_DISCUSS_BELOW, REPEATED_LOW_SESSIONS,
};
use crate::domain::words::Words;
use std::fmt::Display;

/// A number as Rust writes it (`34.5`), with `w`'s decimal mark (`34,5`):
/// for text on screen only, never for a file.
pub fn number_text(v: impl Display, w: Words) -> String {
    w.number(v)
}

/// Alert labels for every session of `history`, aligned with
/// [`ClientHistory::sessions`] (date order; a table row's `index` picks its
/// labels). Each list is in this order, empty when nothing applies: below
/// cutoff, drop or sudden drop, items below 9.0, the same item lowest and
/// below 9.0 for three sessions running, consistently high. In `w`'s words.
pub fn row_alert_labels(
    history: &ClientHistory,
    scale: &ScaleDefinition,
    w: Words,
) -> Vec<Vec<String>> {
    let sessions = history.sessions();
    let n_items = sessions.iter().map(|r| r.scores.len()).max().unwrap_or(0);
    // Runs ending at the current session, carried forward so the whole table is O(n).
    let mut low_runs = vec![0usize; n_items];
    let mut high_run = 0usize;
    let mut out = Vec::with_capacity(sessions.len());
    for (r, alerts) in sessions.iter().zip(history.alerts()) {
        let lowest = r.lowest();
        for (item, run) in low_runs.iter_mut().enumerate() {
            *run = if is_low_lowest(r, &lowest, item) {
                *run + 1
            } else {
                0
            };
        }
        high_run = if is_high(r) { high_run + 1 } else { 0 };
        out.push(labels_of(r, &alerts, &low_runs, high_run, scale, w));
    }
    out
}

/// The labels of the latest session alone: the last list of
/// [`row_alert_labels`], without labelling every earlier session (the
/// caseload reads only what is true now). Its runs are counted back from
/// the end, so the cost follows their length, not the history's.
pub fn last_row_alert_labels(
    history: &ClientHistory,
    scale: &ScaleDefinition,
    w: Words,
) -> Vec<String> {
    let sessions = history.sessions();
    let Some((&last, before)) = sessions.split_last() else {
        return Vec::new();
    };
    let alerts = Alerts::for_session(last, before.last().copied());
    // An item the last session has no score for has no run (its run is 0
    // in the table too), so only the last session's items are counted.
    let low_runs: Vec<usize> = (0..last.scores.len())
        .map(|item| {
            sessions
                .iter()
                .rev()
                .take_while(|r| is_low_lowest(r, &r.lowest(), item))
                .count()
        })
        .collect();
    let high_run = sessions.iter().rev().take_while(|r| is_high(r)).count();
    labels_of(last, &alerts, &low_runs, high_run, scale, w)
}

/// Every item at the ceiling: one session of a "consistently high" run.
fn is_high(r: &Rating) -> bool {
    !r.scores.is_empty() && r.scores.iter().all(|s| s.get() >= CEILING_ITEM)
}

/// One session's labels, in the documented order, from its alerts and the
/// runs ending at it (`low_runs` by item).
fn labels_of(
    r: &Rating,
    alerts: &Alerts,
    low_runs: &[usize],
    high_run: usize,
    scale: &ScaleDefinition,
    w: Words,
) -> Vec<String> {
    let below9 = number_text(Tenths::saturating(ITEM_DISCUSS_BELOW.into()), w);
    let mut labels = Vec::new();
    if alerts.below_cutoff {
        labels.push(w.trf(
            "Below cutoff (total {total})",
            &[("total", &number_text(r.total(), w))],
        ));
    }
    if let Some(d) = &alerts.drop {
        labels.push(drop_label(scale, d, w));
    }
    if !alerts.items_below_9.is_empty() {
        let names: Vec<String> = alerts
            .items_below_9
            .iter()
            .map(|&i| format!("{} ({})", item_name(scale, i), number_text(r.scores[i], w)))
            .collect();
        let args: [(&str, &dyn Display); 2] = [("below", &below9), ("names", &w.join(&names))];
        labels.push(if names.len() == 1 {
            w.trf("Item below {below}: {names}", &args)
        } else {
            w.trf("Items below {below}: {names}", &args)
        });
    }
    for (item, &run) in low_runs.iter().enumerate() {
        if run >= REPEATED_LOW_SESSIONS {
            labels.push(w.trf(
                "{item} lowest and below {below} for {run} sessions running",
                &[
                    ("item", &item_name(scale, item)),
                    ("below", &below9),
                    ("run", &run),
                ],
            ));
        }
    }
    if high_run >= CEILING_SESSIONS {
        labels.push(w.trf(
            "Consistently high: every item {high} or more for {run} sessions",
            &[
                (
                    "high",
                    &number_text(Tenths::saturating(CEILING_ITEM.into()), w),
                ),
                ("run", &high_run),
            ],
        ));
    }
    labels
}

fn is_low_lowest(r: &Rating, lowest: &[usize], item: usize) -> bool {
    r.scores
        .get(item)
        .is_some_and(|s| s.get() < ITEM_DISCUSS_BELOW && lowest.contains(&item))
}

/// `Drop of 1.5 since last session`, `Sudden drop of 4.0 since last session
/// (Overall down 2.5)`; an item that fell alone is named even if the total held.
fn drop_label(scale: &ScaleDefinition, d: &Drop, w: Words) -> String {
    let mut most = d.most_fallen();
    if most.len() == d.item_falls.len() {
        most.clear(); // every item fell alike: the total says it all
    }
    let names: Vec<String> = most.iter().map(|&i| item_name(scale, i)).collect();
    let item = most.first().map(|&i| {
        w.trf(
            "{names} down {fall}",
            &[
                ("names", &w.join(&names)),
                ("fall", &number_text(d.item_falls[i], w)),
            ],
        )
    });
    let fall = number_text(d.total_fall, w);
    let sudden = d.kind == DropKind::SuddenDrop;
    match (d.total_fall.tenths(), item) {
        (0, Some(item)) if sudden => w.trf(
            "Sudden drop since last session ({item})",
            &[("item", &item)],
        ),
        (0, Some(item)) => w.trf("Drop since last session ({item})", &[("item", &item)]),
        (_, Some(item)) if sudden => w.trf(
            "Sudden drop of {fall} since last session ({item})",
            &[("fall", &fall), ("item", &item)],
        ),
        _ if sudden => w.trf(
            "Sudden drop of {fall} since last session",
            &[("fall", &fall)],
        ),
        _ => w.trf("Drop of {fall} since last session", &[("fall", &fall)]),
    }
}
