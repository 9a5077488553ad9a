//! What to do when two people in the room rate differently, in the same
//! three layers as the SRS and ORS prompts: one sentence to say, one thing
//! to listen for, and three steps. Seed 004's guidance for couples and
//! families: address the difference openly without taking sides ("I notice
//! your ratings look different today. Let's talk about what each of you
//! needs."), hear each person, and agree one change that serves both.
//! Written for Attune; none of it is official scale text.
//!
//! The spoken sentence names no one and no mark: it is said to everyone.
//! The steps, for the therapist's eyes, name the items and the distances
//! but never who marked higher, so the therapist is not nudged to side with
//! either.

use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::names::join_names;
use crate::domain::measures::score::Total;
use crate::domain::raters::divergence::SideBySide;

/// The divergence prompt in three layers, shortest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DivergencePrompt {
    /// The measure the raters differ on.
    pub measure: MeasureKind,
    /// A short heading.
    pub title: String,
    /// One sentence to say aloud to everyone.
    pub say: String,
    /// The one thing to listen for in the answers.
    pub listen_for: String,
    /// Three steps: name it without taking sides, hear each person, agree
    /// one change that serves everyone.
    pub steps: Vec<String>,
}

/// The prompt for a side-by-side comparison; `None` when nobody diverges.
pub fn divergence_prompt(side: &SideBySide) -> Option<DivergencePrompt> {
    if !side.diverges() {
        return None;
    }
    let everyone = if side.labels.len() == 2 {
        "both of you"
    } else {
        "all of you"
    };
    let what = what_differs(side);
    let name_it = format!(
        "Name it openly, to everyone at once and without taking sides: {what}. Thank them for \
         rating honestly; a difference is useful information, not a verdict on anyone."
    );
    let (title, say, listen_for, ask, agree) = match side.measure {
        MeasureKind::Srs => (
            "Ratings differ today",
            "I notice your ratings look different today. Let's talk about what each of you needs.".to_string(),
            "Listen for what each person needed from today that they did not get, without deciding who is right.",
            "Ask each person in turn what today was like for them; get one concrete moment from each, and reflect it back in their own words before moving on.".to_string(),
            format!("Agree together one change for the next session that serves {everyone}, and say you will ask again next time."),
        ),
        MeasureKind::Ors => (
            "Different views of the week",
            "I notice you see the past week quite differently. I'd like to hear how it looked to each of you.".to_string(),
            "Listen for whether the difference is about the same events seen differently, or about different parts of life.",
            "Ask each person in turn how the week looked from where they stand; get one concrete example from each, without deciding whose view is right.".to_string(),
            format!("Agree together what today's session should focus on so that it serves {everyone}, and look at the lines again next session."),
        ),
    };
    Some(DivergencePrompt {
        measure: side.measure,
        title: title.into(),
        say,
        listen_for: listen_for.into(),
        steps: vec![name_it, ask, agree],
    })
}

/// `the totals are up to 10.5 apart and Goals and Topics up to 4.0 apart`:
/// what differs, with the largest distance over every pair, naming no rater.
fn what_differs(side: &SideBySide) -> String {
    let widest = |gap: &dyn Fn(&crate::domain::raters::divergence::Gap) -> Option<u16>| {
        side.pairs.iter().filter_map(|p| gap(&p.gap)).max()
    };
    let up_to = if side.pairs.len() > 1 { "up to " } else { "" };
    let mut parts = Vec::new();
    if let Some(t) = widest(&|g| g.totals_diverge.then_some(g.total)) {
        parts.push(format!("the totals are {up_to}{} apart", Total(t)));
    }
    for i in side.diverging_items() {
        if let Some(t) = widest(&|g| g.diverging_items.contains(&i).then(|| g.items[i])) {
            parts.push(format!("{} {up_to}{} apart", side.items[i].title, Total(t)));
        }
    }
    join_names(&parts)
}
