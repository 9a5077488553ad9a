//! Screen calibration against a bank card, so the line can be drawn a real
//! 100 mm long.
//!
//! A CSS millimetre is not a physical one (CSS fixes 96 px per inch whatever
//! the screen), so the shell shows a card outline the user resizes until it
//! matches a physical card (ISO/IEC 7810 ID-1: 85.60 × 53.98 mm) held to the
//! screen. Its width in CSS px gives CSS px per physical mm. Everything here
//! is arithmetic on those numbers; the shell measures and draws.
//!
//! Scoring never depends on this: a mark is scored by its fraction of the
//! drawn line, so a calibrated or clamped line only changes what is recorded
//! in [`crate::domain::measures::rating::LineContext`].

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Width of an ID-1 bank card in millimetres (ISO/IEC 7810).
pub const CARD_WIDTH_MM: f64 = 85.60;
/// Height of an ID-1 bank card in millimetres (ISO/IEC 7810).
pub const CARD_HEIGHT_MM: f64 = 53.98;
/// The SRS line: 10 cm on paper.
pub const LINE_MM: f64 = 100.0;
/// CSS px per mm when nothing is calibrated (CSS: 96 px per 25.4 mm inch).
pub const NOMINAL_PX_PER_MM: f64 = 96.0 / 25.4;
/// Fewest CSS px per physical mm accepted. Below this a CSS pixel would be
/// wider than 0.67 mm: a wall-sized display or a mismatched card, not a
/// screen a client marks on. (A 40-inch 1080p television is about 2.2.)
pub const MIN_PX_PER_MM: f64 = 1.5;
/// Most CSS px per physical mm accepted. Phones are about 6–7, the densest
/// screens at browser zoom 50 % about 13; beyond 16 the card was matched
/// against something else.
pub const MAX_PX_PER_MM: f64 = 16.0;
/// Card-outline change for an arrow key, in CSS px. One px of card width moves
/// a 100 mm line by 100 / 85.6 ≈ 1.2 px, about 0.3 mm at nominal density:
/// finer than anyone can match by eye.
pub const STEP_PX: f64 = 1.0;
/// Card-outline change for Page Up / Page Down (or Shift + arrow), in CSS px.
pub const BIG_STEP_PX: f64 = 10.0;

/// Why a calibration was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CalibrationError {
    /// The measurement is not a positive finite number (a layout glitch).
    #[error("the card outline has no usable width")]
    NotMeasured,
    /// The result is outside what any real screen gives.
    #[error(
        "that card width gives {px_per_mm:.2} px per mm, outside the range a real screen gives \
         ({MIN_PX_PER_MM}–{MAX_PX_PER_MM}); match the outline to a bank card and try again"
    )]
    OutOfRange {
        /// The rejected density.
        px_per_mm: f64,
    },
}

impl CalibrationError {
    /// The refusal in `w`'s language, for the settings screen (`Display`
    /// keeps the English).
    pub fn words(&self, w: crate::domain::words::Words) -> String {
        match self {
            CalibrationError::NotMeasured => w.tr("the card outline has no usable width").into(),
            CalibrationError::OutOfRange { px_per_mm } => w.trf(
                "that card width gives {density} px per mm, outside the range a real screen gives ({min}–{max}); match the outline to a bank card and try again",
                &[
                    ("density", &w.number(format!("{px_per_mm:.2}"))),
                    ("min", &w.number(MIN_PX_PER_MM)),
                    ("max", &w.number(MAX_PX_PER_MM)),
                ],
            ),
        }
    }
}

/// A screen calibration: CSS px per physical mm, and the device-pixel ratio
/// at the time, because browser zoom changes CSS px per mm (see
/// [`Calibration::px_per_mm_at`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// CSS px per physical mm when calibrated.
    pub px_per_mm: f64,
    /// `window.devicePixelRatio` when calibrated.
    pub dpr: f64,
}

/// Checks a density against the sane range.
pub fn validate_px_per_mm(px_per_mm: f64) -> Result<f64, CalibrationError> {
    if !px_per_mm.is_finite() || px_per_mm <= 0.0 {
        return Err(CalibrationError::NotMeasured);
    }
    // A hair of tolerance, so a width clamped to a range end (by
    // [`key_to_card_width`]) and divided back is not refused for rounding.
    const EPS: f64 = 1e-9;
    if !(MIN_PX_PER_MM - EPS..=MAX_PX_PER_MM + EPS).contains(&px_per_mm) {
        return Err(CalibrationError::OutOfRange { px_per_mm });
    }
    Ok(px_per_mm.clamp(MIN_PX_PER_MM, MAX_PX_PER_MM))
}

impl Calibration {
    /// A calibration from the matched card outline's width in CSS px and the
    /// device-pixel ratio at that moment.
    pub fn from_card_width(card_width_px: f64, dpr: f64) -> Result<Self, CalibrationError> {
        if !card_width_px.is_finite() || card_width_px <= 0.0 || !dpr.is_finite() || dpr <= 0.0 {
            return Err(CalibrationError::NotMeasured);
        }
        let px_per_mm = validate_px_per_mm(card_width_px / CARD_WIDTH_MM)?;
        Ok(Calibration { px_per_mm, dpr })
    }

    /// CSS px per mm now. On the same screen device pixels per mm are fixed,
    /// and a changed device-pixel ratio means the browser zoom changed, which
    /// scales CSS px by the inverse; so the calibration survives zooming.
    /// (A move to another monitor also changes the ratio; the shell offers to
    /// calibrate again when the result falls outside the sane range.)
    pub fn px_per_mm_at(&self, dpr: f64) -> Result<f64, CalibrationError> {
        if !dpr.is_finite() || dpr <= 0.0 {
            return Err(CalibrationError::NotMeasured);
        }
        validate_px_per_mm(self.px_per_mm * self.dpr / dpr)
    }

    /// The card outline's width in CSS px for this calibration (what the
    /// shell draws when the user reopens calibration).
    pub fn card_width_px(&self) -> f64 {
        self.px_per_mm * CARD_WIDTH_MM
    }

    /// The card outline's height in CSS px.
    pub fn card_height_px(&self) -> f64 {
        self.px_per_mm * CARD_HEIGHT_MM
    }
}

/// How the line is drawn on this screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineLayout {
    /// Length to draw, in CSS px.
    pub length_px: f64,
    /// The drawn length in tenths of a millimetre (1000 = the full 100 mm),
    /// for [`crate::domain::measures::rating::LineContext::line_tenth_mm`].
    pub drawn_tenth_mm: u32,
    /// True when the screen is too narrow for the full 100 mm.
    pub clamped: bool,
}

/// The 100 mm line at `px_per_mm`, shortened to `available_px` when the
/// screen is narrower (a narrow line still scores by fraction, and the record
/// says how long it really was).
pub fn line_layout(px_per_mm: f64, available_px: f64) -> LineLayout {
    let full = LINE_MM * px_per_mm;
    let available = if available_px.is_finite() {
        available_px.max(0.0)
    } else {
        full
    };
    let clamped = available < full;
    let length_px = if clamped { available } else { full };
    let tenths = if px_per_mm > 0.0 {
        (length_px / px_per_mm * 10.0).round()
    } else {
        0.0
    };
    LineLayout {
        length_px,
        // Never more than the full line, even after rounding.
        drawn_tenth_mm: tenths.clamp(0.0, LINE_MM * 10.0) as u32,
        clamped,
    }
}

/// The card outline's new width for a key press (a pure function, like the
/// slider's keys), clamped to widths that give a sane density; `None` for
/// keys calibration does not handle. Home resets to the nominal CSS size.
pub fn key_to_card_width(key: &str, shift: bool, current_px: f64) -> Option<f64> {
    let step = if shift { BIG_STEP_PX } else { STEP_PX };
    let nominal = NOMINAL_PX_PER_MM * CARD_WIDTH_MM;
    // A glitched measurement restarts from the nominal size, never from NaN.
    let current_px = if current_px.is_finite() {
        current_px
    } else {
        nominal
    };
    let next = match key {
        "ArrowRight" | "ArrowUp" => current_px + step,
        "ArrowLeft" | "ArrowDown" => current_px - step,
        "PageUp" => current_px + BIG_STEP_PX,
        "PageDown" => current_px - BIG_STEP_PX,
        "Home" => nominal,
        _ => return None,
    };
    Some(next.clamp(MIN_PX_PER_MM * CARD_WIDTH_MM, MAX_PX_PER_MM * CARD_WIDTH_MM))
}
