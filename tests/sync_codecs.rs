//! The two small codecs sync shares: SHA-256 against the FIPS 180-4 test
//! vectors, and strict base64 against RFC 4648's.

use attune::domain::sync::base64::{decode, encode};
use attune::domain::sync::digest::{hex, sha256, short_digest};
use proptest::prelude::*;

#[test]
fn sha256_matches_the_standard_vectors() {
    let cases: [(&[u8], &str); 4] = [
        (b"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (b"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        ),
        (
            b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
        ),
    ];
    for (input, want) in cases {
        assert_eq!(hex(&sha256(input)), want);
    }
    let million_a = vec![b'a'; 1_000_000];
    assert_eq!(
        hex(&sha256(&million_a)),
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    );
}

#[test]
fn sha256_handles_every_padding_boundary() {
    // Lengths around the 56- and 64-byte boundaries take different paths.
    let mut seen = std::collections::HashSet::new();
    for len in 50..140 {
        assert!(seen.insert(sha256(&vec![7u8; len])), "collision at {len}");
    }
}

#[test]
fn short_digest_separates_its_parts() {
    assert_eq!(short_digest(&[b"ab", b"c"]).len(), 32);
    assert_ne!(short_digest(&[b"ab", b"c"]), short_digest(&[b"a", b"bc"]));
    assert_ne!(short_digest(&[b"abc"]), short_digest(&[b"abc", b""]));
    assert_eq!(short_digest(&[b"x"]), short_digest(&[b"x"]));
}

#[test]
fn base64_matches_rfc_4648() {
    let cases = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, coded) in cases {
        assert_eq!(encode(plain.as_bytes()), coded);
        assert_eq!(decode(coded).as_deref(), Some(plain.as_bytes()));
    }
    assert_eq!(encode(&[0xfb, 0xff]), "+/8=");
}

#[test]
fn base64_refuses_every_other_spelling() {
    for bad in [
        "Zg", "Zg=", "Zm9", "Zg===", "Z===", "Zh==", "Zm9=", "Zm8=Zm8=", "Zm 9v", "Zm9v\n", "Zm9-",
        "Zm9_", "====", "é===", "Zm9v====",
    ] {
        assert_eq!(decode(bad), None, "{bad:?} should be refused");
    }
}

proptest! {
    #[test]
    fn base64_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        prop_assert_eq!(decode(&encode(&bytes)), Some(bytes));
    }

    #[test]
    fn base64_never_panics(text in "\\PC{0,40}") {
        let _ = decode(&text);
    }
}
