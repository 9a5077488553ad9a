//! Two raters of one session compared: partners or family members who see
//! the same session (SRS) or the same week (ORS) differently. A difference
//! is not an error to average away: a split alliance is clinically valuable
//! (seed 004), so it is shown side by side and named.
//!
//! Rule (product decision in the clinical notes, thresholds in
//! [`crate::domain::measures::thresholds`]): two raters diverge when their totals are
//! at least 5.0 apart or any one item is at least 3.0 apart, for the SRS
//! and the ORS alike. Gaps are exact tenths, so 4.9 and 5.0 never blur.
//! Items are compared by position: every version of a measure (adult,
//! child, group) has the same dimensions in the same order.

use crate::domain::course::session::Session;
use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::kinds::{MeasureKind, RaterRef};
use crate::domain::measures::names::{item_name, join_names_in};
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::{Tenths, Total};
use crate::domain::measures::thresholds::{
    ORS_DIVERGENCE_ITEM, ORS_DIVERGENCE_TOTAL, SRS_DIVERGENCE_ITEM, SRS_DIVERGENCE_TOTAL,
};
use crate::domain::raters::roster::{rater_age, rater_name};
use crate::domain::records::case::same_rater;
use crate::domain::records::store::Store;
use crate::domain::words::Words;

/// The divergence thresholds of a measure, in tenths: (total, item).
pub fn thresholds(measure: MeasureKind) -> (u16, u16) {
    match measure {
        MeasureKind::Srs => (SRS_DIVERGENCE_TOTAL, SRS_DIVERGENCE_ITEM),
        MeasureKind::Ors => (ORS_DIVERGENCE_TOTAL, ORS_DIVERGENCE_ITEM),
    }
}

/// One rater's marks on one measure of a session, ready to compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaterScores {
    /// Who rated.
    pub rater: RaterRef,
    /// Their label.
    pub label: String,
    /// Their age group (the ORS cutoff that applies to them).
    pub age_group: AgeGroup,
    /// Their item scores, in scale order.
    pub scores: Vec<Tenths>,
    /// The largest total of the scale they rated.
    pub max: Total,
}

impl RaterScores {
    /// Their total.
    pub fn total(&self) -> Total {
        Total::of(&self.scores)
    }
}

/// Every rater's marks on `measure` in `session`, in the order they were
/// saved (a neutral order: never by score). A person who somehow rated
/// twice counts once, with their first saved rating. `max_of` gives the
/// largest total of the scale a rating was made with.
pub fn session_scores(
    store: &Store,
    session: &Session<'_>,
    measure: MeasureKind,
    max_of: impl Fn(&Rating) -> Total,
) -> Vec<RaterScores> {
    let mut out: Vec<RaterScores> = Vec::new();
    for r in session.measures.iter().filter(|r| r.measure == measure) {
        if out.iter().any(|o| same_rater(&o.rater, &r.rater)) {
            continue;
        }
        let cid = r.client_id.as_deref();
        out.push(RaterScores {
            rater: r.rater.clone(),
            label: rater_name(store, cid, &r.rater).to_string(),
            age_group: rater_age(store, cid, &r.rater),
            scores: r.scores.clone(),
            max: max_of(r),
        });
    }
    out
}

/// How far apart two raters' marks are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    /// Distance between the totals, in tenths.
    pub total: u16,
    /// Distance on each item, in tenths (items both rated).
    pub items: Vec<u16>,
    /// True when the totals are at least the total threshold apart.
    pub totals_diverge: bool,
    /// Items at least the item threshold apart, in scale order.
    pub diverging_items: Vec<usize>,
}

impl Gap {
    /// True when the totals or any item diverge.
    pub fn diverges(&self) -> bool {
        self.totals_diverge || !self.diverging_items.is_empty()
    }

    /// `totals 10.5 apart; Goals and Topics 4.0 apart`: what diverges, with
    /// the distances, items named from `scale`, in `w`; empty when nothing does.
    pub fn words(&self, scale: &ScaleDefinition, w: Words) -> String {
        let total = self
            .totals_diverge
            .then(|| w.trf("totals {gap} apart", &[("gap", &Total(self.total))]));
        let items = self.diverging_items.iter().map(|&i| {
            w.trf(
                "{item} {gap} apart",
                &[
                    ("item", &item_name(scale, i)),
                    ("gap", &Total(self.items[i])),
                ],
            )
        });
        total
            .into_iter()
            .chain(items)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Compares two raters' marks on `measure`.
pub fn compare(measure: MeasureKind, a: &[Tenths], b: &[Tenths]) -> Gap {
    let (total_at, item_at) = thresholds(measure);
    let items: Vec<u16> = a
        .iter()
        .zip(b)
        .map(|(x, y)| x.get().abs_diff(y.get()))
        .collect();
    let total = Total::of(a).tenths().abs_diff(Total::of(b).tenths());
    Gap {
        total,
        totals_diverge: total >= total_at,
        diverging_items: (0..items.len()).filter(|&i| items[i] >= item_at).collect(),
        items,
    }
}

/// Two raters compared, by their places in the entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The first rater's index (the earlier of the two).
    pub a: usize,
    /// The second rater's index.
    pub b: usize,
    /// How far apart they are.
    pub gap: Gap,
}

/// One item's row of the side-by-side table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemRow {
    /// The item's title.
    pub title: String,
    /// Each rater's mark, in the entries' order (`None` if missing).
    pub scores: Vec<Option<Tenths>>,
    /// True when some pair of raters is at least 3.0 apart here.
    pub diverges: bool,
}

/// The figures of several raters side by side, per item and total, with
/// every pair compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SideBySide {
    /// The measure compared.
    pub measure: MeasureKind,
    /// Column heads: the raters' labels, in the entries' order.
    pub labels: Vec<String>,
    /// One row per item of `scale`.
    pub items: Vec<ItemRow>,
    /// Each rater's total, in the entries' order.
    pub totals: Vec<Total>,
    /// Each rater's largest possible total (from their scale).
    pub maxima: Vec<Total>,
    /// True when some pair's totals are at least 5.0 apart.
    pub totals_diverge: bool,
    /// Every pair of raters (a before b), in entries order.
    pub pairs: Vec<Pair>,
}

impl SideBySide {
    /// True when any pair diverges.
    pub fn diverges(&self) -> bool {
        self.pairs.iter().any(|p| p.gap.diverges())
    }

    /// The items on which some pair diverges, in scale order.
    pub fn diverging_items(&self) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&i| self.items[i].diverges)
            .collect()
    }

    /// The flag naming what diverges ("Ratings differ on the total and on
    /// Goals and Topics."); `None` when nothing does. Names no rater and no
    /// mark, so it can sit above the table. In `w`.
    pub fn flag(&self, w: Words) -> Option<String> {
        if !self.diverges() {
            return None;
        }
        let items: Vec<String> = self
            .diverging_items()
            .into_iter()
            .map(|i| self.items[i].title.clone())
            .collect();
        let names = join_names_in(&items, w);
        Some(match (self.totals_diverge, items.is_empty()) {
            (true, true) => w.tr("Ratings differ on the total.").to_string(),
            (true, false) => w.trf(
                "Ratings differ on the total and on {items}.",
                &[("items", &names)],
            ),
            _ => w.trf("Ratings differ on {items}.", &[("items", &names)]),
        })
    }
}

/// Lays out `entries` (one per rater, see [`session_scores`]) side by side,
/// items titled from `scale`, and compares every pair on `measure`.
pub fn side_by_side(
    measure: MeasureKind,
    scale: &ScaleDefinition,
    entries: &[RaterScores],
) -> SideBySide {
    let mut pairs = Vec::new();
    for a in 0..entries.len() {
        for b in a + 1..entries.len() {
            pairs.push(Pair {
                a,
                b,
                gap: compare(measure, &entries[a].scores, &entries[b].scores),
            });
        }
    }
    let count = entries
        .iter()
        .map(|e| e.scores.len())
        .max()
        .unwrap_or(0)
        .max(scale.items.len());
    let items = (0..count)
        .map(|i| ItemRow {
            title: item_name(scale, i),
            scores: entries.iter().map(|e| e.scores.get(i).copied()).collect(),
            diverges: pairs.iter().any(|p| p.gap.diverging_items.contains(&i)),
        })
        .collect();
    SideBySide {
        measure,
        labels: entries.iter().map(|e| e.label.clone()).collect(),
        items,
        totals: entries.iter().map(RaterScores::total).collect(),
        maxima: entries.iter().map(|e| e.max).collect(),
        totals_diverge: pairs.iter().any(|p| p.gap.totals_diverge),
        pairs,
    }
}
