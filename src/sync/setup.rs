//! Turning sync on: sign in to the clinic's CouchDB, then create the clinic
//! key (the first device) or join it with the passphrase. A wrong
//! passphrase is refused before anything is stored or sent.

use crate::domain::sync::base64;
use crate::domain::sync::config::SyncConfig;
use crate::domain::sync::crypto_format::KEY_LEN;
use crate::domain::sync::keys::{
    key_from_rows, key_query_path, key_setup, KeyDoc, KeySetup, MIN_ITERATIONS,
};
use crate::domain::sync::revs::KEY_DOC_ID;
use crate::domain::sync::status::Trouble;
use crate::platform::fetch::parsed;
use crate::platform::{Crypto, Platform};
use crate::storage::sync_state;

/// Signs in with the CouchDB user name and password (the server answers
/// with a session cookie the browser keeps; the password is not kept).
pub async fn sign_in(p: &impl Platform, cfg: &SyncConfig, password: &str) -> Result<(), Trouble> {
    let body = serde_json::json!({ "name": cfg.user, "password": password }).to_string();
    let out = p.request("POST", &cfg.session_url(), Some(&body)).await;
    out.ok_body().map(|_| ())
}

/// Signs in, then creates or joins the clinic key, then stores the
/// settings and the key. Nothing is stored unless every step succeeded.
pub async fn turn_on(
    p: &impl Platform,
    mut cfg: SyncConfig,
    password: &str,
    passphrase: &str,
) -> Result<(), Trouble> {
    sign_in(p, &cfg, password).await?;
    let key_url = format!("{}{KEY_DOC_ID}", cfg.db_url());
    // 404 here is "no such database" (the database itself is asked).
    let query = format!("{}{}", cfg.db_url(), key_query_path());
    let found = parsed(p.request("GET", &query, None).await, key_from_rows)?;
    let raw = match key_setup(found.as_deref()) {
        KeySetup::Refuse(_) => return Err(Trouble::Unexpected(200)),
        KeySetup::Join(params) => {
            let Some(raw) = p
                .unwrap(&params.wrapped, passphrase, &params.salt, params.iterations)
                .await
                .map_err(|_| Trouble::Unexpected(0))?
            else {
                return Err(Trouble::WrongPassphrase);
            };
            cfg.kid = base64::encode(&params.kid);
            raw
        }
        KeySetup::Create => {
            let (raw, kid) = create_key(p, passphrase, &key_url).await?;
            match kid {
                Some(kid) => {
                    cfg.kid = kid;
                    raw
                }
                // Another device created the key meanwhile: join that one.
                None => return Box::pin(turn_on(p, cfg, password, passphrase)).await,
            }
        }
    };
    sync_state::turn_on(p, &cfg, &base64::encode(&raw)).map_err(|_| Trouble::QuotaStop)?;
    Ok(())
}

/// Makes a random data key, wraps it under the passphrase and creates the
/// key document (a plain PUT, so a clinic never gets two keys). `kid` is
/// `None` when the server already had one (409).
async fn create_key(
    p: &impl Platform,
    passphrase: &str,
    key_url: &str,
) -> Result<([u8; KEY_LEN], Option<String>), Trouble> {
    let fail = |_| Trouble::Unexpected(0);
    let raw: [u8; KEY_LEN] = p.bytes().map_err(fail)?;
    let kid = p.bytes().map_err(fail)?;
    let salt = p.bytes().map_err(fail)?;
    let key = p.import_data_key(&raw).await.map_err(fail)?;
    let wrapped = p
        .wrap(&key, passphrase, &salt, MIN_ITERATIONS)
        .await
        .map_err(fail)?;
    let doc = KeyDoc::new(kid, salt, MIN_ITERATIONS, wrapped);
    let out = p.request("PUT", key_url, Some(&doc.encode())).await;
    if out.status() == Some(409) {
        return Ok((raw, None));
    }
    parsed(out, |t| serde_json::from_str::<serde_json::Value>(t))?;
    Ok((raw, Some(doc.kid)))
}

/// The stored data key as a WebCrypto key.
pub async fn stored_key<P: Platform>(p: &P) -> Option<<P as Crypto>::Key> {
    let raw: [u8; KEY_LEN] = base64::decode(&sync_state::data_key(p)?)?.try_into().ok()?;
    p.import_data_key(&raw).await.ok()
}

/// Why a passphrase change did not happen, in words.
pub enum ChangeError {
    /// The new passphrase is too short.
    Short(String),
    /// The server or the key said no.
    Trouble(Trouble),
}

/// Re-wraps the clinic data key under a new passphrase with a fresh salt:
/// one key document rewritten. Every device keeps its key and goes on
/// syncing; new devices join with the new passphrase, and the old one no
/// longer opens anything. The current passphrase must be given (an
/// unlocked page alone is not proof).
pub async fn change_passphrase(
    p: &impl Platform,
    cfg: &SyncConfig,
    current: &str,
    new: &str,
) -> Result<(), ChangeError> {
    use crate::domain::sync::config::{ConfigError, MIN_PASSPHRASE_CHARS};
    if new.chars().count() < MIN_PASSPHRASE_CHARS {
        let e = ConfigError::ShortPassphrase(MIN_PASSPHRASE_CHARS);
        return Err(ChangeError::Short(e.words(super::words(p))));
    }
    let t = ChangeError::Trouble;
    let key_url = format!("{}{KEY_DOC_ID}", cfg.db_url());
    let body = p
        .request("GET", &key_url, None)
        .await
        .ok_body()
        .map_err(t)?;
    let (doc, params) = KeyDoc::decode(&body).map_err(|_| t(Trouble::KeyChanged))?;
    if doc.kid != cfg.kid {
        return Err(t(Trouble::KeyChanged));
    }
    let opened = p
        .unwrap(&params.wrapped, current, &params.salt, params.iterations)
        .await
        .map_err(|_| t(Trouble::Unexpected(0)))?;
    if opened.is_none() {
        return Err(t(Trouble::WrongPassphrase));
    }
    let key = stored_key(p).await.ok_or(t(Trouble::KeyChanged))?;
    let salt = p.bytes().map_err(|_| t(Trouble::Unexpected(0)))?;
    let wrapped = p
        .wrap(&key, new, &salt, MIN_ITERATIONS)
        .await
        .map_err(|_| t(Trouble::Unexpected(0)))?;
    let mut next = KeyDoc::new(params.kid, salt, MIN_ITERATIONS, wrapped);
    next.rev = doc.rev;
    let out = p.request("PUT", &key_url, Some(&next.encode())).await;
    parsed(out, |t| serde_json::from_str::<serde_json::Value>(t)).map_err(t)?;
    Ok(())
}

/// Puts back the key document a server lost (restored from an older copy
/// or emptied), when this device kept no copy of it: the data key this
/// device holds, wrapped afresh under the clinic passphrase (typed twice:
/// nothing can check it against a key document that is gone), with the
/// same `kid`, so every device and every record stay as they are.
pub async fn put_key_back(
    p: &impl Platform,
    cfg: &SyncConfig,
    passphrase: &str,
    again: &str,
) -> Result<(), ChangeError> {
    use crate::domain::sync::config::{ConfigError, MIN_PASSPHRASE_CHARS};
    use crate::domain::sync::keys::KID_LEN;
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        let e = ConfigError::ShortPassphrase(MIN_PASSPHRASE_CHARS);
        return Err(ChangeError::Short(e.words(super::words(p))));
    }
    if passphrase != again {
        return Err(ChangeError::Short(
            super::words(p)
                .tr("The two passphrases differ: type the clinic passphrase twice, the same way.")
                .into(),
        ));
    }
    let t = ChangeError::Trouble;
    let kid: [u8; KID_LEN] = base64::decode(&cfg.kid)
        .and_then(|b| b.try_into().ok())
        .ok_or(t(Trouble::KeyChanged))?;
    let key = stored_key(p).await.ok_or(t(Trouble::KeyChanged))?;
    let salt = p.bytes().map_err(|_| t(Trouble::Unexpected(0)))?;
    let wrapped = p
        .wrap(&key, passphrase, &salt, MIN_ITERATIONS)
        .await
        .map_err(|_| t(Trouble::Unexpected(0)))?;
    let doc = KeyDoc::new(kid, salt, MIN_ITERATIONS, wrapped);
    let key_url = format!("{}{KEY_DOC_ID}", cfg.db_url());
    let out = p.request("PUT", &key_url, Some(&doc.encode())).await;
    if out.status() == Some(409) {
        // Another device put it back first: the next run checks it is ours.
        return Ok(());
    }
    parsed(out, |t| serde_json::from_str::<serde_json::Value>(t)).map_err(t)?;
    if let Some(copy) = crate::domain::sync::keys::key_copy(&doc.encode()) {
        sync_state::set_key_copy(p, &copy);
    }
    Ok(())
}
