//! Export and import codecs: the backup file, the spreadsheet CSV and FHIR R4,
//! the import plan (what a backup would change, item by item), and the
//! outcomes report's two CSV files.
//!
//! Every format carries sessions and both measures: a rating is one measure
//! (an ORS or an SRS, from one rater) and names its session, so each
//! measure is a CSV row and a FHIR response, grouped by session.
//!
//! Pure functions of a [`Store`](crate::domain::records::store::Store) and the
//! [`Scales`](crate::domain::measures::scale::Scales) in use: the shell passes `now`,
//! writes the files and applies an import only after the user confirmed it.
//! Every format carries the scale's own titles, never official SRS or ORS wording
//! (see the licensing section of the clinical notes).

mod backup;
mod csv;
mod fhir;
mod import;
mod import_summary;
mod import_text;
mod outcomes_csv;

pub use self::backup::{
    backup_file_name, backup_json, preview_import, read_backup, Backup, ImportError, ImportPreview,
};
pub use self::csv::{csv, csv_file_name, CSV_BOM, CSV_MIME};
pub use self::fhir::{
    codesystem_url, encounter_url, fhir_bundle, fhir_file_name, fhir_questionnaire,
    questionnaire_canonical, questionnaire_url, FHIR_BASE, FHIR_MIME,
};
pub use self::import::{
    apply, differing_file_name, differing_store, import_plan, ImportPlan, LabelChange, NewMember,
    Refused, Unassigned,
};
pub use self::import_summary::{changes_anything, result_message, summary};
pub use self::import_text::{decode_import_bytes, ImportTextError};
pub use self::outcomes_csv::{
    episodes_csv, episodes_csv_file_name, outcomes_csv, outcomes_csv_file_name,
};
