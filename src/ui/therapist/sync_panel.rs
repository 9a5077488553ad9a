//! Settings → Sync between devices: off by default; turning it on signs in
//! to the clinic's CouchDB and creates or joins the clinic key; once on, the
//! status in plain words, "Sync now", "Sign in again" and "Turn sync off".

use crate::domain::sync::by_caseload;
use crate::domain::sync::config::{self, SyncConfig, DEFAULT_DB, DEFAULT_URL};
use crate::domain::sync::status::{home_notice, last_synced_words, status_words, Trouble};
use crate::platform::browser::Browser;
use crate::storage::sync_state;
use crate::sync::setup;
use crate::ui::shared::browser;
use crate::ui::shared::words::{tr, trf, words};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The sync section of the settings screen.
#[component]
pub fn SyncSettings() -> impl IntoView {
    let sync = crate::sync::use_sync();
    let v = sync.view();
    // Drawn afresh only when sync is turned on or off, not at every change
    // of the status (a form half filled, a move under way, keep their state).
    let on = Memo::new(move |_| v.with(|v| v.on));
    // Opened from the home screen's sync notice: straight to this section.
    Effect::new(move |_| {
        if sync.take_focus() {
            browser::focus("sync-heading");
        }
    });
    view! {
        <section class="setting" aria-labelledby="sync-heading" data-testid="sync">
            <h2 id="sync-heading" tabindex="-1">{tr("Sync between devices")}</h2>
            {move || if on.get() {
                view! { <SyncStatus/> }.into_any()
            } else {
                view! { <SyncForm/> }.into_any()
            }}
        </section>
    }
}

/// A labelled text field bound to `value`.
#[component]
fn Field(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] auto: &'static str,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <input id=id type=kind autocomplete=auto
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))/>
    }
}

#[component]
fn SyncForm() -> impl IntoView {
    let sync = crate::sync::use_sync();
    let url = RwSignal::new(DEFAULT_URL.to_string());
    let db = RwSignal::new(DEFAULT_DB.to_string());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let passphrase = RwSignal::new(String::new());
    let tablet = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let as_tablet = tablet.get_untracked();
        // A shared tablet never holds the clinic passphrase (it joins no
        // caseload): only the server, database and user are checked.
        let pp = if as_tablet {
            "-".repeat(config::MIN_PASSPHRASE_CHARS)
        } else {
            passphrase.get_untracked()
        };
        let (u, d, name) = match config::check(
            &url.get_untracked(),
            &db.get_untracked(),
            &user.get_untracked(),
            &pp,
        ) {
            Ok(x) => x,
            Err(e) => return error.set(Some(e.words(words()))),
        };
        let cfg = SyncConfig {
            url: u,
            db: d,
            user: name,
            device_id: crate::sync::random_id(),
            kid: String::new(),
        };
        busy.set(true);
        error.set(None);
        let (pw, pp) = (password.get_untracked(), passphrase.get_untracked());
        spawn_local(async move {
            let result = if as_tablet {
                crate::sync::inbox::set_up_tablet(&Browser, cfg, &pw)
                    .await
                    .map(|_| ())
            } else {
                crate::sync::caseloads::turn_on(&Browser, cfg, &pw, &pp)
                    .await
                    .map_err(|t| t.words(words()))
            };
            busy.set(false);
            match result {
                Ok(()) => {
                    password.set(String::new());
                    passphrase.set(String::new());
                    sync.reset();
                    sync.kick();
                }
                Err(words) => error.set(Some(words)),
            }
        });
    };
    view! {
        <p>{tr("Off unless you turn it on. Keeps this device in step with the clinic's other devices through the clinic's own Apache CouchDB server. Every record is encrypted on this device with the clinic passphrase before it leaves; the server sees only record ids, revisions, record types, times and ciphertext. The password only signs in and is not stored; the PIN, calibration and any rating in progress never sync.")}</p>
        <form class="sync-form" on:submit=submit>
            <Field id="sync-url" label=tr("Server address") value=url/>
            <Field id="sync-db" label=tr("Database") value=db/>
            <Field id="sync-user" label=tr("CouchDB user name") value=user auto="username"/>
            <Field id="sync-password" label=tr("CouchDB password") value=password kind="password" auto="current-password"/>
            <label class="check">
                <input type="checkbox" prop:checked=move || tablet.get()
                    on:change=move |ev| tablet.set(event_target_checked(&ev))/>
                {tr(" This is a shared tablet: it sends ratings to each therapist's inbox and holds no caseload")}
            </label>
            {move || (!tablet.get()).then(|| view! {
                <Field id="sync-passphrase" label=tr("Clinic passphrase") value=passphrase kind="password" auto="new-password"/>
            })}
            <button type="submit" prop:disabled=move || busy.get()>
                {move || if busy.get() { tr("Turning sync on…") } else { tr("Turn sync on") }}
            </button>
            <p class="error" role="alert">{move || error.get()}</p>
        </form>
    }
}

#[component]
fn SyncStatus() -> impl IntoView {
    let sync = crate::sync::use_sync();
    let v = sync.view();
    let cfg = sync_state::config(&Browser);
    let who = cfg
        .as_ref()
        .map(|c| {
            trf(
                "Sync is on: {user} on {server}.",
                &[("user", &c.user), ("server", &format!("{}{}", c.url, c.db))],
            )
        })
        .unwrap_or_default();
    // Which databases: the clinic's, or each named therapist's caseload.
    let names: Vec<String> = crate::sync::caseloads::therapists(&Browser)
        .list
        .into_iter()
        .map(|t| t.name)
        .collect();
    let tablet = crate::sync::inbox::tablet(&Browser);
    let syncs = match (&cfg, &tablet) {
        (Some(_), Some(_)) => tablet_words().to_string(),
        (Some(c), None) => by_caseload::syncs_words(&c.db, &names, words()),
        _ => String::new(),
    };
    let password = RwSignal::new(String::new());
    let sign_in_error = RwSignal::new(None::<String>);
    let sign_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(cfg) = sync_state::config(&Browser) else {
            return;
        };
        let pw = password.get_untracked();
        spawn_local(async move {
            match setup::sign_in(&Browser, &cfg, &pw).await {
                Ok(()) => {
                    password.set(String::new());
                    sign_in_error.set(None);
                    sync.kick();
                }
                Err(t) => sign_in_error.set(Some(t.words(words()))),
            }
        });
    };
    let turn_off = move |_| {
        sync_state::turn_off(&Browser);
        sync.reset();
    };
    view! {
        <p>{who}</p>
        <p data-testid="sync-caseloads">{syncs}</p>
        <div role="status" data-testid="sync-status">
            <p>{move || if v.with(|v| v.running) { tr("Syncing…").to_string() } else { last_synced_words(browser::now(), v.with(|v| v.last_synced), words()) }}</p>
            <p>{move || v.with(|v| status_words(v.waiting, v.missing, v.owed, v.trouble, words()))}</p>
            <p>{move || v.with(|v| by_caseload::kept_words(v.kept, words()))}</p>
            <p data-testid="sync-inbox">{move || v.with(|v| v.inbox.clone())}</p>
            <p>{move || v.with(|v| crate::domain::sync::transfers::held_back_words(v.last.as_ref().map_or(0, |r| r.held_back), words()))}</p>
        </div>
        {match tablet {
            Some(t) => view! { <TabletKeys tablet=t/> }.into_any(),
            None => view! { <InboxChoice/> }.into_any(),
        }}
        <p class="error" role="alert" data-testid="sync-trouble">{move || v.with(|v| v.trouble.map(|t| t.words(words())))}</p>
        {move || (v.with(|v| v.trouble) == Some(Trouble::SignIn)).then(|| view! {
            <form class="sync-form" on:submit=sign_in>
                <Field id="sync-password-again" label=tr("CouchDB password") value=password kind="password" auto="current-password"/>
                <button type="submit">{tr("Sign in again")}</button>
                <p class="error" role="alert">{move || sign_in_error.get()}</p>
            </form>
        })}
        {move || (v.with(|v| v.trouble) == Some(Trouble::KeyMissing)).then(|| view! { <PutKeyBack/> })}
        <button type="button" on:click=move |_| sync.kick()>{tr("Sync now")}</button>
        <button type="button" on:click=turn_off>{tr("Turn sync off")}</button>
        <ChangePassphrase/>
        {(!names.is_empty()).then(|| cfg.as_ref().map(|c| view! {
            <super::clinic_move::ClinicMove clinic_db=c.db.clone() names=names.clone()/>
        }))}
    }
}

/// What Settings → Sync says a shared tablet does.
fn tablet_words() -> &'static str {
    tr("This device is a shared tablet: it holds no caseload and sends each rating, sealed, to the inbox of the therapist who handed it over.")
}

/// The keys a shared tablet kept, with their fingerprints for the clinic
/// lead to compare with what each therapist's device shows.
#[component]
fn TabletKeys(tablet: crate::domain::sync::tablet::Tablet) -> impl IntoView {
    let rows = tablet
        .fingerprints()
        .into_iter()
        .map(|(name, print)| view! { <li>{trf("{name}'s key: {print}", &[("name", &name), ("print", &print)])}</li> })
        .collect_view();
    view! {
        <p>{tr("Keys kept when this tablet was set up (compare each with Settings → Sync on the therapist's device; a key changed on the server is never used):")}</p>
        <ul data-testid="tablet-keys">{rows}</ul>
    }
}

/// A therapist's device: whether it receives the shared tablets' ratings,
/// and its caseload's inbox key fingerprint once published.
#[component]
fn InboxChoice() -> impl IntoView {
    let sync = crate::sync::use_sync();
    let v = sync.view();
    let on = RwSignal::new(crate::sync::inbox::inbox_on(&Browser));
    let change = move |ev: leptos::ev::Event| {
        let checked = event_target_checked(&ev);
        crate::sync::inbox::set_inbox_on(&Browser, checked);
        on.set(checked);
        if checked {
            sync.kick();
        }
    };
    view! {
        <label class="check">
            <input type="checkbox" prop:checked=move || on.get() on:change=change/>
            {tr(" Receive ratings from the clinic's shared tablets (they arrive sealed in the clinic inbox)")}
        </label>
        <p data-testid="inbox-key">{move || {
            v.track();
            on.get().then(|| crate::sync::inbox::own_fingerprint(&Browser)).flatten()
                .map(|f| trf("This caseload's inbox key: {print}", &[("print", &f)]))
        }}</p>
    }
}

/// Puts back the clinic key a server lost, wrapped under the passphrase
/// (when this device kept no copy of the key document to put back itself).
#[component]
fn PutKeyBack() -> impl IntoView {
    let sync = crate::sync::use_sync();
    let passphrase = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (p, a) = (passphrase.get_untracked(), again.get_untracked());
        busy.set(true);
        spawn_local(async move {
            // Each database this device syncs (the clinic's, or each caseload's).
            let out = crate::sync::caseloads::put_key_back(&Browser, &p, &a).await;
            busy.set(false);
            match out {
                Ok(()) => {
                    passphrase.set(String::new());
                    again.set(String::new());
                    error.set(None);
                    sync.kick();
                }
                Err(setup::ChangeError::Short(w)) => error.set(Some(w)),
                Err(setup::ChangeError::Trouble(t)) => error.set(Some(t.words(words()))),
            }
        });
    };
    view! {
        <form class="sync-form" on:submit=submit>
            // Nothing on the server is left to check the passphrase against,
            // so say plainly what typing it does.
            <p class="hint">{crate::domain::sync::status::key_back_hint(words())}</p>
            <Field id="sync-key-back" label=tr("Clinic passphrase") value=passphrase kind="password" auto="current-password"/>
            <Field id="sync-key-back-again" label=tr("Clinic passphrase again") value=again kind="password" auto="current-password"/>
            <button type="submit" prop:disabled=move || busy.get()>{tr("Put the clinic key back")}</button>
            <p class="error" role="alert">{move || error.get()}</p>
        </form>
    }
}

/// The therapist's home screen's word on sync, when sync needs them (sign
/// in again, the key missing, no database, storage full) or has not
/// synced for a day: one line and a link to the sync settings.
#[component]
pub fn SyncNotice() -> impl IntoView {
    let sync = crate::sync::use_sync();
    let v = sync.view();
    move || {
        let notice = v.with(|v| {
            v.on.then(|| home_notice(browser::now(), &v.last_run, words()))
                .flatten()
        })?;
        Some(view! {
            <p class="banner warn sync-notice" role="status" data-testid="sync-notice">
                {notice} " "
                <a href="#/settings" on:click=move |_| sync.focus_settings()>{tr("Open the sync settings")}</a>
            </p>
        })
    }
}

/// Re-wraps the clinic key under a new passphrase (the current one first).
#[component]
fn ChangePassphrase() -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let said = RwSignal::new(None::<(bool, String)>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (c, n) = (current.get_untracked(), new.get_untracked());
        busy.set(true);
        spawn_local(async move {
            // Each database this device syncs (the clinic's, or each caseload's).
            let out = crate::sync::caseloads::change_passphrase(&Browser, &c, &n).await;
            busy.set(false);
            said.set(Some(match out {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    let caseloads = crate::sync::caseloads::therapists(&Browser).list.len();
                    (true, if caseloads == 0 {
                        tr("The clinic passphrase is changed. Devices already syncing go on as they are; a new device joins with the new passphrase.").into()
                    } else {
                        // Only the keys of the caseloads this device holds
                        // were re-wrapped: say so, so the clinic changes it
                        // where the others are held too.
                        tr("The passphrase is changed for the caseloads this device syncs. Devices already syncing go on as they are; a device joining these caseloads uses the new passphrase. Change it on a device holding each other caseload too, so the clinic keeps one passphrase.").into()
                    })
                }
                Err(setup::ChangeError::Short(w)) => (false, w),
                Err(setup::ChangeError::Trouble(t)) => (false, t.words(words())),
            }));
        });
    };
    view! {
        <details class="sync-passphrase">
            <summary>{tr("Change the clinic passphrase")}</summary>
            <form class="sync-form" on:submit=submit>
                <Field id="sync-pass-current" label=tr("Current clinic passphrase") value=current kind="password" auto="current-password"/>
                <Field id="sync-pass-new" label=tr("New clinic passphrase") value=new kind="password" auto="new-password"/>
                <button type="submit" prop:disabled=move || busy.get()>{tr("Change the clinic passphrase")}</button>
            </form>
            <p role="status">{move || said.get().and_then(|(ok, w)| ok.then_some(w))}</p>
            <p class="error" role="alert">{move || said.get().and_then(|(ok, w)| (!ok).then_some(w))}</p>
        </details>
    }
}
