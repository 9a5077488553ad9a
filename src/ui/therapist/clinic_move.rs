//! Settings → Sync, on a device that syncs by caseload: moving the clinic's
//! one database into the caseload databases (`sync::split`), an explicit
//! action with a confirmation that says what it does; its progress and any
//! refusal in words; run again to finish a move that was cut off.

use crate::platform::browser::Browser;
use crate::ui::shared::state::DataState;
use crate::ui::shared::words::{tr, trf};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The move's section: offered where the device names therapists (it then
/// syncs their caseload databases, not the clinic's).
#[component]
pub fn ClinicMove(
    /// The clinic's database (the one the move empties of therapists' records).
    clinic_db: String,
    /// The therapists named on this device, as it lists them.
    names: Vec<String>,
) -> impl IntoView {
    let sync = crate::sync::use_sync();
    let data = expect_context::<DataState>();
    let cut_off = crate::sync::split::under_way(&Browser, &clinic_db);
    // A move cut off is shown open, with the way to finish it.
    let under_way = RwSignal::new(cut_off);
    let asking = RwSignal::new(cut_off);
    let db = StoredValue::new(clinic_db.clone());
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let said = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let names = StoredValue::new(names);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pp = passphrase.get_untracked();
        let store = data.store.get_untracked();
        busy.set(true);
        error.set(None);
        said.set(String::new());
        spawn_local(async move {
            // The section may be drawn afresh while the move runs: its
            // signals are then gone, and what it says is dropped, not a panic.
            let Some(names) = names.try_get_value() else {
                return;
            };
            let out = crate::sync::split::run_move(&Browser, &pp, &store, &names, &|w| {
                said.try_set(w);
            })
            .await;
            busy.try_set(false);
            if let Some(db) = db.try_get_value() {
                under_way.try_set(crate::sync::split::under_way(&Browser, &db));
            }
            match out {
                Ok(words) => {
                    said.try_set(words);
                    passphrase.try_set(String::new());
                    // The copies this device made are noted per database:
                    // read afresh, then sync (its caseloads now hold them).
                    sync.reset();
                    sync.kick();
                }
                Err(words) => {
                    said.try_set(String::new());
                    error.try_set(Some(words));
                }
            }
        });
    };
    let what = trf(
        "Copies every record of a therapist's client from the clinic database {db} into that therapist's caseload database, under its own key; checks every caseload database against the clinic database by count and checksum; and only when every one adds up closes (deletes) the moved records in the clinic database. Records with no therapist stay there. A client's therapist is the one this device gives them, else the one their record names. Back up the server and stop sync on every other device first. If the move is cut off, run it again: it goes on from where it stopped and copies nothing twice.",
        &[("db", &clinic_db)],
    );
    view! {
        <div class="sync-move" data-testid="clinic-move">
            {move || (!asking.get()).then(|| view! {
                <button type="button" on:click=move |_| asking.set(true)>
                    {tr("Move the clinic database into caseload databases…")}
                </button>
            })}
            {move || asking.get().then(|| view! {
                <h3>{tr("Move the clinic database into caseload databases")}</h3>
                {move || under_way.get().then(|| view! {
                    <p class="hint">{tr("A move began on this device and is not finished: run it again to finish it.")}</p>
                })}
                <p>{what.clone()}</p>
                <form class="sync-form" on:submit=submit>
                    <label for="move-passphrase">{tr("Clinic passphrase for the move")}</label>
                    <input id="move-passphrase" type="password" autocomplete="current-password"
                        prop:value=move || passphrase.get()
                        on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                    <button type="submit" prop:disabled=move || busy.get()>
                        {move || if busy.get() { tr("Moving the records…") } else { tr("Move the records") }}
                    </button>
                    <button type="button" prop:disabled=move || busy.get()
                        on:click=move |_| asking.set(false)>{tr("Cancel")}</button>
                </form>
            })}
            <p role="status" data-testid="move-status">{move || said.get()}</p>
            <p class="error" role="alert" data-testid="move-trouble">{move || error.get()}</p>
        </div>
    }
}
