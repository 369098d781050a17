//! Reading a cookie from a request's headers (every `Cookie` header, as
//! HTTP/2 may send several), with the one parser in `domain::cookies`.

use crate::domain::cookies;
use http::{header, HeaderMap};

/// The value of the site cookie `base` (named as `domain::cookies::site_name`
/// gives it for a site on HTTPS or not), if the request carries one.
pub fn site_cookie(headers: &HeaderMap, base: &str, secure: bool) -> Option<String> {
    cookie(headers, &cookies::site_name(base, secure))
}

/// The value of the cookie called `name`, if the request carries one.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| cookies::find(v, name))
        .map(str::to_string)
}
