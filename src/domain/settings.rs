//! Per-device settings: the therapist PIN (as a salted hash only), its
//! wrong-attempt back-off, the idle auto-lock and the screen calibration.
//! Kept apart from the clinical data: they describe this device, not a client,
//! and are never exported.

use super::calibration::Calibration;
use super::pin::{Backoff, PinRecord};
use serde::{Deserialize, Serialize};

/// Shortest idle time before auto-lock, in seconds: a shorter one would lock
/// a therapist out mid-sentence.
pub const MIN_IDLE_LOCK_SECS: u32 = 5;

/// Longest idle time offered (one hour).
pub const MAX_IDLE_LOCK_SECS: u32 = 3600;

/// Settings of this device.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeviceSettings {
    /// The therapist PIN, hashed; `None` until one is set.
    #[serde(default)]
    pub pin: Option<PinRecord>,
    /// Wrong PINs so far, so a reload does not reset the delay.
    #[serde(default)]
    pub backoff: Backoff,
    /// Seconds without input before the app locks into client mode; 0 = never.
    #[serde(default)]
    pub idle_lock_secs: u32,
    /// Screen calibration against a bank card, if done.
    #[serde(default)]
    pub calibration: Option<Calibration>,
    /// Keys of the prompt situations this therapist has already met
    /// (`Situation::key`), so their full steps stop opening by themselves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seen_situations: Vec<String>,
    /// True once the first-open checklist was dismissed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub checklist_dismissed: bool,
}

impl DeviceSettings {
    /// Reads stored settings. Unreadable settings fall back to defaults except
    /// that the caller keeps the app locked if it was (see `storage`), so
    /// damaging this blob never opens client mode.
    pub fn decode(json: &str) -> Option<Self> {
        let s: DeviceSettings = serde_json::from_str(json).ok()?;
        match &s.pin {
            Some(p) if p.check().is_err() => None,
            _ => Some(s),
        }
    }

    /// The settings as stored.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// True when client mode can be entered (a PIN guards the way out).
    pub fn can_lock(&self) -> bool {
        self.pin.is_some()
    }
}

/// Checks an idle auto-lock time typed in seconds; 0 switches it off.
pub fn parse_idle_secs(input: &str) -> Result<u32, String> {
    let n: u32 = input
        .trim()
        .parse()
        .map_err(|_| "Enter a whole number of seconds (0 for never).".to_string())?;
    if n != 0 && !(MIN_IDLE_LOCK_SECS..=MAX_IDLE_LOCK_SECS).contains(&n) {
        return Err(format!(
            "Use 0 (never) or {MIN_IDLE_LOCK_SECS} to {MAX_IDLE_LOCK_SECS} seconds."
        ));
    }
    Ok(n)
}
