//! The ORS panel of a client's page, drawn above the SRS chart on the same
//! date axis and in the same box width, so a session's two points line up;
//! and the session table with both totals. Every number, position, label and
//! sentence comes from `domain::course::outcome`; this only draws them.

use crate::domain::course::history::Mark;
use crate::domain::course::history::{coord, number_text, svg_points};
use crate::domain::course::outcome::{
    review_href, rows_shown, table_caption, OutcomeChart, SessionRow,
};
use crate::domain::measures::language::BUILT_IN_LABEL;
use crate::domain::measures::numbers;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::status::Tone;
use crate::domain::records::store::Client;
use crate::ui::shared::browser;
use crate::ui::shared::words::{tr, trf, words};
use crate::ui::therapist::chart_frame::{chart_frame, Frame, Marks, W};
use crate::ui::therapist::history::chart::legend;
use leptos::prelude::*;

/// Above a point, a triangle pointing up (reliable improvement) or a diamond
/// (clinically significant improvement); below it, a triangle pointing down
/// (reliable deterioration): told apart by shape, not only by colour.
fn marker_points(x: f64, y: f64, mark: Mark) -> String {
    let pts: [(f64, f64); 4] = match mark {
        Mark::ReliableDeterioration => {
            let y = y + 8.0;
            [(x - 7.0, y), (x + 7.0, y), (x, y + 11.0), (x, y + 11.0)]
        }
        Mark::SignificantImprovement => {
            let c = y - 16.0;
            [(x, c - 8.0), (x + 7.0, c), (x, c + 8.0), (x - 7.0, c)]
        }
        _ => {
            let y = y - 8.0;
            [(x - 7.0, y), (x + 7.0, y), (x, y - 11.0), (x, y - 11.0)]
        }
    };
    let parts: Vec<String> = pts
        .iter()
        .map(|(x, y)| format!("{},{}", coord(*x), coord(*y)))
        .collect();
    parts.join(" ")
}

/// The ORS over time: the age group's cutoff, the intake line inside its
/// reliable-change band, the path of similar clients when shown, the
/// client's line with a focusable point per session (its text is its name
/// and shows in the readout), reliable-change markers, a legend and the
/// chart in words as its description.
pub(crate) fn outcome_chart(
    chart: &OutcomeChart,
    focused: RwSignal<Option<String>>,
) -> impl IntoView {
    let band = &chart.band;
    let expected = chart.expected.as_ref().map(|e| {
        let squares = e
            .points
            .iter()
            .map(|p| view! { <rect class="expected-point" x=coord(p.x - 4.0) y=coord(p.y - 4.0) width="8" height="8"/> })
            .collect_view();
        view! {
            <g data-testid="expected-path" aria-hidden="true">
                <polyline class="expected-line" points=svg_points(&e.points)/>
                {squares}
            </g>
        }
    });
    let markers = chart
        .markers
        .iter()
        .map(|m| {
            view! {
                <polygon class=format!("change-marker {}", m.mark.key()) data-testid="change-marker"
                    data-mark=m.mark.key() points=marker_points(m.at.x, m.at.y, m.mark) aria-hidden="true"/>
            }
        })
        .collect_view();
    let dots = chart
        .points
        .iter()
        .map(|p| {
            let text = p.description(words());
            view! {
                <circle class="ors-dot" cx=coord(p.at.x) cy=coord(p.at.y) r="6"
                    tabindex="0" role="img" aria-label=text data-testid="ors-point"/>
            }
        })
        .collect_view();
    // Labels on the left like the SRS chart's (clear of the newest points),
    // each above its line unless that is the top of the box; the intake's
    // moves right of the cutoff's when the two lines are close.
    let above = |y: f64| if y > 16.0 { y - 6.0 } else { y + 16.0 };
    let intake_x = if (chart.intake.y - chart.cutoff.y).abs() < 16.0 {
        120.0
    } else {
        4.0
    };
    let behind = view! {
        <rect class="change-band" data-testid="change-band" x="0" y=band.top_y width=W
            height=(band.bottom_y - band.top_y).max(0.0)/>
    };
    let body = view! {
        <line class="intake" x1="0" x2=W y1=chart.intake.y y2=chart.intake.y/>
        <text class="level-label" x=intake_x y=above(chart.intake.y)>{chart.intake.label.clone()}</text>
        <line class="ors-cutoff" data-testid="ors-cutoff-line" x1="0" x2=W y1=chart.cutoff.y y2=chart.cutoff.y/>
        <text class="level-label" x="4" y=above(chart.cutoff.y)>{chart.cutoff.label.clone()}</text>
        {expected}
        <polyline class="ors-line" points=svg_points(&chart.line())/>
        {markers}
    };
    chart_frame(
        Frame {
            class: "ors-chart",
            test_id: "ors-chart".into(),
            title_id: "ors-chart-title".into(),
            title: tr("Outcome (ORS) totals over time").into(),
            caption_id: Some("ors-chart-description".into()),
            readout_id: "ors-readout".into(),
            hint: tr("Focus or point at a session to read its ORS, its change since intake and the cutoff.").into(),
        },
        &chart.y_ticks,
        &chart.x_ticks,
        Marks {
            behind: behind.into_any(),
            body: body.into_any(),
            points: dots.into_any(),
            legend: legend(&chart.legend, tr("ORS chart legend")).into_any(),
            caption: chart.description.clone().into_any(),
        },
        focused,
    )
}

/// One row per session, newest first: the date (opening the SRS, or the
/// ORS when there is no SRS), then, when the client has any ORS, the ORS
/// total (opening its review) and what its change since intake means, then
/// the SRS items, total and alerts. A client with only SRS sessions gets
/// exactly the SRS table: no ORS columns.
pub(crate) fn session_table(
    rows: &[SessionRow<'_>],
    srs_scale: &ScaleDefinition,
    ors_scale: &ScaleDefinition,
    caption: &'static str,
    show_all: RwSignal<bool>,
    client: Option<&Client>,
) -> impl IntoView {
    let w = words();
    let with_ors = rows.iter().any(|r| r.ors.is_some());
    // "Seen by" once the records name a therapist: after a transfer the
    // history still says who saw each session.
    let with_seen = rows.iter().any(|r| r.seen_by(client).is_some());
    let seen_head = with_seen.then(|| view! { <th scope="col">{tr("Seen by")}</th> });
    // "Language" once a session was rated in another wording than Attune's
    // own English: which words the client was shown.
    let with_language = rows.iter().any(|r| r.wording().is_some());
    let language_head = with_language.then(|| view! { <th scope="col">{tr("Language")}</th> });
    let total = rows.len();
    let shown = rows_shown(total, show_all.get_untracked());
    let caption = table_caption(caption, total, shown, w);
    let heads = srs_scale
        .items
        .iter()
        .map(|i| view! { <th scope="col">{i.title.clone()}</th> })
        .collect_view();
    let total_head = if with_ors {
        tr("SRS total")
    } else {
        tr("Total")
    };
    let ors_heads =
        with_ors.then(|| view! { <th scope="col">"ORS"</th><th scope="col">{tr("Outcome")}</th> });
    let body =
        rows.iter()
            .take(shown)
            .map(|row| {
                let href = row.main_rating().map(review_href).unwrap_or_default();
                let ors_cells = with_ors.then(|| {
                    let ors = row.ors.map(|r| {
                        let text = number_text(numbers::total_text(r.total(), ors_scale), w);
                        view! {
                            <a href=row.ors_href().unwrap_or_default()
                                aria-label=trf("ORS {total}: open its review", &[("total", &text)])>{text.clone()}</a>
                        }
                    });
                    view! {
                        <td class="num ors" class:none=row.ors.is_none() data-label="ORS">
                            {ors.map(IntoAny::into_any).unwrap_or_else(|| tr("none").into_any())}
                        </td>
                        <td class="outcome" data-label=tr("Outcome")>{row.outcome_text(w)}</td>
                    }
                });
                let cells = srs_scale
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let score = row.srs.and_then(|r| r.scores.get(i)).map(|s| number_text(s, w));
                    let empty = score.is_none();
                    view! {
                        <td class="num" class:empty=empty data-label=item.title.clone()>{score}</td>
                    }
                })
                .collect_view();
                let total = row.srs.map(|r| {
                    (
                        number_text(numbers::total_text(r.total(), srs_scale), w),
                        format!("num total tone tone-{}", Tone::of(r.total()).key()),
                    )
                });
                let (total_text, total_class) =
                    total.unwrap_or_else(|| (tr("none").into(), "num total none".into()));
                view! {
                    <tr>
                        <th scope="row"><a href=href>{browser::format_local(row.at)}</a></th>
                        {ors_cells}
                        {cells}
                        <td class=total_class data-label=total_head>{total_text}</td>
                        <td class="flags" data-label=tr("Alerts")>{row.alerts_text()}</td>
                        {with_seen.then(|| view! {
                            <td class="seen-by" data-label=tr("Seen by")>{row.seen_by(client).unwrap_or("").to_string()}</td>
                        })}
                        {with_language.then(|| view! {
                            <td class="language" data-label=tr("Language")>{row.wording().map_or_else(|| BUILT_IN_LABEL.to_string(), |wording| wording.label())}</td>
                        })}
                    </tr>
                }
            })
            .collect_view();
    view! {
        <div class="table-wrap">
            <table class="history-table" data-testid="history-table">
                <caption>{caption}</caption>
                <thead>
                    <tr><th scope="col">{tr("Session")}</th>{ors_heads}{heads}<th scope="col">{total_head}</th><th scope="col">{tr("Alerts")}</th>{seen_head}{language_head}</tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {(shown < total).then(|| view! {
            <button type="button" class="show-all" on:click=move |_| show_all.set(true)>
                {trf("Show all {total} sessions", &[("total", &total)])}
            </button>
        })}
    }
}
