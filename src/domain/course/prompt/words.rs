//! Item-specific wording for the discussion prompt, kept apart from the
//! rules so a clinician can review all of it in one place. Written for
//! Attune; none of it is official SRS text. Keyed by the scale item's stable
//! id, so a licensed wording pack that renames items keeps this guidance.

/// Said once in step 1 of every low-score script, because a therapist who
/// reads a low mark as a verdict tends to defend instead of listen.
pub const GOOD_NEWS: &str = "A lower mark is useful news, not a verdict: clients who say what is not working are about twice as likely to end up doing well.";

/// What the prompt says about one item.
pub struct ItemWords {
    /// An open question for step 2, without quotation marks.
    pub question: &'static str,
    /// What to listen for in the answer.
    pub listen: &'static str,
    /// Two small, testable changes (lower-case fragments).
    pub changes: [&'static str; 2],
    /// What a run of low marks on this item may point to (a full sentence, lower-case start).
    pub bigger: &'static str,
    /// Two larger changes for that run.
    pub bigger_changes: [&'static str; 2],
}

const RELATIONSHIP: ItemWords = ItemWords {
    question: "Was there a moment today when you felt less listened to or less respected?",
    listen: "Listen for tone, a remark that felt like judgement, or a pace that left no room.",
    changes: [
        "check in during the session (\"Am I getting this right?\")",
        "slow down and sum up what you heard before moving on",
    ],
    bigger: "a run of low marks here can mean a rupture in the working relationship or a cultural mismatch. Name it openly and work on repair.",
    bigger_changes: [
        "take the pattern to supervision or consultation",
        "if repair does not move it, talk together about whether a referral to a colleague would serve them better",
    ],
};

const GOALS: ItemWords = ItemWords {
    question: "Was there something you wanted to talk about that we didn't get to?",
    listen: "Listen for drift: time spent on your plan rather than on what they came for.",
    changes: [
        "open the session by setting the agenda together",
        "check halfway through that you are still on what matters most to them",
    ],
    bigger: "revisit the treatment goals together, and who sets the agenda in each session.",
    bigger_changes: [
        "review and rewrite the treatment goals with them",
        "let them choose the first agenda item every session",
    ],
};

const APPROACH: ItemWords = ItemWords {
    question: "Was there a part of how we worked today that didn't suit you?",
    listen: "Listen for fit: too much or too little structure, talk, homework or speed.",
    changes: [
        "change one thing about the format, such as more or less structure",
        "explain the reason for an exercise before starting it, and ask whether they want to try it",
    ],
    bigger: "revisit whether this way of working fits them, and renew informed consent by explaining the options, other approaches included.",
    bigger_changes: [
        "go through the alternatives and let them choose",
        "agree a trial period for the chosen approach and review it together",
    ],
};

const OVERALL: ItemWords = ItemWords {
    question: "What would have made today more worth your time?",
    listen: "This item can dip even when the relationship is fine: listen for a session that felt unproductive, too stirring or too shallow.",
    changes: [
        "agree one thing to do more of and one to do less of",
        "leave five minutes at the end to ask how the session went",
    ],
    bigger: "no single cause is implied; use your clinical judgement, looking at the other items and at progress toward their goals.",
    bigger_changes: [
        "review progress toward their goals together",
        "consider consultation or a change of plan",
    ],
};

/// For items of a custom scale this file does not know.
const OTHER: ItemWords = ItemWords {
    question: "Was there a moment today, on this, that didn't work for you?",
    listen: "Listen for one specific moment rather than a general verdict.",
    changes: [
        "try one small change to the part of the session they named",
        "check in on it halfway through next session",
    ],
    bigger: "a run of low marks on one item is a bigger signal; use your clinical judgement.",
    bigger_changes: [
        "review the treatment plan together",
        "consider consultation",
    ],
};

/// Wording for the item with this id.
pub fn item_words(id: &str) -> &'static ItemWords {
    match id {
        "relationship" => &RELATIONSHIP,
        "goals" => &GOALS,
        "approach" => &APPROACH,
        "overall" => &OVERALL,
        _ => &OTHER,
    }
}
