//! Finds the session behind the request's cookie and hands the signed-in
//! person to everything downstream (routes, server functions, renders).

use crate::state::AppState;
use app::auth::server::session::{hash_token, is_alive, COOKIE};
use app::auth::server::CurrentSession;
use app::db::{now_unix, sessions};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

/// A session's "last seen" is written at most this often.
const TOUCH_EVERY_SECONDS: i64 = 60;

pub async fn resolve_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let secure = state.site.secure_cookies();
    let token = app::platform::site_cookie(request.headers(), COOKIE, secure);
    let session = match token {
        Some(token) => lookup(&state, &token).await,
        None => None,
    };
    request.extensions_mut().insert(session);
    next.run(request).await
}

async fn lookup(state: &AppState, token: &str) -> Option<CurrentSession> {
    let token_hash = hash_token(token);
    let now = now_unix();
    let found = match sessions::find(&state.db, &token_hash).await {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(%error, "session lookup failed");
            return None;
        }
    };
    let (user, created_at, last_seen_at) = found?;
    if !is_alive(state.site.sessions, created_at, last_seen_at, now) {
        let _ = sessions::delete(&state.db, &token_hash).await;
        return None;
    }
    if now - last_seen_at >= TOUCH_EVERY_SECONDS {
        let _ = sessions::touch(&state.db, &token_hash, now).await;
    }
    Some(CurrentSession {
        caller: user.caller(),
        token_hash,
    })
}
