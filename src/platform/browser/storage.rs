//! localStorage and sessionStorage as [`KeyValue`] stores. Looked up at each
//! call and never unwrapped: storage may be missing or blocked (private
//! modes, disabled storage), which must not panic; a missing store reads as
//! empty and refuses writes.

use crate::platform::{KeyValue, KvError};
use wasm_bindgen::JsCast;

/// This origin's localStorage.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalStore;

/// This tab's sessionStorage.
#[derive(Clone, Copy, Debug, Default)]
pub struct SessionStore;

/// This origin's localStorage, when the browser lets Attune use it.
pub fn local() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// This tab's sessionStorage, when there is one.
pub fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// What a refused write means: the quota is full, or something else (named).
pub fn kv_error(e: wasm_bindgen::JsValue) -> KvError {
    let name = e
        .dyn_ref::<js_sys::Error>()
        .map(|err| String::from(err.name()))
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        KvError::Quota
    } else {
        KvError::Other(if name.is_empty() {
            "unknown error".into()
        } else {
            name
        })
    }
}

fn get(s: Option<web_sys::Storage>, key: &str) -> Option<String> {
    s?.get_item(key).ok().flatten()
}

fn set(s: Option<web_sys::Storage>, key: &str, value: &str) -> Result<(), KvError> {
    s.ok_or_else(|| KvError::Other("no storage".into()))?
        .set_item(key, value)
        .map_err(kv_error)
}

fn remove(s: Option<web_sys::Storage>, key: &str) -> Result<(), KvError> {
    s.ok_or_else(|| KvError::Other("no storage".into()))?
        .remove_item(key)
        .map_err(kv_error)
}

fn keys(s: Option<web_sys::Storage>) -> Vec<String> {
    let Some(s) = s else { return Vec::new() };
    (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .collect()
}

impl KeyValue for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        get(local(), key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), KvError> {
        set(local(), key, value)
    }
    fn remove(&self, key: &str) -> Result<(), KvError> {
        remove(local(), key)
    }
    fn keys(&self) -> Vec<String> {
        keys(local())
    }
    fn available(&self) -> bool {
        local().is_some()
    }
    /// Measured in JS (string length) rather than copying megabytes into wasm.
    fn used_units(&self) -> Option<u64> {
        let s = local()?;
        let len = s.length().ok()?;
        let get_item: js_sys::Function = js_sys::Reflect::get(&s, &"getItem".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let mut total = 0u64;
        for i in 0..len {
            if let Some(k) = s.key(i).ok().flatten() {
                let v = get_item.call1(&s, &k.as_str().into()).ok()?;
                let units = v.dyn_ref::<js_sys::JsString>().map_or(0, |j| j.length());
                total += k.encode_utf16().count() as u64 + u64::from(units);
            }
        }
        Some(total)
    }
}

impl KeyValue for SessionStore {
    fn get(&self, key: &str) -> Option<String> {
        get(session(), key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), KvError> {
        set(session(), key, value)
    }
    fn remove(&self, key: &str) -> Result<(), KvError> {
        remove(session(), key)
    }
    fn keys(&self) -> Vec<String> {
        keys(session())
    }
    fn available(&self) -> bool {
        session().is_some()
    }
}
