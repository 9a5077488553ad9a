//! This device and how it is used: its settings (the PIN record, the
//! calibration, sync settings), the first-open checklist, backup and storage
//! reminders, and what the device was handed to a client for.

pub mod checklist;
pub mod handover;
pub mod reminder;
pub mod settings;
pub mod settings_codec;
pub mod settings_words;
pub mod therapists;
