//! The clinic's therapists on the therapist page: who is working now (a
//! bar under the header), the Settings section that names them, the
//! picker of whose caseload a screen reads, and a client's therapist with
//! the transfer to another. A device that names no therapist shows none of
//! it, and works as before.

use crate::domain::caseload::scope::{self, Scope};
use crate::domain::device::therapists::DeviceTherapists;
use crate::domain::records::therapist::{
    adopt_unassigned, transfer, without_therapist, TherapistError, NAME_MAX_CHARS,
};
use crate::domain::sync::transfers;
use crate::storage;
use crate::ui::shared::state::{DataState, Saving};
use crate::ui::shared::words::{tr, trf, trn, words};
use leptos::prelude::*;

/// The therapists on this device, as the page's context.
#[derive(Clone, Copy)]
pub struct Therapists {
    /// The list and who is working now.
    pub list: RwSignal<DeviceTherapists>,
}

impl Therapists {
    /// Reads the device's therapists (none when nothing is stored).
    pub fn load() -> Self {
        Therapists {
            list: RwSignal::new(storage::load_therapists()),
        }
    }

    /// Changes the list and stores it; a refused write changes nothing
    /// shown and says why. The change is made on what is stored now, so a
    /// therapist or a PIN another tab added meanwhile is never written over.
    pub fn change(&self, f: impl FnOnce(&mut DeviceTherapists)) -> Result<(), String> {
        let mut next = storage::load_therapists();
        f(&mut next);
        storage::save_therapists(&next).map_err(|e| e.words(crate::ui::shared::words::words()))?;
        self.list.set(next);
        Ok(())
    }

    /// The scope a screen opens on: the therapist working now.
    pub fn default_scope(&self) -> Scope {
        self.list.with_untracked(Scope::default_for)
    }

    /// The scope a screen reads, opening on the therapist working now and
    /// following a switch of who is working.
    pub fn screen_scope(&self) -> RwSignal<Scope> {
        let scope = RwSignal::new(self.default_scope());
        let list = self.list;
        // Only a switch of who is working moves the scope (a PIN saved or a
        // lead ticked keeps the one chosen).
        let working = Memo::new(move |_| list.with(|l| l.working.clone()));
        Effect::new(move |previous: Option<Option<String>>| {
            let now = working.get();
            if previous.is_some_and(|p| p != now) {
                scope.set(now.clone().map_or(Scope::All, Scope::Of));
            }
            now
        });
        scope
    }

    /// Reads the stored list again (another tab may have changed it).
    pub fn reread(&self) -> DeviceTherapists {
        let now = storage::load_therapists();
        if self.list.with_untracked(|l| *l != now) {
            self.list.set(now.clone());
        }
        now
    }

    /// The therapist working now, if the device names one.
    pub fn working(&self) -> Option<String> {
        self.list.with_untracked(|l| l.working.clone())
    }

    /// The device's only therapist, if it has exactly one.
    pub fn sole(&self) -> Option<String> {
        self.list.with(|l| l.sole().map(str::to_string))
    }
}

/// "Working now": which therapist's page this is, and the switch to
/// another. Shown only where the device names a therapist.
#[component]
pub fn WorkingBar() -> impl IntoView {
    let t = expect_context::<Therapists>();
    let error = RwSignal::new(None::<String>);
    move || {
        let list = t.list.get();
        let working = list.working.clone()?;
        let options = list
            .list
            .iter()
            .map(|th| {
                let selected = th.name == working;
                view! { <option value=th.name.clone() selected=selected>{th.name.clone()}</option> }
            })
            .collect_view();
        Some(view! {
            <div class="working-bar" data-testid="working-bar">
                <label for="working-now">{tr("Therapist working now")}</label>
                <select id="working-now" on:change=move |ev| {
                    let name = event_target_value(&ev);
                    error.set(t.change(|l| { l.set_working(&name); }).err());
                }>{options}</select>
                <p class="error" role="alert">{move || error.get()}</p>
            </div>
        })
    }
}

/// Settings → Therapists: name the therapists who work on this device.
#[component]
pub fn TherapistSettings() -> impl IntoView {
    let t = expect_context::<Therapists>();
    let saving = expect_context::<Saving>();
    let name = RwSignal::new(String::new());
    let lead = RwSignal::new(false);
    // The first therapist may take the clients already here: offered, and
    // ticked only where sync is off (on a device that syncs they may be the
    // whole clinic's, and would all go into this therapist's database).
    let syncing = crate::storage::sync_state::config(&crate::platform::browser::Browser).is_some();
    let adopt = RwSignal::new(!syncing);
    let unassigned = Memo::new(move |_| saving.data.store.with(without_therapist));
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let first = t.reread().list.is_empty();
        // A name sync cannot name a caseload database after is refused
        // here, before anything is stored.
        if let Err(e) = crate::domain::sync::by_caseload::therapist_id(&name.get_untracked()) {
            return error.set(Some(e.words(words())));
        }
        let mut added = Err(TherapistError::Empty);
        let stored = t.change(|l| added = l.add(&name.get_untracked(), lead.get_untracked()));
        match (added, stored) {
            (Err(e), _) => error.set(Some(e.words(crate::ui::shared::words::words()))),
            (Ok(_), Err(e)) => error.set(Some(e)),
            (Ok(added), Ok(())) => {
                error.set(None);
                name.set(String::new());
                lead.set(false);
                // The first therapist named takes the clients already here.
                let mut taken = 0;
                if first && adopt.get_untracked() {
                    let _ = saving.edit(|s, now| {
                        taken = adopt_unassigned(s, &added, now);
                        Ok::<(), TherapistError>(())
                    });
                }
                status.set(match taken {
                    0 => trf("{name} added.", &[("name", &added)]),
                    n => trn(
                        "{name} added, with the {n} client already on this device.",
                        "{name} added, with the {n} clients already on this device.",
                        n,
                        &[("name", &added)],
                    ),
                });
            }
        }
    };
    // Keyed by name, so a change of one therapist (a PIN, the lead box)
    // keeps every row's fields and messages where they are.
    let names = move || {
        t.list
            .with(|l| l.list.iter().map(|x| x.name.clone()).collect::<Vec<_>>())
    };
    let rows = move || {
        view! {
            <For each=names key=|n| n.clone() let:name>
                <TherapistRow name=name/>
            </For>
        }
    };
    view! {
        <section class="setting" aria-labelledby="therapists-heading" data-testid="therapists">
            <h2 id="therapists-heading">{tr("Therapists")}</h2>
            <p class="hint">
                {tr("Name each therapist who works on this device, as the clinic knows them on every device. ")}
                {tr("Their clients, their alliance and their outcomes are then read apart, and a client's history says who saw each session.")}
            </p>
            <ul class="therapist-list">{rows}</ul>
            <form on:submit=add>
                <div class="field">
                    <label for="new-therapist">{tr("Therapist's name")}</label>
                    <input id="new-therapist" type="text" autocomplete="off"
                        maxlength=NAME_MAX_CHARS.to_string() aria-describedby="therapist-error"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=move || lead.get()
                        on:change=move |ev| lead.set(event_target_checked(&ev))/>
                    {tr(" Clinic lead (their own PIN opens every hand-over on this device)")}
                </label>
                {move || {
                    let n = unassigned.get();
                    (t.list.with(|l| l.list.is_empty()) && n > 0).then(|| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || adopt.get()
                                on:change=move |ev| adopt.set(event_target_checked(&ev))/>
                            {trn(
                                " Give them the {n} client already on this device",
                                " Give them the {n} clients already on this device",
                                n,
                                &[],
                            )}
                        </label>
                    })
                }}
                <p id="therapist-error" class="error" role="alert">{move || error.get()}</p>
                <div class="actions">
                    <button type="submit">{tr("Add therapist")}</button>
                    <p class="status" role="status">{move || status.get()}</p>
                </div>
            </form>
        </section>
    }
}

/// "Whose clients": the picker of a screen's scope. Shown only where the
/// device holds more than one therapist's clients.
#[component]
pub fn ScopePicker(
    /// The scope the screen reads.
    scope: RwSignal<Scope>,
) -> impl IntoView {
    let t = expect_context::<Therapists>();
    let data = expect_context::<DataState>();
    let choices = Memo::new(move |_| data.store.with(|s| t.list.with(|l| scope::choices(l, s))));
    move || {
        let choices = choices.get();
        (!choices.is_empty()).then(|| {
            let options = choices
                .into_iter()
                .map(|c| {
                    let key = c.key();
                    let selected = move || scope.with(|s| s.key() == key);
                    view! { <option value=c.key() selected=selected>{c.label(crate::ui::shared::words::words())}</option> }
                })
                .collect_view();
            view! {
                <div class="field scope-picker">
                    <label for="scope">{tr("Whose clients")}</label>
                    <select id="scope" on:change=move |ev| scope.set(Scope::from_key(&event_target_value(&ev)))>
                        {options}
                    </select>
                </div>
            }
        })
    }
}

/// A client's therapist and the transfer to another, on the client's page.
/// Shown only where the device names a therapist or the client has one.
#[component]
pub fn ClientTherapist(
    /// The client.
    client_id: String,
) -> impl IntoView {
    let t = expect_context::<Therapists>();
    let saving = expect_context::<Saving>();
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let id = StoredValue::new(client_id);
    let current = Memo::new(move |_| {
        saving.data.store.with(|s| {
            s.clients
                .iter()
                .find(|c| c.id == id.get_value())
                .map(|c| c.therapist.clone())
        })
    });
    let others = Memo::new(move |_| {
        let now = current.get().flatten();
        saving.data.store.with(|s| {
            t.list
                .with(|l| scope::transfer_choices(l, s, now.as_deref()))
        })
    });
    // The name the select shows: the one chosen while it is still offered,
    // else the first (what is pressed is always what is shown).
    let target = move || {
        let chosen = to.get();
        others.with(|o| {
            if o.contains(&chosen) {
                chosen
            } else {
                o.first().cloned().unwrap_or_default()
            }
        })
    };
    let move_client = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let target = untrack(target);
        let sole = untrack(|| t.sole());
        // Where sync runs by caseload, only a device holding both caseloads
        // may move the client (its sync moves their records on the server);
        // anywhere else nothing is changed, and the reason is shown.
        let from = untrack(|| current.get().flatten()).or_else(|| sole.clone());
        let clinic_db =
            crate::storage::sync_state::config(&crate::platform::browser::Browser).map(|c| c.db);
        let allowed = untrack(|| {
            t.list.with(|l| {
                transfers::may_transfer(l, clinic_db.as_deref(), from.as_deref(), &target)
            })
        });
        if let Err(e) = allowed {
            status.set(String::new());
            error.set(Some(transfers::refusal_words(&e, &target, words())));
            return;
        }
        let mut done = None;
        let out = saving.edit(|s, now| {
            done = Some(transfer(s, &id.get_value(), &target, sole.as_deref(), now)?);
            Ok::<(), TherapistError>(())
        });
        match (out, done) {
            (Ok(()), Some(d)) => {
                error.set(None);
                status.set(match d.from {
                    Some(from) => trf(
                        "Moved to {to}'s caseload. Earlier sessions still say they were {from}'s.",
                        &[("to", &d.to), ("from", &from)],
                    ),
                    None => trf("Moved to {to}'s caseload.", &[("to", &d.to)]),
                });
            }
            (Err(e), _) => error.set(Some(e.words(crate::ui::shared::words::words()))),
            (Ok(()), None) => {}
        }
    };
    move || {
        let therapist = current.get()?;
        let named = t.list.with(|l| !l.list.is_empty());
        if therapist.is_none() && !named {
            return None;
        }
        let others = others.get();
        let options = others
            .iter()
            .map(|n| {
                let name = n.clone();
                view! { <option value=n.clone() selected=move || target() == name>{n.clone()}</option> }
            })
            .collect_view();
        let has_others = !others.is_empty();
        Some(view! {
            <section class="client-therapist" aria-labelledby="client-therapist-heading" data-testid="client-therapist">
                <h2 id="client-therapist-heading">{tr("Therapist")}</h2>
                <p data-testid="client-therapist-name">{match &therapist {
                    Some(n) => trf("In {name}'s caseload.", &[("name", n)]),
                    None => tr("No therapist yet.").to_string(),
                }}</p>
                {has_others.then(|| view! {
                    <form class="row" on:submit=move_client>
                        <label for="transfer-to">{tr("Transfer to")}</label>
                        <select id="transfer-to" on:change=move |ev| to.set(event_target_value(&ev))>{options}</select>
                        <button type="submit">{tr("Transfer")}</button>
                    </form>
                })}
                <p class="error" role="alert">{move || error.get()}</p>
                <p class="status" role="status">{move || status.get()}</p>
            </section>
        })
    }
}

/// One therapist in Settings: the lead box and their own PIN.
#[component]
fn TherapistRow(
    /// Whose row.
    name: String,
) -> impl IntoView {
    let t = expect_context::<Therapists>();
    let error = RwSignal::new(None::<String>);
    let who = StoredValue::new(name.clone());
    let lead = move || {
        t.list
            .with(|l| l.find(&who.get_value()).is_some_and(|x| x.lead))
    };
    view! {
        <li>
            <span class="therapist-name">{name.clone()}</span>
            <label class="check">
                <input type="checkbox" prop:checked=lead on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    error.set(t.change(|l| { l.set_lead(&who.get_value(), on); }).err());
                }/>
                {trf(" {name} is a clinic lead", &[("name", &name)])}
            </label>
            <p class="error" role="alert">{move || error.get()}</p>
            <TherapistPin name=name.clone()/>
        </li>
    }
}

/// A therapist's own PIN: set, or replaced after proving the current one
/// (theirs, or the device PIN), so no colleague can take over their
/// hand-overs from an open page.
#[component]
fn TherapistPin(
    /// Whose PIN.
    name: String,
) -> impl IntoView {
    let t = expect_context::<Therapists>();
    let has_pin = {
        let name = name.clone();
        move || {
            t.list
                .with(|l| l.find(&name).is_some_and(|x| x.pin.is_some()))
        }
    };
    let device = expect_context::<crate::ui::shared::state::Device>();
    let (new, again, current) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let who = StoredValue::new(name.clone());
    // Every byte of the name in hex: two names never share an id ("Dana K"
    // and "Dana-K", "Zoë" and "Zoé").
    let slug: String = name.bytes().map(|b| format!("{b:02x}")).collect();
    let backoff = expect_context::<crate::ui::shared::state::PinBackoff>();
    let ids = (
        format!("pin-new-{slug}"),
        format!("pin-again-{slug}"),
        format!("pin-current-{slug}"),
        format!("pin-error-{slug}"),
    );
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (pin, repeat, proof) = (
            new.get_untracked(),
            again.get_untracked(),
            current.get_untracked(),
        );
        if let Err(e) = crate::domain::security::pin::validate_pin(&pin) {
            error.set(Some(e.words(words())));
            return;
        }
        if pin != repeat {
            error.set(Some(tr("The two PINs differ.").into()));
            return;
        }
        let name = who.get_value();
        let own = t.reread().find(&name).and_then(|x| x.pin.clone());
        // A PIN form that did not count wrong PINs would be a way round the
        // PIN prompt's back-off: the same wait applies here.
        let wait = backoff.current().wait(crate::ui::shared::browser::now());
        if own.is_some() && !wait.is_zero() {
            error.set(Some(trf(
                "Too many wrong PINs. {wait}.",
                &[(
                    "wait",
                    &crate::domain::security::pin::wait_text(wait, words()),
                )],
            )));
            return;
        }
        let device_pin = device.settings.with_untracked(|s| s.pin.clone());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = async {
                if let Some(own) = own {
                    let mut proved = false;
                    for rec in std::iter::once(own).chain(device_pin) {
                        if crate::ui::shared::crypto::verify(&rec, &proof).await {
                            proved = true;
                            break;
                        }
                    }
                    let current = backoff.current();
                    backoff.record(if proved {
                        current.after_success()
                    } else {
                        current.after_failure(crate::ui::shared::browser::now())
                    });
                    if !proved {
                        return Err(trf(
                            "That is neither {name}'s current PIN nor the device PIN.",
                            &[("name", &name)],
                        ));
                    }
                }
                let salt = crate::ui::shared::crypto::random_salt()?;
                let hash = crate::ui::shared::crypto::pbkdf2(
                    &pin,
                    &salt,
                    crate::domain::security::pin::ITERATIONS,
                )
                .await?;
                let record = crate::domain::security::pin::PinRecord::new(
                    salt,
                    crate::domain::security::pin::ITERATIONS,
                    hash,
                );
                t.change(|l| {
                    l.set_pin(&name, record);
                })?;
                Ok(trf("{name}'s PIN saved.", &[("name", &name)]))
            }
            .await;
            busy.set(false);
            new.set(String::new());
            again.set(String::new());
            current.set(String::new());
            match result {
                Ok(s) => {
                    error.set(None);
                    status.set(s);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let (id_new, id_again, id_current, id_error) = ids;
    view! {
        <form class="therapist-pin" on:submit=save>
            {
                let (label, id, err) = (trf("{name}'s current PIN, or the device PIN", &[("name", &name)]), id_current, id_error.clone());
                move || has_pin().then(|| view! {
                <div class="field">
                    <label for=id.clone()>{label.clone()}</label>
                    <input id=id.clone() type="password" inputmode="numeric" autocomplete="off"
                        aria-describedby=err.clone()
                        prop:value=move || current.get() on:input=move |ev| current.set(event_target_value(&ev))/>
                </div>
            })}
            <div class="field">
                <label for=id_new.clone()>{trf("{name}'s own PIN (4 to 8 digits)", &[("name", &name)])}</label>
                <input id=id_new.clone() type="password" inputmode="numeric" autocomplete="off"
                    aria-describedby=id_error.clone()
                    prop:value=move || new.get() on:input=move |ev| new.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for=id_again.clone()>{trf("Repeat {name}'s PIN", &[("name", &name)])}</label>
                <input id=id_again.clone() type="password" inputmode="numeric" autocomplete="off"
                    prop:value=move || again.get() on:input=move |ev| again.set(event_target_value(&ev))/>
            </div>
            <p id=id_error class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="submit" disabled=move || busy.get()>{trf("Save {name}'s PIN", &[("name", &name)])}</button>
                <p class="status" role="status">{move || status.get()}</p>
            </div>
        </form>
    }
}
