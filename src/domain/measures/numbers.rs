//! The clinical numbers as the screens show them, so no view hard-codes
//! "/ 40", "36" or "× 4": a scale with another item count, or a reviewed
//! cutoff, changes every screen at once.

use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::{Tenths, Total};
use crate::domain::measures::thresholds::CUTOFF_TOTAL;

/// The concern cutoff as a total (36.0).
pub fn cutoff() -> Total {
    Total(CUTOFF_TOTAL)
}

/// A number of tenths without a needless `.0`: `36`, `35.5`.
pub fn short(tenths: u16) -> String {
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// `31.5 / 40`: a total out of the scale's largest total.
pub fn total_text(total: Total, scale: &ScaleDefinition) -> String {
    total_of_text(total, scale.max_total())
}

/// `31.5 / 40`: a total out of a known largest total (a rater's own scale).
pub fn total_of_text(total: Total, max: Total) -> String {
    format!("{total} / {}", short(max.tenths()))
}

/// `36`: the cutoff as the screens name it.
pub fn cutoff_text() -> String {
    short(CUTOFF_TOTAL)
}

/// The review's flag for a total below the cutoff.
pub fn below_cutoff_flag() -> String {
    format!(
        "Below the {} cutoff: a good moment to ask what could work better.",
        cutoff_text()
    )
}

/// The label of the chart's cutoff line: `cutoff 36`.
pub fn chart_cutoff_label() -> String {
    format!("cutoff {}", cutoff_text())
}

/// How much each item is multiplied by on the chart so it shares the total's
/// axis: the item count (4 for the SRS).
pub fn item_axis_factor(scale: &ScaleDefinition) -> u16 {
    u16::try_from(scale.items.len()).unwrap_or(u16::MAX).max(1)
}

/// The item score that sits on the cutoff line once scaled (9.0 for the SRS).
pub fn item_on_cutoff(scale: &ScaleDefinition) -> Tenths {
    Tenths::saturating(i32::from(CUTOFF_TOTAL / item_axis_factor(scale)))
}

/// The chart legend's accessible name when item lines are shown.
pub fn item_lines_legend(scale: &ScaleDefinition) -> String {
    format!(
        "Item lines (each item \u{d7} {}, so {} sits on the cutoff)",
        item_axis_factor(scale),
        item_on_cutoff(scale)
    )
}

/// `Item scores out of 10`: the caption of a rating's item table.
pub fn item_scores_caption() -> String {
    format!("Item scores out of {}", short(Tenths::MAX.get()))
}
