//! The words shown about an import: the preview before it, and the result
//! after it. Only [`result_message`] may say "Imported", and only when the
//! caller reports a successful, verified write.
//!
//! "Rating" is the word for one measure, ORS or SRS alike: the therapist
//! counts ratings given, and "measure" is the model's word, not theirs. When
//! the new ratings include an ORS the count is split by measure ("3 new
//! ratings (1 ORS, 2 SRS)"), so a file holding both says what it adds; a
//! file of SRS ratings only (every backup before version 5) reads as before.

use crate::domain::export::import::ImportPlan;
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::names::join_names;
use crate::domain::measures::rating::Rating;

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `3 new ratings`, or `3 new ratings (1 ORS, 2 SRS)` when any is an ORS.
fn new_ratings(ratings: &[Rating]) -> String {
    let mut text = count(ratings.len(), "new rating", "new ratings");
    let ors = ratings
        .iter()
        .filter(|r| r.measure == MeasureKind::Ors)
        .count();
    if ors > 0 {
        text.push_str(&format!(" ({ors} ORS, {} SRS)", ratings.len() - ors));
    }
    text
}

/// True when applying the plan would change the stored data.
pub fn changes_anything(plan: &ImportPlan, accept_label_changes: bool) -> bool {
    !plan.new_ratings.is_empty()
        || !plan.new_clients.is_empty()
        || !plan.new_members.is_empty()
        || !plan.edited.is_empty()
        || !plan.new_unrated.is_empty()
        || !plan.episode_ends.is_empty()
        || (accept_label_changes && !plan.label_changes.is_empty())
}

/// The preview, one sentence per kind of change, for the confirm dialog.
pub fn summary(plan: &ImportPlan) -> Vec<String> {
    let mut out = Vec::new();
    if changes_anything(plan, true) || plan.already_present > 0 {
        let mut adds = vec![new_ratings(&plan.new_ratings)];
        if !plan.new_clients.is_empty() {
            adds.push(count(plan.new_clients.len(), "new client", "new clients"));
        }
        if !plan.new_members.is_empty() {
            adds.push(count(
                plan.new_members.len(),
                "new person in a stored case",
                "new people in stored cases",
            ));
        }
        if !plan.new_unrated.is_empty() {
            adds.push(count(
                plan.new_unrated.len(),
                "session without a rating",
                "sessions without a rating",
            ));
        }
        if !plan.episode_ends.is_empty() {
            adds.push(count(
                plan.episode_ends.len(),
                "episode ended or reopened",
                "episodes ended or reopened",
            ));
        }
        out.push(format!(
            "This file holds {}; {} already stored.",
            join_names(&adds),
            count(plan.already_present, "rating is", "ratings are")
        ));
    } else {
        out.push("Nothing in this file is new.".into());
    }
    out.extend(details(plan));
    if !plan.label_changes.is_empty() {
        let list: Vec<String> = plan
            .label_changes
            .iter()
            .map(|c| {
                format!(
                    "\u{201c}{}\u{201d} \u{2192} \u{201c}{}\u{201d}",
                    c.stored, c.incoming
                )
            })
            .collect();
        out.push(format!(
            "{} another label in the file ({}); labels change only if you confirm.",
            count(plan.label_changes.len(), "client has", "clients have"),
            list.join(", ")
        ));
    }
    out
}

/// Sentences the preview and the result share: differing, edited,
/// unassigned and refused items.
fn details(plan: &ImportPlan) -> Vec<String> {
    let mut out = Vec::new();
    match plan.differing.len() {
        0 => {}
        1 => out.push("1 rating differs from the stored one; the stored one is kept.".into()),
        n => out.push(format!(
            "{n} ratings differ from the stored ones; the stored ones are kept."
        )),
    }
    if !plan.edited.is_empty() {
        out.push(format!(
            "{} a later client or session date in the file, which is applied.",
            count(
                plan.edited.len(),
                "stored rating has",
                "stored ratings have"
            )
        ));
    }
    if !plan.unassigned.is_empty() {
        out.push(format!(
            "{} without a client; assign {} under Unassigned ratings.",
            count(
                plan.unassigned.len(),
                "rating is imported",
                "ratings are imported"
            ),
            if plan.unassigned.len() == 1 {
                "it"
            } else {
                "them"
            }
        ));
    }
    for r in &plan.refused {
        out.push(format!("Not imported: {}. {}", r.what, r.reason));
    }
    out
}

/// What happened, after the shell tried to save the applied plan. "Imported"
/// only when `saved` is `Ok` (a verified write) and something changed.
pub fn result_message(
    plan: &ImportPlan,
    accept_label_changes: bool,
    saved: Result<(), String>,
) -> String {
    if let Err(e) = saved {
        // Reasons arrive as sentences or clauses: read as one clause here.
        let e = e.trim().trim_end_matches('.');
        let mut chars = e.chars();
        let clause: String = match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => "the save failed".into(),
        };
        return format!("Nothing was imported: {clause}. The stored data is unchanged.");
    }
    if !changes_anything(plan, accept_label_changes) {
        let mut out = vec!["Nothing new to import; the stored data is unchanged.".to_string()];
        out.extend(details(plan));
        return out.join(" ");
    }
    let mut parts = vec![new_ratings(&plan.new_ratings)];
    if !plan.new_clients.is_empty() {
        parts.push(count(plan.new_clients.len(), "new client", "new clients"));
    }
    if !plan.new_members.is_empty() {
        parts.push(count(
            plan.new_members.len(),
            "new person in a stored case",
            "new people in stored cases",
        ));
    }
    let mut out = vec![format!("Imported {}.", join_names(&parts))];
    if accept_label_changes && !plan.label_changes.is_empty() {
        out.push(format!(
            "{} renamed.",
            count(plan.label_changes.len(), "client", "clients")
        ));
    } else if !plan.label_changes.is_empty() {
        out.push(format!(
            "{} kept.",
            count(plan.label_changes.len(), "stored label", "stored labels")
        ));
    }
    out.extend(details(plan));
    out.join(" ")
}
