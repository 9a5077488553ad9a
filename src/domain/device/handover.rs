//! What the device was handed over for, and where each page goes when it is
//! opened (or woken) while the device is in the clients' hands.
//!
//! Why: client mode is one stored marker shared by every tab, and a round
//! (several people rating in turn) runs on the therapist page. A tablet
//! relaunched mid-round opens the app's start address, the form page; had
//! the marker only said "locked", that page would show a blank form and the
//! person whose turn it is could mark it and save a stray rating while the
//! round still waited. So the marker says what client mode is for, and the
//! form page, reading just that small marker, hands over to the round before
//! anything can be marked. The plain form handed over while a round is
//! paused keeps its own marker, so that form stays the form.
//!
//! `web/paint.js` repeats [`ROUND_MARKER`] (it runs before the wasm, so the
//! start address never draws the form at all); the browser test
//! `tests/browser/rounds.test.mjs` holds the two together.

/// The stored marker of client mode entered for the plain form (and the
/// marker earlier versions wrote for every client mode).
pub const FORM_MARKER: &str = "1";
/// The stored marker of client mode entered for a round.
pub const ROUND_MARKER: &str = "round";

/// What the device was handed over for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handed {
    /// The form: one rating, then the thank-you.
    Form,
    /// A round on the therapist page: each person present in turn.
    Round,
}

impl Handed {
    /// The marker stored while client mode is on for this.
    pub const fn marker(self) -> &'static str {
        match self {
            Handed::Form => FORM_MARKER,
            Handed::Round => ROUND_MARKER,
        }
    }

    /// What a stored marker says; `None` when client mode is off. Anything
    /// but the round's marker (an earlier version's, a damaged one) means
    /// the form, which is what client mode always showed before rounds.
    pub fn read(marker: Option<&str>) -> Option<Handed> {
        marker.map(|m| {
            if m == ROUND_MARKER {
                Handed::Round
            } else {
                Handed::Form
            }
        })
    }
}

/// True when the form page, opened or woken with `marker` stored, must hand
/// over to the therapist page (where the round runs) before showing
/// anything a client could mark: from the start address, a new tab, Back,
/// a reload, or a form tab that sees another tab start a round.
pub fn form_hands_over(marker: Option<&str>) -> bool {
    Handed::read(marker) == Some(Handed::Round)
}

/// Said when a rating on a version only the therapist page draws (a child's
/// faces) cannot be handed over because a round of another session is
/// paused: client mode on the therapist page shows the round under way, so
/// the person given the tablet would be asked to pass it to someone of that
/// other session, and rate in it.
pub const ROUND_PAUSED: &str = "A round of another session is paused on this device. \
     Continue it or end it (on that client's page) before handing the tablet over for this rating.";

/// Whether a rating for `session_id` may be handed over in client mode on
/// the therapist page while `paused_round` (the session id of a round kept
/// between turns, if any) exists: only when there is none, or it is this
/// very session's round.
pub fn may_hand_over_here(paused_round: Option<&str>, session_id: &str) -> bool {
    paused_round.is_none_or(|s| s == session_id)
}

/// True when the form page, opened with `draft_scale_id` stored, must send
/// the rating on to the therapist page (its `#/rate-here` screen) instead of
/// drawing the form: the draft is on a version only that page draws (a
/// child's faces), and the form is what this page would show (client mode
/// is on, or no therapist screen is named in the address: `form_named`).
/// Drawing an adult form there would drop the child's marks.
pub fn form_sends_draft_on(locked: bool, form_named: bool, draft_scale_id: Option<&str>) -> bool {
    (locked || form_named)
        && draft_scale_id.is_some_and(crate::domain::raters::choose::rated_on_therapist_page)
}
