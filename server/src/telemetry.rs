//! Logs to standard error; `RUST_LOG` sets the level (default `info`).
//! Every request gets an id of its own, carried by each of its log lines.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;
use tracing_subscriber::EnvFilter;

/// The header that carries a request's id back to the client.
pub const REQUEST_ID: &str = "x-request-id";

/// Gives the request an id of its own (one a client sends is not believed,
/// so no one can make log lines look like another request's), opens the
/// request's span with it — every log line of the request, down to storage,
/// carries `request{id=…}` — and returns it as `X-Request-Id` so a report
/// can be matched with the logs.
pub async fn request_id(mut request: Request, next: Next) -> Response {
    let id = format!("{:016x}", rand::random::<u64>());
    request.headers_mut().remove(REQUEST_ID);
    let span = tracing::info_span!(
        "request",
        id = %id,
        method = %request.method(),
        path = %request.uri().path(),
    );
    let mut response = next.run(request).instrument(span).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    response
}

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}
