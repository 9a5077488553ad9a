//! Taking the data out and bringing a backup back: JSON backup, CSV, FHIR R4,
//! import with a preview, storage use and persistence.

use crate::domain::export::{self, ImportPlan};
use crate::domain::reminder;
use crate::domain::scale::Scales;
use crate::domain::store::Store;
use crate::storage;
use crate::ui::shared::browser;
use crate::ui::shared::state::{DataState, Saving};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Downloads the full backup and records when, for the reminder.
pub fn download_backup() {
    let saving = expect_context::<Saving>();
    let now = browser::now();
    let text = export::backup_json(&saving.data.store.get_untracked(), now);
    if browser::download(&export::backup_file_name(now), "application/json", &text).is_ok() {
        saving.data.store.update(|s| s.last_backup_at = Some(now));
        saving.persist();
    }
}

/// The Data screen.
#[component]
pub fn DataScreen() -> impl IntoView {
    let data = expect_context::<DataState>();
    let status = RwSignal::new(String::new());
    let csv = move |_| {
        let now = browser::now();
        let text = data.scales.with_value(|scales| {
            data.store
                .with_untracked(|s| format!("{}{}", export::CSV_BOM, export::csv(s, scales)))
        });
        report(
            status,
            browser::download(&export::csv_file_name(now), export::CSV_MIME, &text),
        );
    };
    let fhir = move |_| {
        let now = browser::now();
        let text = data.scales.with_value(|scales| {
            data.store
                .with_untracked(|s| export::fhir_bundle(s, scales, now).to_string())
        });
        report(
            status,
            browser::download(&export::fhir_file_name(now), export::FHIR_MIME, &text),
        );
    };
    let reminder = move || {
        data.store
            .with(|s| reminder::backup_reminder(s, browser::now()))
    };
    let last = move || {
        data.store.with(|s| match s.last_backup_at {
            Some(at) => format!("Last backup: {}.", browser::format_local(at)),
            None => "No backup made yet.".to_string(),
        })
    };
    let count = move || {
        data.store.with(|s| match s.ratings.len() {
            1 => "1 rating stored. ".to_string(),
            n => format!("{n} ratings stored. "),
        })
    };

    view! {
        <section class="data" aria-labelledby="data-heading">
            <h1 id="data-heading">"Your data"</h1>
            <p>
                "Everything Attune records stays in this browser on this device. Back it up regularly: "
                "clearing the browser's data or losing the device loses the ratings."
            </p>
            <section class="setting" aria-labelledby="export-heading">
                <h2 id="export-heading">"Back up and export"</h2>
                <p data-testid="rating-count">{count}{last}</p>
                {move || reminder().map(|r| view! { <p class="flag" data-testid="backup-reminder">{r}</p> })}
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| download_backup()>"Download backup (JSON)"</button>
                    <button type="button" on:click=csv>"Download spreadsheet (CSV)"</button>
                    <button type="button" on:click=fhir>"Download FHIR R4 bundle"</button>
                </div>
                <p class="status" role="status">{move || status.get()}</p>
            </section>
            <Quarantine/>
            <Import/>
            <StorageUse/>
        </section>
    }
}

/// Copies of unreadable data set aside at start-up: listed until the
/// therapist has downloaded and then deleted each one.
#[component]
fn Quarantine() -> impl IntoView {
    let copies = RwSignal::new(storage::quarantined());
    let downloaded = RwSignal::new(Vec::<String>::new());
    let message = RwSignal::new(String::new());
    move || {
        let list = copies.get();
        (!list.is_empty()).then(|| {
            let rows = list
                .into_iter()
                .map(|(key, text)| {
                    let when = crate::domain::save_plan::quarantine_time(&key)
                        .map(browser::format_local)
                        .unwrap_or_else(|| "an unknown time".into());
                    let size = reminder::human_bytes(text.len() as u64);
                    let k1 = key.clone();
                    let k2 = key.clone();
                    let download = move |_| {
                        if browser::download(&format!("{k1}.txt"), "text/plain", &text).is_ok() {
                            downloaded.update(|d| d.push(k1.clone()));
                        }
                    };
                    let delete = move |_| match storage::delete_quarantined(&k2) {
                        Ok(()) => {
                            copies.set(storage::quarantined());
                            message.set("The set-aside copy was deleted.".into());
                        }
                        Err(e) => message.set(format!("Could not delete it: {e}.")),
                    };
                    let k3 = key.clone();
                    view! {
                        <li>
                            <p>{format!("Set aside on {when}: {size} (\"{key}\").")}</p>
                            <div class="actions">
                                <button type="button" on:click=download>"Download the copy"</button>
                                <button type="button" disabled=move || !downloaded.with(|d| d.contains(&k3)) on:click=delete>
                                    "Delete the copy"
                                </button>
                            </div>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="setting" aria-labelledby="quarantine-heading" data-testid="quarantine">
                    <h2 id="quarantine-heading">"Data Attune could not read"</h2>
                    <p>
                        "Attune found stored data it could not read and set it aside unchanged. It is not "
                        "part of your ratings. Download each copy and keep it (or send it to whoever supports "
                        "Attune at your clinic); once downloaded, it can be deleted here."
                    </p>
                    <ul class="quarantine-list">{rows}</ul>
                    <p class="status" role="status">{move || message.get()}</p>
                </section>
            }
        })
    }
}

fn report(status: RwSignal<String>, result: Result<(), String>) {
    status.set(match result {
        Ok(()) => "Download started.".into(),
        Err(e) => format!("Could not create the file: {e}."),
    });
}

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
    let text = export::decode_import_bytes(bytes)
        .map_err(|e| format!("This file cannot be imported. {e} Nothing was changed."))?;
    let backup = export::read_backup(&text)
        .map_err(|e| format!("This file cannot be imported: {e}. Nothing was changed."))?;
    let plan = export::import_plan(stored, &backup.store, scales);
    Ok(Pending {
        lines: export::summary(&plan),
        plan,
        incoming: backup.store,
    })
}

/// The whole file as bytes: decoding is the domain's choice, never the
/// browser's (`File.text()` would turn Latin-1 into U+FFFD silently).
async fn file_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Import a backup: read, check and compare it, show what it would change,
/// then apply it only on confirmation, and say "Imported" only once the
/// write was verified.
#[component]
fn Import() -> impl IntoView {
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
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            // Cleared so choosing the same file again (after a change) reads it again.
            input.set_value("");
            let Some(bytes) = file_bytes(&file).await else {
                return error.set(Some(
                    "The file could not be read. Nothing was changed.".into(),
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
                Ok(()) => "Download of the differing copies started.".into(),
                Err(e) => format!("Could not create the file: {e}."),
            },
        );
    };

    let confirm = move |_| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        let accept = accept_labels.get_untracked();
        let saved = if export::changes_anything(&p.plan, accept) {
            let before = saving.data.store.get_untracked();
            let unsaved_before = saving.data.unsaved.get_untracked();
            let next = export::apply(&p.plan, &before, accept, browser::now());
            saving.data.store.set(next);
            saving.persist();
            match saving.data.unsaved.get_untracked() {
                None => Ok(()),
                Some(why) => {
                    // The import did not happen: the screen must show what is
                    // stored, and the banner only what was unsaved before it.
                    saving.data.store.set(before);
                    saving.data.unsaved.set(unsaved_before);
                    Err(why)
                }
            }
        } else {
            Ok(())
        };
        let message = export::result_message(&p.plan, accept, saved.clone());
        match saved {
            Ok(()) => done.set(message),
            Err(_) => error.set(Some(message)),
        }
        pending.set(None);
        accept_labels.set(false);
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
                        "The file's differing copies are not imported; download them to keep them or compare."
                    </p>
                    <button type="button" on:click=download_differing>"Download the differing copies"</button>
                }
            });
            let labels = (!p.plan.label_changes.is_empty()).then(|| {
                view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=move || accept_labels.get()
                            on:change=move |ev| accept_labels.set(event_target_checked(&ev))/>
                        " Use the file's labels for these clients"
                    </label>
                }
            });
            view! {
                <div class="preview" data-testid="import-preview">
                    <h3>"What this file would change"</h3>
                    <ul class="import-summary">{lines}</ul>
                    {differing}
                    {labels}
                    <div class="actions">
                        <button type="button" class="primary" on:click=confirm>"Import"</button>
                        <button type="button" on:click=move |_| pending.set(None)>"Cancel"</button>
                    </div>
                    <p class="status" role="status">{move || preview_status.get()}</p>
                </div>
            }
        })
    };

    view! {
        <section class="setting" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import a backup"</h2>
            <p class="hint">
                "Nothing changes until you confirm. Stored ratings are never replaced: a copy in the file "
                "that differs is listed and can be downloaded."
            </p>
            <div class="field">
                <label for="import-file">"Backup file (.json)"</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_file
                    aria-describedby="import-error"/>
            </div>
            <p id="import-error" class="error" role="alert" data-testid="import-error">{move || error.get()}</p>
            {preview}
            <p class="status" role="status" data-testid="import-result">{move || done.get()}</p>
        </section>
    }
}

/// How full storage is, and whether the browser promised to keep it. The
/// figures come from [`reminder::storage_figures`], measured again whenever
/// the records change, so they agree with each other and with what is stored.
#[component]
fn StorageUse() -> impl IntoView {
    let data = expect_context::<DataState>();
    let units = RwSignal::new(storage::used_units());
    let estimate = RwSignal::new(None::<(u64, u64)>);
    let persisted = RwSignal::new(None::<bool>);
    // Estimates resolve in any order; only the latest request's answer counts.
    let asked = StoredValue::new(0u32);
    Effect::new(move |_| {
        data.store.track();
        units.set(storage::used_units());
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        leptos::task::spawn_local(async move {
            let e = site_estimate().await;
            if asked.get_value() == mine {
                estimate.set(e);
            }
        });
    });
    leptos::task::spawn_local(async move {
        if let Some(m) = manager() {
            persisted.set(ask(m.persisted()).await);
        }
    });
    let request = move |_| {
        leptos::task::spawn_local(async move {
            if let Some(m) = manager() {
                persisted.set(ask(m.persist()).await);
            }
        })
    };
    let figures = move || {
        units
            .get()
            .map(|u| reminder::storage_figures(u, estimate.get()))
    };
    view! {
        <section class="setting" aria-labelledby="storage-heading">
            <h2 id="storage-heading">"Storage on this device"</h2>
            {move || match figures() {
                Some(f) => {
                    let r = &f.records;
                    let records = format!(
                        "Attune's records use {} of the about {} this browser allows ({}).",
                        r.used_text, r.total_text, r.percent_text
                    );
                    let site = f.site.as_ref().map(|s| format!(
                        "The browser reports {} used of {} for this site ({}).",
                        s.used_text, s.total_text, s.percent_text
                    ));
                    view! {
                        <p data-testid="storage-use" class:flag=f.warn>
                            {records}
                            {f.warn.then_some(" Storage is nearly full: download a backup, then archive old data.")}
                        </p>
                        {site.map(|t| view! { <p class="hint" data-testid="site-use">{t}</p> })}
                    }
                    .into_any()
                }
                None => view! {
                    <p data-testid="storage-use">
                        "This browser is not letting Attune store data here, so nothing is kept once the page closes."
                    </p>
                }
                .into_any(),
            }}
            <p data-testid="persisted">{move || match persisted.get() {
                Some(true) => "The browser has granted persistent storage: it will not clear Attune's data on its own.",
                Some(false) => "Persistent storage is not granted: the browser may clear this data when space runs low.",
                None => "Checking whether storage is persistent…",
            }}</p>
            {move || (persisted.get() == Some(false)).then(|| view! {
                <button type="button" on:click=request>"Ask the browser to keep this data"</button>
            })}
        </section>
    }
}

/// The browser's `(usage, quota)` for this site, in bytes, when it gives one.
async fn site_estimate() -> Option<(u64, u64)> {
    let promise = manager()?.estimate().ok()?;
    let e: web_sys::StorageEstimate = JsFuture::from(promise).await.ok()?.unchecked_into();
    Some((e.get_usage()? as u64, e.get_quota()? as u64))
}

fn manager() -> Option<web_sys::StorageManager> {
    Some(web_sys::window()?.navigator().storage())
}

async fn ask(p: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<bool> {
    JsFuture::from(p.ok()?).await.ok()?.as_bool()
}
