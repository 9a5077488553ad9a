//! Per-device settings: the therapist PIN (as a salted hash only), its
//! wrong-attempt back-off, the idle auto-lock and the screen calibration.
//! Kept apart from the clinical data: they describe this device, not a client,
//! and are never exported.

use crate::domain::measures::calibration::Calibration;
use crate::domain::security::pin::{Backoff, PinRecord, PinRecordError, FREE_ATTEMPTS};
use crate::domain::words::Words;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

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
    ///
    /// Read by the hand codec ([`crate::domain::device::settings_codec`]), which accepts
    /// exactly what serde accepts, so the rating form links no serde.
    pub fn decode(json: &str) -> Option<Self> {
        let s = crate::domain::device::settings_codec::decode(json)?;
        match &s.pin {
            Some(p) if p.check().is_err() => None,
            _ => Some(s),
        }
    }

    /// Reads stored settings strictly, saying what is wrong, so the shell can
    /// set an unreadable record aside and keep client mode on instead of
    /// falling back to defaults (which would drop the PIN).
    ///
    /// The PIN record, the back-off and the idle time guard the lock, so any
    /// fault in them refuses the whole record. The calibration only sizes the
    /// line: a malformed one is left out (the screen is calibrated again) and
    /// an idle time outside the offered range is brought into it. Unknown
    /// fields are ignored, as a newer build may add some.
    pub fn decode_checked(json: &str) -> Result<Self, SettingsError> {
        let value: Value =
            serde_json::from_str(json).map_err(|e| SettingsError::NotJson(e.to_string()))?;
        let Value::Object(map) = value else {
            return Err(SettingsError::NotAnObject);
        };
        let pin: Option<PinRecord> = field(&map, "pin")?;
        if let Some(p) = &pin {
            p.check().map_err(SettingsError::Pin)?;
        }
        let backoff: Backoff = field(&map, "backoff")?;
        if backoff.failed >= FREE_ATTEMPTS && backoff.last_failure.is_none() {
            // Without a time the wait would be zero: a way round the back-off.
            return Err(SettingsError::Field {
                field: "backoff",
                detail: "wrong attempts without the time of the last one".into(),
            });
        }
        let idle: u32 = field(&map, "idle_lock_secs")?;
        let idle_lock_secs = match idle {
            0 => 0,
            n => n.clamp(MIN_IDLE_LOCK_SECS, MAX_IDLE_LOCK_SECS),
        };
        let calibration = field(&map, "calibration").unwrap_or(None);
        // Display preferences only: a malformed one is dropped, never a reason
        // to distrust the record.
        let seen_situations = field(&map, "seen_situations").unwrap_or_default();
        let checklist_dismissed = field(&map, "checklist_dismissed").unwrap_or_default();
        Ok(DeviceSettings {
            pin,
            backoff,
            idle_lock_secs,
            calibration,
            seen_situations,
            checklist_dismissed,
        })
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
pub fn parse_idle_secs(input: &str, w: Words) -> Result<u32, String> {
    let n: u32 = input.trim().parse().map_err(|_| {
        w.tr("Enter a whole number of seconds (0 for never).")
            .to_string()
    })?;
    if n != 0 && !(MIN_IDLE_LOCK_SECS..=MAX_IDLE_LOCK_SECS).contains(&n) {
        return Err(w.trf(
            "Use 0 (never) or {min} to {max} seconds.",
            &[("min", &MIN_IDLE_LOCK_SECS), ("max", &MAX_IDLE_LOCK_SECS)],
        ));
    }
    Ok(n)
}

/// Why stored settings cannot be trusted. Sentences for the settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SettingsError {
    /// Not JSON at all.
    #[error("the device settings are not readable ({0})")]
    NotJson(String),
    /// JSON, but not an object of settings.
    #[error("the device settings are not in the expected shape")]
    NotAnObject,
    /// A field of the wrong shape or with impossible values.
    #[error("the device settings' {field} is not readable ({detail})")]
    Field {
        /// The field's name as stored.
        field: &'static str,
        /// What is wrong with it.
        detail: String,
    },
    /// The PIN record is damaged or uses an unknown algorithm.
    #[error("{0}")]
    Pin(PinRecordError),
}

impl SettingsError {
    /// The reason in `w`'s language, for the therapist page (`Display`
    /// keeps the English for logs). What the JSON reader said stays as it
    /// said it.
    pub fn words(&self, w: Words) -> String {
        match self {
            SettingsError::NotJson(detail) => w.trf(
                "the device settings are not readable ({detail})",
                &[("detail", detail)],
            ),
            SettingsError::NotAnObject => w
                .tr("the device settings are not in the expected shape")
                .to_string(),
            SettingsError::Field { field, detail } => w.trf(
                "the device settings' {field} is not readable ({detail})",
                &[("field", field), ("detail", detail)],
            ),
            SettingsError::Pin(e) => e.words(w),
        }
    }
}

/// A field, defaulted when absent (settings written by an older build).
fn field<T: serde::de::DeserializeOwned + Default>(
    map: &Map<String, Value>,
    name: &'static str,
) -> Result<T, SettingsError> {
    match map.get(name) {
        None => Ok(T::default()),
        Some(v) => T::deserialize(v).map_err(|e| SettingsError::Field {
            field: name,
            detail: e.to_string(),
        }),
    }
}

/// What the shell does with the settings record at start-up.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingsStart {
    /// Read normally: use them.
    Use(DeviceSettings),
    /// Nothing stored and not in client mode: a first run, defaults.
    Defaults,
    /// Unreadable, or missing while in client mode (a deleted record must not
    /// drop the PIN): set the text aside, if any, under a quarantine key,
    /// start from defaults with the PIN state unknown, and stay locked if
    /// locked; the recovery code unlocks and sets a new PIN.
    Distrust(Option<SettingsError>),
}

/// Decides the start-up from the stored text (`None` when missing) and
/// whether client mode is on.
pub fn plan_settings_load(stored: Option<&str>, locked: bool) -> SettingsStart {
    match stored {
        None if locked => SettingsStart::Distrust(None),
        None => SettingsStart::Defaults,
        Some(text) => match DeviceSettings::decode_checked(text) {
            Ok(s) => SettingsStart::Use(s),
            Err(e) => SettingsStart::Distrust(Some(e)),
        },
    }
}

/// Where the stored settings record stands, for a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsTrust {
    /// Read normally (or a first run): writes go ahead.
    Trusted,
    /// Unreadable, or missing while locked. `original_safe` is true when the
    /// stored text has a verified copy under a quarantine key, or there was
    /// no text at all, so replacing the record loses nothing.
    Distrusted {
        /// The original cannot be lost by a write.
        original_safe: bool,
    },
}

/// Why a settings write is refused. Sentences for the settings screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum SettingsWriteError {
    /// Any write but a new PIN would store a record without the PIN, and the
    /// next start would trust it: the lock would be gone without proof.
    #[error("The device settings could not be read. Set a new PIN first (with the recovery code); other settings can be changed after that.")]
    SetPinFirst,
    /// The unreadable record has no copy: writing would destroy it.
    #[error("The unreadable device settings could not be set aside (storage is full or refused), so they are left untouched. Free some space (Data: export a backup), reload, then set a new PIN.")]
    NotSetAside,
}

/// Whether a settings write may replace the stored record. While the record
/// is distrusted only a new PIN (set after proof, see
/// [`crate::domain::security::recovery::plan_pin_change`]) may replace it, and only once the
/// original is safe; the quarantined copy is never touched.
pub fn plan_settings_write(
    trust: SettingsTrust,
    sets_new_pin: bool,
) -> Result<(), SettingsWriteError> {
    match trust {
        SettingsTrust::Trusted => Ok(()),
        SettingsTrust::Distrusted { .. } if !sets_new_pin => Err(SettingsWriteError::SetPinFirst),
        SettingsTrust::Distrusted {
            original_safe: false,
        } => Err(SettingsWriteError::NotSetAside),
        SettingsTrust::Distrusted {
            original_safe: true,
        } => Ok(()),
    }
}
