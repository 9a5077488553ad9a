//! Spoken entry for a call: one question per item asking for a number from 0
//! to 10, with both ends described. Written for Attune (never the official
//! SRS text). The wording lives here, keyed by item id, rather than in the
//! scale JSON, because only the therapist page uses it: kept out of the file
//! every client's tablet loads. A wording pack (another scale id) is asked
//! about in its own words instead: its left and right descriptions, quoted.

use crate::domain::measures::scale::{ScaleDefinition, ScaleItem};

/// Id of the built-in scale, whose items this module has spoken wording for.
const BUILTIN_ID: &str = "srs-attune";

/// What is rated, and the two ends, said to the client ("you").
struct Spoken {
    topic: &'static str,
    low: &'static str,
    high: &'static str,
}

fn builtin_words(item_id: &str) -> Option<Spoken> {
    let (topic, low, high) = match item_id {
        "relationship" => (
            "how you and I got on today",
            "you felt judged or brushed aside",
            "you felt taken seriously and treated with care",
        ),
        "goals" => (
            "what we spent the time on",
            "we spent it on things that are not your priority",
            "we spent it on what matters most to you",
        ),
        "approach" => (
            "the way we worked today",
            "it did not suit you at all",
            "it suited you well",
        ),
        "overall" => (
            "today's session, all things considered",
            "it missed the mark for you",
            "it was what you needed",
        ),
        _ => return None,
    };
    Some(Spoken { topic, low, high })
}

/// The question for item `index`, or `None` past the last item:
/// "On a scale from 0 to 10, where 0 means … and 10 means …, what number
/// would you give for …?"
pub fn spoken_question(scale: &ScaleDefinition, index: usize) -> Option<String> {
    let item = scale.items.get(index)?;
    let words = (scale.id == BUILTIN_ID)
        .then(|| builtin_words(&item.id))
        .flatten();
    Some(match words {
        Some(w) => format!(
            "On a scale from 0 to 10, where 0 means {} and 10 means {}, what number would you give for {}?",
            w.low, w.high, w.topic
        ),
        None => from_ends(item),
    })
}

/// Every item's question, in scale order.
pub fn spoken_questions(scale: &ScaleDefinition) -> Vec<String> {
    (0..scale.items.len())
        .filter_map(|i| spoken_question(scale, i))
        .collect()
}

/// A question built from the item's own end descriptions, quoted as written.
fn from_ends(item: &ScaleItem) -> String {
    format!(
        "On a scale from 0 to 10, where 0 means \u{201c}{}\u{201d} and 10 means \u{201c}{}\u{201d}, what number would you give for {}?",
        item.left.trim(),
        item.right.trim(),
        item.title.trim()
    )
}
