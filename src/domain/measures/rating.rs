//! A completed rating and what can be read off it on its own: total, band,
//! cutoff, lowest items.

use crate::domain::measures::kinds::{MeasureKind, RaterRef};
use crate::domain::measures::score::{Tenths, Total};
use crate::domain::measures::thresholds::{CUTOFF_TOTAL, FAIR_FROM, GOOD_FROM};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The three bands of the total (seed 002, with decimals as decided in the clinical notes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    /// Total below 35.0.
    Poor,
    /// Total 35.0–38.9.
    Fair,
    /// Total 39.0 and above.
    Good,
}

impl Band {
    /// Band of a total.
    pub fn of(total: Total) -> Band {
        match total.tenths() {
            t if t >= GOOD_FROM => Band::Good,
            t if t >= FAIR_FROM => Band::Fair,
            _ => Band::Poor,
        }
    }

    /// Lower-case word shown on screen and in exports.
    pub fn label(self) -> &'static str {
        match self {
            Band::Poor => "poor",
            Band::Fair => "fair",
            Band::Good => "good",
        }
    }
}

/// True when the total is below the concern cutoff (36.0).
pub fn below_cutoff(total: Total) -> bool {
    total.tenths() < CUTOFF_TOTAL
}

/// Indices of the lowest-scoring items; all of them when tied. Empty input, empty output.
pub fn lowest_items(scores: &[Tenths]) -> Vec<usize> {
    let Some(min) = scores.iter().min() else {
        return Vec::new();
    };
    scores
        .iter()
        .enumerate()
        .filter(|(_, s)| *s == min)
        .map(|(i, _)| i)
        .collect()
}

/// Measurement context of the line the client marked, kept for audit
/// (a shrunken or calibrated line is still scored by fraction). Integers, like
/// the scores, so the record is exact and the bundle needs no float codec.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineContext {
    /// Drawn length of the line in tenths of a millimetre (1000 = 100 mm):
    /// physical mm when the screen is calibrated, CSS mm otherwise.
    pub line_tenth_mm: u32,
    /// The device-pixel ratio at the time of rating, in hundredths (200 = 2×).
    pub dpr_hundredths: u32,
    /// True when the length comes from a calibration against a real card.
    #[serde(default)]
    pub calibrated: bool,
}

/// CSS pixels per millimetre for an uncalibrated CSS length (96 px per inch).
pub const CSS_PX_PER_MM: f64 = 96.0 / 25.4;

impl LineContext {
    /// The context of a line drawn `width_px` CSS pixels wide at device-pixel
    /// ratio `dpr`, with the screen's calibration (pixels per physical
    /// millimetre) when it has one: what both form modules record at Done.
    pub fn measured(width_px: f64, dpr: f64, calibrated_px_per_mm: Option<f64>) -> LineContext {
        let px_per_mm = calibrated_px_per_mm.unwrap_or(CSS_PX_PER_MM);
        LineContext {
            line_tenth_mm: (width_px / px_per_mm * 10.0).round() as u32,
            dpr_hundredths: (dpr * 100.0).round() as u32,
            calibrated: calibrated_px_per_mm.is_some(),
        }
    }
}

/// One completed measure, as stored: the scores one rater gave on one scale
/// (an ORS at the start of a session or an SRS at its end). Measures sharing
/// a [`Rating::session_key`] make one session (see [`crate::domain::course::session`]).
/// The name is kept from the SRS-only versions: every stored SRS rating is
/// such a measure, unchanged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    /// Unique id (a UUID made by the shell), used to merge histories.
    pub id: String,
    /// When the rating was saved (UTC, RFC 3339 in storage).
    #[serde(with = "crate::domain::time::rfc3339")]
    pub recorded_at: DateTime<Utc>,
    /// When the session took place; equals `recorded_at` unless back-dated.
    #[serde(with = "crate::domain::time::rfc3339")]
    pub session_at: DateTime<Utc>,
    /// The client this rating belongs to; `None` for a quick, unassigned rating.
    #[serde(default)]
    pub client_id: Option<String>,
    /// Item scores in tenths, in the scale's item order.
    pub scores: Vec<Tenths>,
    /// Id of the scale definition used.
    pub scale_id: String,
    /// Version of the scale definition used.
    pub scale_version: u32,
    /// How the line was drawn, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<LineContext>,
    /// When the client, session date or note was last changed after saving
    /// (scores never change); merges keep the later copy.
    #[serde(
        default,
        with = "crate::domain::time::rfc3339_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<DateTime<Utc>>,
    /// The therapist's note on this session, as typed (see [`NoteInput`]);
    /// editable after saving like the client and date, so an edit stamps
    /// `updated_at`. Left out of the stored JSON when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<NoteInput>,
    /// Which measure these scores are; absent means the SRS, so every
    /// rating stored before version 5 reads as what it was (version 5).
    #[serde(default, skip_serializing_if = "MeasureKind::is_srs")]
    pub measure: MeasureKind,
    /// The session this measure was given in; absent means a session of its
    /// own whose id is this rating's id (every rating before version 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// Who gave it; absent means the client themself (version 5).
    #[serde(default, skip_serializing_if = "RaterRef::is_client")]
    pub rater: RaterRef,
    /// The therapist who held the session (version 6), so a client's history
    /// says who saw each session after a transfer; `None` where the device
    /// names no therapists, and left out of the record then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub therapist: Option<String>,
    /// The wording the lines were shown in (version 7) when not Attune's
    /// own English: the client's language and the pack it came from. Never
    /// edited after saving, and never read by a score or a status. Boxed:
    /// most ratings have none, and every record stays small.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<Box<crate::domain::measures::language::Wording>>,
}

impl Rating {
    /// The id of the session this measure belongs to.
    pub fn session_key(&self) -> &str {
        self.session_id.as_deref().unwrap_or(&self.id)
    }

    /// True for an SRS given by the client themself: what the alliance
    /// history, the caseload and the SRS prompts read.
    pub fn is_own_srs(&self) -> bool {
        self.measure == MeasureKind::Srs && self.rater.is_client()
    }

    /// True for an ORS given by the client themself: the outcome history.
    pub fn is_own_ors(&self) -> bool {
        self.measure == MeasureKind::Ors && self.rater.is_client()
    }

    /// Sum of the item scores.
    pub fn total(&self) -> Total {
        Total::of(&self.scores)
    }

    /// Band of the total.
    pub fn band(&self) -> Band {
        Band::of(self.total())
    }

    /// True when the total is below the cutoff.
    pub fn below_cutoff(&self) -> bool {
        below_cutoff(self.total())
    }

    /// Indices of the lowest items (all, when tied).
    pub fn lowest(&self) -> Vec<usize> {
        lowest_items(&self.scores)
    }
}

/// What the therapist typed under a rating, stored exactly as typed (the
/// paste text trims it; the record does not, so nothing is ever lost).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NoteInput {
    /// What the client said about the session, in the therapist's typing.
    pub client_feedback: String,
    /// What the therapist said or agreed in response.
    pub therapist_response: String,
}

impl NoteInput {
    /// True when both fields are blank (whitespace counts as blank): such a
    /// note is not worth keeping with the rating.
    pub fn is_blank(&self) -> bool {
        self.client_feedback.trim().is_empty() && self.therapist_response.trim().is_empty()
    }
}
