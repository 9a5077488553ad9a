//! A case's charts: a line per person with its own dash and marker (or a
//! group's median inside its range), the legend and the axes.

use crate::domain::course::history::{coord, svg_points};
use crate::domain::raters::chart::{CaseChart, CaseLegendEntry, Marker, RaterLine};
use crate::ui::shared::words::{tr, trf};
use crate::ui::therapist::chart_frame::{chart_frame, Frame, Marks, W};
use leptos::prelude::*;

/// The points of a marker's polygon centred on (x, y), about 14 units across.
fn marker_points(marker: Marker, x: f64, y: f64) -> String {
    let pts: Vec<(f64, f64)> = match marker {
        Marker::Circle | Marker::Square => vec![(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)],
        Marker::TriangleUp => vec![(0.0, -7.0), (7.0, 5.0), (-7.0, 5.0)],
        Marker::Diamond => vec![(0.0, -7.0), (7.0, 0.0), (0.0, 7.0), (-7.0, 0.0)],
        Marker::TriangleDown => vec![(0.0, 7.0), (7.0, -5.0), (-7.0, -5.0)],
        Marker::Plus => vec![
            (-2.5, -7.0),
            (2.5, -7.0),
            (2.5, -2.5),
            (7.0, -2.5),
            (7.0, 2.5),
            (2.5, 2.5),
            (2.5, 7.0),
            (-2.5, 7.0),
            (-2.5, 2.5),
            (-7.0, 2.5),
            (-7.0, -2.5),
            (-2.5, -2.5),
        ],
    };
    let parts: Vec<String> = pts
        .iter()
        .map(|(dx, dy)| format!("{},{}", coord(x + dx), coord(y + dy)))
        .collect();
    parts.join(" ")
}

/// A marker drawn for the legend (not focusable).
fn swatch_marker(marker: Marker, class: String) -> AnyView {
    match marker {
        Marker::Circle => view! { <circle class=class cx="14" cy="7" r="5"/> }.into_any(),
        m => view! { <polygon class=class points=marker_points(m, 14.0, 7.0)/> }.into_any(),
    }
}

/// One person's focusable session: their marker, hollow below their cutoff;
/// its text is its name and shows in the readout on focus or hover.
fn rater_mark(line: &RaterLine) -> impl IntoView {
    let key = line.style_key();
    line.points
        .iter()
        .map(|p| {
            let class = format!(
                "case-mark {key}{}",
                if p.below_cutoff { " below" } else { "" }
            );
            let text = p.text.clone();
            let (x, y) = (p.at.x, p.at.y);
            match line.marker() {
                Marker::Circle => view! {
                    <circle class=class cx=coord(x) cy=coord(y) r="6" tabindex="0" role="img"
                        aria-label=text data-testid="case-point" data-rater=key.clone()/>
                }
                .into_any(),
                m => view! {
                    <polygon class=class points=marker_points(m, x, y) tabindex="0" role="img"
                        aria-label=text data-testid="case-point" data-rater=key.clone()/>
                }
                .into_any(),
            }
        })
        .collect_view()
}

/// The legend: a small drawing of each mark beside what it means.
fn case_legend(chart: &CaseChart, name: String) -> impl IntoView {
    let swatch = |e: &CaseLegendEntry| -> AnyView {
        let key = e.key.as_str();
        if let Some(line) = chart.people().iter().find(|l| l.style_key() == key) {
            let class = format!("case-line {key}");
            return view! {
                <line class=class x1="0" x2="28" y1="7" y2="7"/>
                {swatch_marker(line.marker(), format!("case-mark {key}"))}
            }
            .into_any();
        }
        match key {
            "median-line" => view! {
                <line class="median-line" x1="0" x2="28" y1="7" y2="7"/>
                <circle class="median-dot" cx="14" cy="7" r="4"/>
            }
            .into_any(),
            "range-band" => {
                view! { <rect class="range-band" x="2" y="1" width="24" height="12"/> }.into_any()
            }
            "below-cutoff" => {
                view! { <circle class="case-mark below" cx="14" cy="7" r="5"/> }.into_any()
            }
            _ => view! { <line class="cutoff" x1="0" x2="28" y1="7" y2="7"/> }.into_any(),
        }
    };
    let rows = chart
        .legend
        .iter()
        .map(|e| {
            view! {
                <li data-key=e.key.clone()>
                    <svg class="swatch" viewBox="0 0 28 14" aria-hidden="true">{swatch(e)}</svg>
                    {e.label.clone()}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="legend case-legend" aria-label=name data-testid="case-legend">{rows}</ul> }
}

/// One measure of a case over time: a line per person (each with its own
/// dash and marker) or a group's median inside its lowest-to-highest band,
/// the cutoff when one applies to everyone drawn, focusable sessions with a
/// readout, a legend and the chart in words as its description.
pub(super) fn case_chart_view(
    chart: &CaseChart,
    id: &'static str,
    focused: RwSignal<Option<String>>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-description");
    // The label sits above the line on the left, clear of the newest points.
    let cutoff = chart.cutoff.as_ref().map(|c| {
        let label_y = if c.y > 16.0 { c.y - 6.0 } else { c.y + 16.0 };
        view! {
            <line class="cutoff" data-testid="case-cutoff-line" x1="0" x2=W y1=c.y y2=c.y/>
            <text class="cutoff-label" x="4" y=label_y>{c.label.clone()}</text>
        }
    });
    let spread = chart.is_spread().then(|| {
        let whiskers = chart
            .spread()
            .iter()
            .map(|p| {
                let (x, lo, hi) = (coord(p.x), coord(p.low_y), coord(p.high_y));
                let (l, r) = (coord(p.x - 5.0), coord(p.x + 5.0));
                view! {
                    <line class="range-whisker" x1=x.clone() x2=x y1=lo.clone() y2=hi.clone()/>
                    <line class="range-whisker" x1=l.clone() x2=r.clone() y1=hi.clone() y2=hi/>
                    <line class="range-whisker" x1=l x2=r y1=lo.clone() y2=lo/>
                }
            })
            .collect_view();
        let dots = chart
            .spread()
            .iter()
            .map(|p| {
                let text = p.text.clone();
                view! {
                    <circle class="median-dot" cx=coord(p.x) cy=coord(p.median_y) r="6"
                        tabindex="0" role="img" aria-label=text data-testid="case-median-point"/>
                }
            })
            .collect_view();
        view! {
            <polygon class="range-band" data-testid="case-range-band" points=svg_points(&chart.band()) aria-hidden="true"/>
            <g aria-hidden="true">{whiskers}</g>
            <polyline class="median-line" data-testid="case-median-line" points=svg_points(&chart.median_line())/>
            <g class="points" on:focusin=move |ev| crate::ui::shared::browser::show_point(&ev, focused)
                        on:mouseover=move |ev| crate::ui::shared::browser::show_point(&ev, focused)>{dots}</g>
        }
    });
    let lines = chart
        .people()
        .iter()
        .map(|l| {
            view! {
                <polyline class=format!("case-line {}", l.style_key()) data-testid="case-line"
                    data-rater=l.style_key() points=svg_points(&l.line())/>
            }
        })
        .collect_view();
    let marks = chart.people().iter().map(rater_mark).collect_view();
    let hint = if chart.is_spread() {
        tr("Focus or point at a session to read the group's median, range and who is below the cutoff.")
    } else {
        tr("Focus or point at a mark to read whose it is, its date and total.")
    };
    let legend_name = trf(
        "{measure} chart legend",
        &[("measure", &chart.measure.short())],
    );

    let body = view! {
        {cutoff}
        {spread}
        {lines}
    };
    chart_frame(
        Frame {
            class: "chart case-chart",
            test_id: id.into(),
            title_id,
            title: chart.title.clone(),
            caption_id: Some(desc_id),
            readout_id: format!("{id}-readout"),
            hint: hint.into(),
        },
        &chart.y_ticks,
        &chart.x_ticks,
        Marks {
            behind: ().into_any(),
            body: body.into_any(),
            points: marks.into_any(),
            legend: case_legend(chart, legend_name).into_any(),
            caption: chart.description.clone().into_any(),
        },
        focused,
    )
}
