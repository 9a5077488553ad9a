//! One client's report, to print or save as PDF: the client's label, the
//! period, the ORS chart (when there is an ORS) and the SRS trend chart on
//! one date axis, the session table of the client's page (the same drawing
//! code), and the progress notes. The words and the choice of
//! notes come from `domain::course::report`; the print stylesheet (`@media print` in
//! `style/main.css`) leaves out everything that is not the report.

use crate::domain::course::episode::{episode_numbers, episodes_of};
use crate::domain::course::history::ClientHistory;
use crate::domain::course::outcome::Reading;
use crate::domain::course::outcome::{client_axis, others_ors_totals, OutcomeChart};
use crate::domain::course::report;
use crate::domain::measures::kinds::MeasureKind;
use crate::ui::shared::browser;
use crate::ui::shared::state::DataState;
use crate::ui::shared::words::{tr, words};
use crate::ui::therapist::chart_frame::{H, W};
use crate::ui::therapist::history::chart::{history_table, trend_chart};
use crate::ui::therapist::outcome_chart::outcome_chart;
use crate::ui::Screen;
use leptos::prelude::*;

/// The report of the client with `id`, or a short message when the client is unknown.
#[component]
pub fn ReportScreen(id: String) -> impl IntoView {
    let data = expect_context::<DataState>();
    let client = data
        .store
        .with_untracked(|s| s.clients.iter().find(|c| c.id == id).cloned());
    let Some(client) = client else {
        return crate::ui::therapist::history::client_not_found("report");
    };
    let focused = RwSignal::new(None::<String>);
    let ors_focused = RwSignal::new(None::<String>);
    let age = client.age_group;
    let cid = StoredValue::new(client.id.clone());
    let label = StoredValue::new(client.label.clone());
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let body = move || {
        let scale = data.srs();
        let now = browser::now();
        let offset = browser::offset_east_minutes(now);
        let w = words();
        data.store.with(|s| {
            let h = ClientHistory::for_client(&s.ratings, &cid.get_value());
            let period = report::period_text(&h, offset, w);
            let printed = report::printed_text(now, offset, w);
            let head = view! {
                <p class="report-period" data-testid="report-period">{period}</p>
                <p class="meta">{printed}</p>
            };
            // The ORS chart, when there is one, on the SRS chart's date axis.
            let ors_scale = data.scale_of(MeasureKind::Ors);
            let id = cid.get_value();
            let eps = episodes_of(&id, &s.ratings, &s.unrated, &s.episode_ends, &browser::offset_east_minutes);
            let numbers = episode_numbers(&eps);
            // Other clients' courses, each from its own intake.
            let others = others_ors_totals(&s.ratings, &s.unrated, &s.episode_ends, &id, &browser::offset_east_minutes);
            let reading = Reading { age, episodes: &numbers, others: &others };
            let axis = client_axis(&s.ratings, &id, reading);
            let outcome = OutcomeChart::for_client(
                &s.ratings,
                &id,
                reading,
                &ors_scale,
                &axis,
                (W, H),
                (offset, w),
            )
            .map(|c| {
                view! {
                    <h2 class="chart-heading">{tr("Outcome (ORS): how the past week went")}</h2>
                    {outcome_chart(&c, ors_focused)}
                }
            });
            if h.sessions().is_empty() {
                return view! { {head} {outcome} }.into_any();
            }
            let chart = h.timeline_on(&axis, &scale, W, H, offset, w);
            let summary = h.summary(offset, w);
            let notes = report::notes(&h, &scale, &label.get_value(), offset, w);
            let notes = (!notes.is_empty()).then(|| {
                let items = notes
                    .into_iter()
                    .map(|n| {
                        view! {
                            <li class="report-note">
                                <h3>{n.date_text}</h3>
                                <p class="note-text">{n.text}</p>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="report-notes" aria-labelledby="report-notes-heading" data-testid="report-notes">
                        <h2 id="report-notes-heading">{tr("Progress notes, earliest first")}</h2>
                        <ul>{items}</ul>
                    </section>
                }
            });
            view! {
                {head}
                {outcome}
                {trend_chart(&chart, summary, focused)}
                {history_table(&h, &scale, tr("Sessions, newest first"))}
                {notes}
            }
            .into_any()
        })
    };
    view! {
        <article class="report" aria-labelledby="report-heading" data-testid="report">
            <div class="actions report-actions">
                <a class="button" href=Screen::Client(cid.get_value()).to_hash()>{tr("Back to the client")}</a>
                <button type="button" class="primary" on:click=print>{tr("Print or save as PDF")}</button>
            </div>
            <h1 id="report-heading">{report::title(&client.label, words())}</h1>
            {body}
        </article>
    }
    .into_any()
}
