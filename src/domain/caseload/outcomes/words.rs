//! The words of the outcomes report: each figure's title, formula, one
//! sentence of what it means and one of its limits, its value in words, and
//! what the report does not compute and why. No UI here: the shell shows
//! these strings as they are, and `docs/outcomes.md` says the same.

use crate::domain::caseload::figures::{decimal, Share};
use crate::domain::caseload::outcomes::figures::{FigureKey, FigureValue};
use crate::domain::caseload::outcomes::stats::{EffectSize, Estimate};
use crate::domain::records::episode_end::EndReason;
use crate::domain::words::Words;

/// A short title: `Pre–post effect size`, in `w`'s language (the CSV asks
/// for Attune's English).
pub fn title(key: FigureKey, w: Words) -> String {
    use FigureKey as K;
    match key {
        K::Clients => w.tr("Clients").into(),
        K::Episodes => w.tr("Episodes of care").into(),
        K::OpenEpisodes => w.tr("Open at the end of the period").into(),
        K::EndedEpisodes => w.tr("Ended in the period").into(),
        K::EndedAs(r) => w.trf(
            "Ended: {reason}",
            &[("reason", &reason_words(r, w).to_lowercase())],
        ),
        K::CollateralRaters => w.tr("Collateral raters").into(),
        K::IntakeOrs => w.tr("Average intake ORS").into(),
        K::IntakeSrs => w.tr("Average intake SRS").into(),
        K::SessionsPerEpisode => w.tr("Average sessions per episode").into(),
        K::LengthDays => w.tr("Average length in days").into(),
        K::EffectSize => w.tr("Pre–post effect size").into(),
        K::ReliableImprovement => w.tr("Reliable improvement").into(),
        K::ClinicallySignificant => w.tr("Clinically significant improvement").into(),
        K::NoReliableChange => w.tr("No reliable change").into(),
        K::ReliableDeterioration => w.tr("Reliable deterioration").into(),
        K::Dropout => w.tr("Dropout (the client stopped coming)").into(),
        K::DropoutImproved => w.tr("Dropout after reliable improvement").into(),
        K::DropoutNotImproved => w.tr("Dropout without reliable improvement").into(),
        K::DropoutUnmeasured => w.tr("Dropout with too few ORS to tell").into(),
        K::FeedbackElicited => w.tr("SRS feedback elicited").into(),
    }
}

/// How it is computed, in one line.
pub fn formula(key: FigureKey) -> &'static str {
    use FigureKey as K;
    match key {
        K::Clients => "Distinct clients (a couple, family or group counts once) with an episode in the period.",
        K::Episodes => "Episodes whose span (first session to end, or to last session while open) overlaps the period.",
        K::OpenEpisodes => "Episodes in the period not ended by its last day.",
        K::EndedEpisodes => "Episodes whose end date falls in the period.",
        K::EndedAs(_) => "Episodes ended in the period with this reason.",
        K::CollateralRaters => "Distinct collateral raters (per case) who rated in an episode in the period.",
        K::IntakeOrs => "Mean of each episode's first ORS by the client themself, over episodes in the period with one.",
        K::IntakeSrs => "Mean of each episode's first SRS by the client themself, over episodes in the period with one.",
        K::SessionsPerEpisode => "Mean sessions (rated or logged) per episode ended in the period.",
        K::LengthDays => "Mean calendar days from first to last session, over episodes ended in the period.",
        K::EffectSize => "d = mean(last ORS − intake ORS) / SD(intake ORS), sample SD (n − 1), over episodes ended in the period with at least two ORS; 95 % interval d ± 1.96·√(2(1 − r)/n + d²/(2n)), r the intake–last correlation (Becker 1988).",
        K::ReliableImprovement => "Share of those episodes whose last ORS is 5.0 or more above intake (clinically significant included).",
        K::ClinicallySignificant => "Share of those episodes up 5.0 or more from below the age group's cutoff (25, 28, 32) to at or above it (Jacobson–Truax).",
        K::NoReliableChange => "Share of those episodes whose last ORS is less than 5.0 from intake, up or down.",
        K::ReliableDeterioration => "Share of those episodes whose last ORS is 5.0 or more below intake.",
        K::Dropout => "Episodes ended in the period as \"the client stopped coming\", of all ended in the period.",
        K::DropoutImproved => "Of the dropouts, those whose last ORS was 5.0 or more above intake.",
        K::DropoutNotImproved => "Of the dropouts, those with two or more ORS and less than 5.0 improvement.",
        K::DropoutUnmeasured => "Of the dropouts, those with fewer than two ORS, so no change can be read.",
        K::FeedbackElicited => "Share of the clients' own SRS in the period with a total below 36.0 or an item below 9.0, as in My alliance.",
    }
}

/// One sentence: what the figure means.
pub fn meaning(key: FigureKey, w: Words) -> &'static str {
    use FigureKey as K;
    match key {
        K::Clients => w.tr("How many people (or cases) were in treatment in the period."),
        K::Episodes => w.tr("How many courses of treatment ran in the period; a client who came back counts once per course."),
        K::OpenEpisodes => w.tr("Courses still going on, or never closed: their outcome is not known yet."),
        K::EndedEpisodes => w.tr("Courses closed in the period: the ones whose outcome the report can read."),
        K::EndedAs(EndReason::Planned) => w.tr("Courses that ended as planned or by agreement."),
        K::EndedAs(EndReason::Unilateral) => w.tr("Courses that ended because the client stopped coming."),
        K::EndedAs(EndReason::Referred) => w.tr("Courses that ended with a referral or a move."),
        K::EndedAs(EndReason::Other) => w.tr("Courses that ended for another reason."),
        K::CollateralRaters => w.tr("How many people (a parent, a teacher) rated on a client's behalf."),
        K::IntakeOrs => w.tr("How distressed clients were when they started: lower means more distress."),
        K::IntakeSrs => w.tr("How clients rated the alliance at the start of a course."),
        K::SessionsPerEpisode => w.tr("How long a course of treatment lasts, in sessions."),
        K::LengthDays => w.tr("How long a course of treatment lasts, in days."),
        K::EffectSize => w.tr("How far clients moved from intake to their last ORS, in units of how much intakes vary; 0.8 and above is conventionally large."),
        K::ReliableImprovement => w.tr("Courses where the client improved by more than measurement error."),
        K::ClinicallySignificant => w.tr("Courses where the client improved reliably and moved from the clinical into the non-clinical range."),
        K::NoReliableChange => w.tr("Courses where any change stayed within measurement error."),
        K::ReliableDeterioration => w.tr("Courses where the client got reliably worse."),
        K::Dropout => w.tr("How often treatment ended without an agreed ending, the most common way therapy fails."),
        K::DropoutImproved => w.tr("Clients who stopped coming once they had improved: not every dropout is a failure."),
        K::DropoutNotImproved => w.tr("Clients who stopped coming without having improved: the endings most worth learning from."),
        K::DropoutUnmeasured => w.tr("Clients who stopped coming before a change could be measured."),
        K::FeedbackElicited => w.tr("How often clients said something could work better; therapists who draw this out tend to do best."),
    }
}

/// One sentence: its limits.
pub fn limits(key: FigureKey, w: Words) -> &'static str {
    use FigureKey as K;
    match key {
        K::Clients | K::Episodes => w.tr("Only what this device holds: sessions never entered are not counted."),
        K::OpenEpisodes => w.tr("An episode nobody ended stays open, so a high count may be unrecorded endings rather than long treatments."),
        K::EndedEpisodes | K::EndedAs(_) => w.tr("Only as good as the endings the therapist records; unrecorded dropouts stay open."),
        K::CollateralRaters => w.tr("Counts those who rated; a rater named in a case who never rated is not counted."),
        K::IntakeOrs => w.tr("Read against the client's current age group; a mix of age groups shifts the average, so read it by age group."),
        K::IntakeSrs => w.tr("A first SRS is often high out of politeness; it says little on its own."),
        K::SessionsPerEpisode | K::LengthDays => w.tr("Ended courses only, since open ones are not finished; a few long courses pull the average up."),
        K::EffectSize => w.tr("Uncorrected for small samples and for regression to the mean, not adjusted for severity, and not comparable to a normative benchmark: read it with its interval, never to rank therapists."),
        K::ReliableImprovement | K::NoReliableChange | K::ReliableDeterioration => w.tr("Uses the last ORS of the course, not the best or a follow-up; 5 points is the published reliable change for the ORS total."),
        K::ClinicallySignificant => w.tr("Only clients who started below the cutoff can reach it; the adolescent cutoff (28) has no primary source found."),
        K::Dropout | K::DropoutImproved | K::DropoutNotImproved | K::DropoutUnmeasured => w.tr("Depends on the therapist choosing \"stopped coming\" when that is what happened."),
        K::FeedbackElicited => w.tr("Counts the client's own SRS only; in couples and groups the other raters' feedback is read in the review."),
    }
}

/// What the report does not compute, each with one sentence of why, in
/// `w`'s language.
pub fn not_computed(w: Words) -> [(&'static str, &'static str); 3] {
    [
        (
            w.tr("Relative effect size (against a normative sample)"),
            w.tr("It compares a practice with the developer's normative database, which is proprietary; Attune has no access to it and will not imitate it."),
        ),
        (
            w.tr("Severity-adjusted effect size"),
            w.tr("The adjustment's coefficients are part of the same licensed benchmarking and are not published, so any adjustment Attune made up would look authoritative without being so."),
        ),
        (
            w.tr("Percentage reaching target (expected treatment response)"),
            w.tr("The targets are the licensed PCOMS trajectories with no public coefficients; Attune shows a practice's own \"clients here who started like this\" in the client's review instead."),
        ),
    ]
}

/// An episode's end reason in `w`'s language (the records keep the
/// English label for files).
fn reason_words(r: EndReason, w: Words) -> &'static str {
    match r {
        EndReason::Planned => w.tr("Planned or by mutual agreement"),
        EndReason::Unilateral => w.tr("The client stopped coming"),
        EndReason::Referred => w.tr("Referred or moved on"),
        EndReason::Other => w.tr("Other"),
    }
}

/// What a figure is counted in: the units of its `n`.
#[derive(Clone, Copy)]
enum Unit {
    Episodes,
    Sessions,
}

/// The value in words: `24.3 (n = 12)`, `0.72, 95 % CI 0.31 to 1.13 (n = 14)`,
/// `6 of 14 (43%)`, or `Too few to tell: 9 of the 10 episodes needed`, in
/// `w`'s language and decimal mark (the CSV asks for Attune's English).
pub fn value_text(key: FigureKey, value: &FigureValue, w: Words) -> String {
    let unit = match key {
        FigureKey::FeedbackElicited => Unit::Sessions,
        _ => Unit::Episodes,
    };
    match value {
        FigureValue::Count(c) => c.to_string(),
        FigureValue::Mean(e) => estimate_text(e, unit, w, |v| decimal(format!("{v:.1}"), w)),
        FigureValue::Share(e) => estimate_text(e, unit, w, |s: &Share| {
            w.trf(
                "{part} of {whole} ({percent}%)",
                &[
                    ("part", &s.part),
                    ("whole", &s.whole),
                    ("percent", &s.percent()),
                ],
            )
        }),
        FigureValue::Effect(e) => estimate_text(e, unit, w, |x: &EffectSize| {
            w.trf(
                "{d}, 95 % CI {low} to {high}",
                &[
                    ("d", &decimal(format!("{:.2}", x.d), w)),
                    ("low", &decimal(format!("{:.2}", x.low), w)),
                    ("high", &decimal(format!("{:.2}", x.high), w)),
                ],
            )
        }),
    }
}

fn estimate_text<T>(e: &Estimate<T>, unit: Unit, w: Words, show: impl Fn(&T) -> String) -> String {
    match (e, unit) {
        (Estimate::TooFew { n, need }, Unit::Episodes) => w.trf(
            "Too few to tell: {n} of the {need} episodes needed",
            &[("n", n), ("need", need)],
        ),
        (Estimate::TooFew { n, need }, Unit::Sessions) => w.trf(
            "Too few to tell: {n} of the {need} sessions needed",
            &[("n", n), ("need", need)],
        ),
        (Estimate::NoData { n }, Unit::Episodes) => w.trf("None among {n} episodes", &[("n", n)]),
        (Estimate::NoData { n }, Unit::Sessions) => w.trf("None among {n} sessions", &[("n", n)]),
        (Estimate::NoSpread { n }, _) => w.trf(
            "Not defined: all {n} intakes are the same, so there is no spread to divide by",
            &[("n", n)],
        ),
        (Estimate::Value { n, value }, _) => {
            w.trf("{value} (n = {n})", &[("value", &show(value)), ("n", n)])
        }
    }
}
