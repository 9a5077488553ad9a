//! Which screen a URL fragment names, and back: pure, so reload and Back
//! keep the place and every fragment has a tested meaning.

/// A screen of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The four lines (`#/`).
    Rate,
    /// The four lines on the therapist page (`#/rate-here`), for a version
    /// of a scale the form page does not carry (a child's, with faces).
    RateHere,
    /// The review of one saved rating (`#/review/<id>`).
    Review(String),
    /// The list of clients (`#/clients`).
    Clients,
    /// One client's history (`#/client/<id>`).
    Client(String),
    /// Ratings with no (known) client, to assign (`#/unassigned`).
    Unassigned,
    /// The therapist's alliance across the caseload (`#/alliance`).
    Alliance,
    /// The outcomes report: what clients gained, episode by episode
    /// (`#/outcomes`).
    Outcomes,
    /// One client's report, to print or save as PDF (`#/report/<id>`).
    Report(String),
    /// Scores typed in as a client says them (`#/spoken`).
    Spoken,
    /// PIN, auto-lock and calibration (`#/settings`).
    Settings,
    /// Backup, export, import and storage use (`#/data`).
    Data,
}

impl Route {
    /// The URL fragment for this screen. An empty id has no page of its
    /// own, so it names the rating form, as reading it back would.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Review(id) if !id.is_empty() => format!("#/review/{id}"),
            Route::Client(id) if !id.is_empty() => format!("#/client/{id}"),
            Route::Report(id) if !id.is_empty() => format!("#/report/{id}"),
            Route::Rate | Route::Review(_) | Route::Client(_) | Route::Report(_) => {
                "#/".to_string()
            }
            Route::RateHere => "#/rate-here".to_string(),
            Route::Alliance => "#/alliance".to_string(),
            Route::Outcomes => "#/outcomes".to_string(),
            Route::Clients => "#/clients".to_string(),
            Route::Unassigned => "#/unassigned".to_string(),
            Route::Spoken => "#/spoken".to_string(),
            Route::Settings => "#/settings".to_string(),
            Route::Data => "#/data".to_string(),
        }
    }

    /// The screen a URL fragment names; anything unknown opens the rating
    /// form. A trailing slash is tolerated; ids are taken as they are
    /// (everything after `review/` or `client/`).
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.split_once('/').unwrap_or((path, "")) {
            ("review", id) if !id.is_empty() => Route::Review(id.to_string()),
            ("client", id) if !id.is_empty() => Route::Client(id.to_string()),
            ("report", id) if !id.is_empty() => Route::Report(id.to_string()),
            ("rate-here", "") => Route::RateHere,
            ("alliance", "") => Route::Alliance,
            ("outcomes", "") => Route::Outcomes,
            ("clients", "") => Route::Clients,
            ("unassigned", "") => Route::Unassigned,
            ("spoken", "") => Route::Spoken,
            ("settings", "") => Route::Settings,
            ("data", "") => Route::Data,
            _ => Route::Rate,
        }
    }

    /// True for the screens of the therapist page (everything but the form).
    pub fn is_therapist(&self) -> bool {
        *self != Route::Rate
    }
}
