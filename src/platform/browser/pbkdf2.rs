//! PBKDF2-HMAC-SHA256 through the browser's WebCrypto: fast native code, off
//! the wasm bundle, and the PIN never leaves this function except as a hash.

use crate::domain::security::pin::{PinRecord, HASH_LEN, SALT_LEN};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn subtle() -> Result<(web_sys::Crypto, web_sys::SubtleCrypto), String> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or("this browser has no Web Crypto")?;
    let subtle = crypto.subtle();
    Ok((crypto, subtle))
}

/// Fresh random bytes from the browser's CSPRNG (`getRandomValues`): salts
/// and recovery codes.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], String> {
    let mut bytes = [0u8; N];
    fill_random(&mut bytes)?;
    Ok(bytes)
}

/// Fills `out` from the browser's CSPRNG.
pub fn fill_random(out: &mut [u8]) -> Result<(), String> {
    let (crypto, _) = subtle()?;
    crypto
        .get_random_values_with_u8_array(out)
        .map_err(|_| "no random numbers available")?;
    Ok(())
}

/// Fresh random salt.
pub fn random_salt() -> Result<[u8; SALT_LEN], String> {
    random_bytes()
}

/// Whether `secret` (a PIN, or a canonical recovery code) derives to the
/// record's hash; a record with bad parameters or a failed derivation
/// proves nothing.
pub async fn verify(record: &PinRecord, secret: &str) -> bool {
    let Ok(salt) = record.salt_bytes() else {
        return false;
    };
    pbkdf2(secret, &salt, record.iterations)
        .await
        .is_ok_and(|h| record.matches(&h))
}

/// Derives the PIN's hash. Async: 600,000 iterations take a noticeable
/// moment, and the page must stay responsive meanwhile.
pub async fn pbkdf2(pin: &str, salt: &[u8], iterations: u32) -> Result<[u8; HASH_LEN], String> {
    let (_, subtle) = subtle()?;
    let fail = |_: JsValue| "the browser could not hash the PIN".to_string();
    let key_data = js_sys::Uint8Array::from(pin.as_bytes());
    let usages = js_sys::Array::of1(&"deriveBits".into());
    let key = JsFuture::from(
        subtle
            .import_key_with_str("raw", &key_data, "PBKDF2", false, &usages)
            .map_err(fail)?,
    )
    .await
    .map_err(fail)?;
    let params = web_sys::Pbkdf2Params::new(
        "PBKDF2",
        &"SHA-256".into(),
        iterations,
        &js_sys::Uint8Array::from(salt),
    );
    let bits = JsFuture::from(
        subtle
            .derive_bits_with_object(&params, key.unchecked_ref(), (HASH_LEN * 8) as u32)
            .map_err(fail)?,
    )
    .await
    .map_err(fail)?;
    let bytes = js_sys::Uint8Array::new(&bits).to_vec();
    bytes
        .try_into()
        .map_err(|_| "unexpected hash length".to_string())
}
