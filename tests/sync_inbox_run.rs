//! The clinic inbox, the shell (`sync::inbox`) run natively on the
//! in-memory platform: a shared tablet seals each rating to the therapist
//! who handed it over and forgets it only once the inbox took it; a
//! therapist's device makes its caseload's key pair once (every device of
//! the caseload then uses it), publishes it, opens what is sealed to it,
//! keeps it in its caseload and closes the inbox copy only once the
//! caseload database holds the record; what does not open stays.
//!
//! The key agreement is the in-memory platform's stand-in (`platform::ecdh`,
//! not P-256; HKDF and AES-GCM are real): these tests hold the loops, the
//! browser test (`tests/browser/tablet-inbox.test.mjs`) the WebCrypto.

mod common;

use attune::domain::records::layout::Record;
use attune::domain::sync::status::Trouble;
use attune::platform::ecdh::Ecdh;
use attune::platform::Outcome;
use attune::sync::caseloads;
use attune::sync::inbox::{self, TabletHost};
use attune::sync::run::Report;
use futures_executor::block_on;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

#[path = "common_couch/mod.rs"]
mod couch;

#[path = "common_clinic/mod.rs"]
mod clinic;

use clinic::{config, Data, Device, Removal, Serve, PASSPHRASE};
use couch::{answer, Couch, DB};

const INBOX: &str = "clinic-inbox";

// --- the inbox database: plain documents by id, with revisions ---

#[derive(Default)]
struct InboxDb {
    docs: BTreeMap<String, Value>,
    /// Status every `PUT` gets instead of its answer, while set.
    refuse_puts: Option<u16>,
}

fn decode(q: &str) -> String {
    percent_encoding::percent_decode_str(q)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

impl InboxDb {
    fn handle(&mut self, method: &str, path: &str, body: Option<&str>) -> Outcome {
        let (route, query) = path.split_once('?').unwrap_or((path, ""));
        // As CouchDB: the document id in the path is percent-decoded.
        let route = decode(route);
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
                .map(|v| serde_json::from_str::<Value>(&decode(v)).unwrap())
        };
        match (method, route.as_str()) {
            ("GET", "_all_docs") => {
                let row = |id: &str, d: &Value| json!({"id": id, "key": id, "value": {"rev": d["_rev"]}, "doc": d});
                let rows: Vec<Value> = match (param("keys"), param("startkey"), param("endkey")) {
                    (Some(keys), _, _) => (keys.as_array().unwrap().iter())
                        .map(|k| {
                            let k = k.as_str().unwrap();
                            self.docs.get(k).map_or_else(
                                || json!({"key": k, "error": "not_found"}),
                                |d| row(k, d),
                            )
                        })
                        .collect(),
                    (None, Some(start), Some(end)) => (self.docs.iter())
                        .filter(|(id, _)| {
                            id.as_str() >= start.as_str().unwrap()
                                && id.as_str() <= end.as_str().unwrap()
                        })
                        .map(|(id, d)| row(id, d))
                        .collect(),
                    _ => self.docs.iter().map(|(id, d)| row(id, d)).collect(),
                };
                answer(200, json!({"total_rows": rows.len(), "rows": rows}))
            }
            ("PUT", id) => {
                if let Some(status) = self.refuse_puts {
                    return answer(status, json!({"error": "refused"}));
                }
                let mut doc: Value = serde_json::from_str(body.unwrap()).unwrap();
                let current = self.docs.get(id).map(|d| d["_rev"].clone());
                if current.is_some() && current.as_ref() != doc.get("_rev") {
                    return answer(409, json!({"error": "conflict"}));
                }
                let n = current.map_or(0, |r| r.as_str().unwrap()[..1].parse::<u32>().unwrap()) + 1;
                doc["_id"] = json!(id);
                doc["_rev"] = json!(format!("{n}-x"));
                self.docs.insert(id.to_string(), doc);
                answer(201, json!({"ok": true, "id": id, "rev": format!("{n}-x")}))
            }
            ("DELETE", id) => match self.docs.get(id) {
                Some(d) if query == format!("rev={}", d["_rev"].as_str().unwrap()) => {
                    self.docs.remove(id);
                    answer(200, json!({"ok": true}))
                }
                Some(_) => answer(409, json!({"error": "conflict"})),
                None => answer(404, json!({"error": "not_found"})),
            },
            _ => answer(404, json!({"error": "not_found"})),
        }
    }
}

// --- the clinic: caseload databases and the inbox, each for its members ---

#[derive(Default)]
struct Clinic {
    dbs: BTreeMap<String, Couch>,
    inbox: InboxDb,
    members: BTreeMap<String, Vec<String>>,
    /// `user database` of every request.
    log: Vec<String>,
    /// `(user, method, url)` of every request, as the browser sent it.
    requests: Vec<(String, String, String)>,
}

type Server = Rc<RefCell<Clinic>>;

impl Serve for Clinic {
    fn handle(&mut self, user: &str, method: &str, url: &str, body: Option<&str>) -> Outcome {
        let url = &as_browser_sends(url);
        self.requests
            .push((user.to_string(), method.to_string(), url.clone()));
        let rest = url.strip_prefix("http://couch.test/").unwrap();
        if rest == "_session" {
            return answer(200, json!({"ok": true}));
        }
        let (db, path) = rest.split_once('/').unwrap_or((rest, ""));
        self.log.push(format!("{user} {db}"));
        let Some(members) = self.members.get(db) else {
            return answer(404, json!({"error": "not_found"}));
        };
        if !members.iter().any(|m| m == user) {
            return answer(403, json!({"error": "forbidden"}));
        }
        if db == INBOX {
            return self.inbox.handle(method, path, body);
        }
        let couch = self.dbs.get_mut(db).unwrap();
        // As CouchDB: a `_local` document is not replaced without its revision.
        if method == "PUT" && path.starts_with("_local/attune-inbox-key") {
            let sent: Value = serde_json::from_str(body.unwrap()).unwrap();
            if let Some(d) = couch.local.get(path) {
                if sent.get("_rev") != d.get("_rev") {
                    return answer(409, json!({"error": "conflict"}));
                }
            }
        }
        couch.handle(method, &format!("{DB}{path}"), body)
    }
}

/// `url` as a browser's fetch sends it (the WHATWG URL parser): the
/// fragment dropped, and `.` and `..` path segments (`%2e` too) resolved.
fn as_browser_sends(url: &str) -> String {
    let url = url.split_once('#').map_or(url, |(u, _)| u);
    let (path, query) = url
        .split_once('?')
        .map_or((url, None), |(p, q)| (p, Some(q)));
    let rest = path.strip_prefix("http://couch.test").unwrap();
    let mut segments: Vec<&str> = Vec::new();
    let dot = |s: &str| s == "." || s.eq_ignore_ascii_case("%2e");
    let dots = |s: &str| {
        let l = s.to_ascii_lowercase();
        ["..", ".%2e", "%2e.", "%2e%2e"].contains(&l.as_str())
    };
    let parts: Vec<&str> = rest.split('/').skip(1).collect();
    for (i, seg) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        if dots(seg) {
            segments.pop();
            if last {
                segments.push("");
            }
        } else if dot(seg) {
            if last {
                segments.push("");
            }
        } else {
            segments.push(seg);
        }
    }
    let mut out = format!("http://couch.test/{}", segments.join("/"));
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

fn clinic() -> Server {
    let server: Server = Rc::default();
    {
        let mut s = server.borrow_mut();
        for (db, members) in [
            ("clinic-c-ana", vec!["ana", "ana2"]),
            ("clinic-c-ben", vec!["ben"]),
            (INBOX, vec!["ana", "ana2", "ben", "tablet"]),
        ] {
            if db != INBOX {
                s.dbs.insert(db.into(), Couch::default());
            }
            s.members
                .insert(db.into(), members.into_iter().map(String::from).collect());
        }
    }
    server
}

// --- a device ---

// The device and its store are `common_clinic`'s; the tablet's side of
// the store is added here.
impl TabletHost for Data {
    fn forget(&self, ids: &[String]) -> Result<(), String> {
        self.0.borrow_mut().ratings.retain(|r| !ids.contains(&r.id));
        Ok(())
    }
}

/// A device signing in as `user`, naming `therapists` (none a lead).
fn device(server: &Server, seed: u64, user: &str, therapists: &[&str]) -> Device {
    let named: Vec<(&str, bool)> = therapists.iter().map(|n| (*n, false)).collect();
    clinic::device(server, seed, user, &named, Removal::Refused)
}

/// A therapist's device: sync on for its caseload, receiving the inbox.
fn therapist(server: &Server, seed: u64, user: &str, name: &str) -> Device {
    let d = device(server, seed, user, &[name]);
    clinic::turn_on(&d, user).unwrap();
    inbox::set_inbox_on(&d.p, true);
    d
}

fn sync(d: &mut Device) -> (Result<Report, Trouble>, Option<String>) {
    block_on(inbox::run_all(
        &d.p,
        &d.data,
        &mut d.notes,
        &mut d.memo,
        200,
    ))
}

/// A rating the tablet took after `who` handed it over.
fn rate(d: &Device, id: &str, who: &str, item: u16) {
    let mut r = common::srs(id, None, common::january(5), &[item; 4]);
    attune::domain::sync::tablet::stamp(&mut r, Some(who));
    d.data.0.borrow_mut().ratings.push(r);
}

fn inbox_ids(server: &Server) -> Vec<String> {
    server.borrow().inbox.docs.keys().cloned().collect()
}

fn rating_ids(d: &Device) -> Vec<String> {
    d.data
        .0
        .borrow()
        .ratings
        .iter()
        .map(|r| r.id.clone())
        .collect()
}

/// Ana's and Ben's devices publish their keys; the tablet is set up with both.
fn set_up(server: &Server) -> (Device, Device, Device) {
    let mut ana = therapist(server, 1, "ana", "Ana");
    let mut ben = therapist(server, 2, "ben", "Ben");
    assert_eq!(sync(&mut ana), (Ok(Report::default()), None));
    assert_eq!(sync(&mut ben), (Ok(Report::default()), None));
    let tab = device(server, 3, "tablet", &["Ana", "Ben"]);
    let kept = block_on(inbox::set_up_tablet(&tab.p, config("tablet"), "pw")).unwrap();
    assert_eq!(kept.keys.len(), 2);
    (ana, ben, tab)
}

#[test]
fn a_tablets_ratings_reach_their_therapists_caseloads_and_the_inbox_is_emptied() {
    let server = clinic();
    let (mut ana, mut ben, mut tab) = set_up(&server);
    assert_eq!(inbox_ids(&server), ["pubkey:ana", "pubkey:ben"]);
    // Each caseload's private key is in its own database, encrypted.
    let secret = server.borrow().dbs["clinic-c-ana"].local["_local/attune-inbox-key"].clone();
    assert_eq!(secret["type"], "inbox-key");
    assert_eq!(
        inbox::own_fingerprint(&ana.p).unwrap().len(),
        39,
        "Settings shows the key's fingerprint"
    );

    rate(&tab, "r-a", "Ana", 90);
    rate(&tab, "r-b", "Ben", 40);
    let (sent, words) = sync(&mut tab);
    assert_eq!(sent.unwrap().pushed, 2);
    assert_eq!(words, None);
    assert!(
        rating_ids(&tab).is_empty(),
        "the tablet forgets what the inbox took"
    );
    assert_eq!(
        inbox_ids(&server),
        [
            "inbox:ana:rating:r-a",
            "inbox:ben:rating:r-b",
            "pubkey:ana",
            "pubkey:ben"
        ]
    );
    let sealed = server.borrow().inbox.docs["inbox:ana:rating:r-a"].to_string();
    assert!(
        !sealed.contains("scores") && !sealed.contains("srs"),
        "{sealed}"
    );
    // The tablet never asked a caseload database anything.
    let asked: Vec<String> = (server.borrow().log.iter())
        .filter_map(|l| l.strip_prefix("tablet ").map(String::from))
        .collect();
    assert!(
        !asked.is_empty() && asked.iter().all(|db| db == INBOX),
        "{asked:?}"
    );

    let (out, words) = sync(&mut ana);
    assert_eq!(out.unwrap().pushed, 1, "Ana's rating went to her caseload");
    assert_eq!(words, None);
    assert_eq!(rating_ids(&ana), ["r-a"]);
    let kept = ana.data.0.borrow().ratings[0].clone();
    assert_eq!(
        (kept.therapist.as_deref(), kept.client_id),
        (Some("Ana"), None)
    );
    assert!(server.borrow().dbs["clinic-c-ana"]
        .trees
        .contains_key("rating:r-a"));
    assert!(!server.borrow().dbs["clinic-c-ben"]
        .trees
        .contains_key("rating:r-a"));
    assert_eq!(
        inbox_ids(&server),
        ["inbox:ben:rating:r-b", "pubkey:ana", "pubkey:ben"],
        "Ana's copy closed once her caseload held it; Ben's left for him"
    );

    let (out, _) = sync(&mut ben);
    assert_eq!(out.unwrap().pushed, 1);
    assert_eq!(rating_ids(&ben), ["r-b"]);
    assert_eq!(inbox_ids(&server), ["pubkey:ana", "pubkey:ben"]);
    // Nothing more to do on either side.
    assert_eq!(sync(&mut ana), (Ok(Report::default()), None));
}

#[test]
fn a_tablet_keeps_every_rating_the_inbox_did_not_take_and_says_which_wait() {
    let server = clinic();
    let (_ana, _ben, mut tab) = set_up(&server);
    rate(&tab, "r-a", "Ana", 90);
    server.borrow_mut().inbox.refuse_puts = Some(503);
    let (out, _) = sync(&mut tab);
    assert_eq!(out, Err(Trouble::Server(503)));
    assert_eq!(rating_ids(&tab), ["r-a"], "nothing lost");
    // Back: sent. A second copy already there (an earlier run that did not
    // get to forget it) counts as sent.
    server.borrow_mut().inbox.refuse_puts = None;
    rate(&tab, "r-c", "Cleo", 50);
    let mut nobody = common::srs("r-n", None, common::january(5), &[60; 4]);
    attune::domain::sync::tablet::stamp(&mut nobody, None);
    tab.data.0.borrow_mut().ratings.push(nobody);
    let (out, words) = sync(&mut tab);
    assert_eq!(out.unwrap().pushed, 1);
    assert_eq!(rating_ids(&tab), ["r-c", "r-n"], "Cleo's and nobody's wait");
    let words = words.unwrap();
    assert!(
        words.contains("Ratings for Cleo wait on this tablet"),
        "{words}"
    );
    assert!(
        words.contains("1 rating taken with no therapist working waits"),
        "{words}"
    );
    rate(&tab, "r-a", "Ana", 90);
    assert_eq!(sync(&mut tab).0.unwrap().pushed, 1, "409: already there");
    assert_eq!(rating_ids(&tab), ["r-c", "r-n"]);
}

#[test]
fn a_tablet_seals_to_the_key_it_was_shown_even_after_the_server_swaps_it() {
    let server = clinic();
    let (mut ana, _ben, mut tab) = set_up(&server);
    let real = server.borrow().inbox.docs["pubkey:ana"].clone();
    // The server puts Ben's key in Ana's place.
    let mut swapped = server.borrow().inbox.docs["pubkey:ben"].clone();
    swapped["_id"] = json!("pubkey:ana");
    swapped["to"] = json!("ana");
    swapped["_rev"] = real["_rev"].clone();
    let text = swapped.to_string();
    server
        .borrow_mut()
        .inbox
        .handle("PUT", "pubkey:ana", Some(&text));
    rate(&tab, "r-a", "Ana", 90);
    sync(&mut tab).0.unwrap();
    let sealed = server.borrow().inbox.docs["inbox:ana:rating:r-a"].clone();
    assert_eq!(
        sealed["payload"]["kid"], real["kid"],
        "sealed to Ana's own key"
    );
    // Ana's device opens it, and puts her key back.
    sync(&mut ana).0.unwrap();
    assert_eq!(rating_ids(&ana), ["r-a"]);
    assert_eq!(server.borrow().inbox.docs["pubkey:ana"]["kid"], real["kid"]);
}

#[test]
fn an_inbox_copy_is_closed_only_after_the_caseload_database_holds_it() {
    let server = clinic();
    let (mut ana, _ben, mut tab) = set_up(&server);
    rate(&tab, "r-a", "Ana", 90);
    sync(&mut tab).0.unwrap();
    // Ana's caseload database fails the push: the rating is kept on her
    // device, the inbox copy stays.
    server
        .borrow_mut()
        .dbs
        .get_mut("clinic-c-ana")
        .unwrap()
        .faults
        .push(("_bulk_docs".into(), 1, 500));
    let (out, _) = sync(&mut ana);
    assert!(out.is_err());
    assert_eq!(rating_ids(&ana), ["r-a"]);
    assert!(inbox_ids(&server).contains(&"inbox:ana:rating:r-a".to_string()));
    // Ana corrects its session date meanwhile; the next run pushes it,
    // closes the copy, and her edit stands (the sealed copy, opened again,
    // does not overwrite it).
    let edited = {
        let mut s = ana.data.0.borrow_mut();
        s.ratings[0].session_at = common::january(6);
        s.ratings[0].updated_at = Some(common::january(11));
        s.ratings[0].clone()
    };
    let (out, _) = sync(&mut ana);
    assert_eq!(out.unwrap().pushed, 1);
    assert!(!inbox_ids(&server).contains(&"inbox:ana:rating:r-a".to_string()));
    assert_eq!(ana.data.0.borrow().ratings, vec![edited]);
}

#[test]
fn a_sealed_rating_that_does_not_open_stays_in_the_inbox_and_is_counted() {
    let server = clinic();
    let (mut ana, _ben, mut tab) = set_up(&server);
    rate(&tab, "r-a", "Ana", 90);
    sync(&mut tab).0.unwrap();
    let mut damaged = server.borrow().inbox.docs["inbox:ana:rating:r-a"].clone();
    damaged["payload"]["ct"] = json!(attune::domain::sync::base64::encode(&[7; 60]));
    damaged["_id"] = json!("inbox:ana:rating:r-x");
    damaged.as_object_mut().unwrap().remove("_rev");
    let text = damaged.to_string();
    server
        .borrow_mut()
        .inbox
        .handle("PUT", "inbox:ana:rating:r-x", Some(&text));
    let (out, words) = sync(&mut ana);
    assert_eq!(out.unwrap().pushed, 1);
    assert_eq!(
        words.as_deref(),
        Some("1 sealed rating in the clinic inbox does not open on this device; it stays in the inbox.")
    );
    assert_eq!(rating_ids(&ana), ["r-a"]);
    assert!(inbox_ids(&server).contains(&"inbox:ana:rating:r-x".to_string()));
}

#[test]
fn every_device_of_a_caseload_uses_its_one_key_pair() {
    let server = clinic();
    let (mut ana, _ben, mut tab) = set_up(&server);
    // Ana's second device (her phone) opens the inbox too: it reads the
    // caseload's key the laptop made (its own offer is refused, 409).
    let mut phone = therapist(&server, 9, "ana2", "Ana");
    let before = server.borrow().inbox.docs["pubkey:ana"].clone();
    rate(&tab, "r-a", "Ana", 90);
    sync(&mut tab).0.unwrap();
    let (out, _) = sync(&mut phone);
    assert!(out.is_ok(), "{out:?}");
    assert_eq!(
        rating_ids(&phone),
        ["r-a"],
        "the phone opens what was sealed to the caseload"
    );
    assert_eq!(
        server.borrow().inbox.docs["pubkey:ana"],
        before,
        "the published key is unchanged"
    );
    assert_eq!(
        inbox::own_fingerprint(&phone.p),
        inbox::own_fingerprint(&ana.p)
    );
    // The laptop receives the rating through the caseload database.
    sync(&mut ana).0.unwrap();
    assert_eq!(rating_ids(&ana), ["r-a"]);
}

#[test]
fn a_device_that_does_not_receive_the_inbox_never_asks_it() {
    let server = clinic();
    let mut ana = device(&server, 1, "ana", &["Ana"]);
    block_on(caseloads::turn_on(&ana.p, config("ana"), "pw", PASSPHRASE)).unwrap();
    server.borrow_mut().members.remove(INBOX);
    assert_eq!(sync(&mut ana), (Ok(Report::default()), None));
    assert!(server.borrow().inbox.docs.is_empty());
    assert!(!server.borrow().dbs["clinic-c-ana"]
        .local
        .contains_key("_local/attune-inbox-key"));
}

#[test]
fn a_sealed_ratings_id_never_makes_the_close_address_another_document() {
    let server = clinic();
    let (mut ana, _ben, tab) = set_up(&server);
    // Anyone who may write the inbox (the tablet's user, say) can seal a
    // rating to Ana's public key; its id names her caseload's private key
    // document, relative to the inbox copy's address.
    let id = "x/../../clinic-c-ana/_local/attune-inbox-key?rev=0-1#";
    let forged = common::srs(id, None, common::january(5), &[50; 4]);
    let key = inbox::tablet(&tab.p).unwrap().key_for("Ana").unwrap();
    let sealed = block_on(tab.p.seal_to(&Record::Rating(forged), &key, [1; 12])).unwrap();
    let mut doc = sealed.encode();
    doc["_rev"] = json!("1-x");
    (server.borrow_mut().inbox.docs).insert(sealed.doc_id.clone(), doc);
    let (out, _) = sync(&mut ana);
    assert!(out.is_ok(), "{out:?}");
    // Whatever Ana's device deletes, it deletes in the inbox, and only the
    // copy it opened.
    let deletes: Vec<String> = (server.borrow().requests.iter())
        .filter(|(user, method, _)| user == "ana" && method == "DELETE")
        .map(|(_, _, url)| url.clone())
        .collect();
    assert!(!deletes.is_empty());
    for url in &deletes {
        assert!(
            url.starts_with(&format!(
                "http://couch.test/{INBOX}/inbox%3Aana%3Arating%3A"
            )),
            "{url}"
        );
    }
    assert!(
        !inbox_ids(&server).contains(&sealed.doc_id),
        "the copy is closed"
    );
    assert!(server.borrow().dbs["clinic-c-ana"]
        .local
        .contains_key("_local/attune-inbox-key"));
}

#[test]
fn a_device_naming_no_therapist_that_is_asked_to_receive_the_inbox_says_why_it_cannot() {
    let server = clinic();
    // The clinic's one database (a device naming no therapist syncs it).
    let mut s = server.borrow_mut();
    s.members.insert("clinic".into(), vec!["ana".into()]);
    s.dbs.insert("clinic".into(), Couch::default());
    drop(s);
    let mut ana = device(&server, 1, "ana", &[]);
    block_on(caseloads::turn_on(&ana.p, config("ana"), "pw", PASSPHRASE)).unwrap();
    inbox::set_inbox_on(&ana.p, true);
    let (out, words) = sync(&mut ana);
    assert!(out.is_ok(), "{out:?}");
    let words = words.expect("the status says why no key is published");
    assert!(words.contains("Settings → Therapists"), "{words}");
    assert!(server.borrow().inbox.docs.is_empty());
}
