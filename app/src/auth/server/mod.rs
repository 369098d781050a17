//! Server side of accounts: passwords, sessions, one-time links, and the one
//! place that decides whether a caller may go on.

pub mod links;
pub mod password;
pub mod rate_limit;
pub mod session;

use super::{Access, Caller};
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in person of the current request, put into the request's
/// extensions by the session middleware and into Leptos's context from there.
#[derive(Debug, Clone)]
pub struct CurrentSession {
    pub caller: Caller,
    pub token_hash: String,
}

/// The caller of the current server function or render, if signed in.
pub fn caller() -> Option<Caller> {
    use_context::<Option<CurrentSession>>()
        .flatten()
        .map(|s| s.caller)
}

pub fn current_session() -> Option<CurrentSession> {
    use_context::<Option<CurrentSession>>().flatten()
}

/// The check every server function starts with. Refusals answer 401 (not
/// signed in) or 403 (signed in, not allowed) and say no more.
pub fn authorize(access: Access) -> Result<Option<Caller>, AppError> {
    let caller = caller();
    if access.allows(caller.as_ref()) {
        return Ok(caller);
    }
    let (status, error) = match caller {
        None => (http::StatusCode::UNAUTHORIZED, AppError::Unauthorized),
        Some(_) => (http::StatusCode::FORBIDDEN, AppError::Forbidden),
    };
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
    Err(error)
}

/// Like `authorize` but for a signed-in caller, which it returns.
pub fn require(access: Access) -> Result<Caller, AppError> {
    authorize(access)?.ok_or(AppError::Unauthorized)
}
