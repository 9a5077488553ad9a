//! Episodes of care on a client's page: where treatment stands, "End
//! episode" with a reason and a date, and, when a session after an end
//! started a new episode, the way to reopen the last one instead. Every
//! rule and sentence is `domain::course::episode`'s and
//! `domain::records::episode_end`'s; this only lays them out and saves.

use crate::domain::course::episode::{end_reason_label, episode_status, episodes_of};
use crate::domain::records::clients::{add_episode_end, end_episode, reopen_episode, EditError};
use crate::domain::records::episode_end::{format_date, parse_date, EndReason, EpisodeEnd};
use crate::domain::time::local_date;
use crate::ui::shared::browser;
use crate::ui::shared::state::{DataState, Saving};
use crate::ui::shared::words::{tr, trf, words};
use leptos::prelude::*;

/// The episode panel of one client's page.
#[component]
pub(crate) fn EpisodePanel(client_id: String) -> impl IntoView {
    let data = expect_context::<DataState>();
    let saving = expect_context::<Saving>();
    let cid = StoredValue::new(client_id);
    let open = RwSignal::new(false);
    let reason = RwSignal::new(EndReason::Planned);
    let when = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let status = Memo::new(move |_| {
        let id = cid.get_value();
        data.store.with(|s| {
            let eps = episodes_of(
                &id,
                &s.ratings,
                &s.unrated,
                &s.episode_ends,
                &browser::offset_east_minutes,
            );
            episode_status(&eps, &browser::offset_east_minutes, words())
        })
    });
    let toggle = move |_| {
        // The form starts at the last session's day: the usual end.
        let day = status.with_untracked(|s| s.as_ref().and_then(|s| s.last_visit));
        when.set(day.map(format_date).unwrap_or_default());
        open.update(|o| *o = !*o);
        message.set(None);
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = browser::now();
        let today = local_date(now, &browser::offset_east_minutes);
        let r = parse_date(&when.get_untracked())
            .map_err(|_| tr("Enter the date the episode ended, like 2026-03-05.").to_string())
            .and_then(|on| {
                saving
                    .edit(|s, now| {
                        let end = EpisodeEnd::new(
                            browser::new_id(),
                            cid.get_value(),
                            on,
                            reason.get_untracked(),
                            now,
                        );
                        let last =
                            status.with_untracked(|st| st.as_ref().and_then(|st| st.last_visit));
                        end_episode(s, end, today, last)
                    })
                    .map_err(|e| e.words(crate::ui::shared::words::words()))
            });
        match r {
            Ok(()) => {
                open.set(false);
                message.set(Some(tr("Episode ended.").into()));
            }
            Err(e) => message.set(Some(e)),
        }
    };
    let reopen = move |end_id: String| {
        let r = saving.edit(|s, now| reopen_episode(s, &end_id, now));
        message.set(Some(match r {
            Ok(()) => tr("Episode reopened: its sessions read as one course again.").into(),
            Err(e) => e.words(crate::ui::shared::words::words()),
        }));
    };
    let reasons = EndReason::ALL
        .iter()
        .map(|r| {
            let r = *r;
            view! {
                <label class="check">
                    <input type="radio" name="end-reason" prop:checked=move || reason.get() == r
                        on:change=move |_| reason.set(r)/>
                    " " {end_reason_label(r, words())}
                </label>
            }
        })
        .collect_view();
    let panel = move || {
        status.get().map(|st| {
            let end_button = st.open.then(|| {
                view! {
                    <button type="button" aria-expanded=move || open.get().to_string()
                        on:click=toggle>{tr("End episode")}</button>
                }
            });
            let notice = st.new_episode.clone().map(|text| {
                let end_id = st.reopen.clone();
                view! {
                    <p class="notice" data-testid="new-episode">{text}</p>
                    {end_id.map(|id| view! {
                        <button type="button" on:click=move |_| reopen(id.clone())>
                            {tr("Reopen the last episode instead")}
                        </button>
                    })}
                }
            });
            // An ended last episode can be taken back too (ended by mistake).
            let reopen_ended = (!st.open).then(|| st.reopen.clone()).flatten().map(|id| {
                view! {
                    <button type="button" on:click=move |_| reopen(id.clone())>{tr("Reopen this episode")}</button>
                }
            });
            view! {
                <p data-testid="episode-status">{st.text.clone()}</p>
                {notice}
                <div class="actions">{end_button}{reopen_ended}</div>
            }
        })
    };
    view! {
        <section class="episodes" aria-labelledby="episodes-heading">
            <h2 id="episodes-heading">{tr("Episode of care")}</h2>
            {panel}
            <form hidden=move || !open.get() on:submit=save novalidate>
                <fieldset>
                    <legend>{tr("How it ended")}</legend>
                    {reasons}
                </fieldset>
                <div class="field">
                    <label for="episode-end-date">{tr("Ended on")}</label>
                    <input id="episode-end-date" type="date"
                        prop:value=move || when.get() on:input=move |ev| when.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="primary">{tr("End the episode")}</button>
            </form>
            <p class="status" role="status">{move || message.get()}</p>
        </section>
    }
}

/// The caseload's one step for a client not seen for weeks: end the current
/// episode as "the client stopped coming", dated on the last session's day.
/// Offered only where the domain says it may be (`may_end_as_stopped`).
#[component]
pub(crate) fn StoppedComing(client_id: String, label: String) -> impl IntoView {
    let saving = expect_context::<Saving>();
    let cid = StoredValue::new(client_id);
    let message = RwSignal::new(None::<String>);
    let stop = move |_| {
        let r = saving.edit(|s, now| {
            let zone = &browser::offset_east_minutes;
            let end = episodes_of(
                &cid.get_value(),
                &s.ratings,
                &s.unrated,
                &s.episode_ends,
                zone,
            )
            .end_as_stopped(browser::new_id(), now, zone)
            .ok_or(EditError::Missing)?;
            add_episode_end(s, end)
        });
        message.set(r.err().map(|e| e.words(crate::ui::shared::words::words())));
    };
    view! {
        <button type="button" on:click=stop
            aria-label=trf("End {label}'s episode: stopped coming", &[("label", &label)])>{tr("Stopped coming")}</button>

        {move || message.get().map(|m| view! { <span class="status" role="status">{m}</span> })}
    }
}
