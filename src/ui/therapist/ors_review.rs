//! The review of an ORS, given at the start of a session: the total against
//! the client's cutoff, the change since intake and since last session, what
//! it means, what to ask, and the way on to the SRS at the end. Every figure
//! and sentence comes from `domain::course::outcome` and `domain::course::outcome_prompt`.

use crate::domain::course::outcome::ors_status;
use crate::domain::course::outcome::OutcomeStatus;
use crate::domain::course::outcome_prompt::{outcome_prompt, OutcomePrompt};
use crate::domain::course::session::partner;
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::numbers;
use crate::domain::measures::rating::Rating;
use crate::ui::shared::state::DataState;
use crate::ui::shared::words::{tr, trf, words};
use crate::ui::therapist::prompt_view::{LayeredPrompt, Layers};
use crate::ui::therapist::session::{rate_in_session, SessionStart, Via};
use leptos::prelude::*;

/// The ORS part of a review: figures, reading, prompt and what comes next.
#[component]
pub fn OrsReview(rating: Memo<Option<Rating>>) -> impl IntoView {
    let data = expect_context::<DataState>();
    let status = Memo::new(move |_| {
        rating.with(|r| {
            r.as_ref().and_then(|r| {
                data.store
                    .with(|s| ors_status(s, r, &crate::ui::shared::browser::offset_east_minutes))
            })
        })
    });
    let scale = data.scale_of(MeasureKind::Ors);
    let by_client =
        Memo::new(move |_| rating.with(|r| r.as_ref().is_none_or(|r| r.rater.is_client())));
    let total = move || {
        rating.with(|r| {
            r.as_ref()
                .map(|r| words().number(numbers::total_text(r.total(), &scale)))
                .unwrap_or_default()
        })
    };
    view! {
        <div class="summary">
            <p class="total-line">
                <span class="label">{tr("ORS total ")}</span>
                <strong data-testid="ors-total" class="total">{total}</strong>
                {move || status.get().map(|st| view! {
                    <span class=format!("status-pill status-{}", st.tone().key())
                        data-testid="ors-category">{st.category.label(crate::ui::shared::words::words())}</span>
                })}
            </p>
            {move || match status.get() {
                Some(st) => reading(&st).into_any(),
                None if by_client.get() => view! {
                    <p class="status-detail" data-testid="ors-reading">
                        {tr("Assign this rating to a client to read it against their intake and cutoff.")}
                    </p>
                }.into_any(),
                None => view! {
                    <p class="status-detail" data-testid="ors-reading">
                        {tr("One person's ORS in a session of several: read it beside the others' above.")}
                    </p>
                }.into_any(),
            }}
        </div>
        {move || status.get().map(|st| view! { <OutcomePromptPanel prompt=outcome_prompt(&st, crate::ui::shared::words::words())/> })}
        <Next rating=rating/>
    }
}

/// The reading in plain sentences, one per line, so each can be found.
fn reading(st: &OutcomeStatus) -> impl IntoView {
    let w = crate::ui::shared::words::words();
    let alert = st.alert_text(w);
    view! {
        <div class="status-detail" data-testid="ors-reading">
            <p data-testid="ors-cutoff">{st.cutoff_text(w)}</p>
            <p data-testid="ors-intake">{st.intake_text(w)}</p>
            {(!st.last_text(w).is_empty()).then(|| view! { <p data-testid="ors-last">{st.last_text(w)}</p> })}
            <p>{st.category.text(w)}</p>
            {(!alert.is_empty()).then(|| view! { <p class="flag" data-testid="ors-alert">{alert}</p> })}
        </div>
    }
}

/// What to talk about now, in the same layers as the SRS prompt.
#[component]
fn OutcomePromptPanel(prompt: OutcomePrompt) -> impl IntoView {
    let key = prompt.situation.key();
    let layers = Layers {
        title: prompt.title,
        say: prompt.say,
        listen_for: prompt.listen_for,
        steps: prompt.steps,
    };
    view! {
        <LayeredPrompt layers=layers seen_key=key situation=key.to_string()
            test_id="ors-prompt" say_id="ors-say" heading_id="ors-prompt-heading"/>
    }
}

/// The end of the session: the SRS, in client mode or here; or, when it is
/// already given, the way to its review.
#[component]
fn Next(rating: Memo<Option<Rating>>) -> impl IntoView {
    let data = expect_context::<DataState>();
    let starter = SessionStart::here();
    let srs = Memo::new(move |_| {
        rating.with(|r| {
            r.as_ref().and_then(|r| {
                data.store
                    .with(|s| partner(&s.ratings, r, MeasureKind::Srs).map(|p| p.id.clone()))
            })
        })
    });
    let target = move || {
        rating.with_untracked(|r| {
            r.as_ref()
                .and_then(|r| Some((r.client_id.clone()?, r.session_key().to_string())))
        })
    };
    let rate = move |via: Via| {
        if let Some((client, session)) = target() {
            rate_in_session(starter, &client, &session, MeasureKind::Srs, via);
        }
    };
    let assigned =
        Memo::new(move |_| rating.with(|r| r.as_ref().is_some_and(|r| r.client_id.is_some())));
    // A couple's, a family's or a group's SRS is a round, started from the case's page.
    let case = Memo::new(move |_| {
        rating.with(|r| {
            r.as_ref().and_then(|r| {
                let cid = r.client_id.as_ref()?;
                data.store.with(|s| {
                    s.clients
                        .iter()
                        .find(|c| &c.id == cid && !c.kind.is_individual())
                        .map(|c| (c.id.clone(), c.label.clone()))
                })
            })
        })
    });
    view! {
        <section class="next" aria-labelledby="next-heading">
            <h2 id="next-heading">{tr("At the end of the session")}</h2>
            {move || match srs.get() {
                Some(id) => view! {
                    <p>{tr("The SRS for this session is done. ")}
                        <a href=crate::ui::Screen::Review(id).to_hash()>{tr("Open its review")}</a></p>
                }.into_any(),
                None if case.get().is_some() => {
                    let (id, label) = case.get().unwrap_or_default();
                    view! {
                        <p>{tr("Everyone present rates the session (SRS) in turn before they leave. ")}
                            <a href=crate::ui::Screen::Client(id).to_hash()>{trf("Start the SRS round on {label}'s page", &[("label", &label)])}</a></p>
                    }.into_any()
                }
                None if assigned.get() => view! {
                    <p>{tr("The client rates the session itself (SRS) before they leave.")}</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=move |_| rate(Via::Hand)>{tr("Hand to client for the SRS")}</button>
                        <button type="button" on:click=move |_| rate(Via::Here)>{tr("Rate the session (SRS) here")}</button>
                        <button type="button" on:click=move |_| rate(Via::Spoken)>{tr("SRS by voice")}</button>
                    </div>
                }.into_any(),
                None => view! { <p>{tr("Assign the ORS to a client first; the SRS then joins the same session.")}</p> }.into_any(),

            }}
        </section>
    }
}
