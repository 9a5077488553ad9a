//! The layered prompt: what a therapist can take in during the last sixty
//! seconds of a session. One sentence to say aloud, one thing to listen for,
//! and the full three steps behind a disclosure that opens by itself only the
//! first time a situation comes up.

use crate::domain::course::prompt::words::item_words;
use crate::domain::course::prompt::{discussion_prompt, Prompt, Situation};
use crate::domain::measures::names::item_name;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::words::Words;

/// The prompt in three layers, shortest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PromptLayers {
    /// The situation the layers are written for.
    pub situation: Situation,
    /// A short heading (the same as the full prompt's).
    pub title: String,
    /// One sentence to say aloud, naming the item in the scale's own words;
    /// the UI shows it as "Say: …".
    pub say: String,
    /// The one thing to listen for in the answer.
    pub listen_for: String,
    /// The full three steps: reflect and thank, one concrete example, two
    /// small changes (the same text as [`Prompt::steps`]).
    pub steps: Vec<String>,
}

/// Builds the layered prompt for `current`, given the client's other ratings
/// (any order; the same rules as [`discussion_prompt`]), in `w`'s language.
pub fn discussion_layers(
    scale: &ScaleDefinition,
    current: &Rating,
    earlier: &[Rating],
    w: Words,
) -> PromptLayers {
    let prompt = discussion_prompt(scale, current, earlier, w);
    let focus = focus_items(&prompt, current);
    let names: Vec<String> = focus.iter().map(|&i| item_name(scale, i)).collect();
    let every_item = focus.len() > 1 && focus.len() == current.scores.len();
    let first_focus = focus.first().copied().unwrap_or(0);
    PromptLayers {
        situation: prompt.situation,
        title: prompt.title.clone(),
        say: say(prompt.situation, &names, every_item, w),
        listen_for: listen_for(prompt.situation, scale, first_focus, w),
        steps: prompt.steps,
    }
}

/// The items the spoken line names: the repeated one; for a drop, the items
/// that fell most (none when all fell alike); otherwise the lowest.
fn focus_items(prompt: &Prompt, current: &Rating) -> Vec<usize> {
    match (prompt.situation, &prompt.alerts.drop) {
        (Situation::RepeatedLow { item }, _) => vec![item],
        (Situation::Drop | Situation::SuddenDrop, Some(d)) => {
            let most = d.most_fallen();
            if most.len() == current.scores.len() {
                Vec::new()
            } else {
                most
            }
        }
        _ => prompt.lowest.clone(),
    }
}

/// The sentence to say. Low marks are met with thanks and a question, never
/// with a defence or a request for reassurance.
fn say(situation: Situation, names: &[String], every_item: bool, w: Words) -> String {
    let items = w.join(names);
    // One item or several: the same English, two sentences for languages
    // whose verb agrees with its subject.
    let lower = if every_item || items.is_empty() {
        w.tr("the marks came out lower").to_string()
    } else if names.len() == 1 {
        w.trf("{item} came out lower", &[("item", &items)])
    } else {
        w.trf("{items} came out lower", &[("items", &items)])
    };
    let most = if items.is_empty() {
        String::new()
    } else {
        w.trf(", most of all on {items}", &[("items", &items)])
    };
    match situation {
        Situation::RepeatedLow { .. } => w.trf("{item} has come out lowest a few times now. Thank you for keeping on telling me; I'd like to understand it better.", &[("item", &items)]),
        Situation::SuddenDrop => w.trf("Your marks are a lot lower than last time{most}. I'm glad you showed me. Can you tell me what happened?", &[("most", &most)]),
        Situation::Drop => w.trf("Your marks are a bit lower than last time{most}. Thanks for letting me know. What was different today?", &[("most", &most)]),
        Situation::BelowCutoff => w.trf("I see {lower} today. Thank you for being honest with me. Can you tell me more about that?", &[("lower", &lower)]),
        Situation::LowItem => w.trf("I notice {lower} today. Thanks for being straight with me. What was that about?", &[("lower", &lower)]),
        Situation::Ceiling => w.tr("Your marks have been very high for a while. I want to be sure there's room to tell me when something is even slightly off.").into(),
        Situation::FirstSession => w.tr("Thank you. I'll ask for this every session; marking high at first is usual, and I'd really like to hear if anything doesn't suit you.").into(),
        Situation::Neutral => w.tr("Thank you for filling this out. It helps me keep our work on course.").into(),
    }
}

fn listen_for(situation: Situation, scale: &ScaleDefinition, item: usize, w: Words) -> String {
    let id = scale.items.get(item).map_or("", |it| it.id.as_str());
    match situation {
        Situation::Ceiling => w.tr("Listen for a pause or a \"well…\": any hint of something slightly off deserves a gentle follow-up.").into(),
        Situation::FirstSession => w.tr("Listen for hesitation on any line: a pause is worth one light question, now or next time.").into(),
        Situation::Neutral => w.tr("Listen for anything said in passing as they hand it back; no follow-up question is needed.").into(),
        _ => item_words(id, w).listen.to_string(),
    }
}

impl Situation {
    /// A stable key for storing which situations a therapist has seen
    /// (`"sudden-drop"`). One key per kind: a repeated low on any item is the
    /// same situation to learn, so the item is not part of it.
    pub fn key(self) -> &'static str {
        match self {
            Situation::FirstSession => "first-session",
            Situation::Neutral => "neutral",
            Situation::BelowCutoff => "below-cutoff",
            Situation::LowItem => "low-item",
            Situation::Drop => "drop",
            Situation::SuddenDrop => "sudden-drop",
            Situation::Ceiling => "ceiling",
            Situation::RepeatedLow { .. } => "repeated-low",
        }
    }
}

/// True when the full steps should start open: only the first time this
/// therapist meets the situation; after that the short layers are enough.
pub fn steps_open_by_default(situation: Situation, seen_situations: &[Situation]) -> bool {
    !seen_situations.iter().any(|s| s.key() == situation.key())
}

/// [`steps_open_by_default`] for keys as stored ([`Situation::key`]).
pub fn steps_open_for_keys(situation: Situation, seen_keys: &[String]) -> bool {
    steps_open_for_key(situation.key(), seen_keys)
}

/// The same rule for any prompt's situation key (the ORS prompt has its own
/// keys, prefixed `ors-`): open until that key has been seen.
pub fn steps_open_for_key(key: &str, seen_keys: &[String]) -> bool {
    !seen_keys.iter().any(|k| k == key)
}

/// The stored keys with `situation` added (once; sorted, so the stored text
/// does not change when nothing new was seen).
pub fn with_seen(seen_keys: &[String], situation: Situation) -> Vec<String> {
    with_seen_key(seen_keys, situation.key())
}

/// The stored keys with `key` added, by the same rule as [`with_seen`].
pub fn with_seen_key(seen_keys: &[String], key: &str) -> Vec<String> {
    let mut keys = seen_keys.to_vec();
    keys.push(key.to_string());
    keys.sort_unstable();
    keys.dedup();
    keys
}
