//! The spreadsheet export: one row per rating, RFC 4180.

use crate::domain::rating::Rating;
use crate::domain::scale::ScaleDefinition;
use crate::domain::store::Store;
use crate::domain::time;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Byte-order mark the shell writes before [`csv`]'s text.
///
/// Decision: yes. Excel (Windows and Mac) reads a CSV without one in the
/// legacy code page, so a label like `Zoé` arrives as `ZoÃ©`; LibreOffice,
/// Numbers, Google Sheets and pandas (`utf-8-sig`) all accept it. It stays out
/// of [`csv`] itself so the text compares and parses cleanly.
pub const CSV_BOM: &str = "\u{feff}";

/// Media type for the download.
pub const CSV_MIME: &str = "text/csv;charset=utf-8";

/// `attune-ratings-2026-11-22.csv`.
pub fn csv_file_name(now: DateTime<Utc>) -> String {
    format!("attune-ratings-{}.csv", time::date(now))
}

/// All ratings as CSV (RFC 4180, CRLF line ends, UTF-8 without BOM).
///
/// Header: `client,session_at,recorded_at,<item titles…>,total,band,
/// client_feedback,therapist_response` (the last two are the rating's note,
/// trimmed, empty when there is none). Times are
/// RFC 3339 UTC: the core has no time zone, and a bare date would be a day off
/// for evening sessions west of Greenwich. Rows are sorted by client label
/// (empty for unassigned ratings), then session time. A rating with more
/// scores than the scale has items gets extra `item N` columns rather than
/// losing them.
///
/// Text cells starting with `=`, `+`, `-`, `@`, tab or CR get a leading `'`
/// (OWASP's advice against CSV formula injection): a label is typed by a
/// person and a spreadsheet would otherwise run it as a formula. Numbers are
/// never negative, so no score is altered.
pub fn csv(store: &Store, scale: &ScaleDefinition) -> String {
    let labels: HashMap<&str, &str> = store
        .clients
        .iter()
        .map(|c| (c.id.as_str(), c.label.as_str()))
        .collect();
    let label = |r: &Rating| {
        r.client_id
            .as_deref()
            .and_then(|id| labels.get(id).copied())
            .unwrap_or("")
    };
    let mut rows: Vec<&Rating> = store.ratings.iter().collect();
    // Client id and rating id break ties so the order never depends on storage order.
    rows.sort_by(|a, b| {
        (label(a), &a.client_id, a.session_at, &a.id).cmp(&(
            label(b),
            &b.client_id,
            b.session_at,
            &b.id,
        ))
    });
    let columns = store
        .ratings
        .iter()
        .map(|r| r.scores.len())
        .max()
        .unwrap_or(0)
        .max(scale.items.len());

    let mut header = vec![
        "client".to_string(),
        "session_at".into(),
        "recorded_at".into(),
    ];
    header.extend((0..columns).map(|i| match scale.items.get(i) {
        Some(item) => item.title.clone(),
        None => format!("item {}", i + 1),
    }));
    header.extend([
        "total".to_string(),
        "band".into(),
        "client_feedback".into(),
        "therapist_response".into(),
    ]);

    let mut out = String::new();
    push_row(&mut out, &header);
    for r in rows {
        let mut cells = vec![
            label(r).to_string(),
            time::format(r.session_at),
            time::format(r.recorded_at),
        ];
        cells.extend(
            (0..columns).map(|i| r.scores.get(i).map_or_else(String::new, |s| s.to_string())),
        );
        cells.push(r.total().to_string());
        cells.push(r.band().label().to_string());
        let note = r.note.as_ref();
        cells.push(note.map_or("", |n| n.client_feedback.trim()).to_string());
        cells.push(note.map_or("", |n| n.therapist_response.trim()).to_string());
        push_row(&mut out, &cells);
    }
    out
}

fn push_row(out: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, cell);
    }
    out.push_str("\r\n");
}

fn push_cell(out: &mut String, cell: &str) {
    let guarded;
    let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{cell}");
        guarded.as_str()
    } else {
        cell
    };
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}
