//! What to talk about after the ORS at the start of a session, in the same
//! layers as the SRS prompt: one sentence to say, one thing to listen for,
//! and three steps. Written for Attune; none of it is official ORS text.
//!
//! Precedence, highest first: `Intake > Deterioration > NotImproving >
//! DoingWell > Steady`. Intake comes first because there is nothing to
//! compare with yet; a reliable fall outranks a stall because it asks for a
//! response today.

use crate::domain::course::outcome::{OutcomeCategory, OutcomeStatus};

/// The situation the ORS prompt responds to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutcomeSituation {
    /// The first ORS with this client.
    Intake,
    /// Down by 5.0 or more since intake.
    Deterioration,
    /// No reliable change by the fourth session.
    NotImproving,
    /// Up by 5.0 or more since intake (clinically significant or not).
    DoingWell,
    /// Too early to tell: no reliable change yet, before the fourth session.
    Steady,
}

impl OutcomeSituation {
    /// The situation for one session's ORS status.
    pub fn of(status: &OutcomeStatus) -> Self {
        match status.category {
            OutcomeCategory::Intake => OutcomeSituation::Intake,
            OutcomeCategory::ReliableDeterioration => OutcomeSituation::Deterioration,
            OutcomeCategory::ReliableImprovement
            | OutcomeCategory::ClinicallySignificantImprovement => OutcomeSituation::DoingWell,
            OutcomeCategory::NoReliableChange if status.no_change_alert => {
                OutcomeSituation::NotImproving
            }
            OutcomeCategory::NoReliableChange => OutcomeSituation::Steady,
        }
    }

    /// A stable key for remembering which situations a therapist has seen
    /// (prefixed, so it never collides with the SRS prompt's keys).
    pub fn key(self) -> &'static str {
        match self {
            OutcomeSituation::Intake => "ors-intake",
            OutcomeSituation::Deterioration => "ors-deterioration",
            OutcomeSituation::NotImproving => "ors-not-improving",
            OutcomeSituation::DoingWell => "ors-doing-well",
            OutcomeSituation::Steady => "ors-steady",
        }
    }
}

/// The ORS prompt in three layers, shortest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomePrompt {
    /// The situation the layers are written for.
    pub situation: OutcomeSituation,
    /// A short heading.
    pub title: String,
    /// One sentence to say aloud.
    pub say: String,
    /// The one thing to listen for in the answer.
    pub listen_for: String,
    /// Three steps: reflect, explore one concrete thing, agree what next.
    pub steps: Vec<String>,
}

/// Builds the ORS prompt for one session's status.
pub fn outcome_prompt(status: &OutcomeStatus) -> OutcomePrompt {
    let situation = OutcomeSituation::of(status);
    let total = status.total;
    let cutoff = status.cutoff();
    let change = status
        .since_intake
        .map_or_else(String::new, |c| c.words(crate::domain::words::Words::EN));
    let (title, say, listen_for, steps): (&str, String, &str, [String; 3]) = match situation {
        OutcomeSituation::Intake if status.below_cutoff => (
            "Intake: a starting point",
            "Thank you. This gives us a starting point; where on these lines would you most like to see a change?".into(),
            "Listen for which line they talk about first: it often names what brought them here.",
            [
                format!("Thank them and explain the routine: the same four lines at the start of every session, so you can both see whether things are changing. Today's total is {total}, below the cutoff of {cutoff}, as is usual for people starting therapy."),
                "Ask about the lowest line: \"What has been happening there this week?\" Get one concrete example.".into(),
                "Agree together what a small step up on that line would look like, and say you will look at the lines again next session.".into(),
            ],
        ),
        OutcomeSituation::Intake => (
            "Intake: high for a start",
            "Thank you. Your marks are fairly high; can you tell me what made now the time to come?".into(),
            "Listen for what the lines leave out: a high start can mean one specific problem, or a hope to look well.",
            [
                format!("Thank them and explain the routine. Today's total is {total}, at or above the cutoff of {cutoff}: higher than most people starting therapy, which leaves less room to show change."),
                "Ask what brought them now, and whether these lines capture it. If one area matters most, ask for a concrete example from this week.".into(),
                "Agree what you will watch together, and consider whether the scale fits this client's reason for coming.".into(),
            ],
        ),
        OutcomeSituation::Deterioration => (
            "Lower than at the start",
            "Your marks are lower than when we started. Thank you for showing me; what has the week been like?".into(),
            "Listen for whether it is life outside (an event, a loss, stress) or something about the therapy itself.",
            [
                format!("Reflect and thank. The total is {change} since intake (now {total}). Stay calm and curious: a fall is information, not failure."),
                "Get one concrete example: when in the week was it hardest? Check safety if the fall is steep or the client seems at risk.".into(),
                "Agree together whether to change something in the work now (focus, frequency, approach), and check again next session. If the fall continues, take it to supervision.".into(),
            ],
        ),
        OutcomeSituation::NotImproving => (
            "No reliable change yet",
            "Things look about the same as when we started. I'd like us to think together about whether our work is helping.".into(),
            "Listen for what they hoped would be different by now, and whether the therapy is aimed at it.",
            [
                format!("Name it without blame. After {} sessions the total is {change} since intake, less than the 5.0 that counts as a reliable change.", status.session_number),
                "Ask what, if anything, has helped, and what they expected to be different by now. Look at the SRS too: is the work on what matters to them?".into(),
                "Agree one real change to try (goal, approach, frequency, another helper) and review it within the next two sessions; consider consultation if nothing moves.".into(),
            ],
        ),
        OutcomeSituation::DoingWell => (
            if status.category == OutcomeCategory::ClinicallySignificantImprovement {
                "Doing well: above the cutoff"
            } else {
                "Doing well"
            },
            "Your marks have gone up since we started. What do you think has made the difference?".into(),
            "Listen for what the client credits: their own steps deserve to be named and kept going.",
            [
                format!("Reflect the change: the total is {change} since intake (now {total}). Let them tell the story of it first."),
                "Ask which change in their week they notice most, and what they are doing that helps.".into(),
                "Agree how to keep it going; if the gains hold, talk about spacing sessions out or planning the ending.".into(),
            ],
        ),
        OutcomeSituation::Steady => (
            "Early days",
            "Thanks. How has the week been compared with the last one?".into(),
            "Listen for anything that moved this week, even slightly, in either direction.",
            [
                format!("Thank them. The total is {total}, {change} since intake: no reliable change yet, which is common this early."),
                "Ask about the line that moved most this week, and what was behind it.".into(),
                "Carry on with the plan and look at the lines again next session.".into(),
            ],
        ),
    };
    OutcomePrompt {
        situation,
        title: title.into(),
        say,
        listen_for: listen_for.into(),
        steps: steps.into(),
    }
}
