//! Security headers on every response. Each request gets a fresh nonce,
//! which the page render uses for its inline hydration scripts (see
//! `startup::provide_request_context`); an HTML response carries the policy
//! with that nonce, every other response the policy without one. Setting it
//! here, rather than from inside the render, keeps the header and the page
//! in step whatever the render mode.

pub use app::platform::PageNonce;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Whether the site is served over HTTPS (its public URL): then every
/// response also tells browsers to use nothing else (HSTS).
#[derive(Debug, Clone, Copy)]
pub struct Https(pub bool);

pub async fn security_headers(
    State(Https(https)): State<Https>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = app::auth::server::session::new_nonce();
    request.extensions_mut().insert(PageNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = if is_html {
        HeaderValue::from_str(&app::config::page_csp(&nonce)).ok()
    } else {
        None
    };
    match policy {
        Some(policy) => {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        None if !headers.contains_key(header::CONTENT_SECURITY_POLICY) => {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(app::config::CSP),
            );
        }
        None => {}
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    response
}
