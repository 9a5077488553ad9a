//! localStorage and sessionStorage as [`KeyValue`] stores. Looked up at each
//! call and never unwrapped: storage may be missing or blocked (private
//! modes, disabled storage), which must not panic; a missing store reads as
//! empty and refuses writes.

use crate::platform::{KeyValue, KvError};
use js_sys::JsString;
use wasm_bindgen::{JsCast, JsValue};

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

/// `storage[method](args…)` with JS values, so long strings stay on the JS
/// side (web-sys's `get_item`/`set_item` copy them through wasm memory).
pub fn call(s: &web_sys::Storage, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(s, &method.into())?.dyn_into()?;
    match args {
        [a] => f.call1(s, a),
        [a, b] => f.call2(s, a, b),
        _ => f.call0(s),
    }
}

/// The stored value of `key` as a JS string, not copied into wasm.
pub fn get_js(s: &web_sys::Storage, key: &str) -> Option<JsString> {
    call(s, "getItem", &[&key.into()]).ok()?.dyn_into().ok()
}

/// [`KeyValue::set_checked`] on localStorage with a JS string: written and
/// compared on the JS side, so a long value is never copied into wasm.
pub fn set_checked_js(key: &str, value: &JsString) -> Result<bool, KvError> {
    let s = local().ok_or(KvError::Unavailable)?;
    let before = get_js(&s, key);
    call(&s, "setItem", &[&key.into(), value]).map_err(kv_error)?;
    // setItem is atomic per spec (it throws and leaves the old value on
    // failure); the read-back (a string comparison in JS) guards against
    // anything rewriting it under us.
    if get_js(&s, key).map(JsValue::from) != Some(JsValue::from(value)) {
        if let Some(prev) = before {
            let _ = call(&s, "setItem", &[&key.into(), &prev]);
        }
        return Ok(false);
    }
    Ok(true)
}

fn get(s: Option<web_sys::Storage>, key: &str) -> Option<String> {
    s?.get_item(key).ok().flatten()
}

fn set(s: Option<web_sys::Storage>, key: &str, value: &str) -> Result<(), KvError> {
    s.ok_or(KvError::Unavailable)?
        .set_item(key, value)
        .map_err(kv_error)
}

fn remove(s: Option<web_sys::Storage>, key: &str) -> Result<(), KvError> {
    s.ok_or(KvError::Unavailable)?
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
    fn set_checked(&self, key: &str, value: &str) -> Result<bool, KvError> {
        set_checked_js(key, &JsString::from(value))
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
