//! Small wrappers over browser services the core must not call itself: the
//! clock, random ids, downloads and performance marks.

use chrono::{DateTime, Utc};
use wasm_bindgen::JsCast;

/// Milliseconds since the epoch, from the browser clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The current time as a UTC timestamp, passed into the pure core.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(now_ms() as i64).unwrap_or_default()
}

/// A random UUID for a new record; falls back to time + Math.random where
/// `crypto.randomUUID` is missing (it needs a secure context).
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| {
            format!(
                "{:x}-{:x}",
                now_ms() as u64,
                (js_sys::Math::random() * 1e15) as u64
            )
        })
}

/// Sets a User Timing mark (used by the benchmark for "slider ready").
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// The device-pixel ratio now.
pub fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
}

/// Offers `content` as a file download through a Blob URL (works offline).
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&content.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "the browser refused to create the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser refused to create the file")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "the browser refused to create the file")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// A timestamp as local date and time, `2026-11-22 14:05`, using the browser's
/// time-zone offset at that instant (so summer time is right for old dates).
pub fn format_local(at: DateTime<Utc>) -> String {
    let ms = at.timestamp_millis() as f64;
    // getTimezoneOffset is minutes *west* of UTC.
    let west = js_sys::Date::new(&ms.into()).get_timezone_offset();
    crate::domain::time::local_minutes(at, -(west as i32))
}
