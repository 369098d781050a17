use super::{
    form_again, lang_of, read_form, redirect, refuse, send, too_many_attempts, unavailable, Refusal,
};
use crate::auth::server::links::{self, Purpose};
use crate::auth::server::{password, rate_limit};
use crate::auth::validate::{self, Problem};
use crate::db::{now_unix, sessions, users};
use crate::domain::lang::Lang;
use crate::i18n::mails::account as mails;
use crate::platform::{AppState, ClientKey, SignedIn};
use axum::extract::{Request, State};
use axum::response::Response;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// `POST /forgot` (anyone): mails a reset link if the address has an
/// account; the answer is the same either way.
pub async fn forgot(
    State(state): State<AppState>,
    ClientKey(ip): ClientKey,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(form) = read_form::<ForgotForm>(body).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let now = now_unix();
    if let Err(wait) =
        rate_limit::check(&state.db, "forgot", &ip, state.site.register_limit, now).await
    {
        return too_many_attempts(lang, wait, "/forgot");
    }
    let email = match validate::email(&form.email) {
        Ok(email) => email,
        Err(problem) => {
            let shown = [("email", form.email.trim()), ("e_email", problem.code())];
            return form_again(&state, parts, "/forgot", &shown).await;
        }
    };
    match users::by_email(&state.db, &email).await {
        // A deactivated account gets no link (and the answer is the same).
        Ok(Some(user)) if user.deactivated_at.is_none() => {
            match links::issue(&state.db, Purpose::ResetPassword, user.id, "", now).await {
                Ok(token) => {
                    let user_lang = Lang::from_code(&user.lang).unwrap_or(lang);
                    let link = state
                        .site
                        .link(&user_lang.at(&format!("/reset?token={token}")));
                    send(&state, &user.email, mails::reset_password(user_lang, &link)).await;
                }
                Err(error) => return unavailable(lang, error),
            }
        }
        Ok(_) => {}
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

/// `POST /reset` (anyone holding the link): sets a new password once,
/// and ends every session of the account.
pub async fn reset(State(state): State<AppState>, request: Request) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(form) = read_form::<ResetForm>(body).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let now = now_unix();
    if let Err(problem) = check_new_password(&form.password, &form.password_confirm, &[]).await {
        let shown = [
            ("token", form.token.as_str()),
            ("e_password", problem.code()),
        ];
        return form_again(&state, parts, "/reset", &shown).await;
    }
    let consumed = match links::consume(&state.db, Purpose::ResetPassword, &form.token, now).await {
        Ok(consumed) => consumed,
        Err(error) => return unavailable(lang, error),
    };
    let Some((user_id, _)) = consumed else {
        return form_again(&state, parts, "/reset", &[("error", "invalid")]).await;
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

/// `POST /account/password` (signed in): needs the current password;
/// ends every other session of the account.
pub async fn change_password(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(form) = read_form::<ChangePasswordForm>(body).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let user = match users::by_id(&state.db, session.caller.user_id).await {
        Ok(Some(user)) => user,
        Ok(None) => return redirect("/login", &[("next", "/account")]),
        Err(error) => return unavailable(lang, error),
    };
    if !password::verify(form.current_password, Some(user.password_hash.clone())).await {
        let shown = [("e_current_password", "wrong_password")];
        return form_again(&state, parts, "/account/password", &shown).await;
    }
    if let Err(problem) = check_new_password(
        &form.password,
        &form.password_confirm,
        &[&user.email, &user.display_name],
    )
    .await
    {
        let shown = [("e_password", problem.code())];
        return form_again(&state, parts, "/account/password", &shown).await;
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
