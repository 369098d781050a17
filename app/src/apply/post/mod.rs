//! The membership application's form posts: each wizard step, sending,
//! reopening a returned application, the resume link, and reviewers'
//! decisions. They work without JavaScript: a good post is answered with a
//! redirect (303) to the next page; a post that needs correcting with the
//! same page rendered again (422), every answer kept and each problem next
//! to its field.

mod resume;
mod review;
mod wizard;

use crate::apply::cookie::draft_cookie_value;
use crate::apply::DRAFT_COOKIE;
use crate::auth::server::session::new_token;
use crate::platform::post::with_cookie;
use crate::platform::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

use crate::auth::Access;
use crate::platform::routes::Routes;

pub fn router() -> Routes<AppState> {
    Routes::new()
        .post("/apply", Access::Anyone, wizard::step)
        .get("/apply/resume", Access::Anyone, resume::resume)
        .post(
            "/apply/resume",
            Access::Anyone,
            resume::resume_with_password,
        )
        .post("/apply/reopen", Access::Anyone, resume::reopen)
        .post("/apply/withdraw", Access::Anyone, resume::withdraw)
        .post_from(
            "/admin/applications/{id}/decide",
            Access::StaffOrBoard,
            |path| path.trim_end_matches("/decide").to_string(),
            review::decide,
        )
}

/// Gives a visitor of the wizard a draft token before the page renders, so
/// the page and its server functions find the same draft.
pub async fn draft_cookie(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let wizard = request.method() == Method::GET && request.uri().path() == "/apply";
    let secure = state.site.secure_cookies();
    if !wizard || crate::platform::site_cookie(request.headers(), DRAFT_COOKIE, secure).is_some() {
        return next.run(request).await;
    }
    let token = new_token();
    let name = crate::domain::cookies::site_name(DRAFT_COOKIE, secure);
    if let Ok(value) = HeaderValue::from_str(&format!("{name}={token}")) {
        request.headers_mut().append(header::COOKIE, value);
    }
    let response = next.run(request).await;
    with_cookie(response, &draft_cookie_value(&token, secure))
}
