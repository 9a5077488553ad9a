//! What the page reports: histories and charts, the caseload, "My
//! alliance", the outcomes report and a client's report.

/// `(English, Spanish)`.
pub const ENTRIES: &[(&str, &str)] = &[];
