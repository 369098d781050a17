use app::domain::cookies::{self, Keep};
use app::domain::lang::{Lang, LANG_COOKIE};
use app::platform::post::safe_next;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LangForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// Remembers the language for a year and sends the visitor back where they
/// were. Only same-site paths are followed, so this is no open redirect.
pub async fn set_lang(headers: HeaderMap, Form(form): Form<LangForm>) -> Response {
    let Some(lang) = Lang::from_code(&form.lang) else {
        let lang = app::platform::post::lang_of(&headers);
        return app::platform::post::refuse(lang, app::platform::post::Refusal::BadForm);
    };
    let mut response = Redirect::to(safe_next(&form.next)).into_response();
    // Readable by the page (not HttpOnly): it is only the language.
    let keep = Keep {
        max_age: Some(365 * 24 * 60 * 60),
        http_only: false,
        secure: false,
    };
    let cookie = cookies::set(LANG_COOKIE, lang.code(), keep);
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
