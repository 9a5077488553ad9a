//! A minimal Leptos 0.8 counter: the start-up baseline Attune is compared with.
//! It marks "attune-ready" when mounted, exactly as Attune's rating screen does.

use leptos::prelude::*;

#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0);
    Effect::new(move |_| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("attune-ready");
        }
    });
    view! {
        <main>
            <h1>"Counter"</h1>
            <button on:click=move |_| set_count.update(|n| *n += 1)>
                "Count: " {count}
            </button>
        </main>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(Counter);
}
