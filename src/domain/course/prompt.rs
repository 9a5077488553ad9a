//! The discussion prompt shown to the therapist after a rating: which
//! situation applies and a short three-step script for it (reflect and thank,
//! one concrete example, two small testable changes), after seed 004.
//!
//! Precedence, highest first, when several situations apply:
//! `RepeatedLow > SuddenDrop > Drop > BelowCutoff > LowItem > Ceiling >
//! FirstSession > Neutral`. Patterns outrank single readings because a run of
//! lows or a fall from the client's own baseline says more than one number;
//! any low reading outranks the first-session framing, because hearing a
//! problem in session one is the moment to respond to it (the framing is then
//! added to step 1 instead). The lower-ranked situations stay in `flags`.
//!
//! A quick rating with no client has no history: no drop, ceiling or
//! repeated-low check, and it is never called a first session, since nothing
//! says it is one.

use crate::domain::course::history::{date_order, Alerts, DropKind};
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::thresholds::{
    CEILING_ITEM, CEILING_SESSIONS, ITEM_DISCUSS_BELOW, REPEATED_LOW_SESSIONS,
};
use crate::domain::words::Words;
use std::cmp::Ordering;

mod layers;
mod text;
mod words;
pub use layers::{
    discussion_layers, steps_open_by_default, steps_open_for_key, steps_open_for_keys, with_seen,
    with_seen_key, PromptLayers,
};
use text::Text;

/// The situation a prompt responds to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Situation {
    /// First rating with this client, with nothing low in it.
    FirstSession,
    /// Nothing to flag: a neutral thank-you, never fishing for reassurance.
    Neutral,
    /// Total below the cutoff (36.0).
    BelowCutoff,
    /// At least one item below 9.0.
    LowItem,
    /// Total fell by at least 1.0 since the previous session.
    Drop,
    /// Total fell by at least 3.0, or one item by at least 2.0.
    SuddenDrop,
    /// Every item at 9.5 or more in this and the two sessions before.
    Ceiling,
    /// The same item was lowest and below 9.0 in three sessions in a row.
    RepeatedLow {
        /// Index of that item in the scale.
        item: usize,
    },
}

impl Situation {
    /// A short tag, in English: the `data-situation` of the prompt's panel
    /// (tests and styling read it), never shown as words.
    pub fn label(self) -> &'static str {
        match self {
            Situation::RepeatedLow { .. } => "Repeated low item",
            Situation::SuddenDrop => "Sudden drop",
            Situation::Drop => "Drop",
            Situation::BelowCutoff => "Below cutoff",
            Situation::LowItem => "Low item",
            Situation::Ceiling => "Consistently high",
            Situation::FirstSession => "First session",
            Situation::Neutral => "No concerns",
        }
    }

    fn is_low(self) -> bool {
        !matches!(
            self,
            Situation::Ceiling | Situation::FirstSession | Situation::Neutral
        )
    }
}

/// What the therapist is shown after a rating.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    /// The situation the script is written for (the first of `flags`).
    pub situation: Situation,
    /// Every situation that applies, in precedence order; `Neutral` only alone.
    pub flags: Vec<Situation>,
    /// A short heading.
    pub title: String,
    /// The three steps: reflect and thank, one example, two small changes.
    pub steps: Vec<String>,
    /// The lowest item(s) of this rating, named in step 1.
    pub lowest: Vec<usize>,
    /// The flags measured against the previous session.
    pub alerts: Alerts,
    /// How many sessions in a row the repeated-low item has been lowest and
    /// below 9.0 (0 unless the situation is `RepeatedLow`).
    pub repeated_sessions: usize,
}

/// Builds the prompt for `current`, given the client's other ratings in any order.
///
/// Only ratings of the same client that come before `current` in date order
/// count (the same order as the history chart), so back-dated sessions and a
/// slice that includes `current` itself are both handled. The sentences are
/// in `w`'s language.
pub fn discussion_prompt(
    scale: &ScaleDefinition,
    current: &Rating,
    earlier: &[Rating],
    w: Words,
) -> Prompt {
    let mut chain: Vec<&Rating> = match &current.client_id {
        None => Vec::new(),
        Some(cid) => earlier
            .iter()
            .filter(|r| r.client_id.as_ref() == Some(cid) && r.id != current.id)
            // Only the same person's SRS makes their alliance history: an
            // ORS, or a partner's SRS in a couple's session, is not part of it.
            .filter(|r| {
                r.measure == current.measure
                    && crate::domain::records::case::same_rater(&r.rater, &current.rater)
            })
            .filter(|r| date_order(r, current) == Ordering::Less)
            .collect(),
    };
    chain.sort_unstable_by(|a, b| date_order(a, b));
    let first = current.client_id.is_some() && chain.is_empty();
    let alerts = Alerts::for_session(current, chain.last().copied());
    chain.push(current);
    let lowest = current.lowest();

    let mut flags = Vec::new();
    let mut repeated_sessions = 0;
    for &item in &lowest {
        let run = streak(&chain, |r| is_low_lowest(r, item));
        if run >= REPEATED_LOW_SESSIONS {
            if flags.is_empty() {
                repeated_sessions = run;
            }
            flags.push(Situation::RepeatedLow { item });
        }
    }
    match alerts.drop.as_ref().map(|d| d.kind) {
        Some(DropKind::SuddenDrop) => flags.push(Situation::SuddenDrop),
        Some(DropKind::Drop) => flags.push(Situation::Drop),
        None => {}
    }
    if alerts.below_cutoff {
        flags.push(Situation::BelowCutoff);
    }
    if !alerts.items_below_9.is_empty() {
        flags.push(Situation::LowItem);
    }
    let high_run = streak(&chain, is_high);
    if high_run >= CEILING_SESSIONS {
        flags.push(Situation::Ceiling);
    }
    if first {
        flags.push(Situation::FirstSession);
    }
    if flags.is_empty() {
        flags.push(Situation::Neutral);
    }
    let situation = flags[0];
    let text = Text {
        scale,
        current,
        lowest: &lowest,
        alerts: &alerts,
        flags: &flags,
        w,
    };
    Prompt {
        situation,
        title: text.title(situation, repeated_sessions),
        steps: vec![
            text.reflect(situation, repeated_sessions, high_run),
            text.example(situation),
            text.adjust(situation),
        ],
        flags,
        lowest,
        alerts,
        repeated_sessions,
    }
}

/// How many ratings at the end of `chain` (current last) satisfy `test`.
fn streak(chain: &[&Rating], test: impl Fn(&Rating) -> bool) -> usize {
    chain.iter().rev().take_while(|r| test(r)).count()
}

/// Every item at the ceiling: one session of the "consistently high" pattern.
pub(crate) fn is_high(r: &Rating) -> bool {
    !r.scores.is_empty() && r.scores.iter().all(|s| s.get() >= CEILING_ITEM)
}

/// `item` is below 9.0 and among the lowest: one session of a repeated low.
pub(crate) fn is_low_lowest(r: &Rating, item: usize) -> bool {
    r.scores
        .get(item)
        .is_some_and(|s| s.get() < ITEM_DISCUSS_BELOW && r.lowest().contains(&item))
}
