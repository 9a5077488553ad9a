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
