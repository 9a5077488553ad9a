//! "My alliance": the therapist's pattern across the caseload.

use leptos::prelude::*;

/// The My alliance screen.
#[component]
pub fn AllianceScreen() -> impl IntoView {
    view! { <section class="alliance"><h1>"My alliance"</h1></section> }
}
