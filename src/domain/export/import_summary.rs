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
use crate::domain::measures::rating::Rating;
use crate::domain::words::Words;

/// `A`, `A and B`, `A, B and C`, in `w`'s language.
fn join(parts: &[String], w: Words) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => w.trf(
            "{list} and {last}",
            &[("list", &rest.join(", ")), ("last", last)],
        ),
    }
}

/// `3 new ratings`, or `3 new ratings (1 ORS, 2 SRS)` when any is an ORS.
fn new_ratings(ratings: &[Rating], w: Words) -> String {
    let mut text = w.trn("{n} new rating", "{n} new ratings", ratings.len(), &[]);
    let ors = ratings
        .iter()
        .filter(|r| r.measure == MeasureKind::Ors)
        .count();
    if ors > 0 {
        text.push_str(&w.trf(
            " ({ors} ORS, {srs} SRS)",
            &[("ors", &ors), ("srs", &(ratings.len() - ors))],
        ));
    }
    text
}

/// `2 new clients`, `1 new person in a stored case`: what a plan adds
/// besides ratings, as the preview and the result both say it.
fn new_people(plan: &ImportPlan, w: Words) -> Vec<String> {
    let mut out = Vec::new();
    if !plan.new_clients.is_empty() {
        out.push(w.trn(
            "{n} new client",
            "{n} new clients",
            plan.new_clients.len(),
            &[],
        ));
    }
    if !plan.new_members.is_empty() {
        out.push(w.trn(
            "{n} new person in a stored case",
            "{n} new people in stored cases",
            plan.new_members.len(),
            &[],
        ));
    }
    out
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

/// The preview, one sentence per kind of change, for the confirm dialog,
/// in `w`'s language.
pub fn summary(plan: &ImportPlan, w: Words) -> Vec<String> {
    let mut out = Vec::new();
    if changes_anything(plan, true) || plan.already_present > 0 {
        let mut adds = vec![new_ratings(&plan.new_ratings, w)];
        adds.extend(new_people(plan, w));
        if !plan.new_unrated.is_empty() {
            adds.push(w.trn(
                "{n} session without a rating",
                "{n} sessions without a rating",
                plan.new_unrated.len(),
                &[],
            ));
        }
        if !plan.episode_ends.is_empty() {
            adds.push(w.trn(
                "{n} episode ended or reopened",
                "{n} episodes ended or reopened",
                plan.episode_ends.len(),
                &[],
            ));
        }
        let stored = w.trn(
            "{n} rating is already stored",
            "{n} ratings are already stored",
            plan.already_present,
            &[],
        );
        out.push(w.trf(
            "This file holds {adds}; {stored}.",
            &[("adds", &join(&adds, w)), ("stored", &stored)],
        ));
    } else {
        out.push(w.tr("Nothing in this file is new.").into());
    }
    out.extend(details(plan, w));
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
        out.push(w.trn(
            "{n} client has another label in the file ({list}); labels change only if you confirm.",
            "{n} clients have another label in the file ({list}); labels change only if you confirm.",
            plan.label_changes.len(),
            &[("list", &list.join(", "))],
        ));
    }
    out
}

/// Sentences the preview and the result share: differing, edited,
/// unassigned and refused items.
fn details(plan: &ImportPlan, w: Words) -> Vec<String> {
    let mut out = Vec::new();
    if !plan.differing.is_empty() {
        out.push(w.trn(
            "{n} rating differs from the stored one; the stored one is kept.",
            "{n} ratings differ from the stored ones; the stored ones are kept.",
            plan.differing.len(),
            &[],
        ));
    }
    if !plan.edited.is_empty() {
        out.push(w.trn(
            "{n} stored rating has a later client or session date in the file, which is applied.",
            "{n} stored ratings have a later client or session date in the file, which is applied.",
            plan.edited.len(),
            &[],
        ));
    }
    if !plan.unassigned.is_empty() {
        out.push(w.trn(
            "{n} rating is imported without a client; assign it under Unassigned ratings.",
            "{n} ratings are imported without a client; assign them under Unassigned ratings.",
            plan.unassigned.len(),
            &[],
        ));
    }
    for r in &plan.refused {
        out.push(w.trf(
            "Not imported: {what}. {reason}",
            &[("what", &r.what), ("reason", &r.reason)],
        ));
    }
    out
}

/// What happened, after the shell tried to save the applied plan, in `w`'s
/// language. "Imported" only when `saved` is `Ok` (a verified write) and
/// something changed.
pub fn result_message(
    plan: &ImportPlan,
    accept_label_changes: bool,
    saved: Result<(), String>,
    w: Words,
) -> String {
    if let Err(e) = saved {
        // Reasons arrive as sentences or clauses: read as one clause here.
        let e = e.trim().trim_end_matches('.');
        let mut chars = e.chars();
        let clause: String = match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => w.tr("the save failed").into(),
        };
        return w.trf(
            "Nothing was imported: {reason}. The stored data is unchanged.",
            &[("reason", &clause)],
        );
    }
    if !changes_anything(plan, accept_label_changes) {
        let mut out = vec![w
            .tr("Nothing new to import; the stored data is unchanged.")
            .to_string()];
        out.extend(details(plan, w));
        return out.join(" ");
    }
    let mut parts = vec![new_ratings(&plan.new_ratings, w)];
    parts.extend(new_people(plan, w));
    let mut out = vec![w.trf("Imported {what}.", &[("what", &join(&parts, w))])];
    let changes = plan.label_changes.len();
    if accept_label_changes && changes > 0 {
        out.push(w.trn("{n} client renamed.", "{n} clients renamed.", changes, &[]));
    } else if changes > 0 {
        out.push(w.trn(
            "{n} stored label kept.",
            "{n} stored labels kept.",
            changes,
            &[],
        ));
    }
    out.extend(details(plan, w));
    out.join(" ")
}
