//! Moving between screens across the two pages: the rating form is its own
//! small page (`index.html`), every other screen is on the therapist page.

use crate::domain::route::Route;

/// Which of the two pages is running. The rating form is its own small page
/// (`index.html`), so a client's tablet loads only what the form needs; the
/// therapist's screens live in `therapist.html` and load when first opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// `index.html`: the four lines and client mode.
    Form,
    /// `therapist.html`: review, clients, history, data, settings.
    Therapist,
}

/// How a request to show a screen is carried out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Go {
    /// Show this screen on the current page.
    Show(Route),
    /// Open the form page; `keep_draft`: store the draft first, so a client
    /// chosen (or marks begun) on the therapist page reaches the form.
    OpenForm {
        /// The draft names a client or holds marks.
        keep_draft: bool,
    },
    /// Open the therapist page on this screen.
    OpenTherapist(Route),
}

/// Where showing `screen` from `page` leads. `rated_here`: the draft is on a
/// version only the therapist page draws (a child's), so rating continues
/// there; `draft_named`: the draft names a client or holds marks.
pub fn go(page: Page, screen: Route, rated_here: bool, draft_named: bool) -> Go {
    match (page, screen) {
        (Page::Form, Route::Rate) => Go::Show(Route::Rate),
        (Page::Therapist, Route::Rate) if rated_here => Go::Show(Route::RateHere),
        (Page::Therapist, Route::Rate) => Go::OpenForm {
            keep_draft: draft_named,
        },
        (Page::Therapist, s) => Go::Show(s),
        (Page::Form, s) => Go::OpenTherapist(s),
    }
}

/// The therapist page's screen for a URL fragment: it has no form, so an
/// empty fragment means the client list; otherwise as [`Route::from_hash`].
pub fn therapist_screen(hash: &str) -> Route {
    match Route::from_hash(hash) {
        Route::Rate if hash.trim_start_matches(['#', '/']).is_empty() => Route::Clients,
        s => s,
    }
}

/// Where an unlocked app goes: the review of the rating just made, if any,
/// else the client list.
pub fn after_unlock(last_done: Option<String>) -> Route {
    last_done.map(Route::Review).unwrap_or(Route::Clients)
}
