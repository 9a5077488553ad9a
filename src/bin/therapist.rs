//! Entry point of `therapist.html`: review, clients, history, data, settings.

#[cfg(target_arch = "wasm32")]
fn main() {
    attune::ui::shared::panic::install();
    attune::ui::shared::app::mount_therapist();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Attune runs in the browser: build it with `bash scripts/build.sh`.");
}
