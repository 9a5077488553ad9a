//! The therapist page during a round (a couple, a family or a group rating in
//! turn on one device): the screen between raters says whose turn it is
//! and shows nothing of anyone's marks; Start gives that person a blank
//! form on their own version of the scale; the therapist can skip someone.
//! Whose turn it is, and every sentence, comes from `domain::raters::round`;
//! who has rated is read from the round and the ratings this page holds
//! (so a rating kept only for this tab, storage being full, counts too).

use crate::domain::raters::round::Round;
use crate::domain::records::draft::Draft;
use crate::domain::records::save_plan::Kept;
use crate::storage;
use crate::ui::shared::browser;
use crate::ui::shared::state::{ClientMode, DataState, Device, Saving};
use crate::ui::shared::words::{tr, trf, words};
use leptos::prelude::*;

/// True when the form shows the screen between raters rather than the
/// lines (see [`Round::waits_for_start`]).
pub fn between_raters(data: DataState) -> bool {
    data.round.with(|round| {
        round.as_ref().is_some_and(|r| {
            data.store
                .with(|s| data.draft.with(|d| r.waits_for_start(d, &s.ratings)))
        })
    })
}

/// After Done in a round: the rating is in this page's store, kept as
/// `kept` (see [`Round::given`]); the round moves on, or ends with the
/// thank-you. It moves on even when storage refused the rating, since the
/// rating exists: the therapist is told after the PIN, and a reload finds
/// it again when it was kept for this tab.
pub fn after_done(saving: Saving, rater: &crate::domain::measures::kinds::RaterRef, kept: Kept) {
    let Some(mut round) = saving.data.round.get_untracked() else {
        return;
    };
    let changed = round.given(rater, kept);
    moved_on(saving.data, round, changed);
}

/// Shows what follows in the round as it now stands, storing it when
/// `changed` (or ending it).
fn moved_on(data: DataState, round: Round, changed: bool) {
    let finished = data.store.with_untracked(|s| round.is_finished(&s.ratings));
    if finished {
        storage::clear_round();
        data.round.set(None);
        // The thanks; after the PIN, the review of the round's last rating
        // (read from the store, so it holds after a reload mid-round too).
        let last = data
            .store
            .with_untracked(|s| round.last_rating(&s.ratings).map(|r| r.id.clone()));
        data.last_done.set(last);
    } else {
        if changed {
            if let Err(e) = storage::save_round(&round) {
                // Kept in memory: the turn order holds in this tab; a reload
                // would ask again for someone who has rated (their rating is safe).
                leptos::logging::warn!("round not stored: {e}");
            }
        }
        data.round.set(Some(round));
    }
    browser::scroll_to_top();
}

/// Between two raters: whose turn it is, Start, and Skip for the therapist.
#[component]
pub fn TurnScreen() -> impl IntoView {
    let data = expect_context::<DataState>();
    // Plain closures, not memos: the round changes once per person.
    let handover = move || {
        data.round.with(|r| {
            r.as_ref().map(|r| {
                data.store
                    .with(|s| r.handover(&s.ratings, |p| r.label_of(p), words()))
            })
        })
    };
    let name = move || {
        data.round.with(|r| {
            r.as_ref()
                .and_then(|r| {
                    data.store
                        .with(|s| r.current(&s.ratings).map(|p| r.label_of(p)))
                })
                .unwrap_or_default()
        })
    };
    let start = move |_| {
        let Some(round) = data.round.get_untracked() else {
            return;
        };
        let Some(rater) = data
            .store
            .with_untracked(|s| round.current(&s.ratings).cloned())
        else {
            return;
        };
        let scale = data.scales.with_value(|s| {
            round
                .scale_id_of(&rater)
                .and_then(|id| s.all().into_iter().find(|d| d.id == id).cloned())
                .unwrap_or_else(|| s.of(round.measure).clone())
        });
        let current = data.draft.get_untracked();
        let next = data
            .store
            .with_untracked(|s| round.draft_for_turn(&current, &scale, &s.ratings))
            .unwrap_or_else(|| Draft::blank(&scale));
        data.draft.set(next);
        browser::scroll_to_top();
    };
    let skip = move |_| {
        let Some(mut round) = data.round.get_untracked() else {
            return;
        };
        let changed = data.store.with_untracked(|s| {
            let rater = round.current(&s.ratings).cloned();
            rater.is_some_and(|rater| round.skip(&rater, &s.ratings))
        });
        moved_on(data, round, changed);
    };
    Effect::new(move |_| browser::focus("turn-heading"));
    view! {
        <section class="turn" aria-labelledby="turn-heading" data-testid="turn">
            <h1 id="turn-heading" tabindex="-1">{move || handover().map(|h| h.headline).unwrap_or_default()}</h1>
            <p>{move || handover().map(|h| h.detail).unwrap_or_default()}</p>
            <div class="actions">
                <button type="button" class="primary" on:click=start>
                    {move || trf("Start ({name})", &[("name", &name())])}
                </button>
                <button type="button" on:click=skip>{move || trf("Therapist: skip {name}", &[("name", &name())])}</button>
            </div>
        </section>
    }
}

/// The therapist page while locked during a round: the screen naming whose
/// turn it is, then their form; at the end, thanks to everyone. A child
/// rating alone on their version (faces) gets the same, with one turn. The PIN
/// prompt shows only when the therapist asks for it. Nothing of the
/// therapist's screens, and no one's marks, ever show here.
#[component]
pub fn RoundMode() -> impl IntoView {
    let saving = expect_context::<Saving>();
    let mode = expect_context::<ClientMode>();
    let device = expect_context::<Device>();
    let data = saving.data;
    // Memos, so a new mark (a draft change) never redraws the form.
    let between = Memo::new(move |_| between_raters(data));
    // One person alone (a child seen on their own, on a version only this
    // page draws) is a round of one: the form, then the thanks.
    let alone = data.round.with_untracked(Option::is_none);
    // Over once no round is left and the last rating is done: a thank-you
    // (`last_done`) ends it even when the rating could be held in memory
    // only and its marks stay on the form, so Done is never offered twice.
    let over = Memo::new(move |_| {
        data.round.with(Option::is_none)
            && (data.last_done.with(Option::is_some) || !data.rated_here())
    });
    let pin = RwSignal::new(false);
    view! {
        <main id="main" class="client-mode" data-testid="round-mode">
            {move || if pin.get() {
                view! { <crate::ui::therapist::unlock::Unlock/> }.into_any()
            } else if over.get() {
                view! { <RoundOver alone=alone on_unlock=move || pin.set(true)/> }.into_any()
            } else if between.get() {
                view! { <TurnScreen/> }.into_any()
            } else {
                view! { <crate::ui::form::rate::RateScreen saving=saving client=mode device=device/> }.into_any()
            }}
            <p class="therapist-exit" hidden=move || pin.get() || over.get()>
                <button type="button" class="link" on:click=move |_| pin.set(true)>{tr("Therapist: unlock")}</button>
            </p>
        </main>
    }
}

/// Everyone has rated (or was skipped): thanks, and the way back to the
/// therapist. No figures.
#[component]
fn RoundOver(alone: bool, on_unlock: impl Fn() + 'static) -> impl IntoView {
    let done = if alone {
        Round::over_alone(words())
    } else {
        Round::over(words())
    };
    Effect::new(move |_| browser::focus("round-over-heading"));
    view! {
        <section class="thanks" aria-labelledby="round-over-heading" data-testid="thanks">
            <h1 id="round-over-heading" tabindex="-1">{done.headline}</h1>
            <p>{done.detail}</p>
            <div class="actions">
                <button type="button" on:click=move |_| on_unlock()>{tr("Therapist: unlock")}</button>
            </div>
        </section>
    }
}
