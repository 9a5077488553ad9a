//! `fetch` to the clinic's CouchDB: one request, a deadline, and the answer
//! as an [`Outcome`]; the changes feed's long-poll also ends when its
//! [`Stop`] is thrown (the same `AbortController` as the deadline's).

use crate::platform::{Outcome, Stop};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long one request may take before it counts as timed out.
pub const TIMEOUT_MS: i32 = 20_000;

/// Sends one request with a JSON body (if any), cookies of this origin
/// included, and waits at most [`TIMEOUT_MS`].
pub async fn request(method: &str, url: &str, body: Option<&str>) -> Outcome {
    outcome(send(method, url, body, TIMEOUT_MS, None).await)
}

/// A `GET` that may wait up to `deadline_ms` (a long-poll), ended early by
/// `stop`. An aborted fetch logs nothing in the console: hiding the page
/// mid-request is quiet.
pub async fn long_get(url: &str, deadline_ms: u32, stop: &Stop) -> Outcome {
    if stop.stopped() {
        return Outcome::TimedOut;
    }
    let ms = i32::try_from(deadline_ms).unwrap_or(i32::MAX);
    outcome(send("GET", url, None, ms, Some(stop)).await)
}

fn outcome(sent: Result<Outcome, bool>) -> Outcome {
    match sent {
        Ok(o) => o,
        Err(aborted) if aborted => Outcome::TimedOut,
        Err(_) => Outcome::NetworkError,
    }
}

/// `Err(true)` when aborted (the deadline, or `stop`), `Err(false)` for a
/// failure.
async fn send(
    method: &str,
    url: &str,
    body: Option<&str>,
    deadline_ms: i32,
    stop: Option<&Stop>,
) -> Result<Outcome, bool> {
    let window = web_sys::window().ok_or(false)?;
    let controller = web_sys::AbortController::new().map_err(|_| false)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_signal(Some(&controller.signal()));
    init.set_credentials(web_sys::RequestCredentials::Include);
    let headers = web_sys::Headers::new().map_err(|_| false)?;
    let _ = headers.set("Accept", "application/json");
    if let Some(b) = body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(b));
    }
    init.set_headers(&headers);
    let abort = {
        let c = controller.clone();
        Closure::once_into_js(move || c.abort())
    };
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), deadline_ms)
        .map_err(|_| false)?;
    if let Some(stop) = stop {
        let c = controller.clone();
        stop.on_stop(move || c.abort());
    }
    let aborted = || controller.signal().aborted();
    let result = async {
        let resp: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(|_| aborted())?
            .dyn_into()
            .map_err(|_| false)?;
        let status = resp.status();
        let content_type = resp.headers().get("content-type").ok().flatten();
        let text = JsFuture::from(resp.text().map_err(|_| false)?)
            .await
            .map_err(|_| aborted())?;
        Ok(Outcome::Answer {
            status,
            content_type,
            body: text.as_string().unwrap_or_default(),
        })
    }
    .await;
    window.clear_timeout_with_handle(timer);
    result
}
