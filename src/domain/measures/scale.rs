//! Scale definitions as data, so a licensed wording pack or another scale can
//! replace the built-in wording without touching code.

use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::score::{Tenths, Total};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The built-in scale, in the project's own words (never the official SRS text).
pub const BUILTIN_SRS_JSON: &str = include_str!("../../../scales/srs-attune.json");

/// The built-in Outcome Rating Scale (ORS, given at the start of a session
/// about the past week), in the project's own words (never the official ORS text).
pub const BUILTIN_ORS_JSON: &str = include_str!("../../../scales/ors-attune.json");

/// The built-in child SRS (ages 6–12, faces at the ends), in the project's
/// own simple words (never the official CSRS text).
pub const BUILTIN_CHILD_SRS_JSON: &str = include_str!("../../../scales/srs-child-attune.json");

/// The built-in child ORS (ages 6–12, faces at the ends), in the project's
/// own simple words (never the official CORS text).
pub const BUILTIN_CHILD_ORS_JSON: &str = include_str!("../../../scales/ors-child-attune.json");

/// The built-in group SRS (each dimension asked about the leader and the
/// group), in the project's own words (never the official GSRS text).
pub const BUILTIN_GROUP_SRS_JSON: &str = include_str!("../../../scales/srs-group-attune.json");

/// The built-in scales as Rust, made from the files above by build.rs.
mod generated {
    use crate::domain::measures::scale::{ScaleDefinition, ScaleItem};
    include!(concat!(env!("OUT_DIR"), "/scales.rs"));
}

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
    /// True for the child versions: the form draws a sad face at the left
    /// end of each line and a happy face at the right instead of showing the
    /// `left` and `right` sentences (which stay as the faces' spoken and
    /// accessible text). Left out of the JSON when false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub faces: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
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
        // Named by position, not by `{:?}`: Debug formatting of strings
        // would add its escaping code to the form page's first load.
        if let Some(n) = scale
            .items
            .iter()
            .position(|i| i.id.trim().is_empty() || i.title.trim().is_empty())
        {
            return Err(ScaleError::Content(format!(
                "an item without id or title (item {})",
                n + 1
            )));
        }
        Ok(scale)
    }

    /// The scale Attune ships with.
    pub fn builtin() -> Self {
        // Made from the same file at build time (build.rs), so no JSON is
        // parsed at run time; a test checks it equals `from_json` of the file.
        generated::srs::<true>()
    }

    /// The Outcome Rating Scale Attune ships with: the same format as the SRS
    /// (four 0–10 lines, total 0–40), worded about the past week.
    pub fn builtin_ors() -> Self {
        generated::ors::<true>()
    }

    /// The child SRS Attune ships with (faces, simple words).
    pub fn builtin_child_srs() -> Self {
        generated::child_srs::<true>()
    }

    /// The child ORS Attune ships with (faces, simple words).
    pub fn builtin_child_ors() -> Self {
        generated::child_ors::<true>()
    }

    /// The group SRS Attune ships with (the leader and the group).
    pub fn builtin_group_srs() -> Self {
        generated::group_srs::<true>()
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

/// The scales in use: one per measure for adults and individuals (what the
/// form rates and the inbox checks a record against), and the child and
/// group versions [`crate::domain::raters::choose`] picks for other raters.
/// Every version of a measure has the same item count and 0–10 lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scales {
    /// The Session Rating Scale (end of a session).
    pub srs: ScaleDefinition,
    /// The Outcome Rating Scale (start of a session, about the past week).
    pub ors: ScaleDefinition,
    /// The child SRS (ages 6–12, faces).
    pub child_srs: ScaleDefinition,
    /// The child ORS (ages 6–12, faces).
    pub child_ors: ScaleDefinition,
    /// The group SRS (about the leader and the group).
    pub group_srs: ScaleDefinition,
}

impl Scales {
    /// The scales Attune ships with.
    pub fn builtin() -> Self {
        Scales {
            srs: ScaleDefinition::builtin(),
            ors: ScaleDefinition::builtin_ors(),
            child_srs: ScaleDefinition::builtin_child_srs(),
            child_ors: ScaleDefinition::builtin_child_ors(),
            group_srs: ScaleDefinition::builtin_group_srs(),
        }
    }

    /// The form page's scales: the SRS and the ORS. The form never gives a
    /// child's or a group's version (rounds of several people run on the
    /// therapist page), so those slots hold the adult definitions and the
    /// form's first load carries no wording it cannot use: neither the
    /// scale's `wording_note` nor the items' `read_aloud` scripts (empty
    /// here), which only the therapist page shows.
    pub fn core() -> Self {
        let srs = generated::srs::<false>();
        let ors = generated::ors::<false>();
        Scales {
            child_srs: srs.clone(),
            child_ors: ors.clone(),
            group_srs: srs.clone(),
            srs,
            ors,
        }
    }

    /// The (adult, individual) scale of a measure.
    pub fn of(&self, kind: MeasureKind) -> &ScaleDefinition {
        match kind {
            MeasureKind::Srs => &self.srs,
            MeasureKind::Ors => &self.ors,
        }
    }

    /// Every scale in use, adult versions first.
    pub fn all(&self) -> [&ScaleDefinition; 5] {
        [
            &self.srs,
            &self.ors,
            &self.child_srs,
            &self.child_ors,
            &self.group_srs,
        ]
    }

    /// The scale a rating was made with, found by its `scale_id`; the
    /// measure's adult scale when the id is not one in use (an older or a
    /// replaced wording: same items, same order).
    pub fn for_rating(&self, rating: &crate::domain::measures::rating::Rating) -> &ScaleDefinition {
        self.all()
            .into_iter()
            .find(|s| s.id == rating.scale_id)
            .unwrap_or_else(|| self.of(rating.measure))
    }
}
