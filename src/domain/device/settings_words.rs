//! The sentences storage shows the therapist, kept apart from the reads and
//! writes so the wording is reviewed in one place.

use crate::domain::device::settings::SettingsError;
use crate::domain::words::Words;

/// What became of a distrusted settings record's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetAside {
    /// There was no text (the record is missing while in client mode).
    Nothing,
    /// Copied unchanged under this key.
    Kept(String),
    /// Could not be copied, for this reason (in words): left in place.
    Failed(String),
}

/// Why this device's settings are not used and where the original is, in
/// one sentence in `w`: `error` is what was wrong (`None`: the record is
/// missing). Only the therapist page shows it; the form page never does.
pub fn settings_problem(error: Option<&SettingsError>, kept: &SetAside, w: Words) -> String {
    let reason = error.map_or_else(
        || w.tr("the device settings are missing").to_string(),
        |e| e.words(w),
    );
    let kept = match kept {
        SetAside::Nothing => String::new(),
        SetAside::Kept(key) => format!(
            " {}",
            w.trf(
                "They have been set aside unchanged under \u{201c}{key}\u{201d}; nothing was deleted.",
                &[("key", key)]
            )
        ),
        SetAside::Failed(why) => format!(
            " {}",
            w.trf(
                "They could not be set aside ({why}), so they are left untouched.",
                &[("why", why)]
            )
        ),
    };
    w.trf(
        "This device's settings could not be used: {reason}.{kept}",
        &[("reason", &reason), ("kept", &kept)],
    )
}
