//! Taking the single document into the records in steps, so a large
//! history moves at all.
//!
//! Why steps: localStorage holds about five million UTF-16 units per
//! origin, and 10,000 ratings take about three million as the document and
//! nearly four million as records. Writing every record while the whole
//! document is still stored needs both at once, which does not fit; so the
//! move writes a step of records, then rewrites the document without what
//! it moved, and so on. The meta entry is written first, so from the first
//! step on the records are the data and a leftover document is merged into
//! them at the next start ([`crate::domain::records::migrate::MigrationPlan::Records`]):
//! at every moment the records and the document together hold everything,
//! and a step cut short (a closed tab, a full quota) loses nothing.
//!
//! Client records move in the last step: a rating left in the document
//! must find its client there, or the document would not read back.

use crate::domain::records::layout::{changed_records, is_stand_in, Kind};
use crate::domain::records::room::entry_units;
use crate::domain::records::store::{Store, CURRENT_VERSION};
use std::collections::HashSet;

/// The most UTF-16 units (keys and texts) one step writes: small enough
/// beside a nearly full document, large enough for few rewrites of it.
pub const STEP_UNITS: usize = 1_000_000;

/// A stepwise move.
#[derive(Clone, Debug, PartialEq)]
pub struct Absorb {
    /// What the records hold once every step is written: the records and
    /// the document merged by the two-tab rule.
    pub merged: Store,
    /// The writes, `(key, text)`, step by step; client records last.
    pub steps: Vec<Vec<(String, String)>>,
}

/// Plans taking `doc` into `records` (what the records layout holds now).
pub fn plan(records: &Store, doc: &Store, max_units: usize) -> Absorb {
    // A move cut short has written ratings whose client records come last:
    // the records then read with stand-ins for those clients. The document
    // still holds the real ones, so a stand-in gives way to them here (kept
    // by the merge, a stand-in would replace the label for good once the
    // document is removed).
    let mut records = records.clone();
    records
        .clients
        .retain(|c| !(is_stand_in(c) && doc.clients.iter().any(|d| d.id == c.id)));
    let records = &records;
    // Once records exist, only a build from before them writes the
    // document: an older Attune, whose copy never clears a field the
    // records hold. (Each field it lacks reads as its default, so the
    // version it states changes nothing here.)
    let merged = crate::domain::records::older::merge_older(records, doc, CURRENT_VERSION).0;
    let mut writes: Vec<(String, String)> = changed_records(records, &merged)
        .into_iter()
        // The merge only adds or updates: nothing to remove.
        .filter_map(|(k, t)| t.map(|t| (k, t)))
        .collect();
    // Stable: ratings and logged sessions keep their order, clients go last.
    writes.sort_by_key(|(k, _)| matches!(Kind::of_key(k), Some((Kind::Client, _))));
    let mut steps: Vec<Vec<(String, String)>> = Vec::new();
    let mut units = 0;
    for w in writes {
        let size = entry_units(&w.0, &w.1) as usize;
        match steps.last_mut() {
            Some(step) if units + size <= max_units => step.push(w),
            _ => {
                units = 0;
                steps.push(vec![w]);
            }
        }
        units += size;
    }
    Absorb { merged, steps }
}

/// What the document must still hold while the writes named in `pending`
/// are not yet stored: those records, and every client a kept rating or
/// logged session names (so it reads back). `None` once it holds nothing
/// to keep: then it is removed.
pub fn rest(doc: &Store, pending: &HashSet<String>) -> Option<Store> {
    let keep = |kind: Kind, id: &str| pending.contains(&kind.key(id));
    let ratings: Vec<_> = doc
        .ratings
        .iter()
        .filter(|r| keep(Kind::Rating, &r.id))
        .cloned()
        .collect();
    let unrated: Vec<_> = doc
        .unrated
        .iter()
        .filter(|u| keep(Kind::Unrated, &u.id))
        .cloned()
        .collect();
    let episode_ends: Vec<_> = doc
        .episode_ends
        .iter()
        .filter(|e| keep(Kind::EpisodeEnd, &e.id))
        .cloned()
        .collect();
    let named: HashSet<&str> = ratings
        .iter()
        .filter_map(|r| r.client_id.as_deref())
        .chain(unrated.iter().map(|u| u.client_id.as_str()))
        .chain(episode_ends.iter().map(|e| e.client_id.as_str()))
        .collect();
    let clients: Vec<_> = doc
        .clients
        .iter()
        .filter(|c| keep(Kind::Client, &c.id) || named.contains(c.id.as_str()))
        .cloned()
        .collect();
    if clients.is_empty() && ratings.is_empty() && unrated.is_empty() && episode_ends.is_empty() {
        return None;
    }
    Some(Store {
        clients,
        ratings,
        unrated,
        last_backup_at: doc.last_backup_at,
        episode_ends,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::measures::rating::Rating;
    use crate::domain::records::layout::{self, META_KEY};
    use crate::domain::records::store::{self, Client};
    use chrono::{TimeZone, Utc};

    fn doc(clients: usize, per_client: usize) -> Store {
        let at = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
        let clients_v: Vec<Client> = (0..clients)
            .map(|i| Client {
                id: format!("c{i}"),
                label: format!("C{i}"),
                created_at: at,
                ..Client::default()
            })
            .collect();
        let ratings = (0..clients * per_client)
            .map(|i| Rating {
                id: format!("r{i}"),
                recorded_at: at,
                session_at: at,
                client_id: Some(format!("c{}", i % clients)),
                scores: vec![crate::domain::measures::score::Tenths::new(80).unwrap(); 4],
                scale_id: "srs-attune".into(),
                scale_version: 1,
                ..Rating::default()
            })
            .collect();
        Store {
            clients: clients_v,
            ratings,
            ..Store::default()
        }
    }

    /// Carries out a plan step by step, checking after each one that the
    /// records and the document together read as everything.
    #[test]
    fn every_step_leaves_everything_readable_and_the_end_is_the_document() {
        let d = doc(3, 40);
        let plan = plan(&Store::default(), &d, 3_000);
        assert!(plan.steps.len() > 3, "several steps: {}", plan.steps.len());
        let last = plan.steps.last().unwrap();
        assert!(last.iter().any(|(k, _)| k.starts_with("attune.r.c.")));
        let mut pending: HashSet<String> = plan
            .steps
            .iter()
            .flatten()
            .map(|(k, _)| k.clone())
            .collect();
        let mut stored: Vec<(String, String)> =
            vec![(META_KEY.into(), layout::Meta::new(0, None).encode())];
        for step in &plan.steps {
            for (k, t) in step {
                stored.push((k.clone(), t.clone()));
                pending.remove(k);
            }
            let read = layout::assemble(&stored).store;
            let left = rest(&d, &pending);
            if let Some(l) = &left {
                // The document alone still reads back (its clients are there).
                store::validate(l).unwrap();
                let text = store::encode(l);
                assert!(store::decode(&text).is_ok());
            }
            let both = store::merge(&read, &left.unwrap_or_default()).0;
            let mut ids: Vec<_> = both.ratings.iter().map(|r| r.id.clone()).collect();
            ids.sort();
            let mut want: Vec<_> = d.ratings.iter().map(|r| r.id.clone()).collect();
            want.sort();
            assert_eq!(ids, want);
        }
        assert!(pending.is_empty());
        assert_eq!(rest(&d, &pending), None);
        let read = layout::assemble(&stored).store;
        assert_eq!(read.ratings, d.ratings);
        assert_eq!(read.clients, d.clients);
    }

    /// A move cut short after the ratings' step: the records read with
    /// stand-ins for the clients still in the document; the next start's
    /// plan takes the document's clients, labels and all.
    #[test]
    fn a_move_cut_short_takes_the_documents_clients_over_the_stand_ins() {
        let d = doc(3, 40);
        let first = plan(&Store::default(), &d, 3_000);
        assert!(first.steps.len() > 1, "several steps");
        let mut stored: Vec<(String, String)> =
            vec![(META_KEY.into(), layout::Meta::new(0, None).encode())];
        stored.extend(first.steps[0].iter().cloned());
        let pending: HashSet<String> = first.steps[1..]
            .iter()
            .flatten()
            .map(|(k, _)| k.clone())
            .collect();
        let read = layout::assemble(&stored).store;
        assert!(read.clients.iter().any(layout::is_stand_in), "cut short");
        let left = rest(&d, &pending).expect("the document keeps the rest");
        let again = plan(&read, &left, STEP_UNITS);
        assert_eq!(again.merged.clients, d.clients);
        for step in &again.steps {
            stored.extend(step.iter().cloned());
        }
        assert_eq!(layout::assemble(&stored).store.clients, d.clients);
    }

    #[test]
    fn records_already_there_are_not_written_again() {
        let d = doc(2, 5);
        let plan = plan(&d, &d, STEP_UNITS);
        assert!(plan.steps.is_empty());
        assert_eq!(plan.merged, d);
    }

    #[test]
    fn one_large_record_still_gets_a_step_of_its_own() {
        let d = doc(1, 2);
        let plan = plan(&Store::default(), &d, 10);
        assert_eq!(plan.steps.len(), 3);
    }
}
