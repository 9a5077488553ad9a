//! Copies of unreadable data set aside at start-up, on the Data screen.

use crate::domain::device::reminder;
use crate::storage;
use crate::ui::shared::browser;
use crate::ui::shared::words::{tr, trf, words};
use leptos::prelude::*;

/// Copies of unreadable data set aside at start-up: listed until the
/// therapist has downloaded and then deleted each one.
#[component]
pub(super) fn Quarantine() -> impl IntoView {
    let copies = RwSignal::new(storage::quarantined());
    let downloaded = RwSignal::new(Vec::<String>::new());
    let message = RwSignal::new(String::new());
    move || {
        let list = copies.get();
        (!list.is_empty()).then(|| {
            let rows = list
                .into_iter()
                .map(|(key, text)| {
                    let when = crate::domain::records::save_plan::quarantine_time(&key)
                        .map(browser::format_local)
                        .unwrap_or_else(|| tr("an unknown time").into());
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
                            message.set(tr("The set-aside copy was deleted.").into());
                        }
                        Err(e) => message.set(trf(
                            "Could not delete it: {error}.",
                            &[("error", &e.words(words()))],
                        )),
                    };
                    let k3 = key.clone();
                    view! {
                        <li>
                            <p>{trf("Set aside on {when}: {size} (\"{key}\").", &[("when", &when), ("size", &size), ("key", &key)])}</p>
                            <div class="actions">
                                <button type="button" on:click=download>{tr("Download the copy")}</button>
                                <button type="button" disabled=move || !downloaded.with(|d| d.contains(&k3)) on:click=delete>
                                    {tr("Delete the copy")}
                                </button>
                            </div>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="setting" aria-labelledby="quarantine-heading" data-testid="quarantine">
                    <h2 id="quarantine-heading">{tr("Data Attune could not read")}</h2>
                    <p>
                        {tr("Attune found stored data it could not read and set it aside unchanged. It is not part of your ratings. Download each copy and keep it (or send it to whoever supports Attune at your clinic); once downloaded, it can be deleted here.")}
                    </p>
                    <ul class="quarantine-list">{rows}</ul>
                    <p class="status" role="status">{move || message.get()}</p>
                </section>
            }
        })
    }
}
