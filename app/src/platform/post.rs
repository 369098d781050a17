//! The post-back kit every form handler uses: read a form within a limit,
//! find a field, answer with a redirect after success, render the page again
//! with what was typed and its problems (422) after a failure, and the short
//! translated pages for "too many attempts" and "unavailable".

use super::state::{provide_request_context, AppState};
use crate::auth::server::CurrentSession;
use crate::components::post_form::{InPlace, IN_PLACE, IN_PLACE_HEADER, IN_PLACE_STAGES};
use crate::domain::lang::{Lang, LANG_COOKIE, PAGE_LANG_HEADER};
use crate::i18n::messages;
use axum::body::{Body, Bytes};
use axum::extract::FromRequestParts;
use axum::extract::Request;
use axum::http::Method;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use http::request::Parts;
use leptos::prelude::provide_context;

/// A form of typed fields is small; anything bigger is not a person typing.
pub const FORM_BODY_LIMIT: usize = 256 * 1024;

/// A form read into `T` (its fields by name), or `None` when the body is
/// over the form limit or is not such a form.
pub async fn read_form<T: serde::de::DeserializeOwned>(body: Body) -> Option<T> {
    let fields = read_body(body, FORM_BODY_LIMIT).await?;
    serde_urlencoded::from_str(&serde_urlencoded::to_string(fields).ok()?).ok()
}

/// A posted value without the control characters nobody types (NUL and
/// the rest of C0, DEL): kept, they would be stored as sent — and
/// PostgreSQL refuses a NUL in text. Tabs and line breaks stay.
pub fn typed_text(value: String) -> String {
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        value
            .chars()
            .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            .collect()
    } else {
        value
    }
}

/// How far a body over its route's limit is still read (and dropped): the
/// browser is still sending it, and answering before it has finished resets
/// the connection, so the person would see that instead of the answer.
/// Past this the connection is closed.
const READ_ON_MAX: usize = 4 * 1024 * 1024;

/// The body, when it is at most `limit` bytes; `None` when it is longer
/// (read on to its end, up to [`READ_ON_MAX`], holding none of it) or
/// breaks off.
pub async fn read_bounded(mut body: Body, limit: usize) -> Option<Bytes> {
    use http_body_util::BodyExt;
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame.ok()?.into_data() else {
            continue;
        };
        seen += data.len();
        if seen <= limit {
            kept.extend_from_slice(&data);
        } else if seen > READ_ON_MAX {
            return None;
        } else {
            kept = Vec::new();
        }
    }
    (seen <= limit).then(|| Bytes::from(kept))
}

/// A form's fields as posted (`application/x-www-form-urlencoded`), or
/// `None` when the body is over `limit` bytes or is not such a form.
pub async fn read_body(body: Body, limit: usize) -> Option<Vec<(String, String)>> {
    let bytes = read_bounded(body, limit).await?;
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).ok()?;
    Some(
        fields
            .into_iter()
            .map(|(name, value)| (name, typed_text(value)))
            .collect(),
    )
}

/// The value of the first field called `name` (empty when there is none).
pub fn value<'a>(posted: &'a [(String, String)], name: &str) -> &'a str {
    posted
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
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

/// A 303 to `path` with `query` pairs (empty values left out).
/// The longest value a redirect carries back in its address. What a person
/// types into a form (an address, a name) fits; a pasted 100,000-character
/// token does not come back as a 100 KB `Location` header, which common HTTP
/// clients refuse to read. (Percent-encoded, 320 Georgian letters take under
/// 3 KB.)
const ECHO_MAX_CHARS: usize = 320;

pub fn redirect(path: &str, query: &[(&str, &str)]) -> Response {
    let pairs: Vec<(&str, String)> = query
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (*k, v.chars().take(ECHO_MAX_CHARS).collect()))
        .collect();
    let location = if pairs.is_empty() {
        path.to_string()
    } else {
        format!(
            "{path}?{}",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    };
    Redirect::to(&location).into_response()
}

pub fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The language to answer in: the page's, from its address (the server
/// puts it in [`PAGE_LANG_HEADER`] when it takes `/en` off the path); for
/// what has no page address (the API, server functions, live streams) the
/// language of the last page the visitor read, from the cookie.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get(PAGE_LANG_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string)
        .or_else(|| super::cookie(headers, LANG_COOKIE))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// Why a request is not done, answered with a short translated page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// 400: the body is not the form the page sends.
    BadForm,
    /// 404.
    NotFound,
    /// 403: signed in, but not allowed.
    Forbidden,
    /// 401.
    SignInFirst,
    /// 403: a state change sent from another site.
    CrossSite,
}

impl Refusal {
    pub fn status(self) -> StatusCode {
        match self {
            Refusal::BadForm => StatusCode::BAD_REQUEST,
            Refusal::NotFound => StatusCode::NOT_FOUND,
            Refusal::Forbidden | Refusal::CrossSite => StatusCode::FORBIDDEN,
            Refusal::SignInFirst => StatusCode::UNAUTHORIZED,
        }
    }
}

/// The page for `refusal`, in `lang`, with its status.
pub fn refuse(lang: Lang, refusal: Refusal) -> Response {
    let r = messages(lang).refusals();
    let (title, text, back, link) = match refusal {
        Refusal::BadForm => (r.bad_form_title, r.bad_form_text, "/", r.go_home),
        Refusal::NotFound => (r.not_found_title, r.not_found_text, "/", r.go_home),
        Refusal::Forbidden => (r.forbidden_title, r.forbidden_text, "/", r.go_home),
        Refusal::SignInFirst => (
            r.sign_in_title,
            r.sign_in_text,
            "/login",
            messages(lang).nav.login,
        ),
        Refusal::CrossSite => (r.cross_site_title, r.cross_site_text, "/", r.go_home),
    };
    (refusal.status(), simple_page(lang, title, text, back, link)).into_response()
}

/// 429 with `Retry-After` and a short page that says when to try again.
pub fn too_many_attempts(lang: Lang, wait_seconds: i64, back: &str) -> Response {
    let r = messages(lang).refusals();
    let minutes = (wait_seconds + 59) / 60;
    let text = (r.too_many_text)(minutes);
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        simple_page(lang, r.too_many_title, &text, back, r.go_back),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(wait_seconds.max(1)));
    response
}

/// 503 for when the database or mail is down: nothing the person did wrong.
pub fn unavailable(lang: Lang, error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "request failed: unavailable");
    let r = messages(lang).refusals();
    (
        StatusCode::SERVICE_UNAVAILABLE,
        simple_page(
            lang,
            r.unavailable_title,
            r.unavailable_text,
            "/",
            r.go_home,
        ),
    )
        .into_response()
}

/// A short page of our own texts (never what a visitor typed).
pub fn simple_page(lang: Lang, title: &str, text: &str, back: &str, link: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/alliance.css\"></head>\
         <body><main id=\"main\" class=\"container page\"><h1>{title}</h1><p>{text}</p>\
         <p><a class=\"button\" href=\"{back}\">{link}</a></p></main></body></html>",
        lang.code(),
        back = lang.at(back),
    ))
}

/// Sends a mail, logging a failure: the person sees the same page either
/// way, so nothing reveals, for example, whether an address has an account.
pub async fn send(state: &AppState, to: &str, mail: crate::i18n::mails::Mail) {
    let queued = state
        .mailer
        .queue(&state.db, to, &mail.subject, &mail.body, None)
        .await;
    if let Err(error) = queued {
        tracing::error!(%error, "could not queue mail");
    }
}

/// The longest value a page rendered again shows back: more than any field
/// allows (each says "too long" first), less than a pasted book.
const SHOWN_MAX_CHARS: usize = 2_000;

/// Renders the page at `path` again (422) showing `shown`: the keys a
/// redirect's query would have carried (a message code, the values typed —
/// never passwords —, `e_<field>` problems); empty values are left out.
pub async fn form_again(
    state: &AppState,
    parts: axum::http::request::Parts,
    path: &str,
    shown: &[(&str, &str)],
) -> Response {
    let posted = crate::components::post_form::Posted(
        shown
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_string(), v.chars().take(SHOWN_MAX_CHARS).collect()))
            .collect(),
    );
    if in_place(&parts.headers) {
        return in_place_answer(StatusCode::UNPROCESSABLE_ENTITY, &InPlace::Again { posted });
    }
    page_again(state, parts, path, posted).await
}

/// Whether a post was sent in place by the form kit (with JavaScript).
fn in_place(headers: &HeaderMap) -> bool {
    headers
        .get(IN_PLACE_HEADER)
        .is_some_and(|v| v == IN_PLACE || v == IN_PLACE_STAGES)
}

/// Whether a post sent in place came from a form that shows the outcomes
/// of its page's own kind where it is.
fn shows_stages(headers: &HeaderMap) -> bool {
    headers
        .get(IN_PLACE_HEADER)
        .is_some_and(|v| v == IN_PLACE_STAGES)
}

fn in_place_answer(status: StatusCode, answer: &InPlace) -> Response {
    let json = serde_json::to_string(answer).unwrap_or_default();
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        json,
    )
        .into_response()
}

/// Layer: a post sent in place that succeeded (a 303) is answered with
/// where to go instead (200, JSON), keeping every header the handler set
/// (its cookies above all), so the page moves on without loading again.
/// Every other answer passes as it is.
pub async fn answer_in_place(request: Request, next: axum::middleware::Next) -> Response {
    let sent_in_place = request.method() == Method::POST && in_place(request.headers());
    let response = next.run(request).await;
    if !sent_in_place || response.status() != StatusCode::SEE_OTHER {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let Some(to) = parts
        .headers
        .remove(header::LOCATION)
        .and_then(|to| to.to_str().ok().map(str::to_string))
    else {
        return Response::from_parts(parts, Body::empty());
    };
    // A new cookie (a session begun or ended) changes the whole page.
    let load = parts.headers.contains_key(header::SET_COOKIE);
    let mut answer = in_place_answer(StatusCode::OK, &InPlace::To { to, load });
    for name in [
        header::CONTENT_LENGTH,
        header::CONTENT_TYPE,
        header::CACHE_CONTROL,
    ] {
        parts.headers.remove(name);
    }
    answer.headers_mut().extend(parts.headers);
    answer
}

/// Renders the page at `path` (a GET of it) with `context` provided, and
/// answers 422: a post that needs correcting, shown with what was typed.
pub async fn page_again<C: Clone + Send + Sync + serde::Serialize + 'static>(
    state: &AppState,
    parts: axum::http::request::Parts,
    path: &str,
    submitted: C,
) -> Response {
    page_with_status(
        state,
        parts,
        path,
        submitted,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// Renders the page at `path` (a GET of it) with `context` provided, and
/// answers with `status`: a post whose outcome is shown on that page. A post
/// sent in place by a form that shows such outcomes itself gets the outcome
/// instead (`InPlace::Stage`).
pub async fn page_with_status<C: Clone + Send + Sync + serde::Serialize + 'static>(
    state: &AppState,
    mut parts: axum::http::request::Parts,
    path: &str,
    submitted: C,
    status: StatusCode,
) -> Response {
    if shows_stages(&parts.headers) {
        let stage = serde_json::to_string(&submitted).unwrap_or_default();
        return in_place_answer(status, &InPlace::Stage { stage });
    }
    parts.method = Method::GET;
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Ok(uri) = path.parse() {
        parts.uri = uri;
    }
    let context = {
        let state = state.clone();
        move || {
            provide_request_context(&state);
            provide_context(submitted.clone());
        }
    };
    let options = state.leptos_options.clone();
    let render =
        leptos_axum::render_app_async_with_context(context, move || crate::shell(options.clone()));
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
}

/// The signed-in person of a route whose declared access needs one. The
/// access guard has already refused everyone else, so a handler takes this
/// instead of checking again; without a session (a route declared open by
/// mistake) it answers "sign in first".
#[derive(Clone, Debug)]
pub struct SignedIn(pub CurrentSession);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = axum::response::Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Option<CurrentSession>>()
            .cloned()
            .flatten()
            .map(SignedIn)
            .ok_or_else(|| refuse(lang_of(&parts.headers), Refusal::SignInFirst))
    }
}

/// A `multipart/form-data` post: its parts (to render the page again with
/// what needs correcting) and its fields to read; anything else is answered
/// with why it is not one.
pub async fn multipart_of<S: Send + Sync>(
    request: Request,
    state: &S,
) -> Result<(axum::http::request::Parts, axum::extract::Multipart), Box<Response>> {
    use axum::extract::FromRequest;
    let (parts, body) = request.into_parts();
    match axum::extract::Multipart::from_request(Request::from_parts(parts.clone(), body), state)
        .await
    {
        Ok(multipart) => Ok((parts, multipart)),
        Err(rejection) => Err(Box::new(rejection.into_response())),
    }
}

#[cfg(test)]
mod tests {
    use super::{safe_next, typed_text};

    #[test]
    fn control_characters_nobody_types_are_dropped() {
        assert_eq!(typed_text("a\0b\u{1}c\u{7f}".into()), "abc");
        assert_eq!(
            typed_text("line\r\nnext\tcell".into()),
            "line\r\nnext\tcell"
        );
        assert_eq!(typed_text("ნაქარგი".into()), "ნაქარგი");
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/news?page=2"), "/news?page=2");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next(""), "/");
    }
}
