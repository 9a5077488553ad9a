//! A client's language for the measures: the languages offered, where each
//! language's words come from, the words text the therapist page leaves for
//! the form, the client's and the rating's new fields (kept through older
//! tabs, backups and the spreadsheet), and scores that never depend on the
//! wording.

mod common;

use attune::domain::export::{backup_json, csv};
use attune::domain::measures::language::{
    encode_words, offered, read_words, resolve, shipped_spanish, Wording, EVERY_CLIENT, SHIPPED_ES,
    WORDS_KEY,
};
use attune::domain::measures::pack::{read_pack, Pack};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::Scales;
use attune::domain::measures::score::Tenths;
use attune::domain::measures::status::status;
use attune::domain::records::clients::set_language;
use attune::domain::records::draft::Draft;
use attune::domain::records::older::{fill_client, fill_rating, knows, since, Field};
use attune::domain::records::store::{self, Store};
use common::{at, client, january, srs};

/// `base` in the client's words, and the wording to record, as the form
/// reads them; on `None` the scale must be left as it was.
fn words(
    text: &str,
    client_id: &str,
    base: &attune::domain::measures::scale::ScaleDefinition,
) -> Option<(attune::domain::measures::scale::ScaleDefinition, Wording)> {
    let mut scale = base.clone();
    match read_words(text, client_id, &mut scale) {
        Some(w) => Some((scale, w)),
        None => {
            assert_eq!(&scale, base, "a refused text changes nothing");
            None
        }
    }
}

fn scales() -> Scales {
    Scales::builtin()
}

fn spanish() -> Pack {
    shipped_spanish(&scales()).expect("Attune's own Spanish passes the pack's checks")
}

/// Attune's own Spanish, relabelled as another pack (a clinic's), with its
/// language tag `tag` and its heading changed so its words can be told apart.
fn clinic_pack(tag: &str) -> Pack {
    let text = SHIPPED_ES
        .replace("\"attune-es\"", "\"clinic-2026\"")
        .replace("\"language\": \"es\"", &format!("\"language\": \"{tag}\""));
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["name"] = "Clinic wording".into();
    value["languages"][0]["measures"]["srs-attune"]["heading"] = "Encabezado de la clínica".into();
    read_pack(&value.to_string(), &scales()).unwrap()
}

#[test]
fn attune_s_own_spanish_is_offered_without_any_pack() {
    let es = spanish();
    assert_eq!((es.id.as_str(), es.version), ("attune-es", 1));
    let list = offered(None, Some(&es));
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].tag, "es");
    assert!(
        list[0].label.starts_with("Español (es)"),
        "{}",
        list[0].label
    );
}

#[test]
fn a_loaded_pack_s_language_comes_first_and_wins_over_the_shipped_one() {
    let es = spanish();
    let clinic = clinic_pack("es");
    // The clinic's Spanish (its licensed words) is used, not Attune's own.
    let (p, l) = resolve("es", Some(&clinic), Some(&es)).unwrap();
    assert_eq!(p.id, "clinic-2026");
    assert_eq!(l.scales.srs.heading, "Encabezado de la clínica");
    // Offered once, under the clinic's pack.
    let list = offered(Some(&clinic), Some(&es));
    assert_eq!(list.len(), 1);
    assert!(
        list[0].label.ends_with("Clinic wording"),
        "{}",
        list[0].label
    );
    // Another language of the pack is offered beside Attune's own Spanish.
    let fr = clinic_pack("fr");
    let tags: Vec<String> = offered(Some(&fr), Some(&es))
        .into_iter()
        .map(|o| o.tag)
        .collect();
    assert_eq!(tags, ["fr", "es"]);
    // Tags are compared without regard to case; an unknown one has no words.
    assert!(resolve("ES", None, Some(&es)).is_some());
    assert!(resolve("de", Some(&fr), Some(&es)).is_none());
}

#[test]
fn the_words_text_gives_each_client_their_language_for_every_scale() {
    let es = spanish();
    let s = scales();
    let text = encode_words(
        &[("c-1", "es"), ("c-2", "de"), ("c-3", "es")],
        None,
        Some(&es),
    );
    assert!(text.starts_with("attune-words 1\n"));
    // Spanish once, however many clients rate in it; `de` has no words.
    assert_eq!(text.matches("l\tes\n").count(), 1);
    assert!(!text.contains("c-2"));
    for base in s.all() {
        let (words, wording) = words(&text, "c-1", base).expect("every scale");
        let want = es.language("es").unwrap().scales.all()
            [s.all().iter().position(|x| x.id == base.id).unwrap()]
        .clone();
        assert_eq!(words.heading, want.heading, "{}", base.id);
        assert_eq!(words.intro, want.intro);
        for (got, want) in words.items.iter().zip(&want.items) {
            assert_eq!(
                (&got.title, &got.left, &got.right),
                (&want.title, &want.left, &want.right)
            );
        }
        // Only words change: the id, version, items and faces stay built in.
        assert_eq!(
            (&words.id, words.version, words.faces),
            (&base.id, base.version, base.faces)
        );
        let ids: Vec<&str> = words.items.iter().map(|i| i.id.as_str()).collect();
        let base_ids: Vec<&str> = base.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, base_ids);
        assert_eq!(
            wording,
            Wording {
                language: "es".into(),
                name: "Español".into(),
                pack: "attune-es".into(),
                version: 1
            }
        );
    }
    assert!(words(&text, "c-3", &s.srs).is_some());
}

#[test]
fn without_a_language_or_words_the_form_keeps_the_built_in_english() {
    let es = spanish();
    let s = scales();
    // Nobody has a language: nothing to store at all.
    assert_eq!(encode_words(&[], None, Some(&es)), "");
    assert_eq!(encode_words(&[("c-1", "de")], None, Some(&es)), "");
    let text = encode_words(&[("c-1", "es")], None, Some(&es));
    // Another client, a scale of another version, a text cut short, another format.
    assert!(words(&text, "c-9", &s.srs).is_none());
    assert!(words(&text, "c-", &s.srs).is_none());
    let mut newer = s.srs.clone();
    newer.version += 1;
    assert!(words(&text, "c-1", &newer).is_none());
    // Cut short within the SRS's lines: fewer lines than its items need.
    let srs_at = text.find("s\tsrs-attune\t").unwrap();
    let cut = &text[..srs_at + text[srs_at..].match_indices('\n').nth(5).unwrap().0];
    assert!(words(cut, "c-1", &s.srs).is_none());
    assert!(words(
        &text.replace("attune-words 1", "attune-words 2"),
        "c-1",
        &s.srs
    )
    .is_none());
    assert!(words("", "c-1", &s.srs).is_none());
}

#[test]
fn the_same_marks_in_english_and_spanish_give_the_same_scores_and_status() {
    let s = scales();
    let text = encode_words(&[("c-1", "es")], None, Some(&spanish()));
    for (base, marks) in [
        (&s.srs, [95, 62, 88, 71]),
        (&s.ors, [35, 40, 41, 34]),
        (&s.srs, [100, 100, 100, 100]),
    ] {
        let (es_scale, wording) = words(&text, "c-1", base).unwrap();
        let rate = |scale: &attune::domain::measures::scale::ScaleDefinition| -> Rating {
            let mut d = Draft::for_session(
                scale,
                if base.id == s.ors.id {
                    attune::domain::measures::kinds::MeasureKind::Ors
                } else {
                    attune::domain::measures::kinds::MeasureKind::Srs
                },
                "c-1",
                "s-1",
            );
            for (slot, m) in d.scores.iter_mut().zip(marks) {
                *slot = Some(Tenths::new(m).unwrap());
            }
            d.complete("r-1".into(), january(5)).unwrap()
        };
        let english = rate(base);
        let mut spanish = rate(&es_scale);
        spanish.wording = Some(Box::new(wording));
        assert_eq!(english.scores, spanish.scores);
        assert_eq!(
            (&english.scale_id, english.scale_version),
            (&spanish.scale_id, spanish.scale_version)
        );
        assert_eq!(english.total(), spanish.total());
        assert_eq!(english.band(), spanish.band());
        // The status is read against the built-in scale, whatever the words.
        assert_eq!(
            status(base, &english, attune::domain::words::Words::EN),
            status(base, &spanish, attune::domain::words::Words::EN)
        );
    }
}

#[test]
fn a_client_s_language_is_set_stamped_and_left_out_when_absent() {
    let mut s = Store {
        clients: vec![client("c-1", "AB", january(1))],
        ..Store::default()
    };
    let text = store::encode(&s);
    assert!(!text.contains("language"), "{text}");
    set_language(&mut s, "c-1", Some("es"), january(3)).unwrap();
    assert_eq!(s.clients[0].language.as_deref(), Some("es"));
    assert_eq!(s.clients[0].updated_at, Some(january(3)));
    let text = store::encode(&s);
    assert!(text.contains(r#""language":"es""#), "{text}");
    assert_eq!(store::decode(&text).unwrap().store, s);
    // The same language again changes nothing, not even the stamp.
    set_language(&mut s, "c-1", Some("es"), january(4)).unwrap();
    assert_eq!(s.clients[0].updated_at, Some(january(3)));
    // Back to Attune's own English.
    set_language(&mut s, "c-1", None, january(5)).unwrap();
    assert_eq!(s.clients[0].language, None);
    assert_eq!(s.clients[0].updated_at, Some(january(5)));
    assert!(set_language(&mut s, "c-9", Some("es"), january(5)).is_err());
}

#[test]
fn an_older_tab_never_clears_a_language_or_a_wording() {
    assert_eq!(since(Field::Language), 7);
    assert!(!knows(6, Field::Language) && knows(7, Field::Language));
    // A version-6 tab renames the client later: its copy has no language.
    let mut ours = client("c-1", "AB", january(1));
    ours.language = Some("es".into());
    let mut theirs = client("c-1", "AB 2", january(1));
    theirs.updated_at = Some(january(4));
    let mut merged = theirs.clone();
    fill_client(&mut merged, &ours, 6);
    assert_eq!(
        (merged.label.as_str(), merged.language.as_deref()),
        ("AB 2", Some("es"))
    );
    // A version-7 copy that leaves it out does not clear it either.
    let mut merged = theirs.clone();
    fill_client(&mut merged, &ours, 7);
    assert_eq!(merged.language.as_deref(), Some("es"));
    // A rating's wording the same way (an older tab edits the note).
    let mut r = srs("r-1", Some("c-1"), january(2), &[80, 80, 80, 80]);
    r.wording = Some(Box::new(Wording {
        language: "es".into(),
        name: "Español".into(),
        pack: "attune-es".into(),
        version: 1,
    }));
    let mut older = r.clone();
    older.wording = None;
    older.updated_at = Some(january(6));
    fill_rating(&mut older, &r, 6);
    assert_eq!(older.wording, r.wording);
    // Through the whole merge of an older document.
    let mine = Store {
        clients: vec![ours],
        ratings: vec![r.clone()],
        ..Store::default()
    };
    let doc = Store {
        clients: vec![theirs],
        ratings: vec![Rating {
            wording: None,
            updated_at: Some(at("2026-01-06T10:00:00Z")),
            ..r.clone()
        }],
        ..Store::default()
    };
    let (out, _) = attune::domain::records::older::merge_older(&mine, &doc, 6);
    assert_eq!(out.clients[0].language.as_deref(), Some("es"));
    assert_eq!(out.ratings[0].wording, r.wording);
}

#[test]
fn the_wording_is_kept_in_the_record_the_backup_and_the_spreadsheet_s_last_column() {
    let mut r = srs("r-1", Some("c-1"), january(2), &[80, 80, 80, 80]);
    let english = r.clone();
    r.wording = Some(Box::new(Wording {
        language: "es".into(),
        name: "Español".into(),
        pack: "attune-es".into(),
        version: 1,
    }));
    // The form's hand codec writes what serde writes, and serde reads it back.
    let text = attune::domain::records::codec::rating::encode(&r);
    assert_eq!(text, serde_json::to_string(&r).unwrap());
    assert!(text.ends_with(
        r#""wording":{"language":"es","name":"Español","pack":"attune-es","version":1}}"#
    ));
    assert_eq!(serde_json::from_str::<Rating>(&text).unwrap(), r);
    assert!(!serde_json::to_string(&english).unwrap().contains("wording"));
    // The therapist page takes the form's record in, wording and all.
    let taken = attune::domain::records::inbox::decode(
        &attune::domain::records::inbox::key("r-1"),
        &text,
        &scales(),
    )
    .expect("a rating with its wording is taken in");
    assert_eq!(taken, r);
    let s = Store {
        clients: vec![client("c-1", "AB", january(1))],
        ratings: vec![
            english,
            Rating {
                id: "r-2".into(),
                ..r
            },
        ],
        ..Store::default()
    };
    let backup = backup_json(&s, january(9));
    assert_eq!(store::decode(&backup).unwrap().store, s);
    let sheet = csv(&s, &scales());
    let lines: Vec<&str> = sheet.lines().collect();
    assert!(lines[0].ends_with(",therapist,wording"), "{}", lines[0]);
    assert!(lines[1].ends_with(",poor,,,,"), "{}", lines[1]);
    assert!(
        lines[2].ends_with(",poor,,,,es attune-es 1"),
        "{}",
        lines[2]
    );
}

#[test]
fn a_client_id_holding_a_line_break_never_words_another_client_s_form() {
    // A client record from a backup or another device can carry any id;
    // one holding line breaks must not write structure into the words text
    // (here: a forged Spanish with its own SRS heading, ahead of the real one).
    let es = spanish();
    let s = scales();
    let mut forged = format!(
        "x\tes\nl\tes\nforged\n1\nForged\ns\t{}\t{}\nFORGED HEADING\nforged intro\n",
        s.srs.id, s.srs.version
    );
    for _ in &s.srs.items {
        forged.push_str("forged\nforged\nforged\n");
    }
    forged.push('x');
    let text = encode_words(&[("c-1", "es"), (&forged, "es")], None, Some(&es));
    let (scale, wording) = words(&text, "c-1", &s.srs).expect("c-1's own Spanish");
    assert_eq!(wording.pack, "attune-es");
    assert_eq!(scale.heading, es.language("es").unwrap().scales.srs.heading);
    // Every line of the text is one the encoder meant: no id spans two.
    assert!(!text.contains("FORGED"), "{text}");
}

#[test]
fn words_that_cannot_be_stored_never_leave_a_client_s_former_language_behind() {
    use attune::platform::memory::MemoryStore;
    use attune::platform::KeyValue;
    use attune::storage::pack::write_words;
    let (es, fr) = (spanish(), clinic_pack("fr"));
    let s = scales();
    let kv = MemoryStore::new();
    let before = encode_words(&[("c-1", "es")], Some(&fr), Some(&es));
    write_words(&kv, &before).unwrap();
    assert!(words(&kv.get(WORDS_KEY).unwrap(), "c-1", &s.srs).is_some());
    // The therapist changes c-1 to French (and c-2 to Spanish); the device's
    // storage is too full for the new words.
    kv.set_quota(Some(kv.used_units().unwrap() + 10));
    let after = encode_words(&[("c-1", "fr"), ("c-2", "es")], Some(&fr), Some(&es));
    assert!(write_words(&kv, &after).is_err());
    // c-1 must not go on rating in Spanish: the built-in English rather.
    let left = kv.get(WORDS_KEY).unwrap_or_default();
    assert!(
        words(&left, "c-1", &s.srs).is_none(),
        "stale words: {left:.60}"
    );
}

#[test]
fn the_device_s_wording_serves_every_client_without_a_language_and_a_rating_of_no_client() {
    let es = spanish();
    let clinic = clinic_pack("en-GB");
    let s = scales();
    // The device shows the clinic's pack to all; one client rates in
    // Spanish, one chose a language this device lacks.
    let text = encode_words(
        &[("c-1", "es"), (EVERY_CLIENT, "en-GB"), ("c-2", "de")],
        Some(&clinic),
        Some(&es),
    );
    let heading = |client: &str| words(&text, client, &s.srs).map(|(w, l)| (w.heading, l.language));
    assert_eq!(
        heading("c-9"),
        Some(("Encabezado de la clínica".into(), "en-GB".into())),
        "a client without a language of their own"
    );
    assert_eq!(heading(""), heading("c-9"), "a rating of no client");
    let spanish_heading = es.language("es").unwrap().scales.srs.heading.clone();
    assert_eq!(
        heading("c-1"),
        Some((spanish_heading, "es".into())),
        "their own wins"
    );
    // A choice the device has no words for is the built-in English, never the device's.
    assert!(text.contains("c\tc-2\tde\n"));
    assert_eq!(heading("c-2"), None);
    // The client's line wins wherever it stands.
    let moved =
        text.replace("c\tc-1\tes\n", "")
            .replacen("c\tc-2\tde\n", "c\tc-2\tde\nc\tc-1\tes\n", 1);
    assert!(
        moved.find("c\tc-1\t") > moved.find("c\t*\t"),
        "after the device's line"
    );
    assert_eq!(
        words(&moved, "c-1", &s.srs).map(|(_, l)| l.language),
        Some("es".into())
    );
}

#[test]
fn a_device_wording_no_source_has_writes_nothing_and_leaves_choices_as_before() {
    let es = spanish();
    // No pack holds `fr`: no device words, and an unworded choice needs no line.
    assert_eq!(encode_words(&[(EVERY_CLIENT, "fr")], None, Some(&es)), "");
    let text = encode_words(
        &[(EVERY_CLIENT, "fr"), ("c-1", "es"), ("c-2", "de")],
        None,
        Some(&es),
    );
    assert_eq!(text, encode_words(&[("c-1", "es")], None, Some(&es)));
    assert!(words(&text, "", &scales().srs).is_none());
}

#[test]
fn a_client_language_holding_a_line_break_never_words_another_client_s_form() {
    // A client record from a backup or another device can carry any
    // language; one no source has is written as it is beside the device's
    // wording, and must not write structure (here: a line giving `c-2`,
    // who chose nothing, Spanish).
    let es = spanish();
    let clinic = clinic_pack("en-GB");
    let s = scales();
    let text = encode_words(
        &[
            ("c-1", "de\nc\tc-2\tes"),
            ("c-3", "es"),
            (EVERY_CLIENT, "en-GB"),
        ],
        Some(&clinic),
        Some(&es),
    );
    let language = |client: &str| words(&text, client, &s.srs).map(|(_, l)| l.language);
    assert_eq!(
        language("c-2"),
        Some("en-GB".into()),
        "the device's wording"
    );
    assert_eq!(language("c-1"), None, "a choice with no words: English");
    assert_eq!(language("c-3"), Some("es".into()));
}

#[test]
fn a_client_whose_id_is_the_device_line_s_never_puts_their_language_on_every_form() {
    use attune::domain::measures::language::chosen_languages;
    let es = spanish();
    let s = scales();
    // Any id can come from a backup or another device: `*` too.
    let list = chosen_languages([("*", Some("es")), ("c-1", None)], None);
    let text = encode_words(&list, None, Some(&es));
    assert!(
        words(&text, "c-1", &s.srs).is_none(),
        "c-1 rates in English"
    );
    assert!(
        words(&text, "", &s.srs).is_none(),
        "a rating of no client too"
    );
    // The device's own wording still reaches every client.
    let list = chosen_languages([("*", Some("de")), ("c-1", None)], Some("es"));
    let text = encode_words(&list, None, Some(&es));
    assert_eq!(
        words(&text, "c-1", &s.srs).map(|(_, l)| l.language),
        Some("es".into())
    );
}

#[test]
fn words_reach_a_client_s_draft_always_and_a_draft_of_no_client_only_through_the_device_s_wording()
{
    use attune::domain::measures::language::words_reach;
    let es = spanish();
    let clients_only = encode_words(&[("c-1", "es")], None, Some(&es));
    assert!(words_reach(&clients_only, true));
    assert!(
        !words_reach(&clients_only, false),
        "the plain form stays plain"
    );
    let device = encode_words(&[(EVERY_CLIENT, "es")], None, Some(&es));
    assert!(words_reach(&device, false));
    assert!(words_reach(&device, true));
}
