//! The Outcome Rating Scale (ORS) read over time: the client's total against
//! the clinical cutoff for their age group, change since intake (the first
//! ORS) and since the last session, and what that change means.
//!
//! Rules (thresholds.rs has the sources): a change of at least 5.0 from intake
//! is reliable; a reliable improvement that also crosses the cutoff from below
//! is clinically significant (Jacobson–Truax); no reliable change by the
//! fourth session is an alert. Totals are exact tenths, so 24.9 and 25.0 never
//! blur.

use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::score::Total;
use crate::domain::measures::status::Tone;
use crate::domain::measures::thresholds::{ORS_NO_CHANGE_SESSIONS, ORS_RELIABLE_CHANGE};
use crate::domain::words::Words;
use serde::{Deserialize, Serialize};
use std::fmt;

mod chart;
mod client;
mod table;
mod words;
pub use chart::{
    band_edges, client_axis, Band, ChangeMarker, ExpectedLine, Level, OutcomeChart, OutcomePoint,
    Reading,
};
pub use client::{ors_sessions, ors_status, others_ors_totals, EpisodeNumbers, OrsSession};
pub use table::{review_href, rows_shown, session_rows, table_caption, SessionRow, RECENT_ROWS};

/// A signed difference between two totals, in tenths (+50 is up 5.0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Change(pub i16);

impl Change {
    /// How far `to` is from `from`; positive when it rose.
    pub fn between(from: Total, to: Total) -> Self {
        // Totals of up to 16 items fit in i16 (1600 tenths); clamp the rest
        // rather than wrap, so a corrupt total can never flip the sign.
        let diff = i32::from(to.tenths()) - i32::from(from.tenths());
        Change(diff.clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as i16)
    }

    /// The change in tenths.
    pub const fn tenths(self) -> i16 {
        self.0
    }

    /// Up by at least the reliable change (5.0).
    pub fn is_reliable_improvement(self) -> bool {
        i32::from(self.0) >= i32::from(ORS_RELIABLE_CHANGE)
    }

    /// Down by at least the reliable change (5.0).
    pub fn is_reliable_deterioration(self) -> bool {
        i32::from(self.0) <= -i32::from(ORS_RELIABLE_CHANGE)
    }

    /// `up 5.0`, `down 4.9`, `unchanged`: words, so no sign is misread;
    /// in `w`'s language.
    pub fn words(self, w: Words) -> String {
        words::change_words(self, w)
    }
}

impl fmt::Display for Change {
    /// Signed, one decimal: `+5.0`, `-4.9`, `0.0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let size = self.0.unsigned_abs();
        let sign = match self.0 {
            d if d > 0 => "+",
            d if d < 0 => "-",
            _ => "",
        };
        write!(f, "{sign}{}.{}", size / 10, size % 10)
    }
}

/// Where the client stands compared with intake.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeCategory {
    /// The first ORS: the baseline everything else is measured from.
    Intake,
    /// Less than 5.0 up or down from intake.
    NoReliableChange,
    /// Up by 5.0 or more from intake.
    ReliableImprovement,
    /// Up by 5.0 or more, from below the cutoff at intake to at or above it now.
    ClinicallySignificantImprovement,
    /// Down by 5.0 or more from intake.
    ReliableDeterioration,
}

impl OutcomeCategory {
    /// Category of `now` against `intake` for this age group.
    pub fn of(age: AgeGroup, intake: Total, now: Total) -> Self {
        let change = Change::between(intake, now);
        let cutoff = age.cutoff();
        if change.is_reliable_improvement() {
            if intake < cutoff && now >= cutoff {
                OutcomeCategory::ClinicallySignificantImprovement
            } else {
                OutcomeCategory::ReliableImprovement
            }
        } else if change.is_reliable_deterioration() {
            OutcomeCategory::ReliableDeterioration
        } else {
            OutcomeCategory::NoReliableChange
        }
    }

    /// A short tag for a badge, in `w`'s language.
    pub fn label(self, w: Words) -> &'static str {
        words::category_label(self, w)
    }

    /// One plain sentence on what the category means, in `w`'s language.
    pub fn text(self, w: Words) -> &'static str {
        words::category_text(self, w)
    }
}

/// The ORS reading of one session, with everything the review needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeStatus {
    /// Position in the client's ORS sessions, counting intake as 1.
    pub session_number: usize,
    /// Whose cutoff applies.
    pub age_group: AgeGroup,
    /// This session's total.
    pub total: Total,
    /// The first ORS total.
    pub intake: Total,
    /// Total below the age group's cutoff.
    pub below_cutoff: bool,
    /// Change since intake; `None` at intake itself.
    pub since_intake: Option<Change>,
    /// Change since the previous ORS; `None` at intake.
    pub since_last: Option<Change>,
    /// What the change since intake means.
    pub category: OutcomeCategory,
    /// No reliable change (up or down) by session [`ORS_NO_CHANGE_SESSIONS`] or later.
    pub no_change_alert: bool,
    /// Which episode of care of the client the reading is in (1 for the
    /// first): the intake sentence names it for a returning client, whose
    /// intake is the new episode's own first ORS.
    pub episode: usize,
}

impl OutcomeStatus {
    /// The status of session `index` (0 = intake) among one client's ORS
    /// totals in session order; `None` when there is no such session.
    ///
    /// Only sessions up to `index` are read, so a past session's status never
    /// changes when later ones arrive.
    pub fn at(age_group: AgeGroup, totals: &[Total], index: usize) -> Option<Self> {
        let total = *totals.get(index)?;
        let intake = totals[0];
        let previous = index.checked_sub(1).map(|p| totals[p]);
        let session_number = index + 1;
        let category = if index == 0 {
            OutcomeCategory::Intake
        } else {
            OutcomeCategory::of(age_group, intake, total)
        };
        Some(OutcomeStatus {
            session_number,
            age_group,
            total,
            intake,
            below_cutoff: total < age_group.cutoff(),
            since_intake: previous.map(|_| Change::between(intake, total)),
            since_last: previous.map(|p| Change::between(p, total)),
            category,
            no_change_alert: category == OutcomeCategory::NoReliableChange
                && session_number >= ORS_NO_CHANGE_SESSIONS,
            episode: 1,
        })
    }

    /// The same reading, marked as in episode `number` of the client's
    /// episodes of care (`at` and `all` read one episode's totals and mark
    /// it as the first).
    pub fn in_episode(self, number: usize) -> Self {
        OutcomeStatus {
            episode: number.max(1),
            ..self
        }
    }

    /// The status of every session, in order.
    pub fn all(age_group: AgeGroup, totals: &[Total]) -> Vec<Self> {
        (0..totals.len())
            .filter_map(|i| Self::at(age_group, totals, i))
            .collect()
    }

    /// How the review colours this reading (a calm colour, never a verdict):
    /// attention for a reliable fall or the no-change alert, strong for a
    /// reliable improvement, steady otherwise (intake included).
    pub fn tone(&self) -> Tone {
        match self.category {
            OutcomeCategory::ReliableDeterioration => Tone::Attention,
            _ if self.no_change_alert => Tone::Attention,
            OutcomeCategory::ReliableImprovement
            | OutcomeCategory::ClinicallySignificantImprovement => Tone::Strong,
            _ => Tone::Steady,
        }
    }

    /// The clinical cutoff that applies.
    pub fn cutoff(&self) -> Total {
        self.age_group.cutoff()
    }

    /// `22.5 / 40, below the adult cutoff of 25.0.` (every sentence of the
    /// status is in `w`'s language).
    pub fn cutoff_text(&self, w: Words) -> String {
        words::cutoff_text(self, w)
    }

    /// `Up 5.0 since intake (17.5).`; for intake, that this is the baseline
    /// (and, from a client's second episode on, which episode it opens).
    pub fn intake_text(&self, w: Words) -> String {
        words::intake_text(self, w)
    }

    /// `Down 1.0 since last session.`; empty at intake.
    pub fn last_text(&self, w: Words) -> String {
        words::last_text(self, w)
    }

    /// The alert sentence when there is no reliable change by the fourth
    /// session; empty otherwise.
    pub fn alert_text(&self, w: Words) -> String {
        words::alert_text(self, w)
    }

    /// All of the above, as one short paragraph.
    pub fn text(&self, w: Words) -> String {
        let parts = [
            self.cutoff_text(w),
            self.intake_text(w),
            self.last_text(w),
            self.category.text(w).to_string(),
            self.alert_text(w),
        ];
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}
