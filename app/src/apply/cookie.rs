//! The wizard's draft cookie: it names the draft (and, once sent, the
//! application's status page) for the browser that typed it.

use super::DRAFT_COOKIE;
use crate::domain::cookies::{self, Keep};

/// How long a draft cookie (and an untouched draft) lives.
pub const DRAFT_DAYS: i64 = 30;

/// `Set-Cookie` value that keeps the draft `token` for `DRAFT_DAYS`.
pub fn draft_cookie_value(token: &str, secure: bool) -> String {
    draft_cookie_with_age(token, DRAFT_DAYS * 86_400, secure)
}

/// `Set-Cookie` value that makes the browser forget its draft.
pub fn clear_draft_cookie(secure: bool) -> String {
    draft_cookie_with_age("", 0, secure)
}

fn draft_cookie_with_age(token: &str, age: i64, secure: bool) -> String {
    let keep = Keep {
        max_age: Some(age),
        http_only: true,
        secure,
    };
    cookies::set(&cookies::site_name(DRAFT_COOKIE, secure), token, keep)
}
