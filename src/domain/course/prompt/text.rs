//! The wording of each step, per situation, in the therapist's language.
//! Kept apart from the rules in the parent module so the text can be
//! reviewed on its own.

use crate::domain::course::history::{Alerts, Drop};
use crate::domain::course::prompt::words::{good_news, item_words};
use crate::domain::course::prompt::Situation;
use crate::domain::measures::names::item_name;
use crate::domain::measures::names::scored_names_in;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::{Tenths, Total};
use crate::domain::measures::thresholds::{CEILING_ITEM, CUTOFF_TOTAL, ITEM_DISCUSS_BELOW};
use crate::domain::words::Words;

/// `the total fell by 4.0 since last session, most of all on Overall (down 2.5)`.
fn fall_phrase(scale: &ScaleDefinition, drop: &Drop, w: Words) -> String {
    let mut most = drop.most_fallen();
    if drop.total_fall.tenths() > 0 && most.len() == drop.item_falls.len() {
        most.clear(); // every item fell alike: nothing stands out
    }
    let names: Vec<String> = most.iter().map(|&i| item_name(scale, i)).collect();
    let item_fall = most.first().map(|&i| drop.item_falls[i]);
    let total = drop.total_fall;
    // One item or several: the same English, two sentences for languages
    // whose verb agrees with its subject.
    match (drop.total_fall.tenths(), item_fall) {
        (0, Some(f)) if names.len() == 1 => w.trf(
            "{item} fell by {fall} since last session",
            &[("item", &names[0]), ("fall", &f)],
        ),
        (0, Some(f)) => w.trf(
            "{items} fell by {fall} since last session",
            &[("items", &w.join(&names)), ("fall", &f)],
        ),
        (_, Some(f)) => w.trf(
            "the total fell by {total} since last session, most of all on {items} (down {fall})",
            &[("total", &total), ("items", &w.join(&names)), ("fall", &f)],
        ),
        (_, None) => w.trf(
            "the total fell by {total} since last session",
            &[("total", &total)],
        ),
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
    pub(super) w: Words,
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
        self.w.join(&names)
    }

    /// The lowest item(s) with scores; one short phrase when every item is level.
    fn lowest_text(&self) -> String {
        match self.current.scores.first() {
            Some(s) if self.lowest.len() > 1 && self.lowest.len() == self.current.scores.len() => {
                self.w.trf(
                    "all items level at {score}/10 ({items})",
                    &[("score", s), ("items", &self.lowest_names())],
                )
            }
            _ => scored_names_in(self.scale, self.current, self.lowest, self.w),
        }
    }

    pub(super) fn title(&self, situation: Situation, run: usize) -> String {
        let w = self.w;
        match situation {
            Situation::RepeatedLow { item } => w.trf(
                "{item}: lowest {n} sessions in a row",
                &[("item", &item_name(self.scale, item)), ("n", &run)],
            ),
            Situation::SuddenDrop => w.tr("Sudden drop since last session").into(),
            Situation::Drop => w.tr("Lower than last session").into(),
            Situation::BelowCutoff => w.tr("Total below the cutoff").into(),
            Situation::LowItem => w.trf(
                "A lower mark on {items}",
                &[("items", &self.lowest_names())],
            ),
            Situation::Ceiling => w.tr("Consistently high: invite honesty").into(),
            Situation::FirstSession => w.tr("First session: set up the habit").into(),
            Situation::Neutral => w.tr("Thank and carry on").into(),
        }
    }

    /// Step 1. Always names the lowest item(s) with their scores.
    pub(super) fn reflect(&self, situation: Situation, run: usize, high_run: usize) -> String {
        let w = self.w;
        let lowest = self.lowest_text();
        let focus = item_name(self.scale, self.focus(situation));
        let fall = self
            .alerts
            .drop
            .as_ref()
            .map(|d| fall_phrase(self.scale, d, w));
        let fall_cap = capitalise(fall.as_deref().unwrap_or_default());
        let total = self.current.total();
        let cutoff = Total(CUTOFF_TOTAL);
        let news = good_news(w);
        let mut s = match situation {
            Situation::RepeatedLow { .. } => w.trf(
                "Reflect and thank. {focus} has been the lowest item, below {below}, for {n} sessions in a row; today: {lowest}. You might say: \"This has come out lowest a few times now. Thank you for keeping on telling me; I'd like to understand it better.\" {good_news}",
                &[
                    ("focus", &focus),
                    ("below", &Tenths::saturating(ITEM_DISCUSS_BELOW.into())),
                    ("n", &run),
                    ("lowest", &lowest),
                    ("good_news", &news),
                ],
            ),
            Situation::SuddenDrop => w.trf(
                "Reflect and thank. {fall}; lowest today: {lowest}. You might say: \"Today's marks are a good deal lower than last time. I'm glad you showed me. Can you tell me what happened?\" A sharp fall says more than the number itself, so give it time today. {good_news}",
                &[("fall", &fall_cap), ("lowest", &lowest), ("good_news", &news)],
            ),
            Situation::Drop => w.trf(
                "Reflect and thank. {fall}; lowest today: {lowest}. You might say: \"Your marks are a bit lower than last time. Thanks for letting me know. What was different today?\" Stay curious; there is nothing to defend. {good_news}",
                &[("fall", &fall_cap), ("lowest", &lowest), ("good_news", &news)],
            ),
            Situation::BelowCutoff | Situation::LowItem => {
                // One item or several: the same English, two sentences for
                // languages whose verb agrees with its subject.
                let said = if self.lowest.len() == self.current.scores.len() {
                    w.tr("all the marks came out on the low side").to_string()
                } else if self.lowest.len() == 1 {
                    w.trf("{item} came out lowest", &[("item", &self.lowest_names())])
                } else {
                    w.trf("{items} came out lowest", &[("items", &self.lowest_names())])
                };
                let under = if situation == Situation::BelowCutoff {
                    w.trf(
                        "The total is {total}, under the cutoff of {cutoff}. ",
                        &[("total", &total), ("cutoff", &cutoff)],
                    )
                } else {
                    String::new()
                };
                w.trf(
                    "Reflect and thank. {under}Lowest: {lowest}. You might say: \"I see {said} today. Thank you for being straight with me. Can you tell me more?\" Stay curious; there is nothing to defend. {good_news}",
                    &[
                        ("under", &under),
                        ("lowest", &lowest),
                        ("said", &said),
                        ("good_news", &news),
                    ],
                )
            }
            Situation::Ceiling => w.trf(
                "Name the pattern. Every item has been {high} or higher for {n} sessions in a row; lowest today: {lowest}. You might say: \"Your marks have been very high for a while. I want to be sure there is room to tell me when something is even slightly off.\"",
                &[
                    ("high", &Tenths::saturating(CEILING_ITEM.into())),
                    ("n", &high_run),
                    ("lowest", &lowest),
                ],
            ),
            Situation::FirstSession => w.trf(
                "Thank them and set up the habit. Lowest: {lowest}. You might say: \"Thank you. I'll ask for this at the end of each session. It's usual to mark high at the beginning. What helps me most is hearing about anything that doesn't suit you, even something small.\"",
                &[("lowest", &lowest)],
            ),
            Situation::Neutral => w.trf(
                "Thank them, neutrally. Lowest: {lowest}. You might say: \"Thanks for doing this; it helps me keep our work on course.\" Don't comment on how high the marks are or ask for reassurance.",
                &[("lowest", &lowest)],
            ),
        };
        let has = |f: Situation| self.flags.contains(&f);
        if let (Some(fall), Situation::RepeatedLow { .. }) = (&fall, situation) {
            s += &w.trf(" Also, {fall}.", &[("fall", fall)]);
        }
        if has(Situation::BelowCutoff)
            && matches!(
                situation,
                Situation::RepeatedLow { .. } | Situation::SuddenDrop | Situation::Drop
            )
        {
            s += &w.trf(
                " The total, {total}, is under the cutoff of {cutoff}.",
                &[("total", &total), ("cutoff", &cutoff)],
            );
        }
        if has(Situation::FirstSession) && situation.is_low() {
            s += w.tr(" As this is your first session together, hearing it now is the best possible start.");
        }
        s
    }

    /// Step 2: one concrete example.
    pub(super) fn example(&self, situation: Situation) -> String {
        let w = self.w;
        let iw = item_words(self.focus_id(situation), w);
        let focus = item_name(self.scale, self.focus(situation));
        match situation {
            Situation::RepeatedLow { .. } => w.trf(
                "Get one concrete example from the last few sessions, then look at the bigger picture: {bigger}",
                &[("bigger", &iw.bigger)],
            ),
            Situation::Ceiling => w.tr("Ask for one small example: \"If one thing about today could have been a little better, what would it be?\" Take \"nothing\" lightly; the point is to keep the door open.").into(),
            Situation::FirstSession | Situation::Neutral => {
                let all_level = self.lowest.len() == self.current.scores.len();
                if all_level {
                    w.trf(
                        "Nothing stands out: {items} are level at {score}. No follow-up question is needed.",
                        &[("items", &self.lowest_names()), ("score", &self.current.scores[0])],
                    )
                } else {
                    w.trf(
                        "Optional, if there is time: one light question about {focus}, the lowest: \"{question}\"",
                        &[("focus", &focus), ("question", &iw.question)],
                    )
                }
            }
            _ => w.trf(
                "Get one concrete example about {focus}. Ask: \"{question}\" {listen} If nothing comes to mind, offer options (the pace, the focus, the depth) and sort out whether it was about content, process or the relationship.",
                &[("focus", &focus), ("question", &iw.question), ("listen", &iw.listen)],
            ),
        }
    }

    /// Step 3: two small, testable changes (or none, for high marks).
    pub(super) fn adjust(&self, situation: Situation) -> String {
        let w = self.w;
        let iw = item_words(self.focus_id(situation), w);
        match situation {
            Situation::RepeatedLow { .. } => w.trf(
                "Agree two changes that go further than usual: (1) {first}; (2) {second}. Note them in the treatment plan and check the next rating.",
                &[("first", &iw.bigger_changes[0]), ("second", &iw.bigger_changes[1])],
            ),
            Situation::Ceiling => w.tr("No change to the work is needed. Say you will keep asking, and that a lower mark would be welcome, not a problem.").into(),
            Situation::FirstSession => w.tr("No changes needed. Say you will ask again at the end of next session.").into(),
            Situation::Neutral => w.tr("No adjustments needed. Keep the routine and ask again next session.").into(),
            _ => w.trf(
                "Agree two small changes to try next session: (1) {first}; (2) {second}. Ask how they would notice it working, and say you will ask again at the end of next session.",
                &[("first", &iw.changes[0]), ("second", &iw.changes[1])],
            ),
        }
    }
}
