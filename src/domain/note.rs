//! The progress-note snippet: the score, what the client said and what the
//! therapist did, one sentence each (seed 004), plus one remark on the
//! situation when there is one. Short enough to paste into any EHR.

use super::history::{Drop, DropKind};
use super::prompt::{item_name, join_names, scored_names, Prompt, Situation};
use super::rating::Rating;
use super::scale::ScaleDefinition;
use super::score::{Tenths, Total};
use super::thresholds::{CEILING_ITEM, CEILING_SESSIONS, CUTOFF_TOTAL, ITEM_DISCUSS_BELOW};

mod paste;
pub use paste::{note_text, NoteInput};

/// Written when the therapist left the client's feedback blank; says plainly
/// that nothing was recorded rather than inventing a report.
pub const NO_FEEDBACK: &str = "No client comment recorded.";

/// Response written for high marks when the therapist left it blank (seed 004's routine case).
pub const NO_ADJUSTMENT: &str = "No adjustments indicated.";

/// Response written for a flagged session when the therapist left it blank:
/// the note must not claim a change that was never agreed.
pub const NO_RESPONSE: &str = "Therapist response not yet recorded.";

/// The snippet, e.g. `SRS total: 31.0/40. Lowest item: Approach or Method
/// (5.0/10). Client reported session felt too structured. Agreed to …`.
///
/// Feedback is prefixed with "Client reported" unless it already starts with
/// "Client"; both texts get a capital and a full stop if missing, so a hurried
/// fragment still reads as a sentence.
pub fn progress_note(
    scale: &ScaleDefinition,
    rating: &Rating,
    prompt: &Prompt,
    client_feedback: &str,
    therapist_response: &str,
) -> String {
    let mut parts = vec![score_sentence(scale, rating, &prompt.lowest)];
    parts.extend(remarks(scale, prompt));
    let feedback = client_feedback.trim();
    parts.push(if feedback.is_empty() {
        NO_FEEDBACK.to_string()
    } else if feedback.to_lowercase().starts_with("client") {
        sentence(feedback)
    } else {
        sentence(&format!("Client reported {}", lower_first(feedback)))
    });
    let response = therapist_response.trim();
    parts.push(if !response.is_empty() {
        sentence(response)
    } else if matches!(
        prompt.situation,
        Situation::Neutral | Situation::Ceiling | Situation::FirstSession
    ) {
        NO_ADJUSTMENT.to_string()
    } else {
        NO_RESPONSE.to_string()
    });
    parts.join(" ")
}

fn score_sentence(scale: &ScaleDefinition, rating: &Rating, lowest: &[usize]) -> String {
    let max = scale.items.len().max(rating.scores.len()) * 10;
    let label = if lowest.len() == 1 { "item" } else { "items" };
    format!(
        "SRS total: {}/{max}. Lowest {label}: {}.",
        rating.total(),
        scored_names(scale, rating, lowest)
    )
}

/// The drop in note style: `Sudden drop of 4.0 since the previous session (Overall down 2.5).`
fn drop_remark(scale: &ScaleDefinition, drop: &Drop) -> String {
    let kind = match drop.kind {
        DropKind::Drop => "Drop",
        DropKind::SuddenDrop => "Sudden drop",
    };
    let mut most = drop.most_fallen();
    if drop.total_fall.tenths() > 0 && most.len() == drop.item_falls.len() {
        most.clear(); // every item fell alike: the total says it all
    }
    let names: Vec<String> = most.iter().map(|&i| item_name(scale, i)).collect();
    let item = most
        .first()
        .map(|&i| format!("{} down {}", join_names(&names), drop.item_falls[i]));
    match (drop.total_fall.tenths(), item) {
        (0, Some(item)) => format!("{kind} since the previous session ({item})."),
        (_, Some(item)) if drop.kind == DropKind::SuddenDrop => format!(
            "{kind} of {} since the previous session ({item}).",
            drop.total_fall
        ),
        _ => format!("{kind} of {} since the previous session.", drop.total_fall),
    }
}

/// At most two short remarks: the situation, and the drop when a repeated low outranks it.
fn remarks(scale: &ScaleDefinition, prompt: &Prompt) -> Vec<String> {
    let drop = prompt.alerts.drop.as_ref().map(|d| drop_remark(scale, d));
    let below9 = Tenths::saturating(ITEM_DISCUSS_BELOW.into());
    let first = match prompt.situation {
        Situation::RepeatedLow { item } => format!(
            "{} lowest and below {below9} for {} sessions in a row.",
            item_name(scale, item),
            prompt.repeated_sessions
        ),
        Situation::SuddenDrop | Situation::Drop => drop.clone().unwrap_or_default(),
        Situation::BelowCutoff => format!("Total below the cutoff of {}.", Total(CUTOFF_TOTAL)),
        Situation::LowItem => {
            let names: Vec<String> = prompt
                .alerts
                .items_below_9
                .iter()
                .map(|&i| item_name(scale, i))
                .collect();
            let label = if names.len() == 1 { "Item" } else { "Items" };
            format!("{label} below {below9}: {}.", join_names(&names))
        }
        Situation::Ceiling => format!(
            "All items {} or above for at least {CEILING_SESSIONS} sessions in a row.",
            Tenths::saturating(CEILING_ITEM.into())
        ),
        Situation::FirstSession => "First rating with this client.".to_string(),
        Situation::Neutral => return Vec::new(),
    };
    let mut out = vec![first];
    if let (Situation::RepeatedLow { .. }, Some(d)) = (prompt.situation, drop) {
        out.push(d);
    }
    out
}

/// Adds a final full stop unless the text already ends a sentence, and capitalises it.
fn sentence(s: &str) -> String {
    let s = capitalise(s.trim());
    if s.ends_with(['.', '!', '?']) {
        s
    } else {
        s + "."
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// Lower-cases the first letter unless the first word is an acronym (`CBT`) or `I`.
fn lower_first(s: &str) -> String {
    let word = s.split_whitespace().next().unwrap_or("");
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let keep = word == "I"
        || word.starts_with("I'")
        || (letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()));
    if keep {
        return s.to_string();
    }
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
}
