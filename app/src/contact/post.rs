//! The administrators' contact form.

use super::Contacts;
use crate::auth::Access;
use crate::db::now_unix;
use crate::platform::post::{
    form_again, lang_of, read_form, redirect, refuse, typed_text, unavailable, Refusal,
};
use crate::platform::routes::Routes;
use crate::platform::{AppState, SignedIn};
use axum::extract::{Request, State};
use axum::response::Response;

pub fn router() -> Routes<AppState> {
    Routes::new().post("/admin/contact", Access::Admin, save)
}

/// `POST /admin/contact` (administrators): replaces the contacts; a field
/// with a problem is shown again with everything typed.
async fn save(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(posted) = read_form::<Contacts>(body).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let posted = Contacts {
        address_ka: typed_text(posted.address_ka),
        address_en: typed_text(posted.address_en),
        email: typed_text(posted.email),
        phone: typed_text(posted.phone),
        secretariat_ka: typed_text(posted.secretariat_ka),
        secretariat_en: typed_text(posted.secretariat_en),
        board_ka: typed_text(posted.board_ka),
        board_en: typed_text(posted.board_en),
    };
    let (contacts, problems) = posted.checked();
    if !problems.is_empty() {
        let codes: Vec<(String, &str)> = problems
            .iter()
            .map(|(field, problem)| (format!("e_{field}"), problem.code()))
            .collect();
        let mut shown: Vec<(&str, &str)> = vec![
            ("sent", "1"),
            ("address_ka", &contacts.address_ka),
            ("address_en", &contacts.address_en),
            ("email", &contacts.email),
            ("phone", &contacts.phone),
            ("secretariat_ka", &contacts.secretariat_ka),
            ("secretariat_en", &contacts.secretariat_en),
            ("board_ka", &contacts.board_ka),
            ("board_en", &contacts.board_en),
        ];
        shown.extend(codes.iter().map(|(k, v)| (k.as_str(), *v)));
        return form_again(&state, parts, "/admin/contact", &shown).await;
    }
    match super::store::save(&state.db, &contacts, session.caller.user_id, now_unix()).await {
        Ok(()) => redirect("/contact", &[("saved", "1")]),
        Err(error) => unavailable(lang, error),
    }
}
