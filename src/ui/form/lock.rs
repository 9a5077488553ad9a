//! Client mode: while the device is in a client's hands it shows the rating
//! form, then a thank-you, and nothing else; only the therapist PIN leads out.

use crate::domain::security::pin::{wait_text, Backoff};
use crate::domain::security::recovery::{
    normalise_code, pin_state, plan_unlock, Proof, UnlockPlan,
};
use crate::storage;
use crate::ui::{browser, crypto, use_state, Screen};
use leptos::prelude::*;

/// What client mode is showing on the form page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockView {
    /// The rating form.
    Form,
    /// "Thank you, please hand the device back."
    ThankYou,
    /// Nothing: the page is leaving for the round under way on the
    /// therapist page (see [`hand_over_to_round`]).
    Away,
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
                    <crate::ui::rate::RateScreen/>
                    <p class="therapist-exit">
                        <button type="button" class="link" on:click=unlock>"Therapist: unlock"</button>
                    </p>
                }.into_any(),
                LockView::ThankYou => view! { <ThankYou/> }.into_any(),
                LockView::Away => ().into_any(),
            }}
        </main>
    }
}

/// Opens the therapist page, which asks for the PIN and then shows the
/// review of the rating just made (if any).
fn unlock_page(state: crate::ui::AppState) {
    let next = after_unlock(state.client.last_done.get_untracked());
    state.open(&format!("{}{}", crate::ui::THERAPIST_PAGE, next.to_hash()));
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
            // On the therapist page (a child's version rated here) the
            // review is a screen of this page; the thanks is over.
            if state.nav.page == crate::ui::Page::Therapist {
                state.client.last_done.set(None);
                state.go(Screen::Review(id));
                return;
            }
            state.open(&format!(
                "{}{}",
                crate::ui::THERAPIST_PAGE,
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

/// How the prompt is being answered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    Pin,
    Code,
}

/// The PIN prompt, with the back-off after repeated wrong PINs, and the
/// recovery code as the other way in. Nothing of the clients shows before
/// one of them is right; neither deletes anything.
#[component]
pub(crate) fn Unlock() -> impl IntoView {
    let state = use_state();
    let way = RwSignal::new(Way::Pin);
    let pin = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit_pin = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let now = browser::now();
        let backoff = state.current_backoff();
        let (record, distrusted) = (
            state.client.settings.with_untracked(|s| s.pin.clone()),
            state.client.problem.with_untracked(Option::is_some),
        );
        let typed = pin.get_untracked();
        pin.set(String::new());
        match plan_unlock(pin_state(record.as_ref(), distrusted), &backoff, now) {
            UnlockPlan::Open => state.unlock(),
            UnlockPlan::Wait(wait) => message.set(Some(format!(
                "Too many wrong PINs. {}. Forgot the PIN? Use the recovery code.",
                wait_text(wait)
            ))),
            UnlockPlan::RecoveryOnly => message.set(Some(
                "The stored PIN could not be read, so no PIN can be checked. Use the recovery code to unlock."
                    .into(),
            )),
            UnlockPlan::CheckPin => {
                let Some(record) = record else { return };
                busy.set(true);
                leptos::task::spawn_local(async move {
                    let ok = crypto::verify(&record, &typed).await;
                    busy.set(false);
                    let now = browser::now();
                    // Re-read: another tab may have counted a wrong PIN meanwhile.
                    let backoff = state.current_backoff();
                    let next = if ok {
                        backoff.after_success()
                    } else {
                        backoff.after_failure(now)
                    };
                    state.record_backoff(next.clone());
                    if ok {
                        state.unlock();
                    } else {
                        let wait = next.wait(now);
                        message.set(Some(if wait.is_zero() {
                            "Wrong PIN.".to_string()
                        } else {
                            format!("Wrong PIN. {}.", wait_text(wait))
                        }));
                        browser::focus("unlock-pin");
                    }
                });
            }
        }
    };

    let submit_code = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let canonical = match normalise_code(&code.get_untracked()) {
            Ok(c) => c,
            Err(e) => return message.set(Some(format!("That is not a recovery code: {e}."))),
        };
        let record = match storage::load_recovery() {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                return message.set(Some(format!(
                    "The stored recovery code cannot be used ({e})."
                )))
            }
            None => return message.set(Some("No recovery code was set up on this device.".into())),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let ok = crypto::verify(&record.0, &canonical).await;
            busy.set(false);
            if !ok {
                message.set(Some("That is not the recovery code.".into()));
                browser::focus("unlock-code");
                return;
            }
            code.set(String::new());
            // Proved: the back-off is forgiven and the settings screen lets
            // the therapist set a new PIN without the old one.
            state.record_backoff(Backoff::default());
            set_proof(Proof::RecoveryCode);
            state.unlock();
            state.go(Screen::Settings);
        });
    };
    let back = move |_| browser::navigate("./");
    let switch = move |to: Way| {
        message.set(None);
        way.set(to);
        browser::focus(if to == Way::Pin {
            "unlock-pin"
        } else {
            "unlock-code"
        });
    };

    view! {
        <section class="unlock" aria-labelledby="unlock-heading">
            <h1 id="unlock-heading">"Therapist PIN"</h1>
            {move || state.client.problem.get().map(|p| view! {
                <div class="banner warn" role="alert" data-testid="settings-banner">
                    <p>{problem_text(&p, true)}</p>
                </div>
            })}
            <form on:submit=submit_pin hidden=move || way.get() != Way::Pin>
                <div class="field">
                    <label for="unlock-pin">"PIN"</label>
                    <input id="unlock-pin" type="password" inputmode="numeric" autocomplete="off"
                        autofocus aria-describedby="unlock-message"
                        prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev))/>
                </div>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { "Checking…" } else { "Unlock" }}
                    </button>
                    <button type="button" on:click=move |_| switch(Way::Code)>"Use the recovery code"</button>
                </div>
            </form>
            <form on:submit=submit_code hidden=move || way.get() != Way::Code>
                <div class="field">
                    <label for="unlock-code">"Recovery code"</label>
                    <input id="unlock-code" type="text" autocomplete="off" autocapitalize="characters"
                        spellcheck="false" aria-describedby="unlock-message unlock-code-hint"
                        prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
                    <p id="unlock-code-hint" class="hint">
                        "The 24 letters and digits written down when the PIN was set; case, spaces and dashes do not matter."
                    </p>
                </div>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { "Checking…" } else { "Unlock with the code" }}
                    </button>
                    <button type="button" on:click=move |_| switch(Way::Pin)>"Use the PIN instead"</button>
                </div>
            </form>
            <p id="unlock-message" class="error" role="alert">{move || message.get()}</p>
            <div class="actions">
                <button type="button" on:click=back>"Back to the form"</button>
            </div>
        </section>
    }
}

thread_local! {
    /// What the therapist proved on this page (the recovery code at the PIN
    /// prompt), so the settings screen need not ask again before the new
    /// PIN. Therapist page only; gone with the page.
    static PROOF: std::cell::Cell<Proof> = const { std::cell::Cell::new(Proof::Nothing) };
}

/// What was proved on this page so far.
pub fn proof() -> Proof {
    PROOF.with(std::cell::Cell::get)
}

/// Records (or, with `Proof::Nothing`, spends) a proof.
pub fn set_proof(p: Proof) {
    PROOF.with(|c| c.set(p));
}

/// The distrusted settings in plain words: what happened and where the
/// original is (`problem`, from the loader), then the way on (`locked`: at
/// the PIN prompt).
pub fn problem_text(problem: &str, locked: bool) -> String {
    let next = if locked {
        "Because the PIN cannot be checked, client mode stays on: unlock with the recovery code, then set a new PIN."
    } else {
        "Because the PIN cannot be checked, client mode cannot start: set a new PIN in Settings (the recovery code is needed if one was made)."
    };
    format!("{problem} {next}")
}

/// Starts the idle timer that locks the app into client mode after
/// `idle_lock_secs` without input (when a PIN is set).
pub fn start_idle_lock(state: crate::ui::AppState) {
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
pub fn sync_from_storage(state: crate::ui::AppState) {
    if hand_over_to_round(state) {
        return;
    }
    if storage::is_locked() && !state.client.locked.get_untracked() {
        state.client.lock_view.set(LockView::Form);
        state.client.last_done.set(None);
        state.client.locked.set(true);
    }
}

/// On the form page, while the device is handed over for a round (which
/// runs on the therapist page): shows nothing and opens the round, so no
/// form a client could mark stands in its place (a relaunch, a new tab,
/// Back, a form tab open when the round began). True when it did. The
/// decision is [`crate::domain::device::handover::form_hands_over`]'s; `paint.js`
/// makes it before the wasm has loaded, this when a tab is already open.
pub fn hand_over_to_round(state: crate::ui::AppState) -> bool {
    let hands_over = state.nav.page == crate::ui::Page::Form
        && crate::domain::device::handover::form_hands_over(storage::lock_marker().as_deref());
    if hands_over {
        state.client.lock_view.set(LockView::Away);
        state.client.locked.set(true);
        state.open(crate::ui::THERAPIST_PAGE);
    }
    hands_over
}
