//! Device settings: the therapist PIN (`pin`), the idle auto-lock, the
//! 10 cm line calibration against a bank card, the wording pack (`pack`)
//! and the page's own language (`page_lang`).

mod pack;
mod page_lang;
mod pin;

use crate::domain::device::settings::parse_idle_secs;
use crate::domain::measures::calibration::{
    key_to_card_width, Calibration, CARD_HEIGHT_MM, CARD_WIDTH_MM, MAX_PX_PER_MM, MIN_PX_PER_MM,
    NOMINAL_PX_PER_MM,
};
use crate::ui::shared::browser;
use crate::ui::shared::state::Device;
use crate::ui::shared::words::{tr, trf, words};
use leptos::prelude::*;
use pack::WordingPack;
use page_lang::PageLanguage;
use pin::PinSettings;

/// The settings screen.
#[component]
pub fn SettingsScreen() -> impl IntoView {
    let device = expect_context::<Device>();
    // Said whenever no PIN is set: "Hand to client" brings the therapist here.
    let no_pin = move || device.settings.with(|s| s.pin.is_none());
    view! {
        <section class="settings" aria-labelledby="settings-heading">
            <h1 id="settings-heading">{tr("Settings")}</h1>
            {move || no_pin().then(|| view! {
                <p class="flag" role="status">{tr("Set a therapist PIN before handing the device to a client.")}</p>
            })}
            <PageLanguage/>
            <PinSettings/>
            <super::therapists::TherapistSettings/>
            <IdleSettings/>
            <CalibrationSettings/>
            <WordingPack/>
            <super::sync_panel::SyncSettings/>
        </section>
    }
}

/// Idle time before the app locks itself into client mode.
#[component]
fn IdleSettings() -> impl IntoView {
    let device = expect_context::<Device>();
    let value = RwSignal::new(
        device
            .settings
            .with_untracked(|s| s.idle_lock_secs.to_string()),
    );
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_idle_secs(&value.get_untracked(), words())
            .and_then(|secs| device.save_settings(|s| s.idle_lock_secs = secs))
        {
            Ok(()) => {
                error.set(None);
                status.set(tr("Saved.").into());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <section class="setting" aria-labelledby="idle-heading">
            <h2 id="idle-heading">{tr("Auto-lock")}</h2>
            <form on:submit=save>
                <div class="field">
                    <label for="idle-secs">{tr("Lock into client mode after this many idle seconds (0 = never)")}</label>
                    <input id="idle-secs" type="text" inputmode="numeric" class="score-input"
                        aria-describedby="idle-error"
                        prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                </div>
                <p id="idle-error" class="error" role="alert">{move || error.get()}</p>
                <div class="actions">
                    <button type="submit">{tr("Save auto-lock")}</button>
                    <p class="status" role="status">{move || status.get()}</p>
                </div>
            </form>
        </section>
    }
}

/// Match an outline to a real bank card so lines are drawn 100 mm long.
#[component]
fn CalibrationSettings() -> impl IntoView {
    let device = expect_context::<Device>();
    let initial = device
        .settings
        .with_untracked(|s| s.calibration.map(|c| c.card_width_px()))
        .unwrap_or(NOMINAL_PX_PER_MM * CARD_WIDTH_MM);
    let width = RwSignal::new(initial);
    let status = RwSignal::new(String::new());
    let dragging = StoredValue::new(false);

    let set_from_pointer = move |ev: &web_sys::PointerEvent| {
        let Some(card) = browser::element("card-outline") else {
            return;
        };
        let left = card.get_bounding_client_rect().left();
        let x = f64::from(ev.client_x()) - left;
        width.set(x.clamp(MIN_PX_PER_MM * CARD_WIDTH_MM, MAX_PX_PER_MM * CARD_WIDTH_MM));
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if let Some(w) = key_to_card_width(&ev.key(), ev.shift_key(), width.get_untracked()) {
            ev.prevent_default();
            width.set(w);
        }
    };
    let save = move |_| {
        let dpr = browser::device_pixel_ratio();
        let result = Calibration::from_card_width(width.get_untracked(), dpr)
            .map_err(|e| e.words(crate::ui::shared::words::words()))
            .and_then(|c| device.save_settings(|s| s.calibration = Some(c)));
        status.set(match result {
            Ok(()) => tr("Saved: rating lines are now drawn 100 mm long on this screen.").into(),
            Err(e) => e,
        });
    };
    let reset = move |_| {
        let _ = device.save_settings(|s| s.calibration = None);
        width.set(NOMINAL_PX_PER_MM * CARD_WIDTH_MM);
        status.set(tr("Calibration removed: lines use the browser's nominal 10 cm.").into());
    };

    view! {
        <section class="setting" aria-labelledby="cal-heading">
            <h2 id="cal-heading">{tr("Calibrate the 10 cm line")}</h2>
            <p id="cal-help">
                {tr("Hold a bank card (85.60 × 53.98 mm) against the screen and drag the outline's right edge, ")}
                {tr("or use the arrow keys (Shift for bigger steps), until the outline matches the card exactly.")}
            </p>
            <div id="card-outline" class="card-outline" role="slider" tabindex="0"
                aria-label=tr("Card outline width") aria-describedby="cal-help"
                aria-valuemin="0" aria-valuemax="1400"
                aria-valuenow=move || format!("{:.0}", width.get())
                aria-valuetext=move || trf("{px} pixels wide", &[("px", &format!("{:.0}", width.get()))])
                style:width=move || format!("{:.2}px", width.get())
                style:height=move || format!("{:.2}px", width.get() * CARD_HEIGHT_MM / CARD_WIDTH_MM)
                on:keydown=on_key
                on:pointerdown=move |ev| {
                    dragging.set_value(true);
                    browser::capture_pointer(&ev);
                    set_from_pointer(&ev);
                }
                on:pointermove=move |ev| if dragging.get_value() { set_from_pointer(&ev) }
                on:pointerup=move |_| dragging.set_value(false)
                on:pointercancel=move |_| dragging.set_value(false)>
                <span class="card-handle" aria-hidden="true"></span>
            </div>
            <div class="actions">
                <button type="button" on:click=save>{tr("Save calibration")}</button>
                <button type="button" on:click=reset>{tr("Use nominal size")}</button>
                <p class="status" role="status">{move || status.get()}</p>
            </div>
        </section>
    }
}
