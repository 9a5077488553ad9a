//! Entry point of the full form module (`index.html` when the page is not
//! the plain form, and after the first module hands it over): client mode,
//! presentation mode and the routes, besides the form itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    attune::ui::shared::panic::install();
    attune::ui::shared::app::start_form();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Attune runs in the browser: build it with `bash scripts/build.sh`.");
}
