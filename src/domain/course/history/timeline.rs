//! The trend chart on a time axis: sessions placed by their dates, a y-range
//! fitted to the data with the cutoff always in view, date ticks, a legend of
//! every mark drawn, and per-point text for focus and hover. Item scores get
//! their own small panels on their own 0–10 scale rather than being stretched
//! onto the total's axis. Plain numbers and strings: the shell only draws.

use crate::domain::course::history::axis::{local, month_short, SessionAxis};
use crate::domain::course::history::chart::{DropMarker, Point};
use crate::domain::course::history::labels::{number_text, row_alert_labels};
use crate::domain::course::history::{ClientHistory, DropKind};
use crate::domain::measures::names::item_name;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::{Tenths, Total};
use crate::domain::measures::thresholds::{CUTOFF_TOTAL, ITEM_DISCUSS_BELOW};
use crate::domain::words::Words;
use chrono::{DateTime, Datelike, Timelike, Utc};

/// Closest two date ticks may sit, in the chart's units (CSS px): about the
/// width of a label like "22 Nov 2026".
pub const MIN_TICK_GAP: f64 = 72.0;

/// Padding above and below the data on the total axis, in tenths (1.0).
const Y_PAD: u16 = 10;

/// The y-range snaps outward to multiples of this many tenths (5.0).
const Y_SNAP: u16 = 50;

/// One mark the chart can draw; the legend lists those used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    /// The line through the session totals.
    TotalLine,
    /// A session on the total line.
    Session,
    /// A session whose total is below the cutoff.
    BelowCutoff,
    /// The horizontal cutoff line.
    CutoffLine,
    /// A drop of the total since the session before.
    Drop,
    /// A sudden drop.
    SuddenDrop,
    /// An item's line in its panel.
    ItemLine,
    /// The 9.0 guide in an item panel.
    ItemGuide,
    /// An item score below 9.0.
    ItemBelow9,
    /// The line through the client's ORS totals.
    OrsLine,
    /// A session's ORS on that line.
    OrsSession,
    /// The ORS clinical cutoff of the client's age group.
    OrsCutoffLine,
    /// The client's first ORS total (intake), as a horizontal line.
    IntakeLine,
    /// Within the reliable change of intake: ordinary ups and downs.
    ChangeBand,
    /// An ORS up by the reliable change or more since intake.
    ReliableImprovement,
    /// A reliable improvement that also crossed the cutoff from below.
    SignificantImprovement,
    /// An ORS down by the reliable change or more since intake.
    ReliableDeterioration,
    /// The median path of this practice's clients who started like this one.
    ExpectedPath,
}

impl Mark {
    /// A stable key, for a CSS class and a test id (`sudden-drop`).
    pub fn key(self) -> &'static str {
        match self {
            Mark::TotalLine => "total-line",
            Mark::Session => "session",
            Mark::BelowCutoff => "below-cutoff",
            Mark::CutoffLine => "cutoff-line",
            Mark::Drop => "drop",
            Mark::SuddenDrop => "sudden-drop",
            Mark::ItemLine => "item-line",
            Mark::ItemGuide => "item-guide",
            Mark::ItemBelow9 => "item-below-9",
            Mark::OrsLine => "ors-line",
            Mark::OrsSession => "ors-session",
            Mark::OrsCutoffLine => "ors-cutoff-line",
            Mark::IntakeLine => "intake-line",
            Mark::ChangeBand => "change-band",
            Mark::ReliableImprovement => "reliable-improvement",
            Mark::SignificantImprovement => "significant-improvement",
            Mark::ReliableDeterioration => "reliable-deterioration",
            Mark::ExpectedPath => "expected-path",
        }
    }
}

/// One legend row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegendEntry {
    /// The mark drawn beside the text.
    pub mark: Mark,
    /// What it means.
    pub label: String,
}

/// A labelled position on an axis (x for dates, y for scores).
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Position along the axis, in chart units.
    pub pos: f64,
    /// Text to draw there.
    pub label: String,
}

/// One session on the timeline, with the text shown on focus or hover.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelinePoint {
    /// Position in date order (as in [`ClientHistory::sessions`]).
    pub index: usize,
    /// Where it is drawn.
    pub at: Point,
    /// Local date and time, `22 Nov 2026, 14:05`.
    pub date_text: String,
    /// `Total 31.0/40`.
    pub total_text: String,
    /// Every alert of the session joined by `; `, or `No alerts`.
    pub flags_text: String,
    /// True when the total is below the cutoff (drawn as [`Mark::BelowCutoff`]).
    pub below_cutoff: bool,
    /// A drop since the session before, if any.
    pub drop: Option<DropKind>,
}

impl TimelinePoint {
    /// One sentence for an accessible name or a tooltip.
    pub fn description(&self) -> String {
        format!(
            "{}: {}. {}.",
            self.date_text, self.total_text, self.flags_text
        )
    }
}

/// The total over time, ready to draw in a `width` × `height` box.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineChart {
    /// Sessions in date order.
    pub points: Vec<TimelinePoint>,
    /// Lowest total on the axis.
    pub y_min: Total,
    /// Highest total on the axis.
    pub y_max: Total,
    /// Height of the cutoff line (always within the box).
    pub cutoff_y: f64,
    /// Score ticks, bottom to top.
    pub y_ticks: Vec<Tick>,
    /// Date ticks, left to right, thinned so labels never overlap.
    pub x_ticks: Vec<Tick>,
    /// Drop markers, in date order.
    pub drops: Vec<DropMarker>,
    /// Every mark drawn, in drawing order.
    pub legend: Vec<LegendEntry>,
}

impl TimelineChart {
    /// The total line's points, for [`crate::domain::course::history::svg_points`].
    pub fn line(&self) -> Vec<Point> {
        self.points.iter().map(|p| p.at).collect()
    }
}

/// One item score in a small-multiples panel.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemPoint {
    /// Session position in date order.
    pub index: usize,
    /// Where it is drawn in the panel.
    pub at: Point,
    /// The score, `8.5`.
    pub score_text: String,
    /// True below 9.0 (drawn as [`Mark::ItemBelow9`]).
    pub below_9: bool,
}

/// One item's panel, on its own 0–10 axis.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemPanel {
    /// The item's title.
    pub title: String,
    /// Sessions that have this item, in date order.
    pub points: Vec<ItemPoint>,
    /// Height of the 9.0 guide.
    pub guide_y: f64,
}

/// Every item's panel, each `width` × `height`, sharing the timeline's x positions.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemPanels {
    /// One panel per item, in scale order.
    pub panels: Vec<ItemPanel>,
    /// Score ticks of every panel (0, 5, 10), bottom to top.
    pub y_ticks: Vec<Tick>,
    /// Every mark drawn in the panels.
    pub legend: Vec<LegendEntry>,
}

impl ClientHistory<'_> {
    /// The total over time for a `width` × `height` box. Dates are local for
    /// `offset_east_minutes` (as the shell reads it; 0 for UTC); words in
    /// `w`'s language.
    pub fn timeline(
        &self,
        scale: &ScaleDefinition,
        width: f64,
        height: f64,
        offset_east_minutes: i32,
        w: Words,
    ) -> TimelineChart {
        self.timeline_on(&self.axis(), scale, width, height, offset_east_minutes, w)
    }

    /// The axis of these sessions alone, in date order.
    pub fn axis(&self) -> SessionAxis {
        SessionAxis::of_ratings(&self.sessions)
    }

    /// [`Self::timeline`] on a given date axis, e.g. the one the client's
    /// ORS chart shares ([`SessionAxis::for_client`]): each session sits at
    /// its session's x and the date ticks are the axis's own.
    pub fn timeline_on(
        &self,
        axis: &SessionAxis,
        scale: &ScaleDefinition,
        width: f64,
        height: f64,
        offset_east_minutes: i32,
        w: Words,
    ) -> TimelineChart {
        let xs = self.xs(axis, width);
        let n_items = self.sessions.iter().map(|r| r.scores.len()).max();
        let max_total = (n_items.unwrap_or(scale.items.len()).max(1) * 100) as u16;
        let totals: Vec<u16> = self.sessions.iter().map(|r| r.total().tenths()).collect();
        let (lo, hi) = y_range(&totals, max_total);
        let y = |t: u16| height * f64::from(hi - t.clamp(lo, hi)) / f64::from(hi - lo);
        let labels = row_alert_labels(self, scale, w);
        let alerts = self.alerts();
        let points: Vec<TimelinePoint> = (0..self.sessions.len())
            .map(|i| {
                let r = self.sessions[i];
                let flags = &labels[i];
                TimelinePoint {
                    index: i,
                    at: Point {
                        x: xs[i],
                        y: y(totals[i]),
                    },
                    date_text: date_time_text(r.session_at, offset_east_minutes, w),
                    total_text: w.trf(
                        "Total {total}/{max}",
                        &[
                            ("total", &number_text(r.total(), w)),
                            ("max", &(max_total / 10)),
                        ],
                    ),
                    flags_text: if flags.is_empty() {
                        w.tr("No alerts").to_string()
                    } else {
                        flags.join("; ")
                    },
                    below_cutoff: alerts[i].below_cutoff,
                    drop: alerts[i].drop.as_ref().map(|d| d.kind),
                }
            })
            .collect();
        let drops = points
            .iter()
            .filter_map(|p| {
                p.drop.map(|kind| DropMarker {
                    index: p.index,
                    at: p.at,
                    kind,
                })
            })
            .collect();
        let step: u16 = if hi - lo <= 100 { 10 } else { 50 };
        let y_ticks = (lo..=hi)
            .step_by(usize::from(step))
            .map(|t| Tick {
                pos: y(t),
                label: (t / 10).to_string(),
            })
            .collect();
        let x_ticks = axis.ticks(width, offset_east_minutes, w);
        let legend = total_legend(&points, w);
        TimelineChart {
            cutoff_y: y(CUTOFF_TOTAL),
            y_min: Total(lo),
            y_max: Total(hi),
            y_ticks,
            x_ticks,
            drops,
            legend,
            points,
        }
    }

    /// One small panel per item, each `width` × `height` on a 0–10 axis,
    /// with the same x positions as [`Self::timeline`] of the same width.
    pub fn item_panels(
        &self,
        scale: &ScaleDefinition,
        width: f64,
        height: f64,
        w: Words,
    ) -> ItemPanels {
        self.item_panels_on(&self.axis(), scale, width, height, w)
    }

    /// [`Self::item_panels`] on a given date axis (see [`Self::timeline_on`]).
    pub fn item_panels_on(
        &self,
        axis: &SessionAxis,
        scale: &ScaleDefinition,
        width: f64,
        height: f64,
        w: Words,
    ) -> ItemPanels {
        let xs = self.xs(axis, width);
        let y = |t: u16| height * (1.0 - f64::from(t.min(100)) / 100.0);
        let n_items = self
            .sessions
            .iter()
            .map(|r| r.scores.len())
            .max()
            .unwrap_or(0);
        let panels: Vec<ItemPanel> = (0..n_items)
            .map(|item| ItemPanel {
                title: item_name(scale, item),
                points: (0..self.sessions.len())
                    .filter_map(|i| {
                        let s = *self.sessions[i].scores.get(item)?;
                        Some(ItemPoint {
                            index: i,
                            at: Point {
                                x: xs[i],
                                y: y(s.get()),
                            },
                            score_text: number_text(s, w),
                            below_9: s.get() < ITEM_DISCUSS_BELOW,
                        })
                    })
                    .collect(),
                guide_y: y(ITEM_DISCUSS_BELOW),
            })
            .collect();
        let below9 = number_text(Tenths::saturating(ITEM_DISCUSS_BELOW.into()), w);
        let mut legend = vec![
            entry(Mark::ItemLine, w.tr("Item score, 0 to 10")),
            entry(
                Mark::ItemGuide,
                &w.trf(
                    "{below}: an item below this is worth a question",
                    &[("below", &below9)],
                ),
            ),
        ];
        if panels.iter().flat_map(|p| &p.points).any(|p| p.below_9) {
            legend.push(entry(
                Mark::ItemBelow9,
                &w.trf("Item below {below}", &[("below", &below9)]),
            ));
        }
        ItemPanels {
            panels,
            y_ticks: [0, 50, 100]
                .into_iter()
                .map(|t| Tick {
                    pos: y(t),
                    label: (t / 10).to_string(),
                })
                .collect(),
            legend,
        }
    }
}

impl ClientHistory<'_> {
    /// Each session's x on `axis`, in date order.
    fn xs(&self, axis: &SessionAxis, width: f64) -> Vec<f64> {
        self.sessions
            .iter()
            .map(|r| axis.x(r.session_key(), r.session_at, width))
            .collect()
    }
}

pub(crate) fn entry(mark: Mark, label: &str) -> LegendEntry {
    LegendEntry {
        mark,
        label: label.to_string(),
    }
}

/// The legend of the total chart: only the marks actually drawn.
fn total_legend(points: &[TimelinePoint], w: Words) -> Vec<LegendEntry> {
    let mut legend = Vec::new();
    if !points.is_empty() {
        legend.push(entry(Mark::TotalLine, w.tr("Total, session by session")));
        legend.push(entry(Mark::Session, w.tr("A session")));
    }
    legend.push(entry(
        Mark::CutoffLine,
        &w.trf(
            "Cutoff, {cutoff}: below it is worth talking about",
            &[("cutoff", &number_text(Total(CUTOFF_TOTAL), w))],
        ),
    ));
    if points.iter().any(|p| p.below_cutoff) {
        legend.push(entry(Mark::BelowCutoff, w.tr("Session below the cutoff")));
    }
    if points.iter().any(|p| p.drop == Some(DropKind::Drop)) {
        legend.push(entry(Mark::Drop, w.tr("Drop since the session before")));
    }
    if points.iter().any(|p| p.drop == Some(DropKind::SuddenDrop)) {
        legend.push(entry(
            Mark::SuddenDrop,
            w.tr("Sudden drop since the session before"),
        ));
    }
    legend
}

/// The axis range in tenths: the data and the cutoff, padded by 1.0 and
/// snapped outward to multiples of 5.0, within 0 and the largest total (the
/// top reaches the cutoff even on a scale whose maximum is below it).
pub(crate) fn y_range(totals: &[u16], max_total: u16) -> (u16, u16) {
    let lo_data = totals.iter().copied().min().unwrap_or(CUTOFF_TOTAL);
    let hi_data = totals.iter().copied().max().unwrap_or(CUTOFF_TOTAL);
    let top = max_total.max(CUTOFF_TOTAL.div_ceil(Y_SNAP) * Y_SNAP);
    let lo = lo_data.min(CUTOFF_TOTAL).saturating_sub(Y_PAD) / Y_SNAP * Y_SNAP;
    let hi = (hi_data.max(CUTOFF_TOTAL) + Y_PAD).div_ceil(Y_SNAP) * Y_SNAP;
    let hi = hi.min(top);
    (lo.min(hi.saturating_sub(Y_SNAP)), hi)
}

/// `22 Nov 2026, 14:05`: unambiguous in any English locale (unlike 11/22);
/// the month in `w`'s language.
pub fn date_time_text(at: DateTime<Utc>, offset_east_minutes: i32, w: Words) -> String {
    let t = local(at, offset_east_minutes);
    format!(
        "{}, {:02}:{:02}",
        date_text(at, offset_east_minutes, w),
        t.hour(),
        t.minute()
    )
}

/// The local calendar date alone, `22 Nov 2026`, the month in `w`'s language.
pub fn date_text(at: DateTime<Utc>, offset_east_minutes: i32, w: Words) -> String {
    let t = local(at, offset_east_minutes);
    format!("{} {} {}", t.day(), month_short(t.month0(), w), t.year())
}
