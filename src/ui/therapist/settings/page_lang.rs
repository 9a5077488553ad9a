//! The therapist page's own language on this device (Settings). The choice
//! is stored and the page reloads in it: every sentence is read once, at
//! start. A client's form keeps the client's language, set on the client's
//! page.

use crate::domain::words::Lang;
use crate::platform::browser::LocalStore;
use crate::ui::shared::words::{tr, trf, words};
use leptos::prelude::*;

/// The Settings section that chooses the page's language.
#[component]
pub(super) fn PageLanguage() -> impl IntoView {
    let current = words().lang();
    let chosen = RwSignal::new(current);
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = chosen.get_untracked();
        match crate::storage::page_lang::save(&LocalStore, lang) {
            Ok(()) => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
            Err(e) => error.set(Some(trf(
                "The language could not be stored on this device: {error}",
                &[("error", &e)],
            ))),
        }
    };
    view! {
        <section class="setting" aria-labelledby="page-lang-heading">
            <h2 id="page-lang-heading">{tr("Language")}</h2>
            <form on:submit=save>
                <div class="field">
                    <label for="page-lang">{tr("Language of this page")}</label>
                    <select id="page-lang" aria-describedby="page-lang-help"
                        on:change=move |ev| {
                            if let Some(l) = Lang::from_tag(&event_target_value(&ev)) {
                                chosen.set(l);
                            }
                        }>
                        {Lang::ALL.into_iter().map(|l| view! {
                            <option value=l.tag() lang=l.tag() selected=l == current>{l.own_name()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <p id="page-lang-help" class="hint">{tr(
                    "The therapist page is shown in this language on this device. Each client's form keeps the client's own language."
                )}</p>
                <p class="error" role="alert">{move || error.get()}</p>
                <div class="actions">
                    <button type="submit">{tr("Save language")}</button>
                </div>
            </form>
        </section>
    }
}
