//! The words of each "My alliance" figure: its title, its value in words and
//! one sentence of what it may mean and what to try, in the seeds' tone
//! (feedback is good news; a pattern, never a grade).

use crate::domain::caseload::figures::{figure, Figure, Share};
use crate::domain::caseload::lowest::LowestDimension;
use crate::domain::caseload::months::MonthPoint;
use crate::domain::measures::names::{item_name, join_names};
use crate::domain::measures::numbers::total_text;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::Total;

/// Which sessions a median is about.
#[derive(Clone, Copy)]
pub(super) enum Nth {
    First,
    Second,
    Later,
}

/// A median total at first, second or later sessions.
pub(super) fn median_figure(
    nth: Nth,
    n: usize,
    value: Option<Total>,
    count: usize,
    scale: &ScaleDefinition,
) -> Figure<Total> {
    let (title, meaning) = match nth {
        Nth::First => ("Median total at first sessions", "How clients found meeting you; seed 003 likens every meeting to a first date, so try asking at the end of a first session what would make the next one fit them better."),
        Nth::Second => ("Median total at second sessions", "Whether first feedback was taken up; try opening second sessions by naming one thing you changed after the first."),
        Nth::Later => ("Median total at third and later sessions", "The alliance as the work settles in; if it sits near the top every time, try asking which part of the work a client would change, since high marks can be politeness."),
    };
    let sessions = if count == 1 { "session" } else { "sessions" };
    figure(
        title,
        n,
        value,
        "No such sessions in this period",
        |t| format!("{} ({count} {sessions})", total_text(*t, scale)),
        |_| meaning.to_string(),
    )
}

/// Sessions where the client marked the total below the cutoff or an item below 9.0.
pub(super) fn elicited_figure(n: usize, value: Option<Share>) -> Figure<Share> {
    figure(
        "Feedback elicited",
        n,
        value,
        "No sessions in this period",
        |s| s.text("sessions"),
        |s| {
            match s {
            Some(s) if s.part == 0 => "No client marked below the cutoff or an item below 9 in this period, which can be politeness; try saying out loud that a lower mark helps you more than a high one.",
            _ => "Each of these is a client trusting you with something that could work better, and therapists who draw out such feedback tend to have the best outcomes; keep thanking clients for it and asking for one concrete example.",
        }
        .to_string()
        },
    )
}

/// Clients always at the top of every line.
pub(super) fn ceiling_figure(n: usize, value: Option<Share>) -> Figure<Share> {
    figure(
        "Clients always at the top of every line",
        n,
        value,
        "No client had 3 or more sessions in this period",
        |s| s.text("clients with 3 or more sessions"),
        |s| {
            match s {
            Some(s) if s.part == 0 => "Every client with 3 or more sessions marked something below the top at least once, a sign they feel free to say what fits less well.",
            _ => "Top marks every time may be politeness rather than a perfect fit; try naming it gently and asking what would make sessions even a little more useful.",
        }
        .to_string()
        },
    )
}

/// The dimension most often lowest, with what to try for that dimension
/// (seed 004's repeated lows: relationship, goals, approach).
pub(super) fn lowest_figure(
    n: usize,
    value: Option<LowestDimension>,
    scale: &ScaleDefinition,
) -> Figure<LowestDimension> {
    figure(
        "Dimension most often lowest",
        n,
        value,
        "No session had one item lower than the others",
        |d| {
            let names: Vec<String> = d.items.iter().map(|&i| item_name(scale, i)).collect();
            let verb = if names.len() == 1 { "was" } else { "were each" };
            let times = d
                .items
                .first()
                .map_or_else(String::new, |&i| d.times_text(i));
            format!(
                "{} {verb} lowest in {times} of {} sessions (ties shared)",
                join_names(&names),
                d.sessions
            )
        },
        |d| {
            let id = d
                .filter(|d| d.items.len() == 1)
                .and_then(|d| scale.items.get(d.items[0]))
                .map(|it| it.id.as_str());
            match id {
                Some("relationship") => "Where clients most often had something to say is how they felt heard and respected; try asking what would help them feel more understood, and name cultural differences openly.",
                Some("goals") => "Where clients most often had something to say is what the time was spent on; try starting sessions by asking what matters most to them today, and revisit goals together.",
                Some("approach") => "Where clients most often had something to say is the way of working; try offering options for pace, focus and depth, and check that the method still fits.",
                _ => "Where clients most often had something to say is worth a closer look; try asking about that dimension by name at the end of a session.",
            }
            .to_string()
        },
    )
}

/// Median total and count per calendar month.
pub(super) fn months_figure(n: usize, value: Vec<MonthPoint>) -> Figure<Vec<MonthPoint>> {
    figure(
        "Month by month",
        n,
        Some(value),
        "No sessions in this period",
        |m| {
            let with = m.iter().filter(|p| p.sessions > 0).count();
            format!(
                "Median total and sessions for {} months ({with} with sessions)",
                m.len()
            )
        },
        |_| {
            "A pattern across months says more than any one session; if a month dips, look at which clients and items sit under it, and ask them, before drawing conclusions.".to_string()
        },
    )
}

/// Sessions rated out of all logged.
pub(super) fn rated_figure(n: usize, value: Option<Share>) -> Figure<Share> {
    figure(
        "Sessions rated",
        n,
        value,
        "No sessions logged in this period",
        |s| s.text("sessions"),
        |s| {
            match s {
            Some(s) if s.part == s.whole => "Every session logged was rated, so no client's view of a session went unheard.",
            _ => "A session without a rating is where a problem can go unheard; try a closing ritual five minutes before the end that always includes the SRS.",
        }
        .to_string()
        },
    )
}
