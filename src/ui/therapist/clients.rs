//! The therapist's client list: add, rename, archive, open a history.

use crate::domain::caseload::scope::{narrow, Scope};
use crate::domain::caseload::{self, Flag};
use crate::domain::course::episode::all_episodes;
use crate::domain::records::clients::{self, LABEL_MAX_CHARS};
use crate::domain::records::store::{Client, Store};
use crate::domain::records::therapist::add_client_for;
use crate::domain::screens::caseload::row_shows;
use crate::ui::shared::browser;
use crate::ui::shared::state::{DataState, Nav, Saving};
use crate::ui::shared::words::{tr, trf, trn};
use crate::ui::therapist::therapists::{ScopePicker, Therapists};
use crate::ui::Screen;
use leptos::prelude::*;

/// The list of clients with an add form.
#[component]
pub fn ClientsScreen() -> impl IntoView {
    let saving = expect_context::<Saving>();
    let nav = expect_context::<Nav>();
    let therapists = expect_context::<Therapists>();
    let scope = therapists.screen_scope();
    let label = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let show_archived = RwSignal::new(false);

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = label.get_untracked();
        let working = therapists.working();
        match saving
            .edit(|s, now| add_client_for(s, browser::new_id(), &text, working.as_deref(), now))
        {
            Ok(()) => {
                label.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e.words(crate::ui::shared::words::words()))),
        }
    };

    // Everything shown is derived from the store through a memo of plain
    // values, so typing in the search box re-filters without recomputing.
    let rows = Memo::new(move |_| {
        let scale = saving.data.srs();
        let now = browser::now();
        let (scope, sole) = (scope.get(), therapists.sole());
        saving.data.store.with(|all| {
            let s: &Store = &narrow(all, &scope, sole.as_deref());
            // Asked for every session: the browser once or twice a day, not each time.
            let memo = crate::domain::time::DayMemo::new(browser::offset_east_minutes);
            let zone = &|at| memo.offset(at);
            let episodes = all_episodes(&s.ratings, &s.unrated, &s.episode_ends, zone);
            caseload::caseload_of(
                s,
                &episodes,
                &scale,
                now,
                zone,
                crate::ui::shared::words::words(),
            )
            .into_iter()
            .map(|r| CaseLine {
                may_stop: episodes
                    .get(r.client.id.as_str())
                    .is_some_and(|e| e.may_end_as_stopped(now, zone)),
                client: r.client.clone(),
                sessions: r.sessions_text.clone(),
                last: r.last_session_at.map(browser::format_local),
                total: r.last_total_text.clone(),
                flags: r.flags.iter().map(|f| f.flag).collect(),
                reason: r.reason.clone(),
            })
            .collect::<Vec<_>>()
        })
    });
    let filter = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let list = move || {
        let (sc, sole) = (scope.get(), therapists.sole());
        let archived: Vec<Client> = saving.data.store.with(|s| {
            clients::sorted_clients(s)
                .into_iter()
                .filter(|c| c.archived && sc.holds(c, sole.as_deref()))
                .cloned()
                .collect()
        });
        let archived_count = archived.len();
        let (f, q) = (filter.get(), query.get());
        let shown: Vec<CaseLine> = rows
            .get()
            .into_iter()
            .filter(|r| row_shows(&r.flags, &r.client.label, &f, &q))
            .collect();
        let empty = shown.is_empty();
        let none_at_all = rows.with(Vec::is_empty);
        let body = shown
            .into_iter()
            .map(|line| view! { <CaseRowView line=line/> })
            .collect_view();
        let archived_rows = archived
            .into_iter()
            .filter(|_| show_archived.get())
            .map(|c| view! { <ClientRow client=c/> })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table class="caseload history-table" data-testid="caseload">
                    <caption>{tr("Active clients, who needs attention first")}</caption>
                    <thead><tr>
                        <th scope="col">{tr("Client")}</th><th scope="col">{tr("Why now")}</th><th scope="col">{tr("Last session")}</th>
                        <th scope="col">{tr("Sessions")}</th><th scope="col">{tr("Last total")}</th><th scope="col">{tr("History")}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            {empty.then(|| view! {
                <p class="hint" data-testid="caseload-empty">
                    {if none_at_all { tr("No clients yet: add the first one below.") } else { tr("No client matches.") }}
                </p>
            })}
            <Unassigned/>
            <ul class="client-list" data-testid="client-list">{archived_rows}</ul>
            {(archived_count > 0).then(|| view! {
                <label class="check">
                    <input type="checkbox" prop:checked=move || show_archived.get()
                        on:change=move |ev| show_archived.set(event_target_checked(&ev))/>
                    {trf(" Show archived clients ({n})", &[("n", &archived_count)])}
                </label>
            })}
        }
    };

    view! {
        <section class="clients" aria-labelledby="clients-heading">
            <h1 id="clients-heading">{tr("Clients")}</h1>
            <super::sync_panel::SyncNotice/>
            <super::duplicates::DuplicateClients/>
            {move || if nav.present.get() {
                view! {
                    <p class="hint" data-testid="labels-hidden">
                        {tr("Client labels are hidden in presentation mode, so a shared screen shows no one else's.")}
                    </p>
                }.into_any()
            } else {
                view! { <CaseloadTools filter=filter query=query scope=scope/> {list} }.into_any()
            }}
            // Below the caseload: the table is the therapist's home and must
            // start above the fold; adding a client is the rarer task.
            <form class="add-client" on:submit=add>
                <label for="new-client">{tr("New client")}</label>
                <p id="new-client-hint" class="hint">
                    {tr("Use initials or a code, never a full name: labels are shown on screen.")}
                </p>
                <div class="row">
                    <input id="new-client" type="text" autocomplete="off" spellcheck="false"
                        maxlength=LABEL_MAX_CHARS.to_string()
                        aria-describedby="new-client-hint new-client-error"
                        aria-invalid=move || error.with(|e| e.is_some().then_some("true"))
                        prop:value=move || label.get()
                        on:input=move |ev| label.set(event_target_value(&ev))/>
                    <button type="submit">{tr("Add client")}</button>
                </div>
                <p id="new-client-error" class="error" role="alert">{move || error.get()}</p>
            </form>
        </section>
    }
}

/// The unassigned ratings on a screen of their own (`#/unassigned`).
#[component]
pub fn UnassignedScreen() -> impl IntoView {
    let data = expect_context::<DataState>();
    let nav = expect_context::<Nav>();
    view! {
        <section class="clients" aria-labelledby="unassigned-screen-heading">
            <h1 id="unassigned-screen-heading">{tr("Ratings to assign")}</h1>
            {move || if nav.present.get() {
                view! { <p class="hint">{tr("Hidden in presentation mode.")}</p> }.into_any()
            } else {
                view! {
                    <Unassigned/>
                    <p class="hint" hidden=move || data.store.with(|s| !crate::domain::caseload::lists::unassigned_ratings(s).is_empty())>
                        {tr("Every rating belongs to a client.")}
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
    let data = expect_context::<DataState>();
    let nav = expect_context::<Nav>();
    let rows = Memo::new(move |_| {
        data.store.with(|s| {
            crate::domain::caseload::lists::unassigned_ratings(s)
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
                    let name = trf("Open the rating of {when}", &[("when", &when)]);
                    view! {
                        <li>
                            <span class="date">{when}</span>
                            <span class="num">{data.with_srs(|sc| crate::domain::measures::numbers::total_text(total, sc))}</span>
                            {low.then(|| view! { <span class="flag-chip">{Flag::BelowCutoff.name(crate::ui::shared::words::words())}</span> })}
                            <button type="button" aria-label=name on:click=move |_| nav.go(Screen::Review(id.clone()))>
                                {tr("Open and assign")}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="unassigned" aria-labelledby="unassigned-heading" data-testid="unassigned">
                    <h2 id="unassigned-heading">{tr("Ratings not assigned to a client")}</h2>
                    <ul class="recent-list">{items}</ul>
                </section>
            }
        })
    }
}

/// Filter by flag, search by label, and the way to "My alliance".
#[component]
fn CaseloadTools(
    filter: RwSignal<String>,
    query: RwSignal<String>,
    scope: RwSignal<Scope>,
) -> impl IntoView {
    let options = Flag::ALL
        .iter()
        .map(|f| view! { <option value=f.key()>{f.name(crate::ui::shared::words::words())}</option> })
        .collect_view();
    view! {
        <div class="caseload-tools">
            <ScopePicker scope=scope/>
            <div class="field">
                <label for="caseload-filter">{tr("Show")}</label>
                <select id="caseload-filter" on:change=move |ev| filter.set(event_target_value(&ev))>
                    <option value="">{tr("All active clients")}</option>
                    <option value="any">{tr("Anyone who needs attention")}</option>
                    {options}
                </select>
            </div>
            <div class="field">
                <label for="caseload-search">{tr("Find a client")}</label>
                <input id="caseload-search" type="search" autocomplete="off" spellcheck="false"
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            </div>
            <a class="button" href="#/alliance">{tr("My alliance")}</a>
            <a class="button" href="#/outcomes">{tr("Outcomes report")}</a>
        </div>
    }
}

/// One caseload row, as plain values (cheap to compare in a memo).
#[derive(Clone, Debug, PartialEq)]
struct CaseLine {
    client: Client,
    /// `3`, or `2 in episode 2` for a returning client.
    sessions: String,
    last: Option<String>,
    total: String,
    flags: Vec<Flag>,
    reason: String,
    /// Not seen for weeks with an episode open: "Stopped coming" is offered.
    may_stop: bool,
}

/// One active client in the caseload: open, the reason in words, the
/// figures, and rename or archive.
#[component]
fn CaseRowView(line: CaseLine) -> impl IntoView {
    let saving = expect_context::<Saving>();
    let nav = expect_context::<Nav>();
    let editing = RwSignal::new(false);
    let id = StoredValue::new(line.client.id.clone());
    let label = line.client.label.clone();
    let archive = move |_| {
        let _ = saving.edit(|s, now| clients::set_archived(s, &id.get_value(), true, now));
    };
    let open = move |_| nav.go(Screen::Client(id.get_value()));
    let tone = if line.flags.is_empty() {
        "steady"
    } else {
        "attention"
    };
    let flag_keys = line
        .flags
        .iter()
        .map(|f| f.key())
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <tr class="client" data-flags=flag_keys>
            <th scope="row">
                {move || if editing.get() {
                    view! { <RenameForm id=id.get_value() label=label.clone() editing=editing/> }.into_any()
                } else {
                    let label = label.clone();
                    view! {
                        <button type="button" class="link client-open" on:click=open>
                            <span class="client-label">{label.clone()}</span>
                        </button>
                        <span class="row-actions">
                            <button type="button" on:click=move |_| editing.set(true)
                                aria-label=trf("Rename {label}", &[("label", &label)])>{tr("Rename")}</button>
                            <button type="button" on:click=archive
                                aria-label=trf("Archive {label}", &[("label", &label)])>{tr("Archive")}</button>

                        </span>
                    }.into_any()
                }}
            </th>
            <td class=format!("reason tone-{tone}") data-label=tr("Why now")>
                <span data-testid="case-reason">{line.reason.clone()}</span>
                // A dropout risk, with the one step that records it.
                {line.may_stop.then(|| view! {
                    " "
                    <crate::ui::therapist::episodes::StoppedComing client_id=line.client.id.clone() label=line.client.label.clone()/>
                })}
            </td>
            <td data-label=tr("Last session")>{line.last.clone().unwrap_or_else(|| tr("None yet").into())}</td>
            <td class="num" data-label=tr("Sessions")>{line.sessions.clone()}</td>
            <td class="num" data-label=tr("Last total")>{line.total.clone()}</td>
            <td data-label=tr("History")>
                <a href=format!("#/client/{}", line.client.id)>{trf("History of {label}", &[("label", &line.client.label)])}</a>
            </td>
        </tr>
    }
}

/// Renaming a client in place: the new label is checked by the domain's
/// rules, and a refusal is shown beside the field.
#[component]
fn RenameForm(id: String, label: String, editing: RwSignal<bool>) -> impl IntoView {
    let saving = expect_context::<Saving>();
    let draft = RwSignal::new(label);
    let error = RwSignal::new(None::<String>);
    let input_id = format!("rename-{id}");
    let id = StoredValue::new(id);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked();
        match saving.edit(|s, now| clients::rename_client(s, &id.get_value(), &text, now)) {
            Ok(()) => editing.set(false),
            Err(e) => error.set(Some(e.words(crate::ui::shared::words::words()))),
        }
    };
    view! {
        <form class="rename" on:submit=save>
            <label for=input_id.clone()>{tr("New label")}</label>
            <input id=input_id type="text" autocomplete="off"
                maxlength=LABEL_MAX_CHARS.to_string()
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))/>
            <button type="submit">{tr("Save")}</button>
            <button type="button" on:click=move |_| editing.set(false)>{tr("Cancel")}</button>
            <p class="error" role="alert">{move || error.get()}</p>
        </form>
    }
}

/// One client: open, rename, archive or restore.
#[component]
fn ClientRow(client: Client) -> impl IntoView {
    let saving = expect_context::<Saving>();
    let nav = expect_context::<Nav>();
    let editing = RwSignal::new(false);
    let id = StoredValue::new(client.id.clone());
    let count = saving.data.store.with_untracked(|s| {
        s.ratings
            .iter()
            .filter(|r| r.client_id.as_deref() == Some(client.id.as_str()))
            .count()
    });
    let label = client.label.clone();
    let archived = client.archived;

    let toggle_archive = move |_| {
        let _ = saving.edit(|s, now| clients::set_archived(s, &id.get_value(), !archived, now));
    };
    let open = move |_| nav.go(Screen::Client(id.get_value()));
    let sessions = trn("{n} session", "{n} sessions", count, &[]);

    view! {
        <li class="client" class:archived=archived>
            {move || if editing.get() {
                view! { <RenameForm id=id.get_value() label=label.clone() editing=editing/> }.into_any()
            } else {
                view! {
                    <button type="button" class="link client-open" on:click=open>
                        <span class="client-label">{label.clone()}</span>
                    </button>
                    <span class="meta">{sessions.clone()}{archived.then(|| tr(" · archived"))}</span>
                    <span class="row-actions">
                        <button type="button" on:click=move |_| editing.set(true)
                            aria-label=trf("Rename {label}", &[("label", &label)])>{tr("Rename")}</button>
                        <button type="button" on:click=toggle_archive
                            aria-label=if archived { trf("Restore {label}", &[("label", &label)]) } else { trf("Archive {label}", &[("label", &label)]) }>
                            {if archived { tr("Restore") } else { tr("Archive") }}

                        </button>
                    </span>
                }.into_any()
            }}
        </li>
    }
}
