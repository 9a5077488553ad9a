//! The spreadsheet export: one row per measure (an ORS or an SRS, from one
//! rater), RFC 4180.
//!
//! Layout decision: each scale has its own, titled item columns (`ORS:
//! Individually` … `SRS: Overall`), and a row fills only its own measure's,
//! leaving the other scale's blank. The alternative, generic `item1`…`item4`
//! columns shared by both scales, would be narrower, but a column would then
//! mean two different things: the fourth column is the ORS's "Overall" on
//! one row and the SRS's "Overall" on the next, and a spreadsheet average or
//! chart of it would silently mix the past week with the session. A header
//! can name only one item, so one column per item of each scale is the only
//! layout whose header says exactly what every cell in it is. The `measure`
//! column (`ORS`/`SRS`) still says which half a row fills, and the shared
//! `total` column is read together with it.

use crate::domain::course::session::sessions;
use crate::domain::records::therapist::held_by;

use crate::domain::measures::kinds::{MeasureKind, RaterRef};
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::{ScaleDefinition, Scales};
use crate::domain::raters::roster::rater_label;
use crate::domain::records::store::Store;
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

/// The measures in column and row order: the ORS is given at the start of a
/// session and the SRS at its end.
const MEASURES: [MeasureKind; 2] = [MeasureKind::Ors, MeasureKind::Srs];

/// `attune-ratings-2026-11-22.csv`.
pub fn csv_file_name(now: DateTime<Utc>) -> String {
    format!("attune-ratings-{}.csv", time::date(now))
}

/// All measures as CSV (RFC 4180, CRLF line ends, UTF-8 without BOM).
///
/// Header: `client,session,session_at,recorded_at,measure,rater,<ORS items…>,
/// <SRS items…>,total,band,client_feedback,therapist_response,therapist,wording`.
/// - `session` is the session's id, shared by the measures given in it, and
///   `session_at` the session's date: the earliest of its measures', as
///   every view dates a session (the form saves a session's SRS with its
///   own time, minutes after the ORS), so all rows of a session agree.
///   `recorded_at` is when each measure was saved.
/// - `measure` is `ORS` or `SRS`.
/// - `rater` is `client` (the client themself), `member:<label>` (another
///   client of the case, by its label; its id when that client is not
///   stored) or `collateral:<label>` (someone rating on the client's behalf).
/// - Item columns are titled `ORS: <title>` and `SRS: <title>` from the
///   scale definitions (see the module doc for why each scale has its own).
///   A measure with more scores than its scale has items gets extra
///   `ORS: item N` / `SRS: item N` columns rather than losing them.
/// - `band` is the SRS's alliance band (poor, fair, good); empty on ORS rows,
///   whose totals are read against the client's age-group cutoff instead.
/// - `client_feedback` and `therapist_response` are the measure's note,
///   trimmed, empty when there is none; `therapist` who held the session;
///   `wording` the language and pack the lines were shown in
///   (`es attune-es 1`), empty for Attune's own English.
///
/// Times are RFC 3339 UTC: the core has no time zone, and a bare date would
/// be a day off for evening sessions west of Greenwich. Rows are sorted by
/// client label (empty for unassigned ratings), then session date and
/// session, so a session's rows stand together: the ORS before the SRS, the
/// client's own before other raters'.
///
/// Text cells starting with `=`, `+`, `-`, `@`, tab or CR get a leading `'`
/// (OWASP's advice against CSV formula injection): a label is typed by a
/// person and a spreadsheet would otherwise run it as a formula. Numbers are
/// never negative, so no score is altered.
pub fn csv(store: &Store, scales: &Scales) -> String {
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
    let dates: HashMap<&str, DateTime<Utc>> = sessions(&store.ratings)
        .into_iter()
        .map(|s| (s.id, s.at))
        .collect();
    let session_at = |r: &Rating| dates.get(r.session_key()).copied().unwrap_or(r.session_at);
    let mut rows: Vec<&Rating> = store.ratings.iter().collect();
    // Client id and rating id break ties so the order never depends on storage order.
    rows.sort_by(|a, b| {
        (
            label(a),
            &a.client_id,
            session_at(a),
            a.session_key(),
            measure_rank(a.measure),
            rater_rank(&a.rater),
            &a.id,
        )
            .cmp(&(
                label(b),
                &b.client_id,
                session_at(b),
                b.session_key(),
                measure_rank(b.measure),
                rater_rank(&b.rater),
                &b.id,
            ))
    });
    // How many item columns each measure gets: its scale's items, or more.
    let columns = MEASURES.map(|kind| {
        store
            .ratings
            .iter()
            .filter(|r| r.measure == kind)
            .map(|r| r.scores.len())
            .max()
            .unwrap_or(0)
            .max(scales.of(kind).items.len())
    });

    let mut header = vec![
        "client".to_string(),
        "session".into(),
        "session_at".into(),
        "recorded_at".into(),
        "measure".into(),
        "rater".into(),
    ];
    for (kind, &n) in MEASURES.iter().zip(&columns) {
        header.extend(item_headers(*kind, scales.of(*kind), n));
    }
    header.extend([
        "total".to_string(),
        "band".into(),
        "client_feedback".into(),
        "therapist_response".into(),
        // Who held the session (last, so every earlier column stays where
        // it was before the clinic named therapists).
        "therapist".into(),
        // The wording the lines were shown in (`es attune-es 1`), empty for
        // Attune's own English; last, so every earlier column stays put.
        "wording".into(),
    ]);

    let mut out = String::new();
    push_row(&mut out, &header);
    for r in rows {
        let mut cells = vec![
            label(r).to_string(),
            r.session_key().to_string(),
            time::format(session_at(r)),
            time::format(r.recorded_at),
            r.measure.short().to_string(),
            rater_cell(store, r),
        ];
        for (kind, &n) in MEASURES.iter().zip(&columns) {
            let own = *kind == r.measure;
            cells.extend((0..n).map(|i| {
                r.scores
                    .get(i)
                    .filter(|_| own)
                    .map_or_else(String::new, |s| s.to_string())
            }));
        }
        cells.push(r.total().to_string());
        cells.push(match r.measure {
            MeasureKind::Srs => r.band().label().to_string(),
            MeasureKind::Ors => String::new(),
        });
        let note = r.note.as_ref();
        cells.push(note.map_or("", |n| n.client_feedback.trim()).to_string());
        cells.push(note.map_or("", |n| n.therapist_response.trim()).to_string());
        let client = r
            .client_id
            .as_deref()
            .and_then(|id| store.clients.iter().find(|c| c.id == id));
        cells.push(held_by(r, client).unwrap_or("").to_string());
        cells.push(r.wording.as_ref().map(|w| w.cell()).unwrap_or_default());
        push_row(&mut out, &cells);
    }
    out
}

/// `ORS: Individually`, …, then `ORS: item 5` for columns beyond the scale.
fn item_headers(kind: MeasureKind, scale: &ScaleDefinition, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| match scale.items.get(i) {
            Some(item) => format!("{}: {}", kind.short(), item.title),
            None => format!("{}: item {}", kind.short(), i + 1),
        })
        .collect()
}

fn measure_rank(kind: MeasureKind) -> usize {
    MEASURES.iter().position(|k| *k == kind).unwrap_or(0)
}

fn rater_rank(rater: &RaterRef) -> u8 {
    match rater {
        RaterRef::Client => 0,
        RaterRef::Member { .. } => 1,
        RaterRef::Collateral { .. } => 2,
    }
}

/// `client`, `member:<label>` (`member:<id>` for a member whose label is not
/// stored) or `collateral:<label>`, labels read as
/// [`crate::domain::raters::roster::rater_label`] reads them.
fn rater_cell(store: &Store, r: &Rating) -> String {
    let label = rater_label(store, r.client_id.as_deref(), &r.rater);
    match &r.rater {
        RaterRef::Client => "client".into(),
        RaterRef::Member { id } => format!("member:{}", label.unwrap_or(id)),
        RaterRef::Collateral { label: own, .. } => {
            format!("collateral:{}", label.unwrap_or(own))
        }
    }
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

/// One cell, guarded against formula injection and quoted when needed;
/// shared with the outcomes report's CSV.
pub(super) fn push_cell(out: &mut String, cell: &str) {
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
