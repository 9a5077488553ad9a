//! The ORS chart in words: legend rows, each point's readout and the text
//! alternative of the whole chart, kept apart from the geometry so the
//! wording can be reviewed in one place. Calm and factual, like the rest.
//! In the page's language ([`Words`]); numbers with its decimal mark.

use crate::domain::course::history::{number_text, LegendEntry, Mark};
use crate::domain::course::outcome::chart::{OutcomeChart, OutcomePoint};
use crate::domain::course::outcome::Change;
use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::{
    EXPECTED_INTAKE_WINDOW, EXPECTED_MIN_CLIENTS, ORS_RELIABLE_CHANGE,
};
use crate::domain::words::Words;

/// The markers in the order the legend and the description name them.
const MARKERS: [Mark; 3] = [
    Mark::ReliableImprovement,
    Mark::SignificantImprovement,
    Mark::ReliableDeterioration,
];

fn entry(mark: Mark, label: String) -> LegendEntry {
    LegendEntry { mark, label }
}

/// `adult cutoff`: the age group's cutoff named, for a sentence.
pub(super) fn cutoff_name(age: AgeGroup, w: Words) -> &'static str {
    match age {
        AgeGroup::Adult => w.tr("adult cutoff"),
        AgeGroup::Adolescent => w.tr("adolescent cutoff"),
        AgeGroup::Child => w.tr("child cutoff"),
    }
}

/// The path of similar clients' label, so nobody reads it as a prediction.
pub(super) fn expected_label(matched: usize, w: Words) -> String {
    w.trf(
        "Clients here who started like this: median of {n} earlier clients in this practice (one course of treatment each) whose first score was within 2.0 points. A description of past clients, not a prediction.",
        &[("n", &matched)],
    )
}

/// `22 Nov 2026, 14:05: ORS 18.5/40, below the adult cutoff of 25.0.
/// Session 3: Reliable improvement, up 5.0 since intake (13.5). …`
pub(super) fn point_text(p: &OutcomePoint, w: Words) -> String {
    let s = &p.status;
    let args: [(&str, &dyn std::fmt::Display); 4] = [
        ("date", &p.date_text),
        ("total", &p.total_text),
        ("cutoff_name", &cutoff_name(s.age_group, w)),
        ("cutoff", &number_text(s.cutoff(), w)),
    ];
    let mut parts = vec![if s.below_cutoff {
        w.trf(
            "{date}: {total}, below the {cutoff_name} of {cutoff}.",
            &args,
        )
    } else {
        w.trf(
            "{date}: {total}, at or above the {cutoff_name} of {cutoff}.",
            &args,
        )
    }];
    parts.push(match s.since_intake {
        None => w
            .tr("Intake: the first ORS, the starting point later sessions are compared with.")
            .to_string(),
        Some(c) => w.trf(
            "Session {session}: {category}, {change} since intake ({intake}).",
            &[
                ("session", &s.session_number),
                ("category", &s.category.label(w)),
                ("change", &c.words(w)),
                ("intake", &number_text(s.intake, w)),
            ],
        ),
    });
    parts.push(s.last_text(w));
    parts.push(s.alert_text(w));
    if let Some(m) = p.expected {
        parts.push(w.trf(
            "Clients here who started like this: median {median} at session {session}.",
            &[
                ("median", &number_text(m, w)),
                ("session", &s.session_number),
            ],
        ));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// Every mark drawn, in drawing order; markers only when used.
pub(super) fn legend(c: &OutcomeChart, age: AgeGroup, w: Words) -> Vec<LegendEntry> {
    let rc = number_text(Total(ORS_RELIABLE_CHANGE), w);
    let mut out = vec![
        entry(
            Mark::ChangeBand,
            w.trf(
                "Within {change} of intake ({low} to {high}): a change this small may be ordinary ups and downs",
                &[
                    ("change", &rc),
                    ("low", &number_text(c.band.low, w)),
                    ("high", &number_text(c.band.high, w)),
                ],
            ),
        ),
        entry(
            Mark::IntakeLine,
            w.trf(
                "Intake, the first ORS: {intake}",
                &[("intake", &number_text(c.intake.value, w))],
            ),
        ),
        entry(
            Mark::OrsCutoffLine,
            w.trf(
                "The {cutoff_name}, {cutoff}: below it is the range of people in treatment",
                &[
                    ("cutoff_name", &cutoff_name(age, w)),
                    ("cutoff", &number_text(c.cutoff.value, w)),
                ],
            ),
        ),
    ];
    if let Some(e) = &c.expected {
        out.push(entry(Mark::ExpectedPath, e.label.clone()));
    }
    out.push(entry(
        Mark::OrsLine,
        w.tr("ORS total, session by session").into(),
    ));
    out.push(entry(Mark::OrsSession, w.tr("A session's ORS").into()));
    for mark in MARKERS {
        if c.markers.iter().any(|m| m.mark == mark) {
            out.push(entry(mark, marker_label(mark, &rc, w)));
        }
    }
    out
}

fn marker_label(mark: Mark, rc: &str, w: Words) -> String {
    let args: [(&str, &dyn std::fmt::Display); 1] = [("change", &rc)];
    match mark {
        Mark::ReliableImprovement => w.trf(
            "Up {change} or more since intake: reliable improvement",
            &args,
        ),
        Mark::SignificantImprovement => w.trf(
            "Up {change} or more and from below the cutoff to at or above it: clinically significant improvement",
            &args,
        ),
        _ => w.trf(
            "Down {change} or more since intake: reliable deterioration",
            &args,
        ),
    }
}

/// `2 sessions with reliable improvement`.
fn marker_count(mark: Mark, k: usize, w: Words) -> String {
    match mark {
        Mark::ReliableImprovement => w.trn(
            "{n} session with reliable improvement",
            "{n} sessions with reliable improvement",
            k,
            &[],
        ),
        Mark::SignificantImprovement => w.trn(
            "{n} session with clinically significant improvement",
            "{n} sessions with clinically significant improvement",
            k,
            &[],
        ),
        _ => w.trn(
            "{n} session with reliable deterioration",
            "{n} sessions with reliable deterioration",
            k,
            &[],
        ),
    }
}

/// The text alternative: what the chart shows, in a few sentences. `first`
/// and `last` are the local dates of the first and latest ORS.
pub(super) fn description(
    c: &OutcomeChart,
    age: AgeGroup,
    (first, last): (&str, &str),
    w: Words,
) -> String {
    let (Some(p0), Some(pn)) = (c.points.first(), c.points.last()) else {
        return w.tr("No ORS recorded yet.").into();
    };
    let n = c.points.len();
    let mut parts = Vec::new();
    if n == 1 {
        parts.push(w.trf(
            "ORS over time: 1 session, on {first}, the intake: {total}.",
            &[
                ("first", &first),
                ("total", &number_text(p0.status.total, w)),
            ],
        ));
    } else {
        let change = Change::between(p0.status.total, pn.status.total);
        parts.push(w.trf(
            "ORS over time: {n} sessions from {first} to {last}. Intake {intake}; latest {latest}, {change} since intake: {category}.",
            &[
                ("n", &n),
                ("first", &first),
                ("last", &last),
                ("intake", &number_text(p0.status.total, w)),
                ("latest", &number_text(pn.status.total, w)),
                ("change", &change.words(w)),
                ("category", &pn.status.category.label(w).to_lowercase()),
            ],
        ));
    }
    let args: [(&str, &dyn std::fmt::Display); 2] = [
        ("cutoff_name", &cutoff_name(age, w)),
        ("cutoff", &number_text(c.cutoff.value, w)),
    ];
    parts.push(if pn.status.below_cutoff {
        w.trf(
            "The {cutoff_name} is {cutoff}; the latest score is below it.",
            &args,
        )
    } else {
        w.trf(
            "The {cutoff_name} is {cutoff}; the latest score is at or above it.",
            &args,
        )
    });
    parts.push(w.trf(
        "Within {change} of intake ({low} to {high}) a change may be ordinary ups and downs.",
        &[
            ("change", &number_text(Total(ORS_RELIABLE_CHANGE), w)),
            ("low", &number_text(c.band.low, w)),
            ("high", &number_text(c.band.high, w)),
        ],
    ));
    let counts: Vec<String> = MARKERS
        .iter()
        .filter_map(|mark| {
            let k = c.markers.iter().filter(|m| m.mark == *mark).count();
            (k > 0).then(|| marker_count(*mark, k, w))
        })
        .collect();
    if !counts.is_empty() {
        parts.push(format!("{}.", capital(&counts.join(", "))));
    } else if n > 1 {
        parts.push(w.tr("No session has changed reliably since intake.").into());
    }
    let window = number_text(Total(EXPECTED_INTAKE_WINDOW), w);
    parts.push(match &c.expected {
        Some(e) => {
            let shown = match e.points.len() {
                1 => w.tr("session 1").to_string(),
                k => w.trf("sessions 1 to {k}", &[("k", &k)]),
            };
            let past = if e.points.len() > c.points.len() {
                w.trf(
                    ", past this client's latest session ({n})",
                    &[("n", &c.points.len())],
                )
            } else {
                String::new()
            };
            w.trf(
                "Clients here who started like this (median of {matched} other clients' courses of treatment in this practice whose first score was within {window}) are shown for {shown}{past}.",
                &[
                    ("matched", &e.matched_clients),
                    ("window", &window),
                    ("shown", &shown),
                    ("past", &past),
                ],
            )
        }
        None => w.trf(
            "What clients here who started like this did is not shown: fewer than {min} other clients' courses of treatment in this practice started within {window}.",
            &[("min", &EXPECTED_MIN_CLIENTS), ("window", &window)],
        ),
    });
    parts.join(" ")
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
