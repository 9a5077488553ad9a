//! Taking the data out and bringing a backup back: the Data screen with
//! the JSON backup, CSV and FHIR R4 downloads; the import with a preview
//! (`import`), storage use and persistence (`storage_use`), and copies of
//! unreadable data set aside (`quarantine`).

mod import;
mod quarantine;
mod storage_use;

pub(crate) use storage_use::ask_to_keep_storage;

use crate::domain::device::reminder;
use crate::domain::export;
use crate::ui::shared::browser;
use crate::ui::shared::state::Saving;
use crate::ui::shared::words::{tr, trf, trn};
use import::Import;
use leptos::prelude::*;
use quarantine::Quarantine;
use storage_use::StorageUse;

/// Downloads the full backup and records when, for the reminder.
pub fn download_backup(saving: Saving) {
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
    let saving = expect_context::<Saving>();
    let data = saving.data;
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
            data.store.with_untracked(|s| {
                export::fhir_bundle(
                    s,
                    scales,
                    now,
                    &crate::ui::shared::browser::offset_east_minutes,
                )
                .to_string()
            })
        });
        report(
            status,
            browser::download(&export::fhir_file_name(now), export::FHIR_MIME, &text),
        );
    };
    let reminder = move || {
        data.store.with(|s| {
            reminder::backup_reminder(s, browser::now(), crate::ui::shared::words::words())
        })
    };
    let last = move || {
        data.store.with(|s| match s.last_backup_at {
            Some(at) => trf(
                "Last backup: {when}.",
                &[("when", &browser::format_local(at))],
            ),
            None => tr("No backup made yet.").to_string(),
        })
    };
    let count = move || {
        data.store.with(|s| {
            trn(
                "{n} rating stored. ",
                "{n} ratings stored. ",
                s.ratings.len(),
                &[],
            )
        })
    };

    view! {
        <section class="data" aria-labelledby="data-heading">
            <h1 id="data-heading">{tr("Your data")}</h1>
            <p>
                {tr("Everything Attune records stays in this browser on this device. Back it up regularly: clearing the browser's data or losing the device loses the ratings.")}
            </p>
            <section class="setting" aria-labelledby="export-heading">
                <h2 id="export-heading">{tr("Back up and export")}</h2>
                <p data-testid="rating-count">{count}{last}</p>
                {move || reminder().map(|r| view! { <p class="flag" data-testid="backup-reminder">{r}</p> })}
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| download_backup(saving)>{tr("Download backup (JSON)")}</button>
                    <button type="button" on:click=csv>{tr("Download spreadsheet (CSV)")}</button>
                    <button type="button" on:click=fhir>{tr("Download FHIR R4 bundle")}</button>
                </div>
                <p class="status" role="status">{move || status.get()}</p>
            </section>
            <Quarantine/>
            <Import/>
            <StorageUse/>
        </section>
    }
}

fn report(status: RwSignal<String>, result: Result<(), String>) {
    status.set(match result {
        Ok(()) => tr("Download started.").into(),
        Err(e) => trf(
            "Could not create the file: {error}.",
            &[("error", &file_refused(&e))],
        ),
    });
}

/// [`browser::download`]'s reason in the page's language (a reason the
/// browser gave in its own words stays as it is).
pub(crate) fn file_refused(reason: &str) -> &str {
    if reason == browser::FILE_REFUSED {
        tr("the browser refused to create the file")
    } else {
        reason
    }
}
