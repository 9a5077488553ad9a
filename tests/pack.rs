//! Wording packs: the sample pack reads, and every refusal is named with
//! where it is and what is wrong.

use attune::domain::measures::pack::{
    is_language_tag, limits, read_pack, read_pack_bytes, Problem, PACK_FORMAT, PACK_MAX_BYTES,
    PACK_MAX_LANGUAGES,
};
use attune::domain::measures::scale::{ScaleDefinition, Scales};
use attune::domain::words::Words;
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../docs/wording-pack.sample.json");

fn sample() -> Value {
    serde_json::from_str(SAMPLE).unwrap()
}

fn builtin() -> Scales {
    Scales::builtin()
}

/// The problem `read_pack` finds in `v`, and where.
fn refusal(v: &Value) -> (String, Problem) {
    let e = read_pack(&v.to_string(), &builtin()).expect_err("refused");
    // Settings says it in the page's language; in English, as `Display` does.
    assert_eq!(e.words(Words::EN), e.to_string());
    (e.at, e.problem)
}

fn first_language(v: &mut Value) -> &mut Value {
    &mut v["languages"][0]
}

fn srs_item(v: &mut Value, n: usize) -> &mut Value {
    &mut first_language(v)["measures"]["srs-attune"]["items"][n]
}

#[test]
fn the_sample_pack_reads_as_the_built_in_wording() {
    let pack = read_pack(SAMPLE, &builtin()).unwrap();
    assert_eq!(pack.id, "attune-sample");
    assert_eq!(pack.version, 1);
    assert_eq!(pack.languages.len(), 1);
    let en = pack.language("EN").expect("found whatever the case");
    assert_eq!(en.tag, "en");
    assert!(!en.right_to_left);
    // Same ids, versions, items, faces and words; only the note differs.
    for (got, want) in en.scales.all().into_iter().zip(builtin().all()) {
        let mut got = got.clone();
        assert_eq!(
            got.wording_note,
            "Wording from the pack \"Attune's own wording (sample pack)\"."
        );
        got.wording_note = want.wording_note.clone();
        assert_eq!(&got, want);
    }
}

#[test]
fn a_second_language_keeps_the_built_in_identity_and_takes_its_own_words() {
    let mut v = sample();
    let mut es = v["languages"][0].clone();
    es["language"] = json!("es-419");
    es["name"] = json!("Español");
    es["measures"]["srs-attune"]["items"][0]["title"] = json!("La relación");
    es["measures"]["srs-attune"]["heading"] = json!("¿Cómo fue la sesión de hoy?");
    v["languages"].as_array_mut().unwrap().push(es);
    let mut ar = v["languages"][0].clone();
    ar["language"] = json!("ar");
    ar["name"] = json!("العربية");
    ar["right_to_left"] = json!(true);
    v["languages"].as_array_mut().unwrap().push(ar);
    let pack = read_pack(&v.to_string(), &builtin()).unwrap();
    let es = pack.language("es-419").unwrap();
    assert_eq!(es.name, "Español");
    assert_eq!(es.scales.srs.items[0].title, "La relación");
    assert_eq!(es.scales.srs.items[0].id, "relationship");
    assert_eq!(es.scales.srs.id, builtin().srs.id);
    assert_eq!(es.scales.srs.version, builtin().srs.version);
    assert_eq!(es.scales.srs.max_total(), builtin().srs.max_total());
    assert!(es.scales.child_srs.faces);
    assert!(pack.language("ar").unwrap().right_to_left);
    assert!(pack.language("fr").is_none());
}

#[test]
fn files_that_are_not_packs_are_named_as_such() {
    let cases = [
        ("not json", "{".to_string()),
        (
            "a backup",
            json!({"version": 5, "clients": [], "ratings": []}).to_string(),
        ),
        (
            "a scale",
            include_str!("../scales/srs-attune.json").to_string(),
        ),
    ];
    for (what, file) in cases {
        let e = read_pack(&file, &builtin()).expect_err(what);
        assert!(
            matches!(e.problem, Problem::NotAPack | Problem::Shape(_)),
            "{what}: {e:?}"
        );
        assert_eq!(e.at, "", "{what}");
    }
    let e = read_pack(&json!({"format": "something-else"}).to_string(), &builtin()).unwrap_err();
    assert_eq!(e.problem, Problem::NotAPack);
    assert_eq!(
        e.to_string(),
        format!("this file is not a wording pack (its \"format\" is not \"{PACK_FORMAT}\")")
    );
}

#[test]
fn a_newer_format_and_bad_versions_and_ids_are_refused() {
    let mut v = sample();
    v["format_version"] = json!(2);
    assert_eq!(refusal(&v).1, Problem::NewerFormat(2));
    let mut v = sample();
    v["format_version"] = json!(0);
    assert_eq!(refusal(&v), ("format_version".into(), Problem::BadVersion));
    let mut v = sample();
    v["version"] = json!(0);
    assert_eq!(refusal(&v), ("version".into(), Problem::BadVersion));
    for bad in ["", "has space", "slash/", "ü", &"x".repeat(65)] {
        let mut v = sample();
        v["id"] = json!(bad);
        assert_eq!(refusal(&v), ("id".into(), Problem::BadId), "{bad:?}");
    }
    let mut v = sample();
    v["id"] = json!("clinic-2026_v1.a");
    assert!(read_pack(&v.to_string(), &builtin()).is_ok());
}

#[test]
fn unknown_and_missing_fields_are_named() {
    let mut v = sample();
    v["colour"] = json!("blue");
    let (at, p) = refusal(&v);
    assert_eq!(at, "");
    assert!(
        matches!(&p, Problem::Shape(why) if why.contains("unknown field `colour`")),
        "{p:?}"
    );
    let mut v = sample();
    srs_item(&mut v, 1).as_object_mut().unwrap().remove("left");
    assert!(matches!(refusal(&v).1, Problem::Shape(why) if why.contains("missing field `left`")));
    let mut v = sample();
    v.as_object_mut().unwrap().remove("licence");
    assert!(
        matches!(refusal(&v).1, Problem::Shape(why) if why.contains("missing field `licence`"))
    );
}

#[test]
fn a_pack_holds_one_to_forty_languages_each_once_with_a_real_tag() {
    let mut v = sample();
    v["languages"] = json!([]);
    assert_eq!(refusal(&v), ("languages".into(), Problem::LanguageCount(0)));
    let mut v = sample();
    let one = v["languages"][0].clone();
    let many: Vec<Value> = (0..=PACK_MAX_LANGUAGES)
        .map(|i| {
            let mut l = one.clone();
            l["language"] = json!(format!("en-x{i}"));
            l
        })
        .collect();
    v["languages"] = json!(many[..PACK_MAX_LANGUAGES]);
    assert!(read_pack(&v.to_string(), &builtin()).is_ok(), "forty fit");
    v["languages"] = json!(many);
    assert_eq!(
        refusal(&v).1,
        Problem::LanguageCount(PACK_MAX_LANGUAGES + 1)
    );

    let mut v = sample();
    first_language(&mut v)["language"] = json!("english");
    assert_eq!(
        refusal(&v),
        (
            "language 1".into(),
            Problem::BadLanguageTag("english".into())
        )
    );
    let mut v = sample();
    let mut again = v["languages"][0].clone();
    again["language"] = json!("EN");
    v["languages"].as_array_mut().unwrap().push(again);
    assert_eq!(
        refusal(&v),
        (
            "language 2 (EN)".into(),
            Problem::DuplicateLanguage("EN".into())
        )
    );
}

#[test]
fn language_tags_have_bcp_47_s_shape() {
    for good in ["es", "es-419", "pt-BR", "zh-Hant-TW", "fil", "en-x1"] {
        assert!(is_language_tag(good), "{good}");
    }
    for bad in [
        "",
        "e",
        "engl",
        "es_ES",
        "es-",
        "-es",
        "es-toolongsubtag",
        "1a",
        "es-€",
    ] {
        assert!(!is_language_tag(bad), "{bad}");
    }
}

#[test]
fn every_measure_is_worded_and_no_other() {
    let mut v = sample();
    first_language(&mut v)["measures"]
        .as_object_mut()
        .unwrap()
        .remove("srs-group-attune");
    assert_eq!(
        refusal(&v),
        (
            "language 1 (en)".into(),
            Problem::MissingMeasure("srs-group-attune".into())
        )
    );
    let mut v = sample();
    let srs = first_language(&mut v)["measures"]["srs-attune"].clone();
    first_language(&mut v)["measures"]["phq-9"] = srs;
    assert_eq!(
        refusal(&v),
        (
            "language 1 (en)".into(),
            Problem::UnknownMeasure("phq-9".into())
        )
    );
}

#[test]
fn the_items_are_the_built_in_ones_in_their_order() {
    let expected: Vec<String> = builtin().srs.items.iter().map(|i| i.id.clone()).collect();
    let at = "language 1 (en) › SRS (\"srs-attune\")".to_string();
    // Two swapped.
    let mut v = sample();
    let items = first_language(&mut v)["measures"]["srs-attune"]["items"]
        .as_array_mut()
        .unwrap();
    items.swap(0, 1);
    let (got_at, p) = refusal(&v);
    assert_eq!(got_at, at);
    let Problem::Items { expected: e, found } = p else {
        panic!("{p:?}")
    };
    assert_eq!(e, expected);
    assert_eq!(found[0], expected[1]);
    // One left out, or none at all.
    let mut v = sample();
    first_language(&mut v)["measures"]["srs-attune"]["items"]
        .as_array_mut()
        .unwrap()
        .pop();
    assert!(matches!(refusal(&v).1, Problem::Items { found, .. } if found.len() == 3));
    let mut v = sample();
    first_language(&mut v)["measures"]["srs-attune"]["items"] = json!([]);
    let e = read_pack(&v.to_string(), &builtin()).unwrap_err();
    assert!(e.to_string().ends_with("the pack has none"), "{e}");
}

#[test]
fn each_text_is_present_within_its_limit_and_plain() {
    let item_at = "language 1 (en) › SRS (\"srs-attune\") › item 2 (goals)";
    let cases: [(&str, usize); 4] = [
        ("title", limits::TITLE),
        ("left", limits::END),
        ("right", limits::END),
        ("read_aloud", limits::READ_ALOUD),
    ];
    for (field, max) in cases {
        let place = match field {
            "left" => "left end",
            "right" => "right end",
            "read_aloud" => "read aloud",
            f => f,
        };
        let at = format!("{item_at} › {place}");
        let with = |s: String| {
            let mut v = sample();
            srs_item(&mut v, 1)[field] = json!(s);
            v
        };
        // Exactly the limit fits (counted in characters, not bytes).
        assert!(
            read_pack(&with("é".repeat(max)).to_string(), &builtin()).is_ok(),
            "{field}"
        );
        assert_eq!(
            refusal(&with("é".repeat(max + 1))),
            (at.clone(), Problem::TooLong { max, len: max + 1 })
        );
        assert_eq!(refusal(&with("   ".into())), (at.clone(), Problem::Empty));
        assert_eq!(
            refusal(&with("<b>Goals</b>".into())),
            (at.clone(), Problem::Markup)
        );
        assert_eq!(
            refusal(&with("two\nlines".into())),
            (at.clone(), Problem::Control)
        );
        assert_eq!(refusal(&with("a\u{7}bell".into())), (at, Problem::Control));
    }
    // The measure's own texts and the pack's.
    let mut v = sample();
    first_language(&mut v)["measures"]["ors-attune"]["intro"] =
        json!("x".repeat(limits::INTRO + 1));
    assert_eq!(
        refusal(&v).0,
        "language 1 (en) › ORS (\"ors-attune\") › intro"
    );
    let mut v = sample();
    first_language(&mut v)["measures"]["srs-child-attune"]["heading"] = json!("");
    assert_eq!(
        refusal(&v),
        (
            "language 1 (en) › child SRS (\"srs-child-attune\") › heading".into(),
            Problem::Empty
        )
    );
    let mut v = sample();
    v["licence"] = json!("x".repeat(limits::LICENCE + 1));
    assert_eq!(refusal(&v).0, "licence");
    let mut v = sample();
    first_language(&mut v)["name"] = json!("<i>English</i>");
    assert_eq!(
        refusal(&v),
        ("language 1 (en) › name".into(), Problem::Markup)
    );
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let big = format!(
        "{{\"format\": \"{PACK_FORMAT}\", \"pad\": \"{}\"}}",
        "x".repeat(PACK_MAX_BYTES)
    );
    let e = read_pack(&big, &builtin()).unwrap_err();
    assert_eq!(e.problem, Problem::TooLarge(big.len()));
    assert_eq!(
        e.to_string(),
        "the file is 513 KB; a wording pack may be at most 512 KB"
    );
}

#[test]
fn a_refusal_reads_as_a_sentence_naming_its_place() {
    let mut v = sample();
    srs_item(&mut v, 2)["right"] = json!("x".repeat(limits::END + 12));
    let e = read_pack(&v.to_string(), &builtin()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "language 1 (en) › SRS (\"srs-attune\") › item 3 (approach) › right end: the text is 212 characters long; at most 200 fit"
    );
}

#[test]
fn a_file_is_read_as_utf_8_with_or_without_its_mark_and_nothing_else() {
    assert!(read_pack_bytes(SAMPLE.as_bytes(), &builtin()).is_ok());
    let mut marked = b"\xEF\xBB\xBF".to_vec();
    marked.extend_from_slice(SAMPLE.as_bytes());
    assert!(read_pack_bytes(&marked, &builtin()).is_ok());
    // "Español" saved as Latin-1: refused, not turned into other letters.
    let latin1: Vec<u8> = SAMPLE
        .replacen("\"English\"", "\"Espa\u{f1}ol\"", 1)
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let e = read_pack_bytes(&latin1, &builtin()).unwrap_err();
    assert_eq!(e.problem, Problem::NotUtf8);
}

/// Every text a person rating reads or hears in one scale, named for a
/// failure message.
fn texts(scale: &ScaleDefinition) -> Vec<(String, &str)> {
    let mut all = vec![
        (format!("{} › name", scale.id), scale.name.as_str()),
        (format!("{} › heading", scale.id), scale.heading.as_str()),
        (format!("{} › intro", scale.id), scale.intro.as_str()),
    ];
    for item in &scale.items {
        let at = format!("{} › {}", scale.id, item.id);
        all.push((format!("{at} › title"), item.title.as_str()));
        all.push((format!("{at} › left"), item.left.as_str()));
        all.push((format!("{at} › right"), item.right.as_str()));
        all.push((format!("{at} › read_aloud"), item.read_aloud.as_str()));
    }
    all
}

/// The lower-case words of a text (letters only), so a word is found at a
/// sentence's start or before a comma as well as between spaces.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn the_shipped_spanish_pack_words_every_measure_in_spanish() {
    let pack = read_pack_bytes(include_bytes!("../packs/es.json"), &builtin())
        .expect("the shipped Spanish pack passes every check");
    assert_eq!(pack.id, "attune-es");
    assert!(pack.licence.contains("not the official SRS/ORS text"));
    assert_eq!(pack.languages.len(), 1);
    let es = pack.language("es").expect("the pack's language is es");
    assert_eq!(es.name, "Español");
    assert!(!es.right_to_left);
    let builtin = builtin();
    for (got, want) in es.scales.all().into_iter().zip(builtin.all()) {
        // The built-in identity: the same measure, items and order.
        assert_eq!(got.id, want.id);
        assert_eq!(got.version, want.version);
        assert_eq!(got.faces, want.faces, "{}", got.id);
        let ids = |s: &ScaleDefinition| s.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(got), ids(want), "{}: item ids and order", got.id);
        // Every text translated: none left as Attune's English.
        for ((at, es_text), (_, en_text)) in texts(got).into_iter().zip(texts(want)) {
            assert!(!es_text.trim().is_empty(), "{at} is empty");
            assert_ne!(es_text, en_text, "{at} is still the English text");
            // English words that are never Spanish ones: a sentence left
            // half translated, or pasted from the English by mistake.
            for english in [
                "the", "and", "you", "your", "of", "to", "is", "was", "with", "for",
            ] {
                assert!(
                    !words(es_text).iter().any(|w| w == english),
                    "{at} has the English word \"{english}\": {es_text}"
                );
            }
            // The register: usted for adults, tú for children.
            let register: &[&str] = if got.faces {
                &["usted"]
            } else {
                &["tú", "tu", "tus", "ti", "te", "contigo"]
            };
            for word in register {
                assert!(
                    !words(es_text).iter().any(|w| w == word),
                    "{at} uses \"{word}\", the wrong register for this version: {es_text}"
                );
            }
        }
    }
}
