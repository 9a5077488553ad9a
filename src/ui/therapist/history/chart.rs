//! The drawing of a client's history: the SRS trend chart, one small panel
//! per item, the legend and axes shared with the other charts of the page,
//! and the session table.

use crate::domain::course::history::{
    coord, number_text, row_alert_labels, svg_points, ClientHistory, DropKind, ItemPanels,
    LegendEntry, TimelineChart,
};
use crate::domain::measures::numbers;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::status::Tone;
use crate::ui::shared::browser;
use crate::ui::shared::words::{tr, trf, words};
use crate::ui::therapist::chart_frame::{chart_frame, Frame, Marks, W};
use leptos::prelude::*;

/// One item panel's drawing box.
pub(super) const PW: f64 = 260.0;
pub(super) const PH: f64 = 70.0;
/// The legend: one row per mark drawn, with its own swatch.
pub(crate) fn legend(entries: &[LegendEntry], name: &'static str) -> impl IntoView {
    let rows = entries
        .iter()
        .map(|e| view! { <li class=format!("key key-{}", e.mark.key())>{e.label.clone()}</li> })
        .collect_view();
    view! { <ul class="legend" aria-label=name>{rows}</ul> }
}

/// The total over time: dates on the x-axis, a fitted y-range with the
/// cutoff in view, drop markers, and a focusable point per session whose
/// date, total and flags show on focus or hover (and are its name).
pub(crate) fn trend_chart(
    chart: &TimelineChart,
    summary: String,
    focused: RwSignal<Option<String>>,
) -> impl IntoView {
    let drops = chart
        .drops
        .iter()
        .map(|d| {
            let sudden = d.kind == DropKind::SuddenDrop;
            // A downward triangle under the point: visible without colour.
            let (x, y) = (d.at.x, d.at.y + 8.0);
            let pts = format!("{},{} {},{} {},{}", coord(x - 7.0), coord(y), coord(x + 7.0), coord(y), coord(x), coord(y + 11.0));
            view! { <polygon class="drop" class:sudden=sudden data-testid="drop-marker" points=pts aria-hidden="true"/> }
        })
        .collect_view();
    let dots = chart
        .points
        .iter()
        .map(|p| {
            let text = p.description();
            // The text is the point's name and shows in the readout on focus
            // or hover; no <title> child as well: one node and one string less
            // per session, which counts with hundreds of sessions.
            view! {
                <circle class="dot" class:below=p.below_cutoff cx=coord(p.at.x) cy=coord(p.at.y) r="6"
                    tabindex="0" role="img" aria-label=text data-testid="chart-point"/>
            }
        })
        .collect_view();
    let cutoff_label = trf("cutoff {cutoff}", &[("cutoff", &numbers::cutoff_text())]);
    // The label sits above the line on the left, clear of the newest points.
    let label_y = if chart.cutoff_y > 16.0 {
        chart.cutoff_y - 6.0
    } else {
        chart.cutoff_y + 16.0
    };
    let body = view! {
        <line class="cutoff" x1="0" x2=W y1=chart.cutoff_y y2=chart.cutoff_y/>
        <text class="cutoff-label" x="4" y=label_y>{cutoff_label}</text>
        <polyline class="total-line" points=svg_points(&chart.line())/>
        {drops}
    };
    chart_frame(
        Frame {
            class: "chart",
            test_id: "trend-chart".into(),
            title_id: "chart-title".into(),
            title: tr("Session totals over time").into(),
            caption_id: None,
            readout_id: "chart-readout".into(),
            hint: tr("Focus or point at a session to read its date, total and flags.").into(),
        },
        &chart.y_ticks,
        &chart.x_ticks,
        Marks {
            behind: ().into_any(),
            body: body.into_any(),
            points: dots.into_any(),
            legend: legend(&chart.legend, tr("Chart legend")).into_any(),
            caption: summary.into_any(),
        },
        focused,
    )
}

/// One small panel per item, each on its own 0–10 scale with the 9.0 guide.
pub(super) fn item_panels(panels: &ItemPanels) -> impl IntoView {
    let each = panels
        .panels
        .iter()
        .map(|p| {
            let dots = p
                .points
                .iter()
                .map(|d| view! { <circle class="item-dot" class:below=d.below_9 cx=coord(d.at.x) cy=coord(d.at.y) r="3.5"/> })
                .collect_view();
            let pts: Vec<_> = p.points.iter().map(|d| d.at).collect();
            let ticks = panels
                .y_ticks
                .iter()
                .map(|t| view! { <text class="tick" x="-4" y=t.pos + 4.0 text-anchor="end">{t.label.clone()}</text> })
                .collect_view();
            let scores: Vec<String> = p.points.iter().map(|d| d.score_text.clone()).collect();
            view! {
                <figure class="item-panel">
                    <figcaption>{p.title.clone()}</figcaption>
                    <svg viewBox=format!("0 0 {} {}", PW + 30.0, PH + 10.0) role="img"
                        aria-label=format!("{}: {}", p.title, scores.join(", "))>
                        <g transform="translate(26 5)">
                            {ticks}
                            <line class="guide" x1="0" x2=PW y1=p.guide_y y2=p.guide_y/>
                            <polyline class="item-line" points=svg_points(&pts)/>
                            {dots}
                        </g>
                    </svg>
                </figure>
            }
        })
        .collect_view();
    view! {
        <div class="item-panels" data-testid="item-panels">{each}</div>
        {legend(&panels.legend, tr("Item panel legend"))}
    }
}

/// Sessions newest first, with every alert the domain knows for each.
///
/// `caption` names the table (the client's page says a row opens its review).
pub(crate) fn history_table(
    history: &ClientHistory<'_>,
    scale: &ScaleDefinition,
    caption: &'static str,
) -> impl IntoView {
    let w = words();
    let labels = row_alert_labels(history, scale, w);
    let heads = scale
        .items
        .iter()
        .map(|i| view! { <th scope="col">{i.title.clone()}</th> })
        .collect_view();
    let rows = history
        .rows()
        .into_iter()
        .map(|row| {
            let r = row.rating;
            let cells = r
                .scores
                .iter()
                .zip(&scale.items)
                .map(|(s, item)| view! { <td class="num" data-label=item.title.clone()>{number_text(s, w)}</td> })
                .collect_view();
            let flags = labels.get(row.index).map(|l| l.join("; ")).unwrap_or_default();
            let tone = Tone::of(r.total());
            let id = r.id.clone();
            view! {
                <tr>
                    <th scope="row"><a href=format!("#/review/{id}")>{browser::format_local(r.session_at)}</a></th>
                    {cells}
                    <td class=format!("num total tone tone-{}", tone.key()) data-label=tr("Total")>
                        {number_text(numbers::total_text(r.total(), scale), w)}
                    </td>
                    <td class="flags" data-label=tr("Alerts")>{flags}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="history-table" data-testid="history-table">
                <caption>{caption}</caption>
                <thead>
                    <tr><th scope="col">{tr("Session")}</th>{heads}<th scope="col">{tr("Total")}</th><th scope="col">{tr("Alerts")}</th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
