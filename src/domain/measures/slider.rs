//! Keyboard behaviour of a visual analog line (WAI-ARIA APG slider pattern),
//! as a pure function so every key is tested natively.

use crate::domain::measures::messages::FormWords;
use crate::domain::measures::score::Tenths;

/// What a key press does to a line's value.
///
/// Returns `None` for keys the slider does not handle (so the browser keeps
/// its default, e.g. Tab). An unrated line counts from the left end, so no
/// key suggests a position the client did not choose.
pub fn key_to_value(key: &str, current: Option<Tenths>) -> Option<Tenths> {
    let base = i32::from(current.unwrap_or(Tenths::MIN).get());
    let next = match key {
        "ArrowRight" | "ArrowUp" => base + 1,
        "ArrowLeft" | "ArrowDown" => base - 1,
        "PageUp" => base + 10,
        "PageDown" => base - 10,
        "Home" => 0,
        "End" => 100,
        _ => return None,
    };
    Some(Tenths::saturating(next))
}

/// Text a screen reader announces for a line, in Attune's English (the
/// form says it in the client's language: [`FormWords::value_text`]).
pub fn value_text(value: Option<Tenths>) -> String {
    FormWords::default().value_text(value)
}
