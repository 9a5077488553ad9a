//! The progress-note line for a session with several raters: every
//! person's total, each out of their own scale's largest total, then what
//! the therapist should not miss: where two raters diverge (couples,
//! families) or the spread and who is below the cutoff (groups).
//!
//! ```text
//! SRS: A 38.0/40, B 27.5/40 (divergence: totals 10.5 apart; Goals and Topics 4.0 apart). ORS: A 30.0/40, B 28.0/40.
//! ```
//!
//! Raters are listed in the order they rated, never by score. Items are
//! named with the measure's standard titles, so a child's and a parent's
//! marks are compared under the same names.

use crate::domain::course::session::Session;

use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::numbers::short;
use crate::domain::measures::scale::Scales;
use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::CUTOFF_TOTAL;
use crate::domain::raters::divergence::{session_scores, side_by_side, RaterScores};
use crate::domain::raters::spread::group_spread;
use crate::domain::records::case::CaseKind;
use crate::domain::records::store::Store;
use crate::domain::words::Words;

/// The note line covering every rater of `session`: the SRS, then the ORS,
/// each left out when nobody gave it. Empty when the session has neither.
/// In `w`.
pub fn raters_note(store: &Store, scales: &Scales, session: &Session<'_>, w: Words) -> String {
    let kind = store
        .clients
        .iter()
        .find(|c| Some(c.id.as_str()) == session.client_id)
        .map(|c| c.kind)
        .unwrap_or_default();
    [MeasureKind::Srs, MeasureKind::Ors]
        .into_iter()
        .filter_map(|measure| {
            let entries = session_scores(store, session, measure, |r| {
                scales.for_rating(r).max_total()
            });
            (!entries.is_empty()).then(|| measure_line(scales, kind, measure, &entries, w))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `SRS: A 38.0/40, B 27.5/40 (…).`
fn measure_line(
    scales: &Scales,
    kind: CaseKind,
    measure: MeasureKind,
    entries: &[RaterScores],
    w: Words,
) -> String {
    let figures: Vec<String> = entries
        .iter()
        .map(|e| format!("{} {}/{}", e.label, e.total(), short(e.max.tenths())))
        .collect();
    let remark = if entries.len() < 2 {
        None
    } else if kind == CaseKind::Group {
        spread_remark(measure, entries, w)
    } else {
        divergence_remark(scales, measure, entries, w)
    };
    let remark = remark.map_or_else(String::new, |r| format!(" ({r})"));
    format!("{}: {}{remark}.", measure.short(), figures.join(", "))
}

/// `divergence: totals 10.5 apart; Goals and Topics 4.0 apart`, naming the
/// pair when more than two rated; `None` when nobody diverges.
fn divergence_remark(
    scales: &Scales,
    measure: MeasureKind,
    entries: &[RaterScores],
    w: Words,
) -> Option<String> {
    let scale = scales.of(measure);
    let side = side_by_side(measure, scale, entries);
    let parts: Vec<String> = side
        .pairs
        .iter()
        .filter(|p| p.gap.diverges())
        .map(|p| {
            let words = p.gap.words(scale, w);
            if entries.len() == 2 {
                words
            } else {
                w.trf(
                    "{a} and {b}: {gap}",
                    &[
                        ("a", &entries[p.a].label),
                        ("b", &entries[p.b].label),
                        ("gap", &words),
                    ],
                )
            }
        })
        .collect();
    (!parts.is_empty()).then(|| w.trf("divergence: {parts}", &[("parts", &parts.join("; "))]))
}

/// `spread: totals 27.5 to 38.0, median 33.0; below the cutoff of 36: B, C`.
fn spread_remark(measure: MeasureKind, entries: &[RaterScores], w: Words) -> Option<String> {
    let spread = group_spread(measure, entries)?;
    let t = spread.total;
    let mut text = w.trf(
        "spread: totals {low} to {high}, median {median}",
        &[
            ("low", &Total(t.low)),
            ("high", &Total(t.high)),
            ("median", &Total(t.median)),
        ],
    );
    if !spread.below_cutoff.is_empty() {
        let (cutoff, names) = match measure {
            MeasureKind::Srs => (
                w.trf(
                    "the cutoff of {cutoff}",
                    &[("cutoff", &short(CUTOFF_TOTAL))],
                ),
                spread.below_cutoff.clone(),
            ),
            // Each person's own cutoff, by age group, named beside them: a
            // note read later must say whose cutoff was 32.0 or 28.0.
            MeasureKind::Ors => (
                w.tr("their clinical cutoff").to_string(),
                spread
                    .below_cutoff
                    .iter()
                    .map(|label| {
                        let age = entries
                            .iter()
                            .find(|e| &e.label == label)
                            .map(|e| e.age_group)
                            .unwrap_or_default();
                        format!(
                            "{label} ({} {})",
                            age_word(age, w),
                            short(age.cutoff().tenths())
                        )
                    })
                    .collect(),
            ),
        };
        text.push_str(&w.trf(
            "; below {cutoff}: {names}",
            &[("cutoff", &cutoff), ("names", &names.join(", "))],
        ));
    }
    Some(text)
}

/// An age group's word in `w` (`adult`), as the note names a person's cutoff.
fn age_word(age: crate::domain::measures::kinds::AgeGroup, w: Words) -> &'static str {
    use crate::domain::measures::kinds::AgeGroup;
    match age {
        AgeGroup::Adult => w.tr("adult"),
        AgeGroup::Adolescent => w.tr("adolescent"),
        AgeGroup::Child => w.tr("child"),
    }
}
