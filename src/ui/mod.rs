//! The imperative shell: Leptos components over the pure core, grouped by
//! page: what the person rating sees (`form`), the therapist's page
//! (`therapist`), and what both share (`shared`: the two roots, the state
//! pieces each provides as context, banners). Only [`crate::storage`]
//! touches localStorage.

pub(crate) mod form;
pub mod shared;
pub(crate) mod therapist;

/// The therapist page's file name, relative to the app's scope.
pub const THERAPIST_PAGE: &str = "therapist.html";

/// Which screen is showing: the pure [`Route`](crate::domain::route::Route),
/// whose fragment mapping is tested natively.
pub type Screen = crate::domain::route::Route;
