use super::{lang_of, redirect, send, too_many_attempts, unavailable};
use crate::auth::server::links::{self, Purpose};
use crate::auth::server::{password, rate_limit, CurrentSession};
use crate::auth::validate::{self, Problem};
use crate::db::{now_unix, sessions, users};
use crate::domain::lang::Lang;
use crate::i18n::mails::account as mails;
use crate::platform::{AppState, ClientKey};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// `POST /api/forgot` (anyone): mails a reset link if the address has an
/// account; the answer is the same either way.
pub async fn forgot(
    State(state): State<AppState>,
    ClientKey(ip): ClientKey,
    headers: HeaderMap,
    Form(form): Form<ForgotForm>,
) -> Response {
    let lang = lang_of(&headers);
    let now = now_unix();
    if let Err(wait) =
        rate_limit::check(&state.db, "forgot", &ip, state.site.register_limit, now).await
    {
        return too_many_attempts(lang, wait, "/forgot");
    }
    let email = match validate::email(&form.email) {
        Ok(email) => email,
        Err(problem) => {
            return redirect(
                "/forgot",
                &[("email", form.email.trim()), ("e_email", problem.code())],
            )
        }
    };
    match users::by_email(&state.db, &email).await {
        Ok(Some(user)) => {
            match links::issue(&state.db, Purpose::ResetPassword, user.id, "", now).await {
                Ok(token) => {
                    let link = state.site.link(&format!("/reset?token={token}"));
                    let user_lang = Lang::from_code(&user.lang).unwrap_or(lang);
                    send(&state, &user.email, mails::reset_password(user_lang, &link)).await;
                }
                Err(error) => return unavailable(lang, error),
            }
        }
        Ok(None) => {}
        Err(error) => return unavailable(lang, error),
    }
    redirect("/forgot", &[("sent", "1"), ("email", &email)])
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// `POST /api/reset` (anyone holding the link): sets a new password once,
/// and ends every session of the account.
pub async fn reset(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<ResetForm>,
) -> Response {
    let lang = lang_of(&headers);
    let now = now_unix();
    if let Err(problem) = check_new_password(&form.password, &form.password_confirm, &[]).await {
        return redirect(
            "/reset",
            &[("token", &form.token), ("e_password", problem.code())],
        );
    }
    let consumed = match links::consume(&state.db, Purpose::ResetPassword, &form.token, now).await {
        Ok(consumed) => consumed,
        Err(error) => return unavailable(lang, error),
    };
    let Some((user_id, _)) = consumed else {
        return redirect("/reset", &[("error", "invalid")]);
    };
    let hash = match password::hash(form.password).await {
        Ok(hash) => hash,
        Err(error) => return unavailable(lang, error),
    };
    let done = async {
        users::set_password(&state.db, user_id, &hash).await?;
        // Proving control of the mailbox also proves the address.
        users::mark_verified(&state.db, user_id).await?;
        sessions::delete_for_user(&state.db, user_id, None).await?;
        users::by_id(&state.db, user_id).await
    };
    match done.await {
        Ok(user) => redirect(
            "/login",
            &[
                ("reset", "1"),
                ("email", &user.map(|u| u.email).unwrap_or_default()),
            ],
        ),
        Err(error) => unavailable(lang, error),
    }
}

#[derive(Deserialize)]
pub struct ChangePasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// `POST /api/account/password` (signed in): needs the current password;
/// ends every other session of the account.
pub async fn change_password(
    State(state): State<AppState>,
    Extension(current): Extension<Option<CurrentSession>>,
    headers: HeaderMap,
    Form(form): Form<ChangePasswordForm>,
) -> Response {
    let lang = lang_of(&headers);
    let Some(session) = current else {
        return redirect("/login", &[("next", "/account")]);
    };
    let user = match users::by_id(&state.db, session.caller.user_id).await {
        Ok(Some(user)) => user,
        Ok(None) => return redirect("/login", &[("next", "/account")]),
        Err(error) => return unavailable(lang, error),
    };
    if !password::verify(form.current_password, Some(user.password_hash.clone())).await {
        return redirect("/account", &[("e_current_password", "wrong_password")]);
    }
    if let Err(problem) = check_new_password(
        &form.password,
        &form.password_confirm,
        &[&user.email, &user.display_name],
    )
    .await
    {
        return redirect("/account", &[("e_password", problem.code())]);
    }
    let hash = match password::hash(form.password).await {
        Ok(hash) => hash,
        Err(error) => return unavailable(lang, error),
    };
    let done = async {
        users::set_password(&state.db, user.id, &hash).await?;
        sessions::delete_for_user(&state.db, user.id, Some(&session.token_hash)).await?;
        // A reset link mailed before the change must not undo it.
        links::revoke(&state.db, Purpose::ResetPassword, user.id, now_unix()).await
    };
    match done.await {
        Ok(_) => redirect("/account", &[("password_changed", "1")]),
        Err(error) => unavailable(lang, error),
    }
}

/// The length rules and the common-password check, for every new password.
async fn check_new_password(
    password: &str,
    confirmation: &str,
    personal: &[&str],
) -> Result<(), Problem> {
    validate::new_password(password, confirmation)?;
    if password::too_common(password, personal).await {
        return Err(Problem::PasswordTooCommon);
    }
    Ok(())
}
