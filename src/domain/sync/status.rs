//! What sync tells the therapist, in plain words, and what it does next.
//!
//! Why: a sync that fails in jargon ("412 Precondition Failed") makes a
//! therapist fear for their clients' records, and every failure here is
//! harmless: the device keeps everything it has, and nothing is removed
//! because a server answered badly. So each sentence says what happened in
//! everyday words and that nothing is lost, and each trouble has a plan
//! (try again later, wait for the therapist, send smaller batches).
//!
//! The shell reports what it observed ([`Observed`]); [`classify`] names
//! the trouble, [`Trouble::words`] the sentence, [`Trouble::next`] the plan.

use crate::domain::words::Words;

/// What the shell saw of one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Observed<'a> {
    /// The server answered.
    Answer {
        /// The HTTP status.
        status: u16,
        /// The `Content-Type` header, if any.
        content_type: Option<&'a str>,
        /// The start of the body (a few hundred characters are enough).
        body: &'a str,
    },
    /// No answer within the shell's time limit.
    TimedOut,
    /// `fetch` failed: offline, no such host, refused, TLS failure, CORS.
    NetworkError,
}

/// Why a sync step did not go through. Kept across page loads in
/// [`LastRun`], so its serialised names are part of the device's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Trouble {
    /// 401 or 403: the sign-in expired or this user may not use the database.
    SignIn,
    /// 404: no database by that name.
    NoDatabase,
    /// 409 or 412: another device changed the same document at the same moment.
    Conflict,
    /// 413: the batch was too large for the server.
    TooLarge,
    /// 5xx: the server failed.
    Server(u16),
    /// No answer in time.
    Timeout,
    /// The server could not be reached.
    Unreachable,
    /// A web page came back where the server's JSON should be: a captive
    /// portal (hotel or clinic Wi-Fi sign-in) or a misconfigured proxy.
    CaptivePortal,
    /// Pulling stopped before filling the browser's storage.
    QuotaStop,
    /// The clinic passphrase did not unwrap the clinic key.
    WrongPassphrase,
    /// Another device runs a newer Attune and wrote records this version
    /// cannot read in full: the pull stops rather than rewrite them.
    NewerApp,
    /// The database's key document is another key than the one this
    /// device joined (the database was re-keyed).
    KeyChanged,
    /// The database's key document is gone (the server was restored from
    /// an older copy or emptied) and this device holds no copy of it: the
    /// clinic passphrase puts it back, wrapping the key this device holds.
    KeyMissing,
    /// A therapist named on this device has a caseload whose database this
    /// device has not joined yet (named after sync was turned on): joining
    /// needs the clinic passphrase.
    NotJoined,
    /// Any other status.
    Unexpected(u16),
}

/// What sync does after a trouble.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Try again after [`retry_after_secs`] (and on `online`).
    RetryLater,
    /// Read the current state again and retry at once (once; then later).
    RetryNow,
    /// Send the same documents in smaller batches.
    SmallerBatches,
    /// Wait until the therapist signs in again or changes the settings.
    WaitForTherapist,
    /// Stop pulling until there is room (pushing may go on).
    WaitForRoom,
}

/// Names the trouble in what the shell observed; `None` when the answer is
/// a normal one (2xx with JSON).
pub fn classify(observed: Observed<'_>) -> Option<Trouble> {
    let (status, content_type, body) = match observed {
        Observed::TimedOut => return Some(Trouble::Timeout),
        Observed::NetworkError => return Some(Trouble::Unreachable),
        Observed::Answer {
            status,
            content_type,
            body,
        } => (status, content_type, body),
    };
    let html = looks_like_html(content_type, body);
    Some(match status {
        // A portal answers the request itself, or redirects it to its page.
        200..=399 if html => Trouble::CaptivePortal,
        200..=299 => return None,
        511 => Trouble::CaptivePortal,
        401 | 403 => Trouble::SignIn,
        404 => Trouble::NoDatabase,
        409 | 412 => Trouble::Conflict,
        413 => Trouble::TooLarge,
        500..=599 => Trouble::Server(status),
        _ => Trouble::Unexpected(status),
    })
}

/// The trouble behind a 2xx body that could not be read as the expected
/// JSON: a portal's page when it looks like HTML, else an unexpected answer.
pub fn unreadable_body(body: &str) -> Trouble {
    if looks_like_html(None, body) {
        Trouble::CaptivePortal
    } else {
        Trouble::Unexpected(200)
    }
}

/// True for an HTML content type or a body that starts like markup.
fn looks_like_html(content_type: Option<&str>, body: &str) -> bool {
    let ct_html = content_type.is_some_and(|ct| {
        let ct = ct.to_ascii_lowercase();
        ct.starts_with("text/html") || ct.starts_with("application/xhtml")
    });
    ct_html
        || body
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<')
}

impl Trouble {
    /// One calm sentence for the sync status, saying that nothing is lost,
    /// in `w`'s language.
    pub fn words(self, w: Words) -> String {
        match self {
            Trouble::SignIn => w.tr(
                "The clinic server asks you to sign in again. Nothing is lost: everything stays on this device and syncs once you have.",
            ).to_string(),
            Trouble::NoDatabase => w.tr(
                "The clinic server has no database by that name; check it in the sync settings. Nothing is lost: everything stays on this device.",
            ).to_string(),
            Trouble::Conflict => w.tr(
                "Another device was saving the same records at the same moment; Attune will try again shortly. Nothing is lost: everything stays on this device.",
            ).to_string(),
            Trouble::TooLarge => w.tr(
                "The clinic server found a batch too large; Attune will send it in smaller parts. Nothing is lost: everything stays on this device.",
            ).to_string(),
            Trouble::Server(_) => w.tr(
                "The clinic server has a problem of its own; Attune will try again shortly. Nothing is lost: everything stays on this device.",
            ).to_string(),
            Trouble::Timeout => w.tr(
                "The clinic server took too long to answer; Attune will try again shortly. Nothing is lost: everything stays on this device.",
            ).to_string(),
            Trouble::Unreachable => w.tr(
                "The clinic server cannot be reached right now (no connection, or the address is wrong). Nothing is lost: everything stays on this device and syncs when it can be reached.",
            ).to_string(),
            Trouble::CaptivePortal => w.tr(
                "This network showed a web page instead of the clinic server: it may want you to sign in to the Wi-Fi in a browser tab. Nothing is lost: everything stays on this device.",
            ).to_string(),
            Trouble::QuotaStop => w.tr("Sync stopped before filling this browser's storage; what is here is kept. Nothing is lost: the rest stays safe on the clinic server.").to_string(),
            Trouble::NewerApp => w.tr("Another device uses a newer version of Attune. Sync has stopped here so that nothing it wrote is rewritten by this older version: reload this page (or update Attune) to get the newer version. Nothing is lost.").to_string(),
            Trouble::KeyChanged => w.tr("The clinic database's key has been replaced (the database may have been reset). Nothing is lost: everything stays on this device; turn sync off and on again with the clinic passphrase.").to_string(),
            Trouble::KeyMissing => w.tr("The clinic server has lost the clinic key (it may have been restored from an older copy or emptied). Nothing is lost: everything stays on this device. Enter the clinic passphrase in the sync settings to put the key back; this device then sends the server everything it holds.").to_string(),
            Trouble::NotJoined => w.tr("A therapist named on this device has a caseload this device has not joined yet. Nothing is lost: the other caseloads go on syncing. Turn sync off and on again with the clinic passphrase to join it.").to_string(),
            Trouble::WrongPassphrase => w.tr("That clinic passphrase does not open this clinic's records. Nothing was changed or lost: check the passphrase and try again.").to_string(),
            Trouble::Unexpected(code) => w.trf(
                "The clinic server gave an answer Attune did not expect (code {code}); Attune will try again later. Nothing is lost: everything stays on this device.",
                &[("code", &code)],
            ),
        }
    }

    /// What sync does next.
    pub fn next(self) -> Next {
        match self {
            Trouble::SignIn
            | Trouble::NoDatabase
            | Trouble::WrongPassphrase
            | Trouble::KeyChanged
            | Trouble::KeyMissing
            | Trouble::NotJoined
            | Trouble::NewerApp => Next::WaitForTherapist,
            Trouble::Conflict => Next::RetryNow,
            Trouble::TooLarge => Next::SmallerBatches,
            Trouble::QuotaStop => Next::WaitForRoom,
            Trouble::Server(_)
            | Trouble::Timeout
            | Trouble::Unreachable
            | Trouble::CaptivePortal
            | Trouble::Unexpected(_) => Next::RetryLater,
        }
    }
}

/// The first wait before retrying, in seconds.
pub const FIRST_RETRY_SECS: u64 = 10;
/// The longest wait before retrying, in seconds (15 minutes).
pub const MAX_RETRY_SECS: u64 = 15 * 60;

/// Seconds to wait before retry number `attempt` (0 for the first): 10 s,
/// doubling, at most 15 minutes. The shell adds its own jitter so devices
/// do not retry in step, and retries at once on `online`.
pub fn retry_after_secs(attempt: u32) -> u64 {
    FIRST_RETRY_SECS
        .saturating_mul(1u64 << attempt.min(32))
        .min(MAX_RETRY_SECS)
}

/// The size of the next batch after a 413: half, at least one document.
pub fn smaller_batch(size: usize) -> usize {
    (size / 2).max(1)
}

/// How many records wait to be sent, in words, when the server is known
/// to hold everything else (see [`status_words`] for the rule that decides).
pub fn waiting_words(waiting: usize, w: Words) -> String {
    match waiting {
        0 => w.tr("Everything on this device is synced.").to_string(),
        n => w.trn(
            "{n} record is waiting to sync.",
            "{n} records are waiting to sync.",
            n,
            &[],
        ),
    }
}

/// What the status says about this device's records against the server.
///
/// The rule: "synced" only when nothing waits to be sent, no record is
/// known to be missing on the server, no full comparison with the server
/// is owed ([`crate::domain::sync::verify`]: the server may be behind) and the last run
/// had no trouble (a server that could not be reached could not be
/// checked). Anything known to be missing counts as waiting.
pub fn status_words(
    waiting: usize,
    missing_on_server: usize,
    compare_owed: bool,
    trouble: Option<Trouble>,
    w: Words,
) -> String {
    let count = waiting.saturating_add(missing_on_server);
    if count > 0 {
        return waiting_words(count, w);
    }
    if compare_owed {
        return w.tr("Not yet sure the clinic server has everything from this device: it will be compared record by record at the next sync.").to_string();
    }
    if trouble.is_some() {
        return w
            .tr("Nothing new is waiting on this device, but the clinic server could not be checked.")
            .to_string();
    }
    waiting_words(0, w)
}

/// The outcome of the last sync run, kept on the device so the status
/// survives page loads (a rating started from a client's page reloads the
/// therapist page).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LastRun {
    /// When a run last finished without trouble.
    #[serde(default, with = "crate::domain::time::rfc3339_opt")]
    pub synced_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The trouble the last run met, if any.
    #[serde(default)]
    pub trouble: Option<Trouble>,
    /// Since when that trouble has lasted (the first run that met it).
    #[serde(default, with = "crate::domain::time::rfc3339_opt")]
    pub trouble_since: Option<chrono::DateTime<chrono::Utc>>,
}

impl LastRun {
    /// Reads the stored text; unreadable is "nothing known" (the next run
    /// writes it again).
    pub fn decode(text: Option<&str>) -> LastRun {
        text.and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    }

    /// The stored text.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The record after a run that ended at `now` with `outcome`.
    pub fn after(&self, now: chrono::DateTime<chrono::Utc>, outcome: Option<Trouble>) -> LastRun {
        match outcome {
            None => LastRun {
                synced_at: Some(now),
                trouble: None,
                trouble_since: None,
            },
            Some(t) => LastRun {
                synced_at: self.synced_at,
                trouble: Some(t),
                trouble_since: Some(self.trouble_since.unwrap_or(now)),
            },
        }
    }
}

/// How long a trouble that fixes itself (no connection, a server problem)
/// may last before the therapist's home screen mentions it: a day, so a
/// tablet offline for an afternoon says nothing, but one whose server has
/// been unreachable since yesterday does.
pub const HOME_NOTICE_AFTER_HOURS: i64 = 24;

/// The short notice for the therapist's home screen, or `None`.
///
/// A trouble that waits for the therapist (sign in again, the key
/// missing, no such database, storage full…) shows at once: sync does
/// nothing until they act. One that is retried by itself shows only once
/// the device has not synced for [`HOME_NOTICE_AFTER_HOURS`].
pub fn home_notice(now: chrono::DateTime<chrono::Utc>, last: &LastRun, w: Words) -> Option<String> {
    let t = last.trouble?;
    let needs_therapist = matches!(t.next(), Next::WaitForTherapist | Next::WaitForRoom);
    let since = last.synced_at.or(last.trouble_since).unwrap_or(now);
    let hours = (now - since).num_hours();
    if !needs_therapist && hours < HOME_NOTICE_AFTER_HOURS {
        return None;
    }
    let what = match t {
        Trouble::SignIn => w.tr("The clinic server asks you to sign in again.").to_string(),
        Trouble::KeyMissing => w
            .tr("The clinic server has lost the clinic key; the clinic passphrase puts it back.")
            .to_string(),
        Trouble::KeyChanged => w
            .tr("The clinic database's key has been replaced.")
            .to_string(),
        Trouble::NotJoined => w
            .tr("A caseload named on this device is not joined yet; the clinic passphrase joins it.")
            .to_string(),
        Trouble::NoDatabase => w
            .tr("The clinic server has no database by that name.")
            .to_string(),
        Trouble::WrongPassphrase => w
            .tr("The clinic passphrase does not open this clinic's records.")
            .to_string(),
        Trouble::NewerApp => w
            .tr("Another device uses a newer version of Attune; reload this page.")
            .to_string(),
        Trouble::QuotaStop => w
            .tr("Sync stopped: this browser's storage is nearly full.")
            .to_string(),
        _ if last.synced_at.is_some() => match hours / 24 {
            d if d <= 1 => w.tr("This device has not synced for a day.").to_string(),
            d => w.trf(
                "This device has not synced for {days} days.",
                &[("days", &d)],
            ),
        },
        _ => w
            .tr("This device has not synced yet: the clinic server cannot be reached.")
            .to_string(),
    };
    Some(w.trf(
        "Sync needs you: {what} Nothing is lost.",
        &[("what", &what)],
    ))
}

/// When the last run finished, in words (`now` passed in).
pub fn last_synced_words(
    now: chrono::DateTime<chrono::Utc>,
    at: Option<chrono::DateTime<chrono::Utc>>,
    w: Words,
) -> String {
    let Some(at) = at else {
        return w.tr("Not synced yet on this device.").to_string();
    };
    let mins = (now - at).num_minutes().max(0);
    match mins {
        0 => w.tr("Last synced just now.").to_string(),
        m if m < 120 => w.trn(
            "Last synced {n} minute ago.",
            "Last synced {n} minutes ago.",
            m as usize,
            &[],
        ),
        m => w.trf("Last synced {hours} hours ago.", &[("hours", &(m / 60))]),
    }
}

/// Said above the form that puts a lost clinic key back from this device's
/// key: the server has nothing left to check the passphrase against, so
/// what is typed here becomes the clinic passphrase new devices join with.
pub fn key_back_hint(w: Words) -> &'static str {
    w.tr("Type the clinic passphrase every device uses, twice. The server has nothing left to check it against: what you type becomes the passphrase new devices join with, so use the clinic's own, not a new one.")
}

#[cfg(test)]
mod words_tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    #[test]
    fn last_synced_reads_as_a_person_would_say_it() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
        assert_eq!(
            last_synced_words(now, None, Words::EN),
            "Not synced yet on this device."
        );
        assert_eq!(
            last_synced_words(now, Some(now), Words::EN),
            "Last synced just now."
        );
        let ago = |m| Some(now - Duration::minutes(m));
        assert_eq!(
            last_synced_words(now, ago(1), Words::EN),
            "Last synced 1 minute ago."
        );
        assert_eq!(
            last_synced_words(now, ago(45), Words::EN),
            "Last synced 45 minutes ago."
        );
        assert_eq!(
            last_synced_words(now, ago(300), Words::EN),
            "Last synced 5 hours ago."
        );
        assert_eq!(
            waiting_words(0, Words::EN),
            "Everything on this device is synced."
        );
        assert_eq!(
            waiting_words(3, Words::EN),
            "3 records are waiting to sync."
        );
    }
}
