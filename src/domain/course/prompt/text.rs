//! The wording of each step, per situation. Kept apart from the rules in
//! the parent module so the text can be reviewed on its own.

use crate::domain::course::history::{Alerts, Drop};
use crate::domain::course::prompt::words::{item_words, GOOD_NEWS};
use crate::domain::course::prompt::Situation;
use crate::domain::measures::names::{item_name, join_names, scored_names};
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::{Tenths, Total};
use crate::domain::measures::thresholds::{CEILING_ITEM, CUTOFF_TOTAL, ITEM_DISCUSS_BELOW};

/// `the total fell by 4.0 since last session, most of all on Overall (down 2.5)`.
fn fall_phrase(scale: &ScaleDefinition, drop: &Drop) -> String {
    let mut most = drop.most_fallen();
    if drop.total_fall.tenths() > 0 && most.len() == drop.item_falls.len() {
        most.clear(); // every item fell alike: nothing stands out
    }
    let names: Vec<String> = most.iter().map(|&i| item_name(scale, i)).collect();
    let item_fall = most.first().map(|&i| drop.item_falls[i]);
    match (drop.total_fall.tenths(), item_fall) {
        (0, Some(f)) => format!("{} fell by {f} since last session", join_names(&names)),
        (_, Some(f)) => format!(
            "the total fell by {} since last session, most of all on {} (down {f})",
            drop.total_fall,
            join_names(&names)
        ),
        (_, None) => format!("the total fell by {} since last session", drop.total_fall),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The inputs every piece of wording needs.
pub(super) struct Text<'a> {
    pub(super) scale: &'a ScaleDefinition,
    pub(super) current: &'a Rating,
    pub(super) lowest: &'a [usize],
    pub(super) alerts: &'a Alerts,
    pub(super) flags: &'a [Situation],
}

impl Text<'_> {
    /// The item the steps are about: the repeated one, else the first lowest.
    fn focus(&self, situation: Situation) -> usize {
        match situation {
            Situation::RepeatedLow { item } => item,
            _ => self.lowest.first().copied().unwrap_or(0),
        }
    }

    fn focus_id(&self, situation: Situation) -> &str {
        let i = self.focus(situation);
        self.scale.items.get(i).map_or("", |it| it.id.as_str())
    }

    fn lowest_names(&self) -> String {
        let names: Vec<String> = self
            .lowest
            .iter()
            .map(|&i| item_name(self.scale, i))
            .collect();
        join_names(&names)
    }

    /// The lowest item(s) with scores; one short phrase when every item is level.
    fn lowest_text(&self) -> String {
        match self.current.scores.first() {
            Some(s) if self.lowest.len() > 1 && self.lowest.len() == self.current.scores.len() => {
                format!("all items level at {s}/10 ({})", self.lowest_names())
            }
            _ => scored_names(self.scale, self.current, self.lowest),
        }
    }

    pub(super) fn title(&self, situation: Situation, run: usize) -> String {
        match situation {
            Situation::RepeatedLow { item } => format!(
                "{}: lowest {run} sessions in a row",
                item_name(self.scale, item)
            ),
            Situation::SuddenDrop => "Sudden drop since last session".into(),
            Situation::Drop => "Lower than last session".into(),
            Situation::BelowCutoff => "Total below the cutoff".into(),
            Situation::LowItem => format!("A lower mark on {}", self.lowest_names()),
            Situation::Ceiling => "Consistently high: invite honesty".into(),
            Situation::FirstSession => "First session: set up the habit".into(),
            Situation::Neutral => "Thank and carry on".into(),
        }
    }

    /// Step 1. Always names the lowest item(s) with their scores.
    pub(super) fn reflect(&self, situation: Situation, run: usize, high_run: usize) -> String {
        let lowest = self.lowest_text();
        let focus = item_name(self.scale, self.focus(situation));
        let fall = self
            .alerts
            .drop
            .as_ref()
            .map(|d| fall_phrase(self.scale, d));
        let total = self.current.total();
        let cutoff = Total(CUTOFF_TOTAL);
        let mut s = match situation {
            Situation::RepeatedLow { .. } => format!(
                "Reflect and thank. {focus} has been the lowest item, below {}, for {run} sessions in a row; today: {lowest}. You might say: \"This has come out lowest a few times now. Thank you for keeping on telling me; I'd like to understand it better.\" {GOOD_NEWS}",
                Tenths::saturating(ITEM_DISCUSS_BELOW.into())
            ),
            Situation::SuddenDrop => format!(
                "Reflect and thank. {}; lowest today: {lowest}. You might say: \"Today's marks are a good deal lower than last time. I'm glad you showed me. Can you tell me what happened?\" A sharp fall says more than the number itself, so give it time today. {GOOD_NEWS}",
                capitalise(fall.as_deref().unwrap_or_default())
            ),
            Situation::Drop => format!(
                "Reflect and thank. {}; lowest today: {lowest}. You might say: \"Your marks are a bit lower than last time. Thanks for letting me know. What was different today?\" Stay curious; there is nothing to defend. {GOOD_NEWS}",
                capitalise(fall.as_deref().unwrap_or_default())
            ),
            Situation::BelowCutoff | Situation::LowItem => {
                let said = if self.lowest.len() == self.current.scores.len() {
                    "all the marks came out on the low side".to_string()
                } else {
                    format!("{} came out lowest", self.lowest_names())
                };
                let under = if situation == Situation::BelowCutoff {
                    format!("The total is {total}, under the cutoff of {cutoff}. ")
                } else {
                    String::new()
                };
                format!("Reflect and thank. {under}Lowest: {lowest}. You might say: \"I see {said} today. Thank you for being straight with me. Can you tell me more?\" Stay curious; there is nothing to defend. {GOOD_NEWS}")
            }
            Situation::Ceiling => format!(
                "Name the pattern. Every item has been {} or higher for {high_run} sessions in a row; lowest today: {lowest}. You might say: \"Your marks have been very high for a while. I want to be sure there is room to tell me when something is even slightly off.\"",
                Tenths::saturating(CEILING_ITEM.into())
            ),
            Situation::FirstSession => format!("Thank them and set up the habit. Lowest: {lowest}. You might say: \"Thank you. I'll ask for this at the end of each session. It's usual to mark high at the beginning. What helps me most is hearing about anything that doesn't suit you, even something small.\""),
            Situation::Neutral => format!("Thank them, neutrally. Lowest: {lowest}. You might say: \"Thanks for doing this; it helps me keep our work on course.\" Don't comment on how high the marks are or ask for reassurance."),
        };
        let has = |f: Situation| self.flags.contains(&f);
        if let (Some(fall), Situation::RepeatedLow { .. }) = (&fall, situation) {
            s += &format!(" Also, {fall}.");
        }
        if has(Situation::BelowCutoff)
            && matches!(
                situation,
                Situation::RepeatedLow { .. } | Situation::SuddenDrop | Situation::Drop
            )
        {
            s += &format!(" The total, {total}, is under the cutoff of {cutoff}.");
        }
        if has(Situation::FirstSession) && situation.is_low() {
            s += " As this is your first session together, hearing it now is the best possible start.";
        }
        s
    }

    /// Step 2: one concrete example.
    pub(super) fn example(&self, situation: Situation) -> String {
        let w = item_words(self.focus_id(situation));
        let focus = item_name(self.scale, self.focus(situation));
        match situation {
            Situation::RepeatedLow { .. } => format!(
                "Get one concrete example from the last few sessions, then look at the bigger picture: {}",
                w.bigger
            ),
            Situation::Ceiling => "Ask for one small example: \"If one thing about today could have been a little better, what would it be?\" Take \"nothing\" lightly; the point is to keep the door open.".into(),
            Situation::FirstSession | Situation::Neutral => {
                let all_level = self.lowest.len() == self.current.scores.len();
                if all_level {
                    format!("Nothing stands out: {} are level at {}. No follow-up question is needed.", self.lowest_names(), self.current.scores[0])
                } else {
                    format!("Optional, if there is time: one light question about {focus}, the lowest: \"{}\"", w.question)
                }
            }
            _ => format!(
                "Get one concrete example about {focus}. Ask: \"{}\" {} If nothing comes to mind, offer options (the pace, the focus, the depth) and sort out whether it was about content, process or the relationship.",
                w.question, w.listen
            ),
        }
    }

    /// Step 3: two small, testable changes (or none, for high marks).
    pub(super) fn adjust(&self, situation: Situation) -> String {
        let w = item_words(self.focus_id(situation));
        match situation {
            Situation::RepeatedLow { .. } => format!(
                "Agree two changes that go further than usual: (1) {}; (2) {}. Note them in the treatment plan and check the next rating.",
                w.bigger_changes[0], w.bigger_changes[1]
            ),
            Situation::Ceiling => "No change to the work is needed. Say you will keep asking, and that a lower mark would be welcome, not a problem.".into(),
            Situation::FirstSession => "No changes needed. Say you will ask again at the end of next session.".into(),
            Situation::Neutral => "No adjustments needed. Keep the routine and ask again next session.".into(),
            _ => format!(
                "Agree two small changes to try next session: (1) {}; (2) {}. Ask how they would notice it working, and say you will ask again at the end of next session.",
                w.changes[0], w.changes[1]
            ),
        }
    }
}
