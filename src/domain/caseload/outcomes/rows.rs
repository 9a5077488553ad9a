//! The report's per-episode rows: one for every episode in the period, with
//! every value any figure is computed from. The figures are computed from
//! these rows alone ([`super::figures`]), so the per-episode CSV an auditor
//! gets is exactly what the report read, and recomputing a figure from it
//! needs no other record.

use crate::domain::caseload::alliance::elicits_feedback;
use crate::domain::course::episode::Episode;
use crate::domain::course::outcome::{Change, OutcomeCategory};
use crate::domain::measures::kinds::{AgeGroup, RaterRef};
use crate::domain::measures::score::Total;
use crate::domain::records::case::CaseKind;
use crate::domain::records::episode_end::EndReason;
use crate::domain::records::store::Client;
use crate::domain::time::{local_date, Zone};
use chrono::{DateTime, NaiveDate, Utc};

/// One episode as the report reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct EpisodeRow {
    /// The client's (or case's) id.
    pub client_id: String,
    /// Its label, as the therapist wrote it.
    pub client_label: String,
    /// Individual, couple, family or group.
    pub case_kind: CaseKind,
    /// The age group the episode is read with: the client's, as stored now
    /// (the store keeps no history of it; see the module doc of `outcomes`).
    pub age_group: AgeGroup,
    /// Its number among the client's episodes (1 = first).
    pub episode: usize,
    /// The episode's key (its first session's id).
    pub key: String,
    /// Local date of the first visit.
    pub opened_on: NaiveDate,
    /// Local date of the last visit.
    pub last_on: NaiveDate,
    /// The end's date, when ended (in the period or after it).
    pub ended_on: Option<NaiveDate>,
    /// The end's reason, when ended.
    pub end_reason: Option<EndReason>,
    /// True when it ended within the period: the episodes every outcome
    /// figure reads.
    pub ended_in_period: bool,
    /// Visits (rated sessions and sessions logged without a rating).
    pub visits: usize,
    /// Calendar days from the first to the last visit.
    pub length_days: i64,
    /// The client's own ORS in the episode.
    pub ors_count: usize,
    /// The first of them: intake.
    pub intake_ors: Option<Total>,
    /// The last of them (the intake when there is only one).
    pub last_ors: Option<Total>,
    /// The age group's ORS cutoff.
    pub cutoff: Total,
    /// Last minus intake, with at least two own ORS.
    pub change: Option<Change>,
    /// Jacobson–Truax category of that change, with at least two own ORS.
    pub category: Option<OutcomeCategory>,
    /// The client's own first SRS in the episode.
    pub intake_srs: Option<Total>,
    /// The client's own SRS given in the period.
    pub srs_in_period: usize,
    /// Of those, the ones that elicited feedback (total below 36.0 or an
    /// item below 9.0, as "My alliance" counts it).
    pub srs_elicited: usize,
    /// Ids of the collateral raters who rated in the episode (a stable id
    /// within the client's case), sorted.
    pub collateral_raters: Vec<String>,
}

impl EpisodeRow {
    /// Reads one episode. `from`..=`to` is the period.
    pub(super) fn of(
        client: &Client,
        e: &Episode<'_>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        zone: Zone,
    ) -> Self {
        let (from_day, to_day) = (local_date(from, zone), local_date(to, zone));
        let own_ors = e.own_ors();
        let intake_ors = own_ors.first().map(|r| r.total());
        let last_ors = own_ors.last().map(|r| r.total());
        let age_group = client.age_group;
        let two = own_ors.len() >= 2;
        let change = intake_ors
            .zip(last_ors)
            .filter(|_| two)
            .map(|(a, b)| Change::between(a, b));
        let category = intake_ors
            .zip(last_ors)
            .filter(|_| two)
            .map(|(a, b)| OutcomeCategory::of(age_group, a, b));
        let srs: Vec<_> = e
            .sessions
            .iter()
            .flat_map(|s| s.measures.iter().copied())
            // By the therapist's calendar day, as the episodes are picked:
            // an SRS on the period's first day counts whatever its hour.
            .filter(|r| {
                r.is_own_srs() && (from_day..=to_day).contains(&local_date(r.session_at, zone))
            })
            .collect();
        let mut collateral: Vec<String> = e
            .sessions
            .iter()
            .flat_map(|s| s.measures.iter())
            .filter_map(|r| match &r.rater {
                RaterRef::Collateral { id, .. } => Some(id.clone()),
                _ => None,
            })
            .collect();
        collateral.sort_unstable();
        collateral.dedup();
        let ended_on = e.end.map(|x| x.ended_on);
        EpisodeRow {
            client_id: client.id.clone(),
            client_label: client.label.clone(),
            case_kind: client.kind,
            age_group,
            episode: e.number,
            key: e.key.to_string(),
            opened_on: local_date(e.opened_at, zone),
            last_on: local_date(e.last_at, zone),
            ended_on,
            end_reason: e.end.map(|x| x.reason),
            ended_in_period: ended_on.is_some_and(|d| (from_day..=to_day).contains(&d)),
            visits: e.visits,
            length_days: e.length_days(zone),
            ors_count: own_ors.len(),
            intake_ors,
            last_ors,
            cutoff: age_group.cutoff(),
            change,
            category,
            intake_srs: e.intake_srs().map(|r| r.total()),
            srs_in_period: srs.len(),
            srs_elicited: srs.iter().filter(|r| elicits_feedback(r)).count(),
            collateral_raters: collateral,
        }
    }

    /// True when the episode belongs to the period `from_day..=to_day`: its
    /// span (first visit to its end, or to its last visit while open)
    /// overlaps it. An open episode with no visit since before the period
    /// is left out: nothing says it was still going on.
    pub(super) fn in_period(
        e: &Episode<'_>,
        from_day: NaiveDate,
        to_day: NaiveDate,
        zone: Zone,
    ) -> bool {
        let open = local_date(e.opened_at, zone);
        let close = e
            .end
            .map_or_else(|| local_date(e.last_at, zone), |x| x.ended_on);
        open <= to_day && close >= from_day
    }

    /// True when the change reached reliable improvement (up 5.0 or more,
    /// clinically significant included).
    pub fn reliably_improved(&self) -> bool {
        self.change.is_some_and(Change::is_reliable_improvement)
    }

    /// True for an episode that ended in the period as "stopped coming".
    pub fn is_dropout(&self) -> bool {
        self.ended_in_period && self.end_reason == Some(EndReason::Unilateral)
    }
}
