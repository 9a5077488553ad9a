//! The therapist's client list: add, rename, archive, open a history.

use super::{browser, use_state, Screen};
use crate::domain::clients::{self, LABEL_MAX_CHARS};
use crate::domain::store::Client;
use leptos::prelude::*;

/// The list of clients with an add form.
#[component]
pub fn ClientsScreen() -> impl IntoView {
    let state = use_state();
    let label = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let show_archived = RwSignal::new(false);

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = label.get_untracked();
        match state.edit(|s, now| clients::add_client(s, browser::new_id(), &text, now)) {
            Ok(()) => {
                label.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };

    let list = move || {
        let all = state.data.store.with(|s| {
            clients::sorted_clients(s)
                .into_iter()
                .cloned()
                .collect::<Vec<Client>>()
        });
        let archived_count = all.iter().filter(|c| c.archived).count();
        let shown: Vec<Client> = all
            .into_iter()
            .filter(|c| show_archived.get() || !c.archived)
            .collect();
        let rows = shown
            .into_iter()
            .map(|c| view! { <ClientRow client=c/> })
            .collect_view();
        view! {
            <ul class="client-list" data-testid="client-list">{rows}</ul>
            <Unassigned/>
            {(archived_count > 0).then(|| view! {
                <label class="check">
                    <input type="checkbox" prop:checked=move || show_archived.get()
                        on:change=move |ev| show_archived.set(event_target_checked(&ev))/>
                    {format!(" Show archived clients ({archived_count})")}
                </label>
            })}
        }
    };

    view! {
        <section class="clients" aria-labelledby="clients-heading">
            <h1 id="clients-heading">"Clients"</h1>
            <form class="add-client" on:submit=add>
                <label for="new-client">"New client"</label>
                <p id="new-client-hint" class="hint">
                    "Use initials or a code, never a full name: labels are shown on screen."
                </p>
                <div class="row">
                    <input id="new-client" type="text" autocomplete="off" spellcheck="false"
                        maxlength=LABEL_MAX_CHARS.to_string()
                        aria-describedby="new-client-hint new-client-error"
                        aria-invalid=move || error.with(|e| e.is_some().then_some("true"))
                        prop:value=move || label.get()
                        on:input=move |ev| label.set(event_target_value(&ev))/>
                    <button type="submit">"Add client"</button>
                </div>
                <p id="new-client-error" class="error" role="alert">{move || error.get()}</p>
            </form>
            {move || if state.nav.present.get() {
                view! {
                    <p class="hint" data-testid="labels-hidden">
                        "Client labels are hidden in presentation mode, so a shared screen shows no one else's."
                    </p>
                }.into_any()
            } else {
                list().into_any()
            }}
        </section>
    }
}

/// The unassigned ratings on a screen of their own (`#/unassigned`).
#[component]
pub fn UnassignedScreen() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="clients" aria-labelledby="unassigned-screen-heading">
            <h1 id="unassigned-screen-heading">"Ratings to assign"</h1>
            {move || if state.nav.present.get() {
                view! { <p class="hint">"Hidden in presentation mode."</p> }.into_any()
            } else {
                view! {
                    <Unassigned/>
                    <p class="hint" hidden=move || state.data.store.with(|s| !crate::domain::lists::unassigned_ratings(s).is_empty())>
                        "Every rating belongs to a client."
                    </p>
                }.into_any()
            }}
        </section>
    }
}

/// Ratings that belong to no client (quick ratings, or a client id this
/// device does not know): a rating the therapist cannot find is a lost
/// rating, so each is listed here with a way to open and assign it.
#[component]
fn Unassigned() -> impl IntoView {
    let state = use_state();
    let rows = Memo::new(move |_| {
        state.data.store.with(|s| {
            crate::domain::lists::unassigned_ratings(s)
                .into_iter()
                .map(|r| (r.id.clone(), r.session_at, r.total(), r.below_cutoff()))
                .collect::<Vec<_>>()
        })
    });
    move || {
        let list = rows.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|(id, at, total, low)| {
                    let when = browser::format_local(at);
                    let name = format!("Open the rating of {when}");
                    view! {
                        <li>
                            <span class="date">{when}</span>
                            <span class="num">{state.data.scale.with_value(|sc| crate::domain::numbers::total_text(total, sc))}</span>
                            {low.then(|| view! { <span class="flag-chip">"below cutoff"</span> })}
                            <button type="button" aria-label=name on:click=move |_| state.go(Screen::Review(id.clone()))>
                                "Open and assign"
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="unassigned" aria-labelledby="unassigned-heading" data-testid="unassigned">
                    <h2 id="unassigned-heading">"Ratings not assigned to a client"</h2>
                    <ul class="recent-list">{items}</ul>
                </section>
            }
        })
    }
}

/// One client: open, rename, archive or restore.
#[component]
fn ClientRow(client: Client) -> impl IntoView {
    let state = use_state();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(client.label.clone());
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(client.id.clone());
    let count = state.data.store.with_untracked(|s| {
        s.ratings
            .iter()
            .filter(|r| r.client_id.as_deref() == Some(client.id.as_str()))
            .count()
    });
    let label = client.label.clone();
    let archived = client.archived;

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked();
        match state.edit(|s, now| clients::rename_client(s, &id.get_value(), &text, now)) {
            Ok(()) => editing.set(false),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let toggle_archive = move |_| {
        let _ = state.edit(|s, now| clients::set_archived(s, &id.get_value(), !archived, now));
    };
    let open = move |_| state.go(Screen::Client(id.get_value()));
    let input_id = format!("rename-{}", client.id);
    let sessions = match count {
        1 => "1 session".to_string(),
        n => format!("{n} sessions"),
    };

    view! {
        <li class="client" class:archived=archived>
            {move || if editing.get() {
                let input_id = input_id.clone();
                view! {
                    <form class="rename" on:submit=save>
                        <label for=input_id.clone()>"New label"</label>
                        <input id=input_id type="text" autocomplete="off"
                            maxlength=LABEL_MAX_CHARS.to_string()
                            prop:value=move || draft.get()
                            on:input=move |ev| draft.set(event_target_value(&ev))/>
                        <button type="submit">"Save"</button>
                        <button type="button" on:click=move |_| { editing.set(false); error.set(None); }>"Cancel"</button>
                        <p class="error" role="alert">{move || error.get()}</p>
                    </form>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="link client-open" on:click=open>
                        <span class="client-label">{label.clone()}</span>
                    </button>
                    <span class="meta">{sessions.clone()}{archived.then_some(" · archived")}</span>
                    <span class="row-actions">
                        <button type="button" on:click=move |_| editing.set(true)
                            aria-label=format!("Rename {}", label)>"Rename"</button>
                        <button type="button" on:click=toggle_archive
                            aria-label=format!("{} {}", if archived { "Restore" } else { "Archive" }, label)>
                            {if archived { "Restore" } else { "Archive" }}
                        </button>
                    </span>
                }.into_any()
            }}
        </li>
    }
}
