use super::{
    form_again, lang_of, read_form, redirect, refuse, send, too_many_attempts, unavailable, Refusal,
};
use crate::auth::server::links::{self, Purpose};
use crate::auth::server::{password, rate_limit};
use crate::auth::validate::{self, Problem};
use crate::auth::Role;
use crate::db::{now_unix, users};
use crate::i18n::mails::account as mails;
use crate::platform::{AppState, ClientKey};
use axum::extract::{Request, State};
use axum::response::Response;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// `POST /register` (anyone). Creates an unverified account and mails a
/// verification link. If the address already has an account, that address
/// gets a note instead and the page looks the same, so nobody learns which
/// addresses are registered.
pub async fn register(
    State(state): State<AppState>,
    ClientKey(ip): ClientKey,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(form) = read_form::<RegisterForm>(body).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let now = now_unix();
    if let Err(wait) =
        rate_limit::check(&state.db, "register", &ip, state.site.register_limit, now).await
    {
        return too_many_attempts(lang, wait, "/register");
    }
    let name = validate::name(&form.name);
    let email = validate::email(&form.email);
    let mut password = validate::new_password(&form.password, &form.password_confirm);
    if password.is_ok() {
        let personal = [form.email.as_str(), form.name.as_str()];
        if password::too_common(&form.password, &personal).await {
            password = Err(Problem::PasswordTooCommon);
        }
    }
    let (name, email) = match (name, email, password) {
        (Ok(name), Ok(email), Ok(())) => (name, email),
        (name, email, password) => {
            let code = |r: Result<(), Problem>| r.err().map(Problem::code).unwrap_or("");
            let shown = [
                ("name", form.name.trim()),
                ("email", form.email.trim()),
                ("e_name", code(name.map(drop))),
                ("e_email", code(email.map(drop))),
                ("e_password", code(password)),
            ];
            return form_again(&state, parts, "/register", &shown).await;
        }
    };
    let hash = match password::hash(form.password).await {
        Ok(hash) => hash,
        Err(error) => return unavailable(lang, error),
    };
    let new_user = users::NewUser {
        email: &email,
        password_hash: &hash,
        role: Role::Member,
        organisation_id: None,
        display_name: &name,
        lang: lang.code(),
        verified: false,
    };
    match users::insert(&state.db, &new_user).await {
        Ok(Some(user_id)) => {
            match links::issue(&state.db, Purpose::VerifyEmail, user_id, "", now).await {
                Ok(token) => {
                    let link = state.site.link(&lang.at(&format!("/verify?token={token}")));
                    send(&state, &email, mails::verify_email(lang, &link)).await;
                }
                Err(error) => return unavailable(lang, error),
            }
        }
        Ok(None) => {
            let mail = mails::already_registered(
                lang,
                &state.site.link(&lang.at("/login")),
                &state.site.link(&lang.at("/forgot")),
            );
            send(&state, &email, mail).await;
        }
        Err(error) => return unavailable(lang, error),
    }
    redirect("/register", &[("sent", "1"), ("email", &email)])
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    pub token: String,
}

/// `POST /verify` (anyone holding the link): confirms the address once.
pub async fn verify(State(state): State<AppState>, request: Request) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(form) = read_form::<TokenForm>(body).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let consumed =
        match links::consume(&state.db, Purpose::VerifyEmail, &form.token, now_unix()).await {
            Ok(consumed) => consumed,
            Err(error) => return unavailable(lang, error),
        };
    let Some((user_id, _)) = consumed else {
        return form_again(&state, parts, "/verify", &[("error", "invalid")]).await;
    };
    if let Err(error) = users::mark_verified(&state.db, user_id).await {
        return unavailable(lang, error);
    }
    let email = users::by_id(&state.db, user_id)
        .await
        .ok()
        .flatten()
        .map(|u| u.email)
        .unwrap_or_default();
    redirect("/login", &[("verified", "1"), ("email", &email)])
}
