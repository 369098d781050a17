use super::{
    form_again, lang_of, read_form, redirect, refuse, send, too_many_attempts, unavailable,
    with_cookie, Refusal,
};
use crate::auth::server::links::{self, Purpose};
use crate::auth::server::session::{clear_cookie, cookie};
use crate::auth::server::{password, rate_limit, session, CurrentSession};
use crate::auth::validate;
use crate::db::{now_unix, sessions, users};
use crate::domain::lang::Lang;
use crate::i18n::mails::account as mails;
use crate::platform::post::safe_next;
use crate::platform::{AppState, ClientKey};
use axum::extract::{Request, State};
use axum::response::Response;
use axum::Extension;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /login` (anyone). One generic message for any bad combination,
/// so the form never tells whether an address has an account.
pub async fn login(
    State(state): State<AppState>,
    ClientKey(ip): ClientKey,
    Extension(current): Extension<Option<CurrentSession>>,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(form) = read_form::<LoginForm>(body).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let now = now_unix();
    let email = validate::email(&form.email).unwrap_or_default();
    let site = &state.site;
    let attempt = match rate_limit::begin_login(
        &state.db,
        &ip,
        &email,
        site.login_limit,
        site.account_login_limit,
        now,
    )
    .await
    {
        Ok(attempt) => attempt,
        Err(rate_limit::Refused::Wait(wait)) => return too_many_attempts(lang, wait, "/login"),
        Err(rate_limit::Refused::Unavailable) => {
            return unavailable(lang, "login limits unavailable")
        }
    };
    let next = safe_next(&form.next);
    let user = if email.is_empty() {
        None
    } else {
        match users::by_email(&state.db, &email).await {
            Ok(user) => user,
            Err(error) => return unavailable(lang, error),
        }
    };
    let matches = password::verify(
        form.password,
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await;
    let shown_email = form.email.trim();
    let user = match (matches, user) {
        (true, Some(user)) => {
            attempt.succeeded(&state.db).await;
            user
        }
        _ => {
            attempt.failed(&state.db).await;
            let shown = [
                ("error", "credentials"),
                ("email", shown_email),
                ("next", next),
            ];
            return form_again(&state, parts, "/login", &shown).await;
        }
    };
    if user.deactivated_at.is_some() {
        // The password is right, so saying why is no leak.
        let shown = [("error", "deactivated"), ("email", shown_email)];
        return form_again(&state, parts, "/login", &shown).await;
    }
    if user.email_verified_at.is_none() {
        // The password is right, so telling them is no leak; send a fresh link.
        let user_lang = Lang::from_code(&user.lang).unwrap_or(lang);
        match links::issue(&state.db, Purpose::VerifyEmail, user.id, "", now).await {
            Ok(token) => {
                let link = state
                    .site
                    .link(&user_lang.at(&format!("/verify?token={token}")));
                send(&state, &user.email, mails::verify_email(user_lang, &link)).await;
            }
            Err(error) => return unavailable(lang, error),
        }
        let shown = [("error", "unverified"), ("email", shown_email)];
        return form_again(&state, parts, "/login", &shown).await;
    }
    // A new session id on every sign-in; the old session, if any, ends.
    if let Some(old) = current {
        let _ = sessions::delete(&state.db, &old.token_hash).await;
    }
    match session::start(&state.db, user.id, now).await {
        Ok(token) => {
            let target = if next == "/" { "/account" } else { next };
            with_cookie(
                redirect(target, &[]),
                &cookie(&token, state.site.secure_cookies()),
            )
        }
        Err(error) => unavailable(lang, error),
    }
}

/// `POST /logout` (anyone): ends the session, if there is one.
pub async fn logout(
    State(state): State<AppState>,
    Extension(current): Extension<Option<CurrentSession>>,
) -> Response {
    if let Some(session) = current {
        let _ = sessions::delete(&state.db, &session.token_hash).await;
    }
    // The application draft of this browser is forgotten too: whoever
    // uses the browser next does not continue it.
    let secure = state.site.secure_cookies();
    with_cookie(
        with_cookie(redirect("/", &[]), &clear_cookie(secure)),
        &crate::apply::cookie::clear_draft_cookie(secure),
    )
}
