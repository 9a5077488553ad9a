//! A clinic's therapists on one device: the name rule, the device's list
//! and who is working, who held each session, transfers that keep the
//! history whole, and whose clients each screen reads.

mod common;

use attune::domain::caseload::scope::{self, Scope};
use attune::domain::device::therapists::DeviceTherapists;
use attune::domain::records::older::{fill_client, fill_rating, knows, since, Field};
use attune::domain::records::store::{self, Store};
use attune::domain::records::therapist::{
    adopt_unassigned, check_name, held_by, holder_of_new, named_in, transfer, TherapistError,
    NAME_MAX_CHARS,
};
use common::{at, client, january, srs};

fn clinic() -> Store {
    let mut a = client("c-a", "AA", january(1));
    a.therapist = Some("Dana".into());
    let mut b = client("c-b", "BB", january(1));
    b.therapist = Some("Lee".into());
    let c = client("c-c", "CC", january(1));
    Store {
        clients: vec![a, b, c],
        ratings: vec![
            srs("r-a1", Some("c-a"), january(2), &[80, 80, 80, 80]),
            srs("r-a2", Some("c-a"), january(9), &[90, 90, 90, 90]),
            srs("r-b1", Some("c-b"), january(3), &[70, 70, 70, 70]),
            srs("r-c1", Some("c-c"), january(4), &[60, 60, 60, 60]),
            srs("r-q", None, january(5), &[50, 50, 50, 50]),
        ],
        ..Store::default()
    }
}

#[test]
fn a_name_is_trimmed_short_and_plain() {
    assert_eq!(check_name("  Dana "), Ok("Dana".into()));
    assert_eq!(check_name("   "), Err(TherapistError::Empty));
    assert_eq!(
        check_name(&"x".repeat(NAME_MAX_CHARS + 1)),
        Err(TherapistError::TooLong)
    );
    assert!(check_name(&"é".repeat(NAME_MAX_CHARS)).is_ok());
    assert_eq!(check_name("Da\nna"), Err(TherapistError::Control));
}

#[test]
fn the_first_therapist_added_is_working_and_names_are_unique_whatever_their_case() {
    let mut d = DeviceTherapists::default();
    assert_eq!(d.sole(), None);
    assert_eq!(d.add(" Dana ", false), Ok("Dana".into()));
    assert_eq!(d.working().map(|t| t.name.as_str()), Some("Dana"));
    assert_eq!(d.sole(), Some("Dana"));
    assert_eq!(
        d.add("dana", true),
        Err(TherapistError::Taken("Dana".into()))
    );
    d.add("Lee", true).unwrap();
    assert_eq!(
        d.sole(),
        None,
        "two therapists: no one holds the unassigned"
    );
    assert_eq!(d.working().map(|t| t.name.as_str()), Some("Dana"));
    assert!(d.set_working("LEE"));
    assert_eq!(d.working.as_deref(), Some("Lee"));
    assert!(!d.set_working("Kim"));
    assert!(d.find("lee").unwrap().lead);
}

#[test]
fn the_stored_list_reads_back_and_damage_drops_only_the_damaged_entry() {
    let mut d = DeviceTherapists::default();
    d.add("Dana", false).unwrap();
    d.add("Lee", true).unwrap();
    d.set_working("Lee");
    assert_eq!(DeviceTherapists::decode(&d.encode()), d);
    let damaged = r#"{"list":[{"name":"Dana"},{"name":""},{"name":"dana"},{"name":"Lee","lead":true}],"working":"Kim"}"#;
    let read = DeviceTherapists::decode(damaged);
    let names: Vec<&str> = read.list.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Dana", "Lee"]);
    assert_eq!(
        read.working, None,
        "a working name not in the list is forgotten"
    );
    assert_eq!(
        DeviceTherapists::decode("not json"),
        DeviceTherapists::default()
    );
}

#[test]
fn a_session_is_held_by_its_own_record_else_by_the_clients_therapist() {
    let s = clinic();
    let a = &s.clients[0];
    let mut r = s.ratings[0].clone();
    assert_eq!(held_by(&r, Some(a)), Some("Dana"));
    r.therapist = Some("Kim".into());
    assert_eq!(held_by(&r, Some(a)), Some("Kim"));
    assert_eq!(held_by(&s.ratings[4], None), None);
    assert_eq!(holder_of_new(Some("Lee"), Some(a)), Some("Lee".into()));
    assert_eq!(holder_of_new(None, Some(a)), Some("Dana".into()));
    assert_eq!(holder_of_new(None, None), None);
}

#[test]
fn a_transfer_keeps_who_saw_each_earlier_session_and_stamps_every_change() {
    let mut s = clinic();
    let now = at("2026-02-01T09:00:00Z");
    let done = transfer(&mut s, "c-a", "Lee", None, now).unwrap();
    assert_eq!(done.from.as_deref(), Some("Dana"));
    assert_eq!(done.to, "Lee");
    assert_eq!(done.stamped, 2);
    let a = s.clients.iter().find(|c| c.id == "c-a").unwrap();
    assert_eq!(a.therapist.as_deref(), Some("Lee"));
    assert_eq!(a.updated_at, Some(now));
    for id in ["r-a1", "r-a2"] {
        let r = s.ratings.iter().find(|r| r.id == id).unwrap();
        assert_eq!(held_by(r, Some(a)), Some("Dana"), "{id} was Dana's session");
        assert_eq!(r.updated_at, Some(now));
    }
    // Others untouched.
    let b1 = s.ratings.iter().find(|r| r.id == "r-b1").unwrap();
    assert_eq!((b1.therapist.as_ref(), b1.updated_at), (None, None));
    // Nothing is lost: the same records, the same scores.
    assert_eq!(s.ratings.len(), clinic().ratings.len());
    // The transfer travels: merged with the untouched copy, the later edit wins.
    let (merged, _) = store::merge(&clinic(), &s);
    assert_eq!(merged.clients[0].therapist.as_deref(), Some("Lee"));
    assert_eq!(merged.ratings[0].therapist.as_deref(), Some("Dana"));
}

#[test]
fn a_transfer_to_the_same_therapist_or_an_unknown_client_is_refused_and_changes_nothing() {
    let mut s = clinic();
    let now = at("2026-02-01T09:00:00Z");
    assert_eq!(
        transfer(&mut s, "c-a", "dana", None, now),
        Err(TherapistError::Same("dana".into()))
    );
    assert_eq!(
        transfer(&mut s, "gone", "Lee", None, now),
        Err(TherapistError::NoClient)
    );
    assert_eq!(
        transfer(&mut s, "c-a", " ", None, now),
        Err(TherapistError::Empty)
    );
    assert_eq!(s, clinic());
    // A client with no therapist yet: nothing earlier to stamp...
    let mut before = s.clone();
    let done = transfer(&mut s, "c-c", "Lee", None, now).unwrap();
    assert_eq!((done.from, done.stamped), (None, 0));
    // ...unless the device's only therapist held them: their sessions were hers.
    let done = transfer(&mut before, "c-c", "Lee", Some("Dana"), now).unwrap();
    assert_eq!((done.from.as_deref(), done.stamped), (Some("Dana"), 1));
    let c1 = before.ratings.iter().find(|r| r.id == "r-c1").unwrap();
    assert_eq!(c1.therapist.as_deref(), Some("Dana"));
}

#[test]
fn the_first_therapist_takes_the_clients_nobody_holds() {
    let mut s = clinic();
    let now = at("2026-02-01T09:00:00Z");
    assert_eq!(adopt_unassigned(&mut s, "Dana", now), 1);
    assert_eq!(s.clients[2].therapist.as_deref(), Some("Dana"));
    assert_eq!(s.clients[1].therapist.as_deref(), Some("Lee"));
    assert_eq!(adopt_unassigned(&mut s, "Dana", now), 0);
}

#[test]
fn the_records_name_each_therapist_once() {
    let mut s = clinic();
    s.ratings[0].therapist = Some("dana".into());
    s.ratings[1].therapist = Some("Kim".into());
    assert_eq!(named_in(&s), ["Dana", "Kim", "Lee"]);
}

#[test]
fn a_scope_holds_its_therapists_clients_and_the_sole_therapist_holds_the_unassigned() {
    let s = clinic();
    let dana = Scope::Of("Dana".into());
    let ids = |st: &Store| st.clients.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    let mine = scope::narrow(&s, &dana, None);
    assert_eq!(ids(&mine), ["c-a"]);
    let ratings: Vec<&str> = mine.ratings.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ratings,
        ["r-a1", "r-a2", "r-q"],
        "unsorted ratings wait in every scope"
    );
    // With Dana the device's only therapist, the client nobody holds is hers.
    assert_eq!(ids(&scope::narrow(&s, &dana, Some("Dana"))), ["c-a", "c-c"]);
    assert_eq!(
        ids(&scope::narrow(&s, &Scope::All, None)),
        ["c-a", "c-b", "c-c"]
    );
    assert!(matches!(
        scope::narrow(&s, &Scope::All, None),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn my_alliance_reads_the_sessions_i_held_even_after_the_client_moved_on() {
    let mut s = clinic();
    transfer(&mut s, "c-a", "Lee", None, at("2026-02-01T09:00:00Z")).unwrap();
    let held = |name: &str| -> Vec<String> {
        let h = scope::HeldIn::new(&s, &Scope::Of(name.into()), None);
        s.ratings
            .iter()
            .filter(|r| h.rating(r))
            .map(|r| r.id.clone())
            .collect()
    };
    assert_eq!(held("Dana"), ["r-a1", "r-a2"]);
    assert_eq!(
        held("Lee"),
        ["r-b1"],
        "the transferred client's earlier sessions stay Dana's"
    );
    let all = scope::HeldIn::new(&s, &Scope::All, None);
    assert_eq!(s.ratings.iter().filter(|r| all.rating(r)).count(), 5);
    // But the caseload is Lee's now.
    let lee_now = scope::narrow(&s, &Scope::Of("Lee".into()), None);
    assert!(lee_now.clients.iter().any(|c| c.id == "c-a"));
}

#[test]
fn a_session_is_numbered_over_the_clients_whole_history_whoever_held_the_ones_before() {
    use attune::domain::caseload::alliance::{my_alliance_held, Held, Period};
    use attune::domain::measures::scale::ScaleDefinition;
    // Twenty clients, each seen first by Dana, then by Lee after a transfer.
    let mut s = Store::default();
    for i in 0..20 {
        let id = format!("c-{i}");
        let mut c = client(&id, &format!("C{i}"), january(1));
        c.therapist = Some("Dana".into());
        s.clients.push(c);
        s.ratings.push(srs(
            &format!("d-{i}"),
            Some(&id),
            january(2),
            &[90, 90, 90, 90],
        ));
    }
    for i in 0..20 {
        transfer(&mut s, &format!("c-{i}"), "Lee", None, january(3)).unwrap();
        s.ratings.push(srs(
            &format!("l-{i}"),
            Some(&format!("c-{i}")),
            january(9),
            &[80, 80, 80, 80],
        ));
    }
    let lee = scope::HeldIn::new(&s, &Scope::Of("Lee".into()), None);
    let m = my_alliance_held(
        &s,
        &s.unrated,
        &ScaleDefinition::builtin(),
        (Period::Last3Months, january(20), 0),
        Held {
            rating: &|r| lee.rating(r),
            unrated: &|u| lee.unrated(u),
        },
        attune::domain::words::Words::EN,
    );
    assert_eq!(m.sessions, 20, "Lee's own sessions only");
    assert_eq!(
        m.first_sessions.value(),
        None,
        "none of Lee's sessions was a client's first"
    );
    assert!(
        m.second_sessions.value().is_some(),
        "each was the client's second"
    );
}
#[test]
fn the_picker_offers_each_therapist_then_all_and_hides_for_one_caseload() {
    let mut d = DeviceTherapists::default();
    let mut s = clinic();
    s.clients.iter_mut().for_each(|c| c.therapist = None);
    assert!(scope::choices(&d, &s).is_empty());
    d.add("Dana", false).unwrap();
    assert!(
        scope::choices(&d, &s).is_empty(),
        "one therapist: no choice"
    );
    assert_eq!(Scope::default_for(&d), Scope::Of("Dana".into()));
    let both = scope::choices(&d, &clinic());
    let labels: Vec<String> = both
        .iter()
        .map(|s| s.label(attune::domain::words::Words::EN))
        .collect();
    assert_eq!(labels, ["Dana", "Lee", "All therapists"]);
    for sc in &both {
        assert_eq!(&Scope::from_key(&sc.key()), sc);
    }
    assert_eq!(Scope::default_for(&DeviceTherapists::default()), Scope::All);
}

#[test]
fn an_older_tab_never_clears_a_therapist() {
    assert_eq!(since(Field::Therapist), 6);
    assert!(!knows(5, Field::Therapist));
    let s = clinic();
    let ours = s.clients[0].clone();
    let mut theirs = ours.clone();
    theirs.therapist = None;
    theirs.label = "AB".into();
    fill_client(&mut theirs, &ours, 5);
    assert_eq!(theirs.therapist.as_deref(), Some("Dana"));
    assert_eq!(theirs.label, "AB", "what the older copy wrote stays");
    let mut ours_r = s.ratings[0].clone();
    ours_r.therapist = Some("Dana".into());
    let mut theirs_r = s.ratings[0].clone();
    fill_rating(&mut theirs_r, &ours_r, 5);
    assert_eq!(theirs_r.therapist.as_deref(), Some("Dana"));
}

#[test]
fn a_version_6_document_keeps_therapists_through_encode_and_decode() {
    let mut s = clinic();
    s.ratings[0].therapist = Some("Dana".into());
    let text = store::encode(&s);
    assert!(text.starts_with(&format!(
        r#"{{"schema":"attune","version":{},"#,
        store::CURRENT_VERSION
    )));
    let back = store::decode(&text).unwrap();
    assert_eq!(back.store, s);
    assert!(!back.migrated());
}

// --- Each therapist's own PIN ------------------------------------------

use attune::domain::device::therapists::Key;
use attune::domain::security::pin::{PinRecord, ITERATIONS};

fn pin(byte: u8) -> PinRecord {
    PinRecord::new([byte; 16], ITERATIONS, [byte; 32])
}

fn keys(d: &DeviceTherapists, device: Option<&PinRecord>) -> Vec<Key> {
    d.keys_for_unlock(device)
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

#[test]
fn a_hand_over_opens_with_the_device_pin_its_therapists_own_or_a_leads_never_anothers() {
    let mut d = DeviceTherapists::default();
    d.add("Dana", false).unwrap();
    d.add("Lee", false).unwrap();
    d.add("Kim", true).unwrap();
    // No therapist PIN yet: the device PIN alone, as before.
    assert_eq!(keys(&d, Some(&pin(1))), [Key::Device]);
    assert!(d.set_pin("dana", pin(2)));
    assert!(d.set_pin("Lee", pin(3)));
    assert!(d.set_pin("Kim", pin(4)));
    assert!(!d.set_pin("Sam", pin(5)));
    // Dana handed it over (she was working): her PIN or the lead's, never Lee's.
    let t = |n: &str| Key::Therapist(n.into());
    assert_eq!(keys(&d, Some(&pin(1))), [Key::Device, t("Dana"), t("Kim")]);
    let records = d.keys_for_unlock(None);
    assert_eq!(
        records[0],
        (t("Dana"), pin(2)),
        "each key with its own record"
    );
    d.set_working("Lee");
    assert_eq!(keys(&d, None), [t("Lee"), t("Kim")]);
    // The lead handed it over: the lead's PIN once.
    d.set_working("Kim");
    assert_eq!(keys(&d, None), [t("Kim")]);
}

#[test]
fn opening_with_a_therapists_pin_makes_them_the_one_working() {
    let mut d = DeviceTherapists::default();
    d.add("Dana", false).unwrap();
    d.add("Kim", true).unwrap();
    d.opened_with(&Key::Therapist("Kim".into()));
    assert_eq!(d.working.as_deref(), Some("Kim"));
    d.opened_with(&Key::Device);
    assert_eq!(
        d.working.as_deref(),
        Some("Kim"),
        "the device PIN changes nobody"
    );
}

#[test]
fn pins_are_stored_hashed_and_a_damaged_one_opens_nothing() {
    let mut d = DeviceTherapists::default();
    d.add("Dana", false).unwrap();
    d.set_pin("Dana", pin(2));
    let text = d.encode();
    assert!(!text.contains("2468"));
    assert_eq!(DeviceTherapists::decode(&text), d);
    let damaged = text.replace("\"iterations\":600000", "\"iterations\":5");
    assert_ne!(damaged, text);
    let read = DeviceTherapists::decode(&damaged);
    assert_eq!(read.list[0].pin, None);
    assert_eq!(read.list[0].name, "Dana", "the therapist stays");
}

#[test]
fn the_spreadsheet_says_who_held_each_session_in_its_own_column() {
    use attune::domain::export::csv;
    use attune::domain::measures::scale::Scales;
    let mut s = clinic();
    transfer(&mut s, "c-a", "Lee", None, at("2026-02-01T09:00:00Z")).unwrap();
    let text = csv(&s, &Scales::builtin());
    let rows: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    // Before the wording's column, the last since version 7.
    assert!(rows[0].ends_with(",therapist_response,therapist,wording"));
    let last = |label: &str| -> Vec<String> {
        rows.iter()
            .filter(|r| r.starts_with(&format!("{label},")))
            .map(|r| r.rsplit(',').nth(1).unwrap().to_string())
            .collect()
    };
    assert_eq!(
        last("AA"),
        ["Dana", "Dana"],
        "sessions Dana held, though AA is Lee's now"
    );
    assert_eq!(last("BB"), ["Lee"]);
    assert_eq!(last("CC"), [""], "no therapist named");
}

#[test]
fn a_merge_never_clears_a_therapist_a_later_copy_did_not_know_about() {
    let mut ours = clinic();
    ours.ratings[0].therapist = Some("Dana".into());
    // A copy from a device (or a backup) that names no therapists, edited later.
    let mut theirs = clinic();
    theirs.clients.iter_mut().for_each(|c| c.therapist = None);
    theirs.clients[0].label = "AZ".into();
    theirs.clients[0].updated_at = Some(at("2026-03-01T10:00:00Z"));
    theirs.ratings[0].note = Some(Default::default());
    theirs.ratings[0].updated_at = Some(at("2026-03-01T10:00:00Z"));
    let (merged, _) = store::merge(&ours, &theirs);
    assert_eq!(merged.clients[0].label, "AZ", "the later edit is taken");
    assert_eq!(merged.clients[0].therapist.as_deref(), Some("Dana"));
    assert_eq!(merged.ratings[0].therapist.as_deref(), Some("Dana"));
    assert!(merged.ratings[0].note.is_some());
    // A transfer (a later copy naming another therapist) still moves the client.
    let mut moved = ours.clone();
    transfer(&mut moved, "c-a", "Lee", None, at("2026-03-02T10:00:00Z")).unwrap();
    let (merged, _) = store::merge(&ours, &moved);
    assert_eq!(merged.clients[0].therapist.as_deref(), Some("Lee"));
}

#[test]
fn two_therapists_clients_with_the_same_label_are_two_people_never_merged() {
    use attune::domain::records::clients::EditError;
    use attune::domain::records::duplicates::{duplicate_groups, merge_clients};
    let mut s = clinic();
    let mut twin = client("c-a2", "aa", january(3));
    twin.therapist = Some("Lee".into());
    s.clients.push(twin);
    assert!(duplicate_groups(&s).is_empty(), "Dana's AA and Lee's aa");
    assert_eq!(
        merge_clients(&mut s, "c-a", "c-a2", at("2026-02-01T09:00:00Z")),
        Err(EditError::MergeDiffers)
    );
    // The same therapist's two AA records are still offered for merging.
    s.clients[3].therapist = Some("dana".into());
    assert_eq!(duplicate_groups(&s).len(), 1);
}

#[test]
fn a_malformed_field_costs_its_own_entry_alone() {
    let text = r#"{"list":[{"name":"Dana","lead":"yes"},{"name":"Lee","pin":{"algorithm":"x"}},{"name":"Kim","lead":true}],"working":"Kim"}"#;
    let read = DeviceTherapists::decode(text);
    let names: Vec<&str> = read.list.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Kim"]);
    assert_eq!(read.working.as_deref(), Some("Kim"));
    assert!(read.list[0].lead);
}

#[test]
fn a_refused_name_or_transfer_is_said_in_the_page_language() {
    use attune::domain::words::{Lang, Words};
    let es = Words::new(Lang::Es);
    for e in [
        TherapistError::Empty,
        TherapistError::TooLong,
        TherapistError::Control,
        TherapistError::Taken("Dana".into()),
        TherapistError::NoClient,
        TherapistError::Same("Dana".into()),
    ] {
        assert_eq!(e.words(Words::EN), e.to_string());
        assert_ne!(e.words(es), e.to_string());
    }
    assert_eq!(
        TherapistError::Same("Dana".into()).words(es),
        "Este cliente ya está entre los casos a cargo de Dana."
    );
}
