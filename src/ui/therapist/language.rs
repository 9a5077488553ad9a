//! A client's language for the measures, on the client's page, and the
//! words the therapist page leaves for the form (`attune.words`): whenever
//! a client's language, or the device's pack, changes, the chosen
//! languages' words are written again as plain lines
//! ([`crate::domain::measures::language::encode_words`]), so the form, which
//! parses no JSON, draws that client's lines in their language. The
//! therapist's own page stays in English.

use crate::domain::measures::language::{
    chosen_languages, encode_form_words, offered, shipped_spanish, BUILT_IN_LABEL,
};
use crate::domain::measures::pack::Pack;
use crate::domain::measures::scale::Scales;
use crate::domain::records::clients;
use crate::domain::records::store::Store;
use crate::platform::browser::LocalStore;
use crate::storage::pack::{self, StoredPack};
use crate::ui::shared::state::Saving;
use crate::ui::shared::words::{tr, trf};
use leptos::prelude::*;

/// The device's pack (when it is readable) and Attune's own Spanish.
pub fn sources() -> (Option<Pack>, Option<Pack>) {
    let builtin = Scales::builtin();
    let loaded = match pack::load(&LocalStore, &builtin) {
        StoredPack::Loaded(p) => Some(p),
        _ => None,
    };
    (loaded, shipped_spanish(&builtin))
}

/// Writes the words for every client with a language, and which clients'
/// lines are read aloud (removes them when no client has either). A failure is logged: the form then shows the built-in
/// English, and each rating records what it showed.
pub fn refresh_words(store: &Store) {
    let every = pack::every(&LocalStore);
    let chosen = chosen_languages(
        (store.clients.iter()).map(|c| (c.id.as_str(), c.language.as_deref())),
        every.as_deref(),
    );
    let aloud: Vec<&str> = store
        .clients
        .iter()
        .filter(|c| c.read_aloud)
        .map(|c| c.id.as_str())
        .collect();
    let text = if chosen.is_empty() && aloud.is_empty() {
        String::new()
    } else {
        let (loaded, shipped) = sources();
        encode_form_words(&chosen, &aloud, loaded.as_ref(), shipped.as_ref())
    };
    if let Err(e) = pack::write_words(&LocalStore, &text) {
        leptos::logging::warn!("the clients' words were not stored: {e}");
    }
}

/// Keeps the form's words in step with the clients' languages for as long
/// as the therapist page is open (an edit here, another tab's, an import or
/// sync): written again after any change of the records, and not written
/// when they are the same.
pub fn keep_words(saving: Saving) {
    Effect::new(move |_| {
        saving.data.store.track();
        saving.data.store.with_untracked(refresh_words);
    });
}

/// The client's language for the measures: Attune's own English, Attune's
/// own Spanish, or a language of the loaded pack.
#[component]
pub fn ClientLanguage(client_id: String) -> impl IntoView {
    let saving = expect_context::<Saving>();
    let cid = StoredValue::new(client_id);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(String::new());
    let (loaded, shipped) = sources();
    let list = offered(loaded.as_ref(), shipped.as_ref());
    let current = Memo::new(move |_| {
        saving.data.store.with(|s| {
            s.clients
                .iter()
                .find(|c| c.id == cid.get_value())
                .and_then(|c| c.language.clone())
        })
    });
    // A language chosen before its pack was removed: kept, and said plainly.
    let tags: Vec<String> = list.iter().map(|o| o.tag.clone()).collect();
    let missing = Memo::new(move |_| {
        current
            .get()
            .filter(|t| !tags.iter().any(|o| o.eq_ignore_ascii_case(t)))
    });
    let names = list.clone();
    // With the device's wording set (Settings → Wording pack), "no language
    // of their own" means that wording, not Attune's English; unless its
    // pack is no longer on this device: the form then shows the English.
    let device = pack::every(&LocalStore).and_then(|t| {
        list.iter()
            .find(|o| o.tag.eq_ignore_ascii_case(&t))
            .map(|o| o.label.clone())
    });
    let first = match &device {
        Some(label) => trf("The device's wording: {label}", &[("label", label)]),
        None => trf(
            "{label}, Attune's own wording",
            &[("label", &BUILT_IN_LABEL)],
        ),
    };
    let plain = match &device {
        Some(label) => trf(
            "The measures are shown in the device's wording, {label}.",
            &[("label", label)],
        ),
        None => tr("The measures are shown in English.").to_string(),
    };
    let change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let tag = (!value.is_empty()).then_some(value);
        let r =
            saving.edit(|s, now| clients::set_language(s, &cid.get_value(), tag.as_deref(), now));
        error.set(
            r.as_ref()
                .err()
                .map(|e| e.words(crate::ui::shared::words::words())),
        );
        // At once, before the device can be handed over.
        saving.data.store.with_untracked(refresh_words);
        done.set(match (&r, &tag) {
            (Err(_), _) => String::new(),
            (Ok(()), None) => plain.clone(),
            (Ok(()), Some(t)) => {
                let name = names.iter().find(|o| &o.tag == t).map_or(t.as_str(), |o| o.label.as_str());
                trf("From the next rating, the measures are shown in {name}. Your pages stay in English.", &[("name", &name)])
            }
        });
    };
    let options = list
        .into_iter()
        .map(|o| {
            let tag = o.tag.clone();
            view! {
                <option value=o.tag.clone() selected=move || current.get().as_deref() == Some(tag.as_str())>
                    {o.label}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="client-language">{tr("Language of the measures")}</label>
            <select id="client-language" on:change=change aria-describedby="client-language-hint client-language-error">
                <option value="" selected=move || current.get().is_none()>{first}</option>
                {options}
                {move || missing.get().map(|t| view! {
                    <option value=t.clone() selected=true>
                        {trf("{tag}: not on this device, English is shown", &[("tag", &t)])}
                    </option>
                })}
            </select>
            <p id="client-language-hint" class="hint">
                {tr("The form shows this client's lines, heading and instructions in this language; scores and totals are the same in every language.")}

            </p>
            <p id="client-language-error" class="error" role="alert">{move || error.get()}</p>
            <p class="status" role="status" data-testid="client-language-result">{move || done.get()}</p>
        </div>
    }
}
