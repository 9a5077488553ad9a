//! The ORS status in plain words, kept apart from the rules so a clinician
//! can review the wording in one place. Calm, never blaming: a stalled or
//! falling score is a reason to talk, not a verdict on anyone. In the
//! page's language ([`Words`]).

use crate::domain::course::history::number_text;
use crate::domain::course::outcome::{Change, OutcomeCategory, OutcomeStatus};
use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::thresholds::ORS_NO_CHANGE_SESSIONS;
use crate::domain::words::Words;

pub(super) fn category_label(c: OutcomeCategory, w: Words) -> &'static str {
    match c {
        OutcomeCategory::Intake => w.tr("Intake"),
        OutcomeCategory::NoReliableChange => w.tr("No reliable change"),
        OutcomeCategory::ReliableImprovement => w.tr("Reliable improvement"),
        OutcomeCategory::ClinicallySignificantImprovement => {
            w.tr("Clinically significant improvement")
        }
        OutcomeCategory::ReliableDeterioration => w.tr("Reliable deterioration"),
    }
}

pub(super) fn category_text(c: OutcomeCategory, w: Words) -> &'static str {
    match c {
        OutcomeCategory::Intake => w.tr("This first score is the starting point later sessions are compared with."),
        OutcomeCategory::NoReliableChange => w.tr("The change since intake is less than 5.0 either way, so it may be ordinary ups and downs."),
        OutcomeCategory::ReliableImprovement => w.tr("The score has risen by 5.0 or more since intake: more than ordinary ups and downs."),
        OutcomeCategory::ClinicallySignificantImprovement => w.tr("The score has risen by 5.0 or more and moved from below the cutoff to above it: the client now scores in the range of people who are not in treatment."),
        OutcomeCategory::ReliableDeterioration => w.tr("The score has fallen by 5.0 or more since intake: more than ordinary ups and downs, and worth talking about today."),
    }
}

/// `up 5.0`, `down 4.9`, `unchanged`.
pub(super) fn change_words(c: Change, w: Words) -> String {
    let size = c.0.unsigned_abs();
    let amount = number_text(format!("{}.{}", size / 10, size % 10), w);
    match c.0 {
        0 => w.tr("unchanged").into(),
        d if d > 0 => w.trf("up {amount}", &[("amount", &amount)]),
        _ => w.trf("down {amount}", &[("amount", &amount)]),
    }
}

pub(super) fn cutoff_text(s: &OutcomeStatus, w: Words) -> String {
    let args: [(&str, &dyn std::fmt::Display); 2] = [
        ("total", &number_text(s.total, w)),
        ("cutoff", &number_text(s.cutoff(), w)),
    ];
    match (s.age_group, s.below_cutoff) {
        (AgeGroup::Adult, true) => {
            w.trf("{total} / 40, below the adult cutoff of {cutoff}.", &args)
        }
        (AgeGroup::Adult, false) => w.trf(
            "{total} / 40, at or above the adult cutoff of {cutoff}.",
            &args,
        ),
        (AgeGroup::Adolescent, true) => w.trf(
            "{total} / 40, below the adolescent cutoff of {cutoff}.",
            &args,
        ),
        (AgeGroup::Adolescent, false) => w.trf(
            "{total} / 40, at or above the adolescent cutoff of {cutoff}.",
            &args,
        ),
        (AgeGroup::Child, true) => {
            w.trf("{total} / 40, below the child cutoff of {cutoff}.", &args)
        }
        (AgeGroup::Child, false) => w.trf(
            "{total} / 40, at or above the child cutoff of {cutoff}.",
            &args,
        ),
    }
}

pub(super) fn intake_text(s: &OutcomeStatus, w: Words) -> String {
    match s.since_intake {
        // A returning client's intake is the new episode's own first ORS:
        // say so, or "first ORS with this client" would read as a mistake.
        None if s.episode > 1 => w.trf(
            "First ORS of episode {episode} (intake).",
            &[("episode", &s.episode)],
        ),
        None => w.tr("First ORS with this client (intake).").into(),
        Some(c) => w.trf(
            "{change} since intake ({intake}).",
            &[
                ("change", &capital(&change_words(c, w))),
                ("intake", &number_text(s.intake, w)),
            ],
        ),
    }
}

pub(super) fn last_text(s: &OutcomeStatus, w: Words) -> String {
    s.since_last.map_or_else(String::new, |c| {
        w.trf(
            "{change} since last session.",
            &[("change", &capital(&change_words(c, w)))],
        )
    })
}

pub(super) fn alert_text(s: &OutcomeStatus, w: Words) -> String {
    if s.no_change_alert {
        w.trf(
            "No reliable change by session {by} (this is session {session}): a good moment to review the plan together.",
            &[("by", &ORS_NO_CHANGE_SESSIONS), ("session", &s.session_number)],
        )
    } else {
        String::new()
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
