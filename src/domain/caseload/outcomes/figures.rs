//! Every figure of the outcomes report for one group of episodes (an age
//! group, or all), computed from the per-episode rows alone.
//!
//! Which rows each figure reads (the module doc of `outcomes` says why):
//! - counts (clients, episodes, open, ended, by reason, collateral raters):
//!   every episode in the period; always shown, counts are facts;
//! - average intake ORS and SRS: every episode in the period with one;
//! - sessions per episode, length, dropout: episodes ended in the period;
//! - effect size and the four change shares: episodes ended in the period
//!   with at least two of the client's own ORS;
//! - feedback elicited: the client's own SRS given in the period.

use crate::domain::caseload::figures::Share;
use crate::domain::caseload::outcomes::rows::EpisodeRow;
use crate::domain::caseload::outcomes::stats::{effect_size, gate, mean_of, EffectSize, Estimate};
use crate::domain::course::outcome::OutcomeCategory;
use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::{MIN_EPISODES_FOR_OUTCOMES, MIN_SESSIONS_FOR_FIGURES};
use crate::domain::records::episode_end::EndReason;
use std::collections::HashSet;

/// Which episodes a column of the report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    /// Every episode in the report.
    All,
    /// The episodes of clients in one age group.
    Age(AgeGroup),
}

impl Group {
    /// All, then each age group: the report's column order.
    pub const ALL: [Group; 4] = [
        Group::All,
        Group::Age(AgeGroup::Adult),
        Group::Age(AgeGroup::Adolescent),
        Group::Age(AgeGroup::Child),
    ];

    /// `all`, `adult`, `adolescent`, `child`: CSV cells and test ids.
    pub fn key(self) -> &'static str {
        match self {
            Group::All => "all",
            Group::Age(a) => a.label(),
        }
    }

    /// True when `row` belongs to the group.
    pub fn holds(self, row: &EpisodeRow) -> bool {
        match self {
            Group::All => true,
            Group::Age(a) => row.age_group == a,
        }
    }
}

/// Every figure of one group.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// Which episodes.
    pub group: Group,
    /// Clients (or cases) with an episode in the period.
    pub clients: usize,
    /// Episodes in the period.
    pub episodes: usize,
    /// Of those, still open at the period's end.
    pub open: usize,
    /// Of those, ended within the period.
    pub ended: usize,
    /// Ended within the period, by reason, in [`EndReason::ALL`]'s order.
    pub ended_by_reason: [usize; 4],
    /// Distinct collateral raters who rated in those episodes.
    pub collateral_raters: usize,
    /// Mean intake ORS, in points.
    pub intake_ors: Estimate<f64>,
    /// Mean intake SRS, in points.
    pub intake_srs: Estimate<f64>,
    /// Mean visits per ended episode.
    pub sessions_per_episode: Estimate<f64>,
    /// Mean days from first to last visit of ended episodes.
    pub length_days: Estimate<f64>,
    /// Pre–post effect size of ended episodes with two or more ORS.
    pub effect_size: Estimate<EffectSize>,
    /// Of those, up 5.0 or more (clinically significant included).
    pub reliable_improvement: Estimate<Share>,
    /// Of those, up 5.0 or more from below the cutoff to at or above it.
    pub clinically_significant: Estimate<Share>,
    /// Of those, less than 5.0 up or down.
    pub no_reliable_change: Estimate<Share>,
    /// Of those, down 5.0 or more.
    pub reliable_deterioration: Estimate<Share>,
    /// Ended episodes that ended as "stopped coming".
    pub dropout: Estimate<Share>,
    /// Of the dropouts, those with a reliable improvement before stopping.
    pub dropout_improved: Estimate<Share>,
    /// Of the dropouts, those with two or more ORS and no reliable improvement.
    pub dropout_not_improved: Estimate<Share>,
    /// Of the dropouts, those with fewer than two ORS (change unknown).
    pub dropout_unmeasured: Estimate<Share>,
    /// Own SRS given in the period that elicited feedback.
    pub feedback_elicited: Estimate<Share>,
}

fn points(t: Total) -> f64 {
    f64::from(t.tenths()) / 10.0
}

/// `part` of `whole`, "too few" when `n` is below `need`, no data when the
/// whole is empty.
fn share(n: usize, need: usize, part: usize, whole: usize) -> Estimate<Share> {
    gate(n, need, || {
        if whole == 0 {
            Estimate::NoData { n }
        } else {
            Estimate::Value {
                n,
                value: Share { part, whole },
            }
        }
    })
}

impl Figures {
    /// The figures of `group` from the report's rows.
    pub fn of(group: Group, rows: &[EpisodeRow]) -> Self {
        let rows: Vec<&EpisodeRow> = rows.iter().filter(|r| group.holds(r)).collect();
        let clients: HashSet<&str> = rows.iter().map(|r| r.client_id.as_str()).collect();
        let collateral: HashSet<(&str, &str)> = rows
            .iter()
            .flat_map(|r| {
                r.collateral_raters
                    .iter()
                    .map(|c| (r.client_id.as_str(), c.as_str()))
            })
            .collect();
        let ended: Vec<&EpisodeRow> = rows.iter().copied().filter(|r| r.ended_in_period).collect();
        let mut by_reason = [0; 4];
        for r in &ended {
            if let Some(i) = EndReason::ALL.iter().position(|x| Some(*x) == r.end_reason) {
                by_reason[i] += 1;
            }
        }
        let measured: Vec<&EpisodeRow> = ended
            .iter()
            .copied()
            .filter(|r| r.change.is_some())
            .collect();
        let pairs: Vec<(Total, Total)> = measured
            .iter()
            .filter_map(|r| r.intake_ors.zip(r.last_ors))
            .collect();
        let m = measured.len();
        let count = |pick: fn(OutcomeCategory) -> bool| {
            measured
                .iter()
                .filter(|r| r.category.is_some_and(pick))
                .count()
        };
        let improved = count(|c| {
            matches!(
                c,
                OutcomeCategory::ReliableImprovement
                    | OutcomeCategory::ClinicallySignificantImprovement
            )
        });
        let dropouts: Vec<&EpisodeRow> = ended.iter().copied().filter(|r| r.is_dropout()).collect();
        let e = ended.len();
        let d = dropouts.len();
        let srs: usize = rows.iter().map(|r| r.srs_in_period).sum();
        let elicited: usize = rows.iter().map(|r| r.srs_elicited).sum();
        let intake_ors: Vec<f64> = rows
            .iter()
            .filter_map(|r| r.intake_ors.map(points))
            .collect();
        let intake_srs: Vec<f64> = rows
            .iter()
            .filter_map(|r| r.intake_srs.map(points))
            .collect();
        let visits: Vec<f64> = ended.iter().map(|r| r.visits as f64).collect();
        let days: Vec<f64> = ended.iter().map(|r| r.length_days as f64).collect();
        let need = MIN_EPISODES_FOR_OUTCOMES;
        Figures {
            group,
            clients: clients.len(),
            episodes: rows.len(),
            open: rows.len() - e,
            ended: e,
            ended_by_reason: by_reason,
            collateral_raters: collateral.len(),
            intake_ors: mean_of(&intake_ors),
            intake_srs: mean_of(&intake_srs),
            sessions_per_episode: mean_of(&visits),
            length_days: mean_of(&days),
            effect_size: gate(m, need, || match effect_size(&pairs) {
                Some(value) => Estimate::Value { n: m, value },
                None => Estimate::NoSpread { n: m },
            }),
            reliable_improvement: share(m, need, improved, m),
            clinically_significant: share(
                m,
                need,
                count(|c| c == OutcomeCategory::ClinicallySignificantImprovement),
                m,
            ),
            no_reliable_change: share(
                m,
                need,
                count(|c| c == OutcomeCategory::NoReliableChange),
                m,
            ),
            reliable_deterioration: share(
                m,
                need,
                count(|c| c == OutcomeCategory::ReliableDeterioration),
                m,
            ),
            dropout: share(e, need, d, e),
            dropout_improved: share(
                e,
                need,
                dropouts.iter().filter(|r| r.reliably_improved()).count(),
                d,
            ),
            dropout_not_improved: share(
                e,
                need,
                dropouts
                    .iter()
                    .filter(|r| r.change.is_some() && !r.reliably_improved())
                    .count(),
                d,
            ),
            dropout_unmeasured: share(
                e,
                need,
                dropouts.iter().filter(|r| r.change.is_none()).count(),
                d,
            ),
            feedback_elicited: share(srs, MIN_SESSIONS_FOR_FIGURES, elicited, srs),
        }
    }

    /// One figure by its key, for the CSV and the screen's table.
    pub fn get(&self, key: FigureKey) -> FigureValue {
        use FigureKey as K;
        match key {
            K::Clients => FigureValue::Count(self.clients),
            K::Episodes => FigureValue::Count(self.episodes),
            K::OpenEpisodes => FigureValue::Count(self.open),
            K::EndedEpisodes => FigureValue::Count(self.ended),
            K::EndedAs(reason) => FigureValue::Count(
                EndReason::ALL
                    .iter()
                    .position(|r| *r == reason)
                    .map_or(0, |i| self.ended_by_reason[i]),
            ),
            K::CollateralRaters => FigureValue::Count(self.collateral_raters),
            K::IntakeOrs => FigureValue::Mean(self.intake_ors.clone()),
            K::IntakeSrs => FigureValue::Mean(self.intake_srs.clone()),
            K::SessionsPerEpisode => FigureValue::Mean(self.sessions_per_episode.clone()),
            K::LengthDays => FigureValue::Mean(self.length_days.clone()),
            K::EffectSize => FigureValue::Effect(self.effect_size.clone()),
            K::ReliableImprovement => FigureValue::Share(self.reliable_improvement.clone()),
            K::ClinicallySignificant => FigureValue::Share(self.clinically_significant.clone()),
            K::NoReliableChange => FigureValue::Share(self.no_reliable_change.clone()),
            K::ReliableDeterioration => FigureValue::Share(self.reliable_deterioration.clone()),
            K::Dropout => FigureValue::Share(self.dropout.clone()),
            K::DropoutImproved => FigureValue::Share(self.dropout_improved.clone()),
            K::DropoutNotImproved => FigureValue::Share(self.dropout_not_improved.clone()),
            K::DropoutUnmeasured => FigureValue::Share(self.dropout_unmeasured.clone()),
            K::FeedbackElicited => FigureValue::Share(self.feedback_elicited.clone()),
        }
    }
}

/// Names every figure, in the report's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FigureKey {
    /// Clients (or cases) with an episode in the period.
    Clients,
    /// Episodes in the period.
    Episodes,
    /// Still open at the period's end.
    OpenEpisodes,
    /// Ended within the period.
    EndedEpisodes,
    /// Ended within the period for one reason.
    EndedAs(EndReason),
    /// Collateral raters.
    CollateralRaters,
    /// Average intake ORS.
    IntakeOrs,
    /// Average intake SRS.
    IntakeSrs,
    /// Average sessions per ended episode.
    SessionsPerEpisode,
    /// Average length of ended episodes, in days.
    LengthDays,
    /// Pre–post effect size.
    EffectSize,
    /// Share with reliable improvement.
    ReliableImprovement,
    /// Share with clinically significant improvement.
    ClinicallySignificant,
    /// Share with no reliable change.
    NoReliableChange,
    /// Share with reliable deterioration.
    ReliableDeterioration,
    /// Share of endings that were "stopped coming".
    Dropout,
    /// Of dropouts, with reliable improvement.
    DropoutImproved,
    /// Of dropouts, measured without reliable improvement.
    DropoutNotImproved,
    /// Of dropouts, with too few ORS to tell.
    DropoutUnmeasured,
    /// Share of SRS that elicited feedback.
    FeedbackElicited,
}

impl FigureKey {
    /// Every figure, in the report's order.
    pub const ALL: [FigureKey; 23] = [
        FigureKey::Clients,
        FigureKey::Episodes,
        FigureKey::OpenEpisodes,
        FigureKey::EndedEpisodes,
        FigureKey::EndedAs(EndReason::Planned),
        FigureKey::EndedAs(EndReason::Unilateral),
        FigureKey::EndedAs(EndReason::Referred),
        FigureKey::EndedAs(EndReason::Other),
        FigureKey::CollateralRaters,
        FigureKey::IntakeOrs,
        FigureKey::IntakeSrs,
        FigureKey::SessionsPerEpisode,
        FigureKey::LengthDays,
        FigureKey::EffectSize,
        FigureKey::ReliableImprovement,
        FigureKey::ClinicallySignificant,
        FigureKey::NoReliableChange,
        FigureKey::ReliableDeterioration,
        FigureKey::Dropout,
        FigureKey::DropoutImproved,
        FigureKey::DropoutNotImproved,
        FigureKey::DropoutUnmeasured,
        FigureKey::FeedbackElicited,
    ];

    /// A stable key for CSV cells and test ids: `effect-size`, `ended-unilateral`.
    pub fn key(self) -> String {
        use FigureKey as K;
        match self {
            K::Clients => "clients".into(),
            K::Episodes => "episodes".into(),
            K::OpenEpisodes => "open-episodes".into(),
            K::EndedEpisodes => "ended-episodes".into(),
            K::EndedAs(r) => format!("ended-{}", r.key()),
            K::CollateralRaters => "collateral-raters".into(),
            K::IntakeOrs => "intake-ors".into(),
            K::IntakeSrs => "intake-srs".into(),
            K::SessionsPerEpisode => "sessions-per-episode".into(),
            K::LengthDays => "length-days".into(),
            K::EffectSize => "effect-size".into(),
            K::ReliableImprovement => "reliable-improvement".into(),
            K::ClinicallySignificant => "clinically-significant-improvement".into(),
            K::NoReliableChange => "no-reliable-change".into(),
            K::ReliableDeterioration => "reliable-deterioration".into(),
            K::Dropout => "dropout".into(),
            K::DropoutImproved => "dropout-improved".into(),
            K::DropoutNotImproved => "dropout-not-improved".into(),
            K::DropoutUnmeasured => "dropout-unmeasured".into(),
            K::FeedbackElicited => "feedback-elicited".into(),
        }
    }
}

/// One figure's value, whatever its kind.
#[derive(Clone, Debug, PartialEq)]
pub enum FigureValue {
    /// A count: always shown.
    Count(usize),
    /// A mean.
    Mean(Estimate<f64>),
    /// A share of a whole.
    Share(Estimate<Share>),
    /// The effect size with its interval.
    Effect(Estimate<EffectSize>),
}
