//! Scale definitions as data, so a licensed wording pack or another scale can
//! replace the built-in wording without touching code.

use super::score::{Tenths, Total};
use super::session::MeasureKind;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The built-in scale, in the project's own words (never the official SRS text).
pub const BUILTIN_SRS_JSON: &str = include_str!("../../scales/srs-attune.json");

/// The built-in Outcome Rating Scale (ORS, given at the start of a session
/// about the past week), in the project's own words (never the official ORS text).
pub const BUILTIN_ORS_JSON: &str = include_str!("../../scales/ors-attune.json");

/// Id of the built-in ORS definition, so code can tell an ORS from an SRS
/// rating without parsing the scale again.
pub const ORS_SCALE_ID: &str = "ors-attune";

/// One visual analog line of a scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleItem {
    /// Stable machine id (`relationship`, `goals`, …), used in exports.
    pub id: String,
    /// Title shown above the line and used as the slider's accessible name.
    pub title: String,
    /// Description of the negative (left) end.
    pub left: String,
    /// Description of the positive (right) end.
    pub right: String,
    /// A short script the therapist can read aloud in telehealth.
    #[serde(default)]
    pub read_aloud: String,
}

/// A whole scale: identity, version and its items in display order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleDefinition {
    /// Stable id recorded with every rating.
    pub id: String,
    /// Version of the wording, recorded with every rating.
    pub version: u32,
    /// Human name of the scale.
    pub name: String,
    /// The form's heading, a question to the person rating.
    #[serde(default)]
    pub heading: String,
    /// The form's instructions under the heading (what to rate, how to mark).
    #[serde(default)]
    pub intro: String,
    /// Where the wording comes from (shown in settings).
    #[serde(default)]
    pub wording_note: String,
    /// The lines, in the order they are shown.
    pub items: Vec<ScaleItem>,
}

/// Why a scale definition was refused.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ScaleError {
    /// The text is not a scale definition at all.
    #[error("the scale definition is not valid JSON of the expected shape: {0}")]
    Shape(String),
    /// A scale needs at least one item, each with an id and a title.
    #[error("the scale definition has {0}")]
    Content(String),
}

impl ScaleDefinition {
    /// Parses and validates a scale definition.
    pub fn from_json(json: &str) -> Result<Self, ScaleError> {
        let scale: ScaleDefinition =
            serde_json::from_str(json).map_err(|e| ScaleError::Shape(e.to_string()))?;
        if scale.items.is_empty() {
            return Err(ScaleError::Content("no items".into()));
        }
        if let Some(item) = scale
            .items
            .iter()
            .find(|i| i.id.trim().is_empty() || i.title.trim().is_empty())
        {
            return Err(ScaleError::Content(format!(
                "an item without id or title ({item:?})"
            )));
        }
        Ok(scale)
    }

    /// The scale Attune ships with.
    pub fn builtin() -> Self {
        // The embedded file is checked by a unit test, so this cannot fail at run time.
        Self::from_json(BUILTIN_SRS_JSON).expect("built-in scale is valid")
    }

    /// The Outcome Rating Scale Attune ships with: the same format as the SRS
    /// (four 0–10 lines, total 0–40), worded about the past week.
    pub fn builtin_ors() -> Self {
        // Checked by a test like the SRS file, so this cannot fail at run time.
        Self::from_json(BUILTIN_ORS_JSON).expect("built-in ORS scale is valid")
    }

    /// The largest possible total: 10.0 per item (40.0 for the SRS).
    pub fn max_total(&self) -> Total {
        let items = u16::try_from(self.items.len()).unwrap_or(u16::MAX);
        Total(items.saturating_mul(Tenths::MAX.get()))
    }

    /// Titles of the items at the given indices, in scale order.
    pub fn titles(&self, indices: &[usize]) -> Vec<&str> {
        indices
            .iter()
            .filter_map(|&i| self.items.get(i).map(|it| it.title.as_str()))
            .collect()
    }
}

/// The scales in use, one per measure: what the form rates and the inbox
/// checks a record against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scales {
    /// The Session Rating Scale (end of a session).
    pub srs: ScaleDefinition,
    /// The Outcome Rating Scale (start of a session, about the past week).
    pub ors: ScaleDefinition,
}

impl Scales {
    /// The scales Attune ships with.
    pub fn builtin() -> Self {
        Scales {
            srs: ScaleDefinition::builtin(),
            ors: ScaleDefinition::builtin_ors(),
        }
    }

    /// The scale of a measure.
    pub fn of(&self, kind: MeasureKind) -> &ScaleDefinition {
        match kind {
            MeasureKind::Srs => &self.srs,
            MeasureKind::Ors => &self.ors,
        }
    }
}
