//! The screens' decisions taken out of the components (`domain::screens`):
//! moving between screens and pages, client mode starting and ending,
//! leaving the page, and the form's hint and line length.

use attune::domain::device::handover::Handed;
use attune::domain::route::Route;
use attune::domain::screens::form::{line_length_css, lines_left_text};
use attune::domain::screens::lean::{lean_shows, PageFacts};
use attune::domain::screens::leaving::loses_data;
use attune::domain::screens::lock::{locking, problem_text, refused_text, Locking};
use attune::domain::screens::nav::{after_unlock, go, therapist_screen, Go, Page};
use attune::domain::words::Words;

#[test]
fn the_form_page_shows_the_form_and_opens_the_therapist_page_for_the_rest() {
    assert_eq!(
        go(Page::Form, Route::Rate, false, true),
        Go::Show(Route::Rate)
    );
    // The form page never draws a child's version; nothing else shows here.
    assert_eq!(
        go(Page::Form, Route::Rate, true, false),
        Go::Show(Route::Rate)
    );
    for screen in [
        Route::Clients,
        Route::Settings,
        Route::Data,
        Route::Review("r1".into()),
        Route::Client("c1".into()),
    ] {
        assert_eq!(
            go(Page::Form, screen.clone(), false, false),
            Go::OpenTherapist(screen)
        );
    }
}

#[test]
fn the_therapist_page_opens_the_form_keeping_a_draft_that_names_someone() {
    assert_eq!(
        go(Page::Therapist, Route::Rate, false, true),
        Go::OpenForm { keep_draft: true }
    );
    assert_eq!(
        go(Page::Therapist, Route::Rate, false, false),
        Go::OpenForm { keep_draft: false }
    );
    // A child's version is drawn on this page: rating continues here.
    assert_eq!(
        go(Page::Therapist, Route::Rate, true, true),
        Go::Show(Route::RateHere)
    );
    assert_eq!(
        go(Page::Therapist, Route::Clients, true, true),
        Go::Show(Route::Clients)
    );
    assert_eq!(
        go(Page::Therapist, Route::Review("r1".into()), false, false),
        Go::Show(Route::Review("r1".into()))
    );
}

#[test]
fn an_empty_fragment_on_the_therapist_page_means_the_client_list() {
    assert_eq!(therapist_screen(""), Route::Clients);
    assert_eq!(therapist_screen("#"), Route::Clients);
    assert_eq!(therapist_screen("#/"), Route::Clients);
    assert_eq!(therapist_screen("#/settings"), Route::Settings);
    assert_eq!(therapist_screen("#/data"), Route::Data);
    // Whatever the fragment names otherwise is as the route says, even
    // the form (then the page opens the form page).
    assert_eq!(therapist_screen("#/rate"), Route::from_hash("#/rate"));
}

#[test]
fn unlocking_opens_the_review_of_the_rating_just_made_else_the_clients() {
    assert_eq!(after_unlock(Some("r9".into())), Route::Review("r9".into()));
    assert_eq!(after_unlock(None), Route::Clients);
}

#[test]
fn client_mode_starts_where_it_was_handed_over() {
    assert_eq!(locking(Page::Therapist, Handed::Round), Locking::RoundHere);
    assert_eq!(
        locking(Page::Therapist, Handed::Form),
        Locking::PromptThenForm
    );
    assert_eq!(locking(Page::Form, Handed::Form), Locking::FormHere);
    assert_eq!(locking(Page::Form, Handed::Round), Locking::FormHere);
}

#[test]
fn the_therapist_reads_why_client_mode_did_not_start_and_what_to_do() {
    let text = refused_text("the storage is full");
    assert!(text.starts_with("Client mode did not start: the storage is full, "));
    assert!(text.contains("would not hold in other tabs or after a reload"));
    assert!(text.contains("export a backup"));
}

#[test]
fn distrusted_settings_say_the_way_on_for_where_the_therapist_is() {
    let locked = problem_text("The settings could not be read.", true, Words::EN);
    assert!(locked.starts_with("The settings could not be read. "));
    assert!(locked.contains("client mode stays on: unlock with the recovery code"));
    let open = problem_text("The settings could not be read.", false, Words::EN);
    assert!(open.contains("client mode cannot start: set a new PIN in Settings"));
    assert_ne!(locked, open);
}

#[test]
fn leaving_asks_only_when_a_rating_would_be_lost() {
    // Everything stored: never asks.
    for internal in [false, true] {
        for stashed in [false, true] {
            assert!(!loses_data(false, internal, stashed));
        }
    }
    // Unsaved: asks unless the app moves to its other page with every
    // unsaved rating set aside for this tab.
    assert!(loses_data(true, false, false));
    assert!(loses_data(true, false, true), "closing the tab loses it");
    assert!(loses_data(true, true, false), "nothing set aside");
    assert!(!loses_data(true, true, true));
}

#[test]
fn the_hint_counts_the_lines_still_to_mark() {
    assert_eq!(lines_left_text(0), "");
    assert_eq!(lines_left_text(1), "1 line still to mark");
    assert_eq!(lines_left_text(2), "2 lines still to mark");
    assert_eq!(lines_left_text(4), "4 lines still to mark");
}

#[test]
fn the_calibrated_line_is_100_mm_in_hundredths_of_a_pixel() {
    // 96 CSS px per inch: 100 mm is 377.95… px.
    assert_eq!(line_length_css(96.0 / 25.4), "377.95px");
    assert_eq!(line_length_css(4.0), "400.00px");
    assert_eq!(line_length_css(3.5), "350.00px");
    // Rounded to the hundredth, with two digits always.
    assert_eq!(line_length_css(3.00004), "300.00px");
    assert_eq!(line_length_css(3.0005), "300.05px");
    assert_eq!(line_length_css(6.2), "620.00px");
}

#[test]
fn the_caseload_filter_and_search_pick_the_rows() {
    use attune::domain::caseload::Flag;
    use attune::domain::screens::caseload::row_shows;
    let flagged = [Flag::BelowCutoff, Flag::LowItem];
    // No filter, no query: everyone.
    assert!(row_shows(&flagged, "JD", "", ""));
    assert!(row_shows(&[], "JD", "", ""));
    // "any": only clients with a flag.
    assert!(row_shows(&flagged, "JD", "any", ""));
    assert!(!row_shows(&[], "JD", "any", ""));
    // A flag's key: only clients with that flag.
    assert!(row_shows(&flagged, "JD", Flag::LowItem.key(), ""));
    assert!(!row_shows(&flagged, "JD", Flag::SuddenDrop.key(), ""));
    // The query: part of the label, any case, spaces around ignored.
    assert!(row_shows(&[], "Client AB-12", "", "ab-1"));
    assert!(row_shows(&[], "Client AB-12", "", "  CLIENT "));
    assert!(!row_shows(&[], "Client AB-12", "", "xy"));
    // Both must hold.
    assert!(!row_shows(&flagged, "JD", "any", "xy"));
    assert!(!row_shows(&[], "JD", "any", "jd"));
}

#[test]
fn the_first_module_shows_only_the_plain_form() {
    let plain = PageFacts {
        hash: "",
        srs_id: "srs",
        ..PageFacts::default()
    };
    assert!(lean_shows(&plain));
    assert!(lean_shows(&PageFacts {
        hash: "#/",
        ..plain
    }));
    assert!(lean_shows(&PageFacts {
        draft_scale: Some("srs"),
        ..plain
    }));
    // Everything else is the full module's.
    for other in [
        PageFacts {
            locked: true,
            ..plain
        },
        PageFacts {
            presenting: true,
            ..plain
        },
        PageFacts {
            hash: "#/clients",
            ..plain
        },
        PageFacts {
            draft_scale: Some("ors"),
            ..plain
        },
        PageFacts {
            draft_scale: Some("srs"),
            client_words: true,
            ..plain
        },
        // The therapist's header in another language than the paint's.
        PageFacts {
            frame_words: true,
            ..plain
        },
    ] {
        assert!(!lean_shows(&other), "{other:?}");
    }
}
