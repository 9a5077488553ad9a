//! The live pull: while the therapist page is open and in view, the
//! server's changes feed is followed with long-polls, and a change another
//! device made starts a run at once (which pulls it through the same save as
//! any edit), so another device's rating shows here within a second or two
//! instead of at the next minute's run.
//!
//! Every decision is here, pure: where the feed is followed from (the end of
//! the last good run, so what this device pushed itself is behind it), when
//! it waits (page hidden, a run under way, a request already out, a pause
//! after trouble), and whether an answer means "pull now" (it names a
//! revision this device does not hold: its own pushes never do). The shell
//! sends what [`Live::step`] asks, ends a request when told to, and reports
//! each event back. There is never more than one request out and never a
//! pull beside a run: a pull *is* a run, and runs never overlap.
//!
//! A few changes announced by an answer are taken in light ([`Step::Take`]):
//! the shell fetches just those documents, settles them by the same rule
//! and stores them, and the feed follows on from the answer; the
//! checkpoints and the server-went-back checks stay with the regular runs
//! (each minute, after a save), which find those revisions already held.
//! Many changes at once, or any trouble, start a whole run instead.
//!
//! On trouble the feed does not retry by itself: it asks for one run, which
//! meets the same trouble and tells it as every run does (the status, the
//! back-off of [`super::schedule`]), and follows again only after a run that
//! went through, after a pause that grows with each feed failure in a row
//! (so a server whose feed alone fails is asked rarely, never in a loop).

use super::engine::{to_fetch, Synced};
use super::protocol::{parse_changes, Change, Seq, PAGE_SIZE};
use super::status::{classify, retry_after_secs, Observed};

/// How long the server may hold a long-poll open before answering "no
/// news" (CouchDB's `timeout`, in milliseconds): under the 30 to 60 s after
/// which proxies commonly cut an idle request.
pub const WAIT_MS: u64 = 25_000;
/// How long the shell waits for a long-poll's answer before it ends the
/// request itself: a few seconds past [`WAIT_MS`]. Servers that ignore
/// `timeout` (PouchDB Server holds the request until a change) are asked
/// again then; ending a request this way is not trouble.
pub const DEADLINE_MS: u64 = WAIT_MS + 5_000;
/// At most this many changed documents are taken in light
/// ([`Step::Take`]); more start a whole run, which pulls page by page and
/// moves the checkpoint as it goes.
pub const LIGHT_MAX: usize = 20;

/// The long-poll's path from `since`: every leaf of each changed document
/// (`style=all_docs`, as the pull asks), at most one page.
pub fn feed_path(since: &Seq) -> String {
    format!(
        "_changes?feed=longpoll&style=all_docs&since={}&limit={PAGE_SIZE}&timeout={WAIT_MS}",
        since.query()
    )
}

/// What one long-poll gave back, as the feed reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The feed answered: where it got to, and the changes naming a
    /// revision this device does not hold (another device's change: pull
    /// now); none when it holds them all (its own pushes, say).
    Changes {
        /// The feed's position after this answer.
        last_seq: Seq,
        /// The changes a run would fetch something for, in feed order.
        news: Vec<Change>,
    },
    /// No answer before the deadline, or the request was ended here: no
    /// news, ask again.
    Quiet,
    /// Anything else: unreachable, refused, an error status, a body that
    /// is not a changes answer.
    Trouble,
}

/// Reads one long-poll's outcome; `held` gives the revision this device
/// last synced of a document (its notes), so its own pushes are no news.
pub fn read_answer(observed: Observed<'_>, held: impl Fn(&str) -> Option<Synced>) -> Answer {
    if observed == Observed::TimedOut {
        return Answer::Quiet;
    }
    if classify(observed).is_some() {
        return Answer::Trouble;
    }
    let Observed::Answer { body, .. } = observed else {
        return Answer::Trouble;
    };
    match parse_changes(body) {
        Ok(page) => {
            let wanted = to_fetch(&page.changes, held);
            Answer::Changes {
                news: page
                    .changes
                    .into_iter()
                    .filter(|c| wanted.contains_key(&c.id))
                    .collect(),
                last_seq: page.last_seq,
            }
        }
        Err(_) => Answer::Trouble,
    }
}

/// What the shell does next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Nothing for now: wait for the next event.
    Idle,
    /// Send the long-poll `path` (relative to the database) and report its
    /// answer with `ticket`.
    Ask {
        /// [`feed_path`] from where the feed is followed.
        path: String,
        /// Names this request in [`Live::answered`].
        ticket: u64,
    },
    /// Start a run now (it pulls what the feed announced, or meets the
    /// trouble the feed met and tells it); report it with
    /// [`Live::run_started`] and [`Live::run_ended`].
    Pull,
    /// Take in just these changes (fetch, settle, store; no checkpoint),
    /// as a run that never overlaps another; report it with
    /// [`Live::run_started`] and [`Live::run_ended`]: with `last_seq` when
    /// it went through, `None` when it did not (a whole run then follows).
    Take {
        /// The changes the answer named that this device lacks.
        changes: Vec<Change>,
        /// Where the feed goes on from once they are stored.
        last_seq: Seq,
    },
    /// Wait this many milliseconds, then report [`Live::rested`].
    Rest(u64),
}

/// The feed's state on one page, from event to event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Live {
    /// Where the feed is followed from: the end of the last run that went
    /// through (`None`: none yet, or the last run met trouble).
    since: Option<Seq>,
    /// The page is in view.
    visible: bool,
    /// A run is under way, or was asked for.
    running: bool,
    /// The ticket of the request out, if one is.
    asking: Option<u64>,
    /// The ticket the current request carries; moved on whenever an
    /// answer in flight would be stale (a run started, the page hid).
    ticket: u64,
    /// Feed answers in a row that were trouble.
    failures: u32,
    /// An answer announced news, or trouble: a run is owed.
    pull: bool,
    /// An answer announced a few changes: taken in light, then followed
    /// from the answer's position.
    take: Option<(Vec<Change>, Seq)>,
    /// Following resumes only after a pause (after trouble).
    rest_owed: bool,
    /// A pause is under way.
    resting: bool,
}

impl Live {
    /// A page's feed, in view or not.
    pub fn new(visible: bool) -> Live {
        Live {
            visible,
            ..Live::default()
        }
    }

    /// Where the feed is followed from, when it is.
    pub fn since(&self) -> Option<&Seq> {
        self.since.as_ref()
    }

    /// Feed answers in a row that were trouble.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// True while a request is out.
    pub fn asking(&self) -> bool {
        self.asking.is_some()
    }

    /// Ends whatever is out, making its answer stale; true when the shell
    /// must end the request out.
    fn drop_request(&mut self) -> bool {
        self.ticket += 1;
        self.asking.take().is_some()
    }

    /// The page came into view or went out of it; true when the request
    /// out must be ended (a hidden page follows nothing).
    pub fn shown(&mut self, visible: bool) -> bool {
        self.visible = visible;
        !visible && self.drop_request()
    }

    /// A run started (any run: a save's, the minute's, "Sync now", the
    /// feed's own); true when the request out must be ended: the run pulls
    /// everything, and the feed follows from where it ends.
    pub fn run_started(&mut self) -> bool {
        self.running = true;
        self.pull = false;
        self.take = None;
        self.drop_request()
    }

    /// The runs ended: `end` is where the last one's pull got to, or
    /// `None` when it met trouble (then the feed waits for a run that goes
    /// through; the scheduler's back-off plans it).
    pub fn run_ended(&mut self, end: Option<Seq>) {
        self.running = false;
        self.pull = false;
        self.take = None;
        match end {
            Some(seq) => {
                self.since = Some(seq);
                self.rest_owed = self.failures > 0;
            }
            None => self.since = None,
        }
    }

    /// Sync was turned off or on again: nothing is followed until a run
    /// goes through.
    pub fn reset(&mut self) -> bool {
        let visible = self.visible;
        let ticket = self.ticket;
        let end = self.asking.is_some();
        *self = Live {
            visible,
            ticket: ticket + 1,
            ..Live::default()
        };
        end
    }

    /// The pause asked for by [`Step::Rest`] is over.
    pub fn rested(&mut self) {
        self.resting = false;
    }

    /// The answer to request `ticket`. A stale one (the page hid or a run
    /// started since it was sent) changes nothing.
    pub fn answered(&mut self, ticket: u64, answer: Answer) {
        if ticket != self.ticket || self.asking != Some(ticket) {
            return;
        }
        self.asking = None;
        self.ticket += 1;
        match answer {
            Answer::Changes { last_seq, news } => {
                self.failures = 0;
                if news.is_empty() {
                    self.since = Some(last_seq);
                } else if news.len() <= LIGHT_MAX {
                    self.take = Some((news, last_seq));
                } else {
                    self.pull = true;
                }
            }
            // The server held the request without trouble (PouchDB Server
            // answers an idle feed only at our deadline): the feed works, so
            // a run no longer owes a pause for trouble that has passed.
            Answer::Quiet => self.failures = 0,
            Answer::Trouble => {
                self.failures = self.failures.saturating_add(1);
                self.pull = true;
            }
        }
    }

    /// What to do now; call after every event. Asking marks the request
    /// as out and a pull marks a run as asked for, so calling again never
    /// sends a second request or starts a second run.
    pub fn step(&mut self) -> Step {
        if !self.visible || self.running || self.asking.is_some() || self.resting {
            return Step::Idle;
        }
        if self.pull {
            self.pull = false;
            self.take = None;
            self.running = true;
            return Step::Pull;
        }
        if let Some((changes, last_seq)) = self.take.take() {
            self.running = true;
            return Step::Take { changes, last_seq };
        }
        let Some(since) = &self.since else {
            return Step::Idle;
        };
        if self.rest_owed {
            self.rest_owed = false;
            self.resting = true;
            let attempt = self.failures.saturating_sub(1);
            return Step::Rest(retry_after_secs(attempt) * 1000);
        }
        self.asking = Some(self.ticket);
        Step::Ask {
            path: feed_path(since),
            ticket: self.ticket,
        }
    }
}
