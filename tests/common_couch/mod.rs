//! The in-memory CouchDB the sync shell's native tests run against: what
//! a run needs of the replication protocol (revision trees, the changes
//! feed, `_bulk_get`, `_bulk_docs`, `_revs_diff`, the key document, `_local`
//! checkpoints) and failures to answer with. `tests/sync_run.rs` talks to
//! one; `tests/sync_caseload_run.rs` routes each database of a clinic to
//! its own. Taken with `#[path = "common_couch/mod.rs"] mod couch;`.

// Each test file uses only some of it.
#![allow(dead_code)]

use attune::domain::sync::revs::{RevTree, WireDoc, KEY_DOC_ID};
use attune::platform::Outcome;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// The one database's address every request is read against.
pub const DB: &str = "http://couch.test/clinic/";

// --- an in-memory CouchDB: what the run needs of the replication protocol ---

/// One database: every stored revision with its tree, an update sequence,
/// the key document, `_local` checkpoints; and failures to answer with.
#[derive(Default)]
pub struct Couch {
    pub trees: BTreeMap<String, RevTree>,
    pub revs: HashMap<(String, String), WireDoc>,
    /// Document id → the sequence of its last change.
    pub changed: BTreeMap<String, u64>,
    pub seq: u64,
    pub key: Option<Value>,
    pub local: BTreeMap<String, Value>,
    /// (part of the URL, which matching request counted from when the
    /// fault was added, status): that request gets that status instead of
    /// its answer.
    pub faults: Vec<(String, usize, u16)>,
    pub seen: BTreeMap<String, usize>,
    /// The requests answered, `METHOD path`.
    pub log: Vec<String>,
}

pub fn answer(status: u16, body: Value) -> Outcome {
    Outcome::Answer {
        status,
        content_type: Some("application/json".into()),
        body: body.to_string(),
    }
}

impl Couch {
    pub fn handle(&mut self, method: &str, url: &str, body: Option<&str>) -> Outcome {
        let path = url.strip_prefix(DB).unwrap_or(url).to_string();
        self.log.push(format!("{method} {path}"));
        for (part, nth, status) in &self.faults {
            if path.contains(part.as_str()) {
                let n = self.seen.entry(part.clone()).or_default();
                *n += 1;
                if *n == *nth {
                    return answer(*status, json!({"error": "injected", "reason": "test"}));
                }
            }
        }
        let body: Value = body.map_or(Value::Null, |b| serde_json::from_str(b).unwrap());
        let (route, query) = path.split_once('?').unwrap_or((&path, ""));
        match (method, route) {
            ("POST", _) if url.ends_with("/_session") => answer(200, json!({"ok": true})),
            ("GET", "") => answer(
                200,
                json!({"db_name": "clinic", "update_seq": self.seq, "instance_start_time": "0"}),
            ),
            ("GET", "_all_docs") => {
                let rows: Vec<Value> = self
                    .key
                    .iter()
                    .map(|k| json!({"id": KEY_DOC_ID, "key": KEY_DOC_ID, "value": {"rev": k["_rev"]}, "doc": k}))
                    .collect();
                answer(200, json!({"rows": rows}))
            }
            ("POST", "_all_docs") => {
                // `keys` with `conflicts=true&include_docs=true`: each
                // document's winner, deleted or not, and its other live
                // leaves (what a transfer reads of a database).
                let rows: Vec<Value> = body["keys"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| {
                        let id = k.as_str().unwrap();
                        let Some(tree) = self.trees.get(id) else {
                            return json!({"key": id, "error": "not_found"});
                        };
                        let w = tree.winner().unwrap();
                        if w.deleted {
                            return json!({"id": id, "key": id, "value": {"rev": w.rev.to_string(), "deleted": true}, "doc": null});
                        }
                        let conflicts: Vec<String> = tree
                            .leaves()
                            .iter()
                            .filter(|l| !l.deleted && l.rev != w.rev)
                            .map(|l| l.rev.to_string())
                            .collect();
                        json!({"id": id, "key": id, "value": {"rev": w.rev.to_string()},
                               "doc": {"_id": id, "_rev": w.rev.to_string(), "_conflicts": conflicts}})
                    })
                    .collect();
                answer(200, json!({ "rows": rows }))
            }
            ("GET", id) if id == KEY_DOC_ID => match &self.key {
                Some(k) => answer(200, k.clone()),
                None => answer(404, json!({"error": "not_found"})),
            },
            ("PUT", id) if id == KEY_DOC_ID => {
                let n = match (&self.key, body.get("_rev")) {
                    (None, None) => 1,
                    (Some(k), Some(r)) if k["_rev"] == *r => {
                        k["_rev"].as_str().unwrap()[..1].parse::<u32>().unwrap() + 1
                    }
                    _ => return answer(409, json!({"error": "conflict"})),
                };
                let mut doc = body.clone();
                doc["_id"] = json!(KEY_DOC_ID);
                doc["_rev"] = json!(format!("{n}-k"));
                self.key = Some(doc);
                answer(201, json!({"ok": true, "rev": format!("{n}-k")}))
            }
            ("GET", p) if p.starts_with("_local/") => match self.local.get(p) {
                Some(d) => answer(200, d.clone()),
                None => answer(404, json!({"error": "not_found"})),
            },
            ("PUT", p) if p.starts_with("_local/") => {
                let n = self.local.get(p).map_or(0, |d| {
                    d["_rev"].as_str().unwrap()[2..].parse::<u32>().unwrap()
                }) + 1;
                let mut doc = body.clone();
                doc["_rev"] = json!(format!("0-{n}"));
                self.local.insert(p.to_string(), doc);
                answer(201, json!({"ok": true, "rev": format!("0-{n}")}))
            }
            ("POST", "_revs_diff") => {
                let mut out = serde_json::Map::new();
                for (id, revs) in body.as_object().unwrap() {
                    let missing: Vec<&Value> = revs
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|r| {
                            !self
                                .revs
                                .contains_key(&(id.clone(), r.as_str().unwrap().into()))
                        })
                        .collect();
                    if !missing.is_empty() {
                        out.insert(id.clone(), json!({"missing": missing}));
                    }
                }
                answer(200, Value::Object(out))
            }
            ("POST", "_bulk_docs") => {
                assert_eq!(body["new_edits"], json!(false));
                for d in body["docs"].as_array().unwrap() {
                    let doc: WireDoc = serde_json::from_value(d.clone()).unwrap();
                    let path = doc.path().unwrap();
                    self.trees
                        .entry(doc.id.clone())
                        .or_default()
                        .insert(&path, doc.deleted);
                    self.seq += 1;
                    self.changed.insert(doc.id.clone(), self.seq);
                    self.revs.insert((doc.id.clone(), doc.rev.clone()), doc);
                }
                answer(201, json!([]))
            }
            ("GET", "_changes") => {
                let param = |name: &str| {
                    query
                        .split('&')
                        .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
                        .unwrap()
                        .parse::<u64>()
                        .unwrap()
                };
                let (since, limit) = (param("since"), param("limit"));
                let mut by_seq: Vec<(u64, &String)> = self
                    .changed
                    .iter()
                    .filter(|(_, &s)| s > since)
                    .map(|(id, &s)| (s, id))
                    .collect();
                by_seq.sort();
                let page: Vec<&(u64, &String)> = by_seq.iter().take(limit as usize).collect();
                let results: Vec<Value> = page
                    .iter()
                    .map(|(s, id)| {
                        let leaves: Vec<Value> = self.trees[*id]
                            .leaves()
                            .iter()
                            .map(|l| json!({"rev": l.rev.to_string()}))
                            .collect();
                        json!({"seq": s, "id": id, "changes": leaves})
                    })
                    .collect();
                let last = page.last().map_or(since, |(s, _)| *s);
                let pending = by_seq.len() - page.len();
                answer(
                    200,
                    json!({"results": results, "last_seq": last, "pending": pending}),
                )
            }
            ("POST", "_bulk_get") => {
                let results: Vec<Value> = body["docs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|w| {
                        let id = w["id"].as_str().unwrap().to_string();
                        let rev = w["rev"].as_str().unwrap().to_string();
                        let mut doc = self.revs[&(id.clone(), rev)].clone();
                        let r = doc.rev().unwrap();
                        doc.revisions = Some(attune::domain::sync::revs::Revisions::from_path(
                            &self.trees[&id].path_to(&r),
                        ));
                        json!({"id": id, "docs": [{"ok": doc}]})
                    })
                    .collect();
                answer(200, json!({ "results": results }))
            }
            _ => answer(404, json!({"error": "not_found", "reason": path})),
        }
    }
}
