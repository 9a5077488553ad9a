//! Small wrappers over browser services the views use: local time zones,
//! downloads, the clipboard, focus and pointers. The clock, random ids and
//! performance marks are the platform layer's (`crate::platform::browser`),
//! named here too so the views keep one place to ask.

pub use crate::platform::browser::clock::{mark, measure, new_id, now, now_ms};
use chrono::{DateTime, Utc};
use wasm_bindgen::JsCast;

/// The instant a local wall-clock time names, by the browser's time-zone
/// rules for that date (so a back-dated summer session gets summer time).
pub fn local_to_utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Option<DateTime<Utc>> {
    let date = js_sys::Date::new_with_year_month_day_hr_min(
        y as u32,
        mo as i32 - 1,
        d as i32,
        h as i32,
        mi as i32,
    );
    let ms = date.get_time();
    if ms.is_nan() {
        return None;
    }
    DateTime::from_timestamp_millis(ms as i64)
}

/// The instant an `<input type="datetime-local">` value names, in the
/// browser's time zone; the domain checks the text, the browser the zone.
pub fn parse_local_datetime(
    value: &str,
) -> Result<DateTime<Utc>, crate::domain::records::clients::EditError> {
    use crate::domain::records::clients::{parse_local_input, EditError};
    let (y, mo, d, h, mi) = parse_local_input(value)?;
    local_to_utc(y, mo, d, h, mi).ok_or(EditError::BadDate)
}

/// A timestamp as the value of an `<input type="datetime-local">`.
pub fn local_input_value(at: DateTime<Utc>) -> String {
    format_local(at).replacen(' ', "T", 1)
}

/// The browser's offset east of UTC, in minutes, at `at`.
pub fn offset_east_minutes(at: DateTime<Utc>) -> i32 {
    let ms = at.timestamp_millis() as f64;
    -(js_sys::Date::new(&ms.into()).get_timezone_offset() as i32)
}

/// The device-pixel ratio now.
pub fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
}

/// [`download`]'s reason when the browser refuses the file (the therapist
/// page says it in its language: `ui::therapist::data::file_refused`).
pub const FILE_REFUSED: &str = "the browser refused to create the file";

/// Offers `content` as a file download through a Blob URL (works offline).
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&content.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| FILE_REFUSED)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| FILE_REFUSED)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| FILE_REFUSED)?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// A timestamp as local date and time, `2026-11-22 14:05` (in the page's
/// language: `22/11/2026 14:05` in Spanish), using the browser's time-zone
/// offset at that instant (so summer time is right for old dates).
pub fn format_local(at: DateTime<Utc>) -> String {
    crate::ui::shared::words::words().local_minutes(at, offset_east_minutes(at))
}

/// Copies `text` with the asynchronous Clipboard API; `false` when it is
/// missing (insecure context, old browser) or refused, so the caller can
/// fall back to selecting the text for a manual copy.
pub async fn copy_text(text: &str) -> bool {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    // Calling through an undefined `navigator.clipboard` would throw.
    let has = js_sys::Reflect::get(&nav, &"clipboard".into())
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false);
    if !has {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(nav.clipboard().write_text(text))
        .await
        .is_ok()
}

/// Selects the contents of the text field with `id` and asks for the legacy
/// copy command; returns whether the browser says it copied.
pub fn select_and_copy(id: &str) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(el) = doc.get_element_by_id(id) else {
        return false;
    };
    if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        let _ = area.focus();
        area.select();
    }
    doc.unchecked_into::<web_sys::HtmlDocument>()
        .exec_command("copy")
        .unwrap_or(false)
}

/// Moves keyboard focus to the element with `id` (the first invalid field).
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// The element with `id`, if it is in the page.
pub fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// Takes the element with `id` out of the page, if it is there.
pub fn remove(id: &str) {
    if let Some(el) = element(id) {
        el.remove();
    }
}

/// Keeps a pointer's moves coming to the element it went down on, even when
/// the finger or pen slides off it.
pub fn capture_pointer(ev: &web_sys::PointerEvent) {
    if let Some(el) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        let _ = el.set_pointer_capture(ev.pointer_id());
    }
}

/// Opens `url` (relative to the page), keeping the current page in history.
pub fn navigate(url: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(url);
    }
}

/// Puts `hash` in the address as a new history entry, even while the page
/// is still loading, where setting `location.hash` replaces the current entry
/// instead (so how fast the page started would decide what Back does).
/// Client mode's form relies on that entry: Back returns to the address that
/// was typed, which leads nowhere, and the form stays.
pub fn push_hash(hash: &str) {
    if let Some(w) = web_sys::window() {
        if let Ok(h) = w.history() {
            let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
        }
    }
}

/// Opens `url` in place of this page, so Back skips it (a page that only
/// passes the visitor on).
pub fn replace(url: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(url);
    }
}

/// Scrolls to the top of the page, where banners are.
pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Shows the name of the chart point an event happened on in the chart's
/// readout. One listener on the points' group does this for every point
/// (focus and pointer events bubble to it), instead of two listeners per
/// point: a history of 200 sessions draws hundreds of points.
pub fn show_point(ev: &web_sys::Event, readout: leptos::prelude::RwSignal<Option<String>>) {
    use leptos::prelude::Set;
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    // Only the focusable points carry a readout; lines and markers do not.
    if el.has_attribute("tabindex") {
        if let Some(text) = el.get_attribute("aria-label") {
            readout.set(Some(text));
        }
    }
}

/// The file chosen in a file input's `change` event, read whole as bytes:
/// decoding is the domain's choice, never the browser's (`File.text()`
/// would turn Latin-1 into U+FFFD silently). The input is cleared once the
/// file is taken, so choosing the same file again (after a fix) reads it
/// again. `None` when no file was chosen; the future gives `None` when the
/// file could not be read.
pub fn chosen_file(
    ev: &web_sys::Event,
) -> Option<impl std::future::Future<Output = Option<Vec<u8>>>> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0))?;
    Some(async move {
        input.set_value("");
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
            .await
            .ok()?;
        Some(js_sys::Uint8Array::new(&buffer).to_vec())
    })
}
