//! Saving an organisation's profile and serving its logo.
//!
//! The edit form posts `multipart/form-data` (fields and the logo) to its own
//! address. A valid profile is saved and answered with a redirect (303) back
//! to the form; otherwise the server renders the form again (422) with
//! everything that was typed and each problem next to its field, so nothing
//! is lost, with or without JavaScript.

use super::Submitted;
use crate::auth::server::CurrentSession;
use crate::auth::validate::Problem;
use crate::auth::{Access, Role};
use crate::directory::store::organisations::{self, LogoChange, Saved};
use crate::domain::lang::Lang;
use crate::domain::profile::{self, ProfileInput};
use crate::platform::picture::{self, Kind};
use crate::platform::post::typed_text;
use crate::platform::post::{
    lang_of, multipart_of, page_again, redirect, simple_page, unavailable,
};
use crate::platform::routes::Routes;
use crate::platform::AppState;
use axum::extract::{DefaultBodyLimit, Multipart, Path, RawQuery, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Extension;

/// The whole form may carry a logo over the limit, so that it can be
/// refused with a message while the rest of the form is kept.
const FORM_BODY_LIMIT: usize = 12 * 1024 * 1024;

pub fn router() -> Routes<AppState> {
    Routes::new()
        // Signed in here; `save` asks whether for this organisation.
        .route(
            "/members/{slug}/edit",
            "POST",
            Access::SignedIn,
            FORM_BODY_LIMIT,
            post(save).layer(DefaultBodyLimit::max(FORM_BODY_LIMIT)),
        )
        .get("/members/{slug}/logo", Access::Anyone, logo)
}

/// The form as posted: typed values, the logo's bytes, whether to remove it.
#[derive(Default)]
struct Posted {
    input: ProfileInput,
    logo: Option<Vec<u8>>,
    remove_logo: bool,
}

async fn read_form(
    mut multipart: Multipart,
) -> Result<Posted, axum::extract::multipart::MultipartError> {
    let mut posted = Posted::default();
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "logo" => {
                let bytes = field.bytes().await?;
                if !bytes.is_empty() {
                    posted.logo = Some(bytes.to_vec());
                }
            }
            "listed" => posted.input.listed = true,
            "remove_logo" => posted.remove_logo = true,
            "sector" | "region" | "impact" => {
                let value = field.text().await?;
                if let Some(list) = posted.input.list_mut(&name) {
                    list.push(value);
                }
            }
            _ => {
                let value = typed_text(field.text().await?);
                if let Some(text) = posted.input.text_mut(&name) {
                    *text = value;
                }
            }
        }
    }
    Ok(posted)
}

/// Answers a refused upload only once its body has been read (within the
/// route's limit). Answering first closes the connection while the browser is
/// still sending, and the browser then shows a reset connection instead of
/// the answer.
async fn after_reading(request: Request, response: Response) -> Response {
    let _ = crate::platform::post::read_bounded(request.into_body(), FORM_BODY_LIMIT).await;
    response
}

/// `POST /members/{slug}/edit` (the organisation's representative, staff).
async fn save(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Extension(current): Extension<Option<CurrentSession>>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = lang_of(&headers);
    let Some(session) = current else {
        let to_login = redirect("/login", &[("next", &format!("/members/{slug}/edit"))]);
        return after_reading(request, to_login).await;
    };
    let caller = session.caller;
    let (id, stored) = match organisations::editable(&state.db, &slug).await {
        Ok(Some((id, stored, _))) => (id, stored),
        Ok(None) => return after_reading(request, refusal(lang, StatusCode::NOT_FOUND)).await,
        Err(error) => return after_reading(request, unavailable(lang, error)).await,
    };
    if !Access::MemberOf(id).allows(Some(&caller)) {
        return after_reading(request, refusal(lang, StatusCode::FORBIDDEN)).await;
    }
    let by_staff = matches!(caller.role, Role::Staff | Role::Admin);
    let (parts, multipart) = match multipart_of(request, &state).await {
        Ok(read) => read,
        Err(refused) => return *refused,
    };
    let posted = match read_form(multipart).await {
        Ok(posted) => posted,
        Err(error) => return error.into_response(),
    };
    let mut problems = Vec::new();
    let clean = match profile::validate(&posted.input, &stored, by_staff, crate::apply::today()) {
        Ok(clean) => Some(clean),
        Err(found) => {
            problems = found;
            None
        }
    };
    let logo = match posted.logo {
        Some(bytes) => match picture::in_turn(bytes, Kind::Logo).await {
            Ok(Ok((content_type, bytes))) => LogoChange::Replace {
                content_type: content_type.into(),
                bytes,
            },
            Ok(Err(problem)) => {
                problems.push(("logo".into(), problem));
                LogoChange::Keep
            }
            Err(error) => return unavailable(lang, error),
        },
        None if posted.remove_logo => LogoChange::Remove,
        None => LogoChange::Keep,
    };
    let mut typed = posted.input;
    if !by_staff {
        // What a representative cannot change is shown as stored.
        for field in profile::STAFF_FIELDS {
            if let Some(text) = typed.text_mut(field) {
                *text = stored.text(field).to_string();
            }
        }
    }
    let clean = match clean {
        Some(clean) if problems.is_empty() => clean,
        _ => return form_again(&state, parts, slug, typed, problems).await,
    };
    match organisations::save_profile(&state.db, id, caller.user_id, &stored, &clean, &logo).await {
        Ok(Saved::Changed) => redirect(&format!("/members/{slug}/edit"), &[("saved", "1")]),
        Ok(Saved::Unchanged) => redirect(&format!("/members/{slug}/edit"), &[("saved", "0")]),
        Ok(Saved::IdCodeTaken) => {
            let problems = vec![("id_code".to_string(), Problem::IdCodeTaken)];
            form_again(&state, parts, slug, typed, problems).await
        }
        Err(error) => unavailable(lang, error),
    }
}

/// Renders the edit page again, as a GET of the same address would, with
/// the typed values and the problems in the app's context; answers 422.
async fn form_again(
    state: &AppState,
    parts: axum::http::request::Parts,
    slug: String,
    values: ProfileInput,
    problems: Vec<(String, Problem)>,
) -> Response {
    let path = format!("/members/{slug}/edit");
    let submitted = Submitted {
        slug,
        values,
        problems,
    };
    page_again(state, parts, &path, submitted).await
}

fn refusal(lang: Lang, status: StatusCode) -> Response {
    let r = crate::i18n::messages(lang).refusals();
    let (title, text) = if status == StatusCode::NOT_FOUND {
        (r.not_found_title, r.organisation_not_found)
    } else {
        (r.forbidden_title, r.organisation_forbidden)
    };
    (
        status,
        simple_page(lang, title, text, "/members", r.members),
    )
        .into_response()
}

/// `GET /members/{slug}/logo?v=N`: a listed member's logo, cached for a year
/// when `v` is the current version (a new logo gets a new address). An
/// unlisted organisation's logo is shown only to those who may edit it.
async fn logo(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Extension(current): Extension<Option<CurrentSession>>,
    RawQuery(query): RawQuery,
) -> Response {
    let found = match organisations::logo(&state.db, &slug).await {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(%error, "logo query failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let Some(organisations::Logo {
        organisation_id: id,
        content_type,
        bytes,
        version,
        public,
    }) = found
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let caller = current.map(|s| s.caller);
    if !public && !Access::MemberOf(id).allows(caller.as_ref()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    picture::served(content_type, bytes, version, public, query.as_deref())
}
