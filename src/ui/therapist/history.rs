//! One client's history: the ORS panel when the client has any ORS (see
//! `outcome_chart`), the SRS trend chart on the same date axis, one small
//! panel per item on its own 0–10 scale, and the session table (newest
//! first, both totals). Every number, position, label and alert comes from
//! `domain::history` and `domain::outcome`; this only draws them.

use crate::domain::history::{
    coord, row_alert_labels, svg_points, ClientHistory, DropKind, ItemPanels, LegendEntry, Tick,
    TimelineChart,
};
use crate::domain::numbers;
use crate::domain::outcome::{client_axis, session_rows, OutcomeChart};
use crate::domain::scale::ScaleDefinition;
use crate::domain::session::MeasureKind;
use crate::domain::status::Tone;
use crate::ui::shared::browser;
use crate::ui::shared::state::{DataState, Nav, Saving};
use crate::ui::therapist::outcome_chart::{outcome_chart, session_table};
use crate::ui::Screen;
use leptos::prelude::*;

/// Chart drawing box inside the SVG's margins (SVG user units; it scales).
pub(crate) const W: f64 = 600.0;
pub(crate) const H: f64 = 220.0;
const LEFT: f64 = 40.0;
const TOP: f64 = 12.0;
/// Room under the box for the date labels.
const BOTTOM: f64 = 30.0;
/// Room right of the box for half the latest date label (`23 Mar 2027`).
const RIGHT: f64 = 40.0;
/// One item panel's drawing box.
const PW: f64 = 260.0;
const PH: f64 = 70.0;

/// The page for a client id this device does not know (an old link, a
/// client from another device's backup).
pub(crate) fn client_not_found(class: &'static str) -> AnyView {
    view! {
        <section class=class>
            <h1>"Client not found"</h1>
            <p>"This client is not on this device."</p>
            <a href="#/clients">"All clients"</a>
        </section>
    }
    .into_any()
}

/// A client's history, or a short message when the client is unknown.
#[component]
pub fn ClientScreen(id: String) -> impl IntoView {
    let data = expect_context::<DataState>();
    let nav = expect_context::<Nav>();
    let client = data
        .store
        .with_untracked(|s| s.clients.iter().find(|c| c.id == id).cloned());
    let Some(client) = client else {
        return client_not_found("history");
    };
    let with_items = RwSignal::new(false);
    let show_all = RwSignal::new(false);
    let focused = RwSignal::new(None::<String>);
    let cid = StoredValue::new(client.id.clone());
    // A rating of its own, on the client's own version (a child's).
    // `false` (and the form left as it is) when the form holds another
    // client's rating under way: it is never filed under this client.
    let name_client = move || {
        let (scale, _) = data.client_scale(MeasureKind::Srs, &cid.get_value());
        let next = data
            .draft
            .with_untracked(|d| d.for_client(&scale, &cid.get_value()));
        match next {
            Some(d) => {
                data.draft.set(d);
                true
            }
            None => {
                let notice = crate::domain::draft::IN_THE_WAY.to_string();
                nav.notice.set(Some(notice));
                browser::scroll_to_top();
                false
            }
        }
    };
    let rate = move |_| {
        if name_client() {
            nav.go(Screen::Rate);
        }
    };
    let spoken = move |_| {
        if name_client() {
            nav.go(Screen::Spoken);
        }
    };
    let ors_focused = RwSignal::new(None::<String>);
    let body = move || {
        // "Show all" redraws the table with every session.
        show_all.track();
        let scale = data.srs();
        let ors_scale = data.scale_of(MeasureKind::Ors);
        data.store.with(|s| {
            let cid = cid.get_value();
            // A couple, a family or a group: every rater's history instead.
            if s.clients.iter().any(|c| c.id == cid && !c.kind.is_individual()) {
                return view! { <crate::ui::therapist::case_history::CaseHistory client_id=cid/> }.into_any();
            }
            let age = s
                .clients
                .iter()
                .find(|c| c.id == cid)
                .map(|c| c.age_group)
                .unwrap_or_default();
            let h = ClientHistory::for_client(&s.ratings, &cid);
            let offset = browser::offset_east_minutes(browser::now());
            // One date axis for both panels, so a session's ORS and SRS line up.
            let axis = client_axis(&s.ratings, &cid);
            let outcome =
                OutcomeChart::for_client(&s.ratings, &cid, age, &ors_scale, &axis, (W, H), offset);
            if h.sessions().is_empty() && outcome.is_none() {
                return view! { <p data-testid="history-empty">"No sessions rated yet."</p> }
                    .into_any();
            }
            let both = outcome.is_some();
            let outcome = outcome.map(|c| {
                view! {
                    <h2 class="chart-heading">"Outcome (ORS): how the past week went"</h2>
                    {outcome_chart(&c, ors_focused)}
                }
            });
            let alliance = (!h.sessions().is_empty()).then(|| {
                let chart = h.timeline_on(&axis, &scale, W, H, offset);
                let panels = with_items
                    .get()
                    .then(|| item_panels(&h.item_panels_on(&axis, &scale, PW, PH)));
                view! {
                    {both.then(|| view! { <h2 class="chart-heading">"Alliance (SRS): how the session went"</h2> })}
                    {trend_chart(&chart, h.summary(offset), focused)}
                    {panels}
                }
            });
            let rows = session_rows(&s.ratings, &cid, age, &scale);
            view! {
                {outcome}
                {alliance}
                {session_table(&rows, &scale, &ors_scale, "Sessions, newest first (open one to see or edit its note)", show_all)}
            }
            .into_any()
        })
    };

    view! {
        <section class="history" aria-labelledby="history-heading">
            <h1 id="history-heading">"Client " {client.label.clone()}</h1>
            <div class="actions">
                <button type="button" class="primary" on:click=rate disabled=client.archived>
                    "Rate a session"
                </button>
                <button type="button" on:click=spoken disabled=client.archived>
                    "Enter spoken scores"
                </button>
                <a class="button" href=Screen::Report(client.id.clone()).to_hash()>"Report to print"</a>
                <label class="check">
                    <input type="checkbox" prop:checked=move || with_items.get()
                        on:change=move |ev| with_items.set(event_target_checked(&ev))/>
                    " Show each item"
                </label>
            </div>
            <crate::ui::therapist::session::SessionActions client_id=client.id.clone() archived=client.archived/>
            <crate::ui::therapist::case::CaseEditor client_id=client.id.clone()/>
            {(!client.archived).then(|| view! { <NoRating client_id=client.id.clone()/> })}
            {body}
            <Unrated client_id=client.id.clone()/>
        </section>
    }
    .into_any()
}

/// "Session without a rating": logs a session that took place without an
/// SRS (today by default, or back-dated like a paper rating), with an
/// optional reason, so the caseload counts it as a session and "My alliance"
/// can say how often the SRS was given.
#[component]
fn NoRating(client_id: String) -> impl IntoView {
    let saving = expect_context::<Saving>();
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let when = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let cid = StoredValue::new(client_id);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reason.get_untracked();
        let r = browser::parse_local_datetime(&when.get_untracked()).and_then(|at| {
            saving
                .edit(|s, now| {
                    crate::domain::clients::log_unrated(
                        s,
                        browser::new_id(),
                        &cid.get_value(),
                        at,
                        &text,
                        now,
                    )
                })
                .map(|()| at)
        });
        match r {
            Ok(at) => {
                open.set(false);
                reason.set(String::new());
                message.set(Some(format!(
                    "Logged: a session without a rating on {}.",
                    browser::format_local(at)
                )));
            }
            Err(e) => message.set(Some(e.to_string())),
        }
    };
    let toggle = move |_| {
        // The date starts at now each time the form opens: today is the
        // usual case, and an earlier day is one edit away.
        when.set(browser::local_input_value(browser::now()));
        open.update(|o| *o = !*o);
        message.set(None);
    };
    view! {
        <div class="no-rating">
            <button type="button" aria-expanded=move || open.get().to_string()
                on:click=toggle>"Session without a rating"</button>
            // novalidate: a date in the future gets the domain's own words
            // beside the field, not only the browser's bubble.
            <form hidden=move || !open.get() on:submit=save novalidate>
                <div class="field">
                    <label for="no-rating-when">"When the session took place"</label>
                    <input id="no-rating-when" type="datetime-local"
                        max=move || { open.get(); browser::local_input_value(browser::now()) }
                        prop:value=move || when.get() on:input=move |ev| when.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="no-rating-reason">"Why (optional)"</label>
                    <input id="no-rating-reason" type="text" autocomplete="off"
                        maxlength=crate::domain::clients::UNRATED_REASON_MAX_CHARS.to_string()
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="primary">"Log the session"</button>
            </form>
            <p class="status" role="status">{move || message.get()}</p>
        </div>
    }
}

/// The sessions logged without a rating, newest first.
#[component]
fn Unrated(client_id: String) -> impl IntoView {
    let data = expect_context::<DataState>();
    let rows = Memo::new(move |_| {
        data.store.with(|s| {
            let mut v: Vec<_> = s
                .unrated
                .iter()
                .filter(|u| u.client_id == client_id)
                .map(|u| (u.at, u.reason.clone()))
                .collect();
            v.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
            v
        })
    });
    move || {
        let list = rows.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|(at, reason)| {
                    view! {
                        <li>{browser::format_local(at)}{reason.map(|r| format!(": {r}"))}</li>
                    }
                })
                .collect_view();
            view! {
                <section class="unrated" aria-labelledby="unrated-heading" data-testid="unrated">
                    <h2 id="unrated-heading">"Sessions without a rating"</h2>
                    <ul>{items}</ul>
                </section>
            }
        })
    }
}

/// The legend: one row per mark drawn, with its own swatch.
pub(crate) fn legend(entries: &[LegendEntry], name: &'static str) -> impl IntoView {
    let rows = entries
        .iter()
        .map(|e| view! { <li class=format!("key key-{}", e.mark.key())>{e.label.clone()}</li> })
        .collect_view();
    view! { <ul class="legend" aria-label=name>{rows}</ul> }
}

/// The grid lines with the score labels (left) and the date ticks with
/// their labels (under the box), drawn alike on every chart of the page.
pub(crate) fn axis_ticks(y: &[Tick], x: &[Tick]) -> (impl IntoView, impl IntoView) {
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

/// The total over time: dates on the x-axis, a fitted y-range with the
/// cutoff in view, drop markers, and a focusable point per session whose
/// date, total and flags show on focus or hover (and are its name).
pub(crate) fn trend_chart(
    chart: &TimelineChart,
    summary: String,
    focused: RwSignal<Option<String>>,
) -> impl IntoView {
    let (y_ticks, x_ticks) = axis_ticks(&chart.y_ticks, &chart.x_ticks);
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
    let cutoff_label = numbers::chart_cutoff_label();
    // The label sits above the line on the left, clear of the newest points.
    let label_y = if chart.cutoff_y > 16.0 {
        chart.cutoff_y - 6.0
    } else {
        chart.cutoff_y + 16.0
    };
    view! {
        <figure class="chart">
            <svg data-testid="trend-chart" viewBox=format!("0 0 {} {}", W + LEFT + RIGHT, H + TOP + BOTTOM)
                role="group" aria-labelledby="chart-title">
                <title id="chart-title">"Session totals over time"</title>
                <g transform=format!("translate({LEFT} {TOP})")>
                    {y_ticks}
                    <line class="axis" x1="0" x2=W y1=H y2=H/>
                    {x_ticks}
                    <line class="cutoff" x1="0" x2=W y1=chart.cutoff_y y2=chart.cutoff_y/>
                    <text class="cutoff-label" x="4" y=label_y>{cutoff_label}</text>
                    <polyline class="total-line" points=svg_points(&chart.line())/>
                    {drops}
                    <g class="points" on:focusin=move |ev| crate::ui::shared::browser::show_point(&ev, focused)
                        on:mouseover=move |ev| crate::ui::shared::browser::show_point(&ev, focused)>{dots}</g>
                </g>
            </svg>
            <p class="readout" aria-live="polite" data-testid="chart-readout">
                {move || focused.get().unwrap_or_else(|| "Focus or point at a session to read its date, total and flags.".into())}
            </p>
            {legend(&chart.legend, "Chart legend")}
            <figcaption>{summary}</figcaption>
        </figure>
    }
}

/// One small panel per item, each on its own 0–10 scale with the 9.0 guide.
fn item_panels(panels: &ItemPanels) -> impl IntoView {
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
        {legend(&panels.legend, "Item panel legend")}
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
    let labels = row_alert_labels(history, scale);
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
                .map(|(s, item)| view! { <td class="num" data-label=item.title.clone()>{s.to_string()}</td> })
                .collect_view();
            let flags = labels.get(row.index).map(|l| l.join("; ")).unwrap_or_default();
            let tone = Tone::of(r.total());
            let id = r.id.clone();
            view! {
                <tr>
                    <th scope="row"><a href=format!("#/review/{id}")>{browser::format_local(r.session_at)}</a></th>
                    {cells}
                    <td class=format!("num total tone tone-{}", tone.key()) data-label="Total">
                        {numbers::total_text(r.total(), scale)}
                    </td>
                    <td class="flags" data-label="Alerts">{flags}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="history-table" data-testid="history-table">
                <caption>{caption}</caption>
                <thead>
                    <tr><th scope="col">"Session"</th>{heads}<th scope="col">"Total"</th><th scope="col">"Alerts"</th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
