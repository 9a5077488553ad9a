//! "My alliance": the therapist's own pattern across clients over a period
//! (seeds 000 and 003: "the best therapists form strong alliances with more
//! people across their caseloads"). Every figure is a pattern to learn from,
//! with a sentence on what it may mean and what to try; none is a grade.
//!
//! Which sessions count: every rating whose session took place in the period
//! (from the period's start to `now`, both included). Ratings not yet
//! assigned to a client count wherever the client does not matter (feedback
//! elicited, lowest dimension, months) and are left out of the figures that
//! need one (session number, ceiling). A session's number is counted over the
//! client's whole history, before the period too, and includes the unrated
//! sessions given, since an unrated first meeting was still a first session.
//! With fewer than 20 sessions a figure says it is too early.

use crate::domain::caseload::figures::{median, Figure, Share};
use crate::domain::caseload::lowest::{lowest_dimension, LowestDimension};
use crate::domain::caseload::months::{series, MonthPoint};
use crate::domain::caseload::words::{self, Nth};
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::{CEILING_ITEM, CEILING_SESSIONS, ITEM_DISCUSS_BELOW};
use crate::domain::records::store::Store;
use crate::domain::records::unrated::UnratedSession;
use crate::domain::words::Words;
use chrono::{DateTime, Months, Utc};
use std::collections::{HashMap, HashSet};

/// The period "My alliance" looks back over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    /// The last 3 months.
    Last3Months,
    /// The last 6 months.
    Last6Months,
    /// The last 12 months.
    Last12Months,
}

impl Period {
    /// Every period, shortest first.
    pub const ALL: [Period; 3] = [
        Period::Last3Months,
        Period::Last6Months,
        Period::Last12Months,
    ];

    /// Length in calendar months.
    pub fn months(self) -> u32 {
        match self {
            Period::Last3Months => 3,
            Period::Last6Months => 6,
            Period::Last12Months => 12,
        }
    }

    /// `Last 3 months`, in `w`'s language.
    pub fn label(self, w: Words) -> String {
        w.trf("Last {n} months", &[("n", &self.months())])
    }

    /// The first instant of the period: the same time of day that many
    /// calendar months before `now` (chrono clamps 31 May − 3 months to 28 or
    /// 29 February).
    pub fn start(self, now: DateTime<Utc>) -> DateTime<Utc> {
        now.checked_sub_months(Months::new(self.months()))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    /// True when `at` is in the period ending at `now`, both ends included.
    pub fn contains(self, at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        (self.start(now)..=now).contains(&at)
    }
}

/// Every figure of "My alliance" for one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MyAlliance {
    /// The period.
    pub period: Period,
    /// Its first instant.
    pub from: DateTime<Utc>,
    /// Its last instant (`now`).
    pub to: DateTime<Utc>,
    /// Rated sessions in the period (what the too-early rule counts).
    pub sessions: usize,
    /// Of those, ratings not assigned to a client (left out of the
    /// session-number and ceiling figures).
    pub unassigned: usize,
    /// Median total at clients' first sessions.
    pub first_sessions: Figure<Total>,
    /// Median total at clients' second sessions.
    pub second_sessions: Figure<Total>,
    /// Median total at third and later sessions.
    pub later_sessions: Figure<Total>,
    /// Sessions where feedback was elicited: total below the cutoff or any item below 9.0.
    pub feedback_elicited: Figure<Share>,
    /// Clients with 3 or more sessions in the period who marked every item
    /// 9.5 or more every time.
    pub ceiling_clients: Figure<Share>,
    /// The dimension most often lowest.
    pub lowest_dimension: Figure<LowestDimension>,
    /// Median total and count per calendar month.
    pub months: Figure<Vec<MonthPoint>>,
    /// Sessions rated out of all sessions logged; only when unrated sessions were given.
    pub sessions_rated: Option<Figure<Share>>,
}

/// One rated session in the period, with its number in the client's history.
struct Numbered<'a> {
    rating: &'a Rating,
    client: Option<&'a str>,
    number: Option<usize>,
}

/// "My alliance" for `period` ending at `now`. Unrated sessions are optional:
/// pass an empty slice when none are logged. Months are calendar months at
/// `offset_east_minutes` (0 for UTC). Its words are in `w`'s language.
/// O(n log n) in ratings.
pub fn my_alliance(
    store: &Store,
    unrated: &[UnratedSession],
    scale: &ScaleDefinition,
    period: Period,
    now: DateTime<Utc>,
    offset_east_minutes: i32,
    w: Words,
) -> MyAlliance {
    let everyone = Held {
        rating: &|_| true,
        unrated: &|_| true,
    };
    my_alliance_held(
        store,
        unrated,
        scale,
        (period, now, offset_east_minutes),
        everyone,
        w,
    )
}

/// Which sessions are one therapist's own, for [`my_alliance_held`].
#[derive(Clone, Copy)]
pub struct Held<'h> {
    /// A rated session (its SRS) this therapist held.
    pub rating: &'h dyn Fn(&Rating) -> bool,
    /// A session logged without a rating that was this therapist's.
    pub unrated: &'h dyn Fn(&UnratedSession) -> bool,
}

/// "My alliance" of one therapist on a device several share: only the
/// sessions `held` says they held count, each still numbered over its
/// client's whole history (a client's seventh session is not a first one
/// because a colleague held the six before). Its words are in `w`'s
/// language.
pub fn my_alliance_held(
    store: &Store,
    unrated: &[UnratedSession],
    scale: &ScaleDefinition,
    (period, now, offset_east_minutes): (Period, DateTime<Utc>, i32),
    held: Held<'_>,
    w: Words,
) -> MyAlliance {
    let in_period = |at| period.contains(at, now);
    let numbered: Vec<Numbered> = number_sessions(store, unrated, &in_period)
        .into_iter()
        .filter(|s| (held.rating)(s.rating))
        .collect();
    let unrated: Vec<&UnratedSession> = unrated.iter().filter(|u| (held.unrated)(u)).collect();
    let all: Vec<&Rating> = numbered.iter().map(|s| s.rating).collect();
    let n = all.len();
    let nth = |which: Nth, pick: fn(usize) -> bool| {
        let totals: Vec<Total> = numbered
            .iter()
            .filter(|s| s.number.is_some_and(pick))
            .map(|s| s.rating.total())
            .collect();
        words::median_figure(which, n, median(&totals), totals.len(), scale, w)
    };
    let elicited = all.iter().filter(|r| elicits_feedback(r)).count();
    let from = period.start(now);
    MyAlliance {
        period,
        from,
        to: now,
        sessions: n,
        unassigned: numbered.iter().filter(|s| s.client.is_none()).count(),
        first_sessions: nth(Nth::First, |k| k == 1),
        second_sessions: nth(Nth::Second, |k| k == 2),
        later_sessions: nth(Nth::Later, |k| k >= 3),
        feedback_elicited: words::elicited_figure(
            n,
            (n > 0).then_some(Share {
                part: elicited,
                whole: n,
            }),
            w,
        ),
        ceiling_clients: words::ceiling_figure(n, ceiling(&numbered), w),
        lowest_dimension: words::lowest_figure(n, lowest_dimension(&all), scale, w),
        months: words::months_figure(n, series(&all, from, now, offset_east_minutes, scale, w), w),
        // Only when unrated sessions are logged at all: without them every
        // session would look rated, which is not known.
        sessions_rated: (!unrated.is_empty()).then(|| {
            let whole = n + unrated.iter().filter(|u| in_period(u.at)).count();
            words::rated_figure(whole, (whole > 0).then_some(Share { part: n, whole }), w)
        }),
    }
}

/// Feedback elicited: the client marked the total below the cutoff or any
/// item below 9.0. Shared with the outcomes report, so the two never define
/// it differently.
pub(super) fn elicits_feedback(r: &Rating) -> bool {
    r.below_cutoff() || r.scores.iter().any(|s| s.get() < ITEM_DISCUSS_BELOW)
}

/// Rated sessions in the period, each numbered within its client's whole
/// history (rated and unrated sessions in date order). O(n log n).
fn number_sessions<'a>(
    store: &'a Store,
    unrated: &'a [UnratedSession],
    in_period: &dyn Fn(DateTime<Utc>) -> bool,
) -> Vec<Numbered<'a>> {
    let known: HashSet<&str> = store.clients.iter().map(|c| c.id.as_str()).collect();
    // (session time, save time, id, the rating when rated): the history's date order.
    type Event<'e> = (DateTime<Utc>, DateTime<Utc>, &'e str, Option<&'e Rating>);
    let mut by_client: HashMap<&str, Vec<Event>> = HashMap::new();
    let mut out = Vec::new();
    // The therapist's alliance is what clients said on the SRS.
    for r in store.ratings.iter().filter(|r| r.is_own_srs()) {
        match r.client_id.as_deref().filter(|id| known.contains(id)) {
            Some(id) => {
                by_client
                    .entry(id)
                    .or_default()
                    .push((r.session_at, r.recorded_at, &r.id, Some(r)))
            }
            None if in_period(r.session_at) => out.push(Numbered {
                rating: r,
                client: None,
                number: None,
            }),
            None => {}
        }
    }
    for u in unrated {
        if let Some(events) = by_client.get_mut(u.client_id.as_str()) {
            events.push((u.at, u.at, &u.id, None));
        }
    }
    for (client, mut events) in by_client {
        events.sort_unstable_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        for (i, e) in events.iter().enumerate() {
            if let (Some(rating), true) = (e.3, in_period(e.0)) {
                out.push(Numbered {
                    rating,
                    client: Some(client),
                    number: Some(i + 1),
                });
            }
        }
    }
    out
}

/// Clients with at least 3 sessions in the period, and how many of them
/// marked every item 9.5 or more in every one; `None` when no client had 3.
fn ceiling(sessions: &[Numbered]) -> Option<Share> {
    // Per client: (sessions, all at the ceiling so far).
    let mut per: HashMap<&str, (usize, bool)> = HashMap::new();
    for s in sessions {
        if let Some(c) = s.client {
            let high = !s.rating.scores.is_empty()
                && s.rating.scores.iter().all(|x| x.get() >= CEILING_ITEM);
            let e = per.entry(c).or_insert((0, true));
            *e = (e.0 + 1, e.1 && high);
        }
    }
    let eligible: Vec<bool> = per
        .values()
        .filter(|(n, _)| *n >= CEILING_SESSIONS)
        .map(|&(_, high)| high)
        .collect();
    (!eligible.is_empty()).then(|| Share {
        part: eligible.iter().filter(|&&h| h).count(),
        whole: eligible.len(),
    })
}
