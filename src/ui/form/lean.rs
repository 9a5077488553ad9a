//! The form's first module (binary `attune`): the plain form only, the
//! header, the four lines and Done, the draft kept at every mark, the save
//! and the thank-you. Linked alone, it leaves out client mode's screens, the
//! routes and everything behind them, so a client's tablet compiles fewer
//! bytes before the lines are usable. Whatever else the page needs (client
//! mode, from this tab or another; presentation mode; another screen named
//! in the address; a client with words of their own) it hands to the full
//! form module (binary `form`, [`crate::ui::shared::app::mount_form`]): the
//! page's loader (written by `scripts/postbuild.mjs`) imports and starts it,
//! and it reads the same localStorage (the draft is kept at every mark). The
//! decision is [`crate::domain::screens::lean`]'s.

use crate::domain::screens::lean::{lean_shows, may_hand_over, PageFacts};
use crate::storage;
use crate::ui::form::{lock, rate};
use crate::ui::shared::app::{line_length, listen, Header};
use crate::ui::shared::state::nav::location_hash;
use crate::ui::shared::state::{Device, Pieces, Saving};
use crate::ui::shared::{browser, keeping, panic};
use crate::ui::{Screen, THERAPIST_PAGE};
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::prelude::*;

/// The id of what shows the form while this module has the page: the static
/// first paint's, so the full module's start (which takes `#paint` away in
/// the task it mounts in) replaces it with no empty frame between.
const ROOT: &str = "paint";

/// Starts the form page with the first module: as `mount_form`, a rating on
/// a version only the therapist page draws continues there; otherwise the
/// plain form mounts, or the page goes to the full module at once.
pub fn mount_lean() {
    let draft = storage::load_draft();
    if crate::domain::device::handover::form_sends_draft_on(
        storage::is_locked(),
        Screen::from_hash(&location_hash()) == Screen::Rate,
        draft.as_ref().map(|d| d.scale_id.as_str()),
    ) {
        browser::replace(&format!("{THERAPIST_PAGE}{}", Screen::RateHere.to_hash()));
        return;
    }
    // Lives as long as the page: set once the full module has the page, so
    // this module's listeners (which cannot be taken back) stand aside.
    let gone: &'static Cell<bool> = Box::leak(Box::new(Cell::new(false)));
    leptos::mount::mount_to_body(move || view! { <LeanApp gone=gone/> });
    // The static first paint goes in the task the app mounts in (no frame
    // shows both or neither): the first `#paint` in the page, before the
    // app's root. Handed over at once, it stays for the full module to take.
    if !gone.get() {
        browser::remove(ROOT);
    }
}

/// Gives the page to the full form module, once: this module's form stops
/// taking input (`inert`) and stays drawn until the full one replaces it.
fn hand_over(gone: &Cell<bool>) {
    if gone.replace(true) {
        return;
    }
    if let Some(root) = browser::element(ROOT) {
        let _ = root.set_attribute("inert", "");
    }
    let start = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("attuneFull")).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match start {
        Some(f) => {
            let _ = f.call0(&JsValue::NULL);
        }
        // A page built without the full module (`trunk serve` alone):
        // reloading asks the loader again, which now picks the full module
        // where it has one.
        None => leptos::logging::error!("attune: the full form module is missing"),
    }
}

/// Hands over when the page stops being the plain form, unless a rating
/// exists only in this module's memory (then it stays, with the banner).
fn hand_over_if(saving: Saving, gone: &'static Cell<bool>) {
    let unsaved = saving.data.unsaved.with_untracked(Option::is_some);
    if may_hand_over(unsaved, saving.stashed()) {
        hand_over(gone);
    }
}

/// Root of the first module: the header, the four lines and Done, then the
/// thank-you; [`hand_over`] for anything else.
#[component]
fn LeanApp(gone: &'static Cell<bool>) -> impl IntoView {
    panic::test_trigger();
    let state = Pieces::load(
        crate::domain::screens::nav::Page::Form,
        &keeping::FORM,
        storage::load_settings_light,
    );
    let (saving, nav, client, device) = (state.saving, state.nav, state.client, state.device);
    let draft = storage::load_draft();
    let hash = location_hash();
    let srs_id = saving.data.with_srs(|s| s.id.clone());
    let client_words = draft.as_ref().is_some_and(|d| {
        d.client_id.as_ref().is_some_and(|c| {
            let mut scale = saving.data.srs();
            storage::words_for(c, &mut scale).is_some()
        })
    });
    let facts = PageFacts {
        locked: storage::is_locked(),
        presenting: storage::presenting(),
        hash: &hash,
        draft_scale: draft.as_ref().map(|d| d.scale_id.as_str()),
        srs_id: &srs_id,
        client_words,
    };
    if !lean_shows(&facts) {
        hand_over(gone);
        return ().into_any();
    }
    if (keeping::FORM.waiting)(saving) {
        // Ratings this tab could not store before get another try.
        saving.persist();
    }
    listeners(saving, device, gone);
    lock::start_idle_lock(client, device.settings);
    // Client mode (Hand to client, the idle lock) and presentation mode are
    // the full module's; the mode is written first, so it finds it.
    Effect::new(move |_| {
        let present = nav.present.get();
        if present {
            storage::set_presenting(true);
        }
        if present || client.locked.get() {
            hand_over_if(saving, gone);
        }
    });
    let settings = device.settings;
    view! {
        <div class="app" id=ROOT style:--line-length=move || line_length(settings)>
            <Header nav=nav client=client saving=saving/>
            <main id="main" tabindex="-1">
                {move || if client.last_done.with(Option::is_some) {
                    view! { <lock::ThankYou client=client nav=nav unsaved=saving.data.unsaved/> }.into_any()
                } else {
                    view! { <rate::RateScreen saving=saving client=client device=device/> }.into_any()
                }}
                // As FormApp's: a new therapist's starting point.
                {move || (settings.with(|s| s.pin.is_none()) && !storage::has_data())
                    .then(|| view! {
                        <p class="banner info first-open" data-testid="first-open">
                            "New to Attune? " <a href=format!("{THERAPIST_PAGE}#/clients")>"Set it up first"</a>
                            " (clients, a PIN, the line, a backup)."
                        </p>
                    })}
            </main>
        </div>
    }
    .into_any()
}

/// The page's listeners while this module has it: another tab entering
/// client mode (or starting a round) and settings changed elsewhere, a new
/// address, and "leave the page?" while a rating is only in memory. Each
/// stands aside once the full module has the page (it has its own).
fn listeners(saving: Saving, device: Device, gone: &'static Cell<bool>) {
    let on_storage =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
            if gone.get() {
                return;
            }
            match ev.key().as_deref() {
                Some(storage::LOCK_KEY) if storage::lock_marker().is_some() => {
                    hand_over_if(saving, gone)
                }
                Some(storage::SETTINGS_KEY) => device.reload(),
                _ => {}
            }
        });
    listen("storage", &on_storage);
    on_storage.forget();
    let on_hash = Closure::<dyn Fn()>::new(move || {
        if !gone.get() && !matches!(location_hash().as_str(), "" | "#/") {
            hand_over_if(saving, gone);
        }
    });
    listen("hashchange", &on_hash);
    on_hash.forget();
    let on_leave = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if !gone.get() && saving.leaving_loses_data() {
            ev.prevent_default();
        }
    });
    listen("beforeunload", &on_leave);
    on_leave.forget();
}
