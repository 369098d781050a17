//! Each page's language is its address's: Georgian at `/…`, English at
//! `/en/…`. This layer wraps the whole router: it takes `/en` off the path
//! before the routes see it and tells the app the page's language in
//! [`PAGE_LANG_HEADER`] (one it sets itself: a client's own is dropped), so
//! every route, form handler and render serves both languages.
//!
//! On the way out it keeps an English visitor in English (a redirect from
//! an English page goes to the English address), and remembers in the
//! language cookie the language of the last page read. The cookie decides
//! one thing only: where `/` sends a visitor who arrives from elsewhere (a
//! bookmark, a link on another site) after choosing English.

use app::domain::cookies::{self, Keep};
use app::domain::lang::{Lang, LANG_COOKIE, PAGE_LANG_HEADER};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn page_language(mut request: Request, next: Next) -> Response {
    request.headers_mut().remove(PAGE_LANG_HEADER);
    let (lang, path) = Lang::of_path(request.uri().path());
    let path = path.to_string();
    let remembered = app::platform::cookie(request.headers(), LANG_COOKIE)
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default();
    let reads_page = matches!(*request.method(), Method::GET | Method::HEAD);
    if lang == Lang::En {
        let Some(uri) = without_prefix(request.uri(), &path) else {
            return StatusCode::BAD_REQUEST.into_response();
        };
        *request.uri_mut() = uri;
    } else if reads_page
        && path == "/"
        && remembered == Lang::En
        && from_elsewhere(request.headers())
    {
        let mut response = (
            StatusCode::FOUND,
            [(header::LOCATION, HeaderValue::from_static("/en/"))],
        )
            .into_response();
        response.headers_mut().insert(
            header::VARY,
            HeaderValue::from_static("Cookie, Sec-Fetch-Site"),
        );
        return response;
    }
    // A form posted to a Georgian address by a page from before English had
    // its own (or by a client that never read one) keeps the language its
    // cookie names; every page read is in its address's language.
    if lang == Lang::En || (reads_page && !path.starts_with("/api/")) {
        request
            .headers_mut()
            .insert(PAGE_LANG_HEADER, HeaderValue::from_static(lang.code()));
    }
    let mut response = next.run(request).await;
    if lang == Lang::En {
        keep_in_english(response.headers_mut());
    }
    if reads_page && lang != remembered && is_page(&response) {
        let keep = Keep {
            max_age: Some(365 * 24 * 60 * 60),
            http_only: false,
            secure: false,
        };
        if let Ok(value) = HeaderValue::from_str(&cookies::set(LANG_COOKIE, lang.code(), keep)) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// The request's address with `/en` taken off (`path` is what remains).
fn without_prefix(uri: &Uri, path: &str) -> Option<Uri> {
    let path_and_query = match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_string(),
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(path_and_query.parse().ok()?);
    Uri::from_parts(parts).ok()
}

/// A visitor arriving from outside the site: a bookmark, a typed address or
/// another site's link. Browsers say so in `Sec-Fetch-Site`; a client that
/// does not send it is taken to arrive from elsewhere.
fn from_elsewhere(headers: &HeaderMap) -> bool {
    !matches!(
        headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
        Some("same-origin" | "same-site")
    )
}

/// A redirect from an English page to a page of the site goes to its
/// English address.
fn keep_in_english(headers: &mut HeaderMap) {
    let Some(location) = headers.get(header::LOCATION).and_then(|v| v.to_str().ok()) else {
        return;
    };
    if Lang::of_path(location).0 == Lang::En || location.starts_with("/api/") {
        return;
    }
    let english = Lang::En.at(location);
    if english != location {
        if let Ok(value) = HeaderValue::from_str(&english) {
            headers.insert(header::LOCATION, value);
        }
    }
}

/// A page of the site, as opposed to a file, a feed or data.
fn is_page(response: &Response) -> bool {
    response.status() == StatusCode::OK
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_addresses_lose_their_prefix_and_keep_their_query() {
        let uri: Uri = "/en/members?sector=C&q=x".parse().unwrap();
        let (lang, path) = Lang::of_path(uri.path());
        assert_eq!(lang, Lang::En);
        assert_eq!(without_prefix(&uri, path).unwrap(), "/members?sector=C&q=x");
        let uri: Uri = "/en".parse().unwrap();
        assert_eq!(
            without_prefix(&uri, Lang::of_path(uri.path()).1).unwrap(),
            "/"
        );
    }

    #[test]
    fn redirects_from_english_pages_stay_in_english() {
        for (from, to) in [
            ("/account?done=password", "/en/account?done=password"),
            ("/", "/en/"),
            ("/en/members", "/en/members"),
            ("/api/v1/members", "/api/v1/members"),
            ("https://elsewhere.example/", "https://elsewhere.example/"),
            ("//elsewhere.example/", "//elsewhere.example/"),
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(header::LOCATION, HeaderValue::from_static(from));
            keep_in_english(&mut headers);
            assert_eq!(headers[header::LOCATION], to, "{from}");
        }
    }

    #[test]
    fn only_a_visitor_from_outside_is_sent_to_the_remembered_language() {
        let mut headers = HeaderMap::new();
        assert!(from_elsewhere(&headers));
        for (site, outside) in [
            ("none", true),
            ("cross-site", true),
            ("same-origin", false),
            ("same-site", false),
        ] {
            headers.insert("sec-fetch-site", HeaderValue::from_static(site));
            assert_eq!(from_elsewhere(&headers), outside, "{site}");
        }
    }
}
