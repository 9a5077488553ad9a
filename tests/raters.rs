//! Cases and raters in the stored document: every earlier
//! document reads as individuals with no members, a version-5 document with
//! a couple, a family and a group round-trips exactly, members are edited,
//! validated and merged without loss, and every rater reads back by label.

use attune::domain::course::session::sessions;
use attune::domain::export::csv;
use attune::domain::measures::kinds::AgeGroup;
use attune::domain::measures::kinds::{MeasureKind, RaterRef};
use attune::domain::measures::scale::Scales;
use attune::domain::raters::members::{
    add_member, check_member_label, rename_member, set_kind, set_member_age_group,
    set_member_archived, set_member_collateral,
};
use attune::domain::raters::roster::{
    presence, rater_age, rater_label, rater_name, roster, unmatched_raters, UNKNOWN_RATER,
};
use attune::domain::records::case::{merge_members, same_rater, CaseKind, Member};
use attune::domain::records::clients::{add_client, rename_client, EditError};
use attune::domain::records::store::{decode, encode, merge, validate, Client, Store};
use attune::domain::time::parse;
use attune::domain::words::Words;
use chrono::{DateTime, Utc};
use serde_json::Value;

const V1: &str = include_str!("fixtures/v1.json");
const V2: &str = include_str!("fixtures/v2.json");
const V3: &str = include_str!("fixtures/v3.json");
const V4: &str = include_str!("fixtures/v4.json");
const V5: &str = include_str!("fixtures/v5.json");
const COUPLE: &str = include_str!("fixtures/v5-couple.json");

fn at(s: &str) -> DateTime<Utc> {
    parse(s).unwrap()
}

fn couple() -> Store {
    decode(COUPLE).unwrap().store
}

fn client<'a>(s: &'a Store, id: &str) -> &'a Client {
    s.clients.iter().find(|c| c.id == id).unwrap()
}

fn member(id: &str) -> RaterRef {
    RaterRef::Member { id: id.into() }
}

// ---- migration and the stored format ----

#[test]
fn every_earlier_fixture_reads_as_individuals_with_nothing_lost() {
    for (name, text) in [("v1", V1), ("v2", V2), ("v3", V3), ("v4", V4), ("v5", V5)] {
        let raw: Value = serde_json::from_str(text).unwrap();
        let d = decode(text).expect(name);
        let store = &d.store;
        for c in &store.clients {
            assert_eq!(c.kind, CaseKind::Individual, "{name} {}", c.id);
            assert!(c.members.is_empty(), "{name} {}", c.id);
        }
        let count = |key: &str| raw[key].as_array().map_or(0, Vec::len);
        assert_eq!(store.ratings.len(), count("ratings"), "{name}");
        assert_eq!(store.clients.len(), count("clients"), "{name}");
        assert_eq!(store.unrated.len(), count("unrated"), "{name}");
        // Written back, no record gains a case field, and it reads the same.
        let again = encode(store);
        assert!(
            !again.contains("\"kind\"") && !again.contains("\"members\""),
            "{name}"
        );
        assert_eq!(&decode(&again).unwrap().store, store, "{name}");
    }
}

#[test]
fn the_v5_fixture_keeps_its_collateral_rater_without_a_member_record() {
    let s = decode(V5).unwrap().store;
    let o2 = s.ratings.iter().find(|r| r.id == "o-2").unwrap();
    assert_eq!(
        rater_label(&s, o2.client_id.as_deref(), &o2.rater),
        Some("Mum")
    );
    assert_eq!(unmatched_raters(&s).len(), 1, "listed, never refused");
}

#[test]
fn a_couple_a_family_and_a_group_round_trip_exactly() {
    let d = decode(COUPLE).unwrap();
    // Written by version 5: read as it is (versions 6 to 8 only added fields).
    assert!(d.migrated() && !d.read_only());
    let s = &d.store;
    let kinds: Vec<CaseKind> = s.clients.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            CaseKind::Couple,
            CaseKind::Family,
            CaseKind::Group,
            CaseKind::Individual
        ]
    );
    let family = client(s, "c-sam");
    assert_eq!(family.members.len(), 3);
    assert!(family.members[0].collateral && !family.members[1].collateral);
    assert_eq!(family.members[2].age_group, AgeGroup::Child);
    assert!(family.members[2].archived);
    assert_eq!(
        family.members[2].updated_at,
        Some(at("2026-02-20T09:00:00Z"))
    );
    // Every field survives: the re-encoded document is the fixture, as JSON,
    // apart from the version it is written with now.
    let mut fixture: Value = serde_json::from_str(COUPLE).unwrap();
    fixture["version"] = Value::from(attune::domain::records::store::CURRENT_VERSION);
    let written: Value = serde_json::from_str(&encode(s)).unwrap();
    assert_eq!(written, fixture);
    assert_eq!(&decode(&encode(s)).unwrap().store, s);
    assert!(unmatched_raters(s).is_empty());
    // Member-rated measures stay in their sessions.
    let all = sessions(&s.ratings);
    let c1 = all.iter().find(|x| x.id == "s-c1").unwrap();
    assert_eq!(c1.measures.len(), 4);
    assert_eq!(c1.own(MeasureKind::Srs).unwrap().id, "r-jd");
}

#[test]
fn member_ids_must_be_unique_within_a_client_only() {
    let mut s = couple();
    assert!(validate(&s).is_ok());
    // The same member id in two cases is fine: ids are per case.
    s.clients[2].members[0].id = "m-kl".into();
    assert!(validate(&s).is_ok());
    let mut twice = couple();
    twice.clients[1].members[1].id = "m-mum".into();
    let err = validate(&twice).unwrap_err().to_string();
    assert!(err.contains("c-sam") && err.contains("m-mum"), "{err}");
    let mut empty = couple();
    empty.clients[0].members[0].id = String::new();
    assert!(validate(&empty).is_err());
    // And decode refuses such a document rather than guessing.
    assert!(decode(&encode(&twice)).is_err());
}

#[test]
fn a_rating_naming_no_member_is_kept_and_read_leniently() {
    let mut s = couple();
    // Moved to another case: its member is not there.
    for r in s.ratings.iter_mut().filter(|r| r.id == "r-kl") {
        r.client_id = Some("c-solo".into());
    }
    s.ratings[0].rater = member("nobody");
    assert!(validate(&s).is_ok(), "never refused for its rater");
    let back = decode(&encode(&s)).unwrap().store;
    assert_eq!(back.ratings.len(), s.ratings.len());
    let ids: Vec<&str> = unmatched_raters(&back)
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, ["o-jd", "r-kl"]);
    let r = &back.ratings[0];
    assert_eq!(rater_label(&back, r.client_id.as_deref(), &r.rater), None);
    assert_eq!(
        rater_name(&back, r.client_id.as_deref(), &r.rater),
        UNKNOWN_RATER
    );
    // A member ref naming another client (the first version-5 design) reads
    // as that client's label.
    let legacy = member("c-solo");
    assert_eq!(rater_label(&back, Some("c-jd"), &legacy), Some("RT"));
}

// ---- labels, roster, presence ----

#[test]
fn raters_read_back_by_label_and_age() {
    let s = couple();
    let name = |id: &str| {
        let r = s.ratings.iter().find(|r| r.id == id).unwrap();
        rater_label(&s, r.client_id.as_deref(), &r.rater).map(str::to_string)
    };
    assert_eq!(name("o-jd").as_deref(), Some("JD"));
    assert_eq!(name("r-kl").as_deref(), Some("KL"));
    assert_eq!(name("o-mum").as_deref(), Some("Mum"));
    assert_eq!(name("r-cy").as_deref(), Some("CY"));
    assert_eq!(
        rater_age(&s, Some("c-sam"), &RaterRef::Client),
        AgeGroup::Child
    );
    assert_eq!(
        rater_age(&s, Some("c-tue"), &member("g-cy")),
        AgeGroup::Adolescent
    );
    assert_eq!(rater_age(&s, Some("c-tue"), &member("zz")), AgeGroup::Adult);
    // A renamed collateral rater reads by the current label, not the one
    // saved with the rating.
    let mut renamed = s.clone();
    rename_member(
        &mut renamed,
        "c-sam",
        "m-mum",
        "Mother",
        at("2026-03-10T00:00:00Z"),
    )
    .unwrap();
    let o = renamed.ratings.iter().find(|r| r.id == "o-mum").unwrap();
    assert_eq!(
        rater_label(&renamed, Some("c-sam"), &o.rater),
        Some("Mother")
    );
    // Without a client the collateral's own label is what is left.
    assert_eq!(rater_label(&renamed, None, &o.rater), Some("Mum"));
}

#[test]
fn the_roster_lists_who_may_rate_in_order() {
    let s = couple();
    let labels = |id: &str| -> Vec<String> {
        roster(client(&s, id))
            .into_iter()
            .map(|r| r.label)
            .collect()
    };
    assert_eq!(labels("c-jd"), ["JD", "KL"]);
    // Archived Kit is left out; the collateral rater comes last.
    assert_eq!(labels("c-sam"), ["Sam", "Dad", "Mum"]);
    // A group's record names the group: nobody rates as the client.
    assert_eq!(labels("c-tue"), ["AL", "BO", "CY"]);
    assert_eq!(labels("c-solo"), ["RT"]);
    let sam = roster(client(&s, "c-sam"));
    assert_eq!(sam[0].rater, RaterRef::Client);
    assert_eq!(sam[0].age_group, AgeGroup::Child);
    assert_eq!(
        sam[2].rater,
        RaterRef::Collateral {
            id: "m-mum".into(),
            label: "Mum".into()
        }
    );
    let ticks: Vec<bool> = presence(client(&s, "c-sam"))
        .iter()
        .map(|c| c.ticked)
        .collect();
    assert_eq!(ticks, [true, true, false], "collateral raters optional");
}

#[test]
fn same_rater_goes_by_id_not_label() {
    let a = RaterRef::Collateral {
        id: "p".into(),
        label: "Mum".into(),
    };
    let b = RaterRef::Collateral {
        id: "p".into(),
        label: "Mother".into(),
    };
    assert!(same_rater(&a, &b));
    assert!(same_rater(&a, &member("p")));
    assert!(!same_rater(&a, &RaterRef::Client));
    assert!(same_rater(&RaterRef::Client, &RaterRef::Client));
}

// ---- edits ----

#[test]
fn members_are_added_with_the_client_label_rules() {
    let now = at("2026-03-10T12:00:00Z");
    let mut s = Store::default();
    add_client(&mut s, "c1".into(), "JD", now).unwrap();
    let add = |s: &mut Store, id: &str, label: &str| {
        add_member(s, "c1", id.into(), label, AgeGroup::Adult, false, now)
    };
    assert_eq!(add(&mut s, "m1", "  KL "), Ok(()));
    assert_eq!(add(&mut s, "m2", ""), Err(EditError::EmptyLabel));
    assert_eq!(add(&mut s, "m2", "Kathy Lawson"), Err(EditError::FullName));
    assert_eq!(
        add(&mut s, "m2", "a very long label here"),
        Err(EditError::LongLabel)
    );
    assert_eq!(
        add(&mut s, "m2", "kl"),
        Err(EditError::DuplicateInCase("kl".into()))
    );
    assert_eq!(
        add(&mut s, "m2", "jd"),
        Err(EditError::DuplicateInCase("jd".into())),
        "not the client's own label either"
    );
    assert_eq!(add(&mut s, "m1", "Other"), Err(EditError::IdTaken));
    assert_eq!(add(&mut s, "", "Other"), Err(EditError::IdTaken));
    assert_eq!(
        add_member(
            &mut s,
            "nope",
            "m9".into(),
            "X",
            AgeGroup::Adult,
            false,
            now
        ),
        Err(EditError::Missing)
    );
    let m = &s.clients[0].members[0];
    assert_eq!(
        (m.label.as_str(), m.created_at, m.updated_at),
        ("KL", now, Some(now))
    );
    // Another case may use the same label ("Mum" in many families).
    add_client_str(&mut s, "c2", "AB", now);
    assert_eq!(
        add_member(&mut s, "c2", "m1".into(), "KL", AgeGroup::Child, true, now),
        Ok(())
    );
    assert!(validate(&s).is_ok());
    // A client may not be renamed to one of its members' labels.
    assert_eq!(
        rename_client(&mut s, "c1", "KL", now),
        Err(EditError::DuplicateInCase("KL".into()))
    );
    assert_eq!(
        check_member_label(&s.clients[0], "KL", Some("m1")),
        Ok("KL".into()),
        "a member keeps its own label"
    );
}

fn add_client_str(s: &mut Store, id: &str, label: &str, now: DateTime<Utc>) {
    add_client(s, id.into(), label, now).unwrap();
}

#[test]
fn member_edits_stamp_the_member_and_kind_stamps_the_client() {
    let t0 = at("2026-03-10T12:00:00Z");
    let t1 = at("2026-03-11T12:00:00Z");
    let mut s = Store::default();
    add_client_str(&mut s, "c1", "JD", t0);
    add_member(&mut s, "c1", "m1".into(), "KL", AgeGroup::Adult, false, t0).unwrap();
    rename_member(&mut s, "c1", "m1", "KM", t1).unwrap();
    let c = &s.clients[0];
    assert_eq!(c.members[0].label, "KM");
    assert_eq!(c.members[0].updated_at, Some(t1));
    assert_eq!(
        c.updated_at,
        Some(t0),
        "a member edit leaves the case's stamp"
    );
    // Unchanged values stamp nothing.
    let t2 = at("2026-03-12T12:00:00Z");
    set_member_archived(&mut s, "c1", "m1", false, t2).unwrap();
    set_member_age_group(&mut s, "c1", "m1", AgeGroup::Adult, t2).unwrap();
    set_member_collateral(&mut s, "c1", "m1", false, t2).unwrap();
    set_kind(&mut s, "c1", CaseKind::Individual, t2).unwrap();
    assert_eq!(s.clients[0].members[0].updated_at, Some(t1));
    assert_eq!(s.clients[0].updated_at, Some(t0));
    // Changes do.
    set_member_archived(&mut s, "c1", "m1", true, t2).unwrap();
    set_member_age_group(&mut s, "c1", "m1", AgeGroup::Child, t2).unwrap();
    set_member_collateral(&mut s, "c1", "m1", true, t2).unwrap();
    set_kind(&mut s, "c1", CaseKind::Couple, t2).unwrap();
    let c = &s.clients[0];
    let m = &c.members[0];
    assert!(m.archived && m.collateral && m.age_group == AgeGroup::Child);
    assert_eq!(
        (m.updated_at, c.updated_at, c.kind),
        (Some(t2), Some(t2), CaseKind::Couple)
    );
    assert_eq!(
        m.rater(),
        RaterRef::Collateral {
            id: "m1".into(),
            label: "KM".into()
        }
    );
    for err in [
        rename_member(&mut s, "c1", "zz", "X", t2),
        set_member_archived(&mut s, "c1", "zz", true, t2),
        set_kind(&mut s, "zz", CaseKind::Group, t2),
    ] {
        assert_eq!(err, Err(EditError::Missing));
    }
    // The JSON names: exactly these fields.
    let text = encode(&s);
    for field in [
        r#""kind":"couple""#,
        r#""members":[{"id":"m1","label":"KM","age_group":"child","collateral":true,"archived":true,"#,
    ] {
        assert!(text.contains(field), "{field} in {text}");
    }
}

// ---- merge ----

fn m(id: &str, label: &str, updated: Option<&str>) -> Member {
    Member {
        id: id.into(),
        label: label.into(),
        age_group: AgeGroup::Adult,
        collateral: false,
        archived: false,
        created_at: at("2026-01-01T00:00:00Z"),
        updated_at: updated.map(at),
    }
}

#[test]
fn a_member_added_in_one_tab_survives_a_rename_in_another() {
    let base = couple();
    let mut a = base.clone();
    let mut b = base.clone();
    add_member(
        &mut a,
        "c-jd",
        "m-new".into(),
        "Kid",
        AgeGroup::Child,
        false,
        at("2026-03-10T10:00:00Z"),
    )
    .unwrap();
    rename_client(&mut b, "c-jd", "JX", at("2026-03-10T11:00:00Z")).unwrap();
    for (x, y) in [(&a, &b), (&b, &a)] {
        let (merged, _) = merge(x, y);
        let c = client(&merged, "c-jd");
        assert_eq!(c.label, "JX", "the later client copy wins");
        let ids: Vec<&str> = c.members.iter().map(|m| m.id.as_str()).collect();
        assert!(ids.contains(&"m-kl") && ids.contains(&"m-new"), "{ids:?}");
        assert!(validate(&merged).is_ok());
    }
}

#[test]
fn members_merge_by_id_with_the_later_copy() {
    let base = [m("a", "A", Some("2026-02-01T00:00:00Z")), m("b", "B", None)];
    let other = [
        m("b", "B2", Some("2026-02-02T00:00:00Z")),
        m("a", "A-old", Some("2026-01-01T00:00:00Z")),
        m("c", "C", None),
    ];
    let merged = merge_members(&base, &other);
    let got: Vec<(&str, &str)> = merged
        .iter()
        .map(|m| (m.id.as_str(), m.label.as_str()))
        .collect();
    assert_eq!(got, [("a", "A"), ("b", "B2"), ("c", "C")]);
    // A tie keeps the base copy; merging twice changes nothing.
    let tie = merge_members(&[m("a", "A", None)], &[m("a", "Z", None)]);
    assert_eq!(tie[0].label, "A");
    assert_eq!(merge_members(&merged, &other), merged);
}

// ---- exports name members by label ----

#[test]
fn csv_names_each_rater_by_their_member_label() {
    let s = couple();
    let text = csv(&s, &Scales::builtin());
    for cell in ["member:KL", "collateral:Mum", "member:AL", "member:CY"] {
        assert!(text.contains(cell), "{cell}");
    }
    assert!(!text.contains("member:m-kl") && !text.contains("member:g-al"));
}

// ---- import brings people a stored case lacks ----

#[test]
fn an_import_adds_the_people_a_stored_case_lacks() {
    use attune::domain::export::{apply, import_plan, summary};
    let file = couple();
    let mut stored = file.clone();
    stored.clients[0].members.clear();
    // Someone stored under another id already has the label "Dad".
    stored.clients[1].members.retain(|m| m.id != "m-dad");
    stored.clients[1].members.push(m("m-other", "Dad", None));
    let plan = import_plan(&stored, &file, &Scales::builtin(), Words::EN);
    let added: Vec<(&str, &str)> = plan
        .new_members
        .iter()
        .map(|n| (n.client_id.as_str(), n.member.id.as_str()))
        .collect();
    assert_eq!(added, [("c-jd", "m-kl")]);
    assert_eq!(plan.refused.len(), 1);
    assert!(plan.refused[0].what.contains("Dad"), "{:?}", plan.refused);
    assert!(summary(&plan, Words::EN)[0].contains("1 new person in a stored case"));
    let out = apply(&plan, &stored, false, at("2026-03-10T00:00:00Z"));
    assert_eq!(client(&out, "c-jd").members, file.clients[0].members);
    assert!(validate(&out).is_ok());
    // Applying twice adds nobody twice.
    let again = apply(&plan, &out, false, at("2026-03-10T00:00:00Z"));
    assert_eq!(again, out);
}
