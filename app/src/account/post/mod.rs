//! Account forms: plain HTML forms that post here and are answered with a
//! redirect (303) to the page, carrying in its query what the page should
//! show — which messages, and the values typed so far (never passwords).
//! They work the same with and without JavaScript, and with password managers.

mod email;
mod login;
mod password;
mod register;

use crate::platform::AppState;
use axum::routing::post;
use axum::Router;

use crate::platform::post::{lang_of, redirect, send, too_many_attempts, unavailable, with_cookie};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/login", post(login::login))
        .route("/api/logout", post(login::logout))
        .route("/api/register", post(register::register))
        .route("/api/verify", post(register::verify))
        .route("/api/forgot", post(password::forgot))
        .route("/api/reset", post(password::reset))
        .route("/api/account/password", post(password::change_password))
        .route("/api/account/email", post(email::change_email))
        .route("/api/confirm-email", post(email::confirm_email))
}
