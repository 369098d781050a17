//! The dashboard's one-step actions: an associate made a full member, the
//! end of a membership recorded, a note about mail that could not be sent
//! dismissed.

use super::store::Ended;
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
    #[serde(default)]
    left_on: String,
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
            let today = crate::apply::today();
            let by = session.caller.user_id;
            match super::store::upgrade(&state.db, form.slug.trim(), today, by).await {
                Ok(Some((ka, en))) => redirect("/admin", &[("upgraded", lang.pick(&ka, &en))]),
                Ok(None) => redirect("/admin", &[("error", "not_upgraded")]),
                Err(error) => unavailable(lang, error),
            }
        }
        "end_membership" => {
            let slug = form.slug.trim();
            let today = crate::apply::today();
            // The day is checked again here: a past or today's date, from
            // the day the organisation joined.
            let day = match Date::parse(form.left_on.trim()) {
                Ok(day) if day <= today => day,
                Ok(_) => return redirect("/admin", &[("error", "left_on_future"), ("slug", slug)]),
                Err(_) => {
                    return redirect("/admin", &[("error", "left_on_invalid"), ("slug", slug)])
                }
            };
            let by = session.caller.user_id;
            match super::store::end_membership(&state.db, slug, day, by).await {
                Ok(Ended::Done(ka, en)) => redirect("/admin", &[("ended", lang.pick(&ka, &en))]),
                Ok(Ended::BeforeJoining) => {
                    redirect("/admin", &[("error", "left_on_early"), ("slug", slug)])
                }
                Ok(Ended::NotMember) => redirect("/admin", &[("error", "not_ended")]),
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
