//! The import plan: stored scores are never replaced, labels follow the
//! form's rules, refusals are listed with reasons, the file's bytes are read
//! strictly, and nothing says "Imported" before a verified write.

use attune::domain::export::{
    apply, backup_json, changes_anything, decode_import_bytes, differing_store, import_plan,
    read_backup, result_message, summary, ImportPlan, ImportTextError, LabelChange, Unassigned,
};
use attune::domain::measures::kinds::AgeGroup;
use attune::domain::measures::kinds::{MeasureKind, RaterRef};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::Scales;
use attune::domain::measures::score::Tenths;
use attune::domain::records::store::{validate, Client, Store};
use attune::domain::words::{Lang, Words};

mod common;
use common::at;

const V2: &str = include_str!("fixtures/v2.json");
const V4: &str = include_str!("fixtures/v4.json");
const V5: &str = include_str!("fixtures/v5.json");

fn scales() -> Scales {
    Scales::builtin()
}

fn client(id: &str, label: &str) -> Client {
    common::client(id, label, at("2026-01-01T09:00:00Z"))
}

fn rating(id: &str, client: Option<&str>, scores: &[u16]) -> Rating {
    common::srs(id, client, at("2026-03-01T10:00:00Z"), scores)
}

const S: &[u16] = &[90, 80, 70, 60];

fn stored() -> Store {
    Store {
        clients: vec![client("c1", "JD")],
        ratings: vec![rating("r1", Some("c1"), S)],
        last_backup_at: Some(at("2026-02-01T00:00:00Z")),
        unrated: Vec::new(),
        episode_ends: Vec::new(),
    }
}

// ---- bytes to text ----

#[test]
fn utf8_with_or_without_a_mark_reads_unchanged() {
    assert_eq!(
        decode_import_bytes("{\"a\":\"Zoé\"}".as_bytes()).unwrap(),
        "{\"a\":\"Zoé\"}"
    );
    let mut marked = vec![0xEF, 0xBB, 0xBF];
    marked.extend_from_slice("Zoé".as_bytes());
    assert_eq!(decode_import_bytes(&marked).unwrap(), "Zoé");
}

#[test]
fn utf16_with_a_mark_reads_in_both_byte_orders() {
    let text = "{\"label\":\"Zoé 𝄞\"}";
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    assert_eq!(decode_import_bytes(&le).unwrap(), text);
    assert_eq!(decode_import_bytes(&be).unwrap(), text);
}

#[test]
fn latin1_and_other_unreadable_bytes_are_refused_not_altered() {
    // "café" saved as Latin-1: é is the single byte 0xE9.
    let err = decode_import_bytes(b"caf\xe9").unwrap_err();
    assert_eq!(err, ImportTextError::NotUtf8 { at: 3 });
    assert!(err.to_string().contains("not UTF-8"), "{err}");
    assert_eq!(
        decode_import_bytes(b"\xEF\xBB\xBFcaf\xe9"),
        Err(ImportTextError::NotUtf8 { at: 6 }),
        "the offset counts the mark"
    );
    assert_eq!(decode_import_bytes(b""), Err(ImportTextError::Empty));
    assert_eq!(
        decode_import_bytes(b"\xEF\xBB\xBF"),
        Err(ImportTextError::Empty)
    );
    assert_eq!(
        decode_import_bytes(b"\xFF\xFE"),
        Err(ImportTextError::Empty)
    );
    assert_eq!(
        decode_import_bytes(b"{\0\"\0"),
        Err(ImportTextError::UnmarkedWide)
    );
    assert_eq!(
        decode_import_bytes(b"\xFF\xFE\0\0{\0\0\0"),
        Err(ImportTextError::Utf32)
    );
    assert_eq!(
        decode_import_bytes(b"\0\0\xFE\xFF\0\0\0{"),
        Err(ImportTextError::Utf32)
    );
    assert_eq!(
        decode_import_bytes(b"\xFF\xFE{\0\""),
        Err(ImportTextError::BadUtf16 { at: 1 }),
        "odd length"
    );
    // "a" then a lone high surrogate then "b".
    assert_eq!(
        decode_import_bytes(b"\xFF\xFEa\0\x00\xD8b\0"),
        Err(ImportTextError::BadUtf16 { at: 1 })
    );
}

#[test]
fn a_utf16_backup_reads_like_the_utf8_one() {
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(V2.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let text = decode_import_bytes(&bytes).unwrap();
    assert_eq!(read_backup(&text).unwrap(), read_backup(V2).unwrap());
}

// ---- the plan ----

#[test]
fn new_records_are_added_and_identical_ones_counted() {
    let mut file = stored();
    file.clients.push(client("c2", "  MK "));
    file.ratings.push(rating("r2", Some("c2"), S));
    file.ratings.push(rating("r3", None, S));
    file.last_backup_at = Some(at("2026-05-01T00:00:00Z"));
    let plan = import_plan(&stored(), &file, &scales(), Words::EN);
    assert_eq!(plan.already_present, 1);
    assert_eq!(plan.new_clients.len(), 1);
    assert_eq!(plan.new_clients[0].label, "MK", "trimmed like the form");
    let ids: Vec<&str> = plan.new_ratings.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["r2", "r3"]);
    assert!(plan.refused.is_empty() && plan.unassigned.is_empty());
    let out = apply(&plan, &stored(), false, at("2026-06-01T00:00:00Z"));
    assert_eq!(out.ratings.len(), 3);
    assert_eq!(out.clients[1].label, "MK");
    assert_eq!(
        out.last_backup_at,
        stored().last_backup_at,
        "an import is not a backup"
    );
    assert_eq!(validate(&out), Ok(()));
}

#[test]
fn a_stored_rating_is_never_replaced_and_the_differing_copy_is_listed() {
    let mut file = stored();
    file.ratings[0].scores = vec![Tenths::new(10).unwrap(); 4];
    file.ratings[0].updated_at = Some(at("2030-01-01T00:00:00Z"));
    let plan = import_plan(&stored(), &file, &scales(), Words::EN);
    assert_eq!(plan.differing, vec![file.ratings[0].clone()]);
    assert_eq!((plan.already_present, plan.new_ratings.len()), (0, 0));
    assert_eq!(
        apply(&plan, &stored(), true, at("2030-02-01T00:00:00Z")),
        stored()
    );
    assert!(summary(&plan, Words::EN)
        .contains(&"1 rating differs from the stored one; the stored one is kept.".to_string()));
    // The differing copies download as a readable store of their own.
    let d = differing_store(&plan, &file);
    assert_eq!(d.ratings, plan.differing);
    assert_eq!(d.clients, vec![client("c1", "JD")]);
    assert_eq!(validate(&d), Ok(()));
    let text = backup_json(&d, at("2030-02-01T00:00:00Z"));
    assert_eq!(read_backup(&text).unwrap().store, d);
    // Another recording time or line is also another record.
    let mut file = stored();
    file.ratings[0].recorded_at = at("2026-03-01T10:00:01Z");
    assert_eq!(
        import_plan(&stored(), &file, &scales(), Words::EN)
            .differing
            .len(),
        1
    );
}

#[test]
fn a_later_edit_of_client_or_date_is_applied_an_older_one_is_not() {
    let mut file = stored();
    file.clients.push(client("c2", "MK"));
    file.ratings[0].client_id = Some("c2".into());
    file.ratings[0].session_at = at("2026-02-28T10:00:00Z");
    file.ratings[0].updated_at = Some(at("2026-03-05T00:00:00Z"));
    let plan = import_plan(&stored(), &file, &scales(), Words::EN);
    assert_eq!(plan.edited.len(), 1);
    let out = apply(&plan, &stored(), false, at("2026-06-01T00:00:00Z"));
    assert_eq!(out.ratings[0].client_id.as_deref(), Some("c2"));
    assert_eq!(out.ratings[0].scores, stored().ratings[0].scores);
    assert_eq!(validate(&out), Ok(()));

    let mut newer_stored = stored();
    newer_stored.ratings[0].updated_at = Some(at("2026-04-01T00:00:00Z"));
    let plan = import_plan(&newer_stored, &file, &scales(), Words::EN);
    assert!(plan.edited.is_empty());
    assert_eq!(plan.already_present, 1);
}

#[test]
fn an_edit_to_a_refused_client_is_refused_not_half_applied() {
    let mut file = stored();
    file.clients.push(client("c2", "Jane Doe"));
    file.ratings[0].client_id = Some("c2".into());
    file.ratings[0].updated_at = Some(at("2026-03-05T00:00:00Z"));
    let plan = import_plan(&stored(), &file, &scales(), Words::EN);
    assert!(plan.edited.is_empty());
    assert_eq!(plan.already_present, 1);
    assert!(plan.refused.iter().any(|r| r.what == "Change to rating r1"));
    assert_eq!(
        apply(&plan, &stored(), true, at("2026-06-01T00:00:00Z")),
        stored()
    );
}

#[test]
fn ratings_with_the_wrong_score_count_are_refused_with_a_reason() {
    let mut file = Store::default();
    file.ratings.push(rating("short", None, &[90, 90, 90]));
    file.ratings
        .push(rating("long", None, &[90, 90, 90, 90, 90]));
    file.ratings.push(rating("ok", None, S));
    let plan = import_plan(&stored(), &file, &scales(), Words::EN);
    assert_eq!(plan.new_ratings.len(), 1);
    assert_eq!(plan.refused.len(), 2);
    assert_eq!(plan.refused[0].what, "Rating short");
    assert_eq!(
        plan.refused[0].reason,
        format!("It has 3 scores; {} has 4 items.", scales().srs.name)
    );
}

#[test]
fn refused_labels_keep_their_ratings_unassigned_and_listed() {
    let mut file = Store::default();
    file.clients.push(client("n1", "Jane Doe"));
    file.clients.push(client("n2", "jd"));
    file.clients.push(client("n3", "ABCDEFGHIJKLMNOPQ"));
    file.clients.push(client("n4", "AB"));
    file.clients.push(client("n5", "ab"));
    file.ratings.push(rating("a", Some("n1"), S));
    file.ratings.push(rating("b", Some("n2"), S));
    file.ratings.push(rating("c", Some("n5"), S));
    file.ratings.push(rating("d", Some("n4"), S));
    let plan = import_plan(&stored(), &file, &scales(), Words::EN);
    let labels: Vec<&str> = plan.new_clients.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["AB"], "the first of two clashing labels is kept");
    let refused: Vec<&str> = plan.refused.iter().map(|r| r.what.as_str()).collect();
    assert_eq!(
        refused,
        [
            "Client \u{201c}Jane Doe\u{201d}",
            "Client \u{201c}jd\u{201d}",
            "Client \u{201c}ABCDEFGHIJKLMNOPQ\u{201d}",
            "Client \u{201c}ab\u{201d}"
        ]
    );
    assert!(plan.refused[0]
        .reason
        .starts_with("This looks like a full name."));
    assert!(plan.refused[1].reason.contains("already uses"));
    assert!(plan.refused[2].reason.starts_with("Keep it short"));
    assert!(plan
        .refused
        .iter()
        .all(|r| r.reason.ends_with("imported without a client.")));
    assert_eq!(
        plan.unassigned,
        vec![
            Unassigned {
                rating_id: "a".into(),
                reason: "Its client \u{201c}Jane Doe\u{201d} was not imported.".into()
            },
            Unassigned {
                rating_id: "b".into(),
                reason: "Its client \u{201c}jd\u{201d} was not imported.".into()
            },
            Unassigned {
                rating_id: "c".into(),
                reason: "Its client \u{201c}ab\u{201d} was not imported.".into()
            },
        ]
    );
    let out = apply(&plan, &stored(), true, at("2026-06-01T00:00:00Z"));
    assert_eq!(out.ratings.len(), 5, "no rating dropped");
    assert_eq!(validate(&out), Ok(()));
    let d = out.ratings.iter().find(|r| r.id == "d").unwrap();
    assert_eq!(d.client_id.as_deref(), Some("n4"));
}

#[test]
fn ratings_of_a_client_missing_from_the_file_are_kept_unassigned() {
    // An unchecked store (read_backup would refuse it): still nothing dropped.
    let mut file = Store::default();
    file.ratings.push(rating("x", Some("ghost"), S));
    let plan = import_plan(&stored(), &file, &scales(), Words::EN);
    assert_eq!(plan.new_ratings[0].client_id, None);
    assert_eq!(plan.unassigned[0].reason, "Its client is not in the file.");
}

#[test]
fn duplicates_inside_the_file_are_refused() {
    let mut file = Store::default();
    file.clients.push(client("n1", "AB"));
    file.clients.push(client("n1", "CD"));
    file.ratings.push(rating("x", None, S));
    file.ratings.push(rating("x", None, &[1, 2, 3, 4]));
    let plan = import_plan(&stored(), &file, &scales(), Words::EN);
    assert_eq!(plan.new_clients.len(), 1);
    assert_eq!(plan.new_ratings.len(), 1);
    assert_eq!(plan.new_ratings[0].scores, rating("x", None, S).scores);
    assert_eq!(plan.refused.len(), 2);
    assert!(plan
        .refused
        .iter()
        .all(|r| r.reason == "It appears twice in the file."));
}

#[test]
fn label_changes_apply_only_when_confirmed() {
    let mut file = stored();
    file.clients[0].label = " JM ".into();
    let plan = import_plan(&stored(), &file, &scales(), Words::EN);
    assert_eq!(
        plan.label_changes,
        vec![LabelChange {
            client_id: "c1".into(),
            stored: "JD".into(),
            incoming: "JM".into()
        }]
    );
    let now = at("2026-06-01T00:00:00Z");
    assert_eq!(apply(&plan, &stored(), false, now), stored());
    let out = apply(&plan, &stored(), true, now);
    assert_eq!(out.clients[0].label, "JM");
    assert_eq!(
        out.clients[0].updated_at,
        Some(now),
        "stamped so a merge keeps it"
    );
    assert!(changes_anything(&plan, true) && !changes_anything(&plan, false));
    // The same label with other spacing is no change.
    let mut file = stored();
    file.clients[0].label = "JD ".into();
    assert_eq!(
        import_plan(&stored(), &file, &scales(), Words::EN),
        ImportPlan {
            already_present: 1,
            ..ImportPlan::default()
        }
    );
}

#[test]
fn a_label_change_to_a_bad_or_taken_label_is_refused_and_the_stored_one_kept() {
    let mut base = stored();
    base.clients.push(client("c2", "MK"));
    let mut file = base.clone();
    file.clients[0].label = "Jane Doe".into();
    file.clients[1].label = "mk2".into();
    file.clients.push(client("c3", "MK2"));
    let plan = import_plan(&base, &file, &scales(), Words::EN);
    assert_eq!(plan.label_changes.len(), 1, "c2 → mk2 accepted");
    assert_eq!(plan.refused.len(), 2);
    assert_eq!(
        plan.refused[0].what,
        "New label \u{201c}Jane Doe\u{201d} for client \u{201c}JD\u{201d}"
    );
    assert!(plan.refused[0]
        .reason
        .ends_with("The stored label is kept."));
    assert_eq!(
        plan.refused[1].what, "Client \u{201c}MK2\u{201d}",
        "clashes with the accepted change"
    );
}

#[test]
fn apply_never_overwrites_records_added_since_the_plan() {
    let mut file = Store::default();
    file.clients.push(client("n1", "AB"));
    file.ratings.push(rating("x", Some("n1"), S));
    let plan = import_plan(&stored(), &file, &scales(), Words::EN);
    let mut meanwhile = stored();
    meanwhile.clients.push(client("n1", "ZZ"));
    meanwhile
        .ratings
        .push(rating("x", Some("n1"), &[1, 1, 1, 1]));
    let out = apply(&plan, &meanwhile, false, at("2026-06-01T00:00:00Z"));
    assert_eq!(out, meanwhile);
}

// ---- words ----

fn mixed_file() -> Store {
    let mut file = stored();
    file.clients.push(client("c2", "MK"));
    file.clients[0].label = "JM".into();
    file.ratings.push(rating("r2", Some("c2"), S));
    file.ratings.push(rating("r3", None, S));
    file.ratings[0].scores = vec![Tenths::new(5).unwrap(); 4];
    file
}

fn mixed_plan() -> ImportPlan {
    import_plan(&stored(), &mixed_file(), &scales(), Words::EN)
}

#[test]
fn the_preview_names_every_kind_of_change() {
    let lines = summary(&mixed_plan(), Words::EN);
    assert_eq!(
        lines,
        [
            "This file holds 2 new ratings and 1 new client; 0 ratings are already stored.",
            "1 rating differs from the stored one; the stored one is kept.",
            "1 client has another label in the file (\u{201c}JD\u{201d} \u{2192} \u{201c}JM\u{201d}); labels change only if you confirm.",
        ]
    );
    assert!(lines.iter().all(|l| !l.contains("Imported")));
    assert_eq!(
        summary(&ImportPlan::default(), Words::EN),
        ["Nothing in this file is new."]
    );
}

#[test]
fn the_preview_and_the_result_are_said_in_the_page_language() {
    let es = Words::new(Lang::Es);
    let plan = import_plan(&stored(), &mixed_file(), &scales(), es);
    assert_eq!(
        summary(&plan, es),
        [
            "Este archivo contiene 2 valoraciones nuevas y 1 cliente nuevo; 0 valoraciones ya están guardadas.",
            "1 valoración difiere de la guardada; se conserva la guardada.",
            "1 cliente tiene otra etiqueta en el archivo (\u{201c}JD\u{201d} \u{2192} \u{201c}JM\u{201d}); las etiquetas cambian solo si usted lo confirma.",
        ]
    );
    assert_eq!(
        result_message(&plan, false, Ok(()), es),
        "Importación realizada: 2 valoraciones nuevas y 1 cliente nuevo. 1 etiqueta guardada se conserva. 1 valoración difiere de la guardada; se conserva la guardada."
    );
    // The storage's reason in the same language, read as one clause.
    let full = attune::storage::StorageError::Quota.words(es);
    assert_eq!(
        result_message(&plan, true, Err(full), es),
        "No se importó nada: el almacenamiento del navegador para Attune está lleno. Los datos guardados no cambiaron."
    );
    // A refusal's reason too: a client's label refused in Spanish.
    let mut file = stored();
    file.clients.push(client("c9", ""));
    let refused = import_plan(&stored(), &file, &scales(), es);
    assert_eq!(
        refused.refused[0].reason,
        "Escriba iniciales o un código corto. Sus valoraciones se importan sin cliente."
    );
    // The English is unchanged.
    assert_eq!(summary(&plan, Words::EN), summary(&mixed_plan(), Words::EN));
}

#[test]
fn imported_is_said_only_after_a_successful_write() {
    let plan = mixed_plan();
    let failed = result_message(
        &plan,
        true,
        Err("the browser's storage for Attune is full".into()),
        Words::EN,
    );
    assert_eq!(
        failed,
        "Nothing was imported: the browser's storage for Attune is full. The stored data is unchanged."
    );
    // A reason given as a whole sentence reads as one clause, with one stop.
    assert_eq!(
        result_message(
            &plan,
            true,
            Err("The stored data is read-only.".into()),
            Words::EN
        ),
        "Nothing was imported: the stored data is read-only. The stored data is unchanged."
    );
    assert_eq!(
        result_message(&plan, true, Ok(()), Words::EN),
        "Imported 2 new ratings and 1 new client. 1 client renamed. 1 rating differs from the stored one; the stored one is kept."
    );
    assert_eq!(
        result_message(&plan, false, Ok(()), Words::EN),
        "Imported 2 new ratings and 1 new client. 1 stored label kept. 1 rating differs from the stored one; the stored one is kept."
    );
    let nothing = ImportPlan {
        already_present: 3,
        ..ImportPlan::default()
    };
    assert_eq!(
        result_message(&nothing, true, Ok(()), Words::EN),
        "Nothing new to import; the stored data is unchanged."
    );
    let refused = import_plan(
        &stored(),
        &Store {
            ratings: vec![rating("s", None, &[1])],
            ..Store::default()
        },
        &scales(),
        Words::EN,
    );
    let text = result_message(&refused, false, Ok(()), Words::EN);
    assert!(text.starts_with("Nothing new to import"), "{text}");
    assert!(
        text.contains("Not imported: Rating s. It has 1 score;"),
        "{text}"
    );
}

// ---- both measures ----

fn ors(id: &str, client: Option<&str>, scores: &[u16]) -> Rating {
    Rating {
        measure: MeasureKind::Ors,
        scale_id: "ors-attune".into(),
        ..rating(id, client, scores)
    }
}

#[test]
fn each_measure_is_checked_against_its_own_scale() {
    // An ORS definition with three lines, so the two scales differ in length.
    let mut three = scales();
    three.ors.items.pop();
    let mut file = Store::default();
    file.ratings.push(ors("o-3", None, &[50, 60, 70]));
    file.ratings.push(ors("o-4", None, S));
    file.ratings.push(rating("r-4", None, S));
    file.ratings.push(rating("r-3", None, &[50, 60, 70]));
    let plan = import_plan(&stored(), &file, &three, Words::EN);
    let ids: Vec<&str> = plan.new_ratings.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["o-3", "r-4"]);
    let refused: Vec<(&str, &str)> = plan
        .refused
        .iter()
        .map(|r| (r.what.as_str(), r.reason.as_str()))
        .collect();
    let (ors_reason, srs_reason) = (
        format!("It has 4 scores; {} has 3 items.", three.ors.name),
        format!("It has 3 scores; {} has 4 items.", three.srs.name),
    );
    assert_eq!(
        refused,
        [
            ("ORS rating o-4", ors_reason.as_str()),
            ("Rating r-3", srs_reason.as_str())
        ]
    );
    let lines = summary(&plan, Words::EN);
    assert_eq!(
        lines[0],
        "This file holds 2 new ratings (1 ORS, 1 SRS); 0 ratings are already stored."
    );
    assert!(lines.contains(&format!("Not imported: ORS rating o-4. {ors_reason}")));
    assert!(lines.contains(&format!("Not imported: Rating r-3. {srs_reason}")));
}

#[test]
fn a_backup_with_sessions_both_measures_raters_and_age_groups_imports_whole() {
    let backup = read_backup(V5).unwrap();
    assert_eq!(backup.from_version, 5);
    let plan = import_plan(&Store::default(), &backup.store, &scales(), Words::EN);
    assert!(plan.refused.is_empty() && plan.unassigned.is_empty());
    assert_eq!(
        summary(&plan, Words::EN),
        ["This file holds 4 new ratings (2 ORS, 2 SRS), 2 new clients and 1 session without a rating; 0 ratings are already stored."]
    );
    let out = apply(&plan, &Store::default(), false, at("2026-06-01T00:00:00Z"));
    assert_eq!(
        out, backup.store,
        "measures, sessions, raters, age groups and notes intact"
    );
    assert_eq!(validate(&out), Ok(()));
    let teen = out.clients.iter().find(|c| c.label == "Teen K").unwrap();
    assert_eq!(teen.age_group, AgeGroup::Adolescent);
    let by_mum = out.ratings.iter().find(|r| r.id == "o-2").unwrap();
    assert_eq!(
        (by_mum.measure, by_mum.session_key()),
        (MeasureKind::Ors, "s-2")
    );
    assert_eq!(
        by_mum.rater,
        RaterRef::Collateral {
            id: "p1".into(),
            label: "Mum".into()
        }
    );
    assert_eq!(
        result_message(&plan, false, Ok(()), Words::EN),
        "Imported 4 new ratings (2 ORS, 2 SRS) and 2 new clients."
    );
    // The same file again adds nothing, through a backup of the result.
    let again = read_backup(&backup_json(&out, at("2026-06-02T00:00:00Z"))).unwrap();
    let plan = import_plan(&out, &again.store, &scales(), Words::EN);
    assert_eq!(plan.already_present, 4);
    assert_eq!(
        summary(&plan, Words::EN),
        ["This file holds 0 new ratings; 4 ratings are already stored."]
    );
}

#[test]
fn a_backup_from_version_4_still_imports() {
    let backup = read_backup(V4).unwrap();
    assert_eq!(backup.from_version, 4);
    // Into an empty device: one SRS session of its own, its client and both logged sessions.
    let plan = import_plan(&Store::default(), &backup.store, &scales(), Words::EN);
    assert_eq!(
        summary(&plan, Words::EN),
        ["This file holds 1 new rating, 1 new client and 2 sessions without a rating; 0 ratings are already stored."],
        "an SRS-only file reads as before"
    );
    assert_eq!(plan.new_unrated.len(), 2);
    let out = apply(&plan, &Store::default(), false, at("2026-06-01T00:00:00Z"));
    assert_eq!(out, backup.store);
    assert!(out.ratings[0].is_own_srs());
    assert_eq!(out.ratings[0].session_key(), out.ratings[0].id);
    // Into a device already on version 5 with ORS sessions: the old rating
    // joins them, nothing stored changes.
    let v5 = read_backup(V5).unwrap().store;
    let plan = import_plan(&v5, &backup.store, &scales(), Words::EN);
    assert!(plan.new_clients.is_empty() && plan.refused.is_empty());
    let ids: Vec<&str> = plan.new_unrated.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["u-2"], "u-1 is already stored");
    assert_eq!(
        summary(&plan, Words::EN),
        ["This file holds 1 new rating and 1 session without a rating; 0 ratings are already stored."]
    );
    let out = apply(&plan, &v5, false, at("2026-06-01T00:00:00Z"));
    assert_eq!(validate(&out), Ok(()));
    assert_eq!(out.ratings[..4], v5.ratings[..]);
    assert_eq!(out.ratings[4], backup.store.ratings[0]);
}

#[test]
fn a_copy_with_another_measure_session_or_rater_is_a_differing_copy() {
    let variants: [fn(&mut Rating); 3] = [
        |r| {
            r.measure = MeasureKind::Ors;
        },
        |r| r.session_id = Some("s-9".into()),
        |r| {
            r.rater = RaterRef::Collateral {
                id: "p1".into(),
                label: "Mum".into(),
            };
        },
    ];
    for change in variants {
        let mut file = stored();
        change(&mut file.ratings[0]);
        let plan = import_plan(&stored(), &file, &scales(), Words::EN);
        assert_eq!(plan.differing, vec![file.ratings[0].clone()]);
        assert_eq!(plan.already_present, 0);
        assert_eq!(
            apply(&plan, &stored(), true, at("2026-06-01T00:00:00Z")),
            stored()
        );
    }
}

#[test]
fn an_ors_is_named_as_one_when_refused() {
    let mut base = stored();
    base.ratings.push(ors("o1", Some("c1"), S));
    let mut file = base.clone();
    file.clients.push(client("c2", "Jane Doe"));
    file.ratings[1].client_id = Some("c2".into());
    file.ratings[1].updated_at = Some(at("2026-03-05T00:00:00Z"));
    file.ratings.push(ors("o2", None, &[1]));
    let plan = import_plan(&base, &file, &scales(), Words::EN);
    let what: Vec<&str> = plan.refused.iter().map(|r| r.what.as_str()).collect();
    assert_eq!(
        what,
        [
            "Client \u{201c}Jane Doe\u{201d}",
            "Change to ORS rating o1",
            "ORS rating o2"
        ]
    );
    assert_eq!(
        plan.refused[2].reason,
        format!("It has 1 score; {} has 4 items.", scales().ors.name)
    );
    let text = result_message(&plan, false, Ok(()), Words::EN);
    assert!(text.starts_with("Nothing new to import"), "{text}");
    assert!(
        text.contains("Not imported: ORS rating o2. It has 1 score;"),
        "{text}"
    );
}

// ---- a hostile backup ----

#[test]
fn a_new_clients_people_are_checked_like_every_label() {
    use attune::domain::records::case::{CaseKind, Member};
    let member = |id: &str, label: &str| Member {
        id: id.into(),
        label: label.into(),
        age_group: AgeGroup::Adult,
        collateral: false,
        archived: false,
        created_at: at("2026-01-01T09:00:00Z"),
        updated_at: None,
    };
    let mut couple = client("c9", "NW");
    couple.kind = CaseKind::Couple;
    couple.members = vec![
        member("m1", &"x".repeat(20_000)),
        member("m2", "Jane Doe"),
        member("m3", "nw"),
        member("m4", "KL"),
        member("m5", "kl"),
    ];
    let incoming = Store {
        clients: vec![couple],
        ratings: vec![Rating {
            rater: RaterRef::Member { id: "m1".into() },
            ..rating("r9", Some("c9"), S)
        }],
        ..Store::default()
    };
    let plan = import_plan(&stored(), &incoming, &scales(), Words::EN);
    let kept: Vec<&str> = plan.new_clients[0]
        .members
        .iter()
        .map(|m| m.label.as_str())
        .collect();
    assert_eq!(
        kept,
        ["KL"],
        "too long, a full name, the client's own label and a duplicate are refused"
    );
    let refused: Vec<&str> = plan.refused.iter().map(|r| r.what.as_str()).collect();
    assert_eq!(refused.len(), 4, "{refused:?}");
    assert!(refused[0].starts_with(
        "Person \u{201c}xxxxxxxxxxxxxxxxxxxxxxxx\u{2026}\u{201d} of client \u{201c}NW\u{201d}"
    ));
    assert!(
        plan.refused.iter().all(|r| r.what.chars().count() < 80),
        "no huge label in the preview"
    );
    // The refused person's rating is still imported, with the new client.
    assert_eq!(plan.new_ratings.len(), 1);
    assert_eq!(plan.new_ratings[0].client_id.as_deref(), Some("c9"));
    let after = apply(&plan, &stored(), false, at("2026-03-02T00:00:00Z"));
    assert!(after
        .clients
        .iter()
        .flat_map(|c| &c.members)
        .all(|m| m.label.chars().count() <= 40));
}

#[test]
fn a_session_id_of_another_client_never_joins_two_clients() {
    use attune::domain::records::clients::set_session_at;
    let session = |mut r: Rating, sid: &str| {
        r.session_id = Some(sid.into());
        r
    };
    let mut here = stored();
    here.ratings = vec![
        session(rating("r1", Some("c1"), S), "s1"),
        session(ors("o1", Some("c1"), S), "s1"),
    ];
    // A new client whose ratings reuse the stored client's session id.
    let incoming = Store {
        clients: vec![client("c2", "NW")],
        ratings: vec![
            session(rating("r2", Some("c2"), S), "s1"),
            session(ors("o2", Some("c2"), S), "s1"),
        ],
        ..Store::default()
    };
    let plan = import_plan(&here, &incoming, &scales(), Words::EN);
    let sids: Vec<&str> = plan
        .new_ratings
        .iter()
        .map(|r| r.session_id.as_deref().unwrap())
        .collect();
    assert_eq!(
        sids,
        ["s1~c2", "s1~c2"],
        "one session of its own, both measures together"
    );
    // Importing the same file again changes nothing.
    let once = apply(&plan, &here, false, at("2026-03-02T00:00:00Z"));
    let again = import_plan(&once, &incoming, &scales(), Words::EN);
    assert!(again.new_ratings.is_empty());

    // Correcting the new client's session date leaves the stored client's
    // session where it was.
    let mut after = once;
    set_session_at(
        &mut after,
        "r2",
        at("2026-02-20T10:00:00Z"),
        at("2026-03-02T00:00:00Z"),
    )
    .unwrap();
    for r in &after.ratings {
        let moved = r.session_at == at("2026-02-20T10:00:00Z");
        assert_eq!(moved, r.client_id.as_deref() == Some("c2"), "{}", r.id);
    }
}

#[test]
fn a_stored_session_shared_by_two_clients_is_never_moved_whole() {
    use attune::domain::records::clients::set_session_at;
    // Data from before the import check: two clients already share "s1".
    let mut store = stored();
    store.clients.push(client("c2", "NW"));
    let mut a = rating("r1", Some("c1"), S);
    a.session_id = Some("s1".into());
    let mut b = rating("r2", Some("c2"), S);
    b.session_id = Some("s1".into());
    store.ratings = vec![a, b];
    set_session_at(
        &mut store,
        "r2",
        at("2026-02-20T10:00:00Z"),
        at("2026-03-02T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(store.ratings[0].session_at, at("2026-03-01T10:00:00Z"));
    assert_eq!(store.ratings[1].session_at, at("2026-02-20T10:00:00Z"));
}

#[test]
fn an_over_long_reason_of_a_session_without_a_rating_is_left_out_and_listed() {
    use attune::domain::records::unrated::UnratedSession;
    let incoming = Store {
        unrated: vec![UnratedSession {
            id: "u1".into(),
            client_id: "c1".into(),
            at: at("2026-03-01T10:00:00Z"),
            reason: Some("y".repeat(5_000)),
        }],
        ..Store::default()
    };
    let plan = import_plan(&stored(), &incoming, &scales(), Words::EN);
    assert_eq!(plan.new_unrated.len(), 1, "the session itself is kept");
    assert_eq!(plan.new_unrated[0].reason, None);
    assert_eq!(plan.refused.len(), 1);
}

#[test]
fn a_refused_file_and_a_refused_label_are_said_in_the_page_language() {
    use attune::domain::export::{decode_import_bytes, read_backup, ImportTextError};
    use attune::domain::records::clients::EditError;
    let es = Words::new(Lang::Es);
    let text_errors = [
        decode_import_bytes(b"").unwrap_err(),
        decode_import_bytes(b"\xff\xfe\x00\x00").unwrap_err(),
        decode_import_bytes(b"a\x00b").unwrap_err(),
        decode_import_bytes(b"ok \xc3").unwrap_err(),
        ImportTextError::BadUtf16 { at: 2 },
    ];
    let file_errors = [
        read_backup("{").unwrap_err(),
        read_backup(r#"{"schema":"attune","version":99,"ratings":[]}"#).unwrap_err(),
    ];
    let edit_errors = [
        EditError::EmptyLabel,
        EditError::LongLabel,
        EditError::FullName,
        EditError::Duplicate("JD".into()),
        EditError::DuplicateInCase("JD".into()),
        EditError::IdTaken,
        EditError::Missing,
        EditError::Archived,
        EditError::Future,
        EditError::BadDate,
        EditError::MergeDiffers,
        EditError::EndsTooEarly,
        EditError::ReasonTooLong(200),
    ];
    let pairs: Vec<(String, String, String)> = text_errors
        .iter()
        .map(|e| (e.to_string(), e.words(Words::EN), e.words(es)))
        .chain(
            file_errors
                .iter()
                .map(|e| (e.to_string(), e.words(Words::EN), e.words(es))),
        )
        .chain(
            edit_errors
                .iter()
                .map(|e| (e.to_string(), e.words(Words::EN), e.words(es))),
        )
        .collect();
    for (display, english, spanish) in &pairs {
        // The page in English says what the logs say; in Spanish, something else.
        assert_eq!(display, english);
        assert_ne!(display, spanish);
    }
    assert_eq!(
        EditError::Duplicate("JD".into()).words(es),
        "Otro cliente ya usa \u{201c}JD\u{201d}."
    );
}
