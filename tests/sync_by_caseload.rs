//! Sync by caseload as wired (`domain::sync::by_caseload`): a therapist's
//! caseload id from their name, the databases a device joins, the part of
//! the store each takes, what a pull keeps, where each database's notes
//! live, and the status for all of them.

mod common;

use attune::domain::device::therapists::DeviceTherapists;
use attune::domain::records::layout::Record;
use attune::domain::records::store::Store;
use attune::domain::records::therapist::same_name;
use attune::domain::sync::by_caseload::{
    admit, caseload_named, combined, kept_here, kept_words, part, plan, scope, scoped_key,
    syncs_words, therapist_id, unscoped_key, NameIdError, Placed, Plan,
};
use attune::domain::sync::caseloads::{Caseload, TherapistId, MAX_THERAPIST_ID};
use attune::domain::sync::status::Trouble;
use attune::domain::words::Words;

fn id(s: &str) -> TherapistId {
    TherapistId::parse(s).unwrap()
}

fn t(s: &str) -> Caseload {
    Caseload::Therapist(id(s))
}

#[test]
fn a_therapists_name_spells_their_caseload_id() {
    assert_eq!(therapist_id("Dana"), Ok(id("dana")));
    assert_eq!(therapist_id("  dana "), Ok(id("dana")));
    assert_eq!(therapist_id("Zoë K"), Ok(id("zo_c3_ab_20k")));
    assert_eq!(therapist_id("J.-P."), Ok(id("j.-p.")));
    assert_eq!(therapist_id("a_b"), Ok(id("a_5fb")));
    assert!(matches!(therapist_id(""), Err(NameIdError::Name(_))));
    // A long name in a non-Latin script cannot be spelled within the limit.
    let long = "Παναγιώτα Κωνσταντίνου";
    assert!(therapist_id(long).is_err());
    let e = therapist_id(long).unwrap_err().to_string();
    assert!(e.contains("too long to name a caseload"), "{e}");
    assert!(e.contains(long));
}

#[test]
fn the_spelling_is_one_to_one_apart_from_case() {
    let names = [
        "Dana", "dana", "DANA", "Dan a", "Dan_a", "Dan_20a", "Zoë", "ZOË", "Zoe", "Zo_c3_ab",
        "Lee", "lee.", "Lee-", "Ana", "Ána", "_41na",
    ];
    for a in names {
        for b in names {
            let (ia, ib) = (therapist_id(a).unwrap(), therapist_id(b).unwrap());
            assert_eq!(ia == ib, same_name(a, b), "{a} / {b}");
            assert!(ia.as_str().len() <= MAX_THERAPIST_ID);
        }
    }
}

fn device(names: &[&str], working: Option<&str>) -> DeviceTherapists {
    let mut d = DeviceTherapists::default();
    for n in names {
        d.add(n, false).unwrap();
    }
    if let Some(w) = working {
        d.set_working(w);
    }
    d
}

#[test]
fn a_device_naming_no_therapist_syncs_the_clinic_database() {
    assert_eq!(plan(&device(&[], None), "attune"), Ok(Plan::Clinic));
}

#[test]
fn a_device_joins_each_named_therapists_caseload_the_one_working_last() {
    let Ok(Plan::Caseloads { joined, databases }) =
        plan(&device(&["Ana", "Ben", "Zoë"], Some("Ben")), "attune")
    else {
        panic!("caseloads");
    };
    assert_eq!(joined.home(), Some(&t("ben")));
    assert_eq!(
        databases,
        vec![
            (t("ana"), "attune-c-ana".to_string()),
            (t("zo_c3_ab"), "attune-c-zo_5fc3_5fab".to_string()),
            (t("ben"), "attune-c-ben".to_string()),
        ]
    );
    assert!(!joined.holds(&Caseload::Clinic));
}

fn store() -> Store {
    let mut s = Store::default();
    for (c, who) in [("a1", Some("Ana")), ("b1", Some("ben")), ("n1", None)] {
        let mut client = common::client(c, c, common::january(1));
        client.therapist = who.map(String::from);
        s.clients.push(client);
        s.ratings.push(common::srs(
            &format!("r-{c}"),
            Some(c),
            common::january(2),
            &[90; 4],
        ));
    }
    s.ratings
        .push(common::srs("r-quick", None, common::january(3), &[80; 4]));
    s
}

fn ids(s: &Store) -> Vec<String> {
    let mut v: Vec<String> = (s.clients.iter().map(|c| c.id.clone()))
        .chain(s.ratings.iter().map(|r| r.id.clone()))
        .collect();
    v.sort();
    v
}

#[test]
fn each_database_takes_its_caseloads_records_and_the_home_its_unassigned_ones() {
    let Ok(Plan::Caseloads { joined, .. }) = plan(&device(&["Ana", "Ben"], None), "attune") else {
        panic!()
    };
    let s = store();
    let none = Placed::new();
    assert_eq!(
        ids(&part(&s, &t("ana"), &joined, &none)),
        ["a1", "r-a1", "r-quick"]
    );
    assert_eq!(ids(&part(&s, &t("ben"), &joined, &none)), ["b1", "r-b1"]);
    // A client of no therapist goes to no caseload database here.
    let p = Plan::Caseloads {
        joined: joined.clone(),
        databases: vec![],
    };
    assert_eq!(kept_here(&s, &p), 2);
    assert_eq!(kept_here(&s, &Plan::Clinic), 0);
    // An unassigned rating already in Ben's database stays there.
    let placed: Placed = [("rating:r-quick".to_string(), t("ben"))].into();
    assert_eq!(ids(&part(&s, &t("ana"), &joined, &placed)), ["a1", "r-a1"]);
    assert_eq!(
        ids(&part(&s, &t("ben"), &joined, &placed)),
        ["b1", "r-b1", "r-quick"]
    );
}

#[test]
fn a_pull_keeps_only_records_of_caseloads_joined_here() {
    let Ok(Plan::Caseloads { joined, .. }) = plan(&device(&["Ana"], None), "attune") else {
        panic!()
    };
    let s = store();
    let arriving: Vec<Record> = vec![
        Record::Client(s.clients[1].clone()), // Ben's client, written into Ana's database
        Record::Rating(s.ratings[1].clone()), // and its rating
        Record::Client(s.clients[0].clone()), // Ana's own
        Record::Rating(s.ratings[0].clone()),
        Record::Rating(s.ratings[3].clone()), // unassigned
    ];
    let kept: Vec<String> = admit(
        &t("ana"),
        arriving.clone(),
        &Store::default(),
        &joined,
        &Placed::new(),
    )
    .iter()
    .map(|r| r.id().to_string())
    .collect();
    assert_eq!(kept, ["a1", "r-a1", "r-quick"]);
    // Nothing at all from a database this device did not join.
    assert!(admit(
        &t("ben"),
        arriving,
        &Store::default(),
        &joined,
        &Placed::new()
    )
    .is_empty());
    assert_eq!(caseload_named(None), Caseload::Clinic);
}

#[test]
fn a_lead_keeps_no_copy_from_one_database_of_a_record_it_syncs_through_another() {
    let Ok(Plan::Caseloads { joined, .. }) = plan(&device(&["Ana", "Ben"], None), "attune") else {
        panic!()
    };
    // The lead holds Ben's client, edited here and not yet sent to Ben's
    // database; an older copy arrives from Ana's database.
    let mut held = store();
    held.clients[1].label = "edited here".into();
    let older = Record::Client(store().clients[1].clone());
    let mut a9 = common::client("a9", "A9", common::january(1));
    a9.therapist = Some("Ana".into());
    let fresh = Record::Client(a9);
    let kept = admit(
        &t("ana"),
        vec![older.clone(), fresh],
        &held,
        &joined,
        &Placed::new(),
    );
    assert_eq!(kept.iter().map(|r| r.id()).collect::<Vec<_>>(), ["a9"]);
    // From Ben's own database it is the ordinary pull (the run settles it).
    assert_eq!(
        admit(&t("ben"), vec![older], &held, &joined, &Placed::new()).len(),
        1
    );
    assert_eq!(caseload_named(Some("ANA")), t("ana"));
}

#[test]
fn each_caseload_databases_notes_live_under_its_own_scope() {
    assert_eq!(scope(&Caseload::Clinic, "attune"), None);
    let s = scope(&t("ana"), "attune-c-ana").unwrap();
    let other = scope(&t("ben"), "attune-c-ben").unwrap();
    for key in [
        "attune.s.client:a1",
        "attune.sync.checkpoint",
        "attune.sync.key",
    ] {
        let kept = scoped_key(&s, key);
        assert!(
            kept.starts_with("attune.sync."),
            "turning sync off forgets {kept}"
        );
        assert!(
            !kept.starts_with("attune.s."),
            "never read as a clinic note: {kept}"
        );
        assert_eq!(unscoped_key(&s, &kept).as_deref(), Some(key));
        assert_eq!(unscoped_key(&other, &kept), None);
        assert_ne!(kept, scoped_key(&other, key));
    }
}

#[test]
fn the_status_of_every_database_in_one() {
    let ok: Result<u32, Trouble> = combined([Ok(2), Ok(3)]);
    assert_eq!(ok, Ok(5));
    let bad: Result<u32, Trouble> =
        combined([Ok(2), Err(Trouble::NotJoined), Err(Trouble::SignIn)]);
    assert_eq!(bad, Err(Trouble::NotJoined));
    assert_eq!(
        syncs_words("attune", &[], Words::EN),
        "This device syncs the clinic database attune."
    );
    assert_eq!(
        syncs_words("attune", &["Ana".into()], Words::EN),
        "This device syncs Ana's caseload, in its own database."
    );
    assert_eq!(
        syncs_words(
            "attune",
            &["Ana".into(), "Ben".into(), "Zoë".into()],
            Words::EN
        ),
        "This device syncs the caseloads of Ana, Ben and Zoë, each in its own database."
    );
    assert_eq!(kept_words(0, Words::EN), None);
    assert!(kept_words(2, Words::EN)
        .unwrap()
        .starts_with("2 records belong"));
    assert!(Trouble::NotJoined
        .words(Words::EN)
        .contains("clinic passphrase"));
}
