//! Account forms: plain HTML forms that post to their page's own address.
//! A good post is answered with a redirect (303) to the page that comes
//! next, carrying in its query a success flag; a post that needs correcting
//! with the same page rendered again (422) with what was typed (never
//! passwords) and each problem next to its field. They work the same with
//! and without JavaScript, and with password managers.

mod email;
mod leaving;
mod login;
mod password;
mod people;
pub(crate) use people::unusable_password;
mod register;

use crate::auth::Access;
use crate::platform::routes::Routes;
use crate::platform::AppState;

use crate::platform::post::{
    form_again, lang_of, read_form, redirect, refuse, send, too_many_attempts, unavailable,
    with_cookie, Refusal,
};

pub fn router() -> Routes<AppState> {
    Routes::new()
        .post("/login", Access::Anyone, login::login)
        .post("/logout", Access::Anyone, login::logout)
        .post("/register", Access::Anyone, register::register)
        .post("/verify", Access::Anyone, register::verify)
        .post("/forgot", Access::Anyone, password::forgot)
        .post("/reset", Access::Anyone, password::reset)
        .post(
            "/account/password",
            Access::SignedIn,
            password::change_password,
        )
        .post("/account/email", Access::SignedIn, email::change_email)
        // The link is the proof: whoever holds it, signed in or not.
        .post("/confirm-email", Access::Anyone, email::confirm_email)
        .post("/invite", Access::Anyone, people::accept)
        .post("/admin/users", Access::Admin, people::invite)
        .post_from(
            "/admin/users/change",
            Access::Admin,
            |_| "/admin/users".to_string(),
            people::change,
        )
        .post_from(
            "/account/representatives",
            Access::Delegate,
            |_| "/account".to_string(),
            people::representatives,
        )
        .post(
            "/account/notifications",
            Access::Staff,
            leaving::notifications,
        )
        .post("/account/leave", Access::Delegate, leaving::leave)
        .get("/account/export", Access::SignedIn, leaving::export)
}
