//! Room in the browser's storage, in the unit localStorage counts its quota
//! in (UTF-16 code units of keys and values), and the rules that spend it.

/// localStorage holds about this many UTF-16 code units per origin in
/// Chromium and Firefox (5 Mi); browsers do not report it, so it is assumed.
pub const LOCAL_STORAGE_LIMIT_UNITS: u64 = 5 * 1024 * 1024;

/// The room one stored entry takes: its key and its text, in UTF-16 code
/// units. The one estimate both the move into records (`records::moving`) and
/// a pull (`sync::pull::page_units`) use, so the two never disagree about
/// what fits.
pub fn entry_units(key: &str, text: &str) -> u64 {
    (key.encode_utf16().count() + text.encode_utf16().count()) as u64
}

/// Room left under localStorage's quota once `used` units are taken
/// (`None`: the use could not be measured, so no limit is known).
pub fn room_left(used: Option<u64>) -> Option<u64> {
    used.map(|u| LOCAL_STORAGE_LIMIT_UNITS.saturating_sub(u))
}

/// The largest step of the move from the single document into records:
/// never more than half the room left, so the step always fits beside the
/// document it is taken from (the document shrinks only after the step is
/// written); `step` (the usual step) when the use is unknown or the room
/// is ample.
pub fn move_step_units(used: Option<u64>, step: usize) -> usize {
    let half = room_left(used).map_or(step as u64, |room| room / 2);
    step.min(usize::try_from(half).unwrap_or(usize::MAX))
}
