//! The frame every chart of a client's page is drawn in: one drawing box
//! with the same margins, grid, score labels, date axis, focusable points
//! and readout, so the ORS, SRS and case charts line up one above the other
//! and read alike. Each chart only fills in its own marks.

use crate::domain::course::history::Tick;
use leptos::prelude::*;

/// Chart drawing box inside the SVG's margins (SVG user units; it scales).
/// Every chart of the page uses this box, so a session's points line up.
pub(crate) const W: f64 = 600.0;
/// The box's height.
pub(crate) const H: f64 = 220.0;
/// Room left of the box for the score labels.
const LEFT: f64 = 40.0;
/// Room above the box for a label over the top line.
const TOP: f64 = 12.0;
/// Room under the box for the date labels.
const BOTTOM: f64 = 30.0;
/// Room right of the box for half the latest date label (`23 Mar 2027`).
const RIGHT: f64 = 40.0;

/// What one chart says about itself: its ids, its name and how it is read.
pub(crate) struct Frame {
    /// The figure's class (`chart`, `ors-chart`, `chart case-chart`).
    pub class: &'static str,
    /// The SVG's `data-testid`.
    pub test_id: String,
    /// The SVG title's id (the SVG is labelled by it).
    pub title_id: String,
    /// The chart's name, its SVG title.
    pub title: String,
    /// The id of the figure caption that describes the chart, if it does.
    pub caption_id: Option<String>,
    /// The readout's `data-testid`.
    pub readout_id: String,
    /// What the readout says until a point is focused or pointed at.
    pub hint: String,
}

/// The grid lines with the score labels (left) and the date ticks with
/// their labels (under the box), drawn alike on every chart of the page.
fn axis_ticks(y: &[Tick], x: &[Tick]) -> (impl IntoView, impl IntoView) {
    let y_ticks = y
        .iter()
        .map(|t| {
            view! {
                <line class="grid" x1="0" x2=W y1=t.pos y2=t.pos/>
                <text class="tick" x="-6" y=t.pos + 4.0 text-anchor="end">{t.label.clone()}</text>
            }
        })
        .collect_view();
    let x_ticks = x
        .iter()
        .map(|t| {
            view! {
                <line class="axis-tick" x1=t.pos x2=t.pos y1=H y2=H + 5.0/>
                <text class="tick date-tick" x=t.pos y=H + 20.0 text-anchor="middle">{t.label.clone()}</text>
            }
        })
        .collect_view();
    (y_ticks, x_ticks)
}

/// The marks one chart draws in the frame, each layer in drawing order.
pub(crate) struct Marks {
    /// Drawn under the grid (the ORS chart's reliable-change band).
    pub behind: AnyView,
    /// The chart's own lines and labels, over the axis.
    pub body: AnyView,
    /// The focusable points, last so they are on top and in tab order.
    pub points: AnyView,
    /// The legend under the readout.
    pub legend: AnyView,
    /// The caption: the chart in words.
    pub caption: AnyView,
}

/// The chart in its frame: the SVG with the box, ticks and axis, the marks,
/// the readout that follows focus and hover, the legend and the caption.
pub(crate) fn chart_frame(
    frame: Frame,
    y: &[Tick],
    x: &[Tick],
    marks: Marks,
    focused: RwSignal<Option<String>>,
) -> impl IntoView {
    let (y_ticks, x_ticks) = axis_ticks(y, x);
    let Frame {
        class,
        test_id,
        title_id,
        title,
        caption_id,
        readout_id,
        hint,
    } = frame;
    let (labelled_by, described_by) = (title_id.clone(), caption_id.clone());
    view! {
        <figure class=class>
            <svg data-testid=test_id viewBox=format!("0 0 {} {}", W + LEFT + RIGHT, H + TOP + BOTTOM)
                role="group" aria-labelledby=labelled_by aria-describedby=described_by>
                <title id=title_id>{title}</title>
                <g transform=format!("translate({LEFT} {TOP})")>
                    {marks.behind}
                    {y_ticks}
                    <line class="axis" x1="0" x2=W y1=H y2=H/>
                    {x_ticks}
                    {marks.body}
                    <g class="points" on:focusin=move |ev| crate::ui::shared::browser::show_point(&ev, focused)
                        on:mouseover=move |ev| crate::ui::shared::browser::show_point(&ev, focused)>{marks.points}</g>
                </g>
            </svg>
            <p class="readout" aria-live="polite" data-testid=readout_id>
                {move || focused.get().unwrap_or_else(|| hint.clone())}
            </p>
            {marks.legend}
            <figcaption id=caption_id>{marks.caption}</figcaption>
        </figure>
    }
}
