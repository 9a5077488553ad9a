//! Read aloud: a button under each line, for a client the therapist set to
//! have the lines read (a child, or a client who cannot read them), that
//! asks the device's own speech (`speechSynthesis`) to say the line's title
//! and its two ends in the client's language. What is said is decided by
//! [`crate::domain::measures::aloud`]: words only, never a score. Speech
//! stops when a line is marked, on Done and when the screen goes.

use crate::domain::measures::aloud::{choose_voice, line_sentences};
use crate::domain::measures::messages::{FormWords, Msg};
use crate::domain::measures::scale::ScaleItem;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

/// The device's speech, when it has any (some browsers and webviews lack
/// it: `window.speechSynthesis` is then missing, not an error).
fn speech() -> Option<SpeechSynthesis> {
    let w = web_sys::window()?;
    let has = |name: &str| {
        js_sys::Reflect::get(&w, &name.into()).is_ok_and(|v| !v.is_undefined() && !v.is_null())
    };
    (has("speechSynthesis") && has("SpeechSynthesisUtterance"))
        .then(|| w.speech_synthesis().ok())
        .flatten()
}

/// Stops whatever is being read (a mark, Done, the screen going).
pub fn hush() {
    if let Some(s) = speech() {
        s.cancel();
    }
}

/// Reads one line: what was being read stops first, then its title and
/// ends are queued, in `lang` and with a voice of the device's own for it
/// when there is one.
fn say(item: &ScaleItem, lang: &str) {
    let Some(s) = speech() else { return };
    s.cancel();
    let voices: Vec<SpeechSynthesisVoice> = s
        .get_voices()
        .iter()
        .filter_map(|v| v.dyn_into().ok())
        .collect();
    let listed: Vec<(String, bool)> = voices
        .iter()
        .map(|v| (v.lang(), v.local_service()))
        .collect();
    let voice = choose_voice(&listed, lang).map(|i| &voices[i]);
    for text in line_sentences(&item.title, &item.left, &item.right) {
        if let Ok(u) = SpeechSynthesisUtterance::new_with_text(&text) {
            u.set_lang(lang);
            u.set_voice(voice);
            s.speak(&u);
        }
    }
}

/// The "Read aloud" button of one line, in `lang`, the language of the
/// line's words. Its accessible name is its own text and the line's title
/// ("Read aloud Relationship", "Leer en voz alta Relación"), the title read
/// from the line's heading in its own language. Where the device has no
/// speech there is no button: the first line says so once instead. Both
/// in the client's language (`words`), as the rest of the form.
#[component]
pub fn ReadAloud(
    /// Position in the scale: names the button after the line's title
    /// (`item-<index>-title`), and the first line carries the hint.
    index: usize,
    /// The line's words as the client sees them.
    item: ScaleItem,
    /// Their language's tag (`es`; `en` for the built-in words).
    lang: String,
    /// The form's sentences in the client's language.
    words: FormWords,
) -> impl IntoView {
    on_cleanup(hush);
    let speaks = speech().is_some();
    let id = format!("item-{index}-read");
    let named = format!("{id} item-{index}-title");
    let said = |m: Msg| (words.get(m).to_string(), words.lang_of(m).to_string());
    let (none, none_lang) = said(Msg::NoSpeech);
    let (read, read_lang) = said(Msg::ReadAloud);
    view! {
        {(!speaks && index == 0).then(|| view! {
            <p class="hint" lang=none_lang>{none}</p>
        })}
        {speaks.then(|| view! {
            <button type="button" id=id class="read-aloud" lang=read_lang aria-labelledby=named
                on:click=move |_| say(&item, &lang)>
                {read}
            </button>
        })}
    }
}
