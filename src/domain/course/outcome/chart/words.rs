//! The ORS chart in words: legend rows, each point's readout and the text
//! alternative of the whole chart, kept apart from the geometry so the
//! wording can be reviewed in one place. Calm and factual, like the rest.

use crate::domain::course::history::{LegendEntry, Mark};
use crate::domain::course::outcome::chart::{OutcomeChart, OutcomePoint};
use crate::domain::course::outcome::Change;
use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::{
    EXPECTED_INTAKE_WINDOW, EXPECTED_MIN_CLIENTS, ORS_RELIABLE_CHANGE,
};

/// The markers in the order the legend and the description name them.
const MARKERS: [(Mark, &str); 3] = [
    (Mark::ReliableImprovement, "reliable improvement"),
    (
        Mark::SignificantImprovement,
        "clinically significant improvement",
    ),
    (Mark::ReliableDeterioration, "reliable deterioration"),
];

fn entry(mark: Mark, label: String) -> LegendEntry {
    LegendEntry { mark, label }
}

fn side(below: bool) -> &'static str {
    if below {
        "below"
    } else {
        "at or above"
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        "session"
    } else {
        "sessions"
    }
}

/// `22 Nov 2026, 14:05: ORS 18.5/40, below the adult cutoff of 25.0.
/// Session 3: Reliable improvement, up 5.0 since intake (13.5). …`
pub(super) fn point_text(p: &OutcomePoint) -> String {
    let s = &p.status;
    let mut parts = vec![format!(
        "{}: {}, {} the {} cutoff of {}.",
        p.date_text,
        p.total_text,
        side(s.below_cutoff),
        s.age_group.label(),
        s.cutoff()
    )];
    parts.push(match s.since_intake {
        None => "Intake: the first ORS, the starting point later sessions are compared with."
            .to_string(),
        Some(c) => format!(
            "Session {}: {}, {} since intake ({}).",
            s.session_number,
            s.category.label(),
            c.words(),
            s.intake
        ),
    });
    parts.push(s.last_text());
    parts.push(s.alert_text());
    if let Some(m) = p.expected {
        parts.push(format!(
            "Clients here who started like this: median {m} at session {}.",
            s.session_number
        ));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// Every mark drawn, in drawing order; markers only when used.
pub(super) fn legend(c: &OutcomeChart, age: AgeGroup) -> Vec<LegendEntry> {
    let rc = Total(ORS_RELIABLE_CHANGE);
    let mut out = vec![
        entry(
            Mark::ChangeBand,
            format!(
                "Within {rc} of intake ({} to {}): a change this small may be ordinary ups and downs",
                c.band.low, c.band.high
            ),
        ),
        entry(
            Mark::IntakeLine,
            format!("Intake, the first ORS: {}", c.intake.value),
        ),
        entry(
            Mark::OrsCutoffLine,
            format!(
                "The {} cutoff, {}: below it is the range of people in treatment",
                age.label(),
                c.cutoff.value
            ),
        ),
    ];
    if let Some(e) = &c.expected {
        out.push(entry(Mark::ExpectedPath, e.label.clone()));
    }
    out.push(entry(Mark::OrsLine, "ORS total, session by session".into()));
    out.push(entry(Mark::OrsSession, "A session's ORS".into()));
    for (mark, _) in MARKERS {
        if c.markers.iter().any(|m| m.mark == mark) {
            out.push(entry(mark, marker_label(mark, rc)));
        }
    }
    out
}

fn marker_label(mark: Mark, rc: Total) -> String {
    match mark {
        Mark::ReliableImprovement => format!("Up {rc} or more since intake: reliable improvement"),
        Mark::SignificantImprovement => format!(
            "Up {rc} or more and from below the cutoff to at or above it: clinically significant improvement"
        ),
        _ => format!("Down {rc} or more since intake: reliable deterioration"),
    }
}

/// The text alternative: what the chart shows, in a few sentences. `first`
/// and `last` are the local dates of the first and latest ORS.
pub(super) fn description(c: &OutcomeChart, age: AgeGroup, first: &str, last: &str) -> String {
    let (Some(p0), Some(pn)) = (c.points.first(), c.points.last()) else {
        return "No ORS recorded yet.".into();
    };
    let n = c.points.len();
    let mut parts = Vec::new();
    if n == 1 {
        parts.push(format!(
            "ORS over time: 1 session, on {first}, the intake: {}.",
            p0.status.total
        ));
    } else {
        let change = Change::between(p0.status.total, pn.status.total);
        parts.push(format!(
            "ORS over time: {n} sessions from {first} to {last}. Intake {}; latest {}, {} since intake: {}.",
            p0.status.total,
            pn.status.total,
            change.words(),
            pn.status.category.label().to_lowercase()
        ));
    }
    parts.push(format!(
        "The {} cutoff is {}; the latest score is {} it.",
        age.label(),
        c.cutoff.value,
        side(pn.status.below_cutoff)
    ));
    parts.push(format!(
        "Within {} of intake ({} to {}) a change may be ordinary ups and downs.",
        Total(ORS_RELIABLE_CHANGE),
        c.band.low,
        c.band.high
    ));
    let counts: Vec<String> = MARKERS
        .iter()
        .filter_map(|(mark, words)| {
            let k = c.markers.iter().filter(|m| m.mark == *mark).count();
            (k > 0).then(|| format!("{k} {} with {words}", plural(k)))
        })
        .collect();
    if !counts.is_empty() {
        parts.push(format!("{}.", capital(&counts.join(", "))));
    } else if n > 1 {
        parts.push("No session has changed reliably since intake.".into());
    }
    let window = Total(EXPECTED_INTAKE_WINDOW);
    parts.push(match &c.expected {
        Some(e) => {
            let shown = match e.points.len() {
                1 => "session 1".to_string(),
                k => format!("sessions 1 to {k}"),
            };
            let past = if e.points.len() > c.points.len() {
                format!(", past this client's latest session ({})", c.points.len())
            } else {
                String::new()
            };
            format!(
                "Clients here who started like this (median of {} other clients' courses of treatment in this practice whose first score was within {window}) are shown for {shown}{past}.",
                e.matched_clients
            )
        }
        None => format!(
            "What clients here who started like this did is not shown: fewer than {EXPECTED_MIN_CLIENTS} other clients' courses of treatment in this practice started within {window}."
        ),
    });
    parts.join(" ")
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
