//! Account forms: plain HTML forms that post here and are answered with a
//! redirect (303) to the page, carrying in its query what the page should
//! show — which messages, and the values typed so far (never passwords).
//! They work the same with and without JavaScript, and with password managers.

mod email;
mod login;
mod password;
mod register;

use crate::auth::Access;
use crate::platform::routes::Routes;
use crate::platform::AppState;

use crate::platform::post::{lang_of, redirect, send, too_many_attempts, unavailable, with_cookie};

/// The account forms' page.
fn account_page(_: &str) -> String {
    "/account".into()
}

pub fn router() -> Routes<AppState> {
    Routes::new()
        .post("/api/login", Access::Anyone, login::login)
        .post("/api/logout", Access::Anyone, login::logout)
        .post("/api/register", Access::Anyone, register::register)
        .post("/api/verify", Access::Anyone, register::verify)
        .post("/api/forgot", Access::Anyone, password::forgot)
        .post("/api/reset", Access::Anyone, password::reset)
        .post_from(
            "/api/account/password",
            Access::SignedIn,
            account_page,
            password::change_password,
        )
        .post_from(
            "/api/account/email",
            Access::SignedIn,
            account_page,
            email::change_email,
        )
        // The link is the proof: whoever holds it, signed in or not.
        .post("/api/confirm-email", Access::Anyone, email::confirm_email)
}
