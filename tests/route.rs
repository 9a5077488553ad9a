//! Routing and the lists behind the Unassigned screen.

use attune::domain::caseload::lists::{archived_client_ratings, unassigned_ratings};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::score::Tenths;
use attune::domain::records::store::{Client, Store};
use attune::domain::route::Route;
use proptest::prelude::*;

fn all_routes(id: &str) -> Vec<Route> {
    vec![
        Route::Rate,
        Route::RateHere,
        Route::Review(id.into()),
        Route::Clients,
        Route::Client(id.into()),
        Route::Unassigned,
        Route::Alliance,
        Route::Outcomes,
        Route::Report(id.into()),
        Route::Spoken,
        Route::Settings,
        Route::Data,
    ]
}

#[test]
fn every_route_round_trips() {
    for r in all_routes("3e9b0f4d-5a6c") {
        assert_eq!(Route::from_hash(&r.to_hash()), r, "{}", r.to_hash());
    }
    assert_eq!(Route::Unassigned.to_hash(), "#/unassigned");
    assert_eq!(Route::Alliance.to_hash(), "#/alliance");
    assert_eq!(Route::Outcomes.to_hash(), "#/outcomes");
    assert_eq!(Route::Report("c1".into()).to_hash(), "#/report/c1");
    assert_eq!(Route::from_hash("#/report/"), Route::Rate);
    assert_eq!(Route::Review("x".into()).to_hash(), "#/review/x");
}

#[test]
fn the_fragments_the_app_already_writes_keep_their_meaning() {
    let cases = [
        ("", Route::Rate),
        ("#", Route::Rate),
        ("#/", Route::Rate),
        ("#/clients", Route::Clients),
        ("#/clients/", Route::Clients),
        ("#clients", Route::Clients),
        ("#/client/c-1", Route::Client("c-1".into())),
        ("#/review/r/1", Route::Review("r/1".into())),
        ("#/unassigned", Route::Unassigned),
        ("#/spoken", Route::Spoken),
        ("#/settings", Route::Settings),
        ("#/data", Route::Data),
        ("#/rate-here", Route::RateHere),
        ("#/review/", Route::Rate),
        ("#/client", Route::Rate),
        ("#/clients/x", Route::Rate),
        ("#/Clients", Route::Rate),
        ("#/nowhere", Route::Rate),
    ];
    for (hash, want) in cases {
        assert_eq!(Route::from_hash(hash), want, "{hash:?}");
    }
}

#[test]
fn empty_ids_name_the_form() {
    assert_eq!(Route::Review(String::new()).to_hash(), "#/");
    assert_eq!(Route::Client(String::new()).to_hash(), "#/");
    assert!(!Route::Rate.is_therapist());
    assert!(all_routes("x").iter().skip(1).all(Route::is_therapist));
}

proptest! {
    #[test]
    fn any_non_empty_id_round_trips(id in "\\PC{1,40}") {
        for r in [Route::Review(id.clone()), Route::Client(id.clone())] {
            prop_assert_eq!(Route::from_hash(&r.to_hash()), r);
        }
    }
}

fn at(day: u32) -> chrono::DateTime<chrono::Utc> {
    attune::domain::time::parse(&format!("2026-03-{day:02}T10:00:00Z")).unwrap()
}

fn rating(id: &str, day: u32, client: Option<&str>) -> Rating {
    Rating {
        id: id.into(),
        recorded_at: at(day),
        session_at: at(day),
        client_id: client.map(Into::into),
        scores: vec![Tenths::new(90).unwrap(); 4],
        scale_id: "srs-attune".into(),
        scale_version: 1,
        line: None,
        updated_at: None,
        note: None,
        ..Default::default()
    }
}

fn client(id: &str, label: &str, archived: bool) -> Client {
    Client {
        id: id.into(),
        label: label.into(),
        archived,
        created_at: at(1),
        updated_at: None,
        ..Default::default()
    }
}

fn ids(v: &[&Rating]) -> Vec<String> {
    v.iter().map(|r| r.id.clone()).collect()
}

#[test]
fn unassigned_means_no_client_or_an_unknown_one_newest_first() {
    let store = Store {
        clients: vec![
            client("c1", "JD", false),
            client("c2", "zz", true),
            client("c3", "AB", true),
        ],
        ratings: vec![
            rating("quick-old", 2, None),
            rating("mine", 3, Some("c1")),
            rating("orphan", 9, Some("gone")),
            rating("quick-new", 5, None),
            rating("arch-1", 4, Some("c2")),
            rating("arch-2", 8, Some("c2")),
        ],
        last_backup_at: None,
        unrated: Vec::new(),
        episode_ends: Vec::new(),
    };
    assert_eq!(
        ids(&unassigned_ratings(&store)),
        ["orphan", "quick-new", "quick-old"]
    );
    assert!(unassigned_ratings(&Store::default()).is_empty());
    let archived = archived_client_ratings(&store);
    let labels: Vec<&str> = archived.iter().map(|(c, _)| c.label.as_str()).collect();
    assert_eq!(labels, ["AB", "zz"], "by label, ignoring case");
    assert!(archived[0].1.is_empty());
    assert_eq!(ids(&archived[1].1), ["arch-2", "arch-1"]);
}
