//! The replication steps as pure planning: requests built, answers read
//! (per-document errors included), checkpoints, and a pull interrupted
//! mid-run that resumes with nothing lost and nothing duplicated.

use attune::domain::records::layout::Kind;
use attune::domain::sync::crypto_format::Envelope;
use attune::domain::sync::protocol::{
    apply, bulk_docs_request, bulk_get_request, changes_path, checkpoint_path, device_endpoint,
    endpoint, fits, missing_locally, next_checkpoint, only_missing, parse_bulk_docs,
    parse_bulk_get, parse_changes, parse_revs_diff, percent_encode, replication_id, resume_from,
    revs_diff_request, Applied, Checkpoint, Fetched, ProtocolError, Seq, QUOTA_RESERVE,
};
use attune::domain::sync::revs::{Rev, RevTree, WireDoc};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn rev(s: &str) -> Rev {
    Rev::parse(s).unwrap()
}

fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    attune::domain::time::parse(s).unwrap()
}

fn doc(id: &str, seed: u8) -> WireDoc {
    WireDoc::revision(
        Kind::Rating,
        id,
        at("2026-03-02T16:00:00Z"),
        Envelope::new([seed; 12], vec![seed; 24]).unwrap(),
        &[],
    )
}

#[test]
fn the_changes_path_lists_every_leaf_from_a_sequence() {
    assert_eq!(
        changes_path(&Seq::zero(), 200),
        "_changes?style=all_docs&since=0&limit=200"
    );
    assert_eq!(
        changes_path(&Seq::Text("12-g1A=/x y".into()), 50),
        "_changes?style=all_docs&since=12-g1A%3D%2Fx%20y&limit=50"
    );
}

/// RFC 3986's unreserved characters stay; every other byte (of the UTF-8)
/// becomes `%` and two upper-case hex digits.
fn percent_spelling(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn percent_encoding_keeps_only_unreserved_characters() {
    let every_ascii: String = (0u8..128).map(char::from).collect();
    assert_eq!(percent_encode(&every_ascii), percent_spelling(&every_ascii));
    assert_eq!(percent_encode("a-Z_0.9~"), "a-Z_0.9~");
    assert_eq!(percent_encode("\"attune:key\""), "%22attune%3Akey%22");
    assert_eq!(percent_encode("é/ü"), "%C3%A9%2F%C3%BC");
}

#[test]
fn a_changes_answer_is_read_with_only_attunes_documents() {
    let text = json!({
        "results": [
            {"seq": "1-g1", "id": "rating:r-1", "changes": [{"rev": "1-a"}, {"rev": "1-b"}]},
            {"seq": "2-g1", "id": "_design/views", "changes": [{"rev": "1-d"}]},
            {"seq": "3-g1", "id": "client:c-1", "changes": [{"rev": "2-c"}], "deleted": true},
            {"seq": "4-g1", "id": "attune:key", "changes": [{"rev": "1-k"}]},
            {"seq": "5-g1", "id": "rating:bad", "changes": [{"rev": "nope"}]}
        ],
        "last_seq": "5-g1",
        "pending": 3
    })
    .to_string();
    let page = parse_changes(&text).unwrap();
    let ids: Vec<&str> = page.changes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["rating:r-1", "client:c-1", "attune:key"]);
    assert_eq!(page.changes[0].revs, [rev("1-a"), rev("1-b")]);
    assert!(page.changes[1].deleted);
    assert_eq!(page.skipped, ["rating:bad"]);
    assert_eq!(page.last_seq, Seq::Text("5-g1".into()));
    assert!(page.more());

    // Numeric sequences (PouchDB Server, CouchDB 1) read the same way.
    let numeric =
        r#"{"results":[{"seq":7,"id":"unrated:u-1","changes":[{"rev":"1-u"}]}],"last_seq":7}"#;
    let page = parse_changes(numeric).unwrap();
    assert_eq!(page.last_seq, Seq::Num(7));
    assert!(!page.more());

    assert!(matches!(
        parse_changes("<html>Sign in to Wi-Fi</html>"),
        Err(ProtocolError::NotJson(_))
    ));
    assert!(matches!(
        parse_changes(r#"{"error":"unauthorized","reason":"You are not authorized"}"#),
        Err(ProtocolError::Shape(_))
    ));
}

#[test]
fn the_device_asks_only_for_revisions_it_lacks() {
    let page = parse_changes(
        r#"{"results":[{"seq":1,"id":"rating:r-1","changes":[{"rev":"2-b"},{"rev":"2-c"}]},
                       {"seq":2,"id":"rating:r-2","changes":[{"rev":"1-x"}]}],"last_seq":2}"#,
    )
    .unwrap();
    let mut trees: BTreeMap<String, RevTree> = BTreeMap::new();
    trees
        .entry("rating:r-1".into())
        .or_default()
        .insert(&[rev("2-b"), rev("1-a")], false);
    let missing = missing_locally(&page.changes, |id| trees.get(id));
    assert_eq!(
        missing,
        BTreeMap::from([
            ("rating:r-1".to_string(), vec![rev("2-c")]),
            ("rating:r-2".to_string(), vec![rev("1-x")]),
        ])
    );
    assert_eq!(
        bulk_get_request(&missing),
        r#"{"docs":[{"id":"rating:r-1","rev":"2-c"},{"id":"rating:r-2","rev":"1-x"}]}"#
    );
}

#[test]
fn revs_diff_is_built_from_local_leaves_and_its_answer_read() {
    let a = doc("r-1", 1);
    let b = doc("r-2", 2);
    let offer = BTreeMap::from([
        (a.id.clone(), vec![a.rev().unwrap()]),
        (b.id.clone(), vec![b.rev().unwrap()]),
    ]);
    assert_eq!(
        revs_diff_request(&offer),
        format!(
            r#"{{"rating:r-1":["{}"],"rating:r-2":["{}"]}}"#,
            a.rev, b.rev
        )
    );
    // The server has r-1 already (an earlier run got through): only r-2 goes.
    let answer = format!(
        r#"{{"rating:r-2":{{"missing":["{}"],"possible_ancestors":["1-zz"]}}}}"#,
        b.rev
    );
    let diff = parse_revs_diff(&answer).unwrap();
    assert_eq!(diff["rating:r-2"].possible_ancestors, [rev("1-zz")]);
    let to_send = only_missing(vec![a, b.clone()], &diff);
    assert_eq!(to_send, [b]);
    assert!(parse_revs_diff("{}").unwrap().is_empty());
    assert!(parse_revs_diff(r#"{"x":{"missing":["bad"]}}"#).is_err());
}

#[test]
fn a_bulk_get_answer_is_read_one_document_at_a_time() {
    let good = doc("r-1", 1);
    let mut bad_payload = serde_json::to_value(doc("r-3", 3)).unwrap();
    bad_payload["payload"]["iv"] = json!("short");
    let answer = json!({"results": [
        {"id": "rating:r-1", "docs": [{"ok": serde_json::to_value(&good).unwrap()}]},
        {"id": "rating:r-2", "docs": [{"error": {"id": "rating:r-2", "rev": "1-x", "error": "not_found", "reason": "missing"}}]},
        {"id": "rating:r-3", "docs": [{"ok": bad_payload}]},
        {"id": "attune:key", "docs": [{"ok": {"_id": "attune:key", "_rev": "1-k", "type": "key"}}]},
        {"id": "rating:r-4", "docs": [{"ok": serde_json::to_value(&good).unwrap()}]}
    ]})
    .to_string();
    let fetched = parse_bulk_get(&answer).unwrap();
    assert_eq!(fetched.len(), 5);
    assert_eq!(fetched[0], Fetched::Doc(good));
    assert_eq!(
        fetched[1],
        Fetched::Error {
            id: "rating:r-2".into(),
            rev: Some("1-x".into()),
            error: "not_found: missing".into()
        }
    );
    assert!(matches!(&fetched[2], Fetched::Error { id, .. } if id == "rating:r-3"));
    assert!(matches!(&fetched[3], Fetched::Key(text) if text.contains("attune:key")));
    // A document under another id than asked for is not taken.
    assert!(matches!(&fetched[4], Fetched::Error { id, .. } if id == "rating:r-4"));
    assert!(matches!(
        parse_bulk_get("<!doctype html>"),
        Err(ProtocolError::NotJson(_))
    ));
}

#[test]
fn bulk_docs_keeps_the_revisions_as_named_and_reports_refusals() {
    let d = doc("r-1", 1);
    let body: Value = serde_json::from_str(&bulk_docs_request(std::slice::from_ref(&d))).unwrap();
    assert_eq!(body["new_edits"], json!(false));
    assert_eq!(body["docs"][0]["_rev"], json!(d.rev));
    assert_eq!(body["docs"][0]["_revisions"]["start"], json!(1));

    assert!(parse_bulk_docs("[]").unwrap().is_empty());
    assert!(
        parse_bulk_docs(r#"[{"ok":true,"id":"rating:r-1","rev":"1-a"}]"#)
            .unwrap()
            .is_empty()
    );
    let refused = parse_bulk_docs(
        r#"[{"id":"rating:r-1","rev":"1-a","error":"forbidden","reason":"only members"}]"#,
    )
    .unwrap();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].error, "forbidden");
    assert_eq!(refused[0].reason, "only members");
}

#[test]
fn replication_ids_are_stable_per_direction_and_device() {
    let server = endpoint("https://therapist:secret@Clinic.Example/couchdb/", "attune");
    assert_eq!(server, "https://clinic.example/couchdb/attune");
    assert_eq!(endpoint("/couchdb", "attune"), "/couchdb/attune");
    let device = device_endpoint("dev-1");
    let pull = replication_id(&server, &device, "dev-1");
    assert_eq!(pull.len(), 32);
    assert_eq!(pull, replication_id(&server, &device, "dev-1"));
    assert_ne!(pull, replication_id(&device, &server, "dev-1"));
    assert_ne!(
        pull,
        replication_id(&server, &device_endpoint("dev-2"), "dev-2")
    );
    assert_eq!(checkpoint_path(&pull), format!("_local/{pull}"));
    // The password never reaches the id.
    assert_eq!(
        replication_id(
            &endpoint("https://a:b@clinic.example", "x"),
            &device,
            "dev-1"
        ),
        replication_id(&endpoint("https://clinic.example", "x"), &device, "dev-1")
    );
}

#[test]
fn a_new_kind_of_record_starts_a_new_replication() {
    // A build that predates episode ends skipped their documents and moved
    // its checkpoint past them: the id names the kinds, so the updated
    // build's checkpoint starts over and reads them.
    assert_eq!(
        attune::domain::sync::checkpoint::known_kinds(),
        "client,rating,unrated,episode-end"
    );
    let server = endpoint("https://clinic.example", "attune");
    let device = device_endpoint("dev-1");
    let before = attune::domain::sync::digest::short_digest(&[
        b"attune.replication/1",
        server.as_bytes(),
        device.as_bytes(),
        b"dev-1",
    ]);
    assert_ne!(replication_id(&server, &device, "dev-1"), before);
}

#[test]
fn checkpoints_chain_and_say_where_to_resume() {
    let first = next_checkpoint(None, "rid", "run-a", Seq::Num(10));
    assert_eq!(
        first.encode(),
        r#"{"_id":"_local/rid","version":1,"writes":1,"session_id":"run-a.1","last_seq":10,"history":[{"session_id":"run-a.1","last_seq":10}]}"#
    );
    let mut on_server = first.clone();
    on_server.rev = Some("0-1".into());
    let second = next_checkpoint(Some(&on_server), "rid", "run-a", Seq::Text("20-g".into()));
    assert_eq!(second.rev.as_deref(), Some("0-1"));
    assert_eq!(second.history.len(), 2);
    assert_eq!(
        Checkpoint::decode(Some(&second.encode())),
        Some(second.clone())
    );
    assert_eq!(Checkpoint::decode(Some("<html>")), None);

    // Both sides wrote the same checkpoint.
    assert_eq!(
        resume_from(Some(&second), Some(&second)),
        Seq::Text("20-g".into())
    );
    // The device's write was lost: resume from the last write both hold.
    assert_eq!(resume_from(Some(&first), Some(&second)), Seq::Num(10));
    assert_eq!(resume_from(Some(&second), Some(&first)), Seq::Num(10));
    // Nothing in common, or one side missing: from the start (always safe).
    let other = next_checkpoint(None, "rid", "run-b", Seq::Num(99));
    assert_eq!(resume_from(Some(&other), Some(&second)), Seq::zero());
    assert_eq!(resume_from(None, Some(&second)), Seq::zero());
    assert_eq!(resume_from(Some(&second), None), Seq::zero());
    // History is bounded.
    let mut c = first;
    for i in 0..30 {
        c = next_checkpoint(Some(&c), "rid", "run-c", Seq::Num(i));
    }
    assert_eq!(c.history.len(), 10);
    assert_eq!(c.session_id, "run-c.31");
}

/// A stand-in for the server's database: its changes feed in order.
struct Server {
    log: Vec<WireDoc>,
}

impl Server {
    fn changes(&self, since: &Seq, limit: usize) -> String {
        let from = match since {
            Seq::Num(n) => *n as usize,
            Seq::Text(_) => 0,
        };
        let rows: Vec<Value> = self
            .log
            .iter()
            .enumerate()
            .skip(from)
            .take(limit)
            .map(|(i, d)| json!({"seq": i + 1, "id": d.id, "changes": [{"rev": d.rev}]}))
            .collect();
        let last = from + rows.len();
        json!({"results": rows, "last_seq": last, "pending": self.log.len() - last}).to_string()
    }

    fn bulk_get(&self, request: &str) -> String {
        let req: Value = serde_json::from_str(request).unwrap();
        let results: Vec<Value> = req["docs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| {
                let d = self
                    .log
                    .iter()
                    .find(|d| d.id == w["id"] && d.rev == w["rev"])
                    .unwrap();
                json!({"id": d.id, "docs": [{"ok": serde_json::to_value(d).unwrap()}]})
            })
            .collect();
        json!({ "results": results }).to_string()
    }
}

/// The device: its trees, the records it stored (by document, with how
/// many times each was stored), and its copy of the checkpoint.
#[derive(Default)]
struct Device {
    trees: BTreeMap<String, RevTree>,
    stored: BTreeMap<String, usize>,
    checkpoint: Option<Checkpoint>,
}

/// Pulls pages of `page` changes; `stop_after_storing` interrupts the run
/// after storing that many pages' records but before their checkpoint.
fn pull(
    device: &mut Device,
    server: &Server,
    server_cp: &mut Option<Checkpoint>,
    run: &str,
    page: usize,
    stop_after_storing: Option<usize>,
) {
    let mut since = resume_from(device.checkpoint.as_ref(), server_cp.as_ref());
    let mut pages = 0;
    loop {
        let changes = parse_changes(&server.changes(&since, page)).unwrap();
        let missing = missing_locally(&changes.changes, |id| device.trees.get(id));
        if !missing.is_empty() {
            for f in parse_bulk_get(&server.bulk_get(&bulk_get_request(&missing))).unwrap() {
                let Fetched::Doc(d) = f else { panic!("{f:?}") };
                let tree = device.trees.entry(d.id.clone()).or_default();
                if apply(tree, &d).unwrap() == Applied::New {
                    *device.stored.entry(d.id.clone()).or_default() += 1;
                }
            }
        }
        pages += 1;
        if Some(pages) == stop_after_storing {
            return; // the tab closed: records stored, checkpoint not written
        }
        let cp = next_checkpoint(
            device.checkpoint.as_ref(),
            "rid",
            run,
            changes.last_seq.clone(),
        );
        *server_cp = Some(cp.clone());
        device.checkpoint = Some(cp);
        if !changes.more() {
            return;
        }
        since = changes.last_seq;
    }
}

#[test]
fn an_interrupted_pull_resumes_with_nothing_lost_or_duplicated() {
    let server = Server {
        log: (0..7)
            .map(|i| doc(&format!("r-{i}"), i as u8 + 1))
            .collect(),
    };
    let mut device = Device::default();
    let mut server_cp = None;
    // First run: page 1 checkpointed, page 2 stored, then cut off.
    pull(&mut device, &server, &mut server_cp, "run-1", 3, Some(2));
    assert_eq!(device.stored.len(), 6);
    assert_eq!(
        resume_from(device.checkpoint.as_ref(), server_cp.as_ref()),
        Seq::Num(3)
    );

    // Second run resumes at the checkpoint: page 2 again, all known.
    pull(&mut device, &server, &mut server_cp, "run-2", 3, None);
    assert_eq!(device.stored.len(), 7, "nothing lost");
    assert!(
        device.stored.values().all(|&n| n == 1),
        "nothing stored twice"
    );

    // A third run finds nothing new.
    pull(&mut device, &server, &mut server_cp, "run-3", 3, None);
    assert!(device.stored.values().all(|&n| n == 1));

    // Even a lost checkpoint only costs re-reading.
    device.checkpoint = None;
    pull(&mut device, &server, &mut server_cp, "run-4", 3, None);
    assert!(device.stored.values().all(|&n| n == 1));
}

#[test]
fn applying_the_same_revision_twice_is_a_no_op() {
    let d = doc("r-1", 1);
    let mut tree = RevTree::new();
    assert_eq!(apply(&mut tree, &d), Ok(Applied::New));
    assert_eq!(apply(&mut tree, &d), Ok(Applied::AlreadyHave));
    let mut broken = d.clone();
    broken.rev = "nope".into();
    assert!(apply(&mut tree, &broken).is_err());
}

#[test]
fn a_pull_stores_a_page_only_when_it_fits_beside_a_reserve() {
    let quota = 5_000_000;
    assert!(fits(1_000, 1_000_000, quota));
    assert!(!fits(1_000, quota - QUOTA_RESERVE, quota));
    assert!(fits(0, quota - QUOTA_RESERVE, quota));
    assert!(!fits(u64::MAX, 0, quota));
}
