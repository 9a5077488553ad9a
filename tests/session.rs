//! Sessions as the unit (version 5): measures that share a session id make
//! one session; every rating stored before is a one-measure SRS session with
//! nothing rewritten; an ORS and an SRS of one session stay together through
//! storage, merges and edits.

use attune::domain::course::session::{client_sessions, open_session, ors_totals, sessions};
use attune::domain::measures::kinds::AgeGroup;
use attune::domain::measures::kinds::{MeasureKind, RaterRef};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::score::Total;
use attune::domain::records::clients::{assign, set_session_at};
use attune::domain::records::store::{decode, encode, merge, Store, CURRENT_VERSION};
use attune::domain::time::parse;

const V1: &str = include_str!("fixtures/v1.json");
const V2: &str = include_str!("fixtures/v2.json");
const V3: &str = include_str!("fixtures/v3.json");
const V4: &str = include_str!("fixtures/v4.json");
const V5: &str = include_str!("fixtures/v5.json");

#[test]
fn every_earlier_rating_becomes_a_one_measure_srs_session_with_nothing_lost() {
    for (name, text) in [("v1", V1), ("v2", V2), ("v3", V3), ("v4", V4)] {
        let d = decode(text).expect(name);
        assert!(d.migrated(), "{name}");
        let store = d.store;
        assert!(!store.ratings.is_empty(), "{name}");
        let all = sessions(&store.ratings);
        assert_eq!(all.len(), store.ratings.len(), "{name}");
        for s in &all {
            assert_eq!(s.measures.len(), 1, "{name}");
            let m = s.measures[0];
            assert_eq!(s.id, m.id, "{name}: a session of its own");
            assert_eq!(m.measure, MeasureKind::Srs, "{name}");
            assert_eq!(m.rater, RaterRef::Client, "{name}");
            assert_eq!(s.client_id, m.client_id.as_deref(), "{name}");
            assert_eq!(s.at, m.session_at, "{name}");
        }
        // Written as version 5 and read back: every field as it was, and
        // no record gains a field (the defaults are left out).
        let text5 = encode(&store);
        assert!(text5.starts_with(&format!(
            "{{\"schema\":\"attune\",\"version\":{CURRENT_VERSION},"
        )));
        assert!(!text5.contains("\"measure\"") && !text5.contains("\"session_id\""));
        assert!(!text5.contains("\"rater\"") && !text5.contains("\"age_group\""));
        assert_eq!(decode(&text5).unwrap().store, store, "{name}");
    }
}

#[test]
fn the_v5_fixture_groups_an_ors_and_an_srs_into_one_session() {
    let d = decode(V5).unwrap();
    // Version 5; it reads unchanged in versions 6 to 8, which only added fields.
    assert_eq!((d.from_version, CURRENT_VERSION), (5, 8));
    assert!(d.migrated() && !d.read_only());
    let store = d.store;
    assert_eq!(store.clients[1].age_group, AgeGroup::Adolescent);
    assert_eq!(store.clients[0].age_group, AgeGroup::Adult);
    let jd = client_sessions(&store.ratings, "c-3f2a");
    assert_eq!(jd.len(), 2, "r-0 alone, then s-1 with the ORS and the SRS");
    assert_eq!(jd[0].id, "r-0");
    assert_eq!(jd[1].id, "s-1");
    assert_eq!(jd[1].measures.len(), 2);
    assert_eq!(jd[1].own(MeasureKind::Ors).unwrap().id, "o-1");
    assert_eq!(jd[1].own(MeasureKind::Srs).unwrap().id, "r-1");
    assert_eq!(jd[1].at, parse("2026-02-02T16:00:00Z").unwrap());
    // A collateral rater's ORS is kept and said to be theirs, not the client's.
    let teen = client_sessions(&store.ratings, "c-77b1");
    assert_eq!(teen.len(), 1);
    assert_eq!(teen[0].own(MeasureKind::Ors), None);
    assert!(matches!(
        &teen[0].measures[0].rater,
        RaterRef::Collateral { label, .. } if label == "Mum"
    ));
    // Round trip, field for field.
    assert_eq!(decode(&encode(&store)).unwrap().store, store);
    // Merging with itself changes nothing; merging into empty keeps all.
    let (m, summary) = merge(&Store::default(), &store);
    assert_eq!(m.ratings, store.ratings);
    assert_eq!(summary.new_ratings, 4);
}

#[test]
fn ors_totals_are_the_clients_own_in_session_order() {
    let store = decode(V5).unwrap().store;
    assert_eq!(ors_totals(&store.ratings, "c-3f2a"), [Total(150)]);
    assert!(
        ors_totals(&store.ratings, "c-77b1").is_empty(),
        "a parent's ORS is not the child's own"
    );
    assert!(ors_totals(&store.ratings, "nobody").is_empty());
}

fn day(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

#[test]
fn a_session_waits_for_its_srs_only_on_its_own_day() {
    let mut store = decode(V5).unwrap().store;
    // s-1 has both measures: nothing open.
    assert!(open_session(&store.ratings, "c-3f2a", "2026-02-02", day).is_none());
    // Remove its SRS: the session is open that day, and over the next.
    store.ratings.retain(|r| r.id != "r-1");
    let open = open_session(&store.ratings, "c-3f2a", "2026-02-02", day).unwrap();
    assert_eq!(open.id, "s-1");
    assert!(open_session(&store.ratings, "c-3f2a", "2026-02-03", day).is_none());
    // Only the latest session counts: a later SRS-only session closes it.
    let later = Rating {
        id: "r-9".into(),
        session_at: parse("2026-02-02T18:00:00Z").unwrap(),
        ..store
            .ratings
            .iter()
            .find(|r| r.id == "r-0")
            .unwrap()
            .clone()
    };
    store.ratings.push(later);
    assert!(open_session(&store.ratings, "c-3f2a", "2026-02-02", day).is_none());
}

#[test]
fn moving_or_reassigning_one_measure_moves_its_whole_session() {
    let mut store = decode(V5).unwrap().store;
    let now = parse("2026-03-01T00:00:00Z").unwrap();
    let earlier = parse("2026-02-01T16:00:00Z").unwrap();
    set_session_at(&mut store, "r-1", earlier, now).unwrap();
    assert_eq!(
        store
            .ratings
            .iter()
            .find(|r| r.id == "o-1")
            .unwrap()
            .session_at,
        earlier
    );
    assert_eq!(
        store
            .ratings
            .iter()
            .find(|r| r.id == "r-0")
            .unwrap()
            .session_at,
        parse("2026-01-26T16:50:00Z").unwrap()
    );
    assign(&mut store, "o-1", Some("c-77b1"), now).unwrap();
    for id in ["o-1", "r-1"] {
        let r = store.ratings.iter().find(|r| r.id == id).unwrap();
        assert_eq!(r.client_id.as_deref(), Some("c-77b1"), "{id}");
        assert_eq!(r.updated_at, Some(now), "{id}");
    }
    assert_eq!(client_sessions(&store.ratings, "c-77b1").len(), 2);
}

#[test]
fn an_ors_reads_against_intake_with_the_clients_age_group() {
    use attune::domain::course::outcome::ors_status;
    use attune::domain::course::outcome::OutcomeCategory;
    use attune::domain::course::session::partner;
    use attune::domain::time::utc;
    let mut store = decode(V5).unwrap().store;
    let first = store
        .ratings
        .iter()
        .find(|r| r.id == "o-1")
        .unwrap()
        .clone();
    let intake = ors_status(&store, &first, &utc).unwrap();
    assert_eq!(
        (intake.session_number, intake.category),
        (1, OutcomeCategory::Intake)
    );
    // A second session a week later, 5.0 up: reliable improvement.
    let second = Rating {
        id: "o-2b".into(),
        session_id: Some("s-9".into()),
        session_at: parse("2026-02-09T16:00:00Z").unwrap(),
        scores: first
            .scores
            .iter()
            .map(|s| attune::domain::measures::score::Tenths::new(s.get() + 13).unwrap())
            .collect(),
        ..first.clone()
    };
    store.ratings.push(second.clone());
    let st = ors_status(&store, &second, &utc).unwrap();
    assert_eq!(st.session_number, 2);
    assert_eq!(st.intake, Total(150));
    assert_eq!(st.total, Total(202));
    assert_eq!(st.category, OutcomeCategory::ReliableImprovement);
    // The SRS of the first session is the ORS's partner, and back.
    let srs = store.ratings.iter().find(|r| r.id == "r-1").unwrap();
    assert_eq!(
        partner(&store.ratings, &first, MeasureKind::Srs)
            .unwrap()
            .id,
        "r-1"
    );
    assert_eq!(
        partner(&store.ratings, srs, MeasureKind::Ors).unwrap().id,
        "o-1"
    );
    assert!(partner(&store.ratings, &second, MeasureKind::Srs).is_none());
    // An SRS has no ORS reading; nor has another rater's ORS.
    assert!(ors_status(&store, srs, &utc).is_none());
    let mum = store.ratings.iter().find(|r| r.id == "o-2").unwrap();
    assert!(ors_status(&store, mum, &utc).is_none());
    // An adolescent's cutoff is their own.
    let teen = Rating {
        id: "o-t".into(),
        rater: RaterRef::Client,
        ..mum.clone()
    };
    store.ratings.push(teen.clone());
    assert_eq!(
        ors_status(&store, &teen, &utc).unwrap().age_group,
        AgeGroup::Adolescent
    );
}
