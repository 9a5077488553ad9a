//! The clinic key and the record envelope through WebCrypto: AES-256-GCM
//! for records, PBKDF2-HMAC-SHA256 and AES-KW for wrapping the data key.
//! Formats and parameters are the domain's (`crypto_format`, `keys`); this
//! only calls the browser.

use crate::domain::sync::crypto_format::{Envelope, IV_LEN, KEY_LEN};
use crate::domain::sync::keys::{SALT_LEN, WRAPPED_LEN};
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

fn failed(what: &'static str) -> impl Fn(JsValue) -> String {
    move |_| format!("the browser could not {what}")
}

async fn wait(p: Result<js_sys::Promise, JsValue>, what: &'static str) -> Result<JsValue, String> {
    JsFuture::from(p.map_err(failed(what))?)
        .await
        .map_err(failed(what))
}

/// Fresh random bytes from the browser's CSPRNG.
pub fn random<const N: usize>() -> Result<[u8; N], String> {
    super::pbkdf2::random_bytes::<N>()
}

/// The data key as a WebCrypto AES-GCM key.
pub async fn import_data_key(raw: &[u8; KEY_LEN]) -> Result<web_sys::CryptoKey, String> {
    let s = subtle()?;
    let k = wait(
        s.import_key_with_str(
            "raw",
            &Uint8Array::from(&raw[..]),
            "AES-GCM",
            true,
            &usages(&["encrypt", "decrypt"]),
        ),
        "load the clinic key",
    )
    .await?;
    Ok(k.unchecked_into())
}

/// The key-encryption key derived from the clinic passphrase.
async fn passphrase_key(
    passphrase: &str,
    salt: &[u8; SALT_LEN],
    iterations: u32,
) -> Result<web_sys::CryptoKey, String> {
    let bits = super::pbkdf2::pbkdf2(passphrase, salt, iterations).await?;
    let s = subtle()?;
    let k = wait(
        s.import_key_with_str(
            "raw",
            &Uint8Array::from(&bits[..]),
            "AES-KW",
            false,
            &usages(&["wrapKey", "unwrapKey"]),
        ),
        "derive the passphrase key",
    )
    .await?;
    Ok(k.unchecked_into())
}

/// Wraps the data key under the passphrase (AES-KW).
pub async fn wrap(
    data_key: &web_sys::CryptoKey,
    passphrase: &str,
    salt: &[u8; SALT_LEN],
    iterations: u32,
) -> Result<[u8; WRAPPED_LEN], String> {
    let kek = passphrase_key(passphrase, salt, iterations).await?;
    let s = subtle()?;
    let out = wait(
        s.wrap_key_with_str("raw", data_key, &kek, "AES-KW"),
        "wrap the clinic key",
    )
    .await?;
    Uint8Array::new(&out)
        .to_vec()
        .try_into()
        .map_err(|_| "the wrapped key has an unexpected length".to_string())
}

/// Unwraps the data key; `Ok(None)` when the passphrase is wrong (AES-KW's
/// integrity check fails), so nothing is decrypted, stored or sent.
pub async fn unwrap(
    wrapped: &[u8; WRAPPED_LEN],
    passphrase: &str,
    salt: &[u8; SALT_LEN],
    iterations: u32,
) -> Result<Option<[u8; KEY_LEN]>, String> {
    let kek = passphrase_key(passphrase, salt, iterations).await?;
    let s = subtle()?;
    let w = *wrapped;
    let promise = s
        .unwrap_key_with_u8_array_and_str_and_str(
            "raw",
            &w,
            &kek,
            "AES-KW",
            "AES-GCM",
            true,
            &usages(&["encrypt", "decrypt"]),
        )
        .map_err(failed("unwrap the clinic key"))?;
    let Ok(key) = JsFuture::from(promise).await else {
        return Ok(None);
    };
    let raw = wait(
        s.export_key("raw", key.unchecked_ref()),
        "read the clinic key",
    )
    .await?;
    Ok(Uint8Array::new(&raw).to_vec().try_into().ok())
}

fn gcm_params(iv: &[u8; IV_LEN], aad: &[u8]) -> Result<Object, String> {
    let o = Object::new();
    let set = |k: &str, v: &JsValue| Reflect::set(&o, &k.into(), v).map(|_| ());
    set("name", &"AES-GCM".into())
        .and_then(|_| set("iv", &Uint8Array::from(&iv[..])))
        .and_then(|_| set("additionalData", &Uint8Array::from(aad)))
        .map_err(|_| "the browser could not set up AES-GCM".to_string())?;
    Ok(o)
}

/// Encrypts one record's clear text under `iv` (fresh, claimed in the
/// run's IV ledger by the caller).
pub async fn seal(
    key: &web_sys::CryptoKey,
    iv: [u8; IV_LEN],
    plaintext: &[u8],
    aad: &[u8],
) -> Result<Envelope, String> {
    let s = subtle()?;
    let out = wait(
        s.encrypt_with_object_and_u8_array(&gcm_params(&iv, aad)?, key, plaintext),
        "encrypt a record",
    )
    .await?;
    Envelope::new(iv, Uint8Array::new(&out).to_vec()).map_err(|e| e.to_string())
}

/// Decrypts one envelope; `None` when it does not open under this key and
/// AAD (another key, tampering, a document moved to another id).
pub async fn open(
    key: &web_sys::CryptoKey,
    iv: &[u8; IV_LEN],
    ct: &[u8],
    aad: &[u8],
) -> Option<Vec<u8>> {
    let s = subtle().ok()?;
    let p = s
        .decrypt_with_object_and_u8_array(&gcm_params(iv, aad).ok()?, key, ct)
        .ok()?;
    let out = JsFuture::from(p).await.ok()?;
    Some(Uint8Array::new(&out).to_vec())
}
