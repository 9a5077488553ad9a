//! The therapist's own view: the caseload, who may need attention
//! first, and "My alliance", the pattern across clients over a period; and
//! the outcomes report ([`outcomes`]): what clients gained.
//!
//! The caseload lists every active client with their last session and what
//! may need attention, most urgent first. The order is explicit:
//! 1. the most urgent flag of each client, by [`Flag`]'s priority order
//!    (sudden drop, below cutoff, same item low 3 sessions running, drop, not
//!    seen for 3 weeks, no session rated yet, item below 9), clients with no
//!    flag last;
//! 2. then the longest since the last session of any kind (for a client with
//!    no session yet, since they were added), so a quiet client is not
//!    forgotten;
//! 3. then the label, ignoring case, and the id, so the order never changes
//!    between two renders of the same data.
//!
//! Only the most urgent flag ranks a client: a second flag is named in the
//! reason but does not push the row up, so the order stays easy to explain.
//!
//! Everything a row says reads the client's **current episode of care**
//! (`course::episode`: the last one, open or ended), not the whole history:
//! a client who came back after an ended course is counted, totalled and
//! flagged from the new episode's first session (a drop is never measured
//! against a session of the course before, nor "same item low 3 sessions
//! running" counted across the break), as their intake is. A client whose
//! current episode is **ended** with no session since has a closed course:
//! no flag at all (not seen for weeks is how such a course ends, not a
//! dropout risk), the end in words as the reason, and the row after every
//! open client with no flag (a closed course needs the least attention).
//!
//! A couple, a family or a group (several raters per session) counts each
//! session once, by its lowest SRS: the person least satisfied is the one
//! the caseload should surface, and a group (whose record nobody rates as)
//! is never shown as "no session rated yet". The review shows everyone.
//!
//! Extension point for the Outcome Rating Scale (stored since version 5, not
//! yet read here):
//! ORS signals (reliable deterioration from intake, below the clinical
//! cutoff) become new [`Flag`] variants placed in the priority order where
//! the clinic decides, and [`CaseRow`] gains the last ORS total beside the
//! last SRS total. Ranking goes through `Flag`'s order alone, so new variants
//! need no change to the sort, the filters or the search.

pub mod alliance;
mod attention;
mod figures;
pub mod lists;
mod lowest;
mod months;
pub mod outcomes;
pub mod scope;
mod words;

pub use alliance::{my_alliance, MyAlliance, Period};
pub use attention::{days_between, CaseFlag, Flag};
pub use figures::{median, Figure, Reading, Share};
pub use lowest::LowestDimension;
pub use months::MonthPoint;

use crate::domain::course::episode::{
    all_episodes, episode_status, ClientEpisodes, EpisodesByClient,
};
use crate::domain::course::history::{number_text, ClientHistory};
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::numbers::total_text;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::Total;
use crate::domain::records::store::{Client, Store};
use crate::domain::time::{local_date, Zone};
use crate::domain::words::Words;
use chrono::{DateTime, Utc};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// One active client in the caseload.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseRow<'a> {
    /// The client.
    pub client: &'a Client,
    /// How many sessions they have had in the current episode: rated (ORS,
    /// SRS, by anyone in the room) or logged without a rating.
    pub sessions: usize,
    /// `3`, or `2 in episode 2` from a client's second episode on (so a
    /// returning client's count is not read as their whole history).
    pub sessions_text: String,
    /// The current episode's number (1 for the first), 0 before any session.
    pub episode: usize,
    /// True when the current episode is ended and no session came since: a
    /// closed course, never flagged.
    pub closed: bool,
    /// When the latest session of any kind took place, if any.
    pub last_session_at: Option<DateTime<Utc>>,
    /// The latest SRS session's total in the current episode, if any.
    pub last_total: Option<Total>,
    /// `31.5 / 40`, or `No rating yet`.
    pub last_total_text: String,
    /// Calendar days since the latest session of any kind (since the client
    /// was added when there is none), never negative.
    pub days_since: i64,
    /// Every flag with its reason, most urgent first; empty when none.
    pub flags: Vec<CaseFlag>,
    /// One line: the most urgent reason, and the names of any others.
    pub reason: String,
}

impl CaseRow<'_> {
    /// The most urgent flag, which ranks the row.
    pub fn top_flag(&self) -> Option<Flag> {
        self.flags.first().map(|f| f.flag)
    }

    /// True when the row carries `flag`.
    pub fn has(&self, flag: Flag) -> bool {
        self.flags.iter().any(|f| f.flag == flag)
    }
}

/// Every active (not archived) client, most in need of attention first (see
/// the module documentation for the order). Ratings of archived or unknown
/// clients are left out. Days are calendar days in `zone`, the device's time
/// zone. O(n log n) in the number of ratings.
///
/// A session is any session: one rated with the SRS, the ORS or both, by
/// anyone in the room, and one logged without a rating ("Session without a
/// rating") on a day with no rated session (logged on the day of an ORS, it
/// is that visit, whose SRS was left out).
/// Each counts in the Sessions column, as the last session and against "not
/// seen"; the flags of the alliance read the SRS alone.
pub fn caseload<'a>(
    store: &'a Store,
    scale: &ScaleDefinition,
    now: DateTime<Utc>,
    zone: Zone,
    w: Words,
) -> Vec<CaseRow<'a>> {
    let episodes = all_episodes(&store.ratings, &store.unrated, &store.episode_ends, zone);
    caseload_of(store, &episodes, scale, now, zone, w)
}

/// [`caseload`] from every client's episodes already worked out
/// ([`all_episodes`] of the same store and zone): the screen needs them
/// too, and working them out is most of the caseload's cost.
pub fn caseload_of<'a>(
    store: &'a Store,
    episodes: &EpisodesByClient<'a>,
    scale: &ScaleDefinition,
    now: DateTime<Utc>,
    zone: Zone,
    w: Words,
) -> Vec<CaseRow<'a>> {
    // Every client's current episode, read once: what each row reads.
    let current: HashMap<&str, Current<'_>> = episodes
        .iter()
        .filter_map(|(id, eps)| Current::of(eps, zone).map(|c| (*id, c)))
        .collect();
    // One pass to group, so 50 clients do not each scan 10,000 ratings.
    let mut by_client: HashMap<&str, Seen<'a>> = HashMap::default();
    for r in &store.ratings {
        if let Some(id) = r.client_id.as_deref() {
            if current
                .get(id)
                .is_some_and(|c| !c.sessions.contains(r.session_key()))
            {
                // A session of an earlier episode of care.
                continue;
            }
            let seen = by_client.entry(id).or_default();
            seen.see(r.session_key(), r.session_at);
            seen.rated_days.insert(local_date(r.session_at, zone));
            if r.measure == MeasureKind::Srs {
                seen.srs.push(r);
            }
        }
    }
    for u in &store.unrated {
        let day = local_date(u.at, zone);
        if current
            .get(u.client_id.as_str())
            .is_some_and(|c| day < c.from)
        {
            // Logged before the current episode opened: an earlier one's.
            continue;
        }
        let seen = by_client.entry(u.client_id.as_str()).or_default();
        // Logged on a day with a rated session (an ORS given, the SRS then
        // left out): the same visit, not a second session.
        if seen.rated_days.contains(&local_date(u.at, zone)) {
            seen.last = seen.last.max(Some(u.at));
        } else {
            seen.see(&u.id, u.at);
        }
    }
    let mut rows: Vec<CaseRow<'a>> = store
        .clients
        .iter()
        .filter(|c| !c.archived)
        .map(|c| {
            let seen = by_client.remove(c.id.as_str()).unwrap_or_default();
            let history = ClientHistory::new(alliance_series(c, seen.srs.clone()));
            row(
                c,
                &history,
                &seen,
                current.get(c.id.as_str()),
                scale,
                (now, zone),
                w,
            )
        })
        .collect();
    rows.sort_by_cached_key(|r| {
        (
            r.top_flag().map_or(Flag::ALL.len(), |f| f as usize),
            // A closed course after every open one.
            r.closed,
            // Earlier is longer ago: the quietest client comes first.
            r.last_session_at.unwrap_or(r.client.created_at),
            r.client.label.to_lowercase(),
            r.client.id.clone(),
        )
    });
    rows
}

/// A client's current episode, as the caseload reads it.
struct Current<'a> {
    /// Its rated sessions' ids.
    sessions: HashSet<&'a str>,
    /// The local day it opened: sessions logged without a rating from that
    /// day on are its own (the episode rule splits by local days).
    from: chrono::NaiveDate,
    /// Its number (1 for the first).
    number: usize,
    /// The end in words ("Episode 1 ended on 2026-03-05: …") when it is
    /// ended, so the course is closed.
    ended: Option<String>,
}

impl<'a> Current<'a> {
    /// The last episode of `eps`; `None` before any session.
    fn of(eps: &ClientEpisodes<'a>, zone: Zone) -> Option<Self> {
        let last = eps.last()?;
        Some(Current {
            sessions: last.sessions.iter().map(|s| s.id).collect(),
            from: local_date(last.opened_at, zone),
            number: last.number,
            ended: last
                .end
                .and_then(|_| episode_status(eps, zone, crate::domain::words::Words::EN))
                .map(|s| s.text),
        })
    }
}

/// What one client's rows read: every session seen (rated or logged) in
/// the current episode, and its SRS ratings for the alliance flags.
#[derive(Default)]
struct Seen<'a> {
    /// Session keys already counted (a session's ORS and SRS are one session).
    keys: HashSet<&'a str>,
    /// The latest session of any kind.
    last: Option<DateTime<Utc>>,
    /// The client's SRS ratings, by anyone.
    srs: Vec<&'a Rating>,
    /// Local dates with a rated session.
    rated_days: HashSet<chrono::NaiveDate>,
}

impl<'a> Seen<'a> {
    fn see(&mut self, key: &'a str, at: DateTime<Utc>) {
        self.keys.insert(key);
        self.last = Some(self.last.map_or(at, |l| l.max(at)));
    }
}

/// The SRS ratings a client's caseload row reads: an individual's own; for
/// a case of several raters, each session's lowest total (ties: the lower id),
/// so one session is one entry whoever rated in it.
pub fn alliance_series<'a>(client: &Client, srs: Vec<&'a Rating>) -> Vec<&'a Rating> {
    if client.kind.is_individual() {
        return srs.into_iter().filter(|r| r.rater.is_client()).collect();
    }
    let mut lowest: HashMap<&str, &Rating> = HashMap::default();
    for r in srs {
        lowest
            .entry(r.session_key())
            .and_modify(|kept| {
                if (r.total(), r.id.as_str()) < (kept.total(), kept.id.as_str()) {
                    *kept = r;
                }
            })
            .or_insert(r);
    }
    lowest.into_values().collect()
}

fn row<'a>(
    client: &'a Client,
    history: &ClientHistory,
    seen: &Seen,
    current: Option<&Current>,
    scale: &ScaleDefinition,
    (now, zone): (DateTime<Utc>, Zone),
    w: Words,
) -> CaseRow<'a> {
    let last_srs = history.sessions().last();
    let ended = current.and_then(|c| c.ended.as_deref());
    let flags = match (last_srs, seen.last) {
        // A closed course: nothing to flag.
        _ if ended.is_some() => Vec::new(),
        (Some(_), last) => {
            let last = last.unwrap_or(client.created_at);
            attention::flags_for(history, scale, last, (now, zone), w)
        }
        (None, Some(last)) => {
            let mut v = vec![attention::no_srs_yet(seen.keys.len(), last, now, zone, w)];
            v.extend(attention::not_seen(last, now, zone, w));
            v.sort_by_key(|f| f.flag);
            v
        }
        (None, None) => vec![attention::no_session_yet(client.created_at, now, zone, w)],
    };
    let reason = match flags.split_first() {
        None => ended.map_or_else(
            || w.tr("Nothing flagged at the last session").to_string(),
            str::to_string,
        ),
        Some((top, [])) => top.reason.clone(),
        Some((top, rest)) => {
            let others: Vec<&str> = rest.iter().map(|f| f.flag.name(w)).collect();
            w.trf(
                "{reason}; also: {others}",
                &[("reason", &top.reason), ("others", &others.join(", "))],
            )
        }
    };
    let last_total = last_srs.map(|r| r.total());
    let episode = current.map_or(0, |c| c.number);
    let sessions = seen.keys.len();
    CaseRow {
        client,
        sessions,
        sessions_text: if episode > 1 {
            w.trf(
                "{sessions} in episode {episode}",
                &[("sessions", &sessions), ("episode", &episode)],
            )
        } else {
            sessions.to_string()
        },
        episode,
        closed: ended.is_some(),
        last_session_at: seen.last,
        last_total,
        last_total_text: last_total.map_or_else(
            || w.tr("No rating yet").to_string(),
            |t| number_text(total_text(t, scale), w),
        ),
        days_since: attention::days_between(seen.last.unwrap_or(client.created_at), now, zone),
        flags,
        reason,
    }
}

/// Rows carrying `flag` (as any of their flags), in the caseload's order.
pub fn with_flag<'r, 'a>(rows: &'r [CaseRow<'a>], flag: Flag) -> Vec<&'r CaseRow<'a>> {
    rows.iter().filter(|r| r.has(flag)).collect()
}

/// Rows with at least one flag, in the caseload's order.
pub fn flagged<'r, 'a>(rows: &'r [CaseRow<'a>]) -> Vec<&'r CaseRow<'a>> {
    rows.iter().filter(|r| !r.flags.is_empty()).collect()
}

/// Rows whose label contains `query`, ignoring case and surrounding spaces;
/// every row for an empty query. Keeps the caseload's order.
pub fn search<'r, 'a>(rows: &'r [CaseRow<'a>], query: &str) -> Vec<&'r CaseRow<'a>> {
    let q = query.trim().to_lowercase();
    rows.iter()
        .filter(|r| r.client.label.to_lowercase().contains(&q))
        .collect()
}
