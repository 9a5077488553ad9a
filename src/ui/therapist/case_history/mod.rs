//! A case's history on the client's page (a couple, a family or a group):
//! the ORS and SRS charts of everyone who rated on one date axis (a line per
//! person with its own dash and marker, or a group's median inside its
//! range; `chart`) and the table of each person's totals per session
//! (`table`). Every number, position, label and sentence comes from
//! `domain::raters::{chart, history}`; this only draws them.

mod chart;
mod table;

use crate::domain::measures::kinds::MeasureKind;
use crate::domain::raters::chart::{case_axis, case_chart};
use crate::domain::raters::history::case_table;
use crate::ui::shared::browser;
use crate::ui::shared::state::DataState;
use crate::ui::shared::words::{tr, trf};
use crate::ui::therapist::chart_frame::{H, W};
use chart::case_chart_view;
use leptos::prelude::*;
use table::case_table_view;

/// Every rater's history of the case `client_id`, or "No sessions rated
/// yet." when nobody has rated.
#[component]
pub fn CaseHistory(client_id: String) -> impl IntoView {
    let data = expect_context::<DataState>();
    let cid = StoredValue::new(client_id);
    let ors_focused = RwSignal::new(None::<String>);
    let srs_focused = RwSignal::new(None::<String>);
    let show_all = RwSignal::new(false);
    move || {
        // "Show all" redraws the table with every session.
        show_all.track();
        data.store.with(|s| {
            let cid = cid.get_value();
            let Some(client) = s.clients.iter().find(|c| c.id == cid) else {
                return ().into_any();
            };
            data.scales.with_value(|scales| {
                let table = case_table(s, scales, client, crate::ui::shared::words::words());
                if table.is_empty() {
                    return view! { <p data-testid="history-empty">{tr("No sessions rated yet.")}</p> }
                        .into_any();
                }
                let offset = browser::offset_east_minutes(browser::now());
                // One date axis for both panels, so a session's ORS and SRS line up.
                let axis = case_axis(&s.ratings, &cid);
                let chart = |m| {
                    case_chart(
                        s,
                        scales,
                        client,
                        m,
                        &axis,
                        (W, H),
                        (offset, crate::ui::shared::words::words()),
                    )
                };
                let ors = chart(MeasureKind::Ors).map(|c| {
                    view! {
                        <h2 class="chart-heading">{tr("Outcome (ORS): how the past week went")}</h2>
                        {case_chart_view(&c, "case-ors", ors_focused)}
                    }
                });
                let srs = chart(MeasureKind::Srs).map(|c| {
                    view! {
                        <h2 class="chart-heading">{tr("Alliance (SRS): how the session went")}</h2>
                        {case_chart_view(&c, "case-srs", srs_focused)}
                    }
                });
                view! {
                    <section class="case-history" data-testid="case-history"
                        aria-label=trf("Everyone's ratings in this {kind}", &[("kind", &crate::ui::therapist::case::kind_name(client.kind))])>

                        {ors}
                        {srs}
                        {case_table_view(&table, show_all)}
                    </section>
                }
                .into_any()
            })
        })
    }
}
