//! Entry point of `index.html`: the form's first module, the plain rating
//! form (the full form module, `src/bin/form.rs`, takes over for the rest).

#[cfg(target_arch = "wasm32")]
fn main() {
    attune::ui::shared::panic::install();
    attune::ui::shared::app::mount_lean();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Attune runs in the browser: build it with `bash scripts/build.sh`.");
}
