//! One client's history: the ORS panel when the client has any ORS (see
//! `outcome_chart`), the SRS trend chart on the same date axis, one small
//! panel per item on its own 0–10 scale, and the session table (newest
//! first, both totals). Every number, position, label and alert comes from
//! `domain::course::history` and `domain::course::outcome`; this only draws them. The
//! drawing is in `chart`, the sessions logged without a rating in `unrated`.

pub(crate) mod chart;
mod unrated;

use crate::domain::course::episode::{episode_numbers, episodes_of};
use crate::domain::course::history::ClientHistory;
use crate::domain::course::outcome::Reading;
use crate::domain::course::outcome::{client_axis, others_ors_totals, session_rows, OutcomeChart};
use crate::domain::measures::kinds::MeasureKind;
use crate::ui::shared::browser;
use crate::ui::shared::state::{DataState, Nav};
use crate::ui::shared::words::{tr, words};
use crate::ui::therapist::chart_frame::{H, W};
use crate::ui::therapist::outcome_chart::{outcome_chart, session_table};
use crate::ui::Screen;
use chart::{item_panels, trend_chart, PH, PW};
use leptos::prelude::*;
use unrated::{NoRating, Unrated};

/// The page for a client id this device does not know (an old link, a
/// client from another device's backup).
pub(crate) fn client_not_found(class: &'static str) -> AnyView {
    view! {
        <section class=class>
            <h1>{tr("Client not found")}</h1>
            <p>{tr("This client is not on this device.")}</p>
            <a href="#/clients">{tr("All clients")}</a>
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
                let notice = crate::domain::records::draft::IN_THE_WAY.to_string();
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
        let w = words();
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
            // Intake and change read within each episode of care.
            let eps = episodes_of(&cid, &s.ratings, &s.unrated, &s.episode_ends, &browser::offset_east_minutes);
            let numbers = episode_numbers(&eps);
            // Other clients' courses, each from its own intake.
            let others = others_ors_totals(&s.ratings, &s.unrated, &s.episode_ends, &cid, &browser::offset_east_minutes);
            let reading = Reading { age, episodes: &numbers, others: &others };
            let axis = client_axis(&s.ratings, &cid, reading);
            let outcome = OutcomeChart::for_client(
                &s.ratings,
                &cid,
                reading,
                &ors_scale,
                &axis,
                (W, H),
                (offset, w),
            );
            if h.sessions().is_empty() && outcome.is_none() {
                return view! { <p data-testid="history-empty">{tr("No sessions rated yet.")}</p> }
                    .into_any();
            }
            let both = outcome.is_some();
            let outcome = outcome.map(|c| {
                view! {
                    <h2 class="chart-heading">{tr("Outcome (ORS): how the past week went")}</h2>
                    {outcome_chart(&c, ors_focused)}
                }
            });
            let alliance = (!h.sessions().is_empty()).then(|| {
                let chart = h.timeline_on(&axis, &scale, W, H, offset, w);
                let panels = with_items
                    .get()
                    .then(|| item_panels(&h.item_panels_on(&axis, &scale, PW, PH, w)));
                view! {
                    {both.then(|| view! { <h2 class="chart-heading">{tr("Alliance (SRS): how the session went")}</h2> })}
                    {trend_chart(&chart, h.summary(offset, w), focused)}
                    {panels}
                }
            });
            let rows = session_rows(&s.ratings, &cid, age, &scale, &numbers, w);
            view! {
                {outcome}
                {alliance}
                {session_table(&rows, &scale, &ors_scale, tr("Sessions, newest first (open one to see or edit its note)"), show_all, s.clients.iter().find(|c| c.id == cid))}
            }
            .into_any()
        })
    };

    view! {
        <section class="history" aria-labelledby="history-heading">
            <h1 id="history-heading">{tr("Client ")} {client.label.clone()}</h1>
            <div class="actions">
                <button type="button" class="primary" on:click=rate disabled=client.archived>
                    {tr("Rate a session")}
                </button>
                <button type="button" on:click=spoken disabled=client.archived>
                    {tr("Enter spoken scores")}
                </button>
                <a class="button" href=Screen::Report(client.id.clone()).to_hash()>{tr("Report to print")}</a>
                <label class="check">
                    <input type="checkbox" prop:checked=move || with_items.get()
                        on:change=move |ev| with_items.set(event_target_checked(&ev))/>
                    {tr(" Show each item")}
                </label>
            </div>
            <crate::ui::therapist::session::SessionActions client_id=client.id.clone() archived=client.archived/>
            <crate::ui::therapist::therapists::ClientTherapist client_id=client.id.clone()/>
            <crate::ui::therapist::language::ClientLanguage client_id=client.id.clone()/>
            <crate::ui::therapist::aloud::ClientReadAloud client_id=client.id.clone()/>
            <crate::ui::therapist::case::CaseEditor client_id=client.id.clone()/>
            <crate::ui::therapist::episodes::EpisodePanel client_id=client.id.clone()/>
            {(!client.archived).then(|| view! { <NoRating client_id=client.id.clone()/> })}
            {body}
            <Unrated client_id=client.id.clone()/>
        </section>
    }
    .into_any()
}
