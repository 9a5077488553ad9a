//! The therapist's review of a saved rating: total, band, cutoff flag, items,
//! lowest item and recent ratings.

use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::{numbers, status};
use crate::domain::records::clients;
use crate::ui::shared::browser;
use crate::ui::shared::state::{DataState, Nav, Saving};
use crate::ui::shared::words::{tr, trf, words};
use crate::ui::therapist::note::{prompt_for, NotePanel, PromptPanel};
use crate::ui::Screen;
use leptos::prelude::*;

/// How many recent ratings the review lists.
const RECENT: usize = 10;

/// Review of the rating with `id`.
///
/// Everything shown is derived through memos from the one rating, so a store
/// change elsewhere (another tab's save, an edit on this screen) updates the
/// figures in place; the note fields are created once per review and keep
/// what the therapist typed whatever changes around them.
#[component]
pub fn ReviewScreen(id: String) -> impl IntoView {
    let data = expect_context::<DataState>();
    let nav = expect_context::<Nav>();
    let rating = {
        let id = id.clone();
        Memo::new(move |_| {
            data.store
                .with(|s| s.ratings.iter().find(|r| r.id == id).cloned())
        })
    };
    let exists = Memo::new(move |_| rating.with(Option::is_some));
    let is_ors = Memo::new(move |_| {
        rating.with(|r| r.as_ref().is_some_and(|r| r.measure == MeasureKind::Ors))
    });
    // The SRS prompt reads the SRS history; an ORS has its own (ors_review).
    let prompt = Memo::new(move |_| {
        rating
            .get()
            .filter(|r| r.measure == MeasureKind::Srs)
            .map(|r| prompt_for(&r))
    });
    let new_rating = move |_| nav.go(Screen::Rate);

    view! {
        <section class="review" aria-labelledby="review-heading">
            <h1 id="review-heading">{move || if is_ors.get() { tr("Start of session: the past week (ORS)") } else { tr("Session review") }}</h1>
            <Show when=move || exists.get() fallback=|| view! { <p>{tr("This rating is not available.")}</p> }>
            <crate::ui::therapist::raters_review::RatersPanel rating=rating/>
            <Show when=move || !is_ors.get() fallback=move || view! {
                <crate::ui::therapist::ors_review::OrsReview rating=rating/>
                {move || rating.get().map(|r| view! { <Items rating=r scale=data.scale_of(MeasureKind::Ors)/> })}
                <SessionDetails rating=rating/>
            }>
                // The first screen: the figures at a glance, then what to say.
                {move || rating.get().map(|r| view! { <Summary rating=r scale=data.srs()/> })}
                {move || prompt.get().map(|p| view! { <PromptPanel prompt=p/> })}
                {move || rating.get().map(|r| view! { <Items rating=r scale=data.srs()/> })}
                <SessionDetails rating=rating/>
                <NotePanel rating=rating/>
            </Show>
            </Show>
            <div class="actions">
                <button type="button" class="primary" on:click=new_rating>{tr("New rating")}</button>
            </div>
            <Recent current=id/>
        </section>
    }
}

/// The figures at a glance: the total, its status in the app's voice (a
/// calm colour, never a red verdict) and the cutoff flag.
#[component]
fn Summary(rating: Rating, scale: ScaleDefinition) -> impl IntoView {
    let status = status::status(&scale, &rating, words());
    view! {
        <div class="summary">
            <p class="total-line">
                <span class="label">{tr("Total ")}</span>
                <strong data-testid="total" class="total">{words().number(numbers::total_text(rating.total(), &scale))}</strong>
                <span class=format!("status-pill status-{}", status.tone.key()) data-testid="status"
                    data-band=rating.band().label()>{status.headline.clone()}</span>
            </p>
            <p class="status-detail" data-testid="status-detail">{status.detail.clone()}</p>
            {rating.below_cutoff().then(|| view! {
                <p class="flag" data-testid="cutoff-flag">{trf(
                    "Below the {cutoff} cutoff: a good moment to ask what could work better.",
                    &[("cutoff", &numbers::cutoff_text())],
                )}</p>
            })}
        </div>
    }
}

/// Each item's score, with a bar.
#[component]
fn Items(rating: Rating, scale: ScaleDefinition) -> impl IntoView {
    let items = scale
        .items
        .iter()
        .zip(&rating.scores)
        .map(|(item, score)| {
            view! {
                <tr>
                    <th scope="row">{item.title.clone()}</th>
                    <td class="num">{words().number(score)}</td>
                    <td class="bar-cell" aria-hidden="true">
                        <span class="bar" style:width=format!("{}%", score.get())></span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="items">
            <caption class="sr-only">{trf(
                "Item scores out of {max}",
                &[("max", &numbers::short(crate::domain::measures::score::Tenths::MAX.get()))],
            )}</caption>
            <tbody>{items}</tbody>
        </table>
    }
}

#[component]
fn Recent(current: String) -> impl IntoView {
    let data = expect_context::<DataState>();
    let scale = data.srs();
    let rows = move || {
        data.store.with(|s| {
            let mut recent: Vec<&Rating> = s.ratings.iter().filter(|r| r.is_own_srs()).collect();
            recent.sort_by_key(|r| std::cmp::Reverse(r.session_at));
            recent
                .into_iter()
                .take(RECENT)
                .map(|r| {
                    let mine = r.id == current;
                    view! {
                        <li class:current=mine>
                            <span class="date">{browser::format_local(r.session_at)}</span>
                            <span class="num">{words().number(numbers::total_text(r.total(), &scale))}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="recent" aria-labelledby="recent-heading">
            <h2 id="recent-heading">{tr("Recent ratings")}</h2>
            <ol class="recent-list" data-testid="recent">{rows}</ol>
        </section>
    }
}

/// Who the rating belongs to and when the session took place; both can be
/// changed here (a quick rating assigned later, a paper rating back-dated).
#[component]
fn SessionDetails(rating: Memo<Option<Rating>>) -> impl IntoView {
    let saving = expect_context::<Saving>();
    let nav = expect_context::<Nav>();
    let error = RwSignal::new(None::<String>);
    let rid = StoredValue::new(
        rating
            .with_untracked(|r| r.as_ref().map(|r| r.id.clone()))
            .unwrap_or_default(),
    );
    let current = Memo::new(move |_| {
        rating
            .with(|r| r.as_ref().and_then(|r| r.client_id.clone()))
            .unwrap_or_default()
    });
    let session_at = Memo::new(move |_| rating.with(|r| r.as_ref().map(|r| r.session_at)));
    let options = move || {
        let current = current.get();
        saving.data.store.with(|s| {
            clients::sorted_clients(s)
                .into_iter()
                .filter(|c| !c.archived || c.id == current)
                .map(|c| {
                    let selected = c.id == current;
                    view! { <option value=c.id.clone() selected=selected>{c.label.clone()}</option> }
                })
                .collect_view()
        })
    };
    let assign = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let target = (!value.is_empty()).then_some(value);
        let r = saving.edit(|s, now| clients::assign(s, &rid.get_value(), target.as_deref(), now));
        error.set(r.err().map(|e| e.words(crate::ui::shared::words::words())));
    };
    let set_date = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let r = browser::parse_local_datetime(&value).and_then(|at| {
            saving.edit(|s, now| clients::set_session_at(s, &rid.get_value(), at, now))
        });
        error.set(r.err().map(|e| e.words(crate::ui::shared::words::words())));
    };
    let max = browser::local_input_value(browser::now());
    view! {
        <div class="session-details">
            <div class="field" hidden=move || nav.present.get()>
                <label for="review-client">{tr("Client")}</label>
                <select id="review-client" on:change=assign>
                    <option value="" selected=move || current.with(String::is_empty)>{tr("No client (quick rating)")}</option>
                    {options}
                </select>
            </div>
            <div class="field">
                <label for="review-date">{tr("Session date")}</label>

                <input id="review-date" type="datetime-local" max=max
                    prop:value=move || session_at.get().map(browser::local_input_value).unwrap_or_default()
                    on:change=set_date aria-describedby="review-error"/>
            </div>
            <p id="review-error" class="error" role="alert">{move || error.get()}</p>
        </div>
    }
}
