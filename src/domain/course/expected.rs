//! "Clients here who started like this": the median ORS path of this
//! practice's earlier clients whose intake was close to this client's, each
//! course of treatment (episode of care) read from its own intake.
//!
//! This is deliberately *not* an expected treatment response curve: the
//! published ETR trajectories are proprietary and are not imitated. It is a
//! plain description of what happened on this device, shown only when enough
//! similar clients exist, and labelled as such (product decision in the
//! clinical notes).
//!
//! Rules:
//! - the paths are episodes: each other client's courses of treatment are
//!   read each from its own intake (a client who came back after an ended
//!   course has two, as their own review reads them);
//! - a course matches when its intake (first ORS total) is within ±2.0 of
//!   this client's intake, both ends included;
//! - each client counts once, as the clinical rule counts clients: of a
//!   client's matching courses, the one whose intake is nearest this
//!   client's (the later on a tie), so a client with many short courses
//!   neither makes the path alone nor weighs more in its medians;
//! - with fewer than 10 matching clients there is no path at all;
//! - a session number is on the path only when at least 10 matching clients
//!   have a total for it, so every point is the median of 10 or more
//!   clients. Clients drop out over time, so the path simply ends where that
//!   count first falls below 10 (and never skips a session number);
//! - the median of an even count is the mean of the two middle totals,
//!   rounded to the nearest tenth with halves rounded up, so the path stays in
//!   exact tenths like every other score.

use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::{EXPECTED_INTAKE_WINDOW, EXPECTED_MIN_CLIENTS};
use crate::domain::words::Words;
use std::collections::BTreeMap;

/// One other client's course of treatment: the client's id and the ORS
/// totals of the course, from its own intake.
pub type Course = (String, Vec<Total>);

/// One point of the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpectedPoint {
    /// Session number, counting intake as 1.
    pub session: usize,
    /// Median ORS total of the matching clients at this session.
    pub median: Total,
    /// How many matching clients had a total at this session.
    pub clients: usize,
}

/// The median path of similar clients in this practice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedPath {
    /// How many other clients' episodes had an intake within ±2.0.
    pub matched_clients: usize,
    /// One point per session number, from intake on, while enough data remains.
    pub points: Vec<ExpectedPoint>,
}

impl ExpectedPath {
    /// The label the chart must carry, so nobody reads it as a prediction
    /// (in English; [`ExpectedPath::label_in`] says it in the page's words).
    pub fn label(&self) -> String {
        self.label_in(Words::EN)
    }

    /// [`ExpectedPath::label`] in `w`.
    pub fn label_in(&self, w: Words) -> String {
        w.trf(
            "Clients here who started like this: median of {n} earlier clients in this practice (one course of treatment each) whose first score was within 2.0 points. A description of past clients, not a prediction.",
            &[("n", &self.matched_clients)],
        )
    }
}

/// The median path for a client whose intake was `intake`, from `others`:
/// each other client's courses, each its ORS totals in session order (index
/// 0 is the course's intake; `course::outcome::others_ors_totals`).
///
/// The caller leaves the client themself out of `others`. Courses with no
/// totals are ignored. `None` when fewer than 10 clients started within ±2.0.
pub fn expected_path(intake: Total, others: &[Course]) -> Option<ExpectedPath> {
    // Each client once: the matching course nearest this intake, the later
    // on a tie (courses come in date order).
    let mut nearest: BTreeMap<&str, (u16, &[Total])> = BTreeMap::new();
    for (client, totals) in others {
        let Some(first) = totals.first() else {
            continue;
        };
        let diff = first.tenths().abs_diff(intake.tenths());
        if diff > EXPECTED_INTAKE_WINDOW {
            continue;
        }
        if nearest.get(client.as_str()).is_none_or(|(d, _)| diff <= *d) {
            nearest.insert(client, (diff, totals));
        }
    }
    let matched: Vec<&[Total]> = nearest.into_values().map(|(_, t)| t).collect();
    if matched.len() < EXPECTED_MIN_CLIENTS {
        return None;
    }
    let mut points = Vec::new();
    for index in 0.. {
        let mut at: Vec<Total> = matched
            .iter()
            .filter_map(|t| t.get(index).copied())
            .collect();
        if at.len() < EXPECTED_MIN_CLIENTS {
            break;
        }
        at.sort_unstable();
        points.push(ExpectedPoint {
            session: index + 1,
            median: median(&at),
            clients: at.len(),
        });
    }
    Some(ExpectedPath {
        matched_clients: matched.len(),
        points,
    })
}

/// Median of sorted, non-empty totals; even counts round the half up.
fn median(sorted: &[Total]) -> Total {
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        let sum = u32::from(sorted[mid - 1].tenths()) + u32::from(sorted[mid].tenths());
        // The mean of two u16 values fits in u16.
        Total(sum.div_ceil(2) as u16)
    }
}
