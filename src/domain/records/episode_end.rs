//! The end of an episode of care: the one thing about episodes that is
//! stored (the episodes themselves are read from the sessions, see
//! [`crate::domain::course::episode`]). Kept here with the other records so
//! the store, its layout, sync and exports carry it like a rating.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// How an episode ended: the developer of the measures asks every system to
/// record it, since dropout ([`EndReason::Unilateral`]) is the most common
/// way therapy fails and is invisible without it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EndReason {
    /// Planned, or by mutual agreement of client and therapist.
    Planned,
    /// The client stopped coming (a unilateral ending: dropout).
    Unilateral,
    /// Referred elsewhere or moved on (another service, moved away).
    Referred,
    /// Anything else.
    Other,
}

impl EndReason {
    /// Every reason, in the order a picker lists them.
    pub const ALL: [EndReason; 4] = [
        EndReason::Planned,
        EndReason::Unilateral,
        EndReason::Referred,
        EndReason::Other,
    ];

    /// A stable key for CSV cells and test ids: `planned`, `unilateral`, …
    pub fn key(self) -> &'static str {
        match self {
            EndReason::Planned => "planned",
            EndReason::Unilateral => "unilateral",
            EndReason::Referred => "referred",
            EndReason::Other => "other",
        }
    }

    /// Words for a picker or a report line.
    pub fn label(self) -> &'static str {
        match self {
            EndReason::Planned => "Planned or by mutual agreement",
            EndReason::Unilateral => "The client stopped coming",
            EndReason::Referred => "Referred or moved on",
            EndReason::Other => "Other",
        }
    }
}

/// The record of an episode's end: the only thing about episodes that is
/// stored. Shaped like the other records (snake_case fields, `updated_at`
/// for merges, optional fields left out while default), so adding the list
/// to the store touched no existing record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpisodeEnd {
    /// Unique id (made by the shell), for merging like a rating.
    pub id: String,
    /// The client (or case) whose episode ended.
    pub client_id: String,
    /// The therapist's local calendar date the episode ended on, stored as
    /// `YYYY-MM-DD` (see the module doc for why a date).
    #[serde(with = "ymd")]
    pub ended_on: NaiveDate,
    /// How it ended.
    pub reason: EndReason,
    /// When the end was recorded.
    #[serde(with = "crate::domain::time::rfc3339")]
    pub created_at: DateTime<Utc>,
    /// When it was last changed (reason, date, reopened); merges keep the
    /// later copy, so a reopen in one tab is not undone by another.
    #[serde(
        default,
        with = "crate::domain::time::rfc3339_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<DateTime<Utc>>,
    /// The therapist took the end back: the episode goes on. Kept (not
    /// deleted) so a reopen syncs like any edit and a copy of the end from
    /// another device cannot bring it back.
    #[serde(default, skip_serializing_if = "is_false")]
    pub reopened: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl EpisodeEnd {
    /// A new end recorded at `now`.
    pub fn new(
        id: impl Into<String>,
        client_id: impl Into<String>,
        ended_on: NaiveDate,
        reason: EndReason,
        now: DateTime<Utc>,
    ) -> Self {
        EpisodeEnd {
            id: id.into(),
            client_id: client_id.into(),
            ended_on,
            reason,
            created_at: now,
            updated_at: None,
            reopened: false,
        }
    }

    /// This end taken back at `now`: the copy to save.
    pub fn reopen(&self, now: DateTime<Utc>) -> Self {
        EpisodeEnd {
            reopened: true,
            updated_at: Some(now),
            ..self.clone()
        }
    }

    /// True while the end closes its episode (not reopened).
    pub fn is_active(&self) -> bool {
        !self.reopened
    }

    /// When it was last written: what decides between two ends of one episode.
    pub fn written(&self) -> DateTime<Utc> {
        self.updated_at.unwrap_or(self.created_at)
    }
}

/// Merges two copies of the end records by id, as the store merges clients:
/// every record of either is kept, and for a shared id the copy edited last
/// wins (`base`'s on a tie). The store's merge calls it.
pub fn merge_ends(base: &[EpisodeEnd], other: &[EpisodeEnd]) -> Vec<EpisodeEnd> {
    let mut out = base.to_vec();
    for e in other {
        match out.iter_mut().find(|b| b.id == e.id) {
            Some(kept) if e.updated_at > kept.updated_at => *kept = e.clone(),
            Some(_) => {}
            None => out.push(e.clone()),
        }
    }
    out
}

/// `YYYY-MM-DD` written and read by hand, as `time` does for instants, so
/// chrono's general formatter stays out of the bundle.
mod ymd {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `2026-03-05`.
    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_date(*d))
    }

    /// Reads `2026-03-05`; anything else is an error naming the text.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        super::parse_date(&s).map_err(serde::de::Error::custom)
    }
}

/// `2026-03-05`: the stored and exported form of a date.
pub fn format_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Parses `YYYY-MM-DD` (the stored form of [`EpisodeEnd::ended_on`]).
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let bad = || format!("\"{s}\" is not a date written YYYY-MM-DD");
    let b = s.as_bytes();
    if !s.is_ascii() || b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    NaiveDate::from_ymd_opt(
        y.ok_or_else(bad)? as i32,
        m.ok_or_else(bad)?,
        d.ok_or_else(bad)?,
    )
    .ok_or_else(bad)
}
