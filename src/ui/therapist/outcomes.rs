//! The outcomes report: what this device's clients gained over a period,
//! episode by episode, in the indices every ORS/SRS system reports, by age
//! group; what Attune does not compute and why; the figures and the
//! per-episode rows as CSV; printable. Every figure, rule and sentence is
//! `domain::caseload::outcomes`'s; this screen only lays them out.

use crate::domain::caseload::outcomes::{
    outcomes_report, words, FigureKey, Group, OutcomesInput, OutcomesReport,
};
use crate::domain::caseload::scope::narrow;
use crate::domain::caseload::Period;
use crate::domain::export;
use crate::domain::measures::kinds::AgeGroup;
use crate::domain::records::store::Store;
use crate::ui::shared::browser;
use crate::ui::shared::state::DataState;
use crate::ui::shared::words::{tr, trf, words};
use crate::ui::therapist::alliance::period_choice;
use crate::ui::therapist::therapists::{ScopePicker, Therapists};
use leptos::prelude::*;

/// The outcomes report screen.
#[component]
pub fn OutcomesScreen() -> impl IntoView {
    let data = expect_context::<DataState>();
    let therapists = expect_context::<Therapists>();
    let scope = therapists.screen_scope();
    let period = RwSignal::new(Period::Last12Months);
    let message = RwSignal::new(None::<String>);
    let report = Memo::new(move |_| {
        let now = browser::now();
        let from = period.get().start(now);
        // Asked for every session: the browser once or twice a day, not each time.
        let memo = crate::domain::time::DayMemo::new(browser::offset_east_minutes);
        let (scope, sole) = (scope.get(), therapists.sole());
        data.store.with(|all| {
            let s: &Store = &narrow(all, &scope, sole.as_deref());
            outcomes_report(OutcomesInput {
                clients: &s.clients,
                ratings: &s.ratings,
                unrated: &s.unrated,
                ends: &s.episode_ends,
                from,
                to: now,
                zone: &|at| memo.offset(at),
            })
        })
    });
    let download = move |episodes: bool| {
        let now = browser::now();
        let (name, text) = report.with_untracked(|r| {
            if episodes {
                (export::episodes_csv_file_name(now), export::episodes_csv(r))
            } else {
                (export::outcomes_csv_file_name(now), export::outcomes_csv(r))
            }
        });
        message.set(
            browser::download(&name, export::CSV_MIME, &text)
                .err()
                .map(|e| trf("The file could not be saved: {error}", &[("error", &e)])),
        );
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="outcomes" aria-labelledby="outcomes-heading">
            <h1 id="outcomes-heading">{tr("Outcomes report")}</h1>
            <p class="intro">
                {tr("What the clients on this device gained, course of treatment by course of treatment, measured from each episode's own intake. Small numbers swing widely: read a figure with its n and its interval, and never rank therapists on it.")}
            </p>
            <ScopePicker scope=scope/>
            {period_choice(period, "actions period-choice no-print")}
            {move || report.with(view_report)}
            <div class="actions no-print">
                <button type="button" on:click=move |_| download(false)>{tr("Download the figures (CSV)")}</button>
                <button type="button" on:click=move |_| download(true)>{tr("Download every episode (CSV)")}</button>
                <button type="button" on:click=print>{tr("Print or save as PDF")}</button>
            </div>
            <p class="status" role="status">{move || message.get()}</p>
        </section>
    }
}

/// A group's column heading.
fn group_name(g: Group) -> String {
    match g {
        Group::All => tr("All").into(),
        Group::Age(AgeGroup::Adult) => tr("Adult").into(),
        Group::Age(AgeGroup::Adolescent) => tr("Adolescent").into(),
        Group::Age(AgeGroup::Child) => tr("Child").into(),
    }
}

fn view_report(r: &OutcomesReport) -> AnyView {
    let w = words();
    let heads = Group::ALL
        .iter()
        .map(|g| view! { <th scope="col">{group_name(*g)}</th> })
        .collect_view();
    let rows = FigureKey::ALL
        .iter()
        .map(|k| {
            let cells = Group::ALL
                .iter()
                .map(|g| {
                    let text = words::value_text(*k, &r.group(*g).get(*k), w);
                    view! { <td data-label=group_name(*g) data-testid=format!("figure-{}-{}", k.key(), g.key())>{text}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{words::title(*k, w)}</th>{cells}</tr> }
        })
        .collect_view();
    let meanings = FigureKey::ALL
        .iter()
        .map(|k| {
            view! {
                <dt>{words::title(*k, w)}</dt>
                <dd>{words::meaning(*k, w)}" "{words::limits(*k, w)}</dd>
            }
        })
        .collect_view();
    let not_computed = words::not_computed(w)
        .iter()
        .map(|(what, why)| view! { <li><strong>{*what}</strong>": "{*why}</li> })
        .collect_view();
    let unused = (r.unused_ends > 0).then(|| {
        view! {
            <p class="notice" data-testid="unused-ends">
                {trf(
                    "{n} end record(s) close no episode (a second end of one episode, or one dated before any session); they are kept and shown in the per-episode CSV's clients.",
                    &[("n", &r.unused_ends)],
                )}
            </p>
        }
    });
    view! {
        <p data-testid="outcomes-episodes">{trf("{n} episodes in this period.", &[("n", &r.rows.len())])}</p>
        {unused}
        <table class="items outcomes-table" data-testid="outcomes-table">
                <caption>{tr("Figures by age group")}</caption>
                <thead><tr><th scope="col">{tr("Figure")}</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        <section aria-labelledby="outcomes-meaning-heading">
            <h2 id="outcomes-meaning-heading">{tr("What each figure means")}</h2>
            <dl class="meanings">{meanings}</dl>
        </section>
        <section aria-labelledby="not-computed-heading">
            <h2 id="not-computed-heading">{tr("Not computed, and why")}</h2>
            <ul data-testid="not-computed">{not_computed}</ul>
        </section>
    }
    .into_any()
}
