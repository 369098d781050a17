//! The dashboard's one-step actions: an associate made a full member, a
//! note about mail that could not be sent dismissed.

use crate::auth::Access;
use crate::domain::date::Date;
use crate::platform::post::{lang_of, read_form, redirect, refuse, unavailable, Refusal};
use crate::platform::routes::Routes;
use crate::platform::{AppState, SignedIn};
use axum::extract::{Request, State};
use axum::response::Response;
use serde::Deserialize;

pub fn router() -> Routes<AppState> {
    Routes::new().post("/admin", Access::Staff, act)
}

#[derive(Deserialize)]
struct ActForm {
    #[serde(default, rename = "do")]
    action: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    mail: String,
}

/// `POST /admin` (the secretariat).
async fn act(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let Some(form) = read_form::<ActForm>(request.into_body()).await else {
        return refuse(lang, Refusal::BadForm);
    };
    match form.action.as_str() {
        "upgrade" => {
            let today = Date::from_unix(crate::db::now_unix());
            let by = session.caller.user_id;
            match super::store::upgrade(&state.db, form.slug.trim(), today, by).await {
                Ok(Some((ka, en))) => redirect("/admin", &[("upgraded", lang.pick(&ka, &en))]),
                Ok(None) => redirect("/admin", &[("error", "not_upgraded")]),
                Err(error) => unavailable(lang, error),
            }
        }
        "dismiss_mail" => {
            let Ok(id) = form.mail.trim().parse::<i64>() else {
                return refuse(lang, Refusal::BadForm);
            };
            match crate::db::mail_queue::dismiss(&state.db, id).await {
                Ok(()) => redirect("/admin", &[("dismissed", "1")]),
                Err(error) => unavailable(lang, error),
            }
        }
        _ => refuse(lang, Refusal::BadForm),
    }
}
