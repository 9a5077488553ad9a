//! Episodes of care: a client's sessions split into courses of treatment.
//!
//! Why: change is measured from intake, and a client who comes back after
//! two years must not be measured against a score from another life
//! (clinical notes, "Episodes of care"). An episode opens with its first
//! session; the therapist ends it with a reason and a date
//! ([`EpisodeEnd`]); a session dated after that end opens the next episode.
//!
//! Nothing is stored about an episode but its end: the episodes themselves
//! are read from the sessions every time ([`episodes_of`]), like sessions
//! are read from ratings. So data written before episodes existed (no end
//! records) reads as one open episode per client with no record rewritten,
//! and moving or back-dating a session moves it between episodes by itself.
//!
//! The rules, in full:
//! - A visit is a rated session ([`Session`]) or a session logged without a
//!   rating ([`UnratedSession`]) on a local day with no rated session of the
//!   client (the caseload's rule: logged on the day of an ORS it is that
//!   visit, whose SRS was left out).
//! - Ends are compared by the therapist's local calendar date: a visit on
//!   the end's date or before belongs to the ended episode, a visit on a
//!   later date opens a new one. A date, not an instant, because the
//!   therapist picks a day ("ended on 5 March") and a session at 10:00 on
//!   that day must stay inside the episode it ends.
//! - A reopened end ([`EpisodeEnd::reopened`]) is ignored, so the visits
//!   after it continue the episode it had ended.
//! - Several ends between the same two visits (two tabs, or an end entered
//!   twice) close the episode once: the one edited last wins (its
//!   `updated_at`, else `created_at`, then the greater id), the others are
//!   listed as unused so the shell can show them rather than lose them. Ends
//!   dated before the client's first visit close nothing and are unused too.

use crate::domain::course::session::{sessions, Session};
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::NOT_SEEN_DAYS;
use crate::domain::records::episode_end::{EndReason, EpisodeEnd};
use crate::domain::records::unrated::UnratedSession;
use crate::domain::time::{calendar_days_between, local_date, Zone};
use crate::domain::words::Words;
use chrono::{DateTime, NaiveDate, Utc};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// One course of treatment of one client (or case).
#[derive(Clone, Debug, PartialEq)]
pub struct Episode<'a> {
    /// The client (or case).
    pub client_id: &'a str,
    /// 1 for the client's first episode, 2 for the next…
    pub number: usize,
    /// A stable key: the id of the episode's first visit (a session id, or
    /// an unrated session's id), which no later session can change.
    pub key: &'a str,
    /// The rated sessions, in date order.
    pub sessions: Vec<Session<'a>>,
    /// Visits: the rated sessions plus sessions logged without a rating on
    /// a day with no rated one (what "sessions per episode" counts).
    pub visits: usize,
    /// The first visit: when the episode opened.
    pub opened_at: DateTime<Utc>,
    /// The last visit.
    pub last_at: DateTime<Utc>,
    /// The end, when the episode is ended.
    pub end: Option<&'a EpisodeEnd>,
}

impl<'a> Episode<'a> {
    /// True while no end closes it.
    pub fn is_open(&self) -> bool {
        self.end.is_none()
    }

    /// The client's own ORS of the episode's sessions, in order: what change
    /// within the episode is read from (a partner's or a collateral rater's
    /// ORS is theirs, not the client's; see `raters::outcomes`).
    pub fn own_ors(&self) -> Vec<&'a Rating> {
        self.sessions
            .iter()
            .filter_map(|s| s.own(MeasureKind::Ors))
            .collect()
    }

    /// The totals of [`Episode::own_ors`]: what
    /// `OutcomeStatus::at` and "clients here who started like this" read,
    /// so intake, change, categories and the fourth-session alert all count
    /// from this episode's intake.
    pub fn ors_totals(&self) -> Vec<Total> {
        self.own_ors().iter().map(|r| r.total()).collect()
    }

    /// True when the session `session_id` is one of this episode's.
    pub fn holds(&self, session_id: &str) -> bool {
        self.sessions.iter().any(|s| s.id == session_id)
    }

    /// Intake: the client's own first ORS in this episode.
    pub fn intake_ors(&self) -> Option<&'a Rating> {
        self.sessions.iter().find_map(|s| s.own(MeasureKind::Ors))
    }

    /// The client's own last ORS in this episode (the intake itself when
    /// there is only one).
    pub fn last_ors(&self) -> Option<&'a Rating> {
        self.sessions
            .iter()
            .rev()
            .find_map(|s| s.own(MeasureKind::Ors))
    }

    /// The client's own first SRS in this episode.
    pub fn intake_srs(&self) -> Option<&'a Rating> {
        self.sessions.iter().find_map(|s| s.own(MeasureKind::Srs))
    }

    /// Calendar days in `zone` from the first to the last visit (0 for a
    /// one-session episode). Not to the end's date: for a client who
    /// stopped coming the end is entered weeks later, and would measure the
    /// paperwork rather than the treatment.
    pub fn length_days(&self, zone: Zone) -> i64 {
        calendar_days_between(self.opened_at, self.last_at, zone)
    }
}

/// One client's episodes, oldest first, and the end records that closed
/// none (see the module doc), so nothing the therapist entered goes unseen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientEpisodes<'a> {
    /// The episodes, oldest first; the last may be open.
    pub episodes: Vec<Episode<'a>>,
    /// Active end records that close no episode.
    pub unused_ends: Vec<&'a EpisodeEnd>,
}

impl<'a> ClientEpisodes<'a> {
    /// The current episode: the last one, open or ended.
    pub fn last(&self) -> Option<&Episode<'a>> {
        self.episodes.last()
    }

    /// The episode holding session `session_id` (for reading one ORS within
    /// its own episode), if any.
    pub fn containing(&self, session_id: &str) -> Option<&Episode<'a>> {
        self.episodes.iter().find(|e| e.holds(session_id))
    }

    /// The end the therapist may take back: that of the latest ended
    /// episode, when at most the open episode it split off follows it (so
    /// "a later session started a new episode: reopen the last one
    /// instead?" merges the two).
    pub fn reopenable(&self) -> Option<&'a EpisodeEnd> {
        match self.episodes.as_slice() {
            [.., e] if e.end.is_some() => e.end,
            [.., e, open] if open.is_open() => e.end,
            _ => None,
        }
    }

    /// True when the current episode is open and its last visit is at least
    /// [`NOT_SEEN_DAYS`] calendar days before `now` in `zone`: the
    /// caseload's "not seen" client, who may be ended as "stopped coming"
    /// in one step.
    pub fn may_end_as_stopped(&self, now: DateTime<Utc>, zone: Zone) -> bool {
        self.last().is_some_and(|e| {
            e.is_open() && calendar_days_between(e.last_at, now, zone) >= NOT_SEEN_DAYS
        })
    }

    /// The end to save when the therapist ends the current episode as
    /// "stopped coming" from the caseload, or `None` when
    /// [`ClientEpisodes::may_end_as_stopped`] is false. Dated on the last
    /// visit's local day: the treatment ended when the client stopped
    /// coming, not when the file was closed (`created_at` says that).
    pub fn end_as_stopped(
        &self,
        id: impl Into<String>,
        now: DateTime<Utc>,
        zone: Zone,
    ) -> Option<EpisodeEnd> {
        if !self.may_end_as_stopped(now, zone) {
            return None;
        }
        let last = self.last()?;
        Some(EpisodeEnd::new(
            id,
            last.client_id,
            local_date(last.last_at, zone),
            EndReason::Unilateral,
            now,
        ))
    }
}

/// A visit: a rated session, or a logged one without a rating.
struct Visit<'a> {
    at: DateTime<Utc>,
    id: &'a str,
    rated: Option<Session<'a>>,
}

/// The episodes of one client from their rated sessions, their sessions
/// logged without a rating and their end records (every argument may hold
/// other clients' records: only `client_id`'s are read). Dates are local to
/// `zone`. O(n log n).
pub fn episodes_of<'a>(
    client_id: &'a str,
    ratings: &'a [Rating],
    unrated: &'a [UnratedSession],
    ends: &'a [EpisodeEnd],
    zone: Zone,
) -> ClientEpisodes<'a> {
    let own = sessions(
        ratings
            .iter()
            .filter(|r| r.client_id.as_deref() == Some(client_id)),
    );
    split(
        client_id,
        own,
        unrated.iter().filter(|u| u.client_id == client_id),
        ends.iter().filter(|e| e.client_id == client_id),
        zone,
    )
}

/// Every client's episodes, by client id ([`all_episodes`]).
pub type EpisodesByClient<'a> = HashMap<&'a str, ClientEpisodes<'a>>;

/// Every client's episodes at once (one pass over the records, so a report
/// over 50 clients does not scan 10,000 ratings 50 times), keyed by client
/// id. Ratings without a client have no episodes.
pub fn all_episodes<'a>(
    ratings: &'a [Rating],
    unrated: &'a [UnratedSession],
    ends: &'a [EpisodeEnd],
    zone: Zone,
) -> EpisodesByClient<'a> {
    /// One client's sessions, logged sessions and ends.
    type Records<'r> = (
        Vec<Session<'r>>,
        Vec<&'r UnratedSession>,
        Vec<&'r EpisodeEnd>,
    );
    let mut by_client: HashMap<&'a str, Records<'a>> = HashMap::default();
    for s in sessions(ratings) {
        if let Some(cid) = s.client_id {
            by_client.entry(cid).or_default().0.push(s);
        }
    }
    for u in unrated {
        by_client.entry(u.client_id.as_str()).or_default().1.push(u);
    }
    for e in ends {
        by_client.entry(e.client_id.as_str()).or_default().2.push(e);
    }
    by_client
        .into_iter()
        .map(|(cid, (s, u, e))| (cid, split(cid, s, u, e, zone)))
        .collect()
}

/// The rule itself (see the module doc), on one client's records; `rated`
/// is in date order, as [`sessions`] gives it.
fn split<'a>(
    client_id: &'a str,
    rated: Vec<Session<'a>>,
    unrated: impl IntoIterator<Item = &'a UnratedSession>,
    ends: impl IntoIterator<Item = &'a EpisodeEnd>,
    zone: Zone,
) -> ClientEpisodes<'a> {
    let rated_days: HashSet<NaiveDate> = rated.iter().map(|s| local_date(s.at, zone)).collect();
    let mut visits: Vec<Visit<'a>> = unrated
        .into_iter()
        .filter(|u| !rated_days.contains(&local_date(u.at, zone)))
        .map(|u| Visit {
            at: u.at,
            id: u.id.as_str(),
            rated: None,
        })
        .collect();
    visits.extend(rated.into_iter().map(|s| Visit {
        at: s.at,
        id: s.id,
        rated: Some(s),
    }));
    // Date then id, as sessions are ordered, so ties never swap.
    visits.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(b.id)));

    let mut ends: Vec<&'a EpisodeEnd> = ends.into_iter().filter(|e| e.is_active()).collect();
    ends.sort_by(|a, b| a.ended_on.cmp(&b.ended_on).then_with(|| a.id.cmp(&b.id)));
    let mut ends = ends.into_iter().peekable();

    let mut out = ClientEpisodes::default();
    let mut current: Option<Episode<'a>> = None;
    for v in visits {
        let day = local_date(v.at, zone);
        // Every end dated before this visit's day: the first batch closes
        // the current episode, and ends before any visit close nothing.
        let mut closing: Vec<&'a EpisodeEnd> = Vec::new();
        while let Some(e) = ends.next_if(|e| e.ended_on < day) {
            closing.push(e);
        }
        if !closing.is_empty() {
            match current.take() {
                Some(mut ep) => {
                    let winner = pick(&closing);
                    ep.end = Some(winner);
                    out.unused_ends
                        .extend(closing.iter().filter(|e| e.id != winner.id));
                    out.episodes.push(ep);
                }
                None => out.unused_ends.extend(closing),
            }
        }
        let ep = current.get_or_insert_with(|| Episode {
            client_id,
            number: out.episodes.len() + 1,
            key: v.id,
            sessions: Vec::new(),
            visits: 0,
            opened_at: v.at,
            last_at: v.at,
            end: None,
        });
        ep.visits += 1;
        ep.last_at = v.at;
        ep.sessions.extend(v.rated);
    }
    let rest: Vec<&'a EpisodeEnd> = ends.collect();
    match current {
        Some(mut ep) if !rest.is_empty() => {
            let winner = pick(&rest);
            ep.end = Some(winner);
            out.unused_ends
                .extend(rest.iter().filter(|e| e.id != winner.id));
            out.episodes.push(ep);
        }
        Some(ep) => out.episodes.push(ep),
        None => out.unused_ends.extend(rest),
    }
    out
}

/// Of several ends of one episode, the one written last (then the greater id).
fn pick<'a>(ends: &[&'a EpisodeEnd]) -> &'a EpisodeEnd {
    ends.iter()
        .copied()
        .max_by(|a, b| a.written().cmp(&b.written()).then_with(|| a.id.cmp(&b.id)))
        .expect("called with at least one end")
}

/// What a client's page says about the episodes: where treatment stands and,
/// when a session after an end opened a new episode, that it did (with the
/// end the therapist may take back instead).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpisodeStatus {
    /// One sentence: "Episode 2, open since 2026-03-05." or "Episode 1
    /// ended on 2026-03-05: the client stopped coming."
    pub text: String,
    /// Whether the current episode is open (an "End episode" is offered).
    pub open: bool,
    /// "A session after the end of episode 1 started episode 2.", when
    /// that is how the current episode began.
    pub new_episode: Option<String>,
    /// The end that may be taken back ([`ClientEpisodes::reopenable`]).
    pub reopen: Option<String>,
    /// The local date the "End episode" form starts at: the last visit's.
    pub last_visit: Option<NaiveDate>,
}

/// How an episode ended, as the "End episode" form offers it, in `w`
/// ([`EndReason::label`] stays the English of records and exports).
pub fn end_reason_label(reason: EndReason, w: Words) -> &'static str {
    match reason {
        EndReason::Planned => w.tr("Planned or by mutual agreement"),
        EndReason::Unilateral => w.tr("The client stopped coming"),
        EndReason::Referred => w.tr("Referred or moved on"),
        EndReason::Other => w.tr("Other"),
    }
}

/// How an episode ended, inside a sentence ("… ended on …: the client
/// stopped coming."), in `w`.
fn end_reason_in_sentence(reason: EndReason, w: Words) -> &'static str {
    match reason {
        EndReason::Planned => w.tr("planned or by mutual agreement"),
        EndReason::Unilateral => w.tr("the client stopped coming"),
        EndReason::Referred => w.tr("referred or moved on"),
        EndReason::Other => w.tr("other"),
    }
}

/// The status of a client's episodes as the page shows it, dates in `zone`,
/// sentences in `w`; `None` before the first session.
pub fn episode_status(eps: &ClientEpisodes<'_>, zone: Zone, w: Words) -> Option<EpisodeStatus> {
    let last = eps.last()?;
    let text = match last.end {
        None => w.trf(
            "Episode {n}, open since {date}.",
            &[
                ("n", &last.number),
                ("date", &w.day(local_date(last.opened_at, zone))),
            ],
        ),
        Some(end) => w.trf(
            "Episode {n} ended on {date}: {reason}.",
            &[
                ("n", &last.number),
                ("date", &w.day(end.ended_on)),
                ("reason", &end_reason_in_sentence(end.reason, w)),
            ],
        ),
    };
    let split = last.is_open() && last.number > 1;
    Some(EpisodeStatus {
        text,
        open: last.is_open(),
        new_episode: split.then(|| {
            w.trf(
                "A session after the end of episode {ended} started episode {n}: intake and change count from its own first ORS.",
                &[("ended", &(last.number - 1)), ("n", &last.number)],
            )
        }),

        reopen: eps.reopenable().map(|e| e.id.clone()),
        last_visit: Some(local_date(last.last_at, zone)),
    })
}

/// Which episode each rated session of a client belongs to (session id to
/// episode number): what the ORS readings group by, so intake, change and
/// the alerts count from each episode's own first ORS.
pub fn episode_numbers<'a>(eps: &ClientEpisodes<'a>) -> HashMap<&'a str, usize> {
    eps.episodes
        .iter()
        .flat_map(|e| e.sessions.iter().map(move |s| (s.id, e.number)))
        .collect()
}
