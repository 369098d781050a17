//! Leptos server functions carry no CSRF protection of their own, so this
//! layer sits in front of every route: a request with a state-changing method
//! is refused (403) when a browser marks it as cross-site, when its `Origin`
//! is not the site's public origin (scheme, host and port), or when it
//! carries a session cookie but neither `Origin` nor `Sec-Fetch-Site` (every
//! current browser sends one of them; a client that strips both gets no use
//! of a session).

use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// The origin the site is reached at, from its public URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteOrigin {
    /// `scheme://host[:port]`, lower case, without a default port.
    origin: String,
    /// When the public host is a loopback address, its other names
    /// (`localhost`, `127.0.0.1`, `[::1]`) on the same scheme and port are
    /// the same site: the address a developer types is not always the
    /// configured one.
    loopback: Option<(String, String)>,
}

impl SiteOrigin {
    pub fn of(public_url: &str) -> SiteOrigin {
        let origin = normalise(public_url).unwrap_or_default();
        let loopback = split(&origin)
            .and_then(|(scheme, host, port)| is_loopback(&host).then_some((scheme, port)));
        SiteOrigin { origin, loopback }
    }

    fn admits(&self, origin: &str) -> bool {
        let Some(origin) = normalise(origin) else {
            return false;
        };
        if origin == self.origin {
            return true;
        }
        match (&self.loopback, split(&origin)) {
            (Some((scheme, port)), Some((s, host, p))) => {
                *scheme == s && *port == p && is_loopback(&host)
            }
            _ => false,
        }
    }
}

/// `scheme://host[:port]` of a URL or an `Origin` value, lower case, the
/// default port dropped; `None` for `null` or anything else.
fn normalise(url: &str) -> Option<String> {
    let url = url.trim().to_ascii_lowercase();
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let authority = match (scheme, authority.rsplit_once(':')) {
        ("http", Some((host, "80"))) | ("https", Some((host, "443"))) if !host.ends_with(':') => {
            host.to_string()
        }
        _ => authority.to_string(),
    };
    Some(format!("{scheme}://{authority}"))
}

/// (scheme, host, port) of a normalised origin.
fn split(origin: &str) -> Option<(String, String, String)> {
    let (scheme, authority) = origin.split_once("://")?;
    let default = if scheme == "https" { "443" } else { "80" };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => (host, port),
        _ => (authority, default),
    };
    Some((scheme.to_string(), host.to_string(), port.to_string()))
}

fn is_loopback(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

pub async fn refuse_cross_site(
    State(site): State<Arc<SiteOrigin>>,
    request: Request,
    next: Next,
) -> Response {
    if is_safe_method(request.method()) || is_same_origin(&request, &site) {
        next.run(request).await
    } else {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-site request refused");
        let lang = app::platform::post::lang_of(request.headers());
        app::platform::post::refuse(lang, app::platform::post::Refusal::CrossSite)
    }
}

fn is_safe_method(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

fn is_same_origin(request: &Request, site: &SiteOrigin) -> bool {
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if let Some(fetch_site) = fetch_site {
        if !matches!(fetch_site, "same-origin" | "none") {
            return false;
        }
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some(origin) => site.admits(origin),
        // Neither header: not a browser. Fine for anonymous posts (a script
        // registering), not with a session someone's browser holds.
        None if fetch_site.is_none() => !carries_session(request),
        None => true,
    }
}

/// Either name of the session cookie counts: a request that carries one
/// the server would not read is still not a bare script's.
fn carries_session(request: &Request) -> bool {
    let base = app::auth::server::session::COOKIE;
    [false, true]
        .into_iter()
        .any(|secure| app::platform::site_cookie(request.headers(), base, secure).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn site() -> SiteOrigin {
        SiteOrigin::of("https://alliance.ge")
    }

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

    fn passes(headers: &[(&str, &str)]) -> bool {
        is_same_origin(&request(Method::POST, headers), &site())
    }

    #[test]
    fn same_origin_and_anonymous_non_browser_requests_pass() {
        assert!(passes(&[]));
        assert!(passes(&[("origin", "https://alliance.ge")]));
        assert!(passes(&[("origin", "https://ALLIANCE.ge:443")]));
        assert!(passes(&[
            ("sec-fetch-site", "same-origin"),
            ("origin", "https://alliance.ge")
        ]));
        assert!(passes(&[("sec-fetch-site", "none")]));
        assert!(passes(&[
            ("sec-fetch-site", "same-origin"),
            ("cookie", "alliance_session=abc")
        ]));
    }

    #[test]
    fn cross_site_requests_are_refused() {
        for headers in [
            vec![("origin", "https://evil.example")],
            vec![("origin", "null")],
            vec![("sec-fetch-site", "cross-site")],
            vec![("sec-fetch-site", "same-site")],
            vec![("origin", "https://alliance.ge.evil.example")],
            // The scheme and the port count: http is another origin.
            vec![("origin", "http://alliance.ge")],
            vec![("origin", "https://alliance.ge:8443")],
            // A session cookie with neither header.
            vec![("cookie", "lang=en; alliance_session=abc")],
        ] {
            assert!(!passes(&headers), "{headers:?}");
        }
    }

    #[test]
    fn a_loopback_site_answers_to_its_other_names_on_the_same_port() {
        let local = SiteOrigin::of("http://127.0.0.1:3000");
        assert!(local.admits("http://127.0.0.1:3000"));
        assert!(local.admits("http://localhost:3000"));
        assert!(local.admits("http://[::1]:3000"));
        assert!(!local.admits("http://localhost:3001"));
        assert!(!local.admits("https://localhost:3000"));
        assert!(!local.admits("http://evil.example:3000"));
        assert!(!site().admits("https://localhost"));
    }

    #[test]
    fn reading_is_always_allowed() {
        assert!(is_safe_method(&Method::GET));
        assert!(!is_safe_method(&Method::POST));
        assert!(!is_safe_method(&Method::DELETE));
    }
}
