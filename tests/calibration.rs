//! Screen calibration against a bank card: density, line length, clamping,
//! keys and the sane range.

use attune::domain::measures::calibration::{
    key_to_card_width, line_layout, validate_px_per_mm, Calibration, CalibrationError, BIG_STEP_PX,
    CARD_HEIGHT_MM, CARD_WIDTH_MM, LINE_MM, MAX_PX_PER_MM, MIN_PX_PER_MM, NOMINAL_PX_PER_MM,
    STEP_PX,
};
use proptest::prelude::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn card_is_id1() {
    assert_eq!(CARD_WIDTH_MM, 85.60);
    assert_eq!(CARD_HEIGHT_MM, 53.98);
    assert_eq!(LINE_MM, 100.0);
}

#[test]
fn a_card_at_nominal_css_size_gives_96_dpi() {
    // 85.6 mm at 96 px per inch is 323.53 px.
    let card_px = CARD_WIDTH_MM / 25.4 * 96.0;
    let cal = Calibration::from_card_width(card_px, 1.0).unwrap();
    assert!(close(cal.px_per_mm, NOMINAL_PX_PER_MM));
    assert!(close(cal.card_width_px(), card_px));
    assert!(close(
        cal.card_height_px(),
        CARD_HEIGHT_MM * NOMINAL_PX_PER_MM
    ));
    let layout = line_layout(cal.px_per_mm, 2000.0);
    assert!((layout.length_px - 377.952_755_9).abs() < 1e-6);
    assert_eq!(layout.drawn_tenth_mm, 1000);
    assert!(!layout.clamped);
}

#[test]
fn a_phone_sized_card_gives_its_density() {
    // A card that needs 530 CSS px: 6.19 px per mm, so the line is 619 px.
    let cal = Calibration::from_card_width(530.0, 3.0).unwrap();
    assert!(close(cal.px_per_mm, 530.0 / 85.6));
    let layout = line_layout(cal.px_per_mm, 10_000.0);
    assert!(close(layout.length_px, 100.0 * 530.0 / 85.6));
    assert_eq!(layout.drawn_tenth_mm, 1000);
}

#[test]
fn a_narrow_screen_clamps_and_reports_the_drawn_length() {
    // 6 px/mm wants 600 px; 360 px are available: 60.0 mm drawn.
    let layout = line_layout(6.0, 360.0);
    assert!(layout.clamped);
    assert!(close(layout.length_px, 360.0));
    assert_eq!(layout.drawn_tenth_mm, 600);
    // Tenths are rounded: 343 px at 6 px/mm is 57.1666 mm.
    assert_eq!(line_layout(6.0, 343.0).drawn_tenth_mm, 572);
    // Exactly enough room is not clamped.
    let exact = line_layout(6.0, 600.0);
    assert!(!exact.clamped);
    assert_eq!(exact.drawn_tenth_mm, 1000);
}

#[test]
fn odd_available_widths_are_safe() {
    assert_eq!(line_layout(4.0, -5.0).drawn_tenth_mm, 0);
    assert!(line_layout(4.0, -5.0).clamped);
    // An unknown width (NaN) draws the full line rather than nothing.
    let unknown = line_layout(4.0, f64::NAN);
    assert!(!unknown.clamped);
    assert_eq!(unknown.drawn_tenth_mm, 1000);
    assert_eq!(line_layout(4.0, f64::INFINITY).drawn_tenth_mm, 1000);
}

#[test]
fn absurd_densities_are_refused_with_a_reason() {
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert_eq!(validate_px_per_mm(bad), Err(CalibrationError::NotMeasured));
        assert_eq!(
            Calibration::from_card_width(bad, 1.0),
            Err(CalibrationError::NotMeasured)
        );
    }
    // A card of 50 px (0.58 px/mm) or 2000 px (23 px/mm) is not a card.
    for px in [50.0, 2000.0] {
        match Calibration::from_card_width(px, 1.0) {
            Err(CalibrationError::OutOfRange { px_per_mm }) => {
                assert!(close(px_per_mm, px / CARD_WIDTH_MM))
            }
            other => panic!("{px} px accepted: {other:?}"),
        }
    }
    let msg = Calibration::from_card_width(50.0, 1.0)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("0.58 px per mm") && msg.contains("bank card"),
        "{msg}"
    );
    // The range ends are accepted.
    assert!(validate_px_per_mm(MIN_PX_PER_MM).is_ok());
    assert!(validate_px_per_mm(MAX_PX_PER_MM).is_ok());
    assert!(validate_px_per_mm(MIN_PX_PER_MM - 0.001).is_err());
    assert!(validate_px_per_mm(MAX_PX_PER_MM + 0.001).is_err());
    // A bad device-pixel ratio is a failed measurement.
    assert_eq!(
        Calibration::from_card_width(320.0, 0.0),
        Err(CalibrationError::NotMeasured)
    );
}

#[test]
fn a_browser_zoom_keeps_the_physical_length() {
    // Calibrated at zoom 100 % on a 2x screen; at zoom 200 % the ratio is 4
    // and a CSS px is twice as big, so half as many px make a millimetre.
    let cal = Calibration::from_card_width(400.0, 2.0).unwrap();
    let zoomed = cal.px_per_mm_at(4.0).unwrap();
    assert!(close(zoomed, cal.px_per_mm / 2.0));
    assert!(close(cal.px_per_mm_at(2.0).unwrap(), cal.px_per_mm));
    // Zoomed so far that the result is absurd: calibrate again.
    assert!(matches!(
        cal.px_per_mm_at(40.0),
        Err(CalibrationError::OutOfRange { .. })
    ));
    assert_eq!(cal.px_per_mm_at(0.0), Err(CalibrationError::NotMeasured));
}

#[test]
fn keys_resize_the_card_outline() {
    let w = 320.0;
    assert_eq!(key_to_card_width("ArrowRight", false, w), Some(w + STEP_PX));
    assert_eq!(key_to_card_width("ArrowUp", false, w), Some(w + STEP_PX));
    assert_eq!(key_to_card_width("ArrowLeft", false, w), Some(w - STEP_PX));
    assert_eq!(key_to_card_width("ArrowDown", false, w), Some(w - STEP_PX));
    assert_eq!(
        key_to_card_width("ArrowRight", true, w),
        Some(w + BIG_STEP_PX)
    );
    assert_eq!(
        key_to_card_width("ArrowLeft", true, w),
        Some(w - BIG_STEP_PX)
    );
    assert_eq!(key_to_card_width("PageUp", false, w), Some(w + BIG_STEP_PX));
    assert_eq!(
        key_to_card_width("PageDown", false, w),
        Some(w - BIG_STEP_PX)
    );
    let home = key_to_card_width("Home", false, w).unwrap();
    assert!(close(home, NOMINAL_PX_PER_MM * CARD_WIDTH_MM));
    assert_eq!(key_to_card_width("Tab", false, w), None);
    assert_eq!(key_to_card_width("a", false, w), None);
    // One arrow step moves the 100 mm line by about 0.3 mm: fine enough.
    let line_shift_mm = STEP_PX / CARD_WIDTH_MM * LINE_MM / NOMINAL_PX_PER_MM;
    assert!(line_shift_mm < 0.35, "{line_shift_mm}");
}

#[test]
fn keys_never_leave_the_sane_range() {
    let min = MIN_PX_PER_MM * CARD_WIDTH_MM;
    let max = MAX_PX_PER_MM * CARD_WIDTH_MM;
    assert_eq!(key_to_card_width("PageDown", false, min + 1.0), Some(min));
    assert_eq!(key_to_card_width("PageUp", false, max - 1.0), Some(max));
    let from_nan = key_to_card_width("ArrowRight", false, f64::NAN).unwrap();
    assert!(close(from_nan, NOMINAL_PX_PER_MM * CARD_WIDTH_MM + STEP_PX));
}

proptest! {
    #[test]
    fn any_accepted_card_draws_a_line_within_bounds(
        card_px in 10.0f64..3000.0,
        available in 0.0f64..5000.0,
    ) {
        if let Ok(cal) = Calibration::from_card_width(card_px, 1.0) {
            prop_assert!((MIN_PX_PER_MM..=MAX_PX_PER_MM).contains(&cal.px_per_mm));
            let l = line_layout(cal.px_per_mm, available);
            prop_assert!(l.length_px <= available.max(0.0) + 1e-9 || !l.clamped);
            prop_assert!(l.length_px <= LINE_MM * cal.px_per_mm + 1e-9);
            prop_assert!(l.drawn_tenth_mm <= 1000);
            // The reported length is the drawn one, to the tenth of a mm.
            prop_assert!((f64::from(l.drawn_tenth_mm) / 10.0 - l.length_px / cal.px_per_mm).abs() <= 0.05 + 1e-9);
        } else {
            let d = card_px / CARD_WIDTH_MM;
            prop_assert!(!(MIN_PX_PER_MM..=MAX_PX_PER_MM).contains(&d));
        }
    }

    #[test]
    fn keys_keep_every_width_in_range(start in -100.0f64..5000.0, shift: bool, k in 0usize..7) {
        let key = ["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home"][k];
        let w = key_to_card_width(key, shift, start).unwrap();
        prop_assert!(Calibration::from_card_width(w, 1.0).is_ok());
    }
}
