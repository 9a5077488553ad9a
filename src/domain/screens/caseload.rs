//! Which rows of the caseload show for the filter and the search box.

use crate::domain::caseload::Flag;

/// True when a client with `flags` and `label` shows for `filter` (a flag's
/// key, `"any"` for any flag, empty for everyone) and `query` (part of the
/// label, any case; empty for everyone).
pub fn row_shows(flags: &[Flag], label: &str, filter: &str, query: &str) -> bool {
    let flagged = match filter {
        "" => true,
        "any" => !flags.is_empty(),
        key => flags.iter().any(|f| f.key() == key),
    };
    flagged && label.to_lowercase().contains(&query.trim().to_lowercase())
}
