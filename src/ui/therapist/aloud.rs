//! Read aloud, on the client's page: whether the form reads this client's
//! lines aloud (title and ends, in the client's language, never a score;
//! see [`crate::ui::form::aloud`]). Kept on the client record (version 8),
//! so it syncs and backs up with the client, and passed to the form in the
//! words the therapist page leaves for it
//! ([`crate::ui::therapist::language::refresh_words`]).

use crate::domain::records::clients;
use crate::ui::shared::state::Saving;
use crate::ui::shared::words::tr;
use crate::ui::therapist::language::refresh_words;
use leptos::prelude::*;

/// The "Read the lines aloud on the form" choice of one client.
#[component]
pub fn ClientReadAloud(client_id: String) -> impl IntoView {
    let saving = expect_context::<Saving>();
    let cid = StoredValue::new(client_id);
    let error = RwSignal::new(None::<String>);
    let on = Memo::new(move |_| {
        saving.data.store.with(|s| {
            s.clients
                .iter()
                .any(|c| c.id == cid.get_value() && c.read_aloud)
        })
    });
    let change = move |ev: leptos::ev::Event| {
        let want = event_target_checked(&ev);
        let r = saving.edit(|s, now| clients::set_read_aloud(s, &cid.get_value(), want, now));
        error.set(r.err().map(|e| e.words(crate::ui::shared::words::words())));
        // At once, before the device can be handed over.
        saving.data.store.with_untracked(refresh_words);
    };
    view! {
        <div class="field">
            <label class="check">
                <input type="checkbox" prop:checked=move || on.get() on:change=change
                    aria-describedby="client-aloud-hint client-aloud-error"/>
                {tr(" Read the lines aloud on the form")}
            </label>
            <p id="client-aloud-hint" class="hint">
                {tr("For a child or a client who cannot read: each line gets a Read aloud button that says its title and both ends in the client's language, with the device's own voice (never a score). Where the device has no speech, the form says so and shows no button.")}
            </p>

            <p id="client-aloud-error" class="error" role="alert">{move || error.get()}</p>
        </div>
    }
}
