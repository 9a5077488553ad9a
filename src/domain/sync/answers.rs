//! What a server's answer means for the run under way beyond its HTTP
//! status (`status::classify`): a document `_bulk_docs` refused.

use super::status::Trouble;

/// The trouble behind a document `_bulk_docs` refused (its `error` field):
/// "unauthorized" and "forbidden" mean the sign-in expired or this user may
/// not write here, so the therapist is asked to sign in again; any other
/// refusal is unexpected (and retried later).
pub fn rejected(error: &str) -> Trouble {
    match error {
        "unauthorized" | "forbidden" => Trouble::SignIn,
        _ => Trouble::Unexpected(0),
    }
}
