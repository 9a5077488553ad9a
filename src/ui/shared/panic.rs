//! The last line of defence: a panic must never leave a frozen screen. The
//! hook logs the message and replaces the page with a calm notice and a
//! reload button. Nothing stored is touched: every write is verified before
//! the app moves on, so what was saved before the panic is still there.

/// The notice shown after a panic (no inline script or style: the CSP
/// forbids both; `sw-register.js` handles the button's `data-action`).
const NOTICE: &str =
    "<main id=\"main\" class=\"crashed\"><section class=\"thanks\" role=\"alert\" \
aria-labelledby=\"crash-heading\"><h1 id=\"crash-heading\">Something went wrong</h1>\
<p>Your ratings are saved on this device. Reload the page to carry on.</p>\
<button type=\"button\" class=\"primary\" data-action=\"reload\">Reload</button></section></main>";

/// Installs the hook; call first thing in `main`.
pub fn install() {
    std::panic::set_hook(Box::new(|info| report(info, NOTICE)));
}

/// The notice in the therapist page's language: its heading, its sentence
/// and the button's label (plain text: no markup in the catalogue).
pub fn notice(heading: &str, text: &str, button: &str) -> String {
    format!(
        "<main id=\"main\" class=\"crashed\"><section class=\"thanks\" role=\"alert\" \
aria-labelledby=\"crash-heading\"><h1 id=\"crash-heading\">{heading}</h1><p>{text}</p>\
<button type=\"button\" class=\"primary\" data-action=\"reload\">{button}</button></section></main>"
    )
}

/// Installs the hook again with `notice` ([`notice`]): the therapist page,
/// once its language is known. The form keeps [`install`]'s English (its
/// first load carries no catalogue).
pub fn install_notice(notice: String) {
    let notice: &'static str = Box::leak(notice.into_boxed_str());
    std::panic::set_hook(Box::new(move |info| report(info, notice)));
}

/// Logs the panic and puts `notice` in place of the page.
fn report(info: &std::panic::PanicHookInfo<'_>, notice: &str) {
    // The payload and place, concatenated by hand: `{info}` formatting
    // would add bytes to the form's first load for a message no client reads.
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("panic");
    let mut message = String::from("Attune stopped: ");
    message.push_str(what);
    if let Some(at) = info.location() {
        message.push_str(" at ");
        message.push_str(at.file());
    }
    web_sys::console::error_1(&message.into());
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        body.set_inner_html(notice);
    }
}

/// Panics when the page's query string asks for it (`?attune-panic-test`),
/// so the browser tests can check the notice on the real release build.
/// No user reaches it by accident: the query string is never linked.
pub fn test_trigger() {
    let asked = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.contains("attune-panic-test"));
    if asked {
        panic!("panic test requested");
    }
}
