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
use crate::domain::measures::score::Total;
use crate::domain::raters::divergence::SideBySide;
use crate::domain::words::Words;

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

/// The prompt for a side-by-side comparison, in `w`'s language; `None` when
/// nobody diverges.
pub fn divergence_prompt(side: &SideBySide, w: Words) -> Option<DivergencePrompt> {
    if !side.diverges() {
        return None;
    }
    let everyone = if side.labels.len() == 2 {
        w.tr("both of you")
    } else {
        w.tr("all of you")
    };
    let what = what_differs(side, w);
    let name_it = w.trf(
        "Name it openly, to everyone at once and without taking sides: {what}. Thank them for \
         rating honestly; a difference is useful information, not a verdict on anyone.",
        &[("what", &what)],
    );
    let (title, say, listen_for, ask, agree) = match side.measure {
        MeasureKind::Srs => (
            w.tr("Ratings differ today"),
            w.tr("I notice your ratings look different today. Let's talk about what each of you needs."),
            w.tr("Listen for what each person needed from today that they did not get, without deciding who is right."),
            w.tr("Ask each person in turn what today was like for them; get one concrete moment from each, and reflect it back in their own words before moving on."),
            w.trf("Agree together one change for the next session that serves {everyone}, and say you will ask again next time.", &[("everyone", &everyone)]),
        ),
        MeasureKind::Ors => (
            w.tr("Different views of the week"),
            w.tr("I notice you see the past week quite differently. I'd like to hear how it looked to each of you."),
            w.tr("Listen for whether the difference is about the same events seen differently, or about different parts of life."),
            w.tr("Ask each person in turn how the week looked from where they stand; get one concrete example from each, without deciding whose view is right."),
            w.trf("Agree together what today's session should focus on so that it serves {everyone}, and look at the lines again next session.", &[("everyone", &everyone)]),
        ),
    };
    Some(DivergencePrompt {
        measure: side.measure,
        title: title.into(),
        say: say.into(),
        listen_for: listen_for.into(),
        steps: vec![name_it, ask.into(), agree],
    })
}

/// `the totals are up to 10.5 apart and Goals and Topics up to 4.0 apart`:
/// what differs, with the largest distance over every pair, naming no rater.
fn what_differs(side: &SideBySide, w: Words) -> String {
    let widest = |gap: &dyn Fn(&crate::domain::raters::divergence::Gap) -> Option<u16>| {
        side.pairs.iter().filter_map(|p| gap(&p.gap)).max()
    };
    // "up to" only when several pairs were compared (the widest of them).
    let several = side.pairs.len() > 1;
    let mut parts = Vec::new();
    if let Some(t) = widest(&|g| g.totals_diverge.then_some(g.total)) {
        let gap = Total(t);
        parts.push(if several {
            w.trf("the totals are up to {gap} apart", &[("gap", &gap)])
        } else {
            w.trf("the totals are {gap} apart", &[("gap", &gap)])
        });
    }
    for i in side.diverging_items() {
        if let Some(t) = widest(&|g| g.diverging_items.contains(&i).then(|| g.items[i])) {
            let args: [(&str, &dyn std::fmt::Display); 2] =
                [("item", &side.items[i].title), ("gap", &Total(t))];
            parts.push(if several {
                w.trf("{item} up to {gap} apart", &args)
            } else {
                w.trf("{item} {gap} apart", &args)
            });
        }
    }
    w.join(&parts)
}
