//! A case of several people on the client's page: what kind it is (a
//! couple, a family, a group), who belongs to it (short labels, an age group
//! each, collateral raters such as a parent), and starting a round in which
//! everyone present rates in turn. The rules are `domain::raters`; this only
//! wires the fields and buttons.

use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::kinds::{MeasureKind, RaterRef};
use crate::domain::raters::members;
use crate::domain::raters::roster::presence;
use crate::domain::raters::round::prepared;
use crate::domain::records::case::CaseKind;
use crate::domain::records::store::Client;
use crate::storage;
use crate::ui::shared::browser;
use crate::ui::shared::state::{ClientMode, DataState, Device, Nav, Saving};
use crate::ui::shared::words::{tr, trf};
use leptos::prelude::*;

fn client_of(data: DataState, id: &str) -> Option<Client> {
    data.store
        .with(|s| s.clients.iter().find(|c| c.id == id).cloned())
}

/// A kind of case in the page's language (its `label` stays the stored value).
pub(crate) fn kind_name(kind: CaseKind) -> &'static str {
    match kind {
        CaseKind::Individual => tr("individual"),
        CaseKind::Couple => tr("couple"),
        CaseKind::Family => tr("family"),
        CaseKind::Group => tr("group"),
    }
}

/// An age group in the page's language (its `label` stays the stored value).
pub(crate) fn age_name(age: AgeGroup) -> &'static str {
    match age {
        AgeGroup::Adult => tr("adult"),
        AgeGroup::Adolescent => tr("adolescent"),
        AgeGroup::Child => tr("child"),
    }
}

fn age_from(value: &str) -> AgeGroup {
    AgeGroup::ALL
        .into_iter()
        .find(|a| a.label() == value)
        .unwrap_or_default()
}

/// The kind of case and its people.
#[component]
pub fn CaseEditor(client_id: String) -> impl IntoView {
    let saving = expect_context::<Saving>();
    let cid = StoredValue::new(client_id);
    let client = Memo::new(move |_| client_of(saving.data, &cid.get_value()));
    let error = RwSignal::new(None::<String>);
    let label = RwSignal::new(String::new());
    let age = RwSignal::new(AgeGroup::Adult);
    let collateral = RwSignal::new(false);
    let result = move |r: Result<(), crate::domain::records::clients::EditError>| {
        error.set(r.err().map(|e| e.words(crate::ui::shared::words::words())));
    };
    let set_kind = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(kind) = CaseKind::ALL.into_iter().find(|k| k.label() == value) {
            result(saving.edit(|s, now| members::set_kind(s, &cid.get_value(), kind, now)));
        }
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = label.get_untracked();
        let r = saving.edit(|s, now| {
            members::add_member(
                s,
                &cid.get_value(),
                browser::new_id(),
                &text,
                age.get_untracked(),
                collateral.get_untracked(),
                now,
            )
        });
        if r.is_ok() {
            label.set(String::new());
            collateral.set(false);
        }
        result(r);
    };
    let kinds = move || {
        let current = client.with(|c| c.as_ref().map(|c| c.kind).unwrap_or_default());
        CaseKind::ALL
            .into_iter()
            .map(
                |k| view! { <option value=k.label() selected=k == current>{kind_name(k)}</option> },
            )
            .collect_view()
    };
    let rows = move || {
        client.with(|c| {
            c.as_ref()
                .map(|c| c.members.clone())
                .unwrap_or_default()
                .into_iter()
                .map(|m| {
                    let mid = StoredValue::new(m.id.clone());
                    let archived = m.archived;
                    let ages = AgeGroup::ALL
                        .into_iter()
                        .map(|a| view! { <option value=a.label() selected=a == m.age_group>{age_name(a)}</option> })
                        .collect_view();
                    let select_id = format!("member-age-{}", m.id);
                    view! {
                        <li class:archived=archived data-testid="member">
                            <span class="label">{m.label.clone()}</span>
                            {m.collateral.then(|| tr(" (collateral rater)"))}
                            {archived.then(|| tr(" (archived)"))}
                            <label class="sr-only" for=select_id.clone()>{trf("Age group of {label}", &[("label", &m.label)])}</label>
                            <select id=select_id on:change=move |ev| {
                                let a = age_from(&event_target_value(&ev));
                                result(saving.edit(|s, now| members::set_member_age_group(s, &cid.get_value(), &mid.get_value(), a, now)));
                            }>{ages}</select>
                            <button type="button" on:click=move |_| {
                                result(saving.edit(|s, now| members::set_member_archived(s, &cid.get_value(), &mid.get_value(), !archived, now)));
                            }>{if archived { trf("Restore {label}", &[("label", &m.label)]) } else { trf("Archive {label}", &[("label", &m.label)]) }}</button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let individual =
        Memo::new(move |_| client.with(|c| c.as_ref().is_none_or(|c| c.kind.is_individual())));
    view! {
        <section class="case" aria-labelledby="case-heading">
            <h2 id="case-heading">{tr("Who rates")}</h2>
            <div class="field">
                <label for="case-kind">{tr("Kind of case")}</label>
                <select id="case-kind" on:change=set_kind>{kinds}</select>
            </div>
            <div hidden=move || individual.get()>
                <ul class="members" aria-label=tr("People in this case")>{rows}</ul>
                <form class="add-member" on:submit=add>
                    <div class="field">
                        <label for="member-label">{tr("New person (initials or a code)")}</label>
                        <input id="member-label" type="text" autocomplete="off" prop:value=move || label.get()
                            on:input=move |ev| label.set(event_target_value(&ev)) aria-describedby="case-error"/>
                    </div>
                    <div class="field">
                        <label for="member-age">{tr("Their age group")}</label>
                        <select id="member-age" on:change=move |ev| age.set(age_from(&event_target_value(&ev)))>
                            {AgeGroup::ALL.into_iter().map(|a| view! { <option value=a.label()>{age_name(a)}</option> }).collect_view()}
                        </select>
                    </div>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || collateral.get()
                            on:change=move |ev| collateral.set(event_target_checked(&ev))/>
                        {tr(" Rates on the client's behalf (collateral, e.g. a parent)")}
                    </label>
                    <button type="submit">{tr("Add person")}</button>
                </form>
            </div>
            <p id="case-error" class="error" role="alert">{move || error.get()}</p>
        </section>
    }
}

/// Who is present, ticked by default (collateral raters not), and the
/// round that hands the device from one to the next in client mode.
#[component]
pub fn RoundStart(client_id: String, session_id: Option<String>) -> impl IntoView {
    let data = expect_context::<DataState>();
    let nav = expect_context::<Nav>();
    let mode = expect_context::<ClientMode>();
    let device = expect_context::<Device>();
    let cid = StoredValue::new(client_id);
    let measure = if session_id.is_some() {
        MeasureKind::Srs
    } else {
        MeasureKind::Ors
    };
    let session = StoredValue::new(session_id);
    let candidates = client_of(data, &cid.get_value())
        .map(|c| presence(&c))
        .unwrap_or_default();
    let ticks: Vec<(RaterRef, String, RwSignal<bool>)> = candidates
        .into_iter()
        .map(|c| (c.rater.rater, c.rater.label, RwSignal::new(c.ticked)))
        .collect();
    let ticks = StoredValue::new(ticks);
    let begin = move |_| {
        let Some(client) = client_of(data, &cid.get_value()) else {
            return;
        };
        if !device
            .settings
            .with_untracked(crate::domain::device::settings::DeviceSettings::can_lock)
        {
            // Client mode needs a PIN first; Settings says so. No round is stored.
            mode.lock_here();
            return;
        }
        // The first person's form waits behind the screen naming them: the
        // draft becomes a blank one, so marks left on the form must go first.
        let blank = crate::domain::records::draft::Draft::blank(&data.srs());
        if storage::load_draft().is_some_and(|d| d.in_the_way_of(&blank)) {
            nav.notice
                .set(Some(crate::domain::records::draft::IN_THE_WAY.into()));
            browser::scroll_to_top();
            return;
        }
        let present: Vec<RaterRef> = ticks.with_value(|t| {
            t.iter()
                .filter(|(_, _, on)| on.get_untracked())
                .map(|(r, _, _)| r.clone())
                .collect()
        });
        if present.is_empty() {
            nav.notice
                .set(Some(tr("Tick at least one person who is here.").into()));
            return;
        }
        let sid = session.get_value().unwrap_or_else(browser::new_id);
        let round = data
            .scales
            .with_value(|s| prepared(s, &client, &sid, measure, present));
        if let Err(e) = storage::save_round(&round) {
            nav.notice.set(Some(trf(
                "The round did not start: {error}. Free some space (Data: export a backup), then try again.",
                &[("error", &e)],
            )));
            return;
        }
        data.round.set(Some(round));
        // The first person's form waits behind the screen that names them.
        data.draft
            .set(crate::domain::records::draft::Draft::blank(&data.srs()));
        let _ = storage::save_draft(&data.draft.get_untracked());
        mode.lock_here();
    };
    let boxes = ticks.with_value(|t| {
        t.iter()
            .enumerate()
            .map(|(i, (_, label, on))| {
                let on = *on;
                view! {
                    <label class="check" data-index=i>
                        <input type="checkbox" prop:checked=move || on.get()
                            on:change=move |ev| on.set(event_target_checked(&ev))/>
                        {format!(" {label}")}
                    </label>
                }
            })
            .collect_view()
    });
    let action = match measure {
        MeasureKind::Ors => tr("Start the round: ORS, in client mode"),
        MeasureKind::Srs => tr("Start the round: SRS, in client mode"),
    };
    view! {
        <fieldset class="presence" data-testid="presence">
            <legend>{tr("Who is here today?")}</legend>

            {boxes}
        </fieldset>
        <div class="actions">
            <button type="button" class="primary" on:click=begin>{action}</button>
        </div>
    }
}
