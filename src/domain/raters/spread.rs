//! A group's spread: for each item and for the total, the lowest, the
//! median and the highest mark of the members who rated, and who is below
//! the cutoff. The clinical notes ask the therapist to see each member and
//! the group's spread; an average alone would hide the one member who is
//! not being reached.
//!
//! Rules:
//! - only members who rated count (a skipped member is not a zero);
//! - the median of an even count is the mean of the two middle marks,
//!   rounded to the nearest tenth with halves rounded up, as in
//!   [`crate::domain::course::expected`], so it stays in exact tenths;
//! - members below the cutoff (SRS: 36.0, [`crate::domain::measures::thresholds::CUTOFF_TOTAL`];
//!   ORS: each member's own age-group cutoff) are listed by label in
//!   alphabetical order, never ranked by score, so the list reads as "who
//!   to check in with", not a league table.

use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::CUTOFF_TOTAL;
use crate::domain::raters::divergence::RaterScores;

/// Lowest, median and highest of some marks, in tenths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    /// The lowest.
    pub low: u16,
    /// The median (even counts: the mean of the middle two, halves up).
    pub median: u16,
    /// The highest.
    pub high: u16,
}

impl Range {
    /// The range of `values` (tenths); `None` when there are none.
    pub fn of(values: impl IntoIterator<Item = u16>) -> Option<Range> {
        let mut v: Vec<u16> = values.into_iter().collect();
        v.sort_unstable();
        let (&low, &high) = (v.first()?, v.last()?);
        let mid = v.len() / 2;
        let median = if v.len() % 2 == 1 {
            v[mid]
        } else {
            // The mean of two u16 values fits in u16.
            ((u32::from(v[mid - 1]) + u32::from(v[mid])).div_ceil(2)) as u16
        };
        Some(Range { low, median, high })
    }
}

/// A group's spread on one measure of one session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupSpread {
    /// The measure.
    pub measure: MeasureKind,
    /// How many members rated.
    pub raters: usize,
    /// One range per item, in scale order.
    pub items: Vec<Range>,
    /// The range of the totals.
    pub total: Range,
    /// Labels of the members whose total is below the cutoff, alphabetical.
    pub below_cutoff: Vec<String>,
}

/// The cutoff that applies to one rater's total on `measure`.
pub fn cutoff_for(measure: MeasureKind, rater: &RaterScores) -> Total {
    match measure {
        MeasureKind::Srs => Total(CUTOFF_TOTAL),
        MeasureKind::Ors => rater.age_group.cutoff(),
    }
}

/// The spread of `entries` (the members who rated `measure`, see
/// [`crate::domain::raters::divergence::session_scores`]); `None` when nobody rated.
pub fn group_spread(measure: MeasureKind, entries: &[RaterScores]) -> Option<GroupSpread> {
    let total = Range::of(entries.iter().map(|e| e.total().tenths()))?;
    let count = entries.iter().map(|e| e.scores.len()).max().unwrap_or(0);
    let items = (0..count)
        .filter_map(|i| {
            Range::of(
                entries
                    .iter()
                    .filter_map(|e| e.scores.get(i).map(|s| s.get())),
            )
        })
        .collect();
    let mut below_cutoff: Vec<String> = entries
        .iter()
        .filter(|e| e.total() < cutoff_for(measure, e))
        .map(|e| e.label.clone())
        .collect();
    below_cutoff.sort_by(|a, b| {
        a.to_lowercase()
            .cmp(&b.to_lowercase())
            .then_with(|| a.cmp(b))
    });
    Some(GroupSpread {
        measure,
        raters: entries.len(),
        items,
        total,
        below_cutoff,
    })
}
