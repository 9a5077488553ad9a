//! The wording pack in Settings: load a clinic's pack file (checked
//! strictly by the domain; a refusal names what is wrong and changes
//! nothing), see which pack and languages the device holds, remove it.

use crate::domain::measures::pack::Pack;
use crate::domain::measures::scale::Scales;
use crate::platform::browser::LocalStore;
use crate::storage::pack::{self, LoadRefused, StoredPack};
use leptos::prelude::*;

/// One sentence on a loaded pack: its name, version, languages, licence.
fn describe(p: &Pack) -> String {
    let languages = p
        .languages
        .iter()
        .map(|l| format!("{} ({})", l.name, l.tag))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "Loaded: \u{201c}{}\u{201d}, version {}. Languages: {}. Licence: {}",
        p.name, p.version, languages, p.licence
    )
}

/// The Settings section for the wording pack.
#[component]
pub(super) fn WordingPack() -> impl IntoView {
    let saving = expect_context::<crate::ui::shared::state::Saving>();
    // A pack's words reach the clients who rate in its languages.
    let refresh = move || {
        saving
            .data
            .store
            .with_untracked(crate::ui::therapist::language::refresh_words)
    };
    let stored = RwSignal::new(pack::load(&LocalStore, &Scales::builtin()));
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(String::new());

    let on_file = move |ev: leptos::ev::Event| {
        error.set(None);
        done.set(String::new());
        let Some(reading) = crate::ui::shared::browser::chosen_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Some(bytes) = reading.await else {
                return error.set(Some(
                    "The file could not be read. Nothing was changed.".into(),
                ));
            };
            match pack::replace(&LocalStore, &bytes, &Scales::builtin()) {
                Ok(p) => {
                    done.set(format!("The pack \u{201c}{}\u{201d} is loaded.", p.name));
                    stored.set(StoredPack::Loaded(p));
                    refresh();
                }
                Err(LoadRefused::Pack(why)) => error.set(Some(format!(
                    "The pack was not loaded: {why}. Nothing was changed."
                ))),
                Err(LoadRefused::Storage(e)) => error.set(Some(format!(
                    "The pack is valid but could not be stored: {e}. Nothing was changed."
                ))),
            }
        });
    };

    let remove = move |_| {
        error.set(None);
        match pack::remove(&LocalStore) {
            Ok(()) => {
                stored.set(StoredPack::None);
                refresh();
                done.set("The pack is removed: Attune's own wording is used again.".into());
            }
            Err(e) => error.set(Some(format!("The pack could not be removed: {e}."))),
        }
    };

    view! {
        <section class="setting" aria-labelledby="pack-heading">
            <h2 id="pack-heading">"Wording pack"</h2>
            <p class="hint">
                "Attune ships its own wording for each measure. A clinic licensed for the official "
                "wording, or working in another language, loads it here as a pack file; scores and "
                "histories do not change with the wording."
            </p>
            <p data-testid="pack-now">{move || match stored.get() {
                StoredPack::None => "No pack is loaded: the measures use Attune's own wording, in English.".to_string(),
                StoredPack::Loaded(p) => describe(&p),
                StoredPack::Unreadable(why) => format!(
                    "The stored pack cannot be used ({why}); Attune's own wording is used until a pack is loaded again."
                ),
            }}</p>
            {move || (!matches!(stored.get(), StoredPack::None)).then(|| view! {
                <button type="button" on:click=remove>"Remove the pack"</button>
            })}
            <div class="field">
                <label for="pack-file">"Pack file (.json)"</label>
                <input id="pack-file" type="file" accept=".json,application/json" on:change=on_file
                    aria-describedby="pack-error"/>
            </div>
            <p id="pack-error" class="error" role="alert" data-testid="pack-error">{move || error.get()}</p>
            <p class="status" role="status" data-testid="pack-result">{move || done.get()}</p>
        </section>
    }
}
