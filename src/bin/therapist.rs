//! Entry point of `therapist.html`: review, clients, history, data, settings.

#[cfg(target_arch = "wasm32")]
fn main() {
    attune::ui::shared::panic::install();
    leptos::mount::mount_to_body(attune::ui::shared::app::TherapistApp);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Attune runs in the browser: build it with `bash scripts/build.sh`.");
}
