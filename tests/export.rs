//! Every export format read back, CSV quoting, and import refusals worded
//! for people.

use attune::domain::export::{
    backup_file_name, backup_json, codesystem_url, csv, csv_file_name, fhir_bundle,
    fhir_questionnaire, preview_import, questionnaire_url, ImportError, CSV_BOM, FHIR_BASE,
};
use attune::domain::measures::kinds::AgeGroup;
use attune::domain::measures::kinds::{MeasureKind, RaterRef};
use attune::domain::measures::rating::NoteInput;
use attune::domain::measures::rating::{LineContext, Rating};
use attune::domain::measures::scale::Scales;
use attune::domain::measures::score::{parse_score, Tenths, Total};
use attune::domain::records::episode_end::parse_date;
use attune::domain::records::store::{decode, Client, MergeSummary, Store, CURRENT_VERSION};
use attune::domain::time;
use attune::domain::time::utc;
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::Value;

const V1: &str = include_str!("fixtures/v1.json");
const V2: &str = include_str!("fixtures/v2.json");
const V3: &str = include_str!("fixtures/v3.json");
const V4: &str = include_str!("fixtures/v4.json");
const V5: &str = include_str!("fixtures/v5.json");
const FUTURE: &str = include_str!("fixtures/v9-future.json");

fn v2() -> Store {
    decode(V2).unwrap().store
}

fn v5() -> Store {
    decode(V5).unwrap().store
}

fn scales() -> Scales {
    Scales::builtin()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 14, 5, 9).unwrap()
}

// ---- backup and import ----

#[test]
fn backup_round_trips_exactly() {
    let s = v2();
    let text = backup_json(&s, now());
    assert!(text.starts_with(r#"{"schema":"attune","version":8,"#));
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
    assert_eq!(p.from_version, CURRENT_VERSION);

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
        "this backup was made by a newer version of Attune (version 9); update Attune to import it"
    );
    assert!(matches!(
        preview_import(&v2(), FUTURE),
        Err(ImportError::NewerVersion(9))
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

const HEADER: &str = "client,session,session_at,recorded_at,measure,rater,\
ORS: Individually,ORS: Interpersonally,ORS: Socially,ORS: Overall,\
SRS: Relationship,SRS: Goals and Topics,SRS: Approach or Method,SRS: Overall,\
total,band,client_feedback,therapist_response,therapist,wording";

/// Column of the first SRS item, the total and the first note column.
const SRS_AT: usize = 10;
const TOTAL_AT: usize = 14;
const NOTE_AT: usize = 16;

#[test]
fn csv_has_the_documented_layout() {
    let text = csv(&v2(), &scales());
    let expected = [
        HEADER,
        ",3e9b0f4d-5a6c-4d7e-8f9a-0b1c2d3e4f5a,2026-02-12T14:30:00Z,2026-02-12T14:30:00Z,SRS,client,,,,,0.0,4.5,10.0,0.7,15.2,poor,,,,",
        "JD,0b6e7c1a-2d3f-4a5b-9c6d-7e8f9a0b1c2d,2026-02-02T16:50:03Z,2026-02-02T16:50:03Z,SRS,client,,,,,9.5,9.3,9.0,9.6,37.4,fair,,,,",
        "JD,1c7f8d2b-3e4a-4b5c-8d7e-8f9a0b1c2d3e,2026-02-09T17:00:00Z,2026-02-10T08:15:00Z,SRS,client,,,,,8.0,6.2,5.5,7.3,27.0,poor,,,,",
        "\"Zoé, R.\",2d8a9e3c-4f5b-4c6d-9e8f-9a0b1c2d3e4f,2026-02-11T12:00:00.125Z,2026-02-11T12:00:00.125Z,SRS,client,,,,,10.0,10.0,10.0,10.0,40.0,good,,,,",
    ];
    assert_eq!(text, expected.join("\r\n") + "\r\n");
    assert_eq!(
        csv(&Store::default(), &scales()),
        format!("{HEADER}\r\n"),
        "both scales' columns, even with no rating"
    );
    assert_eq!(CSV_BOM, "\u{feff}");
    assert_eq!(csv_file_name(now()), "attune-ratings-2026-11-22.csv");
}

#[test]
fn csv_has_one_row_per_measure_of_an_ors_and_srs_session() {
    let rows = parse_csv(&csv(&v5(), &scales()));
    assert_eq!(rows[0].join(","), HEADER);
    let body: Vec<String> = rows[1..].iter().map(|r| r.join(",")).collect();
    assert_eq!(
        body,
        [
            // A session of its own from version 4: its session is its own id.
            "JD,r-0,2026-01-26T16:50:00Z,2026-01-26T16:50:00Z,SRS,client,,,,,9.0,8.8,8.5,9.0,35.3,fair,,,,",
            // One session, two rows: the ORS (band left empty) before the SRS.
            "JD,s-1,2026-02-02T16:00:00Z,2026-02-02T16:01:00Z,ORS,client,3.5,4.0,4.1,3.4,,,,,15.0,,hard week at work,,,",
            "JD,s-1,2026-02-02T16:00:00Z,2026-02-02T16:50:03Z,SRS,client,,,,,9.5,9.3,9.0,9.6,37.4,fair,,,,",
            "Teen K,s-2,2026-02-03T10:00:00Z,2026-02-03T10:00:00Z,ORS,collateral:Mum,6.0,5.5,7.0,6.2,,,,,24.7,,,,,",
        ]
    );
    // The ORS columns are titled from the ORS definition, the SRS ones from the SRS.
    let s = scales();
    for (i, item) in s.ors.items.iter().enumerate() {
        assert_eq!(rows[0][6 + i], format!("ORS: {}", item.title));
    }
    for (i, item) in s.srs.items.iter().enumerate() {
        assert_eq!(rows[0][SRS_AT + i], format!("SRS: {}", item.title));
    }
}

#[test]
fn csv_names_members_by_label_and_keeps_a_session_together() {
    let mut s = v5();
    let srs = s.ratings.iter().find(|r| r.id == "r-1").unwrap().clone();
    s.ratings.push(Rating {
        id: "r-2".into(),
        rater: RaterRef::Member {
            id: "c-77b1".into(),
        },
        ..srs.clone()
    });
    s.ratings.push(Rating {
        id: "r-3".into(),
        rater: RaterRef::Member { id: "gone".into() },
        ..srs.clone()
    });
    s.ratings.push(Rating {
        id: "o-3".into(),
        measure: MeasureKind::Ors,
        scale_id: "ors-attune".into(),
        rater: RaterRef::Collateral {
            id: "p2".into(),
            label: "=teacher".into(),
        },
        ..srs
    });
    let rows = parse_csv(&csv(&s, &scales()));
    let session: Vec<(&str, &str, &str)> = rows[1..]
        .iter()
        .filter(|r| r[1] == "s-1")
        .map(|r| (r[4].as_str(), r[5].as_str(), r[TOTAL_AT].as_str()))
        .collect();
    assert_eq!(
        session,
        [
            ("ORS", "client", "15.0"),
            ("ORS", "collateral:=teacher", "37.4"),
            ("SRS", "client", "37.4"),
            ("SRS", "member:Teen K", "37.4"),
            ("SRS", "member:gone", "37.4"),
        ],
        "ORS before SRS, the client's own first, a member by label (its id when not stored)"
    );
    let rows_of_s1: Vec<usize> = (1..rows.len()).filter(|&i| rows[i][1] == "s-1").collect();
    assert_eq!(
        rows_of_s1,
        [2, 3, 4, 5, 6],
        "the session's rows stand together"
    );
}

#[test]
fn csv_dates_every_row_of_a_session_by_the_session() {
    // As the form saves them: the SRS dated by its own save, 49 minutes after the ORS.
    let mut s = v5();
    for r in s.ratings.iter_mut().filter(|r| r.session_key() == "s-1") {
        r.session_at = r.recorded_at;
    }
    let rows = parse_csv(&csv(&s, &scales()));
    let s1: Vec<(&str, &str, &str)> = rows[1..]
        .iter()
        .filter(|r| r[1] == "s-1")
        .map(|r| (r[2].as_str(), r[3].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        s1,
        [
            ("2026-02-02T16:01:00Z", "2026-02-02T16:01:00Z", "ORS"),
            ("2026-02-02T16:01:00Z", "2026-02-02T16:50:03Z", "SRS"),
        ]
    );
}

#[test]
fn csv_carries_the_note_in_two_trimmed_columns() {
    let text = csv(&decode(V3).unwrap().store, &scales());
    let rows = parse_csv(&text);
    assert_eq!(
        &rows[0][NOTE_AT..NOTE_AT + 2],
        ["client_feedback", "therapist_response"]
    );
    assert_eq!(
        &rows[1][NOTE_AT..NOTE_AT + 2],
        [
            "felt I pushed too hard on homework.",
            "We agreed to set \"homework\" together, Zoé's idea"
        ]
    );
    assert_eq!(&rows[2][NOTE_AT..], ["better pace", "", "", ""]);
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
    let text = csv(&labelled(&labels), &scales());
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
    let rows = parse_csv(&csv(&s, &scales()));
    assert_eq!(rows[0][SRS_AT + 4], "SRS: item 5");
    assert_eq!(rows[0][SRS_AT + 5], "total");
    assert_eq!(
        rows[1][SRS_AT..SRS_AT + 7],
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
    let both = scales();
    for (scale, name) in [(&both.srs, "SrsAttune"), (&both.ors, "OrsAttune")] {
        let q = fhir_questionnaire(scale);
        assert_eq!(q["resourceType"], "Questionnaire");
        assert_eq!(q["id"], scale.id.as_str());
        assert_eq!(
            q["url"],
            format!("https://attune.invalid/fhir/Questionnaire/{}", scale.id)
        );
        assert_eq!(q["version"], "1");
        assert_eq!(q["name"], name);
        assert_eq!(q["title"], scale.name.as_str());
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
                format!("https://attune.invalid/fhir/CodeSystem/{}-items", scale.id)
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

/// The rules a FHIR R4 validator would apply to this Bundle's shape, checked
/// here: `fullUrl`s unique (bdl-7); every response's `encounter` resolves to
/// an `Encounter` in the Bundle and its `questionnaire` to a `Questionnaire`
/// in it (by `url|version`); an `Encounter` has its required `status` and
/// `class` and a dated `period`; every `id` is a valid FHIR id. Returns the
/// entries by `fullUrl`.
fn checked_entries(b: &Value) -> std::collections::HashMap<String, Value> {
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(b["type"], "collection");
    let mut by_url = std::collections::HashMap::new();
    for e in b["entry"].as_array().unwrap() {
        let url = e["fullUrl"].as_str().unwrap().to_string();
        assert!(
            url.starts_with("urn:uuid:") || url.starts_with("https://attune.invalid/fhir/"),
            "{url}"
        );
        if let Some(id) = e["resource"]["id"].as_str() {
            assert!(
                (1..=64).contains(&id.len())
                    && id
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.'),
                "{id}"
            );
        }
        assert!(
            by_url.insert(url.clone(), e["resource"].clone()).is_none(),
            "fullUrl {url} appears twice"
        );
    }
    for r in by_url.values() {
        match r["resourceType"].as_str().unwrap() {
            "Questionnaire" => {}
            "EpisodeOfCare" => {
                let status = r["status"].as_str().unwrap();
                assert!(["active", "finished"].contains(&status), "{status}");
                assert!(r["patient"]["display"].is_string(), "R4: a patient");
                assert!(time::parse(r["period"]["start"].as_str().unwrap()).is_ok());
                match r["period"].get("end") {
                    Some(end) => {
                        assert_eq!(status, "finished");
                        let end = end.as_str().unwrap();
                        assert!(parse_date(end).is_ok(), "{end}");
                        assert_eq!(
                            r["extension"][0]["url"],
                            "https://attune.invalid/fhir/StructureDefinition/episode-end-reason"
                        );
                    }
                    None => assert_eq!(status, "active"),
                }
            }
            "Encounter" => {
                if let Some(eps) = r.get("episodeOfCare") {
                    let ep = eps[0]["reference"].as_str().unwrap();
                    assert_eq!(by_url[ep]["resourceType"], "EpisodeOfCare", "{ep}");
                }
                assert_eq!(r["status"], "finished");
                assert_eq!(
                    r["class"]["system"],
                    "http://terminology.hl7.org/CodeSystem/v3-ActCode"
                );
                assert_eq!(r["class"]["code"], "AMB");
                assert!(time::parse(r["period"]["start"].as_str().unwrap()).is_ok());
            }
            "QuestionnaireResponse" => {
                assert_eq!(r["status"], "completed");
                let enc = r["encounter"]["reference"].as_str().unwrap();
                assert_eq!(by_url[enc]["resourceType"], "Encounter", "{enc}");
                let canonical = r["questionnaire"].as_str().unwrap();
                let (url, version) = canonical.split_once('|').unwrap();
                assert_eq!(by_url[url]["resourceType"], "Questionnaire");
                assert_eq!(by_url[url]["version"], version);
                assert!(time::parse(r["authored"].as_str().unwrap()).is_ok());
            }
            other => panic!("unexpected {other}"),
        }
    }
    by_url
}

/// A response's `valueDecimal`s as tenths, items then total.
fn answers(qr: &Value) -> Vec<u16> {
    qr["item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| tenths_of(&i["answer"][0]))
        .collect()
}

#[test]
fn bundle_answers_equal_the_ratings() {
    let (s, sc) = (v2(), scales());
    let b = fhir_bundle(&s, &sc, now(), &utc);
    let by_url = checked_entries(&b);
    assert_eq!(b["timestamp"], "2026-11-22T14:05:09Z");
    let entries = b["entry"].as_array().unwrap();
    assert_eq!(entries[0]["resource"], fhir_questionnaire(&sc.srs));
    assert_eq!(entries[1]["resource"], fhir_questionnaire(&sc.ors));
    // Two questionnaires, an episode of care per client with ratings (no
    // ends: one open episode each), then an encounter and a response per
    // rating (each its own session).
    let clients: std::collections::HashSet<_> = s
        .ratings
        .iter()
        .filter_map(|r| r.client_id.as_deref())
        .collect();
    assert_eq!(entries.len(), 2 + clients.len() + 2 * s.ratings.len());
    for e in &entries[2..2 + clients.len()] {
        assert_eq!(e["resource"]["resourceType"], "EpisodeOfCare");
        assert_eq!(e["resource"]["status"], "active");
    }
    for r in &s.ratings {
        let qr = &by_url[&format!("urn:uuid:{}", r.id)];
        assert_eq!(qr["resourceType"], "QuestionnaireResponse");
        assert_eq!(qr["id"], r.id.as_str());
        assert_eq!(
            qr["questionnaire"],
            "https://attune.invalid/fhir/Questionnaire/srs-attune|1"
        );
        assert_eq!(qr["status"], "completed");
        assert_eq!(
            qr["authored"],
            time::format(r.recorded_at),
            "when the answers were saved"
        );
        let label = s
            .clients
            .iter()
            .find(|c| Some(&c.id) == r.client_id.as_ref())
            .map(|c| c.label.as_str());
        assert_eq!(qr["subject"]["display"].as_str(), label);
        match label {
            Some(label) => assert_eq!(
                qr["source"],
                serde_json::json!({"type": "Patient", "display": label}),
                "the client answered"
            ),
            None => assert!(qr.get("source").is_none()),
        }
        let mut want: Vec<u16> = r.scores.iter().map(|t| t.get()).collect();
        want.push(r.total().tenths());
        assert_eq!(answers(qr), want);
        for (item, def) in qr["item"].as_array().unwrap().iter().zip(&sc.srs.items) {
            assert_eq!(
                (item["linkId"].as_str(), item["text"].as_str()),
                (Some(def.id.as_str()), Some(def.title.as_str()))
            );
        }
        // A session of its own: its encounter is named by the rating's id, dated the session.
        let enc_url = format!("https://attune.invalid/fhir/Encounter/{}", r.id);
        assert_eq!(qr["encounter"]["reference"], enc_url.as_str());
        let enc = &by_url[&enc_url];
        assert_eq!(enc["id"], r.id.as_str());
        assert_eq!(enc["period"]["start"], time::format(r.session_at));
        assert_eq!(enc["subject"]["display"].as_str(), label);
    }
    // The back-dated session: saved the next morning, dated the evening before.
    let late = &by_url["urn:uuid:1c7f8d2b-3e4a-4b5c-8d7e-8f9a0b1c2d3e"];
    assert_eq!(late["authored"], "2026-02-10T08:15:00Z");
    let enc = &by_url[late["encounter"]["reference"].as_str().unwrap()];
    assert_eq!(enc["period"]["start"], "2026-02-09T17:00:00Z");
}

#[test]
fn bundle_has_a_questionnaire_per_scale_and_a_response_per_measure_in_its_encounter() {
    let (s, sc) = (v5(), scales());
    let b = fhir_bundle(&s, &sc, now(), &utc);
    let by_url = checked_entries(&b);
    let entries = b["entry"].as_array().unwrap();
    let listed: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| {
            (
                e["resource"]["resourceType"].as_str().unwrap(),
                e["resource"]["id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("Questionnaire", "srs-attune"),
            ("Questionnaire", "ors-attune"),
            ("EpisodeOfCare", "r-0"),
            ("EpisodeOfCare", "s-2"),
            ("Encounter", "r-0"),
            ("QuestionnaireResponse", "r-0"),
            ("Encounter", "s-1"),
            ("QuestionnaireResponse", "o-1"),
            ("QuestionnaireResponse", "r-1"),
            ("Encounter", "s-2"),
            ("QuestionnaireResponse", "o-2"),
        ],
        "episodes by opening, then sessions in date order, each followed by its measures"
    );
    for (session, episode) in [("r-0", "r-0"), ("s-1", "r-0"), ("s-2", "s-2")] {
        let enc = &by_url[&format!("https://attune.invalid/fhir/Encounter/{session}")];
        assert_eq!(
            enc["episodeOfCare"][0]["reference"],
            format!("https://attune.invalid/fhir/EpisodeOfCare/{episode}")
        );
    }
    assert_eq!(entries[1]["resource"], fhir_questionnaire(&sc.ors));
    assert_eq!(
        entries[1]["fullUrl"],
        "https://attune.invalid/fhir/Questionnaire/ors-attune"
    );

    // The session: one encounter, dated once, holding both measures.
    let s1 = "https://attune.invalid/fhir/Encounter/s-1";
    assert_eq!(
        by_url[s1],
        serde_json::json!({
            "resourceType": "Encounter",
            "id": "s-1",
            "status": "finished",
            "episodeOfCare": [{"reference": "https://attune.invalid/fhir/EpisodeOfCare/r-0"}],
            "class": {
                "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                "code": "AMB",
                "display": "ambulatory"
            },
            "subject": {"display": "JD"},
            "period": {"start": "2026-02-02T16:00:00Z"}
        })
    );
    let ors = &by_url["https://attune.invalid/fhir/QuestionnaireResponse/o-1"];
    let srs = &by_url["https://attune.invalid/fhir/QuestionnaireResponse/r-1"];
    for qr in [ors, srs] {
        assert_eq!(qr["encounter"]["reference"], s1);
        assert_eq!(qr["subject"]["display"], "JD");
        assert_eq!(
            qr["source"],
            serde_json::json!({"type": "Patient", "display": "JD"})
        );
    }
    assert_eq!(
        ors["questionnaire"],
        "https://attune.invalid/fhir/Questionnaire/ors-attune|1"
    );
    assert_eq!(ors["authored"], "2026-02-02T16:01:00Z");
    assert_eq!(answers(ors), [35, 40, 41, 34, 150]);
    let ors_items: Vec<(&str, &str)> = ors["item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["linkId"].as_str().unwrap(), i["text"].as_str().unwrap()))
        .collect();
    let mut want: Vec<(&str, &str)> = sc
        .ors
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.title.as_str()))
        .collect();
    want.push(("total", "Total"));
    assert_eq!(
        ors_items, want,
        "the ORS answers the ORS questionnaire's items"
    );
    assert_eq!(
        srs["questionnaire"],
        "https://attune.invalid/fhir/Questionnaire/srs-attune|1"
    );
    assert_eq!(srs["authored"], "2026-02-02T16:50:03Z");
    assert_eq!(answers(srs), [95, 93, 90, 96, 374]);
    assert_eq!(srs["item"][0]["linkId"], "relationship");

    // A parent rating the adolescent's ORS: the source is a RelatedPerson.
    let by_mum = &by_url["https://attune.invalid/fhir/QuestionnaireResponse/o-2"];
    assert_eq!(
        by_mum["source"],
        serde_json::json!({"type": "RelatedPerson", "display": "Mum"})
    );
    assert_eq!(by_mum["subject"]["display"], "Teen K");
    let s2 = &by_url[by_mum["encounter"]["reference"].as_str().unwrap()];
    assert_eq!(s2["period"]["start"], "2026-02-03T10:00:00Z");
    assert_eq!(s2["subject"]["display"], "Teen K");

    // A session of its own shares its rating's id, never its fullUrl.
    assert_eq!(
        by_url["https://attune.invalid/fhir/Encounter/r-0"]["resourceType"],
        "Encounter"
    );
    assert_eq!(
        by_url["https://attune.invalid/fhir/QuestionnaireResponse/r-0"]["resourceType"],
        "QuestionnaireResponse"
    );

    // No scale's anchor or read-aloud wording anywhere in the bundle.
    let mut all = Vec::new();
    strings(&b, &mut all);
    for def in sc.srs.items.iter().chain(&sc.ors.items) {
        for wording in [&def.left, &def.right, &def.read_aloud] {
            assert!(
                !all.iter().any(|s| s.contains(wording.as_str())),
                "{wording}"
            );
        }
    }
}

#[test]
fn a_member_answers_as_a_patient_by_label() {
    let mut s = v5();
    let mut r = s.ratings.iter().find(|r| r.id == "r-1").unwrap().clone();
    r.id = "r-2".into();
    r.rater = RaterRef::Member {
        id: "c-77b1".into(),
    };
    s.ratings.push(r);
    let by_url = checked_entries(&fhir_bundle(&s, &scales(), now(), &utc));
    let qr = &by_url["https://attune.invalid/fhir/QuestionnaireResponse/r-2"];
    assert_eq!(
        qr["source"],
        serde_json::json!({"type": "Patient", "display": "Teen K"})
    );
    assert_eq!(qr["subject"]["display"], "JD", "about the session's client");
    assert_eq!(
        qr["encounter"]["reference"],
        "https://attune.invalid/fhir/Encounter/s-1"
    );
}

// ---- backups across versions ----

#[test]
fn backup_round_trips_sessions_both_measures_raters_and_age_groups() {
    let s = v5();
    let text = backup_json(&s, now());
    let back = decode(&text).unwrap();
    assert_eq!(back.from_version, CURRENT_VERSION);
    assert_eq!(back.store, s);
    let o2 = back.store.ratings.iter().find(|r| r.id == "o-2").unwrap();
    assert_eq!(o2.measure, MeasureKind::Ors);
    assert_eq!(o2.session_key(), "s-2");
    assert_eq!(
        o2.rater,
        RaterRef::Collateral {
            id: "p1".into(),
            label: "Mum".into()
        }
    );
    let o1 = back.store.ratings.iter().find(|r| r.id == "o-1").unwrap();
    assert!(o1.is_own_ors());
    assert_eq!(
        o1.note.as_ref().unwrap().client_feedback,
        "hard week at work"
    );
    let r1 = back.store.ratings.iter().find(|r| r.id == "r-1").unwrap();
    assert!(r1.is_own_srs() && r1.session_key() == "s-1");
    let ages: Vec<AgeGroup> = back.store.clients.iter().map(|c| c.age_group).collect();
    assert_eq!(ages, [AgeGroup::Adult, AgeGroup::Adolescent]);
    for field in [
        r#""measure":"ors""#,
        r#""session_id":"s-1""#,
        r#""rater":{"type":"collateral","id":"p1","label":"Mum"}"#,
        r#""age_group":"adolescent""#,
    ] {
        assert!(text.contains(field), "{field} not in the backup");
    }
    let p = preview_import(&Store::default(), &text).unwrap();
    assert_eq!(p.merged, s);
    assert_eq!(
        p.summary_text(),
        "4 new ratings, 0 already present, 2 new clients"
    );
}

#[test]
fn a_version_4_backup_still_imports_as_srs_sessions_of_their_own() {
    let p = preview_import(&Store::default(), V4).unwrap();
    assert_eq!(p.from_version, 4);
    assert_eq!(
        p.summary_text(),
        "1 new rating, 0 already present, 1 new client"
    );
    let r = &p.merged.ratings[0];
    assert_eq!(r.measure, MeasureKind::Srs);
    assert_eq!(r.session_key(), "0b6e7c1a-2d3f-4a5b-9c6d-7e8f9a0b1c2d");
    assert!(r.is_own_srs());
    assert_eq!(r.note.as_ref().unwrap().client_feedback, "good pace");
    assert_eq!(p.merged.clients[0].age_group, AgeGroup::Adult);
    assert_eq!(p.merged.unrated.len(), 2);
    // Backed up again, it is a version-5 file that reads back the same.
    let text = backup_json(&p.merged, now());
    assert!(text.starts_with(r#"{"schema":"attune","version":8,"#));
    assert!(
        !text.contains("\"measure\"") && !text.contains("\"rater\""),
        "defaults left out"
    );
    assert_eq!(decode(&text).unwrap().store, p.merged);
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

/// Which measure, which session (`None`: its own; else one of three shared
/// ones), which rater (0 client, 1 member, 2 collateral) and the collateral's label.
fn arb_measure() -> impl Strategy<Value = (bool, Option<u8>, u8, String)> {
    (any::<bool>(), prop::option::of(0u8..3), 0u8..3, arb_text())
}

prop_compose! {
    fn arb_store()(
        clients in prop::collection::vec((arb_text(), any::<bool>(), arb_time(), 0usize..3), 0..4),
        ratings in prop::collection::vec(
            (arb_time(), arb_time(), any::<prop::sample::Index>(), any::<bool>(),
             prop::collection::vec(0u16..=100, 1..6), prop::option::of((1u32..3000, 50u32..400, any::<bool>())),
             prop::option::of((arb_text(), arb_text())), arb_measure()),
            0..8),
        last_backup in prop::option::of(arb_time()),
    ) -> Store {
        let clients: Vec<Client> = clients.into_iter().enumerate().map(|(i, (label, archived, created_at, age))| {
            // Every other client has a therapist named like a label (any text).
            Client { id: format!("c{i}"), therapist: (i % 2 == 1).then(|| label.clone()), language: (i % 3 == 0).then(|| "es".to_string()), label, archived, created_at, updated_at: archived.then_some(created_at), age_group: AgeGroup::ALL[age], ..Default::default() }
        }).collect();
        let ratings = ratings.into_iter().enumerate().map(|(i, (rec, ses, who, assigned, scores, line, note, (ors, session, rater, collateral)))| Rating {
            id: format!("{i:08x}-0000-4000-8000-00000000000{}", i % 10),
            recorded_at: rec,
            session_at: ses,
            client_id: (assigned && !clients.is_empty()).then(|| clients[who.index(clients.len())].id.clone()),
            scores: scores.into_iter().map(|t| Tenths::new(t).unwrap()).collect(),
            scale_id: if ors { "ors-attune" } else { "srs-attune" }.into(),
            scale_version: 1,
            line: line.map(|(l, d, calibrated)| LineContext { line_tenth_mm: l, dpr_hundredths: d, calibrated }),
            updated_at: (i % 2 == 0).then_some(rec),
            note: note.map(|(client_feedback, therapist_response)| NoteInput { client_feedback, therapist_response }),
            measure: if ors { MeasureKind::Ors } else { MeasureKind::Srs },
            session_id: session.map(|k| format!("s{k}")),
            rater: match rater {
                0 => RaterRef::Client,
                // A member who is a stored client, or one who is not.
                1 => RaterRef::Member { id: clients.get(who.index(4)).map_or("gone".into(), |c| c.id.clone()) },
                _ => RaterRef::Collateral { id: format!("p{i}"), label: collateral.clone() },
            },
            therapist: (i % 3 == 0).then(|| format!("T {collateral}")),
            // Every fifth rating was given in another wording (any text).
            wording: (i % 5 == 0).then(|| Box::new(attune::domain::measures::language::Wording { language: "es".into(), name: collateral.clone(), pack: "attune-es".into(), version: 1 })),
        }).collect();
        Store { clients, ratings, last_backup_at: last_backup, unrated: Vec::new(), episode_ends: Vec::new() }
    }
}

fn measure_rank(kind: MeasureKind) -> u8 {
    match kind {
        MeasureKind::Ors => 0,
        MeasureKind::Srs => 1,
    }
}

fn rater_rank(rater: &RaterRef) -> u8 {
    match rater {
        RaterRef::Client => 0,
        RaterRef::Member { .. } => 1,
        RaterRef::Collateral { .. } => 2,
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
        let rows = parse_csv(&csv(&s, &scales()));
        prop_assert_eq!(rows.len(), s.ratings.len() + 1);
        let header = &rows[0];
        let width = header.len();
        let columns_of = |prefix: &str| -> Vec<usize> {
            (0..width).filter(|&i| header[i].starts_with(prefix)).collect()
        };
        let (ors_cols, srs_cols) = (columns_of("ORS: "), columns_of("SRS: "));
        prop_assert_eq!(&header[..6], ["client", "session", "session_at", "recorded_at", "measure", "rater"]);
        prop_assert_eq!(ors_cols.first(), Some(&6));
        prop_assert_eq!(srs_cols.first(), Some(&(6 + ors_cols.len())));
        let label_of = |id: &str| s.clients.iter().find(|c| c.id == id).map(|c| c.label.as_str());
        let label = |r: &Rating| r.client_id.as_deref().and_then(label_of).unwrap_or("");
        // A session is dated by its earliest measure.
        let session_at = |r: &Rating| s.ratings.iter().filter(|o| o.session_key() == r.session_key()).map(|o| o.session_at).min().unwrap();
        let mut sorted: Vec<&Rating> = s.ratings.iter().collect();
        sorted.sort_by(|a, b| {
            (label(a), &a.client_id, session_at(a), a.session_key(), measure_rank(a.measure), rater_rank(&a.rater), &a.id)
                .cmp(&(label(b), &b.client_id, session_at(b), b.session_key(), measure_rank(b.measure), rater_rank(&b.rater), &b.id))
        });
        for (row, r) in rows[1..].iter().zip(sorted) {
            prop_assert_eq!(row.len(), width);
            // The guard is one-way: a label that already began with `'=` reads back as is.
            prop_assert_eq!(&row[0], &guarded(label(r)));
            prop_assert_eq!(&row[1], r.session_key());
            prop_assert_eq!(time::parse(&row[2]), Ok(session_at(r)));
            prop_assert_eq!(time::parse(&row[3]), Ok(r.recorded_at));
            prop_assert_eq!(&row[4], r.measure.short());
            let rater = match &r.rater {
                RaterRef::Client => "client".to_string(),
                RaterRef::Member { id } => format!("member:{}", label_of(id).unwrap_or(id)),
                RaterRef::Collateral { label, .. } => format!("collateral:{label}"),
            };
            prop_assert_eq!(&row[5], &rater);
            let (own, other) = match r.measure {
                MeasureKind::Ors => (&ors_cols, &srs_cols),
                MeasureKind::Srs => (&srs_cols, &ors_cols),
            };
            let scores: Vec<Tenths> = own.iter().map(|&i| &row[i]).filter(|c| !c.is_empty()).map(|c| parse_score(c, attune::domain::words::Words::EN).unwrap()).collect();
            prop_assert_eq!(&scores, &r.scores);
            prop_assert!(other.iter().all(|&i| row[i].is_empty()), "the other scale's columns stay blank");
            prop_assert_eq!(&row[width - 6], &r.total().to_string());
            let band = match r.measure {
                MeasureKind::Srs => r.band().label(),
                MeasureKind::Ors => "",
            };
            prop_assert_eq!(&row[width - 5], band);
            let note = r.note.clone().unwrap_or_default();
            prop_assert_eq!(&row[width - 4], &guarded(note.client_feedback.trim()));
            prop_assert_eq!(&row[width - 3], &guarded(note.therapist_response.trim()));
            // Who held the session: its own record, else its client's therapist.
            let client = r.client_id.as_deref().and_then(|id| s.clients.iter().find(|c| c.id == id));
            let held = r.therapist.as_deref().or_else(|| client.and_then(|c| c.therapist.as_deref())).unwrap_or("");
            prop_assert_eq!(&row[width - 2], &guarded(held));
            // The wording the lines were shown in, last; empty for Attune's own English.
            let wording = r.wording.as_ref().map(|w| w.cell()).unwrap_or_default();
            prop_assert_eq!(&row[width - 1], &guarded(&wording));
        }
    }

    #[test]
    fn fhir_round_trips(s in arb_store(), t in arb_time()) {
        let b = fhir_bundle(&s, &scales(), t, &utc);
        let text = serde_json::to_string(&b).unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        let by_url = checked_entries(&back);
        let mut keys: Vec<&str> = s.ratings.iter().map(Rating::session_key).collect();
        keys.sort_unstable();
        keys.dedup();
        let count = |kind: &str| by_url.values().filter(|r| r["resourceType"] == kind).count();
        prop_assert_eq!(count("Questionnaire"), 2);
        prop_assert_eq!(count("Encounter"), keys.len());
        prop_assert_eq!(count("QuestionnaireResponse"), s.ratings.len());
        for r in &s.ratings {
            let qr = &by_url[&format!("urn:uuid:{}", r.id)];
            let got = answers(qr);
            prop_assert_eq!(&got[..r.scores.len()], r.scores.iter().map(|t| t.get()).collect::<Vec<_>>());
            prop_assert_eq!(got[r.scores.len()], r.total().tenths());
            prop_assert_eq!(time::parse(qr["authored"].as_str().unwrap()), Ok(r.recorded_at));
            let scale = if r.measure == MeasureKind::Ors { "ors-attune" } else { "srs-attune" };
            prop_assert_eq!(qr["questionnaire"].as_str().unwrap(), format!("https://attune.invalid/fhir/Questionnaire/{scale}|1"));
            // The encounter is the session's, dated its earliest measure.
            let enc = &by_url[qr["encounter"]["reference"].as_str().unwrap()];
            prop_assert_eq!(enc["id"].as_str(), Some(r.session_key()));
            let start = s.ratings.iter().filter(|o| o.session_key() == r.session_key()).map(|o| o.session_at).min();
            prop_assert_eq!(time::parse(enc["period"]["start"].as_str().unwrap()).ok(), start);
            let source = &qr["source"];
            match &r.rater {
                RaterRef::Collateral { label, .. } => {
                    prop_assert_eq!(&source["type"], "RelatedPerson");
                    prop_assert_eq!(source["display"].as_str(), Some(label.as_str()));
                }
                RaterRef::Member { .. } => prop_assert_eq!(&source["type"], "Patient"),
                RaterRef::Client => prop_assert_eq!(
                    source.get("display").and_then(Value::as_str),
                    qr["subject"].get("display").and_then(Value::as_str)
                ),
            }
        }
    }
}

#[test]
fn fhir_urls_percent_encode_all_but_unreserved_characters() {
    assert_eq!(
        questionnaire_url("srs-attune_2.0~x"),
        format!("{FHIR_BASE}/Questionnaire/srs-attune_2.0~x")
    );
    assert_eq!(
        questionnaire_url("my pack/ü?#%"),
        format!("{FHIR_BASE}/Questionnaire/my%20pack%2F%C3%BC%3F%23%25")
    );
    assert_eq!(
        codesystem_url("a+b"),
        format!("{FHIR_BASE}/CodeSystem/a%2Bb-items")
    );
}

#[test]
fn an_ended_episode_is_finished_with_its_date_and_reason_and_a_later_session_opens_the_next() {
    use attune::domain::records::episode_end::{EndReason, EpisodeEnd};
    let (mut s, sc) = (v5(), scales());
    // v5: client A's sessions r-0 and s-1, then B's s-2. End A's episode on
    // the day of s-1, then A comes back: a new session opens a second one.
    let s1 = s
        .ratings
        .iter()
        .find(|r| r.session_id.as_deref() == Some("s-1"))
        .unwrap()
        .clone();
    let a = s1.client_id.clone().unwrap();
    let ended_on = s1.session_at.date_naive();
    s.episode_ends.push(EpisodeEnd::new(
        "e-1",
        a.clone(),
        ended_on,
        EndReason::Unilateral,
        s1.session_at,
    ));
    let mut back = s1.clone();
    back.id = "r-back".into();
    back.session_id = None;
    back.session_at = s1.session_at + chrono::Duration::days(60);
    back.recorded_at = back.session_at;
    s.ratings.push(back);
    let b = fhir_bundle(&s, &sc, now(), &utc);
    let by_url = checked_entries(&b);
    let first = &by_url["https://attune.invalid/fhir/EpisodeOfCare/r-0"];
    assert_eq!(first["status"], "finished");
    assert_eq!(
        first["period"]["end"],
        ended_on.format("%Y-%m-%d").to_string()
    );
    assert_eq!(first["extension"][0]["valueCoding"]["code"], "unilateral");
    // A's return opens the second episode (its first visit may be a session
    // logged without a rating in between: v5 has one), still open.
    let second_url = by_url["https://attune.invalid/fhir/Encounter/r-back"]["episodeOfCare"][0]
        ["reference"]
        .as_str()
        .unwrap();
    assert_ne!(second_url, "https://attune.invalid/fhir/EpisodeOfCare/r-0");
    let second = &by_url[second_url];
    assert_eq!(second["status"], "active");
    assert!(second["period"].get("end").is_none());
    assert_eq!(second["patient"], first["patient"]);
    assert_eq!(
        by_url["https://attune.invalid/fhir/Encounter/s-1"]["episodeOfCare"][0]["reference"],
        "https://attune.invalid/fhir/EpisodeOfCare/r-0"
    );
}
