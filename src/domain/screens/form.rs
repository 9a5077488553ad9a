//! Values the rating form shows that are rules rather than wiring.

use crate::domain::measures::messages::FormWords;

/// The hint under Done: how many lines are still to mark (nothing once all
/// are), in Attune's English (the form says it in the client's language:
/// [`FormWords::lines_left`]).
pub fn lines_left_text(left: usize) -> String {
    FormWords::default().lines_left(left)
}

/// The calibrated line length for the `--line-length` custom property, from
/// the screen's pixels per millimetre: the line drawn 100 mm long, in
/// hundredths of a pixel written with integers (float formatting would add
/// kilobytes to the form's first load for this one value).
pub fn line_length_css(px_per_mm: f64) -> String {
    let h = (px_per_mm * crate::domain::measures::calibration::LINE_MM * 100.0).round() as u64;
    format!("{}.{:02}px", h / 100, h % 100)
}
