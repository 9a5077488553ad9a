//! Client mode: while the device is in a client's hands it shows the rating
//! form, then a thank-you, and nothing else; only the therapist PIN leads out.

use crate::domain::device::settings::DeviceSettings;
use crate::domain::measures::messages::{FormWords, Msg};
use crate::domain::screens::nav::{after_unlock, Page};
use crate::storage;
use crate::ui::shared::browser;
use crate::ui::shared::state::{ClientMode, Device, LockView, Nav, Saving};
use crate::ui::{Screen, THERAPIST_PAGE};
use leptos::prelude::*;

/// Everything a client can see on the form page. The PIN prompt lives on the
/// therapist page (which shows nothing else while locked), so the form's
/// first load carries no PIN code at all. The form page's components take
/// their pieces of state as props: the form's first load carries no context
/// look-ups.
#[component]
pub fn LockedForm(saving: Saving, client: ClientMode, nav: Nav, device: Device) -> impl IntoView {
    let view = client.lock_view;
    let unlock = move |_| unlock_page(client, nav);
    view! {
        <main id="main" class="client-mode">
            {move || match view.get() {
                LockView::Form => view! {
                    <crate::ui::form::rate::RateScreen saving=saving client=client device=device/>
                    // Outside the form's section: its language and direction marked here too.
                    <p class="therapist-exit" lang=client.words.with_value(|w| w.lang().to_string()) dir=client.words.with_value(FormWords::dir)>
                        <button type="button" class="link" on:click=unlock>{client.words.get_value().get(Msg::TherapistUnlock).to_string()}</button>
                    </p>
                }.into_any(),
                LockView::ThankYou => view! { <ThankYou client=client nav=nav unsaved=saving.data.unsaved/> }.into_any(),
                LockView::Away => ().into_any(),
            }}
        </main>
    }
}

/// Opens the therapist page, which asks for the PIN and then shows the
/// review of the rating just made (if any).
fn unlock_page(client: ClientMode, nav: Nav) {
    let next = after_unlock(client.last_done.get_untracked());
    nav.open(&format!("{THERAPIST_PAGE}{}", next.to_hash()));
}

/// What the person who rated sees after Done, in client mode and on the
/// plain form alike: thanks, and nothing of the results. The therapist opens
/// the review with one deliberate step (the PIN in client mode).
#[component]
pub fn ThankYou(
    client: ClientMode,
    nav: Nav,
    /// Why the last save failed, if it did: then the thanks do not say "saved".
    unsaved: RwSignal<Option<String>>,
) -> impl IntoView {
    let locked = client.locked.get_untracked();
    let review = move |_| {
        if let Some(id) = client.last_done.get_untracked() {
            // On the therapist page (a child's version rated here) the
            // review is a screen of this page; the thanks is over.
            if nav.page == Page::Therapist {
                client.last_done.set(None);
                nav.go(Screen::Review(id));
                return;
            }
            nav.open(&format!("{THERAPIST_PAGE}{}", Screen::Review(id).to_hash()));
        }
    };
    let again = move |_| client.last_done.set(None);
    Effect::new(move |_| browser::focus("thanks-heading"));
    // In the language of the form just given (see `RateScreen`).
    let words = client.words.get_value();
    let say = |m: Msg| words.get(m).to_string();
    let saved = say(Msg::Saved) + " ";
    view! {
        <section class="thanks" aria-labelledby="thanks-heading" data-testid="thanks" lang=words.lang().to_string() dir=words.dir()>
            <h1 id="thanks-heading" tabindex="-1">{say(Msg::ThankYou)}</h1>
            <p>
                {move || if unsaved.with(Option::is_none) { saved.clone() } else { String::new() }}
                {say(Msg::HandBack)}
            </p>
            {if locked {
                view! { <div class="actions"><button type="button" on:click=move |_| unlock_page(client, nav)>{say(Msg::TherapistUnlock)}</button></div> }.into_any()
            } else {
                view! {
                    <p class="hint" hidden=move || !nav.present.get()>
                        {say(Msg::StopSharing)}
                    </p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=review>{say(Msg::OpenReview)}</button>
                        <button type="button" on:click=again>{say(Msg::NewRating)}</button>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// Starts the idle timer that locks the app into client mode after
/// `idle_lock_secs` without input (when a PIN is set).
pub fn start_idle_lock(client: ClientMode, settings: RwSignal<DeviceSettings>) {
    use wasm_bindgen::prelude::*;
    let last = StoredValue::new(browser::now_ms());
    let Some(w) = web_sys::window() else { return };
    let touch = Closure::<dyn Fn()>::new(move || last.set_value(browser::now_ms()));
    for ev in ["pointerdown", "keydown", "pointermove", "wheel"] {
        let _ = w.add_event_listener_with_callback(ev, touch.as_ref().unchecked_ref());
    }
    touch.forget();
    let tick = Closure::<dyn Fn()>::new(move || {
        let secs = settings.with_untracked(|s| if s.can_lock() { s.idle_lock_secs } else { 0 });
        if secs == 0 || client.locked.get_untracked() {
            last.set_value(browser::now_ms());
            return;
        }
        if browser::now_ms() - last.get_value() >= f64::from(secs) * 1000.0 {
            client.lock();
        }
    });
    let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        1000,
    );
    tick.forget();
}

/// Another tab entered client mode: this one follows at once, whatever it
/// shows (the form page shows the form, the therapist page the PIN prompt).
/// Unlocking elsewhere does not open this tab: leaving client mode takes the
/// PIN in each tab, so no tab is left open behind the client's back.
pub fn sync_from_storage(client: ClientMode, nav: Nav) {
    if hand_over_to_round(client, nav) {
        return;
    }
    if storage::is_locked() && !client.locked.get_untracked() {
        client.lock_view.set(LockView::Form);
        client.last_done.set(None);
        client.locked.set(true);
    }
}

/// On the form page, while the device is handed over for a round (which
/// runs on the therapist page): shows nothing and opens the round, so no
/// form a client could mark stands in its place (a relaunch, a new tab,
/// Back, a form tab open when the round began). True when it did. The
/// decision is [`crate::domain::device::handover::form_hands_over`]'s; `paint.js`
/// makes it before the wasm has loaded, this when a tab is already open.
pub fn hand_over_to_round(client: ClientMode, nav: Nav) -> bool {
    let hands_over = nav.page == Page::Form
        && crate::domain::device::handover::form_hands_over(storage::lock_marker().as_deref());
    if hands_over {
        client.lock_view.set(LockView::Away);
        client.locked.set(true);
        nav.open(THERAPIST_PAGE);
    }
    hands_over
}
