//! An organisation's representative asks to leave the Alliance (or takes
//! the request back) and downloads everything the platform holds about
//! the organisation and the account; staff choose to be mailed when an
//! application arrives or a member asks to leave.

use super::{form_again, lang_of, read_form, redirect, refuse, unavailable, Refusal};
use crate::account::store;
use crate::auth::validate::Problem;
use crate::db::now_unix;
use crate::domain::lang::Lang;
use crate::i18n::mails::staff as staff_mails;
use crate::platform::{AppState, SignedIn};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The longest reason kept.
const REASON_MAX_CHARS: usize = 2000;

#[derive(Deserialize)]
pub struct NotifyForm {
    #[serde(default)]
    notify: String,
}

/// `POST /account/notifications` (staff and administrators).
pub async fn notifications(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let Some(form) = read_form::<NotifyForm>(request.into_body()).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let on = !form.notify.is_empty();
    match store::set_notify_staff(&state.db, session.caller.user_id, on).await {
        Ok(()) => redirect(
            "/account",
            &[("notify_saved", if on { "on" } else { "off" })],
        ),
        Err(error) => unavailable(lang, error),
    }
}

#[derive(Deserialize)]
pub struct LeaveForm {
    #[serde(default, rename = "do")]
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /account/leave` (an organisation's representative): `do=ask`
/// records the request (the box saying so must be ticked) and mails the
/// staff who asked to be told; `do=take_back` withdraws it while the
/// secretariat has not recorded the end.
pub async fn leave(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(form) = read_form::<LeaveForm>(body).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let caller = &session.caller;
    let Some(org) = caller.represents() else {
        return refuse(lang, Refusal::Forbidden);
    };
    let now = now_unix();
    match form.action.as_str() {
        "ask" => {
            let reason = form.reason.trim();
            let problem = if form.confirm.is_empty() {
                Some(("e_confirm", Problem::ConfirmRequired.code()))
            } else if reason.chars().count() > REASON_MAX_CHARS {
                Some(("e_reason", Problem::TooLong.code()))
            } else {
                None
            };
            if let Some(problem) = problem {
                let shown = [("reason", reason), problem];
                return form_again(&state, parts, "/account", &shown).await;
            }
            let names = crate::directory::store::organisations::names(&state.db, org).await;
            let (name_ka, name_en, _) = match names {
                Ok(Some(names)) => names,
                Ok(None) => return refuse(lang, Refusal::Forbidden),
                Err(error) => return unavailable(lang, error),
            };
            let link = state.site.link("/admin");
            let compose = |to: Lang| {
                let name = to.pick(&name_ka, &name_en);
                staff_mails::leave_requested(to, name, reason, &link)
            };
            match store::ask_to_leave(&state.db, org, caller.user_id, reason, &compose, now).await {
                Ok(mails) => {
                    for mail in mails.unwrap_or_default() {
                        state.mailer.deliver_soon(&state.db, mail);
                    }
                    redirect("/account", &[("leave", "asked")])
                }
                Err(error) => unavailable(lang, error),
            }
        }
        "take_back" => match store::take_back_leave(&state.db, org, caller.user_id, now).await {
            Ok(_) => redirect("/account", &[("leave", "taken_back")]),
            Err(error) => unavailable(lang, error),
        },
        _ => refuse(lang, Refusal::BadForm),
    }
}

/// `GET /account/export` (signed in): everything the platform holds about
/// the account and, for a representative, the organisation, as a JSON file.
pub async fn export(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    headers: axum::http::HeaderMap,
) -> Response {
    let caller = &session.caller;
    let organisation = caller.represents();
    let now = now_unix();
    match crate::account::export::export(&state.db, caller.user_id, organisation, now).await {
        Ok(document) => {
            let body = serde_json::to_string_pretty(&document).unwrap_or_default();
            let day = crate::domain::date::Date::from_unix(now);
            let disposition = format!("attachment; filename=\"alliance-data-{day}.json\"");
            (
                StatusCode::OK,
                [
                    (
                        header::CONTENT_TYPE,
                        "application/json; charset=utf-8".to_string(),
                    ),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                body,
            )
                .into_response()
        }
        Err(error) => unavailable(lang_of(&headers), error),
    }
}
