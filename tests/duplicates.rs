//! The same client added on two devices offline: shown as a
//! pair, and merged with nothing lost and both histories kept.

use attune::domain::measures::kinds::RaterRef;
use attune::domain::measures::rating::Rating;
use attune::domain::records::case::Member;
use attune::domain::records::duplicates::{duplicate_groups, merge_clients, Merged};
use attune::domain::records::store::{Client, Store};
use attune::domain::records::unrated::UnratedSession;

mod common;
use common::at;

fn client(id: &str, label: &str, created: &str) -> Client {
    common::client(id, label, at(created))
}

fn member(id: &str, label: &str) -> Member {
    Member {
        id: id.into(),
        label: label.into(),
        age_group: Default::default(),
        collateral: false,
        archived: false,
        created_at: at("2026-01-01T00:00:00Z"),
        updated_at: None,
    }
}

fn rating(id: &str, client: &str, rater: RaterRef) -> Rating {
    Rating {
        rater,
        ..common::srs(
            id,
            Some(client),
            at("2026-03-02T10:00:00Z"),
            &[80, 70, 60, 90],
        )
    }
}

fn clinic() -> Store {
    let mut a = client("c-a", "DU", "2026-01-05T09:00:00Z");
    a.members = vec![member("m-a1", "Mum")];
    let mut b = client("c-b", "du", "2026-01-05T09:30:00Z");
    b.members = vec![member("m-b1", "MUM"), member("m-b2", "Dad")];
    Store {
        clients: vec![
            b,
            client("c-x", "XY", "2026-01-01T09:00:00Z"),
            a,
            client("c-old", "DU", "2025-01-01T09:00:00Z"),
        ],
        ratings: vec![
            rating("r-a", "c-a", RaterRef::Client),
            rating("r-b", "c-b", RaterRef::Client),
            rating("r-b-mum", "c-b", RaterRef::Member { id: "m-b1".into() }),
            rating("r-b-dad", "c-b", RaterRef::Member { id: "m-b2".into() }),
            rating("r-x", "c-x", RaterRef::Client),
        ],
        unrated: vec![UnratedSession {
            id: "u-b".into(),
            client_id: "c-b".into(),
            at: at("2026-03-03T10:00:00Z"),
            reason: None,
        }],
        ..Store::default()
    }
}

#[test]
fn active_clients_sharing_a_label_are_shown_as_a_group_oldest_first() {
    let mut store = clinic();
    store.clients[3].archived = true; // an archived "DU" is no duplicate
    let groups = duplicate_groups(&store);
    let ids: Vec<Vec<&str>> = groups
        .iter()
        .map(|g| g.iter().map(|c| c.id.as_str()).collect())
        .collect();
    assert_eq!(ids, vec![vec!["c-a", "c-b"]], "letter case aside");
    store.clients[0].label = "DV".into();
    assert!(duplicate_groups(&store).is_empty());
}

#[test]
fn merging_keeps_both_histories_and_loses_nothing() {
    let mut store = clinic();
    store.clients[3].archived = true;
    // The duplicate's first course of treatment was ended on its device.
    store
        .episode_ends
        .push(attune::domain::records::episode_end::EpisodeEnd::new(
            "e-b",
            "c-b",
            chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            attune::domain::records::episode_end::EndReason::Planned,
            at("2026-03-01T12:00:00Z"),
        ));
    let now = at("2026-03-10T12:00:00Z");
    let before = store.clone();
    let merged = merge_clients(&mut store, "c-a", "c-b", now).unwrap();
    assert_eq!(
        merged,
        Merged {
            ratings: 3,
            unrated: 1,
            episode_ends: 1,
        }
    );
    assert_eq!(store.episode_ends[0].client_id, "c-a", "the end moves too");
    assert_eq!(store.episode_ends[0].updated_at, Some(now));
    // Every rating is still there, with its scores; the pair's are the kept one's.
    assert_eq!(store.ratings.len(), before.ratings.len());
    for (r, b) in store.ratings.iter().zip(&before.ratings) {
        assert_eq!((&r.id, &r.scores), (&b.id, &b.scores));
    }
    let of = |id: &str| store.ratings.iter().find(|r| r.id == id).unwrap();
    for id in ["r-a", "r-b", "r-b-mum", "r-b-dad"] {
        assert_eq!(of(id).client_id.as_deref(), Some("c-a"), "{id}");
    }
    assert_eq!(
        of("r-x").client_id.as_deref(),
        Some("c-x"),
        "others untouched"
    );
    assert_eq!(
        of("r-b").updated_at,
        Some(now),
        "the move wins on every device"
    );
    assert_eq!(
        of("r-a").updated_at,
        None,
        "the kept client's own are not rewritten"
    );
    // The same person (same label) is one member; anyone else joins.
    assert_eq!(of("r-b-mum").rater, RaterRef::Member { id: "m-a1".into() });
    assert_eq!(of("r-b-dad").rater, RaterRef::Member { id: "m-b2".into() });
    let kept = store.clients.iter().find(|c| c.id == "c-a").unwrap();
    let labels: Vec<&str> = kept.members.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["Mum", "Dad"]);
    assert_eq!(kept.updated_at, Some(now));
    assert_eq!(store.unrated[0].client_id, "c-a");
    // The other record is archived, never deleted.
    let other = store.clients.iter().find(|c| c.id == "c-b").unwrap();
    assert!(other.archived);
    assert_eq!(other.updated_at, Some(now));
    assert_eq!(store.clients.len(), before.clients.len());
    assert!(duplicate_groups(&store).is_empty());
}

#[test]
fn a_merge_names_two_different_clients_that_exist() {
    let mut store = clinic();
    let now = at("2026-03-10T12:00:00Z");
    assert!(merge_clients(&mut store, "c-a", "c-a", now).is_err());
    assert!(merge_clients(&mut store, "c-a", "nope", now).is_err());
    assert!(merge_clients(&mut store, "nope", "c-a", now).is_err());
    assert_eq!(store, clinic(), "a refused merge changes nothing");
}

#[test]
fn records_that_disagree_on_age_group_or_kind_are_not_merged() {
    use attune::domain::measures::kinds::AgeGroup;
    use attune::domain::records::case::CaseKind;
    use attune::domain::records::clients::EditError;
    let now = at("2026-03-10T09:00:00Z");
    // One device recorded a child (ORS cutoff 32.0), the other an adult.
    let mut store = clinic();
    store.clients[0].age_group = AgeGroup::Child;
    let before = store.clone();
    assert_eq!(
        merge_clients(&mut store, "c-a", "c-b", now),
        Err(EditError::MergeDiffers)
    );
    assert_eq!(store, before, "nothing changed");
    // A couple on one device, a family on the other: the same.
    let mut store = clinic();
    store.clients[2].kind = CaseKind::Couple;
    store.clients[0].kind = CaseKind::Family;
    assert_eq!(
        merge_clients(&mut store, "c-a", "c-b", now),
        Err(EditError::MergeDiffers)
    );
}
