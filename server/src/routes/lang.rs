use crate::state::AppState;
use app::domain::cookies::{self, Keep};
use app::domain::lang::{Lang, LANG_COOKIE};
use app::platform::post::safe_next;
use axum::extract::State;
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

/// The language switch of pages from before each language had its own
/// addresses (an open tab, a saved page): remembers the language and sends
/// the visitor to the page they were on at that language's address. Only
/// same-site paths are followed, so this is no open redirect; the address is
/// absolute, so the English layer leaves it as it is.
pub async fn set_lang(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LangForm>,
) -> Response {
    let Some(lang) = Lang::from_code(&form.lang) else {
        let lang = app::platform::post::lang_of(&headers);
        return app::platform::post::refuse(lang, app::platform::post::Refusal::BadForm);
    };
    let page = app::i18n::page_path(safe_next(&form.next));
    let mut response = Redirect::to(&state.site.link(&lang.at(page))).into_response();
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
