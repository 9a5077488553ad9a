//! The device's wording pack on a key-value store: a good pack is stored and
//! read back; a bad one, or one the store cannot hold, changes nothing.

use attune::domain::measures::scale::Scales;
use attune::platform::memory::MemoryStore;
use attune::platform::KeyValue;
use attune::storage::pack::{load, remove, replace, LoadRefused, StoredPack, PACK_KEY};
use attune::storage::StorageError;

const SAMPLE: &str = include_str!("../docs/wording-pack.sample.json");

#[test]
fn a_good_pack_is_stored_and_read_again_at_the_next_start() {
    let kv = MemoryStore::new();
    let scales = Scales::builtin();
    assert_eq!(load(&kv, &scales), StoredPack::None);
    let pack = replace(&kv, SAMPLE.as_bytes(), &scales).unwrap();
    assert_eq!(
        kv.get(PACK_KEY).as_deref(),
        Some(SAMPLE),
        "the file's own text"
    );
    assert_eq!(load(&kv, &scales), StoredPack::Loaded(pack));
    remove(&kv).unwrap();
    assert_eq!(load(&kv, &scales), StoredPack::None);
}

#[test]
fn a_bad_pack_changes_nothing_stored() {
    let kv = MemoryStore::new();
    let scales = Scales::builtin();
    replace(&kv, SAMPLE.as_bytes(), &scales).unwrap();
    let before = kv.snapshot();
    let bad = SAMPLE.replacen("\"language\": \"en\"", "\"language\": \"english\"", 1);
    let Err(LoadRefused::Pack(why)) = replace(&kv, bad.as_bytes(), &scales) else {
        panic!("refused for the pack")
    };
    let why = why.to_string();
    assert!(why.contains("\"english\" is not a language tag"), "{why}");
    assert_eq!(kv.snapshot(), before);
}

#[test]
fn a_pack_the_store_cannot_hold_is_refused_and_the_old_one_stays() {
    let kv = MemoryStore::new();
    let scales = Scales::builtin();
    let older = SAMPLE.replacen("\"version\": 1,", "\"version\": 2,", 1);
    replace(&kv, older.as_bytes(), &scales).unwrap();
    let before = kv.snapshot();
    // Room for what is there and a little more, not for a longer pack.
    kv.set_quota(Some(kv.used_units().unwrap() + 10));
    let longer = SAMPLE.replacen(
        "Attune's own wording (sample pack)",
        "Attune's own wording, with a name some forty characters longer",
        1,
    );
    assert_eq!(
        replace(&kv, longer.as_bytes(), &scales),
        Err(LoadRefused::Storage(StorageError::Quota))
    );
    assert_eq!(kv.snapshot(), before);
    let StoredPack::Loaded(p) = load(&kv, &scales) else {
        panic!()
    };
    assert_eq!(p.version, 2);
}

#[test]
fn a_stored_pack_this_build_refuses_is_kept_and_said_why() {
    let kv = MemoryStore::new();
    let newer = SAMPLE.replacen("\"format_version\": 1", "\"format_version\": 9", 1);
    kv.set(PACK_KEY, &newer).unwrap();
    let StoredPack::Unreadable(why) = load(&kv, &Scales::builtin()) else {
        panic!()
    };
    let why = why.to_string();
    assert!(why.contains("made for a newer Attune"), "{why}");
    assert_eq!(
        kv.get(PACK_KEY).as_deref(),
        Some(newer.as_str()),
        "left alone"
    );
}
