//! The clinic inbox's cryptography through WebCrypto: ECDH on P-256 (a
//! caseload's key pair, and a fresh ephemeral pair for each rating sealed),
//! HKDF-SHA256 to an AES-256-GCM key, then AES-GCM itself
//! ([`super::webcrypto`]'s). What is derived, sealed and bound is the
//! domain's ([`crate::domain::sync::seal`]); this only calls the browser.

use super::webcrypto;
use crate::domain::records::layout::Record;
use crate::domain::sync::crypto_format::IV_LEN;
use crate::domain::sync::seal::{sealing, Opening, Point, PublicKey, Sealed};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn subtle() -> Result<web_sys::SubtleCrypto, String> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.subtle())
        .ok_or_else(|| "this browser has no Web Crypto".to_string())
}

fn usages(list: &[&str]) -> Array {
    list.iter().map(|u| JsValue::from_str(u)).collect()
}

async fn wait(p: Result<js_sys::Promise, JsValue>, what: &'static str) -> Result<JsValue, String> {
    let fail = |_| format!("the browser could not {what}");
    JsFuture::from(p.map_err(fail)?).await.map_err(fail)
}

fn object(fields: &[(&str, &JsValue)]) -> Result<Object, String> {
    let o = Object::new();
    for (k, v) in fields {
        Reflect::set(&o, &JsValue::from_str(k), v)
            .map_err(|_| "the browser could not set up ECDH".to_string())?;
    }
    Ok(o)
}

fn p256() -> Result<Object, String> {
    object(&[("name", &"ECDH".into()), ("namedCurve", &"P-256".into())])
}

fn bytes(v: &JsValue) -> Vec<u8> {
    Uint8Array::new(v).to_vec()
}

/// A new P-256 key pair: its private key as PKCS #8 (to be kept encrypted
/// under the caseload's data key) and its public key raw.
pub async fn generate() -> Result<(Vec<u8>, Point), String> {
    let s = subtle()?;
    let pair = wait(
        s.generate_key_with_object(&p256()?, true, &usages(&["deriveBits"])),
        "make an inbox key",
    )
    .await?;
    let part = |name: &str| -> Result<web_sys::CryptoKey, String> {
        Reflect::get(&pair, &JsValue::from_str(name))
            .map(JsCast::unchecked_into)
            .map_err(|_| "the browser made no inbox key".to_string())
    };
    let private = wait(
        s.export_key("pkcs8", &part("privateKey")?),
        "keep the inbox key",
    )
    .await?;
    let public = wait(
        s.export_key("raw", &part("publicKey")?),
        "read the inbox key",
    )
    .await?;
    let point = Point::new(&bytes(&public)).ok_or("the inbox key has an unexpected form")?;
    Ok((bytes(&private), point))
}

/// A caseload's private key from PKCS #8, for use only (not extractable).
pub async fn import_private(pkcs8: &[u8]) -> Result<web_sys::CryptoKey, String> {
    let s = subtle()?;
    let k = wait(
        s.import_key_with_object(
            "pkcs8",
            &Uint8Array::from(pkcs8),
            &p256()?,
            false,
            &usages(&["deriveBits"]),
        ),
        "load the inbox key",
    )
    .await?;
    Ok(k.unchecked_into())
}

async fn import_public(point: &Point) -> Result<web_sys::CryptoKey, String> {
    let s = subtle()?;
    let k = wait(
        s.import_key_with_object(
            "raw",
            &Uint8Array::from(&point.bytes()[..]),
            &p256()?,
            true,
            &usages(&[]),
        ),
        "read a public key",
    )
    .await?;
    Ok(k.unchecked_into())
}

/// ECDH of `private` with `public`, then HKDF-SHA256 with `salt` and
/// `info`: the AES-256-GCM key of one sealed rating.
async fn aes_key(
    private: &web_sys::CryptoKey,
    public: &Point,
    salt: &[u8],
    info: &[u8],
) -> Result<web_sys::CryptoKey, String> {
    let s = subtle()?;
    let public = import_public(public).await?;
    let ecdh = object(&[("name", &"ECDH".into()), ("public", &public)])?;
    let shared = wait(
        s.derive_bits_with_object(&ecdh, private, 256),
        "agree on a key",
    )
    .await?;
    let ikm = wait(
        s.import_key_with_str(
            "raw",
            &Uint8Array::new(&shared),
            "HKDF",
            false,
            &usages(&["deriveKey"]),
        ),
        "derive a key",
    )
    .await?;
    let hkdf = object(&[
        ("name", &"HKDF".into()),
        ("hash", &"SHA-256".into()),
        ("salt", &Uint8Array::from(salt)),
        ("info", &Uint8Array::from(info)),
    ])?;
    let aes = object(&[("name", &"AES-GCM".into()), ("length", &256.into())])?;
    let k = wait(
        s.derive_key_with_object_and_object(
            &hkdf,
            ikm.unchecked_ref(),
            &aes,
            false,
            &usages(&["encrypt", "decrypt"]),
        ),
        "derive a key",
    )
    .await?;
    Ok(k.unchecked_into())
}

/// Seals `record` to `to` with a fresh ephemeral key pair and IV.
pub async fn seal(record: &Record, to: &PublicKey, iv: [u8; IV_LEN]) -> Result<Sealed, String> {
    let s = subtle()?;
    let pair = wait(
        s.generate_key_with_object(&p256()?, false, &usages(&["deriveBits"])),
        "make a one-time key",
    )
    .await?;
    let part = |name: &str| -> Result<web_sys::CryptoKey, String> {
        Reflect::get(&pair, &JsValue::from_str(name))
            .map(JsCast::unchecked_into)
            .map_err(|_| "the browser made no one-time key".to_string())
    };
    let epk = wait(
        s.export_key("raw", &part("publicKey")?),
        "read a one-time key",
    )
    .await?;
    let epk = Point::new(&bytes(&epk)).ok_or("the one-time key has an unexpected form")?;
    let sealing = sealing(record, to, &epk).map_err(|e| e.to_string())?;
    let key = aes_key(&part("privateKey")?, &to.key, &sealing.salt, &sealing.info).await?;
    let env = webcrypto::seal(&key, iv, &sealing.plaintext, &sealing.aad).await?;
    Sealed::new(&sealing, to, epk, env.iv(), env.ct().to_vec()).map_err(|e| e.to_string())
}

/// Opens one sealed rating with the caseload's private key; `None` when it
/// does not open (another key, tampering, a document moved or readdressed).
pub async fn open(private: &web_sys::CryptoKey, o: &Opening) -> Option<Vec<u8>> {
    let key = aes_key(private, &o.epk, &o.salt, &o.info).await.ok()?;
    webcrypto::open(&key, &o.iv, &o.ct, &o.aad).await
}

impl crate::platform::ecdh::Ecdh for super::Browser {
    type Private = web_sys::CryptoKey;

    async fn generate_pair(&self) -> Result<(Vec<u8>, Point), String> {
        generate().await
    }

    async fn import_private(&self, pkcs8: &[u8]) -> Result<Self::Private, String> {
        import_private(pkcs8).await
    }

    async fn seal_to(
        &self,
        record: &Record,
        to: &PublicKey,
        iv: [u8; IV_LEN],
    ) -> Result<Sealed, String> {
        seal(record, to, iv).await
    }

    async fn open_sealed(&self, private: &Self::Private, o: &Opening) -> Option<Vec<u8>> {
        open(private, o).await
    }
}
