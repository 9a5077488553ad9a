//! Client mode: while the device is in a client's hands it shows the rating
//! form, then a thank-you, and nothing else; only the therapist PIN leads out.

use super::{browser, crypto, use_state, Screen};
use crate::domain::pin::{wait_text, Backoff};
use crate::storage;
use leptos::prelude::*;

/// What client mode is showing on the form page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockView {
    /// The rating form.
    Form,
    /// "Thank you, please hand the device back."
    ThankYou,
}

/// Everything a client can see on the form page. The PIN prompt lives on the
/// therapist page (which shows nothing else while locked), so the form's
/// first load carries no PIN code at all.
#[component]
pub fn ClientMode() -> impl IntoView {
    let state = use_state();
    let view = state.client.lock_view;
    let unlock = move |_| unlock_page(state);
    view! {
        <main id="main" class="client-mode">
            {move || match view.get() {
                LockView::Form => view! {
                    <super::rate::RateScreen/>
                    <p class="therapist-exit">
                        <button type="button" class="link" on:click=unlock>"Therapist: unlock"</button>
                    </p>
                }.into_any(),
                LockView::ThankYou => view! { <ThankYou/> }.into_any(),
            }}
        </main>
    }
}

/// Opens the therapist page, which asks for the PIN and then shows the
/// review of the rating just made (if any).
fn unlock_page(state: super::AppState) {
    let next = after_unlock(state.client.last_done.get_untracked());
    state.open(&format!("{}{}", super::THERAPIST_PAGE, next.to_hash()));
}

/// What the person who rated sees after Done, in client mode and on the
/// plain form alike: thanks, and nothing of the results. The therapist opens
/// the review with one deliberate step (the PIN in client mode).
#[component]
pub fn ThankYou() -> impl IntoView {
    let state = use_state();
    let locked = state.client.locked.get_untracked();
    let review = move |_| {
        if let Some(id) = state.client.last_done.get_untracked() {
            state.open(&format!(
                "{}{}",
                super::THERAPIST_PAGE,
                Screen::Review(id).to_hash()
            ));
        }
    };
    let again = move |_| state.client.last_done.set(None);
    Effect::new(move |_| browser::focus("thanks-heading"));
    view! {
        <section class="thanks" aria-labelledby="thanks-heading" data-testid="thanks">
            <h1 id="thanks-heading" tabindex="-1">"Thank you"</h1>
            <p>
                {move || if state.data.unsaved.with(Option::is_none) { "Your answers are saved. " } else { "" }}
                "Please hand the device back to your therapist."
            </p>
            {if locked {
                view! { <div class="actions"><button type="button" on:click=move |_| unlock_page(state)>"Therapist: unlock"</button></div> }.into_any()
            } else {
                view! {
                    <p class="hint" hidden=move || !state.nav.present.get()>
                        "Therapist: stop sharing your screen before you open the review; it is for you only."
                    </p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=review>"Therapist: open the review"</button>
                        <button type="button" on:click=again>"New rating"</button>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// The therapist page while locked: the PIN prompt and nothing else.
#[component]
pub fn Locked() -> impl IntoView {
    view! { <main id="main" class="client-mode"><Unlock/></main> }
}

/// The PIN prompt, with the back-off after repeated wrong PINs.
#[component]
fn Unlock() -> impl IntoView {
    let state = use_state();
    let pin = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let settings = state.client.settings.get_untracked();
        let now = browser::now();
        let wait = settings.backoff.wait(now);
        if !wait.is_zero() {
            message.set(Some(format!("Too many wrong PINs. {}.", wait_text(wait))));
            return;
        }
        let Some(record) = settings.pin.clone() else {
            // No PIN was ever set: nothing to guard.
            state.unlock();
            return;
        };
        let typed = pin.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let ok = match record.salt_bytes() {
                Ok(salt) => crypto::pbkdf2(&typed, &salt, record.iterations)
                    .await
                    .map(|h| record.matches(&h))
                    .unwrap_or(false),
                Err(_) => false,
            };
            busy.set(false);
            pin.set(String::new());
            let now = browser::now();
            let backoff: Backoff = if ok {
                settings.backoff.after_success()
            } else {
                settings.backoff.after_failure(now)
            };
            // If storage refuses, the back-off still holds in memory for this page.
            let _ = state.save_settings(|s| s.backoff = backoff.clone());
            if ok {
                state.unlock();
            } else {
                let wait = backoff.wait(now);
                message.set(Some(if wait.is_zero() {
                    "Wrong PIN.".to_string()
                } else {
                    format!("Wrong PIN. {}.", wait_text(wait))
                }));
                browser::focus("unlock-pin");
            }
        });
    };
    let back = move |_| browser::navigate("./");

    view! {
        <section class="unlock" aria-labelledby="unlock-heading">
            <h1 id="unlock-heading">"Therapist PIN"</h1>
            <form on:submit=submit>
                <div class="field">
                    <label for="unlock-pin">"PIN"</label>
                    <input id="unlock-pin" type="password" inputmode="numeric" autocomplete="off"
                        autofocus aria-describedby="unlock-message"
                        prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev))/>
                </div>
                <p id="unlock-message" class="error" role="alert">{move || message.get()}</p>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { "Checking…" } else { "Unlock" }}
                    </button>
                    <button type="button" on:click=back>"Back to the form"</button>
                </div>
            </form>
        </section>
    }
}

/// Starts the idle timer that locks the app into client mode after
/// `idle_lock_secs` without input (when a PIN is set).
pub fn start_idle_lock(state: super::AppState) {
    use wasm_bindgen::prelude::*;
    let last = StoredValue::new(browser::now_ms());
    let Some(w) = web_sys::window() else { return };
    let touch = Closure::<dyn Fn()>::new(move || last.set_value(browser::now_ms()));
    for ev in ["pointerdown", "keydown", "pointermove", "wheel"] {
        let _ = w.add_event_listener_with_callback(ev, touch.as_ref().unchecked_ref());
    }
    touch.forget();
    let tick = Closure::<dyn Fn()>::new(move || {
        let secs =
            state
                .client
                .settings
                .with_untracked(|s| if s.can_lock() { s.idle_lock_secs } else { 0 });
        if secs == 0 || state.client.locked.get_untracked() {
            last.set_value(browser::now_ms());
            return;
        }
        if browser::now_ms() - last.get_value() >= f64::from(secs) * 1000.0 {
            state.lock();
        }
    });
    let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        1000,
    );
    tick.forget();
}

/// Where an unlocked app goes: the review of the rating just made, if any,
/// else the client list.
pub fn after_unlock(last_done: Option<String>) -> Screen {
    last_done.map(Screen::Review).unwrap_or(Screen::Clients)
}

/// Another tab entered client mode: this one follows at once, whatever it
/// shows (the form page shows the form, the therapist page the PIN prompt).
/// Unlocking elsewhere does not open this tab: leaving client mode takes the
/// PIN in each tab, so no tab is left open behind the client's back.
pub fn sync_from_storage(state: super::AppState) {
    if storage::is_locked() && !state.client.locked.get_untracked() {
        state.client.lock_view.set(LockView::Form);
        state.client.last_done.set(None);
        state.client.locked.set(true);
    }
}
