//! The therapists who work on this device (`attune.therapists`, read and
//! written by the therapist page only): each by the short name the clinic
//! knows them by, which of them is working now, and who is a clinic lead.
//!
//! Kept apart from the device settings on purpose: the rating form reads
//! and may rewrite those, and it must never drop a therapist it does not
//! know about. A device that names no therapist works as before: no name
//! shown, no choice to make.

use crate::domain::records::therapist::{check_name, same_name, TherapistError};
use crate::domain::security::pin::PinRecord;
use serde::{Deserialize, Serialize};

/// One therapist on this device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Therapist {
    /// The short name every device of the clinic knows them by.
    pub name: String,
    /// A clinic lead sees every caseload on the device ("all therapists" is
    /// theirs to choose as well as their own).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lead: bool,
    /// Their own PIN (hashed like the device PIN): it opens client mode
    /// after a hand-over of theirs (a lead's opens any) and makes them the
    /// therapist working.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<PinRecord>,
}

/// A PIN that may open client mode now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// The device PIN (Settings → PIN, the one the recovery code resets):
    /// the clinic's own, it opens every hand-over and changes nobody.
    Device,
    /// A therapist's own PIN: opening with it makes them the one working.
    Therapist(String),
}

/// The therapists on this device and who is working now.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceTherapists {
    /// In the order they were added.
    #[serde(default)]
    pub list: Vec<Therapist>,
    /// The one working now (one of `list`), if any.
    #[serde(default)]
    pub working: Option<String>,
}

impl DeviceTherapists {
    /// Reads the stored list. A damaged entry (an invalid or repeated name)
    /// is left out rather than refusing the rest, and a working therapist
    /// who is not in the list is forgotten: names only choose what a screen
    /// shows, no data hangs on this record.
    pub fn decode(text: &str) -> Self {
        // Entry by entry, so one malformed field (a PIN without its salt)
        // costs that therapist's entry alone, never the whole list.
        #[derive(Deserialize)]
        struct Raw {
            #[serde(default)]
            list: Vec<serde_json::Value>,
            #[serde(default)]
            working: Option<serde_json::Value>,
        }
        let Ok(raw) = serde_json::from_str::<Raw>(text) else {
            return Self::default();
        };
        let mut out = Self::default();
        let entries = raw
            .list
            .into_iter()
            .filter_map(|v| serde_json::from_value::<Therapist>(v).ok());
        let working = raw
            .working
            .and_then(|w| serde_json::from_value::<String>(w).ok());
        for t in entries {
            if let Ok(name) = check_name(&t.name) {
                if !out.list.iter().any(|o| same_name(&o.name, &name)) {
                    // A damaged PIN record opens nothing: the device PIN
                    // (or the recovery code) still does, and a new one is set.
                    let pin = t.pin.filter(|p| p.check().is_ok());
                    out.list.push(Therapist {
                        name,
                        lead: t.lead,
                        pin,
                    });
                }
            }
        }
        out.working = working.and_then(|w| out.find(&w).map(|t| t.name.clone()));
        out
    }

    /// The record as stored.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The therapist going by `name`, whatever its case.
    pub fn find(&self, name: &str) -> Option<&Therapist> {
        self.list.iter().find(|t| same_name(&t.name, name))
    }

    /// The therapist working now.
    pub fn working(&self) -> Option<&Therapist> {
        self.working.as_deref().and_then(|w| self.find(w))
    }

    /// The device's only therapist, who holds every client no therapist
    /// holds yet (a device with one therapist works as before).
    pub fn sole(&self) -> Option<&str> {
        match self.list.as_slice() {
            [only] => Some(&only.name),
            _ => None,
        }
    }

    /// Adds a therapist; the first one added is working from then on.
    /// Returns the name as kept (trimmed).
    pub fn add(&mut self, name: &str, lead: bool) -> Result<String, TherapistError> {
        let name = check_name(name)?;
        if let Some(t) = self.find(&name) {
            return Err(TherapistError::Taken(t.name.clone()));
        }
        self.list.push(Therapist {
            name: name.clone(),
            lead,
            pin: None,
        });
        if self.working.is_none() {
            self.working = Some(name.clone());
        }
        Ok(name)
    }

    /// Makes `name` the therapist working now; false when no such therapist.
    pub fn set_working(&mut self, name: &str) -> bool {
        match self.find(name).map(|t| t.name.clone()) {
            Some(n) => {
                self.working = Some(n);
                true
            }
            None => false,
        }
    }

    /// Sets `name`'s own PIN; false when no such therapist.
    pub fn set_pin(&mut self, name: &str, pin: PinRecord) -> bool {
        match self.list.iter_mut().find(|t| same_name(&t.name, name)) {
            Some(t) => {
                t.pin = Some(pin);
                true
            }
            None => false,
        }
    }

    /// The PINs that may open client mode now, each with its record, in the
    /// order to try them: the device PIN (`device`, if set), then the
    /// therapist who handed the device over (the one working when it was
    /// locked), then every clinic lead. Another therapist's PIN opens
    /// nothing here: a tablet Dana handed over is not Lee's to open.
    pub fn keys_for_unlock(&self, device: Option<&PinRecord>) -> Vec<(Key, PinRecord)> {
        let mut keys: Vec<(Key, PinRecord)> = device
            .map(|p| (Key::Device, p.clone()))
            .into_iter()
            .collect();
        let handed = self.working();
        let leads = self.list.iter().filter(|t| t.lead);
        for t in handed.into_iter().chain(leads) {
            if let Some(pin) = &t.pin {
                let key = Key::Therapist(t.name.clone());
                if !keys.iter().any(|(k, _)| *k == key) {
                    keys.push((key, pin.clone()));
                }
            }
        }
        keys
    }

    /// Client mode was opened with `key`: a therapist's own PIN makes them
    /// the one working; the device PIN changes nobody.
    pub fn opened_with(&mut self, key: &Key) {
        if let Key::Therapist(name) = key {
            self.set_working(name);
        }
    }

    /// Marks `name` a clinic lead or not; false when no such therapist.
    pub fn set_lead(&mut self, name: &str, lead: bool) -> bool {
        match self.list.iter_mut().find(|t| same_name(&t.name, name)) {
            Some(t) => {
                t.lead = lead;
                true
            }
            None => false,
        }
    }
}
