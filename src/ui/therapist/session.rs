//! The session flow on the therapist page: "Start session" opens the ORS,
//! its review offers the SRS at the end, and a session still waiting for its
//! SRS can be continued from the client's page after a reload or a break.
//! Which session is open, and what a measure's draft holds, is decided in
//! `domain::course::session` and `domain::records::draft`; this only wires the buttons.

use crate::domain::course::session::open_session;
use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::records::clients;
use crate::domain::records::draft::Draft;
use crate::domain::time;
use crate::storage;
use crate::ui::shared::browser;
use crate::ui::shared::state::{ClientMode, DataState, Device, Nav, Saving};
use crate::ui::shared::words::{tr, trf, words};
use crate::ui::Screen;
use leptos::prelude::*;

/// How a measure is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The form, on this device, for the therapist to pass over or share.
    Here,
    /// The form in client mode: the PIN is needed to leave it.
    Hand,
    /// Read aloud and typed in (telehealth by voice).
    Spoken,
}

/// What starting a rating in a session touches: the draft, where the
/// therapist is (and the notice), and client mode.
#[derive(Clone, Copy)]
pub struct SessionStart {
    data: DataState,
    nav: Nav,
    mode: ClientMode,
}

impl SessionStart {
    /// The pieces of this page's state a start needs (from context).
    pub fn here() -> Self {
        SessionStart {
            data: expect_context::<DataState>(),
            nav: expect_context::<Nav>(),
            mode: expect_context::<ClientMode>(),
        }
    }
}

/// Hands the form a blank draft of `measure` for the session `session_id`
/// of `client_id`, then opens the form (here or in client mode) or spoken entry.
///
/// Marks already on the form for another rating are never overwritten: the
/// therapist is told to finish that rating first, and nothing changes.
pub fn rate_in_session(
    start: SessionStart,
    client_id: &str,
    session_id: &str,
    measure: MeasureKind,
    via: Via,
) {
    let SessionStart { data, nav, mode } = start;
    // The client's own version (a child's, with faces), chosen as a round
    // would choose it.
    let (scale, version) = data.client_scale(measure, client_id);
    let next = Draft::for_session(&scale, measure, client_id, session_id);
    // The form page may hold marks this page has not seen: read the stored copy.
    let current = storage::load_draft().unwrap_or_else(|| data.draft.get_untracked());
    let same = current.same_rating(&next);
    // Client mode on this page shows a paused round of another session:
    // never hand a person over into it.
    let paused = data
        .round
        .with_untracked(|r| r.as_ref().map(|r| r.session_id.clone()));
    if via == Via::Hand
        && !version.on_form_page()
        && !crate::domain::device::handover::may_hand_over_here(paused.as_deref(), session_id)
    {
        nav.notice
            .set(Some(crate::domain::device::handover::ROUND_PAUSED.into()));
        browser::scroll_to_top();
        return;
    }
    if current.in_the_way_of(&next) {
        nav.notice
            .set(Some(crate::domain::records::draft::IN_THE_WAY.into()));
        browser::scroll_to_top();
        return;
    }
    if !same {
        data.draft.set(next);
    }
    // A new rating begins: the thanks for the last one is over.
    data.last_done.set(None);
    nav.notice.set(None);
    match via {
        // `lock` stores the draft on its way to the form (see `Nav::go`).
        Via::Hand if version.on_form_page() => mode.lock(),
        Via::Here if version.on_form_page() => nav.go(Screen::Rate),
        // A version only this page draws (a child's faces): client mode and
        // the form stay here, as in a round; the stored draft lets a reload
        // or the start address find it again.
        Via::Hand => {
            let _ = storage::save_draft(&data.draft.get_untracked());
            mode.lock_here();
        }
        Via::Here => {
            let _ = storage::save_draft(&data.draft.get_untracked());
            nav.go(Screen::RateHere);
        }
        Via::Spoken => {
            let _ = storage::save_draft(&data.draft.get_untracked());
            nav.go(Screen::Spoken);
        }
    }
}

/// Starting and continuing a session from a client's page, and the client's
/// age group (whose ORS cutoff applies).
#[component]
pub fn SessionActions(client_id: String, archived: bool) -> impl IntoView {
    let data = expect_context::<DataState>();
    let starter = SessionStart::here();
    let cid = StoredValue::new(client_id);
    let open = Memo::new(move |_| {
        let now = browser::now();
        let offset = browser::offset_east_minutes(now);
        let day = move |at| time::local_minutes(at, offset)[..10].to_string();
        let today = day(now);
        data.store.with(|s| {
            open_session(&s.ratings, &cid.get_value(), &today, day).map(|o| {
                let ors = o
                    .measures
                    .iter()
                    .find(|m| m.measure == MeasureKind::Ors)
                    .map(|r| r.id.clone());
                (o.id.to_string(), ors.unwrap_or_default())
            })
        })
    });
    let start = move |via: Via| {
        let session = browser::new_id();
        rate_in_session(starter, &cid.get_value(), &session, MeasureKind::Ors, via);
    };
    let finish = move |via: Via| {
        if let Some((session, _)) = open.get_untracked() {
            rate_in_session(starter, &cid.get_value(), &session, MeasureKind::Srs, via);
        }
    };
    let case = Memo::new(move |_| {
        data.store.with(|s| {
            s.clients
                .iter()
                .find(|c| c.id == cid.get_value())
                .is_some_and(|c| !c.kind.is_individual())
        })
    });
    // Who is in the case: a new or archived person redraws "who is here".
    let people = Memo::new(move |_| {
        data.store.with(|s| {
            s.clients
                .iter()
                .find(|c| c.id == cid.get_value())
                .map(|c| {
                    c.members
                        .iter()
                        .map(|m| (m.id.clone(), m.archived, m.collateral))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <section class="session-start" aria-labelledby="session-heading" hidden=archived>
            <h2 id="session-heading">{tr("Session")}</h2>
            <PausedRound client_id=cid.get_value()/>
            {move || match (case.get(), open.get(), people.track()) {
                (true, Some((session, ors_id)), ()) => view! {
                    <p data-testid="session-open">
                        {tr("A session started today: the ORS round is done, the SRS is still to come. ")}
                        <a href=Screen::Review(ors_id).to_hash()>{tr("ORS review")}</a>
                    </p>
                    <crate::ui::therapist::case::RoundStart client_id=cid.get_value() session_id=Some(session)/>
                }.into_any(),
                (true, None, ()) => view! {
                    <p class="hint">{tr("Everyone present rates in turn: the ORS at the start, the SRS at the end.")}</p>
                    <crate::ui::therapist::case::RoundStart client_id=cid.get_value() session_id=None/>
                }.into_any(),
                (false, open, ()) => match open {
                Some((_, ors_id)) => view! {
                    <p data-testid="session-open">
                        {tr("A session started today: the ORS is done, the SRS is still to come. ")}
                        <a href=Screen::Review(ors_id).to_hash()>{tr("ORS review")}</a>
                    </p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=move |_| finish(Via::Hand)>
                            {tr("Hand to client for the SRS")}
                        </button>
                        <button type="button" on:click=move |_| finish(Via::Here)>{tr("Rate the session (SRS) here")}</button>
                        <button type="button" on:click=move |_| finish(Via::Spoken)>{tr("SRS by voice")}</button>
                    </div>
                }.into_any(),
                None => view! {
                    <p class="hint">{tr("The ORS (the past week) at the start, the SRS (this session) at the end.")}</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=move |_| start(Via::Hand)>
                            {tr("Start session: hand to client for the ORS")}
                        </button>
                        <button type="button" on:click=move |_| start(Via::Here)>{tr("Start session: ORS here")}</button>
                        <button type="button" on:click=move |_| start(Via::Spoken)>{tr("Start session: ORS by voice")}</button>
                    </div>
                }.into_any(),
                },
            }}
            <AgeGroupField client_id=cid.get_value()/>
        </section>
    }
}

/// The client's age group, which sets the ORS cutoff their scores are read
/// against (adult unless the therapist says otherwise).
#[component]
fn AgeGroupField(client_id: String) -> impl IntoView {
    let saving = expect_context::<Saving>();
    let cid = StoredValue::new(client_id);
    let error = RwSignal::new(None::<String>);
    let current = Memo::new(move |_| {
        saving.data.store.with(|s| {
            s.clients
                .iter()
                .find(|c| c.id == cid.get_value())
                .map(|c| c.age_group)
                .unwrap_or_default()
        })
    });
    let change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let Some(age) = AgeGroup::ALL.into_iter().find(|a| a.label() == value) else {
            return;
        };
        let r = saving.edit(|s, now| clients::set_age_group(s, &cid.get_value(), age, now));
        error.set(r.err().map(|e| e.words(crate::ui::shared::words::words())));
    };
    let options = AgeGroup::ALL
        .into_iter()
        .map(|a| {
            view! {
                <option value=a.label() selected=move || current.get() == a>
                    {trf("{age} (ORS cutoff {cutoff})", &[("age", &crate::ui::therapist::case::age_name(a)), ("cutoff", &a.cutoff())])}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="age-group">{tr("Age group")}</label>
            <select id="age-group" on:change=change aria-describedby="age-group-error">{options}</select>
            <p id="age-group-error" class="error" role="alert">{move || error.get()}</p>
        </div>
    }
}

/// A round of this case left part-way (the therapist unlocked mid-round):
/// who has rated and who is still to, with the way back into it or out.
#[component]
fn PausedRound(client_id: String) -> impl IntoView {
    let data = expect_context::<DataState>();
    let mode = expect_context::<ClientMode>();
    let cid = StoredValue::new(client_id);
    let summary = Memo::new(move |_| {
        data.round.with(|r| {
            r.as_ref()
                .filter(|r| r.client_id == cid.get_value())
                .map(|r| {
                    data.store
                        .with(|s| r.summary(&s.ratings, |p| r.label_of(p), words()))
                })
        })
    });
    let end = move |_| {
        // The ratings already given are kept; only the turn order goes.
        storage::clear_round();
        data.round.set(None);
    };
    move || {
        summary.get().map(|text| {
            view! {
                <div class="banner info" data-testid="round-paused">
                    <p>{trf("A round is under way. {summary}", &[("summary", &text)])}</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=move |_| mode.lock_here()>
                            {tr("Continue the round in client mode")}
                        </button>
                        <button type="button" on:click=end>{tr("End the round")}</button>

                    </div>
                </div>
            }
        })
    }
}

/// The form on the therapist page, for a version the form page does not
/// carry (a child seen alone, rated on this screen): the lines with faces,
/// then the thanks as on the form page. Anything else goes to the form page.
#[component]
pub fn RateHereScreen() -> impl IntoView {
    let saving = expect_context::<Saving>();
    let mode = expect_context::<ClientMode>();
    let device = expect_context::<Device>();
    let nav = expect_context::<Nav>();
    let data = saving.data;
    let here = Memo::new(move |_| data.rated_here());
    let done = Memo::new(move |_| data.last_done.with(Option::is_some));
    move || {
        if done.get() {
            view! { <crate::ui::form::lock::ThankYou client=mode nav=nav unsaved=data.unsaved/> }
                .into_any()
        } else if here.get() {
            view! { <crate::ui::form::rate::RateScreen saving=saving client=mode device=device/> }
                .into_any()
        } else {
            // Only while this screen is still the one asked for: leaving
            // the thanks for the review also ends the thanks.
            if nav.screen.with_untracked(|s| *s == Screen::RateHere) {
                nav.go(Screen::Rate);
            }
            ().into_any()
        }
    }
}
