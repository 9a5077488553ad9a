//! The page language's storage loop on the platform's in-memory store.

use attune::domain::words::Lang;
use attune::platform::memory::MemoryStore;
use attune::platform::KeyValue;
use attune::storage::page_lang::{load, save, PAGE_LANG_KEY};

#[test]
fn the_page_language_is_english_until_chosen_and_kept_once_chosen() {
    let kv = MemoryStore::default();
    assert_eq!(load(&kv), Lang::En);
    save(&kv, Lang::Es).expect("stored");
    assert_eq!(kv.get(PAGE_LANG_KEY).as_deref(), Some("es"));
    assert_eq!(load(&kv), Lang::Es);
    save(&kv, Lang::En).expect("stored");
    assert_eq!(kv.get(PAGE_LANG_KEY), None);
    assert_eq!(load(&kv), Lang::En);
}

#[test]
fn a_language_this_build_does_not_ship_reads_as_english() {
    let kv = MemoryStore::default();
    kv.set(PAGE_LANG_KEY, "fr").expect("set");
    assert_eq!(load(&kv), Lang::En);
}

mod frame {
    use attune::domain::words::frame::FrameWords;
    use attune::domain::words::{Lang, Words};
    use attune::platform::memory::MemoryStore;
    use attune::platform::KeyValue;
    use attune::storage::page_lang::{frame_stored, keep_frame, load_frame, FRAME_KEY};

    fn spanish() -> FrameWords {
        FrameWords::from_words(Words::new(Lang::Es)).expect("Spanish has a frame")
    }

    #[test]
    fn english_has_no_frame_and_spanish_is_spanish_throughout() {
        assert_eq!(FrameWords::from_words(Words::EN), None);
        let es = spanish();
        assert_eq!(es.lang, "es");
        assert_eq!(es.links[1], "Clientes");
        assert!(es.not_saved.contains("{why}"), "{}", es.not_saved);
        // Every sentence is the catalogue's Spanish, none left in English.
        let text = es.encode();
        assert!(es.refused.contains("{error}"), "{}", es.refused);
        for en in [
            "Skip to main content",
            "Hand to client",
            "Not saved yet",
            "New to Attune",
            "Export now",
            "Client mode did not start",
        ] {
            assert!(!text.contains(en), "{en} in {text}");
        }
        assert_eq!(FrameWords::decode(&text), Some(es));
    }

    #[test]
    fn the_therapist_page_keeps_the_frame_and_english_removes_it() {
        let kv = MemoryStore::default();
        assert!(!frame_stored(&kv));
        keep_frame(&kv, Some(&spanish())).expect("kept");
        assert!(frame_stored(&kv));
        assert_eq!(load_frame(&kv), Some(spanish()));
        // The same frame again writes nothing new.
        let before = kv.get(FRAME_KEY);
        keep_frame(&kv, Some(&spanish())).expect("kept");
        assert_eq!(kv.get(FRAME_KEY), before);
        keep_frame(&kv, None).expect("removed");
        assert_eq!(kv.get(FRAME_KEY), None);
        assert_eq!(load_frame(&kv), None);
        keep_frame(&kv, None).expect("nothing to remove");
    }

    #[test]
    fn a_frame_the_form_cannot_trust_is_ignored() {
        let kv = MemoryStore::default();
        let edit = |f: fn(&mut FrameWords)| {
            let mut w = spanish();
            f(&mut w);
            w.encode()
        };
        let bad = [
            ("not JSON", "{no".to_string()),
            ("another shape", r#"{"lang":"es"}"#.to_string()),
            (
                "a placeholder dropped",
                edit(|w| w.not_saved = "Sin guardar.".into()),
            ),
            (
                "a placeholder invented",
                edit(|w| w.hand = "Entregar a {who}".into()),
            ),
            (
                "the reason dropped",
                edit(|w| w.refused = "No se inició.".into()),
            ),
            ("markup", edit(|w| w.links[0] = "<b>Valorar</b>".into())),
            ("an empty sentence", edit(|w| w.dismiss = " ".into())),
            (
                "a language this build lacks",
                edit(|w| w.lang = "fr".into()),
            ),
            (
                "English, which needs no frame",
                edit(|w| w.lang = "en".into()),
            ),
            ("an overlong sentence", edit(|w| w.main = "x".repeat(601))),
        ];
        for (why, text) in bad {
            kv.set(FRAME_KEY, &text).expect("set");
            assert_eq!(load_frame(&kv), None, "{why}");
        }
        // A field a newer version added is another shape too.
        let mut v: serde_json::Value = serde_json::from_str(&spanish().encode()).expect("json");
        v["newer"] = "x".into();
        kv.set(FRAME_KEY, &v.to_string()).expect("set");
        assert_eq!(load_frame(&kv), None);
    }
}
