//! CouchDB documents and revisions: revision ids made from content and
//! parent, histories, trees, and the winner every replica agrees on.

use attune::domain::records::layout::Kind;
use attune::domain::sync::crypto_format::Envelope;
use attune::domain::sync::revs::{
    doc_id, parse_doc_id, winner, Leaf, Rev, RevTree, Revisions, WireDoc, KEY_DOC_ID,
};
use chrono::{DateTime, Utc};

fn at(s: &str) -> DateTime<Utc> {
    attune::domain::time::parse(s).unwrap()
}

fn rev(s: &str) -> Rev {
    Rev::parse(s).unwrap()
}

fn envelope(seed: u8) -> Envelope {
    Envelope::new([seed; 12], vec![seed; 40]).unwrap()
}

#[test]
fn revision_ids_are_generation_dash_hash() {
    let r = rev("3-abc");
    assert_eq!((r.n, r.hash.as_str()), (3, "abc"));
    assert_eq!(r.to_string(), "3-abc");
    for bad in [
        "",
        "abc",
        "0-abc",
        "1-",
        "-1",
        "01-a",
        "+1-a",
        "1-a b",
        "x-1",
        "18446744073709551616-a",
    ] {
        assert!(Rev::parse(bad).is_err(), "{bad:?}");
    }
    // A hash may contain dashes (CouchDB only splits at the first).
    assert_eq!(rev("2-a-b").hash, "a-b");
    // Generation first, then the hash as a string.
    assert!(rev("10-a") > rev("9-z"));
    assert!(rev("2-b") > rev("2-a"));
}

#[test]
fn document_ids_are_type_then_id() {
    assert_eq!(doc_id(Kind::Client, "c-1"), "client:c-1");
    assert_eq!(doc_id(Kind::Rating, "r-1"), "rating:r-1");
    assert_eq!(doc_id(Kind::Unrated, "u-1"), "unrated:u-1");
    assert_eq!(parse_doc_id("rating:r:1"), Some((Kind::Rating, "r:1")));
    assert_eq!(parse_doc_id(KEY_DOC_ID), None);
    assert_eq!(parse_doc_id("_design/x"), None);
    assert_eq!(parse_doc_id("rating:"), None);
}

#[test]
fn histories_name_consecutive_generations() {
    let h = Revisions {
        start: 3,
        ids: vec!["c".into(), "b".into(), "a".into()],
    };
    let path = h.path().unwrap();
    assert_eq!(path, [rev("3-c"), rev("2-b"), rev("1-a")]);
    assert_eq!(Revisions::from_path(&path), h);
    assert!(Revisions {
        start: 1,
        ids: vec!["b".into(), "a".into()]
    }
    .path()
    .is_err());
    assert!(Revisions {
        start: 1,
        ids: vec![]
    }
    .path()
    .is_err());
    // A cut history (older ancestors pruned) is fine.
    assert_eq!(
        Revisions {
            start: 9,
            ids: vec!["z".into()]
        }
        .path()
        .unwrap(),
        [rev("9-z")]
    );
}

#[test]
fn a_new_revision_is_named_by_its_content_and_parent() {
    let when = at("2026-03-02T16:05:00Z");
    let first = WireDoc::revision(Kind::Rating, "r-1", when, envelope(1), &[]);
    let r1 = first.rev().unwrap();
    assert_eq!(r1.n, 1);
    assert_eq!(r1.hash.len(), 32);
    assert!(r1.hash.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(first.expected_hash(None), r1.hash);
    assert_eq!(first.path().unwrap(), std::slice::from_ref(&r1));

    // The same content on the same parent: the same revision (a retry
    // sends what the server already has).
    assert_eq!(
        WireDoc::revision(Kind::Rating, "r-1", when, envelope(1), &[]),
        first
    );
    // Other ciphertext, other revision.
    assert_ne!(
        WireDoc::revision(Kind::Rating, "r-1", when, envelope(2), &[]).rev,
        first.rev
    );
    // Another document with the same payload: another revision.
    assert_ne!(
        WireDoc::revision(Kind::Rating, "r-2", when, envelope(1), &[]).rev,
        first.rev
    );

    let second = WireDoc::revision(
        Kind::Rating,
        "r-1",
        when,
        envelope(3),
        std::slice::from_ref(&r1),
    );
    let r2 = second.rev().unwrap();
    assert_eq!(r2.n, 2);
    assert_eq!(second.expected_hash(Some(&r1)), r2.hash);
    assert_eq!(second.path().unwrap(), [r2, r1]);
}

#[test]
fn the_wire_document_has_exactly_this_shape() {
    let doc = WireDoc::revision(
        Kind::Client,
        "c-1",
        at("2026-03-02T16:05:00Z"),
        Envelope::new([0xab; 12], vec![1; 16]).unwrap(),
        &[],
    );
    let hash = doc.rev().unwrap().hash;
    let want = format!(
        concat!(
            r#"{{"_id":"client:c-1","_rev":"1-{h}","type":"client","updated_at":"2026-03-02T16:05:00Z","#,
            r#""payload":{{"v":1,"alg":"A256GCM","iv":"q6urq6urq6urq6ur","ct":"AQEBAQEBAQEBAQEBAQEBAQ=="}},"#,
            r#""_revisions":{{"start":1,"ids":["{h}"]}}}}"#
        ),
        h = hash
    );
    assert_eq!(serde_json::to_string(&doc).unwrap(), want);
    let back: WireDoc = serde_json::from_str(&want).unwrap();
    assert_eq!(back, doc);
    // Fields CouchDB adds (`_conflicts`) are ignored.
    let with_extra = want.replacen('{', r#"{"_conflicts":["1-x"],"#, 1);
    assert_eq!(serde_json::from_str::<WireDoc>(&with_extra).unwrap(), doc);
}

#[test]
fn a_deletion_stub_is_the_same_on_every_device() {
    let path = [rev("2-b"), rev("1-a")];
    let stub = WireDoc::deletion_stub("client:c-1", &path);
    assert_eq!(stub, WireDoc::deletion_stub("client:c-1", &path));
    assert!(stub.deleted);
    assert_eq!(stub.payload, None);
    assert_eq!(stub.doc_type, None);
    let r = stub.rev().unwrap();
    assert_eq!(r.n, 3);
    assert_eq!(stub.path().unwrap(), [r.clone(), rev("2-b"), rev("1-a")]);
    let json = serde_json::to_string(&stub).unwrap();
    assert_eq!(
        json,
        format!(
            r#"{{"_id":"client:c-1","_rev":"{r}","_deleted":true,"_revisions":{{"start":3,"ids":["{}","b","a"]}}}}"#,
            r.hash
        )
    );
}

#[test]
fn the_winner_is_live_then_longest_then_highest_hash() {
    let leaf = |r: &str, deleted: bool| Leaf {
        rev: rev(r),
        deleted,
    };
    let leaves = vec![
        leaf("3-aaa", false),
        leaf("4-zzz", true),
        leaf("3-bbb", false),
        leaf("2-ccc", false),
    ];
    // Every order gives the same winner.
    let mut orders = vec![leaves.clone()];
    let mut rev_order = leaves.clone();
    rev_order.reverse();
    orders.push(rev_order);
    orders.push(vec![
        leaves[2].clone(),
        leaves[0].clone(),
        leaves[3].clone(),
        leaves[1].clone(),
    ]);
    for o in orders {
        assert_eq!(winner(&o).unwrap().rev, rev("3-bbb"));
    }
    // All deleted: the deleted one with the highest revision.
    assert_eq!(
        winner(&[leaf("2-a", true), leaf("3-a", true)]).unwrap().rev,
        rev("3-a")
    );
    assert_eq!(winner(&[]), None);
}

#[test]
fn a_tree_knows_its_revisions_and_leaves() {
    let mut tree = RevTree::new();
    assert!(tree.insert(&[rev("2-b"), rev("1-a")], false));
    // The same revision again changes nothing.
    assert!(!tree.insert(&[rev("2-b"), rev("1-a")], false));
    assert!(!tree.insert(&[rev("1-a")], false));
    // A conflicting branch from another device.
    assert!(tree.insert(&[rev("2-c"), rev("1-a")], false));
    let mut leaves: Vec<String> = tree.leaves().iter().map(|l| l.rev.to_string()).collect();
    leaves.sort();
    assert_eq!(leaves, ["2-b", "2-c"]);
    assert_eq!(tree.winner().unwrap().rev, rev("2-c"));

    // Closing 2-c with a stub leaves 2-b the only live leaf and the winner.
    let stub = WireDoc::deletion_stub("client:c-1", &tree.path_to(&rev("2-c")));
    assert!(tree.insert(&stub.path().unwrap(), true));
    assert_eq!(tree.winner().unwrap().rev, rev("2-b"));
    assert_eq!(tree.leaves().iter().filter(|l| !l.deleted).count(), 1);
    assert_eq!(tree.path_to(&rev("2-b")), [rev("2-b"), rev("1-a")]);
    assert!(tree.path_to(&rev("9-x")).is_empty());
}
