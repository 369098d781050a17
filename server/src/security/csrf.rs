//! Leptos server functions carry no CSRF protection of their own, so this
//! layer sits in front of every route: a request with a state-changing method
//! that a browser marks as cross-site is answered 403, whatever its path.

use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    if is_safe_method(request.method()) || is_same_origin(&request) {
        next.run(request).await
    } else {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-site request refused");
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

fn is_safe_method(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Browsers send `Sec-Fetch-Site` and `Origin` with every state-changing
/// request. Either one saying "another site" refuses it. A request with
/// neither comes from a non-browser client (curl, a test), which a forged
/// page cannot drive, so it passes.
fn is_same_origin(request: &Request) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if !matches!(site, "same-origin" | "none") {
            return false;
        }
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            origin_host(origin).is_some_and(|h| !host.is_empty() && h.eq_ignore_ascii_case(host))
        }
    }
}

/// The `host[:port]` part of an `Origin` value (`null` has none).
fn origin_host(origin: &str) -> Option<&str> {
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))?;
    Some(rest.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn request(method: Method, headers: &[(&str, &str)]) -> Request {
        let mut builder = axum::http::Request::builder()
            .method(method)
            .uri("/api/x")
            .header("host", "alliance.ge");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn same_origin_and_non_browser_requests_pass() {
        assert!(is_same_origin(&request(Method::POST, &[])));
        assert!(is_same_origin(&request(
            Method::POST,
            &[("origin", "https://alliance.ge")]
        )));
        assert!(is_same_origin(&request(
            Method::POST,
            &[
                ("sec-fetch-site", "same-origin"),
                ("origin", "http://alliance.ge")
            ]
        )));
        assert!(is_same_origin(&request(
            Method::POST,
            &[("sec-fetch-site", "none")]
        )));
    }

    #[test]
    fn cross_site_requests_are_refused() {
        assert!(!is_same_origin(&request(
            Method::POST,
            &[("origin", "https://evil.example")]
        )));
        assert!(!is_same_origin(&request(
            Method::POST,
            &[("origin", "null")]
        )));
        assert!(!is_same_origin(&request(
            Method::POST,
            &[("sec-fetch-site", "cross-site")]
        )));
        assert!(!is_same_origin(&request(
            Method::POST,
            &[("sec-fetch-site", "same-site")]
        )));
        assert!(!is_same_origin(&request(
            Method::POST,
            &[("origin", "https://alliance.ge.evil.example")]
        )));
    }

    #[test]
    fn reading_is_always_allowed() {
        assert!(is_safe_method(&Method::GET));
        assert!(!is_safe_method(&Method::POST));
        assert!(!is_safe_method(&Method::DELETE));
    }
}
