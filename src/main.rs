//! Entry point of `index.html`: the rating form (and client mode).

#[cfg(target_arch = "wasm32")]
fn main() {
    attune::ui::shared::panic::install();
    attune::ui::shared::app::mount_form();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Attune runs in the browser: build it with `bash scripts/build.sh`.");
}
