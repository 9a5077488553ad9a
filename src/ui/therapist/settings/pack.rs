//! The wording pack in Settings: load a clinic's pack file (checked
//! strictly by the domain; a refusal names what is wrong and changes
//! nothing), see which pack and languages the device holds, remove it.

use crate::domain::measures::pack::Pack;
use crate::domain::measures::scale::Scales;
use crate::platform::browser::LocalStore;
use crate::storage::pack::{self, LoadRefused, StoredPack};
use crate::ui::shared::words::{tr, trf, words};
use leptos::prelude::*;

/// One sentence on a loaded pack: its name, version, languages, licence.
fn describe(p: &Pack) -> String {
    let languages = p
        .languages
        .iter()
        .map(|l| format!("{} ({})", l.name, l.tag))
        .collect::<Vec<_>>()
        .join(", ");
    trf(
        "Loaded: \u{201c}{name}\u{201d}, version {version}. Languages: {languages}. Licence: {licence}",
        &[
            ("name", &p.name),
            ("version", &p.version),
            ("languages", &languages),
            ("licence", &p.licence),
        ],
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
                    tr("The file could not be read. Nothing was changed.").into(),
                ));
            };
            match pack::replace(&LocalStore, &bytes, &Scales::builtin()) {
                Ok(p) => {
                    done.set(trf(
                        "The pack \u{201c}{name}\u{201d} is loaded.",
                        &[("name", &p.name)],
                    ));
                    stored.set(StoredPack::Loaded(p));
                    refresh();
                }
                Err(LoadRefused::Pack(why)) => error.set(Some(trf(
                    "The pack was not loaded: {why}. Nothing was changed.",
                    &[("why", &why.words(words()))],
                ))),
                Err(LoadRefused::Storage(e)) => error.set(Some(trf(
                    "The pack is valid but could not be stored: {error}. Nothing was changed.",
                    &[("error", &e)],
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
                done.set(tr("The pack is removed: Attune's own wording is used again.").into());
            }
            Err(e) => error.set(Some(trf(
                "The pack could not be removed: {error}.",
                &[("error", &e)],
            ))),
        }
    };

    view! {
        <section class="setting" aria-labelledby="pack-heading">
            <h2 id="pack-heading">{tr("Wording pack")}</h2>
            <p class="hint">
                {tr("Attune ships its own wording for each measure. A clinic licensed for the official wording, or working in another language, loads it here as a pack file; scores and histories do not change with the wording.")}
            </p>
            <p data-testid="pack-now">{move || match stored.get() {
                StoredPack::None => tr("No pack is loaded: the measures use Attune's own wording, in English.").to_string(),
                StoredPack::Loaded(p) => describe(&p),
                StoredPack::Unreadable(why) => trf(
                    "The stored pack cannot be used ({why}); Attune's own wording is used until a pack is loaded again.",
                    &[("why", &why.words(words()))],
                ),
            }}</p>
            {move || (!matches!(stored.get(), StoredPack::None)).then(|| view! {
                <button type="button" on:click=remove>{tr("Remove the pack")}</button>
            })}
            <div class="field">
                <label for="pack-file">{tr("Pack file (.json)")}</label>
                <input id="pack-file" type="file" accept=".json,application/json" on:change=on_file
                    aria-describedby="pack-error"/>
            </div>
            <DeviceWording stored=stored refresh=refresh/>
            <p id="pack-error" class="error" role="alert" data-testid="pack-error">{move || error.get()}</p>
            <p class="status" role="status" data-testid="pack-result">{move || done.get()}</p>
        </section>
    }
}

/// The device's language for every client without one of their own, and
/// for a rating of no client: Attune's own English, Attune's own Spanish or
/// a language of the loaded pack (a clinic licensed for the official text
/// shows it to every client this way).
#[component]
fn DeviceWording(
    stored: RwSignal<StoredPack>,
    refresh: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(String::new());
    let chosen = RwSignal::new(pack::every(&LocalStore));
    let change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let tag = (!value.is_empty()).then_some(value);
        match pack::set_every(&LocalStore, tag.as_deref()) {
            Ok(()) => {
                error.set(None);
                chosen.set(tag.clone());
                refresh();
                done.set(match tag {
                    None => tr("Clients without a language of their own see Attune's own English.").into(),
                    Some(t) => {
                        let (loaded, shipped) = crate::ui::therapist::language::sources();
                        let offered = crate::domain::measures::language::offered(loaded.as_ref(), shipped.as_ref());
                        let name = offered.iter().find(|o| o.tag == t).map_or(t.as_str(), |o| o.label.as_str());
                        trf("From the next rating, clients without a language of their own see {name}. Your pages stay in English.", &[("name", &name)])
                    }
                });
            }
            Err(e) => error.set(Some(trf(
                "The device's wording could not be stored: {error}. Nothing was changed.",
                &[("error", &e)],
            ))),
        }
    };
    view! {
        <div class="field">
            <label for="device-wording">{tr("Wording for every client without a language of their own")}</label>
            <select id="device-wording" on:change=change aria-describedby="device-wording-error">
                <option value="" selected=move || chosen.get().is_none()>
                    {trf("{language}, Attune's own wording", &[("language", &crate::domain::measures::language::BUILT_IN_LABEL)])}
                </option>
                {move || {
                    // Offered again when the pack changes.
                    stored.track();
                    let (loaded, shipped) = crate::ui::therapist::language::sources();
                    crate::domain::measures::language::offered(loaded.as_ref(), shipped.as_ref())
                        .into_iter()
                        .map(|o| {
                            let tag = o.tag.clone();
                            view! {
                                <option value=o.tag.clone()
                                    selected=move || chosen.get().is_some_and(|t| t.eq_ignore_ascii_case(&tag))>
                                    {o.label}
                                </option>
                            }
                        })
                        .collect_view()
                }}
                {move || chosen.get().filter(|t| {
                    stored.track();
                    let (loaded, shipped) = crate::ui::therapist::language::sources();
                    crate::domain::measures::language::resolve(t, loaded.as_ref(), shipped.as_ref()).is_none()
                }).map(|t| view! {
                    <option value=t.clone() selected=true>
                        {trf("{tag}: not on this device, English is shown", &[("tag", &t)])}
                    </option>
                })}
            </select>
            <p id="device-wording-error" class="error" role="alert">{move || error.get()}</p>
            <p class="status" role="status" data-testid="device-wording-result">{move || done.get()}</p>
        </div>
    }
}
