//! Importing a backup on the Data screen: read, check and compare it, show
//! what it would change, then apply it only on confirmation.

use crate::domain::export::{self, ImportPlan};
use crate::domain::measures::scale::Scales;
use crate::domain::records::store::Store;
use crate::ui::shared::browser;
use crate::ui::shared::state::Saving;
use crate::ui::shared::words::{tr, trf, words};
use leptos::prelude::*;

/// A backup read and compared with the stored data, waiting for the
/// therapist's word.
#[derive(Clone)]
struct Pending {
    /// What the import would do, item by item.
    plan: ImportPlan,
    /// The file's contents, for the download of its differing copies.
    incoming: Store,
    /// The preview's sentences.
    lines: Vec<String>,
}

/// Reads an imported file's bytes strictly and plans the import against
/// `stored`; the refusal is a sentence for the alert. Nothing is changed.
fn plan_import(bytes: &[u8], stored: &Store, scales: &Scales) -> Result<Pending, String> {
    let w = words();
    let text = export::decode_import_bytes(bytes).map_err(|e| {
        trf(
            "This file cannot be imported. {reason} Nothing was changed.",
            &[("reason", &e.words(w))],
        )
    })?;
    let backup = export::read_backup(&text).map_err(|e| {
        trf(
            "This file cannot be imported: {reason}. Nothing was changed.",
            &[("reason", &e.words(w))],
        )
    })?;
    let plan = export::import_plan(stored, &backup.store, scales, w);
    Ok(Pending {
        lines: export::summary(&plan, w),
        plan,
        incoming: backup.store,
    })
}

/// Import a backup: read, check and compare it, show what it would change,
/// then apply it only on confirmation, and say "Imported" only once the
/// write was verified.
#[component]
pub(super) fn Import() -> impl IntoView {
    let saving = expect_context::<Saving>();
    let pending = RwSignal::new(None::<Pending>);
    let accept_labels = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(String::new());
    let preview_status = RwSignal::new(String::new());

    let on_file = move |ev: leptos::ev::Event| {
        pending.set(None);
        accept_labels.set(false);
        error.set(None);
        done.set(String::new());
        preview_status.set(String::new());
        let Some(reading) = browser::chosen_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Some(bytes) = reading.await else {
                return error.set(Some(
                    tr("The file could not be read. Nothing was changed.").into(),
                ));
            };
            let planned = saving.data.scales.with_value(|scales| {
                saving
                    .data
                    .store
                    .with_untracked(|stored| plan_import(&bytes, stored, scales))
            });
            match planned {
                Ok(p) => pending.set(Some(p)),
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let download_differing = move |_| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        let now = browser::now();
        let text = export::backup_json(&export::differing_store(&p.plan, &p.incoming), now);
        preview_status.set(
            match browser::download(&export::differing_file_name(now), "application/json", &text) {
                Ok(()) => tr("Download of the differing copies started.").into(),
                Err(e) => trf(
                    "Could not create the file: {error}.",
                    &[("error", &super::file_refused(&e))],
                ),
            },
        );
    };

    let confirm = move |_| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        let accept = accept_labels.get_untracked();
        pending.set(None);
        accept_labels.set(false);
        let changes = export::changes_anything(&p.plan, accept);
        let before = saving.data.store.get_untracked();
        let unsaved_before = saving.data.unsaved.get_untracked();
        if changes {
            let next = export::apply(&p.plan, &before, accept, browser::now());
            saving.data.store.set(next);
            saving.persist();
        }
        // "Imported" only once the write is verified (IndexedDB: its
        // transaction completed), never on the plan alone.
        wasm_bindgen_futures::spawn_local(async move {
            crate::ui::shared::keeping::settled(saving).await;
            let saved = match (changes, saving.data.unsaved.get_untracked()) {
                (false, _) | (true, None) => Ok(()),
                (true, Some(why)) => {
                    // The import did not happen: the screen must show what is
                    // stored, and the banner only what was unsaved before it.
                    saving.data.store.set(before);
                    saving.data.unsaved.set(unsaved_before);
                    Err(why)
                }
            };
            let message = export::result_message(&p.plan, accept, saved.clone(), words());
            match saved {
                Ok(()) => done.set(message),
                Err(_) => error.set(Some(message)),
            }
        });
    };

    let preview = move || {
        pending.get().map(|p| {
            let lines = p
                .lines
                .iter()
                .map(|l| view! { <li>{l.clone()}</li> })
                .collect_view();
            let differing = (!p.plan.differing.is_empty()).then(|| {
                view! {
                    <p>
                        {tr("The file's differing copies are not imported; download them to keep them or compare.")}
                    </p>
                    <button type="button" on:click=download_differing>{tr("Download the differing copies")}</button>
                }
            });
            let labels = (!p.plan.label_changes.is_empty()).then(|| {
                view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=move || accept_labels.get()
                            on:change=move |ev| accept_labels.set(event_target_checked(&ev))/>
                        {tr(" Use the file's labels for these clients")}
                    </label>
                }
            });
            view! {
                <div class="preview" data-testid="import-preview">
                    <h3>{tr("What this file would change")}</h3>
                    <ul class="import-summary">{lines}</ul>
                    {differing}
                    {labels}
                    <div class="actions">
                        <button type="button" class="primary" on:click=confirm>{tr("Import")}</button>
                        <button type="button" on:click=move |_| pending.set(None)>{tr("Cancel")}</button>
                    </div>
                    <p class="status" role="status">{move || preview_status.get()}</p>
                </div>
            }
        })
    };

    view! {
        <section class="setting" aria-labelledby="import-heading">
            <h2 id="import-heading">{tr("Import a backup")}</h2>
            <p class="hint">
                {tr("Nothing changes until you confirm. Stored ratings are never replaced: a copy in the file that differs is listed and can be downloaded.")}
            </p>
            <div class="field">
                <label for="import-file">{tr("Backup file (.json)")}</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_file
                    aria-describedby="import-error"/>
            </div>
            <p id="import-error" class="error" role="alert" data-testid="import-error">{move || error.get()}</p>
            {preview}
            <p class="status" role="status" data-testid="import-result">{move || done.get()}</p>
        </section>
    }
}
