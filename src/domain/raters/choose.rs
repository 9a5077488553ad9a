//! Which version of a scale a rater gets: the child versions for a child
//! (simple words and faces, clinical notes "Children (6–12)"), the group SRS
//! for an SRS in a group (the dimensions asked about the leader and the
//! group, clinical notes "Groups"), the usual scales otherwise.
//!
//! Precedence: child first. A child in a group gets the child SRS, because
//! wording a child can read matters more than the group framing (the child
//! versions exist for that reason). Adolescents get the adult versions, as
//! the child versions are for ages 6–12. The ORS has no group version: it is
//! about each person's own week. A collateral rater (a parent rating a
//! child's ORS) gets the version for their own age group.

use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::scale::{ScaleDefinition, Scales};
use crate::domain::raters::roster::Rater;
use crate::domain::records::case::CaseKind;
use crate::domain::records::store::Client;

/// The version of a measure's scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScaleVersion {
    /// The usual (adult, individual) version.
    Standard,
    /// The child version (ages 6–12, faces).
    Child,
    /// The group version (SRS only).
    Group,
}

/// The version a rater of `age` gets for `measure` in a case of `kind`.
pub fn version_for(measure: MeasureKind, kind: CaseKind, age: AgeGroup) -> ScaleVersion {
    match (measure, kind, age) {
        (_, _, AgeGroup::Child) => ScaleVersion::Child,
        (MeasureKind::Srs, CaseKind::Group, _) => ScaleVersion::Group,
        _ => ScaleVersion::Standard,
    }
}

/// The definition of `version` of `measure` among `scales`.
pub fn scale_of(scales: &Scales, measure: MeasureKind, version: ScaleVersion) -> &ScaleDefinition {
    match (measure, version) {
        (MeasureKind::Srs, ScaleVersion::Child) => &scales.child_srs,
        (MeasureKind::Ors, ScaleVersion::Child) => &scales.child_ors,
        (MeasureKind::Srs, ScaleVersion::Group) => &scales.group_srs,
        (kind, _) => scales.of(kind),
    }
}

/// The scale `rater` of the case `client` fills in for `measure`.
pub fn scale_for<'a>(
    scales: &'a Scales,
    measure: MeasureKind,
    client: &Client,
    rater: &Rater,
) -> &'a ScaleDefinition {
    scale_of(
        scales,
        measure,
        version_for(measure, client.kind, rater.age_group),
    )
}

/// The version a client seen on their own gets for `measure`: the one a
/// round would give them (their own age group, their case's kind), so a
/// child gets the child version alone, handed over, by voice and in a
/// round alike.
pub fn version_for_client(measure: MeasureKind, client: &Client) -> ScaleVersion {
    version_for(measure, client.kind, client.age_group)
}

/// The scale `client` fills in for `measure` when rating on their own.
pub fn scale_for_client<'a>(
    scales: &'a Scales,
    measure: MeasureKind,
    client: &Client,
) -> &'a ScaleDefinition {
    scale_of(scales, measure, version_for_client(measure, client))
}

/// The built-in versions only the therapist page carries (the child
/// versions with their faces, the group SRS): the form page's first load
/// holds the adult wording alone, within its size budget.
pub const THERAPIST_PAGE_SCALE_IDS: [&str; 3] =
    ["srs-child-attune", "ors-child-attune", "srs-group-attune"];

impl ScaleVersion {
    /// True when the form page (`index.html`) can draw this version; the
    /// others are rated on the therapist page, which draws every version.
    pub fn on_form_page(self) -> bool {
        self == ScaleVersion::Standard
    }
}

/// True when a rating in progress on scale `scale_id` is drawn by the
/// therapist page only: the form page then hands it over there rather than
/// showing an adult form (which would drop the marks of a child's version).
pub fn rated_on_therapist_page(scale_id: &str) -> bool {
    THERAPIST_PAGE_SCALE_IDS.contains(&scale_id)
}
