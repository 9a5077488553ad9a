//! Sync status in plain words: every server answer named calmly, with a
//! plan, and every sentence saying that nothing is lost.

use attune::domain::sync::status::{
    classify, retry_after_secs, smaller_batch, unreadable_body, waiting_words, Next, Observed,
    Trouble, MAX_RETRY_SECS,
};
use attune::domain::words::Words;

fn answer(status: u16, content_type: Option<&str>, body: &str) -> Option<Trouble> {
    classify(Observed::Answer {
        status,
        content_type,
        body,
    })
}

const JSON: Option<&str> = Some("application/json");

#[test]
fn every_answer_is_named() {
    assert_eq!(answer(200, JSON, r#"{"ok":true}"#), None);
    assert_eq!(answer(201, JSON, "[]"), None);
    assert_eq!(
        answer(401, JSON, r#"{"error":"unauthorized"}"#),
        Some(Trouble::SignIn)
    );
    assert_eq!(
        answer(403, JSON, r#"{"error":"forbidden"}"#),
        Some(Trouble::SignIn)
    );
    assert_eq!(
        answer(404, JSON, r#"{"error":"not_found"}"#),
        Some(Trouble::NoDatabase)
    );
    assert_eq!(
        answer(409, JSON, r#"{"error":"conflict"}"#),
        Some(Trouble::Conflict)
    );
    assert_eq!(answer(412, JSON, "{}"), Some(Trouble::Conflict));
    assert_eq!(answer(413, None, ""), Some(Trouble::TooLarge));
    assert_eq!(answer(500, JSON, "{}"), Some(Trouble::Server(500)));
    assert_eq!(
        answer(503, Some("text/html"), "<h1>down</h1>"),
        Some(Trouble::Server(503))
    );
    assert_eq!(answer(418, JSON, "{}"), Some(Trouble::Unexpected(418)));
    assert_eq!(classify(Observed::TimedOut), Some(Trouble::Timeout));
    assert_eq!(classify(Observed::NetworkError), Some(Trouble::Unreachable));
}

#[test]
fn a_captive_portal_is_recognised_by_its_html() {
    assert_eq!(
        answer(
            200,
            Some("text/html; charset=utf-8"),
            "<!DOCTYPE html><title>Guest Wi-Fi</title>"
        ),
        Some(Trouble::CaptivePortal)
    );
    // No content type, but markup where JSON belongs.
    assert_eq!(
        answer(200, None, "\u{feff}  <html>"),
        Some(Trouble::CaptivePortal)
    );
    assert_eq!(
        answer(302, Some("text/html"), ""),
        Some(Trouble::CaptivePortal)
    );
    assert_eq!(answer(511, None, ""), Some(Trouble::CaptivePortal));
    assert_eq!(unreadable_body("<html>"), Trouble::CaptivePortal);
    assert_eq!(unreadable_body("{\"trunc"), Trouble::Unexpected(200));
}

const ALL: [Trouble; 14] = [
    Trouble::SignIn,
    Trouble::NoDatabase,
    Trouble::Conflict,
    Trouble::TooLarge,
    Trouble::Server(502),
    Trouble::Timeout,
    Trouble::Unreachable,
    Trouble::CaptivePortal,
    Trouble::QuotaStop,
    Trouble::WrongPassphrase,
    Trouble::KeyChanged,
    Trouble::KeyMissing,
    Trouble::NewerApp,
    Trouble::Unexpected(418),
];

#[test]
fn on_a_spanish_page_every_trouble_is_said_in_spanish_and_says_nothing_is_lost() {
    use attune::domain::words::Lang;
    let es = Words::new(Lang::Es);
    for t in ALL {
        let w = t.words(es);
        assert_ne!(w, t.words(Words::EN), "{t:?} has no Spanish");
        assert!(
            w.contains("No se pierde nada") || w.contains("No se cambió ni se perdió nada"),
            "{t:?}: {w}"
        );
    }
    assert_eq!(
        waiting_words(2, es),
        "2 registros esperan para sincronizarse."
    );
}

#[test]
fn every_sentence_is_calm_and_says_nothing_is_lost() {
    for t in ALL {
        let w = t.words(Words::EN);
        assert!(w.contains("Nothing") && w.contains("lost"), "{t:?}: {w}");
        assert!(w.ends_with('.'), "{t:?}: {w}");
        for jargon in [
            "HTTP", "401", "403", "404", "409", "412", "413", "JSON", "error", "Error", "!",
        ] {
            assert!(!w.contains(jargon), "{t:?} says {jargon}: {w}");
        }
    }
    assert_eq!(
        Trouble::QuotaStop.words(Words::EN),
        "Sync stopped before filling this browser's storage; what is here is kept. Nothing is lost: the rest stays safe on the clinic server."
    );
    assert!(Trouble::SignIn.words(Words::EN).contains("sign in again"));
    assert!(Trouble::NoDatabase.words(Words::EN).contains("no database"));
    assert!(Trouble::TooLarge.words(Words::EN).contains("too large"));
    assert!(Trouble::CaptivePortal.words(Words::EN).contains("Wi-Fi"));
}

#[test]
fn each_trouble_has_a_plan() {
    assert_eq!(Trouble::SignIn.next(), Next::WaitForTherapist);
    assert_eq!(Trouble::NoDatabase.next(), Next::WaitForTherapist);
    assert_eq!(Trouble::WrongPassphrase.next(), Next::WaitForTherapist);
    assert_eq!(Trouble::KeyChanged.next(), Next::WaitForTherapist);
    assert_eq!(Trouble::KeyMissing.next(), Next::WaitForTherapist);
    assert!(Trouble::KeyMissing.words(Words::EN).contains("passphrase"));
    assert_eq!(Trouble::NewerApp.next(), Next::WaitForTherapist);
    assert!(Trouble::NewerApp.words(Words::EN).contains("newer version"));
    assert_eq!(Trouble::Conflict.next(), Next::RetryNow);
    assert_eq!(Trouble::TooLarge.next(), Next::SmallerBatches);
    assert_eq!(Trouble::QuotaStop.next(), Next::WaitForRoom);
    for t in [
        Trouble::Server(500),
        Trouble::Timeout,
        Trouble::Unreachable,
        Trouble::CaptivePortal,
    ] {
        assert_eq!(t.next(), Next::RetryLater);
    }
}

#[test]
fn retries_back_off_to_a_ceiling() {
    let waits: Vec<u64> = (0..8).map(retry_after_secs).collect();
    assert_eq!(waits, [10, 20, 40, 80, 160, 320, 640, 900]);
    assert_eq!(retry_after_secs(u32::MAX), MAX_RETRY_SECS);
    assert_eq!(smaller_batch(200), 100);
    assert_eq!(smaller_batch(1), 1);
    assert_eq!(
        waiting_words(0, Words::EN),
        "Everything on this device is synced."
    );
    assert_eq!(waiting_words(1, Words::EN), "1 record is waiting to sync.");
    assert_eq!(
        waiting_words(12, Words::EN),
        "12 records are waiting to sync."
    );
}

#[test]
fn the_last_run_is_kept_across_page_loads() {
    use attune::domain::sync::status::{last_synced_words, LastRun};
    use chrono::{Duration, TimeZone, Utc};
    let t0 = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    let ok = LastRun::default().after(t0, None);
    assert_eq!(ok.synced_at, Some(t0));
    let failed = ok.after(t0 + Duration::hours(1), Some(Trouble::SignIn));
    let again = failed.after(t0 + Duration::hours(5), Some(Trouble::SignIn));
    assert_eq!(again.synced_at, Some(t0), "the last good run is kept");
    assert_eq!(
        again.trouble_since,
        Some(t0 + Duration::hours(1)),
        "since the first"
    );
    assert_eq!(LastRun::decode(Some(&again.encode())), again);
    assert_eq!(LastRun::decode(Some("nonsense")), LastRun::default());
    assert_eq!(LastRun::decode(None), LastRun::default());
    let cleared = again.after(t0 + Duration::hours(6), None);
    assert_eq!(cleared.trouble, None);
    assert_eq!(cleared.trouble_since, None);
    // A page opened after the run still says when it was.
    assert_eq!(
        last_synced_words(t0 + Duration::minutes(3), ok.synced_at, Words::EN),
        "Last synced 3 minutes ago."
    );
    assert_eq!(
        last_synced_words(t0, None, Words::EN),
        "Not synced yet on this device."
    );
}

#[test]
fn the_home_screen_tells_of_trouble_that_needs_the_therapist() {
    use attune::domain::sync::status::{home_notice, LastRun};
    use chrono::{Duration, TimeZone, Utc};
    let t0 = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    let ok = LastRun::default().after(t0, None);
    assert_eq!(home_notice(t0, &ok, Words::EN), None, "nothing to say");
    // Waiting for the therapist: at once.
    for t in [
        Trouble::SignIn,
        Trouble::KeyMissing,
        Trouble::NoDatabase,
        Trouble::QuotaStop,
    ] {
        let n = home_notice(t0, &ok.after(t0, Some(t)), Words::EN).unwrap_or_default();
        assert!(
            n.starts_with("Sync needs you: ") && n.ends_with("Nothing is lost."),
            "{t:?}: {n}"
        );
    }
    assert!(
        home_notice(t0, &ok.after(t0, Some(Trouble::SignIn)), Words::EN)
            .unwrap()
            .contains("sign in again")
    );
    // Retried by itself: only once a day has passed without a sync.
    let off = ok.after(t0 + Duration::hours(2), Some(Trouble::Unreachable));
    assert_eq!(home_notice(t0 + Duration::hours(23), &off, Words::EN), None);
    assert_eq!(
        home_notice(t0 + Duration::hours(24 * 3 + 1), &off, Words::EN).as_deref(),
        Some("Sync needs you: This device has not synced for 3 days. Nothing is lost.")
    );
    let never = LastRun::default().after(t0, Some(Trouble::Unreachable));
    assert_eq!(
        home_notice(t0 + Duration::hours(1), &never, Words::EN),
        None
    );
    assert!(home_notice(t0 + Duration::hours(30), &never, Words::EN)
        .unwrap()
        .contains("cannot be reached"));
}
