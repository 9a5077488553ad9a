//! The discussion prompt and the progress note on the review. The words come
//! from `domain::course::prompt` and `domain::course::note`; this only shows them and keeps
//! what the therapist types.

use crate::domain::course::note::{session_note_text, OrsNote};
use crate::domain::course::outcome::ors_status;
use crate::domain::course::prompt::{discussion_layers, PromptLayers};
use crate::domain::course::session::partner;
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::rating::NoteInput;
use crate::domain::measures::rating::Rating;
use crate::domain::records::clients;
use crate::ui::shared::browser;
use crate::ui::shared::state::{DataState, Saving};
use crate::ui::shared::words::{tr, words};
use crate::ui::therapist::prompt_view::{LayeredPrompt, Layers};
use leptos::prelude::*;

/// The layered prompt for `rating`, given the same client's other sessions.
pub fn prompt_for(rating: &Rating) -> PromptLayers {
    let data = expect_context::<DataState>();
    let scale = data.srs();
    data.store
        .with(|s| discussion_layers(&scale, rating, &s.ratings, words()))
}

/// What to say next, in layers: one sentence to say, the one thing to listen
/// for, then the three steps behind a disclosure (open the first time this
/// therapist meets the situation, so the full guidance is there when new).
#[component]
pub fn PromptPanel(prompt: PromptLayers) -> impl IntoView {
    let layers = Layers {
        title: prompt.title,
        say: prompt.say,
        listen_for: prompt.listen_for,
        steps: prompt.steps,
    };
    view! {
        <LayeredPrompt layers=layers seen_key=prompt.situation.key() situation=prompt.situation.label().to_string()
            test_id="prompt" say_id="say" heading_id="prompt-heading"/>
    }
}

/// The note: two fields typed by the therapist, kept with the rating (saved a
/// moment after typing stops, and on leaving a field), and the paste-ready
/// text with a Copy button. The fields are this panel's own signals, made
/// once per review: store changes update the text around them and never
/// clear what was typed.
#[component]
pub fn NotePanel(rating: Memo<Option<Rating>>) -> impl IntoView {
    let saving = expect_context::<Saving>();
    let stored =
        rating.with_untracked(|r| r.as_ref().and_then(|r| r.note.clone()).unwrap_or_default());
    let feedback = RwSignal::new(stored.client_feedback);
    let response = RwSignal::new(stored.therapist_response);
    let status = RwSignal::new(String::new());
    let generation = StoredValue::new(0u32);
    let text = Memo::new(move |_| {
        let scale = saving.data.srs();
        let ors_scale = saving.data.scale_of(MeasureKind::Ors);
        rating.with(|r| {
            let Some(r) = r else { return String::new() };
            let input = NoteInput {
                client_feedback: feedback.get(),
                therapist_response: response.get(),
            };
            // The therapist's local calendar day, as the client's report
            // dates the same note (a late-evening session is not the next day).
            let date = crate::ui::shared::words::words().local_day(
                r.session_at,
                crate::ui::shared::browser::offset_east_minutes(r.session_at),
            );
            saving.data.store.with(|s| {
                let client = r
                    .client_id
                    .as_ref()
                    .and_then(|id| s.clients.iter().find(|c| &c.id == id));
                // The session's ORS (this rating, or the one that opened its
                // session) read against the client's intake and cutoff.
                let ors = match r.measure {
                    MeasureKind::Ors => Some(r),
                    MeasureKind::Srs => partner(&s.ratings, r, MeasureKind::Ors),
                };
                let status = ors.and_then(|o| {
                    ors_status(s, o, &crate::ui::shared::browser::offset_east_minutes)
                });
                let ors_note = ors.map(|o| OrsNote {
                    scale: &ors_scale,
                    total: o.total(),
                    status: status.as_ref(),
                });
                // The SRS: this rating, or the one that closed its session.
                let srs = match r.measure {
                    MeasureKind::Srs => Some(r),
                    MeasureKind::Ors => partner(&s.ratings, r, MeasureKind::Srs),
                };
                session_note_text(
                    srs.map(|m| (&scale, m)),
                    ors_note,
                    client.map(|c| c.label.as_str()),
                    &date,
                    &input,
                    words(),
                )
            })
        })
    });
    // Also called from a timer that may fire after this review has closed:
    // every read is a `try_` read, and a closed review saves nothing more
    // (leaving a field already saved it, on `change`).
    let save = move || {
        let Some(Some(id)) = rating.try_with_untracked(|r| r.as_ref().map(|r| r.id.clone())) else {
            return;
        };
        let (Some(client_feedback), Some(therapist_response)) =
            (feedback.try_get_untracked(), response.try_get_untracked())
        else {
            return;
        };
        let input = NoteInput {
            client_feedback,
            therapist_response,
        };
        let unchanged = rating.try_with_untracked(|r| {
            r.as_ref().map(|r| r.note.clone().unwrap_or_default()) == Some(input.clone())
        });
        if unchanged == Some(false) {
            let _ = saving.edit(|s, now| clients::set_note(s, &id, input, now));
        }
    };
    // Leaving the review within the pause (Back, a link) saves what was typed.
    on_cleanup(save);
    // Saving on every key would rewrite the whole document per keystroke:
    // wait until typing pauses.
    let typed = move || {
        status.set(String::new());
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.try_get_value() == Some(mine) {
                    save();
                }
            },
            std::time::Duration::from_millis(600),
        );
    };
    let copy = move |_| {
        save();
        let t = text.get_untracked();
        leptos::task::spawn_local(async move {
            let msg = if browser::copy_text(&t).await || browser::select_and_copy("note-text") {
                tr("Copied to the clipboard.")
            } else {
                // The text is selected: the system's own copy works from here.
                tr("Could not copy automatically. The note is selected: press Ctrl+C (or ⌘C) to copy it.")
            };
            status.try_set(msg.to_string());
        });
    };
    view! {
        <section class="note" aria-labelledby="note-heading">
            <h2 id="note-heading">{tr("Progress note")}</h2>
            <div class="field">
                <label for="note-feedback">{tr("What the client said (optional)")}</label>
                <input id="note-feedback" type="text" prop:value=move || feedback.get()
                    on:input=move |ev| { feedback.set(event_target_value(&ev)); typed(); }
                    on:change=move |_| save()/>
            </div>
            <div class="field">
                <label for="note-response">{tr("What you will change (optional)")}</label>
                <input id="note-response" type="text" prop:value=move || response.get()
                    on:input=move |ev| { response.set(event_target_value(&ev)); typed(); }
                    on:change=move |_| save()/>
            </div>
            <p class="hint">{tr("Both are kept with this rating and go into its exports.")}</p>
            <label for="note-text" class="sr-only">{tr("Note text")}</label>
            <textarea id="note-text" data-testid="note" readonly rows="4" prop:value=move || text.get()></textarea>
            <div class="actions">
                <button type="button" on:click=copy>{tr("Copy note")}</button>
                <p class="status" role="status" data-testid="copy-status">{move || status.get()}</p>
            </div>
        </section>
    }
}
