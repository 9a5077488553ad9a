//! Setting or changing the therapist PIN on the settings screen: the proof
//! it needs (the current PIN or the recovery code, counted towards the
//! back-off), and a new recovery code with every new PIN.

use crate::domain::security::pin::wait_text;
use crate::domain::security::pin::{validate_pin, PinRecord, ITERATIONS};
use crate::domain::security::recovery::{
    format_code, normalise_code, pin_state, plan_pin_change, read_proof, PinChangeError, PinState,
    Proof, RecoveryRecord, TypedProof, CODE_BYTES, CODE_ITERATIONS,
};
use crate::storage;
use crate::ui::shared::state::{Device, PinBackoff};
use crate::ui::shared::words::{tr, trf, words};
use crate::ui::shared::{browser, crypto};
use crate::ui::therapist::unlock::PinProof;
use leptos::prelude::*;

/// What a PIN change left behind.
enum Changed {
    /// PIN and a new recovery code stored: the code, to show once.
    WithCode(String),
    /// The PIN was stored, the new recovery code not (why).
    CodeNotStored(String),
}

/// Proves what the proof field holds, counting a wrong PIN towards the
/// back-off like the PIN prompt does (else this form would be a way round it).
async fn prove(
    (device, backoff, proved): (Device, PinBackoff, PinProof),
    typed: TypedProof,
    ps: PinState,
) -> Result<Proof, String> {
    match typed {
        TypedProof::Empty => Ok(proved.get()),
        TypedProof::Pin(pin) => {
            let Some(record) = device.settings.with_untracked(|s| s.pin.clone()) else {
                return Err(PinChangeError::NeedRecovery.words(words()).to_string());
            };
            if ps != PinState::Set {
                return Err(PinChangeError::NeedRecovery.words(words()).to_string());
            }
            let ok = crypto::verify(&record, &pin).await;
            let current = backoff.current();
            if ok {
                backoff.record(current.after_success());
                Ok(Proof::CurrentPin)
            } else {
                let now = browser::now();
                let next = current.after_failure(now);
                backoff.record(next.clone());
                let wait = next.wait(now);
                Err(if wait.is_zero() {
                    tr("The current PIN is not right.").to_string()
                } else {
                    trf(
                        "The current PIN is not right. {wait}.",
                        &[("wait", &wait_text(wait, words()))],
                    )
                })
            }
        }
        TypedProof::Code(code) => match storage::load_recovery() {
            Some(Ok(r)) if crypto::verify(&r.0, &code).await => Ok(Proof::RecoveryCode),
            _ => Err(tr("That is not the recovery code.").into()),
        },
    }
}

/// Checks the proof, then stores the new PIN and a new recovery code. The
/// settings go first: if they fail nothing changed and the old code still
/// works; if only the code fails, the old code (if any) still works.
async fn change_pin(
    keys: (Device, PinBackoff, PinProof),
    new_pin: String,
    typed: TypedProof,
    ps: PinState,
    has_recovery: bool,
) -> Result<Changed, String> {
    let proof = prove(keys, typed, ps).await?;
    let (device, _, proved) = keys;
    plan_pin_change(ps, proof, has_recovery).map_err(|e| e.words(words()).to_string())?;
    let salt = crypto::random_salt()?;
    let hash = crypto::pbkdf2(&new_pin, &salt, ITERATIONS).await?;
    let code = format_code(crypto::random_bytes::<CODE_BYTES>()?);
    let canonical =
        normalise_code(&code).map_err(|e| e.words(crate::ui::shared::words::words()))?;
    let code_salt = crypto::random_salt()?;
    let code_hash = crypto::pbkdf2(&canonical, &code_salt, CODE_ITERATIONS).await?;
    let mut next = device.settings.get_untracked();
    next.pin = Some(PinRecord::new(salt, ITERATIONS, hash));
    next.backoff = Default::default();
    device.save_new_pin(next)?;
    // Spent: the next change needs the new PIN (or the new code).
    proved.set(Proof::Nothing);
    Ok(
        match storage::save_recovery(&RecoveryRecord::new(code_salt, CODE_ITERATIONS, code_hash)) {
            Ok(()) => Changed::WithCode(code),
            Err(e) => Changed::CodeNotStored(e.words(crate::ui::shared::words::words())),
        },
    )
}

/// Set or change the therapist PIN; changing it needs the current PIN or
/// the recovery code (an unlocked tab is not proof: see `plan_pin_change`).
#[component]
pub(super) fn PinSettings() -> impl IntoView {
    let device = expect_context::<Device>();
    let backoff = expect_context::<PinBackoff>();
    let pin_proof = expect_context::<PinProof>();
    let current = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let shown_code = RwSignal::new(None::<String>);
    let has_recovery = RwSignal::new(matches!(storage::load_recovery(), Some(Ok(_))));
    let ps = move || {
        let distrusted = device.problem.with(Option::is_some);
        device
            .settings
            .with(|s| pin_state(s.pin.as_ref(), distrusted))
    };
    // Read when the screen opens: the PIN prompt records a recovery code
    // just before it opens this screen, and a change spends it (`proved`).
    let proved = RwSignal::new(pin_proof.get());
    let needs_proof = move || plan_pin_change(ps(), proved.get(), has_recovery.get()).is_err();

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (p, c) = (pin.get_untracked(), confirm.get_untracked());
        if let Err(e) = validate_pin(&p) {
            error.set(Some(e.words(words())));
            return;
        }
        if p != c {
            error.set(Some(tr("The two PINs do not match.").into()));
            return;
        }
        let (state_now, hr) = (untrack(ps), has_recovery.get_untracked());
        let typed = if untrack(needs_proof) {
            match read_proof(&current.get_untracked()) {
                Ok(TypedProof::Empty) => {
                    let why = plan_pin_change(state_now, Proof::Nothing, hr).err();
                    error.set(why.map(|e| e.words(words()).to_string()));
                    browser::focus("pin-current");
                    return;
                }
                Ok(t) => t,
                Err(e) => {
                    error.set(Some(trf(
                        "That is neither the PIN nor a recovery code: {why}.",
                        &[("why", &e.words(words()))],
                    )));
                    return;
                }
            }
        } else {
            TypedProof::Empty
        };
        if matches!(typed, TypedProof::Pin(_)) {
            let wait = backoff.current().wait(browser::now());
            if !wait.is_zero() {
                error.set(Some(trf(
                    "Too many wrong PINs. {wait}.",
                    &[("wait", &wait_text(wait, words()))],
                )));
                return;
            }
        }
        error.set(None);
        status.set(String::new());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = change_pin((device, backoff, pin_proof), p, typed, state_now, hr).await;
            busy.set(false);
            current.set(String::new());
            match result {
                Ok(changed) => {
                    proved.set(Proof::Nothing);
                    pin.set(String::new());
                    confirm.set(String::new());
                    match changed {
                        Changed::WithCode(code) => {
                            has_recovery.set(true);
                            status.set(tr("PIN saved.").into());
                            shown_code.set(Some(code));
                            request_animation_frame(|| browser::focus("recovery-heading"));
                        }
                        Changed::CodeNotStored(why) => status.set(if hr {
                            trf(
                                "PIN saved. A new recovery code could not be stored ({why}); the previous one still works.",
                                &[("why", &why)],
                            )
                        } else {
                            trf(
                                "PIN saved. A new recovery code could not be stored ({why}); save the PIN again when there is room.",
                                &[("why", &why)],
                            )
                        }),
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let hint = move || {
        match (ps(), proved.get()) {
        (_, Proof::RecoveryCode) => tr("Recovery code accepted: set a new PIN now."),
        (PinState::NotSet, _) => tr("No PIN set yet."),
        (PinState::Unknown, _) => tr("The stored PIN could not be read. Set a new one with the recovery code."),
        (PinState::Set, _) if !has_recovery.get() => {
            tr("A PIN is set, but no recovery code yet: enter the current PIN and a new one (it may be the same) to get one.")
        }
        (PinState::Set, _) => tr("A PIN is set. To change it, enter the current PIN (or the recovery code) and the new one."),
    }
    };

    view! {
        <section class="setting" aria-labelledby="pin-heading">
            <h2 id="pin-heading">{tr("Therapist PIN")}</h2>
            <p>
                {tr("Client mode shows only the rating form; leaving it needs this PIN. ")}
                <strong>{tr("The PIN guards the screen, not the stored data:")}</strong>
                {tr(" anyone who can open this browser's storage or developer tools can still read the ratings. ")}
                {tr("Only a salted hash of the PIN is kept, and of the recovery code made with it.")}
            </p>
            <p class="hint">{hint}</p>
            {move || shown_code.get().map(|code| view! {
                <div class="recovery-code" role="region" aria-labelledby="recovery-heading" data-testid="recovery-code">
                    <h3 id="recovery-heading" tabindex="-1">{tr("Your recovery code")}</h3>
                    <p>
                        {tr("Write this code down now and keep it somewhere safe, away from this device. ")}
                        {tr("If the PIN is forgotten, or this device's settings are damaged, it is the way back in. ")}
                        <strong>{tr("It will not be shown again.")}</strong>
                    </p>
                    <p class="code"><code data-testid="recovery-code-text">{code}</code></p>
                    <button type="button" class="primary" on:click=move |_| shown_code.set(None)>{tr("I have written it down")}</button>
                </div>
            })}
            <form on:submit=save>
                {move || needs_proof().then(|| view! {
                    <div class="field">
                        <label for="pin-current">{tr("Current PIN (or the recovery code)")}</label>
                        <input id="pin-current" type="password" autocomplete="current-password"
                            aria-describedby="pin-error"
                            prop:value=move || current.get() on:input=move |ev| current.set(event_target_value(&ev))/>
                    </div>
                })}
                <div class="field">
                    <label for="pin-new">{tr("New PIN (4 to 8 digits)")}</label>
                    <input id="pin-new" type="password" inputmode="numeric" autocomplete="new-password"
                        aria-describedby="pin-error"
                        prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="pin-confirm">{tr("Repeat the PIN")}</label>
                    <input id="pin-confirm" type="password" inputmode="numeric" autocomplete="new-password"
                        prop:value=move || confirm.get() on:input=move |ev| confirm.set(event_target_value(&ev))/>
                </div>
                <p id="pin-error" class="error" role="alert">{move || error.get()}</p>
                <div class="actions">
                    <button type="submit" disabled=move || busy.get()>
                        {move || if busy.get() { tr("Saving…") } else { tr("Save PIN") }}
                    </button>
                    <p class="status" role="status">{move || status.get()}</p>
                </div>
            </form>
        </section>
    }
}
