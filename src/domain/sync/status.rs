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

/// Why a sync step did not go through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    /// The database's key document is gone or is another key than the one
    /// this device joined (the database was reset or re-keyed).
    KeyChanged,
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
    /// One calm sentence for the sync status, saying that nothing is lost.
    pub fn words(self) -> String {
        let kept = "Nothing is lost: everything stays on this device";
        match self {
            Trouble::SignIn => format!(
                "The clinic server asks you to sign in again. {kept} and syncs once you have."
            ),
            Trouble::NoDatabase => format!(
                "The clinic server has no database by that name; check it in the sync settings. {kept}."
            ),
            Trouble::Conflict => format!(
                "Another device was saving the same records at the same moment; Attune will try again shortly. {kept}."
            ),
            Trouble::TooLarge => format!(
                "The clinic server found a batch too large; Attune will send it in smaller parts. {kept}."
            ),
            Trouble::Server(_) => format!(
                "The clinic server has a problem of its own; Attune will try again shortly. {kept}."
            ),
            Trouble::Timeout => format!(
                "The clinic server took too long to answer; Attune will try again shortly. {kept}."
            ),
            Trouble::Unreachable => format!(
                "The clinic server cannot be reached right now (no connection, or the address is wrong). {kept} and syncs when it can be reached."
            ),
            Trouble::CaptivePortal => format!(
                "This network showed a web page instead of the clinic server: it may want you to sign in to the Wi-Fi in a browser tab. {kept}."
            ),
            Trouble::QuotaStop => "Sync stopped before filling this browser's storage; what is here is kept. Nothing is lost: the rest stays safe on the clinic server.".to_string(),
            Trouble::NewerApp => "Another device uses a newer version of Attune. Sync has stopped here so that nothing it wrote is rewritten by this older version: reload this page (or update Attune) to get the newer version. Nothing is lost.".to_string(),
            Trouble::KeyChanged => "The clinic database's key is missing or has been replaced (the database may have been reset). Nothing is lost: everything stays on this device; turn sync off and on again with the clinic passphrase.".to_string(),
            Trouble::WrongPassphrase => "That clinic passphrase does not open this clinic's records. Nothing was changed or lost: check the passphrase and try again.".to_string(),
            Trouble::Unexpected(code) => format!(
                "The clinic server gave an answer Attune did not expect (code {code}); Attune will try again later. {kept}."
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

/// How many records wait to be sent, in words.
pub fn waiting_words(waiting: usize) -> String {
    match waiting {
        0 => "Everything on this device is synced.".to_string(),
        1 => "1 record is waiting to sync.".to_string(),
        n => format!("{n} records are waiting to sync."),
    }
}

/// When the last run finished, in words (`now` passed in).
pub fn last_synced_words(
    now: chrono::DateTime<chrono::Utc>,
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> String {
    let Some(at) = at else {
        return "Not synced yet since this page opened.".to_string();
    };
    let mins = (now - at).num_minutes().max(0);
    match mins {
        0 => "Last synced just now.".to_string(),
        1 => "Last synced 1 minute ago.".to_string(),
        m if m < 120 => format!("Last synced {m} minutes ago."),
        m => format!("Last synced {} hours ago.", m / 60),
    }
}

#[cfg(test)]
mod words_tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    #[test]
    fn last_synced_reads_as_a_person_would_say_it() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
        assert_eq!(
            last_synced_words(now, None),
            "Not synced yet since this page opened."
        );
        assert_eq!(last_synced_words(now, Some(now)), "Last synced just now.");
        let ago = |m| Some(now - Duration::minutes(m));
        assert_eq!(last_synced_words(now, ago(1)), "Last synced 1 minute ago.");
        assert_eq!(
            last_synced_words(now, ago(45)),
            "Last synced 45 minutes ago."
        );
        assert_eq!(last_synced_words(now, ago(300)), "Last synced 5 hours ago.");
        assert_eq!(waiting_words(0), "Everything on this device is synced.");
        assert_eq!(waiting_words(3), "3 records are waiting to sync.");
    }
}
