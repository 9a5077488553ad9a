//! How full storage is, and whether the browser promised to keep it, on
//! the Data screen.

use crate::domain::device::reminder;
use crate::storage;
use crate::ui::shared::state::{ClientMode, DataState};
use crate::ui::shared::words::{tr, trf};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How full storage is, and whether the browser promised to keep it. The
/// figures come from [`reminder::storage_figures`], measured again whenever
/// the records change, so they agree with each other and with what is stored.
#[component]
pub(super) fn StorageUse() -> impl IntoView {
    let data = expect_context::<DataState>();
    // The records in IndexedDB count too (until the figures follow the
    // browser's estimate for them).
    let saving = use_context::<crate::ui::shared::state::Saving>();
    let shelf = saving.and_then(|s| s.keep.shelf);
    let used_units = move || {
        storage::used_units().map(|u| u + shelf.and_then(|h| h.get().record_units()).unwrap_or(0))
    };
    let units = RwSignal::new(used_units());
    let estimate = RwSignal::new(None::<(u64, u64)>);
    let persisted = RwSignal::new(None::<bool>);
    // Estimates resolve in any order; only the latest request's answer counts.
    let asked = StoredValue::new(0u32);
    Effect::new(move |_| {
        data.store.track();
        units.set(used_units());
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        leptos::task::spawn_local(async move {
            // Once the save of this change is committed, what is stored.
            if let Some(s) = saving {
                crate::ui::shared::keeping::settled(s).await;
                if asked.get_value() == mine {
                    units.set(used_units());
                }
            }
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
        units.get().map(|u| {
            reminder::storage_figures(u, estimate.get(), crate::ui::shared::words::words())
        })
    };
    view! {
        <section class="setting" aria-labelledby="storage-heading">
            <h2 id="storage-heading">{tr("Storage on this device")}</h2>
            {move || match figures() {
                Some(f) => {
                    let r = &f.records;
                    let records = trf(
                        "Attune's records use {used} of the about {total} this browser allows ({percent}).",
                        &[("used", &r.used_text), ("total", &r.total_text), ("percent", &r.percent_text)],
                    );
                    let site = f.site.as_ref().map(|s| trf(
                        "The browser reports {used} used of {total} for this site ({percent}).",
                        &[("used", &s.used_text), ("total", &s.total_text), ("percent", &s.percent_text)],
                    ));
                    view! {
                        <p data-testid="storage-use" class:flag=f.warn>
                            {records}
                            {f.warn.then(|| tr(" Storage is nearly full: download a backup, then archive old data."))}
                        </p>
                        {site.map(|t| view! { <p class="hint" data-testid="site-use">{t}</p> })}
                    }
                    .into_any()
                }
                None => view! {
                    <p data-testid="storage-use">
                        {tr("This browser is not letting Attune store data here, so nothing is kept once the page closes.")}
                    </p>
                }
                .into_any(),
            }}
            <p data-testid="persisted">{move || match persisted.get() {
                Some(true) => tr("The browser has granted persistent storage: it will not clear Attune's data on its own."),
                Some(false) => tr("Persistent storage is not granted: the browser may clear this data when space runs low."),
                None => tr("Checking whether storage is persistent…"),
            }}</p>
            {move || (persisted.get() == Some(false)).then(|| view! {
                <button type="button" on:click=request>{tr("Ask the browser to keep this data")}</button>
            })}
        </section>
    }
}

/// Asks the browser once, unprompted, to keep this site's storage as soon
/// as the device holds something worth keeping ([`reminder::ask_to_persist`]
/// decides). Browsers that grant it on their own (an installed app, a site
/// used often) then never clear Attune's data to make room; the Data screen
/// shows the answer and offers to ask again. Needs the page's [`DataState`].
pub(crate) fn ask_to_keep_storage() {
    let data = expect_context::<DataState>();
    let client = expect_context::<ClientMode>();
    let persisted = RwSignal::new(None::<bool>);
    let asked = StoredValue::new(false);
    leptos::task::spawn_local(async move {
        if let Some(m) = manager() {
            persisted.set(ask(m.persisted()).await);
        }
    });
    Effect::new(move |_| {
        let (answer, locked) = (persisted.get(), client.locked.get());
        let go = data
            .store
            .with(|s| reminder::ask_to_persist(s, answer, asked.get_value(), locked));
        if go {
            asked.set_value(true);
            leptos::task::spawn_local(async move {
                if let Some(m) = manager() {
                    persisted.set(ask(m.persist()).await);
                }
            });
        }
    });
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
