//! `fetch` to the clinic's CouchDB: one request, a deadline, and the answer
//! as the domain's [`Observed`] (what it means is `status::classify`'s).

use crate::domain::sync::status::{classify, unreadable_body, Observed, Trouble};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What came back.
#[derive(Debug)]
pub enum Outcome {
    /// An HTTP answer.
    Answer {
        /// Its status code.
        status: u16,
        /// Its `Content-Type`.
        content_type: Option<String>,
        /// Its body as text.
        body: String,
    },
    /// No answer before the deadline (the request was aborted).
    TimedOut,
    /// No connection, refused, reset, or blocked.
    NetworkError,
}

impl Outcome {
    /// As the domain reads it.
    pub fn observed(&self) -> Observed<'_> {
        match self {
            Outcome::Answer {
                status,
                content_type,
                body,
            } => Observed::Answer {
                status: *status,
                content_type: content_type.as_deref(),
                body,
            },
            Outcome::TimedOut => Observed::TimedOut,
            Outcome::NetworkError => Observed::NetworkError,
        }
    }

    /// The body of a successful JSON answer, or the trouble in words.
    pub fn ok_body(self) -> Result<String, Trouble> {
        if let Some(t) = classify(self.observed()) {
            return Err(t);
        }
        match self {
            Outcome::Answer { body, .. } => Ok(body),
            _ => Err(Trouble::Unreachable),
        }
    }

    /// The status code, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Outcome::Answer { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// Reads a successful body with `parse`; an unreadable one is a captive
/// portal's page or an unexpected answer, never a crash.
pub fn parsed<T, E>(
    outcome: Outcome,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, Trouble> {
    let body = outcome.ok_body()?;
    parse(&body).map_err(|_| unreadable_body(&body))
}

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
