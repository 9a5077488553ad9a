//! The backup file, and the import that reads one back without touching
//! anything until the user has seen what it would change.

use crate::domain::measures::score::Tenths;
use crate::domain::records::store::{
    self, DecodeError, MergeSummary, Store, CURRENT_VERSION, SCHEMA,
};
use crate::domain::time;
use crate::domain::words::Words;
use chrono::{DateTime, Utc};
use serde_json::{Number, Value};
use thiserror::Error;

/// The whole store as the versioned envelope, stamped with `exported_at`.
///
/// `exported_at` lies outside the envelope's schema: every decoder ignores
/// unknown fields, so any Attune reads the file, and a person can tell two
/// backups apart. `last_backup_at` is left alone so the file round-trips
/// exactly; the shell records the backup time once the download succeeded.
pub fn backup_json(store: &Store, now: DateTime<Utc>) -> String {
    let body = store::encode(store);
    // `encode` always writes a non-empty JSON object: reopen it to add a field
    // rather than re-serialising, so the envelope has one author.
    let open = body.strip_suffix('}').expect("encode writes a JSON object");
    format!("{open},\"exported_at\":\"{}\"}}", time::format(now))
}

/// `attune-backup-2026-11-22.json`: sorts by date in a downloads folder.
pub fn backup_file_name(now: DateTime<Utc>) -> String {
    format!("attune-backup-{}.json", time::date(now))
}

/// Why a backup cannot be imported. Messages are sentences the UI shows as they are.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Written by a newer Attune. Reading it is safe (storage does, read-only),
    /// but merging would drop whatever this build does not understand.
    #[error("this backup was made by a newer version of Attune (version {0}); update Attune to import it")]
    NewerVersion(u64),
    /// A score above 10.0 or below 0.
    #[error("rating {rating}: score {score} is outside 0–10")]
    ScoreOutOfRange {
        /// The rating's id, or `#n` (1-based position) when it has none.
        rating: String,
        /// The score as the user reads it, e.g. `10.5`.
        score: String,
    },
    /// A score written as a fraction, typically edited by hand as `7.3`
    /// instead of the stored tenths `73`.
    #[error("rating {rating}: score {raw} is not a whole number of tenths (a score of 7.3 is stored as 73)")]
    ScoreNotTenths {
        /// The rating's id, or `#n` (1-based position) when it has none.
        rating: String,
        /// The number exactly as found in the file.
        raw: String,
    },
    /// Not JSON, not Attune, the wrong shape, or a broken rule (duplicate ids,
    /// ratings of unknown clients…): the store decoder's message.
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

impl ImportError {
    /// The message in `w`'s language, for the page (`Display` keeps the
    /// English for logs).
    pub fn words(&self, w: Words) -> String {
        match self {
            ImportError::NewerVersion(v) => w.trf(
                "this backup was made by a newer version of Attune (version {v}); update Attune to import it",
                &[("v", v)],
            ),
            ImportError::ScoreOutOfRange { rating, score } => w.trf(
                "rating {rating}: score {score} is outside 0–10",
                &[("rating", rating), ("score", score)],
            ),
            ImportError::ScoreNotTenths { rating, raw } => w.trf(
                "rating {rating}: score {raw} is not a whole number of tenths (a score of 7.3 is stored as 73)",
                &[("rating", rating), ("raw", raw)],
            ),
            ImportError::Decode(e) => e.words(w),
        }
    }
}

/// What importing a backup would do, computed before anything changes.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPreview {
    /// The current store with the backup merged in; the shell saves it only
    /// after the user confirmed [`ImportPreview::summary_text`].
    pub merged: Store,
    /// Counts of what the merge adds.
    pub summary: MergeSummary,
    /// Version the backup was written with (older ones are migrated).
    pub from_version: u32,
    /// When the backup was made, if the file says so (older files do not).
    pub exported_at: Option<DateTime<Utc>>,
}

impl ImportPreview {
    /// `24 new ratings, 3 already present` (plus new clients, when any).
    pub fn summary_text(&self) -> String {
        let s = &self.summary;
        let mut text = format!(
            "{}, {} already present",
            count(s.new_ratings, "new rating", "new ratings"),
            s.existing_ratings
        );
        if s.new_clients > 0 {
            text.push_str(", ");
            text.push_str(&count(s.new_clients, "new client", "new clients"));
        }
        text
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A backup file read and checked, not yet compared with anything.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    /// Its contents, migrated to the current shape.
    pub store: Store,
    /// Version the backup was written with.
    pub from_version: u32,
    /// When the backup was made, if the file says so (older files do not).
    pub exported_at: Option<DateTime<Utc>>,
}

/// Reads a backup's text completely, refusing it with a named reason: not
/// JSON, not Attune, a newer version, a score out of range or written as a
/// fraction, or a broken rule. A leading byte-order mark (files saved by
/// Notepad) is tolerated.
pub fn read_backup(text: &str) -> Result<Backup, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value =
        serde_json::from_str(text).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    precheck(&value)?;
    let decoded = store::decode(text)?;
    if decoded.read_only() {
        // precheck already refused this; kept so the rule survives a change there.
        return Err(ImportError::NewerVersion(decoded.from_version.into()));
    }
    let exported_at = value
        .get("exported_at")
        .and_then(Value::as_str)
        // time::parse slices by byte offset, so only ASCII reaches it.
        .filter(|s| s.is_ascii())
        .and_then(|s| time::parse(s).ok());
    Ok(Backup {
        store: decoded.store,
        from_version: decoded.from_version,
        exported_at,
    })
}

/// Checks a backup completely, then merges it into `current` in memory.
///
/// Every refusal happens before the merge, so a bad file can never leave half
/// an import behind. (The newer [`crate::domain::export::import_plan`] adds the label and
/// score-count rules and lists what differs; prefer it.)
pub fn preview_import(current: &Store, text: &str) -> Result<ImportPreview, ImportError> {
    let backup = read_backup(text)?;
    let (merged, summary) = store::merge(current, &backup.store);
    store::validate(&merged)?;
    Ok(ImportPreview {
        merged,
        summary,
        from_version: backup.from_version,
        exported_at: backup.exported_at,
    })
}

/// The refusals the store decoder words too technically for an import
/// dialog: a newer version (which it would accept read-only) and bad scores
/// (which it reports without naming the rating).
fn precheck(value: &Value) -> Result<(), ImportError> {
    let Some(obj) = value.as_object() else {
        return Ok(());
    };
    if obj.get("schema").and_then(Value::as_str) != Some(SCHEMA) {
        return Ok(());
    }
    if let Some(v) = obj.get("version").and_then(Value::as_u64) {
        if v > u64::from(CURRENT_VERSION) {
            return Err(ImportError::NewerVersion(v));
        }
    }
    let ratings = obj.get("ratings").and_then(Value::as_array);
    for (i, r) in ratings.into_iter().flatten().enumerate() {
        let id = match r.get("id").and_then(Value::as_str) {
            Some(id) => id.to_string(),
            None => format!("#{}", i + 1),
        };
        let scores = r.get("scores").and_then(Value::as_array);
        for s in scores.into_iter().flatten() {
            if let Value::Number(n) = s {
                check_score(&id, n)?;
            }
        }
    }
    Ok(())
}

fn check_score(rating: &str, n: &Number) -> Result<(), ImportError> {
    let max = u64::from(Tenths::MAX.get());
    let out = |score: String| ImportError::ScoreOutOfRange {
        rating: rating.to_string(),
        score,
    };
    if let Some(t) = n.as_u64() {
        return if t > max {
            Err(out(format!("{}.{}", t / 10, t % 10)))
        } else {
            Ok(())
        };
    }
    if let Some(t) = n.as_i64() {
        // as_u64 failed, so it is negative.
        let a = t.unsigned_abs();
        return Err(out(format!("-{}.{}", a / 10, a % 10)));
    }
    match n.as_f64() {
        Some(f) if f < 0.0 || f > max as f64 => Err(out(format!("{}", f / 10.0))),
        _ => Err(ImportError::ScoreNotTenths {
            rating: rating.to_string(),
            raw: n.to_string(),
        }),
    }
}
