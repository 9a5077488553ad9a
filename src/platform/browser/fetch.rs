//! `fetch` to the clinic's CouchDB: one request, a deadline, and the answer
//! as an [`Outcome`].

use crate::platform::Outcome;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long one request may take before it counts as timed out.
pub const TIMEOUT_MS: i32 = 20_000;

/// Sends one request with a JSON body (if any), cookies of this origin
/// included, and waits at most [`TIMEOUT_MS`].
pub async fn request(method: &str, url: &str, body: Option<&str>) -> Outcome {
    match send(method, url, body).await {
        Ok(o) => o,
        Err(aborted) if aborted => Outcome::TimedOut,
        Err(_) => Outcome::NetworkError,
    }
}

/// `Err(true)` when aborted by the deadline, `Err(false)` for a failure.
async fn send(method: &str, url: &str, body: Option<&str>) -> Result<Outcome, bool> {
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
        .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), TIMEOUT_MS)
        .map_err(|_| false)?;
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
