//! One client's report, to print or save as PDF.

use leptos::prelude::*;

/// The report of the client with `id`.
#[component]
pub fn ReportScreen(id: String) -> impl IntoView {
    view! { <section class="report"><h1>"Client report"</h1><p>{id}</p></section> }
}
