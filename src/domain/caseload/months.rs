//! The month-by-month series of "My alliance": the median total and the
//! number of sessions in each calendar month of the period.

use crate::domain::caseload::figures::{decimal, median};
use crate::domain::course::history::month_short;
use crate::domain::measures::numbers::total_text;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::Total;
use crate::domain::words::Words;
use chrono::{DateTime, Datelike, Duration, Utc};

/// One calendar month of the series.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthPoint {
    /// Calendar year.
    pub year: i32,
    /// Calendar month, 1–12.
    pub month: u32,
    /// `Mar 2026`.
    pub label: String,
    /// Rated sessions in the month (within the period).
    pub sessions: usize,
    /// Median total of those sessions; `None` for a month without sessions.
    pub median: Option<Total>,
    /// `35.5 / 40`, or `No sessions`.
    pub median_text: String,
}

/// Months are counted as `year * 12 + month0`, so consecutive months are
/// consecutive numbers across a new year.
fn month_index(at: DateTime<Utc>, offset_east_minutes: i32) -> i64 {
    let local = at.naive_utc() + Duration::minutes(i64::from(offset_east_minutes));
    i64::from(local.year()) * 12 + i64::from(local.month0())
}

/// Every calendar month from `from`'s to `to`'s (local to
/// `offset_east_minutes`; 0 for UTC), months without sessions included so a
/// chart shows the gap. The first and last months are usually partial.
/// Labels in `w`'s language.
pub(super) fn series(
    sessions: &[&Rating],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    offset_east_minutes: i32,
    scale: &ScaleDefinition,
    w: Words,
) -> Vec<MonthPoint> {
    let first = month_index(from, offset_east_minutes);
    let last = month_index(to, offset_east_minutes).max(first);
    let mut buckets: Vec<Vec<Total>> = vec![Vec::new(); (last - first + 1) as usize];
    for r in sessions {
        let i = month_index(r.session_at, offset_east_minutes) - first;
        if let Some(b) = usize::try_from(i).ok().and_then(|i| buckets.get_mut(i)) {
            b.push(r.total());
        }
    }
    buckets
        .iter()
        .enumerate()
        .map(|(i, totals)| {
            let index = first + i as i64;
            let (year, month0) = (index.div_euclid(12) as i32, index.rem_euclid(12) as u32);
            let m = median(totals);
            MonthPoint {
                year,
                month: month0 + 1,
                label: w.trf(
                    "{month} {year}",
                    &[("month", &month_short(month0, w)), ("year", &year)],
                ),
                sessions: totals.len(),
                median: m,
                median_text: m.map_or_else(
                    || w.tr("No sessions").to_string(),
                    |t| decimal(total_text(t, scale), w),
                ),
            }
        })
        .collect()
}
