//! The two page roots. `FormApp` (index.html) is what a client's tablet
//! loads first: the four lines, client mode and storage. `TherapistApp`
//! (therapist.html) holds every other screen. Both make the same pieces of
//! state ([`Pieces`]), provide each as its own context and share
//! localStorage, so moving between them is a plain link.

use crate::domain::screens::nav::{therapist_screen, Page};
use crate::storage::{self, LoadStatus};
use crate::ui::form::{lock, rate};
use crate::ui::shared::state::nav::location_hash;
use crate::ui::shared::state::{ClientMode, Loader, Nav, Pieces, Saving};
use crate::ui::shared::words::tr;
use crate::ui::shared::{banner, browser, keeping, panic};
use crate::ui::therapist::{
    alliance, clients, data, history, outcomes, report, review, session, settings, spoken, turn,
    unlock,
};
use crate::ui::{Screen, THERAPIST_PAGE};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Loads the state and wires what both pages need: another tab's saves and
/// client-mode changes, settings, and the idle auto-lock.
fn start(page: Page, keep: &'static keeping::Keeping, loader: Loader) -> Pieces {
    panic::test_trigger();
    let state = Pieces::load(page, keep, loader);
    let saving = state.saving;
    let pending = (keep.waiting)(saving);
    if pending || matches!(saving.data.status.get_untracked(), LoadStatus::Migrated(_)) {
        // A migration is written back at once; ratings this tab could not
        // store before get another try (the banner says if it fails again).
        saving.persist();
    }
    // This closure runs outside any reactive owner, so it uses the pieces
    // captured here and never looks up context (that would panic).
    let on_storage =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
            match ev.key().as_deref() {
                Some(storage::LOCK_KEY) => lock::sync_from_storage(state.client, state.nav),
                Some(storage::SETTINGS_KEY) => state.device.reload(),
                Some(key) => (saving.keep.other_tab)(saving, key),
                None => {}
            }
        });
    listen("storage", &on_storage);
    // Listeners live as long as the page.
    on_storage.forget();
    lock::start_idle_lock(state.client, state.device.settings);
    // Leaving the page would drop ratings that exist only in memory: ask first.
    let on_leave = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if saving.leaving_loses_data() {
            ev.prevent_default();
        }
    });
    listen("beforeunload", &on_leave);
    on_leave.forget();
    let present = state.nav.present;
    Effect::new(move |_| storage::set_presenting(present.get()));
    state
}

fn listen<T: ?Sized>(event: &str, f: &Closure<T>) {
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
    }
}

/// Keeps the screen and the URL fragment in step (reload, Back, links).
fn follow_hash(nav: Nav, client: ClientMode, to_screen: fn(String) -> Screen) {
    Effect::new(move |_| {
        let hash = nav.screen.with(Screen::to_hash);
        if location_hash() != hash && !(hash == "#/" && location_hash().is_empty()) {
            if client.locked.get_untracked() && !location_hash().is_empty() {
                // In client mode an address typed with a screen in it keeps
                // its entry, however early this runs: Back returns to it,
                // which leads nowhere (below), and the form stays. The bare
                // page's address is replaced or followed as always.
                browser::push_hash(&hash);
            } else if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(&hash);
            }
        }
    });
    let on_hash = Closure::<dyn Fn()>::new(move || {
        // In client mode a typed URL or Back leads nowhere: the form stays.
        if client.locked.get_untracked() {
            if location_hash() != "#/" {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().set_hash("#/");
                }
            }
            return;
        }
        let next = to_screen(location_hash());
        if nav.screen.with_untracked(|s| *s != next) {
            nav.go(next);
        }
    });
    listen("hashchange", &on_hash);
    on_hash.forget();
}

/// The calibrated line length for the `--line-length` custom property: a
/// calibrated screen draws the line 100 mm long (CSS clamps it to fit).
fn line_length(
    settings: RwSignal<crate::domain::device::settings::DeviceSettings>,
) -> Option<String> {
    settings.with(|s| {
        s.calibration
            .and_then(|c| c.px_per_mm_at(browser::device_pixel_ratio()).ok())
            .map(crate::domain::screens::form::line_length_css)
    })
}

/// The header's words. The header shows on both pages, but only the
/// therapist page has a catalogue (the form's first load carries none), so
/// each root hands its words in: the form [`HeaderWords::EN`], the therapist
/// page its own language ([`therapist_header_words`]).
#[derive(Clone, Copy)]
pub struct HeaderWords {
    /// The language of these words when it is not the document's (the
    /// form page's frame in the therapist's language), for `lang`.
    pub lang: Option<&'static str>,
    /// The skip link's label.
    pub skip: &'static str,
    /// The navigation's accessible name.
    pub main: &'static str,
    /// The links, in order: the form, clients, spoken entry, data, settings.
    pub links: [&'static str; 5],
    /// The client-mode button.
    pub hand: &'static str,
    /// The presentation-mode toggle.
    pub present: &'static str,
    /// The banners under the header.
    pub banners: banner::BannerWords,
}

impl HeaderWords {
    /// Attune's English, as the form page says it.
    pub const EN: HeaderWords = HeaderWords {
        lang: None,
        skip: "Skip to main content",
        main: "Main",
        links: ["Rate", "Clients", "Spoken entry", "Data", "Settings"],
        hand: "Hand to client",
        present: "Presentation mode",
        banners: banner::BannerWords::EN,
    };
}

/// The header's words in the therapist page's language.
fn therapist_header_words() -> HeaderWords {
    HeaderWords {
        lang: None,
        skip: tr("Skip to main content"),
        main: tr("Main"),
        links: [
            tr("Rate"),
            tr("Clients"),
            tr("Spoken entry"),
            tr("Data"),
            tr("Settings"),
        ],
        hand: tr("Hand to client"),
        present: tr("Presentation mode"),
        banners: banner::therapist_banner_words(),
    }
}

/// The header: navigation across both pages, client mode, presentation mode.
#[component]
fn Header(nav: Nav, client: ClientMode, saving: Saving, words: HeaderWords) -> impl IntoView {
    // Links to the other page carry its file name; links within a page are fragments.
    let (form, therapist) = match nav.page {
        Page::Form => ("./", THERAPIST_PAGE),
        Page::Therapist => ("./", ""),
    };
    let current = move |f: fn(&Screen) -> bool| nav.screen.with(|s| f(s).then_some("page"));
    let [rate, clients, spoken, data, settings] = words.links;
    view! {
        <header class="top" lang=words.lang>
            // Keyboard users skip the header's links in one step (WCAG 2.4.1);
            // a button, because a `#main` link would change the route.
            <button type="button" class="skip-link" on:click=move |_| browser::focus("main")>{words.skip}</button>
            <span class="brand">"Attune"</span>
            <nav aria-label=words.main>
                <a href=form aria-current=move || current(|s| matches!(s, Screen::Rate))>{rate}</a>
                <a href=format!("{therapist}#/clients") aria-current=move || current(|s| matches!(s, Screen::Clients | Screen::Client(_)))>{clients}</a>
                <a href=format!("{therapist}#/spoken") aria-current=move || current(|s| matches!(s, Screen::Spoken))>{spoken}</a>
                <a href=format!("{therapist}#/data") aria-current=move || current(|s| matches!(s, Screen::Data))>{data}</a>
                <a href=format!("{therapist}#/settings") aria-current=move || current(|s| matches!(s, Screen::Settings))>{settings}</a>
            </nav>
            <button type="button" class="lock-button" on:click=move |_| client.lock()>{words.hand}</button>
            <button type="button" class="present-toggle" aria-pressed=move || nav.present.get().to_string()
                on:click=move |_| nav.present.update(|p| *p = !*p)>{words.present}</button>
        </header>
        <banner::Banners saving=saving nav=nav words=words.banners/>
    }
}

/// Starts the form page with its first module (`index.html`'s binary `attune`).
pub use crate::ui::form::lean::mount_lean;

/// Starts the full form module: at once, or, when the page's loader
/// instantiated it ahead of a hand-over (`window.attuneAhead`, set once the
/// first module's lines were usable and the page idle), not yet: it leaves
/// `window.attuneMount`, which the hand-over calls in the very task of the
/// press (Hand to client, presentation mode), so the press costs no
/// instantiation and no wait for another task, and
/// `window.attuneSaveDone`, which saves the first module's Done without
/// mounting anything (`scripts/postbuild.mjs` writes that loader).
pub fn start_form() {
    use wasm_bindgen::prelude::*;
    let Some(w) = web_sys::window() else { return };
    let ahead =
        js_sys::Reflect::get(&w, &JsValue::from_str("attuneAhead")).is_ok_and(|v| v.is_truthy());
    if !ahead {
        mount_form();
        return;
    }
    let mount = Closure::once_into_js(mount_form);
    let _ = js_sys::Reflect::set(&w, &JsValue::from_str("attuneMount"), &mount);
    // Done on the plain form, saved here without mounting anything: the
    // first module then draws the thank-you itself.
    let save = Closure::<dyn Fn() -> JsValue>::new(|| {
        crate::ui::form::rate::save_handed().map_or(JsValue::UNDEFINED, |id| JsValue::from_str(&id))
    });
    let _ = js_sys::Reflect::set(&w, &JsValue::from_str("attuneSaveDone"), save.as_ref());
    save.forget();
}

/// Starts the form page: mounts [`FormApp`] and takes away the static first
/// paint of `index.html` (`#paint`: the header, heading and instructions,
/// there before the wasm had loaded). Both happen in one task, so no frame
/// shows both or neither, and the app draws the same boxes in the same
/// place, so nothing moves (`tests/browser/paint.test.mjs`).
pub fn mount_form() {
    // After a hand-over from the first module: its tab's marks first.
    crate::ui::form::lean::keep_handed_draft();
    // A rating under way on a version only the therapist page draws (a
    // child's faces) continues there: this page would show an adult form
    // and drop its marks. Only where the form would show (the start
    // address, client mode), never instead of a therapist screen named.
    let draft = storage::load_draft();
    if crate::domain::device::handover::form_sends_draft_on(
        storage::is_locked(),
        Screen::from_hash(&location_hash()) == Screen::Rate,
        draft.as_ref().map(|d| d.scale_id.as_str()),
    ) {
        browser::replace(&format!("{THERAPIST_PAGE}{}", Screen::RateHere.to_hash()));
        return;
    }
    leptos::mount::mount_to_body(FormApp);
    browser::remove("paint");
}

/// Root of `index.html`: the rating form, and client mode.
#[component]
pub fn FormApp() -> impl IntoView {
    let state = start(Page::Form, &keeping::FORM, storage::load_settings_light);
    let (nav, client) = (state.nav, state.client);
    // A round under way: its page, never a form here (paint.js has most
    // likely gone there already). An old link or a typed URL naming a
    // therapist screen opens that page (client mode keeps the form: see
    // `follow_hash`).
    let initial = Screen::from_hash(&location_hash());
    let away = lock::hand_over_to_round(client, nav);
    if !away && initial != Screen::Rate && !client.locked.get_untracked() {
        nav.go(initial);
    }
    nav.screen.set(Screen::Rate);
    follow_hash(nav, client, |h| Screen::from_hash(&h));
    let (saving, device) = (state.saving, state.device);
    let settings = device.settings;
    // The first module handed the page over for its Done: saved now, so
    // the thank-you is what this page first draws. The first module shows
    // only the plain form, in the built-in words (`domain::screens::lean`).
    if crate::ui::form::lean::handed_done() && !away && !client.locked.get_untracked() {
        crate::ui::form::rate::finish(saving, client, settings, None, false);
    }

    use crate::ui::form::frame;
    let first = frame::first_open();
    view! {
        <div class="app" class:present=move || nav.present.get() style:--line-length=move || line_length(settings)>
            {move || if client.locked.get() {
                view! { <lock::LockedForm saving=saving client=client nav=nav device=device/> }.into_any()
            } else {
                view! {
                    <Header nav=nav client=client saving=saving words=crate::ui::form::frame::header_words()/>
                    <main id="main" tabindex="-1">
                        {move || if client.last_done.with(Option::is_some) {
                            view! { <lock::ThankYou client=client nav=nav unsaved=saving.data.unsaved/> }.into_any()
                        } else {
                            view! { <rate::RateScreen saving=saving client=client device=device/> }.into_any()
                        }}
                        // A new therapist's starting point (never in client
                        // mode). Below the form, not above it: the first
                        // paint cannot know about it, and above it would
                        // push the heading down when the app mounts.
                        {move || (settings.with(|s| s.pin.is_none()) && !storage::has_data())
                            .then(|| view! {
                                <p class="banner info first-open" data-testid="first-open" lang=frame::lang()>
                                    {first[0]} " " <a href=format!("{THERAPIST_PAGE}#/clients")>{first[1]}</a>
                                    " " {first[2]}
                                </p>
                            })}
                    </main>
                }.into_any()
            }}
        </div>
    }
}

/// Starts the therapist page: opens its records (IndexedDB is asynchronous,
/// and the move into it happens here once per device), then mounts
/// [`TherapistApp`] on them.
pub fn mount_therapist() {
    crate::ui::shared::words::start();
    panic::install_notice(panic::notice(
        tr("Something went wrong"),
        tr("Your ratings are saved on this device. Reload the page to carry on."),
        tr("Reload"),
    ));
    wasm_bindgen_futures::spawn_local(async {
        let shelf = std::rc::Rc::new(storage::Shelf::open(browser::now_ms()).await);
        leptos::mount::mount_to_body(move || view! { <TherapistApp shelf=shelf.clone()/> });
    });
}

/// Root of `therapist.html`: every screen but the form. In client mode it
/// shows the PIN prompt and nothing else, whatever the URL.
#[component]
pub fn TherapistApp(
    /// The page's records, opened before it mounted.
    shelf: std::rc::Rc<storage::Shelf>,
) -> impl IntoView {
    let state = start(
        Page::Therapist,
        keeping::THERAPIST.with_shelf(shelf),
        storage::load_settings_checked,
    );
    // The therapist page's screens take their pieces from context; the
    // form page's few components take them as props.
    state.provide();
    // Other tabs' commits to IndexedDB (their localStorage writes come as
    // `storage` events, wired in `start`).
    keeping::follow_other_tabs(state.saving);
    // The clients' languages, as words the form reads.
    crate::ui::therapist::language::keep_words(state.saving);
    provide_context(unlock::PinProof::default());
    provide_context(crate::ui::therapist::therapists::Therapists::load());
    crate::ui::therapist::data::ask_to_keep_storage();
    let saving = state.saving;
    crate::sync::start(
        crate::sync::Data {
            store: saving.data.store,
            unsaved: saving.data.unsaved,
            persist: Box::new(move || saving.persist()),
            settled: Box::new(move || Box::pin(keeping::settled(saving))),
        },
        |tell| {
            if let Some(h) = saving.keep.shelf {
                h.get().on_saved(tell);
            }
        },
    );
    let (nav, client, saving) = (state.nav, state.client, state.saving);
    let data = saving.data;
    let words = therapist_header_words();
    // The therapist page has no form; an empty fragment means the client list.
    let to_screen = |h: String| therapist_screen(&h);
    nav.screen.set(to_screen(location_hash()));
    follow_hash(nav, client, to_screen);
    // A round under way, or just over (its thanks still showing), or a
    // child rating alone on their version (a round of one).
    let in_round = Memo::new(move |_| {
        data.round.with(Option::is_some)
            || client.last_done.with(Option::is_some)
            || data.rated_here()
    });
    view! {
        <div class="app" class:present=move || nav.present.get()>
            // Locked: the round under way (the people in the room rating in
            // turn), else the PIN prompt; nothing of the therapist's.
            {move || client.locked.get().then(|| if in_round.get() {
                view! { <turn::RoundMode/> }.into_any()
            } else {
                view! { <unlock::Locked/> }.into_any()
            })}
            {move || (!client.locked.get()).then(|| view! {
                <Header nav=nav client=client saving=saving words=words/>
                <crate::ui::therapist::therapists::WorkingBar/>
                <banner::BackupBanner/>
                <banner::QuarantineBanner/>
                <banner::SettingsBanner/>
                <main id="main" tabindex="-1">
                    {move || match nav.screen.get() {
                        Screen::Rate => {
                            nav.go(Screen::Rate);
                            ().into_any()
                        }
                        Screen::RateHere => view! { <session::RateHereScreen/> }.into_any(),
                        Screen::Review(id) => view! { <review::ReviewScreen id=id/> }.into_any(),
                        Screen::Clients => view! { <clients::ClientsScreen/> }.into_any(),
                        Screen::Unassigned => view! { <clients::UnassignedScreen/> }.into_any(),
                        Screen::Alliance => view! { <alliance::AllianceScreen/> }.into_any(),
                        Screen::Outcomes => view! { <outcomes::OutcomesScreen/> }.into_any(),
                        Screen::Report(id) => view! { <report::ReportScreen id=id/> }.into_any(),
                        Screen::Client(id) => view! { <history::ClientScreen id=id/> }.into_any(),
                        Screen::Spoken => view! { <spoken::SpokenScreen/> }.into_any(),
                        Screen::Settings => view! { <settings::SettingsScreen/> }.into_any(),
                        Screen::Data => view! { <data::DataScreen/> }.into_any(),
                    }}
                    // Below the screen, not above it: the caseload (the
                    // therapist's home) must start above the fold on a laptop.
                    <banner::Checklist/>
                </main>
            })}
        </div>
    }
}
