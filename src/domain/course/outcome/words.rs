//! The ORS status in plain words, kept apart from the rules so a clinician
//! can review the wording in one place. Calm, never blaming: a stalled or
//! falling score is a reason to talk, not a verdict on anyone.

use crate::domain::course::outcome::{OutcomeCategory, OutcomeStatus};
use crate::domain::measures::thresholds::ORS_NO_CHANGE_SESSIONS;

pub(super) fn category_label(c: OutcomeCategory) -> &'static str {
    match c {
        OutcomeCategory::Intake => "Intake",
        OutcomeCategory::NoReliableChange => "No reliable change",
        OutcomeCategory::ReliableImprovement => "Reliable improvement",
        OutcomeCategory::ClinicallySignificantImprovement => "Clinically significant improvement",
        OutcomeCategory::ReliableDeterioration => "Reliable deterioration",
    }
}

pub(super) fn category_text(c: OutcomeCategory) -> &'static str {
    match c {
        OutcomeCategory::Intake => "This first score is the starting point later sessions are compared with.",
        OutcomeCategory::NoReliableChange => "The change since intake is less than 5.0 either way, so it may be ordinary ups and downs.",
        OutcomeCategory::ReliableImprovement => "The score has risen by 5.0 or more since intake: more than ordinary ups and downs.",
        OutcomeCategory::ClinicallySignificantImprovement => "The score has risen by 5.0 or more and moved from below the cutoff to above it: the client now scores in the range of people who are not in treatment.",
        OutcomeCategory::ReliableDeterioration => "The score has fallen by 5.0 or more since intake: more than ordinary ups and downs, and worth talking about today.",
    }
}

pub(super) fn cutoff_text(s: &OutcomeStatus) -> String {
    let side = if s.below_cutoff {
        "below"
    } else {
        "at or above"
    };
    format!(
        "{} / 40, {side} the {} cutoff of {}.",
        s.total,
        s.age_group.label(),
        s.cutoff()
    )
}

pub(super) fn intake_text(s: &OutcomeStatus) -> String {
    match s.since_intake {
        // A returning client's intake is the new episode's own first ORS:
        // say so, or "first ORS with this client" would read as a mistake.
        None if s.episode > 1 => format!("First ORS of episode {} (intake).", s.episode),
        None => "First ORS with this client (intake).".into(),
        Some(c) => format!("{} since intake ({}).", capital(&c.words()), s.intake),
    }
}

pub(super) fn last_text(s: &OutcomeStatus) -> String {
    s.since_last.map_or_else(String::new, |c| {
        format!("{} since last session.", capital(&c.words()))
    })
}

pub(super) fn alert_text(s: &OutcomeStatus) -> String {
    if s.no_change_alert {
        format!(
            "No reliable change by session {} (this is session {}): a good moment to review the plan together.",
            ORS_NO_CHANGE_SESSIONS, s.session_number
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
