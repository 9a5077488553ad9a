//! "My alliance": the therapist's pattern across the caseload over a chosen
//! period. Every figure, its words and the too-few-sessions rule come from
//! `domain::caseload`; this screen only lays them out.

use crate::domain::caseload::alliance::{my_alliance_held, Held};
use crate::domain::caseload::scope::HeldIn;
use crate::domain::caseload::{Figure, MonthPoint, MyAlliance, Period};
use crate::domain::measures::score::Total;
use crate::ui::shared::browser;
use crate::ui::shared::state::DataState;
use crate::ui::shared::words::{tr, trf, words};
use crate::ui::therapist::therapists::{ScopePicker, Therapists};
use leptos::prelude::*;

/// Chart box for the month-by-month medians (SVG units; it scales).
const W: f64 = 600.0;
const H: f64 = 160.0;

/// The My alliance screen.
#[component]
pub fn AllianceScreen() -> impl IntoView {
    let data = expect_context::<DataState>();
    let therapists = expect_context::<Therapists>();
    let scope = therapists.screen_scope();
    let period = RwSignal::new(Period::Last3Months);
    let figures = Memo::new(move |_| {
        let scale = data.srs();
        let now = browser::now();
        let p = period.get();
        let (scope, sole) = (scope.get(), therapists.sole());
        data.store.with(|s| {
            // The sessions this therapist held, whoever holds the client
            // now, each numbered over the client's whole history.
            let mine = HeldIn::new(s, &scope, sole.as_deref());
            my_alliance_held(
                s,
                &s.unrated,
                &scale,
                (p, now, browser::offset_east_minutes(now)),
                Held {
                    rating: &|r| mine.rating(r),
                    unrated: &|u| mine.unrated(u),
                },
                words(),
            )
        })
    });
    // Bars are drawn against the scale's own maximum total.
    let max = data.with_srs(|s| s.max_total());
    view! {
        <section class="alliance" aria-labelledby="alliance-heading">
            <h1 id="alliance-heading">{tr("My alliance")}</h1>
            <p class="intro">
                {tr("Your pattern across all your clients, not one session: what helps you form strong alliances with more people. Feedback below the cutoff is good news to have heard.")}
            </p>
            <ScopePicker scope=scope/>
            {period_choice(period, "actions period-choice")}
            {move || figures.with(|m| view_figures(m, max))}
        </section>
    }
}

/// The period buttons (last 3, 6 or 12 months), the one chosen pressed:
/// shared by "My alliance" and the outcomes report.
pub(crate) fn period_choice(period: RwSignal<Period>, class: &'static str) -> impl IntoView {
    let choices = Period::ALL
        .iter()
        .map(|p| {
            let p = *p;
            view! {
                <button type="button" aria-pressed=move || (period.get() == p).to_string()
                    on:click=move |_| period.set(p)>{p.label(words())}</button>
            }
        })
        .collect_view();
    view! { <div class=class role="group" aria-label=tr("Period")>{choices}</div> }
}

fn view_figures(m: &MyAlliance, max: Total) -> impl IntoView {
    let mut cards = vec![
        card(&m.first_sessions, "first"),
        card(&m.second_sessions, "second"),
        card(&m.later_sessions, "later"),
        card(&m.feedback_elicited, "feedback"),
        card(&m.ceiling_clients, "ceiling"),
        card(&m.lowest_dimension, "lowest"),
    ];
    if let Some(rated) = &m.sessions_rated {
        cards.push(card(rated, "rated"));
    }
    let months = m.months.value().map(|points| month_chart(points, max));
    view! {
        <p data-testid="alliance-sessions">{trf("{n} rated sessions in this period.", &[("n", &m.sessions)])}</p>
        <dl class="figures">{cards}</dl>
        <section class="months" aria-labelledby="months-heading">
            <h2 id="months-heading">{m.months.title.clone()}</h2>
            <p data-testid="figure-months">{m.months.text.clone()}</p>
            {months}
            <p class="hint">{m.months.meaning.clone()}</p>
        </section>
    }
}

/// One figure: title, value (or why there is none) and what it may mean.
fn card<T>(f: &Figure<T>, key: &'static str) -> AnyView {
    view! {
        <div class="figure" data-testid=format!("figure-{key}")>
            <dt>{f.title.clone()}</dt>
            <dd class="figure-value">{f.text.clone()}</dd>
            <dd class="hint">{f.meaning.clone()}</dd>
        </div>
    }
    .into_any()
}

/// Median total per month as bars (empty months leave a gap), with the
/// same figures as a table for screen readers and print.
fn month_chart(points: &[MonthPoint], max: Total) -> impl IntoView {
    let n = points.len().max(1) as f64;
    let step = W / n;
    let bars = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = step * i as f64 + step * 0.15;
            let h = p
                .median
                .map(|t| H * f64::from(t.tenths()) / f64::from(max.tenths().max(1)))
                .unwrap_or(0.0);
            view! {
                <rect class="month-bar" x=x y=H - h width=step * 0.7 height=h/>
                <text class="tick" x=x + step * 0.35 y=H + 16.0 text-anchor="middle">{p.label.clone()}</text>
            }
        })
        .collect_view();
    let rows = points
        .iter()
        .map(|p| view! { <tr><th scope="row">{p.label.clone()}</th><td>{p.median_text.clone()}</td><td class="num">{p.sessions}</td></tr> })
        .collect_view();
    view! {
        <svg class="month-chart" viewBox=format!("0 0 {W} {}", H + 24.0) aria-hidden="true">{bars}</svg>
        <table class="items">
            <caption class="sr-only">{tr("Median total and sessions per month")}</caption>
            <thead><tr><th scope="col">{tr("Month")}</th><th scope="col">{tr("Median total")}</th><th scope="col">{tr("Sessions")}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
