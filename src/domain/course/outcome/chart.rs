//! The ORS over time for one client, ready to draw above the SRS chart on the
//! same date axis ([`SessionAxis::for_client`]): the client's own ORS totals,
//! the cutoff of their age group, the intake line with the reliable-change
//! band around it, markers where the change since intake is reliable, and
//! "clients here who started like this" when this device has enough of them.
//! Plain numbers and strings: the shell only draws.
//!
//! The y-axis is the whole scale, 0 to the ORS's largest total, so the
//! cutoff, the band and every score are always in view and two clients'
//! charts read alike.
//!
//! The path of similar clients is placed by **session number**: its point
//! for session *k* (the median of similar clients' *k*-th ORS) is drawn at
//! the x of this client's *k*-th ORS, so each of the client's points can be
//! compared with the point straight above or below it. It stops at this
//! client's latest ORS: the axis holds dates, and sessions that have not
//! happened have none, so nothing is drawn into the future.

use crate::domain::course::expected::expected_path;
use crate::domain::course::history::{
    date_text, date_time_text, number_text, LegendEntry, Mark, Point, SessionAxis, Tick,
};
use crate::domain::course::outcome::client::ors_sessions;
use crate::domain::course::outcome::EpisodeNumbers;
use crate::domain::course::outcome::{OrsSession, OutcomeCategory, OutcomeStatus};
use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::numbers::short;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::ORS_RELIABLE_CHANGE;
use crate::domain::words::Words;

mod words;

/// Step between the score ticks, in tenths (5.0).
const Y_STEP: u16 = 50;

/// One session's ORS on the chart, with the text shown on focus or hover.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomePoint {
    /// Position among the client's ORS sessions (0 = intake).
    pub index: usize,
    /// The session's id (the SRS of the same session has the same x).
    pub session_id: String,
    /// The ORS rating's id, to open its review.
    pub rating_id: String,
    /// Where it is drawn.
    pub at: Point,
    /// Local date and time, `22 Nov 2026, 14:05`.
    pub date_text: String,
    /// `ORS 18.5/40`.
    pub total_text: String,
    /// What the total means against intake and the cutoff.
    pub status: OutcomeStatus,
    /// The median of similar clients at this session number, when shown.
    pub expected: Option<Total>,
}

impl OutcomePoint {
    /// One paragraph for an accessible name or the readout.
    /// In `w`'s language.
    pub fn description(&self, w: Words) -> String {
        words::point_text(self, w)
    }
}

/// A horizontal line across the chart at a score.
#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    /// The score it marks.
    pub value: Total,
    /// Its height in the box.
    pub y: f64,
    /// Short label drawn beside it (`adult cutoff 25`, `intake 14`).
    pub label: String,
}

/// Within the reliable change of intake: intake ± 5.0, clamped to the scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// Lower edge (intake − 5.0, at least 0).
    pub low: Total,
    /// Upper edge (intake + 5.0, at most the largest total).
    pub high: Total,
    /// Height of the upper edge (the smaller y).
    pub top_y: f64,
    /// Height of the lower edge.
    pub bottom_y: f64,
}

/// A session whose change since intake is reliable.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChangeMarker {
    /// Position among the client's ORS sessions.
    pub index: usize,
    /// On the ORS line, at that session.
    pub at: Point,
    /// [`Mark::ReliableImprovement`], [`Mark::SignificantImprovement`] or
    /// [`Mark::ReliableDeterioration`].
    pub mark: Mark,
}

/// The date axis a client's charts share ([`SessionAxis::for_client`]),
/// with places after the latest session as far as the path of similar
/// clients goes beyond it (from the current episode's intake, matched
/// against the other clients' episodes, as `reading` says; its age is not
/// read), so the ORS chart can draw where they went next.
pub fn client_axis(ratings: &[Rating], client_id: &str, reading: Reading<'_>) -> SessionAxis {
    let Reading {
        episodes, others, ..
    } = reading;
    let axis = SessionAxis::for_client(ratings, client_id);
    // The path starts at the current episode's intake and runs on past its
    // own sessions (as the chart draws it, see `OutcomeChart::for_client`).
    let all = ors_sessions(ratings, client_id, AgeGroup::default(), episodes);
    let episode = |s: &OrsSession<'_>| episodes.get(s.session_id).copied().unwrap_or(1);
    let Some(current) = all.last().map(episode) else {
        return axis;
    };
    let own: Vec<Total> = all
        .iter()
        .filter(|s| episode(s) == current)
        .map(|s| s.rating.total())
        .collect();
    let Some(&intake) = own.first() else {
        return axis;
    };
    let later =
        expected_path(intake, others).map_or(0, |p| p.points.len().saturating_sub(own.len()));
    axis.with_later(later)
}

/// "Clients here who started like this", as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectedLine {
    /// One point per session number shown, at this client's session of that number.
    pub points: Vec<Point>,
    /// How many other clients of this device started within ±2.0.
    pub matched_clients: usize,
    /// The label the line must carry (never read as a prediction).
    pub label: String,
}

/// One client's ORS over time in a `width` × `height` box.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeChart {
    /// The client's own ORS sessions, intake first.
    pub points: Vec<OutcomePoint>,
    /// Bottom of the axis (0).
    pub y_min: Total,
    /// Top of the axis: the ORS's largest total.
    pub y_max: Total,
    /// Score ticks, bottom to top, every 5.0.
    pub y_ticks: Vec<Tick>,
    /// Date ticks of the shared axis.
    pub x_ticks: Vec<Tick>,
    /// The clinical cutoff of the client's age group.
    pub cutoff: Level,
    /// The first ORS total.
    pub intake: Level,
    /// The reliable-change band around intake.
    pub band: Band,
    /// Reliable change since intake, in session order.
    pub markers: Vec<ChangeMarker>,
    /// The path of similar clients, when at least 10 exist.
    pub expected: Option<ExpectedLine>,
    /// Every mark drawn, in drawing order.
    pub legend: Vec<LegendEntry>,
    /// The whole chart in words: its text alternative.
    pub description: String,
}

/// How a client's ORS is read: whose norms apply, and which episode each
/// session belongs to (intake and change count from each episode's own
/// first ORS; an empty map reads the whole history as one).
#[derive(Clone, Copy)]
pub struct Reading<'e> {
    /// The client's age group (its cutoff).
    pub age: AgeGroup,
    /// Session id to episode number.
    pub episodes: &'e EpisodeNumbers<'e>,
    /// The other clients' ORS paths, one per episode of care
    /// ([`crate::domain::course::outcome::others_ors_totals`]): what
    /// "clients here who started like this" is made from.
    pub others: &'e [crate::domain::course::expected::Course],
}

impl OutcomeChart {
    /// The chart of `client_id`'s own ORS (read as `reading` says) on `axis`, for a
    /// box of `size` (width, height); the other clients in `ratings` make the path
    /// of similar clients. Dates are local for `offset_east_minutes`, words
    /// in `w`'s language. `None` when the client has no ORS.
    pub fn for_client(
        ratings: &[Rating],
        client_id: &str,
        reading: Reading<'_>,
        scale: &ScaleDefinition,
        axis: &SessionAxis,
        size: (f64, f64),
        (offset_east_minutes, w): (i32, Words),
    ) -> Option<Self> {
        let Reading {
            age,
            episodes,
            others,
        } = reading;
        let (width, height) = size;
        let own = ors_sessions(ratings, client_id, age, episodes);
        // The current episode (the last ORS's) draws the intake line, its
        // band and the path of similar clients: they start at its own intake.
        let current = own
            .last()
            .map_or(1, |s| episodes.get(s.session_id).copied().unwrap_or(1));
        let from = own
            .iter()
            .position(|s| episodes.get(s.session_id).copied().unwrap_or(1) == current)
            .unwrap_or(0);
        let first = own.first()?;
        let items = own.iter().map(|s| s.rating.scores.len()).max();
        let max = Total(
            scale
                .max_total()
                .tenths()
                .max(u16::try_from(items.unwrap_or(0) * 100).unwrap_or(u16::MAX)),
        );
        let y = |t: Total| {
            height
                * (1.0 - f64::from(t.tenths().min(max.tenths())) / f64::from(max.tenths().max(1)))
        };
        let intake = own[from].status.intake;
        let totals: Vec<Total> = own.iter().map(|s| s.rating.total()).collect();
        let path = expected_path(intake, others);
        let points: Vec<OutcomePoint> = own
            .iter()
            .enumerate()
            .map(|(index, s)| OutcomePoint {
                index,
                session_id: s.session_id.to_string(),
                rating_id: s.rating.id.clone(),
                at: Point {
                    x: axis.x(s.session_id, s.rating.session_at, width),
                    y: y(totals[index]),
                },
                date_text: date_time_text(s.rating.session_at, offset_east_minutes, w),
                total_text: format!(
                    "ORS {}/{}",
                    number_text(totals[index], w),
                    short(max.tenths())
                ),
                status: s.status.clone(),
                expected: path.as_ref().and_then(|p| {
                    let session = index.checked_sub(from)? + 1;
                    p.points
                        .iter()
                        .find(|e| e.session == session)
                        .map(|e| e.median)
                }),
            })
            .collect();
        let expected = path.map(|p| ExpectedLine {
            // At this client's own sessions, then on past the latest one at
            // the axis's places for later sessions, where it has them
            // ([`client_axis`]): at session 2 the therapist sees where
            // similar clients went by sessions 3 to 6.
            points: p
                .points
                .iter()
                .map_while(|e| {
                    let x = match points.get(from + e.session.checked_sub(1)?) {
                        Some(own) => own.at.x,
                        None => axis.later_x(from + e.session - points.len(), width)?,
                    };
                    Some(Point { x, y: y(e.median) })
                })
                .collect(),
            matched_clients: p.matched_clients,
            label: words::expected_label(p.matched_clients, w),
        });
        let markers = points
            .iter()
            .filter_map(|p| {
                change_mark(p.status.category).map(|mark| ChangeMarker {
                    index: p.index,
                    at: p.at,
                    mark,
                })
            })
            .collect();
        let (low, high) = band_edges(intake, max);
        let cutoff = age.cutoff();
        let band = Band {
            low,
            high,
            top_y: y(high),
            bottom_y: y(low),
        };
        let mut chart = OutcomeChart {
            y_min: Total(0),
            y_max: max,
            y_ticks: (0..=max.tenths())
                .step_by(usize::from(Y_STEP))
                .map(|t| Tick {
                    pos: y(Total(t)),
                    label: short(t),
                })
                .collect(),
            x_ticks: axis.ticks(width, offset_east_minutes, w),
            cutoff: Level {
                value: cutoff,
                y: y(cutoff),
                label: format!("{} {}", words::cutoff_name(age, w), short(cutoff.tenths())),
            },
            intake: Level {
                value: intake,
                y: y(intake),
                label: w.trf("intake {intake}", &[("intake", &short(intake.tenths()))]),
            },
            band,
            markers,
            expected,
            points,
            legend: Vec::new(),
            description: String::new(),
        };
        chart.legend = words::legend(&chart, age, w);
        let day = |r: &Rating| date_text(r.session_at, offset_east_minutes, w);
        let last = own.last().map_or_else(String::new, |s| day(s.rating));
        chart.description = words::description(&chart, age, (&day(first.rating), &last), w);
        Some(chart)
    }

    /// The ORS line's points, for [`crate::domain::course::history::svg_points`].
    pub fn line(&self) -> Vec<Point> {
        self.points.iter().map(|p| p.at).collect()
    }
}

/// The band's edges: intake ± the reliable change (5.0), within 0 and `max`.
pub fn band_edges(intake: Total, max: Total) -> (Total, Total) {
    let low = intake.tenths().saturating_sub(ORS_RELIABLE_CHANGE);
    let high = intake
        .tenths()
        .saturating_add(ORS_RELIABLE_CHANGE)
        .min(max.tenths());
    (Total(low.min(high)), Total(high))
}

/// The marker of a category, if it gets one.
fn change_mark(category: OutcomeCategory) -> Option<Mark> {
    match category {
        OutcomeCategory::ReliableImprovement => Some(Mark::ReliableImprovement),
        OutcomeCategory::ClinicallySignificantImprovement => Some(Mark::SignificantImprovement),
        OutcomeCategory::ReliableDeterioration => Some(Mark::ReliableDeterioration),
        OutcomeCategory::Intake | OutcomeCategory::NoReliableChange => None,
    }
}
