//! Continuing an application: the resume link (which asks for the
//! password chosen on the account step) and reopening a returned one.

use crate::apply::cookie::draft_cookie_value;
use crate::apply::store as applications;
use crate::auth::server::session::hash_token;
use crate::auth::server::{password, rate_limit, CurrentSession};
use crate::db::now_unix;
use crate::domain::ids::ApplicationId;
use crate::domain::lang::Lang;
use crate::platform::post::{
    lang_of, read_body, redirect, refuse, too_many_attempts, unavailable, value, with_cookie,
    Refusal, FORM_BODY_LIMIT,
};
use crate::platform::{AppState, ClientKey};
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use std::collections::HashMap;

/// The longest resume token read; real ones are 43 characters.
const TOKEN_MAX: usize = 128;

/// `GET /apply/resume?token=…`: the link mailed to continue an application.
/// Opening it sets nothing: a link can be forwarded, leaked or planted (an
/// attacker mails their own draft's link, so that the victim types into a
/// draft the attacker can read, with a password the attacker chose). The
/// draft opens only with the password chosen for it at step 3, or, for a
/// draft started while signed in, for that account.
pub(super) async fn resume(
    State(state): State<AppState>,
    Extension(current): Extension<Option<CurrentSession>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = lang_of(&headers);
    let token: String = query
        .get("token")
        .map(|t| t.chars().take(TOKEN_MAX).collect())
        .unwrap_or_default();
    let draft = if token.is_empty() {
        None
    } else {
        match applications::load_draft(&state.db, &hash_token(&token)).await {
            Ok(draft) => draft,
            Err(error) => return unavailable(lang, error),
        }
    };
    let Some(draft) = draft else {
        return redirect("/apply/status", &[("token", &token)]);
    };
    if !draft.password_hash.is_empty() {
        return resume_form(lang, &token, false);
    }
    // Started while signed in: the account it was started from.
    let owner = !draft.resume_sent_to.is_empty()
        && current
            .as_ref()
            .is_some_and(|s| s.caller.email == draft.resume_sent_to);
    if owner {
        return open_draft(&state, &token);
    }
    let back = format!("/apply/resume?token={token}");
    redirect("/login", &[("next", &back)])
}

/// `POST /apply/resume` (`token`, `password`): opens the draft for the
/// person who chose its password. Rate limited like a login.
pub(super) async fn resume_with_password(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = lang_of(&headers);
    let Some(posted) = read_body(request.into_body(), FORM_BODY_LIMIT).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let token: String = value(&posted, "token").chars().take(TOKEN_MAX).collect();
    let limit = state.site.login_limit;
    if let Err(wait) = rate_limit::check(&state.db, "resume", &client, limit, now_unix()).await {
        return too_many_attempts(lang, wait, "/apply");
    }
    let draft = match applications::load_draft(&state.db, &hash_token(&token)).await {
        Ok(draft) => draft,
        Err(error) => return unavailable(lang, error),
    };
    let hash = draft
        .map(|d| d.password_hash)
        .filter(|hash| !hash.is_empty());
    let typed = value(&posted, "password").to_string();
    if password::verify(typed, hash).await {
        open_draft(&state, &token)
    } else {
        resume_form(lang, &token, true)
    }
}

/// Puts the draft's token in the visitor's cookie and opens the wizard.
fn open_draft(state: &AppState, token: &str) -> Response {
    with_cookie(
        redirect("/apply", &[]),
        &draft_cookie_value(token, state.site.secure_cookies()),
    )
}

/// The page that asks for the draft's password (422 after a wrong one).
fn resume_form(lang: Lang, token: &str, wrong: bool) -> Response {
    let r = crate::i18n::messages(lang).refusals();
    let (title, text, label, button, error, forgot) = (
        r.resume_title,
        r.resume_text,
        r.resume_password,
        r.resume_continue,
        r.resume_wrong,
        r.resume_forgot,
    );
    let token = escape_attribute(token);
    let (invalid, message) = if wrong {
        (
            " aria-invalid=\"true\" aria-describedby=\"password-error\"",
            format!("<p class=\"field-error\" id=\"password-error\">{error}</p>"),
        )
    } else {
        ("", String::new())
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/alliance.css\"></head>\
         <body><main id=\"main\" class=\"container page\"><h1>{title}</h1><p>{text}</p>\
         <form method=\"post\" action=\"{action}\" class=\"form\">\
         <input type=\"hidden\" name=\"token\" value=\"{token}\">\
         <div class=\"field\"><label for=\"password\">{label}</label>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required{invalid}>\
         {message}</div><button type=\"submit\" class=\"button\">{button}</button></form>\
         <p><a href=\"{apply}\">{forgot}</a></p></main></body></html>",
        code = lang.code(),
        action = lang.at("/apply/resume"),
        apply = lang.at("/apply"),
    );
    let status = if wrong {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut response = (status, axum::response::Html(html)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `POST /apply/reopen` (`token`): changes to an application returned for
/// changes are made in the wizard, under the application's own token.
pub(super) async fn reopen(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = lang_of(&headers);
    let Some(posted) = read_body(request.into_body(), FORM_BODY_LIMIT).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let token = value(&posted, "token").to_string();
    match applications::reopen(&state.db, &hash_token(&token)).await {
        Ok(true) => with_cookie(
            redirect("/apply", &[("step", "1")]),
            &draft_cookie_value(&token, state.site.secure_cookies()),
        ),
        Ok(false) => redirect("/apply/status", &[("token", &token)]),
        Err(error) => unavailable(lang, error),
    }
}

/// `POST /apply/withdraw` (`token` or, signed in, `application`; `confirm`):
/// the applicant withdraws an open application. The status link's token is
/// the proof, as it is for reading the application; without it, the
/// signed-in account must be the one that sent it.
pub(super) async fn withdraw(
    State(state): State<AppState>,
    Extension(current): Extension<Option<CurrentSession>>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = lang_of(&headers);
    let Some(posted) = read_body(request.into_body(), FORM_BODY_LIMIT).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let token: String = value(&posted, "token").chars().take(TOKEN_MAX).collect();
    let back: Vec<(&str, &str)> = if token.is_empty() {
        Vec::new()
    } else {
        vec![("token", token.as_str())]
    };
    let found = if token.is_empty() {
        let id = value(&posted, "application").trim().parse::<i64>().ok();
        match (id, &current) {
            (Some(id), Some(session)) => Some((ApplicationId(id), session.caller.user_id)),
            _ => None,
        }
    } else {
        match applications::by_status_token(&state.db, &hash_token(&token)).await {
            Ok(app) => app.map(|app| (app.id, app.user_id)),
            Err(error) => return unavailable(lang, error),
        }
    };
    let Some((id, user)) = found else {
        return refuse(lang, Refusal::BadForm);
    };
    if value(&posted, "confirm").is_empty() {
        // Back to the page, the problem next to the box of this application.
        let which = id.to_string();
        let mut query = back.clone();
        query.push(("e_confirm", "confirm_required"));
        query.push(("application", &which));
        return redirect("/apply/status", &query);
    }
    let outcome = match applications::withdraw(&state.db, id, user).await {
        Ok(true) => "withdrawn",
        Ok(false) => "not_withdrawn",
        Err(error) => return unavailable(lang, error),
    };
    if outcome == "withdrawn" {
        tracing::info!(application = id.get(), "application withdrawn");
    }
    let mut query = back;
    query.push(("outcome", outcome));
    redirect("/apply/status", &query)
}
