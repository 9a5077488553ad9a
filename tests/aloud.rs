//! Read aloud: what the form says for a line (the client's words, title
//! then low end then high end, never a digit), which of the device's voices
//! says it, the `a` lines the therapist page leaves for the form, and the
//! client's setting (records version 8) kept through older tabs and backups.

mod common;

use attune::domain::measures::aloud::{choose_voice, line_sentences};
use attune::domain::measures::language::{
    encode_form_words, encode_words, read_words, reads_aloud, shipped_spanish,
};
use attune::domain::measures::scale::Scales;
use attune::domain::records::clients::set_read_aloud;
use attune::domain::records::older::{fill_client, knows, merge_older, since, Field};
use attune::domain::records::store::{self, Store, CURRENT_VERSION};
use common::{client, january};

/// The sentences of each line of `scale`, as the form would read them.
fn spoken(scale: &attune::domain::measures::scale::ScaleDefinition) -> Vec<Vec<String>> {
    scale
        .items
        .iter()
        .map(|i| line_sentences(&i.title, &i.left, &i.right))
        .collect()
}

#[test]
fn a_line_is_read_as_its_title_then_its_low_end_then_its_high_end() {
    let srs = Scales::builtin().srs;
    let lines = spoken(&srs);
    assert_eq!(lines.len(), 4);
    for (item, said) in srs.items.iter().zip(&lines) {
        assert_eq!(
            said,
            &vec![item.title.clone(), item.left.clone(), item.right.clone()]
        );
    }
}

#[test]
fn a_spanish_client_hears_the_spanish_words_the_form_shows() {
    let builtin = Scales::builtin();
    let es = shipped_spanish(&builtin).unwrap();
    let text = encode_form_words(&[("c-1", "es")], &["c-1"], Some(&es), None);
    for base in [&builtin.srs, &builtin.ors, &builtin.child_srs] {
        let mut scale = base.clone();
        let wording = read_words(&text, "c-1", &mut scale).expect("Spanish words");
        assert_eq!(wording.language, "es");
        let lines = spoken(&scale);
        for (i, said) in lines.iter().enumerate() {
            let item = &scale.items[i];
            assert_eq!(said[0], item.title, "{}", base.id);
            assert_eq!(said[1], item.left);
            assert_eq!(said[2], item.right);
            assert_ne!(said[0], base.items[i].title, "not the English title");
        }
    }
}

#[test]
fn nothing_read_aloud_ever_holds_a_digit() {
    let builtin = Scales::builtin();
    let es = shipped_spanish(&builtin).unwrap();
    let mut every = Vec::new();
    for scale in [
        &builtin.srs,
        &builtin.ors,
        &builtin.child_srs,
        &builtin.child_ors,
        &builtin.group_srs,
    ] {
        every.extend(spoken(scale).into_iter().flatten());
    }
    for l in &es.languages {
        for scale in l.scales.all() {
            every.extend(spoken(scale).into_iter().flatten());
        }
    }
    assert!(every.len() > 50);
    // A pack's words with numbers (a clinic writing the ends as "0 = …"):
    // the words are said, the numbers never.
    every.extend(line_sentences(
        "Item 1",
        "0 = not at all",
        "10 = fully, 7.5",
    ));
    assert_eq!(
        line_sentences("Item 1", "0 = not at all", "10 = fully, 7.5"),
        ["Item", "= not at all", "= fully, ."]
    );
    for s in &every {
        assert!(!s.chars().any(char::is_numeric), "{s}");
        assert!(!s.is_empty());
    }
    // An end of digits only is not said at all (an empty utterance), in
    // any script: Arabic-Indic, fullwidth, superscript, a fraction.
    assert_eq!(line_sentences("Goals", "0", "١٠"), ["Goals"]);
    assert_eq!(line_sentences("１０ Goals", "²½", "- ९ -"), ["Goals"]);
}

#[test]
fn a_voice_of_the_device_itself_reads_the_client_s_language() {
    let v = |list: &[(&str, bool)]| -> Vec<(String, bool)> {
        list.iter().map(|(l, o)| (l.to_string(), *o)).collect()
    };
    let voices = v(&[
        ("en-US", true),
        ("es-ES", false),
        ("es-MX", true),
        ("es-US", true),
    ]);
    // Any local voice of the language, the first listed.
    assert_eq!(choose_voice(&voices, "es"), Some(2));
    // The exact region first.
    assert_eq!(choose_voice(&voices, "es-US"), Some(3));
    assert_eq!(choose_voice(&voices, "es-us"), Some(3));
    // A network voice is never chosen: the engine picks from `lang` then.
    assert_eq!(choose_voice(&v(&[("es-ES", false)]), "es"), None);
    assert_eq!(choose_voice(&voices, "fr"), None);
    assert_eq!(choose_voice(&[], "es"), None);
    // Android lists tags with an underscore.
    assert_eq!(choose_voice(&v(&[("es_MX", true)]), "es-MX"), Some(0));
    assert_eq!(choose_voice(&voices, ""), None);
}

#[test]
fn the_form_is_told_which_clients_hear_their_lines() {
    let builtin = Scales::builtin();
    let es = shipped_spanish(&builtin).unwrap();
    // One Spanish client reading aloud, one English client reading aloud,
    // one Spanish client who does not.
    let text = encode_form_words(
        &[("c-es", "es"), ("c-quiet", "es")],
        &["c-es", "c-en"],
        Some(&es),
        None,
    );
    assert!(reads_aloud(&text, "c-es"));
    assert!(reads_aloud(&text, "c-en"));
    assert!(!reads_aloud(&text, "c-quiet"));
    assert!(!reads_aloud(&text, "c-e"), "a whole id, not a prefix");
    assert!(!reads_aloud(&text, "c-other"));
    // The English client's lines stay the built-in words, recorded as such.
    let mut scale = builtin.srs.clone();
    assert_eq!(read_words(&text, "c-en", &mut scale), None);
    assert_eq!(scale, builtin.srs);
    // The Spanish words are read as before the `a` lines existed.
    let mut scale = builtin.srs.clone();
    let mut before = builtin.srs.clone();
    let old = encode_words(&[("c-es", "es"), ("c-quiet", "es")], Some(&es), None);
    assert_eq!(
        read_words(&text, "c-es", &mut scale),
        read_words(&old, "c-es", &mut before)
    );
    assert_eq!(scale, before);
    // A text from before read-aloud reads no line aloud.
    assert!(!reads_aloud(&old, "c-es"));
    // Only English clients reading aloud: still a text, with no words.
    let only = encode_form_words(&[], &["c-en"], Some(&es), None);
    assert_eq!(only, "attune-words 1\na\tc-en\n");
    assert!(reads_aloud(&only, "c-en"));
    assert_eq!(encode_form_words(&[], &[], Some(&es), None), "");
    // An id that would write structure is left out.
    let forged = encode_form_words(&[], &["x\nc\tc-es\tes"], Some(&es), None);
    assert_eq!(forged, "");
    assert!(!reads_aloud("nonsense\na\tc-en\n", "c-en"));
}

#[test]
fn the_setting_is_kept_on_the_client_and_left_out_when_off() {
    assert_eq!(CURRENT_VERSION, 8);
    let mut s = Store {
        clients: vec![client("c-1", "AB", january(1))],
        ..Store::default()
    };
    let text = store::encode(&s);
    assert!(!text.contains("read_aloud"), "{text}");
    set_read_aloud(&mut s, "c-1", true, january(3)).unwrap();
    assert!(s.clients[0].read_aloud);
    assert_eq!(s.clients[0].updated_at, Some(january(3)));
    let text = store::encode(&s);
    assert!(text.contains(r#""read_aloud":true"#), "{text}");
    assert!(text.starts_with(r#"{"schema":"attune","version":8,"#));
    assert_eq!(store::decode(&text).unwrap().store, s);
    // The same again changes nothing, not even the stamp.
    set_read_aloud(&mut s, "c-1", true, january(4)).unwrap();
    assert_eq!(s.clients[0].updated_at, Some(january(3)));
    set_read_aloud(&mut s, "c-1", false, january(5)).unwrap();
    assert!(!s.clients[0].read_aloud);
    assert!(set_read_aloud(&mut s, "c-9", true, january(5)).is_err());
}

#[test]
fn an_older_tab_never_clears_read_aloud() {
    assert_eq!(since(Field::ReadAloud), 8);
    assert!(!knows(7, Field::ReadAloud) && knows(8, Field::ReadAloud));
    let mut ours = client("c-1", "AB", january(1));
    ours.read_aloud = true;
    ours.language = Some("es".into());
    // A version-7 tab renames the client later: its copy has no read_aloud.
    let mut theirs = client("c-1", "AB 2", january(1));
    theirs.language = Some("es".into());
    theirs.updated_at = Some(january(4));
    let mut merged = theirs.clone();
    fill_client(&mut merged, &ours, 7);
    assert_eq!((merged.label.as_str(), merged.read_aloud), ("AB 2", true));
    // Through the whole merge of an older document (a tab, an import, sync).
    let mine = Store {
        clients: vec![ours],
        ..Store::default()
    };
    let doc = Store {
        clients: vec![theirs],
        ..Store::default()
    };
    let (out, _) = merge_older(&mine, &doc, 7);
    assert_eq!(out.clients[0].label, "AB 2");
    assert!(out.clients[0].read_aloud);
}
