//! The live pull's rules (`domain::sync::live`): where the changes feed is
//! followed from, when it waits (hidden page, a run under way, a request
//! already out, a pause after trouble), and whether an answer means "pull
//! now" (another device's revision) or not (this device's own push).

use attune::domain::sync::engine::Synced;
use attune::domain::sync::live::{
    feed_path, read_answer, Answer, Live, Step, DEADLINE_MS, LIGHT_MAX, WAIT_MS,
};
use attune::domain::sync::protocol::{Change, Seq};
use attune::domain::sync::revs::Rev;
use attune::domain::sync::status::{Observed, FIRST_RETRY_SECS};

const MINE: &str = "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const THEIRS: &str = "2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

fn held(id: &str) -> Option<Synced> {
    (id == "rating:r1").then(|| Synced {
        rev: Rev::parse(MINE).unwrap(),
        digest: "0123456789abcdef".into(),
    })
}

fn json(body: &str) -> Observed<'_> {
    Observed::Answer {
        status: 200,
        content_type: Some("application/json"),
        body,
    }
}

fn row(seq: u64, id: &str, revs: &[&str]) -> String {
    let revs: Vec<String> = revs.iter().map(|r| format!(r#"{{"rev":"{r}"}}"#)).collect();
    format!(
        r#"{{"seq":{seq},"id":"{id}","changes":[{}]}}"#,
        revs.join(",")
    )
}

fn changes(rows: &[String], last_seq: u64) -> String {
    format!(
        r#"{{"results":[{}],"last_seq":{last_seq}}}"#,
        rows.join(",")
    )
}

/// `n` changes of other devices' records, as an answer names them.
fn news(n: usize) -> Vec<Change> {
    (0..n)
        .map(|i| Change {
            seq: Seq::Num(i as u64 + 1),
            id: format!("rating:n{i}"),
            revs: vec![Rev::parse(THEIRS).unwrap()],
            deleted: false,
        })
        .collect()
}

/// The feed of a page in view, once a run ended at `seq`.
fn following(seq: u64) -> Live {
    let mut live = Live::new(true);
    live.run_started();
    live.run_ended(Some(Seq::Num(seq)));
    live
}

fn ask(live: &mut Live) -> (String, u64) {
    match live.step() {
        Step::Ask { path, ticket } => (path, ticket),
        other => panic!("expected a request, got {other:?}"),
    }
}

#[test]
fn the_feed_is_a_long_poll_from_the_given_sequence_listing_every_leaf() {
    let path = feed_path(&Seq::Num(42));
    assert!(path.starts_with("_changes?"), "{path}");
    for part in [
        "feed=longpoll",
        "style=all_docs",
        "since=42",
        "timeout=25000",
    ] {
        assert!(path.contains(part), "{path} lacks {part}");
    }
    // CouchDB 3's opaque sequences are handed back percent-encoded.
    let text = feed_path(&Seq::Text("7-g1AAAA/x=".into()));
    assert!(text.contains("since=7-g1AAAA%2Fx%3D"), "{text}");
    // The shell's own deadline comes a few seconds after the server's
    // "no news" answer.
    assert_eq!(DEADLINE_MS - WAIT_MS, 5_000);
}

#[test]
fn another_devices_revision_is_news_and_this_devices_own_push_is_not() {
    let theirs = changes(&[row(5, "rating:r2", &[MINE])], 5);
    assert_eq!(
        read_answer(json(&theirs), held),
        Answer::Changes {
            last_seq: Seq::Num(5),
            news: vec![Change {
                seq: Seq::Num(5),
                id: "rating:r2".into(),
                revs: vec![Rev::parse(MINE).unwrap()],
                deleted: false,
            }]
        },
        "a record this device never held"
    );
    let edited = changes(&[row(6, "rating:r1", &[THEIRS])], 6);
    assert!(matches!(
        read_answer(json(&edited), held),
        Answer::Changes { ref news, .. } if news.len() == 1
    ));
    // What this device pushed itself comes back as the revision it holds.
    let own = changes(&[row(7, "rating:r1", &[MINE])], 7);
    assert_eq!(
        read_answer(json(&own), held),
        Answer::Changes {
            last_seq: Seq::Num(7),
            news: vec![]
        }
    );
    // A conflict beside the held revision is news: the rule must settle it.
    let conflict = changes(&[row(8, "rating:r1", &[MINE, THEIRS])], 8);
    assert!(matches!(
        read_answer(json(&conflict), held),
        Answer::Changes { ref news, .. } if news.len() == 1
    ));
    // The key document and others' documents start no pull.
    let key = changes(
        &[
            row(9, "attune:key", &[THEIRS]),
            row(10, "_design/x", &[THEIRS]),
        ],
        10,
    );
    assert_eq!(
        read_answer(json(&key), held),
        Answer::Changes {
            last_seq: Seq::Num(10),
            news: vec![]
        }
    );
}

#[test]
fn a_long_poll_answer_as_pouchdb_server_streams_it_is_read() {
    // Started at once, kept alive with newlines, closed by the first change.
    let body = format!(
        "{{\"results\":[\n\n\n{}\n],\n\"last_seq\":11}}\n",
        row(11, "client:c9", &[THEIRS])
    );
    assert_eq!(
        read_answer(json(&body), held),
        Answer::Changes {
            last_seq: Seq::Num(11),
            news: vec![Change {
                seq: Seq::Num(11),
                id: "client:c9".into(),
                revs: vec![Rev::parse(THEIRS).unwrap()],
                deleted: false,
            }]
        }
    );
}

#[test]
fn an_ended_request_is_quiet_and_every_failure_is_trouble() {
    assert_eq!(read_answer(Observed::TimedOut, held), Answer::Quiet);
    assert_eq!(read_answer(Observed::NetworkError, held), Answer::Trouble);
    for (status, ct, body) in [
        (503, "application/json", r#"{"error":"x"}"#),
        (401, "application/json", r#"{"error":"unauthorized"}"#),
        (502, "application/json", r#"{"error":"bad_gateway"}"#),
        (200, "text/html", "<html>Sign in to Wi-Fi</html>"),
        (200, "application/json", r#"{"ok":true}"#),
        (200, "application/json", "{\"results\":[\n"),
    ] {
        let seen = Observed::Answer {
            status,
            content_type: Some(ct),
            body,
        };
        assert_eq!(read_answer(seen, held), Answer::Trouble, "{status} {body}");
    }
}

#[test]
fn nothing_is_followed_before_a_run_went_through_nor_while_one_runs() {
    let mut live = Live::new(true);
    assert_eq!(live.step(), Step::Idle, "no run yet: no sequence to follow");
    live.run_started();
    assert_eq!(live.step(), Step::Idle, "a run is under way");
    live.run_ended(None);
    assert_eq!(live.step(), Step::Idle, "the run met trouble");
    live.run_started();
    live.run_ended(Some(Seq::Num(3)));
    let (path, _) = ask(&mut live);
    assert!(path.contains("since=3"), "{path}");
}

#[test]
fn there_is_never_more_than_one_request_out() {
    let mut live = following(3);
    let (_, ticket) = ask(&mut live);
    assert!(live.asking());
    assert_eq!(live.step(), Step::Idle);
    assert_eq!(live.step(), Step::Idle);
    live.answered(
        ticket,
        Answer::Changes {
            last_seq: Seq::Num(3),
            news: vec![],
        },
    );
    assert!(!live.asking());
    assert!(matches!(live.step(), Step::Ask { .. }));
}

#[test]
fn a_quiet_answer_asks_again_from_the_same_place_and_no_news_moves_on() {
    let mut live = following(3);
    let (_, t) = ask(&mut live);
    live.answered(t, Answer::Quiet);
    let (path, t) = ask(&mut live);
    assert!(path.contains("since=3"), "{path}");
    // This device's own push came back: followed past, no run.
    live.answered(
        t,
        Answer::Changes {
            last_seq: Seq::Num(4),
            news: vec![],
        },
    );
    let (path, _) = ask(&mut live);
    assert!(path.contains("since=4"), "{path}");
    assert_eq!(live.since(), Some(&Seq::Num(4)));
}

#[test]
fn news_of_many_changes_starts_one_run_and_the_feed_follows_from_where_it_ends() {
    let mut live = following(3);
    let (_, t) = ask(&mut live);
    live.answered(
        t,
        Answer::Changes {
            last_seq: Seq::Num(5),
            news: news(LIGHT_MAX + 1),
        },
    );
    assert_eq!(live.step(), Step::Pull);
    assert_eq!(live.step(), Step::Idle, "one run, and no request beside it");
    live.run_started();
    assert_eq!(live.step(), Step::Idle);
    // The run pulled (and pushed) up to 9: the feed goes on from there, so
    // its own pushes are behind it.
    live.run_ended(Some(Seq::Num(9)));
    let (path, _) = ask(&mut live);
    assert!(path.contains("since=9"), "{path}");
}

#[test]
fn a_run_started_meanwhile_ends_the_request_out_and_its_late_answer_changes_nothing() {
    let mut live = following(3);
    let (_, t) = ask(&mut live);
    assert!(live.run_started(), "the request out must end");
    // Its answer (the run's own push, say) arrives after the run started.
    live.answered(
        t,
        Answer::Changes {
            last_seq: Seq::Num(4),
            news: news(1),
        },
    );
    assert_eq!(live.step(), Step::Idle, "no pull beside the run");
    live.run_ended(Some(Seq::Num(6)));
    let (path, _) = ask(&mut live);
    assert!(path.contains("since=6"), "{path}");
    // With nothing out, a run has nothing to end.
    let mut idle = following(1);
    assert!(!idle.run_started());
}

#[test]
fn a_hidden_page_follows_nothing_and_picks_up_again_when_shown() {
    let mut live = following(3);
    let (_, t) = ask(&mut live);
    assert!(live.shown(false), "hiding ends the request out");
    live.answered(t, Answer::Quiet);
    assert_eq!(live.step(), Step::Idle);
    assert!(!live.shown(false), "nothing more to end");
    // News announced just before the page hid waits for it to show.
    let mut heard = following(3);
    let (_, t) = ask(&mut heard);
    heard.answered(
        t,
        Answer::Changes {
            last_seq: Seq::Num(4),
            news: news(1),
        },
    );
    heard.shown(false);
    assert_eq!(heard.step(), Step::Idle);
    heard.shown(true);
    assert_eq!(
        heard.step(),
        Step::Take {
            changes: news(1),
            last_seq: Seq::Num(4)
        }
    );
    // Shown again with nothing owed: the feed goes on where it was.
    assert!(!live.shown(true));
    let (path, _) = ask(&mut live);
    assert!(path.contains("since=3"), "{path}");
    // A page that opens hidden asks nothing until shown.
    let mut hidden = Live::new(false);
    hidden.run_started();
    hidden.run_ended(Some(Seq::Num(2)));
    assert_eq!(hidden.step(), Step::Idle);
    hidden.shown(true);
    assert!(matches!(hidden.step(), Step::Ask { .. }));
}

#[test]
fn trouble_asks_one_run_to_tell_it_and_follows_again_only_after_a_good_run_and_a_growing_pause() {
    let mut live = following(3);
    let (_, t) = ask(&mut live);
    live.answered(t, Answer::Trouble);
    assert_eq!(live.failures(), 1);
    assert_eq!(
        live.step(),
        Step::Pull,
        "one run checks and tells the status"
    );
    assert_eq!(live.step(), Step::Idle);
    live.run_started();
    // The server is away: the run meets it too; the scheduler's back-off
    // plans the next run, and the feed waits for one that goes through.
    live.run_ended(None);
    assert_eq!(live.step(), Step::Idle);
    assert_eq!(live.since(), None);
    live.run_started();
    live.run_ended(Some(Seq::Num(5)));
    assert_eq!(live.step(), Step::Rest(FIRST_RETRY_SECS * 1000));
    assert_eq!(live.step(), Step::Idle, "resting");
    live.rested();
    let (_, t) = ask(&mut live);
    // The feed alone fails again (the runs go through): the pause doubles,
    // so it is asked rarely, never in a loop.
    live.answered(t, Answer::Trouble);
    assert_eq!(live.step(), Step::Pull);
    live.run_started();
    live.run_ended(Some(Seq::Num(5)));
    assert_eq!(live.step(), Step::Rest(2 * FIRST_RETRY_SECS * 1000));
    live.rested();
    let (_, t) = ask(&mut live);
    // A good answer ends the pauses.
    live.answered(t, Answer::Quiet);
    live.answered(0, Answer::Quiet);
    let (_, t) = ask(&mut live);
    live.answered(
        t,
        Answer::Changes {
            last_seq: Seq::Num(6),
            news: news(1),
        },
    );
    assert_eq!(live.failures(), 0);
    assert!(matches!(live.step(), Step::Take { .. }));
    live.run_started();
    live.run_ended(Some(Seq::Num(7)));
    assert!(
        matches!(live.step(), Step::Ask { .. }),
        "no pause after a good answer"
    );
}

#[test]
fn turning_sync_off_or_on_again_ends_the_request_and_forgets_where_it_was() {
    let mut live = following(3);
    let _ = ask(&mut live);
    assert!(live.reset());
    assert_eq!(live.since(), None);
    assert_eq!(live.step(), Step::Idle);
    assert!(!live.reset());
    live.run_started();
    live.run_ended(Some(Seq::Num(1)));
    assert!(matches!(live.step(), Step::Ask { .. }), "still in view");
}

#[test]
fn a_quiet_answer_after_trouble_ends_the_pauses_so_the_next_run_follows_at_once() {
    let mut live = following(3);
    let (_, t) = ask(&mut live);
    live.answered(t, Answer::Trouble);
    assert_eq!(live.step(), Step::Pull);
    live.run_started();
    live.run_ended(Some(Seq::Num(5)));
    assert_eq!(live.step(), Step::Rest(FIRST_RETRY_SECS * 1000));
    live.rested();
    // The server held the request until the deadline (PouchDB Server's
    // idle answer): the feed works again.
    let (_, t) = ask(&mut live);
    live.answered(t, Answer::Quiet);
    assert_eq!(live.failures(), 0);
    // This device's own save: its run goes through, and the feed listens
    // again at once rather than after a pause owed to the earlier trouble.
    let (_, t) = ask(&mut live);
    live.run_started();
    live.answered(t, Answer::Quiet);
    live.run_ended(Some(Seq::Num(6)));
    assert!(matches!(live.step(), Step::Ask { .. }), "no pause");
}

#[test]
fn a_few_changes_are_taken_in_light_and_the_feed_follows_on_from_the_answer() {
    let mut live = following(3);
    let (_, t) = ask(&mut live);
    live.answered(
        t,
        Answer::Changes {
            last_seq: Seq::Num(8),
            news: news(LIGHT_MAX),
        },
    );
    assert_eq!(
        live.step(),
        Step::Take {
            changes: news(LIGHT_MAX),
            last_seq: Seq::Num(8)
        }
    );
    assert_eq!(
        live.step(),
        Step::Idle,
        "one take, and no request beside it"
    );
    // The shell takes them as a run (never beside another) and tells
    // where the feed goes on from: the answer's position.
    assert!(!live.run_started());
    live.run_ended(Some(Seq::Num(8)));
    let (path, t) = ask(&mut live);
    assert!(path.contains("since=8"), "{path}");

    // A take that did not go through (trouble, or a change only a whole
    // run settles) is followed by a run, and the feed from that run's end.
    live.answered(
        t,
        Answer::Changes {
            last_seq: Seq::Num(9),
            news: news(1),
        },
    );
    assert!(matches!(live.step(), Step::Take { .. }));
    live.run_started();
    live.run_ended(Some(Seq::Num(12)));
    let (path, t) = ask(&mut live);
    assert!(path.contains("since=12"), "{path}");

    // A run started while a take was owed covers it: no take after it.
    live.answered(
        t,
        Answer::Changes {
            last_seq: Seq::Num(13),
            news: news(2),
        },
    );
    live.run_started();
    assert_eq!(live.step(), Step::Idle);
    live.run_ended(Some(Seq::Num(13)));
    assert!(matches!(live.step(), Step::Ask { .. }));
}
