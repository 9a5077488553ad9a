//! The sentences storage shows the therapist, kept apart from the reads and
//! writes so the wording is reviewed in one place.

use crate::domain::device::settings::SettingsError;

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
/// one sentence: `error` is what was wrong (`None`: the record is missing).
pub fn settings_problem(error: Option<&SettingsError>, kept: &SetAside) -> String {
    let reason = error.map_or_else(
        || "the device settings are missing".to_string(),
        |e| e.to_string(),
    );
    let kept = match kept {
        SetAside::Nothing => String::new(),
        SetAside::Kept(key) => format!(
            " They have been set aside unchanged under \u{201c}{key}\u{201d}; nothing was deleted."
        ),
        SetAside::Failed(why) => {
            format!(" They could not be set aside ({why}), so they are left untouched.")
        }
    };
    format!("This device's settings could not be used: {reason}.{kept}")
}
