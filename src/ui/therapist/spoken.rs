//! Spoken entry for telehealth: the therapist reads each item aloud and types
//! the score the client says. Validation is `domain::measures::score::parse_score`.

use crate::domain::measures::score::parse_score;
use crate::domain::measures::spoken::spoken_question;
use crate::domain::records::clients;
use crate::domain::records::draft::Draft;
use crate::ui::shared::browser;
use crate::ui::shared::state::{Nav, Saving};
use crate::ui::shared::words::{tr, trf, words};
use crate::ui::Screen;
use leptos::prelude::*;

/// Four score fields with the read-aloud script, a session date and Save.
#[component]
pub fn SpokenScreen() -> impl IntoView {
    let saving = expect_context::<Saving>();
    let nav = expect_context::<Nav>();
    // The measure comes with the draft: "Start session" by voice is the ORS.
    let (measure, session_id) = saving
        .data
        .draft
        .with_untracked(|d| (d.measure, d.session_id.clone()));
    // The draft's own version: a child hears the child's questions.
    let scale = StoredValue::new(
        saving
            .data
            .draft
            .with_untracked(|d| saving.data.scale_of_draft(d)),
    );
    let items = scale.with_value(|s| s.items.clone());
    let n = items.len();
    let inputs: Vec<RwSignal<String>> = (0..n).map(|_| RwSignal::new(String::new())).collect();
    let errors: Vec<RwSignal<Option<String>>> = (0..n).map(|_| RwSignal::new(None)).collect();
    let date = RwSignal::new(browser::local_input_value(browser::now()));
    let date_error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let client_label = saving.data.store.with_untracked(|s| {
        saving
            .data
            .draft
            .with_untracked(|d| d.client_id.clone())
            .and_then(|id| {
                s.clients
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.label.clone())
            })
    });
    let inputs = StoredValue::new(inputs);
    let errors = StoredValue::new(errors);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = browser::now();
        let mut scores = Vec::with_capacity(n);
        let mut first_bad = None;
        for i in 0..n {
            let text = inputs.with_value(|v| v[i].get_untracked());
            let result = parse_score(&text, words());
            errors.with_value(|e| e[i].set(result.as_ref().err().cloned()));
            match result {
                Ok(t) => scores.push(Some(t)),
                Err(_) => {
                    first_bad.get_or_insert(i);
                    scores.push(None);
                }
            }
        }
        let session_at = browser::parse_local_datetime(&date.get_untracked())
            .and_then(|at| clients::check_session_at(at, now).map(|()| at));
        date_error.set(
            session_at
                .as_ref()
                .err()
                .map(|e| e.words(crate::ui::shared::words::words())),
        );
        if let Some(i) = first_bad {
            browser::focus(&format!("spoken-{i}"));
            return;
        }
        let Ok(session_at) = session_at else {
            browser::focus("spoken-date");
            return;
        };
        let draft = Draft {
            session_at: Some(session_at),
            client_id: saving.data.draft.with_untracked(|d| d.client_id.clone()),
            scores,
            measure,
            session_id: session_id.clone(),
            ..scale.with_value(Draft::blank)
        };
        if let Some(rating) = draft.complete(browser::new_id(), now) {
            let id = rating.id.clone();
            saving.add_rating(rating);
            saving.data.draft.update(|d| {
                if d.session_id.is_some() && d.session_id == session_id {
                    // This session's measure is given: the draft is spent.
                    *d = Draft::blank(&saving.data.srs());
                } else {
                    d.client_id = None;
                }
            });
            let _ = crate::storage::save_draft(&saving.data.draft.get_untracked());
            if nav.present.get_untracked() {
                // The screen is shared: the review waits for the therapist.
                saved.set(Some(id));
            } else {
                nav.go(Screen::Review(id));
            }
        }
    };

    let fields = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let value = inputs.with_value(|v| v[i]);
            let error = errors.with_value(|e| e[i]);
            let id = format!("spoken-{i}");
            let err_id = format!("spoken-{i}-error");
            let script_id = format!("spoken-{i}-script");
            let question = scale
                .with_value(|sc| spoken_question(sc, i))
                .unwrap_or_else(|| item.read_aloud.clone());
            view! {
                <div class="field spoken-item">
                    <label for=id.clone()>{trf("{item} (0 to 10)", &[("item", &item.title)])}</label>
                    <p class="script" id=script_id.clone()>{question}</p>
                    <input id=id type="text" inputmode="decimal" autocomplete="off" class="score-input"
                        aria-describedby=format!("{script_id} {err_id}")
                        aria-invalid=move || error.with(|e| e.is_some().then_some("true"))
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                        on:blur=move |_| {
                            let v = value.get_untracked();
                            error.set(if v.trim().is_empty() { None } else { parse_score(&v, words()).err() });
                        }/>
                    <p class="error" id=err_id role="alert">{move || error.get()}</p>
                </div>
            }
        })
        .collect_view();

    view! {
        <section class="spoken" aria-labelledby="spoken-heading">
            <h1 id="spoken-heading">{match measure {
                crate::domain::measures::kinds::MeasureKind::Ors => tr("Enter spoken scores: the past week (ORS)"),
                crate::domain::measures::kinds::MeasureKind::Srs => tr("Enter spoken scores"),
            }}</h1>
            <p class="for-client" data-testid="spoken-client">{match client_label {
                Some(l) => trf("For client {label}", &[("label", &l)]),
                None => tr("A quick rating, not yet assigned to a client").to_string(),
            }}</p>
            <p class="intro">
                {tr("Read each question aloud and type the number the client gives, from 0 to 10 (one decimal, like 7.5).")}
            </p>
            {move || saved.get().map(|id| view! {
                <div class="banner info" role="status" data-testid="spoken-saved">
                    <p>{tr("Saved. Stop sharing your screen before you open the review: it is for you only.")}</p>
                    <button type="button" class="primary" on:click=move |_| nav.go(Screen::Review(id.clone()))>{tr("Open the review")}</button>
                </div>
            })}
            <form on:submit=save novalidate hidden=move || saved.with(Option::is_some)>
                {fields}
                <div class="field">
                    <label for="spoken-date">{tr("Session date")}</label>
                    <input id="spoken-date" type="datetime-local" aria-describedby="spoken-date-error"
                        prop:value=move || date.get()
                        on:input=move |ev| date.set(event_target_value(&ev))/>
                    <p class="error" id="spoken-date-error" role="alert">{move || date_error.get()}</p>
                </div>
                <div class="actions">
                    <button type="submit" class="primary">{tr("Save scores")}</button>

                </div>
            </form>
        </section>
    }
}
