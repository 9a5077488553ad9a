//! A child's version of the scales draws a face at each end of a line.
//! Only the therapist page gives a child's version (see
//! [`crate::ui::shared::keeping::Keeping::face`]), so the form's first load
//! carries no drawing.

use leptos::prelude::*;

/// A small face drawn inline (no image request, no inline style): a circle,
/// two eyes and a mouth curving down (sad) or up (happy). Decorative: the
/// end's words beside it are what a screen reader reads.
pub fn face(happy: bool) -> AnyView {
    let mouth = if happy {
        "M13 27 Q20 34 27 27"
    } else {
        "M13 31 Q20 24 27 31"
    };
    view! {
        <svg class="face" class:happy=happy viewBox="0 0 40 40" width="40" height="40" aria-hidden="true"
            data-testid=if happy { "face-happy" } else { "face-sad" }>
            <circle cx="20" cy="20" r="18"/>
            <circle class="eye" cx="14" cy="16" r="2.5"/>
            <circle class="eye" cx="26" cy="16" r="2.5"/>
            <path d=mouth/>
        </svg>
    }
    .into_any()
}
