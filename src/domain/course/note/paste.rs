//! The note ready to paste: the therapist's own words, quoted exactly as
//! typed, after the score. Nothing is rephrased and nothing is invented: an
//! empty field leaves its sentence out rather than filling it with a stock
//! phrase, because a clinical record must say only what was said.

use crate::domain::course::outcome::{OutcomeCategory, OutcomeStatus};
use crate::domain::measures::names::scored_names_in;
use crate::domain::measures::numbers::short;
use crate::domain::measures::rating::NoteInput;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::Total;
use crate::domain::words::Words;

/// The paste-ready note: a header line (date, then client code when there is
/// one), then up to three sentences: the score, the client's feedback and the
/// therapist's response, the last two quoted exactly as typed (trimmed).
///
/// The note is written in `w`'s language (the therapist's; it goes into the
/// therapist's own record), the typed words untouched.
/// `date_text` is formatted by the caller (the core has no time zone). A
/// quote that does not end a sentence gets a full stop after the closing
/// quotation mark, never inside it, so the quoted words stay the typed words.
///
/// ```text
/// 2026-11-22, client JD
/// SRS total: 31.0/40; lowest item: Approach or Method (5.0/10). Client's feedback: "felt I pushed too hard on homework." Therapist's response: "agreed to set homework together".
/// ```
pub fn note_text(
    scale: &ScaleDefinition,
    rating: &Rating,
    client_label: Option<&str>,
    date_text: &str,
    input: &NoteInput,
    w: Words,
) -> String {
    session_note_text(
        Some((scale, rating)),
        None,
        client_label,
        date_text,
        input,
        w,
    )
}

/// The ORS half of a session's note: the ORS scale (for its maximum), the
/// total, and the status of the session's ORS when the client's ORS history
/// gives one ([`crate::domain::course::session::ors_status`]; an unassigned ORS has
/// no intake to compare with).
#[derive(Clone, Copy, Debug)]
pub struct OrsNote<'a> {
    /// The ORS definition the maximum comes from.
    pub scale: &'a ScaleDefinition,
    /// The ORS total.
    pub total: Total,
    /// Its status (intake, category), when known.
    pub status: Option<&'a OutcomeStatus>,
}

/// The note of a whole session: like [`note_text`], with an ORS sentence
/// before the SRS one when the session has an ORS, and either measure
/// optional (a session with only an ORS gets only the ORS sentence):
///
/// ```text
/// 2026-11-22, client JD
/// ORS total: 18.5/40 (intake 13.5, reliable improvement). SRS total: 37.5/40; lowest item: Overall (9.0/10).
/// ```
pub fn session_note_text(
    srs: Option<(&ScaleDefinition, &Rating)>,
    ors: Option<OrsNote<'_>>,
    client_label: Option<&str>,
    date_text: &str,
    input: &NoteInput,
    w: Words,
) -> String {
    let date = Some(date_text.trim().to_string()).filter(|d| !d.is_empty());
    let client = client_label
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| w.trf("client {label}", &[("label", &l)]));
    let header: Vec<String> = date.into_iter().chain(client).collect();
    let mut sentences: Vec<String> = ors.map(|o| ors_sentence(o, w)).into_iter().collect();
    sentences.extend(srs.map(|(scale, rating)| score_sentence(scale, rating, w)));
    sentences.extend(quoted(w.tr("Client's feedback"), &input.client_feedback));
    sentences.extend(quoted(
        w.tr("Therapist's response"),
        &input.therapist_response,
    ));
    let body = sentences.join(" ");
    if header.is_empty() {
        body
    } else {
        format!("{}\n{body}", header.join(", "))
    }
}

/// `ORS total: 18.5/40 (intake 13.5, reliable improvement).`; at intake,
/// `ORS total: 13.5/40 (intake).`; with no status, `ORS total: 13.5/40.`
/// The maximum comes from the ORS scale.
fn ors_sentence(ors: OrsNote<'_>, w: Words) -> String {
    let max = short(ors.scale.max_total().tenths());
    let about = match ors.status {
        None => String::new(),
        Some(s) if s.since_intake.is_none() => w.tr(" (intake)").to_string(),
        Some(s) => w.trf(
            " (intake {intake}, {category})",
            &[
                ("intake", &s.intake),
                ("category", &category_words(s.category, w)),
            ],
        ),
    };
    w.trf(
        "ORS total: {total}/{max}{about}.",
        &[("total", &ors.total), ("max", &max), ("about", &about)],
    )
}

/// The category inside a sentence (lower case in English), as the note says it.
fn category_words(c: OutcomeCategory, w: Words) -> &'static str {
    match c {
        OutcomeCategory::Intake => w.tr("intake"),
        OutcomeCategory::NoReliableChange => w.tr("no reliable change"),
        OutcomeCategory::ReliableImprovement => w.tr("reliable improvement"),
        OutcomeCategory::ClinicallySignificantImprovement => {
            w.tr("clinically significant improvement")
        }
        OutcomeCategory::ReliableDeterioration => w.tr("reliable deterioration"),
    }
}

/// `SRS total: 31.0/40; lowest item: Approach or Method (5.0/10).` The
/// maximum comes from the scale (10 per item), so a shorter scale is not out of 40.
fn score_sentence(scale: &ScaleDefinition, rating: &Rating, w: Words) -> String {
    let max = scale.items.len().max(rating.scores.len()) * 10;
    let lowest = rating.lowest();
    let items = scored_names_in(scale, rating, &lowest, w);
    let args: [(&str, &dyn std::fmt::Display); 3] =
        [("total", &rating.total()), ("max", &max), ("items", &items)];
    if lowest.len() == 1 {
        w.trf("SRS total: {total}/{max}; lowest item: {items}.", &args)
    } else {
        w.trf("SRS total: {total}/{max}; lowest items: {items}.", &args)
    }
}

/// `Label: "text"` with the text trimmed and otherwise untouched; `None` when blank.
fn quoted(label: &str, typed: &str) -> Option<String> {
    let text = typed.trim();
    if text.is_empty() {
        return None;
    }
    let stop = if text.ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    };
    Some(format!("{label}: \"{text}\"{stop}"))
}
