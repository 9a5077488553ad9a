//! One client's ratings over time: date order, per-session alerts, chart
//! geometry and a spoken summary.
//!
//! Everything is ordered by when the session *took place*, not when it was
//! saved, so a session entered late (telehealth, back-dated) still lands in
//! its place on the chart and is compared with the session that really came
//! before it.

use crate::domain::measures::rating::Rating;
use crate::domain::measures::score::{Tenths, Total};
use crate::domain::measures::thresholds::{
    CUTOFF_TOTAL, DROP_TOTAL, ITEM_DISCUSS_BELOW, SUDDEN_DROP_ITEM, SUDDEN_DROP_TOTAL,
};
use crate::domain::words::Words;
use std::cmp::Ordering;

mod axis;
mod chart;
mod labels;
mod timeline;
pub use axis::{month_short, SessionAxis};
pub use chart::{coord, svg_points, Chart, DropMarker, Point};
pub use labels::{last_row_alert_labels, number_text, row_alert_labels};
pub(crate) use timeline::y_range;
pub use timeline::{
    date_text, date_time_text, ItemPanel, ItemPanels, ItemPoint, LegendEntry, Mark, Tick,
    TimelineChart, TimelinePoint, MIN_TICK_GAP,
};

/// The one ordering of sessions used everywhere: session date, then save time,
/// then id, so two ratings for the same session never swap places between views.
pub fn date_order(a: &Rating, b: &Rating) -> Ordering {
    (a.session_at, a.recorded_at, a.id.as_str()).cmp(&(b.session_at, b.recorded_at, b.id.as_str()))
}

/// How serious a fall since the previous session is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropKind {
    /// The total fell by at least 1.0.
    Drop,
    /// The total fell by at least 3.0, or one item by at least 2.0.
    SuddenDrop,
}

/// A fall since the previous session. Amounts are falls (never negative):
/// an item that rose or held counts as a fall of 0.0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drop {
    /// Drop or sudden drop.
    pub kind: DropKind,
    /// How far the total fell (0.0 when only one item fell sharply).
    pub total_fall: Total,
    /// How far each item fell, in scale order; items missing from either
    /// rating (a scale with fewer items) are left out, not guessed.
    pub item_falls: Vec<Tenths>,
}

impl Drop {
    /// Indices of the items that fell the most (all, when tied); empty when none fell.
    pub fn most_fallen(&self) -> Vec<usize> {
        let max = self.item_falls.iter().copied().max().unwrap_or(Tenths::MIN);
        if max == Tenths::MIN {
            return Vec::new();
        }
        (0..self.item_falls.len())
            .filter(|&i| self.item_falls[i] == max)
            .collect()
    }
}

/// Compares a session with the one before it in date order.
///
/// A sharp fall on one item counts as a sudden drop even when other items
/// rose enough to hide it in the total: one low item says more than the total.
pub fn drop_between(previous: &Rating, current: &Rating) -> Option<Drop> {
    let total_fall = previous
        .total()
        .tenths()
        .saturating_sub(current.total().tenths());
    let item_falls: Vec<Tenths> = previous
        .scores
        .iter()
        .zip(&current.scores)
        .map(|(p, c)| Tenths::saturating(i32::from(p.get()) - i32::from(c.get())))
        .collect();
    let item_sudden = item_falls.iter().any(|f| f.get() >= SUDDEN_DROP_ITEM);
    let kind = if total_fall >= SUDDEN_DROP_TOTAL || item_sudden {
        DropKind::SuddenDrop
    } else if total_fall >= DROP_TOTAL {
        DropKind::Drop
    } else {
        return None;
    };
    Some(Drop {
        kind,
        total_fall: Total(total_fall),
        item_falls,
    })
}

/// What the review flags about one session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alerts {
    /// Total below the 36.0 cutoff.
    pub below_cutoff: bool,
    /// Items scored below 9.0, in scale order.
    pub items_below_9: Vec<usize>,
    /// Fall since the previous session, if it crossed a threshold.
    pub drop: Option<Drop>,
}

impl Alerts {
    /// Flags for `current`, given the session before it (none for a first session).
    pub fn for_session(current: &Rating, previous: Option<&Rating>) -> Self {
        Alerts {
            below_cutoff: current.total().tenths() < CUTOFF_TOTAL,
            items_below_9: (0..current.scores.len())
                .filter(|&i| current.scores[i].get() < ITEM_DISCUSS_BELOW)
                .collect(),
            drop: previous.and_then(|p| drop_between(p, current)),
        }
    }

    /// True when anything is worth talking about.
    pub fn any(&self) -> bool {
        self.below_cutoff || !self.items_below_9.is_empty() || self.drop.is_some()
    }
}

/// A table row: a session, its place in date order and its alerts.
#[derive(Clone, Debug, PartialEq)]
pub struct Row<'a> {
    /// Position in date order (0 = earliest), to link the row to the chart.
    pub index: usize,
    /// The rating.
    pub rating: &'a Rating,
    /// Its flags, computed against the session before it in date order.
    pub alerts: Alerts,
}

/// One client's sessions in date order, with everything derived from that order.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientHistory<'a> {
    sessions: Vec<&'a Rating>,
}

impl<'a> ClientHistory<'a> {
    /// Orders the given ratings by session date; O(n log n).
    pub fn new(ratings: impl IntoIterator<Item = &'a Rating>) -> Self {
        let mut sessions: Vec<&Rating> = ratings.into_iter().collect();
        sessions.sort_unstable_by(|a, b| date_order(a, b));
        ClientHistory { sessions }
    }

    /// The client's own SRS ratings out of a whole store, so no other
    /// client's data (nor an ORS, read by the outcome history) leaks in.
    pub fn for_client(all: &'a [Rating], client_id: &str) -> Self {
        Self::new(
            all.iter()
                .filter(|r| r.client_id.as_deref() == Some(client_id) && r.is_own_srs()),
        )
    }

    /// Sessions in date order, earliest first (the chart's order).
    pub fn sessions(&self) -> &[&'a Rating] {
        &self.sessions
    }

    /// Sessions newest first (the table's order).
    pub fn newest_first(&self) -> Vec<&'a Rating> {
        self.sessions.iter().rev().copied().collect()
    }

    /// Alerts for every session, aligned with [`Self::sessions`].
    pub fn alerts(&self) -> Vec<Alerts> {
        (0..self.sessions.len())
            .map(|i| {
                Alerts::for_session(self.sessions[i], i.checked_sub(1).map(|p| self.sessions[p]))
            })
            .collect()
    }

    /// Table rows, newest first, each with its alerts.
    pub fn rows(&self) -> Vec<Row<'a>> {
        let mut rows: Vec<Row<'a>> = self
            .alerts()
            .into_iter()
            .enumerate()
            .map(|(index, alerts)| Row {
                index,
                rating: self.sessions[index],
                alerts,
            })
            .collect();
        rows.reverse();
        rows
    }

    /// A sentence for screen readers that says what the chart shows.
    ///
    /// Dates are the therapist's local calendar dates (`offset_east_minutes`
    /// as the shell reads it; 0 for UTC), so a late-evening session is not
    /// reported on the next day. In `w`'s words.
    pub fn summary(&self, offset_east_minutes: i32, w: Words) -> String {
        let (Some(first), Some(last)) = (self.sessions.first(), self.sessions.last()) else {
            return w.tr("No sessions recorded yet.").to_string();
        };
        let day = |r: &Rating| w.local_day(r.session_at, offset_east_minutes);
        let n = self.sessions.len();
        let total = |r: &Rating| number_text(r.total(), w);
        let span = if n == 1 {
            w.trf(
                "1 session on {day}; total {total}",
                &[("day", &day(first)), ("total", &total(first))],
            )
        } else {
            let change = if first.total() == last.total() {
                w.trf("total stayed at {total}", &[("total", &total(last))])
            } else {
                w.trf(
                    "total went from {first} to {last}",
                    &[("first", &total(first)), ("last", &total(last))],
                )
            };
            w.trf(
                "{n} sessions from {first} to {last}; {change}",
                &[
                    ("n", &n),
                    ("first", &day(first)),
                    ("last", &day(last)),
                    ("change", &change),
                ],
            )
        };
        let alerts = self.alerts();
        let drops = alerts.iter().filter(|a| a.drop.is_some()).count();
        let sudden = alerts
            .iter()
            .filter(|a| matches!(&a.drop, Some(d) if d.kind == DropKind::SuddenDrop))
            .count();
        let drops = match (drops, sudden) {
            (0, _) => w.tr("no drops").to_string(),
            (d, 0) => w.trn("{n} drop", "{n} drops", d, &[]),
            (d, s) => w.trn(
                "{n} drop ({sudden} sudden)",
                "{n} drops ({sudden} sudden)",
                d,
                &[("sudden", &s)],
            ),
        };
        let below = alerts.iter().filter(|a| a.below_cutoff).count();
        let below = if below == 0 {
            w.tr("none below cutoff").to_string()
        } else {
            w.trf("{n} below cutoff", &[("n", &below)])
        };
        format!("{span}; {drops}; {below}.")
    }
}
