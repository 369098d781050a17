use super::register::TokenForm;
use super::{form_again, lang_of, read_form, redirect, refuse, send, unavailable, Refusal};
use crate::auth::server::links::{self, Purpose};
use crate::auth::server::{password, CurrentSession};
use crate::auth::validate;
use crate::db::{now_unix, sessions, users};
use crate::domain::lang::Lang;
use crate::i18n::mails::account as mails;
use crate::platform::{AppState, SignedIn};
use axum::extract::{Request, State};
use axum::response::Response;
use axum::Extension;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ChangeEmailForm {
    #[serde(default, rename = "email_password")]
    current_password: String,
    #[serde(default, rename = "new_email")]
    email: String,
}

/// `POST /account/email` (signed in): after the password, mails a link
/// to the new address; the change happens when that link is used.
pub async fn change_email(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(form) = read_form::<ChangeEmailForm>(body).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let user = match users::by_id(&state.db, session.caller.user_id).await {
        Ok(Some(user)) => user,
        Ok(None) => return redirect("/login", &[("next", "/account")]),
        Err(error) => return unavailable(lang, error),
    };
    let typed = form.email.trim();
    if !password::verify(form.current_password, Some(user.password_hash.clone())).await {
        let shown = [("new_email", typed), ("e_email_password", "wrong_password")];
        return form_again(&state, parts, "/account/email", &shown).await;
    }
    let email = match validate::email(&form.email) {
        Ok(email) => email,
        Err(problem) => {
            let shown = [("new_email", typed), ("e_new_email", problem.code())];
            return form_again(&state, parts, "/account/email", &shown).await;
        }
    };
    match links::issue(&state.db, Purpose::ChangeEmail, user.id, &email, now_unix()).await {
        Ok(token) => {
            let user_lang = Lang::from_code(&user.lang).unwrap_or(lang);
            let link = state
                .site
                .link(&user_lang.at(&format!("/confirm-email?token={token}")));
            send(&state, &email, mails::change_email(user_lang, &link)).await;
            redirect("/account", &[("email_sent", &email)])
        }
        Err(error) => unavailable(lang, error),
    }
}

/// `POST /confirm-email` (anyone holding the link): applies the change.
pub async fn confirm_email(
    State(state): State<AppState>,
    Extension(current): Extension<Option<CurrentSession>>,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(form) = read_form::<TokenForm>(body).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let consumed =
        match links::consume(&state.db, Purpose::ChangeEmail, &form.token, now_unix()).await {
            Ok(consumed) => consumed,
            Err(error) => return unavailable(lang, error),
        };
    let Some((user_id, email)) = consumed else {
        return form_again(&state, parts, "/confirm-email", &[("error", "invalid")]).await;
    };
    let before = match users::by_id(&state.db, user_id).await {
        Ok(Some(user)) => user,
        Ok(None) => {
            return form_again(&state, parts, "/confirm-email", &[("error", "invalid")]).await
        }
        Err(error) => return unavailable(lang, error),
    };
    match users::set_email(&state.db, user_id, &email).await {
        Ok(true) => {}
        Ok(false) => {
            return form_again(&state, parts, "/confirm-email", &[("error", "taken")]).await
        }
        Err(error) => return unavailable(lang, error),
    }
    // Whoever else was signed in to the account, or holds a reset link
    // mailed to the old address, is out; the old address is told.
    let keep = current
        .as_ref()
        .filter(|s| s.caller.user_id == user_id)
        .map(|s| s.token_hash.as_str());
    let now = now_unix();
    let ended = async {
        sessions::delete_for_user(&state.db, user_id, keep).await?;
        links::revoke(&state.db, Purpose::ResetPassword, user_id, now).await
    };
    if let Err(error) = ended.await {
        return unavailable(lang, error);
    }
    let user_lang = Lang::from_code(&before.lang).unwrap_or(lang);
    send(
        &state,
        &before.email,
        mails::email_changed(user_lang, &email),
    )
    .await;
    if keep.is_some() {
        redirect("/account", &[("email_changed", "1")])
    } else {
        redirect("/login", &[("email_changed", "1"), ("email", &email)])
    }
}
