//! Every export format read back, CSV quoting, and import refusals worded
//! for people.

use attune::domain::export::{
    backup_file_name, backup_json, csv, csv_file_name, fhir_bundle, fhir_questionnaire,
    preview_import, ImportError, CSV_BOM,
};
use attune::domain::note::NoteInput;
use attune::domain::rating::{LineContext, Rating};
use attune::domain::scale::ScaleDefinition;
use attune::domain::score::{parse_score, Tenths, Total};
use attune::domain::store::{decode, Client, MergeSummary, Store};
use attune::domain::time;
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::Value;

const V1: &str = include_str!("fixtures/v1.json");
const V2: &str = include_str!("fixtures/v2.json");
const V3: &str = include_str!("fixtures/v3.json");
const FUTURE: &str = include_str!("fixtures/v6-future.json");

fn v2() -> Store {
    decode(V2).unwrap().store
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 14, 5, 9).unwrap()
}

// ---- backup and import ----

#[test]
fn backup_round_trips_exactly() {
    let s = v2();
    let text = backup_json(&s, now());
    assert!(text.starts_with(r#"{"schema":"attune","version":5,"#));
    assert!(text.ends_with(r#","exported_at":"2026-11-22T14:05:09Z"}"#));
    assert_eq!(decode(&text).unwrap().store, s);
    assert_eq!(
        decode(&backup_json(&Store::default(), now()))
            .unwrap()
            .store,
        Store::default()
    );
    assert_eq!(backup_file_name(now()), "attune-backup-2026-11-22.json");
}

#[test]
fn import_previews_without_changing_anything() {
    let s = v2();
    let p = preview_import(&Store::default(), &backup_json(&s, now())).unwrap();
    assert_eq!(p.merged, s);
    assert_eq!(
        p.summary_text(),
        "4 new ratings, 0 already present, 2 new clients"
    );
    assert_eq!(p.exported_at, Some(now()));
    assert_eq!(p.from_version, 5);

    let again = preview_import(&s, &backup_json(&s, now())).unwrap();
    assert_eq!(again.merged, s);
    assert_eq!(again.summary_text(), "0 new ratings, 4 already present");
}

#[test]
fn summary_counts_read_naturally() {
    let mut p = preview_import(&Store::default(), V2).unwrap();
    p.summary = MergeSummary {
        new_ratings: 24,
        existing_ratings: 3,
        new_clients: 0,
    };
    assert_eq!(p.summary_text(), "24 new ratings, 3 already present");
    p.summary = MergeSummary {
        new_ratings: 1,
        existing_ratings: 1,
        new_clients: 1,
    };
    assert_eq!(
        p.summary_text(),
        "1 new rating, 1 already present, 1 new client"
    );
    assert_eq!(p.exported_at, None, "the fixture has no export stamp");
}

#[test]
fn old_versions_and_a_bom_import() {
    let p = preview_import(&v2(), &format!("\u{feff}{V1}")).unwrap();
    assert_eq!(p.from_version, 1);
    assert_eq!(p.summary_text(), "2 new ratings, 0 already present");
    assert_eq!(p.merged.ratings.len(), 6);
}

fn import_err(text: &str) -> String {
    preview_import(&v2(), text).expect_err(text).to_string()
}

fn one_rating(id: &str, scores: &str) -> String {
    format!(
        r#"{{"schema":"attune","version":2,"ratings":[{{"id":"{id}","recorded_at":"2026-01-01T00:00:00Z","session_at":"2026-01-01T00:00:00Z","scores":{scores},"scale_id":"srs-attune","scale_version":1}}]}}"#
    )
}

#[test]
fn import_refusals_name_the_problem() {
    assert_eq!(
        import_err(FUTURE),
        "this backup was made by a newer version of Attune (version 6); update Attune to import it"
    );
    assert!(matches!(
        preview_import(&v2(), FUTURE),
        Err(ImportError::NewerVersion(6))
    ));
    assert_eq!(
        import_err(&one_rating("r-12", "[95,105,90,90]")),
        "rating r-12: score 10.5 is outside 0–10"
    );
    assert_eq!(
        import_err(&one_rating("r-1", "[-5]")),
        "rating r-1: score -0.5 is outside 0–10"
    );
    assert_eq!(
        import_err(&one_rating("r-1", "[1000000]")),
        "rating r-1: score 100000.0 is outside 0–10"
    );
    assert_eq!(
        import_err(&one_rating("r-2", "[7.3]")),
        "rating r-2: score 7.3 is not a whole number of tenths (a score of 7.3 is stored as 73)"
    );
    let no_id = one_rating("x", "[101]").replace(r#""id":"x","#, "");
    assert_eq!(import_err(&no_id), "rating #1: score 10.1 is outside 0–10");

    assert!(import_err("PK\u{3}\u{4}").starts_with("the data is not valid JSON"));
    assert!(import_err(&V2[..300]).starts_with("the data is not valid JSON"));
    assert!(import_err("[1,2]").starts_with("this is not an Attune file"));
    assert!(import_err(r#"{"schema":"other"}"#).starts_with("this is not an Attune file"));
    assert!(import_err(&one_rating("r", r#""high""#))
        .starts_with("the data has the wrong shape for version 2"));

    let orphan = one_rating("r-9", "[90,90,90,90]")
        .replace(r#""scores""#, r#""client_id":"c-404","scores""#);
    assert_eq!(
        import_err(&orphan),
        r#"rating "r-9" belongs to an unknown client "c-404""#
    );
    let twice = V2.replace(
        "1c7f8d2b-3e4a-4b5c-8d7e-8f9a0b1c2d3e",
        "0b6e7c1a-2d3f-4a5b-9c6d-7e8f9a0b1c2d",
    );
    assert!(import_err(&twice).contains("appears twice"));
}

// ---- CSV ----

/// A strict RFC 4180 reader: CRLF only, quotes only around whole fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut was_quoted) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !was_quoted => (quoted, was_quoted) = (true, true),
            ',' => {
                row.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                was_quoted = false;
            }
            c => {
                assert!(
                    !was_quoted && !matches!(c, '"' | '\n'),
                    "stray {c:?} in {text:?}"
                );
                field.push(c);
            }
        }
    }
    assert!(
        !quoted && row.is_empty() && field.is_empty(),
        "last record must end with CRLF"
    );
    rows
}

const HEADER: &str = "client,session_at,recorded_at,Relationship,Goals and Topics,Approach or Method,Overall,total,band,client_feedback,therapist_response";

#[test]
fn csv_has_the_documented_layout() {
    let text = csv(&v2(), &ScaleDefinition::builtin());
    let expected = [
        HEADER,
        ",2026-02-12T14:30:00Z,2026-02-12T14:30:00Z,0.0,4.5,10.0,0.7,15.2,poor,,",
        "JD,2026-02-02T16:50:03Z,2026-02-02T16:50:03Z,9.5,9.3,9.0,9.6,37.4,fair,,",
        "JD,2026-02-09T17:00:00Z,2026-02-10T08:15:00Z,8.0,6.2,5.5,7.3,27.0,poor,,",
        "\"Zoé, R.\",2026-02-11T12:00:00.125Z,2026-02-11T12:00:00.125Z,10.0,10.0,10.0,10.0,40.0,good,,",
    ];
    assert_eq!(text, expected.join("\r\n") + "\r\n");
    assert_eq!(
        csv(&Store::default(), &ScaleDefinition::builtin()),
        format!("{HEADER}\r\n")
    );
    assert_eq!(CSV_BOM, "\u{feff}");
    assert_eq!(csv_file_name(now()), "attune-ratings-2026-11-22.csv");
}

#[test]
fn csv_carries_the_note_in_two_trimmed_columns() {
    let text = csv(&decode(V3).unwrap().store, &ScaleDefinition::builtin());
    let rows = parse_csv(&text);
    assert_eq!(&rows[0][9..], ["client_feedback", "therapist_response"]);
    assert_eq!(
        &rows[1][9..],
        [
            "felt I pushed too hard on homework.",
            "We agreed to set \"homework\" together, Zoé's idea"
        ]
    );
    assert_eq!(&rows[2][9..], ["better pace", ""]);
}

#[test]
fn backup_keeps_notes_exactly() {
    let s = decode(V3).unwrap().store;
    let text = backup_json(&s, now());
    let back = decode(&text).unwrap().store;
    assert_eq!(back, s);
    assert_eq!(
        back.ratings[0].note.as_ref().unwrap().client_feedback,
        "  felt I pushed too hard on homework.\n"
    );
    let p = preview_import(&Store::default(), &text).unwrap();
    assert_eq!(p.merged, s);
}

fn labelled(labels: &[&str]) -> Store {
    let mut s = Store::default();
    for (i, label) in labels.iter().enumerate() {
        let id = format!("c{i}");
        let when = Utc
            .with_ymd_and_hms(2026, 1, 1 + i as u32, 9, 0, 0)
            .unwrap();
        s.clients.push(Client {
            id: id.clone(),
            label: label.to_string(),
            archived: false,
            created_at: when,
            updated_at: None,
            ..Default::default()
        });
        s.ratings.push(Rating {
            id: format!("r{i}"),
            recorded_at: when,
            session_at: when,
            client_id: Some(id),
            scores: vec![Tenths::MAX; 4],
            scale_id: "srs-attune".into(),
            scale_version: 1,
            line: None,
            updated_at: None,
            note: None,
            ..Default::default()
        });
    }
    s
}

#[test]
fn csv_quotes_and_defuses_labels() {
    let labels = [
        "a,b",
        "say \"hi\"",
        "two\nlines",
        "cr\r\nlf",
        "=SUM(A1)",
        "+1",
        "-2",
        "@cmd",
        "\tx",
        "plain é",
    ];
    let text = csv(&labelled(&labels), &ScaleDefinition::builtin());
    for needle in [
        "\"a,b\",",
        "\"say \"\"hi\"\"\",",
        "\"two\nlines\",",
        "\"cr\r\nlf\",",
        "\r\n'=SUM(A1),",
        "\r\n'+1,",
        "\r\n'-2,",
        "\r\n'@cmd,",
        "\r\n'\tx,",
        "\r\nplain é,",
    ] {
        assert!(text.contains(needle), "{needle:?} not in {text:?}");
    }
    let got: Vec<String> = parse_csv(&text)
        .into_iter()
        .skip(1)
        .map(|r| r[0].clone())
        .collect();
    let mut want: Vec<String> = labels.iter().map(|l| guarded(l)).collect();
    want.sort_by(|a, b| unguarded(a).cmp(unguarded(b)));
    assert_eq!(got, want);
}

fn guarded(label: &str) -> String {
    if label.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{label}")
    } else {
        label.to_string()
    }
}

fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[test]
fn csv_keeps_scores_the_scale_does_not_name() {
    let mut s = labelled(&["A"]);
    s.ratings[0].scores.push(Tenths::new(55).unwrap());
    let rows = parse_csv(&csv(&s, &ScaleDefinition::builtin()));
    assert_eq!(rows[0][7], "item 5");
    assert_eq!(
        rows[1][3..10],
        ["10.0", "10.0", "10.0", "10.0", "5.5", "45.5", "good"]
    );
}

// ---- FHIR ----

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn questionnaire_uses_only_the_scale_titles() {
    let scale = ScaleDefinition::builtin();
    let q = fhir_questionnaire(&scale);
    assert_eq!(q["resourceType"], "Questionnaire");
    assert_eq!(
        q["url"],
        "https://attune.invalid/fhir/Questionnaire/srs-attune"
    );
    assert_eq!(q["version"], "1");
    assert_eq!(q["name"], "SrsAttune");
    assert_eq!(q["status"], "active");
    let items = q["item"].as_array().unwrap();
    assert_eq!(items.len(), scale.items.len() + 1);
    for (item, def) in items.iter().zip(&scale.items) {
        assert_eq!(item["linkId"], def.id.as_str());
        assert_eq!(item["text"], def.title.as_str());
        assert_eq!(item["type"], "decimal");
        assert_eq!(item["required"], true);
        assert_eq!(
            item["code"][0]["system"],
            "https://attune.invalid/fhir/CodeSystem/srs-attune-items"
        );
        let ext = |url: &str| {
            item["extension"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["url"] == url)
                .unwrap()
                .clone()
        };
        assert_eq!(
            ext("http://hl7.org/fhir/StructureDefinition/minValue")["valueDecimal"],
            0.0
        );
        assert_eq!(
            ext("http://hl7.org/fhir/StructureDefinition/maxValue")["valueDecimal"],
            10.0
        );
        assert_eq!(
            ext("http://hl7.org/fhir/StructureDefinition/maxDecimalPlaces")["valueInteger"],
            1
        );
        let control = ext("http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl");
        assert_eq!(
            control["valueCodeableConcept"]["coding"][0]["system"],
            "http://hl7.org/fhir/questionnaire-item-control"
        );
        assert_eq!(
            control["valueCodeableConcept"]["coding"][0]["code"],
            "slider"
        );
    }
    let total = items.last().unwrap();
    assert_eq!(
        (total["linkId"].as_str(), total["readOnly"].as_bool()),
        (Some("total"), Some(true))
    );

    // Only titles leave the app: no anchor or read-aloud wording of any scale.
    let mut all = Vec::new();
    strings(&q, &mut all);
    for def in &scale.items {
        for wording in [&def.left, &def.right, &def.read_aloud] {
            assert!(
                !all.iter().any(|s| s.contains(wording.as_str())),
                "{wording}"
            );
        }
    }
}

#[test]
fn tenths_print_as_exact_decimals() {
    for n in 0..=400u16 {
        assert_eq!(
            serde_json::json!(f64::from(n) / 10.0).to_string(),
            Total(n).to_string()
        );
    }
}

fn tenths_of(answer: &Value) -> u16 {
    let text = answer["valueDecimal"].to_string();
    let t = (answer["valueDecimal"].as_f64().unwrap() * 10.0).round() as u16;
    assert_eq!(text, Total(t).to_string(), "printed exactly, one decimal");
    t
}

#[test]
fn bundle_answers_equal_the_ratings() {
    let (s, scale) = (v2(), ScaleDefinition::builtin());
    let b = fhir_bundle(&s, &scale, now());
    assert_eq!(
        (b["resourceType"].as_str(), b["type"].as_str()),
        (Some("Bundle"), Some("collection"))
    );
    assert_eq!(b["timestamp"], "2026-11-22T14:05:09Z");
    let entries = b["entry"].as_array().unwrap();
    assert_eq!(entries[0]["resource"], fhir_questionnaire(&scale));
    assert_eq!(entries.len(), s.ratings.len() + 1);
    for (e, r) in entries[1..].iter().zip(&s.ratings) {
        assert_eq!(e["fullUrl"], format!("urn:uuid:{}", r.id));
        let qr = &e["resource"];
        assert_eq!(qr["resourceType"], "QuestionnaireResponse");
        assert_eq!(qr["id"], r.id.as_str());
        assert_eq!(
            qr["questionnaire"],
            "https://attune.invalid/fhir/Questionnaire/srs-attune|1"
        );
        assert_eq!(qr["status"], "completed");
        assert_eq!(qr["authored"], time::format(r.session_at));
        let label = s
            .clients
            .iter()
            .find(|c| Some(&c.id) == r.client_id.as_ref())
            .map(|c| c.label.as_str());
        assert_eq!(qr["subject"]["display"].as_str(), label);
        let items = qr["item"].as_array().unwrap();
        let answers: Vec<u16> = items.iter().map(|i| tenths_of(&i["answer"][0])).collect();
        let mut want: Vec<u16> = r.scores.iter().map(|t| t.get()).collect();
        want.push(r.total().tenths());
        assert_eq!(answers, want);
        for (item, def) in items.iter().zip(&scale.items) {
            assert_eq!(
                (item["linkId"].as_str(), item["text"].as_str()),
                (Some(def.id.as_str()), Some(def.title.as_str()))
            );
        }
    }
}

// ---- every format, any store ----

fn arb_time() -> impl Strategy<Value = DateTime<Utc>> {
    // Milliseconds: what the shell records and what the format keeps.
    (0i64..4_102_444_800_000).prop_map(|ms| DateTime::from_timestamp_millis(ms).unwrap())
}

fn arb_text() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        any::<char>(),
        prop::sample::select(vec![',', '"', '\n', '\r', '=', '-', '@', '\'', ' ', 'é'])
    ];
    prop::collection::vec(c, 0..8).prop_map(String::from_iter)
}

prop_compose! {
    fn arb_store()(
        clients in prop::collection::vec((arb_text(), any::<bool>(), arb_time()), 0..4),
        ratings in prop::collection::vec(
            (arb_time(), arb_time(), any::<prop::sample::Index>(), any::<bool>(),
             prop::collection::vec(0u16..=100, 1..6), prop::option::of((1u32..3000, 50u32..400, any::<bool>())),
             prop::option::of((arb_text(), arb_text()))),
            0..8),
        last_backup in prop::option::of(arb_time()),
    ) -> Store {
        let clients: Vec<Client> = clients.into_iter().enumerate().map(|(i, (label, archived, created_at))| {
            Client { id: format!("c{i}"), label, archived, created_at, updated_at: archived.then_some(created_at), ..Default::default() }
        }).collect();
        let ratings = ratings.into_iter().enumerate().map(|(i, (rec, ses, who, assigned, scores, line, note))| Rating {
            id: format!("{i:08x}-0000-4000-8000-00000000000{}", i % 10),
            recorded_at: rec,
            session_at: ses,
            client_id: (assigned && !clients.is_empty()).then(|| clients[who.index(clients.len())].id.clone()),
            scores: scores.into_iter().map(|t| Tenths::new(t).unwrap()).collect(),
            scale_id: "srs-attune".into(),
            scale_version: 1,
            line: line.map(|(l, d, calibrated)| LineContext { line_tenth_mm: l, dpr_hundredths: d, calibrated }),
            updated_at: (i % 2 == 0).then_some(rec),
            note: note.map(|(client_feedback, therapist_response)| NoteInput { client_feedback, therapist_response }),
            ..Default::default()
        }).collect();
        Store { clients, ratings, last_backup_at: last_backup, unrated: Vec::new() }
    }
}

proptest! {
    #[test]
    fn backup_round_trips(s in arb_store(), t in arb_time()) {
        let text = backup_json(&s, t);
        prop_assert_eq!(&decode(&text).unwrap().store, &s);
        let p = preview_import(&Store::default(), &text).unwrap();
        prop_assert_eq!(p.merged, s);
    }

    #[test]
    fn csv_round_trips(s in arb_store()) {
        let rows = parse_csv(&csv(&s, &ScaleDefinition::builtin()));
        prop_assert_eq!(rows.len(), s.ratings.len() + 1);
        let width = rows[0].len();
        let label = |r: &Rating| s.clients.iter().find(|c| Some(&c.id) == r.client_id.as_ref()).map_or("", |c| c.label.as_str());
        let mut sorted: Vec<&Rating> = s.ratings.iter().collect();
        sorted.sort_by(|a, b| (label(a), &a.client_id, a.session_at, &a.id).cmp(&(label(b), &b.client_id, b.session_at, &b.id)));
        for (row, r) in rows[1..].iter().zip(sorted) {
            prop_assert_eq!(row.len(), width);
            // The guard is one-way: a label that already began with `'=` reads back as is.
            prop_assert_eq!(&row[0], &guarded(label(r)));
            prop_assert_eq!(time::parse(&row[1]), Ok(r.session_at));
            prop_assert_eq!(time::parse(&row[2]), Ok(r.recorded_at));
            let scores: Vec<Tenths> = row[3..width - 4].iter().filter(|c| !c.is_empty()).map(|c| parse_score(c).unwrap()).collect();
            prop_assert_eq!(&scores, &r.scores);
            prop_assert_eq!(&row[width - 4], &r.total().to_string());
            prop_assert_eq!(&row[width - 3], r.band().label());
            let note = r.note.clone().unwrap_or_default();
            prop_assert_eq!(&row[width - 2], &guarded(note.client_feedback.trim()));
            prop_assert_eq!(&row[width - 1], &guarded(note.therapist_response.trim()));
        }
    }

    #[test]
    fn fhir_round_trips(s in arb_store(), t in arb_time()) {
        let b = fhir_bundle(&s, &ScaleDefinition::builtin(), t);
        let text = serde_json::to_string(&b).unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        let entries = back["entry"].as_array().unwrap();
        prop_assert_eq!(entries.len(), s.ratings.len() + 1);
        for (e, r) in entries[1..].iter().zip(&s.ratings) {
            let items = e["resource"]["item"].as_array().unwrap();
            let got: Vec<u16> = items.iter().map(|i| tenths_of(&i["answer"][0])).collect();
            prop_assert_eq!(&got[..r.scores.len()], r.scores.iter().map(|t| t.get()).collect::<Vec<_>>());
            prop_assert_eq!(got[r.scores.len()], r.total().tenths());
            prop_assert_eq!(time::parse(e["resource"]["authored"].as_str().unwrap()), Ok(r.session_at));
        }
    }
}
