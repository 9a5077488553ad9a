//! One client's report, to print or save as PDF: its title, the period it
//! covers, and which progress notes it carries. The chart and the table come
//! from [`crate::domain::course::history`] unchanged, so the report says exactly what
//! the client's page says.

use crate::domain::course::history::{date_text, ClientHistory};
use crate::domain::course::note::note_text;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::words::Words;
use chrono::{DateTime, Utc};

/// `SRS report: client JD`, in `w`'s language.
pub fn title(client_label: &str, w: Words) -> String {
    w.trf(
        "SRS report: client {client}",
        &[("client", &client_label.trim())],
    )
}

/// The period the report covers, from the first to the last session's local
/// date, with how many sessions: `3 sessions, 2 Jan 2026 – 14 Mar 2026`;
/// `1 session, 22 Nov 2026`; sessions all on one day name that day once.
/// In `w`'s language.
pub fn period_text(history: &ClientHistory<'_>, offset_east_minutes: i32, w: Words) -> String {
    let sessions = history.sessions();
    let (Some(first), Some(last)) = (sessions.first(), sessions.last()) else {
        return w.tr("No sessions rated yet.").to_string();
    };
    let count = w.trn("{n} session", "{n} sessions", sessions.len(), &[]);
    let from = date_text(first.session_at, offset_east_minutes, w);
    let to = date_text(last.session_at, offset_east_minutes, w);
    if from == to {
        format!("{count}, {from}")
    } else {
        format!("{count}, {from} \u{2013} {to}")
    }
}

/// `Printed 22 Nov 2026`, so a paper copy says how current it is.
pub fn printed_text(now: DateTime<Utc>, offset_east_minutes: i32, w: Words) -> String {
    w.trf(
        "Printed {date}",
        &[("date", &date_text(now, offset_east_minutes, w))],
    )
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
    w: Words,
) -> Vec<ReportNote> {
    history
        .sessions()
        .iter()
        .filter_map(|r| {
            let input = r.note.as_ref().filter(|n| !n.is_blank())?;
            let day = w.local_day(r.session_at, offset_east_minutes);
            Some(ReportNote {
                rating_id: r.id.clone(),
                date_text: date_text(r.session_at, offset_east_minutes, w),
                text: note_text(scale, r, Some(client_label), &day, input, w),
            })
        })
        .collect()
}
