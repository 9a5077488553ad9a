//! Export and import codecs: the backup file, the spreadsheet CSV and FHIR R4.
//!
//! Pure functions of a [`Store`](super::store::Store) and a
//! [`ScaleDefinition`](super::scale::ScaleDefinition): the shell passes `now`,
//! writes the files and applies an import only after the user confirmed it.
//! Every format carries the scale's own titles, never official SRS wording
//! (see the licensing section of the clinical notes).

mod backup;
mod csv;
mod fhir;

pub use self::backup::{backup_file_name, backup_json, preview_import, ImportError, ImportPreview};
pub use self::csv::{csv, csv_file_name, CSV_BOM, CSV_MIME};
pub use self::fhir::{
    codesystem_url, fhir_bundle, fhir_file_name, fhir_questionnaire, questionnaire_canonical,
    questionnaire_url, FHIR_BASE, FHIR_MIME,
};
