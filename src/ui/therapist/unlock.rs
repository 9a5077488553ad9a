//! The therapist page while locked: the PIN prompt (and the recovery code,
//! the other way in), and what was proved there for the settings screen.

use crate::domain::device::therapists::Key;
use crate::domain::screens::lock::problem_text;
use crate::domain::security::pin::{wait_text, Backoff};
use crate::domain::security::recovery::{
    normalise_code, pin_state, plan_unlock, Proof, UnlockPlan,
};
use crate::storage;
use crate::ui::shared::state::{ClientMode, Device, Nav, PinBackoff};
use crate::ui::shared::words::{tr, trf, words};
use crate::ui::shared::{browser, crypto};
use crate::ui::therapist::therapists::Therapists;
use crate::ui::Screen;
use leptos::prelude::*;

/// What the therapist proved on this page (the recovery code at the PIN
/// prompt), so the settings screen need not ask again before the new PIN.
/// Provided by the therapist page's root; gone with the page.
#[derive(Clone, Copy)]
pub struct PinProof(StoredValue<Proof>);

impl Default for PinProof {
    /// Nothing proved yet.
    fn default() -> Self {
        PinProof(StoredValue::new(Proof::Nothing))
    }
}

impl PinProof {
    /// What was proved on this page so far.
    pub fn get(&self) -> Proof {
        self.0.get_value()
    }

    /// Records (or, with `Proof::Nothing`, spends) a proof.
    pub fn set(&self, p: Proof) {
        self.0.set_value(p);
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
    let client = expect_context::<ClientMode>();
    let device = expect_context::<Device>();
    let backoff = expect_context::<PinBackoff>();
    let proof = expect_context::<PinProof>();
    let nav = expect_context::<Nav>();
    // The therapists' own PINs open their own hand-overs (and a lead's any).
    let therapists = use_context::<Therapists>();
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
        let waited = backoff.current();
        let (record, distrusted) = (
            device.settings.with_untracked(|s| s.pin.clone()),
            device.problem.with_untracked(Option::is_some),
        );
        let typed = pin.get_untracked();
        pin.set(String::new());
        match plan_unlock(pin_state(record.as_ref(), distrusted), &waited, now) {
            UnlockPlan::Open => client.unlock(),
            UnlockPlan::Wait(wait) => message.set(Some(trf(
                "Too many wrong PINs. {wait}. Forgot the PIN? Use the recovery code.",
                &[("wait", &wait_text(wait, words()))],
            ))),
            UnlockPlan::RecoveryOnly => message.set(Some(
                tr("The stored PIN could not be read, so no PIN can be checked. Use the recovery code to unlock.")
                    .into(),
            )),
            UnlockPlan::CheckPin => {
                let Some(record) = record else { return };
                // As stored now: a PIN another tab changed counts at once.
                let keys = therapists.map_or_else(
                    || vec![(Key::Device, record.clone())],
                    |t| t.reread().keys_for_unlock(Some(&record)),
                );
                busy.set(true);
                leptos::task::spawn_local(async move {
                    let mut opened = None;
                    for (key, rec) in keys {
                        if crypto::verify(&rec, &typed).await {
                            opened = Some(key);
                            break;
                        }
                    }
                    let ok = opened.is_some();
                    busy.set(false);
                    let now = browser::now();
                    // Re-read: another tab may have counted a wrong PIN meanwhile.
                    let current = backoff.current();
                    let next = if ok {
                        current.after_success()
                    } else {
                        current.after_failure(now)
                    };
                    backoff.record(next.clone());
                    if let (Some(t), Some(key)) = (therapists, &opened) {
                        // Who opened it is working now; a refused write keeps
                        // the one who was (nothing else hangs on it).
                        let _ = t.change(|l| l.opened_with(key));
                    }
                    if ok {
                        client.unlock();
                    } else {
                        let wait = next.wait(now);
                        message.set(Some(if wait.is_zero() {
                            tr("Wrong PIN.").to_string()
                        } else {
                            trf("Wrong PIN. {wait}.", &[("wait", &wait_text(wait, words()))])
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
            Err(e) => {
                return message.set(Some(trf(
                    "That is not a recovery code: {why}.",
                    &[("why", &e.words(words()))],
                )))
            }
        };
        let record = match storage::load_recovery() {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                return message.set(Some(trf(
                    "The stored recovery code cannot be used ({error}).",
                    &[("error", &e)],
                )))
            }
            None => {
                return message.set(Some(
                    tr("No recovery code was set up on this device.").into(),
                ))
            }
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let ok = crypto::verify(&record.0, &canonical).await;
            busy.set(false);
            if !ok {
                message.set(Some(tr("That is not the recovery code.").into()));
                browser::focus("unlock-code");
                return;
            }
            code.set(String::new());
            // Proved: the back-off is forgiven and the settings screen lets
            // the therapist set a new PIN without the old one.
            backoff.record(Backoff::default());
            proof.set(Proof::RecoveryCode);
            client.unlock();
            nav.go(Screen::Settings);
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
            <h1 id="unlock-heading">{tr("Therapist PIN")}</h1>
            {move || device.problem.get().map(|p| view! {
                <div class="banner warn" role="alert" data-testid="settings-banner">
                    <p>{problem_text(&p, true, words())}</p>
                </div>
            })}
            <form on:submit=submit_pin hidden=move || way.get() != Way::Pin>
                <div class="field">
                    <label for="unlock-pin">{tr("PIN")}</label>
                    <input id="unlock-pin" type="password" inputmode="numeric" autocomplete="off"
                        autofocus aria-describedby="unlock-message"
                        prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev))/>
                </div>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { tr("Checking…") } else { tr("Unlock") }}
                    </button>
                    <button type="button" on:click=move |_| switch(Way::Code)>{tr("Use the recovery code")}</button>
                </div>
            </form>
            <form on:submit=submit_code hidden=move || way.get() != Way::Code>
                <div class="field">
                    <label for="unlock-code">{tr("Recovery code")}</label>
                    <input id="unlock-code" type="text" autocomplete="off" autocapitalize="characters"
                        spellcheck="false" aria-describedby="unlock-message unlock-code-hint"
                        prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
                    <p id="unlock-code-hint" class="hint">
                        {tr("The 24 letters and digits written down when the PIN was set; case, spaces and dashes do not matter.")}
                    </p>
                </div>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { tr("Checking…") } else { tr("Unlock with the code") }}
                    </button>
                    <button type="button" on:click=move |_| switch(Way::Pin)>{tr("Use the PIN instead")}</button>
                </div>
            </form>
            <p id="unlock-message" class="error" role="alert">{move || message.get()}</p>
            <div class="actions">
                <button type="button" on:click=back>{tr("Back to the form")}</button>
            </div>
        </section>
    }
}
