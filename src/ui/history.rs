//! One client's history: the trend chart (date order) and the session table
//! (newest first). All the numbers come from `domain::history`.

use super::{browser, use_state, Screen};
use crate::domain::history::{svg_points, Chart, ClientHistory, DropKind};
use crate::domain::scale::ScaleDefinition;
use leptos::prelude::*;

/// Chart drawing box inside the SVG's margins (SVG user units; it scales).
const W: f64 = 600.0;
const H: f64 = 220.0;
const LEFT: f64 = 34.0;
const TOP: f64 = 10.0;

/// A client's history, or a short message when the client is unknown.
#[component]
pub fn ClientScreen(id: String) -> impl IntoView {
    let state = use_state();
    let client = state
        .data
        .store
        .with_untracked(|s| s.clients.iter().find(|c| c.id == id).cloned());
    let Some(client) = client else {
        return view! {
            <section class="history">
                <h1>"Client not found"</h1>
                <p>"This client is not on this device."</p>
                <a href="#/clients">"All clients"</a>
            </section>
        }
        .into_any();
    };
    let with_items = RwSignal::new(false);
    let cid = StoredValue::new(client.id.clone());
    let rate = move |_| {
        state
            .data
            .draft
            .update(|d| d.client_id = Some(cid.get_value()));
        state.go(Screen::Rate);
    };
    let spoken = move |_| {
        state
            .data
            .draft
            .update(|d| d.client_id = Some(cid.get_value()));
        state.go(Screen::Spoken);
    };
    let body = move || {
        let scale = state.data.scale.get_value();
        state.data.store.with(|s| {
            let h = ClientHistory::for_client(&s.ratings, &cid.get_value());
            if h.sessions().is_empty() {
                return view! { <p data-testid="history-empty">"No sessions rated yet."</p> }
                    .into_any();
            }
            let summary = h.summary(browser::offset_east_minutes(browser::now()));
            let chart = h.chart(W, H, with_items.get());
            let legend = with_items.get().then(|| {
                let keys = scale
                    .items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| view! { <li class=format!("key key-{i}")>{item.title.clone()}</li> })
                    .collect_view();
                view! {
                    <ul class="legend" aria-label="Item lines (each item × 4, so 9.0 sits on the cutoff)">
                        <li class="key key-total">"Total"</li>
                        {keys}
                    </ul>
                }
            });
            view! {
                {trend_chart(&chart, summary)}
                {legend}
                {history_table(&h, &scale)}
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
                <label class="check">
                    <input type="checkbox" prop:checked=move || with_items.get()
                        on:change=move |ev| with_items.set(event_target_checked(&ev))/>
                    " Show item lines"
                </label>
            </div>
            {body}
        </section>
    }
    .into_any()
}

/// The total across sessions with the cutoff line and drop markers.
fn trend_chart(chart: &Chart, summary: String) -> impl IntoView {
    let max = f64::from(chart.max_total.tenths()) / 10.0;
    let ticks = (0..=4)
        .map(|i| {
            let v = max * f64::from(i) / 4.0;
            let y = H - H * f64::from(i) / 4.0;
            view! {
                <line class="grid" x1="0" x2=W y1=y y2=y/>
                <text class="tick" x="-6" y=y + 4.0 text-anchor="end">{format!("{v:.0}")}</text>
            }
        })
        .collect_view();
    let items = chart
        .items
        .iter()
        .enumerate()
        .map(|(i, pts)| {
            view! { <polyline class=format!("item-line item-{i}") points=svg_points(pts)/> }
        })
        .collect_view();
    let dots = chart
        .total
        .iter()
        .map(|p| view! { <circle class="dot" cx=p.x cy=p.y r="3.5"/> })
        .collect_view();
    let drops = chart
        .drops
        .iter()
        .map(|d| {
            let sudden = d.kind == DropKind::SuddenDrop;
            // A downward triangle under the point: visible without colour.
            let (x, y) = (d.at.x, d.at.y + 8.0);
            let pts = format!("{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}", x - 7.0, y, x + 7.0, y, x, y + 11.0);
            view! { <polygon class="drop" class:sudden=sudden data-testid="drop-marker" points=pts/> }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg data-testid="trend-chart" viewBox=format!("0 0 {} {}", W + LEFT + 12.0, H + TOP + 24.0)
                role="img" aria-labelledby="chart-title chart-desc">
                <title id="chart-title">"Session totals over time"</title>
                <desc id="chart-desc">{summary.clone()}</desc>
                <g transform=format!("translate({LEFT} {TOP})")>
                    {ticks}
                    <line class="cutoff" x1="0" x2=W y1=chart.cutoff_y y2=chart.cutoff_y/>
                    <text class="cutoff-label" x=W y=chart.cutoff_y - 5.0 text-anchor="end">"cutoff 36"</text>
                    {items}
                    <polyline class="total-line" points=svg_points(&chart.total)/>
                    {dots}
                    {drops}
                </g>
            </svg>
            <figcaption>{summary}</figcaption>
        </figure>
    }
}

/// Sessions newest first, with the flags each one raised.
fn history_table(history: &ClientHistory<'_>, scale: &ScaleDefinition) -> impl IntoView {
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
            let mut flags: Vec<&str> = Vec::new();
            match row.alerts.drop.as_ref().map(|d| d.kind) {
                Some(DropKind::SuddenDrop) => flags.push("sudden drop"),
                Some(DropKind::Drop) => flags.push("drop"),
                None => {}
            }
            if row.alerts.below_cutoff {
                flags.push("below 36");
            }
            let band = r.band().label();
            let id = r.id.clone();
            view! {
                <tr>
                    <th scope="row"><a href=format!("#/review/{id}")>{browser::format_local(r.session_at)}</a></th>
                    {cells}
                    <td class="num total" data-label="Total">{r.total().to_string()}</td>
                    <td class=format!("band-{band}") data-label="Band">{band}</td>
                    <td class="flags" data-label="Alerts">{flags.join(", ")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="history-table" data-testid="history-table">
                <caption>"Sessions, newest first"</caption>
                <thead>
                    <tr><th scope="col">"Session"</th>{heads}<th scope="col">"Total"</th><th scope="col">"Band"</th><th scope="col">"Alerts"</th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
