//! Sessions without a rating on a client's page: logging one ("Session
//! without a rating") and the list of those logged.

use crate::ui::shared::browser;
use crate::ui::shared::state::{DataState, Saving};
use crate::ui::shared::words::{tr, trf};
use leptos::prelude::*;

/// "Session without a rating": logs a session that took place without an
/// SRS (today by default, or back-dated like a paper rating), with an
/// optional reason, so the caseload counts it as a session and "My alliance"
/// can say how often the SRS was given.
#[component]
pub(super) fn NoRating(client_id: String) -> impl IntoView {
    let saving = expect_context::<Saving>();
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let when = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let cid = StoredValue::new(client_id);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reason.get_untracked();
        let r = browser::parse_local_datetime(&when.get_untracked()).and_then(|at| {
            saving
                .edit(|s, now| {
                    crate::domain::records::clients::log_unrated(
                        s,
                        browser::new_id(),
                        &cid.get_value(),
                        at,
                        &text,
                        now,
                    )
                })
                .map(|()| at)
        });
        match r {
            Ok(at) => {
                open.set(false);
                reason.set(String::new());
                message.set(Some(trf(
                    "Logged: a session without a rating on {when}.",
                    &[("when", &browser::format_local(at))],
                )));
            }
            Err(e) => message.set(Some(e.words(crate::ui::shared::words::words()))),
        }
    };
    let toggle = move |_| {
        // The date starts at now each time the form opens: today is the
        // usual case, and an earlier day is one edit away.
        when.set(browser::local_input_value(browser::now()));
        open.update(|o| *o = !*o);
        message.set(None);
    };
    view! {
        <div class="no-rating">
            <button type="button" aria-expanded=move || open.get().to_string()
                on:click=toggle>{tr("Session without a rating")}</button>
            // novalidate: a date in the future gets the domain's own words
            // beside the field, not only the browser's bubble.
            <form hidden=move || !open.get() on:submit=save novalidate>
                <div class="field">
                    <label for="no-rating-when">{tr("When the session took place")}</label>
                    <input id="no-rating-when" type="datetime-local"
                        max=move || { open.get(); browser::local_input_value(browser::now()) }
                        prop:value=move || when.get() on:input=move |ev| when.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="no-rating-reason">{tr("Why (optional)")}</label>
                    <input id="no-rating-reason" type="text" autocomplete="off"
                        maxlength=crate::domain::records::clients::UNRATED_REASON_MAX_CHARS.to_string()
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="primary">{tr("Log the session")}</button>
            </form>
            <p class="status" role="status">{move || message.get()}</p>
        </div>
    }
}

/// The sessions logged without a rating, newest first.
#[component]
pub(super) fn Unrated(client_id: String) -> impl IntoView {
    let data = expect_context::<DataState>();
    let rows = Memo::new(move |_| {
        data.store.with(|s| {
            let mut v: Vec<_> = s
                .unrated
                .iter()
                .filter(|u| u.client_id == client_id)
                .map(|u| (u.at, u.reason.clone()))
                .collect();
            v.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
            v
        })
    });
    move || {
        let list = rows.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|(at, reason)| {
                    view! {
                        <li>{browser::format_local(at)}{reason.map(|r| format!(": {r}"))}</li>
                    }
                })
                .collect_view();
            view! {
                <section class="unrated" aria-labelledby="unrated-heading" data-testid="unrated">
                    <h2 id="unrated-heading">{tr("Sessions without a rating")}</h2>
                    <ul>{items}</ul>
                </section>
            }
        })
    }
}
