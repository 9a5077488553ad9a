//! Mixed versions never lose a field: what an older Attune wrote
//! (a tab still on the previous version) is merged field by field; a field
//! its schema did not have, or that it left out, is unknown, never cleared.

use attune::domain::measures::kinds::AgeGroup;
use attune::domain::measures::rating::NoteInput;
use attune::domain::records::layout::{assemble, split, Kind, META_KEY};
use attune::domain::records::migrate::{self, MigrationPlan, DOCUMENT_KEY};
use attune::domain::records::older::{self, knows, merge_older, since, Field};
use attune::domain::records::save_plan::LoadStatus;
use attune::domain::records::store::{self, Store, CURRENT_VERSION};
use attune::domain::records::{moving, saving};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

const V5: &str = include_str!("fixtures/v5.json");

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().into()
}

fn note(text: &str) -> Option<NoteInput> {
    Some(NoteInput {
        client_feedback: text.into(),
        therapist_response: String::new(),
    })
}

/// What the old tab read at its start (the fixture), and what the new
/// version made of it since: JD's age group set to child, a note on r-1.
fn old_and_new() -> (Store, Store) {
    let old = store::decode(V5).unwrap().store;
    let mut new = old.clone();
    let jd = new.clients.iter_mut().find(|c| c.id == "c-3f2a").unwrap();
    jd.age_group = AgeGroup::Child;
    jd.updated_at = Some(at("2026-03-01T10:00:00Z"));
    let r1 = new.ratings.iter_mut().find(|r| r.id == "r-1").unwrap();
    r1.note = note("felt heard today");
    r1.updated_at = Some(at("2026-03-01T10:01:00Z"));
    (old, new)
}

/// The old tab's later edits on its stale copy: a rename and a date
/// correction (each stamped later than the new version's edits).
fn old_tab_edits(mut old: Store) -> Store {
    let jd = old.clients.iter_mut().find(|c| c.id == "c-3f2a").unwrap();
    jd.label = "JD2".into();
    jd.updated_at = Some(at("2026-03-01T11:00:00Z"));
    let r1 = old.ratings.iter_mut().find(|r| r.id == "r-1").unwrap();
    r1.session_at = at("2026-02-02T15:00:00Z");
    r1.updated_at = Some(at("2026-03-01T11:01:00Z"));
    old
}

fn client<'a>(s: &'a Store, id: &str) -> &'a store::Client {
    s.clients.iter().find(|c| c.id == id).unwrap()
}

fn rating<'a>(s: &'a Store, id: &str) -> &'a attune::domain::measures::rating::Rating {
    s.ratings.iter().find(|r| r.id == id).unwrap()
}

#[test]
fn each_field_is_known_from_the_schema_version_that_added_it() {
    assert_eq!(since(Field::Note), 3);
    assert_eq!(since(Field::AgeGroup), 5);
    assert_eq!(since(Field::Kind), 5);
    assert!(!knows(2, Field::Note));
    assert!(knows(3, Field::Note));
    assert!(!knows(4, Field::AgeGroup));
    assert!(knows(5, Field::AgeGroup));
    assert!(older::is_older(CURRENT_VERSION - 1));
    assert!(!older::is_older(CURRENT_VERSION));
    assert!(!older::is_older(CURRENT_VERSION + 1));
}

#[test]
fn an_old_tabs_rename_and_date_correction_keep_the_age_group_and_the_note() {
    let (old, new) = old_and_new();
    let old_tab = old_tab_edits(old);
    // The bug: merged whole, the old tab's later copies clear both fields.
    let whole = store::merge(&new, &old_tab).0;
    assert_eq!(client(&whole, "c-3f2a").age_group, AgeGroup::Adult);
    assert_eq!(rating(&whole, "r-1").note, None);
    // Field by field: its edits are taken, what it left out is unknown.
    for version in [2, 3, 4, 5] {
        let (merged, summary) = merge_older(&new, &old_tab, version);
        let jd = client(&merged, "c-3f2a");
        assert_eq!(jd.label, "JD2", "v{version}: the rename is taken");
        assert_eq!(
            jd.age_group,
            AgeGroup::Child,
            "v{version}: the age group stays"
        );
        let r1 = rating(&merged, "r-1");
        assert_eq!(
            r1.session_at,
            at("2026-02-02T15:00:00Z"),
            "v{version}: the date correction is taken"
        );
        assert_eq!(
            r1.note,
            note("felt heard today"),
            "v{version}: the note stays"
        );
        assert_eq!(r1.scores, rating(&new, "r-1").scores);
        // Nothing else changed, nothing was added or lost.
        assert_eq!(summary.new_ratings, 0);
        assert_eq!(merged.ratings.len(), new.ratings.len());
        assert_eq!(client(&merged, "c-77b1"), client(&new, "c-77b1"));
    }
}

#[test]
fn what_the_older_copy_did_write_takes_the_later_edit() {
    let (old, new) = old_and_new();
    let mut old_tab = old_tab_edits(old);
    // The old tab set the age group and wrote a note of its own, later.
    client_mut(&mut old_tab, "c-3f2a").age_group = AgeGroup::Adolescent;
    old_tab
        .ratings
        .iter_mut()
        .find(|r| r.id == "r-1")
        .unwrap()
        .note = note("from the old tab");
    let merged = merge_older(&new, &old_tab, 5).0;
    assert_eq!(client(&merged, "c-3f2a").age_group, AgeGroup::Adolescent);
    assert_eq!(rating(&merged, "r-1").note, note("from the old tab"));
    // A schema without notes never wrote one: the field is unknown to it.
    let merged = merge_older(&new, &old_tab, 2).0;
    assert_eq!(rating(&merged, "r-1").note, note("felt heard today"));
    // A schema without age groups: the same.
    let merged = merge_older(&new, &old_tab, 4).0;
    assert_eq!(client(&merged, "c-3f2a").age_group, AgeGroup::Child);
}

#[test]
fn an_older_copy_never_clears_a_field_and_a_newer_edit_still_wins_whole() {
    let (old, mut new) = old_and_new();
    // The price of the rule: the old tab cannot clear a field the new one holds.
    let mut old_tab = old.clone();
    client_mut(&mut old_tab, "c-3f2a").updated_at = Some(at("2026-03-02T09:00:00Z"));
    let merged = merge_older(&new, &old_tab, 5).0;
    assert_eq!(client(&merged, "c-3f2a").age_group, AgeGroup::Child);
    // When the new version's edit is the later one, it wins as before.
    client_mut(&mut new, "c-3f2a").updated_at = Some(at("2026-03-03T09:00:00Z"));
    client_mut(&mut new, "c-3f2a").label = "JD3".into();
    let merged = merge_older(&new, &old_tab, 5).0;
    assert_eq!(client(&merged, "c-3f2a"), client(&new, "c-3f2a"));
    // Records only the old tab has are added, as by any merge.
    let mut extra = rating(&old_tab, "r-0").clone();
    extra.id = "from-old-tab".into();
    old_tab.ratings.push(extra);
    let (merged, summary) = merge_older(&new, &old_tab, 5);
    assert_eq!(summary.new_ratings, 1);
    assert!(merged.ratings.iter().any(|r| r.id == "from-old-tab"));
}

fn client_mut<'a>(s: &'a mut Store, id: &str) -> &'a mut store::Client {
    s.clients.iter_mut().find(|c| c.id == id).unwrap()
}

/// The records layout as the new version left it, then the old tab's
/// single document written beside it (a build from before the records).
#[test]
fn the_document_an_old_tab_writes_beside_the_records_is_taken_in_field_by_field() {
    let (old, new) = old_and_new();
    let mut storage: BTreeMap<String, String> = split(&new).into_iter().collect();
    storage.insert(DOCUMENT_KEY.into(), store::encode(&old_tab_edits(old)));
    let keys: Vec<&str> = storage.keys().map(String::as_str).collect();
    let MigrationPlan::Records { absorb: Some(doc) } =
        migrate::plan(storage.get(DOCUMENT_KEY).map(String::as_str), &keys)
    else {
        panic!("expected the old tab's document to be taken in");
    };
    let entries: Vec<(String, String)> = storage
        .iter()
        .filter(|(k, _)| k.starts_with("attune.r."))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let read = assemble(&entries);
    let plan = moving::plan(&read.store, &doc, moving::STEP_UNITS);
    let jd = client(&plan.merged, "c-3f2a");
    assert_eq!((jd.label.as_str(), jd.age_group), ("JD2", AgeGroup::Child));
    let r1 = rating(&plan.merged, "r-1");
    assert_eq!(r1.session_at, at("2026-02-02T15:00:00Z"));
    assert_eq!(r1.note, note("felt heard today"));
    // What is written is what the merge holds: the two records it changed.
    let mut written: Vec<&str> = plan
        .steps
        .iter()
        .flatten()
        .map(|(k, _)| k.as_str())
        .collect();
    written.sort_unstable();
    assert_eq!(written, ["attune.r.c.c-3f2a", "attune.r.m.r-1"]);
    for (k, text) in plan.steps.iter().flatten() {
        assert!(
            text.starts_with(&format!("{{\"v\":{CURRENT_VERSION},")),
            "{k}: {text}"
        );
    }
}

#[test]
fn every_record_carries_the_schema_version_that_wrote_it_and_older_ones_are_named() {
    let (_, new) = old_and_new();
    let mut entries = split(&new);
    for (k, text) in &entries {
        if k != META_KEY {
            assert!(
                text.starts_with(&format!("{{\"v\":{CURRENT_VERSION},")),
                "{k}"
            );
        }
    }
    assert!(assemble(&entries).older.is_empty());
    // A record an older Attune wrote: schema 4, no age group.
    let key = Kind::Client.key("c-3f2a");
    let (_, text) = entries.iter_mut().find(|(k, _)| *k == key).unwrap();
    *text = r#"{"v":4,"n":0,"rec":{"id":"c-3f2a","label":"JD2","archived":false,"created_at":"2026-01-05T09:00:00Z","updated_at":"2026-03-01T11:00:00Z"}}"#.into();
    let read = assemble(&entries);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.older.get(&key), Some(&4));
}

#[test]
fn a_save_that_finds_an_older_record_keeps_the_fields_it_did_not_know() {
    let (_, new) = old_and_new();
    let mut storage: BTreeMap<String, String> = split(&new).into_iter().collect();
    let held = assemble(&storage.clone().into_iter().collect::<Vec<_>>());
    // Another tab on an older Attune (schema 4) rewrote JD's record: a
    // rename, later than the age group set here, and no age group at all.
    storage.insert(
        Kind::Client.key("c-3f2a"),
        r#"{"v":4,"n":0,"rec":{"id":"c-3f2a","label":"JD2","archived":false,"created_at":"2026-01-05T09:00:00Z","updated_at":"2026-03-01T11:00:00Z"}}"#.into(),
    );
    let meta = attune::domain::records::layout::Meta::new(held.layout.meta.seq + 1, None);
    storage.insert(META_KEY.into(), meta.encode());
    let theirs = assemble(&storage.into_iter().collect::<Vec<_>>());
    // This tab saves a new note; it finds the meta entry moved and merges.
    let mut mine = new.clone();
    mine.ratings
        .iter_mut()
        .find(|r| r.id == "r-0")
        .unwrap()
        .note = note("later");
    mine.ratings
        .iter_mut()
        .find(|r| r.id == "r-0")
        .unwrap()
        .updated_at = Some(at("2026-03-01T12:00:00Z"));
    let out = saving::plan(
        &LoadStatus::Ok,
        &held.layout,
        &held.store,
        &mine,
        saving::Seen::Changed(Box::new(theirs)),
    )
    .unwrap();
    let merged = out.merged.unwrap();
    let jd = client(&merged, "c-3f2a");
    assert_eq!((jd.label.as_str(), jd.age_group), ("JD2", AgeGroup::Child));
    assert_eq!(rating(&merged, "r-0").note, note("later"));
    // JD's record is written again, now by this version, with both.
    let (_, text) = out
        .plan
        .writes
        .iter()
        .find(|(k, _)| *k == Kind::Client.key("c-3f2a"))
        .unwrap();
    let text = text.as_deref().unwrap();
    assert!(
        text.contains(r#""label":"JD2""#) && text.contains(r#""age_group":"child""#),
        "{text}"
    );
    assert!(text.starts_with(&format!("{{\"v\":{CURRENT_VERSION},")));
}
