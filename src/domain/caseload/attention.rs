//! What may need the therapist's attention about one client, read off the
//! latest session with the same alerts and words as the history table, plus
//! the two signals only the caseload sees: a client not seen for three weeks
//! and a client with no rated session yet.

use crate::domain::course::history::{last_row_alert_labels, Alerts, ClientHistory, DropKind};
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::thresholds::{
    ITEM_DISCUSS_BELOW, NOT_SEEN_DAYS, REPEATED_LOW_SESSIONS,
};
use crate::domain::time::{calendar_days_between, Zone};
use crate::domain::words::Words;
use chrono::{DateTime, Utc};

/// A reason a client may need attention.
///
/// Declared in priority order, most urgent first, and ordered that way
/// (`Flag::SuddenDrop < Flag::LowItem`), so the caseload sorts by it:
/// 1. sudden drop: a fall matters more than a low level (seed 004's 38 → 29)
///    and is the likeliest sign of a rupture before a client stops coming;
/// 2. below cutoff: the total is below 36.0;
/// 3. the same item lowest and below 9.0 for three sessions running:
///    something bigger than one session (seed 004);
/// 4. drop: the total fell by 1.0 or more;
/// 5. not seen for three weeks or more: a dropout risk, with no rating to go on;
/// 6. no session rated yet: nothing heard from this client so far;
/// 7. an item below 9.0: worth a question, and common enough to rank last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flag {
    /// The total fell by 3.0 or more, or one item by 2.0 or more, since the session before.
    SuddenDrop,
    /// The last total is below the 36.0 cutoff.
    BelowCutoff,
    /// The same item was lowest and below 9.0 for three sessions running.
    RepeatedLowItem,
    /// The total fell by 1.0 or more since the session before.
    Drop,
    /// The last rated session is 21 days ago or more.
    NotSeen,
    /// The client has no rated session yet.
    NoSessionYet,
    /// An item of the last session is below 9.0.
    LowItem,
}

impl Flag {
    /// Every flag, most urgent first (the order of a filter menu).
    pub const ALL: [Flag; 7] = [
        Flag::SuddenDrop,
        Flag::BelowCutoff,
        Flag::RepeatedLowItem,
        Flag::Drop,
        Flag::NotSeen,
        Flag::NoSessionYet,
        Flag::LowItem,
    ];

    /// A stable key for a CSS class, a URL or a test id: `sudden-drop`.
    pub fn key(self) -> &'static str {
        match self {
            Flag::SuddenDrop => "sudden-drop",
            Flag::BelowCutoff => "below-cutoff",
            Flag::RepeatedLowItem => "repeated-low-item",
            Flag::Drop => "drop",
            Flag::NotSeen => "not-seen",
            Flag::NoSessionYet => "no-session-yet",
            Flag::LowItem => "low-item",
        }
    }

    /// A short name for a filter or a list of further flags: `Sudden
    /// drop`, in `w`'s language.
    pub fn name(self, w: Words) -> &'static str {
        match self {
            Flag::SuddenDrop => w.tr("Sudden drop"),
            Flag::BelowCutoff => w.tr("Below cutoff"),
            Flag::RepeatedLowItem => w.tr("Same item low 3 sessions running"),
            Flag::Drop => w.tr("Drop"),
            Flag::NotSeen => w.tr("Not seen for 3 weeks or more"),
            Flag::NoSessionYet => w.tr("No session rated yet"),
            Flag::LowItem => w.tr("Item below 9"),
        }
    }
}

/// One flag with its reason in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseFlag {
    /// Which flag.
    pub flag: Flag,
    /// Why, in the history table's words where the table has them:
    /// `Sudden drop of 4.0 since last session (Overall down 2.5)`.
    pub reason: String,
}

/// Days from `from` to `now`, never negative (a session a few minutes in
/// the future, within the back-dating slack, counts as today).
///
/// Calendar days in the device's time zone, not elapsed 24-hour periods: a
/// therapist counts "three weeks" from Monday to Monday whatever the hours,
/// and a session at 17:00 was "1 day ago" at 09:00 the next morning.
pub fn days_between(from: DateTime<Utc>, now: DateTime<Utc>, zone: Zone) -> i64 {
    calendar_days_between(from, now, zone)
}

/// Flags of a client who has rated sessions: those of the latest session in
/// date order, then not seen. Sorted most urgent first. In `w`'s words.
pub(super) fn flags_for(
    history: &ClientHistory,
    scale: &ScaleDefinition,
    last_seen: DateTime<Utc>,
    (now, zone): (DateTime<Utc>, Zone),
    w: Words,
) -> Vec<CaseFlag> {
    let sessions = history.sessions();
    let Some(last) = sessions.last() else {
        return Vec::new();
    };
    // The latest session's alone: labelling every earlier one (the history
    // table's work) cost the caseload most of its time at 10,000 ratings.
    let previous = sessions.len().checked_sub(2).map(|i| sessions[i]);
    let alerts = Alerts::for_session(last, previous);
    // The labels come in a documented order (below cutoff, drop, items
    // below 9.0, repeated lows, consistently high), so the structured
    // alerts say which label is which without parsing words.
    let mut labels = last_row_alert_labels(history, scale, w).into_iter();
    let mut take = |fallback: &str| labels.next().unwrap_or_else(|| fallback.to_string());
    let mut out = Vec::new();
    if alerts.below_cutoff {
        let reason = take(Flag::BelowCutoff.name(w));
        out.push(CaseFlag {
            flag: Flag::BelowCutoff,
            reason,
        });
    }
    if let Some(d) = &alerts.drop {
        let flag = match d.kind {
            DropKind::SuddenDrop => Flag::SuddenDrop,
            DropKind::Drop => Flag::Drop,
        };
        out.push(CaseFlag {
            flag,
            reason: take(flag.name(w)),
        });
    }
    if !alerts.items_below_9.is_empty() {
        out.push(CaseFlag {
            flag: Flag::LowItem,
            reason: take(Flag::LowItem.name(w)),
        });
    }
    let repeated: Vec<String> = (0..repeated_low_items(sessions))
        .map(|_| take(Flag::RepeatedLowItem.name(w)))
        .collect();
    if !repeated.is_empty() {
        out.push(CaseFlag {
            flag: Flag::RepeatedLowItem,
            reason: repeated.join("; "),
        });
    }
    // Seen is any session (a later ORS or a session logged without a
    // rating included), not only the last SRS.
    out.extend(not_seen(last_seen.max(last.session_at), now, zone, w));
    out.sort_by_key(|f| f.flag);
    out
}

/// How many items were lowest and below 9.0 in each of the last three
/// sessions or more: the run the history table labels, counted back from the
/// latest session only (what matters for the caseload is what is true now).
fn repeated_low_items(sessions: &[&Rating]) -> usize {
    let n_items = sessions.iter().map(|r| r.scores.len()).max().unwrap_or(0);
    (0..n_items)
        .filter(|&item| {
            sessions
                .iter()
                .rev()
                .take_while(|r| is_low_lowest(r, item))
                .count()
                >= REPEATED_LOW_SESSIONS
        })
        .count()
}

/// Same rule as the history table: the item is among the lowest and below 9.0.
fn is_low_lowest(r: &Rating, item: usize) -> bool {
    r.scores
        .get(item)
        .is_some_and(|s| s.get() < ITEM_DISCUSS_BELOW && r.lowest().contains(&item))
}

/// The not-seen flag when the last session is 21 days ago or more.
pub(super) fn not_seen(
    last: DateTime<Utc>,
    now: DateTime<Utc>,
    zone: Zone,
    w: Words,
) -> Option<CaseFlag> {
    let days = days_between(last, now, zone);
    (days >= NOT_SEEN_DAYS).then(|| CaseFlag {
        flag: Flag::NotSeen,
        reason: w.trf(
            "Not seen for {days} days: a check-in may keep a quiet dropout from happening",
            &[("days", &days)],
        ),
    })
}

/// The flag of a client with no rated session and no session at all,
/// counted from when they were added.
pub(super) fn no_session_yet(
    added: DateTime<Utc>,
    now: DateTime<Utc>,
    zone: Zone,
    w: Words,
) -> CaseFlag {
    let reason = match days_between(added, now, zone) {
        0 => w.tr("No session rated yet (added today)").to_string(),
        1 => w.tr("No session rated yet (added 1 day ago)").to_string(),
        d => w.trf(
            "No session rated yet (added {days} days ago)",
            &[("days", &d)],
        ),
    };
    CaseFlag {
        flag: Flag::NoSessionYet,
        reason,
    }
}

/// The flag of a client seen in `sessions` sessions (an ORS given, or a
/// session logged without a rating) but with no SRS yet: seen, so never
/// "no session", yet nothing heard about the alliance.
pub(super) fn no_srs_yet(
    sessions: usize,
    last: DateTime<Utc>,
    now: DateTime<Utc>,
    zone: Zone,
    w: Words,
) -> CaseFlag {
    let count = w.trn("{n} session", "{n} sessions", sessions, &[]);
    let when = match days_between(last, now, zone) {
        0 => w.tr("the last today").to_string(),
        1 => w.tr("the last 1 day ago").to_string(),
        d => w.trf("the last {days} days ago", &[("days", &d)]),
    };
    CaseFlag {
        flag: Flag::NoSessionYet,
        reason: w.trf(
            "No SRS rated yet ({count}, {when})",
            &[("count", &count), ("when", &when)],
        ),
    }
}
