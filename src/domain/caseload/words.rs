//! The words of each "My alliance" figure: its title, its value in words and
//! one sentence of what it may mean and what to try, in the seeds' tone
//! (feedback is good news; a pattern, never a grade), in the page's
//! language ([`Words`]).

use crate::domain::caseload::figures::{decimal, figure, Figure, Share};
use crate::domain::caseload::lowest::LowestDimension;
use crate::domain::caseload::months::MonthPoint;
use crate::domain::measures::names::item_name;
use crate::domain::measures::numbers::total_text;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::Total;
use crate::domain::words::Words;

/// Which sessions a median is about.
#[derive(Clone, Copy)]
pub(super) enum Nth {
    First,
    Second,
    Later,
}

/// `5 of 20 sessions (25%)`.
fn sessions_share(s: &Share, w: Words) -> String {
    w.trf(
        "{part} of {whole} sessions ({percent}%)",
        &[
            ("part", &s.part),
            ("whole", &s.whole),
            ("percent", &s.percent()),
        ],
    )
}

/// A median total at first, second or later sessions.
pub(super) fn median_figure(
    nth: Nth,
    n: usize,
    value: Option<Total>,
    count: usize,
    scale: &ScaleDefinition,
    w: Words,
) -> Figure<Total> {
    let (title, meaning) = match nth {
        Nth::First => (w.tr("Median total at first sessions"), w.tr("How clients found meeting you; seed 003 likens every meeting to a first date, so try asking at the end of a first session what would make the next one fit them better.")),
        Nth::Second => (w.tr("Median total at second sessions"), w.tr("Whether first feedback was taken up; try opening second sessions by naming one thing you changed after the first.")),
        Nth::Later => (w.tr("Median total at third and later sessions"), w.tr("The alliance as the work settles in; if it sits near the top every time, try asking which part of the work a client would change, since high marks can be politeness.")),
    };
    figure(
        title,
        n,
        value,
        w.tr("No such sessions in this period"),
        |t| {
            w.trn(
                "{total} ({n} session)",
                "{total} ({n} sessions)",
                count,
                &[("total", &decimal(total_text(*t, scale), w))],
            )
        },
        |_| meaning.to_string(),
        w,
    )
}

/// Sessions where the client marked the total below the cutoff or an item below 9.0.
pub(super) fn elicited_figure(n: usize, value: Option<Share>, w: Words) -> Figure<Share> {
    figure(
        w.tr("Feedback elicited"),
        n,
        value,
        w.tr("No sessions in this period"),
        |s| sessions_share(s, w),
        |s| {
            match s {
            Some(s) if s.part == 0 => w.tr("No client marked below the cutoff or an item below 9 in this period, which can be politeness; try saying out loud that a lower mark helps you more than a high one."),
            _ => w.tr("Each of these is a client trusting you with something that could work better, and therapists who draw out such feedback tend to have the best outcomes; keep thanking clients for it and asking for one concrete example."),
        }
        .to_string()
        },
        w,
    )
}

/// Clients always at the top of every line.
pub(super) fn ceiling_figure(n: usize, value: Option<Share>, w: Words) -> Figure<Share> {
    figure(
        w.tr("Clients always at the top of every line"),
        n,
        value,
        w.tr("No client had 3 or more sessions in this period"),
        |s| {
            w.trf(
                "{part} of {whole} clients with 3 or more sessions ({percent}%)",
                &[
                    ("part", &s.part),
                    ("whole", &s.whole),
                    ("percent", &s.percent()),
                ],
            )
        },
        |s| {
            match s {
            Some(s) if s.part == 0 => w.tr("Every client with 3 or more sessions marked something below the top at least once, a sign they feel free to say what fits less well."),
            _ => w.tr("Top marks every time may be politeness rather than a perfect fit; try naming it gently and asking what would make sessions even a little more useful."),
        }
        .to_string()
        },
        w,
    )
}

/// The dimension most often lowest, with what to try for that dimension
/// (seed 004's repeated lows: relationship, goals, approach).
pub(super) fn lowest_figure(
    n: usize,
    value: Option<LowestDimension>,
    scale: &ScaleDefinition,
    w: Words,
) -> Figure<LowestDimension> {
    figure(
        w.tr("Dimension most often lowest"),
        n,
        value,
        w.tr("No session had one item lower than the others"),
        |d| {
            let names: Vec<String> = d.items.iter().map(|&i| item_name(scale, i)).collect();
            let times = d
                .items
                .first()
                .map_or_else(String::new, |&i| decimal(d.times_text(i), w));
            let args: [(&str, &dyn std::fmt::Display); 3] = [
                ("names", &w.join(&names)),
                ("times", &times),
                ("sessions", &d.sessions),
            ];
            if names.len() == 1 {
                w.trf(
                    "{names} was lowest in {times} of {sessions} sessions (ties shared)",
                    &args,
                )
            } else {
                w.trf(
                    "{names} were each lowest in {times} of {sessions} sessions (ties shared)",
                    &args,
                )
            }
        },
        |d| {
            let id = d
                .filter(|d| d.items.len() == 1)
                .and_then(|d| scale.items.get(d.items[0]))
                .map(|it| it.id.as_str());
            match id {
                Some("relationship") => w.tr("Where clients most often had something to say is how they felt heard and respected; try asking what would help them feel more understood, and name cultural differences openly."),
                Some("goals") => w.tr("Where clients most often had something to say is what the time was spent on; try starting sessions by asking what matters most to them today, and revisit goals together."),
                Some("approach") => w.tr("Where clients most often had something to say is the way of working; try offering options for pace, focus and depth, and check that the method still fits."),
                _ => w.tr("Where clients most often had something to say is worth a closer look; try asking about that dimension by name at the end of a session."),
            }
            .to_string()
        },
        w,
    )
}

/// Median total and count per calendar month.
pub(super) fn months_figure(n: usize, value: Vec<MonthPoint>, w: Words) -> Figure<Vec<MonthPoint>> {
    figure(
        w.tr("Month by month"),
        n,
        Some(value),
        w.tr("No sessions in this period"),
        |m| {
            let with = m.iter().filter(|p| p.sessions > 0).count();
            w.trf(
                "Median total and sessions for {months} months ({with} with sessions)",
                &[("months", &m.len()), ("with", &with)],
            )
        },
        |_| {
            w.tr("A pattern across months says more than any one session; if a month dips, look at which clients and items sit under it, and ask them, before drawing conclusions.").to_string()
        },
        w,
    )
}

/// Sessions rated out of all logged.
pub(super) fn rated_figure(n: usize, value: Option<Share>, w: Words) -> Figure<Share> {
    figure(
        w.tr("Sessions rated"),
        n,
        value,
        w.tr("No sessions logged in this period"),
        |s| sessions_share(s, w),
        |s| {
            match s {
            Some(s) if s.part == s.whole => w.tr("Every session logged was rated, so no client's view of a session went unheard."),
            _ => w.tr("A session without a rating is where a problem can go unheard; try a closing ritual five minutes before the end that always includes the SRS."),
        }
        .to_string()
        },
        w,
    )
}
