//! Geometry for the trend chart: plain numbers, so the shell only draws.

use crate::domain::course::history::{ClientHistory, DropKind};
use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::CUTOFF_TOTAL;

/// A point in chart coordinates: x to the right, y downward (SVG convention).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Horizontal position, 0 at the left edge.
    pub x: f64,
    /// Vertical position, 0 at the top edge.
    pub y: f64,
}

/// Where to mark a drop on the chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DropMarker {
    /// Session index in date order.
    pub index: usize,
    /// On the total line, at the session that fell.
    pub at: Point,
    /// Drop or sudden drop, so the two can be drawn differently.
    pub kind: DropKind,
}

/// Geometry for the trend chart, ready to draw in a `width` × `height` box.
///
/// Sessions are spaced evenly (one step per session, not per calendar day):
/// the alliance is read session to session, and a long break would otherwise
/// squash the rest of the line. Item lines share the total's axis by scaling
/// each item by the number of items (×4 for the SRS), so an item at 9.0 sits
/// exactly on the cutoff line at 36: "below the line" means the same thing
/// for the total and for any one item.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// The total line, one point per session in date order.
    pub total: Vec<Point>,
    /// Height of the horizontal cutoff line (36.0).
    pub cutoff_y: f64,
    /// Top of the axis: the largest possible total (40.0 for the SRS).
    pub max_total: Total,
    /// Drop markers, in date order.
    pub drops: Vec<DropMarker>,
    /// One line per item in scale order, when asked for; otherwise empty.
    pub items: Vec<Vec<Point>>,
}

/// Formats points for an SVG `points` attribute, to one decimal to keep the markup small.
pub fn svg_points(points: &[Point]) -> String {
    let parts: Vec<String> = points
        .iter()
        .map(|p| format!("{},{}", coord(p.x), coord(p.y)))
        .collect();
    parts.join(" ")
}

/// One SVG coordinate to one decimal (`123.4`), written with integer
/// formatting: a tenth of a unit is below a pixel, and float formatting is
/// slow in wasm (a chart of 200 sessions formats hundreds of them).
pub fn coord(v: f64) -> String {
    let t = (v * 10.0).round() as i64;
    let sign = if t < 0 { "-" } else { "" };
    let a = t.unsigned_abs();
    format!("{sign}{}.{}", a / 10, a % 10)
}

impl ClientHistory<'_> {
    /// Chart geometry for a `width` × `height` box; `with_items` adds one line per item.
    pub fn chart(&self, width: f64, height: f64, with_items: bool) -> Chart {
        let n = self.sessions.len();
        let n_items = self
            .sessions
            .iter()
            .map(|r| r.scores.len())
            .max()
            .unwrap_or(4)
            .max(1);
        let max = (n_items * 100) as f64;
        let x = |i: usize| {
            if n <= 1 {
                width / 2.0
            } else {
                width * i as f64 / (n - 1) as f64
            }
        };
        let y = |tenths: f64| height - height * (tenths / max).clamp(0.0, 1.0);
        let total: Vec<Point> = (0..n)
            .map(|i| Point {
                x: x(i),
                y: y(f64::from(self.sessions[i].total().tenths())),
            })
            .collect();
        let drops = self
            .alerts()
            .into_iter()
            .enumerate()
            .filter_map(|(index, a)| {
                a.drop.map(|d| DropMarker {
                    index,
                    at: total[index],
                    kind: d.kind,
                })
            })
            .collect();
        let items = if with_items {
            (0..n_items)
                .map(|item| {
                    (0..n)
                        .filter_map(|i| {
                            let s = self.sessions[i].scores.get(item)?;
                            Some(Point {
                                x: x(i),
                                y: y(f64::from(s.get()) * n_items as f64),
                            })
                        })
                        .collect()
                })
                .collect()
        } else {
            Vec::new()
        };
        Chart {
            total,
            cutoff_y: y(f64::from(CUTOFF_TOTAL)),
            max_total: Total((n_items * 100) as u16),
            drops,
            items,
        }
    }
}
