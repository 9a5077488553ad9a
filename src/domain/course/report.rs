//! One client's report, to print or save as PDF: its title, the period it
//! covers, and which progress notes it carries. The chart and the table come
//! from [`crate::domain::course::history`] unchanged, so the report says exactly what
//! the client's page says.

use crate::domain::course::history::{date_text, ClientHistory};
use crate::domain::course::note::note_text;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::time;
use chrono::{DateTime, Utc};

/// `SRS report: client JD`.
pub fn title(client_label: &str) -> String {
    format!("SRS report: client {}", client_label.trim())
}

/// The period the report covers, from the first to the last session's local
/// date, with how many sessions: `3 sessions, 2 Jan 2026 – 14 Mar 2026`;
/// `1 session, 22 Nov 2026`; sessions all on one day name that day once.
pub fn period_text(history: &ClientHistory<'_>, offset_east_minutes: i32) -> String {
    let sessions = history.sessions();
    let (Some(first), Some(last)) = (sessions.first(), sessions.last()) else {
        return "No sessions rated yet.".to_string();
    };
    let n = sessions.len();
    let count = if n == 1 {
        "1 session".to_string()
    } else {
        format!("{n} sessions")
    };
    let from = date_text(first.session_at, offset_east_minutes);
    let to = date_text(last.session_at, offset_east_minutes);
    if from == to {
        format!("{count}, {from}")
    } else {
        format!("{count}, {from} \u{2013} {to}")
    }
}

/// `Printed 22 Nov 2026`, so a paper copy says how current it is.
pub fn printed_text(now: DateTime<Utc>, offset_east_minutes: i32) -> String {
    format!("Printed {}", date_text(now, offset_east_minutes))
}

/// One session's progress note as the report prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportNote {
    /// The rating the note belongs to.
    pub rating_id: String,
    /// The session's local date, `22 Nov 2026` (a heading for the note).
    pub date_text: String,
    /// The paste-ready note ([`note_text`]): header line, then the sentences.
    pub text: String,
}

/// The progress notes of the sessions that have one (a note with both fields
/// blank is no note), earliest first, each the same text the review offers
/// to paste (in `w`'s language), dated by the session's local calendar date.
pub fn notes(
    history: &ClientHistory<'_>,
    scale: &ScaleDefinition,
    client_label: &str,
    offset_east_minutes: i32,
    w: crate::domain::words::Words,
) -> Vec<ReportNote> {
    history
        .sessions()
        .iter()
        .filter_map(|r| {
            let input = r.note.as_ref().filter(|n| !n.is_blank())?;
            let day = time::local_minutes(r.session_at, offset_east_minutes);
            let day = day.get(..10).unwrap_or(&day);
            Some(ReportNote {
                rating_id: r.id.clone(),
                date_text: date_text(r.session_at, offset_east_minutes),
                text: note_text(scale, r, Some(client_label), day, input, w),
            })
        })
        .collect()
}
