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
    // Distinct is not right: a wrong padding still gives distinct digests.
    // These are an independent implementation's (Python's hashlib) digests
    // of `len` bytes of 7, on each side of both boundaries.
    let pinned = [
        (
            55,
            "943cc61860776ca8e78a365d988036ed2ade2ca4aca3236dd9501adc4fbbaa27",
        ),
        (
            56,
            "849e6994b02d460680d1d4d9ed690aa35811c88056987e0b6cad0eb85cb7d98d",
        ),
        (
            57,
            "d175981afaf25e685b62793092fada1a5c558abdbbcaa6b1fd079f9e63da6877",
        ),
        (
            63,
            "4267755c91adbe48467358342d80bda027985cda840cea5aef936cdc0aa6138e",
        ),
        (
            64,
            "6cfeeb3aa25d3f411dae5eec17d7369ca7153e72dcf54bcf4c3daec0f5b21fc7",
        ),
        (
            65,
            "2fa7eeba09baebc8ecef6fcfd44a61d64619aefae0b51f724658aa6dc03e8424",
        ),
        (
            119,
            "62f7b490eef6978ea4e047afde0cfd06b542157473c8911d06c787a4de76ef8e",
        ),
        (
            120,
            "96a7c72dd059118dbff67391b9e719c6ea49d8985fbc1641fee363dcdee0f7e6",
        ),
        (
            128,
            "4c1398e54d53e925cff04da532f4bbaf15f75b5981fc76c2072dfdc6491a9fb1",
        ),
    ];
    for (len, want) in pinned {
        assert_eq!(hex(&sha256(&vec![7u8; len])), want, "{len} bytes");
    }
}

#[test]
fn short_digest_separates_its_parts() {
    assert_eq!(short_digest(&[b"ab", b"c"]).len(), 32);
    assert_ne!(short_digest(&[b"ab", b"c"]), short_digest(&[b"a", b"bc"]));
    assert_ne!(short_digest(&[b"abc"]), short_digest(&[b"abc", b""]));
    // The first 16 bytes of SHA-256 over each part's 8-byte big-endian
    // length then its bytes (here 00..01 'x'), as Python's hashlib gives them.
    assert_eq!(short_digest(&[b"x"]), "028f0df5b8596fbcd10c9720b7a4784f");
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
