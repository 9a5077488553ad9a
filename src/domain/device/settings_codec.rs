//! The device settings as the rating form reads them (`attune.settings`):
//! what serde reads as a [`DeviceSettings`], every field optional, unknown
//! fields ignored. The PIN record's own rules are checked by the caller
//! ([`DeviceSettings::decode`]). The form never writes settings, so there is
//! no encoder here.

use crate::domain::device::settings::DeviceSettings;
use crate::domain::measures::calibration::Calibration;
use crate::domain::records::codec::json::Reader;
use crate::domain::records::codec::parts;
use crate::domain::security::pin::{Backoff, PinRecord};

/// Reads the settings record; `None` for anything `serde_json` would refuse
/// as a [`DeviceSettings`].
pub fn decode(text: &str) -> Option<DeviceSettings> {
    let mut r = Reader::new(text);
    let mut s = DeviceSettings::default();
    let fields = [
        "pin",
        "backoff",
        "idle_lock_secs",
        "calibration",
        "seen_situations",
        "checklist_dismissed",
    ];
    // Every field has a default, so none is required.
    r.record(&fields, &mut |r, i| {
        match i {
            0 => s.pin = r.optional(pin)?,
            1 => s.backoff = backoff(r)?,
            2 => s.idle_lock_secs = r.uint(u64::from(u32::MAX))? as u32,
            3 => s.calibration = r.optional(calibration)?,
            4 => {
                let mut seen = Vec::new();
                r.array(&mut |r| {
                    seen.push(r.string()?);
                    Some(())
                })?;
                s.seen_situations = seen;
            }
            _ => s.checklist_dismissed = r.bool()?,
        }
        Some(())
    })?;
    r.finish()?;
    Some(s)
}

/// A PIN record: all four fields required.
fn pin(r: &mut Reader) -> Option<PinRecord> {
    let mut p = PinRecord {
        algorithm: String::new(),
        iterations: 0,
        salt: String::new(),
        hash: String::new(),
    };
    let seen = r.record(&["algorithm", "iterations", "salt", "hash"], &mut |r, i| {
        match i {
            0 => p.algorithm = r.string()?,
            1 => p.iterations = r.uint(u64::from(u32::MAX))? as u32,
            2 => p.salt = r.string()?,
            _ => p.hash = r.string()?,
        }
        Some(())
    })?;
    (seen == 0b1111).then_some(p)
}

/// The back-off: `failed` required, `last_failure` optional.
fn backoff(r: &mut Reader) -> Option<Backoff> {
    let mut b = Backoff::default();
    let seen = r.record(&["failed", "last_failure"], &mut |r, i| {
        match i {
            0 => b.failed = r.uint(u64::from(u32::MAX))? as u32,
            _ => b.last_failure = r.optional(parts::read_time)?,
        }
        Some(())
    })?;
    (seen & 1 == 1).then_some(b)
}

/// A calibration: both numbers required.
fn calibration(r: &mut Reader) -> Option<Calibration> {
    let (mut px_per_mm, mut dpr) = (0.0, 0.0);
    let seen = r.record(&["px_per_mm", "dpr"], &mut |r, i| {
        let f = r.float()?;
        if i == 0 {
            px_per_mm = f;
        } else {
            dpr = f;
        }
        Some(())
    })?;
    (seen == 0b11).then_some(Calibration { px_per_mm, dpr })
}
