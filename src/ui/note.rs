//! The discussion prompt and the progress-note snippet on the review. The
//! words come from `domain::prompt` and `domain::note`; this only shows them.

use super::{browser, use_state};
use crate::domain::note::progress_note;
use crate::domain::prompt::{discussion_prompt, Prompt, Situation};
use crate::domain::rating::Rating;
use leptos::prelude::*;

/// The prompt for `rating`, given the same client's other sessions.
pub fn prompt_for(rating: &Rating) -> Prompt {
    let state = use_state();
    let scale = state.data.scale.get_value();
    state
        .data
        .store
        .with(|s| discussion_prompt(&scale, rating, &s.ratings))
}

/// What to say next: the situation, its flags and three steps.
#[component]
pub fn PromptPanel(prompt: Prompt) -> impl IntoView {
    let flags = prompt
        .flags
        .iter()
        .filter(|f| **f != Situation::Neutral)
        .map(|f| view! { <li class="flag-chip">{f.label()}</li> })
        .collect_view();
    let steps = prompt
        .steps
        .iter()
        .map(|s| view! { <li>{s.clone()}</li> })
        .collect_view();
    view! {
        <section class="prompt" data-testid="prompt" aria-labelledby="prompt-heading"
            data-situation=prompt.situation.label()>
            <h2 id="prompt-heading">{prompt.title.clone()}</h2>
            <ul class="flag-chips" aria-label="Flags">{flags}</ul>
            <ol class="steps">{steps}</ol>
        </section>
    }
}

/// The note snippet with two optional fields and a Copy button. The typed
/// fields are this panel's own signals, made once: store changes update the
/// snippet around them and never clear them.
#[component]
pub fn NotePanel(rating: Memo<Option<Rating>>, prompt: Memo<Option<Prompt>>) -> impl IntoView {
    let state = use_state();
    let feedback = RwSignal::new(String::new());
    let response = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let text = Memo::new(move |_| {
        let scale = state.data.scale.get_value();
        rating.with(|r| {
            prompt.with(|p| match (r, p) {
                (Some(r), Some(p)) => progress_note(&scale, r, p, &feedback.get(), &response.get()),
                _ => String::new(),
            })
        })
    });
    let copy = move |_| {
        let t = text.get_untracked();
        leptos::task::spawn_local(async move {
            let msg = if browser::copy_text(&t).await || browser::select_and_copy("note-text") {
                "Copied to the clipboard."
            } else {
                // The text is selected: the system's own copy works from here.
                "Could not copy automatically. The note is selected: press Ctrl+C (or ⌘C) to copy it."
            };
            status.set(msg.to_string());
        });
    };
    view! {
        <section class="note" aria-labelledby="note-heading">
            <h2 id="note-heading">"Progress note"</h2>
            <div class="field">
                <label for="note-feedback">"What the client said (optional)"</label>
                <input id="note-feedback" type="text" prop:value=move || feedback.get()
                    on:input=move |ev| { feedback.set(event_target_value(&ev)); status.set(String::new()); }/>
            </div>
            <div class="field">
                <label for="note-response">"What you will change (optional)"</label>
                <input id="note-response" type="text" prop:value=move || response.get()
                    on:input=move |ev| { response.set(event_target_value(&ev)); status.set(String::new()); }/>
            </div>
            <label for="note-text" class="sr-only">"Note text"</label>
            <textarea id="note-text" data-testid="note" readonly rows="4" prop:value=move || text.get()></textarea>
            <div class="actions">
                <button type="button" on:click=copy>"Copy note"</button>
                <p class="status" role="status" data-testid="copy-status">{move || status.get()}</p>
            </div>
        </section>
    }
}
