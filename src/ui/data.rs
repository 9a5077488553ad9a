//! Taking the data out and bringing a backup back: JSON backup, CSV, FHIR R4,
//! import with a preview, storage use and persistence.

use super::{browser, use_state};
use crate::domain::export::{self, ImportPreview};
use crate::domain::reminder::{self, LOCAL_STORAGE_LIMIT_UNITS};
use crate::storage;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Downloads the full backup and records when, for the reminder.
pub fn download_backup() {
    let state = use_state();
    let now = browser::now();
    let text = export::backup_json(&state.data.store.get_untracked(), now);
    if browser::download(&export::backup_file_name(now), "application/json", &text).is_ok() {
        state.data.store.update(|s| s.last_backup_at = Some(now));
        state.persist();
    }
}

/// The Data screen.
#[component]
pub fn DataScreen() -> impl IntoView {
    let state = use_state();
    let status = RwSignal::new(String::new());
    let csv = move |_| {
        let now = browser::now();
        let text = state.data.scale.with_value(|scale| {
            state
                .data
                .store
                .with_untracked(|s| format!("{}{}", export::CSV_BOM, export::csv(s, scale)))
        });
        report(
            status,
            browser::download(&export::csv_file_name(now), export::CSV_MIME, &text),
        );
    };
    let fhir = move |_| {
        let now = browser::now();
        let text = state.data.scale.with_value(|scale| {
            state
                .data
                .store
                .with_untracked(|s| export::fhir_bundle(s, scale, now).to_string())
        });
        report(
            status,
            browser::download(&export::fhir_file_name(now), export::FHIR_MIME, &text),
        );
    };
    let reminder = move || {
        state
            .data
            .store
            .with(|s| reminder::backup_reminder(s, browser::now()))
    };
    let last = move || {
        state.data.store.with(|s| match s.last_backup_at {
            Some(at) => format!("Last backup: {}.", browser::format_local(at)),
            None => "No backup made yet.".to_string(),
        })
    };
    let count = move || state.data.store.with(|s| s.ratings.len());

    view! {
        <section class="data" aria-labelledby="data-heading">
            <h1 id="data-heading">"Your data"</h1>
            <p>
                "Everything Attune records stays in this browser on this device. Back it up regularly: "
                "clearing the browser's data or losing the device loses the ratings."
            </p>
            <section class="setting" aria-labelledby="export-heading">
                <h2 id="export-heading">"Back up and export"</h2>
                <p>{move || format!("{} ratings stored. ", count())}{last}</p>
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
                    let when = key
                        .trim_start_matches(storage::QUARANTINE_PREFIX)
                        .parse::<i64>()
                        .ok()
                        .and_then(chrono::DateTime::from_timestamp_millis)
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

/// Import a backup: read, validate, preview, then merge only on confirmation.
#[component]
fn Import() -> impl IntoView {
    let state = use_state();
    let preview = RwSignal::new(None::<ImportPreview>);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(String::new());

    let on_file = move |ev: leptos::ev::Event| {
        preview.set(None);
        error.set(None);
        done.set(String::new());
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let text = match JsFuture::from(file.text()).await {
                Ok(v) => v.as_string().unwrap_or_default(),
                Err(_) => return error.set(Some("The file could not be read.".into())),
            };
            match state
                .data
                .store
                .with_untracked(|s| export::preview_import(s, &text))
            {
                Ok(p) => preview.set(Some(p)),
                Err(e) => error.set(Some(format!(
                    "This file cannot be imported: {e}. Nothing was changed."
                ))),
            }
        });
    };
    let confirm = move |_| {
        if let Some(p) = preview.get_untracked() {
            state.data.store.set(p.merged.clone());
            state.persist();
            done.set(format!("Imported: {}.", p.summary_text()));
            preview.set(None);
        }
    };

    view! {
        <section class="setting" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import a backup"</h2>
            <div class="field">
                <label for="import-file">"Backup file (.json)"</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_file
                    aria-describedby="import-error"/>
            </div>
            <p id="import-error" class="error" role="alert">{move || error.get()}</p>
            {move || preview.get().map(|p| view! {
                <div class="preview" data-testid="import-preview">
                    <p>{format!("This backup holds {}. Existing ratings are kept; duplicates are merged by id.", p.summary_text())}</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=confirm>"Import"</button>
                        <button type="button" on:click=move |_| preview.set(None)>"Cancel"</button>
                    </div>
                </div>
            })}
            <p class="status" role="status">{move || done.get()}</p>
        </section>
    }
}

/// How full storage is, and whether the browser promised to keep it.
#[component]
fn StorageUse() -> impl IntoView {
    let local = storage::used_units().map(|u| {
        let (percent, warn) = reminder::usage(u, LOCAL_STORAGE_LIMIT_UNITS);
        (u, percent, warn)
    });
    let estimate = RwSignal::new(None::<(u64, u64)>);
    let persisted = RwSignal::new(None::<bool>);
    leptos::task::spawn_local(async move {
        if let Some(m) = manager() {
            if let Ok(p) = m.estimate() {
                if let Ok(e) = JsFuture::from(p).await {
                    let e: web_sys::StorageEstimate = e.unchecked_into();
                    if let (Some(u), Some(q)) = (e.get_usage(), e.get_quota()) {
                        estimate.set(Some((u as u64, q as u64)));
                    }
                }
            }
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
    view! {
        <section class="setting" aria-labelledby="storage-heading">
            <h2 id="storage-heading">"Storage on this device"</h2>
            {local.map(|(units, percent, warn)| view! {
                <p data-testid="storage-use" class:flag=warn>
                    {format!(
                        "Attune's records use {} of the about {} this browser allows ({percent} %).",
                        reminder::human_bytes(units * 2),
                        reminder::human_bytes(LOCAL_STORAGE_LIMIT_UNITS * 2),
                    )}
                    {warn.then_some(" Storage is nearly full: download a backup, then archive old data.")}
                </p>
            })}
            {move || estimate.get().map(|(u, q)| {
                let (percent, _) = reminder::usage(u, q);
                view! {
                    <p class="hint">{format!(
                        "The browser reports {} used of {} for this site ({percent} %).",
                        reminder::human_bytes(u),
                        reminder::human_bytes(q)
                    )}</p>
                }
            })}
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

fn manager() -> Option<web_sys::StorageManager> {
    Some(web_sys::window()?.navigator().storage())
}

async fn ask(p: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<bool> {
    JsFuture::from(p.ok()?).await.ok()?.as_bool()
}
