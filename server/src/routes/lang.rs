use app::domain::lang::{Lang, LANG_COOKIE};
use axum::http::{header, HeaderValue, StatusCode};
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
pub async fn set_lang(Form(form): Form<LangForm>) -> Response {
    let Some(lang) = Lang::from_code(&form.lang) else {
        return (StatusCode::BAD_REQUEST, "unknown language").into_response();
    };
    let mut response = Redirect::to(safe_next(&form.next)).into_response();
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// `next` if it is a path on this site, `/` otherwise (no open redirects).
pub fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if local && !next.chars().any(char::is_control) {
        next
    } else {
        "/"
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/news?page=2"), "/news?page=2");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next(""), "/");
    }
}
