//! One visual analog line: an APG slider driven by Pointer Events and keys.
//!
//! The element's box *is* the line (left edge 0, right edge 10), so the score is
//! read from its bounding box at event time and stays right at any size or zoom.

use crate::domain::measures::messages::{FormWords, Msg};
use crate::domain::measures::scale::ScaleItem;
use crate::domain::measures::score::Tenths;
use crate::domain::measures::slider::key_to_value;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// A pointer gesture in progress: which pointer, and the value to restore if
/// the browser cancels it (e.g. a palm or a system gesture takes over).
#[derive(Clone, Copy)]
struct Gesture {
    pointer_id: i32,
    before: Option<Tenths>,
}

fn client_x(ev: &web_sys::PointerEvent) -> f64 {
    // web-sys types clientX as i32; the platform gives sub-pixel precision.
    js_sys::Reflect::get(ev, &JsValue::from_str("clientX"))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or_else(|| f64::from(ev.client_x()))
}

/// A 10 cm line the client marks; `on_change` gets every new value.
#[component]
pub fn VasLine(
    /// Position in the scale, for element ids.
    index: usize,
    /// Title and end descriptions.
    item: ScaleItem,
    /// Current mark, `None` while blank.
    value: Signal<Option<Tenths>>,
    /// Called with each new mark (or the restored one after a cancel).
    on_change: Callback<Option<Tenths>>,
    /// The child version: draws a sad face at the left end and a happy face
    /// at the right (see `Keeping::face`), the end sentences kept for screen
    /// readers only.
    face: Option<fn(bool) -> AnyView>,
    /// The form's sentences in the client's language (the end names, what
    /// a screen reader hears of the mark).
    words: FormWords,
) -> impl IntoView {
    let left_end = format!("{} ", words.get(Msg::LeftEnd));
    // The ends' own words run in their language's direction (a right-to-left
    // end keeps its punctuation at its start), while the ends stay put.
    let text_dir = words.dir();
    let right_end = format!("{} ", words.get(Msg::RightEnd));
    let faces = face.is_some();
    let el = NodeRef::<Div>::new();
    let gesture = StoredValue::new(None::<Gesture>);
    let title_id = format!("item-{index}-title");
    let ends_id = format!("item-{index}-ends");

    let value_at = move |ev: &web_sys::PointerEvent| {
        el.get_untracked().map(|e| {
            let r = e.get_bounding_client_rect();
            Tenths::from_position(client_x(ev), r.left(), r.width())
        })
    };

    let on_down = move |ev: web_sys::PointerEvent| {
        if !ev.is_primary() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        let Some(e) = el.get_untracked() else { return };
        let _ = e.set_pointer_capture(ev.pointer_id());
        let _ = e.focus();
        gesture.set_value(Some(Gesture {
            pointer_id: ev.pointer_id(),
            before: value.get_untracked(),
        }));
        // A tap alone places the mark (WCAG 2.5.7: no drag needed).
        on_change.run(value_at(&ev));
    };
    let ours = move |ev: &web_sys::PointerEvent| {
        gesture
            .get_value()
            .filter(|g| g.pointer_id == ev.pointer_id())
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if ours(&ev).is_some() {
            let v = value_at(&ev);
            if v != value.get_untracked() {
                on_change.run(v);
            }
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        if ours(&ev).is_some() {
            gesture.set_value(None);
        }
    };
    let on_cancel = move |ev: web_sys::PointerEvent| {
        if let Some(g) = ours(&ev) {
            gesture.set_value(None);
            on_change.run(g.before);
        }
    };
    // Only this gesture's own pointer: a late loss from an earlier touch
    // must not end the next one (its cancel could not restore then).
    let on_lost = move |ev: web_sys::PointerEvent| {
        if ours(&ev).is_some() {
            gesture.set_value(None);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        if let Some(v) = key_to_value(&ev.key(), value.get_untracked()) {
            ev.prevent_default();
            on_change.run(Some(v));
        }
    };

    view! {
        <div class="item">
            <h2 class="item-title" id=title_id.clone()>{item.title.clone()}</h2>
            <div
                class="vas"
                class:rated=move || value.get().is_some()
                node_ref=el
                role="slider"
                // The line keeps its geometry in a right-to-left form: 0 at
                // the left, the arrow keys as drawn.
                dir="ltr"
                tabindex="0"
                aria-labelledby=title_id
                aria-describedby=ends_id.clone()
                aria-orientation="horizontal"
                aria-valuemin="0"
                aria-valuemax="10"
                aria-valuenow=move || value.get().map(|v| v.to_string())
                aria-valuetext=move || words.value_text(value.get())
                data-item=item.id.clone()
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_cancel
                on:lostpointercapture=on_lost
                on:keydown=on_key
            >
                <span class="vas-line" aria-hidden="true"></span>
                <Show when=move || value.get().is_some()>
                    <span
                        class="vas-mark"
                        aria-hidden="true"
                        style:left=move || {
                            format!("{}%", value.get().map(|v| v.get()).unwrap_or(0))
                        }
                    ></span>
                </Show>
            </div>
            // Each end's words stay under the end they describe.
            <p class="anchors" class:faces=faces id=ends_id dir="ltr">
                <span class="anchor-left">
                    {face.map(|f| f(false))}
                    <span class:sr-only=faces dir=text_dir>
                        <span class="sr-only">{left_end}</span>
                        {item.left.clone()}
                        <span class="sr-only">". "</span>
                    </span>
                </span>
                <span class="anchor-right">
                    {face.map(|f| f(true))}
                    <span class:sr-only=faces dir=text_dir>
                        <span class="sr-only">{right_end}</span>
                        {item.right.clone()}
                    </span>
                </span>
            </p>
        </div>
    }
}
