//! The rating screen: four blank lines and a Done button. The draft says
//! which measure is being given (the ORS at the start of a session, the SRS
//! at its end), and the heading, instructions and lines come from that
//! measure's scale definition.

use crate::domain::device::settings::DeviceSettings;
use crate::domain::measures::messages::Msg;
use crate::domain::measures::rating::LineContext;
use crate::storage;
use crate::ui::shared::browser;
use crate::ui::shared::state::{ClientMode, Device, Saving};
use leptos::prelude::*;

/// Done: the draft, complete, becomes a rating, kept (the marks let go only
/// once it is kept where a reload cannot lose it), and whoever rated sees a
/// thank-you or the round's next turn. `wording` is what the lines were
/// given in when not the built-in words. Also called by [`FormApp`] when the
/// first module handed the page over for its Done (`done_on_arrival`), so
/// the press saves before anything of the form is drawn.
///
/// [`FormApp`]: crate::ui::shared::app::FormApp
pub(crate) fn finish(
    saving: Saving,
    client: ClientMode,
    settings: RwSignal<DeviceSettings>,
    wording: Option<Box<crate::domain::measures::language::Wording>>,
    aloud: bool,
) {
    let draft = saving.data.draft;
    let Some(mut rating) = draft
        .get_untracked()
        .complete(browser::new_id(), browser::now())
    else {
        return;
    };
    if aloud {
        crate::ui::form::aloud::hush();
    }
    rating.line = settings.with_untracked(line_context);
    rating.wording = wording;
    let id = rating.id.clone();
    let rater = rating.rater.clone();
    let in_round = saving
        .data
        .round
        .with_untracked(|r| r.as_ref().is_some_and(|r| r.takes(&rating)));
    // The marks are forgotten only once the rating is kept somewhere a
    // reload cannot lose (stored, or set aside for this tab).
    let kept = saving.add_rating(rating);
    if kept.lets_marks_go() {
        draft.set(crate::domain::records::draft::Draft::blank(
            &saving.data.srs(),
        ));
        storage::clear_draft();
    }
    if in_round {
        // The rating exists (in this page at least): the next person's
        // turn, or the thank-you when all have rated.
        (saving.keep.round_done)(saving, &rater, kept);
        return;
    }
    // Whoever rated sees a thank-you, never the results: the review is
    // for the therapist, opened on purpose (after the PIN in client mode).
    client.thank(id);
    browser::scroll_to_top();
}

/// Done on the plain form, for the first module, by the full module
/// instantiated ahead and not mounted: the draft the first module handed
/// over becomes a rating, stored as its record (verified, what this page's
/// own save writes), and the draft is let go; the rating's id is returned
/// and the first module draws the thank-you. `None` when the draft is not
/// complete or storage refused the record: nothing changed, and the first
/// module then hands the page over for Done, whose save keeps the rating
/// for this tab and says so. The first module shows only the plain form
/// (built-in words, no round, not client mode: `domain::screens::lean`), so
/// none of those needs deciding here.
pub(crate) fn save_handed() -> Option<String> {
    let draft = crate::ui::form::lean::peek_handed_draft()?;
    let mut rating = draft.complete(browser::new_id(), browser::now())?;
    rating.line = line_context(&storage::load_settings_light(0.0, None).settings);
    browser::mark("attune-save-start");
    let text = crate::domain::records::inbox::encode(&rating);
    storage::save_new_rating_text(&rating.id, &text).ok()?;
    browser::measure("attune-save", "attune-save-start");
    storage::clear_draft();
    crate::ui::form::lean::handed_draft();
    Some(rating.id)
}

/// Four lines, blank at first; Done saves the rating and opens the review.
#[component]
pub fn RateScreen(saving: Saving, client: ClientMode, device: Device) -> impl IntoView {
    let settings = device.settings;
    let draft = saving.data.draft;
    // Only a change of scale (measure, or a child's or a group's version)
    // redraws the lines, never a new mark.
    // Fixed while the screen is up: a draft of another scale (the next
    // measure, the next person) always arrives with a fresh screen, and
    // "Clear all marks" keeps the scale. A memo would cost form-page bytes.
    // A client with a language of their own rates in it (words the
    // therapist page left; see `domain::measures::language`), and the
    // rating records which wording it was shown in. Read outside any
    // reactive closure: the form's first load must not grow.
    let d = draft.get_untracked();
    // A client set to have the lines read aloud (`form::aloud`).
    let aloud = d.client_id.as_deref().is_some_and(storage::reads_aloud);
    let mut words = saving.data.scale_of_draft(&d);
    // The device's wording (a licensed pack, say) serves every other client
    // and a rating of no client. The form's own sentences (and their
    // direction) come in the client's language too; the thank-you after
    // Done says them as well.
    let (wording, talk) =
        storage::words_for(d.client_id.as_deref().unwrap_or_default(), &mut words);
    let wording = wording.map(Box::new);
    let talk = talk.unwrap_or_default();
    client.words.set_value(talk.clone());
    // The measure's words are in this language.
    let lang = wording
        .as_ref()
        .map_or_else(|| "en".to_string(), |w| w.language.clone());
    let spoken_lang = lang.clone();
    // Taken by Done: the form copies no wording.
    let wording = std::cell::Cell::new(wording);
    let scale = StoredValue::new(words);

    // Every change is kept at once, so a reload or a crash loses no mark.
    Effect::new(move |_| {
        let d = draft.get();
        // The client chosen before handing over counts too: it must survive a reload.
        if d.is_empty() && d.client_id.is_none() && d.session_at.is_none() {
            storage::clear_draft();
        } else if let Err(e) = storage::save_draft(&d) {
            leptos::logging::warn!("draft not saved: {e}");
        }
    });
    Effect::new(move |_| browser::mark("attune-ready"));

    let done = move |_| finish(saving, client, settings, wording.take(), aloud);

    let clear = talk.get(Msg::ClearAllMarks).to_string();
    let hint = talk.clone();
    view! {
        <section class="rate" aria-labelledby="rate-heading" lang=talk.lang().to_string() dir=talk.dir()>
            <div lang=lang>
            <h1 id="rate-heading">{scale.with_value(|s| s.heading.clone())}</h1>
            <p class="intro">{scale.with_value(|s| s.intro.clone())}</p>
            {scale.with_value(|s| s.items.clone())
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let value = Signal::derive(move || draft.with(|d| d.scores.get(i).copied().flatten()));
                    let on_change = Callback::new(move |v| {
                        // A mark stops the reading: the client has answered.
                        if aloud {
                            crate::ui::form::aloud::hush();
                        }
                        draft.update(|d| {
                            if let Some(slot) = d.scores.get_mut(i) {
                                *slot = v;
                            }
                        })
                    });
                    // A child's version draws faces (with the page's drawing).
                    let face = scale.with_value(|s| s.faces).then_some(saving.keep.face).flatten();
                    let read = aloud.then(|| view! { <crate::ui::form::aloud::ReadAloud index=i item=item.clone() lang=spoken_lang.clone() words=talk.clone()/> });
                    view! { <crate::ui::form::vas::VasLine index=i item=item value=value on_change=on_change face=face words=talk.clone()/> {read} }
                })
                .collect_view()}
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="primary"
                    disabled=move || !draft.with(|d| d.is_complete())
                    on:click=done
                >
                    {talk.get(Msg::Done).to_string()}
                </button>
                // For the therapist (never in client mode): a rating begun
                // and abandoned would otherwise block starting a session.
                {move || (!client.locked.get() && !draft.with(|d| d.is_empty())).then(|| view! {
                    <button type="button" on:click=move |_| {
                        // The marks go; the measure, client and session stay.
                        draft.update(|d| d.scores.iter_mut().for_each(|s| *s = None));
                    }>{clear.clone()}</button>
                })}
                <p class="hint" aria-live="polite">
                    {move || hint.lines_left(
                        draft.with(|d| d.scores.iter().filter(|s| s.is_none()).count()),
                    )}
                </p>
            </div>
        </section>
    }
}

/// How long the first line was drawn, for the audit trail of this rating.
fn line_context(settings: &DeviceSettings) -> Option<LineContext> {
    let doc = web_sys::window()?.document()?;
    let el = doc.query_selector(".vas").ok()??;
    let dpr = browser::device_pixel_ratio();
    let calibrated = settings.calibration.and_then(|c| c.px_per_mm_at(dpr).ok());
    Some(LineContext::measured(
        el.get_bounding_client_rect().width(),
        dpr,
        calibrated,
    ))
}
