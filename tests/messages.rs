//! The form's message catalogue: every message has its place, key and
//! English; every shipped language has every message (a missing one fails
//! here, and for Attune's Spanish does not even compile) with its
//! placeholder; every message is used by the form (an unused one fails
//! here); counts take the language's plural form; numbers are written and
//! read with the language's decimal mark; and the sentences, with the
//! language's direction, reach the form through the words text the
//! therapist page writes.

use attune::domain::measures::language::{encode_words, read_form_words, shipped_spanish};
use attune::domain::measures::messages::{
    decimal_comma, es::es, format_tenths, plural_is_one, shipped, FormWords, Msg, SHIPPED,
};
use attune::domain::measures::pack::{read_pack, Pack, Problem};
use attune::domain::measures::scale::Scales;
use attune::domain::measures::score::{parse_score, Tenths};
use attune::domain::words::Words;
use std::fs;
use std::path::Path;

fn t(n: u16) -> Tenths {
    Tenths::new(n).unwrap()
}

#[test]
fn every_message_has_its_place_and_a_key_of_its_own() {
    for (i, m) in Msg::ALL.iter().enumerate() {
        assert_eq!(*m as usize, i, "{m:?} is at its place in ALL");
        assert_eq!(Msg::from_key(m.key()), Some(*m));
        assert!(!m.en().trim().is_empty(), "{m:?} has its English");
    }
    let mut keys: Vec<&str> = Msg::ALL.iter().map(|m| m.key()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), Msg::ALL.len(), "keys are unique");
    assert_eq!(Msg::from_key("nothing"), None);
}

/// Each shipped language: every message present, translated, with its
/// placeholder, and plain (no markup, no control character, no tab that
/// would be read as structure in the words text).
#[test]
fn every_shipped_language_has_every_message() {
    assert!(SHIPPED.contains(&"es"));
    for tag in SHIPPED {
        let words = shipped(tag).unwrap_or_else(|| panic!("{tag} has a catalogue"));
        for m in Msg::ALL {
            let text = words(m);
            assert!(!text.trim().is_empty(), "{tag}: {m:?} is missing");
            assert_ne!(text, m.en(), "{tag}: {m:?} is still the English");
            assert!(
                !text.contains(['<', '>']) && !text.chars().any(char::is_control),
                "{tag}: {m:?}"
            );
            if let Some(p) = m.placeholder() {
                assert_eq!(text.matches(p).count(), 1, "{tag}: {m:?} keeps {p} once");
            } else {
                assert!(!text.contains('{'), "{tag}: {m:?} has no placeholder");
            }
        }
    }
    // Regions of a shipped language share it; other languages have none.
    assert!(shipped("es-419").is_some() && shipped("ES-mx").is_some());
    assert!(shipped("ar").is_none() && shipped("en").is_none());
}

/// Every message is used by the app's code outside the catalogue itself, so
/// no translator words a sentence nobody sees.
#[test]
fn every_message_is_used_outside_the_catalogue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut code = String::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if !p.ends_with("messages") {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("messages.rs") {
                code.push_str(&fs::read_to_string(&p).unwrap());
            }
        }
    }
    // Plural forms are chosen together by `FormWords::lines_left`.
    let used_by_catalogue = [
        Msg::LinesLeftOne,
        Msg::LinesLeftOther,
        Msg::ValueOutOf,
        Msg::NotRatedYet,
    ];
    for m in Msg::ALL {
        if used_by_catalogue.contains(&m) {
            continue;
        }
        let name = format!("Msg::{m:?}");
        let used = code.match_indices(&name).any(|(i, _)| {
            !code[i + name.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        });
        assert!(used, "{name} is used nowhere in src/");
    }
    // The ones FormWords says itself are used by the form through it.
    for call in ["lines_left(", "value_text("] {
        assert!(code.contains(call), "the form calls {call}");
    }
}

#[test]
fn a_count_takes_the_language_s_plural_form() {
    let en = FormWords::default();
    assert_eq!(en.lines_left(0), "");
    assert_eq!(en.lines_left(1), "1 line still to mark");
    assert_eq!(en.lines_left(3), "3 lines still to mark");
    let es = spanish_form_words();
    assert_eq!(es.lines_left(1), "Queda 1 línea por marcar");
    assert_eq!(es.lines_left(4), "Quedan 4 líneas por marcar");
    assert_eq!(es.lines_left(0), "");
    assert!(plural_is_one("fr", 0) && plural_is_one("pt-BR", 1) && !plural_is_one("es", 0));
    assert!(!plural_is_one("en", 2) && plural_is_one("en", 1));
}

#[test]
fn numbers_take_the_language_s_decimal_mark() {
    for tag in [
        "es", "es-ES", "es-AR", "es-CO", "pt-BR", "fr", "de-CH", "ru",
    ] {
        assert!(decimal_comma(tag), "{tag}");
    }
    for tag in [
        "en",
        "en-GB",
        "es-MX",
        "es-419",
        "es-US",
        "ar",
        "he",
        "ja",
        "zh-Hant-TW",
        "qps-plocm",
    ] {
        assert!(!decimal_comma(tag), "{tag}");
    }
    assert_eq!(format_tenths(t(45), true), "4,5");
    assert_eq!(format_tenths(t(45), false), "4.5");
    assert_eq!(format_tenths(t(100), true), "10,0");
    assert_eq!(format_tenths(t(0), false), "0.0");

    let es = spanish_form_words();
    assert_eq!(es.value_text(Some(t(45))), "4,5 de 10");
    assert_eq!(es.value_text(None), "todavía sin marcar");
    let en = FormWords::default();
    assert_eq!(en.value_text(Some(t(45))), "4.5 out of 10");
    assert_eq!(en.value_text(None), "not rated yet");
}

/// Spoken entry (therapist page) reads what a client says in either mark,
/// and the form's own way of writing a mark reads back as the same score.
#[test]
fn spoken_entry_reads_a_decimal_comma_and_a_point_and_refuses_the_rest() {
    assert_eq!(parse_score("4,5", Words::EN), Ok(t(45)));
    assert_eq!(parse_score("4.5", Words::EN), Ok(t(45)));
    assert_eq!(parse_score(" 10,0 ", Words::EN), Ok(t(100)));
    for n in 0..=100 {
        for comma in [true, false] {
            assert_eq!(
                parse_score(&format_tenths(t(n), comma), Words::EN),
                Ok(t(n))
            );
        }
    }
    for (typed, why) in [
        ("4,5,6", "4,5,6 is not a number"),
        ("4,5.6", "4,5.6 is not a number"),
        ("4,55", "4,55 has more than one decimal"),
        ("10,5", "10,5 is above 10"),
        ("-0,5", "-0,5 is below 0"),
        (",", ", is not a number"),
        ("4 5", "4 5 is not a number"),
        ("cuatro", "cuatro is not a number"),
    ] {
        assert_eq!(
            parse_score(typed, Words::EN),
            Err(why.to_string()),
            "{typed:?}"
        );
    }
}

fn builtin() -> Scales {
    Scales::builtin()
}

/// What the form reads for a Spanish client from the words text the
/// therapist page writes with Attune's own Spanish.
fn spanish_form_words() -> FormWords {
    let es_pack = shipped_spanish(&builtin()).unwrap();
    let text = encode_words(&[("c1", "es")], None, Some(&es_pack));
    read_form_words(&text, "c1").expect("the Spanish client's words")
}

#[test]
fn a_spanish_client_s_form_gets_every_sentence_in_spanish() {
    let w = spanish_form_words();
    assert_eq!(w.lang(), "es");
    assert_eq!(w.dir(), "ltr");
    for m in Msg::ALL {
        assert_eq!(w.get(m), es(m), "{m:?}");
    }
}

#[test]
fn a_client_without_a_language_and_an_older_words_text_give_the_built_in_english() {
    let es_pack = shipped_spanish(&builtin()).unwrap();
    let text = encode_words(&[("c1", "es")], None, Some(&es_pack));
    assert_eq!(read_form_words(&text, "someone-else"), None);
    assert_eq!(read_form_words("", "c1"), None);
    assert_eq!(read_form_words("attune-words 9\n", "c1"), None);
    // A text written before messages existed: the measure's words only.
    let older: String = {
        let mut out = String::new();
        let mut skip = false;
        for l in text.lines() {
            if skip {
                skip = false;
                continue;
            }
            if l.starts_with("m\t") {
                skip = true;
                continue;
            }
            out.push_str(l);
            out.push('\n');
        }
        out
    };
    assert_ne!(older, text);
    let w = read_form_words(&older, "c1").expect("the language is named");
    assert_eq!(
        w.lang(),
        "en",
        "no sentence of its own: the English, marked so"
    );
    for m in Msg::ALL {
        assert_eq!(w.get(m), m.en());
    }
    // A text cut inside the messages keeps the sentences read whole.
    let cut = &text[..text.find("m\tthank-you\n").unwrap() + "m\tthank-you\n".len()];
    let w = read_form_words(cut, "c1").expect("the language is named");
    assert_eq!(w.get(Msg::Done), "Listo");
    assert_eq!(w.get(Msg::ThankYou), "Thank you");
    // Unknown message keys (a newer Attune's) are passed over.
    let newer = text.replacen("m\tdone\n", "m\tsomething-new\nAlgo\nm\tdone\n", 1);
    assert_eq!(
        read_form_words(&newer, "c1").unwrap().get(Msg::Done),
        "Listo"
    );
}

/// A right-to-left pseudo-locale pack with sentences of its own (the
/// browser test's fixture).
fn rtl_pack() -> Pack {
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/fixtures/rtl-pack.json"),
    )
    .unwrap();
    read_pack(&text, &builtin()).expect("the RTL fixture is a valid pack")
}

#[test]
fn a_right_to_left_language_and_its_pack_sentences_reach_the_form() {
    let pack = rtl_pack();
    let l = pack.language("ar-XB").unwrap();
    assert!(l.right_to_left);
    assert_eq!(l.messages.len(), Msg::ALL.len());
    let text = encode_words(
        &[("c1", "ar-XB"), ("c2", "es")],
        Some(&pack),
        shipped_spanish(&builtin()).as_ref(),
    );
    let w = read_form_words(&text, "c1").unwrap();
    assert_eq!((w.lang(), w.dir()), ("ar-XB", "rtl"));
    assert_ne!(w.get(Msg::Done), "Done");
    assert_eq!(w.lines_left(2).matches('2').count(), 1);
    // The other client on the same text keeps their own language.
    let es_words = read_form_words(&text, "c2").unwrap();
    assert_eq!(
        (es_words.lang(), es_words.dir(), es_words.get(Msg::Done)),
        ("es", "ltr", "Listo")
    );
}

#[test]
fn a_pack_s_sentences_are_checked_like_its_words() {
    let base: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/fixtures/rtl-pack.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let refused = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v = base.clone();
        edit(&mut v);
        read_pack(&v.to_string(), &builtin()).expect_err("refused")
    };
    let e = refused(&|v| {
        v["languages"][0]["messages"]["dnoe"] = "x".into();
    });
    assert_eq!(e.problem, Problem::UnknownMessage("dnoe".into()));
    assert_eq!(
        e.to_string(),
        "language 1 (ar-XB) › messages: Attune has no message \"dnoe\""
    );
    let e = refused(&|v| {
        v["languages"][0]["messages"]
            .as_object_mut()
            .unwrap()
            .remove("done");
    });
    assert_eq!(e.problem, Problem::MissingMessage("done".into()));
    let e = refused(&|v| {
        v["languages"][0]["messages"]["lines-left-other"] = "many lines".into();
    });
    assert_eq!(e.problem, Problem::Placeholder("{n}".into()));
    assert_eq!(e.at, "language 1 (ar-XB) › messages › lines-left-other");
    let e = refused(&|v| {
        v["languages"][0]["messages"]["done"] = "<b>x</b>".into();
    });
    assert_eq!(e.problem, Problem::Markup);
    let e = refused(&|v| {
        v["languages"][0]["messages"]["done"] = "a\tb".into();
    });
    assert_eq!(e.problem, Problem::Control);
    // Without any messages a pack is still good: its language's form
    // sentences are then Attune's for that language, or the English.
    let mut v = base.clone();
    v["languages"][0]
        .as_object_mut()
        .unwrap()
        .remove("messages");
    let p = read_pack(&v.to_string(), &builtin()).unwrap();
    assert!(p.languages[0].messages.is_empty());
}

/// The decimal mark follows the language of the sentences the form says:
/// Attune's Spanish for a Mexican Spanish pack writes `4.5`, a language
/// without sentences of its own says the English with its point.
#[test]
fn the_decimal_mark_is_that_of_the_sentences_said() {
    use attune::domain::measures::language::SHIPPED_ES;
    let retag = |tag: &str| {
        let text = SHIPPED_ES
            .replace("\"attune-es\"", "\"clinic\"")
            .replace("\"language\": \"es\"", &format!("\"language\": \"{tag}\""));
        read_pack(&text, &builtin()).unwrap()
    };
    let mx = retag("es-MX");
    let w = read_form_words(&encode_words(&[("c", "es-MX")], Some(&mx), None), "c").unwrap();
    assert_eq!(w.value_text(Some(t(45))), "4.5 de 10");
    assert_eq!(w.get(Msg::Done), "Listo");
    let pt = retag("pt-BR");
    let w = read_form_words(&encode_words(&[("c", "pt-BR")], Some(&pt), None), "c").unwrap();
    assert_eq!(w.lang(), "en", "no sentences in Portuguese: the English");
    assert_eq!(w.value_text(Some(t(45))), "4.5 out of 10");
    let ar = read_form_words(
        &encode_words(&[("c", "es-AR")], Some(&retag("es-AR")), None),
        "c",
    )
    .unwrap();
    assert_eq!(ar.value_text(Some(t(45))), "4,5 de 10");
}

/// The Read aloud button and the note of a device without speech are the
/// form's sentences too: a Spanish client reads them in Spanish, marked
/// `es`, not in English marked `en` (they were English literals).
#[test]
fn a_spanish_client_s_read_aloud_button_and_note_are_in_spanish() {
    let w = spanish_form_words();
    assert_eq!(w.get(Msg::ReadAloud), "Leer en voz alta");
    assert_eq!(
        w.get(Msg::NoSpeech),
        "Este dispositivo no puede leer las líneas en voz alta."
    );
    assert_eq!(w.lang_of(Msg::ReadAloud), "es");
    // Without a language: the English, marked so.
    let en = FormWords::default();
    assert_eq!(
        (en.get(Msg::ReadAloud), en.lang_of(Msg::ReadAloud)),
        ("Read aloud", "en")
    );
}

/// A pack written before the Read aloud messages existed (every other
/// message, not those two) is still good: its language says them in
/// Attune's own words for it (Spanish), else in English marked `en`.
#[test]
fn a_pack_without_the_read_aloud_messages_is_still_good() {
    let mut v: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/fixtures/rtl-pack.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let msgs = v["languages"][0]["messages"].as_object_mut().unwrap();
    msgs.remove("read-aloud");
    msgs.remove("no-speech");
    let pack = read_pack(&v.to_string(), &builtin()).expect("an earlier pack stays good");
    let text = encode_words(&[("c1", "ar-XB")], Some(&pack), None);
    let w = read_form_words(&text, "c1").unwrap();
    assert_ne!(w.get(Msg::Done), "Done");
    assert_eq!(
        (w.get(Msg::ReadAloud), w.lang_of(Msg::ReadAloud)),
        ("Read aloud", "en")
    );
    // The same pack's messages for a Spanish tag: the left-out two are
    // Attune's Spanish.
    v["languages"][0]["language"] = "es-419".into();
    v["languages"][0]["right_to_left"] = false.into();
    let pack = read_pack(&v.to_string(), &builtin()).unwrap();
    let text = encode_words(&[("c1", "es-419")], Some(&pack), None);
    let w = read_form_words(&text, "c1").unwrap();
    assert_eq!(w.get(Msg::ReadAloud), "Leer en voz alta");
    assert_eq!(w.lang_of(Msg::ReadAloud), "es-419");
}

/// The form fills a message's first `{`: a pack's text with another brace
/// beside its placeholder (`{x} {n}`) would show the count in the wrong
/// place and leave `{n}` on the screen, so it is refused, as the docs say
/// ("exactly once … and nowhere else").
#[test]
fn a_placeholder_beside_another_brace_is_refused() {
    let base: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/fixtures/rtl-pack.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for (key, text, p) in [
        ("lines-left-other", "{x} quedan {n} líneas", "{n}"),
        ("lines-left-one", "{n} línea {", "{n}"),
        ("value-out-of", "{v} de 10}", "{v}"),
    ] {
        let mut v = base.clone();
        v["languages"][0]["messages"][key] = text.into();
        let e = read_pack(&v.to_string(), &builtin()).expect_err(text);
        assert_eq!(e.problem, Problem::Placeholder(p.into()), "{text}");
    }
}
