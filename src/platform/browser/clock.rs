//! The browser's clock, random ids and performance marks: what the core
//! must not call itself, passed in by the shell.

use chrono::{DateTime, Utc};

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

/// Records a User Timing measure from `start_mark` to now (the benchmark reads it).
pub fn measure(name: &str, start_mark: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, start_mark);
    }
}
