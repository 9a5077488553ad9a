//! The therapist's review of a saved rating: total, band, cutoff flag, items,
//! lowest item and recent ratings.

use super::{browser, use_state, Screen};
use crate::domain::rating::Rating;
use leptos::prelude::*;

/// How many recent ratings the review lists.
const RECENT: usize = 10;

/// Review of the rating with `id`.
#[component]
pub fn ReviewScreen(id: String) -> impl IntoView {
    let state = use_state();
    let scale = state.scale.get_value();
    let rating = {
        let id = id.clone();
        move || {
            state
                .store
                .with(|s| s.ratings.iter().find(|r| r.id == id).cloned())
        }
    };
    let new_rating = move |_| state.screen.set(Screen::Rate);

    view! {
        <section class="review" aria-labelledby="review-heading">
            <h1 id="review-heading">"Session review"</h1>
            {move || match rating() {
                None => view! { <p>"This rating is not available."</p> }.into_any(),
                Some(r) => view! { <Summary rating=r scale=scale.clone()/> }.into_any(),
            }}
            <div class="actions">
                <button type="button" class="primary" on:click=new_rating>"New rating"</button>
            </div>
            <Recent current=id/>
        </section>
    }
}

#[component]
fn Summary(rating: Rating, scale: crate::domain::scale::ScaleDefinition) -> impl IntoView {
    let total = rating.total();
    let band = rating.band();
    let lowest = scale.titles(&rating.lowest()).join(", ");
    let items = scale
        .items
        .iter()
        .zip(&rating.scores)
        .map(|(item, score)| {
            view! {
                <tr>
                    <th scope="row">{item.title.clone()}</th>
                    <td class="num">{score.to_string()}</td>
                    <td class="bar-cell" aria-hidden="true">
                        <span class="bar" style:width=format!("{}%", score.get())></span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="summary">
            <p class="total-line">
                <span class="label">"Total "</span>
                <strong data-testid="total" class="total">{format!("{total} / 40")}</strong>
                <span class=format!("band band-{}", band.label()) data-testid="band">{band.label()}</span>
            </p>
            {rating.below_cutoff().then(|| view! {
                <p class="flag" data-testid="cutoff-flag">
                    "Below the 36 cutoff: a good moment to ask what could work better."
                </p>
            })}
            <p class="lowest">
                "Lowest item: " <strong data-testid="lowest-item">{lowest}</strong>
            </p>
            <table class="items">
                <caption class="sr-only">"Item scores out of 10"</caption>
                <tbody>{items}</tbody>
            </table>
            <p class="meta">"Session " {browser::format_local(rating.session_at)}</p>
        </div>
    }
}

#[component]
fn Recent(current: String) -> impl IntoView {
    let state = use_state();
    let rows = move || {
        state.store.with(|s| {
            let mut recent: Vec<&Rating> = s.ratings.iter().collect();
            recent.sort_by_key(|r| std::cmp::Reverse(r.session_at));
            recent
                .into_iter()
                .take(RECENT)
                .map(|r| {
                    let mine = r.id == current;
                    view! {
                        <li class:current=mine>
                            <span class="date">{browser::format_local(r.session_at)}</span>
                            <span class="num">{format!("{} / 40", r.total())}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="recent" aria-labelledby="recent-heading">
            <h2 id="recent-heading">"Recent ratings"</h2>
            <ol class="recent-list" data-testid="recent">{rows}</ol>
        </section>
    }
}
