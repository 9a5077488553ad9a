//! Item-specific wording for the discussion prompt, kept apart from the
//! rules so a clinician can review all of it in one place. Written for
//! Attune; none of it is official SRS text. Keyed by the scale item's stable
//! id, so a licensed wording pack that renames items keeps this guidance.
//!
//! Also the two ways the prompts and the note name several items in the
//! therapist's language (a list joined with "and", items with their scores),
//! since the measures' own [`crate::domain::measures::names`] join in English.

use crate::domain::words::Words;

/// Said once in step 1 of every low-score script, because a therapist who
/// reads a low mark as a verdict tends to defend instead of listen.
pub fn good_news(w: Words) -> &'static str {
    w.tr("A lower mark is useful news, not a verdict: clients who say what is not working are about twice as likely to end up doing well.")
}

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

fn relationship(w: Words) -> ItemWords {
    ItemWords {
        question: w.tr("Was there a moment today when you felt less listened to or less respected?"),
        listen: w.tr("Listen for tone, a remark that felt like judgement, or a pace that left no room."),
        changes: [
            w.tr("check in during the session (\"Am I getting this right?\")"),
            w.tr("slow down and sum up what you heard before moving on"),
        ],
        bigger: w.tr("a run of low marks here can mean a rupture in the working relationship or a cultural mismatch. Name it openly and work on repair."),
        bigger_changes: [
            w.tr("take the pattern to supervision or consultation"),
            w.tr("if repair does not move it, talk together about whether a referral to a colleague would serve them better"),
        ],
    }
}

fn goals(w: Words) -> ItemWords {
    ItemWords {
        question: w.tr("Was there something you wanted to talk about that we didn't get to?"),
        listen: w
            .tr("Listen for drift: time spent on your plan rather than on what they came for."),
        changes: [
            w.tr("open the session by setting the agenda together"),
            w.tr("check halfway through that you are still on what matters most to them"),
        ],
        bigger: w
            .tr("revisit the treatment goals together, and who sets the agenda in each session."),
        bigger_changes: [
            w.tr("review and rewrite the treatment goals with them"),
            w.tr("let them choose the first agenda item every session"),
        ],
    }
}

fn approach(w: Words) -> ItemWords {
    ItemWords {
        question: w.tr("Was there a part of how we worked today that didn't suit you?"),
        listen: w.tr("Listen for fit: too much or too little structure, talk, homework or speed."),
        changes: [
            w.tr("change one thing about the format, such as more or less structure"),
            w.tr("explain the reason for an exercise before starting it, and ask whether they want to try it"),
        ],
        bigger: w.tr("revisit whether this way of working fits them, and renew informed consent by explaining the options, other approaches included."),
        bigger_changes: [
            w.tr("go through the alternatives and let them choose"),
            w.tr("agree a trial period for the chosen approach and review it together"),
        ],
    }
}

fn overall(w: Words) -> ItemWords {
    ItemWords {
        question: w.tr("What would have made today more worth your time?"),
        listen: w.tr("This item can dip even when the relationship is fine: listen for a session that felt unproductive, too stirring or too shallow."),
        changes: [
            w.tr("agree one thing to do more of and one to do less of"),
            w.tr("leave five minutes at the end to ask how the session went"),
        ],
        bigger: w.tr("no single cause is implied; use your clinical judgement, looking at the other items and at progress toward their goals."),
        bigger_changes: [
            w.tr("review progress toward their goals together"),
            w.tr("consider consultation or a change of plan"),
        ],
    }
}

/// For items of a custom scale this file does not know.
fn other(w: Words) -> ItemWords {
    ItemWords {
        question: w.tr("Was there a moment today, on this, that didn't work for you?"),
        listen: w.tr("Listen for one specific moment rather than a general verdict."),
        changes: [
            w.tr("try one small change to the part of the session they named"),
            w.tr("check in on it halfway through next session"),
        ],
        bigger: w
            .tr("a run of low marks on one item is a bigger signal; use your clinical judgement."),
        bigger_changes: [
            w.tr("review the treatment plan together"),
            w.tr("consider consultation"),
        ],
    }
}

/// Wording for the item with this id, in `w`'s language.
pub fn item_words(id: &str, w: Words) -> ItemWords {
    match id {
        "relationship" => relationship(w),
        "goals" => goals(w),
        "approach" => approach(w),
        "overall" => overall(w),
        _ => other(w),
    }
}
