//! Client mode's marker: the form page hands over to a round
//! under way, whatever way it was opened, and only then.

use attune::domain::device::handover::{
    form_hands_over, form_sends_draft_on, may_hand_over_here, Handed, FORM_MARKER, ROUND_MARKER,
};

#[test]
fn the_marker_says_what_the_device_was_handed_over_for() {
    for h in [Handed::Form, Handed::Round] {
        assert_eq!(Handed::read(Some(h.marker())), Some(h), "{h:?} round-trips");
    }
    assert_eq!(Handed::read(None), None, "client mode off");
    // Earlier versions wrote "1" for every client mode, and a damaged
    // marker still means client mode: both are the form, as before rounds.
    assert_eq!(Handed::read(Some("1")), Some(Handed::Form));
    assert_eq!(Handed::read(Some("")), Some(Handed::Form));
    assert_eq!(Handed::read(Some("Round")), Some(Handed::Form));
    assert_eq!(FORM_MARKER, "1");
    assert_ne!(FORM_MARKER, ROUND_MARKER);
}

#[test]
fn the_form_page_hands_over_only_to_a_round_in_client_mode() {
    // web/paint.js repeats this string: it runs before the wasm.
    assert_eq!(ROUND_MARKER, "round");
    assert!(form_hands_over(Some(ROUND_MARKER)));
    // The plain form handed over (a round may be paused): the form stays.
    assert!(!form_hands_over(Some(FORM_MARKER)));
    // Not in client mode: the therapist uses the form as they like.
    assert!(!form_hands_over(None));
}

#[test]
fn paint_js_hands_over_on_the_same_marker() {
    let paint = include_str!("../web/paint.js");
    assert!(
        paint.contains(&format!(
            "localStorage.getItem('attune.locked') !== '{ROUND_MARKER}'"
        )),
        "paint.js reads the round's marker"
    );
    assert!(paint.contains("location.replace('therapist.html')"));
}

#[test]
fn a_rating_is_never_handed_over_into_another_sessions_paused_round() {
    // No round kept: hand over.
    assert!(may_hand_over_here(None, "s-child"));
    // The paused round is this very session's: its own client mode.
    assert!(may_hand_over_here(Some("s-child"), "s-child"));
    // Another session's round is paused: client mode here would show it.
    assert!(!may_hand_over_here(Some("s-family"), "s-child"));
}

#[test]
fn the_form_page_sends_only_a_childs_draft_on_and_only_where_it_would_draw_the_form() {
    let child = Some("ors-child-attune");
    // In client mode, or at the start address: the child's form continues
    // on the therapist page.
    assert!(form_sends_draft_on(true, false, child));
    assert!(form_sends_draft_on(false, true, child));
    // A therapist screen named in the address, not in client mode: that
    // screen opens, the draft waits.
    assert!(!form_sends_draft_on(false, false, child));
    // An adult's draft, or none: the form page draws it itself.
    assert!(!form_sends_draft_on(true, true, Some("srs-attune")));
    assert!(!form_sends_draft_on(true, true, Some("ors-attune")));
    assert!(!form_sends_draft_on(true, true, None));
}
